"""Main window: opens on a workspace with its registers and pages; role-aware menus."""

from __future__ import annotations

import pytest

from records import services
from tests.desktop.conftest import wait_idle

pytestmark = pytest.mark.gui


def _register(ws, actor, mauza="کوٹ"):
    with ws.session() as s:
        return services.create_register(s, actor=actor, template="jamabandi", district="لاہور",
                                        tehsil="رائیونڈ", mauza=mauza, hadbast_no="42", year="2019-20")


def test_main_window_lists_registers_and_pages(qtbot, ctx):
    # GIVEN a workspace with one register holding two pages
    from desktop.mainwindow import MainWindow
    from tests.desktop.images import png_bytes

    rid = _register(ctx.ws, ctx.actor)
    with ctx.ws.session() as s:
        for i in range(2):
            services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=png_bytes(seed=i), name=f"p{i}.png")
    # WHEN the main window opens
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_idle(qtbot, ctx)
    # THEN the register is listed and selected, and its pages are listed in order
    assert win.registers.rowCount() == 1
    assert win.register_id == rid
    qtbot.waitUntil(lambda: win.pages.rowCount() == 2)
    assert [win.pages.page_at(i).page_no for i in range(2)] == [1, 2]
    win.shutdown()


def test_menus_show_only_actions_the_role_may_use(qtbot, workspace, qapp):
    # GIVEN a signed-in admin (who may not edit entries)
    from desktop.context import AppContext
    from desktop.mainwindow import MainWindow
    from records.audit import Actor

    ctx = AppContext.create(workspace, Actor(id=None, username="it", role="admin"))
    # WHEN the main window builds its menus
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    # THEN editing actions are absent and common ones present
    assert "newRegister" not in win.actions_by_name
    assert "quit" in win.actions_by_name
    win.shutdown()


def test_sign_in_prefers_a_clerk_and_creates_one_in_an_empty_workspace(workspace):
    # GIVEN an empty workspace
    from desktop.signin import default_actor
    from records.models import User

    # WHEN the app signs in THEN a local clerk is created
    first = default_actor(workspace)
    assert (first.username, first.role) == ("clerk", "clerk")
    # GIVEN an admin created before a second clerk
    with workspace.session() as s:
        s.query(User).delete()
        s.add_all([User(username="admin", role="admin"), User(username="clerk1", role="clerk")])
    # WHEN signing in THEN the clerk is chosen (the admin may not edit entries)
    assert default_actor(workspace).username == "clerk1"


def test_preferences_follow_the_office_settings(workspace):
    # GIVEN an office whose settings ask for Urdu digits and 2 OCR workers (and one bad value)
    from desktop.context import Preferences
    from records.models import Office

    with workspace.session() as s:
        s.add(Office(name="Patwar khana", settings={"display.urdu_digits": True, "ocr.workers": 2, "ocr.dpi": "lots",
                                                   "office.district": "لاہور"}))
    # WHEN the desktop reads its preferences
    prefs = Preferences.from_workspace(workspace)
    # THEN they are the office's, with the default for the bad value
    assert (prefs.urdu_digits, prefs.ocr_workers, prefs.scan_dpi) == (True, 2, 300)
    assert prefs.district == "لاہور" and prefs.tehsil == ""
