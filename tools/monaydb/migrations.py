"""Versioned migrations (yoyo) and the re-applied function files.

A migration and its yoyo bookkeeping commit in one transaction, so a failed or
killed migration leaves nothing behind and is simply applied again next time.
After the migrations, every file in `sql/functions/` is re-applied in a single
transaction as `monay_owner` (CREATE OR REPLACE), even when nothing was pending.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
from yoyo import get_backend, read_migrations
from yoyo.migrations import MigrationList

from .cluster import ROOT
from .database import Target

SQL_DIR = Path(os.environ.get("MONAYDB_SQL_DIR", str(ROOT / "sql")))
MIGRATIONS_DIR = SQL_DIR / "migrations"
FUNCTIONS_DIR = SQL_DIR / "functions"
MIGRATION_TABLE = "_yoyo_migration"


class MigrationError(RuntimeError):
    """A migration or function file failed; one line naming the file and the error."""


@dataclass
class MigrationRow:
    id: str
    applied_at: datetime | None
    has_rollback: bool


def _pg_error(exc: BaseException) -> str:
    if isinstance(exc, psycopg.Error) and exc.diag.message_primary:
        where = f" ({exc.diag.sqlstate})" if exc.diag.sqlstate else ""
        return f"{exc.diag.message_primary}{where}"
    return str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)


@contextmanager
def _backend(target: Target):  # type: ignore[no-untyped-def]
    """yoyo's backend, its connection closed on leaving: left to the garbage collector it
    lingered, and a database with a session cannot be a template (monaydb test's clones)."""
    try:
        backend = get_backend(target.yoyo_url(), migration_table=MIGRATION_TABLE)
    except psycopg.OperationalError as exc:
        raise MigrationError(f"cannot connect to {target.describe()}: {_pg_error(exc)}") from None
    try:
        yield backend
    finally:
        backend.connection.close()


def _migrations() -> MigrationList:
    return read_migrations(str(MIGRATIONS_DIR))


def function_files() -> list[Path]:
    return sorted(FUNCTIONS_DIR.rglob("*.sql"))


def pending(target: Target) -> list[str]:
    with _backend(target) as backend:
        return [m.id for m in backend.to_apply(_migrations())]


def applied(target: Target) -> list[str]:
    with _backend(target) as backend:
        return [m.id for m in backend.to_rollback(_migrations())][::-1]


def migrate_up(target: Target, to: str | None = None) -> list[str]:
    """Apply pending migrations one by one, each atomic with its bookkeeping; stop after `to`."""
    with _backend(target) as backend:
        migrations = _migrations()
        if to is not None and to not in {m.id for m in migrations}:
            raise MigrationError(f"unknown migration id {to!r}")
        done: list[str] = []
        with backend.lock():
            for migration in backend.to_apply(migrations):
                try:
                    with backend.transaction():
                        migration.process_steps(backend, "apply")
                        backend.execute("RESET ROLE")  # a migration may SET LOCAL ROLE
                        backend.log_migration(migration, "apply")
                        backend.mark_one(migration, log=False)
                except Exception as exc:  # noqa: BLE001 - reported with the file name
                    raise MigrationError(f"{migration.id}.sql: {_pg_error(exc)}") from None
                done.append(migration.id)
                if migration.id == to:
                    break
        return done


def migrate_down(target: Target, to: str | None = None, all_: bool = False) -> list[str]:
    """Roll back the last applied migration, or down to (excluding) `to`, or all of them."""
    with _backend(target) as backend:
        migrations = _migrations()
        known = {m.id for m in migrations}
        if to is not None and to not in known:
            raise MigrationError(f"unknown migration id {to!r}")
        done: list[str] = []
        with backend.lock():
            for migration in backend.to_rollback(migrations):
                if to is not None and migration.id == to:
                    break
                try:
                    with backend.transaction():
                        migration.process_steps(backend, "rollback")
                        backend.execute("RESET ROLE")
                        backend.log_migration(migration, "rollback")
                        backend.unmark_one(migration, log=False)
                except Exception as exc:  # noqa: BLE001
                    raise MigrationError(f"{migration.id}.rollback.sql: {_pg_error(exc)}") from None
                done.append(migration.id)
                if to is None and not all_:
                    break
        return done


def status(target: Target) -> list[MigrationRow]:
    with _backend(target) as backend:
        applied_at: dict[str, datetime] = {}
        rows = backend.execute(
            f"SELECT migration_id, applied_at_utc FROM {MIGRATION_TABLE}"
        ).fetchall()
        for mid, when in rows:
            applied_at[mid] = when
        return [
            MigrationRow(m.id, applied_at.get(m.id), Path(m.path[:-4] + ".rollback.sql").exists())
            for m in _migrations()
        ]


def apply_functions(target: Target) -> int:
    """Re-apply every function file in one transaction as monay_owner."""
    files = function_files()
    with target.connect() as conn:
        try:
            with conn.transaction():
                conn.execute("SET LOCAL ROLE monay_owner")
                # Bodies are checked by `monaydb lint` (plpgsql_check); here the
                # order of files must not matter.
                conn.execute("SET LOCAL check_function_bodies = off")
                for path in files:
                    try:
                        conn.execute(path.read_text())  # type: ignore[arg-type]
                    except psycopg.Error as exc:
                        rel = path.relative_to(SQL_DIR.parent)
                        raise MigrationError(f"{rel}: {_pg_error(exc)}") from None
        except psycopg.Error as exc:
            raise MigrationError(f"sql/functions: {_pg_error(exc)}") from None
    return len(files)
