"""Audit chain: every change recorded; editing, deleting, reordering events is detected."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from records import audit
from records import services as S
from tests.records.helpers import ROW, make_page, make_users


@pytest.fixture
def audited(workspace):
    users = make_users(workspace)
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.set_value(s, actor=users["clerk"], entry_id=ids[0], field_name="area", text="12-6")
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
    workspace.close()
    return workspace


def _verify(ws):
    from records.workspace import Workspace

    w = Workspace.open(ws.root)
    try:
        with w.session() as s:
            return audit.verify(s)
    finally:
        w.close()


def _sql(ws, *stmts):
    con = sqlite3.connect(ws.db_path)
    for st in stmts:
        con.execute(st)
    con.commit()
    con.close()


def test_every_change_is_an_event_with_old_and_new_value(audited):
    from records.workspace import Workspace

    w = Workspace.open(audited.root)
    with w.session() as s:
        from records.audit_query import AuditFilter, query_events

        events = query_events(s, AuditFilter(action="value.set"))
        area = [e for e in events if e.field == "area"]
        assert [(e.old, e.new) for e in area] == [(None, "12-5"), ("12-5", "12-6")]
        assert all(e.username == "clerk" for e in area)
        assert audit.verify(s).ok
    w.close()


def test_edited_event_is_named(audited):
    # WHEN someone edits an old value in the database file
    _sql(audited, "UPDATE audit_event SET new='99-9' WHERE id=5")
    # THEN verify names event 5
    r = _verify(audited)
    assert not r.ok and r.first_bad_id == 5 and "changed" in r.reason


def test_deleted_event_is_named(audited):
    _sql(audited, "DELETE FROM audit_event WHERE id=4")
    r = _verify(audited)
    assert not r.ok and r.first_bad_id == 4 and "missing" in r.reason


def test_events_deleted_from_the_end_of_the_trail_are_named(audited):
    # GIVEN a trail that verifies, its newest event noted beside the database
    before = _verify(audited)
    assert before.ok
    # WHEN its last two events are deleted from the database
    _sql(audited, "DELETE FROM audit_event WHERE id > (SELECT max(id) - 2 FROM audit_event)")
    after = _verify(audited)
    # THEN verification fails, naming the missing events (what is left still links up)
    n = before.checked
    assert not after.ok and after.first_bad_id == n - 1
    assert after.reason == f"events {n - 1} to {n} are missing (deleted from the end of the trail)"


def test_an_altered_anchor_is_named_and_a_missing_one_leaves_the_batches(audited, tmp_path):
    import json

    from records.audit import ANCHOR_FILE

    anchor = audited.root / "keys" / ANCHOR_FILE
    note = json.loads(anchor.read_text())
    # WHEN the note of the newest event is moved back to hide deleted events
    _sql(audited, f"DELETE FROM audit_event WHERE id = {note['id']}")
    anchor.write_text(json.dumps({**note, "id": note["id"] - 1}))
    # THEN its signature gives it away
    r = _verify(audited)
    assert not r.ok and "was altered" in r.reason
    # WHEN it is removed instead, the trail's end is still checked against the sealed batches
    anchor.unlink()
    _sql(audited, f"INSERT INTO batch (uuid, state, audit_head, created_at) VALUES "
                  f"('b-1', 'sent', '{note['hash']}', '2026-11-27 00:00:00')")
    r = _verify(audited)
    assert not r.ok and "no longer holds its newest event when batch 1 was sealed" in r.reason


def test_reordered_events_are_detected(audited):
    # swap the contents of events 3 and 4 (keeping ids)
    cols = "at,user_id,username,action,entity,entity_id,register_id,page_id,entry_uuid,field,old,new,detail,prev_hash,hash,mac"
    _sql(
        audited,
        f"CREATE TEMP TABLE t AS SELECT id,{cols} FROM audit_event WHERE id IN (3,4)",
        "UPDATE audit_event SET id=-3 WHERE id=3",
        "UPDATE audit_event SET id=3 WHERE id=4",
        "UPDATE audit_event SET id=4 WHERE id=-3",
    )
    r = _verify(audited)
    assert not r.ok and r.first_bad_id == 3


def test_recomputed_hash_without_the_key_is_detected(audited):
    # an attacker who rewrites an event and recomputes its hash still lacks the workspace key
    from records.workspace import Workspace

    w = Workspace.open(audited.root)
    with w.session() as s:
        from records.models import AuditEvent

        ev = s.get(AuditEvent, 6)
        ev.new = "forged"
        ev.hash = audit._hash(ev)
    w.close()
    r = _verify(audited)
    assert not r.ok and r.first_bad_id in (6, 7)


def test_cli_verify_exit_codes(audited):
    ok = subprocess.run([sys.executable, "-m", "daftar.cli", "audit", "verify", "--workspace", str(audited.root)],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "audit chain OK" in ok.stdout
    _sql(audited, "UPDATE audit_event SET old='x' WHERE id=2")
    bad = subprocess.run([sys.executable, "-m", "daftar.cli", "audit", "verify", "--workspace", str(audited.root)],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "BROKEN at event 2" in bad.stdout


def test_bulk_events_continue_the_chain_exactly_like_single_ones(workspace):
    # GIVEN a transaction that records one event, then three in bulk, then one more
    from sqlalchemy import select

    from records.models import AuditEvent

    actor = audit.Actor(None, "clerk", "clerk")
    with workspace.session() as s:
        audit.record(s, actor=actor, action="x.first", entity="entry", entity_id=1)
        n = audit.record_many(s, actor=actor, events=[
            {"action": "entry.submit", "entity": "entry", "entity_id": i, "old": "draft", "new": "submitted",
             "detail": {"comment": "ٹھیک"} if i == 2 else {}} for i in (1, 2, 3)])
        audit.record(s, actor=actor, action="x.last", entity="entry", entity_id=3)
    # THEN the chain holds the five in order and verifies with every hash recomputed
    with workspace.session() as s:
        rows = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert n == 3
        assert [e.action for e in rows] == ["x.first", "entry.submit", "entry.submit", "entry.submit", "x.last"]
        assert [e.prev_hash for e in rows[1:]] == [e.hash for e in rows[:-1]]
        assert all(e.hash == audit._hash(e) for e in rows)
        assert rows[2].detail == {"comment": "ٹھیک"}
        assert audit.verify(s).ok


def test_bulk_events_refuse_unknown_fields(workspace):
    with workspace.session() as s, pytest.raises(TypeError, match="colour"):
        audit.record_many(s, actor=audit.SYSTEM, events=[{"action": "x", "colour": "red"}])


def test_a_value_changed_in_the_database_file_is_named_with_what_the_trail_recorded(audited, capsys):
    # GIVEN a trail that verifies, with every value as recorded (the area corrected to 12-6)
    from daftar.cli import main
    from records.audit_values import mismatches
    from records.workspace import Workspace

    ws = Workspace.open(audited.root)
    with ws.session() as s:
        assert list(mismatches(s)) == []
    ws.close()
    # WHEN someone changes that area in the database file, outside Daftar
    _sql(audited, "UPDATE field_value SET value='99-9' WHERE field='area' AND value='12-6' AND current=1")
    # THEN the chain still verifies, but the value is named with what the trail recorded
    assert _verify(audited).ok
    ws = Workspace.open(audited.root)
    with ws.session() as s:
        (m,) = list(mismatches(s))
    ws.close()
    assert (m.field, m.value, m.recorded) == ("area", "99-9", "12-6") and "row 1" in m.where
    # AND `daftar audit verify` and `daftar check` fail, saying so
    assert main(["audit", "verify", "--workspace", str(audited.root)]) == 1
    out = capsys.readouterr().out
    assert "1 fact(s) of the records are not what the trail recorded" in out and "area is '99-9'" in out
    assert main(["check", "--workspace", str(audited.root)]) == 1
    assert "FAIL audit trail" in capsys.readouterr().out


@pytest.mark.parametrize("hide", [
    "DELETE FROM field_value WHERE field='area'",  # every row of the field gone
    "UPDATE field_value SET current=0 WHERE field='area'",  # its rows kept, none current
])
def test_a_value_removed_from_the_database_file_is_named_with_what_the_trail_recorded(audited, capsys, hide):
    # GIVEN a row whose area the trail recorded as 12-6, removed from the database file
    from daftar.cli import main
    from records.audit_values import mismatches
    from records.workspace import Workspace

    _sql(audited, hide)
    # WHEN the records are checked against the trail
    ws = Workspace.open(audited.root)
    with ws.session() as s:
        found = list(mismatches(s))
    ws.close()
    # THEN the value the row lost is named (a sealed batch would have gone out without it)
    assert [(m.field, m.value, m.recorded) for m in found] == [("area", None, "12-6")] and "row 1" in found[0].where
    assert main(["audit", "verify", "--workspace", str(audited.root)]) == 1
    assert "area has no value in the database but the audit trail recorded '12-6'" in capsys.readouterr().out


def test_new_versions_and_an_import_keep_values_and_trail_in_agreement(workspace, tmp_path):
    # GIVEN an approved page whose row is then corrected (a new version), and a row deleted
    from records.audit_values import mismatches
    from records.exports.json_export import export_json, import_json
    from records.workspace import Workspace

    users = make_users(workspace)
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve")
        S.set_value(s, actor=users["clerk"], entry_id=ids[0], field_name="area", text="13-0")
    # THEN every current value, of both versions, is the one the trail recorded
    with workspace.session() as s:
        assert list(mismatches(s)) == []
    # AND after an export and import into a new workspace too
    export_json(workspace, tmp_path / "all.json", images="inline")
    new = Workspace.open(tmp_path / "new", create=True)
    try:
        import_json(new, tmp_path / "all.json")
        with new.session() as s:
            assert list(mismatches(s)) == [] and audit.verify(s).ok
    finally:
        new.close()


def test_the_places_of_many_events_are_read_in_two_queries(workspace):
    from sqlalchemy import event

    from records.audit_query import AuditFilter, event_places, query_events

    # GIVEN two registers whose pages hold hundreds of events between them
    users = make_users(workspace)
    rows = [{**dict(ROW), "khewat_no": str(n)} for n in range(1, 31)]
    _, p1, ids1 = make_page(workspace, users["clerk"], rows=rows, data=b"first")
    _, p2, ids2 = make_page(workspace, users["clerk"], rows=rows, data=b"second")
    with workspace.session() as s:
        for i in ids1 + ids2:
            S.set_value(s, actor=users["clerk"], entry_id=i, field_name="area", text="12-6")
    with workspace.session() as s:
        events = query_events(s, AuditFilter(limit=100000))
        assert len(events) > 300
        # WHEN their registers and page numbers are looked up
        statements = []
        listen = lambda *a: statements.append(a[2])  # noqa: E731
        event.listen(workspace.engine, "before_cursor_execute", listen)
        try:
            places = event_places(s, events)
        finally:
            event.remove(workspace.engine, "before_cursor_execute", listen)
        # THEN one query reads the registers and one the pages, whatever the number of events
        assert len(statements) == 2, statements
        assert sorted(places.page_nos.values()) == [1, 1] and set(places.page_nos) == {p1, p2}
        assert {r.mauza for r in places.registers.values()} == {"دیہہ"}
        # AND what is known already is not read again
        assert event_places(s, events, known_registers=places.registers, known_pages=places.page_nos).page_nos == {}


def test_a_trail_whose_anchor_was_deleted_with_its_last_events_is_a_warning(audited, capsys):
    # GIVEN a trail that verifies, its newest event noted beside the database
    from daftar.cli import main
    from records.models import AuditEvent
    from records.workspace import Workspace

    ws = Workspace.open(audited.root)
    with ws.session() as s:  # two sign-ins last: events that change no record
        for _ in range(2):
            audit.record(s, actor=audit.Actor(1, "clerk", "clerk"), action="login", entity="user", entity_id=1)
    ws.close()
    assert _verify(audited).ok and _verify(audited).warning == ""
    # WHEN its last two events are deleted together with the note
    _sql(audited, "DELETE FROM audit_event WHERE id > (SELECT max(id) - 2 FROM audit_event)")
    (audited.root / "keys" / audit.ANCHOR_FILE).unlink()
    # THEN verify, without writing a note, says OK but warns that the end could not be checked
    ws = Workspace.open(audited.root, anchor=False)
    try:
        with ws.session() as s:
            r = audit.verify(s)
    finally:
        ws.close()
    assert r.ok and r.warning == audit.MISSING_ANCHOR
    assert "events deleted from the end of the trail cannot be seen" in r.warning
    # AND `daftar audit verify` prints the warning (exit 0: an older workspace has no note
    # either): opening wrote the note now, trust on first use, recorded in the trail
    assert main(["audit", "verify", "--workspace", str(audited.root)]) == 0
    out = capsys.readouterr().out
    assert "audit chain OK" in out and "WARNING: keys/audit-anchor.json was missing when this workspace was opened" in out
    assert "(trust on first use)" in out
    ws = Workspace.open(audited.root)
    try:
        with ws.session() as s:
            last = s.query(AuditEvent).order_by(AuditEvent.id.desc()).first()
            assert last.action == audit.ANCHOR_ACTION and audit.verify(s).warning == ""
        assert audit.read_anchor(audited.root / "keys" / audit.ANCHOR_FILE, ws.audit_key)[0] == last.id
    finally:
        ws.close()
    # AND `daftar check` shows the same as WARN
    (audited.root / "keys" / audit.ANCHOR_FILE).unlink()
    assert main(["check", "--workspace", str(audited.root)]) == 0
    out = capsys.readouterr().out
    assert "WARN audit trail:" in out and "trust on first use" in out


def test_opening_an_older_workspace_with_events_and_no_anchor_writes_one(audited):
    # GIVEN a workspace from before the anchor existed: events, no note of the newest
    from records.workspace import Workspace

    (audited.root / "keys" / audit.ANCHOR_FILE).unlink()
    # WHEN it is opened
    ws = Workspace.open(audited.root)
    try:
        # THEN the note is written for the trail as it is (one event records that it was missing)
        with ws.session() as s:
            r = audit.verify(s)
        assert ws.anchor_first_use == r.checked - 1
        assert audit.read_anchor(audited.root / "keys" / audit.ANCHOR_FILE, ws.audit_key) == (r.checked, r.head)
    finally:
        ws.close()
    # AND events deleted from its end from now on are named
    _sql(audited, "DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)")
    assert not _verify(audited).ok


def test_a_clock_set_back_is_a_warning_naming_the_events_never_tampering(audited, capsys, monkeypatch):
    import datetime as dt

    from daftar.cli import main
    from records import health
    from records.models import AuditEvent
    from records.workspace import Workspace

    # GIVEN a trail written with the right date, then two sign-ins on a computer whose clock
    # lost its date (a dead CMOS battery: 2010)
    ws = Workspace.open(audited.root)
    with ws.session() as s:
        before = s.scalar(select_max_id(AuditEvent))
    monkeypatch.setattr(audit, "utcnow", lambda: dt.datetime(2010, 1, 1, 9, 0))
    with ws.session() as s:
        for _ in range(2):
            audit.record(s, actor=audit.Actor(1, "clerk", "clerk"), action="login", entity="user", entity_id=1)
    # WHEN the trail is verified
    with ws.session() as s:
        r = audit.verify(s)
        # ... and the computer's clock is compared with the trail (at sign-in)
        behind = audit.clock_behind(s)
    ws.close()

    # THEN it is whole (no tampering), with a warning naming the event dated before the one
    # before it (the second 2010 event follows the first: only one going back)
    assert r.ok and r.first_bad_id is None and r.warning == ""
    assert [(b.event_id, b.prev_id) for b in r.clock_backs] == [(before + 1, before)]
    assert r.clock.startswith(f"the computer's clock was set back: event {before + 1} is dated 2010-01-01")
    assert "no tampering" in r.clock
    # AND this computer's clock (2010) is behind the trail: said with its date, to set it
    assert behind.startswith("This computer's date is wrong: it says 2010-01-01") and f"event {before}" in behind

    # AND `daftar audit verify` says OK with the warning (exit 0), `daftar check` a WARN
    assert main(["audit", "verify", "--workspace", str(audited.root)]) == 0
    out = capsys.readouterr().out
    assert "audit chain OK" in out and f"WARNING: the computer's clock was set back: event {before + 1}" in out
    assert "BROKEN" not in out
    assert main(["check", "--workspace", str(audited.root)]) == 0
    out = capsys.readouterr().out
    assert "WARN audit trail:" in out and "clock was set back" in out and "This computer's date is wrong" in out

    # AND with the clock right again, the check no longer says this computer's date is wrong
    monkeypatch.undo()
    w = Workspace.open(audited.root)
    try:
        part = health.check_audit(w)
    finally:
        w.close()
    assert part.warning and "clock was set back" in part.summary and "This computer's date" not in part.summary


def test_events_minutes_apart_out_of_order_are_no_clock_warning(audited, monkeypatch):
    import datetime as dt

    from records.workspace import Workspace

    # GIVEN an event two minutes before the one before it (two processes, a clock nudged by NTP)
    ws = Workspace.open(audited.root)
    monkeypatch.setattr(audit, "utcnow", lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=2))
    with ws.session() as s:
        audit.record(s, actor=audit.SYSTEM, action="test.event")
    with ws.session() as s:
        r = audit.verify(s)
        behind = audit.clock_behind(s)
    ws.close()
    # THEN nothing is said
    assert r.ok and r.clock == "" and r.clock_backs == () and behind == ""


def select_max_id(model):
    from sqlalchemy import func, select

    return select(func.max(model.id))
