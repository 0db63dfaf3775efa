"""Import listed pages into a register without holding up the database-writer thread.

A reader (a thread of the background pool) reads each page again from its file, decodes the
pages of a TIFF or PDF, checks the hash it was listed with and prepares the image to store
(hashed, encrypted: records.images.ImageStore.prepare). It hands each ready page to the
writer thread as a task of its own that only writes it: the image file (tmp, fsync, rename)
and the page's rows, one short transaction. One page task at a time is in the writer's
queue: each, when done, queues the next ready page behind what was queued meanwhile, so an
edit saved during the import (autosave) waits for one page's write, not for the import (300
scans took 5-11 s on the writer). At most WINDOW pages are held ready or being written, so
memory holds a few pages, not the folder.

Pages are added in the order listed; duplicates are skipped; bad items, and files gone or
changed since they were listed, are named, one message a file, while the rest import. An
import can be stopped: the pages saved stay, the others stay listed (ImportReport.not_done).

With `ocr` (the clerk asked for the pages to be read after import) each page is saved
already queued for OCR, in the transaction that adds it: an import stopped by quitting or
signing out, whose report the window never gets, or an app killed mid-import, leaves its
pages queued, and the next start reads them (OcrQueue.resume).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

from desktop.capture.loading import CHANGED, GONE, ListedPage, ListedPageError, PageReader
from records import services
from records.audit import Actor
from records.images import ImageStoreError, PreparedImage

WINDOW = 2  # pages held ready or being written at most (2-3 MB each for a scan): one written, one ready


@dataclass
class ImportReport:
    """What an import did, in plain values (for the summary message)."""

    added: list[tuple[str, int, int]] = field(default_factory=list)  # (name, page no, page id)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)  # (name, register id, page no)
    bad: list[str] = field(default_factory=list)  # clerk-facing messages
    registers: dict[int, services.RegisterView] = field(default_factory=dict)  # those of the duplicates
    not_done: list[int] = field(default_factory=list)  # positions of the items not imported: the import was stopped

    @property
    def page_ids(self) -> list[int]:
        return [pid for _n, _no, pid in self.added]

    @property
    def stopped(self) -> int:
        """How many listed pages were left when the import was stopped (0: it ran to the end)."""
        return len(self.not_done)


def next_page_no(session, register_id: int) -> int:
    """The number the register's next page gets (as services.add_page numbers it)."""
    from sqlalchemy import func, select

    from records.models import Page

    return (session.scalar(select(func.max(Page.page_no)).where(Page.register_id == register_id)) or 0) + 1


def pages_holding(session, shas: set[str]) -> dict[str, tuple[services.RegisterView, int]]:
    """Which of the images `shas` are pages of the workspace already: {sha: (register, page no)}."""
    from sqlalchemy import select

    from records.models import Page

    known: dict[str, tuple[services.RegisterView, int]] = {}
    registers: dict[int, services.RegisterView] = {}
    wanted = sorted(shas)
    for i in range(0, len(wanted), 500):
        rows = session.execute(select(Page.image_sha256, Page.register_id, Page.page_no)
                               .where(Page.image_sha256.in_(wanted[i:i + 500]))).all()
        for sha, rid, page_no in rows:
            if rid not in registers:
                registers[rid] = services.get_register(session, rid)
            known.setdefault(sha, (registers[rid], page_no))
    return known


def register_place(session, register_id: int, shas: set[str]) -> tuple[int, dict[str, tuple[services.RegisterView, int]]]:
    """next_page_no and pages_holding at once."""
    return next_page_no(session, register_id), pages_holding(session, shas)


# Why a listed file was not imported after all ({0}: the file, and its pages for a TIFF or PDF).
# A file changed since it was listed is refused, not imported as it is now: the clerk checked
# the preview and the page numbers shown, and a page he did not see (the scanner program
# writing the file again, a colleague's file of the same name copied over it) would go into
# the register under a number he was not shown. Adding it again shows it as it is now.
FILE_GONE = "{0}: the file was moved, renamed or deleted after it was listed. Put it back and add it again."
FILE_CHANGED = ("{0}: the file changed after it was listed, so what was shown is not what it holds now. "
                "Add it again to see it and import it as it is now.")
FILE_UNREADABLE = "{0}: the file cannot be read now ({1}). Check the file and add it again."


def _page_numbers(indices: list[int]) -> str:
    """1-based page numbers, runs shortened: [0, 1, 2, 4] -> '1–3, 5'."""
    runs: list[list[int]] = []
    for i in sorted(set(indices)):
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return ", ".join(f"{a + 1}" if a == b else f"{a + 1}–{b + 1}" for a, b in runs)


def _not_read(page: ListedPage, indices: list[int], why: str) -> str:
    """The clerk's message for the pages of one file that could not be read again."""
    from pathlib import Path

    name = page.name if page.whole_file else f"{Path(page.source).name} [{_page_numbers(indices)}]"
    if why == GONE:
        return FILE_GONE.format(name)
    if why == CHANGED:
        return FILE_CHANGED.format(name)
    return FILE_UNREADABLE.format(name, why)


class ImportJob:
    """One import: `run()` is the reader (a background thread, never the writer), each page
    is written by a task of its own on `runner`'s writer thread. `.success(cb)` /
    `.failure(cb)` / `run_in_background(ctx)` as an operation (desktop.operations.Op);
    `cancel()` stops it after the page being written; `on_progress(done, total)` runs on
    the main thread as pages are done; `ocr`: each page added is saved queued for OCR."""

    def __init__(self, *, ws, actor: Actor, register_id: int, items: list[ListedPage],
                 on_progress: Callable[[int, int], None] | None = None, window: int = WINDOW,
                 ocr: bool = False) -> None:
        self.ws, self.actor, self.register_id, self.items = ws, actor, register_id, list(items)
        self.ocr = ocr
        self.window = window
        self.runner = None
        self._on_progress = on_progress
        self._success: Callable | None = None
        self._failure: Callable | None = None
        # per item, set by the reader or the page's writer task (one each): ("added", page no,
        # page id) | ("dup", register id, page no, register) | ("bad", message) | ("not_read", why)
        self._outcomes: list[tuple | None] = [None] * len(self.items)
        self._cancelled = threading.Event()
        self._room = threading.Condition()
        self._ready: deque[tuple[int, ListedPage, PreparedImage]] = deque()  # prepared, not yet queued on the writer
        self._queued = False  # a page task of this import is in the writer's queue or running (never two)
        self._done = 0
        self._error: BaseException | None = None
        self.waiting_for_writer = False  # the reader waits: `window` pages are ready or being written

    # -- as an operation -------------------------------------------------
    def success(self, cb: Callable[[tuple[ImportReport, services.Changes]], None]) -> ImportJob:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> ImportJob:
        self._failure = cb
        return self

    def run_in_background(self, ctx) -> Future:
        """Start the reader in `ctx.runner`'s pool; success/failure land on the main thread."""
        from desktop.operations import show_error

        self.runner = ctx.runner

        def done(fut: Future) -> None:
            try:
                result = fut.result()
            except BaseException as e:  # noqa: BLE001 - shown to the clerk
                (self._failure or show_error)(e)
                return
            ctx.bus.changed.emit(result[-1], None)
            if self._success is not None:
                self._success(result)

        return ctx.runner.run_read(self.run, done)

    def cancel(self) -> None:
        """Stop after the page being written (the pages saved stay)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    # -- the reader --------------------------------------------------------
    def run(self) -> tuple[ImportReport, services.Changes]:
        """Read, check and prepare each page in order, handing it to the writer; then wait
        for the writer to have written them, and report."""
        reader = PageReader()
        try:
            with self.ws.session() as s:  # copies of pages of the workspace: skipped unread
                known = pages_holding(s, {it.sha256 for it in self.items if it.sha256 and not it.error})
            # (pages are never deleted: one found stays; a copy of a page added meanwhile,
            # one listed above among them, is found by add_page on the writer)
            for i, it in enumerate(self.items):
                if self._stopping():
                    break
                if it.error or not it.sha256:
                    self._set(i, ("bad", it.error or f"{it.name}: empty"))
                    continue
                if it.sha256 in known:
                    reg, page_no = known[it.sha256]
                    self._set(i, ("dup", reg.id, page_no, reg))
                    continue
                if not self._wait_for_room():
                    break
                try:
                    data = reader.read(it)
                    image = self.ws.images.prepare(data, sha256=it.sha256)  # (read() checked the hash)
                    del data
                except ListedPageError as e:
                    self._set(i, ("not_read", e.why))
                    continue
                except (ImageStoreError, OSError) as e:
                    self._set(i, ("bad", f"{it.name}: {e}"))
                    continue
                if not self._hand(i, it, image):
                    break
                del image
        finally:
            reader.close()
            self._wait_for_writer()
        if self._error is not None:
            raise self._error
        report = self._report()
        return report, services.Changes(pages=True, registers=True, page_ids=set(report.page_ids))

    def _stopping(self) -> bool:
        return (self._cancelled.is_set() or self._error is not None
                or (self.runner is not None and self.runner.stopping.is_set()))

    def _held(self) -> int:
        return len(self._ready) + self._queued

    def _wait_for_room(self) -> bool:
        """Wait until fewer than `window` pages are ready or being written; False: stop."""
        with self._room:
            while self._held() >= self.window:
                if self._stopping():
                    return False
                self.waiting_for_writer = True
                self._room.wait(0.1)
            self.waiting_for_writer = False
            return True

    def _wait_for_writer(self) -> None:
        with self._room:
            while self._held():
                self._room.wait(0.1)

    # -- the writer ----------------------------------------------------------
    def _hand(self, i: int, it: ListedPage, image: PreparedImage) -> bool:
        """Give page `i` to the writer: queued at once when no page task of this import is
        queued, else taken by that task when it is done. False when the runner is shut down."""
        with self._room:
            self._ready.append((i, it, image))
            if self._queued:
                return True
            self._queued = True
        return self._queue_next()

    def _queue_next(self) -> bool:
        """Queue a task writing the next ready page on the writer thread (behind any edit
        queued before it). False (and the pages ready dropped) when the runner is shut down."""
        with self._room:
            box = [self._ready.popleft()]  # taken out by the task: the bytes go once written

        try:
            self.runner.run_write(lambda: self._write(*box.pop()))
        except RuntimeError:  # the runner was shut down: what was not written stays listed
            with self._room:
                box.clear()
                self._ready.clear()
                self._queued = False
                self._room.notify_all()
            return False
        return True

    def _write(self, i: int, it: ListedPage, prepared: PreparedImage) -> None:
        """On the writer thread: the image file and the page's rows, one transaction; then
        the next ready page is queued (behind what was queued meanwhile)."""
        try:
            if self._cancelled.is_set() or self._error is not None:
                return  # stopped: this page stays listed
            with self.ws.session() as s:
                res = services.add_page(s, self.ws.images, actor=self.actor, register_id=self.register_id,
                                        image=prepared, name=it.name, width=it.width, height=it.height)
                del prepared
                dup = res.duplicate_of if res.skipped else None  # a copy listed above, written meanwhile
                if self.ocr and not dup:  # queued with the page: read even if the window never hears of it
                    services.set_ocr_status(s, page_id=res.page_id, status="queued")
                reg = services.get_register(s, dup[0]) if dup else None
            self._set(i, ("dup", dup[0], dup[1], reg) if dup else ("added", res.page_no, res.page_id))
        except (ImageStoreError, OSError) as e:
            self._set(i, ("bad", f"{it.name}: {e}"))
        except BaseException as e:  # noqa: BLE001 - raised by the reader: the import stops
            self._error = e
        finally:
            with self._room:
                more = bool(self._ready)
                if not more:
                    self._queued = False
                self._room.notify_all()
            if more:
                self._queue_next()

    # -- progress and report ---------------------------------------------------
    def _set(self, i: int, outcome: tuple) -> None:
        self._outcomes[i] = outcome
        if self._on_progress is None or self.runner is None:
            return
        with self._room:
            self._done += 1
            done = self._done
        progress, total = self._on_progress, len(self.items)
        self.runner.run_on_main(lambda: progress(done, total))

    def _report(self) -> ImportReport:
        """The outcomes in the order listed; a file's pages not read again named once."""
        report = ImportReport()
        not_read: dict[tuple[str, str], tuple[ListedPage, list[int], int]] = {}  # (file, why) -> (page, indices, slot in bad)
        for i, (it, out) in enumerate(zip(self.items, self._outcomes, strict=True)):
            if out is None:
                report.not_done.append(i)
            elif out[0] == "added":
                report.added.append((it.name, out[1], out[2]))
            elif out[0] == "dup":
                _kind, rid, page_no, reg = out
                report.duplicates.append((it.name, rid, page_no))
                report.registers.setdefault(rid, reg)  # named as clerks know it
            elif out[0] == "bad":
                report.bad.append(out[1])
            else:
                key = (it.source, out[1])
                if key not in not_read:
                    not_read[key] = (it, [], len(report.bad))
                    report.bad.append("")
                not_read[key][1].append(it.index)
        for (_source, why), (page, indices, slot) in not_read.items():
            report.bad[slot] = _not_read(page, indices, why)
        return report


def import_items(*, ws, actor: Actor, register_id: int, items: list[ListedPage],
                 on_progress: Callable[[int, int], None] | None = None, ocr: bool = False) -> ImportJob:
    """The import of `items` (-> (ImportReport, Changes)); each page read again from its file
    and committed on its own: a failure keeps the rest, and the pages saved before it. `ocr`:
    each page is saved queued for OCR (read now by the window, or at the next start)."""
    return ImportJob(ws=ws, actor=actor, register_id=register_id, items=items, on_progress=on_progress, ocr=ocr)
