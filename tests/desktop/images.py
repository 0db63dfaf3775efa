"""Small test images generated on the fly."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw


def png_bytes(seed: int = 0, size: tuple[int, int] = (120, 160)) -> bytes:
    """A small distinct PNG (the seed changes its content and therefore its hash)."""
    im = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(im)
    d.rectangle((10 + seed % 50, 10, 60 + seed % 50, 40 + seed), outline="black", width=2)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()
