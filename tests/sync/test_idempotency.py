"""Exactly once: resends get the original receipt, other content under a key is a conflict,
100 concurrent duplicates give one row each (PostgreSQL)."""

from __future__ import annotations

import base64
import json
import ssl
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import select

from records import services
from records.models import AuditEvent, Batch, Office, OutboxItem
from records.outbox import (
    OutboxError,
    canonical_json,
    content_hash,
    resend_undelivered,
    sign,
    submission,
)
from records.workflow import WorkflowError
from sync.engine import queue_status
from tests.sync.conftest import engine_for, enrol, item_states, seal


def _submission(ws):
    with ws.session() as s:
        return submission(s.scalar(select(Batch).order_by(Batch.id.desc())))


def _device(ws, server) -> httpx.Client:
    with ws.session() as s:
        token = s.scalar(select(Office)).device_token
    return httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca),
                        headers={"Authorization": f"Bearer {token}"}, timeout=60)


def test_lost_acknowledgement_then_resend_gets_the_same_receipt(office, server):
    # GIVEN a batch the server stores but whose answer is lost (502 after the commit)
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    server.fault(path="/v1/batches", status=502, after=True, count=1)

    # WHEN the client syncs (it retries after the lost answer)
    eng = engine_for(office.ws)
    rep = eng.run_once()

    # THEN it is acknowledged with the receipt of the first (stored) submission, stored once
    assert rep.ok, rep.errors
    assert len(eng.sleeps) == 1
    assert item_states(office.ws) == {"acknowledged": 6}
    stats = server.stats()
    assert stats["entries"] == 6 and len(stats["offices"][0]["batches"]) == 1
    with _device(office.ws, server) as c:
        again = c.post("/v1/batches", json=_submission(office.ws)).json()
    with office.ws.session() as s:
        rid = {i.receipt["receipt_id"] for i in s.scalars(select(OutboxItem))}
    assert rid == {again["receipt_id"]}


def test_same_key_with_other_content_is_a_conflict_with_both_hashes(office, server):
    # GIVEN the server already holds entry 1 v1 with other content (signed by the same office)
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    sub = _submission(office.ws)
    other = json.loads(json.dumps(sub))
    doc = other["entries"][0]
    doc["content"]["values"]["owner"] = "کوئی اور"
    doc["sha256"] = content_hash(doc["content"])
    other["entries"] = [doc]
    m = other["manifest"]
    m["batch_id"] = "11111111-2222-3333-4444-555555555555"
    m["entries"] = [{"entry_uuid": doc["entry_uuid"], "version": doc["version"], "sha256": doc["sha256"]}]
    with office.ws.session() as s:
        key = s.scalar(select(Office)).signing_key
    other["signature"] = sign(key, canonical_json(m))
    with _device(office.ws, server) as c:
        for sha in m["images"]:
            data = office.ws.images.get(sha)
            c.post(f"/v1/images/{sha}", content=data, headers={"Upload-Offset": "0", "Upload-Length": str(len(data))}).raise_for_status()
        c.post("/v1/batches", json=other).raise_for_status()

    # WHEN the office sends its own batch
    eng = engine_for(office.ws)
    rep = eng.run_once()

    # THEN that entry is a conflict naming both hashes, nothing is retried, nothing stored twice
    assert rep.conflicts == 1 and eng.sleeps == []
    assert item_states(office.ws) == {"conflict": 1, "failed": 5}
    with office.ws.session() as s:
        c_item = s.scalar(select(OutboxItem).where(OutboxItem.state == "conflict"))
    assert doc["sha256"] in c_item.last_error and sub["entries"][0]["sha256"] in c_item.last_error
    assert server.stats()["entries"] == 1
    # AND the server keeps the refusal for its operator: office, batch, reason, when (it kept no trace)
    (r,) = server.stats()["refusals"]
    assert (r["office_id"], r["batch_id"], r["status"], r["error"], r["source"]) == (
        sub["manifest"]["office_id"], sub["manifest"]["batch_id"], 409, "entry_conflict", "network")
    assert "already received with different content" in r["reason"] and r["at"].endswith("Z")
    with server.admin_client() as c:
        page = c.get("/admin").text
    assert "Refused batches" in page and sub["manifest"]["batch_id"] in page and "entry_conflict" in page


def test_entries_held_back_by_a_conflict_are_sent_again_by_a_supervisor(office, server):
    # GIVEN a batch refused because one of its 6 entries conflicts with the server's copy
    test_same_key_with_other_content_is_a_conflict_with_both_hashes(office, server)
    with office.ws.session() as s:
        first = s.scalar(select(Batch).order_by(Batch.id))
        held = {(i.entry_uuid, i.version, i.content_sha256) for i in first.items if i.state == "failed"}
        first_uuid = first.uuid
    # WHEN the clerk tries to send them again  THEN only a supervisor may
    with office.ws.session() as s, pytest.raises(WorkflowError, match="ask a supervisor"):
        resend_undelivered(s, actor=office.clerk)
    # WHEN the supervisor does
    with office.ws.session() as s:
        info = resend_undelivered(s, actor=office.sup, batch_uuid=first_uuid)
    # THEN the 5 go in a new signed batch, each with the document and hash it was sealed with,
    # and the conflict stays in the first batch for a decision
    assert info.entries == 5 and info.uuid != first_uuid
    with office.ws.session() as s:
        new = s.scalar(select(Batch).where(Batch.uuid == info.uuid))
        assert {(i.entry_uuid, i.version, i.content_sha256) for i in new.items} == held
        assert {i.state for i in new.items} == {"queued"}
        assert [i.state for i in s.scalar(select(Batch).where(Batch.uuid == first_uuid)).items] == ["conflict"]
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "batch.resend")).detail["from"] == [first_uuid]
    # WHEN the office syncs
    rep = engine_for(office.ws).run_once()
    # THEN the server has them, once each, and only the conflict waits for a person
    assert rep.ok, rep.errors
    assert item_states(office.ws) == {"conflict": 1, "acknowledged": 5}
    assert server.stats()["entries"] == 6
    # AND there is nothing more to send again
    with office.ws.session() as s, pytest.raises(OutboxError, match="no entry of a refused batch is waiting"):
        resend_undelivered(s, actor=office.sup)


def test_a_conflict_is_settled_by_a_new_version_that_reaches_the_server(office, server):
    # GIVEN an entry in conflict with the server's copy (the rest of its batch resent)
    test_entries_held_back_by_a_conflict_are_sent_again_by_a_supervisor(office, server)
    with office.ws.session() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.state == "conflict"))
        uuid, version, entry_id = item.entry_uuid, item.version, item.entry_id
    assert [p[0] for p in queue_status(office.ws).problems] == [uuid]
    # WHEN the clerk corrects the entry (a new version) and the supervisor approves it
    with office.ws.session() as s:
        ch = services.set_value(s, actor=office.clerk, entry_id=entry_id, field_name="owner",
                                text="محمد اسلم ولد غلام رسول قوم اعوان")
        new_id = ch.new_entry_ids[entry_id]
        services.transition(s, actor=office.clerk, entry_ids=[new_id], action="submit")
        services.transition(s, actor=office.sup, entry_ids=[new_id], action="approve")
    # THEN the conflict no longer asks for a supervisor: it is superseded, and audited
    assert queue_status(office.ws).problems == ()
    with office.ws.session() as s:
        assert s.scalar(select(OutboxItem.state).where(OutboxItem.entry_uuid == uuid,
                                                       OutboxItem.version == version)) == "superseded"
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "outbox.superseded")).entry_uuid == uuid
    # WHEN the new version is batched and the office syncs
    seal(office.ws, office.sup, [new_id])
    rep = engine_for(office.ws).run_once()
    # THEN the server holds it beside the version it had: nothing of either copy is lost
    assert rep.ok, rep.errors
    assert item_states(office.ws) == {"superseded": 1, "acknowledged": 6}
    assert server.stats()["entries"] == 7


def test_hundred_concurrent_duplicate_submissions_store_one_row_each(office, server):
    # GIVEN a sealed batch whose images are on the server
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    sub = _submission(office.ws)
    with _device(office.ws, server) as c:
        for sha in sub["manifest"]["images"]:
            data = office.ws.images.get(sha)
            c.post(f"/v1/images/{sha}", content=data, headers={"Upload-Offset": "0", "Upload-Length": str(len(data))}).raise_for_status()

    # WHEN 100 clients submit it at the same time
    def post(_):
        with _device(office.ws, server) as c:
            r = c.post("/v1/batches", json=sub)
            return r.status_code, r.json()

    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(post, range(100)))

    # THEN all get 200 and the very same receipt; the server holds one row per entry
    assert {code for code, _ in results} == {200}, [body for code, body in results if code != 200][:3]
    assert len({json.dumps(body, sort_keys=True) for _, body in results}) == 1
    keys = server.entry_keys()
    assert len(keys) == 6 and len(set(keys)) == 6
    assert len(server.stats()["offices"][0]["batches"]) == 1


def test_tampered_batch_is_refused_with_the_reason_and_not_retried(office, server):
    # GIVEN a batch whose signature no longer matches (changed after sealing)
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    with office.ws.session() as s:
        b = s.scalar(select(Batch))
        b.signature = base64.b64encode(b"\0" * 64).decode()

    # WHEN it syncs
    eng = engine_for(office.ws)
    rep = eng.run_once()

    # THEN no retry; every item failed with the server's reason; the server holds nothing
    assert eng.sleeps == []
    assert item_states(office.ws) == {"failed": 6}
    assert "signature" in rep.errors[0]
    assert server.stats()["entries"] == 0
    # AND the server keeps the refusal for its operator
    with office.ws.session() as s:
        batch_uuid = s.scalar(select(Batch)).uuid
    assert [(r["batch_id"], r["status"], r["error"]) for r in server.stats()["refusals"]] == [
        (batch_uuid, 422, "bad_signature")]
