"""Help › Keyboard shortcuts (F1) and Help › About Daftar with the third-party notices."""

from __future__ import annotations

import pytest

from desktop.context import AppContext, Preferences
from records import accounts
from tests.conftest import accounts_hashed_once
from tests.desktop.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def people(workspace):
    with accounts_hashed_once(), workspace.session() as s:
        admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
        clerk = accounts.create_user(s, actor=admin, username="clerk1", password="clerk1-pass", role="clerk").actor()
        sup = accounts.create_user(s, actor=admin, username="girdawar1", password="girdawar1-pass",
                                   role="supervisor").actor()
    return {"clerk": clerk, "supervisor": sup}


def _window(qtbot, workspace, actor):
    from desktop.mainwindow import MainWindow

    win = MainWindow(AppContext.create(workspace, actor, prefs=Preferences()))
    qtbot.addWidget(win)
    wait_idle(qtbot, win.ctx)
    return win


def test_f1_lists_every_shortcut_a_clerk_has(qtbot, workspace, people):
    from desktop.help_dialogs import ShortcutsDialog

    # GIVEN a clerk's main window
    win = _window(qtbot, workspace, people["clerk"])
    try:
        # WHEN Help › Keyboard shortcuts is chosen (F1)
        assert win.actions_by_name["shortcuts"].shortcut().toString() == "F1"
        win.actions_by_name["shortcuts"].trigger()
        (dlg,) = win.findChildren(ShortcutsDialog)
        rows = dlg.rows()
        keys = {text: k.strip("\u2066\u2069") for text, k in rows if k}
        # THEN the page's keys, the menus' and moving between fields are all there, with their keys
        assert keys["Next flagged field"] == "F8" and keys["Take the other reading"] == "F7"
        assert keys["Submit for review"] == "Ctrl+Shift+S" and keys["Next page"] == "PgDown"
        assert keys["Find rows…"] == "Ctrl+F" and keys["Urdu keyboard"] == "F9"
        assert keys["Next field"] in ("Tab", "Enter") and keys["Previous field"] == "Shift+Tab"
        assert keys["Ditto (value above)"]  # the keying aids too
        # AND grouped, with no review keys for a clerk (no review menu)
        titles = [text for text, k in rows if not k]
        assert titles == ["Menus", "The page and its rows"]
        dlg.close()
    finally:
        win.shutdown()


def test_a_supervisor_sees_the_review_keys_in_urdu_with_keys_left_to_right(qtbot, qapp, workspace, people):
    from desktop import help_dialogs
    from desktop.i18n import apply_language

    assert apply_language(qapp, "ur")
    try:
        # GIVEN a supervisor's window in Urdu
        win = _window(qtbot, workspace, people["supervisor"])
        try:
            # WHEN the shortcuts are shown
            dlg = help_dialogs.show_shortcuts(win)
            rows = dlg.rows()
            dlg.close()
        finally:
            win.shutdown()
    finally:
        apply_language(qapp, "en")
    # THEN the review screen's keys are listed in Urdu, the keys isolated left to right
    titles = [t for t, k in rows if not k]
    assert titles[-1] == "صفحات کی پڑتال"
    review = dict(rows[[t for t, _ in rows].index(titles[-1]) + 1:])
    assert review["صفحہ منظور کریں"] == "\u2066Ctrl+Shift+A\u2069"
    assert all(k.startswith("\u2066") for _, k in rows if k)


def test_about_names_version_workspace_and_shows_the_notices(qtbot, workspace, people):
    from daftar import __version__
    from desktop.help_dialogs import AboutDialog

    # GIVEN Help › About Daftar
    win = _window(qtbot, workspace, people["clerk"])
    try:
        win.actions_by_name["about"].trigger()
        (about,) = win.findChildren(AboutDialog)
        # THEN it names the version and the workspace, and the licences of what it carries
        text = about.label.text()
        assert __version__ in text and str(workspace.root) in text and "LGPL-3.0" in text
        # WHEN the notices are opened
        notices = about.show_notices()
        qtbot.waitUntil(lambda: notices.loaded, timeout=20000)
        # THEN they are read in the background and shown whole
        body = notices.text.toPlainText()
        assert "Qt 6 and Qt for Python" in body and "SIL OPEN FONT LICENSE" in body and "tesserocr" in body
        notices.close()
        about.close()
    finally:
        win.shutdown()


def test_notices_closed_before_they_are_read_raise_nothing(qtbot, workspace, people, monkeypatch):
    import threading

    import daftar.notices
    from desktop.help_dialogs import AboutDialog

    # GIVEN the notices read slowly (a busy disk): their reading waits until let go
    let_go = threading.Event()
    read = daftar.notices.read_notices
    monkeypatch.setattr(daftar.notices, "read_notices", lambda: let_go.wait(10) and read())
    win = _window(qtbot, workspace, people["clerk"])
    errors = []
    monkeypatch.setattr("sys.excepthook", lambda *a: errors.append(a))
    try:
        win.actions_by_name["about"].trigger()
        (about,) = win.findChildren(AboutDialog)
        notices = about.show_notices()
        # WHEN the clerk closes them before they are read (the window is deleted), then they arrive
        notices.close()
        qtbot.waitUntil(lambda: not about.findChildren(type(notices)))
        let_go.set()
        qtbot.waitUntil(lambda: not win.ctx.runner.busy, timeout=10000)
        win.ctx.runner.drain()
        # THEN nothing is raised (the text was set on the deleted dialog: "Internal C++ object
        # already deleted", an uncaught exception each time)
        assert errors == []
        about.close()
    finally:
        let_go.set()
        win.shutdown()
