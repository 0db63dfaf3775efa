"""Long CPU work in a process of its own (desktop.procjob): Verify chain, the progress report
and sealing a batch run there, not on a thread of the app (where they held the Python lock
the window needs, and left their garbage for the UI thread to collect); progress and stop."""

from __future__ import annotations

import os
import threading

import pytest

from desktop import audit_viewer, oversight, reports_dialogs
from desktop.procjob import JobCancelled, JobFailed, run_in_process
from records import audit, outbox
from tests.desktop.conftest import wait_idle

pytestmark = pytest.mark.gui


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped) counts as ended
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_a_job_runs_in_another_process_and_says_what_went_wrong():
    # a job runs elsewhere and its answer comes back; a crash is said, not waited for
    assert run_in_process("tests.desktop.slow_job:whose", {}) != os.getpid()
    with pytest.raises(JobFailed, match="ended unexpectedly"):
        run_in_process("tests.desktop.slow_job:crashes", {})


def test_a_job_is_stopped_and_its_process_ends(tmp_path):
    # GIVEN a job reporting progress WHEN it is asked to stop THEN it stops at its next report
    cancel, seen = threading.Event(), []
    pid_file = tmp_path / "pid"

    def progress(what, done, total):
        seen.append(done)
        cancel.set()

    with pytest.raises(JobCancelled):
        run_in_process("tests.desktop.slow_job:until_stopped", {"pid_file": str(pid_file)},
                       progress=progress, cancel=cancel)
    assert seen and not _alive(int(pid_file.read_text()))
    # AND a job that never looks is ended once the grace time is over
    cancel = threading.Event()
    threading.Timer(1.0, cancel.set).start()
    with pytest.raises(JobCancelled):
        run_in_process("tests.desktop.slow_job:never_answers", {"pid_file": str(pid_file)}, cancel=cancel, grace=0.5)
    assert not _alive(int(pid_file.read_text()))


def test_a_job_past_its_point_of_no_return_is_not_stopped_and_one_before_it_is(tmp_path):
    mark = tmp_path / "go"
    # GIVEN a job past its point of no return (desktop.job_process.past_stopping)
    mark.write_text("go")
    cancel = threading.Event()
    threading.Timer(1.5, cancel.set).start()
    # WHEN it is asked to stop there (and its 0.5 s of grace pass) THEN it is not ended: its answer comes
    assert run_in_process("tests.desktop.slow_job:past_stopping_after", {"mark": str(mark)}, cancel=cancel,
                          grace=0.5) == "done"
    # GIVEN a job asked to stop before it reaches that point WHEN it reaches it THEN it stops there
    mark.unlink()
    (tmp_path / "go.past").unlink()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(JobCancelled):
        run_in_process("tests.desktop.slow_job:past_stopping_after", {"mark": str(mark)}, cancel=cancel)
    assert not (tmp_path / "go.past").exists()

@pytest.fixture
def no_verify_here(monkeypatch):
    """records.audit.verify made to note any call in this process (the app's)."""
    calls = []
    real = audit.verify
    monkeypatch.setattr(audit, "verify", lambda *a, **kw: (calls.append(threading.current_thread()), real(*a, **kw))[1])
    return calls


def test_verify_chain_runs_in_a_process_of_its_own_and_shows_how_far_it_got(qtbot, workspace, qapp, no_verify_here):
    from desktop.context import AppContext
    from records import accounts

    with workspace.session() as s:
        admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
    ctx = AppContext.create(workspace, admin)
    try:
        v = audit_viewer.AuditViewer(ctx)
        qtbot.addWidget(v)
        wait_idle(qtbot, ctx)
        shown = []
        real = getattr(v, "_verify_progress", None)  # (where the check's progress is delivered)
        if real is not None:
            v._verify_progress = lambda *a: (shown.append(a), real(*a))
        # WHEN the administrator verifies the chain
        v.verify_chain()
        qtbot.waitUntil(lambda: v.last_result is not None, timeout=30_000)
        # THEN the chain was checked, not in the app's process (a worker thread there held the
        # Python lock for 40-70 s on 870,000 events: PgDn took 80-270 ms meanwhile); how far it
        # got came back as it went; the answer is the one the core gives
        assert not no_verify_here
        assert ("chain", v.last_result.checked, v.last_result.checked) in shown
        assert v.last_result.ok and "intact" in v.verify_label.text()
        assert v.verify_btn.text() == "Verify chain" and v.verify_btn.isEnabled()
    finally:
        ctx.close()


def test_a_chain_check_is_stopped_with_its_button(qtbot, workspace, qapp, tmp_path, monkeypatch):
    from desktop.context import AppContext
    from records import accounts

    with workspace.session() as s:
        admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
    ctx = AppContext.create(workspace, admin)
    pid_file = tmp_path / "pid"
    monkeypatch.setattr(audit_viewer, "VERIFY_JOB", "tests.desktop.slow_job:until_stopped", raising=False)
    from desktop import job_process

    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {"pid_file": str(pid_file)}, raising=False)
    try:
        v = audit_viewer.AuditViewer(ctx)
        qtbot.addWidget(v)
        wait_idle(qtbot, ctx)
        # GIVEN a long check running, saying how far it got
        v.verify_chain()
        qtbot.waitUntil(lambda: "of 1,000,000 events" in v.verify_label.text() or
                        "1000000" in v.verify_label.text(), timeout=30_000)
        assert v.verify_btn.text() == "Stop checking"
        # WHEN the button is pressed again THEN the check stops, its process ends, and it says so
        v.verify_btn.click()
        qtbot.waitUntil(lambda: "stopped" in v.verify_label.text(), timeout=10_000)
        assert v.last_result is None and v.verify_btn.text() == "Verify chain"
        assert not _alive(int(pid_file.read_text()))
    finally:
        ctx.close()


def test_the_progress_report_is_made_in_a_process_of_its_own(qtbot, workspace, qapp, tmp_path, monkeypatch):
    from records.reports import progress

    calls = []
    monkeypatch.setattr(progress, "progress_pdf", lambda *a, **kw: calls.append(1))
    # WHEN the office's progress report is saved
    out = tmp_path / "progress.pdf"
    job = reports_dialogs.save_report_pdf(None, workspace, "progress", path=out, offer_open=False)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN the PDF is written, and not by the app's process (12-14 s on a thread of the app
    # holding the Python lock over 100,000 entries)
    assert not calls
    assert job.error is None and out.read_bytes().startswith(b"%PDF")


def test_the_progress_report_says_how_far_it_got(qtbot, workspace, qapp, tmp_path):
    # WHEN the office's progress report is saved
    out = tmp_path / "progress.pdf"
    job = reports_dialogs.save_report_pdf(None, workspace, "progress", path=out, offer_open=False)
    seen: list[str] = []
    job.progressed.connect(lambda what, done, total: seen.append(what))
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN its process told the app what it was doing: counting the pages, then writing the PDF
    assert job.error is None and out.read_bytes().startswith(b"%PDF")
    assert seen[0] == "pages" and seen[-1] == "pdf"


def test_a_progress_report_is_stopped_from_its_window(qtbot, workspace, qapp, tmp_path, monkeypatch):
    from desktop import job_process

    pid_file = tmp_path / "pid"
    monkeypatch.setattr(reports_dialogs, "PROGRESS_JOB", "tests.desktop.slow_job:counting_until_stopped")
    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {"pid_file": str(pid_file)})
    failed: list[str] = []
    # GIVEN a long progress report, its window saying how far it got
    job = reports_dialogs.save_report_pdf(None, workspace, "progress", path=tmp_path / "p.pdf", offer_open=False)
    job.failed.connect(failed.append)
    dlg = job.progress_dialog
    qtbot.waitUntil(lambda: "of 1000000" in dlg.labelText() or "of 1,000,000" in dlg.labelText(), timeout=30_000)
    assert dlg.maximum() == 1_000_000 and dlg.value() > 0
    # WHEN its Stop is pressed THEN the job ends as stopped (no error), its process is gone
    from desktop.qt import QPushButton

    stop = dlg.findChild(QPushButton)
    assert stop.text() == "Stop"
    stop.click()
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert job.was_stopped and job.result is None and not failed
    assert not _alive(int(pid_file.read_text()))
    assert not (tmp_path / "p.pdf").exists()


def test_a_report_stopped_while_writing_its_pdf_leaves_no_part_file(qtbot, workspace, qapp, tmp_path, monkeypatch):
    from desktop import job_process

    pid_file = tmp_path / "pid"
    monkeypatch.setattr(reports_dialogs, "PROGRESS_JOB", "tests.desktop.slow_job:writing_until_stopped")
    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {"pid_file": str(pid_file)})
    # GIVEN a progress report writing its PDF (it checks no progress meanwhile)
    job = reports_dialogs.save_report_pdf(None, workspace, "progress", path=tmp_path / "p.pdf", offer_open=False)
    qtbot.waitUntil(lambda: (tmp_path / "p.pdf.part").exists(), timeout=30_000)
    # WHEN its Stop is pressed, and after the grace its process is ended
    job.stop()
    qtbot.waitUntil(lambda: job.done, timeout=15_000)
    qtbot.waitUntil(lambda: not _alive(int(pid_file.read_text())), timeout=10_000)
    # THEN nothing of it is left in the clerk's folder: no PDF and no half-written .part
    assert job.was_stopped
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("p.pdf")]


def test_closing_the_window_stops_a_progress_report_still_running(qtbot, workspace, actors, tmp_path, monkeypatch):
    """Seen by a supervisor: quitting while a progress report ran closed the window, and the
    app went on unseen until the PDF was written (7.6 s on 37,000 entries)."""
    from desktop import job_process
    from tests.desktop.test_roles import _window

    pid_file = tmp_path / "pid"
    monkeypatch.setattr(reports_dialogs, "PROGRESS_JOB", "tests.desktop.slow_job:counting_until_stopped")
    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {"pid_file": str(pid_file)})
    # GIVEN ro1's window and a long progress report running in its process
    win = _window(qtbot, workspace, actors["ro1"])
    job = reports_dialogs.save_report_pdf(win, workspace, "progress", path=tmp_path / "p.pdf", offer_open=False)
    qtbot.waitUntil(pid_file.exists, timeout=30_000)
    # WHEN the window closes
    win.shutdown()
    # THEN the report is stopped and its process ends, with nothing written
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert job.was_stopped
    qtbot.waitUntil(lambda: not _alive(int(pid_file.read_text())), timeout=10_000)
    assert not (tmp_path / "p.pdf").exists()


def test_approved_entries_are_sealed_in_a_process_of_its_own(qtbot, workspace, qapp, actors, monkeypatch):
    from records import services
    from sync import engine
    from tests.desktop.test_roles import _approved_page, _window

    # GIVEN clerk1's page approved and verified, and girdawar1's sync panel
    _pid, ids = _approved_page(workspace, actors)
    with workspace.session() as s:
        services.transition(s, actor=actors["ro1"], entry_ids=ids, action="verify")
    engine.set_paused(workspace, True)
    calls = []
    real = outbox.seal_batchable
    monkeypatch.setattr(outbox, "seal_batchable", lambda *a, **kw: (calls.append(1), real(*a, **kw))[1])
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(lambda: panel.seal_btn.isEnabled(), timeout=10_000)
        # WHEN he puts them in a batch
        panel.seal_btn.click()
        qtbot.waitUntil(lambda: panel.last_batch is not None, timeout=30_000)
        # THEN they are sealed, and not in the app's process (20,000 entries: 8-12 s holding the
        # Python lock on the panel's thread, their garbage collected on the UI thread)
        assert engine.queue_status(workspace).waiting == len(ids)
        assert not calls
    finally:
        win.shutdown()


def test_a_job_opens_an_encrypted_workspace_with_its_key(tmp_path):
    from desktop.job_process import workspace_args
    from records.workspace import Workspace

    # GIVEN an encrypted workspace open in the app WHEN its chain is verified in a job
    ws, _code = Workspace.create_encrypted(tmp_path / "enc", admin_username="admin", admin_password="admin-pass-1",
                                           kdf={"time_cost": 1, "memory_cost": 1024, "parallelism": 1})
    try:
        r, found = run_in_process("desktop.job_process:verify_audit", workspace_args(ws))
    finally:
        ws.close()
    # THEN the job opened it with the workspace's key and found it sound
    assert r.ok and r.checked > 0 and found is not None and found.count == 0


def test_a_job_refuses_a_workspace_whose_schema_changed_underneath_the_app(workspace):
    # GIVEN the app's workspace, checked and upgraded on opening, whose database another
    # program then set to another schema revision (an older backup restored over it, a newer
    # Daftar upgrading it) while the app has it open
    from desktop.job_process import workspace_args
    from records.workspace import WorkspaceError

    args = workspace_args(workspace)
    assert args["schema"]  # (the revision the app checked)
    con = workspace.connect_raw()
    con.execute("UPDATE alembic_version SET version_num = '0000older0000'")
    con.commit()
    con.close()
    # WHEN a job is started on it THEN it does nothing on that schema and says why, clearly
    with pytest.raises(WorkspaceError, match="changed while Daftar had it open: its schema is now 0000older0000"):
        run_in_process("desktop.job_process:verify_audit", args)
    # (and a job on the schema the app opened still runs)
    con = workspace.connect_raw()
    con.execute("UPDATE alembic_version SET version_num = ?", (args["schema"],))
    con.commit()
    con.close()
    result, _findings = run_in_process("desktop.job_process:verify_audit", args)
    assert result.ok


def _spare_ready(timeout: float = 30.0) -> int:
    import time

    from desktop import procjob

    end = time.monotonic() + timeout
    while procjob.spare_pid() is None and time.monotonic() < end:
        time.sleep(0.02)
    assert procjob.spare_pid() is not None
    return procjob.spare_pid()


def test_a_job_starts_in_a_spare_process_made_ready_and_the_spare_never_outlives_the_app_s_wish():
    from desktop import procjob

    # GIVEN the app keeping a spare job process ready (signed in, idle)
    procjob.keep_warm(True)
    try:
        spare = _spare_ready()
        # WHEN a job is started THEN it runs in that spare, its imports already done (the bulk
        # of a job process's start: SQLAlchemy and the records' models)
        loaded = run_in_process("tests.desktop.slow_job:what_was_loaded", {})
        assert loaded == {"sqlalchemy.orm": True, "records.models": True, "pid": spare}
        assert not _alive(spare)  # (a spare serves one job)
        # ... and the next job's spare is ready after it
        again = _spare_ready()
        assert again != spare
        # ... one that died meanwhile is not given a job: a new process runs it
        os.kill(again, 9)
        import time

        time.sleep(0.2)
        assert run_in_process("tests.desktop.slow_job:whose", {}) not in (again, os.getpid())
    finally:
        # WHEN the app signs out, locks or quits THEN the spare is ended, none is made again
        spare = procjob.spare_pid()
        procjob.keep_warm(False)
    assert procjob.spare_pid() is None and (spare is None or not _alive(spare))
    assert run_in_process("tests.desktop.slow_job:whose", {}) != os.getpid()
    assert procjob.spare_pid() is None


def test_the_signed_in_window_keeps_a_spare_and_ends_it_when_locked_and_at_quit(qtbot, qapp, ctx, monkeypatch):
    from desktop import main, procjob

    monkeypatch.setattr(main, "WARM_JOBS_AFTER_MS", 0)
    ctx.close()  # the host builds its own context, as the app does
    host = main.MainWindowHost(ctx.ws, ctx.actor)
    try:
        host.window.show()
        # GIVEN the signed-in window, idle: a spare job process is made ready
        qtbot.waitUntil(lambda: procjob.spare_pid() is not None, timeout=10_000)
        spare = procjob.spare_pid()
        # WHEN the window is locked THEN the spare is ended
        host.lock(idle=False)
        assert procjob.spare_pid() is None and not _alive(spare)
        # ... and made ready again once the window is unlocked
        host.lock_dialog.done(1)
        qtbot.waitUntil(lambda: procjob.spare_pid() not in (None, spare), timeout=10_000)
        spare = procjob.spare_pid()
    finally:
        if host.lock_dialog is not None:
            host.lock_dialog.done(1)
        # AND at quit none is left
        host.shutdown()
        host.window.close()
    assert procjob.spare_pid() is None and not _alive(spare)


def test_a_spare_has_the_reports_imported_and_fonts_registered_before_a_fard_comes_and_holds_no_workspace():
    import time

    from desktop import procjob

    # GIVEN the app keeping a spare job process ready, its imports done
    procjob.keep_warm(True)
    try:
        spare = _spare_ready()
        end = time.monotonic() + 60
        while not procjob.spare_ready() and time.monotonic() < end:
            time.sleep(0.02)
        assert procjob.spare_ready() and procjob.spare_pid() == spare
        # WHEN a job comes THEN a fard's and a handover sheet's imports were done before it
        # (reportlab, the reports, the signature's, the bundled fonts registered: 0.3-0.5 s
        # of a warm fard's start), and the spare held no workspace meanwhile
        loaded = run_in_process("tests.desktop.slow_job:what_reports_were_loaded", {})
        assert loaded == {"modules": ["records.exports.detached", "records.reports.fard", "records.reports.handover",
                                      "reportlab.platypus"],
                          "fonts": ["DaftarLatin", "DaftarNaskh", "DaftarNaskhBold", "DaftarNastaliq"],
                          "workspaces": [], "pid": spare}
    finally:
        procjob.keep_warm(False)


def test_a_job_that_comes_while_the_spare_imports_the_reports_is_not_held_back(monkeypatch):
    from desktop import job_process, procjob

    # GIVEN a spare whose report imports are slow (40 steps of 0.2 s: 8 s)
    monkeypatch.setattr(job_process, "PRELOAD_REPORTS", ("tests.desktop.slow_job:nap",) * 40)
    procjob.keep_warm(True)
    try:
        spare = _spare_ready()
        # WHEN a job comes meanwhile THEN the spare runs it after the step it is in, not
        # after all of them
        assert run_in_process("tests.desktop.slow_job:naps_taken", {}) < 40
        assert not _alive(spare)
    finally:
        procjob.keep_warm(False)


def test_no_spare_starts_beside_a_job_under_way_the_last_job_to_end_starts_it(tmp_path):
    # (a spare importing beside a job still starting took the cores that job needed: a second
    # job at once took 0.6-1.8 s, median 1.1, instead of 0.5-0.9 s; docs/benchmarks.md)
    import time

    from desktop import procjob

    # GIVEN the app keeping a spare job process ready, and a long job (Verify chain) in it
    procjob.keep_warm(True)
    stop, pid_file, failed = threading.Event(), tmp_path / "long.pid", []
    try:
        spare = _spare_ready()

        def long_job() -> None:
            try:
                run_in_process("tests.desktop.slow_job:until_stopped", {"pid_file": str(pid_file)}, cancel=stop)
            except JobCancelled:
                pass
            except BaseException as e:  # noqa: BLE001 - reported by the test below
                failed.append(e)

        first = threading.Thread(target=long_job)
        first.start()
        end = time.monotonic() + 30
        while not pid_file.exists() and time.monotonic() < end:
            time.sleep(0.02)
        assert int(pid_file.read_text()) == spare and procjob.spare_pid() is None
        # WHEN a second job runs (in a process of its own) and ends while the first is under way
        assert run_in_process("tests.desktop.slow_job:whose", {}) not in (spare, os.getpid())
        # THEN no spare was started beside the job still running
        assert procjob.spare_pid() is None
        # ... and when that one ends, the next spare is made ready
        stop.set()
        first.join(30)
        assert not first.is_alive() and not failed
        assert procjob.spare_pid() is not None and procjob.spare_pid() != spare
    finally:
        stop.set()
        left = procjob.spare_pid()
        procjob.keep_warm(False)
    assert procjob.spare_pid() is None and (left is None or not _alive(left)) and not _alive(spare)


def test_a_job_ended_while_it_exits_after_its_answer_leaves_no_traceback(capfd):
    import time

    from desktop import procjob

    # GIVEN a job in a process of its own (no spare kept) that answers, then is slow to end
    procjob.keep_warm(False)
    capfd.readouterr()
    # WHEN the app, its answer read, ends it (SIGTERM after 0.5 s: "it did not finish closing")
    pid = run_in_process("tests.desktop.slow_job:slow_to_exit", {})
    # THEN the answer came, the process is gone at once, and it printed no traceback into the
    # app's output (its SIGTERM handler raised JobCancelled into the exit handlers: "Exception
    # ignored in atexit callback ... JobCancelled", read as a problem of the app by the monkey)
    end = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < end:
        time.sleep(0.05)
    assert not _alive(pid)
    err = capfd.readouterr().err
    assert "JobCancelled" not in err and "Traceback" not in err, err
