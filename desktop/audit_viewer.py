"""The audit viewer: events filtered by user, register, entry and dates in a lazily paged
table, and "Verify chain" (records.audit.verify in a worker) naming the first broken event.
"""

from __future__ import annotations

import datetime as dt
import re

from desktop.bidi import isolate, shown_value
from desktop.fonts import urdu_font
from desktop.i18n import (
    date_text,
    field_label,
    is_rtl,
    message,
    number_text,
    role_label,
    template_title,
)
from desktop.labels import wrapping
from desktop.models.registers import register_title
from desktop.operations import error_text, read_op
from desktop.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QAbstractTableModel,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDate,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPushButton,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.table_sizing import size_from_sample
from records import audit
from records.access import RECOVERY_ACTOR_NAME
from records.audit_query import AuditFilter, AuditRow, event_places, query_events
from records.workflow import STATES

CONTEXT_BEFORE = 10  # events shown before one brought in to be seen (a broken link of the chain)
PAGE_SIZE = 200


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditModel", text)


# What each action of the trail means, for the Action column (its code, which the filter
# takes, is in the tooltip); an action not listed shows its code.
ACTION_NAMES = {
    "entry.add": QT_TRANSLATE_NOOP("AuditModel", "Row added"),
    "entry.delete": QT_TRANSLATE_NOOP("AuditModel", "Row deleted"),
    "entry.move": QT_TRANSLATE_NOOP("AuditModel", "Row moved"),
    "entry.restore": QT_TRANSLATE_NOOP("AuditModel", "Row restored"),
    "entry.new_version": QT_TRANSLATE_NOOP("AuditModel", "New version of an entry"),
    "entry.submit": QT_TRANSLATE_NOOP("AuditModel", "Submitted for review"),
    "entry.withdraw": QT_TRANSLATE_NOOP("AuditModel", "Withdrawn from review"),
    "entry.return": QT_TRANSLATE_NOOP("AuditModel", "Sent back for correction"),
    "entry.approve": QT_TRANSLATE_NOOP("AuditModel", "Approved"),
    "entry.verify": QT_TRANSLATE_NOOP("AuditModel", "Verified"),
    "entry.batch": QT_TRANSLATE_NOOP("AuditModel", "Put in a batch"),
    "entry.unbatch": QT_TRANSLATE_NOOP("AuditModel", "Taken out of a batch"),
    "entry.send": QT_TRANSLATE_NOOP("AuditModel", "Sent to the server"),
    "entry.accept": QT_TRANSLATE_NOOP("AuditModel", "Accepted by the server"),
    "entry.reject": QT_TRANSLATE_NOOP("AuditModel", "Rejected by the server"),
    "value.set": QT_TRANSLATE_NOOP("AuditModel", "Value entered"),
    "page.add": QT_TRANSLATE_NOOP("AuditModel", "Page added"),
    "page.move": QT_TRANSLATE_NOOP("AuditModel", "Page moved to another register"),
    "register.create": QT_TRANSLATE_NOOP("AuditModel", "Register created"),
    "register.copy_forward": QT_TRANSLATE_NOOP("AuditModel", "New edition of a register"),
    "user.create": QT_TRANSLATE_NOOP("AuditModel", "User created"),
    "user.disable": QT_TRANSLATE_NOOP("AuditModel", "User disabled"),
    "user.enable": QT_TRANSLATE_NOOP("AuditModel", "User enabled"),
    "user.password_reset": QT_TRANSLATE_NOOP("AuditModel", "Password reset"),
    "user.password_change": QT_TRANSLATE_NOOP("AuditModel", "Password changed"),
    "login": QT_TRANSLATE_NOOP("AuditModel", "Signed in"),
    "login.failed": QT_TRANSLATE_NOOP("AuditModel", "Failed sign-in"),
    "user.recovered": QT_TRANSLATE_NOOP("AuditModel", "New password set with the recovery code"),
    "key.recovery_reset": QT_TRANSLATE_NOOP("AuditModel", "New recovery code made"),
    "office.settings": QT_TRANSLATE_NOOP("AuditModel", "Office settings changed"),
    "office.enrol": QT_TRANSLATE_NOOP("AuditModel", "Office enrolled with the server"),
    "office.ca_bundle": QT_TRANSLATE_NOOP("AuditModel", "Server CA bundle changed"),
    "batch.create": QT_TRANSLATE_NOOP("AuditModel", "Batch sealed"),
    "batch.resend": QT_TRANSLATE_NOOP("AuditModel", "Held-back entries sent again"),
    "batch.refused": QT_TRANSLATE_NOOP("AuditModel", "Batch refused by the server"),
    "batch.acknowledged": QT_TRANSLATE_NOOP("AuditModel", "Batch acknowledged by the server"),
    "batch.requeued": QT_TRANSLATE_NOOP("AuditModel", "Batch sent again: the server no longer held it"),
    "sync.decisions_lost": QT_TRANSLATE_NOOP("AuditModel", "The server no longer has decisions held here"),
    "sync.reconciled": QT_TRANSLATE_NOOP("AuditModel", "Compared with what the server holds: entries it lost sent again"),
    "outbox.superseded": QT_TRANSLATE_NOOP("AuditModel", "Conflict settled by a new version"),
    "entry.take_server": QT_TRANSLATE_NOOP("AuditModel", "Conflict settled: the server's copy taken"),
    "workspace.backup": QT_TRANSLATE_NOOP("AuditModel", "Backup of the workspace written"),
    "workspace.restore": QT_TRANSLATE_NOOP("AuditModel", "Workspace restored from a backup"),
}


def action_name(code: str) -> str:
    """What an action code of the trail means, in the interface language."""
    return _tr(ACTION_NAMES[code]) if code in ACTION_NAMES else code


def _what(e: AuditRow) -> str:
    """Old and new value (or the comment / detail) of an event in one line: the field by
    its label in the interface language, values isolated (an Urdu name, a year 2018-19 keep
    their order), the arrow pointing from the old value to the new one in either direction."""
    arrow = " ← " if is_rtl() else " → "
    old, new = shown_value(_named(e, e.old or "")), shown_value(_named(e, e.new or ""))
    parts = []
    if e.field:
        parts.append(f"{field_label(e.field)}: {old}{arrow}{new}")
    elif e.old or e.new:
        parts.append(f"{old}{arrow}{new}" if e.old else new)
    if e.detail.get("comment"):
        parts.append("\u201c\u2068" + str(e.detail["comment"]) + "\u2069\u201d")  # Urdu isolated inside quotes
    return "  ".join(parts)


_USER_AND_ROLE = re.compile(r"^(?P<user>\S+) \((?P<role>[a-z_]+)\)$")


def _named(e: AuditRow, value: str) -> str:
    """A value whose words are codes, in the interface language: the register kind of a
    new register ("jamabandi ..." -> "جمع بندی ..."), the role of a new user."""
    if e.action.startswith("entry.") and value in STATES:  # a row's state before and after
        return QCoreApplication.translate("Daftar", value)
    if e.action == "register.create" and value:
        kind, _, rest = value.partition(" ")
        title = template_title(kind)
        return f"{title} {rest}".strip() if title else value
    m = _USER_AND_ROLE.match(value) if e.action.startswith("user.") else None
    if m:
        # a dash, not brackets: the Urdu role words hold brackets of their own, and nested in
        # brackets beside a Latin name bidi drew 'admin ((منتظم (آئی ٹی)'; the name isolated,
        # the role's words give the line its direction
        return f"{isolate(m['user'])} — {role_label(m['role'])}"
    return value


class AuditModel(QAbstractTableModel):
    """Events of one filter, fetched PAGE_SIZE at a time as the view scrolls (fetchMore)."""

    COLUMNS = ("#", "When (UTC)", "User", "Action", "Register", "Page", "Entry", "Change")
    fetched = Signal(int)  # total rows held

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[AuditRow] = []
        # the Register and Page columns as people know them (a register's title, a page's
        # number), looked up once for each page of events read, not for each row shown
        self.register_titles: dict[int, str] = {}
        self.page_nos: dict[int, int] = {}
        self.filter = AuditFilter(limit=PAGE_SIZE, newest_first=True)
        self._more = False
        self._loading = False
        self._generation = 0

    def set_filter(self, f: AuditFilter) -> None:
        """Start over with a new filter (loads the first page in the background)."""
        self._generation += 1
        self.beginResetModel()
        self.rows = []
        self.filter = AuditFilter(**{**f.__dict__, "limit": PAGE_SIZE, "offset": 0})
        self._more = True
        self._loading = False
        self.endResetModel()
        self._load()

    def _load(self) -> None:
        if self._loading or not self._more:
            return
        self._loading = True
        gen = self._generation
        f = AuditFilter(**{**self.filter.__dict__, "offset": len(self.rows)})
        known_registers, known_pages = frozenset(self.register_titles), frozenset(self.page_nos)

        def body(s):
            batch = query_events(s, f)
            return batch, event_places(s, batch, known_registers=known_registers, known_pages=known_pages)

        def done(res) -> None:
            if gen != self._generation:
                return
            batch, places = res
            self.register_titles.update({rid: register_title(r) for rid, r in places.registers.items()})
            self.page_nos.update(places.page_nos)
            self._loading = False
            self._more = len(batch) == PAGE_SIZE
            if batch:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(batch) - 1)
                self.rows += batch
                self.endInsertRows()
            self.fetched.emit(len(self.rows))

        def failed(e: BaseException) -> None:
            if gen == self._generation:
                self._loading = False
                self._more = False
                self.fetched.emit(-1)
                self.error = error_text(e)

        read_op(body).success(done).failure(failed).run_in_background(self.ctx)

    def register_text(self, register_id: int | None) -> str:
        """A register as the register list names it (kind, mauza, year, volume); one not in
        the workspace (nothing is deleted: a damaged database) by its id."""
        if register_id is None:
            return ""
        title = self.register_titles.get(register_id)
        return title or QCoreApplication.translate("AuditModel", "register id {id}").format(id=register_id)

    def page_text(self, page_id: int | None) -> str:
        """A page by its number in its register (not the database's id of the page)."""
        if page_id is None:
            return ""
        n = self.page_nos.get(page_id)
        if n is None:
            return QCoreApplication.translate("AuditModel", "page id {id}").format(id=page_id)
        return number_text(n)

    def row_of_event(self, event_id: int) -> int:
        return next((i for i, e in enumerate(self.rows) if e.id == event_id), -1)

    # -- Qt ---------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._load()

    # the text of each column of an event, in COLUMNS' order
    _CELL = (
        lambda _m, e: str(e.id),
        lambda _m, e: date_text(e.at, time=True, seconds=True),
        lambda _m, e: e.username,
        lambda _m, e: action_name(e.action),
        lambda m, e: m.register_text(e.register_id),
        lambda m, e: m.page_text(e.page_id),
        lambda _m, e: (e.entry_uuid or "")[:8],
        lambda _m, e: _what(e),
    )

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        e = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._CELL[index.column()](self, e)  # (only the cell asked for: Qt asks cell by cell)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (3, 6, 7):
            return {3: e.action, 6: e.entry_uuid, 7: _what(e)}[index.column()]
        return None


VERIFY_JOB = "desktop.job_process:verify_audit"  # (tests name a job of their own)


class AuditViewer(QWidget):
    """Filters on top, the event table, and the chain check below."""

    verified = Signal(object)  # records.audit.VerifyResult

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("AuditViewer")
        self.model = AuditModel(ctx, self)
        self.model.fetched.connect(self._on_fetched)
        self.last_result: audit.VerifyResult | None = None
        self._verifying = None  # the running check's stop (a threading.Event)
        self._build_ui()
        self._load_choices()
        self.apply_filter()

    def _build_ui(self) -> None:
        grid = QGridLayout()
        self.user_box = QComboBox(self)
        self.user_box.setObjectName("auditUser")
        self.user_box.addItem(self.tr("(everyone)"), None)
        self.register_box = QComboBox(self)
        self.register_box.setObjectName("auditRegister")
        self.register_box.setFont(urdu_font(10))
        self.register_box.addItem(self.tr("(every register)"), None)
        self.entry_edit = QLineEdit(self)
        self.entry_edit.setObjectName("auditEntry")
        self.entry_edit.setPlaceholderText(self.tr("entry UUID"))
        self.since_check = QCheckBox(self.tr("From"), self)
        self.since_edit = QDateEdit(QDate.currentDate().addDays(-30), self)
        self.until_check = QCheckBox(self.tr("To"), self)
        self.until_edit = QDateEdit(QDate.currentDate(), self)
        for w, name in ((self.since_edit, "auditSince"), (self.until_edit, "auditUntil")):
            w.setObjectName(name)
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.action_edit = QLineEdit(self)
        self.action_edit.setObjectName("auditAction")
        self.action_edit.setPlaceholderText(self.tr("action, e.g. entry.return"))
        self.oldest_first = QCheckBox(self.tr("Oldest first"), self)
        self.oldest_first.setObjectName("auditOldestFirst")
        self.oldest_first.setToolTip(self.tr("The newest events are shown first; tick to read the trail from its start."))
        self.oldest_first.toggled.connect(lambda _on: self.apply_filter())
        grid.addWidget(QLabel(self.tr("User"), self), 0, 0)
        grid.addWidget(self.user_box, 0, 1)
        grid.addWidget(QLabel(self.tr("Register"), self), 0, 2)
        grid.addWidget(self.register_box, 0, 3)
        grid.addWidget(QLabel(self.tr("Entry"), self), 0, 4)
        grid.addWidget(self.entry_edit, 0, 5)
        grid.addWidget(self.since_check, 1, 0)
        grid.addWidget(self.since_edit, 1, 1)
        grid.addWidget(self.until_check, 1, 2)
        grid.addWidget(self.until_edit, 1, 3)
        grid.addWidget(QLabel(self.tr("Action"), self), 1, 4)
        grid.addWidget(self.action_edit, 1, 5)
        self.apply_btn = QPushButton(self.tr("Show"), self)
        self.apply_btn.setObjectName("auditApply")
        self.apply_btn.clicked.connect(lambda _=False: self.apply_filter())
        grid.addWidget(self.apply_btn, 0, 6, 2, 1)
        grid.addWidget(self.oldest_first, 0, 7, 2, 1)

        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setFont(urdu_font(10))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(28)
        size_from_sample(self.table)  # (each new filter sizes the columns: not from all 200 rows)

        bottom = QHBoxLayout()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCount")
        bottom.addWidget(self.count_label, 1)
        self.verify_label = QLabel(self)
        self.verify_label.setObjectName("auditVerifyResult")
        wrapping(self.verify_label)
        bottom.addWidget(self.verify_label, 2)
        self.verify_btn = QPushButton(self.tr("Verify chain"), self)
        self.verify_btn.setObjectName("auditVerify")
        self.verify_btn.clicked.connect(lambda _=False: self.verify_chain())
        bottom.addWidget(self.verify_btn)

        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)

    def _load_choices(self) -> None:
        from records import accounts, services

        def body(s):
            return [u.username for u in accounts.list_users(s)], services.list_registers(s)

        def done(res) -> None:
            users, regs = res
            for u in users:
                self.user_box.addItem(u, u)
            # who acts without signing in: sync, the command line; an account recovered
            self.user_box.addItem(self.tr("system (sync, command line)"), audit.SYSTEM.username)
            self.user_box.addItem(self.tr("recovery (password set with the recovery code)"), RECOVERY_ACTOR_NAME)
            for r in regs:
                self.register_box.addItem(register_title(r), r.id)

        read_op(body).success(done).run_in_background(self.ctx)

    # -- filtering ----------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        def day(check: QCheckBox, edit: QDateEdit) -> dt.date | None:
            if not check.isChecked():
                return None
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        return AuditFilter(
            username=self.user_box.currentData(), register_id=self.register_box.currentData(),
            entry_uuid=self.entry_edit.text().strip() or None,
            since=day(self.since_check, self.since_edit), until=day(self.until_check, self.until_edit),
            action=self.action_edit.text().strip() or None, newest_first=not self.oldest_first.isChecked(),
        )

    def apply_filter(self) -> None:
        self.count_label.setText(self.tr("Reading…"))
        self.model.set_filter(self.current_filter())

    def _on_fetched(self, n: int) -> None:
        pending = getattr(self, "_pending_event", None)
        if pending is not None and self.model.row_of_event(pending) >= 0:
            self._pending_event = None
            QTimer.singleShot(0, lambda: self.show_event(pending))
        if 0 < n <= PAGE_SIZE:  # first page of a new filter: size the columns to it
            for c in range(len(AuditModel.COLUMNS) - 1):
                self.table.resizeColumnToContents(c)
        if n < 0:
            self.count_label.setText(self.tr("Cannot read the audit trail: {error}").format(error=getattr(self.model, "error", "")))
        else:
            more = self.tr(" (scroll for more)") if self.model.canFetchMore() else ""
            self.count_label.setText(self.tr("{n} event(s) shown", "", n).format(n=n) + more)

    # -- chain check ----------------------------------------------------------
    def verify_chain(self) -> None:
        """Check the whole hash chain, then the records against it, in a process of its own
        (desktop.procjob: 40-70 s on 870,000 events, which on a worker thread held the Python
        lock the window needs); show how far it got, and the first broken event. Pressed
        again while it runs, the button stops the check."""
        if self._verifying is not None:
            self._verifying.set()  # "Stop checking"
            self.verify_btn.setEnabled(False)
            return
        import threading

        from desktop import mainthread
        from desktop.job_process import workspace_args
        from desktop.procjob import run_in_process

        cancel = self._verifying = threading.Event()
        stopping = self.ctx.runner.stopping  # signing out or quitting: the check is not waited for
        self.verify_btn.setText(self.tr("Stop checking"))
        self.verify_label.setStyleSheet("")
        self.verify_label.setToolTip("")
        self.verify_label.setText(self.tr("Checking the chain…"))
        progress = mainthread.sender(self, "_verify_progress")
        args = workspace_args(self.ctx.ws)

        class _Stop:  # the button, or the app stopping
            def is_set(self) -> bool:
                return cancel.is_set() or stopping.is_set()

        def check():
            return run_in_process(VERIFY_JOB, args, progress=progress, cancel=_Stop())

        self.ctx.runner.run_read(check, lambda fut: self._verify_done(fut, cancel))

    def _verify_progress(self, what: str, done: int, total: int) -> None:
        if self._verifying is None:
            return
        if what == "chain":
            self.verify_label.setText(self.tr("Checking the chain: {done} of {total} events…").format(
                done=number_text(done), total=number_text(total)))
        else:
            self.verify_label.setText(self.tr("The chain is intact; checking the records against it…"))

    def _verify_done(self, fut, cancel) -> None:
        from desktop.procjob import JobCancelled

        self._verifying = None
        self.verify_btn.setText(self.tr("Verify chain"))
        self.verify_btn.setEnabled(True)
        try:
            r, found = fut.result()
        except JobCancelled:
            self.verify_label.setText(self.tr("The check was stopped; nothing is known of the chain yet."))
            return
        except Exception as e:  # noqa: BLE001 - shown, never lost
            self.verify_label.setText(self.tr("Cannot check the chain: {error}").format(error=error_text(e)))
            return
        self.last_result = r
        if r.ok and found is not None and found.count:
            # the trail is whole, but the records are not what it recorded
            self.verify_label.setStyleSheet("color: #b00020; font-weight: bold")
            self.verify_label.setText(self.tr("Chain intact ({n} events), but {k} fact(s) of the records are not "
                                              "what it recorded (changed outside Daftar): {first}").format(
                n=r.checked, k=found.count, first=isolate(message(found.lines[0]))))
            # the core's lines ("mauza کوٹ, year 2019-20, ...: area is '99-9' but the audit
            # trail recorded '12-6'") in the interface's language, as its other messages
            self.verify_label.setToolTip("\n".join(message(line) for line in found.lines))
        elif r.ok:
            self.verify_label.setStyleSheet("color: #1c5e20; font-weight: bold")
            said = self.tr("Chain intact: {n} events checked, and the records are the ones it recorded.").format(
                n=r.checked)
            if r.warning:
                self.verify_label.setStyleSheet("color: #a64b00; font-weight: bold")
                said += " " + message(r.warning)
            clock = getattr(r, "clock", "")
            if clock:  # the computer's clock was set back: a warning naming the events, never tampering
                self.verify_label.setStyleSheet("color: #a64b00; font-weight: bold")
                said += " " + message(clock)
                self.verify_label.setToolTip("\n".join(message(b.line()) for b in r.clock_backs))
            self.verify_label.setText(said)
        else:
            self.verify_label.setStyleSheet("color: #b00020; font-weight: bold")
            self.verify_label.setText(self.tr("Chain BROKEN at event {id}: {reason} ({n} events before it are intact).")
                                      .format(id=r.first_bad_id, reason=isolate(message(r.reason)), n=r.checked))
            self.show_event(r.first_bad_id)
        self.verified.emit(r)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._verifying is not None:  # closed while checking: the check stops
            self._verifying.set()
        super().closeEvent(event)

    def show_event(self, event_id: int | None) -> None:
        """Select an event; one not among the rows shown (an old one, the newest being shown
        first, or one the filters leave out) is brought in: the trail is shown from a few
        events before it, oldest first and unfiltered, and it is selected when read."""
        if event_id is None:
            return
        row = self.model.row_of_event(event_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            return
        self._pending_event = event_id
        for w in (self.user_box, self.register_box):
            w.setCurrentIndex(0)
        for w in (self.entry_edit, self.action_edit):
            w.clear()
        for w in (self.since_check, self.until_check):
            w.setChecked(False)
        self.oldest_first.blockSignals(True)
        self.oldest_first.setChecked(True)
        self.oldest_first.blockSignals(False)
        self.count_label.setText(self.tr("Reading…"))
        self.model.set_filter(AuditFilter(from_id=max(1, event_id - CONTEXT_BEFORE)))
