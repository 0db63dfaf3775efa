"""Long CPU work in a process of its own (desktop.job_process), waited for on a worker thread.

    result = run_in_process("desktop.job_process:verify_audit", workspace_args(ws),
                            progress=lambda what, done, total: ..., cancel=threading.Event())

Call it on a worker thread (TaskRunner, the sync panel's threads): it waits on a pipe with the
interpreter's lock released, so the window runs freely meanwhile; the work itself is not in
this process at all (no lock held, no garbage for desktop.gc_guard to collect on the UI
thread). `progress(what, done, total)` is called on this thread as the job reports; setting
`cancel` stops the job (JobCancelled), at once when the job checks its progress, else after
`grace` seconds it is ended (SIGTERM: it stops where it is, removes what it was writing and
answers). A job past its point of no return (desktop.job_process.past_stopping: the backup's
audit event is committing) is not ended: its answer is waited for, and it is what the job
did. What the job raised is raised here; a job process that dies (a native crash) raises
JobFailed. Only plain values go in and come back.

A job process spends most of its start importing (SQLAlchemy, the records' models: 0.4-0.8 s
of the 0.7-1.2 s a job cost more than a thread; opening the workspace itself is ~10 ms; a fard's
or handover sheet's reportlab, Urdu shaping and fonts another 0.3-0.5 s). While the app is
signed in and unlocked (`keep_warm(True)`) one spare process is kept ready with those imports
done (job_process.PRELOAD, then PRELOAD_REPORTS while no job has come), holding no key and
no workspace: a job sends it its arguments and runs at once, and another spare is started
once no job is under way, on the thread of the last one to end (a spare importing beside a
job still starting took the cores it needed: a second job at once took 0.6-1.8 s, median
1.1, against a cold start's 0.6; 0.5-0.9 s, median 0.7, now). A job that comes while the
spare is still importing is given it (it waits for the imports under way, not for a new
process's). The spare ends at sign-out, lock and quit
(`keep_warm(False)`), and by itself when the app's end of its pipe closes (the app gone): it
is never left behind. A spare serves one job, then exits.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.job_process import JobCancelled

__all__ = ["JobCancelled", "JobFailed", "keep_warm", "run_in_process"]

Progress = Callable[[str, int, int], None]


class JobFailed(RuntimeError):
    """The job's process ended without an answer (it crashed or was killed)."""


def _log_file() -> str | None:
    """The app's log of this run (daftar.crashlog), where a native crash of the job writes."""
    from daftar.crashlog import current_log

    log = current_log()
    return str(log) if log else None


@dataclass
class _Proc:
    """A job process and the app's ends of its pipes and events (`jobs`: a spare's, on which it
    waits for its job; None once the job was sent)."""

    proc: multiprocessing.Process
    recv: object
    stop: object
    final: object
    jobs: object = None
    ready: object = None  # (a spare's: set once all its imports are done)


_spare_lock = threading.Lock()
_spare: _Proc | None = None
_warm = False
_running = 0  # jobs under way (in a spare or in a process of their own)


def _start(target: str | None = None, kwargs: dict | None = None) -> _Proc:
    """A spawned job process: running `target` at once, or (None) a spare waiting for one."""
    from desktop import job_process

    mp = multiprocessing.get_context("spawn")
    recv, send = mp.Pipe(duplex=False)
    stop, final = mp.Event(), mp.Event()
    if target is None:
        jobs_recv, jobs = mp.Pipe(duplex=False)
        ready = mp.Event()
        proc = mp.Process(target=job_process.spare_main,
                          args=(jobs_recv, send, stop, _log_file(), final, job_process.PRELOAD,
                                job_process.PRELOAD_REPORTS, ready),
                          name="daftar-job-spare", daemon=True)
    else:
        jobs_recv = jobs = ready = None
        proc = mp.Process(target=job_process.main, args=(target, kwargs, send, stop, _log_file(), final),
                          name="daftar-job", daemon=True)
    proc.start()
    send.close()  # (the child's end: the pipe reports EOF when the child is gone)
    if jobs_recv is not None:
        jobs_recv.close()  # (the spare's: it sees EOF, and ends, when the app's end closes)
    return _Proc(proc, recv, stop, final, jobs, ready)


def _end(p: _Proc) -> None:
    """End a spare that has no job (nothing to lose: it holds no key and writes nothing)."""
    for conn in (p.jobs, p.recv):
        conn.close()
    p.proc.terminate()
    p.proc.join(2)


def keep_warm(on: bool) -> None:
    """Keep one spare job process ready (on: the app is signed in and idle; call it on a
    thread that may wait ~20 ms for the spawn) or end the one there is (off: sign-out, lock,
    quit)."""
    global _warm, _spare
    with _spare_lock:
        _warm = on
        old, _spare = (None, _spare) if on else (_spare, None)
    if old is not None:
        _end(old)
    if on:
        _replenish()


def _replenish() -> None:
    """A spare started when the app keeps one, none is alive and no job is under way (the
    last job to end starts it)."""
    global _spare
    with _spare_lock:
        if not _warm or _running or (_spare is not None and _spare.proc.is_alive()):
            return
        old, _spare = _spare, _start()
    if old is not None:
        _end(old)


def _take_spare(target: str, kwargs: dict) -> _Proc | None:
    """The spare, given its job; None when there is none ready (or it died)."""
    global _spare
    with _spare_lock:
        p, _spare = _spare, None
    if p is None:
        return None
    try:
        if not p.proc.is_alive():
            raise BrokenPipeError
        p.jobs.send((target, kwargs))
    except (BrokenPipeError, ConnectionResetError, OSError):
        _end(p)
        return None
    p.jobs.close()
    p.jobs = None
    return p


def spare_pid() -> int | None:
    """The process id of the spare kept ready (None: none); for tests."""
    p = _spare
    return p.proc.pid if p is not None else None


def spare_ready() -> bool:
    """Whether the spare kept ready has done all its imports (the reports' too); for tests."""
    p = _spare
    return p is not None and p.ready is not None and p.ready.is_set()


ANSWER_WAIT = 5.0  # seconds a job ended with SIGTERM has to answer (one busy in native code may not)


def run_in_process(target: str, kwargs: dict, *, progress: Progress | None = None,
                   cancel: threading.Event | None = None, grace: float = 2.0):
    """Run `target` ("module:function" of a Qt-free module) in a spawned process and return
    what it returns (see the module's docstring)."""
    global _running
    with _spare_lock:
        _running += 1
    try:
        return _run(target, kwargs, progress, cancel, grace)
    finally:
        with _spare_lock:
            _running -= 1
        _replenish()  # the next job's spare, when the app keeps one and no other job is under way


def _run(target: str, kwargs: dict, progress: Progress | None, cancel: threading.Event | None, grace: float):
    p = _take_spare(target, kwargs) or _start(target, kwargs)
    proc, recv, stop, final = p.proc, p.recv, p.stop, p.final
    asked_at: float | None = None
    ended_at: float | None = None
    gave_up = False
    try:
        while True:
            if cancel is not None and cancel.is_set() and asked_at is None:
                stop.set()
                asked_at = time.monotonic()
            # `final` is read after `stop` was set: a job sets it before it looks at `stop`
            if ended_at is None and asked_at is not None and time.monotonic() - asked_at > grace \
                    and not final.is_set():
                proc.terminate()  # it stops where it is and answers JobCancelled
                ended_at = time.monotonic()
            if ended_at is not None and time.monotonic() - ended_at > ANSWER_WAIT and not final.is_set():
                gave_up = True
                raise JobCancelled()  # (busy in native code: it cleans up when it gets out)
            if not recv.poll(0.1):
                continue
            try:
                kind, *rest = recv.recv()
            except EOFError:
                if ended_at is not None:
                    raise JobCancelled() from None
                raise JobFailed(f"the background process ended unexpectedly (exit code {proc.exitcode})") from None
            if kind == "progress":
                if progress is not None:
                    progress(*rest)
            elif kind == "done":
                return rest[0]
            else:
                raise rest[0]
    finally:
        recv.close()
        proc.join(0.5 if asked_at is None else 0)
        if proc.is_alive() and not gave_up:
            if ended_at is None:
                proc.terminate()  # it did not finish closing: a reader, nothing to lose (one past stopping ignores it)
            proc.join(5)
