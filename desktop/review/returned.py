"""The clerk's list of rows a reviewer sent back, with the reviewer's comment.

Double-click (or Enter) opens the row's page in the correction view (`open_entry(page_id,
entry_id, field)`: on the field returned, "" for a whole row). Refreshes itself when the
workflow changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.fonts import urdu_font
from desktop.operations import read_op
from desktop.qt import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.review.queries import register_name
from records import services, workflow
from records.models import Entry, Page, Register
from records.text import isolate_numbers


@dataclass(frozen=True)
class ReturnedRow:
    entry_id: int
    page_id: int
    register: str
    page_no: int
    row_no: int
    comment: str
    returned_by: str
    field: str = ""  # the one field the reviewer returned ("": the whole row, or the page)


def returned_rows(session, *, maker_id: int | None = None) -> list[ReturnedRow]:
    """Rows in state 'returned' (those `maker_id` created or submitted, when given)."""
    q = (select(Entry, Page, Register).join(Page, Page.id == Entry.page_id).join(Register, Register.id == Entry.register_id)
         .where(Entry.state == workflow.RETURNED, Entry.is_latest.is_(True), Entry.deleted.is_(False))
         .order_by(Register.id, Page.page_no, Entry.row_no))
    out = []
    for e, p, r in session.execute(q):
        if maker_id is not None and maker_id not in (e.created_by, e.submitted_by):
            continue
        by, field = services.last_return(session, e.uuid)
        out.append(ReturnedRow(e.id, p.id, register_name(r), p.page_no, e.row_no, e.comment or "", by, field or ""))
    return out


class ReturnedPanel(QWidget):
    """Rows sent back to the signed-in clerk, with the comment saying what to correct."""

    open_entry = Signal(int, int, str)  # page, entry, the field returned ("": the row's first flagged)
    counted = Signal(int)  # how many rows are listed, after each refresh

    COLUMNS = ("Register", "Page", "Row", "Comment", "Returned by")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ReturnedPanel")
        self.rows: list[ReturnedRow] = []
        lay = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("returnedSummary")
        lay.addWidget(self.summary)
        self.table = QTableWidget(self)
        self.table.setObjectName("returnedTable")
        self.table.setFont(urdu_font(12))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setColumnCount(len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the comment
        self.table.verticalHeader().hide()
        self.table.cellActivated.connect(self._activated)
        self.table.cellDoubleClicked.connect(self._activated)
        lay.addWidget(self.table)
        ctx.bus.changed.connect(self._on_changes)
        self.refresh()

    def refresh(self) -> None:
        # the signed-in user's own rows, whatever the role: a supervisor who also keys pages
        # was shown every clerk's returned rows under "Returned to me" (the review's counts
        # say how many each clerk has)
        maker = self.ctx.actor.id
        read_op(lambda s: returned_rows(s, maker_id=maker)).success(self._fill).run_in_background(self.ctx)

    def _fill(self, rows: list[ReturnedRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for c, text in enumerate((r.register, str(r.page_no), str(r.row_no), isolate_numbers(r.comment),
                                      r.returned_by)):
                item = QTableWidgetItem(text)
                if c == 3:  # the reviewer's words (Urdu) start at the right in either layout
                    item.setTextAlignment(Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, c, item)
        for c in (0, 1, 2, 4):
            self.table.resizeColumnToContents(c)
        self.summary.setText(self.tr("{n} row(s) sent back for correction; double-click one to open its page.", "", len(rows)).format(n=len(rows))
                             if rows else self.tr("No rows were sent back."))
        self.counted.emit(len(rows))

    def _activated(self, row: int, _col: int) -> None:
        if 0 <= row < len(self.rows):
            r = self.rows[row]
            self.open_entry.emit(r.page_id, r.entry_id, r.field)

    def _on_changes(self, changes, _initiator) -> None:
        if changes.workflow:
            self.refresh()
