"""Login dialog: success, wrong password, lockout, first administrator, forced password
change, encrypted workspace unlocked by signing in."""

from __future__ import annotations

import pytest

from desktop.qt import QDialog
from records import access, accounts
from records.crypto import WrongPassword
from tests.conftest import accounts_hashed_once

pytestmark = pytest.mark.gui

LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


@pytest.fixture
def root(workspace):
    """A plain workspace with admin and clerk1 (password 'clerk1-pass'), closed so the
    dialog opens it itself."""
    with accounts_hashed_once(), workspace.session() as s:
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


def _english_again() -> None:
    """The interface in English again: a sign-out hands over to a user who speaks Urdu
    (desktop.main._speak_as), and the tests after this one read English."""
    from desktop.i18n import apply_language
    from desktop.qt import QApplication

    apply_language(QApplication.instance(), "en")


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
        _english_again()


def test_the_password_is_checked_off_the_ui_thread_while_the_dialog_draws(qtbot, root, monkeypatch):
    import threading
    import time

    from desktop.login import LoginDialog
    from desktop.qt import QDialog, QTimer

    # GIVEN the sign-in dialog, a timer of the UI thread ticking, and a note of the check
    ticks, seen = [], {}
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    real = access.sign_in

    def sign_in(r, **kw):
        seen["thread"] = threading.current_thread()
        seen["enabled"] = dlg.isEnabled()
        before, end = len(ticks), time.monotonic() + 5
        while len(ticks) < before + 3 and time.monotonic() < end:  # (5 s: a guard, not a measure)
            time.sleep(0.005)
        seen["ticks"] = len(ticks) - before
        return real(r, **kw)

    monkeypatch.setattr(access, "sign_in", sign_in)
    dlg = LoginDialog(root, username="clerk1")
    qtbot.addWidget(dlg)
    dlg.password.setText("clerk1-pass")
    try:
        # WHEN clerk1 signs in
        dlg.submit()
        # THEN the password was checked (and the workspace opened) on another thread, the UI
        # thread running its timers meanwhile (argon2 froze the window 0.15-0.8 s), the form
        # disabled while it ran; the answer came back as before
        assert seen["thread"] is not threading.main_thread()
        assert seen["ticks"] >= 3 and seen["enabled"] is False
        assert dlg.result() == QDialog.DialogCode.Accepted and dlg.user.username == "clerk1" and dlg.isEnabled()
    finally:
        timer.stop()
        if dlg.workspace is not None:
            dlg.workspace.close()


def test_sign_out_shows_the_sign_in_at_once_and_closes_the_workspace_beside_it(qtbot, root, monkeypatch):
    import threading

    from desktop.login import LoginDialog
    from desktop.main import MainWindowHost
    from desktop.qt import QApplication, QTimer
    from records.workspace import Workspace
    from tests.desktop.conftest import wait_idle

    # GIVEN clerk1 signed in, and notes of where the workspace is closed and opened
    ws, clerk = access.sign_in(root, username="clerk1", password="clerk1-pass")
    host = MainWindowHost(ws, clerk.actor(), root=root)
    wait_idle(qtbot, host.window.ctx)
    closed_on, opened_on_ui = [], []
    close = ws.close
    ws.close = lambda: (closed_on.append(threading.current_thread()), close())
    real_open = Workspace.open.__func__

    def spy_open(cls, r=None, **kw):
        if threading.current_thread() is threading.main_thread():
            opened_on_ui.append(r)
        return real_open(cls, r, **kw)

    monkeypatch.setattr(Workspace, "open", classmethod(spy_open))
    shown = []

    def answer() -> None:  # the administrator signs in at the dialog
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, LoginDialog):
            QTimer.singleShot(10, answer)
            return
        shown.append(dlg)
        dlg.username.setText("admin")
        dlg.password.setText("admin-pass-1")
        dlg.submit()

    QTimer.singleShot(10, answer)
    try:
        # WHEN he signs out and the administrator signs in
        assert host.sign_out() is True
        # THEN the sign-in showed without the workspace being opened on the UI thread (to
        # ask whether it has an administrator, or to check the password), and his workspace
        # was closed off the UI thread (closing checkpoints and syncs the database: 0.2-0.6 s
        # frozen on a big workspace), before the next window opened
        assert len(shown) == 1 and opened_on_ui == []
        assert len(closed_on) == 1 and closed_on[0] is not threading.main_thread()
        assert ws._open_lock is None and host.ws is not ws
        assert host.window.ctx.actor.username == "admin"
    finally:
        host.shutdown()
        host.window.close()
        host.ws.close()
        _english_again()


def _host(qtbot, root, name="clerk1", password="clerk1-pass"):
    """A signed-in window as run_app makes it, its idle watch checking every 20 ms."""
    from desktop.main import MainWindowHost
    from tests.desktop.conftest import wait_idle

    ws, user = access.sign_in(root, username=name, password=password)
    host = MainWindowHost(ws, user.actor(), root=root)
    host.idle._timer.setInterval(20)
    host.window.show()
    qtbot.waitExposed(host.window)
    wait_idle(qtbot, host.window.ctx)
    return host


def _close(host):
    if host.lock_dialog is not None:
        host.lock_dialog.done(1)
    host.shutdown()
    host.window.close()
    host.ws.close()
    _english_again()


def test_idle_time_is_counted_from_the_last_key_or_mouse_input(qtbot, monkeypatch):
    from desktop import idle_lock
    from desktop.qt import QApplication, QEvent, QKeyEvent, QLineEdit, QMouseEvent, QPointF, Qt

    clock = [1000.0]
    monkeypatch.setattr(idle_lock.time, "monotonic", lambda: clock[0])
    # GIVEN a window with a field someone could type into, and a watch over the app with a
    # 10-minute limit
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    limit = [600]
    watch = idle_lock.IdleWatch(lambda: limit[0], check_ms=60_000)
    fired = []
    watch.idle.connect(lambda: fired.append(clock[0]))
    window = edit.windowHandle()  # input reaches a window before its widgets
    try:
        # WHEN 9 minutes pass, a key is pressed, and 9 more pass THEN it is not idle
        clock[0] += 540
        QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_5, Qt.KeyboardModifier.NoModifier,
                                                 "5"))
        clock[0] += 540
        watch.check()
        assert fired == []
        # WHEN the mouse moves and 10 minutes pass without input THEN it is idle
        QApplication.sendEvent(window, QMouseEvent(QEvent.Type.MouseMove, QPointF(3, 3), QPointF(3, 3),
                                                   Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                   Qt.KeyboardModifier.NoModifier))
        clock[0] += 599
        watch.check()
        assert fired == []
        clock[0] += 1
        watch.check()
        assert fired == [clock[0]]
        # AND with the office's limit at 0 (never) nothing fires however long it stays alone
        limit[0] = 0
        clock[0] += 10**6
        watch.check()
        assert len(fired) == 1
        # AND while paused (a sign-in on the screen) nothing fires
        limit[0], watch.paused = 600, True
        watch.check()
        assert len(fired) == 1
    finally:
        watch.stop()


def test_a_window_left_alone_locks_until_its_users_password_is_typed(qtbot, root):
    from desktop import help_dialogs
    from desktop.qt import Qt
    from records import office_settings
    from records.models import AuditEvent, User

    # GIVEN clerk1 at work, with the keyboard shortcuts open beside the window, in an office
    # that locks after 7 minutes
    ws, admin = access.sign_in(root, username="admin", password="admin-pass-1")
    with ws.session() as s:
        office_settings.change(s, actor=admin.actor(), values={"security.lock_after_minutes": 7})
    ws.close()
    host = _host(qtbot, root)
    try:
        assert host.lock_after_s() == 7 * 60
        helpwin = help_dialogs.show_shortcuts(host.window)
        assert helpwin.isVisible()
        # WHEN nobody touches the computer for the office's time (made short here)
        host.idle.limit_s = lambda: 0.2
        qtbot.waitUntil(lambda: host.lock_dialog is not None and host.lock_dialog.isVisible(), timeout=5000)
        dlg = host.lock_dialog
        # THEN the window and the shortcuts are hidden behind the lock, which says why and whose
        # password opens it
        assert not host.window.isVisible() and not helpwin.isVisible()
        assert "clerk1" in dlg.intro.text()
        assert dlg.windowModality() == Qt.WindowModality.ApplicationModal
        # WHEN Escape is pressed THEN it stays locked
        qtbot.keyClick(dlg, Qt.Key.Key_Escape)
        assert dlg.isVisible() and host.lock_dialog is dlg and not host.window.isVisible()
        # WHEN a wrong password is typed THEN it stays locked, says so, and the failure counts
        dlg.password.setText("guess")
        dlg.submit()
        assert dlg.isVisible() and not host.window.isVisible()
        from desktop.i18n import message

        assert message("wrong password") in dlg.error.text()  # (no user name was typed)
        assert message("wrong user name or password") not in dlg.error.text()
        assert dlg.password.text() == ""
        with host.ws.session() as s:
            assert s.query(User).filter_by(username="clerk1").one().failed_logins == 1
        # WHEN clerk1 types the right password
        dlg.password.setText("clerk1-pass")
        dlg.submit()
        # THEN everything is shown again as it was, the lock is gone, and the sign-in is audited
        assert host.lock_dialog is None and host.window.isVisible() and helpwin.isVisible()
        qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=2000)
        with host.ws.session() as s:
            assert s.query(AuditEvent).filter_by(action="login", username="clerk1").count() == 2
            assert s.query(User).filter_by(username="clerk1").one().failed_logins == 0
        # AND the clock starts again: the next check, just after, does not lock
        host.idle.limit_s = lambda: 600
        host.idle.check()
        assert host.lock_dialog is None
        helpwin.close()
    finally:
        _close(host)


def test_sign_out_from_the_lock_cancels_the_last_users_dialogs(qtbot, root, monkeypatch):
    from desktop import login
    from desktop.qt import QApplication, QDialog, Qt, QTimer

    # GIVEN clerk1's window locked by hand (Account › Lock the window) with a question of
    # his still open
    host = _host(qtbot, root)
    first = host.window
    question = QDialog(first)
    question.setWindowModality(Qt.WindowModality.ApplicationModal)
    question.show()
    answered = []
    question.finished.connect(answered.append)
    first.actions_by_name["lockNow"].trigger()
    qtbot.waitUntil(lambda: host.lock_dialog is not None, timeout=5000)
    dlg = host.lock_dialog
    try:
        # THEN the lock says the window is locked (no time: it was locked by hand); the open
        # question stays under it, not cancelled (what was typed into it is kept)
        assert "clerk1" in dlg.intro.text() and "0" not in dlg.intro.text()
        assert not first.isVisible() and question.isVisible() and answered == []
        # WHEN the revenue officer comes and chooses Sign out
        asked = []

        def next_user(r, **kw):
            asked.append(r)
            return access.sign_in(r, username="admin", password="admin-pass-1")

        monkeypatch.setattr(login, "sign_in_interactive", next_user)
        # (in the app's own event loop, as in use: closing the last visible window ends it)
        app = QApplication.instance()
        QTimer.singleShot(0, dlg.sign_out_btn.click)
        QTimer.singleShot(1500, lambda: app.exit(7))
        assert app.exec() == 7, "the app ended when the lock closed"
        # THEN clerk1's question is cancelled, the sign-in asked who is next, and the next
        # user's window opens
        qtbot.waitUntil(lambda: host.window is not first, timeout=10000)
        assert answered == [QDialog.DialogCode.Rejected] and asked == [root]
        assert host.window.ctx.actor.username == "admin" and host.lock_dialog is None
        assert not host.idle.paused
    finally:
        _close(host)


def test_an_account_disabled_while_locked_cannot_unlock(qtbot, root):
    # GIVEN clerk1's window locked
    host = _host(qtbot, root)
    try:
        host.lock(idle=False)
        dlg = host.lock_dialog
        # WHEN the administrator disables clerk1 meanwhile (another computer) and clerk1 types
        # the right password
        with host.ws.session() as s:
            admin = accounts.get_user(s, accounts.user_named(s, "admin").id).actor()
            accounts.set_active(s, actor=admin, user_id=accounts.user_named(s, "clerk1").id, active=False)
        dlg.password.setText("clerk1-pass")
        dlg.submit()
        # THEN it stays locked and says why; only Sign out is left
        assert host.lock_dialog is dlg and dlg.isVisible() and not host.window.isVisible()
        from desktop.i18n import message

        assert message("wrong password") in dlg.error.text()
    finally:
        _close(host)


def _watched_on_a_thread(monkeypatch, module, name, dlg_of):
    """Replace `module.name` by a wrapper noting the thread it runs on, whether the dialog
    (`dlg_of()`) was disabled and said what it was doing, that the UI thread's timers ran
    while it waited, and that pressing OK again meanwhile started nothing more."""
    import threading
    import time

    from desktop.qt import QTimer

    ticks, seen = [], {"calls": 0}
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    real = getattr(module, name)

    def watched(*a, **kw):
        seen["calls"] += 1
        dlg = dlg_of()
        seen["thread"] = threading.current_thread()
        seen["enabled"] = dlg.isEnabled()
        note = getattr(dlg, "note", None)  # (the form's line saying what it waits for)
        seen["note"] = note.text() if note is not None and note.isVisibleTo(dlg) else ""
        before, end = len(ticks), time.monotonic() + 5
        while len(ticks) < before + 3 and time.monotonic() < end:  # (5 s: a guard, not a measure)
            time.sleep(0.005)
        seen["ticks"] = len(ticks) - before
        seen["again"] = threading.Event()
        from desktop import mainthread

        mainthread.install()
        mainthread.post(lambda: (dlg.submit(), seen["again"].set()))  # OK pressed again meanwhile
        seen["again"].wait(5)
        return real(*a, **kw)

    monkeypatch.setattr(module, name, watched)
    return seen, timer


def _checked_off_the_ui_thread(seen, dlg, note):
    import threading

    assert seen["calls"] == 1, "OK pressed again while it ran started it again"
    assert seen["thread"] is not threading.main_thread()
    assert seen["ticks"] >= 3 and seen["enabled"] is False and note in seen["note"]
    assert dlg.isEnabled() and not dlg.note.isVisibleTo(dlg)


def test_a_password_change_hashes_off_the_ui_thread(qtbot, root, monkeypatch):
    from desktop.login import ChangePasswordDialog
    from records.workspace import Workspace

    # GIVEN clerk1 changing his password (argon2 twice: the old one checked, the new one hashed)
    ws = Workspace.open(root)
    clerk = [u for u in _users(ws) if u.username == "clerk1"][0]
    dlg = ChangePasswordDialog(ws, clerk)
    qtbot.addWidget(dlg)
    seen, timer = _watched_on_a_thread(monkeypatch, access, "change_password", lambda: dlg)
    try:
        dlg.old.setText("clerk1-pass")
        dlg.new.setText("clerk1-new-pass")
        dlg.repeat.setText("clerk1-new-pass")
        # WHEN OK is pressed
        dlg.submit()
        # THEN the hashing ran on another thread, the dialog drawn, disabled and saying so;
        # OK pressed again meanwhile changed nothing twice; the password is changed
        _checked_off_the_ui_thread(seen, dlg, "Changing the password")
        assert dlg.result() == QDialog.DialogCode.Accepted
    finally:
        timer.stop()
        ws.close()
    _login(qtbot, root, "clerk1", "clerk1-new-pass").workspace.close()


def test_a_refused_password_change_says_why_after_the_check_off_the_ui_thread(qtbot, root, monkeypatch):
    from desktop.login import ChangePasswordDialog
    from records.workspace import Workspace

    ws = Workspace.open(root)
    clerk = [u for u in _users(ws) if u.username == "clerk1"][0]
    dlg = ChangePasswordDialog(ws, clerk)
    qtbot.addWidget(dlg)
    seen, timer = _watched_on_a_thread(monkeypatch, access, "change_password", lambda: dlg)
    try:
        # WHEN the current password is wrong THEN the dialog stays and says so
        dlg.old.setText("not-my-pass")
        dlg.new.setText("clerk1-new-pass")
        dlg.repeat.setText("clerk1-new-pass")
        dlg.submit()
        _checked_off_the_ui_thread(seen, dlg, "Changing the password")
        assert dlg.result() != QDialog.DialogCode.Accepted and dlg.error.text().startswith("Not changed:")
    finally:
        timer.stop()
        ws.close()


def test_the_first_administrator_is_made_off_the_ui_thread(qtbot, tmp_path, monkeypatch):
    from desktop.login import FirstAdminDialog
    from records.workspace import Workspace

    # GIVEN a new workspace with no accounts
    ws = Workspace.open(tmp_path / "new", create=True)
    dlg = FirstAdminDialog(ws)
    qtbot.addWidget(dlg)
    seen, timer = _watched_on_a_thread(monkeypatch, access, "create_user", lambda: dlg)
    try:
        dlg.password.setText("secret-pass-1")
        dlg.repeat.setText("secret-pass-1")
        # WHEN OK is pressed THEN the account is made on another thread, once
        dlg.submit()
        _checked_off_the_ui_thread(seen, dlg, "Creating the administrator")
        assert dlg.result() == QDialog.DialogCode.Accepted and dlg.user.role == "admin"
    finally:
        timer.stop()
        ws.close()


def test_a_new_workspace_is_made_off_the_ui_thread(qtbot, tmp_path, monkeypatch):
    from desktop.first_start import NewWorkspaceDialog
    from records.workspace import Workspace

    # GIVEN the first start on a computer, an encrypted workspace chosen
    dlg = NewWorkspaceDialog(tmp_path / "first", language="en")
    dlg.kdf = LIGHT_KDF
    qtbot.addWidget(dlg)
    seen, timer = _watched_on_a_thread(monkeypatch, Workspace, "create_encrypted", lambda: dlg)
    try:
        dlg.password.setText("secret-pass-1")
        dlg.repeat.setText("secret-pass-1")
        # WHEN OK is pressed THEN the workspace and its administrator are made on another thread, once
        dlg.submit()
        _checked_off_the_ui_thread(seen, dlg, "Creating the workspace")
        assert dlg.result() == QDialog.DialogCode.Accepted and dlg.user.role == "admin" and dlg.recovery_code
    finally:
        timer.stop()
        if dlg.workspace is not None:
            dlg.workspace.close()


def test_the_recovery_code_is_checked_off_the_ui_thread(qtbot, tmp_path, monkeypatch):
    from desktop.login import RecoverDialog
    from records.workspace import Workspace

    # GIVEN an encrypted workspace and its recovery code
    root = tmp_path / "enc"
    ws, code = Workspace.create_encrypted(root, admin_username="admin", admin_password="admin-pass-1", kdf=LIGHT_KDF)
    ws.close()
    dlg = RecoverDialog(root, username="admin")
    qtbot.addWidget(dlg)
    seen, timer = _watched_on_a_thread(monkeypatch, access, "recover_account", lambda: dlg)
    try:
        dlg.code.setText(code)
        dlg.password.setText("fresh-start-1")
        dlg.repeat.setText("fresh-start-1")
        # WHEN OK is pressed THEN the code is checked and the password set on another thread, once
        dlg.submit()
        _checked_off_the_ui_thread(seen, dlg, "Checking the recovery code")
        assert dlg.result() == QDialog.DialogCode.Accepted and dlg.new_code and dlg.new_code != code
    finally:
        timer.stop()


def test_the_password_check_is_waited_for_without_polling(qtbot):
    import time

    from desktop.login import off_ui_thread
    from desktop.qt import QApplication, QEvent, QObject, QWidget

    class TimerCount(QObject):
        """Timer events the UI thread handles (a poll wakes it at every tick)."""

        def __init__(self) -> None:
            super().__init__()
            self.n = 0

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Timer:
                self.n += 1
            return False

    # GIVEN a form, and a count of the timer events of the UI thread
    form = QWidget()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    count = TimerCount()
    app = QApplication.instance()
    app.installEventFilter(count)
    try:
        # WHEN a check that takes 0.4 s runs off the UI thread
        t0 = time.monotonic()
        assert off_ui_thread(form, lambda: time.sleep(0.4) or "ok") == "ok"
        took = time.monotonic() - t0
    finally:
        app.removeEventFilter(count)
    # THEN the UI thread was woken when it ended, not every 10 ms to ask (40 timer events in
    # 0.4 s; the leak guard's watchdog and the garbage collector's timers tick a few times)
    assert count.n < 10, count.n
    assert 0.4 <= took < 1.5
    assert form.isEnabled()
    # AND a check that raises still raises on the UI thread
    with pytest.raises(ValueError, match="refused"):
        off_ui_thread(form, lambda: (_ for _ in ()).throw(ValueError("refused")))
    assert form.isEnabled()


def test_the_lock_names_an_account_without_a_name_of_its_own_once(qtbot, root):
    """Seen under Xvfb: the lock of an account whose name is its user name said
    "ro1 (ro1): type your password …"."""
    from desktop.idle_lock import LockDialog
    from records.workspace import Workspace

    ws = Workspace.open(root)
    try:
        plain = LockDialog(ws, "ro1", "", None)
        same = LockDialog(ws, "ro1", "ro1", None)
        named = LockDialog(ws, "clerk1", "Aslam", None)
        for d in (plain, same, named):
            qtbot.addWidget(d)
        texts = [d.intro.text() for d in (plain, same, named)]
        assert "ro1 (" not in texts[0] and "ro1 (" not in texts[1] and "ro1" in texts[0]
        assert "Aslam (\u2066clerk1\u2069)" in texts[2] or "Aslam (clerk1)" in texts[2]
    finally:
        ws.close()


def test_signing_in_on_a_computer_whose_date_is_behind_the_trail_warns_once(qtbot, root, monkeypatch):
    import datetime as dt

    from desktop import login
    from desktop.login import sign_in_interactive
    from records import audit

    warned = []
    monkeypatch.setattr(login.QMessageBox, "warning", lambda parent, title, text, *a: warned.append((title, text)))
    # GIVEN a workspace whose trail was written with the right date
    # WHEN someone signs in on a day the computer's clock says 2010 (a dead CMOS battery)
    monkeypatch.setattr(audit, "utcnow", lambda: dt.datetime(2010, 1, 1, 9, 0))
    ws, user = sign_in_interactive(root, username="clerk1", password="clerk1-pass")
    ws.close()
    # THEN one warning says this computer's date is wrong, with the date it has, and to set
    # it before working; the sign-in goes on (work is still allowed)
    assert user.username == "clerk1"
    assert len(warned) == 1
    assert warned[0][0] == "This computer's date is wrong"
    assert "it says 2010-01-01" in warned[0][1] and "Set this computer's date and time before working" in warned[0][1]

    # AND with the date right, nothing is said
    monkeypatch.undo()
    monkeypatch.setattr(login.QMessageBox, "warning", lambda parent, title, text, *a: warned.append((title, text)))
    ws, _ = sign_in_interactive(root, username="clerk1", password="clerk1-pass")
    ws.close()
    assert len(warned) == 1


def _job_processes() -> list[int]:
    """This process's children that are job processes (spawned by multiprocessing: a spare or
    a job), alive; not the resource tracker multiprocessing keeps for its semaphores."""
    import os

    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                state, ppid = f.read().rsplit(")", 1)[1].split()[:2]
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read()
        except OSError:
            continue
        if int(ppid) == os.getpid() and state != "Z" and b"multiprocessing.spawn" in cmdline:
            found.append(int(entry))
    return found


def test_a_spare_job_process_only_while_someone_is_signed_in_at_the_window(qtbot, root, monkeypatch):
    from desktop import login, main
    from desktop.job_process import workspace_args
    from desktop.procjob import run_in_process
    from desktop.qt import QTimer

    monkeypatch.setattr(main, "WARM_JOBS_AFTER_MS", 50)
    most = [0]

    def job_processes() -> list[int]:
        found = _job_processes()
        most[0] = max(most[0], len(found))
        return found

    # the most job processes seen at once: every 10 ms of the whole run, and at every look
    # below (on a loaded machine starting a spare can take a wait's whole 10 ms, and the wait
    # then ends, its condition met, before the watch ran while the spare was there)
    watch = QTimer()
    watch.timeout.connect(job_processes)
    watch.start(10)
    host = _host(qtbot, root)
    try:
        # GIVEN clerk1 signed in at the window: one spare job process is made ready
        qtbot.waitUntil(lambda: len(job_processes()) == 1, timeout=15_000)
        # WHEN the window locks by itself (idle) THEN no job process is left
        host.idle.idle.emit()
        assert host.lock_dialog is not None and job_processes() == []
        # ... nor made while it stays locked, even after a job ran meanwhile (work goes on)
        assert run_in_process("desktop.job_process:verify_audit", workspace_args(host.ws))[0].ok
        qtbot.wait(300)
        assert job_processes() == []
        # WHEN he unlocks THEN one spare is made ready again
        host.lock_dialog.done(1)
        qtbot.waitUntil(lambda: len(job_processes()) == 1, timeout=15_000)
        # WHEN he locks by hand and signs out from the lock THEN none is there while the
        # sign-in asks who is next
        host.window.actions_by_name["lockNow"].trigger()
        qtbot.waitUntil(lambda: host.lock_dialog is not None, timeout=5000)
        assert job_processes() == []
        at_sign_in = []

        def next_user(r, **kw):
            at_sign_in.append(job_processes())
            return access.sign_in(r, username="admin", password="admin-pass-1")

        monkeypatch.setattr(login, "sign_in_interactive", next_user)
        first = host.window
        host.lock_dialog.done(host.lock_dialog.SIGN_OUT)
        qtbot.waitUntil(lambda: host.window is not first, timeout=10_000)
        assert at_sign_in == [[]]
        # THEN the administrator's window has one spare; a job takes it and one replaces it
        qtbot.waitUntil(lambda: len(job_processes()) == 1, timeout=15_000)
        spare = job_processes()
        assert run_in_process("desktop.job_process:verify_audit", workspace_args(host.ws))[0].ok
        qtbot.waitUntil(lambda: len(job_processes()) == 1 and job_processes() != spare, timeout=15_000)
    finally:
        # WHEN the app quits (as run_app ends: the host shut down, the window closed)
        watch.stop()
        _close(host)
    # THEN no job process is left, and there was never more than one at a time
    assert _job_processes() == []
    assert most[0] == 1
