"""Reports printed in Nastaliq: letters where HarfBuzz puts them, ink inside its cells, words
copied out whole, text after a Nastaliq word drawn as usual, the office's choice of font
(print.urdu_font) and the command line's."""

from __future__ import annotations

import subprocess
from dataclasses import replace

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
from tests.reports.pdfcheck import extracted_text, loose

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


def _fard_in_naskh(workspace, tmp_path):
    """The sample register's fard of khewat 47 printed with the office's options (Naskh unless
    chosen) to tmp_path/naskh.pdf: (sample, fard data, those options)."""
    sample = sampledata.build(workspace)
    with workspace.session() as s:
        data = fard.build_fard(s, register_id=sample.register_id, khewat="47")
        opts = office_options(s)
    fard.render_fard(data, tmp_path / "naskh.pdf", opts)
    return sample, data, opts


def test_the_office_prints_in_nastaliq_when_it_chooses_so(workspace, tmp_path):
    # GIVEN a register and an office that has not chosen a print font
    # WHEN a fard is printed  THEN its Urdu is Naskh (copyable word by word)
    sample, data, default = _fard_in_naskh(workspace, tmp_path)
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
    # THEN the fard's Urdu words, headings too, are Nastaliq glyphs drawn as HarfBuzz set
    # them (outlines), and an explicit choice still wins
    assert chosen.nastaliq and not overridden.nastaliq
    assert _nastaliq_words(tmp_path / "nastaliq.pdf") > 30 and _nastaliq_words(tmp_path / "naskh.pdf") == 0
    # AND its text still comes out word by word, in order, for copying and searching
    assert "محمد اسلم ولد غلام رسول" in loose(extracted_text(tmp_path / "nastaliq.pdf"))
    # AND the handover sheet (printed upright whatever the options say) keeps the choice
    handover_pdf(workspace, tmp_path / "handover.pdf", entry_ids=list(sample.entry_ids.values()), options=chosen)
    assert _nastaliq_words(tmp_path / "handover.pdf") > 10


def _nastaliq_words(pdf) -> int:
    """How many Nastaliq glyph shapes the PDF draws (each a form of its own)."""
    import re

    return len(set(re.findall(rb"FormXob\.DaftarG\d+", pdf.read_bytes())))


def test_a_nastaliq_fard_copies_out_the_same_words_as_a_naskh_one(workspace, tmp_path):
    # GIVEN the same fard printed in Naskh and in Nastaliq
    _sample, data, opts = _fard_in_naskh(workspace, tmp_path)
    fard.render_fard(data, tmp_path / "nastaliq.pdf", replace(opts, nastaliq=True))
    # WHEN their text is extracted (copy, search, pdftotext)
    naskh = loose(extracted_text(tmp_path / "naskh.pdf")).split()
    nastaliq = loose(extracted_text(tmp_path / "nastaliq.pdf")).split()
    # THEN every word of the Naskh copy is in the Nastaliq one: Urdu words whole, numbers whole
    assert {w for w in naskh if len(w) > 1} <= set(nastaliq)


def test_a_nastaliq_fard_stays_small(workspace, tmp_path):
    # GIVEN the same one-page fard printed in Naskh and in Nastaliq (a hundred glyph outlines)
    _sample, data, opts = _fard_in_naskh(workspace, tmp_path)
    fard.render_fard(data, tmp_path / "nastaliq.pdf", replace(opts, nastaliq=True))
    naskh, nastaliq = (tmp_path / "naskh.pdf").stat().st_size, (tmp_path / "nastaliq.pdf").stat().st_size
    # THEN its outlines are written compactly: under 2.5 times the Naskh file (2.9 times when
    # each outline carried decimals, ASCII85 and a font resource), every outline still a form
    assert _nastaliq_words(tmp_path / "nastaliq.pdf") > 30
    assert nastaliq < 2.5 * naskh, (nastaliq, naskh)


def test_text_after_a_nastaliq_word_is_drawn_as_usual(tmp_path):
    # GIVEN a Nastaliq line whose area follows its words, and the same line in Naskh
    ut.register_fonts()
    pdf = tmp_path / "line.pdf"
    c = Canvas(str(pdf), pagesize=(300, 120))
    ut.draw_line(c, 280, 80, "کل رقبہ: 68-3 کنال", font=ut.NASTALIQ, size=14)
    ut.draw_line(c, 280, 30, "کل رقبہ: 68-3 کنال", font=ut.NASKH, size=14)
    c.save()
    # WHEN the words' boxes are read
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    import re

    boxes = [(float(a), float(b), float(y)) for a, y, b in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>68-3<', out)]
    # THEN the area is there twice, in the Nastaliq line as wide as its font sets it (not
    # stretched by the invisible text laid over the Nastaliq words)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert len(boxes) == 2
    top = boxes[0] if boxes[0][2] < boxes[1][2] else boxes[1]
    assert abs((top[1] - top[0]) - stringWidth("68-3", ut.LATIN, 14)) < 0.5
    # AND it shows: ink where it stands on the rendered line (not left invisible)
    page = _pdf_pixels(pdf, tmp_path)
    rows = slice(int(top[2] * SCALE), int((top[2] + 14) * SCALE))
    assert page[rows, int(top[0] * SCALE):int(top[1] * SCALE)].sum() > 50
