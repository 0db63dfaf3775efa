"""The app's file dialogs, in one place: each opens in a folder that makes sense on this
computer (where the last file went or came from, while it is there), never in the folder
Daftar was started from (on Windows, where it is installed).

Where the desktop has its own file dialog (Windows, GNOME) Qt uses it. Qt's own dialog
(a plain X session, a light window manager) draws a path in the Urdu interface with its
first slash at the end ('root/x/' for /root/x) and sizes as 'KiB 12.5': its painter takes
the application's direction whatever the widget's (tried: a left-to-right path box still
drew it so), so that is left as Qt draws it.
"""

from __future__ import annotations

from pathlib import Path

from desktop.qt import QFileDialog, QStandardPaths

IMPORT_FOLDER_KEY = "ui/import_folder"


def choose_folder(parent, title: str, start: str) -> str | None:
    """A folder chosen in the dialog (None: cancelled)."""
    return QFileDialog.getExistingDirectory(parent, title, start) or None


def choose_save_file(parent, title: str, suggested: str, pattern: str) -> str | None:
    """A file to save into (`suggested`: a full path with the file name offered), None when
    cancelled; overwriting an existing file is asked first."""
    return QFileDialog.getSaveFileName(parent, title, suggested, pattern)[0] or None


def choose_open_files(parent, title: str, start: str, pattern: str) -> list[str]:
    """Existing files chosen to open (empty: cancelled)."""
    return list(QFileDialog.getOpenFileNames(parent, title, start, pattern)[0])


def import_folder() -> Path:
    """Where the import dialogs open: the folder pages were last imported from on this computer
    (a scanner's output folder, a USB stick) while it is there, else the pictures folder,
    else the documents folder, else home; never the folder Daftar was started from."""
    from desktop.ui_settings import remembered_folder

    return remembered_folder(IMPORT_FOLDER_KEY, QStandardPaths.StandardLocation.PicturesLocation,
                             QStandardPaths.StandardLocation.DocumentsLocation)


def remember_import_folder(paths: list[str]) -> None:
    """Keep the folder of what was just chosen for import (a folder itself, or a file's)."""
    from desktop.ui_settings import remember_folder

    if paths:
        first = Path(paths[0])
        remember_folder(IMPORT_FOLDER_KEY, first if first.is_dir() else first.parent)
