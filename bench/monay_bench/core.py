"""The state of one benchmark run: target, scale, figures, table rows and targets."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo
from rich.console import Console

from monaydb.database import Target

from . import pgbench
from .dataset import APP_LOGIN, PLATFORM_LOGIN, month_start
from .scales import Scale

ROLES = {"app": APP_LOGIN, "platform": PLATFORM_LOGIN}


class CaseSkipped(Exception):  # noqa: N818 - a signal, not an error
    """A case cannot run on this database yet (e.g. the function it measures is missing)."""


@dataclass
class Row:
    case: str
    measure: str
    ours: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""


@dataclass
class Bench:
    target: Target
    scale: Scale
    console: Console
    profile: bool = False
    rows: list[Row] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    cases: dict[str, Any] = field(default_factory=dict)
    dataset: dict[str, Any] = field(default_factory=dict)

    # --- connections ------------------------------------------------------------------

    def connect(self, role: str | None = None, **kw: Any) -> psycopg.Connection:
        """A connection as the superuser (role None or "super") or as the bench app/platform login."""
        if role is None or role == "super":
            return self.target.connect(**kw)
        return psycopg.connect(make_conninfo(self.target.conninfo, user=ROLES[role]), **kw)

    def has_function(self, signature: str) -> bool:
        with self.connect() as conn:
            row = conn.execute("SELECT to_regprocedure(%s) IS NOT NULL", [signature]).fetchone()
            return bool(row and row[0])

    def require(self, *signatures: str) -> None:
        missing = [s for s in signatures if not self.has_function(s)]
        if missing:
            raise CaseSkipped("not in this database yet: " + ", ".join(missing))

    def has_table(self, name: str) -> bool:
        with self.connect() as conn:
            row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [name]).fetchone()
            return bool(row and row[0])

    # --- measuring ---------------------------------------------------------------------

    def pgbench(self, script: str, role: str = "app", *, latency: bool = False,
                clients: int | None = None, share: int = 1, **variables: object) -> pgbench.PgbenchResult:
        """Throughput run (scale.clients clients) or latency run (`latency`: one client);
        `share`: this run is one of `share` rounds and lasts duration / share."""
        s = self.scale
        if latency:
            c, j, dur = 1, 1, s.latency_duration / share
        else:
            c, j, dur = clients or s.clients, s.threads, s.duration / share
        self.checkpoint()
        user = ROLES.get(role) or self.target.params.get("user", "postgres")
        return pgbench.run(self.target, user, script, clients=c, threads=j,
                           duration=None if s.transactions else dur,
                           transactions=s.transactions, variables=variables)

    def paired(self, ours: str, raw: str, *, role: str = "app", raw_role: str | None = None,
               **variables: object) -> tuple[pgbench.PgbenchResult, pgbench.PgbenchResult]:
        """A throughput run of `ours` and of its baseline `raw`, interleaved in scale.rounds rounds
        (raw, ours, raw, ours, ...) of duration / rounds each, so that a change of load on a shared
        machine hits both alike. Returns (ours, raw), each combined over its rounds."""
        rounds = max(1, self.scale.rounds)
        o_runs: list[pgbench.PgbenchResult] = []
        r_runs: list[pgbench.PgbenchResult] = []
        for _ in range(rounds):
            r_runs.append(self.pgbench(raw, raw_role or role, share=rounds, **variables))
            o_runs.append(self.pgbench(ours, role, share=rounds, **variables))
        return pgbench.PgbenchResult.combine(o_runs), pgbench.PgbenchResult.combine(r_runs)

    def time_calls(self, role: str, sql: str, *, tenants: int, context: str | None = None,
                   period: object = None, setup: str | None = None, pairs: bool = False,
                   samples: int | None = None, heavy: bool = False) -> dict[str, float]:
        """Server-side per-call latency (monay_bench.time_calls), in one transaction of `role`.

        `context` is SQL run first in that transaction (e.g. monay.set_platform_context());
        `heavy`: always tenant 2 (the heavy tenant) instead of random tenants 1..`tenants`.
        """
        n = samples or self.scale.samples
        with self.connect(role) as conn:
            if context:
                conn.execute(context)  # type: ignore[arg-type]
            row = conn.execute(
                "SELECT monay_bench.time_calls(%s, %s, %s, %s, %s, %s, %s)",
                [sql, tenants, n, period, setup, pairs, 2 if heavy else None]).fetchone()
            conn.rollback()
        assert row is not None
        d = row[0] if isinstance(row[0], dict) else json.loads(row[0])
        return {k.removesuffix("_ms"): float(v) for k, v in d.items()}

    def explain(self, role: str, query: str, params: list[Any] | None = None,
                context: str | None = None, context_params: list[Any] | None = None) -> dict[str, Any]:
        """EXPLAIN (ANALYZE, BUFFERS) of `query` as `role` after `context`: plan lines and times."""
        with self.connect(role) as conn:
            if context:
                conn.execute(context, context_params)  # type: ignore[arg-type]
            conn.execute(query, params)  # warm the caches the way the measured run did
            rows = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + query, params).fetchall()  # type: ignore[operator]
            conn.rollback()
        lines = [r[0] for r in rows]
        out: dict[str, Any] = {"plan": lines}
        for line in lines:
            for key in ("Planning Time", "Execution Time"):
                if line.strip().startswith(key):
                    out[key.lower().replace(" ", "_") + "_ms"] = float(line.split(":")[1].split()[0])
        return out

    @staticmethod
    def month(offset: int) -> date:
        return month_start(offset)

    def checkpoint(self) -> None:
        """Start every measured run from the same place: no dirty backlog from the last one."""
        with self.connect(autocommit=True) as conn:
            conn.execute("CHECKPOINT")

    @contextmanager
    def stopwatch(self) -> Iterator[dict[str, float]]:
        out: dict[str, float] = {}
        t0 = time.perf_counter()
        try:
            yield out
        finally:
            out["seconds"] = time.perf_counter() - t0

    def top_statements(self, limit: int = 8) -> list[dict[str, Any]]:
        """pg_stat_statements since the last reset: where the time went (with --profile)."""
        with self.connect() as conn:
            rows = conn.execute("""
                SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 4),
                       rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 160)
                FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time DESC LIMIT %s""", [limit]).fetchall()
        return [{"calls": r[0], "total_ms": float(r[1]), "mean_ms": float(r[2]), "rows": r[3],
                 "query": r[4]} for r in rows]

    def reset_statements(self) -> None:
        with self.connect() as conn:
            conn.execute("SELECT pg_stat_statements_reset()")
            conn.commit()

    # --- reporting -----------------------------------------------------------------------

    def row(self, case: str, measure: str, ours: str, baseline: str = "", ratio: str = "",
            target: str = "", verdict: str = "") -> None:
        self.rows.append(Row(case, measure, ours, baseline, ratio, target, verdict))

    def judge(self, case: str, measure: str, value: float, target: str, met: bool,
              note: str = "") -> str:
        self.targets.append({"case": case, "measure": measure, "value": value, "target": target,
                             "met": met, "note": note})
        return "met" if met else "MISSED"


def ms(x: float) -> str:
    return f"{x:.3f} ms"


def rate(x: float, unit: str = "/s") -> str:
    return f"{x:,.0f}{unit}"


def lat(d: dict[str, float]) -> str:
    """p50 / p95 / p99 in milliseconds (the table's caption says so)."""
    return f"{d['p50']:.3f} / {d['p95']:.3f} / {d['p99']:.3f} ms"
