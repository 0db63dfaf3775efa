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


def _register_words(n_per_list: int = 60) -> list[str]:
    """Words and names as registers hold them (the demo's vocabulary)."""
    import resources

    words = []
    for name in ("male_names", "female_names", "qoams", "villages", "urdu_words", "remarks", "cultivators"):
        with open(resources.vocab_path(name), encoding="utf-8") as f:
            words += [line.split("\t")[0].strip() for line in f if line.strip()][:n_per_list]
    # (digits and Latin split a line into runs laid out apart: the words alone are compared)
    return [w for w in words if all(ch.isspace() or ("\u0600" <= ch <= "\u06ff" and not ch.isdigit()) for ch in w)]



@pytest.mark.parametrize("nastaliq", [True, False], ids=["nastaliq", "naskh"])
def test_urdu_words_are_laid_out_as_harfbuzz_shapes_them(qapp, nastaliq):
    import resources
    from desktop.fonts import load_fonts
    from desktop.text_layout_check import font_file_in_use, head_table, misplaced_words

    # GIVEN the font the app draws records with on screen (the office's choice)
    name = resources.URDU_NASTALIQ_SCREEN if nastaliq else resources.URDU_NASKH
    family, shipped = load_fonts()[name], resources.font_path(name)
    # THEN Qt uses the bundled file, even where the system has a font of a like name (it took
    # Debian's Noto Nastaliq Urdu 2.000 in place of the app's own)
    assert font_file_in_use(family) == head_table(shipped)
    # WHEN register words are laid out by Qt and shaped by HarfBuzz from the same file
    words = _register_words()
    wrong = misplaced_words(family, shipped, words)
    # THEN every glyph is where HarfBuzz puts it (with Noto Nastaliq Urdu 2.000 Qt placed
    # 216 of these 308 words otherwise: بی بی without its dots, محمد افضل with letters on
    # top of one another)
    assert len(words) > 300 and not wrong, f"{len(wrong)} of {len(words)} words laid out wrongly: {wrong[:5]}"
