"""Register rows with a search box: khewat, khasra or owner name (digits/letters normalised).

Shows every row of the register lazily; typing filters through services.search (run in
the read pool, debounced); activating a row opens its page.
"""

from __future__ import annotations

from desktop.fonts import urdu_font
from desktop.labels import field_header
from desktop.models.entries import EntryIdRole, RegisterRowsModel
from desktop.operations import read_op
from desktop.qt import (
    QEvent,
    QFontMetrics,
    QLabel,
    QLineEdit,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.table_sizing import SAMPLE_ROWS, header_text_width
from desktop.typed_numbers import keep_numbers_in_order, text_of
from records import services

DEBOUNCE_MS = 250
NUMBER_COLUMN_LEAST = 40  # px: a column of one-digit shares is not narrower


class SearchPanel(QWidget):
    """`open_entry(page id, entry id)` when the clerk activates a row."""

    open_entry = Signal(int, int)
    results_shown = Signal(int)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SearchPanel")
        self.register_id: int | None = None
        self.model = RegisterRowsModel(ctx, self)
        lay = QVBoxLayout(self)
        self.box = QLineEdit(self)
        self.box.setObjectName("searchBox")
        self.box.setPlaceholderText(self.tr("Search khewat no, khasra no or owner name…"))
        self.box.setClearButtonEnabled(True)
        self.box.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        keep_numbers_in_order(self.box)  # `چک 12-5` typed after an owner's name shows as typed; read with text_of
        lay.addWidget(self.box)
        self.info = QLabel(self)
        self.info.setObjectName("searchInfo")
        lay.addWidget(self.info)
        self.table = QTableView(self)
        self.table.setObjectName("registerRows")
        self.table.setModel(self.model)
        self.table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.table.setFont(urdu_font(12))
        self.table.verticalHeader().setDefaultSectionSize(QFontMetrics(self.table.font()).height() + 6)
        field_header(self.table.horizontalHeader())
        self.table.horizontalHeader().setMinimumSectionSize(NUMBER_COLUMN_LEAST)  # (Qt's: 84 px in this font)
        self.box.setFont(urdu_font(12))
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.activated.connect(self._activated)
        self.model.dataChanged.connect(self._on_rows_read)
        lay.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(lambda _t: self._timer.start(DEBOUNCE_MS))
        self.box.returnPressed.connect(self._open_first)
        self.box.installEventFilter(self)  # Down goes from the box into the results
        self._pages: dict[int, int] = {}
        self._template = None
        self._query_gen = 0
        self._stale = False
        self._cache: tuple | None = None  # (register id, template, {page id: page no})
        self._fitted: dict[int, int] = {}  # column: the width _fit_number_columns gave it

    def set_register(self, register_id: int | None) -> None:
        """Show this register's rows (loaded when the panel is first visible: ids of 100,000
        rows take a moment, and the clerk may never open the panel)."""
        self.register_id = register_id
        self._stale = True
        if self.isVisible():
            self.run_search()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.run_search()

    def run_search(self) -> None:
        """Show all rows of the register, or the hits of the query in the box."""
        self._timer.stop()
        self._stale = False
        rid = self.register_id
        if rid is None:
            self.model.set_ids([], None)
            return
        query = text_of(self.box).strip()  # (never the box's marks)
        self._query_gen += 1
        gen = self._query_gen

        cached = self._cache if self._cache and self._cache[0] == rid else None

        def body(s):
            if cached:
                tpl, pages = cached[1], cached[2]
            else:  # once per register (and after pages change), not per keystroke
                tpl = services.register_template(s, rid)
                pages = {p.id: p.page_no for p in services.list_pages(s, rid)}
            if query:
                ids = [h.entry_id for h in services.search(s, query, register_id=rid, limit=1000)]
            else:
                ids = services.register_entry_ids(s, rid)
            return ids, tpl, pages

        def done(res) -> None:
            if gen != self._query_gen:
                return
            ids, tpl, pages = res
            self._cache = (rid, tpl, pages)
            if tpl is not self.model.template:
                self._fitted = {}  # another register's columns: fitted anew
            self.model.set_ids(ids, tpl, pages)
            self._fit_number_columns()
            self.info.setText(self.tr("{n} row(s)").format(n=len(ids)) if not query else
                              self.tr("{n} row(s) match “{q}”", "", len(ids)).format(n=len(ids), q=query))
            self.results_shown.emit(len(ids))
            if getattr(self, "_after_search", False):
                self._take_results()

        read_op(body).success(done).run_in_background(self.ctx)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.box and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            if self.model.rowCount():
                self.table.setFocus()
                self.table.setCurrentIndex(self.model.index(0, 0))
                return True
        return super().eventFilter(obj, event)

    def _open_first(self) -> None:
        """Enter in the box: the search now (not after the pause), then its first row opened
        when there is exactly one, else the keyboard on the first of the rows found."""
        if self._timer.isActive() or self._stale:
            self._after_search = True
            self.run_search()
            return
        self._take_results()

    def _take_results(self) -> None:
        self._after_search = False
        if self.model.rowCount() == 1:
            if self.model.row_view(0) is None:  # its values are being read: opened once they are
                self._open_when_read = True
                return
            self._activated(self.model.index(0, 0))
        elif self.model.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _fit_number_columns(self) -> None:
        """The page column and the number columns as wide as their names in the header and
        their values in the rows read among the first SAMPLE_ROWS (at most 160 px): at Qt's
        100 px each, short numbers took the room the owner's column needs, and a name a little
        wider than its column was cut ('نمبر کھیو…'). The other columns keep their width."""
        tpl, header, model = self.model.template, self.table.horizontalHeader(), self.model
        if tpl is None:
            return
        metrics = QFontMetrics(self.table.font())
        rows = [r for r in range(min(model.rowCount(), SAMPLE_ROWS)) if model.is_read(r)]
        for c in range(model.columnCount()):
            if c and not tpl.columns[c - 1].numeric:
                continue
            name = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or ""
            need = header_text_width(header, name)
            for r in rows:
                need = max(need, metrics.horizontalAdvance(model.index(r, c).data() or "") + 14)
            need = min(max(need, NUMBER_COLUMN_LEAST), 160)
            set_before = self._fitted.get(c)
            if set_before is not None and header.sectionSize(c) != set_before:
                continue  # (the clerk dragged it to a width of his own)
            if header.sectionSize(c) != need:
                header.resizeSection(c, need)
            self._fitted[c] = need

    def _on_rows_read(self, *_args) -> None:
        self._fit_number_columns()
        if getattr(self, "_open_when_read", False) and self.model.rowCount() == 1 and self.model.row_view(0):
            self._open_when_read = False
            self._activated(self.model.index(0, 0))

    def _activated(self, index) -> None:
        eid = index.data(EntryIdRole)
        r = self.model.row_view(index.row())
        if eid is not None and r is not None and r.page_id is not None:
            self.open_entry.emit(r.page_id, eid)

    def on_changes(self, changes) -> None:
        if changes.pages or changes.registers:
            self._cache = None
        if changes.entries and not changes.values:
            self._stale = True
            if self.isVisible():
                self.run_search()
        elif changes.values:
            self.model.invalidate(changes.entry_ids)

