"""The correction view: page image beside the page's rows, keyboard first.

Keys: Tab/Enter next field · F8 next flagged field · F7 take a disputed number's other
reading · PgDn/PgUp next/previous page ·
Ctrl+Ins add row · Ctrl+Del delete row · Alt+Up/Alt+Down move row · Ctrl+Z/Ctrl+Y undo/redo ·
Ctrl+= / Ctrl+- zoom · Ctrl+0 fit width · Ctrl+R rotate · Ctrl+Shift+S submit for review.
"""

from __future__ import annotations

from desktop import page_image
from desktop.bidi import isolate, key_text, shown_value
from desktop.correction.delegate import FieldDelegate
from desktop.correction.image_view import PageImageView
from desktop.correction.rows_model import PageRowsModel, worst
from desktop.fonts import urdu_font
from desktop.labels import field_header, wrapping
from desktop.operations import entry as entry_ops
from desktop.operations import error_text, read_op
from desktop.operations import page as page_ops
from desktop.qt import (
    QAbstractItemView,
    QAction,
    QFontMetrics,
    QFrame,
    QHBoxLayout,
    QImage,
    QKeySequence,
    QLabel,
    QPixmap,
    QRect,
    QScrollArea,
    QSplitter,
    QStyle,
    Qt,
    QTableView,
    QTimer,
    QToolBar,
    QToolButton,
    QUndoCommand,
    QUndoStack,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.table_sizing import header_text_width
from records import services
from records.fields import display_value
from records.text import normalise
from records.workflow import EDITABLE, EDITORS, RETURNED

CROP_HEIGHT = 90
# Rows of the table kept in sight before the field's notes give up their height (to the
# magnifier's): on a 768 px screen with the on-screen keyboard open, two rows were left.
ROWS_IN_SIGHT = 5
# the view's actions that change entries (hidden from roles that may not: records.workflow.EDITORS)
EDITING_ACTIONS = ("undo", "redo", "takeOther", "addRow", "deleteRow", "rowUp", "rowDown", "submit")

# actions whose keys an open cell editor handles itself (undo/redo through the page's stack
# before anything is typed; ditto and the offered value into the editor: desktop.keying.aids)
_EDITOR_OWN_KEYS = ("undo", "redo", "ditto", "dittoOwner", "takeOffer")

RETURNED_COLOUR = "#8a4b00"  # a reviewer's note: neither an error (red) nor a warning (amber)


def fit_widths(shares: list[float], total: int, minimum: int | list[int] = 48) -> list[int]:
    """Column widths in proportion to the template, none below its minimum (one for all, or
    one a column), summing to `total` when it is wide enough (narrow columns take their
    minimum from the wide ones, which keep theirs)."""
    mins = list(minimum) if isinstance(minimum, list) else [minimum] * len(shares)
    total = max(total, sum(mins))
    widths = [0.0] * len(shares)
    fixed: set[int] = set()
    while True:  # columns held at their minimum leave the rest to share what is left
        free = [i for i in range(len(shares)) if i not in fixed]
        left = total - sum(mins[i] for i in fixed)
        whole = sum(shares[i] for i in free) or 1.0
        for i in free:
            widths[i] = left * shares[i] / whole
        short = [i for i in free if widths[i] < mins[i]]
        if not short:
            break
        for i in short:
            fixed.add(i)
            widths[i] = mins[i]
    return [int(w) for w in widths]


class MoveRowCommand(QUndoCommand):
    """Undoable move of a row to another position on the page."""

    def __init__(self, view: CorrectionView, entry_id: int, old_no: int, new_no: int) -> None:
        super().__init__(view.tr("Move row"))
        self.view, self.entry_id, self.old_no, self.new_no = view, entry_id, old_no, new_no

    def redo(self) -> None:
        self.view._move(self.entry_id, self.new_no)

    def undo(self) -> None:
        self.view._move(self.entry_id, self.old_no)


class AddRowCommand(QUndoCommand):
    """Undoable add of a row, pushed once the row is saved: undo deletes it, redo restores it."""

    def __init__(self, view: CorrectionView, entry_id: int, col: int) -> None:
        super().__init__(view.tr("Add row"))
        self.view, self.entry_id, self.col, self.done = view, entry_id, col, True

    def redo(self) -> None:
        if self.done:  # the row was added before the command was pushed
            self.done = False
            return
        self.view._restore(self.entry_id, self.col)

    def undo(self) -> None:
        self.view._delete(self.entry_id, self.view.model.row_of_entry(self.entry_id), self.col)


class DeleteRowCommand(QUndoCommand):
    """Undoable delete of a row: undo restores it with its values at its place."""

    def __init__(self, view: CorrectionView, entry_id: int, row: int, col: int) -> None:
        super().__init__(view.tr("Delete row"))
        self.view, self.entry_id, self.row, self.col = view, entry_id, row, col

    def redo(self) -> None:
        self.view._delete(self.entry_id, self.row, self.col)

    def undo(self) -> None:
        self.view._restore(self.entry_id, self.col)


def marked_difference(shown: str, other: str) -> str:
    """`other` as HTML with the characters where it differs from `shown` underlined in bold
    (a disputed 125/5 against 125/6: the 6), so the clerk knows where to look on the page."""
    from difflib import SequenceMatcher
    from html import escape

    out = []
    for op, _a0, _a1, b0, b1 in SequenceMatcher(None, shown, other, autojunk=False).get_opcodes():
        part = escape(other[b0:b1])
        out.append(part if op == "equal" or not part else f"<b><u>{part}</u></b>")
    return "".join(out)


class CorrectionView(QWidget):
    """Shows one page; `page_step(+1|-1)` asks the main window for the next/previous page."""

    page_step = Signal(int)
    page_loaded = Signal(int)
    submitted = Signal(int)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CorrectionView")
        self.page_id: int | None = None
        self._khewat_holdings: tuple[int | None, dict] = (None, {})  # (register id, services.khewat_holdings)
        # set when Tab/Enter stopped at the page's last field: keys typed next would replace
        # that field's value, meant for a next row that does not exist (_at_page_end)
        self._end_note = ""
        self.undo_stack = QUndoStack(self)
        self.model = PageRowsModel(ctx, self, undo_stack=self.undo_stack)
        self.model.commit_typed = self.commit_editor
        self._build_ui()
        self._build_actions()
        from desktop.keying.aids import KeyingAids

        self.keying = KeyingAids(self)  # type-ahead, ditto (Ctrl+D), offered values (Ctrl+Space)
        self.model.modelAboutToBeReset.connect(self._keep_place)
        self.model.reloaded.connect(self._on_reloaded)
        self.model.dataChanged.connect(self._on_data_changed)
        self.model.save_failed.connect(self._show_status)
        # (at the page's end its note stays in sight: the last field's save would replace it)
        self.model.saved.connect(lambda _ch: self._show_status(self._end_note or self.tr("Saved")))
        ctx.bus.changed.connect(self._on_changes)

    # -- layout -----------------------------------------------------------
    def _build_ui(self) -> None:
        self.image_view = PageImageView(self)
        self.image_view.box_clicked.connect(self.select_field)

        right = QWidget(self)
        lay = QVBoxLayout(right)
        lay.setContentsMargins(2, 2, 2, 2)
        self.toolbar = QToolBar(right)
        self.toolbar.setObjectName("correctionToolbar")
        lay.addWidget(self.toolbar)

        top = QHBoxLayout()
        self.crop = QLabel(right)
        self.crop.setObjectName("cellCrop")
        self.crop.setMinimumHeight(CROP_HEIGHT)
        self.crop.setMinimumWidth(260)
        self.crop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.crop.setStyleSheet("background: white; border: 1px solid #999")
        self.cell_info = QLabel(right)
        self.cell_info.setObjectName("cellInfo")
        wrapping(self.cell_info)
        self.cell_info.setFont(urdu_font(11))
        self.cell_info.setAlignment(Qt.AlignmentFlag.AlignTop)
        # a field with several flags says more than the magnifier's height holds: it scrolls
        self.cell_info_area = QScrollArea(right)
        self.cell_info_area.setObjectName("cellInfoArea")
        self.cell_info_area.setWidget(self.cell_info)
        self.cell_info_area.setWidgetResizable(True)
        self.cell_info_area.setFrameShape(QFrame.Shape.NoFrame)
        self.cell_info_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # room for the usual four lines (the field, the F7 hint, what OCR read, a flag), unless
        # the rows need it (_fit_notes)
        self._notes_height = max(CROP_HEIGHT, 4 * QFontMetrics(self.cell_info.font()).lineSpacing() + 16)
        self.cell_info_area.setMinimumHeight(self._notes_height)
        top.addWidget(self.crop, 2)
        top.addWidget(self.cell_info_area, 3)
        lay.addLayout(top)

        self.table = QTableView(right)
        self.table.setObjectName("rowsTable")
        self.table.setModel(self.model)
        self.table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # column 1 is the rightmost
        self.table.setFont(urdu_font(self.ctx.prefs.font_size))
        field_header(self.table.horizontalHeader())
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.table.verticalHeader().setDefaultSectionSize(QFontMetrics(self.table.font()).height() + 10)
        self.table.setItemDelegate(FieldDelegate(self.model, self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # (no SelectedClicked: a click on the current cell starts an edit after the double-click
        # interval, which reopened the editor a clerk had started typing into and lost the keys)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.setTabKeyNavigation(True)
        self.table.selectionModel().currentChanged.connect(self._on_current)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)  # refit columns when the table resizes
        # the notes are fitted to the width they get: the panel's own resizes and the scroll
        # bar coming or going both change it (eventFilter)
        self.cell_info_area.viewport().installEventFilter(self)
        lay.addWidget(self.table, 1)

        self.status = QLabel(right)
        self.status.setObjectName("pageStatus")
        wrapping(self.status)
        self.status.setFont(urdu_font(10))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        # the page's last step in sight beside its state (at the end of the tool bar it was
        # behind the » of a 1366 px screen); set to the Submit action in _build_actions
        self.submit_button = QToolButton(right)
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bottom.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(bottom)

        self.split = split = QSplitter(self)  # its sizes are remembered on this computer (MainWindow)
        split.setObjectName("pageSplit")
        split.addWidget(self.image_view)
        split.addWidget(right)
        split.setSizes([520, 760])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for name, act in (("undo", undo), ("redo", redo)):
            act.setObjectName(name)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
            self.toolbar.addAction(act)
            self.actions_by_name[name] = act
        specs = [
            ("prevPage", self.tr("Previous page"), "PgUp", lambda: self._step(-1)),
            ("nextPage", self.tr("Next page"), "PgDown", lambda: self._step(1)),
            ("nextFlag", self.tr("Next flagged field"), "F8", self.next_flagged),
            # (F9 is the main window's View › Urdu keyboard: one key for two actions fires neither)
            ("takeOther", self.tr("Take the other reading"), "F7", self.take_other_reading),
            ("addRow", self.tr("Add row"), "Ctrl+Ins", self.add_row),
            ("deleteRow", self.tr("Delete row"), "Ctrl+Del", self.delete_row),
            ("rowUp", self.tr("Move row up"), "Alt+Up", lambda: self.move_row(-1)),
            ("rowDown", self.tr("Move row down"), "Alt+Down", lambda: self.move_row(1)),
            ("zoomIn", self.tr("Zoom in"), "Ctrl+=", self.image_view.zoom_in),
            ("zoomOut", self.tr("Zoom out"), "Ctrl+-", self.image_view.zoom_out),
            ("fitWidth", self.tr("Fit width"), "Ctrl+0", self.image_view.fit_width),
            ("rotate", self.tr("Rotate"), "Ctrl+R", lambda: self.image_view.rotate_by(90)),
            ("submit", self.tr("Submit for review"), "Ctrl+Shift+S", self.submit),
        ]
        for name, text, key, slot in specs:
            act = QAction(text, self)
            act.setObjectName(name)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(f"{text} ({key_text(key)})")  # the key as printed, also in Urdu
            act.triggered.connect(slot)
            self.addAction(act)
            self.toolbar.addAction(act)
            self.actions_by_name[name] = act
        # an open cell editor leaves these keys to the page (a line edit took Ctrl+Ins as
        # Copy: the row was not added and the clerk keyed the next row's values over the row
        # above)
        delegate = self.table.itemDelegate()
        delegate.view_keys = lambda: [k for name, act in self.actions_by_name.items()
                                      if name not in _EDITOR_OWN_KEYS and act.isEnabled() for k in act.shortcuts()]
        delegate.at_page_end = self._say_page_end
        self.submit_button.setDefaultAction(self.actions_by_name["submit"])
        self.actions_by_name["submit"].setEnabled(False)  # until a page with rows to submit is shown
        if self.ctx.actor.role not in EDITORS:
            # one who may not change entries (the administrator) is not offered changes: each
            # of these only said so when pressed
            for name in EDITING_ACTIONS:
                self.actions_by_name[name].setVisible(False)
                self.actions_by_name[name].setEnabled(False)
            self.submit_button.hide()
        else:
            self.toolbar.removeAction(self.actions_by_name["submit"])  # the button below has it

    # -- loading ----------------------------------------------------------
    def commit_editor(self) -> None:
        """Save what is typed in an open cell editor (before the page or rows change)."""
        from desktop.qt import QAbstractItemDelegate, QApplication, QLineEdit

        w = QApplication.focusWidget()
        if isinstance(w, QLineEdit) and self.table.isAncestorOf(w) and self.table.state() == QAbstractItemView.State.EditingState:
            self.table.commitData(w)
            self.table.closeEditor(w, QAbstractItemDelegate.EndEditHint.NoHint)

    def show_page(self, page_id: int) -> None:
        """Load a page (rows, template and image) in the background and show it."""
        self.commit_editor()
        self.page_id = page_id
        ws = self.ctx.ws
        known = self._khewat_holdings  # (register id, its khewats' areas) of the page shown before

        def body(s):
            page = services.get_page(s, page_id)
            rows = services.page_rows(s, page_id)
            tpl = services.register_template(s, page.register_id)
            above = services.values_above_page(s, page_id)
            # an intiqal's khewats' areas in the jamabandi: read once for the register (all of
            # the jamabandi's rows: not again at each page turn)
            areas = None if page.register_id == known[0] else services.khewat_holdings(s, page.register_id)
            image = page_image.decode(ws.images.get(page.image_sha256)) if page.image_sha256 else None
            return page, rows, tpl, above, areas, image  # plain values: no Qt on the worker (desktop.page_image)

        def done(res) -> None:
            page, rows, tpl, above, areas, decoded = res
            if page.id != self.page_id:
                return  # the clerk moved on
            # keys typed while the page was read (PgDn, then typing at once) went into a cell
            # of the page still shown: saved to that row first (the new rows dropped them)
            self.commit_editor()
            if self.model.page is not None and self.model.page.id == page.id and self.model.saving:
                self.model.reload()  # edits of this page are still being saved: read after them
                return
            self.image_view.set_image(page_image.to_qimage(decoded))
            if areas is None:
                areas = known[1]
            self._khewat_holdings = (page.register_id, areas)
            self.model.set_page(page, rows, tpl, above=above, khewat_holdings=areas)
            self._fit_columns()
            if self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(0, 0))
            self.page_loaded.emit(page.id)

        def failed(e: BaseException) -> None:
            self._show_status(self.tr("Page cannot be shown: {error}").format(error=error_text(e)))

        read_op(body).success(done).failure(failed).run_in_background(self.ctx)

    def clear(self, note: str = "") -> None:
        """Show no page (a register without pages, or none chosen): nothing of the page shown
        before stays in sight or can be changed here; `note` says what to do. A register just
        created showed the previous register's page, its rows still editable."""
        self.commit_editor()  # what is typed in an open cell is saved to its own row first
        self.page_id = None  # a page still being read is not shown when it comes
        self.model.clear()
        self.image_view.set_image(QImage())
        self._clear_cell_notes()
        self.status.setText(note)
        self.actions_by_name["submit"].setEnabled(False)

    def _clear_cell_notes(self) -> None:
        """No magnified cell and no field's notes (no current cell)."""
        self.crop.clear()
        self.cell_info.clear()
        self._fit_cell_info()

    def _fit_columns(self) -> None:
        tpl = self.model.template
        if tpl is None:
            return
        room, least = self.table.viewport().width() - 2, self._least_widths()
        widths = fit_widths([c.width for c in tpl.columns], room, self._with_header_names(least))
        owner = self._owner_column()
        if owner is not None and sum(widths[:owner + 1]) > room:
            # the number columns made wide enough for their names would push the owner's
            # column out of sight: they keep the width of their values
            widths = fit_widths([c.width for c in tpl.columns], room, least)
        for i, w in enumerate(widths):
            self.table.setColumnWidth(i, w)

    def _owner_column(self) -> int | None:
        """The widest column of the template (the owner's, on a Jamabandi)."""
        cols = self.model.template.columns
        return max(range(len(cols)), key=lambda i: cols[i].width) if cols else None

    def _with_header_names(self, least: list[int]) -> list[int]:
        """`least` with each number column at least as wide as its name in the header (a
        column of short numbers cut its name: 'نمبر کھیو…'), at most 160 px."""
        header, model = self.table.horizontalHeader(), self.model
        out = list(least)
        for i, spec in enumerate(model.template.columns):
            if spec.numeric:
                name = model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or ""
                out[i] = max(out[i], min(160, header_text_width(header, name)))
        return out

    def _least_widths(self) -> list[int]:
        """A number column at least as wide as its widest value on the page (an area cut to
        '…-26' cannot be checked without opening the cell); a list of khasra numbers at most
        as wide as two of them (a long list is shown whole beside the crop); text columns at
        least 48 px; a choice (a mutation's kind) as wide as its widest value on the page, its
        words few ('وراث…' was cut from وراثت)."""
        tpl, metrics = self.model.template, QFontMetrics(self.table.font())
        out = []
        for c, spec in enumerate(tpl.columns):
            need = 48
            if spec.numeric or spec.kind == "choice":
                for r in range(self.model.rowCount()):
                    shown = self.model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or ""
                    need = max(need, metrics.horizontalAdvance(shown) + 14)
            cap = metrics.horizontalAdvance("0000/00، 0000/00") + 14 if spec.kind == "khasra-list" else 160
            out.append(min(need, cap))
        return out

    def _keep_place(self) -> None:
        """Before the rows are read again: the cell the clerk is on, to stay on it."""
        page = self.model.page
        self._kept_place = (page.id, *self.current_field()) if page and self.current_field() else None

    def _on_reloaded(self) -> None:
        self.image_view.set_boxes(self.model.all_boxes())
        self._update_status()
        kept, self._kept_place = getattr(self, "_kept_place", None), None
        if kept and self.model.page and kept[0] == self.model.page.id and not self.table.currentIndex().isValid():
            _page, row, field = kept  # the same page read again (after a submit, a sync): same cell
            col = self.model.column_of(field)
            if col >= 0 and self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), col))
                return  # currentChanged shows its crop and panel
        self._on_current(self.table.currentIndex(), None)

    def _on_data_changed(self, *_args) -> None:
        self.image_view.set_boxes(self.model.all_boxes())
        self._update_status()
        self._update_cell_info(self.table.currentIndex())

    def _on_changes(self, changes, initiator) -> None:
        if initiator is self.model or self.page_id is None:
            return
        if self.page_id in changes.page_ids or (changes.entries and not changes.page_ids):
            self.model.reload()

    # -- status -----------------------------------------------------------
    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip("")  # (the page summary's hover text is not this one's)

    def _update_status(self) -> None:
        page = self.model.page
        if page is None:
            return
        from desktop.i18n import list_text, message, number_text

        parts = [self.tr("Page {n}").format(n=number_text(page.page_no)), self.tr(page.state)]
        if page.looks_like:  # read as this register's kind, but its headings are another's
            from desktop.models.pages import looks_like_text

            parts.append(looks_like_text(page.looks_like))
        failure = ""
        if page.ocr_status == "failed":
            failure = self.tr("OCR failed: {error}").format(error=message(page.ocr_error or ""))
            # once rows are being keyed by hand, one line (its three took the rows' height at
            # 768 px), the whole of it on hover
            parts.append(self.tr("OCR failed (the reason: hover here)") if self.model.rowCount() else failure)
        elif page.ocr_status in ("queued", "running"):
            parts.append(self.tr("OCR {status}…").format(status=self.tr(page.ocr_status)))
        errors, warnings = self.model.error_count(), self.model.warning_count()
        parts.append(self.tr("{n} problem(s) to correct", "", errors).format(n=number_text(errors)) if errors else self.tr("no errors left"))
        if warnings:
            parts.append(self.tr("{n} field(s) to check", "", warnings).format(n=number_text(warnings)))
        returned = self.model.returned_rows()
        if returned:
            parts.append(self.tr("{n} row(s) sent back for correction: {rows}", "", len(returned)).format(
                n=number_text(len(returned)), rows=list_text(returned)))
        parts += [message(f.message) for f in self.model.page_flags[:2]]
        self.status.setText(" · ".join(parts))
        self.status.setToolTip(failure if self.model.rowCount() else "")
        # Submit only where there is something to submit (rows in draft or sent back)
        rows = [self.model.row_view(i) for i in range(self.model.rowCount())]
        submit = self.actions_by_name["submit"]
        if self.ctx.actor.role in EDITORS:
            submit.setEnabled(any(r is not None and r.state in EDITABLE for r in rows))

    # -- current cell -----------------------------------------------------
    def current_field(self) -> tuple[int, str] | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or self.model.template is None:
            return None
        return idx.row(), self.model.template.columns[idx.column()].name

    def select_field(self, row: int, field: str) -> None:
        col = self.model.column_of(field)
        if col >= 0 and 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, col))
            self.table.setFocus()

    def _on_current(self, current, _previous) -> None:
        self._end_note = ""
        if not current.isValid() or self.model.template is None:
            # (a page without rows kept the notes of the field of the page before)
            self._clear_cell_notes()
            return
        field = self.model.template.columns[current.column()].name
        self.image_view.select_box(current.row(), field)
        self._update_crop(current.row(), field)
        self._update_cell_info(current)

    def _update_crop(self, row: int, field: str) -> None:
        box = self.model.box(row, field)
        image = self.image_view.image
        if not box or image.isNull():
            self.crop.setText(self.tr("(no box on the page for this field)"))
            return
        x, y, w, h = box
        pad = max(4, h // 6)
        part = image.copy(QRect(x - pad, y - pad, w + 2 * pad, h + 2 * pad))
        # drawn in the screen's own pixels: at 125 % or 150 % a picture the label's size in
        # points was stretched by Qt to 1.5 times, soft where the clerk reads a faint digit
        dpr = self.crop.devicePixelRatioF()
        pix = QPixmap.fromImage(part).scaled(
            round(max(260, self.crop.width() - 4) * dpr), round((CROP_HEIGHT - 4) * dpr),
            Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        pix.setDevicePixelRatio(dpr)
        self.crop.setPixmap(pix)

    def _update_cell_info(self, index) -> None:
        if not index.isValid() or self.model.template is None:
            self.cell_info.clear()
            return
        spec = self.model.template.columns[index.column()]
        flags = self.model.cell_flags(index.row(), spec.name)
        from html import escape

        from desktop.i18n import flag_text, is_rtl

        d = "rtl" if is_rtl() else "ltr"  # the interface language's direction

        def para(html: str, direction: str = d, colour: str = "#333") -> str:
            # rich text's paragraphs keep a line's height above and below: 4 lines would need
            # twice the magnifier's height
            return f"<p dir='{direction}' style='margin:0 0 3px 0; color:{colour}'>{html}</p>"

        en = "" if is_rtl() else f" — {spec.label_en}"
        lines = [para(f"<b>{spec.label_ur}</b>{en}", "rtl")]
        value = index.data() or ""
        r = self.model.row_view(index.row())
        v = r.values.get(spec.name) if r else None
        as_read = v is not None and v.source == "ocr" and normalise(v.raw_text or "") == normalise(value)
        if not as_read and self._elided(index, value):
            # the whole value, where the column shows only its start (the OCR line below
            # shows it whole where it is the text as read)
            urdu = any("\u0600" <= ch <= "\u06ff" for ch in value)
            lines.append(para(escape(value), "rtl" if urdu else "ltr", "#000"))
        other = self.model.other_reading(index.row(), spec.name)
        if other:  # say how to take it, first (a long reading's flag would push it out of sight):
            # one key; where it differs from the field, underlined
            key = self.actions_by_name["takeOther"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            digits = self.ctx.prefs.urdu_digits
            shown = display_value(spec, self.model.text(index.row(), spec.name), urdu_digits=digits)
            hint = escape(self.tr("{key} takes the other reading: {text}").format(key=key, text="\0"))
            lines.append(para(hint.replace("\0", isolate(marked_difference(shown, display_value(spec, other, urdu_digits=digits))))))
        if r is not None and r.state == RETURNED and r.comment:
            # what the reviewer asked for, beside every field of the row being corrected
            sent = escape(self.tr("Sent back: {comment}").format(comment="\0"))
            lines.append(para(sent.replace("\0", f"<b>{escape(shown_value(r.comment))}</b>"), colour=RETURNED_COLOUR))
        if v is not None and v.raw_text and v.source == "ocr":
            read = self.tr("OCR read: {text} ({conf:.0%})").format(text=isolate(v.raw_text), conf=v.confidence or 0)
            lines.append(para(escape(read)))
        colour = {"error": "#a00", "warning": "#a60"}.get(worst(flags), "#333")
        lines += [para(f"• {escape(flag_text(f.message))}", colour=colour) for f in flags]
        self.cell_info.setText("".join(lines))
        self._fit_cell_info()

    def _elided(self, index, text: str) -> bool:
        """Whether the table's column is too narrow for the whole of `text` (drawn elided)."""
        if not text:
            return False
        room = self.table.columnWidth(index.column()) - 2 * self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin) - 2
        return self.table.fontMetrics().horizontalAdvance(text) > room

    def _fit_cell_info(self) -> None:
        """Let the field's notes scroll when they need more than the panel's height (a word-
        wrapped label in a resizable scroll area is otherwise cut to the viewport)."""
        width = self.cell_info_area.viewport().width()
        self.cell_info.setMinimumHeight(max(0, self.cell_info.heightForWidth(width)))

    def _fit_notes(self) -> None:
        """The field's notes as high as their four lines while ROWS_IN_SIGHT rows of the table
        fit beside them; on a shorter pane (a 768 px screen, the on-screen keyboard open) as
        high as the magnified cell, scrolling, and the rows get the room."""
        area, table = self.cell_info_area, self.table
        full = self._notes_height
        # the table's height were the notes full height (it is what they give up when they are not)
        table_if_full = table.height() + area.height() - full
        need = (table.horizontalHeader().height() + ROWS_IN_SIGHT * table.verticalHeader().defaultSectionSize()
                + table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth())
        height = full if table_if_full >= need else CROP_HEIGHT
        if area.minimumHeight() != height:
            area.setMinimumHeight(height)
            area.setMaximumHeight(16777215 if height == full else height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_cell_info()

    # -- keyboard -----------------------------------------------------------
    def app_focus(self):
        """The widget with keyboard focus (the open cell editor while editing)."""
        from desktop.qt import QApplication

        return QApplication.focusWidget() or self.table

    def eventFilter(self, obj, event) -> bool:
        from desktop.qt import QEvent

        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            self._fit_notes()
            if self.table.state() == QAbstractItemView.State.EditingState:
                # the field being edited stays in sight (a narrower window scrolled the rows to
                # their first columns and left the remarks' editor over the cells of others);
                # once the columns and the scroll bar have their new sizes
                QTimer.singleShot(0, self, self._keep_editing_in_sight)
        if obj is self.cell_info_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_cell_info()
        if obj is self.table and event.type() == QEvent.Type.KeyPress and self.table.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self._move_next()
                return True
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self._at_page_end(event):
                return True  # (Qt went round to the other end of the page)
            typing = event.text().isprintable() and event.text().strip() and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
            if typing and self._end_note and self.table.currentIndex().isValid():
                self._show_status(self._end_note)  # typed on, past the page's end: not into its last field
                return True
            if event.key() == Qt.Key.Key_F2:
                self._end_note = ""  # opening the field on purpose
            if typing or event.key() == Qt.Key.Key_F2:
                self._say_why_locked(self.table.currentIndex())
                # the field opened where it can be seen: Qt opens an editor where its cell is,
                # and a cell scrolled out of sight (a narrower window scrolls the rows back to
                # their first columns) had its editor put inside the view over others' cells
                self.table.scrollTo(self.table.currentIndex())
        return super().eventFilter(obj, event)

    def _keep_editing_in_sight(self) -> None:
        """The cell being edited scrolled into sight, its editor placed for it again (scrolling
        moves an editor with the cells: one kept inside the view at its edge went past it)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.scrollTo(self.table.currentIndex())
            self.table.updateEditorGeometries()

    def _at_page_end(self, event) -> bool:
        """Tab on the page's last field or Shift+Tab on its first: stay, and say so."""
        idx, n_rows, n_cols = self.table.currentIndex(), self.model.rowCount(), self.model.columnCount()
        if not idx.isValid() or event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if (idx.row(), idx.column()) != ((0, 0) if back else (n_rows - 1, n_cols - 1)):
            return False
        self._say_page_end(-1 if back else 1)
        return True

    def _say_page_end(self, step: int) -> None:
        keys = {name: self.actions_by_name[name].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                for name in ("addRow", "nextPage", "prevPage")}
        if step > 0:
            self._end_note = self.tr("This is the last field of the page: {add} adds a row after this one, "
                                     "{next} goes to the next page (F2 changes this field).").format(
                add=keys["addRow"], next=keys["nextPage"])
            self._show_status(self._end_note)
        else:
            self._show_status(self.tr("This is the first field of the page: {prev} goes to the previous page.")
                              .format(prev=keys["prevPage"]))

    def _say_why_locked(self, index) -> None:
        """Typing into a cell that cannot change did nothing, silently: say why."""
        from desktop.i18n import number_text

        if not index.isValid() or self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return
        r = self.model.row_view(index.row())
        if self.ctx.actor.role not in EDITORS:
            self._show_status(self.tr("Your role does not change entries."))
        elif r is not None:
            self._show_status(self.tr("Row {n} is {state}: it can be changed only as a draft or when it "
                                      "is sent back for correction.").format(n=number_text(index.row() + 1), state=self.tr(r.state)))

    def _move_next(self) -> None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return
        col, row = idx.column() + 1, idx.row()
        if col >= self.model.columnCount():
            col, row = 0, row + 1
        if row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, col))

    def _step(self, step: int) -> None:
        self.commit_editor()
        self.page_step.emit(step)

    def next_flagged(self) -> None:
        idx = self.table.currentIndex()
        nxt = self.model.next_flagged(idx.row() if idx.isValid() else 0, idx.column() if idx.isValid() else -1)
        if nxt.isValid():
            self.table.setCurrentIndex(nxt)
            self.table.scrollTo(nxt)
        else:
            self._show_status(self.tr("No flagged fields on this page"))

    def take_other_reading(self) -> None:
        """Put the current field's second OCR reading in it (a number the two readers read
        differently: its flag names both), as if typed: saved, undoable, the flag cleared."""
        self.commit_editor()
        idx, other = self.table.currentIndex(), None
        if idx.isValid() and self.model.template is not None:
            other = self.model.other_reading(idx.row(), self.model.template.columns[idx.column()].name)
        if not other:
            self._show_status(self.tr("This field has no other reading"))
        elif not self.model.setData(idx, other):
            self._show_status(self.tr("This field cannot be changed"))

    # -- rows ---------------------------------------------------------------
    def _editable_page(self) -> bool:
        page = self.model.page
        return page is not None and page.state in EDITABLE

    def add_row(self) -> None:
        self.commit_editor()
        page = self.model.page
        if page is None:
            return
        idx = self.table.currentIndex()
        row_no = idx.row() + 2 if idx.isValid() else None
        col = 0  # a new row is keyed from its first field (it began in the column the cursor was in)

        def done(res) -> None:
            eid, _ch = res
            if self.model.page is not None and self.model.page.id == page.id:
                self.undo_stack.push(AddRowCommand(self, eid, col))
            self._select_after_reload(eid, col)

        (entry_ops.add_entry(actor=self.ctx.actor, register_id=page.register_id, page_id=page.id, row_no=row_no)
         .with_initiator(self.model).success(done).failure(self._failed).run_in_background(self.ctx))

    def delete_row(self) -> None:
        self.commit_editor()
        idx = self.table.currentIndex()
        eid = self.model.entry_id(idx.row()) if idx.isValid() else None
        if eid is None:
            return
        self.undo_stack.push(DeleteRowCommand(self, eid, idx.row(), idx.column()))

    def _delete(self, entry_id: int, row: int, col: int) -> None:
        def done(_ch) -> None:
            from desktop.i18n import number_text

            note = self.tr("Row {n} deleted").format(n=number_text(row + 1))  # (the office's digits)

            def after() -> None:
                if self.model.rowCount():
                    self.table.setCurrentIndex(self.model.index(max(0, min(row, self.model.rowCount() - 1)), col))
                self._show_status(note)  # (said after the reload: the page's summary replaced it at once)

            self._show_status(note)
            self._after_reload(after)

        (entry_ops.delete_entry(actor=self.ctx.actor, entry_id=entry_id)
         .with_initiator(self.model).success(done).failure(self._failed).run_in_background(self.ctx))

    def _restore(self, entry_id: int, col: int) -> None:
        (entry_ops.restore_entry(actor=self.ctx.actor, entry_id=entry_id)
         .with_initiator(self.model).success(lambda _ch: self._select_after_reload(entry_id, col))
         .failure(self._failed).run_in_background(self.ctx))

    def move_row(self, step: int) -> None:
        idx = self.table.currentIndex()
        eid = self.model.entry_id(idx.row()) if idx.isValid() else None
        if eid is None:
            return
        new = idx.row() + step
        if not 0 <= new < self.model.rowCount():
            return
        self._pending_select_col = idx.column()
        self.undo_stack.push(MoveRowCommand(self, eid, idx.row() + 1, new + 1))

    def _move(self, entry_id: int, row_no: int) -> None:
        col = getattr(self, "_pending_select_col", 0)
        (entry_ops.move_entry(actor=self.ctx.actor, entry_id=entry_id, row_no=row_no)
         .with_initiator(self.model).success(lambda _ch: self._select_after_reload(entry_id, col))
         .failure(self._failed).run_in_background(self.ctx))

    def _select_after_reload(self, entry_id: int, col: int) -> None:
        def select() -> None:
            row = self.model.row_of_entry(entry_id)
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, col))

        self._after_reload(select)

    def _after_reload(self, fn) -> None:
        def once() -> None:
            self.model.reloaded.disconnect(once)
            fn()

        self.model.reloaded.connect(once)
        self.model.reload()

    def _failed(self, e: BaseException) -> None:
        self._show_status(error_text(e))

    # -- submit -------------------------------------------------------------
    def ask_submit_with_warnings(self, n: int, page_no: int) -> bool:
        """Whether to submit a page whose rows going for review (draft or sent back) still
        have `n` fields flagged 'to check'. Going back to the first of them is the default:
        Enter or Esc there submits nothing."""
        from desktop.i18n import number_text
        from desktop.qt import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Submit for review"), self.tr(
            "{n} field(s) in the rows going for review are still flagged 'to check' (the amber cells: OCR "
            "was unsure of them, or a rule across rows asks to look again).\n\nGo back to the first of "
            "them, or submit page {page} for review as it is?", "", n).format(n=number_text(n), page=number_text(page_no)),
            parent=self)
        box.setObjectName("submitWithWarnings")
        back = box.addButton(self.tr("Go to the first field to check"), QMessageBox.ButtonRole.RejectRole)
        back.setObjectName("goToFirstToCheck")
        anyway = box.addButton(self.tr("Submit anyway"), QMessageBox.ButtonRole.AcceptRole)
        anyway.setObjectName("submitAnyway")
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is anyway

    def submit(self) -> None:
        """Submit the page for review; refused with the reason while error flags remain, and
        asked first while fields are still flagged 'to check'."""
        from desktop.i18n import number_text

        self.commit_editor()
        page = self.model.page
        if page is None:
            return
        pid = page.id
        errors = self.model.error_count()
        if errors:
            # The rules of records.validation, as shown on the page; the service checks again.
            # The first problem is named and the cursor put on its field: "1 problem(s)"
            # alone sent the clerk hunting for a red cell, maybe scrolled out of sight.
            from desktop.i18n import flag_text

            first = self.model.first_error()
            problem = flag_text(first[1].message) if first is not None else ""
            if first is not None and first[0].isValid():
                self.table.setCurrentIndex(first[0])
                self.table.scrollTo(first[0])
                self.table.setFocus()
            self._show_status(self.tr("Not submitted: {n} problem(s) must be corrected first. The first: {problem} "
                                      "(F8 goes to the next flagged field)", "", errors).format(n=number_text(errors),
                                                                                    problem=problem))
            return
        to_check = self.model.warning_cells(editable_only=True)
        if to_check and not self.ask_submit_with_warnings(len(to_check), page.page_no):
            # back to the first of them, as F8 from the page's start would go
            self.table.setCurrentIndex(to_check[0])
            self.table.scrollTo(to_check[0])
            self.table.setFocus()
            self._show_status(self.tr("Not submitted: {n} field(s) still to check "
                                      "(F8 goes to the next flagged field)", "", len(to_check)).format(n=number_text(len(to_check))))
            return

        def done(_ch) -> None:
            self._show_status(self.tr("Page {n} submitted for review").format(n=page.page_no))
            self.model.reload()
            self.submitted.emit(pid)

        def refused(e: BaseException) -> None:
            self._show_status(self.tr("Not submitted: {reason}").format(reason=error_text(e)))

        page_ops.submit_page(actor=self.ctx.actor, page_id=pid).success(done).failure(refused).run_in_background(self.ctx)
