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


def clashing_keys(window) -> dict[str, list[str]]:
    """Keys that two actions of `window` could both take for one keyboard focus, with the
    actions' names: Qt then fires neither ("Ambiguous shortcut overload"). An action bound to
    its widget and children (WidgetWithChildrenShortcut) clashes only with actions of the
    window and with those of a widget holding, or held by, its own; the page view's and the
    review's PgDn, in different tabs, do not clash."""
    from collections import defaultdict
    from itertools import combinations

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QWidget

    def scope(act):
        if act.shortcutContext() != Qt.ShortcutContext.WidgetWithChildrenShortcut:
            return None  # the whole window
        return next((w for w in act.associatedObjects() if isinstance(w, QWidget)), None)

    def overlap(a, b) -> bool:
        sa, sb = scope(a), scope(b)
        return sa is None or sb is None or sa is sb or sa.isAncestorOf(sb) or sb.isAncestorOf(sa)

    by_key = defaultdict(list)
    for act in window.findChildren(QAction):
        for key in act.shortcuts():
            by_key[key.toString(QKeySequence.SequenceFormat.PortableText)].append(act)
    out: dict[str, list[str]] = {}
    for key, acts in by_key.items():
        for a, b in combinations(acts, 2):
            if overlap(a, b):
                out.setdefault(key, []).extend(x.objectName() or x.text() for x in (a, b))
    return out
