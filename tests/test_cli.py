"""The `daftar` console script: --version, demo, backup/restore, and clear errors (exit 1)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from daftar import __version__

ROOT = Path(__file__).resolve().parents[1]


def daftar(*args: str, home: Path, **env_extra: str) -> subprocess.CompletedProcess:
    """Run the installed console script (or the module when it is not installed)."""
    exe = shutil.which("daftar", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "daftar.cli"]
    env = {k: v for k, v in os.environ.items() if k != "DAFTAR_PASSWORD"}
    env.update(DAFTAR_HOME=str(home), PYTHONPATH=str(ROOT), **env_extra)
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    ws = base / "demo"
    r = daftar("demo", "--workspace", ws, home=base / "home")
    assert r.returncode == 0, r.stderr
    return base, ws, r


def test_version(tmp_path):
    # GIVEN the installed command  WHEN asked its version  THEN it prints it and exits 0
    r = daftar("--version", home=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == f"daftar {__version__}"


def test_demo_builds_a_workspace_and_if_missing_leaves_it_alone(demo_ws):
    # GIVEN a demo built through the command line
    base, ws, first = demo_ws
    assert "6 registers" in first.stdout and (ws / "daftar.sqlite").is_file()
    db_before = (ws / "daftar.sqlite").read_bytes()
    # WHEN it is asked again with --if-missing  THEN it does nothing and succeeds
    again = daftar("demo", "--workspace", ws, "--if-missing", home=base / "home")
    assert again.returncode == 0 and again.stdout == ""
    assert (ws / "daftar.sqlite").read_bytes() == db_before
    # WHEN asked again without --if-missing  THEN it refuses with a message and exit code 1
    refused = daftar("demo", "--workspace", ws, home=base / "home")
    assert refused.returncode == 1 and "already exists" in refused.stderr


def test_backup_and_restore_round_trip_through_the_command(demo_ws, tmp_path):
    # GIVEN the demo workspace
    base, ws, _ = demo_ws
    # WHEN it is backed up and restored into a new folder
    b = daftar("backup", tmp_path / "demo-backup", "--workspace", ws, home=base / "home")
    assert b.returncode == 0, b.stderr
    tar = tmp_path / "demo-backup.tar"
    assert tar.is_file() and f"Backup written: {tar}" in b.stdout
    r = daftar("restore", tar, "--workspace", tmp_path / "restored", home=base / "home")
    # THEN the restore reports the same counts and a verified audit chain
    assert r.returncode == 0, r.stderr
    # (the backup itself is in the audit trail: taken from the command line, nobody signed in)
    from records.models import AuditEvent
    from records.workspace import Workspace

    w = Workspace.open(ws)
    try:
        with w.session() as s:
            ev = s.query(AuditEvent).filter_by(action="workspace.backup", new=str(tar)).one()
            assert (ev.username, ev.detail["via"]) == ("system", "command line")
    finally:
        w.close()
    counts = re.search(r"(\d+) registers, (\d+) pages, (\d+) entries", b.stdout).groups()
    assert re.search(r"(\d+) registers, (\d+) pages, (\d+) entries", r.stdout).groups() == counts
    assert "audit chain verified" in r.stdout
    # AND it says that the restore was recorded, and that its JSON exports will say so
    assert "recorded in its audit trail as restore 1: its JSON exports from now on say so" in r.stdout
    # AND restoring over it again needs --force, which keeps the old one aside
    again = daftar("restore", tar, "--workspace", tmp_path / "restored", home=base / "home")
    assert again.returncode == 1 and "not empty" in again.stderr and "--force" in again.stderr
    forced = daftar("restore", tar, "--workspace", tmp_path / "restored", "--force", home=base / "home")
    assert forced.returncode == 0 and "previous workspace was moved to" in forced.stdout


def test_default_workspace_comes_from_daftar_home(demo_ws, tmp_path):
    # GIVEN DAFTAR_HOME pointing at the demo workspace
    _, ws, _ = demo_ws
    # WHEN backing up without --workspace  THEN that workspace is backed up into its backups/
    r = daftar("backup", tmp_path / "x.tar", home=ws)
    assert r.returncode == 0, r.stderr
    assert "6 registers" in r.stdout


def test_bad_paths_and_damaged_backups_give_a_clear_message_and_exit_1(tmp_path):
    # GIVEN no workspace, a plain file where a folder should be, and a damaged backup
    (tmp_path / "afile").write_text("x")
    bad_tar = tmp_path / "bad.tar"
    bad_tar.write_bytes(b"not a tar at all" * 100)
    cases = [
        (("backup", "--workspace", tmp_path / "nowhere"), "No Daftar workspace at"),
        (("demo", "--workspace", tmp_path / "afile" / "ws"), "Cannot create the folder"),
        (("restore", bad_tar, "--workspace", tmp_path / "r"), "bad.tar is damaged or is not a Daftar backup"),
        (("restore", tmp_path / "missing.tar", "--workspace", tmp_path / "r"), "missing.tar does not exist"),
    ]
    for args, message in cases:
        # WHEN run  THEN exit code 1, one clear line on stderr, no traceback
        r = daftar(*args, home=tmp_path / "home")
        assert r.returncode == 1, (args, r.stdout, r.stderr)
        assert message in r.stderr and "Traceback" not in r.stderr
        assert r.stderr.startswith("daftar: ")


def test_backup_and_restore_of_an_encrypted_workspace_sign_in_first(tmp_path):
    # GIVEN an encrypted workspace with one register
    from records import services as S
    from records.workspace import Workspace

    ws, _ = Workspace.create_encrypted(tmp_path / "enc", admin_username="admin", admin_password="admin-pass-1",
                                       kdf={"time_cost": 1, "memory_cost": 1024, "parallelism": 1})
    with ws.session() as s:
        from records.accounts import get_user

        S.create_register(s, actor=get_user(s, 1).actor(), template="girdawari", district="لاہور",
                          tehsil="رائیونڈ", mauza="دیہہ", hadbast_no="3", year="2020-21")
    ws.close()
    # WHEN backed up without signing in  THEN it says how, exit 1
    r = daftar("backup", tmp_path / "b.tar", "--workspace", tmp_path / "enc", home=tmp_path)
    assert r.returncode == 1 and "encrypted" in r.stderr and "--user" in r.stderr
    # WHEN backed up and restored signing in as the admin
    b = daftar("backup", tmp_path / "b.tar", "--workspace", tmp_path / "enc", "--user", "admin",
               home=tmp_path, DAFTAR_PASSWORD="admin-pass-1")
    r = daftar("restore", tmp_path / "b.tar", "--workspace", tmp_path / "back", "--user", "admin",
               home=tmp_path, DAFTAR_PASSWORD="admin-pass-1")
    # THEN both succeed and the restored copy's audit chain was verified
    assert b.returncode == 0, b.stderr
    assert r.returncode == 0, r.stderr
    assert "1 registers" in r.stdout and "audit chain verified" in r.stdout
    # AND the audit trail names the admin, whose password opened it, as taking the copy
    ws = Workspace.open(tmp_path / "enc", key=Workspace.unlock(tmp_path / "enc", "admin", "admin-pass-1"))
    try:
        with ws.session() as s:
            from records.models import AuditEvent

            ev = s.query(AuditEvent).filter_by(action="workspace.backup").one()
            assert (ev.username, ev.new, ev.detail["via"]) == ("admin", str(tmp_path / "b.tar"), "command line")
    finally:
        ws.close()


def without_a_terminal(*args: str, home: Path, **env_extra: str) -> subprocess.CompletedProcess:
    """`daftar ARGS` as a scheduled job runs it: no controlling terminal, input from /dev/null,
    no $DAFTAR_PASSWORD."""
    cmd = [sys.executable, "-m", "daftar.cli"]
    env = {k: v for k, v in os.environ.items() if k not in ("DAFTAR_PASSWORD", "DAFTAR_RECOVERY_CODE")}
    env.update(DAFTAR_HOME=str(home), PYTHONPATH=str(ROOT), **env_extra)
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, env=env, timeout=300,
                          stdin=subprocess.DEVNULL, start_new_session=True)


def test_a_password_wanted_without_a_terminal_says_to_set_daftar_password(tmp_path):
    from records.workspace import Workspace

    # GIVEN an encrypted workspace and a plain one, and no terminal (a cron job)
    ws, _ = Workspace.create_encrypted(tmp_path / "enc", admin_username="admin", admin_password="admin-pass-1",
                                       kdf={"time_cost": 1, "memory_cost": 1024, "parallelism": 1})
    ws.close()
    Workspace.open(tmp_path / "plain", create=True).close()
    cases = [
        (("audit", "verify", "--workspace", tmp_path / "enc", "--user", "admin"),
         "daftar audit: there is no terminal to ask the password of admin on: set $DAFTAR_PASSWORD"),
        (("batch", "export", tmp_path / "b.daftar-batch", "--workspace", tmp_path / "plain", "--seal", "nobody"),
         "there is no user 'nobody'"),
        (("init", "--workspace", tmp_path / "new", "--admin", "boss"),
         "daftar init: there is no terminal to ask the new password of boss on: set $DAFTAR_PASSWORD"),
        (("recover", "--workspace", tmp_path / "enc", "--user", "admin"),
         "daftar recover: there is no terminal to ask the recovery code on: set $DAFTAR_RECOVERY_CODE"),
    ]
    for args, message in cases:
        # WHEN a command needs a password  THEN it says there is no terminal and what to set, exit 1
        r = without_a_terminal(*args, home=tmp_path / "home")
        assert r.returncode == 1, (args, r.stderr)
        assert message in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
    # AND nothing was created
    assert not (tmp_path / "new").exists() and not (tmp_path / "b.daftar-batch").exists()


def test_python_m_daftar_is_the_daftar_command(tmp_path):
    # GIVEN a checkout without the console script on PATH (a developer, a venv not activated)
    # WHEN `python -m daftar` is run  THEN it is the daftar command ("'daftar' is a package and
    # cannot be directly executed" before)
    env = {k: v for k, v in os.environ.items() if k != "DAFTAR_PASSWORD"}
    env.update(DAFTAR_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "daftar", "--version"], capture_output=True, text=True, env=env,
                       cwd=tmp_path, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == f"daftar {__version__}", r.stderr
    r = subprocess.run([sys.executable, "-m", "daftar", "init", "--help"], capture_output=True, text=True, env=env,
                       cwd=tmp_path, timeout=120)
    assert r.returncode == 0 and "--encrypted" in r.stdout
