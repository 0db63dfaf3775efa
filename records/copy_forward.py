"""Copy forward: start a new Jamabandi edition, or the next Girdawari season, from the previous one.

Rows are copied as draft entries (source "copied"); the clerk only confirms or changes what
differs. They go onto pages of the new register without an image, numbered as the previous
edition's pages (row numbers kept), so the clerk opens, corrects and submits them page by
page as the paper register is turned; rows that had no page fill pages of the template's
rows_per_page after the last.

A register whose template has a `harvest` header (the Khasra Girdawari) is written once a
harvest: the next season of Kharif 2023-24 is Rabi 2023-24, and of Rabi 2023-24 Kharif
2024-25 (`next_season`). Its crop columns (SEASON_FIELDS) are surveyed anew, so they are not
copied: a Kharif crop carried into Rabi would be submitted unseen. A register of the same
kind, mauza, year, volume (and harvest) is never made twice (EditionExists). Mutations (intiqal entries) sanctioned for the same mauza since the previous
edition are applied as proposals: flagged warnings on the transferor's rows and a proposed
row for the transferee, never silent changes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit, services
from records.audit import Actor
from records.fields import FieldError, parse_date, parse_khasra_list
from records.flags import WARNING, Flag
from records.models import AuditEvent, Entry, FieldValue, Page, Register
from records.text import isolate_ltr, normalise

SANCTIONED = ("منظور", "sanctioned", "approved")
HARVEST = "harvest"  # the header field of a register written once a harvest
SEASON_FIELDS = ("crop", "crop_area")  # what a new season's field visit records anew


class EditionExists(ValueError):
    """The register to be made by copying forward is there already."""


def advance_year(year: str, years: int) -> str:
    """`year` moved on by `years`: ("2015-16", 4) -> "2019-20", ("2019", 1) -> "2020",
    ("2019-2020", 1) -> "2020-2021"; "" when the year cannot be read (any digits)."""
    m = re.match(r"^(\d{4})(?:\s*[-/]\s*(\d{2,4}))?", normalise(year or ""))
    if not m:
        return ""
    y = int(m.group(1)) + years
    if m.group(2) is None:
        return str(y)
    second = int(m.group(2)) + years
    return f"{y}-{second % 100:02d}" if len(m.group(2)) == 2 else f"{y}-{second}"


def _is(harvest: str, name: str, choices) -> bool:
    h = normalise(harvest).lower()
    return any(c.en.lower() == name and h in (normalise(c.ur), c.en.lower()) for c in choices) or h == name


def next_season(year: str, harvest: str, choices=()) -> tuple[str, str]:
    """(year, harvest) of the girdawari after `harvest` of `year`: Kharif opens the
    agricultural year and Rabi closes it, so Kharif 2023-24 -> Rabi 2023-24 and Rabi
    2023-24 -> Kharif 2024-25. `choices`: the template's harvest choices (the harvest is
    given back as their Urdu text); an unknown harvest gives ("", "")."""
    def named(name: str) -> str:
        return next((normalise(c.ur) for c in choices if c.en.lower() == name), name)

    if _is(harvest, "kharif", choices):
        return normalise(year or ""), named("rabi")
    if _is(harvest, "rabi", choices):
        return advance_year(year, 1), named("kharif")
    return "", ""


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


def _existing(session: Session, prev: Register, year: str, volume: str, header: dict) -> Register | None:
    """A register of the same kind and place for this year, volume (and harvest)."""
    same = session.scalars(select(Register).where(
        Register.template_id == prev.template_id, Register.district == prev.district, Register.tehsil == prev.tehsil,
        Register.mauza == prev.mauza, Register.year == normalise(year), Register.volume == normalise(volume))).all()
    harvest = normalise(str(header.get(HARVEST, "")))
    return next((r for r in same if normalise(str((r.header or {}).get(HARVEST, ""))) == harvest), None)


def _edition_label(*, mauza: str, year: str, volume: str, header: dict) -> str:
    harvest = normalise(str(header.get(HARVEST, "")))
    if harvest:
        return f"mauza {mauza}, year {isolate_ltr(normalise(year))}, harvest {harvest}, volume {normalise(volume)}"
    return f"mauza {mauza}, year {isolate_ltr(normalise(year))}, volume {normalise(volume)}"


def _applied_to(session: Session, register_id: int) -> set[str]:
    """Mutation numbers the copy forward that made `register_id` applied already: a
    girdawari is copied each season, and the same sale was proposed again every season."""
    details = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "register.copy_forward",
                                                              AuditEvent.register_id == register_id)).all()
    return {normalise(str(n)) for d in details for n in (d or {}).get("mutations", [])}


def _flag_khasras(session: Session, new_rows: list[tuple[int, dict[str, str]]], m: Mutation, label: str) -> bool:
    """Flag the owner of the copied rows of the khasras a mutation passed; True if any."""
    try:
        passed = set(parse_khasra_list(m.khasra_nos)) if m.khasra_nos else set()
    except FieldError:
        passed = set()
    hit = False
    for eid, v in new_rows:
        try:
            khasra = parse_khasra_list(v.get("khasra_no", ""))
        except FieldError:
            continue
        if passed.intersection(khasra):
            _flag_value(session, eid, "owner", Flag(
                "mutation", WARNING,
                f"{label}: this khasra passed from {m.transferor or '?'} to {m.transferee or '?'}; correct the owner "
                "(and cultivator) and confirm", "owner"))
            hit = True
    return hit


def copy_forward(session: Session, *, actor: Actor, previous_register_id: int, year: str,
                 volume: str | None = None, header: dict | None = None) -> CopyForwardResult:
    """Create the next edition of a register with its rows copied and mutations proposed.

    `header`: header values of the new edition that differ from the previous one's (the
    harvest of the next girdawari season). Raises EditionExists when that register is there."""
    prev = session.get(Register, previous_register_id)
    if prev is None:
        raise services.NotFound(f"register {previous_register_id} does not exist")
    tpl = services.register_template(session, prev.id)
    new_header = {**(prev.header or {}), **{k: v for k, v in (header or {}).items() if v}}
    new_volume = volume or prev.volume
    if _existing(session, prev, year, new_volume, new_header) is not None:
        label = _edition_label(mauza=prev.mauza, year=year, volume=new_volume, header=new_header)
        raise EditionExists(f"The register of {label} already exists: open it from the list of registers, "
                            "or choose another year or volume.")
    seasonal = HARVEST in {f.name for f in tpl.header}
    new_id = services.create_register(session, actor=actor, template=tpl, template_json=prev.template_json,
                                      district=prev.district, tehsil=prev.tehsil, mauza=prev.mauza,
                                      hadbast_no=prev.hadbast_no, year=year, volume=new_volume,
                                      header=new_header, previous_id=prev.id)
    rows = services.rows_by_ids(session, services.register_entry_ids(session, prev.id))
    placed = _place_rows(session, prev.id, rows, tpl.rows_per_page)
    new_pages: dict[int, int] = {}  # page number -> the new register's page id

    def page_id(page_no: int) -> int:
        if page_no not in new_pages:
            new_pages[page_no] = _add_blank_page(session, actor=actor, register_id=new_id, page_no=page_no)
        return new_pages[page_no]

    new_rows: list[tuple[int, dict[str, str]]] = []
    for r, (page_no, row_no) in zip(rows, placed, strict=True):
        values = {k: v.value for k, v in r.values.items() if v.value and not (seasonal and k in SEASON_FIELDS)}
        eid = services.add_entry(session, actor=actor, register_id=new_id, page_id=page_id(page_no), row_no=row_no,
                                 values=values, source="copied")
        new_rows.append((eid, values))
    result = CopyForwardResult(new_id, len(rows))
    applied_before = _applied_to(session, prev.id)
    muts = [m for m in sanctioned_mutations(session, district=prev.district, tehsil=prev.tehsil, mauza=prev.mauza,
                                            since=_year_start(prev.year))
            if normalise(m.mutation_no) not in applied_before]
    last_page = max(new_pages) if new_pages else 1
    next_row = max((row_no for page_no, row_no in placed if page_no == last_page), default=0) + 1
    for m in muts:
        label = f"intiqal {m.mutation_no} ({m.mutation_type}{', ' + m.date.isoformat() if m.date else ''})"
        if "khasra_no" in tpl.column_names and "share" not in tpl.column_names:
            # a girdawari has one khasra a row and no shares: the khasras the mutation passed
            # get their owner flagged (a proposed row had no khasra, a flag on 'share' went nowhere)
            if _flag_khasras(session, new_rows, m, label):
                result.mutations_applied.append(m.mutation_no)
            continue
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
