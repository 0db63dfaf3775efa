"""Progress report per mauza, register and clerk, with bar charts (reportlab.graphics).

Page stages (a page counts in every stage it has reached; its state is the least advanced
state of its rows, see records.services):
  scanned   the page is in the workspace
  read      OCR finished on it (ocr_status "done")
  corrected its rows were corrected and submitted (state submitted or later)
  approved  approved or later (verified, batched, sent, accepted, rejected)
  synced    sent to the central office (sent, accepted or rejected there): every row of
            the page went
And per entry (the latest version of each row), what the sync panel counts: entries sent
to the central office (sent, accepted, rejected) and those it rejected.
Rates, over the value rows OCR wrote for the latest entry versions:
  OCR flag rate    share of OCR values that carried a flag (low confidence, parse, rule)
  correction rate  share of OCR-read fields whose current value no longer comes from OCR
A clerk is the user who added the page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Entry, FieldValue, Page, Register, User
from records.output_file import check_output
from records.reports.layout import (
    GAP,
    ReportOptions,
    build_pdf,
    frame_width,
    para,
    rtl_table,
    spacer,
)
from records.reports.urdu_text import NASKH, body_font, draw_line
from records.templates import get_template

STAGES = ("scanned", "read", "corrected", "approved", "synced")
STAGE_UR = {"scanned": "اسکین", "read": "او سی آر", "corrected": "درست شدہ", "approved": "منظور شدہ",
            "synced": "مرکز کو بھیجے"}
CORRECTED_STATES = frozenset({"submitted", "approved", "verified", "batched", "sent", "accepted", "rejected"})
APPROVED_STATES = frozenset({"approved", "verified", "batched", "sent", "accepted", "rejected"})
# sent to the central office, whatever it decided since (only `accepted` was counted: the
# column said 0 while the office had sent 57 entries, all waiting for a decision)
SENT_STATES = frozenset({"sent", "accepted", "rejected"})
OFFICE_WIDE = "پورا دفتر"  # the scope of a report of every register
STAGE_COLORS = (colors.HexColor("#4e79a7"), colors.HexColor("#f28e2b"), colors.HexColor("#59a14f"),
                colors.HexColor("#e15759"), colors.HexColor("#76b7b2"))


@dataclass
class ProgressRow:
    """Counts for one mauza, register or clerk (plain values)."""

    label: str
    scanned: int = 0
    read: int = 0
    corrected: int = 0
    approved: int = 0
    synced: int = 0
    entries: int = 0
    entries_sent: int = 0  # latest entry versions sent to the central office (SENT_STATES)
    entries_rejected: int = 0  # ... and rejected there
    ocr_values: int = 0
    ocr_flagged: int = 0
    ocr_fields: int = 0
    corrected_fields: int = 0

    @property
    def flag_rate(self) -> float | None:
        return self.ocr_flagged / self.ocr_values if self.ocr_values else None

    @property
    def correction_rate(self) -> float | None:
        return self.corrected_fields / self.ocr_fields if self.ocr_fields else None

    def stage(self, name: str) -> int:
        return getattr(self, name)


@dataclass
class ProgressData:
    total: ProgressRow
    by_mauza: list[ProgressRow] = field(default_factory=list)
    by_register: list[ProgressRow] = field(default_factory=list)
    by_clerk: list[ProgressRow] = field(default_factory=list)
    scope: str = OFFICE_WIDE  # what it covers: the whole office, or the registers named

    @property
    def title(self) -> str:
        return f"پیش رفت رپورٹ — {self.scope}"


def build_progress(session: Session, *, register_ids: list[int] | None = None, progress=None) -> ProgressData:
    """Count pages by stage and OCR values by outcome, per mauza, register and clerk.
    `progress(what, done, total)`, when given, is told how far it got ("pages", then
    "entries" done of total, 500 at a time); what it raises stops the count."""
    if progress is not None:
        progress("pages", 0, 0)
    regs_q = select(Register).order_by(Register.id)
    if register_ids:
        regs_q = regs_q.where(Register.id.in_(register_ids))
    regs = {r.id: r for r in session.scalars(regs_q)}
    users = {u.id: (u.full_name or u.username) for u in session.scalars(select(User))}
    pages = session.scalars(select(Page).where(Page.register_id.in_(list(regs))).order_by(Page.id)).all()

    def reg_label(r: Register) -> str:
        try:
            title = get_template(r.template_id).title_ur
        except Exception:  # an office template that is not installed here: its id will do
            title = r.template_id
        return f"{title} {r.mauza} {r.year}"

    groups: dict[str, dict[object, ProgressRow]] = {"mauza": {}, "register": {}, "clerk": {}}
    total = ProgressRow("کل")

    def rows_for(page: Page) -> list[ProgressRow]:
        reg = regs[page.register_id]
        keys = (("mauza", reg.mauza, reg.mauza), ("register", reg.id, reg_label(reg)),
                ("clerk", page.created_by, users.get(page.created_by, GAP)))
        out = [total]
        for g, k, label in keys:
            out.append(groups[g].setdefault(k, ProgressRow(label)))
        return out

    page_rows = {}
    for p in pages:
        targets = rows_for(p)
        page_rows[p.id] = targets
        for t in targets:
            t.scanned += 1
            t.read += p.ocr_status == "done"
            t.corrected += p.state in CORRECTED_STATES
            t.approved += p.state in APPROVED_STATES
            t.synced += p.state in SENT_STATES
    latest = session.execute(
        select(Entry.id, Entry.page_id, Entry.state).where(
            Entry.register_id.in_(list(regs)), Entry.is_latest.is_(True), Entry.deleted.is_(False),
            Entry.page_id.is_not(None))
    ).all()
    entry_page = {e: p for e, p, _st in latest}
    for _e, pid, state in latest:
        for t in page_rows.get(pid, []):
            t.entries += 1
            t.entries_sent += state in SENT_STATES
            t.entries_rejected += state == "rejected"
    ids = list(entry_page)
    per_field: dict[tuple[int, str], dict[str, object]] = defaultdict(dict)
    for i in range(0, len(ids), 500):
        if progress is not None:
            progress("entries", i, len(ids))
        for v in session.scalars(select(FieldValue).where(FieldValue.entry_id.in_(ids[i:i + 500]))):
            slot = per_field[(v.entry_id, v.field)]
            if v.source == "ocr":
                slot["ocr"] = True
                for t in page_rows.get(entry_page[v.entry_id], []):
                    t.ocr_values += 1
                    t.ocr_flagged += bool(v.flags)
            if v.current:
                slot["current_source"] = v.source
    for (entry_id, _f), slot in per_field.items():
        if not slot.get("ocr"):
            continue
        for t in page_rows.get(entry_page[entry_id], []):
            t.ocr_fields += 1
            t.corrected_fields += slot.get("current_source") != "ocr"
    names = [reg_label(r) for r in regs.values()]
    scope = OFFICE_WIDE if not register_ids or not names else (
        "، ".join(names) if len(names) <= 2 else f"{len(names)} رجسٹر")
    return ProgressData(total, list(groups["mauza"].values()), list(groups["register"].values()),
                        list(groups["clerk"].values()), scope)


def _pct(x: float | None) -> str:
    return f"{round(100 * x)}%" if x is not None else GAP


class StageChart(Flowable):
    """Grouped bar chart of page stages per group; Urdu labels drawn by draw_line.

    The first group is at the right, as Urdu reads.
    """

    def __init__(self, rows: list[ProgressRow], *, width: float, height: float = 62 * mm, title: str = "",
                 digits: str = "as-is"):
        super().__init__()
        self.rows = list(reversed(rows))
        self.width, self.height = width, height
        self.title = title
        self.digits = digits

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        c = self.canv
        plot_h = self.height - 26 * mm
        d = Drawing(self.width, self.height)
        chart = VerticalBarChart()
        chart.x, chart.y = 14 * mm, 14 * mm
        chart.width, chart.height = self.width - 60 * mm, plot_h
        chart.data = [[r.stage(s) for r in self.rows] for s in STAGES] or [[0]]
        chart.categoryAxis.categoryNames = [""] * max(1, len(self.rows))
        chart.categoryAxis.labels.fontName = NASKH
        chart.valueAxis.valueMin = 0
        top = max([r.scanned for r in self.rows] + [1])
        chart.valueAxis.valueMax = top
        chart.valueAxis.valueStep = max(1, -(-top // 5))
        chart.valueAxis.labels.fontName = "DaftarLatin"
        chart.valueAxis.labels.fontSize = 7
        chart.groupSpacing = 6
        chart.barSpacing = 1
        for i, col in enumerate(STAGE_COLORS):
            chart.bars[i].fillColor = col
            chart.bars[i].strokeColor = None
        d.add(chart)
        d.drawOn(c, 0, 0)
        c.setFillColor(colors.black)
        n = max(1, len(self.rows))
        step = chart.width / n
        for i, r in enumerate(self.rows):
            draw_line(c, chart.x + step * (i + 0.5), chart.y - 10, r.label, size=7.5, align="centre",
                      digits=self.digits)
        # legend at the right, first stage on top
        lx = self.width - 4
        ly = chart.y + plot_h - 6
        for s, col in zip(STAGES, STAGE_COLORS, strict=True):
            c.setFillColor(col)
            c.rect(lx - 9, ly - 1, 8, 8, stroke=0, fill=1)
            c.setFillColor(colors.black)
            draw_line(c, lx - 13, ly, STAGE_UR[s], size=8, align="right")
            ly -= 13
        if self.title:
            draw_line(c, self.width, self.height - 10, self.title, size=11, align="right", font=body_font(bold=True))


def _table(rows: list[ProgressRow], first: str, width: float, digits: str):
    # pages by stage, then entries: all of them, those sent to the central office and those it
    # rejected (what the sync panel counts)
    header = [first, "اسکین شدہ صفحات", "او سی آر", "درست شدہ", "منظور شدہ", "مرکز کو بھیجے صفحات", "اندراجات",
              "مرکز کو بھیجے اندراجات", "مرکز سے مسترد", "او سی آر نشان زدہ", "درستی کی شرح"]
    fr = [0.2, 0.08, 0.07, 0.07, 0.07, 0.09, 0.07, 0.09, 0.08, 0.09, 0.09]
    data = [[r.label, str(r.scanned), str(r.read), str(r.corrected), str(r.approved), str(r.synced),
             str(r.entries), str(r.entries_sent), str(r.entries_rejected), _pct(r.flag_rate),
             _pct(r.correction_rate)] for r in rows]
    return rtl_table(header, data, [width * f for f in fr], digits=digits, size=8.5)


def render_progress(data: ProgressData, out: str | Path, options: ReportOptions | None = None) -> Path:
    """Print the progress report to a PDF file."""
    opt = options or ReportOptions()
    d, width = opt.digits, frame_width(opt)
    t = data.total
    story = [
        para(data.title, size=16, bold=True, align="centre"),
        spacer(2),
        para(f"صفحات: {t.scanned}   او سی آر: {t.read}   درست شدہ: {t.corrected}   منظور شدہ: {t.approved}   "
             f"مرکز کو بھیجے: {t.synced}   او سی آر نشان زدہ: {_pct(t.flag_rate)}   "
             f"درستی کی شرح: {_pct(t.correction_rate)}", size=10, digits=d),
        para(f"اندراجات: {t.entries}   مرکز کو بھیجے اندراجات: {t.entries_sent}   "
             f"مرکز سے مسترد: {t.entries_rejected}", size=10, digits=d),
        spacer(3),
        StageChart(data.by_mauza, width=width, title="موضع وار صفحات", digits=d),
        spacer(3),
        para("موضع وار", size=11, bold=True),
        _table(data.by_mauza, "موضع", width, d),
        spacer(3),
        para("رجسٹر وار", size=11, bold=True),
        _table(data.by_register, "رجسٹر", width, d),
        spacer(3),
        para("کلرک وار", size=11, bold=True),
        _table(data.by_clerk, "کلرک", width, d),
        spacer(3),
        StageChart(data.by_clerk, width=width, title="کلرک وار صفحات", digits=d),
    ]
    return build_pdf(out, story, options=opt, title=data.title, watermark=False)


def progress_pdf(workspace, out: str | Path, *, register_ids: list[int] | None = None,
                 options: ReportOptions | None = None, progress=None) -> Path:
    """Open a session, count and print the progress report (`progress`: see build_progress;
    "pdf" once the counts are done)."""
    check_output(out, workspace_root=workspace.root)  # never over the workspace's own files
    from records.exports.detached import signed_output

    with workspace.session() as s:
        data = build_progress(s, register_ids=register_ids, progress=progress)
    if progress is not None:
        progress("pdf", 0, 0)
    with signed_output(workspace, out):  # FILE.sig beside it, signed with the office's key
        return render_progress(data, out, options)
