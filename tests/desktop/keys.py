"""Typing Urdu in tests: QTest.keyClicks only knows ASCII, so send key events with text."""

from __future__ import annotations


def type_text(widget, text: str) -> None:
    """Send one key press/release per character to `widget` (then to whoever has focus)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    target = widget
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else (Qt.Key.Key_Space if ch == " " else 0)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.processEvents()
        target = QApplication.focusWidget() or target
