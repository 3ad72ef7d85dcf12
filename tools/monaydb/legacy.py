"""`monaydb legacy`: the tenant_id retrofit of the platform tables, orchestrated.

Migration 006 adds the columns, triggers and the partitioned shell, and lists the long
steps as data (monay_private.legacy_steps). This module only walks that list: batch steps
call their SQL function once per committed batch (the function moves its own cursor in
the same transaction, so a killed run resumes exactly where the last commit left it), DDL
steps run their statement(s) in autocommit (CREATE INDEX CONCURRENTLY needs that), with
a short lock_timeout and retries so that no lock queues the platform for long. Every
decision (tenants, what moves where, what is verified) lives in SQL
(sql/functions/legacy/, docs/platform.md).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import psycopg
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import migrations as mig
from .cluster import PG_BIN, ROOT
from .database import Target, lose_deadlocks
from .options import database_option_for, friendly, json_option, json_option_for, sql_failure

RETRY_SQLSTATES = {"55P03", "40P01", "40001"}  # lock_timeout, deadlock, serialization
PRE_TENANCY = "005_billing_infrastructure"
MIGRATION = "006_add_tenant_columns"

err = Console(stderr=True)

database_option = database_option_for(
    "libpq URL of the target database (default: DATABASE_URL, else the embedded cluster). "
    "Connect as a superuser (or the owner of the schema): the steps change tables.")
timings_json_option = json_option_for("Print timings as JSON.")


class LegacyError(RuntimeError):
    """A step failed for a reason that retrying does not cure."""


def _retry(conn: psycopg.Connection, what: str, fn: Any, stats: dict[str, Any]) -> Any:
    """Run fn() until it does not fail on a lock timeout, deadlock or serialization error."""
    attempt = 0
    while True:
        try:
            return fn()
        except psycopg.Error as exc:
            if exc.sqlstate not in RETRY_SQLSTATES:
                raise LegacyError(f"{what} failed ({exc.sqlstate}): {exc.diag.message_primary or exc}") from None
            attempt += 1
            stats["retries"] = stats.get("retries", 0) + 1
            if attempt > 600:
                raise LegacyError(f"{what}: still blocked after {attempt} attempts ({exc.sqlstate})") from None
            time.sleep(min(2.0, 0.05 * attempt))  # let the platform's queue drain before queueing again


def _steps(conn: psycopg.Connection, direction: str) -> list[dict[str, Any]]:
    cur = conn.execute(
        "SELECT p.ord, p.name, p.kind, p.status, p.rows_done, p.rows_total, s.body "
        "FROM monay_private.legacy_progress(%s) p "
        "JOIN monay_private.legacy_steps s ON s.direction = %s AND s.name = p.name ORDER BY p.ord",
        [direction, direction])
    cols = [d.name for d in cur.description or []]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _ddl(conn: psycopg.Connection, stmt: str) -> None:
    """One statement of a DDL step, after dropping the invalid indexes that a failed
    CREATE INDEX CONCURRENTLY left on the retrofit's tables. Before every attempt, not only
    at the step's start: a build that hits lock_timeout while it waits for the platform's
    writers leaves its invalid index behind, and the retry's IF NOT EXISTS would then keep
    it and mark the step done without the index (found by tests/test_crash.py)."""
    for (drop,) in conn.execute("SELECT monay_private.legacy_invalid_index_statements()").fetchall():
        conn.execute(drop)
    conn.execute(stmt)


def retrofit_installed(target: Target) -> bool:
    with target.connect() as conn:
        return conn.execute("SELECT to_regclass('monay_private.legacy_steps') IS NOT NULL").fetchone()[0]


def run_steps(target: Target, direction: str, batch_size: int = 50_000, lock_timeout_ms: int = 500,
              show_progress: bool = True) -> dict[str, Any]:
    """Run every pending step of `direction` ('migrate' or 'rollback'); return timings and counts."""
    stats: dict[str, Any] = {"steps": {}, "retries": 0}
    started = time.monotonic()
    with target.connect(autocommit=True) as conn, Progress(
            TextColumn("[bold]{task.fields[step]:<28}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=err,
            disable=not show_progress) as progress:
        conn.execute(f"SET lock_timeout = '{int(lock_timeout_ms)}ms'")
        lose_deadlocks(conn.execute, transaction_only=False)  # the steps, retried, lose deadlocks; the platform not
        conn.execute("SET statement_timeout = 0")
        conn.execute("SET application_name = 'monaydb legacy'")
        for step in _steps(conn, direction):
            if step["status"] == "done":
                continue
            t0 = time.monotonic()
            name, kind, body = step["name"], step["kind"], step["body"]
            task = progress.add_task(name, total=step["rows_total"] if kind == "batch" else 1,
                                     completed=step["rows_done"] if kind == "batch" else 0, step=name, rate="")
            rows = 0
            if kind == "batch":
                query = body.replace("$1", "%s")
                while True:
                    def one_batch(q: str = query) -> int:
                        with conn.transaction():
                            return int(conn.execute(q, [batch_size]).fetchone()[0] or 0)
                    n = _retry(conn, f"step {name}", one_batch, stats)
                    if n == 0:
                        break
                    rows += n
                    elapsed = max(time.monotonic() - t0, 1e-6)
                    progress.update(task, advance=n, rate=f"{rows / elapsed:,.0f} rows/s")
            elif kind in ("ddl", "ddl_list"):
                statements = [body] if kind == "ddl" else [r[0] for r in conn.execute(body).fetchall()]
                progress.update(task, total=max(len(statements), 1))
                for stmt in statements:
                    _retry(conn, f"step {name}", lambda s=stmt: _ddl(conn, s), stats)
                    progress.update(task, advance=1)
            conn.execute("SELECT monay_private.legacy_step_finish(%s, %s)", [direction, name])
            progress.update(task, completed=progress.tasks[task].total or 1)
            stats["steps"][name] = {"kind": kind, "seconds": round(time.monotonic() - t0, 3), "rows": rows}
    stats["seconds"] = round(time.monotonic() - started, 3)
    return stats


def take_backup(target: Target, directory: Path) -> Path:
    """pg_dump (custom format) of the five tables the retrofit changes; returns the file."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"pre-tenancy-{target.dbname}-{stamp}.dump"
    cmd = [str(PG_BIN / "pg_dump"), "-Fc", "-Z", "1", "-f", str(path)]
    for table in ("users", "wallets", "cards", "invoices", "transactions"):
        cmd += ["-t", f"monay.{table}"]
    proc = target.run_tool(cmd, capture_output=True)
    if proc.returncode != 0:
        raise LegacyError(f"backup failed: {proc.stderr.strip()}")
    return path


def default_baseline(target: Target) -> Path:
    return ROOT / ".monaydb" / "legacy" / f"baseline-{target.dbname}.json"


def take_baseline(target: Target, path: Path) -> dict[str, Any]:
    with target.connect() as conn:
        cutoff, checks = conn.execute(
            "SELECT now(), jsonb_object_agg(check_name, value) "
            "FROM monay_private.legacy_verify_snapshot(now())").fetchone()
    baseline = {"cutoff": cutoff.isoformat(), "database": target.dbname, "checks": checks}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(baseline, indent=1, sort_keys=True))
    return baseline


def verify(target: Target, baseline: dict[str, Any] | None) -> list[tuple[str, str | None, str, bool]]:
    with target.connect() as conn:
        return [tuple(r) for r in conn.execute(  # type: ignore[misc]
            "SELECT check_name, expected, actual, ok FROM monay_private.legacy_verify(%s::jsonb)",
            [json.dumps(baseline) if baseline else None]).fetchall()]


def _print_verify(rows: list[tuple[str, str | None, str, bool]], title: str) -> None:
    table = Table(title=title)
    for col in ("check", "expected", "actual", ""):
        table.add_column(col, justify="right" if col in ("expected", "actual") else "left")
    for name, expected, actual, ok in rows:
        table.add_row(name, "" if expected is None else expected, actual, "ok" if ok else "[red]DIFFERENT")
    Console(width=160).print(table)


@click.group()
def legacy() -> None:
    """The platform tables' tenant_id retrofit: seed, migrate, verify, rollback (docs/platform.md)."""


@legacy.command()
@database_option
@click.option("--users", type=click.IntRange(1), required=True, help="Users to create (3 wallets each).")
@click.option("--transactions", type=click.IntRange(0), required=True, help="Transactions to create.")
@click.option("--seed", "seed", type=int, default=1, show_default=True, help="Seed: same seed, same data.")
@click.option("--chunk", type=click.IntRange(1000), default=500_000, show_default=True,
              help="Transactions per committed statement.")
@friendly
def seed(database: str | None, users: int, transactions: int, seed: int, chunk: int) -> None:
    """Fill the pre-tenancy platform tables with deterministic, plausible data (set-based)."""
    target = Target.resolve(database)
    t0 = time.monotonic()
    try:
        with target.connect(autocommit=True) as conn, Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=err) as progress:
            task = progress.add_task("users, wallets, cards, invoices", total=1)
            with conn.transaction():
                counts = conn.execute("SELECT monay_private.legacy_seed_users(%s, %s)", [users, seed]).fetchone()[0]
            progress.update(task, completed=1)
            task = progress.add_task("transactions", total=transactions)
            for lo in range(1, transactions + 1, chunk):
                hi = min(lo + chunk, transactions + 1)
                with conn.transaction():
                    conn.execute("SELECT monay_private.legacy_seed_transactions(%s, %s, %s, %s)",
                                 [lo, hi, users, seed])
                progress.update(task, advance=hi - lo)
            conn.execute("ANALYZE monay.users, monay.wallets, monay.cards, monay.invoices, monay.transactions")
    except psycopg.Error as exc:
        raise sql_failure("seed", exc) from None
    counts["transactions"] = transactions
    counts["seconds"] = round(time.monotonic() - t0, 1)
    click.echo(json.dumps(counts, sort_keys=True))


@legacy.command()
@database_option
@click.option("--batch-size", type=click.IntRange(100), default=50_000, show_default=True,
              help="Rows per committed batch.")
@click.option("--lock-timeout-ms", type=click.IntRange(10), default=500, show_default=True,
              help="How long a DDL step may queue for a lock before it lets go and retries.")
@click.option("--backup-dir", type=click.Path(file_okay=False, path_type=Path),
              default=ROOT / ".monaydb" / "backups", show_default=True, help="Where the backup goes.")
@click.option("--no-backup", is_flag=True, help="Do not take a backup (you have one: say where in your runbook).")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), help="Baseline file for verify.")
@timings_json_option
@friendly
def migrate(database: str | None, batch_size: int, lock_timeout_ms: int, backup_dir: Path, no_backup: bool,
            baseline: Path | None, as_json: bool) -> None:
    """Run (or resume) the long steps of migration 006: tenants, backfill, move, VALIDATE, indexes, swap."""
    target = Target.resolve(database)
    if MIGRATION not in mig.applied(target):
        # The helpers its dual-write triggers call first, so that no write of the
        # running platform meets a trigger without them.
        # (Not again after 006: re-creating the tenancy triggers while the dual-write
        # creates tenants could deadlock with the platform's writes.)
        mig.apply_functions(target)
        # Up to 006 only: later migrations (017 links treasury grants to the wallets'
        # composite key) need the retrofit's final shape, applied after the swap below.
        done = mig.migrate_up(target, to=MIGRATION, retrofit=True)
        err.print(f"applied: {', '.join(done) or 'nothing pending'}")
    with target.connect() as conn:
        fresh = conn.execute("SELECT NOT EXISTS (SELECT FROM monay_private.legacy_steps "
                             "WHERE direction = 'migrate' AND status <> 'pending')").fetchone()[0]
    if fresh:
        path = baseline or default_baseline(target)
        take_baseline(target, path)
        err.print(f"verify baseline (before the retrofit) saved: {path}")
        if no_backup:
            err.print("[yellow]no backup taken (--no-backup)")
        else:
            err.print(f"backup: {take_backup(target, backup_dir)}")
    stats = run_steps(target, "migrate", batch_size, lock_timeout_ms)
    # The retrofit is complete (swapped): the migrations after 006, then the function files.
    rest = mig.migrate_up(target)
    if rest:
        mig.apply_functions(target)
        err.print(f"applied after the retrofit: {', '.join(rest)}")
    if as_json:
        click.echo(json.dumps(stats, sort_keys=True))
    else:
        _print_stats(stats, "legacy migrate")


@legacy.command()
@database_option
@click.option("--lock-timeout-ms", type=click.IntRange(10), default=500, show_default=True,
              help="How long a DDL step may queue for a lock before it lets go and retries.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@timings_json_option
@friendly
def rollback(database: str | None, lock_timeout_ms: int, yes: bool, as_json: bool) -> None:
    """Restore the pre-tenancy schema and data (rows written under tenancy are kept), then undo 006."""
    target = Target.resolve(database)
    if not yes:
        click.confirm("Roll the platform tables back to their pre-tenancy shape?", abort=True)
    if MIGRATION not in mig.applied(target):
        raise click.ClickException(f"{MIGRATION} is not applied: nothing to roll back")
    # What depends on 006 first (017, the treasury links: it needs the tenant-scoped shape),
    # then the steps back to the pre-tenancy shape, then 006 itself; vaults, billing
    # safety, monitoring and the rest stay applied.
    first = mig.migrate_down_only(target, MIGRATION, dependents_only=True)
    stats = run_steps(target, "rollback", lock_timeout_ms=lock_timeout_ms)
    t0 = time.monotonic()
    stats["rolled_back"] = first + mig.migrate_down_only(target, MIGRATION)
    stats["steps"]["migrate down"] = {"kind": "yoyo", "seconds": round(time.monotonic() - t0, 3), "rows": 0}
    if as_json:
        click.echo(json.dumps(stats, sort_keys=True))
    else:
        _print_stats(stats, "legacy rollback: " + ", ".join(stats["rolled_back"]))


@legacy.command(name="verify")
@database_option
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Baseline file (default: .monaydb/legacy/baseline-<db>.json).")
@click.option("--save-baseline", is_flag=True, help="Take the baseline now (before migrating).")
@json_option
@friendly
def verify_cmd(database: str | None, baseline: Path | None, save_baseline: bool, as_json: bool) -> None:
    """Counts, checksums, money sums, foreign keys and tenants against the baseline; exit 1 on a difference."""
    target = Target.resolve(database)
    path = baseline or default_baseline(target)
    try:
        if save_baseline:
            take_baseline(target, path)
            err.print(f"baseline saved: {path}")
        base = json.loads(path.read_text()) if path.exists() else None
        if base is None:
            err.print(f"[yellow]no baseline at {path}: only the invariants are judged")
        rows = verify(target, base)
    except psycopg.Error as exc:
        raise sql_failure("verify", exc) from None
    bad = [r for r in rows if not r[3]]
    if as_json:
        click.echo(json.dumps({"ok": not bad, "checks": [
            {"check": n, "expected": e, "actual": a, "ok": o} for n, e, a, o in rows]}, sort_keys=True))
    else:
        _print_verify(rows, f"legacy verify ({'identical' if not bad else f'{len(bad)} DIFFERENT'})")
    if bad:
        sys.exit(1)


@legacy.command()
@database_option
@json_option
@friendly
def status(database: str | None, as_json: bool) -> None:
    """Where the retrofit stands: every step, its status and rows."""
    target = Target.resolve(database)
    if not retrofit_installed(target):
        click.echo(f"{MIGRATION} is not applied (pre-tenancy shape)")
        return
    with target.connect() as conn:
        out = {d: [dict(zip(("ord", "name", "kind", "status", "rows_done", "rows_total", "batches"), r[:7],
                             strict=True))
                   for r in conn.execute("SELECT * FROM monay_private.legacy_progress(%s)", [d]).fetchall()]
               for d in ("migrate", "rollback")}
    if as_json:
        click.echo(json.dumps(out, sort_keys=True))
        return
    for direction, steps in out.items():
        table = Table(title=f"legacy {direction}")
        for col in ("ord", "name", "kind", "status", "rows_done", "rows_total", "batches"):
            table.add_column(col)
        for s in steps:
            table.add_row(*(str(s[c]) for c in ("ord", "name", "kind", "status", "rows_done", "rows_total",
                                                 "batches")))
        Console(width=160).print(table)


def _print_stats(stats: dict[str, Any], title: str) -> None:
    table = Table(title=f"{title} ({stats['seconds']} s, {stats['retries']} lock retries)")
    for col in ("step", "kind", "seconds", "rows", "rows/s"):
        table.add_column(col, justify="left" if col in ("step", "kind") else "right")
    for name, s in stats["steps"].items():
        rate = f"{s['rows'] / s['seconds']:,.0f}" if s["rows"] and s["seconds"] else ""
        table.add_row(name, s["kind"], f"{s['seconds']:.1f}", f"{s['rows']:,}", rate)
    Console().print(table)


