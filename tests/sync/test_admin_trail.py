"""Every change made through the admin API is in the server's trail (GET /v1/admin/events), in
the same transaction as the change, naming who made it: decisions, batch files imported,
enrolment codes, revocations. A refused call leaves no event."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from daftar.cli import main
from sync.server import ingest
from tests.sync.conftest import ADMIN, enrol, office_uuid, seal


def _trail(server) -> list[dict]:
    """The server's whole trail, oldest first."""
    with server.admin_client() as c:
        r = c.get("/v1/admin/events", params={"limit": 5000})
        r.raise_for_status()
        return list(reversed(r.json()["events"]))


def _new(server, before: list[dict]) -> list[dict]:
    now = _trail(server)
    assert now[:len(before)] == before  # (nothing rewritten)
    return now[len(before):]


def _sql(server, query: str) -> list[tuple]:
    eng = create_engine(server.database_url)
    try:
        with eng.connect() as conn:
            return [tuple(r) for r in conn.execute(text(query))]
    finally:
        eng.dispose()


def _usb_file(office, tmp_path) -> bytes:
    seal(office.ws, office.sup)
    out = tmp_path / "june.daftar-batch"
    assert main(["batch", "export", "--workspace", str(office.ws.root), str(out)]) == 0
    return out.read_bytes()


def _by_the_api(event: dict) -> None:
    """The event names the API's caller: the admin token by its fingerprint (never the token),
    the address and the program."""
    d = event["detail"]
    assert d["by"] == "admin API" and d["token"] == ingest.token_fingerprint(ADMIN) and len(d["token"]) == 12
    assert d["address"] == "127.0.0.1" and d["client"].startswith("python-httpx/")
    assert ADMIN not in repr(event)


def test_each_admin_api_change_leaves_exactly_its_event_naming_the_caller(office, server, tmp_path):
    # GIVEN an office enrolled with a code the operator issued through the API
    before = _trail(server)
    enrol(office.ws, server)
    oid = office_uuid(office.ws)
    issued, enrolled = _new(server, before)
    assert (issued["action"], enrolled["action"]) == ("code.issued", "office.enrolled")
    _by_the_api(issued)

    # WHEN the central office imports its batch file brought on a USB stick
    data = _usb_file(office, tmp_path)
    before = _trail(server)
    with server.admin_client() as c:
        assert c.post("/v1/admin/import", content=data).status_code == 200
        (imported,) = _new(server, before)
        # THEN exactly one event names the office, the batch and its entries, and the caller
        (batch_id,) = _sql(server, "SELECT batch_uuid FROM sync_batch")[0]
        assert imported["action"] == "batch.imported" and imported["office_id"] == oid
        assert (imported["detail"]["batch_id"], imported["detail"]["entries"]) == (batch_id, 6)
        _by_the_api(imported)
        # AND the same file brought again changes nothing and writes nothing
        before = _trail(server)
        assert c.post("/v1/admin/import", content=data).status_code == 200
        assert _new(server, before) == []

        # WHEN two entries are decided in one call
        keys = [r[0] for r in _sql(server, "SELECT entry_uuid FROM sync_entry ORDER BY id")]
        r = c.post("/v1/admin/decisions", json={"decisions": [
            {"entry_uuid": keys[0], "version": 1, "decision": "accepted"},
            {"entry_uuid": keys[1], "version": 1, "decision": "rejected", "reason": "رقبہ غلط ہے"}]})
        assert r.status_code == 200
        # THEN one event each, in order: the office, the entry, its version, the reason, the caller
        accepted, rejected = _new(server, before)
        assert (accepted["action"], rejected["action"]) == ("decision.accepted", "decision.rejected")
        assert [(e["office_id"], e["detail"]["entry_uuid"], e["detail"]["version"], e["detail"]["reason"])
                for e in (accepted, rejected)] == [(oid, keys[0], 1, ""), (oid, keys[1], 1, "رقبہ غلط ہے")]
        _by_the_api(accepted)
        _by_the_api(rejected)

        # WHEN a code is issued for a new office
        before = _trail(server)
        assert c.post("/v1/admin/enrol-codes", json={"name": "Patwar Chunian", "district": "قصور"}).status_code == 200
        (code,) = _new(server, before)
        assert code["action"] == "code.issued" and code["detail"]["name"] == "Patwar Chunian"
        _by_the_api(code)
        assert "code" not in code["detail"]  # (the code itself is shown once, never kept)

        # WHEN the office is revoked, twice
        before = _trail(server)
        assert c.post(f"/v1/admin/offices/{oid}/revoke", json={"reason": "PC stolen"}).status_code == 200
        assert c.post(f"/v1/admin/offices/{oid}/revoke", json={"reason": "again"}).status_code == 200
        # THEN one event (the second changed nothing), with the reason and the caller
        (revoked,) = _new(server, before)
        assert (revoked["action"], revoked["office_id"], revoked["detail"]["reason"]) == ("office.revoked", oid,
                                                                                        "PC stolen")
        _by_the_api(revoked)


def test_a_refused_admin_call_leaves_no_event(office, server, tmp_path):
    # GIVEN an office's 6 entries received (from its USB file)
    enrol(office.ws, server)
    data = _usb_file(office, tmp_path)
    with server.admin_client() as c:
        c.post("/v1/admin/import", content=data).raise_for_status()
    keys = [r[0] for r in _sql(server, "SELECT entry_uuid FROM sync_entry ORDER BY id")]
    oid = office_uuid(office.ws)
    before = _trail(server)
    with server.admin_client() as c:
        # WHEN calls are refused: decisions with one entry unknown (the other one is not kept
        # either), a rejection without a reason, a decision not accepted or rejected, a file that
        # is no batch file, a code for an unknown office or for no time, an unknown office revoked
        refused = [
            c.post("/v1/admin/decisions", json={"decisions": [
                {"entry_uuid": keys[0], "version": 1, "decision": "accepted"},
                {"entry_uuid": "no-such-entry", "version": 1, "decision": "accepted"}]}),
            c.post("/v1/admin/decisions", json={"decisions": [{"entry_uuid": keys[1], "version": 1,
                                                               "decision": "rejected", "reason": " "}]}),
            c.post("/v1/admin/decisions", json={"decisions": [{"entry_uuid": keys[1], "version": 1,
                                                               "decision": "maybe"}]}),
            c.post("/v1/admin/import", content=b"not a zip"),
            c.post("/v1/admin/enrol-codes", json={"office_id": "no-such-office"}),
            c.post("/v1/admin/enrol-codes", json={"name": "X", "district": "Y", "hours": 0}),
            c.post("/v1/admin/offices/no-such-office/revoke", json={"reason": "?"}),
        ]
    # ... or made without the token (a browser signed in at /admin included: the API's POSTs need it)
    import ssl

    import httpx

    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca)) as anon:
        refused += [anon.post("/v1/admin/decisions", json={"decisions": [
                        {"entry_uuid": keys[0], "version": 1, "decision": "accepted"}]}),
                    anon.post(f"/v1/admin/offices/{oid}/revoke", json={"reason": "?"})]
    # THEN each is refused, and the trail has no event of any of them; nothing was decided or revoked
    assert [r.status_code for r in refused] == [404, 422, 422, 422, 404, 422, 404, 401, 401]
    assert _new(server, before) == []
    assert _sql(server, "SELECT count(*) FROM sync_decision") == [(0,)]
    assert _sql(server, "SELECT count(*) FROM sync_office WHERE revoked_at IS NOT NULL") == [(0,)]


def test_a_decision_is_never_kept_without_its_event(office, server, tmp_path, monkeypatch):
    # GIVEN entries received, and a trail that cannot be written (here: its writer fails)
    enrol(office.ws, server)
    data = _usb_file(office, tmp_path)
    with server.admin_client() as c:
        c.post("/v1/admin/import", content=data).raise_for_status()
    keys = [r[0] for r in _sql(server, "SELECT entry_uuid FROM sync_entry ORDER BY id")]

    def broken(*_a, **_k):
        raise RuntimeError("the trail cannot be written")

    monkeypatch.setattr(ingest, "record_event", broken)
    # WHEN an entry is decided through the API
    with server.admin_client() as c:
        r = c.post("/v1/admin/decisions", json={"decisions": [
            {"entry_uuid": keys[0], "version": 1, "decision": "accepted"}]})
    # THEN the call fails and the decision is not kept either (one transaction): the office is
    # told of no decision the trail does not show
    assert r.status_code == 500
    assert _sql(server, "SELECT count(*) FROM sync_decision") == [(0,)]
    assert _sql(server, "SELECT DISTINCT state FROM sync_entry") == [("received",)]


def test_the_operators_commands_on_the_database_name_the_computers_user(office, server, capsys):
    # GIVEN an enrolled office
    import getpass

    enrol(office.ws, server)
    oid = office_uuid(office.ws)
    before = _trail(server)
    # WHEN the operator issues a code and revokes the office on the server's database itself
    assert main(["server", "enrol-code", "--database", server.database_url, "--office-id", oid]) == 0
    assert main(["server", "revoke", "--database", server.database_url, "--office-id", oid,
                 "--reason", "retired"]) == 0
    capsys.readouterr()
    # THEN both events say the command line and the computer's user did it
    code, revoked = _new(server, before)
    assert (code["action"], revoked["action"]) == ("code.issued", "office.revoked")
    for e in (code, revoked):
        assert e["detail"]["by"] == "command line" and e["detail"]["user"] == getpass.getuser() and e["detail"]["host"]
