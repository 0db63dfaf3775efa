"""The UI thread while work that still runs on a thread of the app allocates fast: what the
garbage collector makes it do (desktop.gc_guard collects every thread's garbage there).

    nice -n 10 .venv/bin/python bench/big_workspace.py /tmp/stall-ws      # once (~2 min)
    nice -n 10 .venv/bin/python bench/gc_bench.py /tmp/stall-ws [--json F] [--before F] [--write]

On a copy of the workspace, offscreen Qt, the keying vocabulary held (as the app holds it once
a register is open), a GuiThreadCollector held (as the app's TaskRunner holds one all session):
each job runs on a worker thread as the app runs it (the keying vocabulary read, a fard PDF, a
CSV export of every register, a backup) while a 10 ms QTimer beats on the UI thread. For each:
its seconds, the beats more than 50 ms late, the worst, and the garbage collections on the UI
thread during the job and the 1.5 s after it (how many, how long in all and at most, the most
young objects one had to look at, how many were full collections), then what a full
collection of the app's heap costs. `--write` replaces this script's section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402

SECTION = "## Responsiveness: garbage of background threads collected on the UI thread (desktop/gc_guard.py)"
LATE = 0.05


class GcLog:
    """Every collection: on which thread, which generation, how many young objects, how long."""

    def __init__(self) -> None:
        self.rows: list[tuple[bool, int, int, float]] = []
        self._t0 = 0.0
        self._young = 0
        self._main = threading.main_thread()

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._t0 = time.perf_counter()
            self._young = gc.get_count()[0]
        else:
            self.rows.append((threading.current_thread() is self._main, info["generation"], self._young,
                              time.perf_counter() - self._t0))


def measure(app, label: str, fn, log: GcLog) -> dict:
    from desktop.qt import QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(beat)
    done = threading.Event()
    err: list[BaseException] = []

    def work() -> None:
        try:
            fn()
        except BaseException as e:  # noqa: BLE001
            err.append(e)
        finally:
            done.set()

    start = len(log.rows)
    t0 = last[0] = time.perf_counter()
    timer.start()
    threading.Thread(target=work, name=f"bench-{label}").start()
    while not done.is_set():
        app.processEvents()
        time.sleep(0.002)
    secs = time.perf_counter() - t0
    timer.stop()
    if err:
        raise err[0]
    # the guard's beats for 1.5 s after the job (counted with it: what the guard set aside goes
    # back, and is looked at once), then a full collection, timed: what one costs on this heap
    end = time.perf_counter() + 1.5
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)
    rows = log.rows[start:]
    t = time.perf_counter()
    gc.collect()
    full_after = time.perf_counter() - t
    ui = [r for r in rows if r[0]]
    late = [g - 0.010 for g in gaps if g - 0.010 > LATE]
    return {"s": secs, "beats": len(gaps), "late_50": len(late), "late_max": max((g - 0.010 for g in gaps), default=0),
            "gc_ui_n": len(ui), "gc_ui_s": sum(r[3] for r in ui), "gc_ui_max": max((r[3] for r in ui), default=0),
            "gc_ui_young_max": max((r[2] for r in ui), default=0), "gc_ui_full": sum(r[1] == 2 for r in ui),
            "gc_ui_by_gen": {g: [round(r[3] * 1000, 1) for r in ui if r[1] == g] for g in (0, 1, 2)},
            "gc_other_n": len(rows) - len(ui), "full_after": full_after, "frozen_after": gc.get_freeze_count()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--before", type=Path)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--from-json", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated jobs")
    args = ap.parse_args()
    if args.from_json:
        report(json.loads(args.json.read_text()), args)
        return 0

    from sqlalchemy import text

    from desktop.main import _app
    from records.audit import SYSTEM
    from records.workspace import Workspace

    app = _app()
    tmp = Path(tempfile.mkdtemp(prefix="gc-bench-"))
    shutil.copytree(args.workspace, tmp / "ws")
    ws = Workspace.open(tmp / "ws")
    from desktop import gc_guard
    from records.suggest import Vocabulary

    with ws.session() as s:
        vocab = Vocabulary.from_session(s)  # held, as the app holds it once a register is open
        reg, khewat = s.execute(text(
            "SELECT p.register_id, v.value FROM field_value v JOIN entry e ON e.id = v.entry_id "
            "JOIN page p ON p.id = e.page_id WHERE v.field = 'khewat_no' AND v.current GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1")
        ).one()
    if hasattr(gc_guard, "after_start_up"):
        gc_guard.after_start_up()
    guard = gc_guard.GuiThreadCollector()
    log = GcLog()
    gc.callbacks.append(log)
    out: dict = {"heap": len(gc.get_objects())}

    def vocabulary() -> None:
        with ws.session() as s:
            Vocabulary.from_session(s)

    def fard() -> None:
        from records.reports.fard import fard_pdf

        fard_pdf(ws, tmp / "fard.pdf", register_id=reg, khewat=khewat)

    def export() -> None:
        from records.exports.csv_export import CsvFilter, export_csv

        with ws.session() as s:
            ids = tuple(s.execute(text("SELECT id FROM register WHERE template_id = 'jamabandi'")).scalars())
        export_csv(ws, tmp / "all.csv", CsvFilter(register_ids=ids))

    def export_process() -> None:  # as the app's export dialog runs it since fix-gcthreads
        from desktop.job_process import workspace_args
        from desktop.procjob import run_in_process

        with ws.session() as s:
            ids = list(s.execute(text("SELECT id FROM register WHERE template_id = 'jamabandi'")).scalars())
        run_in_process("desktop.job_process:csv_export", {**workspace_args(ws), "out": str(tmp / "p.csv"),
                       "register_ids": ids, "raw": False, "excel_safe": False})

    def backup() -> None:
        from records.backup import back_up

        back_up(ws, SYSTEM, tmp / "backups")

    # the jobs the app moved to job processes in fix-jobs, as it ran them before (a thread) and now
    def in_process(target: str, **kw):
        from desktop.job_process import workspace_args
        from desktop.procjob import run_in_process

        return run_in_process(target, {**workspace_args(ws), **kw})

    def fard_process() -> None:
        in_process("desktop.job_process:fard", out=str(tmp / "fp.pdf"), register_id=reg, khewat=khewat, owner=None,
                   urdu_digits=None)

    def json_export() -> None:
        from records.exports.json_export import export_json

        export_json(ws, tmp / "e.json", register_ids=[reg], images="none")

    def json_process() -> None:
        in_process("desktop.job_process:json_export", out=str(tmp / "ep.json"), register_ids=[reg], images="none")

    with ws.session() as s:
        sheet = list(s.execute(text("SELECT id FROM entry ORDER BY id LIMIT 2000")).scalars())

    def handover() -> None:
        from records.reports.handover import handover_pdf

        handover_pdf(ws, tmp / "h.pdf", entry_ids=sheet)

    def handover_process() -> None:
        in_process("desktop.job_process:handover", out=str(tmp / "hp.pdf"), batch_id=None, entry_ids=sheet,
                   urdu_digits=None)

    def backup_process() -> None:
        in_process("desktop.job_process:backup", actor=SYSTEM, folder=str(tmp / "backup-process.tar"))

    jobs = {"vocabulary": vocabulary, "fard": fard, "fard_process": fard_process, "export": export,
            "export_process": export_process, "json": json_export, "json_process": json_process,
            "handover": handover, "handover_process": handover_process, "backup": backup,
            "backup_process": backup_process}
    only = [j for j in args.only.split(",") if j] or list(jobs)
    for name in only:
        out[name] = measure(app, name, jobs[name], log)
        print(name, out[name], flush=True)
    gc.callbacks.remove(log)
    guard.release()
    del vocab
    ws.close()
    shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    report(out, args)
    os._exit(0)


def report(out: dict, args) -> None:
    before = json.loads(args.before.read_text()) if args.before else {}

    def cell(d: dict, name: str) -> str:
        if name not in d:
            return "-"
        r = d[name]
        return (f"{r['s']:.1f} s; {r['late_50']} beats >50 ms late of {r['beats']} ({r['late_50'] / max(r['beats'], 1):.1%}),"
                f" worst {r['late_max'] * 1000:.0f} ms; UI-thread GC {r['gc_ui_n']} runs, {r['gc_ui_s'] * 1000:.0f} ms"
                f" ({r['gc_ui_s'] / r['s']:.1%} of the job), at most {r['gc_ui_max'] * 1000:.0f} ms /"
                f" {r['gc_ui_young_max']:,} young objects, {r['gc_ui_full']} full (job and 1.5 s after); a full collection"
                f" then {r.get('full_after', 0) * 1000:.0f} ms")

    names = {"vocabulary": "keying vocabulary read", "fard": "fard PDF (the biggest khewat)",
             "fard_process": "the same fard in a job process (desktop/job_process.py:fard)",
             "export": "CSV export, every jamabandi register",
             "export_process": "the same CSV export in a job process (desktop/procjob.py), a thread waiting",
             "json": "JSON export of that register (10,000 entries, no images)",
             "json_process": "the same JSON export in a job process (job_process.py:json_export)",
             "handover": "handover sheet of 2,000 entries",
             "handover_process": "the same handover sheet in a job process (job_process.py:handover)",
             "backup": "backup", "backup_process": "the same backup in a job process (job_process.py:backup)"}
    lines = [SECTION, "",
             f"`bench/gc_bench.py` on {dt.date.today()} over the workspace of `bench/big_workspace.py`, offscreen Qt, "
             f"the keying vocabulary held ({out.get('heap', 0):,} objects tracked), each job on a worker thread while "
             "a 10 ms QTimer beats on the UI thread; shared 2-core machine.", "",
             "| job on a thread | before | after |", "|---|---|---|"]
    for k, label in names.items():
        if k in out or k in before:
            lines.append(f"| {label} | {cell(before, k)} | {cell(out, k)} |")
    print("\n".join(lines))
    if args.write:
        write_section(SECTION, lines + [""] + NOTES)


NOTES: list[str] = [
    "Before: desktop/gc_guard.py collected on the UI thread every 500 ms whatever every thread had "
    "allocated: a worker building a CSV export's rows or a fard's story left 100,000-200,000 live young "
    "objects at a beat, each collection 10-155 ms of the window's time (the most under load), and the same "
    "objects were looked at again in generation 1. After: a beat that finds more than 50,000 young objects "
    "sets them aside (`gc.freeze`, nothing looked at; refcounting frees what dies as ever), and the first "
    "calm beat puts them back into the oldest generation (`gc.unfreeze`), where the next full collection "
    "(which comes anyway: by the guard's thresholds every 121st collecting beat, about a minute while the "
    "app is used) looks at what is left of them once; "
    "the last figure of each cell is what one full collection of this heap costs, the same before and "
    "after. Collection is never switched off for good: the guard's beats "
    "still collect what the UI thread and slow threads leave.",
    "",
    "The export dialog's CSV export now runs in a job process (desktop/job_process.py:csv_export; the "
    "`the same CSV export in a job process` row): no collection of its garbage and no late beat on the UI "
    "thread, for about a second or more of wall time (spawn, imports, the workspace opened again; 9.2 s "
    "against 5.4 s on a thread in this run).",
    "",
    "The late beats left while a job runs (40-130 ms, rare) come with no collection on the UI thread: "
    "the worker holding the Python lock in one long call (a query's rows fetched at once, a PDF page laid "
    "out; not sampled here, bench/stall_watch.py can), not the collector; a job process "
    "(desktop/procjob.py) would remove them, at about a second to start each. Single runs on a shared "
    "machine: a job's seconds vary by 2x between runs; the counts of collections and young objects do not.",
]

if __name__ == "__main__":
    sys.exit(main())
