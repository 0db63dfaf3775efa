"""Fard: a certified copy of the record of rights for one khewat or one owner.

`build_fard(session, register_id=..., khewat=... | owner=...)` gathers the rows and computes
the totals with the records core (Area sum, exact Fraction sum of shares) and the record
hash; `render_fard(data, out)` prints it. Draft or unapproved rows make the whole copy a
draft: every page is watermarked "مسودہ / DRAFT".

Record hash = sha256 of the canonical JSON (sorted keys, no spaces, UTF-8) of
`{"register": {uuid, template, district, tehsil, mauza, hadbast_no, year},
  "rows": [{uuid, version, state, values: {column: stored text or ""}}]}`; the QR code
carries `daftar-fard:v1:<hash>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from reportlab.platypus import KeepTogether
from sqlalchemy.orm import Session

from records import services
from records.fields import FieldError, parse_value
from records.output_file import check_output
from records.reports.layout import (
    FINAL_STATES,
    GAP,
    STATE_UR,
    QrCode,
    ReportError,
    ReportOptions,
    SignatureLines,
    build_pdf,
    frame_width,
    label_pairs,
    para,
    rtl_table,
    sha256_of,
    spacer,
)
from records.services import RegisterView, RowView
from records.templates import Template
from records.text import normalise
from records.units import Area, format_share, total_area


@dataclass(frozen=True)
class FardData:
    """Everything a fard prints, computed once (plain values, safe across threads)."""

    register: RegisterView
    template: Template
    rows: tuple[RowView, ...]
    selector: str  # what was asked for, e.g. "khewat 47"
    total_area: Area | None
    total_share: Fraction | None  # None when the rows span several khewats
    unparsed: tuple[str, ...]  # "row 3: area '12-25': ..." values left out of the totals
    record_hash: str

    @property
    def is_draft(self) -> bool:
        return any(r.state not in FINAL_STATES for r in self.rows)

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(sorted({r.state for r in self.rows}))

    @property
    def qr_payload(self) -> str:
        return f"daftar-fard:v1:{self.record_hash}"


def _first_of_kind(tpl: Template, kind: str) -> str | None:
    return next((c.name for c in tpl.columns if c.kind == kind), None)


def record_payload(register: RegisterView, template: Template, rows) -> dict:
    """The canonical content a fard's hash covers."""
    return {
        "register": {
            "uuid": register.uuid, "template": register.template_id, "district": register.district,
            "tehsil": register.tehsil, "mauza": register.mauza, "hadbast_no": register.hadbast_no,
            "year": register.year,
        },
        "rows": [
            {"uuid": r.uuid, "version": r.version, "state": r.state,
             "values": {c.name: normalise(r.text(c.name)) if c.kind != "text-ur" else r.text(c.name)
                        for c in template.columns}}
            for r in rows
        ],
    }


def record_hash(register: RegisterView, template: Template, rows) -> str:
    """sha256 (hex) of the canonical JSON of the rows of a fard."""
    return sha256_of(record_payload(register, template, rows))


def select_rows(rows, *, khewat: str | None = None, owner: str | None = None) -> list[RowView]:
    """Rows of one khewat (exact number, any digits) or of one owner (name contained)."""
    if khewat:
        k = normalise(khewat)
        return [r for r in rows if normalise(r.text("khewat_no")) == k]
    if owner:
        o = normalise(owner)
        return [r for r in rows if o in normalise(r.text("owner"))]
    return list(rows)


def totals(template: Template, rows) -> tuple[Area | None, Fraction | None, list[str]]:
    """Sum of areas (records.units) and exact sum of shares; values that do not parse are named."""
    area_f, share_f = _first_of_kind(template, "area"), _first_of_kind(template, "share")
    areas, shares, bad = [], [], []
    for i, r in enumerate(rows, start=1):
        for name, bucket in ((area_f, areas), (share_f, shares)):
            if not name or not r.text(name):
                continue
            try:
                bucket.append(parse_value(template.column(name), r.text(name)).value)
            except FieldError as e:
                bad.append(f"row {i}: {name}: {e}")
    area = total_area(areas) if area_f else None
    share = sum(shares, Fraction(0)) if share_f else None
    return area, share, bad


def build_fard(session: Session, *, register_id: int, khewat: str | None = None,
               owner: str | None = None) -> FardData:
    """Collect a fard for one khewat or one owner of a register (ReportError when empty)."""
    if not khewat and not owner:
        raise ReportError("say which fard to print: a khewat number or an owner's name")
    reg = services.get_register(session, register_id)
    tpl = services.register_template(session, register_id)
    rows = services.rows_by_ids(session, services.register_entry_ids(session, register_id))
    chosen = select_rows(rows, khewat=khewat, owner=owner)
    what = f"khewat {normalise(khewat)}" if khewat else f"owner {normalise(owner)}"
    if not chosen:
        raise ReportError(f"the register of {services.register_label(reg)} has no rows for {what}")
    area, share, bad = totals(tpl, chosen)
    if len({normalise(r.text("khewat_no")) for r in chosen}) > 1:
        share = None  # shares are parts of one khewat: a sum across khewats means nothing
    return FardData(reg, tpl, tuple(chosen), what, area, share, tuple(bad), record_hash(reg, tpl, chosen))


def render_fard(data: FardData, out: str | Path, options: ReportOptions | None = None) -> Path:
    """Print a fard to a PDF file; returns its path."""
    opt = options or ReportOptions()
    d = opt.digits
    reg, tpl = data.register, data.template
    width = frame_width(opt)
    story = [
        para(f"نقل {tpl.title_ur} (فرد)", size=16, bold=True, align="centre"),
        spacer(2),
        label_pairs([("ضلع", reg.district), ("تحصیل", reg.tehsil), ("موضع", reg.mauza),
                     ("حدبست نمبر", reg.hadbast_no), ("سال", reg.year)], width, digits=d),
        spacer(2),
    ]
    cols = tpl.columns
    total_w = sum(c.width for c in cols)
    widths = [width * c.width / total_w for c in cols]
    rows, gaps = [], []
    for r in data.rows:
        rows.append([r.text(c.name) or GAP for c in cols])
        gaps.append([not r.text(c.name) for c in cols])
    area_f, share_f = _first_of_kind(tpl, "area"), _first_of_kind(tpl, "share")
    label_col = next((c.name for c in cols if c.name == "owner"), cols[0].name)
    total_row = ["" for _ in cols]
    for i, c in enumerate(cols):
        if c.name == area_f and data.total_area is not None:
            total_row[i] = data.total_area.format()
        elif c.name == share_f and data.total_share is not None:
            total_row[i] = format_share(data.total_share) if data.total_share else "0"
        elif c.name == label_col:
            total_row[i] = "میزان (کل)"
    rows.append(total_row)
    story.append(rtl_table([c.label_ur for c in cols], rows, widths, digits=d, gaps=gaps,
                           bold_rows=[len(rows) - 1]))
    story.append(spacer(3))
    states = "، ".join(STATE_UR.get(s, s) for s in data.states)
    summary = [
        f"اندراجات: {len(data.rows)}",
        f"کل رقبہ: {data.total_area.format() if data.total_area is not None else GAP}",
        f"کل حصہ: {format_share(data.total_share) if data.total_share else GAP}",
        f"حالت: {states}",
    ]
    tail = [para("   ".join(summary), size=10, digits=d)]
    if data.unparsed:
        tail.append(para("کل میں شامل نہیں: " + "؛ ".join(data.unparsed), size=8, align="right"))
    if shares_wrong(data):  # printed where the totals are: a fard is evidence, and these do not add up
        tail.append(para(f"انتباہ: اس کھیوٹ کے حصوں کا میزان {format_share(data.total_share)} ہے، 1 نہیں: "
                         "رجسٹر کی پڑتال کریں (کوئی سطر یا صفحہ دو بار درج تو نہیں ہوا؟)", size=10, digits=d,
                         align="right"))
    tail += [spacer(3), QrCode(data.qr_payload, caption="ریکارڈ کا ہیش (sha256)"), spacer(4),
             SignatureLines(["دستخط پٹواری", "دستخط گرداور", "دستخط تحصیلدار", "تاریخ اجراء"])]
    story.append(KeepTogether(tail))  # totals, hash and signatures stay on one page
    return build_pdf(out, story, options=opt, title=f"فرد {reg.mauza}", watermark=data.is_draft,
                     footer=f"{data.selector} sha256:{data.record_hash[:16]}")


def shares_wrong(data: FardData) -> bool:
    """Do the shares of the khewat printed add up to something other than the whole (1)?
    (A row entered twice, a page imported twice as a scan and inside a PDF.)"""
    return data.total_share is not None and data.total_share != 0 and data.total_share != 1


def fard_pdf(workspace, out: str | Path, *, register_id: int, khewat: str | None = None,
             owner: str | None = None, options: ReportOptions | None = None) -> Path:
    """Open a session, build and print a fard (the one call the CLI and the desktop make)."""
    check_output(out, workspace_root=workspace.root)  # never over the workspace's own files
    from records.exports.detached import signed_output

    with workspace.session() as s:
        data = build_fard(s, register_id=register_id, khewat=khewat, owner=owner)
    with signed_output(workspace, out):  # FILE.sig beside it, signed with the office's key
        return render_fard(data, out, options)
