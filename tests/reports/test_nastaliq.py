"""Reports printed in Nastaliq: letters where HarfBuzz puts them, ink inside its cells, the
office's choice of font (print.urdu_font) and the command line's."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfgen.canvas import Canvas

import resources
from records import accounts, office_settings
from records.reports import fard
from records.reports import urdu_text as ut
from records.reports.handover import handover_pdf
from records.reports.layout import office_options
from tests.reports import sampledata

SIZE, SCALE = 20, 3  # points, and pixels per point of the rendered page (216 dpi)
# Words ending in ے, whose letters reportlab's own text rise drew out of place, and others.
WORDS = ("کروائے", "بالائے", "پکارتے", "اسلحے", "اکیلے", "اٹھتے", "کھتے", "محمد", "رسول", "تقسیم", "کیفیت")


def _pdf_pixels(pdf, tmp_path) -> np.ndarray:
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(72 * SCALE), "-gray", "-singlefile", str(pdf), str(prefix)], check=True)
    return np.asarray(Image.open(f"{prefix}.pgm")) < 128


def _difference(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the ink in either image that the other lacks, at the best shift of a few
    pixels (the two rasterisers round positions differently)."""
    best = 1.0
    for dy in range(-3, 4):
        for dx in range(-3, 4):
            c = np.roll(np.roll(b, dy, 0), dx, 1)
            best = min(best, float((a ^ c).sum() / max((a | c).sum(), 1)))
    return best


def test_nastaliq_letters_print_where_harfbuzz_places_them(tmp_path):
    # GIVEN Nastaliq words drawn by the reports' draw_line, one per line, into a PDF
    ut.register_fonts()
    pitch, width = 48, 300
    height = pitch * (len(WORDS) + 1)
    pdf = tmp_path / "words.pdf"
    c = Canvas(str(pdf), pagesize=(width, height))
    for i, word in enumerate(WORDS, 1):
        ut.draw_line(c, width - 20, height - pitch * i, word, font=ut.NASTALIQ, size=SIZE, rtl=True)
    c.save()
    # AND the same words set by HarfBuzz through Pillow's libraqm, at the same place
    font = ImageFont.truetype(str(resources.font_path(resources.URDU_NASTALIQ)), SIZE * SCALE,
                              layout_engine=ImageFont.Layout.RAQM)
    ref = Image.new("L", (width * SCALE, height * SCALE), 255)
    draw = ImageDraw.Draw(ref)
    for i, word in enumerate(WORDS, 1):
        draw.text(((width - 20) * SCALE, pitch * i * SCALE), word, font=font, fill=0, anchor="rs", direction="rtl")
    # WHEN the PDF is rendered and each line compared
    page, want = _pdf_pixels(pdf, tmp_path), np.asarray(ref) < 128
    diffs = {}
    for i, word in enumerate(WORDS, 1):
        rows = slice((pitch * i - 32) * SCALE, (pitch * i + 16) * SCALE)
        diffs[word] = _difference(page[rows], want[rows])
    # THEN every word has the same shape (the rasterisers' anti-aliasing differs by up to a
    # quarter of the ink; a letter out of place, as reportlab's rise drew them, by half)
    assert page.sum() > 0.5 * want.sum()
    assert max(diffs.values()) < 0.33, diffs


@pytest.mark.parametrize("font", [ut.NASTALIQ, ut.NASKH])
def test_a_paragraph_keeps_its_ink_inside_its_box(tmp_path, font):
    # GIVEN a paragraph of words that climb high and sweep right (کیفیت, تقسیم), wrapped
    # into a narrow box as in a table cell
    ut.register_fonts()
    p = ut.UrduParagraph("کیفیت تقسیم شدہ مستقیم ڈگری دیوانی ضلع گجرات", font=font, size=SIZE)
    x0, y0 = 40, 40
    w, h = p.wrap(160, 1000)
    pdf = tmp_path / "para.pdf"
    c = Canvas(str(pdf), pagesize=(w + 2 * x0, h + 2 * y0))
    p.drawOn(c, x0, y0)
    c.save()
    # WHEN it is rendered
    ink = _pdf_pixels(pdf, tmp_path)
    rows, cols = np.nonzero(ink)
    # THEN it took more than one line, and no ink is outside its box (a pixel of rounding)
    assert len(p._lines) >= 2
    top, bottom = y0 * SCALE - 1, (y0 + h) * SCALE + 1
    left, right = x0 * SCALE - 1, (x0 + w) * SCALE + 1
    assert rows.min() >= top and rows.max() <= bottom, (rows.min(), rows.max(), top, bottom)
    assert cols.min() >= left and cols.max() <= right, (cols.min(), cols.max(), left, right)


def _fonts(pdf) -> str:
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout


def test_the_office_prints_in_nastaliq_when_it_chooses_so(workspace, tmp_path):
    # GIVEN a register and an office that has not chosen a print font
    sample = sampledata.build(workspace)
    with workspace.session() as s:
        data = fard.build_fard(s, register_id=sample.register_id, khewat="47")
        default = office_options(s)
    # WHEN a fard is printed  THEN its Urdu is Naskh (copyable word by word)
    fard.render_fard(data, tmp_path / "naskh.pdf", default)
    assert not default.nastaliq
    assert "NotoNaskhArabic" in _fonts(tmp_path / "naskh.pdf") and "Nastaliq" not in _fonts(tmp_path / "naskh.pdf")
    # WHEN the administrator chooses Nastaliq for print
    with workspace.session() as s:
        admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin")
        office_settings.change(s, actor=admin.actor(), values={"print.urdu_font": "Noto Nastaliq Urdu"})
    with workspace.session() as s:
        chosen = office_options(s)
        overridden = office_options(s, nastaliq=False)
    fard.render_fard(data, tmp_path / "nastaliq.pdf", chosen)
    # THEN the fard's Urdu, headings too, is Nastaliq, and an explicit choice still wins
    fonts = _fonts(tmp_path / "nastaliq.pdf")
    assert chosen.nastaliq and "NotoNastaliqUrdu" in fonts and "NotoNaskh" not in fonts
    assert not overridden.nastaliq
    # AND the handover sheet (printed upright whatever the options say) keeps the choice
    handover_pdf(workspace, tmp_path / "handover.pdf", entry_ids=list(sample.entry_ids.values()), options=chosen)
    assert "NotoNastaliqUrdu" in _fonts(tmp_path / "handover.pdf")
