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


@dataclass(frozen=True)
class Reading:
    """One field as read; what records.services.save_ocr_rows needs (plain, picklable)."""

    text: str
    raw_text: str
    confidence: float | None
    box: tuple[int, int, int, int] | None
    flags: tuple = field(default_factory=tuple)


class OcrPageError(RuntimeError):
    """A page OCR could not read; the message says why (shown to the clerk)."""


def _reader(path: str):
    mod, _, name = path.partition(":")
    try:
        return getattr(importlib.import_module(mod), name)
    except (ImportError, AttributeError) as e:
        raise OcrPageError(f"the OCR engine is not available ({e}); reinstall Daftar") from None


def ocr_page(image_bytes: bytes, template, reader: str = DEFAULT_READER) -> list[dict[str, Reading]]:
    """Read one stored page image; raises OcrPageError with a clerk-facing message."""
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(image_bytes, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise OcrPageError("the stored page image cannot be decoded; import the page again")
    page = _reader(reader)(image, template)
    if getattr(page, "error", None):
        raise OcrPageError(str(page.error))
    out: list[dict[str, Reading]] = []
    for row in page.rows:
        out.append({
            name: Reading(r.text or "", r.raw_text or "", r.confidence,
                          tuple(int(v) for v in r.box) if r.box else None, tuple(r.flags or ()))
            for name, r in row.items()
        })
    return out
