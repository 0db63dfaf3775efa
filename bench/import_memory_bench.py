"""Peak resident memory of the import dialog listing and importing a folder of scans.

A patwari office imports a whole register at once. The import dialog held the bytes of every
page it listed until Import was pressed (a folder of 1,000 scans of 2-5 MB: 2-5 GB, more
than a 4 GB office PC has); it now keeps a small preview and the hash, and the import reads
each page again from its file.

Each measurement runs in a fresh process (offscreen Qt, its own workspace): the import
dialog of a new register lists the folder (`add_paths`), then imports it (`do_import`).
Read from /proc/self/status: VmHWM (peak resident) after listing, VmRSS while the pages are
listed, and VmHWM of the import alone (reset before it through /proc/self/clear_refs). The
baseline is the same process with the dialog open and nothing listed, measured in the same
run; `--before TREE` measures another checkout of the project (the code before the change:
`git worktree add /tmp/before COMMIT`, or `git archive COMMIT | tar -x -C DIR`) the same way,
the two interleaved.

    nice -n 10 .venv/bin/python bench/import_memory_bench.py [--pages 300] [--before DIR] [--write]

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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Import dialog: memory while listing and importing a folder (desktop/capture)"


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

        wait(lambda: True)
        out: dict = {"baseline": status()}
        if mode == "import":
            t = time.perf_counter()
            dlg.add_paths([folder])
            wait(lambda: dlg._loading == 0 and len(dlg.items) > 0)
            out["list_s"] = time.perf_counter() - t
            out["listed"] = status()
            out["pages"] = len(dlg.items)
            out["reset"] = reset_peak()
            t = time.perf_counter()
            dlg.do_import()
            wait(lambda: dlg.report is not None)
            out["import_s"] = time.perf_counter() - t
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
    ap.add_argument("--before", type=Path, help="a checkout of the code before the change")
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
        trees = [("before the change", args.before.resolve())] if args.before else []
        trees.append(("this checkout", ROOT))
        rows = []
        for label, tree in trees:  # each: its own baseline, then the folder, in fresh processes
            base = measure(tree, folder, "baseline")["baseline"]["VmHWM"]
            r = measure(tree, folder, "import")
            print(label, json.dumps(r), file=sys.stderr)
            rows.append((label, base, r))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def ratio(x: float, base: float) -> str:
        return f"{x / base:.1f}x"

    lines = [SECTION, "",
             f"`bench/import_memory_bench.py --pages {args.pages}{' --before DIR' if args.before else ''}` on "
             f"{dt.date.today()}, {os.cpu_count()} cores shared with other jobs, offscreen Qt. A folder of "
             f"{args.pages} gray A4 pages at 300 dpi (2480 x 3508 PNG, 2-3 MB each, {size / 1e6:.0f} MB in all) "
             "listed by the import dialog of a new register, then imported. Resident memory from "
             "/proc/self/status in a fresh process per measurement; the baseline is the same process with "
             "the dialog open and nothing listed (ratios: against it, in the same run).", "",
             "| code | baseline peak | peak while listing | held while listed (over baseline) "
             "| peak of the import | listing / import time |",
             "|---|---|---|---|---|---|"]
    for label, base, r in rows:
        held = r["listed"]["VmRSS"] - r["baseline"]["VmRSS"]
        imp = r["imported"]["VmHWM"] if r["reset"] else float("nan")
        lines.append(f"| {label} | {base:.0f} MB | {r['listed']['VmHWM']:.0f} MB ({ratio(r['listed']['VmHWM'], base)}) "
                     f"| +{held:.0f} MB ({held / r['pages'] * 1000:.0f} kB a page) | {imp:.0f} MB ({ratio(imp, base)}) "
                     f"| {r['list_s']:.0f} s / {r['import_s']:.0f} s |")
    print("\n".join(lines))
    if args.write:
        path = ROOT / "docs" / "benchmarks.md"
        text_ = path.read_text(encoding="utf-8")
        block = "\n".join(lines) + "\n"
        if SECTION in text_:
            head, rest = text_.split(SECTION, 1)
            nxt = rest.find("\n## ")
            text_ = head + block + (rest[nxt + 1:] if nxt >= 0 else "")
        else:
            text_ = text_.rstrip("\n") + "\n\n" + block
        path.write_text(text_, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
