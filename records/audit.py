"""Tamper-evident audit: append-only events chained by SHA-256 and signed with an HMAC.

Each event's hash covers its content, its id and the previous event's hash; its MAC is
HMAC-SHA256(workspace audit key, hash). Editing, deleting, inserting or reordering events
breaks the chain, and `verify` names the first broken event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import event, func, insert, select
from sqlalchemy.orm import Session

from records.models import AuditEvent, utcnow

GENESIS = "0" * 64


@dataclass(frozen=True)
class Actor:
    """Who acts: plain values, safe to pass between threads."""

    id: int | None
    username: str
    role: str


SYSTEM = Actor(id=None, username="system", role="system")


def _canonical(ev) -> bytes:
    body = {
        "id": ev.id,
        "at": ev.at.isoformat(timespec="microseconds") if ev.at else None,
        "user_id": ev.user_id,
        "username": ev.username,
        "action": ev.action,
        "entity": ev.entity,
        "entity_id": ev.entity_id,
        "register_id": ev.register_id,
        "page_id": ev.page_id,
        "entry_uuid": ev.entry_uuid,
        "field": ev.field,
        "old": ev.old,
        "new": ev.new,
        "detail": ev.detail or {},
        "prev_hash": ev.prev_hash,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _hash(ev: AuditEvent) -> str:
    return hashlib.sha256(_canonical(ev)).hexdigest()


def _mac(key: bytes, h: str) -> str:
    return hmac.new(key, h.encode(), hashlib.sha256).hexdigest()


def audit_key(session: Session) -> bytes:
    key = session.info.get("audit_key")
    if not key:
        raise RuntimeError("session has no audit key: open sessions through Workspace")
    return key


def head(session: Session) -> str:
    """Hash of the newest event (the chain head that travels with sync batches)."""
    h = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return h or GENESIS


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str = "",
    entity_id: str | int = "",
    register_id: int | None = None,
    page_id: int | None = None,
    entry_uuid: str | None = None,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction (commit together with the change).

    The chain's tail is read once per transaction and then kept in the session, so a
    transaction that writes a thousand events does not query and flush a thousand times.
    """
    row = _chained_row(_tail(session), audit_key(session), actor, {
        "action": action, "entity": entity, "entity_id": entity_id, "register_id": register_id,
        "page_id": page_id, "entry_uuid": entry_uuid, "field": field, "old": old, "new": new, "detail": detail})
    ev = AuditEvent(**row)
    session.add(ev)
    session.info[_TAIL] = (ev.id, ev.hash)
    return ev


_TAIL = "audit_tail"


def _hold_write_lock(session: Session) -> None:
    """Before the chain's tail is read: the write lock, so that no other connection (the app
    and its job process, `daftar backup` beside the app) appends between the read and this
    transaction's events. SQLite's driver begins a transaction only at the first write: a
    transaction whose only write is its event (a backup, a sign-in) read a tail that another
    writer could extend meanwhile, and its event's id was then taken (IntegrityError after a
    whole backup). A transaction that has written already holds the lock. Waits for it as any
    write does (the busy timeout)."""
    session.flush()  # (what autoflush would write before the read: it takes the lock)
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return
    if not conn.connection.dbapi_connection.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _tail(session: Session) -> tuple[int, str]:
    tail = session.info.get(_TAIL)
    if tail is None:
        _hold_write_lock(session)
        last = session.execute(
            select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
        ).first()
        tail = (last.id, last.hash) if last else (0, GENESIS)
    return tail


def _chained_row(tail: tuple[int, str], key: bytes, actor: Actor, ev: dict) -> dict:
    """The columns of the event after `tail`: its content, id, chain hash and MAC."""
    row = {
        "id": tail[0] + 1, "at": utcnow(), "user_id": actor.id, "username": actor.username,
        "action": ev["action"], "entity": ev.get("entity", ""), "entity_id": str(ev.get("entity_id", "")),
        "register_id": ev.get("register_id"), "page_id": ev.get("page_id"), "entry_uuid": ev.get("entry_uuid"),
        "field": ev.get("field"), "old": ev.get("old"), "new": ev.get("new"), "detail": ev.get("detail") or {},
        "prev_hash": tail[1],
    }
    row["hash"] = hashlib.sha256(_canonical(SimpleNamespace(**row))).hexdigest()
    row["mac"] = _mac(key, row["hash"])
    return row


_EVENT_ARGS = ("action", "entity", "entity_id", "register_id", "page_id", "entry_uuid", "field", "old", "new", "detail")


def record_many(session: Session, *, actor: Actor, events: list[dict]) -> int:
    """Append many events by one actor with one INSERT, in the caller's transaction.

    Each item holds `record`'s keyword arguments (``action`` required). The chain, hashes and
    MACs are exactly those `record` would give one by one; only the ORM's per-object work is
    saved (a workflow step on 1,000 entries). Returns how many were appended.
    """
    if not events:
        return 0
    unknown = {k for ev in events for k in ev} - set(_EVENT_ARGS)
    if unknown:
        raise TypeError(f"unknown audit event fields: {sorted(unknown)}")
    tail, key, rows = _tail(session), audit_key(session), []
    for ev in events:
        row = _chained_row(tail, key, actor, ev)
        rows.append(row)
        tail = (row["id"], row["hash"])
    session.execute(insert(AuditEvent), rows)  # flushes earlier pending events first (ids stay in order)
    session.info[_TAIL] = tail
    return len(rows)


@event.listens_for(Session, "after_commit")
def _anchor_and_forget_tail(session) -> None:
    """Note the newest event outside the database once it is committed (`write_anchor`),
    and read the tail afresh next time: another writer may extend the chain meanwhile."""
    tail = session.info.pop(_TAIL, None)
    path = session.info.get(ANCHOR_INFO)
    if tail is not None and path is not None:
        write_anchor(path, audit_key(session), tail)


@event.listens_for(Session, "after_soft_rollback")
def _forget_tail(session, *_args) -> None:
    """Another writer may extend the chain between transactions: read the tail afresh."""
    session.info.pop(_TAIL, None)


# The chain alone cannot show events deleted from its end: what is left still links up. So
# the newest event is also noted beside the database, signed with the workspace's audit key,
# after every commit that added events; `verify` then names the events missing after the
# trail's end. (The chain head also travels in every sync batch: `verify` checks those too.)
ANCHOR_FILE = "audit-anchor.json"  # in the workspace's keys/ folder
ANCHOR_INFO = "audit_anchor_path"  # the session info key holding its path
ANCHOR_FIRST_USE = "audit_anchor_first_use"  # session info: the event an anchor was first written for on open
ANCHOR_ACTION = "audit.anchor"  # the event that says the anchor was missing and was written (first use)


def _anchor_mac(key: bytes, event_id: int, event_hash: str) -> str:
    return hmac.new(key, f"anchor:{event_id}:{event_hash}".encode(), hashlib.sha256).hexdigest()


def anchor_bytes(key: bytes, tail: tuple[int, str]) -> bytes:
    """The anchor file's content for the newest event `tail` (id, hash)."""
    return json.dumps({"id": tail[0], "hash": tail[1], "mac": _anchor_mac(key, *tail)}).encode()


def read_anchor(path, key: bytes) -> tuple[int, str] | None | str:
    """The newest event noted (id, hash); None when there is no note; a string saying what
    is wrong when the note was altered (its signature does not match)."""
    try:
        note = json.loads(Path(path).read_text(encoding="utf-8"))
        event_id, event_hash, mac = int(note["id"]), str(note["hash"]), str(note["mac"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return f"{ANCHOR_FILE} cannot be read"
    if not hmac.compare_digest(_anchor_mac(key, event_id, event_hash), mac):
        return f"{ANCHOR_FILE} was altered (its signature does not match this workspace's key)"
    return event_id, event_hash


def write_anchor(path, key: bytes, tail: tuple[int, str]) -> None:
    """Note `tail` as the newest event, unless a newer one is noted already (another
    process). Best effort: a note that cannot be written weakens the check, never the save."""
    path = Path(path)
    try:
        cur = read_anchor(path, key)
        if isinstance(cur, tuple) and cur[0] >= tail[0]:
            return
        tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with open(fd, "wb") as f:
            f.write(anchor_bytes(key, tail))
        os.replace(tmp, path)
    except OSError:
        pass


def anchor_on_first_use(session: Session) -> int | None:
    """Write the anchor of a trail that has events but no anchor (a workspace from before the
    anchor existed, a backup made then, or one whose anchor was deleted): the newest event
    now is taken as the trail's end. This is trust on first use: events deleted from the end
    before now cannot be seen. An `audit.anchor` event records in the trail that it was
    missing (the anchor is then written for that event when the caller commits). Returns
    the newest event before it, or None when there was nothing to do."""
    path = session.info.get(ANCHOR_INFO)
    if path is None or read_anchor(path, audit_key(session)) is not None:
        return None
    tail = _tail(session)
    if tail[0] == 0:
        return None
    record(session, actor=SYSTEM, action=ANCHOR_ACTION, entity="workspace", new="written on first use",
           detail={"newest_event": tail[0], "reason": f"{ANCHOR_FILE} was missing"})
    return tail[0]


MISSING_ANCHOR = (f"keys/{ANCHOR_FILE} is missing: events deleted from the end of the trail cannot be seen "
                  "(it is written again at the next change)")


def first_use_warning(event_id: int) -> str:
    return (f"keys/{ANCHOR_FILE} was missing when this workspace was opened, and was written then for event "
            f"{event_id} (trust on first use): events deleted from the end of the trail before then cannot be seen")


# ----------------------------------------------------------------------------- the computer's clock
# Events take their time from the computer's clock. One dated earlier than the event before it
# by more than CLOCK_SLACK means the clock was set back (a dead CMOS battery, a hand): the chain
# is whole (nothing was tampered with), but the times of the events from then on are wrong.
CLOCK_SLACK = dt.timedelta(minutes=5)
CLOCK_LOOK_BACK = 1000  # the newest events the sign-in compares the clock with


def shown_time(at: dt.datetime) -> str:
    """An event's time (naive UTC, as stored) as this computer shows times (local)."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class ClockBack:
    """Event `event_id` dated `at`, earlier than the event before it (`prev_id`, `prev_at`)."""

    event_id: int
    at: dt.datetime
    prev_id: int
    prev_at: dt.datetime

    def line(self) -> str:
        return (f"event {self.event_id} is dated {shown_time(self.at)}, earlier than event {self.prev_id} before it "
                f"({shown_time(self.prev_at)})")


def clock_warning(backs: tuple[ClockBack, ...], count: int | None = None) -> str:
    """The warning `verify` gives for the `count` times the clock went back, `backs` the first
    of them ("" for none)."""
    count = len(backs) if count is None else count
    if not backs:
        return ""
    if count == 1:
        return (f"the computer's clock was set back: {backs[0].line()}. The trail is whole (this is no tampering), "
                "but the times of the events from then on may be wrong")
    return (f"the computer's clock was set back {count} times; the first: {backs[0].line()}. The trail is whole "
            "(this is no tampering), but the times of the events after each may be wrong")


def clock_behind(session: Session, now: dt.datetime | None = None) -> str:
    """"" when this computer's clock is not behind the audit trail; else a warning naming the
    newest event dated after now (the computer's date is wrong: what is recorded now gets a
    wrong time). Looks at the newest CLOCK_LOOK_BACK events only (cheap at sign-in)."""
    now = now or utcnow()
    newest = select(AuditEvent.id, AuditEvent.at).order_by(AuditEvent.id.desc()).limit(CLOCK_LOOK_BACK).subquery()
    ahead = session.execute(select(newest.c.id, newest.c.at).where(newest.c.at > now + CLOCK_SLACK)
                            .order_by(newest.c.at.desc()).limit(1)).first()
    if ahead is None:
        return ""
    return (f"This computer's date is wrong: it says {shown_time(now)}, but event {ahead.id} of the audit trail was "
            f"recorded at {shown_time(ahead.at)}. Set this computer's date and time before working: what is "
            "recorded until then gets a wrong time.")


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head: str
    first_bad_id: int | None = None
    reason: str = ""
    warning: str = ""  # sound, but not everything could be checked (no anchor of the trail's end)
    clock: str = ""  # sound, but the computer's clock was set back (clock_warning)
    clock_backs: tuple[ClockBack, ...] = ()  # each time it was (the first 50)


def verify(session: Session, *, batch: int = 5000, progress=None) -> VerifyResult:
    """Check the whole chain; names the first event that was edited, removed or reordered,
    and events removed from its end (the anchor noted beside the database, and the chain
    heads sent with sync batches, must still be in it). A sound trail with no anchor (or one
    written on first use when the workspace was opened) is OK with a `warning`: events
    deleted from its end could not be checked. `progress("chain", checked, total)` is told
    after each `batch` of events (it may raise to stop the check)."""
    from records.models import Batch

    key = audit_key(session)
    anchor = read_anchor(session.info[ANCHOR_INFO], key) if session.info.get(ANCHOR_INFO) else None
    if isinstance(anchor, str):
        return VerifyResult(False, 0, GENESIS, None, anchor)
    heads = {h: b for b, h in session.execute(select(Batch.id, Batch.audit_head).where(Batch.audit_head.is_not(None)))}
    prev, expected_id, checked = GENESIS, 1, 0
    last_id = 0
    prev_at, prev_id, backs, n_backs = None, 0, [], 0
    total = (session.scalar(select(func.max(AuditEvent.id))) or 0) if progress is not None else 0
    while True:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not events:
            break
        for ev in events:
            if ev.id != expected_id:
                return VerifyResult(False, checked, prev, expected_id, f"event {expected_id} is missing (deleted)")
            if ev.prev_hash != prev:
                return VerifyResult(False, checked, prev, ev.id, f"event {ev.id} does not follow event {ev.id - 1} (reordered or inserted)")
            if _hash(ev) != ev.hash:
                return VerifyResult(False, checked, prev, ev.id, f"event {ev.id} was changed after it was written")
            if not hmac.compare_digest(_mac(key, ev.hash), ev.mac):
                return VerifyResult(False, checked, prev, ev.id, f"event {ev.id} has a signature that does not match this workspace's key")
            if anchor is not None and ev.id == anchor[0] and ev.hash != anchor[1]:
                return VerifyResult(False, checked, prev, ev.id, f"event {ev.id} is not the event the trail held (rewritten)")
            heads.pop(ev.hash, None)
            if prev_at is not None and ev.at is not None and ev.at < prev_at - CLOCK_SLACK:
                n_backs += 1
                if len(backs) < 50:
                    backs.append(ClockBack(ev.id, ev.at, prev_id, prev_at))
            if ev.at is not None:
                prev_at, prev_id = ev.at, ev.id
            prev, expected_id, checked, last_id = ev.hash, ev.id + 1, checked + 1, ev.id
        session.expunge_all()
        if progress is not None:
            progress("chain", checked, max(total, checked))
    if anchor is not None and anchor[0] > last_id:
        return VerifyResult(False, checked, prev, last_id + 1,
                            f"events {last_id + 1} to {anchor[0]} are missing (deleted from the end of the trail)")
    if heads:
        return VerifyResult(False, checked, prev, last_id + 1,
                            f"the trail no longer holds its newest event when batch {min(heads.values())} was sealed "
                            "(events deleted from its end)")
    warning = ""
    if session.info.get(ANCHOR_FIRST_USE):
        warning = first_use_warning(session.info[ANCHOR_FIRST_USE])
    elif anchor is None and checked and session.info.get(ANCHOR_INFO):
        warning = MISSING_ANCHOR
    clock = clock_warning(tuple(backs), n_backs)
    return VerifyResult(True, checked, prev, warning=warning, clock=clock, clock_backs=tuple(backs))


def since(session: Session, *, days: int = 30):
    cutoff = utcnow() - dt.timedelta(days=days)
    return session.scalars(select(AuditEvent).where(AuditEvent.at >= cutoff).order_by(AuditEvent.id)).all()
