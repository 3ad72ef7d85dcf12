"""pytest fixtures: one migrated template database, cloned fresh for each test.

The server is DATABASE_URL's or the embedded cluster (started here if needed),
reached through pytest-postgresql's `postgresql_noproc` (its own `postgresql_proc`
cannot run as root). The template is migrated once per session; every test that
asks for `db` gets a clone of it (CREATE DATABASE ... TEMPLATE), so tests never
see each other's rows.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo
from pytest_postgresql import factories

from monaydb.cluster import Cluster
from monaydb.database import Target
from monaydb.migrations import apply_functions, migrate_up
from monaydb.site import configure_site

TEST_JWT_SECRET = "monay-pytest-jwt-secret-0123456789abcdef"


def wait_until(predicate: Callable[[], Any], timeout: float = 60.0) -> None:
    """Poll predicate until it is true (a state another session reaches), else fail after timeout."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)

_server = Target.resolve(os.environ.get("DATABASE_URL") or Cluster().start())
_params = _server.params


def _load_schema(**kwargs: Any) -> None:
    keys = ("host", "port", "user", "password", "dbname")
    target = Target(make_conninfo(**{k: str(kwargs[k]) for k in keys if kwargs.get(k) is not None}))
    migrate_up(target)
    apply_functions(target)


postgresql_noproc = factories.postgresql_noproc(
    host=_params.get("host"),
    port=_params.get("port", "5432"),
    user=_params.get("user", "postgres"),
    password=_params.get("password"),
    dbname=f"monaydb_pytest_{os.getpid()}",  # private to this run: two runs may share a cluster
    load=[_load_schema],
)
postgresql = factories.postgresql("postgresql_noproc")


@pytest.fixture
def db(postgresql: psycopg.Connection) -> Target:
    """A fresh, fully migrated database (a clone of the template) as a Target."""
    info = postgresql.info
    target = Target(make_conninfo(host=info.host, port=str(info.port), user=info.user,
                                  dbname=info.dbname))
    configure_site(target)  # the audit link must point at this clone, not the template
    with target.connect(autocommit=True) as conn:
        conn.execute("BEGIN")
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.set_jwt_secret(%s)", [TEST_JWT_SECRET])
        conn.execute("COMMIT")
    postgresql.commit()
    return target


@pytest.fixture
def connect(db: Target) -> Iterator[Callable[..., psycopg.Connection]]:
    """Open extra connections to `db` (closed after the test); kwargs go to psycopg."""
    opened: list[psycopg.Connection] = []

    def _open(**kwargs: Any) -> psycopg.Connection:
        conn = db.connect(**kwargs)
        opened.append(conn)
        return conn

    yield _open
    for conn in opened:
        conn.close()


@pytest.fixture(scope="session")
def app_login() -> str:
    """A login role in monay_app (cluster-wide, created once)."""
    return _ensure_login("monay_pytest_app", "monay_app")


@pytest.fixture(scope="session")
def platform_login() -> str:
    """A login role in monay_platform (cluster-wide, created once)."""
    return _ensure_login("monay_pytest_platform", "monay_platform")


def _ensure_login(name: str, group: str) -> str:
    with _server.with_dbname("postgres").connect(autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [group]).fetchone()
        if exists:
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
    return name


@pytest.fixture(scope="session")
def server() -> Target:
    """The PostgreSQL server the tests run against (its maintenance database)."""
    return _server
