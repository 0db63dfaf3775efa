"""A conflict settled by taking the central server's copy: fetched over TLS, compared field by
field, taken by a supervisor as a new local version that is sent (not sent again), audited
with the server's hash; the audit trail and `daftar check` still account for everything,
decisions reach it, and a later edit is sealed and sent as usual."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from daftar.cli import main
from records import services
from records.conflicts import compare, find_conflict, take_server_copy
from records.models import AuditEvent, Entry, OutboxItem
from records.outbox import OutboxError
from records.workflow import WorkflowError
from sync.engine import SyncError, fetch_server_copy, queue_status
from tests.sync.conftest import engine_for, item_states, seal
from tests.sync.test_idempotency import (
    test_same_key_with_other_content_is_a_conflict_with_both_hashes as conflict,
)

OURS, THEIRS = "محمد اسلم ولد غلام رسول", "کوئی اور"


def _in_conflict(ws) -> tuple[str, int, int]:
    with ws.session() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.state == "conflict"))
        return item.entry_uuid, item.version, item.entry_id


def _revenue_officer(ws):
    from records import audit
    from records.audit import Actor
    from records.models import User

    with ws.session() as s:
        u = User(username="ro", full_name="ریونیو افسر", role="revenue_officer")
        s.add(u)
        s.flush()
        ro = Actor(u.id, "ro", "revenue_officer")
        audit.record(s, actor=ro, action="user.create", entity="user", entity_id=u.id, new="ro (revenue_officer)")
        return ro


def _findings(ws) -> list[str]:
    from records import audit
    from records.audit_records import findings

    with ws.session() as s:
        assert audit.verify(s).ok
        return list(findings(s))


def test_a_supervisor_takes_the_servers_copy_and_nothing_is_sent_twice(office, server, capsys):
    # GIVEN an entry whose version 1 the server holds with another owner (a conflict)
    conflict(office, server)
    uuid, version, old_id = _in_conflict(office.ws)
    before = server.stats()["entries"]

    # WHEN the office fetches the server's copy and compares it with its own
    copy = fetch_server_copy(office.ws, uuid, version)
    with office.ws.session() as s:
        cmp = compare(s, copy)
    # THEN the two are shown field by field: only the owner differs, and it can be taken
    assert (cmp.entry_uuid, cmp.version, cmp.entry_id, cmp.why_not) == (uuid, version, old_id, "")
    assert [(d.field, d.office, d.server) for d in cmp.fields if d.differs] == [("owner", OURS, THEIRS)]
    assert cmp.differences == 1 and copy.state == "received" and copy.batch_id and copy.received_at.endswith("Z")
    assert cmp.office_sha256 != copy.sha256 and "page 1, row 1" in cmp.place

    # WHEN a clerk tries to take it  THEN only a supervisor (or revenue officer, administrator) may
    with office.ws.session() as s, pytest.raises(WorkflowError, match="ask a supervisor"):
        take_server_copy(s, actor=office.clerk, copy=copy)

    # WHEN the supervisor takes it
    with office.ws.session() as s:
        taken = take_server_copy(s, actor=office.sup, copy=copy)
    # THEN the entry has a new version holding the server's values, sent (the server has it),
    # and the version in conflict stays readable as it was
    with office.ws.session() as s:
        new, old = s.get(Entry, taken.entry_id), s.get(Entry, old_id)
        assert (new.uuid, new.version, new.state, new.is_latest) == (uuid, version + 1, "sent", True)
        assert (old.version, old.is_latest) == (version, False)
        assert services.get_row(s, new.id).values["owner"].value == THEIRS
        assert services.get_row(s, old.id).values["owner"].value == OURS
        assert new.approved_by is None  # nobody here approved it: the server's document says who did
        # AND the outbox item now stands for it, received by the server, not waiting for anyone
        item = s.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == uuid, OutboxItem.version == version))
        assert (item.state, item.entry_id, item.content_sha256, item.server_id) == (
            "acknowledged", new.id, copy.sha256, copy.server_id)
        # AND it is audited as taken from the server, with the server's content hash
        ev = s.scalar(select(AuditEvent).where(AuditEvent.action == "entry.take_server"))
        assert (ev.entity_id, ev.username, ev.old, ev.new) == (str(new.id), "supervisor", "draft", "sent")
        assert (ev.detail["server_sha256"], ev.detail["office_sha256"], ev.detail["fields"]) == (
            copy.sha256, cmp.office_sha256, ["owner"])
    assert taken.fields == ("owner",)
    assert {p.state for p in queue_status(office.ws).problems} == {"failed"}  # (the 5 held back: not this one)
    # AND the audit trail and `daftar check` account for every value and fact of it
    assert _findings(office.ws) == []
    assert main(["check", "--workspace", str(office.ws.root)]) == 0, capsys.readouterr().out
    assert main(["audit", "verify", "--workspace", str(office.ws.root)]) == 0, capsys.readouterr().out

    # WHEN the office syncs
    rep = engine_for(office.ws).run_once()
    # THEN nothing is sent again and the server holds no second copy
    assert rep.ok, rep.errors
    assert server.stats()["entries"] == before
    assert item_states(office.ws) == {"acknowledged": 1, "failed": 5}

    # WHEN the central office accepts that version
    with server.admin_client() as c:
        c.post("/v1/admin/decisions", json={"decisions": [{"entry_uuid": uuid, "version": version,
                                                           "decision": "accepted"}]}).raise_for_status()
    assert engine_for(office.ws).run_once().ok
    # THEN the decision reaches the taken version
    with office.ws.session() as s:
        assert s.get(Entry, taken.entry_id).state == "accepted"
    assert _findings(office.ws) == []

    # WHEN it is edited later and approved (by another reviewer: the supervisor who took the
    # server's values is one of their makers, as for any value a supervisor sets) and sealed
    ro = _revenue_officer(office.ws)
    with office.ws.session() as s:
        ch = services.set_value(s, actor=office.clerk, entry_id=taken.entry_id, field_name="area", text="7-5")
        newer = ch.new_entry_ids[taken.entry_id]
        services.transition(s, actor=office.clerk, entry_ids=[newer], action="submit")
        with pytest.raises(WorkflowError, match="your own work"):
            services.transition(s, actor=office.sup, entry_ids=[newer], action="approve")
    with office.ws.session() as s:
        services.transition(s, actor=ro, entry_ids=[newer], action="approve")
    info = seal(office.ws, office.sup, [newer])
    # THEN sealing accepts it, and it reaches the server as the next version beside the one held
    assert info.entries == 1
    assert engine_for(office.ws).run_once().ok
    assert server.stats()["entries"] == before + 1
    assert (uuid, version + 2) in server.entry_keys()
    assert _findings(office.ws) == []


def test_a_copy_the_central_office_rejected_is_taken_rejected_and_cannot_be_taken_twice(office, server):
    # GIVEN an entry in conflict whose server copy the central office has rejected
    conflict(office, server)
    uuid, version, _old = _in_conflict(office.ws)
    with server.admin_client() as c:
        c.post("/v1/admin/decisions", json={"decisions": [{"entry_uuid": uuid, "version": version,
                                                           "decision": "rejected", "reason": "رقبہ غلط"}]}
               ).raise_for_status()
    copy = fetch_server_copy(office.ws, uuid, version)
    # WHEN the supervisor takes it
    with office.ws.session() as s:
        taken = take_server_copy(s, actor=office.sup, copy=copy)
    # THEN the new version is rejected with the central office's reason, as sync would have made it
    with office.ws.session() as s:
        assert (s.get(Entry, taken.entry_id).state, s.get(Entry, taken.entry_id).comment) == ("rejected", "رقبہ غلط")
    (p,) = [p for p in queue_status(office.ws).problems if p.state != "failed"]
    assert (p.state, p.reason, p.entry_id) == ("rejected", "رقبہ غلط", taken.entry_id)
    assert _findings(office.ws) == []
    # AND taking it again is refused in words, nothing changed
    with office.ws.session() as s, pytest.raises(OutboxError, match="not in conflict"):
        take_server_copy(s, actor=office.sup, copy=copy)


def test_a_copy_changed_on_the_way_is_refused(office, server):
    # GIVEN the server's copy of an entry in conflict, changed after it was fetched
    conflict(office, server)
    uuid, version, _old = _in_conflict(office.ws)
    copy = fetch_server_copy(office.ws, uuid, version)
    from dataclasses import replace

    changed = replace(copy, content=json.loads(json.dumps(copy.content)))
    changed.content["values"]["area"] = "99-1"
    # WHEN it is taken  THEN refused: it no longer matches the server's hash; nothing changed
    with office.ws.session() as s, pytest.raises(OutboxError, match="does not match its hash"):
        take_server_copy(s, actor=office.sup, copy=changed)
    assert item_states(office.ws) == {"conflict": 1, "failed": 5}


def test_fetching_a_copy_offline_or_of_a_version_never_sent_says_so_in_one_line(office, server):
    # GIVEN an enrolled office in conflict
    conflict(office, server)
    uuid, version, _old = _in_conflict(office.ws)
    # WHEN it asks for a version the server never received from it
    with pytest.raises(SyncError, match="holds no copy of this entry version"):
        fetch_server_copy(office.ws, uuid, version + 3)
    # WHEN the server cannot be reached
    from tests.pg import free_port
    from tests.sync.conftest import set_url

    set_url(office.ws, f"https://127.0.0.1:{free_port()}")
    with pytest.raises(SyncError) as e:
        fetch_server_copy(office.ws, uuid, version)
    # THEN one line says so, and what then
    assert "Cannot reach the central server" in str(e.value) and "\n" not in str(e.value)


def test_an_entry_in_conflict_is_named_by_its_uuid_or_its_first_characters(office, server):
    conflict(office, server)
    uuid, version, _old = _in_conflict(office.ws)
    with office.ws.session() as s:
        assert find_conflict(s, uuid) == find_conflict(s, uuid[:8].upper()) == find_conflict(s, f"{uuid}:{version}") \
            == (uuid, version)
        with pytest.raises(OutboxError, match="daftar sync --conflicts"):
            find_conflict(s, uuid[:8] + ":9")
        with pytest.raises(OutboxError, match="first 8 characters"):
            find_conflict(s, uuid[:4])
