"""Desktop test fixtures and napari-style leak guards.

Every test here that uses `qtbot`/`qapp` fails when it leaves a QThread running, a
QThreadPool busy or a top-level widget open (each names what leaked), and when a modal
dialog nobody answers stays open: a modal's own event loop never returns, so without the
watchdog below one unexpected message box would hang the whole run until CI kills it."""

from __future__ import annotations

import gc

import pytest

pytestmark = pytest.mark.gui


def _visible_top_levels(app) -> list:
    return [w for w in app.topLevelWidgets() if w.isVisible()]


# Python threads of desktop.taskman.TaskRunner (executors left running = a context not closed).
TASKRUNNER_THREADS = ("daftar-db-writer", "daftar-read")


# A modal dialog open longer than this is one the test did not expect: it is rejected and
# the test fails naming it. Tests that answer their own dialogs do so within milliseconds.
MODAL_PATIENCE_S = 15.0


class ModalWatchdog:
    """Rejects a modal dialog left unanswered and remembers what it said."""

    def __init__(self) -> None:
        import time

        from PySide6.QtCore import QTimer

        self._now = time.monotonic
        self._seen: tuple[int, float] | None = None
        self.closed: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._check)
        self.timer.start()

    def _check(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

        modal = QApplication.activeModalWidget()
        if modal is None:
            self._seen = None
            return
        if self._seen is None or self._seen[0] != id(modal):
            self._seen = (id(modal), self._now())
            return
        if self._now() - self._seen[1] < MODAL_PATIENCE_S:
            return
        text = modal.text() if isinstance(modal, QMessageBox) else ""
        self.closed.append(f"{type(modal).__name__} '{modal.windowTitle()}' {text}".strip())
        self._seen = None
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    def stop(self) -> None:
        self.timer.stop()


def find_leaks(app, before: set[int], started: list) -> list[str]:
    """What a test left behind: running QThreads (with where they were started), a busy
    global thread pool, visible top-level widgets not open before it (these are closed)."""
    from PySide6.QtCore import QThreadPool

    problems = []
    for th, where in started:
        try:
            running = th.isRunning()
        except RuntimeError:  # already deleted
            continue
        if running:
            problems.append(f"QThread still running, started at:\n{where}")
    import threading

    for t in threading.enumerate():
        if t.name.startswith(TASKRUNNER_THREADS) and t.is_alive():
            t.join(2)
            if t.is_alive():
                problems.append(f"worker thread {t.name} still running: close the window or AppContext")
    if not QThreadPool.globalInstance().waitForDone(2000):
        problems.append("QThreadPool.globalInstance() still has running work")
    if app is not None:
        app.processEvents()
        for w in [w for w in _visible_top_levels(app) if id(w) not in before]:
            problems.append(f"top-level widget left open: {type(w).__name__} '{w.objectName()}'")
            w.close()
    return problems


@pytest.fixture(autouse=True)
def _qt_leak_guard(request):
    """Fail a Qt test that leaves threads running or windows open."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    request.getfixturevalue("qapp")  # the watchdog's timer needs the application first
    started: list = []
    orig_start = QThread.start

    def start(self, *a, **kw):
        import traceback

        started.append((self, "".join(traceback.format_stack(limit=6)[:-1])))
        return orig_start(self, *a, **kw)

    QThread.start = start
    app = QApplication.instance()
    before = {id(w) for w in _visible_top_levels(app)} if app else set()
    watchdog = ModalWatchdog() if app else None
    try:
        yield
    finally:
        QThread.start = orig_start
        if watchdog:
            watchdog.stop()
    problems = find_leaks(QApplication.instance(), before, started)
    if watchdog and watchdog.closed:
        problems += [f"modal dialog left unanswered (rejected after {MODAL_PATIENCE_S:.0f} s): {m}"
                     for m in watchdog.closed]
    gc.collect()
    if problems:
        pytest.fail("Qt leak guard:\n" + "\n".join(problems))


@pytest.fixture
def ctx(workspace, qapp):
    """An AppContext over a fresh workspace with a signed-in local clerk; shut down after."""
    from desktop.context import AppContext, Preferences
    from desktop.fonts import load_fonts
    from desktop.signin import default_actor

    load_fonts()
    c = AppContext.create(workspace, default_actor(workspace), prefs=Preferences(urdu_digits=True))
    yield c
    c.close()


@pytest.fixture
def translations_script(tmp_path, monkeypatch):
    """scripts/translations.py as a module, working on a copy of the shipped Urdu catalogue
    in `tmp_path` (its TS_DIR)."""
    import importlib.util
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("daftar_translations", root / "scripts" / "translations.py")
    tr = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tr)
    shutil.copy(tr.ts_file("ur"), tmp_path / "daftar_ur.ts")
    monkeypatch.setattr(tr, "TS_DIR", tmp_path)
    return tr


@pytest.fixture
def view(qtbot, ctx):
    """The correction view (the register's rows beside the page) over `ctx`, shown at 1200x700."""
    from desktop.correction.view import CorrectionView

    v = CorrectionView(ctx)
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    return v


def wait_idle(qtbot, ctx, timeout: int = 10000) -> None:
    """Wait until every background task of `ctx` has delivered its callback."""
    qtbot.waitUntil(lambda: (ctx.runner.drain() or True) and not ctx.runner.busy, timeout=timeout)


@pytest.fixture
def actors(workspace):
    """The office's accounts, as Actors: admin, clerk1, girdawar1 (supervisor), ro1 (revenue
    officer); passwords NAME-pass (the administrator's admin-pass-1)."""
    from records import accounts
    from tests.conftest import accounts_hashed_once

    with accounts_hashed_once(), workspace.session() as s:
        admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
        out = {"admin": admin}
        for name, role in (("clerk1", "clerk"), ("girdawar1", "supervisor"), ("ro1", "revenue_officer")):
            out[name] = accounts.create_user(s, actor=admin, username=name, password=f"{name}-pass", role=role).actor()
    return out
