"""Case 8, mixed load (issue 15): `scale.clients` clients for `scale.duration` x 3 seconds, each
request one transaction as the application (authenticate, then one operation), drawn at random:

  ingest    track_operation with an idempotency key; one in ten is retried with the same key
            (the retry must answer duplicate = true)
  usage     calculate_tenant_usage
  bill      calculate_tenant_billing of last month
  payment   process_payment in USDC with a key (paid tiers)
  switch    switch_tenant to the user's other tenant
  member    an owner invites another tenant's owner, then withdraws the invitation

on a small set of tenants (contention on purpose). Counted: requests, documented refusals (MT402
free allowance, MT403 rate limit), deadlocks (40P01), and every other error; p50/p95/p99 per
operation of the whole request (round trip and commit included, a Python client's view).
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from collections import Counter, defaultdict
from typing import Any

import psycopg

from .core import Bench, lat, rate

DOCUMENTED = {"MT402", "MT403"}
WEIGHTS = {"ingest": 35, "usage": 15, "bill": 15, "payment": 10, "switch": 15, "member": 10}
HOT_TENANTS = 40


def _pct(values: list[float]) -> dict[str, float]:
    if not values:
        return {"mean": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0, "count": 0}
    s = sorted(values)

    def at(q: float) -> float:
        return s[min(len(s) - 1, int(q * len(s)))]

    return {"mean": statistics.fmean(s), "p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": s[-1],
            "count": len(s)}


def case_mixed(b: Bench) -> dict[str, Any]:
    b.require("monay.track_operation(uuid,text,integer,text,timestamp with time zone)",
              "monay.process_payment(uuid,bigint,text,text)", "monay.switch_tenant(uuid)",
              "monay.add_tenant_member(uuid,uuid,text)", "monay.remove_tenant_member(uuid,uuid)")
    with b.connect() as conn:
        rows = conn.execute(
            "SELECT k.n, k.tenant_id, k.user_id, k.other_tenant_id, k.token, t.billing_tier "
            "FROM monay_bench.tokens k JOIN monay.tenants t ON t.id = k.tenant_id ORDER BY k.n LIMIT %s",
            [HOT_TENANTS]).fetchall()
    tenants = [dict(zip(("n", "tenant", "user", "other", "token", "tier"), r, strict=True)) for r in rows]
    last_month = b.month(-1)
    seconds = max(1.0, b.scale.duration * 3)
    lock = threading.Lock()
    latencies: dict[str, list[float]] = defaultdict(list)
    outcomes: Counter[str] = Counter()
    errors: list[str] = []
    bad_retries = 0
    stop_at = time.monotonic() + seconds

    def client(cid: int) -> None:
        nonlocal bad_retries
        rnd = random.Random(cid)
        ops, weights = zip(*WEIGHTS.items(), strict=True)
        seq = 0
        with b.connect("app", autocommit=True, prepare_threshold=None) as conn:
            while time.monotonic() < stop_at:
                op = rnd.choices(ops, weights)[0]
                t = rnd.choice(tenants)
                if op == "switch" and t["other"] is None:
                    op = "usage"
                if op == "payment" and t["tier"] == "free":
                    op = "bill"
                seq += 1
                key = f"mixed-{cid}-{seq}"
                started = time.perf_counter()
                code = "ok"
                try:
                    with conn.transaction():
                        conn.execute("SELECT monay.authenticate(%s)", [t["token"]])
                        if op == "ingest":
                            conn.execute("SELECT monay.track_operation(%s, 'api_call', 1, %s)", [t["tenant"], key])
                        elif op == "usage":
                            conn.execute("SELECT monay.calculate_tenant_usage(%s)", [t["tenant"]])
                        elif op == "bill":
                            conn.execute("SELECT monay.calculate_tenant_billing(%s, %s)", [t["tenant"], last_month])
                        elif op == "payment":
                            conn.execute("SELECT monay.process_payment(%s, %s, 'USDC', %s)",
                                         [t["tenant"], rnd.randint(1, 5000), key])
                        elif op == "switch":
                            conn.execute("SELECT monay.switch_tenant(%s)", [t["other"]])
                        else:  # member: invite the next hot tenant's owner, then withdraw it
                            guest = tenants[(tenants.index(t) + 1) % len(tenants)]["user"]
                            conn.execute("SELECT monay.add_tenant_member(%s, %s, 'member')", [t["tenant"], guest])
                            conn.execute("SELECT monay.remove_tenant_member(%s, %s)", [t["tenant"], guest])
                    if op == "ingest" and rnd.random() < 0.1:  # the client's retry, same key
                        with conn.transaction():
                            conn.execute("SELECT monay.authenticate(%s)", [t["token"]])
                            dup = conn.execute("SELECT monay.track_operation(%s, 'api_call', 1, %s)",
                                               [t["tenant"], key]).fetchone()[0]["duplicate"]  # type: ignore[index]
                        if dup is not True:
                            with lock:
                                bad_retries += 1
                except psycopg.Error as exc:
                    code = exc.sqlstate or "client"
                    if code not in DOCUMENTED and code != "40P01":
                        with lock:
                            errors.append(f"{op}: {code} {str(exc).splitlines()[0][:200]}")
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    outcomes[f"{op}:{code}"] += 1
                    if code == "ok":
                        latencies[op].append(elapsed)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(b.scale.clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()

    c = "8 mixed"
    total = sum(outcomes.values())
    refused = sum(v for k, v in outcomes.items() if k.split(":")[1] in DOCUMENTED)
    deadlocks = sum(v for k, v in outcomes.items() if k.endswith(":40P01"))
    per_op = {op: _pct(latencies[op]) for op in WEIGHTS}
    for op in WEIGHTS:
        b.row(c, f"{op}, per request ({per_op[op]['count']:,} ok)", lat(per_op[op]))
    b.row(c, f"requests/s ({b.scale.clients} clients, {seconds:.0f} s)", rate(total / seconds))
    verdict = b.judge(c, "deadlocks", deadlocks, "0", deadlocks == 0)
    b.row(c, "deadlocks", str(deadlocks), target="0", verdict=verdict)
    verdict = b.judge(c, "errors other than documented refusals", len(errors) + bad_retries, "0",
                      not errors and bad_retries == 0, note="documented: MT402, MT403")
    b.row(c, f"errors other than refusals (refused: {refused:,} MT402/MT403)", str(len(errors) + bad_retries),
          target="0", verdict=verdict)
    return {"seconds": seconds, "clients": b.scale.clients, "requests": total, "outcomes": dict(outcomes),
            "latency_ms": per_op, "refused": refused, "deadlocks": deadlocks, "errors": errors[:20],
            "error_count": len(errors), "retries_not_duplicate": bad_retries}
