"""A clerk keying handwritten pages by keyboard, second round: nothing typed is lost by one
key, a new row starts at its first field (notes/helpers/keying-findings.md, 5 and 7).
"""

from __future__ import annotations

import pytest

from desktop.qt import QApplication, Qt
from tests.desktop.conftest import wait_idle
from tests.desktop.test_keying_clerk import _active
from tests.desktop.test_keying_ui import ROWS, _db_text, _edit, _open

pytestmark = pytest.mark.gui

TOTAL = "میزان"  # the total line of a Jamabandi page, keyed as its owner


def test_esc_just_after_the_list_closed_by_itself_keeps_what_was_typed(qtbot, ctx, view):
    # GIVEN a register where the total line میزان was keyed before, and a row without an owner
    rows = [dict(ROWS[0]), dict(ROWS[1], owner=TOTAL), dict(ROWS[2])]
    _rid, pid = _open(qtbot, ctx, view, rows=rows)
    popup = view.keying.popup
    # WHEN the clerk types میزان in row 3's owner (the list shows while he types, and closes
    # by itself when the word is whole) and at once presses Esc, meaning the list
    editor = _edit(qtbot, view, 2, "owner", TOTAL[:-1])
    assert popup.isVisible()
    editor = _edit_on(editor, TOTAL[-1])
    assert not popup.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    wait_idle(qtbot, ctx)
    # THEN the field is still being edited with what he typed (it was cancelled, and lost),
    # the status says a second Esc cancels, and Tab saves it
    assert QApplication.focusWidget() is editor and editor.text() == TOTAL
    assert "Esc" in view.status.text()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 2, "owner") == TOTAL
    # AND a second Esc in a field still cancels its edit, as it always did
    editor = _edit(qtbot, view, 2, "remarks", "غلط")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    wait_idle(qtbot, ctx)
    assert view.table.state() != view.table.State.EditingState
    assert view.model.text(2, "remarks") == ""


def test_esc_straight_after_typing_can_be_undone(qtbot, ctx, view):
    # GIVEN a page, the clerk typing an owner line in row 3 (no list: nothing like it is known)
    _rid, pid = _open(qtbot, ctx, view)
    _active(qtbot, view)
    line = "رحیم بخش ولد کرم دین"
    editor = _edit(qtbot, view, 2, "owner", line)
    # WHEN he presses Esc at once (before the pause that saves), and then Ctrl+Z
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    wait_idle(qtbot, ctx)
    assert view.model.text(2, "owner") == ""  # (Esc cancels the edit)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    # THEN what he typed is back and saved (Esc dropped it, and there was nothing to undo)
    assert view.model.text(2, "owner") == line
    assert _db_text(ctx, pid, 2, "owner") == line


def _edit_on(editor, text):
    from tests.desktop.keys import type_text

    type_text(editor, text)
    return QApplication.focusWidget()


def test_a_new_row_starts_at_its_first_field(qtbot, ctx, view):
    # GIVEN a page, the clerk on row 2's land class (the last thing he checked there)
    _rid, _pid = _open(qtbot, ctx, view)
    _active(qtbot, view)
    view.select_field(1, "land_class")
    # WHEN he presses Ctrl+Ins to add a row after it
    qtbot.keyClick(view.table, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: view.model.rowCount() == len(ROWS) + 1)
    # THEN the cursor is on the new row's first field, the khewat (it stayed at land class)
    qtbot.waitUntil(lambda: view.table.currentIndex().row() == 2)
    assert view.table.currentIndex().column() == 0
    assert view.model.template.columns[0].name == "khewat_no"


def test_enter_after_adding_files_imports_them(qtbot, ctx, tmp_path, monkeypatch):
    from desktop import file_dialogs
    from desktop.capture.import_dialog import ImportDialog
    from desktop.qt import QPushButton
    from records import services
    from tests.desktop.images import png_bytes

    # GIVEN the import dialog of a register, and a page file the clerk will choose
    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="jamabandi", district="راولپنڈی",
                                       tehsil="گوجر خان", mauza="ڈھڈیال", hadbast_no="123", year="2023-24")
    (tmp_path / "p1.png").write_bytes(png_bytes(seed=5))
    asked = []
    monkeypatch.setattr(file_dialogs, "choose_open_files",
                        lambda *_a: asked.append(1) or [str(tmp_path / "p1.png")])
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    # WHEN he presses "Add files…" from the keyboard, chooses the file, and once it is listed
    # presses Enter
    add = dlg.findChild(QPushButton, "addFiles")
    add.setFocus()
    qtbot.keyClick(add, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) == 1 and dlg.import_button.isEnabled(),
                    timeout=10000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # THEN the page is imported (Enter opened the file picker again: the focused button took it)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    assert [name for name, _no, _pid in dlg.report.added] == ["p1.png"]
    assert asked == [1]


def test_an_ocr_failure_is_said_in_urdu_and_in_one_line_once_rows_are_keyed(qtbot, ctx, qapp):
    import re

    from desktop import i18n
    from desktop.correction.view import CorrectionView
    from ocr.pipeline import NO_TABLE
    from records import services
    from tests.desktop.test_keying_clerk import _one_row_page

    # GIVEN a handwritten page OCR could not read, its first row keyed by hand, in Urdu
    pid = _one_row_page(ctx, "jamabandi", {"khewat_no": "47"})
    with ctx.ws.session() as s:
        services.set_ocr_status(s, page_id=pid, status="failed", error=f"image page 1: {NO_TABLE}")
    i18n.apply_language(qapp, "ur")
    try:
        view = CorrectionView(ctx)
        qtbot.addWidget(view)
        view.resize(1366, 700)
        view.show()
        # WHEN the page is shown
        view.show_page(pid)
        qtbot.waitUntil(lambda: view.model.rowCount() == 1)
        wait_idle(qtbot, ctx)
        # THEN the status under the rows says OCR failed in one line, no English in it (the
        # reason's three lines took the rows' height, and kept the word "image")
        text = view.status.text()
        assert "OCR" in text and "\n" not in text
        assert view.status.heightForWidth(view.status.width()) <= 2 * view.status.fontMetrics().lineSpacing()
        # AND the whole reason is there on hover, in Urdu
        tip = view.status.toolTip()
        assert "تصویر" in tip
        assert not re.findall(r"[A-Za-z]{3,}", tip.replace("OCR", "")), tip
    finally:
        i18n.apply_language(qapp, "en")


def test_row_deleted_is_said_in_the_offices_digits(qtbot, ctx, view):
    from desktop import i18n

    # GIVEN an office that shows Urdu digits, a page of three rows
    kept = dict(i18n._display)
    i18n.configure_display(urdu_digits=True, date_format=kept["date_format"])
    try:
        _open(qtbot, ctx, view)
        _active(qtbot, view)
        view.select_field(1, "owner")
        # WHEN the clerk deletes row 2
        qtbot.keyClick(view.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
        wait_idle(qtbot, ctx)
        qtbot.waitUntil(lambda: view.model.rowCount() == len(ROWS) - 1)
        # THEN the status names the row in Urdu digits, as the row numbers beside it (it was 2)
        qtbot.waitUntil(lambda: "۲" in view.status.text())
        assert "2" not in view.status.text()
    finally:
        i18n.configure_display(**kept)


def test_the_wizards_number_fields_use_the_urdu_font(qtbot, ctx):
    from desktop.capture.wizard import NewRegisterWizard

    # GIVEN the new register wizard's heading page
    wiz = NewRegisterWizard(ctx)
    qtbot.addWidget(wiz)
    page = wiz.header_page
    # WHEN hadbast and year are typed in Urdu digits
    page.hadbast.setText("۱۲۳")
    page.year.setText("۲۰۲۳-۲۴")
    # THEN they are drawn in the font of the Urdu fields beside them, at its size (a small
    # default font made the digits hard to read), still left to right
    for w in (page.hadbast, page.year, page.volume):
        assert w.font().family() == page.mauza.font().family()
        assert w.font().pointSizeF() >= page.mauza.font().pointSizeF()
        assert w.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize("lang", ["ur", "en"])
def test_a_narrow_text_field_opens_wide_enough_to_see_what_is_typed(qtbot, ctx, qapp, lang):
    from desktop import i18n
    from desktop.correction.delegate import TEXT_EDITOR_MIN_WIDTH
    from desktop.correction.view import CorrectionView

    i18n.apply_language(qapp, lang)
    try:
        # GIVEN a page in a view as narrow as a laptop leaves it (the owner column ~50 px)
        v = CorrectionView(ctx)
        qtbot.addWidget(v)
        v.resize(620, 600)
        v.show()
        _open(qtbot, ctx, v)
        col = v.model.template.column_names.index("owner")
        cell = v.table.visualRect(v.model.index(2, col))
        assert cell.width() < TEXT_EDITOR_MIN_WIDTH
        # WHEN the clerk types into row 3's owner field
        editor = _edit(qtbot, v, 2, "owner", "محمد")
        # THEN its editor is wide enough to read a name, covers the cell and stays in the view
        # (the record table is right to left in either language: it reaches over the cells
        # after the owner's, as far as the view's edge allows)
        g = editor.geometry()
        assert g.width() >= min(TEXT_EDITOR_MIN_WIDTH, v.table.viewport().width())
        assert g.left() <= cell.left() and g.right() >= cell.right()
        assert g.left() >= 0 and g.right() < v.table.viewport().width()
        assert g.right() == max(cell.right(), TEXT_EDITOR_MIN_WIDTH - 1)
        # AND numbers stay in their cells
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        num = _edit(qtbot, v, 2, "khewat_no", "4")
        assert num.geometry().width() <= v.table.visualRect(
            v.model.index(2, v.model.template.column_names.index("khewat_no"))).width()
    finally:
        i18n.apply_language(qapp, "en")


def test_a_word_typed_in_the_last_column_in_sight_is_drawn_in_its_own_cell(qtbot, ctx, qapp):
    from desktop.correction.view import CorrectionView

    # GIVEN a page in a view as narrow as a laptop leaves it, row 3's lagan (rent) field in
    # sight at the view's left edge: no room after it for a wide editor
    v = CorrectionView(ctx)
    qtbot.addWidget(v)
    v.resize(620, 600)
    v.show()
    _open(qtbot, ctx, v)
    index = v.model.index(2, v.model.template.column_names.index("rent"))
    v.table.scrollTo(index)
    cell = v.table.visualRect(index)
    assert cell.right() < 100, cell  # (near the left edge of the right-to-left table)
    # WHEN the clerk types a word there
    editor = _edit(qtbot, v, 2, "rent", "نقدی")
    qtbot.wait(10)
    cell = v.table.visualRect(index)
    # THEN the word is drawn over the rent cell itself, both its ends (it was drawn at the
    # editor's far edge, over the khasra numbers, and read as theirs)
    ends = []
    for pos in (0, len(editor.text())):
        editor.setCursorPosition(pos)
        ends.append(editor.mapTo(v.table.viewport(), editor.cursorRect().center()).x())
    assert all(cell.left() - 2 <= x <= cell.right() + 2 for x in ends), (ends, cell)
    # AND the editor is still as wide as before (it reaches over the cells before it)
    assert editor.geometry().width() >= min(260, v.table.viewport().width())


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_esc_hint_fits_one_line_at_1366(qtbot, ctx, qapp, lang):
    from desktop import i18n
    from desktop.mainwindow import MainWindow
    from tests.desktop.helpers import make_register

    # GIVEN the main window at 1366 x 768 (offices' laptops), in English or Urdu, on a page
    # whose third row has no owner in a register where the total line میزان was keyed before
    assert i18n.apply_language(qapp, lang)
    rows = [dict(ROWS[0]), dict(ROWS[1], owner=TOTAL), dict(ROWS[2])]
    _rid, (pid,) = make_register(ctx, rows=rows)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.setWindowState(Qt.WindowState.WindowNoState)  # (the test screen is smaller: not maximised)
    win.show()
    win.setGeometry(0, 0, 1366, 768)
    view = win.correction
    try:
        win.correction.show_page(pid)
        qtbot.waitUntil(lambda: view.model.rowCount() == 3 and view.keying.vocab is not None)
        wait_idle(qtbot, ctx)
        _active(qtbot, view)
        assert win.width() == 1366
        # WHEN the clerk types میزان (the list closes by itself) and presses Esc
        editor = _edit(qtbot, view, 2, "owner", TOTAL[:-1])
        editor = _edit_on(editor, TOTAL[-1])
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        # THEN the hint about Esc is shown, in the interface's language, in one line of the
        # status under the rows (it took two: 561 px of text in 478 in English, 518 in 470 in Urdu)
        text = view.status.text()
        assert "Esc" in text and (("تبدیلی" in text) == (lang == "ur"))
        status = view.status
        room = status.contentsRect().width() - 2 * status.margin()
        assert status.fontMetrics().horizontalAdvance(text) <= room, (text, room)
        assert status.heightForWidth(status.width()) < 2 * status.fontMetrics().lineSpacing()
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    finally:
        win.shutdown()
        i18n.apply_language(qapp, "en")
