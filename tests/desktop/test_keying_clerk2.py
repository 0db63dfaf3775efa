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


@pytest.fixture
def view(qtbot, ctx):
    from desktop.correction.view import CorrectionView

    v = CorrectionView(ctx)
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    return v


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
