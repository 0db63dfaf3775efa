"""Seeded generator of numeric register cells with per-pixel glyph labels.

Used to train the number recogniser (`ocr.train_numbers`), to benchmark it
(`bench/numbers_bench.py`) and in tests. A cell holds one value of a numeric field kind
(`47`, `125/5`, `12-5`, `3/8`, `125/5، 126`, `14-03-2019`, `35202-1234567-1`) in Latin,
Urdu or Arabic-Indic digits, drawn glyph by glyph (numbers run left to right in every
script), then degraded: stroke width, rotation, blur, low resolution, paper and ink
levels, noise, speckles and JPEG. Besides the grey image it returns a label map giving,
for every ink pixel, the index of the character it belongs to.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageFont

URDU = "۰۱۲۳۴۵۶۷۸۹"
ARABIC = "٠١٢٣٤٥٦٧٨٩"
LATIN = "0123456789"
KINDS = ("integer", "khasra", "khasra-list", "area", "share", "date", "cnic")

FALLBACK_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)


@dataclass
class SynthCell:
    """One generated cell: grey image, label map, the characters and the expected reading."""

    image: np.ndarray  # uint8 grey
    labels: np.ndarray  # int32, 0 = no glyph, i + 1 = chars[i]
    chars: list[str]  # characters drawn (spaces included)
    shapes: list[str]  # shape class of every drawn char ('' for spaces)
    truth: str  # expected NumberReading.text (Latin digits, '، ' / ', ' separators)
    kind: str
    script: str  # 'latin', 'urdu' or 'arabic'
    font: str
    meta: dict = field(default_factory=dict)


# ----------------------------------------------------------------------------- values


def random_value(kind: str, rng: np.random.Generator) -> str:
    """A plausible value of a numeric field kind, Latin digits, '، ' between list items."""

    def num(lo: int, hi: int) -> str:
        # Register numbers are mostly small: favour 1-3 digits.
        return str(int(np.exp(rng.uniform(np.log(lo + 1), np.log(hi + 2)))) - 1)

    def khasra() -> str:
        r = rng.random()
        base = num(1, 4999)
        if r < 0.35:
            return base
        if r < 0.9:
            return f"{base}/{num(1, 40)}"
        return f"{base}/{num(1, 30)}/{num(1, 9)}"

    if kind == "integer":
        return num(1, 9999)
    if kind == "khasra":
        return khasra()
    if kind == "khasra-list":
        return "، ".join(dict.fromkeys(khasra() for _ in range(int(rng.integers(2, 5)))))
    if kind == "area":
        k, m = num(0, 400) if rng.random() < 0.9 else "0", str(int(rng.integers(0, 20)))
        if rng.random() < 0.2:
            return f"{k}-{m}-{int(rng.integers(1, 9))}"
        return f"{k}-{m}"
    if kind == "share":
        den = int(rng.choice([2, 3, 4, 5, 6, 8, 9, 10, 12, 16, 24, 32, 48, 64, 96, 120, 1440]))
        return f"{int(rng.integers(1, den + 1))}/{den}"
    if kind == "date":
        y, m, d = int(rng.integers(1950, 2030)), int(rng.integers(1, 13)), int(rng.integers(1, 29))
        r = rng.random()
        if r < 0.6:
            return f"{d:02d}-{m:02d}-{y}"
        if r < 0.85:
            return f"{d:02d}/{m:02d}/{y}"
        return f"{y}-{m:02d}-{d:02d}"
    if kind == "cnic":
        return f"{int(rng.integers(10000, 99999))}-{int(rng.integers(1000000, 9999999))}-{int(rng.integers(0, 10))}"
    raise ValueError(f"unknown numeric kind '{kind}'")


# ----------------------------------------------------------------------------- fonts


@lru_cache(maxsize=256)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


@lru_cache(maxsize=20000)
def _bitmap(path: str, size: int, ch: str, lang: str | None) -> tuple[np.ndarray, int, int, float]:
    """Glyph bitmap (float 0..1), its offset from the pen position on the baseline, advance."""
    font = _font(path, size)
    kwargs = {"language": lang} if lang else {}
    mask, offset = font.getmask2(ch, mode="L", anchor="ls", **kwargs)
    arr = np.asarray(mask, dtype=np.float32).reshape(mask.size[1], mask.size[0]) / 255.0
    return arr, int(offset[0]), int(offset[1]), float(font.getlength(ch, **kwargs))


@lru_cache(maxsize=4096)
def has_glyph(path: str, ch: str) -> bool:
    """True when the font draws `ch` itself (not its missing-glyph box, not nothing)."""
    arr, *_ = _bitmap(path, 40, ch, None)
    if arr.size == 0 or arr.max() < 0.5:
        return False
    missing, *_ = _bitmap(path, 40, "\U0010fffd", None)
    return not (missing.shape == arr.shape and np.abs(missing - arr).max() < 0.05)


@lru_cache(maxsize=1024)
def urdu_forms(path: str) -> bool:
    """True when the font has Urdu forms of ۶ and ۷ (OpenType locl for language 'ur')."""
    a, *_ = _bitmap(path, 40, "۷", "ur")
    b, *_ = _bitmap(path, 40, "۷", None)
    return a.shape != b.shape or float(np.abs(a - b).max()) > 0.05


def shape_class(ch: str, lang: str | None, path: str) -> str:
    """The classifier's shape class of a character as drawn by a font."""
    if ch in LATIN:
        return f"L{ch}"
    if ch in ARABIC:
        d = ARABIC.index(ch)
        return {4: "a4", 5: "a5", 6: "e6", 7: "e7"}.get(d, f"e{d}")
    if ch in URDU:
        d = URDU.index(ch)
        if d in (4, 5):
            return f"u{d}"
        urdu = lang == "ur" and urdu_forms(path)
        if d == 6:
            return "e6" if urdu else "p6"
        if d == 7:
            return "u7" if urdu else "e7"
        return f"e{d}"
    if ch in "/-،,":
        return ch
    raise ValueError(f"no shape class for {ch!r}")


def font_supports(path: str, script: str) -> bool:
    """Whether a font draws the digits of a script ('latin', 'urdu', 'arabic')."""
    digits = {"latin": LATIN, "urdu": URDU, "arabic": ARABIC}[script]
    return all(has_glyph(path, d) for d in digits)


def resolve_fonts(names: list[str], roots: tuple[str, ...] = ("/usr/share/fonts",)) -> list[str]:
    """Paths of installed font files whose file name (without suffix) is in `names`.

    Where two packages install a file of the same name, the one in the folder that sorts last
    is taken: a newer packaging of a family is named with a number (Debian's liberation2 beside
    fonts-liberation 1.x, which Chromium pulls in). Taking the first changed every cell the
    bench and the trainers draw in Liberation the day Chromium was installed; the choice must
    not depend on which other packages happen to be there."""
    wanted = set(names)
    found: dict[str, str] = {}
    for root in roots:
        for p in sorted(Path(root).rglob("*"), key=lambda q: (q.stem, q.parent.name, str(q))):
            if p.suffix.lower() in (".ttf", ".otf") and p.stem in wanted:
                found[p.stem] = str(p)  # the last of a name wins (see above)
    try:
        import resources

        for p in sorted((resources.root() / "fonts").glob("*.ttf")):
            if p.stem in wanted and p.stem not in found:
                found[p.stem] = str(p)
    except Exception:  # pragma: no cover - resources always importable in the project
        pass
    return [found[n] for n in names if n in found]


# ----------------------------------------------------------------------------- rendering


def _script_text(truth: str, script: str, rng: np.random.Generator) -> tuple[list[str], str]:
    """Characters to draw for a Latin-digit value, and the reading expected back."""
    digits = {"latin": LATIN, "urdu": URDU, "arabic": ARABIC}[script]
    comma = "،" if script != "latin" or rng.random() < 0.5 else ","
    space_after_comma = rng.random() < 0.85
    chars: list[str] = []
    expected = []
    i = 0
    while i < len(truth):
        c = truth[i]
        if c == "،":
            chars.append(comma)
            if space_after_comma:
                chars.append(" ")
            expected.append(comma + " ")
            i += 2 if truth[i + 1 : i + 2] == " " else 1
            continue
        chars.append(digits[int(c)] if c.isdigit() else c)
        expected.append(c)
        i += 1
    return chars, "".join(expected)


def render_cell(
    truth: str,
    kind: str,
    script: str,
    font_path: str,
    rng: np.random.Generator,
    level: int = 1,
    *,
    size: int | None = None,
    touching: bool | None = None,
    dot_variety: float = 0.0,
) -> SynthCell:
    """Draw one value into a degraded cell image with its per-pixel character labels.

    `level`: 0 clean, 1 light, 2 moderate, 3 heavy degradation (every effect is drawn at
    random with probabilities and strengths growing with the level).
    """
    size = size or int(rng.integers(22, 64))
    chars, expected = _script_text(truth, script, rng)
    touching = (rng.random() < 0.06 * level) if touching is None else touching
    lang = "ur" if script == "urdu" and rng.random() < 0.8 else None
    pad = size
    canvas_w = int(size * (len(chars) + 4) * 1.2) + 2 * pad
    canvas_h = int(size * 3)
    ink = np.zeros((canvas_h, canvas_w), np.float32)
    labels = np.zeros((canvas_h, canvas_w), np.int32)
    best = np.zeros((canvas_h, canvas_w), np.float32)
    baseline = int(size * 2)
    x = float(pad)
    shapes: list[str] = []
    for idx, ch in enumerate(chars):
        if ch == " ":
            x += size * rng.uniform(0.25, 0.5)
            shapes.append("")
            continue
        path = font_path if has_glyph(font_path, ch) else _fallback(ch)
        shapes.append(shape_class(ch, lang if ch in URDU else None, path))
        arr, ox, oy, adv = _bitmap(path, size, ch, lang if ch in URDU else None)
        if ch in "۰٠" and rng.random() < dot_variety:
            arr, ox, oy = _zero_dot(arr, ox, oy, size, rng)
        h, w = arr.shape
        x0, y0 = int(round(x)) + ox, baseline + oy
        if h and w and 0 <= y0 and y0 + h <= canvas_h and x0 >= 0 and x0 + w <= canvas_w:
            region = ink[y0 : y0 + h, x0 : x0 + w]
            np.maximum(region, arr, out=region)
            stronger = arr > best[y0 : y0 + h, x0 : x0 + w]
            labels[y0 : y0 + h, x0 : x0 + w][stronger & (arr > 0.3)] = idx + 1
            np.maximum(best[y0 : y0 + h, x0 : x0 + w], arr, out=best[y0 : y0 + h, x0 : x0 + w])
        spacing = rng.uniform(-0.07, -0.01) if touching else rng.uniform(0.0, 0.12)
        if ch in "،," and not touching:
            spacing += 0.05
        x += adv + size * spacing
    if not (ink > 0.3).any():
        raise ValueError(f"font {font_path} drew nothing for {truth!r}")
    image, labels = finish_cell(ink, labels, rng, level, size, what=f"font {font_path}, {truth!r}")
    return SynthCell(
        image=image,
        labels=labels,
        chars=chars,
        shapes=shapes,
        truth=expected,
        kind=kind,
        script=script,
        font=Path(font_path).stem,
        meta={"size": size, "touching": touching, "level": level, "lang": lang},
    )


def finish_cell(
    ink: np.ndarray, labels: np.ndarray, rng: np.random.Generator, level: int, size: int, what: str = ""
) -> tuple[np.ndarray, np.ndarray]:
    """A drawn value (ink 0..1 on a roomy canvas, its label map) made a register cell:
    stroke and geometry changes of the level, cropped with room around the text like a
    cell, then degraded. Returns the grey image and its label map."""
    if level > 0:
        ink, labels = _geometry(ink, labels, rng, level, size)
    ys, xs = np.nonzero(ink > 0.3)
    if ys.size == 0:
        raise ValueError(f"nothing visible was drawn ({what})")
    # Crop to the text with padding like a register cell (room above and below the line).
    canvas_h, canvas_w = ink.shape
    px = int(size * rng.uniform(0.15, 0.8))
    pt, pb = int(size * rng.uniform(0.15, 0.7)), int(size * rng.uniform(0.15, 0.7))
    y0, y1 = max(ys.min() - pt, 0), min(ys.max() + pb + 1, canvas_h)
    x0, x1 = max(xs.min() - px, 0), min(xs.max() + px + 1, canvas_w)
    return _degrade(ink[y0:y1, x0:x1], labels[y0:y1, x0:x1], rng, level, size)


def _zero_dot(
    arr: np.ndarray, ox: int, oy: int, size: int, rng: np.random.Generator
) -> tuple[np.ndarray, int, int]:
    """A zero dot of another style (round, square, diamond, upright bar) in the font's place.

    Fonts draw the Eastern zero as dots of very different shapes; drawing varied ones
    teaches the classifier the place and size of a zero rather than one font's shape.
    """
    cy = oy + arr.shape[0] / 2 if arr.size else -size * 0.3
    cx = ox + arr.shape[1] / 2 if arr.size else size * 0.15
    w = size * rng.uniform(0.07, 0.17)
    h = w * rng.uniform(0.7, 1.8)
    k = 4
    big = np.zeros((int(h * k) + 2 * k, int(w * k) + 2 * k), np.uint8)
    bh, bw = big.shape
    kind = int(rng.integers(4))
    if kind == 0:
        cv2.ellipse(
            big,
            (bw // 2, bh // 2),
            (max(int(w * k / 2), 1), max(int(h * k / 2), 1)),
            0,
            0,
            360,
            255,
            -1,
        )
    elif kind == 1:
        cv2.rectangle(big, (k, k), (bw - k - 1, bh - k - 1), 255, -1)
    elif kind == 2:
        pts = np.array(
            [[bw // 2, k], [bw - k - 1, bh // 2], [bw // 2, bh - k - 1], [k, bh // 2]], np.int32
        )
        cv2.fillConvexPoly(big, pts, 255)
    else:
        cv2.ellipse(
            big,
            (bw // 2, bh // 2),
            (max(int(w * k / 2), 1), max(int(h * k / 2), 1)),
            0,
            0,
            360,
            255,
            -1,
        )
        big = np.where(np.arange(bw)[None, :] < bw * rng.uniform(0.3, 0.5), 0, big).astype(np.uint8)
    small = cv2.resize(big, (max(bw // k, 1), max(bh // k, 1)), interpolation=cv2.INTER_AREA)
    out = small.astype(np.float32) / 255.0
    return out, int(round(cx - out.shape[1] / 2)), int(round(cy - out.shape[0] / 2))


def _fallback(ch: str) -> str:
    import resources

    bundled = str(resources.font_path(resources.LATIN_FALLBACK))
    for path in (*FALLBACK_FONTS, bundled):
        if Path(path).is_file() and has_glyph(path, ch):
            return path
    raise ValueError(f"no installed font draws {ch!r}")


def _geometry(
    ink: np.ndarray, labels: np.ndarray, rng: np.random.Generator, level: int, size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Stroke width, skew, slant and width, on the whole canvas (nothing is cut off)."""
    ys, xs = np.nonzero(ink > 0.3)
    centre = (float(xs.mean()), float(ys.mean()))
    # Stroke width.
    r = rng.random()
    if size >= 28 and r < 0.25 * level:
        k = np.ones((2, 2), np.uint8) if size < 44 else np.ones((3, 3), np.uint8)
        if rng.random() < 0.5:
            ink = cv2.dilate(ink, k)
            labels = cv2.dilate(labels.astype(np.float32), k).astype(np.int32)
        else:
            thinner = cv2.erode(ink, k)
            # Thin fonts would lose whole strokes: erode only what stays readable.
            if (thinner > 0.3).sum() >= 0.6 * (ink > 0.3).sum():
                ink = thinner
    # Skew.
    angle = rng.normal(0, 0.8 * level)
    if abs(angle) > 0.2:
        h, w = ink.shape
        m = cv2.getRotationMatrix2D(centre, float(np.clip(angle, -4, 4)), 1.0)
        ink = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)
        labels = cv2.warpAffine(
            labels.astype(np.float32), m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0
        ).astype(np.int32)
    # Slant and width (handwriting and condensed or extended type).
    if rng.random() < 0.3 * level:
        h, w = ink.shape
        shear = rng.uniform(-0.15, 0.15)
        sx = rng.uniform(0.85, 1.15)
        cx, cy = centre
        m = np.float32([[sx, shear, cx - sx * cx - shear * cy], [0, 1, 0]])
        ink = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)
        labels = cv2.warpAffine(
            labels.astype(np.float32), m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0
        ).astype(np.int32)
    return ink, labels


def _degrade(
    ink: np.ndarray, labels: np.ndarray, rng: np.random.Generator, level: int, size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Resolution, blur, paper/ink levels, uneven light, noise, speckles, JPEG."""
    if level <= 0:
        img = (255 - ink * 235).astype(np.uint8)
        return img, np.where(ink > 0.3, labels, 0)
    # Low resolution: down then up again.
    if rng.random() < 0.2 * level and size >= 24:
        f = rng.uniform(0.5, 0.85)
        h, w = ink.shape
        small = cv2.resize(
            ink, (max(int(w * f), 1), max(int(h * f), 1)), interpolation=cv2.INTER_AREA
        )
        ink = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    # Blur.
    sigma = rng.uniform(0, 0.45 * level)
    if sigma > 0.2:
        ink = cv2.GaussianBlur(ink, (0, 0), sigma)
    paper = rng.uniform(235 - 20 * level, 255)
    ink_level = rng.uniform(0, 40 + 30 * level)
    img = paper - ink * (paper - ink_level)
    # Uneven light.
    if rng.random() < 0.3 * level:
        h, w = img.shape
        ramp = np.linspace(0, rng.uniform(-25, 25), w, dtype=np.float32)[None, :]
        img = img + ramp
    # Noise and speckles.
    img = img + rng.normal(0, rng.uniform(0, 5 * level), img.shape)
    n_speck = int(rng.integers(0, 3 * level + 1))
    h, w = img.shape
    for _ in range(n_speck):
        cy, cx = int(rng.integers(0, h)), int(rng.integers(0, w))
        rad = (
            rng.uniform(0.5, 1.2) if rng.random() < 0.8 else rng.uniform(1.0, max(1.2, 0.05 * size))
        )
        cv2.circle(img, (cx, cy), int(round(rad)), float(rng.uniform(0, 120)), -1)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.25 * level:
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(35, 90))])
        if ok:
            img = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    return img, labels


def to_png(image: np.ndarray) -> bytes:
    """PNG bytes of a cell image (for debugging and reports)."""
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, format="PNG")
    return buf.getvalue()
