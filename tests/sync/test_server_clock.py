"""A central server whose own clock is wrong: the offices' clocks, agreeing with each other,
say so, and no office with a right clock is told its clock is wrong."""

from __future__ import annotations

import base64
import datetime as dt
import ssl

import httpx

from sync.clocks import CLOCK_SLACK, OfficeClocks, parse_doubt
from tests.sync.conftest import engine_for, enrol, enrol_code, seal

NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def _offsets(*offsets: dt.timedelta, at: dt.datetime = NOW) -> OfficeClocks:
    clocks = OfficeClocks()
    for i, off in enumerate(offsets):
        clocks.note(f"office-{i}", at + off, at)
    return clocks


def test_offices_agreeing_with_each_other_against_the_server_doubt_its_clock():
    # GIVEN four offices whose clocks agree within minutes, all three hours ahead of the server's
    h3 = dt.timedelta(hours=3)
    clocks = _offsets(h3, h3 + dt.timedelta(minutes=2), h3 - dt.timedelta(minutes=3), h3)

    # THEN the server's clock is doubted: four of four, three hours behind
    doubt = clocks.doubt(NOW)
    assert doubt is not None and (doubt.agreeing, doubt.seen) == (4, 4)
    assert abs(doubt.offset - h3) <= dt.timedelta(minutes=3)
    assert "3 hours behind" in doubt.words() and "4 of the 4 offices" in doubt.words()
    # AND the header the answers carry reads back as the same verdict
    back = parse_doubt(doubt.header())
    assert (back.agreeing, back.seen, back.offset) == (4, 4, dt.timedelta(seconds=int(doubt.offset.total_seconds())))


def test_offices_whose_clocks_are_wrong_each_their_own_way_do_not_doubt_the_server():
    # GIVEN three offices with flat CMOS batteries, each set back to another date, and one right
    clocks = _offsets(dt.datetime(2010, 1, 1, tzinfo=dt.UTC) - NOW, dt.datetime(2015, 6, 1, tzinfo=dt.UTC) - NOW,
                      dt.timedelta(days=-400), dt.timedelta(0))
    # THEN the server keeps its clock (each of those offices is told its own is wrong)
    assert clocks.doubt(NOW) is None


def test_too_few_or_a_minority_of_offices_do_not_doubt_the_server():
    h2 = dt.timedelta(hours=2)
    # two offices agreeing are not enough
    assert _offsets(h2, h2).doubt(NOW) is None
    # three agreeing of seven, four of them right: a minority
    assert _offsets(h2, h2, h2, *[dt.timedelta(0)] * 4).doubt(NOW) is None
    # offices a few minutes off are no evidence at all
    assert _offsets(*[CLOCK_SLACK - dt.timedelta(minutes=1)] * 5).doubt(NOW) is None
    # what offices said more than a day ago is forgotten
    clocks = _offsets(h2, h2, h2, at=NOW - dt.timedelta(days=2))
    assert clocks.doubt(NOW - dt.timedelta(days=2)) is not None and clocks.doubt(NOW) is None
    # a garbled header is no doubt
    assert parse_doubt("three of four") is None and parse_doubt(None) is None


def _enrol_raw(server) -> str:
    """Enrol an office with a fresh key by the API (as `daftar sync --enrol` does); its device token."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    code = enrol_code(server)
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), timeout=30) as c:
        r = c.post("/v1/enrol", json={"code": code, "office_id": f"office-{code[:8]}",
                                      "public_key": base64.b64encode(key).decode()})
        r.raise_for_status()
        return r.json()["device_token"]


def _ping_as(server, token: str, office_clock: dt.datetime) -> httpx.Response:
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), timeout=30,
                      headers={"Authorization": f"Bearer {token}",
                               "X-Daftar-Client-Time": office_clock.strftime("%Y-%m-%dT%H:%M:%SZ")}) as c:
        r = c.get("/v1/ping")
        r.raise_for_status()
        return r


def test_a_right_clock_is_not_called_wrong_when_the_offices_agree_the_server_is_behind(office, server, monkeypatch):
    from sync import engine

    # GIVEN three other offices that synced today, their clocks agreeing with each other and
    # three hours ahead of the server's (the server's clock is three hours behind)
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    for _ in range(3):
        r = _ping_as(server, _enrol_raw(server), ahead)
    assert r.headers.get("X-Daftar-Time-Doubt", "").startswith("3/3 ")

    # AND this office, whose clock agrees with theirs
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    monkeypatch.setattr(engine, "_now", lambda: dt.datetime.now(dt.UTC) + dt.timedelta(hours=3))

    # WHEN it syncs THEN its batch is sent and the warning names the server's clock, not this computer's
    rep = engine_for(office.ws).run_once()
    assert rep.ok, rep.errors
    assert len(rep.warnings) == 1, rep.warnings
    line = rep.warnings[0]
    assert line.startswith("The central server's clock seems wrong: it says ") and "this computer's clock needs no change" in line
    assert "This computer's clock is wrong" not in line and "offices that synced with it" in line


def test_an_office_far_from_the_others_is_still_told_its_own_clock_is_wrong(office, server, monkeypatch):
    from sync import engine

    # GIVEN three offices agreeing the server is three hours behind
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    for _ in range(3):
        _ping_as(server, _enrol_raw(server), ahead)

    # AND this office's clock a year behind: far from the server's and from the other offices'
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    monkeypatch.setattr(engine, "_now", lambda: dt.datetime.now(dt.UTC) - dt.timedelta(days=365))

    # WHEN it syncs THEN it is told its own clock is wrong, as before
    rep = engine_for(office.ws).run_once()
    assert rep.ok, rep.errors
    assert len(rep.warnings) == 1 and rep.warnings[0].startswith("This computer's clock is wrong: it says ")


def test_every_office_request_says_its_clock_and_the_server_notes_it(office, server, monkeypatch):
    from sync import engine

    # GIVEN an enrolled office whose clock is two hours ahead
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    monkeypatch.setattr(engine, "_now", lambda: dt.datetime.now(dt.UTC) + dt.timedelta(hours=2))

    # WHEN it syncs THEN the server has noted its clock (one office: no doubt of its own clock)
    assert engine_for(office.ws).run_once().ok
    clocks = server.app.state.clocks
    (at, off), = clocks._offsets.values()
    assert abs(off - dt.timedelta(hours=2)) < dt.timedelta(minutes=1)
    assert clocks.doubt(dt.datetime.now(dt.UTC)) is None


def test_an_out_of_date_certificate_is_named_when_the_server_clock_is_the_wrong_one(office, server, dev_certs,
                                                                                     tmp_path, monkeypatch):
    from sync import engine
    from tests.sync.test_local_troubles import _sync_with_certificate_from_tomorrow

    # GIVEN three offices agreeing that the server's clock is three hours behind, and this
    # office's clock with them
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    for _ in range(3):
        _ping_as(server, _enrol_raw(server), ahead)
    monkeypatch.setattr(engine, "_now", lambda: dt.datetime.now(dt.UTC) + dt.timedelta(hours=3))

    # WHEN it syncs with a server whose certificate is valid only from tomorrow
    rep, reach = _sync_with_certificate_from_tomorrow(office, server, dev_certs, tmp_path)

    # THEN the certificate is named, with the server's clock; this computer's date is not blamed
    assert len(rep.errors) == 1 and reach == rep.errors[0]
    line = rep.errors[0]
    assert "Ask IT to renew the server's certificate" in line and "set its server's clock" in line
    assert "3 of the 3 offices" in line and "date is wrong" not in line


def test_the_operators_page_says_the_servers_clock_seems_wrong_in_english_and_urdu(server):
    # GIVEN no office heard from: the operator's page says nothing of the clock
    with server.admin_client() as c:
        assert "clock seems wrong" not in c.get("/admin").text

    # WHEN three offices that agree with each other say the server's clock is three hours behind
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    for _ in range(3):
        _ping_as(server, _enrol_raw(server), ahead)

    # THEN the operator's page says so, with how far and what to do, in English and in Urdu
    with server.admin_client() as c:
        page = c.get("/admin").text
        assert "This server’s clock seems wrong" in page and "3 of the 3 offices" in page
        assert "3 hours behind" in page and "Set the server’s date and time (NTP)" in page
        c.cookies.set("daftar_lang", "ur", domain="127.0.0.1")
        page = c.get("/admin").text
        assert "اس سرور کی گھڑی غلط لگتی ہے" in page and "پیچھے ہے" in page and "۳" in page


# ----------------------------------------------------------------------------- kept across a restart
def _restarted(server):
    """A new server app on the same database and storage (as after `daftar server` is restarted)."""
    from sync.server import Settings, create_app
    from tests.sync.conftest import ADMIN

    return create_app(Settings(server.database_url, server.storage, admin_token=ADMIN))


def _doubt_header_at_start(app) -> str | None:
    """The doubt the restarted server's first answer carries (no office has asked it anything)."""
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="https://testserver") as c:
        return c.get("/openapi.json").headers.get("X-Daftar-Time-Doubt")


def _keep(server, office: str, heard_at: dt.datetime, offset: dt.timedelta) -> None:
    """A row of sync_office_clock as an earlier run of the server wrote it."""
    from sqlalchemy import create_engine

    from sync.server import clockstore
    from sync.server.db import make_sessionmaker

    eng = create_engine(server.database_url)
    try:
        with make_sessionmaker(eng)() as s:
            clockstore.store(s, office, heard_at, offset)
            s.commit()
    finally:
        eng.dispose()


def test_a_restarted_server_doubts_its_clock_at_once_from_the_offsets_it_kept(server):
    # GIVEN three offices that synced, agreeing that the server's clock is three hours behind
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    for _ in range(3):
        _ping_as(server, _enrol_raw(server), ahead)

    # WHEN the server is restarted (a new app on the same database) and no office has synced since
    app = _restarted(server)
    try:
        # THEN its very first answer already doubts its clock, and the operator's page says so
        doubt = parse_doubt(_doubt_header_at_start(app))
        assert doubt is not None and (doubt.agreeing, doubt.seen) == (3, 3)
        assert abs(doubt.offset - dt.timedelta(hours=3)) < dt.timedelta(minutes=1)
        assert "3 hours behind" in app.state.clocks.doubt(dt.datetime.now(dt.UTC)).words()
    finally:
        app.state.engine.dispose()


def test_an_office_is_written_once_a_minute_not_at_every_request(server):
    from sqlalchemy import event

    # GIVEN an office that syncs, its requests counted as they write its clock offset
    token = _enrol_raw(server)
    writes = []
    event.listen(server.app.state.engine, "before_cursor_execute",
                 lambda _c, _cur, stmt, *_a: writes.append(stmt) if "sync_office_clock" in stmt else None)
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    # WHEN it makes ten requests within a minute, its clock the same
    for _ in range(10):
        _ping_as(server, token, ahead)
    # THEN its offset was written once
    assert len(writes) == 1 and writes[0].lstrip().upper().startswith("INSERT"), writes


def test_offsets_kept_more_than_a_day_ago_are_ignored_after_a_restart(server):
    now = dt.datetime.now(dt.UTC)
    # GIVEN three offices heard an hour ago, agreeing that the server is two hours behind
    for i in range(3):
        _keep(server, f"recent-{i}", now - dt.timedelta(hours=1), dt.timedelta(hours=2))
    # AND four offices heard 25 hours ago, whose clocks agreed with the server's then
    for i in range(4):
        _keep(server, f"old-{i}", now - dt.timedelta(hours=25), dt.timedelta(0))

    # WHEN the server restarts THEN only the last day counts: three of three say it is behind
    # (the four of yesterday would have outvoted them)
    app = _restarted(server)
    try:
        assert _doubt_header_at_start(app) == "3/3 7200"
        assert not any(k.startswith("old-") for k in app.state.clocks._offsets)
    finally:
        app.state.engine.dispose()


def test_offsets_kept_at_a_time_after_now_are_ignored_after_a_restart(server):
    now = dt.datetime.now(dt.UTC)
    # GIVEN three offices heard an hour ago, agreeing that the server is two hours behind
    for i in range(3):
        _keep(server, f"recent-{i}", now - dt.timedelta(hours=1), dt.timedelta(hours=2))
    # AND four offices heard, by the server's clock of then, three hours after now: its clock was
    # ahead when it wrote them and has been set back since, so what they say of it is not known
    for i in range(4):
        _keep(server, f"future-{i}", now + dt.timedelta(hours=3), dt.timedelta(0))

    # WHEN the server restarts THEN they are left out: three of three say it is behind
    app = _restarted(server)
    try:
        assert _doubt_header_at_start(app) == "3/3 7200"
        assert not any(k.startswith("future-") for k in app.state.clocks._offsets)
    finally:
        app.state.engine.dispose()


def test_offsets_loaded_at_start_are_forgotten_when_an_office_heard_again_has_moved():
    # GIVEN a server started with four offices' offsets kept from before its restart, all saying
    # its clock was three hours behind
    h3 = dt.timedelta(hours=3)
    clocks = OfficeClocks()
    assert clocks.load([(f"office-{i}", NOW - dt.timedelta(hours=1), h3) for i in range(4)], NOW) == 4
    assert clocks.doubt(NOW).agreeing == 4

    # WHEN the first of them heard again agrees with the server's clock now (NTP set the server's
    # clock while it was down: the kept offsets were measured against the wrong one)
    clocks.note("office-0", NOW + dt.timedelta(seconds=20), NOW + dt.timedelta(minutes=2))

    # THEN the other kept offsets are forgotten until their offices sync again: no doubt
    assert clocks.doubt(NOW + dt.timedelta(minutes=2)) is None
    assert set(clocks._offsets) == {"office-0"}


def test_an_office_heard_again_with_its_kept_offset_keeps_the_others():
    # GIVEN four kept offsets saying the server is three hours behind
    h3 = dt.timedelta(hours=3)
    clocks = OfficeClocks()
    clocks.load([(f"office-{i}", NOW - dt.timedelta(hours=1), h3) for i in range(4)], NOW)
    # WHEN one office is heard again, still three hours ahead THEN the doubt stands, four of four
    clocks.note("office-0", NOW + h3, NOW)
    assert clocks.doubt(NOW).agreeing == 4


def test_an_offset_is_due_for_writing_first_after_a_minute_or_when_it_moved():
    clocks = OfficeClocks()
    h3 = dt.timedelta(hours=3)
    assert clocks.note("o", NOW + h3, NOW) is True  # the first
    assert clocks.note("o", NOW + h3 + dt.timedelta(seconds=30), NOW + dt.timedelta(seconds=30)) is False
    assert clocks.note("o", NOW + h3 + dt.timedelta(seconds=61), NOW + dt.timedelta(seconds=61)) is True  # a minute
    assert clocks.note("o", NOW + dt.timedelta(seconds=70), NOW + dt.timedelta(seconds=70)) is True  # moved
    # a write that failed is tried again at the next request
    clocks.unstored("o")
    assert clocks.note("o", NOW + dt.timedelta(seconds=71), NOW + dt.timedelta(seconds=71)) is True
