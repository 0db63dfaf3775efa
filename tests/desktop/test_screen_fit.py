"""Daftar on other screens than 1366 x 768 at 100 %: rows as tall as their Urdu font, dialogs
no taller than the screen, page pictures drawn at the screen's own pixel density (125 % and
150 % scaling) instead of stretched."""

from __future__ import annotations

import pytest

from desktop.qt import QFontMetrics
from tests.desktop.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture(params=[True, False], ids=["nastaliq", "naskh"])
def urdu_style(request, qapp):
    """The office's Urdu font style for the test, put back after."""
    from desktop import fonts

    fonts.load_fonts()
    before = fonts._preferred["nastaliq"]
    fonts.prefer_nastaliq(request.param)
    yield request.param
    fonts.prefer_nastaliq(before)


def _row_fits_font(table, row: int = 0) -> tuple[int, int]:
    """(the row's height, the height the table's font needs: ascent and descent)."""
    return table.rowHeight(row), QFontMetrics(table.font()).height()


def test_review_rows_are_as_tall_as_their_urdu_font(qtbot, ctx, urdu_style):
    # GIVEN the review screen's rows table, in Nastaliq or Naskh 12 pt
    from desktop.review.page_view import ReviewPageView

    view = ReviewPageView(ctx)
    qtbot.addWidget(view)
    # WHEN a row is shown
    view.table.setColumnCount(1)
    view.table.setRowCount(1)
    # THEN the row holds the font's tall letters and deep descenders (30 px cut 40 px Nastaliq)
    height, needed = _row_fits_font(view.table)
    assert height >= needed, f"review row {height} px, its font needs {needed} px"


def test_returned_rows_are_as_tall_as_their_urdu_font(qtbot, ctx, urdu_style):
    # GIVEN the "Returned to me" table
    from desktop.review.returned import ReturnedPanel

    panel = ReturnedPanel(ctx)
    qtbot.addWidget(panel)
    wait_idle(qtbot, ctx)
    # WHEN a row is shown
    panel.table.setRowCount(1)
    # THEN it is as tall as its Urdu font needs
    height, needed = _row_fits_font(panel.table)
    assert height >= needed, f"returned row {height} px, its font needs {needed} px"
