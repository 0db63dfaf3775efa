"""The review screen: the queue of pages waiting for a reviewer, grouped by register and
clerk, with counts of pages per state and per clerk; the chosen page beside it.

Bulk approval of the selected queue pages asks for an explicit confirmation first.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

from sqlalchemy import select

from desktop.elide import LogicalElideDelegate
from desktop.fonts import urdu_font
from desktop.i18n import number_text
from desktop.labels import wrapping
from desktop.operations import error_text, read_op, write_op
from desktop.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QAction,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.review import queries
from desktop.review.page_view import ReviewPageView
from desktop.ui_settings import restore_splitter
from records import services, workflow
from records.models import Entry
from records.outbox import verification_required

PageIdRole = Qt.ItemDataRole.UserRole + 1

# Keys anywhere in the review screen (Help › Keyboard shortcuts lists them too)
REVIEW_KEYS = (
    ("PgDown", QT_TRANSLATE_NOOP("ReviewPanel", "Next page in the queue")),
    ("PgUp", QT_TRANSLATE_NOOP("ReviewPanel", "Previous page in the queue")),
    ("Ctrl+Shift+A", QT_TRANSLATE_NOOP("ReviewPanel", "Approve the page")),
    ("Ctrl+Shift+B", QT_TRANSLATE_NOOP("ReviewPanel", "Return the page with a comment")),
)
# Keys of those who verify approved pages (a revenue officer), listed for them only
VERIFY_KEYS = (
    ("Ctrl+Shift+V", QT_TRANSLATE_NOOP("ReviewPanel", "Verify the page")),
)


def review_keys(role: str) -> tuple:
    """The review screen's keys for someone of `role` (a verifier's too)."""
    return REVIEW_KEYS + (VERIFY_KEYS if role in workflow.TRANSITIONS["verify"].roles else ())


def queue_order(q: queries.QueuePage) -> tuple:
    """Where a page stands in the queue's tree: register, clerk, page number."""
    return q.register_name, q.register_id, q.clerk, q.page_no, q.page_id


class ReviewPanel(QWidget):
    """Queue on the left (register → clerk → pages), the page under review on the right."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ReviewPanel")
        self.queue: list[queries.QueuePage] = []
        self._keys: dict[int, tuple] = {}  # page id -> queue_order() of the pages in the queue
        self._anchor: tuple | None = None  # queue_order() of the page shown, kept once it left the queue
        self.require_verification = False
        self._build_ui()
        ctx.bus.changed.connect(self._on_changes)
        self.refresh()

    def _build_ui(self) -> None:
        left = QWidget(self)
        lay = QVBoxLayout(left)
        lay.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Waiting for:"), left))
        self.state_box = QComboBox(left)
        self.state_box.setObjectName("queueState")
        self.state_box.addItem(self.tr("review (submitted)"), workflow.SUBMITTED)
        if self.verifier():
            self.state_box.addItem(self.tr("verification (approved)"), workflow.APPROVED)
        self._chosen = False  # the queue is chosen by the reviewer (else the first refresh picks it)
        self.state_box.currentIndexChanged.connect(self._on_queue_chosen)
        top.addWidget(self.state_box, 1)
        lay.addLayout(top)
        self.tree = QTreeWidget(left)
        self.tree.setObjectName("reviewQueue")
        self.tree.setHeaderLabels([self.tr("Register / clerk / page"), self.tr("Rows")])
        self.tree.setFont(urdu_font(11))
        self.tree.setItemDelegate(LogicalElideDelegate(self.tree))  # a cut title keeps what tells it apart, never cuts a year
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # the titles take the room the row counts leave, cut by the delegate (what tells them apart kept): sized
        # to their contents, a title wider than the queue pushed the Rows column out of sight
        # and scrolled, its year's digits cut at the edge ("992-93")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.viewport().installEventFilter(self)  # (resized: the titles' column follows, _fit_columns)
        self.tree.currentItemChanged.connect(self._on_current)
        lay.addWidget(self.tree, 1)
        # an empty queue says why it is empty (a blank list and page looked broken)
        self.empty_hint = QLabel(left)
        self.empty_hint.setObjectName("reviewEmpty")
        wrapping(self.empty_hint)
        self.empty_hint.setFont(urdu_font(10))
        self.empty_hint.hide()
        lay.addWidget(self.empty_hint)
        self.counts = QLabel(left)
        self.counts.setObjectName("reviewCounts")
        wrapping(self.counts)
        self.counts.setFont(urdu_font(10))
        lay.addWidget(self.counts)
        self.bulk_btn = QPushButton(self.tr("Approve selected pages…"), left)
        self.bulk_btn.setObjectName("bulkApprove")
        self.bulk_btn.clicked.connect(lambda _=False: self.act_on_selected_pages())
        lay.addWidget(self.bulk_btn)
        self.status = QLabel(left)
        self.status.setObjectName("reviewStatus")
        wrapping(self.status)
        self.status.setFont(urdu_font(10))  # (as the counts above it: Urdu messages in the UI's plain font were cramped)
        lay.addWidget(self.status)

        self.page_view = ReviewPageView(self.ctx, self)
        self.page_view.acted.connect(lambda _a, _p: self.refresh(keep_page=True))
        self.page_view.outdated.connect(lambda _p: self.refresh(keep_page=True))  # (changed in another copy)

        self.split = split = QSplitter(self)
        split.setObjectName("reviewSplit")
        split.addWidget(left)
        split.addWidget(self.page_view)
        split.setSizes([300, 1000])
        for name, sp in self.splitters().items():
            restore_splitter(sp, name)  # as the supervisor left them
        self._add_keys()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

    def splitters(self) -> dict:
        """The review's splitters whose sizes are remembered on this computer (MainWindow)."""
        return {"review": self.split, "review_page": self.page_view.split}

    # -- data -------------------------------------------------------------
    def waited_state(self) -> str:
        return self.state_box.currentData() or workflow.SUBMITTED

    def refresh(self, *, keep_page: bool = False) -> None:
        """Reload the queue and the counts in the background."""
        state = self.waited_state()
        choose = self.verifier() and not self._chosen  # (a revenue officer's first look)
        self._refreshes = getattr(self, "_refreshes", 0) + 1
        gen = self._refreshes

        def body(s):
            rv, waiting = verification_required(s), queries.waiting_pages(s)
            st = workflow.APPROVED if choose and rv and waiting[workflow.APPROVED] else state
            return st, queries.review_queue(s, state=st), queries.queue_counts(s), rv, waiting

        def done(res) -> None:
            if gen != self._refreshes:  # a later refresh (another queue chosen) is the one to show
                return
            st, queue, counts, rv, waiting = res
            self._chosen = True
            self._name_queues(waiting)
            if st != self.waited_state():  # the verification queue, where his pages wait
                self.state_box.blockSignals(True)
                self.state_box.setCurrentIndex(self.state_box.findData(st))
                self.state_box.blockSignals(False)
            self.queue = queue
            self.require_verification = rv
            self.page_view.require_verification = rv
            self.page_view.waiting = st
            self._fill_tree(keep_page)
            self._fill_counts(counts)
            self.page_view._update_buttons()

        read_op(body).success(done).run_in_background(self.ctx)

    def verifier(self) -> bool:
        """Whether the signed-in user verifies approved pages (a revenue officer)."""
        return self.ctx.actor.role in workflow.TRANSITIONS["verify"].roles

    def _on_queue_chosen(self, _index: int) -> None:
        self._chosen = True
        self.refresh()

    def _name_queues(self, waiting: dict[str, int]) -> None:
        """Each queue named with how many pages wait in it ("verification (approved): 5
        pages"): nothing said that pages waited for a revenue officer's verification, nor
        how many, and his review opened on the clerks' submitted pages."""
        for i in range(self.state_box.count()):
            st = self.state_box.itemData(i)
            n = waiting.get(st, 0)
            if st == workflow.SUBMITTED:
                text = self.tr("review (submitted): {n} page(s)", "", n)
            else:
                text = self.tr("verification (approved): {n} page(s)", "", n)
            self.state_box.setItemText(i, text.format(n=number_text(n, urdu_digits=self.ctx.prefs.urdu_digits)))

    def _fill_tree(self, keep_page: bool) -> None:
        """The queue as a tree; with `keep_page` (after a review action or any change of
        states) the page shown is loaded again to show its state now, selected in the queue
        while it is still there (a page that left the queue stays in view, its buttons
        following its rows: before, it kept saying "submitted" with Approve enabled)."""
        current = self._shown_page_id() if keep_page else None
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[tuple[int, str], dict[str, list[queries.QueuePage]]] = defaultdict(lambda: defaultdict(list))
        self._keys = {q.page_id: queue_order(q) for q in self.queue}
        for q in sorted(self.queue, key=queue_order):  # the tree's order, which PgDn / PgUp follow
            groups[(q.register_id, q.register_name)][q.clerk].append(q)
        select_item = None
        for (_rid, name), clerks in groups.items():
            reg_item = QTreeWidgetItem([name, number_text(sum(len(v) for v in clerks.values()))])
            reg_item.setFlags(reg_item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            reg_item.setToolTip(0, name)  # (the queue is narrow at 1366 px: a long name is cut)
            self.tree.addTopLevelItem(reg_item)
            for clerk, pages in clerks.items():
                c_item = QTreeWidgetItem([self.tr("{clerk} ({n} pages)", "", len(pages)).format(clerk=clerk, n=number_text(len(pages))), ""])
                c_item.setFlags(c_item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                reg_item.addChild(c_item)
                for q in pages:
                    it = QTreeWidgetItem([self.tr("Page {n}").format(n=number_text(q.page_no)), number_text(q.rows)])
                    it.setData(0, PageIdRole, q.page_id)
                    if self.ctx.actor.id in q.clerk_ids:
                        it.setToolTip(0, self.tr("Your own work: another revenue officer must verify it")
                                      if self.waited_state() == workflow.APPROVED
                                      else self.tr("Your own work: another reviewer must approve it"))
                        it.setForeground(0, Qt.GlobalColor.gray)
                    c_item.addChild(it)
                    if q.page_id == current:
                        select_item = it
        self.tree.expandAll()
        self._fit_columns()
        if select_item is not None:
            self.tree.setCurrentItem(select_item)  # signals blocked: loaded below, its notice kept
            self._anchor = self._keys[current]
        self.tree.blockSignals(False)
        if current is not None:
            self.page_view.show_page(current, keep_notice=True)
        elif not keep_page:
            self._anchor = None
            self.page_view.clear()
        # the verification queue's pages are verified in bulk as the review's are approved (its
        # button was "Approve selected pages…", disabled: a revenue officer opened every page)
        verifying = self.waited_state() == workflow.APPROVED
        self.bulk_btn.setText(self.tr("Verify selected pages…") if verifying else self.tr("Approve selected pages…"))
        self.bulk_btn.setEnabled(bool(self.queue) and (not verifying or self.require_verification))
        if self.waited_state() == workflow.SUBMITTED:
            hint = self.tr("No page waits for review. Pages appear here when clerks submit them.")
        else:
            hint = self.tr("No page waits for verification. Pages appear here when they are approved.")
        self.empty_hint.setText(hint)
        self.empty_hint.setVisible(not self.queue)

    def _fit_columns(self) -> None:
        """The titles' column as wide as its titles, but no wider than the room the Rows column
        leaves (a title wider than the queue pushed the row counts out of sight and scrolled,
        its register's year cut at the queue's edge: "992-93"); a title cut loses its end."""
        header = self.tree.header()
        room = self.tree.viewport().width() - header.sectionSize(1)
        # (no narrower than its heading: an empty queue cut it to "Register / cle")
        want = max(self.tree.sizeHintForColumn(0), header.sectionSizeHint(0))
        self.tree.setColumnWidth(0, max(40, min(want, room)))

    def eventFilter(self, obj, event) -> bool:  # noqa: D102 - Qt override
        if obj is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(obj, event)

    def _shown_page_id(self) -> int | None:
        """The page chosen in the queue (its load may still be under way: PgDn just
        pressed), else the page shown (one that left the queue)."""
        item = self.tree.currentItem()
        pid = item.data(0, PageIdRole) if item is not None else None
        if pid is None and self.page_view.data is not None:
            pid = self.page_view.data.page.id
        return pid

    def _fill_counts(self, counts: queries.QueueCounts) -> None:
        order = [s for s in workflow.STATES if s in counts.by_state]
        # (in the office's digits, as the register list: they were Latin whatever it chose)
        parts = [self.tr("Pages: ") + " · ".join(f"{self.tr(s)} {number_text(counts.by_state[s])}" for s in order)]
        for clerk, st in counts.by_clerk.items():
            parts.append(f"{clerk}: " + " · ".join(f"{self.tr(s)} {number_text(n)}" for s, n in st.items()))
        self.counts.setText("\n".join(parts))

    def page_items(self) -> list[QTreeWidgetItem]:
        """Every page item of the queue tree, in order."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            reg = self.tree.topLevelItem(i)
            for j in range(reg.childCount()):
                clerk = reg.child(j)
                out += [clerk.child(k) for k in range(clerk.childCount())]
        return out

    def step_page(self, step: int) -> None:
        """Next (+1) or previous (-1) page of the queue (PgDn / PgUp in the review). After
        the page shown left the queue (approved, returned), the page that followed or
        preceded it where it stood (before, PgDn went back to the top of the queue)."""
        items = self.page_items()
        if not items:
            return
        current = self.tree.currentItem()
        if current in items:
            i = items.index(current) + step
        elif self._anchor is not None:
            keys = [self._keys[it.data(0, PageIdRole)] for it in items]
            i = bisect_right(keys, self._anchor) if step > 0 else bisect_left(keys, self._anchor) - 1
        else:
            i = 0
        if 0 <= i < len(items):
            self.tree.setCurrentItem(items[i])

    def _add_keys(self) -> None:
        """Keyboard first for supervisors too: keys that work anywhere in the review screen
        (REVIEW_KEYS, and VERIFY_KEYS for a revenue officer, which Help › Keyboard shortcuts
        lists too: Verify page had no key, the one step of the review done by mouse only)."""
        view = self.page_view
        slots = {"PgDown": (lambda: self.step_page(1), None), "PgUp": (lambda: self.step_page(-1), None),
                 "Ctrl+Shift+A": (view.approve_page, view.approve_btn),
                 "Ctrl+Shift+B": (view.return_page, view.return_btn),
                 "Ctrl+Shift+V": (view.verify_page, view.verify_btn)}
        for key, text in review_keys(self.ctx.actor.role):
            slot, button = slots[key]
            act = QAction(self.tr(text), self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            # the page's buttons act only when they could be pressed (not one's own work)
            act.triggered.connect(lambda _=False, s=slot, b=button: (b is None or b.isEnabled()) and s())
            self.addAction(act)
            if button is not None:
                button.setToolTip(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText))
        view.verify_key = view.verify_btn.toolTip()  # (kept by the button's states: it was cleared)

    def select_page(self, page_id: int) -> bool:
        for it in self.page_items():
            if it.data(0, PageIdRole) == page_id:
                self.tree.setCurrentItem(it)
                return True
        return False

    def _on_current(self, current, _previous) -> None:
        pid = current.data(0, PageIdRole) if current is not None else None
        if pid is not None:
            self._anchor = self._keys.get(pid)
            self.page_view.show_page(pid)

    def _on_changes(self, changes, _initiator) -> None:
        if changes.workflow:
            self.refresh(keep_page=True)

    # -- bulk approval ------------------------------------------------------
    def selected_page_ids(self) -> list[int]:
        return [pid for it in self.tree.selectedItems() if (pid := it.data(0, PageIdRole)) is not None]

    def _ask(self, title: str, question: str, n_pages: int, n_rows: int) -> bool:
        """Yes or No (No by default) to `question`, its {rows} and {of_pages} filled in: two
        counts, the pages' words a phrase of their own with its plural forms (one page, pages)."""
        text = question.format(rows=number_text(n_rows),
                               of_pages=self.tr("of {n} page(s)", "", n_pages).format(n=number_text(n_pages)))
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def confirm_bulk(self, n_pages: int, n_rows: int) -> bool:
        """The explicit confirmation bulk approval needs."""
        return self._ask(self.tr("Approve pages"), self.tr("Approve {rows} row(s) {of_pages} without opening each one?\n"
                                                           "Your name is recorded as the approver of every row."),
                         n_pages, n_rows)

    def act_on_selected_pages(self) -> None:
        """The queue's button: approve the selected pages, or verify them in the verification queue."""
        if self.waited_state() == workflow.APPROVED:
            self.verify_selected_pages()
        else:
            self.approve_selected_pages()

    def confirm_bulk_verify(self, n_pages: int, n_rows: int) -> bool:
        """The explicit confirmation bulk verification needs."""
        return self._ask(self.tr("Verify pages"), self.tr("Verify {rows} row(s) {of_pages} without opening each one?\n"
                                                          "Your name is recorded as the verifier of every row."),
                         n_pages, n_rows)

    def verify_selected_pages(self) -> None:
        """Verify the selected pages' approved rows after an explicit confirmation, as
        approve_selected_pages approves: exactly the rows the confirmation counted, as they
        were then. Pages of one's own work and rows one approved oneself are left for another
        revenue officer (nobody verifies his own work, nor what he approved)."""
        ids = self.selected_page_ids()
        if not ids:
            self.status.setText(self.tr("Select the pages to verify in the queue first."))
            return
        me = self.ctx.actor.id
        pages = [q for q in self.queue if q.page_id in ids]
        own = [q for q in pages if me in q.clerk_ids]
        ids = [q.page_id for q in pages if q not in own]
        skipped = (self.tr("{n} page(s) of your own work were left for another revenue officer. ", "",
                           len(own)).format(n=number_text(len(own))) if own else "")

        def counted(s) -> tuple[list[services.Seen], int]:  # what the confirmation counts, as it is now
            rows = [r for pid in ids for r in services.page_rows(s, pid) if r.state == workflow.APPROVED]
            mine = set(s.scalars(select(Entry.id).where(Entry.id.in_([r.entry_id for r in rows]),
                                                        Entry.approved_by == me)))
            return [services.seen_of(r) for r in rows if r.entry_id not in mine], len(mine)

        read_op(counted).success(lambda res: self._confirm_and_verify(*res, skipped)).run_in_background(self.ctx)

    def _confirm_and_verify(self, seen: list[services.Seen], approved_by_me: int, skipped: str) -> None:
        if approved_by_me:
            skipped += self.tr("{n} row(s) you approved yourself were left for another revenue officer. ", "",
                               approved_by_me).format(n=number_text(approved_by_me))
        if not seen:
            self.status.setText(skipped + self.tr("Nothing to verify."))
            self.refresh(keep_page=True)
            return
        n_pages = len({x.page_id for x in seen})
        if not self.confirm_bulk_verify(n_pages, len(seen)):
            self.status.setText(self.tr("Nothing verified."))
            return
        actor, rv = self.ctx.actor, self.require_verification
        entry_ids = [x.entry_id for x in seen]

        def done(ch) -> None:
            n = len(ch.entry_ids)
            on_pages = self.tr("on {n} page(s)", "", n_pages).format(n=number_text(n_pages))
            self.status.setText(skipped + self.tr("Verified {n} row(s) {on_pages}.", "", n).format(
                n=number_text(n), on_pages=on_pages))

        def refused(e: BaseException) -> None:
            if isinstance(e, services.ChangedSinceShown):
                self.status.setText(error_text(e))
                self.page_view.show_changed(e)
                self.refresh(keep_page=True)
                return
            self.status.setText(self.tr("Nothing verified: {reason}").format(reason=error_text(e)))

        (write_op(lambda s: services.transition(s, actor=actor, entry_ids=entry_ids, action="verify", seen=seen,
                                                require_verification=rv))
         .success(done).failure(refused).run_in_background(self.ctx))

    def approve_selected_pages(self) -> None:
        """Approve the selected pages' submitted rows after an explicit confirmation. The
        confirmation counts the rows as they are when it is asked, and exactly those rows,
        as they were then, are approved: a row changed meanwhile (returned, corrected and
        submitted again in another copy of Daftar) refuses the whole approval, and a row
        submitted meanwhile is not approved unseen."""
        ids = self.selected_page_ids()
        if not ids:
            self.status.setText(self.tr("Select the pages to approve in the queue first."))
            return
        pages = [q for q in self.queue if q.page_id in ids]
        own = [q for q in pages if self.ctx.actor.id in q.clerk_ids]
        pages = [q for q in pages if q not in own]
        ids = [q.page_id for q in pages]
        skipped = (self.tr("{n} page(s) of your own work were left for another reviewer. ", "", len(own)).format(
            n=number_text(len(own)))
                   if own else "")
        if not pages:
            self.status.setText(skipped + self.tr("Nothing to approve."))
            return

        def counted(s) -> list[services.Seen]:  # what the confirmation counts, as it is now
            return [services.seen_of(r) for pid in ids for r in services.page_rows(s, pid) if r.state == workflow.SUBMITTED]

        read_op(counted).success(lambda seen: self._confirm_and_approve(seen, skipped)).run_in_background(self.ctx)

    def _confirm_and_approve(self, seen: list[services.Seen], skipped: str) -> None:
        if not seen:
            self.status.setText(skipped + self.tr("Nothing to approve."))
            self.refresh(keep_page=True)  # (the queue was behind: approved or returned meanwhile)
            return
        n_pages = len({x.page_id for x in seen})
        if not self.confirm_bulk(n_pages, len(seen)):
            self.status.setText(self.tr("Nothing approved."))
            return
        actor = self.ctx.actor
        entry_ids = [x.entry_id for x in seen]

        def done(ch) -> None:
            n = len(ch.entry_ids)
            on_pages = self.tr("on {n} page(s)", "", n_pages).format(n=number_text(n_pages))
            self.status.setText(skipped + self.tr("Approved {n} row(s) {on_pages}.", "", n).format(
                n=number_text(n), on_pages=on_pages))

        def refused(e: BaseException) -> None:
            if isinstance(e, services.ChangedSinceShown):
                self.status.setText(error_text(e))
                self.page_view.show_changed(e)  # the page shown, if it is one of them, marked
                self.refresh(keep_page=True)  # the queue and the page shown as they are now
                return
            self.status.setText(self.tr("Nothing approved: {reason}").format(reason=error_text(e)))

        (write_op(lambda s: services.transition(s, actor=actor, entry_ids=entry_ids, action="approve", seen=seen))
         .success(done).failure(refused).run_in_background(self.ctx))
