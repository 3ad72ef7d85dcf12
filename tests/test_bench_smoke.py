"""`monaydb bench` at the smoke scale: every case runs and writes its JSON fields.

This checks that the benchmark works (data set, pgbench scripts, every case,
the report), never how fast anything is: no figure is compared with a target.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from click.testing import CliRunner

from monaydb.cli import main
from monaydb.cluster import ROOT
from monaydb.database import Target

sys.path.insert(0, str(ROOT / "bench"))

from monay_bench import runner  # noqa: E402

LATENCY_KEYS = {"mean", "p50", "p95", "p99", "max"}


@pytest.fixture(scope="module")
def report(server: Target, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench")
    rep = runner.run(server, "smoke", name="pytest-smoke", results_dir=out)
    written = json.loads((out / "pytest-smoke.json").read_text())
    assert written["cases"].keys() == rep["cases"].keys()
    return written


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

