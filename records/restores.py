"""The restores of a workspace from backups, recorded in its own audit trail: the restore
generation (`epoch`) that its JSON exports carry.

A workspace restored from a backup goes on from the backup's trail, so its next exports are
numbered (`export_seq`: the newest event's id) lower than exports it made before the
disaster, which another workspace may have imported. Each restore is therefore one
`workspace.restore` event holding the next generation number, when the restore was made and
when the backup was; an export signs the newest one's (records.exports.json_export), and an
importing workspace orders an office's exports by (generation, restore time, number).

`restore_backup` leaves a note (NOTE) in the folder it restores, in the same rename as the
rest; the note is recorded at the restored workspace's first opening (by the restore itself,
or at the first sign-in of an encrypted one restored without a password), then removed.
Events before the newest `workspace.import` of a trail came with an imported export: they
are another office's restores, not this workspace's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from records import audit
from records.models import AuditEvent, utcnow

RESTORE_ACTION = "workspace.restore"
IMPORT_ACTION = "workspace.import"  # (records.exports.json_export.IMPORT_ACTION)
NOTE = "restored.json"  # in the restored workspace's folder until recorded


@dataclass(frozen=True)
class Restore:
    """A restore of this workspace as its trail recorded it."""

    epoch: int  # 1 for the first restore, 2 for the next...
    restored_at: dt.datetime | None  # naive UTC, the restoring computer's clock
    backup_made_at: dt.datetime | None  # naive UTC, the clock of the computer that made the backup
    backup_last_event: int | None  # the newest event of the backup's trail


def naive_utc(text: object) -> dt.datetime | None:
    """An ISO time as naive UTC (how times are kept here); None when it is none."""
    try:
        t = dt.datetime.fromisoformat(str(text))
    except (TypeError, ValueError):
        return None
    return t.astimezone(dt.UTC).replace(tzinfo=None) if t.tzinfo else t


def _iso(t: dt.datetime | None) -> str | None:
    return t.isoformat(timespec="microseconds") if t else None


def write_note(folder: Path, *, backup: Path, manifest: dict, now: dt.datetime | None = None) -> None:
    """Note in `folder` (the restore's staging folder) that it is restored from `backup`."""
    note = {"restore_id": str(uuid.uuid4()), "restored_at": _iso(now or dt.datetime.now(dt.UTC).replace(tzinfo=None)),
            "backup": str(backup), "backup_made_at": _iso(naive_utc(manifest.get("created_at")))}
    path = folder / NOTE
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(note))
        f.flush()
        os.fsync(f.fileno())


def pending(root: Path) -> bool:
    return (Path(root) / NOTE).is_file()


def last_restore(session: Session) -> Restore | None:
    """This workspace's newest restore (None: never restored, or only before an import: the
    trail's events before its import are the exporting office's)."""
    ev = session.scalar(select(AuditEvent).where(AuditEvent.action.in_((RESTORE_ACTION, IMPORT_ACTION)))
                        .order_by(AuditEvent.id.desc()).limit(1))
    if ev is None or ev.action != RESTORE_ACTION:
        return None
    d = ev.detail or {}
    epoch = d.get("epoch")
    last = d.get("backup_last_event")
    return Restore(epoch if isinstance(epoch, int) and epoch > 0 else 1, naive_utc(d.get("restored_at")) or ev.at,
                   naive_utc(d.get("backup_made_at")), last if isinstance(last, int) else None)


def _backup_tail(session: Session) -> int:
    """The newest event of the restored trail: the backup's (an anchor written on first use at
    this opening names it)."""
    row = session.execute(select(AuditEvent.id, AuditEvent.action, AuditEvent.detail)
                          .order_by(AuditEvent.id.desc()).limit(1)).first()
    if row is None:
        return 0
    named = (row.detail or {}).get("newest_event") if row.action == audit.ANCHOR_ACTION else None
    return named if isinstance(named, int) else row.id


def record_pending(workspace) -> Restore | None:
    """Record the restore the workspace's note tells of (one `workspace.restore` event with the
    next generation number), then remove the note; None when there is none. A note that was
    recorded already (its restore id in the trail) is only removed. When the trail cannot be
    written now (a full disk, a lock) the note stays, to be recorded at the next opening."""
    path = Path(workspace.root) / NOTE
    if not path.is_file():
        return None
    try:
        note = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        note = None
    note = note if isinstance(note, dict) else {}  # (a damaged note: the restore still counts)
    rid = str(note.get("restore_id") or "")
    try:
        with workspace.session() as s:
            done = [e for e in s.scalars(select(AuditEvent).where(AuditEvent.action == RESTORE_ACTION))
                    if rid and (e.detail or {}).get("restore_id") == rid]
            if not done:
                prev = last_restore(s)
                restore = Restore((prev.epoch if prev else 0) + 1, naive_utc(note.get("restored_at")) or utcnow(),
                                  naive_utc(note.get("backup_made_at")), _backup_tail(s))
                audit.record(s, actor=audit.SYSTEM, action=RESTORE_ACTION, entity="workspace",
                             new=str(note.get("backup") or ""),
                             detail={"epoch": restore.epoch, "restore_id": rid,
                                     "restored_at": _iso(restore.restored_at),
                                     "backup_made_at": _iso(restore.backup_made_at),
                                     "backup_last_event": restore.backup_last_event})
    except (OperationalError, OSError):
        return None
    try:
        path.unlink()
    except OSError:
        pass  # (recorded: removed at the next opening)
    return None if done else restore
