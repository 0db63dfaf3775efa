"""The clerk's list of rows a reviewer sent back, with the reviewer's comment; and the
supervisor's list of rows he approved that were sent back after (a revenue officer returned
them from the verification), with that comment.

Double-click (or Enter) opens the row's page in the correction view (`open_entry(page_id,
entry_id, field)`: on the field returned, "" for a whole row). Refreshes itself when the
workflow changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.fonts import urdu_font
from desktop.i18n import number_text
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
from desktop.table_sizing import rows_fit_font
from records import services, workflow
from records.models import AuditEvent, Entry, Page, Register
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


def returned_after_approval(session, *, approver_id: int) -> list[ReturnedRow]:
    """Rows `approver_id` approved that were returned after his approval (by a revenue officer
    from the verification, or another reviewer), still returned: the clerk has not submitted
    them again. A row he approved once and a reviewer later returned when it was submitted
    again is not one of them (his approval was not what was returned)."""
    q = (select(Entry, Page, Register).join(Page, Page.id == Entry.page_id).join(Register, Register.id == Entry.register_id)
         .where(Entry.state == workflow.RETURNED, Entry.approved_by == approver_id, Entry.is_latest.is_(True),
                Entry.deleted.is_(False))
         .order_by(Register.id, Page.page_no, Entry.row_no))
    out = []
    for e, p, r in session.execute(q):
        last = session.execute(select(AuditEvent.username, AuditEvent.field, AuditEvent.old)
                               .where(AuditEvent.entry_uuid == e.uuid, AuditEvent.action == "entry.return")
                               .order_by(AuditEvent.id.desc()).limit(1)).first()
        if last is None or last.old != workflow.APPROVED:
            continue
        out.append(ReturnedRow(e.id, p.id, register_name(r), p.page_no, e.row_no, e.comment or "", last.username or "",
                               last.field or ""))
    return out


class ReturnedPanel(QWidget):
    """Rows sent back to the signed-in clerk, with the comment saying what to correct; with
    `approved` the rows the signed-in reviewer approved that were returned after his approval
    (what the revenue officer found, in his comment)."""

    open_entry = Signal(int, int, str)  # page, entry, the field returned ("": the row's first flagged)
    counted = Signal(int)  # how many rows are listed, after each refresh

    COLUMNS = ("Register", "Page", "Row", "Comment", "Returned by")

    def __init__(self, ctx, parent=None, *, approved: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.approved = approved
        self.setObjectName("ApprovedReturnedPanel" if approved else "ReturnedPanel")
        self.rows: list[ReturnedRow] = []
        lay = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("returnedSummary")
        lay.addWidget(self.summary)
        self.table = QTableWidget(self)
        self.table.setObjectName("returnedTable")
        self.table.setFont(urdu_font(12))
        rows_fit_font(self.table)
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
        me = self.ctx.actor.id
        if self.approved:
            read_op(lambda s: returned_after_approval(s, approver_id=me)).success(self._fill).run_in_background(self.ctx)
            return
        read_op(lambda s: returned_rows(s, maker_id=me)).success(self._fill).run_in_background(self.ctx)

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
        if self.approved:
            self.summary.setText(
                self.tr("{n} row(s) you approved were returned after your approval, with the reason; the clerk "
                        "corrects them and they come back to your review. Double-click one to open its page.", "",
                        len(rows)).format(n=number_text(len(rows)))
                if rows else self.tr("No row you approved was returned."))
        else:
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
