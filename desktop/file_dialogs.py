"""The app's file dialogs, in one place: each opens in a folder that makes sense on this
computer (where the last file went or came from, while it is there), never in the folder
Daftar was started from (on Windows, where it is installed).

Where the desktop has its own file dialog (Windows, GNOME) Qt uses it. Qt's own dialog
(a plain X session, a light window manager) took the Urdu interface's direction for its
paths too, and drew /root/x as 'root/x/' (its first slash at the end): its path boxes (the
folder it is in, the file name) are left to right (`FileDialog`), and the folder box draws
its text so as well (a painter takes the application's direction, not the widget's: a
left-to-right box alone still drew 'root/x/'). Its list showed a file's size as 'KiB 12.5'
and its date with the time first: in a right-to-left line a number and its unit, or a date
and its time, swap places. Those columns' texts go through a proxy model that wraps them in
a left-to-right isolate (`LeftToRightColumns`); names and types are left as they are (a name
may be Urdu).
"""

from __future__ import annotations

from pathlib import Path

import shiboken6

from desktop.qt import (
    QApplication,
    QComboBox,
    QFileDialog,
    QIdentityProxyModel,
    QLineEdit,
    QProxyStyle,
    QStandardPaths,
    Qt,
    QTreeView,
)

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


# the columns of Qt's own dialog's list (QFileSystemModel) read left to right: size, date modified
LEFT_TO_RIGHT_COLUMNS = (1, 3)
LRI, PDI = "\u2066", "\u2069"


class LeftToRightColumns(QIdentityProxyModel):
    """The file dialog's model with its size and date texts in a left-to-right isolate: a
    right-to-left line showed '12.5 KiB' as 'KiB 12.5' and '27/11/2026 12:33' as
    '12:33 27/11/2026'."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        value = super().data(index, role)
        if (role == Qt.ItemDataRole.DisplayRole and index.column() in LEFT_TO_RIGHT_COLUMNS
                and isinstance(value, str) and value):
            return f"{LRI}{value}{PDI}"
        return value


class FileDialog(QFileDialog):
    """A file dialog whose path boxes read left to right in the Urdu interface too (when it
    is Qt's own; the desktop's own dialog is left as it is)."""

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        paths_left_to_right(self)
        sizes_left_to_right(self)
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


def sizes_left_to_right(dialog: QFileDialog) -> None:
    """In the Urdu interface, the sizes and dates of the list of Qt's own file dialog read
    left to right (`LeftToRightColumns`; a desktop's own dialog has no list of ours)."""
    if (QApplication.layoutDirection() != Qt.LayoutDirection.RightToLeft
            or dialog.findChild(QTreeView, "treeView") is None or dialog.proxyModel() is not None):
        return
    dialog.setProxyModel(LeftToRightColumns(dialog))


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
    """What was chosen in the dialog (it is shown and waited for), empty when cancelled, and
    when the dialog went while it waited: its parent was deleted meanwhile (the export dialog
    closes when its export ends, a sign-out at the lock cancels the dialogs)."""
    try:
        accepted = dlg.exec() == QFileDialog.DialogCode.Accepted
        return list(dlg.selectedFiles()) if accepted and shiboken6.isValid(dlg) else []
    finally:
        if shiboken6.isValid(dlg):
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
