"""Loading pages: every input format, and a clear error for every kind of bad file."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from ocr.loader import OcrInputError, load_image_bytes, load_many, load_pages


def _page(seed: int, size=(90, 120)) -> Image.Image:
    rng = np.random.default_rng(seed)
    a = np.full(size, 255, np.uint8)
    a[10 + seed : 20 + seed, 10:100] = 0  # a bar whose height tells pages apart
    a[rng.integers(0, size[0], 50), rng.integers(0, size[1], 50)] = 0
    return Image.fromarray(a)


def _png_header(w: int, h: int) -> bytes:
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


@pytest.mark.parametrize("fmt,suffix", [("PNG", ".png"), ("JPEG", ".jpg"), ("TIFF", ".tif")])
def test_single_page_images_load_gray(tmp_path, fmt, suffix):
    # GIVEN a gray page saved as PNG, JPEG or TIFF
    path = tmp_path / f"scan{suffix}"
    _page(0).save(path, fmt)
    # WHEN it is loaded
    pages = load_pages(path)
    # THEN one gray uint8 page comes back, named after the file
    assert len(pages) == 1
    p = pages[0]
    assert p.ok and p.source == str(path) and p.index == 0
    assert p.image.dtype == np.uint8 and p.image.shape == (90, 120)
    assert p.image[15, 50] < 60 and p.image[80, 5] > 200


def test_colour_photo_loads_as_bgr_and_upright(tmp_path):
    # GIVEN an RGB JPEG, saved sideways with an EXIF orientation of 6 (rotate 90)
    rgb = np.zeros((40, 60, 3), np.uint8)
    rgb[..., 0] = 200  # red
    im = Image.fromarray(rgb)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "photo.jpg"
    im.save(path, "JPEG", exif=exif.tobytes())
    # WHEN loaded
    (p,) = load_pages(path)
    # THEN it is BGR (red in the last channel) and turned upright (60 x 40)
    assert p.image.shape == (60, 40, 3)
    assert p.image[..., 2].mean() > 150 and p.image[..., 0].mean() < 50


def test_multi_page_tiff_gives_every_page(tmp_path):
    path = tmp_path / "book.tif"
    frames = [_page(i) for i in range(3)]
    frames[0].save(
        path, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate"
    )
    pages = load_pages(path)
    assert [p.index for p in pages] == [0, 1, 2] and all(p.ok for p in pages)
    # each page is its own image (the bar moves down a pixel per page)
    assert pages[0].image[10, 50] < 60 and pages[2].image[10, 50] > 200


def test_tiff_with_one_damaged_page_loads_the_others(tmp_path):
    # GIVEN a 3-page compressed TIFF whose second page's data is overwritten
    buf = io.BytesIO()
    frames = [_page(i) for i in range(3)]
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    data = bytearray(buf.getvalue())
    im = Image.open(io.BytesIO(bytes(data)))
    im.seek(1)
    for off, n in zip(im.tag_v2[273], im.tag_v2[279], strict=True):
        data[off : off + n] = b"\x00" * n
    # WHEN it is loaded from memory
    pages = load_image_bytes(bytes(data), "register.tif")
    # THEN pages 1 and 3 load and page 2 carries an error naming file and page
    assert [p.ok for p in pages] == [True, False, True]
    assert pages[1].image is None and "register.tif, page 2" in pages[1].error


def test_two_page_pdf_renders_at_300_dpi(tmp_path):
    # GIVEN a 2-page PDF of 1 x 0.75 inch pages
    path = tmp_path / "two.pdf"
    a, b = _page(0).convert("RGB"), _page(5).convert("RGB")
    a.save(path, "PDF", save_all=True, append_images=[b], resolution=120)
    # WHEN loaded
    pages = load_pages(path)
    # THEN both pages come back gray at 300 dpi
    assert [p.index for p in pages] == [0, 1] and all(p.ok for p in pages)
    for p in pages:
        assert p.image.dtype == np.uint8 and p.image.ndim == 2
        assert abs(p.image.shape[1] - 300) <= 2 and abs(p.image.shape[0] - 225) <= 2
    assert pages[0].image[30, 150] < 80 and pages[1].image[30, 150] > 200


def test_bytes_and_file_give_the_same_pages(tmp_path):
    path = tmp_path / "p.png"
    _page(1).save(path)
    (a,) = load_pages(path)
    (b,) = load_image_bytes(path.read_bytes(), "p.png")
    assert np.array_equal(a.image, b.image) and b.source == "p.png"


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("empty.png", b"", "empty"),
        ("notes.png", "یہ ایک نوٹ ہے\nplain text".encode(), "unsupported file type (text)"),
        ("corrupt.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "damaged"),
        ("huge.png", _png_header(30000, 30000), "larger than Daftar reads"),
        ("wide.png", _png_header(25000, 100), "25000 x 100"),
        ("bad.pdf", b"%PDF-1.7\n garbage that is no pdf", "not a readable PDF"),
    ],
)
def test_bad_files_raise_a_clear_error_naming_the_file(tmp_path, name, data, message):
    # GIVEN a bad file on disk
    path = tmp_path / name
    path.write_bytes(data)
    # WHEN / THEN loading it names the file and the problem
    with pytest.raises(OcrInputError) as err:
        load_pages(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_truncated_jpeg_is_reported_as_truncated(tmp_path):
    buf = io.BytesIO()
    Image.fromarray((np.random.default_rng(1).random((300, 400)) * 255).astype(np.uint8)).save(
        buf, "JPEG"
    )
    path = tmp_path / "cut.jpg"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(OcrInputError, match=r"cut\.jpg: .*truncated"):
        load_pages(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(OcrInputError, match="not found"):
        load_pages(tmp_path / "nope.png")
    with pytest.raises(OcrInputError, match="folder"):
        load_pages(tmp_path)


def test_load_many_keeps_going_after_a_bad_file(tmp_path):
    # GIVEN a good page, an empty file and another good page
    good1, bad, good2 = tmp_path / "a.png", tmp_path / "b.png", tmp_path / "c.png"
    _page(0).save(good1)
    bad.write_bytes(b"")
    _page(2).save(good2)
    # WHEN the batch is loaded
    pages = load_many([good1, bad, good2])
    # THEN the bad file is one error entry between the two good pages
    assert [p.ok for p in pages] == [True, False, True]
    assert str(bad) in pages[1].error


def test_tiff_with_one_oversized_page_refuses_only_that_page(tmp_path):
    # GIVEN a TIFF whose middle page is 25,000 px wide (a thin strip, cheap to write)
    path = tmp_path / "mixed.tif"
    strip = Image.new("L", (25000, 2), 255)
    _page(0).save(path, "TIFF", save_all=True, append_images=[strip, _page(2)])
    # WHEN loaded
    pages = load_pages(path)
    # THEN the big page is refused with its size, the other two load
    assert [p.ok for p in pages] == [True, False, True]
    assert "mixed.tif, page 2" in pages[1].error and "25000 x 2" in pages[1].error


def test_password_protected_pdf_says_so(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(100, 100, "page")
    c.showPage()
    c.save()
    with pytest.raises(OcrInputError, match=r"locked\.pdf: the PDF is password-protected"):
        load_pages(path)


def test_iter_pages_gives_pages_one_at_a_time(tmp_path):
    from ocr.loader import iter_pages

    path = tmp_path / "three.pdf"
    frames = [_page(i).convert("RGB") for i in range(3)]
    frames[0].save(path, "PDF", save_all=True, append_images=frames[1:], resolution=120)
    it = iter_pages(path)
    first = next(it)
    assert first.index == 0 and first.ok
    assert [p.index for p in it] == [1, 2]
    with pytest.raises(OcrInputError, match="not found"):
        iter_pages(tmp_path / "missing.pdf")


def test_a_600_dpi_a3_scan_is_read(tmp_path):
    # GIVEN a 600 dpi A3 scan: 7016 x 9921 pixels, about 70 megapixels (refused at 60 before)
    path = tmp_path / "a3-600dpi.png"
    Image.new("1", (7016, 9921), 1).save(path)
    # WHEN / THEN OCR loads it
    (page,) = load_pages(path)
    assert page.ok and page.image.shape == (9921, 7016)


@pytest.mark.parametrize("w,h,megapixels", [(11000, 10000, 110), (20000, 15000, 300), (9500, 9900, None)])
def test_the_size_of_an_image_too_large_is_named_with_what_to_do(tmp_path, w, h, megapixels):
    # GIVEN PNGs of 110 and 300 megapixels (Pillow's 'decompression bomb' beyond 179), and
    #       one of 94 (a Pillow warning, not too large for Daftar)
    path = tmp_path / "big.png"
    path.write_bytes(_png_header(w, h))
    # WHEN OCR loads it
    with pytest.raises(OcrInputError) as err:
        load_pages(path)
    # THEN the too large ones are refused naming the file, their megapixels and what to do
    text = str(err.value)
    assert str(path) in text
    if megapixels is None:  # (the header has no pixel data: refused as damaged, not for its size)
        assert "larger than" not in text and "megapixels" not in text
    else:
        assert f"{megapixels} megapixels" in text and "300 dpi" in text and "bomb" not in text
