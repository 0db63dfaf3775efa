"""One page under review: the page image (read-only) beside its rows and what the clerk
changed from the OCR text; approve, return (with a comment) or verify the page or the
selected rows. Maker-checker is enforced by records.services.transition; the buttons are
only disabled to say so early.
"""

from __future__ import annotations

import html

from desktop import page_image
from desktop.bidi import shown_value
from desktop.correction.image_view import PageImageView
from desktop.fonts import urdu_font
from desktop.i18n import is_rtl, list_text, number_text
from desktop.labels import wrapping
from desktop.operations import error_text, read_op, write_op
from desktop.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QImage,
    QKeySequence,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTextCursor,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.review import queries
from desktop.review.diff import diff_html
from desktop.table_sizing import rows_fit_font
from desktop.typed_numbers import keep_numbers_in_order, set_text, text_of
from records import services, workflow
from records.text import display_digits, isolate_numbers

CHANGED_BG = QColor("#fff3b0")
_SAME_IMAGE = object()  # show_page: the page's image is the one shown already
RETURNED_BG = QColor("#f9d6d5")


class CommentDialog(QDialog):
    """Asks why a page, row or field goes back to the clerk (a comment is required)."""

    def __init__(self, title: str, prompt: str, parent=None, text: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("commentDialog")
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        label = QLabel(prompt, self)
        wrapping(label)
        lay.addWidget(label)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("commentEdit")
        self.edit.setFont(urdu_font(12))
        if is_rtl():  # the Urdu comment starts at the right (a plain text edit put it at the left)
            opt = self.edit.document().defaultTextOption()
            opt.setTextDirection(Qt.LayoutDirection.RightToLeft)
            opt.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
            self.edit.document().setDefaultTextOption(opt)
        # Tab goes on to the buttons and Ctrl+Enter is OK: Tab typed a tab into the comment and
        # Enter a new line, so a reviewer at the keyboard could not leave the box but by Esc
        self.edit.setTabChangesFocus(True)
        keep_numbers_in_order(self.edit)  # an area typed after Urdu words shows as typed
        set_text(self.edit, text)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)  # typing goes after the field's name
        self.edit.textChanged.connect(lambda: self.comment() and self.required.hide())
        lay.addWidget(self.edit)
        self.required = QLabel(self.tr("Write why: a comment is required (the clerk reads it)."), self)
        self.required.setObjectName("commentRequired")
        self.required.setStyleSheet("color: #8a1c1c")
        wrapping(self.required)
        self.required.hide()
        lay.addWidget(self.required)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self._accept)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setToolTip(self.tr("Ctrl+Enter sends the comment from where it is written"))
        lay.addWidget(self.buttons)
        self.resize(460, 200)
        self._fit()
        self.edit.setFocus()

    def _fit(self) -> None:
        """As tall as the prompt's lines and the warning need (a prompt of four lines was cut)."""
        lay = self.layout()
        need = lay.totalHeightForWidth(self.width()) if lay.hasHeightForWidth() else lay.totalSizeHint().height()
        if need > self.height():
            self.resize(self.width(), need)

    def comment(self) -> str:
        """What the reviewer wrote (without the marks the box shows numbers with)."""
        return text_of(self.edit).strip()

    def _accept(self) -> None:
        """OK with a comment; without one the dialog stays open and says one is required
        (it stayed open saying nothing, as if OK were broken)."""
        if self.comment():
            self.accept()
        else:
            self.required.show()
            self._fit()
            self.edit.setFocus()


def ask_comment(parent, title: str, prompt: str, text: str = "") -> str | None:
    """Modal comment dialog; None when cancelled."""
    dlg = CommentDialog(title, prompt, parent, text)
    return dlg.comment() if dlg.exec() == QDialog.DialogCode.Accepted else None


class ReviewPageView(QWidget):
    """Shows one page for review. `acted(action, page_id)` after a successful transition."""

    acted = Signal(str, int)
    loaded = Signal(int)
    # an action refused because rows changed after they were shown (another copy of Daftar):
    # the page is loaded again; the queue follows (page id)
    outdated = Signal(int)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ReviewPageView")
        self.data: queries.ReviewPage | None = None
        self.require_verification = False
        self.verify_key = ""  # Verify page's key as shown (the panel sets it; the button's tooltip)
        # the queue's state the page was opened from (the panel sets it): the rows "Return
        # page" sends back are those waiting for that step
        self.waiting = workflow.SUBMITTED
        self.ask_comment = ask_comment  # replaced in tests
        self._generation = 0  # of show_page: a load finishing after a later one is dropped
        # rows (numbers) an action was refused for, changed after they were shown: marked
        # when the page is shown again, until another page (or a fresh load) is shown
        self._changed_rows: set[int] = set()
        self._build_ui()
        self._update_buttons()

    # -- layout -----------------------------------------------------------
    def _build_ui(self) -> None:
        self.image_view = PageImageView(self)  # zoom and pan only: nothing here edits the page
        self.image_view.box_clicked.connect(self._on_box_clicked)

        right = QWidget(self)
        lay = QVBoxLayout(right)
        lay.setContentsMargins(2, 2, 2, 2)
        self.title = QLabel(right)
        self.title.setObjectName("reviewTitle")
        self.title.setFont(urdu_font(12))
        lay.addWidget(self.title)
        self.table = QTableWidget(right)
        self.table.setObjectName("reviewRows")
        self.table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.table.setFont(urdu_font(12))
        self.table.horizontalHeader().setFont(urdu_font(10))
        rows_fit_font(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.currentCellChanged.connect(self._on_current_cell)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.table, 3)
        self.changes_label = QLabel(self.tr("Changed from the OCR text (struck out: OCR read; highlighted: value now)"), right)
        lay.addWidget(self.changes_label)
        self.changes = QTextBrowser(right)
        self.changes.setObjectName("reviewChanges")
        self.changes.setFont(urdu_font(12))
        self.changes.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        lay.addWidget(self.changes, 2)
        self.notice = QLabel(right)
        self.notice.setObjectName("reviewNotice")
        wrapping(self.notice)
        self.notice.setFont(urdu_font(10))
        self.notice.setStyleSheet("color: #8a1c1c")
        lay.addWidget(self.notice)

        # two rows: the page's actions, then the selected rows' (in one row the five buttons
        # of a revenue officer made the rows' side so wide that the page image got 110 px)
        page_buttons, row_buttons = QHBoxLayout(), QHBoxLayout()
        self.approve_btn = self._button("approvePage", self.tr("Approve page"), self.approve_page, page_buttons)
        self.return_btn = self._button("returnPage", self.tr("Return page…"), self.return_page, page_buttons)
        self.verify_btn = self._button("verifyPage", self.tr("Verify page"), self.verify_page, page_buttons)
        self.approve_rows_btn = self._button("approveRows", self.tr("Approve selected rows"), self.approve_selected,
                                             row_buttons)
        self.return_rows_btn = self._button("returnRows", self.tr("Return selected rows/field…"), self.return_selected,
                                            row_buttons)
        lay.addLayout(page_buttons)
        lay.addLayout(row_buttons)

        self.split = split = QSplitter(self)
        split.setObjectName("reviewPageSplit")
        split.addWidget(self.image_view)
        split.addWidget(right)
        split.setSizes([480, 720])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

    def _button(self, name: str, text: str, slot, layout) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _=False: slot())
        layout.addWidget(b)
        return b

    # -- loading ----------------------------------------------------------
    def show_page(self, page_id: int, *, keep_notice: bool = False) -> None:
        """Load a page with its OCR history and image in the background. Only the last page
        asked for is shown (loads may finish out of order); the same page loaded again (its
        state after a review action) keeps its image where the reviewer zoomed it."""
        ws = self.ctx.ws
        if not keep_notice:
            self._changed_rows = set()
            self.notice.clear()
            self.notice.setStyleSheet("color: #8a1c1c")
        self._generation += 1
        gen = self._generation
        d = self.data
        shown_sha = d.page.image_sha256 if d is not None and d.page.id == page_id and not self.image_view.image.isNull() else None

        def body(s):
            data = queries.review_page(s, page_id)
            sha = data.page.image_sha256
            if sha and sha == shown_sha:
                return data, _SAME_IMAGE
            return data, page_image.decode(ws.images.get(sha)) if sha else None  # no Qt on the worker

        def done(res) -> None:
            if gen != self._generation:
                return
            data, decoded = res
            self.data = data
            if decoded is not _SAME_IMAGE:
                self.image_view.set_image(page_image.to_qimage(decoded))
            self._fill()
            self.loaded.emit(page_id)

        def failed(e: BaseException) -> None:
            if gen == self._generation:
                self.notice.setText(error_text(e))

        read_op(body).success(done).failure(failed).run_in_background(self.ctx)

    def clear(self) -> None:
        self._generation += 1  # a page still loading is not shown after all
        self.data = None
        self.table.clear()
        self.table.setRowCount(0)
        self.changes.clear()
        self.title.clear()
        self.notice.clear()
        self.image_view.set_image(QImage())
        self._update_buttons()

    def _fill(self) -> None:
        d = self.data
        assert d is not None
        self.title.setText(self.tr("{register} — page {n} ({state})").format(
            register=d.register_name, n=number_text(d.page.page_no), state=self.tr(d.page.state)))
        if d.page.looks_like and not self.notice.text():  # the reviewer sees it too
            from desktop.models.pages import looks_like_text

            self.notice.setText(looks_like_text(d.page.looks_like))
        self.table.clear()
        self.table.setColumnCount(len(d.columns))
        self.table.setRowCount(len(d.rows))
        self.table.setHorizontalHeaderLabels([label for _n, label in d.columns])
        boxes = {}
        for i, r in enumerate(d.rows):
            for c, (name, _label) in enumerate(d.columns):
                now = r.values.get(name, "")
                # as the correction view shows it: the office's digits, areas and khasra
                # numbers left to right (in the right-to-left table 12-5 was drawn 5-12)
                item = QTableWidgetItem(isolate_numbers(display_digits(now, urdu=self.ctx.prefs.urdu_digits)))
                before = r.ocr.get(name)
                changed = queries.differs(before, now)
                if changed:
                    item.setBackground(QBrush(CHANGED_BG))
                    shown_before = before if before else self.tr("(nothing)")
                    item.setToolTip(self.tr("Copied: {text}").format(text=shown_before) if d.copied
                                    else self.tr("OCR read: {text}").format(text=shown_before))
                if r.state == workflow.RETURNED:
                    item.setBackground(QBrush(RETURNED_BG))
                    item.setToolTip(self.tr("Returned: {comment}").format(comment=shown_value(r.comment or "")))
                self.table.setItem(i, c, item)
                if name in r.boxes:
                    boxes[(i, name)] = (r.boxes[name], "warning" if changed else "none")
            head = QTableWidgetItem(f"{number_text(r.row_no)} · {self.tr(r.state)}")
            if r.row_no in self._changed_rows:
                head.setText(self.tr("{row} · {state} · changed").format(row=number_text(r.row_no), state=self.tr(r.state)))
                head.setForeground(QBrush(QColor("#8a1c1c")))
                head.setToolTip(self.tr("This row changed after you opened the page: look at it again."))
            self.table.setVerticalHeaderItem(i, head)
        self.table.resizeColumnsToContents()
        self.image_view.set_boxes(boxes)
        self._fill_changes()
        self._update_buttons()

    def _fill_changes(self) -> None:
        d = self.data
        assert d is not None
        self.changes_label.setText(
            self.tr("Changed since copied from the previous edition (struck out: copied; highlighted: value now)")
            if d.copied else self.tr("Changed from the OCR text (struck out: OCR read; highlighted: value now)"))
        if not d.changes:
            kept = (self.tr("The clerk kept every copied value.") if d.copied
                    else self.tr("The clerk kept every OCR reading."))  # outside the f-string: lupdate missed it there
            self.changes.setHtml(f"<p>{html.escape(kept)}</p>")
            return
        # one paragraph a change, in the interface's direction (a right-to-left table was
        # drawn left to right in the Urdu window, the row number first on the left)
        direction = "rtl" if is_rtl() else "ltr"
        lines = []
        for ch in d.changes:
            row = html.escape(self.tr("row {n}").format(n=number_text(ch.row_no)))
            lines.append(f"<p dir='{direction}' style='margin:0 0 4px 0'>{row} · <b>{html.escape(ch.label)}</b>: "
                         f"{diff_html(ch.ocr, ch.value, rtl=direction == 'rtl')}</p>")
        self.changes.setHtml("".join(lines))

    def _on_box_clicked(self, row: int, field: str) -> None:
        d = self.data
        cols = [n for n, _l in d.columns] if d else []
        if field in cols:
            self.table.setCurrentCell(row, cols.index(field))

    def _on_current_cell(self, row: int, col: int, *_prev) -> None:
        d = self.data
        if d is None or not (0 <= row < len(d.rows)) or not (0 <= col < len(d.columns)):
            return
        self.image_view.select_box(row, d.columns[col][0])

    # -- state of the buttons -----------------------------------------------
    def own_work(self) -> bool:
        """True when the signed-in user made or changed a row of this page."""
        return self.data is not None and self.ctx.actor.id in self.data.makers

    def _rows_in(self, state: str, rows: list[int] | None = None) -> list[int]:
        d = self.data
        if d is None:
            return []
        idx = range(len(d.rows)) if rows is None else rows
        return [d.rows[i].entry_id for i in idx if d.rows[i].state == state]

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectedIndexes()})

    def _update_buttons(self) -> None:
        role = self.ctx.actor.role
        reviewer = role in workflow.TRANSITIONS["approve"].roles
        own = self.own_work()
        submitted = bool(self._rows_in(workflow.SUBMITTED))
        sel = self.selected_rows()
        self.approve_btn.setEnabled(reviewer and not own and submitted)
        # enabled on a page of approved rows too: pressed, it says how to return them
        self.return_btn.setEnabled(reviewer and not own and (submitted or bool(self._rows_in(workflow.APPROVED))))
        self.approve_rows_btn.setEnabled(reviewer and not own and bool(self._rows_in(workflow.SUBMITTED, sel)))
        self.return_rows_btn.setEnabled(reviewer and not own and bool(sel))
        can_verify = role in workflow.TRANSITIONS["verify"].roles and self.require_verification
        self.verify_btn.setVisible(can_verify)
        approved = self._rows_in(workflow.APPROVED)
        to_verify = self._verifiable()
        self.verify_btn.setEnabled(can_verify and not own and bool(to_verify))
        if can_verify and approved and not to_verify and not own:
            self.verify_btn.setToolTip(self.tr("You approved these rows yourself: another revenue officer must "
                                               "verify them."))
            if not self.notice.text():
                self.notice.setText(self.verify_btn.toolTip())
        else:
            self.verify_btn.setToolTip(self.verify_key)  # (its key, which the panel gives it)
        if own and not self.notice.text():
            if self.waiting == workflow.APPROVED:  # (the verification queue: it said "approve")
                self.notice.setText(self.tr("You made or changed rows of this page: another revenue officer must "
                                            "verify or return it."))
            else:
                self.notice.setText(self.tr("You made or changed rows of this page: another reviewer must approve or "
                                            "return it."))

    def _verifiable(self) -> list[int]:
        """Approved rows someone else approved (nobody verifies what they approved)."""
        d = self.data
        if d is None:
            return []
        me = self.ctx.actor.id
        return [r.entry_id for r in d.rows if r.state == workflow.APPROVED and r.approved_by != me]

    # -- actions ------------------------------------------------------------
    def approve_page(self) -> None:
        self._transition("approve", self._rows_in(workflow.SUBMITTED) or self._all_rows())

    def verify_page(self) -> None:
        self._transition("verify", self._verifiable() or self._rows_in(workflow.APPROVED) or self._all_rows())

    def approve_selected(self) -> None:
        self._transition("approve", self._rows_in(workflow.SUBMITTED, self.selected_rows()))

    def waiting_rows(self) -> list[int]:
        """Indexes of the rows "Return page" sends back: those still waiting for the queue's
        step (submitted ones; in the verification queue the approved ones too). A row the
        reviewer has approved in the review queue stays approved: only returning it on its
        own (selected) sends it back."""
        d = self.data
        if d is None:
            return []
        states = {workflow.SUBMITTED} | ({workflow.APPROVED} if self.waiting == workflow.APPROVED else set())
        return [i for i, r in enumerate(d.rows) if r.state in states]

    def return_page(self, comment: str | None = None) -> None:
        """Return the page's waiting rows with a comment; the dialog says how many go back
        and which approved rows stay approved (every row approved: says how to return them)."""
        d = self.data
        if d is None:
            return
        going = self.waiting_rows()
        kept = [i for i, r in enumerate(d.rows) if r.state == workflow.APPROVED and i not in going]
        if not going:
            if kept:
                self.notice.setStyleSheet("color: #8a1c1c")
                self.notice.setText(self.tr(
                    "No row of page {n} waits for review. To send approved rows back, select them and use "
                    "“Return selected rows/field…”.").format(n=number_text(d.page.page_no)))
            return
        if comment is None:
            prompt = [self.tr("Why does page {n} go back to the clerk?").format(n=number_text(d.page.page_no)),
                      self.tr("{k} row(s) go back to the clerk: {rows}.", "", len(going)).format(
                          k=number_text(len(going)), rows=list_text(d.rows[i].row_no for i in going))]
            if kept:
                prompt.append(self.tr(
                    "{m} approved row(s) stay approved: {rows}. To send them back as well, select them and use "
                    "“Return selected rows/field…”.", "", len(kept)).format(m=number_text(len(kept)), rows=list_text(d.rows[i].row_no for i in kept)))
            comment = self.ask_comment(self, self.tr("Return page"), "\n".join(prompt))
        if comment is not None:
            self._transition("return", [d.rows[i].entry_id for i in going], comment)

    def return_selected(self, comment: str | None = None) -> None:
        """Return the selected rows; with one cell selected the comment names its field."""
        d = self.data
        if d is None:
            return
        sel = self.selected_rows()
        ids = [d.rows[i].entry_id for i in sel if d.rows[i].state in (workflow.SUBMITTED, workflow.APPROVED)]
        cells = self.table.selectedIndexes()
        field = d.columns[cells[0].column()][0] if len(cells) == 1 else None  # one field goes back
        if comment is None:
            prefix = f"{d.columns[cells[0].column()][1]}: " if field else ""
            rows_txt = list_text(d.rows[i].row_no for i in sel)
            comment = self.ask_comment(self, self.tr("Return rows"),
                                       self.tr("Why do rows {rows} go back to the clerk?").format(rows=rows_txt), prefix)
        if comment is not None:
            self._transition("return", ids, comment, field=field)

    def show_changed(self, e: services.ChangedSinceShown) -> None:
        """After an action refused because rows changed after they were shown (another copy
        of Daftar): its message ("Nothing was approved: … page 3, row 2 changed after you
        opened the page …") over the page shown again as it is now, those rows marked. (A
        refusal about other pages leaves the page shown alone.)"""
        d = self.data
        if d is None or d.page.id not in e.page_ids:
            return
        self.notice.setStyleSheet("color: #8a1c1c")
        self.notice.setText(error_text(e))
        self._changed_rows = {r.row_no for r in d.rows if r.entry_id in e.entry_ids}
        self.show_page(d.page.id, keep_notice=True)

    def _all_rows(self) -> list[int]:
        return [r.entry_id for r in self.data.rows] if self.data else []

    def _transition(self, action: str, entry_ids: list[int], comment: str | None = None,
                    field: str | None = None) -> None:
        d = self.data
        if d is None or not entry_ids:
            return
        actor, page_id, rv = self.ctx.actor, d.page.id, self.require_verification
        # what the reviewer is shown of these rows: the core refuses them if they changed since
        shown = {r.entry_id: r.seen for r in d.rows}
        seen = [shown[i] for i in entry_ids]
        # the keyboard stays in the review: the button pressed is disabled once the rows have
        # moved on, and Qt then gave the keyboard to the register list (PgDn turned registers)
        self.table.setFocus()
        done_text = {
            "approve": self.tr("Approved {n} row(s)", "", len(entry_ids)),
            "return": self.tr("Returned {n} row(s) to the clerk", "", len(entry_ids)),
            "verify": self.tr("Verified {n} row(s)"),
        }[action].format(n=number_text(len(entry_ids)))

        def done(_ch) -> None:
            self._changed_rows = set()
            self.notice.setStyleSheet("color: #1c5e20")
            self.notice.setText(done_text)
            self.acted.emit(action, page_id)
            self.show_page(page_id, keep_notice=True)

        def refused(e: BaseException) -> None:
            if isinstance(e, services.ChangedSinceShown):
                self.show_changed(e)
                self.outdated.emit(page_id)
                return
            self.notice.setStyleSheet("color: #8a1c1c")
            self.notice.setText(self.tr("Refused: {reason}").format(reason=error_text(e)))

        (write_op(lambda s: services.transition(s, actor=actor, entry_ids=entry_ids, action=action,
                                                comment=comment, require_verification=rv, field_name=field,
                                                seen=seen))
         .success(done).failure(refused).run_in_background(self.ctx))
