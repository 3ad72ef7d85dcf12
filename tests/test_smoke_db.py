"""The pytest harness itself: a migrated clone per test, roles, the JWT secret."""

import psycopg

from monaydb.database import Target


def test_clone_is_migrated_and_private(db: Target) -> None:
    with db.connect() as conn:
        n = conn.execute("SELECT count(*) FROM monay.settings").fetchone()
        assert n is not None and n[0] >= 8
        conn.execute("INSERT INTO monay.users (email, display_name) VALUES ('x@example.test', 'x')")
        conn.commit()


def test_next_clone_does_not_see_previous_rows(db: Target) -> None:
    with db.connect() as conn:
        row = conn.execute("SELECT count(*) FROM monay.users WHERE email = 'x@example.test'").fetchone()
        assert row == (0,)


def test_app_login_sees_nothing_without_context(db: Target, app_login: str) -> None:
    with db.connect() as conn:
        conn.execute("INSERT INTO monay.users (email, display_name) VALUES ('y@example.test', 'y')")
        conn.commit()
    with psycopg.connect(db.with_dbname(db.dbname).conninfo + f" user={app_login}") as conn:
        assert conn.execute("SELECT count(*) FROM monay.users").fetchone() == (0,)
