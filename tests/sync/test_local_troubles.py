"""Troubles on the office's side of a sync: a page image of one batch missing, the
computer's clock wrong. Each is said in words and stops no more than it must."""

from __future__ import annotations

from sqlalchemy import select

from records.models import OutboxItem
from tests.sync.conftest import engine_for, enrol, item_states, seal


def test_a_missing_page_image_holds_back_its_batch_only(office, server):
    # GIVEN two sealed batches, one page each, and the first batch's page image gone from the workspace
    ids = office.entry_ids  # rows 0-2 on page 1, rows 3-5 on page 2
    first = seal(office.ws, office.sup, ids[:3])
    seal(office.ws, office.sup, ids[3:])
    enrol(office.ws, server)
    (sha,) = first.images
    path = office.ws.images.path(sha)
    saved = path.read_bytes()
    path.unlink()

    # WHEN the office syncs
    rep = engine_for(office.ws).run_once()

    # THEN the second batch is sent; the first waits, saying which image is missing and what to do
    assert len(server.entry_keys()) == 3
    assert rep.batches_acknowledged == 1
    assert item_states(office.ws) == {"acknowledged": 3, "queued": 3}
    assert len(rep.errors) == 1 and f"page image {sha[:12]}" in rep.errors[0] and "Restore" in rep.errors[0]
    assert "the other batches are sent" in rep.errors[0]
    with office.ws.session() as s:
        waiting = s.scalars(select(OutboxItem).where(OutboxItem.state == "queued")).all()
        assert {it.batch_id for it in waiting} == {first.id} and all(sha[:12] in it.last_error for it in waiting)

    # WHEN the image is back (restored) THEN the next pass sends the first batch too
    path.write_bytes(saved)
    rep = engine_for(office.ws).run_once()
    assert rep.ok, rep.errors
    assert item_states(office.ws) == {"acknowledged": 6}
    assert len(server.entry_keys()) == 6
