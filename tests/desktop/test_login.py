"""Login dialog: success, wrong password, lockout, first administrator, forced password
change, encrypted workspace unlocked by signing in."""

from __future__ import annotations

import pytest

from desktop.qt import QDialog
from records import access, accounts
from records.crypto import WrongPassword

pytestmark = pytest.mark.gui

LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


@pytest.fixture
def root(workspace):
    """A plain workspace with admin and clerk1 (password 'clerk1-pass'), closed so the
    dialog opens it itself."""
    with workspace.session() as s:
        admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
        accounts.create_user(s, actor=admin, username="clerk1", password="clerk1-pass", role="clerk")
    path = workspace.root
    workspace.close()
    return path


def _login(qtbot, root, name, password, **kw):
    from desktop.login import LoginDialog

    dlg = LoginDialog(root, **kw)
    qtbot.addWidget(dlg)
    dlg.username.setText(name)
    dlg.password.setText(password)
    dlg.submit()
    return dlg


def test_right_password_signs_in(qtbot, root):
    # GIVEN the clerk's account  WHEN he types his password
    dlg = _login(qtbot, root, "clerk1", "clerk1-pass")
    # THEN the dialog is accepted with the open workspace and his account
    try:
        assert dlg.result() == QDialog.DialogCode.Accepted
        assert dlg.user.username == "clerk1" and dlg.user.role == "clerk"
        assert dlg.error.text() == ""
    finally:
        dlg.workspace.close()


def test_wrong_passwords_then_lockout_are_shown_in_the_dialog(qtbot, root):
    from desktop.login import LoginDialog

    dlg = LoginDialog(root)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.username.setText("clerk1")
    # GIVEN a first wrong password
    dlg.password.setText("wrong-1")
    dlg.submit()
    # THEN it says so, clears the password and stays open
    assert "wrong user name or password" in dlg.error.text()
    assert dlg.password.text() == "" and dlg.result() != QDialog.DialogCode.Accepted
    # WHEN two more wrong passwords are typed
    for pw in ("wrong-2", "wrong-3"):
        dlg.password.setText(pw)
        dlg.submit()
    # THEN the account is locked and the dialog names how long
    assert "locked for 30 seconds" in dlg.error.text()
    # AND even the right password is refused while locked, with the time left
    dlg.password.setText("clerk1-pass")
    dlg.submit()
    assert "too many wrong passwords" in dlg.error.text() and "seconds" in dlg.error.text()
    assert dlg.workspace is None
    # ... all of the message in view, not cut off at the dialog's first size
    assert dlg.error.height() >= dlg.error.heightForWidth(dlg.error.width())


def test_empty_fields_are_refused_without_a_check(qtbot, root):
    # GIVEN / WHEN the password is left empty
    dlg = _login(qtbot, root, "clerk1", "")
    # THEN the dialog asks for it
    assert "Type your user name and password" in dlg.error.text()


def test_first_start_asks_for_the_administrator(qtbot, tmp_path):
    from desktop.login import FirstAdminDialog, _needs_first_admin
    from records.workspace import Workspace

    # GIVEN a new workspace with no accounts
    root = tmp_path / "new"
    assert _needs_first_admin(root)
    ws = Workspace.open(root)
    try:
        dlg = FirstAdminDialog(ws)
        qtbot.addWidget(dlg)
        # WHEN the two passwords differ
        dlg.password.setText("secret-pass-1")
        dlg.repeat.setText("secret-pass-2")
        dlg.submit()
        # THEN nothing is created and the dialog says why
        assert "differ" in dlg.error.text() and dlg.user is None
        # WHEN they match
        dlg.repeat.setText("secret-pass-1")
        dlg.submit()
        # THEN the administrator exists
        assert dlg.result() == QDialog.DialogCode.Accepted and dlg.user.role == "admin"
    finally:
        ws.close()
    assert not _needs_first_admin(root)


def test_forced_password_change_after_reset(qtbot, root):
    from desktop.login import ChangePasswordDialog
    from records.workspace import Workspace

    # GIVEN the administrator reset clerk1's password
    ws = Workspace.open(root)
    with ws.session() as s:
        admin = accounts.list_users(s)[0]
    clerk = [u for u in _users(ws) if u.username == "clerk1"][0]
    access.reset_password(ws, actor=admin.actor(), user_id=clerk.id, new_password="temporary-1")
    ws.close()
    # WHEN he signs in with the temporary password
    dlg = _login(qtbot, root, "clerk1", "temporary-1")
    ws = dlg.workspace
    try:
        # THEN he must change it; a short new password is refused with the rule
        assert dlg.user.must_change_password
        ch = ChangePasswordDialog(ws, dlg.user, forced=True)
        qtbot.addWidget(ch)
        ch.old.setText("temporary-1")
        ch.new.setText("short")
        ch.repeat.setText("short")
        ch.submit()
        assert "at least 8 characters" in ch.error.text()
        ch.new.setText("my-own-pass")
        ch.repeat.setText("my-own-pass")
        ch.submit()
        assert ch.result() == QDialog.DialogCode.Accepted
    finally:
        ws.close()
    # AND the new password signs in without a forced change
    dlg2 = _login(qtbot, root, "clerk1", "my-own-pass")
    assert not dlg2.user.must_change_password
    dlg2.workspace.close()


def test_a_refused_password_is_explained_in_urdu(qtbot, root, qapp):
    # GIVEN the Urdu interface and the dialog that changes a password
    from desktop import i18n
    from desktop.login import ChangePasswordDialog
    from records.workspace import Workspace

    ws = Workspace.open(root)
    i18n.apply_language(qapp, "ur")
    try:
        clerk = [u for u in _users(ws) if u.username == "clerk1"][0]
        ch = ChangePasswordDialog(ws, clerk, forced=False)
        qtbot.addWidget(ch)
        # WHEN a new password too short is given
        ch.old.setText("whatever-1")
        ch.new.setText("short")
        ch.repeat.setText("short")
        ch.submit()
        # THEN the rule is said in Urdu, not in English inside an Urdu sentence
        shown = ch.error.text()
        assert shown and "password" not in shown and "characters" not in shown, shown
    finally:
        i18n.apply_language(qapp, "en")
        ws.close()


def _users(ws):
    with ws.session() as s:
        return accounts.list_users(s)


def test_sign_in_unlocks_an_encrypted_workspace(qtbot, tmp_path):
    from desktop.login import LoginDialog
    from records.workspace import Workspace

    # GIVEN an encrypted workspace
    root = tmp_path / "enc"
    ws, _code = Workspace.create_encrypted(root, admin_username="admin", admin_password="admin-pass-1", kdf=LIGHT_KDF)
    ws.close()
    # WHEN a wrong password is typed THEN it is refused in the dialog
    dlg = _login(qtbot, root, "admin", "nope-nope")
    assert "wrong user name or password" in dlg.error.text()
    assert "encrypted" in dlg.intro.text()
    # WHEN the right one is typed THEN the workspace opens
    dlg = LoginDialog(root)
    qtbot.addWidget(dlg)
    dlg.username.setText("admin")
    dlg.password.setText("admin-pass-1")
    dlg.submit()
    try:
        assert dlg.workspace is not None and dlg.workspace.encrypted and dlg.user.role == "admin"
    finally:
        dlg.workspace.close()


def test_a_forgotten_password_is_replaced_with_the_recovery_code_at_the_sign_in(qtbot, tmp_path):
    from desktop.login import LoginDialog, RecoverDialog
    from records.workspace import Workspace

    # GIVEN an encrypted workspace whose only administrator forgot his password
    root = tmp_path / "enc"
    ws, code = Workspace.create_encrypted(root, admin_username="admin", admin_password="admin-pass-1", kdf=LIGHT_KDF)
    ws.close()
    login = LoginDialog(root, username="admin")
    qtbot.addWidget(login)
    made: list[RecoverDialog] = []
    shown: list[str] = []

    def ask():
        dlg = RecoverDialog(root, login, username="admin")
        qtbot.addWidget(dlg)
        made.append(dlg)
        # WHEN a wrong code is typed THEN the dialog stays and says so
        dlg.code.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        dlg.password.setText("fresh-start-1")
        dlg.repeat.setText("fresh-start-1")
        dlg.submit()
        assert dlg.result() != QDialog.DialogCode.Accepted and "not right for this workspace" in dlg.error.text()
        # WHEN the code from the safe is typed THEN it is accepted
        dlg.code.setText(code.lower().replace("-", " "))
        dlg.submit()
        assert dlg.result() == QDialog.DialogCode.Accepted
        return dlg

    login.ask_recovery = ask
    login.show_new_code = shown.append
    # WHEN "Forgot the password?" is pressed at the sign-in
    login.forgot_btn.click()
    # THEN the new recovery code is shown once and the old one no longer opens the workspace
    assert shown == [made[0].new_code] and shown[0] != code
    assert Workspace.unlock_recovery(root, shown[0])
    with pytest.raises(WrongPassword):
        Workspace.unlock_recovery(root, code)
    # AND the sign-in asks for the new password, which opens the workspace; he must then choose his own
    assert "new password" in login.error.text() and login.username.text() == "admin"
    login.password.setText("fresh-start-1")
    login.submit()
    try:
        assert login.user.role == "admin" and login.user.must_change_password
    finally:
        login.workspace.close()


def test_a_plain_workspace_says_who_can_set_a_new_password(qtbot, root):
    from desktop.login import LoginDialog

    # GIVEN the sign-in of a workspace that is not encrypted (no recovery code)
    dlg = LoginDialog(root)
    qtbot.addWidget(dlg)
    dlg.ask_recovery = lambda: pytest.fail("no recovery code to ask for")
    # WHEN "Forgot the password?" is pressed THEN it says: the administrator, else IT with the command
    dlg.forgot_btn.click()
    assert "Account › Users" in dlg.error.text() and "daftar recover --user NAME --without-code" in dlg.error.text()


def test_unattended_sign_in_from_user_and_password(qtbot, root):
    from desktop.login import sign_in_interactive

    # GIVEN the user name and password (daftar app --user, $DAFTAR_PASSWORD)
    # WHEN the start-up flow runs  THEN it signs in without showing a dialog
    ws, user = sign_in_interactive(root, username="clerk1", password="clerk1-pass")
    try:
        assert user.username == "clerk1"
    finally:
        ws.close()


def test_the_workspace_path_reads_left_to_right_in_urdu(qtbot, qapp, root):
    from desktop.i18n import apply_language
    from desktop.login import LoginDialog
    from desktop.qt import QFont, Qt, QTextLayout, QTextOption

    def slash_is_first(text: str) -> bool:
        """In a right-to-left line, is the path's leading '/' drawn left of its first letter?"""
        lay = QTextLayout(text, QFont("DejaVu Sans", 12))
        opt = QTextOption()
        opt.setTextDirection(Qt.LayoutDirection.RightToLeft)
        lay.setTextOption(opt)
        lay.beginLayout()
        line = lay.createLine()
        line.setLineWidth(4000)
        lay.endLayout()
        i = text.index(str(root))
        slash = sorted((line.cursorToX(i)[0], line.cursorToX(i + 1)[0]))
        letter = sorted((line.cursorToX(i + 1)[0], line.cursorToX(i + 2)[0]))
        return slash[1] <= letter[0] + 0.5

    # GIVEN the sign-in in Urdu
    assert apply_language(qapp, "ur")
    try:
        dlg = LoginDialog(root)
        qtbot.addWidget(dlg)
        intro = dlg.intro.text()
    finally:
        apply_language(qapp, "en")
    # THEN the workspace's path is drawn as written: '/home/…', not 'home/…/' ('/' at the end)
    first = intro.split("\n")[0]
    assert slash_is_first(first), first
    # (the check itself tells the two apart)
    assert not slash_is_first(first.replace("\u2066", "").replace("\u2069", ""))


def test_sign_out_hands_the_computer_to_the_next_user(qtbot, root, monkeypatch):
    from desktop import login
    from desktop.main import MainWindowHost
    from desktop.qt import QApplication
    from tests.desktop.conftest import wait_idle

    # GIVEN clerk1 signed in on the office PC
    ws, clerk = access.sign_in(root, username="clerk1", password="clerk1-pass")
    host = MainWindowHost(ws, clerk.actor(), root=root)
    first = host.window
    wait_idle(qtbot, first.ctx)
    gone = []
    first.destroyed.connect(lambda *_: gone.append(True))
    asked = []

    def next_user(r, **kw):
        asked.append(r)
        return access.sign_in(r, username="admin", password="admin-pass-1")

    monkeypatch.setattr(login, "sign_in_interactive", next_user)
    # WHEN he chooses Account › Sign out
    first.actions_by_name["signOut"].trigger()
    qtbot.waitUntil(lambda: host.window is not first, timeout=10000)
    second = host.window
    qtbot.addWidget(second)
    try:
        # THEN his window and workspace are closed, the sign-in asked who is next, and the
        # administrator's window opens on the workspace opened again for him
        qtbot.waitUntil(lambda: bool(gone), timeout=5000)  # his window is gone, not just hidden
        assert asked == [root] and ws._open_lock is None and host.ws is not ws
        assert second.ctx.actor.username == "admin" and "admin" in second.windowTitle()
        wait_idle(qtbot, second.ctx)
        # WHEN the next one gives up at the sign-in THEN the app ends
        quits = []
        monkeypatch.setattr(login, "sign_in_interactive", lambda r, **kw: None)
        monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
        assert host.sign_out() is False and quits == [True]
    finally:
        host.shutdown()
        host.window.close()
        host.ws.close()
