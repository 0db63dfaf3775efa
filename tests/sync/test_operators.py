"""Named operators of the central server: accounts made on the server's database with `daftar
server operator ...` (argon2id hashes, the desktop's rules and lockout), the /admin sign-in by
name and password, personal API tokens (kept hashed), roles (a reviewer decides, an admin also
issues codes and revokes offices), and the server's trail naming the operator of every change."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import re
import ssl
from contextlib import contextmanager

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from daftar.cli import main
from tests.sync.conftest import ADMIN

AMINA, BILAL = "amina-pass-1", "bilal-pass-1"


def _sql(url: str, query: str, **params) -> list[tuple]:
    eng = create_engine(url)
    try:
        with eng.begin() as conn:
            res = conn.execute(text(query), params)
            return [tuple(r) for r in res] if res.returns_rows else []
    finally:
        eng.dispose()


def _operator(db: str, *args: str, password: str | None = None, monkeypatch=None) -> int:
    """`daftar server operator ARGS --database DB`, the password from $DAFTAR_OPERATOR_PASSWORD."""
    if monkeypatch is not None:
        if password is None:
            monkeypatch.delenv("DAFTAR_OPERATOR_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("DAFTAR_OPERATOR_PASSWORD", password)
    return main(["server", "operator", *args, "--database", db])


def _chose_own(db: str, *names: str) -> None:
    """As if these operators had chosen their own password at their first sign-in (a password
    the command line set must be changed there first: test_a_password_typed_by_someone_else...)."""
    for name in names:
        _sql(db, "UPDATE sync_operator SET must_change_password = false WHERE name = :n", n=name)


@pytest.fixture
def make_app(server_db, tmp_path):
    """create_app on the test database; disposed afterwards."""
    from sync.server import Settings, create_app

    apps = []

    def make(**kw):
        app = create_app(Settings(server_db, tmp_path / "images", admin_token=ADMIN, **kw))
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.state.engine.dispose()


@pytest.fixture
def staff(server_db, monkeypatch, capsys):
    """Two operators: amina (reviewer) and bilal (admin)."""
    assert _operator(server_db, "add", "amina", password=AMINA, monkeypatch=monkeypatch) == 0
    assert _operator(server_db, "add", "bilal", "--role", "admin", password=BILAL, monkeypatch=monkeypatch) == 0
    _chose_own(server_db, "amina", "bilal")
    capsys.readouterr()
    return server_db


def _client(app, host: str = "192.0.2.7") -> TestClient:
    return TestClient(app, base_url="https://testserver", client=(host, 50000))


def _trail(app, limit: int = 5000) -> list[dict]:
    """The server's trail, oldest first (read with the shared token)."""
    with TestClient(app, base_url="https://testserver") as c:
        r = c.get("/v1/admin/events", params={"limit": limit}, headers={"Authorization": f"Bearer {ADMIN}"})
        r.raise_for_status()
        return list(reversed(r.json()["events"]))


def _sign_in(c, name: str, password: str):
    return c.post("/admin/login", data={"name": name, "password": password}, follow_redirects=False)


def _csrf(page: str) -> str:
    (token,) = set(re.findall(r"name='csrf' value='([^']+)'", page))
    return token


# ----------------------------------------------------------------------------- accounts, on the command line
def test_operators_are_kept_with_argon2id_hashes_and_every_change_is_in_the_trail(make_app, server_db, monkeypatch,
                                                                                  capsys):
    # WHEN the central office's IT adds two operators, lists them, sets a password anew,
    # disables and enables one, and gives one an API token
    assert _operator(server_db, "add", "amina", password=AMINA, monkeypatch=monkeypatch) == 0
    assert "operator amina added (reviewer)" in capsys.readouterr().out
    assert _operator(server_db, "add", "Bilal", "--role", "admin", password=BILAL, monkeypatch=monkeypatch) == 0
    assert _operator(server_db, "password", "AMINA", password="amina-pass-2", monkeypatch=monkeypatch) == 0
    assert "new password set for operator amina" in capsys.readouterr().out
    assert _operator(server_db, "disable", "amina") == 0
    assert _operator(server_db, "enable", "amina") == 0
    assert _operator(server_db, "token", "bilal") == 0
    out = capsys.readouterr().out
    (token,) = re.findall(r"API token of operator Bilal \(admin\): (\S+)", out)
    assert _operator(server_db, "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)["operators"]
    # THEN both are listed, by name, with their role, enabled, and bilal's one token
    assert [(o["name"], o["role"], o["active"], o["tokens"]) for o in listed] == [("amina", "reviewer", True, 0),
                                                                                 ("Bilal", "admin", True, 1)]
    # AND the database keeps argon2id hashes, never a password or the token
    rows = _sql(server_db, "SELECT name, password_hash FROM sync_operator ORDER BY id")
    assert [n for n, _h in rows] == ["amina", "Bilal"] and all(h.startswith("$argon2id$") for _n, h in rows)
    everything = repr(_sql(server_db, "SELECT * FROM sync_operator")) + repr(
        _sql(server_db, "SELECT * FROM sync_operator_token")) + repr(_sql(server_db, "SELECT * FROM sync_event"))
    for secret in (AMINA, "amina-pass-2", BILAL, token):
        assert secret not in everything
    from sync.server import operators

    (stored,) = _sql(server_db, "SELECT token_sha256, fingerprint FROM sync_operator_token")
    assert stored == (operators.token_hash(token), operators.fingerprint(token))
    # AND each change is in the server's trail, naming the command line and the computer's user
    app = make_app()
    changes = [e for e in _trail(app) if e["action"].startswith("operator.")]
    assert [(e["action"], e["detail"]["name"]) for e in changes] == [
        ("operator.added", "amina"), ("operator.added", "Bilal"), ("operator.password_reset", "amina"),
        ("operator.disabled", "amina"), ("operator.enabled", "amina"), ("operator.token_issued", "Bilal")]
    assert changes[1]["detail"]["role"] == "admin" and changes[-1]["detail"]["token"] == operators.fingerprint(token)
    for e in changes:
        assert e["detail"]["by"] == "command line" and e["detail"]["user"] == getpass.getuser() and e["detail"]["host"]


def test_the_commands_say_what_is_wrong_in_one_line_and_change_nothing(server_db, monkeypatch, capsys):
    # GIVEN one operator
    assert _operator(server_db, "add", "amina", password=AMINA, monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    before = _sql(server_db, "SELECT count(*) FROM sync_event")

    def refused(*args, password=AMINA, said: str, stdin: str | None = None) -> None:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", __import__("io").StringIO(stdin))
            monkeypatch.setattr("daftar.cli._no_terminal", lambda: True)
        rc = _operator(server_db, *args, password=password, monkeypatch=monkeypatch)
        out, err = capsys.readouterr()
        assert rc == 1 and out == "" and len(err.splitlines()) == 1 and "Traceback" not in err, (args, out, err)
        assert err.startswith("daftar server: ") and said in err, (args, err)

    # WHEN a name is not one, a password is weak, an operator is unknown, a name is taken
    refused("add", "amina khan", said="the operator name 'amina khan' holds a space: an operator name may hold only")
    refused("add", "", said="the operator name is empty")
    refused("add", "bilal", password="short", said="the password must have at least 8 characters")
    refused("add", "bilal-pass-1", password="BILAL-PASS-1", said="the password must not be the operator's name")
    refused("add", "AMINA", said="an operator named 'amina' exists already")
    refused("password", "amina", password="1234567", said="at least 8 characters")
    for action in ("disable", "enable", "password", "token"):
        refused(action, "nobody", said="no operator is named 'nobody' on this server (the operators: amina)")
    # ... the two passwords typed differ, or there is no terminal and no $DAFTAR_OPERATOR_PASSWORD
    refused("add", "bilal", password=None, stdin="bilal-pass-1\nbilal-pass-2\n", said="the two passwords are not the "
            "same: nothing was changed")
    refused("add", "bilal", password=None, stdin="", said="set $DAFTAR_OPERATOR_PASSWORD")
    # ... a disabled operator given a token
    assert _operator(server_db, "disable", "amina") == 0
    capsys.readouterr()
    refused("token", "amina", said="operator amina is disabled: enable them first")
    # THEN nothing was made but that one change (its event); an unknown role is argparse's (exit 2)
    assert [n for (n,) in _sql(server_db, "SELECT name FROM sync_operator")] == ["amina"]
    assert _sql(server_db, "SELECT count(*) FROM sync_event")[0][0] == before[0][0] + 1
    with pytest.raises(SystemExit) as bad_role:
        _operator(server_db, "add", "bilal", "--role", "boss", password=BILAL, monkeypatch=monkeypatch)
    assert bad_role.value.code == 2 and "invalid choice: 'boss'" in capsys.readouterr().err
    # AND a password asked at the terminal twice, the same, is taken
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("bilal-pass-1\nbilal-pass-1\n"))
    monkeypatch.setattr("daftar.cli._no_terminal", lambda: True)
    assert _operator(server_db, "add", "bilal", password=None, monkeypatch=monkeypatch) == 0


# ----------------------------------------------------------------------------- the /admin sign-in
def test_an_operator_signs_in_by_name_and_the_pages_name_them(make_app, staff):
    app = make_app()
    with _client(app) as c:
        # WHEN the sign-in page is opened THEN it asks for a name and a password, not the token
        page = c.get("/admin").text
        assert "name='name'" in page and "name='password'" in page and "name='token'" not in page
        # WHEN amina signs in (her name in another case)
        r = _sign_in(c, " Amina ", AMINA)
        assert r.status_code == 303
        # THEN the pages say who is signed in
        home = c.get("/admin").text
        assert "Signed in as <b>amina</b> (reviewer)" in home
        # AND the sign-in names her; signing out too
        assert c.post("/admin/logout", data={"csrf": _csrf(home)}).status_code == 200
    ins = [e for e in _trail(app) if e["action"].startswith("admin.")]
    assert [(e["action"], e["detail"].get("operator")) for e in ins] == [("admin.sign_in", "amina"),
                                                                      ("admin.sign_out", "amina")]
    assert ins[0]["detail"]["role"] == "reviewer" and ins[0]["detail"]["address"] == "192.0.2.7"
    (row,) = _sql(staff, "SELECT operator_name, ended_at IS NOT NULL FROM sync_admin_session")
    assert row == ("amina", True)
    assert AMINA not in repr(_sql(staff, "SELECT * FROM sync_event"))


def test_wrong_passwords_lock_an_operator_out_for_a_while_as_the_desktop_does(make_app, staff):
    from records.credentials import FREE_ATTEMPTS, lock_delay

    app = make_app()
    with _client(app) as c:
        # WHEN a wrong password is given three times
        said = [_sign_in(c, "amina", "not-her-password") for _ in range(FREE_ATTEMPTS)]
        # THEN each is refused; the third locks her out for 30 seconds, and says so
        assert [r.status_code for r in said] == [401] * FREE_ATTEMPTS
        assert "Wrong name or password." in said[0].text
        assert f"this name is locked out for {lock_delay(FREE_ATTEMPTS)} seconds" in said[-1].text
        # AND meanwhile even her right password is refused, saying how long to wait
        locked = _sign_in(c, "amina", AMINA)
        assert locked.status_code == 429 and re.search(r"try again in (2\d|30|31) seconds", locked.text)
        assert "daftar_admin" not in locked.headers.get("set-cookie", "")
        # AND bilal is not locked by her failures, nor is an unknown name told apart from a wrong password
        assert _sign_in(c, "bilal", BILAL).status_code == 303
        unknown = _sign_in(c, "nobody", AMINA)
        assert unknown.status_code == 401 and "Wrong name or password." in unknown.text
    # WHEN the lock has passed THEN her password signs in again and the count starts afresh
    _sql(staff, "UPDATE sync_operator SET locked_until = :t WHERE name = 'amina'",
         t=dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=1))
    with _client(app) as c:
        assert _sign_in(c, "amina", AMINA).status_code == 303
    assert _sql(staff, "SELECT failed_logins, locked_until FROM sync_operator WHERE name = 'amina'") == [(0, None)]
    # AND a lock stamped years ahead (the server's clock was wrong then) is the lock of her failures from now
    _sql(staff, "UPDATE sync_operator SET failed_logins = 3, locked_until = :t WHERE name = 'amina'",
         t=dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=3 * 365))
    with _client(app) as c:
        r = _sign_in(c, "amina", AMINA)
        assert r.status_code == 429 and re.search(r"try again in (2\d|30|31) seconds", r.text)
    # AND the trail has each refusal with why, naming the operator when the name is one (never the password)
    refusals = [e["detail"] for e in _trail(app) if e["action"] == "admin.sign_in_refused"]
    assert [(d.get("name"), d["reason"]) for d in refusals] == [
        ("amina", "wrong_password"), ("amina", "wrong_password"), ("amina", "wrong_password"), ("amina", "locked"),
        (None, "unknown_name"), ("amina", "locked")]
    assert refusals[2]["failures"] == 3 and refusals[2]["locked_s"] == 30
    assert "not-her-password" not in repr(_sql(staff, "SELECT * FROM sync_event"))


def test_a_disabled_operator_is_refused_on_the_page_and_the_api_and_their_sign_in_ends(make_app, staff, capsys,
                                                                                       monkeypatch):
    app = make_app()
    assert _operator(staff, "token", "amina") == 0
    (token,) = re.findall(r"API token of operator amina \(reviewer\): (\S+)", capsys.readouterr().out)
    with _client(app) as c, _client(app) as api:
        api.headers["Authorization"] = f"Bearer {token}"
        assert _sign_in(c, "amina", AMINA).status_code == 303
        assert c.get("/admin/review").status_code == 200 and api.get("/v1/admin/batches").status_code == 200
        # WHEN she is disabled
        assert _operator(staff, "disable", "amina") == 0
        # THEN her open sign-in has ended, her token is refused, and her password no longer signs in
        assert "name='password'" in c.get("/admin/review").text
        r = api.get("/v1/admin/batches")
        assert r.status_code == 403 and r.json()["error"] == "operator_disabled"
        assert "operator amina is disabled" in r.json()["detail"]
        assert api.post("/v1/admin/decisions", json={"decisions": []}).status_code == 403
        refused = _sign_in(c, "amina", AMINA)
        assert refused.status_code == 403 and "Operator amina is disabled" in refused.text
        # AND a wrong password is told as any wrong password (being disabled is said only to her password)
        assert "Wrong name or password." in _sign_in(c, "amina", "a-wrong-one-1").text
        # WHEN enabled again and given a new password THEN a sign-in made before the new password ends
        assert _operator(staff, "enable", "amina") == 0
        assert _sign_in(c, "amina", AMINA).status_code == 303
        assert _operator(staff, "password", "amina", password="amina-pass-2", monkeypatch=monkeypatch) == 0
        assert "name='password'" in c.get("/admin").text
        assert _sign_in(c, "amina", "amina-pass-2").status_code == 303
        assert api.get("/v1/admin/batches").status_code == 200  # (her token was never revoked)
    ended = [e["detail"]["reason"] for e in _trail(app) if e["action"] == "admin.sign_in_ended"]
    assert ended == ["operator_disabled", "password_changed"]


# ----------------------------------------------------------------------------- the API: tokens and roles
def test_personal_tokens_name_their_operator_and_a_reviewer_may_not_issue_codes_or_revoke(make_app, staff, capsys):
    from sync.server import ingest, operators

    app = make_app()
    tokens = {}
    for name in ("amina", "bilal"):
        assert _operator(staff, "token", name) == 0
        (tokens[name],) = re.findall(r"API token of operator \w+ \(\w+\): (\S+)", capsys.readouterr().out)
    code = {"name": "Patwar Chunian", "district": "قصور"}
    with _client(app) as c:
        def call(who: str, method: str, path: str, **kw):
            token = {"shared": ADMIN, **tokens}[who]
            return c.request(method, path, headers={"Authorization": f"Bearer {token}"}, **kw)

        # WHEN amina (a reviewer) reads, decides and issues a code
        assert call("amina", "GET", "/v1/admin/events").status_code == 200
        assert call("amina", "POST", "/v1/admin/decisions", json={"decisions": []}).status_code == 200
        r = call("amina", "POST", "/v1/admin/enrol-codes", json=code)
        # THEN a code is refused her (a reviewer decides; codes and revocations are an admin's), and so is a revocation
        assert r.status_code == 403 and r.json()["error"] == "admin_role_required"
        assert r.json()["detail"] == ("operator amina is a reviewer: issuing enrolment codes and revoking offices needs "
                                      "an operator with the admin role")
        assert call("amina", "POST", "/v1/admin/offices/o-1/revoke", json={"reason": "?"}).status_code == 403
        # WHEN bilal (an admin) and the shared token issue codes THEN they may
        assert call("bilal", "POST", "/v1/admin/enrol-codes", json=code).status_code == 200
        assert call("shared", "POST", "/v1/admin/enrol-codes", json=code).status_code == 200
        # WHEN bilal's tokens are revoked THEN his is refused like any unknown token
        assert _operator(staff, "token", "bilal", "--revoke-all") == 0
        assert "1 API token of operator bilal revoked" in capsys.readouterr().out
        assert call("bilal", "GET", "/v1/admin/events").status_code == 401
        assert c.get("/v1/admin/events", headers={"Authorization": "Bearer not-a-token-of-anyone"}).status_code == 401
    # AND the trail names who issued each code: bilal by his token's fingerprint, the shared token as such
    issued = [e["detail"] for e in _trail(app) if e["action"] == "code.issued"]
    assert [(d["by"], d["operator"], d["token"]) for d in issued] == [
        ("admin API", "bilal", operators.fingerprint(tokens["bilal"])),
        ("admin API", "shared admin token", ingest.token_fingerprint(ADMIN))]
    assert not any(t in repr(_trail(app)) for t in (*tokens.values(), ADMIN))
    # AND a token's last use is noted
    assert _sql(staff, "SELECT count(*) FROM sync_operator_token WHERE last_used IS NOT NULL") == [(2,)]


# ----------------------------------------------------------------------------- the shared token on the page
def test_the_shared_token_signs_in_at_the_page_only_while_the_server_has_no_operator(make_app, server_db,
                                                                                     monkeypatch):
    app = make_app()
    with _client(app) as c:
        # GIVEN a server without operators: the page signs in with the administrator token, as before
        page = c.get("/admin").text
        assert "name='token'" in page and "daftar server operator add NAME" in page
        assert c.post("/admin/login", data={"token": ADMIN}, follow_redirects=False).status_code == 303
        home = c.get("/admin").text
        assert "Signed in with the shared administrator token" in home and "/admin/password" not in home
        assert c.get("/admin/password").status_code == 403  # (the shared token has no password to change)
        # WHEN the first operator is added
        assert _operator(server_db, "add", "amina", password=AMINA, monkeypatch=monkeypatch) == 0
        # THEN the token's open sign-in has ended, and the token no longer signs in at the page
        assert "name='password'" in c.get("/admin").text
        r = c.post("/admin/login", data={"token": ADMIN})
        assert r.status_code == 401 and "This server has named operators: sign in with your name and password" in r.text
        assert "daftar_admin" not in r.headers.get("set-cookie", "")
        # AND it still works on the API (the offices' IT and scripts use it)
        assert c.get("/v1/admin/batches", headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 200
        assert c.post("/v1/admin/enrol-codes", json={"name": "X", "district": "Y"},
                      headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 200
    events = [(e["action"], e["detail"].get("operator"), e["detail"].get("reason")) for e in _trail(app)
              if e["action"].startswith("admin.")]
    assert events[:2] == [("admin.sign_in", "shared admin token", None),
                          ("admin.sign_in_ended", "shared admin token", "operators_exist")]
    assert ("admin.sign_in_refused", None, "token_not_for_web") in events


# ----------------------------------------------------------------------------- decisions name their operator
@contextmanager
def _operator_browser(server, name: str, password: str):
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), timeout=30) as c:
        assert _sign_in(c, name, password).status_code == 303
        yield c


def test_a_decision_on_the_page_names_the_operator_who_made_it(office, server, monkeypatch):
    from tests.sync.test_central_review import _entry_links, _events, _id, _links, _sent

    # GIVEN entries received from an office, and two operators
    _sent(office, server)
    for name, password in (("amina", AMINA), ("bilal", BILAL)):
        assert _operator(server.database_url, "add", name, password=password, monkeypatch=monkeypatch) == 0
    _chose_own(server.database_url, "amina", "bilal")
    # WHEN amina rejects one entry and bilal accepts the rest of its batch
    with _operator_browser(server, "amina", AMINA) as c:
        link = _entry_links(c.get("/admin/review").text)[0]
        page = c.get(link).text
        r = c.post(f"/admin/review/{_id(link)}/decision", data={"csrf": _csrf(page), "version": "1",
                                                                "decision": "rejected", "reason": "رقبہ غلط ہے"})
        assert r.status_code == 303
    with _operator_browser(server, "bilal", BILAL) as c:
        bid = re.search(r"batch=([0-9a-f-]{36})", c.get("/admin/review").text)[1]
        (ask,) = _links(c.get("/admin/review", params={"batch": bid}).text, "/admin/review/batch/")
        confirm = c.get(ask).text
        assert c.post(f"{ask}/accept", data={"csrf": _csrf(confirm), "expected": "5"}).status_code == 303
        home = c.get("/admin").text
    # THEN the trail names the operator of each, with the sign-in it was made in
    decided = {e["action"]: e["detail"] for e in _events(server) if e["action"].startswith("decision.")}
    assert decided["decision.rejected"]["operator"] == "amina" and decided["decision.rejected"]["by"] == "admin page"
    assert decided["decision.batch_accepted"]["operator"] == "bilal"
    assert decided["decision.batch_accepted"]["sign_in"] != decided["decision.rejected"]["sign_in"]
    assert "operator: amina" in home and "operator: bilal" in home  # (the page's trail too)


# ----------------------------------------------------------------------------- in Urdu
def test_the_sign_in_by_name_its_refusals_and_the_operators_trail_in_urdu(make_app, staff, monkeypatch):
    from tests.sync.test_admin_urdu import _urdu

    app = make_app()
    assert _operator(staff, "add", "ثمینہ", password="samina-pass-1", monkeypatch=monkeypatch) == 0
    _chose_own(staff, "ثمینہ")
    assert _operator(staff, "disable", "bilal") == 0
    with _client(app) as c:
        c.headers["Accept-Language"] = "ur"
        # THEN the sign-in form asks for the name and password in Urdu
        page = c.get("/admin").text
        _urdu(page)
        assert "نام" in page and "پاس ورڈ" in page and "name='token'" not in page
        # AND each refusal is said in Urdu: a wrong password, the lock, a disabled operator, the token
        said = {}
        for i in range(3):
            said[f"wrong{i}"] = _sign_in(c, "amina", "not-her-password")
        said["locked"] = _sign_in(c, "amina", AMINA)
        said["disabled"] = _sign_in(c, "bilal", BILAL)
        said["token"] = c.post("/admin/login", data={"token": ADMIN})
        for r in said.values():
            _urdu(r.text)
        assert "نام یا پاس ورڈ غلط ہے۔" in said["wrong0"].text
        assert "یہ نام ۳۰ سیکنڈ کے لیے بند کر دیا گیا ہے" in said["wrong2"].text
        assert "بہت زیادہ غلط پاس ورڈ" in said["locked"].text
        assert "آپریٹر <bdi dir='ltr'>bilal</bdi> غیر فعال ہے" in said["disabled"].text
        assert "اپنے نام اور پاس ورڈ سے داخل ہوں" in said["token"].text
        # WHEN an operator with an Urdu name signs in THEN the pages name her in Urdu, and the
        # trail says every operator's change, sign-in and refusal in Urdu
        assert _sign_in(c, "ثمینہ", "samina-pass-1").status_code == 303
        home = c.get("/admin").text
        _urdu(home)
        assert "<b><bdi>ثمینہ</bdi></b> (جائزہ کار) کے طور پر داخل" in home
        for words in ("آپریٹر شامل ہوا", "آپریٹر غیر فعال ہوا", "داخلہ نامنظور", "وجہ: غلط پاس ورڈ", "وجہ: بند",
                      "وجہ: منتظم کا ٹوکن (آپریٹر نام سے داخل ہوتے ہیں)", "آپریٹر: <bdi>ثمینہ</bdi>",
                      "عہدہ: منتظم"):
            assert words in home, words
    # AND before any operator exists, the token's form says in Urdu how to add them
    with TestClient(make_app(), base_url="https://testserver") as c:
        _sql(staff, "DELETE FROM sync_admin_session")
        _sql(staff, "DELETE FROM sync_operator")
        page = c.get("/admin", headers={"Accept-Language": "ur"}).text
        _urdu(page)
        assert "name='token'" in page and "ابھی کوئی نام والا آپریٹر نہیں" in page


def test_the_restore_acknowledgement_names_the_operator(server, monkeypatch):
    from tests.sync.test_restore_notice import NOTICE, _events, _restart_restored

    # GIVEN a server found restored from an older backup, and an operator
    _restart_restored(server)
    assert _operator(server.database_url, "add", "amina", password=AMINA, monkeypatch=monkeypatch) == 0
    _chose_own(server.database_url, "amina")
    # WHEN she presses Understood under the notice
    with _operator_browser(server, "amina", AMINA) as c:
        page = c.get("/admin").text
        (event,) = re.findall(r"name='event' value='(\d+)'", page)
        assert c.post("/admin/restored/acknowledge", data={"csrf": _csrf(page), "event": event}).status_code == 303
        assert NOTICE not in c.get("/admin").text
    # THEN the trail names her
    (ack,) = [e for e in _events(server) if e["action"] == "server.restore_acknowledged"]
    assert ack["detail"]["operator"] == "amina" and ack["detail"]["by"] == "admin page"


# ----------------------------------------------------------------------------- one's own password
def test_a_password_typed_by_someone_else_must_be_changed_at_the_next_sign_in_before_any_page(make_app, server_db,
                                                                                            monkeypatch, capsys):
    # GIVEN amina just added on the command line (IT typed her password), with an API token
    assert _operator(server_db, "add", "amina", password=AMINA, monkeypatch=monkeypatch) == 0
    assert "chooses their own password before anything else" in capsys.readouterr().out
    assert _operator(server_db, "token", "amina") == 0
    (token,) = re.findall(r"API token of operator amina \(reviewer\): (\S+)", capsys.readouterr().out)
    assert _operator(server_db, "list") == 0
    assert "amina  reviewer  enabled, chooses their own password at the next sign-in" in capsys.readouterr().out
    app = make_app()
    with _client(app) as c, _client(app) as other:
        # WHEN she signs in THEN she is sent to choose her own password
        r = _sign_in(c, "amina", AMINA)
        assert r.status_code == 303 and r.headers["location"] == "/admin/password"
        assert _sign_in(other, "amina", AMINA).status_code == 303  # (a second browser of hers)
        page = c.get("/admin/password").text
        assert "Your password was set by someone else" in page and "name='current'" in page
        # AND no other page works until then: each sends her there, a form changes nothing
        for path in ("/admin", "/admin/review", "/admin/review/1", "/admin/images/1"):
            r = c.get(path, follow_redirects=False)
            assert r.status_code == 303 and r.headers["location"] == "/admin/password", path
        r = c.post("/admin/review/1/decision", data={"csrf": _csrf(page), "version": "1", "decision": "accepted"},
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/admin/password"
        assert c.get("/v1/admin/events").status_code == 401  # (her cookie on the API's reading routes)
        # AND her API token is not affected
        assert c.get("/v1/admin/batches", headers={"Authorization": f"Bearer {token}"}).status_code == 200

        def change(current, new, again=None, csrf=None, client=c):
            return client.post("/admin/password", data={"csrf": _csrf(page) if csrf is None else csrf,
                                                        "current": current, "new": new,
                                                        "again": new if again is None else again},
                               follow_redirects=False)

        # WHEN she sends the form wrongly THEN each says what is wrong and changes nothing
        assert change(AMINA, "amina-mine-1", csrf="forged").status_code == 403
        r = change("not-her-password", "amina-mine-1")
        assert r.status_code == 401 and "The current password is wrong: nothing was changed." in r.text
        r = change(AMINA, "amina-mine-1", "amina-mine-2")
        assert r.status_code == 400 and "The two new passwords differ" in r.text
        r = change(AMINA, AMINA)
        assert r.status_code == 400 and "Choose a new password that differs from the current one." in r.text
        r = change(AMINA, "short")
        assert r.status_code == 400 and "the password must have at least 8 characters: nothing was changed." in r.text
        # WHEN she chooses her own THEN this browser is signed in afresh and every page works
        r = change(AMINA, "amina-mine-1")
        assert r.status_code == 303 and r.headers["location"] == "/admin/password?changed=1"
        assert "daftar_admin=" in r.headers["set-cookie"]
        assert "Your password was changed; your other sign-ins have ended." in c.get(r.headers["location"]).text
        home = c.get("/admin")
        assert home.status_code == 200 and "Signed in as <b>amina</b> (reviewer)" in home.text
        assert "href='/admin/password'>Change my password</a>" in home.text
        # AND her other browser's sign-in has ended; the old password no longer signs in
        assert "name='password'" in other.get("/admin").text
        assert _sign_in(other, "amina", AMINA).status_code == 401
        assert _sign_in(other, "amina", "amina-mine-1").headers["location"] == "/admin"
    # AND the trail names her: the change, and the refusal of a wrong current password (never a password)
    trail = _trail(app)
    mine = [(e["action"], e["detail"]) for e in trail if e["action"].startswith("operator.password_change")]
    assert [(a, d["name"], d["operator"], d["by"], d.get("reason")) for a, d in mine] == [
        ("operator.password_change_refused", "amina", "amina", "admin page", "wrong_password"),
        ("operator.password_changed", "amina", "amina", "admin page", None)]
    assert mine[1][1]["sign_in"] and mine[1][1]["address"] == "192.0.2.7"
    for secret in ("amina-mine-1", "not-her-password", AMINA):
        assert secret not in repr(_sql(server_db, "SELECT * FROM sync_event"))
    assert _operator(server_db, "list", "--json") == 0
    assert json.loads(capsys.readouterr().out)["operators"][0]["must_change_password"] is False
    # WHEN IT sets her password anew (she forgot it) THEN she must choose her own again at the next sign-in
    assert _operator(server_db, "password", "amina", password="amina-reset-1", monkeypatch=monkeypatch) == 0
    assert "at their next sign-in at /admin they choose their own" in capsys.readouterr().out
    with _client(app) as c:
        assert _sign_in(c, "amina", "amina-reset-1").headers["location"] == "/admin/password"
        assert c.get("/admin", follow_redirects=False).headers["location"] == "/admin/password"


def test_a_wrong_current_password_counts_toward_the_lockout(make_app, staff):
    from records.credentials import FREE_ATTEMPTS

    app = make_app()
    with _client(app) as c:
        assert _sign_in(c, "bilal", BILAL).headers["location"] == "/admin"
        page = c.get("/admin/password").text
        assert "Your password was set by someone else" not in page  # (he chose his own: not forced)
        said = [c.post("/admin/password", data={"csrf": _csrf(page), "current": f"guess-{i}-pass", "new": "bilal-new-1",
                                                "again": "bilal-new-1"}) for i in range(FREE_ATTEMPTS + 1)]
        assert [r.status_code for r in said] == [401] * FREE_ATTEMPTS + [429]
        assert "your name is locked out for 30 seconds" in said[FREE_ATTEMPTS - 1].text
        assert "Too many wrong passwords: try again in" in said[-1].text
    with _client(app) as c:
        assert _sign_in(c, "bilal", BILAL).status_code == 429  # (the sign-in page's lock too)


def test_the_change_of_password_page_in_urdu(make_app, server_db, monkeypatch):
    from tests.sync.test_admin_urdu import _urdu

    assert _operator(server_db, "add", "ثمینہ", password="samina-pass-1", monkeypatch=monkeypatch) == 0
    app = make_app()
    with _client(app) as c:
        c.headers["Accept-Language"] = "ur"
        assert _sign_in(c, "ثمینہ", "samina-pass-1").status_code == 303
        page = c.get("/admin/password").text
        _urdu(page)
        assert "آپ کا پاس ورڈ کسی اور" in page and "موجودہ پاس ورڈ" in page and "میرا پاس ورڈ تبدیل کریں" in page
        r = c.post("/admin/password", data={"csrf": _csrf(page), "current": "samina-pass-1", "new": "short",
                                            "again": "short"})
        _urdu(r.text)
        assert "پاس ورڈ میں کم از کم ۸ حروف ہونے چاہئیں" in r.text and "کچھ تبدیل نہیں ہوا" in r.text
        r = c.post("/admin/password", data={"csrf": _csrf(page), "current": "samina-pass-1", "new": "samina-mine-1",
                                            "again": "samina-mine-1"})
        _urdu(r.text)
        assert "آپ کا پاس ورڈ تبدیل ہو گیا" in r.text
        home = c.get("/admin").text
        _urdu(home)
        assert "آپریٹر نے اپنا پاس ورڈ تبدیل کیا" in home


# ----------------------------------------------------------------------------- roles changed
def test_an_operators_role_is_changed_on_the_command_line_and_their_sign_ins_take_it_at_once(make_app, staff,
                                                                                            capsys):
    app = make_app()
    assert _operator(staff, "token", "amina") == 0
    (token,) = re.findall(r"API token of operator amina \(reviewer\): (\S+)", capsys.readouterr().out)
    code = {"name": "Patwar Chunian", "district": "قصور"}
    with _client(app) as c:
        assert _sign_in(c, "amina", AMINA).status_code == 303
        assert "Signed in as <b>amina</b> (reviewer)" in c.get("/admin").text
        api = {"Authorization": f"Bearer {token}"}
        assert c.post("/v1/admin/enrol-codes", json=code, headers=api).status_code == 403
        # WHEN she is made an admin
        assert _operator(staff, "role", "AMINA", "admin") == 0
        assert "operator amina is now an admin (was reviewer)" in capsys.readouterr().out
        # THEN her open sign-in and her token act as an admin from their next request
        assert "Signed in as <b>amina</b> (administrator)" in c.get("/admin").text
        assert c.post("/v1/admin/enrol-codes", json=code, headers=api).status_code == 200
        # WHEN made a reviewer again THEN an admin's work is refused her at once
        assert _operator(staff, "role", "amina", "reviewer") == 0
        assert c.post("/v1/admin/enrol-codes", json=code, headers=api).status_code == 403
        # AND the same role again changes nothing; an unknown operator is one line, exit 1; a role argparse's
        assert _operator(staff, "role", "amina", "reviewer") == 0
        assert "operator amina is a reviewer already: nothing was changed" in capsys.readouterr().out
        assert _operator(staff, "role", "nobody", "admin") == 1
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and "no operator is named 'nobody'" in err
        with pytest.raises(SystemExit) as bad:
            _operator(staff, "role", "amina", "boss")
        assert bad.value.code == 2
    changes = [e["detail"] for e in _trail(app) if e["action"] == "operator.role_changed"]
    assert [(d["name"], d["role"], d["was"], d["by"]) for d in changes] == [
        ("amina", "admin", "reviewer", "command line"), ("amina", "reviewer", "admin", "command line")]


# ----------------------------------------------------------------------------- two adds at once
def test_two_adds_of_one_name_at_the_same_moment_end_in_one_line_not_a_traceback(server_db, monkeypatch, capsys):
    import threading
    import time

    from sync.server import ingest, operators
    from sync.server.db import make_engine, make_sessionmaker

    if not server_db.startswith("postgresql"):
        pytest.skip("the race is PostgreSQL's (a unique index waits for the other transaction)")
    # GIVEN one `operator add amina` that has written her row and not committed yet
    engine = make_engine(server_db)
    first = make_sessionmaker(engine)()
    operators.add(first, name="amina", role="reviewer", password=AMINA, by=ingest.command_line_actor())
    # WHEN a second `operator add Amina` runs meanwhile (it waits on the unique name), then the first commits
    monkeypatch.setenv("DAFTAR_OPERATOR_PASSWORD", BILAL)
    rc = []
    second = threading.Thread(target=lambda: rc.append(main(["server", "operator", "add", "Amina", "--database",
                                                              server_db])))
    second.start()
    time.sleep(1.5)
    first.commit()
    first.close()
    second.join(30)
    engine.dispose()
    # THEN the second says so in one line and exits 1; one amina is kept, with the first's password
    out, err = capsys.readouterr()
    assert rc == [1] and out == "" and "Traceback" not in err and len(err.splitlines()) == 1, (rc, out, err)
    assert err.startswith("daftar server: an operator named 'Amina' was added meanwhile"), err
    assert _sql(server_db, "SELECT name FROM sync_operator") == [("amina",)]
    assert [a for (a,) in _sql(server_db, "SELECT action FROM sync_event")] == ["operator.added"]


# ============================================================================= renaming and removing
# `daftar server operator rename | remove`: the trail goes on naming who acted under the name they
# had then (that name stays theirs, and the trail's readers are told who it is now); only an
# operator who never acted may be removed, and the only enabled admin may be neither removed nor
# made a reviewer.
def _refused(db: str, capsys, *args: str) -> str:
    """`daftar server operator ARGS` refused: exit 1, one line on stderr, nothing on stdout; the line."""
    rc = _operator(db, *args)
    out, err = capsys.readouterr()
    assert rc == 1 and out == "" and len(err.splitlines()) == 1 and "Traceback" not in err, (args, out, err)
    assert err.startswith("daftar server: "), err
    return err


# ----------------------------------------------------------------------------- rename
def test_a_renamed_operator_signs_in_by_the_new_name_and_the_trail_still_names_who_acted(make_app, staff, capsys,
                                                                                       monkeypatch):
    app = make_app()
    with _client(app) as c, _client(app) as other:
        # GIVEN amina signed in at /admin (the trail names her as who signed in)
        assert _sign_in(c, "amina", AMINA).status_code == 303
        # WHEN the central office's IT renames her
        assert _operator(staff, "rename", "Amina", "amina.khan") == 0
        out = capsys.readouterr().out
        assert "operator amina is now named amina.khan: they sign in with the new name" in out
        # THEN her open sign-in goes on, named by the new name, and what it does next is in the trail so
        home = c.get("/admin").text
        assert "Signed in as <b>amina.khan</b> (reviewer)" in home
        assert c.post("/admin/logout", data={"csrf": _csrf(home)}).status_code == 200
        # AND she signs in by the new name; the old one is no one's to sign in with
        assert _sign_in(other, "amina.khan", AMINA).status_code == 303
        assert _sign_in(c, "amina", AMINA).status_code == 401
        page = other.get("/admin").text
    trail = _trail(app)
    acts = [(e["action"], e["detail"].get("operator")) for e in trail if e["action"] in ("admin.sign_in",
                                                                                          "admin.sign_out")]
    # AND the trail keeps what she did before under the name she had, and names the rename
    assert acts == [("admin.sign_in", "amina"), ("admin.sign_out", "amina.khan"), ("admin.sign_in", "amina.khan")]
    (renamed,) = [e["detail"] for e in trail if e["action"] == "operator.renamed"]
    assert (renamed["name"], renamed["new_name"], renamed["by"]) == ("amina", "amina.khan", "command line")
    # AND its readers are told who the old name is now: the API, and the page's trail
    with _client(app) as api:
        got = api.get("/v1/admin/events", headers={"Authorization": f"Bearer {ADMIN}"}).json()
    assert got["former_names"] == {"amina": "amina.khan"}
    assert "operator: amina (now amina.khan)" in page
    # AND the list says her former name
    assert _operator(staff, "list") == 0
    assert "amina.khan  reviewer  enabled" in capsys.readouterr().out.replace("(formerly amina)", "§")
    assert _operator(staff, "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)["operators"]
    assert [(o["name"], o["former_names"]) for o in listed] == [("amina.khan", ["amina"]), ("bilal", [])]
    # AND no other operator may take her old name (the trail names her by it), whatever its case
    err = _refused(staff, capsys, "add", "AMINA")
    assert "the name 'amina' was operator amina.khan's until" in err and "choose another name" in err
    err = _refused(staff, capsys, "rename", "bilal", "amina")
    assert "the name 'amina' was operator amina.khan's until" in err
    # AND she may take her old name back; the name she leaves then stays hers
    assert _operator(staff, "rename", "amina.khan", "amina") == 0
    capsys.readouterr()
    assert _sql(staff, "SELECT name FROM sync_operator_former_name") == [("amina.khan",)]
    assert "the name 'amina.khan' was operator amina's until" in _refused(staff, capsys, "add", "amina.khan")


def test_a_rename_is_refused_in_one_line_for_a_name_not_allowed_or_taken_and_changes_nothing(staff, capsys):
    before = _sql(staff, "SELECT count(*) FROM sync_event")[0][0]
    assert "no operator is named 'nobody' on this server (the operators: amina, bilal)" in _refused(
        staff, capsys, "rename", "nobody", "somebody")
    assert "an operator named 'bilal' exists already" in _refused(staff, capsys, "rename", "amina", "Bilal")
    assert "the operator name 'amina khan' holds a space" in _refused(staff, capsys, "rename", "amina", "amina khan")
    assert "the operator name is empty" in _refused(staff, capsys, "rename", "amina", " ")
    # the same name: nothing to change, no event; a change of case only is a rename
    assert _operator(staff, "rename", "amina", "amina") == 0
    assert "operator amina has this name already: nothing was changed" in capsys.readouterr().out
    assert _sql(staff, "SELECT count(*) FROM sync_event")[0][0] == before
    assert _operator(staff, "rename", "amina", "Amina") == 0
    assert _sql(staff, "SELECT name, name_key FROM sync_operator WHERE name_key = 'amina'") == [("Amina", "amina")]
    assert _sql(staff, "SELECT count(*) FROM sync_operator_former_name") == [(0,)]
    assert [a for (a,) in _sql(staff, "SELECT action FROM sync_event ORDER BY id")][-1] == "operator.renamed"


# ----------------------------------------------------------------------------- remove
def test_an_operator_who_never_acted_is_removed_with_their_tokens_and_their_name_is_free(make_app, staff, capsys,
                                                                                       monkeypatch):
    app = make_app()
    # GIVEN carim, added by mistake, given a token never used, renamed once, never signed in
    assert _operator(staff, "add", "carim", password="carim-pass-1", monkeypatch=monkeypatch) == 0
    assert _operator(staff, "token", "carim") == 0
    assert _operator(staff, "rename", "carim", "karim") == 0
    capsys.readouterr()
    # WHEN he is removed
    assert _operator(staff, "remove", "KARIM") == 0
    assert "operator karim (reviewer) removed: they never acted on this server" in capsys.readouterr().out
    # THEN he, his token and his former name are gone, and the trail names his removal and who removed him
    assert _sql(staff, "SELECT name FROM sync_operator ORDER BY name") == [("amina",), ("bilal",)]
    assert _sql(staff, "SELECT count(*) FROM sync_operator_token") == [(0,)]
    assert _sql(staff, "SELECT count(*) FROM sync_operator_former_name") == [(0,)]
    (removed,) = [e["detail"] for e in _trail(app) if e["action"] == "operator.removed"]
    assert (removed["name"], removed["role"], removed["by"]) == ("karim", "reviewer", "command line")
    # AND both his names may be given again
    assert _operator(staff, "add", "carim", password="carim-pass-1", monkeypatch=monkeypatch) == 0
    assert _operator(staff, "add", "karim", password="karim-pass-1", monkeypatch=monkeypatch) == 0


def test_an_operator_who_acted_can_only_be_disabled_and_the_refusal_says_why(make_app, staff, capsys, monkeypatch):
    app = make_app()
    # GIVEN amina signed in at /admin once; dara decided with his API token; both then renamed
    assert _operator(staff, "add", "dara", password="dara-pass-1", monkeypatch=monkeypatch) == 0
    assert _operator(staff, "token", "dara") == 0
    (token,) = re.findall(r"API token of operator dara \(reviewer\): (\S+)", capsys.readouterr().out)
    with _client(app) as c:
        assert _sign_in(c, "amina", AMINA).status_code == 303
        assert c.post("/v1/admin/decisions", json={"decisions": []},
                      headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert c.post("/v1/admin/enrol-codes", json={"name": "Patwar Chunian", "district": "Kasur"},
                      headers={"Authorization": f"Bearer {token}"}).status_code == 403
    assert _operator(staff, "rename", "dara", "dara.b") == 0
    capsys.readouterr()
    before = _sql(staff, "SELECT count(*) FROM sync_event")[0][0]
    # WHEN either is to be removed THEN it is refused, saying what they did and to disable them instead
    err = _refused(staff, capsys, "remove", "amina")
    assert "operator amina cannot be removed: they signed in at /admin (last on " in err
    assert "; are named in 1 event of the server's trail as who acted" in err  # (her sign-in's)
    assert "Disable them instead (daftar server operator disable amina)" in err and "nothing was changed" in err
    err = _refused(staff, capsys, "remove", "dara.b")
    assert "they used an API token (last on " in err and "daftar server operator disable dara.b" in err
    # ... named by what they did under their former name too (no event names dara by an act: the token's use)
    assert "signed in" not in err
    # AND nothing was changed
    assert _sql(staff, "SELECT name FROM sync_operator ORDER BY name") == [("amina",), ("bilal",), ("dara.b",)]
    assert _sql(staff, "SELECT count(*) FROM sync_event")[0][0] == before
    # AND one named in the trail as who acted (a decision, here) is refused even with no sign-in or token
    _sql(staff, "INSERT INTO sync_event (at, action, office_uuid, detail) VALUES "
                "(now(), 'decision.accepted', '', '{\"by\": \"admin API\", \"operator\": \"Dara\"}')"
         if staff.startswith("postgresql") else
         "INSERT INTO sync_event (at, action, office_uuid, detail) VALUES "
         "(CURRENT_TIMESTAMP, 'decision.accepted', '', '{\"by\": \"admin API\", \"operator\": \"Dara\"}')")
    _sql(staff, "UPDATE sync_operator_token SET last_used = NULL")
    err = _refused(staff, capsys, "remove", "dara.b")
    assert "operator dara.b cannot be removed: they are named in 1 event of the server's trail as who acted" in err


# ----------------------------------------------------------------------------- the last admin
def test_the_only_enabled_admin_is_neither_removed_nor_made_a_reviewer(make_app, staff, capsys, monkeypatch):
    # GIVEN bilal, the only admin, who never acted
    before = _sql(staff, "SELECT count(*) FROM sync_event")[0][0]
    # WHEN he is to be removed or made a reviewer THEN refused, saying why and what to do first
    for args in (("remove", "bilal"), ("role", "bilal", "reviewer")):
        err = _refused(staff, capsys, *args)
        assert "operator bilal is the only enabled admin of this server" in err, err
        assert "make another operator an admin first (daftar server operator role NAME admin)" in err
    assert _sql(staff, "SELECT name, role FROM sync_operator ORDER BY name") == [("amina", "reviewer"),
                                                                                 ("bilal", "admin")]
    assert _sql(staff, "SELECT count(*) FROM sync_event")[0][0] == before
    # AND a disabled admin beside him does not count as another
    assert _operator(staff, "add", "erum", "--role", "admin", password="erum-pass-1", monkeypatch=monkeypatch) == 0
    assert _operator(staff, "disable", "erum") == 0
    capsys.readouterr()
    assert "the only enabled admin" in _refused(staff, capsys, "role", "bilal", "reviewer")
    # ... and that disabled admin, never having acted, may be removed
    assert _operator(staff, "remove", "erum") == 0
    # WHEN amina is made an admin THEN bilal may be made a reviewer, and then she is the only admin
    assert _operator(staff, "role", "amina", "admin") == 0
    assert _operator(staff, "role", "bilal", "reviewer") == 0
    capsys.readouterr()
    assert "operator amina is the only enabled admin" in _refused(staff, capsys, "remove", "amina")
    # AND a reviewer who never acted is removed whoever the admins are
    assert _operator(staff, "remove", "bilal") == 0
    assert _sql(staff, "SELECT name, role FROM sync_operator") == [("amina", "admin")]


# ----------------------------------------------------------------------------- in Urdu
def test_the_trail_says_a_rename_and_a_removal_in_urdu_naming_who_the_old_name_is_now(make_app, staff, capsys,
                                                                                      monkeypatch):
    from tests.sync.test_admin_urdu import _urdu

    app = make_app()
    with _client(app) as c:
        assert _sign_in(c, "amina", AMINA).status_code == 303
    assert _operator(staff, "rename", "amina", "ثمینہ") == 0
    assert _operator(staff, "add", "carim", password="carim-pass-1", monkeypatch=monkeypatch) == 0
    assert _operator(staff, "remove", "carim") == 0
    _chose_own(staff, "ثمینہ")
    with _client(app) as c:
        c.headers["Accept-Language"] = "ur"
        assert _sign_in(c, "ثمینہ", AMINA).status_code == 303
        home = c.get("/admin").text
    _urdu(home)
    assert "آپریٹر کا نام تبدیل ہوا" in home and "آپریٹر ہٹا دیا گیا" in home
    assert "نیا نام: <bdi>ثمینہ</bdi>" in home
    # what she did as amina is followed by the name she has now
    assert "آپریٹر: <bdi dir='ltr'>amina</bdi> (اب <bdi>ثمینہ</bdi>)" in home
