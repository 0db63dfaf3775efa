"""The central server's disk full: a clear 507 the office shows and retries later, logged once
for the operator (it was a 500 and a traceback)."""

from __future__ import annotations

import errno
import logging

from tests.sync.conftest import engine_for, enrol, item_states, seal


def test_a_full_server_disk_is_said_to_both_sides_and_the_office_retries_later(office, server, monkeypatch, caplog):
    # GIVEN an office with a batch to send, and the server's image store disk full
    enrol(office.ws, server)
    seal(office.ws, office.sup)
    storage = server.app.state.storage
    real = storage.open_append

    def full(sha, offset):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "open_append", full)
    # WHEN the office syncs
    caplog.set_level(logging.WARNING, logger="daftar.server")
    eng = engine_for(office.ws)
    rep = eng.run_once()
    # THEN it is told the central server's disk is full (not "a problem (error 500)"), nothing was lost, and
    # it does not retry in this pass (that cannot help; the next passes will)
    assert rep.errors == ["The central server's disk is full. Nothing was lost: sync will try again later "
                          "(the server's operator has to free space)."], rep.errors
    assert eng.sleeps == []
    assert set(item_states(office.ws)) <= {"queued", "uploading"}
    # AND the operator's log says what is full, in one line, with no traceback
    said = [r for r in caplog.records if r.name == "daftar.server"]
    assert said and all(r.exc_info is None for r in said)
    assert any("disk full" in r.getMessage() and str(server.storage) in r.getMessage() for r in said)
    # AND the answer itself is 507 with the reason and when to try again
    import ssl

    import httpx

    from sync.engine import load_config

    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), timeout=30,
                      headers={"Authorization": f"Bearer {load_config(office.ws).device_token}"}) as c:
        r = c.post("/v1/images/" + "a" * 64, content=b"x", headers={"Upload-Offset": "0", "Upload-Length": "1"})
    assert r.status_code == 507 and r.json()["error"] == "disk_full" and int(r.headers["Retry-After"]) > 0
    assert "the central server's disk is full" in r.json()["detail"]
    # WHEN space is freed THEN the next pass sends everything
    monkeypatch.setattr(storage, "open_append", real)
    rep = engine_for(office.ws).run_once()
    assert rep.ok and rep.entries_acknowledged == 6, rep.errors
