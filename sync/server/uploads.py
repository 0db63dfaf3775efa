"""Uploads nobody submitted: a page image or a large batch's body uploaded (whole or in part)
for a batch that never came (the office died, was restored from an older backup, or sealed its
entries into another batch) would stay in the image store for ever. The server discards such an
upload once nothing has been written to it for `Settings.upload_days` days (30 by default):
at start and every `Settings.upload_sweep_hours` hours while it runs.

Only the upload folders are looked at (``partial/``: unfinished uploads; ``ready/``: whole ones
not yet in a received batch). A durable image (``ab/abcdef…``, made so before a batch's receipt)
is never touched, nor any file a stored batch names. An office that comes back later finds the
upload not held (`POST /v1/images/query`: offset 0) and uploads it again; one that submits a
discarded body by its hash gets ``body_missing``, one naming a discarded image
``images_missing``, and uploads them again (docs/sync-api.md)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from sync.server.storage import LocalImageStorage

DAY = 24 * 3600.0


@dataclass
class Swept:
    """What one sweep discarded (`names`: the files, at most 1,000) and what it kept."""

    files: int = 0
    bytes: int = 0
    kept_named: int = 0  # old files in the upload folders a stored batch names (kept)
    names: list[str] = field(default_factory=list)


def _sha_of(path: Path) -> str:
    """The hash an upload file is of (``partial/<sha>``, ``partial/<sha>.import``, ``ready/<sha>``)."""
    return path.name.split(".", 1)[0]


def stale(storage: LocalImageStorage, cutoff: float) -> list[Path]:
    """The files of the upload folders nothing has been written to since `cutoff` (epoch seconds)."""
    out = []
    for folder in (storage.partial_dir, storage.ready_dir):
        for p in folder.iterdir():
            try:
                if p.is_file() and p.stat().st_mtime < cutoff:
                    out.append(p)
            except FileNotFoundError:  # (finished or discarded meanwhile)
                continue
    return sorted(out)


def candidates(session: Session, storage: LocalImageStorage, cutoff: float, swept: Swept) -> list[Path]:
    """The stale uploads no stored batch names (the batches are read only when there are any)."""
    old = stale(storage, cutoff)
    if not old:
        return []
    from sync.server.check import named_images

    named = named_images(session)
    keep = [p for p in old if _sha_of(p) in named]
    swept.kept_named += len(keep)
    return [p for p in old if _sha_of(p) not in named]


def remove_if_stale(storage: LocalImageStorage, path: Path, cutoff: float, swept: Swept) -> None:
    """Delete `path` when still not written to since `cutoff` (checked again under the store's
    lock of its hash, which a batch's images take to be made durable); counted in `swept`."""
    with storage.lock(_sha_of(path)):
        try:
            st = path.stat()
        except FileNotFoundError:  # made durable or finished meanwhile
            return
        if st.st_mtime >= cutoff:  # written to meanwhile: an upload going on
            return
        path.unlink(missing_ok=True)
    swept.files += 1
    swept.bytes += st.st_size
    if len(swept.names) < 1000:
        swept.names.append(f"{path.parent.name}/{path.name}")


def record(session: Session, swept: Swept, days: float) -> None:
    """The sweep in the server's trail (`uploads.discarded`), when it discarded anything."""
    if not swept.files:
        return
    from sync.server.ingest import record_event

    record_event(session, "uploads.discarded", by="server", files=swept.files, bytes=swept.bytes, days=days,
                 names=swept.names[:100])
    session.commit()


def cutoff_for(days: float, now: float | None = None) -> float:
    return (time.time() if now is None else now) - days * DAY


def sweep(session_factory, storage: LocalImageStorage, days: float, *, now: float | None = None) -> Swept:
    """Discard the uploads nothing was written to for `days` days that no stored batch names
    (0 days: none is ever discarded). For a store no upload is being written to (the server's
    start); a running server sweeps holding each upload's lock (sync.server.app)."""
    swept = Swept()
    if days <= 0:
        return swept
    cutoff = cutoff_for(days, now)
    with session_factory() as s:
        for p in candidates(s, storage, cutoff, swept):
            remove_if_stale(storage, p, cutoff, swept)
        record(s, swept, days)
    return swept
