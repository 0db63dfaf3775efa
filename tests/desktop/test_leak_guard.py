"""The leak guard of tests/desktop/conftest.py reports windows and threads a test leaves."""

from __future__ import annotations

import pytest

from tests.desktop.conftest import _visible_top_levels, find_leaks

pytestmark = pytest.mark.gui


def test_guard_reports_an_open_window_and_a_running_thread(qapp):
    # GIVEN a window opened and a thread started after the guard's snapshot
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QWidget

    before = {id(w) for w in _visible_top_levels(qapp)}
    w = QWidget()
    w.setObjectName("forgotten")
    w.show()
    th = QThread()
    th.start()
    try:
        # WHEN the guard looks
        problems = find_leaks(qapp, before, [(th, "test_leak_guard.py")])
    finally:
        th.quit()
        th.wait()
    # THEN both are named (and the window was closed)
    assert any("forgotten" in p for p in problems)
    assert any("QThread still running" in p and "test_leak_guard.py" in p for p in problems)
    assert not w.isVisible()
    # ... and nothing is reported once they are gone
    assert find_leaks(qapp, before, [(th, "x")]) == []
