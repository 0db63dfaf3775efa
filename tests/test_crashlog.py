"""daftar.crashlog: the app's log for IT, and the marker that tells a run that ended badly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, log_dir: Path, **kw) -> subprocess.CompletedProcess:
    """Run `code` in a new Python, with its app log in `log_dir`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DAFTAR_LOG_DIR": str(log_dir), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT, **kw)


START = "from daftar.crashlog import start\nrun = start(version='9.9')\nprint([p.pid for p in run.previous], flush=True)\n"


def _previous(log_dir: Path) -> str:
    """What a new start finds of runs that ended badly (pids), ending cleanly itself."""
    return _run(START + "run.finish()\n", log_dir).stdout.strip()


@pytest.mark.parametrize("end", ["os.kill(os.getpid(), signal.SIGKILL)", "os.abort()"])
def test_a_run_that_is_killed_or_aborts_is_reported_by_the_next_start_once(tmp_path, end):
    # GIVEN a run of the app that dies without a clean shutdown (killed; a native crash)
    r = _run(START + f"import os, signal\nprint(os.getpid(), flush=True)\n{end}\n", tmp_path)
    assert r.returncode in (-signal.SIGKILL, -signal.SIGABRT)
    pid = int(r.stdout.split()[-1])
    # THEN its marker is left behind
    assert (tmp_path / f"running-{pid}.json").exists()
    # WHEN the app starts again THEN it finds that run, once
    assert _previous(tmp_path) == f"[{pid}]"
    assert _previous(tmp_path) == "[]"
    log = (tmp_path / "daftar.log").read_text()
    assert f"(pid {pid}, Daftar 9.9) ended without a clean shutdown" in log
    if "abort" in end:  # faulthandler wrote where Python was when it died
        assert "Fatal Python error: Aborted" in log and 'File "<string>", line ' in log


def test_a_clean_exit_leaves_no_marker_and_nothing_to_report(tmp_path):
    # GIVEN a run that ends cleanly
    r = _run(START + "run.finish()\n", tmp_path)
    assert r.returncode == 0
    # THEN no marker is left and the next start has nothing to report
    assert not list(tmp_path.glob("running-*"))
    assert _previous(tmp_path) == "[]"
    assert "Daftar ended cleanly" in (tmp_path / "daftar.log").read_text()


def test_another_run_still_going_is_not_taken_for_one_that_ended(tmp_path):
    # GIVEN the app running (a second window, another user's session on the same account)
    other = subprocess.Popen([sys.executable, "-c", START + "import sys\nsys.stdin.readline()\nrun.finish()\n"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT), "DAFTAR_LOG_DIR": str(tmp_path)})
    try:
        assert other.stdout.readline().strip() == "[]"
        # WHEN another starts THEN the running one is not reported
        assert _previous(tmp_path) == "[]"
    finally:
        other.communicate("\n", timeout=60)
    assert _previous(tmp_path) == "[]"


def test_uncaught_exceptions_on_any_thread_are_logged_with_their_traceback(tmp_path):
    # GIVEN the app's log WHEN a worker thread and then the main program fail
    r = _run(START + textwrap.dedent("""
        import threading
        def work():
            raise OSError("the disk went away")
        t = threading.Thread(target=work, name="reader")
        t.start(); t.join()
        raise ValueError("a bug")
    """), tmp_path)
    # THEN both are in the log with their tracebacks, and the run counts as not ended cleanly
    log = (tmp_path / "daftar.log").read_text()
    assert "uncaught exception in thread reader" in log and "OSError: the disk went away" in log
    assert 'in work\n' in log and "ValueError: a bug" in log
    assert "ending without a clean shutdown" in log
    assert r.returncode == 1 and "ValueError: a bug" in r.stderr  # the terminal still shows it
    assert len(list(tmp_path.glob("running-*"))) == 1


def test_a_log_folder_that_cannot_be_written_does_not_stop_the_app(tmp_path):
    from daftar.crashlog import start

    # GIVEN a log "folder" that is a file WHEN the app starts THEN it goes on without a log
    (tmp_path / "log").write_text("")
    assert start(tmp_path / "log") is None


def test_the_log_is_started_anew_when_it_has_grown_large(tmp_path):
    from daftar import crashlog

    # GIVEN a log past its size WHEN a run starts THEN the old one is kept aside and a new one begun
    (tmp_path / "daftar.log").write_text("x" * (crashlog.MAX_LOG_BYTES + 1))
    r = _run(START + "run.finish()\n", tmp_path)
    assert r.returncode == 0
    assert (tmp_path / "daftar.log.1").stat().st_size == crashlog.MAX_LOG_BYTES + 1
    assert (tmp_path / "daftar.log").stat().st_size < 1000


def test_daftar_check_names_the_log_and_a_run_that_ended_badly(workspace, capsys):
    from daftar.cli import main

    log_dir = Path(os.environ["DAFTAR_LOG_DIR"])  # (this test's own: tests/conftest.py)
    # GIVEN a run of the app that was killed
    _run(START + "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", log_dir)
    # WHEN IT staff run the check THEN it names the log's place and the run that ended badly
    assert main(["check", "--workspace", str(workspace.root)]) == 0
    out = capsys.readouterr().out
    assert f"The app's log on this computer (for IT when the app ends unexpectedly): {log_dir / 'daftar.log'}" in out
    assert "WARN app: 1 run(s) of the app ended unexpectedly (started 20" in out
    assert main(["check", "--workspace", str(workspace.root), "--json"]) == 0
    assert f'"app_log": "{log_dir / "daftar.log"}"' in capsys.readouterr().out
    # AND once the app has started again (and said so) the check no longer warns
    assert _previous(log_dir) != "[]"
    main(["check", "--workspace", str(workspace.root)])
    assert "WARN app" not in capsys.readouterr().out
