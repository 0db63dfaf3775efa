"""One TaskRunner for background work (cf. Anki's taskman, Picard's pools).

- `run_write`: a one-thread executor, so database writes are serialised in order.
- `run_read`: a small thread pool for reads and other work that may run in parallel.
Callbacks (`on_done(future)`) always run on the main thread: the worker posts a closure
through desktop.mainthread, which runs it there. Work may be submitted from any thread (an
import's reader hands each page it has read to the writer).
Only plain values cross threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from desktop import mainthread
from desktop.gc_guard import GuiThreadCollector
from desktop.qt import QObject

Closure = Callable[[], None]


class TaskRunner(QObject):
    """Executors for background work with callbacks on the main thread."""

    def __init__(self, parent: QObject | None = None, *, read_workers: int = 2) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="daftar-db-writer")
        self._pool = ThreadPoolExecutor(max_workers=read_workers, thread_name_prefix="daftar-read")
        self._closed = False
        self._pending = 0
        self._pending_lock = threading.Lock()  # tasks are submitted from workers too
        # set when the runner starts shutting down: long reads (a folder being listed for
        # import) stop early instead of holding the window's close until they end
        self.stopping = threading.Event()
        mainthread.install()
        # the cycle collector must not free Qt objects on these threads (see desktop.gc_guard)
        self._gc = GuiThreadCollector(self)

    # -- public -----------------------------------------------------------
    def run_write(self, fn: Callable[[], Any], on_done: Callable[[Future], None] | None = None) -> Future:
        """Run `fn` on the single database-writer thread; `on_done(future)` on the main thread.
        Keep `fn` short (one transaction): every edit saved meanwhile waits behind it. Once
        the runner is shut down it raises RuntimeError."""
        return self._submit(self._writer, fn, on_done)

    def run_read(self, fn: Callable[[], Any], on_done: Callable[[Future], None] | None = None) -> Future:
        """Run `fn` in the read pool; `on_done(future)` on the main thread."""
        return self._submit(self._pool, fn, on_done)

    def run_on_main(self, closure: Closure) -> None:
        """Queue `closure` to run on the main thread (safe from any thread); dropped once
        the runner is shut down."""
        if self._closed:
            return
        mainthread.post(lambda: self._run_closure(closure))  # released on the main thread too

    @property
    def busy(self) -> bool:
        """True while any submitted task has not yet delivered its callback."""
        return self._pending > 0

    def drain(self) -> None:
        """Run queued main-thread closures now (tests and shutdown)."""
        mainthread.drain()

    def shutdown(self, *, wait: bool = True) -> None:
        """Finish queued writes (never drop an edit), stop the pools, drop pending callbacks.
        Reads that watch `stopping` end early."""
        self.stopping.set()
        self._writer.shutdown(wait=wait)
        self._pool.shutdown(wait=wait, cancel_futures=True)
        self._closed = True
        if wait:
            self._gc.release()  # the pools have stopped: collect here and let Python collect again

    # -- internal ---------------------------------------------------------
    def _submit(self, executor: ThreadPoolExecutor, fn, on_done) -> Future:
        # The worker keeps the future (and what it reaches) a moment after it finishes. The
        # task and its callback are boxed and taken out on the main thread, so a widget they
        # reach is never released last by a worker thread: Qt objects deleted outside the main
        # thread crash the app.
        with self._pending_lock:
            self._pending += 1
        task, callback = [fn], [on_done]
        try:
            fut = executor.submit(lambda: task[0]())
        except RuntimeError:  # shut down
            with self._pending_lock:
                self._pending -= 1
            raise

        def done(f: Future) -> None:
            def closure() -> None:
                with self._pending_lock:
                    self._pending -= 1
                task.clear()
                cb = callback.pop()
                if cb is not None:
                    cb(f)

            self.run_on_main(closure)

        fut.add_done_callback(done)
        return fut

    def _run_closure(self, closure: Closure) -> None:
        if not self._closed:
            closure()
