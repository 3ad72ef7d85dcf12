"""Crash tests (issue 15): `kill -9` of the postmaster in the middle of a monthly run, a large
batch ingestion, a stream of payments, the legacy backfill (`monaydb legacy migrate`) and its
rollback (`monaydb legacy rollback`); restart; rerun what was interrupted; every total
reconciles to the cent: tracked units priced = billed, payments = allocations + credit, no
idempotency key applied twice, every legacy row moved exactly once, audit and refusal records
intact.

Each test runs on a private cluster (monaydb's embedded-cluster code with a temporary home), so
killing its postmaster cannot hurt any other test. PostgreSQL's crash recovery is what is under
test together with our idempotency: a client that lost its connection retries everything it
cannot prove was committed, with the same keys.

The legacy backfill is killed where the work is: inside a batch of personal tenants (49 tenants
created, uncommitted, the batch waiting on a concurrent claim for the 50th user), inside a batch
of moved transactions (waiting on a conflicting row), and during the rollback's concurrent index
builds. Each kill point is reached through locks held by the test and seen in pg_locks, never
through a sleep.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from monaydb import migrations as mig
from monaydb import schema
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
        with contextlib.suppress(OSError):
            root.rmdir()  # empty once destroyed


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


# --- the legacy backfill (`monaydb legacy`, docs/platform.md) --------------------------------

LEGACY_TABLES = ("users", "wallets", "cards", "invoices", "transactions")
PERSONAL = "legacy:personal-tenant"
ZERO = "00000000-0000-0000-0000-000000000000"
# --lock-timeout-ms of the killed runs: a batch the test blocks waits (for the kill) instead of
# giving up after 500 ms and retrying from Python, so the kill lands inside the open batch.
NO_RETRY = "600000"


def legacy_args(db: Target, *args: str) -> list[str]:
    return [sys.executable, "-m", "monaydb", "legacy", *args, "--database", db.conninfo]


def legacy(db: Target, *args: str) -> str:
    """Run `monaydb legacy ARGS` to the end (a process of its own); return its stdout."""
    r = subprocess.run(legacy_args(db, *args), capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f"legacy {' '.join(args)} failed: {r.stderr[-3000:]}"
    return r.stdout


def start_legacy(db: Target, log: Path, *args: str) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:  # a file, not a pipe: nobody reads it while it runs
        return subprocess.Popen(legacy_args(db, *args), stdout=out, stderr=subprocess.STDOUT)


def legacy_db(crash: CrashCluster, name: str, users: int, transactions: int) -> Target:
    """The pre-tenancy shape (006 and what depends on it rolled back, every other migration
    applied, as in a database upgraded before its retrofit), seeded by `monaydb legacy seed`."""
    db = crash.database(name)
    mig.migrate_down_only(db, "006_add_tenant_columns")
    legacy(db, "seed", "--users", str(users), "--transactions", str(transactions), "--seed", "11")
    return db


Snapshot = dict[str, tuple[int, str]]


def legacy_rows(db: Target, columns: dict[str, list[str]] | None = None) -> tuple[Snapshot, dict[str, list[str]]]:
    """Count and md5 of the rows of the five legacy tables over their pre-tenancy columns (the
    columns of the first call), read as the superuser; transactions: the original rows only,
    not the mirrored ones of cross-tenant transfers."""
    out: Snapshot = {}
    with db.connect() as conn:
        def cols_of(table: str) -> list[str]:
            return [r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'monay' "
                "AND table_name = %s ORDER BY ordinal_position", [table]).fetchall()]

        columns = columns or {t: cols_of(t) for t in LEGACY_TABLES}
        for table, cols in columns.items():
            where = " WHERE mirror_of IS NULL" if "mirror_of" in cols_of(table) else ""
            row = conn.execute(sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(ROW({cols})::text, '|' ORDER BY id), '')) "
                "FROM monay.{table}" + where).format(
                    cols=sql.SQL(", ").join(map(sql.Identifier, cols)), table=sql.Identifier(table))).fetchone()
            assert row is not None
            out[table] = (row[0], row[1])
    return out, columns


def step(conn: psycopg.Connection, name: str, direction: str = "migrate") -> tuple[str, int, str | None]:
    row = conn.execute("SELECT status, rows_done, cursor FROM monay_private.legacy_steps "
                       "WHERE direction = %s AND name = %s", [direction, name]).fetchone()
    assert row is not None
    return row[0], row[1], row[2]


def legacy_backend(watch: psycopg.Connection) -> int | None:
    row = watch.execute("SELECT pid FROM pg_stat_activity WHERE application_name = 'monaydb legacy' "
                        "AND datname = current_database()").fetchone()
    return None if row is None else int(row[0])


def blocked_by(watch: psycopg.Connection, pid: int | None, blocker: psycopg.Connection) -> bool:
    if pid is None:
        return False
    row = watch.execute("SELECT %s = ANY (pg_blocking_pids(%s))", [blocker.info.backend_pid, pid]).fetchone()
    return bool(row and row[0])


def steps_table_exists(watch: psycopg.Connection) -> bool:
    row = watch.execute("SELECT to_regclass('monay_private.legacy_steps') IS NOT NULL").fetchone()
    return bool(row and row[0])


def wait_for_steps(watch: psycopg.Connection, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Until migration 006 is committed (its steps table exists), the run still going."""
    wait_until(lambda: steps_table_exists(watch) or proc.poll() is not None)
    assert proc.poll() is None, f"the legacy run ended early: {log.read_text()[-3000:]}"


def freeze_step(freeze: psycopg.Connection, name: str, direction: str = "migrate") -> str | None:
    """Hold the row of a step (FOR UPDATE: each batch locks it to read its cursor), so that the
    run stops between two batches; returns the committed cursor."""
    row = freeze.execute("SELECT status, cursor FROM monay_private.legacy_steps WHERE direction = %s AND name = %s "
                         "FOR UPDATE", [direction, name]).fetchone()
    assert row is not None and row[0] != "done", f"step {name} finished before the test could stop it"
    return row[1]


def kill_and_restart(crash: CrashCluster, proc: subprocess.Popen[bytes], *conns: psycopg.Connection) -> None:
    crash.kill_postmaster()
    assert proc.wait(timeout=120) != 0, "the legacy run died with the server"
    for c in conns:
        with contextlib.suppress(psycopg.Error):
            c.close()
    crash.restart()


def personal_tenants_once(db: Target) -> None:
    """One personal tenant per legacy user, created once: one claim per user, one individual
    tenant owned by each, a tenant count of 1 each, and exactly one creation audit row per
    tenant, of a tenant that exists (nothing of a batch killed half-way survived)."""
    with db.connect() as conn:
        def one(q: str, *args: Any) -> Any:
            row = conn.execute(q, list(args)).fetchone()
            assert row is not None
            return row if len(row) > 1 else row[0]

        users = one("SELECT count(*) FROM monay.users")
        assert one("SELECT count(*), count(DISTINCT owner_user_id), count(DISTINCT tenant_id) "
                   "FROM monay_private.tenant_creation_requests WHERE idempotency_key = %s",
                   PERSONAL) == (users, users, users), "one claim per user, each its own tenant"
        assert one("SELECT count(*) FROM monay.tenants WHERE tenant_type = 'individual'") == users
        assert one("SELECT count(*) FROM (SELECT tu.user_id FROM monay.tenant_users tu "
                   "JOIN monay.tenants t ON t.id = tu.tenant_id AND t.tenant_type = 'individual' "
                   "WHERE tu.role = 'owner' GROUP BY tu.user_id HAVING count(*) = 1) o") == users, \
            "every user owns exactly one personal tenant"
        assert one("SELECT count(*) FILTER (WHERE coalesce(c.active_tenants, 0) <> n.n) FROM "
                   "(SELECT user_id, count(*) AS n FROM monay.tenant_users WHERE status = 'active' GROUP BY user_id) n "
                   "LEFT JOIN monay_private.user_tenant_counts c USING (user_id)") == 0, \
            "the tenant counters (MAX_TENANTS_PER_USER) equal the memberships"
        tenants = one("SELECT count(*) FROM monay.tenants")
        assert one("SELECT count(*), count(DISTINCT a.tenant_id), count(t.id) FROM monay.audit_log a "
                   "LEFT JOIN monay.tenants t ON t.id = a.tenant_id "
                   "WHERE a.action = 'INSERT' AND a.table_name = 'monay.tenants'") == (tenants, tenants, tenants), \
            "one creation audit row per tenant, none of a tenant that does not exist"


def reconcile_migrated(db: Target, before: Snapshot, columns: dict[str, list[str]], baseline: Path,
                       audit: tuple[int, str]) -> None:
    with db.connect() as conn:
        pending = conn.execute("SELECT name FROM monay_private.legacy_steps WHERE direction = 'migrate' "
                               "AND status <> 'done'").fetchall()
        assert pending == [], "every step done"
        originals, ids, crossing, mirrors, mirrored = conn.execute(
            "SELECT count(*) FILTER (WHERE mirror_of IS NULL), count(DISTINCT id) FILTER (WHERE mirror_of IS NULL), "
            "count(*) FILTER (WHERE mirror_of IS NULL AND counterparty_tenant_id <> tenant_id), "
            "count(*) FILTER (WHERE mirror_of IS NOT NULL), count(DISTINCT mirror_of) "
            "FROM monay.transactions").fetchone()  # type: ignore[misc]
        unowned = conn.execute("SELECT count(*) FROM monay.wallets w WHERE w.tenant_id IS DISTINCT FROM "
                               "(SELECT r.tenant_id FROM monay_private.tenant_creation_requests r "
                               "WHERE r.owner_user_id = w.user_id AND r.idempotency_key = %s)",
                               [PERSONAL]).fetchone()[0]  # type: ignore[index]
    assert originals == ids == before["transactions"][0], "every legacy transaction moved exactly once"
    assert crossing == mirrors == mirrored, "one mirror per cross-tenant transfer, none twice"
    assert unowned == 0, "every wallet is in its owner's personal tenant"
    after, _ = legacy_rows(db, columns)
    assert after == before, "users, wallets, cards, invoices, transactions: same counts and checksums"
    out = json.loads(legacy(db, "verify", "--baseline", str(baseline), "--json"))
    assert out["ok"] and all(c["ok"] for c in out["checks"]), out
    personal_tenants_once(db)
    audit_kept(db, audit)


@dataclass
class HeldMigrate:
    """A `legacy migrate` (its own process) held by the test between two batches of a step."""
    db: Target
    before: Snapshot
    columns: dict[str, list[str]]
    audit: tuple[int, str]
    baseline: Path
    args: tuple[str, ...]
    proc: subprocess.Popen[bytes]
    freeze: psycopg.Connection  # holds the step's row: the run waits for it before its next batch
    claim: psycopg.Connection  # free for the test's own conflicting write
    watch: psycopg.Connection  # autocommit, to look
    pid: int  # the run's backend
    cursor: str | None  # the step's cursor when held

    def reconcile(self) -> None:
        reconcile_migrated(self.db, self.before, self.columns, self.baseline, self.audit)


def hold_migrate(crash: CrashCluster, tmp_path: Path, name: str, users: int, transactions: int,
                 step_name: str) -> HeldMigrate:
    """Seed a pre-tenancy database, snapshot it, start `legacy migrate` (batches of 100, no
    retry on a lock wait) and hold it before the next batch of STEP_NAME."""
    db = legacy_db(crash, name, users=users, transactions=transactions)
    before, columns = legacy_rows(db)
    refuse_once(db)
    audit = audit_snapshot(db)
    baseline = tmp_path / "baseline.json"
    args = ("migrate", "--no-backup", "--batch-size", "100", "--lock-timeout-ms", NO_RETRY,
            "--baseline", str(baseline), "--json")
    freeze, claim, watch = db.connect(), db.connect(), db.connect(autocommit=True)
    proc = start_legacy(db, tmp_path / "killed.log", *args)
    wait_for_steps(watch, proc, tmp_path / "killed.log")
    cursor = freeze_step(freeze, step_name)
    wait_until(lambda: blocked_by(watch, legacy_backend(watch), freeze))
    pid = legacy_backend(watch)
    assert pid is not None
    return HeldMigrate(db, before, columns, audit, baseline, args, proc, freeze, claim, watch, pid, cursor)


def test_kill_inside_a_personal_tenants_batch_then_rerun(crash: CrashCluster, tmp_path: Path) -> None:
    """The server dies while a batch of personal tenants has created 49 tenants (uncommitted)
    and waits on a concurrent claim for its 50th user (as the dual-write trigger makes one)."""
    m = hold_migrate(crash, tmp_path, "crash_legacy_tenants", 260, 1000, "personal_tenants")
    # The 150th user after the cursor: the next batch commits 100 users, the one after stops at it.
    row = m.watch.execute("SELECT id FROM monay.users WHERE id > %s ORDER BY id OFFSET 149 LIMIT 1",
                          [m.cursor or ZERO]).fetchone()
    assert row is not None, "stopped with two batches to go"
    user = row[0]
    m.claim.execute("SELECT monay_private.legacy_personal_tenant(%s)", [user])
    m.freeze.commit()
    wait_until(lambda: blocked_by(m.watch, m.pid, m.claim))
    _, committed, _ = step(m.watch, "personal_tenants")
    in_flight = m.watch.execute("SELECT count(*) FROM pg_locks WHERE pid = %s AND granted "
                                "AND relation = 'monay.tenants'::regclass", [m.pid]).fetchone()[0]  # type: ignore[index]
    assert in_flight > 0, "the batch in flight has written tenants"
    kill_and_restart(crash, m.proc, m.freeze, m.claim, m.watch)

    with m.db.connect() as conn:
        status, rows_done, _ = step(conn, "personal_tenants")
        claims = conn.execute("SELECT count(*), count(*) FILTER (WHERE owner_user_id = %s) "
                              "FROM monay_private.tenant_creation_requests WHERE idempotency_key = %s",
                              [user, PERSONAL]).fetchone()
        tenants = conn.execute("SELECT count(*) FROM monay.tenants").fetchone()[0]  # type: ignore[index]
    assert status == "running" and rows_done == committed, "the committed batches count, the killed one not"
    assert claims == (committed, 0) and tenants == committed, "nothing of the killed batch (or claim) survived"
    legacy(m.db, *m.args)
    m.reconcile()


def test_kill_inside_a_transactions_move_batch_then_rerun(crash: CrashCluster, tmp_path: Path) -> None:
    """The server dies while a batch moving transactions waits on a conflicting row (uncommitted,
    in the new table) halfway through the old table, after many committed batches."""
    m = hold_migrate(crash, tmp_path, "crash_legacy_move", 100, 8000, "transactions_move")
    assert m.cursor is None, "held before its first batch"
    # A row of the middle block, already in the new table for a transaction that is not committed.
    victim = m.watch.execute(
        "SELECT t.id FROM monay.transactions t WHERE t.ctid >= format('(%s,0)', "
        "pg_relation_size('monay.transactions') / current_setting('block_size')::bigint / 2)::tid "
        "ORDER BY t.ctid LIMIT 1").fetchone()[0]  # type: ignore[index]
    m.claim.execute("INSERT INTO monay_private.transactions_tenant (id, wallet_id, kind, amount_cents, status, "
                    "created_at, tenant_id) SELECT t.id, t.wallet_id, t.kind, t.amount_cents, t.status, t.created_at, "
                    "w.tenant_id FROM monay.transactions t JOIN monay.wallets w ON w.id = t.wallet_id "
                    "WHERE t.id = %s", [victim])
    m.freeze.commit()
    wait_until(lambda: blocked_by(m.watch, m.pid, m.claim))
    _, committed, cursor = step(m.watch, "transactions_move")
    assert committed > 0 and cursor is not None, "batches were committed before the kill"
    kill_and_restart(crash, m.proc, m.freeze, m.claim, m.watch)

    with m.db.connect() as conn:
        status, rows_done, after_cursor = step(conn, "transactions_move")
        moved, victims = conn.execute(
            "SELECT count(*) FILTER (WHERE mirror_of IS NULL), count(*) FILTER (WHERE id = %s) "
            "FROM monay_private.transactions_tenant", [victim]).fetchone()  # type: ignore[misc]
    assert (status, rows_done, after_cursor) == ("running", committed, cursor), "the cursor is the last commit's"
    assert moved == committed and victims == 0, "the new table holds exactly the committed batches' rows"
    legacy(m.db, *m.args)
    m.reconcile()


def migrated_legacy_db(crash: CrashCluster, name: str, tmp_path: Path) -> tuple[Target, Snapshot, dict[str, list[str]],
                                                                                 str, Path]:
    db = legacy_db(crash, name, users=40, transactions=1000)
    before, columns = legacy_rows(db)
    pre_schema = schema.dump(db)
    baseline = tmp_path / "baseline.json"
    legacy(db, "migrate", "--no-backup", "--batch-size", "500", "--baseline", str(baseline), "--json")
    return db, before, columns, pre_schema, baseline


def invalid_index(watch: psycopg.Connection, name: str) -> int | None:
    """The oid of index NAME while it is invalid (a concurrent build under way or failed)."""
    row = watch.execute("SELECT i.indexrelid::oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        "WHERE c.relname = %s AND NOT i.indisvalid", [name]).fetchone()
    return None if row is None else int(row[0])


def reconcile_rolled_back(db: Target, before: Snapshot, columns: dict[str, list[str]], pre_schema: str,
                          baseline: Path, audit: tuple[int, str]) -> None:
    assert "006_add_tenant_columns" not in mig.applied(db)
    assert schema.dump(db) == pre_schema, "the rollback restores the pre-tenancy schema exactly"
    after, _ = legacy_rows(db, columns)
    assert after == before, "users, wallets, cards, invoices, transactions: same counts and checksums"
    out = json.loads(legacy(db, "verify", "--baseline", str(baseline), "--json"))
    assert out["ok"] and all(c["ok"] for c in out["checks"]), out
    personal_tenants_once(db)  # the tenants made by the retrofit stay, once each
    audit_kept(db, audit)


def test_kill_during_legacy_rollback_index_build_then_rerun(crash: CrashCluster, tmp_path: Path) -> None:
    """`legacy rollback` killed while it builds the pre-tenancy keys CONCURRENTLY (a writer of the
    platform holds invoices, so the build waits): restart, rerun, everything as before the retrofit."""
    db, before, columns, pre_schema, baseline = migrated_legacy_db(crash, "crash_legacy_rollback", tmp_path)
    refuse_once(db)
    audit = audit_snapshot(db)
    writer, watch = db.connect(), db.connect(autocommit=True)
    writer.execute("LOCK TABLE monay.invoices IN ROW EXCLUSIVE MODE")  # a platform write in progress
    proc = start_legacy(db, tmp_path / "killed.log", "rollback", "--yes", "--json")
    wait_until(lambda: invalid_index(watch, "invoices_pre_tenancy_pkey") is not None or proc.poll() is not None)
    assert proc.poll() is None, "the rollback waits on the writer"
    kill_and_restart(crash, proc, writer, watch)

    applied = mig.applied(db)
    assert "006_add_tenant_columns" in applied and "017_treasury_wallet_links" not in applied
    legacy(db, "rollback", "--yes", "--json")
    reconcile_rolled_back(db, before, columns, pre_schema, baseline, audit)


def test_lock_timeout_during_a_concurrent_index_build_rebuilds_the_index(crash: CrashCluster,
                                                                         tmp_path: Path) -> None:
    """A defect the crash test above found: a CREATE INDEX CONCURRENTLY that gave up on
    lock_timeout (a writer in the way) left an invalid index, the retry's IF NOT EXISTS kept it,
    the step was marked done, and the unswap then failed on every rerun (42704). Now every attempt
    first drops what a failed build left (tools/monaydb/legacy.py, _ddl)."""
    db, before, columns, pre_schema, baseline = migrated_legacy_db(crash, "crash_legacy_timeout", tmp_path)
    audit = audit_snapshot(db)
    writer, watch = db.connect(), db.connect(autocommit=True)
    writer.execute("LOCK TABLE monay.invoices IN ROW EXCLUSIVE MODE")
    log = crash.cluster.log_file
    start = log.stat().st_size
    proc = start_legacy(db, tmp_path / "rollback.log", "rollback", "--yes", "--json", "--lock-timeout-ms", "20")

    def gave_up_once() -> bool:
        """The server logged the build of invoices_pre_tenancy_pkey cancelled by lock_timeout."""
        with log.open("rb") as f:
            f.seek(start)
            text = f.read().decode(errors="replace")
        return proc.poll() is not None or any(
            "lock timeout" in err and "invoices_pre_tenancy_pkey ON monay.invoices" in stmt
            for err, stmt in zip(text.splitlines(), text.splitlines()[1:], strict=False))

    wait_until(gave_up_once)
    writer.rollback()  # the writer commits; the rollback can finish
    rc = proc.wait(timeout=300)
    assert rc == 0, (tmp_path / "rollback.log").read_text()[-3000:]
    for c in (writer, watch):
        c.close()
    reconcile_rolled_back(db, before, columns, pre_schema, baseline, audit)
