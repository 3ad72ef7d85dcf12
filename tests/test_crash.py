"""Crash tests (issue 15): `kill -9` of the postmaster in the middle of a monthly run, a large
batch ingestion and a stream of payments; restart; rerun what was interrupted; every total
reconciles to the cent: tracked units priced = billed, payments = allocations + credit, no
idempotency key applied twice, audit and refusal records intact.

Each test runs on a private cluster (monaydb's embedded-cluster code with a temporary home), so
killing its postmaster cannot hurt any other test. PostgreSQL's crash recovery is what is under
test together with our idempotency: a client that lost its connection retries everything it
cannot prove was committed, with the same keys.

The legacy backfill (another branch) gets its crash test once it is merged: see
test_kill_during_legacy_backfill below, skipped until `monay.backfill_legacy_*` exists.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from monaydb.cluster import Cluster, ClusterError
from monaydb.database import Target
from monaydb.migrations import apply_functions, migrate_up
from monaydb.site import configure_site
from test_billing_monthly_run import (
    PERIOD,
    billed_vs_tracked,
    period_day,
    setup_tenants,
    wait_until,
    waits_on_advisory_lock,
)

PLATFORM = "monay_crash_platform"


class CrashCluster:
    def __init__(self, root: Path) -> None:
        self.cluster = Cluster(root=root)
        self.cluster.start()
        self.server = Target(self.cluster.url("postgres"))
        with self.server.connect(autocommit=True) as conn:
            conn.execute("CREATE DATABASE monay_template")
        template = self.server.with_dbname("monay_template")
        migrate_up(template)
        apply_functions(template)
        with self.server.connect(autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN IN ROLE monay_platform").format(sql.Identifier(PLATFORM)))

    def database(self, name: str) -> Target:
        with self.server.connect(autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE monay_template").format(sql.Identifier(name)))
        target = self.server.with_dbname(name)
        configure_site(target)
        return target

    def kill_postmaster(self) -> None:
        """kill -9 the whole server at once, as a crash or the OOM killer would: every backend,
        then the postmaster. A backend killed this way releases nothing (its locks stay in shared
        memory until the restart), so no survivor can finish the interrupted work; killing the
        postmaster alone would let its backends notice only later, and one released lock could let
        the interrupted call complete first."""
        pid = int((self.cluster.data_dir / "postmaster.pid").read_text().splitlines()[0])
        for child in self._children(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        os.kill(pid, signal.SIGKILL)
        # Poll until the server is down.
        deadline = time.monotonic() + 60
        while self._alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)

    @staticmethod
    def _children(pid: int) -> list[int]:
        out = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:  # the field after the state is the parent pid
                out.append(int(stat.parent.name))
        return out

    @staticmethod
    def _alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    def restart(self) -> None:
        """Start again (crash recovery); retried while the killed backends still hold shared memory."""
        deadline = time.monotonic() + 90
        while True:
            try:
                self.cluster.start()
                return
            except ClusterError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


@pytest.fixture(scope="module")
def crash() -> Iterator[CrashCluster]:
    root = Path(tempfile.mkdtemp(prefix="monay-crash-"))
    os.chmod(root, 0o755)
    cc = CrashCluster(root)
    try:
        yield cc
    finally:
        cc.cluster.destroy()


def platform_conn(db: Target, **kw: Any) -> psycopg.Connection:
    return psycopg.connect(db.conninfo + f" user={PLATFORM}", **kw)


def audit_snapshot(db: Target) -> tuple[int, str]:
    with db.connect() as conn:
        row = conn.execute("SELECT count(*), md5(coalesce(string_agg(a::text, '|' ORDER BY id), '')) "
                           "FROM monay.audit_log a").fetchone()
    assert row is not None
    return row[0], row[1]


def audit_kept(db: Target, before: tuple[int, str]) -> None:
    """Every audit row from before the crash is still there, unchanged (append-only survived)."""
    with db.connect() as conn:
        row = conn.execute("SELECT md5(coalesce(string_agg(a::text, '|' ORDER BY id), '')) "
                           "FROM (SELECT * FROM monay.audit_log ORDER BY id LIMIT %s) a", [before[0]]).fetchone()
    assert row is not None and row[0] == before[1], "the audit rows written before the crash are intact"


def refuse_once(db: Target) -> None:
    """A durable refusal record (a bad token), to check it survives the crash."""
    with db.connect(autocommit=True) as conn:
        conn.execute("SELECT monay.set_platform_context()")  # autocommit: nothing open afterwards
    with psycopg.connect(db.conninfo, autocommit=True) as conn, pytest.raises(psycopg.Error):
        conn.execute("SET ROLE monay_app")
        conn.execute("SELECT monay.authenticate('crash.test.token')")


def test_kill_during_monthly_run_then_rerun(crash: CrashCluster) -> None:
    db = crash.database("crash_monthly")
    tenants = setup_tenants(db, n=40, batch_size=4, seed=3)
    refuse_once(db)
    audit = audit_snapshot(db)
    blocked = tenants[21]  # the 6th batch: the run stops there, after committed batches

    holder = platform_conn(db)
    holder.execute("SELECT monay.set_tenant_context(%s)", [blocked])
    holder.execute("SELECT monay.track_operation(%s, 'transfer', 5, NULL, %s)", [blocked, period_day(15, 8)])
    run = platform_conn(db, autocommit=True)
    pid = run.info.backend_pid
    out: dict[str, Any] = {}

    def go() -> None:
        try:
            run.execute("CALL monay.process_monthly_billing(%s)", [PERIOD])
            out["ok"] = True
        except psycopg.Error as exc:
            out["error"] = exc

    thread = threading.Thread(target=go)
    thread.start()
    with db.connect(autocommit=True) as watch:
        wait_until(lambda: waits_on_advisory_lock(watch, pid))
        billed_before = watch.execute("SELECT count(*) FROM monay.billing_metrics WHERE period = %s",
                                      [PERIOD]).fetchone()[0]  # type: ignore[index]
    assert 0 < billed_before < len(tenants)
    crash.kill_postmaster()
    thread.join(timeout=60)
    assert "error" in out, "the run died with the server"
    for c in (run, holder):
        c.close()

    crash.restart()
    with db.connect() as conn:
        # Every bill seen committed before the kill survived (the run may have committed a few more
        # batches between that look and the kill: it only waits 1 ms for a busy tenant in a batch),
        # and the run had not finished: the blocked tenant is not billed.
        after = conn.execute("SELECT count(*) FROM monay.billing_metrics WHERE period = %s",
                             [PERIOD]).fetchone()[0]  # type: ignore[index]
        assert billed_before <= after < len(tenants), "committed batches survived, the run was cut short"
        assert conn.execute("SELECT count(*) FROM monay.billing_metrics WHERE period = %s AND tenant_id = %s",
                            [PERIOD, blocked]).fetchone()[0] == 0  # type: ignore[index]
    with platform_conn(db, autocommit=True) as conn:
        conn.execute("CALL monay.process_monthly_billing(%s)", [PERIOD])

    rows = billed_vs_tracked(db)
    assert len(rows) == len(tenants) == len({r[0] for r in rows}), "every tenant billed, once"
    assert all(r[1] == r[3] and r[2] == r[4] for r in rows), "billed units = tracked units, per tenant"
    with db.connect() as conn:
        runs = conn.execute("SELECT finished_at IS NOT NULL FROM monay.billing_runs ORDER BY id").fetchall()
    assert runs == [(False,), (True,)], "the killed run stays unfinished, the rerun finished"
    audit_kept(db, audit)


def test_kill_during_batch_ingestion_then_retry(crash: CrashCluster) -> None:
    db = crash.database("crash_ingest")
    tenant = str(uuid.uuid4())
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        # Created before this month: track_operations refuses a batch of a tenant created during the
        # current month (MT415, a billing defect this test found: test_fuzz.py's reproducer).
        conn.execute("INSERT INTO monay.tenants (id, name, billing_tier, gross_margin_percent, created_at) "
                     "VALUES (%s, 'crash ingest', 'enterprise', 70, '2025-01-01')", [tenant])
        conn.commit()
    refuse_once(db)
    audit = audit_snapshot(db)
    batches = 40
    per_batch = 500
    acked: list[int] = []

    def batch(i: int) -> str:
        return json.dumps([{"operation_type": "transfer" if j % 3 else "api_call", "quantity": 1 + j % 4,
                            "idempotency_key": f"b{i}-{j}"} for j in range(per_batch)])

    def ingest() -> None:
        try:
            with platform_conn(db, autocommit=True) as conn:
                for i in range(batches):
                    with conn.transaction():
                        conn.execute("SELECT monay.set_tenant_context(%s)", [tenant])
                        conn.execute("SELECT monay.track_operations(%s, %s)", [tenant, batch(i)])
                    acked.append(i)
        except psycopg.Error as exc:
            errors.append(exc)

    errors: list[psycopg.Error] = []
    thread = threading.Thread(target=ingest)
    thread.start()
    wait_until(lambda: len(acked) >= 5 or not thread.is_alive())
    crash.kill_postmaster()
    thread.join(timeout=60)
    assert 5 <= len(acked) < batches, f"the server died in the middle of the ingestion ({errors})"

    crash.restart()
    with platform_conn(db, autocommit=True) as conn:  # the client retries every batch, same keys
        for i in range(batches):
            with conn.transaction():
                conn.execute("SELECT monay.set_tenant_context(%s)", [tenant])
                conn.execute("SELECT monay.track_operations(%s, %s)", [tenant, batch(i)])

    expected_units = sum((1 if j % 3 else 1) * (1 + j % 4) for j in range(per_batch)) * batches
    with db.connect() as conn:
        events, units, keys = conn.execute(
            "SELECT count(*), sum(computation_units), count(DISTINCT idempotency_key) FROM monay.billing_operations "
            "WHERE tenant_id = %s", [tenant]).fetchone()  # type: ignore[misc]
        counters = conn.execute("SELECT sum(computation_units) FROM monay_private.billing_usage_counters "
                                "WHERE tenant_id = %s", [tenant]).fetchone()[0]  # type: ignore[index]
        usage = conn.execute("SELECT monay.set_platform_context(), monay.calculate_tenant_usage(%s)",
                             [tenant]).fetchone()[1]  # type: ignore[index]
    assert events == keys == batches * per_batch, "every key applied exactly once"
    assert units == expected_units == counters, "counters equal the events"
    assert usage["computation_units"]["used"] == expected_units
    audit_kept(db, audit)


def test_kill_during_payment_stream_then_retry(crash: CrashCluster) -> None:
    db = crash.database("crash_pay")
    tenants = setup_tenants(db, n=3, batch_size=10, seed=5)
    with platform_conn(db, autocommit=True) as conn:
        conn.execute("CALL monay.process_monthly_billing(%s)", [PERIOD])
    payer = tenants[1]  # small_business: a bill of at least its base fee
    refuse_once(db)
    audit = audit_snapshot(db)
    amounts = [(i * 37) % 500 + 1 for i in range(300)]
    acked: list[int] = []

    def pay() -> None:
        try:
            with platform_conn(db, autocommit=True) as conn:
                for i, amount in enumerate(amounts):
                    with conn.transaction():
                        conn.execute("SELECT monay.set_tenant_context(%s)", [payer])
                        conn.execute("SELECT monay.process_payment(%s, %s, 'USDC', %s)", [payer, amount, f"pay-{i}"])
                    acked.append(i)
        except psycopg.Error as exc:
            errors.append(exc)

    errors: list[psycopg.Error] = []
    thread = threading.Thread(target=pay)
    thread.start()
    wait_until(lambda: len(acked) >= 20 or not thread.is_alive())
    crash.kill_postmaster()
    thread.join(timeout=60)
    assert 20 <= len(acked) < len(amounts), f"the server died in the middle of the payments ({errors})"

    crash.restart()
    with platform_conn(db, autocommit=True) as conn:
        for i, amount in enumerate(amounts):  # every payment retried with its key
            with conn.transaction():
                conn.execute("SELECT monay.set_tenant_context(%s)", [payer])
                dup = conn.execute("SELECT monay.process_payment(%s, %s, 'USDC', %s)",
                                   [payer, amount, f"pay-{i}"]).fetchone()[0]["duplicate"]  # type: ignore[index]
                if i in acked:
                    assert dup, f"payment {i} was acknowledged before the crash: its retry is a duplicate"
                elif i > len(acked):  # the one in flight at the kill may or may not have committed
                    assert not dup, f"payment {i} was never sent before the crash"
        with conn.transaction():
            conn.execute("SELECT monay.set_tenant_context(%s)", [payer])
            credit = conn.execute("SELECT monay.process_payment_waterfall(%s)",
                                  [payer]).fetchone()[0]["credit_cents"]  # type: ignore[index]
    with db.connect() as conn:
        paid, n, keys = conn.execute("SELECT sum(amount_cents), count(*), count(DISTINCT idempotency_key) "
                                     "FROM monay.payments WHERE tenant_id = %s", [payer]).fetchone()  # type: ignore[misc]
        allocated = conn.execute("SELECT coalesce(sum(amount_cents), 0) FROM monay.payment_allocations "
                                 "WHERE tenant_id = %s", [payer]).fetchone()[0]  # type: ignore[index]
    assert n == keys == len(amounts), "no idempotency key applied twice, none lost"
    assert paid == sum(amounts), "payments total what the client sent, to the cent"
    assert paid == allocated + credit, "payments = allocations + credit"
    audit_kept(db, audit)


@pytest.mark.skip(reason="the legacy backfill is on another branch, not merged: when it is, kill -9 the "
                  "postmaster during `monay.backfill_legacy_*`, restart, rerun, and reconcile its totals here")
def test_kill_during_legacy_backfill() -> None:
    raise AssertionError("to be written with the backfill")
