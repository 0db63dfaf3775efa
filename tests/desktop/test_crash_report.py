"""desktop.crash_report: what the app leaves for IT when something fails, and what it tells
the user (a short message, never a traceback). Each case runs the app in a process of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "crash-report-1"


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "DAFTAR_LOG_DIR": str(tmp_path / "log"),
            "QT_QPA_PLATFORM": "offscreen", "DAFTAR_PASSWORD": PASSWORD,
            "DAFTAR_UI_SETTINGS": str(tmp_path / "ui.ini")}


def test_an_error_in_a_slot_is_logged_and_the_user_is_told_in_a_few_words(tmp_path):
    # GIVEN the app's error reporting, and a slot that fails twice the same way (and Qt
    #       saying something critical)
    code = textwrap.dedent("""
        from daftar.crashlog import start
        run = start(version="9.9")
        from desktop.qt import QApplication, QMessageBox, QTimer, qCritical
        app = QApplication([])
        from desktop import crash_report
        crash_report.install(run, app)

        def save_page():
            raise KeyError("page 7")

        def look():
            boxes = [w for w in app.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
            print("BOXES", len(boxes))
            print("TEXT", boxes[0].text() if boxes else "")
            app.quit()

        QTimer.singleShot(10, save_page)
        QTimer.singleShot(20, save_page)
        QTimer.singleShot(30, lambda: qCritical("QPainter::begin: Paint device returned engine == 0"))
        QTimer.singleShot(500, look)
        app.exec()
        run.finish()
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(tmp_path),
                       timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    # THEN the log has the error with its traceback, twice, and Qt's message
    log_file = tmp_path / "log" / "daftar.log"
    log = log_file.read_text()
    assert log.count("uncaught exception") == 2 and "in save_page" in log and "KeyError: 'page 7'" in log
    assert "ERROR daftar.qt [MainThread] Qt: QPainter::begin: Paint device returned engine == 0" in log
    # AND the user saw one short message naming the error and the log, with no traceback
    out = dict(line.split(" ", 1) for line in r.stdout.splitlines() if line.startswith(("BOXES", "TEXT")))
    out["TEXT"] = "".join(c for c in out["TEXT"] if c not in "\u2066\u2068\u2069")  # (bidi isolates)
    assert out["BOXES"] == "1"
    assert out["TEXT"].startswith("Daftar hit an error it did not expect (KeyError: 'page 7'). What you have saved is safe")
    assert str(log_file) in out["TEXT"] and "Traceback" not in out["TEXT"] and "save_page" not in out["TEXT"]


def _workspace(tmp_path: Path) -> Path:
    """A workspace with an administrator (the app signs in as admin with $DAFTAR_PASSWORD)."""
    from records.accounts import create_user
    from records.workspace import Workspace

    root = tmp_path / "ws"
    ws = Workspace.open(root, create=True)
    with ws.session() as s:
        create_user(s, actor=None, username="admin", password=PASSWORD, role="admin", check_rules=False)
    ws.close()
    return root


def _start_app(tmp_path: Path, root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "daftar.cli", "app", "--workspace", str(root), "--user", "admin"],
                            env=_env(tmp_path), cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def _wait_for(proc: subprocess.Popen, log_file: Path, line: str, after: int = 0, timeout: float = 60) -> None:
    """Until the log says `line` (past its first `after` characters)."""
    t = time.monotonic()
    while time.monotonic() - t < timeout:
        if log_file.exists() and line in log_file.read_text()[after:]:
            return
        if proc.poll() is not None:
            raise AssertionError(f"the app ended ({proc.returncode}): {proc.stderr.read()[-2000:]}")
        time.sleep(0.1)
    raise AssertionError(f"no '{line}' in the log after {timeout} s")


def test_the_start_after_a_run_that_was_killed_says_so_and_a_clean_exit_does_not(tmp_path):
    root = _workspace(tmp_path)
    log_file = tmp_path / "log" / "daftar.log"
    # GIVEN the app open on its main window
    app = _start_app(tmp_path, root)
    _wait_for(app, log_file, "main window open (admin)")
    # WHEN it is killed (as by a native crash, or the task manager)
    app.kill()
    app.wait(30)
    # THEN the next start first tells the user it ended unexpectedly and that the log is for IT
    mark = len(log_file.read_text())
    again = _start_app(tmp_path, root)
    _wait_for(again, log_file, "telling the user that the last run ended unexpectedly", mark)
    assert "ended without a clean shutdown" in log_file.read_text()[mark:]
    # WHEN that run is ended politely (SIGTERM: a log-out) THEN it ends cleanly
    again.send_signal(signal.SIGTERM)
    assert again.wait(30) == 0
    assert "Daftar ended cleanly" in log_file.read_text()[mark:]
    # AND the start after it has nothing to tell: it goes straight to the main window
    mark = len(log_file.read_text())
    third = _start_app(tmp_path, root)
    _wait_for(third, log_file, "main window open (admin)", mark)
    third.send_signal(signal.SIGTERM)
    assert third.wait(30) == 0
    log = log_file.read_text()[mark:]
    assert "telling the user" not in log and "without a clean shutdown" not in log
    assert not list((tmp_path / "log").glob("running-*"))


def test_the_message_says_nothing_saved_was_lost_and_where_the_log_is(qapp, tmp_path):
    from desktop import crash_report

    # GIVEN a start that follows a run which ended unexpectedly THEN the message says so
    #       plainly and names the log's place for IT
    text = crash_report.previous_run_message(tmp_path / "daftar.log").replace("\u2066", "").replace("\u2069", "")
    assert text.startswith("Daftar ended unexpectedly the last time it was used on this computer.")
    assert "Nothing that was saved was lost" in text and f"give IT the log file {tmp_path / 'daftar.log'}" in text
