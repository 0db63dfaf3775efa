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
"""

from __future__ import annotations

import gc

from desktop.qt import QObject, QTimer

INTERVAL_MS = 500

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
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
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
        gc.collect()
        _holders -= 1
        if _holders == 0 and _was_enabled:
            gc.enable()
