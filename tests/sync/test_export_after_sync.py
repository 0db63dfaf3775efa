"""The approved register after a sync: `daftar export --state approved` found no entry once
the office had synced (its entries are sent then), and said only "wrote 0 entries"."""

from __future__ import annotations

from daftar.cli import main
from records import office_settings
from records.audit import Actor
from records.outbox import seal_batchable
from tests.sync.conftest import engine_for, enrol


def test_a_csv_of_approved_entries_after_a_sync_says_where_they_went(office, server, tmp_path, capsys):
    # GIVEN six approved entries sealed and sent to the central server (now "sent")
    with office.ws.session() as s:
        office_settings.change(s, actor=Actor(None, "it", "admin"), values={"workflow.require_verification": False})
    enrol(office.ws, server)
    with office.ws.session() as s:
        seal_batchable(s, actor=office.sup)
    assert engine_for(office.ws).run_once().entries_acknowledged == 6
    ws = str(office.ws.root)
    # WHEN the office exports "the approved register" as a CSV
    assert main(["export", "--workspace", ws, "--state", "approved", str(tmp_path / "approved.csv")]) == 0
    # THEN it says that no entry is approved any more, where they are, and which states to add
    out = capsys.readouterr().out
    assert "wrote 0 entries to" in out
    assert "note: no entry there is approved; the entries there are: 6 sent. An approved entry stays approved " \
           "only until it is sealed and synced: for every approved entry add --state sent" in out
    # AND with those states the CSV holds them, without a note
    assert main(["export", "--workspace", ws, "--state", "approved", "--state", "sent",
                 str(tmp_path / "all.csv")]) == 0
    out = capsys.readouterr().out
    assert "wrote 6 entries to" in out and "note:" not in out
    # AND a state no entry has in an empty selection says nothing more (nothing is there)
    assert main(["export", "--workspace", ws, "--state", "draft", "--mauza", "nowhere",
                 str(tmp_path / "none.csv")]) == 0
    assert "note:" not in capsys.readouterr().out
