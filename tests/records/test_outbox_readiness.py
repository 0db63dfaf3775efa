"""What a batch would take now (`outbox.batch_readiness`, asked by the sync panel every
minute and after each review) is counted inside SQLite, whatever the number of approved
entries: it read every approved entry as an object and looked their uuids up in one query."""

from __future__ import annotations

import sqlite3

from sqlalchemy import event, text, update

from records import outbox
from records.models import Batch, Entry, OutboxItem
from records.services import create_register
from tests.records.bulk import bulk_rows, insert_bulk

N = 1_200


def _office(workspace):
    """A register of N entries: the first 900 approved, the next 300 verified, of which the
    first 100 approved and 50 verified are in a batch already."""
    from records.audit import Actor

    clerk = Actor(None, "clerk1", "clerk")
    with workspace.session() as s:
        rid = create_register(s, actor=clerk, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                              mauza="کوٹ", hadbast_no="1", year="2019-20")
    rows = insert_bulk(workspace.db_path, rid, bulk_rows(N, seed=3))
    ids = [r.entry_id for r in rows]
    with workspace.session() as s:
        s.execute(update(Entry).where(Entry.id.in_(ids[:900])).values(state="approved"))
        s.execute(update(Entry).where(Entry.id.in_(ids[900:])).values(state="verified"))
        batch = Batch(state="sealed")
        s.add(batch)
        s.flush()
        for e in s.query(Entry).filter(Entry.id.in_(ids[:100] + ids[900:950])):
            s.add(OutboxItem(batch_id=batch.id, entry_id=e.id, entry_uuid=e.uuid, version=e.version,
                             content_sha256="0" * 64))
    return ids


def test_readiness_is_counted_in_sqlite_without_reading_the_entries(workspace, monkeypatch):
    # GIVEN 1,200 approved or verified entries, 150 of them in a batch already, and a
    # database connection that takes at most 999 values in one statement (SQLite's limit
    # differs between builds; 32,766 by default)
    _office(workspace)

    @event.listens_for(workspace.engine, "connect")
    def small_limit(dbapi_conn, _record):
        dbapi_conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)

    workspace.engine.dispose()
    loaded = []

    def on_load(target, _ctx):
        loaded.append(target.id)

    event.listen(Entry, "load", on_load)
    try:
        with workspace.session() as s:
            # WHEN the sync panel asks what a batch would take
            ready = outbox.batch_readiness(s)
            # THEN the verified entries not in a batch are counted, and the approved ones
            # waiting for verification (the office requires it)
            assert outbox.verification_required(s)
            assert ready == (300 - 50, 900 - 100)
            # AND without verification required, the approved and verified ones together
            monkeypatch.setattr(outbox, "verification_required", lambda _s: False)
            assert outbox.batch_readiness(s) == (1_200 - 150, 0)
        # AND no entry was read as an object for it
        assert loaded == []
    finally:
        event.remove(Entry, "load", on_load)
        event.remove(workspace.engine, "connect", small_limit)


def test_the_batch_lookup_uses_the_outbox_index(workspace):
    # GIVEN the query that counts what a batch would take
    from sqlalchemy import func, select

    _office(workspace)
    stmt = select(Entry.state, func.count()).where(*outbox._READY, outbox._not_in_a_batch()).group_by(Entry.state)
    sql = str(stmt.compile(workspace.engine, compile_kwargs={"literal_binds": True}))
    # WHEN SQLite plans it
    with workspace.session() as s:
        plan = " | ".join(str(r[-1]) for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
    # THEN each entry's batch is looked up by the outbox's (entry_uuid, version) index, not scanned
    assert "outbox_item USING" in plan and "INDEX" in plan, plan
    assert "SCAN outbox_item" not in plan, plan


def test_a_batch_would_take_exactly_the_ready_entries(workspace):
    # GIVEN the entries above
    ids = _office(workspace)
    with workspace.session() as s:
        # WHEN the entries a batch would take are read, verification required (the default)
        entries, waiting, required = outbox._batchable_and_unverified(s)
        # THEN those are the verified ones not in a batch, in register order
        assert (len(entries), waiting, required) == (250, 800, True)
        assert [e.id for e in entries] == ids[950:]
        # AND without verification, the approved and verified ones not in a batch
        entries, waiting, required = outbox._batchable_and_unverified(s, require_verification=False)
        assert (waiting, required) == (0, False)
        assert [e.id for e in entries] == ids[100:900] + ids[950:]
