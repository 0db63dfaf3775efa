"""A sync pass killed while it sends: its items, left `uploading`, are queued again at the
next pass or status, and sent once (a real `daftar sync` process killed with SIGKILL)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from daftar.cli import main
from tests.sync.conftest import enrol, item_states, seal, set_url

ROOT = Path(__file__).resolve().parents[2]


def _status(ws, capsys) -> tuple[dict, str]:
    assert main(["sync", "--workspace", str(ws.root), "--status", "--json"]) == 0
    js = json.loads(capsys.readouterr().out)
    assert main(["sync", "--workspace", str(ws.root), "--status"]) == 0
    return js, capsys.readouterr().out


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL: POSIX")
def test_a_pass_killed_while_sending_is_queued_again_and_sent_once(office, server, capsys):
    # GIVEN an enrolled office with a sealed batch, and a `daftar sync` process sending it to a
    # server that takes the connection and never answers (the pass hangs mid-send)
    enrol(office.ws, server)
    seal(office.ws, office.sup)
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(8)
    set_url(office.ws, f"https://127.0.0.1:{hole.getsockname()[1]}")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "daftar.cli", "sync", "--workspace", str(office.ws.root)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while item_states(office.ws).get("uploading") != 6:
            assert proc.poll() is None and time.monotonic() < deadline, item_states(office.ws)
            time.sleep(0.05)
        # WHEN it is killed there
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        hole.close()
    # (the state the kill leaves: the items are still `uploading`)
    assert item_states(office.ws) == {"uploading": 6}
    # THEN `daftar sync --status` shows them waiting to be sent, not as sent by a pass
    js, text = _status(office.ws, capsys)
    assert js["counts"] == {"queued": 6} and js["waiting"] == 6, js
    assert "being sent by a pass now" not in text and "cut off" not in text
    assert re.search(r"Sealed in a batch, waiting to be sent: +6\n", text), text
    # AND the next pass sends them, and the server holds each entry once
    set_url(office.ws, server.url)
    assert main(["sync", "--workspace", str(office.ws.root)]) == 0, capsys.readouterr()
    assert "sent 6 entries in 1 batches" in capsys.readouterr().out
    assert item_states(office.ws) == {"acknowledged": 6}
    assert len(server.entry_keys()) == len(set(server.entry_keys())) == 6


def test_items_of_a_pass_that_runs_now_are_left_alone_and_a_cut_off_pass_is_queued_at_the_next_pass(office, server):
    from sqlalchemy import update

    from records.models import OutboxItem
    from sync.engine import CUT_OFF, pass_lock, queue_status, run_once

    enrol(office.ws, server)
    seal(office.ws, office.sup)
    with office.ws.session() as s:
        s.execute(update(OutboxItem).values(state="uploading"))
    # GIVEN a pass running (it holds the lock) WHEN the status is asked THEN its items stay as they are
    with pass_lock(office.ws) as held:
        assert held is True
        assert queue_status(office.ws).counts == {"uploading": 6}
        with pass_lock(office.ws) as other:
            assert other is False
    # AND a pass after a cut-off one (the status not asked in between) sends the batch, and says why it waited
    with office.ws.session() as s:
        s.execute(update(OutboxItem).values(state="submitted"))
    from sync import engine

    seen = []
    real = engine.SyncEngine._send_batch

    def spy(self, batch_id, rep, *rest):
        seen.append(item_states(office.ws))
        with office.ws.session() as s:
            seen.append({i.last_error for i in s.query(OutboxItem)})
        return real(self, batch_id, rep, *rest)

    engine.SyncEngine._send_batch = spy
    try:
        assert run_once(office.ws).ok
    finally:
        engine.SyncEngine._send_batch = real
    assert seen[1] == {CUT_OFF}
    assert item_states(office.ws) == {"acknowledged": 6}
    assert len(server.entry_keys()) == 6
