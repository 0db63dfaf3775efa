"""Background OCR of pages: a queue feeding worker processes, never the UI thread.

Each page's status (queued, running, done, failed) is written to the workspace before and
after it is read, so closing the app mid-OCR loses nothing: `resume()` on the next start
picks up every page still queued or running (services.pages_needing_ocr).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import weakref
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from desktop.ocr_worker import DEFAULT_READER, init_worker, ocr_page
from desktop.operations import error_text, read_op
from desktop.operations import page as page_ops
from desktop.qt import QObject, QTimer, Signal
from records import services
from records.suggest import OcrVocabularyCache
from records.workflow import WorkflowError


class OcrQueue(QObject):
    """`progress(done, total, label)`, `page_done(page_id, error or "")`, `notice(text)`, `idle()`."""

    progress = Signal(int, int, str)
    page_done = Signal(int, str)
    page_progress = Signal(int, int, int, str)  # page id, step, steps, what the reader is doing
    notice = Signal(str)  # something the clerk should read (e.g. OCR not applied over corrections)
    started = Signal()
    idle = Signal()

    def __init__(self, ctx, parent=None, *, reader: str = DEFAULT_READER, workers: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reader = reader
        self.workers = max(1, workers or ctx.prefs.ocr_workers)
        self._queue: list[int] = []
        self._active: dict[int, Future | None] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._done = 0
        self._total = 0
        self._closed = False
        self._enqueuing = 0
        self._progress_q = None
        self._last_step: dict[int, tuple[int, int, str]] = {}  # page id -> its latest in-page step
        self._broke: dict[int, int] = {}  # page id -> times a worker died while reading it
        self._vocabulary = OcrVocabularyCache()  # words clerks have typed: OCR flags others
        self._poll = QTimer(self)
        self._poll.setInterval(100)
        self._poll.timeout.connect(self._drain_progress)

    # -- public -----------------------------------------------------------
    @property
    def running(self) -> bool:
        return bool(self._queue or self._active or self._enqueuing)

    def enqueue(self, page_ids: list[int]) -> None:
        """Mark pages queued (persisted first) and start reading them."""
        ids = [p for p in page_ids if p not in self._queue and p not in self._active]
        if not ids or self._closed:
            return
        self._enqueuing += 1
        page_ops.set_ocr_status(page_ids=ids, status="queued").success(lambda _ch: self._added(ids)).failure(self._enqueue_failed).run_in_background(self.ctx)

    def resume(self) -> None:
        """Queue again the pages left queued or running when the app last closed."""
        self._enqueuing += 1
        page_ops.pages_needing_ocr().success(self._added).failure(self._enqueue_failed).run_in_background(self.ctx)

    def cancel(self) -> None:
        """Stop: pages not yet started go back to 'none'; a page being read finishes and is kept."""
        waiting, self._queue = self._queue, []
        self._total -= len(waiting)
        if waiting:
            page_ops.set_ocr_status(page_ids=waiting, status="none").run_in_background(self.ctx)
        self._emit_progress("")
        self._maybe_idle()

    def shutdown(self) -> None:
        """Stop the workers now; statuses stay queued/running so the next start resumes them."""
        self._closed = True
        self._queue = []
        self._poll.stop()
        pool, self._pool = self._pool, None
        if pool is not None:
            procs = list(getattr(pool, "_processes", {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                if p.is_alive():
                    p.terminate()
            for p in procs:
                p.join(5)
        if self._progress_q is not None:
            self._progress_q.cancel_join_thread()
            self._progress_q.close()
            self._progress_q = None

    # -- internal ---------------------------------------------------------
    def _added(self, ids: list[int]) -> None:
        self._enqueuing -= 1
        self._add(ids)
        self._maybe_idle()

    def _enqueue_failed(self, e: BaseException) -> None:
        self._enqueuing -= 1
        from desktop.operations import show_error

        show_error(e)
        self._maybe_idle()

    def _add(self, ids: list[int]) -> None:
        if self._closed:
            return
        new = [p for p in ids if p not in self._queue and p not in self._active]
        if not new:
            return
        if not self.running:
            self._done = self._total = 0
            self.started.emit()
        self._queue.extend(new)
        self._total += len(new)
        self._emit_progress("")
        self._pump()

    def _emit_progress(self, label: str) -> None:
        self.progress.emit(self._done, self._total, label)

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            mp = multiprocessing.get_context("spawn")
            self._progress_q = mp.Queue()
            from daftar.crashlog import current_log

            log_file = current_log()
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=mp,
                                             initializer=init_worker,
                                             initargs=(self._progress_q, max(1, (os.cpu_count() or 1) // self.workers),
                                                       str(log_file) if log_file else None))
        self._poll.start()
        return self._pool

    def _drain_progress(self) -> None:
        """Forward the workers' in-page progress (polled every 100 ms while OCR runs)."""
        import queue as queue_mod

        q = self._progress_q
        for _ in range(100):
            try:
                page_id, done, total, message = q.get_nowait()
            except (queue_mod.Empty, OSError, ValueError, EOFError):
                break
            if page_id in self._active and done >= self._last_step.get(page_id, (0,))[0]:
                self._last_step[page_id] = (done, total, message)
                self.page_progress.emit(page_id, done, total, message)
        if not self.running:
            self._poll.stop()

    def _pump(self) -> None:
        while not self._closed and self._queue and len(self._active) < self.workers:
            pid = self._queue.pop(0)
            self._active[pid] = None
            self._start(pid)

    def _start(self, page_id: int) -> None:
        ws = self.ctx.ws
        vocab_cache = self._vocabulary

        def template_and_vocabulary(s):  # the office's words: a read, cached for a while
            page = services.get_page(s, page_id)
            tpl = services.register_template(s, page.register_id)
            return tpl, vocab_cache.get(s, tpl)

        # Loading marks the page running: a write, on the writer thread; the template and the
        # vocabulary are read before, on the reading thread, so that the writer never waits.
        from desktop.operations import write_op

        def then_load(found) -> None:
            tpl, vocab = found
            if self._closed:
                return

            def load(s):
                page = services.get_page(s, page_id)
                if not page.image_sha256:
                    raise RuntimeError(f"page {page.page_no} has no image")
                services.set_ocr_status(s, page_id=page_id, status="running")
                return page, ws.images.get(page.image_sha256)

            (write_op(load)
             .success(lambda res: self._submit(page_id, res[0], tpl, res[1], vocab))
             .failure(lambda e: self._finish(page_id, error_text(e)))
             .run_in_background(self.ctx))

        (read_op(template_and_vocabulary)
         .success(then_load)
         .failure(lambda e: self._finish(page_id, error_text(e)))
         .run_in_background(self.ctx))

    def _submit(self, page_id: int, page, tpl, data: bytes, vocabulary: dict | None = None) -> None:
        if self._closed:
            return
        self._emit_progress(self.tr("page {n}").format(n=page.page_no))
        try:
            try:
                fut = self._ensure_pool().submit(ocr_page, data, tpl, self.reader, page_id, vocabulary)
            except BrokenProcessPool:  # a worker died since the last page: a new pool
                self._pool = None
                fut = self._ensure_pool().submit(ocr_page, data, tpl, self.reader, page_id, vocabulary)
        except RuntimeError as e:  # pool shut down
            self._finish(page_id, error_text(e))
            return
        self._active[page_id] = fut
        # the pool's thread runs this callback and may be the one to free it: it holds the queue
        # and the task runner (Qt objects, which must be deleted on the GUI thread) only weakly
        me, runner = weakref.ref(self), weakref.ref(self.ctx.runner)

        def deliver(f: Future) -> None:
            r = runner()
            if r is not None:
                r.run_on_main(lambda: (q := me()) is not None and q._on_read(page_id, f))

        fut.add_done_callback(deliver)

    def _on_read(self, page_id: int, fut: Future) -> None:
        if self._closed:
            return
        self._drain_progress()  # the page's last steps, before it leaves the active set
        try:
            rows = fut.result()
        except BrokenProcessPool:
            self._pool_broke(page_id)
            return
        except BaseException as e:  # noqa: BLE001 - any failure marks the page failed with its reason
            self._finish(page_id, error_text(e))
            return
        # The worker's last step messages travel on their own queue and may come after its
        # result: the page is read, so its progress shows the last step now.
        done, total, message = self._last_step.get(page_id, (0, 0, ""))
        if done < total:
            self._last_step[page_id] = (total, total, message)  # a late earlier step is then ignored
            self.page_progress.emit(page_id, total, total, message)
        def refused(e: BaseException) -> None:
            if isinstance(e, WorkflowError):  # the clerk's corrections win: the page keeps them
                page_ops.set_ocr_status(page_ids=[page_id], status="done").run_in_background(self.ctx)
                self.notice.emit(error_text(e))
                self._finish(page_id, "")
            else:
                self._finish(page_id, error_text(e))

        (page_ops.save_ocr_rows(actor=self.ctx.actor, page_id=page_id, rows=rows,
                                looks_like=getattr(rows, "looks_like", None))
         .success(lambda _ch: self._finish(page_id, ""))
         .failure(refused)
         .run_in_background(self.ctx))

    def _pool_broke(self, page_id: int) -> None:
        """A worker process died (out of memory, killed): the pool cannot be used again, so a
        new one is made for what follows, and the page is read once more (it may only have
        shared the pool with the page that broke it); a page the workers die on twice fails,
        saying so. Every page after it is read as usual."""
        broken, self._pool = self._pool, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)
        tries = self._broke.get(page_id, 0) + 1
        logging.getLogger("daftar.ocr").warning("an OCR worker process ended while reading page id %d (time %d)",
                                                page_id, tries)
        self._broke[page_id] = tries
        if tries >= 2:
            self._finish(page_id, self.tr("the OCR worker stopped while reading this page, twice (too little "
                                          "memory for this image?): type its rows in, or scan it again at "
                                          "300 dpi and import it"))
            return
        self._active.pop(page_id, None)
        self._last_step.pop(page_id, None)
        self._queue.insert(0, page_id)
        self._pump()

    def _finish(self, page_id: int, error: str) -> None:
        if self._closed:
            return
        if error:
            page_ops.set_ocr_status(page_ids=[page_id], status="failed", error=error).run_in_background(self.ctx)
        self._active.pop(page_id, None)
        self._last_step.pop(page_id, None)
        self._done += 1
        self.page_done.emit(page_id, error)
        self._emit_progress("")
        self._pump()
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self.running:
            self.idle.emit()


def failed_pages(ctx, register_id: int, done) -> None:
    """Call `done(list of page ids)` with the failed pages of a register (for Retry)."""
    read_op(lambda s: [p.id for p in services.list_pages(s, register_id) if p.ocr_status == "failed"]).success(done).run_in_background(ctx)
