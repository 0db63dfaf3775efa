"""What the sync panel reads: the queue's problems name their entries as people know them."""

from __future__ import annotations

from sqlalchemy import select

from records.models import Entry, OutboxItem
from sync import engine
from sync import protocol as P
from tests.sync.conftest import seal


def sent_then_decided(ws, sup, decisions: dict[int, str]) -> None:
    """Seal every approved entry, as if the server acknowledged the batch, then apply the
    central office's decisions ({entry id: reason}, rejected) as a sync pass does."""
    seal(ws, sup)
    with ws.session() as s:
        items = s.scalars(select(OutboxItem)).all()
        for it in items:
            it.state = "acknowledged"
        engine._move_entries(s, [it.entry_id for it in items], "send")
        changes = [P.Decision(cursor=n, entry_uuid=s.get(Entry, eid).uuid, version=s.get(Entry, eid).version,
                              decision="rejected", reason=reason)
                   for n, (eid, reason) in enumerate(decisions.items(), start=1)]
        engine.SyncEngine._apply(s, P.Changes(changes=changes, cursor=len(changes)))


def test_a_rejected_entry_is_named_by_register_page_row_and_khewat(office, capsys):
    # GIVEN 6 approved entries (2 pages of 3 rows, khewat 40, 41, 42) sent to the central
    # office, which rejected the second row of the second page
    ws = office.ws
    rejected = office.entry_ids[4]
    sent_then_decided(ws, office.sup, {rejected: "رقبہ 12-5 درست نہیں"})
    # WHEN the queue is read
    (p,) = engine.queue_status(ws).problems
    # THEN the problem says where the entry is: register kind, mauza and year, page, row, khewat
    assert (p.state, p.template_id, p.mauza, p.year) == ("rejected", "jamabandi", "موضع 0", "2019-20")
    assert (p.page_no, p.row_no, p.khewat) == (2, 2, "41")
    # AND which entry and page to open, and the central office's reason on its own
    with ws.session() as s:
        e = s.get(Entry, rejected)
        assert (p.entry_id, p.page_id, p.entry_uuid, p.version) == (e.id, e.page_id, e.uuid, e.version)
    assert p.reason == "رقبہ 12-5 درست نہیں"
    # AND `daftar sync --status --json` gives it with named fields (it printed a bare array,
    # [uuid, version, state, message, ...], that nobody could read without the source)
    import json

    from daftar.cli import main

    assert main(["sync", "--workspace", str(ws.root), "--status", "--json"]) == 0
    (named,) = json.loads(capsys.readouterr().out)["problems"]
    assert named == {"entry_uuid": e.uuid, "version": e.version, "state": "rejected",
                     "message": "Rejected by the central office: رقبہ 12-5 درست نہیں", "reason": "رقبہ 12-5 درست نہیں",
                     "entry_id": e.id, "page_id": e.page_id, "template_id": "jamabandi", "mauza": "موضع 0",
                     "year": "2019-20", "page_no": 2, "row_no": 2, "khewat": "41"}


def test_a_rejected_entry_edited_since_opens_at_its_newest_version(office):
    # GIVEN a rejected entry the clerk has corrected since (a new version)
    from records import services

    ws = office.ws
    rejected = office.entry_ids[0]
    sent_then_decided(ws, office.sup, {rejected: "wrong owner"})
    with ws.session() as s:
        services.set_value(s, actor=office.clerk, entry_id=rejected, field_name="khewat_no", text="39")
        newest = s.scalar(select(Entry.id).where(Entry.uuid == s.get(Entry, rejected).uuid,
                                                 Entry.is_latest.is_(True)))
    assert newest != rejected
    # WHEN the queue is read  THEN the problem points at the newest version, with its khewat
    (p,) = engine.queue_status(ws).problems
    assert p.entry_id == newest and p.khewat == "39" and p.row_no == 1
