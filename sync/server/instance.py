"""The server's epoch: a random id kept in its database (`sync_instance`), made anew when the
server finds that database restored from a backup taken before batches or decisions it had
already received.

How it finds out: beside the images, in the image store's folder, a small file
(`MARKER`) keeps the epoch and the highest batch and decision ids the server has written.
At start, a database whose epoch is the file's but whose highest ids are below the file's
lost rows since: it was restored. The server then takes a new epoch (audited
`server.restored` in its own trail) and offices that see it check at once what the server
holds of their entries (`GET /v1/holdings`, sync/engine.py). The file is copied with the
image store; an image store restored too, from a copy taken no later than the database's,
hides the restore from this check: offices still find the loss by comparing counts
(`GET /v1/holdings/summary`) at every pass, and all of it once a day.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server.db import ServerBatch, ServerDecision, ServerEvent, ServerInstance, utcnow

MARKER = "server-instance.json"
RESTORE_NOTICE_DAYS = 30  # the operator's page says a restore was found until acknowledged, at most this long
log = logging.getLogger("daftar.server")
_lock = threading.Lock()


def epoch(session: Session) -> str:
    """The server's epoch (made when missing: a database older than revision s0005's data)."""
    row = session.get(ServerInstance, 1)
    if row is None:
        row = ServerInstance(id=1, epoch=str(uuid.uuid4()), since=utcnow())
        session.add(row)
        session.flush()
    return row.epoch


def _highest(session: Session) -> dict[str, int]:
    return {"batches": session.scalar(select(func.max(ServerBatch.id))) or 0,
            "decisions": session.scalar(select(func.max(ServerDecision.id))) or 0}


def _read(root: Path) -> dict:
    try:
        got = json.loads((Path(root) / MARKER).read_text(encoding="utf-8"))
        return got if isinstance(got, dict) else {}
    except (OSError, ValueError):
        return {}


def _write(root: Path, data: dict) -> None:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / (MARKER + f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(tmp, root / MARKER)


def check_at_start(session: Session, root: Path) -> bool:
    """Compare the database with the marker beside the images; a database behind it was
    restored from a backup: a new epoch (committed, audited). True when it was. The marker
    is written anew either way."""
    current = epoch(session)
    high = _highest(session)
    mark = _read(root)
    restored = (mark.get("epoch") == current
                and any(int(mark.get(k) or 0) > high[k] for k in ("batches", "decisions")))
    if restored:
        from sync.server.ingest import record_event  # (the server's own trail)

        row = session.get(ServerInstance, 1)
        old, row.epoch, row.since = row.epoch, str(uuid.uuid4()), utcnow()
        record_event(session, "server.restored", old_epoch=old, new_epoch=row.epoch,
                     marker={k: mark.get(k) for k in ("batches", "decisions")}, database=high)
        log.warning("the database holds fewer batches or decisions than this server wrote (restored from a backup?): "
                    "new epoch %s; offices check what it holds of their entries and send what it lost", row.epoch)
        current = row.epoch
    session.commit()
    try:
        _write(root, {"epoch": current, **high})
    except OSError as e:  # the store's own checks say what is wrong with it
        log.warning("cannot write %s in %s: %s", MARKER, root, e)
    return restored


def note_written(session: Session, root: Path) -> None:
    """After a batch or decisions were committed: the marker's highest ids follow the database's."""
    with _lock:
        mark = _read(root)
        high = _highest(session)
        cur = epoch(session)
        if mark.get("epoch") == cur and all(int(mark.get(k) or 0) >= high[k] for k in high):
            return
        new = {"epoch": cur, **{k: max(high[k], int(mark.get(k) or 0) if mark.get("epoch") == cur else 0)
                               for k in high}}
        try:
            _write(root, new)
        except OSError as e:
            log.warning("cannot write %s in %s: %s", MARKER, root, e)


def restore_notice(session: Session, days: int = RESTORE_NOTICE_DAYS) -> dict | None:
    """The latest restore the server found (`server.restored`) while the operator has not
    acknowledged it (`server.restore_acknowledged` after it) and for at most `days` days after
    it; None otherwise. What the operator's page says: when (`at`), the epoch it began
    (`epoch`, the one in sync_instance), until when it is shown (`until`), and the highest
    batch and decision ids the server had written (`marker`) and found (`database`)."""
    import datetime as dt

    row = session.get(ServerInstance, 1)
    now = utcnow()
    if row is None or row.since < now - dt.timedelta(days=days):  # (no reading of the trail at all)
        return None
    ev = session.scalar(select(ServerEvent).where(ServerEvent.action == "server.restored")
                        .order_by(ServerEvent.id.desc()).limit(1))
    if ev is None or ev.at < now - dt.timedelta(days=days):
        return None
    if session.scalar(select(ServerEvent.id).where(ServerEvent.action == "server.restore_acknowledged",
                                                   ServerEvent.id > ev.id).limit(1)) is not None:
        return None
    d = ev.detail or {}
    at = row.since if d.get("new_epoch") == row.epoch else ev.at  # (the epoch it began, in sync_instance)
    return {"event": ev.id, "at": at, "epoch": row.epoch, "until": ev.at + dt.timedelta(days=days),
            "marker": d.get("marker") or {}, "database": d.get("database") or {}}


def acknowledge_restore(session: Session, event: int, by: dict) -> bool:
    """The operator read the notice of restore `event` (its id): written in the trail
    (`server.restore_acknowledged`, naming `by`), so the page no longer shows it. False when
    that is not the restore the page shows now (acknowledged already, or another found
    since): nothing is written. The caller commits."""
    from sync.server.ingest import record_event

    shown = restore_notice(session)
    if shown is None or shown["event"] != event:
        return False
    record_event(session, "server.restore_acknowledged", epoch=shown["epoch"], restored_at=(
        shown["at"].isoformat(timespec="seconds") + "Z"), **by)
    session.flush()
    return True
