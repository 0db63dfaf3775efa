"""The records against their audit trail: every current value of every entry must be the
value the trail recorded for it. The chain proves the trail was not edited; this proves the
records were not edited beside it (a value changed in the database file, outside Daftar)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ValueMismatch:
    """A current value the trail does not account for."""

    entry_id: int
    field: str
    value: str
    recorded: str | None  # the trail's value for that version, None when it recorded none
    where: str  # "mauza کوٹ, year 2019-20, volume 1, page 2, row 3" (`place`)


_EVENTS = text(
    "SELECT entry_uuid, field, detail, new FROM audit_event "
    "WHERE action = 'value.set' AND entry_uuid IS NOT NULL AND field IS NOT NULL ORDER BY entry_uuid, field, id")
_VALUES = text(
    "SELECT e.uuid, v.field, e.version, v.value, e.id, e.row_no, p.page_no, r.mauza, r.year, r.volume "
    "FROM field_value v JOIN entry e ON e.id = v.entry_id "
    "LEFT JOIN page p ON p.id = e.page_id JOIN register r ON r.id = e.register_id "
    "WHERE v.current = 1 ORDER BY e.uuid, v.field, e.version")


def place(mauza: str, year: str, volume: str, page_no: int | None, row_no: int | None) -> str:
    """Where a row is, as users know it: "mauza کوٹ, year 2019-20, volume 1, page 2, row 3"
    (`records.services.register_label`, then the page number and the row)."""
    from records.services import register_label

    where = register_label(SimpleNamespace(mauza=mauza, year=year, volume=volume))
    if page_no is not None:
        where += f", page {page_no}"
    return where + (f", row {row_no}" if row_no is not None else "")


def _version(detail) -> int:
    if isinstance(detail, str):
        detail = json.loads(detail or "{}")
    return int((detail or {}).get("version") or 1)


def mismatches(session: Session) -> Iterator[ValueMismatch]:
    """Current values that differ from the last value the trail recorded for their entry,
    field and version (a new version starts with its predecessor's values). Both sides are
    read in (entry, field) order and merged, so memory stays small on large registers."""
    events = itertools.groupby(session.execute(_EVENTS), key=lambda r: (r[0], r[1]))
    group = next(events, None)
    for key, rows in itertools.groupby(session.execute(_VALUES), key=lambda r: (r[0], r[1])):
        while group is not None and group[0] < key:
            group = next(events, None)
        history = [(_version(d), new or "") for _u, _f, d, new in group[1]] if group and group[0] == key else []
        for _uuid, field, version, value, entry_id, row_no, page_no, mauza, year, volume in rows:
            recorded = None
            for v, new in history:
                if v <= version:
                    recorded = new
            if recorded != (value or ""):
                yield ValueMismatch(entry_id, field, value or "", recorded, place(mauza, year, volume, page_no, row_no))


def describe(m: ValueMismatch) -> str:
    """One line for an operator: where, which field, what is there and what was recorded."""
    said = f"'{m.recorded}'" if m.recorded is not None else "no value"
    return f"{m.where}: {m.field} is '{m.value}' but the audit trail recorded {said} (entry {m.entry_id})"
