"""A kept database of N tenants with 3 usage events each per month (4 months), for A/B runs of the
monthly billing at full scale (issue 13) without the rest of `monaydb bench --scale full`.

    PYTHONPATH=bench .venv/bin/python -m monay_bench.monthly_dataset --tenants 1000000

Prints the database's name. Copy it for each measured run (`CREATE DATABASE x TEMPLATE name`) and
bill a closed month there: `CALL monay.process_monthly_billing(<month>)` as monay_bench_platform.
The data set is the bench's own (dataset.grow_tenants / grow_operations / analyze_billing).
"""

from __future__ import annotations

import argparse
import time

from monaydb.database import Target, create_database
from monaydb.migrations import apply_functions, migrate_up
from monaydb.site import configure_site

try:  # run as bench.monay_bench.monthly_dataset or monay_bench.monthly_dataset
    from . import dataset
except ImportError:  # pragma: no cover
    import dataset  # type: ignore[no-redef]

MONTHS = 4


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tenants", type=int, default=1_000_000)
    ap.add_argument("--database", default=None, help="server URL (default: DATABASE_URL or the embedded cluster)")
    args = ap.parse_args()
    server = Target.resolve(args.database)
    target = create_database(server, "monay_monthly")
    t0 = time.perf_counter()
    migrate_up(target)  # the first migration creates the group roles
    dataset.ensure_login_roles(server)
    apply_functions(target)
    configure_site(target)
    dataset.install(target)
    say = lambda m: print(f"  {m}", flush=True)  # noqa: E731
    dataset.grow_tenants(target, args.tenants, progress=say)
    ops = dataset.grow_operations(target, 1, args.tenants, 3, MONTHS, progress=say)
    dataset.analyze_billing(target)
    print(f"{target.dbname}: {args.tenants:,} tenants, {ops:,} operations, {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
