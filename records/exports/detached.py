"""Detached signatures of CSV and PDF exports, and checking any export (`daftar export verify`).

A CSV or PDF file cannot hold a signature the way a JSON export does, so one is written beside
it: `FILE.sig`, a small JSON document naming the file, its size and SHA-256, when it was signed
and the office (id, name, public key), with the Ed25519 signature of the office key over the
canonical JSON of all that (`records.outbox.canonical_json`, as for JSON exports). The key is
the office's, made on first use before anything is written (`office_signing_key`).

`verify_export(FILE)` checks a CSV, PDF (with its .sig) or JSON export and says in one line
whether it is intact and who signed it; with `office_key` (a fingerprint read out by the
exporting office) any other key is refused. What it proves is what a JSON export's signature
proves (docs/export-format.md, Signature): the file is what a holder of that key signed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from records.exports.json_export import (
    SIGNATURE,
    SIGNATURE_ALGORITHM,
    ExportError,
    Signer,
    check_signature,
    fingerprint_of,
    images_dir_for,
    office_signing_key,
    read_json,
)
from records.exports.json_export import _when as _when_at
from records.outbox import canonical_json, key_fingerprint, sign, verify_signature
from records.output_file import written_whole

SIG_FORMAT = "daftar-signature"
SIG_VERSION = 1
SIG_SUFFIX = ".sig"


def signature_path(path: str | Path) -> Path:
    """Where the signature of `path` goes: beside it, named `NAME.EXT.sig`."""
    path = Path(path)
    return path.with_name(path.name + SIG_SUFFIX)


def _digest(path: Path) -> tuple[str, int]:
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
            n += len(block)
    return h.hexdigest(), n


def signature_document(path: Path, office: dict, signing_key: bytes) -> dict:
    """The signature document of the file `path` (as written in `FILE.sig`)."""
    sha, size = _digest(path)
    doc = {"format": SIG_FORMAT, "version": SIG_VERSION, "file": path.name, "size": size, "sha256": sha,
           "signed_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
           "office": office}
    doc[SIGNATURE] = {"algorithm": SIGNATURE_ALGORITHM, "value": sign(signing_key, canonical_json(doc))}
    return doc


def write_signature(path: str | Path, office: dict, signing_key: bytes) -> Path:
    """Write `FILE.sig` beside `path`, whole or not at all; returns its path."""
    path = Path(path)
    sig = signature_path(path)
    doc = signature_document(path, office, signing_key)
    with written_whole(sig) as tmp:
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return sig


@contextlib.contextmanager
def signed_output(workspace, out: str | Path) -> Iterator[None]:
    """Around writing a CSV or PDF export `out`: the office key is made (and saved) before
    anything is written, and `OUT.sig` is written once `out` is. When the signature cannot be
    written (a full USB stick), the file is removed as well, with any older .sig of that name:
    an export is not left without its signature, nor beside another file's."""
    office, key = office_signing_key(workspace)
    yield
    out = Path(out)
    try:
        write_signature(out, office, key)
    except BaseException:
        out.unlink(missing_ok=True)
        signature_path(out).unlink(missing_ok=True)
        raise


# ----------------------------------------------------------------------------- verify
@dataclass(frozen=True)
class Verdict:
    """What `verify_export` found: `ok` when the file is intact (and signed with the key
    given, if one was); `line` says it in one line; `signer` who signed it, when known."""

    ok: bool
    line: str
    signer: Signer | None = None


def _when(iso: object) -> str:
    try:
        return dt.datetime.fromisoformat(str(iso)).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return "an unknown time"


def _trust(signer: Signer, known: KnownKeys | None = None) -> str:
    if signer.checked_against:
        return f": {signer.checked_against}"
    if known is not None:
        return (f". Neither this workspace's office nor an export imported into it ({known.root}) has that key: "
                "compare the fingerprint with the one the office read out (by telephone), or give it with "
                "--office-key")
    return (". No key of that office was given to check it against: compare the fingerprint with the one the "
            "office read out (by telephone), or give it with --office-key")


@dataclass(frozen=True)
class KnownKeys:
    """The office keys a workspace knows (`known_keys`): its own office's, and those of the
    JSON exports imported into it."""

    root: str
    own: dict | None  # this office as an export names it (id, name, public_key); None: no key made yet
    imported: tuple[tuple[str, str, str, dt.datetime | None, str], ...]  # (fingerprint, office id, name, when, file)

    def vouch(self, office_id: str, fp: str) -> tuple[str, str]:
        """(what the workspace knows of key `fp` claimed by office `office_id`, or ''; a reason
        to refuse it, or '')."""
        if self.own is not None:
            own_fp = key_fingerprint(self.own["public_key"])
            if fp == own_fp:
                return f"this office's own key ('{self.own.get('name') or self.own['id']}', this workspace)", ""
            if office_id == self.own["id"]:
                return "", (f"it says it comes from this office ({office_id}) but was signed with key {fp}, not this "
                            f"office's key ({own_fp}): it was written or signed again elsewhere")
        same = [k for k in self.imported if k[0] == fp]
        if same:
            last = max(same, key=lambda k: k[3] or dt.datetime.min)
            return (f"a key this workspace has imported exports from (office '{last[2] or last[1]}', {len(same)} "
                    f"import{'s' if len(same) != 1 else ''}, the last on {_when_at(last[3])} from "
                    f"{last[4] or 'a file'})"), ""
        return "", ""


def known_keys(workspace) -> KnownKeys:
    """The office keys `workspace` knows: its own office's and its imported exports'."""
    from sqlalchemy import select

    from records.exports.json_export import _office_member
    from records.models import ImportedExport, Office

    with workspace.session() as s:
        own = s.scalar(select(Office).where(Office.signing_key.is_not(None)).order_by(Office.id).limit(1))
        rows = s.execute(select(ImportedExport.key_fingerprint, ImportedExport.office_id, ImportedExport.office_name,
                                ImportedExport.imported_at, ImportedExport.file_name)
                         .where(ImportedExport.key_fingerprint.is_not(None))).all()
        return KnownKeys(str(workspace.root), _office_member(own) if own is not None else None,
                         tuple(tuple(r) for r in rows))


def verify_export(path: str | Path, *, office_key: str | None = None, known: KnownKeys | None = None) -> Verdict:
    """Is the export `path` intact, and who signed it? A JSON export by its own signature (and
    its page images in NAME.images/ by their SHA-256); a CSV or PDF file by `FILE.sig` beside
    it. `office_key`: the fingerprint (or public key) of the office it must come from. `known`:
    the keys of the workspace it is checked in (`known_keys`): without `office_key`, it says
    whether the signer is this office's own key or one it has imported exports from, and
    refuses a file that says it is this office's but was signed with another key."""
    path = Path(path)
    if not path.is_file():
        return Verdict(False, f"{path}: file not found; give the exported file (its .sig beside it)")
    expected = fingerprint_of(office_key) if office_key else None
    if path.suffix.lower() == ".json":
        v = _verify_json(path, office_key)
    else:
        v = _verify_detached(path, expected)
    if known is None or not v.ok or v.signer is None or v.signer.checked_against:
        return v
    vouched, refused = known.vouch(v.signer.office_id, v.signer.key_fingerprint)
    said = v.line.removesuffix(_trust(v.signer))
    if refused:
        return Verdict(False, f"{said}; but {refused}", v.signer)
    signer = Signer(v.signer.office_id, v.signer.office_name, v.signer.key_fingerprint, vouched)
    return Verdict(True, said + _trust(signer, known), signer)


def _verify_json(path: Path, office_key: str | None) -> Verdict:
    try:
        doc = read_json(path)
    except ExportError as e:
        return Verdict(False, str(e))
    if doc.get(SIGNATURE) is None:
        return Verdict(False, f"{path}: not signed (made by a Daftar before signatures, or its signature was "
                              "removed): nothing shows who wrote it or that it was not changed since")
    try:
        signer = check_signature(doc, str(path), office_key=office_key)
    except ExportError as e:
        return Verdict(False, str(e).removesuffix("; nothing was imported"))
    said = (f"{path}: intact: signed by office '{signer.office_name or signer.office_id}' ({signer.office_id}) on "
            f"{_when(doc.get('exported_at'))} with key {signer.key_fingerprint}")
    bad = _bad_images(path, doc)
    if bad:
        return Verdict(False, f"{said}; but {bad}", signer)
    return Verdict(True, said + _trust(signer), signer)


def _bad_images(path: Path, doc: dict) -> str:
    """What is wrong with the page images beside a JSON export of images "files" ('' if none)."""
    if doc.get("images") != "files":
        return ""
    folder = path.parent / doc["images_dir"] if doc.get("images_dir") else images_dir_for(path)
    missing = damaged = 0
    for r in doc["registers"]:
        for p in r.get("pages", []):
            sha = p.get("image_sha256")
            if not sha:
                continue
            f = folder / sha
            if not f.is_file():
                missing += 1
            elif _digest(f)[0] != sha:
                damaged += 1
    parts = [f"{missing} missing" if missing else "", f"{damaged} damaged" if damaged else ""]
    said = " and ".join(p for p in parts if p)
    return f"of its page images in {folder}, {said}: copy that folder with the file" if said else ""


def _verify_detached(path: Path, expected: str | None) -> Verdict:
    sig_path = signature_path(path)
    if not sig_path.is_file():
        return Verdict(False, f"{path}: no signature beside it ({sig_path.name} is missing), so nothing shows who "
                              "wrote it or that it was not changed: copy the .sig with the file, or export it again")
    try:
        sig = json.loads(sig_path.read_text(encoding="utf-8"))
        office, value = sig["office"], sig[SIGNATURE]["value"]
        fp = key_fingerprint(office["public_key"])
        ok_form = sig.get("format") == SIG_FORMAT and isinstance(sig.get("sha256"), str)
    except (OSError, ValueError, KeyError, TypeError):
        ok_form = False
    if not ok_form:
        return Verdict(False, f"{sig_path}: not a Daftar signature, or damaged: {path.name} cannot be checked; "
                              "export it again")
    name = f"'{office.get('name') or office.get('id')}'"
    body = {k: v for k, v in sig.items() if k != SIGNATURE}
    if not verify_signature(office["public_key"], canonical_json(body), value):
        return Verdict(False, f"{sig_path}: the signature does not match what it says (the .sig was edited or "
                              f"damaged): {path.name} cannot be trusted; export it again")
    if _digest(path)[0] != sig["sha256"]:
        return Verdict(False, f"{path}: CHANGED since office {name} signed it on {_when(sig.get('signed_at'))} (key "
                              f"{fp}): it is not the file that was exported; do not use it, export it again")
    if expected and fp != expected:
        return Verdict(False, f"{path}: intact, but signed by office {name} with key {fp}, not with the key given "
                              f"({expected}): it was written or signed again elsewhere")
    signer = Signer(str(office.get("id") or ""), office.get("name") or "", fp, "the key given" if expected else "")
    return Verdict(True, f"{path}: intact: signed by office {name} ({signer.office_id}) on "
                         f"{_when(sig.get('signed_at'))} with key {fp}" + _trust(signer), signer)
