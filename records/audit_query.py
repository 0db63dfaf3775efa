"""Reading the audit trail with filters (user, register, entry, dates) as plain values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from records.models import AuditEvent, Page, Register
from records.services import RegisterView, register_view


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None  # matched whatever its case and the spaces around it
    register_id: int | None = None
    entry_uuid: str | None = None
    since: str | dt.date | None = None  # YYYY-MM-DD or date
    until: str | dt.date | None = None
    action: str | None = None
    limit: int | None = 500  # None: every event
    offset: int = 0
    newest_first: bool = False  # the audit viewer: what just happened at the top
    from_id: int | None = None  # start the listing at this event (in the listing's order)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: str
    register_id: int | None
    page_id: int | None
    entry_uuid: str | None
    field: str | None
    old: str | None
    new: str | None
    detail: dict


def parse_date(v) -> dt.datetime | None:
    """A filter's date (YYYY-MM-DD, an ISO date and time, or a date/datetime) as a datetime;
    None for none. ValueError naming the value and the format when it is not a date."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v
    if isinstance(v, dt.date):
        return dt.datetime.combine(v, dt.time())
    try:
        return dt.datetime.fromisoformat(str(v))
    except ValueError:
        raise ValueError(f"'{v}' is not a date: write YYYY-MM-DD") from None


def _filtered(f: AuditFilter):
    """The SELECT of the events `f` lets through, in the listing's order (no offset or limit)."""
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc() if f.newest_first else AuditEvent.id)
    if f.from_id is not None:
        stmt = stmt.where(AuditEvent.id <= f.from_id if f.newest_first else AuditEvent.id >= f.from_id)
    if f.username and f.username.strip():  # a user name in any case, as at the sign-in
        stmt = stmt.where(func.lower(AuditEvent.username) == f.username.strip().lower())
    if f.register_id is not None:
        stmt = stmt.where(AuditEvent.register_id == f.register_id)
    if f.entry_uuid:
        stmt = stmt.where(AuditEvent.entry_uuid == f.entry_uuid)
    if f.action:
        stmt = stmt.where(AuditEvent.action.like(f"{f.action}%"))
    since = parse_date(f.since)
    if since:
        stmt = stmt.where(AuditEvent.at >= since)
    if f.until:
        end = parse_date(f.until)
        if not isinstance(f.until, dt.datetime) and len(str(f.until)) <= 10:
            end += dt.timedelta(days=1)  # a date means "to the end of that day"
        stmt = stmt.where(AuditEvent.at < end)
    return stmt


def query_events(session: Session, f: AuditFilter) -> list[AuditRow]:
    """The events `f` lets through, `f.offset` and `f.limit` applied (limit None: all).
    ValueError naming the value and the format (YYYY-MM-DD) for a date that is not one."""
    stmt = _filtered(f).offset(f.offset)
    if f.limit is not None:
        stmt = stmt.limit(f.limit)
    return [
        AuditRow(e.id, e.at, e.username, e.action, e.entity, e.entity_id, e.register_id, e.page_id,
                 e.entry_uuid, e.field, e.old, e.new, dict(e.detail or {}))
        for e in session.scalars(stmt)
    ]


@dataclass(frozen=True)
class EventPlaces:
    """The registers and page numbers some events name (by their database ids)."""

    registers: dict[int, RegisterView]
    page_nos: dict[int, int]


def event_places(session: Session, rows: Iterable[AuditRow], *, known_registers: Iterable[int] = (),
                 known_pages: Iterable[int] = ()) -> EventPlaces:
    """Registers and page numbers of `rows` (one query each for a whole listing, not one a
    row), leaving out those already known. A register or page no longer there is missing."""
    rows = list(rows)
    reg_ids = sorted({e.register_id for e in rows if e.register_id is not None} - set(known_registers))
    page_ids = sorted({e.page_id for e in rows if e.page_id is not None} - set(known_pages))
    registers: dict[int, RegisterView] = {}
    page_nos: dict[int, int] = {}
    for i in range(0, len(reg_ids), 500):
        for r in session.scalars(select(Register).where(Register.id.in_(reg_ids[i:i + 500]))):
            registers[r.id] = register_view(r)
    for i in range(0, len(page_ids), 500):
        for pid, page_no in session.execute(select(Page.id, Page.page_no).where(Page.id.in_(page_ids[i:i + 500]))):
            page_nos[pid] = page_no
    return EventPlaces(registers, page_nos)


def count_events(session: Session, f: AuditFilter) -> int:
    """How many events `f` lets through, whatever its offset and limit."""
    return session.scalar(select(func.count()).select_from(_filtered(f).order_by(None).subquery()))
