"""`monaydb jobs run JOB`: the scheduled jobs, in the form cron can run them.

Each job is one call of a SQL function or procedure that decides everything; this
module only gives each call what it needs to work from cron: its role (SET ROLE,
so the connecting login must be a member of that role or a superuser), a platform
context inside an explicit transaction (the context is transaction-local, so a bare
`psql -f` loses it at the next statement), autocommit for procedures that commit
(`CALL partman.run_maintenance_proc()` cannot run inside a transaction block), and a
loop over limited batches. Exit code 0 when every job succeeded, 1 otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import click
import psycopg
from psycopg import sql

from .billing import parse_period, run_monthly_billing
from .database import Target, TargetError
from .migrations import PARTMAN_SUPPORTED, partman_supported
from .options import database_option, friendly

MAX_ROUNDS = 1000  # batches per job and run: a backlog larger than that is left for the next run


def _platform_call(target: Target, query: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """One transaction as monay_platform in the platform context."""
    with target.connect() as conn, conn.transaction():
        conn.execute("SET LOCAL ROLE monay_platform")
        conn.execute("SELECT monay.set_platform_context()")
        return conn.execute(query, params).fetchall()  # type: ignore[arg-type]


def job_partitions(target: Target) -> dict[str, Any]:
    """pg_partman maintenance as monay_owner, in autocommit (the procedure commits)."""
    with target.connect(autocommit=True) as conn:
        row = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'pg_partman'").fetchone()
        if row is None:
            raise RuntimeError("pg_partman is not installed in this database: run `monaydb migrate`")
        if not partman_supported(row[0]):
            raise RuntimeError(f"pg_partman {row[0]} is installed; Monay DB supports {PARTMAN_SUPPORTED}")
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier("monay_owner")))
        conn.execute("CALL partman.run_maintenance_proc()")
        conn.execute("RESET ROLE")
        months = conn.execute(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'monay.billing_operations'::regclass").fetchone()
    return {"billing_operations_partitions": months[0] if months else None}


def job_idempotency_keys(target: Target, limit: int = 100_000) -> dict[str, Any]:
    total = 0
    for _ in range(MAX_ROUNDS):
        n = int(_platform_call(target, "SELECT monay.purge_billing_idempotency_keys(%s)", [limit])[0][0])
        total += n
        if n < limit:
            break
    return {"idempotency_keys_deleted": total}


def job_closed_tenants(target: Target, limit: int = 100) -> dict[str, Any]:
    purged, failed = 0, []
    for _ in range(MAX_ROUNDS):
        rows = _platform_call(target, "SELECT tenant_id::text, tenant_code, error FROM monay.purge_closed_tenants(%s)",
                              [limit])
        purged += sum(1 for r in rows if r[2] is None)
        failed += [{"tenant_id": r[0], "tenant_code": r[1], "error": r[2]} for r in rows if r[2] is not None]
        if len(rows) < limit or failed:
            break
    if failed:
        raise RuntimeError(f"{len(failed)} closed tenant(s) not purged (retried next run): {json.dumps(failed)}")
    return {"tenants_purged": purged}


def job_jwt_secrets(target: Target) -> dict[str, Any]:
    n = _platform_call(target, "SELECT monay.purge_retired_jwt_secrets()", [])[0][0]
    return {"jwt_secrets_deleted": int(n)}


def job_key_rotation(target: Target, limit: int = 1000) -> dict[str, Any]:
    """Vaults older than KEY_ROTATION_INTERVAL get a new key version (rotate_tenant_keys is
    idempotent per from-version, so a rerun after a failure rotates nobody twice)."""
    total = 0
    for _ in range(MAX_ROUNDS):
        n = int(_platform_call(
            target, "SELECT count(monay.rotate_tenant_keys(d.tenant_id, d.key_version::integer)) "
                    "FROM monay.tenants_due_for_rotation(%s) d", [limit])[0][0])
        total += n
        if n < limit:
            break
    return {"vaults_rotated": total}


def job_monthly_billing(target: Target, period: date) -> dict[str, Any]:
    try:
        counts = run_monthly_billing(target, period, show_progress=False)
    except click.ClickException as exc:
        raise RuntimeError(exc.message) from None
    return {"period": period.strftime("%Y-%m"), **counts}


DAILY: dict[str, Callable[[Target], dict[str, Any]]] = {
    "partitions": job_partitions,
    "idempotency-keys": job_idempotency_keys,
    "closed-tenants": job_closed_tenants,
    "jwt-secrets": job_jwt_secrets,
    "key-rotation": job_key_rotation,
}
JOBS = ["monthly-billing", *DAILY, "daily"]


def last_month(today: date) -> date:
    first = today.replace(day=1)
    return (first.replace(year=first.year - 1, month=12) if first.month == 1
            else first.replace(month=first.month - 1))


@click.group()
def jobs() -> None:
    """Scheduled jobs for cron (docs/operations.md, "Scheduled jobs")."""


@jobs.command(name="run")
@click.argument("job", type=click.Choice(JOBS))
@database_option
@click.option("--period", metavar="YYYY-MM", help="monthly-billing: the month to bill (default: last month, UTC).")
@friendly
def run(job: str, database: str | None, period: str | None) -> None:
    """Run JOB: monthly-billing (after the 1st, UTC), or daily (partitions, idempotency-keys,
    closed-tenants, jwt-secrets, key-rotation: each may also run alone). Prints one JSON line per job;
    exits 1 when any failed (the others still run)."""
    target = Target.resolve(database)
    if job == "monthly-billing":
        month = parse_period(period) if period else last_month(datetime.now(UTC).date())
        todo: dict[str, Callable[[Target], dict[str, Any]]] = {job: lambda t: job_monthly_billing(t, month)}
    elif period:
        raise click.UsageError("--period applies to monthly-billing only")
    else:
        todo = DAILY if job == "daily" else {job: DAILY[job]}
    failed = []
    for name, fn in todo.items():
        try:
            result = {"job": name, "ok": True, **fn(target)}
        except (psycopg.Error, RuntimeError, TargetError) as exc:
            diag = getattr(exc, "diag", None)
            message = (diag.message_primary if diag is not None and diag.message_primary else str(exc)).strip()
            code = f" ({diag.sqlstate})" if diag is not None and diag.sqlstate else ""
            result = {"job": name, "ok": False, "error": message.splitlines()[0] + code if message else repr(exc)}
            failed.append(name)
        click.echo(json.dumps(result, default=str, sort_keys=True))
    if failed:
        raise click.ClickException(f"job(s) failed: {', '.join(failed)}")
