"""The correction view draws Urdu as real glyphs: not empty, not missing-glyph boxes."""

from __future__ import annotations

import pytest

from tests.desktop.helpers import make_register

pytestmark = pytest.mark.gui


def _cell_image(view, row, col):
    rect = view.table.visualRect(view.model.index(row, col))
    return view.table.viewport().grab(rect).toImage()


def _ink(img) -> int:
    """Number of dark pixels."""
    n = 0
    for y in range(img.height()):
        for x in range(img.width()):
            if img.pixelColor(x, y).lightness() < 110:
                n += 1
    return n


def _same(a, b) -> bool:
    return a.size() == b.size() and all(a.pixel(x, y) == b.pixel(x, y) for y in range(a.height()) for x in range(a.width()))


def test_urdu_cells_render_as_glyphs(qtbot, ctx, tmp_path):
    # GIVEN the correction view showing a page with Urdu owner names
    from desktop.correction.view import CorrectionView
    from desktop.fonts import urdu_font
    from desktop.qt import QFontDatabase, QRawFont

    _rid, (pid,) = make_register(ctx)
    view = CorrectionView(ctx)
    qtbot.addWidget(view)
    view.resize(2600, 600)
    view.show()
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    col = view.model.column_of("owner")
    view.table.setCurrentIndex(view.model.index(0, 0))
    qtbot.wait(50)
    view.table.setColumnWidth(col, 420)  # wider than the name (the view refits on resize only)
    qtbot.wait(20)
    # WHEN the owner cell is rendered, next to an empty cell and to missing-glyph text
    owner = _cell_image(view, 0, col)
    view.grab().save(str(tmp_path / "correction.png"))
    view.model._texts[1]["owner"] = ""
    view.model.dataChanged.emit(view.model.index(1, col), view.model.index(1, col))
    qtbot.wait(20)
    blank = _cell_image(view, 1, col)
    view.model._texts[1]["owner"] = "\U000e0100\U000f0000\U000f0001\U000f0002\U000f0003"  # no font has these
    view.model.dataChanged.emit(view.model.index(1, col), view.model.index(1, col))
    qtbot.wait(20)
    missing = _cell_image(view, 1, col)
    # THEN the Urdu cell has ink, unlike the blank cell, and is not drawn as boxes
    assert _ink(owner) > 150, "the Urdu name left the cell (almost) empty"
    assert _ink(blank) < 10
    assert not _same(owner, missing)
    # ... and the font really has every letter of the name (no fallback to a box glyph)
    raw = QRawFont.fromFont(urdu_font(13), QFontDatabase.WritingSystem.Arabic)
    assert raw.familyName() == "Noto Naskh Arabic"
    assert all(raw.supportsCharacter(ord(ch)) for ch in view.model.text(0, "owner") if not ch.isspace())
    assert not raw.supportsCharacter(0xF0000)
    # ... and the text is laid out right to left: its ink hugs the cell's right edge
    xs = [x for y in range(owner.height()) for x in range(owner.width()) if owner.pixelColor(x, y).lightness() < 110]
    assert max(xs) > owner.width() * 0.8 and min(xs) > owner.width() * 0.1
