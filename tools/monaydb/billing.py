"""`monaydb billing`: the monthly billing run, orchestrated.

The procedure monay.process_monthly_billing decides everything (who is billed,
how much, exactly once, in committed batches); this command only calls it as
monay_platform, turns the NOTICEs it sends after each batch into a progress
bar, and prints the counts it reports at the end. With --jobs N it runs the
parts 1..N of N of the tenant id space (monay.billing_run_part) in N sessions
at once, then the groups' step (monay.consolidate_group_bills) once.
"""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import date
from typing import Any

import click
import psycopg
from psycopg import sql
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .database import Target
from .options import database_option, friendly, json_option_for, role_option

PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def parse_period(value: str) -> date:
    """YYYY-MM (or any YYYY-MM-DD of the month) -> the first day of that month."""
    m = PERIOD_RE.match(value.strip())
    if not m:
        raise click.BadParameter(f"{value!r} is not a month: use YYYY-MM, e.g. 2026-11")
    try:
        day = date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError as exc:
        raise click.BadParameter(f"{value!r}: {exc}") from None
    return day.replace(day=1)


def _events(diag: psycopg.errors.Diagnostic) -> dict[str, Any] | None:
    """The JSON DETAIL of one of the run's NOTICEs, or None for any other notice."""
    detail = diag.message_detail
    if not detail or not detail.startswith("{"):
        return None
    try:
        event = json.loads(detail)
    except ValueError:
        return None
    return event if isinstance(event, dict) and "event" in event else None


def run_monthly_billing(target: Target, period: date, role: str = "monay_platform",
                        show_progress: bool = True) -> dict[str, Any]:
    """CALL monay.process_monthly_billing(period) as `role` in autocommit (it commits per
    batch); returns the counts of its final NOTICE."""
    err = Console(stderr=True)
    result: dict[str, Any] = {}
    with Progress(TextColumn("[bold]billing {task.fields[period]}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("billed {task.fields[billed]}, skipped {task.fields[skipped]}"),
                  TimeElapsedColumn(), console=err, transient=False, disable=not show_progress) as progress:
        task = progress.add_task("run", total=None, period=period.strftime("%Y-%m"), billed=0, skipped=0)
        already = 0

        def on_notice(diag: psycopg.errors.Diagnostic) -> None:
            nonlocal already
            event = _events(diag)
            if event is None:
                return
            kind = event["event"]
            if kind == "start":
                already = int(event.get("already_billed", 0))
                result["start"] = event
                progress.update(task, total=int(event.get("tenants_total", 0)), completed=already)
            elif kind == "batch":
                progress.update(task, completed=already + int(event["billed_total"]) + int(event["skipped_total"]),
                                billed=event["billed_total"], skipped=event["skipped_total"])
            elif kind == "finish":
                result.update(event)
                progress.update(task, completed=int(event["billed_in_period"]))

        with target.connect(autocommit=True) as conn:
            conn.add_notice_handler(on_notice)
            try:
                conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
                conn.execute("CALL monay.process_monthly_billing(%s)", [period])
            except psycopg.Error as exc:
                code = exc.diag.sqlstate or "?"
                raise click.ClickException(f"billing run for {period:%Y-%m} failed ({code}): "
                                           f"{exc.diag.message_primary or exc}") from None
    result.pop("start", None)
    result.pop("event", None)
    return result


def run_monthly_billing_parts(target: Target, period: date, jobs: int, role: str = "monay_platform",
                              show_progress: bool = True) -> dict[str, Any]:
    """CALL monay.billing_run_part(period, k, jobs) for k = 1..jobs in `jobs` sessions at once
    (each commits per batch; exactly once and resumable like the whole run), then the groups'
    step once; returns the parts' final counts added up."""
    err = Console(stderr=True)
    finished: dict[int, dict[str, Any]] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()
    started = time.monotonic()
    with Progress(TextColumn("[bold]billing {task.fields[period]}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=False, disable=not show_progress) as progress:
        task = progress.add_task("run", total=None, period=f"{period:%Y-%m} ({jobs} parts)")
        done = {k: 0 for k in range(1, jobs + 1)}
        totals = {k: 0 for k in range(1, jobs + 1)}

        def part(k: int) -> None:
            def on_notice(diag: psycopg.errors.Diagnostic) -> None:
                event = _events(diag)
                if event is None:
                    return
                with lock:
                    if event["event"] == "start":
                        totals[k] = int(event.get("tenants_total", 0))
                        done[k] = int(event.get("already_billed", 0))
                        progress.update(task, total=sum(totals.values()), completed=sum(done.values()))
                    elif event["event"] == "batch":
                        done[k] += int(event["billed"]) + int(event["skipped"])
                        progress.update(task, completed=sum(done.values()))
                    elif event["event"] == "finish":
                        finished[k] = event

            try:
                with target.connect(autocommit=True) as conn:
                    conn.add_notice_handler(on_notice)
                    conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
                    conn.execute("CALL monay.billing_run_part(%s, %s, %s)", [period, k, jobs])
            except BaseException as exc:  # noqa: BLE001 - reported below, once every part has stopped
                with lock:
                    errors.append(exc)

        threads = [threading.Thread(target=part, args=(k,)) for k in range(1, jobs + 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if errors:
        exc = errors[0]
        if isinstance(exc, psycopg.Error):
            raise click.ClickException(f"billing run for {period:%Y-%m} failed ({exc.diag.sqlstate or '?'}): "
                                       f"{exc.diag.message_primary or exc}")
        raise exc
    with target.connect(autocommit=True) as conn, conn.transaction():
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(role)))
        conn.execute("SELECT monay.set_platform_context()")
        row = conn.execute("SELECT monay.consolidate_group_bills(%s)", [period.replace(day=1)]).fetchone()
    parts = [finished[k] for k in sorted(finished)]
    out: dict[str, Any] = {
        "period": parts[0]["period"] if parts else str(period),
        "run_ids": [p["run_id"] for p in parts],
        "parts": jobs,
        "group_bills": row[0] if row else 0,
        "seconds": round(time.monotonic() - started, 3),
        "failures": [f for p in parts for f in p.get("failures") or []],
    }
    for key in ("tenants_total", "tenants_billed", "tenants_skipped", "tenants_failed", "batches"):
        out[key] = sum(int(p.get(key) or 0) for p in parts)
    out["billed_in_period"] = max((int(p.get("billed_in_period") or 0) for p in parts), default=0)
    out["remaining"] = sum(int(p.get("remaining") or 0) for p in parts)
    return out


@click.group()
def billing() -> None:
    """Billing: the monthly run (every rule lives in SQL, docs/billing.md)."""


@billing.command(name="run")
@database_option
@click.option("--period", required=True, metavar="YYYY-MM", help="The month to bill (it must be over, UTC).")
@role_option
@json_option_for("Print the final counts as JSON (no progress bar).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Sessions billing at once, each one part of the tenant id space (monay.billing_run_part); "
                   "about one per core.")
@friendly
def run(database: str | None, period: str, role: str, as_json: bool, jobs: int) -> None:
    """Bill every tenant for PERIOD exactly once (rerunnable: a killed run is finished by the next)."""
    month = parse_period(period)
    target = Target.resolve(database)
    if jobs == 1:
        counts = run_monthly_billing(target, month, role=role, show_progress=not as_json)
    else:
        counts = run_monthly_billing_parts(target, month, jobs, role=role, show_progress=not as_json)
    if as_json:
        click.echo(json.dumps(counts, sort_keys=True))
        return
    table = Table(title=f"billing run {counts.get('run_id') or counts.get('run_ids')} for {month:%Y-%m}")
    for col in ("tenants", "billed now", "billed before/by others", "failed", "bills of the month", "remaining",
                "batches", "seconds"):
        table.add_column(col, justify="right")
    table.add_row(*(str(counts.get(k, "")) for k in ("tenants_total", "tenants_billed", "tenants_skipped",
                                                      "tenants_failed", "billed_in_period", "remaining", "batches",
                                                      "seconds")))
    console = Console()
    console.print(table)
    for failure in counts.get("failures") or []:
        console.print(f"  not billed: tenant {failure.get('tenant_id')} ({failure.get('sqlstate')}): "
                      f"{failure.get('message')}")
