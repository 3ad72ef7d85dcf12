"""`monaydb monitor exporter` and `monaydb status`: monitoring, orchestrated.

Every metric is defined once in SQL (the views of schema monay_monitor,
migration 011_monitoring); monitoring/queries.yaml tells Debian's
prometheus-postgres-exporter how to read them, monitoring/alerts.yml holds the
Prometheus alert rules. This module only starts the exporter with the right
connection and flags, and prints the views for a DBA. docs/monitoring.md.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from rich.console import Console
from rich.table import Table

from .cluster import ROOT
from .database import Target
from .options import database_option, database_option_for, friendly, json_option, sql_failure

MONITORING_DIR = ROOT / "monitoring"
QUERIES_FILE = MONITORING_DIR / "queries.yaml"
ALERTS_FILE = MONITORING_DIR / "alerts.yml"
EXPORTER_BIN = "prometheus-postgres-exporter"
MONITOR_GROUP = "monay_monitor"
DEFAULT_LOGIN = "monay_monitor_exporter"


class MonitorError(RuntimeError):
    """A one-line failure for the user."""


@dataclass(frozen=True)
class ExporterCommand:
    argv: list[str]
    env: dict[str, str]
    login: str


def _is_superuser(conn: psycopg.Connection) -> bool:
    row = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    return bool(row and row[0])


def ensure_monitor_login(target: Target, login: str = DEFAULT_LOGIN) -> str:
    """The login the exporter connects as. Connected as a superuser (the embedded
    cluster, trust over its socket): create `login` (LOGIN, member of monay_monitor
    only) if missing and return it. Otherwise the URL's own user is the login; it
    must be a member of monay_monitor (the DBA made it, with a password)."""
    with target.connect(autocommit=True) as conn:
        if to_regclass(conn, "monay_monitor.tenants") is None:
            raise MonitorError(f"{target.describe()} has no schema monay_monitor: run `monaydb migrate` first")
        if _is_superuser(conn):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [login]).fetchone():
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS").format(sql.Identifier(login)))
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(MONITOR_GROUP), sql.Identifier(login)))
            return login
        row = conn.execute("SELECT current_user::text, pg_has_role(current_user, %s, 'MEMBER')",
                           [MONITOR_GROUP]).fetchone()
        assert row is not None
        if not row[1]:
            raise MonitorError(f"login {row[0]!r} is not a member of {MONITOR_GROUP}: "
                               f"GRANT {MONITOR_GROUP} TO {row[0]}")
        return str(row[0])


def to_regclass(conn: psycopg.Connection, name: str) -> str | None:
    row = conn.execute("SELECT to_regclass(%s)::text", [name]).fetchone()
    return row[0] if row else None


def exporter_dsn(target: Target, login: str) -> str:
    """A lib/pq keyword DSN (the exporter's DATA_SOURCE_NAME) for `login` on the target."""
    p = dict(target.params)
    p["user"] = login
    if login != target.params.get("user"):
        p.pop("password", None)  # the superuser's password is not the monitor's
    p.setdefault("dbname", target.dbname)
    p.setdefault("sslmode", "disable" if p.get("host", "").startswith("/") else "prefer")
    if p["sslmode"] == "prefer":  # lib/pq knows require/verify-*/disable only
        p["sslmode"] = "require"
    keys = ("host", "port", "dbname", "user", "password", "sslmode", "sslrootcert", "sslcert", "sslkey")

    def q(v: str) -> str:
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"

    return " ".join(f"{k}={q(str(p[k]))}" for k in keys if p.get(k))


def exporter_command(target: Target, listen: str, login: str = DEFAULT_LOGIN,
                     queries: Path = QUERIES_FILE, default_metrics: bool = False) -> ExporterCommand:
    """The argv and environment that run postgres_exporter on our queries file."""
    binary = shutil.which(EXPORTER_BIN)
    if not binary:
        raise MonitorError(f"{EXPORTER_BIN} not found: apt-get install prometheus-postgres-exporter (make setup)")
    user = ensure_monitor_login(target, login)
    argv = [binary, f"--extend.query-path={queries}", f"--web.listen-address={listen}", "--log.level=warn"]
    if not default_metrics:
        # The default metrics need pg_monitor, which monay_monitor does not have (it would show
        # every session's query text); ours come from monitoring/queries.yaml only.
        argv += ["--disable-default-metrics", "--disable-settings-metrics"]
    env = dict(os.environ)
    env["DATA_SOURCE_NAME"] = exporter_dsn(target, user)
    return ExporterCommand(argv=argv, env=env, login=user)


# --- status ---------------------------------------------------------------------------------

STATUS_QUERIES = {
    "tenants": "SELECT tier, status, tenants FROM monay_monitor.tenants ORDER BY tier, status",
    "usage_this_month": "SELECT * FROM monay_monitor.usage_this_month ORDER BY tier",
    "billing_runs": "SELECT * FROM monay_monitor.billing_runs",
    "bills_last_month": "SELECT * FROM monay_monitor.bills_last_month ORDER BY tier",
    "refusals_last_hour": "SELECT action, sqlstate, refusals FROM monay_monitor.refusals ORDER BY action, sqlstate",
    "billing_failures_last_hour": "SELECT source, last_hour FROM monay_monitor.billing_failures_recent ORDER BY source",
    "isolation_violations": "SELECT rule, violations FROM monay_monitor.isolation_violations ORDER BY rule",
    "audit_link": "SELECT up FROM monay_monitor.audit_link",
}


def collect_status(target: Target) -> dict[str, Any]:
    """Every view the summary shows, as plain JSON-able values."""
    out: dict[str, Any] = {}
    with target.connect(autocommit=True) as conn, conn.cursor(row_factory=dict_row) as cur:
        if to_regclass(conn, "monay_monitor.tenants") is None:
            raise MonitorError(f"{target.describe()} has no schema monay_monitor: run `monaydb migrate` first")
        for key, query in STATUS_QUERIES.items():
            cur.execute(query)  # type: ignore[arg-type]
            out[key] = [{k: (float(v) if hasattr(v, "as_integer_ratio") and not isinstance(v, int) else v)
                         for k, v in row.items()} for row in cur.fetchall()]
    out["billing_runs"] = out["billing_runs"][0] if out["billing_runs"] else {}
    out["audit_link_up"] = bool(out.pop("audit_link")[0]["up"])
    return out


def _money(cents: int | float | None) -> str:
    return "" if cents is None else f"${int(cents) / 100:,.2f}"


def print_status(s: dict[str, Any], console: Console) -> None:
    t = Table(title="tenants", title_justify="left")
    for c in ("tier", "status", "tenants"):
        t.add_column(c, justify="right" if c == "tenants" else "left")
    for r in s["tenants"]:
        t.add_row(r["tier"], r["status"], f"{r['tenants']:,}")
    console.print(t)
    u = Table(title="this month so far (list price, before proration and the USDXM discount)", title_justify="left")
    for c in ("tier", "tenants with usage", "transactions", "units", "base fees", "overage"):
        u.add_column(c, justify="left" if c == "tier" else "right")
    for r in s["usage_this_month"]:
        u.add_row(r["tier"], f"{r['tenants_with_usage']:,}", f"{r['transactions']:,}",
                  f"{r['computation_units']:,}", _money(r["base_fee_cents"]), _money(r["overage_cents"]))
    console.print(u)
    b = Table(title="last closed month's bills", title_justify="left")
    for c in ("tier", "bills", "revenue", "cost", "below margin floor"):
        b.add_column(c, justify="left" if c == "tier" else "right")
    for r in s["bills_last_month"]:
        b.add_row(r["tier"], f"{r['bills']:,}", _money(r["total_cents"]), _money(r["cost_cents"]),
                  str(r["below_margin_floor"]))
    console.print(b)
    run = s["billing_runs"]
    if run.get("last_run_period"):
        fin = run["last_run_finished_seconds"]
        state = "finished" if fin else "unfinished"
        console.print(f"last billing run: {run['last_run_period']}, {state}, "
                      f"{run['last_run_tenants_billed']:,} of {run['last_run_tenants_total']:,} tenants billed; "
                      f"in progress {run['unfinished_alive']}, stalled {run['stalled']}; "
                      f"last month billed: {'yes' if run['previous_month_finished'] else 'NO'}")
    else:
        console.print("last billing run: none")
    refusals = sum(int(r["refusals"]) for r in s["refusals_last_hour"])
    detail = ", ".join(f"{r['action']} {r['sqlstate']}: {r['refusals']}" for r in s["refusals_last_hour"])
    console.print(f"refusals in the last hour: {refusals}" + (f" ({detail})" if detail else ""))
    failures = sum(int(r["last_hour"]) for r in s["billing_failures_last_hour"])
    console.print(f"billing failures in the last hour: {failures}")
    violations = sum(int(r["violations"]) for r in s["isolation_violations"])
    console.print(f"isolation violations: {violations}" + (
        "  [bold red](SELECT * FROM monay_monitor.isolation_violation_details as the platform)[/]"
        if violations else ""))
    console.print("audit link: " + ("up" if s["audit_link_up"] else "[bold red]DOWN[/] (refusals not durable)"))


@click.command()
@database_option
@json_option
@friendly
def status(database: str | None, as_json: bool) -> None:
    """A one-screen summary for a DBA from the monitoring views (monay_monitor)."""
    try:
        s = collect_status(Target.resolve(database))
    except psycopg.Error as exc:
        raise sql_failure("status", exc) from None
    if as_json:
        click.echo(json.dumps(s, sort_keys=True, default=str))
        return
    print_status(s, Console())


@click.group()
def monitor() -> None:
    """Monitoring: postgres_exporter on monitoring/queries.yaml (docs/monitoring.md)."""


@monitor.command()
@database_option_for("libpq URL of the target database (default: DATABASE_URL, else the embedded cluster). "
                     "As a superuser, a login in monay_monitor is created and used; otherwise the URL's "
                     "user must be one.")
@click.option("--listen", default="127.0.0.1:9187", show_default=True, help="Address the exporter serves.")
@click.option("--login", default=DEFAULT_LOGIN, show_default=True,
              help="Login role to create and use when connected as a superuser.")
@click.option("--default-metrics", is_flag=True,
              help="Also the exporter's built-in metrics (need pg_monitor for the login).")
@click.option("--print", "print_only", is_flag=True, help="Print the command instead of running it.")
@friendly
def exporter(database: str | None, listen: str, login: str, default_metrics: bool, print_only: bool) -> None:
    """Run prometheus-postgres-exporter (foreground) with our queries, as a monay_monitor login."""
    cmd = exporter_command(Target.resolve(database), listen, login, default_metrics=default_metrics)
    if print_only:
        click.echo(f"DATA_SOURCE_NAME={cmd.env['DATA_SOURCE_NAME']!r} " + " ".join(cmd.argv))
        return
    click.echo(f"postgres_exporter on http://{listen}/metrics as {cmd.login}", err=True)
    os.execve(cmd.argv[0], cmd.argv, cmd.env)
