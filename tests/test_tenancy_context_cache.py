"""The context cache (migration 021) across transactions and sessions, where pgTAP cannot go:
a context replayed in the next transaction with the cache marker on (the cache still holds its
digest: the transaction start in the digest must refuse it), a forged marker in a session
where no context was ever set (currval undefined: an error, never rows), a context copied
to another backend, and a read-only transaction (no setval there: the HMAC decides)."""

from __future__ import annotations

import psycopg
import pytest

from monaydb.database import Target
from test_tenancy_context import current_tenant, provision, raw_context, replay, visible_tenants

MARKER = "monay.context_cache"


def _cached(conn: psycopg.Connection) -> bool:
    """True when this session's cache holds the digest of its current settings."""
    row = conn.execute(
        "SELECT int8send(currval('monay.context_cache_seq'))"
        " = monay.context_cache_digest(current_setting('monay.tenant_id'),"
        " current_setting('monay.user_id'), current_setting('monay.platform'),"
        " current_setting('monay.context_signature'))").fetchone()
    assert row is not None
    return bool(row[0])


def test_a_replayed_context_with_the_marker_opens_nothing_in_the_next_transaction(db: Target, app_login: str) -> None:
    t = provision(db, "a")
    with psycopg.connect(db.conninfo + f" user={app_login}") as conn:
        conn.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
        assert _cached(conn)
        stolen = raw_context(conn)
        conn.commit()
        # Same backend, the cache (currval) still holds this context's digest of the last
        # transaction: the settings and the marker put back by hand must not match it.
        replay(conn, {**stolen, MARKER: "on"})
        assert not _cached(conn)
        assert current_tenant(conn) is None
        assert visible_tenants(conn) == set()
        conn.rollback()
        # Session-level settings (set_config(..., false)) do not help either.
        replay(conn, {**stolen, MARKER: "on"}, is_local=False)
        assert current_tenant(conn) is None
        assert visible_tenants(conn) == set()
        conn.rollback()


def test_a_forged_marker_in_a_fresh_session_fails_closed(db: Target, app_login: str) -> None:
    t = provision(db, "a")
    with psycopg.connect(db.conninfo + f" user={app_login}") as thief:
        thief.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
        stolen = raw_context(thief)
        thief.rollback()
    with psycopg.connect(db.conninfo + f" user={app_login}") as conn:
        replay(conn, {**stolen, MARKER: "on"})
        with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):  # 55000: currval not yet defined
            visible_tenants(conn)
        conn.rollback()
        # without the marker, the HMAC decides: nothing
        replay(conn, stolen)
        assert visible_tenants(conn) == set()
        conn.rollback()


def test_a_context_copied_to_another_backend_with_its_cache_opens_nothing(db: Target, app_login: str) -> None:
    t = provision(db, "a", "b")
    with psycopg.connect(db.conninfo + f" user={app_login}") as victim, \
            psycopg.connect(db.conninfo + f" user={app_login}") as thief:
        victim.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
        stolen = raw_context(victim)
        thief.execute("SELECT monay.authenticate(%s)", [t["b"].token()])  # the thief's own cache is live
        replay(thief, {**stolen, MARKER: "on"})
        assert current_tenant(thief) is None
        assert visible_tenants(thief) == set()
        assert visible_tenants(victim) == {t["a"].id}
        thief.rollback()
        victim.rollback()


def test_a_read_only_transaction_authenticates_without_the_cache(db: Target, app_login: str) -> None:
    t = provision(db, "a", "b")
    with psycopg.connect(db.conninfo + f" user={app_login}") as conn:
        conn.execute("SET TRANSACTION READ ONLY")
        conn.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
        assert conn.execute("SELECT current_setting(%s, true)", [MARKER]).fetchone()[0] in (None, "")  # type: ignore[index]
        assert visible_tenants(conn) == {t["a"].id}
        conn.execute("SELECT set_config('monay.tenant_id', %s, true)", [str(t["b"].id)])
        assert visible_tenants(conn) == set()
        conn.rollback()
        # A read-write login, then the transaction turned read-only: a later switch cannot update
        # the cache, whose stale digest then simply does not match (the HMAC decides).
        conn.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
        conn.execute("SET TRANSACTION READ ONLY")
        conn.execute("SELECT monay.authenticate(%s)", [t["b"].token()])
        assert not _cached(conn)
        assert visible_tenants(conn) == {t["b"].id}
        conn.rollback()
