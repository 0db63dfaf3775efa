"""Peak resident memory, and time, of the import dialog listing and importing a folder of
scans; and how long an edit saved during the import waits for the database-writer thread.

A patwari office imports a whole register at once. The import dialog held the bytes of every
page it listed until Import was pressed (a folder of 1,000 scans of 2-5 MB: 2-5 GB, more
than a 4 GB office PC has); it now keeps a small preview and the hash, and the import reads
each page again from its file.

Each measurement runs in a fresh process (offscreen Qt, its own workspace): the import
dialog of a new register lists the folder (`add_paths`), then imports it (`do_import`).
Read from /proc/self/status: VmHWM (peak resident) after listing, VmRSS while the pages are
listed, and VmHWM of the import alone (reset before it through /proc/self/clear_refs). The
baseline is the same process with the dialog open and nothing listed, measured in the same
run.

While the import runs, a thread stands for the clerk's autosave elsewhere: every 0.1 s it
saves an edit (services.set_value on a row of another register) on the writer thread and
times how long it waited from being queued to being saved; the import's total time is from
Import pressed to its report. The baseline for the edits is the same edit saved 20 times in
the same process before the import (nothing else queued).

`--before TREE` measures another checkout of the project (the code before the change:
`git worktree add /tmp/before COMMIT`, or `git archive COMMIT | tar -x -C DIR`) the same way,
each tree in turn.

    nice -n 10 .venv/bin/python bench/import_memory_bench.py [--pages 300] [--before [LABEL=]DIR ...] [--repeat N] [--write]

`--write` replaces this script's section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Import dialog: memory and time listing and importing a folder, and edits saved meanwhile (desktop/capture)"


def status() -> dict[str, float]:
    """VmHWM and VmRSS of this process, in MB."""
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out[key] = int(value.split()[0]) / 1024
    return out


def reset_peak() -> bool:
    """Start VmHWM again from the current resident size (Linux: clear_refs 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def make_folder(folder: Path, n: int, seed: int = 7) -> int:
    """`n` gray A4 pages at 300 dpi (2480 x 3508), PNG, 2-3 MB each: white with a band of
    noise (scanner grain that does not compress) of a height that sets the size. Returns bytes."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        page = np.full((3508, 2480), 250, dtype=np.uint8)
        band = int(rng.integers(820, 1200))
        top = int(rng.integers(200, 3508 - band - 200))
        page[top:top + band] = rng.integers(0, 256, (band, 2480), dtype=np.uint8)
        path = folder / f"scan-{i + 1:04d}.png"
        Image.fromarray(page).save(path, compress_level=1)
        total += path.stat().st_size
    return total


def child(tree: str, folder: str, mode: str) -> None:
    """One measurement (runs in its own process with `tree` first on sys.path)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, tree)
    from desktop.capture.import_dialog import ImportDialog
    from desktop.context import AppContext
    from desktop.fonts import load_fonts
    from desktop.main import _app
    from desktop.signin import default_actor
    from records import services as S
    from records.workspace import Workspace

    app = _app()
    load_fonts()
    tmp = Path(tempfile.mkdtemp(prefix="daftar-importmem-"))
    try:
        ws = Workspace.open(tmp / "ws", create=True)
        actor = default_actor(ws)
        ctx = AppContext.create(ws, actor)
        with ws.session() as s:
            rid = S.create_register(s, actor=actor, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                    mauza="دیہہ", hadbast_no="1", year="2019-20")
        dlg = ImportDialog(ctx, rid)
        dlg.resize(900, 600)
        dlg.show()

        def wait(cond, timeout=3600.0) -> None:
            end = time.monotonic() + timeout
            while ctx.runner.busy or not cond():
                app.processEvents()
                ctx.runner.drain()
                if time.monotonic() > end:
                    raise TimeoutError
                time.sleep(0.002)

        with ws.session() as s:
            other = S.create_register(s, actor=actor, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                      mauza="دیگر", hadbast_no="2", year="2019-20")
            eid = S.add_entry(s, actor=actor, register_id=other)
        edits = [0]

        def edit() -> None:  # what autosave does: one value, one transaction, on the writer
            edits[0] += 1
            with ws.session() as s:
                S.set_value(s, actor=actor, entry_id=eid, field_name="khewat_no", text=str(edits[0]))

        def saved_after(writer) -> float:
            t = time.perf_counter()
            writer.submit(edit).result()  # (the executor itself: the same in both trees)
            return time.perf_counter() - t

        wait(lambda: True)
        out: dict = {"baseline": status()}
        if mode == "import":
            t = time.perf_counter()
            dlg.add_paths([folder])
            wait(lambda: dlg._loading == 0 and len(dlg.items) > 0)
            out["list_s"] = time.perf_counter() - t
            out["listed"] = status()
            out["pages"] = len(dlg.items)
            out["edit_idle_s"] = sorted(saved_after(ctx.runner._writer) for _ in range(20))[10]
            out["reset"] = reset_peak()
            waits: list[float] = []
            ended = threading.Event()

            def autosave() -> None:  # every edit queued before the import ended counts
                while not ended.is_set():
                    waits.append(saved_after(ctx.runner._writer))
                    ended.wait(0.1)

            t = time.perf_counter()
            dlg.do_import()
            clerk = threading.Thread(target=autosave)
            clerk.start()
            wait(lambda: dlg.report is not None)
            out["import_s"] = time.perf_counter() - t
            ended.set()
            clerk.join()
            out["edits"] = len(waits)
            out["edit_max_s"] = max(waits, default=float("nan"))
            out["edit_median_s"] = sorted(waits)[len(waits) // 2] if waits else float("nan")
            out["imported"] = status()
            out["added"] = len(dlg.report.added)
            out["bad"] = dlg.report.bad[:3]
        dlg.close()
        ctx.close()
        ws.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(out))


def measure(tree: Path, folder: Path, mode: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    res = subprocess.run([sys.executable, __file__, "--child", str(tree), str(folder), mode],
                         capture_output=True, text=True, env=env, cwd=tree, check=False)
    if res.returncode:
        raise SystemExit(f"{tree} {mode} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--before", action="append", default=[], metavar="[LABEL=]DIR",
                    help="a checkout of the code before the change (repeatable; measured in the order given)")
    ap.add_argument("--repeat", type=int, default=1, help="import runs per tree, interleaved (medians reported)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--child", nargs=3, metavar=("TREE", "FOLDER", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return 0

    work = Path(tempfile.mkdtemp(prefix="daftar-importmem-bench-"))
    try:
        folder = work / "register"
        t = time.perf_counter()
        size = make_folder(folder, args.pages)
        print(f"made {args.pages} pages, {size / 1e6:.0f} MB, in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        trees = []
        for spec in args.before:
            label, _, tree = spec.rpartition("=")
            trees.append((label or "before the change", Path(tree).resolve()))
        trees.append(("this checkout", ROOT))
        rows = []
        for label, tree in trees:  # each: its own baseline in a fresh process
            rows.append((label, measure(tree, folder, "baseline")["baseline"]["VmHWM"], []))
        for _ in range(args.repeat):  # the folder imported by each tree in turn, in fresh processes
            for (label, tree), (_label, _base, runs) in zip(trees, rows, strict=True):
                runs.append(measure(tree, folder, "import"))
                print(label, json.dumps(runs[-1]), file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def ratio(x: float, base: float) -> str:
        return f"{x / base:.1f}x"

    lines = [SECTION, "",
             f"`bench/import_memory_bench.py --pages {args.pages}{' --before DIR' * len(args.before)}"
             f"{f' --repeat {args.repeat}' if args.repeat > 1 else ''}` on "
             f"{dt.date.today()}, {os.cpu_count()} cores shared with other jobs, offscreen Qt. A folder of "
             f"{args.pages} gray A4 pages at 300 dpi (2480 x 3508 PNG, 2-3 MB each, {size / 1e6:.0f} MB in all) "
             "listed by the import dialog of a new register, then imported. Resident memory from "
             "/proc/self/status in a fresh process per measurement; the baseline is the same process with "
             "the dialog open and nothing listed (ratios: against it, in the same run).", "",
             "| code | baseline peak | peak while listing | held while listed (over baseline) "
             "| peak of the import | listing / import time |",
             "|---|---|---|---|---|---|"]
    def median(runs: list[dict], key) -> float:
        xs = sorted(key(r) for r in runs)
        return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2

    rows = [(label, base, runs, runs[max(range(len(runs)), key=lambda i: -abs(runs[i]["import_s"] - median(runs, lambda r: r["import_s"])))])
            for label, base, runs in rows]
    for label, base, _runs, r in rows:
        held = r["listed"]["VmRSS"] - r["baseline"]["VmRSS"]
        imp = r["imported"]["VmHWM"] if r["reset"] else float("nan")
        lines.append(f"| {label} | {base:.0f} MB | {r['listed']['VmHWM']:.0f} MB ({ratio(r['listed']['VmHWM'], base)}) "
                     f"| +{held:.0f} MB ({held / r['pages'] * 1000:.0f} kB a page) | {imp:.0f} MB ({ratio(imp, base)}) "
                     f"| {r['list_s']:.0f} s / {r['import_s']:.1f} s |")
    first_import = median(rows[0][2], lambda r: r["import_s"])
    lines += ["", "An edit saved during the import (every 0.1 s, on the writer thread, as autosave does): how long "
              "it waited from being queued to being saved, against the same edit saved with nothing else queued "
              "(in the same process, before the import). Import time against the first row's, in the same run"
              + (f"; medians of {args.repeat} runs a tree, the trees in turn (the memory table: the run of the "
                 "median import time)." if args.repeat > 1 else "."), "",
              "| code | import time | edits saved during it | longest wait of an edit | median wait "
              "| the edit alone | longest wait / edit alone |",
              "|---|---|---|---|---|---|---|"]
    for label, _base, runs, _r in rows:
        imp, edits = median(runs, lambda r: r["import_s"]), median(runs, lambda r: r["edits"])
        longest, typical = median(runs, lambda r: r["edit_max_s"]), median(runs, lambda r: r["edit_median_s"])
        alone = median(runs, lambda r: r["edit_idle_s"])
        lines.append(f"| {label} | {imp:.1f} s ({imp / first_import:.2f}x) | {edits:.0f} | {longest * 1000:.0f} ms "
                     f"| {typical * 1000:.0f} ms | {alone * 1000:.0f} ms | {longest / alone:.0f}x |")
    print("\n".join(lines))
    if args.write:
        sys.path.insert(0, str(ROOT))
        from bench.docs_section import write_section

        write_section(SECTION, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
