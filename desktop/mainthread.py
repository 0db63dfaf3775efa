"""Hand results from plain Python threads to the GUI thread without the thread touching a
widget: `post(fn)` queues `fn` for the GUI thread through one QObject that lives as long as
the application. A thread that emits on a widget's own QObject races with the GUI thread
deleting it (a crash under load); a thread that holds the last reference to a widget
deletes it on the wrong thread (another crash). `sender(obj, method)` holds the
widget only weakly and drops the call when the widget is gone.
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Callable

from desktop.qt import QCoreApplication, QObject, Qt, Signal


class _Dispatcher(QObject):
    wake = Signal()

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())  # deleted with the application only
        self._lock = threading.Lock()
        self._pending: list[Callable[[], None]] = []
        self.wake.connect(self.run_pending, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        with self._lock:
            self._pending.append(fn)
        self.wake.emit()

    def run_pending(self) -> None:
        with self._lock:
            fns, self._pending = self._pending, []
        for fn in fns:
            try:
                fn()
            except Exception:  # noqa: BLE001 - one failing call must not drop the others
                sys.excepthook(*sys.exc_info())


_dispatcher: _Dispatcher | None = None


def install() -> None:
    """Create the dispatcher; call on the GUI thread (widgets that post do it when built)."""
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()


def post(fn: Callable[[], None]) -> None:
    """Run `fn` on the GUI thread soon (safe from any thread, after `install()`)."""
    if _dispatcher is None:
        raise RuntimeError("desktop.mainthread.install() was not called on the GUI thread")
    _dispatcher.post(fn)


def drain() -> None:
    """Run every queued call now (on the GUI thread: tests and shutdown)."""
    if _dispatcher is not None:
        _dispatcher.run_pending()


def sender(obj: QObject, method: str) -> Callable[..., None]:
    """A function for worker threads: `send(*args)` runs `obj.method(*args)` on the GUI
    thread, if `obj` still exists then. It holds `obj` only weakly."""
    import shiboken6

    ref = weakref.ref(obj)
    del obj

    def send(*args) -> None:
        def deliver() -> None:
            target = ref()
            if target is not None and shiboken6.isValid(target):
                getattr(target, method)(*args)

        post(deliver)

    return send
