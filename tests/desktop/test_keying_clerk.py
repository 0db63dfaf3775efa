"""A clerk keying handwritten pages by keyboard: what he types lands in the row he means.

Found keying two Jamabandi pages at 1366 x 768 (notes/helpers/keying-findings.md): Ctrl+Ins
in an open cell editor added no row and the next row's values went over the row above; Tab
at the page's last field went round to row 1 with its editor open and the text selected.
"""

from __future__ import annotations

import pytest

from desktop.qt import QApplication, Qt
from tests.desktop.conftest import wait_idle
from tests.desktop.keys import type_text
from tests.desktop.test_keying_ui import ROWS, _db_text, _edit, _open

pytestmark = pytest.mark.gui


def _active(qtbot, view) -> None:
    """Shortcuts fire only in the active window (as on the clerk's screen)."""
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)


def test_ctrl_ins_in_an_open_editor_adds_the_row_and_keeps_what_was_typed(qtbot, ctx, view):
    # GIVEN a page of three rows, the clerk typing in row 1's remarks (after Tab the next
    # cell's editor is always open)
    _rid, pid = _open(qtbot, ctx, view)
    _active(qtbot, view)
    editor = _edit(qtbot, view, 0, "remarks", "انتقال")
    # WHEN he presses Ctrl+Ins to start the next row
    qtbot.keyClick(editor, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    # THEN a row is added after row 1, the cursor is on it, and what he typed is saved in row 1
    qtbot.waitUntil(lambda: view.model.rowCount() == len(ROWS) + 1)
    qtbot.waitUntil(lambda: view.table.currentIndex().row() == 1)
    assert _db_text(ctx, pid, 0, "remarks") == "انتقال"
    assert view.model.text(1, "khewat_no") == "" and view.model.text(2, "khatooni_no") == "113"


def test_ctrl_del_in_an_open_editor_deletes_the_row_not_a_word(qtbot, ctx, view):
    # GIVEN a page of three rows and an editor open on row 3's owner
    _rid, pid = _open(qtbot, ctx, view)
    _active(qtbot, view)
    editor = _edit(qtbot, view, 2, "owner", "غلط")
    # WHEN the clerk presses Ctrl+Del
    qtbot.keyClick(editor, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    # THEN the row goes (as the key table says), and Ctrl+Z brings it back (this held before
    # the editor left the page's keys to the page; it must go on holding)
    qtbot.waitUntil(lambda: view.model.rowCount() == len(ROWS) - 1)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: view.model.rowCount() == len(ROWS))


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_tab_at_the_last_field_of_the_page_does_not_go_round_to_row_one(qtbot, ctx, view, key):
    # GIVEN a page whose last row is being keyed, the clerk in its last field
    _rid, pid = _open(qtbot, ctx, view)
    last = view.model.template.column_names[-1]
    editor = _edit(qtbot, view, 2, last, "انتقال")
    # WHEN he presses Tab (or Enter) and types on, the next row's khewat in mind
    qtbot.keyClick(editor, key)
    wait_idle(qtbot, ctx)
    type_text(QApplication.focusWidget(), "48")
    wait_idle(qtbot, ctx)
    # THEN row 1's khewat is untouched (Qt went round to it, its editor open, the text
    # selected), the last field keeps its value (the keys typed past the page's end replace
    # nothing), the cursor stays on it, and the status says how to go on
    assert _db_text(ctx, pid, 0, "khewat_no") == "47"
    assert _db_text(ctx, pid, 2, last) == "انتقال"
    idx = view.table.currentIndex()
    assert (idx.row(), idx.column()) == (2, len(view.model.template.column_names) - 1)
    assert "Ctrl+Ins" in view.status.text()


def test_shift_tab_at_the_first_field_stays_there(qtbot, ctx, view):
    # GIVEN the clerk in row 1's first field
    _rid, pid = _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 0, "khewat_no", "47")
    # WHEN he presses Shift+Tab, and then Tab on the table at the page's last field
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, ctx)
    # THEN the cursor stays on row 1's first field (it went to the last row's last field)
    idx = view.table.currentIndex()
    assert (idx.row(), idx.column()) == (0, 0)
    view.select_field(2, view.model.template.column_names[-1])
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    idx = view.table.currentIndex()
    assert (idx.row(), idx.column()) == (2, len(view.model.template.column_names) - 1)
    assert view.table.hasFocus()


def _one_row_page(ctx, template: str, values: dict[str, str], **header) -> int:
    from records import services

    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template=template, district="راولپنڈی",
                                       tehsil="گوجر خان", mauza="ڈھڈیال", hadbast_no="123", year="2023-24", **header)
        pid = services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=b"k" * 10,
                                name="handwritten.png").page_id
        services.add_entry(s, actor=ctx.actor, register_id=rid, page_id=pid, values=values)
    return pid


@pytest.mark.parametrize(("template", "field", "typed"), [
    # the Urdu keyboard's "." (CRULP and the on-screen one) is ۔, its digits Urdu digits
    ("intiqal", "date", "۱۴۔۰۳۔۲۰۱۹"),
    ("intiqal", "date", "14۔3۔19"),
    # its ";" is ؛ and a line of the register may end with ۔
    ("jamabandi", "khasra_nos", "۱۲۵/۵؛ ۱۲۶؛ ۱۳۰/۲۔"),
])
def test_separators_the_urdu_keyboard_types_are_understood(qtbot, ctx, view, template, field, typed):
    from records.text import latin_digits

    # GIVEN a handwritten page's row keyed by hand, the clerk on the Urdu keyboard
    pid = _one_row_page(ctx, template, {"khewat_no": "47"})
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    # WHEN he types a date or a khasra list with the separators that keyboard gives, and Tab
    editor = _edit(qtbot, view, 0, field, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    # THEN it is saved as typed and read as he meant it: no problem, no flag (it was refused:
    # "'14۔03۔2019' is not a date: write day-month-year, for example 14-03-2019", which
    # looks like what he typed)
    assert _db_text(ctx, pid, 0, field) == latin_digits(typed)
    assert view.model.problem(0, field) is None
    assert not [f for f in view.model.cell_flags(0, field) if f.field == field]
    if field == "khasra_nos":  # AND Register rows finds the row by each of its khasra numbers
        from records import services

        with ctx.ws.session() as s:
            assert all(services.search(s, k) for k in ("125/5", "126", "130/2"))


def test_a_choice_field_offers_one_list_of_its_choices_only(qtbot, ctx, view):
    # GIVEN a page where a misreading of نہری (نہرے) was saved as a land class before
    rows = [dict(ROWS[0], land_class="نہرے"), dict(ROWS[1])]
    _rid, pid = _open(qtbot, ctx, view, rows=rows)
    # WHEN the clerk types نہ in row 2's land class
    editor = _edit(qtbot, view, 1, "land_class", "نہ")
    # THEN one list shows (Qt's completer showed too, over it), and it holds the choices that
    # begin so, not the misreading
    assert editor.completer() is None
    popup = view.keying.popup
    assert popup.isVisible()
    shown = [popup.item(i).text() for i in range(popup.count())]
    assert "نہری" in shown and "نہرے" not in shown
    assert all(t in [c.ur for c in view.model.template.field("land_class").choices] for t in shown)
    # AND Down, Enter takes the choice, saves it and goes on to the next field
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    while popup.selected() is not None and popup.selected().text != "نہری":
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 1, "land_class") == "نہری"
    assert view.table.currentIndex().column() == view.model.column_of("land_class") + 1
    assert not popup.isVisible()
