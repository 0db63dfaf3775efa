"""Register rows panel: search by khewat (any digits) or owner, open the found row's page."""

from __future__ import annotations

import pytest

from tests.desktop.conftest import wait_idle
from tests.desktop.helpers import make_register

pytestmark = pytest.mark.gui


def test_search_by_urdu_digits_and_owner_then_open_row(qtbot, ctx):
    # GIVEN the main window on a register with two pages of two rows each
    from desktop.mainwindow import MainWindow

    _rid, pids = make_register(ctx, n_pages=2)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, ctx)
    panel = win.search
    assert panel.model.total() == 0  # nothing loaded while the panel is hidden
    # WHEN the clerk opens the panel (Ctrl+F)
    win.focus_search()
    # THEN every row of the register is listed
    qtbot.waitUntil(lambda: panel.model.total() == 4)
    # WHEN the clerk searches khewat 47 typed in Urdu digits
    panel.box.setText("۴۷")
    panel.run_search()
    wait_idle(qtbot, ctx)
    # THEN all four rows of khewat 47 are found
    assert panel.model.total() == 4 and "match" in panel.info.text()
    # WHEN searching an owner name with the Arabic form of yeh
    panel.box.setText("احمد علي")
    panel.run_search()
    wait_idle(qtbot, ctx)
    assert panel.model.total() == 2
    # ... and opening the second hit
    panel.model.index(1, 1).data()
    wait_idle(qtbot, ctx)
    panel._activated(panel.model.index(1, 1))
    # THEN its page is shown with that row selected
    qtbot.waitUntil(lambda: win.correction.model.page is not None and win.correction.model.page.id == pids[1])
    wait_idle(qtbot, ctx)
    assert win.correction.current_field()[0] == 1
    win.shutdown()


def test_the_search_box_works_from_the_keyboard(qtbot, ctx):
    # GIVEN the main window on a register with a page of two rows of khewat 47, the search
    # panel open (Ctrl+F)
    from desktop.mainwindow import MainWindow
    from desktop.qt import Qt

    _rid, (pid,) = make_register(ctx)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, ctx)
    panel = win.search
    win.focus_search()
    qtbot.waitUntil(lambda: panel.model.total() == 2)
    # WHEN the clerk types the khewat and presses Enter at once (before the pause that starts
    # a search)
    panel.box.insert("۴۷")  # (as typed: QTest has no keys for Urdu letters and digits)
    qtbot.keyClick(panel.box, Qt.Key.Key_Return)
    # THEN the search runs, and the keyboard is on the first of its two rows
    qtbot.waitUntil(lambda: panel.table.hasFocus() and panel.table.currentIndex().row() == 0)
    assert "match" in panel.info.text()
    # WHEN back in the box he presses Down  THEN the keyboard goes into the rows again
    panel.box.setFocus()
    qtbot.keyClick(panel.box, Qt.Key.Key_Down)
    assert panel.table.hasFocus()
    # WHEN a search finds exactly one row (an owner) and he presses Enter
    panel.box.setFocus()
    panel.box.clear()
    panel.box.insert("احمد علي")
    qtbot.keyClick(panel.box, Qt.Key.Key_Return)
    # THEN that row is opened in the page view
    qtbot.waitUntil(lambda: win.correction.model.page is not None and win.correction.model.page.id == pid)
    qtbot.waitUntil(lambda: win.correction.current_field() is not None and win.correction.current_field()[0] == 1)
    win.shutdown()


@pytest.mark.parametrize("lang", ["ur", "en"])
def test_a_field_name_wider_than_its_column_ends_in_an_ellipsis_and_is_whole_on_hover(qtbot, ctx, qapp, lang):
    from desktop import i18n
    from desktop.mainwindow import MainWindow
    from desktop.qt import Qt

    # GIVEN the main window at 1366 x 768 on a Jamabandi register, the page and its rows shown
    assert i18n.apply_language(qapp, lang)
    _rid, (pid,) = make_register(ctx)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.setWindowState(Qt.WindowState.WindowNoState)  # (the test screen is smaller: not maximised)
    win.show()
    win.setGeometry(0, 0, 1366, 768)
    try:
        win.correction.show_page(pid)
        qtbot.waitUntil(lambda: win.correction.model.rowCount() == 2)
        win.focus_search()
        qtbot.waitUntil(lambda: win.search.model.total() == 2)
        wait_idle(qtbot, ctx)  # (the rows read, as the table asks for them)
        for table, first in ((win.correction.table, 0), (win.search.table, 1)):
            header, model = table.horizontalHeader(), table.model()
            owner = first + model.template.column_names.index("owner")
            # THEN a field's name is cut to '…' where its column is narrower (Qt cut it off at
            # both ends: 'ب مع ولدیت، قوم و', 'ریعہ آبپاشی' for ذریعہ آبپاشی)
            assert header.textElideMode() != Qt.TextElideMode.ElideNone
            # AND its whole name shows on hover: in Urdu in the Urdu interface (it was English,
            # or nothing), both in the English one
            tip = model.headerData(owner, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            spec = model.template.columns[owner - first]
            assert tip == (spec.label_ur if lang == "ur" else f"{spec.label_ur} — {spec.label_en}")
    finally:
        win.hide()  # (no more rows asked for once its background work stops)
        win.shutdown()
        i18n.apply_language(qapp, "en")


def test_the_number_columns_show_their_names_whole_and_the_owner_stays_in_sight_at_1366(qtbot, ctx, qapp):
    from desktop import i18n
    from desktop.mainwindow import MainWindow
    from desktop.qt import QFontMetrics, QStyle, Qt

    # GIVEN the main window at 1366 x 768 in Urdu on a Jamabandi page of short numbers (khewat ۴۷)
    assert i18n.apply_language(qapp, "ur")
    _rid, (pid,) = make_register(ctx)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.setWindowState(Qt.WindowState.WindowNoState)  # (the test screen is smaller: not maximised)
    win.show()
    win.setGeometry(0, 0, 1366, 768)
    try:
        win.correction.show_page(pid)
        qtbot.waitUntil(lambda: win.correction.model.rowCount() == 2)
        tables = [(win.correction.table, 0)]
        win.focus_search()
        qtbot.waitUntil(lambda: win.search.model.total() == 2)
        wait_idle(qtbot, ctx)
        qtbot.waitUntil(lambda: win.search.model.row_view(1) is not None)
        qtbot.wait(50)
        tables.append((win.search.table, 1))
        for table, first in tables:
            header, model = table.horizontalHeader(), table.model()
            bold = header.font()
            bold.setBold(True)  # (the current column's name is drawn bold)
            margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
            for i, spec in enumerate(model.template.columns):
                if not spec.numeric:
                    continue
                c = first + i
                name = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                # THEN each number column is as wide as its name in the header (نمبر کھیوٹ was cut
                # to 'نمبر کھیو…' on the page's rows)
                assert header.sectionSize(c) >= QFontMetrics(bold).horizontalAdvance(name) + 2 * margin + 2, \
                    (table.objectName(), name, header.sectionSize(c))
                # AND no wider than its name or values need (the register's rows gave each 100 px)
                assert header.sectionSize(c) <= 90, (table.objectName(), name, header.sectionSize(c))
            # AND the owner's column is wholly in sight, no narrower than before
            owner = first + model.template.column_names.index("owner")
            left = header.sectionViewportPosition(owner)
            assert 0 <= left and left + header.sectionSize(owner) <= table.viewport().width()
            assert header.sectionSize(owner) >= 48
    finally:
        win.hide()  # (no more rows asked for once its background work stops)
        win.shutdown()
        i18n.apply_language(qapp, "en")


def test_an_owner_with_a_number_typed_in_the_search_box_shows_as_typed_and_finds_the_same_rows(qtbot, ctx, monkeypatch):
    # GIVEN the main window on a register whose first owner lives in a chak with a number
    from desktop.mainwindow import MainWindow
    from desktop.qt import QApplication
    from records import services
    from tests.desktop.helpers import GOOD_ROWS
    from tests.desktop.keys import type_text
    from tests.desktop.test_typed_numbers import BIDI_MARKS, drawn_x, reads_left_to_right, shown_at

    owner = "محمد اسلم سکنہ چک 12-5"
    _rid, _pids = make_register(ctx, rows=[dict(GOOD_ROWS[0], owner=owner), *GOOD_ROWS[1:]])
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, ctx)
    panel = win.search
    win.focus_search()
    qtbot.waitUntil(lambda: panel.model.total() == len(GOOD_ROWS))
    queries = []
    search = services.search
    monkeypatch.setattr(services, "search", lambda s, q, **kw: queries.append(q) or search(s, q, **kw))
    # WHEN the clerk types the chak and its number into the (right-to-left) search box
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.box)
    type_text(panel.box, "چک 12-")
    # THEN the dash is drawn at the number's end as typed (it was left of the 12), and the
    # number 12-5 in order (it was 5-12)
    text = panel.box.text()
    xs = drawn_x(text, panel.box.font(), rtl=True)
    one, two, dash = (xs[i] for i in shown_at(text, "12-"))
    assert one < two < dash, text
    type_text(panel.box, "5")
    assert reads_left_to_right(panel.box, "12-5"), panel.box.text()
    # AND the search finds the owner's row, as the same words searched without the box do,
    # and the query holds no mark
    panel.run_search()
    wait_idle(qtbot, ctx)
    with ctx.ws.session() as s:
        expected = [h.entry_id for h in search(s, "چک 12-5", register_id=panel.register_id)]
    assert len(expected) == 1
    qtbot.waitUntil(lambda: panel.model.total() == 1)
    assert queries and queries[-1] == "چک 12-5" and not BIDI_MARKS & set("".join(queries))
    win.shutdown()
