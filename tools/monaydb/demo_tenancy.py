"""The tenancy part of `monaydb demo` (sections 1 to 5): the target's migrations and settings, a
fresh demo database, users and their tenants provisioned by the platform, a request's context
and tenant switch, and the isolation between tenants (with the refusals recorded durably).

Only calls what an application or the platform would (monay.create_user, monay.create_tenant,
monay.authenticate, monay.switch_tenant, ...), in their roles; the backdating is demo-only
(monay_demo.backdate_tenants, loaded into the demo database only).
"""

from __future__ import annotations

from datetime import date

import psycopg
from psycopg.rows import dict_row

from . import migrations as mig
from .database import create_database, drop_database
from .demo_fixtures import DEMO_DB, TENANTS, USERS, previous_month
from .demo_session import Demo
from .site import configure_site


def migrations(demo: Demo) -> None:
    demo.section("1. Migrations and settings of the target database")
    rows = mig.status(demo.server)
    demo.table(f"migrations ({demo.server.describe()})",
               [{"id": r.id, "applied at (UTC)": r.applied_at.strftime("%Y-%m-%d %H:%M:%S")
                 if r.applied_at else "pending", "rollback": "yes" if r.has_rollback else "MISSING"}
                for r in rows])
    with demo.server.connect(row_factory=dict_row) as conn:
        settings = conn.execute("SELECT key, value::text AS value FROM monay.settings ORDER BY key").fetchall()
    demo.table("monay.settings", settings)


def fresh_database(demo: Demo) -> None:
    demo.section(f"2. A fresh demo database: {DEMO_DB}")
    existing = demo.server.with_dbname(DEMO_DB)
    drop_database(existing)
    demo.target = create_database(demo.server, DEMO_DB, exact=True)
    done = mig.migrate_up(demo.target)
    n = mig.apply_functions(demo.target)
    d = mig.apply_demo(demo.target)
    configure_site(demo.target)
    demo.console.print(f"migrated {DEMO_DB}: {', '.join(done)}; {n} function files; "
                       f"{d} demo-only files (schema monay_demo, this database only)")


def provision(demo: Demo) -> None:
    demo.section("3. Provisioning: users sign up, the platform creates their tenants")
    with demo.conn() as conn:
        with conn.transaction():
            demo.as_platform(conn)
            conn.execute("SELECT monay.set_jwt_secret(%s)", [demo.secret])
        for email, name, kind in USERS:
            with conn.transaction():
                conn.execute("SET LOCAL ROLE monay_app")  # sign-up needs no context
                row = conn.execute("SELECT (monay.create_user(%s, %s, %s)).id", [email, name, kind]).fetchone()
                assert row is not None
                demo.users[email] = str(row["id"])
        created = []
        for key, name, kind, tier, owner in TENANTS:
            with conn.transaction():
                demo.as_platform(conn)
                row = conn.execute(
                    "SELECT id, tenant_code, name, tenant_type, billing_tier, gross_margin_percent"
                    " FROM monay.create_tenant(%s, %s, %s, %s)",
                    [name, kind, tier, demo.users[owner]]).fetchone()
                assert row is not None
                demo.tenants[key] = str(row["id"])
                created.append(row)
        with conn.transaction():  # Dan joins the Doe household, added by its owner Alice
            demo.as_user(conn, "alice@demo.monay", "doe")
            conn.execute("SELECT monay.add_tenant_member(%s, %s, 'member')",
                         [demo.tenants["doe"], demo.users["dan@demo.monay"]])
    demo.table("tenants", [{"code": r["tenant_code"], "name": r["name"], "type": r["tenant_type"],
                            "tier": r["billing_tier"], "margin %": r["gross_margin_percent"]}
                           for r in created])
    backdate(demo, previous_month())


def backdate(demo: Demo, since: date) -> None:
    """Demo only: let the tenants have signed up on `since`, so that last month is a full month.

    Done as the superuser, outside every API, on the demo database only (like a
    data migration of existing customers would); the billing then sees a whole month.
    """
    with demo.conn() as conn, conn.transaction():
        conn.execute("SELECT monay_demo.backdate_tenants(%s, %s)", [list(demo.tenants.values()), since])
    demo.console.print(f"(demo only: these tenants are backdated to {since}, as if they had signed up "
                       "then, so that last month is a full month of billing)")


def context(demo: Demo) -> None:
    demo.section("4. Context: a request authenticates, lists its tenants, switches")
    with demo.conn() as conn, conn.transaction():
        ctx = demo.as_user(conn, "alice@demo.monay", "alice")
        demo.console.print(f"alice authenticated into [bold]{ctx['tenant_code']}[/] as {ctx['role']}")
        rows = conn.execute("SELECT tenant_code, name, tenant_type, billing_tier, role, is_current"
                            " FROM monay.list_user_tenants()").fetchall()
        demo.table("monay.list_user_tenants() for alice", rows)
        sw = conn.execute("SELECT monay.switch_tenant(%s) AS s", [demo.tenants["doe"]]).fetchone()
        assert sw is not None
        members = conn.execute("SELECT u.display_name, tu.role FROM monay.tenant_users tu"
                               " JOIN monay.users u ON u.id = tu.user_id ORDER BY 1").fetchall()
        demo.console.print(f"switched to [bold]{sw['s']['tenant_code']}[/]; its members: "
                           + ", ".join(f"{m['display_name']} ({m['role']})" for m in members))


def isolation(demo: Demo) -> None:
    demo.section("5. Isolation: bob's tenant sees nothing of the others")
    with demo.conn() as conn:
        with conn.transaction():
            demo.as_user(conn, "bob@demo.monay", "bikes")
            counts = conn.execute(
                "SELECT (SELECT count(*) FROM monay.tenants) AS tenants,"
                " (SELECT count(*) FROM monay.tenant_users) AS memberships,"
                " (SELECT count(*) FROM monay.users) AS users,"
                " (SELECT count(*) FROM monay.audit_log) AS audit_rows").fetchone()
            assert counts is not None
            demo.console.print(f"bob in Bob's Bikes sees {counts['tenants']} tenant, "
                               f"{counts['memberships']} membership, {counts['users']} user, "
                               f"{counts['audit_rows']} audit rows (all of its own tenant)")
        try:
            with conn.transaction():
                demo.as_user(conn, "bob@demo.monay", "bikes")
                conn.execute("SELECT monay.switch_tenant(%s)", [demo.tenants["corp"]])
        except psycopg.Error as exc:
            demo.console.print(f"bob switching to Carol Corp: refused, SQLSTATE {exc.sqlstate}: "
                               f"{exc.diag.message_primary}")
        with conn.transaction():
            conn.execute("SET LOCAL ROLE monay_app")
            conn.execute("SELECT set_config('monay.tenant_id', %s, true),"
                         " set_config('monay.context_signature', 'forged', true)", [demo.tenants["corp"]])
            forged = conn.execute("SELECT count(*) AS n FROM monay.tenants").fetchone()
            assert forged is not None
            demo.console.print(f"a context forged with set_config sees {forged['n']} tenants")
        with conn.transaction():
            demo.as_platform(conn)
            events = conn.execute(
                "SELECT occurred_at::time(0) AS at, action, detail->>'reason' AS reason FROM monay.audit_log"
                " WHERE action IN ('auth_refused', 'switch_refused') ORDER BY id").fetchall()
        demo.table("refusals recorded durably (they survived the caller's rollback)", events)


def tenancy_story(demo: Demo) -> None:
    """Sections 1 to 5, in order."""
    migrations(demo)
    fresh_database(demo)
    provision(demo)
    context(demo)
    isolation(demo)
