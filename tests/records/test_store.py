"""The embedded store: pragmas, round trip, and clear errors for damaged, locked, remote, full."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

import records.images
import records.workspace as workspace_mod
from records import services as S
from records.images import ImageStoreError
from records.models import Page
from records.workspace import Workspace, WorkspaceError
from tests.records.helpers import make_page, make_users

OWNER = "محمد اسلم ولد غلام رسول قوم اعوان سکنہ دیہہ"


def test_database_runs_wal_full_sync_and_foreign_keys(workspace):
    # GIVEN a workspace  WHEN its connection settings are read
    with workspace.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    # THEN WAL, synchronous=FULL (2) and foreign keys on
    assert (mode, sync, fks) == ("wal", 2, 1)


def test_foreign_keys_are_enforced(workspace):
    # GIVEN a workspace  WHEN a page points at a register that does not exist
    # THEN the database refuses it
    with pytest.raises(IntegrityError):
        with workspace.session() as s:
            s.add(Page(register_id=999, page_no=1))


def test_round_trip_of_registers_pages_entries_and_values_with_urdu(workspace):
    # GIVEN a register with an Urdu header, a page, OCR rows and a typed row
    ws = workspace
    users = make_users(ws)
    clerk = users["clerk"]

    class R:  # an OCR reading
        def __init__(self, text, conf):
            self.text, self.raw_text, self.confidence, self.box, self.flags = text, text, conf, (10, 20, 300, 40), []

    with ws.session() as s:
        rid = S.create_register(s, actor=clerk, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                mauza="چک نمبر ۱۲ ج ب", hadbast_no="۱۲", year="2019-20", volume="2")
        page = S.add_page(s, ws.images, actor=clerk, register_id=rid, data=b"\x89PNG-a", name="صفحہ ۱.png")
        S.save_ocr_rows(s, actor=clerk, page_id=page.page_id, rows=[
            {"khewat_no": R("۴۷", 0.93), "owner": R(OWNER, 0.71), "khasra_nos": R("125/5، 126", 0.88)}])
        typed = S.add_entry(s, actor=clerk, register_id=rid, page_id=page.page_id,
                            values={"khewat_no": "48", "owner": "غلام فاطمہ دختر اللہ دتہ", "area": "12-5"})
    ws.close()
    # WHEN the workspace is opened again and read
    ws2 = Workspace.open(ws.root)
    try:
        with ws2.session() as s:
            reg = S.get_register(s, rid)
            pages = S.list_pages(s, rid)
            rows = S.page_rows(s, pages[0].id)
            data = ws2.images.get(pages[0].image_sha256)
    finally:
        ws2.close()
    # THEN everything is as written: Urdu text exact, digits normalised, OCR evidence kept
    assert (reg.district, reg.mauza, reg.hadbast_no, reg.volume) == ("لاہور", "چک نمبر 12 ج ب", "12", "2")
    assert [(p.page_no, p.image_name, p.ocr_status) for p in pages] == [(1, "صفحہ ۱.png", "done")]
    assert data == b"\x89PNG-a"
    assert [r.row_no for r in rows] == [1, 2] and rows[1].entry_id == typed
    ocr = rows[0].values
    assert ocr["khewat_no"].value == "47" and ocr["khewat_no"].raw_text == "۴۷"
    assert ocr["owner"].value == OWNER and ocr["owner"].confidence == pytest.approx(0.71)
    assert ocr["owner"].box == (10, 20, 300, 40) and ocr["owner"].source == "ocr"
    assert rows[1].text("area") == "12-5" and rows[1].values["area"].source == "typed"


def test_same_image_is_stored_once(workspace):
    # GIVEN a page already imported
    users = make_users(workspace)
    rid, pid, _ = make_page(workspace, users["clerk"], data=b"same bytes")
    # WHEN the same image is added again
    with workspace.session() as s:
        again = S.add_page(s, workspace.images, actor=users["clerk"], register_id=rid, data=b"same bytes")
    # THEN it is not added twice and the result says where it is
    assert again.skipped and again.duplicate_of == (rid, 1, pid)
    assert len(workspace.images.all_hashes()) == 1


# ----------------------------------------------------------------------------- bad databases
def _damage(ws, how: str) -> bytes:
    users = make_users(ws)
    make_page(ws, users["clerk"])
    ws.close()  # checkpoints the WAL into the main file
    db = ws.db_path
    size = db.stat().st_size
    if how == "random":
        db.write_bytes(os.urandom(size))
    elif how == "truncated":
        with open(db, "r+b") as f:
            f.truncate(size // 2)
    elif how == "empty":
        db.write_bytes(b"")
    return db.read_bytes()


@pytest.mark.parametrize("how", ["random", "truncated"])
def test_damaged_database_gives_a_clear_error_and_is_left_alone(workspace, how):
    # GIVEN a workspace whose database file was overwritten with random bytes or cut in half
    before = _damage(workspace, how)
    # WHEN it is opened
    with pytest.raises(WorkspaceError) as e:
        Workspace.open(workspace.root)
    # THEN the message names the file, says it is damaged and how to recover; file unchanged
    msg = str(e.value)
    assert str(workspace.db_path) in msg and "damaged" in msg and "daftar restore" in msg
    assert workspace.db_path.read_bytes() == before


def test_emptied_database_beside_page_images_is_not_taken_for_a_new_one(workspace):
    # GIVEN a workspace whose database file became 0 bytes while its images remain
    _damage(workspace, "empty")
    # WHEN it is opened  THEN it is refused instead of silently starting empty
    with pytest.raises(WorkspaceError, match="empty \\(0 bytes\\).*1 page image"):
        Workspace.open(workspace.root)
    assert workspace.db_path.stat().st_size == 0


def test_locked_database_gives_a_clear_error(workspace, monkeypatch):
    # GIVEN another program holding an exclusive lock on the database
    monkeypatch.setattr(workspace_mod, "OPEN_LOCK_TIMEOUT", 0.2)
    root = workspace.root
    workspace.close()
    other = sqlite3.connect(root / "daftar.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        # WHEN the workspace is opened
        with pytest.raises(WorkspaceError) as e:
            Workspace.open(root)
        # THEN the message says it is in use and what to do
        assert "daftar.sqlite is in use by another program" in str(e.value)
        assert "Close it and try again" in str(e.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    # AND once the other program lets go it opens
    Workspace.open(root).close()


@pytest.mark.parametrize("fstype", ["nfs", "cifs"])
def test_workspace_on_a_network_share_is_refused(tmp_path, monkeypatch, fstype):
    # GIVEN a folder that lives on a network share
    monkeypatch.setattr(workspace_mod, "filesystem_type", lambda path: fstype)
    # WHEN a workspace is created there
    with pytest.raises(WorkspaceError) as e:
        Workspace.open(tmp_path / "share", create=True)
    # THEN it is refused with the reason and what to do, and no database is made
    assert f"network share ({fstype})" in str(e.value) and "local folder" in str(e.value)
    assert not (tmp_path / "share" / "daftar.sqlite").exists()


def test_missing_workspace_and_uncreatable_folder_are_explained(tmp_path):
    # GIVEN no workspace, and a path below a plain file
    (tmp_path / "afile").write_text("x")
    # WHEN opened  THEN each message names the path and what to do
    with pytest.raises(WorkspaceError, match="No Daftar workspace at .*daftar demo"):
        Workspace.open(tmp_path / "nothing")
    with pytest.raises(WorkspaceError, match="Cannot create the workspace folder .*afile/ws"):
        Workspace.open(tmp_path / "afile" / "ws", create=True)


def test_database_of_a_newer_daftar_or_another_program_is_refused(tmp_path):
    # GIVEN a workspace stamped by a newer version, and a SQLite file of another program
    ws = Workspace.open(tmp_path / "newer", create=True)
    with ws.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num='zz99'"))
    ws.close()
    (tmp_path / "foreign").mkdir()
    con = sqlite3.connect(tmp_path / "foreign" / "daftar.sqlite")
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    # WHEN they are opened  THEN both are refused with the reason, nothing changed
    with pytest.raises(WorkspaceError, match="newer version of Daftar \\(schema zz99\\)"):
        Workspace.open(tmp_path / "newer")
    with pytest.raises(WorkspaceError, match="is not a Daftar database"):
        Workspace.open(tmp_path / "foreign")
    con = sqlite3.connect(tmp_path / "foreign" / "daftar.sqlite")
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["contacts"]
    con.close()


# ----------------------------------------------------------------------------- images
def test_disk_full_while_storing_an_image_loses_nothing_saved_before(workspace, monkeypatch):
    # GIVEN a workspace with one page already saved
    ws = workspace
    users = make_users(ws)
    rid, pid, _ = make_page(ws, users["clerk"], data=b"first page")
    real_open = open

    class FullFile:
        def __init__(self, f):
            self.f = f

        def write(self, data):
            self.f.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def __getattr__(self, name):
            return getattr(self.f, name)

    monkeypatch.setattr(records.images, "open",
                        lambda p, mode="r", *a, **k: FullFile(real_open(p, mode, *a, **k)), raising=False)
    # WHEN a second page is imported and the disk fills up while its image is written
    with pytest.raises(ImageStoreError) as e:
        with ws.session() as s:
            S.add_page(s, ws.images, actor=users["clerk"], register_id=rid, data=b"second page" * 1000)
    monkeypatch.undo()
    # THEN the error says the disk is full and nothing saved before was lost
    assert "is full" in str(e.value) and "nothing saved before was lost" in str(e.value)
    with ws.session() as s:
        pages = S.list_pages(s, rid)
    assert [p.id for p in pages] == [pid]
    assert ws.images.get(pages[0].image_sha256) == b"first page"
    # AND no half-written file is left anywhere
    assert len(ws.images.all_hashes()) == 1
    assert not list((ws.images_dir / "tmp").glob("*"))


def test_half_written_images_are_cleaned_on_open(workspace):
    # GIVEN a leftover partial file from a crash
    tmp = workspace.images_dir / "tmp"
    tmp.mkdir(exist_ok=True)
    (tmp / "abc.part").write_bytes(b"half")
    workspace.close()
    # WHEN the workspace is opened  THEN the partial file is gone
    Workspace.open(workspace.root).close()
    assert not list(tmp.iterdir())


def test_opening_leaves_another_running_programs_half_written_image_alone(workspace):
    # GIVEN a partial image being written by a live process (the app, while `daftar
    # backup` opens the same workspace) and one left by a process that is gone
    import subprocess
    import sys

    tmp = workspace.images_dir / "tmp"
    tmp.mkdir(exist_ok=True)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        (tmp / f"{'a' * 64}.{live.pid}.0123abcd.part").write_bytes(b"being written")
        (tmp / f"{'b' * 64}.{dead.pid}.0123abcd.part").write_bytes(b"left by a crash")
        # WHEN the workspace is opened by another process
        Workspace.open(workspace.root).close()
        # THEN only the crashed writer's file is removed
        assert [p.name.split(".")[1] for p in tmp.iterdir()] == [str(live.pid)]
    finally:
        live.kill()
        live.wait()


def test_damaged_image_file_is_named(workspace):
    # GIVEN a stored page image that was changed on disk
    users = make_users(workspace)
    make_page(workspace, users["clerk"], data=b"original image")
    sha = next(iter(workspace.images.all_hashes()))
    workspace.images.path(sha).write_bytes(b"0riginal image")
    # WHEN it is read  THEN the error names the file and says it is damaged
    with pytest.raises(ImageStoreError, match=f"{sha}.*damaged"):
        workspace.images.get(sha)


def test_a_new_workspace_is_readable_by_its_own_account_only(tmp_path):
    # GIVEN no workspace yet
    import stat

    root = tmp_path / "office"
    # WHEN one is created and written to
    ws = Workspace.open(root, create=True)
    try:
        with ws.session() as s:
            s.execute(text("CREATE TABLE probe (x)"))
    finally:
        ws.close()

    def mode(p):
        return stat.S_IMODE(p.stat().st_mode)

    # THEN its folder and database (and the database's journal files) are for this account only
    assert mode(root) == 0o700
    assert all(mode(p) == 0o600 for p in root.glob("daftar.sqlite*"))
    # AND a folder that already held something keeps its own permissions
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    (home / "notes.txt").write_text("x")
    Workspace.open(home, create=True).close()
    assert mode(home) == 0o755 and mode(home / "daftar.sqlite") == 0o600


def test_an_encrypted_workspaces_key_slots_are_for_its_own_account_only(tmp_path):
    # GIVEN a new encrypted workspace
    import stat

    light = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
    ws, _code = Workspace.create_encrypted(tmp_path / "enc", admin_username="admin", admin_password="admin-pass-1",
                                           kdf=light)
    ws.close()
    # THEN its folder, database and key slots may be read by this account only
    root = tmp_path / "enc"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    for f in [*root.glob("daftar.sqlite*"), *(root / "keys").iterdir()]:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
