"""Random input into the real desktop app: sticky keys and restless mice, for crashes,
tracebacks, Qt criticals, exits nobody asked for, UI freezes and damaged records.

    Xvfb :85 -screen 0 1366x768x24 &
    DISPLAY=:85 .venv/bin/python bench/monkey.py --user clerk1 --minutes 5 --seed 1
    DISPLAY=:85 .venv/bin/python bench/monkey.py --user ro1 --lang ur --keyboard phonetic --dialogs --ocr

Not a CI test (it takes minutes and needs Xvfb and xdotool). Each run:

- copies a demo workspace (made once with `daftar demo` under --base) to OUT/ws, with its own
  log folder (OUT/log: $DAFTAR_LOG_DIR) and interface settings (OUT/ui.ini:
  $DAFTAR_UI_SETTINGS); --lang sets the user's interface language (and the sign-in
  screen's); --ocr puts the demo's pages waiting for OCR back in the queue, so the app reads
  them (worker processes) while the monkey plays;
- starts the app (`nice`, `-X faulthandler`) signed in as --user through `daftar app --user`
  with $DAFTAR_PASSWORD. In the app process a timer beat (bench/stall_watch.StallWatch)
  notes every gap of the UI thread over --freeze seconds with where the time went, and a
  small driver timer writes OUT/state.json (the modal dialog up, the menu bar's titles) and
  opens a menu's dialog when the monkey asks (--dialogs: export, users, preferences, sync
  panel, audit trail, review, ...), as a click on the menu would;
- for --minutes sends, with --seed: every shortcut of the app's menus and page (as F1 lists
  them), Tab/Enter/Esc/arrows/PgUp/PgDn/Home/End/F-keys, Urdu and Latin text, digits, '/',
  '-', ',', clicks at random places and on the menu bar and its menus; --keyboard urdu or
  phonetic turns the Urdu keyboard (F9) or phonetic typing (Shift+F9) on at each start and
  leaves those keys out of the random ones. Signed out or locked, it signs in again;
- restarts the app when it exits (noting the last actions before: Ctrl+Q or a click in a
  menu ask for it, anything else did not), and at the end kills it and runs
  `daftar audit verify` and `daftar check` on the workspace.

It prints (and writes to OUT/report.txt) every traceback and ERROR/CRITICAL line of the
app's log and stderr, every Qt critical, every exit, every freeze, and the two checks.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

# every shortcut of the app (desktop.mainwindow's ActionSpecs, the page's tool bar and keying
# aids, the review screen's keys: what F1 lists), and the keys every form answers
APP_KEYS = ["ctrl+n", "ctrl+i", "ctrl+f", "ctrl+1", "ctrl+b", "ctrl+l", "ctrl+shift+l", "F1", "F7", "F8",
            "F9", "shift+F9", "ctrl+z", "ctrl+y", "ctrl+shift+z", "ctrl+d", "ctrl+shift+d", "ctrl+r",
            "ctrl+shift+r", "ctrl+shift+o", "ctrl+shift+s", "ctrl+shift+a", "ctrl+shift+b", "ctrl+space",
            "ctrl+Insert", "ctrl+Delete", "ctrl+0", "alt+Up", "alt+Down", "ctrl+Return", "ctrl+shift+Up",
            "ctrl+shift+Down"]
MOVE_KEYS = (["Tab"] * 6 + ["shift+Tab"] * 2 + ["Return"] * 4 + ["Escape"] * 2 + ["Up", "Down", "Left", "Right"] * 3
             + ["Next", "Prior", "Home", "End", "Delete", "BackSpace", "space", "F2", "F3", "F4", "F5", "F6",
                "F10", "F11", "F12", "ctrl+a", "ctrl+c", "ctrl+v", "ctrl+x", "ctrl+Home", "ctrl+End", "Menu",
                "alt+F4", "ctrl+w", "shift+Return", "ctrl+Tab"])
TEXT = list("0123456789/-,.۰۱۲۳۴۵۶۷۸۹٠١٢abcdeklmnsABZاسلمآبپتٹجچحخدڈرڑزسشکگلمنوہیےئءۓ ")
QUIT = {"ctrl+q", "alt+F4"}
DIALOGS = ["exportData", "users", "preferences", "showSync", "audit", "review", "progressReport", "saveFard",
           "previewFard", "importPages", "newRegister", "changePassword", "shortcuts", "about", "showReturned",
           "movePage", "copyForward", "runOcr", "backUp"]


# ----------------------------------------------------------------------------- the app side
def child(argv: list[str]) -> int:
    """The app, with a freeze watch and the monkey's driver (runs in the app's process)."""
    p = argparse.ArgumentParser()
    p.add_argument("--workspace")
    p.add_argument("--user")
    p.add_argument("--state")
    p.add_argument("--freeze", type=float, default=2.0)
    a = p.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    import desktop.main as dm

    made = dm._app
    keep = []

    def _app():
        app = made()
        if not keep:
            from stall_watch import StallWatch

            from desktop.qt import QApplication, QTimer

            watch = StallWatch(threshold=a.freeze, beat_ms=20, live=True)
            watch.action = "starting"
            watch.start()
            driver = QTimer()
            driver.setInterval(300)
            state = Path(a.state)
            cmd = state.with_name("cmd")

            def tick() -> None:
                watch.action = "running"
                modal = QApplication.activeModalWidget()
                popup = QApplication.activePopupWidget()
                win = next((w for w in QApplication.topLevelWidgets()
                            if w.isVisible() and hasattr(w, "actions_by_name")), None)
                menus = []
                if win is not None:
                    bar = win.menuBar()
                    for act in bar.actions():
                        r = bar.actionGeometry(act)
                        if r.width() > 0:
                            c = bar.mapToGlobal(r.center())
                            menus.append([c.x(), c.y()])
                info = {"modal": type(modal).__name__ if modal else None,
                        "popup": type(popup).__name__ if popup else None,
                        "main": win is not None, "menus": menus, "t": time.time()}
                tmp = state.with_suffix(".tmp")
                tmp.write_text(json.dumps(info))
                os.replace(tmp, state)
                if cmd.exists():
                    name = cmd.read_text().strip()
                    cmd.unlink()
                    if name == "signin" and modal is not None and type(modal).__name__ in ("LoginDialog", "LockDialog"):
                        # (typed into the form's fields, as the user would; the monkey's keys find them by chance only)
                        if type(modal).__name__ == "LoginDialog":
                            modal.username.setText(a.user)
                        modal.password.setText("demo")
                        print("MONKEY signs in again", flush=True)
                        QTimer.singleShot(0, modal.submit)
                        return
                    act = win.actions_by_name.get(name) if win is not None else None
                    if act is not None and modal is None and act.isEnabled() and act.isVisible():
                        print(f"MONKEY opens {name}", flush=True)
                        QTimer.singleShot(0, act.trigger)

            driver.timeout.connect(tick)
            driver.start()
            keep.extend([watch, driver])
        return app

    dm._app = _app
    from daftar.cli import main

    return main(["app", "--workspace", a.workspace, "--user", a.user])


# ----------------------------------------------------------------------------- the monkey side
def sh(*args: str, timeout: float = 10) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout).stdout
    except subprocess.TimeoutExpired:
        return "TIMEOUT"


class Monkey:
    def __init__(self, a) -> None:
        self.a = a
        self.out = Path(a.out)
        self.rnd = random.Random(a.seed)
        self.ws = self.out / "ws"
        self.log_dir = self.out / "log"
        self.app_out = self.out / "app.out"
        self.state = self.out / "state.json"
        self.proc: subprocess.Popen | None = None
        self.recent: list[str] = []
        self.timeline: list[tuple[float, str]] = []
        self.exits: list[str] = []
        self.freeze_checks: list[str] = []
        self.actions = 0
        self.starts = 0
        self.env = {**os.environ, "DAFTAR_LOG_DIR": str(self.log_dir), "DAFTAR_HOME": str(self.ws),
                    "DAFTAR_UI_SETTINGS": str(self.out / "ui.ini"), "DAFTAR_PASSWORD": "demo",
                    "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1",
                    # what the monkey saves (exports, fards, backups, Qt's file dialog's history) stays in the run
                    "HOME": str(self.out / "home"), "XDG_CONFIG_HOME": str(self.out / "home/.config"),
                    "XDG_DATA_HOME": str(self.out / "home/.local/share"), "XDG_CACHE_HOME": str(self.out / "home/.cache"),
                    "XDG_STATE_HOME": str(self.out / "home/.local/state")}
        keys = APP_KEYS + MOVE_KEYS
        if a.keyboard != "off":
            keys = [k for k in keys if k not in ("F9", "shift+F9")]
        self.keys = keys

    # --- setup
    def prepare(self) -> None:
        base = Path(self.a.base)
        if not (base / "daftar.sqlite").exists():
            subprocess.run([PY, "-m", "daftar.cli", "demo", "--workspace", str(base)], check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
        if self.out.exists():
            shutil.rmtree(self.out)
        self.out.mkdir(parents=True)
        shutil.copytree(base, self.ws, ignore=shutil.ignore_patterns("daftar.lock"))
        self.log_dir.mkdir()
        for sub in ("Documents", "Desktop", ".config"):
            (self.out / "home" / sub).mkdir(parents=True)
        code = (
            "import sys\n"
            "from records.workspace import Workspace\n"
            "from records import accounts, services\n"
            "from records.models import User, Page\n"
            "from sqlalchemy import select\n"
            "ws = Workspace.open(sys.argv[1])\n"
            "with ws.session() as s:\n"
            "    for u in s.scalars(select(User)): accounts.set_profile(s, user_id=u.id, language=sys.argv[2])\n"
            "    if sys.argv[3] == '1':\n"
            "        n = 0\n"
            "        for p in s.scalars(select(Page)):\n"
            "            if p.ocr_status not in ('done',) and p.state == 'draft':\n"
            "                services.set_ocr_status(s, page_id=p.id, status='queued'); n += 1\n"
            "        print('queued for OCR:', n)\n"
            "ws.close()\n"
            "from desktop.i18n import save_language\n"
            "save_language(sys.argv[2])\n"
        )
        r = subprocess.run([PY, "-c", code, str(self.ws), self.a.lang, "1" if self.a.ocr else "0"], cwd=ROOT,
                           env=self.env, capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(f"preparing the workspace failed:\n{r.stderr}")
        print(r.stdout.strip())

    # --- the app
    def start(self) -> None:
        self.starts += 1
        with open(self.app_out, "a") as f:
            f.write(f"\n===== start {self.starts} at {time.strftime('%H:%M:%S')}\n")
        self.state.unlink(missing_ok=True)
        out = open(self.app_out, "a")
        self.proc = subprocess.Popen(
            ["nice", "-n", "10", PY, "-X", "faulthandler", str(Path(__file__).resolve()), "--child",
             "--workspace", str(self.ws), "--user", self.a.user, "--state", str(self.state),
             "--freeze", str(self.a.freeze)],
            cwd=self.out / "home", env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        t0 = time.time()
        while time.time() - t0 < 90:
            st = self.read_state()
            if st and st.get("main"):
                break
            if self.proc.poll() is not None:
                return
            time.sleep(0.5)
        time.sleep(1)
        sh("xdotool", "mousemove", "683", "450", "click", "1")
        if self.a.keyboard == "urdu":
            self.key("F9")
        elif self.a.keyboard == "phonetic":
            self.key("shift+F9")

    def read_state(self) -> dict | None:
        try:
            return json.loads(self.state.read_text())
        except (OSError, ValueError):
            return None

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    # --- input
    def note(self, what: str) -> None:
        self.recent = (self.recent + [what])[-8:]
        self.actions += 1
        self.timeline.append((time.time(), what))
        with open(self.out / "actions.log", "a") as f:  # (to find what came before a problem in the log)
            f.write(f"{time.strftime('%H:%M:%S')}.{int(time.time() * 1000) % 1000:03d} {what}\n")

    def key(self, k: str) -> None:
        self.note(f"key {k}")
        sh("xdotool", "key", "--delay", "30", k)

    def type(self, s: str) -> None:
        self.note(f"type {s!r}")
        sh("xdotool", "type", "--delay", "20", s)

    def click(self, x: int, y: int, what: str = "click") -> None:
        self.note(f"{what} {x},{y}")
        sh("xdotool", "mousemove", str(x), str(y), "click", "1")

    def step(self) -> None:
        r = self.rnd.random()
        st = self.read_state() or {}
        if st.get("modal") in ("LoginDialog", "LockDialog") and self.rnd.random() < 0.3:
            self.sign_in_again(st["modal"])
            return
        if r < 0.08 and st.get("menus"):
            x, y = self.rnd.choice(st["menus"])
            self.click(x, y, "menu")
            time.sleep(0.3)
            dx = self.rnd.randint(-160, 160)
            self.click(max(5, min(1360, x + dx)), y + self.rnd.randint(20, 380), "in menu")
        elif r < 0.13 and self.a.dialogs:
            name = self.rnd.choice(DIALOGS + DIALOGS[:6])  # the export, users, preferences, sync, audit, review twice
            if st.get("modal") and st["modal"] not in ("LoginDialog", "LockDialog"):  # (Esc there quits: asked)
                self.key("Escape")  # (a menu's window opens only over the main window, as from its menu)
            self.note(f"open {name}")
            (self.out / "cmd").write_text(name)
        elif r < 0.55:
            k = self.rnd.choice(self.keys)
            if k in QUIT and self.rnd.random() < 0.8:
                k = "Escape"  # a quit now and then, not a tenth of the run restarting
            self.key(k)
        elif r < 0.60:  # a sticky key: held down, the keyboard repeats it
            k = self.rnd.choice([k for k in self.keys if k not in QUIT] + ["a", "minus", "slash", "1"])
            n = self.rnd.randint(5, 40)
            self.note(f"key {k} x{n}")
            sh("xdotool", "key", "--repeat", str(n), "--delay", "8", k)
        elif r < 0.86:
            self.type("".join(self.rnd.choice(TEXT) for _ in range(self.rnd.randint(1, 6))))
        else:
            x, y = self.rnd.randint(5, 1360), self.rnd.randint(30, 760)
            how = self.rnd.random()
            if how < 0.6:
                self.click(x, y)
            elif how < 0.72:
                self.note(f"double click {x},{y}")
                sh("xdotool", "mousemove", str(x), str(y), "click", "--repeat", "2", "--delay", "60", "1")
            elif how < 0.82:
                self.note(f"right click {x},{y}")
                sh("xdotool", "mousemove", str(x), str(y), "click", "3")
            elif how < 0.92:
                b = self.rnd.choice(["4", "5"])
                self.note(f"wheel {b} x5 {x},{y}")
                sh("xdotool", "mousemove", str(x), str(y), "click", "--repeat", "5", "--delay", "20", b)
            else:
                x2, y2 = self.rnd.randint(5, 1360), self.rnd.randint(30, 760)
                self.note(f"drag {x},{y} to {x2},{y2}")
                sh("xdotool", "mousemove", str(x), str(y), "mousedown", "1", "mousemove", "--sync", str(x2), str(y2),
                   "mouseup", "1")
        time.sleep(self.rnd.choice([0.02, 0.05, 0.2, 0.5]))

    def sign_in_again(self, kind: str) -> None:
        self.note(f"sign in again ({kind})")
        (self.out / "cmd").write_text("signin")
        time.sleep(1.5)

    # --- run
    def run(self) -> int:
        self.prepare()
        self.start()
        end = time.time() + self.a.minutes * 60
        last_beat = time.time()
        while time.time() < end:
            if self.proc.poll() is not None:
                self.exits.append(f"exit {self.proc.returncode} after: {' | '.join(self.recent[-5:])}")
                print("APP EXITED:", self.exits[-1], flush=True)
                self.start()
                continue
            st = self.read_state()
            if st and time.time() - st.get("t", 0) > 5 and time.time() - last_beat > 5:
                self.freeze_checks.append(f"state not written for {time.time() - st['t']:.0f} s after: "
                                          f"{' | '.join(self.recent[-5:])}")
                last_beat = time.time()
            self.step()
        self.stop()
        return self.report()

    def report(self) -> int:
        lines = [f"monkey: user={self.a.user} lang={self.a.lang} keyboard={self.a.keyboard} ocr={self.a.ocr} "
                 f"dialogs={self.a.dialogs} seed={self.a.seed} minutes={self.a.minutes}",
                 f"actions {self.actions}, starts {self.starts}"]
        lines += [f"EXIT {e}" for e in self.exits]
        lines += [f"NO STATE {e}" for e in self.freeze_checks]
        text = self.app_out.read_text(errors="replace")
        for log in sorted(self.log_dir.glob("daftar.log*")):
            text += "\n" + log.read_text(errors="replace")
        lines += find_problems(text)
        for log in sorted(self.log_dir.glob("daftar.log*")):  # each problem of the log with the actions before it
            for ln in log.read_text(errors="replace").splitlines():
                m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d+) (WARNING|ERROR|CRITICAL) ", ln)
                if m:
                    t = time.mktime(time.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")) + int(m.group(2)) / 1000
                    before = [w for at, w in self.timeline if t - 4 <= at <= t][-6:]
                    lines.append(f"BEFORE {ln[:160]}\n    " + " | ".join(before))
        for cmd in (["audit", "verify"], ["check"]):
            r = subprocess.run([PY, "-m", "daftar.cli", *cmd, "--workspace", str(self.ws)], cwd=ROOT, env=self.env,
                               capture_output=True, text=True)
            lines.append(f"daftar {' '.join(cmd)}: exit {r.returncode}")
            lines += ["    " + ln for ln in (r.stdout + r.stderr).strip().splitlines()[-12:]]
        report = "\n".join(lines)
        (self.out / "report.txt").write_text(report + "\n")
        print(report)
        return 0


def find_problems(text: str) -> list[str]:
    """Tracebacks, faulthandler dumps, ERROR/CRITICAL lines and freezes in the app's output
    and log, each once (with how many times it was seen)."""
    found: dict[str, int] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("Traceback") or "Fatal Python error" in ln or ln.startswith("Current thread"):
            j = i + 1
            while j < len(lines) and (lines[j].startswith((" ", "\t")) or lines[j].startswith("Thread")):
                j += 1
            block = "\n".join(lines[i:j + 1])
            found[block] = found.get(block, 0) + 1
            i = j + 1
            continue
        if re.search(r" (WARNING|ERROR|CRITICAL) | STALL in |^Q[A-Za-z]+::|QPainter|Qt critical", ln):
            key = re.sub(r"^\S+ \S+ ", "", ln)  # without its time
            if "STALL in" in ln:
                j = i + 1
                while j < len(lines) and lines[j].startswith("           "):
                    j += 1
                key = "\n".join([ln] + lines[i + 1:j])
            found[key] = found.get(key, 0) + 1
        i += 1
    return [f"PROBLEM ({n}x):\n{b}" for b, n in found.items()]


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child(sys.argv[2:])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--user", default="clerk1", choices=["clerk1", "girdawar1", "ro1", "admin"])
    p.add_argument("--minutes", type=float, default=5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lang", default="en", choices=["en", "ur"])
    p.add_argument("--keyboard", default="off", choices=["off", "urdu", "phonetic"])
    p.add_argument("--ocr", action="store_true", help="pages waiting for OCR are read while the monkey plays")
    p.add_argument("--dialogs", action="store_true", help="open the menus' dialogs now and then")
    p.add_argument("--freeze", type=float, default=2.0, help="a UI gap longer than this (s) is a freeze")
    p.add_argument("--base", default="/tmp/monkey/base", help="the demo workspace copied for each run")
    p.add_argument("--out", default=None, help="this run's folder (default /tmp/monkey/run-USER-LANG-SEED)")
    a = p.parse_args()
    if not os.environ.get("DISPLAY"):
        raise SystemExit("set DISPLAY to an Xvfb of your own (Xvfb :85 -screen 0 1366x768x24 &)")
    a.out = a.out or f"/tmp/monkey/run-{a.user}-{a.lang}-{a.seed}"
    m = Monkey(a)
    try:
        return m.run()
    finally:
        m.stop()


if __name__ == "__main__":
    sys.exit(main())
