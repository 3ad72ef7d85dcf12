"""End to end: the embedded cluster, Debian's postgres_exporter on our queries file
and a real Prometheus with our alert rules, each on a free loopback port in a
temporary directory. Refusals, a failed and a finished billing run, billing
failures and a hand-made isolation break are generated; the test then asserts,
through Prometheus' HTTP API, the scraped values and that the alerts reach the
firing state. Polls with a deadline, never sleeps a fixed time. Everything it
starts is stopped at the end, also when it fails."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jwt
import psycopg
import pytest

from conftest import TEST_JWT_SECRET
from monaydb.billing import run_monthly_billing
from monaydb.cluster import _free_port
from monaydb.database import Target
from monaydb.monitor import ALERTS_FILE, exporter_command

pytestmark = pytest.mark.skipif(
    not (shutil.which("prometheus") and shutil.which("prometheus-postgres-exporter")),
    reason="Debian packages prometheus and prometheus-postgres-exporter are missing (make setup)")

DEADLINE = 90.0


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return json.loads(resp.read())


def _wait_for(what: str, probe: Callable[[], Any], procs: list[subprocess.Popen[bytes]],
              logs: list[Path]) -> Any:
    """probe() until it returns something truthy, or fail with the processes' logs."""
    end = time.monotonic() + DEADLINE
    last: Any = None
    while time.monotonic() < end:
        for p, log in zip(procs, logs, strict=True):
            if p.poll() is not None:
                pytest.fail(f"{p.args[0]} exited ({p.returncode}) while waiting for {what}: "
                            f"{log.read_text()[-2000:]}")
        try:
            last = probe()
        except (OSError, ValueError, KeyError, IndexError) as exc:
            last = exc
        else:
            if last:
                return last
        time.sleep(0.2)  # polling step, not a wait for a result
    pytest.fail(f"timed out after {DEADLINE:.0f} s waiting for {what} (last: {last!r})")


def _month_before(d: date, n: int = 1) -> date:
    m = d.year * 12 + d.month - 1 - n
    return date(m // 12, m % 12 + 1, 1)


@pytest.fixture
def stack(db: Target, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """postgres_exporter and Prometheus on free ports, stopped at the end whatever happens."""
    procs: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []
    try:
        exp_port, prom_port = _free_port(), _free_port()
        cmd = exporter_command(db, f"127.0.0.1:{exp_port}")
        exp_log = tmp_path / "exporter.log"
        procs.append(subprocess.Popen(cmd.argv, env=cmd.env, stdout=exp_log.open("wb"), stderr=subprocess.STDOUT))
        logs.append(exp_log)
        config = tmp_path / "prometheus.yml"
        config.write_text(json.dumps({
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(ALERTS_FILE)],
            "scrape_configs": [{"job_name": "monay", "scrape_timeout": "1s",
                                "static_configs": [{"targets": [f"127.0.0.1:{exp_port}"]}]}],
        }))
        prom_log = tmp_path / "prometheus.log"
        procs.append(subprocess.Popen(
            ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'tsdb'}",
             f"--web.listen-address=127.0.0.1:{prom_port}", "--log.level=warn"],
            stdout=prom_log.open("wb"), stderr=subprocess.STDOUT))
        logs.append(prom_log)
        yield {"exporter": f"http://127.0.0.1:{exp_port}", "prometheus": f"http://127.0.0.1:{prom_port}",
               "procs": procs, "logs": logs, "login": cmd.login}
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def _generate(db: Target, app_login: str) -> dict[str, Any]:
    """Tenants, refused cross-tenant logins, a finished and a failed run, billing failures."""
    today = date.today()
    last_month, older = _month_before(today.replace(day=1)), _month_before(today.replace(day=1), 2)
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        owner = conn.execute("SELECT id FROM monay.create_user('e2e-ann@example.test', 'Ann')").fetchone()[0]  # type: ignore[index]
        a = conn.execute("SELECT id FROM monay.create_tenant('e2e a', 'small_business', 'small_business', %s)",
                         [owner]).fetchone()[0]  # type: ignore[index]
        other = conn.execute("SELECT id FROM monay.create_user('e2e-bob@example.test', 'Bob')").fetchone()[0]  # type: ignore[index]
        b = conn.execute("SELECT id FROM monay.create_tenant('e2e b', 'household', NULL, %s)",
                         [other]).fetchone()[0]  # type: ignore[index]
        conn.commit()
        # Tenant a existed all of last month (as the superuser: history is trigger-written).
        conn.execute("UPDATE monay.tenants SET created_at = '2024-01-01' WHERE id = %s", [a])
        conn.execute("UPDATE monay.tenant_tier_history SET effective_at = '2024-01-01' WHERE tenant_id = %s", [a])
        conn.commit()
    # Three refused logins of Ann into Bob's tenant: MT204, recorded durably.
    token = jwt.encode({"sub": str(owner), "tenant_id": str(b), "exp": int(time.time()) + 600},
                       TEST_JWT_SECRET, algorithm="HS256")
    for _ in range(3):
        with psycopg.connect(db.conninfo + f" user={app_login}") as app, pytest.raises(psycopg.Error) as err:
            app.execute("SELECT monay.authenticate(%s)", [token])
        assert err.value.sqlstate == "MT204"
    # And one that succeeds (pg_stat_statements counts completed statements only).
    good = jwt.encode({"sub": str(owner), "tenant_id": str(a), "exp": int(time.time()) + 600},
                      TEST_JWT_SECRET, algorithm="HS256")
    with psycopg.connect(db.conninfo + f" user={app_login}") as app:
        assert app.execute("SELECT monay.authenticate(%s)", [good]).fetchone()
    # A finished run for last month, through the real procedure.
    counts = run_monthly_billing(db, last_month, show_progress=False)
    assert counts["tenants_billed"] == 1
    # A failed run two months back: its backend died (pid 0 is no backend), its
    # failure recorded; and 12 failed usage calls (billing records these; written
    # here as the superuser, as migration 008's writers would).
    with db.connect() as conn:
        run_id = conn.execute("INSERT INTO monay.billing_runs (period, backend_pid, tenants_total) "
                              "VALUES (%s, 0, 2) RETURNING id", [older]).fetchone()[0]  # type: ignore[index]
        conn.execute("INSERT INTO monay_private.billing_failures "
                     "(source, run_id, tenant_id, period, sqlstate, message) "
                     "VALUES ('monthly_run', %s, %s, %s, 'XX000', 'e2e: the run died')", [run_id, a, older])
        conn.execute("INSERT INTO monay_private.billing_failures (source, tenant_id, sqlstate, message) "
                     "SELECT 'track_operation', %s, 'MT402', 'e2e ' || i FROM generate_series(1, 12) i", [b])
        # Someone turns off FORCE ROW LEVEL SECURITY by hand.
        conn.execute("ALTER TABLE monay.tenant_users NO FORCE ROW LEVEL SECURITY")
        conn.commit()
    return {"last_month": last_month, "tenant": uuid.UUID(str(a))}


def _query(prom: str, expr: str) -> dict[str, float]:
    data = _get(f"{prom}/api/v1/query?query={urllib.parse.quote(expr)}")
    return {json.dumps(r["metric"], sort_keys=True): float(r["value"][1]) for r in data["data"]["result"]}


def test_exporter_and_prometheus_see_the_metrics_and_fire_the_alerts(
        db: Target, app_login: str, request: pytest.FixtureRequest) -> None:
    generated = _generate(db, app_login)
    # Started after the data exists: the exporter caches some queries (cache_seconds).
    stack: dict[str, Any] = request.getfixturevalue("stack")
    prom, procs, logs = stack["prometheus"], stack["procs"], stack["logs"]

    def scalar(expr: str) -> float | None:
        values = _query(prom, expr)
        return next(iter(values.values())) if len(values) == 1 else None

    expected = {
        'monay_isolation_violations{rule="rls_not_forced"}': 1.0,
        'sum(monay_isolation_violations)': 1.0,
        'sum(monay_refusals_last_hour{action="auth_refused", sqlstate="MT204"})': 3.0,
        'monay_security_events_total': 3.0,
        'monay_billing_failures_total': 13.0,
        'monay_billing_failures_last_hour{source="track_operation"}': 12.0,
        'monay_billing_failures_last_hour{source="monthly_run"}': 1.0,
        'monay_billing_run_previous_month_finished': 1.0,
        'monay_billing_run_stalled': 1.0,
        'monay_bills_last_month_count{tier="small_business"}': 1.0,
        'monay_bills_last_month_total_cents{tier="small_business"}': 4410.0,
        'monay_bills_last_month_below_margin_floor{tier="small_business"}': 0.0,
        'sum(monay_tenants_count{status="active"})': 2.0,
        'monay_tenants_created_total': 2.0,
        'monay_audit_link_up': 1.0,
        'monay_function_calls_total{function="authenticate"} > 0': None,
    }
    seen: dict[str, float | None] = {}

    def all_values() -> bool:
        for expr, want in expected.items():
            got = scalar(expr)
            seen[expr] = got
            if got is None or (want is not None and got != want):
                return False
        return True

    try:
        _wait_for("the scraped values", all_values, procs, logs)
    except BaseException:
        print(json.dumps(seen, indent=1))
        raise

    def firing() -> set[str]:
        alerts = _get(f"{prom}/api/v1/alerts")["data"]["alerts"]
        names = {a["labels"]["alertname"] for a in alerts if a["state"] == "firing"}
        return names if {"TenantIsolationViolation", "CrossTenantAccessAttempts"} <= names else set()

    names = _wait_for("TenantIsolationViolation and CrossTenantAccessAttempts to fire", firing, procs, logs)
    alerts = _get(f"{prom}/api/v1/alerts")["data"]["alerts"]
    tiv = [a for a in alerts if a["labels"]["alertname"] == "TenantIsolationViolation"]
    assert [(a["labels"]["rule"], a["labels"]["severity"]) for a in tiv] == [("rls_not_forced", "critical")]
    # Nothing fires that the data does not call for.
    assert names <= {"TenantIsolationViolation", "CrossTenantAccessAttempts", "MonthlyBillingRunLate"}
    assert "MonthlyBillingRunLate" not in names, "last month has a finished run"
    assert generated["last_month"] < date.today()

    # The exporter never connects as anything but the monitor login.
    with db.connect() as conn:
        row = conn.execute("SELECT pg_has_role(%s, 'monay_monitor', 'MEMBER'), "
                           "pg_has_role(%s, 'monay_platform', 'MEMBER'), rolsuper FROM pg_roles WHERE rolname = %s",
                           [stack["login"], stack["login"], stack["login"]]).fetchone()
    assert row == (True, False, False)
