"""Sync throughput: a batch of 1,000 entries with page images vs. a plain upload of the same bytes.

Both go over the same loopback TLS connection to the same server process in the same run:
the baseline POSTs every image and the batch body to a sink endpoint that reads and drops
the bytes; the sync pass does everything for real (HEAD per image, resumable upload stored
and hash-verified on disk, signed batch stored in PostgreSQL, receipt checked, outbox and
workflow updated in the workspace). Target: sync >= 80% of the baseline's MB/s.

    nice -n 10 .venv/bin/python bench/sync_bench.py [--entries 1000] [--pages 100] [--image-kb 200] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import ssl
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_workspace(root: Path, entries: int, pages: int, image_kb: int):
    from records import services
    from records.audit import Actor
    from records.models import User
    from records.workspace import Workspace

    ws = Workspace.open(root, create=True)
    with ws.session() as s:
        clerk, sup = User(username="clerk", role="clerk"), User(username="sup", role="supervisor")
        s.add_all([clerk, sup])
        s.flush()
        ca, sa = Actor(clerk.id, "clerk", "clerk"), Actor(sup.id, "sup", "supervisor")
        rnd = random.Random(1)
        reg = services.create_register(s, actor=ca, template="jamabandi", district="لاہور", tehsil="لاہور",
                                       mauza="بینچ", hadbast_no="1", year="2019-20")
        ids = []
        per_page = max(1, entries // pages)
        for p in range(pages):
            page = services.add_page(s, ws.images, actor=ca, register_id=reg, data=rnd.randbytes(image_kb * 1024))
            for r in range(per_page):
                if len(ids) == entries:
                    break
                ids.append(services.add_entry(s, actor=ca, register_id=reg, page_id=page.page_id, values={
                    "khewat_no": str(p * 100 + r), "owner": "محمد اسلم ولد غلام رسول قوم اعوان", "area": "12-5", "share": "3/8"}))
        services.transition(s, actor=ca, entry_ids=ids, action="submit")
        services.transition(s, actor=sa, entry_ids=ids, action="approve")
    return ws, sa


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=1000)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--image-kb", type=int, default=200)
    ap.add_argument("--write", action="store_true", help="append the result to docs/benchmarks.md")
    args = ap.parse_args()

    import httpx

    from records.models import Batch
    from records.outbox import create_batch, submission
    from sync.devcerts import make_dev_certs
    from sync.engine import SyncEngine, enrol, load_config
    from sync.server import Settings, create_app
    from tests.pg import PG_BIN, free_port, start_cluster
    from tests.sync.conftest import ServerThread

    tmp = Path(tempfile.mkdtemp(prefix="daftar-bench-"))
    tmp.chmod(0o755)
    cluster = None
    try:
        if (PG_BIN / "initdb").is_file():
            cluster = start_cluster(tmp / "pg")
            db = cluster.create_database("bench")
        else:
            db = f"sqlite:///{tmp}/server.sqlite"
        certs = make_dev_certs(tmp / "certs")
        admin = "bench-admin-token-0123456789"
        app = create_app(Settings(db, tmp / "store", admin_token=admin, test_hooks=True))
        port = free_port()
        srv = ServerThread(app, port, certs).start()
        url = f"https://127.0.0.1:{port}"

        t0 = time.perf_counter()
        ws, sup = build_workspace(tmp / "ws", args.entries, args.pages, args.image_kb)
        build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        with ws.session() as s:
            info = create_batch(s, actor=sup)
        seal_s = time.perf_counter() - t0
        enrol(ws, server_url=url, admin_token=admin, ca_bundle=str(certs.ca_cert))
        with ws.session() as s:
            body = json.dumps(submission(s.get(Batch, info.id)), ensure_ascii=False, separators=(",", ":")).encode()
        images = [ws.images.get(h) for h in info.images]
        total = sum(map(len, images)) + len(body)

        def baseline() -> float:
            ctx = ssl.create_default_context(cafile=str(certs.ca_cert))
            with httpx.Client(base_url=url, verify=ctx, headers={"Authorization": f"Bearer {admin}"}, timeout=60) as c:
                t = time.perf_counter()
                for data in images:
                    c.post("/v1/test/sink", content=data).raise_for_status()
                c.post("/v1/test/sink", content=body).raise_for_status()
                return time.perf_counter() - t

        baseline()  # warm up
        base_s = min(baseline() for _ in range(3))
        eng = SyncEngine(ws, load_config(ws, chunk_size=4 << 20))
        local = {"s": 0.0}
        ack = eng._acknowledge

        def timed_ack(*a, **kw):  # local bookkeeping: receipt, outbox and workflow in the workspace
            t = time.perf_counter()
            try:
                return ack(*a, **kw)
            finally:
                local["s"] += time.perf_counter() - t

        eng._acknowledge = timed_ack
        t0 = time.perf_counter()
        rep = eng.run_once()
        sync_s = time.perf_counter() - t0
        net_s = sync_s - local["s"]
        assert rep.ok and rep.entries_acknowledged == args.entries, rep.errors
        srv.stop()
        app.state.engine.dispose()
        ws.close()
    finally:
        if cluster:
            cluster.stop()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)

    mb = total / 1e6
    res = {
        "entries": args.entries, "images": len(images), "mb": round(mb, 2),
        "database": "postgresql-15" if cluster else "sqlite",
        "baseline_s": round(base_s, 3), "baseline_mb_s": round(mb / base_s, 1),
        "sync_s": round(sync_s, 3), "sync_mb_s": round(mb / sync_s, 1),
        "records_per_s": round(args.entries / sync_s, 1),
        "ratio": round(base_s / sync_s, 3),
        "network_s": round(net_s, 3), "network_mb_s": round(mb / net_s, 1), "network_ratio": round(base_s / net_s, 3),
        "local_s": round(sync_s - net_s, 3), "seal_s": round(seal_s, 3), "build_s": round(build_s, 1),
        "cpus": os.cpu_count(), "load": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(res))
    if args.write:
        write_doc(res)
    return 0


def write_doc(r: dict) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = (
        "\n## Sync\n\n"
        f"`nice -n 5 .venv/bin/python bench/sync_bench.py --write` ({time.strftime('%Y-%m-%d')}, "
        f"{r['cpus']} cores shared with other jobs, load average {r.get('load', '?')}, loopback TLS, server database {r['database']}).\n\n"
        f"A batch of {r['entries']} entries with {r['images']} page images ({r['mb']} MB) against a plain "
        "upload of the same bytes (every image and the batch body POSTed to a sink that reads and drops "
        "them) over the same loopback, same server process, same run.\n\n"
        "| | seconds | MB/s | records/s |\n|---|---:|---:|---:|\n"
        f"| plain upload (best of 3) | {r['baseline_s']} | {r['baseline_mb_s']} | — |\n"
        f"| sync, network part (one images query + resumable upload, fsync + hash check on the server, signed batch "
        f"stored in the DB, receipt checked) | {r['network_s']} | {r['network_mb_s']} | {round(r['entries'] / r['network_s'], 1)} |\n"
        f"| sync, whole pass (also: receipt, outbox and workflow `batched → sent`, audited, in the workspace) "
        f"| {r['sync_s']} | {r['sync_mb_s']} | {r['records_per_s']} |\n\n"
        f"The network part reaches **{r['network_ratio'] * 100:.0f}%** of the plain upload, the whole pass "
        f"**{r['ratio'] * 100:.0f}%** (target ≥ 80%). The rest of the pass ({r['local_s']} s) is local "
        "bookkeeping: moving 1,000 entries through `records.services.transition`, one audit event each. "
        f"Sealing the batch (canonical JSON, hashes, Ed25519 signature, workflow) took {r['seal_s']} s before the pass.\n\n"
        "**Target not met**, and not reachable with the guarantees kept: the plain upload only moves bytes "
        "into a sink, while the sync pass must also make every image durable and hash-checked before it "
        "counts, store the signed batch in one PostgreSQL transaction, and record the receipt and the "
        "audited workflow step for 1,000 entries in the workspace. Both client and server run in this one "
        "Python process (the server in a thread), so they also share one interpreter lock on 2 cores.\n\n"
        "Where the time goes (timers around each stage, under cProfile, which inflates the Python-heavy parts; same data, load ~2.5): "
        "image uploads 0.38-0.50 s for 100 images, 3 at a time (each image is hashed while received and "
        "fsynced before it is reported complete: about 2-3 ms per fsync on this disk; 100 sequential "
        "uploads took 0.57-0.74 s with the fsync and 0.30-0.46 s without it, against 0.15-0.17 s to the sink); "
        "`POST /v1/batches` about 0.3 s (1 MB body parsed, 1,000 content hashes and the Ed25519 signature "
        "checked, the images' folders fsynced, 1,000 rows inserted with one executemany INSERT ... ON "
        "CONFLICT RETURNING: 0.23 s in `ingest.submit_batch`); the retry state before the attempt and the "
        "`submitted` state 0.03 s each; local bookkeeping 0.33 s, nearly all of it `records.services.transition` "
        "flushing 1,000 entry updates and 1,000 chained, MACed audit events through the ORM.\n\n"
        "Before this round (same bench, same machine, load ~1): plain upload 0.16 s, sync pass 1.55 s "
        "(10%; network part 0.99 s, local 0.56 s, seal 1.27 s).\n\n"
        "Changes in this round: the outbox retry state (before each attempt), `submitted` and "
        "`acknowledged` are written with one bulk UPDATE each instead of loading and changing 1,000 ORM "
        "objects (retry state 0.11 → 0.03 s, acknowledgement 0.59 → 0.33 s); `services.transition` "
        "refreshes the states of all touched pages with one query instead of one per page; the device "
        "token check runs on the event loop when cached (no thread-pool hop per request); the server now "
        "also fsyncs the folders of a batch's images once, before its receipt (the rename into place was "
        "not made durable before; one fsync per folder per batch instead of per image: 87 folders, 0.015 s). "
        "Sealing: `create_batch` read each entry's values with its own query (flushing the session "
        "each time) and, since the session's identity map holds unchanged objects weakly, reloaded the "
        "register, page and two users for every entry; it now reads all values in a few queries and "
        "holds those rows while building the documents (documents and hashes unchanged): 2.1 s → 0.6 s "
        f"under cProfile, {r['seal_s']} s in this run. There was only one "
        "fsync per image on the network path (the second `os.fsync` in storage.py is the USB import path), "
        "so none was removed. More parallel uploads (6 or 8 instead of 3) were measured and were not "
        "faster: client and server compete for the same 2 cores and one interpreter lock. Earlier steps: one "
        "`POST /v1/images/query` instead of a HEAD per image, hashing while receiving, one executemany "
        "INSERT for the batch, cached token lookups, one audit-chain tail read per transaction. The "
        "benchmark's definition is unchanged. The plain upload varies 0.15-0.9 s between runs on this "
        "shared machine (0.54 s at load ~10), so compare the ratio only within one run.\n"
    )
    if "\n## Sync\n" in text:
        head, _, rest = text.partition("\n## Sync\n")
        nxt = rest.find("\n## ")
        text = head + section + (rest[nxt:] if nxt >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n" + section
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
