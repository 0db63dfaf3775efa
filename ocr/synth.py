"""Seeded generator of register pages (and cell crops) with their ground truth.

    header, rows = random_register(template, 20, random.Random(7))
    page = render_page(template, header, rows, font="naskh", degrade=Degradation.level("moderate"))
    page.image      # uint8 gray page, A3 landscape at `dpi`
    page.truth      # {"template", "header", "rows"}: the pages format of ../shared/README.md
    page.boxes      # {(row index | None for header, field name): (x, y, w, h)} in image px

Pages are drawn like a printed register form: title, header fields (label and value, right
to left), a ruled table with Urdu column headings, column 1 rightmost, numbers left to right
inside their cells. Text is shaped by Pillow with libraqm (HarfBuzz + FriBiDi); Latin
punctuation the Urdu font lacks (`/`, `-`) falls back to DejaVu Sans. The geometry comes
from ocr.zones (shared with ocr.layout).

Cell boxes are the inside of the ruled cell (the rules themselves excluded). With skew the
page is rotated about its centre; a box is then the unrotated box moved to its rotated
centre (its size is unchanged).

Command line: `python -m ocr.synth pages OUT --template jamabandi -n 10` and
`python -m ocr.synth lines OUT -n 200` (see `--help`).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont, features

import resources
from ocr import zones
from ocr.synth_data import random_register
from records.templates import BUILTIN, FieldSpec, Template, get_template
from records.text import urdu_digits as to_urdu_digits

__all__ = [
    "Degradation",
    "SynthPage",
    "random_register",
    "render_page",
    "write_lines",
    "write_pages",
]

FONTS = {"naskh": resources.URDU_NASKH, "nastaliq": resources.URDU_NASTALIQ}
LEVELS = ("clean", "light", "moderate", "heavy")
LTR_KINDS = frozenset(
    {"integer", "khasra", "khasra-list", "area", "share", "date", "cnic", "text-en"}
)
BASE_PT = 12.0  # body text size in points
PITCH = 1.08  # line pitch of wrapped text, in ink heights
Box = tuple[int, int, int, int]


class SynthError(RuntimeError):
    """The generator cannot draw (missing raqm, bad arguments)."""


# ---------------------------------------------------------------- degradations


@dataclass(frozen=True)
class Degradation:
    """How a clean page is spoiled. All effects are seeded by render_page's `seed`.

    skew_deg: rotation in degrees (positive = counter-clockwise); blur: Gaussian sigma in px
    at 200 dpi; noise: std of Gaussian noise in gray levels; jpeg_quality: re-encode as JPEG
    at this quality (None = no); uneven_light: depth 0..1 of a smooth shading; faded: share
    0..1 of ink lost (patchy); stamp: an office stamp across the table; broken_rules: share
    0..1 of rule length left undrawn (in gaps).
    """

    skew_deg: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    jpeg_quality: int | None = None
    uneven_light: float = 0.0
    faded: float = 0.0
    stamp: bool = False
    broken_rules: float = 0.0

    @classmethod
    def level(cls, name: str, seed: int | None = None) -> Degradation:
        """Preset `clean`, `light`, `moderate` or `heavy`.

        With a seed the skew's sign and size vary (up to the preset's value); without, the
        preset's skew is used as is.
        """
        presets = {
            "clean": cls(),
            "light": cls(0.4, 0.5, 4.0, 90, 0.10, 0.0, False, 0.0),
            "moderate": cls(1.2, 0.8, 8.0, 75, 0.25, 0.25, True, 0.15),
            "heavy": cls(2.5, 1.2, 14.0, 55, 0.40, 0.45, True, 0.35),
        }
        if name not in presets:
            raise ValueError(f"unknown degradation level '{name}'; known: {', '.join(LEVELS)}")
        d = presets[name]
        if seed is not None and d.skew_deg:
            rng = random.Random(seed)
            d = replace(
                d, skew_deg=round(rng.choice((-1, 1)) * rng.uniform(0.3, 1.0) * d.skew_deg, 2)
            )
        return d


# ---------------------------------------------------------------- fonts and text


@dataclass(frozen=True)
class _Family:
    path: str
    k: float  # (ascent + descent) / size
    line: float  # line pitch / size for wrapped text


@cache
def _check_raqm() -> None:
    if not features.check("raqm"):
        raise SynthError(
            "Pillow has no libraqm: Urdu would be drawn unjoined. Install the Debian package "
            "libraqm0 (scripts/ensure-system-deps) and reinstall Pillow."
        )


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


@cache
def _family(name: str) -> _Family:
    path = str(resources.font_path(name))
    f = _font(path, 100)
    asc, desc = f.getmetrics()
    k = (asc + desc) / 100
    line = 1.25 if "Naskh" in name or "DejaVu" in name else 1.6
    return _Family(path, k, min(k, line))


@cache
def _coverage(path: str) -> frozenset[int]:
    import uharfbuzz as hb

    font = hb.Font(hb.Face(Path(path).read_bytes()))
    return frozenset(
        c for c in range(0x20, 0x2000) if font.get_nominal_glyph(c) is not None
    ) | frozenset(c for c in range(0xFB50, 0xFF00) if font.get_nominal_glyph(c) is not None)


def _runs(text: str, main: str) -> list[tuple[str, str]]:
    """Split LTR text into (run, font path) using the Latin fallback for missing glyphs."""
    fallback = _family(resources.LATIN_FALLBACK).path
    have = _coverage(main)
    out: list[tuple[str, str]] = []
    for ch in text:
        path = main if (ord(ch) in have or ch == " ") else fallback
        if out and out[-1][1] == path:
            out[-1] = (out[-1][0] + ch, path)
        else:
            out.append((ch, path))
    return out


@dataclass(frozen=True)
class _Ink:
    """A shaped line: coverage mask, its left/top offset from the pen on the baseline."""

    mask: Image.Image
    dx: int
    dy: int

    @property
    def width(self) -> int:
        return self.mask.size[0] + self.dx


def _mask(font: ImageFont.FreeTypeFont, text: str, direction: str) -> _Ink:
    """Coverage mask of one shaped run, anchored at the pen on the baseline."""
    language = "ur" if direction == "rtl" else None
    core, (dx, dy) = font.getmask2(
        text, mode="L", direction=direction, language=language, anchor="ls"
    )
    try:
        return _Ink(Image.Image()._new(core), dx, dy)  # no copy; Pillow has no public wrapper
    except AttributeError:  # a future Pillow without _new: draw into a small image instead
        x0, y0, x1, y1 = font.getbbox(text, direction=direction, language=language, anchor="ls")
        img = Image.new("L", (max(1, x1 - x0), max(1, y1 - y0)), 0)
        ImageDraw.Draw(img).text(
            (-x0, -y0),
            text,
            font=font,
            fill=255,
            anchor="ls",
            direction=direction,
            language=language,
        )
        return _Ink(img, x0, y0)


@lru_cache(maxsize=8192)
def _ink(text: str, path: str, size: int, rtl: bool) -> _Ink:
    """Shape and rasterise one line once (repeated phrases and names hit the cache)."""
    if rtl:
        return _mask(_font(path, size), text, "rtl")
    parts, x = [], 0.0
    for run, p in _runs(text, path):
        f = _font(p, size)
        shaped = _mask(f, run, "ltr")
        parts.append((shaped.mask, round(x) + shaped.dx, shaped.dy))
        x += f.getlength(run, direction="ltr")
    top = min(dy for _, _, dy in parts)
    bottom = max(dy + m.size[1] for m, _, dy in parts)
    left = min(0, min(dx for _, dx, _ in parts))
    right = max(dx + m.size[0] for m, dx, _ in parts)
    canvas = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    for m, dx, dy in parts:
        canvas.paste(m, (dx - left, dy - top), m)
    return _Ink(canvas, left, top)


def _width(text: str, fam: _Family, size: int, rtl: bool) -> int:
    return _ink(text, fam.path, size, rtl).width


def _split(text: str, n: int) -> list[str]:
    """Text in n (1 or 2) lines of balanced length, broken at a space."""
    words = text.split(" ")
    if n == 1 or len(words) < 2:
        return [text]
    best, best_cost = [text], math.inf
    for i in range(1, len(words)):
        a, b = " ".join(words[:i]), " ".join(words[i:])
        cost = max(len(a), len(b))
        if cost < best_cost:
            best, best_cost = [a, b], cost
    return best


def _size_for(lines: list[str], fam: _Family, w: float, size: int, rtl: bool) -> int:
    """Largest size <= `size` at which every line is at most `w` wide (width ~ size)."""
    for _ in range(4):
        widest = max(_width(s, fam, size, rtl) for s in lines)
        if widest <= w or size <= 6:
            return size
        size = max(6, min(size - 1, int(size * w / widest)))
    return size


def _ink_height(lines: list[str], fam: _Family, size: int, rtl: bool) -> int:
    return max(_ink(s, fam.path, size, rtl).mask.size[1] for s in lines)


def _fit(text: str, fam: _Family, w: float, h: float, base: int, rtl: bool, max_lines: int = 2):
    """(size, lines) that fit the box: shrink to 75 %, else wrap in two lines, else shrink.

    Heights are measured on the shaped ink, not the font's line metrics (Nastaliq's
    metrics allow for stacked ligatures most words never have).
    """
    tall = _ink_height([text], fam, base, rtl)
    top = max(6, min(base, int(base * 0.85 * h / max(1, tall))))
    size = _size_for([text], fam, w, top, rtl)
    lines = _split(text, 2)
    if size >= top * 0.75 or max_lines < 2 or len(lines) < 2:
        return size, [text]
    tall2 = _ink_height(lines, fam, base, rtl)
    two = max(6, min(base, int(base * 0.92 * h / (2 * PITCH * max(1, tall2)))))
    two = _size_for(lines, fam, w, two, rtl)
    return (two, lines) if two > size else (size, [text])


def _draw_text(
    img: Image.Image,
    text: str,
    box: tuple[float, float, float, float],
    fam: _Family,
    base: int,
    *,
    rtl: bool,
    align: str,
    ink: int = 0,
    max_lines: int = 2,
) -> None:
    """Draw text fitted into box (x0, y0, x1, y1); align is 'right', 'center' or 'left'.

    Each line's ink is centred vertically in its share of the box.
    """
    if not text:
        return
    x0, y0, x1, y1 = box
    size, lines = _fit(text, fam, x1 - x0, y1 - y0, base, rtl, max_lines)
    pitch = PITCH * _ink_height(lines, fam, size, rtl)
    cy0 = (y0 + y1) / 2 - pitch * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        shaped = _ink(line, fam.path, size, rtl)
        top = cy0 + i * pitch - shaped.mask.size[1] / 2
        width = shaped.width
        if align == "right":
            left = x1 - width
        elif align == "left":
            left = x0
        else:
            left = (x0 + x1 - width) / 2
        img.paste(ink, (round(left + shaped.dx), round(top)), shaped.mask)


# ---------------------------------------------------------------- pages


@dataclass
class SynthPage:
    """A generated page: image, ground truth (pages format) and the box of every value."""

    image: np.ndarray
    truth: dict
    boxes: dict[tuple[int | None, str], Box] = field(default_factory=dict)
    degradation: Degradation | None = None


def _template_ref(template: Template) -> str:
    return (
        template.id
        if template.id in BUILTIN
        and not template.source.startswith("<")
        and (Path(template.source).name == f"{template.id}.json")
        else (template.source or template.id)
    )


def _display(spec: FieldSpec, value: str, urdu_digits: bool) -> str:
    """The value as drawn: with `urdu_digits`, every digit as an Urdu digit."""
    return to_urdu_digits(value) if (value and urdu_digits) else value


def _hline(draw, x0, x1, y, t, rng, broken):
    _segments(
        draw,
        x0,
        x1,
        broken,
        rng,
        lambda a, b: draw.rectangle((a, y - t // 2, b, y - t // 2 + t - 1), fill=0),
    )


def _vline(draw, y0, y1, x, t, rng, broken):
    _segments(
        draw,
        y0,
        y1,
        broken,
        rng,
        lambda a, b: draw.rectangle((x - t // 2, a, x - t // 2 + t - 1, b), fill=0),
    )


def _segments(draw, a0, a1, broken, rng, paint):
    """Paint [a0, a1] leaving a share `broken` of it out in a few random gaps."""
    if broken <= 0:
        paint(a0, a1)
        return
    length = a1 - a0
    n_gaps = max(1, int(length * broken / 24))
    gap = length * broken / n_gaps
    starts = sorted(rng.uniform(a0, a1 - gap) for _ in range(n_gaps))
    pos = a0
    for s in starts:
        if s > pos:
            paint(pos, s)
        pos = max(pos, s + gap)
    if pos < a1:
        paint(pos, a1)


def render_page(
    template: Template,
    header: dict[str, str],
    rows: Sequence[dict[str, str]],
    *,
    font: str = "naskh",
    urdu_digits: bool = False,
    dpi: int = 200,
    seed: int = 0,
    degrade: Degradation | None = None,
) -> SynthPage:
    """Draw a register page holding `header` and `rows` (at most template.rows_per_page).

    With `urdu_digits` digits are drawn (and recorded in the truth) as Urdu digits.
    """
    _check_raqm()
    if font not in FONTS:
        raise SynthError(f"unknown font '{font}'; use one of: {', '.join(FONTS)}")
    if len(rows) > template.rows_per_page:
        raise SynthError(
            f"{len(rows)} rows do not fit a {template.id} page of {template.rows_per_page} rows"
        )
    d = degrade or Degradation()
    W, H = zones.page_size_px(dpi)
    img = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(img)
    fam = _family(FONTS[font])
    bold = _family(resources.URDU_NASKH_BOLD) if font == "naskh" else fam
    base = round(BASE_PT * dpi / 72)

    def px(b):
        return (b[0] * W, b[1] * H, b[2] * W, b[3] * H)

    # Title
    _draw_text(
        img,
        template.title_ur,
        px(zones.title_box(template)),
        bold,
        round(base * 1.6),
        rtl=True,
        align="center",
        max_lines=1,
    )

    boxes: dict[tuple[int | None, str], Box] = {}
    truth_header: dict[str, str] = {}
    labels = zones.header_label_boxes(template)
    values = zones.header_value_boxes(template)
    pad = 0.01 * W
    for spec in template.header:
        lx0, ly0, lx1, ly1 = px(labels[spec.name])
        _draw_text(
            img,
            spec.label_ur + ":",
            (lx0, ly0, lx1 - pad, ly1),
            bold,
            base,
            rtl=True,
            align="right",
            max_lines=1,
        )
        vb = px(values[spec.name])
        value = _display(spec, header.get(spec.name, ""), urdu_digits)
        truth_header[spec.name] = value
        _draw_text(
            img,
            value,
            (vb[0] + pad, vb[1], vb[2] - pad / 2, vb[3]),
            fam,
            base,
            rtl=spec.kind not in LTR_KINDS,
            align="right",
            max_lines=1,
        )
        boxes[(None, spec.name)] = (
            round(vb[0]),
            round(vb[1]),
            round(vb[2] - vb[0]),
            round(vb[3] - vb[1]),
        )

    # Table rules
    ys = [round(y * H) for y in zones.row_edges(template)]
    cols = [(round(a * W), round(b * W)) for a, b in zones.column_edges(template)]
    xs = sorted({x for c in cols for x in c})
    t_out = max(2, round(dpi / 70))
    t_in = max(1, round(dpi / 110))
    rule_rng = random.Random(seed + 1)
    for i, y in enumerate(ys):
        t = t_out if i in (0, len(ys) - 1) else t_in
        _hline(draw, xs[0], xs[-1], y, t, rule_rng, d.broken_rules)
    for i, x in enumerate(xs):
        t = t_out if i in (0, len(xs) - 1) else t_in
        _vline(draw, ys[0], ys[-1], x, t, rule_rng, d.broken_rules)

    def inner(x0, x1, y0, y1, tx0, tx1, ty0, ty1) -> Box:
        a = x0 + (tx0 + 1) // 2 + 1
        b = x1 - tx1 // 2 - 1
        c = y0 + (ty0 + 1) // 2 + 1
        e = y1 - ty1 // 2 - 1
        return (a, c, b - a, e - c)

    def thick_x(x):
        return t_out if x in (xs[0], xs[-1]) else t_in

    def thick_y(i):
        return t_out if i in (0, len(ys) - 1) else t_in

    # Column headings
    row_h = ys[2] - ys[1]
    for spec, (x0, x1) in zip(template.columns, cols, strict=True):
        cp = 0.06 * (x1 - x0)
        _draw_text(
            img,
            spec.label_ur,
            (x0 + cp, ys[0] + 2, x1 - cp, ys[1] - 2),
            bold,
            round(base * 0.95),
            rtl=True,
            align="center",
            max_lines=2,
        )

    # Rows
    truth_rows = []
    for r, row in enumerate(rows):
        y0, y1 = ys[r + 1], ys[r + 2]
        trow = {}
        for spec, (x0, x1) in zip(template.columns, cols, strict=True):
            box = inner(x0, x1, y0, y1, thick_x(x0), thick_x(x1), thick_y(r + 1), thick_y(r + 2))
            boxes[(r, spec.name)] = box
            value = _display(spec, row.get(spec.name, ""), urdu_digits)
            trow[spec.name] = value
            bx, by, bw, bh = box
            hp, vp = max(3, 0.05 * bw), max(2, 0.08 * row_h)
            ltr = spec.kind in LTR_KINDS
            _draw_text(
                img,
                value,
                (bx + hp, by + vp, bx + bw - hp, by + bh - vp),
                fam,
                base,
                rtl=not ltr,
                align="center" if ltr else "right",
            )
        truth_rows.append(trow)

    image = np.asarray(img, dtype=np.uint8).copy()
    image, boxes = _degrade(image, boxes, d, template, dpi, seed)
    truth = {"template": _template_ref(template), "header": truth_header, "rows": truth_rows}
    return SynthPage(image=image, truth=truth, boxes=boxes, degradation=d)


def _smooth_field(shape, rng: np.random.Generator, cells: int = 4) -> np.ndarray:
    """Smooth random field in [0, 1] of `shape` (bicubic upscaling of a coarse grid)."""
    coarse = rng.random((cells, cells)).astype(np.float32)
    f = cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    f -= f.min()
    return f / max(1e-6, float(f.max()))


def _stamp(shape, rng: random.Random, template: Template, dpi: int) -> np.ndarray:
    H, W = shape
    layer = Image.new("L", (W, H), 255)
    dr = ImageDraw.Draw(layer)
    tx0, ty0, tx1, ty1 = template.table_zone
    cx = rng.uniform(tx0 + 0.1, tx1 - 0.1) * W
    cy = rng.uniform(ty0 + 0.1, ty1 - 0.1) * H
    r = 0.07 * H
    tone = rng.randint(90, 150)
    t = max(2, round(dpi / 60))
    dr.ellipse((cx - r, cy - r, cx + r, cy + r), outline=tone, width=t)
    dr.ellipse(
        (cx - 0.78 * r, cy - 0.78 * r, cx + 0.78 * r, cy + 0.78 * r),
        outline=tone,
        width=max(1, t // 2),
    )
    fam = _family(resources.URDU_NASKH_BOLD)
    _draw_text(
        layer,
        "پٹواری حلقہ",
        (cx - 0.7 * r, cy - 0.3 * r, cx + 0.7 * r, cy + 0.3 * r),
        fam,
        round(r * 0.3),
        rtl=True,
        align="center",
        ink=tone,
        max_lines=1,
    )
    angle = rng.uniform(-30, 30)
    m = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    return cv2.warpAffine(np.asarray(layer), m, (W, H), borderValue=255)


def _degrade(image, boxes, d: Degradation, template, dpi, seed):
    if d == Degradation():
        return image, boxes
    rng = random.Random(seed + 2)
    nrng = np.random.default_rng(seed + 3)
    img = image.astype(np.float32)
    if d.faded > 0:
        patch = 0.5 + 0.5 * _smooth_field(img.shape, nrng, 6)
        img = 255 - (255 - img) * (1 - d.faded * patch)
    if d.stamp:
        img = np.minimum(img, _stamp(image.shape, rng, template, dpi).astype(np.float32))
    if d.uneven_light > 0:
        shade = 1 - d.uneven_light * _smooth_field(img.shape, nrng, 3)
        img = img * shade
    if d.skew_deg:
        H, W = img.shape
        m = cv2.getRotationMatrix2D((W / 2, H / 2), d.skew_deg, 1.0)
        img = cv2.warpAffine(img, m, (W, H), flags=cv2.INTER_LINEAR, borderValue=255.0)
        moved = {}
        for key, (x, y, w, h) in boxes.items():
            cx, cy = x + w / 2, y + h / 2
            nx, ny = m @ np.array([cx, cy, 1.0])
            moved[key] = (round(nx - w / 2), round(ny - h / 2), w, h)
        boxes = moved
    if d.blur > 0:
        img = cv2.GaussianBlur(img, (0, 0), d.blur * dpi / 200)
    if d.noise > 0:
        img = img + nrng.normal(0, d.noise, img.shape).astype(np.float32)
    out = np.clip(img, 0, 255).astype(np.uint8)
    if d.jpeg_quality:
        ok, enc = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(d.jpeg_quality)])
        out = cv2.imdecode(enc, cv2.IMREAD_GRAYSCALE)
    return out, boxes


# ---------------------------------------------------------------- writing sets


def _cycle(items: Sequence, i: int):
    return items[i % len(items)]


def write_pages(
    out_dir: str | Path,
    template: Template,
    n_pages: int,
    *,
    seed: int = 0,
    levels: Sequence[str] = ("clean",),
    fonts: Sequence[str] = ("naskh",),
    digits: Sequence[str] = ("latin",),
    dpi: int = 200,
    rows: int | None = None,
) -> list[Path]:
    """Write `n_pages` pairs NAME.png + NAME.json (pages format); return the PNG paths.

    Levels, fonts and digits ('latin'|'urdu') are cycled so every combination appears.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_pages):
        level = _cycle(levels, i)
        font = _cycle(fonts, i // len(levels))
        dig = _cycle(digits, i // (len(levels) * len(fonts)))
        page_seed = seed * 100003 + i
        rng = random.Random(page_seed)
        n = rows or template.rows_per_page
        header, body = random_register(template, n, rng, urdu_digits=dig == "urdu")
        page = render_page(
            template,
            header,
            body,
            font=font,
            urdu_digits=dig == "urdu",
            dpi=dpi,
            seed=page_seed,
            degrade=Degradation.level(level, seed=page_seed),
        )
        name = f"{template.id}-{seed}-{i:04d}-{font}-{level}-{dig}"
        png = out / f"{name}.png"
        cv2.imwrite(str(png), page.image)
        (out / f"{name}.json").write_text(
            json.dumps(page.truth, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        paths.append(png)
    return paths


LINE_KINDS = ("text-ur", "integer", "khasra", "khasra-list", "area", "share", "date", "choice")


def write_lines(
    out_dir: str | Path,
    n: int,
    *,
    seed: int = 0,
    kinds: Iterable[str] = LINE_KINDS,
    fonts: Sequence[str] = ("naskh",),
    levels: Sequence[str] = ("clean",),
    digits: Sequence[str] = ("latin", "urdu"),
    dpi: int = 200,
) -> Path:
    """Write `n` cell crops cut from generated pages of the built-in templates + DIR/gt.tsv.

    gt.tsv lines: image<TAB>text<TAB>lang<TAB>kind (lang `urd` for Urdu text and for
    Urdu-digit numbers, `eng` for Latin-digit numbers and English text). Kinds are taken in
    turn; empty cells are skipped. Returns the gt.tsv path.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wanted = list(dict.fromkeys(kinds))
    by_kind: dict[str, list[str]] = {k: [] for k in wanted}
    lines: list[str] = []
    page_no = 0
    templates = [get_template(t) for t in BUILTIN]
    while len(lines) < n:
        t = templates[page_no % len(templates)]
        combo = page_no // len(templates)
        font, level = _cycle(fonts, combo), _cycle(levels, combo // len(fonts))
        dig = _cycle(digits, combo // (len(fonts) * len(levels)))
        page_seed = seed * 100003 + page_no
        header, body = random_register(
            t, t.rows_per_page, random.Random(page_seed), urdu_digits=dig == "urdu"
        )
        deg = replace(Degradation.level(level), skew_deg=0.0)
        page = render_page(
            t,
            header,
            body,
            font=font,
            urdu_digits=dig == "urdu",
            dpi=dpi,
            seed=page_seed,
            degrade=deg,
        )
        page_no += 1
        candidates = []
        for (r, name), (x, y, w, h) in page.boxes.items():
            if r is None:
                continue
            spec = t.field(name)
            text = page.truth["rows"][r][name]
            if spec.kind in by_kind and text:
                candidates.append((spec.kind, r, name, text, (x, y, w, h)))
        random.Random(page_seed).shuffle(candidates)
        for kind, _r, name, text, (x, y, w, h) in candidates:
            if len(lines) >= n:
                break
            if len(by_kind[kind]) > min(len(v) for v in by_kind.values()):
                continue  # keep the kinds balanced
            fname = f"{len(lines):05d}-{kind}-{t.id}-{name}.png"
            cv2.imwrite(str(out / fname), page.image[y : y + h, x : x + w])
            urd = kind in ("text-ur", "choice") or dig == "urdu"
            lines.append(f"{fname}\t{text}\t{'urd' if urd else 'eng'}\t{kind}")
            by_kind[kind].append(fname)
        if page_no > 50 + 5 * n:
            break
    gt = out / "gt.tsv"
    gt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gt


# ---------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m ocr.synth pages|lines OUT ...`: write an evaluation set."""
    p = argparse.ArgumentParser(prog="python -m ocr.synth", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="what", required=True)
    pp = sub.add_parser("pages", help="NAME.png + NAME.json pairs (pages format)")
    pp.add_argument("out")
    pp.add_argument("--template", default="jamabandi", help="built-in name or template JSON path")
    pp.add_argument("-n", type=int, default=10)
    pp.add_argument("--rows", type=int, default=None, help="rows per page (default: template's)")
    lp = sub.add_parser("lines", help="cell crops + gt.tsv (lines format)")
    lp.add_argument("out")
    lp.add_argument("-n", type=int, default=200)
    lp.add_argument("--kinds", default=",".join(LINE_KINDS))
    for sp in (pp, lp):
        sp.add_argument("--seed", type=int, default=0)
        sp.add_argument("--levels", default="clean", help=f"comma list of {', '.join(LEVELS)}")
        sp.add_argument("--fonts", default="naskh", help="comma list of naskh, nastaliq")
        sp.add_argument("--digits", default="latin", help="comma list of latin, urdu")
        sp.add_argument("--dpi", type=int, default=200)
    a = p.parse_args(argv)
    split = lambda s: [x.strip() for x in s.split(",") if x.strip()]  # noqa: E731
    if a.what == "pages":
        paths = write_pages(
            a.out,
            get_template(a.template),
            a.n,
            seed=a.seed,
            levels=split(a.levels),
            fonts=split(a.fonts),
            digits=split(a.digits),
            dpi=a.dpi,
            rows=a.rows,
        )
        print(f"wrote {len(paths)} pages to {a.out}")
    else:
        gt = write_lines(
            a.out,
            a.n,
            seed=a.seed,
            kinds=split(a.kinds),
            fonts=split(a.fonts),
            levels=split(a.levels),
            digits=split(a.digits),
            dpi=a.dpi,
        )
        print(f"wrote {gt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
