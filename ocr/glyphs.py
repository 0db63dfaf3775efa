"""Segment a numeric cell image into glyph candidates and describe them as feature vectors.

The number recogniser (`ocr.numbers`) reads a cell in three steps:

1. `binarise` turns the grey cell into an ink mask (or None for a blank cell);
2. `find_atoms` finds connected components, drops rule remnants and speckles, merges
   pieces stacked above each other (broken strokes) and measures the text band;
3. `cut_candidates` proposes cuts inside atoms wide enough to be touching glyphs; the
   recogniser picks the best partition with its classifier.

`glyph_features` turns any ink mask piece into the vector the classifier reads: HOG and
a small bitmap of the shape normalised to its own box, plus its size and position
relative to the text band (so an Urdu zero dot, a comma, a hyphen and a speckle differ).
Only numpy and OpenCV are used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property

import cv2
import numpy as np

# A cell whose darkest ink is within this many grey levels of the paper is blank.
MIN_CONTRAST = 45
SHAPE_SIZE = 24
HOG_CELL = 6
HOG_BINS = 9
RAW_SIZE = 10
N_GEOMETRY = 8


@dataclass(frozen=True)
class Band:
    """Vertical extent of the text line in a cell: top and bottom row, height in pixels."""

    top: float
    bottom: float

    @cached_property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class Atom:
    """A group of connected components read as one glyph unless the recogniser splits it."""

    x0: int
    y0: int
    x1: int  # exclusive
    y1: int  # exclusive
    mask: np.ndarray  # bool, shape (y1-y0, x1-x0): only this atom's ink

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(x, y, width, height) in cell coordinates."""
        return (self.x0, self.y0, self.width, self.height)


def to_gray(image: np.ndarray) -> np.ndarray:
    """A uint8 single-channel view of a grey, BGR or BGRA image."""
    if image.ndim == 3:
        code = cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY
        image = cv2.cvtColor(image, code)
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    return image


def _cumulative_histogram(image: np.ndarray) -> np.ndarray:
    """Cumulative pixel counts (int64) of a uint8 image's 256 grey levels."""
    if image.size < 1 << 24:  # OpenCV's float32 counts are exact below that
        counts = cv2.calcHist([image], [0], None, [256], [0, 256]).ravel().astype(np.int64)
    else:
        counts = np.bincount(image.ravel(), minlength=256)
    return np.cumsum(counts)


def ink_levels(gray: np.ndarray, blurred: np.ndarray | None = None) -> tuple[float, float] | None:
    """(paper, ink) greys of a dark-on-light cell after a light blur: the median and the
    0.2th percentile; None when the cell holds no ink at all. `blurred`: that blur of the
    (grey) cell, when the caller has it already."""
    gray = to_gray(gray)
    if gray.size == 0 or min(gray.shape) < 4:
        return None
    if blurred is None:
        blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    cumulative = _cumulative_histogram(blurred)
    n = cumulative[-1]
    paper = float(np.searchsorted(cumulative, 0.5 * n))  # median grey
    ink = float(np.searchsorted(cumulative, 0.002 * n))  # 0.2th percentile
    if paper - ink < MIN_CONTRAST:
        return None
    return paper, ink


# An ink mask with its 8-connected components: (mask, labels, stats without the
# background row), labels and stats as `components(mask)` gives them.
Labelled = tuple[np.ndarray, np.ndarray, np.ndarray]


def binarise(gray: np.ndarray, levels: tuple[float, float] | None = None,
             blurred: np.ndarray | None = None) -> np.ndarray | None:
    """Ink mask (bool) of a dark-on-light cell, or None when the cell holds no ink at all.

    Hysteresis between the paper (median grey) and the darkest ink (after a light blur):
    pixels darker than 60 % of the way to the paper seed the ink, and pixels of the
    blurred image darker than 80 % of the way join when connected to a seed. Thin, faint strokes (a slash, a
    hyphen) survive; paper grain does not. A cell whose darkest blurred pixel is close to
    the paper is blank. `levels`: (paper, ink) measured on a cell before it was enlarged
    (cubic interpolation overshoots on thin dark strokes, so the enlarged cell's darkest ink
    looks darker and a faint slash beside bold digits no longer reaches the seed level).
    `blurred`: the cell's light blur, when the caller has it already.
    """
    found = _binarise_labelled(gray, levels, blurred)
    return None if found is None else found[0]


def _binarise_labelled(gray: np.ndarray, levels: tuple[float, float] | None = None,
                       blurred: np.ndarray | None = None) -> Labelled | None:
    """`binarise` with the components of the mask (the hysteresis labels them anyway)."""
    gray = to_gray(gray)
    if gray.size == 0 or min(gray.shape) < 4:
        return None
    if blurred is None:
        blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    levels = levels or ink_levels(gray, blurred)
    if levels is None:
        return None
    paper, ink = levels
    strong = _darker(gray, ink + 0.6 * (paper - ink))  # unblurred: hairlines keep their darkest pixels
    weak = _darker(blurred, ink + 0.8 * (paper - ink))
    n, labels, stats = components(weak)
    seeded = _seeded(n, labels, strong)
    if seeded.all():
        return weak, labels, stats[1:]
    # the seeded components, numbered in their order among the weak ones (OpenCV numbers
    # components by where they start in its scan, so that is the order it gives them alone)
    number = np.zeros(n, labels.dtype)
    number[1:][seeded] = np.arange(1, np.count_nonzero(seeded) + 1)
    labels = number[labels]
    return labels > 0, labels, stats[1:][seeded]


def _darker(image: np.ndarray, level: float) -> np.ndarray:
    """`image < level` for a uint8 image, compared with the integer ceil(level): the same
    pixels, in uint8 rather than float64 arithmetic."""
    return image < min(max(math.ceil(level), 0), 256)


def _seeded(n: int, labels: np.ndarray, strong: np.ndarray) -> np.ndarray:
    """Per component 1..n-1 of `labels`: whether it holds a pixel of the `strong` mask."""
    return np.bincount(labels[strong], minlength=n)[1:] > 0


def hysteresis(weak: np.ndarray, strong: np.ndarray) -> np.ndarray:
    """The 8-connected pieces of the `weak` mask that hold a pixel of the `strong` one."""
    n, labels = cv2.connectedComponents(weak.astype(np.uint8), connectivity=8, ltype=_label_type(weak))
    seeded = _seeded(n, labels, strong)
    if seeded.all():
        return weak != 0  # a copy: every piece holds a seed
    return np.concatenate([[False], seeded])[labels]


TARGET_BAND = 32.0  # text band height (px) the classifier sees


def normalise_scale(
    gray: np.ndarray,
) -> tuple[np.ndarray, np.ndarray | None, float, tuple[int, int]]:
    """Crop a cell to its ink, resize it so the text band is about TARGET_BAND pixels
    high, and binarise it.

    Small text is enlarged before binarising (thin hyphens and slashes survive), large
    text is reduced (speed); the margin around the ink is cut to 0.6 band heights.
    Returns the grey image worked on, its ink mask (None when the cell is blank), the
    scale factor and the (x, y) offset of the crop in the original cell:
    original = worked / factor + offset.
    """
    worked, labelled, factor, offset = normalise_scale_labelled(gray)
    return worked, None if labelled is None else labelled[0], factor, offset


def normalise_scale_labelled(
    gray: np.ndarray,
) -> tuple[np.ndarray, Labelled | None, float, tuple[int, int]]:
    """`normalise_scale` with the components of the ink mask: (mask, labels, stats), for
    `find_atoms`; None in place of them when the cell is blank."""
    gray = to_gray(gray)
    blurred = cv2.GaussianBlur(gray, (3, 3), 0) if gray.size and min(gray.shape) >= 4 else None
    levels = ink_levels(gray, blurred)
    labelled = _binarise_labelled(gray, levels, blurred) if levels else None
    if labelled is None:
        return gray, None, 1.0, (0, 0)
    mask, _, stats = labelled
    found = _quick_band(stats, mask.shape)
    if found is None:
        return gray, labelled, 1.0, (0, 0)
    band, (bx0, by0, bx1, by1) = found
    margin = int(0.6 * band.height) + 2
    h, w = gray.shape
    x0, y0 = max(bx0 - margin, 0), max(by0 - margin, 0)
    x1, y1 = min(bx1 + margin, w), min(by1 + margin, h)
    factor = float(np.clip(TARGET_BAND / band.height, 0.4, 4.0))
    if 0.85 <= factor <= 1.2:
        if (x0, y0, x1, y1) != (0, 0, w, h):  # cropping may cut a component: label anew
            mask = mask[y0:y1, x0:x1]
            labelled = (mask, *_components(mask))
        return gray[y0:y1, x0:x1], labelled, 1.0, (x0, y0)
    crop = gray[y0:y1, x0:x1]
    size = (max(int(round(crop.shape[1] * factor)), 1), max(int(round(crop.shape[0] * factor)), 1))
    interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    resized = cv2.resize(crop, size, interpolation=interp)
    return resized, _binarise_labelled(resized, levels if factor > 1 else None), factor, (x0, y0)


def _quick_band(stats: np.ndarray, shape: tuple[int, int]) -> tuple[Band, tuple[int, int, int, int]] | None:
    """Text band from the boxes of the larger components (stats without the background
    row, of a mask of `shape`), and the box (x0, y0, x1, y1) of all components that are
    not ruling lines."""
    cell_h, cell_w = shape
    flat, thin = max(0.2 * cell_h, 3), max(0.08 * cell_w, 3)
    boxes = [
        (x, y, w, h)
        for x, y, w, h, _ in stats.tolist()  # Python ints: a handful of components
        if not (w >= 0.85 * cell_w and h <= flat or h >= 0.85 * cell_h and w <= thin)
    ]
    if not boxes:
        return None
    least = 0.3 * max(max(w, h) for _, _, w, h in boxes)
    band = estimate_band([b for b in boxes if max(b[2], b[3]) >= least])
    if band is None:
        return None
    box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[0] + b[2] for b in boxes),
        max(b[1] + b[3] for b in boxes),
    )
    return band, box


def _label_type(mask: np.ndarray) -> int:
    """16-bit labels where a mask cannot hold more components than that (any cell)."""
    h, w = mask.shape
    return cv2.CV_16U if (h + 1) * (w + 1) // 4 < 65535 else cv2.CV_32S


def components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """(count, labels, stats) of a mask's 8-connected components, as OpenCV's
    connectedComponentsWithStats gives them (row 0 of stats is the background).

    Labels are 16-bit where a mask cannot hold more components than that (any cell): the
    same labels and statistics in half the time on number cells, where the statistics cost
    four times the labelling with 32-bit labels."""
    image = mask.view(np.uint8) if mask.dtype == bool else mask.astype(np.uint8, copy=False)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(image, connectivity=8, ltype=_label_type(mask))
    return n, labels, stats


def _components(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    _, labels, stats = components(mask)
    return labels, stats[1:]  # drop background


def _median(values) -> float:
    v = sorted(float(x) for x in values)
    n = len(v)
    return v[n // 2] if n % 2 else 0.5 * (v[n // 2 - 1] + v[n // 2])


def estimate_band(boxes: list[tuple[int, int, int, int]]) -> Band | None:
    """Text band from component boxes (x, y, w, h): the median extent of the tall ones."""
    if not boxes:
        return None
    least = 0.55 * max(b[3] for b in boxes)
    tall = [b for b in boxes if b[3] >= least]
    return Band(_median([b[1] for b in tall]), _median([b[1] + b[3] for b in tall]))


def find_atoms(
    mask: np.ndarray, comps: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[list[Atom], Band | None]:
    """Glyph candidates of an ink mask, left to right, and the text band they sit in.

    Drops ruling remnants (long thin components along the cell edge), speckles (much
    smaller than the text band) and anything far above or below the band; merges
    components that overlap horizontally by more than half the narrower one (a stroke
    broken by faded ink, a dot under a glyph). `comps`: the mask's (labels, stats without
    the background row) when the caller has them (`normalise_scale_labelled`).
    """
    cell_h, cell_w = mask.shape
    labels, stats_array = comps if comps is not None else _components(mask)
    stats = stats_array.tolist()  # rows of Python ints: the loops below index them often
    keep: list[int] = []
    for i, (x, _y, w, h, _area) in enumerate(stats):
        if w >= 0.85 * cell_w and h <= max(0.2 * cell_h, 3):
            continue  # horizontal rule
        if h >= 0.85 * cell_h and w <= max(0.08 * cell_w, 3) and (x <= 1 or x + w >= cell_w - 1):
            continue  # vertical rule at the edge
        keep.append(i)
    if not keep:
        return [], None
    # Band from components that are not tiny.
    least = 0.3 * max(max(stats[i][2], stats[i][3]) for i in keep)
    big = [i for i in keep if max(stats[i][2], stats[i][3]) >= least]
    band = estimate_band([tuple(stats[i][:4]) for i in big])
    assert band is not None
    h_band = band.height
    groups: list[list[int]] = []
    for i in keep:
        x, y, w, h, area = stats[i]
        if max(w, h) < max(2.0, 0.1 * h_band) or area < max(3.0, 0.006 * h_band * h_band):
            continue  # speckle
        cy = y + h / 2
        if cy < band.top - 0.6 * h_band or cy > band.bottom + 0.6 * h_band:
            continue  # outside the text line
        groups.append([i])
    groups.sort(key=lambda g: stats[g[0]][0])
    # One sweep left to right: a component overlapping the current group horizontally by
    # more than half of the narrower of the two joins it.
    merged_groups: list[list[int]] = []
    spans: list[list[int]] = []
    for g in groups:
        x, w = stats[g[0]][0], stats[g[0]][2]
        if spans:
            gx0, gx1 = spans[-1]
            overlap = min(gx1, x + w) - max(gx0, x)
            if overlap > 0.5 * min(gx1 - gx0, w):
                merged_groups[-1].extend(g)
                spans[-1] = [min(gx0, x), max(gx1, x + w)]
                continue
        merged_groups.append(list(g))
        spans.append([x, x + w])
    atoms = [_atom(labels, stats, g) for g in merged_groups]
    atoms.sort(key=lambda a: (a.x0 + a.x1) / 2)
    return atoms, band


def _atom(labels: np.ndarray, stats: list[list[int]], group: list[int]) -> Atom:
    if len(group) == 1:  # most atoms: one component, its box from the statistics
        i = group[0]
        x, y, w, h = stats[i][:4]
        return Atom(x, y, x + w, y + h, labels[y : y + h, x : x + w] == i + 1)
    x0 = min(stats[i][0] for i in group)
    y0 = min(stats[i][1] for i in group)
    x1 = max(stats[i][0] + stats[i][2] for i in group)
    y1 = max(stats[i][1] + stats[i][3] for i in group)
    window = labels[y0:y1, x0:x1]
    mask = window == group[0] + 1
    for i in group[1:]:
        mask |= window == i + 1
    return Atom(x0, y0, x1, y1, mask)


def sub_atom(atom: Atom, c0: int, c1: int) -> Atom | None:
    """The part of an atom between columns c0 and c1 (atom coordinates), tight-boxed."""
    piece = atom.mask[:, c0:c1]
    rows = np.flatnonzero(piece.any(axis=1))
    cols = np.flatnonzero(piece.any(axis=0))
    if rows.size == 0:
        return None
    r0, r1 = int(rows[0]), int(rows[-1]) + 1
    k0, k1 = int(cols[0]), int(cols[-1]) + 1
    return Atom(
        atom.x0 + c0 + k0, atom.y0 + r0, atom.x0 + c0 + k1, atom.y0 + r1, piece[r0:r1, k0:k1]
    )


def cut_candidates(atom: Atom, band: Band, max_cuts: int = 3) -> list[int]:
    """Columns (atom coordinates) where an atom wide enough to hold touching glyphs may be cut.

    Candidates are local minima of the vertical ink projection, at least a fifth of the
    band height from the edges and from each other, thinnest first.
    """
    h = band.height
    if atom.width < 0.75 * h or atom.height < 0.5 * h:
        return []  # too narrow for two glyphs, or a flat stroke (a long hyphen)
    proj = atom.mask.sum(axis=0).astype(float)
    proj = np.convolve(proj, np.ones(3) / 3, mode="same")
    margin = max(2, int(0.18 * h))
    inner = np.arange(margin, atom.width - margin)
    if inner.size == 0:
        return []
    is_min = (proj[inner] <= proj[inner - 1]) & (proj[inner] <= proj[inner + 1])
    cands = sorted(inner[is_min].tolist(), key=lambda c: (proj[c], c))
    chosen: list[int] = []
    for c in cands:
        if all(abs(c - o) >= max(2, int(0.2 * h)) for o in chosen):
            chosen.append(c)
        if len(chosen) >= max_cuts:
            break
    return sorted(chosen)


def union(parts: list[Atom]) -> Atom:
    """One atom holding the ink of several (their boxes joined, masks OR-ed)."""
    if len(parts) == 1:
        return parts[0]
    x0 = min([p.x0 for p in parts])
    y0 = min([p.y0 for p in parts])
    x1 = max([p.x1 for p in parts])
    y1 = max([p.y1 for p in parts])
    mask = np.zeros((y1 - y0, x1 - x0), bool)
    for p in parts:
        mask[p.y0 - y0 : p.y1 - y0, p.x0 - x0 : p.x1 - x0] |= p.mask
    return Atom(x0, y0, x1, y1, mask)


@dataclass
class Lattice:
    """Segmentation hypotheses of a cell: units left to right and the glyph candidates
    `pieces[(i, j)]` made of units i..j-1. Every path 0 -> len(units) is one reading."""

    units: list[Atom]
    pieces: dict[tuple[int, int], Atom]
    cut: set[int]  # unit indices i where unit i and i-1 come from one cut component


MAX_SPAN = 4
JOIN_GAP = 0.15  # of the band height: pieces closer than this may be one broken glyph
JOIN_WIDTH = 1.1  # of the band height: joined pieces of separate components stay narrower


def _dot_sized(atom: Atom, band_height: float) -> bool:
    return atom.height < 0.45 * band_height and atom.width < 0.45 * band_height


def _comma_like(atom: Atom, band: Band) -> bool:
    """A small separate mark hanging below the text line: a comma (، or ,), never a piece
    of a broken digit (those stay inside the line)."""
    h = band.height
    return _dot_sized(atom, h) and atom.y1 > band.bottom + 0.06 * h and atom.y0 > band.top + 0.4 * h


def build_lattice(atoms: list[Atom], band: Band) -> Lattice:
    """Units (atoms, or parts of atoms cut at `cut_candidates`) and the glyph candidates
    made of consecutive units: parts of one atom may always rejoin; separate atoms join
    when close (a stroke broken by faded ink) and narrow enough to be one glyph."""
    h = band.height
    units: list[Atom] = []
    parent: list[int] = []
    for ai, atom in enumerate(atoms):
        cuts = cut_candidates(atom, band)
        if not cuts:
            units.append(atom)
            parent.append(ai)
            continue
        pos = [0, *cuts, atom.width]
        for a, b in zip(pos, pos[1:], strict=False):
            piece = sub_atom(atom, a, b)
            if piece is not None:
                units.append(piece)
                parent.append(ai)
    cut = {i for i in range(1, len(units)) if parent[i] == parent[i - 1]}
    pieces: dict[tuple[int, int], Atom] = {}
    n = len(units)
    dot = [_dot_sized(u, h) for u in units]
    comma = [_comma_like(u, band) for u in units]
    for i in range(n):
        pieces[(i, i + 1)] = units[i]
        # over units[i:k] as k grows: rightmost ink, all dot-sized, any comma-like
        right, all_dots, any_comma = units[i].x1, dot[i], comma[i]
        for j in range(i + 2, min(n, i + MAX_SPAN) + 1):
            k = j - 1
            if k not in cut:
                if units[k].x0 - right > JOIN_GAP * h:
                    break
                if dot[k] and all_dots:
                    break  # separate dots side by side are glyphs of their own (٠٠, ۰،)
                if comma[k] or any_comma:
                    break  # a list separator beside a digit (939، 1278) is not part of it
                if units[k].x1 - units[i].x0 > JOIN_WIDTH * h:
                    break
            pieces[(i, j)] = union(units[i:j])
            right, all_dots, any_comma = max(right, units[k].x1), all_dots and dot[k], any_comma or comma[k]
    return Lattice(units, pieces, cut)


def _shape_image(atom: Atom, out: np.ndarray | None = None) -> np.ndarray:
    """The atom's ink scaled to fit a SHAPE_SIZE square (aspect kept, centred, 2 px margin),
    written into `out` (zeros, SHAPE_SIZE square) when given."""
    h, w = atom.mask.shape
    side = max(h, w)
    square = np.zeros((side, side), np.float32)
    oy, ox = (side - h) // 2, (side - w) // 2
    square[oy : oy + h, ox : ox + w] = atom.mask
    inner = SHAPE_SIZE - 4
    shape = np.zeros((SHAPE_SIZE, SHAPE_SIZE), np.float32) if out is None else out
    shape[2 : 2 + inner, 2 : 2 + inner] = cv2.resize(square, (inner, inner), interpolation=cv2.INTER_AREA)
    return shape


def _geometry(atom: Atom, band: Band) -> list[float]:
    h, w = atom.mask.shape
    bh = band.height
    ink = float(np.count_nonzero(atom.mask))
    return [
        h / bh,
        w / bh,
        (atom.y0 - band.top) / bh,
        (atom.y1 - band.top) / bh,
        float(np.log(max(w, 1) / max(h, 1))),
        ink / max(h * w, 1),
        ink / (bh * bh),
        min(h, w) / bh,
    ]


def glyph_features(atom: Atom, band: Band) -> np.ndarray:
    """Feature vector (float32) of one glyph candidate: shape HOG, small bitmap, geometry."""
    return features_batch([atom], band)[0]


def shapes_batch(atoms: list[Atom], band: Band) -> tuple[np.ndarray, np.ndarray]:
    """Shape images (N, SHAPE_SIZE, SHAPE_SIZE) and geometry rows (N, N_GEOMETRY) of glyph
    candidates of one cell: what every glyph classifier is given."""
    shapes = np.zeros((len(atoms), SHAPE_SIZE, SHAPE_SIZE), np.float32)
    for a, out in zip(atoms, shapes, strict=True):
        _shape_image(a, out)
    geometry = np.array([_geometry(a, band) for a in atoms], dtype=np.float32)
    return shapes, geometry


def features_from_shapes(shapes: np.ndarray, geometry: np.ndarray) -> np.ndarray:
    """Feature rows (N, FEATURE_SIZE) of the MLP: shape HOG, small bitmap, geometry."""
    n = len(shapes)
    hog = hog_features(shapes)
    raw = _resize_stack(shapes, RAW_SIZE)
    return np.concatenate([hog, raw.reshape(n, -1), geometry], axis=1).astype(np.float32)


def features_batch(atoms: list[Atom], band: Band) -> np.ndarray:
    """Feature rows (N, FEATURE_SIZE) of glyph candidates of one cell."""
    return features_from_shapes(*shapes_batch(atoms, band))


def _area_matrix(src: int, dst: int) -> np.ndarray:
    """(dst, src) weights such that A @ img @ A.T equals cv2.resize(..., INTER_AREA)."""
    cols = []
    for j in range(src):
        basis = np.zeros((src, src), np.float32)
        basis[:, j] = 1.0
        cols.append(cv2.resize(basis, (dst, dst), interpolation=cv2.INTER_AREA)[0])
    return np.stack(cols, axis=1)


_AREA = _area_matrix(SHAPE_SIZE, RAW_SIZE)


def _resize_stack(imgs: np.ndarray, size: int) -> np.ndarray:
    """Area-resize a stack (N, SHAPE_SIZE, SHAPE_SIZE) to (N, RAW_SIZE, RAW_SIZE) at once."""
    assert size == RAW_SIZE
    return np.matmul(_AREA, np.matmul(imgs, _AREA.T)).astype(np.float32)


HOG_CHUNK = 48


@cache
def _hog_tables(h: int, w: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Constant index tables of the HOG of (h, w) images: the first histogram slot of each
    pixel of a chunk of HOG_CHUNK images (flattened), the bin (mod HOG_BINS) of each integer
    bin position from -HOG_BINS - 1 on, and the cells of every 2x2 block in block order."""
    ch, cw = h // HOG_CELL, w // HOG_CELL
    cell_of = (np.arange(h)[:, None] // HOG_CELL) * cw + (np.arange(w)[None, :] // HOG_CELL)
    slot = ((np.arange(HOG_CHUNK)[:, None, None] * (ch * cw) + cell_of[None]) * HOG_BINS).ravel()
    bin_of = np.arange(-HOG_BINS - 1, HOG_BINS + 1) % HOG_BINS
    cells = np.arange(ch * cw * HOG_BINS).reshape(ch, cw, HOG_BINS)
    blocks = np.concatenate(
        [cells[:-1, :-1], cells[:-1, 1:], cells[1:, :-1], cells[1:, 1:]], axis=2
    ).ravel()
    return slot, bin_of, blocks


def _centred_differences(imgs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flattened x and y gradients (right minus left, below minus above neighbour) of a
    stack of images, 0 on the images' edges: taken over the whole stack as one flat array
    (one contiguous pass each), then the edge pixels, whose neighbours belong to another
    row or image, set to 0."""
    n, h, w = imgs.shape
    flat = np.ascontiguousarray(imgs).ravel()
    gx = np.empty_like(flat)
    gy = np.empty_like(flat)
    np.subtract(flat[2:], flat[:-2], out=gx[1:-1])
    np.subtract(flat[2 * w :], flat[: -2 * w], out=gy[w:-w])
    gx.reshape(n * h, w)[:, [0, -1]] = 0
    gy.reshape(n, h * w)[:, :w] = 0
    gy.reshape(n, h * w)[:, -w:] = 0
    return gx, gy


def _hog_cells(imgs: np.ndarray) -> np.ndarray:
    """Orientation histograms (N, cells * HOG_BINS, float64) of at most HOG_CHUNK images.

    Only pixels with a gradient are binned: the others would add exact zeros (most of a
    glyph's square is blank paper), so the sums are those of binning every pixel."""
    n, h, w = imgs.shape
    slot, bin_of, _ = _hog_tables(h, w)
    gx, gy = _centred_differences(imgs)
    square = gx * gx
    square += gy * gy
    at = np.flatnonzero(square > 0)
    mag = np.sqrt(square[at])
    # unsigned orientation: an angle and the angle + pi share a bin, so the integer bin
    # position of arctan2 (-pi .. pi) is taken modulo HOG_BINS through a table
    pos = np.arctan2(gy[at], gx[at]) * np.float32(HOG_BINS / np.pi) - np.float32(0.5)
    lo_f = np.floor(pos)
    upper = mag * (pos - lo_f)
    lo = lo_f.astype(np.intp)
    lo += HOG_BINS + 1  # index into bin_of: -HOG_BINS - 1 at the least
    start = slot[at]
    size = n * (h // HOG_CELL) * (w // HOG_CELL) * HOG_BINS
    acc = np.bincount(start + bin_of[lo], mag - upper, minlength=size)
    lo += 1
    acc += np.bincount(start + bin_of[lo], upper, minlength=size)
    return acc.reshape(n, -1)


def _normalise_blocks(blocks: np.ndarray) -> None:
    """Divide each block histogram (last axis) by its L2 norm, in place."""
    norm = (blocks * blocks).sum(axis=2, keepdims=True)
    norm += 1e-6
    np.sqrt(norm, out=norm)
    blocks /= norm


def hog_features(imgs: np.ndarray) -> np.ndarray:
    """Histograms of oriented gradients of a stack of images (N, S, S) -> (N, D).

    Unsigned gradients, 9 bins, 6x6-pixel cells, 2x2-cell blocks, L2-Hys normalised
    (OpenCV 5 wheels have no HOGDescriptor, so this is the textbook version in numpy).
    Taken HOG_CHUNK images at a time: a page's candidates at once (600 or more) make
    temporaries of megabytes, and the same work on chunks that stay in the cache (a
    batch of cells' 400 candidates as 48 at a time) takes a third of the time.
    """
    if len(imgs) > HOG_CHUNK:
        return np.concatenate([hog_features(imgs[i : i + HOG_CHUNK]) for i in range(0, len(imgs), HOG_CHUNK)])
    n, h, w = imgs.shape
    block_cells = _hog_tables(h, w)[2]
    blocks = _hog_cells(imgs)[:, block_cells].reshape(n, -1, 4 * HOG_BINS)
    _normalise_blocks(blocks)
    np.minimum(blocks, 0.2, out=blocks)
    _normalise_blocks(blocks)
    return blocks.reshape(n, -1).astype(np.float32)


_N_HOG = ((SHAPE_SIZE // HOG_CELL) - 1) ** 2 * 4 * HOG_BINS
FEATURE_SIZE = _N_HOG + RAW_SIZE * RAW_SIZE + N_GEOMETRY
