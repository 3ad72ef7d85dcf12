"""The audit link on a server like a DBA's: a second PostgreSQL 15 cluster with Debian's
default authentication (peer on the socket, scram-sha-256 over TCP), migrated by
`monaydb migrate`, set up by following docs/operations.md's recipe as written."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from monaydb.cluster import PG_BIN, ROOT

MONAYDB = [sys.executable, "-m", "monaydb"]
ROOT_USER = os.geteuid() == 0
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if ROOT_USER else []


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MONAYDB, *args], capture_output=True, text=True, timeout=300)


def doc_block(name: str) -> str:
    """The fenced block right after `<!-- audit-link: NAME` in docs/operations.md."""
    text = (ROOT / "docs" / "operations.md").read_text()
    at = text.index(f"<!-- audit-link: {name} ")
    start = text.index("\n", text.index("```", at)) + 1
    return textwrap.dedent(text[start:text.index("```", start)]).strip()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    workdir: Path
    port: int
    password: str

    def url(self, dbname: str = "monay") -> str:
        return f"host=127.0.0.1 port={self.port} dbname={dbname} user=postgres password={self.password}"


# Debian 12's pg_hba.conf, except that TCP is opened to the superuser only (for this test to
# connect): the recipe's own line is what lets monay_audit_writer in.
PG_HBA = """\
local   all             postgres                                peer
local   all             all                                     peer
host    all             postgres        127.0.0.1/32            scram-sha-256
local   replication     all                                     peer
"""


@pytest.fixture
def scram_server() -> Iterator[Server]:
    workdir = Path(tempfile.mkdtemp(prefix="monay-scram-"))
    password = secrets.token_hex(12)
    port = _free_port()
    data = workdir / "data"
    (workdir / "pw").write_text(password + "\n")
    if ROOT_USER:
        shutil.chown(workdir, "postgres", "postgres")
        shutil.chown(workdir / "pw", "postgres", "postgres")

    def pg(*cmd: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(AS_POSTGRES + list(cmd), capture_output=True, text=True, timeout=120)

    started = False
    try:
        init = pg(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth-local=peer",
                  "--auth-host=scram-sha-256", f"--pwfile={workdir / 'pw'}", "-E", "UTF8", "--locale=C.UTF-8")
        assert init.returncode == 0, init.stderr
        (data / "pg_hba.conf").write_text(PG_HBA)
        start = pg(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(workdir / "server.log"), "-w", "-t", "60",
                   "-o", f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c shared_buffers=32MB "
                         "-c max_connections=40", "start")
        assert start.returncode == 0, start.stderr + (workdir / "server.log").read_text()
        started = True
        with psycopg.connect(Server(workdir, port, password).url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE monay")
        yield Server(workdir, port, password)
    finally:
        if started:
            pg(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(workdir, ignore_errors=True)


def test_audit_link_on_a_password_authenticated_server(scram_server: Server) -> None:
    srv = scram_server
    url = srv.url()

    # 1. migrate configures nothing here: no role created, a note says so.
    first = run("migrate", "--database", url)
    assert first.returncode == 0, first.stderr
    assert "no audit link configured" in first.stderr
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'monay_audit_writer'").fetchone() is None
    check = run("audit", "check", "--database", url)
    assert check.returncode == 1 and "no audit link configured" in check.stderr

    # 2. The recipe, as written (the password, the port and the file's place are this test's).
    passfile = srv.workdir / "monay_audit.pgpass"

    def ours(text: str) -> str:
        return (text.replace("change-me", srv.password).replace("5432", str(srv.port))
                .replace("/etc/postgresql/15/main/monay_audit.pgpass", str(passfile)))

    hba_line = doc_block("pg_hba")
    with (srv.workdir / "data" / "pg_hba.conf").open("a") as fh:
        fh.write(hba_line + "\n")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
        conn.execute(ours(doc_block("sql")))  # type: ignore[arg-type]

    # The socket (what the README used to say) fails under peer, and the check says why.
    socket_dsn = f"host={srv.workdir} port={srv.port} dbname=monay user=monay_audit_writer"
    peer = run("audit", "link", socket_dsn, "--database", url)
    assert peer.returncode == 1
    assert 'Peer authentication failed for user "monay_audit_writer"' in peer.stderr
    assert "Traceback" not in peer.stderr

    for line in ours(doc_block("passfile")).splitlines():
        if not ROOT_USER:  # the file then belongs to us, who run the server
            line = line.replace("-o postgres -g postgres ", "")
        done = subprocess.run(["sh", "-c", line], capture_output=True, text=True)
        assert done.returncode == 0, (line, done.stderr)
    link_cmd = re.fullmatch(r"monaydb audit link '(.*)'", ours(doc_block("link")))
    assert link_cmd, "the documented command is `monaydb audit link '<dsn>'`"
    linked = run("audit", "link", link_cmd[1], "--database", url)
    assert linked.returncode == 0, linked.stderr
    assert linked.stdout.startswith("audit link ok: connects as monay_audit_writer to this database")

    # 3. A later migrate leaves the DBA's DSN alone.
    with psycopg.connect(url) as conn:
        dsn_before = conn.execute("SELECT dsn FROM monay_private.audit_link").fetchone()
    again = run("migrate", "--database", url)
    assert again.returncode == 0 and "no audit link configured" not in again.stderr
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT dsn FROM monay_private.audit_link").fetchone() == dsn_before
        assert dsn_before is not None and "password" not in dsn_before[0], "no password stored in the database"

    # 4. Durable: a refusal inside a rolled-back transaction is recorded.
    with psycopg.connect(url) as conn:
        with pytest.raises(psycopg.Error) as err:
            conn.execute("SELECT monay.authenticate('not-a-jwt')")
        assert err.value.diag.sqlstate == "MT201"
        conn.rollback()
        row = conn.execute("SELECT count(*), min(detail ->> 'sqlstate') FROM monay.audit_log "
                           "WHERE action = 'auth_refused'").fetchone()
    assert row == (1, "MT201")
    assert run("audit", "check", "--database", url).returncode == 0
