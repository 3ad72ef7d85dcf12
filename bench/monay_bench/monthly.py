"""The monthly run as the bench times it: `monay.process_monthly_billing` in one session, or its
parts in one session per core (`monaydb billing run --jobs N`, monaydb.billing.run_monthly_billing_parts),
as a platform login; the counts come from the month's billing_runs rows (one per part)."""

from __future__ import annotations

import os
import time
from datetime import date
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

from monaydb.billing import run_monthly_billing_parts
from monaydb.database import Target

from .dataset import PLATFORM_LOGIN


def jobs_for_machine() -> int:
    """One session per core (1 to 64): the parts of a run share nothing but the table they write."""
    return max(1, min(64, os.cpu_count() or 1))


def run_month(server: Target, period: date, jobs: int) -> dict[str, Any]:
    """Bill `period` over every tenant in `jobs` sessions; wall-clock seconds and the run's counts."""
    platform = Target(make_conninfo(server.conninfo, user=PLATFORM_LOGIN))
    t0 = time.perf_counter()
    if jobs == 1:
        with platform.connect(autocommit=True) as conn:
            conn.execute("CALL monay.process_monthly_billing(%s)", [period])
    else:
        run_monthly_billing_parts(platform, period, jobs, role="monay_platform", show_progress=False)
    seconds = time.perf_counter() - t0
    with platform.connect() as conn, conn.transaction():
        conn.execute("SELECT monay.set_platform_context()")
        row = conn.execute("""
            SELECT sum(tenants_total)::bigint, sum(tenants_billed)::bigint, sum(tenants_skipped)::bigint,
                   sum(batches)::bigint, count(*), extract(epoch FROM max(finished_at) - min(started_at))::float8
            FROM monay.billing_runs WHERE period = %s""", [period]).fetchone()
    if row is None or not row[4]:
        raise psycopg.DataError(f"no billing_runs row for {period} after the monthly run")
    total, billed, skipped, batches, runs, run_s = row
    return {"period": str(period), "jobs": jobs, "runs": runs, "seconds": round(seconds, 3),
            "run_seconds": run_s or 0.0, "tenants_total": total, "tenants_billed": billed,
            "tenants_skipped": skipped, "batches": batches,
            "tenants_per_s": round(billed / seconds) if seconds else None}
