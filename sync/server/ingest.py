"""What the server does with offices, batches and decisions. Functions take `session`
first and commit nothing themselves except where they say so: the route owns the transaction.

Idempotency: a batch is keyed by its batch id, an entry by (entry_uuid, version). Rows are
inserted with INSERT ... ON CONFLICT DO NOTHING, so concurrent duplicates wait for the
first writer and then see its row; entries and the receipt commit in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync.protocol import (
    Manifest,
    Submission,
    canonical_json,
    content_hash,
    is_sha256,
    range_digest,
    verify_signature,
)
from sync.server.db import (
    ServerAdminSession,
    ServerBatch,
    ServerDecision,
    ServerEnrolCode,
    ServerEnrolFailure,
    ServerEntry,
    ServerEvent,
    ServerOffice,
    ServerRefusal,
    utcnow,
)


class IngestError(Exception):
    """A refused request: HTTP status and a body the client shows."""

    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra

    def body(self) -> dict:
        return {"error": self.code, "detail": self.message, **self.extra}


@dataclass(frozen=True)
class OfficeRef:
    """The authenticated office of a request (plain values, cached per token)."""

    id: int
    office_uuid: str
    public_key: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _insert(session: Session, model):
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


# ----------------------------------------------------------------------------- offices
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: read aloud and typed by IT
CODE_GROUPS, CODE_GROUP_LEN = 4, 5  # 20 characters: about 98 bits
CODE_HOURS = 72  # a code not used within this many hours expires
REVOKED = "this office's access was revoked by the central server; ask the operator"


def normalise_code(code: str) -> str:
    """A code as typed (any case, with or without dashes and spaces) in its one form."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(("daftar-enrol-code:" + normalise_code(code)).encode()).hexdigest()


def _when(t) -> str | None:
    return t.isoformat(timespec="seconds") + "Z" if t else None


def record_event(session: Session, action: str, office_uuid: str = "", **detail) -> None:
    """One event of the server's own audit trail (the caller commits)."""
    session.add(ServerEvent(action=action, office_uuid=office_uuid or "", detail=detail, at=utcnow()))


# Who changed something, as the trail names them (the `by` of an event's detail): the admin
# page's sign-in (`sign_in_named`), a call of the admin API (`api_actor`), or the operator's
# command on the server's database (`command_line_actor`); the first two with the `operator`
# (sync.server.operators: a named operator, or "shared admin token"). Never a token, cookie or
# their hash.
def token_fingerprint(token: str) -> str:
    """A short name of the administrator token for the trail: 12 hex digits of a SHA-256 made
    for this use only (not the token's stored hash, from which nothing can be told either). The
    same token gives the same fingerprint, so the trail shows when the token was changed."""
    return hashlib.sha256(("daftar-admin-token-fingerprint:" + token).encode()).hexdigest()[:12]


SHARED_TOKEN = "shared admin token"  # the `operator` of what the shared administrator token did


def api_actor(admin_token: str, address: str, user_agent: str = "", *, operator: str = "",
              token: str = "") -> dict:
    """How the trail names a call of the admin API: the `operator` whose personal token it
    carried (`token`: that token's fingerprint), or the shared administrator token (`operator`
    "shared admin token", `token` the fingerprint of `admin_token`: the shared token knows no
    person); the address the call came from and the program that made it (its User-Agent,
    e.g. `daftar-sync/1` for `daftar server ... --server`)."""
    return {"by": "admin API", "operator": operator or SHARED_TOKEN,
            "token": token if operator else token_fingerprint(admin_token), "address": (address or "")[:64],
            "client": (user_agent or "")[:120]}


def command_line_actor() -> dict:
    """How the trail names the operator's `daftar server enrol-code|revoke --database` (on the
    server's database itself): the computer's user and host name."""
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name known (a service account without one)
        user = ""
    return {"by": "command line", "user": user[:64], "host": socket.gethostname()[:64]}


def issue_code(session: Session, *, name: str = "", district: str = "", tehsil: str = "",
               office_uuid: str | None = None, hours: float = CODE_HOURS, by: dict | None = None) -> dict:
    """A one-time enrolment code for one office, shown once: for a new office (`name`,
    `district`, `tehsil` as the operator knows it), or for the enrolled office `office_uuid`
    to get a new key (a new or repaired PC; a revoked office back in service). Only its
    hash is stored. Audited `code.issued`, naming `by` (who issued it). The caller commits."""
    import datetime as dt

    if not 0 < hours <= 24 * 30:
        raise IngestError(422, "bad_hours", "a code must be valid for more than 0 and at most 720 hours")
    office = None
    if office_uuid:
        office = session.scalar(select(ServerOffice).where(ServerOffice.office_uuid == office_uuid))
        if office is None:
            raise IngestError(404, "unknown_office", f"no office with id {office_uuid} is enrolled: issue a code "
                                                     "for a new office with its name and district instead")
        name, district, tehsil = name or office.name, district or office.district, tehsil or office.tehsil
    elif not name.strip() or not district.strip():
        raise IngestError(422, "office_required", "name the office and its district (a code is for one office)")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LEN))
    code = "-".join(raw[i:i + CODE_GROUP_LEN] for i in range(0, len(raw), CODE_GROUP_LEN))
    now = utcnow()
    row = ServerEnrolCode(code_sha256=code_hash(code), name=name.strip(), district=district.strip(),
                          tehsil=tehsil.strip(), office_id=office.id if office else None, issued_at=now,
                          expires_at=now + dt.timedelta(hours=hours))
    session.add(row)
    record_event(session, "code.issued", office_uuid or "", name=row.name, district=row.district,
                 tehsil=row.tehsil, reenrol=office is not None, expires_at=_when(row.expires_at), **(by or {}))
    session.flush()
    return {"code": code, "name": row.name, "district": row.district, "tehsil": row.tehsil,
            "office_id": office_uuid or None, "expires_at": _when(row.expires_at)}


def enrol(session: Session, *, code: str, office_uuid: str, name: str, district: str, tehsil: str,
          public_key: str) -> dict:
    """Enrol an office with a one-time code the operator issued for it; returns its new
    device token (shown once), its name and whether it was enrolled before. A new office gets the name and district the code was issued
    with; an enrolled office is given a new key and token only with a code issued for that
    very office (audited `office.reenrolled`; a revoked office is back in service). A code
    works once, before it expires. The caller commits."""
    try:
        import base64

        if len(base64.b64decode(public_key, validate=True)) != 32:
            raise ValueError
    except ValueError:
        raise IngestError(422, "bad_public_key", "public_key must be base64 of a raw 32-byte Ed25519 key") from None
    if not normalise_code(code):
        raise IngestError(401, "code_required", "enrolment needs a one-time enrolment code from the central "
                                                "server's operator (`daftar server enrol-code`)")
    now = utcnow()
    row = session.scalar(select(ServerEnrolCode).where(ServerEnrolCode.code_sha256 == code_hash(code))
                         .with_for_update())
    if row is None:
        raise IngestError(401, "bad_code", "this enrolment code is not one the central server issued (check it "
                                           "letter by letter, or ask the operator for a new one)")
    if row.used_at is not None:
        raise IngestError(401, "code_used", f"this enrolment code was used already ({_when(row.used_at)}): a "
                                            "code works once; ask the operator for a new one")
    if row.expires_at < now:
        raise IngestError(401, "code_expired", f"this enrolment code expired at {_when(row.expires_at)}: ask the "
                                               "operator for a new one")
    office = session.scalar(select(ServerOffice).where(ServerOffice.office_uuid == office_uuid))
    if office is not None and row.office_id != office.id:
        raise IngestError(403, "enrolled_already", "this office is enrolled already: a new key for it needs a "
                                                   "code the operator issues for this very office "
                                                   f"(`daftar server enrol-code --office-id {office_uuid}`)")
    if office is None and row.office_id is not None:
        raise IngestError(403, "code_for_another_office", "this code was issued for another office's new key, not "
                                                          "for this one: ask the operator for this office's code")
    token = secrets.token_urlsafe(32)
    if office is None:
        office = ServerOffice(office_uuid=office_uuid, name=row.name or name, district=row.district or district,
                              tehsil=row.tehsil or tehsil, enrolled_at=now)
        session.add(office)
        event, detail = "office.enrolled", {}
    else:
        event = "office.reenrolled"  # (the server's own trail, sync_event; not an office's audit)
        detail = {"old_public_key": office.public_key, "was_revoked": office.revoked_at is not None}
        office.enrolled_at, office.revoked_at, office.revoked_reason = now, None, ""
    office.public_key = public_key
    office.token_sha256 = token_hash(token)
    session.flush()
    row.used_at, row.used_by = now, office.id
    record_event(session, event, office_uuid, name=office.name, district=office.district,
                 public_key=public_key, **detail)
    session.flush()
    return {"office_id": office_uuid, "device_token": token, "name": office.name,
            "reenrolled": event == "office.reenrolled"}


ENROL_WINDOW_HOURS = 1  # failed enrolments counted over this window (`enrol_limited`)


def _office_key(name: str) -> str:
    """An office name as the limit counts it: case and spacing do not make another office."""
    return " ".join((name or "").split()).casefold()[:200]


def enrol_limited(session: Session, *, address: str, office_name: str, limit: int) -> tuple[int, str] | None:
    """(seconds until an attempt is taken again, what is limited in words) when `limit` failed
    enrolments came from `address`, or named the office `office_name`, within the last
    hour; None when this attempt may go on (or `limit` is 0: no limit). A code has about 98
    bits, but nothing else stopped anyone trying codes as fast as the server answers."""
    import datetime as dt
    import math

    if limit <= 0:
        return None
    now = utcnow()
    window = dt.timedelta(hours=ENROL_WINDOW_HOURS)
    worst: tuple[float, str] | None = None
    for column, value, what in ((ServerEnrolFailure.address, (address or "")[:64], "from this address"),
                                (ServerEnrolFailure.office_name, _office_key(office_name),
                                 f"for the office '{(office_name or '').strip()}'")):
        if not value:
            continue
        times = session.scalars(select(ServerEnrolFailure.at).where(column == value, ServerEnrolFailure.at > now - window)
                                .order_by(ServerEnrolFailure.at.desc()).limit(limit)).all()
        if len(times) >= limit:
            wait = (times[-1] + window - now).total_seconds()
            if worst is None or wait > worst[0]:
                worst = (wait, what)
    if worst is None:
        return None
    return max(1, math.ceil(worst[0])), worst[1]


def too_many_enrolments(limit: int, wait: int, what: str) -> IngestError:
    minutes = max(1, round(wait / 60))
    return IngestError(429, "too_many_attempts", f"too many failed enrolments {what} ({limit} in the last hour): "
                                                 f"try again in {minutes} {'minutes' if minutes != 1 else 'minute'}, "
                                                 "checking the code letter by letter, or ask the operator for a "
                                                 "new code", retry_after=wait)


def record_enrol_failure(session: Session, *, address: str, office_name: str) -> None:
    """Count a failed enrolment toward the limit, and forget those older than its window
    (the caller commits)."""
    import datetime as dt

    from sqlalchemy import delete

    now = utcnow()
    session.execute(delete(ServerEnrolFailure).where(
        ServerEnrolFailure.at < now - dt.timedelta(hours=ENROL_WINDOW_HOURS))
        .execution_options(synchronize_session=False))
    session.add(ServerEnrolFailure(at=now, address=(address or "")[:64], office_name=_office_key(office_name)))


# ----------------------------------------------------------------------------- the admin page's sign-in
def _session_hash(session_id: str) -> str:
    return hashlib.sha256(("daftar-admin-session:" + session_id).encode()).hexdigest()


def admin_sign_in(session: Session, admin_token: str, address: str, hours: float, operator=None) -> str:
    """A new sign-in of the admin page, by `operator` (a `ServerOperator` whose password was
    checked) or, without one, by the shared administrator token; returns the id its cookie
    carries (only its hash is kept). Sign-ins that have ended or run out are deleted. The
    caller commits."""
    import datetime as dt

    from sqlalchemy import delete

    now = utcnow()
    session.execute(delete(ServerAdminSession).where(
        (ServerAdminSession.ended_at.is_not(None)) | (ServerAdminSession.created_at < now - dt.timedelta(hours=hours)))
        .execution_options(synchronize_session=False))
    sid = secrets.token_urlsafe(32)
    session.add(ServerAdminSession(session_sha256=_session_hash(sid),
                                   token_sha256="" if operator is not None else token_hash(admin_token),
                                   operator_id=operator.id if operator is not None else None,
                                   operator_name=operator.name if operator is not None else "",
                                   address=(address or "")[:64], created_at=now, last_seen=now))
    session.flush()
    return sid


def admin_csrf(session_id: str) -> str:
    """The admin page's CSRF token of one sign-in: every form of the page carries it and every
    POST of the page must give it back. Derived from the cookie's random id (which another site
    can neither read nor guess) by HMAC, so nothing more is stored; it is not the id itself,
    nor its stored hash."""
    import hmac

    return hmac.new(session_id.encode(), b"daftar-admin-csrf", hashlib.sha256).hexdigest()


def admin_session(session: Session, session_id: str, admin_token: str, *, idle_minutes: float,
                  hours: float) -> ServerAdminSession | None:
    """The sign-in the cookie's `session_id` names when it is still open (else None): not signed
    out, used within `idle_minutes`, made less than `hours` ago; an operator's while the
    operator is enabled and has the password they signed in with; the shared token's while it is
    the administrator token of now and the server has no operator. A sign-in in use is kept open
    (its last use written at most once a minute); one found run out is ended. The caller commits."""
    import datetime as dt

    from sync.server import operators

    if not session_id:
        return None
    row = session.scalar(select(ServerAdminSession).where(ServerAdminSession.session_sha256 == _session_hash(session_id)))
    if row is None or row.ended_at is not None:
        return None
    now = utcnow()
    slack = dt.timedelta(minutes=5)
    if row.operator_id is not None:
        who = operators.session_ended_why(session, row)
    else:
        who = ("token_changed" if not secrets.compare_digest(row.token_sha256, token_hash(admin_token))
               else "operators_exist" if operators.any_operator(session) else "")
    why = (who
           # made or used "later" than now: the server's clock was ahead then (or went back since);
           # how long it has been open is not known, and it would not run out until that date
           or ("clock" if row.created_at - now > slack or row.last_seen - now > slack
               else "idle" if now - row.last_seen > dt.timedelta(minutes=idle_minutes)
               else "too_long" if now - row.created_at > dt.timedelta(hours=hours) else ""))
    if why:
        row.ended_at = now
        record_event(session, "admin.sign_in_ended", operator=row.operator_name or SHARED_TOKEN, address=row.address,
                     reason=why)
        return None
    if now - row.last_seen > dt.timedelta(seconds=60):
        row.last_seen = now
    return row


def admin_sign_out(session: Session, session_id: str) -> ServerAdminSession | None:
    """End the sign-in the cookie's `session_id` names (a copy of the cookie no longer works);
    returns it, None when there was none open. The caller commits."""
    if not session_id:
        return None
    row = session.scalar(select(ServerAdminSession).where(ServerAdminSession.session_sha256 == _session_hash(session_id)))
    if row is None or row.ended_at is not None:
        return None
    row.ended_at = utcnow()
    return row


def revoke(session: Session, office_uuid: str, reason: str = "", by: dict | None = None) -> dict:
    """Revoke an office: its device token and key are refused from now on (a stolen or
    retired PC), until the operator issues a code for it and it is enrolled again. Its
    unused codes are cancelled. Audited `office.revoked`, naming `by`; an office revoked
    already is left as it is (no event). The caller commits."""
    office = session.scalar(select(ServerOffice).where(ServerOffice.office_uuid == office_uuid))
    if office is None:
        raise IngestError(404, "unknown_office", f"no office with id {office_uuid} is enrolled")
    if office.revoked_at is None:
        office.revoked_at, office.revoked_reason = utcnow(), reason.strip()
        session.execute(update(ServerEnrolCode).where(ServerEnrolCode.office_id == office.id,
                                                      ServerEnrolCode.used_at.is_(None))
                        .values(expires_at=office.revoked_at))
        record_event(session, "office.revoked", office_uuid, name=office.name, reason=office.revoked_reason,
                     **(by or {}))
        session.flush()
    return {"office_id": office_uuid, "name": office.name, "revoked_at": _when(office.revoked_at),
            "reason": office.revoked_reason}


def office_by_token(session: Session, token: str) -> ServerOffice | None:
    return session.scalar(select(ServerOffice).where(ServerOffice.token_sha256 == token_hash(token)))


def record_refusal(session_factory, office_uuid: str, batch_uuid: str, err: IngestError, source: str = "network",
                   *, keep: int = 0, days: int = 0) -> None:
    """Keep a refused batch for the operator (its own transaction: the batch's was rolled
    back), and prune the refusals to the newest `keep`, none older than `days` days (0: no
    such bound; `prune_refusals`). `images_missing` is not kept: the office uploads the images
    and sends it again."""
    if err.code == "images_missing":
        return
    import logging

    logging.getLogger("daftar.server").warning("refused batch %s from office %s (%s): %s", batch_uuid or "?",
                                               office_uuid or "?", err.code, err.message)
    with session_factory() as s:
        s.add(ServerRefusal(office_uuid=office_uuid or "", batch_uuid=(batch_uuid or "")[:100], source=source,
                            status=err.status, error=err.code[:40], reason=err.message, at=utcnow()))
        s.flush()
        prune_refusals(s, keep=keep, days=days)
        s.commit()


def prune_refusals(session: Session, *, keep: int = 0, days: int = 0) -> int:
    """Delete the refused batches beyond the newest `keep` and those older than `days` days
    (0: no such bound); returns how many went. A revoked office or a broken client refusing
    again and again must not grow the table for ever. The caller commits."""
    import datetime as dt

    from sqlalchemy import delete

    gone = 0
    if days > 0:
        gone += session.execute(delete(ServerRefusal).where(ServerRefusal.at < utcnow() - dt.timedelta(days=days))
                                .execution_options(synchronize_session=False)).rowcount or 0
    if keep > 0:
        edge = session.scalar(select(ServerRefusal.id).order_by(ServerRefusal.id.desc()).offset(keep - 1).limit(1))
        if edge is not None:
            gone += session.execute(delete(ServerRefusal).where(ServerRefusal.id < edge)
                                    .execution_options(synchronize_session=False)).rowcount or 0
    return gone


def refusals(session: Session, limit: int = 200) -> list[dict]:
    """The newest refused batches, newest first, with the office's name."""
    rows = session.execute(
        select(ServerRefusal, ServerOffice.name).outerjoin(ServerOffice, ServerOffice.office_uuid == ServerRefusal.office_uuid)
        .order_by(ServerRefusal.id.desc()).limit(limit)).all()
    return [{"at": _when(r.at), "office_id": r.office_uuid, "office_name": name or "", "batch_id": r.batch_uuid,
             "source": r.source, "status": r.status, "error": r.error, "reason": r.reason} for r, name in rows]


def events(session: Session, limit: int = 200) -> list[dict]:
    rows = session.scalars(select(ServerEvent).order_by(ServerEvent.id.desc()).limit(limit)).all()
    return [{"at": _when(e.at), "action": e.action, "office_id": e.office_uuid, "detail": e.detail} for e in rows]


def open_codes(session: Session) -> list[dict]:
    """Codes issued and neither used nor expired (never the codes themselves)."""
    now = utcnow()
    rows = session.execute(
        select(ServerEnrolCode, ServerOffice.office_uuid).outerjoin(ServerOffice, ServerOffice.id == ServerEnrolCode.office_id)
        .where(ServerEnrolCode.used_at.is_(None), ServerEnrolCode.expires_at > now).order_by(ServerEnrolCode.id)).all()
    return [{"name": c.name, "district": c.district, "tehsil": c.tehsil, "office_id": ou,
             "issued_at": _when(c.issued_at), "expires_at": _when(c.expires_at)} for c, ou in rows]


# ----------------------------------------------------------------------------- batches
def _check_submission(office, sub: Submission) -> Manifest:
    try:
        m = Manifest.model_validate(sub.manifest)
    except Exception as e:
        raise IngestError(422, "bad_manifest", f"the manifest is incomplete or malformed: {e}") from None
    if m.office_id != office.office_uuid:
        raise IngestError(403, "wrong_office", "the batch was sealed by another office than this device's")
    if not verify_signature(office.public_key, canonical_json(sub.manifest), sub.signature):
        raise IngestError(422, "bad_signature", "the batch signature does not match the office key: the batch was changed after sealing, or the office key is not the enrolled one")
    refs = {(e.entry_uuid, e.version): e.sha256 for e in m.entries}
    if len(refs) != len(m.entries):
        raise IngestError(422, "duplicate_entry", "the manifest lists an entry version twice")
    docs = {(d.entry_uuid, d.version): d for d in sub.entries}
    if set(docs) != set(refs) or len(docs) != len(sub.entries):
        raise IngestError(422, "entries_mismatch", "the entries sent are not the entries in the manifest")
    for key, d in docs.items():
        if d.sha256 != refs[key] or content_hash(d.content) != d.sha256:
            raise IngestError(422, "hash_mismatch", f"entry {key[0]} v{key[1]}: its content does not match its hash")
    for sha in m.images:
        if not is_sha256(sha):
            raise IngestError(422, "bad_image_hash", f"'{sha[:70]}' is not a SHA-256 hash")
    return m


def submit_batch(session: Session, storage, office, sub: Submission, *, source: str = "network") -> dict:
    """Store a signed batch exactly once and return its receipt (the same receipt on a resend).

    Raises IngestError 409 when a batch id or an entry key is already held with other content.
    The caller commits.
    """
    m = _check_submission(office, sub)
    missing = storage.make_durable(m.images)  # every image is on disk for good before any receipt
    if missing:
        raise IngestError(422, "images_missing", f"{len(missing)} page image(s) have not been uploaded yet", images=missing)
    msha = content_hash(sub.manifest)
    bid = session.scalar(
        _insert(session, ServerBatch).values(
            batch_uuid=m.batch_id, office_id=office.id, manifest_sha256=msha, manifest=sub.manifest,
            signature=sub.signature, audit_head=m.audit_head, source=source, entries=len(m.entries),
            received_at=utcnow(),
        ).on_conflict_do_nothing(index_elements=["batch_uuid"]).returning(ServerBatch.id)
    )
    if bid is None:
        old = session.scalar(select(ServerBatch).where(ServerBatch.batch_uuid == m.batch_id))
        if old.manifest_sha256 != msha or old.office_id != office.id:
            raise IngestError(409, "batch_conflict", "a different batch with this batch id was already received",
                              server_sha256=old.manifest_sha256, client_sha256=msha)
        return old.receipt
    docs = {(d.entry_uuid, d.version): d for d in sub.entries}
    now = utcnow()
    ids: dict[tuple[str, int], int] = {}
    refs = list(m.entries)
    for u, v, eid in _insert_entries(session, refs, docs, office_id=office.id, batch_id=bid, now=now):
        ids[(u, v)] = eid
    held = [r for r in refs if (r.entry_uuid, r.version) not in ids]
    existing: dict[tuple[str, int], tuple[int, str]] = {}
    for i in range(0, len(held), 500):
        part = held[i:i + 500]
        for u, v, eid, sha in session.execute(
            select(ServerEntry.entry_uuid, ServerEntry.version, ServerEntry.id, ServerEntry.sha256)
            .where(ServerEntry.entry_uuid.in_({r.entry_uuid for r in part}))
        ):
            existing[(u, v)] = (eid, sha)
    rows, conflicts = [], []
    for ref in refs:
        key = (ref.entry_uuid, ref.version)
        if key not in ids:
            eid, sha = existing[key]
            if sha != ref.sha256:
                conflicts.append({"entry_uuid": ref.entry_uuid, "version": ref.version,
                                  "server_sha256": sha, "client_sha256": ref.sha256})
                continue
            ids[key] = eid
        rows.append({"entry_uuid": ref.entry_uuid, "version": ref.version, "sha256": ref.sha256,
                     "server_id": f"E{ids[key]}"})
    if conflicts:
        raise IngestError(409, "entry_conflict",
                          f"{len(conflicts)} entry version(s) were already received with different content",
                          conflicts=conflicts)
    receipt = {
        "receipt_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"daftar:{m.batch_id}:{msha}")),
        "batch_id": m.batch_id, "office_id": office.office_uuid, "manifest_sha256": msha,
        "received_at": utcnow().isoformat(timespec="seconds") + "Z", "entries": rows,
    }
    session.execute(update(ServerBatch).where(ServerBatch.id == bid).values(receipt=receipt))
    return receipt


def _insert_entries(session: Session, refs, docs, *, office_id: int, batch_id: int, now) -> list[tuple[str, int, int]]:
    """Insert the batch's entry versions not held yet; returns (uuid, version, id) of those inserted.

    PostgreSQL: COPY into a temporary table, then one INSERT ... SELECT ... ON CONFLICT DO
    NOTHING (a 1,000-entry batch: about 5x faster than a multi-row INSERT with 9,000 bound
    parameters). Other databases: one executemany INSERT ... ON CONFLICT DO NOTHING.
    """
    if session.get_bind().dialect.name == "postgresql":
        cur = session.connection().connection.driver_connection.cursor()
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS sync_incoming (entry_uuid varchar(36), version integer, "
                    "sha256 varchar(64), content json) ON COMMIT DELETE ROWS")
        with cur.copy("COPY sync_incoming (entry_uuid, version, sha256, content) FROM STDIN") as copy:
            for r in refs:
                content = docs[(r.entry_uuid, r.version)].content
                copy.write_row((r.entry_uuid, r.version, r.sha256, json.dumps(content, ensure_ascii=False)))
        cur.execute("INSERT INTO sync_entry (entry_uuid, version, sha256, content, office_id, batch_id, state, "
                    "reason, received_at) SELECT entry_uuid, version, sha256, content, %s, %s, 'received', '', %s "
                    "FROM sync_incoming ON CONFLICT (entry_uuid, version) DO NOTHING "
                    "RETURNING entry_uuid, version, id", (office_id, batch_id, now))
        return [tuple(row) for row in cur.fetchall()]
    table = ServerEntry.__table__
    stmt = (_insert(session, table).on_conflict_do_nothing(index_elements=["entry_uuid", "version"])
            .returning(table.c.entry_uuid, table.c.version, table.c.id))
    params = [{"entry_uuid": r.entry_uuid, "version": r.version, "sha256": r.sha256,
               "content": docs[(r.entry_uuid, r.version)].content, "office_id": office_id, "batch_id": batch_id,
               "state": "received", "reason": "", "received_at": now} for r in refs]
    return [tuple(row) for row in session.connection().execute(stmt, params).all()]


# ----------------------------------------------------------------------------- USB files
@dataclass
class BatchFile:
    submission: Submission
    images: dict[str, bytes] = field(default_factory=dict)


def _missing_parts(e: ValidationError) -> str:
    """A batch.json's schema errors in words: what is missing or wrong, and where (pydantic's
    own text carries the whole input and a web address)."""
    said = []
    for err in e.errors():
        where = " ".join(f"#{x + 1}" if isinstance(x, int) else str(x) for x in err.get("loc", ())) or "it"
        if err.get("type") == "missing":
            said.append(f"it has no {where}")
        else:
            said.append(f"{where}: {err.get('msg', 'not valid')}")
    more = f" (and {len(said) - 3} more)" if len(said) > 3 else ""
    return "; ".join(said[:3]) + more


NOT_A_BATCH_FILE = "not a Daftar batch file (a zip with batch.json)"


def read_batch_file(data: bytes) -> BatchFile:
    """Parse a `.daftar-batch` file (zip: batch.json + images/<sha256>). IngestError saying
    in words what is missing or wrong."""
    try:
        z = zipfile.ZipFile(BytesIO(data))
        body = json.loads(z.read("batch.json"))
        images = {n.split("/", 1)[1]: z.read(n) for n in z.namelist() if n.startswith("images/") and n != "images/"}
        sub = Submission.model_validate(body)
    except ValidationError as e:
        raise IngestError(422, "bad_batch_file", f"not a complete Daftar batch file: in its batch.json "
                                                 f"{_missing_parts(e)}") from None
    except KeyError:
        raise IngestError(422, "bad_batch_file", f"{NOT_A_BATCH_FILE}: it holds no batch.json") from None
    except ValueError as e:  # (json's errors are ValueErrors)
        raise IngestError(422, "bad_batch_file", f"{NOT_A_BATCH_FILE}: its batch.json cannot be read ({e})") from None
    except zipfile.BadZipFile as e:
        raise IngestError(422, "bad_batch_file", f"{NOT_A_BATCH_FILE}: {e}") from None
    return BatchFile(sub, images)


def batch_file_ids(data: bytes) -> tuple[str, str]:
    """(office id, batch id) a batch file names, as far as it can be read ("" otherwise)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            manifest = (json.loads(z.read("batch.json")).get("manifest") or {})
        return str(manifest.get("office_id", ""))[:36], str(manifest.get("batch_id", ""))[:100]
    except Exception:  # noqa: BLE001 - a file that cannot be read names nothing
        return "", ""


def import_batch_file(session: Session, storage, data: bytes, by: dict | None = None) -> dict:
    """Take a USB batch file: check signature and images, then the same path as the network.
    A batch new to the server is audited `batch.imported` (office, batch, entries, naming
    `by`) in the same transaction; a file brought again (the batch held already) changes
    nothing and writes no event. The caller commits."""
    bf = read_batch_file(data)
    office_uuid = bf.submission.manifest.get("office_id", "")
    office = session.scalar(select(ServerOffice).where(ServerOffice.office_uuid == office_uuid))
    if office is None:
        raise IngestError(403, "unknown_office", f"office {office_uuid} is not enrolled: enrol it before importing its batches")
    if office.revoked_at is not None:
        raise IngestError(403, "office_revoked", f"office {office.name or office_uuid} was revoked "
                                                 f"({_when(office.revoked_at)}): its key is refused; issue it a code "
                                                 "and enrol it again first")
    _check_submission(office, bf.submission)  # signature before writing any image
    for sha, img in bf.images.items():
        try:
            storage.put(sha, img)
        except Exception as e:
            raise IngestError(422, "bad_image", f"image {sha[:12]}… in the batch file is damaged: {e}") from None
    batch_id = str(bf.submission.manifest.get("batch_id", ""))
    held = session.scalar(select(ServerBatch.id).where(ServerBatch.batch_uuid == batch_id)) is not None
    receipt = submit_batch(session, storage, office, bf.submission, source="usb")
    if not held:
        record_event(session, "batch.imported", office_uuid, batch_id=batch_id, entries=len(receipt["entries"]),
                     source="usb", **(by or {}))
        session.flush()
    return receipt


# ----------------------------------------------------------------------------- decisions
def decide(session: Session, *, entry_uuid: str, version: int, decision: str, reason: str = "",
           by: dict) -> int:
    """Record a central decision on an entry version, and its event in the server's trail
    (`decision.accepted` / `decision.rejected`: office, entry, version, reason, and `by`, who
    decided) in the same transaction: no decision is kept without its event. Returns its
    cursor. The caller commits."""
    if decision not in ("accepted", "rejected"):
        raise IngestError(422, "bad_decision", "decision must be 'accepted' or 'rejected'")
    if decision == "rejected" and not reason.strip():
        raise IngestError(422, "reason_required", "say why an entry is rejected")
    e = session.scalar(select(ServerEntry).where(ServerEntry.entry_uuid == entry_uuid, ServerEntry.version == version))
    if e is None:
        raise IngestError(404, "unknown_entry", f"entry {entry_uuid} v{version} has not been received")
    e.state, e.reason = decision, reason
    d = ServerDecision(office_id=e.office_id, entry_id=e.id, entry_uuid=entry_uuid, version=version,
                       decision=decision, reason=reason)
    session.add(d)
    office = session.get(ServerOffice, e.office_id)
    record_event(session, f"decision.{decision}", office.office_uuid if office else "", entry_uuid=entry_uuid,
                 version=version, reason=reason, **by)
    session.flush()
    return d.id


def sign_in_named(by: ServerAdminSession) -> dict:
    """How the trail names what a sign-in at the admin page did: the operator who signed in
    (or "shared admin token"), the sign-in's number, the address and time it signed in from
    (never the token, nor the cookie's id or hash)."""
    return {"by": "admin page", "operator": by.operator_name or SHARED_TOKEN, "sign_in": by.id,
            "address": by.address, "signed_in_at": _when(by.created_at)}


def decide_on_page(session: Session, *, entry_id: int, version: int, decision: str, reason: str,
                   by: ServerAdminSession) -> int:
    """A decision made at the admin page's review (signed in as `by`) on the entry of server id
    `entry_id`, as the page showed it (`version`): the same decision `decide` records for the
    API (so the office gets it the same way, through /v1/changes), and an event in the
    server's trail naming the sign-in. Only an entry still waiting (`received`) is decided
    here: one decided meanwhile (another sign-in, a script) is 409 `already_decided`, saying
    how, and nothing changes. The caller commits."""
    e = session.get(ServerEntry, entry_id)
    if e is None or e.version != version:
        raise IngestError(404, "unknown_entry", f"entry {entry_id} (version {version}) is not on this server")
    if e.state != "received":
        said = f"{e.state}" + (f" ({e.reason})" if e.reason else "")
        raise IngestError(409, "already_decided", f"entry {e.entry_uuid} v{e.version} was {said} meanwhile "
                                                  "(another sign-in or a script): nothing was changed")
    return decide(session, entry_uuid=e.entry_uuid, version=e.version, decision=decision, reason=reason.strip(),
                  by=sign_in_named(by))


def accept_batch(session: Session, *, batch_uuid: str, expected: int, by: ServerAdminSession) -> int:
    """Accept every entry of batch `batch_uuid` still waiting for a decision, from the admin
    page's review after its confirmation (which showed `expected` of them); returns how many.
    Each is decided as `decide` does (one change for the office each); one event in the trail
    names the batch, how many and the sign-in. When the number waiting is no longer what the
    confirmation showed (decided meanwhile), 409 `batch_changed` and nothing changes. The
    caller commits."""
    batch = session.scalar(select(ServerBatch).where(ServerBatch.batch_uuid == batch_uuid))
    if batch is None:
        raise IngestError(404, "unknown_batch", f"batch {batch_uuid} is not on this server")
    waiting = session.scalars(select(ServerEntry).where(ServerEntry.batch_id == batch.id,
                                                        ServerEntry.state == "received")
                              .order_by(ServerEntry.id)).all()
    if len(waiting) != expected:
        raise IngestError(409, "batch_changed", f"batch {batch_uuid} has {len(waiting)} entries waiting, not the "
                                                f"{expected} the confirmation showed (some were decided meanwhile): "
                                                "nothing was accepted; look at it again")
    for e in waiting:
        e.state, e.reason = "accepted", ""
        session.add(ServerDecision(office_id=e.office_id, entry_id=e.id, entry_uuid=e.entry_uuid, version=e.version,
                                   decision="accepted", reason=""))
    office = session.get(ServerOffice, batch.office_id)
    record_event(session, "decision.batch_accepted", office.office_uuid if office else "", batch_id=batch_uuid,
                 entries=len(waiting), **sign_in_named(by))
    session.flush()
    return len(waiting)


def held_batches(session: Session, office, batch_ids: list[str]) -> list[str]:
    """Which of `batch_ids` the server holds, received from `office` (an office whose receipt
    names a batch the server does not hold sends it again: the database was restored)."""
    held: list[str] = []
    wanted = list(dict.fromkeys(batch_ids))
    for i in range(0, len(wanted), 500):
        held += session.scalars(select(ServerBatch.batch_uuid).where(
            ServerBatch.office_id == office.id, ServerBatch.batch_uuid.in_(wanted[i:i + 500]))).all()
    return held


def entry_copy(session: Session, office, entry_uuid: str, version: int) -> dict:
    """The server's copy of entry version (`entry_uuid`, `version`) as `office` sent it: its
    document, hash, state (and a rejection's reason), and the batch it arrived in and when.
    IngestError 404 `unknown_entry` when the server holds no such version from this office:
    another office's entry is answered exactly as one never received (its content, and that
    it exists, are not this office's to know)."""
    row = session.execute(
        select(ServerEntry, ServerBatch.batch_uuid, ServerBatch.source)
        .join(ServerBatch, ServerBatch.id == ServerEntry.batch_id)
        .where(ServerEntry.entry_uuid == entry_uuid, ServerEntry.version == version,
               ServerEntry.office_id == office.id)).first()
    if row is None:
        raise IngestError(404, "unknown_entry", f"this office sent no entry {entry_uuid} version {version} that the "
                                                "server holds")
    e, batch_uuid, source = row
    return {"entry_uuid": e.entry_uuid, "version": e.version, "sha256": e.sha256, "content": e.content,
            "state": e.state, "reason": e.reason or "", "server_id": f"E{e.id}", "batch_id": batch_uuid,
            "source": source, "received_at": _when(e.received_at)}


def changes(session: Session, office, since: int, limit: int, since_entry: str | None = None) -> dict:
    """Central decisions on `office`'s entries after cursor `since`, a page at a time.

    `reset` when the decision `since` is not there, not this office's, or (given
    `since_entry`) not on that entry: the office's cursor comes from a database this one was
    restored over, and decisions with ids below it would never reach the office."""
    if since > 0:
        at = session.get(ServerDecision, since)
        if at is None or at.office_id != office.id or (since_entry and at.entry_uuid != since_entry):
            return {"changes": [], "cursor": 0, "more": True, "reset": True}
    rows = session.scalars(
        select(ServerDecision).where(ServerDecision.office_id == office.id, ServerDecision.id > since)
        .order_by(ServerDecision.id).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "changes": [
            {"cursor": d.id, "entry_uuid": d.entry_uuid, "version": d.version, "decision": d.decision,
             "reason": d.reason, "decided_at": d.decided_at.isoformat(timespec="seconds") + "Z"}
            for d in rows
        ],
        "cursor": rows[-1].id if rows else since,
        "more": more,
    }


def batches_by_office(session: Session) -> list[dict]:
    """Every enrolled office (one that has sent nothing yet too: `batches` empty, so the
    central office sees which offices are silent) with its received batches, oldest first."""
    rows = session.execute(
        select(ServerOffice.office_uuid, ServerOffice.name, ServerOffice.district, ServerOffice.tehsil,
               ServerOffice.enrolled_at, ServerOffice.revoked_at, ServerOffice.revoked_reason, ServerBatch.batch_uuid, ServerBatch.entries, ServerBatch.source,
               ServerBatch.received_at)
        .outerjoin(ServerBatch, ServerBatch.office_id == ServerOffice.id)
        .order_by(ServerOffice.name, ServerOffice.id, ServerBatch.received_at)
    ).all()
    out: dict[str, dict] = {}
    for ou, name, district, tehsil, enrolled, revoked, why, bu, n, src, at in rows:
        o = out.setdefault(ou, {"office_id": ou, "name": name, "district": district, "tehsil": tehsil,
                                "enrolled_at": enrolled.isoformat(timespec="seconds") + "Z",
                                "revoked_at": _when(revoked), "revoked_reason": why or "", "batches": []})
        if bu is not None:
            o["batches"].append({"batch_id": bu, "entries": n, "source": src,
                                 "received_at": at.isoformat(timespec="seconds") + "Z"})
    return list(out.values())


def entry_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ServerEntry)) or 0


# ----------------------------------------------------------------------------- what the server holds
HOLDINGS_PAGE = 5000  # entries per page of GET /v1/holdings (at most)


HOLDINGS_RANGE = 1000  # server ids per range of the summary's digests


def holdings_summary(session: Session, office, ranges: bool = False) -> dict:
    """How many entry versions the server holds from `office`, by state (received, accepted,
    rejected), with the server's epoch: one indexed count, what an office compares at every pass.
    `ranges`: also, for each range of HOLDINGS_RANGE server ids holding any, [range number,
    entry versions, `range_digest`]: what the office's daily check compares, reading only the
    ranges that differ."""
    from sync.server.instance import epoch

    by_state = dict(session.execute(select(ServerEntry.state, func.count()).where(ServerEntry.office_id == office.id)
                                    .group_by(ServerEntry.state)).all())
    out = {"epoch": epoch(session), "entries": sum(by_state.values()),
           "states": {k: int(by_state.get(k, 0)) for k in ("received", "accepted", "rejected")}}
    if ranges:
        found: list[list] = []
        cur, keys = None, []
        rows = session.execute(select(ServerEntry.id, ServerEntry.entry_uuid, ServerEntry.version, ServerEntry.sha256)
                               .where(ServerEntry.office_id == office.id).order_by(ServerEntry.id)
                               .execution_options(yield_per=5000))
        for sid, uuid_, version, sha in rows:
            k = sid // HOLDINGS_RANGE
            if k != cur and keys:
                found.append([cur, len(keys), range_digest(keys)])
                keys = []
            cur = k
            keys.append((uuid_, version, sha))
        if keys:
            found.append([cur, len(keys), range_digest(keys)])
        out["ranges"] = found
        out["range_size"] = HOLDINGS_RANGE
    return out


def holdings(session: Session, office, after: int, limit: int) -> dict:
    """The entry versions the server holds from `office` (never another office's), in server
    id order after server id `after`, a page at a time: each as [server id, entry uuid,
    version, sha256, state]. `cursor` is the last id given; `more` whether any follow."""
    from sync.server.instance import epoch

    rows = session.execute(
        select(ServerEntry.id, ServerEntry.entry_uuid, ServerEntry.version, ServerEntry.sha256, ServerEntry.state)
        .where(ServerEntry.office_id == office.id, ServerEntry.id > after)
        .order_by(ServerEntry.id).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return {"epoch": epoch(session), "entries": [list(r) for r in rows],
            "cursor": rows[-1][0] if rows else after, "more": more}
