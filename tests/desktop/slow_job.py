"""Jobs for desktop.procjob's tests, imported by the spawned job process (no Qt here)."""

from __future__ import annotations

import os
import time


def _write_pid(pid_file: str) -> None:
    """This process's id in `pid_file`, whole or not at all: the tests wait for the file to
    exist and then read it (written in place, it could be read empty in between)."""
    tmp = f"{pid_file}.part"
    with open(tmp, "w") as f:
        f.write(str(os.getpid()))
    os.replace(tmp, pid_file)


def until_stopped(*, progress, pid_file: str, **_):
    """Reports progress every 10 ms until the app asks it to stop (or 60 s pass)."""
    _write_pid(pid_file)
    end = time.monotonic() + 60
    n = 0
    while time.monotonic() < end:
        n += 1
        progress("chain", n, 1_000_000)
        time.sleep(0.01)
    return None


def never_answers(*, progress, pid_file: str, **_):
    """Ignores its progress (never checks for a stop): it must be ended."""
    _write_pid(pid_file)
    time.sleep(60)


def crashes(*, progress, **_):
    os._exit(3)


def whose(*, progress, **_):
    return os.getpid()


def counting_until_stopped(*, progress, pid_file: str, **_):
    """A progress report that counts entries (every 10 ms) until the app asks it to stop."""
    _write_pid(pid_file)
    end = time.monotonic() + 60
    n = 0
    while time.monotonic() < end:
        n += 500
        progress("entries", n, 1_000_000)
        time.sleep(0.01)
    return None


def writing_until_stopped(*, progress, pid_file: str, out: str, **_):
    """A report writing its PDF (no progress checked meanwhile) until the app ends it."""
    from pathlib import Path

    from records.output_file import written_whole

    _write_pid(pid_file)
    with written_whole(Path(out)) as tmp:
        tmp.write_bytes(b"%PDF-1.4 half written")
        time.sleep(60)


def backup_writing_until_stopped(*, progress, pid_file: str, folder: str, **_):
    """A backup writing its .tar (copying a big database: no progress checked) until the app ends it."""
    from pathlib import Path

    from records.output_file import written_whole

    _write_pid(pid_file)
    with written_whole(Path(folder) / "daftar-backup-1.tar") as tmp:
        tmp.write_bytes(b"half a backup")
        time.sleep(60)


def backup_paused_once_recorded(*, progress, mark: str, pause: float = 4.0, **kw):
    """The app's backup job (desktop.job_process.backup), paused for `pause` seconds just after
    its audit event is committed (`mark` written then): longer than the app's grace after a Stop."""
    from pathlib import Path

    from desktop import job_process
    from records import backup

    real = backup._record_backup

    def recorded_then_paused(*a, **k):
        real(*a, **k)
        Path(mark).write_text(str(os.getpid()))
        time.sleep(pause)

    backup._record_backup = recorded_then_paused
    return job_process.backup(progress=progress, **kw)


def past_stopping_after(*, progress, mark: str, **_):
    """Waits until the app asks it to stop (or `mark` is there), then reaches its point of no
    return (desktop.job_process.past_stopping), sleeps 3 s and answers "done"."""
    from pathlib import Path

    from desktop import job_process

    end = time.monotonic() + 30
    while not job_process._job["stop"].is_set() and not Path(mark).exists() and time.monotonic() < end:
        time.sleep(0.01)
    job_process.past_stopping()
    Path(mark).with_suffix(".past").write_text("past")
    time.sleep(3)
    return "done"


def what_was_loaded(*, progress, **_):
    """Whether the workspace's imports were done before this job began, and where it runs."""
    import sys

    return {"sqlalchemy.orm": "sqlalchemy.orm" in sys.modules, "records.models": "records.models" in sys.modules,
            "pid": os.getpid()}


def _backup_on_a_disk_that_says(code: int, words: str, **kwargs):
    """The app's backup job, on a disk whose folder cannot be written (the OS says `code`)."""
    import tempfile
    import types

    from desktop import job_process
    from records import backup

    def refused(*_a, **_kw):
        raise OSError(code, words, kwargs["folder"])

    # the backup's own folder in the chosen one cannot be made (this job's process only)
    backup.tempfile = types.SimpleNamespace(TemporaryDirectory=refused, mkdtemp=tempfile.mkdtemp)
    return job_process.backup(**kwargs)


def backup_on_a_full_disk(**kwargs):
    import errno

    return _backup_on_a_disk_that_says(errno.ENOSPC, "No space left on device", **kwargs)


def backup_on_a_read_only_disk(**kwargs):
    import errno

    return _backup_on_a_disk_that_says(errno.EROFS, "Read-only file system", **kwargs)


def what_reports_were_loaded(*, progress, **_):
    """Whether a fard's and a handover sheet's imports (reportlab, the reports, the fonts
    registered) were done before this job began, and whether it holds a workspace or key."""
    import sys

    pdfmetrics = sys.modules.get("reportlab.pdfbase.pdfmetrics")
    fonts = pdfmetrics.getRegisteredFontNames() if pdfmetrics is not None else []
    return {"modules": sorted(m for m in ("reportlab.platypus", "records.reports.fard", "records.reports.handover",
                                          "records.exports.detached") if m in sys.modules),
            "fonts": sorted(f for f in fonts if f.startswith("Daftar")),
            "workspaces": [type(o).__name__ for o in _objects_of("records.workspace", "Workspace")],
            "pid": os.getpid()}


def _objects_of(module: str, cls: str) -> list:
    import gc
    import sys

    kind = getattr(sys.modules.get(module), cls, None)
    return [o for o in gc.get_objects() if kind is not None and isinstance(o, kind)]


NAPS: list[float] = []


def nap() -> None:
    """A slow import step of a spare's (tests name it in its PRELOAD_REPORTS)."""
    NAPS.append(time.monotonic())
    time.sleep(0.2)


def naps_taken(*, progress, **_):
    """How many of the spare's slow steps were done before this job began."""
    return len(NAPS)


def slow_to_exit(*, progress, **_):
    """Answers at once, then takes 3 s to end (an exit handler: an interpreter's teardown on a
    busy computer): the app ends it after 0.5 s (desktop.procjob.run_in_process)."""
    import atexit

    atexit.register(time.sleep, 3)
    return os.getpid()
