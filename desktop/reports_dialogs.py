"""Print preview, "Save as PDF…" and export dialogs for reports and exports (self-contained).

Menus call the functions here with a parent widget, the open workspace and a register id:

    save_fard_pdf(parent, ws, register_id, khewat="47")   -> ReportJob (asks what is missing)
    preview_fard(parent, ws, register_id, khewat="47")    -> ReportJob (opens a print preview)
    save_report_pdf(parent, ws, "progress" | "handover", ...)
    open_export_dialog(parent, ws, register_id)           -> ExportDialog (CSV / JSON / PDF: fard,
                                                             the whole register, progress)

The PDF or export is made in a worker thread (records.reports / records.exports, which
open their own database session); only plain values (paths, ids, strings) go to the worker
and come back. The progress report, the CSV and JSON exports, a big fard or handover sheet
(FARD_ON_THREAD_MAX, HANDOVER_ON_THREAD_MAX) and the backup (desktop.oversight.back_up) run in
a job process the worker waits for (desktop.procjob: their garbage is not collected on the UI
thread, they hold no lock of this process); a window says how far one got once it has run a
second, and its Stop ends it with nothing written (so does closing the window: stop_running).
The preview renders the PDF pages with pypdfium2 into images that
QPrintPreviewDialog shows and prints, so the printout is the same PDF that is saved.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QProgressDialog

from desktop import mainthread, page_image, page_setup
from desktop.bidi import isolate, path_line
from desktop.i18n import RLM, message, number_text
from desktop.labels import wrapping
from desktop.qt import (
    QAction,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QGuiApplication,
    QHBoxLayout,
    QImage,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QObject,
    QPageLayout,
    QPaintEngine,
    QPainter,
    QPushButton,
    QRectF,
    Qt,
    QTimer,
    QToolBar,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
    screen_of,
)
from records.text import isolate_ltr

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="daftar-reports")



def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)

@dataclass(frozen=True)
class JobResult:
    """What a finished job hands back to the UI thread (plain values)."""

    path: str
    summary: str


class ReportJob(QObject):
    """One export or PDF made in the worker thread; `finished`/`failed` are emitted on the UI thread."""

    finished = Signal(object)  # JobResult
    failed = Signal(str)
    progressed = Signal(str, int, int)  # what, done, total (a job that tells how far it got)
    stopped = Signal()  # stop() was asked and the job ended without a result

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.result: JobResult | None = None
        self.error: str | None = None
        self.was_stopped = False
        self.cancel = threading.Event()  # set by stop(); a job that can stop watches it
        self.report = mainthread.sender(self, "_progress")  # for the worker: report(what, done, total)
        mainthread.install()

    def stop(self) -> None:
        """Ask the job to stop (one in a job process ends; see desktop.procjob)."""
        self.cancel.set()

    def _progress(self, what: str, done: int, total: int) -> None:
        if not self.done:
            self.progressed.emit(what, done, total)

    def _deliver(self, result: JobResult | None, error: str | None) -> None:
        _live.discard(self)
        if error is _STOPPED:
            self.was_stopped = True
            self.stopped.emit()
        elif error is not None:
            self.error = error
            self.failed.emit(error)
        else:
            self.result = result
            self.finished.emit(result)

    @property
    def done(self) -> bool:
        return self.result is not None or self.error is not None or self.was_stopped

    def start(self, fn: Callable[[], JobResult]) -> ReportJob:
        """Run fn in the worker thread; its result comes back through a queued signal."""
        _live.add(self)  # parentless jobs stay alive until they deliver
        # the worker holds the job weakly and hands back through the GUI thread (see
        # desktop.mainthread): slots connected to finished/failed always run on the UI thread
        deliver = mainthread.sender(self, "_deliver")

        def work() -> None:
            from desktop.procjob import JobCancelled

            try:
                r = fn()
            except JobCancelled:
                deliver(None, _STOPPED)
                return
            except Exception as e:  # shown to the user as one line; never crashes the UI
                deliver(None, _message(e))
                return
            deliver(r, None)

        _pool.submit(work)
        return self


_live: set[ReportJob] = set()


def stop_running() -> int:
    """Ask every report still being made to stop (the window closing, its user signing out):
    a progress report in its job process ends (nothing written), instead of going on unseen
    while the app waits for it to exit. Returns how many were asked."""
    jobs = [job for job in list(_live) if not job.done]
    for job in jobs:
        job.stop()
    return len(jobs)
_STOPPED = "stopped"  # (the error a stopped job delivers: `stopped` is emitted, no box)


def _message(e: Exception) -> str:
    from records.exports.json_export import ExportError
    from records.output_file import OutputFileError
    from records.reports.layout import ReportError
    from records.workspace import WorkspaceError
    from sync.batchfile import BatchFileError

    if isinstance(e, (ExportError, ReportError, WorkspaceError, BatchFileError, OutputFileError)):  # (a backup's among them)
        return message(str(e))
    from desktop.system_errors import reason

    if isinstance(e, OSError):  # (the disk full, no permission...: in Urdu, in Urdu words)
        return reason(e, f"{e.filename or ''}: {e.strerror or e}".strip(": "))
    return reason(e, f"{type(e).__name__}: {e}")


def _names_no_file(path: str) -> bool:
    """A path typed into a file box that names a folder, not a file: "/", "D:\\", "reports/",
    a folder that is there (the box follows every key typed: a path is a folder on its way)."""
    import os

    p = path.strip()
    return not Path(p).name or p.endswith(("/", os.sep)) or Path(p).is_dir()


def _signed_beside(out: str | Path) -> str:
    """What the note of a CSV or PDF written says of its signature `OUT.sig` (GUI thread)."""
    from records.exports.detached import signature_path

    said = QCoreApplication.translate(
        "ExportDialog", "Its signature is in {sig} beside it: copy the two files together (the receiver checks them "
        "with `daftar export verify`).")
    return said.format(sig=path_line(signature_path(out))).strip()


class _ShowLater(QObject):
    """Calls `show` once `win` is shown again (see `when_seen`); goes with the window."""

    def __init__(self, win: QWidget, show: Callable[[], None]) -> None:
        super().__init__(win)
        self._show = show
        win.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and obj is self.parent():
            obj.removeEventFilter(self)
            show, self._show = self._show, None
            QTimer.singleShot(0, obj, show)  # after the window is on the screen again
            self.deleteLater()
        return False


def when_seen(parent: QWidget | None, show: Callable[[], None]) -> None:
    """Run `show` (it opens a note, an error box or a preview of what a job made) now when
    `parent`'s window is on the screen, else once it is shown again. A report or a fard
    that ended while the window was locked opened over the lock (its Open button, the fard's
    preview: records for whoever stood there), and one that ended after its user signed out
    opened over the next user's sign-in: now it waits for the unlock, and dies with the
    window of a user who signed out."""
    win = parent.window() if parent is not None else None
    # (a window never shown yet, as in tests and scripts, is not one hidden by the lock)
    if win is None or win.isVisible() or not win.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
        show()
    else:
        _ShowLater(win, show)


def _done_note(parent: QWidget | None, r: JobResult) -> QMessageBox:
    """A note (not blocking) saying what was written where, with a button that opens it."""
    box = QMessageBox(QMessageBox.Icon.Information, _tr("Daftar"), r.summary, parent=parent)
    open_btn = box.addButton(_tr("Open"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda b: b is open_btn and open_file(parent, r.path))
    box.open()
    return box


def open_file(parent: QWidget | None, path: str) -> None:
    """Open what a job wrote in the program this computer has for it; when there is none (an
    office PC without a PDF reader) say so and where the file is: Open did nothing, and only
    Qt's log said why ("Unable to detect a launcher", seen in a random run)."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
        return
    said = QCoreApplication.translate(  # (spelt out: lupdate does not see a module's _tr)
        "ExportDialog", "No program on this computer opens this file. It is saved here:{path}Copy it to a computer "
        "that can open it, or ask IT to install a program for it (a PDF reader for reports and fards).")
    _warn(parent, said.format(path=path_line(path)))


def _warn(parent: QWidget | None, text: str) -> QMessageBox:
    """A warning box over `parent` that does not block (it opens and the app goes on) and is
    deleted when closed."""
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Daftar"), text, parent=parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def start_noted(parent: QWidget | None, fn: Callable[[], JobResult], *, offer_open: bool = True) -> ReportJob:
    """Run `fn` in the worker; when it ends, a note with an Open button or an error box."""
    job = ReportJob(parent)
    _notify(parent, job, offer_open=offer_open)
    return job.start(fn)


def _notify(parent: QWidget | None, job: ReportJob, *, offer_open: bool, errors: bool | None = None) -> None:
    """Tell the user when the job ends: an error box (never blocking: the box opens and the
    app goes on), or a note with an Open button. `errors` defaults to `offer_open`."""
    show_errors = offer_open if errors is None else errors

    def ok(r: JobResult) -> None:
        if offer_open:
            when_seen(parent, lambda: _done_note(parent, r))

    def bad(msg: str) -> None:
        if show_errors:
            when_seen(parent, lambda: _warn(parent, msg))

    job.finished.connect(ok)
    job.failed.connect(bad)


def file_name_part(title: str, limit: int = 60) -> str:
    """A register's title as part of a file name on any system: no bidi marks, none of
    Windows' forbidden characters (<>:"/\\|?*), words joined by '-', at most `limit`
    characters (whole words) ("جمع بندی — کوٹ 2019-20" -> "جمع-بندی-کوٹ-2019-20")."""
    import re

    text = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", title or "")
    words = re.sub(r'[<>:"/\\|?*\u2014\u2013,،]+', " ", text).split()
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            out = out or w[:limit]  # (one word longer than the limit: its start)
            break
        out = f"{out}-{w}" if out else w
    return out.strip(".-") or "register"


def _ask_path(parent, title: str, suggested: str, pattern: str) -> str | None:
    """A file to save into, from the save dialog; a bare file name is suggested in the folder
    last saved into (`ui_settings.save_folder`), and the chosen file's folder is remembered."""
    from desktop import file_dialogs
    from desktop.ui_settings import remember_save_folder, save_folder

    if not Path(suggested).is_absolute():
        suggested = str(save_folder() / suggested)
    path = file_dialogs.choose_save_file(parent, title, suggested, pattern)
    if path:
        remember_save_folder(path)
    return path or None


# ----------------------------------------------------------------------------- fard
def _options(workspace, urdu_digits: bool | None):
    """Report options from the office settings (worker thread); urdu_digits None = the office's choice."""
    from records.reports.layout import office_options

    with workspace.session() as s:
        return office_options(s, urdu_digits=urdu_digits)


FARD_JOB = "desktop.job_process:fard"  # (tests name a job of their own)
# A fard reads every row of its register to pick its khewat's, a handover sheet every entry of
# its batch. Up to these many entries one is made on the worker thread: 0.1-0.4 s there (a
# fard of a 2,000-entry register 0.41 s, the UI's 10 ms timer at most 7 ms late, one 0.6 ms
# collection on the UI thread; a sheet of 200 entries 0.38 s, 22,600 young objects), against
# 0.8-1.2 s in a job process started for it (spawn, imports: ~0.7 s), 0.13-0.56 s in the
# spare one kept ready (`desktop.procjob.keep_warm`, its report imports done: still 0.05-0.15 s
# slower than the thread, so the limits stay; twenty-third stop). A bigger one goes to a job
# process: a fard of a 10,000-entry register is 2.0-2.3 s on a thread (263,000 young objects;
# 37 ms collections on the UI thread), 2.4 s in a process; a sheet of 2,000 entries 3.4 s
# (163,000). (bench/job_start_bench.py)
FARD_ON_THREAD_MAX = 2000
HANDOVER_ON_THREAD_MAX = 200


def _in_process(target: str, workspace, job: ReportJob | None, **kwargs):
    """Run the job process `target` on `workspace` (opened again there, an encrypted one with
    its key), its progress and Stop through `job`; this (worker) thread waits for it."""
    from desktop.job_process import workspace_args
    from desktop.procjob import run_in_process

    return run_in_process(target, {**workspace_args(workspace), **kwargs},
                          progress=job.report if job is not None else None,
                          cancel=job.cancel if job is not None else None)


def _entries_of(workspace, register_id: int) -> int:
    """How many entries a register holds (worker thread; one count over an index)."""
    from sqlalchemy import func, select

    from records.models import Entry

    with workspace.session() as s:
        return s.scalar(select(func.count(Entry.id)).where(Entry.register_id == register_id)) or 0


def _handover_entries(workspace, batch_id: int | None, entry_ids: list[int] | None) -> int:
    """How many entries a handover sheet lists (worker thread)."""
    if batch_id is None:
        return len(entry_ids or ())
    from sqlalchemy import func, select

    from records.models import OutboxItem

    with workspace.session() as s:
        return s.scalar(select(func.count(OutboxItem.id)).where(OutboxItem.batch_id == batch_id)) or 0


def _on_thread(job: ReportJob | None, out: str, make: Callable[[], Path]) -> Path:
    """A small job made on the worker thread: not begun once stopped, and a file it wrote
    after a stop was asked (the window closing) is removed with its signature."""
    from desktop.procjob import JobCancelled

    if job is not None and job.cancel.is_set():
        raise JobCancelled()
    p = make()
    if job is not None and job.cancel.is_set():
        from records.exports.detached import signature_path

        Path(out).unlink(missing_ok=True)
        signature_path(out).unlink(missing_ok=True)
        raise JobCancelled()
    return p


def _fard_job(workspace, register_id: int, khewat: str | None, owner: str | None, out: str,
              urdu_digits: bool | None, job: ReportJob | None = None) -> Callable[[], JobResult]:
    # texts are translated here on the GUI thread: the worker never calls Qt
    saved = QCoreApplication.translate("ExportDialog", "Fard saved: {path}")
    signed = _signed_beside(out)

    def fn() -> JobResult:
        if _entries_of(workspace, register_id) > FARD_ON_THREAD_MAX:
            p = _in_process(FARD_JOB, workspace, job, out=str(out), register_id=register_id, khewat=khewat,
                            owner=owner, urdu_digits=urdu_digits)
        else:
            from records.reports.fard import fard_pdf

            p = _on_thread(job, out, lambda: fard_pdf(workspace, out, register_id=register_id, khewat=khewat,
                                                      owner=owner, options=_options(workspace, urdu_digits)))
        return JobResult(str(p), saved.format(path=path_line(p)).strip() + "\n\n" + signed)

    return fn


def _ask_khewat(parent, khewat, owner, suggested: str = "") -> tuple[str | None, str | None] | None:
    if khewat or owner:
        return khewat, owner
    text, ok = QInputDialog.getText(parent, _tr("Fard"), _tr("Khewat no (or owner's name):"), text=suggested)
    if not ok or not text.strip():
        return None
    t = text.strip()
    from records.text import latin_digits

    return (t, None) if latin_digits(t).replace(" ", "").isdigit() else (None, t)


def save_fard_pdf(parent: QWidget | None, workspace, register_id: int, *, khewat: str | None = None,
                  owner: str | None = None, path: str | Path | None = None, urdu_digits: bool | None = None,
                  offer_open: bool = True, suggested: str = "") -> ReportJob | None:
    """"Save fard as PDF…": asks for the khewat (offering `suggested`, the clerk's current
    row's) and file when not given; None if cancelled."""
    chosen = _ask_khewat(parent, khewat, owner, suggested)
    if chosen is None:
        return None
    khewat, owner = chosen
    out = str(path) if path else _ask_path(parent, _tr("Save fard as PDF"), f"fard-{khewat or 'owner'}.pdf", "PDF (*.pdf)")
    if not out:
        return None
    job = ReportJob(parent)
    _notify(parent, job, offer_open=offer_open)
    job.progress_dialog = _progress_dialog(parent, job, _tr("Fard"), QCoreApplication.translate("ExportDialog", "Writing the PDF…"))
    return job.start(_fard_job(workspace, register_id, khewat, owner, out, urdu_digits, job))


def preview_fard(parent: QWidget | None, workspace, register_id: int, *, khewat: str | None = None,
                 owner: str | None = None, urdu_digits: bool | None = None, show: bool = True,
                 suggested: str = "") -> ReportJob | None:
    """Make the fard PDF in the worker, then show it in a print preview (print from there)."""
    chosen = _ask_khewat(parent, khewat, owner, suggested)
    if chosen is None:
        return None
    khewat, owner = chosen
    from desktop import ramdir

    folder = ramdir.ram_temp_dir("daftar-preview-")
    out = str(folder / "fard.pdf")  # record text: in memory, not on disk
    job = ReportJob(parent)
    if show:
        def preview(r: JobResult) -> None:
            try:
                open_pdf_preview(parent, r.path)  # it reads the PDF's bytes at once
            finally:
                ramdir.remove(folder)  # every fard previewed stayed in memory until Daftar ended

        _notify(parent, job, offer_open=False, errors=True)
        job.finished.connect(lambda r: when_seen(parent, lambda: preview(r)))
        job.failed.connect(lambda _e: ramdir.remove(folder))
        job.stopped.connect(lambda: ramdir.remove(folder))
        job.progress_dialog = _progress_dialog(parent, job, _tr("Fard"), QCoreApplication.translate("ExportDialog", "Writing the PDF…"))
    return job.start(_fard_job(workspace, register_id, khewat, owner, out, urdu_digits, job))


# ----------------------------------------------------------------------------- other reports
PROGRESS_JOB = "desktop.job_process:progress_report"  # (tests name a job of their own)
CSV_JOB = "desktop.job_process:csv_export"
JSON_JOB = "desktop.job_process:json_export"
HANDOVER_JOB = "desktop.job_process:handover"
REGISTER_JOB = "desktop.job_process:register_report"


def _report_job(workspace, kind: str, out: str, *, register_ids=None, batch_id=None, entry_ids=None,
                urdu_digits: bool | None = None, states: Sequence[str] | None = None,
                job: ReportJob | None = None) -> Callable[[], JobResult]:
    saved = QCoreApplication.translate("ExportDialog", "Report saved: {path}")  # on the GUI thread
    signed = _signed_beside(out)

    def fn() -> JobResult:
        if kind == "progress":
            # in a process of its own (12-14 s over 100,000 entries: on this thread it held the
            # Python lock the window needs at every step); this thread waits for it
            from desktop.job_process import workspace_args
            from desktop.procjob import run_in_process

            p = run_in_process(PROGRESS_JOB, {**workspace_args(workspace), "out": str(out),
                                              "register_ids": register_ids, "urdu_digits": urdu_digits},
                               progress=job.report if job else None, cancel=job.cancel if job else None)
        elif kind == "register":
            # in a process of its own: every entry of the register read, shaped and laid out
            # (2,000 entries: several seconds), how far it got said and Stop heard every 50 rows
            p = _in_process(REGISTER_JOB, workspace, job, out=str(out), register_id=register_ids[0],
                            urdu_digits=urdu_digits, states=list(states) if states else None)
        elif kind == "handover":
            if _handover_entries(workspace, batch_id, entry_ids) > HANDOVER_ON_THREAD_MAX:
                # in a process of its own: a big batch's every entry and value read and laid out
                p = _in_process(HANDOVER_JOB, workspace, job, out=str(out), batch_id=batch_id,
                                entry_ids=entry_ids, urdu_digits=urdu_digits)
            else:
                from records.reports.handover import handover_pdf

                p = _on_thread(job, out, lambda: handover_pdf(workspace, out, batch_id=batch_id, entry_ids=entry_ids,
                                                              options=_options(workspace, urdu_digits)))
        else:
            raise ValueError(f"unknown report '{kind}'")
        return JobResult(str(p), saved.format(path=path_line(p)).strip() + "\n\n" + signed)

    return fn


def save_report_pdf(parent: QWidget | None, workspace, kind: str, *, register_id: int | None = None,
                    batch_id: int | None = None, entry_ids: list[int] | None = None,
                    path: str | Path | None = None, urdu_digits: bool | None = None,
                    offer_open: bool = True, suggested: str | None = None) -> ReportJob | None:
    """"Save progress report / handover sheet as PDF…" (kind: progress | handover). The file
    name offered is `suggested`, else the kind, the batch and the day
    (`handover-batch-12-2026-11-27.pdf`, `progress-2026-11-27.pdf`): a sheet saved earlier is
    not offered to be written over (it was always handover.pdf)."""
    import datetime

    batch = f"-batch-{batch_id}" if kind == "handover" and batch_id is not None else ""
    suggested = suggested or f"{kind}{batch}-{datetime.date.today().isoformat()}.pdf"
    out = str(path) if path else _ask_path(parent, _tr("Save report as PDF"), suggested, "PDF (*.pdf)")
    if not out:
        return None
    job = ReportJob(parent)
    _notify(parent, job, offer_open=offer_open)
    if kind == "progress":  # 10-30 s on a big workspace: how far it got, and Stop
        job.progress_dialog = _progress_dialog(
            parent, job, QCoreApplication.translate("ExportDialog", "Progress report"))
    else:  # (a window with Stop only when it runs more than a second)
        job.progress_dialog = _progress_dialog(
            parent, job, QCoreApplication.translate("ExportDialog", "Handover sheet"),
            QCoreApplication.translate("ExportDialog", "Writing the PDF…"))
    return job.start(_report_job(workspace, kind, out, register_ids=[register_id] if register_id else None,
                                 batch_id=batch_id, entry_ids=entry_ids, urdu_digits=urdu_digits, job=job))


def _progress_dialog(parent: QWidget | None, job: ReportJob, title: str, first: str | None = None) -> QProgressDialog:
    """A window (not modal: the app goes on) saying how far `job` got, whose Stop stops it;
    it opens when the job has run a second and closes when it ends. `first`: what it says
    until the job first reports (the progress report counts the pages)."""
    dlg = QProgressDialog(first or QCoreApplication.translate("ExportDialog", "Counting the pages…"),
                          QCoreApplication.translate("ExportDialog", "Stop"), 0, 0, parent)
    dlg.setWindowTitle(title)
    dlg.setWindowModality(Qt.WindowModality.NonModal)
    dlg.setMinimumDuration(1000)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.setValue(0)  # (starts its clock: without a value set it never opened, however long the job)
    counted = {  # what a job reports with a count (records' progress callbacks)
        "entries": QCoreApplication.translate("ExportDialog", "Counting the entries: {done} of {total}…"),
        "registers": QCoreApplication.translate("ExportDialog", "Reading the registers: {done} of {total}…"),
        "images": QCoreApplication.translate("ExportDialog", "Copying the page images: {done} of {total}…"),
        "rows": QCoreApplication.translate("ExportDialog", "Reading the entries: {done} of {total}…"),
        "printed": QCoreApplication.translate("ExportDialog", "Printing the entries: {done} of {total}…"),
    }
    said = {
        "pdf": QCoreApplication.translate("ExportDialog", "Writing the PDF…"),
        "file": QCoreApplication.translate("ExportDialog", "Writing the file…"),
        "database": QCoreApplication.translate("ExportDialog", "Copying the database…"),
    }

    def progressed(what: str, done: int, total: int) -> None:
        if what == "final":  # past its point of no return (desktop.job_process.past_stopping): no Stop
            dlg.setLabelText(QCoreApplication.translate("ExportDialog", "Finishing: it can no longer be stopped…"))
            dlg.setCancelButtonText(None)
        elif what in counted and total:
            dlg.setLabelText(counted[what].format(done=number_text(done), total=number_text(total)))
            dlg.setRange(0, total)
            dlg.setValue(done)
        elif what in said:
            dlg.setLabelText(said[what])
            dlg.setRange(0, 0)

    def ended(*_a) -> None:
        dlg.canceled.disconnect(stop)
        dlg.close()
        dlg.deleteLater()

    def stop() -> None:
        dlg.setLabelText(QCoreApplication.translate("ExportDialog", "Stopping…"))
        dlg.setCancelButtonText(None)
        dlg.show()
        job.stop()

    dlg.canceled.connect(stop)
    job.progressed.connect(progressed)
    for sig in (job.finished, job.failed, job.stopped):
        sig.connect(ended)
    return dlg


# ----------------------------------------------------------------------------- preview
PRINT_DPI = 300  # pages go to paper at this resolution (the preview's 110 dpi blurs Nastaliq)


def render_pdf_pages(pdf: str | Path | bytes, dpi: int = 110) -> list[QImage]:
    """PDF pages (a file, or its bytes) as QImages (pypdfium2), for the preview."""
    return list(iter_pdf_pages(pdf, dpi))


def iter_pdf_pages(pdf: str | Path | bytes, dpi: int):
    """PDF pages as QImages one at a time (a long fard printed at 300 dpi never sits in
    memory whole)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        for page in doc:
            yield page_image.to_qimage(page_image.from_pil(page.render(scale=dpi / 72).to_pil()))
    finally:
        doc.close()


def paint_pages(printer: QPrinter, images: list[QImage], pdf: bytes | None = None) -> bool:
    """Draw page images onto a printer (or preview), each scaled to fit its page and centred
    on it. Printing (not the preview) renders the PDF again at the printer's resolution up to
    PRINT_DPI, page by page, when its bytes are given. False when the printer could not be started (a
    PDF file that cannot be made, a printer that does not answer): nothing was drawn."""
    painter = QPainter(printer)
    if not painter.isActive():
        return False
    try:
        to_paper = pdf is not None and painter.paintEngine().type() != QPaintEngine.Type.Picture
        pages = iter_pdf_pages(pdf, min(PRINT_DPI, printer.resolution())) if to_paper else images
        for i, img in enumerate(pages):
            if i:
                printer.newPage()
            rect = painter.viewport()
            size = img.size().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            # centred on paper of another shape (a fard on legal paper was drawn at its left edge)
            x, y = (rect.width() - size.width()) / 2, (rect.height() - size.height()) / 2
            painter.drawImage(QRectF(x, y, size.width(), size.height()), img)
    finally:
        painter.end()
    return True


def _not_printed(printer: QPrinter, parent: QWidget | None) -> None:
    """Say, over the print preview `parent`, that Print made nothing and why it may be."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        said = QCoreApplication.translate(  # (spelt out: lupdate does not see a module's _tr)
            "ExportDialog", "The PDF was not written: this file cannot be made:{path}Print again and choose "
            "another file: in a folder that is there and can be written to, not a folder alone, and not a PDF "
            "open in another program.").format(path=path_line(printer.outputFileName() or "?"))
    else:
        said = QCoreApplication.translate(
            "ExportDialog", "The printer {name} could not be started: nothing was printed. Check that it is "
            "switched on and connected, then print again.").format(name=isolate(printer.printerName()))
    _warn(parent, said)


def pdf_preview_dialog(parent: QWidget | None, pdf: str | Path) -> QPrintPreviewDialog:
    """A print preview of a PDF file (landscape pages shown landscape)."""
    data = Path(pdf).read_bytes()  # kept for printing: the file may be gone by then
    images = render_pdf_pages(data)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if images and images[0].width() > images[0].height():
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle(_tr("Print preview — {name}").format(name=Path(pdf).name))
    seen = weakref.ref(dlg)  # (the dialog's own signal: no reference cycle)
    dlg.paintRequested.connect(lambda p: paint_pages(p, images, data) or _not_printed(p, seen()))
    page_setup.use_in_preview(dlg, printer)  # (Qt's Page setup did nothing with no printer installed)
    _preview_right_to_left(dlg)
    dlg._daftar_printer = printer  # keep the printer alive as long as the dialog
    dlg._daftar_pages = images
    return dlg


# the preview's page buttons, each with the arrow of its partner on the other side
_PAGE_ARROWS = (("First page", "Last page"), ("Previous page", "Next page"))


def _preview_right_to_left(dlg: QPrintPreviewDialog) -> None:
    """Right to left, the preview's tool bar is mirrored (First and Previous page on the right)
    but Qt's arrows were not: Previous page pointed left, to the side of the pages after it.
    Each of these buttons takes the arrow of its partner, so that it points where it goes. And
    the page count beside the page number ("/ 3", no letter in it) was laid out left to right:
    page 1 of 3 read "1 3 /" from the right; marked right to left, it reads "1 / 3"."""
    if dlg.layoutDirection() != Qt.LayoutDirection.RightToLeft:
        return
    shown = {QCoreApplication.translate("QPrintPreviewDialog", text): text for pair in _PAGE_ARROWS for text in pair}
    actions = {shown[a.text()]: a for a in dlg.findChildren(QAction) if a.text() in shown}
    for back, forth in _PAGE_ARROWS:
        if back in actions and forth in actions:
            a, b = actions[back], actions[forth]
            icon = a.icon()
            a.setIcon(b.icon())
            b.setIcon(icon)
    toolbar, preview = dlg.findChild(QToolBar), dlg.findChild(QPrintPreviewWidget)
    labels = toolbar.findChildren(QLabel) if toolbar is not None else []
    if len(labels) != 1 or preview is None:  # (the page count is the tool bar's one label)
        return
    count = labels[0]

    def mark() -> None:  # after Qt's own slot, which writes the count again at every change
        if count.text() and not count.text().startswith(RLM):
            count.setText(RLM + count.text())

    preview.previewChanged.connect(mark)
    mark()


def open_pdf_preview(parent: QWidget | None, pdf: str | Path) -> QPrintPreviewDialog:
    dlg = pdf_preview_dialog(parent, pdf)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    screen = screen_of(parent) if parent is not None else QGuiApplication.primaryScreen()
    if screen is not None:  # a page to read, not a thumbnail: most of the screen
        avail = screen.availableGeometry()
        dlg.resize(int(avail.width() * 0.9), int(avail.height() * 0.9))
    dlg.open()
    return dlg


# ----------------------------------------------------------------------------- export dialog
FORMATS = (("csv", "CSV (Excel)"), ("json", "JSON"), ("fard", "PDF: فرد / Fard"),
           ("register", "PDF: رجسٹر / Register"), ("progress", "PDF: پیش رفت / Progress"))


def register_state_choices() -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """The entries a register PDF may print, as the CLI's --state chooses them: the approved
    ones (approved and every state after it: what a supervisor files, and the default), every
    entry (those not approved watermarked DRAFT), or only those not approved yet."""
    from records.reports.layout import FINAL_STATES
    from records.workflow import STATES

    return (("approved", tuple(s for s in STATES if s in FINAL_STATES)), ("all", None),
            ("pending", tuple(s for s in STATES if s not in FINAL_STATES)))


class ExportDialog(QDialog):
    """Choose a format, options and a file; the export runs in the worker on OK."""

    def __init__(self, parent: QWidget | None, workspace, register_id: int | None, *, urdu_digits: bool = True,
                 register_name: str = ""):
        super().__init__(parent)
        self.workspace = workspace
        self.job: ReportJob | None = None
        self.setWindowTitle(self.tr("Export"))
        # what is exported: the register the user is on, or every register of the workspace
        self.scope = QComboBox()
        self.scope.setObjectName("exportScope")
        if register_id is not None:
            self.scope.addItem(register_name or self.tr("the register selected"), register_id)
        self.scope.addItem(self.tr("all registers"), None)
        self.format = QComboBox()
        labels = {"csv": self.tr("CSV (Excel)"), "json": "JSON", "fard": self.tr("PDF: fard of a khewat"),
                  "register": self.tr("PDF: the whole register"), "progress": self.tr("PDF: progress report")}
        for key, _label in FORMATS:
            self.format.addItem(labels[key], key)
        self.raw = QCheckBox(self.tr("raw OCR text columns"))
        self.excel = QCheckBox(self.tr("keep 3/8 and 12-5 as text in Excel"))
        self.excel.setChecked(True)  # clerks open CSVs in Excel, which would turn 3/8 into a date
        self.images = QComboBox()
        for key, label in (("files", self.tr("images beside the file")), ("inline", self.tr("images inside (base64)")),
                           ("none", self.tr("no images"))):
            self.images.addItem(label, key)
        self.khewat = QLineEdit()
        self.khewat.setPlaceholderText("47")
        # which entries a register PDF prints (the CLI's --state): the approved ones unless asked
        self.states = QComboBox()
        self.states.setObjectName("exportStates")
        state_labels = {"approved": self.tr("approved entries only (approved, batched, sent…)"),
                        "all": self.tr("every entry (those not approved marked DRAFT)"),
                        "pending": self.tr("only entries not approved yet")}
        for key, states in register_state_choices():
            self.states.addItem(state_labels[key], states)
        self.urdu_digits = QCheckBox(self.tr("Urdu digits (۱۲-۵)"))
        self.urdu_digits.setChecked(urdu_digits)  # the caller passes the office's preference
        self.path = QLineEdit()
        self.path.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)  # a folder and a name
        browse = QPushButton("…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Register"), self.scope)
        form.addRow(self.tr("Format"), self.format)
        form.addRow("", self.raw)
        form.addRow("", self.excel)
        form.addRow(self.tr("Images"), self.images)
        form.addRow(self.tr("Khewat no"), self.khewat)
        form.addRow(self.tr("Entries"), self.states)
        form.addRow("", self.urdu_digits)
        form.addRow(self.tr("File"), row)
        # every export is signed with the office's key: a CSV or PDF in FILE.sig beside it
        self.signature_note = QLabel("")
        self.signature_note.setObjectName("exportSignatureNote")
        wrapping(self.signature_note)
        form.addRow("", self.signature_note)
        self.status = QLabel("")
        wrapping(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._update)
        self.scope.currentIndexChanged.connect(lambda _i: self._update())
        self.path.textChanged.connect(lambda _t: self._say_signature())
        self._suggested = ""  # the file name last suggested: replaced when the format changes
        self._update()

    @property
    def register_id(self) -> int | None:
        """The register to export, None for all of them."""
        return self.scope.currentData()

    def _kind(self) -> str:
        return self.format.currentData()

    def _suggest_path(self) -> None:
        """A file named for the format and the day in the folder last saved into (else the
        user's documents), unless one was chosen."""
        import datetime

        if self.path.text().strip() not in ("", self._suggested):
            return
        from desktop.ui_settings import save_folder

        ext = {"csv": "csv", "json": "json"}.get(self._kind(), "pdf")
        name = {"fard": "fard", "register": "register", "progress": "progress"}.get(self._kind(), "daftar-export")
        if self.register_id is not None and self._kind() != "progress":  # one register: named in the file
            name += "-" + file_name_part(self.scope.currentText())
        self._suggested = str(save_folder() / f"{name}-{datetime.date.today().isoformat()}.{ext}")
        self.path.setText(self._suggested)

    def _update(self) -> None:
        k = self._kind()
        self.raw.setEnabled(k == "csv")
        self.excel.setEnabled(k == "csv")
        self.images.setEnabled(k == "json")
        self.khewat.setEnabled(k == "fard")
        self.states.setEnabled(k == "register")
        self.urdu_digits.setEnabled(k in ("fard", "register", "progress"))
        self._suggest_path()
        self._say_signature()

    def _say_signature(self) -> None:
        """Where the export's signature goes: inside a JSON file, beside a CSV or PDF (FILE.sig)."""
        if self._kind() == "json":
            self.signature_note.setText(self.tr("The file carries the office's signature inside it."))
        else:
            from records.exports.detached import signature_path

            out = self.path.text().strip()
            if not out or _names_no_file(out):  # no file named yet ("/" raised at the first key)
                self.signature_note.setText(self.tr("The office's signature is written beside the file, in FILE.sig."))
                return
            sig = signature_path(out)
            # the path on a line of its own: inside an Urdu sentence it was drawn in pieces
            self.signature_note.setText(self.tr(
                "The office's signature is written beside the file; copy the two together:{path}").format(
                path=path_line(sig).rstrip("\n")))

    def _browse(self) -> None:
        ext = {"csv": "csv", "json": "json"}.get(self._kind(), "pdf")
        p = _ask_path(self, self.tr("Export to"), self.path.text().strip() or f"export.{ext}", f"*.{ext}")
        if p:
            self.path.setText(p)

    def start_export(self) -> ReportJob | None:
        """Validate the form and start the export in the worker (the dialog stays until done)."""
        out = self.path.text().strip()
        if not out:
            self.status.setText(self.tr("Choose a file to write."))
            return None
        if _names_no_file(out):
            self.status.setText(self.tr("This names a folder, not a file:{path}write a file name after it, or choose "
                                        "one with the … button.").format(path=path_line(out)))
            return None
        k = self._kind()
        if k == "fard" and self.register_id is None:
            self.status.setText(self.tr("A fard is of one register: choose the register."))
            return None
        if k == "register" and self.register_id is None:
            self.status.setText(self.tr("A register PDF prints one register: choose the register."))
            return None
        if k == "fard" and not self.khewat.text().strip():
            self.status.setText(self.tr("Write the khewat number."))
            return None
        ws, reg = self.workspace, self.register_id
        job = ReportJob(self)
        if k == "csv":
            raw, excel = self.raw.isChecked(), self.excel.isChecked()
            done_text = QCoreApplication.translate("ExportDialog", "{n} entries exported to {path}")
            signed = _signed_beside(out)

            def fn() -> JobResult:
                # in a process of its own (desktop.job_process.csv_export), saying how many entries
                # it read of how many; this thread waits
                n = _in_process(CSV_JOB, ws, job, out=out, register_ids=[reg] if reg else None, raw=raw,
                                excel_safe=excel)
                return JobResult(out, done_text.format(n=n, path=path_line(out)).strip() + "\n\n" + signed)
        elif k == "json":
            images = self.images.currentData()
            done_text = QCoreApplication.translate("ExportDialog", "{n} entries, {p} pages, {i} images exported to {path}")
            # whoever imports the file checks the signature against the fingerprint read out to
            # them (`daftar import --office-key`): the app says it, as `daftar export` prints it
            signed_text = QCoreApplication.translate(
                "ExportDialog", "Signed with the key of office '{office}', fingerprint {fp}. "
                "Tell whoever imports the file this fingerprint (by telephone or in person, not with the file).")

            def fn() -> JobResult:
                # in a process of its own (desktop.job_process.json_export); this thread waits
                r = _in_process(JSON_JOB, ws, job, out=out, register_ids=[reg] if reg else None, images=images)
                said = done_text.format(n=r["entries"], p=r["pages"], i=r["images"], path=path_line(out)).strip()
                return JobResult(out, said + "\n\n" + signed_text.format(office=r["office_name"],
                                                                          fp=isolate_ltr(r["key_fingerprint"])))
        elif k == "fard":
            fn = _fard_job(ws, reg, self.khewat.text().strip(), None, out, self.urdu_digits.isChecked(), job)
        elif k == "register":
            fn = _report_job(ws, "register", out, register_ids=[reg], urdu_digits=self.urdu_digits.isChecked(),
                             states=self.states.currentData(), job=job)
        else:
            fn = _report_job(ws, "progress", out, register_ids=[reg] if reg else None,
                             urdu_digits=self.urdu_digits.isChecked(), job=job)
        self.buttons.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        self.job = job
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        job.stopped.connect(self._stopped)
        # how far it got, and Stop, once it has run a second
        job.progress_dialog = _progress_dialog(self, job, self.tr("Export"), self.tr("Exporting…"))
        return job.start(fn)

    def _finished(self, r: JobResult) -> None:
        from desktop.ui_settings import remember_save_folder

        remember_save_folder(r.path)  # the next save dialog opens there
        self.status.setText(r.summary)
        self.buttons.setEnabled(True)
        self.accept()
        # the dialog closes: what was written and where is said in a note that can open it
        # (it was only in the closing dialog's status line, never seen)
        self.done_note = None

        def note() -> None:
            self.done_note = _done_note(self.parentWidget(), r)

        when_seen(self.parentWidget(), note)

    def _failed(self, msg: str) -> None:
        self.status.setText(msg)
        self.buttons.setEnabled(True)

    def reject(self) -> None:
        """Cancel: the dialog closes, and an export still being made stops (nothing written)."""
        if self.job is not None and not self.job.done:
            self.job.stop()
        super().reject()

    def _stopped(self) -> None:
        self.status.setText(self.tr("Stopped: nothing was written."))
        self.buttons.setEnabled(True)


def open_export_dialog(parent: QWidget | None, workspace, register_id: int | None = None, *,
                       urdu_digits: bool = True, register_name: str = "") -> ExportDialog:
    """Show the export dialog (non-blocking); returns it."""
    dlg = ExportDialog(parent, workspace, register_id, urdu_digits=urdu_digits, register_name=register_name)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
