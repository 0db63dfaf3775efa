"""Copy forward: start a new Jamabandi edition from the previous one.

Rows are copied as draft entries (source "copied"); the clerk only confirms or changes what
differs. They go onto pages of the new register without an image, numbered as the previous
edition's pages (row numbers kept), so the clerk opens, corrects and submits them page by
page as the paper register is turned; rows that had no page fill pages of the template's
rows_per_page after the last. Mutations (intiqal entries) sanctioned for the same mauza since the previous
edition are applied as proposals: flagged warnings on the transferor's rows and a proposed
row for the transferee, never silent changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit, services
from records.audit import Actor
from records.fields import parse_date
from records.flags import WARNING, Flag
from records.models import Entry, FieldValue, Page, Register
from records.text import normalise

SANCTIONED = ("منظور", "sanctioned", "approved")


@dataclass(frozen=True)
class Mutation:
    mutation_no: str
    date: dt.date | None
    mutation_type: str
    khewat_no: str
    khasra_nos: str
    area: str
    share: str
    transferor: str
    transferee: str


@dataclass
class CopyForwardResult:
    register_id: int
    rows_copied: int
    mutations_applied: list[str] = field(default_factory=list)
    proposed_rows: int = 0


def _year_start(year: str) -> dt.date:
    try:
        return dt.date(int(normalise(year)[:4]), 1, 1)
    except ValueError:
        return dt.date(1900, 1, 1)


def sanctioned_mutations(session: Session, *, district: str, tehsil: str, mauza: str, since: dt.date) -> list[Mutation]:
    """Intiqal entries of the mauza, sanctioned, dated on or after `since`, oldest first."""
    regs = session.scalars(select(Register.id).where(Register.template_id == "intiqal", Register.mauza == mauza,
                                                      Register.tehsil == tehsil, Register.district == district)).all()
    out = []
    for rid in regs:
        for row in services.rows_by_ids(session, services.register_entry_ids(session, rid)):
            order = normalise(row.text("order")).lower()
            if not any(w in order for w in SANCTIONED) or "نامنظور" in order:
                continue
            try:
                d = parse_date(row.text("date"))
            except ValueError:
                d = None
            if d is not None and d < since:
                continue
            out.append(Mutation(row.text("mutation_no"), d, row.text("mutation_type"), row.text("khewat_no"),
                                row.text("khasra_nos"), row.text("area"), row.text("share"),
                                row.text("transferor"), row.text("transferee")))
    out.sort(key=lambda m: (m.date or dt.date.min, m.mutation_no))
    return out


def _flag_value(session: Session, entry_id: int, field_name: str, flag: Flag) -> None:
    fv = session.scalar(select(FieldValue).where(FieldValue.entry_id == entry_id, FieldValue.field == field_name,
                                                 FieldValue.current.is_(True)))
    if fv is not None:
        fv.flags = [*(fv.flags or []), flag.as_dict()]


def _place_rows(session: Session, register_id: int, rows: list, rows_per_page: int) -> list[tuple[int, int]]:
    """(page number, row number) of each row in the new edition: the previous edition's own
    where the row was on a page; rows without a page fill pages after the last one."""
    page_no = dict(session.execute(select(Page.id, Page.page_no).where(Page.register_id == register_id)).all())
    after = max(page_no.values(), default=0)
    out: list[tuple[int, int]] = []
    loose = 0
    for r in rows:
        if r.page_id in page_no:
            out.append((page_no[r.page_id], r.row_no))
        else:
            out.append((after + 1 + loose // rows_per_page, loose % rows_per_page + 1))
            loose += 1
    return out


def _add_blank_page(session: Session, *, actor: Actor, register_id: int, page_no: int) -> int:
    """A page of the new edition without an image (the copied rows are its text)."""
    page = Page(register_id=register_id, page_no=page_no, image_sha256=None, image_name="", created_by=actor.id)
    session.add(page)
    session.flush()
    audit.record(session, actor=actor, action="page.add", entity="page", entity_id=page.id, register_id=register_id,
                 page_id=page.id, new=None, detail={"page_no": page_no, "copied": True})
    return page.id


def copy_forward(session: Session, *, actor: Actor, previous_register_id: int, year: str,
                 volume: str | None = None) -> CopyForwardResult:
    """Create the next edition of a register with its rows copied and mutations proposed."""
    prev = session.get(Register, previous_register_id)
    if prev is None:
        raise services.NotFound(f"register {previous_register_id} does not exist")
    tpl = services.register_template(session, prev.id)
    new_id = services.create_register(session, actor=actor, template=tpl, template_json=prev.template_json,
                                      district=prev.district, tehsil=prev.tehsil, mauza=prev.mauza,
                                      hadbast_no=prev.hadbast_no, year=year, volume=volume or prev.volume,
                                      header=dict(prev.header or {}), previous_id=prev.id)
    rows = services.rows_by_ids(session, services.register_entry_ids(session, prev.id))
    placed = _place_rows(session, prev.id, rows, tpl.rows_per_page)
    new_pages: dict[int, int] = {}  # page number -> the new register's page id

    def page_id(page_no: int) -> int:
        if page_no not in new_pages:
            new_pages[page_no] = _add_blank_page(session, actor=actor, register_id=new_id, page_no=page_no)
        return new_pages[page_no]

    new_rows: list[tuple[int, dict[str, str]]] = []
    for r, (page_no, row_no) in zip(rows, placed, strict=True):
        values = {k: v.value for k, v in r.values.items() if v.value}
        eid = services.add_entry(session, actor=actor, register_id=new_id, page_id=page_id(page_no), row_no=row_no,
                                 values=values, source="copied")
        new_rows.append((eid, values))
    result = CopyForwardResult(new_id, len(rows))
    muts = sanctioned_mutations(session, district=prev.district, tehsil=prev.tehsil, mauza=prev.mauza,
                                since=_year_start(prev.year))
    last_page = max(new_pages) if new_pages else 1
    next_row = max((row_no for page_no, row_no in placed if page_no == last_page), default=0) + 1
    for m in muts:
        label = f"intiqal {m.mutation_no} ({m.mutation_type}{', ' + m.date.isoformat() if m.date else ''})"
        matched = [(eid, v) for eid, v in new_rows
                   if normalise(v.get("khewat_no", "")) == normalise(m.khewat_no)
                   and m.transferor and normalise(m.transferor).split(" ولد ")[0] in normalise(v.get("owner", ""))]
        for eid, _v in matched:
            _flag_value(session, eid, "share", Flag(
                "mutation", WARNING,
                f"{label}: share {m.share or '?'} (area {m.area or '?'}) passed to {m.transferee}; correct this owner's share and confirm",
                "share"))
        base = matched[0][1] if matched else {}
        proposal = {
            "khewat_no": m.khewat_no, "khatooni_no": base.get("khatooni_no", ""), "patti": base.get("patti", ""),
            "owner": m.transferee, "share": m.share, "khasra_nos": m.khasra_nos, "area": m.area,
            "remarks": f"انتقال نمبر {m.mutation_no}",
        }
        proposal = {k: v for k, v in proposal.items() if v and k in tpl.column_names}
        eid = services.add_entry(session, actor=actor, register_id=new_id, page_id=page_id(last_page), row_no=next_row,
                                 values=proposal, source="copied")
        next_row += 1
        _flag_value(session, eid, "owner", Flag("mutation", WARNING, f"new owner proposed by {label}: confirm or delete this row", "owner"))
        result.mutations_applied.append(m.mutation_no)
        result.proposed_rows += 1
    audit.record(session, actor=actor, action="register.copy_forward", entity="register", entity_id=new_id,
                 register_id=new_id, old=str(prev.id), new=year,
                 detail={"rows": result.rows_copied, "mutations": result.mutations_applied})
    session.flush()
    return result


def entry_count(session: Session, register_id: int) -> int:
    return len(session.scalars(select(Entry.id).where(Entry.register_id == register_id, Entry.is_latest.is_(True))).all())
