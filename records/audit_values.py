"""The records against their audit trail: every current value of every entry must be the
value the trail recorded for it, and every value it recorded must still be there. The chain
proves the trail was not edited; this proves the records were not edited beside it (a value
changed or removed in the database file, outside Daftar). `mismatches` checks the whole
workspace (`daftar audit verify`); `check_values` the entries a batch is about to seal."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ValueMismatch:
    """A current value the trail does not account for, or a value it recorded that is gone."""

    entry_id: int
    field: str
    value: str | None  # what the database holds; None when the row has no current value of the field
    recorded: str | None  # the trail's value for that version, None when it recorded none
    where: str  # "mauza کوٹ, year 2019-20, volume 1, page 2, row 3" (`place`)


_EVENTS_SQL = ("SELECT entry_uuid, field, json_extract(detail, '$.version'), new FROM audit_event "
               "WHERE action = 'value.set' AND entry_uuid IS NOT NULL AND field IS NOT NULL{only} "
               "ORDER BY entry_uuid, field, id")
# every entry row with its current values (a row without any: one line, field NULL)
_ROWS_SQL = ("SELECT e.uuid, e.id, e.version, e.row_no, p.page_no, r.mauza, r.year, r.volume, v.field, v.value "
             "FROM entry e LEFT JOIN field_value v ON v.entry_id = e.id AND v.current = 1 "
             "LEFT JOIN page p ON p.id = e.page_id JOIN register r ON r.id = e.register_id{only} "
             "ORDER BY e.uuid, e.version, e.id, v.field")
_EVENTS = text(_EVENTS_SQL.format(only=""))
_ROWS = text(_ROWS_SQL.format(only=""))
_EVENTS_OF = text(_EVENTS_SQL.format(only=" AND entry_uuid IN :uuids")).bindparams(bindparam("uuids", expanding=True))
_ROWS_OF = text(_ROWS_SQL.format(only=" WHERE e.id IN :ids")).bindparams(bindparam("ids", expanding=True))


def place(mauza: str, year: str, volume: str, page_no: int | None, row_no: int | None) -> str:
    """Where a row is, as users know it: "mauza کوٹ, year 2019-20, volume 1, page 2, row 3"
    (`records.services.register_label`, then the page number and the row)."""
    from records.services import register_label

    where = register_label(SimpleNamespace(mauza=mauza, year=year, volume=volume))
    if page_no is not None:
        where += f", page {page_no}"
    return where + (f", row {row_no}" if row_no is not None else "")


def _histories(events) -> Iterator[tuple[str, dict[str, list[tuple[int, str]]]]]:
    """(entry uuid, {field: [(version, value) in the order recorded]}) per entry, in uuid order."""
    for uuid, rows in itertools.groupby(events, key=lambda r: r[0]):
        yield uuid, {f: [(int(v or 1), new or "") for _u, _f, v, new in grp]  # (version 1 when unsaid)
                     for f, grp in itertools.groupby(rows, key=lambda r: r[1])}


def _recorded(history, version: int) -> str | None:
    """The last value the trail recorded for a field at `version` or before (a new version
    starts with its predecessor's values); None when it recorded none."""
    recorded = None
    for v, new in history:
        if v <= version:
            recorded = new
    return recorded


def _compare(history: dict[str, list[tuple[int, str]]], rows) -> Iterator[ValueMismatch]:
    """The current values of one entry's rows (all its versions) against its recorded history."""
    for (entry_id, version, row_no, page_no, mauza, year, volume), vals in itertools.groupby(
            rows, key=lambda r: r[1:8]):
        where, present = None, set()
        for *_row, field, value in vals:
            if field is None:
                continue
            present.add(field)
            recorded = _recorded(history.get(field, ()), version)
            if recorded != (value or ""):
                where = where or place(mauza, year, volume, page_no, row_no)
                yield ValueMismatch(entry_id, field, value or "", recorded, where)
        for field in sorted(set(history) - present):  # recorded, and gone from the database
            recorded = _recorded(history[field], version)
            if recorded is not None:
                where = where or place(mauza, year, volume, page_no, row_no)
                yield ValueMismatch(entry_id, field, None, recorded, where)


def _merge(events, rows) -> Iterator[ValueMismatch]:
    """Both sides in entry uuid order, merged one entry (all its rows and events) at a time."""
    histories = _histories(events)
    hist = next(histories, None)
    for uuid, group in itertools.groupby(rows, key=lambda r: r[0]):
        while hist is not None and hist[0] < uuid:
            hist = next(histories, None)
        yield from _compare(hist[1] if hist is not None and hist[0] == uuid else {}, group)


def mismatches(session: Session) -> Iterator[ValueMismatch]:
    """Current values that differ from the last value the trail recorded for their entry,
    field and version (a new version starts with its predecessor's values), and values the
    trail recorded that the row no longer has. Both sides are read in entry order and merged,
    so memory stays small on large registers."""
    yield from _merge(session.execute(_EVENTS), session.execute(_ROWS))


def check_values(session: Session, entry_ids: list[int]) -> list[ValueMismatch]:
    """`mismatches` of these entry rows only: their current values against their entries'
    `value.set` events, a few indexed queries per 500 rows (what sealing a batch checks)."""
    ids, out = sorted(set(entry_ids)), []
    for i in range(0, len(ids), 500):
        rows = session.execute(_ROWS_OF, {"ids": ids[i:i + 500]}).all()
        uuids = sorted({r[0] for r in rows})
        out += _merge(session.execute(_EVENTS_OF, {"uuids": uuids}), rows)
    return out


def describe(m: ValueMismatch) -> str:
    """One line for an operator: where, which field, what is there and what was recorded."""
    if m.value is None:
        return (f"{m.where}: {m.field} has no value in the database but the audit trail recorded '{m.recorded}' "
                f"(entry {m.entry_id})")
    said = f"'{m.recorded}'" if m.recorded is not None else "no value"
    return f"{m.where}: {m.field} is '{m.value}' but the audit trail recorded {said} (entry {m.entry_id})"
