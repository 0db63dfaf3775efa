"""A restore from a backup is recorded in the restored workspace's own trail, with the next
restore generation (records/restores.py): the generation its JSON exports carry."""

from __future__ import annotations

import datetime as dt
import shutil

from sqlalchemy import select

from records import audit, restores
from records import services as S
from records.backup import create_backup, read_manifest, restore_backup
from records.models import AuditEvent
from records.workspace import Workspace
from tests.records.helpers import make_page, make_users

LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def _restore_events(root, key=None) -> list[AuditEvent]:
    ws = Workspace.open(root, key=key)
    try:
        with ws.session() as s:
            assert audit.verify(s).ok
            return list(s.scalars(select(AuditEvent).where(AuditEvent.action == restores.RESTORE_ACTION)
                                  .order_by(AuditEvent.id)))
    finally:
        ws.close()


def _newest_event(ws) -> int:
    with ws.session() as s:
        return max(s.scalars(select(AuditEvent.id)))


def test_each_restore_is_recorded_with_the_next_generation_and_the_backups_date(workspace, tmp_path):
    # GIVEN a workspace with records, and a backup of it
    users = make_users(workspace)
    make_page(workspace, users["clerk"])
    b1 = create_backup(workspace, tmp_path / "b1.tar").path
    last_in_b1 = _newest_event(workspace)
    made = dt.datetime.fromisoformat(read_manifest(b1)["created_at"]).replace(tzinfo=None)
    # WHEN it is restored
    r1 = restore_backup(b1, tmp_path / "r1")
    # THEN the restored trail ends with one workspace.restore event: generation 1, the backup's
    # date and its newest event, when it was restored and from which file; no note is left
    assert r1.restore_epoch == 1 and r1.audit_ok
    [ev] = _restore_events(tmp_path / "r1")
    assert ev.id == last_in_b1 + 1 and ev.new == str(b1)
    d = ev.detail
    assert (d["epoch"], d["backup_last_event"]) == (1, last_in_b1)
    assert d["backup_made_at"] == made.isoformat(timespec="microseconds")
    assert abs(dt.datetime.fromisoformat(d["restored_at"]) - dt.datetime.now(dt.UTC).replace(tzinfo=None)) \
        < dt.timedelta(minutes=5)
    assert not (tmp_path / "r1" / restores.NOTE).exists()
    ws = Workspace.open(tmp_path / "r1")
    try:
        with ws.session() as s:
            last = restores.last_restore(s)
        assert (last.epoch, last.backup_last_event, last.backup_made_at) == (1, last_in_b1, made)
        # WHEN the restored workspace is backed up and that backup restored in turn
        b2 = create_backup(ws, tmp_path / "b2.tar").path
    finally:
        ws.close()
    r2 = restore_backup(b2, tmp_path / "r2")
    # THEN that is generation 2 (the first restore's event came back with the backup)
    assert r2.restore_epoch == 2
    assert [e.detail["epoch"] for e in _restore_events(tmp_path / "r2")] == [1, 2]
    # AND the never-restored workspace has no restore
    with workspace.session() as s:
        assert restores.last_restore(s) is None


def test_a_restore_note_is_recorded_once_even_when_it_could_not_be_removed(workspace, tmp_path, monkeypatch):
    # GIVEN a restored workspace whose note came back after it was recorded (it could not be removed)
    users = make_users(workspace)
    make_page(workspace, users["clerk"])
    b1 = create_backup(workspace, tmp_path / "b1.tar").path
    root = tmp_path / "r1"
    note = tmp_path / "note.json"
    real = restores.record_pending

    def keep_a_copy(ws):
        shutil.copy(ws.root / restores.NOTE, note)
        return real(ws)

    with monkeypatch.context() as m:
        m.setattr(restores, "record_pending", keep_a_copy)
        restore_backup(b1, root)
    shutil.copy(note, root / restores.NOTE)
    # WHEN the workspace is opened again
    events = _restore_events(root)
    # THEN the restore is still recorded once, and the note is gone
    assert [e.detail["epoch"] for e in events] == [1]
    assert not (root / restores.NOTE).exists()


def test_an_encrypted_backup_restored_without_signing_in_is_recorded_at_the_first_sign_in(tmp_path):
    # GIVEN an encrypted workspace's backup, restored without a password (not opened)
    ws, _code = Workspace.create_encrypted(tmp_path / "enc", admin_username="admin",
                                           admin_password="admin-pass-1", kdf=LIGHT_KDF)
    try:
        with ws.session() as s:
            from records.accounts import get_user

            S.create_register(s, actor=get_user(s, 1).actor(), template="jamabandi", district="d", tehsil="t",
                              mauza="m", hadbast_no="1", year="2019-20")
        b = create_backup(ws, tmp_path / "enc.tar").path
    finally:
        ws.close()
    res = restore_backup(b, tmp_path / "r")
    assert not res.opened and res.restore_epoch == 0
    # THEN the note waits in the folder
    assert restores.pending(tmp_path / "r")
    # WHEN the administrator signs in (the workspace is opened with its key)
    key = Workspace.unlock(tmp_path / "r", "admin", "admin-pass-1")
    events = _restore_events(tmp_path / "r", key=key)
    # THEN the restore is recorded then, as generation 1, and the note removed
    assert [e.detail["epoch"] for e in events] == [1] and not restores.pending(tmp_path / "r")
