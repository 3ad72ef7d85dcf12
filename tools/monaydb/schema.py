"""`pg_dump --schema-only` of a migrated database, cleaned so that it is stable and diffable.

Left out: yoyo's bookkeeping tables, pg_partman's time partitions of usage
events (their names follow today's date), and pg_dump's per-run lines.
"""

from __future__ import annotations

import re
import subprocess

from .cluster import PG_BIN, ROOT
from .database import Target

SCHEMA_FILE = ROOT / "sql" / "schema.sql"

_DROP_LINE = re.compile(r"^(-- Dumped (from|by) .*|\\(un)?restrict .*|SET .*|SELECT pg_catalog.set_config.*)$")
_PARTITION = re.compile(r"billing_operations_(p\d{4}_\d{2}|default)(?![0-9])")


def dump(target: Target) -> str:
    proc = target.run_tool(
        [str(PG_BIN / "pg_dump"), "--schema-only",
         "--exclude-table=public._yoyo*", "--exclude-table=public.yoyo_lock",
         "--exclude-schema=partman", "--exclude-schema=tests"],
        capture_output=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"pg_dump failed: {proc.stderr.strip()}")
    return clean(proc.stdout)


def clean(text: str) -> str:
    """Drop volatile lines and whole dump entries about time partitions."""
    out: list[str] = []
    blocks = re.split(r"\n(?=--\n-- Name: )", text)
    for block in blocks:
        header = block.split("\n", 3)[:3]
        if any(_PARTITION.search(h) for h in header):
            continue
        if _PARTITION.search(block) and "ATTACH PARTITION" in block:
            continue
        lines = [ln for ln in block.splitlines() if not _DROP_LINE.match(ln)]
        out.append("\n".join(lines))
    result = "\n".join(out)
    result = re.sub(r"\n{3,}", "\n\n", result)
    return result.strip() + "\n"


def pg_dump_available() -> bool:
    return subprocess.run([str(PG_BIN / "pg_dump"), "--version"], capture_output=True).returncode == 0
