"""The monaydb CLI as a user meets it: the embedded cluster, migrations, errors, --help."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import psycopg
import pytest
from click.testing import CliRunner

from monaydb.cli import main
from monaydb.database import Target, scratch_database
from monaydb.migrations import SQL_DIR
from monaydb.schema import SCHEMA_FILE, dump

MONAYDB = [sys.executable, "-m", "monaydb"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*MONAYDB, *args], capture_output=True, text=True, env=full_env, timeout=300)


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield prefix
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name)


@pytest.mark.parametrize("path", list(all_commands(main)), ids=lambda p: " ".join(p) or "monaydb")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


# --- the embedded cluster ----------------------------------------------------------------

@pytest.fixture
def home(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private MONAYDB_HOME, so that these tests never touch the shared cluster."""
    env = {"MONAYDB_HOME": str(tmp_path)}
    yield env
    run("db", "destroy", "--yes", env=env)


def test_db_start_stop_status_are_idempotent(home: dict[str, str]) -> None:
    first = run("db", "start", env=home)
    assert first.returncode == 0, first.stderr
    url = first.stdout.strip()
    assert url.startswith("postgresql://postgres@/postgres?host=")
    again = run("db", "start", env=home)
    assert again.returncode == 0 and again.stdout.strip() == url, "start twice gives the same URL"
    status = run("db", "status", env=home)
    assert status.returncode == 0 and status.stdout.startswith("running")
    assert url in status.stdout
    assert run("db", "url", env=home).stdout.strip() == url
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT current_setting('server_version_num')::int / 10000").fetchone() == (15,)
    assert run("db", "stop", env=home).stdout.strip() == "stopped"
    assert run("db", "stop", env=home).stdout.strip() == "not running"
    assert run("db", "status", env=home).stdout.startswith("stopped")
    restarted = run("db", "start", env=home)
    assert restarted.returncode == 0 and restarted.stdout.strip() == url, "same port after restart"


def test_db_destroy_removes_everything(home: dict[str, str]) -> None:
    assert run("db", "start", env=home).returncode == 0
    assert run("db", "destroy", "--yes", env=home).returncode == 0
    assert run("db", "status", env=home).stdout.startswith("not created")
    assert not (Path(home["MONAYDB_HOME"]) / ".monaydb").exists()


# --- migrations ----------------------------------------------------------------------------

@pytest.fixture
def empty_db(server: Target) -> Iterator[Target]:
    with scratch_database(server, "monaydb_clitest") as target:
        yield target


def test_up_down_all_up_gives_an_identical_schema(empty_db: Target) -> None:
    url = empty_db.conninfo
    assert run("migrate", "--database", url).returncode == 0
    first = dump(empty_db)
    down = run("migrate", "down", "--all", "--yes", "--database", url)
    assert down.returncode == 0, down.stderr
    with empty_db.connect() as conn:
        left = conn.execute(
            "SELECT count(*) FROM pg_namespace WHERE nspname IN ('monay', 'monay_private')").fetchone()
        assert left == (0,), "down --all removes our schemas"
    again = run("migrate", "up", "--database", url)
    assert again.returncode == 0, again.stderr
    assert dump(empty_db) == first


def test_every_migration_rolls_back_one_by_one(empty_db: Target) -> None:
    url = empty_db.conninfo
    assert run("migrate", "--database", url).returncode == 0
    status = run("migrate", "status", "--json", "--database", url)
    ids = [m["id"] for m in __import__("json").loads(status.stdout)]
    for expected in reversed(ids):
        out = run("migrate", "down", "--yes", "--database", url)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == f"rolled back: {expected}"
    assert run("migrate", "down", "--database", url).stdout.strip() == "rolled back: nothing"


def test_migrate_twice_is_idempotent_and_reapplies_functions(empty_db: Target) -> None:
    url = empty_db.conninfo
    assert run("migrate", "--database", url).returncode == 0
    second = run("migrate", "--database", url)
    assert second.returncode == 0
    assert "nothing pending" in second.stdout
    assert "re-applied" in second.stdout


def test_dry_run_changes_nothing(empty_db: Target) -> None:
    out = run("migrate", "--dry-run", "--database", empty_db.conninfo)
    assert out.returncode == 0 and "would apply: 001_bootstrap" in out.stdout
    with empty_db.connect() as conn:
        assert conn.execute("SELECT to_regnamespace('monay')").fetchone() == (None,)


def test_status_lists_every_migration_with_its_rollback(empty_db: Target) -> None:
    assert run("migrate", "--database", empty_db.conninfo).returncode == 0
    out = run("migrate", "status", "--database", empty_db.conninfo)
    assert out.returncode == 0
    for path in sorted((SQL_DIR / "migrations").glob("*.sql")):
        if not path.name.endswith(".rollback.sql"):
            assert path.stem in out.stdout
    assert "MISSING" not in out.stdout


@pytest.fixture
def broken_sql(tmp_path: Path) -> Path:
    """A copy of sql/ plus a migration that fails halfway through."""
    copy = tmp_path / "sql"
    shutil.copytree(SQL_DIR, copy, ignore=shutil.ignore_patterns("tests", "schema.sql"))
    last = sorted(p.stem for p in (copy / "migrations").glob("*.sql") if ".rollback" not in p.name)[-1]
    (copy / "migrations" / "999_broken.sql").write_text(
        f"-- A migration that fails after doing some work.\n-- depends: {last}\n"
        "CREATE TABLE monay.half_done (id int);\n"
        "INSERT INTO monay.half_done VALUES (1);\n"
        "SELECT 1 / 0;\n")
    (copy / "migrations" / "999_broken.rollback.sql").write_text("DROP TABLE monay.half_done;\n")
    return copy


def test_a_failing_migration_leaves_nothing_behind(empty_db: Target, broken_sql: Path) -> None:
    out = run("migrate", "--database", empty_db.conninfo, env={"MONAYDB_SQL_DIR": str(broken_sql)})
    assert out.returncode != 0
    lines = [ln for ln in out.stderr.strip().splitlines() if ln]
    assert len(lines) == 1, out.stderr
    assert "999_broken.sql" in lines[0] and "division by zero" in lines[0]
    with empty_db.connect() as conn:
        assert conn.execute("SELECT to_regclass('monay.half_done')").fetchone() == (None,)
        applied = {r[0] for r in conn.execute("SELECT migration_id FROM _yoyo_migration")}
    assert "999_broken" not in applied
    assert "001_bootstrap" in applied, "the migrations before the broken one did apply"


def test_a_failing_function_file_applies_no_function(empty_db: Target, broken_sql: Path) -> None:
    (broken_sql / "migrations" / "999_broken.sql").unlink()
    (broken_sql / "migrations" / "999_broken.rollback.sql").unlink()
    bad = broken_sql / "functions" / "zzz_broken.sql"
    bad.write_text("CREATE OR REPLACE FUNCTION monay.zzz_ok() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                   "CREATE FUNCTION monay.zzz_broken( RETURNS int;\n")
    out = run("migrate", "--database", empty_db.conninfo, env={"MONAYDB_SQL_DIR": str(broken_sql)})
    assert out.returncode != 0
    assert "zzz_broken.sql" in out.stderr and "syntax error" in out.stderr
    with empty_db.connect() as conn:
        assert conn.execute("SELECT to_regprocedure('monay.zzz_ok()')").fetchone() == (None,)


# --- errors --------------------------------------------------------------------------------

def test_unreachable_database_is_one_clear_line() -> None:
    out = run("migrate", "status", "--database", "postgresql://postgres@/nope?host=/nonexistent&port=1")
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot connect to"), out.stderr
    assert "Traceback" not in out.stderr


def test_bad_url_is_one_clear_line() -> None:
    out = run("migrate", "--database", "host=/tmp port=notaport ===")
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad database URL" in lines[0], out.stderr


def test_database_url_from_the_environment(empty_db: Target) -> None:
    out = run("migrate", "--dry-run", env={"DATABASE_URL": empty_db.conninfo})
    assert out.returncode == 0 and "would apply: 001_bootstrap" in out.stdout


# --- the committed schema ------------------------------------------------------------------

def test_committed_schema_matches_the_migrations(empty_db: Target) -> None:
    assert run("migrate", "--database", empty_db.conninfo).returncode == 0
    assert SCHEMA_FILE.exists(), "sql/schema.sql is missing: run `monaydb schema dump`"
    assert dump(empty_db) == SCHEMA_FILE.read_text(), (
        "sql/schema.sql drifted from the migrations: run `monaydb schema dump` and commit it")


def test_migrate_group_database_applies_to_subcommands(empty_db: Target, server: Target) -> None:
    url = empty_db.conninfo
    assert run("migrate", "--database", url).returncode == 0
    before = run("migrate", "status", "--json").stdout  # the default target, untouched below
    out = run("migrate", "--database", url, "down", "--yes")
    assert out.returncode == 0 and out.stdout.startswith("rolled back: ")
    status = run("migrate", "--database", url, "status", "--json")
    assert '"applied_at": null' in status.stdout, "the rollback happened in the --database given to migrate"
    assert run("migrate", "status", "--json").stdout == before
