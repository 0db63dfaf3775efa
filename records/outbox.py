"""Batches of approved entries for the central server: canonical JSON, manifest, Ed25519 seal.

Qt-free and network-free. `create_batch` first checks the entries against the audit trail
(every current value and workflow fact; one changed outside Daftar refuses the whole batch),
moves them to `batched` through the workflow, writes one canonical JSON document per entry version, builds the
manifest (office id, batch id, entries with their hashes, page image hashes, audit chain
head), signs it with the office key and queues one OutboxItem per entry -- all in the
caller's transaction, audited. The sync engine (sync/engine.py) and `daftar batch export`
send what this module sealed; they never rebuild it.

`Batch.manifest` holds the whole submission body: ``{"manifest": {...}, "entries": [...]}``
where each entry is ``{"entry_uuid", "version", "sha256", "content"}``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from records import audit, workflow
from records.audit import Actor
from records.models import (
    Batch,
    Entry,
    FieldValue,
    Office,
    OutboxItem,
    Page,
    Register,
    User,
    utcnow,
)

SCHEMA = 1


class OutboxError(RuntimeError):
    """A batch that cannot be built; the message says what to do."""


# ----------------------------------------------------------------------------- canonical form
def canonical_json(obj) -> bytes:
    """The one byte form that is hashed and signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(obj) -> str:
    """SHA-256 of the canonical JSON of `obj`."""
    return sha256_hex(canonical_json(obj))


# ----------------------------------------------------------------------------- keys
def generate_signing_key() -> bytes:
    """A new raw 32-byte Ed25519 private key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key_b64(signing_key: bytes) -> str:
    """Base64 of the raw public key that belongs to `signing_key` (registered at enrolment)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    pub = Ed25519PrivateKey.from_private_bytes(signing_key).public_key()
    return base64.b64encode(pub.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def sign(signing_key: bytes, data: bytes) -> str:
    """Base64 Ed25519 signature of `data`."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return base64.b64encode(Ed25519PrivateKey.from_private_bytes(signing_key).sign(data)).decode()


def verify_signature(public_key: str, data: bytes, signature: str) -> bool:
    """True when `signature` (base64) is a valid Ed25519 signature of `data` by `public_key`
    (base64 of the raw key)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), data)
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def key_fingerprint(public_key: str) -> str:
    """A public key (base64 of the raw Ed25519 key) as people compare it: the first 16 bytes
    of its SHA-256 in 8 groups of 4 hex digits ("3f2a 9c01 ..."). ValueError when it is not
    a raw Ed25519 key."""
    raw = base64.b64decode(public_key, validate=True)
    if len(raw) != 32:
        raise ValueError(f"an Ed25519 public key has 32 bytes, not {len(raw)}")
    return fingerprint_text(hashlib.sha256(raw).hexdigest()[:32])


def fingerprint_text(hex_digits: str) -> str:
    """32 hex digits of a key's fingerprint as people read them out: 8 groups of 4."""
    return " ".join(hex_digits[i:i + 4] for i in range(0, 32, 4))


# the name of an office nobody named yet (`daftar init` without --office); enrolment replaces it
# with the name the central server knows the office by (sync.engine.enrol)
DEFAULT_OFFICE_NAME = "Daftar office"


def office_identity(session: Session, *, name: str = DEFAULT_OFFICE_NAME) -> Office:
    """The workspace's Office row, created with a fresh Ed25519 key pair when missing."""
    office = session.scalar(select(Office).order_by(Office.id).limit(1))
    if office is None:
        office = Office(name=name)
        session.add(office)
    if not office.signing_key:
        office.signing_key = generate_signing_key()
    session.flush()
    return office


# ----------------------------------------------------------------------------- entries
def _username(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    u = session.get(User, user_id)
    return u.username if u else str(user_id)


def current_values(session: Session, entry_ids: list[int]) -> dict[int, dict[str, str]]:
    """Current field values of many entries, ``{entry id: {field: value}}``, a few queries in all."""
    out: dict[int, dict[str, str]] = {i: {} for i in entry_ids}
    for i in range(0, len(entry_ids), 500):
        for eid, fld, val in session.execute(
            select(FieldValue.entry_id, FieldValue.field, FieldValue.value)
            .where(FieldValue.entry_id.in_(entry_ids[i:i + 500]), FieldValue.current.is_(True))
            .order_by(FieldValue.id)
        ):
            out[eid][fld] = val
    return out


def _load_related(session: Session, entries: list[Entry]) -> list:
    """Registers, pages and users the entries refer to, loaded in a few queries."""
    held: list = []
    for model, ids in ((Register, {e.register_id for e in entries}),
                       (Page, {e.page_id for e in entries if e.page_id}),
                       (User, {u for e in entries for u in (e.approved_by, e.verified_by) if u is not None})):
        ids = sorted(ids)
        for i in range(0, len(ids), 500):
            held += session.scalars(select(model).where(model.id.in_(ids[i:i + 500]))).all()
    return held


def entry_document(session: Session, entry: Entry, values: dict[str, str] | None = None) -> dict:
    """The canonical document of one entry version as the central office receives it.

    `values` (its current field values, from `current_values`) saves a query per entry.
    """
    reg = session.get(Register, entry.register_id)
    page = session.get(Page, entry.page_id) if entry.page_id else None
    if values is None:
        values = current_values(session, [entry.id])[entry.id]
    return {
        "schema": SCHEMA,
        "entry_uuid": entry.uuid,
        "version": entry.version,
        "register": {
            "uuid": reg.uuid, "template_id": reg.template_id, "template_version": reg.template_version,
            "district": reg.district, "tehsil": reg.tehsil, "mauza": reg.mauza,
            "hadbast_no": reg.hadbast_no, "year": reg.year, "volume": reg.volume,
            "header": dict(reg.header or {}),
        },
        "page": {"page_no": page.page_no, "image_sha256": page.image_sha256} if page else None,
        "row_no": entry.row_no,
        "values": values,
        "approved_by": _username(session, entry.approved_by),
        "verified_by": _username(session, entry.verified_by),
    }


@dataclass(frozen=True)
class BatchInfo:
    """A sealed batch, as plain values."""

    id: int
    uuid: str
    entries: int
    images: tuple[str, ...]
    manifest_sha256: str
    state: str


@dataclass(frozen=True)
class BatchRow:
    """One batch in a listing (`list_batches`), as plain values."""

    id: int
    uuid: str
    state: str  # the batch's: open|sealed|acknowledged
    entries: int  # entries it holds now (held-back ones sent again have moved to a newer batch)
    items: dict[str, int]  # its entries by sending state: queued, acknowledged, failed, ...
    created_at: dt.datetime
    created_by: str


def list_batches(session: Session) -> list[BatchRow]:
    """Every batch of the workspace, oldest first, with its entries by sending state."""
    counts: dict[int, dict[str, int]] = {}
    for batch_id, state, n in session.execute(
            select(OutboxItem.batch_id, OutboxItem.state, func.count()).group_by(OutboxItem.batch_id, OutboxItem.state)):
        counts.setdefault(batch_id, {})[state] = n
    rows = session.execute(select(Batch, User.username).outerjoin(User, User.id == Batch.created_by).order_by(Batch.id))
    return [BatchRow(b.id, b.uuid, b.state, sum(counts.get(b.id, {}).values()), dict(sorted(counts.get(b.id, {}).items())),
                     b.created_at, name or "") for b, name in rows]


_READY = (Entry.is_latest.is_(True), Entry.deleted.is_(False), Entry.state.in_((workflow.APPROVED, workflow.VERIFIED)))
_ORDER = (Entry.register_id, Entry.page_id, Entry.row_no, Entry.id)


def _not_in_a_batch():
    """An entry version no batch's outbox holds yet (looked up by the outbox's unique
    (entry_uuid, version) index, entry by entry, inside SQLite)."""
    return ~exists().where(OutboxItem.entry_uuid == Entry.uuid, OutboxItem.version == Entry.version)


def _ready_entries(session: Session, entry_ids: Iterable[int] | None) -> list[Entry]:
    stmt = select(Entry).where(*_READY)
    if entry_ids is None:
        return list(session.scalars(stmt.order_by(*_ORDER)))
    ids = list(entry_ids)
    found = [e for i in range(0, len(ids), 500) for e in session.scalars(stmt.where(Entry.id.in_(ids[i:i + 500])))]
    return sorted(found, key=lambda e: (e.register_id, e.page_id or 0, e.row_no, e.id))


def _queued(session: Session, entries: list[Entry]) -> set[tuple[str, int]]:
    """(uuid, version) of those `entries` already in a batch's outbox."""
    uuids = sorted({e.uuid for e in entries})
    return {row for i in range(0, len(uuids), 500) for row in session.execute(
        select(OutboxItem.entry_uuid, OutboxItem.version).where(OutboxItem.entry_uuid.in_(uuids[i:i + 500])))}


def verification_required(session: Session) -> bool:
    """Whether the office requires a revenue officer's verification before entries are batched."""
    from records.office_settings import read

    return bool(read(session).get("workflow.require_verification"))


def has_verifier(session: Session) -> bool:
    """Whether an enabled account may verify entries (a revenue officer): without one, an
    office that requires verification can never send anything."""
    return bool(session.scalar(select(func.count()).select_from(User).where(
        User.role == workflow.REVENUE_OFFICER, User.active.is_(True))))


def unverified_message(waiting: int, *, verifier: bool) -> str:
    """Why `waiting` approved entries cannot be sealed, and, when the office has no revenue
    officer's account to verify them (a new office made with a supervisor only), what to do."""
    if verifier:
        return (f"{waiting} approved entries wait for a revenue officer's verification: "
                "this office requires it before entries are sent")
    return (f"{waiting} approved entries wait for a revenue officer's verification, but this office has no "
            "revenue officer's account: the administrator adds one (Account › Users…) or turns the "
            "verification off (Account › Preferences…, The office)")


def batchable_entries(session: Session, *, require_verification: bool | None = None) -> list[Entry]:
    """The entries a batch would take now: approved or verified (verified only where the
    office requires verification, workflow.require_verification, unless said), and not in
    a batch yet."""
    return _batchable_and_unverified(session, require_verification)[0]


def _batchable_and_unverified(session: Session, require_verification: bool | None = None
                              ) -> tuple[list[Entry], int, bool]:
    """`batchable_entries`, how many approved entries not in a batch the required
    verification still holds back, and whether verification is required (one read of each)."""
    if require_verification is None:
        require_verification = verification_required(session)
    stmt = select(Entry).where(*_READY, _not_in_a_batch()).order_by(*_ORDER)
    if not require_verification:
        return list(session.scalars(stmt)), 0, False
    verified = list(session.scalars(stmt.where(Entry.state == workflow.VERIFIED)))
    return verified, _ready_counts(session).get(workflow.APPROVED, 0), True


def _ready_counts(session: Session) -> dict[str, int]:
    """Approved and verified entries not in a batch yet, counted by state inside SQLite."""
    return dict(session.execute(select(Entry.state, func.count()).where(*_READY, _not_in_a_batch())
                                .group_by(Entry.state)).all())


def batch_readiness(session: Session) -> tuple[int, int]:
    """(entries a batch would take now, approved entries waiting for a required verification).

    Counted inside SQLite: the sync panel asks every minute and after each review, and on a
    workspace of 60,000 approved entries reading them as objects took seconds of the
    Python lock each time, the UI thread waiting for it (bench/stall_probe.py)."""
    approved, verified, unverified = readiness_by_state(session)
    return approved + verified, unverified


def readiness_by_state(session: Session) -> tuple[int, int, int]:
    """The entries a batch would take now by their state, and those the verification holds
    back: (approved ready, verified ready, approved waiting for a required verification).
    Where the office requires verification only verified entries are ready; where it does
    not, approved ones and any a revenue officer verified all the same. (The status called
    every entry ready "approved", verified ones too.)"""
    counts = _ready_counts(session)
    approved, verified = counts.get(workflow.APPROVED, 0), counts.get(workflow.VERIFIED, 0)
    if verification_required(session):
        return 0, verified, approved
    return approved, verified, 0


class ReadyChanged(OutboxError):
    """The approved entries ready for a batch are not the number the supervisor was shown."""

    def __init__(self, ready: int, expected: int) -> None:
        super().__init__(f"{ready} approved entries are ready for a batch now, not {expected}: nothing was sealed")
        self.ready, self.expected = ready, expected


def seal_batchable(session: Session, *, actor: Actor, expected: int | None = None) -> BatchInfo:
    """Seal every batchable entry (`batchable_entries`) into a new batch queued for sending:
    what a supervisor does in the app before a sync (OutboxError when there is none).

    `expected`: the number the supervisor was shown ("Put 8 approved entries in a batch");
    when the entries ready now are not that many (pages approved or verified since), nothing
    is sealed (ReadyChanged, with the number ready now). The entries counted are the ones
    sealed, in the same transaction."""
    entries, waiting, required = _batchable_and_unverified(session)
    if expected is not None and len(entries) != expected:
        raise ReadyChanged(len(entries), expected)
    if not entries:
        if waiting:
            raise OutboxError(unverified_message(waiting, verifier=has_verifier(session)))
        raise OutboxError("there are no approved entries to send: approve entries first")
    return create_batch(session, actor=actor, entry_ids=[e.id for e in entries], require_verification=required)


def create_batch(
    session: Session,
    *,
    actor: Actor,
    entry_ids: Iterable[int] | None = None,
    require_verification: bool = False,
) -> BatchInfo:
    """Seal approved entries (all, or `entry_ids`) into a signed batch queued for sending.

    One transaction (the caller's): entries move to `batched`, OutboxItems are queued and
    the batch is audited; on any error nothing of it remains.
    """
    from records.services import transition

    entries = _ready_entries(session, entry_ids)
    if entry_ids is not None:
        wanted = set(entry_ids)
        missing = wanted - {e.id for e in entries}
        if missing:
            raise OutboxError(
                f"entries {sorted(missing)} are not approved (or are old versions): "
                "only approved entries can be batched"
            )
    if not entries:
        raise OutboxError("there are no approved entries to send: approve entries first")
    queued = _queued(session, entries)
    dup = [e for e in entries if (e.uuid, e.version) in queued]
    if dup:
        raise OutboxError(f"entry {dup[0].uuid} version {dup[0].version} is already in a batch")
    _check_trail(session, entries)
    office = office_identity(session)
    transition(session, actor=actor, entry_ids=[e.id for e in entries], action="batch",
               require_verification=require_verification)
    batch = Batch(created_by=actor.id, state="open")
    session.add(batch)
    session.flush()
    docs = []
    images: set[str] = set()
    values = current_values(session, [e.id for e in entries])
    # held here so that entry_document's session.get finds them in the (weak) identity map
    # instead of loading a register, page and two users again for every entry
    _held = _load_related(session, entries)  # noqa: F841
    for e in entries:
        doc = entry_document(session, e, values[e.id])
        h = content_hash(doc)
        docs.append({"entry_uuid": e.uuid, "version": e.version, "sha256": h, "content": doc})
        if doc["page"] and doc["page"]["image_sha256"]:
            images.add(doc["page"]["image_sha256"])
        session.add(OutboxItem(batch_id=batch.id, entry_id=e.id, entry_uuid=e.uuid,
                               version=e.version, content_sha256=h, state="queued"))
    audit.record(session, actor=actor, action="batch.create", entity="batch", entity_id=batch.uuid,
                 detail={"entries": len(docs), "images": len(images)})
    _seal_documents(session, batch, office, docs, sorted(images))
    return batch_info(batch)


def _check_trail(session: Session, entries: list[Entry]) -> None:
    """Refuse to seal entries the audit trail does not account for: a value changed in the
    database file (`UPDATE field_value ...`), or a workflow fact (state, who approved and
    verified them, deleted, newest version) -- a draft set to approved there would otherwise
    be signed and sent as approved. Only these entries' events are read
    (`records.audit_records.entry_findings`: values, then workflow facts).

    All or nothing: when one entry was changed outside Daftar, the database file was, and
    nothing in it can be vouched for until the trail and a backup are checked; a batch of the
    others would be signed as sound. Neither is it what the supervisor was shown to seal."""
    from records.audit_records import entry_findings

    _refuse_untrusted(entry_findings(session, [e.id for e in entries]))


def _refuse_untrusted(findings: list[str]) -> None:
    """OutboxError naming the first of `findings` (facts of entries to send that the trail
    does not account for) and what to do; nothing when there are none."""
    if len(findings) == 1:
        raise OutboxError(f"nothing was sealed: an entry to send is not what the audit trail recorded, so it was "
                          f"changed outside Daftar: {findings[0]}. Run `daftar audit verify` and restore the latest "
                          "good backup")
    if findings:
        raise OutboxError(f"nothing was sealed: {len(findings)} facts of the entries to send are not what the audit "
                          f"trail recorded, so they were changed outside Daftar; the first: {findings[0]}. Run "
                          "`daftar audit verify` to see them all and restore the latest good backup")


def _seal_documents(session: Session, batch: Batch, office: Office, docs: list[dict], images: list[str]) -> None:
    """Build the manifest of `docs` (entry documents with their hashes) for `batch` and seal
    it with the office key; the audit chain head is taken after the batch's own event."""
    manifest = {
        "schema": SCHEMA,
        "office_id": office.uuid,
        "batch_id": batch.uuid,
        "created_at": utcnow().isoformat(timespec="seconds") + "Z",
        "entries": [{"entry_uuid": d["entry_uuid"], "version": d["version"], "sha256": d["sha256"]} for d in docs],
        "images": images,
        "audit_head": audit.head(session),
    }
    seal(batch, manifest, docs, office.signing_key)
    session.flush()


# Outbox items a refused batch did not deliver: the server refused the batch (4xx), or held
# it back because another entry of it conflicts with the server's copy (sync/engine.py).
UNDELIVERED = "failed"


def resend_undelivered(session: Session, *, actor: Actor, batch_uuid: str | None = None) -> BatchInfo:
    """Seal the entries that refused batches did not deliver (all, or those of one batch)
    into a new signed batch queued for sending: a batch is refused whole when one entry in
    it conflicts with the server's copy, and without this its other entries would wait for
    ever. Each entry goes with the very document and hash it was sealed with; its outbox item
    moves to the new batch with its retries reset. Entries in conflict stay where they are,
    for a supervisor to decide (an edit makes a new version that needs approval again).
    Supervisors, revenue officers and administrators only (as for making a batch); one
    transaction (the caller's), audited."""
    allowed = workflow.TRANSITIONS["batch"].roles
    if actor.role not in allowed:
        raise workflow.WorkflowError(f"a {actor.role} cannot send batches again: ask a supervisor")
    stmt = select(OutboxItem).where(OutboxItem.state == UNDELIVERED).order_by(OutboxItem.id)
    if batch_uuid is not None:
        old = session.scalar(select(Batch).where(Batch.uuid == batch_uuid))
        if old is None:
            raise OutboxError(f"there is no batch {batch_uuid} in this workspace")
        stmt = stmt.where(OutboxItem.batch_id == old.id)
    items = list(session.scalars(stmt))
    if not items:
        raise OutboxError("no entry of a refused batch is waiting to be sent again"
                          + (f" in batch {batch_uuid}" if batch_uuid else ""))
    return reseal_items(session, actor=actor, items=items)


def reseal_items(session: Session, *, actor: Actor, items: list[OutboxItem], reason: str | None = None) -> BatchInfo:
    """Seal the outbox `items` into a new signed batch queued for sending, each with the very
    document and hash it was first sealed with (checked against its batch's sealed copy and
    the records), its item moved there with its retries reset: what `resend_undelivered`
    does, and sync reconciliation (`reason` "reconcile": entries the central server lost)
    as the system. One transaction (the caller's), audited `batch.resend`."""
    docs = []
    sealed: dict[int, dict] = {}  # batch id -> its sealed documents by (entry uuid, version)
    for it in items:
        if it.batch_id not in sealed:
            sealed[it.batch_id] = {(d["entry_uuid"], d["version"]): d for d in (it.batch.manifest or {}).get("entries", [])}
        doc = sealed[it.batch_id].get((it.entry_uuid, it.version))
        if doc is None or doc["sha256"] != it.content_sha256 or content_hash(doc["content"]) != doc["sha256"]:
            raise OutboxError(f"batch {it.batch.uuid} does not hold entry {it.entry_uuid} version {it.version} "
                              "as it was sealed: nothing was sent again")
        docs.append(doc)
    _check_sealed_copies(session, items, docs)
    office = office_identity(session)
    batch = Batch(created_by=actor.id, state="open")
    session.add(batch)
    session.flush()
    images = sorted({d["content"]["page"]["image_sha256"] for d in docs
                     if d["content"].get("page") and d["content"]["page"].get("image_sha256")})
    from_batches = sorted({it.batch.uuid for it in items})
    for it in items:
        it.batch_id = batch.id
        it.state = "queued"
        it.attempts = 0
        it.next_attempt_at = None
        it.last_error = None
    audit.record(session, actor=actor, action="batch.resend", entity="batch", entity_id=batch.uuid,
                 detail={"entries": len(docs), "images": len(images), "from": from_batches,
                         **({"reason": reason} if reason else {})})
    _seal_documents(session, batch, office, docs, images)
    session.expire_all()  # the old batches' item lists changed under them
    return batch_info(batch)


def _check_sealed_copies(session: Session, items: list[OutboxItem], docs: list[dict]) -> None:
    """Before sealing documents again (`resend_undelivered`): their entry rows must be what
    the audit trail recorded (values and workflow facts, as `create_batch` checks), and each
    document's values the row's values. A batch's stored copy changed in the database file,
    its hashes recomputed to match, would otherwise be signed afresh. All or nothing."""
    from records.audit_records import entry_findings
    from records.audit_values import place

    ids = [it.entry_id for it in items]
    findings = entry_findings(session, ids)
    values = current_values(session, ids)
    for it, doc in zip(items, docs, strict=True):
        sealed, have = (doc["content"].get("values") or {}), values.get(it.entry_id, {})
        for field in sorted(set(sealed) | set(have)):
            if sealed.get(field) != have.get(field):  # (rare: the rows are read only then)
                e = session.get(Entry, it.entry_id)
                reg, page = session.get(Register, e.register_id), session.get(Page, e.page_id) if e.page_id else None
                where = place(reg.mauza, reg.year, reg.volume, page.page_no if page else None, e.row_no)
                said = [f"'{v}'" if v is not None else "no value" for v in (sealed.get(field), have.get(field))]
                findings.append(f"{where}: {field} is {said[0]} in the sealed copy of batch {it.batch.uuid} but "
                                f"{said[1]} in the records (entry {e.id})")
    _refuse_untrusted(findings)


def seal(batch: Batch, manifest: dict, docs: list[dict], signing_key: bytes) -> None:
    """Sign `manifest` and store the submission body on the batch."""
    batch.manifest = {"manifest": manifest, "entries": docs}
    batch.manifest_sha256 = content_hash(manifest)
    batch.signature = sign(signing_key, canonical_json(manifest))
    batch.audit_head = manifest["audit_head"]
    batch.state = "sealed"
    batch.sealed_at = utcnow()


def batch_info(batch: Batch) -> BatchInfo:
    m = (batch.manifest or {}).get("manifest", {})
    return BatchInfo(batch.id, batch.uuid, len(m.get("entries", [])), tuple(m.get("images", [])),
                     batch.manifest_sha256 or "", batch.state)


def submission(batch: Batch) -> dict:
    """The body of `POST /v1/batches` for a sealed batch: manifest, signature, entries."""
    if not batch.manifest or not batch.signature:
        raise OutboxError(f"batch {batch.uuid} is not sealed")
    return {"manifest": batch.manifest["manifest"], "signature": batch.signature,
            "entries": batch.manifest["entries"]}
