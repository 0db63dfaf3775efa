"""Enrolment with one-time codes the central operator issues per office (the administrator
token stays with the operator), re-enrolment only with a code for that office, revocation."""

from __future__ import annotations

import base64
import ssl

import httpx
from sqlalchemy import create_engine, select, text

from daftar.cli import main
from records.models import Office
from sync.engine import enrol as do_enrol
from sync.engine import load_config
from tests.sync.conftest import (
    ADMIN,
    engine_for,
    enrol,
    enrol_code,
    item_states,
    office_uuid,
    seal,
)


def _client(server, token: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), headers=headers,
                        timeout=30)


def _key() -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def _sql(server, query: str) -> list[tuple]:
    eng = create_engine(server.database_url)
    try:
        with eng.connect() as conn:
            return [tuple(r) for r in conn.execute(text(query))]
    finally:
        eng.dispose()


def _events(server) -> list[dict]:
    with server.admin_client() as c:
        return c.get("/v1/admin/events").json()["events"]


def test_the_admin_token_no_longer_enrols_an_office_and_works_for_admin_routes_only(office, server, capsys):
    oid = office_uuid(office.ws)
    # WHEN an office's IT enrols with the central administrator token (what it was given before)
    with _client(server, ADMIN) as c:
        r = c.post("/v1/enrol", json={"office_id": oid, "name": "x", "public_key": _key()})
        # THEN it is refused: an enrolment needs a code the operator issued (any office's IT held the token
        # that decides for, exports and re-keys every office)
        assert r.status_code == 401 and r.json()["error"] == "code_required", r.text
        # AND the admin token is no office's device token either
        assert c.get("/v1/ping").status_code == 401
        assert c.get("/v1/admin/batches").status_code == 200
    rc = main(["sync", "--workspace", str(office.ws.root), "--enrol", "--server", server.url,
               "--admin-token", ADMIN, "--ca-bundle", server.ca])
    assert rc == 2 and "ask the operator for this office's one-time code" in capsys.readouterr().err
    assert _sql(server, "SELECT count(*) FROM sync_office") == [(0,)]


def test_the_operator_issues_a_one_time_code_per_office_and_the_office_enrols_with_it(office, server, capsys):
    # GIVEN the operator, on the server machine, issues a code for a new office
    rc = main(["server", "enrol-code", "--database", server.database_url, "--office", "Patwar Raiwind",
               "--district", "Lahore", "--tehsil", "Raiwind"])
    out = capsys.readouterr().out
    assert rc == 0, out
    code = out.split(": ")[1].split()[0]
    assert len(code) == 23 and code.count("-") == 3 and "valid once, until" in out
    # THEN the server keeps only its hash
    assert not [r for r in _sql(server, "SELECT * FROM sync_enrol_code") if code in str(r)]
    # WHEN the office's IT enrols with it (typed in lower case, without dashes)
    rc = main(["sync", "--workspace", str(office.ws.root), "--enrol", "--server", server.url,
               "--code", code.lower().replace("-", ""), "--ca-bundle", server.ca])
    assert rc == 0, capsys.readouterr().err
    # THEN the office is enrolled under the name the operator gave, and syncs
    seal(office.ws, office.sup)
    assert engine_for(office.ws).run_once().ok
    (o,) = server.stats()["offices"]
    assert (o["office_id"], o["name"], o["district"], len(o["batches"])) == (
        office_uuid(office.ws), "Patwar Raiwind", "Lahore", 1)
    # AND the code works once: another office (another workspace) cannot use it again
    with _client(server) as c:
        r = c.post("/v1/enrol", json={"code": code, "office_id": "another-office", "public_key": _key()})
        assert r.status_code == 401 and r.json()["error"] == "code_used", r.text
        # AND an expired code is refused
        old = enrol_code(server, hours=0.0001)
        import time

        time.sleep(0.5)
        r = c.post("/v1/enrol", json={"code": old, "office_id": "another-office", "public_key": _key()})
        assert r.status_code == 401 and r.json()["error"] == "code_expired", r.text
    assert _sql(server, "SELECT count(*) FROM sync_office") == [(1,)]
    actions = [e["action"] for e in _events(server)]
    assert actions.count("code.issued") == 2 and "office.enrolled" in actions and actions.count("enrol.refused") == 2


def test_an_enrolled_office_gets_a_new_key_only_with_a_code_issued_for_it_and_it_is_audited(office, server):
    # GIVEN an enrolled office that has sent its batch
    enrol(office.ws, server)
    seal(office.ws, office.sup)
    assert engine_for(office.ws).run_once().ok
    oid, token = office_uuid(office.ws), load_config(office.ws).device_token
    # WHEN someone holding a code for a new office enrols with this office's id and another key (impersonation)
    new_office_code = enrol_code(server, name="some other office")
    with _client(server) as c:
        r = c.post("/v1/enrol", json={"code": new_office_code, "office_id": oid, "public_key": _key()})
    # THEN it is refused (before, it replaced the office's key and token), and the office goes on as it was
    assert r.status_code == 403 and r.json()["error"] == "enrolled_already", r.text
    assert f"--office-id {oid}" in r.json()["detail"]
    with _client(server, token) as c:
        assert c.get("/v1/ping").status_code == 200
    # AND a code issued for this office works for no other (new) office
    for_it = enrol_code(server, office_id=oid)
    with _client(server) as c:
        r = c.post("/v1/enrol", json={"code": for_it, "office_id": "a-new-office", "public_key": _key()})
        assert r.status_code == 403 and r.json()["error"] == "code_for_another_office", r.text
    # WHEN the operator issues a code for this office (a new PC) and it is enrolled again with it
    do_enrol(office.ws, server_url=server.url, code=for_it, ca_bundle=server.ca)
    # THEN it syncs with its new token, the old token is refused, and the server's trail says so
    assert engine_for(office.ws).run_once().ok
    with _client(server, token) as c:
        assert c.get("/v1/ping").status_code == 401
    (again,) = [e for e in _events(server) if e["action"] == "office.reenrolled"]
    assert again["office_id"] == oid and again["detail"]["old_public_key"]
    assert [e["detail"]["error"] for e in _events(server) if e["action"] == "enrol.refused"] == [
        "code_for_another_office", "enrolled_already"]


def test_a_revoked_office_is_refused_with_a_clear_message_until_the_operator_enrols_it_again(
        office, server, tmp_path, capsys, monkeypatch):
    # GIVEN an enrolled office with a batch waiting (its PC stolen)
    enrol(office.ws, server)
    seal(office.ws, office.sup)
    oid = office_uuid(office.ws)
    # WHEN the operator revokes it (through the running server, the admin token from the environment)
    monkeypatch.setenv("DAFTAR_ADMIN_TOKEN", ADMIN)
    rc = main(["server", "revoke", "--server", server.url, "--ca-bundle", server.ca, "--office-id", oid,
               "--reason", "PC stolen"])
    assert rc == 0 and "revoked" in capsys.readouterr().out
    # THEN the office's sync says so, and its batch waits, nothing lost
    rep = engine_for(office.ws).run_once()
    assert not rep.ok and rep.errors[-1].startswith(
        "This office's access was revoked by the central server; ask the operator."), rep.errors
    assert item_states(office.ws) in ({"queued": 6}, {"uploading": 6})
    assert _sql(server, "SELECT count(*) FROM sync_entry") == [(0,)]
    with _client(server, load_config(office.ws).device_token) as c:
        r = c.get("/v1/ping")
        assert r.status_code == 403 and r.json() == {
            "error": "office_revoked", "detail": "this office's access was revoked by the central server; ask the operator"}
    # AND its key is refused too: a batch file it signed is not imported
    from records.models import Batch
    from records.outbox import submission

    with office.ws.session() as s:
        sub = submission(s.scalar(select(Batch)))
    import io
    import json
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("batch.json", json.dumps(sub))
    with server.admin_client() as c:
        r = c.post("/v1/admin/import", content=buf.getvalue())
        assert r.status_code == 403 and r.json()["error"] == "office_revoked", r.text
        # AND the operator sees it revoked, and what it tried
        stats = c.get("/v1/admin/batches").json()
        page_ok = c.get("/admin").text
    (o,) = stats["offices"]
    assert o["revoked_at"] and o["revoked_reason"] == "PC stolen"
    assert {(x["office_id"], x["error"], x["source"]) for x in stats["refusals"]} >= {
        (oid, "office_revoked", "network"), (oid, "office_revoked", "usb")}
    assert "REVOKED" in page_ok and "PC stolen" in page_ok
    # WHEN the operator issues a code for it and IT enrols it again (a new PC)
    do_enrol(office.ws, server_url=server.url, code=enrol_code(server, office_id=oid), ca_bundle=server.ca)
    # THEN it is back in service and the batch is sent
    rep = engine_for(office.ws).run_once()
    assert rep.ok and rep.entries_acknowledged == 6, rep.errors
    assert not server.stats()["offices"][0]["revoked_at"]
    with office.ws.session() as s:
        assert s.scalar(select(Office)).device_token
