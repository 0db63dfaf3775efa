"""A throwaway PostgreSQL 15 cluster for tests (Debian binaries, own port and socket dir).

`pg_cluster` (session fixture) starts one cluster for the whole run and stops it with
`pg_ctl -m fast -w stop` even when tests fail; `pg_url` gives each test a fresh database.
Tests using it are skipped, with the reason, only when the PostgreSQL binaries are absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("DAFTAR_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb refuses root: run through `runuser -u postgres --` when we are root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@dataclass
class PgCluster:
    data_dir: Path
    sock_dir: Path
    port: int
    user: str = "daftar"

    def url(self, db: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{db}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = name or f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"]),
                       capture_output=True, timeout=60)


def start_cluster(base: Path) -> PgCluster:
    base.mkdir(parents=True, exist_ok=True)
    data, sock = base / "data", base / "sock"
    sock.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
    log = base / "pg.log"
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "daftar",
                                 "-E", "UTF8", "--no-sync"]), check=True, capture_output=True, timeout=120)
    port = free_port()
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    r = subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w", "start"]),
                       capture_output=True, timeout=120, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"PostgreSQL did not start: {r.stderr}\n{log.read_text() if log.exists() else ''}")
    return PgCluster(data, sock, port)


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL 15 cluster for the test session."""
    if not (PG_BIN / "initdb").is_file():
        pytest.skip(f"PostgreSQL 15 binaries not found in {PG_BIN} (install Debian postgresql-15)")
    import tempfile

    # its own folder in /tmp: pytest's tmp folders are private to root, postgres must enter it
    base = Path(tempfile.mkdtemp(prefix="daftar-pg-"))
    base.chmod(0o755)
    try:
        cluster = start_cluster(base / "cluster")
        try:
            yield cluster
        finally:
            cluster.stop()
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster):
    """URL of a fresh, empty database in the session cluster (dropped afterwards)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)
