"""`daftar sync`'s progress lines: what a long pass is sending while it sends it, from the
engine's progress callback (the one the app's sync panel draws its bar from).

    batch 1 of 3: page images 2 of 14 at the server, 1.4 MB of 12.0 MB sent
    batch 1 of 3: the connection dropped; trying again in 4 seconds (what the server received is kept)
    batch 1 of 3: resumed: the server had kept 1.6 MB of the page images (12.0 MB) from before; ...
    batch 1 of 3: entries (a large batch, sent resumable) 0.4 MB of 2.1 MB sent

At most one line every few seconds (`every`), except the lines of a drop or a wait, which
come at once. Piped to a log: plain lines. On a terminal one line is updated in place
(carriage return) and the lines of drops and waits stay.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

EVERY = 3.0  # seconds between progress lines written to a log
EVERY_TTY = 0.5  # seconds between updates of a terminal's line


def _size(n: int) -> str:
    from sync.engine import size_text

    return size_text(n)


class PassLines:
    """A `progress(what, done, total)` callback for `sync.engine.SyncEngine` that writes lines
    to `out`. Thread-safe (the engine's upload threads call it too). Call `end()` after the pass."""

    def __init__(self, out: TextIO | None = None, *, every: float | None = None, tty: bool | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.out = out or sys.stdout
        if tty is None:
            try:
                tty = self.out.isatty()
            except (AttributeError, ValueError):
                tty = False
        self.tty = tty
        self.every = (EVERY_TTY if tty else EVERY) if every is None else every
        self.clock = clock
        self._lock = threading.Lock()
        self._last = None  # when the last line was written (None: none yet)
        self._said = ""  # the last progress line written (not written twice)
        self._open = False  # a terminal's line written in place, not ended yet
        self.batch = (0, 0)
        self.images = (0, 0)
        self.image_bytes = (0, 0)
        self.body = (0, 0)
        self.phase = ""  # "images" or "entries": what the batch is sending now
        self.lines: list[str] = []  # every line written (tests, the last state at the end)

    # ------------------------------------------------------------------ the callback
    def __call__(self, what: str, done: int, total: int) -> None:
        with self._lock:
            self._take(what, done, total)

    def _take(self, what: str, done: int, total: int) -> None:
        if what == "batches":
            if (done, total) != self.batch:
                self.batch, self.phase = (done, total), ""
                self.images = self.image_bytes = self.body = (0, 0)
            self._progress()
        elif what == "images":
            self.phase, self.images = "images", (done, total)
            self._progress()
        elif what == "image_bytes":
            self.phase, self.image_bytes = "images", (done, total)
            self._progress()
        elif what == "images_resumed":
            self.image_bytes = (done, total)
            self._note(f"resumed: the server had kept {_size(done)} of the page images ({_size(total)}) from "
                       "before; the upload goes on from there")
        elif what == "batch_resumed":
            self.phase, self.body = "entries", (done, total)
            self._note(f"resumed: the server had kept {_size(done)} of the batch's entries ({_size(total)}) "
                       "from before; the upload goes on from there")
        elif what == "batch":
            self.phase, self.body = "entries", (done, total)
            self._progress()
        elif what == "link_dropped":
            self._note(f"the connection dropped; trying again in {_seconds(done)} (what the server received is "
                       "kept)")
        elif what == "retry":
            self._note(f"the central server is busy or had a problem; trying again in {_seconds(done)}")

    # ------------------------------------------------------------------ lines
    def _where(self) -> str:
        i, n = self.batch
        return f"batch {i} of {n}: " if n else ""

    def state(self) -> str:
        """What the pass is sending now, in one line ("" before it sends anything)."""
        if self.phase == "entries":
            done, total = self.body
            return f"{self._where()}entries (a large batch, sent resumable) {_size(done)} of {_size(total)} sent"
        if self.phase == "images":
            k, n = self.images
            line = f"{self._where()}page images {k} of {n} at the server"
            held, total = self.image_bytes
            if total:
                line += f", {_size(held)} of {_size(total)} sent"  # (the bytes it holds of them)
            return line
        return f"{self._where()}starting" if self.batch[1] else ""

    def _progress(self) -> None:
        now = self.clock()
        line = self.state()
        if not line or line == self._said:
            return
        if self._last is not None and now - self._last < self.every:
            return
        self._write(line, lasting=False)
        self._said, self._last = line, now

    def _note(self, text: str) -> None:
        """A line said at once and kept (a drop, a wait, a resumed upload)."""
        self._write(self._where() + text, lasting=True)
        self._last = self.clock()

    def _write(self, line: str, *, lasting: bool) -> None:
        self.lines.append(line)
        if not self.tty:
            print(line, file=self.out, flush=True)
            return
        if lasting:
            self.out.write("\r\033[K" + line + "\n")
            self._open = False
        else:  # (cut to the terminal's width: a line that wraps would not be redrawn in place)
            import shutil

            width = shutil.get_terminal_size((100, 24)).columns - 1
            self.out.write("\r\033[K" + (line if len(line) <= width else line[:width - 1] + "…"))
            self._open = True
        self.out.flush()

    def end(self) -> None:
        """The pass is over: a terminal's line written in place is ended (the summary follows)."""
        with self._lock:
            if self._open:
                self.out.write("\n")
                self.out.flush()
                self._open = False


def _seconds(n: int) -> str:
    return "1 second" if n == 1 else f"{n} seconds"
