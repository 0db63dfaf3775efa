"""What a job process costs against a thread of the app, for the jobs the desktop moved there.

    nice -n 10 .venv/bin/python bench/job_start_bench.py WORKSPACE [WORKSPACE...]

For each workspace (a copy is used; bench/big_workspace.py builds them, `--registers 3
--pages 4` for ~150 entries a register, `--pages 40` for ~2,000), best of 3 on the shared machine:
a job process that does nothing (spawn, imports), one that opens the workspace and closes it,
and the fard of the register's biggest khewat made on a thread (as FARD_ON_THREAD_MAX keeps a
small register's) and in a job process (desktop.job_process:fard), with the most young objects
the thread's fard left alive at once (what desktop.gc_guard's UI-thread beat would look at);
the same for the handover sheet of the biggest batch. An encrypted workspace (`daftar demo
--encrypted`) is unlocked as admin / demo ($DAFTAR_USER, $DAFTAR_PASSWORD).

`--warm`: the process rows again with a spare job process made ready first
(desktop.procjob.keep_warm, as the signed-in app keeps one), each run's spare waited for
before the clock starts (`*_warm`), the handover sheet's too, and the resident memory of
an idle spare (`spare_rss_mb`).

`--pair`: two jobs opening the workspace asked close together, the first in a spare made
ready: the second's time when asked at once (`open_second_at_once`) and 0.3 s after
(`open_second_after_0.3s`), against a cold job alone (`open_cold`); medians of 6, as the
second one's time depends on what runs beside it.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.timing import best  # noqa: E402


def nothing(*, progress, **_):
    return None


def open_only(*, root, key, first_use=None, schema=None, progress):
    from desktop.job_process import _open

    _open(root, key, first_use, schema).close()


def _warm(fn):
    """fn with a spare job process ready (waited for) before it starts."""
    from desktop import procjob

    def run():
        procjob.keep_warm(True)
        import time

        while procjob.spare_pid() is None:
            time.sleep(0.01)
        _idle(procjob.spare_pid())  # (its imports done: the app makes it 3 s after it is idle)
        t = time.perf_counter()
        fn()
        took = time.perf_counter() - t
        procjob.keep_warm(False)
        return took

    return run


def _cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _idle(pid: int, quiet: float = 0.3, most: float = 10.0) -> None:
    """Wait until process `pid` has used no CPU for `quiet` seconds (a spare done importing);
    a fixed 1.5 s before (not enough for one that also imports the reports on a busy machine)."""
    import time

    end = time.monotonic() + most
    try:
        last = _cpu_ticks(pid)
        while time.monotonic() < end:
            time.sleep(quiet)
            now = _cpu_ticks(pid)
            if now == last:
                return
            last = now
    except (OSError, IndexError, ValueError):  # (not Linux: wait as before)
        time.sleep(1.5)


def spare_rss_mb() -> float:
    """The resident memory of a spare job process once its imports are done (VmRSS, MB)."""
    import time

    from desktop import procjob

    procjob.keep_warm(True)
    try:
        while procjob.spare_pid() is None:
            time.sleep(0.01)
        pid = procjob.spare_pid()
        _idle(pid)
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024
    finally:
        procjob.keep_warm(False)


def second_of_two(fn, gap: float) -> float:
    """The time of the second of two runs of `fn` asked `gap` s apart, the first one in a spare
    made ready (and waited for)."""
    import threading
    import time

    from desktop import procjob

    procjob.keep_warm(True)
    try:
        while procjob.spare_pid() is None:
            time.sleep(0.01)
        _idle(procjob.spare_pid())
        first = threading.Thread(target=fn)
        first.start()
        time.sleep(gap)
        t = time.perf_counter()
        fn()
        took = time.perf_counter() - t
        first.join()
        return took
    finally:
        procjob.keep_warm(False)


def pair(fn, n: int = 6) -> dict:
    import statistics
    import time

    def once() -> float:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t

    return {"open_cold": round(statistics.median(once() for _ in range(n)), 3),
            "open_second_at_once": round(statistics.median(second_of_two(fn, 0.0) for _ in range(n)), 3),
            "open_second_after_0.3s": round(statistics.median(second_of_two(fn, 0.3) for _ in range(n)), 3)}


def _best_warm(fn, n: int = 3) -> float:
    return min(_warm(fn)() for _ in range(n))


def _young_peak(fn) -> int:
    """The most young (generation 0) objects alive at once while fn runs, collection off."""
    peak = [0]

    def trace(frame, event, arg):
        c = gc.get_count()[0]
        if c > peak[0]:
            peak[0] = c
        return None

    gc.collect()
    gc.disable()
    sys.setprofile(lambda f, e, a: trace(f, e, a) if e == "call" else None)
    try:
        fn()
    finally:
        sys.setprofile(None)
        gc.enable()
    return peak[0]


def measure(src: Path, warm: bool = False) -> dict:
    from sqlalchemy import text

    from desktop.job_process import workspace_args
    from desktop.procjob import run_in_process
    from records.reports.fard import fard_pdf
    from records.workspace import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="job-start-"))
    shutil.copytree(src, tmp / "ws")
    key = None
    if Workspace.is_encrypted(tmp / "ws"):
        key = Workspace.unlock(tmp / "ws", os.environ.get("DAFTAR_USER", "admin"),
                               os.environ.get("DAFTAR_PASSWORD", "demo"))
    ws = Workspace.open(tmp / "ws", key=key)
    try:
        with ws.session() as s:
            reg, khewat = s.execute(text(
                "SELECT p.register_id, v.value FROM field_value v JOIN entry e ON e.id = v.entry_id "
                "JOIN page p ON p.id = e.page_id WHERE v.field = 'khewat_no' AND v.current "
                "GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1")).one()
            entries = s.execute(text("SELECT count(*) FROM entry WHERE register_id = :r"), {"r": reg}).scalar()
        fard_pdf(ws, tmp / "warm.pdf", register_id=reg, khewat=khewat)  # the office key made once
        args = workspace_args(ws)
        here = "bench.job_start_bench"
        out = {"workspace": str(src), "encrypted": key is not None, "register_entries": entries,
               "process_nothing": best(lambda: run_in_process(f"{here}:nothing", {})),
               "process_open": best(lambda: run_in_process(f"{here}:open_only", args)),
               "fard_thread": best(lambda: fard_pdf(ws, tmp / "t.pdf", register_id=reg, khewat=khewat)),
               "fard_process": best(lambda: run_in_process("desktop.job_process:fard", {
                   **args, "out": str(tmp / "p.pdf"), "register_id": reg, "khewat": khewat, "owner": None,
                   "urdu_digits": None})),
               "fard_young_peak": _young_peak(lambda: fard_pdf(ws, tmp / "y.pdf", register_id=reg, khewat=khewat))}
        if warm:
            fard_args = {**args, "out": str(tmp / "p.pdf"), "register_id": reg, "khewat": khewat, "owner": None,
                         "urdu_digits": None}
            out.update({
                "spare_rss_mb": round(spare_rss_mb(), 1),
                "process_nothing_warm": _best_warm(lambda: run_in_process(f"{here}:nothing", {})),
                "process_open_warm": _best_warm(lambda: run_in_process(f"{here}:open_only", args)),
                "fard_process_warm": _best_warm(lambda: run_in_process("desktop.job_process:fard", fard_args))})
        with ws.session() as s:
            batch, n = s.execute(text("SELECT batch_id, count(*) FROM outbox_item WHERE batch_id IS NOT NULL "
                                      "GROUP BY 1 ORDER BY 2 DESC LIMIT 1")).first() or (None, 0)
        if batch is not None:
            from records.reports.handover import handover_pdf

            out.update({"batch_entries": n,
                        "handover_thread": best(lambda: handover_pdf(ws, tmp / "h.pdf", batch_id=batch)),
                        "handover_process": best(lambda: run_in_process("desktop.job_process:handover", {
                            **args, "out": str(tmp / "hp.pdf"), "batch_id": batch, "entry_ids": None,
                            "urdu_digits": None})),
                        "handover_young_peak": _young_peak(lambda: handover_pdf(ws, tmp / "hy.pdf", batch_id=batch))})
            if warm:
                out["handover_process_warm"] = _best_warm(lambda: run_in_process("desktop.job_process:handover", {
                    **args, "out": str(tmp / "hp.pdf"), "batch_id": batch, "entry_ids": None, "urdu_digits": None}))
    finally:
        ws.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def measure_pair(src: Path) -> dict:
    from desktop.job_process import workspace_args
    from desktop.procjob import run_in_process
    from records.workspace import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="job-pair-"))
    shutil.copytree(src, tmp / "ws")
    key = None
    if Workspace.is_encrypted(tmp / "ws"):
        key = Workspace.unlock(tmp / "ws", os.environ.get("DAFTAR_USER", "admin"),
                               os.environ.get("DAFTAR_PASSWORD", "demo"))
    ws = Workspace.open(tmp / "ws", key=key)
    try:
        args = workspace_args(ws)
        return {"workspace": str(src), **pair(lambda: run_in_process("bench.job_start_bench:open_only", args))}
    finally:
        ws.close()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    for w in [a for a in sys.argv[1:] if not a.startswith("--")]:
        if "--pair" in flags:
            print(json.dumps(measure_pair(Path(w))), flush=True)
        else:
            print(json.dumps(measure(Path(w), warm="--warm" in flags)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
