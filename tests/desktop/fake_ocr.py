"""A tiny OCR reader for tests of the queue (imported by the spawned worker process).

It reads nothing: it returns two rows with fixed text and boxes, or fails on a red image.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class _Field:
    field: str
    kind: str
    text: str
    raw_text: str
    confidence: float
    box: tuple | None
    flags: list = field(default_factory=list)


@dataclass
class _Page:
    rows: list
    error: str | None = None


def read_image(image, template) -> _Page:
    """Fixed rows for any image; an error for an image whose first pixel is pure red."""
    b, g, r = (int(v) for v in image[0, 0][:3])
    if (b, g, r) == (0, 0, 255):
        return _Page([], error="the table's ruled lines were not found")
    rows = []
    for i, (khewat, owner) in enumerate((("47", "محمد اسلم"), ("48", "احمد علی"))):
        y = 20 + 30 * i
        rows.append({
            "khewat_no": _Field("khewat_no", "integer", khewat, khewat, 0.95, (5, y, 30, 25)),
            "owner": _Field("owner", "text-ur", owner, owner, 0.9, (40, y, 70, 25)),
        })
    return _Page(rows)


def read_image_slow(image, template, progress=None) -> _Page:
    """Like read_image, but takes half a second (to cancel while it runs), reporting two steps."""
    import time

    for step in (1, 2):
        time.sleep(0.25)
        if progress is not None:
            progress(step, 2, f"step {step}")
    return read_image(image, template)


def read_image_unless_flag(image, template) -> _Page:
    """Fails every page while the file named by $DAFTAR_TEST_OCR_FAIL exists (retry tests)."""
    import os

    flag = os.environ.get("DAFTAR_TEST_OCR_FAIL", "")
    if flag and os.path.exists(flag):
        return _Page([], error="the page is too dark to read")
    return read_image(image, template)


def read_image_vocabulary(image, template, vocabulary=None) -> _Page:
    """Writes into remarks how many owner words the office's vocabulary gave it ('none')."""
    page = read_image(image, template)
    words = (vocabulary or {}).get("owner")
    note = str(len(words)) if words else "none"
    for row in page.rows:
        row["remarks"] = _Field("remarks", "text-ur", note, note, 0.9, None)
    return page


def read_image_or_die(image, template) -> _Page:
    """The worker process dies (as when out of memory) while the file named by
    $DAFTAR_TEST_OCR_DIE exists; with "once" in it, the file goes with the first death."""
    import os

    flag = os.environ.get("DAFTAR_TEST_OCR_DIE", "")
    if flag and os.path.exists(flag):
        with open(flag, encoding="utf-8") as f:
            once = f.read().strip() == "once"
        if once:
            os.unlink(flag)
        os._exit(1)
    return read_image(image, template)


def read_image_or_abort(image, template) -> _Page:
    """The worker process crashes natively (as in a library's bug) while $DAFTAR_TEST_OCR_DIE names a file."""
    import os

    flag = os.environ.get("DAFTAR_TEST_OCR_DIE", "")
    if flag and os.path.exists(flag):
        os.unlink(flag)
        os.abort()
    return read_image(image, template)
