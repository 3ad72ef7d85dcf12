"""Versioned migrations (yoyo) and the re-applied function files.

A migration and its yoyo bookkeeping commit in one transaction, so a failed or
killed migration leaves nothing behind and is simply applied again next time.
After the migrations, every file in `sql/functions/` is re-applied in a single
transaction as `monay_owner` (CREATE OR REPLACE), even when nothing was pending.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import psycopg.sql
from yoyo import get_backend, read_migrations
from yoyo.migrations import MigrationList

from .cluster import ROOT
from .database import Target, lose_deadlocks

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
def _privileged(target: Target) -> Iterator[None]:
    """A role that may not run migrations gets one line naming the role it needs."""
    try:
        yield
    except psycopg.errors.InsufficientPrivilege as exc:
        user = target.params.get("user") or os.environ.get("PGUSER") or "the connecting role"
        raise MigrationError(
            f"{user} may not run migrations on {target.describe()} ({_pg_error(exc)}): connect as a "
            "superuser (e.g. postgres): migrations create extensions, roles and yoyo's tables") from None


@contextmanager
def _backend(target: Target) -> Iterator[Any]:
    """yoyo's backend for the target; its connection is closed at the end of the block
    (a connection left open would, e.g., keep a template database from being cloned)."""
    try:
        with _privileged(target):
            backend = get_backend(target.yoyo_url(), migration_table=MIGRATION_TABLE)
    except psycopg.OperationalError as exc:
        raise MigrationError(f"cannot connect to {target.describe()}: {_pg_error(exc)}") from None
    try:
        yield backend
    finally:
        backend.connection.close()


def _guarded(fn: Callable[..., object]) -> Callable[..., object]:
    def wrapper(target: Target, *args: object, **kwargs: object) -> object:
        with _privileged(target):
            return fn(target, *args, **kwargs)
    wrapper.__doc__, wrapper.__name__ = fn.__doc__, fn.__name__
    return wrapper


# pg_partman: migration 005 calls create_parent(p_type := 'native', p_interval := 'monthly'),
# the 4.x interface; 5.x removed both values. Applied migrations never change meaning, so
# instead of a second code path that no test here could run, the range is checked up front.
PARTMAN_MIGRATION = "005_billing_infrastructure"
PARTMAN_SUPPORTED = "4.7 to 4.x"


def partman_supported(version: str) -> bool:
    m = re.match(r"^(\d+)\.(\d+)", version)
    return bool(m) and int(m[1]) == 4 and int(m[2]) >= 7  # type: ignore[index]


def check_partman(target: Target) -> None:
    """One line when the server's pg_partman (installed, else the default it would install)
    is outside the supported range."""
    with target.connect() as conn:
        row = conn.execute(
            "SELECT (SELECT extversion FROM pg_extension WHERE extname = 'pg_partman'), "
            "(SELECT default_version FROM pg_available_extensions WHERE name = 'pg_partman')").fetchone()
    installed, available = row if row else (None, None)
    version = installed or available
    if version is None:
        raise MigrationError(f"pg_partman is not available on {target.describe()}: install pg_partman "
                             f"{PARTMAN_SUPPORTED} (Debian: postgresql-15-partman)")
    if not partman_supported(version):
        how = "is installed" if installed else "would be installed"
        raise MigrationError(f"pg_partman {version} {how} on {target.describe()}, but Monay DB supports "
                             f"pg_partman {PARTMAN_SUPPORTED} (migration {PARTMAN_MIGRATION} uses its "
                             "create_parent(p_type := 'native')): install a 4.x release")


def _migrations() -> MigrationList:
    return read_migrations(str(MIGRATIONS_DIR))


def function_files() -> list[Path]:
    return sorted(FUNCTIONS_DIR.rglob("*.sql"))


@_guarded
def pending(target: Target) -> list[str]:
    with _backend(target) as backend:
        return [m.id for m in backend.to_apply(_migrations())]


@_guarded
def applied(target: Target) -> list[str]:
    with _backend(target) as backend:
        return [m.id for m in backend.to_rollback(_migrations())][::-1]


RETROFIT_MIGRATION = "006_add_tenant_columns"


def _check_retrofit(target: Target) -> None:
    """006 on platform tables that hold rows is the long, online retrofit: it belongs to
    `monaydb legacy migrate` (backup, verify baseline, batches, progress, the migrations after
    it once the swap is done), not to a plain `migrate`."""
    with target.connect() as conn:
        row = conn.execute(
            "SELECT EXISTS (SELECT FROM monay.wallets) OR EXISTS (SELECT FROM monay.transactions) "
            "OR EXISTS (SELECT FROM monay.cards) OR EXISTS (SELECT FROM monay.invoices)").fetchone()
    if row and row[0]:
        raise MigrationError(f"{RETROFIT_MIGRATION} retrofits platform tables that hold rows: run "
                             "`monaydb legacy migrate` (it takes a backup, works in batches and applies "
                             "the later migrations after its swap; README, platform tables)")


# deadlock_detected, lock_not_available: a migration under live writers is retried whole.
LOCK_SQLSTATES = {"40P01", "55P03"}
LOCK_RETRIES = 3


@_guarded
def migrate_up(target: Target, to: str | None = None, retrofit: bool = False) -> list[str]:
    """Apply pending migrations one by one, each atomic with its bookkeeping; stop after `to`.

    A database whose platform tables hold rows gets 006 only with `retrofit` (from
    `monaydb legacy migrate`); the migrations before it are applied either way."""
    migrations = _migrations()
    if to is not None and to not in {m.id for m in migrations}:
        raise MigrationError(f"unknown migration id {to!r}")
    done: list[str] = []
    with _backend(target) as backend, backend.lock():
        todo = backend.to_apply(migrations)
        if any(m.id == PARTMAN_MIGRATION for m in todo):
            check_partman(target)
        for migration in todo:
            if migration.id == RETROFIT_MIGRATION and not retrofit:
                _check_retrofit(target)
            for attempt in range(1, LOCK_RETRIES + 1):
                try:
                    with backend.transaction():
                        # Against live writers, the migration is the side that loses a deadlock.
                        lose_deadlocks(backend.execute, transaction_only=True)
                        migration.process_steps(backend, "apply")
                        backend.execute("RESET ROLE")  # a migration may SET LOCAL ROLE
                        backend.log_migration(migration, "apply")
                        backend.mark_one(migration, log=False)
                    break
                except Exception as exc:  # noqa: BLE001 - reported with the file name
                    # A migration that lost a deadlock or its lock_timeout against live
                    # writers rolled back whole: it is retried (nothing half applied).
                    if getattr(exc, "sqlstate", None) in LOCK_SQLSTATES and attempt < LOCK_RETRIES:
                        continue
                    raise MigrationError(f"{migration.id}.sql: {_pg_error(exc)}") from None
            done.append(migration.id)
            if migration.id == to:
                break
    return done


def rollback_plan(target: Target, to: str | None = None, all_: bool = False) -> list[str]:
    """The migrations `migrate_down` would roll back, last applied first."""
    ids = applied(target)[::-1]
    if to is not None:
        if to not in {m.id for m in _migrations()}:
            raise MigrationError(f"unknown migration id {to!r}")
        return ids[: ids.index(to)] if to in ids else ids
    return ids if all_ else ids[:1]


_DROP_TABLE = re.compile(r"\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?([\w.\s,\"]+?)\s*(?:CASCADE|RESTRICT)?\s*;",
                         re.IGNORECASE)
_DROP_SCHEMA = re.compile(r"\bDROP\s+SCHEMA\s+(?:IF\s+EXISTS\s+)?([\w\s,\"]+?)\s*(?:CASCADE|RESTRICT)?\s*;",
                          re.IGNORECASE)


def rows_at_risk(target: Target, ids: list[str]) -> list[tuple[str, str, int]]:
    """(migration, table, rows: up to 1001) for every table that rolling back `ids` drops
    (DROP TABLE, or a dropped schema's tables) and that holds rows. Counted as the
    connecting role: a superuser, which row-level security does not hide rows from."""
    by_id = {m.id: Path(m.path[:-4] + ".rollback.sql") for m in _migrations()}
    found: list[tuple[str, str, int]] = []
    with _privileged(target), target.connect() as conn:
        for mid in ids:
            path = by_id.get(mid)
            if path is None or not path.exists():
                continue
            text = re.sub(r"--[^\n]*", "", path.read_text())
            tables = [t.strip().replace('"', "") for m in _DROP_TABLE.finditer(text) for t in m[1].split(",")]
            for m in _DROP_SCHEMA.finditer(text):
                for schema_name in (s.strip().replace('"', "") for s in m[1].split(",")):
                    tables += [f"{r[0]}.{r[1]}" for r in conn.execute(
                        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
                        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
                        "AND d.objid = c.oid AND d.deptype = 'e') "  # an extension's own tables go with it
                        "ORDER BY c.relname", [schema_name]).fetchall()]
            for table in tables:
                exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [table]).fetchone()
                if not (exists and exists[0]):
                    continue
                schema_name, _, rel = table.rpartition(".")
                ident = psycopg.sql.Identifier(*( [schema_name, rel] if schema_name else [rel]))
                row = conn.execute(psycopg.sql.SQL("SELECT count(*) FROM (SELECT 1 FROM {} LIMIT 1001) s")
                                   .format(ident)).fetchone()
                if row and row[0]:
                    found.append((mid, table, int(row[0])))
    return found


@_guarded
def migrate_down(target: Target, to: str | None = None, all_: bool = False) -> list[str]:
    """Roll back the last applied migration, or down to (excluding) `to`, or all of them."""
    migrations = _migrations()
    known = {m.id for m in migrations}
    if to is not None and to not in known:
        raise MigrationError(f"unknown migration id {to!r}")
    done: list[str] = []
    with _backend(target) as backend, backend.lock():
        for migration in backend.to_rollback(migrations):
            if to is not None and migration.id == to:
                break
            _rollback_one(backend, migration)
            done.append(migration.id)
            if to is None and not all_:
                break
    return done


def _rollback_one(backend: Any, migration: Any) -> None:
    """One migration's rollback and its yoyo bookkeeping, in one transaction."""
    try:
        with backend.transaction():
            migration.process_steps(backend, "rollback")
            backend.execute("RESET ROLE")
            backend.log_migration(migration, "rollback")
            backend.unmark_one(migration, log=False)
    except Exception as exc:  # noqa: BLE001
        raise MigrationError(f"{migration.id}.rollback.sql: {_pg_error(exc)}") from None


@_guarded
def migrate_down_only(target: Target, mid: str, dependents_only: bool = False) -> list[str]:
    """Roll back `mid` and only the applied migrations that depend on it (transitively, by
    their `-- depends:`), last applied first; every other migration stays applied. What
    `monaydb legacy rollback` needs: undoing 006 must not undo the vaults or billing.
    `dependents_only`: those that depend on `mid`, not `mid` itself."""
    migrations = _migrations()
    if mid not in {m.id for m in migrations}:
        raise MigrationError(f"unknown migration id {mid!r}")
    done: list[str] = []
    with _backend(target) as backend, backend.lock():
        applied_last_first = list(backend.to_rollback(migrations))
        chosen = {mid} if any(m.id == mid for m in applied_last_first) else set()
        grew = bool(chosen)
        while grew:
            grew = False
            for m in applied_last_first:
                if m.id not in chosen and any(d.id in chosen for d in m.depends):
                    chosen.add(m.id)
                    grew = True
        for migration in applied_last_first:
            if migration.id in chosen and not (dependents_only and migration.id == mid):
                _rollback_one(backend, migration)
                done.append(migration.id)
    return done


@_guarded
def status(target: Target) -> list[MigrationRow]:
    applied_at: dict[str, datetime] = {}
    with _backend(target) as backend:
        rows = backend.execute(
            f"SELECT migration_id, applied_at_utc FROM {MIGRATION_TABLE}"
        ).fetchall()
    for mid, when in rows:
        applied_at[mid] = when
    return [
        MigrationRow(m.id, applied_at.get(m.id), Path(m.path[:-4] + ".rollback.sql").exists())
        for m in _migrations()
    ]


DEMO_DIR = SQL_DIR / "demo"


def apply_demo(target: Target) -> int:
    """Load sql/demo (demo-only schema monay_demo) into a demo or test database, never into
    a product one: its first file (the schema) as the connecting superuser, the functions
    as monay_owner, all in one transaction."""
    first, *rest = sorted(DEMO_DIR.glob("*.sql"))
    with target.connect() as conn:
        try:
            with conn.transaction():
                conn.execute(first.read_text())  # type: ignore[arg-type]
                _apply_as_owner(conn, rest)
        except psycopg.Error as exc:
            raise MigrationError(f"sql/demo: {_pg_error(exc)}") from None
    return 1 + len(rest)


def _apply_as_owner(conn: psycopg.Connection, files: list[Path]) -> None:
    conn.execute("SET LOCAL ROLE monay_owner")
    conn.execute("SET LOCAL check_function_bodies = off")
    for path in files:
        try:
            conn.execute(path.read_text())  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise MigrationError(f"{path.relative_to(SQL_DIR.parent)}: {_pg_error(exc)}") from None
    conn.execute("RESET ROLE")


_DECLARED = re.compile(r"\b(?:FUNCTION|PROCEDURE)\s+(monay|monay_private)\.([a-z_0-9]+)\s*\(", re.I)

# Functions, procedures and triggers of our schemas that this transaction did not (re)create
# and that no migration declares: left over from a deleted file, a changed signature or a
# renamed trigger.
_ORPHANS = """
SELECT p.oid::regprocedure::text
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname IN ('monay', 'monay_private')
  AND p.xmin <> pg_catalog.xid(pg_catalog.pg_current_xact_id())
  AND NOT (n.nspname || '.' || p.proname = ANY (%s))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT format('trigger %%s on %%s', t.tgname, t.tgrelid::regclass)
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('monay', 'monay_private') AND NOT t.tgisinternal AND t.tgparentid = 0
  AND t.xmin <> pg_catalog.xid(pg_catalog.pg_current_xact_id())
  AND NOT (t.tgname = ANY (%s))
ORDER BY 1
"""
_DECLARED_TRIGGER = re.compile(r"\bTRIGGER\s+([a-z_0-9]+)\s+(?:BEFORE|AFTER|INSTEAD)", re.I)


def migration_declared_functions() -> list[str]:
    """schema.name of every function or procedure a migration (not a rollback) creates."""
    names: set[str] = set()
    for path in MIGRATIONS_DIR.glob("*.sql"):
        if not path.name.endswith(".rollback.sql"):
            names.update(f"{m[0]}.{m[1]}".lower() for m in _DECLARED.findall(path.read_text()))
    return sorted(names)


def migration_declared_triggers() -> list[str]:
    names: set[str] = set()
    for path in MIGRATIONS_DIR.glob("*.sql"):
        if not path.name.endswith(".rollback.sql"):
            names.update(m.lower() for m in _DECLARED_TRIGGER.findall(path.read_text()))
    return sorted(names)


def orphan_functions(conn: psycopg.Connection) -> list[str]:
    """Functions and triggers of ours that neither this transaction (re-applying sql/functions)
    nor a migration declares. Run inside that transaction."""
    params = [migration_declared_functions(), migration_declared_triggers()]
    return [r[0] for r in conn.execute(_ORPHANS, params)]  # type: ignore[arg-type]


def apply_functions(target: Target) -> int:
    """Re-apply every function file in one transaction as monay_owner.

    Fails (and applies nothing) when a function of ours is declared by no file and no
    migration: a file was deleted or a signature changed without the migration that
    drops the old one (README, development: "dropped and replaced").
    """
    files = function_files()
    with _privileged(target), target.connect() as conn:
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
                orphans = orphan_functions(conn)
                if orphans:
                    raise MigrationError(
                        "no file in sql/functions and no migration declares " + ", ".join(orphans)
                        + ": drop it in a migration (README: dropped and replaced)")
        except psycopg.Error as exc:
            raise MigrationError(f"sql/functions: {_pg_error(exc)}") from None
    return len(files)
