"""The signed tenant context is transaction-local: it never leaks to the next
transaction on the same connection, nor to another client through pgbouncer in
transaction mode, and a context copied from one transaction opens nothing in
another (the signature binds backend and transaction start)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jwt
import psycopg
import pytest

from conftest import TEST_JWT_SECRET
from monaydb.database import Target

CONTEXT_KEYS = ("monay.tenant_id", "monay.user_id", "monay.platform", "monay.context_signature")


@dataclass
class Tenant:
    id: uuid.UUID
    owner: uuid.UUID

    def token(self) -> str:
        return jwt.encode({"sub": str(self.owner), "tenant_id": str(self.id), "exp": int(time.time()) + 3600},
                          TEST_JWT_SECRET, algorithm="HS256")


def provision(db: Target, *names: str) -> dict[str, Tenant]:
    """Tenants with one owner each, made through our functions in the platform context."""
    out: dict[str, Tenant] = {}
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        for name in names:
            row = conn.execute("SELECT id FROM monay.create_user(%s, %s)", [f"{name}@example.test", name]).fetchone()
            assert row is not None
            owner = row[0]
            row = conn.execute("SELECT id FROM monay.create_tenant(%s, 'household', NULL, %s)",
                               [name, owner]).fetchone()
            assert row is not None
            out[name] = Tenant(row[0], owner)
        conn.commit()
    return out


def visible_tenants(conn: psycopg.Connection) -> set[uuid.UUID]:
    return {r[0] for r in conn.execute("SELECT id FROM monay.tenants").fetchall()}


def current_tenant(conn: psycopg.Connection) -> uuid.UUID | None:
    row = conn.execute("SELECT monay.current_tenant_id()").fetchone()
    assert row is not None
    return row[0]


def raw_context(conn: psycopg.Connection) -> dict[str, str]:
    return {k: conn.execute("SELECT current_setting(%s, true)", [k]).fetchone()[0] for k in CONTEXT_KEYS}  # type: ignore[index]


def replay(conn: psycopg.Connection, values: dict[str, str], is_local: bool = True) -> None:
    for k, v in values.items():
        conn.execute("SELECT set_config(%s, %s, %s)", [k, v, is_local])


# --- one connection --------------------------------------------------------------------------


def test_context_ends_with_the_transaction_autocommit(db: Target, app_login: str) -> None:
    t = provision(db, "a", "b")
    with psycopg.connect(db.conninfo + f" user={app_login}", autocommit=True) as conn:
        conn.execute("SELECT monay.authenticate(%s)", [t["a"].token()])  # its own transaction
        assert current_tenant(conn) is None
        assert visible_tenants(conn) == set()
        assert raw_context(conn)["monay.tenant_id"] in ("", None)


def test_context_ends_with_the_transaction_explicit(db: Target, app_login: str) -> None:
    t = provision(db, "a", "b")
    with psycopg.connect(db.conninfo + f" user={app_login}") as conn:
        with conn.transaction():
            conn.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
            assert current_tenant(conn) == t["a"].id
            assert visible_tenants(conn) == {t["a"].id}
        # committed: the next transaction starts empty
        assert current_tenant(conn) is None
        assert visible_tenants(conn) == set()
        conn.rollback()
        # a rolled-back transaction does not leave one either
        conn.execute("SELECT monay.authenticate(%s)", [t["b"].token()])
        assert visible_tenants(conn) == {t["b"].id}
        conn.rollback()
        assert current_tenant(conn) is None
        assert visible_tenants(conn) == set()
        conn.rollback()


def test_a_copied_context_opens_nothing_in_the_next_transaction(db: Target, app_login: str) -> None:
    t = provision(db, "a")
    with psycopg.connect(db.conninfo + f" user={app_login}") as conn:
        conn.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
        stolen = raw_context(conn)
        assert stolen["monay.context_signature"]
        conn.commit()
        # same backend, next transaction: the signature no longer matches
        replay(conn, stolen, is_local=True)
        assert raw_context(conn) == stolen
        assert current_tenant(conn) is None
        assert visible_tenants(conn) == set()
        conn.rollback()
        # nor as session-level settings that outlive transactions
        replay(conn, stolen, is_local=False)
        conn.commit()
        assert current_tenant(conn) is None
        assert visible_tenants(conn) == set()
        conn.rollback()


def test_a_context_copied_to_another_connection_opens_nothing(db: Target, app_login: str) -> None:
    t = provision(db, "a")
    with psycopg.connect(db.conninfo + f" user={app_login}") as victim, \
            psycopg.connect(db.conninfo + f" user={app_login}") as thief:
        victim.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
        stolen = raw_context(victim)
        replay(thief, stolen)  # while the victim's transaction is still open
        assert current_tenant(thief) is None
        assert visible_tenants(thief) == set()
        assert visible_tenants(victim) == {t["a"].id}


# --- pgbouncer, transaction mode -------------------------------------------------------------


def _pgbouncer_binary() -> str | None:
    return shutil.which("pgbouncer") or next(
        (p for p in ("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer") if os.access(p, os.X_OK)), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Bouncer:
    socket_dir: str
    port: int

    def conninfo(self, dbname: str, user: str) -> str:
        return f"host={self.socket_dir} port={self.port} dbname={dbname} user={user}"


@pytest.fixture
def pgbouncer(db: Target, app_login: str) -> Iterator[Bouncer]:
    """pgbouncer (the Debian package) in transaction mode with ONE server connection,
    so that every client transaction runs on the same backend, in turn."""
    binary = _pgbouncer_binary()
    if binary is None:
        pytest.skip("pgbouncer binary not found (Debian package pgbouncer; `make setup` installs it)")
    params = db.params
    server_host, server_port = params.get("host", "/var/run/postgresql"), params.get("port", "5432")
    if not server_host.startswith("/"):
        pytest.skip(f"the test server is reached over TCP ({server_host}); this test needs its unix socket")
    root = os.geteuid() == 0
    workdir = Path(tempfile.mkdtemp(prefix="monay-pgbouncer-"))
    port = _free_port()
    (workdir / "userlist.txt").write_text(f'"{app_login}" ""\n"{params.get("user", "postgres")}" ""\n')
    (workdir / "pgbouncer.ini").write_text(f"""[databases]
{db.dbname} = host={server_host} port={server_port} dbname={db.dbname}

[pgbouncer]
listen_addr =
listen_port = {port}
unix_socket_dir = {workdir}
auth_type = trust
auth_file = {workdir}/userlist.txt
pool_mode = transaction
default_pool_size = 1
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = 20
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = {workdir}/pgbouncer.log
pidfile = {workdir}/pgbouncer.pid
""")
    if root:  # pgbouncer refuses to run as root
        shutil.chown(workdir, "postgres", "postgres")
        for f in workdir.iterdir():
            shutil.chown(f, "postgres", "postgres")
    cmd = (["runuser", "-u", "postgres", "--"] if root else []) + [binary, str(workdir / "pgbouncer.ini")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sock = workdir / f".s.PGSQL.{port}"
    deadline = time.monotonic() + 20
    while not sock.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            log = (workdir / "pgbouncer.log").read_text() if (workdir / "pgbouncer.log").exists() else ""
            out = proc.stdout.read().decode() if proc.stdout and proc.poll() is not None else ""
            proc.kill()
            pytest.fail(f"pgbouncer did not start: {out}{log}")
        time.sleep(0.05)
    try:
        yield Bouncer(str(workdir), port)
    finally:
        pidfile = workdir / "pgbouncer.pid"
        if pidfile.exists():  # the pgbouncer process itself (runuser may not forward signals)
            subprocess.run((["runuser", "-u", "postgres", "--"] if root else [])
                           + ["kill", "-TERM", pidfile.read_text().strip()], check=False)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def _bounced(bouncer: Bouncer, db: Target, user: str) -> psycopg.Connection:
    # pgbouncer 1.18 in transaction mode cannot keep prepared statements: never prepare.
    return psycopg.connect(bouncer.conninfo(db.dbname, user), prepare_threshold=None)


def _pid(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT pg_backend_pid()").fetchone()
    assert row is not None
    return int(row[0])


def test_no_context_leaks_between_clients_through_pgbouncer(db: Target, app_login: str, pgbouncer: Bouncer) -> None:
    t = provision(db, "a", "b")
    with _bounced(pgbouncer, db, app_login) as alice, _bounced(pgbouncer, db, app_login) as bob:
        # 1. Alice authenticates as tenant a and commits.
        alice.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
        assert visible_tenants(alice) == {t["a"].id}
        alice_pid = _pid(alice)
        stolen = raw_context(alice)
        alice.commit()

        # 2. Bob's transaction runs on the very same backend and sees nothing of it.
        assert _pid(bob) == alice_pid, "the pool has one server connection: both clients share it"
        assert current_tenant(bob) is None
        assert visible_tenants(bob) == set()
        bob.commit()

        # 3. Bob replays Alice's context on that backend: the signature binds the
        #    transaction start, so it verifies to nothing.
        replay(bob, stolen)
        assert _pid(bob) == alice_pid
        assert current_tenant(bob) is None
        assert visible_tenants(bob) == set()
        bob.commit()

        # 4. A session-level forgery does leak through the pooler (that is what
        #    transaction mode does to SET), and still opens nothing.
        replay(alice, stolen, is_local=False)
        alice.commit()
        raw = raw_context(bob)
        assert raw["monay.tenant_id"] == str(t["a"].id), "the raw setting reached Bob's transaction"
        assert current_tenant(bob) is None
        assert visible_tenants(bob) == set()
        bob.execute("RESET ALL")  # clean the shared backend for the next steps
        bob.commit()

        # 5. Interleaved: Bob holds the only server connection inside tenant b while
        #    Alice's next transaction waits for it; when it gets it, it starts empty.
        bob.execute("SELECT monay.authenticate(%s)", [t["b"].token()])
        assert visible_tenants(bob) == {t["b"].id}
        seen: dict[str, object] = {}

        def alice_next() -> None:
            seen["pid"] = _pid(alice)
            seen["tenant"] = current_tenant(alice)
            seen["visible"] = visible_tenants(alice)
            alice.execute("SELECT monay.authenticate(%s)", [t["a"].token()])
            seen["after_auth"] = visible_tenants(alice)
            alice.commit()

        worker = threading.Thread(target=alice_next)
        worker.start()
        assert visible_tenants(bob) == {t["b"].id}
        bob.commit()
        worker.join(timeout=60)
        assert not worker.is_alive()
        assert seen["pid"] == alice_pid
        assert seen["tenant"] is None
        assert seen["visible"] == set()
        assert seen["after_auth"] == {t["a"].id}

        # 6. And Bob, after Alice's transaction, again starts empty.
        assert current_tenant(bob) is None
        assert visible_tenants(bob) == set()
        bob.commit()


# --- the README's connection settings, through pgbouncer -------------------------------------


def _readme_client(bouncer: Bouncer, db: Target, user: str) -> dict[str, object]:
    """The README's first Python block, executed as written, with DSN pointed at the bouncer."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert "prepare_threshold=None" in block and "def connect()" in block and "def bill_for(" in block
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    namespace["DSN"] = bouncer.conninfo(db.dbname, user)
    return namespace


def test_readme_example_with_two_long_lived_connections_through_pgbouncer(
        db: Target, app_login: str, pgbouncer: Bouncer) -> None:
    t = provision(db, "ra", "rb")
    client = _readme_client(pgbouncer, db, app_login)
    connect, bill_for = client["connect"], client["bill_for"]
    period = time.strftime("%Y-%m-01", time.gmtime())
    with connect() as one, connect() as two:  # type: ignore[operator]
        assert _pid(one) == _pid(two), "one server connection behind both clients"
        for i in range(12):  # the default configuration fails on the 6th or 7th call
            for conn, name in ((one, "ra"), (two, "rb")):
                bill = bill_for(conn, t[name].token(), f"readme-{name}-{i}", period)  # type: ignore[operator]
                assert bill["tenant_id"] == str(t[name].id)
            assert current_tenant(one) is None and current_tenant(two) is None
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        rows = conn.execute("SELECT tenant_id, count(*) FROM monay.billing_operations GROUP BY 1").fetchall()
    assert dict(rows) == {t["ra"].id: 12, t["rb"].id: 12}


def test_without_prepare_threshold_none_pgbouncer_breaks(db: Target, app_login: str, pgbouncer: Bouncer) -> None:
    """Why the README's setting matters: psycopg's default prepares a query on its 6th run,
    and two clients sharing a server connection then collide."""
    conninfo = pgbouncer.conninfo(db.dbname, app_login)
    with (psycopg.connect(conninfo, autocommit=True) as one, psycopg.connect(conninfo, autocommit=True) as two,
          pytest.raises(psycopg.Error) as err):
        for _ in range(12):
            for conn in (one, two):
                conn.execute("SELECT monay.current_tenant_id()").fetchone()
    assert err.value.sqlstate in ("42P05", "26000"), err.value
