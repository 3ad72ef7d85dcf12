"""MAX_TENANTS_PER_USER holds under concurrency: racing joins of one user are
serialised on the user's counter row, so exactly the limit succeed and the rest
get MT303, whichever path they take (the user accepting owners' invitations,
the platform adding the user, the user creating tenants). Owners' adds are
invitations (issue 16, item 6): they never count, however many race."""

from __future__ import annotations

import threading
import time
import uuid

import jwt
import psycopg
import pytest

from conftest import TEST_JWT_SECRET
from monaydb.database import Target

THREADS = 8


def _token(user: uuid.UUID, tenant: uuid.UUID) -> str:
    return jwt.encode({"sub": str(user), "tenant_id": str(tenant), "exp": int(time.time()) + 3600},
                      TEST_JWT_SECRET, algorithm="HS256")


def _setup(db: Target, n_tenants: int) -> tuple[int, uuid.UUID, list[tuple[uuid.UUID, uuid.UUID]]]:
    """The limit, a fresh user 'zoe', and n tenants (id, owner) she is not in."""
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        limit = int(conn.execute("SELECT (monay.get_setting('MAX_TENANTS_PER_USER') #>> '{}')::int").fetchone()[0])  # type: ignore[index]
        zoe = conn.execute("SELECT id FROM monay.create_user('zoe@example.test', 'Zoe')").fetchone()[0]  # type: ignore[index]
        tenants = []
        for i in range(n_tenants):
            owner = conn.execute("SELECT id FROM monay.create_user(%s, %s)",  # type: ignore[index]
                                 [f"owner{i}@example.test", f"owner {i}"]).fetchone()[0]
            tid = conn.execute("SELECT id FROM monay.create_tenant(%s, 'household', NULL, %s)",  # type: ignore[index]
                               [f"t{i}", owner]).fetchone()[0]
            tenants.append((tid, owner))
        conn.commit()
    return limit, zoe, tenants


def _race(n: int, work) -> list[str]:  # type: ignore[no-untyped-def]
    """Run work(i, barrier) in n threads released together; collect 'ok' or the SQLSTATE."""
    barrier = threading.Barrier(n)
    results: list[str] = [""] * n

    def run(i: int) -> None:
        try:
            work(i, barrier)
            results[i] = "ok"
        except psycopg.Error as exc:
            results[i] = exc.sqlstate or repr(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a racing transaction never finished"
    return results


def _active_memberships(db: Target, user: uuid.UUID) -> tuple[int, int]:
    with db.connect() as conn:  # superuser: the ground truth, no RLS
        rows = conn.execute("SELECT count(*) FROM monay.tenant_users WHERE user_id = %s AND status = 'active'",
                            [user]).fetchone()
        counter = conn.execute("SELECT active_tenants FROM monay_private.user_tenant_counts WHERE user_id = %s",
                               [user]).fetchone()
    assert rows is not None and counter is not None
    return int(rows[0]), int(counter[0])


@pytest.mark.parametrize("round_", range(2))
def test_owners_racing_to_add_one_user(db: Target, app_login: str, round_: int) -> None:
    """Owners racing to add zoe only invite her: nothing counts, nobody gets MT303. Then zoe
    accepts them all at once (from her home tenant): exactly the limit count."""
    limit, zoe, tenants = _setup(db, THREADS + 1)
    assert limit < THREADS
    home = tenants[THREADS][0]
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.add_tenant_member(%s, %s)", [home, zoe])  # somewhere to authenticate into
        conn.commit()

    def invite(i: int, barrier: threading.Barrier) -> None:
        tid, owner = tenants[i]
        with psycopg.connect(db.conninfo + f" user={app_login}") as conn:
            conn.execute("SELECT monay.authenticate(%s)", [_token(owner, tid)])
            barrier.wait()
            conn.execute("SELECT monay.add_tenant_member(%s, %s, 'member')", [tid, zoe])
            conn.commit()

    assert _race(THREADS, invite) == ["ok"] * THREADS
    assert _active_memberships(db, zoe) == (1, 1), "invitations do not count"

    def accept(i: int, barrier: threading.Barrier) -> None:
        with psycopg.connect(db.conninfo + f" user={app_login}") as conn:
            conn.execute("SELECT monay.authenticate(%s)", [_token(zoe, home)])
            barrier.wait()
            conn.execute("SELECT monay.accept_tenant_invitation(%s)", [tenants[i][0]])
            conn.commit()

    results = _race(THREADS, accept)
    assert results.count("ok") == limit - 1, results  # she already belongs to home
    assert results.count("MT303") == THREADS - (limit - 1), results
    assert _active_memberships(db, zoe) == (limit, limit)


def test_platform_racing_to_add_one_user(db: Target, platform_login: str) -> None:
    """The platform's adds are active at once: racing, exactly the limit succeed."""
    limit, zoe, tenants = _setup(db, THREADS)

    def work(i: int, barrier: threading.Barrier) -> None:
        with psycopg.connect(db.conninfo + f" user={platform_login}") as conn:
            conn.execute("SELECT monay.set_platform_context()")
            barrier.wait()
            conn.execute("SELECT monay.add_tenant_member(%s, %s, 'member')", [tenants[i][0], zoe])
            conn.commit()

    results = _race(THREADS, work)
    assert results.count("ok") == limit, results
    assert results.count("MT303") == THREADS - limit, results
    assert _active_memberships(db, zoe) == (limit, limit)


def test_a_user_racing_to_create_tenants(db: Target, app_login: str) -> None:
    limit, zoe, tenants = _setup(db, 1)
    home = tenants[0][0]
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.add_tenant_member(%s, %s)", [home, zoe])  # somewhere to authenticate into
        conn.commit()

    def work(i: int, barrier: threading.Barrier) -> None:
        with psycopg.connect(db.conninfo + f" user={app_login}") as conn:
            conn.execute("SELECT monay.authenticate(%s)", [_token(zoe, home)])
            barrier.wait()
            conn.execute("SELECT monay.create_tenant(%s, 'household')", [f"zoe {i}"])
            conn.commit()

    results = _race(THREADS, work)
    assert results.count("ok") == limit - 1, results  # she already belongs to one
    assert results.count("MT303") == THREADS - (limit - 1), results
    assert _active_memberships(db, zoe) == (limit, limit)


def test_concurrent_retries_with_one_idempotency_key_create_one_tenant(db: Target, app_login: str) -> None:
    _, zoe, tenants = _setup(db, 1)
    home = tenants[0][0]
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.add_tenant_member(%s, %s)", [home, zoe])
        conn.commit()
    made: list[uuid.UUID] = []

    def work(i: int, barrier: threading.Barrier) -> None:
        with psycopg.connect(db.conninfo + f" user={app_login}") as conn:
            conn.execute("SELECT monay.authenticate(%s)", [_token(zoe, home)])
            barrier.wait()
            row = conn.execute("SELECT id FROM monay.create_tenant('Zoe Shop', 'household', NULL, NULL, NULL, 'k-1')"
                               ).fetchone()
            conn.commit()
            assert row is not None
            made.append(row[0])

    results = _race(4, work)
    assert results == ["ok"] * 4
    assert len(set(made)) == 1, made
    assert _active_memberships(db, zoe) == (2, 2)  # home + the one new tenant
