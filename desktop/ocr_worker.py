"""Runs in an OCR worker process (no Qt here): decode a page image, read it, return plain data.

The reader is named by an import path ("module:function") so tests can name a small fake
that the spawned worker can import; the default is ocr.pipeline.read_image.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

DEFAULT_READER = "ocr.pipeline:read_image"

_progress_queue = None  # set in each worker process by init_worker


_crash_log = None  # the app's log, open for the worker's life (faulthandler writes there)


def init_worker(queue, text_threads: int = 1, log_file: str | None = None) -> None:
    """Pool initializer: where a worker reports progress inside a page (page id, done, total,
    text), how many recognitions of one page it runs at once (cores per worker), and the
    app's log (daftar.crashlog), where a native crash of the worker (Tesseract, OpenCV)
    writes where it was."""
    global _progress_queue, _crash_log
    _progress_queue = queue
    if log_file:
        import faulthandler

        try:
            _crash_log = open(log_file, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
            faulthandler.enable(file=_crash_log, all_threads=True)
        except OSError:
            pass
    try:
        import cv2

        from ocr.recognise import set_text_threads
    except ImportError:  # a test reader without the OCR engine
        return
    set_text_threads(text_threads)
    cv2.setNumThreads(1)  # small per-cell operations: OpenCV's pool costs CPU, saves no time


def _accepts(fn, name: str) -> bool:
    import inspect

    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Reading:
    """One field as read; what records.services.save_ocr_rows needs (plain, picklable)."""

    text: str
    raw_text: str
    confidence: float | None
    box: tuple[int, int, int, int] | None
    flags: tuple = field(default_factory=tuple)


class PageRows(list):
    """The rows read on a page (dicts of Reading by field name), and `looks_like`: the
    register kind its column headings match better than its register's (ocr.page_kind)."""

    looks_like: str | None = None


class OcrPageError(RuntimeError):
    """A page OCR could not read; the message says why (shown to the clerk)."""


def _reader(path: str):
    mod, _, name = path.partition(":")
    try:
        return getattr(importlib.import_module(mod), name)
    except (ImportError, AttributeError) as e:
        raise OcrPageError(f"the OCR engine is not available ({e}); reinstall Daftar") from None


def ocr_page(image_bytes: bytes, template, reader: str = DEFAULT_READER,
             page_id: int | None = None, vocabulary: dict | None = None) -> PageRows:
    """Read one stored page image; raises OcrPageError with a clerk-facing message.

    With a progress queue (init_worker) and a page id, the reader's steps are reported.
    `vocabulary` (records.suggest.ocr_vocabulary) goes to a reader that takes it."""
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(image_bytes, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise OcrPageError("the stored page image cannot be decoded; import the page again")
    fn = _reader(reader)
    kwargs = {}
    queue = _progress_queue
    if queue is not None and page_id is not None and _accepts(fn, "progress"):
        def progress(done: int, total: int, message: str) -> None:
            try:
                queue.put_nowait((page_id, int(done), int(total), str(message)))
            except Exception:  # noqa: BLE001 - progress is a nicety, never a failure
                pass

        kwargs["progress"] = progress
    if vocabulary and _accepts(fn, "vocabulary"):
        kwargs["vocabulary"] = vocabulary
    page = fn(image, template, **kwargs)
    if getattr(page, "error", None):
        raise OcrPageError(str(page.error))
    out = PageRows()
    out.looks_like = getattr(page, "looks_like", None)
    for row in page.rows:
        out.append({
            name: Reading(r.text or "", r.raw_text or "", r.confidence,
                          tuple(int(v) for v in r.box) if r.box else None, tuple(r.flags or ()))
            for name, r in row.items()
        })
    return out
