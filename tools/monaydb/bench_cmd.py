"""`monaydb bench`: the benchmarks of bench/ (pgbench + our cases), printed and written as JSON."""

from __future__ import annotations

import click
import psycopg

from monay_bench import runner

from .database import Target
from .options import database_option_for, friendly, sql_failure

CASES = ("ingest-one", "ingest-many", "reads", "context", "rls", "monthly", "monthly-first", "provisioning",
         "retrofit", "mixed")


@click.command()
@click.option("--scale", type=click.Choice(["smoke", "quick", "full"]), default="quick", show_default=True,
              help="quick: minutes (make bench); full: 1,000,000 tenants and >= 10,000,000 operations "
                   "(the README figures); smoke: seconds (what the pytest smoke test runs).")
@database_option_for("Server to run on: a fresh database is created next to this URL's (default: "
                     "DATABASE_URL, else the embedded cluster). Needs a superuser.")
@click.option("--case", "case_names", multiple=True, type=click.Choice(CASES),
              help="Run only this case (repeatable). Default: all.")
@click.option("--keep", is_flag=True, help="Keep the bench database afterwards (its name is printed).")
@click.option("--name", metavar="NAME", help="Write bench/results/NAME.json (default: the scale's name).")
@click.option("--profile", is_flag=True,
              help="Track nested statements (pg_stat_statements.track = all) and record the top "
                   "statements of each case in the JSON (adds some overhead).")
@friendly
def bench(scale: str, database: str | None, case_names: tuple[str, ...], keep: bool, name: str | None,
          profile: bool) -> None:
    """Run the benchmarks beside raw-PostgreSQL baselines; print a table, write bench/results/NAME.json.

    Cases: ingest-one (track_operation, one tenant), ingest-many (10,000 tenants),
    reads (calculate_tenant_usage/billing as the data grows), context (authenticate,
    switch_tenant), rls (RLS overhead), monthly (process_monthly_billing), monthly-first (the first run of
    a fresh database, in a database of its own), provisioning (create_tenant), retrofit (006 + legacy
    migrate under a writer, verify, rollback; in a database of its own), mixed (8 clients, every kind of
    request). Targets are reported, never asserted.
    """
    server = Target.resolve(database)
    try:
        report = runner.run(server, scale, case_names, keep=keep, name=name, profile=profile)
    except psycopg.Error as exc:  # BenchError is a RuntimeError: @friendly prints it
        raise sql_failure("bench", exc) from None
    failed = [c for c, v in report["cases"].items() if v.get("status") == "error"]
    if failed:
        raise click.ClickException(f"case(s) failed: {', '.join(failed)} (see {report['path']})")
