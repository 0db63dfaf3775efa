"""Register PDF: a whole register in its own layout, every page headed, rows whole, the bad cases."""

from __future__ import annotations

import pytest

from daftar.cli import main
from records import services
from records.reports import register_pdf
from records.reports.layout import ReportError, ReportOptions
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
    return sampledata.build(workspace, approve=True)


def _page_texts(pdf) -> list[str]:
    """Each page's text as pdfium reads it (normalised), one string per page."""
    import unicodedata

    import pypdfium2 as pdfium

    from records.text import normalise

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [" ".join(loose(normalise(unicodedata.normalize("NFKC", p.get_textpage().get_text_range()))).split())
                for p in doc]
    finally:
        doc.close()


def _page_numbers(pdf, page: int) -> str:
    """The digits on the line of "صفحہ … از …" of a page, left to right as drawn: the total
    (at the left end of the right-to-left line), then the page's number."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[page].get_textpage()
        chars = [(tp.get_text_range(i, 1), tp.get_charbox(i)) for i in range(tp.count_chars())]
    finally:
        doc.close()
    text = "".join(c for c, _ in chars)
    at = text.index("صفحہ") if "صفحہ" in text else text.index("ﺻﻔﺤﮧ"[0])
    base = chars[at][1][1]
    line = sorted((box[0], c) for c, box in chars if abs(box[1] - base) < 3 and c.isdigit())
    return "".join(c for _, c in line)


def _long_register(workspace, n: int, *, remarks_words: int = 0) -> int:
    """A jamabandi register of `n` entries: owner "مالک نمبر {i}", remarks of `remarks_words`
    words ending in "اختتام {i}" (a long cell that wraps)."""
    with workspace.session() as s:
        clerk, _sup = sampledata.make_users(s)
        reg = services.create_register(s, actor=clerk, template="jamabandi", district="سرگودھا", tehsil="بھلوال",
                                       mauza="کوٹ مومن", hadbast_no="87", year="2020-21")
        page = services.add_page(s, workspace.images, actor=clerk, register_id=reg, data=sampledata.png_bytes(5))
        filler = " ".join(["انتقال وراثت بحق ورثاء"] * remarks_words)
        for i in range(1, n + 1):
            services.add_entry(s, actor=clerk, register_id=reg, page_id=page.page_id, values={
                "khewat_no": str(i), "owner": f"مالک نمبر {i}", "area": "12-5", "khasra_nos": "125/5",
                "remarks": f"{filler} اختتام {i}".strip()})
        return reg


def test_register_pdf_prints_every_entry_in_the_register_layout(workspace, sample, tmp_path):
    # GIVEN a jamabandi register of four entries (three approved, one draft with gaps)
    out = tmp_path / "register.pdf"
    # WHEN it is printed with Latin digits
    with workspace.session() as s:
        data = register_pdf.build_register(s, register_id=sample.register_id)
    register_pdf.render_register(data, out, ReportOptions(urdu_digits=False))
    text = " ".join(loose(pdfium_text(out)).split())  # (content order: a wrapped cell's lines together)
    # THEN every entry is there, with the title block and the template's column headings
    assert len(data.lines) == 4
    for phrase in (sampledata.OWNER_1, sampledata.OWNER_2, "اللہ دتہ ولد نور محمد", "نامعلوم", "رجسٹر جمع بندی",
                   "ضلع سرگودھا", "تحصیل بھلوال", "موضع چک نمبر", "حدبست نمبر 112", "سال 2019-20",
                   "نمبر کھیوٹ", "نام مالک مع ولدیت", "نمبرات خسرہ", "کیفیت", "نمبر شمار", "حالت"):
        assert phrase in text, phrase
    # AND each entry's state is printed, and the missing values are marked
    assert text.count("منظور شدہ") == 3 and "مسودہ" in text
    assert text.count("—") >= 8
    # AND the page says it is page 1 of 1, and is landscape (12 columns)
    assert "صفحہ 1 از" in text and _page_numbers(out, 0) == "11"
    pages = rendered_pages(out, tmp_path)
    from PIL import Image

    w, h = Image.open(pages[0]).size
    assert w > h and ink_share(pages[0]) > 0.01


def test_register_pdf_numbers_read_left_to_right_in_urdu_digits(workspace, sample, tmp_path):
    # GIVEN the register printed with Urdu digits (the office's setting, as for the fard)
    out = tmp_path / "register-ur.pdf"
    register_pdf.register_pdf(workspace, out, register_id=sample.register_id,
                              options=ReportOptions(urdu_digits=True))
    chars = glyph_x(out)
    text = "".join(c for c, _ in chars)
    # THEN the area 12-5 is drawn 12 left of 5 (not 5-12) and khasra 125/5 as 125 then 5
    for number in ("۱۲-۵", "۱۲۵/۵", "۸-۱۷-۳"):
        i = text.index(number)
        xs = [x for _, x in chars[i:i + len(number)]]
        assert xs == sorted(xs), number
    assert "12-5" not in text  # no Latin digits left


def test_every_page_carries_the_headings_and_rows_are_never_split(workspace, tmp_path):
    # GIVEN a register of 60 entries, each with a long remark that wraps over several lines
    reg = _long_register(workspace, 60, remarks_words=12)
    out = tmp_path / "long.pdf"
    # WHEN it is printed
    register_pdf.register_pdf(workspace, out, register_id=reg, options=ReportOptions(urdu_digits=False))
    pages = _page_texts(out)
    # THEN it takes several pages, each with the title block, the column headings and "page x of y"
    n = len(pages)
    assert n >= 3
    for i, page in enumerate(pages, start=1):
        for heading in ("رجسٹر جمع بندی", "موضع کوٹ مومن", "نمبر کھیوٹ", "نام مالک مع ولدیت", "کیفیت", "نمبر شمار"):
            assert heading in page, (i, heading)
        assert f"صفحہ {i} از" in page, i
        assert _page_numbers(out, i - 1) == f"{n}{i}", i  # drawn "n از i صفحہ": read right to left, page i of n
    # AND every entry is printed whole on exactly one page: its owner and the end of its
    # wrapped remark are on the same page
    for k in range(1, 61):
        where = [i for i, page in enumerate(pages) if f"مالک نمبر {k} " in page + " "]
        assert len(where) == 1, (k, where)
        assert f"اختتام {k}" in pages[where[0]], k


def _small_template() -> dict:
    """An office's own register of four columns (a template file, as `daftar ocr --template` takes)."""
    col = {"kind": "text-ur", "width": 0.25}
    return {"id": "chhota", "version": 1, "title": {"ur": "رجسٹر حقداران آب", "en": "Water rights"},
            "header": [{"name": n, "kind": "text-ur", "label": {"ur": n, "en": n}} for n in ("district", "mauza")],
            "columns": [{**col, "name": f"c{i}", "label": {"ur": f"خانہ {i}", "en": f"Column {i}"}} for i in range(4)]}


def test_a_register_of_few_columns_is_upright_and_its_title_not_doubled(workspace, tmp_path):
    # GIVEN an office's own register of four columns whose title already says "رجسٹر"
    with workspace.session() as s:
        clerk, _sup = sampledata.make_users(s)
        reg = services.create_register(s, actor=clerk, template="", district="سرگودھا", tehsil="بھلوال",
                                       mauza="کوٹ مومن", hadbast_no="87", year="2020-21",
                                       template_json=_small_template())
        services.add_entry(s, actor=clerk, register_id=reg, values={"c0": "نہر", "c3": "باری 12-5"})
    out = tmp_path / "small.pdf"
    # WHEN it is printed
    register_pdf.register_pdf(workspace, out, register_id=reg, options=ReportOptions(urdu_digits=False))
    # THEN the page is upright (the columns fit), and the title reads "رجسٹر حقداران آب" once
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(out))
    w, h = doc[0].get_size()
    doc.close()
    assert w < h
    text = _page_texts(out)[0]
    assert "رجسٹر حقداران آب" in text and "رجسٹر رجسٹر" not in text
    assert "خانہ 0" in text and "خانہ 3" in text and "باری 12-5" in text


def test_draft_pages_are_watermarked_and_states_can_be_chosen(workspace, sample, tmp_path):
    # GIVEN the register with three approved entries and one draft
    every, approved = tmp_path / "all.pdf", tmp_path / "approved.pdf"
    # WHEN it is printed whole, and with only the approved entries
    register_pdf.register_pdf(workspace, every, register_id=sample.register_id)
    register_pdf.register_pdf(workspace, approved, register_id=sample.register_id, states=["approved"],
                              options=ReportOptions(urdu_digits=False))
    # THEN the page holding the draft is watermarked, the approved-only one is not
    assert "DRAFT" in _page_texts(every)[0]
    only = _page_texts(approved)[0]
    assert "DRAFT" not in only
    # AND the approved-only printout says so and leaves the draft entry out
    text = loose(extracted_text(approved))
    assert "صرف منظور شدہ" in text and "نامعلوم" not in text and "مسودہ" not in text
    assert text.count("منظور شدہ") == 4  # three rows and the title's "only approved"


def test_unknown_register_empty_register_and_no_entries_in_state_say_what_to_do(workspace, sample):
    with workspace.session() as s:
        clerk = services.get_register(s, sample.register_id)  # (the register exists)
        assert clerk.id == sample.register_id
        # GIVEN a register id that does not exist  WHEN it is printed  THEN the message names it and the ones there are
        with pytest.raises(ReportError, match=rf"register 99 does not exist; give --register one of: "
                                              rf"{sample.register_id} \(jamabandi, mauza چک نمبر 12, year"):
            register_pdf.build_register(s, register_id=99)
        # GIVEN an empty register  THEN it says there is nothing to print and what to do
        empty = services.create_register(s, actor=sample.clerk, template="intiqal", district="سرگودھا",
                                         tehsil="بھلوال", mauza="کوٹ مومن", hadbast_no="87", year="2020-21")
        with pytest.raises(ReportError, match=rf"the register {empty} \(mauza کوٹ مومن, year .*\) has no entries: "
                                              "nothing to print. Add its pages and rows first"):
            register_pdf.build_register(s, register_id=empty)
        # GIVEN a state no entry is in  THEN it names the states the entries are in
        with pytest.raises(ReportError, match=r"no entries in state sent; its entries are: approved \(3\), "
                                              r"draft \(1\)\. Choose one of these states"):
            register_pdf.build_register(s, register_id=sample.register_id, states=["sent"])


def test_an_entry_taller_than_a_page_goes_on_over_the_next_page_marked_continued(workspace, tmp_path):
    # GIVEN two entries whose remarks are of 53 words each: in Nastaliq (its narrow remarks
    # column two words a line) each is taller than a page
    reg = _long_register(workspace, 2, remarks_words=13)
    out = tmp_path / "long-remark.pdf"
    # WHEN the register is printed in Nastaliq
    register_pdf.register_pdf(workspace, out, register_id=reg, options=ReportOptions(urdu_digits=False,
                                                                                      nastaliq=True))
    # THEN it is printed (it was refused), over several pages, each with the headings and "page x of y"
    pages = _page_texts(out)
    n = len(pages)
    assert n >= 3
    for i, page in enumerate(pages, start=1):
        for heading in ("رجسٹر جمع بندی", "نمبر کھیوٹ", "کیفیت", "نمبر شمار"):
            assert heading in page, (i, heading)
        assert f"صفحہ {i} از" in page, i
    # AND each entry begins on one page and ends on a later one, the pages it goes on to
    # saying "(جاری)", and every word of its remark is printed once, in order
    text = " ".join(pages)
    for k in (1, 2):
        first = next(i for i, page in enumerate(pages) if f"مالک نمبر {k} " in page + " ")
        last = next(i for i, page in enumerate(pages) if f"اختتام {k}" in page)
        assert last > first, k
        assert all("جاری" in pages[i] for i in range(first + 1, last + 1)), k  # (brackets are loosened away)
    assert text.count("وراثت") == 2 * 13 and text.count("اختتام") == 2
    assert text.count("مالک نمبر") == 2  # (the owner is not printed again on the continued part)


def test_the_parts_of_a_cut_entry_keep_the_size_its_cells_were_cut_at():
    from records.reports.urdu_text import register_fonts, report_font

    register_fonts()
    # GIVEN an entry whose long remark begins with a number too wide for its column (set smaller)
    remark = "35202-12345671234567-1 " + " ".join(["انتقال وراثت بحق ورثاء"] * 30)
    line = register_pdf.RegisterLine(1, 1, 1, "approved", ("1", "", "", "مالک", "", "", "", "", "", "", "", remark))
    with report_font(True):
        from records.templates import builtin

        widths = register_pdf._widths(builtin("jamabandi"), 800)
        row = register_pdf.RowTable(line, 1, widths, size=8.5, digits="latin", max_height=400)
        # WHEN it is cut at the end of a page
        row.wrap(800, 400)
        first, rest = row.split(800, 400)
        first.wrap(800, 400)
        rest.wrap(800, 400)
    # THEN the remark is the same size in both parts, its lines as they were cut, every word once
    small = row.paras[-2].size
    assert small < 8.5
    assert first.paras[-2].size == rest.paras[-2].size == small
    assert first.paras[-2]._lines + rest.paras[-2]._lines == row.paras[-2]._lines
    assert rest.paras[-1].text == "(جاری)"


def test_an_entry_that_fits_a_page_is_still_never_cut(workspace, tmp_path):
    # GIVEN entries as tall as most of a page (Naskh, 40 words of remarks each)
    reg = _long_register(workspace, 4, remarks_words=10)
    out = tmp_path / "tall.pdf"
    # WHEN printed
    register_pdf.register_pdf(workspace, out, register_id=reg, options=ReportOptions(urdu_digits=False))
    pages = _page_texts(out)
    # THEN each entry is on one page whole, and nothing is marked continued
    for k in range(1, 5):
        where = [i for i, page in enumerate(pages) if f"مالک نمبر {k} " in page + " "]
        assert len(where) == 1 and f"اختتام {k}" in pages[where[0]], k
    assert "جاری" not in " ".join(pages)


def _char_boxes(pdf, page: int = 0) -> list[tuple[str, tuple[float, float, float, float]]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[page].get_textpage()
        return [(tp.get_text_range(i, 1), tp.get_charbox(i)) for i in range(tp.count_chars())]
    finally:
        doc.close()


@pytest.mark.parametrize(("nastaliq", "urdu_digits"), [(True, False), (False, False), (True, True)])
def test_an_intiqal_date_and_khasra_numbers_stay_inside_their_cells(workspace, tmp_path, nastaliq, urdu_digits):
    from reportlab.lib.pagesizes import A4, landscape

    # GIVEN an intiqal register (17 columns, its date column narrow) with a date and khasra numbers
    with workspace.session() as s:
        clerk, _sup = sampledata.make_users(s)
        reg = services.create_register(s, actor=clerk, template="intiqal", district="شیخوپورہ", tehsil="شرقپور",
                                       mauza="سوہاوہ", hadbast_no="104", year="2015-16")
        services.add_entry(s, actor=clerk, register_id=reg, values={
            "mutation_no": "4190", "date": "17-05-1998", "mutation_type": "اجارہ", "khewat_no": "195",
            "khasra_nos": "2025/20/9، 2053/20", "area": "37-3", "share": "6/12",
            "transferor": "جلال دین ولد محمد نذیر", "transferee": "غلام سرور ولد عبداللہ"})
        tpl = services.register_template(s, reg)
    out = tmp_path / "intiqal.pdf"
    # WHEN it is printed (Nastaliq or Naskh, Latin or Urdu digits)
    register_pdf.register_pdf(workspace, out, register_id=reg,
                              options=ReportOptions(urdu_digits=urdu_digits, nastaliq=nastaliq))
    # THEN the date's characters lie inside the date's cell: none runs over its edge into the
    # mutation type beside it (in Nastaliq with Latin digits it did, by 8 points)
    page_w = landscape(A4)[0]
    widths = register_pdf._widths(tpl, page_w - 2 * register_pdf.MARGIN)
    names = [c.name for c in tpl.columns]
    right = page_w - register_pdf.MARGIN - widths[0] - sum(widths[1:1 + names.index("date")])
    left = right - widths[1 + names.index("date")]
    boxes = _char_boxes(out)
    text = "".join(c for c, _ in boxes)
    date = "۱۷-۰۵-۱۹۹۸" if urdu_digits else "17-05-1998"
    at = text.index(date)
    xs = [b for _c, box in boxes[at:at + len(date)] for b in (box[0], box[2])]
    assert left + 0.5 <= min(xs) and max(xs) <= right - 0.5, (left, min(xs), max(xs), right)
    # AND the date and the khasra numbers read left to right, whole
    assert date in text and ("2025/20/9" in text or "۲۰۲۵/۲۰/۹" in text)


def test_the_register_pdf_streams_are_deflated_only_and_other_reports_keep_their_own(workspace, sample, tmp_path):
    from reportlab import rl_config

    before = rl_config.useA85
    # GIVEN the register  WHEN it is printed
    out = tmp_path / "streams.pdf"
    register_pdf.register_pdf(workspace, out, register_id=sample.register_id)
    # THEN its streams are deflated, not ASCII85-encoded as well (a fifth larger, and an
    # eighth of a long register's time), and it reads as before
    body = out.read_bytes()
    assert b"/FlateDecode" in body and b"ASCII85Decode" not in body
    assert sampledata.OWNER_2 in loose(pdfium_text(out))
    # AND reportlab's setting for every other report is as it was
    assert rl_config.useA85 == before


# ----------------------------------------------------------------------------- command line
def test_cli_prints_a_register_with_its_signature_and_verifies_it(workspace, sample, tmp_path, capsys):
    # GIVEN a workspace with a register
    out = tmp_path / "jamabandi.pdf"
    # WHEN `daftar export OUT.pdf --report register --register ID` is run
    rc = main(["export", "--workspace", str(workspace.root), str(out), "--report", "register", "--register",
               str(sample.register_id), "--latin-digits"])
    # THEN the PDF is written with its signature beside it, and `daftar export verify` accepts it
    said = capsys.readouterr().out
    assert rc == 0 and f"wrote {out}" in said and "jamabandi.pdf.sig" in said
    assert out.read_bytes().startswith(b"%PDF") and (tmp_path / "jamabandi.pdf.sig").is_file()
    assert sampledata.OWNER_2 in loose(extracted_text(out))
    assert main(["export", "verify", str(out), "--workspace", str(workspace.root)]) == 0
    assert "intact" in capsys.readouterr().out.lower()
    # AND with --state only the entries in that state are printed
    approved = tmp_path / "approved.pdf"
    assert main(["export", "--workspace", str(workspace.root), str(approved), "--report", "register",
                 "--register", str(sample.register_id), "--state", "draft"]) == 0
    assert "نامعلوم" in loose(extracted_text(approved)) and sampledata.OWNER_2 not in loose(extracted_text(approved))


def test_cli_register_report_bad_input_is_one_clear_line(workspace, sample, tmp_path, capsys, monkeypatch):
    import builtins
    import errno

    root = str(workspace.root)
    # GIVEN no register named, an unknown one, a folder that is not there, a folder that cannot be written
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    real_open = builtins.open

    def refused(file, mode="r", *a, **k):  # (as the system refuses it: root may write into a 0o500 folder)
        if any(m in mode for m in "wax") and str(file).startswith(str(locked)):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr(builtins, "open", refused)
    try:
        rcs = [
            main(["export", "--workspace", root, str(tmp_path / "a.pdf"), "--report", "register"]),
            main(["export", "--workspace", root, str(tmp_path / "b.pdf"), "--report", "register", "--register", "42"]),
            main(["export", "--workspace", root, str(tmp_path / "nowhere" / "c.pdf"), "--report", "register",
                  "--register", str(sample.register_id)]),
            main(["export", "--workspace", root, str(locked / "d.pdf"), "--report", "register",
                  "--register", str(sample.register_id)]),
        ]
    finally:
        locked.chmod(0o700)
    err = capsys.readouterr().err.splitlines()
    # THEN each fails with one line naming what is wrong and what to do, and nothing is written
    assert rcs == [1, 1, 1, 1] and len(err) == 4, err
    assert err[0] == "daftar: say which register with --register ID"
    assert err[1].startswith("daftar: register 42 does not exist; give --register one of: ")
    assert f"The folder {tmp_path / 'nowhere'} does not exist" in err[2]
    assert err[3] == (f"daftar: {locked / 'd.pdf'}: Permission denied: nothing was written. Choose a folder this "
                      "user may write to, on a disk with space free (is the USB stick write-protected?)")
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.sig"))
