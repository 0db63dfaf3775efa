"""The JSON export, the fard, the handover sheet and the backup are made in a job process
(desktop.procjob), not on a thread of the app: on a busy office's workspace their garbage
(35,000-50,000 young objects) was collected on the UI thread and they held the Python lock
the window needs. Progress, Stop, and a stopped job leaves nothing behind."""

from __future__ import annotations

import threading

import pytest

from desktop import oversight, reports_dialogs
from desktop.procjob import JobCancelled, run_in_process
from tests.desktop.test_procjob import _alive
from tests.reports import sampledata

pytestmark = pytest.mark.gui


@pytest.fixture
def sample(workspace):
    return sampledata.build(workspace)


def _leftovers(folder, stem: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(stem))


def _progress_stop_button(dlg):
    from desktop.qt import QPushButton

    return dlg.findChild(QPushButton)


# ----------------------------------------------------------------------------- JSON export
def test_a_json_export_is_written_in_a_process_of_its_own(qtbot, workspace, sample, tmp_path, monkeypatch):
    from records.exports import json_export

    calls = []
    monkeypatch.setattr(json_export, "export_json", lambda *a, **kw: calls.append(1))
    dlg = reports_dialogs.ExportDialog(None, workspace, sample.register_id, register_name="جمع بندی — کوٹ")
    qtbot.addWidget(dlg)
    # WHEN a JSON export is started from the export dialog
    dlg.format.setCurrentIndex(1)
    dlg.path.setText(str(tmp_path / "e.json"))
    job = dlg.start_export()
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN the signed file is written, and not by the app's process
    assert not calls
    assert job.error is None and "4 entries, 1 pages, 1 images" in job.result.summary
    from records.exports.detached import verify_export

    assert verify_export(tmp_path / "e.json").ok
    dlg.done_note.close()


def test_the_csv_export_says_how_many_entries_it_read_of_how_many(qtbot, workspace, sample, tmp_path):
    dlg = reports_dialogs.ExportDialog(None, workspace, sample.register_id, register_name="جمع بندی — کوٹ")
    qtbot.addWidget(dlg)
    # WHEN a CSV export is started from the export dialog
    assert dlg.format.currentData() == "csv"
    dlg.path.setText(str(tmp_path / "e.csv"))
    job = dlg.start_export()
    seen: list[tuple[str, int, int, str]] = []
    # (read after the progress window's own slot has set its line)
    job.progressed.connect(lambda what, done, total: seen.append((what, done, total,
                                                                 job.progress_dialog.labelText())))
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN its job process told how many entries it had read of how many, then that it wrote the file,
    # and its window said so (as the JSON export's says the registers read)
    assert job.error is None and "4 entries exported" in job.result.summary
    assert ("rows", 4, 4, "Reading the entries: 4 of 4…") in seen
    assert seen[-1] == ("file", 0, 0, "Writing the file…")
    dlg.done_note.close()

class _Stop(Exception):
    pass


def _stop_at(stage: str, seen: list):
    def progress(what, done, total):
        seen.append(what)
        if what == stage:
            raise _Stop()

    return progress


@pytest.mark.parametrize("stage", ["registers", "images", "file"])
def test_a_json_export_stopped_at_any_stage_leaves_nothing(workspace, sample, tmp_path, stage):
    from records.exports.json_export import export_json

    # GIVEN a JSON export with its page images beside it WHEN it is stopped at `stage`
    seen: list[str] = []
    with pytest.raises(_Stop):
        export_json(workspace, tmp_path / "e.json", images="files", progress=_stop_at(stage, seen))
    # THEN nothing of it is left: no file, no .part, no images folder
    assert seen[-1] == stage and _leftovers(tmp_path, "e.") == []


def test_a_json_export_stopped_in_its_process_writes_nothing(workspace, sample, tmp_path):
    from desktop.job_process import workspace_args

    # WHEN a JSON export in a job process is stopped (here before its first step)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(JobCancelled):
        run_in_process("desktop.job_process:json_export",
                       {**workspace_args(workspace), "out": str(tmp_path / "e.json"),
                        "register_ids": None, "images": "files"}, cancel=cancel)
    # THEN nothing of it is left
    assert _leftovers(tmp_path, "e.") == []


def test_the_export_dialog_stops_its_export_from_the_progress_window(qtbot, workspace, sample, tmp_path,
                                                                    monkeypatch):
    from desktop import job_process

    pid_file = tmp_path / "pid"
    monkeypatch.setattr(reports_dialogs, "JSON_JOB", "tests.desktop.slow_job:writing_until_stopped")
    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {"pid_file": str(pid_file)})
    dlg = reports_dialogs.ExportDialog(None, workspace, sample.register_id, register_name="جمع بندی — کوٹ")
    qtbot.addWidget(dlg)
    dlg.format.setCurrentIndex(1)
    dlg.path.setText(str(tmp_path / "e.json"))
    # GIVEN a long JSON export writing its file
    job = dlg.start_export()
    qtbot.waitUntil(lambda: (tmp_path / "e.json.part").exists(), timeout=30_000)
    # WHEN, a second on, its progress window shows and its Stop is pressed
    qtbot.waitUntil(lambda: job.progress_dialog.isVisible(), timeout=5_000)
    stop = _progress_stop_button(job.progress_dialog)
    assert stop.text() == "Stop"
    stop.click()
    qtbot.waitUntil(lambda: job.done, timeout=15_000)
    # THEN it ended as stopped, its process is gone, nothing is left, and the dialog says so
    assert job.was_stopped and job.error is None
    qtbot.waitUntil(lambda: not _alive(int(pid_file.read_text())), timeout=10_000)
    assert _leftovers(tmp_path, "e.") == []
    assert dlg.status.text() == "Stopped: nothing was written." and dlg.buttons.isEnabled()


def test_cancelling_the_export_dialog_stops_its_export(qtbot, workspace, sample, tmp_path, monkeypatch):
    from desktop import job_process

    pid_file = tmp_path / "pid"
    monkeypatch.setattr(reports_dialogs, "JSON_JOB", "tests.desktop.slow_job:until_stopped")
    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {"pid_file": str(pid_file)})
    dlg = reports_dialogs.ExportDialog(None, workspace, sample.register_id, register_name="جمع بندی — کوٹ")
    qtbot.addWidget(dlg)
    dlg.format.setCurrentIndex(1)
    dlg.path.setText(str(tmp_path / "e.json"))
    job = dlg.start_export()
    qtbot.waitUntil(pid_file.exists, timeout=30_000)
    # WHEN the dialog is closed with Cancel THEN the export stops, its process ends
    dlg.reject()
    qtbot.waitUntil(lambda: job.cancel.is_set() and not _alive(int(pid_file.read_text())), timeout=10_000)


# ----------------------------------------------------------------------------- fard
def test_the_fard_of_a_big_register_is_made_in_a_process_a_small_ones_on_the_thread(qtbot, workspace, sample,
                                                                                   tmp_path, monkeypatch):
    from records.exports.detached import verify_export
    from records.reports import fard

    calls = []
    real = fard.fard_pdf
    monkeypatch.setattr(fard, "fard_pdf", lambda *a, **kw: (calls.append(1), real(*a, **kw))[1])
    # GIVEN a register bigger than a fard made on the thread
    monkeypatch.setattr(reports_dialogs, "FARD_ON_THREAD_MAX", 3)
    # WHEN its fard is saved
    job = reports_dialogs.save_fard_pdf(None, workspace, sample.register_id, khewat="47",
                                        path=tmp_path / "f.pdf", offer_open=False)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN it is written with its signature, not by the app's process
    assert job.error is None and not calls and verify_export(tmp_path / "f.pdf").ok
    # AND a register of a few entries has its fard made on the thread (a process costs ~1 s)
    monkeypatch.setattr(reports_dialogs, "FARD_ON_THREAD_MAX", 4)
    job = reports_dialogs.save_fard_pdf(None, workspace, sample.register_id, khewat="47",
                                        path=tmp_path / "g.pdf", offer_open=False)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    assert job.error is None and calls == [1] and verify_export(tmp_path / "g.pdf").ok


def test_a_fard_refused_in_its_process_says_why_in_one_line(qtbot, workspace, sample, tmp_path, monkeypatch):
    monkeypatch.setattr(reports_dialogs, "FARD_ON_THREAD_MAX", 0)
    job = reports_dialogs.save_fard_pdf(None, workspace, sample.register_id, khewat="999",
                                        path=tmp_path / "x.pdf", offer_open=False)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    assert job.error and "no rows for khewat 999" in job.error and "\n" not in job.error
    assert _leftovers(tmp_path, "x.") == []


def test_a_fard_on_the_thread_asked_to_stop_leaves_nothing(qtbot, workspace, sample, tmp_path, monkeypatch):
    from records.reports import fard

    # GIVEN a small register's fard being made on the thread
    real, started = fard.fard_pdf, threading.Event()
    go = threading.Event()

    def slow(*a, **kw):
        started.set()
        go.wait(10)
        return real(*a, **kw)

    monkeypatch.setattr(fard, "fard_pdf", slow)
    job = reports_dialogs.save_fard_pdf(None, workspace, sample.register_id, khewat="47",
                                        path=tmp_path / "f.pdf", offer_open=False)
    assert started.wait(10)
    # WHEN the window closes meanwhile (reports_dialogs.stop_running)
    assert reports_dialogs.stop_running() == 1
    go.set()
    qtbot.waitUntil(lambda: job.done, timeout=20_000)
    # THEN it ends as stopped, with no fard and no signature left
    assert job.was_stopped and _leftovers(tmp_path, "f.") == []


# ----------------------------------------------------------------------------- handover sheet
def test_a_big_handover_sheet_is_made_in_a_process_a_small_one_on_the_thread(qtbot, workspace, sample, tmp_path,
                                                                            monkeypatch):
    from records.exports.detached import verify_export
    from records.reports import handover

    calls = []
    real = handover.handover_pdf
    monkeypatch.setattr(handover, "handover_pdf", lambda *a, **kw: (calls.append(1), real(*a, **kw))[1])
    ids = list(sample.entry_ids.values())
    # GIVEN a sheet of more entries than one made on the thread
    monkeypatch.setattr(reports_dialogs, "HANDOVER_ON_THREAD_MAX", 3)
    # WHEN it is saved
    job = reports_dialogs.save_report_pdf(None, workspace, "handover", entry_ids=ids, path=tmp_path / "h.pdf",
                                          offer_open=False)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN the PDF and its signature are written, not by the app's process
    assert job.error is None and not calls and verify_export(tmp_path / "h.pdf").ok
    # AND a sheet of a few entries is made on the thread (a process costs ~0.7 s more)
    monkeypatch.setattr(reports_dialogs, "HANDOVER_ON_THREAD_MAX", 4)
    job = reports_dialogs.save_report_pdf(None, workspace, "handover", entry_ids=ids, path=tmp_path / "g.pdf",
                                          offer_open=False)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    assert job.error is None and calls == [1] and verify_export(tmp_path / "g.pdf").ok


def test_a_handover_sheet_refused_in_its_process_says_why(qtbot, workspace, tmp_path, monkeypatch):
    monkeypatch.setattr(reports_dialogs, "HANDOVER_ON_THREAD_MAX", -1)
    job = reports_dialogs.save_report_pdf(None, workspace, "handover", batch_id=99, path=tmp_path / "h.pdf",
                                          offer_open=False)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    assert job.error == "batch 99 does not exist; `daftar batch list` shows the batches"
    assert _leftovers(tmp_path, "h.") == []


# ----------------------------------------------------------------------------- backup
def test_a_backup_from_the_menu_is_written_in_a_process_of_its_own(qtbot, workspace, actors, tmp_path, monkeypatch):
    from sqlalchemy import select

    from records import backup
    from records.models import AuditEvent
    from tests.desktop.test_roles import _window

    calls = []
    monkeypatch.setattr(backup, "create_backup", lambda *a, **kw: calls.append(1))
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        usb = tmp_path / "usb"
        usb.mkdir()
        # WHEN a supervisor backs the workspace up
        job = oversight.back_up(win, str(usb))
        qtbot.waitUntil(lambda: job.done, timeout=60_000)
        # THEN the backup is written, whole, and recorded as his, and not by the app's process
        (tar,) = usb.iterdir()
        assert job.error is None and not calls and backup.read_manifest(tar)["format"] == "daftar-backup"
        with workspace.session() as s:
            ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).one()
            assert ev.username == "girdawar1" and ev.new == str(tar)
        from desktop.qt import QApplication, QMessageBox

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.close()
    finally:
        win.shutdown()


@pytest.mark.parametrize("stage", ["database", "images"])
def test_a_backup_stopped_at_any_stage_leaves_nothing(workspace, sample, actors, tmp_path, stage):
    from sqlalchemy import select

    from records.backup import back_up
    from records.models import AuditEvent

    usb = tmp_path / "usb"
    usb.mkdir()
    seen: list[str] = []
    # WHEN a backup is stopped at `stage`
    with pytest.raises(_Stop):
        back_up(workspace, actors["girdawar1"], usb, progress=_stop_at(stage, seen))
    # THEN no backup, no .part, no temporary folder is left, and nothing is recorded
    assert seen[-1] == stage and list(usb.iterdir()) == []
    with workspace.session() as s:
        assert not s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).all()


def test_a_backup_stopped_just_before_its_event_commits_leaves_nothing(workspace, sample, actors, tmp_path):
    from sqlalchemy import select

    from records.backup import back_up
    from records.models import AuditEvent

    usb = tmp_path / "usb"
    usb.mkdir()

    def stopped():
        raise _Stop()

    # WHEN a backup is stopped at its point of no return (its event written, not committed)
    with pytest.raises(_Stop):
        back_up(workspace, actors["girdawar1"], usb, before_commit=stopped)
    # THEN neither the backup nor its event is left
    assert list(usb.iterdir()) == []
    with workspace.session() as s:
        assert not s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).all()

def test_a_backup_stopped_in_its_process_writes_nothing(workspace, sample, actors, tmp_path):
    from desktop.job_process import workspace_args

    usb = tmp_path / "usb"
    usb.mkdir()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(JobCancelled):
        run_in_process("desktop.job_process:backup", {**workspace_args(workspace), "actor": actors["girdawar1"],
                                                     "folder": str(usb)}, cancel=cancel)
    assert list(usb.iterdir()) == []


def test_closing_the_window_stops_a_backup_still_being_written(qtbot, workspace, actors, tmp_path, monkeypatch):
    from desktop import job_process
    from tests.desktop.test_roles import _window

    pid_file = tmp_path / "pid"
    monkeypatch.setattr(oversight, "BACKUP_JOB", "tests.desktop.slow_job:backup_writing_until_stopped")
    real_args = job_process.workspace_args
    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {**real_args(ws), "pid_file": str(pid_file)})
    usb = tmp_path / "usb"
    usb.mkdir()
    # GIVEN ro1's backup being written onto a stick
    win = _window(qtbot, workspace, actors["ro1"])
    job = oversight.back_up(win, str(usb))
    qtbot.waitUntil(lambda: any(usb.iterdir()), timeout=30_000)
    # WHEN the window closes (quit, sign-out)
    win.shutdown()
    # THEN the backup is stopped, its process ends and nothing is left on the stick
    qtbot.waitUntil(lambda: job.done, timeout=15_000)
    assert job.was_stopped
    qtbot.waitUntil(lambda: not _alive(int(pid_file.read_text())), timeout=10_000)
    assert list(usb.iterdir()) == []


def test_a_backup_stopped_once_it_is_recorded_is_said_written(qtbot, workspace, actors, tmp_path, monkeypatch):
    """Stop pressed in the instant after the backup's audit event was committed: the backup
    stayed on the stick and in the trail, yet the window said it was stopped and nothing was
    written (the app gave up after its grace and ended the job, which was past taking it back)."""
    from sqlalchemy import select

    from desktop import job_process
    from records.backup import read_manifest
    from records.models import AuditEvent
    from tests.desktop.test_roles import _window

    mark = tmp_path / "recorded"
    monkeypatch.setattr(oversight, "BACKUP_JOB", "tests.desktop.slow_job:backup_paused_once_recorded")
    real_args = job_process.workspace_args
    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {**real_args(ws), "mark": str(mark)})
    usb = tmp_path / "usb"
    usb.mkdir()
    win = _window(qtbot, workspace, actors["ro1"])
    win.show()
    try:
        # GIVEN ro1's backup written and its audit event just committed (the job paused there)
        job = oversight.back_up(win, str(usb))
        qtbot.waitUntil(mark.exists, timeout=30_000)
        # WHEN it is asked to stop at that point (Stop pressed before the window heard the job was
        # past it, or the window closing)
        job.stop()
        qtbot.waitUntil(lambda: job.done, timeout=30_000)
        # THEN the window says the backup was written, as it is on the stick and in the trail
        (tar,) = usb.iterdir()
        assert read_manifest(tar)["format"] == "daftar-backup"
        with workspace.session() as s:
            (ev,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).all()
            assert ev.username == "ro1" and ev.new == str(tar)
        assert not job.was_stopped and job.error is None
        assert job.result.summary.startswith("Backup written:") and str(tar) in job.result.summary
        assert "stopped" not in win.statusBar().currentMessage()
        from desktop.qt import QApplication, QMessageBox

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.close()
    finally:
        win.shutdown()


def test_a_backups_window_drops_its_stop_once_the_backup_is_being_recorded(qtbot, workspace, actors, tmp_path,
                                                                           monkeypatch):
    from desktop import job_process
    from tests.desktop.test_roles import _window

    mark = tmp_path / "recorded"
    monkeypatch.setattr(oversight, "BACKUP_JOB", "tests.desktop.slow_job:backup_paused_once_recorded")
    real_args = job_process.workspace_args
    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {**real_args(ws), "mark": str(mark), "pause": 3.0})
    usb = tmp_path / "usb"
    usb.mkdir()
    win = _window(qtbot, workspace, actors["ro1"])
    win.show()
    try:
        # GIVEN ro1's backup whose audit event is committed (the job paused there)
        job = oversight.back_up(win, str(usb))
        qtbot.waitUntil(mark.exists, timeout=30_000)
        dlg = job.progress_dialog
        # THEN its window says it is finishing, with no Stop to press
        qtbot.waitUntil(dlg.isVisible, timeout=3_000)
        qtbot.waitUntil(lambda: _progress_stop_button(dlg) is None, timeout=3_000)
        assert dlg.labelText() == "Finishing: it can no longer be stopped…"
        qtbot.waitUntil(lambda: job.done, timeout=30_000)
        assert job.result is not None and len(list(usb.iterdir())) == 1
        from desktop.qt import QApplication, QMessageBox

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.close()
    finally:
        win.shutdown()


# ----------------------------------------------------------------------------- encrypted
def test_the_jobs_open_an_encrypted_workspace_with_its_key(tmp_path):
    from desktop.job_process import workspace_args
    from records import backup
    from records.audit import SYSTEM
    from records.exports.detached import verify_export
    from records.exports.json_export import read_json
    from records.workspace import Workspace

    # GIVEN an encrypted workspace open in the app, with a register
    ws, _code = Workspace.create_encrypted(tmp_path / "enc", admin_username="admin", admin_password="admin-pass-1",
                                           kdf={"time_cost": 1, "memory_cost": 1024, "parallelism": 1})
    try:
        sample = sampledata.build(ws)
        args = workspace_args(ws)
        # WHEN its JSON export, a fard, a handover sheet and a backup are made in job processes
        r = run_in_process("desktop.job_process:json_export", {**args, "out": str(tmp_path / "e.json"),
                                                               "register_ids": None, "images": "none"})
        f = run_in_process("desktop.job_process:fard", {**args, "out": str(tmp_path / "f.pdf"),
                                                        "register_id": sample.register_id, "khewat": "47",
                                                        "owner": None, "urdu_digits": None})
        h = run_in_process("desktop.job_process:handover", {**args, "out": str(tmp_path / "h.pdf"), "batch_id": None,
                                                            "entry_ids": list(sample.entry_ids.values()),
                                                            "urdu_digits": None})
        b = run_in_process("desktop.job_process:backup", {**args, "actor": SYSTEM, "folder": str(tmp_path)})
    finally:
        ws.close()
    # THEN each opened it with the workspace's key and wrote its file
    assert r["entries"] == 4 and len(read_json(tmp_path / "e.json")["registers"]) == 1
    assert verify_export(f).ok and verify_export(h).ok
    assert backup.read_manifest(b["path"])["encrypted"] is True


# ----------------------------------------------------------------------------- the app writing meanwhile
def test_a_backup_waits_out_a_long_save_of_the_app(workspace, sample, actors, tmp_path):
    """A job opened the workspace only once it had the write lock, for at most 5 s: a backup
    started while the app held it longer (a long save) failed with 'in use by another program
    (another Daftar window, a backup or a copy)', though the app was the only program."""
    from sqlalchemy import select

    from desktop.job_process import workspace_args
    from records.backup import read_manifest
    from records.models import AuditEvent

    usb = tmp_path / "usb"
    usb.mkdir()
    # GIVEN the app holding the write lock for 7 s
    held, release = threading.Event(), threading.Event()

    def long_save() -> None:
        con = workspace.connect_raw(timeout=30)
        con.isolation_level = None
        con.execute("BEGIN IMMEDIATE")
        held.set()
        release.wait(7)
        con.execute("ROLLBACK")
        con.close()

    saver = threading.Thread(target=long_save)
    saver.start()
    assert held.wait(10)
    threading.Timer(7, release.set).start()
    # WHEN a backup is taken meanwhile
    try:
        r = run_in_process("desktop.job_process:backup", {**workspace_args(workspace), "actor": actors["girdawar1"],
                                                         "folder": str(usb)})
    finally:
        release.set()
        saver.join()
    # THEN it is written while the app writes, and recorded once the app is done
    assert read_manifest(r["path"])["counts"]["entry"] == 4
    with workspace.session() as s:
        (ev,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).all()
        assert ev.username == "girdawar1" and ev.new == r["path"]


def test_a_jobs_window_opens_after_a_second_though_the_job_reports_no_count(qtbot, workspace, actors, tmp_path,
                                                                          monkeypatch):
    """Seen under Xvfb: a backup of the big workspace ran 3.7 s and its window (with its Stop)
    never opened: QProgressDialog shows itself after its minimum duration only once a value
    was set, and a backup copying its database reports none."""
    from desktop import job_process
    from tests.desktop.test_roles import _window

    pid_file = tmp_path / "pid"
    monkeypatch.setattr(oversight, "BACKUP_JOB", "tests.desktop.slow_job:backup_writing_until_stopped")
    real_args = job_process.workspace_args
    monkeypatch.setattr(job_process, "workspace_args", lambda ws: {**real_args(ws), "pid_file": str(pid_file)})
    usb = tmp_path / "usb"
    usb.mkdir()
    win = _window(qtbot, workspace, actors["ro1"])
    win.show()
    try:
        # GIVEN a long backup that says nothing of how far it got
        job = oversight.back_up(win, str(usb))
        dlg = job.progress_dialog
        qtbot.wait(300)
        assert not dlg.isVisible()  # (a short job shows no window)
        # THEN its window opens after a second, saying what it does, with its Stop
        qtbot.waitUntil(dlg.isVisible, timeout=3_000)
        assert dlg.labelText() == "Copying the database…"
        _progress_stop_button(dlg).click()
        qtbot.waitUntil(lambda: job.done, timeout=15_000)
        assert job.was_stopped and list(usb.iterdir()) == []
    finally:
        win.shutdown()


# ----------------------------------------------------------------------------- register PDF
def test_the_export_dialog_prints_the_whole_register_in_a_process_of_its_own(qtbot, workspace, sample, tmp_path,
                                                                             monkeypatch):
    from records.exports.detached import verify_export
    from records.reports import register_pdf
    from tests.reports.pdfcheck import loose, pdfium_text

    calls = []
    monkeypatch.setattr(register_pdf, "register_pdf", lambda *a, **kw: calls.append(1))
    # GIVEN the export dialog of a register
    dlg = reports_dialogs.ExportDialog(None, workspace, sample.register_id, register_name="جمع بندی — کوٹ")
    qtbot.addWidget(dlg)
    # THEN it offers the whole register as a PDF, with the office's digits and no khewat to ask
    i = dlg.format.findData("register")
    assert i >= 0 and dlg.format.itemText(i) == "PDF: the whole register"
    dlg.format.setCurrentIndex(i)
    assert dlg.urdu_digits.isEnabled() and not dlg.khewat.isEnabled() and not dlg.raw.isEnabled()
    assert dlg.path.text().endswith(".pdf") and "register-" in dlg.path.text()
    # AND which entries to print, the approved ones unless asked (as a supervisor files it)
    assert dlg.states.isEnabled() and dlg.states.currentText().startswith("approved entries only")
    # WHEN all registers are chosen  THEN it says a register PDF is of one register, and starts nothing
    dlg.scope.setCurrentIndex(dlg.scope.count() - 1)
    assert dlg.start_export() is None and "choose the register" in dlg.status.text()
    # WHEN the register is chosen again, every entry, a file named and OK pressed
    dlg.scope.setCurrentIndex(0)
    dlg.states.setCurrentIndex(dlg.states.findText("every entry (those not approved marked DRAFT)"))
    out = tmp_path / "register.pdf"
    dlg.path.setText(str(out))
    job = dlg.start_export()
    seen: list[str] = []
    job.progressed.connect(lambda what, done, total: seen.append(what))
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN the register is printed with its signature beside it, not by the app's process
    assert job.error is None, job.error
    assert not calls
    assert verify_export(out).ok
    text = " ".join(loose(pdfium_text(out)).split())
    assert "رجسٹر جمع بندی" in text and sampledata.OWNER_2 in text and "نامعلوم" in text
    # AND the job said how far it got, the note where the file and its signature are
    assert "printed" in seen
    assert f"\u2066{out}\u2069" in dlg.done_note.text() and "Its signature is in" in dlg.done_note.text()
    dlg.done_note.close()


def test_the_export_dialog_prints_the_entries_in_the_states_chosen(qtbot, workspace, tmp_path):
    from tests.reports.pdfcheck import loose, pdfium_text

    # GIVEN the export dialog of a register of three approved entries and a draft, the whole
    # register as a PDF chosen
    sample = sampledata.build(workspace, approve=True)
    dlg = reports_dialogs.ExportDialog(None, workspace, sample.register_id)
    qtbot.addWidget(dlg)
    dlg.format.setCurrentIndex(dlg.format.findData("register"))
    assert [dlg.states.itemText(i) for i in range(dlg.states.count())] == [
        "approved entries only (approved, batched, sent…)", "every entry (those not approved marked DRAFT)",
        "only entries not approved yet"]

    def printed(choice: int, name: str) -> str:
        dlg.states.setCurrentIndex(choice)
        out = tmp_path / name
        dlg.path.setText(str(out))
        job = dlg.start_export()
        qtbot.waitUntil(lambda: job.done, timeout=60_000)
        assert job.error is None, job.error
        dlg.done_note.close()
        return " ".join(loose(pdfium_text(out)).split())

    # WHEN it is printed as the dialog opens  THEN only the approved entries are printed, and it says so
    approved = printed(dlg.states.currentIndex(), "approved.pdf")
    assert sampledata.OWNER_2 in approved and "نامعلوم" not in approved and "DRAFT" not in approved
    assert "صرف منظور شدہ" in approved
    # WHEN "every entry" is chosen  THEN the draft is printed too, its page watermarked
    every = printed(1, "every.pdf")
    assert sampledata.OWNER_2 in every and "نامعلوم" in every and "DRAFT" in every
    # WHEN only the entries not approved  THEN the draft alone
    pending = printed(2, "pending.pdf")
    assert "نامعلوم" in pending and sampledata.OWNER_2 not in pending
    # AND another format leaves the choice aside
    dlg.format.setCurrentIndex(dlg.format.findData("csv"))
    assert not dlg.states.isEnabled()


def test_the_export_dialog_says_how_to_print_a_register_with_no_approved_entry(qtbot, workspace, sample, tmp_path):
    # GIVEN the export dialog of a register whose four entries are all drafts, the whole
    # register as a PDF chosen and its entries left as the dialog opens (the approved ones)
    dlg = reports_dialogs.ExportDialog(None, workspace, sample.register_id)
    qtbot.addWidget(dlg)
    dlg.format.setCurrentIndex(dlg.format.findData("register"))
    out = tmp_path / "none.pdf"
    dlg.path.setText(str(out))
    # WHEN OK is pressed
    job = dlg.start_export()
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN nothing is written, and the dialog says what the entries are and what to choose in
    # it (not the command line's --state)
    said = dlg.status.text()
    assert not out.exists() and dlg.buttons.isEnabled()
    assert "has no entries in state approved" in said and "draft (4)" in said
    assert "under Entries" in said and "--state" not in said


@pytest.mark.parametrize("stage", ["rows", "printed"])
def test_a_register_pdf_stopped_while_reading_or_printing_leaves_nothing(workspace, sample, tmp_path, stage):
    from records.reports.register_pdf import register_pdf

    # GIVEN the register's PDF being made  WHEN it is stopped as it reads its rows or prints them
    seen: list[str] = []
    with pytest.raises(_Stop):
        register_pdf(workspace, tmp_path / "r.pdf", register_id=sample.register_id, progress=_stop_at(stage, seen))
    # THEN nothing of it is left: no PDF, no .part, no signature
    assert seen[-1] == stage and _leftovers(tmp_path, "r.") == []
