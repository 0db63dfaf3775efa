"""The one place desktop/ imports Qt from (cf. Anki's aqt.qt): a version check, `qconnect`
and `screen_of` (a widget's screen without tying the application's QScreen to the widget)."""

from __future__ import annotations

from PySide6 import __version_info__ as _QT_VERSION
from PySide6.QtCore import *  # noqa: F403
from PySide6.QtGui import *  # noqa: F403
from PySide6.QtWidgets import *  # noqa: F403

if _QT_VERSION < (6, 5):  # pragma: no cover - packaging guard
    raise ImportError(f"Daftar needs PySide6 6.5 or newer, found {'.'.join(map(str, _QT_VERSION))}")


def qconnect(signal, slot) -> None:
    """Connect a signal to a slot (one spelling for type checkers and greps)."""
    signal.connect(slot)


def screen_of(widget: QWidget) -> QScreen | None:  # noqa: F405 - from the star imports
    """The screen `widget` is on (a window not shown yet: its parent window's), else the
    primary screen. Use it instead of `widget.screen()`.

    PySide makes the QScreen that `QWidget.screen()` or `QWindow.screen()` returns a child of
    the asking widget's Python object (the application has one QScreen object a screen, and
    whoever asked last holds it). When that Python object goes with Python's cycle collector
    (it was in a reference cycle), the QScreen can be handed to Python and deleted with it:
    the application's screen is gone, and whatever Qt next draws, sizes or turns to the other
    language direction reads freed memory, a segmentation fault inside Qt, often later, with
    no Python frame above it (docs/monkey.md, 5). When the widget is deleted the ordinary way,
    every Python reference to the QScreen dies with it ("already deleted"). Asked of
    QGuiApplication, whose screen functions are static, the QScreen is nobody's child."""
    window = widget.window()
    if not window.isVisible() and window.parentWidget() is not None:  # (a dialog being built)
        window = window.parentWidget().window()
    return QGuiApplication.screenAt(window.frameGeometry().center()) or QGuiApplication.primaryScreen()  # noqa: F405
