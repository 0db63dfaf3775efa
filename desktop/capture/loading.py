"""Read files chosen for import into page images (no Qt: runs in a worker thread).

Single-page images keep their original bytes (so the same file imported twice has the same
hash and is skipped). Multi-page TIFF and PDF pages become PNG images, one per page, in
order. A file that cannot be read becomes an item with `error` set; the others go on.
Uses ocr.loader.iter_pages when it exists, else Pillow (images, TIFF) and pypdfium2 (PDF).

The import dialog lists `ListedPage`s: what it shows and what the import needs (file, page
index, size, a small preview, the hash) but not the page's bytes: a folder of 1,000 scans of
2-5 MB held 2-5 GB until Import was pressed. `PageReader` reads each page again at import
time, one page at a time, and refuses a page whose file was removed or changed meanwhile
(`ListedPageError`, naming the file).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
SUFFIXES = IMAGE_SUFFIXES | {".pdf"}
PDF_DPI = 200


@dataclass(frozen=True)
class ImportItem:
    """One page to import: its bytes and size, or the reason it cannot be read."""

    source: str
    index: int  # page index inside a multi-page file (0 for single images)
    data: bytes | None
    width: int
    height: int
    error: str | None = None
    preview: bytes | None = None  # a small JPEG of the page for the dialog (see _preview)
    sha256: str | None = None  # of `data`: the page it would be (records.images), when it is one
    whole_file: bool = False  # `data` is the file's own bytes (a single image), not a page made from it

    @property
    def name(self) -> str:
        return page_name(self.source, self.index)

    def listed(self) -> ListedPage:
        """What the import dialog keeps of this page: all but its bytes."""
        return ListedPage(self.source, self.index, self.width, self.height, self.error, self.preview,
                          self.sha256, self.whole_file)


def page_name(source: str, index: int) -> str:
    """How a page is named to the clerk: the file's name, and the page's number in a TIFF or PDF."""
    base = Path(source).name
    return f"{base} [{index + 1}]" if index or source.lower().endswith((".pdf", ".tif", ".tiff")) else base


@dataclass(frozen=True, slots=True)
class ListedPage:
    """A page listed for import, without its bytes (read again at import: PageReader)."""

    source: str
    index: int
    width: int
    height: int
    error: str | None = None
    preview: bytes | None = None  # a small JPEG (at most PREVIEW_SIDE px a side)
    sha256: str | None = None  # of the page's bytes when it was listed: duplicates, and a file changed since
    whole_file: bool = False

    data = None  # a listed page never holds its image (kept for code asking `it.data is None`)

    @property
    def name(self) -> str:
        return page_name(self.source, self.index)


def _natural_key(p: Path):
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", p.name)]


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files in the order given; a folder contributes its supported files in natural order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted((f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES), key=_natural_key)
        else:
            out.append(p)
    return out


def _png(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=False)
    return buf.getvalue()


PREVIEW_SIDE = 900  # px: the import dialog's preview is about half a screen high


def _preview(image) -> bytes:
    """A small JPEG of a Pillow page for the dialog's preview, made here off the window's
    thread: a 600 dpi A3 colour scan (70 megapixels, 280 MB as a QImage) is more than Qt's
    image reader takes (256 MB), and its preview stayed empty."""
    from PIL import Image

    if image.mode in ("1", "I;16", "I", "F"):
        image = image.convert("L")
    scale = PREVIEW_SIDE / max(image.width, image.height, 1)
    if scale < 1:
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                             Image.Resampling.BILINEAR, reducing_gap=2.0)
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _preview_array(image) -> bytes | None:
    """_preview of a page decoded by ocr.loader (a gray or BGR array)."""
    import cv2

    h, w = image.shape[:2]
    scale = PREVIEW_SIDE / max(w, h, 1)
    if scale < 1:
        image = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return buf.tobytes() if ok else None


def _bad(path: Path, why: str) -> ImportItem:
    return ImportItem(str(path), 0, None, 0, 0, f"{path.name}: {why}")


def _iter_with_ocr_loader(path: Path, previews: bool = True):
    """The pages of a PDF or TIFF one at a time through ocr.loader (a 300-page PDF is listed
    as it is read), or None where that module is missing."""
    try:
        from ocr.loader import OcrInputError, iter_pages  # written by the OCR issue
    except ImportError:
        return None
    import cv2

    def pages():
        try:
            for lp in iter_pages(path):
                if getattr(lp, "error", None) or lp.image is None:
                    yield ImportItem(str(path), lp.index, None, 0, 0, f"{path.name} page {lp.index + 1}: {lp.error}")
                    continue
                ok, buf = cv2.imencode(".png", lp.image)
                h, w = lp.image.shape[:2]
                yield ImportItem(str(path), lp.index, buf.tobytes() if ok else None, w, h,
                                 None if ok else f"{path.name} page {lp.index + 1}: cannot encode the page",
                                 _preview_array(lp.image) if ok and previews else None)
        except OcrInputError as e:  # its message names the file and says what to do
            yield ImportItem(str(path), 0, None, 0, 0, str(e).replace(str(path), path.name, 1))

    return pages()


def iter_file(path: str | Path, *, previews: bool = True) -> Iterator[ImportItem]:
    """Pages of one file as they are read (an item with `error` for a bad file or page), each
    with the hash its image is stored and recognised by (a page imported before is named)."""
    from dataclasses import replace

    from records.images import sha256_hex

    for item in _iter_file(Path(path), previews):
        yield replace(item, sha256=sha256_hex(item.data)) if item.data is not None else item


def _iter_file(path: Path, previews: bool = True) -> Iterator[ImportItem]:
    if not path.is_file():
        yield _bad(path, "file not found")
        return
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield _bad(path, "not a supported file type; import PNG, JPEG, TIFF or PDF files")
        return
    if suffix in (".pdf", ".tif", ".tiff"):
        loaded = _iter_with_ocr_loader(path, previews)
        if loaded is not None:
            try:
                yield from loaded
            except Exception as e:  # noqa: BLE001 - a bad file never stops the import
                yield _bad(path, f"cannot be read ({e}); check the file or scan the page again")
            return
    yield from (_load_pdf(path, previews) if suffix == ".pdf" else _load_image(path, previews))


def load_file(path: str | Path) -> list[ImportItem]:
    """Pages of one file (one item per page; an item with `error` for a bad file or page)."""
    return list(iter_file(path))


def _load_image(path: Path, previews: bool = True) -> Iterator[ImportItem]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from ocr.loader import bomb_problem, open_image, size_problem

    def too_large(index: int, problem: str) -> ImportItem:
        return ImportItem(str(path), index, None, 0, 0, problem)

    try:
        raw = path.read_bytes()
        # Daftar's own size limits (those of OCR) are checked before any pixel is decoded: a
        # 300-megapixel PNG stopped the whole import with Pillow's 'decompression bomb DOS attack'
        with open_image(raw) as im:
            frames = getattr(im, "n_frames", 1)
            if frames == 1:
                problem = size_problem(im.width, im.height, path.name)
                if problem:
                    yield too_large(0, problem)
                    return
                im.load()
                yield ImportItem(str(path), 0, raw, im.width, im.height, preview=_preview(im) if previews else None,
                                 whole_file=True)
                return
            del raw  # (the frames are read from Pillow's copy; one page at a time goes out)
            for i, frame in enumerate(ImageSequence.Iterator(im)):
                problem = size_problem(frame.width, frame.height, f"{path.name} page {i + 1}")
                if problem:
                    yield too_large(i, problem)
                    continue
                page = frame.convert("RGB") if frame.mode not in ("1", "L", "RGB") else frame.copy()
                yield ImportItem(str(path), i, _png(page), page.width, page.height,
                                 preview=_preview(page) if previews else None)
    except Image.DecompressionBombError as e:
        yield too_large(0, bomb_problem(path.name, e))
    except OSError as e:
        if e.errno is not None and not isinstance(e, UnidentifiedImageError):
            # the file could not be read (no permission, gone, a USB stick pulled): nothing
            # says it is damaged, and scanning the page again would not help
            yield _bad(path, f"cannot be read ({e}); check that the file is still there and that Daftar "
                             "may read it, then import it again")
        else:  # (Pillow's own errors, "image file is truncated", carry no errno)
            yield _bad(path, _damaged(e))
    except (SyntaxError, ValueError) as e:
        yield _bad(path, _damaged(e))


def _damaged(e: Exception) -> str:
    from PIL import UnidentifiedImageError

    if isinstance(e, UnidentifiedImageError):
        why = "not an image or damaged"
    elif "truncated" in str(e).lower():  # Pillow's "image file is truncated": said in plain words, translated
        why = "damaged image (the file is truncated (cut off while copying or downloading))"
    else:
        why = f"damaged image ({e})"
    return f"{why}; check the file or scan the page again"


def _load_pdf(path: Path, previews: bool = True) -> Iterator[ImportItem]:
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
    except Exception as e:  # noqa: BLE001 - pdfium raises its own error types
        yield _bad(path, f"not a readable PDF ({e}); check the file or export it again")
        return
    try:
        for i in range(len(pdf)):
            try:
                img = pdf[i].render(scale=PDF_DPI / 72).to_pil()
                item = ImportItem(str(path), i, _png(img), img.width, img.height,
                                  preview=_preview(img) if previews else None)
            except Exception as e:  # noqa: BLE001
                item = ImportItem(str(path), i, None, 0, 0, f"{path.name} page {i + 1}: cannot be drawn ({e})")
            yield item
    finally:
        pdf.close()


def load_files(paths: list[str | Path], on_item: Callable[[ImportItem], None] | None = None,
               stop: Callable[[], bool] | None = None, *, listing: bool = False) -> list[ImportItem]:
    """Every page of every file (folders expanded), in order, bad ones marked; `on_item` is
    called with each as soon as it is read (the import dialog lists pages as they come).
    `stop()` is asked before each page: when it says True the reading ends there (the import
    dialog was closed, the window is closing) with the pages read so far.
    `listing`: each page is a `ListedPage`, its bytes let go as soon as it is hashed and
    previewed (what the import dialog keeps; PageReader reads them again at import)."""
    items: list = []
    for p in expand_paths(paths):
        if stop is not None and stop():
            break
        for read in iter_file(p):
            it = read.listed() if listing else read
            del read  # (a listed page: its bytes go now, not when the next page is read)
            items.append(it)
            if on_item is not None:
                on_item(it)
            if stop is not None and stop():
                return items
    return items


class ListedPageError(Exception):
    """A listed page that cannot be imported now: its file was removed or changed since."""

    def __init__(self, page: ListedPage, why: str) -> None:
        super().__init__(f"{page.name}: {why}")
        self.page = page
        self.why = why  # GONE, CHANGED or the reason the file cannot be read now


GONE = "gone"
CHANGED = "changed"


class PageReader:
    """Reads the bytes of listed pages again at import time, one page at a time.

    A single image is its file's bytes, read again whole; a page of a TIFF or PDF is made
    again from its file, whose pages are read in order, one at a time (the pages of one file
    come one after the other in the list; going back opens the file again). The bytes must
    hash as they did when listed: the clerk imports the page he saw, numbered where he saw
    it. A page whose file is gone or changed raises ListedPageError."""

    def __init__(self) -> None:
        self._source: str | None = None
        self._pages: Iterator[ImportItem] | None = None
        self._at = -1  # index of the page read last from self._pages

    def read(self, page: ListedPage) -> bytes:
        """The page's bytes as they were when it was listed (checked against its hash)."""
        from records.images import sha256_hex

        path = Path(page.source)
        if not path.is_file():
            self.close()
            raise ListedPageError(page, GONE)
        if page.whole_file:
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                raise ListedPageError(page, GONE) from None
            except OSError as e:
                raise ListedPageError(page, e.strerror or str(e)) from None
            sha = sha256_hex(data)
        else:
            item = self._page_of_file(page)
            data, sha = (item.data, item.sha256) if item is not None else (None, None)  # (hashed by iter_file)
            if data is None and not path.is_file():
                raise ListedPageError(page, GONE)
        if data is None or sha != page.sha256:
            raise ListedPageError(page, CHANGED)
        return data

    def _page_of_file(self, page: ListedPage) -> ImportItem | None:
        if self._source != page.source or page.index <= self._at:
            self.close()
            self._source, self._pages, self._at = page.source, iter_file(page.source, previews=False), -1
        for item in self._pages:
            self._at = item.index
            if item.index == page.index:
                return item  # (an error now, where the page was read before: it changed)
            if item.index > page.index:
                break
        self.close()  # fewer pages now, or the file cannot be read any more
        return None

    def close(self) -> None:
        if self._pages is not None:
            close = getattr(self._pages, "close", None)
            if close is not None:
                close()
        self._source, self._pages, self._at = None, None, -1
