"""The `monaydb` command line: thin orchestration over SQL. Logic lives in the database."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from . import migrations as mig
from .audit_cmd import audit
from .bench_cmd import bench
from .billing import billing
from .cluster import Cluster
from .database import Target, scratch_database
from .demo import run_demo
from .docs import docs
from .jobs import jobs
from .legacy import legacy
from .lint import lint as run_lint
from .monitor import monitor, status
from .options import database_option, friendly, json_option, sub_database_option
from .schema import SCHEMA_FILE, dump
from .site import audit_link_configured, configure_site
from .testing import default_jobs, run_pg_prove
from .vault.cli import vault

console = Console()
err_console = Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="monaydb")
def main() -> None:
    """Monay DB: embedded PostgreSQL, migrations, tests, lint, billing runs and benchmarks."""


# --- db ---------------------------------------------------------------------------------

@main.group()
def db() -> None:
    """The embedded development cluster under .monaydb/."""


@db.command()
@friendly
def start() -> None:
    """Start the embedded cluster (idempotent) and print its URL."""
    click.echo(Cluster().start())


@db.command()
@friendly
def stop() -> None:
    """Stop the embedded cluster if it runs."""
    click.echo("stopped" if Cluster().stop() else "not running")


@db.command(name="status")
@json_option
@friendly
def db_status(as_json: bool) -> None:
    """Say whether the embedded cluster runs, and where."""
    c = Cluster()
    info = {"running": c.running(), "initialized": c.initialized(), "data_dir": str(c.data_dir),
            "socket_dir": str(c.socket_dir), "port": c.port if c.initialized() else None,
            "url": c.url() if c.initialized() else None}
    if as_json:
        click.echo(json.dumps(info))
        return
    state = "running" if info["running"] else ("stopped" if info["initialized"] else "not created")
    click.echo(f"{state}: data {info['data_dir']}" + (f", url {info['url']}" if info["url"] else ""))


@db.command()
@friendly
def url() -> None:
    """Print the embedded cluster's URL (without starting it)."""
    click.echo(Cluster().url())


@db.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@friendly
def destroy(yes: bool) -> None:
    """Stop the embedded cluster and delete its data."""
    if not yes:
        click.confirm("Delete the embedded cluster and all its data?", abort=True)
    Cluster().destroy()
    click.echo("destroyed")


# --- migrate ------------------------------------------------------------------------------

def _do_up(database: str | None, dry_run: bool) -> None:
    target = Target.resolve(database)
    if dry_run:
        todo = mig.pending(target)
        click.echo("would apply: " + (", ".join(todo) if todo else "nothing"))
        click.echo(f"would re-apply {len(mig.function_files())} function files from sql/functions")
        return
    done = mig.migrate_up(target)
    n = mig.apply_functions(target)
    configured = configure_site(target)
    click.echo("applied: " + (", ".join(done) if done else "nothing pending"))
    click.echo(f"re-applied {n} function files" + ("; audit link configured" if configured else ""))
    if not configured and audit_link_configured(target) is False:
        click.echo("note: no audit link configured, refusals are not recorded durably: set one up as in "
                   "docs/operations.md (\"The audit link\"), then `monaydb audit check`", err=True)


@main.group(invoke_without_command=True)
@database_option
@click.option("--dry-run", is_flag=True, help="Print what would run, change nothing.")
@click.pass_context
@friendly
def migrate(ctx: click.Context, database: str | None, dry_run: bool) -> None:
    """Apply pending migrations, then re-apply sql/functions (same as `migrate up`)."""
    # `migrate --database X down` must act on X: subcommands inherit the group's options.
    ctx.obj = {"database": database, "dry_run": dry_run}
    if ctx.invoked_subcommand is None:
        _do_up(database, dry_run)


@migrate.command()
@sub_database_option
@click.option("--dry-run", is_flag=True, help="Print what would run, change nothing.")
@click.pass_obj
@friendly
def up(group: dict[str, Any], database: str | None, dry_run: bool) -> None:
    """Apply pending migrations, then re-apply every function file."""
    _do_up(database or group["database"], dry_run or group["dry_run"])


@migrate.command()
@sub_database_option
@click.option("--to", "to", metavar="ID", help="Roll back every migration after ID.")
@click.option("--all", "all_", is_flag=True, help="Roll back every migration.")
@click.option("--dry-run", is_flag=True, help="Print what would run, change nothing.")
@click.option("--yes", is_flag=True, help="Roll back even when it drops tables that hold rows.")
@click.pass_obj
@friendly
def down(group: dict[str, Any], database: str | None, to: str | None, all_: bool, dry_run: bool,
         yes: bool) -> None:
    """Roll back the last migration (or down to --to ID, or --all). Refuses, naming the
    tables, when that would drop rows, unless --yes."""
    if to and all_:
        raise click.UsageError("--to and --all exclude each other")
    dry_run = dry_run or group["dry_run"]
    target = Target.resolve(database or group["database"])
    plan = mig.rollback_plan(target, to=to, all_=all_)
    at_risk = mig.rows_at_risk(target, plan) if plan else []
    for mid, table, rows in at_risk:
        click.echo(f"warning: rolling back {mid} drops {table} ({'over 1,000' if rows > 1000 else rows} "
                   f"row{'s' if rows != 1 else ''})", err=True)
    if dry_run:
        click.echo("would roll back: " + (", ".join(plan) if plan else "nothing"))
        return
    if at_risk and not yes:
        raise click.ClickException(f"not rolled back: {len(at_risk)} table(s) listed above hold rows that the "
                                   "rollback would drop; back up first, then rerun with --yes")
    done = mig.migrate_down(target, to=to, all_=all_)
    click.echo("rolled back: " + (", ".join(done) if done else "nothing"))


@migrate.command(name="status")
@sub_database_option
@json_option
@click.pass_obj
@friendly
def migrate_status(group: dict[str, Any], database: str | None, as_json: bool) -> None:
    """Show every migration: id, when applied, whether it has a rollback."""
    rows = mig.status(Target.resolve(database or group["database"]))
    if as_json:
        click.echo(json.dumps([{"id": r.id, "applied_at": r.applied_at.isoformat() + "Z"
                                if r.applied_at else None, "has_rollback": r.has_rollback}
                               for r in rows]))
        return
    table = Table(title="migrations")
    table.add_column("id")
    table.add_column("applied at (UTC)")
    table.add_column("rollback")
    for r in rows:
        table.add_row(r.id, r.applied_at.strftime("%Y-%m-%d %H:%M:%S") if r.applied_at else "pending",
                      "yes" if r.has_rollback else "MISSING")
    console.print(table)


# --- schema -------------------------------------------------------------------------------

@main.group()
def schema() -> None:
    """The committed schema dump, sql/schema.sql."""


@schema.command(name="dump")
@database_option
@click.option("--check", is_flag=True, help="Fail if sql/schema.sql differs from the migrations.")
@friendly
def schema_dump(database: str | None, check: bool) -> None:
    """Regenerate sql/schema.sql from a fresh, fully migrated database."""
    server = Target.resolve(database)
    with scratch_database(server, "monaydb_schema") as target:
        mig.migrate_up(target)
        mig.apply_functions(target)
        text = dump(target)
    if check:
        current = SCHEMA_FILE.read_text() if SCHEMA_FILE.exists() else ""
        if current != text:
            raise click.ClickException("sql/schema.sql is out of date: run `monaydb schema dump`")
        click.echo("sql/schema.sql is up to date")
        return
    SCHEMA_FILE.write_text(text)
    click.echo(f"wrote {SCHEMA_FILE.relative_to(SCHEMA_FILE.parents[1])}")


# --- test and lint ------------------------------------------------------------------------

@main.command()
@database_option
@click.argument("paths", nargs=-1)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="pg_prove parallel jobs [default: one per core].")
@click.option("--repeat", type=click.IntRange(min=1), default=1, show_default=True,
              help="Run the selected files N times; stop at the first failing round.")
@click.option("--keep", is_flag=True, help="Keep the migrated template database afterwards.")
@click.option("--verbose", "-v", is_flag=True, help="Print every assertion.")
@friendly
def test(database: str | None, paths: tuple[str, ...], jobs: int | None, repeat: int,
         keep: bool, verbose: bool) -> None:
    """Run the pgTAP tests (pg_prove), each file in its own clone of a migrated database.

    PATHS filter by substring."""
    rc = run_pg_prove(Target.resolve(database), paths, jobs=jobs or default_jobs(), keep=keep,
                      verbose=verbose, repeat=repeat)
    if rc != 0:
        raise click.ClickException(f"pgTAP tests failed (pg_prove exit {rc})")


@main.command()
@database_option
@friendly
def lint(database: str | None) -> None:
    """plpgsql_check over our functions, squawk over migrations, and the schema guard."""
    report = run_lint(Target.resolve(database))
    for w in report.warnings:
        err_console.print("warning", w, highlight=False, markup=False)
    for e in report.errors:
        err_console.print("error", e, highlight=False, markup=False)
    if report.errors:
        raise click.ClickException(f"lint failed: {len(report.errors)} error(s)")
    click.echo(f"lint clean ({len(report.warnings)} warning(s))")


# --- settings -----------------------------------------------------------------------------

@main.command()
@database_option
@json_option
@friendly
def settings(database: str | None, as_json: bool) -> None:
    """Show the seed configuration kept in monay.settings."""
    target = Target.resolve(database)
    with target.connect() as conn:
        rows = conn.execute(
            "SELECT key, value, value_type, description FROM monay.settings ORDER BY key"
        ).fetchall()
    if as_json:
        click.echo(json.dumps({k: v for k, v, _, _ in rows}))
        return
    table = Table(title="monay.settings")
    for col in ("key", "value", "type", "description"):
        table.add_column(col)
    for k, v, t, d in rows:
        table.add_row(k, json.dumps(v), t, d)
    console.print(table)


main.add_command(bench)
main.add_command(billing)
main.add_command(docs)
main.add_command(audit)
main.add_command(jobs)
main.add_command(vault)
main.add_command(legacy)
main.add_command(monitor)
main.add_command(status)


@main.command()
@database_option
@friendly
def demo(database: str | None) -> None:
    """The main job: tenants, context, isolation, a month of billing, printed (database monay_demo)."""
    # Bills are wide tables: at least 132 columns, also when the output is not a terminal.
    run_demo(Target.resolve(database), Console(width=max(console.width, 132)))


def run() -> None:  # pragma: no cover - console entry point
    sys.exit(main())
