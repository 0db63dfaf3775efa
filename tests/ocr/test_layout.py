"""Finding the ruled table: every cell within a few px of where the generator drew it."""

from __future__ import annotations

import random
from dataclasses import replace

import cv2
import numpy as np
import pytest

from ocr.layout import find_table, header_fields
from ocr.preprocess import prepare, to_original
from ocr.synth import Degradation, render_page
from ocr.synth_data import random_register
from records.templates import BUILTIN, builtin

DPI = 100  # small pages keep the tests fast; rules are 1 px thin here, the hard case


def _page(
    name: str,
    level: str = "clean",
    *,
    skew: float = 0.0,
    n_rows: int | None = None,
    seed: int = 0,
    font: str = "naskh",
):
    t = builtin(name)
    header, rows = random_register(t, n_rows or t.rows_per_page, random.Random(seed))
    d = replace(Degradation.level(level), skew_deg=skew)
    return t, render_page(t, header, rows, font=font, dpi=DPI, seed=seed, degrade=d)


def _worst(layout, boxes, sx: float = 1.0, sy: float = 1.0) -> float:
    worst = 0.0
    for (r, name), (x, y, w, h) in boxes.items():
        found = layout.header_fields[name] if r is None else layout.cell(r, name)
        want = (x * sx, y * sy, w * sx, h * sy)
        worst = max(worst, max(abs(a - b) for a, b in zip(want, found, strict=True)))
    return worst


@pytest.mark.parametrize("name", BUILTIN)
@pytest.mark.parametrize("level", ["clean", "moderate"])
def test_every_cell_is_found_on_generated_pages(name, level):
    # GIVEN a full page of the template, clean or moderately degraded (skew aside)
    t, page = _page(name, level)
    # WHEN the page is prepared and its table found
    layout = find_table(prepare(page.image).gray, t)
    # THEN the rules were used and every cell and header value is within 3 px
    assert layout.method == "rules"
    assert len(layout.rows) == t.rows_per_page and len(layout.cols) == len(t.columns)
    assert _worst(layout, page.boxes) <= 3


@pytest.mark.parametrize("skew", [2.5, -3.0])
def test_rotated_page_is_deskewed_and_cells_found(skew):
    # GIVEN a jamabandi page turned by 2.5-3 degrees, and the same page upright
    t, upright = _page("jamabandi", "moderate", skew=0.0, seed=3)
    _, turned = _page("jamabandi", "moderate", skew=skew, seed=3)
    # WHEN the turned page is prepared and laid out
    prepared = prepare(turned.image)
    layout = find_table(prepared.gray, t)
    # THEN it was turned back, and the cells sit where the upright page has them
    assert prepared.deskew_deg == pytest.approx(-skew, abs=0.1)
    assert layout.method == "rules"
    assert _worst(layout, upright.boxes) <= 4


def test_heavy_degradation_with_stamp_and_broken_rules_still_finds_rows():
    t, page = _page("jamabandi", "heavy", seed=5)
    layout = find_table(prepare(page.image).gray, t)
    assert layout.method == "rules" and len(layout.rows) == 20
    assert _worst(layout, page.boxes) <= 5


def test_photo_with_perspective_is_rectified_and_cells_found():
    # GIVEN a photo: the page lies tilted in perspective on a dark, grainy desk
    t, page = _page("jamabandi", n_rows=8)
    H, W = page.image.shape
    cw, ch = int(W * 1.3), int(H * 1.4)
    src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
    dst = np.float32(
        [
            [0.12 * cw, 0.10 * ch],
            [0.9 * cw, 0.16 * ch],
            [0.86 * cw, 0.92 * ch],
            [0.08 * cw, 0.85 * ch],
        ]
    )
    desk = np.clip(np.random.default_rng(0).normal(70, 12, (ch, cw)), 0, 255).astype(np.uint8)
    m = cv2.getPerspectiveTransform(src, dst)
    photo = cv2.warpPerspective(
        page.image,
        m,
        (cw, ch),
        dst=desk,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    photo = cv2.cvtColor(photo, cv2.COLOR_GRAY2BGR)
    # WHEN it is prepared and laid out
    prepared = prepare(photo)
    layout = find_table(prepared.gray, t)
    # THEN the page was found and warped upright, and the cells are where they were drawn
    assert prepared.cropped and layout.method == "rules"
    gh, gw = prepared.gray.shape
    assert gw / gh == pytest.approx(W / H, rel=0.05)
    assert _worst(layout, page.boxes, gw / W, gh / H) <= 6
    # AND every cell mapped back onto the photo lands on the cell as photographed
    for (r, name), (x, y, w, h) in page.boxes.items():
        found = layout.header_fields[name] if r is None else layout.cell(r, name)
        fx, fy, fw, fh = to_original(found, prepared)
        want = cv2.perspectiveTransform(np.float32([[[x + w / 2, y + h / 2]]]), m)[0, 0]
        assert np.hypot(fx + fw / 2 - want[0], fy + fh / 2 - want[1]) <= 4, (r, name)


def test_without_rules_the_template_zones_are_used():
    # GIVEN a page printed without any rules
    t, page = _page("girdawari", "clean")
    bare = render_page(t, {}, [], dpi=DPI, degrade=Degradation(broken_rules=1.0))
    # WHEN its table is looked for
    assert (bare.image < 128).sum() > 0  # title and labels only
    layout = find_table(bare.image, t)
    # THEN the layout falls back to zones, still one box per row and column
    assert layout.method == "zones"
    assert len(layout.rows) == t.rows_per_page and len(layout.cols) == len(t.columns)
    assert _worst(layout, page.boxes) <= 4


def test_blank_image_falls_back_to_zones():
    t = builtin("intiqal")
    layout = find_table(np.full((600, 850), 255, np.uint8), t)
    assert layout.method == "zones" and len(layout.rows) == 10


def test_cells_by_name_right_to_left_and_header_fields():
    t, page = _page("intiqal", n_rows=3)
    gray = prepare(page.image).gray
    layout = find_table(gray, t)
    assert layout.cell(1, "mutation_no") == layout.cell(1, 0)
    xs = [layout.cell(0, c)[0] for c in range(len(t.columns))]
    assert xs == sorted(xs, reverse=True)  # column 1 is the rightmost
    fields = header_fields(gray, t)
    assert set(fields) == {f.name for f in t.header}
    assert fields == layout.header_fields
    with pytest.raises(KeyError, match="no column"):
        layout.cell(0, "nonsense")


def test_page_with_only_horizontal_rules_keeps_its_rows():
    # GIVEN a page whose vertical rules were never printed (painted out here)
    from ocr import zones

    t, page = _page("jamabandi", "clean", n_rows=6)
    img = page.image.copy()
    H, W = img.shape
    y0, y1 = round(t.table_zone[1] * H) - 3, round(t.table_zone[3] * H) + 3
    for a, b in zones.column_edges(t):
        for x in (round(a * W), round(b * W)):
            img[y0:y1, x - 2 : x + 3] = 255
    # WHEN laid out
    layout = find_table(img, t)
    # THEN columns come from the template's zones and rows from the rules, all close
    assert layout.method == "zones"
    assert _worst(layout, page.boxes) <= 4


@pytest.mark.parametrize("skew", [0.0, 2.0])
def test_dark_scanner_border_is_neither_a_rule_nor_the_skew(skew):
    # GIVEN a page (upright or turned 2 degrees) scanned with a thin dark lid border
    t, upright = _page("jamabandi")
    _, page = _page("jamabandi", skew=skew)
    H, W = page.image.shape
    b = 12
    scan = np.full((H + 2 * b, W + 2 * b), 35, np.uint8)
    scan[b : b + H, b : b + W] = page.image
    # WHEN prepared and laid out
    prepared = prepare(scan)
    layout = find_table(prepared.gray, t)
    # THEN the skew is the page's, and the cells sit where drawn (shifted by the border)
    assert not prepared.cropped and prepared.deskew_deg == pytest.approx(-skew, abs=0.1)
    assert layout.method == "rules" and len(layout.rows) == 20
    shifted = {k: (x + b, y + b, w, h) for k, (x, y, w, h) in upright.boxes.items()}
    assert _worst(layout, shifted) <= 4
