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


def test_every_ruled_line_of_a_scanned_page_shows_at_fit_width(qtbot):
    import numpy as np

    from desktop.correction.image_view import PageImageView
    from desktop.qt import QImage

    # GIVEN a 300 dpi register page (3308 x 2338) ruled with 3-pixel lines, as a handwritten
    # intiqal page the clerk keys from
    w, h = 3308, 2338
    page = np.full((h, w), 255, np.uint8)
    lines = range(300, 2200, 150)
    for y in lines:
        page[y:y + 3, 100:3200] = 0
    view = PageImageView()
    qtbot.addWidget(view)
    view.resize(420, 600)
    view.show()
    # WHEN it is shown beside the rows, fit to the view's width (an eighth of its size)
    view.set_image(QImage(page.data, w, h, w, QImage.Format.Format_Grayscale8).copy())
    qtbot.waitExposed(view)
    shot = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    sw, sh = shot.width(), shot.height()
    px = np.frombuffer(shot.constBits(), np.uint8, shot.bytesPerLine() * sh).reshape(sh, shot.bytesPerLine())[:, :sw]
    # THEN every line is drawn, across its whole width (one pixel in eight was drawn, and 8 of
    # the 13 lines were missing: the rows of the page could not be told apart)
    missing = []
    for y in lines:
        at = view.mapFromScene(1650, y + 1.5).y()
        band = px[max(0, at - 3):at + 4, sw // 4: 3 * sw // 4]
        if band.min(axis=0).max() > 230:  # some column of the line's band is white
            missing.append(y)
    assert missing == []
