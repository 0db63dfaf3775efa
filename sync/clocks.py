"""Whether the central server's own clock is wrong, judged by the offices' clocks.

Every office request carries the office's clock (`P.CLIENT_TIME`); the server keeps each
office's latest offset (office clock minus server clock). One office far off is that office's
clock (a flat CMOS battery): it is told so. But when most offices that synced in the last day
agree with each other and all disagree with the server the same way, it is the server's clock
that is wrong, and saying "this computer's date is wrong" to every office would be false:
the server then marks its answers (`P.SERVER_TIME_DOUBT`) and its operator's page says so.

Offices whose clocks are wrong are wrong in different ways (each set back to its BIOS date at
another moment, drifting apart), so agreement among them is the evidence, not their number
alone: the doubt needs MIN_OFFICES whose offsets lie within CLOCK_SLACK of their median, a
majority of the offices seen, and that median beyond CLOCK_SLACK.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass

CLOCK_SLACK = dt.timedelta(minutes=10)  # as the office's engine: closer than this is the same time
WINDOW = dt.timedelta(days=1)  # offices heard from within this count
MIN_OFFICES = 3  # offices that must agree with each other before the server doubts itself
STORE_EVERY = dt.timedelta(minutes=1)  # an office's offset is written to the database at most this often...
NOTABLE = dt.timedelta(minutes=1)  # ...unless it moved by more than this since it was written


@dataclass(frozen=True)
class ClockDoubt:
    """The offices' verdict on the server's clock."""

    agreeing: int  # offices whose clocks agree with each other and disagree with the server's
    seen: int  # offices heard from within WINDOW
    offset: dt.timedelta  # their median clock minus the server's (positive: the server is behind)

    def header(self) -> str:
        """The value of `P.SERVER_TIME_DOUBT`: "agreeing/seen offset-seconds"."""
        return f"{self.agreeing}/{self.seen} {int(self.offset.total_seconds())}"

    def words(self) -> str:
        """One line for the operator."""
        way = "behind" if self.offset > dt.timedelta(0) else "ahead"
        n, unit = span(self.offset)
        return (f"This server's clock seems wrong: {self.agreeing} of the {self.seen} offices that synced in the "
                f"last day agree with each other that it is {n} {unit} {way}. Set the server's date "
                "and time (NTP): until then offices are told their clocks may be right and the server's wrong.")


def parse_doubt(value: str | None) -> ClockDoubt | None:
    """A `P.SERVER_TIME_DOUBT` header back into a ClockDoubt (None when absent or garbled)."""
    try:
        counts, seconds = (value or "").split()
        agreeing, seen = (int(x) for x in counts.split("/"))
        return ClockDoubt(agreeing, seen, dt.timedelta(seconds=int(seconds)))
    except ValueError:
        return None


def span(d: dt.timedelta) -> tuple[int, str]:
    """A clock's offset as a round (number, unit): minutes under 2 hours, hours under 2 days,
    else days."""
    minutes = abs(d.total_seconds()) / 60
    if minutes < 119.5:
        return round(minutes), "minutes"
    return (round(minutes / 60), "hours") if minutes < 47.5 * 60 else (round(minutes / 1440), "days")


class OfficeClocks:
    """Each office's latest clock offset (thread-safe). Held in memory, and written to the
    server's database (`sync.server.clockstore`) when `note` says so, so that a restarted
    server `load`s them and reaches its verdict at once instead of after a day of syncs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offsets: dict[str, tuple[dt.datetime, dt.timedelta]] = {}
        # what the database holds of each office (as last written or loaded): `note` asks for a
        # write only when it is STORE_EVERY old or NOTABLE off, not on every request
        self._stored: dict[str, tuple[dt.datetime, dt.timedelta]] = {}
        # offices loaded at start and not heard from since: their offsets were measured against
        # the server's clock before the restart (see `note`)
        self._loaded: set[str] = set()
        # the last verdict and when it was reached: every answer asks, and a verdict sorts every
        # office's offset, so it is reached again only after a minute or a notable change
        self._verdict: tuple[dt.datetime, ClockDoubt | None] | None = None
        self._changes = 0  # notable notes so far (a verdict reached meanwhile is not kept)

    def load(self, entries: Iterable[tuple[str, dt.datetime, dt.timedelta]], now: dt.datetime) -> int:
        """Take the offsets the database kept (office, when the server heard it by its clock,
        offset) at the server's start; how many were taken. Those heard more than WINDOW before
        `now` are ignored, as `doubt` ignores them. So are those heard "after" `now`: the
        server's clock has been set back since it wrote them (it was ahead, NTP fixed it), so
        neither how old they are nor what their offsets were measured against is known, and
        counting them would judge today's clock by yesterday's (a future time would also keep
        them within `doubt`'s window longer than a day)."""
        taken = 0
        with self._lock:
            for office, at, offset in entries:
                if at > now or now - at > WINDOW:
                    continue
                current = self._offsets.get(office)
                if current is not None and current[0] >= at:
                    continue  # heard since this start: newer than what was kept
                self._offsets[office] = self._stored[office] = (at, offset)
                self._loaded.add(office)
                taken += 1
            self._verdict = None
            self._changes += 1
        return taken

    def note(self, office: str, office_time: dt.datetime, server_time: dt.datetime) -> bool:
        """Record what an office's clock said when the server's said `server_time`. True when
        the caller should write it to the database (`unstored` if that failed): the office's
        first, one STORE_EVERY after the last written, or one that moved by more than NOTABLE."""
        offset = office_time - server_time
        with self._lock:
            before = self._offsets.get(office)
            self._offsets[office] = (server_time, offset)
            if before is None or abs(before[1] - offset) > dt.timedelta(minutes=1):
                self._verdict = None
                self._changes += 1
            if office in self._loaded:
                self._loaded.discard(office)
                if before is not None and abs(before[1] - offset) > CLOCK_SLACK:
                    # an office heard again since the start, its offset far from the one kept:
                    # either its own clock was set or the server's was (NTP, at the restart), and
                    # then the loaded offsets of the offices not heard again are all off by as
                    # much: they are forgotten (each office's next request brings its offset
                    # again), as a server without stored offsets would not have had them
                    for other in self._loaded:
                        self._offsets.pop(other, None)
                    self._loaded.clear()
            if len(self._offsets) > 100_000:  # bounded: the oldest half forgotten
                for k, _ in sorted(self._offsets.items(), key=lambda kv: kv[1][0])[:50_000]:
                    del self._offsets[k]
                    self._stored.pop(k, None)
            kept = self._stored.get(office)
            due = (kept is None or abs(server_time - kept[0]) >= STORE_EVERY
                   or abs(offset - kept[1]) > NOTABLE)
            if due:  # counted as written now, so that concurrent requests do not write it too
                self._stored[office] = (server_time, offset)
            return due

    def unstored(self, office: str) -> None:
        """Writing `office`'s offset failed: its next request tries again."""
        with self._lock:
            self._stored.pop(office, None)

    def doubt(self, now: dt.datetime) -> ClockDoubt | None:
        """A ClockDoubt when the offices heard from within WINDOW say the server's clock is
        wrong (see the module's docstring), else None."""
        with self._lock:
            if self._verdict is not None and abs(now - self._verdict[0]) < dt.timedelta(minutes=1):
                return self._verdict[1]
            recent = sorted(off for at, off in self._offsets.values() if abs(now - at) <= WINDOW)
            changes = self._changes
        verdict = self._judge(recent)
        with self._lock:
            if changes == self._changes:
                self._verdict = (now, verdict)
        return verdict

    @staticmethod
    def _judge(recent: list[dt.timedelta]) -> ClockDoubt | None:
        if len(recent) < MIN_OFFICES:
            return None
        median = recent[len(recent) // 2]
        if abs(median) <= CLOCK_SLACK:
            return None
        agreeing = sum(abs(off - median) <= CLOCK_SLACK for off in recent)
        if agreeing < MIN_OFFICES or 2 * agreeing <= len(recent):
            return None
        return ClockDoubt(agreeing, len(recent), median)


def parse_clock(value: str | None) -> dt.datetime | None:
    """A clock's time as a header carries it (`P.CLIENT_TIME`, `P.SERVER_TIME`: ISO 8601, UTC
    where no zone is given), or None when absent or garbled."""
    if not value:
        return None
    try:
        t = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)
