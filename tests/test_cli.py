"""The monaydb CLI as a user meets it: the embedded cluster, migrations, errors, --help."""

from __future__ import annotations

import os
import re
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
from monaydb.cluster import PG_BIN
from monaydb.database import Target, scratch_database
from monaydb.migrations import SQL_DIR, applied, migrate_down, migrate_up
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


def full_dump(target: Target) -> str:
    """Schema and data of everything a migration may touch (partman's config included),
    without yoyo's bookkeeping and sequence positions (sequences survive rollbacks), each table's
    rows sorted."""
    proc = target.run_tool(
        [str(PG_BIN / "pg_dump"), "--exclude-table=public._yoyo*", "--exclude-table=public.yoyo_lock",
         "--exclude-schema=tests"], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stdout.splitlines()
             if not ln.startswith(("-- Dumped from", "-- Dumped by", "\\restrict",
                                   "\\unrestrict", "SELECT pg_catalog.setval("))]
    # A table's rows in a set order: a rollback restores the rows, not their physical order (an
    # UPDATE undone by another moves the row to a new place, e.g. a setting changed by 023).
    out: list[str] = []
    rows: list[str] | None = None
    for ln in lines:
        if rows is not None:
            if ln == "\\.":
                out.extend(sorted(rows))
                rows = None
                out.append(ln)
            else:
                rows.append(ln)
        else:
            out.append(ln)
            if ln.startswith("COPY ") and ln.endswith("FROM stdin;"):
                rows = []
    return "\n".join(out)


def test_each_migration_rolls_back_to_the_snapshot_before_it_and_reapplies(empty_db: Target) -> None:
    """For each migration in order: snapshot (schema and data), apply it, roll it back, the
    snapshot is identical (its settings rows, partman config, roles' grants gone), apply it again."""
    from monaydb.migrations import pending

    for mid in pending(empty_db):
        before = full_dump(empty_db)
        assert migrate_up(empty_db, to=mid) == [mid]
        assert migrate_down(empty_db) == [mid]
        after = full_dump(empty_db)
        if mid == "001_bootstrap":
            # The one thing a rollback leaves on purpose: pgcrypto, which 001 creates only if
            # missing and which other schemas of the database may use (001's rollback says so).
            after = re.sub(r"--\n-- Name: (EXTENSION )?pgcrypto; Type: (EXTENSION|COMMENT);.*?\n\n\n",
                           "", after, flags=re.S)
        assert after == before, f"{mid}.rollback.sql does not restore the database as it was before {mid}"
        assert migrate_up(empty_db, to=mid) == [mid], f"{mid} cannot be applied again after its rollback"


def test_013_recreates_the_policies_identically_through_the_rls_helper(empty_db: Target) -> None:
    """apply_rls reproduces the hand-written policies of 003 and 005 exactly: the schema dump
    before and after 013 differs by the pattern comments only."""
    migrate_up(empty_db, to="012_demo_code_out")
    before = dump(empty_db)
    assert migrate_up(empty_db, to="013_rls_policies_by_pattern") == ["013_rls_policies_by_pattern"]
    after = dump(empty_db)
    def without_comments(d: str) -> str:  # (005a's tables have pattern comments before 013 too)
        return re.sub(r"--\n-- Name: POLICY [^\n]*Type: COMMENT;[^\n]*\n--\n\nCOMMENT ON POLICY [^\n]*\n\n", "", d)
    assert after != before and without_comments(after) == without_comments(before)


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


def test_a_deleted_function_file_fails_migrate_until_a_migration_drops_it(empty_db: Target, tmp_path: Path) -> None:
    """Re-applying sql/functions cannot remove a function: migrate refuses to leave one that
    no file and no migration declares (a deleted file, or a changed signature)."""
    copy = tmp_path / "sql"
    shutil.copytree(SQL_DIR, copy, ignore=shutil.ignore_patterns("tests", "schema.sql"))
    env = {"MONAYDB_SQL_DIR": str(copy)}
    assert run("migrate", "--database", empty_db.conninfo, env=env).returncode == 0
    (copy / "functions" / "billing" / "apply_margin_markup.sql").unlink()
    out = run("migrate", "--database", empty_db.conninfo, env=env)
    assert out.returncode == 1
    assert "monay.apply_margin_markup(bigint,numeric)" in out.stderr and "dropped and replaced" in out.stderr
    # A changed signature: the file now declares (bigint, integer, text); the old one is left.
    original = (SQL_DIR / "functions" / "billing" / "apply_margin_markup.sql").read_text()
    assert "p_margin_percent numeric" in original
    (copy / "functions" / "billing" / "apply_margin_markup.sql").write_text(
        "CREATE OR REPLACE FUNCTION monay.apply_margin_markup(p_cost bigint, p_margin integer, p_note text)"
        " RETURNS bigint LANGUAGE sql AS $$ SELECT p_cost $$;\n")
    out = run("migrate", "--database", empty_db.conninfo, env=env)
    assert out.returncode == 1 and "monay.apply_margin_markup(bigint,numeric)" in out.stderr
    last = sorted(p.stem for p in (copy / "migrations").glob("*.sql") if ".rollback" not in p.name)[-1]
    (copy / "migrations" / "999_drop_old_markup.sql").write_text(
        f"-- dropped and replaced\n-- depends: {last}\n"
        "DROP FUNCTION monay.apply_margin_markup(bigint, numeric);\n")
    (copy / "migrations" / "999_drop_old_markup.rollback.sql").write_text("SELECT 1;\n")
    out = run("migrate", "--database", empty_db.conninfo, env=env)
    assert out.returncode == 0, out.stderr


def test_a_trigger_no_file_declares_fails_migrate(empty_db: Target) -> None:
    """A renamed trigger left under its old name would fire twice: migrate names it."""
    assert run("migrate", "--database", empty_db.conninfo).returncode == 0
    with empty_db.connect() as conn:
        conn.execute("CREATE TRIGGER settings_audit_old AFTER INSERT ON monay.settings "
                     "FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('key')")
        conn.commit()
    out = run("migrate", "--database", empty_db.conninfo)
    assert out.returncode == 1 and "trigger settings_audit_old on monay.settings" in out.stderr


def test_rolling_back_012_restores_the_demo_function_it_dropped(empty_db: Target) -> None:
    assert run("migrate", "--database", empty_db.conninfo).returncode == 0
    with empty_db.connect() as conn:
        gone = conn.execute("SELECT to_regprocedure('monay.track_demo_month(uuid, date, integer)')").fetchone()
        assert gone == (None,)
    order = applied(empty_db)
    before_012 = order[order.index("012_demo_code_out") - 1]
    assert migrate_down(empty_db, to=before_012)[-1] == "012_demo_code_out"
    with empty_db.connect() as conn:
        owner, granted = conn.execute(
            "SELECT pg_get_userbyid(proowner), has_function_privilege('monay_platform', oid, 'EXECUTE') "
            "FROM pg_proc WHERE oid = 'monay.track_demo_month(uuid, date, integer)'::regprocedure").fetchone()
    assert (owner, granted) == ("monay_owner", True), "the function is back as it was, owned and granted"


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


def test_committed_schema_does_not_depend_on_the_month(empty_db: Target) -> None:
    """pg_partman names time partitions after the month they cover: a database migrated in
    another month (or one whose maintenance ran for years) dumps the same schema."""
    assert run("migrate", "--database", empty_db.conninfo).returncode == 0
    with empty_db.connect() as conn:
        conn.execute("SELECT partman.create_partition_time('monay.billing_operations', "
                     "ARRAY['2031-02-01'::timestamptz, '2019-12-01', '2028-07-01'])")
        months = conn.execute(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'monay.billing_operations'::regclass "
            "AND inhrelid::regclass::text ~ '_p(2031_02|2019_12|2028_07)$'").fetchone()
        conn.commit()
    assert months == (3,), "the partitions of other months exist"
    assert dump(empty_db) == SCHEMA_FILE.read_text(), "the dump names no month"


def test_migrate_group_database_applies_to_subcommands(empty_db: Target, server: Target) -> None:
    url = empty_db.conninfo
    assert run("migrate", "--database", url).returncode == 0
    before = run("migrate", "status", "--json").stdout  # the default target, untouched below
    out = run("migrate", "--database", url, "down", "--yes")
    assert out.returncode == 0 and out.stdout.startswith("rolled back: ")
    status = run("migrate", "--database", url, "status", "--json")
    assert '"applied_at": null' in status.stdout, "the rollback happened in the --database given to migrate"
    assert run("migrate", "status", "--json").stdout == before
