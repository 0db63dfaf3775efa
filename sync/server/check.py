"""`daftar server check`: do the server's database and its image store still match (after a
restore of either, a disk fault, a copy by hand)? Every page image a received batch names
must be in the store whole (its bytes hash to its name); images in the store no batch names
are reported too (a database restored from a backup older than the store; a batch refused
after its images were stored). Read only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import is_sha256
from sync.server.db import ServerBatch, ServerOffice
from sync.server.storage import _file_sha256

EXAMPLES = 20  # images named per problem in the text output (--json lists them all)


@dataclass
class Named:
    """Where an image is named: the first batch (oldest) that lists it, and its office."""

    batch_id: str
    office_id: str
    office_name: str


@dataclass
class StoreCheck:
    named: int = 0  # distinct images the database's batches name
    held: int = 0  # complete images in the store (durable, or verified and waiting for their batch)
    checked: int = 0  # named images whose bytes were hashed
    bytes_hashed: int = 0
    missing: dict[str, Named] = field(default_factory=dict)
    damaged: dict[str, Named] = field(default_factory=dict)
    unnamed: list[str] = field(default_factory=list)  # in the store, named by no batch
    waiting: int = 0  # complete uploads (ready/) no batch names yet: an office's batch is on its way
    partial: int = 0  # unfinished uploads (partial/)
    strays: list[str] = field(default_factory=list)  # files in the store that are not images of it

    @property
    def ok(self) -> bool:
        return not self.missing and not self.damaged


def named_images(session: Session, chunk: int = 200) -> dict[str, Named]:
    """Every image the received batches name (their signed manifests), with the oldest batch
    naming it; read `chunk` batches at a time."""
    out: dict[str, Named] = {}
    after = 0
    while True:
        rows = session.execute(
            select(ServerBatch.id, ServerBatch.batch_uuid, ServerBatch.manifest, ServerOffice.office_uuid,
                   ServerOffice.name)
            .join(ServerOffice, ServerOffice.id == ServerBatch.office_id)
            .where(ServerBatch.id > after).order_by(ServerBatch.id).limit(chunk)).all()
        if not rows:
            return out
        for bid, buuid, manifest, ouuid, oname in rows:
            for sha in (manifest or {}).get("images") or []:
                if sha not in out:
                    out[sha] = Named(buuid, ouuid, oname or "")
            after = bid


def check_store(session: Session, root: Path, *, hash_images: bool = True) -> StoreCheck:
    """Compare the database's batches with the image store at `root` (a store: see
    storage.store_problem). `hash_images`: read every named image and check its hash (else
    only that it is there)."""
    root = Path(root)
    rep = StoreCheck()
    named = named_images(session)
    rep.named = len(named)
    durable: dict[str, Path] = {}
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and p.name not in ("partial", "ready")):
        for f in sorted(sub.iterdir()):
            if f.is_file() and is_sha256(f.name) and f.name.startswith(sub.name) and len(sub.name) == 2:
                durable[f.name] = f
            else:
                rep.strays.append(str(f.relative_to(root)))
    ready = {f.name: f for f in (root / "ready").iterdir() if f.is_file() and is_sha256(f.name)}
    rep.partial = sum(1 for f in (root / "partial").iterdir() if f.is_file())
    rep.held = len(durable) + len(set(ready) - set(durable))
    for sha, where in named.items():
        path = durable.get(sha) or ready.get(sha)
        if path is None:
            rep.missing[sha] = where
            continue
        if hash_images:
            rep.checked += 1
            rep.bytes_hashed += path.stat().st_size
            if _file_sha256(path) != sha:
                rep.damaged[sha] = where
    rep.unnamed = sorted(set(durable) - set(named))
    rep.waiting = len(set(ready) - set(named) - set(durable))
    return rep


def report_lines(rep: StoreCheck, root: Path, database: str, *, hashed: bool) -> list[str]:
    """The check in words: PASS/FAIL/WARN lines, the images named (up to EXAMPLES each), and
    what to do."""
    lines = [f"Checking the server's image store {root} against its database {database}"]
    how = "present and matching its hash" if hashed else "present (not hashed: --no-hash)"
    if rep.ok:
        lines.append(f"PASS images: every one of the {rep.named} page images the received batches name is {how}")
    else:
        lines.append(f"FAIL images: of the {rep.named} page images the received batches name, {len(rep.missing)} "
                     f"missing from the store and {len(rep.damaged)} damaged (their bytes do not match their hash)")
        for what, items in (("missing", rep.missing), ("damaged", rep.damaged)):
            for sha, n in list(items.items())[:EXAMPLES]:
                lines.append(f"     {what}: {sha} (batch {n.batch_id} of {n.office_name or n.office_id})")
            if len(items) > EXAMPLES:
                lines.append(f"     and {len(items) - EXAMPLES} more {what} (--json lists them all)")
        lines.append("     Restore the image store from the backup taken with this database's backup (or a newer "
                     "one), then check again; the offices cannot send these images again.")
    if rep.unnamed:
        lines.append(f"WARN store: {len(rep.unnamed)} image(s) in the store that no received batch names (the "
                     "database restored from a backup older than the store, or a refused batch's images); "
                     "nothing is lost, the offices send again what the database lacks")
        for sha in rep.unnamed[:EXAMPLES]:
            lines.append(f"     {sha}")
        if len(rep.unnamed) > EXAMPLES:
            lines.append(f"     and {len(rep.unnamed) - EXAMPLES} more (--json lists them all)")
    if rep.strays:
        lines.append(f"WARN store: {len(rep.strays)} file(s) in the store that are not page images of it: "
                     + ", ".join(rep.strays[:EXAMPLES]) + (" ..." if len(rep.strays) > EXAMPLES else ""))
    if rep.waiting or rep.partial:
        lines.append(f"INFO uploads: {rep.waiting} complete image(s) waiting for their office's batch, "
                     f"{rep.partial} unfinished upload(s)")
    return lines


def report_json(rep: StoreCheck, root: Path, database: str) -> dict:
    def named(items: dict[str, Named]) -> list[dict]:
        return [{"sha256": sha, "batch_id": n.batch_id, "office_id": n.office_id, "office_name": n.office_name}
                for sha, n in items.items()]

    return {"ok": rep.ok, "storage": str(root), "database": database, "named": rep.named, "held": rep.held,
            "hashed": rep.checked, "missing": named(rep.missing), "damaged": named(rep.damaged),
            "unnamed": rep.unnamed, "strays": rep.strays, "waiting": rep.waiting, "partial": rep.partial}

