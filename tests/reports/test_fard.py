"""Fard PDF: Urdu text in logical order, totals from the records core, gaps, hash, watermark."""

from __future__ import annotations

import hashlib
import re
from fractions import Fraction

import pytest

from records import services
from records.reports import fard
from records.reports.layout import ReportError, ReportOptions, canonical_json
from records.units import Area
from tests.reports import sampledata
from tests.reports.pdfcheck import (
    extracted_text,
    glyph_x,
    ink_share,
    loose,
    pdfium_text,
    rendered_pages,
)


@pytest.fixture
def sample(workspace):
    return sampledata.build(workspace)


def test_fard_totals_equal_records_core_arithmetic(workspace, sample):
    # GIVEN khewat 47 with areas 12-5 and 8-17-3, shares 3/8 and 5/8, and a row without area
    # WHEN the fard is built
    with workspace.session() as s:
        data = fard.build_fard(s, register_id=sample.register_id, khewat="۴۷")
    # THEN the totals are the exact sums of the records core
    assert len(data.rows) == 3
    assert data.total_area == Area.parse("12-5") + Area.parse("8-17-3") == Area.parse("21-2-3")
    assert data.total_share == Fraction(3, 8) + Fraction(5, 8) == 1
    assert data.is_draft


def test_fard_pdf_text_totals_gaps_and_hash(workspace, sample, tmp_path):
    # GIVEN a fard of khewat 47 printed with Latin digits
    out = tmp_path / "fard.pdf"
    with workspace.session() as s:
        data = fard.build_fard(s, register_id=sample.register_id, khewat="47")
    fard.render_fard(data, out, ReportOptions(urdu_digits=False))
    # WHEN the text is extracted
    text = loose(extracted_text(out))
    # THEN Urdu comes out in logical order (the extractor reorders the visual glyph runs;
    # where it puts neutral marks like ':' is its guess, so they are left out)
    for phrase in (sampledata.OWNER_1, sampledata.OWNER_2, "نقل جمع بندی", "موضع چک نمبر", "دستخط پٹواری",
                   "میزان", "نامعلوم"):
        assert phrase in text, phrase
    # AND the totals printed are the core's (21-2-3 and 1/1)
    assert "کل رقبہ 21-2-3" in text
    assert "1/1" in text
    # AND the row with missing fields is printed with its gaps marked
    assert text.count("—") >= 8
    # AND the record hash is printed and is sha256 of the canonical rows
    expected = hashlib.sha256(canonical_json(fard.record_payload(data.register, data.template, data.rows))).hexdigest()
    assert data.record_hash == expected
    flat = text.replace("\n", "")
    assert expected[:32] in flat and expected[32:] in flat


def test_fard_urdu_digits_numbers_read_left_to_right(workspace, sample, tmp_path):
    # GIVEN a fard printed with Urdu digits
    out = tmp_path / "fard-ur.pdf"
    fard.fard_pdf(workspace, out, register_id=sample.register_id, khewat="47")
    # WHEN we look at where the glyphs of the area 8-17-3 are on the page
    chars = glyph_x(out)
    text = "".join(c for c, _ in chars)
    # THEN the digits are Urdu, and the run ۸-۱۷-۳ is drawn left to right (8 leftmost), not 3-17-8
    i = text.index("۸-۱۷-۳")
    xs = [x for _, x in chars[i:i + 6]]
    assert xs == sorted(xs)
    # AND 125/5 is drawn with 1 left of the slash and 5 to its right, not 5/521
    j = text.index("۱۲۵/۵")
    assert chars[j][1] < chars[j + 3][1] < chars[j + 4][1]
    # (the footer's document id is hex and may hold the digits 125 by chance: not a number)
    assert "125" not in re.sub(r"\b[0-9a-f]{12,}\b", "", text)


def test_fard_pages_render_with_ink_and_draft_watermark(workspace, sample, tmp_path):
    # GIVEN a draft fard
    out = fard.fard_pdf(workspace, tmp_path / "draft.pdf", register_id=sample.register_id, khewat="47")
    # WHEN rendered
    pages = rendered_pages(out, tmp_path)
    # THEN the page is not blank, the missing values are shaded cells, and it carries the watermark
    assert pages and ink_share(pages[0]) > 0.01
    import numpy as np
    from PIL import Image

    px = np.asarray(Image.open(pages[0]).convert("RGB")).astype(int)
    shaded = (abs(px[..., 0] - 0xFF) < 6) & (abs(px[..., 1] - 0xF3) < 6) & (abs(px[..., 2] - 0xC4) < 8)
    assert shaded.sum() > 2000
    text = pdfium_text(out)
    assert "DRAFT" in text and "مسودہ" in text


def test_approved_fard_has_no_watermark(workspace, tmp_path):
    # GIVEN khewat 48 approved by a supervisor
    sample = sampledata.build(workspace, approve=True, gap_row=False)
    # WHEN its fard is printed
    with workspace.session() as s:
        data = fard.build_fard(s, register_id=sample.register_id, khewat="48")
    out = fard.render_fard(data, tmp_path / "ok.pdf")
    # THEN it is not a draft and shows its state, not the watermark
    assert not data.is_draft
    assert "DRAFT" not in pdfium_text(out)
    assert "منظور شدہ" in extracted_text(out)


def test_fard_by_owner_and_hash_changes_with_a_value(workspace, sample):
    # GIVEN a fard for an owner
    with workspace.session() as s:
        before = fard.build_fard(s, register_id=sample.register_id, owner="بشیراں بی بی")
        # WHEN a value of that row changes
        services.set_value(s, actor=sample.clerk, entry_id=sample.entry_ids["second"], field_name="area", text="8-17-4")
    with workspace.session() as s:
        after = fard.build_fard(s, register_id=sample.register_id, owner="بشیراں بی بی")
    # THEN it holds that owner's one row, and its hash changed
    assert [r.entry_id for r in before.rows] == [sample.entry_ids["second"]]
    assert before.record_hash != after.record_hash


def test_fard_for_unknown_khewat_says_so(workspace, sample):
    # GIVEN a register without khewat 999
    # WHEN a fard of it is asked for
    # THEN the error names the register and the khewat
    with workspace.session() as s, pytest.raises(ReportError, match="no rows for khewat 999") as err:
        fard.build_fard(s, register_id=sample.register_id, khewat="999")
    # AND the register as clerks know it: its mauza, year and volume, not the database's id,
    #     the year kept left to right beside the Urdu mauza (bidi showed 2019-20 as 20-2019)
    assert str(err.value) == ("the register of mauza چک نمبر 12, year \u20662019-20\u2069, volume 1 "
                              "has no rows for khewat 999")
    with workspace.session() as s, pytest.raises(ReportError, match="khewat number or an owner"):
        fard.build_fard(s, register_id=sample.register_id)


def test_owner_fard_across_khewats_sums_area_but_not_shares(workspace, sample):
    # GIVEN an owner name part that matches rows of khewat 47 and 48 ("محمد")
    # WHEN the owner's fard is built
    with workspace.session() as s:
        data = fard.build_fard(s, register_id=sample.register_id, owner="محمد")
    # THEN the area is summed but shares (parts of one khewat each) are not added up
    assert {r.text("khewat_no") for r in data.rows} == {"47", "48"}
    assert data.total_area == Area.parse("12-5") + Area.parse("4-0")
    assert data.total_share is None


def test_long_fard_repeats_header_and_watermark_on_every_page(workspace, sample, tmp_path):
    # GIVEN khewat 47 with 45 more draft rows (the fard runs over several pages)
    with workspace.session() as s:
        for i in range(45):
            services.add_entry(s, actor=sample.clerk, register_id=sample.register_id, values={
                "khewat_no": "47", "khatooni_no": str(200 + i), "owner": f"مالک نمبر {i + 1}", "share": "1/100",
                "khasra_nos": f"{300 + i}", "area": "0-5"})
    # WHEN it is printed
    out = fard.fard_pdf(workspace, tmp_path / "long.pdf", register_id=sample.register_id, khewat="47")
    # THEN every page has ink and the watermark, and the table pages repeat the column headings
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(out))
    texts = [p.get_textpage().get_text_range() for p in doc]
    doc.close()
    assert len(texts) >= 2
    for t in texts:
        assert "DRAFT" in t
    pages = rendered_pages(out, tmp_path)
    assert len(pages) == len(texts) and all(ink_share(p) > 0.003 for p in pages)
    text = loose(extracted_text(out))
    assert text.count("نام مالک مع ولدیت") >= 2  # headings repeated on each page of the table
    assert "مالک نمبر 45" in text


def test_office_settings_choose_digits_and_name_the_office(workspace, sample, tmp_path):
    from records.models import Office
    from records.reports.layout import office_options

    # GIVEN an office that prefers Latin digits and has a name
    with workspace.session() as s:
        s.add(Office(name="Patwar Khana", settings={"display.urdu_digits": False, "office.name": "Patwar Khana Bhalwal"}))
    # WHEN report options are taken from the office (and once overridden)
    with workspace.session() as s:
        opts = office_options(s)
        forced = office_options(s, urdu_digits=True)
    out = fard.fard_pdf(workspace, tmp_path / "o.pdf", register_id=sample.register_id, khewat="47", options=opts)
    # THEN the fard prints Latin digits and the office name; an explicit choice wins
    assert not opts.urdu_digits and forced.urdu_digits
    text = extracted_text(out)
    assert "Patwar Khana Bhalwal" in text
    glyphs = "".join(c for c, _ in glyph_x(out))
    assert "12-5" in glyphs and not any(d in glyphs for d in "۰۱۲۳۴۵۶۷۸۹")


def test_a_fard_whose_shares_do_not_add_up_to_the_whole_says_so(workspace, sample, tmp_path):
    # GIVEN khewat 47 whose second owner's row was entered twice (shares 3/8 + 5/8 + 5/8)
    with workspace.session() as s:
        services.add_entry(s, actor=sample.clerk, register_id=sample.register_id, page_id=sample.page_id,
                           values={"khewat_no": "47", "owner": sampledata.OWNER_2, "share": "5/8", "area": "8-17-3"})
        data = fard.build_fard(s, register_id=sample.register_id, khewat="47")
    assert data.total_share == Fraction(13, 8) and fard.shares_wrong(data)
    # WHEN its fard is printed
    out = tmp_path / "fard.pdf"
    fard.render_fard(data, out, ReportOptions(urdu_digits=False))
    # THEN the sheet says the shares add up to 13/8, not the whole, and to check the register
    text = loose(extracted_text(out))
    assert "انتباہ" in text and "13/8" in text and "رجسٹر کی پڑتال کریں" in text
    # AND a khewat whose shares make the whole has no such line
    with workspace.session() as s:
        whole = fard.build_fard(s, register_id=sample.register_id, khewat="48")
    fard.render_fard(whole, tmp_path / "48.pdf", ReportOptions(urdu_digits=False))
    assert not fard.shares_wrong(whole) and "انتباہ" not in loose(extracted_text(tmp_path / "48.pdf"))
