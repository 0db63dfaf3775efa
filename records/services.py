"""Write and read services over a workspace session. Every write is checked by the
workflow and audited in the same transaction; reads return plain dataclasses (never ORM
objects) so they can cross threads.

Functions take `session` first and keyword-only arguments after it; writes return a
`Changes` value saying what changed (views redraw only what its flags name).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from records import audit, workflow
from records.audit import Actor
from records.fields import FieldError, format_khasra, parse_khasra_list, parse_value, stored_text
from records.flags import ERROR, OCR_CODES, Flag
from records.images import ImageStore, PreparedImage
from records.models import (
    AuditEvent,
    Entry,
    FieldValue,
    OutboxItem,
    Page,
    Register,
    SearchToken,
    utcnow,
)
from records.templates import Template, get_template, parse_template
from records.text import isolate_ltr, normalise
from records.units import Area

KHEWAT_FIELDS = ("khewat_no",)
KHASRA_FIELDS = ("khasra_no", "khasra_nos")
OWNER_FIELDS = ("owner", "transferor", "transferee", "cultivator")
OWNER_SEARCH_FIELDS = ("owner", "transferor", "transferee")  # joined into Entry.search_owner


class NotFound(LookupError):
    """A register, page or entry id that does not exist."""


@dataclass
class Changes:
    """What a write changed, for views to redraw (cf. Anki's OpChanges)."""

    registers: bool = False
    pages: bool = False
    entries: bool = False
    values: bool = False
    workflow: bool = False
    entry_ids: set[int] = field(default_factory=set)
    page_ids: set[int] = field(default_factory=set)
    new_entry_ids: dict[int, int] = field(default_factory=dict)  # old id -> new version's id

    def merge(self, other: Changes) -> Changes:
        for name in ("registers", "pages", "entries", "values", "workflow"):
            setattr(self, name, getattr(self, name) or getattr(other, name))
        self.entry_ids |= other.entry_ids
        self.page_ids |= other.page_ids
        self.new_entry_ids.update(other.new_entry_ids)
        return self


# ----------------------------------------------------------------------------- views
@dataclass(frozen=True)
class RegisterView:
    id: int
    uuid: str
    template_id: str
    district: str
    tehsil: str
    mauza: str
    hadbast_no: str
    year: str
    volume: str
    header: dict
    pages: int = 0
    entries: int = 0


def register_label(reg) -> str:
    """A register in a message, as clerks know it: "mauza کوٹ, year 2019-20, volume 1" (a
    Register or RegisterView). The year is in a left-to-right isolate: after an Urdu mauza,
    bidi showed 2024-25 as 25-2024. Messages named registers by their database id."""
    return f"mauza {reg.mauza}, year {isolate_ltr(reg.year)}, volume {reg.volume}"


@dataclass(frozen=True)
class PageView:
    id: int
    register_id: int
    page_no: int
    image_sha256: str | None
    image_name: str
    width: int
    height: int
    ocr_status: str
    ocr_error: str | None
    state: str
    comment: str | None
    looks_like: str | None = None  # another register kind the page's headings match (OCR)


@dataclass(frozen=True)
class ValueView:
    field: str
    value: str
    raw_text: str | None
    confidence: float | None
    box: tuple[int, int, int, int] | None
    source: str
    flags: tuple[Flag, ...]
    author_id: int | None
    created_at: dt.datetime


@dataclass(frozen=True)
class RowView:
    entry_id: int
    uuid: str
    version: int
    page_id: int | None
    row_no: int
    state: str
    comment: str | None
    created_by: int | None
    values: dict[str, ValueView]

    def text(self, name: str) -> str:
        v = self.values.get(name)
        return v.value if v else ""


@dataclass(frozen=True)
class AddPageResult:
    page_id: int | None
    page_no: int | None
    sha256: str
    duplicate_of: tuple[int, int, int] | None = None  # (register id, page no, page id)

    @property
    def skipped(self) -> bool:
        return self.duplicate_of is not None


def register_view(r: Register, pages: int = 0, entries: int = 0) -> RegisterView:
    """A register row as plain values (safe to pass between threads)."""
    return RegisterView(r.id, r.uuid, r.template_id, r.district, r.tehsil, r.mauza, r.hadbast_no, r.year, r.volume, dict(r.header or {}), pages, entries)


def _page_view(p: Page) -> PageView:
    return PageView(p.id, p.register_id, p.page_no, p.image_sha256, p.image_name, p.width, p.height, p.ocr_status,
                    p.ocr_error, p.state, p.comment, p.looks_like)


def _value_view(v: FieldValue) -> ValueView:
    return ValueView(
        v.field, v.value, v.raw_text, v.confidence, tuple(v.box) if v.box else None, v.source,
        tuple(Flag.from_dict(f) for f in (v.flags or [])), v.author_id, v.created_at,
    )


# ----------------------------------------------------------------------------- helpers
def _get(session: Session, model, id_: int):
    obj = session.get(model, id_)
    if obj is None:
        raise NotFound(f"{model.__name__.lower()} {id_} does not exist")
    return obj


def register_template(session: Session, register_id: int) -> Template:
    """The template a register was created with (its frozen copy)."""
    reg = _get(session, Register, register_id)
    if reg.template_json:
        return parse_template(reg.template_json, f"register {reg.id} ({reg.template_id})")
    return get_template(reg.template_id)


def _value_flags(spec, text: str, extra: Iterable[Any] = ()) -> list[dict]:
    flags = [f.as_dict() if isinstance(f, Flag) else dict(f) for f in extra]
    try:
        parse_value(spec, text)
    except FieldError as e:
        flags.append(Flag("parse", ERROR, str(e), spec.name).as_dict())
    return flags


def _search_text_for(field_name: str, text: str) -> str:
    t = normalise(text)
    if field_name in KHASRA_FIELDS:
        try:  # the numbers as the field reads them (125 / 5 is 125/5; ؛ and a closing ۔ separate)
            toks = [format_khasra(k) for k in parse_khasra_list(t)]
        except FieldError:  # (a value still to correct: its pieces, as typed)
            toks = t.replace("،", " ").replace(",", " ").replace("؛", " ").replace(";", " ").split()
        return " " + " ".join(toks) + " " if toks else ""
    return t


def khasra_tokens(search_khasra: str) -> set[str]:
    """Indexed tokens of a khasra search text: each number and its parents (125/5 -> 125/5, 125)."""
    out: set[str] = set()
    for tok in search_khasra.split():
        parts = tok.split("/")
        out.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    return {t for t in out if t and len(t) <= 40}


def _set_tokens(session: Session, entry_id: int, search_khasra: str) -> None:
    session.execute(delete(SearchToken).where(SearchToken.entry_id == entry_id))
    toks = khasra_tokens(search_khasra)
    if toks:
        session.execute(insert(SearchToken), [{"entry_id": entry_id, "token": t} for t in sorted(toks)])


def _update_search_keys(session: Session, entry: Entry, field_name: str, text: str) -> None:
    if field_name in KHEWAT_FIELDS:
        entry.search_khewat = normalise(text)
    elif field_name in KHASRA_FIELDS:
        entry.search_khasra = _search_text_for(field_name, text)
        session.flush()
        _set_tokens(session, entry.id, entry.search_khasra)
    elif field_name in OWNER_FIELDS and field_name != "cultivator":
        entry.search_owner = normalise(text)


def _current_values(session: Session, entry_id: int) -> dict[str, FieldValue]:
    rows = session.scalars(
        select(FieldValue).where(FieldValue.entry_id == entry_id, FieldValue.current.is_(True))
    ).all()
    return {v.field: v for v in rows}


def _makers_of(session: Session, entries: list[Entry]) -> dict[int, set[int | None]]:
    """Makers of many entries at once: creator, submitter and every value author."""
    out: dict[int, set[int | None]] = {e.id: {e.created_by, e.submitted_by} for e in entries}
    ids = list(out)
    for chunk in range(0, len(ids), 500):
        rows = session.execute(
            select(FieldValue.entry_id, FieldValue.author_id)
            .where(FieldValue.entry_id.in_(ids[chunk:chunk + 500])).distinct()
        )
        for entry_id, author in rows:
            out[entry_id].add(author)
    for makers in out.values():
        makers.discard(None)
    return out


def create_register(
    session: Session,
    *,
    actor: Actor,
    template: str | Template,
    district: str,
    tehsil: str,
    mauza: str,
    hadbast_no: str,
    year: str,
    volume: str = "1",
    header: dict | None = None,
    previous_id: int | None = None,
    template_json: dict | None = None,
) -> int:
    """Create a register; the template is frozen into it. Returns the register id.

    `template_json` (the decoded template file) is frozen as given; otherwise the file the
    template was loaded from is read.
    """
    if template_json is not None:
        tpl = parse_template(template_json, f"template '{template_json.get('id', '?')}'")
    else:
        tpl = template if isinstance(template, Template) else get_template(template)
    raw = template_json
    if raw is None and tpl.source:
        import json
        from pathlib import Path

        try:
            raw = json.loads(Path(tpl.source).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = None
    reg = Register(
        template_id=tpl.id, template_version=tpl.version, template_json=raw,
        district=normalise(district), tehsil=normalise(tehsil), mauza=normalise(mauza),
        hadbast_no=normalise(str(hadbast_no)), year=normalise(str(year)), volume=normalise(str(volume)),
        header={k: normalise(str(v)) for k, v in (header or {}).items()},
        previous_id=previous_id, created_by=actor.id,
    )
    session.add(reg)
    session.flush()
    audit.record(session, actor=actor, action="register.create", entity="register", entity_id=reg.id,
                 register_id=reg.id, new=f"{tpl.id} {reg.mauza} {reg.year}")
    return reg.id


def list_registers(session: Session) -> list[RegisterView]:
    pages = dict(session.execute(select(Page.register_id, func.count()).group_by(Page.register_id)).all())
    entries = dict(
        session.execute(
            select(Entry.register_id, func.count())
            .where(Entry.is_latest.is_(True), Entry.deleted.is_(False))
            .group_by(Entry.register_id)
        ).all()
    )
    regs = session.scalars(select(Register).order_by(Register.id)).all()
    return [register_view(r, pages.get(r.id, 0), entries.get(r.id, 0)) for r in regs]


def get_register(session: Session, register_id: int) -> RegisterView:
    return register_view(_get(session, Register, register_id))


# ----------------------------------------------------------------------------- pages
def find_image(session: Session, sha: str) -> tuple[int, int, int] | None:
    row = session.execute(select(Page.register_id, Page.page_no, Page.id).where(Page.image_sha256 == sha).limit(1)).first()
    return tuple(row) if row else None


def add_page(
    session: Session,
    images: ImageStore,
    *,
    actor: Actor,
    register_id: int,
    data: bytes | None = None,
    name: str = "",
    page_no: int | None = None,
    width: int = 0,
    height: int = 0,
    image: PreparedImage | None = None,
) -> AddPageResult:
    """Store a page image (durably, before the row commits) and add the page.

    The image is `data`, or `image`: one prepared already (hashed and encrypted off this
    thread, `ImageStore.prepare`), so that only the file and the rows are written here.
    An image already in the workspace is not added again: the result names where it is.
    """
    _get(session, Register, register_id)
    if image is None:
        if data is None:
            raise TypeError("add_page needs the image's data or a prepared image")
        image = images.prepare(data)
    sha = image.sha256
    dup = find_image(session, sha)
    if dup:
        return AddPageResult(None, None, sha, dup)
    images.put_prepared(image)  # fsynced and renamed before the row below can commit
    if page_no is None:
        page_no = (session.scalar(select(func.max(Page.page_no)).where(Page.register_id == register_id)) or 0) + 1
    page = Page(register_id=register_id, page_no=page_no, image_sha256=sha, image_name=name,
                width=width, height=height, created_by=actor.id)
    session.add(page)
    session.flush()
    audit.record(session, actor=actor, action="page.add", entity="page", entity_id=page.id,
                 register_id=register_id, page_id=page.id, new=sha, detail={"name": name, "page_no": page_no})
    return AddPageResult(page.id, page_no, sha)


def move_page(session: Session, *, actor: Actor, page_id: int, register_id: int) -> Changes:
    """Move a page imported into the wrong register to the end of another register.

    Only a page whose rows are all drafts as OCR read them: those rows were read with the
    wrong register's columns, so they are deleted (kept in the database and the audit) and
    the page is to be read again (its OCR status back to none). The pages after it in its
    old register move up one, so its pages stay numbered 1, 2, 3… in order."""
    workflow.check_edit(actor=actor, state=workflow.DRAFT)
    page = _get(session, Page, page_id)
    target = _get(session, Register, register_id)
    if page.register_id == target.id:
        raise workflow.WorkflowError(f"page {page.page_no} is already in that register")
    rows = session.scalars(select(Entry).where(Entry.page_id == page_id, Entry.is_latest.is_(True),
                                               Entry.deleted.is_(False))).all()
    typed = rows and session.scalar(select(func.count()).select_from(FieldValue).where(
        FieldValue.entry_id.in_([e.id for e in rows]), FieldValue.source != "ocr"))
    if typed or any(e.state != workflow.DRAFT for e in rows):
        raise workflow.WorkflowError(
            f"page {page.page_no} has rows that were corrected or submitted: it cannot be moved; "
            "delete its rows or ask the supervisor")
    for e in rows:
        e.deleted = True
        audit.record(session, actor=actor, action="entry.delete", entity="entry", entity_id=e.id,
                     register_id=e.register_id, page_id=page_id, entry_uuid=e.uuid)
    old_register, old_no = page.register_id, page.page_no
    new_no = (session.scalar(select(func.max(Page.page_no)).where(Page.register_id == target.id)) or 0) + 1
    page.register_id, page.page_no = target.id, new_no
    page.ocr_status, page.ocr_error, page.looks_like, page.state = "none", None, None, workflow.DRAFT
    session.flush()
    after = session.scalars(select(Page).where(Page.register_id == old_register, Page.page_no > old_no)
                            .order_by(Page.page_no)).all()
    for p in after:  # one at a time, in order: (register, page_no) is unique
        p.page_no -= 1
        session.flush()
    audit.record(session, actor=actor, action="page.move", entity="page", entity_id=page_id,
                 register_id=target.id, page_id=page_id, old=f"{old_register}:{old_no}",
                 new=f"{target.id}:{new_no}", detail={"rows_deleted": len(rows)})
    return Changes(registers=True, pages=True, entries=True, page_ids={page_id} | {p.id for p in after},
                   entry_ids={e.id for e in rows})


def list_pages(session: Session, register_id: int) -> list[PageView]:
    pages = session.scalars(select(Page).where(Page.register_id == register_id).order_by(Page.page_no)).all()
    return [_page_view(p) for p in pages]


def get_page(session: Session, page_id: int) -> PageView:
    return _page_view(_get(session, Page, page_id))


def set_ocr_status(session: Session, *, page_id: int, status: str, error: str | None = None) -> Changes:
    """Record OCR progress of a page (none|queued|running|done|failed)."""
    page = _get(session, Page, page_id)
    page.ocr_status = status
    page.ocr_error = error
    return Changes(pages=True, page_ids={page_id})


def pages_needing_ocr(session: Session) -> list[int]:
    """Pages queued or interrupted while running (resume after a restart)."""
    return list(session.scalars(select(Page.id).where(Page.ocr_status.in_(("queued", "running"))).order_by(Page.id)))


# ----------------------------------------------------------------------------- entries
def _check_rows_may_come(session: Session, page_id: int | None) -> None:
    """A row may be added to (or a deleted one brought back onto) a page only while the page
    is a draft or returned: a draft row appearing on a page under review would be approved
    or batched beside rows it was never checked with."""
    page = session.get(Page, page_id) if page_id is not None else None
    if page is not None and page.state not in workflow.EDITABLE:
        raise workflow.WorkflowError(f"page {page.page_no} is {page.state}: rows can be added or brought back only "
                                     "while it is a draft or returned to the clerk")


def add_entry(
    session: Session,
    *,
    actor: Actor,
    register_id: int,
    page_id: int | None = None,
    row_no: int | None = None,
    values: dict[str, str] | None = None,
    source: str = "typed",
) -> int:
    """Add an empty (or pre-filled) row; returns its entry id."""
    _check_rows_may_come(session, page_id)
    tpl = register_template(session, register_id)
    if row_no is None:
        row_no = (session.scalar(select(func.max(Entry.row_no)).where(Entry.page_id == page_id, Entry.register_id == register_id, Entry.is_latest.is_(True))) or 0) + 1
    e = Entry(register_id=register_id, page_id=page_id, row_no=row_no, created_by=actor.id)
    session.add(e)
    session.flush()
    audit.record(session, actor=actor, action="entry.add", entity="entry", entity_id=e.id,
                 register_id=register_id, page_id=page_id, entry_uuid=e.uuid, detail={"row_no": row_no})
    current: dict[str, FieldValue] = {}  # a new row has no values: none to look up per field
    for name, text in (values or {}).items():
        spec = tpl.field(name)
        _append_value(session, e, spec, text, actor=actor, source=source, current=current, flush=False)
    session.flush()
    return e.id


def _append_value(session, entry: Entry, spec, text: str, *, actor: Actor, source: str,
                  raw_text: str | None = None, confidence: float | None = None, box=None,
                  extra_flags: Iterable[Any] = (), exact: bool = False,
                  current: dict[str, FieldValue] | None = None, flush: bool = True) -> FieldValue:
    """A new current value of a field (the old one kept), audited. `exact`: stored as given,
    not normalised (the central server's copy taken as it is: records.conflicts).
    `current`: the entry's current values when the caller holds them (kept up to date here;
    a new row's values were each looked up again: copying a 1,500-khasra register forward
    took a minute); `flush=False` leaves the flush to the caller."""
    if not exact:
        text = stored_text(spec, text)
    if current is None:
        current = _current_values(session, entry.id)
    old = current.get(spec.name)
    if old is not None:
        old.current = False
        if raw_text is None:
            raw_text = old.raw_text
        if box is None:
            box = old.box
    fv = FieldValue(entry_id=entry.id, field=spec.name, value=text, raw_text=raw_text,
                    confidence=confidence, box=list(box) if box else None, source=source,
                    flags=_value_flags(spec, text, extra_flags), author_id=actor.id)
    session.add(fv)
    current[spec.name] = fv
    _update_search_keys(session, entry, spec.name, text)
    if spec.name in OWNER_SEARCH_FIELDS:
        # an intiqal row has a transferor and a transferee: both must be found by name
        entry.search_owner = " | ".join(
            normalise(current[f].value) for f in OWNER_SEARCH_FIELDS if f in current and current[f].value)
    audit.record(session, actor=actor, action="value.set", entity="entry", entity_id=entry.id,
                 register_id=entry.register_id, page_id=entry.page_id, entry_uuid=entry.uuid,
                 field=spec.name, old=old.value if old is not None else None, new=text,
                 detail={"source": source, "version": entry.version})
    if flush:
        session.flush()
    return fv


def _new_version(session: Session, entry: Entry, actor: Actor, *, settle: bool = True) -> Entry:
    """Copy an approved (or later) entry into a new draft version; the old one stays readable.
    `settle`: a conflict of the old version is settled by this one (`_settle_conflict`);
    records.conflicts settles it its own way when the server's copy is taken."""
    entry.is_latest = False
    new = Entry(uuid=entry.uuid, version=entry.version + 1, register_id=entry.register_id,
                page_id=entry.page_id, row_no=entry.row_no, created_by=actor.id,
                search_khewat=entry.search_khewat, search_khasra=entry.search_khasra,
                search_owner=entry.search_owner)
    session.add(new)
    session.flush()
    for v in _current_values(session, entry.id).values():
        session.add(FieldValue(entry_id=new.id, field=v.field, value=v.value, raw_text=v.raw_text,
                               confidence=v.confidence, box=v.box, source="copied", flags=v.flags,
                               author_id=v.author_id))
    _set_tokens(session, new.id, new.search_khasra)
    audit.record(session, actor=actor, action="entry.new_version", entity="entry", entity_id=new.id,
                 register_id=entry.register_id, page_id=entry.page_id, entry_uuid=entry.uuid,
                 old=str(entry.version), new=str(new.version))
    if settle:
        _settle_conflict(session, entry, new, actor)
    session.flush()
    return new


def _settle_conflict(session: Session, old: Entry, new: Entry, actor: Actor) -> None:
    """A version the server holds with other content (outbox item in `conflict`) is settled
    by a newer version: this office's content goes to the server under the new version once
    it is approved, and the old item stops asking for a supervisor (`superseded`, audited)."""
    item = session.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == old.uuid, OutboxItem.version == old.version,
                                                   OutboxItem.state == "conflict"))
    if item is None:
        return
    item.state = "superseded"
    item.last_error = (f"Settled: version {new.version} of this entry replaces the one in conflict; it is sent "
                       "once approved.")
    audit.record(session, actor=actor, action="outbox.superseded", entity="entry", entity_id=new.id,
                 register_id=old.register_id, page_id=old.page_id, entry_uuid=old.uuid,
                 old=str(old.version), new=str(new.version))


def set_value(session: Session, *, actor: Actor, entry_id: int, field_name: str, text: str,
              source: str = "corrected") -> Changes:
    """Set a field of an entry (a new value row; the old one is kept).

    Editing an approved entry creates a new version that must be approved again.
    """
    entry = _get(session, Entry, entry_id)
    if not entry.is_latest:
        raise workflow.WorkflowError("this is an old version of the entry: edit the newest version")
    needs_version = workflow.check_edit(actor=actor, state=entry.state)
    tpl = register_template(session, entry.register_id)
    spec = tpl.field(field_name)
    ch = Changes(values=True, entry_ids={entry_id})
    cur = _current_values(session, entry.id).get(field_name)
    new_text = stored_text(spec, text)
    if cur is not None and cur.value == new_text and cur.source not in ("ocr", "copied"):
        return Changes()
    if needs_version:
        entry = _new_version(session, entry, actor)
        ch.entries = ch.workflow = True
        ch.new_entry_ids[entry_id] = entry.id
        ch.entry_ids.add(entry.id)
    if source == "corrected" and cur is None:
        source = "typed"
    _append_value(session, entry, spec, text, actor=actor, source=source)
    entry.updated_at = utcnow()
    return ch


def delete_entry(session: Session, *, actor: Actor, entry_id: int) -> Changes:
    """Mark a row deleted (it stays in the database and the audit)."""
    entry = _get(session, Entry, entry_id)
    workflow.check_edit(actor=actor, state=entry.state)
    if entry.state not in workflow.EDITABLE:
        raise workflow.WorkflowError("only draft or returned rows can be deleted")
    entry.deleted = True
    audit.record(session, actor=actor, action="entry.delete", entity="entry", entity_id=entry.id,
                 register_id=entry.register_id, page_id=entry.page_id, entry_uuid=entry.uuid)
    return Changes(entries=True, entry_ids={entry_id})


def restore_entry(session: Session, *, actor: Actor, entry_id: int) -> Changes:
    """Bring back a deleted row (undo of a delete) with its values, at its old place."""
    entry = _get(session, Entry, entry_id)
    workflow.check_edit(actor=actor, state=entry.state)
    if entry.state not in workflow.EDITABLE:
        raise workflow.WorkflowError("only draft or returned rows can be restored")
    if not entry.deleted:
        return Changes()
    _check_rows_may_come(session, entry.page_id)
    entry.deleted = False
    audit.record(session, actor=actor, action="entry.restore", entity="entry", entity_id=entry.id,
                 register_id=entry.register_id, page_id=entry.page_id, entry_uuid=entry.uuid)
    return Changes(entries=True, entry_ids={entry_id})


def move_entry(session: Session, *, actor: Actor, entry_id: int, row_no: int) -> Changes:
    """Move a row to position `row_no` on its page, shifting the others."""
    entry = _get(session, Entry, entry_id)
    workflow.check_edit(actor=actor, state=entry.state)
    rows = session.scalars(
        select(Entry).where(Entry.page_id == entry.page_id, Entry.register_id == entry.register_id,
                            Entry.is_latest.is_(True), Entry.deleted.is_(False)).order_by(Entry.row_no, Entry.id)
    ).all()
    rows = [r for r in rows if r.id != entry.id]
    row_no = max(1, min(row_no, len(rows) + 1))
    rows.insert(row_no - 1, entry)
    old = entry.row_no
    for i, r in enumerate(rows, start=1):
        r.row_no = i
    audit.record(session, actor=actor, action="entry.move", entity="entry", entity_id=entry.id,
                 register_id=entry.register_id, page_id=entry.page_id, entry_uuid=entry.uuid,
                 old=str(old), new=str(row_no))
    return Changes(entries=True, entry_ids={r.id for r in rows})


def _row_views(session: Session, entries: list[Entry]) -> list[RowView]:
    if not entries:
        return []
    ids = [e.id for e in entries]
    vals: dict[int, dict[str, ValueView]] = {i: {} for i in ids}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        for v in session.scalars(select(FieldValue).where(FieldValue.entry_id.in_(chunk), FieldValue.current.is_(True))):
            vals[v.entry_id][v.field] = _value_view(v)
    return [RowView(e.id, e.uuid, e.version, e.page_id, e.row_no, e.state, e.comment, e.created_by, vals[e.id]) for e in entries]


def page_rows(session: Session, page_id: int) -> list[RowView]:
    """Latest, not deleted rows of a page in order."""
    entries = session.scalars(
        select(Entry).where(Entry.page_id == page_id, Entry.is_latest.is_(True), Entry.deleted.is_(False))
        .order_by(Entry.row_no, Entry.id)
    ).all()
    return _row_views(session, list(entries))


def values_above_page(session: Session, page_id: int) -> dict[str, str]:
    """What lies above a page's first row: per field, its value in the nearest row that has
    one on the register's previous page (by page number); {} on a register's first page.
    Ditto (and the next khasra number) at the top of a page take it, as the clerk turns the
    register's leaf."""
    page = _get(session, Page, page_id)
    prev = session.scalar(select(Page.id).where(Page.register_id == page.register_id, Page.page_no < page.page_no)
                          .order_by(Page.page_no.desc()).limit(1))
    above: dict[str, str] = {}
    if prev is None:
        return above
    for row in reversed(page_rows(session, prev)):
        for name, v in row.values.items():
            if name not in above and (v.value or "").strip():
                above[name] = v.value.strip()
    return above


@dataclass(frozen=True)
class KhewatHolding:
    """A khewat as the jamabandi of the mauza holds it (for the intiqal checks)."""

    area: Area | None  # its whole area (None when an area of it does not parse)
    year: str  # the jamabandi's year, named in the flags
    shares: tuple[tuple[str, Fraction], ...] = ()  # (normalised owner line, share)


def _year_start(year: str) -> int:
    digits = normalise(year)[:4]
    return int(digits) if digits.isdigit() else 0


def khewat_holdings(session: Session, register_id: int) -> dict[int, KhewatHolding]:
    """For an intiqal register: each khewat's area and owners' shares in the jamabandi of its
    mauza in force in its year (the newest edition of that year or before; else none). A
    khewat's area is its total row (میزان) where it has one, else the sum of its lands; None
    where an area or share of it does not parse. {} for other registers or with no such
    jamabandi."""
    from records.validation import khewat_summary

    reg = _get(session, Register, register_id)
    if "mutation_no" not in register_template(session, register_id).column_names:
        return {}
    start = _year_start(reg.year)
    editions = session.scalars(select(Register).where(
        Register.template_id == "jamabandi", Register.district == reg.district,
        Register.tehsil == reg.tehsil, Register.mauza == reg.mauza)).all()
    in_force = [r for r in editions if _year_start(r.year) <= start]
    if not in_force:
        return {}
    jamabandi = max(in_force, key=lambda r: (_year_start(r.year), r.id))
    rows = [{k: v.value for k, v in r.values.items()}
            for r in rows_by_ids(session, register_entry_ids(session, jamabandi.id))]
    out = {}
    for no, k in khewat_summary(register_template(session, jamabandi.id), rows).items():
        area = k.given_total or k.area
        out[no] = KhewatHolding(area if k.complete and area.sarsai > 0 else None, jamabandi.year, k.owner_shares)
    return out


def register_entry_ids(session: Session, register_id: int) -> list[int]:
    """Ids of the latest rows of a register in page/row order (for lazy table models)."""
    return list(session.scalars(
        select(Entry.id).outerjoin(Page, Page.id == Entry.page_id)
        .where(Entry.register_id == register_id, Entry.is_latest.is_(True), Entry.deleted.is_(False))
        .order_by(Page.page_no, Entry.row_no, Entry.id)
    ))


def rows_by_ids(session: Session, entry_ids: list[int]) -> list[RowView]:
    entries = session.scalars(select(Entry).where(Entry.id.in_(entry_ids))).all()
    by_id = {e.id: e for e in entries}
    return _row_views(session, [by_id[i] for i in entry_ids if i in by_id])


def get_row(session: Session, entry_id: int) -> RowView:
    return _row_views(session, [_get(session, Entry, entry_id)])[0]


def entry_history(session: Session, entry_id: int) -> list[ValueView]:
    """Every value ever written for an entry, oldest first (evidence for review)."""
    return [_value_view(v) for v in session.scalars(select(FieldValue).where(FieldValue.entry_id == entry_id).order_by(FieldValue.id))]


def entry_versions(session: Session, uuid: str) -> list[RowView]:
    entries = session.scalars(select(Entry).where(Entry.uuid == uuid).order_by(Entry.version)).all()
    return _row_views(session, list(entries))


# ----------------------------------------------------------------------------- OCR results
def save_ocr_rows(session: Session, *, actor: Actor, page_id: int, rows: list[dict[str, Any]],
                  looks_like: str | None = None) -> Changes:
    """Store OCR readings of a page as draft entries (source 'ocr', raw text and box kept).

    Each reading needs attributes text, raw_text, confidence, box, flags (ocr.pipeline.FieldReading
    fits). Rows a clerk already touched are never overwritten: OCR of a page that has
    corrected entries adds nothing and says so. `looks_like`: the register kind the page's
    headings matched better than its register's (ocr.pipeline.PageReading.looks_like), kept
    on the page for the clerk to see.
    """
    page = _get(session, Page, page_id)
    tpl = register_template(session, page.register_id)
    existing = session.scalars(select(Entry).where(Entry.page_id == page_id, Entry.is_latest.is_(True), Entry.deleted.is_(False))).all()
    if existing:
        touched = session.scalar(
            select(func.count()).select_from(FieldValue)
            .where(FieldValue.entry_id.in_([e.id for e in existing]), FieldValue.source != "ocr")
        )
        if touched or any(e.state not in workflow.EDITABLE for e in existing):
            raise workflow.WorkflowError(
                f"page {page.page_no} already has corrected rows; OCR results were not applied over them"
            )
        for e in existing:  # audited like any delete: the trail accounts for every deleted row
            e.deleted = True
            audit.record(session, actor=actor, action="entry.delete", entity="entry", entity_id=e.id,
                         register_id=e.register_id, page_id=page_id, entry_uuid=e.uuid, detail={"by": "ocr"})
    ch = Changes(entries=True, values=True, pages=True, page_ids={page_id})
    for i, readings in enumerate(rows, start=1):
        e = Entry(register_id=page.register_id, page_id=page_id, row_no=i, created_by=actor.id)
        session.add(e)
        session.flush()
        audit.record(session, actor=actor, action="entry.add", entity="entry", entity_id=e.id,
                     register_id=page.register_id, page_id=page_id, entry_uuid=e.uuid,
                     detail={"row_no": i, "source": "ocr"})
        for name, r in readings.items():
            try:
                spec = tpl.field(name)
            except KeyError:
                continue
            box = tuple(int(v) for v in r.box) if getattr(r, "box", None) else None
            _append_value(session, e, spec, r.text or "", actor=actor, source="ocr",
                          raw_text=getattr(r, "raw_text", None) or "", confidence=getattr(r, "confidence", None),
                          box=box, extra_flags=[f for f in (getattr(r, "flags", None) or []) if getattr(f, "code", None) != "parse" and (not isinstance(f, dict) or f.get("code") != "parse")])
        ch.entry_ids.add(e.id)
    page.ocr_status = "done"
    page.ocr_error = None
    page.looks_like = looks_like
    return ch


# ----------------------------------------------------------------------------- workflow
@dataclass(frozen=True)
class Seen:
    """What a reviewer was shown of an entry when he chose to act on it: its version, state
    and values (`values_fingerprint`), and where it stood (page id, row number: to name it)."""

    entry_id: int
    version: int
    state: str
    values: str
    page_id: int | None = None
    row_no: int | None = None


def values_fingerprint(values: Mapping[str, str | None]) -> str:
    """A short digest of an entry's values in their canonical form (`records.text.normalise`,
    as the review compares a value with OCR's reading: ۱۲-۵ is 12-5); an empty value is no value."""
    canon = sorted((k, n) for k, v in values.items() if (n := normalise(v)))
    return hashlib.sha256(json.dumps(canon, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def seen_of(row: RowView) -> Seen:
    """What a reviewer shown `row` has seen of it."""
    return Seen(row.entry_id, row.version, row.state, values_fingerprint({k: v.value for k, v in row.values.items()}),
                row.page_id, row.row_no)


class ChangedSinceShown(workflow.WorkflowError):
    """Entries a reviewer acted on changed after they were shown to him (another copy of
    Daftar returned, corrected or submitted them again): nothing was done. `page_ids`: the
    pages to show again; `entry_ids`: the entries that changed."""

    def __init__(self, message: str, *, page_ids: set[int], entry_ids: set[int]) -> None:
        super().__init__(message)
        self.page_ids = page_ids
        self.entry_ids = entry_ids


_NOTHING_DONE = {"approve": "Nothing was approved", "return": "Nothing was returned", "verify": "Nothing was verified"}


def _changed_message(session: Session, action: str, changed: list[Seen]) -> str:
    """'Nothing was approved: mauza …, page 3, rows 2, 5 changed after …' (the first page
    named, the others counted)."""
    by_page: dict[int | None, list[int]] = {}
    for s in changed:
        by_page.setdefault(s.page_id, []).append(s.row_no or 0)
    first, *others = by_page
    page = session.get(Page, first) if first is not None else None
    rows = sorted(set(by_page[first]))
    if page is not None:
        where = f"{register_label(page.register)}, page {page.page_no}"
    else:
        where = "a row without a page"
    where += f", row {rows[0]}" if len(rows) == 1 else ", rows " + ", ".join(str(r) for r in rows)
    if others:
        where += f", and rows of {len(others)} other page(s)"
    done = _NOTHING_DONE.get(action, "Nothing was changed")
    return (f"{done}: {where} changed after you opened the page (returned, corrected or submitted again, in "
            "another copy of Daftar perhaps). Look at the page again as it is now.")


def _refuse_changed(session: Session, action: str, ids: list[int], loaded: dict[int, Entry],
                    seen: Mapping[int, Seen]) -> None:
    """Raise ChangedSinceShown when an entry of `ids` is not as the reviewer was shown it:
    another version (or an old one now), another state, other values, deleted or gone."""
    missing = [i for i in ids if i not in seen]
    if missing:
        raise ValueError(f"entries {missing} were not shown to the reviewer: say what he saw of each")
    values: dict[int, dict[str, str]] = {i: {} for i in ids}
    for chunk in range(0, len(ids), 500):
        for eid, name, value in session.execute(
                select(FieldValue.entry_id, FieldValue.field, FieldValue.value)
                .where(FieldValue.entry_id.in_(ids[chunk:chunk + 500]), FieldValue.current.is_(True))):
            values[eid][name] = value
    changed = []
    for i in ids:
        e, s = loaded.get(i), seen[i]
        if (e is None or e.deleted or not e.is_latest or e.version != s.version or e.state != s.state
                or values_fingerprint(values[i]) != s.values):
            changed.append(s)
    if changed:
        raise ChangedSinceShown(_changed_message(session, action, changed),
                                page_ids={s.page_id for s in changed if s.page_id is not None},
                                entry_ids={s.entry_id for s in changed})


def _hold_write_lock(session: Session) -> None:
    """Take the database's write lock now (a write that changes nothing): what is read after
    it stays as read until the commit, also against another copy of Daftar on the workspace."""
    session.execute(sql_text("UPDATE entry SET state = state WHERE 1 = 0"))


def transition(session: Session, *, actor: Actor, entry_ids: Iterable[int], action: str,
               comment: str | None = None, require_verification: bool = False,
               field_name: str | None = None, seen: Iterable[Seen] | None = None) -> Changes:
    """Move entries through the workflow (all or nothing), audited, maker-checker enforced.

    A return may name the one field it is about (`field_name`: a reviewer returned a single
    field); its audit event keeps it (`last_return`), and the clerk's row opens on it.

    `seen`: what the reviewer was shown of each entry (`seen_of` the rows he looked at, one
    for every id). When an entry is no longer so (another copy of Daftar on the workspace
    returned it, the clerk corrected and submitted it again, edited it into a new version),
    nothing at all is done (ChangedSinceShown naming the page and rows): a page approved as
    a whole is approved whole, or not. Without `seen` (the command line, scripts, sync) the
    entries are moved as they are now, on purpose."""
    ch = Changes(workflow=True, entries=True)
    ids = list(entry_ids)
    query = select(Entry)
    if seen is not None:
        seen = {s.entry_id: s for s in seen}
        _hold_write_lock(session)  # nobody changes them between this check and the commit
        query = query.execution_options(populate_existing=True)  # as stored now, not as this session last read
    loaded = {e.id: e for chunk in range(0, len(ids), 500)
              for e in session.scalars(query.where(Entry.id.in_(ids[chunk:chunk + 500])))}
    if seen is not None:
        _refuse_changed(session, action, ids, loaded, seen)
    if field_name is not None:  # (the review names a cell of the page it shows: never a clerk's input)
        if action != "return":
            raise ValueError(f"only a return names a field, not a {action}")
        for rid in {e.register_id for e in loaded.values()}:
            if field_name not in register_template(session, rid).column_names:
                raise ValueError(f"{field_name} is not a field of the register of the entries returned")
    t = workflow.TRANSITIONS.get(action)
    makers = _makers_of(session, list(loaded.values())) if t is not None and t.checker else {}
    events: list[dict] = []
    for entry_id in ids:
        entry = loaded.get(entry_id)
        if entry is None:
            raise NotFound(f"entry {entry_id} does not exist")
        if not entry.is_latest:
            raise workflow.WorkflowError(f"entry {entry_id} is an old version")
        target = workflow.check_transition(actor=actor, action=action, state=entry.state,
                                           makers=makers.get(entry.id, set()), comment=comment,
                                           require_verification=require_verification, approver=entry.approved_by)
        old = entry.state
        entry.state = target
        if action == "submit":
            entry.submitted_by = actor.id
        elif action == "approve":
            entry.approved_by = actor.id
        elif action == "verify":
            entry.verified_by = actor.id
        if comment is not None:
            entry.comment = comment
        events.append({"action": f"entry.{action}", "entity": "entry", "entity_id": entry.id,
                       "register_id": entry.register_id, "page_id": entry.page_id, "entry_uuid": entry.uuid,
                       "field": field_name, "old": old, "new": target, "detail": {"comment": comment} if comment else {}})
        ch.entry_ids.add(entry.id)
        if entry.page_id:
            ch.page_ids.add(entry.page_id)
    audit.record_many(session, actor=actor, events=events)  # one INSERT, the same chain as one by one
    _refresh_page_states(session, ch.page_ids)
    ch.pages = bool(ch.page_ids)
    return ch


_STATE_ORDER = {s: i for i, s in enumerate(workflow.STATES)}


def last_return(session: Session, entry_uuid: str) -> tuple[str, str | None]:
    """Who last returned an entry (its versions share the uuid) and the field that return
    named, if one (None: the whole row, or a page, went back)."""
    row = session.execute(select(AuditEvent.username, AuditEvent.field)
                          .where(AuditEvent.entry_uuid == entry_uuid, AuditEvent.action == "entry.return")
                          .order_by(AuditEvent.id.desc()).limit(1)).first()
    return (row[0] or "", row[1]) if row else ("", None)


def _refresh_page_states(session: Session, page_ids: Iterable[int]) -> None:
    """`_refresh_page_state` for many pages with one query for their rows' states."""
    ids = sorted(set(page_ids))
    states: dict[int, set[str]] = {}
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        for pid, st in session.execute(
            select(Entry.page_id, Entry.state).where(Entry.page_id.in_(part), Entry.is_latest.is_(True),
                                                     Entry.deleted.is_(False)).distinct()
        ):
            states.setdefault(pid, set()).add(st)
        for page in session.scalars(select(Page).where(Page.id.in_(part))):
            got = states.get(page.id)
            if not got:
                continue
            page.state = workflow.RETURNED if workflow.RETURNED in got else min(got, key=lambda s: _STATE_ORDER.get(s, 0))


def _refresh_page_state(session: Session, page_id: int) -> None:
    """A page shows the least advanced state of its rows (returned wins: it needs the clerk)."""
    states = set(session.scalars(select(Entry.state).where(Entry.page_id == page_id, Entry.is_latest.is_(True), Entry.deleted.is_(False))))
    page = session.get(Page, page_id)
    if not states or page is None:
        return
    if workflow.RETURNED in states:
        page.state = workflow.RETURNED
    else:
        page.state = min(states, key=lambda s: _STATE_ORDER.get(s, 0))


def page_error_flags(session: Session, page_id: int) -> list[Flag]:
    """Error-level flags left on a page (submit is refused while there are any)."""
    from records.validation import validate_rows

    page = _get(session, Page, page_id)
    tpl = register_template(session, page.register_id)
    rows = page_rows(session, page_id)
    plain = [{k: v.value for k, v in r.values.items()} for r in rows]
    # every field rule (required, parse, range) and cross-row rule, from one validation pass
    flags = [f for f in validate_rows(tpl, plain) if f.severity == ERROR]
    # error flags OCR stored on values that no rule works out again (none today) do not know
    # their row: name it. Stored copies of the rules' flags are stale once a value is corrected.
    flags += [f if f.row is not None else replace(f, row=r.row_no - 1)
              for r in rows for v in r.values.values() for f in v.flags
              if f.severity == ERROR and f.code in OCR_CODES]
    return flags


def submit_page(session: Session, *, actor: Actor, page_id: int) -> Changes:
    """Submit every draft/returned row of a page for review, when no error-level flag remains."""
    errors = page_error_flags(session, page_id)
    if errors:
        first = errors[0]  # its message names the row and the field ("Row 1: Area (K-M): ...")
        raise workflow.WorkflowError(f"{len(errors)} problem(s) must be corrected before submitting; first: {first.message}")
    ids = [r.entry_id for r in page_rows(session, page_id) if r.state in workflow.EDITABLE]
    if not ids:
        raise workflow.WorkflowError("this page has no draft rows to submit")
    return transition(session, actor=actor, entry_ids=ids, action="submit")


# ----------------------------------------------------------------------------- search
@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    register_id: int
    page_id: int | None
    row_no: int
    khewat: str
    khasra: str
    owner: str


def search(session: Session, query: str, *, register_id: int | None = None, limit: int = 200) -> list[SearchHit]:
    """Find rows by khewat number, khasra number or owner name (digits and letters normalised)."""
    q = normalise(query)
    if not q:
        return []
    stmt = select(Entry.id, Entry.register_id, Entry.page_id, Entry.row_no, Entry.search_khewat,
                  Entry.search_khasra, Entry.search_owner).where(Entry.is_latest.is_(True), Entry.deleted.is_(False))
    if register_id is not None:
        stmt = stmt.where(Entry.register_id == register_id)
    compact = q.replace(" ", "")
    if compact.replace("/", "").isdigit():
        # indexed look-ups (khasra tokens, khewat number) instead of a scan of every row
        ids = select(SearchToken.entry_id).where(SearchToken.token == compact)
        if compact.isdigit():
            ids = ids.union(select(Entry.id).where(Entry.search_khewat == compact))
        stmt = stmt.where(Entry.id.in_(ids))
    else:
        stmt = stmt.where(Entry.search_owner.contains(q, autoescape=True))
    rows = session.execute(stmt.limit(limit)).all()
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], (r[5] or "").strip(), r[6]) for r in rows]


def mark_page(session: Session, *, page_id: int, **fields) -> None:
    session.execute(update(Page).where(Page.id == page_id).values(**fields))
