"""Alembic migrations: from empty to head, matching the models, and upgrading an older workspace."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

import records.migrate as migrate
from records import audit
from records import services as S
from records.models import Base
from records.workspace import Workspace, WorkspaceError
from tests.records.helpers import make_page, make_users
from tests.records.migration_fixtures import install_failing_schema, install_newer_schema


def _diffs(engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)


def test_upgrade_from_an_empty_database_matches_the_models(tmp_path):
    # GIVEN an empty folder
    # WHEN a workspace is created (migrations run from nothing)
    ws = Workspace.open(tmp_path / "ws", create=True)
    try:
        # THEN it is at the head revision, no backup was needed, and the schema the
        # migrations built is exactly the one the models describe
        assert migrate.current_revision(ws.engine) == migrate.head_revision() == "0006"
        assert ws.upgrade_backup is None and not ws.backups_dir.exists()
        assert _diffs(ws.engine) == []
    finally:
        ws.close()


def test_downgrade_to_nothing_and_upgrade_again(tmp_path):
    # GIVEN a database at head
    db = tmp_path / "x.sqlite"
    url = f"sqlite:///{db}"
    cfg = migrate.alembic_config(url)
    command.upgrade(cfg, "head")
    # WHEN it is downgraded to base and upgraded again
    command.downgrade(cfg, "base")
    con = sqlite3.connect(db)
    left = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    con.close()
    command.upgrade(cfg, "head")
    # THEN the downgrade removed every table but alembic's, and the upgrade rebuilt them all
    assert left == ["alembic_version"]
    assert _diffs(create_engine(url)) == []


def test_opening_a_workspace_of_the_previous_revision_backs_it_up_and_upgrades(workspace, tmp_path, monkeypatch):
    # GIVEN a workspace with data, made by this version (the current head revision)
    old = migrate.head_revision()
    ws = workspace
    users = make_users(ws)
    rid, pid, ids = make_page(ws, users["clerk"])
    root = ws.root
    ws.close()
    # AND a newer program version with one more migration (which recreates a table)
    newer = install_newer_schema(tmp_path, monkeypatch)
    # WHEN the newer version opens the workspace
    ws2 = Workspace.open(root)
    try:
        # THEN a backup of the old database was taken first, still at the old revision
        assert ws2.upgrade_backup is not None
        backup = ws2.backups_dir / ws2.upgrade_backup.split("/")[-1]
        assert backup.is_file() and backup.name.startswith(f"before-upgrade-{old}-")
        con = sqlite3.connect(backup)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (old,)
        assert con.execute("SELECT count(*) FROM entry").fetchone() == (1,)
        con.close()
        # AND the workspace is at the new revision with every row, reference and audit event intact
        assert migrate.current_revision(ws2.engine) == newer
        with ws2.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("SELECT shelf FROM register").fetchall() == [("A-1",)]
        with ws2.session() as s:
            assert [r.entry_id for r in S.page_rows(s, pid)] == ids
            assert audit.verify(s).ok
    finally:
        ws2.close()
    # AND opening it again takes no second backup
    ws3 = Workspace.open(root)
    try:
        assert ws3.upgrade_backup is None
        assert len(list(ws3.backups_dir.iterdir())) == 1
    finally:
        ws3.close()


def test_a_failing_upgrade_leaves_the_database_as_it_was(workspace, tmp_path, monkeypatch):
    # GIVEN a workspace with data, and a newer version whose migration fails half way
    ws = workspace
    users = make_users(ws)
    make_page(ws, users["clerk"])
    root = ws.root
    ws.close()

    def schema():
        con = sqlite3.connect(root / "daftar.sqlite")
        try:
            return sorted(con.execute("SELECT name, sql FROM sqlite_master").fetchall(), key=str), \
                con.execute("SELECT count(*) FROM entry").fetchone()[0]
        finally:
            con.close()

    before = schema()
    old = migrate.head_revision()
    install_failing_schema(tmp_path, monkeypatch)
    # WHEN the newer version opens it
    with pytest.raises(WorkspaceError) as e:
        Workspace.open(root)
    # THEN the error names the database and the cause, and nothing was changed
    assert f"daftar.sqlite from schema {old} failed" in str(e.value) and "power cut" in str(e.value)
    assert "left as it was" in str(e.value)
    assert schema() == before
    # AND the current version still opens it
    monkeypatch.undo()
    Workspace.open(root).close()


def _database_at(tmp_path, revision: str):
    """A workspace database migrated to `revision` holding register 1, and a connection to it."""
    db = tmp_path / "ws" / "daftar.sqlite"
    db.parent.mkdir()
    command.upgrade(migrate.alembic_config(f"sqlite:///{db}"), revision)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO register (id, uuid, template_id, template_version, district, tehsil, mauza, hadbast_no,"
                " year, volume, header, created_at) VALUES (1, 'r', 'jamabandi', 1, 'd', 't', 'm', '1', '2019', '1', '{}',"
                " '2020-01-01')")
    return db, con


def test_upgrade_0001_to_0002_backfills_khasra_search_tokens(tmp_path):
    # GIVEN a workspace database at revision 0001 holding an entry with khasra numbers
    db, con = _database_at(tmp_path, "0001")
    con.execute("INSERT INTO entry (id, uuid, version, register_id, row_no, state, is_latest, deleted, created_at,"
                " updated_at, search_khewat, search_khasra, search_owner) VALUES (1, 'e', 1, 1, 1, 'draft', 1, 0,"
                " '2020-01-01', '2020-01-01', '47', ' 125/5 126 ', 'x')")
    con.commit()
    con.close()
    # WHEN the workspace is opened by this version
    ws = Workspace.open(db.parent)
    try:
        # THEN it was backed up at 0001, upgraded, and khasra search finds the entry by token
        assert ws.upgrade_backup and "before-upgrade-0001-" in ws.upgrade_backup
        from records import services

        with ws.session() as s:
            assert [h.entry_id for h in services.search(s, "125")] == [1]
            assert [h.entry_id for h in services.search(s, "125/5")] == [1]
            assert [h.entry_id for h in services.search(s, "126")] == [1]
            assert services.search(s, "127") == []
    finally:
        ws.close()


def test_upgrade_0002_to_0003_keeps_pages_and_says_nothing_about_their_kind(tmp_path):
    # GIVEN a workspace database at revision 0002 holding a page read by OCR
    db, con = _database_at(tmp_path, "0002")
    con.execute("INSERT INTO page (id, register_id, page_no, image_name, width, height, ocr_status, state, created_at,"
                " updated_at) VALUES (1, 1, 1, 'p1.png', 10, 10, 'done', 'draft', '2020-01-01', '2020-01-01')")
    con.commit()
    con.close()
    # WHEN the workspace is opened by this version
    ws = Workspace.open(db.parent)
    try:
        # THEN the page is there, read as before, with no kind said of it (it was read before the check)
        from records import services

        assert ws.upgrade_backup and "before-upgrade-0002-" in ws.upgrade_backup
        with ws.session() as s:
            p = services.get_page(s, 1)
        assert (p.image_name, p.ocr_status, p.looks_like) == ("p1.png", "done", None)
    finally:
        ws.close()


def test_upgrade_0005_to_0006_keeps_imported_exports_with_no_epoch_and_downgrade_keeps_them_too(tmp_path):
    # GIVEN a workspace database at revision 0005 that imported a numbered export
    db, con = _database_at(tmp_path, "0005")
    con.execute("INSERT INTO imported_export (id, export_id, content_sha256, office_id, office_name, exported_at, "
                "export_seq, imported_at, file_name) VALUES (1, 'e1', 'c1', 'o1', 'Office', '2026-11-20 10:00:00', "
                "120, '2026-11-21 10:00:00', 'before.json')")
    con.commit()
    con.close()
    cfg = migrate.alembic_config(f"sqlite:///{db}")
    # WHEN it is upgraded to 0006
    command.upgrade(cfg, "0006")
    con = sqlite3.connect(db)
    try:
        # THEN the import is kept with its number, and no restore generation (made before epochs)
        assert con.execute("SELECT export_id, export_seq, export_epoch, office_restored_at, file_name "
                           "FROM imported_export").fetchall() == [("e1", 120, None, None, "before.json")]
    finally:
        con.close()
    # WHEN it is downgraded to 0005 again
    command.downgrade(cfg, "0005")
    con = sqlite3.connect(db)
    try:
        # THEN the two columns are gone and the row is still there
        cols = [r[1] for r in con.execute("PRAGMA table_info(imported_export)")]
        assert "export_epoch" not in cols and "office_restored_at" not in cols and "export_seq" in cols
        assert con.execute("SELECT export_id, export_seq FROM imported_export").fetchall() == [("e1", 120)]
    finally:
        con.close()


def test_a_backup_named_by_a_clock_that_lost_its_date_never_writes_over_an_earlier_one(workspace, monkeypatch):
    import datetime as dt

    from records import workspace as workspace_mod

    # GIVEN a computer whose clock starts at the same moment of 2010 at every boot, and a backup
    # taken before an upgrade at that moment already there
    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2010, 1, 1, 0, 0, 12)

    monkeypatch.setattr(workspace_mod.dt, "datetime", Frozen)
    first = workspace.timestamped_backup_path("before-upgrade-0004")
    first.parent.mkdir(parents=True, exist_ok=True)
    first.write_bytes(b"the earlier backup")
    # WHEN another is named at the same moment THEN it gets a name of its own
    second = workspace.timestamped_backup_path("before-upgrade-0004")
    assert second != first and not second.exists() and second.name.startswith("before-upgrade-0004-20100101-000012")
    assert first.read_bytes() == b"the earlier backup"
