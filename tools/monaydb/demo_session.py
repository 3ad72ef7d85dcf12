"""The demo's session: where it prints (sections, tables, amounts) and how it connects (the
demo database, as the platform or as a user with a minted token). Every story takes one.
"""

from __future__ import annotations

import secrets
from typing import Any

import psycopg
from psycopg.rows import dict_row
from rich.console import Console
from rich.rule import Rule
from rich.table import Table

from .database import Target
from .demo_fixtures import mint_token


def cents(v: Any) -> str:
    """An amount in cents as dollars ("$1,234.56", "-$0.49"), in integers."""
    n = int(v)
    return f"{'-' if n < 0 else ''}${abs(n) // 100:,}.{abs(n) % 100:02d}"


class Demo:
    """The server, the demo database once created, the JWT secret, and the ids the stories made."""

    def __init__(self, server: Target, console: Console) -> None:
        self.server = server
        self.console = console
        self.secret = secrets.token_urlsafe(48)
        self.users: dict[str, str] = {}
        self.tenants: dict[str, str] = {}
        self.target: Target | None = None

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
