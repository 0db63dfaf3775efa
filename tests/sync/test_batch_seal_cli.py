"""`daftar batch seal --as NAME`: seal the approved entries for the next network sync without
writing a file (before, only `batch export --seal` sealed on the command line, and it wrote
one), with the same password check and the same refusals."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from daftar.cli import main
from records.models import Batch, Entry
from tests.sync.conftest import CLERK_PASS, SUP_PASS, engine_for, enrol, give_passwords, item_states


def _no_verification(ws) -> None:
    from records import office_settings
    from records.audit import Actor

    with ws.session() as s:
        office_settings.change(s, actor=Actor(None, "it", "admin"), values={"workflow.require_verification": False})


def _batches(ws) -> int:
    with ws.session() as s:
        return len(s.scalars(select(Batch.id)).all())


def test_a_supervisor_seals_for_the_next_sync_without_a_file(office, server, tmp_path, capsys, monkeypatch):
    # GIVEN six approved entries, an office that sends them without verification, enrolled
    _no_verification(office.ws)
    give_passwords(office.ws)
    enrol(office.ws, server)
    monkeypatch.chdir(tmp_path)
    ws = str(office.ws.root)
    # WHEN a clerk tries, with his own password  THEN refused, saying who may; nothing sealed
    monkeypatch.setenv("DAFTAR_PASSWORD", CLERK_PASS)
    assert main(["batch", "seal", "--workspace", ws, "--as", "clerk"]) == 1
    assert "clerk is a clerk and cannot seal batches: ask a supervisor; nothing was sealed" in capsys.readouterr().err
    # WHEN someone gives the supervisor's name with another password  THEN refused; nothing sealed
    assert main(["batch", "seal", "--workspace", ws, "--as", "supervisor"]) == 1
    assert "cannot act as supervisor" in capsys.readouterr().err
    assert _batches(office.ws) == 0
    # WHEN the supervisor seals with their password
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    assert main(["batch", "seal", "--workspace", ws, "--as", "Supervisor"]) == 0
    # THEN one batch of the six is queued for the next sync, and no file is written anywhere here
    out = capsys.readouterr().out
    assert "entries, 2 page images; the next sync sends it" in out and ": 6 entries" in out
    assert item_states(office.ws) == {"queued": 6} and _batches(office.ws) == 1
    assert not list(tmp_path.rglob("*.daftar-batch")) and not list(office.ws.root.rglob("*.daftar-batch"))
    with office.ws.session() as s:
        assert {s.get(Entry, i).state for i in office.entry_ids} == {"batched"}
    # AND the next sync sends it
    assert engine_for(office.ws).run_once().entries_acknowledged == 6
    # WHEN there is nothing left to seal  THEN said plainly
    assert main(["batch", "seal", "--workspace", ws, "--as", "supervisor"]) == 1
    assert "there are no approved entries to send: approve entries first" in capsys.readouterr().err


def test_sealing_follows_verification_and_refuses_values_changed_outside_daftar(office, capsys, monkeypatch):
    give_passwords(office.ws)
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    ws = str(office.ws.root)
    # GIVEN an office that requires a revenue officer's verification (the default)
    # WHEN a supervisor seals  THEN refused: the entries wait for verification
    assert main(["batch", "seal", "--workspace", ws, "--as", "supervisor"]) == 1
    assert "6 approved entries wait for a revenue officer's verification" in capsys.readouterr().err
    # GIVEN no verification required, and one area changed in the database file, outside Daftar
    _no_verification(office.ws)
    forged = office.entry_ids[4]
    con = sqlite3.connect(office.ws.db_path)
    con.execute(f"UPDATE field_value SET value='99-9' WHERE entry_id={forged} AND field='area' AND current=1")
    con.commit()
    con.close()
    # WHEN the supervisor seals  THEN refused as sealing refuses it, naming where and what to do
    assert main(["batch", "seal", "--workspace", ws, "--as", "supervisor"]) == 1
    err = capsys.readouterr().err
    assert "nothing was sealed: an entry to send is not what the audit trail recorded" in err
    assert f"page 2, row 2: area is '99-9' but the audit trail recorded '2-5' (entry {forged})" in err
    assert _batches(office.ws) == 0
    with office.ws.session() as s:
        assert {s.get(Entry, i).state for i in office.entry_ids} == {"approved"}


def test_an_office_without_a_revenue_officer_is_told_why_nothing_is_sent(office, server, capsys, monkeypatch):
    # GIVEN a new office as `daftar init` and Account › Users make it: clerks and a supervisor,
    # no revenue officer, the verification the office requires by default still on; six
    # approved entries, enrolled
    from records.models import User

    give_passwords(office.ws)
    enrol(office.ws, server)
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    ws = str(office.ws.root)
    # WHEN the supervisor seals  THEN refused, saying that nobody can verify and what to do
    assert main(["batch", "seal", "--workspace", ws, "--as", "supervisor"]) == 1
    err = capsys.readouterr().err
    assert "6 approved entries wait for a revenue officer's verification, but this office has no revenue " \
           "officer's account: the administrator adds one (Account › Users…) or turns the verification off " \
           "(Account › Preferences…, The office)" in err
    # WHEN IT runs a sync pass  THEN it says why nothing was sent, not only "sent 0 entries"
    assert main(["sync", "--workspace", ws]) == 0
    out = capsys.readouterr().out
    assert "sent 0 entries in 0 batches" in out
    assert "6 approved entries wait for a revenue officer's verification before they can be sealed and sent, " \
           "but this office has no revenue officer's account" in out
    # WHEN IT asks for the status  THEN the same, beside the count
    assert main(["sync", "--status", "--workspace", ws]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "waiting for a revenue officer" in x)
    assert "6" in line and "no revenue officer's account: the administrator adds one" in line
    assert main(["sync", "--status", "--json", "--workspace", ws]) == 0
    assert '"no_verifier": true' in capsys.readouterr().out
    # GIVEN a revenue officer's account  WHEN the supervisor seals  THEN the entries wait for them
    with office.ws.session() as s:
        s.add(User(username="ro", full_name="", role="revenue_officer"))
    assert main(["batch", "seal", "--workspace", ws, "--as", "supervisor"]) == 1
    err = capsys.readouterr().err
    assert "6 approved entries wait for a revenue officer's verification: this office requires it" in err
    assert "no revenue officer's account" not in err
    # GIVEN no verification required  WHEN a pass runs before anyone sealed  THEN it says who seals them
    _no_verification(office.ws)
    assert main(["sync", "--workspace", ws]) == 0
    assert "6 approved entries are not in a batch yet, so this pass did not send them: a supervisor seals " \
           "them: `daftar batch seal --as NAME`" in capsys.readouterr().out
    assert _batches(office.ws) == 0  # nothing was sealed by any of it
