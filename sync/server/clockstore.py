"""The offices' clock offsets (`sync.clocks.OfficeClocks`) kept in the server's database
(`sync_office_clock`), so that a restart does not forget them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.clocks import WINDOW, OfficeClocks
from sync.server.db import ServerOfficeClock


def load(session: Session, clocks: OfficeClocks, now: dt.datetime) -> int:
    """Give `clocks` the offsets kept, as of the server's clock `now` (aware UTC); how many it
    took (`OfficeClocks.load` leaves out those older than a day or "from the future")."""
    rows = session.execute(select(ServerOfficeClock.office_uuid, ServerOfficeClock.heard_at,
                                  ServerOfficeClock.offset_seconds)
                           .where(ServerOfficeClock.heard_at >= _naive(now - WINDOW))).all()
    return clocks.load(((office, at.replace(tzinfo=dt.UTC), dt.timedelta(seconds=secs)) for office, at, secs in rows),
                       now)


def store(session: Session, office: str, heard_at: dt.datetime, offset: dt.timedelta) -> None:
    """Write `office`'s latest offset (one row per office, replaced); the caller commits."""
    values = {"office_uuid": office, "heard_at": _naive(heard_at), "offset_seconds": round(offset.total_seconds())}
    if session.bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(ServerOfficeClock).values(**values)
    session.execute(stmt.on_conflict_do_update(index_elements=["office_uuid"],
                                               set_={k: stmt.excluded[k] for k in ("heard_at", "offset_seconds")}))


def _naive(t: dt.datetime) -> dt.datetime:
    return t.astimezone(dt.UTC).replace(tzinfo=None)
