"""What this computer remembers between starts (QSettings): the language of the sign-in
screen and where the main window was. Records and office settings live in the workspace."""

from __future__ import annotations

import os

from desktop.qt import QSettings

# Overrides where this computer's settings are kept (tests point it at a temporary file).
SETTINGS_FILE_ENV = "DAFTAR_UI_SETTINGS"


def computer_settings() -> QSettings:
    """This computer's interface settings (an ini file where $DAFTAR_UI_SETTINGS says)."""
    path = os.environ.get(SETTINGS_FILE_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("Daftar", "Daftar")
