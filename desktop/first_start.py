"""First start on a computer without a workspace: create it, encrypted by default.

`create_workspace_interactive(root)` asks for the first administrator (user name, full
name, password twice) and whether the records are encrypted on this computer (checked by
default). An encrypted workspace is made with records.workspace.Workspace.create_encrypted;
its recovery code is then shown once (RecoveryCodeDialog: print it, tick "I have printed
or written it down", OK). Returns (workspace, UserView) signed in, or None when cancelled.
"""

from __future__ import annotations

from pathlib import Path

from desktop.bidi import ltr
from desktop.empty_field_cursor import mark_urdu_field
from desktop.i18n import message
from desktop.labels import wrapping
from desktop.login import _Form, form_attempt
from desktop.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFont,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.typed_numbers import keep_numbers_in_order, text_of
from records.accounts import UserView


def is_new_workspace(root: str | Path) -> bool:
    """No workspace yet at `root` (neither a database nor key slots)."""
    from records.workspace import Workspace

    return not Workspace.exists(root) and not Workspace.is_encrypted(root)


class NewWorkspaceDialog(_Form):
    """The first administrator and the choice to encrypt the workspace."""

    def __init__(self, root: str | Path, parent: QWidget | None = None, *, language: str = "ur") -> None:
        super().__init__(self.tr("Daftar — new workspace"), parent)
        self.setObjectName("NewWorkspaceDialog")
        self.root = Path(root)
        self.language = language
        self.workspace = None
        self.user: UserView | None = None
        self.recovery_code: str | None = None
        self.set_intro(self.tr("No workspace yet at {path}. Create it with its first administrator: "
                               "the administrator makes the accounts of clerks and supervisors.")
                       .format(path=ltr(self.root)))
        self.username = keep_numbers_in_order(mark_urdu_field(self.line("adminUser", self.tr("User name"), text="admin")))  # (names may be Urdu)
        self.full_name = keep_numbers_in_order(mark_urdu_field(self.line("adminName", self.tr("Full name"))))
        self.password = self.line("adminPassword", self.tr("Password"), password=True)
        self.repeat = self.line("adminRepeat", self.tr("Password again"), password=True)
        self.encrypt = QCheckBox(self.tr("Encrypt the records on this computer (recommended)"), self)
        self.encrypt.setObjectName("encryptWorkspace")
        self.encrypt.setChecked(True)
        self.encrypt.setToolTip(self.tr("A stolen computer then shows nothing: the database and page images "
                                        "open only with a user's password or the recovery code."))
        self.form.addRow("", self.encrypt)
        self.kdf: dict | None = None  # tests pass a light argon2 cost

    def submit(self) -> None:
        from records import access
        from records.workspace import Workspace

        name, pw = text_of(self.username).strip(), self.password.text()
        if not name or not pw:
            self.show_error(self.tr("Type a user name and a password."))
            return
        if pw != self.repeat.text():
            self.show_error(self.tr("The two passwords differ: type the same password twice."))
            return
        from records.accounts import AccountError, check_password_rules

        try:
            check_password_rules(pw, name)
        except AccountError as e:
            self.show_error(self.tr("Not created: {reason}").format(reason=message(str(e))))
            return
        root, encrypt, kdf, full, language = self.root, self.encrypt.isChecked(), self.kdf, \
            text_of(self.full_name).strip(), self.language

        def make():  # off the UI thread (argon2 for the key slots and the account, a new database)
            if encrypt:
                ws, code = Workspace.create_encrypted(root, admin_username=name, admin_password=pw, kdf=kdf)
                ws.close()
            else:
                code = None
                ws = Workspace.open(root, create=True)
                try:
                    access.create_user(ws, actor=None, username=name, password=pw, role="admin",
                                       full_name=full, language=language)
                finally:
                    ws.close()
            return code, access.sign_in(root, username=name, password=pw)

        done, made = form_attempt(self, make, self.tr("Not created: {reason}"),
                                  note=self.tr("Creating the workspace…"))
        if not done:
            return
        self.recovery_code, (self.workspace, self.user) = made
        self._set_profile()
        self.accept()

    def _set_profile(self) -> None:
        """Full name and language of the administrator made with the encrypted workspace."""
        from records import accounts

        with self.workspace.session() as s:
            accounts.set_profile(s, user_id=self.user.id, full_name=text_of(self.full_name).strip(),
                                 language=self.language)
            self.user = accounts.get_user(s, self.user.id)


class RecoveryCodeDialog(QDialog):
    """Shows the recovery code once; OK only after "I have printed or written it down"."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryCodeDialog")
        self.setWindowTitle(self.tr("Recovery code"))
        self.code = code
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Print this recovery code or write it down, and lock it away (in the office safe). "
                               "It opens the workspace when every administrator password is lost. "
                               "It is shown only this once."), self)
        wrapping(intro)
        lay.addWidget(intro)
        shown = QLabel(code, self)
        shown.setObjectName("recoveryCode")
        f = QFont("DejaVu Sans Mono")
        f.setStyleHint(QFont.StyleHint.Monospace)
        f.setPointSize(16)
        shown.setFont(f)
        shown.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(shown)
        self.print_btn = QPushButton(self.tr("Print…"), self)
        self.print_btn.setObjectName("printRecoveryCode")
        self.print_btn.clicked.connect(self.print_code)
        lay.addWidget(self.print_btn)
        self.stored = QCheckBox(self.tr("I have printed or written down the recovery code"), self)
        self.stored.setObjectName("recoveryStored")
        lay.addWidget(self.stored)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.stored.toggled.connect(self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        self.buttons.accepted.connect(self.accept)
        lay.addWidget(self.buttons)

    def print_code(self) -> None:
        """Print the code on the office printer (the system print dialog)."""
        from PySide6.QtGui import QPainter
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        p = QPainter(printer)
        try:
            p.drawText(100, 100, self.tr("Daftar recovery code"))
            p.drawText(100, 200, self.code)
        finally:
            p.end()

    def reject(self) -> None:  # the code must be acknowledged; Esc does not close it
        return


def create_workspace_interactive(root: str | Path, parent: QWidget | None = None, *, language: str = "ur"):
    """First start: (workspace, user) signed in, or None when the user cancelled."""
    dlg = NewWorkspaceDialog(root, parent, language=language)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    if dlg.recovery_code:
        RecoveryCodeDialog(dlg.recovery_code, parent).exec()
    return dlg.workspace, dlg.user
