"""The records against the audit trail: entries' workflow state, who submitted, approved and
verified them, deleted rows, rows gone, versions, and user accounts' roles and enabled flags
must be what the trail recorded; changes made in the database file beside it are named."""

from __future__ import annotations

import sqlite3

import pytest

from daftar.cli import main
from records import audit
from records import services as S
from records.audit_records import findings
from records.workspace import Workspace
from tests.records.helpers import ROW, make_page, make_users


class Reading:
    def __init__(self, text):
        self.text, self.raw_text, self.confidence, self.box, self.flags = text, text, 0.9, (5, 6, 70, 30), []


@pytest.fixture
def office(workspace):
    """Rows 1-2 approved (row 1 verified too), row 3 a draft, row 4 submitted; closed."""
    users = make_users(workspace)
    rows = [{**ROW, "khewat_no": str(n)} for n in range(1, 5)]
    _, _, ids = make_page(workspace, users["clerk"], rows=rows)
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=[ids[0], ids[1], ids[3]], action="submit")
        S.transition(s, actor=users["supervisor"], entry_ids=ids[:2], action="approve")
        S.transition(s, actor=users["ro"], entry_ids=ids[:1], action="verify")
    workspace.close()
    return workspace.root, users, ids


def _sql(root, *stmts):
    con = sqlite3.connect(root / "daftar.sqlite")
    for st in stmts:
        con.execute(st)
    con.commit()
    con.close()


def _findings(root) -> list[str]:
    ws = Workspace.open(root)
    try:
        with ws.session() as s:
            assert audit.verify(s).ok  # the chain itself is untouched
            return list(findings(s))
    finally:
        ws.close()


def test_a_workflow_through_every_step_leaves_nothing_to_report(workspace):
    # GIVEN rows submitted, withdrawn, returned, approved, verified, batched, edited into a new
    # version, deleted and restored, a page read by OCR twice, and accounts disabled and enabled
    from records import accounts
    from records.outbox import create_batch

    users = make_users(workspace)
    rows = [{**ROW, "khewat_no": str(n)} for n in range(1, 6)]
    _, _, ids = make_page(workspace, users["clerk"], rows=rows)
    _, ocr_page, _ = make_page(workspace, users["clerk"], rows=(), data=b"second page")
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
        S.transition(s, actor=users["clerk"], entry_ids=ids[4:], action="withdraw")
        S.transition(s, actor=users["supervisor"], entry_ids=ids[3:4], action="return", comment="دوبارہ")
        S.transition(s, actor=users["supervisor"], entry_ids=ids[:3], action="approve")
        S.transition(s, actor=users["ro"], entry_ids=ids[:1], action="verify")
        create_batch(s, actor=users["supervisor"], entry_ids=ids[:1])
        S.set_value(s, actor=users["clerk"], entry_id=ids[1], field_name="area", text="13-0")
        S.delete_entry(s, actor=users["clerk"], entry_id=ids[4])
        S.delete_entry(s, actor=users["clerk"], entry_id=ids[3])
        S.restore_entry(s, actor=users["clerk"], entry_id=ids[3])
        for area in ("1-1", "2-2"):
            S.save_ocr_rows(s, actor=users["clerk"], page_id=ocr_page, rows=[{"area": Reading(area)}] * 2)
        accounts.set_active(s, actor=users["admin"], user_id=users["clerk2"].id, active=False)
        accounts.set_active(s, actor=users["admin"], user_id=users["supervisor2"].id, active=False)
        accounts.set_active(s, actor=users["admin"], user_id=users["supervisor2"].id, active=True)
        # THEN the records are what the trail recorded
        assert list(findings(s)) == []


def test_a_draft_made_verified_in_the_database_file_is_named(office, capsys):
    # GIVEN a draft row (row 3) and a trail that verifies
    root, users, ids = office
    assert _findings(root) == []
    # WHEN someone makes it verified, approved and verified by others, in the database file
    _sql(root, f"UPDATE entry SET state='verified', approved_by={users['supervisor'].id}, "
               f"verified_by={users['ro'].id} WHERE id={ids[2]}")
    # THEN each fact is named where the row is, with what the trail recorded
    found = _findings(root)
    where = "mauza دیہہ, year \u20662019-20\u2069, volume 1, page 1, row 3"
    assert found == [
        f"{where}: state is 'verified' but the audit trail recorded 'draft' (entry {ids[2]})",
        f"{where}: approved by user {users['supervisor'].id} (supervisor), but the audit trail recorded nobody "
        f"(entry {ids[2]})",
        f"{where}: verified by user {users['ro'].id} (ro), but the audit trail recorded nobody (entry {ids[2]})",
    ]
    # AND `daftar audit verify` and `daftar check` fail, saying so
    assert main(["audit", "verify", "--workspace", str(root)]) == 1
    out = capsys.readouterr().out
    assert "3 fact(s) of the records are not what the trail recorded" in out and found[0] in out
    assert main(["check", "--workspace", str(root)]) == 1
    out = capsys.readouterr().out
    assert "FAIL audit trail" in out and found[0] in out


@pytest.mark.parametrize("change, said", [
    ("UPDATE entry SET approved_by={clerk2} WHERE id={e2}",
     "row 2: approved by user {clerk2} (clerk2), but the audit trail recorded user {sup} (supervisor)"),
    ("UPDATE entry SET submitted_by=NULL WHERE id={e4}",
     "row 4: submitted by nobody, but the audit trail recorded user {clerk} (clerk)"),
    ("UPDATE entry SET deleted=1 WHERE id={e2}",
     "row 2: the row is deleted but the audit trail recorded it not deleted"),
    ("UPDATE entry SET is_latest=0 WHERE id={e1}",
     "row 1: the row is marked an old version but the audit trail recorded the newest version"),
    ("DELETE FROM field_value WHERE entry_id={e2}; DELETE FROM search_token WHERE entry_id={e2}; "
     "DELETE FROM entry WHERE id={e2}",
     "page 1: the audit trail recorded a row here (entry {e2}, version 1, approved, added as row 2) but it is gone "
     "from the database"),
    ("INSERT INTO entry (uuid, version, register_id, page_id, row_no, state, is_latest, deleted, search_khewat, "
     "search_khasra, search_owner, created_at, updated_at) VALUES ('forged', 1, 1, 1, 5, 'approved', 1, 0, '', '', '', "
     "'2026-01-01', '2026-01-01')",
     "row 5: this row (entry 5) is not in the audit trail: it was added outside Daftar"),
    ("UPDATE user SET role='admin' WHERE id={clerk}",
     "user clerk (id {clerk}): role is 'admin' but the audit trail recorded 'clerk'"),
    ("UPDATE user SET active=0 WHERE id={sup}",
     "user supervisor (id {sup}): the account is disabled but the audit trail recorded it enabled"),
    ("INSERT INTO user (username, full_name, role, password_hash, active, failed_logins, must_change_password, "
     "language, created_at) VALUES ('boss', '', 'admin', '', 1, 0, 0, 'ur', '2026-01-01')",
     "user boss (id 7): this account (a admin) is not in the audit trail: it was added outside Daftar"),
])
def test_each_fact_changed_in_the_database_file_is_named(office, change, said):
    # GIVEN the office's trail and records in agreement
    root, users, ids = office
    names = {"clerk": users["clerk"].id, "clerk2": users["clerk2"].id, "sup": users["supervisor"].id,
             **{f"e{i}": e for i, e in enumerate(ids, start=1)}}
    # WHEN one fact is changed beside it
    _sql(root, *change.format(**names).split("; "))
    # THEN that change, and only it, is named with what the trail recorded
    found = _findings(root)
    assert len(found) == 1 and said.format(**names) in found[0], found


def test_rows_a_page_read_again_deleted_before_that_was_audited_are_accounted_for(workspace):
    # GIVEN a page read by OCR twice by an older Daftar, which deleted the first reading's rows
    # without an event (simulated: the new entry.delete events removed, the chain re-linked)
    from sqlalchemy import delete, select

    from records.models import AuditEvent, Entry

    users = make_users(workspace)
    _, pid, _ = make_page(workspace, users["clerk"], rows=())
    with workspace.session() as s:
        S.save_ocr_rows(s, actor=users["clerk"], page_id=pid, rows=[{"area": Reading("1-1")}])
        first = s.scalar(select(Entry.id))
        S.save_ocr_rows(s, actor=users["clerk"], page_id=pid, rows=[{"area": Reading("2-2")}])
        s.execute(delete(AuditEvent).where(AuditEvent.action.in_(("entry.delete", "entry.add"))))
    _relink(workspace)
    # THEN the first reading's deleted row is accounted for by the second reading of its page
    with workspace.session() as s:
        assert audit.verify(s).ok and list(findings(s)) == []
    # BUT a row OCR read that was marked deleted with no later reading of its page is named
    with workspace.session() as s:
        s.execute(Entry.__table__.update().where(Entry.id != first).values(deleted=True))
    with workspace.session() as s:
        found = list(findings(s))
    assert len(found) == 1 and "the row is deleted but the audit trail recorded it not deleted" in found[0], found


def _relink(ws):
    """Re-number and re-chain the trail with the workspace's key (an older Daftar's trail)."""
    from sqlalchemy import select, text

    from records.models import AuditEvent

    with ws.session() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        rows = [{c: getattr(e, c) for c in ("at", "user_id", "username", "action", "entity", "entity_id",
                                            "register_id", "page_id", "entry_uuid", "field", "old", "new", "detail")}
                for e in events]
        s.execute(text("DELETE FROM audit_event"))
        s.info.pop(audit._TAIL, None)
    (ws.root / "keys" / audit.ANCHOR_FILE).unlink()
    with ws.session() as s:
        for r in rows:
            audit.record(s, actor=audit.Actor(r.pop("user_id"), r.pop("username"), "x"),
                         **{k: v for k, v in r.items() if k != "at"})


def test_records_are_checked_in_linear_time_and_small_memory(workspace):
    """Both sides are merged in entry order: 600 entries take about a tenth of 6,000."""
    import time

    users = make_users(workspace)
    rid, pid, _ = make_page(workspace, users["clerk"], rows=())

    def grow(n):
        with workspace.session() as s:
            for _ in range(n):
                S.add_entry(s, actor=users["clerk"], register_id=rid, page_id=pid, values={"area": "1-1"})

    def timed():
        with workspace.session() as s:
            t = time.perf_counter()
            assert list(findings(s)) == []
            return time.perf_counter() - t

    grow(300)
    small = timed()
    grow(2700)
    large = timed()
    assert large < small * 10 * 3, (small, large)  # linear, with room for a noisy machine
