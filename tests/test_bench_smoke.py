"""`monaydb bench` at the smoke scale: every case runs and writes its JSON fields.

This checks that the benchmark works (data set, pgbench scripts, every case,
the report), never how fast anything is: no figure is compared with a target.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from monay_bench import runner
from monaydb.cli import main
from monaydb.database import Target, drop_database

LATENCY_KEYS = {"mean", "p50", "p95", "p99", "max"}


@pytest.fixture(scope="module")
def run(server: Target, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], Target]]:
    """One smoke run of every case; its database is kept for the data-set checks, then dropped."""
    out = tmp_path_factory.mktemp("bench")
    rep = runner.run(server, "smoke", name="pytest-smoke", results_dir=out, keep=True)
    bench_db = server.with_dbname(rep["database"])
    try:
        written = json.loads((out / "pytest-smoke.json").read_text())
        assert written["cases"].keys() == rep["cases"].keys()
        yield written, bench_db
    finally:
        drop_database(bench_db)


@pytest.fixture(scope="module")
def report(run: tuple[dict[str, Any], Target]) -> dict[str, Any]:
    return run[0]


def _pgbench_fields(run: dict[str, Any]) -> None:
    assert run["transactions"] > 0 and run["failed"] == 0
    assert run["tps"] > 0
    assert set(run["latency_ms"]) == LATENCY_KEYS
    assert run["statements"], "pgbench -r reported no statement latencies"


def _call_fields(call: dict[str, Any]) -> None:
    assert {"calls", "p50", "p95", "p99"} <= set(call) and call["calls"] > 0


def test_report_describes_the_machine_and_the_run(report: dict[str, Any]) -> None:
    assert report["scale"]["name"] == "smoke"
    assert report["machine"]["cores"] >= 1
    assert report["postgres"]["settings"]["server_version"]
    assert "pg_stat_statements" in report["postgres"]["extensions"]
    assert report["dataset"]["tenants"] == report["scale"]["steps"][-1]
    assert list(report["cases"]) == list(runner.CASE_ORDER)
    assert report["table"], "no row in the printed table"


def test_context_case(report: dict[str, Any]) -> None:
    c = report["cases"]["context"]
    assert c["status"] == "ok", c
    _call_fields(c["authenticate_call_ms"])
    _call_fields(c["switch_tenant_call_ms"])
    for key in ("authenticate_request", "authenticate_request_baseline", "auth_switch_request",
                "auth_switch_request_baseline", "authenticate_throughput", "authenticate_throughput_baseline"):
        _pgbench_fields(c[key])
    assert any(t["case"] == "4 context" and "authenticate" in t["measure"] for t in report["targets"])


def test_provisioning_case(report: dict[str, Any]) -> None:
    c = report["cases"]["provisioning"]
    assert c["status"] == "ok", c
    for key in ("throughput", "baseline", "request"):
        _pgbench_fields(c[key])
    assert c["ratio_tps"] > 0


def test_ingestion_cases(report: dict[str, Any]) -> None:
    for name in ("ingest-one", "ingest-many"):
        c = report["cases"][name]
        assert c["status"] == "ok", c
        for key in ("single", "single_raw"):
            _pgbench_fields(c[key])
        for size in (100, 1000):
            batch = c[f"batch_{size}"]
            _pgbench_fields(batch["ours"])
            _pgbench_fields(batch["raw"])
            assert batch["ops_per_s"] > 0 and batch["raw_ops_per_s"] > 0
        assert c["track_operation_statement_ms"] > 0 and c["raw_insert_statement_ms"] > 0
    _pgbench_fields(report["cases"]["ingest-one"]["single_platform"])
    assert report["cases"]["ingest-one"]["tenants"] == 1
    assert report["cases"]["ingest-many"]["tenants"] == report["scale"]["many_tenants"]


def test_reads_case_is_a_series_over_the_steps(report: dict[str, Any]) -> None:
    c = report["cases"]["reads"]
    assert c["status"] == "ok", c
    assert [s["tenants"] for s in c["series"]] == report["scale"]["steps"]
    for step in c["series"]:
        for key in ("usage_call_ms", "billing_call_ms", "heavy_billing_call_ms", "naive_usage_call_ms",
                    "naive_heavy_usage_call_ms"):
            _call_fields(step[key])
        _pgbench_fields(step["usage_request"])
        _pgbench_fields(step["billing_request"])
    assert any("growth" in t["measure"] for t in report["targets"])


def test_monthly_case_bills_a_closed_month_at_each_step(report: dict[str, Any]) -> None:
    c = report["cases"]["monthly"]
    assert c["status"] == "ok", c
    series = c["series"]
    assert [s["tenants"] for s in series] == report["scale"]["steps"]
    assert len({s["period"] for s in series}) == len(series), "each step bills its own month"
    for step in series:
        assert step["tenants_billed"] == step["tenants_total"] >= step["tenants"]
        assert step["seconds"] > 0 and step["tenants_per_s"] > 0
        assert step["runs"] == step["jobs"] >= 1, "one run row per part, one part per session"
        _call_fields(step["stored_billing_call_ms"])
    assert any(t["case"] == "6 monthly run" for t in report["targets"])


def test_monthly_first_run_case_bills_every_tenant_twice(report: dict[str, Any]) -> None:
    c = report["cases"]["monthly-first"]
    assert c["status"] == "ok", c
    assert c["tenants"] == report["scale"]["first_run_tenants"]
    for key in ("first_run", "second_run"):
        assert c[key]["tenants_billed"] == c["tenants"], c
        assert c[key]["seconds"] > 0
    assert any("first monthly run of a fresh database" in t["measure"] for t in report["targets"])


def test_rls_case(report: dict[str, Any]) -> None:
    c = report["cases"]["rls"]
    assert c["status"] == "ok", c
    for who in ("heavy_tenant", "typical_tenant"):
        for variant in ("app", "platform", "raw"):
            _pgbench_fields(c[who][variant])
        for q in ("month summary", "latest 50"):
            assert {"app_ms", "platform_ms", "raw_ms", "overhead_vs_platform", "overhead_vs_raw"} <= set(c[who][q])
    assert c["explain_app"]["plan"] and c["explain_raw"]["plan"]


def test_generated_usage_keeps_the_counters_in_sync(run: tuple[dict[str, Any], Target]) -> None:
    """The generator writes events and counters itself: they must agree as track_operation keeps them."""
    report, bench_db = run
    with bench_db.connect() as conn:
        rows = conn.execute("""
            SELECT coalesce(e.tenant_id, c.tenant_id), coalesce(e.period, c.period), e.ops, c.ops, e.tx, c.tx
            FROM (SELECT tenant_id, billing_period AS period, sum(quantity) AS ops, sum(transactions) AS tx
                  FROM monay.billing_operations GROUP BY 1, 2) e
            FULL JOIN (SELECT tenant_id, period, sum(operations) AS ops, sum(transactions) AS tx
                       FROM monay_private.billing_usage_counters GROUP BY 1, 2) c
              ON c.tenant_id = e.tenant_id AND c.period = e.period
            WHERE e.ops IS DISTINCT FROM c.ops OR e.tx IS DISTINCT FROM c.tx""").fetchall()
        assert rows == []
        n = conn.execute("SELECT count(*) FROM monay_private.billing_tenant_state").fetchone()
        assert n is not None and n[0] >= report["dataset"]["tenants"]
        memberships = conn.execute("""
            SELECT count(*) FROM monay_private.user_tenant_counts c
            WHERE c.active_tenants <> (SELECT count(*) FROM monay.tenant_users tu
                                       WHERE tu.user_id = c.user_id AND tu.status = 'active')""").fetchone()
        assert memberships == (0,)


def test_every_target_is_reported_with_a_verdict(report: dict[str, Any]) -> None:
    for t in report["targets"]:
        assert {"case", "measure", "value", "target", "met"} <= set(t)
        assert isinstance(t["met"], bool)


def test_cli_rejects_an_unknown_case() -> None:
    result = CliRunner().invoke(main, ["bench", "--case", "nope"])
    assert result.exit_code != 0
    assert "nope" in result.output


def test_cli_help_names_every_case() -> None:
    result = CliRunner().invoke(main, ["bench", "--help"])
    assert result.exit_code == 0
    for name in runner.CASE_ORDER:
        assert name in result.output



def test_mixed_case(report: dict[str, Any]) -> None:
    c = report["cases"]["mixed"]
    assert c["status"] == "ok", c
    assert c["requests"] > 0 and c["deadlocks"] == 0
    assert c["error_count"] == 0 and c["retries_not_duplicate"] == 0, c["errors"]
    for op in ("ingest", "usage", "bill", "payment", "switch", "member"):
        assert c["latency_ms"][op].keys() >= LATENCY_KEYS
    assert any(t["case"] == "8 mixed" and t["measure"] == "deadlocks" for t in report["targets"])
