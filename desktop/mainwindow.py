"""The clerk's main window: registers, their pages, the correction view and register rows.

Menus are built from a list of ActionSpec filtered by the signed-in actor's role.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop import help_dialogs, oversight
from desktop.actions import EDITORS, ActionSpec, visible_for
from desktop.bidi import ltr
from desktop.context import AppContext
from desktop.correction.view import CorrectionView
from desktop.elide import LogicalElideDelegate
from desktop.fonts import urdu_font
from desktop.i18n import role_label
from desktop.keying import copy_forward_dialog, urdu_keyboard
from desktop.labels import wrapping
from desktop.models.pages import PageListModel
from desktop.models.registers import RegisterListModel, register_title
from desktop.ocr_queue import OcrQueue
from desktop.operations import error_text, read_op
from desktop.operations import page as page_ops
from desktop.operations import register as register_ops
from desktop.preferences import open_preferences
from desktop.progress import ProgressPanel
from desktop.qt import (
    QAbstractItemView,
    QAction,
    QApplication,
    QByteArray,
    QHeaderView,
    QKeySequence,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    screen_of,
)
from desktop.search_panel import SearchPanel
from desktop.table_sizing import size_from_sample
from desktop.ui_settings import (
    computer_settings,
    remember_place,
    remember_splitters,
    remembered_place,
    restore_splitter,
)
from records import services
from records.services import Changes

DEFAULT_SIZE = (1400, 860)
GEOMETRY_KEY = "ui/main_window_geometry"
# the register and page open are kept for the next start this long after a page opens (not
# each page of a PgDn run written; kept at a close too)
REMEMBER_PLACE_AFTER_MS = 1500
# Tabs a rebuilt window opens again, by the attribute holding them and how to open them.
_TABS = {
    "search": lambda win: win.tabs.setCurrentWidget(win.search),
    "returned_panel": oversight.show_returned,
    "approved_returned_panel": oversight.show_approved_returned,
    "review_panel": oversight.open_review,
    "audit_viewer": oversight.open_audit,
}


@dataclass(frozen=True)
class ViewState:
    """What the user was looking at, for a window built again (a new language or display
    settings): the register, the page, the tab, the sync panel, the window's geometry."""

    register_id: int | None = None
    page_id: int | None = None
    tab: str | None = None
    sync_open: bool = False
    geometry: bytes = b""
    splitters: tuple[tuple[str, bytes], ...] = ()  # (name, QSplitter.saveState())


class MainWindow(QMainWindow):
    """Main window over an AppContext (workspace, actor, runner, change bus)."""

    register_selected = Signal(int)
    page_selected = Signal(int)
    # The user's language or the office's display settings changed: build the window again
    # (desktop.main.MainWindowHost does) in that language (the argument).
    rebuild_requested = Signal(str)
    # Account › Sign out: the window goes and the sign-in asks who is next (desktop.main)
    sign_out_requested = Signal()
    lock_requested = Signal()

    def __init__(self, ctx: AppContext, parent=None, *, view: ViewState | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        # a dash, not brackets: the Urdu role holds brackets of its own ('نگران (گرداور)')
        self.setWindowTitle(self.tr("Daftar — {user} — {role}").format(user=ctx.actor.username,
                                                                      role=role_label(ctx.actor.role)))
        self._place_on_screen(view)
        self.register_id: int | None = None
        if view is None:  # a start: the register and page this user had open when Daftar closed
            last_register, last_page = remembered_place(ctx.ws.root, ctx.actor.username)
            view = ViewState(register_id=last_register, page_id=last_page) if last_register else None
        self._pending_page_select: int | None = view.page_id if view else None
        self._place_timer = QTimer(self, singleShot=True, interval=REMEMBER_PLACE_AFTER_MS)
        self._place_timer.timeout.connect(self._remember_place)
        self._entry_to_select: tuple[int, int, str | None] | None = None  # (page, entry, field) opened from a list
        self._closing = False

        self.registers = RegisterListModel(self)
        self.pages = PageListModel(self)
        self._build_ui()
        self._restore_splitters(view)
        self._build_menus()
        if not self.lists_shown():  # hidden when Daftar last closed: the keys go to the page's rows
            QTimer.singleShot(0, self.focus_page)
        ctx.bus.changed.connect(self._on_changes)
        self.refresh_registers(select_id=view.register_id if view else None)
        if view:
            self._restore_view(view)
        self.ocr.resume()
        from desktop.db_health import check_database

        check_database(self)

    def view_state(self) -> ViewState:
        """What this window shows now (for the window that replaces it)."""
        page = self.pages.page_at(self.page_view.currentIndex().row())
        current = self.tabs.currentWidget()
        tab = next((name for name in _TABS if getattr(self, name, None) is current), None)
        dock = getattr(self, "sync_dock", None)
        return ViewState(register_id=self.register_id, page_id=page.id if page else None, tab=tab,
                         sync_open=bool(dock is not None and dock.isVisible()),
                         geometry=bytes(self.saveGeometry().data()), splitters=self._splitter_states())

    def _splitters(self) -> dict:
        """The splitters whose sizes the clerk sets once: the lists beside the tabs, the page
        image beside the rows, and (once opened) the review's queue, page and changes."""
        out = {"main": self.split, "page": self.correction.split}
        review = getattr(self, "review_panel", None)
        if review is not None:
            out.update(review.splitters())
        return out

    def _splitter_states(self) -> tuple[tuple[str, bytes], ...]:
        states = dict(self._carried_splitters)  # (a panel not opened in this window keeps its sizes)
        states.update((name, bytes(sp.saveState().data())) for name, sp in self._splitters().items())
        return tuple(states.items())

    def _restore_splitters(self, view: ViewState | None) -> None:
        states = dict(view.splitters) if view else {}
        for name, sp in self._splitters().items():
            state = states.pop(name, None)
            if state:
                sp.restoreState(QByteArray(state))
            elif not (view and view.splitters):  # a first window: as this computer last had them
                restore_splitter(sp, name)
        self._carried_splitters = states  # for panels opened later (the review)

    def carry_splitters(self, splitters: dict) -> None:
        """Give a panel opened after the window was built (the review) the splitter sizes it had
        in the window this one replaced (a new language), not those of the last close."""
        for name, sp in splitters.items():
            state = self._carried_splitters.pop(name, None)
            if state:
                sp.restoreState(QByteArray(state))

    def _place_on_screen(self, view: ViewState | None) -> None:
        """Where the window opens: where the window it replaces was, else where it was when
        Daftar last closed on this computer, else 1400 x 860 or the whole screen where that
        does not fit (offices' 1366 x 768 screens)."""
        saved = view.geometry if view and view.geometry else computer_settings().value(GEOMETRY_KEY)
        if saved and self.restoreGeometry(QByteArray(bytes(saved))):
            return
        screen = screen_of(self)
        avail = screen.availableGeometry() if screen else None
        if avail is not None and (avail.width() < DEFAULT_SIZE[0] + 40 or avail.height() < DEFAULT_SIZE[1] + 60):
            self.resize(avail.width(), avail.height())
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        else:
            self.resize(*DEFAULT_SIZE)

    def _restore_view(self, view: ViewState) -> None:
        if view.tab in _TABS:
            _TABS[view.tab](self)
        if view.sync_open:
            oversight.open_sync(self)

    # -- layout -----------------------------------------------------------
    def _build_ui(self) -> None:
        self.lists_pane = left = QWidget(self)
        lay = QVBoxLayout(left)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(QLabel(self.tr("Registers"), left))
        self.register_view = QListView(left)
        self.register_view.setObjectName("registerList")
        self.register_view.setModel(self.registers)
        self.register_view.setFont(urdu_font(11))
        self.register_view.setItemDelegate(LogicalElideDelegate(self.register_view))  # (years never cut)
        self.register_view.selectionModel().currentChanged.connect(self._on_register_current)
        lay.addWidget(self.register_view, 1)
        self.empty_hint = QLabel(self._empty_hint_text(), left)  # a workspace with no register yet
        self.empty_hint.setObjectName("emptyHint")
        wrapping(self.empty_hint)
        self.empty_hint.setVisible(False)
        lay.addWidget(self.empty_hint)
        if self.ctx.actor.role in EDITORS:  # others may not create registers (the menu hides it too)
            new_btn = QPushButton(self.tr("New register…"), left)
            new_btn.setObjectName("newRegisterButton")
            new_btn.clicked.connect(self.new_register)
            lay.addWidget(new_btn)
        lay.addWidget(QLabel(self.tr("Pages"), left))
        self.page_view = QTableView(left)
        self.page_view.setObjectName("pageList")
        self.page_view.setModel(self.pages)
        self.page_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.page_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.page_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.page_view.verticalHeader().hide()
        # the file name gives way (elided, whole in its tooltip): page, OCR and state stay in view
        header = self.page_view.horizontalHeader()
        header.setMinimumSectionSize(24)
        for col in range(self.pages.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        size_from_sample(self.page_view)  # (a register of 200 pages was measured whole at each change)
        self.page_view.selectionModel().currentChanged.connect(self._on_page_current)
        self.page_view.activated.connect(lambda _i: self.focus_page())  # Enter (or a double click) on a page
        lay.addWidget(self.page_view, 3)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.correction = CorrectionView(self.ctx, self)
        self.correction.page_step.connect(self.step_page)
        self.tabs.addTab(self.correction, self.tr("Page"))
        self.search = SearchPanel(self.ctx, self)
        self.search.open_entry.connect(self.open_entry)
        self.tabs.addTab(self.search, self.tr("Register rows"))
        if self.ctx.actor.role in EDITORS:
            oversight.add_returned_tab(self)
        if self.ctx.actor.role in oversight.APPROVERS:  # rows he approved that were returned after
            oversight.add_returned_tab(self, approved=True)
        self.page_selected.connect(self.correction.show_page)
        self.correction.page_loaded.connect(self._on_page_loaded)
        self.register_selected.connect(self.search.set_register)

        self.ocr = OcrQueue(self.ctx, self)
        self.progress = ProgressPanel(self)
        self.statusBar().addPermanentWidget(self.progress)
        if self.ctx.actor.role in oversight.AUDITORS:  # those who may write a backup
            from desktop.backup_reminder import BackupReminder

            self.backup_reminder = BackupReminder(self)
            self.statusBar().addPermanentWidget(self.backup_reminder)
        if self.ctx.actor.role in oversight.REVIEWERS:  # what waits for them, and where
            from desktop.waiting_notice import WaitingNotice

            self.waiting_notice = WaitingNotice(self)
            self.statusBar().addPermanentWidget(self.waiting_notice)
        self.ocr.started.connect(self.progress.start)
        self.ocr.progress.connect(self.progress.update_progress)
        self.ocr.page_progress.connect(self.progress.update_page)
        self.ocr.idle.connect(self.progress.finish)
        self.progress.cancel_requested.connect(self.ocr.cancel)
        self.ocr.notice.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.ocr.page_done.connect(self._on_ocr_page_done)
        self.setAcceptDrops(True)

        self.split = split = QSplitter(self)
        split.setObjectName("mainSplit")
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 4)
        split.setSizes([330, 1070])
        self.setCentralWidget(split)
        self.statusBar().showMessage(self.tr("Workspace: {path}").format(path=ltr(self.ctx.ws.root)))

    # -- actions ----------------------------------------------------------
    def action_specs(self) -> list[ActionSpec]:
        """Every action of the window with the roles that may see it."""
        return [
            ActionSpec("newRegister", "&Register", "New register…", self.new_register, EDITORS, "Ctrl+N"),
            ActionSpec("importPages", "&Register", "Import pages…", self.import_pages, EDITORS, "Ctrl+I"),
            ActionSpec("scanPages", "&Register", "Scan pages…", self.scan_pages, EDITORS),
            ActionSpec("copyForward", "&Register", "New edition from the previous one…",
                       lambda: copy_forward_dialog.open_copy_forward(self), EDITORS),
            ActionSpec("movePage", "&Register", "Move page to another register…", lambda: self.move_page(), EDITORS),
            ActionSpec("backUp", "&Register", "Back up the workspace…", lambda: oversight.back_up(self),
                       oversight.AUDITORS),
            ActionSpec("quit", "&Register", "Quit", self.close, shortcut="Ctrl+Q"),
            ActionSpec("runOcr", "&OCR", "Read selected pages", self.ocr_selected, EDITORS, "Ctrl+Shift+O"),
            ActionSpec("retryOcr", "&OCR", "Retry failed pages", self.retry_failed, EDITORS),
            ActionSpec("cancelOcr", "&OCR", "Cancel OCR", self.ocr.cancel, EDITORS),
            ActionSpec("findRows", "&View", "Find rows…", self.focus_search, shortcut="Ctrl+F"),
            ActionSpec("showPage", "&View", "Page", self.focus_page, shortcut="Ctrl+1"),
            ActionSpec("toggleLists", "&View", "Registers and pages beside the page", self.toggle_lists,
                       shortcut="Ctrl+B"),
            ActionSpec("showReturned", "&View", "Rows returned to me", lambda: oversight.show_returned(self), EDITORS),
            ActionSpec("showApprovedReturned", "&View", "Rows returned after my approval",
                       lambda: oversight.show_approved_returned(self), oversight.APPROVERS),
            ActionSpec("showSync", "&View", "Sync with the central office", lambda: oversight.open_sync(self)),
            ActionSpec("urduKeyboard", "&View", "Urdu keyboard", lambda: urdu_keyboard.toggle_keyboard(self), EDITORS, "F9"),
            ActionSpec("phoneticTyping", "&View", "Phonetic Urdu typing (Latin keys type Urdu)",
                       lambda: urdu_keyboard.toggle_phonetic(self), EDITORS, "Shift+F9"),
            ActionSpec("review", "Re&view", self._review_text(), lambda: oversight.open_review(self),
                       oversight.REVIEWERS, "Ctrl+Shift+R"),
            ActionSpec("audit", "Re&view", "Audit trail", lambda: oversight.open_audit(self), oversight.AUDITORS),
            ActionSpec("saveFard", "Re&ports", "Save fard as PDF…", lambda: oversight.save_fard(self)),
            ActionSpec("previewFard", "Re&ports", "Print fard…", lambda: oversight.preview_fard(self)),
            ActionSpec("progressReport", "Re&ports", "Save progress report as PDF…", lambda: oversight.save_progress_report(self)),
            ActionSpec("exportData", "Re&ports", "Export (CSV, JSON, PDF)…", lambda: oversight.export_data(self)),
            ActionSpec("users", "&Account", "Users…", lambda: oversight.open_users(self), oversight.ADMINS),
            ActionSpec("changePassword", "&Account", "Change my password…", lambda: oversight.change_password(self)),
            ActionSpec("preferences", "&Account", "Preferences…", lambda: open_preferences(self)),
            ActionSpec("lockNow", "&Account", "Lock the window", self.lock_requested.emit, shortcut="Ctrl+L"),
            ActionSpec("signOut", "&Account", "Sign out", self.sign_out_requested.emit, shortcut="Ctrl+Shift+L"),
            ActionSpec("shortcuts", "&Help", "Keyboard shortcuts", lambda: help_dialogs.show_shortcuts(self),
                       shortcut="F1"),
            ActionSpec("about", "&Help", "About Daftar", lambda: help_dialogs.show_about(self)),
        ]

    def _review_text(self) -> str:
        """The review's menu item in the words of the signed-in user's work: verifying approved
        pages for one who may verify (a revenue officer; it said "Review submitted pages" to him
        too), reviewing submitted pages for a supervisor."""
        from records import workflow

        if self.ctx.actor.role in workflow.TRANSITIONS["verify"].roles:
            return "Verify approved pages"
        return "Review submitted pages"

    def _build_menus(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        menus = {}
        for spec in visible_for(self.action_specs(), self.ctx.actor.role):
            menu = menus.get(spec.menu)
            if menu is None:
                menu = menus[spec.menu] = self.menuBar().addMenu(self.tr(spec.menu))
            act = QAction(self.tr(spec.text), self)
            act.setObjectName(spec.name)
            if spec.shortcut:
                act.setShortcut(QKeySequence(spec.shortcut))
            act.triggered.connect(spec.slot)
            menu.addAction(act)
            self.actions_by_name[spec.name] = act
        lists = self.actions_by_name["toggleLists"]
        lists.setCheckable(True)  # (triggered passes the new check state; toggle_lists reads the splitter)
        self._sync_lists_action()
        self.split.splitterMoved.connect(self._sync_lists_action)  # dragged shut or open by hand

    # -- registers and pages ----------------------------------------------
    def _empty_hint_text(self) -> str:
        """What to do first in a workspace with no register, for this user's role."""
        role = self.ctx.actor.role
        if role in EDITORS:
            return self.tr("No registers yet. Create one with New register… (Ctrl+N), then import its pages "
                           "(Ctrl+I) or scan them.")
        if role == "admin":
            return self.tr("No registers yet: clerks create them. First add the office's clerks, supervisors and "
                           "a revenue officer, who verifies approved entries before they are sent (Account → "
                           "Users…); an office without one turns that off in Account → Preferences….")
        return self.tr("No registers yet: clerks create them. Pages they submit come to Review.")

    def _no_pages_text(self) -> str:
        """The page view of a register without pages: where they come from, for this role."""
        if self.ctx.actor.role in EDITORS:
            return self.tr("This register has no pages yet. Import them with Import pages… (Ctrl+I) "
                           "or scan them (Register › Scan pages…).")
        return self.tr("This register has no pages yet.")

    def refresh_registers(self, select_id: int | None = None) -> None:
        def done(regs) -> None:
            if self._closing:
                return
            current = select_id or self.register_id
            self.empty_hint.setVisible(not regs)
            self.registers.set_registers(regs)
            row = self.registers.row_of(current) if current else -1
            if row < 0 and regs:  # (a register remembered from the last start may be gone)
                row = 0
            if row >= 0:
                self.register_view.setCurrentIndex(self.registers.index(row))

        register_ops.list_registers().success(done).run_in_background(self.ctx)

    def refresh_pages(self) -> None:
        rid = self.register_id
        if rid is None:
            self.pages.set_pages([])
            return

        def done(pages) -> None:
            if self._closing or rid != self.register_id:
                return
            self.pages.update_pages(pages)
            if not pages:  # nothing of another register's page stays in the page view
                self.correction.clear(self._no_pages_text())
            pending, self._pending_page_select = self._pending_page_select, None
            if pending is not None and self.pages.row_of(pending) >= 0:
                self.select_page(pending)
            elif not self.page_view.currentIndex().isValid() and pages:
                self.page_view.setCurrentIndex(self.pages.index(0, 0))

        page_ops.list_pages(register_id=rid).success(done).run_in_background(self.ctx)

    def select_page(self, page_id: int) -> None:
        row = self.pages.row_of(page_id)
        if row >= 0:
            self.page_view.setCurrentIndex(self.pages.index(row, 0))
            self.page_view.scrollTo(self.pages.index(row, 0))

    def _on_register_current(self, current, _previous) -> None:
        reg = self.registers.register_at(current.row())
        self.register_id = reg.id if reg else None
        shown = self.correction.model.page
        if reg is None or shown is None or shown.register_id != reg.id:
            self.correction.clear()  # another register's page is not left editable
        self.pages.set_pages([])
        self.refresh_pages()
        if reg:
            self.register_selected.emit(reg.id)

    def _on_page_current(self, current, _previous) -> None:
        page = self.pages.page_at(current.row())
        if page:
            self.page_selected.emit(page.id)
            self._place_timer.start()  # kept a moment after: a power cut does not lose it

    def _remember_place(self) -> None:
        """Keep the register and page open now for the next start (a moment after a page
        opens, for a start after a power cut or a killed process, and at the close)."""
        page = self.pages.page_at(self.page_view.currentIndex().row())
        remember_place(self.ctx.ws.root, self.ctx.actor.username, self.register_id, page.id if page else None)

    def step_page(self, step: int) -> None:
        """Next (+1) or previous (-1) page of the register (PgDn/PgUp in the correction view)."""
        row = self.page_view.currentIndex().row() + step
        if 0 <= row < len(self.pages.all_pages()):
            page = self.pages.all_pages()[row]
            self.select_page(page.id)

    def open_entry(self, page_id: int, entry_id: int, field: str | None = None) -> None:
        """Open a found or returned row: its register and page selected in the lists as a
        click on them would (PgDn then turns that register's pages), the keyboard on the row.
        A row of another register opened only its page: the lists stayed on the register the
        clerk was on, and PgDn went to that register's next page.

        `field` (a row sent back): the field to open on, the one the reviewer returned; ""
        for a whole row: its first flagged field, else its first. A returned row opened on its
        first field, whatever the reviewer had named."""
        self.tabs.setCurrentIndex(0)
        self._entry_to_select = (page_id, entry_id, field)

        def found(register_id: int) -> None:
            if not self._closing and self._entry_to_select == (page_id, entry_id, field):
                self._select_register_page(register_id, page_id)

        read_op(lambda s: services.get_page(s, page_id).register_id).success(found).run_in_background(self.ctx)

    def _select_register_page(self, register_id: int, page_id: int) -> None:
        """Select a register and one of its pages in the lists (the page is shown from there)."""
        if register_id != self.register_id:
            self._pending_page_select = page_id  # selected once the register's pages are listed
            row = self.registers.row_of(register_id)
            if row < 0:  # a register not listed yet
                self.refresh_registers(select_id=register_id)
                return
            index = self.registers.index(row)
            self.register_view.setCurrentIndex(index)
            self.register_view.scrollTo(index)
            return
        if self.pages.row_of(page_id) < 0:  # a page not listed yet
            self._pending_page_select = page_id
            self.refresh_pages()
            return
        current = self.pages.page_at(self.page_view.currentIndex().row())
        if current is None or current.id != page_id:
            self.select_page(page_id)  # the correction view shows it, then page_loaded
        elif self.correction.page_id != page_id:
            self.correction.show_page(page_id)
        elif self.correction.model.page is not None and self.correction.model.page.id == page_id:
            self._on_page_loaded(page_id)  # shown already
        # (else it is being read: page_loaded follows)

    def _on_page_loaded(self, page_id: int) -> None:
        """The correction view shows a page: put the keyboard on the row opened (open_entry)."""
        wanted = self._entry_to_select
        if wanted is None or wanted[0] != page_id:
            return
        self._entry_to_select = None
        table, model = self.correction.table, self.correction.model
        _page, entry_id, field = wanted
        row = model.row_of_entry(entry_id)
        if row >= 0:
            if field is None:  # a found row: the column the clerk is in
                col = max(0, table.currentIndex().column()) if table.currentIndex().row() == row else 0
            else:  # a returned row: the field returned, else the first that is flagged, else the first
                col = model.column_of(field) if field else -1
                if col < 0:
                    col = next((c for c, name in enumerate(model.template.column_names) if model.cell_flags(row, name)), 0)
            table.setCurrentIndex(model.index(row, col))  # (its box selected on the page image)
            table.scrollTo(model.index(row, col))
        table.setFocus()

    def selected_page_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.page_view.selectionModel().selectedRows()})
        return [p.id for r in rows if (p := self.pages.page_at(r))]

    def _on_changes(self, changes: Changes, _initiator) -> None:
        if self._closing:
            return
        if changes.registers or changes.pages or changes.entries:
            if changes.registers:
                self.refresh_registers()
            self.refresh_pages()
        self.search.on_changes(changes)

    def register_title(self) -> str:
        """The current register's name as the list shows it ("" when none is current)."""
        reg = self.registers.register_at(self.register_view.currentIndex().row())
        return register_title(reg) if reg is not None and reg.id == self.register_id else ""

    # -- capture and OCR --------------------------------------------------
    def import_pages(self, paths: list[str] | None = None) -> None:
        """Open the import dialog for the current register (prefilled with dropped paths)."""
        from desktop.capture.import_dialog import ImportDialog

        if self.register_id is None:
            self.statusBar().showMessage(self.tr("Create or choose a register first."), 8000)
            return
        dlg = ImportDialog(self.ctx, self.register_id, self, register_title=self.register_title())
        dlg.imported.connect(self._on_imported)
        dlg.open()
        if paths:
            dlg.add_paths(paths)
        self.import_dialog = dlg
        return dlg

    def move_page(self, register_id: int | None = None):
        """Move the current page, imported into the wrong register, to another (asked for
        unless given; registers of the kind its headings matched are offered first); it is
        read again there. Returns the operation, or None when nothing was chosen."""
        from desktop.qt import QInputDialog, QMessageBox

        page = self.pages.page_at(self.page_view.currentIndex().row())
        if page is None:
            self.statusBar().showMessage(self.tr("Choose the page to move first."), 8000)
            return None
        others = [r for i in range(self.registers.rowCount()) if (r := self.registers.register_at(i)) and r.id != page.register_id]
        if not others:
            self.statusBar().showMessage(self.tr("There is no other register: create the right one first."), 8000)
            return None
        others.sort(key=lambda r: r.template_id != page.looks_like)  # the kind its headings matched first
        if register_id is None:
            titles = [register_title(r) for r in others]
            title, ok = QInputDialog.getItem(
                self, self.tr("Move page"), self.tr("Move page {n} to the register:").format(n=page.page_no),
                titles, 0, False)
            if not ok:
                return None
            register_id = others[titles.index(title)].id
        target = next(r for r in others if r.id == register_id)

        def moved(_ch) -> None:
            self.statusBar().showMessage(self.tr("Page {n} moved to {register}; it is read again there.").format(
                n=page.page_no, register=register_title(target)), 10000)
            self.ocr.enqueue([page.id])

        def refused(e: BaseException) -> None:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Move page"), error_text(e), parent=self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        op = page_ops.move_page(actor=self.ctx.actor, page_id=page.id, register_id=register_id)
        op.success(moved).failure(refused).run_in_background(self.ctx)
        return op

    def scan_pages(self) -> None:
        dlg = self.import_pages()
        if dlg is not None:
            dlg.scan_dialog()

    def _on_imported(self, report, run_ocr: bool) -> None:
        if report.added:
            self._pending_page_select = report.added[0][2]
            self.refresh_pages()
        if run_ocr and report.page_ids:
            self.ocr.enqueue(report.page_ids)

    def _on_ocr_page_done(self, page_id: int, error: str) -> None:
        if error:
            self.statusBar().showMessage(self.tr("OCR failed on a page: {error} (OCR → Retry failed pages)").format(error=error), 15000)

    def ocr_selected(self) -> None:
        """OCR › Read selected pages: those with a scan (a page copied forward has none: it
        was queued and failed, "page 3 has no image")."""
        rows = sorted({i.row() for i in self.page_view.selectionModel().selectedRows()})
        pages = [p for r in rows if (p := self.pages.page_at(r))]
        ids = [p.id for p in pages if p.image_sha256]
        if ids:
            self.ocr.enqueue(ids)
        if len(ids) < len(pages):
            self.statusBar().showMessage(self.tr(
                "%n selected page(s) have no scanned image (copied from the previous edition): "
                "nothing to read; correct their rows by hand.", "", len(pages) - len(ids)), 10000)

    def retry_failed(self) -> None:
        from desktop.ocr_queue import failed_pages

        if self.register_id is not None:
            failed_pages(self.ctx, self.register_id, self.ocr.enqueue)

    def focus_page(self) -> None:
        """Ctrl+1: the page tab, the keyboard in its rows (on the first cell if none is current),
        wherever the focus was (the register list at the start)."""
        self.tabs.setCurrentIndex(0)
        table = self.correction.table
        if not table.currentIndex().isValid() and self.correction.model.rowCount():
            table.setCurrentIndex(self.correction.model.index(0, 0))
        table.setFocus()

    LISTS_WIDTH = 330  # px the registers and pages take when shown again with no width kept

    def lists_shown(self) -> bool:
        """Whether the registers and pages are in sight beside the tabs."""
        return self.split.sizes()[0] > 0

    def toggle_lists(self) -> None:
        """Ctrl+B: hide the registers and pages so the page's rows and image get the width (at
        1366 px the owner's column was about 50 px), or show them again as wide as they were.
        PgUp/PgDn still change pages; the splitter keeps the choice for the next start."""
        sizes, total = self.split.sizes(), sum(self.split.sizes())
        if sizes[0] > 0:
            self._lists_width = sizes[0]
            self.split.setSizes([0, total])
            focus = QApplication.focusWidget()
            if focus is not None and self.lists_pane.isAncestorOf(focus):
                self.focus_page()  # the keyboard never stays in lists out of sight
        else:
            wide = min(getattr(self, "_lists_width", 0) or self.LISTS_WIDTH, total // 2)
            self.split.setSizes([wide, total - wide])
        self._sync_lists_action()

    def _sync_lists_action(self, *_args) -> None:
        act = getattr(self, "actions_by_name", {}).get("toggleLists")
        if act is not None:
            act.setChecked(self.lists_shown())

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search)
        self.search.box.setFocus()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.import_pages(paths)
        event.acceptProposedAction()

    # -- commands ---------------------------------------------------------
    def new_register(self) -> None:
        from desktop.capture.wizard import NewRegisterWizard

        wiz = NewRegisterWizard(self.ctx, self)
        wiz.created.connect(lambda rid: self.refresh_registers(select_id=rid))
        wiz.open()

    # -- shutdown ---------------------------------------------------------
    def shutdown(self) -> None:
        """Finish queued writes and stop background work (idempotent)."""
        if self._closing:
            return
        self._closing = True
        self._place_timer.stop()
        urdu_keyboard.remember_keyboard(self)  # (a new language's window, a sign-out, a close)
        self._remember_place()
        oversight.shutdown(self)
        from desktop import reports_dialogs

        reports_dialogs.stop_running()  # a progress report in its process: not left running unseen
        self.ocr.shutdown()
        self.ctx.close()

    def closeEvent(self, event) -> None:
        settings = computer_settings()  # where to open next time
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.sync()
        remember_splitters(self._splitters())
        self.shutdown()
        super().closeEvent(event)
