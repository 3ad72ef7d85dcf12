"""Run pgbench with a custom script and read back throughput and latency percentiles.

pgbench runs against the target's Unix socket (or host) as one of the bench login
roles, in prepared mode (`-M prepared`, what an application driver does), with a
per-transaction log (`--log`) from which p50/p95/p99 are computed, and `-r` for
the average latency of each statement of the script.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from monaydb.database import Target

PG_BIN = Path(os.environ.get("MONAYDB_PG_BIN", "/usr/lib/postgresql/15/bin"))
SCRIPTS_DIR = Path(__file__).resolve().parents[1] / "pgbench"


class PgbenchError(RuntimeError):
    """pgbench failed or aborted a client; the message carries its last lines."""


@dataclass
class PgbenchResult:
    script: str
    clients: int
    threads: int
    duration_s: float | None
    transactions: int
    failed: int
    tps: float
    latency_ms: dict[str, float]
    statements: list[dict[str, object]] = field(default_factory=list)
    rounds: int = 1
    samples_ms: list[float] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "script": self.script, "clients": self.clients, "threads": self.threads,
            "duration_s": self.duration_s, "transactions": self.transactions, "failed": self.failed,
            "tps": round(self.tps, 1), "latency_ms": self.latency_ms, "statements": self.statements,
            "rounds": self.rounds,
        }

    @classmethod
    def combine(cls, runs: list[PgbenchResult]) -> PgbenchResult:
        """Several runs of one script (interleaved with its baseline's) as one result:
        mean tps, percentiles over every transaction, statement means weighted by transactions."""
        if len(runs) == 1:
            return runs[0]
        total = sum(r.transactions for r in runs) or 1
        samples = [x for r in runs for x in r.samples_ms]
        stmts: list[dict[str, object]] = []
        for i, st in enumerate(runs[0].statements):
            avg = sum(float(r.statements[i]["avg_ms"]) * r.transactions  # type: ignore[arg-type]
                      for r in runs if i < len(r.statements)) / total
            stmts.append({"sql": st["sql"], "avg_ms": round(avg, 4),
                          "failures": sum(int(r.statements[i]["failures"]) for r in runs  # type: ignore[call-overload]
                                          if i < len(r.statements))})
        first = runs[0]
        return cls(script=first.script, clients=first.clients, threads=first.threads,
                   duration_s=sum(r.duration_s or 0 for r in runs) or None, transactions=total,
                   failed=sum(r.failed for r in runs), tps=sum(r.tps for r in runs) / len(runs),
                   latency_ms=percentiles(samples), statements=stmts, rounds=len(runs), samples_ms=samples)


def pgbench_path() -> str:
    exe = PG_BIN / "pgbench"
    if exe.exists():
        return str(exe)
    found = shutil.which("pgbench")
    if not found:
        raise PgbenchError("pgbench not found (postgresql-15 ships it in /usr/lib/postgresql/15/bin)")
    return found


def percentiles(values: list[float]) -> dict[str, float]:
    """Nearest-rank p50/p95/p99 (and mean, max) of latencies in milliseconds."""
    if not values:
        return {"mean": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}
    s = sorted(values)
    n = len(s)

    def rank(p: float) -> float:
        k = max(0, min(n - 1, int(-(-p * n // 1)) - 1))  # ceil(p*n) - 1
        return s[k]

    return {"mean": round(sum(s) / n, 4), "p50": round(rank(0.50), 4), "p95": round(rank(0.95), 4),
            "p99": round(rank(0.99), 4), "max": round(s[-1], 4)}


_TPS = re.compile(r"^tps = ([0-9.]+) \(without initial connection time\)", re.M)
_PROCESSED = re.compile(r"^number of transactions actually processed: (\d+)", re.M)
_FAILED = re.compile(r"^number of failed transactions: (\d+)", re.M)
_STMT = re.compile(r"^\s+([0-9.]+)\s+(\d+)\s+(\S.*)$")


def _parse_statements(out: str) -> list[dict[str, object]]:
    lines = out.splitlines()
    stmts: list[dict[str, object]] = []
    inside = False
    for line in lines:
        if line.startswith("statement latencies in milliseconds"):
            inside = True
            continue
        if inside:
            m = _STMT.match(line)
            if not m:
                break
            stmts.append({"sql": m.group(3).strip(), "avg_ms": float(m.group(1)),
                          "failures": int(m.group(2))})
    return stmts


def run(target: Target, user: str, script: str | Path, *, clients: int = 1, threads: int = 1,
        duration: float | None = None, transactions: int | None = None,
        variables: dict[str, object] | None = None) -> PgbenchResult:
    """Run one pgbench script (a name in bench/pgbench/ or a path) and parse its output.

    Exactly one of `duration` (-T seconds) and `transactions` (-t per client) is given.
    """
    path = Path(script) if Path(script).is_absolute() else SCRIPTS_DIR / f"{script}.sql"
    if not path.exists():
        raise PgbenchError(f"no pgbench script {path}")
    threads = max(1, min(threads, clients))
    cmd = [pgbench_path(), "--no-vacuum", "-M", "prepared", "-f", str(path), "-c", str(clients),
           "-j", str(threads), "-r", "--log"]
    if duration is not None:
        cmd += ["-T", str(max(1, int(round(duration))))]
    else:
        cmd += ["-t", str(transactions or 10)]
    for k, v in (variables or {}).items():
        cmd += ["-D", f"{k}={v}"]
    env = target.libpq_env()
    env["PGUSER"] = user
    cmd.append(target.dbname)
    with tempfile.TemporaryDirectory(prefix="monay-pgbench-") as tmp:
        cmd[cmd.index("--log") + 1: cmd.index("--log") + 1] = ["--log-prefix", str(Path(tmp) / "tx")]
        proc = subprocess.run(cmd, env=env, text=True, capture_output=True, cwd=tmp)
        out = proc.stdout
        aborted = "aborted" in proc.stderr or proc.returncode != 0
        if aborted:
            lines = [ln.strip() for ln in (proc.stderr or out).strip().splitlines() if ln.strip()]
            errors = [ln[ln.index("ERROR:"):] for ln in lines if "ERROR:" in ln]
            detail = errors[0] if errors else " | ".join(lines[-3:])
            raise PgbenchError(f"pgbench {path.name} failed (exit {proc.returncode}): {detail}")
        latencies: list[float] = []
        for log in Path(tmp).glob("tx*"):
            for line in log.read_text().splitlines():
                parts = line.split()
                # client_id transaction_no time script_no time_epoch time_us [schedule_lag]
                if len(parts) >= 6 and parts[2].isdigit():
                    latencies.append(int(parts[2]) / 1000.0)
    tps_m = _TPS.search(out)
    n_m = _PROCESSED.search(out)
    f_m = _FAILED.search(out)
    if not tps_m or not n_m:
        raise PgbenchError(f"cannot read pgbench output for {path.name}: {out.strip()[-300:]}")
    return PgbenchResult(
        script=path.stem, clients=clients, threads=threads, duration_s=duration,
        transactions=int(n_m.group(1)), failed=int(f_m.group(1)) if f_m else 0,
        tps=float(tps_m.group(1)), latency_ms=percentiles(latencies),
        statements=_parse_statements(out), samples_ms=latencies,
    )
