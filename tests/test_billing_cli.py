"""`monaydb billing run`: orchestration only; the counts come from the procedure."""

from __future__ import annotations

import json
import uuid

from click.testing import CliRunner

from monaydb.billing import parse_period
from monaydb.cli import main
from monaydb.database import Target


def test_billing_run_json_counts_and_rerun(db: Target) -> None:
    with db.connect(autocommit=True) as conn, conn.transaction():
        conn.execute("SELECT monay.set_platform_context()")
        for i in range(7):
            t = str(uuid.uuid4())
            conn.execute("INSERT INTO monay.tenants (id, name, billing_tier, gross_margin_percent, created_at) "
                         "VALUES (%s, %s, 'small_business', 60, '2025-01-01')", [t, f"cli-{i}"])
            conn.execute("SELECT monay.track_operation(%s, 'transfer', %s, NULL, '2025-03-03')", [t, 100 * i + 1])
    runner = CliRunner()
    first = runner.invoke(main, ["billing", "run", "--database", db.conninfo, "--period", "2025-03", "--json"])
    assert first.exit_code == 0, first.output
    counts = json.loads(first.stdout)
    assert (counts["tenants_total"], counts["tenants_billed"], counts["remaining"]) == (7, 7, 0)
    again = runner.invoke(main, ["billing", "run", "--database", db.conninfo, "--period", "2025-03-31", "--json"])
    assert again.exit_code == 0, again.output
    assert (json.loads(again.stdout)["tenants_billed"], json.loads(again.stdout)["billed_in_period"]) == (0, 7)
    table = runner.invoke(main, ["billing", "run", "--database", db.conninfo, "--period", "2025-04"])
    assert table.exit_code == 0 and "billing run" in table.stdout


def test_billing_run_refusals(db: Target) -> None:
    runner = CliRunner()
    bad = runner.invoke(main, ["billing", "run", "--database", db.conninfo, "--period", "2025-13"])
    assert bad.exit_code == 2 and "month must be in 1..12" in bad.output
    future = runner.invoke(main, ["billing", "run", "--database", db.conninfo, "--period", "2999-01", "--json"])
    assert future.exit_code == 1 and "MT407" in future.output


def test_parse_period() -> None:
    assert str(parse_period("2026-11")) == "2026-11-01"
    assert str(parse_period(" 2024-02-29 ")) == "2024-02-01"
