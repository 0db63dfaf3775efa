"""Batch handover sheet: the entries of a batch, counts, the batch hash, two signatures.

For a sealed batch (records.outbox) the hash printed is the batch's manifest sha256 (what
the office signed and the server checks). Without a batch a list of entry ids can be
handed over: the hash is then sha256 of the canonical JSON of
`[{uuid, version, sha256 of the entry's canonical values}]` (layout.sha256_of).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import services
from records.models import Batch, Entry, OutboxItem, Page, Register, User
from records.output_file import check_output
from records.reports.layout import (
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


@dataclass(frozen=True)
class HandoverLine:
    entry_id: int
    uuid: str
    version: int
    mauza: str
    register: str  # "jamabandi 2019-20"
    page_no: int | None
    row_no: int
    khewat: str
    owner: str
    state: str
    sha256: str


@dataclass(frozen=True)
class HandoverData:
    batch_uuid: str | None
    batch_state: str | None
    created_by: str
    created_at: str
    lines: tuple[HandoverLine, ...]
    batch_hash: str

    @property
    def counts_by_state(self) -> dict[str, int]:
        return dict(Counter(line.state for line in self.lines))

    @property
    def counts_by_mauza(self) -> dict[str, int]:
        return dict(Counter(line.mauza for line in self.lines))


def _lines(session: Session, entries: list[Entry], hashes: dict[int, str] | None = None) -> list[HandoverLine]:
    rows = {r.entry_id: r for r in services.rows_by_ids(session, [e.id for e in entries])}
    regs = {r.id: r for r in session.scalars(select(Register).where(Register.id.in_({e.register_id for e in entries})))}
    pages = {p.id: p.page_no for p in session.scalars(select(Page).where(Page.id.in_({e.page_id for e in entries if e.page_id})))}
    out = []
    for e in entries:
        r, reg = rows[e.id], regs[e.register_id]
        h = (hashes or {}).get(e.id) or sha256_of({f: v.value for f, v in sorted(r.values.items())})
        title = services.register_template(session, reg.id).title_ur
        out.append(HandoverLine(e.id, e.uuid, e.version, reg.mauza, f"{title} {reg.year}",
                                pages.get(e.page_id), e.row_no, r.text("khewat_no"),
                                r.text("owner") or r.text("transferee") or r.text("cultivator"), e.state, h))
    return out


def build_handover(session: Session, *, batch_id: int | None = None,
                   entry_ids: list[int] | None = None) -> HandoverData:
    """Gather a handover sheet for a batch, or (no batch yet) for a list of entry ids."""
    if batch_id is not None:
        batch = session.get(Batch, batch_id)
        if batch is None:
            raise ReportError(f"batch {batch_id} does not exist; `daftar batch list` shows the batches")
        items = session.scalars(select(OutboxItem).where(OutboxItem.batch_id == batch_id).order_by(OutboxItem.id)).all()
        entries = [session.get(Entry, i.entry_id) for i in items]
        lines = _lines(session, entries, {i.entry_id: i.content_sha256 for i in items})
        h = batch.manifest_sha256 or sha256_of([{"uuid": x.uuid, "version": x.version, "sha256": x.sha256} for x in lines])
        user = session.get(User, batch.created_by) if batch.created_by else None
        return HandoverData(batch.uuid, batch.state, user.full_name or user.username if user else "",
                            batch.created_at.strftime("%Y-%m-%d %H:%M") if batch.created_at else "", tuple(lines), h)
    if not entry_ids:
        raise ReportError("say what to hand over: a batch id or a list of entry ids")
    found = {e.id: e for e in session.scalars(select(Entry).where(Entry.id.in_(entry_ids)))}
    missing = [i for i in entry_ids if i not in found]
    if missing:
        raise ReportError(f"no entry with id {', '.join(map(str, missing))}")
    lines = _lines(session, [found[i] for i in entry_ids])
    h = sha256_of([{"uuid": x.uuid, "version": x.version, "sha256": x.sha256} for x in lines])
    return HandoverData(None, None, "", "", tuple(lines), h)


def render_handover(data: HandoverData, out: str | Path, options: ReportOptions | None = None) -> Path:
    """Print the handover sheet to a PDF file."""
    opt = options or ReportOptions(landscape=False)
    d = opt.digits
    width = frame_width(opt)
    story = [para("حوالگی فہرست (بیچ)", size=16, bold=True, align="centre"), spacer(2)]
    story.append(label_pairs([
        ("حالت", STATE_UR.get(data.batch_state or "", data.batch_state or GAP)),
        ("تیار کنندہ", data.created_by or GAP),
        ("تاریخ", data.created_at or GAP),
    ], width * 0.7, digits=d))
    story.append(para(f"بیچ: {data.batch_uuid or GAP}", size=9, align="right"))  # (it said "Batch" in English)
    story.append(spacer(2))
    counts = "، ".join(f"{STATE_UR.get(s, s)}: {n}" for s, n in sorted(data.counts_by_state.items()))
    mauzas = "، ".join(f"{m}: {n}" for m, n in sorted(data.counts_by_mauza.items()))
    story.append(para(f"کل اندراجات: {len(data.lines)}   ({counts})   موضع وار: {mauzas}", size=10, digits=d))
    story.append(spacer(2))
    header = ["نمبر شمار", "موضع", "رجسٹر", "صفحہ", "سطر", "کھیوٹ", "مالک", "ورژن", "حالت", "sha256"]
    fractions = [0.06, 0.12, 0.13, 0.05, 0.05, 0.06, 0.25, 0.05, 0.09, 0.14]
    widths = [width * f for f in fractions]
    rows = []
    for i, x in enumerate(data.lines, start=1):
        rows.append([str(i), x.mauza, x.register, str(x.page_no or GAP), str(x.row_no), x.khewat or GAP,
                     x.owner or GAP, str(x.version), STATE_UR.get(x.state, x.state),
                     para(x.sha256[:12], size=8, align="centre")])  # hex: digits as they are
    story.append(rtl_table(header, rows, widths, digits=d, size=8))
    story.append(spacer(4))
    story.append(QrCode(f"daftar-batch:v1:{data.batch_hash}", caption="بیچ کا ہیش (sha256)"))
    story.append(spacer(6))
    story.append(SignatureLines(["دستخط کلرک (حوالہ کنندہ)", "دستخط سپروائزر (وصول کنندہ)", "تاریخ"]))
    # every page names its batch by hash, in the sheet's language (it said "batch sha256:…")
    return build_pdf(out, story, options=opt, title="حوالگی فہرست", watermark=False,
                     footer_note=f"بیچ کا ہیش: {data.batch_hash[:16]}")


def handover_pdf(workspace, out: str | Path, *, batch_id: int | None = None, entry_ids: list[int] | None = None,
                 options: ReportOptions | None = None) -> Path:
    """Open a session, build and print a handover sheet."""
    check_output(out, workspace_root=workspace.root)  # never over the workspace's own files
    with workspace.session() as s:
        data = build_handover(s, batch_id=batch_id, entry_ids=entry_ids)
    if options is not None and options.landscape:
        options = replace(options, landscape=False)  # a handover sheet is upright
    from records.exports.detached import signed_output

    with signed_output(workspace, out):  # FILE.sig beside it, signed with the office's key
        return render_handover(data, out, options)
