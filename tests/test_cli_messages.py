"""Messages of the command line point to commands that exist and say what to do."""

from __future__ import annotations

import pytest

from daftar.cli import main


@pytest.mark.parametrize("args", [["audit", "verify"], ["check"], ["sync", "--status"], ["batch", "list"],
                                  ["export", "out.csv"]])
def test_a_missing_workspace_points_an_office_to_init_and_a_trial_to_demo(tmp_path, monkeypatch, capsys, args):
    # GIVEN no workspace at the default place
    monkeypatch.setenv("DAFTAR_HOME", str(tmp_path / "nowhere"))
    monkeypatch.chdir(tmp_path)
    # WHEN a command needs one
    assert main(args) == 1
    # THEN it names the folder, says an office makes its own with `daftar init`, and `daftar demo` to try it
    err = capsys.readouterr().err
    assert f"No Daftar workspace at {tmp_path / 'nowhere'}." in err
    assert "An office creates its own with `daftar init --admin NAME`" in err
    assert "to try Daftar, `daftar demo` makes one" in err
    assert not (tmp_path / "nowhere").exists()


def test_a_pdf_without_a_report_lists_the_reports(workspace, tmp_path, capsys):
    root = str(workspace.root)
    # WHEN a PDF is asked for without saying which report
    rc = main(["export", "--workspace", root, str(tmp_path / "x.pdf")])
    # THEN it says a PDF is a report, names each with what it needs, and writes nothing
    err = capsys.readouterr().err
    assert rc == 1 and "x.pdf: a PDF is one of the reports: say which with --report fard" in err
    assert "handover (with --batch ID or --entries IDS) or progress" in err
    assert not (tmp_path / "x.pdf").exists()


def test_an_unknown_state_is_refused_with_the_list_of_states(workspace, tmp_path, capsys):
    from tests.reports import sampledata

    # GIVEN a workspace with entries
    sampledata.build(workspace, approve=True)
    root = str(workspace.root)
    # WHEN a CSV of the entries in a state that does not exist is asked for
    rc = main(["export", "--workspace", root, "--state", "approved", "--state", "bogus", str(tmp_path / "x.csv")])
    # THEN refused (it wrote an empty file and said all was well), naming the states
    err = capsys.readouterr().err
    assert rc == 1 and "--state bogus: no such state; the states are draft, submitted, returned, approved" in err
    assert not (tmp_path / "x.csv").exists()
    # AND a real state still works
    assert main(["export", "--workspace", root, "--state", "approved", str(tmp_path / "x.csv")]) == 0
