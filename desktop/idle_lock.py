"""Locking a window left alone: one office PC, several people, records of land.

`IdleWatch` notices when nobody has pressed a key or moved the mouse in any Daftar window for
the office's `security.lock_after_minutes`; the host (desktop.main.MainWindowHost) then hides
its windows behind a `LockDialog`: the signed-in user's password opens them again as they
were, or "Sign out" hands the computer to the next person. Work in the background (OCR,
sync, writes) goes on while the window is locked; nothing is closed.
"""

from __future__ import annotations

import time

from desktop.bidi import ltr
from desktop.i18n import number_text
from desktop.login import _Form, password_attempt
from desktop.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QGuiApplication,
    QObject,
    Qt,
    QTimer,
    QWidget,
    Signal,
)
from records import access

# what counts as someone at the computer
_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleWatch(QObject):
    """Emits `idle` once the app has had no keyboard or mouse input for `limit_s()` seconds
    (read again at every check, so a changed office setting applies at once; 0: never).

    It watches the app's windows (QWindow: every key and mouse event of a window passes
    through it before its widgets get it), not the application, where a filter in Python is
    called for every event of every object (about 1 µs each), objects being destroyed among
    them. A window gets the filter when it gets the focus and at each check (every
    `check_ms`); input only stamps the time."""

    idle = Signal()

    def __init__(self, limit_s, *, check_ms: int = 20_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit_s = limit_s
        self.last_input = time.monotonic()
        self.paused = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)
        QGuiApplication.instance().focusWindowChanged.connect(self._watch)
        self._watch_all()
        self._timer.start()

    def _watch(self, window) -> None:
        if window is not None:
            window.installEventFilter(self)  # (installed again: Qt keeps it once)

    def _watch_all(self) -> None:
        for window in QGuiApplication.topLevelWindows():
            self._watch(window)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
        return False

    def touch(self) -> None:
        """Count from now (after a sign-in or an unlock)."""
        self.last_input = time.monotonic()

    def check(self) -> None:
        """Emit `idle` when the limit has passed without input (not while paused)."""
        self._watch_all()  # windows opened since (a dialog that never had the focus)
        if self.paused:
            return
        limit = self.limit_s()
        if limit and time.monotonic() - self.last_input >= limit:
            self.idle.emit()

    def stop(self) -> None:
        self._timer.stop()
        app = QGuiApplication.instance()
        if app is None:
            return
        try:
            app.focusWindowChanged.disconnect(self._watch)
        except (RuntimeError, TypeError):
            pass
        for window in QGuiApplication.topLevelWindows():
            window.removeEventFilter(self)


class LockDialog(_Form):
    """'Daftar is locked': the signed-in user's password unlocks (checked as a sign-in: wrong
    ones count toward the account's lockout); "Sign out" lets someone else sign in. Escape
    and the window's close button do not unlock. Finishes with Accepted (unlocked) or
    SIGN_OUT."""

    SIGN_OUT = 2

    def __init__(self, ws, username: str, full_name: str, minutes: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Daftar is locked"), parent)
        self.setObjectName("LockDialog")
        self.ws, self.username = ws, username
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        name = full_name or username
        why = (self.tr("Daftar locked its window after {minutes} minutes without use, so that nobody "
                       "works under your name.").format(minutes=number_text(minutes)) if minutes
               else self.tr("Daftar's window is locked, so that nobody works under your name."))
        if name.strip().lower() == username.lower():  # an account without a name of its own: said once
            whose = self.tr("{user}: type your password to go on where you were. Anyone else: Sign out, then "
                            "sign in.").format(user=ltr(username))
        else:
            whose = self.tr("{name} ({user}): type your password to go on where you were. Anyone else: "
                            "Sign out, then sign in.").format(name=name, user=ltr(username))
        self.set_intro(why + "\n" + whose)
        self.password = self.line("lockPassword", self.tr("Password"), password=True)
        self.error.setObjectName("lockError")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        self.buttons.removeButton(self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        self.sign_out_btn = self.buttons.addButton(self.tr("Sign out"), QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_out_btn.setObjectName("lockSignOut")
        self.sign_out_btn.setAutoDefault(False)
        self.sign_out_btn.clicked.connect(lambda _=False: self.done(self.SIGN_OUT))
        self.password.setFocus()

    def submit(self) -> None:
        """Check the password; say why when it is refused (wrong, account locked or disabled)."""
        pw = self.password.text()
        if not pw:
            self.show_error(self.tr("Type your password."))
            return
        if password_attempt(self, self.password,
                            lambda: access.confirm_password(self.ws, username=self.username, password=pw),
                            self.tr("Still locked: {reason}"), self.tr("Checking the password…")) is not None:
            self.accept()

    def reject(self) -> None:
        """Escape does not unlock (nor close the lock)."""

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.ignore()  # the window's close button (done() closes without this event)


def _modal_dialog(w) -> bool:
    """A dialog other than the lock that blocks other windows (opened with exec or open)."""
    return isinstance(w, QDialog) and not isinstance(w, LockDialog) and w.windowModality() != Qt.WindowModality.NonModal


def windows_to_hide() -> list[QWidget]:
    """The visible windows to hide while locked: every top-level window but a dialog that is
    modal (hiding one would end it as if cancelled, losing what was typed into it; the lock
    stands above it and blocks it)."""
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, LockDialog) and not _modal_dialog(w)]


def open_modal_dialogs() -> list[QDialog]:
    """The modal dialogs open now (to cancel before a sign-out from the lock)."""
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and _modal_dialog(w)]
