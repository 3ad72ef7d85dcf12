"""The DBA's path, as the docs give it: the README's crontab run as written, `migrate down`
refusing to drop rows, one line for a role that may not migrate, the pg_partman range,
and a backup restored into a new database (audit link re-pointed, retired secrets absent)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import jwt
import psycopg
import pytest
from psycopg import sql

from conftest import TEST_JWT_SECRET
from monaydb.cluster import PG_BIN, ROOT
from monaydb.database import Target, create_database, drop_database, scratch_database
from monaydb.migrations import MigrationError, check_partman, partman_supported

MONAYDB = [sys.executable, "-m", "monaydb"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MONAYDB, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def fenced(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, flags=re.M | re.S)


# --- scheduled jobs: the README's crontab, as written ---------------------------------------

def test_readme_crontab_is_the_documented_one() -> None:
    readme = fenced((ROOT / "README.md").read_text(), "crontab")
    ops = fenced((ROOT / "docs" / "operations.md").read_text(), "crontab")
    assert len(readme) == 1 and readme == ops, "README.md and docs/operations.md give the same crontab"


def test_readme_crontab_runs_as_written(db: Target) -> None:
    (block,) = fenced((ROOT / "README.md").read_text(), "crontab")
    env: dict[str, str] = {}
    commands: list[str] = []
    for line in block.strip().splitlines():
        m = re.match(r"^([A-Z_]+)=(.*)$", line)
        if m:
            env[m[1]] = m[2]
        elif line.strip() and not line.startswith("#"):
            fields = line.split(None, 5)
            assert len(fields) == 6, f"a cron line has 5 time fields and a command: {line!r}"
            commands.append(fields[5])
    assert set(env) == {"DATABASE_URL", "PATH"} and len(commands) == 2
    # The two values that name this machine: our test database and where monaydb is installed.
    env["DATABASE_URL"] = db.conninfo
    env["PATH"] = ":".join([str(Path(sys.executable).parent), *env["PATH"].split(":")[1:]])
    with db.connect() as conn:  # a secret whose overlap window has ended: the daily job deletes it
        conn.execute("INSERT INTO monay_private.jwt_secrets (secret, retired_at) VALUES (%s, now() - interval '1 day')",
                     [b"an-expired-secret-of-32-bytes-or-more"])
        conn.commit()
    outputs: list[dict[str, object]] = []
    for command in commands:
        proc = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=300,
                              env={"HOME": os.environ.get("HOME", "/root"), **env})
        assert proc.returncode == 0, f"{command}: {proc.stderr}"
        outputs += [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["job"] for o in outputs] == ["monthly-billing", "partitions", "idempotency-keys", "closed-tenants",
                                          "jwt-secrets", "key-rotation"]
    assert all(o["ok"] for o in outputs)
    assert next(o for o in outputs if o["job"] == "jwt-secrets")["jwt_secrets_deleted"] == 1


def test_key_rotation_job_rotates_overdue_vaults_once(db: Target) -> None:
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        owner = conn.execute("SELECT id FROM monay.create_user('rot@example.test', 'Rot')").fetchone()[0]
        fresh = conn.execute("SELECT id FROM monay.create_tenant('Fresh', 'individual', 'free', %s)",
                             [owner]).fetchone()[0]
        owner2 = conn.execute("SELECT id FROM monay.create_user('rot2@example.test', 'Rot2')").fetchone()[0]
        old = conn.execute("SELECT id FROM monay.create_tenant('Old', 'individual', 'free', %s)",
                           [owner2]).fetchone()[0]
        conn.execute("UPDATE monay.tenant_vaults SET rotated_at = now() - interval '91 days' WHERE tenant_id = %s",
                     [old])
        conn.commit()
    first = run("jobs", "run", "key-rotation", "--database", db.conninfo)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["vaults_rotated"] == 1
    again = run("jobs", "run", "key-rotation", "--database", db.conninfo)
    assert json.loads(again.stdout)["vaults_rotated"] == 0, "a rotated vault is not due any more"
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        versions = dict(conn.execute("SELECT tenant_id, key_version FROM monay.tenant_vaults "
                                     "WHERE tenant_id IN (%s, %s)", [fresh, old]).fetchall())
    assert versions == {fresh: 0, old: 1}


def test_a_job_that_fails_exits_non_zero_and_the_others_still_run(db: Target, app_login: str) -> None:
    url = psycopg.conninfo.make_conninfo(db.conninfo, user=app_login)  # not a member of monay_platform
    proc = run("jobs", "run", "daily", "--database", url)
    assert proc.returncode == 1
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["job"] for o in lines] == ["partitions", "idempotency-keys", "closed-tenants", "jwt-secrets",
                                         "key-rotation"]
    assert not any(o["ok"] for o in lines)
    assert "permission denied to set role" in lines[1]["error"]
    assert "job(s) failed: partitions, idempotency-keys, closed-tenants, jwt-secrets, key-rotation" in proc.stderr


# --- migrate down, non-superusers, pg_partman -----------------------------------------------

@pytest.fixture
def migrated(server: Target) -> Iterator[Target]:
    with scratch_database(server, "monaydb_opstest") as target:
        assert run("migrate", "--database", target.conninfo).returncode == 0
        yield target


def test_migrate_down_refuses_to_drop_rows_without_yes(migrated: Target) -> None:
    url = migrated.conninfo
    with migrated.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.create_tenant('Kept', 'small_business', 'small_business', "
                     "(SELECT id FROM monay.create_user('kept@example.test', 'Kept')))")
        conn.commit()
    dry = run("migrate", "down", "--to", "002_platform_baseline", "--dry-run", "--database", url)
    plan = dry.stdout.strip().removeprefix("would roll back: ").split(", ")
    assert dry.returncode == 0 and plan[-1] == "003_tenant_management" and "005_billing_infrastructure" in plan
    assert "warning: rolling back 003_tenant_management drops monay.tenants (1 row)" in dry.stderr
    refused = run("migrate", "down", "--to", "002_platform_baseline", "--database", url)
    assert refused.returncode == 1
    assert "warning: rolling back 005_billing_infrastructure drops monay.billing_tier_config (3 rows)" in refused.stderr
    assert "rerun with --yes" in refused.stderr and "Traceback" not in refused.stderr
    status = json.loads(run("migrate", "status", "--json", "--database", url).stdout)
    assert all(m["applied_at"] for m in status), "nothing was rolled back"
    done = run("migrate", "down", "--to", "002_platform_baseline", "--yes", "--database", url)
    assert done.returncode == 0
    assert done.stdout.strip() == "rolled back: " + ", ".join(plan)


def test_a_role_that_may_not_migrate_gets_one_line(migrated: Target) -> None:
    role = f"monay_ops_nosuper_{uuid.uuid4().hex[:6]}"
    with migrated.connect(autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    try:
        url = psycopg.conninfo.make_conninfo(migrated.conninfo, user=role)
        for args in (("migrate",), ("migrate", "status"), ("migrate", "down")):
            proc = run(*args, "--database", url)
            assert proc.returncode == 1, args
            assert "Traceback" not in proc.stderr, args
            lines = proc.stderr.strip().splitlines()
            assert len(lines) == 1 and f"{role} may not run migrations" in lines[0], (args, proc.stderr)
            assert "connect as a superuser" in lines[0]
    finally:
        with migrated.connect(autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


@pytest.mark.parametrize(("version", "ok"), [("4.7.2", True), ("4.7.0", True), ("4.10.1", True), ("4.6.2", False),
                                             ("5.0.0", False), ("5.1.0", False), ("3.9", False), ("dev", False)])
def test_partman_supported_range(version: str, ok: bool) -> None:
    assert partman_supported(version) is ok


class _FakeConn:
    def __init__(self, row: tuple[str | None, str | None]) -> None:
        self.row = row

    def __enter__(self) -> _FakeConn:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute(self, query: str) -> _FakeConn:
        return self

    def fetchone(self) -> tuple[str | None, str | None]:
        return self.row


class _FakeTarget(Target):
    row: tuple[str | None, str | None] = (None, None)

    def connect(self, **kwargs: object) -> _FakeConn:  # type: ignore[override]
        return _FakeConn(self.row)


def test_check_partman_names_the_version_in_one_line(migrated: Target) -> None:
    check_partman(migrated)  # this server's 4.7.2 passes
    fake = _FakeTarget("host=/nowhere port=1 dbname=monay")
    fake.row = (None, "5.1.0")
    with pytest.raises(MigrationError, match=r"^pg_partman 5\.1\.0 would be installed on .*supports pg_partman "
                                             r"4\.7 to 4\.x \(migration 005_billing_infrastructure"):
        check_partman(fake)
    fake.row = ("5.0.1", "5.1.0")
    with pytest.raises(MigrationError, match=r"^pg_partman 5\.0\.1 is installed"):
        check_partman(fake)
    fake.row = (None, None)
    with pytest.raises(MigrationError, match=r"^pg_partman is not available"):
        check_partman(fake)


# --- backup and restore ------------------------------------------------------------------------

def _refuse(target: Target) -> None:
    """A refused login inside a transaction that rolls back (its record must outlive it)."""
    with target.connect() as conn:
        with pytest.raises(psycopg.Error) as err:
            conn.execute("SELECT monay.authenticate('not-a-jwt')")
        assert err.value.diag.sqlstate == "MT201"
        conn.rollback()


def _refusals(target: Target) -> int:
    with target.connect() as conn:  # as the superuser: RLS does not apply
        row = conn.execute("SELECT count(*) FROM monay.audit_log WHERE action = 'auth_refused'").fetchone()
    assert row is not None
    return int(row[0])


def test_backup_restore_into_a_new_database(db: Target, tmp_path: Path) -> None:
    new_secret = "the-current-secret-after-the-leak-0123456789"
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.set_jwt_secret(%s)", [new_secret])  # the old one is deleted, not retired
        owner = conn.execute("SELECT id FROM monay.create_user('restored@example.test', 'R')").fetchone()[0]  # type: ignore[index]
        tenant = conn.execute("SELECT id FROM monay.create_tenant('Restored', 'household', NULL, %s)",
                              [owner]).fetchone()[0]  # type: ignore[index]
        conn.commit()

    dump = tmp_path / "monay.dump"
    assert db.run_tool([str(PG_BIN / "pg_dump"), "-Fc", "-f", str(dump), db.dbname]).returncode == 0
    plain = db.run_tool([str(PG_BIN / "pg_restore"), "-f", "-", str(dump)], capture_output=True).stdout
    assert new_secret.encode().hex() in plain, "the current secret is in the dump (keep dumps secret)"
    assert TEST_JWT_SECRET.encode().hex() not in plain, "the retired secret is not"

    copy = create_database(db, "monaydb_restored")
    try:
        assert copy.run_tool([str(PG_BIN / "pg_restore"), "-d", copy.dbname, str(dump)]).returncode == 0
        with copy.connect() as conn:
            assert conn.execute("SELECT name FROM monay.tenants WHERE id = %s", [tenant]).fetchone() == ("Restored",)

        check = run("audit", "check", "--database", copy.conninfo)
        assert check.returncode == 1
        assert "the audit link reaches another database" in check.stderr and "re-point it" in check.stderr

        # A refusal on the copy, before re-pointing: written neither into the original nor the copy.
        before_original, before_copy = _refusals(db), _refusals(copy)
        _refuse(copy)
        assert _refusals(db) == before_original, "nothing written into the original database"
        assert _refusals(copy) == before_copy

        p = copy.params
        dsn = f"host={p['host']} port={p['port']} dbname={copy.dbname} user=monay_audit_writer"
        link = run("audit", "link", dsn, "--database", copy.conninfo)
        assert link.returncode == 0, link.stderr
        assert link.stdout.startswith("audit link ok: connects as monay_audit_writer to this database")
        _refuse(copy)
        assert _refusals(copy) == before_copy + 1, "after re-pointing, the copy records its own refusals"
        assert _refusals(db) == before_original

        token = jwt.encode({"sub": str(owner), "tenant_id": str(tenant), "exp": int(time.time()) + 600},
                           new_secret, algorithm="HS256")
        with copy.connect() as conn:
            assert conn.execute("SELECT monay.authenticate(%s) ->> 'tenant_id'", [token]).fetchone() == (str(tenant),)
    finally:
        drop_database(copy)
