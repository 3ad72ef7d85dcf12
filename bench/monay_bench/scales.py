"""Data sizes and run lengths of `monaydb bench --scale smoke|quick|full`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    # Tenant counts of the read series (the data set grows through them; the
    # monthly run bills a different closed month at each).
    steps: tuple[int, ...]
    # Operations each generated tenant has in each generated month (the 3
    # closed months before the current one, and the current one).
    ops_per_tenant_month: int
    # Operations of the "heavy" tenant (tenant 2) in the current month at each step.
    heavy_ops: tuple[int, ...]
    # Tenants that the many-tenant ingestion case spreads over (capped by the data set).
    many_tenants: int
    # pgbench run length: seconds (-T) for throughput and latency runs, or
    # transactions per client (-t) when `transactions` is set (smoke).
    duration: float
    latency_duration: float
    transactions: int | None = None
    # Server-side per-call samples (monay_bench.time_calls) per measure.
    samples: int = 2000
    # Throughput runs alternate ours and the baseline in this many rounds (see Bench.paired).
    rounds: int = 2
    clients: int = 8
    threads: int = 2
    # Tenants of the first-run case (monthly-first): a fresh database of its own.
    first_run_tenants: int = 20_000


SCALES: dict[str, Scale] = {
    # What the pytest smoke test runs: every case, tiny data, a few transactions.
    "smoke": Scale("smoke", steps=(40, 120), ops_per_tenant_month=2, heavy_ops=(50, 200),
                   many_tenants=100, duration=1, latency_duration=1, transactions=15, samples=30,
                   clients=2, threads=1, rounds=1, first_run_tenants=100),
    # `make bench`: minutes on a laptop; the targets already show.
    "quick": Scale("quick", steps=(1_000, 10_000), ops_per_tenant_month=3, heavy_ops=(10_000, 100_000),
                   many_tenants=10_000, duration=10, latency_duration=5, samples=2000),
    # The README figures: 1,000,000 tenants, 12,000,000 generated operations
    # (+ the heavy tenant's 1,000,000 and whatever the ingestion cases add).
    "full": Scale("full", steps=(10_000, 100_000, 1_000_000), ops_per_tenant_month=3,
                  heavy_ops=(10_000, 100_000, 1_000_000), many_tenants=10_000, duration=40,
                  latency_duration=15, samples=5000, rounds=4),
}
