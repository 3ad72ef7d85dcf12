"""`make demo` end to end: the whole story runs against a database of its own and prints every
part the issues ask to see (a refused cross-tenant switch, the monthly bills, a USDXM payment,
groups with a treasury spend and a refused overspend, the consolidated bill paid once, a vault
with three derived addresses, a rotation and a clean recovery)."""

from __future__ import annotations

import os
import subprocess
import sys

from monaydb.database import Target, drop_database, scratch_database


def test_demo_runs_end_to_end(server: Target) -> None:
    """As `make demo` does: `monaydb migrate` on the target, then `monaydb demo` (which reports
    the target's migrations and builds its own demo database beside it)."""
    name = f"monay_demo_pytest_{os.getpid()}"
    env = {**os.environ, "MONAYDB_DEMO_DB": name, "COLUMNS": "160"}
    with scratch_database(server, "monaydb_demotest") as target:
        try:
            migrated = subprocess.run([sys.executable, "-m", "monaydb", "migrate", "--database", target.conninfo],
                                      capture_output=True, text=True, env=env, timeout=600)
            assert migrated.returncode == 0, migrated.stderr
            proc = subprocess.run([sys.executable, "-m", "monaydb", "demo", "--database", target.conninfo],
                                  capture_output=True, text=True, env=env, timeout=600)
        finally:
            drop_database(server.with_dbname(name))
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr[-3000:]
    for section in range(1, 15):
        assert f"{section}. " in out, f"section {section} printed"
    for evidence in ("refused, SQLSTATE", "process_monthly_billing", "USDXM", "MG016", "CLEAN",
                     "consolidated"):
        assert evidence in out, evidence
