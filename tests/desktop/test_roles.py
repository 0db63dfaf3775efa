"""Role-dependent menus and screens; the administrator's accounts dialog; the clerk's side
of the return-with-comment round trip in the main window."""

from __future__ import annotations

import pytest

from desktop.context import AppContext, Preferences
from desktop.qt import QDialog
from records import accounts, services, workflow
from tests.desktop.conftest import wait_idle
from tests.desktop.helpers import make_register

pytestmark = pytest.mark.gui

REVIEW_ACTIONS = {"review", "audit", "users"}




def _window(qtbot, workspace, actor):
    from desktop.fonts import load_fonts
    from desktop.mainwindow import MainWindow

    load_fonts()
    ctx = AppContext.create(workspace, actor, prefs=Preferences(urdu_digits=True))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_idle(qtbot, ctx)
    return win


@pytest.mark.parametrize("who, visible", [
    ("clerk1", set()),
    ("girdawar1", {"review", "audit"}),
    ("ro1", {"review", "audit"}),
    ("admin", {"audit", "users"}),
])
def test_menus_depend_on_the_role(qtbot, workspace, qapp, actors, who, visible):
    # GIVEN a user of each role  WHEN the main window opens for them
    win = _window(qtbot, workspace, actors[who])
    try:
        # THEN they see exactly the review/audit/users actions of their role
        assert REVIEW_ACTIONS & set(win.actions_by_name) == visible
        # AND everyone may change their own password
        assert "changePassword" in win.actions_by_name
        # AND only those who edit have the list of rows returned to them
        assert (getattr(win, "returned_panel", None) is not None) == (who != "admin")
        # AND only supervisors, revenue officers and the administrator take backups
        assert ("backUp" in win.actions_by_name) == (who != "clerk1")
    finally:
        win.shutdown()


@pytest.mark.parametrize("who, text, urdu", [
    ("girdawar1", "Review submitted pages", "پیش شدہ صفحات کی پڑتال"),
    ("ro1", "Verify approved pages", "منظور شدہ صفحات کی تصدیق"),
])
def test_the_review_menu_item_names_the_work_of_the_role(qtbot, workspace, qapp, actors, who, text, urdu):
    from desktop import i18n

    # GIVEN a supervisor and a revenue officer, whose work is verifying approved entries
    # WHEN their window opens, in English and in Urdu
    for lang, want in (("en", text), ("ur", urdu)):
        i18n.apply_language(qapp, lang)
        try:
            win = _window(qtbot, workspace, actors[who])
            try:
                # THEN the Review menu names what each does there (it said "Review submitted
                # pages" to the revenue officer too)
                assert win.actions_by_name["review"].text() == want
            finally:
                win.shutdown()
        finally:
            i18n.apply_language(qapp, "en")


def test_review_action_opens_the_review_tab_once(qtbot, workspace, qapp, actors):
    # GIVEN a supervisor's window
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        # WHEN Review is triggered twice
        win.actions_by_name["review"].trigger()
        win.actions_by_name["review"].trigger()
        wait_idle(qtbot, win.ctx)
        # THEN one review tab is open and shown
        assert win.tabs.currentWidget() is win.review_panel
        assert sum(win.tabs.widget(i) is win.review_panel for i in range(win.tabs.count())) == 1
        # AND the audit viewer opens beside it
        win.actions_by_name["audit"].trigger()
        wait_idle(qtbot, win.ctx)
        assert win.tabs.currentWidget() is win.audit_viewer
    finally:
        win.shutdown()


def test_clerk_sees_the_comment_and_resubmits(qtbot, workspace, qapp, actors):
    # GIVEN clerk1's page, submitted and returned by girdawar1 with a comment
    clerk_win = _window(qtbot, workspace, actors["clerk1"])
    ctx = clerk_win.ctx
    try:
        _rid, (pid,) = make_register(ctx)
        with workspace.session() as s:
            services.submit_page(s, actor=ctx.actor, page_id=pid)
        with workspace.session() as s:
            first = services.page_rows(s, pid)[0].entry_id
            services.transition(s, actor=actors["girdawar1"], entry_ids=[first], action="return",
                                comment="مالک کا نام رجسٹر سے ملائیں، حصہ 3/8")
        # WHEN the clerk's window hears of the change
        ctx.bus.changed.emit(services.Changes(workflow=True, pages=True, page_ids={pid}), None)
        wait_idle(qtbot, ctx)
        # THEN the returned list shows the comment and who returned it
        panel = clerk_win.returned_panel
        assert panel.table.rowCount() == 1
        assert panel.table.item(0, 3).text() == "مالک کا نام رجسٹر سے ملائیں، حصہ \u20663/8\u2069"
        # WHEN he opens the row from the list
        panel.table.setCurrentCell(0, 3)
        panel._activated(0, 3)
        wait_idle(qtbot, ctx)
        # THEN the correction view shows that page and row, and the row may be edited again
        assert clerk_win.correction.page_id == pid
        assert clerk_win.correction.model.row_view(0).state == workflow.RETURNED
        assert clerk_win.correction.model.row_view(0).comment == "مالک کا نام رجسٹر سے ملائیں، حصہ 3/8"
        # (the share after an Urdu word kept left to right: drawn 8/3 when not isolated)
        assert "مالک کا نام رجسٹر سے ملائیں، حصہ \u20663/8\u2069" in clerk_win.statusBar().currentMessage()
        # WHEN he corrects it and submits the page again from the correction view
        with workspace.session() as s:
            services.set_value(s, actor=ctx.actor, entry_id=first, field_name="owner",
                               text="محمد اکرم ولد غلام رسول", source="corrected")
        clerk_win.correction.model.reload()
        wait_idle(qtbot, ctx)
        clerk_win.correction.submit()
        wait_idle(qtbot, ctx)
        # THEN every row is submitted again and the returned list is empty
        with workspace.session() as s:
            assert {r.state for r in services.page_rows(s, pid)} == {workflow.SUBMITTED}
        wait_idle(qtbot, ctx)
        assert panel.table.rowCount() == 0
    finally:
        clerk_win.shutdown()


def test_the_returned_tab_says_how_many_rows_wait_for_the_clerk(qtbot, workspace, qapp, actors):
    from desktop.i18n import number_text

    # GIVEN clerk1's page of two rows, submitted, and girdawar1 returning both with a comment
    clerk_win = _window(qtbot, workspace, actors["clerk1"])
    ctx = clerk_win.ctx
    try:
        def tab_text() -> str:
            return clerk_win.tabs.tabText(clerk_win.tabs.indexOf(clerk_win.returned_panel))

        _rid, (pid,) = make_register(ctx)
        assert tab_text() == "Returned to me"
        with workspace.session() as s:
            services.submit_page(s, actor=ctx.actor, page_id=pid)
        with workspace.session() as s:
            ids = [r.entry_id for r in services.page_rows(s, pid)]
            services.transition(s, actor=actors["girdawar1"], entry_ids=ids, action="return", comment="رقبہ دیکھیں")
        # WHEN the clerk's window hears of it (as on signing in)
        ctx.bus.changed.emit(services.Changes(workflow=True, pages=True, page_ids={pid}), None)
        wait_idle(qtbot, ctx)
        # THEN the tab's name says two rows wait, in the office's digits (it said nothing: the
        # clerk had to open the tab to learn of them)
        qtbot.waitUntil(lambda: clerk_win.returned_panel.table.rowCount() == 2)
        assert tab_text() == f"Returned to me ({number_text(2)})"
        # WHEN the page is submitted again THEN the count goes
        with workspace.session() as s:
            services.submit_page(s, actor=ctx.actor, page_id=pid)
        ctx.bus.changed.emit(services.Changes(workflow=True, pages=True, page_ids={pid}), None)
        wait_idle(qtbot, ctx)
        qtbot.waitUntil(lambda: tab_text() == "Returned to me")
    finally:
        clerk_win.shutdown()


def test_admin_creates_resets_and_disables_users(qtbot, workspace, qapp, actors):
    from desktop.users_dialog import UsersDialog

    # GIVEN the administrator's accounts dialog
    ctx = AppContext.create(workspace, actors["admin"], prefs=Preferences())
    dlg = UsersDialog(ctx)
    qtbot.addWidget(dlg)
    try:
        wait_idle(qtbot, ctx)
        assert [u.username for u in dlg.users] == ["admin", "clerk1", "girdawar1", "ro1"]
        # WHEN a clerk is created with a too short password
        dlg.ask_new_user = lambda: ("clerk2", "نیا کلرک", "clerk", "short")
        dlg.new_user()
        wait_idle(qtbot, ctx)
        # THEN the rule is named and nobody is added
        assert "at least 8 characters" in dlg.status.text() and len(dlg.users) == 4
        # WHEN with a good one
        dlg.ask_new_user = lambda: ("clerk2", "نیا کلرک", "clerk", "clerk2-pass")
        dlg.new_user()
        wait_idle(qtbot, ctx)
        # THEN clerk2 is listed and may sign in, and must choose his own password at once (the
        # administrator knows this one)
        assert "clerk2" in [u.username for u in dlg.users]
        assert [u for u in dlg.users if u.username == "clerk2"][0].must_change_password
        with workspace.session() as s:
            assert accounts.login(s, username="clerk2", password="clerk2-pass").role == "clerk"
        # WHEN his password is reset
        assert dlg.select_user("clerk2")
        dlg.ask_reset = lambda user: "temporary-9"
        dlg.reset_password()
        wait_idle(qtbot, ctx)
        # THEN he must change it at the next sign-in
        assert [u for u in dlg.users if u.username == "clerk2"][0].must_change_password
        # WHEN he is disabled (after confirming)
        assert dlg.select_user("clerk2")
        dlg.confirm = lambda text: True
        dlg.remove_user()
        wait_idle(qtbot, ctx)
        # THEN he can no longer sign in
        assert not [u for u in dlg.users if u.username == "clerk2"][0].active
        with workspace.session() as s, pytest.raises(accounts.AccountError):
            accounts.login(s, username="clerk2", password="temporary-9")
        # AND the button offers to enable him again
        assert dlg.select_user("clerk2")
        assert dlg.remove_btn.text() == "Enable user…" and dlg.remove_btn.isEnabled()
        # WHEN he comes back and the administrator enables him with a new password
        asked = []
        dlg.ask_enable = lambda user: asked.append(user.username) or "welcome-back-1"
        dlg.remove_btn.click()
        wait_idle(qtbot, ctx)
        # THEN he signs in with it and must choose his own at once
        assert asked == ["clerk2"] and "enabled again" in dlg.status.text()
        back = [u for u in dlg.users if u.username == "clerk2"][0]
        assert back.active and back.must_change_password
        with workspace.session() as s:
            assert accounts.login(s, username="clerk2", password="welcome-back-1").role == "clerk"
        assert dlg.select_user("clerk2") and dlg.remove_btn.text() == "Disable user"
        # AND the admin cannot disable himself: the button is off for his own row, and the
        # action is refused before any question is asked
        assert dlg.select_user("admin")
        assert not dlg.remove_btn.isEnabled() and "own account" in dlg.remove_btn.toolTip()
        dlg.confirm = lambda text: pytest.fail(f"asked: {text}")
        dlg.remove_user()
        wait_idle(qtbot, ctx)
        assert "cannot disable your own account" in dlg.status.text()
        # AND the recovery code button is hidden on a plain workspace
        assert dlg.recovery_btn.isHidden()
    finally:
        dlg.close()
        ctx.close()


def test_a_new_users_password_is_checked_in_the_form_which_keeps_what_was_typed(qtbot):
    from desktop.users_dialog import NewUserDialog

    # GIVEN the new-user form filled with a password too short
    form = NewUserDialog()
    qtbot.addWidget(form)
    form.username.setText("clerk2")
    form.full_name.setText("نیا کلرک")
    form.password.setText("short")
    form.repeat.setText("short")
    # WHEN it is submitted
    form.submit()
    # THEN it stays open, names the rule and keeps the name typed
    assert form.result() != QDialog.DialogCode.Accepted
    assert "at least 8 characters" in form.error.text() and form.full_name.text() == "نیا کلرک"
    # WHEN the name is one the workspace has already (any case)
    form.taken = {"admin", "clerk2"}
    form.username.setText("Clerk2")
    form.password.setText("clerk2-pass")
    form.repeat.setText("clerk2-pass")
    form.submit()
    # THEN it stays open, says so and keeps everything typed
    assert form.result() != QDialog.DialogCode.Accepted
    assert "Clerk2 is taken" in form.error.text() and form.full_name.text() == "نیا کلرک"
    assert form.password.text() == "clerk2-pass"
    # WHEN a free name and a good password are given THEN it closes
    form.username.setText("clerk3")
    form.password.setText("clerk2-pass")
    form.repeat.setText("clerk2-pass")
    form.submit()
    assert form.result() == QDialog.DialogCode.Accepted


def test_non_admin_is_refused_by_the_core(qtbot, workspace, qapp, actors):
    from desktop.users_dialog import UsersDialog

    # GIVEN a supervisor who somehow opened the accounts dialog
    ctx = AppContext.create(workspace, actors["girdawar1"], prefs=Preferences())
    dlg = UsersDialog(ctx)
    qtbot.addWidget(dlg)
    try:
        wait_idle(qtbot, ctx)
        # WHEN he tries to create a user
        dlg.ask_new_user = lambda: ("sneaky", "", "admin", "sneaky-pass")
        dlg.new_user()
        wait_idle(qtbot, ctx)
        # THEN records/ refuses and the dialog says so
        assert "only an administrator can create users" in dlg.status.text()
        assert "sneaky" not in [u.username for u in dlg.users]
    finally:
        dlg.close()
        ctx.close()


def test_users_dialog_on_an_encrypted_workspace(qtbot, tmp_path, qapp):
    from desktop.users_dialog import UsersDialog
    from records import access
    from records.crypto import WrongPassword
    from records.workspace import Workspace

    # GIVEN an encrypted workspace and its administrator's accounts dialog
    root = tmp_path / "enc"
    ws, first_code = Workspace.create_encrypted(root, admin_username="admin", admin_password="admin-pass-1",
                                                kdf={"time_cost": 1, "memory_cost": 1024, "parallelism": 1})
    with ws.session() as s:
        admin = accounts.list_users(s)[0].actor()
    ctx = AppContext.create(ws, admin, prefs=Preferences())
    dlg = UsersDialog(ctx)
    qtbot.addWidget(dlg)
    shown: list[str] = []
    try:
        wait_idle(qtbot, ctx)
        assert not dlg.recovery_btn.isHidden()
        # WHEN a clerk is created
        dlg.ask_new_user = lambda: ("clerk1", "", "clerk", "clerk1-pass")
        dlg.new_user()
        wait_idle(qtbot, ctx)
        # AND a new recovery code is made
        dlg.confirm = lambda text: True
        dlg.show_code = shown.append
        dlg.new_recovery_code()
        wait_idle(qtbot, ctx)
    finally:
        dlg.close()
        ctx.close()
        ws.close()
    # THEN the clerk's own password unlocks the workspace
    ws2, user = access.sign_in(root, username="clerk1", password="clerk1-pass")
    ws2.close()
    assert user.role == "clerk"
    # AND the new code was shown once and replaces the first one
    assert len(shown) == 1 and shown[0] != first_code
    assert Workspace.unlock_recovery(root, shown[0])
    with pytest.raises(WrongPassword):
        Workspace.unlock_recovery(root, first_code)


def test_sync_dock_and_reports_menu(qtbot, workspace, qapp, actors):
    # GIVEN a supervisor's window on a workspace not yet enrolled with a central server
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        # WHEN the sync panel is asked for
        win.actions_by_name["showSync"].trigger()
        # THEN it opens in a dock and shows the queue
        assert win.sync_dock.isVisibleTo(win)
        qtbot.waitUntil(lambda: "Reading" not in win.sync_panel.queue_label.text(), timeout=10000)
        # AND the Reports menu holds the fard, progress report and export actions
        assert {"saveFard", "previewFard", "progressReport", "exportData"} <= set(win.actions_by_name)
    finally:
        win.shutdown()
    assert not [t for t in win.sync_panel._threads if t.is_alive()]


@pytest.mark.parametrize("who", ["clerk1", "girdawar1", "ro1", "admin"])
def test_no_key_is_bound_to_two_actions_for_any_role(qtbot, workspace, qapp, actors, who):
    from tests.desktop.keys import clashing_keys

    # GIVEN the main window of each role, with every screen of theirs open
    win = _window(qtbot, workspace, actors[who])
    try:
        for name in ("review", "audit"):
            if name in win.actions_by_name:
                win.actions_by_name[name].trigger()
        wait_idle(qtbot, win.ctx)
        # WHEN every action's keys are listed THEN no key belongs to two actions that one
        # keyboard focus could reach (Qt would fire neither)
        assert clashing_keys(win) == {}
    finally:
        win.shutdown()


def test_a_supervisor_backs_up_the_workspace_from_the_menu(qtbot, workspace, qapp, actors, tmp_path, monkeypatch):
    from desktop import file_dialogs
    from desktop.qt import QMessageBox
    from records.backup import read_manifest

    # GIVEN a supervisor's window on a workspace with a register, and a USB stick's folder
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        make_register(win.ctx)
        usb = tmp_path / "usb"
        usb.mkdir()
        monkeypatch.setattr(file_dialogs, "choose_folder", lambda *a, **k: str(usb))
        # WHEN he chooses Register › Back up the workspace… and the folder
        win.actions_by_name["backUp"].trigger()
        job = win.backup_job
        qtbot.waitUntil(lambda: job.done, timeout=20000)
        # THEN one complete backup is in the folder, and a note says where and what it holds
        (tar,) = usb.iterdir()
        assert job.error is None and tar.suffix == ".tar" and read_manifest(tar)["counts"]["entry"] == 2
        notes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        # (the path kept left to right: in Urdu it was drawn in pieces, right to left)
        assert len(notes) == 1 and f"\u2066{tar}\u2069" in notes[0].text() and "2 entries" in notes[0].text()
        notes[0].close()
        # AND the audit trail says he took it
        with workspace.session() as s:
            from sqlalchemy import select

            from records.models import AuditEvent

            ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).one()
            assert ev.username == "girdawar1" and ev.new == str(tar)
        # WHEN a file stands where the folder should be
        (tmp_path / "stick").write_text("not a folder")
        job = oversight_back_up(win, str(tmp_path / "stick" / "daftar"))
        qtbot.waitUntil(lambda: job.done, timeout=20000)
        # THEN the reason names the folder, in a warning, and nothing is recorded
        assert job.error == f"{tmp_path / 'stick'} is a file, not a folder: choose a folder for daftar.tar. Nothing was written."
        warn = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert len(warn) == 1 and warn[0].icon() == QMessageBox.Icon.Warning
        warn[0].close()
        with workspace.session() as s:
            assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).all()) == 1
    finally:
        win.shutdown()


def test_those_who_can_back_up_are_reminded_when_a_backup_is_due(qtbot, workspace, qapp, actors, tmp_path,
                                                                  monkeypatch):
    import datetime as dt
    import json

    from desktop import file_dialogs
    from desktop.qt import QMessageBox

    # GIVEN a workspace with pages that was never backed up
    maker = AppContext.create(workspace, actors["clerk1"])
    make_register(maker)
    maker.close()  # (its TaskRunner's GC guard released)
    clerk = _window(qtbot, workspace, actors["clerk1"])
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        # THEN the supervisor's status bar says so, with a link that writes one; the clerk,
        # who cannot write a backup, is not told
        reminder = win.backup_reminder
        assert not reminder.isHidden() and "No backup of this workspace yet" in reminder.text()
        assert getattr(clerk, "backup_reminder", None) is None
        # WHEN he follows the link and chooses a USB stick's folder
        usb = tmp_path / "usb"
        usb.mkdir()
        opened_at = []
        monkeypatch.setattr(file_dialogs, "choose_folder",
                            lambda parent, title, start, *a, **k: opened_at.append(start) or str(usb))
        reminder.linkActivated.emit("backup")
        job = win.backup_job
        qtbot.waitUntil(lambda: job.done, timeout=20000)
        # THEN the backup is written and the reminder goes away
        assert job.error is None and len(list(usb.iterdir())) == 1
        qtbot.waitUntil(lambda: reminder.isHidden(), timeout=5000)
        # (the first time the folder dialog opened away from the workspace's own disk folder;
        # the next time it opens on the stick, where the last backup went)
        assert opened_at[0] != str(workspace.backups_dir)
        from desktop.oversight import backup_start_folder

        assert backup_start_folder(workspace) == usb
        for w in qapp.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.close()
        # WHEN nine days pass (the office reminds after 7, the default)
        note = workspace.backups_dir / "last-backup.json"
        old = json.loads(note.read_text())
        old["at"] = (dt.datetime.now(dt.UTC) - dt.timedelta(days=9)).isoformat()
        note.write_text(json.dumps(old))
        reminder.refresh()
        # THEN it says how long it has been
        assert not reminder.isHidden() and "Last backup 9 days ago" in reminder.text()
        # WHEN the last backup is dated three years ahead (written while the clock was wrong)
        old["at"] = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3 * 365)).isoformat()
        note.write_text(json.dumps(old))
        reminder.refresh()
        # THEN the reminder stays, saying to check this computer's date (not silent for three years)
        assert not reminder.isHidden() and "dated after today: check this computer&#x27;s date" in reminder.text()
        # AND an office that set reminders off (0) is not reminded
        from records import office_settings

        with workspace.session() as s:
            office_settings.change(s, actor=actors["admin"], values={"backup.remind_after_days": 0})
        reminder.refresh()
        assert reminder.isHidden()
    finally:
        win.shutdown()
        clerk.shutdown()


def oversight_back_up(win, folder):
    from desktop import oversight

    return oversight.back_up(win, folder)


def _approved_page(workspace, actors) -> tuple[int, list[int]]:
    """A page of clerk1's, submitted and approved by girdawar1: (page id, entry ids)."""
    clerk = AppContext.create(workspace, actors["clerk1"])
    try:
        _rid, (pid,) = make_register(clerk)
    finally:
        clerk.close()  # (its TaskRunner's GC guard released: else gc stays off for later tests)
    with workspace.session() as s:
        ids = [r.entry_id for r in services.page_rows(s, pid)]
        services.transition(s, actor=actors["clerk1"], entry_ids=ids, action="submit")
        services.transition(s, actor=actors["girdawar1"], entry_ids=ids, action="approve")
    return pid, ids


def test_the_sync_panel_says_approved_entries_wait_for_verification(qtbot, workspace, qapp, actors):
    from desktop import oversight
    from sync import engine

    # GIVEN clerk1's page approved by girdawar1, the office requiring verification (the default)
    _pid, ids = _approved_page(workspace, actors)
    engine.set_paused(workspace, True)
    assert engine.queue_status(workspace).unverified == len(ids) and engine.queue_status(workspace).ready == 0
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        # WHEN girdawar1 opens the sync panel
        panel = oversight.open_sync(win).widget()
        # THEN the batch button says why nothing can go yet (it read "Put approved entries in a batch")
        qtbot.waitUntil(lambda: "verification" in panel.seal_btn.text(), timeout=5000)
        assert f"{len(ids)} approved entries wait" in panel.seal_btn.text().replace("\u2066", "").replace("\u2069", "")
        assert not panel.seal_btn.isEnabled()
    finally:
        win.shutdown()


def test_a_supervisor_seals_approved_entries_from_the_sync_panel(qtbot, workspace, qapp, actors, tmp_path, monkeypatch):
    from desktop import oversight
    from records import office_settings
    from sync import engine

    # GIVEN clerk1's page approved by girdawar1, the office not requiring verification, and
    # sync paused (no server here)
    pid, ids = _approved_page(workspace, actors)
    with workspace.session() as s:
        office_settings.change(s, actor=actors["admin"], values={"workflow.require_verification": False})
    engine.set_paused(workspace, True)
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        # WHEN girdawar1 opens the sync panel and puts the approved entries in a batch
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(panel.seal_btn.isEnabled, timeout=5000)
        panel.seal_approved()
        # THEN they are sealed, waiting to be sent, and nothing more is offered
        qtbot.waitUntil(lambda: engine.queue_status(workspace).waiting == len(ids), timeout=5000)
        qtbot.waitUntil(lambda: panel.last_batch is not None and not panel.seal_btn.isEnabled(), timeout=5000)
        with workspace.session() as s:
            assert {r.state for r in services.page_rows(s, pid)} == {"batched"}
        # AND the batch's handover sheet is offered, and saved as a PDF where he says
        assert panel.handover_btn.isVisibleTo(panel) and panel.last_batch is not None
        from desktop import reports_dialogs
        from desktop.qt import QMessageBox

        out = tmp_path / "handover.pdf"
        monkeypatch.setattr(reports_dialogs, "_ask_path", lambda *a, **k: str(out))
        job = panel.save_handover()
        qtbot.waitUntil(lambda: job.done, timeout=20000)
        assert job.error is None and out.read_bytes().startswith(b"%PDF")
        for w in qapp.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.close()
        # AND the batch, waiting to be sent, can be saved as a file for a USB stick
        import zipfile

        qtbot.waitUntil(panel.usb_btn.isEnabled, timeout=5000)
        (tmp_path / "usb").mkdir()
        job = oversight.save_batch_file(win, str(tmp_path / "usb" / "week-47"))
        qtbot.waitUntil(lambda: job.done, timeout=20000)
        assert job.error is None
        with zipfile.ZipFile(tmp_path / "usb" / "week-47.daftar-batch") as z:
            assert "batch.json" in z.namelist()
        notes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert len(notes) == 1 and f"A batch of {len(ids)} entries is saved" in notes[0].text()
        notes[0].close()
        # AND where it cannot be written the reason says where, and what to check
        (tmp_path / "ro").write_text("a file where a folder should be")
        job = oversight.save_batch_file(win, str(tmp_path / "ro" / "x.daftar-batch"))
        qtbot.waitUntil(lambda: job.done, timeout=20000)
        assert job.error.startswith("cannot write ") and "USB stick" in job.error
        for w in qapp.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.close()
    finally:
        win.shutdown()


def test_a_returned_row_of_another_register_opens_in_the_lists_as_if_clicked(qtbot, workspace, qapp, actors):
    # GIVEN clerk1's two registers; row 2 of page 2 of the first is sent back by girdawar1
    from desktop import oversight

    clerk_win = _window(qtbot, workspace, actors["clerk1"])
    ctx = clerk_win.ctx
    try:
        first, first_pages = make_register(ctx, n_pages=3)
        other, _other_pages = make_register(ctx, n_pages=2, seed=10)
        with workspace.session() as s:
            services.submit_page(s, actor=ctx.actor, page_id=first_pages[1])
        with workspace.session() as s:
            returned = services.page_rows(s, first_pages[1])[1].entry_id
            services.transition(s, actor=actors["girdawar1"], entry_ids=[returned], action="return",
                                comment="حصہ رجسٹر سے ملائیں")
        ctx.bus.changed.emit(services.Changes(registers=True, workflow=True, pages=True), None)
        wait_idle(qtbot, ctx)
        #       AND the clerk is working on the other register (as if he had clicked it)
        win = clerk_win
        win.register_view.setCurrentIndex(win.registers.index(win.registers.row_of(other)))
        wait_idle(qtbot, ctx)
        qtbot.waitUntil(lambda: win.correction.model.page is not None and win.correction.model.page.register_id == other)
        # WHEN he double-clicks the returned row in "Returned to me"
        panel = oversight.show_returned(win)
        wait_idle(qtbot, ctx)
        assert [r.entry_id for r in panel.rows] == [returned]
        panel.table.cellDoubleClicked.emit(0, 0)
        wait_idle(qtbot, ctx)
        qtbot.waitUntil(lambda: win.correction.model.page is not None and win.correction.model.page.id == first_pages[1])
        wait_idle(qtbot, ctx)
        # THEN the register list and the page list show that register and page selected
        assert win.register_id == first
        assert win.registers.register_at(win.register_view.currentIndex().row()).id == first
        assert win.register_view.selectionModel().isSelected(win.register_view.currentIndex())
        assert win.pages.page_at(win.page_view.currentIndex().row()).id == first_pages[1]
        assert win.page_view.selectionModel().isRowSelected(win.page_view.currentIndex().row())
        # AND the page's rows are shown with the keyboard on the returned row
        assert win.tabs.currentWidget() is win.correction
        assert win.correction.table.currentIndex().row() == 1
        assert win.focusWidget() is win.correction.table
        # ... and the reviewer's comment in the status bar
        assert "حصہ رجسٹر سے ملائیں" in win.statusBar().currentMessage()
        # WHEN he presses PgDn
        win.correction.actions_by_name["nextPage"].trigger()
        wait_idle(qtbot, ctx)
        # THEN the next page of that register comes, not one of the register he was on before
        qtbot.waitUntil(lambda: win.correction.page_id == first_pages[2])
        assert win.pages.page_at(win.page_view.currentIndex().row()).id == first_pages[2]
        # AND the comment of the page he left is no longer in the status bar
        assert "حصہ رجسٹر سے ملائیں" not in win.statusBar().currentMessage()
    finally:
        clerk_win.shutdown()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_a_returned_row_opens_on_the_field_the_reviewer_named(qtbot, workspace, qapp, actors, lang):
    from desktop import i18n, oversight
    from desktop.qt import Qt, QTableWidgetSelectionRange
    from desktop.review.panel import ReviewPanel

    # GIVEN clerk1's page of three rows, OCR unsure of row 2's share, submitted for review
    assert i18n.apply_language(qapp, lang)
    clerk_win = _window(qtbot, workspace, actors["clerk1"])
    ctx = clerk_win.ctx
    g1 = AppContext.create(workspace, actors["girdawar1"], prefs=Preferences(urdu_digits=True))
    try:
        from tests.desktop.helpers import GOOD_ROWS

        rows = [*GOOD_ROWS, {"khewat_no": "48", "khatooni_no": "114", "owner": "رشید احمد ولد نور دین",
                             "share": "1", "khasra_nos": "128", "area": "2-0"}]
        _rid, (pid,) = make_register(ctx, rows=rows, low_conf=(1, "share"))
        with workspace.session() as s:
            services.submit_page(s, actor=ctx.actor, page_id=pid)
        #       AND girdawar1 returns row 1's area alone (one cell selected), then rows 2 and 3 whole
        review = ReviewPanel(g1)
        qtbot.addWidget(review)
        wait_idle(qtbot, g1)
        assert review.select_page(pid)
        wait_idle(qtbot, g1)
        pv = review.page_view
        pv.ask_comment = lambda _parent, _title, _prompt, text="": text + "رقبہ رجسٹر سے ملائیں"
        area = [name for name, _label in pv.data.columns].index("area")
        pv.table.setCurrentCell(0, area)
        qtbot.mouseClick(pv.return_rows_btn, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, g1)
        pv.table.clearSelection()
        pv.table.setRangeSelected(QTableWidgetSelectionRange(1, 0, 2, pv.table.columnCount() - 1), True)
        qtbot.mouseClick(pv.return_rows_btn, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, g1)
        with workspace.session() as s:
            assert {r.state for r in services.page_rows(s, pid)} == {workflow.RETURNED}
        ctx.bus.changed.emit(services.Changes(workflow=True, pages=True, page_ids={pid}), None)
        wait_idle(qtbot, ctx)
        clerk_win.show()
        panel = oversight.show_returned(clerk_win)
        wait_idle(qtbot, ctx)
        assert [(r.row_no, r.field) for r in panel.rows] == [(1, "area"), (2, ""), (3, "")]
        for n, (row, field) in enumerate([(0, "area"), (1, "share"), (2, "khewat_no")]):
            # WHEN the clerk goes to "Returned to me" and presses Enter on a returned row
            oversight.show_returned(clerk_win)
            panel.table.setFocus()
            panel.table.setCurrentCell(n, 0)
            qtbot.keyClick(panel.table, Qt.Key.Key_Return)
            wait_idle(qtbot, ctx)
            qtbot.waitUntil(lambda: clerk_win.correction.model.page is not None
                            and clerk_win.correction.model.page.id == pid)
            wait_idle(qtbot, ctx)
            # THEN the row opens on the field the reviewer returned (row 1's area, before its
            # first field), a row returned whole on its first flagged field (row 2's share),
            # else its first (row 3), that field's box selected on the page image
            assert clerk_win.tabs.currentWidget() is clerk_win.correction
            assert clerk_win.correction.current_field() == (row, field)
            assert clerk_win.correction.image_view.selected_box() == (row, field)
            assert clerk_win.focusWidget() is clerk_win.correction.table
    finally:
        clerk_win.shutdown()
        g1.close()
        i18n.apply_language(qapp, "en")


def test_the_sync_panel_says_what_to_do_when_the_office_has_no_revenue_officer(qtbot, workspace, qapp, actors):
    from desktop import oversight
    from records import accounts
    from sync import engine

    # GIVEN clerk1's page approved by girdawar1, the office requiring verification (the default)
    # and its only revenue officer's account disabled (a new office made with supervisors only)
    _pid, ids = _approved_page(workspace, actors)
    with workspace.session() as s:
        accounts.set_active(s, actor=actors["admin"], user_id=actors["ro1"].id, active=False)
    engine.set_paused(workspace, True)
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        # WHEN girdawar1 opens the sync panel
        panel = oversight.open_sync(win).widget()
        # THEN atop its problems it says that nobody can verify them and what the administrator does
        qtbot.waitUntil(lambda: "verification" in panel.seal_btn.text(), timeout=5000)
        qtbot.waitUntil(lambda: panel.errors.count() > 0, timeout=5000)
        shown = panel.errors.item(0).text().replace("\u2066", "").replace("\u2069", "")
        assert f"{len(ids)} approved entries wait for a revenue officer's verification, but this office has no " \
               "revenue officer's account: the administrator adds one (Account › Users…)" in shown
        assert not panel.errors.isHidden()
    finally:
        win.shutdown()
    # GIVEN the revenue officer enabled again  WHEN the panel opens  THEN no such line
    with workspace.session() as s:
        accounts.set_active(s, actor=actors["admin"], user_id=actors["ro1"].id, active=True)
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(lambda: "verification" in panel.seal_btn.text(), timeout=5000)
        assert not any("no revenue officer's account" in panel.errors.item(i).text()
                       for i in range(panel.errors.count()))
    finally:
        win.shutdown()


def test_the_administrator_of_a_new_office_is_told_whom_to_add_first(qtbot, workspace, qapp, actors):
    # GIVEN a new office's workspace, no register yet
    # WHEN its administrator signs in
    win = _window(qtbot, workspace, actors["admin"])
    try:
        # THEN the hint names the people to add, the revenue officer among them (the office
        # wants their verification before anything is sent, by default), and where it is turned off
        hint = win.empty_hint.text()
        assert "First add the office's clerks, supervisors and a revenue officer, who verifies approved entries " \
               "before they are sent (Account → Users…); an office without one turns that off in Account → " \
               "Preferences…" in hint
    finally:
        win.shutdown()
