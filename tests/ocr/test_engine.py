"""ocr.engine: Tesseract back ends behind one protocol, install checks, clear errors."""

from __future__ import annotations

import ctypes.util

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import resources
from ocr import engine as eng
from records.text import normalise


def _line(text: str, *, urdu: bool = True, px: int = 40, size=(520, 80)) -> np.ndarray:
    im = Image.new("L", size, 255)
    d = ImageDraw.Draw(im)
    name = resources.URDU_NASKH if urdu else resources.LATIN_FALLBACK
    f = ImageFont.truetype(str(resources.font_path(name)), px)
    kw = {"direction": "rtl"} if urdu else {}
    d.text((size[0] - 20, size[1] // 2), text, font=f, fill=0, anchor="rm", **kw)
    return np.array(im)


ENGINES = ["tesserocr", "pytesseract"] + (["capi"] if ctypes.util.find_library("tesseract") else [])


def _make(name: str):
    return {"tesserocr": eng.TesserocrEngine, "pytesseract": eng.PytesseractEngine,
            "capi": eng.CApiEngine}[name]()


@pytest.mark.parametrize("name", ENGINES)
def test_every_back_end_reads_an_urdu_line_in_reading_order(name):
    # GIVEN a printed Urdu name
    img = _line("محمد اسلم ولد غلام رسول")
    # WHEN a back end reads it
    words = _make(name).words(img, "urd", eng.PSM_BLOCK)
    # THEN the words come in logical (reading) order with confidences and boxes in the image
    assert normalise(" ".join(w.text for w in words)) == normalise("محمد اسلم ولد غلام رسول")
    for w in words:
        assert 0 <= w.conf <= 100
        x, y, bw, bh = w.box
        assert 0 <= x and x + bw <= img.shape[1] and 0 <= y and y + bh <= img.shape[0]


def test_short_urdu_lines_are_not_dropped_as_noise():
    # GIVEN one short word on a wide, tall line (Tesseract 5.5 returned nothing for these
    # until textord_noise_rejrows was turned off)
    img = _line("سیلابی", px=30, size=(528, 44))
    # WHEN tesserocr reads it
    words = eng.TesserocrEngine().words(img, "urd", eng.PSM_LINE)
    # THEN the word is there
    assert normalise("".join(w.text for w in words)) == normalise("سیلابی")


def test_digit_whitelist_and_symbols():
    # GIVEN a Latin number
    img = _line("2024", urdu=False, px=36, size=(200, 70))
    # WHEN read character by character with a digit whitelist
    syms = eng.get_engine().symbols(img, "eng", eng.PSM_LINE, whitelist="0123456789 ")
    # THEN every character is a digit, in order, each with its own box
    assert "".join(s.text for s in syms) == "2024"
    xs = [s.box[0] for s in syms]
    assert xs == sorted(xs)


def test_the_engine_is_cached_per_process():
    # GIVEN/WHEN the engine is asked for twice
    # THEN the same object (models stay loaded) is returned
    assert eng.get_engine() is eng.get_engine()
    assert eng.is_installed()


def test_missing_language_data_gives_an_install_hint(tmp_path):
    # GIVEN a tessdata folder without the Urdu model
    e = eng.TesserocrEngine(datapath=str(tmp_path))
    # WHEN Urdu is asked for
    with pytest.raises(eng.EngineError) as err:
        e.words(_line("نہری"), "urd")
    # THEN the message names the language, the folder and what to install
    msg = str(err.value)
    assert "urd" in msg and str(tmp_path) in msg and "tesseract-ocr-urd" in msg


def test_install_problem_names_what_to_install(monkeypatch):
    # GIVEN a machine without Tesseract's Urdu data
    def missing():
        raise FileNotFoundError("Tesseract's Urdu data (urd.traineddata) was not found in /nowhere.")

    monkeypatch.setattr(eng.resources, "tessdata_dir", missing)
    # WHEN asking whether OCR can run
    problem = eng.install_problem()
    # THEN it cannot, and the answer says how to install it
    assert problem and "urd.traineddata" in problem and "apt-get install" in problem
    assert not eng.is_installed()


def test_parse_tsv_keeps_only_words():
    # GIVEN Tesseract TSV with page/line rows and a blank word
    tsv = (
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t5\t30\t20\t91.5\tابc\n"
        "5\t1\t1\t1\t1\t2\t50\t5\t30\t20\t12.0\t \n"
    )
    # WHEN parsed
    words = eng.parse_tsv(tsv)
    # THEN only the real word is kept, with its box and confidence
    assert words == [eng.Word("ابc", 91.5, (10, 5, 30, 20))]
