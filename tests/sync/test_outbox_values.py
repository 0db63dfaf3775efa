"""Sealing reads all entries' current values at once; the documents are the same as one by one."""

from __future__ import annotations

from records import services as S
from records.models import Batch, Entry
from records.outbox import content_hash, create_batch, current_values, entry_document
from tests.records.helpers import ROW, make_page, make_users


def test_batch_documents_carry_corrected_values_and_match_the_single_entry_form(workspace):
    # GIVEN two approved entries, one with its area corrected after entry
    ws = workspace
    users = make_users(ws)
    clerk, sup = users["clerk"], users["supervisor"]
    _, _, (a, b) = make_page(ws, clerk, rows=(ROW, {**ROW, "khewat_no": "48"}))
    with ws.session() as s:
        S.set_value(s, actor=clerk, entry_id=b, field_name="area", text="7-3")
        S.transition(s, actor=clerk, entry_ids=[a, b], action="submit")
        S.transition(s, actor=sup, entry_ids=[a, b], action="approve")
    # WHEN the batch is sealed
    with ws.session() as s:
        info = create_batch(s, actor=sup)
    # THEN each document has the current values, the same as built for one entry alone
    with ws.session() as s:
        docs = {d["content"]["values"]["khewat_no"]: d for d in s.get(Batch, info.id).manifest["entries"]}
        assert docs["48"]["content"]["values"]["area"] == "7-3"
        assert docs["47"]["content"]["values"]["area"] == "12-5"
        for eid in (a, b):
            single = entry_document(s, s.get(Entry, eid))
            d = docs[single["values"]["khewat_no"]]
            assert d["sha256"] == content_hash(single) == content_hash(d["content"])
        assert current_values(s, [a, b])[b]["area"] == "7-3"
