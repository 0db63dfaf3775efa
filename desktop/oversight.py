"""What the main window opens for review, audit, accounts, reports and sync.

Each function takes the MainWindow. Review and audit open as tabs (created on first use,
then brought forward); Users and Change password are dialogs; the sync panel is a dock.
Background work they start is stopped by `shutdown(win)`.
"""

from __future__ import annotations

from desktop.bidi import ltr, path_line, shown_value
from desktop.qt import QDockWidget, Qt
from records.workflow import ADMIN, REVENUE_OFFICER, SUPERVISOR, TAKERS, TRANSITIONS

REVIEWERS = frozenset({SUPERVISOR, REVENUE_OFFICER})
APPROVERS = TRANSITIONS["approve"].roles  # those whose approval a later return overturns
AUDITORS = frozenset({SUPERVISOR, REVENUE_OFFICER, ADMIN})
ADMINS = frozenset({ADMIN})


def _tab(win, attr: str, make, title: str):
    widget = getattr(win, attr, None)
    if widget is None:
        widget = make()
        setattr(win, attr, widget)
        win.tabs.addTab(widget, title)
    win.tabs.setCurrentWidget(widget)
    return widget


def open_review(win):
    """The review screen (supervisors, revenue officers)."""
    from desktop.review.panel import ReviewPanel

    def build():
        panel = ReviewPanel(win.ctx, win)
        win.carry_splitters(panel.splitters())
        return panel

    panel = _tab(win, "review_panel", build, win.tr("Review"))
    # the keyboard goes to the queue, where PgDn opens its pages (it stayed in the register
    # list, where PgDn, pressed to open the first page, changed the register instead)
    if not panel.isAncestorOf(win.focusWidget()):
        panel.tree.setFocus()
    return panel


def open_audit(win):
    """The audit viewer."""
    from desktop.audit_viewer import AuditViewer

    return _tab(win, "audit_viewer", lambda: AuditViewer(win.ctx, win), win.tr("Audit"))


def add_returned_tab(win, *, approved: bool = False):
    """The clerk's list of rows sent back with the reviewer's comment (opens their page); with
    `approved`, a reviewer's list of the rows he approved that were returned after his
    approval (a revenue officer's return from the verification: nothing told the Girdawar)."""
    from desktop.review.returned import ReturnedPanel

    panel = ReturnedPanel(win.ctx, win, approved=approved)
    panel.open_entry.connect(win.open_entry)

    said = {"page": None, "text": ""}

    def say_why(page_id: int, entry_id: int, _field: str = "") -> None:
        row = next((r for r in panel.rows if r.entry_id == entry_id), None)
        if row is not None:  # the comment stays in the status bar while the clerk corrects
            said["page"], said["text"] = page_id, win.tr("Row {n} returned by {user}: {comment}").format(
                n=row.row_no, user=row.returned_by, comment=shown_value(row.comment))
            win.statusBar().showMessage(said["text"])

    def forget(page_id: int | None = None) -> None:
        """The comment goes once its page is left or sent for review again."""
        if said["page"] is not None and page_id != said["page"]:
            if win.statusBar().currentMessage() == said["text"]:
                win.statusBar().clearMessage()
            said["page"] = None

    panel.open_entry.connect(say_why)
    win.page_selected.connect(forget)
    win.correction.submitted.connect(lambda _pid: forget())
    if approved:
        win.approved_returned_panel = panel
    else:
        win.returned_panel = panel
    win.tabs.addTab(panel, win.tr("Returned after my approval") if approved else win.tr("Returned to me"))

    def count(n: int) -> None:
        # how many rows wait for the clerk, in sight on signing in (the tab said nothing of them);
        # for a reviewer, how many he approved were returned since
        from desktop.i18n import number_text

        at = win.tabs.indexOf(panel)
        if at < 0:
            return
        if approved:
            text = (win.tr("Returned after my approval ({n})").format(n=number_text(n)) if n
                    else win.tr("Returned after my approval"))
        else:
            text = win.tr("Returned to me ({n})").format(n=number_text(n)) if n else win.tr("Returned to me")
        win.tabs.setTabText(at, text)

    panel.counted.connect(count)
    count(len(panel.rows))
    return panel


def show_returned(win):
    panel = getattr(win, "returned_panel", None) or add_returned_tab(win)
    panel.refresh()
    win.tabs.setCurrentWidget(panel)
    return panel


def show_approved_returned(win):
    """A reviewer's list of the rows he approved that were returned after (the status bar's
    count opens it, as View › Rows returned after my approval does)."""
    panel = getattr(win, "approved_returned_panel", None) or add_returned_tab(win, approved=True)
    panel.refresh()
    win.tabs.setCurrentWidget(panel)
    return panel


def open_users(win):
    """The administrator's accounts dialog (non-modal)."""
    from desktop.users_dialog import UsersDialog

    dlg = UsersDialog(win.ctx, win)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    win.users_dialog = dlg
    return dlg


def backup_start_folder(ws):
    """Where the backup dialog opens: the folder of the last backup while it is there (the
    office's USB stick, plugged in), else where files were last saved on this computer, else
    the documents folder; never the workspace's own backups/ folder, on the same disk as
    the records."""
    from pathlib import Path

    from desktop.ui_settings import save_folder
    from records.backup import last_backup

    last = last_backup(ws)
    if last is not None and Path(last.path).parent.is_dir() and Path(last.path).parent != ws.backups_dir:
        return Path(last.path).parent
    return save_folder()


BACKUP_JOB = "desktop.job_process:backup"  # (tests name a job of their own)


def back_up(win, folder: str | None = None):
    """Write a backup of the whole workspace into a folder (a USB stick, another disk) in the
    background, recorded in the audit trail; a note says where it went and what it holds.
    Asks for the folder unless given; returns the job (None when cancelled)."""
    from pathlib import Path

    from desktop import file_dialogs
    from desktop.qt import QCoreApplication
    from desktop.reports_dialogs import JobResult, ReportJob, _in_process, _notify, _progress_dialog

    ws, actor = win.ctx.ws, win.ctx.actor
    if folder is None:
        folder = file_dialogs.choose_folder(win, win.tr("Back up the workspace into…"), str(backup_start_folder(ws)))
        if not folder:
            return None
    # translated here: the worker never calls Qt
    written = QCoreApplication.translate(
        "MainWindow", "Backup written: {path} ({entries} entries, {images} page images, {mb} MB). "
        "Keep it away from this computer: a fire or a thief takes both.")

    job = ReportJob(win)

    def fn() -> JobResult:
        # in a process of its own (desktop.job_process.backup), as the CLI's copy; this thread
        # waits, the window runs freely, Stop and closing the window end it with nothing written
        r = _in_process(BACKUP_JOB, ws, job, actor=actor, folder=str(folder))
        return JobResult(str(Path(r["path"]).parent), written.format(
            path=path_line(r["path"]), entries=r["entries"], images=r["images"],
            mb=f"{r['size'] / 2**20:.1f}").replace("\n (", "\n("))

    win.statusBar().showMessage(win.tr("Writing a backup into {folder}…").format(folder=ltr(folder)))
    _notify(win, job, offer_open=True)
    job.progress_dialog = _progress_dialog(win, job, win.tr("Back up the workspace"),
                                           QCoreApplication.translate("ExportDialog", "Copying the database…"))
    win.backup_job = job.start(fn)
    job.finished.connect(lambda _r: win.statusBar().clearMessage())  # (delivered later, on this thread)
    if getattr(win, "backup_reminder", None) is not None:
        job.finished.connect(lambda _r: win.backup_reminder.refresh())
    job.failed.connect(lambda _m: win.statusBar().clearMessage())
    job.stopped.connect(lambda: win.statusBar().showMessage(win.tr("The backup was stopped: nothing was written."), 10_000))
    return job


def save_batch_file(win, path: str | None = None):
    """Write the oldest batch waiting to be sent to a file for a USB stick (an office offline
    for weeks carries it to the central office, where `daftar batch import` hands it to the
    server; sent online later it is stored once). Asks where unless given; returns the job."""
    import datetime as dt
    from pathlib import Path

    from desktop.qt import QCoreApplication
    from desktop.reports_dialogs import JobResult, _ask_path, start_noted

    ws = win.ctx.ws
    out = path or _ask_path(win, win.tr("Save a batch file for USB"),
                            f"daftar-{dt.date.today().isoformat()}.daftar-batch",
                            win.tr("Daftar batch files ({pattern})").format(pattern="*.daftar-batch"))
    if not out:
        return None
    if not out.endswith(".daftar-batch"):
        out += ".daftar-batch"
    saved = QCoreApplication.translate(  # translated here: the worker never calls Qt
        "MainWindow", "A batch of {n} entries is saved: {path} Take it to the central office, where it is "
        "given to the server (daftar batch import); if it is also sent online, the server keeps it once.")

    def fn() -> JobResult:
        from sync.batchfile import export_batch

        written, info = export_batch(ws, Path(out))
        return JobResult(str(Path(written).parent), saved.format(n=info.entries, path=path_line(written)))

    job = win.batch_file_job = start_noted(win, fn)
    return job


def change_password(win):
    """Change the signed-in user's own password."""
    from desktop.login import ChangePasswordDialog
    from records import accounts

    with win.ctx.ws.session() as s:
        user = accounts.get_user(s, win.ctx.actor.id)
    dlg = ChangePasswordDialog(win.ctx.ws, user, win)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.accepted.connect(lambda: win.statusBar().showMessage(win.tr("Password changed."), 8000))
    dlg.open()
    return dlg


# ----------------------------------------------------------------------------- reports
def _need_register(win) -> int | None:
    if win.register_id is None:
        win.statusBar().showMessage(win.tr("Choose a register first."), 8000)
    return win.register_id


def _current_khewat(win) -> str:
    """The khewat of the row the clerk is on, when its page is of the chosen register: what
    a fard is most likely asked for."""
    view = win.correction
    place = view.current_field()
    page = view.model.page
    if place is None or page is None or page.register_id != win.register_id:
        return ""
    return view.model.text(place[0], "khewat_no") or ""


def save_fard(win):
    from desktop.reports_dialogs import save_fard_pdf

    rid = _need_register(win)
    return rid and save_fard_pdf(win, win.ctx.ws, rid, urdu_digits=win.ctx.prefs.urdu_digits,
                                 suggested=_current_khewat(win))


def preview_fard(win):
    from desktop import reports_dialogs

    rid = _need_register(win)
    return rid and reports_dialogs.preview_fard(win, win.ctx.ws, rid, urdu_digits=win.ctx.prefs.urdu_digits,
                                                suggested=_current_khewat(win))


def save_progress_report(win):
    """Reports › Save progress report: the whole office (every register, mauza and clerk), as
    a supervisor expects of it and as its title says; it took the register chosen in the list
    while reading as office-wide. (Export… makes one of a chosen register.)"""
    from desktop.reports_dialogs import save_report_pdf

    return save_report_pdf(win, win.ctx.ws, "progress", urdu_digits=win.ctx.prefs.urdu_digits)


def export_data(win):
    from desktop.reports_dialogs import open_export_dialog

    return open_export_dialog(win, win.ctx.ws, win.register_id, urdu_digits=win.ctx.prefs.urdu_digits,
                              register_name=win.register_title())


# ----------------------------------------------------------------------------- sync
SEAL_JOB = "desktop.job_process:seal_approved"  # (tests name a job of their own)


def open_sync(win):
    """The sync panel in a dock (created on first use; it polls the connection each minute)."""
    dock = getattr(win, "sync_dock", None)
    if dock is None:
        from desktop.reports_dialogs import save_report_pdf
        from desktop.sync_panel import SyncPanel
        from records import outbox
        from records.workflow import TRANSITIONS

        # the sync engine (httpx, the protocol's models: 0.3 s to import) is imported by the
        # panel's threads when they first use it, never here on the UI thread
        def engine():
            from sync import engine

            return engine

        ws, actor = win.ctx.ws, win.ctx.actor
        resend = seal = None
        if actor.role in TRANSITIONS["batch"].roles:

            def resend() -> int | str:
                # a refusal of the core (entries changed outside Daftar) is shown as its reason
                try:
                    with ws.session() as s:
                        return outbox.resend_undelivered(s, actor=actor).entries
                except outbox.OutboxError as e:
                    return str(e)

            def seal(shown: int):
                # exactly as many as the button says, or nothing (the panel then says how many
                # are ready now): pages verified since the count was read made it seal more;
                # a refusal of the core (entries changed outside Daftar) is shown as its reason.
                # In a process of its own (8-12 s for 20,000 entries: on the panel's thread it
                # held the Python lock, a 20 MB JSON text at once, and the window collected its
                # garbage, up to 0.1-0.5 s frozen at a time); this thread waits for it
                from desktop.job_process import workspace_args
                from desktop.procjob import run_in_process

                return run_in_process(SEAL_JOB, {**workspace_args(ws), "actor": actor, "expected": shown})

        def compare(entry_uuid: str, version: int):
            # on the panel's worker: the server's copy fetched (one request over TLS) and compared
            # with what this office sent; why not, in words, when it cannot be (offline...)
            from records.conflicts import compare as comparison

            try:
                copy = engine().fetch_server_copy(ws, entry_uuid, version)
                with ws.session() as s:
                    return comparison(s, copy)
            except (engine().SyncError, outbox.OutboxError) as e:
                return str(e)

        take = None
        if actor.role in TAKERS:

            def take(copy):
                from records.conflicts import take_server_copy
                from records.workflow import WorkflowError

                try:
                    with ws.session() as s:
                        return take_server_copy(s, actor=actor, copy=copy)
                except (outbox.OutboxError, WorkflowError) as e:
                    return str(e)

        panel = SyncPanel(
            run_pass=lambda progress: engine().run_once(ws, progress=progress),
            # "Check with the server": the pass of `daftar sync --reconcile`, on the panel's thread
            reconcile=lambda progress: engine().SyncEngine(ws, progress=progress).run_once(reconcile=True),
            status=lambda: engine().queue_status(ws),
            set_paused=lambda paused: engine().set_paused(ws, paused),
            reachable=lambda: engine().connection_state(ws),
            resend=resend,
            seal=seal,
            handover=lambda batch_id: save_report_pdf(win, ws, "handover", batch_id=batch_id,
                                                      urdu_digits=win.ctx.prefs.urdu_digits),
            usb=(lambda: save_batch_file(win)) if seal is not None else None,
            compare=compare,
            take=take,
            parent=win,
        )
        panel.watch(60_000)
        # pages approved, verified or returned in the review change what a batch would take:
        # the counts and the seal button follow (read again in the background once they settle)
        win.ctx.bus.changed.connect(panel.records_changed)
        # a problem double-clicked opens its entry's page at its row (as "Returned to me" does)
        panel.open_entry.connect(win.open_entry)
        # the server's copy taken: the entry has a new version; the views showing it redraw
        panel.taken.connect(lambda taken: win.ctx.bus.changed.emit(_taken_changes(taken), None))
        dock = QDockWidget(win.tr("Sync"), win)
        dock.setObjectName("syncDock")
        dock.setWidget(panel)
        win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        # the pages stay the main thing: the dock as tall as the panel needs (230 px at most)
        win.resizeDocks([dock], [min(230, panel.sizeHint().height())], Qt.Orientation.Vertical)
        win.sync_dock, win.sync_panel = dock, panel
    dock.show()
    dock.raise_()
    return dock


def _taken_changes(taken):
    """What taking the server's copy changed, as the change bus tells views."""
    from records.services import Changes

    return Changes(entries=True, values=True, workflow=True, pages=taken.page_id is not None,
                   entry_ids=set(taken.entry_ids), page_ids={taken.page_id} if taken.page_id else set(),
                   new_entry_ids={taken.old_entry_id: taken.entry_id})


def shutdown(win) -> None:
    """Stop what these screens started (the sync panel's watcher and worker)."""
    panel = getattr(win, "sync_panel", None)
    if panel is not None:
        panel.stop()
