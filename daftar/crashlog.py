"""A trace of every run of the app that ended badly, for IT (no Qt here: desktop.crash_report
adds Qt's messages and what the user is shown).

`start()` at the app's start opens `daftar.log` in the user's log folder (`log_dir()`:
~/.local/state/Daftar/log on Linux, %LOCALAPPDATA%\\Daftar\\Logs on Windows; $DAFTAR_LOG_DIR
overrides it) and keeps it open until the process ends, so that:

- a native crash (segfault, abort, access violation) writes every thread's Python stack
  into it (faulthandler: at that point no Python code can run, so the file must be open);
- an uncaught Python exception on any thread is logged with its traceback (sys.excepthook,
  threading.excepthook), and so is whatever is logged at WARNING or above;
- a marker file `running-PID.json` says the run is under way. It is locked while the
  process lives (the operating system drops the lock when the process ends, however it
  ends) and removed by `Run.finish()` at a clean exit. A marker left unlocked by an earlier
  run is one that ended without a clean shutdown: `Run.previous` lists those (the next
  start tells the user). Another instance still running keeps its marker locked.

A log folder that cannot be written never stops the app: `start()` returns None then.
"""

from __future__ import annotations

import atexit
import datetime as dt
import faulthandler
import json
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

LOG_NAME = "daftar.log"
MARKER_PREFIX = "running-"
MAX_LOG_BYTES = 2_000_000  # past this at a start, the log becomes daftar.log.1 (the one before is dropped)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger("daftar")


def log_dir() -> Path:
    """Where the app's log is kept on this computer: $DAFTAR_LOG_DIR, else the platform's
    per-user log folder."""
    env = os.environ.get("DAFTAR_LOG_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_log_dir

    return Path(user_log_dir("Daftar", appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


@dataclass(frozen=True)
class PreviousRun:
    """A run that ended without a clean shutdown."""

    started: str  # ISO time, local
    pid: int
    version: str


@dataclass
class Run:
    """This run's trace: the open log, the marker, the earlier runs that ended badly."""

    path: Path
    previous: list[PreviousRun]
    _file: IO[str]
    _marker: Path | None = None
    _marker_handle: IO[bytes] | None = None
    _hooks: tuple = ()
    _handler: logging.Handler | None = None
    listeners: list[Callable[[BaseException], None]] = field(default_factory=list)

    def finish(self) -> None:
        """A clean exit: say so in the log and remove the marker. The log stays open (and
        faulthandler on it) until the process ends: a crash while Python shuts down is
        still written there."""
        log.info("Daftar ended cleanly")
        _remove_marker(self._marker, self._marker_handle)
        self._marker = self._marker_handle = None

    def close(self) -> None:
        """Undo `start` (tests, which go on in the same process): hooks restored, log closed."""
        if self._hooks:
            sys.excepthook, threading.excepthook = self._hooks
            self._hooks = ()
        if self._handler is not None:
            logging.getLogger().removeHandler(self._handler)
            self._handler = None
        _remove_marker(self._marker, self._marker_handle)
        self._marker = self._marker_handle = None
        if faulthandler.is_enabled():
            faulthandler.disable()
        atexit.unregister(_at_exit)
        global _current
        if _current is self:
            _current = None
        self._file.close()


_current: Run | None = None


def current_log() -> Path | None:
    """The log of this process's run, when `start` opened one (the OCR workers write their
    crashes there too)."""
    return _current.path if _current is not None and not _current._file.closed else None


def start(directory: Path | None = None, *, version: str = "") -> Run | None:
    """Open this run's log and marker, turn faulthandler and the exception hooks on; the runs
    that ended badly before are in `Run.previous` (their markers are removed). None when the
    log folder cannot be written."""
    folder = Path(directory) if directory is not None else log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        _rotate(path)
        f = open(path, "a", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115 - open for the process's life
    except OSError:
        return None
    faulthandler.enable(file=f, all_threads=True)
    handler = logging.StreamHandler(f)
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    log.setLevel(logging.INFO)  # this module's own lines (start, clean end) at INFO
    previous = _stale_runs(folder)
    marker, handle = _write_marker(folder, version)
    run = Run(path, previous, f, marker, handle, (sys.excepthook, threading.excepthook), handler)
    sys.excepthook = lambda t, e, tb: _uncaught(run, t, e, tb, "")
    threading.excepthook = lambda a: _uncaught(run, a.exc_type, a.exc_value, a.exc_traceback,
                                               a.thread.name if a.thread else "")
    atexit.register(_at_exit, run)
    global _current
    _current = run
    log.info("Daftar %s started (pid %d, Python %s, %s)", version, os.getpid(), sys.version.split()[0], sys.platform)
    for p in previous:
        log.warning("the run started %s (pid %d, Daftar %s) ended without a clean shutdown", p.started, p.pid, p.version)
    return run


def _at_exit(run: Run) -> None:
    """Python is ending and the run did not finish cleanly: an exit from inside the program
    (SystemExit raised in a Qt slot ends the process with no word), or an uncaught error."""
    if run._marker is not None and not run._file.closed:
        log.warning("Daftar is ending without a clean shutdown (an exit from inside the program "
                    "or an uncaught error)")


def _uncaught(run: Run, exc_type, exc, tb, thread: str) -> None:
    if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal: no error to report
        sys.__excepthook__(exc_type, exc, tb)
        return
    where = f" in thread {thread}" if thread else ""
    log.critical("uncaught exception%s", where, exc_info=(exc_type, exc, tb))
    if sys.stderr is not None:  # a developer's terminal still shows it (a windowed build has none)
        import traceback

        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
    for listener in list(run.listeners):
        try:
            listener(exc if exc is not None else exc_type())
        except Exception:  # noqa: BLE001 - telling the user must not fail the hook
            log.exception("could not tell the user of the error")


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except OSError:
        pass


def ended_badly(folder: Path | None = None) -> list[PreviousRun]:
    """The runs that ended without a clean shutdown and that no start has reported yet (their
    marker is there and no process holds it); changes nothing (`daftar check` tells IT)."""
    return [run for run, _marker in _ended_badly(Path(folder) if folder is not None else log_dir())]


def _stale_runs(folder: Path) -> list[PreviousRun]:
    """`ended_badly`, their markers removed: a start reports each once."""
    found = []
    for run, marker in _ended_badly(folder):
        found.append(run)
        try:
            marker.unlink()
        except OSError:
            pass
    return found


def _ended_badly(folder: Path) -> list[tuple[PreviousRun, Path]]:
    from records.workspace_lock import try_lock

    found = []
    for marker in sorted(folder.glob(f"{MARKER_PREFIX}*.json")):
        try:
            handle = open(marker, "rb")  # noqa: SIM115
        except OSError:
            continue
        try:
            if not try_lock(handle, exclusive=True):
                continue  # another Daftar is running now
            try:
                info = json.loads(handle.read().decode("utf-8") or "{}")
            except ValueError:
                info = {}
        finally:
            handle.close()
        run = PreviousRun(str(info.get("started", "")), int(info.get("pid", 0) or 0), str(info.get("version", "")))
        found.append((run, marker))
    return found


def _write_marker(folder: Path, version: str) -> tuple[Path | None, IO[bytes] | None]:
    from records.workspace_lock import try_lock

    marker = folder / f"{MARKER_PREFIX}{os.getpid()}.json"
    info = {"pid": os.getpid(), "started": dt.datetime.now().isoformat(timespec="seconds"), "version": version}
    try:
        handle = open(marker, "w+b")  # noqa: SIM115 - held (and locked) until the clean exit
        handle.write(json.dumps(info).encode())
        handle.flush()
    except OSError:
        return None, None
    try_lock(handle, exclusive=False)  # shared: the next start's exclusive try fails while we live
    return marker, handle


def _remove_marker(marker: Path | None, handle: IO[bytes] | None) -> None:
    if handle is not None:
        handle.close()
    if marker is not None:
        try:
            marker.unlink()
        except OSError:
            pass
