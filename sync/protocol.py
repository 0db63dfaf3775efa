"""The sync protocol shared by client and server: schemas, canonical JSON, hashes, signatures.

Canonical JSON (sorted keys, no whitespace, UTF-8) is what is hashed and signed; it is
defined once in records/outbox.py (records may not import sync) and re-exported here.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from records.outbox import (
    canonical_json,
    content_hash,
    public_key_b64,
    sha256_hex,
    sign,
    verify_signature,
)

__all__ = [
    "canonical_json", "content_hash", "public_key_b64", "sha256_hex", "sign", "verify_signature",
    "EntryRef", "Manifest", "EntryDoc", "Submission", "ReceiptEntry", "Receipt", "Decision",
    "Changes", "HeldQuery", "Held", "HoldingsSummary", "Holdings", "Enrolment", "EnrolmentResult", "EnrolCodeRequest", "EnrolCode", "RevokeRequest", "ServerCopy", "ReceiptError", "check_receipt", "range_digest", "is_sha256",
    "UPLOAD_OFFSET", "UPLOAD_LENGTH", "IMAGE_COMPLETE", "API_PREFIX", "SERVER_TIME", "CLIENT_TIME", "SERVER_TIME_DOUBT",
]

API_PREFIX = "/v1"
UPLOAD_OFFSET = "Upload-Offset"  # bytes the server holds / where this chunk starts
UPLOAD_LENGTH = "Upload-Length"  # total size of the image
IMAGE_COMPLETE = "Image-Complete"  # "yes" when the server holds the whole, verified image
# On every answer: the server's clock (ISO 8601, UTC, "2026-11-27T15:20:55Z"), so that an office
# whose clock is wrong is told so (HTTP's Date says the same, but a proxy may set or drop it)
SERVER_TIME = "X-Daftar-Time"
# On every office request: the office's clock, in the same form; the server compares the offices'
# clocks with its own (sync.clocks)
CLIENT_TIME = "X-Daftar-Client-Time"
# On answers while most offices agree that the server's own clock is wrong: "agreeing/seen
# offset-seconds" (sync.clocks.ClockDoubt), so that no office is told its right clock is wrong
SERVER_TIME_DOUBT = "X-Daftar-Time-Doubt"

_SHA = re.compile(r"^[0-9a-f]{64}$")


def is_sha256(s: str) -> bool:
    return bool(_SHA.match(s or ""))


# ----------------------------------------------------------------------------- schemas
class EntryRef(BaseModel):
    entry_uuid: str = Field(min_length=1, max_length=36)
    version: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the canonical JSON of the entry content")


class Manifest(BaseModel):
    """What the office signs (Ed25519 over its canonical JSON)."""

    schema_: int = Field(1, alias="schema")
    office_id: str
    batch_id: str = Field(min_length=1, max_length=36)
    created_at: str = ""
    entries: list[EntryRef] = Field(min_length=1)
    images: list[str] = Field(default_factory=list, description="SHA-256 of every page image the entries refer to")
    audit_head: str = Field(description="hash of the newest audit event of the office when the batch was sealed")

    model_config = {"populate_by_name": True}


class EntryDoc(EntryRef):
    content: dict = Field(description="the entry document; its canonical JSON hashes to sha256")


class Submission(BaseModel):
    """Body of POST /v1/batches (and of a USB batch file's batch.json)."""

    manifest: dict = Field(description="the signed manifest (see Manifest), exactly as signed")
    signature: str = Field(description="base64 Ed25519 signature of the manifest's canonical JSON")
    entries: list[EntryDoc]


class UploadedSubmission(BaseModel):
    """Body of POST /v1/batches/uploaded: a Submission sent before, gzip-compressed, as a
    resumable upload (POST /v1/images/{sha256}): a large batch over a link that drops."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$",
                        description="SHA-256 of the gzip-compressed Submission, uploaded whole with POST /v1/images/{sha256}")


class ReceiptEntry(BaseModel):
    entry_uuid: str
    version: int
    sha256: str
    server_id: str


class Receipt(BaseModel):
    """The server's answer to a batch; the same content sent again gets the same receipt."""

    receipt_id: str
    batch_id: str
    office_id: str
    manifest_sha256: str
    received_at: str
    entries: list[ReceiptEntry]


class Decision(BaseModel):
    """A central decision on one entry version, pulled back by the office."""

    cursor: int
    entry_uuid: str
    version: int
    decision: str = Field(pattern="^(accepted|rejected)$")
    reason: str = ""
    decided_at: str = ""


class Changes(BaseModel):
    changes: list[Decision]
    cursor: int = Field(description="pass as `since` next time")
    more: bool = False
    reset: bool = Field(False, description="the decision `since` stands on is not this office's decision of "
                        "`since_entry` (the server's database was restored from a backup): ask again from 0")


class HeldQuery(BaseModel):
    """Body of POST /v1/batches/held: batch ids the office holds receipts for."""

    batch_ids: list[str] = Field(max_length=10000)


class Held(BaseModel):
    """Which of the asked batch ids the server holds, received from this office."""

    held: list[str]


class HoldingsSummary(BaseModel):
    """What the server holds from this office, counted (GET /v1/holdings/summary)."""

    epoch: str = Field(description="the server's epoch: a random id, new when the server found its database restored "
                       "from a backup")
    entries: int = Field(description="entry versions held from this office")
    states: dict[str, int] = Field(description="those by state: received, accepted, rejected")
    ranges: list[tuple[int, int, str]] | None = Field(
        None, description="with `ranges=true`: [range number, entry versions, digest] for each range of `range_size` "
        "server ids holding any; the digest is the first 16 hex digits of the SHA-256 of the range's "
        "\"uuid:version:sha256\\n\" lines in server id order")
    range_size: int | None = Field(None, description="server ids per range (with `ranges=true`)")


class Holdings(BaseModel):
    """A page of what the server holds from this office (GET /v1/holdings)."""

    epoch: str = Field(description="the server's epoch (as in the summary)")
    entries: list[tuple[int, str, int, str, str]] = Field(
        description="[server id, entry uuid, version, sha256 of its canonical JSON, state] in server id order")
    cursor: int = Field(description="pass as `after` for the next page")
    more: bool = False


class ServerCopy(BaseModel):
    """The server's copy of one entry version this office sent (GET /v1/entries/{uuid}/{version}):
    what a supervisor compares with the office's own when the two conflict."""

    entry_uuid: str
    version: int
    sha256: str = Field(description="SHA-256 of the canonical JSON of `content`, as the server holds it")
    content: dict = Field(description="the entry document as the server received it (register, page, row, values, "
                          "who approved and verified)")
    state: str = Field(description="received, accepted or rejected")
    reason: str = Field("", description="the central office's reason, for a rejection")
    server_id: str = Field(description="the server's id of the entry version (as in receipts: E123)")
    batch_id: str = Field(description="the batch it arrived in")
    source: str = Field(description="how that batch came: network or usb")
    received_at: str = Field(description="when it arrived (ISO 8601, UTC)")


class Enrolment(BaseModel):
    """Body of POST /v1/enrol: the office's identity and key, with the one-time code the
    central server's operator issued for it (no administrator token)."""

    code: str = Field("", max_length=100, description="one-time enrolment code the operator issued for this office "
                      "(`daftar server enrol-code`); letters' case, dashes and spaces do not matter")
    office_id: str = Field(min_length=1, max_length=36)
    name: str = ""
    district: str = ""
    tehsil: str = ""
    public_key: str = Field(description="base64 raw Ed25519 public key of the office")


class EnrolmentResult(BaseModel):
    office_id: str
    device_token: str
    name: str = Field("", description="the office's name as the operator issued the code for it")
    reenrolled: bool = Field(False, description="the office was enrolled before: it has a new key and token now")


class EnrolCodeRequest(BaseModel):
    """Body of POST /v1/admin/enrol-codes: which office the code is for."""

    name: str = Field("", max_length=200, description="a new office's name")
    district: str = Field("", max_length=100)
    tehsil: str = Field("", max_length=100)
    office_id: str | None = Field(None, max_length=36, description="an enrolled office getting a new key "
                                  "(re-enrolment; a revoked office back in service)")
    hours: float = Field(72, description="hours the code stays valid (at most 720)")


class EnrolCode(BaseModel):
    code: str = Field(description="shown once; only its hash is kept")
    name: str
    district: str
    tehsil: str
    office_id: str | None
    expires_at: str


class RevokeRequest(BaseModel):
    reason: str = Field("", max_length=500)


def range_digest(keys) -> str:
    """The digest of one range of holdings (GET /v1/holdings/summary?ranges=true): the first
    16 hex digits of the SHA-256 of its entry versions in server id order, one
    "uuid:version:sha256" line each. The server computes it from what it holds, the office
    from its receipts."""
    import hashlib

    h = hashlib.sha256()
    for uuid_, version, sha in keys:
        h.update(f"{uuid_}:{version}:{sha}\n".encode())
    return h.hexdigest()[:16]


class ReceiptError(ValueError):
    """A 200 answer that is not a valid receipt for what was sent (e.g. a captive portal page)."""


def check_receipt(data, manifest: dict) -> Receipt:
    """Parse and check a receipt against the manifest that was sent; raise ReceiptError."""
    if not isinstance(data, dict):
        raise ReceiptError("the answer is not a receipt")
    try:
        r = Receipt.model_validate(data)
    except Exception as e:  # pydantic.ValidationError
        raise ReceiptError(f"the answer is not a valid receipt: {e.__class__.__name__}") from None
    if r.batch_id != manifest["batch_id"] or r.manifest_sha256 != content_hash(manifest):
        raise ReceiptError("the receipt is for a different batch")
    got = {(e.entry_uuid, e.version): e for e in r.entries}
    for ref in manifest["entries"]:
        e = got.get((ref["entry_uuid"], ref["version"]))
        if e is None or e.sha256 != ref["sha256"] or not e.server_id:
            raise ReceiptError(f"the receipt does not confirm entry {ref['entry_uuid']} v{ref['version']}")
    return r
