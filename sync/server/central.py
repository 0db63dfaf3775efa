"""What the central office reads out of the server: the received entries, as JSON pages or as
one CSV file (open formats, so the records never sit in a silo). Read only; the routes in
`sync.server.app` call these with their own session."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.exports.spreadsheet import excel_text, no_formula
from sync.server.db import ServerBatch, ServerEntry, ServerOffice

STATES = ("received", "accepted", "rejected")
CSV_FIXED = ("office", "office_uuid", "batch", "received_at", "state", "reason", "entry_uuid", "version",
             "template", "district", "tehsil", "mauza", "hadbast_no", "year", "page_no", "row_no",
             "approved_by", "verified_by")
CHUNK = 1000  # entries read at a time for the CSV


def _query(office: str | None, state: str | None):
    """Received entries with their office and batch, oldest first, filtered in SQL."""
    stmt = (select(ServerEntry, ServerOffice.office_uuid, ServerOffice.name, ServerBatch.batch_uuid)
            .join(ServerOffice, ServerOffice.id == ServerEntry.office_id)
            .join(ServerBatch, ServerBatch.id == ServerEntry.batch_id)
            .order_by(ServerEntry.id))
    if office:
        stmt = stmt.where(ServerOffice.office_uuid == office)
    if state:
        stmt = stmt.where(ServerEntry.state == state)
    return stmt


def check_filters(session: Session, office: str | None, template: str | None) -> None:
    """IngestError 400 naming a filter that can match nothing because it names nothing: an
    office id no office is enrolled with, a register kind that is neither built in nor in any
    received entry (a typo gave an empty export that looked like "nothing received")."""
    from records.templates import BUILTIN
    from sync.server.ingest import IngestError

    if office and session.scalar(select(ServerOffice.id).where(ServerOffice.office_uuid == office)) is None:
        raise IngestError(400, "unknown_office", f"office={office}: no office with this id is enrolled (the "
                                                 "offices and their ids are listed by /v1/admin/batches)")
    if template and template not in BUILTIN and not _rows(session, None, template, None, 0, 1):
        raise IngestError(400, "unknown_template", f"template={template}: no register kind of that name (the "
                                                   f"built-in kinds are {', '.join(BUILTIN)}; no received entry "
                                                   "is of an office's own kind of that name either)")


def _received_at(e: ServerEntry) -> str:
    return e.received_at.isoformat(timespec="seconds") + "Z"


def _rows(session: Session, office, template, state, after: int, limit: int) -> list:
    """Up to `limit` matching rows after the cursor; the template is matched in the entry's
    own document (it is JSON: filtered here, not in SQL, for PostgreSQL and SQLite alike)."""
    stmt = _query(office, state)
    out, cursor = [], after
    while len(out) < limit:
        batch = session.execute(stmt.where(ServerEntry.id > cursor).limit(max(limit, 200))).all()
        if not batch:
            break
        for row in batch:
            cursor = row[0].id
            if template and ((row[0].content or {}).get("register") or {}).get("template_id") != template:
                continue
            out.append(row)
            if len(out) == limit:
                break
    return out


def _item(e: ServerEntry, office_uuid: str, office_name: str, batch_uuid: str) -> dict:
    return {"id": e.id, "entry_uuid": e.entry_uuid, "version": e.version, "sha256": e.sha256, "state": e.state,
            "reason": e.reason, "office_uuid": office_uuid, "office_name": office_name, "batch_uuid": batch_uuid,
            "received_at": _received_at(e), "content": e.content}


def entries_page(session: Session, *, office: str | None = None, template: str | None = None,
                 state: str | None = None, after: int = 0, limit: int = 200) -> dict:
    """A page of received entries (oldest first) with their documents; `next` is the cursor
    for the following page (None when this was the last)."""
    rows = _rows(session, office, template, state, after, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return {"entries": [_item(*r) for r in rows], "next": rows[-1][0].id if more else None}


def entries_csv(session: Session, *, office: str | None = None, template: str | None = None,
                state: str | None = None, excel: bool = False) -> Iterator[str]:
    """The matching entries as CSV text, piece by piece: a byte-order mark (Excel reads the
    Urdu right), the fixed columns, then one column per field of the entries' values in the
    order first seen (two passes: the fields, then the rows).

    What the offices wrote is never run as a formula: a cell starting with = + - @ gets an
    apostrophe before it (records.exports.spreadsheet.no_formula). With `excel`, such cells
    and the areas and shares Excel would turn into dates (11-4, 1/2) are written as ="11-4"
    instead, so Excel shows them as written."""
    cell = excel_text if excel else no_formula
    fields: dict[str, None] = {}
    after = 0
    while rows := _rows(session, office, template, state, after, CHUNK):
        for r in rows:
            fields.update(dict.fromkeys((r[0].content or {}).get("values") or {}))
        after = rows[-1][0].id
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow([*CSV_FIXED, *(cell(str(f)) for f in fields)])
    yield "\ufeff" + buf.getvalue()
    after = 0
    while rows := _rows(session, office, template, state, after, CHUNK):
        buf = io.StringIO()
        out = csv.writer(buf)
        for e, office_uuid, office_name, batch_uuid in rows:
            doc = e.content or {}
            reg = doc.get("register") or {}
            page = doc.get("page") or {}
            values = doc.get("values") or {}
            line = [office_name, office_uuid, batch_uuid, _received_at(e),
                    e.state, e.reason, e.entry_uuid, e.version, reg.get("template_id", ""),
                    reg.get("district", ""), reg.get("tehsil", ""), reg.get("mauza", ""),
                    reg.get("hadbast_no", ""), reg.get("year", ""), page.get("page_no", ""),
                    doc.get("row_no", ""), doc.get("approved_by") or "", doc.get("verified_by") or "",
                    *[values.get(f, "") for f in fields]]
            out.writerow([cell("" if v is None else str(v)) for v in line])
        yield buf.getvalue()
        after = rows[-1][0].id


# ----------------------------------------------------------------------------- the review page
def _waiting(office: str | None, template: str | None, batch: str | None):
    """Entries waiting for a decision (`received`), oldest first, every filter in SQL (the
    register kind read out of the entry's JSON document by the database: PostgreSQL and SQLite
    alike), so that a page costs one indexed query however many entries wait."""
    stmt = _query(office, "received")
    if template:
        stmt = stmt.where(ServerEntry.content["register"]["template_id"].as_string() == template)
    if batch:
        stmt = stmt.where(ServerBatch.batch_uuid == batch)
    return stmt


def review_page(session: Session, *, office: str | None = None, template: str | None = None,
                batch: str | None = None, after: int = 0, limit: int = 50) -> dict:
    """One page of the entries waiting for a decision: `entries` (as `entries_page` gives
    them), `next` (the cursor of the following page, None on the last) and `waiting` (how many
    match in all)."""
    stmt = _waiting(office, template, batch)
    rows = session.execute(stmt.where(ServerEntry.id > after).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return {"entries": [_item(*r) for r in rows], "next": rows[-1][0].id if more else None,
            "waiting": waiting_count(session, office=office, template=template, batch=batch)}


def waiting_count(session: Session, *, office: str | None = None, template: str | None = None,
                  batch: str | None = None) -> int:
    """How many entries wait for a decision under these filters."""
    from sqlalchemy import func

    stmt = _waiting(office, template, batch).order_by(None).with_only_columns(ServerEntry.id)
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def next_waiting(session: Session, after: int, *, office: str | None = None, template: str | None = None,
                 batch: str | None = None) -> int | None:
    """The server id of the first entry after `after` still waiting under these filters."""
    row = session.execute(_waiting(office, template, batch).where(ServerEntry.id > after).limit(1)).first()
    return row[0].id if row else None


def entry_detail(session: Session, entry_id: int) -> dict | None:
    """One received entry (by its server id) with its office, batch and document; None when
    there is no such entry."""
    row = session.execute(_query(None, None).where(ServerEntry.id == entry_id)).first()
    return _item(*row) if row else None


def offices(session: Session) -> list[tuple[str, str]]:
    """(office id, name) of every enrolled office, by name: the review's office filter."""
    return [tuple(r) for r in session.execute(select(ServerOffice.office_uuid, ServerOffice.name)
                                              .order_by(ServerOffice.name, ServerOffice.id)).all()]


def batch_waiting(session: Session, batch_uuid: str) -> dict | None:
    """A batch's office, when received, and how many of its entries wait for a decision (the
    confirmation before accepting them all); None when there is no such batch."""
    from sqlalchemy import func

    row = session.execute(select(ServerBatch, ServerOffice.name, ServerOffice.office_uuid)
                          .join(ServerOffice, ServerOffice.id == ServerBatch.office_id)
                          .where(ServerBatch.batch_uuid == batch_uuid)).first()
    if row is None:
        return None
    b, name, ou = row
    waiting = session.scalar(select(func.count()).select_from(ServerEntry)
                             .where(ServerEntry.batch_id == b.id, ServerEntry.state == "received")) or 0
    return {"batch_uuid": b.batch_uuid, "office_name": name, "office_uuid": ou, "entries": b.entries,
            "source": b.source, "received_at": b.received_at.isoformat(timespec="seconds") + "Z", "waiting": waiting}
