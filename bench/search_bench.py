"""Store benchmarks: search over 100,000 rows, the backup's quick check on them, backup/restore
and the demo build.

    nice -n 10 .venv/bin/python bench/search_bench.py [--rows 100000] [--write]

Search times are the best of 5 runs of `records.services.search` through a session; the
baseline is a full-table `SELECT count(*) FROM entry` in the same process, so the ratios
hold on a loaded machine. `--write` replaces this script's section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402
from bench.timing import best  # noqa: E402
from records import services as S  # noqa: E402
from records.audit import Actor  # noqa: E402
from records.backup import create_backup, restore_backup  # noqa: E402
from records.text import urdu_digits  # noqa: E402
from records.workspace import Workspace  # noqa: E402
from tests.records.bulk import bulk_rows, insert_bulk  # noqa: E402

SECTION = "## Store: search, backup and demo (records/services.py, records/backup.py, daftar/demo.py)"


def cpu() -> float:
    """CPU seconds of this process and its finished children."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def bench_search(tmp: Path, n_rows: int) -> list[tuple[str, float, str]]:
    ws = Workspace.open(tmp / "search", create=True)
    clerk = Actor(None, "bench", "clerk")
    with ws.session() as s:
        rid = S.create_register(s, actor=clerk, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                mauza="دیہہ", hadbast_no="1", year="2019-20")
    t = time.perf_counter()
    rows = insert_bulk(ws.db_path, rid, bulk_rows(n_rows, seed=5))
    insert_s = time.perf_counter() - t
    target = rows[int(n_rows * 0.73)]
    out = [(f"bulk insert of {n_rows:,} rows (setup, not search)", insert_s, "")]
    with ws.session() as s:
        from sqlalchemy import text

        base = best(lambda: s.execute(text("SELECT count(*) FROM entry WHERE search_owner != ''")).scalar(), 5)
        out.append(("full scan `count(*)` of entry (baseline)", base, "1x"))
        queries = [
            ("khewat number, Urdu digits (khewat OR khasra keys)", urdu_digits(target.khewat)),
            ("khasra number (indexed search_token table)", target.khasras[0]),
            ("owner name, Arabic yeh/kaf forms (LIKE)", target.owner.split(" ولد ")[0].translate(str.maketrans({"ی": "ي", "ک": "ك"}))),
            ("owner, no match", "کوئی نہیں ملا"),
        ]
        for label, q in queries:
            hits = len(S.search(s, q, limit=200))
            secs = best(lambda q=q: S.search(s, q, limit=200), 5)
            out.append((f"{label} -> {hits} hits", secs, f"{secs / base:.1f}x"))
    ws.close()
    return out


def bench_quick_check(tmp: Path, n_rows: int) -> list[tuple[str, float, str]]:
    """The backup's SQLite quick check of its database copy (records.backup._damage) on the
    search bench's workspace: the backup with it, as shipped, against the same backup with
    the check left out (the baseline, in this process), and the check alone; best of 3."""
    from unittest import mock

    from records import backup

    ws = Workspace.open(tmp / "search")
    db_mb = ws.db_path.stat().st_size / 1e6
    n = iter(range(100))

    def back_up() -> None:
        create_backup(ws, tmp / f"q{next(n)}.tar").path.unlink()

    with mock.patch.object(backup, "_damage", lambda *a, **k: None):
        base = best(back_up, 3)
    checked = best(back_up, 3)
    snap = tmp / "quick-check-copy.sqlite"
    ws.backup_database(snap)
    assert backup._damage(snap) is None
    alone = best(lambda: backup._damage(snap), 3)
    ws.close()
    return [(f"backup of the {n_rows:,}-row workspace ({db_mb:.0f} MB database), quick check left out (baseline)",
             base, "1x"),
            ("same, with SQLite's quick check of the copy (as shipped)", checked, f"{checked / base:.2f}x"),
            ("the quick check alone (`PRAGMA quick_check` of the copy)", alone, f"{alone / base:.2f}x")]


def bench_backup(tmp: Path) -> list[tuple[str, float, str]]:
    from daftar.demo import build_demo

    c, t = cpu(), time.perf_counter()
    res = build_demo(tmp / "demo")
    demo_s, demo_cpu = time.perf_counter() - t, cpu() - c
    c, t = cpu(), time.perf_counter()
    build_demo(tmp / "demo1", workers=1)
    demo1_s, demo1_cpu = time.perf_counter() - t, cpu() - c
    out = [(f"`daftar demo` build ({res.registers} registers, {res.pages} pages, {res.entries} rows), "
            f"2 render workers; CPU {demo_cpu:.1f} s", demo_s, ""),
           (f"same, rendering in one process; CPU {demo1_cpu:.1f} s", demo1_s, "")]
    ws = Workspace.open(tmp / "demo")
    size = sum(f.stat().st_size for f in (tmp / "demo").rglob("*") if f.is_file())
    t = time.perf_counter()
    b = create_backup(ws, tmp / "b1.tar")
    backup_s = time.perf_counter() - t
    out.append((f"backup of the demo workspace ({size / 1e6:.1f} MB -> {b.size / 1e6:.1f} MB .tar)", backup_s, "1x"))
    # backup while another thread keeps importing pages
    stop, added = threading.Event(), []
    clerk = Actor(None, "bench", "clerk")
    rid = 1

    def writer():
        while not stop.is_set():
            with ws.session() as s:
                S.add_page(s, ws.images, actor=clerk, register_id=rid, data=os.urandom(100_000))
            added.append(1)

    th = threading.Thread(target=writer)
    th.start()
    time.sleep(0.2)
    t = time.perf_counter()
    create_backup(ws, tmp / "b2.tar")
    busy_s = time.perf_counter() - t
    stop.set()
    th.join()
    out.append((f"backup while a writer imports pages ({len(added)} pages added meanwhile)", busy_s, f"{busy_s / backup_s:.1f}x"))
    ws.close()
    t = time.perf_counter()
    restore_backup(tmp / "b1.tar", tmp / "restored")
    restore_s = time.perf_counter() - t
    out.append(("restore (verify hashes + integrity_check + open + audit verify)", restore_s, f"{restore_s / backup_s:.1f}x"))
    return out




def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        search = bench_search(tmp, args.rows)
        quick = bench_quick_check(tmp, args.rows)
        backup = bench_backup(tmp)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [SECTION, "",
             f"`nice -n 10 .venv/bin/python bench/search_bench.py --write`, {dt.date.today()}, shared 2-core "
             f"dev machine (load average {load:.1f} at the end of the run: other jobs share it).", "",
             f"Search over {args.rows:,} latest rows of one register (best of 5):", "",
             "| step | time | vs. baseline |", "|---|---|---|"]
    lines += [f"| {label} | {secs * 1000:.1f} ms | {ratio} |" for label, secs, ratio in search]
    lines += ["", "Backup, restore and the demo (one run each):", "",
              "| step | time | vs. backup |", "|---|---|---|"]
    lines += [f"| {label} | {secs:.2f} s | {ratio} |" for label, secs, ratio in backup]
    lines += ["", f"The backup's quick check of its database copy (records/backup.py), on the {args.rows:,}-row "
              "workspace of the search (best of 3; the baseline is the same backup without the check, in the "
              "same process):", "", "| step | time | vs. baseline |", "|---|---|---|"]
    lines += [f"| {label} | {secs:.3f} s | {ratio} |" for label, secs, ratio in quick]
    lines += ["", "Reading: a digit query looks up the khewat number and the khasra tokens "
              "(each khasra number and its parents, table `search_token`, migration 0002), both "
              "indexed, so it does not grow with the register; before the token table it scanned "
              "every row (79-88 ms at 100,000 rows). Owner queries stop at the 200-hit limit; a "
              "miss scans the owner keys once. An FTS5 index is the next step if a workspace grows past about a million "
              "rows. Backup copies bytes (PNG pages do not compress, so the .tar is the size of "
              "the workspace) and is not slowed by a concurrent writer (WAL: the online backup "
              "reads a snapshot). The backup's quick check reads its whole database copy once "
              "before anything is written: on a workspace of rows alone it makes the backup about half "
              "as long again; page images are copied, not checked by it. The demo's CPU time is the "
              "stable number on this shared machine; wall time depends on the other jobs."]
    print("\n".join(lines))
    if args.write:
        write_section(SECTION, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
