"""The central server's loose ends: a limit on failed enrolments, the admin page's sign-in
ending (Sign out, idle, at most 8 hours), refused batches kept within bounds."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from tests.sync.conftest import ADMIN


def _key() -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def _sql(url: str, query: str, **params) -> list[tuple]:
    eng = create_engine(url)
    try:
        with eng.begin() as conn:
            res = conn.execute(text(query), params)
            return [tuple(r) for r in res] if res.returns_rows else []
    finally:
        eng.dispose()


@pytest.fixture
def make_app(server_db, tmp_path):
    """create_app on the test database with `Settings` overrides; disposed afterwards."""
    from sync.server import Settings, create_app

    apps = []

    def make(**kw):
        app = create_app(Settings(server_db, tmp_path / "images", admin_token=ADMIN, **kw))
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.state.engine.dispose()


def _client(app, host: str = "192.0.2.7") -> TestClient:
    # https: the admin page's cookie is Secure; `client` is the address the server sees
    return TestClient(app, base_url="https://testserver", client=(host, 50000))


# ----------------------------------------------------------------------------- 1. failed enrolments
def _issue(c: TestClient, name: str = "Patwar Raiwind") -> str:
    r = c.post("/v1/admin/enrol-codes", json={"name": name, "district": "Lahore"},
               headers={"Authorization": f"Bearer {ADMIN}"})
    r.raise_for_status()
    return r.json()["code"]


def test_wrong_enrolment_codes_are_limited_per_address_then_429_with_retry_after(make_app, server_db):
    app = make_app(enrol_failures_per_hour=10)
    with _client(app) as c:
        good = _issue(c)
        # GIVEN 10 wrong codes from one address within the hour (each a different office name)
        for i in range(10):
            r = c.post("/v1/enrol", json={"code": f"WRONG-CODE{i:02d}", "office_id": f"o-{i}", "name": f"office {i}",
                                          "public_key": _key()})
            assert r.status_code == 401 and r.json()["error"] == "bad_code", r.text
        # WHEN the 11th attempt comes, even with the right code
        r = c.post("/v1/enrol", json={"code": good, "office_id": "o-x", "name": "another", "public_key": _key()})
        # THEN it is refused, 429, saying how long to wait and what to do (the code is not even tried)
        assert r.status_code == 429, r.text
        body = r.json()
        assert body["error"] == "too_many_attempts"
        assert "too many failed enrolments from this address (10 in the last hour)" in body["detail"]
        assert "try again in 60 minutes" in body["detail"] and "\n" not in body["detail"]
        assert 3500 <= int(r.headers["Retry-After"]) <= 3600
        # AND it is recorded like the other refusals, with the address
        with TestClient(app, base_url="https://testserver") as admin:
            events = admin.get("/v1/admin/events", headers={"Authorization": f"Bearer {ADMIN}"}).json()["events"]
        assert events[0]["action"] == "enrol.refused" and events[0]["detail"]["error"] == "too_many_attempts"
        assert events[0]["detail"]["address"] == "192.0.2.7"
        assert [e["detail"]["error"] for e in events if e["action"] == "enrol.refused"].count("bad_code") == 10
    # AND another address is not held up by it: the right code enrols from there
    with _client(app, "198.51.100.9") as c:
        r = c.post("/v1/enrol", json={"code": good, "office_id": "o-x", "name": "another", "public_key": _key()})
        assert r.status_code == 200, r.text
    assert _sql(server_db, "SELECT count(*) FROM sync_office") == [(1,)]
    # AND once the hour has passed, the first address may try again
    _sql(server_db, "UPDATE sync_enrol_failure SET at = :t", t=dt.datetime.now(dt.UTC).replace(tzinfo=None)
         - dt.timedelta(minutes=61))
    with _client(app) as c:
        r = c.post("/v1/enrol", json={"code": "WRONG", "office_id": "o-y", "name": "y", "public_key": _key()})
        assert r.status_code == 401, r.text
    # (failures older than the hour are forgotten as new ones are written)
    assert _sql(server_db, "SELECT count(*) FROM sync_enrol_failure") == [(1,)]


def test_wrong_enrolment_codes_are_limited_per_office_name_from_any_address(make_app):
    app = make_app(enrol_failures_per_hour=3)
    for i in range(3):
        with _client(app, f"203.0.113.{i + 1}") as c:
            r = c.post("/v1/enrol", json={"code": "WRONG", "office_id": "o-1", "name": "Patwar  Raiwind",
                                          "public_key": _key()})
            assert r.status_code == 401
    with _client(app, "203.0.113.99") as c:
        r = c.post("/v1/enrol", json={"code": "WRONG", "office_id": "o-1", "name": "patwar raiwind",
                                      "public_key": _key()})
        assert r.status_code == 429 and "for the office 'patwar raiwind' (3 in the last hour)" in r.json()["detail"]


def test_the_office_prints_the_limit_in_one_line_and_keeps_nothing(office, server, capsys, monkeypatch):
    from daftar.cli import main

    server.app.state.settings.enrol_failures_per_hour = 2
    for _ in range(2):
        assert main(["sync", "--workspace", str(office.ws.root), "--enrol", "--server", server.url,
                     "--code", "AAAAA-BBBBB-CCCCC-DDDDD", "--ca-bundle", server.ca]) == 1
    capsys.readouterr()
    rc = main(["sync", "--workspace", str(office.ws.root), "--enrol", "--server", server.url,
               "--code", "AAAAA-BBBBB-CCCCC-DDDDD", "--ca-bundle", server.ca])
    err = capsys.readouterr().err
    assert rc == 1 and err.count("\n") == 1, err
    assert err.startswith("daftar sync: The server refused the enrolment: too many failed enrolments from this "
                          "address (2 in the last hour): try again in 60 minutes"), err
    assert err.rstrip().endswith("nothing was changed")


# ----------------------------------------------------------------------------- 2. the admin page's sign-in
def _signed_in(c: TestClient) -> str:
    r = c.post("/admin/login", data={"token": ADMIN})
    assert r.status_code == 200 and "Received batches" in r.text, r.text
    return c.cookies.get("daftar_admin")


def _sign_out(c: TestClient):
    """Sign out with the page's form (it carries the sign-in's CSRF token)."""
    import re

    (csrf,) = re.findall(r"name='csrf' value='([^']+)'", c.get("/admin").text)
    return c.post("/admin/logout", data={"csrf": csrf})


def test_sign_out_ends_the_admin_pages_sign_in_on_the_server_too(make_app):
    app = make_app()
    with _client(app) as c:
        cookie = _signed_in(c)
        assert ADMIN not in cookie
        assert c.get("/v1/admin/batches").status_code == 200
        # WHEN signed out
        r = _sign_out(c)
        assert r.status_code == 200 and "Signed out." in r.text and "name='token'" in r.text
        assert not c.cookies.get("daftar_admin")
    # THEN a copy of the cookie taken before no longer reads anything (it was valid 8 hours whatever)
    with _client(app) as thief:
        thief.cookies.set("daftar_admin", cookie)
        assert thief.get("/v1/admin/batches").status_code == 401
        assert "name='token'" in thief.get("/admin").text


def test_the_admin_pages_sign_in_ends_after_30_minutes_idle_and_8_hours_at_most(make_app, server_db):
    app = make_app()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with _client(app) as c:
        _signed_in(c)
        # GIVEN a sign-in used 29 minutes ago THEN it still reads, and its use keeps it open
        _sql(server_db, "UPDATE sync_admin_session SET last_seen = :t", t=now - dt.timedelta(minutes=29))
        assert c.get("/v1/admin/batches").status_code == 200
        (seen,) = _sql(server_db, "SELECT last_seen FROM sync_admin_session")[0]
        assert seen > now - dt.timedelta(minutes=1)
        # WHEN unused for 31 minutes THEN it has ended
        _sql(server_db, "UPDATE sync_admin_session SET last_seen = :t", t=now - dt.timedelta(minutes=31))
        assert c.get("/v1/admin/batches").status_code == 401
        # AND one in use all along ends 8 hours after the sign-in
        _signed_in(c)
        _sql(server_db, "UPDATE sync_admin_session SET created_at = :t WHERE ended_at IS NULL",
             t=now - dt.timedelta(hours=8, minutes=1))
        assert c.get("/v1/admin/batches").status_code == 401
    # AND another administrator token (the operator changed it) ends every sign-in
    with _client(app) as c:
        _signed_in(c)
        app.state.settings.admin_token = "a-new-admin-token-0000000"
        assert c.get("/v1/admin/batches").status_code == 401


def test_an_admin_sign_in_made_while_the_servers_clock_was_ahead_ends_when_it_is_put_right(make_app, server_db):
    app = make_app()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with _client(app) as c:
        # GIVEN a sign-in made and used while the server's clock said three years later
        _signed_in(c)
        ahead = now + dt.timedelta(days=3 * 365)
        _sql(server_db, "UPDATE sync_admin_session SET created_at = :t, last_seen = :t", t=ahead)
        # WHEN the clock is right again THEN it has ended (not open for the next three years)
        assert c.get("/v1/admin/batches").status_code == 401
        # AND a sign-in stamped a minute ahead (clocks a little apart) still reads
        _signed_in(c)
        _sql(server_db, "UPDATE sync_admin_session SET created_at = :t, last_seen = :t WHERE ended_at IS NULL",
             t=now + dt.timedelta(minutes=1))
        assert c.get("/v1/admin/batches").status_code == 200


# ----------------------------------------------------------------------------- 3. refused batches kept within bounds
def _refuse(c: TestClient, n: int) -> None:
    for _ in range(n):
        r = c.post("/v1/admin/import", content=b"not a batch file", headers={"Authorization": f"Bearer {ADMIN}"})
        assert r.status_code == 422 and r.json()["error"] == "bad_batch_file"


def test_refused_batches_are_kept_to_the_newest_n_and_pruned_by_age(make_app, server_db):
    app = make_app(refusals_keep=5, refusals_days=30)
    with _client(app) as c:
        # WHEN 8 batches are refused THEN the newest 5 are kept
        _refuse(c, 8)
        ids = [i for (i,) in _sql(server_db, "SELECT id FROM sync_refusal ORDER BY id")]
        assert len(ids) == 5 and ids == list(range(ids[0], ids[0] + 5))
        assert c.get("/v1/admin/batches", headers={"Authorization": f"Bearer {ADMIN}"}).json()["refusals"][0][
            "error"] == "bad_batch_file"
        # AND one older than 30 days goes at the next write, whatever its rank
        old = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=31)
        _sql(server_db, "UPDATE sync_refusal SET at = :t WHERE id = :i", t=old, i=ids[-1])
        _refuse(c, 1)
        now = [i for (i,) in _sql(server_db, "SELECT id FROM sync_refusal ORDER BY id")]
        assert now[:4] == ids[:4] and ids[-1] not in now and len(now) == 5
    # AND at start: a server started with smaller bounds prunes at once (by age, then to the newest 2)
    _sql(server_db, "UPDATE sync_refusal SET at = :t WHERE id = :i", t=old, i=now[-1])
    make_app(refusals_keep=2, refusals_days=30)
    assert [i for (i,) in _sql(server_db, "SELECT id FROM sync_refusal ORDER BY id")] == now[2:4]


def _events(app) -> list[dict]:
    with TestClient(app, base_url="https://testserver") as admin:
        return admin.get("/v1/admin/events", headers={"Authorization": f"Bearer {ADMIN}"}).json()["events"]


def test_the_admin_pages_sign_ins_and_sign_outs_are_in_the_servers_trail_never_the_token(make_app, server_db):
    app = make_app()
    with _client(app) as c:
        # WHEN a wrong token is given, then the right one, then the page signs out
        r = c.post("/admin/login", data={"token": "not-the-admin-token-1234"})
        assert r.status_code == 401
        _signed_in(c)
        assert _sign_out(c).status_code == 200
        # AND a second sign-in runs out unused
        _signed_in(c)
        _sql(server_db, "UPDATE sync_admin_session SET last_seen = :t WHERE ended_at IS NULL",
             t=dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=31))
        assert c.get("/v1/admin/batches").status_code == 401
    # THEN each is in the trail, newest first, with the browser's address
    events = [e for e in _events(app) if e["action"].startswith("admin.")]
    assert [e["action"] for e in events] == ["admin.sign_in_ended", "admin.sign_in", "admin.sign_out",
                                             "admin.sign_in", "admin.sign_in_refused"]
    assert all(e["detail"]["address"] == "192.0.2.7" for e in events)
    assert events[0]["detail"]["reason"] == "idle"
    # AND no token, right or wrong, is written in it
    trail = repr(_sql(server_db, "SELECT action, detail FROM sync_event"))
    assert ADMIN not in trail and "not-the-admin-token-1234" not in trail
