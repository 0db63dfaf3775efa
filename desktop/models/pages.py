"""Pages of one register: page number, file, OCR status (with its error), review state.

A register has thousands of pages: the PageView list is small plain data, but rows are
exposed to the view in chunks through canFetchMore/fetchMore so views stay quick.
"""

from __future__ import annotations

from desktop.bidi import isolate
from desktop.i18n import message, number_text
from desktop.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QBrush,
    QColor,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from records.services import PageView

PageRole = Qt.ItemDataRole.UserRole + 1
CHUNK = 200

_OCR_COLOURS = {"failed": "#f4c7c3", "running": "#fff2cc", "queued": "#fff9e6", "done": "#d9ead3"}


LOOKS_LIKE_COLOUR = "#f9cb9c"  # a page whose headings are another register kind's (orange)
# the list's texts, marked for the catalogue (lupdate does not see them through _tr)
OCR_FAILED = QT_TRANSLATE_NOOP("Pages", "OCR failed: {error}. Select the page and choose OCR › Retry failed pages.")
# a page copied forward from the previous edition has no scan: nothing for OCR to read
NO_IMAGE = QT_TRANSLATE_NOOP("Pages", "no image")
NO_IMAGE_TIP = QT_TRANSLATE_NOOP("Pages", "No scanned page: its rows were copied from the previous edition; "
                                          "correct them against the paper register.")
LOOKS_LIKE = QT_TRANSLATE_NOOP("Pages", "Its column headings are those of a {kind} page: check that the page "
                                        "belongs to this register (if not: Register › Move page to another "
                                        "register…).")


def looks_like_text(kind: str) -> str:
    """What the clerk is told of a page whose column headings are another register kind's."""
    from desktop.i18n import template_title

    return _tr(LOOKS_LIKE).format(kind=template_title(kind) or kind)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Pages", text)


class PageListModel(QAbstractTableModel):
    """Columns: page no, file, OCR status, state."""

    COLUMNS = ("Page", "File", "OCR", "State")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._resetting = False
        self._pages: list[PageView] = []
        self._shown = 0

    # -- data -------------------------------------------------------------
    def set_pages(self, pages: list[PageView]) -> None:
        self._resetting = True
        self.beginResetModel()
        self._pages = list(pages)
        self._shown = min(CHUNK, len(self._pages))
        self.endResetModel()
        self._resetting = False

    def update_pages(self, pages: list[PageView]) -> None:
        """Replace the list keeping the exposed count when the ids did not change."""
        if [p.id for p in pages] != [p.id for p in self._pages]:
            shown = self._shown
            self.set_pages(pages)
            self._grow_to(shown)
            return
        self._pages = list(pages)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, len(self.COLUMNS) - 1))

    def _grow_to(self, n: int) -> None:
        n = min(n, len(self._pages))
        if n > self._shown and not self._resetting:
            self._resetting = True
            self.beginInsertRows(QModelIndex(), self._shown, n - 1)
            self._shown = n
            self.endInsertRows()
            self._resetting = False

    def page_at(self, row: int) -> PageView | None:
        return self._pages[row] if 0 <= row < self._shown else None

    def all_pages(self) -> list[PageView]:
        return list(self._pages)

    def row_of(self, page_id: int) -> int:
        """Row of a page, exposing more rows when it lies beyond those shown (-1 if absent)."""
        i = next((i for i, p in enumerate(self._pages) if p.id == page_id), -1)
        if i >= self._shown:
            self._grow_to(i + 1)
        return i

    # -- Qt ---------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        # Not while a reset or insert is announced (views and testers ask from its signals).
        return not self._resetting and not parent.isValid() and self._shown < len(self._pages)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if not self._resetting and not parent.isValid():
            self._grow_to(self._shown + CHUNK)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return _tr(self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        p = self._pages[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # the file's name in an isolate: '01-scan.png' was drawn 'scan.png-01' in Urdu
            if col == 0:  # (only the cell asked for: Qt asks cell by cell, sizing columns too)
                return number_text(p.page_no)
            if col == 1:
                return isolate(p.image_name) if p.image_name else ""
            if col == 2 and not p.image_sha256:
                return _tr(NO_IMAGE)
            return _tr(p.ocr_status if col == 2 else p.state)
        if role == Qt.ItemDataRole.ToolTipRole and not p.image_sha256 and col in (1, 2):
            return _tr(NO_IMAGE_TIP)
        if role == Qt.ItemDataRole.ToolTipRole and p.ocr_error:
            return _tr(OCR_FAILED).format(error=message(p.ocr_error))  # (the core's text, translated)
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return p.image_name  # elided in a narrow list
        if role == Qt.ItemDataRole.ToolTipRole and p.looks_like:
            return looks_like_text(p.looks_like)
        if role == Qt.ItemDataRole.BackgroundRole and col == 2 and p.looks_like:
            return QBrush(QColor(LOOKS_LIKE_COLOUR))
        if role == Qt.ItemDataRole.BackgroundRole and col == 2 and p.ocr_status in _OCR_COLOURS:
            return QBrush(QColor(_OCR_COLOURS[p.ocr_status]))
        if role == PageRole:
            return p
        return None
