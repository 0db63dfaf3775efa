"""What encryption at rest costs: import, OCR, page open and search on an encrypted
workspace against a plain one, in the same process and run.

    nice -n 10 .venv/bin/python bench/encryption_bench.py [--rows 20000] [--pages 16] [--write]

Both workspaces get the same rendered register pages (PNG, 200 dpi) and the same bulk
rows. Times are the best of 3 runs (import: one run of every page; OCR: one run, page
bytes from the store into ocr.pipeline in this process, as the OCR worker does).
Ratios are encrypted / plain. `--write` replaces this script's section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench.docs_section import write_section  # noqa: E402
from records import services as S  # noqa: E402
from records.accounts import get_user  # noqa: E402
from records.crypto import KDF  # noqa: E402
from records.text import normalise, urdu_digits  # noqa: E402
from records.workspace import Workspace  # noqa: E402
from tests.records.bulk import bulk_rows  # noqa: E402

SECTION = "## Encryption at rest (records/crypto.py, SQLCipher, AES-GCM page images)"
LIGHT = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def make_pages(n: int) -> list[bytes]:
    """n distinct page PNGs (3 rendered register pages, each copy with its own pixel mark)."""
    from ocr.synth import random_register, render_page
    from records.templates import get_template

    tpl = get_template("jamabandi")
    base = []
    for seed in range(3):
        header, rows = random_register(tpl, 8, random.Random(seed))
        base.append(render_page(tpl, header, rows, font="naskh", seed=seed, dpi=200).image)
    out = []
    for i in range(n):
        img = np.array(base[i % 3], copy=True)
        img[0, i % img.shape[1]] = 0
        ok, buf = cv2.imencode(".png", img)
        out.append(buf.tobytes())
    return out


def insert_bulk(ws: Workspace, register_id: int, rows) -> None:
    """The rows of tests/records/bulk.py, through the workspace's own (maybe SQLCipher) connection."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    con = ws.connect_raw()
    try:
        first = con.execute("SELECT coalesce(max(id), 0) FROM entry").fetchone()[0] + 1
        con.executemany(
            "INSERT INTO entry (id, uuid, version, register_id, page_id, row_no, state, is_latest, "
            "deleted, created_at, updated_at, search_khewat, search_khasra, search_owner) "
            "VALUES (?, ?, 1, ?, NULL, ?, 'draft', 1, 0, ?, ?, ?, ?, ?)",
            ((first + i, str(uuid.uuid4()), register_id, i + 1, now, now, normalise(k),
              " " + " ".join(normalise(t) for t in ks) + " ", normalise(o)) for i, (k, ks, o) in enumerate(rows)),
        )
        con.commit()
    finally:
        con.close()


def _create(root: Path, encrypted: bool) -> Workspace:
    if encrypted:
        ws, _code = Workspace.create_encrypted(root, admin_username="admin", admin_password="admin-pass-1", kdf=LIGHT)
        return ws
    from records import access

    ws = Workspace.open(root, create=True)
    access.create_user(ws, actor=None, username="admin", password="admin-pass-1", role="admin")
    return ws


def _pair(fn_plain, fn_enc, n: int = 3) -> tuple[float, float]:
    """Best of n for each, the two runs interleaved so machine load hits both alike."""
    p, e = [], []
    for _ in range(n):
        t = time.perf_counter()
        fn_plain()
        p.append(time.perf_counter() - t)
        t = time.perf_counter()
        fn_enc()
        e.append(time.perf_counter() - t)
    return min(p), min(e)


def run(tmp: Path, pages: list[bytes], rows, n_ocr: int) -> dict[str, tuple[float, float]]:
    """{step: (plain seconds, encrypted seconds)} per item."""
    from desktop.ocr_worker import ocr_page
    from records import access
    from records.templates import get_template

    wss = [_create(tmp / "plain", False), _create(tmp / "enc", True)]
    r: dict[str, tuple[float, float]] = {}
    rids, admins = [], []
    for ws in wss:
        with ws.session() as s:
            admins.append(get_user(s, 1).actor())
            rids.append(S.create_register(s, actor=admins[-1], template="jamabandi", district="لاہور",
                                          tehsil="رائیونڈ", mauza="دیہہ", hadbast_no="1", year="2019-20"))

    def importer(k):
        def add(data, i):
            with wss[k].session() as s:
                S.add_page(s, wss[k].images, actor=admins[k], register_id=rids[k], data=data, name=f"p{i}.png")
        return add

    # import: hash, (encrypt), write and fsync each page, one transaction per page (interleaved)
    tot = [0.0, 0.0]
    for i, data in enumerate(pages):
        for k in (0, 1):
            t = time.perf_counter()
            importer(k)(data, i)
            tot[k] += time.perf_counter() - t
    r["import"] = (tot[0] / len(pages), tot[1] / len(pages))
    shas = []
    for k, ws in enumerate(wss):
        with ws.session() as s:
            shas.append([p.image_sha256 for p in S.list_pages(s, rids[k])])

    def opener(k, decode=True):
        def go():
            for sha in shas[k]:
                data = wss[k].images.get(sha)
                if decode:
                    cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        return go

    p, e = _pair(opener(0), opener(1))
    r["page open"] = (p / len(pages), e / len(pages))
    p, e = _pair(opener(0, False), opener(1, False), 5)
    r["page read only"] = (p / len(pages), e / len(pages))
    # OCR: bytes from the store into the pipeline (the worker's path, in this process)
    tpl = get_template("jamabandi")
    ocr_page(wss[0].images.get(shas[0][-1]), tpl)  # load the Tesseract models first (not timed)
    readings = [None, None]
    times: list[list[float]] = [[], []]
    for i in range(n_ocr):  # page i is the same image in both workspaces
        for k in (0, 1):
            t = time.perf_counter()
            readings[k] = ocr_page(wss[k].images.get(shas[k][i % 3]), tpl)
            times[k].append(time.perf_counter() - t)
    r["OCR"] = (min(times[0]), min(times[1]))
    tot = [0.0, 0.0]
    for k in (0, 1):
        t = time.perf_counter()
        with wss[k].session() as s:
            S.save_ocr_rows(s, actor=admins[k], page_id=1, rows=readings[k])
        tot[k] = time.perf_counter() - t
    r["save OCR rows"] = (tot[0], tot[1])
    # search over bulk rows
    for k in (0, 1):
        insert_bulk(wss[k], rids[k], rows)
    target = rows[int(len(rows) * 0.73)]
    sessions = [ws.Session() for ws in wss]
    for label, q in (("search khewat", urdu_digits(target[0])), ("search khasra", target[1][0]),
                     ("search owner", target[2].split(" ولد ")[0]), ("search miss", "کوئی نہیں ملا")):
        for s in sessions:
            S.search(s, q, limit=200)  # warm up
        r[label] = _pair(lambda q=q: S.search(sessions[0], q, limit=200),
                         lambda q=q: S.search(sessions[1], q, limit=200), 5)
    for s in sessions:
        s.close()
    for ws in wss:
        ws.close()
    # sign in: argon2id unwrap of the key at the office cost + open + password check
    from records.crypto import KeySlots

    enc = tmp / "enc"
    slots = KeySlots.load(enc / "keys")
    slots.data["kdf"] = dict(KDF)
    slots.add_user("admin", "admin-pass-1", Workspace.unlock(enc, "admin", "admin-pass-1"))

    def sign_in(root):
        def go():
            w, _u = access.sign_in(root, username="admin", password="admin-pass-1")
            w.close()
        return go

    r["sign in"] = _pair(sign_in(tmp / "plain"), sign_in(enc), 5)
    r["size MB"] = tuple(sum(f.stat().st_size for f in (tmp / n).rglob("*") if f.is_file()) / 1e6
                         for n in ("plain", "enc"))
    return r




def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--pages", type=int, default=16)
    ap.add_argument("--ocr", type=int, default=3, help="OCR runs per workspace (best one reported)")
    ap.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = ap.parse_args()
    pages = make_pages(args.pages)
    rows = bulk_rows(args.rows, seed=5)
    with tempfile.TemporaryDirectory() as d:
        res = run(Path(d), pages, rows, args.ocr)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    size = sum(len(p) for p in pages) / len(pages) / 1e3
    labels = {
        "import": f"import one page ({size:.0f} kB PNG: hash, encrypt, write, fsync, row)",
        "page open": "open a page (read, decrypt, decode the PNG)",
        "page read only": "read a page image from the store (no decode)",
        "OCR": "OCR of one page (stored bytes, decrypted in memory, to readings)",
        "save OCR rows": "store the OCR rows of one page (8 rows)",
        "search khewat": f"search a khewat number over {args.rows:,} rows",
        "search khasra": "search a khasra number",
        "search owner": "search an owner name (200-hit limit)",
        "search miss": "search with no match (full scan)",
        "sign in": "sign in (argon2id unwrap of the key at the office cost + open + password check)",
        "size MB": "workspace size on disk (MB)",
    }
    lines = [SECTION, "",
             f"`nice -n 10 .venv/bin/python bench/encryption_bench.py --write`, {dt.date.today()}, shared 2-core "
             f"dev machine (load average {load:.1f} at the end: other jobs share it). The same "
             f"{args.pages} rendered pages and {args.rows:,} rows go into a plain and an encrypted "
             "workspace in one run, each step run on both in turn (so load hits both alike); times "
             "are per item, best of 3-5 (import: mean of one pass; OCR: best of 3 runs).", "",
             "| step | plain | encrypted | encrypted / plain |", "|---|---|---|---|"]
    for key, label in labels.items():
        p, e = res[key]
        if key == "size MB":
            lines.append(f"| {label} | {p:.1f} | {e:.1f} | {e / p:.2f}x |")
        else:
            lines.append(f"| {label} | {p * 1000:.1f} ms | {e * 1000:.1f} ms | {e / p:.2f}x |")
    import sqlite3

    import sqlcipher3

    lines += ["", f"Reading: page images are AES-256-GCM with the hash bound in (hardware AES: a fraction "
              "of a millisecond for a 240 kB page, lost in the noise of this shared machine), so "
              "import, page open and OCR cost the same within noise: decoding the PNG and OCR "
              "dominate. The database is SQLCipher (AES-256 per 4 kB page with an HMAC); its "
              f"bundled SQLite ({sqlcipher3.sqlite_version}) is newer than the system one the plain "
              f"workspace uses ({sqlite3.sqlite_version}), which is why its searches can even be "
              "faster: the encryption cost of reading hot pages from the page cache is small. "
              "Signing in is slower by design: argon2id (64 MiB, 3 passes) unwraps the "
              "workspace key before the password check, making password guessing on a stolen "
              "disk expensive. Ratios below 1 are machine noise or the newer SQLite, not a gain "
              "from encryption."]
    print("\n".join(lines))
    if args.write:
        write_section(SECTION, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
