"""The monthly run: killed mid-way and rerun, two runs at once, late events, operations in flight.

The run is CALLed as monay_platform in autocommit (it commits per batch). To kill it mid-way
deterministically, an open transaction holds one tenant's month (an operation in flight holds
the month's lock until it commits): the run bills the tenants before it, commits those batches,
then waits at that tenant, and is terminated there with pg_terminate_backend.
"""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from typing import Any

import psycopg
import pytest

from monaydb.database import Target

PERIOD = "2025-06-01"


def one(conn: psycopg.Connection, query: str, params: list[Any] | None = None) -> Any:
    row = conn.execute(query, params or []).fetchone()
    assert row is not None
    return row[0]


def setup_tenants(db: Target, n: int, batch_size: int, seed: int) -> list[str]:
    """n tenants on every tier, created before PERIOD, with usage in PERIOD (and a little in the
    months around it); the run's batch size."""
    rnd = random.Random(seed)
    tenants = sorted(str(uuid.uuid4()) for _ in range(n))
    tiers = [("free", 0), ("small_business", 60), ("enterprise", 70)]
    with db.connect(autocommit=True) as conn, conn.transaction():
        conn.execute("UPDATE monay.settings SET value = %s WHERE key = 'BILLING_RUN_BATCH_SIZE'", [str(batch_size)])
        conn.execute("SELECT monay.set_platform_context()")
        for i, t in enumerate(tenants):
            tier, margin = tiers[i % 3]
            conn.execute("INSERT INTO monay.tenants (id, name, billing_tier, gross_margin_percent, created_at) "
                         "VALUES (%s, %s, %s, %s, '2025-01-01')", [t, f"run-{i}", tier, margin])
            # A free tenant's KYC checks stay few: 10,000 units a month is 20 of them.
            ops = [{"operation_type": op,
                    "quantity": rnd.randint(1, 2 if tier == "free" and op == "kyc_check" else 40),
                    "occurred_at": f"2025-0{rnd.choice([5, 6, 6, 6, 7])}-{rnd.randint(1, 28):02d}T12:00:00Z"}
                   for op in (rnd.choice(["transfer", "payment", "kyc_check", "api_call"])
                              for _ in range(rnd.randint(0, 6)))]
            if ops:
                conn.execute("SELECT monay.track_operations(%s, %s)", [t, json.dumps(ops)])
    return tenants


def start_run(db: Target, login: str) -> tuple[threading.Thread, dict[str, Any], int]:
    conn = psycopg.connect(db.conninfo + f" user={login}", autocommit=True)
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


def wait_until(predicate: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def test_killed_run_then_rerun_bills_each_tenant_exactly_once(db: Target, platform_login: str) -> None:
    tenants = setup_tenants(db, n=60, batch_size=5, seed=7)
    blocked = tenants[31]  # in the 7th batch

    holder = psycopg.connect(db.conninfo + f" user={platform_login}")
    holder.execute("SELECT monay.set_tenant_context(%s)", [blocked])
    late_op = one(holder, "SELECT monay.track_operation(%s, 'transfer', 7, NULL, '2025-06-15 08:00+00')", [blocked])
    assert late_op["billing_period"] == PERIOD  # not billed yet: it counts in June

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
    tenants = setup_tenants(db, n=90, batch_size=4, seed=11)
    (t1, o1, _), (t2, o2, _) = start_run(db, platform_login), start_run(db, platform_login)
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
        july_before = one(conn, "SELECT monay.calculate_tenant_billing(%s, '2025-07-01')", [tenant])
        late = one(conn, "SELECT monay.track_operation(%s, 'transfer', 5, NULL, '2025-06-30 23:59:59.999999+00')",
                   [tenant])
        after = one(conn, "SELECT monay.calculate_tenant_billing(%s, %s)", [tenant, PERIOD])
        july = one(conn, "SELECT monay.calculate_tenant_billing(%s, '2025-07-01')", [tenant])
    assert (late["billing_period"], late["late"]) == ("2025-07-01", True)
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
    op_conn.execute("SELECT monay.track_operation(%s, 'kyc_check', 2, NULL, '2025-06-30 23:00+00')", [tenant])

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
    late = one(op_conn, "SELECT monay.track_operation(%s, 'kyc_check', 1, NULL, '2025-06-30 23:30+00')", [tenant])
    op_conn.commit()
    op_conn.close()
    assert (late["billing_period"], late["late"]) == ("2025-07-01", True)


@pytest.mark.parametrize("period", ["2025-06-15"])
def test_run_refuses_inside_a_transaction_and_bills_nothing(db: Target, platform_login: str, period: str) -> None:
    setup_tenants(db, n=2, batch_size=10, seed=1)
    with psycopg.connect(db.conninfo + f" user={platform_login}") as conn:
        with pytest.raises(psycopg.errors.InvalidTransactionTermination):
            conn.execute("CALL monay.process_monthly_billing(%s)", [period])
        conn.rollback()
    with db.connect() as conn:
        assert one(conn, "SELECT count(*) FROM monay.billing_metrics") == 0
