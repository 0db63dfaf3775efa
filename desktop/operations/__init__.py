"""Operations: what a UI action asks of records/ (cf. Anki's CollectionOp / QueryOp).

An `Op` wraps a body `fn(session) -> result` that runs in the background inside one
workspace session (committed on success). Writes go to the single writer thread, reads to
the pool. `.success(cb)` / `.failure(cb)` run on the main thread; a body that returns a
`Changes` makes the change bus announce it. The body never touches a widget.
Domain modules (register.py, page.py, entry.py) are lists of keyword-only factories.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

from records.services import Changes

T = TypeVar("T")


class Op(Generic[T]):
    """A background call over one workspace session."""

    def __init__(self, body: Callable[[Any], T], *, write: bool, initiator: object = None) -> None:
        self._body = body
        self._write = write
        self._initiator = initiator
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None

    def success(self, cb: Callable[[T], None]) -> Op[T]:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> Op[T]:
        self._failure = cb
        return self

    def with_initiator(self, initiator: object) -> Op[T]:
        self._initiator = initiator
        return self

    def run_in_background(self, ctx) -> Future:
        """Start the op on `ctx.runner`; callbacks land on the main thread."""
        ws = ctx.ws

        def run() -> T:
            with ws.session() as s:
                return self._body(s)

        def done(fut: Future) -> None:
            try:
                result = fut.result()
            except BaseException as e:  # noqa: BLE001 - shown to the clerk
                if self._failure is not None:
                    self._failure(e)
                else:
                    show_error(e)
                return
            if isinstance(result, Changes):
                ctx.bus.changed.emit(result, self._initiator)
            elif isinstance(result, tuple) and result and isinstance(result[-1], Changes):
                ctx.bus.changed.emit(result[-1], self._initiator)
            if self._success is not None:
                self._success(result)

        submit = ctx.runner.run_write if self._write else ctx.runner.run_read
        return submit(run, done)


def write_op(body: Callable[[Any], T]) -> Op[T]:
    return Op(body, write=True)


def read_op(body: Callable[[Any], T]) -> Op[T]:
    return Op(body, write=False)


def error_text(e: BaseException) -> str:
    """The clerk-facing text of an error (the message, or its type when it has none), in
    the interface language where the message is in the catalogue (desktop.i18n.message)."""
    from desktop.i18n import message

    return message(str(e)) or type(e).__name__


def show_error(e: BaseException) -> None:
    """Default failure: a message box over the active window, never a crash."""
    import logging

    from desktop.qt import QApplication, QCoreApplication, QMessageBox

    logging.getLogger("daftar.desktop").error("operation failed: %s", error_text(e), exc_info=e)
    app = QApplication.instance()
    parent = app.activeWindow() if app else None
    QMessageBox.warning(parent, QCoreApplication.translate("Op", "Daftar"), error_text(e))
