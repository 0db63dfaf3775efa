"""The app's file dialogs, in one place: each opens in a folder that makes sense on this
computer (where the last file went or came from, while it is there), never in the folder
Daftar was started from (on Windows, where it is installed).

Where the desktop has its own file dialog (Windows, GNOME) Qt uses it. Qt's own dialog
(a plain X session, a light window manager) took the Urdu interface's direction for its
paths too, and drew /root/x as 'root/x/' (its first slash at the end): its path boxes (the
folder it is in, the file name) are left to right (`FileDialog`), and the folder box draws
its text so as well (a painter takes the application's direction, not the widget's: a
left-to-right box alone still drew 'root/x/'). Sizes in its list are still 'KiB 12.5'.
"""

from __future__ import annotations

from pathlib import Path

from desktop.qt import QComboBox, QFileDialog, QLineEdit, QProxyStyle, QStandardPaths, Qt

IMPORT_FOLDER_KEY = "ui/import_folder"

# the boxes of Qt's own dialog that show a path (by their object names in qfiledialog.ui)
PATH_BOXES = ((QComboBox, "lookInCombo"), (QLineEdit, "fileNameEdit"))


class LeftToRightText(QProxyStyle):
    """Draws item text left to right: Qt's painter takes the application's direction (right
    to left in Urdu), not the widget's, and the file dialog's folder box drew its path so."""

    def drawItemText(self, painter, rect, flags, pal, enabled, text, role=None) -> None:  # noqa: N802 - Qt's name
        painter.save()
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        if role is None:
            super().drawItemText(painter, rect, flags, pal, enabled, text)
        else:
            super().drawItemText(painter, rect, flags, pal, enabled, text, role)
        painter.restore()


class FileDialog(QFileDialog):
    """A file dialog whose path boxes read left to right in the Urdu interface too (when it
    is Qt's own; the desktop's own dialog is left as it is)."""

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        paths_left_to_right(self)
        super().showEvent(event)


def paths_left_to_right(dialog: QFileDialog) -> None:
    """Make the path boxes of Qt's own file dialog left to right (a native one has none)."""
    for cls, name in PATH_BOXES:
        box = dialog.findChild(cls, name)
        if box is None or box.layoutDirection() == Qt.LayoutDirection.LeftToRight:
            continue
        box.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        if isinstance(box, QComboBox):
            style = LeftToRightText(box.style().name())
            style.setParent(dialog)  # (a widget does not own its style; the dialog's go after it)
            box.setStyle(style)


def file_dialog(parent, title: str, start: str, pattern: str = "", *,
                mode: QFileDialog.FileMode = QFileDialog.FileMode.AnyFile,
                save: bool = False) -> FileDialog:
    """A file dialog as QFileDialog's static functions make it (`start`: a folder, or a path
    with the file name offered), its paths left to right."""
    dlg = FileDialog(parent, title, start, pattern)
    dlg.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if save:
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return dlg


def _chosen(dlg: FileDialog) -> list[str]:
    """What was chosen in the dialog (it is shown and waited for), empty when cancelled."""
    try:
        return list(dlg.selectedFiles()) if dlg.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        dlg.deleteLater()


def choose_folder(parent, title: str, start: str) -> str | None:
    """A folder chosen in the dialog (None: cancelled)."""
    chosen = _chosen(file_dialog(parent, title, start, mode=QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else None


def choose_save_file(parent, title: str, suggested: str, pattern: str) -> str | None:
    """A file to save into (`suggested`: a full path with the file name offered), None when
    cancelled; overwriting an existing file is asked first."""
    chosen = _chosen(file_dialog(parent, title, suggested, pattern, save=True))
    return chosen[0] if chosen else None


def choose_open_files(parent, title: str, start: str, pattern: str) -> list[str]:
    """Existing files chosen to open (empty: cancelled)."""
    return _chosen(file_dialog(parent, title, start, pattern, mode=QFileDialog.FileMode.ExistingFiles))


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
