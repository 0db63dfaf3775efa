"""Approving a page of 40 rows, as the review screen does, with and without the check that
its rows are still what the reviewer was shown.

`records.services.transition(..., seen=...)` takes the write lock first, reads every
approved row's current values and compares their fingerprint, version and state with what
the review screen loaded (`desktop.review.queries.review_page`, which now computes those
fingerprints). This times, in one process on one workspace: loading the page for review,
and approving its 40 rows (12 jamabandi fields each) in a transaction rolled back
afterwards so that every run approves the same submitted rows; median and best of
`--repeats`. Then, as a supervisor waits for it, the approval committed (SQLite's fsync
included), each of `--commits` runs on a fresh copy of the workspace. Run it once with the code before the check on PYTHONPATH (it then times the
approval without `seen`, as the review did) and once with the code after:

    PYTHONPATH=OLD_TREE nice .venv/bin/python bench/approve_bench.py   # before
    nice .venv/bin/python bench/approve_bench.py                       # after
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIELDS = {
    "khewat_no": "{k}", "khatooni_no": "{r}", "patti": "پتی شرقی",
    "owner": "محمد اسلم ولد غلام رسول قوم اعوان سکنہ دیہہ", "share": "1/1", "cultivator": "خود کاشت",
    "irrigation": "چاہی", "khasra_nos": "{a}/5، {b}", "area": "{c}-5", "land_class": "نہری",
    "rent": "بٹائی نصف", "remarks": "انتقال نمبر 1234",
}


def build(root: Path, rows: int, seed: int = 1):
    """A workspace with one submitted page of `rows` rows; returns (workspace, supervisor, page id)."""
    from bench.bench_workspace import clerk_supervisor_register
    from records import services

    ws, ca, sa, reg = clerk_supervisor_register(root)
    rnd = random.Random(seed)
    with ws.session() as s:
        page = services.add_page(s, ws.images, actor=ca, register_id=reg, data=rnd.randbytes(256))
        for r in range(rows):
            values = {k: v.format(k=r + 1, r=r + 1, a=100 + 2 * r, b=101 + 2 * r, c=rnd.randint(1, 40))
                      for k, v in FIELDS.items()}
            services.add_entry(s, actor=ca, register_id=reg, page_id=page.page_id, values=values)
    with ws.session() as s:
        services.submit_page(s, actor=ca, page_id=page.page_id)
    return ws, sa, page.page_id


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--commits", type=int, default=7)
    args = ap.parse_args()

    from desktop.review import queries
    from records import services

    checked = hasattr(services, "seen_of")
    with tempfile.TemporaryDirectory() as tmp:
        ws, sup, pid = build(Path(tmp) / "ws", args.rows)
        loads, approvals = [], []
        for _ in range(args.repeats):
            with ws.session() as s:
                t = time.perf_counter()
                page = queries.review_page(s, pid)  # what the review screen loads
                loads.append(time.perf_counter() - t)
            ids = [r.entry_id for r in page.rows]
            kw = {"seen": [r.seen for r in page.rows]} if checked else {}
            s = ws.Session()
            try:
                t = time.perf_counter()
                services.transition(s, actor=sup, entry_ids=ids, action="approve", **kw)
                s.flush()
                approvals.append(time.perf_counter() - t)
            finally:
                s.rollback()
                s.close()
        ws.close()
        from records.workspace import Workspace

        committed = []
        for i in range(args.commits):
            copy = Path(tmp) / f"copy{i}"
            shutil.copytree(Path(tmp) / "ws", copy)
            ws = Workspace.open(copy)
            try:
                t = time.perf_counter()
                with ws.session() as s:
                    page = queries.review_page(s, pid)
                    kw = {"seen": [r.seen for r in page.rows]} if checked else {}
                with ws.session() as s:
                    services.transition(s, actor=sup, entry_ids=[r.entry_id for r in page.rows], action="approve", **kw)
                committed.append(time.perf_counter() - t)
            finally:
                ws.close()
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.1f} ms, best {min(xs) * 1000:.1f} ms"  # noqa: E731
    print(f"{'after (seen checked)' if checked else 'before (no check)'}: {args.rows} rows, {args.repeats} runs")
    print(f"  load the page for review: {ms(loads)}")
    print(f"  approve the page:         {ms(approvals)}")
    print(f"  load, approve and commit: {ms(committed)}")


if __name__ == "__main__":
    main()
