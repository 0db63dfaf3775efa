"""Urdu text for reportlab: fonts, bidi runs, HarfBuzz shaping and a wrapping flowable.

reportlab shapes Arabic script with HarfBuzz (uharfbuzz) but reorders right-to-left text
only with `rlbidi`, which is not available here. So this module lays out each line itself:

1. The logical text is cut into *runs*: numbers (`12-5`, `۱۲۵/۵`, `2019-20`) and Latin
   words are left-to-right runs, everything else is a right-to-left run. A number is an
   isolated left-to-right run, so `۱۲-۵` prints as 12-5 and never as 5-12.
2. In a right-to-left line the runs are drawn right to left; inside a right-to-left run
   HarfBuzz shapes the logical text and returns the glyphs in visual order (joined forms).
3. Characters the Naskh font lacks (`/`, `-`, brackets, Latin letters) are drawn with the
   Latin fallback font (DejaVu Sans).

Glyphs are written in visual order, one run after the other; PDF text extractors
(pdftotext, pdfium) put right-to-left runs back into logical order themselves. (/ActualText
was tried: both extractors then reverse the logical text again, so it is not used.) Glyphs
without a code point (lam-alef forms) get their letters in the font's ToUnicode map.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

import resources
from records.text import URDU_DIGITS, urdu_digits

NASKH = "DaftarNaskh"
NASKH_BOLD = "DaftarNaskhBold"
NASTALIQ = "DaftarNastaliq"
LATIN = "DaftarLatin"
LATIN_BOLD = "DaftarLatin"  # DejaVuSans is the only bundled Latin face

# The Urdu face of the report being made (`report_font`): Naskh, or Nastaliq where the office
# prints in it (setting print.urdu_font). Text drawn without a font named takes it.
_NASTALIQ_REPORT: ContextVar[bool] = ContextVar("nastaliq_report", default=False)
# A line's height (times the text size) and where its baseline sits (the part of the height
# above the text size left below it). Nastaliq's words climb diagonally: its letters reach
# 1.9 sizes above the baseline and 0.6 below (کیفیت, تقسیم شدہ), Naskh's 1.1 and 0.6.
LINE_SPACING = {NASKH: (1.55, 0.55), NASKH_BOLD: (1.55, 0.55), NASTALIQ: (2.5, 0.4)}
NASTALIQ_SPACE = 0.3  # a word space in Nastaliq, times the size (Naskh's own is 0.22)
# How far a font's ink reaches beyond its advance widths, right and left (times the size):
# a Nastaliq word's first letter may sweep 0.4 sizes to the right of where it starts (کیفیت).
INK_OVERHANG = {NASTALIQ: (0.4, 0.1)}


@contextmanager
def report_font(nastaliq: bool) -> Iterator[None]:
    """Within this block, Urdu text drawn without a font named is set in Nastaliq (True) or
    Naskh (False): the office's choice for one report, from building its story to writing
    its pages."""
    token = _NASTALIQ_REPORT.set(nastaliq)
    try:
        yield
    finally:
        _NASTALIQ_REPORT.reset(token)


def body_font(bold: bool = False) -> str:
    """The Urdu font of the report being made (Nastaliq has no bold face: its headings are
    set larger instead)."""
    if _NASTALIQ_REPORT.get():
        return NASTALIQ
    return NASKH_BOLD if bold else NASKH

_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"))


@cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once per process)."""
    for name, file in (
        (NASKH, resources.URDU_NASKH),
        (NASKH_BOLD, resources.URDU_NASKH_BOLD),
        (NASTALIQ, resources.URDU_NASTALIQ),
        (LATIN, resources.LATIN_FALLBACK),
    ):
        pdfmetrics.registerFont(TTFont(name, str(resources.font_path(name=file))))
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def _covers(font_name: str, ch: str) -> bool:
    return ord(ch) in _char_to_glyph(font_name)


@cache
def _char_to_glyph(font_name: str) -> dict[int, int]:
    """The font's code point -> glyph map (looked up for every character laid out)."""
    register_fonts()
    return pdfmetrics.getFont(font_name).face.charToGlyph


# ----------------------------------------------------------------------------- runs
_DIGIT = "0-9" + URDU_DIGITS + "\u0660-\u0669"
# A number: digits joined by / - . : (125/5, 12-5-3, 2019-20, 35202-1234567-1, 3.5), 17%.
_NUMBER = rf"[{_DIGIT}]+(?:\s*[/\-–.:]\s*[{_DIGIT}]+)*(?:\s?[%٪])?"
# Latin words, also with digits (sha256, 3a5f9c), and Latin words followed by numbers
# ("Page 3"), joined by spaces or commas.
# A word may begin with groups of digits joined by hyphens (a uuid's 09623461-d1d3-...).
_LATIN_WORD = r"(?:[0-9]+-)*[0-9A-Za-z]*[A-Za-z][0-9A-Za-z.'&\-:/]*"
_LTR_RUN = re.compile(rf"{_LATIN_WORD}(?:[ ,]+(?:{_LATIN_WORD}|{_NUMBER}))*|{_NUMBER}")
_STRONG_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_STRONG_LTR = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Run:
    """A piece of one line in logical order, drawn left to right (rtl=False) or shaped RTL."""

    text: str
    rtl: bool


def clean(text: str | None) -> str:
    """Text without bidi control characters (we place runs ourselves), NFC, single spaces."""
    if not text:
        return ""
    t = unicodedata.normalize("NFC", str(text)).translate(_BIDI_CONTROLS)
    return " ".join(t.split())


def base_is_rtl(text: str) -> bool:
    """Direction of a paragraph: the first strong letter decides (Urdu when none)."""
    r, l_ = _STRONG_RTL.search(text), _STRONG_LTR.search(text)
    if r and l_:
        return r.start() < l_.start()
    return not l_


def logical_runs(text: str) -> list[Run]:
    """Cut a line into left-to-right runs (numbers, Latin words) and right-to-left runs."""
    out: list[Run] = []
    pos = 0
    for m in _LTR_RUN.finditer(text):
        if m.start() > pos:
            out.append(Run(text[pos:m.start()], True))
        out.append(Run(m.group(0), False))
        pos = m.end()
    if pos < len(text):
        out.append(Run(text[pos:], True))
    return out


def visual_runs(text: str, *, rtl: bool | None = None) -> list[Run]:
    """The runs of one line in the order they are drawn from left to right."""
    runs = logical_runs(text)
    if rtl is None:
        rtl = base_is_rtl(text)
    if not rtl:
        return runs
    return list(reversed(runs))


# ----------------------------------------------------------------------------- segments
@dataclass(frozen=True)
class Segment:
    """A piece drawn with one font at an x offset: `glyphs` is what reportlab draws."""

    text: str  # logical characters of the piece
    font: str
    x: float
    width: float
    glyphs: object  # str or reportlab ShapedStr (visual order)


def _font_pieces(text: str, font: str) -> list[tuple[str, str]]:
    """Split a run by font coverage: Urdu font where it has the glyph, Latin fallback else."""
    pieces: list[tuple[str, str]] = []
    latin = "/-()[]" + ("0123456789.:" if font == NASTALIQ else "")  # Nastaliq's Latin digits are spaced for display
    for ch in text:
        f = font if (_covers(font, ch) and not ("A" <= ch <= "z") and ch not in latin) else LATIN
        if ch == " " and pieces:
            f = pieces[-1][0]
        if pieces and pieces[-1][0] == f:
            pieces[-1] = (f, pieces[-1][1] + ch)
        else:
            pieces.append((f, ch))
    return pieces


# Glyphs HarfBuzz picks that have no Unicode code point (lam-alef forms, ligatures) are
# given private-use codes by reportlab; we remember which logical text each stands for and
# write that into the PDF's ToUnicode map, so extracted text has the real letters.
_PUA_TEXT: dict[str, dict[int, str]] = {}


def _remember_private_glyphs(font: str, text: str, shaped) -> None:
    face = pdfmetrics.getFont(font).face.name
    known = _PUA_TEXT.setdefault(face.decode() if isinstance(face, bytes) else str(face), {})
    data = shaped.__shapeData__
    starts = sorted({d.cluster for d in data if d.cluster >= 0})
    for ch, d in zip(shaped, data, strict=False):
        code = ord(ch)
        if 0xE000 <= code <= 0xF8FF and code not in known and d.cluster >= 0:
            nxt = next((c for c in starts if c > d.cluster), len(text))
            # Extractors (poppler, pdfium) read a right-to-left glyph's letters in visual
            # order too, so a ligature of "للہ" is mapped as "ہلل" to come out as "للہ".
            known[code] = text[d.cluster:nxt][::-1]


def _to_unicode_cmap(fontname, subset):
    """reportlab's ToUnicode CMap, with private-use glyphs mapped to the letters they show."""
    name = fontname.decode() if isinstance(fontname, bytes) else str(fontname)
    extra: dict[int, str] = {}
    for face, table in _PUA_TEXT.items():
        if name.endswith("+" + face) or name == face:
            extra = table
    entries = []
    for i, v in enumerate(subset):
        t = extra.get(v)
        dest = t.encode("utf-16-be").hex().upper() if t else f"{v:04X}"
        entries.append(f"<{i:02X}> <{dest}>")
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({name})", f"/Ordering ({name})", "/Supplement 0", ">> def",
        f"/CMapName /{name} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *entries, "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


@lru_cache(maxsize=8192)
def _shaped(text: str, font: str, size: float):
    """HarfBuzz-shaped glyph string (visual order) and its width in points. Kept for the
    next time: a Nastaliq line is shaped word by word, and the words of every line a cell's
    wrapping tries, and every word drawn (its invisible Naskh text), come again and again
    (shaping them anew each time was most of a Nastaliq register's time)."""
    s = shapeStr(text, font, size, force=True)
    sd = getattr(s, "__shapeData__", None)
    if sd:
        _remember_private_glyphs(font, text, s)
        return s, sum(d.x_advance for d in sd) * size / 1000
    return text, pdfmetrics.stringWidth(text, font, size)


def layout_line(text: str, *, font: str | None = None, size: float = 10, rtl: bool | None = None,
                digits: str = "as-is") -> tuple[list[Segment], float]:
    """Lay out one line: segments with x offsets from the left edge, and the total width.

    font: None takes the report's (`body_font`). digits: "urdu" shows ۰-۹, "latin" 0-9,
    "as-is" leaves them as written.
    """
    segs, width = _layout_cached(text, font or body_font(), float(size), rtl, digits)
    return list(segs), width


@lru_cache(maxsize=16384)
def _layout_cached(text: str, font: str, size: float, rtl: bool | None, digits: str) -> tuple[tuple[Segment, ...], float]:
    # Tables wrap every cell several times: shaping each text once makes a 300-row fard ~4x faster.
    register_fonts()
    text = clean(text)
    if digits == "urdu":
        text = urdu_digits(text)
    elif digits == "latin":
        from records.text import latin_digits

        text = latin_digits(text)
    segs: list[Segment] = []
    x = 0.0
    for run in visual_runs(text, rtl=rtl):
        pieces = _font_pieces(run.text, font)
        if run.rtl:
            pieces.reverse()
        for f, piece in pieces:
            if run.rtl and f == NASTALIQ:
                # its own space is 0.13 of the size and its first letters sweep past their
                # advance: words apart by NASTALIQ_SPACE instead (each word is shaped alone,
                # as it would be: Nastaliq joins nothing across a space)
                for part in reversed(re.split("( +)", piece)):
                    if part.isspace():
                        w = NASTALIQ_SPACE * size * len(part)
                        segs.append(Segment(part, f, x, w, ""))
                    elif part:
                        glyphs, w = _shaped(part, f, size)
                        segs.append(Segment(part, f, x, w, glyphs))
                    x += w if part else 0.0
                continue
            if run.rtl and f != LATIN:
                glyphs, w = _shaped(piece, f, size)
            else:
                # neutral marks inside a right-to-left run read right to left (and mirror)
                glyphs = _mirror(piece[::-1]) if run.rtl else piece
                w = pdfmetrics.stringWidth(glyphs, f, size)
            segs.append(Segment(piece, f, x, w, glyphs))
            x += w
    return tuple(segs), x


_MIRROR = str.maketrans("()[]<>{}", ")(][><}{")


def _mirror(s: str) -> str:
    return s.translate(_MIRROR)


def text_width(text: str, *, font: str | None = None, size: float = 10, digits: str = "as-is") -> float:
    return layout_line(text, font=font, size=size, digits=digits)[1]


def draw_line(canv, x: float, y: float, text: str, *, font: str | None = None, size: float = 10,
              align: str = "right", rtl: bool | None = None, digits: str = "as-is",
              color=None) -> float:
    """Draw one line of (Urdu) text on a canvas; x is the right edge for align='right',
    the left edge for 'left', the centre for 'centre'. Returns the width drawn."""
    segs, width = layout_line(text, font=font, size=size, rtl=rtl, digits=digits)
    if not segs:
        return 0.0
    left = {"right": x - width, "left": x, "centre": x - width / 2, "center": x - width / 2}[align]
    canv.saveState()
    if color is not None:
        canv.setFillColor(color)
    for s in segs:
        if not s.glyphs:
            continue  # a word space of its own (Nastaliq)
        if s.font == NASTALIQ and hasattr(s.glyphs, "__shapeData__"):
            _draw_outlines(canv, left + s.x, y, s, size)
            continue
        canv.setFont(s.font, size)
        t = _TextObject(canv, left + s.x, y)
        t.setFont(s.font, size)
        _text_out(canv, t, s.glyphs, s.font, size)
        canv.drawText(t)
    canv.restoreState()
    return width


def _text_out(canv, t: PDFTextObject, glyphs, font: str, size: float) -> None:
    """`t.textOut(glyphs)` on a text object fresh from setFont(font, size): the text
    operators reportlab writes for the same glyphs in the same document are kept and written
    again (column headings on every page, states, words that repeat). Formatting a shaped
    string glyph by glyph was a third of a Naskh register's time."""
    memo = canv.__dict__.setdefault("_daftar_text_code", {})
    key = (font, size, id(glyphs))
    hit = memo.get(key)
    if hit is not None and hit[0] is glyphs:
        t._code.append(hit[1])
        return
    t.textOut(glyphs)
    memo[key] = (glyphs, t._code[-1])  # (the glyphs held: their id is not given to another)


def _draw_outlines(canv, x: float, y: float, seg: Segment, size: float) -> None:
    """A Nastaliq word as HarfBuzz placed it, each glyph's outline a form drawn where it goes
    (in the current fill colour), with the word's letters as invisible Naskh text over it.
    Drawn as text, Nastaliq's glyphs sit each at its own height, so PDF extractors cut a word
    into single letters; the invisible text gives copy, search and pdftotext the word itself."""
    code = canv._code
    word = _word_outlines(canv, seg, size)
    if word[1]:
        # the word's glyphs placed from where it starts (each word written out once a document)
        code.append("q")
        code.append(f"1 0 0 1 {fp_str(x)} {fp_str(y)} cm")
        code.append(word[1])
        code.append("Q")
        canv._formsinuse.extend(word[2])
    under = NASKH if any(_covers(NASKH, ch) for ch in seg.text if not ch.isspace()) else LATIN  # "—" has no Naskh glyph
    plain, plain_width = _shaped(seg.text, under, size) if under == NASKH else (
        seg.text, pdfmetrics.stringWidth(seg.text, under, size))
    canv.saveState()  # render mode and scaling outlive a text object: the text drawn next must show as usual
    t = _TextObject(canv, x, y)
    t.setTextRenderMode(3)  # invisible: found by copy and search, never seen
    t.setFont(under, size)
    if plain_width > 0:
        t.setHorizScale(100.0 * seg.width / plain_width)
    _text_out(canv, t, plain, under, size)  # (the scale and render mode do not change the operators)
    t.setTextRenderMode(0)
    t.setHorizScale(100.0)
    canv.drawText(t)
    canv.restoreState()


def _word_outlines(canv, seg: Segment, size: float) -> tuple[object, str, list[str]]:
    """The operators drawing a Nastaliq word's glyph forms where HarfBuzz put them, from the
    word's own origin, and the forms it uses; made once a document for each word laid out
    (a Nastaliq page draws thousands of glyphs, and formatting each one's place was most of
    a Nastaliq register's time)."""
    memo = canv.__dict__.setdefault("_daftar_word_code", {})
    key = (seg.font, size, id(seg.glyphs))
    hit = memo.get(key)
    if hit is not None and hit[0] is seg.glyphs:
        return hit
    glyph_of = _char_to_glyph(seg.font)
    xobject = canv._doc.getXObjectName
    k = size / 1000
    scale = fp_str(k)
    pen = 0.0
    parts, names = [], []
    for ch, d in zip(seg.glyphs, seg.glyphs.__shapeData__, strict=False):
        gid = glyph_of.get(ord(ch))
        if gid is not None:
            name = _glyph_form(canv, seg.font, gid)
            if name:
                parts.append(f"q\n{scale} 0 0 {scale} {fp_str((pen + d.x_offset) * k)} {fp_str(d.y_offset * k)} cm\n"
                             f"/{xobject(name)} Do\nQ")
                names.append(name)
        pen += d.x_advance
    hit = memo[key] = (seg.glyphs, "\n".join(parts), names)  # (the glyphs held: their id stays theirs)
    return hit


def _glyph_form(canv, font: str, gid: int) -> str | None:
    """The name of a form holding the outline of glyph `gid` of `font` at 1000 units to the
    em, defined in this document on first use; None for a glyph with no outline. The form is
    written compactly (whole units, a bare path, deflated without ASCII85, no resources): a
    Nastaliq page holds a hundred or more of them."""
    forms = canv.__dict__.setdefault("_daftar_glyph_forms", {})
    key = (font, gid)
    if key not in forms:
        ops = _glyph_outline(font, gid)
        name = f"DaftarG{len(forms)}" if ops else None
        if name:
            stream = pdfdoc.PDFStream(content=_path_code(ops).encode("ascii"), filters=[pdfdoc.PDFZCompress])
            canv.beginForm(name, -4000, -4000, 4000, 4000)  # glyph units: Nastaliq reaches far
            canv.endForm(Contents=stream, Resources=pdfdoc.PDFDictionary({}), compression=0)
        forms[key] = name
    return forms[key]


_PATH_OPERATORS = {"moveTo": "m", "lineTo": "l", "curveTo": "c", "close": "h"}


def _path_code(ops) -> str:
    """PDF path operators filling an outline (non-zero winding, as TrueType draws), its
    coordinates rounded to whole units of 1/1000 em (0.01 pt at 10 pt: below any printer)."""
    parts = []
    for op, pts in ops:
        parts.append(" ".join([*(str(round(v)) for v in pts), _PATH_OPERATORS[op]]))
    parts.append("f")
    return "\n".join(parts)


@lru_cache(maxsize=4096)
def _glyph_outline(font: str, gid: int) -> tuple[tuple[str, tuple[float, ...]], ...]:
    """A glyph's outline as reportlab path operations (moveTo, lineTo, curveTo, close), the
    font's quadratic curves raised to cubic ones, in units of 1/1000 em."""
    hb = _hb_font(font)
    scale = 1000.0 / hb.face.upem
    ops: list[tuple[str, tuple[float, ...]]] = []
    cur = [0.0, 0.0]

    def pt(p):
        return (p[0] * scale, p[1] * scale)

    class Pen:
        def moveTo(self, p):  # noqa: N802 - the pen protocol's names
            cur[:] = pt(p)
            ops.append(("moveTo", tuple(cur)))

        def lineTo(self, p):  # noqa: N802
            cur[:] = pt(p)
            ops.append(("lineTo", tuple(cur)))

        def curveTo(self, *ps):  # noqa: N802
            a, b, c = (pt(q) for q in ps)
            ops.append(("curveTo", (*a, *b, *c)))
            cur[:] = c

        def qCurveTo(self, *ps):  # noqa: N802 - TrueType: on-curve points between off-curve pairs are implied
            pts = [pt(q) for q in ps]
            for i, ctrl in enumerate(pts[:-1]):
                end = pts[-1] if i == len(pts) - 2 else ((ctrl[0] + pts[i + 1][0]) / 2, (ctrl[1] + pts[i + 1][1]) / 2)
                c1 = (cur[0] + 2 / 3 * (ctrl[0] - cur[0]), cur[1] + 2 / 3 * (ctrl[1] - cur[1]))
                c2 = (end[0] + 2 / 3 * (ctrl[0] - end[0]), end[1] + 2 / 3 * (ctrl[1] - end[1]))
                ops.append(("curveTo", (*c1, *c2, *end)))
                cur[:] = end

        def closePath(self):  # noqa: N802
            ops.append(("close", ()))

    hb.draw_glyph_with_pen(gid, Pen())
    return tuple(ops)


@cache
def _hb_font(font: str):
    """A HarfBuzz font over the face reportlab already holds for shaping (its hbFace)."""
    import uharfbuzz

    register_fonts()
    return uharfbuzz.Font(pdfmetrics.getFont(font).hbFace)


class _TextObject(PDFTextObject):
    """reportlab's text object with `setRise` mended. A shaped glyph HarfBuzz lifts off the
    baseline is drawn with a text rise; where one rise followed another, reportlab (up to
    5.1 at least) rewrote the operator but kept the old rise as the current one, so a later
    glyph meant for the baseline stayed lifted. Naskh rarely lifts a glyph; Nastaliq lifts
    most (its words climb diagonally), and the letters before a final ے came out of place
    (کروائے, بالائے: tests/reports/test_nastaliq.py)."""

    def setRise(self, rise):  # noqa: N802 - reportlab's name
        op = f"{fp_str(rise)} Ts"
        if self._code and self._code[-1].endswith(" Ts"):
            self._y += self._rise  # the rise just set is replaced: undo its move first
            self._code[-1] = op
        else:
            self._code.append(op)
        self._rise = rise
        self._y -= rise


# ----------------------------------------------------------------------------- wrapping
def wrap_lines(text: str, width: float, *, font: str | None = None, size: float = 10,
               digits: str = "as-is") -> list[str]:
    """Break text into lines (logical order) that fit `width` points; long words overflow.
    Text that fits whole is laid out once (most cells of a register): each longer line
    tried is shaped anew, and a 2,000-entry register's distinct names made that the most
    of its time."""
    words = clean(text).split(" ")
    whole = " ".join(w for w in words if w)
    if " " in whole and text_width(whole, font=font, size=size, digits=digits) <= width:
        return [whole]
    lines: list[str] = []
    cur = ""
    for w in words:
        if not w:
            continue
        cand = f"{cur} {w}" if cur else w
        if cur and text_width(cand, font=font, size=size, digits=digits) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


class UrduParagraph(Flowable):
    """A wrapped paragraph of Urdu (or mixed) text drawn with `draw_line`.

    Works as a table cell: wrap() returns the height the lines need.
    """

    def __init__(self, text: str, *, font: str | None = None, size: float = 10, leading: float | None = None,
                 align: str = "right", digits: str = "as-is", color=None, rtl: bool | None = None,
                 bold: bool = False):
        super().__init__()
        self.text = clean(text)
        self.font = font  # None: the report's (`body_font`), chosen when the page is laid out
        self.bold = bold
        self.size = size
        self._leading = leading
        self.leading = leading or size * LINE_SPACING[NASKH][0]
        self._baseline = LINE_SPACING[NASKH][1]
        self._inset = (0.0, 0.0)
        self.align = align
        self.digits = digits
        self.color = color
        self.rtl = rtl
        self._lines: list[str] = []
        self.width = self.height = 0.0

    def wrap(self, availWidth, availHeight):
        font = self.font or body_font(self.bold)
        spacing, self._baseline = LINE_SPACING.get(font, LINE_SPACING[NASKH])
        self.leading = self._leading or self.size * spacing
        right, left = INK_OVERHANG.get(font, (0.0, 0.0))
        self._inset = (right * self.size, left * self.size)
        self._lines = wrap_lines(self.text, availWidth - sum(self._inset), font=font, size=self.size,
                                 digits=self.digits)
        self.width = availWidth
        self.height = max(1, len(self._lines)) * self.leading
        return self.width, self.height

    def draw(self):
        canv = self.canv
        y = self.height - self.leading + (self.leading - self.size) * self._baseline
        right, left = self._inset  # the ink's overhang kept inside the paragraph's box
        centre = (self.width - right + left) / 2
        x = {"right": self.width - right, "left": left, "centre": centre, "center": centre}[self.align]
        font = self.font or body_font(self.bold)
        for line in self._lines:
            draw_line(canv, x, y, line, font=font, size=self.size, align=self.align,
                      rtl=self.rtl, digits=self.digits, color=self.color)
            y -= self.leading

    def __repr__(self) -> str:
        return f"UrduParagraph({self.text!r})"
