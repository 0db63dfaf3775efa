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
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import event, insert, select
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


def _tail(session: Session) -> tuple[int, str]:
    tail = session.info.get(_TAIL)
    if tail is None:
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
@event.listens_for(Session, "after_soft_rollback")
def _forget_tail(session, *_args) -> None:
    """Another writer may extend the chain between transactions: read the tail afresh."""
    session.info.pop(_TAIL, None)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head: str
    first_bad_id: int | None = None
    reason: str = ""


def verify(session: Session, *, batch: int = 5000) -> VerifyResult:
    """Check the whole chain; names the first event that was edited, removed or reordered."""
    key = audit_key(session)
    prev, expected_id, checked = GENESIS, 1, 0
    last_id = 0
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
            prev, expected_id, checked, last_id = ev.hash, ev.id + 1, checked + 1, ev.id
        session.expunge_all()
    return VerifyResult(True, checked, prev)


def since(session: Session, *, days: int = 30):
    cutoff = utcnow() - dt.timedelta(days=days)
    return session.scalars(select(AuditEvent).where(AuditEvent.at >= cutoff).order_by(AuditEvent.id)).all()
