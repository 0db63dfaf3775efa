"""Progress report: page stages and OCR rates per mauza, register and clerk, with bar charts."""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from records.reports import progress
from tests.reports import sampledata
from tests.reports.pdfcheck import extracted_text, loose, rendered_pages


def test_progress_counts_per_mauza_register_and_clerk(workspace):
    # GIVEN mauza چک نمبر 12 (1 page read by OCR, one field confirmed by the clerk) and mauza
    # کوٹ مومن (2 pages by a second clerk: one read, one OCR value flagged, corrected, approved)
    sampledata.build_progress(workspace)
    # WHEN progress is counted
    with workspace.session() as s:
        data = progress.build_progress(s)
    # THEN every stage and rate is as the records say
    t = data.total
    assert (t.scanned, t.read, t.corrected, t.approved, t.synced) == (3, 2, 1, 1, 0)
    assert (t.ocr_values, t.ocr_flagged, t.ocr_fields, t.corrected_fields) == (12, 1, 12, 2)
    by_mauza = {r.label: r for r in data.by_mauza}
    kot = by_mauza["کوٹ مومن"]
    assert (kot.scanned, kot.read, kot.approved) == (2, 1, 1)
    assert kot.flag_rate == 1 / 6 and kot.correction_rate == 1 / 6
    by_clerk = {r.label: r for r in data.by_clerk}
    assert set(by_clerk) == {"محمد اسلم", "بشیر احمد"}
    assert by_clerk["محمد اسلم"].entries == 3 and by_clerk["بشیر احمد"].scanned == 2
    assert len(data.by_register) == 2


def test_progress_pdf_has_tables_and_bar_charts(workspace, tmp_path):
    # GIVEN the two mauzas
    sampledata.build_progress(workspace)
    # WHEN the report is printed
    out = progress.progress_pdf(workspace, tmp_path / "progress.pdf")
    # THEN its text names the mauzas and clerks in logical order, with the rates
    text = loose(extracted_text(out))
    for phrase in ("پیش رفت رپورٹ", "کوٹ مومن", "چک نمبر 12", "بشیر احمد", "محمد اسلم", "موضع وار", "کلرک وار"):
        assert phrase in text, phrase
    assert "17%" in text
    # AND the first page shows the bars (pixels of the "scanned" colour #4e79a7)
    page = np.asarray(Image.open(rendered_pages(out, tmp_path)[0]).convert("RGB")).astype(int)
    bar = (abs(page[..., 0] - 0x4E) < 12) & (abs(page[..., 1] - 0x79) < 12) & (abs(page[..., 2] - 0xA7) < 12)
    assert bar.sum() > 500


def test_progress_of_an_empty_workspace_prints(workspace, tmp_path):
    # GIVEN nothing scanned yet WHEN the report is printed THEN it has zeros and no rates
    with workspace.session() as s:
        data = progress.build_progress(s)
    out = progress.render_progress(data, tmp_path / "empty.pdf")
    assert data.total.scanned == 0 and data.total.flag_rate is None
    assert out.stat().st_size > 1000


def _sent_and_decided(workspace, sample) -> dict[str, int]:
    """The sample's approved page (3 entries) sealed and sent to the central office, which
    accepted one and rejected one; the third waits for its decision."""
    from records import services
    from records.audit import SYSTEM
    from records.outbox import create_batch

    ids = sample.entry_ids
    with workspace.session() as s:
        create_batch(s, actor=sample.supervisor)
        services.transition(s, actor=SYSTEM, entry_ids=list(ids.values()), action="send")
        services.transition(s, actor=SYSTEM, entry_ids=[ids["ocr"]], action="accept")
        services.transition(s, actor=SYSTEM, entry_ids=[ids["second"]], action="reject",
                            comment="رقبہ 12-5 درست نہیں")
    return ids


def test_what_was_sent_to_the_central_office_is_counted_whatever_it_decided(workspace):
    # GIVEN a page whose 3 entries were sent to the central office: one accepted, one rejected,
    # one waiting for a decision
    sample = sampledata.build(workspace, approve=True, gap_row=False)
    _sent_and_decided(workspace, sample)
    # WHEN progress is counted
    with workspace.session() as s:
        data = progress.build_progress(s)
    # THEN the page counts as sent to the centre (it counted only pages all accepted: 0), and
    # as approved (a rejection there does not undo the office's approval)
    t = data.total
    assert (t.scanned, t.approved, t.synced) == (1, 1, 1)
    # AND the entries sent and rejected are counted as the sync panel counts them
    assert (t.entries, t.entries_sent, t.entries_rejected) == (3, 3, 1)
    (reg,) = data.by_register
    assert (reg.entries_sent, reg.entries_rejected) == (3, 1)


def test_the_report_says_whether_it_covers_the_office_or_names_its_register(workspace, tmp_path):
    # GIVEN two registers in two mauzas, entries of the first sent to the central office
    sample = sampledata.build(workspace, approve=True, gap_row=False)
    _sent_and_decided(workspace, sample)
    with workspace.session() as s:
        from records import services

        other = services.create_register(s, actor=sample.clerk, template="girdawari", district="سرگودھا",
                                         tehsil="بھلوال", mauza="کوٹ مومن", hadbast_no="87", year="2019-20",
                                         header={"harvest": "ربیع"})
        services.add_page(s, workspace.images, actor=sample.clerk, register_id=other, data=sampledata.png_bytes(5))
    # WHEN the report of every register is printed
    out = progress.progress_pdf(workspace, tmp_path / "office.pdf")
    text = loose(extracted_text(out))
    # THEN its title says it is the whole office's, and it has both mauzas
    assert "پیش رفت رپورٹ — پورا دفتر" in text
    assert "کوٹ مومن" in text and "چک نمبر 12" in text
    # AND it says how many entries went to the central office and how many came back rejected
    assert re.search("اندراجات 3 مرکز کو بھیجے اندراجات 3 مرکز سے مسترد ?1", text)  # (extractors place ':')
    # WHEN one register's report is printed THEN its title names that register, not the office
    out = progress.progress_pdf(workspace, tmp_path / "one.pdf", register_ids=[other])
    text = loose(extracted_text(out))
    assert text.splitlines()[0] == "پیش رفت رپورٹ — خسرہ گرداوری کوٹ مومن 2019-20"
    assert "پورا دفتر" not in text and "چک نمبر 12" not in text


def test_a_report_printed_on_a_computer_whose_date_is_behind_its_records_says_the_date_is_wrong(
        workspace, tmp_path, monkeypatch):
    import datetime as dt

    from records import audit
    from records.reports.layout import footer_line, office_options

    # GIVEN records written with the right date
    sampledata.build_progress(workspace)
    with workspace.session() as s:
        assert not office_options(s).date_unsure
    # WHEN a report is printed on a day the computer's clock says 2010 (a dead CMOS battery)
    monkeypatch.setattr(audit, "utcnow", lambda: dt.datetime(2010, 1, 1, 9, 0))
    with workspace.session() as s:
        opts = office_options(s)
    out = progress.progress_pdf(workspace, tmp_path / "progress.pdf", options=opts)
    # THEN its footer says the printed date is wrong, beside it (never passed off as the day)
    assert opts.date_unsure
    assert footer_line(opts, now=dt.datetime(2010, 1, 1, 9, 0)).startswith(
        "Daftar 2010-01-01 09:00 (this computer's date is wrong: not the day of printing)")
    assert "this computer's date is wrong" in extracted_text(out)
