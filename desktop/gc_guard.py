"""Python's cycle collector runs on the GUI thread only while background threads exist.

Python runs its cyclic garbage collector in whichever thread happens to allocate when a
threshold is crossed: with the TaskRunner's database and read threads (and the OCR pool's
feeder threads) that is often a worker. A Python-owned Qt object kept in a reference cycle
(a QEventLoop and its QTimer, a widget reached from a failed operation's traceback...) is
then deleted on that worker, and Qt objects deleted outside their own thread crash the app
(intermittent segfaults and bus errors under load; measured in the desktop tests: pytest-qt's
waitSignal QEventLoop and QTimer were collected on `daftar-db-writer`).

While a guard is held, automatic collection is off and a timer on the GUI thread collects
instead, generation by generation, as the automatic collector would (cf. Anki's
`garbage_collect_now`, pyqtgraph's GarbageCollector).

A collection holds the GUI thread for as long as it takes to look at the young objects, and
a worker building something big (a CSV export's rows, a fard's story: 100,000-160,000 new
objects between two beats, most of them alive) left that many at every beat: 10-155 ms of
the window's time at once, and the same objects were looked at again when their generation
was collected. A beat that finds more than FREEZE_AT young objects sets them aside instead
(`gc.freeze`: no object is looked at; what is alive stays alive, what refcounting frees is
freed as ever); the first beat that finds fewer puts them back in the oldest generation
(`gc.unfreeze`), where the next full collection (which comes anyway, about once a minute
while the app is used) looks at what is left of them once: the cycles among them are
collected then, later but never lost (bench/gc_bench.py, docs/benchmarks.md).
"""

from __future__ import annotations

import gc

from desktop.qt import QObject, QTimer

INTERVAL_MS = 500
FREEZE_AT = 50_000  # young objects at one beat: a thread builds something big (a fard or an
# export leaves 100,000-200,000; the keying vocabulary's read about 15,000, 1-2 ms to look at)

_frozen = False  # this module froze the objects gc.freeze holds

_holders = 0
_was_enabled = True


class GuiThreadCollector(QObject):
    """Collect garbage on the GUI thread (create it there) until `release()`."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        global _holders, _was_enabled
        super().__init__(parent)
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
        self._held = True
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the generations whose counts passed the collector's thresholds."""
        global _frozen
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 > FREEZE_AT:  # set aside, unexamined, until the allocation calms down
            gc.freeze()
            _frozen = True
            return 0
        if _frozen:
            _thaw()
        if c0 <= t0:
            return 0
        generation = 2 if c1 > t1 and c2 > t2 else 1 if c1 > t1 else 0
        return gc.collect(generation)

    def release(self) -> None:
        """Stop the timer, collect everything now (on this thread) and, when no other guard is
        held, let Python collect automatically again. Call it after the worker threads stopped."""
        global _holders
        if not self._held:
            return
        self._held = False
        self._timer.stop()
        if _frozen:
            _thaw()
        gc.collect()
        _holders -= 1
        if _holders == 0 and _was_enabled:
            gc.enable()


def _thaw() -> None:
    """Put back what the guard set aside, into the oldest generation (the next full collection
    looks at it)."""
    global _frozen
    gc.unfreeze()
    _frozen = False
