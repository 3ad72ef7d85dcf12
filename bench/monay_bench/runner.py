"""One benchmark run: a fresh database, the data set grown step by step, every case, the report."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from rich.console import Console
from rich.table import Table

from monaydb.database import Target, scratch_database
from monaydb.migrations import apply_functions, migrate_up
from monaydb.site import configure_site

from . import cases, dataset, mixed, retrofit
from .core import Bench, CaseSkipped
from .machine import machine_info, postgres_info
from .pgbench import PgbenchError
from .scales import SCALES

RESULTS_DIR = Path(__file__).resolve().parents[1] / "results"

# Name -> (number in the issue, function). Cases that run at every step of the
# data set (reads, monthly) take the step; the others run once at the end.
STEP_CASES: dict[str, tuple[int, Callable[..., dict[str, Any]]]] = {
    "reads": (3, cases.case_reads_step),
    "monthly": (6, cases.case_monthly_step),
}
FINAL_CASES: dict[str, tuple[int, Callable[[Bench], dict[str, Any]]]] = {
    "ingest-one": (1, cases.case_ingest_one),
    "ingest-many": (2, cases.case_ingest_many),
    "context": (4, cases.case_context),
    "rls": (5, cases.case_rls),
    "provisioning": (7, cases.case_provisioning),
    "monthly-first": (6, cases.case_monthly_first_run),
    "retrofit": (8, retrofit.case_retrofit),
    "mixed": (9, mixed.case_mixed),
}
# Months of generated usage: the closed months that the monthly runs bill, and the current one.
MONTHS = 4
CASE_ORDER = ("ingest-one", "ingest-many", "reads", "context", "rls", "monthly", "monthly-first", "provisioning",
              "retrofit", "mixed")
CASE_NUMBERS = {"ingest-one": 1, "ingest-many": 2, "reads": 3, "context": 4, "rls": 5, "monthly": 6,
                "monthly-first": 6, "provisioning": 7, "retrofit": 8, "mixed": 9}
# Run order at the end of the data set: reads before anything writes operations.
FINAL_ORDER = ("context", "rls", "ingest-one", "ingest-many", "provisioning", "monthly-first", "retrofit", "mixed")


class BenchError(RuntimeError):
    """The benchmark could not run; one line for the user."""


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _run_case(b: Bench, name: str, fn: Callable[[], dict[str, Any]]) -> None:
    b.console.print(f"[bold]case {CASE_NUMBERS.get(name, '?')} {name}[/bold]")
    if b.profile:
        b.reset_statements()
    load_before = _load()
    try:
        with b.stopwatch() as sw:
            result = fn()
        result["case_seconds"] = round(sw["seconds"], 1)
        result["load_average"] = [load_before, _load()]
    except CaseSkipped as exc:
        b.cases[name] = {"status": "skipped", "reason": str(exc)}
        b.console.print(f"  skipped: {exc}")
        return
    except (PgbenchError, psycopg.Error, AssertionError) as exc:
        b.cases[name] = {"status": "error", "error": str(exc).strip().splitlines()[0] if str(exc) else repr(exc),
                         "traceback": traceback.format_exc(limit=3)}
        b.console.print(f"  [red]error[/red]: {b.cases[name]['error']}")
        return
    entry = b.cases.setdefault(name, {"status": "ok"})
    if isinstance(entry.get("series"), list):  # step cases accumulate
        entry["series"].append(result)
    else:
        entry.update(result)
    if b.profile:
        entry.setdefault("top_statements", []).append(b.top_statements())


def run(server: Target, scale_name: str = "quick", selected: tuple[str, ...] = (), keep: bool = False,
        name: str | None = None, profile: bool = False, results_dir: Path | None = None,
        console: Console | None = None) -> dict[str, Any]:
    """Run the benchmark on a fresh database next to `server`'s; returns the report (also written as JSON)."""
    console = console or (Console() if sys.stdout.isatty() else Console(width=200))
    scale = SCALES[scale_name]
    unknown = [c for c in selected if c not in CASE_ORDER]
    if unknown:
        raise BenchError(f"unknown case(s) {', '.join(unknown)}; known: {', '.join(CASE_ORDER)}")
    chosen = [c for c in CASE_ORDER if not selected or c in selected]
    started = datetime.now(UTC)
    machine = machine_info()  # now: its load average is the machine's before the bench adds any
    dataset.ensure_login_roles(server)
    with scratch_database(server, "monay_bench", keep=keep) as target:
        console.print(f"bench database {target.dbname} ({scale.name} scale)")
        migrate_up(target)
        apply_functions(target)
        configure_site(target)
        dataset.install(target)
        b = Bench(target, scale, console, profile=profile)
        if profile:
            with b.connect() as conn:
                conn.execute(f"ALTER DATABASE {target.dbname} SET pg_stat_statements.track = 'all'")
                conn.commit()
        with b.connect() as conn:
            pg = postgres_info(conn)
        steps = scale.steps if any(c in chosen for c in ("reads", "monthly")) else scale.steps[-1:]
        if chosen == ["retrofit"]:  # works in a database of its own: no tenants data set
            steps = ()
        b.dataset = {"tenants": 0, "operations": 0, "heavy_ops": 0, "steps": [],
                     "plan_steps": list(steps), "billing": dataset.billing_ready(target)}
        say = lambda m: console.print(f"  {m}")  # noqa: E731
        for i, n in enumerate(steps):
            with b.stopwatch() as sw:
                before = b.dataset["tenants"]
                dataset.grow_tenants(target, n, progress=say)
                if b.dataset["billing"]:
                    b.dataset["operations"] += dataset.grow_operations(
                        target, before + 1, n, scale.ops_per_tenant_month, MONTHS, progress=say)
                    heavy = scale.heavy_ops[scale.steps.index(n)]
                    b.dataset["operations"] += dataset.grow_heavy(target, 2, heavy - b.dataset["heavy_ops"])
                    b.dataset["heavy_ops"] = heavy
                    dataset.analyze_billing(target)
            b.dataset["tenants"] = n
            b.dataset["steps"].append({"tenants": n, "operations": b.dataset["operations"],
                                       "heavy_ops": b.dataset["heavy_ops"],
                                       "generate_seconds": round(sw["seconds"], 1)})
            console.print(f"  data set: {n:,} tenants, {b.dataset['operations']:,} operations "
                          f"({sw['seconds']:.0f} s)")
            for cname in ("reads", "monthly"):
                if cname in chosen and cname in STEP_CASES:
                    _, fn = STEP_CASES[cname]
                    b.cases.setdefault(cname, {"status": "ok", "series": []})
                    _run_case(b, cname, lambda fn=fn, i=i, n=n: fn(b, i, n))
        if "reads" in chosen:
            cases.judge_reads_flat(b)
        for cname in FINAL_ORDER:
            if cname not in chosen:
                continue
            if cname not in FINAL_CASES:
                b.cases[cname] = {"status": "skipped", "reason": "not implemented yet"}
                continue
            _, fn = FINAL_CASES[cname]
            _run_case(b, cname, lambda fn=fn: fn(b))
        for cname in ("reads", "monthly"):
            if cname in chosen and cname not in STEP_CASES:
                b.cases[cname] = {"status": "skipped", "reason": "not implemented yet"}
        report = {
            "name": name or scale.name,
            "date": started.isoformat(timespec="seconds"),
            "duration_seconds": round((datetime.now(UTC) - started).total_seconds(), 1),
            "scale": {"name": scale.name, **{k: v for k, v in scale.__dict__.items() if k != "name"}},
            "machine": machine,
            "postgres": pg,
            "database": target.dbname if keep else None,
            "dataset": b.dataset,
            "cases": {c: b.cases.get(c, {"status": "not selected"}) for c in CASE_ORDER if c in chosen},
            "targets": b.targets,
            "table": [r.__dict__ for r in b.rows],
        }
    out_dir = results_dir or RESULTS_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{report['name']}.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    report["path"] = str(path)
    print_table(report, console)
    return report


def print_table(report: dict[str, Any], console: Console) -> None:
    m, pg = report["machine"], report["postgres"]
    title = (f"monaydb bench, {report['scale']['name']} scale, {report['date']}: "
             f"{m['cores']} cores, {m['memory_gib']} GiB, PostgreSQL {pg['settings'].get('server_version')}")
    table = Table(title=title, show_lines=False,
                  caption="latencies: p50 / p95 / p99; ratio: ours / raw unless marked; "
                          "call = inside the server, request = pgbench transaction (round trip, commit)")
    for col in ("case", "measure", "ours", "raw PostgreSQL", "ratio", "target", ""):
        table.add_column(col, overflow="fold", no_wrap=col in ("ratio", ""))
    last = None

    def case_no(r: dict[str, Any]) -> int:
        head = str(r["case"]).split(" ", 1)[0]
        return int(head) if head.isdigit() else 99

    for r in sorted(report["table"], key=case_no):  # stable: steps stay in order within a case
        table.add_row(r["case"] if r["case"] != last else "", r["measure"], r["ours"], r["baseline"],
                      r["ratio"], r["target"],
                      "[green]met[/green]" if r["verdict"] == "met"
                      else "[red]MISSED[/red]" if r["verdict"] == "MISSED" else r["verdict"])
        last = r["case"]
    console.print(table)
    for cname, c in report["cases"].items():
        if c.get("status") in ("skipped", "error"):
            console.print(f"{cname}: {c['status']}: {c.get('reason') or c.get('error')}")
    met = sum(1 for t in report["targets"] if t["met"])
    console.print(f"targets met: {met} of {len(report['targets'])}; written {report.get('path')}"
                  + (f"; database kept: {report['database']}" if report.get("database") else ""))
