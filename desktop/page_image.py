"""Page images decoded off the GUI thread without Qt, shown on it.

A worker decodes the stored bytes with Pillow into a `DecodedImage` (plain pixels); the GUI
thread wraps them in a QImage, a copy of memory with no decoding. Workers never call Qt:
QImage.fromData on a worker thread deadlocked the test suite (the worker waited inside Qt's
image-format loading while holding Python's interpreter lock, and the GUI thread waited for
that lock).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from desktop.qt import QImage


@dataclass(frozen=True)
class DecodedImage:
    """Pixels of a page image: 8-bit grey ("L") or RGB rows, tightly packed."""

    width: int
    height: int
    mode: str
    pixels: bytes


def decode(data: bytes | None) -> DecodedImage | None:
    """Decode image file bytes (PNG, JPEG, TIFF...: the first page) with Pillow; None for
    no data or bytes Pillow cannot read (the view then shows no image)."""
    if not data:
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as im:
            return from_pil(im)
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def from_pil(im) -> DecodedImage:
    """The pixels of a Pillow image, as 8-bit grey when it has no colour, else RGB."""
    im = im.convert("L" if im.mode in ("1", "L", "I;16", "I", "F") else "RGB")
    return DecodedImage(im.width, im.height, im.mode, im.tobytes())


def to_qimage(img: DecodedImage | None) -> QImage:
    """The QImage of decoded pixels (call on the GUI thread); an empty QImage for None."""
    if img is None:
        return QImage()
    grey = img.mode == "L"
    fmt = QImage.Format.Format_Grayscale8 if grey else QImage.Format.Format_RGB888
    line = img.width * (1 if grey else 3)
    return QImage(img.pixels, img.width, img.height, line, fmt).copy()
