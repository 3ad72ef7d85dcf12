"""The embedded development cluster: a PostgreSQL 15 data directory under `.monaydb/`.

`.monaydb/` is in the checkout, or under $MONAYDB_HOME when that is set.

It listens only on a Unix socket in its own directory, on a port chosen once and
kept in `.monaydb/port`. PostgreSQL refuses to run as root, so when we are root
every server command runs as the `postgres` OS user.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

PG_BIN = Path(os.environ.get("MONAYDB_PG_BIN", "/usr/lib/postgresql/15/bin"))
ROOT = Path(__file__).resolve().parents[2]


def _shared_buffers() -> str:
    """A quarter of the machine's memory, from 128 MB to 8 GB: what PostgreSQL's documentation
    advises for a dedicated server. At 1,000,000 tenants the monthly run's working set (tenants,
    tier history, usage counters, bills: ~2.5 GB) did not fit the 512 MB this cluster had, and the
    run read every usage-counter page from the OS cache several times (issue 13, fourth round)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return "'512MB'"
    mb = max(128, min(8192, total // 4 // (1024 * 1024)))
    return f"'{mb}MB'"


SERVER_SETTINGS = {
    "listen_addresses": "''",
    "max_connections": "200",
    "shared_buffers": _shared_buffers(),
    # 200 x 128 lock slots: the monthly run's parts hold one advisory lock per billed tenant of a
    # batch and take at most half the lock table (monay_private.billing_run_batch_limit).
    "max_locks_per_transaction": "128",
    "work_mem": "'16MB'",
    "maintenance_work_mem": "'256MB'",
    "max_wal_size": "'4GB'",
    "shared_preload_libraries": "'pg_stat_statements'",
    "log_min_messages": "warning",
    "timezone": "'UTC'",
}


class ClusterError(RuntimeError):
    """A cluster command failed; the message is one line for the user."""


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(cmd: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(_as_postgres() + cmd, capture_output=True, text=True)
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise ClusterError(f"{Path(cmd[0]).name} failed: {detail[-1] if detail else proc.returncode}")
    return proc


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """The embedded cluster of one checkout (`root`)."""

    root: Path = field(default_factory=lambda: Path(os.environ.get("MONAYDB_HOME", str(ROOT))))

    @property
    def state_dir(self) -> Path:
        return self.root / ".monaydb"

    @property
    def _key(self) -> str:
        return hashlib.sha1(str(self.root).encode()).hexdigest()[:10]

    @property
    def data_dir(self) -> Path:
        # The postgres user must reach the data directory; a checkout under a
        # private home directory cannot, so fall back to /var/tmp for it.
        link = self.state_dir / "data"
        if link.is_symlink():
            return link.resolve()
        return link

    @property
    def socket_dir(self) -> Path:
        # Unix socket paths are limited to 107 bytes: keep them short.
        return Path("/tmp") / f"monaydb-{self._key}"

    @property
    def log_file(self) -> Path:
        # Next to the data directory, where the postgres user may write.
        return self.data_dir.parent / "server.log"

    @property
    def port(self) -> int:
        port_file = self.state_dir / "port"
        if not port_file.exists():
            self.state_dir.mkdir(parents=True, exist_ok=True)
            port_file.write_text(str(_free_port()))
        return int(port_file.read_text().strip())

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@/{dbname}?host={self.socket_dir}&port={self.port}"

    def initialized(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def running(self) -> bool:
        if not self.initialized():
            return False
        proc = _run([str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "status"], check=False)
        return proc.returncode == 0

    def _postgres_can_reach(self, path: Path) -> bool:
        if os.geteuid() != 0:
            return True
        return subprocess.run(["runuser", "-u", "postgres", "--", "test", "-x", str(path)]).returncode == 0

    def _chown(self, path: Path) -> None:
        if os.geteuid() == 0:
            shutil.chown(path, "postgres", "postgres")

    def init(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        if self.initialized():
            return
        data = self.state_dir / "data"
        if not self._postgres_can_reach(self.state_dir):
            target = Path("/var/tmp") / f"monaydb-{self._key}" / "data"
            target.parent.mkdir(parents=True, exist_ok=True)
            self._chown(target.parent)
            if data.is_symlink() or data.exists():
                data.unlink()
            data.symlink_to(target)
            data = target
        data.mkdir(parents=True, exist_ok=True)
        self._chown(data)
        os.chmod(data, 0o700)
        _run([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
              "-E", "UTF8", "--locale=C.UTF-8"])
        conf = data / "postgresql.conf"
        extra = "\n# monaydb embedded cluster\n" + "".join(
            f"{k} = {v}\n" for k, v in SERVER_SETTINGS.items()
        )
        with conf.open("a") as fh:
            fh.write(extra)

    def start(self) -> str:
        self.init()
        if self.running():
            return self.url()
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        self._chown(self.socket_dir)
        self.log_file.touch()
        self._chown(self.log_file)
        try:
            _run([str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_file), "-w",
                  "-t", "60", "-o", f"-p {self.port} -k {self.socket_dir}", "start"])
        except ClusterError as exc:
            tail = self.log_file.read_text().strip().splitlines()[-1:] if self.log_file.exists() else []
            raise ClusterError(f"{exc} {tail[0] if tail else ''} (log: {self.log_file})") from None
        return self.url()

    def stop(self) -> bool:
        if not self.running():
            return False
        _run([str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"])
        return True

    def destroy(self) -> None:
        self.stop()
        data = self.state_dir / "data"
        if data.is_symlink():
            shutil.rmtree(data.resolve(), ignore_errors=True)
        shutil.rmtree(self.state_dir, ignore_errors=True)
        shutil.rmtree(self.socket_dir, ignore_errors=True)
