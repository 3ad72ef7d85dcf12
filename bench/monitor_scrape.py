"""What each monitoring scrape query costs on the benchmark data set.

    .venv/bin/python bench/monitor_scrape.py grow --database URL --tenants 1000000
    .venv/bin/python bench/monitor_scrape.py measure --database URL [--runs 5]

`grow` fills a database with the benchmark's data set (bench/monay_bench/dataset.py:
tenants, memberships, 3 usage events per tenant in each of 4 months), then the
rows the metrics read beyond it: one finalized bill per tenant for the last closed
month (written as the superuser with triggers off: only the shape matters for the
cost), 10,000 refused logins/switches in the last hour and 1,000 billing failures.
It is resumable: run it again with a larger --tenants.

`measure` runs every query of monitoring/queries.yaml as a login in monay_monitor
(as postgres_exporter does), `--runs` times each after one warm-up, and prints the
median and worst wall time and the rows returned (JSON with --json).
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import click
import psycopg
import yaml

from monay_bench import dataset
from monaydb.database import Target
from monaydb.migrations import apply_functions, migrate_up

ROOT = Path(__file__).resolve().parents[1]

QUERIES = ROOT / "monitoring" / "queries.yaml"
MONITOR_LOGIN = "monay_monitor_bench"


def _extras(target: Target) -> None:
    prev = dataset.month_start(-1)
    with target.connect() as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("""
            INSERT INTO monay.billing_metrics (tenant_id, period, tier, status, days_in_period,
                transactions_included, transactions_used, computation_units_included, computation_units_used,
                base_fee_cents, overage_transactions_cents, overage_computation_units_cents,
                total_before_discount_cents, usdxm_discount_cents, total_cents, cost_cents,
                gross_margin_percent, bill)
            SELECT s.tenant_id, %(prev)s, s.billing_tier, 'finalized', 30, 0, 3, 0, 3,
                   100, 0, 0, 100, 10, 90, 1, 98.89, '{}'::jsonb
            FROM monay_private.billing_tenant_state s
            ON CONFLICT DO NOTHING""", {"prev": prev})
        have = conn.execute("SELECT count(*) FROM monay.audit_log WHERE action IN "
                            "('auth_refused', 'switch_refused')").fetchone()
        if have and have[0] < 10_000:
            conn.execute("""
                INSERT INTO monay.audit_log (occurred_at, tenant_id, action, detail)
                SELECT now() - make_interval(secs => i % 3600), md5('bench-tenant:' || i)::uuid,
                       CASE WHEN i % 2 = 0 THEN 'auth_refused' ELSE 'switch_refused' END,
                       jsonb_build_object('sqlstate', CASE WHEN i % 3 = 0 THEN 'MT204' ELSE 'MT201' END)
                FROM generate_series(1, 10000) i""")
        conn.execute("""
            INSERT INTO monay_private.billing_failures (failed_at, source, tenant_id, period, sqlstate, message)
            SELECT now() - make_interval(secs => i), 'track_operation', md5('bench-tenant:' || i)::uuid,
                   %(prev)s, 'MT402', 'bench failure ' || i
            FROM generate_series(1, 1000 - (SELECT count(*) FROM monay_private.billing_failures)) i""",
                     {"prev": prev})
        conn.commit()
    with target.connect(autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


@click.group()
def main() -> None:
    """Grow the data set, measure the scrape queries."""


@main.command()
@click.option("--database", "-d", required=True, metavar="URL")
@click.option("--tenants", type=int, default=100_000, show_default=True)
@click.option("--ops-from", type=int, default=None, help="First tenant to generate usage for "
              "(default: the first new one).")
def grow(database: str, tenants: int, ops_from: int | None) -> None:
    """Fill DATABASE (created if missing by the caller, migrated here) up to --tenants."""
    target = Target.resolve(database)
    migrate_up(target)
    apply_functions(target)
    dataset.ensure_login_roles(target)
    dataset.install(target)
    with target.connect() as conn:
        have = dataset.tenant_count(conn)
    t0 = time.monotonic()
    dataset.grow_tenants(target, tenants, progress=lambda m: print(m, flush=True))
    first = ops_from or have + 1
    if tenants >= first:
        dataset.grow_operations(target, first, tenants, 3, 4, progress=lambda m: print(m, flush=True))
    dataset.analyze_billing(target)
    with target.connect() as conn:
        ready = conn.execute("SELECT to_regclass('monay_private.billing_failures') IS NOT NULL").fetchone()
    if ready and ready[0]:
        _extras(target)
    print(f"grown to {tenants:,} tenants in {time.monotonic() - t0:.0f} s", flush=True)


@main.command()
@click.option("--database", "-d", required=True, metavar="URL")
@click.option("--runs", type=int, default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def measure(database: str, runs: int, as_json: bool) -> None:
    """Time every scrape query as a monay_monitor login."""
    target = Target.resolve(database)
    with target.with_dbname("postgres").connect(autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [MONITOR_LOGIN]).fetchone():
            conn.execute(f"CREATE ROLE {MONITOR_LOGIN} LOGIN IN ROLE monay_monitor")
    with target.connect() as conn:
        tenants = conn.execute("SELECT count(*) FROM monay_private.billing_tenant_state").fetchone()
        counters = conn.execute("SELECT count(*) FROM monay_private.billing_usage_counters").fetchone()
    queries = yaml.safe_load(QUERIES.read_text())
    out = {"tenants": tenants[0] if tenants else 0, "usage_counter_rows": counters[0] if counters else 0,
           "queries": {}}
    monitor = Target(target.conninfo).params
    monitor["user"] = MONITOR_LOGIN
    with psycopg.connect(**monitor, autocommit=True) as conn:  # type: ignore[arg-type]
        for name, spec in queries.items():
            times = []
            rows = 0
            for i in range(runs + 1):
                t0 = time.perf_counter()
                rows = len(conn.execute(spec["query"]).fetchall())
                if i:
                    times.append((time.perf_counter() - t0) * 1000)
            out["queries"][name] = {"median_ms": round(statistics.median(times), 2),
                                    "max_ms": round(max(times), 2), "rows": rows,
                                    "cache_seconds": spec.get("cache_seconds", 0)}
    if as_json:
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"tenants {out['tenants']:,}, usage counter rows {out['usage_counter_rows']:,}")
    for name, r in out["queries"].items():
        click.echo(f"{name:32} {r['median_ms']:>9.2f} ms median {r['max_ms']:>9.2f} ms max "
                   f"{r['rows']:>4} rows  cache {r['cache_seconds']} s")


if __name__ == "__main__":
    main()
