"""A backup taken while the app keeps saving (in the app's job process, or `daftar backup`
beside the app): it is recorded in the audit trail, or not left at all."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select

from records import audit
from records.backup import BackupError, back_up, last_backup, read_manifest
from records.models import AuditEvent
from records.workspace import Workspace
from tests.records.test_backup import _fill


def test_a_backup_is_recorded_while_another_connection_saves_at_the_same_moment(workspace, tmp_path):
    """Seen on the big workspace: a backup of 100,000 entries taken while a clerk saved every
    20 ms failed at its very end with 'IntegrityError: UNIQUE constraint failed:
    audit_event.id' (its event's id taken by the clerk's), and the .tar stayed on the stick,
    recorded nowhere."""
    users, *_ = _fill(workspace)
    app = Workspace.open(workspace.root)  # (the app's own connection; the backup is another program)
    saved = threading.Event()

    def clerk_saves() -> None:
        with app.session() as s:
            audit.record(s, actor=users["clerk"], action="field.set", entity="entry", entity_id=1, new="x")
        saved.set()

    fired = []

    def before(conn, cursor, statement, params, context, executemany):
        # GIVEN the clerk saving just as the backup's event is about to be written
        if statement.startswith("INSERT INTO audit_event") and not fired:
            fired.append(1)
            threading.Thread(target=clerk_saves).start()
            saved.wait(1.0)

    event.listen(workspace.engine, "before_cursor_execute", before)
    try:
        # WHEN the backup is written
        r = back_up(workspace, users["supervisor"], tmp_path / "usb.tar")
    finally:
        event.remove(workspace.engine, "before_cursor_execute", before)
        assert saved.wait(10)
        app.close()
    # THEN it is recorded, the clerk's save too, and the chain is whole
    assert fired and read_manifest(r.path)["format"] == "daftar-backup"
    with workspace.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(2))]
        assert sorted(actions) == ["field.set", "workspace.backup"]
        assert audit.verify(s).ok


def test_a_backup_that_cannot_be_recorded_is_not_left_behind(workspace, tmp_path, monkeypatch):
    users, *_ = _fill(workspace)
    first = back_up(workspace, users["supervisor"], tmp_path / "first.tar")
    from sqlalchemy.exc import OperationalError

    def fails(*a, **kw):
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    # GIVEN a workspace whose audit trail cannot be written just then
    monkeypatch.setattr(audit, "record", fails)
    # WHEN a backup is taken
    with pytest.raises(BackupError) as e:
        back_up(workspace, users["supervisor"], tmp_path / "usb")
    # THEN it says so in one line, and neither the .tar nor a note of it is left
    assert str(e.value).count("\n") == 0 and "could not be recorded in the audit trail (disk I/O error)" in str(e.value)
    assert "no backup was written" in str(e.value)
    assert not (tmp_path / "usb").exists() or not any((tmp_path / "usb").iterdir())
    assert last_backup(workspace).path == str(first.path)
