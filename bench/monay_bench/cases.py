"""The benchmark cases. Each measures ours beside a raw-PostgreSQL baseline of the same run.

Latency figures come in two kinds, both reported:
  request   what a client sees: pgbench, one client, one transaction per request
            (prepared statements over the Unix socket, round trip and commit included);
  call      what the function costs: monay_bench.time_calls, clock_timestamp around
            each call inside the server, no round trip.
Throughput figures are pgbench with `scale.clients` clients.
"""

from __future__ import annotations

from typing import Any

from .core import Bench, lat, ms, rate


def _ratio(ours: float, base: float) -> float:
    return ours / base if base else 0.0


# --- 4. context -----------------------------------------------------------------------------

def case_context(b: Bench) -> dict[str, Any]:
    """authenticate and switch_tenant: request and per-call latency, authentications/s."""
    b.require("monay.authenticate(text)", "monay.switch_tenant(uuid)")
    n = b.dataset["tenants"]
    pairs = max(1, n // 2)
    auth = b.pgbench("authenticate", latency=True, tenants=n)
    base = b.pgbench("token_lookup", latency=True, tenants=n)
    auth_call = b.time_calls("app", "SELECT monay.authenticate($3)", tenants=n)
    sw = b.pgbench("auth_switch", latency=True, pairs=pairs)
    sw_base = b.pgbench("auth_switch_baseline", latency=True, pairs=pairs)
    sw_call = b.time_calls("app", "SELECT monay.switch_tenant($4)", tenants=n, pairs=True,
                           setup="SELECT monay.authenticate($3)")
    tput = b.pgbench("authenticate", tenants=n)
    tput_base = b.pgbench("token_lookup", tenants=n)

    c = "4 context"
    verdict = b.judge(c, "authenticate p95 per call (ms)", auth_call["p95"], "< 0.5 ms",
                      auth_call["p95"] < 0.5)
    b.row(c, "authenticate, per call", lat(auth_call), target="p95 < 0.5 ms", verdict=verdict)
    verdict = b.judge(c, "authenticate p95 per request (ms)", auth.latency_ms["p95"], "< 0.5 ms",
                      auth.latency_ms["p95"] < 0.5, note="includes the round trip and the token lookup")
    b.row(c, "authenticate, per request", lat(auth.latency_ms), lat(base.latency_ms),
          f"{_ratio(auth.latency_ms['p95'], base.latency_ms['p95']):.1f}x p95", "p95 < 0.5 ms", verdict)
    b.row(c, "switch_tenant, per call", lat(sw_call))
    b.row(c, "authenticate + switch_tenant, per request", lat(sw.latency_ms), lat(sw_base.latency_ms),
          f"{_ratio(sw.latency_ms['p95'], sw_base.latency_ms['p95']):.1f}x p95")
    b.row(c, f"authentications/s ({b.scale.clients} clients)", rate(tput.tps), rate(tput_base.tps),
          f"{_ratio(tput.tps, tput_base.tps):.0%}")
    return {
        "tenants": n,
        "authenticate_call_ms": auth_call, "switch_tenant_call_ms": sw_call,
        "authenticate_request": auth.as_dict(), "authenticate_request_baseline": base.as_dict(),
        "auth_switch_request": sw.as_dict(), "auth_switch_request_baseline": sw_base.as_dict(),
        "authenticate_throughput": tput.as_dict(), "authenticate_throughput_baseline": tput_base.as_dict(),
        "ratio_tps": _ratio(tput.tps, tput_base.tps),
    }


# --- 7. provisioning ----------------------------------------------------------------------

def case_provisioning(b: Bench) -> dict[str, Any]:
    """create_user + create_tenant per second (platform), beside raw inserts of the same rows."""
    b.require("monay.create_user(text,text,text)", "monay.create_tenant(text,text,text,uuid,numeric,text)")
    ours = b.pgbench("create_tenant", role="platform")
    raw = b.pgbench("create_tenant_raw", role="platform")
    one = b.pgbench("create_tenant", role="platform", latency=True)
    c = "7 provisioning"
    b.row(c, f"create_user + create_tenant/s ({b.scale.clients} clients)", rate(ours.tps), rate(raw.tps),
          f"{_ratio(ours.tps, raw.tps):.0%}")
    b.row(c, "create_user + create_tenant, per request", lat(one.latency_ms))
    stmt = next((s for s in ours.statements if "create_tenant" in str(s["sql"])), None)
    if stmt:
        b.row(c, "create_tenant statement, mean under load", ms(float(stmt["avg_ms"])))  # type: ignore[arg-type]
    return {"throughput": ours.as_dict(), "baseline": raw.as_dict(), "request": one.as_dict(),
            "ratio_tps": _ratio(ours.tps, raw.tps)}
