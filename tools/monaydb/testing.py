"""`monaydb test`: a migrated template database with pgTAP, then pg_prove over sql/tests/.

Each pgTAP file runs in a database of its own, cloned from the template by the
`scripts/pgtap-psql` wrapper that pg_prove uses as its psql: files in parallel
never contend for rows, so fixtures may have fixed ids (see README, development).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .cluster import PG_BIN, ROOT
from .database import Target, scratch_database
from .migrations import apply_demo, apply_functions, migrate_up
from .site import configure_site

TESTS_DIR = ROOT / "sql" / "tests"
HELPERS_DIR = TESTS_DIR / "_helpers"
PSQL_WRAPPER = Path(__file__).resolve().parent / "scripts" / "pgtap-psql"


def default_jobs() -> int:
    """pg_prove jobs by default: one per core."""
    return max(os.cpu_count() or 1, 1)


def test_files(selected: tuple[str, ...] = ()) -> list[Path]:
    files = sorted(p for p in TESTS_DIR.rglob("*.sql") if HELPERS_DIR not in p.parents)
    if selected:
        files = [p for p in files if any(s in str(p.relative_to(ROOT)) for s in selected)]
    return files


def prepare_test_database(target: Target) -> None:
    """Migrate, apply functions, install pgTAP and the test helpers (fixtures)."""
    migrate_up(target)
    apply_functions(target)
    apply_demo(target)  # the test database may hold demo code (sql/tests/demo tests it)
    configure_site(target)
    with target.connect() as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pgtap")
        for helper in sorted(HELPERS_DIR.glob("*.sql")):
            conn.execute(helper.read_text())  # type: ignore[arg-type]
        conn.commit()


def run_pg_prove(server: Target, selected: tuple[str, ...] = (), jobs: int = 1,
                 keep: bool = False, verbose: bool = False, repeat: int = 1) -> int:
    """pg_prove over the selected files, `repeat` times; stops at the first failing round."""
    pg_prove = shutil.which("pg_prove") or shutil.which("pg_prove", path="/usr/bin")
    if pg_prove is None:
        raise RuntimeError("pg_prove not found: install libtap-parser-sourcehandler-pgtap-perl "
                           "(make setup does)")
    files = test_files(selected)
    if not files:
        raise RuntimeError(f"no pgTAP test matches {selected!r}")
    with scratch_database(server, "monaydb_test", keep=keep) as target:
        prepare_test_database(target)
        cmd = [pg_prove, "--dbname", target.dbname, "--jobs", str(jobs), "--ext", ".sql",
               "--psql-bin", str(PSQL_WRAPPER), "--failures", "--comments"]
        if verbose:
            cmd.append("--verbose")
        cmd += [str(f.relative_to(ROOT)) for f in files]
        env = target.libpq_env() | {"MONAYDB_PSQL": str(PG_BIN / "psql")}
        for round_no in range(1, repeat + 1):
            if repeat > 1:
                print(f"-- round {round_no} of {repeat}", flush=True)
            rc = subprocess.run(cmd, cwd=str(ROOT), env=env, text=True).returncode
            if rc != 0:
                if repeat > 1:
                    print(f"-- round {round_no} of {repeat} failed", flush=True)
                return int(rc)
        return 0
