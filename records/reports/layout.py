"""Shared building blocks of Daftar's printed reports: pages, RTL tables, QR, watermark.

Tables are right to left: the caller gives cells in register order (column 1 first) and
`rtl_table` puts column 1 at the right edge.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle

from records.output_file import written_whole
from records.reports.urdu_text import (
    INK_OVERHANG,
    LATIN,
    UrduParagraph,
    body_font,
    draw_line,
    layout_line,
    register_fonts,
    report_font,
)

GAP = "—"  # printed in place of a missing value, so gaps stay visible
GAP_COLOR = colors.HexColor("#fff3c4")
HEAD_COLOR = colors.HexColor("#e8e8e8")

STATE_UR = {
    "draft": "مسودہ",
    "submitted": "پیش شدہ",
    "returned": "واپس شدہ",
    "approved": "منظور شدہ",
    "verified": "تصدیق شدہ",
    "batched": "بیچ میں شامل",
    "sent": "بھیجا گیا",
    "accepted": "قبول شدہ",
    "rejected": "مسترد",
    # batches
    "open": "کھلا",
    "sealed": "مہر بند",
    "acknowledged": "وصول شدہ",
    "closed": "بند",
}
FINAL_STATES = frozenset({"approved", "verified", "batched", "sent", "accepted"})
WATERMARK = "مسودہ / DRAFT"


class ReportError(ValueError):
    """A report that cannot be made; the message says what to choose instead."""


@dataclass(frozen=True)
class ReportOptions:
    """How an office wants its printouts: Urdu digits (۱۲) or Latin (12), page size, and
    Urdu in Nastaliq or Naskh (the default: its text can be copied out of the PDF)."""

    urdu_digits: bool = True
    landscape: bool = True
    printed_by: str = ""
    nastaliq: bool = False
    # this computer's clock is behind the records' audit trail (records.audit.clock_behind):
    # the printed date is wrong, and the footer says so beside it
    date_unsure: bool = False

    @property
    def digits(self) -> str:
        return "urdu" if self.urdu_digits else "latin"


def office_options(session, *, urdu_digits: bool | None = None, landscape: bool = True,
                   printed_by: str = "", nastaliq: bool | None = None) -> ReportOptions:
    """Report options from the office settings (display.urdu_digits, print.urdu_font,
    office.name); an explicit urdu_digits or nastaliq wins."""
    from sqlalchemy import select

    from records.models import Office
    from records.settings import Settings

    office = session.scalars(select(Office).limit(1)).first()
    settings = Settings.from_dict(office.settings if office else None)
    digits = settings.get("display.urdu_digits") if urdu_digits is None else urdu_digits
    name = settings.get("office.name") or (office.name if office else "")
    who = " ".join(x for x in (printed_by, name) if x)
    if nastaliq is None:
        nastaliq = settings.get("print.urdu_font") == "Noto Nastaliq Urdu"
    from records.audit import clock_behind

    return ReportOptions(urdu_digits=bool(digits), landscape=landscape, printed_by=who, nastaliq=nastaliq,
                         date_unsure=bool(clock_behind(session)))


def canonical_json(obj) -> bytes:
    """Canonical JSON bytes (sorted keys, no spaces, UTF-8) used for every printed hash."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sha256_of(obj) -> str:
    return hashlib.sha256(canonical_json(obj)).hexdigest()


def para(text: str, *, size: float = 9, bold: bool = False, align: str = "right", digits: str = "as-is",
         color=None) -> UrduParagraph:
    return UrduParagraph(text, size=size, bold=bold, align=align, digits=digits, color=color)


def rtl_table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float], *,
              digits: str = "as-is", size: float = 8.5, gaps: Sequence[Sequence[bool]] | None = None,
              bold_rows: Sequence[int] = (), align: Sequence[str] | None = None) -> Table:
    """A grid table, column 1 at the right. Cells may be text or flowables.

    gaps[r][c] True shades a missing value; bold_rows (indexes into rows) print in bold.
    """
    n = len(widths)
    align = list(align or ["right"] * n)

    def cell(v, r, c):
        if isinstance(v, Flowable):
            return v
        return para(str(v), size=size, bold=r in bold_rows, align=align[c], digits=digits)

    data = [[para(h, size=size, bold=True, align="centre") for h in reversed(header)]]
    for r, row in enumerate(rows):
        data.append([cell(row[c], r, c) for c in reversed(range(n))])
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_COLOR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for r, flags in enumerate(gaps or []):
        for c, missing in enumerate(flags):
            if missing:
                col = n - 1 - c
                style.append(("BACKGROUND", (col, r + 1), (col, r + 1), GAP_COLOR))
    for r in bold_rows:
        style.append(("BACKGROUND", (0, r + 1), (-1, r + 1), HEAD_COLOR))
    t = Table(data, colWidths=list(reversed(widths)), repeatRows=1, hAlign="RIGHT")
    t.setStyle(TableStyle(style))
    return t


def label_pairs(pairs: Sequence[tuple[str, str]], width: float, *, digits: str = "as-is",
                size: float = 10) -> LabelPairs:
    """A header line of `label: value` pairs laid out right to left."""
    return LabelPairs(pairs, width, digits=digits, size=size)


class LabelPairs(Flowable):
    """`label: value` pairs right to left, each as wide as its text: a pair is never broken
    over two lines. They share `width` (the page's width when they need more); pairs that do
    not fit on one line go on to the next, whole. (Equal columns broke a long name: in
    "تیار کنندہ: احمد نواز (ریونیو آفیسر)" the word "آفیسر)" went under the next row.)
    Measured when laid out, in the report's own font (Naskh or Nastaliq)."""

    PAD = 2.0

    def __init__(self, pairs: Sequence[tuple[str, str]], width: float, *, digits: str = "as-is", size: float = 10):
        super().__init__()
        self.texts = [f"{label}: {value or GAP}" for label, value in pairs]
        self.want = width
        self.digits = digits
        self.size = size
        self.hAlign = "RIGHT"
        self._table: Table | None = None

    def _natural(self, text: str) -> float:
        font = body_font()
        right, left = INK_OVERHANG.get(font, (0.0, 0.0))
        ink = layout_line(text, font=font, size=self.size, digits=self.digits)[1]
        return ink + (right + left) * self.size + 2 * self.PAD + 1.0  # (1 pt: no wrap by rounding)

    def _lines(self, room: float) -> list[list[int]]:
        lines: list[list[int]] = [[]]
        used = 0.0
        for i, text in enumerate(self.texts):
            w = self._natural(text)
            if lines[-1] and used + w > room:
                lines.append([])
                used = 0.0
            lines[-1].append(i)
            used += w
        return lines

    def wrap(self, availWidth, availHeight):
        naturals = [self._natural(t) for t in self.texts]
        width = min(availWidth, max(self.want, sum(naturals)))
        rows = []
        lines = self._lines(width)
        for line in lines:
            ws = [naturals[i] for i in line]
            extra = max(0.0, width - sum(ws)) / len(ws) if len(lines) == 1 else 0.0  # one line: spread out
            cells = [para(self.texts[i], size=self.size, digits=self.digits, align="right") for i in line]
            t = Table([list(reversed(cells))], colWidths=[w + extra for w in reversed(ws)], hAlign="RIGHT")
            t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), self.PAD),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), self.PAD)]))
            rows.append([t])
        self._table = Table(rows, colWidths=[width], hAlign="RIGHT", style=TableStyle([
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        self.width, self.height = self._table.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self):
        self._table.drawOn(self.canv, 0, 0)


class QrCode(Flowable):
    """A QR code carrying `value` (e.g. a record hash), with the value printed beside it."""

    def __init__(self, value: str, size: float = 28 * mm, caption: str = ""):
        super().__init__()
        self.value = value
        self.size = size
        self.caption = caption

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.size
        return self.width, self.height

    def draw(self):
        w = QrCodeWidget(self.value)
        x0, y0, x1, y1 = w.getBounds()
        d = Drawing(self.size, self.size, transform=[self.size / (x1 - x0), 0, 0, self.size / (y1 - y0), 0, 0])
        d.add(w)
        d.drawOn(self.canv, 0, 0)
        c = self.canv
        c.setFont(LATIN, 7)
        tx = self.size + 4
        if self.caption:
            draw_line(c, self.width, self.size - 10, self.caption, size=9, align="right")
        c.setFont(LATIN, 7)
        c.drawString(tx, self.size / 2, self.value[:32])
        c.drawString(tx, self.size / 2 - 9, self.value[32:])


class SignatureLines(Flowable):
    """Signature lines with Urdu captions, right to left (first caption at the right)."""

    def __init__(self, captions: Sequence[str], height: float = 22 * mm):
        super().__init__()
        self.captions = list(captions)
        self.height = height

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.height

    def draw(self):
        c = self.canv
        n = len(self.captions)
        slot = self.width / n
        for i, cap in enumerate(self.captions):
            right = self.width - i * slot - 8
            left = right - slot + 24
            c.setLineWidth(0.6)
            c.line(left, 18, right, 18)
            draw_line(c, right, 5, cap, size=9, align="right")


def page_decorator(*, title: str, footer: str, digits: str = "as-is", note: str = "") -> Callable:
    """onPage callback: footer with page number and print time; `note` (Urdu, e.g. "بیچ کا
    ہیش: …") is read after the title and page, right to left, its digits as written."""

    def on_page(canv, doc):
        canv.saveState()
        w, h = doc.pagesize
        canv.setStrokeColor(colors.grey)
        canv.line(doc.leftMargin, 12 * mm, w - doc.rightMargin, 12 * mm)
        used = draw_line(canv, w - doc.rightMargin, 7 * mm, f"{title} — صفحہ {doc.page}", size=8, digits=digits)
        if note:
            draw_line(canv, w - doc.rightMargin - used - 4 * mm, 7 * mm, note, size=7, rtl=True)
        draw_line(canv, doc.leftMargin, 7 * mm, footer, size=7, align="left", rtl=False)
        canv.restoreState()

    return on_page


def draw_watermark(canv) -> None:
    """"مسودہ / DRAFT" across the page, translucent, over the content (shaded cells too)."""
    w, h = canv._pagesize
    canv.saveState()
    canv.translate(w / 2, h / 2)
    canv.rotate(30)
    draw_line(canv, 0, 0, WATERMARK, size=72, align="centre", color=colors.Color(0.5, 0.5, 0.5, alpha=0.35))
    canv.restoreState()


class _WatermarkCanvas(Canvas):
    """A canvas that draws the draft watermark last on every page (on top of tables)."""

    def showPage(self):
        draw_watermark(self)
        super().showPage()


def build_pdf(out: str | Path, story: list, *, options: ReportOptions, title: str, watermark: bool,
              footer: str = "", footer_note: str = "") -> Path:
    """Write the story to a PDF file (written beside and renamed, so a failure leaves no half file).
    `footer` ends the left-to-right footer line (Latin); `footer_note` is Urdu, printed after
    the title and page number."""
    register_fonts()
    out = Path(out)
    size = landscape(A4) if options.landscape else A4
    with written_whole(out) as tmp:
        _build(tmp, story, size=size, options=options, title=title, watermark=watermark, footer=footer,
               note=footer_note)
    return out


def _build(tmp: Path, story: list, *, size, options: ReportOptions, title: str, watermark: bool, footer: str,
           note: str = "") -> None:
    doc = SimpleDocTemplate(str(tmp), pagesize=size, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=16 * mm, title=title, author="Daftar",
                            creator="Daftar")
    foot = footer_line(options, footer)
    deco = page_decorator(title=title, footer=foot, digits=options.digits, note=note)
    with report_font(options.nastaliq):  # the story's paragraphs take their font as they are laid out
        doc.build(story, onFirstPage=deco, onLaterPages=deco, canvasmaker=_WatermarkCanvas if watermark else Canvas)


def footer_line(options: ReportOptions, footer: str = "", now: dt.datetime | None = None) -> str:
    """The printout's left-to-right footer: Daftar, when it was printed (this computer's clock),
    by whom, and `footer`. A date the office's records show to be wrong (the clock is behind
    the audit trail) is printed as such, never passed off as the day of the printout."""
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    if options.date_unsure:
        stamp += " (this computer's date is wrong: not the day of printing)"
    return f"Daftar {stamp}" + (f" {options.printed_by}" if options.printed_by else "") + (f" {footer}" if footer else "")


def frame_width(options: ReportOptions) -> float:
    size = landscape(A4) if options.landscape else A4
    return size[0] - 24 * mm


def spacer(h: float = 4) -> Spacer:
    return Spacer(1, h * mm)
