"""A central server's PostgreSQL that asks for a password (its usual setting, unlike the test
cluster's `trust`): `daftar server` said "check that the database server runs" when the
password was only missing or wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

from daftar.cli import main
from tests.pg import PG_BIN, _as_postgres, free_port


@pytest.fixture(scope="module")
def pg_with_password():
    """A throwaway cluster with scram-sha-256 authentication, a user `daftar` with the password
    `db-pass-123` and its database `daftar`; yields its port."""
    if not (PG_BIN / "initdb").is_file():
        pytest.skip(f"PostgreSQL 15 binaries not found in {PG_BIN}")
    base = Path(tempfile.mkdtemp(prefix="daftar-pgpw-"))
    base.chmod(0o755)
    (base / "pw").write_text("super-pass-1\n")
    (base / "sock").mkdir()
    if os.geteuid() == 0:
        for p in (base, base / "pw", base / "sock"):
            shutil.chown(p, "postgres", "postgres")
    data, port = base / "data", free_port()
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "scram-sha-256",
                                 f"--pwfile={base / 'pw'}", "-E", "UTF8", "--no-sync"]),
                   check=True, capture_output=True, timeout=120)
    opts = f"-p {port} -k {base / 'sock'} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(base / "log"), "-w",
                                 "start"]), check=True, capture_output=True, timeout=120)
    try:
        with psycopg.connect(host="127.0.0.1", port=port, user="postgres", password="super-pass-1",
                             dbname="postgres", autocommit=True) as c:
            c.execute("CREATE ROLE daftar LOGIN PASSWORD 'db-pass-123'")
            c.execute("CREATE DATABASE daftar OWNER daftar")
        yield port
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _operators(port: int, capsys) -> tuple[int, str]:
    rc = main(["server", "operator", "list", "--database", f"postgresql+psycopg://daftar@127.0.0.1:{port}/daftar"])
    out, err = capsys.readouterr()
    return rc, out + err


def test_a_database_password_is_asked_for_as_such(pg_with_password, capsys, monkeypatch, tmp_path):
    port = pg_with_password
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    # GIVEN the server's database user with a password, the address naming none (as documented)
    # WHEN the operator's command runs without the password  THEN it says a password is
    # wanted and where it goes, not that the database server may be down
    rc, said = _operators(port, capsys)
    assert rc == 1 and "no password supplied" in said
    assert "the database asks for a password and none was given: give the database user's password in " \
           "$PGPASSWORD or in the file ~/.pgpass" in said and "check that the database server runs" not in said
    # WHEN the password given is wrong  THEN it says the database refused it
    monkeypatch.setenv("PGPASSWORD", "not-the-password")
    rc, said = _operators(port, capsys)
    assert rc == 1 and "the database refused the password: give the database user's password in $PGPASSWORD" in said
    assert "not-the-password" not in said
    # WHEN it is right, in $PGPASSWORD as docs/install.md says  THEN it works
    monkeypatch.setenv("PGPASSWORD", "db-pass-123")
    rc, said = _operators(port, capsys)
    assert rc == 0, said
    # AND in ~/.pgpass (PGPASSFILE) just as well
    monkeypatch.delenv("PGPASSWORD")
    (tmp_path / "pgpass").write_text(f"127.0.0.1:{port}:daftar:daftar:db-pass-123\n")
    (tmp_path / "pgpass").chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    rc, said = _operators(port, capsys)
    assert rc == 0, said
