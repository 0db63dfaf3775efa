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


def test_an_unknown_template_name_lists_the_built_in_templates(tmp_path, capsys):
    # WHEN a page is read with a template name that is not one
    rc = main(["ocr", str(tmp_path / "page.png"), "--template", "nonesuch"])
    # THEN the message names it and lists the built-in ones (it said 'nonesuch: template file not found')
    assert rc == 2
    assert capsys.readouterr().err == ("daftar ocr: no built-in template 'nonesuch': the built-in templates are "
                                       "jamabandi, girdawari, intiqal; or give the path of a template JSON file\n")


@pytest.mark.parametrize("what, needs", [("lines", "line images with their gt.tsv"),
                                         ("pages", "NAME.png + NAME.json pairs")])
def test_eval_of_a_folder_that_is_not_there_says_so(tmp_path, capsys, what, needs):
    # WHEN OCR is measured on a folder that does not exist
    rc = main(["eval", what, str(tmp_path / "nonexistent")])
    # THEN it says the folder is not there (not that gt.tsv is missing) and what it should hold
    err = capsys.readouterr().err
    assert rc == 2 and f"{tmp_path / 'nonexistent'}: no such folder; give a folder of {needs}" in err
    assert "gt.tsv: not found" not in err


def test_the_app_without_a_display_says_so_instead_of_aborting(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    # GIVEN a session with no display (an SSH login without X forwarding)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    # WHEN the app is started
    r = subprocess.run([sys.executable, "-m", "daftar.cli", "app", "--workspace", str(tmp_path / "ws")],
                       capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)
    # THEN exit 1 with one line saying there is no display and what to do (Qt aborted with 134
    # and "Reinstalling the application may fix this problem"); nothing was created
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("daftar app: there is no display to open the window on "
                               "(neither $DISPLAY nor $WAYLAND_DISPLAY is set)")
    assert "ssh -X" in r.stderr and "Reinstalling" not in r.stderr
    assert not (tmp_path / "ws").exists()


def test_a_display_or_another_qt_platform_lets_the_app_start():
    from daftar.commands.app import no_display

    # GIVEN Linux WHEN a display is there, or Qt is told to draw off screen THEN nothing stops the app
    assert no_display({"DISPLAY": ":0"}, "linux") is None
    assert no_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert no_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert no_display({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"}, "linux") is None
    # AND xcb named without $DISPLAY is said as such; another system is left to Qt
    assert "QT_QPA_PLATFORM=xcb needs $DISPLAY, which is not set" in no_display({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert no_display({}, "win32") is None
