"""Preparing a page: grayscale, page crop, even light, deskew — original untouched."""

from __future__ import annotations

import random
from dataclasses import replace

import cv2
import numpy as np
import pytest

from ocr.layout import find_table
from ocr.preprocess import estimate_skew, prepare, to_original
from ocr.synth import Degradation, render_page
from ocr.synth_data import random_register
from records.templates import builtin


def _page(level="clean", skew=0.0, n_rows=6, seed=1, dpi=100):
    t = builtin("jamabandi")
    header, rows = random_register(t, n_rows, random.Random(seed))
    d = replace(Degradation.level(level), skew_deg=skew)
    return t, render_page(t, header, rows, dpi=dpi, seed=seed, degrade=d)


def test_clean_scan_is_left_in_place_and_original_untouched():
    # GIVEN a clean, straight scan in colour
    _, page = _page()
    bgr = cv2.cvtColor(page.image, cv2.COLOR_GRAY2BGR)
    before = bgr.copy()
    # WHEN prepared
    p = prepare(bgr)
    # THEN the result is gray, the same size, neither cropped nor turned
    assert p.gray.dtype == np.uint8 and p.gray.shape == page.image.shape
    assert p.warp is None and p.deskew_deg == 0.0 and not p.cropped and p.scale == 1.0
    # AND the input array was not modified, and the page is not binarised
    assert np.array_equal(bgr, before)
    assert len(np.unique(p.gray)) > 20


@pytest.mark.parametrize("skew", [2.5, -3.0, 0.8])
def test_skew_is_measured_and_undone(skew):
    _, page = _page("light", skew=skew)
    assert estimate_skew(page.image) == pytest.approx(skew, abs=0.1)
    p = prepare(page.image)
    assert p.deskew_deg == pytest.approx(-skew, abs=0.1)
    # the prepared page is level again
    assert abs(estimate_skew(p.gray)) <= 0.1


def test_uneven_light_is_evened_out():
    # GIVEN a page with strong shading
    t = builtin("jamabandi")
    header, rows = random_register(t, 6, random.Random(2))
    shaded = render_page(t, header, rows, dpi=100, seed=2, degrade=Degradation(uneven_light=0.5))

    def paper_spread(img):
        tiles = [
            img[y : y + 100, x : x + 100]
            for y in range(0, img.shape[0] - 100, 100)
            for x in range(0, img.shape[1] - 100, 100)
        ]
        return float(np.std([np.percentile(t, 90) for t in tiles]))

    # WHEN prepared  THEN the paper is about equally bright everywhere
    assert paper_spread(shaded.image) > 15
    assert paper_spread(prepare(shaded.image).gray) < 4


def test_noisy_page_is_smoothed_but_not_binarised():
    _, page = _page("heavy", skew=0.0)
    p = prepare(page.image)
    paper = p.gray[p.gray > 200]
    assert paper.std() < page.image[page.image > 200].std()
    assert len(np.unique(p.gray)) > 20


def test_boxes_map_back_to_the_original_image():
    # GIVEN a turned page, prepared and laid out
    t, page = _page("clean", skew=2.0)
    p = prepare(page.image)
    layout = find_table(p.gray, t)
    # WHEN a cell is mapped back to the original
    for key in [(0, "khewat_no"), (5, "remarks"), (3, "owner")]:
        x, y, w, h = to_original(layout.cell(*key), p)
        gx, gy, gw, gh = page.boxes[key]
        # THEN it surrounds the cell as drawn on the turned page
        assert abs((x + w / 2) - (gx + gw / 2)) <= 3 and abs((y + h / 2) - (gy + gh / 2)) <= 3
        assert w >= gw - 2 and h >= gh - 2


def test_max_side_scales_down_and_records_it():
    _, page = _page()
    p = prepare(page.image, max_side=800)
    assert max(p.gray.shape) == 800 and p.scale == pytest.approx(800 / 1654, rel=0.01)
    box = to_original((100, 100, 50, 20), p)
    assert box[0] == pytest.approx(100 / p.scale, abs=2) and box[2] == pytest.approx(
        50 / p.scale, abs=3
    )


def test_empty_image_is_refused():
    with pytest.raises(ValueError, match="empty"):
        prepare(np.zeros((0, 0), np.uint8))


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (40, 200), (100, 100)])
def test_tiny_images_do_not_break_prepare_or_layout(shape):
    from ocr.layout import find_table

    img = np.full(shape, 255, np.uint8)
    img[shape[0] // 2 :, : shape[1] // 2] = 0
    p = prepare(img)
    layout = find_table(p.gray, builtin("jamabandi"))
    assert layout.method == "zones"
    assert all(v >= 0 for v in layout.cell(0, 0)[2:])
