"""The one place desktop/ imports Qt from (cf. Anki's aqt.qt): a version check and `qconnect`."""

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
