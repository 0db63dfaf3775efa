"""A stall detector for the UI thread: what a clerk feels as a frozen window.

A QTimer on the UI thread beats every 10 ms; a watchdog thread samples the UI thread's
Python stack (sys._current_frames) every few ms while a beat is late. When the next beat
comes more than `threshold` after the one before, the gap is a stall: it is kept with the
action the driver said it was doing (`watch.doing(label)`) and the stacks sampled in it.

    watch = StallWatch(threshold=0.1)
    watch.start()
    with watch.doing("open register"):
        ...
    watch.report()  # one line per stall: action, ms, where the time went

Used by bench/stall_probe.py and bench/monkey.py (inside the app's process); nothing in the
app imports it.

The frames sys._current_frames() hands the watchdog are the UI thread's own: a function that
returns while one of its frames is held keeps its local variables in that frame, and they
are released with it. Released on the watchdog thread, a Qt object among them (Preferences'
Save writes a QSettings, which posts itself an update) was deleted there while the UI thread
delivered its event: a segmentation fault in Qt's event loop (docs/monkey.md, 5). The frames
are therefore dropped on the UI thread, at its next beat.
"""

from __future__ import annotations

import collections
import contextlib
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tuple(str(ROOT / d) for d in ("desktop", "records", "sync", "ocr", "daftar"))


@dataclass
class Stall:
    action: str
    ms: float
    samples: list[tuple] = field(default_factory=list)  # stacks (innermost last) of (file, line, func)
    others: list[str] = field(default_factory=list)  # what other threads ran meanwhile (one line a sample)

    def where(self, n: int = 3) -> list[tuple[str, int]]:
        """The project frames the samples were in most, innermost project frame of each
        sample with the chain of callers above it (as 'file:line func < caller ...')."""
        counts: collections.Counter = collections.Counter()
        for stack in self.samples:
            mine = [f for f in stack if f[0].startswith(PROJECT)]
            if not mine:
                counts["(outside the project: Qt or the library) " + _fmt(stack[-1]) if stack else "?"] += 1
                continue
            chain = " < ".join(_fmt(f) for f in reversed(mine[-4:]))
            lib = stack[-1] if stack[-1] not in mine else None
            counts[chain + (f"  [in {_fmt(lib)}]" if lib else "")] += 1
        return counts.most_common(n)

    def meanwhile(self, n: int = 2) -> list[tuple[str, int]]:
        """What the other threads were running in the samples (a worker running Python holds
        the lock the UI thread needs for every call into Python)."""
        return collections.Counter(self.others).most_common(n)


def _fmt(f) -> str:
    path, line, func = f
    for base in PROJECT:
        if path.startswith(base):
            path = path[len(str(ROOT)) + 1:]
            break
    else:
        path = "/".join(Path(path).parts[-2:])
    return f"{path}:{line} {func}"


class StallWatch:
    def __init__(self, threshold: float = 0.1, beat_ms: int = 10, *, live: bool = False) -> None:
        from desktop.qt import QTimer

        self.live = live  # print each stall as it ends

        self.threshold = threshold
        self.stalls: list[Stall] = []
        self.action = "(idle)"
        self._main = threading.main_thread().ident
        self._last = time.perf_counter()
        self._samples: list[tuple[float, tuple]] = []
        self._held: list[dict] = []  # sampled frames, released by the UI thread (see above)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._timer = QTimer()
        self._timer.setInterval(beat_ms)
        self._timer.timeout.connect(self._beat)
        self._thread = threading.Thread(target=self._sample, name="stall-watch", daemon=True)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()
        self._thread.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(1.0)
        self._release_frames()

    def _release_frames(self) -> None:
        """Drop the frames the watchdog sampled (on the UI thread: see the module's note)."""
        with self._lock:
            held, self._held = self._held, []
        del held

    @contextlib.contextmanager
    def doing(self, label: str):
        self.action = label
        try:
            yield
        finally:
            pass

    def _beat(self) -> None:
        self._release_frames()
        now = time.perf_counter()
        gap = now - self._last
        if gap > self.threshold:
            with self._lock:
                samples = [s for t, s, _o in self._samples if t >= self._last]
                others = [o for t, _s, o in self._samples if t >= self._last and o]
                self._samples.clear()
            self.stalls.append(Stall(self.action, gap * 1000, samples, others))
            if self.live:
                print(self._lines(self.stalls[-1]), flush=True)
        else:
            with self._lock:
                self._samples.clear()
        self._last = time.perf_counter()

    def _sample(self) -> None:
        while not self._stop.wait(0.004):
            now = time.perf_counter()
            if now - self._last < 0.03:
                continue
            frames = sys._current_frames()
            frame = frames.get(self._main)
            names = {t.ident: t.name for t in threading.enumerate()}
            busy = []
            for ident, f in frames.items():
                if ident in (self._main, threading.get_ident()):
                    continue
                mine = None
                while f is not None:
                    if mine is None and f.f_code.co_filename.startswith(PROJECT):
                        mine = (f.f_code.co_filename, f.f_lineno, f.f_code.co_name)
                    f = f.f_back
                if mine is not None:
                    busy.append(f"{names.get(ident, ident)}: {_fmt(mine)}")
            stack = []
            while frame is not None:
                stack.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name))
                frame = frame.f_back
            stack.reverse()
            with self._lock:
                self._samples.append((now, tuple(stack), "; ".join(sorted(busy))))
                self._held.append(frames)  # the last references to them go on the UI thread
            frames = frame = f = None  # (f may still be a frame: the loop skips two threads unwalked)

    @staticmethod
    def _lines(s: Stall) -> str:
        lines = [f"{s.ms:7.0f} ms  STALL in {s.action}"]
        for chain, n in s.where():
            lines.append(f"           {n:3d}x {chain}")
        for other, n in s.meanwhile():
            lines.append(f"           {n:3d}x meanwhile {other}")
        return "\n".join(lines)

    def report(self, min_ms: float | None = None) -> str:
        return "\n".join(self._lines(s) for s in self.stalls if min_ms is None or s.ms >= min_ms)
