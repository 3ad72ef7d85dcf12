"""Billing under concurrency: idempotency keys from 8 connections, payments racing the waterfall.

Every worker is its own connection in the platform role acting inside the tenant (a platform
job), in its own transaction, released together by a barrier so that the calls really race.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from monaydb.database import Target

WORKERS = 8


def make_tenant(db: Target, tier: str, created_at: str = "2025-01-01 00:00+00") -> str:
    tenant = str(uuid.uuid4())
    margin = {"free": 0, "small_business": 60, "enterprise": 70}[tier]
    with db.connect(autocommit=True) as conn:
        conn.execute("INSERT INTO monay.tenants (id, name, billing_tier, gross_margin_percent, created_at) "
                     "VALUES (%s, %s, %s, %s, %s)", [tenant, f"t-{tenant[:8]}", tier, margin, created_at])
    return tenant


def race(db: Target, login: str, tenant: str,
         calls: list[Callable[[psycopg.Connection, int], Any]]) -> list[list[Any]]:
    """Run calls[i](conn, worker) on each of WORKERS connections at once (barrier), each in its own
    transaction inside the tenant's context; returns per call the WORKERS results (or exceptions)."""
    conns = [psycopg.connect(db.conninfo + f" user={login}", autocommit=True) for _ in range(WORKERS)]
    barrier = threading.Barrier(WORKERS)
    out: list[list[Any]] = [[None] * WORKERS for _ in calls]

    def worker(w: int) -> None:
        conn = conns[w]
        for i, call in enumerate(calls):
            barrier.wait()
            try:
                with conn.transaction():
                    conn.execute("SELECT monay.set_tenant_context(%s)", [tenant])
                    out[i][w] = call(conn, w)
            except psycopg.Error as exc:
                out[i][w] = exc

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for c in conns:
        c.close()
    return out


def one(conn: psycopg.Connection, query: str, params: list[Any]) -> Any:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


def test_duplicate_track_operation_from_8_connections_records_each_key_once(db: Target, platform_login: str) -> None:
    tenant = make_tenant(db, "enterprise")
    keys = [f"op-{i}" for i in range(12)]
    calls = [(lambda c, _w, k=k: one(c, "SELECT monay.track_operation(%s, 'transfer', 3, %s)", [tenant, k]))
             for k in keys]
    results = race(db, platform_login, tenant, calls)
    for key, res in zip(keys, results, strict=True):
        assert all(isinstance(r, dict) for r in res), (key, res)
        assert len({r["operation_id"] for r in res}) == 1, f"{key}: every caller gets the first operation id"
        assert sorted(r["duplicate"] for r in res) == [False] + [True] * (WORKERS - 1), key
    with db.connect() as conn:
        events = one(conn, "SELECT count(*) FROM monay.billing_operations WHERE tenant_id = %s", [tenant])
        counted = one(conn, "SELECT sum(transactions) FROM monay_private.billing_usage_counters "
                            "WHERE tenant_id = %s", [tenant])
        stored = one(conn, "SELECT count(*) FROM monay_private.billing_idempotency_keys WHERE tenant_id = %s", [tenant])
    assert (events, counted, stored) == (len(keys), 3 * len(keys), len(keys))


def test_same_key_different_payload_concurrently(db: Target, platform_login: str) -> None:
    """Half the callers send quantity 1, half quantity 2, with one key: one is recorded, the
    callers with the winner's payload get it back, the other half get MT406."""
    tenant = make_tenant(db, "enterprise")
    results = race(db, platform_login, tenant, [
        lambda c, w: one(c, "SELECT monay.track_operation(%s, 'payment', %s, 'mixed')", [tenant, 1 + w % 2]),
    ])[0]
    ok = [r for r in results if isinstance(r, dict)]
    refused = [r for r in results if isinstance(r, psycopg.Error)]
    assert (len(ok), len(refused)) == (WORKERS // 2, WORKERS // 2), results
    assert len({r["operation_id"] for r in ok}) == 1 and len({r["quantity"] for r in ok}) == 1
    assert all(r.sqlstate == "MT406" for r in refused)
    with db.connect() as conn:
        assert one(conn, "SELECT count(*) FROM monay.billing_operations WHERE tenant_id = %s", [tenant]) == 1


def test_track_operations_batches_with_overlapping_keys(db: Target, platform_login: str) -> None:
    """Eight batches sharing keys (in different orders): each key recorded once, no deadlock."""
    tenant = make_tenant(db, "enterprise")

    def batch(conn: psycopg.Connection, worker: int) -> Any:
        order = list(range(20))
        if worker % 2:
            order.reverse()
        ops = [{"operation_type": "api_call", "idempotency_key": f"b-{i}"} for i in order]
        return one(conn, "SELECT monay.track_operations(%s, %s::jsonb)", [tenant, Jsonb(ops)])

    results = race(db, platform_login, tenant, [batch])[0]
    assert all(isinstance(r, dict) for r in results), results
    assert sum(r["recorded"] for r in results) == 20
    with db.connect() as conn:
        assert one(conn, "SELECT count(*) FROM monay.billing_operations WHERE tenant_id = %s", [tenant]) == 20


def test_duplicate_process_payment_from_8_connections_records_once(db: Target, platform_login: str) -> None:
    tenant = make_tenant(db, "small_business")
    keys = [f"pay-{i}" for i in range(6)]
    calls = [(lambda c, _w, k=k: one(c, "SELECT monay.process_payment(%s, 10000, 'USDXM', %s)", [tenant, k]))
             for k in keys]
    results = race(db, platform_login, tenant, calls)
    for key, res in zip(keys, results, strict=True):
        assert all(isinstance(r, dict) for r in res), (key, res)
        assert len({r["payment_id"] for r in res}) == 1, key
        assert {(r["discount_applied"], r["final_amount"]) for r in res} == {(1000, 9000)}
        assert sorted(r["duplicate"] for r in res) == [False] + [True] * (WORKERS - 1)
    with db.connect() as conn:
        assert one(conn, "SELECT count(*) FROM monay.payments WHERE tenant_id = %s", [tenant]) == len(keys)


def test_concurrent_payments_never_over_allocate(db: Target, platform_login: str) -> None:
    """Three bills of 4900 and eight payments of 2000 at once: every cent allocated once,
    oldest bills first, the rest is credit."""
    tenant = make_tenant(db, "small_business")
    with db.connect(autocommit=True) as conn, conn.transaction():
        conn.execute("SELECT monay.set_platform_context()")
        for period in ("2025-01-01", "2025-02-01", "2025-03-01"):
            conn.execute("SELECT monay.finalize_tenant_billing(%s, %s)", [tenant, period])
    results = race(db, platform_login, tenant,
                   [lambda c, _w: one(c, "SELECT monay.process_payment(%s, 2000, 'USDC')", [tenant])])[0]
    assert all(isinstance(r, dict) for r in results), results
    with db.connect() as conn:
        rows = conn.execute("SELECT m.period, m.status, coalesce(sum(a.amount_cents), 0) "
                            "FROM monay.billing_metrics m LEFT JOIN monay.payment_allocations a "
                            "  ON a.tenant_id = m.tenant_id AND a.period = m.period "
                            "WHERE m.tenant_id = %s GROUP BY m.period, m.status ORDER BY m.period", [tenant]).fetchall()
        credit = one(conn, "SELECT credit_cents FROM monay.tenant_credit_balances WHERE tenant_id = %s", [tenant])
    assert [(str(p), s, int(a)) for p, s, a in rows] == [
        ("2025-01-01", "paid", 4900), ("2025-02-01", "paid", 4900), ("2025-03-01", "paid", 4900)]
    assert credit == WORKERS * 2000 - 3 * 4900


@pytest.mark.parametrize("tier", ["free"])
def test_free_allowance_is_exact_under_concurrency(db: Target, platform_login: str, tier: str) -> None:
    """Eight callers race for the last 5 free transactions: exactly 5 get in, the rest get MT402."""
    tenant = make_tenant(db, tier)
    with db.connect(autocommit=True) as conn, conn.transaction():
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.track_operation(%s, 'transfer', 995)", [tenant])
    results = race(db, platform_login, tenant,
                   [lambda c, _w: one(c, "SELECT monay.track_operation(%s, 'transfer')", [tenant])])[0]
    assert sum(isinstance(r, dict) for r in results) == 5
    assert sorted(r.sqlstate for r in results if isinstance(r, psycopg.Error)) == ["MT402"] * (WORKERS - 5)
    with db.connect() as conn:
        assert one(conn, "SELECT sum(transactions) FROM monay_private.billing_usage_counters WHERE tenant_id = %s",
                   [tenant]) == 1000
