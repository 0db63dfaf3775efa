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


def test_a_sale_of_more_land_than_the_khewat_holds_is_flagged_as_it_is_typed(qtbot, ctx, view):
    from records import services

    # GIVEN the mauza's jamabandi, whose khewat 47 holds 12-5 (its total line), and a
    # handwritten intiqal page of the same mauza with a sale out of khewat 47 keyed so far
    with ctx.ws.session() as s:
        jama = services.create_register(s, actor=ctx.actor, template="jamabandi", district="راولپنڈی",
                                        tehsil="گوجر خان", mauza="ڈھڈیال", hadbast_no="123", year="2018-19")
        services.add_entry(s, actor=ctx.actor, register_id=jama, values={"khewat_no": "47", "owner": "میزان",
                                                                          "area": "12-5"})
    pid = _one_row_page(ctx, "intiqal", {"mutation_no": "1202", "date": "12-3-2024", "mutation_type": "بیع",
                                         "khewat_no": "47", "khasra_nos": "125/5"})
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    # WHEN the clerk types an area of 14-10 (the page says 4-10) and Tab
    editor = _edit(qtbot, view, 0, "area", "14-10")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    # THEN the area is flagged to check, saying the khewat's whole area (it was taken silently)
    flags = [f for f in view.model.cell_flags(0, "area") if f.code == "mutation_area"]
    assert [f.severity for f in flags] == ["warning"]
    assert "is more than the whole khewat 47, 12-5 in the jamabandi 2018-19" in flags[0].message
    # AND correcting it to 4-10 clears the flag
    editor = _edit(qtbot, view, 0, "area", "4-10")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    assert view.model.cell_flags(0, "area") == []


def test_the_kind_of_a_mutation_is_shown_whole_beside_the_page(qtbot, ctx, view):
    from desktop.qt import QFontMetrics

    # GIVEN an intiqal page whose mutation is an inheritance (وراثت), in a table
    # 600 px wide (the rows beside the page image and the lists on a 1366 x 768 screen)
    pid = _one_row_page(ctx, "intiqal", {"mutation_no": "1201", "mutation_type": "وراثت", "khewat_no": "47"})
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    col = view.model.column_of("mutation_type")
    view.resize(600 + view.width() - view.table.viewport().width(), view.height())
    # WHEN the columns are fitted (as on loading a page or resizing)
    view._fit_columns()
    # THEN the kind's column is as wide as its value and the cell's margins, as a number's (it
    # kept the 48 px of a text column, 3 px short: 'وراث…'), and all fit the table
    shown = view.model.index(0, col).data()
    assert view.table.columnWidth(col) >= QFontMetrics(view.table.font()).horizontalAdvance(shown) + 14
    assert sum(view.table.columnWidth(c) for c in range(view.model.columnCount())) <= view.table.viewport().width()
