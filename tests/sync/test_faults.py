"""Network faults on loopback through the in-repo TCP fault proxy, a server restarted
mid-batch, and a client SIGKILLed at random points: every record arrives exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select

from records.models import OutboxItem
from tests.faultproxy import Fault, FaultProxy
from tests.pg import free_port
from tests.sync.conftest import (
    add_approved,
    engine_for,
    enrol,
    entry_states,
    item_states,
    make_users,
    seal,
    set_url,
    start_server_process,
)


@pytest.fixture
def proxy(server):
    p = FaultProxy(("127.0.0.1", server.port)).start()
    yield p
    p.stop()


def _all_once(ws, server) -> None:
    """Every outbox item acknowledged, and the server holds each entry key exactly once."""
    with ws.session() as s:
        mine = sorted((i.entry_uuid, i.version) for i in s.scalars(select(OutboxItem)))
    theirs = sorted(server.entry_keys())
    assert theirs == mine
    assert set(item_states(ws)) == {"acknowledged"}


def test_connection_cut_mid_upload_resumes_at_the_last_byte(workspace, server, proxy):
    # GIVEN one 300 kB page image sent in one chunk, and a link cut after ~120 kB of it
    clerk, sup = make_users(workspace)
    ids = add_approved(workspace, clerk, sup, pages=1, rows=2, image_kb=300)
    seal(workspace, sup)
    enrol(workspace, server)
    set_url(workspace, f"https://127.0.0.1:{proxy.port}")
    proxy.push(Fault(up_limit=120_000))

    # WHEN it syncs
    rep = engine_for(workspace, chunk_size=1 << 20).run_once()

    # THEN the second request only carried the bytes the server had not received
    assert rep.ok, rep.errors
    assert proxy.cuts == 1
    assert 0 < rep.bytes_uploaded < 300 * 1024 - 50_000
    _all_once(workspace, server)
    assert entry_states(workspace, ids) == ["sent", "sent"]


FAULTS = {
    "drops": lambda r: [Fault(up_limit=r.randint(2_000, 40_000)) for _ in range(4)],
    "truncated answers": lambda r: [Fault(down_limit=r.randint(1_200, 5_000)) for _ in range(4)],
    "refused": lambda r: [Fault(refuse=True) for _ in range(3)],
    "delays past the timeout": lambda r: [Fault(delay=1.2), Fault(delay=1.2)],
}


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_faulty_links_still_deliver_exactly_once(office, server, proxy, kind):
    # GIVEN a sealed batch and a proxy that misbehaves on the first connections
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    set_url(office.ws, f"https://127.0.0.1:{proxy.port}")
    for f in FAULTS[kind](random.Random(kind)):
        proxy.push(f)

    # WHEN it syncs (short timeout, quick backoff)
    rep = engine_for(office.ws, timeout=0.8, connect_timeout=0.8, chunk_size=8192, max_attempts=10).run_once()

    # THEN everything arrives once and is acknowledged
    assert rep.ok, rep.errors
    _all_once(office.ws, server)


def test_slow_link_with_small_delays(office, server, proxy):
    # GIVEN a 200 kB/s link adding 10 ms to every packet
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    set_url(office.ws, f"https://127.0.0.1:{proxy.port}")
    proxy.default = Fault(rate=200_000, delay=0.01)

    # WHEN it syncs THEN it is slow but complete
    rep = engine_for(office.ws, chunk_size=16384).run_once()
    assert rep.ok, rep.errors
    _all_once(office.ws, server)


# ----------------------------------------------------------------------------- processes
@pytest.mark.slow
def test_server_restarted_mid_batch(workspace, server_db, dev_certs, tmp_path):
    from tests.sync.conftest import ADMIN, Server

    # GIVEN a server process and a slow link (100 kB/s per connection) carrying 3 x 150 kB images
    port = free_port()
    storage = tmp_path / "srv"
    proc = start_server_process(server_db, storage, port, dev_certs)
    srv = Server(f"https://127.0.0.1:{port}", port, None, str(dev_certs.ca_cert), server_db, storage, ADMIN)
    proxy = FaultProxy(("127.0.0.1", port)).start()
    proxy.default = Fault(rate=100_000)
    try:
        clerk, sup = make_users(workspace)
        add_approved(workspace, clerk, sup, pages=3, rows=2, image_kb=150)
        seal(workspace, sup)
        enrol(workspace, srv)
        set_url(workspace, f"https://127.0.0.1:{proxy.port}")
        eng = engine_for(workspace, sleep_cap=None, chunk_size=32768, max_attempts=12, backoff_base=0.2, backoff_max=1.0)
        result = {}
        t = threading.Thread(target=lambda: result.setdefault("rep", eng.run_once()))

        # WHEN the server is killed while the client uploads, and started again
        t.start()
        time.sleep(0.8)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proxy.drop_all()
        time.sleep(0.5)
        proc = start_server_process(server_db, storage, port, dev_certs)
        t.join(60)

        # THEN the client finished by itself and everything is there once
        assert not t.is_alive()
        assert result["rep"].ok, result["rep"].errors
        assert len(eng.sleeps) >= 1
        _all_once(workspace, srv)
    finally:
        proxy.stop()
        proc.kill()
        proc.wait(10)


@pytest.mark.slow
def test_client_sigkilled_at_random_points_finishes_with_every_record_once(workspace, server, proxy):
    # GIVEN two batches (4 pages of 100 kB, 12 entries) and a 100 kB/s link
    clerk, sup = make_users(workspace)
    ids = add_approved(workspace, clerk, sup, pages=2, rows=3, image_kb=100, seed=1)
    seal(workspace, sup)
    ids += add_approved(workspace, clerk, sup, pages=2, rows=3, image_kb=100, seed=2)
    seal(workspace, sup)
    enrol(workspace, server)
    set_url(workspace, f"https://127.0.0.1:{proxy.port}")
    proxy.default = Fault(rate=100_000)
    cmd = [sys.executable, "-m", "daftar.cli", "sync", "--workspace", str(workspace.root), "--chunk-kb", "16"]
    env = {**os.environ, "NO_PROXY": "127.0.0.1"}
    rnd = random.Random(20261125)
    kills = 0

    # WHEN `daftar sync` is SIGKILLed at random moments while work is pending, 12 times
    for _ in range(12):
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.4, 1.6))
        alive = p.poll() is None
        p.send_signal(signal.SIGKILL)
        p.wait(10)
        if not alive:
            break
        kills += 1
        if set(item_states(workspace)) == {"acknowledged"}:
            break
    # and then runs to the end
    proxy.default = Fault()
    done = subprocess.run(cmd + ["--json"], env=env, capture_output=True, text=True, timeout=120)

    # THEN it was really interrupted, finished cleanly, and the server holds each entry once
    assert kills >= 5
    assert done.returncode == 0, done.stderr + done.stdout
    workspace.engine.dispose()
    _all_once(workspace, server)
    assert len(server.entry_keys()) == 12
    assert entry_states(workspace, ids) == ["sent"] * 12


def test_damaged_partial_upload_on_the_server_is_sent_again_from_the_start(office, server):
    # GIVEN the server holds 5 kB of garbage as the start of one page image (e.g. a torn write)
    info = seal(office.ws, office.sup)
    enrol(office.ws, server)
    sha = info.images[0]
    (server.storage / "partial").mkdir(parents=True, exist_ok=True)
    (server.storage / "partial" / sha).write_bytes(b"\xff" * 5000)

    # WHEN the office syncs
    eng = engine_for(office.ws)
    rep = eng.run_once()

    # THEN the server discarded the bad bytes, the image was sent whole, all arrived once
    assert rep.ok, rep.errors
    assert rep.bytes_uploaded == 2 * 20 * 1024  # bytes confirmed by the server: both images whole
    assert (server.storage / sha[:2] / sha).read_bytes() == office.ws.images.get(sha)
    _all_once(office.ws, server)


def test_a_large_batch_gets_through_a_link_that_drops_more_often_than_it_takes(workspace, server, proxy):
    # GIVEN 800 approved entries in one batch (its compressed body about 120 kB) and a link
    # that drops every connection after 30 kB sent: the body never fits in one connection
    clerk, sup = make_users(workspace)
    ids = add_approved(workspace, clerk, sup, pages=20, rows=40, image_kb=2)
    seal(workspace, sup)
    enrol(workspace, server)
    set_url(workspace, f"https://127.0.0.1:{proxy.port}")
    proxy.default = Fault(up_limit=30_000)

    # WHEN it syncs, pass after pass, as the app does while the link comes and goes
    reports = []
    while len(reports) < 12 and not (reports and reports[-1].ok):
        reports.append(engine_for(workspace, max_attempts=6).run_once())

    # THEN it got through, every entry once, and the body's bytes went up about once
    # (each drop costs the part in flight, not the whole body again)
    assert reports[-1].ok, reports[-1].errors
    assert proxy.cuts >= 3
    _all_once(workspace, server)
    assert entry_states(workspace, ids) == ["sent"] * 800
    assert proxy.bytes["up"] < 2.5 * (20 * 2 * 1024 + 120_000)


def test_a_link_that_drops_often_but_moves_bytes_finishes_in_one_pass(workspace, server, proxy):
    # GIVEN 20 page images of 30 kB (600 kB) and a link that drops every connection after 20 kB
    # sent: each image is cut at least once, many more drops than the 5 attempts a pass allows
    clerk, sup = make_users(workspace)
    add_approved(workspace, clerk, sup, pages=20, rows=1, image_kb=30)
    seal(workspace, sup)
    enrol(workspace, server)
    set_url(workspace, f"https://127.0.0.1:{proxy.port}")
    proxy.default = Fault(up_limit=20_000)

    # WHEN it syncs once (`daftar sync` run once at the office), one image at a time
    eng = engine_for(workspace, parallel_uploads=1)
    rep = eng.run_once()

    # THEN the drops that moved bytes did not use up the pass: it got through, each entry once
    assert rep.ok, rep.errors
    assert proxy.cuts > 5
    _all_once(workspace, server)
    assert proxy.bytes["up"] < 2 * 600 * 1024
