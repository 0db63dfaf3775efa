"""Outlined lettering is told from ordinary print (ocr.outline), and only such cells are read
with the outline model (ocr.recognise.DedicatedNumberReader)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ocr import npm_fonts, number_lines, outline
from ocr import numbers_synth as synth

NOTO = Path("/usr/share/fonts/truetype/noto")
HELD_BACK_URDU = NOTO / "NotoSansArabic-Regular.ttf"  # never used in training
HELD_BACK_LATIN = NOTO / "NotoSerif-Regular.ttf"
SOLID = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

# values whose round counters (0 4 6 8 9) a first detector took for hollow strokes
COUNTERS = ["8", "4", "90", "86", "40", "0-0", "69", "4-6", "384", "1804", "125/5", "12-5", "3/8"]


def solid_cell(text: str, font: str, script: str = "latin", seed: int = 3, size: int = 40) -> np.ndarray:
    return synth.render_cell(text, "khasra", script, font, np.random.default_rng(seed), 0, size=size).image


def hollow(image: np.ndarray, k: int = 3) -> np.ndarray:
    """The cell's lettering drawn as outlines: the edge of its strokes thickened by k px."""
    import cv2

    gray = image if image.ndim == 2 else image.mean(axis=2).astype(np.uint8)
    ink = (gray < 128).astype(np.uint8)
    big = cv2.dilate(ink, np.ones((k, k), np.uint8))
    ring = big & ~cv2.erode(big, np.ones((3, 3), np.uint8), iterations=2).astype(bool)
    out = np.full_like(gray, 250)
    out[ring.astype(bool)] = 20
    return out


def mask_of(image: np.ndarray) -> np.ndarray:
    from ocr.recognise import clean_cell

    gray = image if image.ndim == 2 else image.mean(axis=2).astype(np.uint8)
    return clean_cell(gray, strokes=True).mask


@pytest.mark.parametrize("value", ["47", "125/5", "1727/12", "3470", "12-5", "35202-1234567-1"])
def test_lettering_drawn_as_outlines_is_marked(value):
    # GIVEN a number drawn in a plain font, and the same drawn as the outlines of its strokes
    solid = solid_cell(value, REGULAR, size=56)
    # WHEN the detector looks at each cell's ink
    # THEN the outlined one is marked and the solid one is not (nor the same in bold)
    assert outline.is_outlined(mask_of(hollow(solid)))
    assert not outline.is_outlined(mask_of(solid))
    assert not outline.is_outlined(mask_of(solid_cell(value, SOLID, size=56)))


@pytest.mark.parametrize("font,script", [(HELD_BACK_URDU, "urdu"), (HELD_BACK_LATIN, "latin"), (SOLID, "latin")],
                         ids=["noto-sans-arabic", "noto-serif", "dejavu-bold"])
def test_printed_digits_with_round_counters_are_not_marked(font, script):
    # GIVEN short printed numbers whose digits have counters (0 4 6 8 9), at several sizes,
    # in fonts the detector never saw
    assert Path(font).is_file()
    cells = [solid_cell(v, str(font), script, seed=i, size=size)
             for i, v in enumerate(COUNTERS) for size in (24, 40, 64)]
    # WHEN the detector looks at them
    marked = [v for v, c in zip([v for v in COUNTERS for _ in range(3)], cells, strict=True)
              if outline.is_outlined(mask_of(c))]
    # THEN none is marked (the outline model must not read ordinary print)
    assert marked == []


def test_a_cell_with_too_little_ink_has_no_features_and_is_not_marked():
    mask = np.zeros((30, 60), bool)
    mask[10:12, 10:14] = True
    assert not outline.features(mask).any()
    assert not outline.is_outlined(mask)


class Recording:
    """A stand-in line reader that reads every cell as `text` at `confidence` and records how
    many cells it read."""

    def __init__(self, text: str, confidence: float) -> None:
        self.text, self.confidence = text, confidence
        self.read = 0

    def read_crops_with_steps(self, crops):
        from ocr.numbers import NumberReading

        self.read += len(crops)
        c = self.confidence
        return [NumberReading(self.text, c, [c] * len(self.text)) for _ in crops], [None] * len(crops)


class Glyphs:
    """A stand-in glyph reader that reads nothing: the line readers' texts are given."""

    def read_many(self, pairs):
        from ocr.numbers import NumberReading

        return [NumberReading("", 0.0, []) for _ in pairs]


def page(*cells):
    from ocr.recognise import CellImage

    return [CellImage(key, "integer", image) for key, image in cells]


def test_an_unsure_outlined_cell_is_read_again_by_the_outline_model_and_a_printed_one_is_not():
    from ocr.recognise import DedicatedNumberReader

    # GIVEN a page with an outlined 7 and a printed 7, a line reader unsure of both, and an
    # outline reader
    lines, outlined = Recording("7", 0.9), Recording("1", 0.9)
    printed = solid_cell("7", REGULAR, size=56)
    reader = DedicatedNumberReader(Glyphs(), lines, outlined)
    # WHEN the page's cells are read
    got = reader.read_many(page(("outlined", hollow(printed)), ("printed", printed)))
    # THEN the outlined cell was read again by the outline model, which gives its reading;
    # the printed one keeps the line model's
    assert (got["outlined"].text, got["printed"].text) == ("1", "7")
    assert (outlined.read, lines.read) == (1, 2)


def test_an_outlined_cell_the_line_model_is_sure_of_is_not_read_again():
    from ocr.recognise import DedicatedNumberReader

    lines, outlined = Recording("7", 0.9999), Recording("1", 0.9)
    got = DedicatedNumberReader(Glyphs(), lines, outlined).read_many(
        page(("o", hollow(solid_cell("7", REGULAR, size=56)))))
    assert got["o"].text == "7" and outlined.read == 0


def test_without_an_outline_model_every_cell_is_read_by_the_line_model():
    from ocr.recognise import DedicatedNumberReader

    lines = Recording("7", 0.9)
    got = DedicatedNumberReader(Glyphs(), lines).read_many(page(("o", hollow(solid_cell("7", REGULAR, size=56)))))
    assert got["o"].text == "7" and lines.read == 1


def test_the_app_reads_numbers_with_the_shipped_outline_model():
    from ocr.recognise import default_number_reader

    # GIVEN the shipped models
    assert number_lines.outline_model_path().is_file(), "resources/models/number_outline.npz is shipped"
    # WHEN the app's number reader is made
    reader = default_number_reader()
    # THEN it reads outlined cells with the outline model, which is another model than the line model's
    assert reader.outline is not None and reader.outline.model is not reader.lines.model


def test_the_pinned_outline_packages_hold_no_held_back_family():
    npm_fonts.check_not_held_back(npm_fonts.OUTLINE_PACKAGES)
    assert not any("femke" in name or "klaver" in name for name in npm_fonts.OUTLINE_PACKAGES)
    assert npm_fonts.is_npm_font("londrina-outline-latin-400-normal")
