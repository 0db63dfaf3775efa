"""OCR of register pages: the public API the desktop and the command line call.

    read_image(image, template) -> PageReading
    read_files(paths, template, workers=None, progress=None, cancel=None) -> Iterator[PageReading]

Steps: prepare (ocr.preprocess), find the table and header zones (ocr.layout), read the cells
in a few stacked recognitions (ocr.recognise), score every field (ocr.confidence). Pages are
read in parallel by a process pool, one worker per core, each with OMP_THREAD_LIMIT=1 and its
Tesseract models loaded once. One bad page gives a PageReading with `error` set; the batch
goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import numpy as np  # noqa: E402

from ocr.confidence import rule_flags, score_field  # noqa: E402
from ocr.page_kind import looks_like  # noqa: E402
from ocr.recognise import CellImage, NumberReader, recognise_cells  # noqa: E402
from records.flags import Flag  # noqa: E402
from records.templates import Template, get_template  # noqa: E402

Box = tuple[int, int, int, int]
Progress = Callable[[int, int, str], None]


@dataclass
class FieldReading:
    """One field as read: clean text, raw OCR text, confidence 0..1, box on the page, flags."""

    field: str
    kind: str
    text: str
    raw_text: str
    confidence: float
    box: Box | None
    flags: list[Flag] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["flags"] = [f.as_dict() for f in self.flags]
        d["box"] = list(self.box) if self.box else None
        return d


@dataclass
class PageReading:
    """One page: header fields and table rows (dicts by field name), timing and any error."""

    source: str
    index: int
    width: int
    height: int
    header: dict[str, FieldReading] = field(default_factory=dict)
    rows: list[dict[str, FieldReading]] = field(default_factory=list)
    method: str = ""
    seconds: float = 0.0
    error: str | None = None
    # the built-in register kind the column headings match clearly better than the
    # template the page was read with (ocr.page_kind): a page imported into the wrong register
    looks_like: str | None = None

    def fields(self) -> Iterator[tuple[int | None, FieldReading]]:
        """Every field with its row index (None for the header)."""
        for f in self.header.values():
            yield None, f
        for i, row in enumerate(self.rows):
            for f in row.values():
                yield i, f

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "index": self.index,
            "width": self.width,
            "height": self.height,
            "method": self.method,
            "seconds": round(self.seconds, 3),
            "error": self.error,
            "looks_like": self.looks_like,
            "header": {k: v.as_dict() for k, v in self.header.items()},
            "rows": [{k: v.as_dict() for k, v in r.items()} for r in self.rows],
        }


# ---------------------------------------------------------------------------- one image


def _to_gray(image) -> np.ndarray:
    a = np.asarray(image)
    if a.ndim == 3:
        import cv2

        a = cv2.cvtColor(a[..., :3].astype(np.uint8), cv2.COLOR_RGB2GRAY)
    return a.astype(np.uint8)


def _prepare(image):
    """(gray page for layout and OCR, function mapping its boxes back onto the original)."""
    try:
        from ocr.preprocess import prepare, to_original
    except ImportError:
        return _to_gray(image), lambda box: box
    prepared = prepare(_to_gray(image))
    return prepared.gray, lambda box: tuple(int(v) for v in to_original(box, prepared))


def _frac_box(gray: np.ndarray, frac) -> Box:
    H, W = gray.shape[:2]
    x0, y0, x1, y1 = frac
    return int(x0 * W), int(y0 * H), int((x1 - x0) * W), int((y1 - y0) * H)


@dataclass
class _ZoneLayout:
    """Fallback layout from the template's relative zones (no ruled lines needed)."""

    cells: dict[tuple[int, int], Box]
    rows: int
    cols: int

    def cell(self, r: int, c: int) -> Box:
        return self.cells[(r, c)]


def _zone_layout(gray: np.ndarray, template: Template) -> _ZoneLayout:
    from ocr import zones

    ys = zones.row_edges(template)[1:]
    cols = zones.column_edges(template)
    cells = {}
    for r in range(len(ys) - 1):
        for c, (x0, x1) in enumerate(cols):
            cells[(r, c)] = _frac_box(gray, (x0, ys[r], x1, ys[r + 1]))
    return _ZoneLayout(cells, len(ys) - 1, len(cols))


def _zone_header(gray: np.ndarray, template: Template) -> dict[str, Box]:
    from ocr import zones

    return {k: _frac_box(gray, v) for k, v in zones.header_value_boxes(template).items()}


def _layout(gray: np.ndarray, template: Template, mode: str = "auto"):
    if mode == "zones":
        return _zone_layout(gray, template), _zone_header(gray, template), "zones"
    try:
        from ocr.layout import find_table, header_fields
    except ImportError:
        return _zone_layout(gray, template), _zone_header(gray, template), "zones"
    table = find_table(gray, template)
    try:
        header = header_fields(gray, template)
    except Exception:  # noqa: BLE001 - no header found: the table is still worth reading
        header = {}
    return table, header, getattr(table, "method", "ruled")


def _count(v) -> int:
    return v if isinstance(v, int) else len(v)


def _inner(gray: np.ndarray, box: Box, inset: float = 0.06) -> np.ndarray:
    """The inside of a cell, a little inset so the ruled lines stay out."""
    x, y, w, h = box
    dx, dy = max(2, int(w * inset / 2)), max(2, int(h * inset))
    H, W = gray.shape
    y0, y1 = max(0, y + dy), min(H, y + h - dy)
    x0, x1 = max(0, x + dx), min(W, x + w - dx)
    if y1 <= y0 or x1 <= x0:
        return np.full((4, 4), 255, np.uint8)
    return gray[y0:y1, x0:x1]


def read_image(
    image,
    template: Template | str,
    *,
    progress: Progress | None = None,
    source: str = "",
    index: int = 0,
    number_reader: NumberReader | str | None = None,
    thresholds: dict[str, float] | None = None,
    layout: str = "auto",
    vocabulary: Mapping[str, frozenset[str]] | None = None,
    text_reader: str = "auto",
) -> PageReading:
    """Read one page image (numpy array or PIL image) as fields of `template`.

    Never raises for a bad page: the returned PageReading has `error` set instead.
    `layout="zones"` skips rule finding and uses the template's zones (pages drawn exactly
    to the template, e.g. generated ones). `number_reader`: a NumberReader, or "tesseract"
    to force Tesseract for numbers, or None/"auto" for the dedicated reader when its model
    is installed. `vocabulary`: field name -> words the office has recorded there
    (records.suggest.ocr_vocabulary); text with a word never recorded is flagged.
    `text_reader`: "auto" (the Urdu line model when installed), "lines" or "tesseract".
    """
    t0 = time.perf_counter()
    tpl = get_template(template) if isinstance(template, str) else template
    arr = np.asarray(image)
    height, width = (arr.shape[:2] if arr.ndim >= 2 else (0, 0))
    page = PageReading(source, index, int(width), int(height))
    try:
        if arr.ndim < 2 or arr.size == 0 or min(arr.shape[:2]) < 50:
            raise ValueError(f"the image is empty or too small ({width}x{height} px)")
        _report(progress, 0, 3, "preparing the page")
        gray, to_page = _prepare(arr)
        _report(progress, 1, 3, "finding the table")
        table, header_boxes, how = _layout(gray, tpl, layout)
        cells: list[CellImage] = []
        boxes: dict = {}
        for spec in tpl.header:
            box = header_boxes.get(spec.name)
            if box is None:
                continue
            boxes[(None, spec.name)] = to_page(tuple(int(v) for v in box))
            cells.append(CellImage((None, spec.name), spec.kind, _inner(gray, box, 0.02)))
        y0, y1 = getattr(table, "heading", (0, 0))
        if y1 - y0 > 8:  # the column headings, read to tell which register the page is of
            for c, (x0, x1) in enumerate(table.cols):
                cells.append(CellImage((HEADING, c), "text-ur", _inner(gray, (x0, y0, x1 - x0, y1 - y0))))
        n_rows, n_cols = _count(table.rows), min(_count(table.cols), len(tpl.columns))
        for r in range(n_rows):
            for c in range(n_cols):
                spec = tpl.columns[c]
                box = tuple(int(v) for v in table.cell(r, c))
                boxes[(r, spec.name)] = to_page(box)
                cells.append(CellImage((r, spec.name), spec.kind, _inner(gray, box)))
        _report(progress, 2, 3, f"reading {len(cells)} cells")
        texts = recognise_cells(cells, number_reader=_number_reader(number_reader),
                                text_reader=text_reader)
        headings = [texts.pop(k).text for k in sorted(k for k in texts if k[0] == HEADING)]
        if how == "zones" and layout != "zones" and _no_register(headings, tpl):
            raise ValueError(NO_TABLE)
        page.looks_like = looks_like(headings, tpl) if headings else None
        # rows: a ruled line with nothing read in any cell is an unused line of the register,
        # not a record (pages end in such lines, and a stamp over some of them used to keep
        # all those above it as empty rows, every required field flagged); the rows kept are
        # numbered in order
        kept = [
            r for r in range(n_rows)
            if any(not texts[(r, tpl.columns[c].name)].empty and texts[(r, tpl.columns[c].name)].text
                   for c in range(n_cols))
        ]
        row_of = {r: i for i, r in enumerate(kept)}
        methods = sorted({t.method for t in texts.values() if t.method})
        for (table_row, name), ct in texts.items():
            if table_row is not None and table_row not in row_of:
                continue
            row = None if table_row is None else row_of[table_row]
            spec = tpl.field(name)
            sc = score_field(spec, ct.text, ct.confidences, empty=ct.empty, row=row, thresholds=thresholds,
                             vocabulary=(vocabulary or {}).get(name), alternative=ct.alternative)
            fr = FieldReading(name, spec.kind, sc.text, ct.raw_text, round(sc.confidence, 4),
                              boxes.get((table_row, name)), sc.flags)
            if row is None:
                page.header[name] = fr
            else:
                while len(page.rows) <= row:
                    page.rows.append({})
                page.rows[row][name] = fr
        _apply_rules(tpl, page)
        page.method = f"{how}+" + "+".join(methods)
        _report(progress, 3, 3, "done")
    except Exception as e:  # noqa: BLE001 - one bad page never stops a batch
        page.error = f"{source or 'image'} page {index + 1}: {e}"
    page.seconds = time.perf_counter() - t0
    return page


HEADING = "heading"  # key of a column-heading cell among the cells read: (HEADING, column)

# A page with no ruled table and no register's column headings is no register page (a photo
# of something else, a page upside down or blank but for noise): the template's zones laid
# over it read 20 rows of garbage. The page's own kind scores 0.82-1.00 against its headings
# (ocr.page_kind), a noise image 0.11-0.18, a smooth photo 0.
NO_TABLE_SCORE = 0.4
NO_TABLE = ("no register table was found on it (no ruled lines, and no column headings of a register): check it "
            "is a page of this register, scanned the right way up, or type its rows in by hand")


def _no_register(headings: list[str], template: Template) -> bool:
    """Do the column headings read match no register kind at all (this page's or another)?"""
    from ocr.page_kind import heading_score
    from records.templates import BUILTIN

    kinds = [template, *(get_template(k) for k in BUILTIN if k != template.id)]
    return max(heading_score(headings, t) for t in kinds) < NO_TABLE_SCORE


def _number_reader(choice: NumberReader | str | None) -> NumberReader | None:
    if choice is None or choice == "auto":
        return None
    if choice == "tesseract":
        from ocr.recognise import TesseractNumberReader

        return TesseractNumberReader()
    if isinstance(choice, str):
        raise ValueError(f"unknown number reader '{choice}'; use auto or tesseract")
    return choice


def _apply_rules(tpl: Template, page: PageReading) -> None:
    rows = [{k: f.text for k, f in r.items()} for r in page.rows]
    for flag in rule_flags(tpl, rows):
        if flag.row is not None and 0 <= flag.row < len(page.rows):
            target = page.rows[flag.row].get(flag.field or "")
        else:
            target = page.header.get(flag.field or "")
        if target is None or any(f.code == flag.code for f in target.flags):
            continue
        target.flags.append(flag)
        target.confidence = round(min(target.confidence, 0.5), 4)


def _naming(path, e: Exception) -> str:
    """A file's problem beginning with the file's name, once (the loader's own messages
    already name it)."""
    msg = str(e)
    return msg if msg.startswith(str(path)) else f"{path}: {msg}"


def _report(progress: Progress | None, done: int, total: int, message: str) -> None:
    if progress is not None:
        progress(done, total, message)


# ---------------------------------------------------------------------------- files, in parallel


def _read_file(
    path: str, template: Template, thresholds=None, layout: str = "auto", numbers: str = "auto",
    vocabulary: Mapping[str, frozenset[str]] | None = None, text: str = "auto",
) -> list[PageReading]:
    """Every page of one file; a file that cannot be loaded gives one PageReading with error."""
    try:
        from ocr.loader import load_pages
    except ImportError:
        load_pages = _load_pages_simple
    try:
        pages = load_pages(path)
    except Exception as e:  # noqa: BLE001
        return [PageReading(str(path), 0, 0, 0, error=_naming(path, e))]
    out = []
    for p in pages:
        if getattr(p, "error", None) or p.image is None:
            out.append(PageReading(str(path), p.index, 0, 0, error=p.error or f"{path}: no image"))
            continue
        out.append(
            read_image(
                p.image, template, source=str(path), index=p.index, thresholds=thresholds,
                layout=layout, number_reader=numbers, vocabulary=vocabulary, text_reader=text,
            )
        )
    return out


@dataclass
class _SimplePage:
    source: str
    index: int
    image: np.ndarray | None
    error: str | None = None


def _load_pages_simple(path) -> list[_SimplePage]:
    """Stand-in for ocr.loader: single-image files through OpenCV."""
    import cv2

    p = Path(path)
    if not p.is_file():
        return [_SimplePage(str(p), 0, None, f"{p}: file not found")]
    img = cv2.imread(str(p), cv2.IMREAD_GRAYSCALE)
    if img is None:
        return [_SimplePage(str(p), 0, None, f"{p}: not an image that can be read (PNG, JPEG, TIFF)")]
    return [_SimplePage(str(p), 0, img)]


def _worker_init(threads: int = 1) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from ocr.recognise import set_text_threads

    set_text_threads(threads)  # the sibling workers already use the other cores
    import cv2

    cv2.setNumThreads(1)  # small per-cell operations: OpenCV's pool costs CPU, saves no time


def _pool_context():
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def read_files(
    paths: Iterable[str | Path],
    template: Template | str,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    thresholds: dict[str, float] | None = None,
    layout: str = "auto",
    numbers: str = "auto",
    vocabulary: Mapping[str, frozenset[str]] | None = None,
    text: str = "auto",
) -> Iterator[PageReading]:
    """Read every page of the files, in input order, with one worker process per core.

    `progress(done, total, message)` is called after each file; `cancel()` is polled between
    pages and stops the batch (pages already read have been yielded). A file or page that
    cannot be read yields a PageReading with `error` set.
    """
    tpl = get_template(template) if isinstance(template, str) else template
    files = [str(p) for p in paths]
    total = len(files)
    n = workers or os.cpu_count() or 1
    n = max(1, min(n, total))
    if total == 0:
        return
    if n == 1:
        for i, f in enumerate(files):
            if cancel is not None and cancel():
                return
            yield from _read_file(f, tpl, thresholds, layout, numbers, vocabulary, text)
            _report(progress, i + 1, total, f"read {Path(f).name}")
        return
    done = 0
    try:
        pool = ProcessPoolExecutor(max_workers=n, mp_context=_pool_context(), initializer=_worker_init,
                                   initargs=(max(1, (os.cpu_count() or 1) // n),))
    except (OSError, ValueError, RuntimeError):
        pool = None
    if pool is not None:
        try:
            futures: list[Future] = []
            nxt = 0

            def top_up():
                nonlocal nxt
                while nxt < total and len([f for f in futures if not f.done()]) < 2 * n:
                    futures.append(pool.submit(_read_file, files[nxt], tpl, thresholds, layout, numbers, vocabulary, text))
                    nxt += 1

            top_up()
            for i in range(total):
                fut = futures[i]
                while not fut.done():
                    if cancel is not None and cancel():
                        return
                    wait([fut], timeout=0.1, return_when=FIRST_COMPLETED)
                    top_up()
                try:
                    pages = fut.result()
                except BrokenProcessPool:
                    break  # the pool died (a worker was killed): read the rest here
                except Exception as e:  # noqa: BLE001 - a failed worker task is one bad file
                    pages = [PageReading(files[i], 0, 0, 0, error=_naming(files[i], e))]
                yield from pages
                done = i + 1
                _report(progress, done, total, f"read {Path(files[i]).name}")
                if cancel is not None and cancel():
                    return
                top_up()
        except BrokenProcessPool:
            pass  # could not start or keep workers: read the rest in this process
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    for i in range(done, total):
        if cancel is not None and cancel():
            return
        yield from _read_file(files[i], tpl, thresholds, layout, numbers, vocabulary, text)
        _report(progress, i + 1, total, f"read {Path(files[i]).name}")
