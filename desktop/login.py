"""Signing in at start: the login dialog, the first administrator, password changes.

`sign_in_interactive(root)` is the whole flow `run_app` uses:
- no administrator yet (first start of a plain workspace) → "create the administrator";
- the login dialog (user name + password) → records.access.sign_in, which also unlocks an
  encrypted workspace; wrong passwords and lockouts are shown in the dialog;
- the user must change the password (after a reset by the administrator) → forced change.

Passwords are checked on a thread while the dialog waits for the answer, disabled, under a
wait cursor (`password_attempt`): argon2 and opening the workspace take 0.15-0.8 s, and a
dialog that stopped drawing that long looked hung.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from desktop.bidi import ltr
from desktop.empty_field_cursor import mark_urdu_field
from desktop.i18n import ROLE_LABELS, role_label
from desktop.labels import wrapping
from desktop.qt import (
    QApplication,
    QComboBox,
    QCursor,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QObject,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.typed_numbers import keep_numbers_in_order, set_text, text_of
from records import access, accounts
from records.accounts import AccountError, UserView

PASSWORD_ENV = "DAFTAR_PASSWORD"


@contextmanager
def waiting():
    """A wait cursor while a password is checked or a workspace made (argon2 takes a moment)."""
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _sign_in_error(e: BaseException) -> str:
    """The text of a refused sign-in, fit to show (never a traceback)."""
    from records.crypto import CryptoError
    from records.workspace import WorkspaceError

    if isinstance(e, (AccountError, CryptoError, WorkspaceError)):
        from desktop.i18n import message

        return message(str(e))
    from desktop.system_errors import reason  # (a locked database, a disk unplugged: in Urdu words)

    return reason(e, f"{type(e).__name__}: {e}")


class _Done(QObject):
    """Said by a password check's thread when it ends (off_ui_thread waits for it)."""

    finished = Signal()


def off_ui_thread(form: QWidget, call):
    """Run `call` (Qt-free: records' password checks) on a thread and return what it returns
    (or raise what it raised), the UI thread drawing meanwhile: the form is disabled and
    cannot be closed, and the caller waits as if it were called here. argon2 and opening the
    workspace take 0.15-0.8 s, a window that stopped drawing for that long looked hung."""
    import threading

    from desktop.gc_guard import GuiThreadCollector
    from desktop.qt import QEventLoop

    result: dict = {}
    done = _Done()  # lives on this thread: its signal, emitted by the worker, is queued here
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            result["value"] = call()
        except BaseException as e:  # noqa: BLE001 - raised again on the UI thread
            result["error"] = e
        finally:
            done.finished.emit()  # (queued: the loop quits even when this comes before it runs)

    # garbage is collected on this thread only while the check runs (desktop.gc_guard)
    guard = GuiThreadCollector(form)
    form.setEnabled(False)
    form._checking = True
    thread = threading.Thread(target=work, name="daftar-password-check", daemon=True)
    try:
        thread.start()
        loop.exec()  # drawing and answering the window until the worker says it is done
        thread.join()
    finally:
        form._checking = False
        form.setEnabled(True)
        guard.release()
        guard.deleteLater()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def form_attempt(form, call, refused: str, *, note: str = "", password: QLineEdit | None = None):
    """Run `call` (Qt-free: argon2, opening or making a workspace) off the UI thread
    (`off_ui_thread`) with the wait cursor, the form saying `note` ("Checking the password…")
    meanwhile; return (True, what it returned), or (False, None) when it raised: `form` then
    says why (`refused`: a text with {reason}) and `password`, if given, is cleared and given
    the keyboard. Enter pressed again while it runs does nothing: (False, None)."""
    if getattr(form, "_checking", False):
        return False, None  # (Enter pressed again while a check runs)
    show_note = getattr(form, "show_note", None)
    if show_note is not None:
        show_note(note)
    with waiting():
        try:
            return True, off_ui_thread(form, call)
        except Exception as e:  # noqa: BLE001 - every refusal is shown in the dialog
            if password is not None:
                password.clear()
                password.setFocus()
            form.show_error(refused.format(reason=_sign_in_error(e)))
            return False, None
        finally:
            if show_note is not None:
                show_note("")


def password_attempt(form, password: QLineEdit, call, refused: str, note: str = ""):
    """Run a password check `call` with the wait cursor, off the UI thread (`form_attempt`);
    return what it returns, or None when it is refused: the password field is then cleared
    and given the keyboard, and `form` says why (`refused`: a text with {reason})."""
    done, value = form_attempt(form, call, refused, note=note, password=password)
    return value if done else None


class _Form(QDialog):
    """A small form dialog with an error line and OK/Cancel."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._outer = QVBoxLayout(self)
        self.intro = QLabel(self)
        wrapping(self.intro)
        self.intro.setVisible(False)
        self._outer.addWidget(self.intro)
        self.form = QFormLayout()
        self._outer.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        wrapping(self.error)
        self.error.setStyleSheet("color: #b00020; font-weight: bold")
        self._outer.addWidget(self.error)
        # what runs while the form waits for a check off the UI thread ("Checking the password…")
        self.note = QLabel(self)
        self.note.setObjectName("formNote")
        self.note.setStyleSheet("color: #1c4e80")  # read in full while the form is disabled (not greyed)
        wrapping(self.note)
        self.note.setVisible(False)
        self._outer.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._outer.addWidget(self.buttons)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def line(self, name: str, label: str, *, password: bool = False, text: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, edit)
        return edit

    def show_error(self, text: str) -> None:
        """Say what is wrong below the fields, the form grown to show all of it."""
        self.error.setText(text)
        self.adjustSize()

    def show_note(self, text: str) -> None:
        """Say what the form is doing while it waits (empty: nothing); drawn at once."""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        if text:
            self.error.clear()

    def submit(self) -> None:  # pragma: no cover - overridden
        self.accept()

    def reject(self) -> None:
        if getattr(self, "_checking", False):
            return  # a password check is running (off_ui_thread): its answer is waited for
        super().reject()


class LoginDialog(_Form):
    """User name and password; on success `workspace` and `user` hold the signed-in result."""

    def __init__(self, root: str | Path | None, parent: QWidget | None = None, *, username: str = "",
                 message: str = "") -> None:
        super().__init__(self.tr("Daftar — sign in"), parent)
        self.setObjectName("LoginDialog")
        self.root = root
        self.workspace = None
        self.user: UserView | None = None
        from records.workspace import Workspace

        self.set_intro(self.tr("Workspace: {path}").format(path=ltr(root or "")) + (
            "\n" + self.tr("This workspace is encrypted: your password also unlocks it.")
            if Workspace.is_encrypted(root) else ""))
        self.username = keep_numbers_in_order(mark_urdu_field(self.line("loginUser", self.tr("User name"), text=username)))  # (names may be Urdu)
        self.password = self.line("loginPassword", self.tr("Password"), password=True)
        self.error.setObjectName("loginError")
        self.forgot_btn = self.buttons.addButton(self.tr("Forgot the password?"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.forgot_btn.setObjectName("forgotPassword")
        self.forgot_btn.setAutoDefault(False)
        self.forgot_btn.clicked.connect(lambda _=False: self.forgot_password())
        self.ask_recovery = self._ask_recovery  # replaced in tests
        self.show_new_code = self._show_new_code
        self.show_error(message)
        (self.password if username else self.username).setFocus()

    def forgot_password(self) -> None:
        """Who can set a new password: the administrator (Account › Users); when no administrator
        can sign in, the recovery code of an encrypted workspace (a dialog), or IT staff on this
        computer for a workspace that is not encrypted (`daftar recover`)."""
        from records.workspace import Workspace

        if not Workspace.is_encrypted(self.root):
            self.show_error(self.tr("Ask the administrator to set a new password (Account › Users › Reset "
                                    "password). If no administrator can sign in, IT staff can set one on this "
                                    "computer with: {command}").format(
                                        command=ltr("daftar recover --user NAME --without-code")))
            return
        dlg = self.ask_recovery()
        if dlg is None or not dlg.new_code:
            return
        self.show_new_code(dlg.new_code)
        set_text(self.username, text_of(dlg.username).strip())
        self.password.clear()
        self.password.setFocus()
        self.show_error(self.tr("Sign in with the new password; you will then choose your own."))

    def _ask_recovery(self) -> RecoverDialog | None:
        dlg = RecoverDialog(self.root, self, username=text_of(self.username).strip())
        return dlg if dlg.exec() == QDialog.DialogCode.Accepted else None

    def _show_new_code(self, code: str) -> None:
        from desktop.first_start import RecoveryCodeDialog

        RecoveryCodeDialog(code, self).exec()

    def submit(self) -> None:
        """Try the user name and password; show why when refused (wrong, locked, disabled)."""
        name, pw = text_of(self.username).strip(), self.password.text()
        if not name or not pw:
            self.show_error(self.tr("Type your user name and password."))
            return
        signed = password_attempt(self, self.password, lambda: access.sign_in(self.root, username=name, password=pw),
                                  self.tr("Not signed in: {reason}"), self.tr("Checking the password…"))
        if signed is None:
            return
        self.workspace, self.user = signed
        self.accept()


class RecoverDialog(_Form):
    """A new password for an account with the recovery code of an encrypted workspace, when no
    administrator can sign in to reset it (`records.access.recover_account`). The code used is
    then replaced: `new_code` holds the new one, to be shown once."""

    def __init__(self, root: str | Path | None, parent: QWidget | None = None, *, username: str = "") -> None:
        super().__init__(self.tr("Daftar — a new password with the recovery code"), parent)
        self.setObjectName("RecoverDialog")
        self.root = root
        self.new_code: str | None = None
        self.set_intro(self.tr("The recovery code, locked away since this workspace was made, sets a new "
                               "password for an account: the administrator's, when no administrator can "
                               "sign in. The user chooses their own password at the next sign-in, the audit "
                               "trail records it, and a new recovery code replaces the one used."))
        self.username = keep_numbers_in_order(mark_urdu_field(self.line("recoverUser", self.tr("User name"), text=username)))  # (names may be Urdu)
        self.code = self.line("recoverCode", self.tr("Recovery code"), password=True)
        self.password = self.line("recoverPassword", self.tr("New password"), password=True)
        self.repeat = self.line("recoverRepeat", self.tr("New password again"), password=True)

    def submit(self) -> None:
        name, code = text_of(self.username).strip(), self.code.text().strip()
        if not name or not code:
            self.show_error(self.tr("Type the user name and the recovery code."))
            return
        if self.password.text() != self.repeat.text():
            self.show_error(self.tr("The two passwords differ: type the same password twice."))
            return
        root, pw = self.root, self.password.text()
        done, new_code = form_attempt(self, lambda: access.recover_account(root, username=name, new_password=pw,
                                                                           code=code),
                                  self.tr("Not changed: {reason}"), note=self.tr("Checking the recovery code…"))
        if not done:
            return
        self.new_code = new_code
        self.accept()


class FirstAdminDialog(_Form):
    """First start: create the administrator account (user name, full name, password twice)."""

    def __init__(self, ws, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Daftar — create the administrator"), parent)
        self.setObjectName("FirstAdminDialog")
        self.ws = ws
        self.user: UserView | None = None
        self.set_intro(self.tr("This workspace has no administrator yet. The administrator creates the "
                               "accounts of clerks and supervisors and resets forgotten passwords."))
        self.username = keep_numbers_in_order(mark_urdu_field(self.line("adminUser", self.tr("User name"), text="admin")))  # (names may be Urdu)
        self.full_name = keep_numbers_in_order(mark_urdu_field(self.line("adminName", self.tr("Full name"))))
        self.password = self.line("adminPassword", self.tr("Password"), password=True)
        self.repeat = self.line("adminRepeat", self.tr("Password again"), password=True)
        self.password.setFocus()

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self.show_error(self.tr("The two passwords differ: type the same password twice."))
            return
        ws, name, pw, full = self.ws, text_of(self.username), self.password.text(), text_of(self.full_name).strip()
        done, user = form_attempt(self, lambda: access.create_user(ws, actor=None, username=name, password=pw,
                                                                   role="admin", full_name=full),
                                  self.tr("Not created: {reason}"), note=self.tr("Creating the administrator…"))
        if not done:
            return
        self.user = user
        self.accept()


class ChangePasswordDialog(_Form):
    """Change one's own password (forced after a reset: cancel then means signing out)."""

    def __init__(self, ws, user: UserView, parent: QWidget | None = None, *, forced: bool = False) -> None:
        super().__init__(self.tr("Change password"), parent)
        self.setObjectName("ChangePasswordDialog")
        self.ws, self.user = ws, user
        if forced:
            self.set_intro(self.tr("The administrator set your password. Choose your own password now."))
        self.old = self.line("oldPassword", self.tr("Current password"), password=True)
        self.new = self.line("newPassword", self.tr("New password"), password=True)
        self.repeat = self.line("repeatPassword", self.tr("New password again"), password=True)
        self.old.setFocus()

    def submit(self) -> None:
        if self.new.text() != self.repeat.text():
            self.show_error(self.tr("The two new passwords differ: type the same password twice."))
            return
        if self.new.text() == self.old.text():
            self.show_error(self.tr("Choose a new password that differs from the current one."))
            return
        ws, uid, old, new = self.ws, self.user.id, self.old.text(), self.new.text()
        done, _ = form_attempt(self, lambda: access.change_password(ws, user_id=uid, old_password=old,
                                                                    new_password=new),
                               self.tr("Not changed: {reason}"), note=self.tr("Changing the password…"))
        if not done:
            return
        self.accept()


class RoleBox(QComboBox):
    """The four roles, shown translated, with the role id as item data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for role in ROLE_LABELS:
            self.addItem(role_label(role), role)


# ----------------------------------------------------------------------------- the flow
def _needs_first_admin(root) -> bool:
    from records.workspace import Workspace

    if Workspace.is_encrypted(root):
        return False  # an encrypted workspace is created together with its administrator
    ws = Workspace.open(root, create=True)
    try:
        with ws.session() as s:
            return accounts.needs_first_admin(s)
    finally:
        ws.close()


def create_first_admin(root, parent: QWidget | None = None) -> bool:
    """Ask for the first administrator of a plain workspace; False when cancelled."""
    from records.workspace import Workspace

    ws = Workspace.open(root, create=True)
    try:
        return FirstAdminDialog(ws, parent).exec() == QDialog.DialogCode.Accepted
    finally:
        ws.close()


def sign_in_interactive(root, *, username: str | None = None, password: str | None = None,
                        parent: QWidget | None = None, signed_out: bool = False):
    """The start-up flow; returns (workspace, UserView) or None when the user gave up.

    With `username` and `password` (e.g. `daftar app --user NAME` and $DAFTAR_PASSWORD)
    it signs in without asking; a refusal opens the dialog with the reason. `signed_out`:
    someone has just signed out of this workspace, so it has its administrator (accounts are
    never deleted): it is not opened on the UI thread to ask, the sign-in shows at once.
    """
    message = ""
    if not signed_out and _needs_first_admin(root):
        if not create_first_admin(root, parent):
            return None
    elif username and password:
        try:
            ws, user = access.sign_in(root, username=username, password=password)
        except Exception as e:  # noqa: BLE001 - shown in the dialog
            message = QApplication.translate("LoginDialog", "Not signed in: {reason}").format(reason=_sign_in_error(e))
        else:
            return _after_sign_in(ws, user, parent)
    dlg = LoginDialog(root, parent, username=username or "", message=message)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    return _after_sign_in(dlg.workspace, dlg.user, parent)


def _after_sign_in(ws, user: UserView, parent):
    if user.must_change_password:
        if ChangePasswordDialog(ws, user, parent, forced=True).exec() != QDialog.DialogCode.Accepted:
            ws.close()
            return None
        with ws.session() as s:
            user = accounts.get_user(s, user.id)
    warn_of_the_clock(ws, parent)
    return ws, user


def warn_of_the_clock(ws, parent=None) -> str:
    """At sign-in, once: this computer's clock is behind the audit trail (a dead CMOS battery,
    the date set by hand), so what is recorded now gets a wrong time. Work is still allowed;
    the message says to set the date before working. Returns what was said ("" for nothing)."""
    from desktop.i18n import message
    from records import audit

    try:
        with ws.session() as s:
            said = audit.clock_behind(s)
    except Exception:  # noqa: BLE001 - a warning only: never stops the sign-in
        return ""
    if said:
        QMessageBox.warning(parent, QApplication.translate("LoginDialog", "This computer's date is wrong"),
                            message(said))
    return said


def password_from_env() -> str | None:
    """$DAFTAR_PASSWORD, for unattended starts (`daftar app --user NAME`)."""
    return os.environ.get(PASSWORD_ENV) or None
