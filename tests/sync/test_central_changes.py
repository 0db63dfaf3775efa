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


def _sql(server, *statements: str) -> None:
    """Run statements on the server's database (what a restore from an older backup undoes)."""
    from sqlalchemy import create_engine, text

    eng = create_engine(server.database_url)
    try:
        with eng.begin() as conn:
            for st in statements:
                if st.startswith("ALTER SEQUENCE") and conn.dialect.name != "postgresql":
                    continue  # SQLite: the next id is one more than the highest there
                conn.execute(text(st))
    finally:
        eng.dispose()


def test_batches_a_restored_server_database_lost_are_sent_again(office, server):
    from records.models import AuditEvent

    # GIVEN two batches received by the server, then its database restored from a backup
    # taken between them (the second batch's rows are gone; its images stay on disk)
    ids = office.entry_ids
    seal(office.ws, office.sup, ids[:3])
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    second = seal(office.ws, office.sup, ids[3:])
    assert engine_for(office.ws).run_once().ok
    assert len(server.entry_keys()) == 6
    _sql(server, f"DELETE FROM sync_entry WHERE batch_id = (SELECT id FROM sync_batch WHERE batch_uuid = '{second.uuid}')",
         f"DELETE FROM sync_batch WHERE batch_uuid = '{second.uuid}'")

    # WHEN the office syncs
    rep = engine_for(office.ws).run_once()

    # THEN it sends that batch again, in the same pass: the server holds every entry once
    assert rep.ok, rep.errors
    keys = server.entry_keys()
    assert len(keys) == len(set(keys)) == 6
    assert item_states(office.ws) == {"acknowledged": 6}
    assert (rep.batches_requeued, rep.batches_acknowledged, rep.entries_acknowledged) == (1, 1, 3)
    with office.ws.session() as s:
        ev = s.scalar(select(AuditEvent).where(AuditEvent.action == "batch.requeued"))
        assert ev is not None and ev.entity_id == second.uuid

    # WHEN it syncs again THEN nothing is sent twice
    rep = engine_for(office.ws).run_once()
    assert (rep.batches_requeued, rep.batches_acknowledged) == (0, 0)
    assert len(server.entry_keys()) == 6


def test_decisions_made_after_a_server_restore_reach_the_office(office, server):
    # GIVEN an office that applied three central decisions (its cursor at the third) ...
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    with office.ws.session() as s:
        keys = s.scalars(select(OutboxItem.entry_uuid).order_by(OutboxItem.id)).all()
    _decide(server, [{"entry_uuid": k, "version": 1, "decision": "accepted"} for k in keys[:3]])
    assert engine_for(office.ws).run_once().decisions_applied == 3
    # ... then the server's database restored from a backup taken before those decisions
    _sql(server, "DELETE FROM sync_decision", "UPDATE sync_entry SET state = 'received'",
         "ALTER SEQUENCE sync_decision_id_seq RESTART WITH 1")

    # WHEN the central office rejects another entry (its decision gets an id below the
    # office's cursor) and the office syncs
    _decide(server, [{"entry_uuid": keys[4], "version": 1, "decision": "rejected", "reason": "کھیوٹ نمبر غلط"}])
    rep = engine_for(office.ws).run_once()

    # THEN the rejection reaches the office
    assert rep.ok, rep.errors
    assert rep.decisions_applied == 1
    with office.ws.session() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == keys[4]))
        assert (item.state, item.decision_reason) == ("rejected", "کھیوٹ نمبر غلط")
        assert s.scalar(select(Entry.state).where(Entry.uuid == keys[4], Entry.is_latest.is_(True))) == "rejected"

    # WHEN the office syncs again THEN nothing is applied twice, and later decisions come
    assert engine_for(office.ws).run_once().decisions_applied == 0
    _decide(server, [{"entry_uuid": keys[5], "version": 1, "decision": "accepted"}])
    assert engine_for(office.ws).run_once().decisions_applied == 1


def test_decisions_a_restored_server_no_longer_has_are_said_not_undone(office, server, capsys):
    import json

    from daftar.cli import main
    from records.models import AuditEvent
    from sync.engine import queue_status

    # GIVEN an office that applied five central decisions (three accepted, two rejected)
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    with office.ws.session() as s:
        keys = s.scalars(select(OutboxItem.entry_uuid).order_by(OutboxItem.id)).all()
    _decide(server, [{"entry_uuid": k, "version": 1, "decision": "accepted"} for k in keys[:3]]
            + [{"entry_uuid": k, "version": 1, "decision": "rejected", "reason": "رقبہ غلط"} for k in keys[3:5]])
    assert engine_for(office.ws).run_once().decisions_applied == 5
    # ... then the server's database restored from a backup taken before those decisions:
    # the server holds the six entries, all undecided ('received')
    _sql(server, "DELETE FROM sync_decision", "UPDATE sync_entry SET state = 'received'",
         "ALTER SEQUENCE sync_decision_id_seq RESTART WITH 1")
    # and since then the central office accepted the first one again, and rejected the sixth
    _decide(server, [{"entry_uuid": keys[0], "version": 1, "decision": "accepted"},
                     {"entry_uuid": keys[5], "version": 1, "decision": "rejected", "reason": "کھیوٹ نمبر غلط"}])

    # WHEN the office syncs
    rep = engine_for(office.ws).run_once()

    # THEN the pass says the server no longer has the decisions on four entries
    assert rep.ok, rep.errors
    assert (rep.decisions_applied, rep.decisions_lost) == (2, 4)
    # AND the office's records stay as the trail recorded them: nothing undone, nothing made up
    with office.ws.session() as s:
        states = {k: s.scalar(select(Entry.state).where(Entry.uuid == k, Entry.is_latest.is_(True))) for k in keys}
        assert [states[k] for k in keys] == ["accepted"] * 3 + ["rejected"] * 3
        assert check_entries(s, office.entry_ids) == []
        ev = s.scalar(select(AuditEvent).where(AuditEvent.action == "sync.decisions_lost"))
        assert ev is not None and ev.detail["entries"] == 4
    # AND the status names the four, by register, page, row and khewat
    st = queue_status(office.ws)
    assert sorted(p.entry_uuid for p in st.decisions_lost) == sorted(keys[1:5])
    assert st.decisions_lost_total == 4
    assert {(p.state, p.template_id) for p in st.decisions_lost} == {("accepted", "jamabandi"), ("rejected", "jamabandi")}
    assert all(p.row_no and p.khewat and p.page_no for p in st.decisions_lost)
    assert main(["sync", "--workspace", str(office.ws.root), "--status"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert ("The central server no longer has its decision on 4 entries (its database was restored from a backup?): "
            "it will decide them again. Until then this office keeps the decision it had:") in out
    assert "- Jamabandi موضع 0 2019-20, page 1, row 2, khewat 41: accepted here, undecided at the server" in out

    # WHEN the office syncs again  THEN it is not found twice, and the status still says it
    rep = engine_for(office.ws).run_once()
    assert rep.ok and (rep.decisions_applied, rep.decisions_lost) == (0, 0)
    assert len(queue_status(office.ws).decisions_lost) == 4

    # WHEN the central office decides one of them again  THEN it applies and the rest remain said
    _decide(server, [{"entry_uuid": keys[3], "version": 1, "decision": "accepted"}])
    assert engine_for(office.ws).run_once().decisions_applied == 1
    assert sorted(p.entry_uuid for p in queue_status(office.ws).decisions_lost) == sorted([keys[1], keys[2], keys[4]])
    assert main(["sync", "--workspace", str(office.ws.root), "--status", "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert len(st["decisions_lost"]) == st["decisions_lost_total"] == 3
