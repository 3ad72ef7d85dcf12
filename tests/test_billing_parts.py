"""The monthly run in parts (issue 13): monay.billing_run_part(period, k, n) bills part k of n of
the tenants (by period-lock bucket), so that n sessions bill one month at once (`monaydb billing
run --jobs n`).
Two parts run concurrently cover every tenant exactly once; a part killed mid-way and rerun
bills what it had left and nobody twice; the CLI with --jobs 2 reports the parts' counts.
The fixtures and helpers are test_billing_monthly_run's (same PERIOD: last month, UTC)."""

from __future__ import annotations

import json
import threading
from typing import Any

import psycopg
from click.testing import CliRunner

from monaydb.cli import main
from monaydb.database import Target
from test_billing_monthly_run import (
    PERIOD,
    billed_vs_tracked,
    one,
    period_day,
    setup_tenants,
    wait_until,
    waits_on_advisory_lock,
)


def start_part(db: Target, login: str, part: int, parts: int) -> tuple[threading.Thread, dict[str, Any], int]:
    conn = psycopg.connect(db.conninfo + f" user={login}", autocommit=True)
    pid = conn.info.backend_pid
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            conn.execute("CALL monay.billing_run_part(%s, %s, %s)", [PERIOD, part, parts])
            out["ok"] = True
        except psycopg.Error as exc:
            out["error"] = exc
        finally:
            conn.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out, pid


def halves(db: Target, tenants: list[str]) -> dict[str, int]:
    """The part (1 or 2 of 2) of each tenant: 1 + its period-lock bucket (hashtext & 255) modulo 2."""
    with db.connect() as conn:
        rows = conn.execute("SELECT t::text, 1 + (hashtext(t::text) & 255) %% 2 FROM unnest(%s::uuid[]) t",
                            [tenants]).fetchall()
    return {t: k for t, k in rows}


def test_two_parts_at_once_bill_every_tenant_exactly_once(db: Target, platform_login: str) -> None:
    tenants = setup_tenants(db, n=40, batch_size=4, seed=11)
    part_of = halves(db, tenants)
    assert set(part_of.values()) == {1, 2}, "both parts have tenants"
    runs = [start_part(db, platform_login, k, 2) for k in (1, 2)]
    for thread, out, _ in runs:
        thread.join(timeout=120)
        assert out.get("ok"), out
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        rows = conn.execute(
            "SELECT r.part, r.parts, r.tenants_total, r.tenants_billed, "
            "       r.finished_at IS NOT NULL, "
            "       array_agg(m.tenant_id::text ORDER BY m.tenant_id) "
            "FROM monay.billing_runs r JOIN monay.billing_metrics m ON m.run_id = r.id "
            "WHERE r.period = %s GROUP BY r.id ORDER BY r.part", [PERIOD]).fetchall()
        bills = one(conn, "SELECT count(*) FROM monay.billing_metrics WHERE period = %s", [PERIOD])
    assert [(part, parts) for part, parts, *_ in rows] == [(1, 2), (2, 2)]
    for k, (_, _, total, billed, closed, billed_ids) in enumerate(rows, start=1):
        mine = sorted(t for t in tenants if part_of[t] == k)
        assert billed_ids == mine, f"part {k} billed exactly the tenants of its buckets"
        assert total == billed == len(mine) and closed
    assert bills == len(tenants), "every tenant once, none twice (primary key)"
    assert all(b_tx == t_tx and b_cu == t_cu for _, b_tx, b_cu, t_tx, t_cu in billed_vs_tracked(db))


def test_killed_part_then_rerun_bills_its_rest_exactly_once(db: Target, platform_login: str) -> None:
    tenants = setup_tenants(db, n=40, batch_size=3, seed=13)
    part_of = halves(db, tenants)
    first_half = sorted(t for t in tenants if part_of[t] == 1)
    assert len(first_half) >= 6
    blocked = first_half[len(first_half) // 2]  # part 1 stops there, after committed batches
    holder = psycopg.connect(db.conninfo + f" user={platform_login}")
    holder.execute("SELECT monay.set_tenant_context(%s)", [blocked])
    one(holder, "SELECT monay.track_operation(%s, 'transfer', 3, NULL, %s)", [blocked, period_day(20, 8)])

    other, other_out, _ = start_part(db, platform_login, 2, 2)  # the other part runs meanwhile
    thread, out, pid = start_part(db, platform_login, 1, 2)
    with db.connect(autocommit=True) as watch:
        wait_until(lambda: waits_on_advisory_lock(watch, pid))
        assert one(watch, "SELECT pg_terminate_backend(%s)", [pid]) is True
    thread.join(timeout=60)
    assert "error" in out, "the killed part ends with an error"
    other.join(timeout=120)
    assert other_out.get("ok"), other_out
    holder.commit()
    holder.close()
    with db.connect() as conn:
        billed_before = one(conn, "SELECT count(*) FROM monay.billing_metrics WHERE period = %s", [PERIOD])
    assert len(tenants) - len(first_half) < billed_before < len(tenants)

    rerun, rerun_out, _ = start_part(db, platform_login, 1, 2)
    rerun.join(timeout=120)
    assert rerun_out.get("ok"), rerun_out
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        assert one(conn, "SELECT count(*) FROM monay.billing_metrics WHERE period = %s", [PERIOD]) == len(tenants)
        last = conn.execute("SELECT tenants_total, tenants_skipped + tenants_billed FROM monay.billing_runs "
                            "WHERE period = %s ORDER BY id DESC LIMIT 1", [PERIOD]).fetchone()
    assert last is not None and last[0] == len(first_half), "the rerun of part 1 counts its own part only"
    rows = billed_vs_tracked(db)
    assert len(rows) == len(tenants)
    assert all(b_tx == t_tx and b_cu == t_cu for _, b_tx, b_cu, t_tx, t_cu in rows), \
        "the operation in flight at the kill is billed in the month, once"


def test_part_arguments_are_checked(db: Target, platform_login: str) -> None:
    with psycopg.connect(db.conninfo + f" user={platform_login}", autocommit=True) as conn:
        for part, parts in ((0, 2), (3, 2), (1, 65), (None, 2)):
            try:
                conn.execute("CALL monay.billing_run_part(%s, %s, %s)", [PERIOD, part, parts])
            except psycopg.Error as exc:
                assert exc.diag.sqlstate == "22023", (part, parts, exc)
            else:
                raise AssertionError(f"part {part} of {parts} was accepted")
        assert one(conn, "SELECT count(*) FROM monay.billing_runs") == 0


def test_cli_jobs_runs_the_parts_and_adds_up_their_counts(db: Target, platform_login: str) -> None:
    tenants = setup_tenants(db, n=24, batch_size=5, seed=17)
    runner = CliRunner()
    res = runner.invoke(main, ["billing", "run", "--database", db.conninfo, "--period", PERIOD[:7], "--jobs", "2",
                               "--json"])
    assert res.exit_code == 0, res.output
    counts = json.loads(res.stdout)
    assert counts["parts"] == 2 and len(counts["run_ids"]) == 2
    assert counts["tenants_billed"] == counts["billed_in_period"] == len(tenants)
    assert counts["remaining"] == 0 and counts["tenants_failed"] == 0
    again = runner.invoke(main, ["billing", "run", "--database", db.conninfo, "--period", PERIOD[:7], "--jobs", "2",
                                 "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["tenants_billed"] == 0, "a second run bills nobody"
