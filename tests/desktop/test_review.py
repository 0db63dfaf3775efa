"""Review screen: queue, differences from the OCR text, return-with-comment round trip,
maker-checker, bulk approval only after confirmation."""

from __future__ import annotations

import pytest

from desktop.context import AppContext, Preferences
from desktop.qt import QApplication, Qt
from desktop.review.diff import changed_spans
from records import accounts, services, workflow
from records.text import latin_digits
from tests.conftest import accounts_hashed_once
from tests.desktop.conftest import wait_idle
from tests.desktop.helpers import GOOD_ROWS, make_register

pytestmark = pytest.mark.gui


@pytest.fixture
def people(workspace, qapp):
    """Users admin, clerk1, girdawar1, girdawar2 and an AppContext for each; closed after."""
    from desktop.fonts import load_fonts

    load_fonts()
    with accounts_hashed_once(), workspace.session() as s:
        admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
        actors = {"admin": admin}
        for name, role in (("clerk1", "clerk"), ("girdawar1", "supervisor"), ("girdawar2", "supervisor"),
                           ("ro1", "revenue_officer")):
            actors[name] = accounts.create_user(s, actor=admin, username=name, password=f"{name}-pass", role=role).actor()
    ctxs = {n: AppContext.create(workspace, a, prefs=Preferences(urdu_digits=True)) for n, a in actors.items()}
    yield ctxs
    for c in ctxs.values():
        c.close()


def _submitted_pages(ctx, n: int = 1, *, correct: dict[str, str] | None = None) -> list[int]:
    """Register pages made by ctx.actor from OCR, some fields of row 1 corrected, submitted."""
    _rid, pids = make_register(ctx, n_pages=n)
    for pid in pids:
        with ctx.ws.session() as s:
            rows = services.page_rows(s, pid)
            for name, text in (correct or {}).items():
                services.set_value(s, actor=ctx.actor, entry_id=rows[0].entry_id, field_name=name, text=text,
                                   source="corrected")
        with ctx.ws.session() as s:
            services.submit_page(s, actor=ctx.actor, page_id=pid)
    return pids


def _submitted_page(ctx, **kw) -> tuple[None, int]:
    return None, _submitted_pages(ctx, 1, **kw)[0]


def _panel(qtbot, ctx):
    from desktop.review.panel import ReviewPanel

    panel = ReviewPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1300, 800)
    wait_idle(qtbot, ctx)
    return panel


def _open(qtbot, panel, pid):
    assert panel.select_page(pid)
    wait_idle(qtbot, panel.ctx)
    assert panel.page_view.data is not None and panel.page_view.data.page.id == pid


def _states(ws, pid) -> set[str]:
    with ws.session() as s:
        return {r.state for r in services.page_rows(s, pid)}


def test_queue_groups_by_register_and_clerk_and_shows_the_clerks_changes(qtbot, people):
    # GIVEN clerk1 corrected the owner OCR read and submitted the page
    _rid, pid = _submitted_page(people["clerk1"], correct={"owner": "محمد اکرم ولد غلام رسول"})
    # WHEN girdawar1 opens the review screen and the page
    panel = _panel(qtbot, people["girdawar1"])
    _open(qtbot, panel, pid)
    # THEN the queue names the clerk under the register, the counts say one page is submitted
    reg = panel.tree.topLevelItem(0)
    assert "clerk1" in reg.child(0).text(0)
    # (the register's whole name on hover: the queue is narrow at 1366 px and cuts a long one)
    assert reg.toolTip(0) == reg.text(0) and reg.text(0)
    assert "1" in panel.counts.text() and "clerk1" in panel.counts.text()
    # AND the change from the OCR text is listed: old struck out, new highlighted
    changes = panel.page_view.data.changes
    assert [(c.field, c.ocr, c.value) for c in changes] == [("owner", "محمد اسلم ولد غلام رسول", "محمد اکرم ولد غلام رسول")]
    html = panel.page_view.changes.toHtml()
    assert "line-through" in html and "اسلم" in html and "اکرم" in html
    assert changed_spans(changes[0].ocr, changes[0].value) == (["اسلم"], ["اکرم"])
    # AND a reviewer who did not make the page may approve it
    assert panel.page_view.approve_btn.isEnabled()


def test_return_with_comment_round_trip(qtbot, people):
    from desktop.review.returned import ReturnedPanel

    clerk, g1, g2 = people["clerk1"], people["girdawar1"], people["girdawar2"]
    # GIVEN clerk1 submitted a page
    _rid, pid = _submitted_page(clerk)
    # WHEN girdawar1 returns the first row with a comment
    panel = _panel(qtbot, g1)
    _open(qtbot, panel, pid)
    panel.page_view.table.setCurrentCell(0, 8)
    panel.page_view.return_selected(comment="رقبہ 12-5 دوبارہ رجسٹر سے ملائیں")
    wait_idle(qtbot, g1)
    # THEN that row is returned, the other stays submitted, and the page shows returned
    with clerk.ws.session() as s:
        rows = services.page_rows(s, pid)
        page = services.get_page(s, pid)
    assert [r.state for r in rows] == [workflow.RETURNED, workflow.SUBMITTED]
    assert rows[0].comment == "رقبہ 12-5 دوبارہ رجسٹر سے ملائیں"
    assert page.state == workflow.RETURNED
    # AND the review shows the comment on the returned row, its area left to right
    wait_idle(qtbot, g1)
    assert "رقبہ \u206612-5\u2069 دوبارہ" in panel.page_view.table.item(0, 8).toolTip()
    # AND clerk1 sees the comment in the list of rows sent back
    returned = ReturnedPanel(clerk)
    qtbot.addWidget(returned)
    wait_idle(qtbot, clerk)
    assert returned.table.rowCount() == 1
    # (its area kept left to right after the Urdu word, the words starting at the right)
    assert returned.table.item(0, 3).text() == "رقبہ \u206612-5\u2069 دوبارہ رجسٹر سے ملائیں"
    align = returned.table.item(0, 3).textAlignment()
    assert align & Qt.AlignmentFlag.AlignAbsolute.value and align & Qt.AlignmentFlag.AlignRight.value
    assert returned.table.item(0, 4).text() == "girdawar1"
    # AND not the supervisor who returned it: under "Returned to me" he had every clerk's rows
    theirs = ReturnedPanel(g1)
    qtbot.addWidget(theirs)
    wait_idle(qtbot, g1)
    assert theirs.table.rowCount() == 0
    # WHEN the clerk corrects the row and submits the page again
    with clerk.ws.session() as s:
        services.set_value(s, actor=clerk.actor, entry_id=rows[0].entry_id, field_name="area", text="12-6",
                           source="corrected")
    with clerk.ws.session() as s:
        services.submit_page(s, actor=clerk.actor, page_id=pid)
    # AND girdawar2 approves the page from the review screen
    panel2 = _panel(qtbot, g2)
    _open(qtbot, panel2, pid)
    assert panel2.page_view.approve_btn.isEnabled()
    qtbot.mouseClick(panel2.page_view.approve_btn, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, g2)
    # THEN every row is approved by girdawar2 and nothing is left in the clerk's returned list
    assert _states(clerk.ws, pid) == {workflow.APPROVED}
    clerk.bus.changed.emit(services.Changes(workflow=True), None)
    wait_idle(qtbot, clerk)
    assert returned.table.rowCount() == 0


def test_the_clerk_correcting_a_returned_row_sees_the_reviewers_comment(qtbot, people):
    from desktop.correction.view import CorrectionView

    clerk, g1 = people["clerk1"], people["girdawar1"]
    # GIVEN girdawar1 sent the second row of clerk1's page back with a comment
    _rid, pid = _submitted_page(clerk)
    with g1.ws.session() as s:
        rows = services.page_rows(s, pid)
        services.transition(s, actor=g1.actor, entry_ids=[rows[1].entry_id], action="return",
                            comment="خسرہ 125/5 رجسٹر سے ملائیں")
    # WHEN the clerk opens the page in the correction view
    view = CorrectionView(clerk)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and view.model.page.id == pid)
    # THEN the status line says which row was sent back
    assert "1 row(s) sent back for correction: 2" in latin_digits(view.status.text())
    # AND on any field of that row the panel beside the page shows what the reviewer asked
    view.select_field(1, "khasra_nos")
    # (its number kept left to right after the Urdu word: isolated, it was drawn 5/125)
    shown = "خسرہ \u2066125/5\u2069 رجسٹر سے ملائیں"
    assert "Sent back: " in view.cell_info.text() and shown in view.cell_info.text()
    assert shown in view.model.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    # AND not on a row that was not sent back
    view.select_field(0, "khasra_nos")
    assert "Sent back" not in view.cell_info.text()


def test_maker_cannot_approve_own_page(qtbot, people):
    # GIVEN girdawar1 made and submitted a page himself
    g1 = people["girdawar1"]
    _rid, pid = _submitted_page(g1)
    # WHEN he opens it for review
    panel = _panel(qtbot, g1)
    _open(qtbot, panel, pid)
    view = panel.page_view
    # THEN approve and return are disabled and the reason is shown
    assert not view.approve_btn.isEnabled()
    assert not view.return_btn.isEnabled()
    assert "another reviewer" in view.notice.text()
    # AND forcing the approval shows the core's refusal and changes nothing
    view.approve_page()
    wait_idle(qtbot, g1)
    assert "you cannot approve your own work" in view.notice.text()
    assert _states(g1.ws, pid) == {workflow.SUBMITTED}


def test_bulk_approval_needs_confirmation(qtbot, people, monkeypatch):
    from desktop.review import panel as panel_mod

    # GIVEN two submitted pages of clerk1, both selected in girdawar1's queue
    clerk, g1 = people["clerk1"], people["girdawar1"]
    p1, p2 = _submitted_pages(clerk, 2)
    panel = _panel(qtbot, g1)
    assert panel.empty_hint.isHidden()
    for it in panel.page_items():
        it.setSelected(True)
    asked = []
    # WHEN the confirmation is declined
    monkeypatch.setattr(panel_mod.QMessageBox, "question", lambda *a, **k: asked.append(a) or panel_mod.QMessageBox.StandardButton.No)
    panel.bulk_btn.click()
    wait_idle(qtbot, g1)
    # THEN nothing is approved
    assert len(asked) == 1 and "2 page(s)" in asked[0][2]
    assert _states(clerk.ws, p1) == _states(clerk.ws, p2) == {workflow.SUBMITTED}
    # WHEN it is confirmed
    monkeypatch.setattr(panel_mod.QMessageBox, "question", lambda *a, **k: panel_mod.QMessageBox.StandardButton.Yes)
    panel.bulk_btn.click()
    wait_idle(qtbot, g1)
    # THEN both pages are approved and the queue is empty
    assert _states(clerk.ws, p1) == _states(clerk.ws, p2) == {workflow.APPROVED}
    assert panel.page_items() == []
    # AND the empty queue says why it is empty instead of a blank list and page
    assert not panel.empty_hint.isHidden() and "No page waits for review" in panel.empty_hint.text()


def test_revenue_officer_verifies_approved_page(qtbot, people):
    # GIVEN a page approved by girdawar1 (the office requires verification by default)
    clerk, g1, ro = people["clerk1"], people["girdawar1"], people["ro1"]
    _rid, pid = _submitted_page(clerk)
    with clerk.ws.session() as s:
        services.transition(s, actor=g1.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)], action="approve")
    # WHEN the revenue officer looks at pages waiting for verification
    panel = _panel(qtbot, ro)
    panel.state_box.setCurrentIndex(1)
    wait_idle(qtbot, ro)
    _open(qtbot, panel, pid)
    # THEN he may verify, and the rows become verified
    assert panel.page_view.verify_btn.isEnabled()
    panel.page_view.verify_page()
    wait_idle(qtbot, ro)
    assert _states(clerk.ws, pid) == {workflow.VERIFIED}


def test_a_revenue_officer_is_not_offered_to_verify_what_he_approved(qtbot, people):
    # GIVEN a page the revenue officer approved himself (a revenue officer may approve)
    clerk, ro = people["clerk1"], people["ro1"]
    _rid, pid = _submitted_page(clerk)
    with clerk.ws.session() as s:
        services.transition(s, actor=ro.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                            action="approve")
    # WHEN he looks at it in the pages waiting for verification
    panel = _panel(qtbot, ro)
    panel.state_box.setCurrentIndex(1)
    wait_idle(qtbot, ro)
    _open(qtbot, panel, pid)
    # THEN the queue names the register as the register list does (kind, mauza, year, volume;
    # it showed the template's code 'jamabandi' in English, and no volume)
    name = panel.tree.topLevelItem(0).text(0)
    assert "jamabandi" not in name and "جمع بندی" in name and "vol" in name
    # AND Verify page is off, saying why (it was on, and pressed, the core refused)
    view = panel.page_view
    assert not view.verify_btn.isEnabled()
    assert "You approved these rows yourself" in view.verify_btn.toolTip()
    assert "You approved these rows yourself" in view.notice.text()


def test_the_keyboard_stays_in_the_review_after_verifying_a_page(qtbot, people):
    # GIVEN ro1's main window on the pages waiting for verification, two pages approved by girdawar1
    from desktop import oversight
    from desktop.mainwindow import MainWindow

    ro, g1 = people["ro1"], people["girdawar1"]
    pids = _submitted_pages(people["clerk1"], 2)
    with ro.ws.session() as s:
        for pid in pids:
            services.transition(s, actor=g1.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                                action="approve")
    win = MainWindow(ro)
    qtbot.addWidget(win)
    win.show()
    panel = oversight.open_review(win)
    panel.state_box.setCurrentIndex(1)
    wait_idle(qtbot, ro)
    qtbot.waitUntil(lambda: len(panel.page_items()) == 2)  # (the verification queue read)
    _open(qtbot, panel, pids[0])
    # WHEN he clicks Verify page (the button takes the keyboard; then it and Return are disabled)
    panel.page_view.verify_btn.setFocus()
    panel.page_view.verify_btn.click()
    wait_idle(qtbot, ro)
    qtbot.waitUntil(lambda: not panel.page_view.verify_btn.isEnabled())
    # THEN the keyboard is still in the review, so PgDn turns its pages (it went to the
    # register list, and PgDn changed the register)
    focus = QApplication.focusWidget()
    assert focus is not None and panel.isAncestorOf(focus), focus
    win.shutdown()


def test_a_revenue_officer_verifies_a_page_with_the_keyboard(qtbot, people):
    # GIVEN a page girdawar1 approved, open in ro1's verification queue
    ro, g1 = people["ro1"], people["girdawar1"]
    _rid, pid = _submitted_page(people["clerk1"])
    with ro.ws.session() as s:
        services.transition(s, actor=g1.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                            action="approve")
    panel = _panel(qtbot, ro)
    panel.show()
    panel.state_box.setCurrentIndex(panel.state_box.findData(workflow.APPROVED))
    wait_idle(qtbot, ro)
    _open(qtbot, panel, pid)
    # WHEN he presses Ctrl+Shift+V in the page's rows
    panel.page_view.table.setFocus()
    qtbot.keyClick(panel.page_view.table, Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, ro)
    # THEN the page is verified (Verify page had no key: the mouse was the only way), and the
    # button names its key as Approve page and Return page do
    assert _states(ro.ws, pid) == {workflow.VERIFIED}
    assert "Ctrl+Shift+V" in panel.page_view.verify_btn.toolTip()


def test_the_verify_key_is_listed_for_a_revenue_officer_only(qtbot, people):
    # GIVEN the main windows of a revenue officer and of a supervisor
    from desktop.help_dialogs import shortcut_groups
    from desktop.mainwindow import MainWindow

    listed = {}
    for name in ("ro1", "girdawar1"):
        win = MainWindow(people[name])
        qtbot.addWidget(win)
        # WHEN Help › Keyboard shortcuts lists the keys
        listed[name] = [keys for _title, rows in shortcut_groups(win) for _what, keys in rows]
        win.shutdown()
    # THEN the revenue officer's list has the verify key, the supervisor's not (he cannot verify)
    assert any("Ctrl+Shift+V" in k for k in listed["ro1"])
    assert not any("Ctrl+Shift+V" in k for k in listed["girdawar1"])


def test_the_review_opened_from_the_keyboard_takes_the_keyboard(qtbot, people):
    # GIVEN ro1's main window, the keyboard in the register list (as at the start), and a
    # page girdawar1 approved
    from desktop.mainwindow import MainWindow

    ro, g1 = people["ro1"], people["girdawar1"]
    _rid, pid = _submitted_page(people["clerk1"])
    with ro.ws.session() as s:
        services.transition(s, actor=g1.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                            action="approve")
    win = MainWindow(ro)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    wait_idle(qtbot, ro)
    win.register_view.setFocus()
    register = win.register_view.currentIndex().row()
    # WHEN he opens the review with its menu's key and presses PgDn
    win.actions_by_name["review"].trigger()
    panel = win.review_panel
    wait_idle(qtbot, ro)
    qtbot.waitUntil(lambda: len(panel.page_items()) == 1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
    wait_idle(qtbot, ro)
    # THEN the keyboard is in the review and PgDn opened the page waiting for him (the
    # keyboard stayed in the register list, and PgDn changed the register)
    assert panel.isAncestorOf(QApplication.focusWidget()), QApplication.focusWidget()
    assert panel.page_view.data is not None and panel.page_view.data.page.id == pid
    assert win.register_view.currentIndex().row() == register
    win.shutdown()


def test_bulk_approval_leaves_own_pages_for_another_reviewer(qtbot, people, monkeypatch):
    from desktop.review import panel as panel_mod

    # GIVEN two pages of clerk1, one of which girdawar1 corrected himself, both selected in his queue
    clerk, g1 = people["clerk1"], people["girdawar1"]
    _rid, (theirs, mine) = make_register(clerk, n_pages=2)
    with clerk.ws.session() as s:
        services.set_value(s, actor=g1.actor, entry_id=services.page_rows(s, mine)[0].entry_id,
                           field_name="area", text="12-6", source="corrected")
    for pid in (theirs, mine):
        with clerk.ws.session() as s:
            services.submit_page(s, actor=clerk.actor, page_id=pid)
    panel = _panel(qtbot, g1)
    for it in panel.page_items():
        it.setSelected(True)
    monkeypatch.setattr(panel_mod.QMessageBox, "question", lambda *a, **k: panel_mod.QMessageBox.StandardButton.Yes)
    # WHEN he approves the selection
    panel.bulk_btn.click()
    wait_idle(qtbot, g1)
    # THEN the clerk's page is approved, his own stays submitted, and he is told why
    assert _states(clerk.ws, theirs) == {workflow.APPROVED}
    assert _states(clerk.ws, mine) == {workflow.SUBMITTED}
    assert "1 page(s) of your own work" in panel.status.text()


def test_a_revenue_officers_page_image_keeps_its_room(qtbot, people, qapp):
    # GIVEN the Urdu review screen of a revenue officer (five action buttons) at the width
    # the main window gives it on a 1366 x 768 screen
    from desktop import i18n
    from desktop.review.panel import ReviewPanel

    i18n.apply_language(qapp, "ur")
    try:
        panel = ReviewPanel(people["ro1"])
        qtbot.addWidget(panel)
        panel.resize(1030, 700)
        panel.show()
        wait_idle(qtbot, people["ro1"])
        # THEN the page image beside the rows is still wide enough to read from
        assert panel.page_view.verify_btn.isVisible()
        assert panel.page_view.split.sizes()[0] >= 250, panel.page_view.split.sizes()
    finally:
        i18n.apply_language(qapp, "en")


def test_a_supervisor_reviews_with_the_keyboard(qtbot, people):
    # GIVEN two pages clerk1 submitted, and girdawar1's review screen on the first
    pids = _submitted_pages(people["clerk1"], 2)
    g1 = people["girdawar1"]
    panel = _panel(qtbot, g1)
    panel.show()
    _open(qtbot, panel, pids[0])
    # (the review's keys act where the keyboard is in the screen: its window active, the rows focused)
    panel.activateWindow()
    panel.page_view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.page_view.table)
    # WHEN PgDn is pressed THEN the next page of the queue opens
    qtbot.keyClick(panel.page_view.table, Qt.Key.Key_PageDown)
    wait_idle(qtbot, g1)
    # (the next page is read in the background, after the queue's own reads: waited for)
    qtbot.waitUntil(lambda: panel.page_view.data is not None and panel.page_view.data.page.id == pids[1])
    # WHEN Ctrl+Shift+A is pressed THEN that page is approved (the buttons name their keys)
    qtbot.keyClick(panel.page_view.table, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, g1)
    assert _states(g1.ws, pids[1]) == {workflow.APPROVED} and _states(g1.ws, pids[0]) == {workflow.SUBMITTED}
    assert "Ctrl+Shift+A" in panel.page_view.approve_btn.toolTip()


def test_the_approve_key_does_nothing_on_ones_own_work(qtbot, people):
    # GIVEN girdawar1's own submitted page open in his review screen
    g1 = people["girdawar1"]
    _rid, pid = _submitted_page(g1)
    panel = _panel(qtbot, g1)
    panel.show()
    _open(qtbot, panel, pid)
    # WHEN he presses Ctrl+Shift+A THEN nothing is approved (the button is disabled)
    qtbot.keyClick(panel.page_view.table, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, g1)
    assert _states(g1.ws, pid) == {workflow.SUBMITTED}


def test_the_clerks_changes_read_old_then_new_in_urdu(qtbot, people, qapp):
    from desktop import i18n

    # GIVEN clerk1 corrected an area the OCR read and submitted the page
    _rid, pid = _submitted_page(people["clerk1"], correct={"area": "6-5"})
    assert i18n.apply_language(qapp, "ur")
    try:
        # WHEN girdawar1 opens it in the Urdu review screen
        panel = _panel(qtbot, people["girdawar1"])
        _open(qtbot, panel, pid)
        doc = panel.page_view.changes.document()
        # THEN each change is a right-to-left line: row, field, then the old reading and the
        # new one in that reading order, each area left to right (in a table the Urdu window
        # drew it left to right, the new area read before the old)
        block = doc.firstBlock()
        assert block.textDirection() == Qt.LayoutDirection.RightToLeft
        text = block.text()
        old, new = panel.page_view.data.changes[0].ocr, "6-5"
        assert text.startswith("سطر \u20661\u2069 · رقبہ: ") and doc.blockCount() == 1, text
        assert text.endswith(f"\u2067\u2066{old}\u2069 \u2066{new}\u2069\u2069"), text
        # AND the rows show the area as the correction view does: the office's digits, left to right
        assert panel.page_view.table.item(0, 8).text() == "\u2066۶-۵\u2069"
    finally:
        i18n.apply_language(qapp, "en")


def test_the_reviewer_is_told_a_page_looks_like_another_register_kind(qtbot, people):
    # GIVEN a submitted page whose headings OCR found to be a khasra girdawari's
    _rid, pid = _submitted_page(people["clerk1"])
    with people["clerk1"].ws.session() as s:
        services.mark_page(s, page_id=pid, looks_like="girdawari")
    # WHEN girdawar1 opens it for review
    panel = _panel(qtbot, people["girdawar1"])
    _open(qtbot, panel, pid)
    # THEN the review says so above the rows
    assert "column headings are those of a Khasra Girdawari" in panel.page_view.notice.text()


def test_numbers_read_in_urdu_digits_are_no_change_from_their_value(qtbot, people):
    from types import SimpleNamespace

    from desktop.review.page_view import CHANGED_BG
    from records.text import urdu_digits
    from tests.desktop.helpers import GOOD_ROWS, HEADER
    from tests.desktop.images import png_bytes

    # GIVEN a page printed in Urdu digits: OCR kept what it read (۴۷, ۱۲-۵) and stored the
    # values in Latin digits (47, 12-5), as the pipeline does; clerk1 corrected only the owner
    clerk = people["clerk1"]
    with clerk.ws.session() as s:
        rid = services.create_register(s, actor=clerk.actor, template="jamabandi", **HEADER)
        pid = services.add_page(s, clerk.ws.images, actor=clerk.actor, register_id=rid,
                                data=png_bytes(seed=9, size=(800, 400)), name="urdu.png").page_id
        rows = [{name: SimpleNamespace(text=text, raw_text=urdu_digits(text), confidence=0.9,
                                       box=(700 - 60 * c, 40 + 40 * r, 55, 35), flags=[])
                 for c, (name, text) in enumerate(row.items())} for r, row in enumerate(GOOD_ROWS)]
        services.save_ocr_rows(s, actor=clerk.actor, page_id=pid, rows=rows)
    with clerk.ws.session() as s:
        first = services.page_rows(s, pid)[0]
        assert first.values["khewat_no"].raw_text == "۴۷" and first.values["khewat_no"].value == "47"
        services.set_value(s, actor=clerk.actor, entry_id=first.entry_id, field_name="owner",
                           text="محمد اکرم ولد غلام رسول", source="corrected")
        services.set_value(s, actor=clerk.actor, entry_id=first.entry_id, field_name="khasra_nos",
                           text="125/5، 128", source="corrected")
    with clerk.ws.session() as s:
        services.submit_page(s, actor=clerk.actor, page_id=pid)
    # WHEN girdawar1 reviews it
    panel = _panel(qtbot, people["girdawar1"])
    _open(qtbot, panel, pid)
    # THEN the one change listed is the owner's: numbers kept as read are not changes (every
    # number on the page was listed and coloured before, '۴۷' struck out for '47')
    changes = {c.field: c for c in panel.page_view.data.changes}
    assert sorted(changes) == ["khasra_nos", "owner"]
    # ... and within a changed list only the changed number is marked (۱۲۵/۵ kept as 125/5 is not)
    assert changed_spans(changes["khasra_nos"].ocr, changes["khasra_nos"].value) == (["۱۲۶"], ["128"])
    table = panel.page_view.table
    cols = [n for n, _l in panel.page_view.data.columns]
    assert table.item(0, cols.index("khewat_no")).background().color() != CHANGED_BG
    assert table.item(0, cols.index("owner")).background().color() == CHANGED_BG


def _rows(n: int) -> list[dict[str, str]]:
    """`n` rows of distinct khewats, each whole (share 1/1): a page that submits cleanly."""
    return [{"khewat_no": str(50 + i), "khatooni_no": str(200 + i), "owner": "محمد اسلم ولد غلام رسول",
             "share": "1/1", "khasra_nos": str(300 + i), "area": "4-10"} for i in range(n)]


def _submitted_page_of(ctx, n_rows: int) -> int:
    _rid, (pid,) = make_register(ctx, rows=_rows(n_rows))
    with ctx.ws.session() as s:
        services.submit_page(s, actor=ctx.actor, page_id=pid)
    return pid


def _row_states(ws, pid) -> list[str]:
    with ws.session() as s:
        return [r.state for r in services.page_rows(s, pid)]


def _select_rows(view, rows) -> None:
    view.table.clearSelection()
    sel = view.table.selectionModel()
    for r in rows:  # the whole row, as a drag over its cells selects it
        sel.select(view.table.model().index(r, 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
    assert view.selected_rows() == list(rows)


def test_returning_a_page_leaves_the_rows_just_approved_approved(qtbot, people):
    # GIVEN a page of 5 rows clerk1 submitted, open in girdawar1's review screen
    clerk, g1 = people["clerk1"], people["girdawar1"]
    pid = _submitted_page_of(clerk, 5)
    panel = _panel(qtbot, g1)
    panel.show()
    _open(qtbot, panel, pid)
    view = panel.page_view
    # AND he approved rows 1-3 with "Approve selected rows"
    _select_rows(view, [0, 1, 2])
    view.approve_rows_btn.click()
    wait_idle(qtbot, g1)
    assert _row_states(clerk.ws, pid) == [workflow.APPROVED] * 3 + [workflow.SUBMITTED] * 2
    # WHEN he returns the page with a comment (Ctrl+Shift+B)
    asked = []
    view.ask_comment = lambda _parent, _title, prompt, text="": asked.append(prompt) or "رقبہ دوبارہ دیکھیں"
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, g1)
    # THEN the dialog said how many rows go back and that the approved ones stay approved
    assert len(asked) == 1
    prompt = latin_digits(asked[0])
    assert "2 row(s) go back to the clerk: 4, 5." in prompt, prompt
    assert "3 approved row(s) stay approved: 1, 2, 3." in prompt and "select them" in prompt, prompt
    # AND only the two rows still waiting went back (before, all 5: "Returned 5 row(s)")
    assert _row_states(clerk.ws, pid) == [workflow.APPROVED] * 3 + [workflow.RETURNED] * 2
    assert "Returned 2 row(s)" in view.notice.text()


def test_a_page_of_approved_rows_says_how_to_return_them(qtbot, people):
    # GIVEN a page of 3 rows girdawar1 approved, still open in his review screen
    clerk, g1 = people["clerk1"], people["girdawar1"]
    pid = _submitted_page_of(clerk, 3)
    panel = _panel(qtbot, g1)
    _open(qtbot, panel, pid)
    view = panel.page_view
    view.approve_page()
    wait_idle(qtbot, g1)
    assert _row_states(clerk.ws, pid) == [workflow.APPROVED] * 3
    asked = []
    view.ask_comment = lambda _parent, _title, prompt, text="": asked.append(prompt) or "واپس"
    # WHEN he presses "Return page…"
    assert view.return_btn.isEnabled()
    view.return_btn.click()
    wait_idle(qtbot, g1)
    # THEN no comment is asked, nothing goes back, and he is told how to return approved rows
    assert asked == [] and _row_states(clerk.ws, pid) == [workflow.APPROVED] * 3
    assert "select them and use “Return selected rows/field…”" in view.notice.text(), view.notice.text()
    # WHEN he selects row 2 and returns the selection
    _select_rows(view, [1])
    view.return_rows_btn.click()
    wait_idle(qtbot, g1)
    # THEN that approved row goes back with his comment, the others stay approved
    assert len(asked) == 1 and _row_states(clerk.ws, pid) == [workflow.APPROVED, workflow.RETURNED, workflow.APPROVED]


def test_a_revenue_officer_returns_a_page_waiting_for_verification(qtbot, people):
    # GIVEN a page girdawar1 approved, open in the revenue officer's verification queue
    clerk, g1, ro = people["clerk1"], people["girdawar1"], people["ro1"]
    pid = _submitted_page_of(clerk, 2)
    with clerk.ws.session() as s:
        services.transition(s, actor=g1.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                            action="approve")
    panel = _panel(qtbot, ro)
    panel.state_box.setCurrentIndex(1)
    wait_idle(qtbot, ro)
    _open(qtbot, panel, pid)
    # WHEN he returns the page with a comment
    panel.page_view.return_page(comment="خسرہ دوبارہ دیکھیں")
    wait_idle(qtbot, ro)
    # THEN its rows, which were waiting for his verification, go back to the clerk
    assert _row_states(clerk.ws, pid) == [workflow.RETURNED] * 2


def test_the_page_shown_follows_a_bulk_approval(qtbot, people, monkeypatch):
    from desktop.review import panel as panel_mod

    # GIVEN two submitted pages, the first open in girdawar1's review screen, both selected
    clerk, g1 = people["clerk1"], people["girdawar1"]
    p1, _p2 = _submitted_pages(clerk, 2)
    panel = _panel(qtbot, g1)
    panel.show()
    _open(qtbot, panel, p1)
    view = panel.page_view
    assert view.approve_btn.isEnabled() and "(submitted)" in view.title.text()
    for it in panel.page_items():
        it.setSelected(True)
    # WHEN he approves the selected pages
    monkeypatch.setattr(panel_mod.QMessageBox, "question", lambda *a, **k: panel_mod.QMessageBox.StandardButton.Yes)
    panel.bulk_btn.click()
    wait_idle(qtbot, g1)
    # THEN the page shown says it is approved and cannot be approved again (before, it still
    # said "submitted" with Approve enabled, which answered "Refused: an approved entry
    # cannot be approved")
    assert _states(clerk.ws, p1) == {workflow.APPROVED}
    assert view.data.page.id == p1 and view.data.page.state == workflow.APPROVED
    assert "(approved)" in view.title.text() and "approved" in view.table.verticalHeaderItem(0).text()
    assert not view.approve_btn.isEnabled() and not view.approve_rows_btn.isEnabled()
    # AND the approve key does nothing there
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, g1)
    assert "Refused" not in view.notice.text()


def test_pgdn_after_a_review_goes_on_to_the_next_page(qtbot, people):
    from desktop.review.panel import PageIdRole

    # GIVEN four pages of clerk1 in girdawar1's queue, the second one open
    clerk, g1 = people["clerk1"], people["girdawar1"]
    pids = _submitted_pages(clerk, 4)
    panel = _panel(qtbot, g1)
    panel.show()
    _open(qtbot, panel, pids[1])
    view = panel.page_view
    view.table.setFocus()

    def key(k, *mods):
        qtbot.keyClick(view.table, k, *mods)
        wait_idle(qtbot, g1)

    # WHEN he approves it (Ctrl+Shift+A), the page leaving the queue, and presses PgDn
    key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _states(clerk.ws, pids[1]) == {workflow.APPROVED}
    assert pids[1] not in [it.data(0, PageIdRole) for it in panel.page_items()]
    key(Qt.Key.Key_PageDown)
    # THEN the page that followed it opens (before: the first page of the queue)
    assert view.data.page.id == pids[2]
    # WHEN he returns that one with a comment and presses PgUp
    view.ask_comment = lambda *_a, **_k: "رقبہ دوبارہ دیکھیں"
    key(Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _states(clerk.ws, pids[2]) == {workflow.RETURNED}
    key(Qt.Key.Key_PageUp)
    # THEN the page before it in the queue opens: the first (the second left the queue too)
    assert view.data.page.id == pids[0]
    # AND PgDn from there goes on to the last page still waiting
    key(Qt.Key.Key_PageDown)
    assert view.data.page.id == pids[3]


def test_the_page_image_keeps_its_zoom_after_approving_rows(qtbot, people):
    # GIVEN a page of 3 rows open in girdawar1's review, its image zoomed in to read a cell
    clerk, g1 = people["clerk1"], people["girdawar1"]
    pid = _submitted_page_of(clerk, 3)
    panel = _panel(qtbot, g1)
    panel.show()
    _open(qtbot, panel, pid)
    view = panel.page_view
    view.image_view.zoom_in()
    view.image_view.zoom_in()
    zoom = view.image_view.zoom()
    # WHEN he approves the first row
    _select_rows(view, [0])
    view.approve_rows_btn.click()
    wait_idle(qtbot, g1)
    # THEN the page shows the row approved, the image where he had it (it was fitted again)
    assert view.data.rows[0].state == workflow.APPROVED and "Approved 1 row(s)" in view.notice.text()
    assert view.image_view.zoom() == pytest.approx(zoom) and not view.image_view.image.isNull()


def test_the_comment_dialog_says_a_comment_is_required(qtbot, qapp):
    from desktop import i18n
    from desktop.qt import QCoreApplication, QDialogButtonBox, QLabel
    from desktop.review.page_view import CommentDialog

    assert i18n.apply_language(qapp, "ur")
    try:
        # GIVEN the Urdu dialog asking why a page goes back, its prompt four lines long
        prompt = ("صفحہ 1 کلرک کو کیوں واپس جا رہا ہے؟\n2 اندراج کلرک کو واپس جائیں گے: 4، 5۔\n"
                  "3 منظور شدہ اندراج منظور ہی رہیں گے: 1، 2، 3۔ انہیں بھی واپس بھیجنا ہو تو منتخب کریں اور "
                  "«منتخب اندراج/خانہ واپس کریں…» دبائیں۔")
        dlg = CommentDialog("t", prompt)
        qtbot.addWidget(dlg)
        dlg.show()
        label = next(w for w in dlg.findChildren(QLabel) if w.text() == prompt)
        # WHEN OK is pressed with nothing (or only spaces) written
        dlg.edit.setPlainText("   ")
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        # THEN the dialog stays open and says a comment is required (before, OK did nothing, silently)
        assert dlg.isVisible() and dlg.result() == 0
        assert dlg.required.isVisible() and dlg.required.text() == QCoreApplication.translate(
            "CommentDialog", "Write why: a comment is required (the clerk reads it).")
        # AND every line of the prompt is in sight (the dialog's fixed height cut them)
        assert label.height() >= label.heightForWidth(label.width()), (label.height(), label.heightForWidth(label.width()))
        # WHEN a comment is written THEN the warning goes and OK closes the dialog with it
        dlg.edit.setPlainText("رقبہ دوبارہ دیکھیں")
        assert not dlg.required.isVisible()
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert not dlg.isVisible() and dlg.comment() == "رقبہ دوبارہ دیکھیں"
    finally:
        i18n.apply_language(qapp, "en")


def test_an_urdu_comment_starts_at_the_right_in_the_urdu_interface(qtbot, qapp):
    from desktop import i18n
    from desktop.review.page_view import CommentDialog

    assert i18n.apply_language(qapp, "ur")
    try:
        # GIVEN the comment dialog of the Urdu interface
        dlg = CommentDialog("t", "p")
        qtbot.addWidget(dlg)
        dlg.show()
        # WHEN the supervisor types an Urdu comment
        dlg.edit.setPlainText("رقبہ دوبارہ دیکھیں")
        qapp.processEvents()
        # THEN it is written right to left from the right edge (before, from the left edge)
        cursor = dlg.edit.textCursor()
        cursor.setPosition(0)  # before the first letter: at the right, where Urdu starts
        start = dlg.edit.cursorRect(cursor).x()
        assert start > dlg.edit.viewport().width() * 0.8, (start, dlg.edit.viewport().width())
    finally:
        i18n.apply_language(qapp, "en")


def test_a_comment_typed_after_the_field_named_for_it_follows_the_name(qtbot):
    # GIVEN the comment dialog of a returned field, its name written in it to begin with
    from desktop.review.page_view import CommentDialog

    dlg = CommentDialog("t", "p", text="نام کاشتکار: ")
    qtbot.addWidget(dlg)
    dlg.show()
    # WHEN the supervisor types at once
    qtbot.keyClicks(dlg.edit, "spelling")
    # THEN the words come after the field's name (they went before it, the last joined to it)
    assert dlg.edit.toPlainText() == "نام کاشتکار: spelling"


def test_the_comment_is_sent_from_the_keyboard(qtbot, qapp):
    from desktop.qt import QApplication, Qt
    from desktop.review.page_view import CommentDialog

    # GIVEN the comment dialog, a comment being typed
    dlg = CommentDialog("t", "p")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.edit)
    qtbot.keyClicks(dlg.edit, "area 12-5")
    # WHEN the reviewer presses Tab
    qtbot.keyClick(dlg.edit, Qt.Key.Key_Tab)
    # THEN the cursor leaves the comment for the buttons, no tab typed into it (the reviewer
    # could leave the box only by Esc, which threw the comment away)
    assert dlg.edit.toPlainText() == "area 12-5"
    assert dlg.buttons.isAncestorOf(QApplication.focusWidget())
    # WHEN the reviewer goes back and presses Ctrl+Enter in the comment
    dlg.edit.setFocus()
    qtbot.keyClick(dlg.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # THEN the dialog is accepted with the comment as written
    assert dlg.result() == 1 and not dlg.isVisible()
    assert dlg.comment() == "area 12-5"


def test_a_page_without_changes_says_so_in_urdu(qtbot, people, qapp):
    from desktop import i18n
    from desktop.qt import QCoreApplication

    # GIVEN a page whose OCR readings the clerk kept, and the Urdu interface
    _rid, pid = _submitted_page(people["clerk1"])
    assert i18n.apply_language(qapp, "ur")
    try:
        # WHEN girdawar1 opens it for review
        panel = _panel(qtbot, people["girdawar1"])
        _open(qtbot, panel, pid)
        # THEN the list of changes says in Urdu that there are none (it was left in English)
        kept = QCoreApplication.translate("ReviewPageView", "The clerk kept every OCR reading.")
        assert kept != "The clerk kept every OCR reading."
        assert panel.page_view.changes.toPlainText().strip() == kept
    finally:
        i18n.apply_language(qapp, "en")


def test_a_change_arriving_while_the_next_page_loads_keeps_the_next_page(qtbot, people):
    from desktop.review.panel import PageIdRole

    # GIVEN two pages in girdawar1's queue, the first open
    pids = _submitted_pages(people["clerk1"], 2)
    g1 = people["girdawar1"]
    panel = _panel(qtbot, g1)
    _open(qtbot, panel, pids[0])
    # WHEN he presses PgDn and, before the second page has loaded, the queue is filled again
    # (a change of states announced meanwhile)
    panel.step_page(1)
    panel._fill_tree(keep_page=True)
    wait_idle(qtbot, g1)
    # THEN the second page is shown, as chosen (not the first one again)
    assert panel.page_view.data.page.id == pids[1]
    assert panel.tree.currentItem().data(0, PageIdRole) == pids[1]


@pytest.fixture
def second_copy(people):
    """The workspace opened a second time, as another copy of Daftar on it (two Windows
    sessions, a clerk's copy left open): its own engine and sessions."""
    from records.workspace import Workspace

    other = Workspace.open(people["admin"].ws.root)
    yield other
    other.close()


def test_a_page_changed_in_another_copy_is_not_approved_and_shown_again(qtbot, people, second_copy):
    # GIVEN a page of 3 rows clerk1 submitted, open in girdawar1's review screen
    clerk, g1, g2 = people["clerk1"], people["girdawar1"], people["girdawar2"]
    pid = _submitted_page_of(clerk, 3)
    panel = _panel(qtbot, g1)
    panel.show()
    _open(qtbot, panel, pid)
    view = panel.page_view
    owner_col = [n for n, _l in view.data.columns].index("owner")
    assert view.approve_btn.isEnabled()
    # ... while, in another copy of Daftar on the same workspace, girdawar2 returns row 2 and
    # the clerk corrects its owner and submits the page again
    with second_copy.session() as s:
        row2 = services.page_rows(s, pid)[1].entry_id
        services.transition(s, actor=g2.actor, entry_ids=[row2], action="return", comment="نام دیکھیں")
    with second_copy.session() as s:
        services.set_value(s, actor=clerk.actor, entry_id=row2, field_name="owner", text="محمد اکرم ولد غلام رسول")
        services.submit_page(s, actor=clerk.actor, page_id=pid)
    assert view.data.rows[1].values["owner"] == "محمد اسلم ولد غلام رسول"  # (his screen does not know)
    # WHEN girdawar1 presses Approve page
    view.approve_btn.click()
    wait_idle(qtbot, g1)
    # THEN nothing is approved, not even the rows that did not change
    assert _row_states(clerk.ws, pid) == [workflow.SUBMITTED] * 3
    # AND he is told which row changed and to look again
    text = view.notice.text()
    assert text.startswith("Nothing was approved") and "page 1, row 2 changed after you opened the page" in text, text
    assert "Refused" not in text
    # AND the page is shown again as it is now: row 2 with the clerk's new owner, ready to approve
    qtbot.waitUntil(lambda: view.data.rows[1].values["owner"] == "محمد اکرم ولد غلام رسول")
    wait_idle(qtbot, g1)
    assert "محمد اکرم" in view.table.item(1, owner_col).text()
    assert view.approve_btn.isEnabled() and view.notice.text() == text
    # ... row 2 marked as changed, the others not
    heads = [view.table.verticalHeaderItem(i) for i in range(3)]
    assert "changed" in heads[1].text() and "look at it again" in heads[1].toolTip()
    assert "changed" not in heads[0].text() + heads[2].text()
    # WHEN he approves what he sees now THEN the page is approved, no row marked any more
    view.approve_btn.click()
    wait_idle(qtbot, g1)
    assert _row_states(clerk.ws, pid) == [workflow.APPROVED] * 3
    assert not any("changed" in view.table.verticalHeaderItem(i).text() for i in range(3))


def test_returning_a_field_changed_in_another_copy_is_refused(qtbot, people, second_copy):
    # GIVEN a page open in girdawar1's review screen, one cell (row 1's owner) selected
    clerk, g1 = people["clerk1"], people["girdawar1"]
    pid = _submitted_page_of(clerk, 2)
    panel = _panel(qtbot, g1)
    _open(qtbot, panel, pid)
    view = panel.page_view
    view.table.setCurrentCell(0, [n for n, _l in view.data.columns].index("owner"))
    # ... which the clerk withdrew, corrected and submitted again in another copy
    with second_copy.session() as s:
        ids = [r.entry_id for r in services.page_rows(s, pid)]
        services.transition(s, actor=clerk.actor, entry_ids=ids, action="withdraw")
        services.set_value(s, actor=clerk.actor, entry_id=ids[0], field_name="owner", text="محمد اکرم")
        services.transition(s, actor=clerk.actor, entry_ids=ids, action="submit")
    # WHEN he returns that field with a comment
    view.return_selected("نام دیکھیں")
    wait_idle(qtbot, g1)
    # THEN nothing went back and the page shows the value now
    assert _row_states(clerk.ws, pid) == [workflow.SUBMITTED] * 2
    assert view.notice.text().startswith("Nothing was returned"), view.notice.text()
    qtbot.waitUntil(lambda: view.data.rows[0].values["owner"] == "محمد اکرم")


def test_bulk_approval_approves_only_the_rows_its_confirmation_counted(qtbot, people, second_copy, monkeypatch):
    from desktop.review import panel as panel_mod

    # GIVEN a page of 3 rows whose row 3 girdawar2 returned: 2 rows wait in girdawar1's queue
    clerk, g1, g2 = people["clerk1"], people["girdawar1"], people["girdawar2"]
    pid = _submitted_page_of(clerk, 3)
    with clerk.ws.session() as s:
        row3 = services.page_rows(s, pid)[2].entry_id
        services.transition(s, actor=g2.actor, entry_ids=[row3], action="return", comment="دیکھیں")
    panel = _panel(qtbot, g1)
    for it in panel.page_items():
        it.setSelected(True)
    asked = []

    def confirm(_parent, _title, text, *a, **k):
        asked.append(text)
        # ... and while the confirmation is open, the clerk corrects row 3 and submits it again
        # in another copy (rows 1 and 2, those counted, do not change)
        with second_copy.session() as s:
            services.set_value(s, actor=clerk.actor, entry_id=row3, field_name="area", text="4-11")
            services.submit_page(s, actor=clerk.actor, page_id=pid)
        return panel_mod.QMessageBox.StandardButton.Yes

    monkeypatch.setattr(panel_mod.QMessageBox, "question", confirm)
    # WHEN girdawar1 approves the selected page
    panel.bulk_btn.click()
    wait_idle(qtbot, g1)
    # THEN the two rows the confirmation counted are approved, and row 3, submitted after it
    # was asked, still waits (before, the approval took every row submitted by then: 3)
    assert len(asked) == 1 and "Approve 2 row(s) of 1 page(s)" in asked[0]
    assert _row_states(clerk.ws, pid) == [workflow.APPROVED, workflow.APPROVED, workflow.SUBMITTED]
    assert "Approved 2 row(s) on 1 page(s)." in panel.status.text()


def test_bulk_approval_of_rows_changed_while_confirming_approves_nothing(qtbot, people, second_copy, monkeypatch):
    from desktop.review import panel as panel_mod

    # GIVEN two submitted pages selected in girdawar1's queue, the second open
    clerk, g1, g2 = people["clerk1"], people["girdawar1"], people["girdawar2"]
    p1, p2 = _submitted_pages(clerk, 2)
    panel = _panel(qtbot, g1)
    _open(qtbot, panel, p2)
    for it in panel.page_items():
        it.setSelected(True)

    def confirm(*_a, **_k):
        # ... and while he confirms, another copy returns row 1 of the second page, the clerk
        # corrects it and submits it again
        with second_copy.session() as s:
            row = services.page_rows(s, p2)[0].entry_id
            services.transition(s, actor=g2.actor, entry_ids=[row], action="return", comment="دیکھیں")
            services.set_value(s, actor=clerk.actor, entry_id=row, field_name="area", text="12-7")
            services.submit_page(s, actor=clerk.actor, page_id=p2)
        return panel_mod.QMessageBox.StandardButton.Yes

    monkeypatch.setattr(panel_mod.QMessageBox, "question", confirm)
    # WHEN he confirms
    panel.bulk_btn.click()
    wait_idle(qtbot, g1)
    # THEN nothing is approved, and he is told which page and row changed
    assert _states(clerk.ws, p1) == _states(clerk.ws, p2) == {workflow.SUBMITTED}
    assert panel.status.text().startswith("Nothing was approved") and ", page 2, row 1 changed" in panel.status.text()
    # AND the queue still holds both pages, to approve again
    qtbot.waitUntil(lambda: len(panel.page_items()) == 2)
    # AND the page open shows the value now, the row that changed marked, and why
    view = panel.page_view
    qtbot.waitUntil(lambda: view.data.rows[0].values["area"] == "12-7")
    wait_idle(qtbot, g1)
    assert view.notice.text() == panel.status.text()
    assert "changed" in view.table.verticalHeaderItem(0).text()
    assert "changed" not in view.table.verticalHeaderItem(1).text()


def test_the_queues_messages_are_in_the_urdu_font_as_its_counts(qtbot, people):
    # GIVEN a supervisor's review panel
    panel = _panel(qtbot, people["girdawar1"])
    # THEN the line under the queue that says what happened (a refusal, an approval: Urdu
    # sentences of several lines) is drawn in the font of the counts above it, not the UI's plain one
    assert panel.status.font().family() == panel.counts.font().family()
    assert panel.status.font().pointSize() == panel.counts.font().pointSize()


def test_a_revenue_officers_review_opens_on_the_pages_waiting_for_his_verification(qtbot, people):
    # GIVEN two pages girdawar1 approved and one page clerk1 submitted, in an office that
    # requires a revenue officer's verification (the default)
    ro, g1, clerk = people["ro1"], people["girdawar1"], people["clerk1"]
    *approved, last = _submitted_pages(clerk, 3)
    submitted = [last]
    with ro.ws.session() as s:
        for pid in approved:
            services.transition(s, actor=g1.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                                action="approve")
    # WHEN ro1 opens the review screen
    panel = _panel(qtbot, ro)
    # THEN it shows the verification queue, his step (it opened on the submitted pages, the
    # verification queue hidden in the box and nothing saying pages waited there)
    assert panel.waited_state() == workflow.APPROVED
    assert sorted(it.data(0, Qt.ItemDataRole.UserRole + 1) for it in panel.page_items()) == sorted(approved)
    # AND each queue says how many pages wait in it, in the office's digits
    texts = [panel.state_box.itemText(i) for i in range(panel.state_box.count())]
    assert texts == ["review (submitted): ۱ page(s)", "verification (approved): ۲ page(s)"], texts
    # AND the submitted page is one choice away, the choice kept when the queue is read again
    panel.state_box.setCurrentIndex(0)
    wait_idle(qtbot, ro)
    panel.refresh()
    wait_idle(qtbot, ro)
    assert [it.data(0, Qt.ItemDataRole.UserRole + 1) for it in panel.page_items()] == submitted


def test_a_supervisors_review_opens_on_the_submitted_pages(qtbot, people):
    # GIVEN a page girdawar2 approved and one clerk1 submitted
    g1, g2, clerk = people["girdawar1"], people["girdawar2"], people["clerk1"]
    pid, last = _submitted_pages(clerk, 2)
    submitted = [last]
    with g1.ws.session() as s:
        services.transition(s, actor=g2.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                            action="approve")
    # WHEN girdawar1 opens the review screen
    panel = _panel(qtbot, g1)
    # THEN it shows the pages waiting for review, his only queue, and how many
    assert panel.waited_state() == workflow.SUBMITTED and panel.state_box.count() == 1
    assert [it.data(0, Qt.ItemDataRole.UserRole + 1) for it in panel.page_items()] == submitted
    assert panel.state_box.itemText(0) == "review (submitted): ۱ page(s)"


def test_a_revenue_officer_verifies_pages_in_bulk_but_not_what_he_approved(qtbot, people, monkeypatch):
    from desktop.review import panel as panel_mod

    # GIVEN three pages of clerk1: two approved by girdawar1, one approved by ro1 himself,
    # all selected in ro1's verification queue
    ro, g1, clerk = people["ro1"], people["girdawar1"], people["clerk1"]
    p1, p2, p3 = _submitted_pages(clerk, 3)
    with ro.ws.session() as s:
        for pid, who in ((p1, g1), (p2, g1), (p3, ro)):
            services.transition(s, actor=who.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                                action="approve")
    panel = _panel(qtbot, ro)
    assert panel.waited_state() == workflow.APPROVED
    # THEN the queue's button verifies (it said Approve selected pages…, disabled here)
    assert panel.bulk_btn.isEnabled() and panel.bulk_btn.text() == "Verify selected pages…"
    for it in panel.page_items():
        it.setSelected(True)
    asked = []
    # WHEN the confirmation is declined THEN nothing is verified
    monkeypatch.setattr(panel_mod.QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or panel_mod.QMessageBox.StandardButton.No)
    panel.bulk_btn.click()
    wait_idle(qtbot, ro)
    assert _states(ro.ws, p1) == _states(ro.ws, p2) == {workflow.APPROVED}
    # AND it counted only the rows another approved: two pages' (nobody verifies what he approved)
    n = len(GOOD_ROWS)
    assert len(asked) == 1 and f"Verify {latin_digits(str(2 * n))} row(s) of 2 page(s)" in latin_digits(asked[0]), asked[0]
    # WHEN it is confirmed
    monkeypatch.setattr(panel_mod.QMessageBox, "question", lambda *a, **k: panel_mod.QMessageBox.StandardButton.Yes)
    panel.bulk_btn.click()
    wait_idle(qtbot, ro)
    # THEN girdawar1's two pages are verified, his own approval waits for another revenue
    # officer, and the status line says so
    assert _states(ro.ws, p1) == _states(ro.ws, p2) == {workflow.VERIFIED}
    assert _states(ro.ws, p3) == {workflow.APPROVED}
    status = latin_digits(panel.status.text())
    assert f"{n} row(s) you approved yourself were left for another revenue officer" in status, status
    assert f"Verified {2 * n} row(s) on 2 page(s)" in status, status


def test_a_revenue_officer_cannot_verify_a_page_he_changed_and_is_told_who_can(qtbot, people):
    # GIVEN clerk1's page where ro1 corrected a field before it was submitted, approved by girdawar1
    clerk, g1, ro = people["clerk1"], people["girdawar1"], people["ro1"]
    _rid, pids = make_register(clerk)
    pid = pids[0]
    with ro.ws.session() as s:
        rows = services.page_rows(s, pid)
        services.set_value(s, actor=ro.actor, entry_id=rows[0].entry_id, field_name="khewat_no", text="48",
                           source="corrected")
    with ro.ws.session() as s:
        services.submit_page(s, actor=clerk.actor, page_id=pid)
    with ro.ws.session() as s:
        ids = [r.entry_id for r in services.page_rows(s, pid)]
        services.transition(s, actor=g1.actor, entry_ids=ids, action="approve")
    # WHEN ro1 opens it in his verification queue
    panel = _panel(qtbot, ro)
    assert panel.waited_state() == workflow.APPROVED
    _open(qtbot, panel, pid)
    # THEN Verify page is off and the page says another revenue officer must verify it (it
    # said "another reviewer must approve", the step done already), and so does the queue
    view = panel.page_view
    assert not view.verify_btn.isEnabled()
    assert "another revenue officer must verify or return it" in view.notice.text(), view.notice.text()
    assert "another revenue officer must verify it" in panel.page_items()[0].toolTip(0)
    # AND the core refuses it anyway (nobody verifies his own work)
    with pytest.raises(workflow.WorkflowError, match="your own work"):
        with ro.ws.session() as s:
            services.transition(s, actor=ro.actor, entry_ids=ids, action="verify")
    assert _states(ro.ws, pid) == {workflow.APPROVED}


def test_the_review_counts_and_numbers_in_the_offices_digits(qtbot, people):
    import re

    from desktop import i18n

    # GIVEN an office writing Urdu digits and two pages clerk1 submitted
    pids = _submitted_pages(people["clerk1"], 2)
    g1 = people["girdawar1"]
    i18n.configure_display(urdu_digits=True, date_format="")
    try:
        # WHEN girdawar1 opens the review, the second page, and approves it
        panel = _panel(qtbot, g1)
        _open(qtbot, panel, pids[1])
        view = panel.page_view
        heads = [view.table.verticalHeaderItem(i).text() for i in range(view.table.rowCount())]
        title = view.title.text()
        view.approve_page()
        wait_idle(qtbot, g1)
        # THEN the queue's pages, rows and counts, the page's title and row numbers and what
        # was done are in the office's digits, as the register list writes them (they were
        # Latin: "Page 2", "Pages: submitted 2", "1 · submitted", "Approved 3 row(s)")
        reg = panel.tree.topLevelItem(0)
        clerk = reg.child(0)
        page = panel.page_items()[0]
        shown = [reg.text(1), clerk.text(0).replace("clerk1", ""), page.text(0), page.text(1),
                 panel.counts.text().replace("clerk1", ""), title.split("—")[-1], *heads, view.notice.text()]
        assert not [t for t in shown if re.search("[0-9]", t)], shown
        assert "page ۲" in title and heads[0].startswith("۱ ·"), (title, heads)
        assert f"Approved {latin_digits(str(len(heads)))} row(s)" == latin_digits(view.notice.text())
    finally:
        i18n.configure_display(urdu_digits=False, date_format="")


def test_the_queue_keeps_its_row_counts_in_sight_at_1366_pixels(qtbot, people, qapp):
    from desktop import i18n
    from desktop.review.panel import ReviewPanel

    # GIVEN ten pages approved by girdawar1 (more than the queue shows at once), in a revenue
    # officer's Urdu review screen at the width the main window gives it on a 1366 x 768 screen
    ro, g1 = people["ro1"], people["girdawar1"]
    pids = _submitted_pages(people["clerk1"], 10)
    with ro.ws.session() as s:
        for pid in pids:
            services.transition(s, actor=g1.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                                action="approve")
    i18n.apply_language(qapp, "ur")
    try:
        panel = ReviewPanel(ro)
        qtbot.addWidget(panel)
        panel.resize(1030, 480)  # (the sync panel open below it)
        panel.show()
        wait_idle(qtbot, ro)
        qtbot.waitUntil(lambda: len(panel.page_items()) == 10)
        tree = panel.tree
        qtbot.waitUntil(lambda: tree.verticalScrollBar().isVisible())  # (more pages than it shows)
        # THEN the titles and the Rows column fit the queue: nothing scrolls sideways and the
        # row counts are in sight (the titles' column took their whole width, pushing the Rows
        # column out of sight and cutting the register's year at the queue's edge)
        header = tree.header()
        assert tree.horizontalScrollBar().maximum() == 0
        assert header.sectionSize(0) + header.sectionSize(1) <= tree.viewport().width()
        assert header.sectionSize(1) >= tree.fontMetrics().horizontalAdvance(panel.page_items()[0].text(1))
    finally:
        i18n.apply_language(qapp, "en")


def test_an_empty_queue_shows_its_whole_heading(qtbot, people, qapp):
    from desktop import i18n
    from desktop.review.panel import ReviewPanel

    # GIVEN nothing waiting, a revenue officer's Urdu review screen at 1366 px
    i18n.apply_language(qapp, "ur")
    try:
        panel = ReviewPanel(people["ro1"])
        qtbot.addWidget(panel)
        panel.resize(1030, 480)
        panel.show()
        wait_idle(qtbot, people["ro1"])
        # THEN the queue's headings are whole, side by side (the first was cut to its start)
        header = panel.tree.header()
        assert header.sectionSize(0) >= header.sectionSizeHint(0)
        assert header.sectionSize(0) + header.sectionSize(1) <= panel.tree.viewport().width()
    finally:
        i18n.apply_language(qapp, "en")


def test_the_status_bar_says_how_many_pages_wait_for_the_revenue_officer_and_where(qtbot, people):
    # GIVEN two pages girdawar1 approved and one clerk1 submitted
    from desktop.mainwindow import MainWindow

    ro, g1 = people["ro1"], people["girdawar1"]
    *approved, _submitted = _submitted_pages(people["clerk1"], 3)
    with ro.ws.session() as s:
        for pid in approved:
            services.transition(s, actor=g1.actor, entry_ids=[r.entry_id for r in services.page_rows(s, pid)],
                                action="approve")
    # WHEN ro1 signs in (his window opens on the page view, as everyone's)
    win = MainWindow(ro)
    qtbot.addWidget(win)
    win.show()
    notice = win.waiting_notice
    # THEN its status bar says how many pages wait for his verification and for review, and
    # the key that opens the review (nothing said pages waited for him)
    qtbot.waitUntil(lambda: notice.isVisible(), timeout=5000)
    text = latin_digits(notice.text())
    assert "2 page(s) wait for your verification" in text and "1 page(s) wait for review" in text, text
    assert "Ctrl+Shift+R" in text
    # WHEN he verifies them THEN the count follows at once
    with ro.ws.session() as s:
        ids = [r.entry_id for pid in approved for r in services.page_rows(s, pid)]
    from desktop.operations import write_op

    write_op(lambda s: services.transition(s, actor=ro.actor, entry_ids=ids, action="verify")).run_in_background(ro)
    qtbot.waitUntil(lambda: "verification" not in notice.text(), timeout=5000)
    # AND its link opens the review on the pages waiting
    notice.linkActivated.emit("review")
    assert win.tabs.currentWidget() is win.review_panel
    win.shutdown()


def test_a_clerk_has_no_line_of_pages_waiting(qtbot, people):
    from desktop.mainwindow import MainWindow

    # GIVEN a page submitted WHEN clerk1's window opens THEN no reviewers' line is there
    _submitted_pages(people["clerk1"], 1)
    win = MainWindow(people["clerk1"])
    qtbot.addWidget(win)
    assert getattr(win, "waiting_notice", None) is None
    win.shutdown()


def test_a_girdawar_learns_at_sign_in_that_rows_he_approved_were_returned_and_why(qtbot, people):
    from desktop.mainwindow import MainWindow

    # GIVEN two pages of clerk1's: girdawar1 approved the first, and ro1 returned two of its rows
    # from the verification with a comment; the second girdawar1 returned himself when submitted
    ro, g1, clerk = people["ro1"], people["girdawar1"], people["clerk1"]
    approved, own_return = _submitted_pages(clerk, 2)
    with ro.ws.session() as s:
        ids = [r.entry_id for r in services.page_rows(s, approved)]
        services.transition(s, actor=g1.actor, entry_ids=ids, action="approve")
        services.transition(s, actor=ro.actor, entry_ids=ids[:2], action="return", comment="کھیوٹ 47 کا رقبہ دیکھیں")
        services.transition(s, actor=g1.actor, entry_ids=[r.entry_id for r in services.page_rows(s, own_return)],
                            action="return", comment="حصہ دیکھیں")
    # WHEN girdawar1 signs in (his window opens on the page view, as everyone's)
    win = MainWindow(g1)
    qtbot.addWidget(win)
    win.show()
    notice = win.waiting_notice
    # THEN his status bar says how many rows he approved were returned (nothing told him), and
    # a tab counts them, as a clerk's "Returned to me" counts his
    qtbot.waitUntil(lambda: "returned" in notice.text(), timeout=5000)
    assert "2 row(s) you approved were returned" in latin_digits(notice.text()), notice.text()
    panel = win.approved_returned_panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=5000)
    tab = win.tabs.tabText(win.tabs.indexOf(panel))
    assert latin_digits(tab) == "Returned after my approval (2)", tab
    # AND the list says which rows, who returned them and why (not the rows he returned himself)
    assert {panel.table.item(i, 4).text() for i in range(2)} == {"ro1"}
    assert "کھیوٹ" in panel.table.item(0, 3).text() and "رقبہ دیکھیں" in panel.table.item(0, 3).text()
    assert {r.page_id for r in panel.rows} == {approved}
    # WHEN he follows the status bar's link  THEN the list opens
    notice.linkActivated.emit("returned")
    assert win.tabs.currentWidget() is panel
    # WHEN the clerk corrects and submits the page again  THEN the count and the notice go
    from desktop.operations import write_op

    write_op(lambda s: services.submit_page(s, actor=clerk.actor, page_id=approved)).run_in_background(g1)
    qtbot.waitUntil(lambda: win.tabs.tabText(win.tabs.indexOf(panel)) == "Returned after my approval", timeout=5000)
    qtbot.waitUntil(lambda: "returned" not in notice.text(), timeout=5000)
    win.shutdown()


def test_a_copied_season_shows_the_girdawar_what_the_clerk_changed_since_the_copy(qtbot, people):
    # GIVEN clerk1 started the Rabi girdawari from Kharif, typed one khasra's crop after the
    # field visit, corrected another's area, and submitted the page
    from records.copy_forward import copy_forward

    clerk = people["clerk1"]
    with clerk.ws.session() as s:
        old = services.create_register(s, actor=clerk.actor, template="girdawari", district="لاہور", tehsil="رائیونڈ",
                                       mauza="کوٹ", hadbast_no="42", year="2023-24", header={"harvest": "خریف"})
        for khasra in ("125/5", "126", "127"):
            services.add_entry(s, actor=clerk.actor, register_id=old, values={
                "khasra_no": khasra, "khewat_no": "47", "owner": "محمد اسلم", "area": "6-0", "crop": "چاول"})
    with clerk.ws.session() as s:
        new = copy_forward(s, actor=clerk.actor, previous_register_id=old, year="2023-24",
                           header={"harvest": "ربیع"}).register_id
        (page,) = services.list_pages(s, new)
        rows = services.page_rows(s, page.id)
        services.set_value(s, actor=clerk.actor, entry_id=rows[0].entry_id, field_name="crop", text="گندم")
        services.set_value(s, actor=clerk.actor, entry_id=rows[1].entry_id, field_name="area", text="5-10")
    with clerk.ws.session() as s:
        services.submit_page(s, actor=clerk.actor, page_id=page.id)
    # WHEN girdawar1 opens the page in the review
    panel = _panel(qtbot, people["girdawar1"])
    _open(qtbot, panel, page.id)
    # THEN the changes are the clerk's two, from what was copied (every copied value was
    # listed as a change from nothing OCR read)
    d = panel.page_view.data
    assert [(c.row_no, c.field, c.ocr, c.value) for c in d.changes] == [(1, "crop", None, "گندم"), (2, "area", "6-0", "5-10")]
    assert d.copied
    # AND the panel says they are changes since the copy
    assert "copied" in panel.page_view.changes_label.text()
