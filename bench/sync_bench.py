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


def measure(root: Path, url: str, admin: str, certs, args, *, seed: int, link_rate: float | None,
            repeats: int) -> dict:
    """A fresh office workspace (its own images and entries) synced once, and the same bytes
    uploaded plainly, both directly on loopback or both through one shaped link."""
    import httpx

    from records.models import Batch
    from records.outbox import create_batch, submission
    from sync.engine import SyncEngine, enrol, load_config
    from tests.faultproxy import FaultProxy, Link

    t0 = time.perf_counter()
    ws, sup = build_workspace(root, args.entries, args.pages, args.image_kb, seed=seed)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with ws.session() as s:
        info = create_batch(s, actor=sup)
    seal_s = time.perf_counter() - t0
    proxy = None
    if link_rate:
        proxy = FaultProxy(("127.0.0.1", int(url.rsplit(":", 1)[1]))).start()
        proxy.link = Link(link_rate)
        url = f"https://127.0.0.1:{proxy.port}"
    try:
        enrol(ws, server_url=url, admin_token=admin, ca_bundle=str(certs.ca_cert))
        with ws.session() as s:
            body = json.dumps(submission(s.get(Batch, info.id)), ensure_ascii=False, separators=(",", ":")).encode()
        images = [ws.images.get(h) for h in info.images]
        total = sum(map(len, images)) + len(body)

        def baseline() -> float:
            ctx = ssl.create_default_context(cafile=str(certs.ca_cert))
            with httpx.Client(base_url=url, verify=ctx, headers={"Authorization": f"Bearer {admin}"}, timeout=120) as c:
                t = time.perf_counter()
                for data in images:
                    c.post("/v1/test/sink", content=data).raise_for_status()
                c.post("/v1/test/sink", content=body).raise_for_status()
                return time.perf_counter() - t

        if repeats > 1:
            baseline()  # warm up
        base_s = min(baseline() for _ in range(repeats))
        eng = SyncEngine(ws, load_config(ws, chunk_size=4 << 20))
        t0 = time.perf_counter()
        rep = eng.run_once()
        sync_s = time.perf_counter() - t0
        assert rep.ok and rep.entries_acknowledged == args.entries, rep.errors
    finally:
        if proxy:
            proxy.stop()
        ws.close()
    stages = {k: round(v, 3) for k, v in eng.stage_seconds.items()}
    local_s = stages.get("acknowledge", 0.0)
    mb = total / 1e6
    return {
        "link_mb_s": link_rate / 1e6 if link_rate else None, "mb": round(mb, 2),
        "baseline_s": round(base_s, 3), "baseline_mb_s": round(mb / base_s, 2),
        "sync_s": round(sync_s, 3), "sync_mb_s": round(mb / sync_s, 2),
        "records_per_s": round(args.entries / sync_s, 1), "ratio": round(base_s / sync_s, 3),
        "network_s": round(sync_s - local_s, 3), "network_ratio": round(base_s / (sync_s - local_s), 3),
        "local_s": local_s, "seal_s": round(seal_s, 3), "build_s": round(build_s, 1), "stages": stages,
    }


def build_workspace(root: Path, entries: int, pages: int, image_kb: int, seed: int = 1):
    from bench.bench_workspace import clerk_supervisor_register
    from records import services

    ws, ca, sa, reg = clerk_supervisor_register(root)
    rnd = random.Random(seed)
    with ws.session() as s:
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
    ap.add_argument("--server", choices=("process", "thread"), default="process",
                    help="run the server as its own process (like the real central server, default) or in a thread of this one")
    ap.add_argument("--links", type=lambda s: [float(x) for x in s.split(",") if x], default=[1.0, 4.0, 12.5],
                    help="also measure over a link shaped to these MB/s (shared by all connections), comma-separated")
    ap.add_argument("--write", action="store_true", help="append the result to docs/benchmarks.md")
    args = ap.parse_args()

    from sync.devcerts import make_dev_certs
    from sync.server import Settings, create_app
    from tests.pg import PG_BIN, free_port, start_cluster
    from tests.sync.conftest import ServerThread, start_server_process

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
        port = free_port()
        url = f"https://127.0.0.1:{port}"
        if args.server == "thread":
            app = create_app(Settings(db, tmp / "store", admin_token=admin, test_hooks=True))
            srv = ServerThread(app, port, certs).start()
        else:
            srv = ServerProcess(start_server_process(db, tmp / "store", port, certs, admin, test_hooks=True))

        results = []
        for n, rate in enumerate([None, *args.links]):
            results.append(measure(tmp / f"ws{n}", url, admin, certs, args, seed=n + 1,
                                   link_rate=rate * 1e6 if rate else None, repeats=1 if rate else 3))
        srv.stop()
        if args.server == "thread":
            app.state.engine.dispose()
    finally:
        if cluster:
            cluster.stop()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)

    res = {"entries": args.entries, "images": args.pages, "database": "postgresql-15" if cluster else "sqlite",
           "server": args.server, "cpus": os.cpu_count(), "load": round(os.getloadavg()[0], 1), "runs": results}
    print(json.dumps(res))
    if args.write:
        write_doc(res)
    return 0


class ServerProcess:
    """`daftar server` in its own process (the central server is another machine in real life)."""

    def __init__(self, proc):
        self.proc = proc

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except Exception:
            self.proc.kill()


def met_text(runs: list[dict]) -> str:
    shaped = [x for x in runs if x["link_mb_s"] is not None]
    ok = [x["link_mb_s"] for x in shaped if x["ratio"] >= 0.8]
    if not shaped:
        return ""
    if len(ok) == len(shaped):
        return (f"**Met on every shaped link measured** (up to {max(ok):g} MB/s = {max(ok) * 8:g} Mbit/s; offices "
                "connect by DSL, 3G/4G or satellite, mostly well below that).")
    if ok:
        return f"**Met on the shaped links of {', '.join(f'{x:g}' for x in ok)} MB/s**, not on the faster ones."
    return "**Not met on any shaped link measured.**"


def write_doc(r: dict) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    runs = r["runs"]
    raw = next(x for x in runs if x["link_mb_s"] is None)
    rows = []
    for x in runs:
        link = "loopback, unshaped" if x["link_mb_s"] is None else f"shared link {x['link_mb_s']:g} MB/s ({x['link_mb_s'] * 8:g} Mbit/s)"
        rows.append(f"| {link} | {x['baseline_s']} s, {x['baseline_mb_s']} MB/s | {x['sync_s']} s, {x['sync_mb_s']} MB/s, "
                    f"{x['records_per_s']} records/s | **{x['ratio'] * 100:.0f}%** |")
    st = raw["stages"]
    section = (
        "\n## Sync\n\n"
        f"`nice -n 5 .venv/bin/python bench/sync_bench.py --write` ({time.strftime('%Y-%m-%d')}, "
        f"{r['cpus']} cores shared with other jobs, load average {r.get('load', '?')}, TLS, server database {r['database']}, "
        f"the server in {'its own process' if r['server'] == 'process' else 'a thread of the bench process'}).\n\n"
        f"Each run: a fresh office workspace with a batch of {r['entries']} approved entries on {r['images']} page images "
        f"({raw['mb']} MB with the batch body). The plain upload POSTs the same bytes (every image, then the batch "
        "body) one after the other to a sink endpoint of the same server that reads and drops them; the sync pass does "
        "everything for real (one images query, resumable uploads 3 at a time, hash check on the server, images made "
        "durable, signed batch verified and stored in PostgreSQL, receipt checked, outbox and audited workflow "
        "`batched → sent` in the workspace). Shaped runs go through the in-repo fault proxy "
        "(`tests/faultproxy.py`, `Link`): one line of that many MB/s in each direction shared by all connections, as an "
        "office's one connection is; both sides of a row go through the same link in the same run.\n\n"
        "| link | plain upload | sync pass | sync / plain |\n|---|---:|---:|---:|\n" + "\n".join(rows) + "\n\n"
        f"Target ≥ 80%. {met_text(runs)} **Not met on unshaped loopback**, where moving bytes costs "
        "nothing and the ratio measures only the per-batch work the plain upload does not do: with an unshaped link the "
        f"sync pass spends {st.get('images_upload', 0)} s uploading (plain: {raw['baseline_s']} s for all bytes), "
        f"{st.get('submit_batch', 0)} s on the batch request (1 MB body; 1,000 content hashes and the Ed25519 "
        "signature checked, images fsynced, 1,000 rows stored) and "
        f"{st.get('acknowledge', 0)} s on local bookkeeping (receipt, 1,000 entries through `services.transition`, "
        "1,000 chained, MACed audit events). That fixed cost (about "
        f"{round(raw['sync_s'] - raw['baseline_s'], 2)} s per 1,000 entries here) is why the ratio falls as the link gets "
        f"faster; the break-even for 80% is a link of about {raw['mb'] / (4 * max(0.01, raw['sync_s'] - raw['baseline_s'])):.0f} MB/s. "
        f"Sealing the batch (canonical JSON, hashes, signature, workflow) took {raw['seal_s']} s before the pass.\n\n"
        "Changes in this round (2026-11-25, third stop): the server runs in its own process in this bench, like the "
        "real central server (it shared one interpreter lock with the client before); images are verified when "
        "received but made durable with their batch (group commit: the batch's images fsynced together, several at a "
        "time, then each changed folder once, before the receipt; a verified image not yet durable waits in `ready/` "
        "and is hashed again when the server starts, so a power cut can only make the office send it again); the "
        "upload handler no longer hops to a thread to finish an image; the batch body is sent gzip-compressed "
        "(1 MB of JSON → about 0.17 MB; the server inflates it with a size limit) and large answers come back "
        "compressed (so on a shaped link the sync pass moves about 0.8 MB fewer bytes than the plain upload, "
        "which sends the body as it is; before compression the same bench gave 94% at 1 MB/s and 90% at 4 MB/s); "
        "workflow steps write their 1,000 audit events with one INSERT (`audit.record_many`, the same chain, "
        "hashes and MACs); the acknowledgement updates the outbox with one Core executemany and runs with "
        "Python's cyclic garbage collector paused (its passes over the short-lived ORM objects cost 0.07-0.09 s); "
        "PostgreSQL stores a batch's entries with COPY "
        "into a temporary table and one INSERT ... SELECT ... ON CONFLICT DO NOTHING (was a 9,000-parameter "
        "INSERT); the test-only fault hook is plain ASGI middleware; the fault proxy sets TCP_NODELAY (without it a "
        "single connection waited for delayed ACKs and a plain upload reached only half a shaped link) and gained a "
        "shared `Link`. Unshaped loopback before this round (same machine, server in a thread): plain 0.15-0.18 s, "
        "sync 0.9-1.05 s (14-19%).\n\n"
        "Earlier rounds: one `POST /v1/images/query` instead of a HEAD per image; hashing while receiving; bulk "
        "UPDATEs of the outbox (retry state, `submitted`, `acknowledged`); one query for page states in "
        "`services.transition`; cached device-token checks on the event loop; `create_batch` reading all values in "
        "a few queries (seal 2.1 s → 0.6 s under cProfile). More parallel uploads (6 or 8) were not faster on 2 "
        "cores. The unshaped plain upload varies 0.09-0.9 s between runs on this shared machine, so compare ratios "
        "only within one run.\n"
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
