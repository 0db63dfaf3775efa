"""A whole register (Jamabandi, Khasra Girdawari, Intiqal...) printed in its own layout.

`build_register(session, register_id=..., states=None)` reads every latest entry of the
register (page and row order) as plain strings; `render_register(data, out)` prints them:
one right-to-left table, the template's columns in order (column 1 at the right) between a
serial number and the entry's state. Every page carries the same title block (register,
district, tehsil, mauza, hadbast, year and the template's other header fields, "page x of
y") and the column headings; an entry (row) is never split over two pages, long cells wrap
(an entry taller than a whole page is cut between lines and goes on, marked "(جاری)", on the
next).
A page holding an entry that is not approved yet is watermarked "مسودہ / DRAFT".

Landscape when the register has more than PORTRAIT_MAX_COLUMNS columns (the built-in ones
all do). The footer carries the record hash of the rows printed (records.reports.fard's
`record_hash`: the same canonical rows).

Each row is a table of its own (heading and title drawn by the page), so laying out a
2,000-entry register is linear: one table split page by page re-measured every row left.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Table, TableStyle
from sqlalchemy.orm import Session

from records import services
from records.output_file import check_output, written_whole
from records.reports.fard import record_hash
from records.reports.layout import (
    FINAL_STATES,
    GAP,
    GAP_COLOR,
    HEAD_COLOR,
    STATE_UR,
    ReportError,
    ReportOptions,
    draw_watermark,
    footer_line,
    label_pairs,
    para,
)
from records.reports.urdu_text import (
    INK_OVERHANG,
    NASKH,
    body_font,
    draw_line,
    register_fonts,
    report_font,
    text_width,
)
from records.services import RegisterView
from records.templates import Template

PORTRAIT_MAX_COLUMNS = 7  # template columns an upright A4 page takes (with serial and state)
SERIAL_MM, STATE_MM = 9.0, 17.0
MARGIN = 12 * mm
TOP, BOTTOM = 10 * mm, 16 * mm
STANDARD_HEADER = ("district", "tehsil", "mauza", "hadbast_no", "year")
CELL_PADDING = 5.0  # a cell's left and right padding together (_style)
MIN_SIZE = 6.0  # the smallest a cell's text is set to fit its column
_UNBREAKABLE = re.compile(r"[0-9A-Za-z\u06f0-\u06f9\u0660-\u0669]")  # a date, a khasra number: one word


@dataclass(frozen=True)
class RegisterLine:
    """One entry as printed: where it is in the paper register, its state, and its cells
    (stored text, "" when missing) in the template's column order."""

    entry_id: int
    page_no: int | None
    row_no: int
    state: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class RegisterData:
    """Everything a register printout holds (plain values, safe across threads)."""

    register: RegisterView
    template: Template
    lines: tuple[RegisterLine, ...]
    states: tuple[str, ...] | None  # the states asked for (None: every entry)
    record_hash: str

    @property
    def counts_by_state(self) -> dict[str, int]:
        return dict(Counter(x.state for x in self.lines))

    @property
    def landscape(self) -> bool:
        return len(self.template.columns) > PORTRAIT_MAX_COLUMNS


def _no_such_register(session: Session, register_id: int) -> ReportError:
    regs = services.list_registers(session)
    if not regs:
        return ReportError(f"register {register_id} does not exist: this workspace has no registers yet "
                           "(create one and add its pages first)")
    known = "; ".join(f"{r.id} ({r.template_id}, {services.register_label(r)})" for r in regs[:10])
    if len(regs) > 10:
        known += f" and {len(regs) - 10} more"
    return ReportError(f"register {register_id} does not exist; give --register one of: {known}")


CHOOSE_STATES = "--state"  # how a register with no entries in the states asked says to choose others
CHOOSE_ENTRIES = "entries"  # ... the export dialog's way (its "Entries" choice)


def build_register(session: Session, *, register_id: int, states: Sequence[str] | None = None,
                   progress=None, choose: str = CHOOSE_STATES) -> RegisterData:
    """Collect every latest entry of a register (only those in `states` when given); a
    ReportError names the register and what to do when there is nothing to print (`choose`
    ends it when no entry is in those states: how to choose others, the command line's way
    or the export dialog's)."""
    from sqlalchemy import select

    from records.models import Page, Register

    if session.get(Register, register_id) is None:
        raise _no_such_register(session, register_id)
    reg = services.get_register(session, register_id)
    tpl = services.register_template(session, register_id)
    ids = services.register_entry_ids(session, register_id)
    if not ids:
        raise ReportError(f"the register {register_id} ({services.register_label(reg)}) has no entries: nothing to "
                          "print. Add its pages and rows first.")
    page_no = dict(session.execute(select(Page.id, Page.page_no).where(Page.register_id == register_id)).all())
    wanted = set(states) if states else None
    lines, chosen_rows, seen = [], [], Counter()
    step = 500
    for i in range(0, len(ids), step):  # (a few hundred rows' values at a time)
        for r in services.rows_by_ids(session, ids[i:i + step]):
            seen[r.state] += 1
            if wanted is not None and r.state not in wanted:
                continue
            lines.append(RegisterLine(r.entry_id, page_no.get(r.page_id), r.row_no, r.state,
                                      tuple(r.text(c.name) for c in tpl.columns)))
            chosen_rows.append(r)
        if progress is not None:
            progress("rows", min(i + step, len(ids)), len(ids))
    if not lines:
        there = ", ".join(f"{s} ({n})" for s, n in sorted(seen.items()))
        label, asked = services.register_label(reg), ", ".join(states or ())
        if choose == CHOOSE_ENTRIES:
            raise ReportError(f"the register {register_id} ({label}) has no entries in state {asked}; its entries "
                              f"are: {there}. Choose every entry, or only the entries not approved yet, under Entries.")
        raise ReportError(f"the register {register_id} ({label}) has no entries in state {asked}; its entries are: "
                          f"{there}. Choose one of these states, or print every entry (no --state).")
    h = record_hash(reg, tpl, chosen_rows)
    return RegisterData(reg, tpl, tuple(lines), tuple(states) if states else None, h)


# ----------------------------------------------------------------------------- layout
def register_title(tpl: Template) -> str:
    """"رجسٹر جمع بندی"; a template whose title names the register already is printed as it
    is ("رجسٹر انتقالات", not "رجسٹر رجسٹر انتقالات")."""
    return tpl.title_ur if "رجسٹر" in tpl.title_ur else f"رجسٹر {tpl.title_ur}"


def _widths(tpl: Template, frame: float) -> list[float]:
    """Serial, the template's columns (their template widths, shared out), state."""
    fixed = (SERIAL_MM + STATE_MM) * mm
    total = sum(c.width or 1.0 for c in tpl.columns)
    return [SERIAL_MM * mm, *((frame - fixed) * (c.width or 1.0) / total for c in tpl.columns), STATE_MM * mm]


def _style(n: int, gaps: Sequence[bool] = (), head: bool = False) -> TableStyle:
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if head:
        style.append(("BACKGROUND", (0, 0), (-1, -1), HEAD_COLOR))
    for c, missing in enumerate(gaps):
        if missing:
            style.append(("BACKGROUND", (n - 1 - c, 0), (n - 1 - c, 0), GAP_COLOR))
    return TableStyle(style)


CONTINUED = "(جاری)"  # the state cell of the rest of an entry taller than a page
PADDING_V = 3.0  # a row's top and bottom padding together (_style)


class RowTable(Table):
    """One entry of the register: a one-row table, never split over two pages unless it is
    taller than a whole page (a clerk's long remark, in Nastaliq above all). Such an entry is
    cut between lines where the page ends; the rest goes on at the top of the next page (the
    page's headings above it) with the entry's serial and "(جاری)" in its state cell.
    Drawing a row not yet approved marks its page for the draft watermark."""

    def __init__(self, line: RegisterLine, serial: int, widths: Sequence[float], *, size: float, digits: str,
                 max_height: float, drawn=None, texts: Sequence[str] | None = None, continued: bool = False,
                 sizes: Sequence[float] | None = None):
        self.line, self.serial, self.widths = line, serial, list(widths)
        self.size, self.digits, self.max_height = size, digits, max_height
        self.texts = tuple(line.cells if texts is None else texts)
        self.continued = continued
        self.paras, gaps = _cells(line, serial, size, digits, self.texts, continued, widths=self.widths,
                                  sizes=sizes)
        super().__init__([list(reversed(self.paras))], colWidths=list(reversed(self.widths)), hAlign="RIGHT")
        self.setStyle(_style(len(self.widths), gaps))
        self.drawn = drawn  # called once the row (its last part) is on its page

    def _part(self, texts: Sequence[str], *, continued: bool, drawn=None) -> RowTable:
        # (each cell in the size the whole entry's cell had: its lines were cut at that size)
        return RowTable(self.line, self.serial, self.widths, size=self.size, digits=self.digits,
                        max_height=self.max_height, drawn=drawn, texts=texts, continued=continued,
                        sizes=[p.size for p in self.paras[1:-1]])

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        """[] (whole, on the next page) when the entry fits a page; else the lines of each
        cell that fit in `availHeight` (a quarter of a page at least) and the rest."""
        _w, h = self.wrap(availWidth, availHeight)
        if h <= self.max_height or availHeight < self.max_height / 4:
            return []
        room = availHeight - PADDING_V - 0.01
        here, rest = [], []
        for p, text in zip(self.paras[1:-1], self.texts, strict=True):
            lines = p._lines if text else []
            k = max(0, int(room // p.leading))
            here.append(" ".join(lines[:k]) if len(lines) > k else text)
            rest.append(" ".join(lines[k:]))
        if not any(here) or not any(rest):
            return []
        return [self._part(here, continued=self.continued), self._part(rest, continued=True, drawn=self.drawn)]

    def draw(self):
        if self.line.state not in FINAL_STATES:
            self.canv.__dict__["_daftar_draft_page"] = True
        super().draw()
        if self.drawn is not None:
            self.drawn()


def fitting_size(text: str, width: float, size: float, digits: str) -> float:
    """The size at which the longest word of `text` that cannot be broken (a date, a khasra
    number: words with digits or Latin letters) fits a column `width` wide, in the report's
    font: `size` when it fits, else smaller, down to MIN_SIZE. (In Nastaliq with Latin digits
    an intiqal's date 17-05-1998 ran over its column into the next.)"""
    right, left = INK_OVERHANG.get(body_font(), (0.0, 0.0))
    room = width - CELL_PADDING - (right + left) * size
    # only a word that might not fit is measured (no character is wider than the size)
    words = [w for w in text.split() if len(w) * size > room and _UNBREAKABLE.search(w)]
    if not words:
        return size
    need = max(text_width(w, size=size, digits=digits) for w in words) + (right + left) * size
    room += (right + left) * size
    if need <= room:
        return size
    return max(MIN_SIZE, size * room / need * 0.999)  # (widths grow with the size)


def _cells(line: RegisterLine, serial: int, size: float, digits: str, texts: Sequence[str],
           continued: bool = False, *, widths: Sequence[float],
           sizes: Sequence[float] | None = None) -> tuple[list, list[bool]]:
    """The row's paragraphs (serial, the template's columns, state) and which are gaps (a
    missing value, "—" shaded; in the rest of a cut entry a cell that ended is left blank).
    A cell whose number or date is wider than its column is set smaller to fit it (`sizes`:
    each cell's size given, for the parts of an entry cut over pages)."""
    cells = [para(str(serial), size=size, align="centre", digits=digits)]
    gaps = [False]
    for i, (text, width) in enumerate(zip(texts, widths[1:-1], strict=True)):
        fit = sizes[i] if sizes is not None else fitting_size(text, width, size, digits) if text else size
        cells.append(para(text or ("" if continued else GAP), size=fit, align="right", digits=digits))
        gaps.append(not text and not continued)
    state = CONTINUED if continued else STATE_UR.get(line.state, line.state)
    cells.append(para(state, size=size, align="centre"))
    gaps.append(False)
    return cells, gaps


def _title_pairs(data: RegisterData) -> list[tuple[str, str]]:
    reg, tpl = data.register, data.template
    pairs = [("ضلع", reg.district), ("تحصیل", reg.tehsil), ("موضع", reg.mauza), ("حدبست نمبر", reg.hadbast_no),
             ("سال", reg.year)]
    for f in tpl.header:  # the template's other header fields (a girdawari's harvest)
        if f.name not in STANDARD_HEADER and (reg.header or {}).get(f.name):
            pairs.append((f.label_ur, reg.header[f.name]))
    if data.states:
        pairs.append(("صرف", "، ".join(STATE_UR.get(s, s) for s in data.states)))
    return pairs


class _PageFurniture:
    """What every page of the register carries: the title block with "page x of y" and the
    column headings at the top, the footer line at the bottom. Laid out once (`measure`,
    in the report's font), drawn on each page."""

    def __init__(self, data: RegisterData, options: ReportOptions, pagesize, size: float):
        self.data, self.options, self.pagesize, self.size = data, options, pagesize, size
        self.width = pagesize[0] - 2 * MARGIN
        self.widths = _widths(data.template, self.width)
        self.footer = footer_line(options, f"sha256:{data.record_hash[:16]}")

    def measure(self) -> float:
        """Height the title block and headings take at the top of each page."""
        d = self.options.digits
        self.title = para(register_title(self.data.template), size=14, bold=True, align="centre", digits=d)
        self.pairs = label_pairs(_title_pairs(self.data), self.width, digits=d, size=9.5)
        heads = ["نمبر شمار", *(c.label_ur for c in self.data.template.columns), "حالت"]
        self.heads = Table([[para(h, size=self.size, bold=True, align="centre") for h in reversed(heads)]],
                           colWidths=list(reversed(self.widths)), hAlign="RIGHT")
        self.heads.setStyle(_style(len(heads), head=True))
        self._th = self.title.wrap(self.width, 1000)[1]
        self._ph = self.pairs.wrap(self.width, 1000)[1]
        self._hh = self.heads.wrap(self.width, 1000)[1]
        return self._th + self._ph + 2 * mm + self._hh

    def draw(self, canv, doc) -> None:
        w, h = self.pagesize
        canv.saveState()
        y = h - TOP - self._th
        self.title.drawOn(canv, MARGIN, y)
        # page x of y at the title's left end; y (the total) is a form written at the end
        digits = self.options.digits
        room = 4 * self.size
        draw_line(canv, MARGIN + room + 1.5, y + 3, f"صفحہ {doc.page} از", size=9, align="left", digits=digits,
                  rtl=True)
        canv.saveState()
        canv.translate(MARGIN + room, y + 3)
        canv.doForm(_TOTAL_FORM)
        canv.restoreState()
        y -= self._ph
        self.pairs.drawOn(canv, MARGIN, y)
        y -= 2 * mm + self._hh
        self.heads.drawOn(canv, MARGIN, y)
        canv.setStrokeColor(colors.grey)
        canv.line(MARGIN, 12 * mm, w - MARGIN, 12 * mm)
        draw_line(canv, w - MARGIN, 7 * mm, f"{register_title(self.data.template)} — {self.data.register.mauza}",
                  size=8, digits=digits)
        draw_line(canv, MARGIN, 7 * mm, self.footer, size=7, align="left", rtl=False)
        canv.restoreState()


_TOTAL_FORM = "DaftarPageTotal"


def _canvas_class(digits: str, watermark: bool):
    """A canvas that watermarks the pages a draft row was drawn on and, when saved, writes the
    page total every page's "page x of y" refers to (a form: the pages are not held back)."""

    class RegisterCanvas(Canvas):
        def showPage(self):  # noqa: N802 - reportlab's name
            if watermark and self.__dict__.pop("_daftar_draft_page", False):
                draw_watermark(self)
            self.__dict__["_daftar_pages"] = self.__dict__.get("_daftar_pages", 0) + 1
            super().showPage()

        def save(self):
            self.beginForm(_TOTAL_FORM, -300, -30, 30, 60)
            draw_line(self, 0, 0, str(self.__dict__.get("_daftar_pages", 0)), font=NASKH, size=9, align="right",
                      digits=digits, rtl=False)
            self.endForm()
            super().save()

    return RegisterCanvas


@contextmanager
def _binary_streams():
    """Page and font streams deflated but not also ASCII85-encoded (reportlab's default): the
    same pages, a fifth smaller, and reportlab's pure-Python ASCII85 was an eighth of a long
    register's time."""
    from reportlab import rl_config

    was = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = was


def render_register(data: RegisterData, out: str | Path, options: ReportOptions | None = None,
                    progress=None) -> Path:
    """Print the register to a PDF file (written beside and renamed: no half file); returns its path."""
    opt = replace(options or ReportOptions(), landscape=data.landscape)
    register_fonts()
    out = Path(out)
    pagesize = landscape(A4) if opt.landscape else A4
    n = len(data.template.columns)
    size = 8.5 if n <= 12 else 7.5  # an intiqal's 17 columns
    with report_font(opt.nastaliq):
        furniture = _PageFurniture(data, opt, pagesize, size)
        top = furniture.measure() + TOP
        frame_h = pagesize[1] - top - BOTTOM
        frame = Frame(MARGIN, BOTTOM, furniture.width, frame_h, leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0, id="rows")
        story = []
        total = len(data.lines)
        for i, line in enumerate(data.lines, start=1):
            # how far the printing got, every 50 rows (in a job process a Stop ends it there)
            drawn = (lambda i=i: progress("printed", i, total)) if progress and (i % 50 == 0 or i == total) else None
            story.append(RowTable(line, i, furniture.widths, size=size, digits=opt.digits, max_height=frame_h,
                                  drawn=drawn))
        title = f"{data.template.title_ur} {data.register.mauza} {data.register.year}"
        with written_whole(out) as tmp:
            doc = BaseDocTemplate(str(tmp), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                                  topMargin=top, bottomMargin=BOTTOM, title=title, author="Daftar", creator="Daftar")
            doc.addPageTemplates([PageTemplate(id="register", frames=[frame], onPage=furniture.draw)])
            with _binary_streams():
                doc.build(story, canvasmaker=_canvas_class(opt.digits, watermark=True))
    return out


def register_pdf(workspace, out: str | Path, *, register_id: int, states: Sequence[str] | None = None,
                 options: ReportOptions | None = None, progress=None, choose: str = CHOOSE_STATES) -> Path:
    """Open a session, read the register and print it with FILE.sig beside it (the one call
    the CLI and the desktop make)."""
    check_output(out, workspace_root=workspace.root)  # never over the workspace's own files
    from records.exports.detached import signed_output

    with workspace.session() as s:
        data = build_register(s, register_id=register_id, states=states, progress=progress, choose=choose)
    with signed_output(workspace, out):  # FILE.sig beside it, signed with the office's key
        return render_register(data, out, options, progress=progress)
