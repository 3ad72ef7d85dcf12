"""What the figures were measured on: machine, PostgreSQL version and the settings that matter."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import psycopg

SETTINGS = (
    "server_version", "shared_buffers", "max_locks_per_transaction", "work_mem", "maintenance_work_mem",
    "effective_cache_size",
    "max_connections", "max_wal_size", "checkpoint_timeout", "wal_level", "fsync", "synchronous_commit",
    "wal_buffers", "commit_delay", "jit", "random_page_cost", "max_parallel_workers_per_gather",
    "shared_preload_libraries", "huge_pages",
)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine_info() -> dict[str, object]:
    mem = _memory_bytes()
    return {
        "hostname": platform.node(),
        "os": f"{platform.system()} {platform.release()}",
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": round(mem / 2**30, 1) if mem else None,
        "python": platform.python_version(),
        "load_average_at_start": _load(),
    }


def postgres_info(conn: psycopg.Connection) -> dict[str, object]:
    row = conn.execute("SELECT version()").fetchone()
    settings = dict(conn.execute(
        "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(%s) ORDER BY name",
        [list(SETTINGS)]).fetchall())
    ext = dict(conn.execute("SELECT extname, extversion FROM pg_extension ORDER BY 1").fetchall())
    return {"version": row[0] if row else None, "settings": settings, "extensions": ext}
