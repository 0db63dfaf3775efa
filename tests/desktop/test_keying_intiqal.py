"""A clerk keying a handwritten Intiqal (mutation register) page by keyboard: the kind of a
mutation typed in English and a price written as it is on the page."""

from __future__ import annotations

import pytest

from desktop.qt import Qt
from tests.desktop.conftest import wait_idle
from tests.desktop.test_keying_clerk import _one_row_page
from tests.desktop.test_keying_ui import _db_text, _edit

pytestmark = pytest.mark.gui


def test_a_mutation_kind_typed_in_english_and_a_grouped_price_show_as_saved(qtbot, ctx, view):
    # GIVEN a handwritten intiqal page with a row keyed so far
    pid = _one_row_page(ctx, "intiqal", {"mutation_no": "1206", "date": "16-3-2024"})
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    # WHEN the clerk types its kind by the English name (no list is left open: "sale" is whole)
    # and Tab, then the price as the page writes it, and Tab
    editor = _edit(qtbot, view, 0, "mutation_type", "sale")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    editor = _edit(qtbot, view, 0, "fee", "2,50,000/-")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    # THEN the row shows and holds the register's Urdu word and the amount's digits, no flag
    # (the cell showed "sale" in Latin beside rows of بیع, and the price was refused: "is not
    # a whole number")
    assert view.model.text(0, "mutation_type") == _db_text(ctx, pid, 0, "mutation_type") == "بیع"
    assert view.model.text(0, "fee") == _db_text(ctx, pid, 0, "fee") == "250000"
    assert view.model.problem(0, "fee") is None and view.model.problem(0, "mutation_type") is None
    # AND one Ctrl+Z takes the kind back out, as typing any value
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert view.model.text(0, "mutation_type") == _db_text(ctx, pid, 0, "mutation_type") == ""
