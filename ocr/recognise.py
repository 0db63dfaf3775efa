"""Recognise the cells of a page in a few Tesseract calls, not one per cell.

Cells of one recognition group (Urdu text, English text, numbers) are cropped to their ink,
stacked one under another into a single image with known offsets, recognised once, and every
word is mapped back to the cell whose slot holds its centre.

Numbers go through a pluggable `NumberReader`. The default reads with Tesseract: each number
cell is first cut at its separators (slash, hyphen, list gaps) found from the glyph shapes,
because Tesseract drops slashes (69/4 -> 694); only the digit groups are stacked and read
(Latin digits with `eng`, Urdu digits with `urd`, each with a digit whitelist), and the
separators are put back. When `ocr.numbers` (the dedicated digit recogniser) is importable
and its model file exists, it is used instead.

Urdu text (text-ur and choice cells) is read by the line model of `ocr.text_model` when it
is installed (`text_reader="auto"`): each cell's lines are read on their own, no stacking
needed. Tesseract's `urd` stays the fallback and can be asked for (`text_reader="tesseract"`).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

import cv2
import numpy as np

from ocr.confidence import THRESHOLDS
from ocr.engine import PSM_BLOCK, Engine, Word, get_engine
from ocr.glyphs import components, hysteresis
from records.templates import NUMERIC_KINDS
from records.text import LATIN_DIGITS, URDU_DIGITS, latin_digits

_log = logging.getLogger(__name__)

# Text whose ink is shorter than this (px) is upscaled 2x before recognition.
SMALL_TEXT_PX = 28
# Cells per Tesseract recognition of text (None: all cells of a group in one). See
# docs/benchmarks.md.
STACK_CELLS: int | None = 40
# Height (px) every text line is scaled to before stacking (see docs/benchmarks.md).
LINE_PX = 56
# The same for digit lines: two passes at these heights, compared (see TesseractNumberReader).
DIGIT_PX = (48, 32)
PAD = 12


@dataclass
class CellImage:
    """One cell (or header zone) to read: `key` identifies it, `kind` is its field kind."""

    key: Hashable
    kind: str
    image: np.ndarray  # gray uint8, the inside of the cell


@dataclass
class CellText:
    """What was read in one cell."""

    key: Hashable
    kind: str
    text: str  # cleaned: digits Latin for numeric kinds, single spaces
    raw_text: str  # as the recogniser gave it
    confidences: list[float] = field(default_factory=list)  # per word or glyph, 0..1
    empty: bool = False  # no ink in the cell
    method: str = ""
    alternative: str = ""  # a number another reader read differently (cleaned as `text`), or ""


@dataclass
class NumberReading:
    """A number cell as read by a NumberReader."""

    text: str
    confidence: float
    glyph_confidences: list[float] = field(default_factory=list)
    alternative: str = ""  # what a second reader read where it disagreed ("" when none did)


class NumberReader(Protocol):
    """Reads many number cells at once (so a Tesseract reader can stack them)."""

    name: str

    def read_many(self, cells: Sequence[CellImage]) -> dict[Hashable, NumberReading]: ...


# ---------------------------------------------------------------------------- ink and crops


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Ink pixels (True) of a gray cell: Otsu on the cell, used for boxes only, never for OCR."""
    return _ink_and_faint(gray)[0]


def _ink_and_faint(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ink mask as `ink_mask`, the faint mask it grew from: everything darker than the paper)."""
    none = np.zeros(gray.shape, bool)
    if gray.size == 0:
        return none, none
    blur = cv2.GaussianBlur(gray, (3, 3), 0)
    cdf = np.cumsum(np.bincount(blur.ravel(), minlength=256))
    n = cdf[-1]
    # sparse ink (a number in a wide zone) must still count: darkest 0.1 % against the paper
    lo = int(np.searchsorted(cdf, 0.001 * n))
    hi = int(np.searchsorted(cdf, 0.9 * n))
    if hi - lo < 40:  # flat: no ink (or a blank, evenly lit cell)
        return none, none
    # hysteresis: ink is what is clearly dark (strict), grown into the grey around it (loose).
    # Thin strokes (a Nastaliq page's slash) are grey after anti-aliasing but have a darker
    # core; faint marks with no dark core (a stamp's arc) stay out.
    loose = faint_mask(gray, lo, hi)
    strict = gray < lo + 0.4 * (hi - lo)
    return hysteresis(loose, strict), loose


def faint_mask(gray: np.ndarray, lo: float | None = None, hi: float | None = None) -> np.ndarray:
    """Everything darker than the paper, faint strokes included (no dark core needed)."""
    if lo is None or hi is None:
        cdf = np.cumsum(np.bincount(cv2.GaussianBlur(gray, (3, 3), 0).ravel(), minlength=256))
        lo = int(np.searchsorted(cdf, 0.001 * cdf[-1]))
        hi = int(np.searchsorted(cdf, 0.9 * cdf[-1]))
    return gray < lo + 0.7 * (hi - lo)


def _clear_rules(mask: np.ndarray) -> np.ndarray:
    """Drop ruled-line remnants: long straight runs along the cell's edges (also where a
    horizontal and a vertical remnant meet in a corner), then specks."""
    return _rules_and_ink(mask)[1]


_Kept = tuple[int, int, int, int, int]  # (x0, y0, x1, y1, pixels) of the ink that is kept


MIN_PIECE_AREA = 8  # px: a zero's dot in small print is bigger; most paper specks are smaller


def _rules_and_ink(mask: np.ndarray, strokes: bool = False
                   ) -> tuple[np.ndarray, np.ndarray, int, int, _Kept | None]:
    """(zone of rule remnants, ink without them, pieces of that ink of MIN_PIECE_AREA px or
    more, height of the tallest piece, bounds and pixel count of that ink from its pieces'
    statistics: None when there is none, or when the cell is too small to look at) of a
    cell's ink mask; with `strokes`, also without thin strokes that come from outside the
    writing (see `clean_cell`)."""
    h, w = mask.shape
    rules = np.zeros_like(mask)
    if h < 3 or w < 3:
        return rules, mask, 0, 0, None
    m8 = mask.astype(np.uint8)
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, int(0.6 * w)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(8, int(0.6 * h))))
    band_y = max(3, int(0.2 * h))
    band_x = max(3, int(0.08 * w))
    # only the edge bands can hold a rule: open those (cheaper than the whole cell)
    for sl in (np.s_[:band_y, :], np.s_[h - band_y :, :]):
        if m8[sl].any():
            rules[sl] |= cv2.morphologyEx(m8[sl], cv2.MORPH_OPEN, hk).astype(bool)
    sides = [sl for sl in (np.s_[:, :band_x], np.s_[:, w - band_x :]) if m8[sl].any()]
    if sides:
        writing = _writing_rows(mask, rules, band_x)
        for sl in sides:
            found = cv2.morphologyEx(np.ascontiguousarray(m8[sl]), cv2.MORPH_OPEN, vk)
            if found.any():
                rules[sl] |= _reaching_beyond(found, writing)
    if rules.any():
        rules = cv2.dilate(rules.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        m8 = (mask & ~rules).astype(np.uint8)
    n, labels, stats = components(m8)
    if n <= 1:
        return rules, m8.astype(bool), 0, 0, None
    x, y, cw, ch, area = (stats[1:, i] for i in range(5))
    touches = (x == 0) | (y == 0) | (x + cw >= w) | (y + ch >= h)
    # what is left of a rule: thin slivers along an edge, and specks
    sliver = touches & ((ch <= 3) & (cw > 0.2 * w) | (cw <= 3) & (ch > 0.3 * h))
    drop = sliver | (area < 4)
    if strokes:
        drop |= _outside_strokes(x, y, cw, ch, area, w, h)
    keep = np.concatenate([[False], ~drop])
    big = ~drop & (area >= MIN_PIECE_AREA)
    k, kept = ~drop, None
    if k.any():
        kept = (int(x[k].min()), int(y[k].min()), int((x + cw)[k].max()), int((y + ch)[k].max()),
                int(area[k].sum()))
    return rules, keep[labels], int(big.sum()), int(ch[big].max()) if big.any() else 0, kept


def _writing_rows(mask: np.ndarray, rules: np.ndarray, band_x: int) -> tuple[int, int] | None:
    """First and last row of the ink between the side bands, horizontal rules left out."""
    inner = mask[:, band_x : mask.shape[1] - band_x]
    if rules.any():
        grown = cv2.dilate(rules.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        inner = inner & ~grown[:, band_x : mask.shape[1] - band_x]
    rows = np.flatnonzero(inner.any(axis=1))
    return (int(rows[0]), int(rows[-1])) if rows.size else None


def _reaching_beyond(found: np.ndarray, writing: tuple[int, int] | None) -> np.ndarray:
    """The vertical runs of a side band that are rule remnants: those reaching above or below
    the writing's rows. A digit's upright stroke beside the edge of a tight cell (the left
    bowl of an 8 that fills three quarters of the cell's height) stays within them; taking
    it for a rule cut the 8 into a 3, read with full confidence."""
    if writing is None:
        return found.astype(bool)
    n, labels, stats = components(found)
    top, bottom = writing
    y0, y1 = stats[1:, cv2.CC_STAT_TOP], stats[1:, cv2.CC_STAT_TOP] + stats[1:, cv2.CC_STAT_HEIGHT] - 1
    keep = np.concatenate([[False], (y0 < top - 2) | (y1 > bottom + 2)])
    return keep[labels]


def _outside_strokes(x, y, cw, ch, area, w: int, h: int) -> np.ndarray:
    """Components of a number cell that are strokes from outside the writing: a thin stroke
    running into a corner beside, above or below the digits, or a slender one across the cell
    from top to bottom near a side (the arc of a stamp beside a number was read as a 1:
    349 -> 1349). Digits are compact and sit inside the cell. (Not used for Urdu text, whose
    words are sparse and can touch a tight cell's corner; a thin arc from edge to edge
    through the digits is left too: it can hold a digit it touches.)"""
    side = (x == 0) | (x + cw >= w)
    corner = side & ((y == 0) | (y + ch >= h)) & (area < 0.35 * cw * ch)
    for i in np.nonzero(corner)[0]:
        others = [j for j in range(len(x)) if j != i and area[j] >= 4 and not corner[j]]
        if not others:
            corner[i] = False  # the only ink of the cell: not a stroke beside the writing
            continue
        band0 = float(np.median([y[j] for j in others]))
        band1 = float(np.median([y[j] + ch[j] for j in others]))
        gap = min(max(int(x[j]) - int(x[i] + cw[i]), int(x[i]) - int(x[j] + cw[j])) for j in others)
        in_band = max(0.0, min(y[i] + ch[i], band1) - max(y[i], band0)) / max(1, ch[i])
        corner[i] = gap >= 0.3 * ch[i] or in_band < 0.25
    # slender: a stroke that touches a digit on its way holds the digit, and stays
    crossing = (y == 0) & (y + ch >= h) & (cw < 0.25 * ch) & ((x + cw <= 0.25 * w) | (x >= 0.75 * w))
    return corner | crossing


@dataclass
class _Ink:
    """A cell with rule remnants painted white, its ink mask and ink box (None: empty)."""

    gray: np.ndarray
    mask: np.ndarray
    box: tuple[int, int, int, int] | None
    pieces: int = 0  # separate pieces of ink of MIN_PIECE_AREA px or more
    faint: bool = False  # no ink box, but faint marks as tall as writing (number cells)


def clean_cell(gray: np.ndarray, strokes: bool = False) -> _Ink:
    """One pass over a cell: ink mask, rule remnants removed (painted white), ink box.
    `strokes`: a number cell, whose strokes from outside the writing (a stamp's arc running
    into a corner) go too (`_outside_strokes`)."""
    raw, loose = _ink_and_faint(gray)
    rules, keep, pieces, tallest, kept = _rules_and_ink(raw, strokes)
    out = gray.copy()
    out[(raw & ~keep) | rules] = 255  # the rule's grey anti-aliased edge goes too
    box = None
    if kept is None and keep.sum() >= 12:  # a cell too small for statistics
        ys, xs = np.nonzero(keep)
        kept = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1, int(keep.sum()))
    if kept is not None and kept[4] >= 12:
        x0, y0, x1, y1 = kept[:4]
        # a few specks make no box; a lone upright stroke does (a ١ or 1 two pixels wide,
        # alone in a narrow cell, was read as an empty cell with full confidence)
        if (y1 - y0) >= 5 and ((x1 - x0) * (y1 - y0) >= 30 or (y1 - y0) >= 10):
            box = (int(x0), int(y0), int(x1 - x0), int(y1 - y0))
    faint = False
    if strokes and box is not None:
        box, more = _faint_neighbours(loose & ~(raw | rules), box, tallest)
        pieces += more
    elif strokes:
        faint = _faint_writing(loose & ~rules)
    return _Ink(out, keep, box, pieces, faint)


def _faint_writing(faint: np.ndarray) -> bool:
    """Whether a number cell with no ink box holds faint marks as tall as writing: pieces of
    the `faint` ink inside the cell (not at an edge, where rules and stamps cross it), a
    quarter of its height or more. Faded digits with no dark core leave no ink box, and the
    cell was read as empty, surely."""
    h, w = faint.shape
    stats = components(faint)[2][1:]
    x, y, cw, ch, area = (stats[:, i] for i in range(5))
    inside = (x > 0) & (y > 0) & (x + cw < w) & (y + ch < h)
    return bool((inside & (ch >= max(8, 0.25 * h)) & (area >= 20)).any())


def _faint_neighbours(faint: np.ndarray, box: tuple[int, int, int, int], tallest: int
                      ) -> tuple[tuple[int, int, int, int], int]:
    """The ink box of a number cell widened to faint glyphs beside it, and how many there were.

    The ink mask leaves out marks without a dark core (a stamp's arc), and with them a glyph
    printed faintly at the end of a number: `19-04-1967` was cropped to `9-04-1967` and read so,
    surely. A piece of the `faint` ink (not in the ink mask, not a rule) beside the box, within
    the writing's rows and about as tall as a digit (the `tallest` piece of ink), not at the
    cell's side, belongs to the number."""
    x, y, w, h = box
    # a piece that qualifies has pixels within 0.8 * tallest of the box, in the writing's rows:
    # when those two strips hold no faint ink at all (most cells), nothing can qualify
    reach = int(0.8 * tallest) + 1
    rows = faint[max(0, int(y - 0.2 * tallest)) : int(y + h + 0.2 * tallest) + 1]
    if not rows[:, max(0, x - reach) : x].any() and not rows[:, x + w : x + w + reach].any():
        return box, 0
    n, _, stats = components(faint)
    cell_w = faint.shape[1]
    x0, x1, more = x, x + w, 0
    for cx, cy, cw, ch, _area in sorted(stats[1:].tolist(), key=lambda s: min(abs(s[0] - x), abs(s[0] - x - w))):
        in_rows = y - 0.2 * tallest <= cy and cy + ch <= y + h + 0.2 * tallest
        digit_sized = 0.6 * tallest <= ch <= 1.5 * tallest and cw <= 1.2 * tallest
        beside = (cx + cw <= x0 or cx >= x1) and max(x0 - (cx + cw), cx - x1) <= 0.8 * tallest
        if in_rows and digit_sized and beside and cx > 0 and cx + cw < cell_w:
            x0, x1, more = min(x0, cx), max(x1, cx + cw), more + 1
    return (x0, y, x1 - x0, h), more


def ink_box(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """(x, y, w, h) of the ink in a cell, ignoring rule remnants; None for an empty cell."""
    return clean_cell(gray).box


def _crop(gray: np.ndarray, box: tuple[int, int, int, int], pad: int = 3) -> np.ndarray:
    x, y, w, h = box
    H, W = gray.shape
    return gray[max(0, y - pad) : min(H, y + h + pad), max(0, x - pad) : min(W, x + w + pad)]


# ---------------------------------------------------------------------------- stacking


@dataclass
class _Slot:
    key: Hashable
    y0: int
    y1: int
    x0: int
    x1: int
    scale: float
    lines: int = 1  # text lines in the crop


def text_lines(crop: np.ndarray, mask: np.ndarray | None = None) -> int:
    """Number of text lines in a crop, from the gaps of its ink row profile."""
    from ocr.text_model import split_lines

    return len(split_lines(ink_mask(crop) if mask is None else mask))


def _common_scale(
    images: Sequence[tuple[Hashable, np.ndarray]], line_height: int, n_lines: list[int] | None = None
) -> float:
    """One factor for a whole group: cells of a page share a font size, and scaling each cell
    to its own ink height (dots, descenders) would give each a different one."""
    n_lines = n_lines or [text_lines(img) for _, img in images]
    per_line = [img.shape[0] / n for (_, img), n in zip(images, n_lines, strict=True)]
    return float(np.clip(line_height / max(1.0, float(np.median(per_line))), 0.4, 4.0))


def stack(
    images: Sequence[tuple[Hashable, np.ndarray]],
    *,
    line_height: int | None = -1,
    upscale_small: bool = True,
    fixed_scale: float | None = None,
) -> tuple[np.ndarray, list[_Slot]]:
    """Place crops one under another on a white canvas, right-aligned; return canvas and slots.

    With `line_height` (-1: LINE_PX) all crops are scaled by one factor that makes their median
    text line that tall; with `fixed_scale` by that factor; with neither, crops shorter than
    SMALL_TEXT_PX are upscaled 2x.
    """
    if line_height == -1:
        line_height = LINE_PX
    crops, heights = [], []
    common = None
    n_lines: list[int] = []
    if fixed_scale is not None:
        common = fixed_scale
        n_lines = [text_lines(img) for _, img in images]
    elif line_height and images:
        n_lines = [text_lines(img) for _, img in images]
        common = _common_scale(images, line_height, n_lines)
    for key, img in images:
        if common is not None:
            scale = common
        else:
            scale = 2.0 if upscale_small and img.shape[0] - 6 < SMALL_TEXT_PX else 1.0
        if abs(scale - 1.0) > 0.05:
            interp = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
            img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=interp)
        else:
            scale = 1.0
        crops.append((key, img, scale))
        heights.append(img.shape[0])
    if not crops:
        return np.full((1, 1), 255, np.uint8), []
    gap = max(PAD, int(0.6 * float(np.median(heights))))
    width = max(c[1].shape[1] for c in crops) + 2 * PAD
    height = sum(heights) + gap * (len(crops) - 1) + 2 * PAD
    canvas = np.full((height, width), 255, np.uint8)
    slots, y = [], PAD
    for key, img, scale in crops:
        h, w = img.shape
        x = width - PAD - w
        canvas[y : y + h, x : x + w] = img
        slots.append(_Slot(key, y, y + h, x, x + w, scale, n_lines[len(slots)] if n_lines else 1))
        y += h + gap
    return canvas, slots


def assign_words(words: Sequence[Word], slots: Sequence[_Slot]) -> dict[Hashable, list[Word]]:
    """Words of a stacked image mapped to the slot holding their centre (nearest slot if none)."""
    out: dict[Hashable, list[Word]] = {s.key: [] for s in slots}
    if not slots:
        return out
    centres = np.array([(s.y0 + s.y1) / 2 for s in slots])
    for w in words:
        x, y, ww, hh = w.box
        cy = y + hh / 2
        hit = [s for s in slots if s.y0 - 2 <= cy <= s.y1 + 2]
        slot = hit[0] if hit else slots[int(np.argmin(np.abs(centres - cy)))]
        out[slot.key].append(w)
    return out


def _join_words(words: list[Word], rtl: bool, n_lines: int = 0) -> str:
    """Words of one slot in reading order: by text line, then right to left for Urdu.

    Tesseract's own order is not trusted: in a stack it sometimes files the first word of a
    line under the line above. Two words share a line when their boxes overlap vertically by
    more than half the smaller one (dots and descenders make centres unreliable).
    """
    if not words:
        return ""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.box[1] + w.box[3] / 2):
        y0, y1 = w.box[1], w.box[1] + w.box[3]
        for line in lines:
            ly0 = min(v.box[1] for v in line)
            ly1 = max(v.box[1] + v.box[3] for v in line)
            if min(y1, ly1) - max(y0, ly0) > 0.5 * min(y1 - y0, ly1 - ly0):
                line.append(w)
                break
        else:
            lines.append([w])
    lines.sort(key=lambda line: min(v.box[1] + v.box[3] / 2 for v in line))
    order = {id(w): i for i, w in enumerate(words)}
    parts = []
    for line in lines:
        if JOIN_ORDER == "x":
            line.sort(key=lambda w: -(w.box[0] + w.box[2]) if rtl else w.box[0])
        else:  # Tesseract's order within a line
            line.sort(key=lambda w: order[id(w)])
        parts.append(" ".join(w.text for w in line))
    return " ".join(parts)


# Order of words within a line of a cell: "tesseract" (its logical order) or "x" (by position).
JOIN_ORDER = "tesseract"


# ---------------------------------------------------------------------------- text groups

TEXT_GROUPS = {
    "text-ur": ("urd", PSM_BLOCK),
    "choice": ("urd", PSM_BLOCK),
    "text-en": ("eng", PSM_BLOCK),
}


# Short vowel marks (zer, zabar, pesh, tanwin, shadda, sukun): registers are typed
# without them, and the `urd` model adds them to clean words (مزارع read as مزارعِ).
_HARAKAT = dict.fromkeys(range(0x064B, 0x0653))  # the small alef of مصطفیٰ is spelling: kept


def _clean_text(text: str, urdu: bool = False) -> str:
    if urdu:
        text = text.translate(_HARAKAT).strip().rstrip("۔.").strip()
    return " ".join(text.split())


_text_threads = max(1, min(2, os.cpu_count() or 1))
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def set_text_threads(n: int) -> None:
    """How many stacked recognitions of one page run at once (Tesseract releases Python's
    lock while it recognises). Default: up to 2 on a machine with 2 or more cores; a worker
    process of a multi-process batch sets 1, since its siblings already use the cores."""
    global _text_threads, _pool
    with _pool_lock:
        _text_threads = max(1, int(n))
        if _pool is not None:
            _pool.shutdown(wait=False)
            _pool = None


def _recognise_all(canvases: list[np.ndarray], lang: str, psm: int, engine: Engine) -> list[list]:
    """engine.words for each stacked canvas, on up to `_text_threads` threads, in order."""
    global _pool
    if _text_threads < 2 or len(canvases) < 2:
        return [engine.words(c, lang, psm) for c in canvases]
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(_text_threads, thread_name_prefix="ocr-stack")
        pool = _pool
    return list(pool.map(lambda c: engine.words(c, lang, psm), canvases))


def recognise_text_group(
    cells: Sequence[CellImage], lang: str, psm: int, engine: Engine, *,
    line_height: int | None = -1,
) -> dict[Hashable, CellText]:
    """Read text cells of one language in a few stacked recognitions (line_height -1: LINE_PX)."""
    if line_height == -1:
        line_height = LINE_PX
    out: dict[Hashable, CellText] = {}
    items = []
    for c in cells:
        ink = clean_cell(c.image)
        if ink.box is None:
            out[c.key] = CellText(c.key, c.kind, "", "", [], empty=True, method=f"{lang}-stack")
            continue
        items.append((c.key, _crop(ink.gray, ink.box, pad=8)))
    if items:
        slots, by_slot = [], {}
        n = max(1, STACK_CELLS or len(items))
        # one scale for the whole group, then recognitions of at most STACK_CELLS cells
        common = _common_scale(items, line_height) if n < len(items) and line_height else None
        stacks = []
        for start in range(0, len(items), n):
            part = items[start : start + n]
            if common is not None:
                stacks.append(stack(part, line_height=None, fixed_scale=common))
            else:
                stacks.append(stack(part, line_height=line_height))
        for (_canvas, sl), words in zip(stacks, _recognise_all([c for c, _ in stacks], lang, psm, engine), strict=True):
            by_slot.update(assign_words(words, sl))
            slots += sl
        kinds = {c.key: c.kind for c in cells}
        lines_of = {sl.key: sl.lines for sl in slots}
        for key, ws in by_slot.items():
            raw = _join_words(ws, rtl=lang == "urd", n_lines=lines_of[key])
            text = _clean_text(raw, urdu=lang == "urd")
            if kinds[key] == "text-en":
                text = latin_digits(text)
            out[key] = CellText(
                key, kinds[key], text, raw, [max(0.0, w.conf) / 100 for w in ws],
                method=f"{lang}-stack",
            )
    return out


# ---------------------------------------------------------------------------- numbers

SEPARATORS = "/-"


@dataclass
class Segment:
    """One piece of a number cell: a digit group (x range) or a separator."""

    kind: str  # "digits" | "/" | "-" | "," (a list gap)
    x0: int
    x1: int
    glyphs: int = 1  # glyph columns in a digit group


def segment_number(gray: np.ndarray, clean: np.ndarray | None = None) -> list[Segment]:
    """Cut a number cell into digit groups and separators by the shape of its glyphs.

    Separators are told from digits by geometry relative to the digit height H (the median
    height of the marks): a hyphen is a short flat mark at mid-height, a slash a tall mark
    leaning right, a list gap a wide gap (any small comma in it is dropped). Marks much
    taller than H (a stamp's arc, a stray line) are not text; with `clean` (a copy of the
    cell) they are painted white there. Segments are in left-to-right order.
    """
    mask = ink_mask(gray)  # the cell was cleaned of rules already; a crop edge is no rule
    n, labels, stats = components(mask)
    comps = [(i, *stats[i][:4]) for i in range(1, n) if stats[i][4] >= 3]
    if not comps:
        return []
    sizable = [c[4] for c in comps if stats[c[0]][4] >= 8] or [c[4] for c in comps]
    H0 = float(np.median(sizable))
    tall = [c for c in comps if c[4] > 1.7 * H0]
    if tall and len(tall) < len(comps):
        comps = [c for c in comps if c[4] <= 1.7 * H0]
        if clean is not None:
            for c in tall:
                clean[labels == c[0]] = 255
    big = [c for c in comps if c[4] >= 0.5 * max(c[4] for c in comps)]
    top = min(c[2] for c in big)
    bottom = max(c[2] + c[4] for c in big)
    H = max(1, bottom - top)
    # merge components overlapping in x into glyph columns
    comps.sort(key=lambda c: c[1])
    cols: list[list] = []
    for c in comps:
        prev_right = max(d[1] + d[3] for d in cols[-1]) if cols else 0
        overlap = prev_right - c[1]
        if cols and overlap > 0.5 * min(c[3], min(d[3] for d in cols[-1])):
            cols[-1].append(c)
        else:
            cols.append([c])
    glyphs = []
    for col in cols:
        x0 = min(c[1] for c in col)
        x1 = max(c[1] + c[3] for c in col)
        y0 = min(c[2] for c in col)
        y1 = max(c[2] + c[4] for c in col)
        kind = "d"
        if len(col) == 1:
            i, x, y, w, h = col[0]
            cy = y + h / 2
            if h < 0.35 * H and w > 1.3 * h and top + 0.25 * H < cy < top + 0.8 * H:
                kind = "-"
            elif h > 0.6 * H and _leans_right(labels[y : y + h, x : x + w] == i):
                kind = "/"
            elif h < 0.55 * H and h >= 1.3 * w and cy > top + 0.35 * H and len(cols) > 1:
                kind = "c?"  # small low mark: a comma if it stands in a gap, else a digit part
        glyphs.append((kind, x0, x1, y0, y1))
    gaps = [glyphs[k + 1][1] - glyphs[k][2] for k in range(len(glyphs) - 1)]
    list_gap = 0.55 * H
    segs: list[Segment] = []
    for k, (kind, x0, x1, _, _) in enumerate(glyphs):
        if kind == "c?":
            before = gaps[k - 1] if k > 0 else 0
            after = gaps[k] if k < len(gaps) else 0
            if max(before, after) >= 0.25 * H:
                if not segs or segs[-1].kind != ",":
                    segs.append(Segment(",", x0, x1))
                continue
            kind = "d"
        if kind == "d":
            gap_before = gaps[k - 1] if k > 0 else 0
            if segs and segs[-1].kind == "digits" and gap_before < list_gap:
                segs[-1].x1 = x1
                segs[-1].glyphs += 1
            else:
                if segs and segs[-1].kind == "digits":
                    # a gap with no glyph: a faded slash or hyphen, or the space of a list
                    faint = _faint_separator(gray, segs[-1].x1, x0, top, H)
                    segs.append(Segment(faint or ",", segs[-1].x1, x0))
                segs.append(Segment("digits", x0, x1))
        else:
            segs.append(Segment(kind, x0, x1))
    while segs and segs[0].kind != "digits":
        segs.pop(0)
    while segs and segs[-1].kind != "digits":
        segs.pop()
    return segs


def _faint_separator(gray: np.ndarray, x0: int, x1: int, top: int, H: int) -> str | None:
    """'/' or '-' when the gap between two digit groups holds a faint one, else None."""
    if x1 - x0 < 3:
        return None
    part = gray[:, x0:x1]
    m = faint_mask(part)
    n, labels, stats = components(m)
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if area < 4:
            continue
        cy = y + h / 2
        if h > 0.6 * H and _leans_right(labels[y : y + h, x : x + w] == i):
            return "/"
        if h < 0.35 * H and w > 1.3 * h and top + 0.25 * H < cy < top + 0.8 * H:
            return "-"
    return None


def _leans_right(m: np.ndarray) -> bool:
    """True for a stroke whose top is clearly right of its bottom (a slash)."""
    h, w = m.shape
    if h < 6 or w < 3:
        return False
    q = max(1, h // 4)
    xs = np.arange(w)
    top = m[:q].sum(axis=0)
    bot = m[-q:].sum(axis=0)
    if top.sum() == 0 or bot.sum() == 0:
        return False
    shift = (xs * top).sum() / top.sum() - (xs * bot).sum() / bot.sum()
    top_extent = np.count_nonzero(top) / w
    # a slash's top is right of its bottom by most of its width and is a thin stroke there;
    # a 1 or ۱ stands upright, a 7 has a wide bar on top
    return shift > 0.18 * h and shift > 0.35 * w and top_extent < 0.7


_URDU_WL = URDU_DIGITS + " "  # the space matters: without it the digit after a gap loses its confidence
_LATIN_WL = LATIN_DIGITS + " "


class TesseractNumberReader:
    """Numbers with Tesseract: cut at separators, stack digit groups, read with a whitelist.

    The digit lines are read twice with `eng` (Latin digits), at two line heights: the stock
    model's reading of a digit changes with scale (272 read as 242 at 40 px, right at 32 and
    48), so two readings that disagree make the field unsure instead of silently wrong (the
    second pass reads only cells the first was not near certain of: 272 -> 212 came at 0.96). Cells
    whose digits `eng` could not read at all are read again with `urd` (Urdu digits). Urdu
    digits become Latin.
    """

    name = "tesseract-digits"
    DISAGREE = 0.4  # confidence of a field whose two readings differ
    SURE = 0.985  # a first reading at least this sure is not read again

    def __init__(
        self,
        engine: Engine | None = None,
        passes: tuple[tuple[str, int | None], ...] | None = None,
        retry: tuple[str, int | None] | None = ("urd", None),
    ):
        self.engine = engine or get_engine()
        self.passes = passes or tuple(("eng", px) for px in DIGIT_PX)
        self.retry = (retry[0], retry[1] or DIGIT_PX[0]) if retry else None

    def _read(self, lines, plans, lang: str, line_height: int | None) -> dict[Hashable, NumberReading]:
        canvas, slots = stack(lines, line_height=line_height)
        wl = _LATIN_WL if lang == "eng" else _URDU_WL
        # characters, not words: digit groups are mapped back by the x of each character
        read = getattr(self.engine, "symbols", self.engine.words)
        got = assign_words(read(canvas, lang, PSM_BLOCK, whitelist=wl), slots)
        out = {}
        for slot in slots:
            segs, spans = plans[slot.key]
            out[slot.key] = _number_from_words(got.get(slot.key, []), slot, segs, spans)
        return out

    def read_many(self, cells: Sequence[CellImage]) -> dict[Hashable, NumberReading]:
        out: dict[Hashable, NumberReading] = {}
        lines: list[tuple[Hashable, np.ndarray]] = []
        plans: dict[Hashable, tuple[list[Segment], list[tuple[int, int]]]] = {}
        for c in cells:
            ink = clean_cell(c.image, strokes=True)
            if ink.box is None:
                out[c.key] = NumberReading("", 1.0, [])
                continue
            crop = _crop(ink.gray, ink.box, pad=3).copy()
            before = crop.copy()
            segs = segment_number(crop, clean=crop)
            if segs and not np.array_equal(before, crop):  # a stamp or stray mark went: re-crop
                box = ink_box(crop)
                if box is not None:
                    crop = _crop(crop, box, pad=3)
                    segs = segment_number(crop)
            if not segs:
                out[c.key] = NumberReading("", 0.0, [])
                continue
            line, spans = _digit_line(crop, segs)
            plans[c.key] = (segs, spans)
            lines.append((c.key, line))
        if not lines:
            return out
        first = self._read(lines, plans, *self.passes[0])
        readings = {k: [r] for k, r in first.items()}
        # later passes only for cells the first did not read with near certainty
        doubtful = [(k, v) for k, v in lines if first[k].confidence < self.SURE]
        for lang, lh in self.passes[1:]:
            if doubtful:
                for k, r in self._read(doubtful, plans, lang, lh).items():
                    readings[k].append(r)
        for key, _ in lines:
            rs = readings[key]
            best = max(rs, key=lambda r: r.confidence)
            if len({r.text for r in rs}) > 1:
                best = NumberReading(best.text, min(best.confidence, self.DISAGREE), best.glyph_confidences)
            out[key] = best
        if self.retry:
            unread = [(k, v) for k, v in lines if 0.0 in out[k].glyph_confidences or not out[k].text]
            if unread:
                again = self._read(unread, plans, *self.retry)
                for k, _ in unread:
                    if again[k].confidence > out[k].confidence:
                        out[k] = again[k]
        return out


def _number_from_words(
    words: list[Word], slot: _Slot, segs: list[Segment], spans: list[tuple[int, int]],
    cls_disagree: float = 0.4,
) -> NumberReading:
    groups: list[list[Word]] = [[] for _ in spans]
    seps = [(s.x0, s.x1) for s in segs if s.kind != "digits"] if NUMBER_LINE == "natural" else []
    for w in words:
        cx = (w.box[0] + w.box[2] / 2 - slot.x0) / slot.scale
        k = min(range(len(spans)), key=lambda k: _dist(cx, spans[k]))
        if _dist(cx, spans[k]) > 0 and any(a + 1 < cx < b - 1 for a, b in seps):
            continue  # the separator itself, read as a digit
        groups[k].append(w)
    text, confs, g = [], [], 0
    for s in segs:
        if s.kind == "digits":
            # Tesseract's own order (its symbol boxes are too rough to sort by); a right-to-left
            # model (urd) gives a digit run in visual order too, so both read left to right
            ws = [w for w in groups[g] if latin_digits(w.text).isdigit()]
            g += 1
            if s.glyphs == 1 and NUMBER_LINE == "gaps" and len(ws) >= 2:
                # the lone digit was drawn twice: two readings of one glyph
                best = max(ws, key=lambda w: w.conf)
                agree = len({latin_digits(w.text) for w in ws}) == 1 and len(ws) == 2
                conf = min(w.conf for w in ws) if agree else min(best.conf, 100 * cls_disagree)
                ws = [Word(best.text, conf, best.box)]
            digits = "".join(ch for ch in latin_digits("".join(w.text for w in ws)) if ch.isdigit())
            text.append(digits)
            confs.extend([w.conf / 100 for w in ws if w.text.strip()] if digits else [0.0])
        else:
            text.append("، " if s.kind == "," else s.kind)
    return NumberReading("".join(text), min(confs, default=0.0), confs)


def _dist(x: float, span: tuple[int, int]) -> float:
    return 0.0 if span[0] <= x <= span[1] else min(abs(x - span[0]), abs(x - span[1]))


# How a number cell is shown to Tesseract: "gaps" (digit groups only, separators replaced by
# blank gaps; a lone digit drawn twice, because the stock model reads a lone 1 as 4) or
# "natural" (the cell as printed; characters read on a separator are dropped). Measured:
# gaps 94.7% of numeric fields exact, natural 88.8% (docs/benchmarks.md).
NUMBER_LINE = "gaps"


def _digit_line(crop: np.ndarray, segs: list[Segment]) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The line Tesseract reads for a number cell, and the x span of each digit group on it."""
    if NUMBER_LINE == "natural":
        return crop, [(int(s.x0), int(s.x1)) for s in segs if s.kind == "digits"]
    h = crop.shape[0]
    gap = max(8, int(0.8 * h))
    parts, spans, x = [], [], 0
    for s in segs:
        if s.kind != "digits":
            continue
        piece = crop[:, max(0, s.x0 - 2) : s.x1 + 2]
        if s.glyphs == 1:
            piece = np.hstack([piece, np.full((h, max(2, h // 8)), 255, np.uint8), piece])
        if parts:
            parts.append(np.full((h, gap), 255, np.uint8))
            x += gap
        parts.append(piece)
        spans.append((x, x + piece.shape[1]))
        x += piece.shape[1]
    return np.hstack(parts), spans


class DedicatedNumberReader:
    """Adapter for ocr.numbers (issue 11): the glyph reader's `read_many` (a page's candidates
    classified at once); with a line reader (`ocr.number_lines`) too, the glyph reader reads
    the cells `needs_glyphs` names (unsure or unparsed readings, or a piece of ink left
    unread; the lines of a list that wrapped are not counted in pieces) and `agree` joins
    the two; the line reader's `check` looks again at the nearly sure cells the glyph reader
    did not read and at agreed readings the line model was unsure of, and whatever else will
    be flagged is read again (`reread`) to choose the reading the field shows. With an
    `outline` reader (the outline model's, `ocr.number_lines.get_outline_reader`), a cell the
    line model was not sure of (below CHECK_BELOW) whose lettering `ocr.outline` calls
    outlined is read again by it, and its reading and its reader take the line reader's
    place from there on (check, re-reading); the other cells are read as before."""

    name = "numbers"

    def __init__(self, reader, lines=None, outline=None) -> None:
        self.reader = reader
        self.lines = lines
        self.outline = outline if lines is not None else None
        if lines is not None:
            self.name = "numbers+lines"

    def read_many(self, cells: Sequence[CellImage]) -> dict[Hashable, NumberReading]:
        out: dict[Hashable, NumberReading] = {}
        # units to read: the whole cell, or each line of a list that wrapped onto two or more
        # (cell, glyph input, line crop, separate pieces of its ink: 0 when not counted)
        units: list[tuple[CellImage, np.ndarray, np.ndarray, int]] = []
        inks: list[np.ndarray] = []  # per unit: its cell's ink mask, cut to the ink box
        for c in cells:
            ink = clean_cell(c.image, strokes=True)
            if ink.box is None:
                # faint marks as tall as writing: not an empty cell, sure; flagged for a look
                out[c.key] = NumberReading("", 0.0 if ink.faint else 1.0, [])
                continue
            x, y, w, h = ink.box
            lines = cell_lines(ink) if c.kind in LIST_KINDS else []
            if len(lines) > 1:
                units.extend((c, np.pad(line, 6, constant_values=255), line, 0) for line in lines)
            else:
                units.append((c, ink.gray, _crop(ink.gray, ink.box, pad=2), ink.pieces))
            inks += [ink.mask[y : y + h, x : x + w]] * max(1, len(lines))
        pairs = [(g, c.kind) for c, g, _, _ in units]
        if self.lines is not None and units:
            from ocr.number_lines import AGREED_CHECK_BELOW, CHECK_BELOW, agree, needs_glyphs

            # the cells are cleaned already: the line reader takes their ink crops
            read, steps = self.lines.read_crops_with_steps([(crop, c.kind) for c, _, crop, _ in units])
            # each unit's line reader: the outline model's where the line model was not sure
            # and the lettering is outlined (`ocr.outline`), which then reads the unit afresh
            readers = [self.lines] * len(units)
            if self.outline is not None:
                redo = [i for i, r in enumerate(read) if r.confidence < OUTLINE_BELOW and is_outlined(inks[i])]
                if redo:
                    again_read, again_steps = self.outline.read_crops_with_steps(
                        [(units[i][2], units[i][0].kind) for i in redo])
                    for i, r, st in zip(redo, again_read, again_steps, strict=True):
                        read[i], steps[i], readers[i] = r, st, self.outline
            ask = [i for i, r in enumerate(read) if needs_glyphs(r, units[i][3])]
            disputed = set()  # both readers agree, the line model read wider does not
            for i, r in zip(ask, self.reader.read_many([pairs[i] for i in ask]), strict=True):
                line_confidence = read[i].confidence
                read[i] = agree(r, read[i])
                if (read[i].confidence >= REREAD_BELOW and line_confidence < AGREED_CHECK_BELOW
                        and steps[i] is not None):
                    # the readers agree on a cell the line model was unsure of: the wider
                    # form looks once more, and a different reading there flags it (both
                    # readers wrong alike is how a wrong number went unflagged)
                    read[i] = readers[i].check(units[i][2], read[i], steps[i])
                    if read[i].confidence < REREAD_BELOW:
                        disputed.add(i)
            asked = set(ask)
            for i, r in enumerate(read):
                if i not in asked and r.confidence < CHECK_BELOW and steps[i] is not None:
                    read[i] = readers[i].check(units[i][2], r, steps[i])
            # what is still unsure (it will be flagged) is read again in other forms; a
            # reading both readers gave stays as they gave it, flagged, the wider one beside it
            again = [i for i, r in enumerate(read)
                     if r.confidence < REREAD_BELOW and steps[i] is not None and i not in disputed]
            if again:
                reread = _by_reader([readers[i] for i in again], lambda r, idx: (r.reread(
                    [(units[again[j]][2], units[again[j]][0].kind, read[again[j]], steps[again[j]]) for j in idx]),))
                for i, r in zip(again, reread[0], strict=True):
                    read[i] = r
        else:
            read = self.reader.read_many(pairs)
        per_cell: dict[Hashable, list] = {}
        for (c, _gray, _line, _pieces), r in zip(units, read, strict=True):
            per_cell.setdefault(c.key, []).append(r)
        for key, parts in per_cell.items():
            glyphs: list[float] = []
            for r in parts:
                # the field's confidence caps its glyphs' (a disagreement or a parse problem
                # must survive into the score, which is computed from the glyph confidences)
                g = [float(x) for x in getattr(r, "glyph_confidences", [])]
                if g and r.confidence < min(g):
                    g = [min(x, float(r.confidence)) for x in g]
                glyphs += g
            text = "، ".join(latin_digits(r.text) for r in parts if r.text)
            # where a reader disagreed on a line, the cell as that reader read it
            other = "، ".join(latin_digits(t) for r in parts if (t := _other_text(r)))
            out[key] = NumberReading(text, min(float(r.confidence) for r in parts), glyphs,
                                     other if other != text else "")
        return out


def _by_reader(readers: list, read) -> tuple[list, ...]:
    """`read(reader, indices)` once for each distinct reader of `readers` (in order of first
    use), with the indices of the items it reads; its lists put back in the items' order."""
    groups: dict[int, tuple[object, list[int]]] = {}
    for i, r in enumerate(readers):
        groups.setdefault(id(r), (r, []))[1].append(i)
    out: list[list] | None = None
    for r, idx in groups.values():
        got = read(r, idx)
        if out is None:
            out = [[None] * len(readers) for _ in got]
        for lst, part in zip(out, got, strict=True):
            for i, x in zip(idx, part, strict=True):
                lst[i] = x
    return tuple(out or ())


def is_outlined(mask: np.ndarray) -> bool:
    from ocr.outline import is_outlined as marked

    return marked(mask)


LIST_KINDS = ("khasra-list",)
# A cell the line model read less surely than this is looked at by the outline detector
# (`ocr.outline`), and read again by the outline model when its lettering is outlined: the
# line model's own second look (`ocr.number_lines.CHECK_BELOW`) starts here too (0.9
# instead: one or two fewer femkeklaver cells right on each of the bench's seeds). Reading
# every cell the detector marks with the outline model alone, the detector run first on
# every cell, gave the same readings but cost printed cells more time (twenty-second stop).
OUTLINE_BELOW = 0.999
# Readings less sure than this are read again (`LineNumberReader.reread`): the app's flag
# threshold for numbers, so a re-reading never changes what is flagged, only which reading
# a flagged field shows.
REREAD_BELOW = THRESHOLDS["number"]


def _other_text(reading) -> str:
    """A line's text as the disagreeing reader read it (its own text where none disagreed)."""
    alternative = getattr(reading, "alternative", None)
    return reading.text if alternative is None else alternative


def cell_lines(ink: _Ink) -> list[np.ndarray]:
    """A cleaned cell's ink crop, or the crops of its lines (each cut to its own ink, top
    first) when its text wrapped onto two or more."""
    from ocr.text_model import split_lines

    crop = _crop(ink.gray, ink.box, pad=2)
    mask = _crop(ink.mask.astype(np.uint8), ink.box, pad=2)
    spans = split_lines(mask)
    if len(spans) == 1:
        return [crop]
    out = []
    for y0, y1 in spans:
        xs = np.nonzero(mask[y0:y1].any(axis=0))[0]
        if len(xs):
            ya, yb = max(0, y0 - 2), min(crop.shape[0], y1 + 2)
            out.append(crop[ya:yb, max(0, int(xs[0]) - 2) : min(crop.shape[1], int(xs[-1]) + 3)])
    return out


def _line_number_reader():
    """The number line reader when its model is installed and loads, else None."""
    try:
        from ocr import number_lines

        return number_lines.get_line_number_reader() if number_lines.is_available() else None
    except Exception as e:  # noqa: BLE001 - a damaged file: the glyph reader alone still works
        _log.warning("number line model not used: %s", e)
        return None


def _outline_reader():
    """The outline model's line reader when it is installed and loads, else None."""
    try:
        from ocr import number_lines

        return number_lines.get_outline_reader() if number_lines.outline_model_path().is_file() else None
    except Exception as e:  # noqa: BLE001 - a damaged file: the cells are read by the line model
        _log.warning("outline number model not used: %s", e)
        return None


def default_number_reader(engine: Engine | None = None) -> NumberReader:
    """The dedicated reader when `ocr.numbers` is importable and its model exists, else Tesseract."""
    try:
        from ocr import numbers  # type: ignore[attr-defined]

        available = getattr(numbers, "is_available", None) or getattr(numbers, "model_available", None)
        if available is not None and available():
            return DedicatedNumberReader(numbers.get_number_reader(), _line_number_reader(), _outline_reader())
    except Exception:  # noqa: BLE001 - missing module or model: fall back to Tesseract
        pass
    return TesseractNumberReader(engine)


# ---------------------------------------------------------------------------- all cells


# Each line is also read cut to the fewest rows that hold this share of its ink, and the
# surer of the two readings is kept: the tips of tall letters and the deep tails of a long
# Nastaliq line make it scale smaller than most lines the model learned from (0 = read once).
# On 4 Nastaliq calibration pages (seed 101) owners went from 6.2% to 2.7% CER at 0.99
# (0.98: 2.1% but cultivators worse); docs/benchmarks.md.
LINE_INK_KEEP = 0.99
LINE_TRIM_MARGIN = 0.03  # how much surer (mean log probability per letter) the cut reading must be


def _trim_line(img: np.ndarray, keep: float) -> np.ndarray:
    """The fewest consecutive rows of a line crop that hold `keep` of its ink."""
    ink = (255.0 - img.astype(np.float32)).sum(axis=1)
    total = float(ink.sum())
    if total <= 0 or keep >= 1:
        return img
    cum = np.concatenate([[0.0], np.cumsum(ink)])
    need = keep * total
    best = (img.shape[0], 0)
    j = 0
    for i in range(img.shape[0]):
        j = max(j, i + 1)
        while j <= img.shape[0] and cum[j] - cum[i] < need:
            j += 1
        if j > img.shape[0]:
            break
        if j - i < best[0]:
            best = (j - i, i)
    h, y = best
    return img[y : y + h] if h >= 8 else img


def _sureness(line) -> float:
    c = np.asarray(line.confidences, np.float64)
    return float(np.log(np.clip(c, 1e-6, 1)).mean()) if len(c) else -99.0


def recognise_urdu_lines(cells: Sequence[CellImage], model) -> dict[Hashable, CellText]:
    """Read Urdu text cells with the line model (`ocr.text_model`): each cell is cleaned as
    for Tesseract, split into its text lines, and each line read on its own. A word's
    confidence is its least sure character's."""
    from ocr.text_model import normalise_line
    from ocr.wordsplit import split_joined

    out: dict[Hashable, CellText] = {}
    lines: list[tuple[Hashable, np.ndarray]] = []
    for c in cells:
        ink = clean_cell(c.image)
        if ink.box is None:
            out[c.key] = CellText(c.key, c.kind, "", "", [], empty=True, method="urdu-lines")
            continue
        lines.extend((c.key, line) for line in cell_lines(ink))
    if lines:
        med = float(np.median([img.shape[0] for _, img in lines]))
        texts: dict[Hashable, list[str]] = {}
        confs: dict[Hashable, list[float]] = {}
        readings = model.read_many([normalise_line(img, 0.7 * med) for _, img in lines])
        if LINE_INK_KEEP:
            # the same lines cut to their densest rows: whichever reading is surer wins. A
            # reading can be beaten only if it is less sure than -LINE_TRIM_MARGIN (sureness is
            # at most 0), so only those lines are read again: the same result for less work
            doubt = [i for i, a in enumerate(readings) if _sureness(a) < -LINE_TRIM_MARGIN]
            trimmed = model.read_many([normalise_line(_trim_line(lines[i][1], LINE_INK_KEEP), 0.7 * med)
                                       for i in doubt])
            for i, b in zip(doubt, trimmed, strict=True):
                if _sureness(b) > _sureness(readings[i]) + LINE_TRIM_MARGIN:
                    readings[i] = b
        for (key, _img), got in zip(lines, readings, strict=True):
            text = split_joined(got.text)  # words Nastaliq ran together, split by the lexicon
            texts.setdefault(key, []).append(text)
            words, i = [], 0
            for w in text.split():
                words.append(min(got.confidences[i : i + len(w)], default=0.0))
                i += len(w)
            confs.setdefault(key, []).extend(words)
        kinds = {c.key: c.kind for c in cells}
        for key, parts in texts.items():
            raw = " ".join(p for p in parts if p)
            out[key] = CellText(key, kinds[key], _clean_text(raw, urdu=True), raw, confs[key],
                                method="urdu-lines")
    return out


def _text_model(choice: str):
    if choice not in ("auto", "lines", "tesseract"):
        raise ValueError(f"unknown text reader '{choice}'; use auto, lines or tesseract")
    if choice == "tesseract":
        return None
    from ocr.text_model import ModelError, default_model

    try:
        model = default_model()
    except ModelError as e:
        if choice == "lines":
            raise
        _log.warning("%s; reading Urdu text with Tesseract's urd instead", e)
        return None
    if model is None and choice == "lines":
        raise ValueError("the Urdu line model (resources/models/urdu_lines.npz) is not installed")
    return model


def recognise_cells(
    cells: Sequence[CellImage],
    *,
    engine: Engine | None = None,
    number_reader: NumberReader | None = None,
    line_height: int | None = -1,
    text_reader: str = "auto",
) -> dict[Hashable, CellText]:
    """Read every cell of a page: one stacked recognition per text language, numbers apart.

    `text_reader`: "auto" reads Urdu text with the line model when it is installed (else
    Tesseract's `urd`), "lines" insists on the line model, "tesseract" uses `urd`."""
    engine = engine or get_engine()
    out: dict[Hashable, CellText] = {}
    model = _text_model(text_reader)
    groups: dict[tuple[str, int], list[CellImage]] = {}
    numbers: list[CellImage] = []
    for c in cells:
        if c.kind in NUMERIC_KINDS:
            numbers.append(c)
        else:
            groups.setdefault(TEXT_GROUPS.get(c.kind, ("urd", PSM_BLOCK)), []).append(c)
    for (lang, psm), group in groups.items():
        if lang == "urd" and model is not None:
            out.update(recognise_urdu_lines(group, model))
        else:
            out.update(recognise_text_group(group, lang, psm, engine, line_height=line_height))
    if numbers:
        reader = number_reader or default_number_reader(engine)
        readings = reader.read_many(numbers)
        for c in numbers:
            r = readings.get(c.key) or NumberReading("", 0.0, [])
            out[c.key] = CellText(
                c.key, c.kind, r.text, r.text,
                list(r.glyph_confidences) or [r.confidence],
                empty=not r.text and r.confidence >= 1.0, method=reader.name,
                alternative=getattr(r, "alternative", "") or "",
            )
    return out
