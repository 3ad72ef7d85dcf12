"""`monaydb demo`: the main job, end to end, printed.

Migration status and settings of the target, then a fresh `monay_demo`
database: users and tenants on every tier, authentication and context
switching, isolation between tenants, a month of tracked operations, the
monthly billing run, the bills (with the USDXM price) and one payment.

Everything that decides anything happens in SQL; this file only calls the
functions an application or a platform job would call, in the roles they
would use (`monay_app`, `monay_platform`), and prints what comes back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from datetime import UTC, date, datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row
from rich.console import Console
from rich.rule import Rule
from rich.table import Table

from . import migrations as mig
from .database import Target, create_database, drop_database
from .demo_vault import vault_story
from .site import configure_site

DEMO_DB = os.environ.get("MONAYDB_DEMO_DB", "monay_demo")  # tests use a name of their own

USERS = [  # email, display name, user type
    ("alice@demo.monay", "Alice Doe", "individual"),
    ("bob@demo.monay", "Bob's Bikes", "business"),
    ("carol@demo.monay", "Carol Corp CFO", "business"),
    ("dan@demo.monay", "Dan Doe", "individual"),
]
TENANTS = [  # key, name, tenant type, tier, owner email
    ("alice", "Alice (personal)", "individual", "free", "alice@demo.monay"),
    ("doe", "The Doe household", "household", "free", "alice@demo.monay"),
    ("bikes", "Bob's Bikes LLC", "small_business", "small_business", "bob@demo.monay"),
    ("corp", "Carol Corp", "enterprise", "enterprise", "carol@demo.monay"),
]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint_token(secret: str, user_id: str, tenant_id: str, ttl: int = 3600) -> str:
    """An HS256 JWT as the application's auth server would mint it."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps({"sub": user_id, "tenant_id": tenant_id,
                               "exp": int(time.time()) + ttl}).encode())
    sig = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(sig)}"


def previous_month(today: date | None = None) -> date:
    today = today or datetime.now(UTC).date()
    first = today.replace(day=1)
    return (first.replace(year=first.year - 1, month=12) if first.month == 1
            else first.replace(month=first.month - 1))


class Demo:
    def __init__(self, server: Target, console: Console) -> None:
        self.server = server
        self.console = console
        self.secret = secrets.token_urlsafe(48)
        self.users: dict[str, str] = {}
        self.tenants: dict[str, str] = {}
        self.target: Target | None = None

    # --- plumbing -------------------------------------------------------------------------

    def section(self, title: str) -> None:
        self.console.print()
        self.console.print(Rule(f"[bold]{title}"))

    def table(self, title: str, rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
        t = Table(title=title, title_justify="left")
        cols = columns or (list(rows[0].keys()) if rows else [])
        for c in cols:
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in cols])
        self.console.print(t)

    def conn(self) -> psycopg.Connection:
        assert self.target is not None
        return self.target.connect(row_factory=dict_row)

    def as_platform(self, conn: psycopg.Connection) -> None:
        conn.execute("SET LOCAL ROLE monay_platform")
        conn.execute("SELECT monay.set_platform_context()")

    def as_user(self, conn: psycopg.Connection, email: str, tenant: str) -> dict[str, Any]:
        conn.execute("SET LOCAL ROLE monay_app")
        token = mint_token(self.secret, self.users[email], self.tenants[tenant])
        row = conn.execute("SELECT monay.authenticate(%s) AS ctx", [token]).fetchone()
        assert row is not None
        return dict(row["ctx"])

    # --- the story ------------------------------------------------------------------------

    def migrations(self) -> None:
        self.section("1. Migrations and settings of the target database")
        rows = mig.status(self.server)
        self.table(f"migrations ({self.server.describe()})",
                   [{"id": r.id, "applied at (UTC)": r.applied_at.strftime("%Y-%m-%d %H:%M:%S")
                     if r.applied_at else "pending", "rollback": "yes" if r.has_rollback else "MISSING"}
                    for r in rows])
        with self.server.connect(row_factory=dict_row) as conn:
            settings = conn.execute("SELECT key, value::text AS value FROM monay.settings ORDER BY key").fetchall()
        self.table("monay.settings", settings)

    def fresh_database(self) -> None:
        self.section(f"2. A fresh demo database: {DEMO_DB}")
        existing = self.server.with_dbname(DEMO_DB)
        drop_database(existing)
        self.target = create_database(self.server, DEMO_DB, exact=True)
        done = mig.migrate_up(self.target)
        n = mig.apply_functions(self.target)
        d = mig.apply_demo(self.target)
        configure_site(self.target)
        self.console.print(f"migrated {DEMO_DB}: {', '.join(done)}; {n} function files; "
                           f"{d} demo-only files (schema monay_demo, this database only)")

    def provision(self) -> None:
        self.section("3. Provisioning: users sign up, the platform creates their tenants")
        with self.conn() as conn:
            with conn.transaction():
                self.as_platform(conn)
                conn.execute("SELECT monay.set_jwt_secret(%s)", [self.secret])
            for email, name, kind in USERS:
                with conn.transaction():
                    conn.execute("SET LOCAL ROLE monay_app")  # sign-up needs no context
                    row = conn.execute("SELECT (monay.create_user(%s, %s, %s)).id", [email, name, kind]).fetchone()
                    assert row is not None
                    self.users[email] = str(row["id"])
            created = []
            for key, name, kind, tier, owner in TENANTS:
                with conn.transaction():
                    self.as_platform(conn)
                    row = conn.execute(
                        "SELECT id, tenant_code, name, tenant_type, billing_tier, gross_margin_percent"
                        " FROM monay.create_tenant(%s, %s, %s, %s)",
                        [name, kind, tier, self.users[owner]]).fetchone()
                    assert row is not None
                    self.tenants[key] = str(row["id"])
                    created.append(row)
            with conn.transaction():  # Dan joins the Doe household, added by its owner Alice
                self.as_user(conn, "alice@demo.monay", "doe")
                conn.execute("SELECT monay.add_tenant_member(%s, %s, 'member')",
                             [self.tenants["doe"], self.users["dan@demo.monay"]])
        self.table("tenants", [{"code": r["tenant_code"], "name": r["name"], "type": r["tenant_type"],
                                "tier": r["billing_tier"], "margin %": r["gross_margin_percent"]}
                               for r in created])
        self.backdate(previous_month())

    def backdate(self, since: date) -> None:
        """Demo only: let the tenants have signed up on `since`, so that last month is a full month.

        Done as the superuser, outside every API, on the demo database only (like a
        data migration of existing customers would); the billing then sees a whole month.
        """
        with self.conn() as conn, conn.transaction():
            conn.execute("SELECT monay_demo.backdate_tenants(%s, %s)", [list(self.tenants.values()), since])
        self.console.print(f"(demo only: these tenants are backdated to {since}, as if they had signed up "
                           "then, so that last month is a full month of billing)")

    def context(self) -> None:
        self.section("4. Context: a request authenticates, lists its tenants, switches")
        with self.conn() as conn, conn.transaction():
            ctx = self.as_user(conn, "alice@demo.monay", "alice")
            self.console.print(f"alice authenticated into [bold]{ctx['tenant_code']}[/] as {ctx['role']}")
            rows = conn.execute("SELECT tenant_code, name, tenant_type, billing_tier, role, is_current"
                                " FROM monay.list_user_tenants()").fetchall()
            self.table("monay.list_user_tenants() for alice", rows)
            sw = conn.execute("SELECT monay.switch_tenant(%s) AS s", [self.tenants["doe"]]).fetchone()
            assert sw is not None
            members = conn.execute("SELECT u.display_name, tu.role FROM monay.tenant_users tu"
                                   " JOIN monay.users u ON u.id = tu.user_id ORDER BY 1").fetchall()
            self.console.print(f"switched to [bold]{sw['s']['tenant_code']}[/]; its members: "
                               + ", ".join(f"{m['display_name']} ({m['role']})" for m in members))

    def isolation(self) -> None:
        self.section("5. Isolation: bob's tenant sees nothing of the others")
        with self.conn() as conn:
            with conn.transaction():
                self.as_user(conn, "bob@demo.monay", "bikes")
                counts = conn.execute(
                    "SELECT (SELECT count(*) FROM monay.tenants) AS tenants,"
                    " (SELECT count(*) FROM monay.tenant_users) AS memberships,"
                    " (SELECT count(*) FROM monay.users) AS users,"
                    " (SELECT count(*) FROM monay.audit_log) AS audit_rows").fetchone()
                assert counts is not None
                self.console.print(f"bob in Bob's Bikes sees {counts['tenants']} tenant, "
                                   f"{counts['memberships']} membership, {counts['users']} user, "
                                   f"{counts['audit_rows']} audit rows (all of its own tenant)")
            try:
                with conn.transaction():
                    self.as_user(conn, "bob@demo.monay", "bikes")
                    conn.execute("SELECT monay.switch_tenant(%s)", [self.tenants["corp"]])
            except psycopg.Error as exc:
                self.console.print(f"bob switching to Carol Corp: refused, SQLSTATE {exc.sqlstate}: "
                                   f"{exc.diag.message_primary}")
            with conn.transaction():
                conn.execute("SET LOCAL ROLE monay_app")
                conn.execute("SELECT set_config('monay.tenant_id', %s, true),"
                             " set_config('monay.context_signature', 'forged', true)", [self.tenants["corp"]])
                forged = conn.execute("SELECT count(*) AS n FROM monay.tenants").fetchone()
                assert forged is not None
                self.console.print(f"a context forged with set_config sees {forged['n']} tenants")
            with conn.transaction():
                self.as_platform(conn)
                events = conn.execute(
                    "SELECT occurred_at::time(0) AS at, action, detail->>'reason' AS reason FROM monay.audit_log"
                    " WHERE action IN ('auth_refused', 'switch_refused') ORDER BY id").fetchall()
            self.table("refusals recorded durably (they survived the caller's rollback)", events)

    def run(self, with_billing: bool = True) -> None:
        self.migrations()
        self.fresh_database()
        self.provision()
        self.context()
        self.isolation()
        if with_billing:
            from .demo_billing import billing_story

            billing_story(self)
            from .demo_groups import groups_story

            groups_story(self)
        vault_story(self)
        self.console.print()
        assert self.target is not None
        self.console.print(f"The demo database stays for you to explore: psql '{self.target.conninfo}'")
