"""The monthly run: killed mid-way and rerun, two runs at once, late events, operations in flight,
an application's open transaction (not waited for: issue 16, item 4), a payment racing the
finalization (issue 16, item 10).

PERIOD is last month (UTC): under the late-usage rule only the running month and last month (until
it is billed) count their own usage, so the run's month must be last month.

The run is CALLed as monay_platform in autocommit (it commits per batch). To kill it mid-way
deterministically, an open transaction holds one tenant's month (an operation in flight holds
the month's lock until it commits): the run bills the tenants before it, commits those batches,
then waits at that tenant, and is terminated there with pg_terminate_backend.
"""

from __future__ import annotations

import json
import random
import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from conftest import wait_until
from monaydb.database import Target

THIS_D = datetime.now(UTC).date().replace(day=1)
PERIOD_D = (THIS_D - timedelta(days=1)).replace(day=1)
OLDER_D = (PERIOD_D - timedelta(days=1)).replace(day=1)   # usage dated then counts late in THIS_D
PERIOD = PERIOD_D.isoformat()
THIS = THIS_D.isoformat()
LAST_INSTANT = (datetime(THIS_D.year, THIS_D.month, 1, tzinfo=UTC) - timedelta(microseconds=1)).isoformat()


def period_day(d: int, hour: int = 12) -> str:
    """An instant of PERIOD (day d, 1-based, at the hour), UTC."""
    return datetime(PERIOD_D.year, PERIOD_D.month, d, hour, tzinfo=UTC).isoformat()


def one(conn: psycopg.Connection, query: str, params: list[Any] | None = None) -> Any:
    row = conn.execute(query, params or []).fetchone()
    assert row is not None
    return row[0]


def setup_tenants(db: Target, n: int, batch_size: int, seed: int, lock_timeout: str = "10 minutes") -> list[str]:
    """n tenants on every tier, created before PERIOD, with usage in PERIOD (and a little in the
    month before it, which counts late in the running month); the run's batch size and how long
    its retry pass waits for a busy tenant."""
    rnd = random.Random(seed)
    tenants = sorted(str(uuid.uuid4()) for _ in range(n))
    tiers = [("free", 0), ("small_business", 60), ("enterprise", 70)]
    with db.connect(autocommit=True) as conn, conn.transaction():
        conn.execute("UPDATE monay.settings SET value = %s WHERE key = 'BILLING_RUN_BATCH_SIZE'", [str(batch_size)])
        conn.execute("UPDATE monay.settings SET value = to_jsonb(%s::text) WHERE key = 'BILLING_RUN_LOCK_TIMEOUT'",
                     [lock_timeout])
        conn.execute("SELECT monay.set_platform_context()")
        for i, t in enumerate(tenants):
            tier, margin = tiers[i % 3]
            conn.execute("INSERT INTO monay.tenants (id, name, billing_tier, gross_margin_percent, created_at) "
                         "VALUES (%s, %s, %s, %s, '2025-01-01')", [t, f"run-{i}", tier, margin])
            # A free tenant's KYC checks stay few: 10,000 units a month is 20 of them.
            ops = [{"operation_type": op,
                    "quantity": rnd.randint(1, 2 if tier == "free" and op == "kyc_check" else 40),
                    "occurred_at": rnd.choice([OLDER_D, PERIOD_D, PERIOD_D, PERIOD_D]).replace(
                        day=rnd.randint(1, 28)).isoformat() + "T12:00:00Z"}
                   for op in (rnd.choice(["transfer", "payment", "kyc_check", "api_call"])
                              for _ in range(rnd.randint(0, 6)))]
            if ops:
                conn.execute("SELECT monay.track_operations(%s, %s)", [t, json.dumps(ops)])
    return tenants


def start_run(db: Target, login: str, on_notice: Any = None) -> tuple[threading.Thread, dict[str, Any], int]:
    conn = psycopg.connect(db.conninfo + f" user={login}", autocommit=True)
    if on_notice is not None:
        conn.add_notice_handler(on_notice)
    pid = conn.info.backend_pid
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            conn.execute("CALL monay.process_monthly_billing(%s)", [PERIOD])
            out["ok"] = True
        except psycopg.Error as exc:
            out["error"] = exc
        finally:
            conn.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out, pid


def billed_vs_tracked(db: Target) -> list[tuple[str, int, int, int, int]]:
    """Per tenant: billed transactions and units of PERIOD, and tracked ones (events counted in PERIOD)."""
    with db.connect() as conn:
        return conn.execute(
            "SELECT t.id::text, m.transactions_used, m.computation_units_used, "
            "       coalesce(e.tx, 0)::bigint, coalesce(e.cu, 0)::bigint "
            "FROM monay.tenants t "
            "JOIN monay.billing_metrics m ON m.tenant_id = t.id AND m.period = %(p)s "
            "LEFT JOIN (SELECT tenant_id, sum(transactions) tx, sum(computation_units) cu "
            "           FROM monay.billing_operations WHERE billing_period = %(p)s GROUP BY tenant_id) e "
            "       ON e.tenant_id = t.id "
            "WHERE t.name LIKE 'run-%%' ORDER BY 1", {"p": PERIOD}).fetchall()


def waits_on_advisory_lock(watch: psycopg.Connection, pid: int) -> bool:
    """Backend pid waits for an advisory lock (a billing period lock)."""
    return bool(one(watch, "SELECT count(*) FROM pg_stat_activity WHERE pid = %s AND wait_event = 'advisory'", [pid]))


def test_killed_run_then_rerun_bills_each_tenant_exactly_once(db: Target, platform_login: str) -> None:
    tenants = setup_tenants(db, n=60, batch_size=5, seed=7)
    blocked = tenants[31]  # in the 7th batch

    holder = psycopg.connect(db.conninfo + f" user={platform_login}")
    holder.execute("SELECT monay.set_tenant_context(%s)", [blocked])
    late_op = one(holder, "SELECT monay.track_operation(%s, 'transfer', 7, NULL, %s)", [blocked, period_day(15, 8)])
    assert late_op["billing_period"] == PERIOD  # not billed yet: it counts in its own month

    thread, out, pid = start_run(db, platform_login)
    with db.connect(autocommit=True) as watch:
        wait_until(lambda: waits_on_advisory_lock(watch, pid))
        billed_before_kill = one(watch, "SELECT count(*) FROM monay.billing_metrics WHERE period = %s", [PERIOD])
        assert 0 < billed_before_kill < len(tenants), "the run is stopped mid-way, after committed batches"
        assert one(watch, "SELECT pg_terminate_backend(%s)", [pid]) is True
    thread.join(timeout=60)
    assert "error" in out, "the killed run ends with an error"

    holder.commit()  # the operation in flight commits after the kill: June is still open for it
    holder.close()

    with db.connect() as conn:
        billed = one(conn, "SELECT count(*) FROM monay.billing_metrics WHERE period = %s", [PERIOD])
        assert billed == billed_before_kill
        killed = conn.execute("SELECT finished_at, tenants_billed FROM monay.billing_runs").fetchall()
    assert len(killed) == 1 and killed[0][0] is None and killed[0][1] == billed_before_kill

    thread, out, _ = start_run(db, platform_login)
    thread.join(timeout=120)
    assert out.get("ok"), out

    rows = billed_vs_tracked(db)
    assert len(rows) == len(tenants) == len({r[0] for r in rows}), "every tenant billed, once"
    assert all(r[1] == r[3] and r[2] == r[4] for r in rows), "billed units equal tracked units, per tenant"
    assert any(r[0] == blocked and r[3] >= 7 for r in rows), "the operation in flight is in its tenant's bill"
    with db.connect() as conn:
        runs = conn.execute("SELECT tenants_billed, finished_at IS NOT NULL FROM monay.billing_runs "
                            "ORDER BY id").fetchall()
        counters = one(conn, "SELECT sum(computation_units) FROM monay_private.billing_usage_counters "
                             "WHERE period = %s", [PERIOD])
        billed = one(conn, "SELECT sum(computation_units_used) FROM monay.billing_metrics WHERE period = %s", [PERIOD])
    assert runs == [(billed_before_kill, False), (len(tenants) - billed_before_kill, True)]
    assert counters == billed


def test_two_runs_at_once_do_not_double_bill(db: Target, platform_login: str) -> None:
    """Two runs that really overlap: an operation in flight holds one tenant's month, so both
    runs bill what they can and then both wait for that tenant at the same time (seen in
    pg_stat_activity) before it is released; each tenant is still billed exactly once."""
    tenants = setup_tenants(db, n=90, batch_size=4, seed=11)
    blocked = tenants[45]
    holder = psycopg.connect(db.conninfo + f" user={platform_login}")
    holder.execute("SELECT monay.set_tenant_context(%s)", [blocked])
    holder.execute("SELECT monay.track_operation(%s, 'transfer', 3, NULL, %s)", [blocked, period_day(20)])
    (t1, o1, pid1), (t2, o2, pid2) = start_run(db, platform_login), start_run(db, platform_login)
    with db.connect(autocommit=True) as watch:
        wait_until(lambda: waits_on_advisory_lock(watch, pid1) and waits_on_advisory_lock(watch, pid2))
    holder.commit()  # both runs are running now, both waiting: release them together
    holder.close()
    t1.join(timeout=120)
    t2.join(timeout=120)
    assert o1.get("ok") and o2.get("ok"), (o1, o2)
    rows = billed_vs_tracked(db)
    assert len(rows) == len(tenants)
    assert all(r[1] == r[3] and r[2] == r[4] for r in rows)
    with db.connect() as conn:
        runs = conn.execute("SELECT tenants_billed, tenants_skipped FROM monay.billing_runs").fetchall()
    assert sum(b for b, _ in runs) == len(tenants), "each tenant was billed by exactly one of the runs"


def test_late_events_count_in_the_next_open_month(db: Target, platform_login: str) -> None:
    setup_tenants(db, n=3, batch_size=10, seed=3)
    thread, out, _ = start_run(db, platform_login)
    thread.join(timeout=60)
    assert out.get("ok"), out
    with db.connect() as conn:
        tenant = one(conn, "SELECT id::text FROM monay.tenants WHERE name = 'run-1'")
    with psycopg.connect(db.conninfo + f" user={platform_login}", autocommit=True) as conn, conn.transaction():
        conn.execute("SELECT monay.set_platform_context()")
        before = one(conn, "SELECT monay.calculate_tenant_billing(%s, %s)", [tenant, PERIOD])
        july_before = one(conn, "SELECT monay.calculate_tenant_billing(%s, %s)", [tenant, THIS])
        late = one(conn, "SELECT monay.track_operation(%s, 'transfer', 5, NULL, %s)", [tenant, LAST_INSTANT])
        after = one(conn, "SELECT monay.calculate_tenant_billing(%s, %s)", [tenant, PERIOD])
        july = one(conn, "SELECT monay.calculate_tenant_billing(%s, %s)", [tenant, THIS])
    assert (late["billing_period"], late["late"]) == (THIS, True)
    assert after["costs"] == before["costs"] and after["usage"] == before["usage"], "the finalized bill never changes"
    assert july["usage"]["late_transactions"] == july_before["usage"]["late_transactions"] + 5
    assert july["usage"]["transactions"]["used"] == july_before["usage"]["transactions"]["used"] + 5


def test_operation_in_flight_is_waited_for_by_finalization(db: Target, platform_login: str) -> None:
    """An operation of June still uncommitted when June is finalized: finalization waits for it
    and bills it; an operation after finalization is late (July)."""
    tenants = setup_tenants(db, n=1, batch_size=10, seed=5)
    tenant = tenants[0]
    op_conn = psycopg.connect(db.conninfo + f" user={platform_login}")
    op_conn.execute("SELECT monay.set_tenant_context(%s)", [tenant])
    op_conn.execute("SELECT monay.track_operation(%s, 'kyc_check', 2, NULL, %s)", [tenant, LAST_INSTANT])

    result: dict[str, Any] = {}
    fin_conn = psycopg.connect(db.conninfo + f" user={platform_login}", autocommit=True)
    fin_pid = fin_conn.info.backend_pid

    def finalize() -> None:
        with fin_conn.transaction():
            fin_conn.execute("SELECT monay.set_platform_context()")
            result["bill"] = one(fin_conn, "SELECT monay.finalize_tenant_billing(%s, %s)", [tenant, PERIOD])

    thread = threading.Thread(target=finalize)
    thread.start()
    with db.connect(autocommit=True) as watch:
        wait_until(lambda: waits_on_advisory_lock(watch, fin_pid))
    op_conn.commit()
    thread.join(timeout=60)
    fin_conn.close()
    rows = billed_vs_tracked(db)
    assert rows and rows[0][2] == rows[0][4], "the bill includes the operation it waited for"
    assert result["bill"]["created"] is True
    op_conn.execute("SELECT monay.set_tenant_context(%s)", [tenant])
    late = one(op_conn, "SELECT monay.track_operation(%s, 'kyc_check', 1, NULL, %s)", [tenant, LAST_INSTANT])
    op_conn.commit()
    op_conn.close()
    assert (late["billing_period"], late["late"]) == (THIS, True)


@pytest.mark.parametrize("period", [period_day(15)[:10]])
def test_run_refuses_inside_a_transaction_and_bills_nothing(db: Target, platform_login: str, period: str) -> None:
    setup_tenants(db, n=2, batch_size=10, seed=1)
    with psycopg.connect(db.conninfo + f" user={platform_login}") as conn:
        with pytest.raises(psycopg.errors.InvalidTransactionTermination):
            conn.execute("CALL monay.process_monthly_billing(%s)", [period])
        conn.rollback()
    with db.connect() as conn:
        assert one(conn, "SELECT count(*) FROM monay.billing_metrics") == 0


def test_run_does_not_wait_for_an_open_transaction(db: Target, platform_login: str, app_login: str) -> None:
    """Issue 16, item 4: an application leaves a transaction open holding a tenant's month. The run
    bills everybody else, waits for that tenant at most BILLING_RUN_LOCK_TIMEOUT (on its retry pass),
    records it durably (55P03) and counts it as failed; a rerun after the commit bills it."""
    tenants = setup_tenants(db, n=12, batch_size=3, seed=13, lock_timeout="200 milliseconds")
    blocked = tenants[4]
    holder = psycopg.connect(db.conninfo + f" user={platform_login}")
    holder.execute("SELECT monay.set_tenant_context(%s)", [blocked])
    holder.execute("SELECT monay.track_operation(%s, 'transfer', 3, NULL, %s)", [blocked, period_day(20)])
    # The same bucket may hold other tenants: they are busy too while the holder is open.
    with db.connect() as conn:
        same_bucket = {r[0] for r in conn.execute(
            "SELECT t::text FROM unnest(%s::uuid[]) t WHERE monay_private.billing_period_lock_key(t, %s) "
            "= monay_private.billing_period_lock_key(%s, %s)", [tenants, PERIOD, blocked, PERIOD]).fetchall()}

    thread, out, _ = start_run(db, platform_login)
    thread.join(timeout=120)
    assert out.get("ok"), out
    with db.connect() as conn:
        billed = {r[0] for r in conn.execute(
            "SELECT tenant_id::text FROM monay.billing_metrics WHERE period = %s", [PERIOD]).fetchall()}
        run = conn.execute("SELECT tenants_billed, tenants_failed, finished_at IS NOT NULL FROM monay.billing_runs"
                           ).fetchone()
        failures = conn.execute("SELECT tenant_id::text, sqlstate, source FROM monay_private.billing_failures "
                                "WHERE period = %s", [PERIOD]).fetchall()
    assert billed == set(tenants) - same_bucket, "everybody else is billed"
    assert run == (len(tenants) - len(same_bucket), len(same_bucket), True)
    assert {(t, "55P03", "monthly_run") for t in same_bucket} == set(failures)

    holder.commit()
    holder.close()
    thread, out, _ = start_run(db, platform_login)
    thread.join(timeout=120)
    assert out.get("ok"), out
    rows = billed_vs_tracked(db)
    assert len(rows) == len(tenants), "the rerun bills the tenant that was busy"
    assert any(r[0] == blocked and r[3] >= 3 for r in rows), "with the operation that was in flight"


def _bill_row(db: Target, tenant: str) -> tuple[str, int]:
    with db.connect() as conn:
        row = conn.execute("SELECT status, total_before_discount_cents FROM monay.billing_metrics "
                           "WHERE tenant_id = %s AND period = %s", [tenant, PERIOD]).fetchone()
    assert row is not None
    return row[0], row[1]


@pytest.mark.parametrize("first", ["finalize", "payment"])
def test_first_payment_racing_the_finalization_pays_the_bill(db: Target, platform_login: str, first: str) -> None:
    """Issue 16, item 10: a tenant with no payment yet; one session finalizes its bill, another pays,
    in either order, each waiting for the other's commit (explicit interleaving, no sleeps). The
    credit pays the bill the moment it is finalized."""
    tenant = setup_tenants(db, n=2, batch_size=10, seed=17)[1]  # run-1: small_business, a bill above 0
    a = psycopg.connect(db.conninfo + f" user={platform_login}")
    b = psycopg.connect(db.conninfo + f" user={platform_login}")
    a.execute("SELECT monay.set_platform_context()")
    b.execute("SELECT monay.set_platform_context()")
    second: dict[str, Any] = {}

    def finalize() -> None:
        second["r"] = one(a, "SELECT monay.finalize_tenant_billing(%s, %s)", [tenant, PERIOD])

    def pay() -> None:
        second["r"] = one(b, "SELECT monay.process_payment(%s, 100000, 'USDC')", [tenant])

    if first == "finalize":
        finalize()
        thread = threading.Thread(target=pay)
        waiter, holder = b, a
    else:
        pay()
        thread = threading.Thread(target=finalize)
        waiter, holder = a, b
    thread.start()
    with db.connect(autocommit=True) as watch:
        wait_until(lambda: waits_on_advisory_lock(watch, waiter.info.backend_pid))
    holder.commit()
    thread.join(timeout=60)
    waiter.commit()
    a.close()
    b.close()
    status, total = _bill_row(db, tenant)
    assert total > 0
    assert status == "paid", "the bill is paid by the credit, whatever the interleaving"
    with db.connect() as conn:
        allocated = one(conn, "SELECT coalesce(sum(amount_cents), 0) FROM monay.payment_allocations "
                              "WHERE tenant_id = %s AND period = %s", [tenant, PERIOD])
    assert allocated == total


def test_payment_in_flight_sends_the_batch_tenant_by_tenant(db: Target, platform_login: str) -> None:
    """Issue 13: a batch stores its bills in one statement, then takes the waterfall lock of every
    bill above 0 without waiting. A payment left open holds one of them: the batch is rolled back
    and billed tenant by tenant (its progress NOTICE says fallback 55P03), the others are billed at
    once, the paying tenant is retried at the end and waits there for the payment's commit; its
    credit then pays its bill."""
    tenants = setup_tenants(db, n=6, batch_size=10, seed=23)
    paying = tenants[1]  # run-1: small_business, a bill above 0
    holder = psycopg.connect(db.conninfo + f" user={platform_login}")
    holder.execute("SELECT monay.set_platform_context()")
    holder.execute("SELECT monay.process_payment(%s, 100000, 'USDC')", [paying])

    details: list[dict[str, Any]] = []
    thread, out, pid = start_run(db, platform_login,
                                 lambda d: details.append(json.loads(d.message_detail or "null") or {}))
    with db.connect(autocommit=True) as watch:
        # The retry pass waiting for the payment: every batch committed (the empty last one was
        # reported), then an advisory-lock wait. Not any advisory wait: the batch's own 1 ms try
        # of the waterfall lock is one too, before its tenants are billed.
        wait_until(lambda: any(d.get("event") == "batch" and not d["last_tenant_id"] for d in details)
                   and waits_on_advisory_lock(watch, pid))
        billed_meanwhile = one(watch, "SELECT count(*) FROM monay.billing_metrics WHERE period = %s", [PERIOD])
    holder.commit()
    holder.close()
    thread.join(timeout=120)
    assert out.get("ok"), out
    batches = [d for d in details if d.get("event") == "batch" and d["last_tenant_id"]]  # not the empty last
    assert [b["fallback"] for b in batches] == ["55P03"], "the batch went tenant by tenant, because of the lock"
    assert billed_meanwhile == len(tenants) - 1, "the others were billed without waiting for the payment"
    assert [d["billed"] for d in details if d.get("event") == "retry"] == [1]
    status, total = _bill_row(db, paying)
    assert total > 0
    assert status == "paid", "the payment's credit pays the bill once both are in"
