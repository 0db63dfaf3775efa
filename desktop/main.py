"""Entry point of the desktop app: `run_app(workspace_dir) -> int` (called by `daftar app`)."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from desktop.qt import QApplication, QMessageBox, QObject, Qt, QTimer

# after the window shows (or is unlocked), when the app is idle: a spare job process made
# ready (desktop.procjob.keep_warm; 2-7 ms here to spawn, its imports in that process)
WARM_JOBS_AFTER_MS = 3000


def _app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Daftar")
    app.setOrganizationName("Daftar")
    app.setDesktopFileName("daftar")  # (Wayland and the task bar match the window to daftar.desktop)
    set_app_icon(app)
    return app


def set_app_icon(app: QApplication) -> None:
    """Every window's icon (title bar, task bar, Alt+Tab): Daftar's own, drawn from its SVG at
    any size and its 256 px PNG where Qt has no SVG reader; none (Qt's default) when missing."""
    import resources
    from desktop.qt import QIcon

    icon = QIcon()
    for name in ("daftar.svg", "daftar.png"):
        try:
            icon.addFile(str(resources.icon_path(name)))
        except FileNotFoundError:
            continue
    if not icon.isNull():
        app.setWindowIcon(icon)


def run_app(workspace_dir: str | Path | None, *, username: str | None = None, trace=None) -> int:
    """Sign in (creating the workspace and its administrator on first start), show the main
    window, run Qt. With `username` and $DAFTAR_PASSWORD it signs in without asking. `trace`,
    this run's daftar.crashlog.Run: Qt's messages and unexpected errors go to its log, and
    the user hears first when the last run ended unexpectedly (desktop.crash_report)."""
    from desktop import crash_report
    from desktop.first_start import create_workspace_interactive, is_new_workspace
    from desktop.fonts import load_fonts
    from desktop.i18n import choose_language_at_start, message
    from desktop.login import password_from_env, sign_in_interactive
    from records.workspace import WorkspaceError, default_workspace_dir

    app = _app()
    if trace is not None:
        crash_report.install(trace, app)
    load_fonts()
    lang = choose_language_at_start(app, ask=username is None)  # unattended starts never ask
    crash_report.tell_previous_run(trace)
    if crash_report.terminated():
        return 0
    root = Path(workspace_dir) if workspace_dir is not None else default_workspace_dir()
    try:
        if is_new_workspace(root):
            signed = create_workspace_interactive(root, language=lang)
        else:
            signed = sign_in_interactive(root, username=username, password=password_from_env() if username else None)
    except WorkspaceError as e:
        QMessageBox.critical(None, app.translate("Main", "Daftar"), message(str(e)))
        return 1
    if signed is None:
        return 0
    ws, user = signed
    if crash_report.terminated():  # SIGTERM while signing in
        ws.close()
        return 0
    _speak_as(user, lang)
    host = MainWindowHost(ws, user.actor(), root=root)
    host.window.show()
    logging.getLogger("daftar").info("main window open (%s)", user.username)
    try:
        return app.exec()
    finally:
        host.shutdown()
        host.ws.close()


def _speak_as(user, current: str) -> None:
    """The interface in the signed-in user's language (when it is not `current`); the sign-in
    screen follows the last user's language on this computer."""
    from desktop.i18n import apply_language, save_language

    if user.language != current and apply_language(QApplication.instance(), user.language):
        save_language(user.language)


class MainWindowHost(QObject):
    """Holds the main window of a signed-in session and builds it again, over the same
    workspace and user, when the user's language or the office's display settings change:
    Qt builds a window's texts and direction once, so a new window is how they apply at once.
    The new window opens where the old one was (register, page, tab, sync panel, geometry)."""

    def __init__(self, ws, actor, prefs=None, *, root=None) -> None:
        from desktop.idle_lock import IdleWatch

        super().__init__()
        self.ws, self.actor = ws, actor
        self.root = root if root is not None else ws.root
        self.window = self._build(prefs=prefs)
        self.lock_dialog = None
        self.idle = IdleWatch(self.lock_after_s, parent=self)
        self.idle.idle.connect(self.lock)
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.timeout.connect(self._warm_jobs)
        self._warm_jobs_later()

    def _warm_jobs_later(self) -> None:
        """A spare job process made ready once the app is idle (Verify chain, reports, exports
        and the backup then start without their imports); ended at lock, sign-out and quit."""
        self._warm_timer.start(WARM_JOBS_AFTER_MS)

    def _warm_jobs(self) -> None:
        from shiboken6 import isValid

        from desktop import procjob

        if self.lock_dialog is None and isValid(self.window) and not self.window.isHidden():
            procjob.keep_warm(True)

    def _cool_jobs(self) -> None:
        from desktop import procjob

        self._warm_timer.stop()
        procjob.keep_warm(False)

    def lock_after_s(self) -> int:
        """The office's security.lock_after_minutes in seconds (0: never lock); its default
        when the workspace cannot be read just now."""
        from records import office_settings
        from records.settings import option

        try:
            with self.ws.session() as s:
                return 60 * int(office_settings.read(s).get("security.lock_after_minutes"))
        except Exception:  # noqa: BLE001 - a busy or closing database must not stop the lock
            return 60 * int(option("security.lock_after_minutes").default)

    def lock(self, idle: bool = True) -> None:
        """Hide Daftar's windows behind the lock (desktop.idle_lock.LockDialog): when nobody
        has used it for the office's time (`idle`), or at once (Account › Lock the window).
        Background work goes on; the signed-in user's password shows everything again as it
        was, "Sign out" asks who is next."""
        from desktop.idle_lock import LockDialog, windows_to_hide
        from records import accounts

        if self.lock_dialog is not None:
            return
        try:
            with self.ws.session() as s:
                name = accounts.get_user(s, self.actor.id).full_name
        except Exception:  # noqa: BLE001 - a busy database must not keep the window open
            name = ""
        self.idle.paused = True
        self._cool_jobs()  # (no spare process while nobody is signed in at the window)
        hidden = windows_to_hide()
        for w in hidden:
            w.hide()
        # the hidden window's child: closing the lock then never counts as closing the app's
        # last window (which would end the app on Sign out)
        dlg = self.lock_dialog = LockDialog(self.ws, self.actor.username, name,
                                            self.lock_after_s() // 60 if idle else None, parent=self.window)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda result: self._unlocked(result, hidden))
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()

    def _unlocked(self, result: int, hidden) -> None:
        from desktop.idle_lock import LockDialog, open_modal_dialogs

        self.lock_dialog = None
        if result == LockDialog.SIGN_OUT:
            for d in open_modal_dialogs():  # their work is the last user's: cancelled
                d.reject()
            self.window.sign_out_requested.emit()  # queued: after those dialogs have ended
            return
        for w in hidden:
            w.show()
        self.idle.touch()
        self.idle.paused = False
        self._warm_jobs_later()

    def _build(self, prefs=None, view=None):
        win = open_main_window(self.ws, actor=self.actor, prefs=prefs, view=view)
        # queued: the old window's menu action returns before the window goes away
        win.rebuild_requested.connect(self.rebuild, Qt.ConnectionType.QueuedConnection)
        win.sign_out_requested.connect(self.sign_out, Qt.ConnectionType.QueuedConnection)
        win.lock_requested.connect(lambda: self.lock(idle=False), Qt.ConnectionType.QueuedConnection)
        return win

    def sign_out(self) -> bool:
        """Account › Sign out: the window closes (its writes finished, its OCR left to resume),
        the workspace too (an encrypted one opens again only with the next user's password),
        and the sign-in asks who is next: one office PC, several people. Giving up there ends
        the app. True when someone signed in again."""
        from desktop.i18n import current_language
        from desktop.login import sign_in_interactive

        old = self.window
        self.idle.paused = True
        self._cool_jobs()
        old.shutdown()
        old.hide()
        # Closing the database checkpoints its write-ahead log into it and syncs it to disk:
        # 0.2-0.6 s on a big workspace after a day's work, with no window on the screen. It
        # is done beside the sign-in, which shows at once (it opens the workspace only to
        # check the password, on a thread: SQLite lets one connection close while another
        # opens), and is over before the next window opens.
        closing = threading.Thread(target=self.ws.close, name="daftar-close-workspace")
        closing.start()
        try:
            signed = sign_in_interactive(self.root, signed_out=True)
        finally:
            closing.join()
        old.deleteLater()
        if signed is None:
            QApplication.instance().quit()
            return False
        self.ws, user = signed
        self.actor = user.actor()
        _speak_as(user, current_language())
        self.window = self._build()
        self.window.show()
        self.idle.touch()
        self.idle.paused = False
        self._warm_jobs_later()
        return True

    def rebuild(self, lang: str) -> None:
        """Close the window (its queued writes finished, its OCR left to resume) and open a
        new one in `lang` showing what the old one showed."""
        from desktop.i18n import apply_language

        old = self.window
        view = old.view_state()
        was_maximized = old.isMaximized()
        old.shutdown()
        apply_language(QApplication.instance(), lang)
        self.window = self._build(view=view)
        self.window.showMaximized() if was_maximized else self.window.show()
        old.hide()
        old.deleteLater()

    def shutdown(self) -> None:
        self.idle.stop()
        self._cool_jobs()
        self.window.shutdown()


def open_main_window(ws, actor=None, prefs=None, view=None):
    """Build the main window over an open workspace (tests use this directly); `view`, a
    mainwindow.ViewState, opens it where a window it replaces was."""
    from desktop.context import AppContext
    from desktop.mainwindow import MainWindow
    from desktop.signin import default_actor

    actor = actor or default_actor(ws)
    ctx = AppContext.create(ws, actor, prefs=prefs)
    from desktop.i18n import configure_from_workspace

    configure_from_workspace(ws, urdu_digits=ctx.prefs.urdu_digits)
    return MainWindow(ctx, view=view)
