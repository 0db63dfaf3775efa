"""Startup time of Daftar to a usable window, on a virtual X screen (Xvfb, Qt's xcb plugin).

Launches a program (default: the installed /opt/daftar/daftar-app, else dist/daftar/daftar-app;
for comparison `python -m daftar.cli app` from source) and polls the X server with `xwininfo`
until the window a clerk works in is mapped (IsViewable):

- sign-in: a normal start on a workspace that has users; the first window is the sign-in
  screen (the computer's language is already chosen);
- main window: `daftar-app --user admin` with $DAFTAR_PASSWORD set, the unattended start,
  until the main window ("Daftar — admin (...)", or its Urdu title) is up: opening the workspace, checking the password
  (argon2), building the main window.

Each case runs a few times with a prepared HOME and workspace; the median is reported.

    nice -n 10 .venv/bin/python bench/startup_bench.py [--program PATH] [--runs 3] [--write]

Needs Xvfb and xwininfo (Debian: xvfb, x11-utils). `--write` appends to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """An Xvfb server on a display number it picks itself (-displayfd); (process, ":N")."""
    r, w = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        number = f.readline().strip()
    if not number:
        raise SystemExit("Xvfb did not start")
    return proc, f":{number}"


def _viewable_windows(display: str) -> list[str]:
    """Names of the mapped top-level windows on `display`."""
    tree = subprocess.run(["xwininfo", "-root", "-children", "-display", display],
                          capture_output=True, text=True).stdout
    names = []
    for m in re.finditer(r"^\s+(0x[0-9a-f]+) \"([^\"]+)\"", tree, re.M):
        info = subprocess.run(["xwininfo", "-id", m.group(1), "-display", display],
                              capture_output=True, text=True).stdout
        if "IsViewable" in info:
            names.append(m.group(2))
    return names


PASSWORD = "startup-bench-1"


def prepare(home: Path) -> None:
    """A workspace with an administrator and a saved UI language, as on a used office PC."""
    code = (
        "from records.workspace import Workspace\n"
        "from records.accounts import create_user\n"
        f"ws = Workspace.open({str(home / 'workspace')!r}, create=True)\n"
        "with ws.session() as s:\n"
        f"    create_user(s, actor=None, username='admin', password={PASSWORD!r}, role='admin', check_rules=False)\n"
        "ws.close()\n"
        "from desktop.i18n import save_language\n"
        "save_language('ur')\n"
    )
    subprocess.run([sys.executable, "-c", code], env={**os.environ, "HOME": str(home)}, check=True, cwd=ROOT)


def time_to_window(cmd: list[str], display: str, home: Path, want, timeout: float = 120.0) -> float:
    """Seconds from launching `cmd` until `want(window names)` is true on `display`."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "DISPLAY": display,
           "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8", "DAFTAR_HOME": str(home / "workspace"),
           "DAFTAR_PASSWORD": PASSWORD}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        while time.perf_counter() - t0 < timeout:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}: {proc.stderr.read().decode()[-800:]}")
            if want(_viewable_windows(display)):
                return time.perf_counter() - t0
            time.sleep(0.02)
        raise RuntimeError(f"no window after {timeout:.0f} s: {_viewable_windows(display)}")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def measure(cmd: list[str], display: str, runs: int) -> tuple[float, float]:
    """(to the sign-in screen, to the main window with automatic sign-in): medians in seconds."""
    home = Path(tempfile.mkdtemp(prefix="daftar-startup-"))
    try:
        prepare(home)
        signin = [time_to_window(cmd, display, home, bool) for _ in range(runs)]
        main = [time_to_window([*cmd, "--user", "admin"], display, home,
                               lambda names: any("— admin" in n for n in names))  # "Daftar — admin (...)", any language
                for _ in range(runs)]
        return statistics.median(signin), statistics.median(main)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    installed = Path("/opt/daftar/daftar-app")
    ap.add_argument("--program", default=str(installed if installed.exists() else ROOT / "dist" / "daftar" / "daftar-app"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--write", action="store_true", help="append the results to docs/benchmarks.md")
    args = ap.parse_args()
    xvfb, display = start_xvfb()
    try:
        cases = {f"frozen build ({args.program})": [args.program],
                 "from source (python -m daftar.cli app)": [sys.executable, "-m", "daftar.cli", "app"]}
        rows = []
        for name, cmd in cases.items():
            if not Path(cmd[0]).exists():
                print(f"skip {name}: {cmd[0]} not found")
                continue
            signin, main_window = measure(cmd, display, args.runs)
            rows.append((name, signin, main_window))
            print(f"{name}: sign-in screen {signin:.2f} s, main window (automatic sign-in) "
                  f"{main_window:.2f} s (medians of {args.runs})")
    finally:
        xvfb.terminate()
        xvfb.wait()
    if args.write and rows:
        load = os.getloadavg()[0]
        lines = ["", "| program | to the sign-in screen | to the main window (`--user`, $DAFTAR_PASSWORD) |",
                 "|---|---|---|"]
        lines += [f"| {n} | {f:.2f} s | {lt:.2f} s |" for n, f, lt in rows]
        lines += ["", f"Measured {time.strftime('%Y-%m-%d')} on the 2-core development machine (load average "
                  f"{load:.1f} while measuring; other work was running), Xvfb with Qt's xcb plugin, "
                  f"median of {args.runs} starts per case.", ""]
        with open(ROOT / "docs" / "benchmarks.md", "a", encoding="utf-8") as f:
            f.write("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
