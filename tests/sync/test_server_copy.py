"""GET /v1/entries/{uuid}/{version}: the server's copy of an entry version this office sent,
for comparing with the office's own when they conflict; never another office's."""

from __future__ import annotations

import base64
import ssl

import httpx
from sqlalchemy import select

from records.models import Office, OutboxItem
from records.outbox import public_key_b64
from tests.sync.conftest import engine_for, enrol, enrol_code, seal


def _client(server, token: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), headers=headers,
                        timeout=30)


def _token(ws) -> str:
    with ws.session() as s:
        return s.scalar(select(Office)).device_token


def _another_office(server) -> str:
    """A second office enrolled with the server; returns its device token."""
    from records.outbox import generate_signing_key

    code = enrol_code(server, name="Another office")
    with _client(server, None) as c:
        r = c.post("/v1/enrol", json={"code": code, "office_id": "0ther-0ffice", "name": "Another office",
                                      "district": "Lahore", "tehsil": "",
                                      "public_key": public_key_b64(generate_signing_key())})
        r.raise_for_status()
        return r.json()["device_token"]


def test_an_office_reads_the_servers_copy_of_its_own_entry_version_and_no_other_offices(office, server):
    # GIVEN an office whose batch the server received
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    with office.ws.session() as s:
        item = s.scalar(select(OutboxItem).order_by(OutboxItem.id))
        uuid, version, sha, server_id = item.entry_uuid, item.version, item.content_sha256, item.server_id
        batch_uuid = item.batch.uuid
        sent = next(d for d in item.batch.manifest["entries"] if d["entry_uuid"] == uuid)["content"]
    # WHEN the office asks for the server's copy of one of its entry versions
    with _client(server, _token(office.ws)) as c:
        r = c.get(f"/v1/entries/{uuid}/{version}")
    # THEN it gets the content, hash, state, and which batch it came in and when
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["entry_uuid"], got["version"], got["sha256"], got["content"]) == (uuid, version, sha, sent)
    assert (got["state"], got["reason"], got["server_id"], got["batch_id"], got["source"]) == (
        "received", "", server_id, batch_uuid, "network")
    assert got["received_at"].endswith("Z")
    # AND a decision shows in it
    with server.admin_client() as c:
        c.post("/v1/admin/decisions", json={"decisions": [{"entry_uuid": uuid, "version": version,
                                                           "decision": "rejected", "reason": "رقبہ غلط"}]}
               ).raise_for_status()
    with _client(server, _token(office.ws)) as c:
        got = c.get(f"/v1/entries/{uuid}/{version}").json()
    assert (got["state"], got["reason"]) == ("rejected", "رقبہ غلط")

    # WHEN another office asks for that very entry version, and for one never received
    with _client(server, _another_office(server)) as c:
        theirs = c.get(f"/v1/entries/{uuid}/{version}")
        missing = c.get(f"/v1/entries/{uuid}/{version + 5}")
    # THEN both are the same 404: another office's entry is not even said to exist
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json()["error"] == missing.json()["error"] == "unknown_entry"
    assert theirs.json()["detail"].replace(f"version {version} ", "version N ") == \
        missing.json()["detail"].replace(f"version {version + 5} ", "version N ")
    assert "content" not in theirs.text and sent["values"]["owner"] not in theirs.text

    # WHEN nobody authenticates, or with a token the server does not know
    with _client(server, None) as c:
        anonymous = c.get(f"/v1/entries/{uuid}/{version}")
    with _client(server, base64.b64encode(b"x" * 32).decode()) as c:
        unknown = c.get(f"/v1/entries/{uuid}/{version}")
    # THEN refused, as a batch upload is
    assert anonymous.status_code == unknown.status_code == 401
