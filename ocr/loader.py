"""Open scanned or photographed pages: PNG, JPEG, TIFF (multi-page) and PDF.

    pages = load_pages("scan.tif")          # one LoadedPage per page
    pages = load_image_bytes(data, "scan")  # the same from memory (encrypted workspace)
    for page in iter_pages("book.pdf"): ... # one page in memory at a time

The type is recognised from the file's first bytes, not its name. A file that cannot be
used at all (missing, empty, not an image, damaged, too large) raises `OcrInputError`
naming the file; inside a multi-page TIFF or PDF a bad page becomes a `LoadedPage` with
`error` set (naming file and page) while the other pages load. `load_many` turns file
errors into such entries too, so one bad file never stops a batch.

Images come back as uint8 numpy arrays: gray (H, W) or colour BGR (H, W, 3), phone
photos turned upright by their EXIF orientation. PDF pages are rendered at 300 dpi.
Sizes are checked from the file header before any pixel is decoded.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence

# The largest page Daftar reads: a 600 dpi A3 scan is 7016 x 9921 px (~70 MP; it was refused
# at 60), a 300 dpi A2 ~35 MP. OCR scales a page down to its working size first; a colour page
# of 100 MP decodes to 300 MB. Pillow itself refuses over 179 MP ("decompression bomb").
MAX_PIXELS = 100_000_000
MAX_SIDE = 20_000
_ADVICE = "Scan the page at 300 dpi or reduce the image."
MAX_FILE_BYTES = 1 << 30
PDF_DPI = 300

_HINT = "Scan or export the page again as PNG, JPEG, TIFF or PDF."


class OcrInputError(ValueError):
    """A file (or page) that cannot be read; the message names it and says what to do."""


@dataclass
class LoadedPage:
    """One page of an input file: its image, or the error that kept it from loading."""

    source: str
    index: int  # 0-based page number within the file
    image: np.ndarray | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.image is not None


def sniff(data: bytes) -> str | None:
    """'png', 'jpeg', 'tiff', 'pdf' from the first bytes, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return None


def _describe(data: bytes) -> str:
    head = data[:512]
    if head.startswith((b"GIF8", b"BM", b"RIFF")) or head[4:12] in (b"ftypheic", b"ftypavif"):
        return "an image type Daftar does not read"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP/Office document"
    try:
        head.decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        return "not an image or PDF"


def load_pages(path: str | Path) -> list[LoadedPage]:
    """All pages of an image or PDF file. Raises OcrInputError when the file is unusable."""
    return list(iter_pages(path))


def load_image_bytes(data: bytes, name: str) -> list[LoadedPage]:
    """All pages of an image or PDF held in memory; `name` is used in messages."""
    return list(iter_image_bytes(data, name))


def iter_pages(path: str | Path) -> Iterator[LoadedPage]:
    """Pages of a file one at a time (a 200-page PDF never sits in memory at once).

    File-level problems raise OcrInputError, at the latest when the first page is taken.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise OcrInputError(f"{p}: file not found") from None
    except OSError as e:
        raise OcrInputError(f"{p}: cannot read the file ({e.strerror})") from None
    if p.is_dir():
        raise OcrInputError(f"{p}: is a folder, not an image or PDF file")
    if size > MAX_FILE_BYTES:
        raise OcrInputError(
            f"{p}: the file is {size / 2**30:.1f} GB, too large to be a page scan. {_HINT}"
        )
    try:
        data = p.read_bytes()
    except OSError as e:
        raise OcrInputError(f"{p}: cannot read the file ({e.strerror})") from None
    return iter_image_bytes(data, str(p))


def iter_image_bytes(data: bytes, name: str) -> Iterator[LoadedPage]:
    """Pages of an in-memory image or PDF one at a time (see iter_pages)."""
    if not data:
        raise OcrInputError(f"{name}: the file is empty (0 bytes). {_HINT}")
    kind = sniff(data)
    if kind is None:
        raise OcrInputError(
            f"{name}: unsupported file type ({_describe(data)}); Daftar reads PNG, JPEG, TIFF and PDF"
        )
    if kind == "pdf":
        return _pdf_pages(data, name)
    return _image_pages(data, name, kind)


def load_many(paths: Iterable[str | Path]) -> list[LoadedPage]:
    """Pages of several files; a file that cannot be read becomes one error entry."""
    out: list[LoadedPage] = []
    for path in paths:
        try:
            out.extend(load_pages(path))
        except OcrInputError as e:
            out.append(LoadedPage(str(path), 0, None, str(e)))
    return out


def _megapixels(pixels: int) -> int:
    return max(1, round(pixels / 1_000_000))


def size_problem(w: int, h: int, where: str) -> str | None:
    """Why an image of w x h pixels is not read (naming `where`), None when it is. The
    import (desktop.capture.loading) refuses what OCR would."""
    if w <= 0 or h <= 0:
        return f"{where}: the image has no pixels ({w} x {h})"
    if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
        return (f"{where}: the image is {w} x {h} pixels ({_megapixels(w * h)} megapixels), larger than "
                f"Daftar reads (at most {MAX_PIXELS // 1_000_000} megapixels, {MAX_SIDE} px a side). {_ADVICE}")
    return None


def bomb_problem(where: str, e: Exception) -> str:
    """The clerk's message for Pillow's DecompressionBombError (an image over ~179 MP, whose
    size Pillow names only in its own English words: 'decompression bomb DOS attack')."""
    m = re.search(r"\((\d+) pixels\)", str(e))
    if m is None:
        return (f"{where}: the image is larger than Daftar reads "
                f"(at most {MAX_SIDE} px a side and {MAX_PIXELS // 1_000_000} megapixels)")
    return (f"{where}: the image has {_megapixels(int(m.group(1)))} megapixels, larger than Daftar reads "
            f"(at most {MAX_PIXELS // 1_000_000} megapixels, {MAX_SIDE} px a side). {_ADVICE}")


def open_image(data: bytes) -> Image.Image:
    """Pillow's image of `data`, its pixels not decoded yet. Pillow's warning over 89 MP is
    silenced: Daftar's own limits are checked (size_problem) before the pixels are decoded.
    Raises Image.DecompressionBombError (bomb_problem) and Pillow's errors for bad data."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data))


def _check_size(w: int, h: int, where: str) -> None:
    problem = size_problem(w, h, where)
    if problem:
        raise OcrInputError(problem)


def _to_array(im: Image.Image) -> np.ndarray:
    """uint8 gray or BGR array of a decoded frame."""
    mode = im.mode
    if mode in ("1", "L"):
        return np.asarray(im.convert("L"), dtype=np.uint8).copy()
    if mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(im, dtype=np.float64)
        hi = a.max() if a.size else 1.0
        scale = 255.0 / (65535.0 if hi > 255 else 255.0)
        return np.clip(a * scale, 0, 255).astype(np.uint8)
    if mode in ("LA", "PA", "RGBA", "P") and (
        "transparency" in im.info or mode in ("LA", "PA", "RGBA")
    ):
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(white, rgba)
    rgb = np.asarray(im.convert("RGB"), dtype=np.uint8)
    if (
        rgb.ndim == 3
        and np.array_equal(rgb[..., 0], rgb[..., 1])
        and np.array_equal(rgb[..., 1], rgb[..., 2])
    ):
        return rgb[..., 0].copy()
    return rgb[..., ::-1].copy()


def _decode_error(e: Exception) -> str:
    text = str(e).lower()
    if "truncated" in text or "premature" in text or "broken data stream" in text:
        return "the file is truncated (cut off while copying or downloading)"
    return f"the image data is damaged ({e})"


def _image_pages(data: bytes, name: str, kind: str) -> Iterator[LoadedPage]:
    try:
        im = open_image(data)
    except Image.DecompressionBombError as e:
        raise OcrInputError(bomb_problem(name, e)) from None
    except Exception as e:  # noqa: BLE001 - Pillow raises many types for bad headers
        why = "truncated" if "truncated" in str(e).lower() else "damaged"
        raise OcrInputError(
            f"{name}: starts like a {kind.upper()} file but is {why} and cannot be read. {_HINT}"
        ) from None
    multi = getattr(im, "n_frames", 1) > 1
    count = 0
    index = 0
    try:
        frames = ImageSequence.Iterator(im)
        while True:
            where = f"{name}, page {index + 1}" if multi or index else name
            try:
                frame = next(frames)
            except StopIteration:
                break
            except Exception as e:  # noqa: BLE001 - a damaged page directory
                count += 1
                yield LoadedPage(name, index, None, f"{where}: {_decode_error(e)}")
                break
            try:
                _check_size(*frame.size, where)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                    frame.load()
                    if index == 0 and not multi:
                        frame = ImageOps.exif_transpose(frame)
                    array = _to_array(frame)
                count += 1
                yield LoadedPage(name, index, array)
            except OcrInputError as e:
                if not multi:
                    raise
                count += 1
                yield LoadedPage(name, index, None, str(e))
            except Exception as e:  # noqa: BLE001 - decoder errors come in many types
                if not multi:
                    raise OcrInputError(f"{where}: {_decode_error(e)}. {_HINT}") from None
                count += 1
                yield LoadedPage(name, index, None, f"{where}: {_decode_error(e)}")
            index += 1
    finally:
        im.close()
    if not count:
        raise OcrInputError(f"{name}: the file holds no pages. {_HINT}")


def _pdf_pages(data: bytes, name: str) -> Iterator[LoadedPage]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        text = str(e).lower()
        if "password" in text:
            raise OcrInputError(
                f"{name}: the PDF is password-protected; save an unprotected copy"
            ) from None
        raise OcrInputError(f"{name}: not a readable PDF ({e}). {_HINT}") from None
    try:
        n = len(pdf)
        if n == 0:
            raise OcrInputError(f"{name}: the PDF holds no pages")
        for i in range(n):
            yield _pdf_page(pdf, i, name)
    finally:
        pdf.close()


def _pdf_page(pdf, i: int, name: str) -> LoadedPage:
    where = f"{name}, page {i + 1}"
    try:
        page = pdf[i]
        try:
            w_pt, h_pt = page.get_size()
            scale = PDF_DPI / 72
            w, h = w_pt * scale, h_pt * scale
            if w <= 0 or h <= 0:
                return LoadedPage(name, i, None, f"{where}: the page has no size")
            # Very large pages are rendered at a lower resolution instead of refused.
            fit = min(1.0, MAX_SIDE / max(w, h), (MAX_PIXELS / (w * h)) ** 0.5)
            arr = page.render(scale=scale * fit, grayscale=True).to_numpy()
        finally:
            page.close()
    except Exception as e:  # noqa: BLE001 - pdfium errors on a damaged page
        return LoadedPage(name, i, None, f"{where}: the page cannot be rendered ({e})")
    if arr.ndim == 3:
        arr = arr[..., 0] if arr.shape[2] == 1 else arr[..., :3].mean(axis=2)
    return LoadedPage(name, i, np.ascontiguousarray(arr, dtype=np.uint8))
