"""Is Urdu laid out right on screen? Qt's glyph placement compared with HarfBuzz's shaping of
the same font file (uharfbuzz, which the reports already use).

Qt 6 placed 443 of 663 register words in Noto Nastaliq Urdu 2.000 otherwise than HarfBuzz
does (بی بی without its dots, محمد افضل with its letters on top of one another) while
drawing 3.007 right; scripts/screen_fonts.py says what the app ships because of it. The
tests and `daftar self-test` use this check so that a font or Qt that draws Nastaliq wrongly
is caught before a clerk reads a name wrongly.
"""

from __future__ import annotations

from pathlib import Path

Placed = list[tuple[int, float, float]]  # (glyph, x, y) of each glyph of a word


def harfbuzz_positions(path: str | Path, text: str, px: int) -> Placed:
    """Where HarfBuzz puts the glyphs of `text` in the font file at `px` pixels (y down)."""
    import uharfbuzz as hb

    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))
    font.scale = (px * 64, px * 64)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    x, out = 0, []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        out.append((info.codepoint, (x + pos.x_offset) / 64, -pos.y_offset / 64))
        x += pos.x_advance
    return out


def qt_positions(font, text: str) -> Placed:
    """Where Qt's text layout puts the glyphs of `text` in `font` (a QFont)."""
    from desktop.qt import QTextLayout

    lay = QTextLayout(text, font)
    lay.beginLayout()
    lay.createLine()
    lay.endLayout()
    return [(g, p.x(), p.y()) for run in lay.glyphRuns()
            for g, p in zip(run.glyphIndexes(), run.positions(), strict=True)]


def placed_alike(a: Placed, b: Placed, tol: float = 1.5) -> bool:
    """The same glyphs at the same places (within `tol` px), up to where the word starts."""
    def rel(ps: Placed):
        if not ps:
            return []
        x0, y0 = min(x for _, x, _ in ps), min(y for _, _, y in ps)
        return sorted((g, x - x0, y - y0) for g, x, y in ps)

    ra, rb = rel(a), rel(b)
    return len(ra) == len(rb) and all(ga == gb and abs(xa - xb) <= tol and abs(ya - yb) <= tol
                                      for (ga, xa, ya), (gb, xb, yb) in zip(ra, rb, strict=True))


def misplaced_words(family: str, path: str | Path, words: list[str], px: int = 100) -> list[str]:
    """The words Qt lays out otherwise than HarfBuzz shapes them, in `family` (which must be
    the font in `path`; unhinted, at `px` pixels). Words of Arabic letters only: digits and
    Latin make runs of their own."""
    from desktop.qt import QFont

    font = QFont(family)
    font.setPixelSize(px)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return [w for w in words if not placed_alike(qt_positions(font, w), harfbuzz_positions(path, w, px))]


def font_file_in_use(family: str) -> bytes:
    """The 'head' table of the font Qt really uses for `family` (to tell the app's own file
    from a system font of the same name)."""
    from desktop.qt import QFont, QFontDatabase, QRawFont

    raw = QRawFont.fromFont(QFont(family), QFontDatabase.WritingSystem.Arabic)
    return bytes(raw.fontTable("head"))


def head_table(path: str | Path) -> bytes:
    """The 'head' table of a font file, as Qt reads it from the file itself."""
    from desktop.qt import QRawFont

    return bytes(QRawFont(str(path), 12).fontTable("head"))
