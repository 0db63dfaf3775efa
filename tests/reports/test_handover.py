"""Batch handover sheet: entries of a sealed batch, counts, the batch hash, signatures."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from records import outbox
from records.models import Batch
from records.reports import handover
from records.reports.layout import ReportError
from tests.reports import sampledata
from tests.reports.pdfcheck import extracted_text, ink_share, loose, rendered_pages


def test_handover_sheet_of_a_sealed_batch(workspace, tmp_path):
    # GIVEN three approved entries sealed into a batch
    sample = sampledata.build(workspace, approve=True)
    with workspace.session() as s:
        info = outbox.create_batch(s, actor=sample.supervisor)
    with workspace.session() as s:
        batch_id = s.scalar(select(Batch.id).where(Batch.uuid == info.uuid))
        data = handover.build_handover(s, batch_id=batch_id)
    # WHEN its handover sheet is printed
    out = handover.render_handover(data, tmp_path / "handover.pdf")
    # THEN it lists the three entries, the count, the batch's manifest hash and both signature lines
    assert len(data.lines) == 3 and data.batch_hash == info.manifest_sha256
    assert data.counts_by_state == {"batched": 3}
    text = loose(extracted_text(out))
    assert "کل اندراجات 3" in text
    assert sampledata.OWNER_2 in text and "اللہ دتہ ولد نور محمد" in text
    assert info.manifest_sha256[:32] in text.replace("\n", "") and info.uuid in text
    assert "بیچ" in text and "Batch" not in text  # the batch's label in Urdu, as the others
    assert "دستخط کلرک" in text and "دستخط سپروائزر" in text
    assert ink_share(rendered_pages(out, tmp_path)[0]) > 0.005


def test_handover_of_entry_ids_without_a_batch(workspace, tmp_path):
    # GIVEN two entries that are in no batch
    sample = sampledata.build(workspace)
    ids = [sample.entry_ids["second"], sample.entry_ids["other"]]
    # WHEN a handover sheet is made from their ids
    out = handover.handover_pdf(workspace, tmp_path / "h.pdf", entry_ids=ids)
    with workspace.session() as s:
        data = handover.build_handover(s, entry_ids=ids)
    # THEN it holds them in that order with a hash over their versions and content
    assert [x.entry_id for x in data.lines] == ids
    assert data.batch_uuid is None and len(data.batch_hash) == 64
    assert data.batch_hash[:32] in extracted_text(out).replace("\n", "")


def test_handover_refuses_unknown_batch_or_entries(workspace):
    # GIVEN an empty workspace WHEN a handover of a missing batch or entry is asked for
    # THEN the error names what is missing
    with workspace.session() as s:
        with pytest.raises(ReportError, match="batch 7 does not exist"):
            handover.build_handover(s, batch_id=7)
        with pytest.raises(ReportError, match="no entry with id 5"):
            handover.build_handover(s, entry_ids=[5])
        with pytest.raises(ReportError, match="a batch id or a list of entry ids"):
            handover.build_handover(s)
