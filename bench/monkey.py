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

Options for what the defaults do not reach (each off by default):

- --encrypted: the demo workspace encrypted (`daftar demo --encrypted`, its own --base), the
  app and the checks signed in with the password; TMPDIR is OUT/tmp, and the end lists any
  file left there and any workspace file that starts as a PNG, JPEG or SQLite file does;
- --server: a live central server (`daftar server`, TLS with sync.devcerts, PostgreSQL as
  tests/pg.py starts it) behind a fault proxy (tests/faultproxy.py) on 127.0.0.1; the
  workspace is enrolled with a one-time code (`daftar server enrol-code`, `daftar sync
  --enrol`) and its approved entries sealed (`daftar batch seal`); the sync panel is opened
  at each start; a "central office" thread accepts and rejects what arrives (with reasons),
  and now and then the link goes down, slow or cuts a connection. The end adds
  `daftar sync --status` and `daftar server check`, and the server's log is searched too;
- --scanner: SANE's `test` backend (a SANE_CONFIG_DIR of the run's own, no change to /etc):
  Register > Scan pages... is among the dialogs;
- --buttons: now and then a click on a visible, enabled button of the window on top (the
  sync panel's Sync now, the scan dialog's Scan, a dialog's OK), not at the sign-in;
- --preview: the fard's print preview (Reports > Print fard...) more often, the khewat it asks
  answered, and the preview's Page setup opened now and then (the PDF's paper, no printer);
- --pgdn: now and then a click into a cell of the page, PgDn or PgUp and typing at once, while
  the next page is being read;
- --core: a crash leaves a core file (OUT/home/core*) and the report its native stacks;
- --restore: every 30-70 s `daftar restore NEWEST_BACKUP --workspace WS --force`, as IT would
  from a terminal, with the app as it is (refused while the app has the workspace open), and
  now and then with the app ended first (as a log-out) and started again after it; the newest
  backup is the app's own (Back up...) or one `daftar backup` makes; the end says how many
  restores were made and refused, and the restore generation the trail holds;
- --replay OUT/actions.log: an earlier run's actions sent again at their pace.
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
from collections import Counter
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
FAVOURED = {"scanButton", "importButton", "syncNow", "syncSeal", "syncResend", "syncCompare", "scan", "pageSetup"}
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
    p.add_argument("--buttons", action="store_true")
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
                top = QApplication.activeWindow()
                focus = QApplication.focusWidget()
                info = {"modal": type(modal).__name__ if modal else None,
                        "popup": type(popup).__name__ if popup else None,
                        "main": win is not None, "menus": menus, "t": time.time(),
                        "register": getattr(win, "register_id", None),  # (--preview: a fard of its khewats)
                        # (for actions.log: which window and field the next keys go to)
                        "top": f"{type(top).__name__}:{top.objectName()}" if top is not None else None,
                        "focus": f"{type(focus).__name__}:{focus.objectName()}" if focus is not None else None}
                if a.buttons:
                    info["buttons"] = buttons_of(modal or QApplication.activeWindow() or win)
                table = getattr(getattr(win, "correction", None), "table", None)
                if table is not None and table.isVisible() and modal is None:  # (--pgdn: where its cells are)
                    port = table.viewport()
                    tl = port.mapToGlobal(port.rect().topLeft())
                    info["table"] = [tl.x(), tl.y(), port.width(), port.height()]
                if os.environ.get("SANE_CONFIG_DIR"):  # --scanner: what the scans keep in memory (desktop.ramdir)
                    from desktop import ramdir

                    files = [f for d in ramdir._made for f in d.rglob("*") if f.is_file()]
                    info["ram"] = [len(files), sum(f.stat().st_size for f in files)]
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
                    if name == "pageSetup":  # --preview: the print preview's Page setup, as its tool bar's button
                        from PySide6.QtPrintSupport import QPrintPreviewDialog

                        from desktop.qt import QAction

                        setup = modal.findChild(QAction, "pageSetup") if isinstance(modal, QPrintPreviewDialog) else None
                        if setup is not None and setup.isEnabled():
                            print("MONKEY opens pageSetup", flush=True)
                            QTimer.singleShot(0, setup.trigger)
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
    from desktop import procjob

    start_job = procjob._start

    def _start(target=None, kwargs=None):  # (each job process the app starts, for the report's count)
        print(f"MONKEY job process {target or 'spare'}", flush=True)
        return start_job(target, kwargs)

    procjob._start = _start
    run_job = procjob.run_in_process

    def run_in_process(target, kwargs, **kw):  # (each job run, in a spare or a process of its own)
        print(f"MONKEY job run {target}", flush=True)
        return run_job(target, kwargs, **kw)

    procjob.run_in_process = run_in_process
    from daftar.cli import main

    return main(["app", "--workspace", a.workspace, "--user", a.user])


def buttons_of(top) -> list:
    """The visible, enabled buttons of a window (the sync panel's, a dialog's), each as
    [x, y, name] at its centre on the screen."""
    from desktop.qt import QAbstractButton

    out = []
    if top is None:
        return out
    for b in top.findChildren(QAbstractButton):
        if b.isVisible() and b.isEnabled() and b.window() is top and b.width() > 0:
            c = b.mapToGlobal(b.rect().center())
            act = b.defaultAction() if hasattr(b, "defaultAction") else None  # (a tool bar's button: its action's name)
            name = b.objectName() or (act.objectName() if act is not None else "") or b.text().replace("&", "")[:30]
            out.append([c.x(), c.y(), name])
    return out


# ----------------------------------------------------------------------------- the monkey side
def sh(*args: str, timeout: float = 10) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout).stdout
    except subprocess.TimeoutExpired:
        return "TIMEOUT"


REASONS = ["رقبہ 12-5 درست نہیں", "Khewat 47: the share does not add up", "مالک کا نام صفحے سے نہیں ملتا",
           "خسرہ نمبر ۱۲۵/۵ دوبارہ دیکھیں", "area 3-7 exceeds the khasra's"]
ADMIN_TOKEN = "monkey-admin-token-0123456789abcdef"


class Central:
    """A live central server for one run: PostgreSQL (tests/pg.py), `daftar server` with a
    development CA (sync.devcerts) in its own process, and a fault proxy in front of it
    (tests/faultproxy.py) that the office is enrolled with. A thread plays the central
    office: it accepts and rejects what arrives, and now and then takes the link down, makes
    it slow or cuts one connection (each noted in OUT/actions.log as `central ...`)."""

    def __init__(self, out: Path, seed: int, note) -> None:
        self.out = out / "central"
        self.rnd = random.Random(seed * 7919 + 1)
        self.note = note
        self.cluster = self.proc = self.proxy = None
        self.stopping = False
        self.counts = {"accepted": 0, "rejected": 0, "redecided": 0, "outages": 0, "slow": 0, "cuts": 0,
                       "restarts": 0, "errors": 0}

    def start(self) -> None:
        sys.path.insert(0, str(ROOT))
        from sync.devcerts import make_dev_certs
        from tests.faultproxy import FaultProxy
        from tests.pg import free_port, start_cluster

        self.out.mkdir(parents=True)
        self.out.chmod(0o755)  # (PostgreSQL, run as its own user, enters it)
        self.cluster = start_cluster(self.out / "pg")
        self.db = self.cluster.create_database("central")
        self.certs = make_dev_certs(self.out / "tls")
        self.storage = self.out / "images"
        self.port = free_port()
        self.start_server()
        self.proxy = FaultProxy(("127.0.0.1", self.port)).start()
        self.url = f"https://127.0.0.1:{self.proxy.port}"

    def start_server(self) -> None:
        log = open(self.out / "server.log", "a")
        # (as tests/sync/conftest.start_server_process starts it, with its log kept)
        self.proc = subprocess.Popen(
            [PY, "-m", "daftar.cli", "server", "--host", "127.0.0.1", "--port", str(self.port), "--database", self.db,
             "--storage", str(self.storage), "--tls-cert", str(self.certs.server_cert), "--tls-key",
             str(self.certs.server_key), "--admin-token", ADMIN_TOKEN],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)},
            start_new_session=True)
        import ssl

        import httpx

        ctx = ssl.create_default_context(cafile=str(self.certs.ca_cert))
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the central server ended at start: see {self.out / 'server.log'}")
            try:
                if httpx.get(f"https://127.0.0.1:{self.port}/openapi.json", verify=ctx, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise SystemExit("the central server did not answer in 90 s")

    def enrol(self, ws: Path, env: dict, admin: list[str]) -> None:
        """A one-time code for this office, the office enrolled with it (as IT does)."""
        r = subprocess.run([PY, "-m", "daftar.cli", "server", "enrol-code", "--database", self.db, "--office",
                            "Monkey patwar office", "--district", "Lahore", "--tehsil", "Raiwind", "--json"],
                           cwd=ROOT, env=env, capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(f"enrol-code failed:\n{r.stdout}{r.stderr}")
        code = json.loads(r.stdout)["code"]
        r = subprocess.run([PY, "-m", "daftar.cli", "sync", "--enrol", "--server", self.url, "--code", code,
                            "--ca-bundle", str(self.certs.ca_cert), "--workspace", str(ws), *admin],
                           cwd=ROOT, env=env, capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(f"enrolling the office failed:\n{r.stdout}{r.stderr}")
        print("enrolled with", self.url)

    def admin(self):
        import httpx

        return httpx.Client(base_url=f"https://127.0.0.1:{self.port}", verify=str(self.certs.ca_cert),
                            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=30)

    # --- the central office
    def play(self) -> None:
        import threading

        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        from tests.faultproxy import Fault

        while not self.stopping:
            time.sleep(self.rnd.uniform(8, 30))
            if self.stopping:
                return
            try:
                r = self.rnd.random()
                if r < 0.55:
                    self.decide()
                elif r < 0.70:
                    secs = self.rnd.uniform(20, 90)
                    self.note(f"central link down {secs:.0f} s")
                    self.counts["outages"] += 1
                    self.proxy.default = Fault(refuse=True)
                    self.proxy.drop_all()
                    self._sleep(secs)
                    self.proxy.default = Fault()
                    self.note("central link up")
                elif r < 0.82:
                    secs = self.rnd.uniform(20, 60)
                    self.note(f"central link slow (8 kB/s) {secs:.0f} s")
                    self.counts["slow"] += 1
                    self.proxy.default = Fault(rate=8000)
                    self._sleep(secs)
                    self.proxy.default = Fault()
                    self.note("central link fast")
                elif r < 0.95:
                    n = self.rnd.choice([200, 2000, 20000])
                    self.note(f"central cuts the next connection after {n} bytes")
                    self.counts["cuts"] += 1
                    self.proxy.push(Fault(up_limit=n) if self.rnd.random() < 0.5 else Fault(down_limit=n))
                else:
                    self.note("central server restarts")
                    self.counts["restarts"] += 1
                    self.stop_server()
                    self._sleep(self.rnd.uniform(5, 20))
                    self.start_server()
                    self.note("central server up again")
            except Exception as e:  # noqa: BLE001  (the harness goes on; the report counts them)
                self.counts["errors"] += 1
                self.note(f"central: {type(e).__name__}: {e}")

    def _sleep(self, secs: float) -> None:
        end = time.time() + secs
        while time.time() < end and not self.stopping:
            time.sleep(0.5)

    def decide(self) -> None:
        with self.admin() as c:
            got = c.get("/v1/admin/entries", params={"state": "received", "limit": 200})
            got.raise_for_status()
            entries = got.json()["entries"]
            decided = []
            if self.rnd.random() < 0.2:  # a decision changed: an accepted entry rejected after all
                old = c.get("/v1/admin/entries", params={"state": "accepted", "limit": 50}).json()["entries"]
                if old:
                    e = self.rnd.choice(old)
                    decided.append({"entry_uuid": e["entry_uuid"], "version": e["version"], "decision": "rejected",
                                    "reason": self.rnd.choice(REASONS)})
                    self.counts["redecided"] += 1
            for e in self.rnd.sample(entries, k=self.rnd.randint(0, len(entries))):
                if self.rnd.random() < 0.7:
                    decided.append({"entry_uuid": e["entry_uuid"], "version": e["version"], "decision": "accepted"})
                else:
                    decided.append({"entry_uuid": e["entry_uuid"], "version": e["version"], "decision": "rejected",
                                    "reason": self.rnd.choice(REASONS)})
            if decided:
                c.post("/v1/admin/decisions", json={"decisions": decided}).raise_for_status()
            acc = sum(d["decision"] == "accepted" for d in decided)
            self.counts["accepted"] += acc
            self.counts["rejected"] += len(decided) - acc
            self.note(f"central decides: {acc} accepted, {len(decided) - acc} rejected of {len(entries)} waiting")

    def summary(self) -> list[str]:
        lines = [f"central: {json.dumps(self.counts)}"]
        try:
            with self.admin() as c:
                st: dict = {}
                for state in ("received", "accepted", "rejected"):
                    n, after = 0, None
                    while True:
                        page = c.get("/v1/admin/entries", params={"state": state, "limit": 1000,
                                                                  **({"after": after} if after else {})}).json()
                        n += len(page["entries"])
                        after = page.get("next")
                        if not after:
                            break
                    st[state] = n
                lines.append(f"central holds: {json.dumps(st)}")
        except Exception as e:  # noqa: BLE001
            lines.append(f"central holds: not read ({type(e).__name__}: {e})")
        r = subprocess.run([PY, "-m", "daftar.cli", "server", "check", "--database", self.db, "--storage",
                            str(self.storage)], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
        lines.append(f"daftar server check: exit {r.returncode}")
        lines += ["    " + ln for ln in (r.stdout + r.stderr).strip().splitlines()[-8:]]
        return lines

    def stop_server(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def stop(self) -> None:
        self.stopping = True
        if self.proxy is not None:
            self.proxy.stop()
        self.stop_server()
        if self.cluster is not None:
            self.cluster.stop()
            self.cluster = None


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
        self.left: list[str] = []  # processes of the app's group left after it ended
        self.freeze_checks: list[str] = []
        self.actions = 0
        self.starts = 0
        self.replaying: list | None = None
        self.khewats: dict[str, list[str]] = {}
        self.ram_peak = [0, 0]  # --scanner: the most scanned files kept in memory at once, and their bytes
        # --restore: its own random numbers (the other actions of a seed stay what they were)
        self.restore_rnd = random.Random(a.seed * 7919 + 1)
        self.next_restore = time.time() + self.restore_rnd.uniform(30, 70)
        self.restores: list[str] = []  # each restore tried: 'restored ...' or 'refused ...'
        self.env = {**os.environ, "DAFTAR_LOG_DIR": str(self.log_dir), "DAFTAR_HOME": str(self.ws),
                    "DAFTAR_UI_SETTINGS": str(self.out / "ui.ini"), "DAFTAR_PASSWORD": "demo",
                    "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1",
                    # what the monkey saves (exports, fards, backups, Qt's file dialog's history) stays in the run
                    "HOME": str(self.out / "home"), "XDG_CONFIG_HOME": str(self.out / "home/.config"),
                    "XDG_DATA_HOME": str(self.out / "home/.local/share"), "XDG_CACHE_HOME": str(self.out / "home/.cache"),
                    "XDG_STATE_HOME": str(self.out / "home/.local/state")}
        # Open (a report, an export, a backup's folder) goes to a launcher of the run's own that notes the
        # file: xdg-open started the computer's browser for a PDF (chromium, as root: refused), and a
        # browser that opens covers the app and takes the monkey's keys
        self.env["PATH"] = f"{self.out / 'bin'}:{os.environ.get('PATH', '')}"
        if a.encrypted:  # the checks and commands sign in as the run's user; temporary files stay in the run
            self.env.update({"DAFTAR_USER": a.user, "TMPDIR": str(self.out / "tmp")})
        if a.scanner:  # SANE with its test backend only (a configuration of the run's own, /etc unchanged)
            self.env["SANE_CONFIG_DIR"] = str(self.out / "sane.d")
        self.central = Central(self.out, a.seed, lambda what: self.note(what, action=False)) if a.server else None
        self.dialogs = DIALOGS + DIALOGS[:6]  # the export, users, preferences, sync, audit, review twice
        if a.scanner:
            self.dialogs += ["scanPages"] * 4
        if a.server:
            self.dialogs += ["showSync"] * 2
        if a.preview:  # the fard's print preview (then its Page setup) more often
            self.dialogs += ["previewFard"] * 4
        keys = APP_KEYS + MOVE_KEYS
        if a.keyboard != "off":
            keys = [k for k in keys if k not in ("F9", "shift+F9")]
        self.keys = keys

    # --- setup
    def prepare(self) -> None:
        base = Path(self.a.base)
        if not (base / "daftar.sqlite").exists():
            subprocess.run([PY, "-m", "daftar.cli", "demo", "--workspace", str(base),
                            *(["--encrypted"] if self.a.encrypted else [])], check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT), "DAFTAR_PASSWORD": "demo"})
        if self.out.exists():
            shutil.rmtree(self.out)
        self.out.mkdir(parents=True)
        shutil.copytree(base, self.ws, ignore=shutil.ignore_patterns("daftar.lock"))
        self.log_dir.mkdir()
        (self.out / "bin").mkdir()
        (self.out / "bin" / "xdg-open").write_text('#!/bin/sh\necho "MONKEY xdg-open $*"\n')
        (self.out / "bin" / "xdg-open").chmod(0o755)
        for sub in ("Documents", "Desktop", ".config"):
            (self.out / "home" / sub).mkdir(parents=True)
        if self.a.encrypted:
            (self.out / "tmp").mkdir()
        if self.a.scanner:
            (self.out / "sane.d").mkdir()
            (self.out / "sane.d" / "dll.conf").write_text("test\n")
        code = (
            "import sys\n"
            "from records.workspace import Workspace\n"
            "from records import accounts, services\n"
            "from records.models import User, Page\n"
            "from sqlalchemy import select\n"
            "key = Workspace.unlock(sys.argv[1], sys.argv[4], 'demo') if Workspace.is_encrypted(sys.argv[1]) else None\n"
            "ws = Workspace.open(sys.argv[1], key=key)\n"
            "with ws.session() as s:\n"
            "    for u in s.scalars(select(User)): accounts.set_profile(s, user_id=u.id, language=sys.argv[2])\n"
            "    if sys.argv[3] == '1':\n"
            "        n = 0\n"
            "        for p in s.scalars(select(Page)):\n"
            "            if p.ocr_status not in ('done',) and p.state == 'draft':\n"
            "                services.set_ocr_status(s, page_id=p.id, status='queued'); n += 1\n"
            "        print('queued for OCR:', n)\n"
            "    from records import services as S\n"
            "    import json\n"
            "    ks = {r.id: sorted({v.text('khewat_no') for v in S.rows_by_ids(s, S.register_entry_ids(s, r.id))} - {''})\n"
            "          for r in S.list_registers(s)}\n"
            "    open(sys.argv[5], 'w').write(json.dumps(ks))\n"
            "ws.close()\n"
            "from desktop.i18n import save_language\n"
            "save_language(sys.argv[2])\n"
        )
        r = subprocess.run([PY, "-c", code, str(self.ws), self.a.lang, "1" if self.a.ocr else "0", self.a.user,
                            str(self.out / "khewats.json")],
                           cwd=ROOT, env=self.env, capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(f"preparing the workspace failed:\n{r.stderr}")
        print(r.stdout.strip())
        self.khewats = json.loads((self.out / "khewats.json").read_text())  # register id: its khewat numbers
        if self.central is not None:
            self.central.start()
            self.central.enrol(self.ws, self.env, ["--user", "admin"] if self.a.encrypted else [])
            # what the demo has approved goes into a batch, so every role's run has something to send
            r = subprocess.run([PY, "-m", "daftar.cli", "batch", "seal", "--as", "girdawar1", "--workspace", str(self.ws),
                                *(["--user", "girdawar1"] if self.a.encrypted else [])],
                               cwd=ROOT, env=self.env, capture_output=True, text=True)
            print("batch seal:", (r.stdout + r.stderr).strip().splitlines()[-1:] or r.returncode)

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
             "--freeze", str(self.a.freeze), *(["--buttons"] if self.a.buttons else [])],
            cwd=self.out / "home", env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_allow_core if self.a.core else None)
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
        if self.central is not None:  # the sync panel open, polling the server
            self.note("open showSync")
            (self.out / "cmd").write_text("showSync")
            time.sleep(0.7)

    def read_state(self) -> dict | None:
        try:
            return json.loads(self.state.read_text())
        except (OSError, ValueError):
            return None

    def stop(self, when: str = "after SIGTERM at the end") -> None:
        """End the app as a log-out does (SIGTERM to the app alone: it quits as Quit does), then
        note what it left running (its job processes, a spare) and end those."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
            self.note_left(when)

    def note_left(self, when: str) -> None:
        """The processes of the app's process group still running 10 s after the app ended (a
        spare job process or a job left behind: none should be), noted and ended."""
        pgid, end = self.proc.pid, time.time() + 10
        while (left := group_left(pgid)) and time.time() < end:
            time.sleep(0.2)
        for what in left:
            self.left.append(f"{when}: {what}")
        if left:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    # --- input
    def note(self, what: str, *, action: bool = True) -> None:
        self.recent = (self.recent + [what])[-8:]
        self.actions += action
        self.timeline.append((time.time(), what))
        where = ""
        if action:  # the window on top and the focused field as last seen (up to 0.3 s old)
            st = self.read_state() or {}
            where = f"    [{st.get('top')} / {st.get('focus')}]"
        with open(self.out / "actions.log", "a") as f:  # (to find what came before a problem in the log)
            f.write(f"{time.strftime('%H:%M:%S')}.{int(time.time() * 1000) % 1000:03d} {what}{where}\n")

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
        if self.a.restore and st.get("modal") in ("LoginDialog", "LockDialog") \
                and time.time() - self.next_restore > -25 and self.restore_rnd.random() < 0.5:
            self.restore(stopped=False)  # (at the sign-in after a sign-out the workspace is closed)
            return
        if st.get("modal") in ("LoginDialog", "LockDialog") and self.rnd.random() < 0.3:
            self.sign_in_again(st["modal"])
            return
        if self.a.buttons and st.get("buttons") and st.get("modal") not in ("LoginDialog", "LockDialog") \
                and not st.get("popup") and self.rnd.random() < (0.3 if st.get("modal") else 0.07):
            # (in a dialog a user mostly presses its buttons: the scan dialog's Scan, the import's Import)
            # (the buttons that start the work these options are for weigh more: a scan, an import, a sync)
            x, y, name = self.rnd.choice([b for b in st["buttons"] for _ in range(4 if b[2] in FAVOURED else 1)])
            self.click(x, y, f"button {name!r}")
            time.sleep(self.rnd.choice([0.2, 0.5, 1.0]))
            return
        if self.a.preview and st.get("modal") == "QInputDialog" and "open previewFard" in self.recent[-3:] \
                and self.rnd.random() < 0.6:  # the fard's khewat asked: one of the demo's, or the one offered
            if self.rnd.random() < 0.85:  # one of the register's khewats (else whatever is offered)
                self.key("ctrl+a")
                self.type(self.rnd.choice(self.khewats.get(str(st.get("register"))) or ["47", "۴۷", "112"]))
            self.key("Return")
            return
        if self.a.preview and st.get("modal") == "QPrintPreviewDialog" and self.rnd.random() < 0.35:
            self.note("open pageSetup")  # the preview's Page setup, as its button
            (self.out / "cmd").write_text("pageSetup")
            time.sleep(0.5)
            return
        if self.a.pgdn and st.get("table") and self.rnd.random() < 0.05:
            # into a cell, PgDn (or PgUp), and typing at once, while the next page is read
            x, y, w, h = st["table"]
            self.click(x + self.rnd.randint(5, max(6, w - 5)), y + self.rnd.randint(5, max(6, min(h, 200) - 5)), "cell")
            time.sleep(self.rnd.choice([0.05, 0.3]))
            self.key(self.rnd.choice(["Next", "Next", "Prior"]))
            self.type("".join(self.rnd.choice(TEXT) for _ in range(self.rnd.randint(1, 5))))
            if self.rnd.random() < 0.5:
                self.key(self.rnd.choice(["Tab", "Return", "Next"]))
            return
        if r < 0.08 and st.get("menus"):
            x, y = self.rnd.choice(st["menus"])
            self.click(x, y, "menu")
            time.sleep(0.3)
            dx = self.rnd.randint(-160, 160)
            self.click(max(5, min(1360, x + dx)), y + self.rnd.randint(20, 380), "in menu")
        elif r < 0.13 and self.a.dialogs:
            name = self.rnd.choice(self.dialogs)
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

    def restore(self, stopped: bool | None = None) -> None:
        """--restore: `daftar restore NEWEST --workspace WS --force` as IT would, with the app as it is,
        or (`stopped`) with the app ended first and started again after."""
        rnd = self.restore_rnd
        self.next_restore = time.time() + rnd.uniform(30, 70)
        sign_in = ["--user", self.a.user] if self.a.encrypted else []
        backups = self.out / "backups"  # (outside the workspace: a restore moves the workspace aside)
        backups.mkdir(exist_ok=True)
        for b in (self.ws / "backups").glob("daftar-backup-*.tar"):  # the app's own (Back up...)
            if not (backups / b.name).exists():
                shutil.copy2(b, backups / b.name)
        have = sorted(backups.glob("daftar-backup-*.tar"), key=lambda b: b.stat().st_mtime)
        if not have or rnd.random() < 0.3:
            r = subprocess.run([PY, "-m", "daftar.cli", "backup", str(backups), "--workspace", str(self.ws), *sign_in],
                               cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=120)
            self.note(f"restore: daftar backup: exit {r.returncode} {(r.stdout + r.stderr).strip().splitlines()[-1:]}",
                      action=False)
            have = sorted(backups.glob("daftar-backup-*.tar"), key=lambda b: b.stat().st_mtime)
        if not have:
            return
        backup = have[-1] if rnd.random() < 0.7 else rnd.choice(have)
        if stopped is None:
            stopped = rnd.random() < 0.5
        st = self.read_state() or {}
        where = "the app ended first" if stopped else f"under the app ({st.get('modal') or st.get('top')})"
        self.note(f"restore {backup.name} {'stopped' if stopped else 'running'}")
        if stopped:
            self.stop("after SIGTERM before a restore")
        r = subprocess.run([PY, "-m", "daftar.cli", "restore", str(backup), "--workspace", str(self.ws), "--force",
                            *sign_in], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=180)
        said = " ".join((r.stdout + r.stderr).split())
        self.restores.append(f"{'restored' if r.returncode == 0 else 'refused'} ({where}): exit {r.returncode}: "
                             f"{said[:300]}")
        self.note(f"restore: {self.restores[-1]}", action=False)
        if stopped:
            self.start()

    def restore_summary(self) -> list[str]:
        """--restore: the restores made and refused, and the restore generation the trail holds."""
        code = ("import sys\n"
                "from records.workspace import Workspace\n"
                "from records import restores\n"
                "key = Workspace.unlock(sys.argv[1], sys.argv[2], 'demo') if Workspace.is_encrypted(sys.argv[1]) else None\n"
                "ws = Workspace.open(sys.argv[1], key=key)\n"
                "with ws.session() as s:\n"
                "    r = restores.last_restore(s)\n"
                "    print(r.epoch if r else 0)\n"
                "ws.close()\n")
        r = subprocess.run([PY, "-c", code, str(self.ws), self.a.user], cwd=ROOT, env=self.env, capture_output=True,
                           text=True)
        made = [x for x in self.restores if x.startswith("restored")]
        lines = [f"restores: {len(made)} made, {len(self.restores) - len(made)} refused; the trail's restore "
                 f"generation: {(r.stdout + r.stderr).strip()[-300:]}"]
        lines += ["    " + x for x in self.restores]
        return lines

    def sign_in_again(self, kind: str) -> None:
        self.note(f"sign in again ({kind})")
        (self.out / "cmd").write_text("signin")
        time.sleep(1.5)

    # --- run
    def run(self) -> int:
        self.prepare()
        if self.central is not None:
            self.central.play()
        self.start()
        end = time.time() + self.a.minutes * 60
        last_beat = time.time()
        while time.time() < end:
            if self.proc.poll() is not None:
                self.exits.append(f"exit {self.proc.returncode} after: {' | '.join(self.recent[-5:])}")
                print("APP EXITED:", self.exits[-1], flush=True)
                self.note_left(f"after exit {self.proc.returncode}")
                self.start()
                continue
            st = self.read_state()
            if st and st.get("ram") and st["ram"][1] > self.ram_peak[1]:
                self.ram_peak = st["ram"]
            if st and time.time() - st.get("t", 0) > 5 and time.time() - last_beat > 5:
                self.freeze_checks.append(f"state not written for {time.time() - st['t']:.0f} s after: "
                                          f"{' | '.join(self.recent[-5:])}")
                last_beat = time.time()
            if self.replaying is not None:
                if not self.replay_step():
                    break
            elif self.a.restore and time.time() >= self.next_restore:
                self.restore()
            else:
                self.step()
        self.stop()
        return self.report()

    # --- replay (the actions of an earlier run's actions.log, at the same pace)
    def load_replay(self, path: str, until: str | None) -> None:
        lines = []
        for ln in Path(path).read_text().splitlines():
            m = re.match(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) (.*?)(?:    \[.*\])?$", ln)
            if not m or m.group(5).startswith(("central", "restore:")):  # (the central office plays its own, from the seed)
                continue
            if until and ln[:12] > until:
                break
            h, mi, se, ms = (int(g) for g in m.groups()[:4])
            lines.append((h * 3600 + mi * 60 + se + ms / 1000, m.group(5)))
        self.replaying = lines
        self.replay_t0 = None

    def replay_step(self) -> bool:
        """The next action of the replayed log, at its time after the first one; False when done."""
        if not self.replaying:
            return False
        at, what = self.replaying.pop(0)
        if self.replay_t0 is None:
            self.replay_t0 = (time.time(), at)
        wait = self.replay_t0[0] + (at - self.replay_t0[1]) - time.time()
        if wait > 0:
            time.sleep(wait)
        xy = [int(v) for v in re.findall(r"(-?\d+),(-?\d+)", what)[-1]] if re.search(r"\d,\d", what) else None
        if what.startswith("key "):
            k, _, n = what[4:].partition(" x")
            if n:
                self.note(what)
                sh("xdotool", "key", "--repeat", n, "--delay", "8", k)
            else:
                self.key(k)
        elif what.startswith("type "):
            import ast

            self.type(ast.literal_eval(what[5:]))
        elif what.startswith("open "):
            self.note(what)
            (self.out / "cmd").write_text(what[5:])
        elif what.startswith("restore "):  # (--restore: the same kind, from the newest backup the run has)
            self.restore(stopped=what.endswith(" stopped"))
        elif what.startswith("sign in again"):
            self.sign_in_again(what[15:-1])
        elif what.startswith("double click"):
            self.note(what)
            sh("xdotool", "mousemove", str(xy[0]), str(xy[1]), "click", "--repeat", "2", "--delay", "60", "1")
        elif what.startswith("right click"):
            self.note(what)
            sh("xdotool", "mousemove", str(xy[0]), str(xy[1]), "click", "3")
        elif what.startswith("wheel"):
            self.note(what)
            sh("xdotool", "mousemove", str(xy[0]), str(xy[1]), "click", "--repeat", "5", "--delay", "20", what.split()[1])
        elif what.startswith("drag"):
            x, y, x2, y2 = (int(v) for v in re.findall(r"-?\d+", what)[:4])
            self.note(what)
            sh("xdotool", "mousemove", str(x), str(y), "mousedown", "1", "mousemove", "--sync", str(x2), str(y2),
               "mouseup", "1")
        elif xy is not None:  # a click, on a menu, in a menu, on a button
            self.click(xy[0], xy[1], what.rsplit(" ", 1)[0])
        return True

    def report(self) -> int:
        lines = [f"monkey: user={self.a.user} lang={self.a.lang} keyboard={self.a.keyboard} ocr={self.a.ocr} "
                 f"dialogs={self.a.dialogs} seed={self.a.seed} minutes={self.a.minutes} encrypted={self.a.encrypted} "
                 f"server={self.a.server} scanner={self.a.scanner} buttons={self.a.buttons} preview={self.a.preview} "
                 f"pgdn={self.a.pgdn} restore={self.a.restore}",
                 f"actions {self.actions}, starts {self.starts}"]
        lines += [f"EXIT {e}" for e in self.exits]
        lines.append(f"left running after the app ended: {len(self.left)}")
        lines += [f"PROBLEM: LEFT {e}" for e in self.left]
        said = self.app_out.read_text(errors="replace")
        jobs = Counter(re.findall(r"^MONKEY job process (\S+)", said, re.M))
        ran = Counter(re.findall(r"^MONKEY job run \S+:(\S+)", said, re.M))
        opened = Counter(re.findall(r"^MONKEY opens (\S+)", said, re.M))
        launched = re.findall(r"^MONKEY xdg-open (.*)$", said, re.M)
        lines.append(f"job processes started: {sum(jobs.values())} ({', '.join(f'{k} {v}' for k, v in jobs.most_common())})")
        lines.append(f"jobs run: {sum(ran.values())} ({', '.join(f'{k} {v}' for k, v in ran.most_common())})")
        lines.append(f"dialogs opened: {sum(opened.values())} ({', '.join(f'{k} {v}' for k, v in opened.most_common())})")
        lines.append(f"files opened with Open (xdg-open): {len(launched)} "
                     f"({', '.join(sorted({Path(x.strip()).suffix or 'folder' for x in launched}))})")
        if self.a.scanner:
            lines.append(f"scanner: at most {self.ram_peak[0]} scanned files ({self.ram_peak[1] / 1e6:.1f} MB) kept in "
                         f"memory (/dev/shm) at once")
        lines += [f"NO STATE {e}" for e in self.freeze_checks]
        text = self.app_out.read_text(errors="replace")
        for log in sorted(self.log_dir.glob("daftar.log*")):
            text += "\n" + log.read_text(errors="replace")
        lines += find_problems(text)
        for core in sorted((self.out / "home").glob("core*")):  # --core: where Qt crashed, natively
            bt = subprocess.run(["gdb", "-batch", "-ex", "thread apply all bt 25", PY, str(core)],
                                capture_output=True, text=True, timeout=300)
            (core.parent / (core.name + ".bt.txt")).write_text(bt.stdout + bt.stderr)
            crashed = [ln for ln in bt.stdout.splitlines() if ln.startswith("#")][:25]
            lines.append(f"CORE {core} (all threads in {core.name}.bt.txt):\n    " + "\n    ".join(crashed))
        if self.central is not None:
            server_log = self.central.out / "server.log"
            lines += ["SERVER " + p for p in find_problems(server_log.read_text(errors="replace"))]
        for log in sorted(self.log_dir.glob("daftar.log*")):  # each problem of the log with the actions before it
            for ln in log.read_text(errors="replace").splitlines():
                m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d+) (WARNING|ERROR|CRITICAL) ", ln)
                if m:
                    t = time.mktime(time.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")) + int(m.group(2)) / 1000
                    before = [w for at, w in self.timeline if t - 4 <= at <= t][-6:]
                    lines.append(f"BEFORE {ln[:160]}\n    " + " | ".join(before))
        if self.central is not None:
            self.central.stopping = True
            lines += self.central.summary()
        if self.a.restore:
            lines += self.restore_summary()
        if self.a.encrypted:
            lines += plaintext_left(self.ws, self.out / "tmp")
        for cmd in (["audit", "verify"], ["check"], *([["sync", "--status"]] if self.central is not None else [])):
            r = subprocess.run([PY, "-m", "daftar.cli", *cmd, "--workspace", str(self.ws)], cwd=ROOT, env=self.env,
                               capture_output=True, text=True)
            lines.append(f"daftar {' '.join(cmd)}: exit {r.returncode}")
            lines += ["    " + ln for ln in (r.stdout + r.stderr).strip().splitlines()[-12:]]
        report = "\n".join(lines)
        (self.out / "report.txt").write_text(report + "\n")
        print(report)
        return 0


def group_left(pgid: int) -> list[str]:
    """The live processes of process group `pgid` (the app's: it starts a session of its own),
    each as 'pid command line'."""
    left = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                state, _ppid, pgrp = f.read().rsplit(")", 1)[1].split()[:3]
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except (OSError, ValueError):
            continue
        if int(pgrp) == pgid and state != "Z":
            left.append(f"{entry} {cmd[:200]}")
    return left


def _allow_core() -> None:
    """(In the app's process before it starts) a core file when it crashes, for gdb."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def plaintext_left(ws: Path, tmp: Path) -> list[str]:
    """An encrypted workspace: files left in the temporary folder, and workspace files that
    start as a PNG, JPEG or SQLite database does (nothing should: docs/encryption.md)."""
    magic = (b"\x89PNG", b"\xff\xd8\xff", b"SQLite format 3")
    left = [str(f) for f in tmp.rglob("*") if f.is_file()]
    clear = []
    for f in ws.rglob("*"):
        if f.is_file():
            with open(f, "rb") as fh:
                if fh.read(16).startswith(magic):
                    clear.append(str(f))
    return [f"encrypted: {len(left)} files left in TMPDIR, {len(clear)} workspace files in clear"] + \
        [f"PROBLEM: left in TMPDIR: {f}" for f in left[:20]] + [f"PROBLEM: in clear: {f}" for f in clear[:20]]


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
    p.add_argument("--encrypted", action="store_true", help="an encrypted demo workspace (its own --base)")
    p.add_argument("--server", action="store_true",
                   help="a live central server (PostgreSQL, TLS, a fault proxy) the workspace is enrolled with")
    p.add_argument("--scanner", action="store_true", help="SANE's test scanner; Scan pages among the dialogs")
    p.add_argument("--buttons", action="store_true", help="now and then click a button of the window on top")
    p.add_argument("--preview", action="store_true", help="the fard's print preview more often, its khewat "
                   "answered, and its Page setup opened now and then")
    p.add_argument("--pgdn", action="store_true", help="now and then a click into a cell, PgDn or PgUp and "
                   "typing at once (while the next page is read)")
    p.add_argument("--core", action="store_true", help="a crash of the app leaves a core file (OUT/home/core*), "
                   "and the report its native stack (gdb)")
    p.add_argument("--restore", action="store_true", help="every 30-70 s `daftar restore` of the newest backup "
                   "over the workspace, with the app as it is (refused while it has it open) or ended first")
    p.add_argument("--replay", metavar="ACTIONS_LOG", help="send the actions of an earlier run's actions.log "
                   "at its pace (with the same options and seed), not random ones")
    p.add_argument("--replay-until", metavar="HH:MM:SS.mmm", help="the last action replayed (its time in the log)")
    p.add_argument("--base", default=None,
                   help="the demo workspace copied for each run (default /tmp/monkey/base, encrypted: base-encrypted)")
    p.add_argument("--out", default=None, help="this run's folder (default /tmp/monkey/run-USER-LANG-SEED)")
    a = p.parse_args()
    if not os.environ.get("DISPLAY"):
        raise SystemExit("set DISPLAY to an Xvfb of your own (Xvfb :85 -screen 0 1366x768x24 &)")
    a.out = a.out or f"/tmp/monkey/run-{a.user}-{a.lang}-{a.seed}"
    a.base = a.base or ("/tmp/monkey/base-encrypted" if a.encrypted else "/tmp/monkey/base")
    m = Monkey(a)
    if a.replay:
        m.load_replay(a.replay, a.replay_until)
    try:
        return m.run()
    finally:
        m.stop()
        if m.central is not None:
            m.central.stop()


if __name__ == "__main__":
    sys.exit(main())
