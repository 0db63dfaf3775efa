"""Reconciliation's cost on an office that has sent 100,000 entries (sync/engine.py
`SyncEngine.reconcile`, GET /v1/holdings and /v1/holdings/summary).

A server process on PostgreSQL 15 (its own throwaway cluster) over loopback TLS, an office
workspace enrolled with it. The office's 100,000 acknowledged outbox items (100 batches of
1,000) and the server's rows for them are written directly (the bench measures the
comparison, not how they got there: tests/sync/test_reconcile.py does that end to end).
Measured: the summary check every pass makes; the full comparison (all holdings pages,
compared with the outbox); the same when the server lost 1,000 entries of one batch (found
and queued again, not sent). Time is wall time of the engine's call, bytes what went over the
connection both ways (headers and TLS not counted; bodies as sent, gzip when the server
compressed them).

    nice .venv/bin/python bench/reconcile_bench.py [--entries 100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(ws, server_db: str, n: int, office_uuid: str) -> None:
    """n acknowledged outbox items in batches of 1,000 and the server's rows for them."""
    import datetime as dt

    from sqlalchemy import create_engine, insert, text

    from records.models import Batch, Entry, OutboxItem, Register

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    keys = [(str(uuid.UUID(int=i + 1)), 1, hashlib.sha256(str(i).encode()).hexdigest()) for i in range(n)]
    with ws.session() as s:
        reg = Register(template_id="jamabandi", district="d", tehsil="t", mauza="m", hadbast_no="1", year="2019-20")
        s.add(reg)
        s.flush()
        s.execute(insert(Entry), [{"uuid": u, "version": 1, "register_id": reg.id, "row_no": i, "state": "sent",
                                   "is_latest": True, "deleted": False} for i, (u, _v, _h) in enumerate(keys)])
        ids = dict(s.execute(text("SELECT uuid, id FROM entry")).all())
        batches = []
        for b in range(0, n, 1000):
            batch = Batch(state="acknowledged")
            s.add(batch)
            s.flush()
            batches.append(batch.uuid)
            s.execute(insert(OutboxItem), [{"batch_id": batch.id, "entry_id": ids[u], "entry_uuid": u, "version": v,
                                            "content_sha256": h, "state": "acknowledged", "server_id": f"E{b + j + 1}"}
                                           for j, (u, v, h) in enumerate(keys[b:b + 1000])])
    eng = create_engine(server_db)
    with eng.begin() as conn:
        oid = conn.execute(text("SELECT id FROM sync_office WHERE office_uuid = :u"), {"u": office_uuid}).scalar_one()
        for k, b in enumerate(range(0, n, 1000)):
            bid = conn.execute(text(
                "INSERT INTO sync_batch (batch_uuid, office_id, manifest_sha256, manifest, signature, audit_head, "
                "source, entries, received_at) VALUES (:u, :o, '', '{}', '', '', 'network', 1000, :t) RETURNING id"),
                {"u": batches[k], "o": oid, "t": now}).scalar_one()
            conn.execute(text("INSERT INTO sync_entry (entry_uuid, version, sha256, content, office_id, batch_id, "
                              "state, reason, received_at) VALUES (:u, :v, :h, '{}', :o, :b, 'received', '', :t)"),
                         [{"u": u, "v": v, "h": h, "o": oid, "b": bid, "t": now} for u, v, h in keys[b:b + 1000]])
    eng.dispose()


class Counting:
    """Wraps the engine's requests: bytes of bodies sent and received."""

    def __init__(self, eng):
        self.eng, self.sent, self.received, self.requests, self.seconds = eng, 0, 0, 0, 0.0
        real = eng._call

        def call(method, path, **kw):
            t = time.perf_counter()
            r = real(method, path, **kw)
            r.read()
            self.seconds += time.perf_counter() - t
            self.requests += 1
            self.sent += len(r.request.content or b"")
            self.received += r.num_bytes_downloaded
            return r
        eng._call = call

    def reset(self):
        self.sent = self.received = self.requests = 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    from sqlalchemy import create_engine, text

    from records.workspace import Workspace
    from sync.devcerts import make_dev_certs
    from sync.engine import K_RECONCILED_AT, SyncEngine, SyncReport, enrol, load_config, set_state
    from tests.pg import free_port, start_cluster
    from tests.sync.conftest import ADMIN, start_server_process

    with tempfile.TemporaryDirectory(prefix="reconcile-bench-") as tmp:
        tmp = Path(tmp)
        tmp.chmod(0o755)
        cluster = start_cluster(tmp / "pg")
        proc = None
        try:
            db = cluster.create_database("bench")
            certs = make_dev_certs(tmp / "certs")
            port = free_port()
            proc = start_server_process(db, tmp / "images", port, certs)
            url = f"https://127.0.0.1:{port}"
            ws = Workspace.open(tmp / "ws", create=True)
            import httpx

            with httpx.Client(base_url=url, verify=str(certs.ca_cert),
                              headers={"Authorization": f"Bearer {ADMIN}"}) as c:
                code = c.post("/v1/admin/enrol-codes", json={"name": "bench", "district": "d"}).json()["code"]
            enrol(ws, server_url=url, code=code, ca_bundle=str(certs.ca_cert))
            from records.outbox import office_identity

            with ws.session() as s:
                office_uuid = office_identity(s).uuid
            t = time.perf_counter()
            build(ws, db, args.entries, office_uuid)
            print(f"built {args.entries} entries in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            eng_db = create_engine(db)
            with eng_db.begin() as conn:
                conn.execute(text("ANALYZE"))

            def run(forced: bool) -> tuple[float, SyncReport, Counting]:
                eng = SyncEngine(ws, load_config(ws))
                cnt = Counting(eng)
                rep = SyncReport()
                t = time.perf_counter()
                eng.reconcile(rep, forced=forced)
                took = time.perf_counter() - t
                eng.close()
                return took, rep, cnt

            run(True)  # warm up; remembers the epoch, compared now
            results = {}

            def due() -> None:  # a day since the last comparison
                with ws.session() as s:
                    set_state(s, K_RECONCILED_AT, "2020-01-01T00:00:00Z")

            for name, forced, before, expect in (("summary", False, None, ""), ("daily", False, due, "daily"),
                                                 ("full", True, None, "asked")):
                times, waits = [], []
                for _ in range(args.repeats):
                    if before:
                        before()
                    took, rep, cnt = run(forced)
                    times.append(took)
                    waits.append(cnt.seconds)
                    assert rep.entries_lost == 0 and rep.reconciled == expect, rep
                results[name] = (statistics.median(times), min(times), max(times), cnt.requests, cnt.sent,
                                 cnt.received, statistics.median(waits))
            # a day later the server holds one entry with other content: one range read
            with eng_db.begin() as conn:
                conn.execute(text("UPDATE sync_entry SET sha256 = repeat('1', 64) WHERE id = "
                                  "(SELECT max(id) FROM sync_entry)"))
            due()
            took, rep, cnt = run(False)
            assert rep.reconciled == "daily" and rep.entries_differ == 1 and cnt.requests == 2, (rep, cnt.requests)
            results["daily, 1 differs"] = (took, took, took, cnt.requests, cnt.sent, cnt.received, cnt.seconds)
            # the server lost one batch of 1,000 (a restore): found by counts, queued again
            with eng_db.begin() as conn:
                bid = conn.execute(text("SELECT min(batch_id) FROM sync_entry")).scalar_one()  # (not the changed one)
                conn.execute(text("DELETE FROM sync_entry WHERE batch_id = :b"), {"b": bid})
            took, rep, cnt = run(False)
            assert rep.reconciled == "fewer" and rep.entries_lost == 1000, rep
            results["lost"] = (took, took, took, cnt.requests, cnt.sent, cnt.received, cnt.seconds)
            eng_db.dispose()
            ws.close()
        finally:
            if proc is not None:
                proc.kill()
                proc.wait(10)
            cluster.stop()
    print(f"entries: {args.entries}")
    for name, (med, lo, hi, reqs, sent, got, wait) in results.items():
        print(f"{name:17s} median {med * 1000:8.1f} ms (min {lo * 1000:.1f}, max {hi * 1000:.1f})  requests {reqs:4d}  "
              f"waiting for the server {wait * 1000:8.1f} ms  sent {sent:9d} B  received {got:10d} B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
