"""`daftar sync` over a poor link: progress lines while a long pass sends (batch, images, bytes,
drops and waits, a resumed upload), plain when piped; a drop after the server answered said as
a drop (what was kept, where the next pass goes on), not "no connection"."""

from __future__ import annotations

import re

import pytest

from tests.faultproxy import Fault, FaultProxy
from tests.sync.conftest import add_approved, enrol, item_states, make_users, seal, set_url


@pytest.fixture
def proxy(server):
    p = FaultProxy(("127.0.0.1", server.port)).start()
    yield p
    p.stop()


@pytest.fixture
def big_office(workspace, server, proxy, monkeypatch):
    """An office with one sealed batch (2 page images of 200 kB, 6 entries) enrolled through
    the fault proxy; its passes back off in hundredths of a second, and its batch body goes up
    as a resumable upload (as a large batch's does)."""
    from sync import engine

    clerk, sup = make_users(workspace)
    add_approved(workspace, clerk, sup, pages=2, rows=3, image_kb=200)
    seal(workspace, sup)
    enrol(workspace, server)
    set_url(workspace, f"https://127.0.0.1:{proxy.port}")
    load = engine.load_config
    monkeypatch.setattr(engine, "load_config", lambda ws, **kw: load(ws, **{
        "backoff_base": 0.01, "timeout": 5, "resumable_body": 500, **kw}))
    return workspace


def _held_by_server(server) -> int:
    """Bytes the server's image store holds (partial uploads and whole ones)."""
    return sum(p.stat().st_size for p in server.storage.rglob("*") if p.is_file() and len(p.name) == 64)


def test_a_pass_over_a_link_that_drops_prints_what_it_sends_in_order(big_office, server, proxy, capsys,
                                                                      monkeypatch):
    from daftar.cli import main

    # GIVEN a link cut after 150 kB of the first connection, and a line printed at each change
    # (how often lines come is the next test's)
    monkeypatch.setattr("daftar.sync_progress.EVERY", 0)
    proxy.push(Fault(up_limit=150_000))

    # WHEN IT runs `daftar sync`, its output piped to a log
    assert main(["sync", "--workspace", str(big_office.root), "--chunk-kb", "32"]) == 0

    # THEN it said, as it went: the batch, the page images and their bytes, the drop and the
    # wait, the upload resumed, the batch's entries, and then the summary as before
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "\r" not in out  # (piped: plain lines, no line redrawn)
    images = [i for i, x in enumerate(lines) if re.fullmatch(
        r"batch 1 of 1: page images \d of 2 at the server, \d+ kB of 410 kB sent", x)]
    dropped = [i for i, x in enumerate(lines) if x.startswith("batch 1 of 1: the connection dropped; trying again "
                                                              "in 1 second (what the server received is kept)")]
    resumed = [i for i, x in enumerate(lines) if re.fullmatch(
        r"batch 1 of 1: resumed: the server had kept \d+ kB of the page images \(410 kB\) from before; the upload "
        r"goes on from there", x)]
    entries = [i for i, x in enumerate(lines) if re.fullmatch(
        r"batch 1 of 1: entries \(a large batch, sent resumable\) \d+ kB of \d+ kB sent", x)]
    summary = [i for i, x in enumerate(lines) if x.startswith("sent 6 entries in 1 batches, 2 images uploaded")]
    assert images and dropped and resumed and entries and summary, out
    assert images[0] < dropped[0] < resumed[0] < entries[0] < summary[0] == len(lines) - 1, out
    # (the bytes sent only grow between the drop and the end)
    sent = [int(re.search(r", (\d+) kB of", lines[i]).group(1)) for i in images if i > resumed[0]]
    assert sent and sent == sorted(sent) and sent[-1] == 410, out
    assert item_states(big_office) == {"acknowledged": 6}
    assert proxy.cuts == 1


def test_a_quiet_pass_and_a_json_one_print_no_progress(big_office, server, proxy, capsys):
    from daftar.cli import main

    # GIVEN a link that drops once  WHEN `daftar sync --quiet` runs  THEN only the summary
    proxy.push(Fault(up_limit=150_000))
    assert main(["sync", "--workspace", str(big_office.root), "--chunk-kb", "32", "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("sent 6 entries in 1 batches") and not any(x.startswith("batch ") for x in out), out
    # AND --json prints the JSON alone
    assert main(["sync", "--workspace", str(big_office.root), "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_progress_lines_come_at_most_every_few_seconds_and_a_terminal_redraws_one():
    import io

    from daftar.sync_progress import PassLines

    # GIVEN a pass whose engine says how far it is 400 times in 40 seconds (a clock of our own)
    now = [0.0]
    log, term = io.StringIO(), io.StringIO()
    piped = PassLines(log, tty=False, clock=lambda: now[0])
    shown = PassLines(term, tty=True, clock=lambda: now[0])
    for say in (piped, shown):
        now[0] = 0.0
        say("batches", 1, 1)
        for k in range(400):
            now[0] = k / 10
            say("image_bytes", k * 1000, 400_000)
            if k == 200:  # a drop: said at once, whenever it comes
                say("link_dropped", 4, 2)
        say.end()

    # THEN the log got about one line every 3 seconds, plus the drop, each on its own line
    lines = log.getvalue().splitlines()
    assert 12 <= len(lines) <= 16, lines
    assert "batch 1 of 1: the connection dropped; trying again in 4 seconds (what the server received is kept)" \
        in lines
    assert "\r" not in log.getvalue()
    # AND the terminal's line was redrawn in place (carriage return), the drop kept on a line of
    # its own, and the line ended before the summary
    text = term.getvalue()
    assert text.count("\r") > len(lines) and text.endswith("\n")
    assert "\r\033[Kbatch 1 of 1: the connection dropped; trying again in 4 seconds (what the server received " \
           "is kept)\n" in text


def test_a_link_that_drops_mid_upload_and_stays_down_is_said_as_a_drop_not_no_connection(
        big_office, server, proxy, capsys):
    from daftar.cli import main

    # GIVEN a link that is cut after 60 kB of the first connection and refuses every connection after
    proxy.push(Fault(up_limit=60_000))
    proxy.default = Fault(refuse=True)

    # WHEN IT runs `daftar sync`
    assert main(["sync", "--workspace", str(big_office.root), "--chunk-kb", "16", "--quiet"]) == 1

    # THEN it says the connection dropped while sending the batch, how much the server kept of
    # it, and that the next pass goes on from there: not "no connection"
    err = capsys.readouterr().err
    m = re.search(r"problem: The connection to the central server dropped while sending batch 1 of 1: the server "
                  r"keeps the (\d+) kB of it that it had received, and the next sync goes on from there\. Nothing was "
                  r"lost\.", err)
    assert m, err
    assert "no connection" not in err
    assert "Run `daftar sync` again when the connection is back: it goes on from where this pass stopped" in err
    # (what it says was kept, the server holds)
    assert 0 < int(m.group(1)) * 1000 <= _held_by_server(server) + 999
    # AND the status says the same of the last pass
    assert main(["sync", "--workspace", str(big_office.root), "--status"]) == 0
    assert "dropped while sending batch 1 of 1" in capsys.readouterr().out
    # AND once the link is back the next pass goes on and delivers it
    proxy.default = Fault()
    assert main(["sync", "--workspace", str(big_office.root), "--quiet"]) == 0
    assert item_states(big_office) == {"acknowledged": 6}


def test_no_connection_at_all_is_still_said_as_no_connection(big_office, server, proxy, capsys):
    from daftar.cli import main

    # GIVEN a link that refuses every connection from the start
    proxy.default = Fault(refuse=True)
    # WHEN IT runs `daftar sync`  THEN it says there is no connection (nothing was reached)
    assert main(["sync", "--workspace", str(big_office.root), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "Cannot reach the central server" in err and "dropped" not in err
