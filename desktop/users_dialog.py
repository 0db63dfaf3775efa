"""The administrator's accounts dialog: list users, create one, reset a password, disable
(remove) a user or enable a disabled one again, and on an encrypted workspace make a new
recovery code (shown once).

Every change goes through records.access, which keeps an encrypted workspace's key slots
in step with the accounts, and runs on the database-writer thread.
"""

from __future__ import annotations

from desktop.empty_field_cursor import mark_urdu_field
from desktop.i18n import date_text, role_label
from desktop.labels import wrapping
from desktop.login import RoleBox, _Form
from desktop.operations import error_text
from desktop.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.screen_fit import fit_to_screen
from desktop.typed_numbers import keep_numbers_in_order, text_of
from records import access, accounts
from records.accounts import UserView


class NewUserDialog(_Form):
    """User name, full name, role and a first password (typed twice)."""

    def __init__(self, parent: QWidget | None = None, taken: frozenset[str] = frozenset()) -> None:
        super().__init__(self.tr("New user"), parent)
        self.setObjectName("NewUserDialog")
        self.taken = {t.lower() for t in taken}  # user names already in the workspace
        self.username = keep_numbers_in_order(mark_urdu_field(self.line("newUserName", self.tr("User name"))))  # (names may be Urdu)
        self.full_name = keep_numbers_in_order(mark_urdu_field(self.line("newUserFullName", self.tr("Full name"))))
        self.role = RoleBox(self)
        self.role.setObjectName("newUserRole")
        self.form.addRow(self.tr("Role"), self.role)
        self.password = self.line("newUserPassword", self.tr("Password"), password=True)
        self.repeat = self.line("newUserRepeat", self.tr("Password again"), password=True)

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self.show_error(self.tr("The two passwords differ: type the same password twice."))
            return
        if not text_of(self.username).strip():
            self.show_error(self.tr("Type a user name."))
            return
        if text_of(self.username).strip().lower() in self.taken:  # said here, what was typed kept
            self.show_error(self.tr("The user name {user} is taken: choose another.").format(
                user=text_of(self.username).strip()))
            return
        if _refused_password(self, self.password.text(), text_of(self.username).strip()):
            return  # said in the dialog, what was typed kept
        self.accept()


def _refused_password(form: _Form, password: str, username: str) -> bool:
    """Show the rule a new password breaks in the form (it stays open); False when none."""
    try:
        accounts.check_password_rules(password, username)
    except accounts.AccountError as e:
        form.show_error(form.tr("Not accepted: {reason}").format(reason=error_text(e)))
        return True
    return False


class ResetPasswordDialog(_Form):
    """A new password for a user, who must change it at the next sign-in (`enabling`: the
    password with which a disabled user is enabled again)."""

    def __init__(self, user: UserView, parent: QWidget | None = None, enabling: bool = False) -> None:
        title = self.tr("Enable {user} again") if enabling else self.tr("Reset password of {user}")
        super().__init__(title.format(user=user.username), parent)
        self.user = user
        self.setObjectName("ResetPasswordDialog")
        if enabling:
            self.set_intro(self.tr("{user} can sign in again with this password and must choose a new one at "
                                   "the next sign-in.").format(user=user.username))
        else:
            self.set_intro(self.tr("{user} must choose a new password at the next sign-in.").format(user=user.username))
        self.password = self.line("resetPassword", self.tr("New password"), password=True)
        self.repeat = self.line("resetRepeat", self.tr("New password again"), password=True)

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self.show_error(self.tr("The two passwords differ: type the same password twice."))
            return
        if _refused_password(self, self.password.text(), self.user.username):
            return
        self.accept()


class UsersDialog(QDialog):
    """Accounts of the workspace (administrators only: records/ refuses anyone else)."""

    COLUMNS = ("User name", "Full name", "Role", "Active", "Locked until", "Must change password")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("UsersDialog")
        self.setWindowTitle(self.tr("Users"))
        self.users: list[UserView] = []
        self.last_recovery_code: str | None = None
        self.ask_new_user = self._ask_new_user  # replaced in tests
        self.ask_reset = self._ask_reset
        self.ask_enable = self._ask_enable
        self.confirm = self._confirm
        self.show_code = self._show_code

        self.table = QTableWidget(self)
        self.table.setObjectName("usersTable")
        self.table.setColumnCount(len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.status = QLabel(self)
        self.status.setObjectName("usersStatus")
        wrapping(self.status)

        row = QHBoxLayout()
        self.new_btn = self._button("newUser", self.tr("New user…"), self.new_user, row)
        self.reset_btn = self._button("resetPassword", self.tr("Reset password…"), self.reset_password, row)
        # disables the selected user, or enables a disabled one again (the text follows the row)
        self.remove_btn = self._button("removeUser", self.tr("Disable user"), self.disable_or_enable, row)
        self.recovery_btn = self._button("recoveryCode", self.tr("New recovery code…"), self.new_recovery_code, row)
        self.recovery_btn.setVisible(ctx.ws.encrypted)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row.addWidget(close)

        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addLayout(row)
        fit_to_screen(self, 820, 420)
        self.table.itemSelectionChanged.connect(self._follow_selection)
        self.refresh()

    def _button(self, name: str, text: str, slot, layout) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _=False: slot())
        layout.addWidget(b)
        return b

    # -- data -------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.ctx.ws

        def body():
            with ws.session() as s:
                return accounts.list_users(s)

        self.ctx.runner.run_read(body, self._on_result(self._fill))

    def _fill(self, users: list[UserView]) -> None:
        self.users = users
        self.table.setRowCount(len(users))
        yes, no = self.tr("yes"), self.tr("no")
        for i, u in enumerate(users):
            cells = (u.username, u.full_name, role_label(u.role), yes if u.active else no,
                     date_text(u.locked_until, time=True) if u.locked_until else "", yes if u.must_change_password else "")
            for c, text in enumerate(cells):
                self.table.setItem(i, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._follow_selection()

    def _follow_selection(self) -> None:
        """The disable button names what it does to the selected user: "Enable user…" for a
        disabled one; switched off for the administrator's own account (which the core refuses)."""
        user = self.selected_user()
        own = user is not None and user.id == self.ctx.actor.id
        self.remove_btn.setText(self.tr("Enable user…") if user is not None and not user.active
                                else self.tr("Disable user"))
        self.remove_btn.setEnabled(not own)
        self.remove_btn.setToolTip(self.tr("You cannot disable your own account.") if own else "")

    def selected_user(self) -> UserView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows and rows[0].row() < len(self.users) else None

    def select_user(self, username: str) -> bool:
        for i, u in enumerate(self.users):
            if u.username == username:
                self.table.selectRow(i)
                return True
        return False

    def _on_result(self, ok, message: str | None = None):
        """A runner callback: `ok(result)` on success, the reason in the status line on failure."""

        def done(fut) -> None:
            try:
                result = fut.result()
            except Exception as e:  # noqa: BLE001 - shown to the administrator
                self.status.setStyleSheet("color: #b00020")
                self.status.setText(self.tr("Refused: {reason}").format(reason=error_text(e)))
                return
            if message:
                self.status.setStyleSheet("color: #1c5e20")
                self.status.setText(message)
            ok(result)

        return done

    def _write(self, fn, message: str, after=None) -> None:
        def ok(result) -> None:
            if after:
                after(result)
            self.refresh()

        self.ctx.runner.run_write(fn, self._on_result(ok, message))

    # -- actions ------------------------------------------------------------
    def _ask_new_user(self) -> tuple[str, str, str, str] | None:
        dlg = NewUserDialog(self, taken=frozenset(u.username for u in getattr(self, "users", [])))
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return text_of(dlg.username).strip(), text_of(dlg.full_name).strip(), dlg.role.currentData(), dlg.password.text()

    def _ask_reset(self, user: UserView) -> str | None:
        dlg = ResetPasswordDialog(user, self)
        return dlg.password.text() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def _ask_enable(self, user: UserView) -> str | None:
        dlg = ResetPasswordDialog(user, self, enabling=True)
        return dlg.password.text() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Users"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _show_code(self, code: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Recovery code"),
                          self.tr("Write this recovery code down and keep it locked away. It opens the workspace "
                                  "when every administrator password is lost, and it is shown only this once:"
                                  "\n\n{code}").format(code=code), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("recoveryCodeBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    def new_user(self) -> None:
        answer = self.ask_new_user()
        if answer is None:
            return
        username, full_name, role, password = answer
        ws, actor = self.ctx.ws, self.ctx.actor
        # the administrator chose the password: the user sets their own at the first sign-in
        self._write(lambda: access.create_user(ws, actor=actor, username=username, password=password, role=role,
                                               full_name=full_name, must_change=True),
                    self.tr("User {user} created.").format(user=username))

    def _with_new_password(self, ask, change, done: str) -> None:
        """Ask a new password for the selected user (`ask(user)`), then write `change(ws, actor,
        user_id, password)`; `done` (with {user}) said when it is written."""
        user = self.selected_user()
        if user is None:
            self.status.setText(self.tr("Select a user first."))
            return
        password = ask(user)
        if password is None:
            return
        ws, actor = self.ctx.ws, self.ctx.actor
        self._write(lambda: change(ws, actor=actor, user_id=user.id, new_password=password),
                    done.format(user=user.username))

    def reset_password(self) -> None:
        self._with_new_password(self.ask_reset, access.reset_password, self.tr(
            "New password set for {user}; they must change it at the next sign-in."))

    def disable_or_enable(self) -> None:
        """The selected user disabled, or enabled again when disabled."""
        user = self.selected_user()
        if user is not None and not user.active:
            self.enable_user()
        else:
            self.remove_user()

    def enable_user(self) -> None:
        """Enable the selected, disabled user again with a new password (to be changed at the
        next sign-in; on an encrypted workspace it opens the workspace again)."""
        self._with_new_password(self.ask_enable, access.enable_user, self.tr(
            "{user} is enabled again and must choose a new password at the next sign-in."))

    def remove_user(self) -> None:
        user = self.selected_user()
        if user is None:
            self.status.setText(self.tr("Select a user first."))
            return
        if user.id == self.ctx.actor.id:  # refused before asking whether to (the core refuses it too)
            self.status.setStyleSheet("color: #b00020")
            self.status.setText(self.tr("Refused: {reason}").format(reason=error_text(
                accounts.AccountError("you cannot disable your own account"))))
            return
        if not self.confirm(self.tr("Disable {user}? They can no longer sign in; their work and its audit stay.")
                            .format(user=user.username)):
            return
        ws, actor = self.ctx.ws, self.ctx.actor
        self._write(lambda: access.remove_user(ws, actor=actor, user_id=user.id),
                    self.tr("{user} is disabled.").format(user=user.username))

    def new_recovery_code(self) -> None:
        if not self.confirm(self.tr("Make a new recovery code? The old one stops working.")):
            return
        ws, actor = self.ctx.ws, self.ctx.actor

        def shown(code: str) -> None:
            self.last_recovery_code = code
            self.show_code(code)

        self._write(lambda: access.new_recovery_code(ws, actor=actor), self.tr("New recovery code made."), shown)
