"""The page generator: consistent values, truth in the pages format, boxes on the ink."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from fractions import Fraction

import cv2
import numpy as np
import pytest

from ocr.synth import Degradation, SynthError, render_page, write_lines, write_pages
from ocr.synth_data import random_register
from records.fields import check_value
from records.templates import BUILTIN, builtin
from records.text import URDU_DIGITS, normalise


@pytest.mark.parametrize("name", BUILTIN)
def test_random_register_values_pass_the_field_validators(name):
    # GIVEN a built-in template
    t = builtin(name)
    # WHEN a register is generated, with Latin and with Urdu digits
    for urdu in (False, True):
        header, rows = random_register(t, 40, random.Random(11), urdu_digits=urdu)
        # THEN every value is one the records core accepts
        for spec in t.header:
            assert check_value(spec, header[spec.name]) is None, (spec.name, header[spec.name])
        for row in rows:
            assert list(row) == list(t.column_names)
            for spec in t.columns:
                assert check_value(spec, row[spec.name]) is None, (spec.name, row[spec.name])


def test_jamabandi_shares_of_a_khewat_sum_to_one_and_owners_read_like_a_register():
    # GIVEN / WHEN a long jamabandi
    _, rows = random_register(builtin("jamabandi"), 60, random.Random(3))
    # THEN the shares of each khewat add up to exactly 1
    total: dict[str, Fraction] = defaultdict(Fraction)
    for r in rows:
        total[r["khewat_no"]] += Fraction(r["share"])
    assert total and all(v == 1 for v in total.values()), total
    # AND owners carry relation, qoam and residence
    assert all(" قوم " in r["owner"] and " سکنہ " in r["owner"] for r in rows)
    assert all(
        any(f" {rel} " in r["owner"] for rel in ("ولد", "دختر", "زوجہ", "بیوہ")) for r in rows
    )


def test_random_register_is_seeded():
    t = builtin("girdawari")
    assert random_register(t, 5, random.Random(1)) == random_register(t, 5, random.Random(1))
    assert random_register(t, 5, random.Random(1)) != random_register(t, 5, random.Random(2))


def _ink(image, box):
    x, y, w, h = box
    return int((image[y : y + h, x : x + w] < 128).sum())


@pytest.mark.parametrize("font", ["naskh", "nastaliq"])
def test_render_page_truth_and_boxes(font):
    # GIVEN a jamabandi register of 6 rows with Urdu digits
    t = builtin("jamabandi")
    header, rows = random_register(t, 6, random.Random(5), urdu_digits=True)
    # WHEN it is drawn at a small resolution
    page = render_page(t, header, rows, font=font, urdu_digits=True, dpi=100)
    # THEN the truth is the pages format, with the digits drawn
    assert set(page.truth) == {"template", "header", "rows"}
    assert page.truth["template"] == "jamabandi"
    assert page.truth["rows"] == rows and page.truth["header"] == header
    assert any(ch in URDU_DIGITS for ch in page.truth["rows"][0]["khewat_no"])
    json.dumps(page.truth, ensure_ascii=False)
    # AND the image is a gray A3 landscape page
    assert page.image.dtype == np.uint8 and page.image.ndim == 2
    assert page.image.shape == (1169, 1654)
    # AND every value has a box inside the page holding ink, empty values none
    assert len(page.boxes) == len(t.header) + 6 * len(t.columns)
    for (r, name), box in page.boxes.items():
        x, y, w, h = box
        assert 0 <= x and 0 <= y and x + w <= 1654 and y + h <= 1169 and w > 5 and h > 5
        value = header[name] if r is None else rows[r][name]
        if value:
            assert _ink(page.image, box) > 3, (r, name, value)
        else:
            assert _ink(page.image, box) == 0, (r, name)
    # AND column 1 is the rightmost
    assert page.boxes[(0, "khewat_no")][0] > page.boxes[(0, "remarks")][0]


def test_render_page_is_deterministic_and_degradations_change_it():
    t = builtin("intiqal")
    header, rows = random_register(t, 4, random.Random(2))
    a = render_page(t, header, rows, dpi=72, seed=4, degrade=Degradation.level("moderate"))
    b = render_page(t, header, rows, dpi=72, seed=4, degrade=Degradation.level("moderate"))
    clean = render_page(t, header, rows, dpi=72, seed=4)
    assert np.array_equal(a.image, b.image)
    assert not np.array_equal(a.image, clean.image)
    # skew moves boxes with the page
    skewed = render_page(t, header, rows, dpi=72, degrade=Degradation(skew_deg=3.0))
    assert skewed.boxes[(0, "mutation_no")] != clean.boxes[(0, "mutation_no")]


def test_too_many_rows_and_unknown_font_are_refused():
    t = builtin("intiqal")
    header, rows = random_register(t, 11, random.Random(2))
    with pytest.raises(SynthError, match="do not fit"):
        render_page(t, header, rows, dpi=72)
    with pytest.raises(SynthError, match="unknown font"):
        render_page(t, header, rows[:2], dpi=72, font="comic")
    with pytest.raises(ValueError, match="unknown degradation level"):
        Degradation.level("ruined")


def test_write_pages_and_lines(tmp_path):
    # WHEN a small page set and a line set are written
    pngs = write_pages(
        tmp_path / "pages",
        builtin("girdawari"),
        2,
        seed=1,
        levels=("clean", "light"),
        dpi=72,
        rows=3,
    )
    gt = write_lines(
        tmp_path / "lines", 12, seed=1, kinds=("text-ur", "area", "khasra-list"), dpi=72
    )
    # THEN each page has its JSON truth
    assert len(pngs) == 2
    for png in pngs:
        truth = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
        assert truth["template"] == "girdawari" and len(truth["rows"]) == 3
        assert cv2.imread(str(png), cv2.IMREAD_GRAYSCALE) is not None
    # AND gt.tsv names existing crops with text, lang and kind, kinds balanced
    lines = gt.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12
    kinds = defaultdict(int)
    for line in lines:
        image, text, lang, kind = line.split("\t")
        assert (gt.parent / image).is_file() and normalise(text) and lang in ("urd", "eng")
        kinds[kind] += 1
    assert dict(kinds) == {"text-ur": 4, "area": 4, "khasra-list": 4}


def test_command_line_writes_pages(tmp_path, capsys):
    from ocr.synth import main

    # WHEN the generator is run as `python -m ocr.synth pages ...`
    code = main(
        [
            "pages",
            str(tmp_path),
            "--template",
            "intiqal",
            "-n",
            "1",
            "--rows",
            "2",
            "--dpi",
            "72",
            "--digits",
            "urdu",
        ]
    )
    # THEN it reports and writes one page pair with Urdu digits in the truth
    assert code == 0 and "wrote 1 pages" in capsys.readouterr().out
    (js,) = tmp_path.glob("*.json")
    truth = json.loads(js.read_text(encoding="utf-8"))
    assert any(ch in URDU_DIGITS for ch in truth["rows"][0]["mutation_no"])
    assert js.with_suffix(".png").is_file()
