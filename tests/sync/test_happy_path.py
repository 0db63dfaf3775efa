"""Happy path over TLS against PostgreSQL: seal, enrol, send, receipt, decisions pulled back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from records.models import Batch, OutboxItem, SyncState
from tests.sync.conftest import engine_for, enrol, entry_states, item_states, seal


def test_batch_is_sent_acknowledged_and_decisions_come_back(office, server):
    # GIVEN an office with a sealed batch of 6 approved entries, enrolled over TLS
    info = seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert entry_states(office.ws, office.entry_ids) == ["batched"] * 6

    # WHEN it syncs
    rep = engine_for(office.ws).run_once()

    # THEN every entry is acknowledged with the server's id, and the server holds each once
    assert rep.ok, rep.errors
    assert (rep.entries_acknowledged, rep.images_uploaded) == (6, 2)
    assert item_states(office.ws) == {"acknowledged": 6}
    assert entry_states(office.ws, office.entry_ids) == ["sent"] * 6
    assert len(server.entry_keys()) == 6
    with office.ws.session() as s:
        items = s.scalars(select(OutboxItem)).all()
        assert all(i.server_id and i.receipt["batch_id"] == info.uuid for i in items)
        assert s.get(SyncState, "last_success").value
        assert s.scalar(select(Batch)).state == "acknowledged"

    # WHEN the central office accepts two entries and rejects one, and the office syncs again
    keys = [(i.entry_uuid, i.version) for i in items]
    with server.admin_client() as c:
        c.post("/v1/admin/decisions", json={"decisions": [
            {"entry_uuid": keys[0][0], "version": 1, "decision": "accepted"},
            {"entry_uuid": keys[1][0], "version": 1, "decision": "accepted"},
            {"entry_uuid": keys[2][0], "version": 1, "decision": "rejected", "reason": "رقبہ غلط ہے"},
        ]}).raise_for_status()
    rep2 = engine_for(office.ws).run_once()

    # THEN the decisions are applied with the cursor, rejected with its reason
    assert rep2.ok and rep2.decisions_applied == 3
    assert item_states(office.ws) == {"accepted": 2, "rejected": 1, "acknowledged": 3}
    with office.ws.session() as s:
        rej = s.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == keys[2][0]))
        assert rej.decision_reason == "رقبہ غلط ہے"
        assert int(s.get(SyncState, "cursor").value) >= 3
    states = entry_states(office.ws, office.entry_ids)
    assert sorted(states) == sorted(["accepted", "accepted", "rejected", "sent", "sent", "sent"])

    # WHEN it syncs a third time THEN nothing is applied twice
    assert engine_for(office.ws).run_once().decisions_applied == 0


def test_images_already_on_server_are_not_sent_again(office, server):
    # GIVEN two batches whose entries share the same page images
    ids = office.entry_ids  # rows 0-2 on page 1, rows 3-5 on page 2
    seal(office.ws, office.sup, [ids[0], ids[1], ids[3]])
    seal(office.ws, office.sup, [ids[2], ids[4], ids[5]])
    enrol(office.ws, server)

    # WHEN it syncs
    rep = engine_for(office.ws).run_once()

    # THEN each image travelled once (HEAD found the rest complete)
    assert rep.ok and rep.batches_acknowledged == 2
    assert rep.images_uploaded == 2 and rep.images_skipped == 2
    assert rep.bytes_uploaded == 2 * 20 * 1024


def test_unenrolled_office_gets_a_clear_message(office):
    # GIVEN a sealed batch and no enrolment
    seal(office.ws, office.sup)
    from sync.engine import SyncError, load_config

    # WHEN / THEN loading the config says what to do
    with pytest.raises(SyncError, match="not enrolled"):
        load_config(office.ws)


def test_wrong_ca_bundle_is_a_certificate_error_and_keeps_the_queue(office, server, tmp_path):
    # GIVEN a client trusting another CA
    from sync.devcerts import make_dev_certs

    other = make_dev_certs(tmp_path / "other")
    seal(office.ws, office.sup)
    enrol(office.ws, server)

    # WHEN it syncs
    rep = engine_for(office.ws, ca_bundle=str(other.ca_cert), max_attempts=1).run_once()

    # THEN the error names the certificate and nothing is marked sent
    assert not rep.ok and "certificate" in rep.errors[0]
    assert set(item_states(office.ws)) <= {"uploading", "queued"}
