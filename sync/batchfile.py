"""USB batch files (`.daftar-batch`): a zip of batch.json (the same body as POST /v1/batches)
and images/<sha256>. The server checks the signature and takes it with the same idempotency
as the network, so a batch carried by USB and later sent online is stored once.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from sqlalchemy import select

from records.audit import Actor
from records.models import Batch, OutboxItem
from records.outbox import BatchInfo, OutboxError, batch_info, submission


class BatchFileError(RuntimeError):
    pass


class ImportTargetError(BatchFileError):
    """The server database or image folder an import goes into cannot be used (not the file's fault)."""


def seal_approved(ws, *, actor: Actor) -> BatchInfo:
    """Seal the entries ready to be sent into a new batch, acting as `actor` (a supervisor
    whose password the caller checked: `daftar.cli.act_as`): approved ones, or verified ones
    where the office requires a revenue officer's verification (`records.outbox.seal_batchable`,
    as the app's sync panel does)."""
    from records.outbox import seal_batchable
    from records.workflow import WorkflowError

    try:
        with ws.session() as s:
            return seal_batchable(s, actor=actor)
    except (OutboxError, WorkflowError) as e:
        raise BatchFileError(str(e)) from None


def export_batch(ws, out: Path, *, batch_uuid: str | None = None) -> tuple[Path, BatchInfo]:
    """Write one sealed batch with its images to `out` (atomically). Nothing in the outbox changes."""
    out = Path(out)
    with ws.session() as s:
        if batch_uuid:
            batch = s.scalar(select(Batch).where(Batch.uuid == batch_uuid))
            if batch is None:
                raise BatchFileError(f"there is no batch {batch_uuid} in this workspace")
        else:
            bid = s.scalar(select(OutboxItem.batch_id).where(OutboxItem.state.in_(("queued", "uploading", "submitted")))
                           .order_by(OutboxItem.batch_id).limit(1))
            if bid is None:
                raise BatchFileError("no batch is waiting to be sent: seal approved entries first (--seal USERNAME)")
            batch = s.get(Batch, bid)
        body = submission(batch)
        info = batch_info(batch)
    tmp = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as z:
            z.writestr("batch.json", json.dumps(body, ensure_ascii=False, indent=0))
            for sha in body["manifest"].get("images", []):
                z.writestr(f"images/{sha}", ws.images.get(sha))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except OSError as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:  # (no folder to clean: a file stands where it should be) the reason below says why
            pass
        raise BatchFileError(f"cannot write {out}: {e.strerror} (is the USB stick full or read-only?)") from None
    return out, info


def import_over_http(data: bytes, server: str, admin_token: str, ca_bundle: str | None = None) -> dict:
    """POST a batch file to the server's /v1/admin/import; returns the receipt."""
    import httpx

    from sync.engine import SyncConfig, SyncError, make_client

    try:
        with make_client(SyncConfig(server, admin_token, ca_bundle, timeout=120)) as c:
            r = c.post("/v1/admin/import", content=data, headers={"Content-Type": "application/zip"})
    except (httpx.HTTPError, SyncError) as e:
        raise BatchFileError(f"cannot reach the server {server}: {e}") from None
    if r.status_code != 200:
        try:
            detail = r.json().get("detail")
        except ValueError:
            detail = r.text[:200]
        raise BatchFileError(f"the server refused the batch ({r.status_code}): {detail}")
    return r.json()


def import_direct(data: bytes, database_url: str, storage: Path, *, create_storage: bool = False) -> dict:
    """Import straight into a server database (central office without a running server).
    `storage` must be the server's image store (`sync.server.storage.store_problem`; a new one
    only with `create_storage`); ImportTargetError, before anything is written, when it or the
    database cannot be used."""
    from sync.server import ingest
    from sync.server.db import DatabaseUnavailable, make_engine, make_sessionmaker
    from sync.server.storage import LocalImageStorage, store_problem

    problem = store_problem(storage, create=create_storage)
    if problem:
        raise ImportTargetError(f"--storage: {problem}; nothing was imported")
    try:
        engine = make_engine(database_url)
    except DatabaseUnavailable as e:
        raise ImportTargetError(f"--database: {e}; nothing was imported") from None
    try:
        with make_sessionmaker(engine)() as s:
            try:
                r = ingest.import_batch_file(s, LocalImageStorage(storage), data)
                s.commit()
                return r
            except ingest.IngestError as e:
                s.rollback()
                raise BatchFileError(e.message) from None
    finally:
        engine.dispose()
