"""What the app adds to daftar.crashlog: Qt's own warnings and errors in the log (qCritical,
and qFatal, after which Qt aborts), a short word to the user when something failed that was
not expected (never a traceback: that is in the log), at start the news that the last run
ended unexpectedly, and a polite termination (SIGTERM: a log-out, a service stop) taken as a
clean quit rather than a crash."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from desktop.bidi import isolate, ltr
from desktop.qt import QCoreApplication, QMessageBox, QObject, Qt, QtMsgType, Signal

log = logging.getLogger("daftar.qt")

MAX_QT_WARNINGS = 200  # a warning Qt repeats in a loop must not fill the disk

_LEVELS = {QtMsgType.QtDebugMsg: None, QtMsgType.QtInfoMsg: None, QtMsgType.QtWarningMsg: logging.WARNING,
           QtMsgType.QtCriticalMsg: logging.ERROR, QtMsgType.QtFatalMsg: logging.CRITICAL}


class _Notices(QObject):
    """Tells the user, on the GUI thread, of an error no code expected (from any thread)."""

    wanted = Signal(str)

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.box: QMessageBox | None = None
        self._said: set[tuple[str, str]] = set()
        self.wanted.connect(self.show, Qt.ConnectionType.QueuedConnection)  # never inside the failing handler

    def uncaught(self, exc: BaseException) -> None:
        """The crashlog's listener (any thread): each kind of failure once a run."""
        import traceback

        frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
        key = (type(exc).__name__, f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "")
        if key in self._said:
            return
        self._said.add(key)
        self.wanted.emit(short_error(exc))

    def show(self, what: str) -> None:
        if self.box is not None and self.box.isVisible():
            return  # one at a time: the log has every one
        from desktop.qt import QApplication

        app = QApplication.instance()
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("CrashReport", "Daftar"),
                          error_message(what, self.log_file), parent=app.activeWindow() if app else None)
        box.setObjectName("unexpectedError")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path, to copy
        self.box = box
        box.open()


def short_error(exc: BaseException) -> str:
    """The error in a few words: its kind and the first line of its message, cut short."""
    first = (str(exc).strip().splitlines() or [""])[0]
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "…"


def error_message(what: str, log_file: Path) -> str:
    return QCoreApplication.translate(
        "CrashReport", "Daftar hit an error it did not expect ({error}). What you have saved is safe: every edit "
        "is saved the moment it is made. If this happens again, give IT the log file {path}.").format(
        error=isolate(what), path=ltr(os.fspath(log_file)))


def previous_run_message(log_file: Path) -> str:
    return QCoreApplication.translate(
        "CrashReport", "Daftar ended unexpectedly the last time it was used on this computer. Nothing that was "
        "saved was lost: every edit is saved the moment it is made. If this happens again, give IT the log file "
        "{path}.").format(path=ltr(os.fspath(log_file)))


def _qt_message(mode, context, message: str) -> None:
    import sys

    level = _LEVELS.get(mode, logging.WARNING)
    if level is not None:
        global _warnings
        if level == logging.WARNING:
            _warnings += 1
        if level > logging.WARNING or _warnings <= MAX_QT_WARNINGS:
            where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
            log.log(level, "Qt: %s%s", message, where)
            if level == logging.CRITICAL:  # Qt aborts when this returns: faulthandler adds the stacks
                for h in logging.getLogger().handlers:
                    h.flush()
    if sys.stderr is not None:  # as Qt's own handler would print it
        print(message, file=sys.stderr, flush=True)


_warnings = 0
_notices: _Notices | None = None


def install(run, app) -> None:
    """Send Qt's messages to the log, tell the user of uncaught errors, quit cleanly on SIGTERM
    (`run`: the daftar.crashlog.Run of this process)."""
    from desktop.qt import qInstallMessageHandler

    global _notices
    qInstallMessageHandler(_qt_message)
    _notices = _Notices(run.path, app)
    run.listeners.append(_notices.uncaught)
    _quit_on_terminate(app)


def tell_previous_run(run, parent=None) -> None:
    """At start: say that the last run ended unexpectedly, when it did (`run.previous`)."""
    if run is None or not run.previous:
        return
    log.info("telling the user that the last run ended unexpectedly")
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("CrashReport", "Daftar"),
                      previous_run_message(run.path), parent=parent)
    box.setObjectName("endedUnexpectedly")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def _quit_on_terminate(app) -> None:
    """SIGTERM (a log-out, `kill`, a service manager) ends the event loop as Quit does, so the
    run ends cleanly (queued writes finished, the marker removed). Python runs a signal's
    handler only when it next runs code: the signal's wake-up byte on a socket makes Qt call
    in at once, even while nothing else happens."""
    import signal
    import socket

    if os.name != "posix":
        return
    from desktop.qt import QSocketNotifier

    try:
        r, w = socket.socketpair()
        r.setblocking(False)
        w.setblocking(False)
        signal.set_wakeup_fd(w.fileno())
    except (OSError, ValueError):  # not the main thread
        return
    notifier = QSocketNotifier(r.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: _drain(r))
    signal.signal(signal.SIGTERM, lambda *_: _terminate(app))
    app._daftar_wakeup = (r, w, notifier)  # kept as long as the application


_terminated = False


def _terminate(app) -> None:
    global _terminated
    _terminated = True
    log.info("SIGTERM: quitting")
    app.closeAllWindows()  # as Quit does (where the window was is kept)
    app.exit(0)  # and every event loop ends, a dialog's too (quit() left a message box open)


def terminated() -> bool:
    """SIGTERM came (run_app does not go on to sign in after a message it ended)."""
    return _terminated


def _drain(sock) -> None:
    try:
        while sock.recv(64):
            pass
    except OSError:
        pass
