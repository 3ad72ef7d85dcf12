"""Groups under concurrency, with real connections released together by a barrier (no sleeps).

- MAX_GROUP_MEMBERS: concurrent additions to one group never exceed it.
- The hierarchy: concurrent moves never create a cycle nor a tree deeper than
  GROUP_HIERARCHY_DEPTH, even when each move alone is allowed.
- Treasury grants: concurrent spends through one grant never exceed its limit.

Each worker is its own connection and transaction; a refused call is an exception whose
SQLSTATE is checked (40P01, a deadlock PostgreSQL broke, is a legitimate retryable outcome
of two movers locking two roots in opposite orders, and is counted as refused).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import psycopg

from monaydb.database import Target


def tenant(conn: psycopg.Connection, tier: str = "small_business") -> str:
    tid = str(uuid.uuid4())
    margin = {"free": 0, "small_business": 60, "enterprise": 70}[tier]
    conn.execute("INSERT INTO monay.tenants (id, name, billing_tier, gross_margin_percent) VALUES (%s, %s, %s, %s)",
                 [tid, f"g-{tid[:8]}", tier, margin])
    return tid


def platform(db: Target) -> psycopg.Connection:
    conn = db.connect(autocommit=True)
    return conn


def holding(conn: psycopg.Connection, owner: str, parent: str | None = None) -> str:
    with conn.transaction():
        conn.execute("SELECT monay.set_platform_context()")
        row = conn.execute("SELECT id FROM monay.create_holding_company(%s, '{}', %s, %s)",
                           [f"h-{owner[:8]}", owner, parent]).fetchone()
    assert row is not None
    return str(row[0])


def race(db: Target, calls: list[Callable[[psycopg.Connection], Any]]) -> list[Any]:
    """calls[i] on connection i, all released together, each in its own transaction."""
    conns = [db.connect(autocommit=True) for _ in calls]
    barrier = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def worker(i: int) -> None:
        try:
            with conns[i].transaction():
                barrier.wait()
                out[i] = calls[i](conns[i])
        except psycopg.Error as exc:
            out[i] = exc

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for c in conns:
        c.close()
    return out


def sqlstates(results: list[Any]) -> list[str]:
    return sorted("ok" if not isinstance(r, psycopg.Error) else str(r.sqlstate) for r in results)


def test_concurrent_additions_never_exceed_max_group_members(db: Target) -> None:
    with platform(db) as conn:
        with conn.transaction():
            conn.execute("SELECT monay.set_platform_context()")
            conn.execute("SELECT monay.set_setting('MAX_GROUP_MEMBERS', '5')")
        owner = tenant(conn, "enterprise")
        group = holding(conn, owner)  # 1 member: the owner
        members = [tenant(conn) for _ in range(8)]

    def add(member: str) -> Callable[[psycopg.Connection], Any]:
        def call(c: psycopg.Connection) -> Any:
            c.execute("SELECT monay.set_platform_context()")
            return c.execute("SELECT monay.add_group_member(%s, %s, 'subsidiary')", [group, member]).fetchone()
        return call

    results = race(db, [add(m) for m in members])
    assert sqlstates(results) == ["MG006"] * 4 + ["ok"] * 4
    with db.connect() as conn:
        count, stored = conn.execute(
            "SELECT (SELECT count(*) FROM monay.group_members WHERE group_id = %s),"
            " (SELECT member_count FROM monay.groups WHERE id = %s)", [group, group]).fetchone()  # type: ignore[misc]
    assert (count, stored) == (5, 5)


def _depth_and_cycles(db: Target) -> tuple[int, int]:
    """(deepest group, groups that are their own ancestor) from the parent links alone."""
    with db.connect() as conn:
        row = conn.execute("""
            WITH RECURSIVE up (start, id, parent, depth, cycle) AS (
                SELECT g.id, g.id, g.parent_id, 1, false FROM monay.groups g
                UNION ALL
                SELECT u.start, p.id, p.parent_id, u.depth + 1, p.id = u.start
                FROM up u JOIN monay.groups p ON p.id = u.parent
                WHERE NOT u.cycle AND u.depth < 50)
            SELECT max(depth), count(*) FILTER (WHERE cycle) FROM up""").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def test_concurrent_moves_cannot_create_a_cycle(db: Target) -> None:
    for _ in range(5):
        with platform(db) as conn:
            own = tenant(conn, "enterprise")
            a = holding(conn, own)
            b = holding(conn, own)

        def move(g: str, parent: str) -> Callable[[psycopg.Connection], Any]:
            def call(c: psycopg.Connection) -> Any:
                c.execute("SELECT monay.set_platform_context()")
                return c.execute("SELECT monay.move_group(%s, %s)", [g, parent]).fetchone()
            return call

        results = race(db, [move(a, b), move(b, a)])
        states = sqlstates(results)
        assert states.count("ok") == 1, states
        assert set(states) <= {"ok", "MG005", "40P01"}, states
        assert _depth_and_cycles(db)[1] == 0


def test_concurrent_moves_cannot_exceed_the_depth(db: Target) -> None:
    # P1 <- P2 <- P3 (depth 3), Q1 <- Q2 (height 1), R1 <- R2 (height 1). Alone, Q1 under P3 ends
    # at depth 5 and P1 under R2 at depth 5; together Q2 would be at depth 7.
    for _ in range(5):
        with platform(db) as conn:
            own = tenant(conn, "enterprise")
            p1 = holding(conn, own)
            p2 = holding(conn, own, p1)
            p3 = holding(conn, own, p2)
            q1 = holding(conn, own)
            holding(conn, own, q1)
            r1 = holding(conn, own)
            r2 = holding(conn, own, r1)

        def move(g: str, parent: str) -> Callable[[psycopg.Connection], Any]:
            def call(c: psycopg.Connection) -> Any:
                c.execute("SELECT monay.set_platform_context()")
                return c.execute("SELECT monay.move_group(%s, %s)", [g, parent]).fetchone()
            return call

        results = race(db, [move(q1, p3), move(p1, r2)])
        states = sqlstates(results)
        assert states.count("ok") == 1, states
        assert set(states) <= {"ok", "MG004", "40P01"}, states
        depth, cycles = _depth_and_cycles(db)
        assert depth <= 5 and cycles == 0


def test_concurrent_spends_never_exceed_the_grant(db: Target) -> None:
    with platform(db) as conn:
        owner_user = str(uuid.uuid4())
        conn.execute("INSERT INTO monay.users (id, email, display_name) VALUES (%s, %s, 'treasurer')",
                     [owner_user, f"{owner_user[:8]}@example.test"])
        owner = tenant(conn, "enterprise")
        wallet = conn.execute("INSERT INTO monay.wallets (tenant_id, user_id) VALUES (%s, %s) RETURNING id",
                              [owner, owner_user]).fetchone()[0]  # type: ignore[index]
        sub = tenant(conn)
        group = holding(conn, owner)
        with conn.transaction():
            conn.execute("SELECT monay.set_platform_context()")
            conn.execute("SELECT monay.add_group_member(%s, %s, 'subsidiary')", [group, sub])
            grant = conn.execute(
                "SELECT id FROM monay.share_treasury_access(%s, %s, %s, 'spend', 1000, now() + interval '1 day')",
                [group, wallet, sub]).fetchone()[0]  # type: ignore[index]

    def spend(c: psycopg.Connection) -> Any:
        c.execute("SELECT monay.set_tenant_context(%s)", [sub])  # the grantee (a job inside it)
        return c.execute("SELECT monay_private.treasury_grant_spend(%s, 150)", [grant]).fetchone()

    results = race(db, [spend] * 10)
    assert sqlstates(results) == ["MG016"] * 4 + ["ok"] * 6
    with db.connect() as conn:
        spent = conn.execute("SELECT spent_cents FROM monay.treasury_access_grants WHERE id = %s",
                             [grant]).fetchone()[0]  # type: ignore[index]
    assert spent == 900
