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


def bbox_words(pdf, page: int = 1) -> list[tuple[str, float, float]]:
    """(word, left x, top y) of each word pdftotext -bbox finds on a page; a right-to-left
    word comes in visual order, so it is turned back into the order it is read in."""
    import re
    import subprocess
    import unicodedata

    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    out = []
    for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html):
        word = unicodedata.normalize("NFKC", word)
        if re.search(r"[\u0600-\u06ff]", word):
            word = word[::-1].translate(str.maketrans("()", ")("))
        out.append((word, float(x), float(y)))
    return out


def test_the_header_keeps_the_makers_name_and_role_on_one_line_and_the_footer_is_urdu(workspace, tmp_path):
    # GIVEN a batch sealed by the revenue officer, whose name carries his role
    from records.audit import Actor
    from records.models import User

    sampledata.build(workspace, approve=True)
    with workspace.session() as s:
        ro = User(username="ro1", full_name="احمد نواز (ریونیو آفیسر)", role="revenue_officer")
        s.add(ro)
        s.flush()
        info = outbox.create_batch(s, actor=Actor(ro.id, ro.username, ro.role))
        batch_id = s.scalar(select(Batch.id).where(Batch.uuid == info.uuid))
    # WHEN its handover sheet is printed
    out = handover.handover_pdf(workspace, tmp_path / "handover.pdf", batch_id=batch_id)
    words = bbox_words(out)
    # THEN "تیار کنندہ: احمد نواز (ریونیو آفیسر)" is one line, read right to left ("آفیسر)" went
    # down under the next pair when each pair had a third of the line)
    line = ["تیار", "کنندہ:", "احمد", "نواز", "(ریونیو", "آفیسر)"]
    found = {w: (x, y) for w, x, y in words if w in line}
    assert set(found) == set(line), found
    ys = [y for _x, y in found.values()]
    assert max(ys) - min(ys) < 6  # (a bracket's glyph box starts a little lower; a line is 15 pt)
    xs = [found[w][0] for w in line]
    assert xs == sorted(xs, reverse=True)
    # AND the footer names the batch by its hash in Urdu, with no English word ("batch sha256:")
    bottom = max(y for _w, _x, y in words)
    footer = [w for w, _x, y in words if y > bottom - 8]
    assert "بیچ" in footer and info.manifest_sha256[:16] in footer
    assert not [w for w in footer if w.lower() in ("batch", "sha256:", "batch:")]
