"""Case 8, the tenant_id retrofit (migration 006 + `monaydb legacy migrate`) under a live writer.

In a database of its own (next to the bench database): migrate to the pre-tenancy schema,
seed N transactions (`legacy seed`), take the verify baseline, then run 006 and every step
of `legacy migrate` while a writer keeps inserting transactions the whole time, the way
the running platform does (a raw INSERT into monay.transactions before the swap, the
tenant-scoped INSERT after it). Reports the total time, the backfill rate, the writer's
longest stall (its slowest INSERT, waits for locks included), verify after the migration
and after `legacy rollback`, and that every row the writer wrote is there.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg

from monaydb import legacy
from monaydb import migrations as mig
from monaydb.database import create_database, drop_database
from monaydb.site import configure_site

from .core import Bench, ms

# Transactions and users per scale; MONAY_BENCH_RETROFIT_TRANSACTIONS overrides.
SIZES = {"smoke": (20_000, 200), "quick": (1_000_000, 2_000), "full": (10_000_000, 20_000)}


class Writer(threading.Thread):
    """Inserts one transaction per statement (autocommit) until stopped; records each latency."""

    def __init__(self, bench_target: Any) -> None:
        super().__init__(daemon=True)
        self.target = bench_target
        self.stop = threading.Event()
        self.latencies: list[float] = []
        self.worst_at = 0.0
        self.errors: list[str] = []
        self.rows = 0

    def run(self) -> None:
        with self.target.connect(autocommit=True) as conn:
            wallet, tenant = None, None
            wallet = conn.execute("SELECT id FROM monay.wallets ORDER BY id LIMIT 1").fetchone()[0]
            tenant_scoped = False
            while not self.stop.is_set():
                t0 = time.monotonic()
                try:
                    if not tenant_scoped:
                        conn.execute("INSERT INTO monay.transactions (wallet_id, kind, amount_cents, status, "
                                     "description) VALUES (%s, 'deposit', 100, 'completed', 'bench writer')",
                                     [wallet])
                    else:
                        conn.execute("INSERT INTO monay.transactions (tenant_id, wallet_id, kind, amount_cents, "
                                     "status, description) VALUES (%s, %s, 'deposit', 100, 'completed', "
                                     "'bench writer')", [tenant, wallet])
                    self.rows += 1
                except (psycopg.errors.NotNullViolation, psycopg.errors.UndefinedColumn) as exc:
                    if tenant_scoped:
                        self.errors.append(str(exc).splitlines()[0])
                    # the swap happened: write the tenant-scoped shape from now on
                    tenant_scoped = not tenant_scoped
                    tenant = conn.execute("SELECT tenant_id FROM monay.wallets WHERE id = %s",
                                          [wallet]).fetchone()[0] if tenant_scoped else None
                    continue
                except psycopg.Error as exc:
                    self.errors.append(str(exc).splitlines()[0])
                    continue
                dt = time.monotonic() - t0
                self.latencies.append(dt)
                if dt > self.worst_at:
                    self.worst_at = dt


def case_retrofit(b: Bench) -> dict[str, Any]:
    """Seed, 006 + legacy migrate under a writer, verify, rollback, verify."""
    import os

    transactions, users = SIZES.get(b.scale.name, SIZES["quick"])
    transactions = int(os.environ.get("MONAY_BENCH_RETROFIT_TRANSACTIONS", transactions))
    users = int(os.environ.get("MONAY_BENCH_RETROFIT_USERS", users))
    target = create_database(b.target, "monay_bench_retrofit")
    say = lambda m: b.console.print(f"  retrofit: {m}")  # noqa: E731
    try:
        mig.migrate_up(target)
        mig.apply_functions(target)
        configure_site(target)
        mig.migrate_down_only(target, legacy.MIGRATION)  # 006 and what depends on it
        t0 = time.monotonic()
        with target.connect(autocommit=True) as conn:
            conn.execute("SELECT monay_private.legacy_seed_users(%s, 1)", [users])
            chunk = 500_000
            for lo in range(1, transactions + 1, chunk):
                hi = min(lo + chunk, transactions + 1)
                conn.execute("SELECT monay_private.legacy_seed_transactions(%s, %s, %s, 1)", [lo, hi, users])
            conn.execute("ANALYZE")
        seed_s = time.monotonic() - t0
        say(f"seeded {transactions:,} transactions, {users:,} users in {seed_s:.0f} s")
        baseline = legacy.take_baseline(target, legacy.default_baseline(target))

        writer = Writer(target)
        writer.start()
        time.sleep(0.5)  # the writer is writing before the migration starts
        t0 = time.monotonic()
        mig.apply_functions(target)  # the dual-write helpers first (what `legacy migrate` does)
        mig.migrate_up(target, to=legacy.MIGRATION, retrofit=True)
        m006 = time.monotonic() - t0
        stats = legacy.run_steps(target, "migrate", batch_size=50_000, lock_timeout_ms=500, show_progress=False)
        mig.migrate_up(target)  # the migrations after 006 (what `legacy migrate` does after the swap)
        total = time.monotonic() - t0
        time.sleep(0.5)
        writer.stop.set()
        writer.join()
        say(f"migrated in {total:.0f} s; writer: {writer.rows:,} rows, longest stall {writer.worst_at * 1000:.0f} ms")

        after = legacy.verify(target, baseline)
        bad_after = [r[0] for r in after if not r[3]]
        with target.connect() as conn:
            written = conn.execute("SELECT count(*) FROM monay.transactions WHERE description = 'bench writer'"
                                   ).fetchone()[0]
        t1 = time.monotonic()
        # What `legacy rollback` does: 006's dependents (017), the steps back, then 006.
        mig.migrate_down_only(target, legacy.MIGRATION, dependents_only=True)
        rb = legacy.run_steps(target, "rollback", lock_timeout_ms=500, show_progress=False)
        mig.migrate_down_only(target, legacy.MIGRATION)
        rollback_s = time.monotonic() - t1
        after_rb = legacy.verify(target, baseline)
        bad_rb = [r[0] for r in after_rb if not r[3]]
        with target.connect() as conn:
            kept = conn.execute("SELECT count(*) FROM monay.transactions WHERE description = 'bench writer'"
                                ).fetchone()[0]
    finally:
        drop_database(target)

    move = stats["steps"].get("transactions_move", {})
    backfill_rate = move.get("rows", 0) / move["seconds"] if move.get("seconds") else 0.0
    stall_ms = writer.worst_at * 1000
    lat = sorted(writer.latencies)
    c = "8 retrofit"
    b.row(c, f"legacy seed, {transactions:,} transactions", f"{seed_s:.0f} s")
    v_total = b.judge(c, "006 + legacy migrate (s)", total, "< 15 min for 10M", total < 900 * transactions / 10_000_000)
    b.row(c, "006 + legacy migrate, total", f"{total:.0f} s", target="< 15 min / 10M", verdict=v_total)
    for name, s in stats["steps"].items():
        if s["seconds"] >= 1:
            b.row(c, f"  step {name}", f"{s['seconds']:.0f} s" + (f", {s['rows'] / s['seconds']:,.0f} rows/s"
                                                                   if s["rows"] else ""))
    b.row(c, "backfill (move) rows/s", f"{backfill_rate:,.0f}/s")
    v_stall = b.judge(c, "longest writer stall (ms)", stall_ms, "< 1000 ms", stall_ms < 1000)
    b.row(c, "writer: longest stall", ms(stall_ms), target="< 1 s", verdict=v_stall)
    if lat:
        b.row(c, "writer: inserts, p50 / p99", f"{len(lat):,}, {ms(lat[len(lat) // 2] * 1000)} / "
                                                f"{ms(lat[int(len(lat) * 0.99)] * 1000)}")
    ok = not bad_after and not bad_rb and written == writer.rows and kept == writer.rows and not writer.errors
    v_verify = b.judge(c, "verify after migrate and after rollback", 0 if ok else 1, "identical", ok)
    b.row(c, "verify: after migrate / after rollback",
          f"{bad_after or 'identical'} / {bad_rb or 'identical'}",
          target="identical", verdict=v_verify)
    b.row(c, "writer rows present after migrate / after rollback", f"{written:,} / {kept:,} of {writer.rows:,}")
    b.row(c, "legacy rollback (online steps + 006 down)", f"{rollback_s:.0f} s")
    return {"transactions": transactions, "users": users, "seed_seconds": round(seed_s, 1),
            "migration_006_seconds": round(m006, 3), "total_seconds": round(total, 1), "steps": stats["steps"],
            "lock_retries": stats["retries"], "backfill_rows_per_second": round(backfill_rate),
            "writer_rows": writer.rows, "writer_longest_stall_ms": round(stall_ms, 1),
            "writer_errors": writer.errors[:5], "verify_after_migrate": bad_after or "identical",
            "verify_after_rollback": bad_rb or "identical", "rollback_seconds": round(rollback_s, 1),
            "rollback_steps": rb["steps"], "writer_rows_after_migrate": written, "writer_rows_after_rollback": kept}
