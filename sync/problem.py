"""An outbox item that needs a person, as the engine reports it (`sync.engine.queue_status`).

Its own small module: the desktop's sync panel shows these and is built on the UI thread,
where importing the engine itself (httpx, the protocol's models) took 0.3 s.
"""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """An outbox item that needs a person (conflict, held back, rejected by the central
    office), with where its entry is, as people know it: the register (kind, mauza, year),
    page and row (of the entry's newest version: what opening it shows), and its khewat."""

    entry_uuid: str
    version: int
    state: str
    message: str  # the engine's words (English; the desktop translates them)
    reason: str = ""  # the central office's own words, for a rejection
    entry_id: int | None = None  # the entry's newest version
    page_id: int | None = None
    template_id: str = ""
    mauza: str = ""
    year: str = ""
    page_no: int | None = None
    row_no: int | None = None
    khewat: str = ""
