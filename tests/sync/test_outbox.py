"""Sealing batches in the workspace: canonical entry JSON, manifest, signature, workflow, audit."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from records import audit, services
from records.models import Batch, Entry, Office, OutboxItem
from records.outbox import OutboxError, canonical_json, content_hash, create_batch, public_key_b64
from sync.protocol import verify_signature
from tests.sync.conftest import add_approved, engine_for, enrol, entry_states, seal


def test_canonical_json_is_order_free_and_keeps_urdu():
    # GIVEN the same object written in two key orders WHEN canonicalised THEN same bytes, Urdu as is
    a = canonical_json({"b": 1, "a": {"y": "محمد", "x": [1, 2]}})
    b = canonical_json({"a": {"x": [1, 2], "y": "محمد"}, "b": 1})
    assert a == b == '{"a":{"x":[1,2],"y":"محمد"},"b":1}'.encode()


def test_create_batch_seals_signs_and_audits(office):
    # GIVEN 6 approved entries
    ws = office.ws

    # WHEN a supervisor seals them
    info = seal(ws, office.sup)

    # THEN the manifest lists each entry with the hash of its content, signed by the office key
    with ws.session() as s:
        batch = s.get(Batch, info.id)
        m, docs = batch.manifest["manifest"], batch.manifest["entries"]
        key = s.scalar(select(Office)).signing_key
        assert verify_signature(public_key_b64(key), canonical_json(m), batch.signature)
        assert [e["sha256"] for e in m["entries"]] == [content_hash(d["content"]) for d in docs]
        assert len(m["images"]) == 2 and m["audit_head"] == batch.audit_head
        doc = docs[0]["content"]
        assert doc["values"]["owner"] == "محمد اسلم ولد غلام رسول" and doc["approved_by"] == "supervisor"
        assert doc["register"]["mauza"] and doc["page"]["image_sha256"] in m["images"]
        assert {i.state for i in s.scalars(select(OutboxItem))} == {"queued"}
        assert audit.verify(s).ok
        assert any(e.action == "batch.create" for e in audit.since(s))
    assert entry_states(ws, office.entry_ids) == ["batched"] * 6
    # a changed entry no longer matches the signed manifest
    m2 = dict(m, audit_head="0" * 64)
    assert not verify_signature(public_key_b64(key), canonical_json(m2), batch.signature)


def test_nothing_approved_is_a_clear_error(workspace):
    # GIVEN no approved entries WHEN sealing THEN a message saying what to do
    from tests.sync.conftest import make_users

    _, sup = make_users(workspace)
    with pytest.raises(OutboxError, match="approve entries first"):
        seal(workspace, sup)


def test_a_draft_among_the_chosen_entries_refuses_the_whole_batch(office):
    # GIVEN one more entry still in draft
    ws = office.ws
    with ws.session() as s:
        reg = s.scalar(select(Entry)).register_id
        draft = services.add_entry(s, actor=office.clerk, register_id=reg, values={"khewat_no": "9"})

    # WHEN sealing approved entries plus the draft
    with pytest.raises(OutboxError, match="not approved"):
        seal(ws, office.sup, office.entry_ids + [draft])

    # THEN nothing was batched
    assert entry_states(ws, office.entry_ids) == ["approved"] * 6
    with ws.session() as s:
        assert s.scalar(select(Batch)) is None


def test_entry_already_in_a_batch_cannot_be_sealed_twice(office):
    # GIVEN a sealed batch WHEN its entries are chosen again THEN refused
    seal(office.ws, office.sup, office.entry_ids[:2])
    with office.ws.session() as s:
        with pytest.raises(OutboxError):
            create_batch(s, actor=office.sup, entry_ids=office.entry_ids[:2])


def test_entry_edited_after_batching_still_gets_the_receipt_on_its_old_version(office, server):
    # GIVEN a sealed batch, then a clerk corrects one entry (a new version, back to draft)
    ws = office.ws
    seal(ws, office.sup)
    with ws.session() as s:
        ch = services.set_value(s, actor=office.clerk, entry_id=office.entry_ids[0], field_name="area", text="3-1")
    new_id = ch.new_entry_ids[office.entry_ids[0]]
    enrol(ws, server)

    # WHEN the batch is sent
    rep = engine_for(ws).run_once()

    # THEN the old version is recorded as sent, the new version stays a draft, audit intact
    assert rep.ok, rep.errors
    assert entry_states(ws, [office.entry_ids[0], new_id]) == ["sent", "draft"]
    with ws.session() as s:
        assert audit.verify(s).ok


def test_second_office_batch_after_more_approvals(office, server):
    # GIVEN a first batch sent, then more entries approved and sealed
    ws = office.ws
    seal(ws, office.sup)
    enrol(ws, server)
    assert engine_for(ws).run_once().ok
    more = add_approved(ws, office.clerk, office.sup, pages=1, rows=2, seed=5)
    seal(ws, office.sup)

    # WHEN it syncs again THEN only the new batch travels
    rep = engine_for(ws).run_once()
    assert rep.ok and rep.entries_acknowledged == 2 and rep.batches_acknowledged == 1
    assert entry_states(ws, more) == ["sent", "sent"]
    assert server.stats()["entries"] == 8


def test_the_app_seals_the_entries_the_office_lets_go(office):
    from records import office_settings
    from records.audit import Actor
    from records.models import User
    from records.outbox import batchable_entries, seal_batchable
    from sync.engine import queue_status

    ws, sup = office.ws, office.sup
    # GIVEN six approved entries, the office requiring verification first (the default)
    with ws.session() as s:
        assert batchable_entries(s) == []
    with pytest.raises(OutboxError, match="6 approved entries wait for a revenue officer's verification"):
        with ws.session() as s:
            seal_batchable(s, actor=sup)
    # WHEN a revenue officer verifies two of them
    with ws.session() as s:
        u = User(username="ro", full_name="", role="revenue_officer")
        s.add(u)
        s.flush()
        ro = Actor(u.id, "ro", "revenue_officer")
        services.transition(s, actor=ro, entry_ids=office.entry_ids[:2], action="verify")
    # THEN those two are ready, the sync queue says so, and sealing takes just them
    with ws.session() as s:
        assert [e.id for e in batchable_entries(s)] == office.entry_ids[:2]
    assert queue_status(ws).ready == 2
    with ws.session() as s:
        info = seal_batchable(s, actor=sup)
    assert info.entries == 2 and queue_status(ws).ready == 0 and queue_status(ws).waiting == 2
    # WHEN the office no longer requires verification  THEN the other four are ready
    with ws.session() as s:
        admin_u = User(username="admin", full_name="", role="admin")
        s.add(admin_u)
        s.flush()
        office_settings.change(s, actor=Actor(admin_u.id, "admin", "admin"),
                               values={"workflow.require_verification": False})
    assert queue_status(ws).ready == 4
    with ws.session() as s:
        assert seal_batchable(s, actor=sup).entries == 4
    assert set(entry_states(ws, office.entry_ids)) == {"batched"}


# ----------------------------------------------------------------------------- values forged in the database file
def _sql(ws, statement: str) -> None:
    """Run `statement` on the workspace's database file directly, outside Daftar."""
    import sqlite3

    con = sqlite3.connect(ws.db_path)
    con.execute(statement)
    con.commit()
    con.close()


def _place_of(ws, entry_id: int) -> str:
    from records.audit_values import place
    from records.models import Page, Register

    with ws.session() as s:
        e = s.get(Entry, entry_id)
        reg, page = s.get(Register, e.register_id), s.get(Page, e.page_id)
        return place(reg.mauza, reg.year, reg.volume, page.page_no, e.row_no)


def _nothing_sealed(ws, ids) -> None:
    assert entry_states(ws, ids) == ["approved"] * len(ids)
    with ws.session() as s:
        assert s.scalar(select(Batch)) is None and s.scalar(select(OutboxItem)) is None
        assert not any(e.action == "batch.create" for e in audit.since(s))


def test_a_value_forged_in_the_database_file_is_not_sealed(office):
    # GIVEN six approved entries, the area of the third changed in the database file, outside Daftar
    ws, forged = office.ws, office.entry_ids[2]
    _sql(ws, f"UPDATE field_value SET value='99-9' WHERE entry_id={forged} AND field='area' AND current=1")
    # WHEN a supervisor seals them (all of them, as the app and `batch export --seal` do)
    with pytest.raises(OutboxError) as refused, ws.session() as s:
        create_batch(s, actor=office.sup)
    # THEN it is refused, naming the register, page, row, field, both values and what to do
    said = str(refused.value)
    assert said.startswith("nothing was sealed: an entry to send is not what the audit trail recorded")
    assert f"{_place_of(ws, forged)}: area is '99-9' but the audit trail recorded '3-5' (entry {forged})" in said
    assert "Run `daftar audit verify` and restore the latest good backup" in said
    # AND nothing at all is sealed: not the five sound entries either
    _nothing_sealed(ws, office.entry_ids)


def test_a_value_removed_in_the_database_file_is_not_sealed(office):
    # GIVEN an approved entry whose owner was deleted from the database file (its document
    # would go out without an owner), and another's share changed there too
    ws, (a, b) = office.ws, office.entry_ids[:2]
    _sql(ws, f"DELETE FROM field_value WHERE entry_id={a} AND field='owner'")
    _sql(ws, f"UPDATE field_value SET value='1/1' WHERE entry_id={b} AND field='share'")
    # WHEN the supervisor seals what is ready
    with pytest.raises(OutboxError) as refused, ws.session() as s:
        create_batch(s, actor=office.sup)
    # THEN both are counted, the first named, and nothing is sealed
    said = str(refused.value)
    assert said.startswith("nothing was sealed: 2 facts of the entries to send are not what the audit trail recorded")
    assert (f"{_place_of(ws, a)}: owner has no value in the database but the audit trail recorded "
            f"'محمد اسلم ولد غلام رسول' (entry {a})") in said
    assert "`daftar audit verify` to see them all" in said
    _nothing_sealed(ws, office.entry_ids)


def test_a_sealed_copy_forged_before_a_resend_is_not_sealed_again(office):
    from records.outbox import resend_undelivered

    # GIVEN a batch the server refused (its entries wait to be sent again)...
    ws = office.ws
    first = seal(ws, office.sup)
    with ws.session() as s:
        for it in s.scalars(select(OutboxItem)):
            it.state = "failed"
    # ... whose stored copy of one entry was changed in the database file, its hashes made to match
    with ws.session() as s:
        batch = s.get(Batch, first.id)
        body = json.loads(json.dumps(batch.manifest))
        doc = body["entries"][1]
        doc["content"]["values"]["area"] = "99-9"
        doc["sha256"] = content_hash(doc["content"])
        body["manifest"]["entries"][1]["sha256"] = doc["sha256"]
        batch.manifest = body
        item = s.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == doc["entry_uuid"]))
        item.content_sha256, forged = doc["sha256"], item.entry_id
    # WHEN a supervisor sends the held-back entries again
    with pytest.raises(OutboxError) as refused, ws.session() as s:
        resend_undelivered(s, actor=office.sup)
    # THEN it is refused, naming the row, the field and both values, and no new batch is sealed
    assert (f"{_place_of(ws, forged)}: area is '99-9' in the sealed copy of batch {first.uuid} but '2-5' in the "
            f"records (entry {forged})") in str(refused.value)
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(Batch)) == 1
        assert {it.state for it in s.scalars(select(OutboxItem))} == {"failed"}


def test_a_value_forged_before_a_resend_is_not_sealed_again(office):
    from records.outbox import resend_undelivered

    # GIVEN a refused batch, then an entry's value changed in the database file
    ws = office.ws
    seal(ws, office.sup)
    with ws.session() as s:
        for it in s.scalars(select(OutboxItem)):
            it.state = "failed"
    forged = office.entry_ids[0]
    _sql(ws, f"UPDATE field_value SET value='99' WHERE entry_id={forged} AND field='khewat_no' AND current=1")
    # WHEN the entries are sent again THEN it is refused, naming the value in the database and the trail's
    with pytest.raises(OutboxError, match=r"nothing was sealed: 2 facts .*khewat_no is '99' but the audit trail "
                                          r"recorded '40'"), ws.session() as s:
        resend_undelivered(s, actor=office.sup)
