"""The Qt binding keeps Python's reference counts right (PySide6 6.12.0 did not: every call of
a void method lost a reference to None, every emit of a bool one to True; on Python 3.11 the
app then dies with 'Fatal Python error: none_dealloc' after a few thousand calls)."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui


def test_void_calls_and_bool_signals_keep_none_and_true_alive(qapp):
    # GIVEN a timer, a widget and a signal carrying a bool
    from desktop.qt import QObject, QTimer, QWidget, Signal

    class Emitter(QObject):
        changed = Signal(bool)

    timer, widget, em = QTimer(), QWidget(), Emitter()
    em.changed.connect(lambda _v: None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    # WHEN calling void methods and emitting bools a thousand times
    for _ in range(1000):
        timer.stop()
        widget.setEnabled(True)
        em.changed.emit(True)
    # THEN None and True have (about) as many references as before
    assert sys.getrefcount(None) - none_before > -50, "the Qt binding drops references to None (PySide6 6.12.0?)"
    assert sys.getrefcount(True) - true_before > -50, "the Qt binding drops references to True (PySide6 6.12.0?)"
