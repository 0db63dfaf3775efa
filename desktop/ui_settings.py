"""What this computer remembers between starts (QSettings): the language of the sign-in
screen and where the main window was. Records and office settings live in the workspace."""

from __future__ import annotations

import os

from desktop.qt import QByteArray, QSettings

# Overrides where this computer's settings are kept (tests point it at a temporary file).
SETTINGS_FILE_ENV = "DAFTAR_UI_SETTINGS"


def computer_settings() -> QSettings:
    """This computer's interface settings (an ini file where $DAFTAR_UI_SETTINGS says)."""
    path = os.environ.get(SETTINGS_FILE_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("Daftar", "Daftar")


SPLITTER_KEY = "ui/splitter"


def restore_splitter(splitter, name: str) -> None:
    """Give a splitter the sizes it had when Daftar last closed on this computer."""
    state = computer_settings().value(f"{SPLITTER_KEY}_{name}")
    if state:
        splitter.restoreState(QByteArray(bytes(state)))


def remember_splitters(splitters: dict) -> None:
    """Keep the sizes of splitters (name -> QSplitter) for the next start."""
    settings = computer_settings()
    for name, sp in splitters.items():
        settings.setValue(f"{SPLITTER_KEY}_{name}", sp.saveState())
    settings.sync()
