"""What the office is told when the central side changes under it: a decision changed, the
server's database restored from a backup (batches and decisions it no longer holds)."""

from __future__ import annotations

from sqlalchemy import select

from records.audit_entries import check_entries
from records.models import Entry, OutboxItem
from tests.sync.conftest import engine_for, enrol, entry_states, item_states, seal


def _decide(server, decisions) -> None:
    with server.admin_client() as c:
        c.post("/v1/admin/decisions", json={"decisions": decisions}).raise_for_status()


def test_a_changed_central_decision_is_followed_by_the_office(office, server):
    # GIVEN an office whose batch was received, and one entry accepted by the central office
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    with office.ws.session() as s:
        uuid_ = s.scalar(select(OutboxItem.entry_uuid).order_by(OutboxItem.id))
    _decide(server, [{"entry_uuid": uuid_, "version": 1, "decision": "accepted"}])
    assert engine_for(office.ws).run_once().decisions_applied == 1

    # WHEN the central office rejects it after all, and the office syncs
    _decide(server, [{"entry_uuid": uuid_, "version": 1, "decision": "rejected", "reason": "مالک کا نام غلط"}])
    rep = engine_for(office.ws).run_once()

    # THEN the office's entry is rejected too, with the reason, as its outbox item is
    assert rep.ok and rep.decisions_applied == 1
    with office.ws.session() as s:
        entry = s.scalar(select(Entry).where(Entry.uuid == uuid_, Entry.is_latest.is_(True)))
        item = s.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == uuid_))
        assert (entry.state, item.state, item.decision_reason) == ("rejected", "rejected", "مالک کا نام غلط")
        assert check_entries(s, [entry.id]) == []  # the audit trail accounts for it

    # WHEN it is accepted again THEN the office follows once more
    _decide(server, [{"entry_uuid": uuid_, "version": 1, "decision": "accepted"}])
    assert engine_for(office.ws).run_once().decisions_applied == 1
    with office.ws.session() as s:
        assert s.scalar(select(Entry.state).where(Entry.uuid == uuid_, Entry.is_latest.is_(True))) == "accepted"
    assert item_states(office.ws) == {"accepted": 1, "acknowledged": 5}
    assert sorted(entry_states(office.ws, office.entry_ids)) == ["accepted"] + ["sent"] * 5
