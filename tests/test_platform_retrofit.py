"""The tenant_id retrofit end to end (006 + `monaydb legacy`), on a small data set.

The story a DBA runs: seed the pre-tenancy tables, migrate, verify, write rows under
tenancy, roll back, verify (the same checksums, the new rows kept, the same schema),
migrate again; and a migrate killed half-way that a second run finishes without doing
any batch twice.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result

from monaydb import migrations as mig
from monaydb import schema
from monaydb.cli import main
from monaydb.database import Target

PRE = "005_billing_infrastructure"


def cli(db: Target, *args: str) -> Result:
    result = CliRunner().invoke(main, ["legacy", *args, "--database", db.conninfo], catch_exceptions=False)
    return result


def pre_tenancy(db: Target) -> None:
    """006 and the migrations that depend on it rolled back; the others (vaults, billing
    safety, monitoring...) stay applied, as in a database upgraded before its retrofit."""
    rolled_back = mig.migrate_down_only(db, "006_add_tenant_columns")
    assert rolled_back[-1] == "006_add_tenant_columns" and "017_treasury_wallet_links" in rolled_back
    assert "007_vault_management" in mig.applied(db)


def steps(db: Target, direction: str = "migrate") -> dict[str, tuple[str, int, int]]:
    with db.connect() as conn:
        return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
            "SELECT name, status, rows_done, batches FROM monay_private.legacy_steps WHERE direction = %s",
            [direction]).fetchall()}


def test_seed_migrate_verify_write_rollback_verify_migrate(db: Target, tmp_path: Path) -> None:
    pre_tenancy(db)
    before_schema = schema.dump(db)
    assert cli(db, "seed", "--users", "40", "--transactions", "3000", "--seed", "3").exit_code == 0
    baseline = str(tmp_path / "baseline.json")

    r = cli(db, "migrate", "--no-backup", "--baseline", baseline, "--batch-size", "500")
    assert r.exit_code == 0, r.output
    assert all(s[0] == "done" for s in steps(db).values())
    r = cli(db, "verify", "--baseline", baseline, "--json")
    assert r.exit_code == 0, r.output
    checks = {c["check"]: c for c in json.loads(r.output)["checks"]}
    assert checks["rows:transactions"]["actual"] == "3000"
    assert checks["tenant:wallets"]["actual"] == "0" and checks["mirror:transactions"]["ok"]

    with db.connect() as conn:
        # every user has a personal tenant (create_tenant's rules: individual, free, owner)
        assert conn.execute(
            "SELECT count(*) FROM monay.users u JOIN monay_private.tenant_creation_requests r "
            "ON r.owner_user_id = u.id AND r.idempotency_key = 'legacy:personal-tenant' "
            "JOIN monay.tenants t ON t.id = r.tenant_id AND t.tenant_type = 'individual' AND t.billing_tier = 'free' "
            "JOIN monay.tenant_users m ON m.tenant_id = t.id AND m.user_id = u.id AND m.role = 'owner'"
        ).fetchone()[0] == 40
        # cross-tenant transfers: one mirror each, in the recipient's tenant
        crossing, mirrors = conn.execute(
            "SELECT count(*) FILTER (WHERE mirror_of IS NULL AND counterparty_tenant_id <> tenant_id), "
            "count(*) FILTER (WHERE mirror_of IS NOT NULL) FROM monay.transactions").fetchone()
        assert crossing > 0 and crossing == mirrors
        user, tenant = conn.execute(
            "SELECT user_id, tenant_id FROM monay.wallets ORDER BY id LIMIT 1").fetchone()

    # rows written under tenancy: two wallets through create_wallet, a deposit by the platform
    with db.connect() as conn:
        conn.execute("SET ROLE monay_platform")
        conn.execute("SELECT monay.set_tenant_context(%s)", [tenant])
        w1 = conn.execute("SELECT (monay.create_wallet('USD', 'story-1', %s)).id", [user]).fetchone()[0]
        conn.execute("SELECT monay.create_wallet('USD', 'story-2', %s)", [user])
        conn.commit()
    with db.connect() as conn:
        conn.execute("INSERT INTO monay.transactions (tenant_id, wallet_id, kind, amount_cents, status, description) "
                     "VALUES (%s, %s, 'deposit', 500, 'completed', 'under tenancy')", [tenant, w1])
        conn.commit()
    assert cli(db, "verify", "--baseline", baseline).exit_code == 0

    r = cli(db, "rollback", "--yes")
    assert r.exit_code == 0, r.output
    r = cli(db, "verify", "--baseline", baseline, "--json")
    assert r.exit_code == 0, r.output
    checks = {c["check"]: c for c in json.loads(r.output)["checks"]}
    assert checks["new:wallets"]["actual"] == "2" and checks["new:transactions"]["actual"] == "1"
    assert "tenant:wallets" not in checks
    with db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM monay.transactions WHERE description = 'under tenancy' "
                            "AND wallet_id = %s", [w1]).fetchone()[0] == 1
    assert schema.dump(db) == before_schema, "the rollback restores the pre-tenancy schema exactly"

    r = cli(db, "migrate", "--no-backup", "--baseline", baseline)
    assert r.exit_code == 0, r.output
    assert cli(db, "verify", "--baseline", baseline).exit_code == 0
    with db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM monay.wallets WHERE id = %s AND tenant_id = %s",
                            [w1, tenant]).fetchone()[0] == 1


def test_verify_sees_a_changed_row(db: Target, tmp_path: Path) -> None:
    pre_tenancy(db)
    assert cli(db, "seed", "--users", "5", "--transactions", "50").exit_code == 0
    baseline = str(tmp_path / "b.json")
    assert cli(db, "migrate", "--no-backup", "--baseline", baseline).exit_code == 0
    with db.connect() as conn:
        conn.execute("UPDATE monay.transactions SET amount_cents = amount_cents + 1 "
                     "WHERE id = (SELECT id FROM monay.transactions WHERE mirror_of IS NULL ORDER BY id LIMIT 1)")
        conn.commit()
    r = cli(db, "verify", "--baseline", baseline, "--json")
    assert r.exit_code == 1
    bad = {c["check"] for c in json.loads(r.output)["checks"] if not c["ok"]}
    assert "checksum:transactions" in bad and not any(b.startswith(("rows:", "fk:", "sync:")) for b in bad)


def test_migrate_killed_half_way_resumes_and_does_nothing_twice(db: Target, tmp_path: Path) -> None:
    pre_tenancy(db)
    assert cli(db, "seed", "--users", "50", "--transactions", "20000").exit_code == 0
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "monaydb", "legacy", "migrate", "--no-backup", "--batch-size", "200",
         "--baseline", str(tmp_path / "b.json"), "--json", "--database", db.conninfo],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    killed_at = None
    while time.monotonic() < deadline and proc.poll() is None:
        with psycopg.connect(db.conninfo, autocommit=True) as conn:
            row = conn.execute("SELECT rows_done FROM monay_private.legacy_steps "
                               "WHERE to_regclass('monay_private.legacy_steps') IS NOT NULL "
                               "AND name = 'transactions_move' AND status = 'running'").fetchone() \
                if conn.execute("SELECT to_regclass('monay_private.legacy_steps')").fetchone()[0] else None
        if row and row[0] > 0:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed_at = row[0]
            break
        time.sleep(0.02)
    assert killed_at is not None, "the migration was not caught half-way"
    half = steps(db)
    assert half["transactions_move"][0] == "running" and half["swap"][0] == "pending"

    r = cli(db, "migrate", "--no-backup", "--baseline", str(tmp_path / "b.json"))
    assert r.exit_code == 0, r.output
    done = steps(db)
    assert all(s[0] == "done" for s in done.values())
    # every transaction copied exactly once: the cursor's count is the table's, no batch ran twice
    assert done["transactions_move"][1] == 20000
    assert done["personal_tenants"][1] == 50
    with db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM monay.transactions WHERE mirror_of IS NULL").fetchone()[0] == 20000
    assert cli(db, "verify", "--baseline", str(tmp_path / "b.json")).exit_code == 0


def test_plain_migrate_leaves_the_retrofit_to_legacy_migrate(db: Target) -> None:
    """On platform tables that hold rows, `monaydb migrate` does not start 006 (the long,
    batched retrofit with its backup belongs to `monaydb legacy migrate`)."""
    pre_tenancy(db)
    assert cli(db, "seed", "--users", "5", "--transactions", "50", "--seed", "1").exit_code == 0
    with pytest.raises(mig.MigrationError, match="run `monaydb legacy migrate`"):
        mig.migrate_up(db)
    assert "006_add_tenant_columns" not in mig.applied(db)
    r = cli(db, "migrate", "--no-backup", "--baseline", "/dev/null")
    assert r.exit_code == 0, r.output
    assert {"006_add_tenant_columns", "017_treasury_wallet_links"} <= set(mig.applied(db)), \
        "legacy migrate applies 006, then after its swap the migrations that need the final shape"
