"""Rows of a whole register (100,000+) as a lazy table model (cf. Anki's browser table).

The model holds only the id list; rows are exposed in steps through canFetchMore/fetchMore
and their values loaded in chunks (services.rows_by_ids) in the background the first time a
view asks. At most MAX_CHUNKS chunks stay cached, so memory stays flat while paging.
"""

from __future__ import annotations

from collections import OrderedDict

from desktop.i18n import bilingual
from desktop.operations import entry as entry_ops
from desktop.qt import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from records.fields import display_value
from records.services import RowView
from records.templates import Template

CHUNK = 200
EXPOSE_STEP = 1000
MAX_CHUNKS = 20
EntryIdRole = Qt.ItemDataRole.UserRole + 3
PLACEHOLDER = "…"


class RegisterRowsModel(QAbstractTableModel):
    """Lazy rows of a register (or of search hits): ids first, values by chunk."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self._resetting = False
        self.ctx = ctx
        self.template: Template | None = None
        self._ids: list[int] = []
        self._shown = 0
        self._chunks: OrderedDict[int, dict[int, RowView]] = OrderedDict()
        self._loading: set[int] = set()
        self._generation = 0
        self.pages_by_id: dict[int, int] = {}  # page id -> page no, for the first column

    # -- content ----------------------------------------------------------
    def set_ids(self, ids: list[int], template: Template | None, pages_by_id: dict[int, int] | None = None) -> None:
        self._resetting = True
        self.beginResetModel()
        self._generation += 1
        self._ids = list(ids)
        self.template = template
        self.pages_by_id = dict(pages_by_id or {})
        self._shown = min(EXPOSE_STEP, len(self._ids))
        self._chunks.clear()
        self._loading.clear()
        self.endResetModel()
        self._resetting = False

    def entry_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def total(self) -> int:
        return len(self._ids)

    def cached_rows(self) -> int:
        return sum(len(c) for c in self._chunks.values())

    def invalidate(self, entry_ids: set[int] | None = None) -> None:
        """Mark cached rows stale (after a change notice); they reload when shown."""
        if entry_ids is None:
            self._chunks.clear()
        else:
            for key in [k for k, c in self._chunks.items() if entry_ids & c.keys()]:
                del self._chunks[key]
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, self.columnCount() - 1))

    def is_read(self, row: int) -> bool:
        """Whether the row's values are loaded (asking does not load them)."""
        if not 0 <= row < self._shown:
            return False
        chunk = self._chunks.get(row // CHUNK)
        return chunk is not None and self._ids[row] in chunk

    def row_view(self, row: int) -> RowView | None:
        """The row's values when loaded; otherwise starts loading its chunk and returns None."""
        if not 0 <= row < self._shown:
            return None
        key = row // CHUNK
        chunk = self._chunks.get(key)
        if chunk is None:
            self._load(key)
            return None
        self._chunks.move_to_end(key)
        return chunk.get(self._ids[row])

    def _load(self, key: int) -> None:
        if key in self._loading:
            return
        self._loading.add(key)
        gen = self._generation
        ids = self._ids[key * CHUNK:(key + 1) * CHUNK]

        def done(rows: list[RowView]) -> None:
            if gen != self._generation:
                return
            self._loading.discard(key)
            self._chunks[key] = {r.entry_id: r for r in rows}
            while len(self._chunks) > MAX_CHUNKS:
                self._chunks.popitem(last=False)
            first, last = key * CHUNK, min(self._shown, (key + 1) * CHUNK) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

        def failed(_e) -> None:
            self._loading.discard(key)

        entry_ops.rows_by_ids(entry_ids=ids).success(done).failure(failed).run_in_background(self.ctx)

    # -- Qt ---------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.template is None:
            return 0
        return len(self.template.columns) + 1

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        # Not while a reset or insert is announced (views and testers ask from its signals).
        return not self._resetting and not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if self._resetting or parent.isValid():
            return
        n = min(len(self._ids), self._shown + EXPOSE_STEP)
        if n > self._shown:
            self._resetting = True
            self.beginInsertRows(QModelIndex(), self._shown, n - 1)
            self._shown = n
            self.endInsertRows()
            self._resetting = False

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if self.template is None or orientation != Qt.Orientation.Horizontal:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if section == 0:
            return QCoreApplication.translate("RegisterRows", "Page")
        if 1 <= section <= len(self.template.columns):
            spec = self.template.columns[section - 1]
            if role == Qt.ItemDataRole.ToolTipRole:  # the whole name of a column cut to '…'
                return bilingual(spec.label_ur, spec.label_en)
            return spec.label_ur
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.template is None or not 0 <= index.row() < self._shown:
            return None
        if not 0 <= index.column() < self.columnCount():
            return None
        if role == EntryIdRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.row_view(index.row())
        if r is None:
            return PLACEHOLDER
        if index.column() == 0:
            return f"{self.pages_by_id.get(r.page_id, '?')}:{r.row_no}"
        spec = self.template.columns[index.column() - 1]
        return display_value(spec, r.text(spec.name), urdu_digits=self.ctx.prefs.urdu_digits)
