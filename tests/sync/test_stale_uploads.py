"""Uploads nobody submitted (a large batch's body, page images, half-finished parts) are
discarded by the server after `--upload-days` (30) days, at start and every few hours; never
an image a stored batch names, nor an upload written to within the age. An office that comes
back after that uploads them again and its batch arrives."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time

from sqlalchemy import create_engine, text

from tests.sync.conftest import ADMIN, add_approved, engine_for, enrol, item_states, seal
from tests.sync.test_idempotency import _device, _submission

DAY = 24 * 3600


def _age(path, days: float) -> None:
    t = time.time() - days * DAY
    os.utime(path, (t, t))


def _upload(c, data: bytes, upto: int | None = None) -> str:
    sha = hashlib.sha256(data).hexdigest()
    part = data if upto is None else data[:upto]
    r = c.post(f"/v1/images/{sha}", content=part, headers={"Upload-Offset": "0", "Upload-Length": str(len(data))})
    assert r.status_code == 200, r.text
    return sha


def _events(url: str, action: str) -> list[dict]:
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return [json.loads(d) if isinstance(d, str) else d for (d,) in conn.execute(
                text("SELECT detail FROM sync_event WHERE action = :a ORDER BY id"), {"a": action})]
    finally:
        eng.dispose()


def _restart(server, **kw):
    """The server started again on its database and image store (the sweep of a start)."""
    from sync.server import Settings, create_app

    app = create_app(Settings(server.database_url, server.storage, admin_token=ADMIN, **kw))
    app.state.engine.dispose()


def test_uploads_nobody_submitted_are_discarded_after_the_age_and_nothing_else(office, server):
    import random

    # GIVEN a received batch whose page images are durable (and, by some accident, a copy of one
    # left in ready/), all untouched for 40 days
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    body = _submission(office.ws)
    rnd = random.Random(7)
    with _device(office.ws, server) as c:
        for h in body["manifest"]["images"]:
            _upload(c, office.ws.images.get(h))
        assert c.post("/v1/batches", json=body).status_code == 200
        named = body["manifest"]["images"][0]
        durable = server.storage / named[:2] / named
        (server.storage / "ready" / named).write_bytes(durable.read_bytes())
        # AND uploads no batch names: a batch body uploaded whole, one half uploaded, both 40 days
        # old, and a half-finished upload written to 10 days ago (its office still on its way)
        orphan_body = gzip.compress(rnd.randbytes(50_000))
        whole = _upload(c, orphan_body)
        half_data, recent_data = rnd.randbytes(80_000), rnd.randbytes(60_000)
        half = _upload(c, half_data, upto=30_000)
        recent = _upload(c, recent_data, upto=20_000)
    files = {"whole": server.storage / "ready" / whole, "half": server.storage / "partial" / half,
             "recent": server.storage / "partial" / recent, "durable": durable,
             "named copy": server.storage / "ready" / named}
    assert all(p.is_file() for p in files.values())
    for name, p in files.items():
        _age(p, 10 if name == "recent" else 40)

    # WHEN the server starts again (30 days by default)
    _restart(server)

    # THEN the two uploads nobody submitted are gone; the durable image, the file a stored batch
    # names and the upload written to within the age are kept
    assert not files["whole"].exists() and not files["half"].exists()
    assert files["durable"].is_file() and files["named copy"].is_file() and files["recent"].is_file()
    # AND the server's trail says what it discarded and why
    (ev,) = _events(server.database_url, "uploads.discarded")
    assert ev["files"] == 2 and ev["bytes"] == len(orphan_body) + 30_000 and ev["days"] == 30
    assert sorted(ev["names"]) == sorted([f"ready/{whole}", f"partial/{half}"]) and ev["by"] == "server"
    # AND an office asking for them finds them not held, and one submitting the body by its hash is
    # told to upload it again (body_missing), not refused for good
    with _device(office.ws, server) as c:
        held = c.post("/v1/images/query", json={"hashes": [whole, half, recent]}).json()
        assert held == {whole: {"offset": 0, "complete": False}, half: {"offset": 0, "complete": False},
                        recent: {"offset": 20_000, "complete": False}}
        r = c.post("/v1/batches/uploaded", json={"sha256": whole})
        assert r.status_code == 422 and r.json()["error"] == "body_missing", r.text
    # AND with --upload-days 0 nothing is ever discarded
    _age(files["recent"], 400)
    _restart(server, upload_days=0)
    assert files["recent"].is_file()


def test_a_running_server_sweeps_every_few_hours(server_db, tmp_path):
    from fastapi.testclient import TestClient

    from sync.server import Settings, create_app

    # GIVEN a server that sweeps every second (every 6 hours by default), serving
    app = create_app(Settings(server_db, tmp_path / "images", admin_token=ADMIN, upload_sweep_hours=1 / 3600))
    try:
        with TestClient(app):
            # WHEN an unfinished upload there has not been written to for 31 days, and another
            # was written to a minute ago
            old, new = tmp_path / "images" / "partial" / ("a" * 64), tmp_path / "images" / "partial" / ("b" * 64)
            old.write_bytes(b"x" * 1000)
            new.write_bytes(b"y" * 1000)
            _age(old, 31)
            _age(new, 1 / 1440)
            # THEN the next sweep discards the old one only
            deadline = time.monotonic() + 10
            while old.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not old.exists() and new.is_file()
    finally:
        app.state.engine.dispose()


def _cut_at_submission(ws):
    """A pass whose images and batch body reach the server but whose link drops as it submits
    the batch by its hash (a large batch: its body uploaded resumable)."""
    from sync import engine as E

    eng = engine_for(ws, resumable_body=100, max_attempts=1)
    real_call = eng._call

    def call(method, path, **kw):
        if path == "/v1/batches/uploaded":
            raise E.LinkDropped("Cannot reach the central server: no connection. Sync will try again.")
        return real_call(method, path, **kw)
    eng._call = call
    assert not eng.run_once().ok


def test_an_office_back_after_its_uploads_were_discarded_uploads_them_again(office, server):
    from sync.server import uploads
    from sync.server.db import make_sessionmaker

    # GIVEN a large batch whose images and body reached the server, but the pass was cut before
    # the batch was submitted; then the office was away 40 days
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    _cut_at_submission(office.ws)
    uploaded = list((server.storage / "ready").iterdir())
    assert len(uploaded) == 3  # (two page images and the batch's body)
    for p in uploaded:
        _age(p, 40)

    # WHEN the server has discarded them (its start) and the office syncs again
    _restart(server)
    assert not any((server.storage / "ready").iterdir())
    rep = engine_for(office.ws, resumable_body=100).run_once()

    # THEN it uploaded them again and the batch arrived, once
    assert rep.ok, rep.errors
    assert rep.images_uploaded == 2
    assert item_states(office.ws) == {"acknowledged": 6}
    assert len(server.entry_keys()) == 6

    # GIVEN another such batch cut at its submission
    seal(office.ws, office.sup, add_approved(office.ws, office.clerk, office.sup, pages=1, rows=6, seed=3))
    _cut_at_submission(office.ws)
    # WHEN the running server's sweep discards its uploads just after the office asked whether it
    # holds the body (it did) and before the office submits it
    eng = engine_for(office.ws, resumable_body=100)
    real_held, swept = eng._held, []

    def held_then_swept(hashes):
        got = real_held(hashes)
        if not swept and len(hashes) == 1 and got[hashes[0]].get("complete"):
            swept.append(uploads.sweep(make_sessionmaker(server.app.state.engine), server.app.state.storage, 30,
                                       now=time.time() + 31 * DAY))
        return got
    eng._held = held_then_swept
    rep = eng.run_once()

    # THEN body_missing is no refusal: the pass uploads them again and the batch arrives, once
    assert swept and swept[0].files == 2  # (its page image and its body)
    assert rep.ok, rep.errors
    assert item_states(office.ws) == {"acknowledged": 12}
    assert len(server.entry_keys()) == 12
