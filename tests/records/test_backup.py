"""Backup and restore: one verified .tar, consistent while others write, never overwriting."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tarfile
import threading

import pytest

from records import audit, migrate
from records import services as S
from records.backup import (
    BackupError,
    back_up,
    create_backup,
    read_manifest,
    restore_backup,
    verify_backup,
)
from records.output_file import OutputFileError, check_output
from records.workspace import Workspace
from tests.records.helpers import make_page, make_users
from tests.records.migration_fixtures import install_newer_schema

ROWS = (
    {"khewat_no": "۴۷", "khatooni_no": "112", "owner": "محمد اسلم ولد غلام رسول قوم اعوان",
     "share": "3/8", "khasra_nos": "125/5، 126", "area": "12-5"},
    {"khewat_no": "47", "khatooni_no": "113", "owner": "غلام فاطمہ دختر غلام رسول",
     "share": "5/8", "khasra_nos": "130/2", "area": "4-0"},
)


def _fill(ws):
    users = make_users(ws)
    rid, pid, ids = make_page(ws, users["clerk"], rows=ROWS, data=b"\x89PNG page one " * 500)
    with ws.session() as s:
        S.add_page(s, ws.images, actor=users["clerk"], register_id=rid, data=b"\x89PNG page two " * 700)
    return users, rid, pid, ids


def _tables(db) -> dict:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()
                for t in ("register", "page", "entry", "field_value", "audit_event", "user")}
    finally:
        con.close()


def test_backup_restore_round_trip_keeps_rows_images_and_audit(workspace, tmp_path):
    # GIVEN a workspace with a register, two pages, Urdu rows and an audit chain
    ws = workspace
    _fill(ws)
    before = _tables(ws.db_path)
    key = ws.audit_key
    # WHEN it is backed up and restored into a new folder
    res = create_backup(ws, tmp_path / "out")
    restored = restore_backup(res.path, tmp_path / "restored")
    # THEN the backup is one .tar whose manifest names revision, counts and hashes
    assert res.path.name == "out.tar" and res.path.is_file()
    m = read_manifest(res.path)
    assert m["alembic_revision"] == migrate.head_revision() and m["counts"]["page"] == 2 and m["counts"]["entry"] == 2
    assert set(m["files"]) >= {"daftar.sqlite", "keys/audit.key"} and m["images"] == 2
    # AND every row, image and the audit key came back, and the chain verifies; the trail goes
    # on with one event of its own: the restore (records.restores: its exports say so)
    after = _tables(tmp_path / "restored" / "daftar.sqlite")
    restore_event = after["audit_event"].pop()
    assert after == before
    assert restore_event[4] == "workspace.restore" and restored.restore_epoch == 1
    assert restored.audit_ok and restored.counts["page"] == 2 and restored.moved_aside is None
    if os.name == "posix":
        assert (tmp_path / "restored" / "keys" / "audit.key").stat().st_mode & 0o077 == 0
    ws2 = Workspace.open(tmp_path / "restored")
    try:
        assert ws2.audit_key == key
        with ws2.session() as s:
            assert audit.verify(s).ok
            for p in S.list_pages(s, S.list_registers(s)[0].id):
                assert ws2.images.get(p.image_sha256) == ws.images.get(p.image_sha256)
            rows = S.page_rows(s, S.list_pages(s, 1)[0].id)
            assert rows[0].text("owner") == "محمد اسلم ولد غلام رسول قوم اعوان"
            assert rows[0].text("khewat_no") == "47"
    finally:
        ws2.close()


def test_backup_to_a_folder_and_never_over_an_existing_file(workspace, tmp_path):
    # GIVEN a workspace and a folder for backups
    _fill(workspace)
    folder = tmp_path / "usb"
    folder.mkdir()
    # WHEN backing up into the folder
    res = create_backup(workspace, folder)
    # THEN a timestamped .tar appears there and no partial file is left
    assert res.path.parent == folder and res.path.suffix == ".tar"
    assert [p.name for p in folder.iterdir()] == [res.path.name]
    # AND writing to an existing name is refused, leaving the file untouched
    size = res.path.stat().st_size
    with pytest.raises(BackupError, match="already exists"):
        create_backup(workspace, res.path)
    assert res.path.stat().st_size == size


def test_the_last_backup_is_remembered_and_a_reminder_falls_due(workspace, tmp_path):
    import datetime as dt

    from records.backup import days_without_backup, last_backup

    # GIVEN a new, empty workspace: nothing to lose yet, so no reminder
    assert last_backup(workspace) is None and days_without_backup(workspace, 7) is None
    # WHEN pages come in THEN a workspace never backed up is due at once (-1: never)
    _fill(workspace)
    assert days_without_backup(workspace, 7) == -1
    assert days_without_backup(workspace, 0) is None  # reminders off
    # WHEN a backup is written (the command line's way: no one signed in)
    res = create_backup(workspace, tmp_path / "first.tar")
    # THEN it is remembered with where it went, and nothing is due
    last = last_backup(workspace)
    assert last.path == str(res.path) and last.size == res.size
    assert abs((dt.datetime.now(dt.UTC) - last.at).total_seconds()) < 60
    assert days_without_backup(workspace, 7) is None
    # AND 6 days later nothing is due, 8 days later the reminder says 8 days
    assert days_without_backup(workspace, 7, now=last.at + dt.timedelta(days=6, hours=23)) is None
    assert days_without_backup(workspace, 7, now=last.at + dt.timedelta(days=8, hours=1)) == 8
    # AND a garbled note counts as no backup known (never a crash)
    (workspace.backups_dir / "last-backup.json").write_text("{not json", encoding="utf-8")
    assert last_backup(workspace) is None and days_without_backup(workspace, 7) == -1
    # AND the note is not part of the next backup's files (it lies outside what is backed up)
    res2 = create_backup(workspace, tmp_path / "second.tar")
    assert not any("last-backup" in name for name in read_manifest(res2.path)["files"])
    assert last_backup(workspace).path == str(res2.path)


def test_a_restored_workspace_knows_the_backup_it_was_restored_from_as_its_last(workspace, tmp_path):
    # (found by hand: the app over a workspace just restored said 'No backup of this workspace
    # yet · Back up now…' and `daftar check` 'no backup of this workspace was ever written')
    import datetime as dt

    from records.backup import days_without_backup, last_backup

    # GIVEN a backup of a workspace with pages
    _fill(workspace)
    res = create_backup(workspace, tmp_path / "b.tar")
    made = dt.datetime.fromisoformat(read_manifest(res.path)["created_at"])
    # WHEN it is restored into a new folder
    restore_backup(res.path, tmp_path / "restored")
    restored = Workspace.open(tmp_path / "restored")
    try:
        # THEN its last backup is that one, as old as the backup is, and no reminder is due yet
        last = last_backup(restored)
        assert last is not None and last.path == str(res.path) and last.size == res.size and last.at == made
        assert days_without_backup(restored, 7) is None
        # AND 8 days after the backup was made the reminder says 8 days
        assert days_without_backup(restored, 7, now=made + dt.timedelta(days=8, hours=1)) == 8
    finally:
        restored.close()


def test_a_users_backup_is_in_the_audit_trail_and_a_failed_one_is_not(workspace, tmp_path):
    from sqlalchemy import select

    from records.models import AuditEvent

    # GIVEN a workspace with records and a supervisor signed in
    users, *_ = _fill(workspace)
    # WHEN he backs it up to a USB stick's folder
    (tmp_path / "usb").mkdir()
    res = back_up(workspace, users["supervisor"], tmp_path / "usb")
    # THEN the trail says who took a copy, where to and how much, and the chain still verifies
    with workspace.session() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).one()
        assert (ev.username, ev.new) == (users["supervisor"].username, str(res.path))
        assert ev.detail == {"images": 2, "size": res.path.stat().st_size, "entries": 2, "via": "app"}
        assert audit.verify(s).ok
    # AND a backup that cannot be written is not recorded as made
    with pytest.raises(BackupError):
        back_up(workspace, users["supervisor"], res.path)
    with workspace.session() as s:
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).all()) == 1


def test_restore_refuses_a_non_empty_workspace_and_with_force_moves_it_aside(workspace, tmp_path):
    # GIVEN a backup and another workspace with its own data
    _fill(workspace)
    backup = create_backup(workspace, tmp_path / "b.tar").path
    other = Workspace.open(tmp_path / "other", create=True)
    users = make_users(other)
    make_page(other, users["clerk"], data=b"other page")
    other.close()
    before = _tables(tmp_path / "other" / "daftar.sqlite")
    # WHEN restoring over it without --force
    # THEN it is refused and nothing changed
    with pytest.raises(BackupError, match="not empty.*--force"):
        restore_backup(backup, tmp_path / "other")
    assert _tables(tmp_path / "other" / "daftar.sqlite") == before
    # WHEN restoring with force
    res = restore_backup(backup, tmp_path / "other", force=True)
    # THEN the old workspace is kept aside intact and the backup is in place
    assert res.moved_aside is not None and res.moved_aside.name.startswith("other.before-restore-")
    assert _tables(res.moved_aside / "daftar.sqlite") == before
    assert res.counts["page"] == 2


def test_restore_into_an_existing_empty_folder(workspace, tmp_path):
    # GIVEN a backup and an empty folder
    _fill(workspace)
    backup = create_backup(workspace, tmp_path / "b.tar").path
    (tmp_path / "empty").mkdir()
    # WHEN restoring into it
    res = restore_backup(backup, tmp_path / "empty")
    # THEN it works without --force
    assert res.counts["entry"] == 2 and res.moved_aside is None


def test_restore_refuses_a_workspace_open_in_this_process_and_works_once_it_is_closed(workspace, tmp_path):
    # GIVEN a backup, and a workspace that is open (as the app keeps it) but idle: no
    # transaction, so SQLite holds no lock on it
    _fill(workspace)
    backup = create_backup(workspace, tmp_path / "b.tar").path
    target = Workspace.open(tmp_path / "current", create=True)
    make_page(target, make_users(target)["clerk"], data=b"current page")
    before = _tables(tmp_path / "current" / "daftar.sqlite")
    # WHEN it is restored over with --force
    # THEN it is refused by name, saying what to do, and nothing moved or changed
    with pytest.raises(BackupError, match=r"current is open in Daftar .*Close it there and try again"):
        restore_backup(backup, tmp_path / "current", force=True)
    assert _tables(tmp_path / "current" / "daftar.sqlite") == before
    assert not [p for p in tmp_path.iterdir() if "before-restore" in p.name or ".restore-" in p.name]
    with target.session() as s:  # the open workspace still works
        assert len(S.list_pages(s, 1)) == 1
    # WHEN it is closed and restored over again
    target.close()
    res = restore_backup(backup, tmp_path / "current", force=True)
    # THEN the restore goes ahead and keeps the old workspace aside
    assert res.counts["page"] == 2 and _tables(res.moved_aside / "daftar.sqlite") == before


HOLDER = """
import sys, time
from records.workspace import Workspace
ws = Workspace.open(sys.argv[1])
print("open", flush=True)
time.sleep(600)
"""


def test_restore_refuses_a_workspace_another_process_has_open_until_that_process_dies(workspace, tmp_path):
    # GIVEN a backup and another process (the app) with the workspace open
    import signal
    import subprocess
    import sys
    from pathlib import Path

    _fill(workspace)
    backup = create_backup(workspace, tmp_path / "b.tar").path
    Workspace.open(tmp_path / "current", create=True).close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "current")],
                            stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "open"
        # WHEN restored over with --force  THEN it is refused and the folder stays
        with pytest.raises(BackupError, match="is open in Daftar"):
            restore_backup(backup, tmp_path / "current", force=True)
        assert Workspace.exists(tmp_path / "current")
        # AND `daftar backup` beside the app still works (both only share the lock)
        other = Workspace.open(tmp_path / "current")
        create_backup(other, tmp_path / "beside.tar")
        other.close()
    finally:
        # WHEN that process dies without closing anything (a crash, a power cut)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    # THEN its lock died with it: the lock file left behind locks nothing
    assert (tmp_path / "current" / "daftar.lock").exists()
    res = restore_backup(backup, tmp_path / "current", force=True)
    assert res.counts["page"] == 2 and res.moved_aside is not None


def test_a_workspace_being_restored_cannot_be_opened_meanwhile(workspace, tmp_path):
    # GIVEN a restore holding the workspace (the exclusive lock it takes while it moves it)
    from records.workspace import WorkspaceError
    from records.workspace_lock import hold_alone, release

    Workspace.open(tmp_path / "current", create=True).close()
    alone = hold_alone(tmp_path / "current")
    try:
        # WHEN the app opens it meanwhile  THEN it is told to wait, by name
        with pytest.raises(WorkspaceError, match=r"current is being restored .*Wait until"):
            Workspace.open(tmp_path / "current")
    finally:
        release(alone)
    # AND once the restore is done it opens
    Workspace.open(tmp_path / "current").close()


def _rewrite_tar(src, dst, change):
    """Copy a tar member by member, letting `change(name, data)` alter or drop (None) data."""
    with tarfile.open(src) as tin, tarfile.open(dst, "w") as tout:
        for m in tin:
            data = tin.extractfile(m).read()
            new = change(m.name, data)
            if new is None:
                continue
            m.size = len(new)
            import io

            tout.addfile(m, io.BytesIO(new))


def test_damaged_image_in_backup_is_named_and_nothing_is_restored(workspace, tmp_path):
    # GIVEN a backup in which one page image has one byte changed
    _fill(workspace)
    good = create_backup(workspace, tmp_path / "good.tar").path
    bad = tmp_path / "bad.tar"
    victim = sorted(n for n in read_manifest(good)["files"] if n.startswith("images/"))[0]
    _rewrite_tar(good, bad, lambda n, d: (bytes([d[0] ^ 1]) + d[1:]) if n == victim else d)
    # WHEN it is verified or restored
    # THEN the error names the backup and the damaged file, and the target does not appear
    with pytest.raises(BackupError, match=f"bad.tar.*{victim}.*damaged"):
        restore_backup(bad, tmp_path / "target")
    assert not (tmp_path / "target").exists()
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]  # staging removed


def test_backup_missing_a_file_is_incomplete(workspace, tmp_path):
    # GIVEN a backup from which the audit key was dropped
    _fill(workspace)
    good = create_backup(workspace, tmp_path / "good.tar").path
    bad = tmp_path / "nokey.tar"
    _rewrite_tar(good, bad, lambda n, d: None if n == "keys/audit.key" else d)
    # WHEN verified  THEN it is incomplete and names the missing file
    with pytest.raises(BackupError, match="incomplete.*keys/audit.key"):
        verify_backup(bad)


def test_cut_short_backup_and_foreign_file_give_clear_errors(workspace, tmp_path):
    # GIVEN a backup cut in half (as by a copy that stopped), and a file that is no backup
    _fill(workspace)
    good = create_backup(workspace, tmp_path / "good.tar").path
    cut = tmp_path / "cut.tar"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    junk = tmp_path / "photo.tar"
    junk.write_bytes(os.urandom(5000))
    # WHEN restoring them  THEN each error names the file and says what is wrong
    with pytest.raises(BackupError, match="cut.tar.*(incomplete|damaged|cut short)"):
        restore_backup(cut, tmp_path / "t1")
    with pytest.raises(BackupError, match="photo.tar.*(damaged|not a Daftar backup)"):
        restore_backup(junk, tmp_path / "t2")
    with pytest.raises(BackupError, match="does not exist"):
        restore_backup(tmp_path / "nothing.tar", tmp_path / "t3")
    assert not (tmp_path / "t1").exists() and not (tmp_path / "t2").exists()


def test_manifest_of_another_program_is_refused(tmp_path):
    # GIVEN a tar with a manifest.json that is not ours
    p = tmp_path / "x.tar"
    import io

    with tarfile.open(p, "w") as t:
        blob = json.dumps({"format": "something-else"}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(blob)
        t.addfile(info, io.BytesIO(blob))
    # WHEN read  THEN it is refused by name
    with pytest.raises(BackupError, match="x.tar is not a Daftar backup"):
        read_manifest(p)


def test_backup_while_another_thread_writes_is_consistent(workspace, tmp_path):
    # GIVEN a writer that keeps adding a page with two rows per transaction
    ws = workspace
    users = make_users(ws)
    rid, _, _ = make_page(ws, users["clerk"], rows=ROWS[:1])
    stop = threading.Event()
    written = []

    def writer():
        i = 0
        while not stop.is_set():
            i += 1
            with ws.session() as s:
                p = S.add_page(s, ws.images, actor=users["clerk"], register_id=rid,
                               data=os.urandom(20_000) + str(i).encode())
                for r in ROWS:
                    S.add_entry(s, actor=users["clerk"], register_id=rid, page_id=p.page_id, values=dict(r))
            written.append(i)

    t = threading.Thread(target=writer)
    t.start()
    try:
        # WHEN three backups are taken while it writes
        backups = []
        for n in range(3):
            while len(written) < 3 * (n + 1):
                stop.wait(0.01)
            backups.append(create_backup(ws, tmp_path / f"b{n}.tar"))
    finally:
        stop.set()
        t.join()
    # THEN each restores to a workspace where every page has its two rows and its image,
    # and the audit chain verifies
    for n, b in enumerate(backups):
        res = restore_backup(b.path, tmp_path / f"r{n}")
        assert res.audit_ok, res.audit_reason
        ws2 = Workspace.open(tmp_path / f"r{n}")
        try:
            with ws2.session() as s:
                pages = S.list_pages(s, rid)
                assert len(pages) >= 4
                for p in pages[1:]:
                    assert len(S.page_rows(s, p.id)) == 2
                    ws2.images.get(p.image_sha256)  # present and matching its hash
        finally:
            ws2.close()
    assert backups[-1].counts["page"] > backups[0].counts["page"]


def test_restoring_an_older_schema_upgrades_it_after_a_backup(workspace, tmp_path, monkeypatch):
    # GIVEN a backup made at the current revision
    _fill(workspace)
    backup = create_backup(workspace, tmp_path / "old.tar").path
    current = migrate.head_revision()
    assert read_manifest(backup)["alembic_revision"] == current
    # AND a program version with one more migration
    newer = install_newer_schema(tmp_path, monkeypatch)
    # WHEN the backup is restored by that version
    res = restore_backup(backup, tmp_path / "restored")
    # THEN the workspace is upgraded, the pre-upgrade database is kept, data and audit survive
    assert res.revision == newer
    assert res.upgrade_backup and os.path.isfile(res.upgrade_backup)
    assert f"before-upgrade-{current}" in res.upgrade_backup
    assert res.counts["entry"] == 2 and res.audit_ok
    con = sqlite3.connect(tmp_path / "restored" / "daftar.sqlite")
    try:
        assert con.execute("SELECT shelf FROM register").fetchall() == [("A-1",)]
    finally:
        con.close()


# ----------------------------------------------------------------------------- encrypted
LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
SECRET_NAME = "غلام رسول نمبردار"


@pytest.fixture
def encrypted_backup(tmp_path):
    ws, _code = Workspace.create_encrypted(tmp_path / "enc", admin_username="admin",
                                           admin_password="admin-pass-1", kdf=LIGHT_KDF)
    try:
        with ws.session() as s:
            from records.accounts import get_user

            a = get_user(s, 1).actor()
            rid = S.create_register(s, actor=a, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                    mauza="دیہہ", hadbast_no="12", year="2019-20")
            page = S.add_page(s, ws.images, actor=a, register_id=rid, data=f"PNG {SECRET_NAME}".encode())
            S.add_entry(s, actor=a, register_id=rid, page_id=page.page_id,
                        values={"khewat_no": "47", "owner": SECRET_NAME})
        res = create_backup(ws, tmp_path / "enc-backup.tar")
        key = ws.key
    finally:
        ws.close()
    return res, key


def test_backup_of_an_encrypted_workspace_holds_no_plaintext(encrypted_backup):
    # GIVEN a backup of an encrypted workspace
    res, _ = encrypted_backup
    # WHEN its bytes are read  THEN neither the owner's name nor a SQLite header is visible
    data = res.path.read_bytes()
    assert SECRET_NAME.encode() not in data and b"SQLite format 3" not in data
    # AND its manifest says it is encrypted and still counts the rows
    m = read_manifest(res.path)
    assert m["encrypted"] is True and m["counts"]["entry"] == 1 and "keys/slots.json" in m["files"]


def test_encrypted_backup_restores_with_or_without_signing_in(encrypted_backup, tmp_path):
    # GIVEN an encrypted backup
    res, key = encrypted_backup
    # WHEN restored without a user  THEN files are verified, the workspace is not opened
    plain = restore_backup(res.path, tmp_path / "r1")
    assert not plain.opened and any("encrypted" in w for w in plain.warnings)
    # AND the admin can later sign in and read it
    ws = Workspace.open(tmp_path / "r1", key=Workspace.unlock(tmp_path / "r1", "admin", "admin-pass-1"))
    try:
        with ws.session() as s:
            assert audit.verify(s).ok
            assert S.page_rows(s, S.list_pages(s, 1)[0].id)[0].text("owner") == SECRET_NAME
    finally:
        ws.close()
    # WHEN restored signing in as the admin  THEN it is opened and its audit chain checked
    signed = restore_backup(res.path, tmp_path / "r2", username="admin", password="admin-pass-1")
    assert signed.opened and signed.audit_ok and signed.counts["entry"] == 1
    # WHEN the password is wrong  THEN it is refused by name and nothing is restored
    with pytest.raises(BackupError, match="enc-backup.tar is encrypted and cannot be opened as admin"):
        restore_backup(res.path, tmp_path / "r3", username="admin", password="wrong")
    assert not (tmp_path / "r3").exists()


def test_backup_of_a_newer_daftar_is_refused_before_anything_is_replaced(workspace, tmp_path):
    # GIVEN a backup whose manifest names a schema this version does not know
    _fill(workspace)
    good = create_backup(workspace, tmp_path / "good.tar").path
    newer = tmp_path / "newer.tar"

    def bump(name, data):
        if name != "manifest.json":
            return data
        m = json.loads(data)
        m["alembic_revision"] = "zz99"
        return json.dumps(m).encode()

    _rewrite_tar(good, newer, bump)
    other = Workspace.open(tmp_path / "current", create=True)
    other.close()
    # WHEN restored over an existing workspace with --force
    # THEN it is refused by name and the current workspace stays where it is
    with pytest.raises(BackupError, match="newer.tar was made by a newer version of Daftar \\(schema zz99\\)"):
        restore_backup(newer, tmp_path / "current", force=True)
    assert Workspace.exists(tmp_path / "current")
    assert not [p for p in tmp_path.iterdir() if "before-restore" in p.name or ".restore-" in p.name]


def test_restore_onto_a_network_share_is_refused(workspace, tmp_path, monkeypatch):
    # GIVEN a backup and a target folder on a network share
    import records.workspace as workspace_mod

    _fill(workspace)
    backup = create_backup(workspace, tmp_path / "b.tar").path
    monkeypatch.setattr(workspace_mod, "filesystem_type", lambda path: "cifs")
    # WHEN restored there  THEN it is refused before anything is written
    with pytest.raises(BackupError, match="network share \\(cifs\\).*local folder"):
        restore_backup(backup, tmp_path / "share" / "ws")
    assert not (tmp_path / "share").exists()


def test_backup_while_another_process_imports_pages_is_consistent(workspace, tmp_path):
    # GIVEN another process (as the app would) importing pages into the workspace
    import subprocess
    import sys
    from pathlib import Path

    from tests.records.test_crash import IMPORTER

    ws = workspace
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(ws.root), "200000"],
                            stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "ready"
        for _ in range(3):
            proc.stdout.readline()
        # WHEN two backups are taken while it writes
        backups = []
        for n in range(2):
            backups.append(create_backup(ws, tmp_path / f"p{n}.tar"))
            for _ in range(2):
                proc.stdout.readline()
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    # THEN each restores with every page's image present and the audit chain intact
    for n, b in enumerate(backups):
        res = restore_backup(b.path, tmp_path / f"rp{n}")
        assert res.audit_ok and res.counts["page"] >= 3
        ws2 = Workspace.open(tmp_path / f"rp{n}")
        try:
            with ws2.session() as s:
                for p in S.list_pages(s, 1):
                    ws2.images.get(p.image_sha256)
        finally:
            ws2.close()
    assert backups[1].counts["page"] > backups[0].counts["page"]


def test_a_backup_to_a_folder_that_is_not_there_is_refused_not_made(workspace, tmp_path):
    # GIVEN a workspace, and a USB stick that is not mounted (its folder is not there)
    _fill(workspace)
    stick = tmp_path / "media" / "usb"
    # WHEN backing up into that folder, or to a file in it
    for dest in (f"{stick}/", stick / "daftar.tar", stick / "office"):
        with pytest.raises(BackupError) as refused:
            create_backup(workspace, dest)
        # (in the words an export into that folder says it: records.output_file.missing_folder)
        assert str(refused.value) == (f"The folder {stick} does not exist (is the USB stick or disk plugged in and "
                                      "mounted?): nothing was written.")
        with pytest.raises(OutputFileError, match=re.escape(str(refused.value))):
            check_output(stick / "entries.csv")
    # THEN nothing was written on this computer's own disk, and no backup is remembered
    assert not (tmp_path / "media").exists() and not list(tmp_path.glob("*.tar"))
    from records.backup import last_backup

    assert last_backup(workspace) is None
    # AND a folder nobody may write into is said in one line, naming the backup
    with pytest.raises(BackupError, match="Cannot write the backup /proc/daftar-backup-"):
        create_backup(workspace, "/proc/")


def _damage_database(ws) -> None:
    """Overwrite the last page of the database file that holds rows (a disk's bad sector): the
    workspace still opens, but reading some of its rows fails. (Not simply the file's last page:
    that may hold the schema itself, which grew onto a page of its own, and then nothing opens.)"""
    import sqlite3

    ws.close()
    db = ws.root / "daftar.sqlite"
    con = sqlite3.connect(db)
    page = con.execute("SELECT max(pageno) FROM dbstat WHERE name != 'sqlite_schema' AND name != 'sqlite_master'")\
        .fetchone()[0]
    con.close()
    with open(db, "r+b") as f:
        f.seek((page - 1) * 4096)
        f.write(b"\xff" * 4096)


def test_a_damaged_database_is_not_backed_up_as_if_sound(workspace, tmp_path):
    # GIVEN a workspace whose database file was damaged on disk (it still opens)
    _fill(workspace)
    _damage_database(workspace)
    ws = Workspace.open(workspace.root)
    try:
        # WHEN a backup is asked for
        with pytest.raises(BackupError, match="is damaged .*no backup was written.*daftar check"):
            create_backup(ws, tmp_path)
        # THEN no file is written and no backup is remembered (the reminder keeps asking)
        from records.backup import last_backup

        assert [p.name for p in tmp_path.iterdir()] == ["ws"] and last_backup(ws) is None
    finally:
        ws.close()


def test_a_backup_restores_with_its_own_trail_end_while_others_write(workspace, tmp_path, monkeypatch):
    # GIVEN a workspace, and a writer that commits an event just after the backup's database
    # copy was taken (so the newest event noted beside the live database is newer than the copy)
    import records.backup as backup_mod

    users, _rid, _pid, _ids = _fill(workspace)
    real = backup_mod.snapshot_info

    def then_a_writer(*a, **k):
        with workspace.session() as s:
            audit.record(s, actor=users["clerk"], action="page.view", entity="page", entity_id=1)
        return real(*a, **k)

    monkeypatch.setattr(backup_mod, "snapshot_info", then_a_writer)
    # WHEN a backup is taken and restored
    res = create_backup(workspace, tmp_path / "b.tar")
    restored = restore_backup(res.path, tmp_path / "r")
    # THEN its trail verifies: it carries the note of its own newest event, not the live one
    assert restored.audit_ok, restored.audit_reason
    # AND the live workspace's trail, one event longer, verifies too
    with workspace.session() as s:
        assert audit.verify(s).ok


def test_restoring_a_backup_without_an_anchor_writes_one_after_verifying(workspace, tmp_path, monkeypatch):
    # GIVEN a backup made before backups carried the note of the trail's newest event
    from records import backup

    _fill(workspace)
    monkeypatch.setattr(backup, "_newest_event", lambda *_a, **_k: None)
    res = create_backup(workspace, tmp_path / "old.tar")
    assert "keys/audit-anchor.json" not in read_manifest(res.path)["files"]
    monkeypatch.undo()
    # WHEN it is restored
    restored = restore_backup(res.path, tmp_path / "restored")
    # THEN the chain is verified, then the note written (trust on first use), and said
    assert restored.audit_ok
    assert any("trust on first use" in w for w in restored.warnings)
    ws = Workspace.open(tmp_path / "restored")
    try:
        with ws.session() as s:
            r = audit.verify(s)
        assert r.ok and r.warning == ""
        assert audit.read_anchor(ws.root / "keys" / audit.ANCHOR_FILE, ws.audit_key) == (r.checked, r.head)
    finally:
        ws.close()


def test_a_backup_given_a_relative_path_is_recorded_with_its_absolute_path(workspace, tmp_path, monkeypatch):
    from sqlalchemy import select

    from records.backup import last_backup
    from records.models import AuditEvent

    # GIVEN a supervisor working in the folder of a USB stick
    users, *_ = _fill(workspace)
    (tmp_path / "usb").mkdir()
    monkeypatch.chdir(tmp_path / "usb")
    # WHEN the backup is written there under a relative name
    res = back_up(workspace, users["supervisor"], "june")
    # THEN the result, the last-backup note and the audit trail name the absolute path (they named
    # "june.tar", which says nothing once read from another folder: `daftar check`, the app)
    where = str(tmp_path / "usb" / "june.tar")
    assert str(res.path) == where and res.path.is_file()
    assert last_backup(workspace).path == where
    with workspace.session() as s:
        assert s.scalar(select(AuditEvent.new).where(AuditEvent.action == "workspace.backup")) == where


def test_a_backup_inside_the_workspace_folder_goes_only_into_its_backups_folder(workspace, tmp_path):
    from records.backup import last_backup

    # GIVEN a workspace with records
    _fill(workspace)
    root = workspace.root
    images_before = sorted(p.name for p in (root / "images").rglob("*"))
    # WHEN a backup is asked for into its images/ or keys/ folder, or its folder itself
    for dest in (root / "images", root / "images" / "copy.tar", root / "keys", root, root / "copy.tar"):
        # THEN it is refused, saying where Daftar keeps its own files and where to write instead
        with pytest.raises(BackupError, match=r"is inside the workspace folder .*among Daftar's own files: write "
                                              r"the backup onto a USB stick or another disk, or into the "
                                              r"workspace's backups/ folder"):
            create_backup(workspace, dest)
    # AND nothing was written among them, and no backup is remembered
    assert sorted(p.name for p in (root / "images").rglob("*")) == images_before
    assert not list(root.glob("*.tar")) and last_backup(workspace) is None
    # AND its backups/ folder, by default or named, still takes one (a name of its own: two default
    # names in one second would be the same)
    assert create_backup(workspace).path.parent == root / "backups"
    assert create_backup(workspace, root / "backups" / "named.tar").path == root / "backups" / "named.tar"


def test_a_backup_written_while_the_clock_was_years_ahead_does_not_silence_the_reminder(workspace, tmp_path):
    import datetime as dt

    from records import health
    from records.backup import DATED_AHEAD, days_without_backup, last_backup

    # GIVEN a backup written on a day the computer's clock said it was three years later
    _fill(workspace)
    create_backup(workspace, tmp_path / "ahead.tar")
    last = last_backup(workspace)
    # WHEN the clock is put right (now: three years before the backup's date)
    right = last.at - dt.timedelta(days=3 * 365)
    # THEN the reminder is due, saying the backup is dated after today (not silent for three years)
    assert days_without_backup(workspace, 7, now=right) == DATED_AHEAD
    # AND `daftar check` warns, naming the date and the computer's clock
    part = health.check_backups(workspace, now=right)
    assert part.warning and "after this computer's date" in part.summary and "write a backup" in part.summary
    # AND a backup an hour "ahead" (clocks a little apart) is simply recent
    assert days_without_backup(workspace, 7, now=last.at - dt.timedelta(hours=1)) is None
