"""Progress report: page stages and OCR rates per mauza, register and clerk, with bar charts."""

from __future__ import annotations

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
