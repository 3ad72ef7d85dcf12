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

from . import monthly
from .core import Bench, CaseSkipped, lat, ms, rate


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
    tput, tput_base = b.paired("authenticate", "token_lookup", tenants=n)

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
    ours, raw = b.paired("create_tenant", "create_tenant_raw", role="platform")
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


# --- 5. RLS overhead -------------------------------------------------------------------------

_MONTH = ("occurred_at >= date_trunc('month', now()) "
          "AND occurred_at < date_trunc('month', now()) + interval '1 month'")
RLS_SUMMARY = ("SELECT count(*), sum(quantity), sum(computation_units), sum(cost_millicents) "
               f"FROM monay.billing_operations WHERE {_MONTH}")
RLS_SUMMARY_FILTERED = ("SELECT count(*), sum(quantity), sum(computation_units), sum(cost_millicents) "
                        f"FROM monay.billing_operations WHERE tenant_id = %s AND {_MONTH}")


def _stmt_avg(run: Any, needle: str) -> float:
    for s in run.statements:
        if needle in str(s["sql"]):
            return float(s["avg_ms"])
    raise AssertionError(f"no statement with {needle!r} in {run.script}")


def case_rls(b: Bench) -> dict[str, Any]:
    """A month of one tenant's operations: app under RLS vs platform (explicit filter) vs no RLS."""
    b.require("monay.authenticate(text)", "monay.set_platform_context()")
    if not b.has_table("monay.billing_operations"):
        raise CaseSkipped("not in this database yet: monay.billing_operations")
    n = b.dataset["tenants"]
    heavy = b.dataset.get("heavy_ops", 0)
    out: dict[str, Any] = {}
    c = "5 RLS overhead"
    for label, lo, hi, rows in (("heavy tenant", 2, 2, heavy),
                                ("typical tenant", 3, max(3, n), b.scale.ops_per_tenant_month)):
        app = b.pgbench("rls_app", latency=True, lo=lo, hi=hi)
        plat = b.pgbench("rls_platform", role="platform", latency=True, lo=lo, hi=hi)
        raw = b.pgbench("rls_raw", role="super", latency=True, lo=lo, hi=hi)
        entry: dict[str, Any] = {"tenants_picked": [lo, hi], "month_rows_per_tenant": rows,
                                 "app": app.as_dict(), "platform": plat.as_dict(), "raw": raw.as_dict()}
        for q, needle in (("month summary", "SELECT count(*)"), ("latest 50", "SELECT id, operation_type")):
            a, p, r = _stmt_avg(app, needle), _stmt_avg(plat, needle), _stmt_avg(raw, needle)
            over_p, over_r = _ratio(a, p) - 1, _ratio(a, r) - 1
            entry[q] = {"app_ms": a, "platform_ms": p, "raw_ms": r,
                        "overhead_vs_platform": over_p, "overhead_vs_raw": over_r}
            measure = f"{q}, {label} ({rows:,} rows)"
            v = b.judge(c, f"{measure}: app under RLS vs platform role", over_p, "< 10%", over_p < 0.10,
                        note=f"vs no RLS (superuser): {over_r:+.1%}")
            b.row(c, measure, ms(a), f"platform {ms(p)} / no RLS {ms(r)}", f"{over_p:+.0%} / {over_r:+.0%}",
                  "< +10% vs platform", v)
        out[label.replace(" ", "_")] = entry
    # The plans, for the record: the heavy tenant's month under RLS and without.
    with b.connect() as conn:
        row = conn.execute("SELECT tenant_id, token FROM monay_bench.tokens WHERE n = 2").fetchone()
    assert row is not None
    out["explain_app"] = b.explain("app", RLS_SUMMARY, context="SELECT monay.authenticate(%s)",
                                   context_params=[row[1]])
    out["explain_raw"] = b.explain("super", RLS_SUMMARY_FILTERED, [row[0]])
    return out


# --- 1 and 2. ingestion --------------------------------------------------------------------

BATCHES = (100, 1000)


def _ingest(b: Bench, c: str, tenants: int, with_platform: bool) -> dict[str, Any]:
    b.require("monay.track_operation(uuid,text,integer,text,timestamp with time zone)",
              "monay.track_operations(uuid,jsonb)")
    if not b.has_table("monay_bench.raw_operations"):
        raise CaseSkipped("monay_bench.raw_operations missing (no billing_operations when it was set up)")
    out: dict[str, Any] = {"tenants": tenants, "clients": b.scale.clients}
    ours, raw = b.paired("track", "track_raw", tenants=tenants)
    ratio = _ratio(ours.tps, raw.tps)
    call_ms = _stmt_avg(ours, "SELECT monay.track_operation")
    insert_ms = _stmt_avg(raw, "INSERT INTO")
    out.update({"single": ours.as_dict(), "single_raw": raw.as_dict(), "ratio_tps": ratio,
                "track_operation_statement_ms": call_ms, "raw_insert_statement_ms": insert_ms})
    who = "one tenant" if tenants == 1 else f"{tenants:,} tenants"
    v = b.judge(c, f"track_operation requests/s vs raw INSERT/s ({who})", ratio, ">= 60%", ratio >= 0.60,
                note="request = authenticate + track_operation in one transaction")
    b.row(c, f"track_operation/s, {b.scale.clients} clients (authenticate + call)", rate(ours.tps),
          rate(raw.tps) + " INSERT", f"{ratio:.0%}", ">= 60%", v)
    b.row(c, "  latency under load", lat(ours.latency_ms), lat(raw.latency_ms))
    b.row(c, "  track_operation statement alone (mean under load)", ms(call_ms), ms(insert_ms) + " INSERT",
          f"{_ratio(call_ms, insert_ms):.1f}x the time")
    if with_platform:
        plat = b.pgbench("track_platform", role="platform", share=b.scale.rounds, tenants=tenants)
        out["single_platform"] = plat.as_dict()
        out["ratio_tps_platform"] = _ratio(plat.tps, raw.tps)
        b.row(c, "track_operation/s, platform worker (set_platform_context + call)", rate(plat.tps),
              rate(raw.tps) + " INSERT", f"{_ratio(plat.tps, raw.tps):.0%}")
    for size in BATCHES:
        o, r = b.paired("track_batch", "track_batch_raw", tenants=tenants, batch=size)
        ops, raw_ops = o.tps * size, r.tps * size
        out[f"batch_{size}"] = {"ours": o.as_dict(), "raw": r.as_dict(), "ops_per_s": ops,
                                "raw_ops_per_s": raw_ops, "ratio": _ratio(ops, raw_ops)}
        v = b.judge(c, f"track_operations ops/s, batches of {size} ({who})", ops, ">= 50,000 ops/s",
                    ops >= 50_000)
        b.row(c, f"track_operations, batches of {size:,}", rate(ops, " ops/s"), rate(raw_ops, " ops/s"),
              f"{_ratio(ops, raw_ops):.0%}", ">= 50,000 ops/s", v)
    return out


def case_ingest_one(b: Bench) -> dict[str, Any]:
    """Case 1: every request for tenant 1 (enterprise)."""
    return _ingest(b, "1 ingestion, one tenant", 1, with_platform=True)


def case_ingest_many(b: Bench) -> dict[str, Any]:
    """Case 2: requests spread at random over the first many_tenants tenants."""
    n = min(b.scale.many_tenants, b.dataset["tenants"])
    return _ingest(b, f"2 ingestion, {n:,} tenants", n, with_platform=False)


# --- 3. reads, as the data grows ----------------------------------------------------------

_AUTH = "SELECT monay.authenticate($3)"
NAIVE_USAGE = ("SELECT sum(o.transactions)::text || '/' || sum(o.computation_units)::text "
               "FROM monay.billing_operations o WHERE o.tenant_id = $1 "
               "AND o.occurred_at >= date_trunc('month', now()) "
               "AND o.occurred_at < date_trunc('month', now()) + interval '1 month'")


def case_reads_step(b: Bench, step: int, tenants: int) -> dict[str, Any]:
    """calculate_tenant_usage / calculate_tenant_billing at this size of the data set."""
    b.require("monay.calculate_tenant_usage(uuid,date)", "monay.calculate_tenant_billing(uuid,date)")
    month = b.month(0)
    out: dict[str, Any] = {"step": step, "tenants": tenants, "operations": b.dataset["operations"],
                           "heavy_ops": b.dataset["heavy_ops"]}
    # Per call, inside the server, each tenant in its own authenticated context.
    out["usage_call_ms"] = b.time_calls("app", "SELECT monay.calculate_tenant_usage($1)::text",
                                        tenants=tenants, setup=_AUTH)
    out["billing_call_ms"] = b.time_calls("app", "SELECT monay.calculate_tenant_billing($1, $2)::text",
                                          tenants=tenants, period=month, setup=_AUTH)
    # The heavy tenant (tenant 2): its month's events grow with the steps, the counters do not.
    out["heavy_billing_call_ms"] = b.time_calls(
        "platform", "SELECT monay.calculate_tenant_billing($1, $2)::text", tenants=2, period=month,
        context="SELECT monay.set_platform_context()", heavy=True)
    # Baseline: what reading usage from the events costs (no counters), as the superuser.
    out["naive_heavy_usage_call_ms"] = b.time_calls("super", NAIVE_USAGE, tenants=2, heavy=True,
                                                    samples=max(5, b.scale.samples // 50))
    out["naive_usage_call_ms"] = b.time_calls("super", NAIVE_USAGE, tenants=tenants)
    # Per request (pgbench, one client): authenticate + the call, as an API sees it.
    out["usage_request"] = b.pgbench("read_usage", latency=True, tenants=tenants).as_dict()
    out["billing_request"] = b.pgbench("read_billing", latency=True, tenants=tenants).as_dict()
    c = "3 reads"
    size = f"{tenants:,} tenants, {b.dataset['operations']:,} ops"
    u, bl, hv = out["usage_call_ms"], out["billing_call_ms"], out["heavy_billing_call_ms"]
    b.row(c, f"calculate_tenant_usage per call @ {size}", lat(u), lat(out["naive_usage_call_ms"]) + " (events)")
    v = b.judge(c, f"calculate_tenant_billing p95 per call @ {tenants:,} tenants (ms)", bl["p95"], "< 2 ms",
                bl["p95"] < 2.0)
    b.row(c, f"calculate_tenant_billing per call @ {size}", lat(bl), "", "", "p95 < 2 ms", v)
    b.row(c, f"  heavy tenant, {b.dataset['heavy_ops']:,} ops this month", lat(hv),
          lat(out["naive_heavy_usage_call_ms"]) + " (events)",
          f"{_ratio(out['naive_heavy_usage_call_ms']['p50'], hv['p50']):.0f}x faster p50")
    b.row(c, "  per request (authenticate + calculate_tenant_billing)", lat(out["billing_request"]["latency_ms"]))
    return out


def judge_reads_flat(b: Bench) -> None:
    """After the last step: is calculate_tenant_billing's p95 flat from the first to the last size?"""
    series = b.cases.get("reads", {}).get("series", [])
    if len(series) < 2:
        return
    first, last = series[0]["billing_call_ms"]["p95"], series[-1]["billing_call_ms"]["p95"]
    growth = _ratio(last, first)
    v = b.judge("3 reads", f"calculate_tenant_billing p95 growth {series[0]['tenants']:,} -> "
                f"{series[-1]['tenants']:,} tenants", growth, "flat: <= 1.5x", growth <= 1.5)
    b.row("3 reads", f"p95 {series[0]['tenants']:,} -> {series[-1]['tenants']:,} tenants",
          f"{first:.3f} -> {last:.3f} ms", "", f"{growth:.2f}x", "flat (<= 1.5x)", v)


# --- 6. the monthly run, at each size -----------------------------------------------------

TARGET_MONTHLY_TENANTS = 1_000_000
TARGET_MONTHLY_SECONDS = 30.0


def case_monthly_step(b: Bench, step: int, tenants: int) -> dict[str, Any]:
    """The monthly run of a closed month not billed yet, over every tenant, in one session per core
    (`monaydb billing run --jobs N`: monthly.run_month)."""
    b.require("monay.billing_run_part(date, integer, integer)")
    period = b.month(step - len(b.dataset["plan_steps"]))
    jobs = monthly.jobs_for_machine()
    b.checkpoint()
    r = monthly.run_month(b.target, period, jobs)
    billed, batches, seconds = r["tenants_billed"], r["batches"], r["seconds"]
    per_s = billed / seconds if seconds else 0.0
    projected = TARGET_MONTHLY_TENANTS / per_s if per_s else float("inf")
    out: dict[str, Any] = {"step": step, "tenants": tenants, **r,
                           "tenants_per_s": per_s, "projected_seconds_for_1m": projected}
    # Reading a stored (finalized) bill of that month.
    out["stored_billing_call_ms"] = b.time_calls("app", "SELECT monay.calculate_tenant_billing($1, $2)::text",
                                                 tenants=tenants, period=period, setup=_AUTH)
    c = "6 monthly run"
    if tenants >= TARGET_MONTHLY_TENANTS:
        v = b.judge(c, f"monthly run over {tenants:,} tenants (s)", seconds, "< 30 s", seconds < TARGET_MONTHLY_SECONDS)
        target = "< 30 s"
    else:
        v = b.judge(c, f"monthly run projected to 1,000,000 tenants from {tenants:,} (s)", projected,
                    "< 30 s (projected)", projected < TARGET_MONTHLY_SECONDS,
                    note="linear projection from this size; the full scale measures 1,000,000")
        target = f"1M in < 30 s: {projected:,.0f} s projected"
    b.row(c, f"monthly run, {billed:,} tenants ({period:%Y-%m}, {jobs} sessions, {batches} batches)",
          f"{seconds:.2f} s, {per_s:,.0f} tenants/s", "", "", target, v)
    b.row(c, "  calculate_tenant_billing of that finalized month, per call", lat(out["stored_billing_call_ms"]))
    return out


def case_monthly_first_run(b: Bench) -> dict[str, Any]:
    """The first monthly run of a fresh database (issue 13), in a database of its own (first_run.py)."""
    b.require("monay.process_monthly_billing(date)")
    from . import first_run

    n = b.scale.first_run_tenants
    out = first_run.run(b.target, n, jobs=monthly.jobs_for_machine())
    c = "6 monthly run"
    for key, label in (("first_run", "first run of a fresh database"), ("second_run", "the month after")):
        r = out[key]
        per_s = r["tenants_billed"] / r["seconds"] if r["seconds"] else 0.0
        projected = TARGET_MONTHLY_TENANTS / per_s if per_s else float("inf")
        v = ""
        if key == "first_run":
            v = b.judge(c, f"first monthly run of a fresh database projected to 1,000,000 from {n:,} (s)",
                        projected, "< 30 s (projected)", projected < TARGET_MONTHLY_SECONDS,
                        note="usage by raw INSERT, bills analyzed empty; linear projection")
        b.row(c, f"{label}, {r['tenants_billed']:,} tenants ({r['jobs']} sessions, {r['batches']} batches)",
              f"{r['seconds']:.2f} s, {per_s:,.0f} tenants/s", "", "",
              f"1M in < 30 s: {projected:,.0f} s projected" if key == "first_run" else "", v)
    return out
