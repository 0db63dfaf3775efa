"""A cell editor opened on a long text shows the text from its start.

The Remarks (کیفیت) column is the last of a row, at the left edge of the right-to-left table
in either language. Its editor was 260 px wide with all but the cell's 47-64 px kept empty
(so that a short word stays in its own cell), and Qt's cursor at the text's end scrolled
the text to it: of 'بیع بحق فلاں ... رقبہ 12-5' only '12-5' was in sight. Measured here
through Qt's own geometry: the editor's rect in the table's viewport, and which positions of
the text lie at the two ends of the editor's text area (QLineEdit.cursorPositionAt).

Numbers too: a list of ten khasra numbers (351 px) opened in its 148 px cell with the cursor
at its end, only '132, 133/4, 134' in sight. Their editor is left to right: a number's start
is at its left end, and its positions are in order from left to right.
"""

from __future__ import annotations

import pytest

from desktop.qt import QApplication, QPoint, Qt
from tests.desktop.conftest import wait_idle
from tests.desktop.keys import type_text
from tests.desktop.test_keying_ui import ROWS, _db_text, _open

pytestmark = pytest.mark.gui

LONG = "بیع بحق فلاں ولد فلاں بذریعہ انتقال نمبر 1234 مورخہ 12-05-2019 رقبہ 12-5"


@pytest.fixture
def lang(request, qapp):
    from desktop import i18n

    assert i18n.apply_language(qapp, request.param)
    yield request.param
    i18n.apply_language(qapp, "en")


def _page(qtbot, ctx, width: int, field: str, value: str = LONG):
    """A correction view `width` px wide on a page whose rows 1 and 2 hold `value` (LONG) in
    `field` (row 3 as in ROWS); returns the view and the page's id."""
    from desktop.correction.view import CorrectionView

    view = CorrectionView(ctx)
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.show()
    rows = [dict(ROWS[0], **{field: value}), dict(ROWS[1], **{field: value}), dict(ROWS[2])]
    _rid, pid = _open(qtbot, ctx, view, rows=rows)
    return view, pid


def _cell(view, row: int, field: str):
    return view.table.visualRect(view.model.index(row, view.model.template.column_names.index(field)))


def _open_editor(qtbot, view, row: int, field: str):
    """The field's editor opened with F2, as the clerk checks a value against the page."""
    view.select_field(row, field)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.objectName() == f"editor_{field}"
    return editor


def _ends_in_sight(editor) -> tuple[int, int]:
    """The positions of the editor's text drawn at the right and the left end of its text
    area (0 at the right: the start of an Urdu text is in sight)."""
    editor.repaint()  # (Qt scrolls a line edit's text when it draws it)
    area, margins = editor.contentsRect(), editor.textMargins()
    y = area.center().y()
    right = editor.cursorPositionAt(QPoint(area.right() - margins.right() - 3, y))
    left = editor.cursorPositionAt(QPoint(area.left() + margins.left() + 3, y))
    return right, left


def _in_view(view, editor) -> None:
    g = editor.geometry()
    assert g.left() >= 0 and g.right() < view.table.viewport().width(), (g, view.table.viewport().width())


@pytest.mark.parametrize("lang", ["ur", "en"], indirect=True)
def test_a_long_remark_opens_with_all_of_it_in_sight(qtbot, ctx, lang):
    # GIVEN a page whose row 2 has a remark longer than its column, in a view of a 1366 px
    # screen (the remarks column about 64 px, at the table's left edge in either language)
    view, pid = _page(qtbot, ctx, 1366, "remarks")
    cell = _cell(view, 1, "remarks")
    assert cell.left() < 20 and cell.width() < 100, cell
    # WHEN the clerk opens it
    editor = _open_editor(qtbot, view, 1, "remarks")
    # THEN the editor covers the cell, grows toward the inside of the view and stays in it,
    # as wide as the text (it was 260 px, 191 of them left empty)
    g = editor.geometry()
    _in_view(view, editor)
    assert g.left() <= cell.left() and g.right() >= cell.right()
    assert g.width() > editor.fontMetrics().horizontalAdvance(editor.text())
    # AND the whole text is in sight, its start at the right end and its end at the left end
    # (only positions 65-71 of 75 were: '12-5')
    assert _ends_in_sight(editor) == (0, len(editor.text()))
    # AND the cursor is where Qt puts it to add to the text, the text selected as before
    assert editor.cursorPosition() == len(editor.text()) and editor.selectedText() == editor.text()
    # AND leaving it saves nothing new
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    assert view.model.text(1, "remarks") == LONG and _db_text(ctx, pid, 1, "remarks") == LONG


@pytest.mark.parametrize("lang", ["ur", "en"], indirect=True)
def test_a_remark_longer_than_the_view_opens_at_its_start(qtbot, ctx, lang):
    # GIVEN the same page in a view so narrow (a laptop with the lists beside it) that the
    # remark is wider than the whole table
    view, pid = _page(qtbot, ctx, 620, "remarks")
    width = view.table.viewport().width()
    # WHEN the clerk opens row 2's remarks, as Tab from its lagan does
    view.select_field(1, "rent")
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    editor = QApplication.focusWidget()
    assert editor.objectName() == "editor_remarks"
    assert editor.fontMetrics().horizontalAdvance(editor.text()) > width
    # THEN the editor takes the view's width and shows the text from its start (its right
    # end), the cursor there (it was at the end, and only the last word was in sight)
    assert editor.geometry().width() == width
    _in_view(view, editor)
    start, _end = _ends_in_sight(editor)
    assert start == 0 and editor.cursorPosition() == 0
    # AND the text is still all selected: a key typed replaces it, as before
    assert editor.selectedText() == editor.text()
    type_text(editor, "منظور")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 1, "remarks") == LONG  # (Esc put it back)


@pytest.mark.parametrize("lang", ["ur"], indirect=True)
def test_a_long_owner_line_in_the_middle_of_the_row_opens_whole(qtbot, ctx, lang):
    # GIVEN a page whose row 2 has an owner line longer than its column (the middle of the row)
    view, _pid = _page(qtbot, ctx, 1366, "owner")
    cell = _cell(view, 1, "owner")
    # WHEN the clerk opens it
    editor = _open_editor(qtbot, view, 1, "owner")
    # THEN the editor starts at the cell's right edge, where the text starts, and grows over
    # the cells after it, within the view, as far as the whole line needs
    g = editor.geometry()
    assert g.right() == cell.right() and g.left() < cell.left()
    _in_view(view, editor)
    assert _ends_in_sight(editor) == (0, len(editor.text()))


@pytest.mark.parametrize("lang", ["ur"], indirect=True)
def test_a_long_remark_typed_is_in_sight_as_it_is_typed(qtbot, ctx, lang):
    # GIVEN row 3 of the page, without a remark
    view, pid = _page(qtbot, ctx, 1366, "remarks")
    cell = _cell(view, 2, "remarks")
    # WHEN the clerk types a short word into it
    view.select_field(2, "remarks")
    type_text(view.table, "بیع")
    editor = QApplication.focusWidget()
    # THEN the word is drawn in the remarks cell itself (not over the khasra numbers)
    editor.setCursorPosition(0)
    x = editor.mapTo(view.table.viewport(), editor.cursorRect().center()).x()
    assert cell.left() - 2 <= x <= cell.right() + 2, (x, cell)
    editor.end(False)
    # WHEN he types on, a line longer than the cell and the editor's first width
    type_text(editor, LONG[3:])
    # THEN all of it is in sight, from its start (only its last 11 positions of 75 were)
    assert QApplication.focusWidget() is editor
    _in_view(view, editor)
    assert _ends_in_sight(editor) == (0, len(editor.text()))
    # AND what is saved is what he typed
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 2, "remarks") == LONG


@pytest.mark.parametrize("lang", ["ur"], indirect=True)
def test_an_open_editor_keeps_its_cell_and_the_texts_start_in_sight_when_the_window_resizes(qtbot, ctx, lang):
    # GIVEN row 2's long remark open in a wide view
    view, _pid = _page(qtbot, ctx, 1366, "remarks")
    editor = _open_editor(qtbot, view, 1, "remarks")
    for width in (900, 620, 1366):
        # WHEN the window is made narrower (then wide again) while it is open
        view.resize(width, 700)
        qtbot.wait(30)
        # THEN the remarks cell is still in sight under its editor (a narrower view scrolled
        # the table to its first columns and left the editor over other cells, its text drawn
        # outside it), the editor within the view, the text's start in sight
        cell, g = _cell(view, 1, "remarks"), editor.geometry()
        assert 0 <= cell.left() and cell.right() < view.table.viewport().width(), (width, cell)
        assert g.left() <= cell.left() and g.right() >= cell.right(), (width, g, cell)
        _in_view(view, editor)
        assert _ends_in_sight(editor)[0] == 0, width
    assert view.table.state() == view.table.State.EditingState and QApplication.focusWidget() is editor


@pytest.mark.parametrize("lang", ["ur", "en"], indirect=True)
def test_a_long_text_in_the_first_column_in_sight_opens_whole(qtbot, ctx, lang):
    # GIVEN a narrow view scrolled to the owner's column: it is the first in sight, at the
    # table's right edge (the table scrolls a whole column at a time)
    view, _pid = _page(qtbot, ctx, 620, "owner")
    col = view.model.template.column_names.index("owner")
    view.table.horizontalScrollBar().setValue(col)
    cell = _cell(view, 1, "owner")
    room = view.table.viewport().width()
    assert room - 3 <= cell.right() < room, (cell, room)
    # WHEN the clerk opens row 2's owner line there
    editor = _open_editor(qtbot, view, 1, "owner")
    # THEN its editor covers the cell and grows toward the inside of the view, within it,
    # showing the line from its start
    cell, g = _cell(view, 1, "owner"), editor.geometry()
    assert g.right() >= cell.right() and g.left() < cell.left()
    _in_view(view, editor)
    assert _ends_in_sight(editor)[0] == 0


# A list of khasra numbers as a Jamabandi row holds them: 351 px in the Urdu digits the
# office shows, its column as wide as two of them (148 px at 1366 px).
KHASRAS = "125/5, 126, 127/1, 128/2, 129, 130/3, 131/1, 132, 133/4, 134"
SIX_KHASRAS = "125/5, 126, 127/1, 128/2, 129, 130/3"
# the areas of a khewat's plots read into one cell (OCR or a clerk): 324 px, its cell 159 px
AREAS = "12-5, 4-10, 3-2-4, 6-11, 7-3, 10-2, 1-1-1, 20-0, 2-2, 8-6"


def _left_to_right(editor) -> list[int]:
    """The positions of the editor's text drawn along its text area from its left end to its
    right end, every 4 px: in order for a number kept left to right."""
    editor.repaint()
    area = editor.contentsRect()
    y = area.center().y()
    return [editor.cursorPositionAt(QPoint(x, y)) for x in range(area.left() + 3, area.right() - 2, 4)]


def _number_in_sight(editor) -> None:
    """The whole number in sight, drawn left to right: its start at the left end, its end at
    the right end, its positions in order between them."""
    n = len(editor.text())
    assert _ends_in_sight(editor) == (n, 0)  # (right, left)
    shown = _left_to_right(editor)
    assert shown == sorted(shown) and shown[0] == 0 and shown[-1] == n, shown


@pytest.mark.parametrize("lang", ["ur", "en"], indirect=True)
@pytest.mark.parametrize(("field", "value"), [("khasra_nos", KHASRAS), ("area", AREAS)])
def test_a_long_khasra_list_opens_whole_left_to_right(qtbot, ctx, lang, field, value):
    # GIVEN a page whose row 2 has ten khasra numbers (or ten areas), in a view of a 1366 px
    # screen
    view, pid = _page(qtbot, ctx, 1366, field, value)
    stored = _db_text(ctx, pid, 1, field)
    # WHEN the clerk opens them to check them against the page
    editor = _open_editor(qtbot, view, 1, field)
    # THEN the editor covers the cell and grows over the cells after it, toward the inside of
    # the view, within it, as wide as the numbers (it stayed in its 148-159 px cell)
    cell, g = _cell(view, 1, field), editor.geometry()
    assert g.left() <= cell.left() and g.right() >= cell.right(), (g, cell)
    _in_view(view, editor)
    assert g.width() > editor.fontMetrics().horizontalAdvance(editor.text())
    # AND all of them are in sight, left to right and in order (of the khasra numbers only
    # positions 36-60 of 60 were: '132, 133/4, 134')
    _number_in_sight(editor)
    assert editor.layoutDirection() == Qt.LayoutDirection.LeftToRight
    # AND the cursor is where Qt puts it to add to them, all selected as before
    assert editor.cursorPosition() == len(editor.text()) and editor.selectedText() == editor.text()
    # AND leaving it saves nothing new
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 1, field) == stored
    # AND a short number still opens in its own cell, exactly (row 3's khasra and area)
    for field in ("khasra_nos", "area"):
        editor = _open_editor(qtbot, view, 2, field)
        assert editor.geometry() == _cell(view, 2, field), field
        assert editor.textMargins().right() == 0 and editor.cursorPosition() == len(editor.text())
        qtbot.keyClick(editor, Qt.Key.Key_Escape)


@pytest.mark.parametrize("lang", ["ur"], indirect=True)
def test_a_long_number_in_the_middle_of_the_row_grows_over_the_cells_after_it(qtbot, ctx, lang):
    # GIVEN six khasra numbers in row 2, their column in the middle of a wide view
    view, _pid = _page(qtbot, ctx, 1366, "khasra_nos", SIX_KHASRAS)
    # WHEN the clerk opens them
    editor = _open_editor(qtbot, view, 1, "khasra_nos")
    # THEN the editor keeps the cell's right edge, where the row is read from, and grows to
    # the left only as far as the numbers need
    cell, g = _cell(view, 1, "khasra_nos"), editor.geometry()
    assert g.right() == cell.right() and 0 < g.left() < cell.left(), (g, cell)
    _number_in_sight(editor)


@pytest.mark.parametrize("lang", ["ur", "en"], indirect=True)
@pytest.mark.parametrize("first_in_sight", [False, True])
def test_a_long_number_at_the_views_edge_opens_whole_inside_the_view(qtbot, ctx, lang, first_in_sight):
    # GIVEN a narrow view showing row 2's six khasra numbers in a column at the view's left
    # edge (the last columns in sight), or scrolled so that it is the first, at its right edge
    view, _pid = _page(qtbot, ctx, 620, "khasra_nos", SIX_KHASRAS)
    if first_in_sight:
        view.table.horizontalScrollBar().setValue(view.model.template.column_names.index("khasra_nos"))
    # WHEN the clerk opens them
    editor = _open_editor(qtbot, view, 1, "khasra_nos")
    # THEN the editor covers the cell and grows toward the inside of the view, within it
    cell, g = _cell(view, 1, "khasra_nos"), editor.geometry()
    room = view.table.viewport().width()
    assert (room - 20 < cell.right()) if first_in_sight else (cell.left() < 20), (cell, room)
    assert g.left() <= cell.left() and g.right() >= cell.right() and g.width() > cell.width(), (g, cell)
    _in_view(view, editor)
    # AND shows all the numbers, left to right
    _number_in_sight(editor)


@pytest.mark.parametrize("lang", ["ur", "en"], indirect=True)
def test_a_number_longer_than_the_view_opens_at_its_start(qtbot, ctx, lang):
    # GIVEN a narrow view and a list of khasra numbers wider than the whole table
    many = KHASRAS + ", 135/2, 136, 137/1, 138"
    view, pid = _page(qtbot, ctx, 620, "khasra_nos", many)
    stored = _db_text(ctx, pid, 1, "khasra_nos")
    width = view.table.viewport().width()
    # WHEN the clerk opens them
    editor = _open_editor(qtbot, view, 1, "khasra_nos")
    assert editor.fontMetrics().horizontalAdvance(editor.text()) > width
    # THEN the editor takes the view's width and shows the list from its start, its left
    # end, the cursor there, the positions in order (it showed the end, in its cell)
    assert editor.geometry().width() == width
    _in_view(view, editor)
    shown = _left_to_right(editor)
    assert shown[0] == 0 and shown == sorted(shown) and shown[-1] < len(editor.text()), shown
    assert editor.cursorPosition() == 0
    # AND it is all still selected: a number typed replaces it, as before; Esc puts it back
    assert editor.selectedText() == editor.text()
    type_text(editor, "126")
    assert editor.text() == "126" and editor.geometry() == _cell(view, 1, "khasra_nos")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 1, "khasra_nos") == stored


@pytest.mark.parametrize("lang", ["ur"], indirect=True)
def test_a_long_khasra_list_typed_is_in_sight_and_checked_as_it_is_typed(qtbot, ctx, lang):
    # GIVEN row 3 of the page, with one khasra number
    view, pid = _page(qtbot, ctx, 1366, "khasra_nos", SIX_KHASRAS)
    # WHEN the clerk types ten numbers over it, one of them twice
    view.select_field(2, "khasra_nos")
    typed = KHASRAS + ", 126"
    type_text(view.table, typed)
    editor = QApplication.focusWidget()
    assert editor.objectName() == "editor_khasra_nos"
    # THEN all of them are in sight as they are typed, left to right, the cursor at the end
    _in_view(view, editor)
    _number_in_sight(editor)
    assert editor.cursorPosition() == len(editor.text())
    # AND after a pause the list is saved and flagged as before (126 twice)
    qtbot.waitUntil(lambda: _db_text(ctx, pid, 2, "khasra_nos") == typed, timeout=5000)
    qtbot.waitUntil(lambda: any("126" in f.message for f in view.model.cell_flags(2, "khasra_nos")), timeout=5000)
    assert QApplication.focusWidget() is editor
    # AND Enter saves what he typed
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 2, "khasra_nos") == typed


@pytest.mark.parametrize("lang", ["ur"], indirect=True)
def test_an_open_number_keeps_its_start_in_sight_when_the_window_resizes(qtbot, ctx, lang):
    # GIVEN row 2's ten khasra numbers open in a wide view
    view, _pid = _page(qtbot, ctx, 1366, "khasra_nos", KHASRAS)
    editor = _open_editor(qtbot, view, 1, "khasra_nos")
    for width in (900, 620, 1366):
        # WHEN the window is made narrower (then wide again) while they are open
        view.resize(width, 700)
        qtbot.wait(30)
        # THEN the editor still covers its cell, within the view, the list's start in sight
        cell, g = _cell(view, 1, "khasra_nos"), editor.geometry()
        assert g.left() <= cell.left() and g.right() >= cell.right(), (width, g, cell)
        _in_view(view, editor)
        assert _ends_in_sight(editor)[1] == 0, width
    # AND back in the wide view all of it is in sight again, left to right
    _number_in_sight(editor)
    assert view.table.state() == view.table.State.EditingState and QApplication.focusWidget() is editor


@pytest.mark.parametrize("lang", ["ur"], indirect=True)
@pytest.mark.parametrize(("field", "value", "how"), [
    ("khasra_nos", KHASRAS, "F2"), ("remarks", LONG, "F2"), ("khasra_nos", KHASRAS, "typing")])
def test_a_field_scrolled_out_of_sight_opens_in_sight(qtbot, ctx, lang, field, value, how):
    # GIVEN row 2's field chosen in a wide view, then the window made narrower: the table
    # went back to its first columns and the field is out of sight
    view, _pid = _page(qtbot, ctx, 1366, field, value)
    view.select_field(1, field)
    view.resize(620, 700)
    qtbot.wait(30)
    assert _cell(view, 1, field).left() < 0
    # WHEN the clerk opens it with F2, or types into it
    if how == "F2":
        qtbot.keyClick(view.table, Qt.Key.Key_F2)
    else:
        type_text(view.table, "1")
    editor = QApplication.focusWidget()
    assert editor.objectName() == f"editor_{field}"
    # THEN the table scrolls to the field: its cell is in sight under its editor (the editor
    # was put inside the view over the cells of others, its own cell out of sight)
    room, cell, g = view.table.viewport().width(), _cell(view, 1, field), editor.geometry()
    assert 0 <= cell.left() and cell.right() < room, (cell, room)
    assert g.left() <= cell.left() and g.right() >= cell.right(), (g, cell)
    _in_view(view, editor)
