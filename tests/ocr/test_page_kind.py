"""A page imported into the wrong register is recognised by its column headings."""

from __future__ import annotations

import random

import pytest

from ocr.page_kind import heading_score, looks_like
from records.templates import builtin


def _labels(kind: str) -> list[str]:
    return [c.label_ur for c in builtin(kind).columns]


def test_headings_of_another_kind_say_which_kind_the_page_is():
    # GIVEN the headings of a khasra girdawari page, a few letters misread
    headings = _labels("girdawari")
    headings[0] = headings[0][:-1]
    # WHEN they are compared with a jamabandi register's kind  THEN the page looks like a girdawari
    assert looks_like(headings, builtin("jamabandi")) == "girdawari"
    assert looks_like(headings, builtin("intiqal")) == "girdawari"
    # AND against its own kind nothing is said
    assert looks_like(headings, builtin("girdawari")) is None
    assert heading_score(headings, builtin("girdawari")) > 0.9 > 0.6 > heading_score(headings, builtin("jamabandi"))


def test_headings_too_faint_to_read_say_nothing():
    # GIVEN headings of which almost nothing was read (a torn or blank heading row)
    # THEN no kind is claimed, whatever the register
    assert looks_like(["", "نم", "", "ر"], builtin("jamabandi")) is None
    assert looks_like([], builtin("girdawari")) is None


@pytest.fixture(scope="module")
def girdawari_page():
    from ocr.synth import random_register, render_page

    tpl = builtin("girdawari")
    header, rows = random_register(tpl, 3, random.Random(5))
    return render_page(tpl, header, rows, font="naskh", seed=5).image


@pytest.mark.parametrize("register, said", [("jamabandi", "girdawari"), ("intiqal", "girdawari"), ("girdawari", None)])
def test_a_girdawari_page_read_for_another_register_says_so(girdawari_page, register, said):
    from ocr.pipeline import read_image

    # GIVEN a khasra girdawari page  WHEN it is read for a register of each kind
    page = read_image(girdawari_page, register, number_reader="tesseract")
    # THEN the reading says what the page looks like where that is not the register's kind
    assert page.error is None and page.looks_like == said
    assert page.as_dict()["looks_like"] == said
