"""The benchmark's data set, generated in the target database as the superuser.

Tenants, users and memberships are written with INSERT ... SELECT generate_series
through the real tables, with every trigger of ours left on, so what the
project keeps in sync by trigger (tenant codes, tier history, audit rows,
membership counters) is kept in sync here too. Ids are deterministic:

    tenant n   md5('bench-tenant:' || n)::uuid, owner user n (role owner)
    user n     md5('bench-user:' || n)::uuid, u<n>@bench.test
    odd n      user n is also admin of tenant n + 1 (for switch_tenant)

Tenant 1 is the one-tenant ingestion tenant, tenant 2 the
"heavy" tenant whose current month grows with the steps (both enterprise); tenants are
otherwise 60% free, 30% small_business, 10% enterprise. Every tenant exists
from six months before the current month, so that each of the three closed
months before the current one can be billed in full.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import psycopg
from psycopg import sql

from monaydb.database import Target

SETUP_SQL = Path(__file__).resolve().parents[1] / "sql" / "setup.sql"
JWT_SECRET = "monay-bench-jwt-secret-0123456789abcdef0123"
APP_LOGIN = "monay_bench_app"
PLATFORM_LOGIN = "monay_bench_platform"
BATCH = 100_000

Progress = Callable[[str], None]


def tenant_id_sql(expr: str) -> str:
    return f"md5('bench-tenant:' || ({expr}))::uuid"


def user_id_sql(expr: str) -> str:
    return f"md5('bench-user:' || ({expr}))::uuid"


def ensure_login_roles(server: Target) -> None:
    """Cluster-wide login roles for pgbench: one in monay_app, one in monay_platform."""
    with server.with_dbname("postgres").connect(autocommit=True) as conn:
        for name, group in ((APP_LOGIN, "monay_app"), (PLATFORM_LOGIN, "monay_platform")):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone():
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS").format(
                    sql.Identifier(name)))
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))


def install(target: Target) -> None:
    """The monay_bench schema, pg_stat_statements and the JWT secret (superuser)."""
    with target.connect() as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        conn.execute(SETUP_SQL.read_text())  # type: ignore[arg-type]
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.set_jwt_secret(%s)", [JWT_SECRET])
        conn.commit()


def month_start(offset: int, today: date | None = None) -> date:
    """First day of the month `offset` months from the current one (UTC)."""
    d = today or date.today()
    m = d.year * 12 + (d.month - 1) + offset
    return date(m // 12, m % 12 + 1, 1)


def tenant_count(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT coalesce(max(n), 0) FROM monay_bench.tokens").fetchone()
    return int(row[0]) if row else 0


def grow_tenants(target: Target, upto: int, progress: Progress | None = None) -> int:
    """Add tenants (with owners, memberships and tokens) until there are `upto`; returns how many."""
    with target.connect() as conn:
        have = tenant_count(conn)
        created = month_start(-6)
        lo = have + 1
        while lo <= upto:
            hi = min(upto, lo + BATCH - 1)
            params = {"lo": lo, "hi": hi, "created": created, "secret": JWT_SECRET}
            conn.execute(f"""
                INSERT INTO monay.users (id, email, display_name, created_at, updated_at)
                SELECT {user_id_sql('i')}, 'u' || i || '@bench.test', 'bench user ' || i,
                       %(created)s, %(created)s
                FROM generate_series(%(lo)s::int, %(hi)s::int) i""", params)
            conn.execute(f"""
                INSERT INTO monay.tenants (id, name, tenant_type, billing_tier, gross_margin_percent,
                                           created_at, updated_at, status_changed_at)
                SELECT {tenant_id_sql('i')}, 'bench tenant ' || i, t.tier_type, t.tier, t.margin,
                       %(created)s, %(created)s, %(created)s
                FROM generate_series(%(lo)s::int, %(hi)s::int) i
                CROSS JOIN LATERAL (SELECT
                    CASE WHEN i <= 2 OR i %% 10 = 3 THEN 'enterprise'
                         WHEN i %% 10 IN (4, 5, 6) THEN 'small_business' ELSE 'free' END AS tier) k
                CROSS JOIN LATERAL (SELECT k.tier,
                    CASE k.tier WHEN 'free' THEN 'individual' ELSE k.tier END AS tier_type,
                    CASE k.tier WHEN 'enterprise' THEN 80 WHEN 'small_business' THEN 65 ELSE 0 END AS margin
                    ) t""", params)
            # Owners, then the second membership of every odd user (in tenant n + 1).
            conn.execute(f"""
                INSERT INTO monay.tenant_users (tenant_id, user_id, role, created_at, updated_at)
                SELECT {tenant_id_sql('i')}, {user_id_sql('i')}, 'owner', %(created)s, %(created)s
                FROM generate_series(%(lo)s::int, %(hi)s::int) i""", params)
            conn.execute(f"""
                INSERT INTO monay.tenant_users (tenant_id, user_id, role, created_at, updated_at)
                SELECT {tenant_id_sql('i + 1')}, {user_id_sql('i')}, 'admin', %(created)s, %(created)s
                FROM generate_series(greatest(%(lo)s::int - 1, 1), %(hi)s::int - 1) i
                WHERE i %% 2 = 1""", params)
            # The membership counters: right whether or not a trigger keeps them.
            conn.execute(f"""
                INSERT INTO monay_private.user_tenant_counts AS c (user_id, active_tenants)
                SELECT tu.user_id, count(*) FROM monay.tenant_users tu
                WHERE tu.status = 'active' AND tu.user_id IN (
                    SELECT {user_id_sql('i')} FROM generate_series(greatest(%(lo)s::int - 1, 1), %(hi)s::int) i)
                GROUP BY tu.user_id
                ON CONFLICT (user_id) DO UPDATE SET active_tenants = excluded.active_tenants""", params)
            conn.execute(f"""
                INSERT INTO monay_bench.tokens (n, tenant_id, user_id, other_tenant_id, token)
                SELECT i, {tenant_id_sql('i')}, {user_id_sql('i')},
                       CASE WHEN i %% 2 = 1 THEN {tenant_id_sql('i + 1')} END,
                       monay_bench.make_token({user_id_sql('i')}, {tenant_id_sql('i')}, %(secret)s)
                FROM generate_series(%(lo)s::int, %(hi)s::int) i""", params)
            # The last odd tenant's partner may not exist yet: no switch target then.
            conn.execute("""
                UPDATE monay_bench.tokens SET other_tenant_id = NULL
                WHERE n = %(hi)s AND n %% 2 = 1""", params)
            conn.execute("""
                UPDATE monay_bench.tokens SET other_tenant_id = md5('bench-tenant:' || (n + 1))::uuid
                WHERE n = %(lo)s::int - 1 AND n %% 2 = 1""", params)
            conn.commit()
            if progress:
                progress(f"tenants {hi:,} / {upto:,}")
            lo = hi + 1
        conn.execute("ANALYZE monay.tenants")
        conn.execute("ANALYZE monay.tenant_users")
        conn.execute("ANALYZE monay.users")
        conn.execute("ANALYZE monay_bench.tokens")
        conn.commit()
        return upto - have if upto > have else 0


# --- usage events ---------------------------------------------------------------------------

OP_TYPES = ("transfer", "payment", "api_call", "card_authorization", "wallet_create")
OPS_BATCH = 20_000  # tenants per statement


def billing_ready(target: Target) -> bool:
    with target.connect() as conn:
        row = conn.execute("SELECT to_regclass('monay.billing_operations') IS NOT NULL "
                           "AND to_regclass('monay_private.billing_usage_counters') IS NOT NULL").fetchone()
        return bool(row and row[0])


# One INSERT ... SELECT straight into the partitioned parent, as superuser with
# triggers off (session_replication_role = replica): every column is computed
# here exactly as monay.track_operation computes it (units, transactions and
# cost from monay.operation_costs, billing_period = the month, not late), and
# the same statement adds the events to the sharded usage counters (slot 0 of
# the tenant's tier), which is what monay_private.billing_account keeps in
# sync. Rate-limit state is left alone (historic events take no token).
_OPS_SQL = """
WITH gen AS (
    SELECT {tenant} AS tenant_id, m.period, j,
           (%(types)s::text[])[1 + (i + j) %% cardinality(%(types)s::text[])] AS operation_type,
           m.period + make_interval(secs => ((i::bigint * 7919 + j::bigint * 104729) %% m.seconds)) AS occurred_at
    FROM generate_series(%(lo)s::int, %(hi)s::int) i
    CROSS JOIN LATERAL (
        SELECT p::date AS period,
               greatest(1, extract(epoch FROM least(p + interval '1 month', now()) - p)::bigint) AS seconds
        FROM generate_series(%(first)s::date, %(last)s::date, interval '1 month') p) m
    CROSS JOIN generate_series(1, %(k)s::int) j
), ins AS (
    INSERT INTO monay.billing_operations (id, tenant_id, operation_type, quantity, computation_units,
        transactions, cost_millicents, occurred_at, billing_period, late, idempotency_key, recorded_at)
    SELECT nextval('monay.billing_operation_id_seq'), g.tenant_id, g.operation_type, 1, c.computation_units,
           CASE WHEN c.counts_as_transaction THEN 1 ELSE 0 END, c.cost_millicents, g.occurred_at,
           g.period, false, NULL, g.occurred_at
    FROM gen g JOIN monay.operation_costs c USING (operation_type)
    RETURNING tenant_id, billing_period, quantity, computation_units, transactions, cost_millicents
)
INSERT INTO monay_private.billing_usage_counters AS u
    (tenant_id, period, tier, slot, transactions, computation_units, operations, cost_millicents)
SELECT ins.tenant_id, ins.billing_period, s.billing_tier, 0, sum(ins.transactions), sum(ins.computation_units),
       sum(ins.quantity), sum(ins.cost_millicents)
FROM ins JOIN monay_private.billing_tenant_state s USING (tenant_id)
GROUP BY 1, 2, 3
ON CONFLICT (tenant_id, period, tier, slot) DO UPDATE
    SET transactions = u.transactions + excluded.transactions,
        computation_units = u.computation_units + excluded.computation_units,
        operations = u.operations + excluded.operations,
        cost_millicents = u.cost_millicents + excluded.cost_millicents
"""


def grow_operations(target: Target, lo: int, hi: int, per_month: int, months: int,
                    progress: Progress | None = None) -> int:
    """Usage events of tenants lo..hi: `per_month` in each of the `months` - 1 closed
    months before the current one and in the current one (up to now). Returns how many."""
    first, last = month_start(-(months - 1)), month_start(0)
    total = 0
    with target.connect() as conn:
        start = lo
        while start <= hi:
            end = min(hi, start + OPS_BATCH - 1)
            conn.execute("SET LOCAL session_replication_role = replica")
            conn.execute(_OPS_SQL.format(tenant=tenant_id_sql("i")),
                         {"lo": start, "hi": end, "first": first, "last": last, "k": per_month,
                          "types": list(OP_TYPES)})
            conn.commit()
            total += (end - start + 1) * per_month * months
            if progress:
                progress(f"operations of tenants {end:,} / {hi:,}")
            start = end + 1
    return total


def grow_heavy(target: Target, n: int, count: int) -> int:
    """`count` more current-month events for tenant n (the heavy tenant)."""
    if count <= 0:
        return 0
    done = 0
    with target.connect() as conn:
        while done < count:
            k = min(500_000, count - done)
            conn.execute("SET LOCAL session_replication_role = replica")
            conn.execute(_OPS_SQL.format(tenant=tenant_id_sql("i")).replace(
                "CROSS JOIN generate_series(1, %(k)s::int) j",
                "CROSS JOIN generate_series(%(j0)s::int + 1, %(j0)s::int + %(k)s::int) j"),
                {"lo": n, "hi": n, "first": month_start(0), "last": month_start(0), "k": k, "j0": done,
                 "types": list(OP_TYPES)})
            conn.commit()
            done += k
    return done


def analyze_billing(target: Target) -> None:
    with target.connect(autocommit=True) as conn:
        conn.execute("ANALYZE monay.billing_operations")
        conn.execute("ANALYZE monay_private.billing_usage_counters")
