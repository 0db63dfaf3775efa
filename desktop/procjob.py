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
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable

from desktop.job_process import JobCancelled

__all__ = ["JobCancelled", "JobFailed", "run_in_process"]

Progress = Callable[[str, int, int], None]


class JobFailed(RuntimeError):
    """The job's process ended without an answer (it crashed or was killed)."""


def _log_file() -> str | None:
    """The app's log of this run (daftar.crashlog), where a native crash of the job writes."""
    from daftar.crashlog import current_log

    log = current_log()
    return str(log) if log else None


ANSWER_WAIT = 5.0  # seconds a job ended with SIGTERM has to answer (one busy in native code may not)


def run_in_process(target: str, kwargs: dict, *, progress: Progress | None = None,
                   cancel: threading.Event | None = None, grace: float = 2.0):
    """Run `target` ("module:function" of a Qt-free module) in a spawned process and return
    what it returns (see the module's docstring)."""
    from desktop import job_process

    mp = multiprocessing.get_context("spawn")
    recv, send = mp.Pipe(duplex=False)
    stop, final = mp.Event(), mp.Event()
    proc = mp.Process(target=job_process.main, args=(target, kwargs, send, stop, _log_file(), final),
                      name="daftar-job", daemon=True)
    proc.start()
    send.close()  # (the child's end: the pipe reports EOF when the child is gone)
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
