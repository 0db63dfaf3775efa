"""An entry in conflict beside the central server's copy of it, and "Take the server's copy".

Opened from the sync panel's problems. The copy is fetched and compared off the UI thread
(`compare(entry_uuid, version)` runs on a worker and returns a plain
`records.conflicts.Comparison`, or why it could not, a str); taking it likewise
(`take(server_copy)` returns a `records.conflicts.Taken` or the core's refusal, a str). Only
plain values come back, through desktop.mainthread senders that hold the dialog weakly.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from desktop import mainthread
from desktop.bidi import ltr, shown_value
from desktop.fonts import NASKH, load_fonts
from desktop.i18n import date_text, field_label, message, number_text
from desktop.labels import wrapping
from desktop.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QDialog,
    QFont,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from desktop.screen_fit import fit_to_screen

_URDU = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
DIFFERS = QColor("#ffe2b3")  # a field whose two copies differ (with a mark: not colour alone)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before taking the server's copy (tests replace it)."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _when(iso: str) -> str:
    """A server time (ISO, UTC) in this computer's local time and the office's format."""
    import datetime as dt

    try:
        t = dt.datetime.fromisoformat((iso or "").rstrip("Z")).replace(tzinfo=dt.UTC)
    except ValueError:
        return iso or ""
    return date_text(t.astimezone().replace(tzinfo=None), time=True)


class ConflictDialog(QDialog):
    """This office's version of an entry in conflict beside the server's, field by field."""

    STATES = {"received": "received", "accepted": "accepted", "rejected": "rejected"}

    def __init__(self, *, entry_uuid: str, version: int, place: str,
                 compare: Callable[[str, int], object], take: Callable[[object], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(self.tr("Compare with the server's copy"))
        self.entry_uuid, self.version = entry_uuid, version
        self._compare, self._take = compare, take
        self.comparison = None  # the Comparison shown
        self.taken = None  # what taking the copy made (records.conflicts.Taken)
        self._threads: list[threading.Thread] = []
        self.on_taken: Callable[[object], None] | None = None  # told on the UI thread once it is taken
        mainthread.install()

        lay = QVBoxLayout(self)
        self.place_label = QLabel(place, self)
        self.place_label.setStyleSheet("font-weight: bold")
        wrapping(self.place_label)
        lay.addWidget(self.place_label)
        self.server_label = QLabel(self.tr("Fetching the central server's copy…"), self)
        self.server_label.setObjectName("conflictServer")
        wrapping(self.server_label)
        lay.addWidget(self.server_label)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("This office"), self.tr("Central server")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        font = QFont(self.table.font())  # Urdu values in Naskh, the rest in the interface's font
        font.setFamilies([load_fonts().get(NASKH, "Noto Naskh Arabic"), *font.families()])
        self.table.setFont(font)
        lay.addWidget(self.table, 1)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("conflictSummary")
        wrapping(self.summary_label)
        lay.addWidget(self.summary_label)
        row = QHBoxLayout()
        self.take_btn = QPushButton(self.tr("Take the server's copy"), self)
        self.take_btn.setObjectName("conflictTake")
        self.take_btn.setToolTip(self.tr(
            "The entry gets the central server's values as a new version, which the server has already: it is "
            "not sent again. This office's version stays readable in the entry's history."))
        self.take_btn.setVisible(take is not None)
        self.take_btn.setEnabled(False)
        row.addWidget(self.take_btn)
        row.addStretch(1)
        self.close_btn = QPushButton(self.tr("Close"), self)
        row.addWidget(self.close_btn)
        lay.addLayout(row)
        qconnect(self.take_btn.clicked, self.take_copy)
        qconnect(self.close_btn.clicked, self.close)
        fit_to_screen(self, 820, 520)
        self._fetch()

    # ------------------------------------------------------------------ worker plumbing
    def _spawn(self, fn: Callable[[], None]) -> None:
        """Run `fn` on a thread; it holds no Qt object (results come back through senders)."""
        failed = mainthread.sender(self, "_on_failed")

        def guarded():
            try:
                fn()
            except Exception as e:  # shown, never lost in a thread
                failed(str(e) or e.__class__.__name__)

        self._threads = [t for t in self._threads if t.is_alive()]
        t = threading.Thread(target=guarded, daemon=True, name="conflict-dialog")
        self._threads.append(t)
        t.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Wait for the background work (the panel calls it when the window closes). Closing
        the dialog itself does not wait: a fetch on a slow line would hold the window up to
        its timeout, and its answer, delivered to a dialog gone, is dropped (weak senders)."""
        for t in list(self._threads):
            t.join(timeout)

    def _fetch(self) -> None:
        compare, done = self._compare, mainthread.sender(self, "_on_compared")
        uuid, version = self.entry_uuid, self.version
        self._spawn(lambda: done(compare(uuid, version)))

    # ------------------------------------------------------------------ UI thread
    def _on_failed(self, why: str) -> None:
        self.server_label.setText(self.tr("The server's copy could not be shown: {why}").format(
            why=shown_value(message(why))))

    def _on_compared(self, cmp) -> None:
        if isinstance(cmp, str):
            self.server_label.setText(self.tr("The server's copy could not be shown: {why}").format(
                why=shown_value(message(cmp))))
            return
        self.comparison = cmp
        sv = cmp.server
        state = self.tr(self.STATES.get(sv.state, sv.state))
        said = self.tr("The central server holds this version as {state}; it arrived on {when} in batch {batch} "
                       "({how}).").format(state=state, when=_when(sv.received_at), batch=ltr(sv.batch_id[:8]),
                                          how=self.tr("by USB") if sv.source == "usb" else self.tr("over the network"))
        if sv.reason:
            said += " " + self.tr("The central office's reason: {reason}").format(reason=shown_value(sv.reason))
        self.server_label.setText(said)
        rows = [(field_label(d.field), d) for d in cmp.fields] + [(self._fact_label(d.field), d) for d in cmp.facts]
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (label, d) in enumerate(rows):
            name = QTableWidgetItem(("≠ " if d.differs else "") + label)
            cells = [name, self._cell(d.office, d.field), self._cell(d.server, d.field)]
            for c, item in enumerate(cells):
                if d.differs:
                    item.setBackground(QBrush(DIFFERS))
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        n = cmp.differences
        self.summary_label.setText(
            self.tr("{n} fields differ (marked ≠).").format(n=number_text(n)) if n != 1
            else self.tr("One field differs (marked ≠)."))
        if cmp.why_not:
            self.summary_label.setText(self.summary_label.text() + " " + self.tr(
                "The server's copy cannot be taken: {why}").format(why=shown_value(message(cmp.why_not))))
        self.take_btn.setEnabled(self._take is not None and not cmp.why_not)

    def _fact_label(self, name: str) -> str:
        return {"approved_by": self.tr("Approved by"), "verified_by": self.tr("Verified by"),
                "page_no": self.tr("Page"), "row_no": self.tr("Row"), "image_sha256": self.tr("Page image")}.get(
            name, name)

    def _cell(self, value: str | None, field: str) -> QTableWidgetItem:
        """A value as it is written: Urdu right to left and aligned right whatever the
        interface's direction, numbers (areas, shares) kept in order; none said as such."""
        if value is None:
            item = QTableWidgetItem(self.tr("(none)"))
            item.setForeground(QBrush(QColor("#777")))
            return item
        shown = value[:12] + "…" if field == "image_sha256" else value
        item = QTableWidgetItem(shown_value(number_text(shown)) if shown and not _URDU.search(shown) and
                                field in ("page_no", "row_no") else shown_value(shown))
        if _URDU.search(value):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                  | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(value)
        return item

    def take_copy(self, *, ask: bool = True) -> None:
        """Take the server's copy (after asking), in the background."""
        cmp = self.comparison
        if cmp is None or self._take is None or cmp.why_not:
            return
        if ask and not confirm(self, self.tr("Take the server's copy"), self.tr(
                "The entry gets the central server's values as a new version (version {v}), which is not sent "
                "again: the server has it. This office's version {old} stays readable in the entry's history. "
                "Take the server's copy?").format(v=number_text(cmp.version + 1), old=number_text(cmp.version))):
            return
        self.take_btn.setEnabled(False)
        take, copy, done = self._take, cmp.server, mainthread.sender(self, "_on_taken")
        self._spawn(lambda: done(take(copy)))

    def _on_taken(self, taken) -> None:
        if isinstance(taken, str):
            self.summary_label.setText(self.tr("Nothing was taken: {why}").format(why=shown_value(message(taken))))
            return
        self.taken = taken
        self.take_btn.setVisible(False)
        self.summary_label.setText(self.tr(
            "Taken: the entry's version {v} holds the central server's values and is {state}. Nothing is sent "
            "again.").format(v=number_text(taken.version), state=self.tr(taken.state)))
        if self.on_taken is not None:
            self.on_taken(taken)
