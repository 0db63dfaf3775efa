"""Retries: 5xx and 429 with backoff (Retry-After honoured), retry state written first,
captive portal is a failure, a full disk gives a clear error and loses nothing."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import event, select

from records.models import OutboxItem
from tests.sync.conftest import engine_for, enrol, entry_states, item_states, seal, set_url


def test_5xx_and_429_are_retried_with_backoff_and_retry_after(office, server):
    # GIVEN a server answering 503, 503, then 429 with Retry-After: 7 to the batch
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    server.fault(path="/v1/batches", status=503, count=2)
    server.fault(path="/v1/batches", status=429, headers={"Retry-After": "7"}, count=1)

    # WHEN the client syncs (jitter fixed at 1.0, base 0.5 s)
    eng = engine_for(office.ws, backoff_base=0.5)
    eng.rand = lambda: 1.0
    rep = eng.run_once()

    # THEN it waited 0.5 s, 1 s (doubling), then the server's 7 s, and succeeded on attempt 4
    assert rep.ok, rep.errors
    assert eng.sleeps == [0.5, 1.0, 7.0]
    with office.ws.session() as s:
        assert {i.attempts for i in s.scalars(select(OutboxItem))} == {4}
    assert item_states(office.ws) == {"acknowledged": 6}


def test_jitter_stays_between_half_and_full_delay(office, server):
    # GIVEN an engine with base 1 s and max 8 s
    enrol(office.ws, server)
    eng = engine_for(office.ws, backoff_base=1.0, backoff_max=8.0)

    # WHEN / THEN jitter keeps each delay in [d/2, d] with d doubling up to the max
    eng.rand = lambda: 0.0
    assert [eng.backoff(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    eng.rand = lambda: 1.0
    assert [eng.backoff(n) for n in (1, 2, 3, 4, 5)] == [1.0, 2.0, 4.0, 8.0, 8.0]


def test_retry_state_is_written_before_each_attempt(office, server):
    # GIVEN a server that always answers 503, watched from the database at each request
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    server.fault(path="/v1/batches", status=503, count=3)
    seen = []

    def before_request(request):
        if request.url.path == "/v1/batches":
            with office.ws.session() as s:
                seen.append(sorted({(i.state, i.attempts) for i in s.scalars(select(OutboxItem))}))

    eng = engine_for(office.ws, max_attempts=3)
    eng.client.event_hooks["request"].append(before_request)

    # WHEN it syncs and gives up after 3 attempts
    rep = eng.run_once()

    # THEN each attempt was on record (state and count) before it went out; the error is in words
    assert seen == [[("submitted", 1)], [("submitted", 2)], [("submitted", 3)]]
    assert "problem (error 503)" in rep.errors[0]
    with office.ws.session() as s:
        it = s.scalars(select(OutboxItem)).first()
        assert it.next_attempt_at is not None and "503" in it.last_error


def test_4xx_is_not_retried_and_shows_the_servers_reason(office, server):
    # GIVEN a server answering 400 with a reason
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    server.fault(path="/v1/batches", status=400, body='{"detail": "mauza code unknown"}')

    # WHEN it syncs
    eng = engine_for(office.ws)
    rep = eng.run_once()

    # THEN one attempt only, the reason is shown and kept on the items
    assert eng.sleeps == []
    assert "mauza code unknown" in rep.errors[0]
    assert item_states(office.ws) == {"failed": 6}
    assert entry_states(office.ws, office.entry_ids) == ["batched"] * 6


class _Portal(BaseHTTPRequestHandler):
    def _page(self):
        body = b"<html><body><h1>Welcome to PTCL Wi-Fi</h1>Please log in</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        self._page()

    def do_HEAD(self):  # noqa: N802
        self._page()

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._page()

    def log_message(self, *a):
        pass


def test_captive_portal_200_html_is_a_failure_not_a_success(office, server):
    # GIVEN a network that answers every request with a 200 login page
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    portal = ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    threading.Thread(target=portal.serve_forever, daemon=True).start()
    set_url(office.ws, f"http://127.0.0.1:{portal.server_address[1]}")
    try:
        # WHEN it syncs
        eng = engine_for(office.ws, max_attempts=2)
        rep = eng.run_once()
        reachable = eng.server_reachable()
    finally:
        portal.shutdown()

    # THEN nothing counts as sent, the clerk is told about the login page, and it is not "reachable"
    assert not rep.ok and "login page" in rep.errors[0]
    assert not reachable
    assert "acknowledged" not in item_states(office.ws)
    assert entry_states(office.ws, office.entry_ids) == ["batched"] * 6

    # WHEN the real server is back THEN the same items go through
    set_url(office.ws, server.url)
    assert engine_for(office.ws).run_once().ok
    assert item_states(office.ws) == {"acknowledged": 6}


def test_disk_full_while_saving_the_receipt_loses_nothing(office, server):
    # GIVEN a workspace disk that is full when the receipt is to be saved (SQLite page limit)
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    full = {"on": False}

    def limit(conn, _rec):
        if full["on"]:
            n = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count={n}")

    event.listen(office.ws.engine, "connect", limit)
    eng = engine_for(office.ws)
    orig = eng._acknowledge

    def ack_on_full_disk(*a, **kw):
        full["on"] = True
        office.ws.engine.dispose()
        return orig(*a, **kw)

    eng._acknowledge = ack_on_full_disk

    # WHEN it syncs
    rep = eng.run_once()

    # THEN the clerk reads that the disk is full and nothing was lost; items still pending
    assert not rep.ok and "disk of this computer is full" in rep.errors[0]
    assert item_states(office.ws) == {"submitted": 6}
    assert entry_states(office.ws, office.entry_ids) == ["batched"] * 6

    # WHEN space is freed and it syncs again THEN the resend gets its receipt, stored once
    full["on"] = False
    office.ws.engine.dispose()
    rep2 = engine_for(office.ws).run_once()
    assert rep2.ok, rep2.errors
    assert item_states(office.ws) == {"acknowledged": 6}
    assert server.stats()["entries"] == 6


def test_a_retried_batch_counts_its_images_once(office, server):
    # GIVEN a batch of 2 page images whose first submission gets a 503 after the images went up
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    server.fault(path="/v1/batches", status=503, count=1)

    # WHEN the client syncs (the second attempt finds both images complete on the server)
    rep = engine_for(office.ws).run_once()

    # THEN the report says 2 images uploaded, none "already there" (it uploaded them itself)
    assert rep.ok, rep.errors
    assert (rep.images_uploaded, rep.images_skipped) == (2, 0)
    assert rep.bytes_uploaded == 2 * 20 * 1024
