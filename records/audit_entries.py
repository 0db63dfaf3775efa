"""The entries against their audit trail: every entry row's workflow facts must be the ones
the trail recorded. The chain proves the trail was not edited; this proves the entry table
was not edited beside it (a draft set to verified in the database file, an approver
changed, a row deleted or marked deleted, a version marked old).

What the trail records of each entry row (an `entry` event names the row's id as its
`entity_id`):

* that it exists: `entry.add` (version 1), `entry.new_version` (its version in `new`),
  `entry.import` (a register-scope import: every fact in `detail`), or, for rows that OCR
  read before `save_ocr_rows` recorded `entry.add`, their `value.set` events;
* its state: the `new` of its last workflow event (`entry.submit`, `withdraw`, `return`,
  `approve`, `verify`, `batch`, `unbatch`, and `send`, `accept`, `reject` by sync, and
  `take_server`: a version made from the central server's copy), else draft;
* who submitted, approved and verified it: the actor of its last `entry.submit`,
  `entry.approve` and `entry.verify`;
* whether it is deleted: its last `entry.delete` or `entry.restore`;
* whether it is the newest version of its entry: no `entry.new_version` of a later one.

Both sides are read in entry UUID order and merged, one entry (all its versions) at a
time, so memory stays small however many entries there are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from records import workflow
from records.audit_values import place

STATE_ACTIONS = frozenset(f"entry.{a}" for a in (*workflow.TRANSITIONS, workflow.TAKE_SERVER))
BY_ACTIONS = {"entry.submit": "submitted_by", "entry.approve": "approved_by", "entry.verify": "verified_by"}
ENTRY_IMPORT = "entry.import"  # a register-scope import's record of a row as the file gave it
_ACTIONS = sorted(STATE_ACTIONS | {"entry.add", "entry.new_version", ENTRY_IMPORT, "entry.delete", "entry.restore",
                                   "value.set"})
_FACTS = ("state", "deleted", "is_latest", "version", "submitted_by", "approved_by", "verified_by")


@dataclass
class Recorded:
    """What the trail recorded of one entry row."""

    entry_id: int
    uuid: str
    version: int | None = None
    state: str = workflow.DRAFT
    deleted: bool = False
    submitted_by: int | None = None
    approved_by: int | None = None
    verified_by: int | None = None
    is_latest: bool = True
    last_event: int = 0
    register_id: int | None = None
    page_id: int | None = None
    row_no: int | None = None
    typed: bool = False  # a value.set not read by OCR, or a delete/restore: not a row OCR may replace
    names: dict[int, str] = field(default_factory=dict)  # user id -> user name, as the events say


@dataclass(frozen=True)
class EntryMismatch:
    """A fact of an entry row that the trail does not account for."""

    entry_id: int
    fact: str  # one of _FACTS, or "row" (a row missing on one side)
    value: str  # what the database holds (a row: "missing" or "present")
    recorded: str  # what the trail recorded
    where: str  # "mauza کوٹ, year 2019-20, volume 1, page 2, row 3"


def _detail(d) -> dict:
    if isinstance(d, str):
        return json.loads(d or "{}")
    return d or {}


def apply_event(rec: Recorded, ev_id: int, action: str, user_id, username: str, new, detail, register_id,
                page_id) -> None:
    """Bring `rec` up to date with one event of its row, in the order they happened."""
    rec.last_event = ev_id
    rec.register_id = register_id if register_id is not None else rec.register_id
    rec.page_id = page_id if page_id is not None else rec.page_id
    if user_id is not None:
        rec.names[int(user_id)] = username
    if action == "entry.add":
        rec.version, rec.row_no = 1, _detail(detail).get("row_no")
    elif action == "entry.new_version":
        rec.version = int(new)
    elif action == ENTRY_IMPORT:
        d = _detail(detail)
        rec.version, rec.state, rec.deleted = int(d["version"]), d["state"], bool(d["deleted"])
        rec.submitted_by, rec.approved_by, rec.verified_by = d.get("submitted_by"), d.get("approved_by"), d.get("verified_by")
        rec.typed = True
    elif action == "value.set":
        d = _detail(detail)
        if rec.version is None:
            rec.version = int(d.get("version") or 1)
        rec.typed = rec.typed or d.get("source") != "ocr"
    elif action in STATE_ACTIONS:
        rec.state = new
        if action in BY_ACTIONS:
            setattr(rec, BY_ACTIONS[action], user_id)
    elif action in ("entry.delete", "entry.restore"):
        rec.deleted = action == "entry.delete"
        rec.typed = True


def _settle_versions(recs: Iterable[Recorded]) -> None:
    """Only the newest version an entry's trail knows is its latest."""
    recs = list(recs)
    newest = max((r.version or 1 for r in recs), default=1)
    for r in recs:
        r.is_latest = (r.version or 1) == newest


_EVENTS = text(
    "SELECT entry_uuid, id, entity_id, action, user_id, username, new, detail, register_id, page_id "
    "FROM audit_event WHERE entity = 'entry' AND entry_uuid IS NOT NULL AND action IN :actions "
    "ORDER BY entry_uuid, id").bindparams(bindparam("actions", expanding=True))
_ROWS = ("SELECT e.uuid, e.id, e.version, e.state, e.deleted, e.is_latest, e.submitted_by, e.approved_by, "
         "e.verified_by, e.row_no, p.page_no, r.mauza, r.year, r.volume, e.page_id "
         "FROM entry e LEFT JOIN page p ON p.id = e.page_id LEFT JOIN register r ON r.id = e.register_id ")
_ALL_ROWS = text(_ROWS + "ORDER BY e.uuid, e.version, e.id")


def _recorded_groups(rows) -> Iterator[tuple[str, dict[int, Recorded]]]:
    """(uuid, {entry id: Recorded}) for each entry in the trail, in uuid order."""
    uuid, group = None, {}
    for ev_uuid, ev_id, entity_id, action, user_id, username, new, detail, register_id, page_id in rows:
        if ev_uuid != uuid:
            if uuid is not None:
                _settle_versions(group.values())
                yield uuid, group
            uuid, group = ev_uuid, {}
        try:
            eid = int(entity_id)
        except (TypeError, ValueError):
            continue
        rec = group.get(eid)
        if rec is None:
            rec = group[eid] = Recorded(eid, ev_uuid)
        apply_event(rec, ev_id, action, user_id, username, new, detail, register_id, page_id)
    if uuid is not None:
        _settle_versions(group.values())
        yield uuid, group


def _row_groups(rows) -> Iterator[tuple[str, list]]:
    uuid, group = None, []
    for r in rows:
        if r[0] != uuid:
            if uuid is not None:
                yield uuid, group
            uuid, group = r[0], []
        group.append(r)
    if uuid is not None:
        yield uuid, group


def _who(user_id, names: dict[int, str]) -> str:
    if user_id is None:
        return "nobody"
    name = names.get(int(user_id))
    return f"user {user_id} ({name})" if name else f"user {user_id}"


@dataclass
class _Context:
    users: dict[int, str]  # user id -> name, from the user table
    legacy_ocr: list = field(default_factory=list)  # (Recorded, row) deleted rows an older re-read of OCR may explain


def _compare(ctx: _Context, recs: dict[int, Recorded], rows: list) -> Iterator[EntryMismatch]:
    seen = set()
    for (_uuid, eid, version, state, deleted, is_latest, submitted_by, approved_by, verified_by, row_no, page_no,
         mauza, year, volume, page_id) in rows:
        where = place(mauza, year, volume, page_no, row_no)
        rec = recs.get(eid)
        seen.add(eid)
        if rec is None:
            yield EntryMismatch(eid, "row", "present", "nothing", where)
            continue
        names = {**ctx.users, **rec.names}
        if rec.version is not None and rec.version != version:
            yield EntryMismatch(eid, "version", str(version), str(rec.version), where)
        if state != rec.state:
            yield EntryMismatch(eid, "state", state, rec.state, where)
        for fact in ("submitted_by", "approved_by", "verified_by"):
            have, want = {"submitted_by": submitted_by, "approved_by": approved_by, "verified_by": verified_by}[fact], \
                getattr(rec, fact)
            if (have is None) != (want is None) or (have is not None and int(have) != int(want)):
                yield EntryMismatch(eid, fact, _who(have, names), _who(want, names), where)
        if bool(deleted) != rec.deleted:
            if deleted and not rec.typed and rec.state in workflow.EDITABLE and page_id is not None:
                ctx.legacy_ocr.append((rec, page_id, where))  # decided at the end (`_legacy_ocr`)
            else:
                yield EntryMismatch(eid, "deleted", "deleted" if deleted else "not deleted",
                                    "deleted" if rec.deleted else "not deleted", where)
        if bool(is_latest) != rec.is_latest:
            yield EntryMismatch(eid, "is_latest", "the newest version" if is_latest else "an old version",
                                "the newest version" if rec.is_latest else "an old version", where)
    for eid, rec in recs.items():
        if eid not in seen:
            yield EntryMismatch(eid, "row", "missing", f"version {rec.version or 1}, {rec.state}"
                                + (", deleted" if rec.deleted else "")
                                + (f", added as row {rec.row_no}" if rec.row_no is not None else ""), "")


_OCR_READINGS = text(
    "SELECT page_id, entity_id, max(id) FROM audit_event WHERE action = 'value.set' AND page_id IN :pages "
    "AND json_extract(detail, '$.source') = 'ocr' GROUP BY page_id, entity_id"
).bindparams(bindparam("pages", expanding=True))


def _legacy_ocr(session: Session, ctx: _Context) -> Iterator[EntryMismatch]:
    """Rows OCR read, marked deleted with no `entry.delete`: before it recorded one, reading a
    page again deleted its rows as OCR had read them (never touched by a clerk) unaudited. Such
    a row is accounted for when another row of its page was read by OCR after the row's last
    event; any other is reported. Only the pages of such rows are read."""
    cands = ctx.legacy_ocr
    for i in range(0, len(cands), 500):
        part = cands[i:i + 500]
        readings: dict[int, list[tuple[int, int]]] = {}
        for page_id, entity_id, last in session.execute(_OCR_READINGS, {"pages": sorted({p for _r, p, _w in part})}):
            readings.setdefault(page_id, []).append((int(entity_id), last))
        for rec, page_id, where in part:
            if not any(eid != rec.entry_id and last > rec.last_event for eid, last in readings.get(page_id, ())):
                yield EntryMismatch(rec.entry_id, "deleted", "deleted", "not deleted", where)


def _places_of_missing(session: Session, wrong: list[EntryMismatch], recs: dict[int, Recorded]) -> list[EntryMismatch]:
    out = []
    for m in wrong:
        if m.fact == "row" and m.value == "missing":
            rec = recs[m.entry_id]
            row = session.execute(text(
                "SELECT r.mauza, r.year, r.volume, p.page_no FROM register r LEFT JOIN page p ON p.id = :page "
                "WHERE r.id = :reg"), {"page": rec.page_id, "reg": rec.register_id}).first()
            where = place(*row, None) if row else f"register {rec.register_id}, page id {rec.page_id}"
            m = EntryMismatch(m.entry_id, m.fact, m.value, m.recorded, where)
        out.append(m)
    return out


def mismatches(session: Session) -> Iterator[EntryMismatch]:
    """Every entry row whose workflow facts differ from what the trail recorded, every row
    the trail does not know, and every row the trail recorded that is gone from the database."""
    from records.models import User

    ctx = _Context(dict(session.execute(select(User.id, User.username)).all()))
    events = _recorded_groups(session.execute(_EVENTS, {"actions": _ACTIONS}))
    rows = _row_groups(session.execute(_ALL_ROWS))
    ev, row = next(events, None), next(rows, None)
    while ev is not None or row is not None:
        if row is None or (ev is not None and ev[0] < row[0]):
            yield from _places_of_missing(session, list(_compare(ctx, ev[1], [])), ev[1])
            ev = next(events, None)
        elif ev is None or row[0] < ev[0]:
            yield from _compare(ctx, {}, row[1])
            row = next(rows, None)
        else:
            yield from _places_of_missing(session, list(_compare(ctx, ev[1], row[1])), ev[1])
            ev, row = next(events, None), next(rows, None)
    yield from _legacy_ocr(session, ctx)


def check_entries(session: Session, entry_ids: list[int]) -> list[EntryMismatch]:
    """`mismatches` of these entry rows only (their facts against their entries' events; rows
    the trail recorded elsewhere are not looked for): a few indexed queries, for sealing."""
    from records.models import User

    ctx = _Context(dict(session.execute(select(User.id, User.username)).all()))
    out: list[EntryMismatch] = []
    wanted = set(entry_ids)
    for i in range(0, len(entry_ids), 500):
        ids = entry_ids[i:i + 500]
        rows = session.execute(text(_ROWS + "WHERE e.id IN :ids ORDER BY e.uuid, e.version, e.id")
                               .bindparams(bindparam("ids", expanding=True)), {"ids": ids}).all()
        uuids = sorted({r[0] for r in rows})
        events = session.execute(text(
            "SELECT entry_uuid, id, entity_id, action, user_id, username, new, detail, register_id, page_id "
            "FROM audit_event WHERE entity = 'entry' AND entry_uuid IN :uuids AND action IN :actions "
            "ORDER BY entry_uuid, id").bindparams(bindparam("uuids", expanding=True),
                                                  bindparam("actions", expanding=True)),
            {"uuids": uuids, "actions": _ACTIONS})
        recorded = dict(_recorded_groups(events))
        for uuid, group in _row_groups(rows):
            out += [m for m in _compare(ctx, recorded.get(uuid, {}), group) if m.entry_id in wanted and m.value != "missing"]
    out += list(_legacy_ocr(session, ctx))
    return out


_SAID = {"state": "state", "version": "version", "submitted_by": "submitted by", "approved_by": "approved by",
         "verified_by": "verified by", "deleted": "deleted", "is_latest": "version"}


def describe(m: EntryMismatch) -> str:
    """One line for an operator: where, what the database holds and what the trail recorded."""
    if m.fact == "row" and m.value == "missing":
        return (f"{m.where}: the audit trail recorded a row here (entry {m.entry_id}, {m.recorded}) but it is gone "
                "from the database")
    if m.fact == "row":
        return f"{m.where}: this row (entry {m.entry_id}) is not in the audit trail: it was added outside Daftar"
    if m.fact == "deleted":
        return f"{m.where}: the row is {m.value} but the audit trail recorded it {m.recorded} (entry {m.entry_id})"
    if m.fact == "is_latest":
        return f"{m.where}: the row is marked {m.value} but the audit trail recorded {m.recorded} (entry {m.entry_id})"
    if m.fact in ("submitted_by", "approved_by", "verified_by"):
        return f"{m.where}: {_SAID[m.fact]} {m.value}, but the audit trail recorded {m.recorded} (entry {m.entry_id})"
    return f"{m.where}: {_SAID[m.fact]} is '{m.value}' but the audit trail recorded '{m.recorded}' (entry {m.entry_id})"
