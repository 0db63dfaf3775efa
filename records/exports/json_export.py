"""JSON export of a workspace (schema: docs/export-format.md, docs/export.schema.json) and
its import into an EMPTY workspace.

Everything the records hold goes out: users (without password hashes), registers (with
their frozen template), pages (image sha256; the image bytes as files beside the JSON, inline
base64, or left out), entries with every version, every value row (raw OCR text, confidence,
box, source, flags, author, time) and, for a whole-workspace export, the audit chain.

Every export is signed with the office's Ed25519 key (the one that signs its sync batches,
`records.outbox.office_identity`): the document names the office and its public key
(`office`), and `signature` holds the signature of the canonical JSON of everything else
(`signed_bytes`). Import checks the file before it writes anything (the signature and, where
this workspace knows the office's key, that it is that key; format, version, image hashes,
the audit chain) and writes everything in one transaction: a failed import leaves the
workspace empty. Ids are kept, so an export of the imported workspace equals the original
export.

What the signature proves: that the file is as a holder of that office key wrote it. Anyone
can make a key and sign a rewritten file with it, so the key must be known to be the office's
by other means (`office_key` = the fingerprint the exporting office read out, or this
workspace's own office); there is no certificate authority behind the keys.
"""

from __future__ import annotations

import base64
import datetime as dt
import errno
import json
import shutil
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select, true
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from records import audit
from records.images import sha256_hex
from records.models import (
    AuditEvent,
    Entry,
    FieldValue,
    ImportedExport,
    Office,
    Page,
    Register,
    User,
)
from records.outbox import (
    canonical_json,
    fingerprint_text,
    key_fingerprint,
    office_identity,
    public_key_b64,
    sign,
    verify_signature,
)
from records.output_file import check_output, written_whole
from records.restores import last_restore, naive_utc

FORMAT = "daftar-export"
VERSION = 1
IMAGE_MODES = ("files", "inline", "none")
IMPORT_ACTION = "workspace.import"
SIGNATURE = "signature"  # the member that holds the signature (not itself signed)
SIGNATURE_ALGORITHM = "Ed25519"


class ExportError(ValueError):
    """An export or import that cannot be done; the message names the file and what to do."""


def _ts(v: dt.datetime | None) -> str | None:
    return v.isoformat(timespec="microseconds") if v else None


def _parse_ts(v: str | None, where: str) -> dt.datetime | None:
    if v is None:
        return None
    try:
        return dt.datetime.fromisoformat(v)
    except (TypeError, ValueError):
        raise ExportError(f"{where}: '{v}' is not a date-time (write 2024-03-14T09:30:00)") from None


def images_dir_for(out: Path) -> Path:
    """Folder beside the JSON that holds its page images: `NAME.images/`."""
    return out.with_name(out.stem + ".images")


# ----------------------------------------------------------------------------- export
def _user(u: User) -> dict:
    return {"id": u.id, "username": u.username, "full_name": u.full_name, "role": u.role,
            "active": u.active, "language": u.language, "created_at": _ts(u.created_at)}


def _register(r: Register) -> dict:
    return {"id": r.id, "uuid": r.uuid, "template_id": r.template_id, "template_version": r.template_version,
            "template": r.template_json, "district": r.district, "tehsil": r.tehsil, "mauza": r.mauza,
            "hadbast_no": r.hadbast_no, "year": r.year, "volume": r.volume, "header": r.header or {},
            "previous_id": r.previous_id, "created_by": r.created_by, "created_at": _ts(r.created_at)}


def _page(p: Page) -> dict:
    return {"id": p.id, "page_no": p.page_no, "image_sha256": p.image_sha256, "image_name": p.image_name,
            "width": p.width, "height": p.height, "ocr_status": p.ocr_status, "ocr_error": p.ocr_error,
            "looks_like": p.looks_like, "state": p.state, "comment": p.comment, "created_by": p.created_by,
            "created_at": _ts(p.created_at), "updated_at": _ts(p.updated_at)}


def _value(v: FieldValue) -> dict:
    return {"id": v.id, "field": v.field, "value": v.value, "raw_text": v.raw_text, "confidence": v.confidence,
            "box": list(v.box) if v.box else None, "source": v.source, "flags": list(v.flags or []),
            "current": v.current, "author_id": v.author_id, "created_at": _ts(v.created_at)}


def _entry(e: Entry, values: list[FieldValue]) -> dict:
    return {"id": e.id, "uuid": e.uuid, "version": e.version, "page_id": e.page_id, "row_no": e.row_no,
            "state": e.state, "is_latest": e.is_latest, "deleted": e.deleted, "comment": e.comment,
            "created_by": e.created_by, "submitted_by": e.submitted_by, "approved_by": e.approved_by,
            "verified_by": e.verified_by, "created_at": _ts(e.created_at), "updated_at": _ts(e.updated_at),
            "values": [_value(v) for v in values]}


def _audit(ev: AuditEvent) -> dict:
    return {"id": ev.id, "at": _ts(ev.at), "user_id": ev.user_id, "username": ev.username, "action": ev.action,
            "entity": ev.entity, "entity_id": ev.entity_id, "register_id": ev.register_id,
            "page_id": ev.page_id, "entry_uuid": ev.entry_uuid, "field": ev.field, "old": ev.old,
            "new": ev.new, "detail": ev.detail or {}, "prev_hash": ev.prev_hash, "hash": ev.hash}


def _now() -> dt.datetime:
    """This computer's clock (naive UTC); tests move it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def export_data(session: Session, *, register_ids: list[int] | None = None, images: str = "none",
                image_loader=None, progress=None) -> dict:
    """The export document as a dict. register_ids None = the whole workspace (with audit).

    images: "inline" puts each page's image as base64 (`image_base64`; needs image_loader,
    sha -> bytes); "files" and "none" only name the image by sha256. `progress(what, done,
    total)`, when given, is told of each register read ("registers"); it may raise to stop.
    """
    if images not in IMAGE_MODES:
        raise ExportError(f"images must be one of {', '.join(IMAGE_MODES)}, not '{images}'")
    regs_q = select(Register).order_by(Register.id)
    if register_ids is not None:
        known = set(session.scalars(select(Register.id).where(Register.id.in_(register_ids))))
        missing = [r for r in register_ids if r not in known]
        if missing:
            raise ExportError(f"no register with id {', '.join(map(str, missing))} in this workspace")
        regs_q = regs_q.where(Register.id.in_(register_ids))
    out_regs = []
    regs = session.scalars(regs_q).all()
    for n, r in enumerate(regs):
        if progress is not None:
            progress("registers", n, len(regs))
        pages = session.scalars(select(Page).where(Page.register_id == r.id).order_by(Page.page_no)).all()
        entries = session.scalars(select(Entry).where(Entry.register_id == r.id).order_by(Entry.id)).all()
        vals: dict[int, list[FieldValue]] = {e.id: [] for e in entries}
        ids = list(vals)
        for i in range(0, len(ids), 500):
            for v in session.scalars(select(FieldValue).where(FieldValue.entry_id.in_(ids[i:i + 500])).order_by(FieldValue.id)):
                vals[v.entry_id].append(v)
        reg = _register(r)
        reg["pages"] = []
        for p in pages:
            d = _page(p)
            if images == "inline" and p.image_sha256:
                d["image_base64"] = base64.b64encode(image_loader(p.image_sha256)).decode("ascii")
            reg["pages"].append(d)
        reg["entries"] = [_entry(e, vals[e.id]) for e in entries]
        out_regs.append(reg)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _ts(_now()),  # this computer's clock: said, never trusted to order exports
        "export_id": str(uuid.uuid4()),  # which export this is: an import of it again is refused
        "scope": "workspace" if register_ids is None else "registers",
        "images": images,
        "users": [_user(u) for u in session.scalars(select(User).order_by(User.id))],
        "registers": out_regs,
    }
    if register_ids is None:
        doc["audit"] = [_audit(ev) for ev in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    return doc


def write_json(doc: dict, out: Path) -> Path:
    out = Path(out)
    with written_whole(out) as tmp:
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


@dataclass(frozen=True)
class ExportResult:
    path: Path
    registers: int
    pages: int
    entries: int
    images: int  # the page images it carries (in NAME.images/ or inline)
    office_id: str = ""  # the office whose key signed it
    office_name: str = ""
    key_fingerprint: str = ""  # of that key (`records.outbox.key_fingerprint`)


# ----------------------------------------------------------------------------- signature
def signed_bytes(doc: dict) -> bytes:
    """What an export's signature covers: the canonical JSON (`records.outbox.canonical_json`:
    sorted keys, no spaces, UTF-8) of the document without its `signature` member."""
    return canonical_json({k: v for k, v in doc.items() if k != SIGNATURE})


def _office_member(office: Office) -> dict:
    return {"id": office.uuid, "name": office.name, "district": office.district, "tehsil": office.tehsil,
            "public_key": public_key_b64(office.signing_key)}


def sign_export(doc: dict, office: dict, signing_key: bytes) -> dict:
    """`doc` with `office` (id, name, public key) after its envelope and a `signature` of the
    whole at the end, made with `signing_key` (the office's Ed25519 key)."""
    head = ("format", "version", "exported_at", "export_id", "export_seq", "export_epoch", "restored", "scope",
            "images")
    doc = {**{k: doc[k] for k in head if k in doc}, "office": office,
           **{k: v for k, v in doc.items() if k not in head and k not in ("office", SIGNATURE)}}
    plain = json.loads(json.dumps(doc, ensure_ascii=False))  # as a reader parses it (no tuples, str keys)
    doc[SIGNATURE] = {"algorithm": SIGNATURE_ALGORITHM, "value": sign(signing_key, signed_bytes(plain))}
    return doc


KEY_NOT_SAVED_FULL = ("The office's signing key, made for its first export, could not be saved in the workspace "
                      "{0}: the disk holding it is full or cannot be written ({1}). Free some space on that disk "
                      "and export again; nothing was exported and nothing saved was lost.")
KEY_NOT_SAVED = ("The office's signing key, made for its first export, could not be saved in the workspace {0} "
                 "({1}). Close other programs using it and export again, or run `daftar check`; nothing was "
                 "exported and nothing saved was lost.")


def _disk_trouble(reason: str) -> bool:
    """Does SQLite's (or the system's) `reason` say the disk is full or could not be written?"""
    r = reason.lower()
    return "disk is full" in r or "disk i/o error" in r or "no space left" in r or "too large" in r


def office_signing_key(workspace) -> tuple[dict, bytes]:
    """The office's `office` member (id, name, public key) and its Ed25519 private key, the key
    made and saved on first use (`office_identity`), before an export writes anything. When the
    workspace cannot take the new key (its disk full or failing, the database locked): ExportError
    in one line naming the workspace; the transaction is rolled back, so no half key is kept."""
    try:
        with workspace.session() as s:
            office = office_identity(s)  # (made with its key on first use, as for a first batch)
            member, key = _office_member(office), office.signing_key
    except (OperationalError, OSError) as e:
        orig = getattr(e, "orig", None) or e
        reason = (getattr(orig, "strerror", None) or str(orig) or type(orig).__name__).splitlines()[0]
        full = (isinstance(orig, OSError) and orig.errno in (errno.ENOSPC, errno.EFBIG)) or _disk_trouble(reason)
        raise ExportError((KEY_NOT_SAVED_FULL if full else KEY_NOT_SAVED).format(workspace.root, reason)) from None
    return member, key


def export_seq(session: Session) -> int:
    """The number of an export made now: the id of the newest event of the audit trail. It only
    grows (every change is an event; events are never removed), whatever this computer's clock
    says, and it is read, not written: an export still works when the workspace's disk is full.
    Two exports with no change between them share it (their records are the same). Except
    across a restore from a backup, which goes back to the backup's trail: exports also carry
    the workspace's restore generation (`export_epoch`, `records.restores`), which orders first."""
    return session.scalar(select(func.max(AuditEvent.id))) or 0


def export_json(workspace, out: str | Path, *, register_ids: list[int] | None = None,
                images: str = "files", progress=None) -> ExportResult:
    """Write a JSON export; with images="files" the page images go to `NAME.images/`.
    Refuses a file inside the workspace folder; a failed export leaves no file behind (nor an
    images folder it created). `progress(what, done, total)` hears of the registers read, the
    images copied ("images") and the file written ("file"); what it raises (a stop) leaves
    nothing behind, as any failure."""
    out = check_output(out, workspace_root=workspace.root)
    office_doc, signing_key = office_signing_key(workspace)  # before anything is written
    with workspace.session() as s:
        seq, restored = export_seq(s), last_restore(s)
        doc = export_data(s, register_ids=register_ids, images=images, image_loader=workspace.images.get,
                          progress=progress)
    # (not in export_data: canonical_dump leaves them out, as exported_at)
    doc["export_seq"] = seq
    doc["export_epoch"] = restored.epoch if restored else 0  # how many restores from a backup this workspace had
    if restored is not None:
        doc["restored"] = {"at": _ts(restored.restored_at), "backup_made_at": _ts(restored.backup_made_at),
                           "backup_last_event": restored.backup_last_event}
    n_img = 0
    folder = images_dir_for(out)
    made_folder = images == "files" and not folder.exists()
    try:
        if images == "files":
            folder.mkdir(parents=True, exist_ok=True)
            doc["images_dir"] = folder.name
            shas = [p["image_sha256"] for reg in doc["registers"] for p in reg["pages"]]
            for done, sha in enumerate(shas):
                if progress is not None:
                    progress("images", done, len(shas))
                if sha and not _holds(folder / sha, sha):  # (a file left by an earlier export is kept when whole)
                    with written_whole(folder / sha) as tmp:
                        tmp.write_bytes(workspace.images.get(sha))
            # the images it carries, written now or kept whole from an earlier export of the same
            # name (an export again said '0 images', as if it had none)
            n_img = len({sha for sha in shas if sha})
        elif images == "inline":
            n_img = sum(1 for r in doc["registers"] for p in r["pages"] if p.get("image_base64"))
        if progress is not None:
            progress("file", 0, 0)
        doc = sign_export(doc, office_doc, signing_key)
        write_json(doc, out)
    except BaseException:
        if made_folder:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return ExportResult(out, len(doc["registers"]), sum(len(r["pages"]) for r in doc["registers"]),
                        sum(len(r["entries"]) for r in doc["registers"]), n_img, office_doc["id"],
                        office_doc["name"], key_fingerprint(office_doc["public_key"]))


def _holds(path: Path, sha: str) -> bool:
    """Is `path` a file whose content has the SHA-256 `sha` (an image an earlier export of the
    same name wrote whole)?"""
    try:
        return path.is_file() and sha256_hex(path.read_bytes()) == sha
    except OSError:
        return False


def canonical_dump(session: Session) -> dict:
    """Everything an export carries except its time and the import's own audit event:
    two workspaces with equal dumps hold the same records."""
    doc = export_data(session, images="none")
    doc.pop("exported_at")
    doc.pop("export_id")
    doc["audit"] = [ev for ev in doc.get("audit", []) if ev["action"] != IMPORT_ACTION]
    return doc


# ----------------------------------------------------------------------------- import
def read_json(path: str | Path) -> dict:
    """Read and check an export file's envelope (format and version)."""
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ExportError(f"{p}: file not found") from None
    except UnicodeDecodeError:
        raise ExportError(f"{p}: not UTF-8 text; is this a Daftar JSON export?") from None
    except json.JSONDecodeError as e:
        raise ExportError(f"{p}: not valid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ExportError(f"{p}: not a Daftar export (\"format\" must be \"{FORMAT}\")")
    if doc.get("version") != VERSION:
        raise ExportError(f"{p}: export version {doc.get('version')!r}; this Daftar reads version {VERSION}. "
                          "Update Daftar to import it.")
    for key in ("users", "registers"):
        if not isinstance(doc.get(key), list):
            raise ExportError(f"{p}: '{key}' must be a list")
    return doc


def _is_empty(session: Session) -> list[str]:
    found = []
    for model, name in ((Register, "registers"), (Page, "pages"), (Entry, "entries"), (AuditEvent, "audit events")):
        n = session.scalar(select(func.count()).select_from(model))
        if n:
            found.append(f"{n} {name}")
    return found


def _check_chain(events: list[dict], where: str) -> None:
    prev = audit.GENESIS
    for i, raw in enumerate(events, start=1):
        ev = _audit_row(raw, where)
        if ev.id != i:
            raise ExportError(f"{where}: audit event {i} is missing (the file was edited); nothing was imported")
        if ev.prev_hash != prev or audit._hash(ev) != raw.get("hash"):
            raise ExportError(f"{where}: audit event {ev.id} does not match its hash (the file was edited); "
                              "nothing was imported")
        prev = raw["hash"]


def _audit_row(raw: dict, where: str) -> AuditEvent:
    try:
        return AuditEvent(id=raw["id"], at=_parse_ts(raw["at"], where), user_id=raw.get("user_id"),
                          username=raw.get("username", ""), action=raw["action"], entity=raw.get("entity", ""),
                          entity_id=raw.get("entity_id", ""), register_id=raw.get("register_id"),
                          page_id=raw.get("page_id"), entry_uuid=raw.get("entry_uuid"), field=raw.get("field"),
                          old=raw.get("old"), new=raw.get("new"), detail=raw.get("detail") or {},
                          prev_hash=raw.get("prev_hash", ""), hash=raw.get("hash", ""))
    except KeyError as e:
        raise ExportError(f"{where}: an audit event has no '{e.args[0]}'") from None


@dataclass(frozen=True)
class Signer:
    """Who signed an export, as far as the importer can tell."""

    office_id: str
    office_name: str
    key_fingerprint: str
    # the key it was checked against: "the key given" (office_key), "this office's key", or
    # "" when this workspace knows no key of that office (only the fingerprint can be compared)
    checked_against: str = ""


@dataclass(frozen=True)
class ImportResult:
    registers: int
    pages: int
    entries: int
    values: int
    audit_events: int
    images: int
    signed_by: Signer | None = None  # None: an unsigned export, taken with accept_unsigned
    # what the importer must be told: that the office's workspace was restored from a backup
    # (`restore_notices`)
    warnings: tuple[str, ...] = ()


def fingerprint_of(given: str) -> str:
    """An office key as a person gives it (`--office-key`): its fingerprint (32 hex digits,
    spaces or colons anywhere, as `daftar export` prints it) or the public key itself
    (base64), as its fingerprint. ExportError when it is neither."""
    digits = "".join(c for c in given if c not in " :").lower()
    if len(digits) == 32 and all(c in "0123456789abcdef" for c in digits):
        return fingerprint_text(digits)
    try:
        return key_fingerprint(given.strip())
    except (ValueError, TypeError):
        raise ExportError(f"the office key given ('{given}') is neither a key fingerprint (32 hex digits, as "
                          "`daftar export` prints it) nor an office's public key (base64)") from None


def check_signature(doc: dict, where: str, *, office_key: str | None = None, own_office: dict | None = None,
                    accept_unsigned: bool = False) -> Signer | None:
    """Check an export's signature before anything is imported: it must be the office key's
    signature of the file's content (`signed_bytes`), and that key the one expected where a
    key is known (`office_key` given, or `own_office` -- this workspace's `office` member --
    when the file says it comes from this office). Returns who signed it; None for an
    unsigned export (an older Daftar's) when `accept_unsigned`. ExportError otherwise."""
    sig, office = doc.get(SIGNATURE), doc.get("office")
    expected = fingerprint_of(office_key) if office_key else None
    if sig is None:
        if expected:
            raise ExportError(f"{where}: this export is not signed, so nothing shows that it comes from the office "
                              f"whose key was given ({expected}); nothing was imported")
        if not accept_unsigned:
            raise ExportError(f"{where}: this export is not signed (made by an older Daftar, or its signature was "
                              "removed), so nothing shows who wrote it or that it was not changed since. Import it "
                              "only if you know where it came from, with --accept-unsigned; nothing was imported")
        return None
    if not (isinstance(sig, dict) and sig.get("algorithm") == SIGNATURE_ALGORITHM
            and isinstance(sig.get("value"), str) and isinstance(office, dict)
            and isinstance(office.get("id"), str) and isinstance(office.get("public_key"), str)):
        raise ExportError(f"{where}: its signature is not in the form this Daftar reads (an Ed25519 signature, "
                          "and the office's id and public key); nothing was imported")
    name = f"'{office.get('name') or office['id']}'"
    try:
        fp = key_fingerprint(office["public_key"])
    except (ValueError, TypeError):
        raise ExportError(f"{where}: the public key of office {name} in it is not an Ed25519 key; nothing was "
                          "imported") from None
    if not verify_signature(office["public_key"], signed_bytes(doc), sig["value"]):
        raise ExportError(f"{where}: its signature does not match its content: the file was changed after office "
                          f"{name} (key {fp}) signed it, or it is damaged; nothing was imported")
    if expected:
        if fp != expected:
            raise ExportError(f"{where}: signed by office {name} ({office['id']}) with key {fp}, not with the key "
                              f"given ({expected}): it was written or signed again elsewhere; nothing was imported")
        return Signer(office["id"], office.get("name") or "", fp, "the key given")
    if own_office and own_office.get("id") == office["id"]:
        own = key_fingerprint(own_office["public_key"])
        if fp != own:
            raise ExportError(f"{where}: it says it comes from this office ({office['id']}) but was signed with key "
                              f"{fp}, not this office's key ({own}): it was written or signed again elsewhere; "
                              "nothing was imported")
        return Signer(office["id"], office.get("name") or "", fp, "this office's key")
    return Signer(office["id"], office.get("name") or "", fp)


def _image_bytes(page: dict, doc: dict, base: Path, where: str) -> bytes | None:
    sha = page.get("image_sha256")
    if not sha:
        return None
    if page.get("image_base64"):
        try:
            data = base64.b64decode(page["image_base64"], validate=True)
        except (ValueError, TypeError):
            raise ExportError(f"{where}: page {page.get('page_no')}: image_base64 is not base64") from None
    else:
        folder = base / doc.get("images_dir", "") if doc.get("images_dir") else None
        if folder is None or not (folder / sha).is_file():
            raise ExportError(
                f"{where}: page {page.get('page_no')}: its image {sha[:12]}… is not in the file or in "
                f"{folder or 'an images folder'}; export again with images (files or inline)"
            )
        data = (folder / sha).read_bytes()
    if sha256_hex(data) != sha:
        raise ExportError(f"{where}: page {page.get('page_no')}: the image does not match its sha256 (damaged)")
    return data


def import_json(workspace, path: str | Path, *, actor: audit.Actor = audit.SYSTEM,
                without_images: bool = False, office_key: str | None = None,
                accept_unsigned: bool = False) -> ImportResult:
    """Import an export into an EMPTY workspace, keeping every id; all or nothing.

    Its signature is checked first (`check_signature`): `office_key` is the fingerprint (or
    public key) of the office it must come from; an unsigned export is refused unless
    `accept_unsigned`. An export made with images "none" is refused unless
    without_images=True (its pages then keep their image sha256 but have no image in this
    workspace).
    """
    path = Path(path)
    where = str(path)
    doc = read_json(path)
    with workspace.session() as s:
        own = s.scalar(select(Office).where(Office.signing_key.is_not(None)).order_by(Office.id).limit(1))
        own_office = _office_member(own) if own is not None else None
    signer = check_signature(doc, where, office_key=office_key, own_office=own_office,
                             accept_unsigned=accept_unsigned)
    export_id, content = export_identity(doc)
    with workspace.session() as s:
        refuse_replay(s, doc, where, export_id, content)
        notices = restore_notices(s, doc, where)
    epoch = _export_epoch(doc, where)  # (checked by now: refuse_replay and restore_notices read it)
    has_pages = any(p.get("image_sha256") for r in doc["registers"] for p in r.get("pages", []))
    if doc.get("images") == "none" and has_pages and not without_images:
        raise ExportError(f"{where}: this export has no page images (made with --images none); export again "
                          "with images, or import with --without-images to keep the pages without them")
    images: dict[str, bytes] = {}
    for reg in doc["registers"]:
        for p in reg.get("pages", []):
            data = _image_bytes(p, doc, path.parent, where) if doc.get("images") != "none" else None
            if data is not None:
                images[p["image_sha256"]] = data
    whole = doc.get("scope", "workspace") == "workspace"
    if whole and not isinstance(doc.get("audit"), list):
        raise ExportError(f"{where}: this export of a whole workspace has no audit trail (it was removed from the "
                          "file); nothing was imported")
    if doc.get("audit"):
        _check_chain(doc["audit"], where)
    if not whole:
        _check_register_scope(doc, where)
    counts = {"values": 0}
    added: list[str] = []  # images this import stored: removed again when it fails
    try:
        with workspace.session() as s:
            full = _is_empty(s)
            if full:
                raise ExportError(f"{workspace.root} is not empty ({', '.join(full)}): import into a new, empty "
                                  "workspace (`--workspace NEW_FOLDER`)" + "".join(f"; {n}" for n in notices))
            _import_users(s, doc["users"], where)
            for sha, data in images.items():  # files first: a row never points to a missing image
                if not workspace.images.has(sha):
                    added.append(sha)
                workspace.images.put(data)
            try:
                _import_records(s, doc, where, counts)
                key = audit.audit_key(s)
                for raw in doc.get("audit") or []:
                    ev = _audit_row(raw, where)
                    ev.mac = audit._mac(key, ev.hash)
                    s.add(ev)
                s.flush()
            except (KeyError, TypeError) as e:
                raise ExportError(f"{where}: a record lacks {e}; the file does not follow the export schema") from None
            if whole:
                _check_against_trail(s, where)
            else:
                _record_as_imported(s, doc, actor, path.name)
            signed = asdict(signer) if signer else None  # None: unsigned, accepted as such
            audit.record(s, actor=actor, action=IMPORT_ACTION, entity="workspace", new=path.name,
                         detail={"registers": len(doc["registers"]), "exported_at": doc.get("exported_at"),
                                 "export_id": export_id, "export_seq": _export_seq(doc),
                                 "export_epoch": epoch,
                                 "scope": "workspace" if whole else "registers", "signed_by": signed})
            s.add(ImportedExport(export_id=export_id, content_sha256=content,
                                 office_id=signer.office_id if signer else None,
                                 office_name=signer.office_name if signer else "",
                                 key_fingerprint=signer.key_fingerprint if signer else None,
                                 exported_at=_exported_at(doc), export_seq=_export_seq(doc),
                                 export_epoch=epoch, office_restored_at=_restored_time(doc, "at") if epoch else None,
                                 file_name=path.name))
    except BaseException:
        for sha in added:
            workspace.images.path(sha).unlink(missing_ok=True)
        raise
    return ImportResult(len(doc["registers"]), sum(len(r.get("pages", [])) for r in doc["registers"]),
                        sum(len(r.get("entries", [])) for r in doc["registers"]), counts["values"],
                        len(doc.get("audit") or []), len(images), signer, notices)


def export_identity(doc: dict) -> tuple[str, str]:
    """(export id, content hash) of an export: its `export_id` (None in exports of a Daftar
    before them: "sha256:" and the content hash then), and the SHA-256 of what its signature
    covers (`signed_bytes`), which is the same for the same file however it is laid out."""
    content = sha256_hex(signed_bytes(doc))
    eid = doc.get("export_id")
    return (eid if isinstance(eid, str) and eid else f"sha256:{content}"), content


def _exported_at(doc: dict) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(doc["exported_at"])
    except (KeyError, TypeError, ValueError):
        return None


def _export_seq(doc: dict) -> int | None:
    """The export's number (`export_seq`, signed with it); None for an export made before numbers."""
    v = doc.get("export_seq")
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None


def _export_epoch(doc: dict, where: str) -> int | None:
    """The export's restore generation (`export_epoch`, signed with it: how many times its
    workspace had been restored from a backup); None for an export made before epochs (taken
    as 0). ExportError when it is there but no whole number of 0 or more."""
    if "export_epoch" not in doc:
        return None
    v = doc["export_epoch"]
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise ExportError(f"{where}: its export_epoch {v!r} is not a whole number of 0 or more (how many times the "
                          "exporting workspace was restored from a backup): the file does not follow the export "
                          "schema; nothing was imported")
    return v


def _restored(doc: dict) -> dict:
    """The export's `restored` member (its workspace's last restore), {} when it has none."""
    r = doc.get("restored")
    return r if isinstance(r, dict) else {}


def _restored_time(doc: dict, key: str) -> dt.datetime | None:
    """A time of the export's `restored` member (naive UTC, as stored here); None when missing."""
    return naive_utc(_restored(doc).get(key))


_NEVER = dt.datetime.min


def _generation(doc: dict, where: str) -> tuple[int, dt.datetime]:
    """(restore generation, time of that restore) of an export: (0, _NEVER) when its workspace
    had never been restored, or it was made before epochs."""
    epoch = _export_epoch(doc, where) or 0
    return (epoch, (_restored_time(doc, "at") or _NEVER) if epoch else _NEVER)


def _row_generation(row: ImportedExport) -> tuple[int, dt.datetime]:
    epoch = row.export_epoch or 0
    return (epoch, (row.office_restored_at or _NEVER) if epoch else _NEVER)


def _when(t: dt.datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M UTC") if t and t != _NEVER else "an unknown time"


def _since(generation: tuple[int, dt.datetime]) -> str:
    """When an export was made as far as its office's restores go: 'before ...', 'after ...'."""
    epoch, at = generation
    if not epoch:
        return "made before its workspace was restored from a backup"
    return f"made after restore {epoch} of its workspace from a backup, on {_when(at)}"


RESTORED_NOTICE = ("office '{0}' says its workspace was restored on {1} from a backup made on {2}: what it recorded "
                   "after that backup and before the restore is not in this export, so an export it made before the "
                   "restore may hold records, or versions of them, that this one lacks")
IMPORTED_BEFORE_RESTORE = ("this workspace holds an export of that office made before that restore (made {0}, "
                           "imported on {1} from {2}): compare the two before relying on either; nothing imported "
                           "here was changed")


def refuse_replay(s: Session, doc: dict, where: str, export_id: str, content: str) -> None:
    """ExportError when this workspace has imported this export already (its export id or its
    content), or a newer export of the same office: a file offered again, or an older copy of an
    office's records replayed over newer ones. Newer is by the office's restore generation
    (`export_epoch`: a workspace restored from a backup numbers its exports from the backup's
    trail again, so every export made after a restore is newer than any made before it; between
    two restores from the same backup, the later restore's) and then its export number
    (`export_seq`) when both have one, else by `exported_at` (exports made before numbers: the
    exporting computer's clock). Says when each was made and imported."""
    same = s.scalar(select(ImportedExport).where(or_(ImportedExport.export_id == export_id,
                                                     ImportedExport.content_sha256 == content))
                    .order_by(ImportedExport.id).limit(1))
    if same is not None:
        raise ExportError(f"{where}: this export (made {_when(_exported_at(doc))}) was already imported into this "
                          f"workspace on {_when(same.imported_at)} (from {same.file_name or 'a file'}): its records are "
                          "here; nothing was imported again")
    office = doc.get("office") if isinstance(doc.get("office"), dict) else {}
    made, seq = _exported_at(doc), _export_seq(doc)
    if not office.get("id"):
        return
    if seq is not None:
        # by the office's restore generation, then its export numbers, which only grow between
        # restores: the exporting computer's clock (a dead CMOS battery, a date set by hand) says
        # nothing here (only between two restores from the same backup, which came later)
        gen = _generation(doc, where)
        rows = s.scalars(select(ImportedExport).where(ImportedExport.office_id == office["id"],
                                                      ImportedExport.export_seq.is_not(None))).all()
        newer = max((r for r in rows if (*_row_generation(r), r.export_seq) > (*gen, seq)),
                    key=lambda r: (*_row_generation(r), r.export_seq), default=None)
        name = office.get("name") or office["id"]
        if newer is not None and _row_generation(newer) == gen:
            raise ExportError(f"{where}: an older export of office '{name}' (its "
                              f"export number {seq}, made {_when(made)}) than the one imported into this workspace "
                              f"on {_when(newer.imported_at)} (number {newer.export_seq}, from "
                              f"{newer.file_name or 'a file'}): its records would be older than the ones here; "
                              "nothing was imported")
        if newer is not None:
            raise ExportError(f"{where}: an older export of office '{name}' (its export number {seq}, made "
                              f"{_when(made)}, {_since(gen)}) than the one imported into this workspace on "
                              f"{_when(newer.imported_at)} (number {newer.export_seq}, "
                              f"{_since(_row_generation(newer))}, from {newer.file_name or 'a file'}): its records "
                              "would be older than the ones here; nothing was imported")
        if gen[0]:
            return  # made after a restore: newer than any export of that office made before numbers
    if made is None:
        return
    # exports made before numbers (either this one or the one imported): by the time they were made
    older_style = ImportedExport.export_seq.is_(None) if seq is not None else true()
    newer = s.scalar(select(ImportedExport).where(ImportedExport.office_id == office["id"],
                                                  ImportedExport.exported_at > made, older_style)
                     .order_by(ImportedExport.exported_at.desc()).limit(1))
    if newer is not None:
        raise ExportError(f"{where}: an older export of office '{office.get('name') or office['id']}' (made "
                          f"{_when(made)}) than the one imported into this workspace on {_when(newer.imported_at)} "
                          f"(made {_when(newer.exported_at)}, from {newer.file_name or 'a file'}): its records would "
                          "be older than the ones here; nothing was imported")


def restore_notices(s: Session, doc: dict, where: str) -> tuple[str, ...]:
    """What an import of `doc` must say about a restore of its office's workspace from a backup
    (nothing when it was never restored): that it was, when, and from a backup made when, so
    that what it recorded after that backup is not in it; and when this workspace holds an
    export of that office made before that restore, which one (nothing here is changed)."""
    gen = _generation(doc, where)
    office = doc.get("office") if isinstance(doc.get("office"), dict) else {}
    if not gen[0]:
        return ()
    said = [RESTORED_NOTICE.format(office.get("name") or office.get("id") or "?", _when(_restored_time(doc, "at")),
                                   _when(_restored_time(doc, "backup_made_at")))]
    if office.get("id"):
        rows = s.scalars(select(ImportedExport).where(ImportedExport.office_id == office["id"])).all()
        before = [r for r in rows if _row_generation(r) < gen]
        if before:
            last = max(before, key=lambda r: (*_row_generation(r), r.export_seq or 0, r.exported_at or _NEVER))
            said.append(IMPORTED_BEFORE_RESTORE.format(_when(last.exported_at), _when(last.imported_at),
                                                       last.file_name or "a file"))
    return tuple(said)


def _check_against_trail(s: Session, where: str) -> None:
    """Inside the import's transaction, before it commits: the imported trail verifies
    (`audit.verify`, under this workspace's key) and the imported records are the ones it
    recorded (`records.audit_records`: values, entries' states and approvals, users), as
    `daftar audit verify` would find them. Anything else: ExportError, and nothing stays."""
    from records.audit_records import summary

    r = audit.verify(s)
    if not r.ok:
        raise ExportError(f"{where}: its audit trail does not verify ({r.reason}); nothing was imported")
    wrong = summary(s, keep=5)
    if wrong.count:
        raise ExportError(f"{where}: {wrong.count} fact(s) of its records are not what its own audit trail recorded "
                          "(the file was edited, or events were removed from its trail): "
                          + "; ".join(wrong.lines) + ("; …" if wrong.count > len(wrong.lines) else "")
                          + "; nothing was imported")


def _check_register_scope(doc: dict, where: str) -> None:
    """What can be checked of an export of selected registers, which carries no audit trail:
    that each entry's state is a workflow state and names the people it needs (an approved
    or later entry its approver, a verified one its verifier) among the file's users."""
    from records import workflow

    users = {u.get("id") for u in doc["users"]}
    for r in doc["registers"]:
        for e in r.get("entries", []):
            state, what = e.get("state"), f"{where}: entry {e.get('id')}"
            if state not in workflow.STATES:
                raise ExportError(f"{what} is in state {state!r}, which is no workflow state; nothing was imported")
            needs = ["approved_by"] if state in workflow.VERSIONED else []
            needs += ["verified_by"] if state == workflow.VERIFIED else []
            for who in needs:
                if e.get(who) is None:
                    raise ExportError(f"{what} is {state} but names nobody as {who.replace('_', ' ')}; nothing was "
                                      "imported")
            for who in ("submitted_by", "approved_by", "verified_by"):
                if e.get(who) is not None and e[who] not in users:
                    raise ExportError(f"{what}: {who.replace('_', ' ')} user {e[who]} is not among the file's users; "
                                      "nothing was imported")


def _record_as_imported(s: Session, doc: dict, actor: audit.Actor, name: str) -> None:
    """An export of selected registers carries no audit trail: the trail here starts by
    recording the records as the file gave them (each user, each entry row with its
    workflow facts, each current value), naming the file. From then on they are checked
    against it like any other records; what they were before the import cannot be checked."""
    from records.audit_entries import ENTRY_IMPORT
    from records.audit_users import USER_IMPORT

    events = [{"action": USER_IMPORT, "entity": "user", "entity_id": u["id"], "new": f"{u['username']} ({u['role']})",
               "detail": {"active": u.get("active", True), "file": name}} for u in doc["users"]]
    for r in doc["registers"]:
        for e in r.get("entries", []):
            events.append({"action": ENTRY_IMPORT, "entity": "entry", "entity_id": e["id"], "register_id": r["id"],
                           "page_id": e.get("page_id"), "entry_uuid": e["uuid"],
                           "detail": {"file": name, "version": e["version"], "state": e["state"],
                                      "deleted": e.get("deleted", False), "submitted_by": e.get("submitted_by"),
                                      "approved_by": e.get("approved_by"), "verified_by": e.get("verified_by")}})
            for v in e.get("values", []):
                if v.get("current", True):
                    events.append({"action": "value.set", "entity": "entry", "entity_id": e["id"],
                                   "register_id": r["id"], "page_id": e.get("page_id"), "entry_uuid": e["uuid"],
                                   "field": v["field"], "new": v.get("value", ""),
                                   "detail": {"source": "import", "version": e["version"]}})
    audit.record_many(s, actor=actor, events=events)


def _import_users(s: Session, users: list[dict], where: str) -> None:
    for u in users:
        have = s.get(User, u["id"])
        if have is not None:
            if have.username != u["username"]:
                raise ExportError(f"{where}: user id {u['id']} is '{u['username']}' in the file but "
                                  f"'{have.username}' here; import into a new workspace")
            continue
        if s.scalar(select(User.id).where(User.username == u["username"])) is not None:
            raise ExportError(f"{where}: user '{u['username']}' exists here with another id; "
                              "import into a new workspace")
        # No password travels in an export: imported users must be given a password.
        s.add(User(id=u["id"], username=u["username"], full_name=u.get("full_name", ""), role=u["role"],
                   active=u.get("active", True), language=u.get("language", "ur"), password_hash="",
                   must_change_password=True, created_at=_parse_ts(u.get("created_at"), where)))
    s.flush()


def _import_records(s: Session, doc: dict, where: str, counts: dict) -> None:
    from records.services import _update_search_keys

    regs = sorted(doc["registers"], key=lambda r: r["id"])
    for r in regs:
        s.add(Register(id=r["id"], uuid=r["uuid"], template_id=r["template_id"],
                       template_version=r.get("template_version", 1), template_json=r.get("template"),
                       district=r["district"], tehsil=r["tehsil"], mauza=r["mauza"], hadbast_no=r["hadbast_no"],
                       year=r["year"], volume=r.get("volume", "1"), header=r.get("header") or {},
                       previous_id=None, created_by=r.get("created_by"),
                       created_at=_parse_ts(r.get("created_at"), where)))
    s.flush()
    for r in regs:
        if r.get("previous_id") is not None:
            s.get(Register, r["id"]).previous_id = r["previous_id"]
        for p in r.get("pages", []):
            s.add(Page(id=p["id"], register_id=r["id"], page_no=p["page_no"], image_sha256=p.get("image_sha256"),
                       image_name=p.get("image_name", ""), width=p.get("width", 0), height=p.get("height", 0),
                       ocr_status=p.get("ocr_status", "none"), ocr_error=p.get("ocr_error"),
                       looks_like=p.get("looks_like"),
                       state=p.get("state", "draft"), comment=p.get("comment"), created_by=p.get("created_by"),
                       created_at=_parse_ts(p.get("created_at"), where),
                       updated_at=_parse_ts(p.get("updated_at"), where)))
        s.flush()
        for e in r.get("entries", []):
            entry = Entry(id=e["id"], uuid=e["uuid"], version=e["version"], register_id=r["id"],
                          page_id=e.get("page_id"), row_no=e.get("row_no", 0), state=e["state"],
                          is_latest=e.get("is_latest", True), deleted=e.get("deleted", False),
                          comment=e.get("comment"), created_by=e.get("created_by"),
                          submitted_by=e.get("submitted_by"), approved_by=e.get("approved_by"),
                          verified_by=e.get("verified_by"), created_at=_parse_ts(e.get("created_at"), where),
                          updated_at=_parse_ts(e.get("updated_at"), where))
            s.add(entry)
            for v in e.get("values", []):
                s.add(FieldValue(id=v["id"], entry_id=e["id"], field=v["field"], value=v.get("value", ""),
                                 raw_text=v.get("raw_text"), confidence=v.get("confidence"), box=v.get("box"),
                                 source=v.get("source", "typed"), flags=v.get("flags") or [],
                                 current=v.get("current", True), author_id=v.get("author_id"),
                                 created_at=_parse_ts(v.get("created_at"), where)))
                counts["values"] += 1
                if v.get("current", True):
                    _update_search_keys(s, entry, v["field"], v.get("value", ""))
        s.flush()
    # updated_at has onupdate: the flushes above must not have moved it
    for r in regs:
        for e in r.get("entries", []):
            s.get(Entry, e["id"]).updated_at = _parse_ts(e.get("updated_at"), where)
        for p in r.get("pages", []):
            s.get(Page, p["id"]).updated_at = _parse_ts(p.get("updated_at"), where)
