"""The test guard's modal watchdog: an unanswered modal dialog must not hang the run."""

from __future__ import annotations

from tests.desktop import conftest as guard


def test_unanswered_message_box_is_rejected_and_named(monkeypatch):
    # GIVEN a watchdog with little patience (this test takes no qapp, so the guard's own
    # watchdog stays out of the way)
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication([])
    monkeypatch.setattr(guard, "MODAL_PATIENCE_S", 0.5)
    dog = guard.ModalWatchdog()
    try:
        # WHEN code under test opens a modal message box nobody answers
        QMessageBox.warning(None, "Daftar", "disk full while saving page 3")
    finally:
        dog.stop()
    app.processEvents()
    # THEN the box's loop returned and the watchdog says which box it closed
    assert dog.closed == ["QMessageBox 'Daftar' disk full while saving page 3"]
    assert QApplication.activeModalWidget() is None
