"""Backend CPU per request, A/B over database copies, interleaved (docs/bench.md, issue 13).

On a shared machine wall-clock latencies swing with everyone's load; the CPU a backend spends
on a request (/proc/<pid>/schedstat, so the server must run on this machine) swings much less.
Each request is its own transaction, as the application's login role, over a kept bench
database's tokens (monay_bench.tokens).

  .venv/bin/python bench/auth_cpu_ab.py --host /tmp/monaydb-... --port 5432 \
      --case auth --rounds 4 --requests 800 ab_old ab_new
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import psycopg

MONTH = ("occurred_at >= date_trunc('month', now()) "
         "AND occurred_at < date_trunc('month', now()) + interval '1 month'")
CASES = {
    "auth": ["SELECT monay.authenticate(%(token)s)"],
    "auth_billing": ["SELECT monay.authenticate(%(token)s)",
                     "SELECT monay.calculate_tenant_billing(%(tenant)s, date_trunc('month', now())::date)"],
    "auth_track": ["SELECT monay.authenticate(%(token)s)",
                   "SELECT monay.track_operation(%(tenant)s, 'transfer', 1, gen_random_uuid()::text)"],
    "auth_rls": ["SELECT monay.authenticate(%(token)s)",
                 "SELECT count(*), sum(quantity), sum(computation_units), sum(cost_millicents) "
                 f"FROM monay.billing_operations WHERE {MONTH}"],
}


def cpu_ns(pid: int) -> int:
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])


def run(args: argparse.Namespace, db: str) -> float:
    with psycopg.connect(host=args.host, port=args.port, dbname=db, user=args.user, prepare_threshold=0) as c:
        rows = c.execute("SELECT token, tenant_id FROM monay_bench.tokens WHERE n BETWEEN 3 AND %s ORDER BY n",
                         [args.requests + 2]).fetchall()
        row = c.execute("SELECT pg_backend_pid()").fetchone()
        assert row is not None
        pid = row[0]
        c.commit()
        for i, (token, tenant) in enumerate(rows):
            if i == 50:  # after a warm-up
                start = cpu_ns(pid)
            with c.transaction():
                for sql in CASES[args.case]:
                    c.execute(sql, {"token": token, "tenant": tenant})
        return (cpu_ns(pid) - start) / 1000 / (len(rows) - 50)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", required=True)
    p.add_argument("--port", required=True)
    p.add_argument("--user", default="monay_bench_app")
    p.add_argument("--case", choices=sorted(CASES), default="auth")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--requests", type=int, default=800)
    p.add_argument("databases", nargs="+")
    args = p.parse_args()
    results: dict[str, list[float]] = {d: [] for d in args.databases}
    for r in range(args.rounds):
        for db in args.databases:
            us = run(args, db)
            results[db].append(us)
            print(f"{args.case} {db} round {r + 1}: {us:.1f} us backend CPU per request", flush=True)
    for db, v in results.items():
        print(f"{args.case} {db}: median {statistics.median(v):.1f} us, min {min(v):.1f} us")


if __name__ == "__main__":
    main()
