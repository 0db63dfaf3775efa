"""What this computer remembers between starts (QSettings): the language of the sign-in
screen, where the main window was and the folder files were last saved into. Records and
office settings live in the workspace."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.qt import QByteArray, QSettings, QStandardPaths

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


SAVE_FOLDER_KEY = "ui/save_folder"


def remembered_folder(key: str, *locations) -> Path:
    """The folder this computer remembers under `key` while it is still there (a USB stick
    comes and goes), else the first of the standard `locations` that exists, else home;
    never the folder Daftar was started from (on Windows, where it is installed)."""
    last = computer_settings().value(key)
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    for where in locations:
        p = QStandardPaths.writableLocation(where)
        if p and Path(p).is_dir():
            return Path(p)
    return Path.home()


def remember_folder(key: str, folder: str | Path) -> None:
    """Keep a folder under `key` for the next dialog (`remembered_folder`)."""
    settings = computer_settings()
    settings.setValue(key, str(folder))
    settings.sync()


def save_folder() -> Path:
    """Where a save dialog opens: the folder a file was last saved into on this computer (a
    USB stick, a shared folder) while it is still there, else the user's documents, else home."""
    return remembered_folder(SAVE_FOLDER_KEY, QStandardPaths.StandardLocation.DocumentsLocation)


def remember_save_folder(path: str | Path) -> None:
    """Keep the folder of a file just chosen for saving, for the next save dialog."""
    remember_folder(SAVE_FOLDER_KEY, Path(path).parent)
