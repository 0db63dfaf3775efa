"""`daftar sync --status`: what an office's IT or supervisor reads to know where its records
are (finding 9 of the sync audit): counts by state in words, each problem's entry named as
people know it, the last pass and how it ended, the server; `--json` the same with names."""

from __future__ import annotations

import json

from sqlalchemy import select

from daftar.cli import main
from records.outbox import office_identity
from tests.sync.conftest import engine_for, enrol, item_states, seal
from tests.sync.test_queue_status import sent_then_decided


def _status(ws, capsys, *extra) -> str:
    assert main(["sync", "--workspace", str(ws.root), "--status", *extra]) == 0
    return capsys.readouterr().out


def test_the_status_says_in_words_where_every_entry_is(office, capsys):
    # GIVEN an office enrolled with a server; 6 approved entries sent, one rejected by the
    # central office; then 3 more approved entries not yet in a batch
    from tests.sync.conftest import add_approved

    ws = office.ws
    sent_then_decided(ws, office.sup, {office.entry_ids[4]: "کھیوٹ نمبر غلط"})
    add_approved(ws, office.clerk, office.sup, pages=1, rows=3, seed=1)
    with ws.session() as s:
        office_identity(s).server_url = "https://central.example:8443"
    # WHEN IT asks for the status
    out = _status(ws, capsys)
    # THEN it is a summary in words, not JSON arrays
    assert not out.lstrip().startswith("{") and "[" not in out
    lines = [" ".join(line.split()) for line in out.splitlines()]
    # the server, and that no pass has run yet
    assert "Central server: https://central.example:8443" in lines
    assert "Last sync pass: never" in lines
    # the counts by state, approved entries not in a batch among them (this office requires a
    # revenue officer's verification first, the default, and has no revenue officer's account:
    # what to do is said beside the count)
    assert "Approved, ready for a batch: 0" in lines, out
    assert "Approved, waiting for a revenue officer's verification: 3 but this office has no revenue officer's " \
           "account: the administrator adds one (Account › Users…) or turns the verification off (Account › " \
           "Preferences…, The office)" in lines, out
    assert "Sealed in a batch, waiting to be sent: 0" in lines
    assert any(line.startswith("Sent, acknowledged by the server: 5") for line in lines), out
    assert "Accepted by the central office: 0" in lines
    assert "Rejected by the central office: 1 listed below" in lines
    # AND the rejected entry by register, page, row and khewat, with the central office's reason
    assert "- rejected by the central office: Jamabandi موضع 0 2019-20, page 2, row 2, khewat 41: کھیوٹ نمبر غلط" \
        in lines, out

    # WHEN the office does not require verification  THEN they are ready for a batch, with what to do
    with ws.session() as s:
        o = office_identity(s)
        o.settings = {**(o.settings or {}), "workflow.require_verification": False}
    lines = [" ".join(line.split()) for line in _status(ws, capsys).splitlines()]
    assert "Approved, ready for a batch: 3 a supervisor seals them: `daftar batch seal --as NAME`, or Sync in " \
        "the app" in lines
    assert "Approved, waiting for a revenue officer's verification: 0" in lines

    # WHEN a machine reads it  THEN the same with named fields
    st = json.loads(_status(ws, capsys, "--json"))
    assert (st["server"], st["ready"], st["unverified"], st["waiting"]) == ("https://central.example:8443", 3, 0, 0)
    assert st["counts"] == {"acknowledged": 5, "rejected": 1}
    assert (st["last_pass"], st["last_pass_ok"]) == (None, None)
    (p,) = st["problems"]
    assert (p["template_id"], p["mauza"], p["page_no"], p["row_no"], p["khewat"], p["reason"]) == \
        ("jamabandi", "موضع 0", 2, 2, "41", "کھیوٹ نمبر غلط")


def test_after_a_failed_pass_the_entries_wait_to_be_sent_again(office, server, capsys):
    # GIVEN a sealed batch and a server that answers 503 to it twice
    from records.models import OutboxItem

    seal(office.ws, office.sup)
    enrol(office.ws, server)
    server.fault(path="/v1/batches", status=503, count=2)
    # WHEN a pass gives up after 2 attempts
    rep = engine_for(office.ws, max_attempts=2).run_once()
    assert not rep.ok
    # THEN nothing says 'uploading' (nothing is): the entries are queued, waiting to be sent again
    assert item_states(office.ws) == {"queued": 6}
    with office.ws.session() as s:
        assert {it.attempts for it in s.scalars(select(OutboxItem))} == {2}
    # AND the status says when the pass ran and how it ended, and what waits
    out = _status(office.ws, capsys)
    lines = [" ".join(line.split()) for line in out.splitlines()]
    (last,) = [line for line in lines if line.startswith("Last sync pass: ")]
    assert "(this computer's time), ended with a problem: The central server has a problem (error 503)" in last
    assert "Last pass that ended well: never" in lines
    assert "Sealed in a batch, waiting to be sent: 6" in lines, out
    st = json.loads(_status(office.ws, capsys, "--json"))
    assert st["last_pass"] and st["last_pass_ok"] is False and "503" in st["last_error"]
    assert st["counts"] == {"queued": 6} and st["waiting"] == 6

    # WHEN the server works again and a pass ends well  THEN the status says so
    assert engine_for(office.ws).run_once().ok
    lines = [" ".join(line.split()) for line in _status(office.ws, capsys).splitlines()]
    (last,) = [line for line in lines if line.startswith("Last sync pass: ")]
    assert last.endswith("(this computer's time), ended well")
    assert any(line.startswith("Sent, acknowledged by the server: 6") for line in lines)


def test_the_status_names_verified_entries_verified_and_says_they_wait_to_be_sealed(office, capsys):
    # GIVEN an office requiring a revenue officer's verification (the default), 6 approved
    # entries, 4 of which a revenue officer verified; none of them sealed in a batch yet
    from daftar.commands.sync import waiting_here_lines
    from records import audit, services
    from records.models import User
    from sync.engine import queue_status

    ws = office.ws
    with ws.session() as s:
        ro = User(username="ro", full_name="", role="revenue_officer")
        s.add(ro)
        s.flush()
        services.transition(s, actor=audit.Actor(ro.id, "ro", "revenue_officer"), entry_ids=office.entry_ids[:4],
                            action="verify")
    # WHEN IT or a supervisor asks for the status
    out = _status(ws, capsys)
    lines = [" ".join(line.split()) for line in out.splitlines()]
    # THEN the verified entries are called verified, ready for a batch, with who seals them
    # (they were counted as "Approved, ready for a batch: 4"), and the approved ones wait for
    # the verification
    assert "Verified, ready for a batch: 4 a supervisor seals them: `daftar batch seal --as NAME`, or Sync in " \
        "the app" in lines, out
    assert "Approved, ready for a batch: 0" in lines, out
    assert "Approved, waiting for a revenue officer's verification: 2" in lines, out
    # AND a pass that could not send them says the same
    assert waiting_here_lines(queue_status(ws))[0].startswith(
        "4 verified entries are not in a batch yet, so this pass did not send them: a supervisor seals them")
    # AND a machine reads them by state
    st = json.loads(_status(ws, capsys, "--json"))
    assert (st["ready"], st["ready_approved"], st["ready_verified"], st["unverified"]) == (4, 0, 4, 2)

    # WHEN the office no longer requires verification  THEN both are ready, each by its name
    with ws.session() as s:
        o = office_identity(s)
        o.settings = {**(o.settings or {}), "workflow.require_verification": False}
    lines = [" ".join(line.split()) for line in _status(ws, capsys).splitlines()]
    assert any(line.startswith("Verified, ready for a batch: 4 a supervisor seals them") for line in lines)
    assert any(line.startswith("Approved, ready for a batch: 2 a supervisor seals them") for line in lines)
    assert "Approved, waiting for a revenue officer's verification: 0" in lines
