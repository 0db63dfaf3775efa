"""Reconciliation: the office compares what the central server holds of its entries with what
it sent, and sends again what the server lost (a database restored from an older backup)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from sqlalchemy import create_engine, func, select, text

from records.models import AuditEvent, Batch, Entry, OutboxItem, SyncState
from tests.sync.conftest import engine_for, enrol, entry_states, item_states, seal


def _sql(server, *statements: str) -> None:
    eng = create_engine(server.database_url)
    try:
        with eng.begin() as conn:
            for st in statements:
                conn.execute(text(st))
    finally:
        eng.dispose()


def _decide(server, decisions) -> None:
    with server.admin_client() as c:
        c.post("/v1/admin/decisions", json={"decisions": decisions}).raise_for_status()


def _keys(ws) -> list[str]:
    with ws.session() as s:
        return list(s.scalars(select(OutboxItem.entry_uuid).order_by(OutboxItem.id)))


def _set_state(ws, key: str, value: str) -> None:
    with ws.session() as s:
        row = s.get(SyncState, key)
        if row is None:
            s.add(SyncState(key=key, value=value))
        else:
            row.value = value


def _reconciled_recently(ws) -> None:
    _set_state(ws, "reconciled_at", (dt.datetime.now(dt.UTC).replace(tzinfo=None)).isoformat(timespec="seconds") + "Z")


def test_an_entry_the_server_lost_from_a_batch_it_still_holds_is_sent_again_once(office, server, capsys):
    from daftar.cli import main

    # GIVEN a batch of six entries the server received, then lost one entry of (the batch kept)
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    keys = _keys(office.ws)
    _sql(server, f"DELETE FROM sync_entry WHERE entry_uuid = '{keys[2]}'")
    assert len(server.entry_keys()) == 5

    # WHEN the office syncs with --reconcile
    assert main(["sync", "--workspace", str(office.ws.root), "--reconcile"]) == 0
    out = " ".join(capsys.readouterr().out.split())

    # THEN the lost entry went again, in a new batch with its very document: the server holds
    # each entry exactly once, and none of the five it held was refused as a conflict
    assert "The central server had lost 1 entry (its database restored from a backup?): it is being sent again" in out
    keys_now = server.entry_keys()
    assert len(keys_now) == len(set(keys_now)) == 6
    assert item_states(office.ws) == {"acknowledged": 6}
    with office.ws.session() as s:
        assert s.scalar(select(func.count()).select_from(Batch)) == 2
        ev = s.scalar(select(AuditEvent).where(AuditEvent.action == "sync.reconciled"))
        assert ev.detail["lacked"] == 1 and ev.detail["why"] == "asked" and ev.detail["held"] == 5
        resend = s.scalar(select(AuditEvent).where(AuditEvent.action == "batch.resend"))
        assert resend.detail["reason"] == "reconcile" and resend.detail["entries"] == 1

    # WHEN it reconciles again THEN nothing is missing and nothing is sent
    rep = engine_for(office.ws).run_once(reconcile=True)
    assert rep.ok and rep.reconciled == "asked" and (rep.entries_lost, rep.entries_acknowledged) == (0, 0)


def test_a_new_epoch_makes_the_office_compare_at_once_and_another_hash_is_a_conflict(office, server):
    # GIVEN an office that synced (it knows the server's epoch, and compared today)
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    keys = _keys(office.ws)
    _reconciled_recently(office.ws)
    # ... and the server now holds one entry with other content (same counts)
    _sql(server, f"UPDATE sync_entry SET sha256 = '{'0' * 64}' WHERE entry_uuid = '{keys[1]}'")

    # WHEN it syncs with the same epoch  THEN it does not read all the holdings (compared today)
    rep = engine_for(office.ws).run_once()
    assert rep.ok and rep.reconciled == "" and item_states(office.ws) == {"acknowledged": 6}

    # WHEN the server has a new epoch (its database was found restored) and the office syncs
    _sql(server, "UPDATE sync_instance SET epoch = 'a-new-epoch'")
    rep = engine_for(office.ws).run_once()

    # THEN it compared at once, and sent that entry again: the server refuses it as a conflict,
    # which a supervisor settles (the others of its new batch are held back, not lost)
    assert rep.reconciled == "epoch" and rep.entries_differ == 1
    assert item_states(office.ws) == {"acknowledged": 5, "conflict": 1}
    assert len(server.entry_keys()) == 6


def test_the_office_compares_all_of_it_once_a_day_or_when_the_server_holds_fewer(office, server):
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok  # (the first pass compares: never compared before)
    _reconciled_recently(office.ws)
    assert engine_for(office.ws).run_once().reconciled == ""
    # WHEN a day has passed  THEN the next pass compares
    _set_state(office.ws, "reconciled_at", "2020-01-01T00:00:00Z")
    assert engine_for(office.ws).run_once().reconciled == "daily"
    assert engine_for(office.ws).run_once().reconciled == ""
    # WHEN the server holds fewer entries than the office has receipts for  THEN at once
    keys = _keys(office.ws)
    _sql(server, f"DELETE FROM sync_entry WHERE entry_uuid = '{keys[0]}'")
    rep = engine_for(office.ws).run_once()
    assert rep.reconciled == "fewer" and rep.entries_lost == 1 and rep.entries_acknowledged == 1
    assert sorted(server.entry_keys()) == sorted((k, 1) for k in keys)


def test_a_restored_server_database_and_image_store_end_with_every_entry_once(office, server, tmp_path, capsys,
                                                                             dev_certs):
    """End to end on PostgreSQL: pg_dump, more batches and decisions, pg_restore (and the image
    store as it was), a new server on them, one pass."""
    from daftar.cli import main
    from sync.engine import queue_status
    from sync.server import Settings, create_app
    from tests.pg import PG_BIN
    from tests.sync.conftest import ADMIN, ServerThread, free_port, set_url

    if not server.database_url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (pg_dump, pg_restore)")
    from sqlalchemy.engine import make_url

    u = make_url(server.database_url)
    conn = ["-h", u.host, "-p", str(u.port), "-U", u.username, "-d", u.database]
    ids = office.entry_ids

    # GIVEN two entries synced and one of them accepted (and pulled back) ...
    seal(office.ws, office.sup, ids[:2])
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    keys = _keys(office.ws)
    _decide(server, [{"entry_uuid": keys[0], "version": 1, "decision": "accepted"}])
    assert engine_for(office.ws).run_once().decisions_applied == 1
    # ... then the central backup: the database, then the image store (install.md)
    dump = tmp_path / "central.dump"
    subprocess.run([str(PG_BIN / "pg_dump"), "-Fc", "-f", str(dump), *conn], check=True, timeout=120)
    shutil.copytree(server.storage, tmp_path / "images-backup")
    # ... then more: two batches (their images new), and decisions on entries of both times
    seal(office.ws, office.sup, ids[2:4])
    seal(office.ws, office.sup, ids[4:])
    assert engine_for(office.ws).run_once().ok
    keys = _keys(office.ws)
    _decide(server, [{"entry_uuid": keys[1], "version": 1, "decision": "accepted"},
                     {"entry_uuid": keys[3], "version": 1, "decision": "rejected", "reason": "رقبہ غلط"},
                     {"entry_uuid": keys[4], "version": 1, "decision": "accepted"}])
    assert engine_for(office.ws).run_once().decisions_applied == 3
    assert len(server.entry_keys()) == 6
    with office.ws.session() as s:
        before = {k: s.scalar(select(Entry.state).where(Entry.uuid == k, Entry.is_latest.is_(True))) for k in keys}
    assert [before[k] for k in keys] == ["accepted", "accepted", "sent", "rejected", "accepted", "sent"]

    # WHEN the central server is restored from that backup (database and image store) and
    # started again
    server.app.state.engine.dispose()
    subprocess.run([str(PG_BIN / "pg_restore"), "--clean", "--if-exists", "--single-transaction", *conn, str(dump)],
                   check=True, timeout=120)
    shutil.rmtree(server.storage)
    shutil.copytree(tmp_path / "images-backup", server.storage)
    assert len(server.entry_keys()) == 2
    app = create_app(Settings(server.database_url, server.storage, admin_token=ADMIN, test_hooks=True))
    port = free_port()
    st = ServerThread(app, port, dev_certs).start()
    try:
        set_url(office.ws, f"https://127.0.0.1:{port}")
        # ... and the office syncs once
        assert main(["sync", "--workspace", str(office.ws.root)]) == 0
        out = " ".join(capsys.readouterr().out.split())

        # THEN every entry is on the server exactly once, with its page images whole
        keys_now = server.entry_keys()
        assert sorted(keys_now) == sorted((k, 1) for k in keys) and len(keys_now) == len(set(keys_now))
        from sync.server.check import check_store

        with app.state.engine.connect() as c, __import__("sqlalchemy.orm").orm.Session(bind=c) as ss:
            found = check_store(ss, server.storage)
        assert (found.named, found.missing, found.damaged) == (2, {}, {})
        assert "The central server had lost 4 entries (its database restored from a backup?): they are being sent " \
               "again" in out
        # AND the office's entries stay as the audit trail recorded them (nothing undone) ...
        with office.ws.session() as s:
            after = {k: s.scalar(select(Entry.state).where(Entry.uuid == k, Entry.is_latest.is_(True))) for k in keys}
        assert after == before
        # ... the decisions the server no longer has are named, to be made again: the one
        # made before the backup is still there, not lost
        stq = queue_status(office.ws)
        assert sorted(p.entry_uuid for p in stq.decisions_lost) == sorted([keys[1], keys[3], keys[4]])
        assert {p.entry_uuid: p.state for p in stq.decisions_lost} == {
            keys[1]: "accepted", keys[3]: "rejected", keys[4]: "accepted"}
        assert item_states(office.ws) == {"accepted": 2, "acknowledged": 4}  # (the server held keys[1], undecided)
        # WHEN the central office decides them again  THEN they apply and nothing is said lost
        _decide(server, [{"entry_uuid": keys[1], "version": 1, "decision": "accepted"},
                         {"entry_uuid": keys[3], "version": 1, "decision": "rejected", "reason": "رقبہ غلط"},
                         {"entry_uuid": keys[4], "version": 1, "decision": "accepted"}])
        rep = engine_for(office.ws).run_once()
        assert rep.ok and rep.decisions_applied == 3
        assert queue_status(office.ws).decisions_lost_total == 0
        assert item_states(office.ws) == {"accepted": 3, "rejected": 1, "acknowledged": 2}
        assert entry_states(office.ws, ids) == [before[k] for k in keys]
    finally:
        st.stop()
        app.state.engine.dispose()


def test_decisions_found_lost_do_not_make_every_pass_compare_everything_again(office, server):
    # GIVEN an office with two entries accepted, whose decisions the server then lost
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    keys = _keys(office.ws)
    _decide(server, [{"entry_uuid": k, "version": 1, "decision": "accepted"} for k in keys[:2]])
    assert engine_for(office.ws).run_once().decisions_applied == 2
    _reconciled_recently(office.ws)
    _sql(server, "UPDATE sync_entry SET state = 'received'")

    # WHEN it syncs  THEN the summary's fewer decided makes it compare: two decisions lost
    rep = engine_for(office.ws).run_once()
    assert rep.reconciled == "fewer" and rep.decisions_lost == 2 and rep.entries_lost == 0
    # WHEN it syncs again, nothing decided again yet  THEN it does not compare everything again
    rep = engine_for(office.ws).run_once()
    assert rep.ok and rep.reconciled == ""


def _noting(eng, asked: list) -> None:
    real = eng._call

    def call(method, path, **kw):
        asked.append((path, dict(kw.get("params") or {})))
        return real(method, path, **kw)

    eng._call = call


def test_the_daily_check_reads_only_the_ranges_whose_digest_differs(office, server):
    # GIVEN an office that compared everything once
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    assert engine_for(office.ws).run_once().reconciled == "daily"  # (the first comparison: all of it)

    # WHEN a day later it syncs, the server holding all of it as sent
    _set_state(office.ws, "reconciled_at", "2020-01-01T00:00:00Z")
    eng, asked = engine_for(office.ws), []
    _noting(eng, asked)
    rep = eng.run_once()
    # THEN it asked the summary with a digest per range of server ids, and read no page of holdings
    assert ("/v1/holdings/summary", {"ranges": "true"}) in asked
    assert rep.reconciled == "daily" and not [p for path, p in asked if path == "/v1/holdings"]

    # WHEN the next day the server holds one entry with other content (its counts the same)
    keys = _keys(office.ws)
    _sql(server, f"UPDATE sync_entry SET sha256 = '{'1' * 64}' WHERE entry_uuid = '{keys[4]}'")
    _set_state(office.ws, "reconciled_at", "2020-01-01T00:00:00Z")
    eng, asked = engine_for(office.ws), []
    _noting(eng, asked)
    rep = eng.run_once()
    # THEN it read only the one range that differs, and found that entry (a conflict now)
    assert [p for path, p in asked if path == "/v1/holdings"] == [{"after": 0, "limit": 1000}]
    assert rep.reconciled == "daily" and rep.entries_differ == 1
    assert item_states(office.ws) == {"acknowledged": 5, "conflict": 1}
