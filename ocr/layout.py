"""Find the ruled table of a register page and the box of every cell and header value.

    layout = find_table(prepared.gray, template)
    layout.rows        # [(y0, y1)] of each data row, top to bottom (heading row excluded)
    layout.cols        # [(x0, x1)] per template column, column 1 (rightmost) first
    layout.cell(r, c)  # (x, y, w, h) inside the rules; c an index or a column name
    layout.header_fields   # {header field name: (x, y, w, h)} where its value is written

Boxes are inside the rules (the rule pixels excluded) in the coordinates of the image
given, i.e. `Prepared.gray` (see ocr.preprocess; map back with `to_original`). Ends are
exclusive: a row (y0, y1) covers y0 <= y < y1.

How: the page is thresholded (adaptively, for line finding only), horizontal and vertical
strokes longer than ~1/60 of the page are kept by morphological opening, and rules are
the peaks of their projections — a rule broken into pieces or faded still adds up to a
peak, while text, stamps and handwriting do not. Rows are the intervals between the
horizontal rules (the first one is the column-heading row); rules closer than 0.4 of a
row are merged and a missing rule is put back where the row spacing says it was.
Columns are fitted to the template's relative widths: the pair of outer rules that lets
most template column edges land on a found rule wins, each edge snaps to the nearest
rule and falls back to its template position when no rule is near. Without usable rules
the template's zones (ocr.zones) are used and `method` is "zones". Header value zones are
the template's, placed relative to the table found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from ocr import zones
from records.templates import Template

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Rule:
    """A detected rule: centre and the first/last pixel it covers across its length."""

    pos: float
    start: int
    end: int
    strength: float  # share of the expected length covered by ink


@dataclass
class TableLayout:
    """Where the rows, columns and header values of a page are (image px)."""

    rows: list[tuple[int, int]]
    cols: list[tuple[int, int]]
    header_box: Box
    method: str  # "rules" or "zones"
    table_box: Box = (0, 0, 0, 0)  # outer border of the table
    heading: tuple[int, int] = (0, 0)  # the column-heading row (y0, y1)
    header_fields: dict[str, Box] = field(default_factory=dict)
    column_names: tuple[str, ...] = ()

    def column_index(self, name: str) -> int:
        try:
            return self.column_names.index(name)
        except ValueError:
            raise KeyError(f"no column '{name}' in this layout") from None

    def cell(self, r: int, c: int | str) -> Box:
        """(x, y, w, h) inside the rules of data row r and column c (index or name)."""
        ci = self.column_index(c) if isinstance(c, str) else c
        y0, y1 = self.rows[r]
        x0, x1 = self.cols[ci]
        return (x0, y0, max(0, x1 - x0), max(0, y1 - y0))


def _profile_rules(profile: np.ndarray, offset: int = 0) -> list[Rule]:
    """Rules where a darkness profile stands clearly above its floor."""
    if profile.size == 0:
        return []
    floor = float(np.median(profile))
    mad = float(np.median(np.abs(profile - floor)))
    thr = floor + max(10.0, 5.0 * mad)
    on = profile >= thr
    out: list[Rule] = []
    i, n = 0, len(on)
    while i < n:
        if not on[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and on[j + 1]:
            j += 1
        wts = profile[i : j + 1].astype(np.float64) - floor
        pos = float((np.arange(i, j + 1) * wts).sum() / max(wts.sum(), 1e-9))
        # The rule's width at half its darkness: blur widens the run above `thr`, not this.
        half = np.nonzero(wts >= 0.5 * wts.max())[0]
        out.append(
            Rule(
                pos + offset,
                i + int(half[0]) + offset,
                i + int(half[-1]) + offset,
                float(wts.max()),
            )
        )
        i = j + 1
    if len(out) >= 3:  # weak bumps among clear rules are stamps or text, not rules
        typical = float(np.median([r.strength for r in out]))
        out = [r for r in out if r.strength >= 0.35 * typical]
    return out


def _darkness(gray: np.ndarray) -> np.ndarray:
    """Ink darkness 0..255 above the page's typical background."""
    inv = cv2.subtract(np.full_like(gray, 255), gray)
    return cv2.subtract(inv, np.full_like(inv, int(np.median(inv[::7, ::7]))))


def _extent(dark: np.ndarray) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1) spanned by long strokes: roughly the table's outer border."""
    h, w = dark.shape
    if h < 60 or w < 60:
        return None
    lh, lv = max(15, w // 35), max(15, h // 35)
    horiz = cv2.morphologyEx(
        dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (lh, 1))
    )
    vert = cv2.morphologyEx(
        dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, lv))
    )
    xs = np.nonzero((horiz > 20).sum(axis=0) >= 2)[0]
    ys = np.nonzero((vert > 20).sum(axis=1) >= 2)[0]
    if xs.size == 0 or ys.size == 0 or xs.size < w // 4 or ys.size < h // 4:
        return None
    return int(xs[0]), int(ys[0]), int(xs[-1]), int(ys[-1])


def _band_quantile(a: np.ndarray, axis: int, q: float = 0.4) -> np.ndarray:
    """Per-line q-quantile across a band (q = 0.4: dark over at least 60 % of the band)."""
    a = a[:, ::2] if axis == 1 else a[::2, :]
    n = a.shape[axis]
    if n == 0:
        return np.zeros(a.shape[1 - axis], np.float32)
    k = min(n - 1, max(0, int(q * n)))
    return np.partition(a, k, axis=axis).take(k, axis=axis).astype(np.float32)


def _merge_close(rules: list[Rule], min_gap: float) -> list[Rule]:
    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: r.pos):
        if out and r.pos - out[-1].pos < min_gap:
            keep = max(out[-1], r, key=lambda q: q.strength)
            out[-1] = keep
        else:
            out.append(r)
    return out


def _inside(a: Rule, b: Rule) -> tuple[int, int]:
    """Interior between two rules (end exclusive)."""
    return a.end + 2, b.start - 1


def _synthetic(pos: float, thick: int) -> Rule:
    s = round(pos - (thick - 1) / 2)
    return Rule(pos, s, s + thick - 1, 0.0)


def _rows_from_rules(rules: list[Rule], template: Template) -> list[Rule] | None:
    """Top border, heading bottom and the bottom rule of every data row."""
    if len(rules) < 4:
        return None
    gaps = np.diff([r.pos for r in rules])
    unit = float(np.median(gaps))
    rules = _merge_close(rules, 0.4 * unit)
    if len(rules) < 4:
        return None
    gaps = np.diff([r.pos for r in rules])
    unit = float(np.median(gaps[1:])) if len(gaps) > 2 else float(np.median(gaps))
    # A rule far above or below the rows (a header underline, a page edge) is no table rule.
    limit = (zones.HEADING_ROWS + 2.5) * unit
    while len(rules) >= 5 and rules[1].pos - rules[0].pos > limit:
        rules = rules[1:]
    while len(rules) >= 5 and rules[-1].pos - rules[-2].pos > limit:
        rules = rules[:-1]
    thick = int(np.median([r.end - r.start + 1 for r in rules]))
    out = [rules[0], rules[1]]
    for r in rules[2:]:
        gap = r.pos - out[-1].pos
        k = round(gap / unit)
        for _ in range(1, k):  # rules lost to fading or breaks
            out.append(_synthetic(out[-1].pos + gap / k, thick))
        out.append(r)
    return out


def _boundaries(template: Template) -> list[float]:
    """Relative x of the column rules inside the table, left to right."""
    edges = template.column_edges()
    return sorted({0.0, 1.0, *(round(a, 9) for a, _ in edges if round(a, 9) > 0)})


def _fit_columns(rules: list[Rule], template: Template) -> list[Rule] | None:
    """Column boundaries (left to right) fitted to the template's relative edges."""
    rel = _boundaries(template)
    if len(rules) < 3:
        return None
    xs = [r.pos for r in rules]
    span = max(xs) - min(xs)
    narrow = min(b - a for a, b in zip(rel, rel[1:], strict=False))
    best = None
    for i in range(len(xs)):
        for j in range(len(xs) - 1, i, -1):
            left, right = xs[i], xs[j]
            width = right - left
            if width < 0.5 * span:
                break
            tol = 0.3 * narrow * width
            hits, err = 0, 0.0
            for e in rel:
                target = left + e * width
                d = min(abs(x - target) for x in xs)
                if d <= tol:
                    hits += 1
                    err += d
            score = (hits, -err)
            if best is None or score > best[0]:
                best = (score, left, right, tol)
    if best is None or best[0][0] < max(3, math.ceil(0.6 * len(rel))):
        return None
    _, left, right, tol = best
    thick = int(np.median([r.end - r.start + 1 for r in rules]))
    out = []
    for e in rel:
        target = left + e * (right - left)
        near = min(rules, key=lambda r: abs(r.pos - target))
        out.append(near if abs(near.pos - target) <= tol else _synthetic(target, thick))
    return out


def _page_map(table: tuple[float, float, float, float], template: Template):
    """Function mapping page fractions (x, y) to px, from the table's place on the image."""
    tl, tt, tr, tb = template.table_zone
    x0, y0, x1, y1 = table
    sx = (x1 - x0) / (tr - tl)
    sy = (y1 - y0) / (tb - tt)

    def to_px(fx: float, fy: float) -> tuple[float, float]:
        return x0 + (fx - tl) * sx, y0 + (fy - tt) * sy

    return to_px


def _box(to_px, b, shape) -> Box:
    h, w = shape
    x0, y0 = to_px(b[0], b[1])
    x1, y1 = to_px(b[2], b[3])
    x0, y0 = max(0, round(x0)), max(0, round(y0))
    x1, y1 = min(w, round(x1)), min(h, round(y1))
    return (x0, y0, max(0, x1 - x0), max(0, y1 - y0))


def find_table(gray: np.ndarray, template: Template) -> TableLayout:
    """Rows, columns and header zones of a register page (see the module docstring)."""
    h, w = gray.shape[:2]
    dark = _darkness(gray)
    ext = _extent(dark)
    margin_x, margin_y = max(2, w // 200), max(2, h // 200)
    row_rules = col_rules = None
    if ext is not None:
        x0, y0, x1, y1 = ext
        # Vertical rules across the whole width (a faded border may lie outside `ext`),
        # then horizontal rules between the outer vertical rules.
        vrules = _profile_rules(_band_quantile(dark[y0 : y1 + 1, :], axis=0))
        vrules = [
            r for r in vrules if margin_x < r.pos < w - margin_x and 0 < r.start and r.end < w - 1
        ]
        col_rules = _fit_columns(vrules, template)
        if col_rules is not None:
            x0, x1 = round(col_rules[0].pos), round(col_rules[-1].pos)
        hrules = _profile_rules(_band_quantile(dark[:, x0 : x1 + 1], axis=1))
        hrules = [
            r for r in hrules if margin_y < r.pos < h - margin_y and 0 < r.start and r.end < h - 1
        ]
        row_rules = _rows_from_rules(hrules, template)
    if row_rules is not None:
        top, bottom = row_rules[0].pos, row_rules[-1].pos
    elif ext is not None:
        top, bottom = float(ext[1]), float(ext[3])
    else:
        _, tt, _, tb = template.table_zone
        top, bottom = tt * h, tb * h

    method = "rules" if row_rules is not None and col_rules is not None else "zones"
    if col_rules is None:
        if ext is not None:
            left, right = float(ext[0]), float(ext[2])
        else:
            tl, _, tr, _ = template.table_zone
            left, right = tl * w, tr * w
        thick = max(1, round(w / 1500))
        rel = _boundaries(template)
        col_rules = [_synthetic(left + e * (right - left), thick) for e in rel]
    if row_rules is None:
        tl, tt, tr, tb = (col_rules[0].pos, top, col_rules[-1].pos, bottom)
        thick = max(1, round(h / 1500))
        ys = [
            tt
            + (f - template.table_zone[1])
            / (template.table_zone[3] - template.table_zone[1])
            * (tb - tt)
            for f in zones.row_edges(template)
        ]
        row_rules = [_synthetic(y, thick) for y in ys]

    # Columns: boundaries left to right -> cells right to left (column 1 first).
    bounds = [_inside(a, b) for a, b in zip(col_rules, col_rules[1:], strict=False)]
    cols = list(reversed(bounds))
    if len(cols) != len(template.columns):  # a custom template with odd widths: use zones
        rel = template.column_edges()
        left, right = col_rules[0].pos, col_rules[-1].pos
        cols = [
            (round(left + a * (right - left)) + 2, round(left + b * (right - left)) - 1)
            for a, b in rel
        ]
        method = "zones"
    heading = _inside(row_rules[0], row_rules[1])
    rows = [_inside(a, b) for a, b in zip(row_rules[1:], row_rules[2:], strict=False)]
    table = (col_rules[0].pos, row_rules[0].pos, col_rules[-1].pos, row_rules[-1].pos)
    # Header zones: the template's page fractions, mapped through the table found.
    to_px = _page_map(_table_as_template(table, row_rules, template), template)
    header_box = _box(to_px, template.header_zone, (h, w))
    fields = {
        name: _box(to_px, b, (h, w)) for name, b in zones.header_value_boxes(template).items()
    }
    tb = (round(table[0]), round(table[1]), round(table[2] - table[0]), round(table[3] - table[1]))
    return TableLayout(
        rows=rows,
        cols=cols,
        header_box=header_box,
        method=method,
        table_box=tb,
        heading=heading,
        header_fields=fields,
        column_names=template.column_names,
    )


def _table_as_template(table, row_rules: list[Rule], template: Template):
    """The table's extent as the template draws it (its bottom follows the row count)."""
    x0, y0, x1, y1 = table
    edges = zones.row_edges(template)
    n_found = len(row_rules) - 1  # intervals incl. heading
    n_tmpl = len(edges) - 1
    if n_found >= 2 and n_found != n_tmpl:
        # Scale the vertical extent so the found rows stand for the template's rows.
        frac_found = (edges[min(n_found, n_tmpl)] - edges[0]) / (edges[-1] - edges[0])
        if n_found <= n_tmpl:
            y1 = y0 + (y1 - y0) / frac_found
    return (x0, y0, x1, y1)


def header_fields(
    gray: np.ndarray, template: Template, layout: TableLayout | None = None
) -> dict[str, Box]:
    """{header field: (x, y, w, h)} where its value is written, placed from the table found."""
    return (layout or find_table(gray, template)).header_fields
