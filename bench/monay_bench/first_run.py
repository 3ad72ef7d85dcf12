"""The first monthly run of a fresh database (issue 13): what `monaydb bench` does not see.

A fresh migrated database; N tenants (60% free, 30% small_business, 10% enterprise) created
six months ago; ANALYZE while the bills table is empty (as on a new deployment); then usage of
last month goes in through `INSERT INTO monay.billing_operations` under the platform context
(the raw-insert trigger counts it), and the run of that month (monthly.run_month: in `jobs`
sessions, as the bench's monthly case runs it) goes as a platform login, timed. A second run
over another month (statistics now as the first left them) is timed too:

    .venv/bin/python -m monay_bench.first_run --tenants 20000 --jobs 2

Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from monaydb.database import Target, scratch_database
from monaydb.migrations import apply_functions, migrate_up
from monaydb.site import configure_site

from . import dataset, monthly

OPS_SQL = """
INSERT INTO monay.billing_operations (tenant_id, operation_type, quantity, occurred_at)
SELECT {tenant}, (ARRAY['transfer', 'smart_contract_call', 'api_call'])[1 + (i + j) %% 3], 1,
       %(period)s::timestamptz + make_interval(secs => (i * 7919 + j * 104729) %% 2000000)
FROM generate_series(%(lo)s::int, %(hi)s::int) i CROSS JOIN generate_series(1, %(k)s::int) j
"""


def run(server: Target, tenants: int, ops_per_tenant: int = 3, keep: bool = False,
        billing_functions: Path | None = None, jobs: int = 1) -> dict[str, Any]:
    dataset.ensure_login_roles(server)
    out: dict[str, Any] = {"tenants": tenants, "ops_per_tenant": ops_per_tenant, "jobs": jobs}
    with scratch_database(server, "monay_first_run", keep=keep) as target:
        migrate_up(target)
        apply_functions(target)
        configure_site(target)
        if billing_functions:  # e.g. another commit's sql/functions/billing, to compare
            with target.connect(autocommit=True) as conn:
                for f in sorted(billing_functions.glob("*.sql")):
                    conn.execute(f.read_text())  # type: ignore[arg-type]
            out["billing_functions"] = str(billing_functions)
        dataset.install(target)
        dataset.grow_tenants(target, tenants)
        with target.connect(autocommit=True) as conn:
            conn.execute("ANALYZE")  # the bills table is empty when last analyzed
            last, before = dataset.month_start(-1), dataset.month_start(-2)
            for period in (before, last):
                for lo in range(1, tenants + 1, 10_000):
                    with conn.transaction():
                        conn.execute("SELECT monay.set_platform_context()")
                        conn.execute(OPS_SQL.format(tenant=dataset.tenant_id_sql("i")),
                                     {"period": period, "lo": lo, "hi": min(tenants, lo + 9_999),
                                      "k": ops_per_tenant})
        out["first_run"] = monthly.run_month(target, before, jobs)
        out["second_run"] = monthly.run_month(target, last, jobs)
        if keep:
            out["database"] = target.dbname
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tenants", type=int, default=20_000)
    ap.add_argument("--ops", type=int, default=3, help="operations per tenant and month")
    ap.add_argument("-d", "--database", default=None)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--jobs", type=int, default=1, help="sessions billing at once (monaydb billing run --jobs)")
    ap.add_argument("--billing-functions", type=Path, default=None,
                    help="re-apply these billing function files after ours (to measure another version)")
    a = ap.parse_args()
    print(json.dumps(run(Target.resolve(a.database), a.tenants, a.ops, a.keep, a.billing_functions,
                         a.jobs), indent=2))


if __name__ == "__main__":
    main()
