"""Where the target database is, and how to reach it.

`--database URL`, else `DATABASE_URL`, else the embedded cluster (started if
needed). URLs are libpq URLs or keyword strings; psycopg parses both.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from .cluster import Cluster


class TargetError(RuntimeError):
    """The target database is unusable; the message is one line for the user."""


@dataclass(frozen=True)
class Target:
    """A database to work on, as a libpq conninfo string."""

    conninfo: str

    @classmethod
    def resolve(cls, database: str | None) -> Target:
        url = database or os.environ.get("DATABASE_URL")
        if not url:
            url = Cluster().start()
        try:
            conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise TargetError(f"bad database URL {url!r}: {exc}") from None
        return cls(url)

    @property
    def params(self) -> dict[str, str]:
        return {k: str(v) for k, v in conninfo_to_dict(self.conninfo).items()}

    @property
    def dbname(self) -> str:
        p = self.params
        return p.get("dbname") or p.get("user") or os.environ.get("PGUSER", "postgres")

    def with_dbname(self, dbname: str) -> Target:
        return Target(make_conninfo(self.conninfo, dbname=dbname))

    def connect(self, **kwargs: object) -> psycopg.Connection:
        try:
            return psycopg.connect(self.conninfo, connect_timeout=10, **kwargs)  # type: ignore[arg-type]
        except psycopg.OperationalError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise TargetError(f"cannot connect to {self.describe()}: {first}") from None

    def describe(self) -> str:
        p = self.params
        host = p.get("host", "localhost")
        return f"database {self.dbname!r} at {host}:{p.get('port', '5432')}"

    def yoyo_url(self) -> str:
        """The same target as a yoyo URL (psycopg 3 driver)."""
        p = dict(self.params)
        user = quote(p.pop("user", "postgres"), safe="")
        password = p.pop("password", None)
        dbname = quote(p.pop("dbname", self.dbname), safe="")
        host = p.pop("host", "")
        port = p.pop("port", None)
        auth = f"{user}:{quote(password, safe='')}@" if password else f"{user}@"
        query: dict[str, str] = dict(p)
        if host.startswith("/"):
            query["host"] = host
            netloc = auth
        else:
            netloc = auth + host
        if port:
            query["port"] = port
        qs = ("?" + urlencode(query)) if query else ""
        return f"postgresql+psycopg://{netloc}/{dbname}{qs}"

    def libpq_env(self) -> dict[str, str]:
        """PG* environment variables for libpq command-line tools (psql, pg_dump, pg_prove)."""
        p = self.params
        env = dict(os.environ)
        mapping = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER",
                   "password": "PGPASSWORD", "dbname": "PGDATABASE", "sslmode": "PGSSLMODE"}
        for key, var in mapping.items():
            if key in p:
                env[var] = p[key]
        env["PGDATABASE"] = self.dbname
        return env

    def run_tool(self, cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, env=self.libpq_env(), text=True, **kwargs)  # type: ignore[call-overload]


def create_database(server: Target, prefix: str, exact: bool = False) -> Target:
    """Create a fresh database next to `server`'s: `prefix` itself, or prefix_<random>."""
    name = prefix if exact else f"{prefix}_{secrets.token_hex(4)}"
    with server.with_dbname("postgres").connect(autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return server.with_dbname(name)


def drop_database(target: Target) -> None:
    with target.with_dbname("postgres").connect(autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(target.dbname)))


@contextlib.contextmanager
def scratch_database(server: Target, prefix: str, keep: bool = False) -> Iterator[Target]:
    """A fresh database for the duration of the block, dropped afterwards unless `keep`."""
    target = create_database(server, prefix)
    try:
        yield target
    finally:
        if not keep:
            drop_database(target)


# How long a schema change waits on a lock before it looks for a deadlock: much less than the
# server's deadlock_timeout (1 s by default), which the applications keep. PostgreSQL aborts the
# transaction that finds the deadlock, so with this the schema change, retried whole by its
# caller (migrate_up, legacy steps), loses it and the application's transaction goes on.
DDL_DEADLOCK_TIMEOUT = "50ms"

def lose_deadlocks(execute: object, transaction_only: bool) -> None:
    """Make this session (or, with transaction_only, its open transaction) the one that detects,
    and so loses, a deadlock with other sessions: deadlock_timeout DDL_DEADLOCK_TIMEOUT. Only
    where the role may set it (a superuser, or a role granted SET on it); elsewhere nothing
    changes and the server's setting decides. `execute` is a psycopg connection's execute or a
    yoyo backend's (the statement has no parameters, for either's style)."""
    local = "true" if transaction_only else "false"
    execute(f"SELECT set_config('deadlock_timeout', '{DDL_DEADLOCK_TIMEOUT}', {local}) "  # type: ignore[operator]
            "WHERE has_parameter_privilege('deadlock_timeout', 'SET')")
