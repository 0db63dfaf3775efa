"""OCR test fixtures: small generated pages (a few rows) rendered once per session."""

from __future__ import annotations

import random

import pytest


@pytest.fixture(scope="session")
def jamabandi():
    from records.templates import builtin

    return builtin("jamabandi")


@pytest.fixture(scope="session")
def small_page(jamabandi):
    """A clean Naskh jamabandi page with 4 rows: (SynthPage, header, rows)."""
    from ocr.synth import random_register, render_page

    header, rows = random_register(jamabandi, 4, random.Random(11))
    page = render_page(jamabandi, header, rows, font="naskh", seed=11)
    return page, header, rows


@pytest.fixture(scope="session")
def small_page_reading(small_page, jamabandi):
    """The pipeline's reading of `small_page` (read once per session)."""
    from ocr.pipeline import read_image

    return read_image(
        small_page[0].image, jamabandi, source="small.png", layout="zones", number_reader="tesseract"
    )
