"""monaydb.database.lose_deadlocks: a schema change (migrate_up's transaction, the legacy steps)
is the side that detects, and so loses, a deadlock with an application's transaction; its
caller retries it whole, the application's transaction goes on (the 2026-12-01 full-scale
retrofit run: the application writer got 40P01 during `legacy migrate`). Deterministic: the
application waits first (observed in pg_stat_activity), then the schema change closes the cycle
and finds it after DDL_DEADLOCK_TIMEOUT, long before the application's deadlock_timeout."""

from __future__ import annotations

import threading
from typing import Any

import psycopg
import pytest

from conftest import wait_until
from monaydb.database import Target, lose_deadlocks


def _waits_on_lock(watch: psycopg.Connection, pid: int) -> bool:
    row = watch.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s AND wait_event_type = 'Lock'",
                        [pid]).fetchone()
    return bool(row and row[0])


@pytest.fixture
def rows(db: Target) -> Target:
    with db.connect(autocommit=True) as conn:
        conn.execute("CREATE TABLE public.ld_rows (id integer PRIMARY KEY, v integer NOT NULL DEFAULT 0)")
        conn.execute("INSERT INTO public.ld_rows (id) VALUES (1), (2)")
    return db


def test_the_schema_change_loses_the_deadlock_and_the_application_goes_on(rows: Target) -> None:
    app = rows.connect()
    ddl = rows.connect()
    app.execute("UPDATE public.ld_rows SET v = v + 1 WHERE id = 1")
    lose_deadlocks(ddl.execute, transaction_only=True)
    ddl.execute("UPDATE public.ld_rows SET v = v + 10 WHERE id = 2")
    out: dict[str, Any] = {}

    def app_second() -> None:
        try:
            app.execute("UPDATE public.ld_rows SET v = v + 1 WHERE id = 2")
            app.commit()
            out["app"] = "committed"
        except psycopg.Error as exc:
            out["app"] = exc.sqlstate

    thread = threading.Thread(target=app_second)
    thread.start()
    with rows.connect(autocommit=True) as watch:
        wait_until(lambda: _waits_on_lock(watch, app.info.backend_pid))
    with pytest.raises(psycopg.errors.DeadlockDetected):
        ddl.execute("UPDATE public.ld_rows SET v = v + 10 WHERE id = 1")
    ddl.rollback()
    thread.join(timeout=30)
    assert out.get("app") == "committed", out
    with rows.connect() as conn:
        assert conn.execute("SELECT array_agg(v ORDER BY id) FROM public.ld_rows").fetchone()[0] == [1, 1]
    # SET LOCAL: gone with the schema change's transaction.
    assert ddl.execute("SHOW deadlock_timeout").fetchone()[0] == app.execute("SHOW deadlock_timeout").fetchone()[0]
    app.close()
    ddl.close()


def test_a_role_that_may_not_set_it_changes_nothing(rows: Target) -> None:
    with rows.connect() as conn:
        before = conn.execute("SHOW deadlock_timeout").fetchone()[0]
        conn.execute("CREATE ROLE ld_plain NOLOGIN")
        conn.execute("SET LOCAL ROLE ld_plain")
        lose_deadlocks(conn.execute, transaction_only=False)  # no error
        assert conn.execute("SHOW deadlock_timeout").fetchone()[0] == before
        conn.execute("RESET ROLE")
        lose_deadlocks(conn.execute, transaction_only=True)
        assert conn.execute("SHOW deadlock_timeout").fetchone()[0] == "50ms"
        conn.rollback()


def test_migrations_and_legacy_steps_use_it() -> None:
    """The two schema-change paths that retry a lost deadlock whole call it (a migration's
    rollback does not retry, so it keeps the server's deadlock_timeout)."""
    import inspect

    from monaydb import legacy, migrations

    def body(module: Any, name: str) -> str:
        text = inspect.getsource(module)
        start = text.index(f"\ndef {name}(")
        end = text.find("\ndef ", start + 1)
        return text[start:end if end > 0 else None]

    assert "lose_deadlocks(backend.execute, transaction_only=True)" in body(migrations, "migrate_up")
    assert "lose_deadlocks(conn.execute, transaction_only=False)" in body(legacy, "run_steps")
    assert "lose_deadlocks" not in body(migrations, "_rollback_one")
