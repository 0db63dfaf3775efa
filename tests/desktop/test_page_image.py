"""Page images are decoded by Pillow on the worker and only wrapped in a QImage on the GUI thread."""

from __future__ import annotations

import io

from PIL import Image

from desktop import page_image


def _png(mode: str, color) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, (30, 20), color).save(buf, "PNG")
    return buf.getvalue()


def test_grey_and_colour_pages_keep_size_and_pixels(qapp):
    # GIVEN a grey page and a colour photo, decoded as a worker would (no Qt involved)
    grey = page_image.decode(_png("L", 77))
    colour = page_image.decode(_png("RGB", (200, 10, 30)))
    assert (grey.width, grey.height, grey.mode) == (30, 20, "L")
    assert colour.mode == "RGB" and len(colour.pixels) == 30 * 20 * 3
    # WHEN they are shown on the GUI thread
    qg, qc = page_image.to_qimage(grey), page_image.to_qimage(colour)
    # THEN the QImages have the same size and pixels
    assert (qg.width(), qg.height()) == (30, 20) and qg.pixelColor(5, 5).red() == 77
    c = qc.pixelColor(29, 19)
    assert (c.red(), c.green(), c.blue()) == (200, 10, 30)


def test_missing_or_unreadable_bytes_show_no_image(qapp):
    # GIVEN no stored image, and bytes that are not an image (a damaged file)
    # THEN decoding gives nothing and the view gets an empty image, not an exception
    assert page_image.decode(None) is None
    assert page_image.decode(b"not an image at all") is None
    assert page_image.to_qimage(None).isNull()
