"""Prometheus rules and the exporter's queries file: `promtool check rules`,
`promtool test rules` (every alert fires on the series that should fire it and
stays silent otherwise), and the files agree with each other and the database."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from monaydb.cli import main
from monaydb.database import Target
from monaydb.monitor import ALERTS_FILE, MONITORING_DIR, QUERIES_FILE, exporter_dsn

PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(PROMTOOL is None, reason="promtool missing: apt-get install prometheus")
TESTS_FILE = MONITORING_DIR / "alerts_test.yml"
# Metrics no query of ours exports yet (none today).
PENDING_METRICS: set[str] = set()


def _promtool(*args: str, cwd: Path = MONITORING_DIR) -> subprocess.CompletedProcess[str]:
    assert PROMTOOL
    return subprocess.run([PROMTOOL, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@needs_promtool
def test_promtool_check_rules() -> None:
    proc = _promtool("check", "rules", str(ALERTS_FILE))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SUCCESS: 9 rules found" in proc.stdout


@needs_promtool
def test_promtool_unit_tests_pass() -> None:
    proc = _promtool("test", "rules", str(TESTS_FILE))
    assert proc.returncode == 0, proc.stdout + proc.stderr


@needs_promtool
@pytest.mark.parametrize("old, new", [
    ("sum(rate(monay_billing_failures_total[5m])) * 60 > 10", "sum(rate(monay_billing_failures_total[5m])) * 60 > 12"),
    ("sum by (rule) (monay_isolation_violations) > 0", "sum by (rule) (monay_isolation_violations) > 1"),
    ('monay_refusals_last_hour{sqlstate=~"MT204|MT205"}', 'monay_refusals_last_hour'),
    ("day_of_month() >= 3", "day_of_month() >= 1"),
    ("max(monay_audit_link_up) == 0", "max(monay_audit_link_up) < 2"),
    ("7 * 86400) > 100 * 1024", "7 * 86400) > 1000 * 1024"),
    ("max(monay_group_hierarchy_max_depth) > 10", "max(monay_group_hierarchy_max_depth) > 9"),
])
def test_the_unit_tests_catch_a_wrong_rule(tmp_path: Path, old: str, new: str) -> None:
    rules = ALERTS_FILE.read_text()
    assert old in rules
    (tmp_path / "alerts.yml").write_text(rules.replace(old, new))
    shutil.copy(TESTS_FILE, tmp_path / "alerts_test.yml")
    proc = _promtool("test", "rules", "alerts_test.yml", cwd=tmp_path)
    assert proc.returncode != 0, f"a wrong rule passed the unit tests: {new}"


def _alerts() -> list[dict[str, object]]:
    doc = yaml.safe_load(ALERTS_FILE.read_text())
    return [r for g in doc["groups"] for r in g["rules"] if "alert" in r]


def test_every_alert_has_a_firing_and_a_silent_case() -> None:
    tests = yaml.safe_load(TESTS_FILE.read_text())["tests"]
    fires: set[str] = set()
    silent: set[str] = set()
    for t in tests:
        for case in t["alert_rule_test"]:
            (fires if case["exp_alerts"] else silent).add(case["alertname"])
    names = {str(a["alert"]) for a in _alerts()}
    assert names == {"TenantIsolationViolation", "BillingCalculationError", "HighTenantLatency", "GroupHierarchyDepth",
                     "CrossTenantAccessAttempts", "MonthlyBillingRunLate", "BillingRunStuck", "AuditLinkDown",
                     "IdempotencyKeysGrowing"}
    assert names - fires == set() and names - silent == set()
    severities = {str(a["alert"]): a["labels"]["severity"] for a in _alerts()}  # type: ignore[index]
    assert (severities["TenantIsolationViolation"], severities["BillingCalculationError"],
            severities["HighTenantLatency"], severities["GroupHierarchyDepth"]) == ("critical", "high", "medium", "low")


def _exported_metrics() -> set[str]:
    names = set()
    for key, spec in yaml.safe_load(QUERIES_FILE.read_text()).items():
        for m in spec["metrics"]:
            ((col, opts),) = m.items()
            if opts["usage"] != "LABEL":
                names.add(f"{key}_{col}")
    return names


def test_every_metric_an_alert_reads_is_exported() -> None:
    exported = _exported_metrics()
    used = {m for a in _alerts() for m in re.findall(r"\b(monay_[a-z0-9_]+)", str(a["expr"]))}
    assert used - exported == PENDING_METRICS


def test_every_query_runs_as_the_monitor_and_every_view_is_scraped(db: Target) -> None:
    queries = yaml.safe_load(QUERIES_FILE.read_text())
    with db.connect() as conn:
        conn.execute("SET ROLE monay_monitor")
        for key, spec in queries.items():
            cur = conn.execute(spec["query"])
            cols = {d.name for d in cur.description or []}
            want = {next(iter(m)) for m in spec["metrics"]}
            assert cols == want, f"{key}: columns {cols} vs metrics {want}"
        conn.rollback()
        views = {r[0] for r in conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'monay_monitor' AND c.relkind = 'v' "
            "AND has_table_privilege('monay_monitor', c.oid, 'SELECT')").fetchall()}
    text = QUERIES_FILE.read_text()
    assert {v for v in views if f"monay_monitor.{v}" not in text} == set()


def test_status_json_and_table(db: Target) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["status", "--database", db.conninfo, "--json"])
    assert out.exit_code == 0, out.output
    import json
    s = json.loads(out.stdout)
    assert s["audit_link_up"] is True
    assert {r["rule"] for r in s["isolation_violations"]} == {
        "rls_not_forced", "policy_missing", "partition_exposed", "role_bypasses_rls", "public_execute"}
    assert s["billing_runs"]["previous_month_finished"] == 0
    table = runner.invoke(main, ["status", "--database", db.conninfo])
    assert table.exit_code == 0 and "audit link: up" in table.stdout and "isolation violations: 0" in table.stdout


def test_exporter_command_connects_as_a_monitor_login(db: Target) -> None:
    out = CliRunner().invoke(main, ["monitor", "exporter", "--database", db.conninfo, "--print",
                                    "--listen", "127.0.0.1:1"])
    if shutil.which("prometheus-postgres-exporter") is None:
        assert out.exit_code == 1 and "not found" in out.output
        return
    assert out.exit_code == 0, out.output
    assert "user='monay_monitor_exporter'" in out.stdout and "--disable-default-metrics" in out.stdout
    assert f"--extend.query-path={QUERIES_FILE}" in out.stdout


def test_exporter_dsn_quotes_and_drops_the_superusers_password() -> None:
    t = Target("host=db.example port=5433 dbname=monay user=postgres password=s3cret")
    dsn = exporter_dsn(t, "mon")
    assert dsn == "host='db.example' port='5433' dbname='monay' user='mon' sslmode='require'"
    own = exporter_dsn(Target("host=/tmp/x dbname=monay user=mon password=it's"), "mon")
    assert own == "host='/tmp/x' dbname='monay' user='mon' password='it\\'s' sslmode='disable'"
