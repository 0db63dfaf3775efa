"""The sync panel: the outbox queue, progress, last success, errors in clerk words, Sync now, Pause,
(supervisors) sending again the entries a refused batch held back, an entry in conflict
compared with the central server's copy (desktop.conflict_dialog), which a supervisor may take,
and "Check with the server": everything the server holds of this office's entries compared
with what was sent now (`daftar sync --reconcile`), not at the next daily check.

Self-contained; the main window wires it to a workspace:

    panel = SyncPanel(
        run_pass=lambda progress: SyncEngine(ws, progress=progress).run_once(),
        reconcile=lambda progress: SyncEngine(ws, progress=progress).run_once(reconcile=True),
        status=lambda: engine.queue_status(ws),
        set_paused=lambda p: engine.set_paused(ws, p),
        reachable=lambda: engine.connection_state(ws),
    )
    panel.watch(60_000)   # poll the connection; sync by itself when it comes back
    ctx.bus.changed.connect(panel.records_changed)  # counts follow review actions

Every callable runs in a background thread (never on the UI thread) and only plain values
(`SyncReport`, `QueueStatus`) come back, through queued signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop import mainthread
from desktop.bidi import isolate, ltr, shown_value
from desktop.fonts import NASKH, load_fonts
from desktop.i18n import message, number_text, template_title
from desktop.labels import wrapping
from desktop.qt import (
    QFont,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    qconnect,
)
from records.text import isolate_numbers
from sync.problem import Problem

REJECTED_PREFIX = "Rejected by the central office: "  # how the engine words a rejection (sync/engine.py)

Progress = Callable[[str, int, int], None]


def shown_message(text: str) -> str:
    """A message of the engine or the server (a central office's reason quoting an area
    `رقبہ 12-5 درست نہیں`) in the interface language, its numbers kept left to right: next
    to Urdu, bidi drew `12-5` as `5-12` (message() leaves English as it is, and values
    inside Urdu templates unisolated)."""
    return isolate_numbers(message(text))


def _sync_time(iso: str):
    """An ISO time of the sync state (UTC) as a naive datetime, None if it cannot be read."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(iso.rstrip("Z")).replace(tzinfo=None)
    except ValueError:
        return None


def _when(iso: str) -> str:
    """An ISO time from the sync state (stored in UTC) in this computer's local time (an
    office's clock: 11:57, not "06:57 UTC"), in the office's date format and digits."""
    import datetime as dt

    from desktop.i18n import date_text

    t = _sync_time(iso)
    if t is None:
        return iso
    return date_text(t.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None), time=True)


STALE_DAYS = 7  # entries waiting longer than this since the last sync: said in orange
DATED_AHEAD = -1  # _days_since: the time is after this computer's clock (set back since): its age is not known


def utcnow():
    """Now by this computer's clock, in UTC without a zone (as the sync state's times are read)."""
    import datetime as dt

    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _days_since(iso: str) -> int | None:
    """Whole days since an ISO time of the sync state, None if it cannot be read; DATED_AHEAD
    when it is after now by more than the engine's CLOCK_SLACK (10 minutes): the clock was set
    back since (it said 0 days, as if the office had synced moments before)."""
    import datetime as dt

    t = _sync_time(iso)
    if t is None:
        return None
    age = utcnow() - t
    return DATED_AHEAD if age < -dt.timedelta(minutes=10) else max(0, age.days)


RECEIVED = ("acknowledged", "accepted", "rejected")  # as sync.engine.RECEIVED (not imported on the UI thread)


def _received(status) -> int:
    """Entries the central server has received by a QueueStatus (0 when it could not be read)."""
    counts = getattr(status, "counts", None) or {}
    return sum(counts.get(k, 0) for k in RECEIVED)


class SyncPanel(QWidget):
    """Shows the sync queue and runs passes in a worker. Signals: `finished(report)`."""

    finished = Signal(object)
    open_entry = Signal(int, int)  # (page id, entry id): a problem's entry, double-clicked
    taken = Signal(object)  # the server's copy of an entry in conflict was taken (records.conflicts.Taken)

    CHANGES_SETTLE_MS = 700  # records changed: the queue is read again after this quiet time

    def __init__(self, *, run_pass: Callable[[Progress], object], status: Callable[[], object],
                 set_paused: Callable[[bool], None], reachable: Callable[[], bool | str] | None = None,
                 resend: Callable[[], int | str] | None = None, seal: Callable[[int], object] | None = None,
                 handover: Callable[[int], object] | None = None, usb: Callable[[], object] | None = None,
                 compare: Callable[[str, int], object] | None = None, take: Callable[[object], object] | None = None,
                 reconcile: Callable[[Progress], object] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncPanel")
        self._run_pass, self._status, self._set_paused, self._reachable = run_pass, status, set_paused, reachable
        # a pass that first compares everything the server holds of this office's entries with
        # what was sent, and sends again what it lost (`daftar sync --reconcile`): its SyncReport
        self._reconcile = reconcile
        # seals what refused batches held back into a new batch (supervisors): how many, or
        # why nothing was (the core's refusal, a str)
        self._resend = resend
        # seals the approved entries into a new batch (supervisors), given the number the button
        # says: its BatchInfo, None when that many are no longer ready (nothing sealed), or why
        # nothing was sealed (the core's refusal, a str: entries changed outside Daftar)
        self._seal = seal
        self._ready_shown = 0  # the number of approved or verified entries the seal button says
        self._verified_shown = 0  # of them, the verified ones (each state is named as it is)
        self._handover = handover  # saves a batch's handover sheet (the UI thread, given the batch id)
        self.last_batch: int | None = None  # the batch sealed here last (its handover sheet)
        self._usb = usb  # writes the oldest waiting batch to a file for a USB stick (supervisors)
        # an entry in conflict beside the server's copy (on a worker: a Comparison, or why not, a
        # str); taking the server's copy (supervisors: a Taken, or the core's refusal)
        self._compare, self._take = compare, take
        self.conflict_dialog = None
        self._busy = False
        self._paused = False
        self._resent_in_pass = 0  # entries the server had lost that the last pass sent again
        self._was_reachable: bool | None = None
        self._threads: list[threading.Thread] = []
        mainthread.install()

        lay = QVBoxLayout(self)
        title = QLabel(self.tr("Sending to the central office"), self)
        title.setStyleSheet("font-weight: bold; font-size: 12pt")
        lay.addWidget(title)
        self.queue_label = QLabel(self)
        self.queue_label.setObjectName("syncQueue")
        wrapping(self.queue_label)
        lay.addWidget(self.queue_label)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("syncState")
        wrapping(self.state_label)
        lay.addWidget(self.state_label)
        self.last_label = QLabel(self)
        self.last_label.setObjectName("syncLastSuccess")
        wrapping(self.last_label)  # (a date behind this computer's clock is said at length)
        lay.addWidget(self.last_label)
        self.problems_label = QLabel(self.tr("Problems"), self)
        lay.addWidget(self.problems_label)
        self.errors = QListWidget(self)
        self.errors.setObjectName("syncErrors")
        self.errors.setWordWrap(True)
        # the central office's reasons are Urdu: in Naskh, the rest in the interface's font (in
        # English the Urdu came in the Latin font's own Arabic letters, without Urdu's forms)
        font = QFont(self.errors.font())
        font.setFamilies([load_fonts().get(NASKH, "Noto Naskh Arabic"), *font.families()])
        self.errors.setFont(font)
        qconnect(self.errors.itemActivated, self._open_item)  # double-click or Enter: the entry's page
        qconnect(self.errors.currentItemChanged, self._on_current_problem)
        lay.addWidget(self.errors, 1)
        # shown only when there is a problem: the dock then leaves the page its room (on a
        # 768 px screen an empty list took a third of the height from the correction view)
        self.errors.model().rowsInserted.connect(self._show_problems)
        self.errors.model().modelReset.connect(self._show_problems)
        self.errors.model().rowsRemoved.connect(self._show_problems)
        row = QHBoxLayout()
        # approved entries are sent in sealed batches: a supervisor seals them here (it was a
        # command for IT only, so entries approved in the app never reached the server)
        self.seal_btn = self._button(row, "syncSeal", self.tr("Put approved entries in a batch"), self.tr(
            "Seals every approved entry not yet sent into a signed batch, sent with this sync and the next "
            "ones until the server has it."), seal is not None)
        self.handover_btn = self._button(row, "syncHandover", self.tr("Handover sheet…"), self.tr(
            "The batch just made, on paper for signatures: its entries, their count and the batch's hash."),
            False)  # shown once a batch was made here
        self.handover_btn.setEnabled(True)
        self.usb_btn = self._button(row, "syncUsb", self.tr("Batch file for USB…"), self.tr(
            "Without a connection for long: the batch waiting to be sent, as a file to carry to the central "
            "office on a USB stick."), usb is not None)
        self.sync_btn = QPushButton(self.tr("Sync now"), self)
        self.sync_btn.setObjectName("syncNow")
        self.pause_btn = QPushButton(self.tr("Pause"), self)
        self.pause_btn.setObjectName("syncPause")
        self.pause_btn.setCheckable(True)
        row.addWidget(self.sync_btn)
        row.addWidget(self.pause_btn)
        self.reconcile_btn = self._button(row, "syncReconcile", self.tr("Check with the server"), self.tr(
            "Compares everything the central server holds of this office's entries with what was sent, and sends "
            "again anything it lost (its database restored from an older backup). A sync does this by itself once "
            "a day."), reconcile is not None)
        self.reconcile_btn.setEnabled(True)
        self.resend_btn = self._button(row, "syncResend", self.tr("Send held-back entries again"), self.tr(
            "A batch is refused whole when one of its entries conflicts with the server's copy: its other "
            "entries go again in a new batch. The entry in conflict stays for a supervisor to decide."),
            resend is not None)
        self.compare_btn = self._button(row, "syncCompare", self.tr("Compare with the server's copy…"), self.tr(
            "The entry in conflict chosen under Problems beside the central server's copy of it, field by field."
            ), compare is not None)
        row.addStretch(1)
        lay.addLayout(row)
        self._show_problems()
        qconnect(self.sync_btn.clicked, self.sync_now)
        qconnect(self.reconcile_btn.clicked, self.check_with_server)
        qconnect(self.resend_btn.clicked, self.resend_held_back)
        qconnect(self.seal_btn.clicked, self.seal_approved)
        qconnect(self.handover_btn.clicked, self.save_handover)
        qconnect(self.usb_btn.clicked, lambda: self._usb() if self._usb is not None else None)
        qconnect(self.pause_btn.toggled, self._on_pause)
        qconnect(self.compare_btn.clicked, self.compare_selected)
        self._timer = QTimer(self)
        qconnect(self._timer.timeout, self._poll)
        # records changed elsewhere (pages approved or verified in the review): the counts and
        # the seal button are read again once the changes settle, not on every one of them
        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(self.CHANGES_SETTLE_MS)
        qconnect(self._changed_timer.timeout, self.refresh)
        self.queue_label.setText(self.tr("Reading the queue…"))
        self.refresh()

    def _button(self, row, name: str, text: str, tip: str, shown: bool) -> QPushButton:
        """A button of the panel's row, off until the queue says it has something to do."""
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setToolTip(tip)
        b.setVisible(shown)
        b.setEnabled(False)
        row.addWidget(b)
        return b

    # ------------------------------------------------------------------ public
    def _show_problems(self, *_args) -> None:
        has = self.errors.count() > 0
        self.problems_label.setVisible(has)
        self.errors.setVisible(has)
        # without a list to grow, the panel is as tall as its lines (its dock follows)
        self.setMaximumHeight(16777215 if has else self.layout().sizeHint().height())

    def refresh(self) -> None:
        """Read the queue status in the background and show it."""
        done, status = mainthread.sender(self, "_on_done"), self._status
        self._spawn(lambda: done(None, status()))

    def records_changed(self, changes=None, _initiator=None) -> None:
        """Slot for `ctx.bus.changed`: entries approved, verified, returned or edited change what
        can go in a batch; the queue is read again (in the background) once the changes settle."""
        if changes is None or getattr(changes, "workflow", False) or getattr(changes, "entries", False):
            self._changed_timer.start()

    def sync_now(self) -> None:
        """Run one pass in the background (ignored while one runs or when paused)."""
        if self._busy or self._paused:
            return
        self._started(self.tr("Sending…"))

        run_pass, status = self._run_pass, self._status
        progress, done = mainthread.sender(self, "_on_progress"), mainthread.sender(self, "_on_done")

        def work():
            report = run_pass(progress)
            done(report, status())

        self._spawn(work)

    def check_with_server(self) -> None:
        """Compare everything the central server holds of this office's entries with what was
        sent, send again what it lost, then the pass goes on as Sync now (in the background;
        ignored while a pass runs or when paused). The panel then says what the comparison found."""
        if self._reconcile is None or self._busy or self._paused:
            return
        self._started(self.tr("Comparing with the central server…"))
        reconcile, status = self._reconcile, self._status
        progress, done = mainthread.sender(self, "_on_progress"), mainthread.sender(self, "_on_checked")

        def work():
            before = status()  # (what the server had received before: nothing to compare when nothing)
            report = reconcile(progress)
            done(report, status(), _received(before))

        self._spawn(work)

    def _started(self, what: str) -> None:
        self._busy = True
        self._enable_passes()
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.state_label.setText(what)

    def _enable_passes(self) -> None:
        """Sync now and Check with the server: off while a pass runs or sync is paused."""
        self.sync_btn.setEnabled(not self._paused and not self._busy)
        self.reconcile_btn.setEnabled(not self._paused and not self._busy)

    def resend_held_back(self) -> None:
        """Seal the entries refused batches held back into a new batch (in the background),
        then send it unless sync is paused."""
        if self._resend is None or self._busy:
            return
        self.resend_btn.setEnabled(False)
        resend, status, done = self._resend, self._status, mainthread.sender(self, "_on_resent")
        self._spawn(lambda: done(resend(), status()))

    def seal_approved(self) -> None:
        """Seal the approved entries into a new batch (in the background), then send it
        unless sync is paused."""
        if self._seal is None or self._busy:
            return
        self.seal_btn.setEnabled(False)
        seal, status, done, shown = self._seal, self._status, mainthread.sender(self, "_on_sealed"), self._ready_shown
        self._spawn(lambda: done(seal(shown), status()))

    def save_handover(self):
        """The handover sheet of the batch made here last (asks where to save it)."""
        if self._handover is not None and self.last_batch is not None:
            return self._handover(self.last_batch)
        return None

    def watch(self, interval_ms: int = 60_000) -> None:
        """Check the connection now and every `interval_ms`; when it comes back, sync by
        itself. `reachable` answers True, False (no connection) or why the office cannot
        connect at all (not enrolled), which the panel shows as it is."""
        self._timer.start(interval_ms)
        self._poll()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop watching and wait for background work (call before closing)."""
        self._timer.stop()
        if self.conflict_dialog is not None:
            self.conflict_dialog.stop(timeout)
        for t in list(self._threads):
            t.join(timeout)
        self._threads = [t for t in self._threads if t.is_alive()]

    @property
    def busy(self) -> bool:
        return self._busy

    # ------------------------------------------------------------------ worker plumbing
    def _spawn(self, fn: Callable[[], None]) -> None:
        """Run `fn` on a thread. Neither `fn` nor this wrapper may hold the panel or any other
        Qt object: results go back through desktop.mainthread senders, which hold the panel
        weakly (a thread deleting a widget, or emitting on one being deleted, crashes Qt)."""
        failed = mainthread.sender(self, "_on_failed")

        def guarded():
            try:
                fn()
            except Exception as e:  # shown to the clerk, never lost in a thread
                from sync.engine import SyncError  # (on this thread: see desktop.oversight)

                failed(str(e) or e.__class__.__name__, isinstance(e, SyncError))

        self._threads = [t for t in self._threads if t.is_alive()]
        t = threading.Thread(target=guarded, daemon=True, name="sync-panel")
        self._threads.append(t)
        t.start()

    def _poll(self) -> None:
        if self._reachable is None or self._busy:
            return
        reach, reachable, status = mainthread.sender(self, "_on_reach"), self._reachable, self._status
        self._spawn(lambda: reach(reachable(), status()))

    # ------------------------------------------------------------------ UI thread slots
    def _on_reach(self, answer, status) -> None:
        ok = answer is True
        came_back = ok and self._was_reachable is False
        self._was_reachable = ok
        self._show_status(status)
        if isinstance(answer, str):  # cannot connect at all (not enrolled): say what to do
            self.state_label.setText(shown_message(answer))
        elif not ok:
            self.state_label.setText(self.tr("No connection to the central office. Sync will start by itself when the connection is back."))
        elif (came_back or getattr(status, "waiting", 0)) and not self._paused:
            self.sync_now()
        elif not self._busy:
            # said when the connection is there and nothing waits (the line was blank, or
            # still said "No connection" after the connection had come back)
            ready, verified = getattr(status, "ready", 0), getattr(status, "ready_verified", 0)
            if not ready:
                text = self.tr("Connected to the central office; nothing waits to be sent.")
            elif verified == ready:  # (verified entries were called approved)
                text = self.tr("Connected to the central office; {n} verified entries are not in a batch yet.", "", ready)
            elif verified:
                text = self.tr("Connected to the central office; {n} approved and verified entries are not in a "
                               "batch yet.", "", ready)
            else:
                text = self.tr("Connected to the central office; {n} approved entries are not in a batch yet.", "", ready)
            self.state_label.setText(text.format(n=number_text(ready)))

    def _on_progress(self, what: str, done: int, total: int) -> None:
        # (the engine says more, for `daftar sync`'s lines: the batch of the pass, bytes, resumed
        # uploads, waits; the bar shows the images counted, then a large batch's entries)
        if total and what in ("images", "batch"):
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            if what == "batch":  # a large batch's entries, after its page images (bytes: %p is the share sent)
                self.progress.setFormat(self.tr("The batch's entries: %p% sent"))
            else:
                self.progress.setFormat(self.tr("Page images: %v of %m"))

    def _on_done(self, report, status) -> None:
        if report is not None:
            self._busy = False
            self._enable_passes()
            self.progress.setVisible(False)
            self._show_report(report)
            self.finished.emit(report)
        self._show_status(status)

    def _on_checked(self, report, status, received_before: int) -> None:
        """Check with the server ended: the pass is shown as any, and what the comparison found
        is said before the pass's own line."""
        self._on_done(report, status)
        r = report
        if getattr(r, "paused", False):
            return
        if r.reconciled:
            found = []
            if r.entries_lost:
                found.append(self.tr("{n} entries it had lost are sent again.", "", r.entries_lost).format(n=number_text(r.entries_lost)))
            if r.entries_differ:
                found.append(self.tr("{n} entries it holds with other content are sent again: a supervisor decides "
                                     "them.").format(n=number_text(r.entries_differ)))
            if r.decisions_lost:
                found.append(self.tr("It no longer has its decision on {n} entries: it will decide them again.").format(
                    n=number_text(r.decisions_lost)))
            said = " ".join([self.tr("Compared with the central server."), *found]) if found \
                else self.tr("Compared with the central server: it holds everything this office sent.")
            said += " " + self.state_label.text()  # (the pass: what it sent, or that it did not finish)
        elif r.errors:
            said = self.tr("Could not compare with the central server: see why below. Nothing was lost.")
        elif not received_before:
            said = self.tr("Nothing this office sent had reached the central server yet: there was nothing to compare.")
        else:
            said = self.tr("The central server is older than this check: nothing could be compared.")
        self.state_label.setText(said)

    def _refused(self, why: str, status) -> None:
        """The core refused to seal (entries changed outside Daftar, ...): said where it stays,
        at the top of the problems, in the interface language; the state line points there."""
        self.errors.insertItem(0, shown_message(why))
        self._show_status(status)

    def _on_resent(self, entries: int | str, status) -> None:
        if isinstance(entries, str):
            self.state_label.setText(self.tr("Nothing was sent again: see why under Problems."))
            self._refused(entries, status)
            return
        self.state_label.setText(self.tr("{n} held-back entries are in a new batch.", "", entries).format(n=entries))
        self._show_status(status)
        if not self._paused:
            self.sync_now()

    def _on_sealed(self, batch, status) -> None:
        if batch is None:  # the entries ready changed since the button was drawn: nothing sealed
            ready, verified = getattr(status, "ready", 0), getattr(status, "ready_verified", 0)
            if not ready:
                text = self.tr("Nothing was put in a batch: no approved entries are waiting any more.")
            elif verified == ready:
                text = self.tr("Nothing was put in a batch: {n} verified entries are ready now, not {shown}. Check "
                               "the number on the button and press it again.")
            elif verified:
                text = self.tr("Nothing was put in a batch: {n} approved and verified entries are ready now, not "
                               "{shown}. Check the number on the button and press it again.")
            else:
                text = self.tr("Nothing was put in a batch: {n} approved entries are ready now, not {shown}. Check "
                               "the number on the button and press it again.")
            self.state_label.setText(text.format(n=number_text(ready), shown=number_text(self._ready_shown)))
            self._show_status(status)
            return
        if isinstance(batch, str):
            self.state_label.setText(self.tr("Nothing was put in a batch: see why under Problems."))
            self._refused(batch, status)
            return
        entries = getattr(batch, "entries", batch)
        self.last_batch = getattr(batch, "id", None)
        self.handover_btn.setVisible(self._handover is not None and self.last_batch is not None)
        verified = self._verified_shown if entries == self._ready_shown else 0  # (those the button named)
        if verified and verified == entries:
            text = self.tr("{n} verified entries are in a new batch.", "", entries)
        elif verified:
            text = self.tr("{n} approved and verified entries are in a new batch.", "", entries)
        else:
            text = self.tr("{n} approved entries are in a new batch.", "", entries)
        self.state_label.setText(text.format(n=number_text(entries)))
        self._show_status(status)
        if not self._paused:
            self.sync_now()

    def _on_failed(self, problem: str, explained: bool = False) -> None:
        """A pass (or other work) that raised: `explained` when the engine said why in words
        (SyncError: not enrolled, the CA file missing), which is then no "unexpected problem"."""
        self._busy = False
        self._enable_passes()
        self.progress.setVisible(False)
        if explained:
            self.state_label.setText(self.tr("Sync could not run. Nothing was lost: see why below."))
            self.errors.insertItem(0, shown_message(problem))
            return
        self.state_label.setText(self.tr("Sync stopped because of an unexpected problem. Nothing was lost."))
        self.errors.insertItem(0, self.tr("Unexpected problem: {msg}").format(msg=shown_message(problem)))

    def _on_pause(self, paused: bool) -> None:
        self._paused = paused
        self.pause_btn.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self._enable_passes()
        self.state_label.setText(self.tr("Sync is paused.") if paused else self.tr("Sync is on."))
        set_paused = self._set_paused  # (the thread must not hold the panel: see _spawn)
        self._spawn(lambda: set_paused(paused))

    def _show_report(self, r) -> None:
        if getattr(r, "paused", False):
            self.state_label.setText(self.tr("Sync is paused."))
        elif not r.errors:
            self.state_label.setText(self.tr("Done: {n} entries sent, {d} decisions received.").format(
                n=r.entries_acknowledged, d=r.decisions_applied))
        elif getattr(r, "link_dropped", False):  # the server was reached: not "no connection"
            self.state_label.setText(self.tr("The connection dropped during the sync. What the central server "
                                             "received is kept; the next sync goes on from there."))
        else:
            self.state_label.setText(self.tr("Sync did not finish. See the problems below."))
        self.errors.clear()
        for e in [*r.errors, *getattr(r, "warnings", ())]:  # (warnings: this computer's clock is wrong)
            self.errors.addItem(shown_message(e))  # the engine's words, in the interface language
        # entries the central server had lost (reconciliation): said until the next pass at least
        self._resent_in_pass = getattr(r, "entries_lost", 0)
        self._show_entries_resent(self._resent_in_pass)

    def _show_status(self, st) -> None:
        if st is None:
            return
        c = st.counts
        n = number_text  # (the office's digits: the counts were in Latin digits whatever it chose)
        counts = self.tr(
            "Waiting to send: {w}   ·   Sent, waiting for a decision: {a}   ·   Accepted: {ok}   ·   "
            "Rejected: {rej}   ·   Need a supervisor: {att}").format(
            w=n(st.waiting), a=n(c.get("acknowledged", 0)), ok=n(c.get("accepted", 0)), rej=n(c.get("rejected", 0)),
            att=n(c.get("conflict", 0) + c.get("failed", 0)))
        unverified = getattr(st, "unverified", 0)
        if unverified:  # said even when others are ready (the button names only those): none was said
            counts = self.tr("Waiting for a revenue officer's verification: {v}").format(v=n(unverified)) \
                + "   ·   " + counts
        self.queue_label.setText(counts)
        self.resend_btn.setEnabled(c.get("failed", 0) > 0 and not self._busy)
        ready, verified = getattr(st, "ready", 0), getattr(st, "ready_verified", 0)
        self._ready_shown, self._verified_shown = ready, verified
        self.seal_btn.setEnabled(ready > 0 and not self._busy)
        self.usb_btn.setEnabled(st.waiting > 0)
        # each state named as it is: the entries a revenue officer verified were "approved"
        if ready and verified == ready:
            self.seal_btn.setText(self.tr("Put {n} verified entries in a batch", "", ready).format(n=number_text(ready)))
        elif ready and verified:
            self.seal_btn.setText(self.tr("Put {n} approved and verified entries in a batch", "", ready).format(
                n=number_text(ready)))
        elif ready:
            self.seal_btn.setText(self.tr("Put {n} approved entries in a batch", "", ready).format(n=number_text(ready)))
        elif unverified:  # why nothing can go: the office wants a revenue officer's verification first
            self.seal_btn.setText(self.tr("{n} approved entries wait for a revenue officer's verification", "", unverified).format(
                n=number_text(unverified)))
        else:
            self.seal_btn.setText(self.tr("Put approved entries in a batch"))
        days = _days_since(st.last_success) if st.last_success else None
        last = self.tr("Last successful sync: {t}").format(t=_when(st.last_success) if st.last_success else self.tr("never"))
        if days == DATED_AHEAD:  # how long ago is not known: what to do is said, in orange
            last += " " + self.tr("(dated after this computer's clock: check its date and time)")
        elif days == 1:
            last += " " + self.tr("(yesterday)")
        elif days:
            last += " " + self.tr("({n} days ago)").format(n=number_text(days))
        stale = days == DATED_AHEAD or (st.waiting > 0 and days is not None and days >= STALE_DAYS)
        self.last_label.setText(last)
        self.last_label.setStyleSheet("color: #b35c00; font-weight: bold" if stale else "")
        if st.paused != self._paused:
            self.pause_btn.blockSignals(True)
            self.pause_btn.setChecked(st.paused)
            self.pause_btn.blockSignals(False)
            self._paused = st.paused
            self.pause_btn.setText(self.tr("Resume") if st.paused else self.tr("Pause"))
            self._enable_passes()
        self._show_decisions_lost(getattr(st, "decisions_lost_total", 0))
        self._show_no_verifier(getattr(st, "unverified", 0) if getattr(st, "no_verifier", False) else 0)
        self._show_entries_resent(max(getattr(st, "entries_resent", 0), self._resent_in_pass))
        shown = {self.errors.item(i).text() for i in range(self.errors.count())}
        for p in st.problems:
            p = p if isinstance(p, Problem) else Problem(*p)
            text = self._problem_text(p)
            if text in shown:
                continue
            item = QListWidgetItem(text)
            item.setToolTip(self.tr("Entry {uuid}, version {v}").format(uuid=p.entry_uuid, v=p.version))
            if p.page_id is not None and p.entry_id is not None:
                item.setData(Qt.ItemDataRole.UserRole, (p.page_id, p.entry_id))
                item.setToolTip(item.toolTip() + "\n" + self.tr("Double-click to open its page at this row."))
            if p.state == "conflict":
                item.setData(self.CONFLICT_ROLE, (p.entry_uuid, p.version, self._entry_name(p)))
                if self._compare is not None:
                    item.setToolTip(item.toolTip() + "\n" + self.tr(
                        "Compare with the server's copy… shows it beside this office's."))
            self.errors.addItem(item)
        self._on_current_problem(self.errors.currentItem())

    LOST_ROLE = Qt.ItemDataRole.UserRole + 1  # marks the line of decisions the server no longer has
    RESENT_ROLE = Qt.ItemDataRole.UserRole + 3  # marks the line of entries the server had lost, sent again
    CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 2  # an entry in conflict: (entry uuid, version, where it is)
    NO_VERIFIER_ROLE = Qt.ItemDataRole.UserRole + 4  # marks the line of entries nobody here can verify

    def _conflict_item(self):
        """The problem chosen, when it is an entry in conflict; else the only one in conflict."""
        item = self.errors.currentItem()
        if item is not None and item.data(self.CONFLICT_ROLE):
            return item
        found = [self.errors.item(i) for i in range(self.errors.count()) if self.errors.item(i).data(self.CONFLICT_ROLE)]
        return found[0] if len(found) == 1 else None

    def _on_current_problem(self, *_args) -> None:
        self.compare_btn.setEnabled(self._compare is not None and self._conflict_item() is not None)

    def compare_selected(self):
        """The entry in conflict chosen under Problems beside the server's copy (a dialog that
        fetches it in the background); returns the dialog."""
        item = self._conflict_item()
        if item is None or self._compare is None:
            return None
        uuid, version, place = item.data(self.CONFLICT_ROLE)
        from desktop.conflict_dialog import ConflictDialog

        if self.conflict_dialog is not None:
            self.conflict_dialog.close()
        dialog = ConflictDialog(entry_uuid=uuid, version=version, place=place, compare=self._compare,
                                take=self._take, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        dialog.on_taken = self._on_taken_copy
        self.conflict_dialog = dialog
        dialog.show()
        return dialog

    def _on_taken_copy(self, taken) -> None:
        """The server's copy was taken: its problem is gone, the queue is read again, and the
        window is told (its views of that page redraw)."""
        for i in reversed(range(self.errors.count())):
            data = self.errors.item(i).data(self.CONFLICT_ROLE)
            if data and self.conflict_dialog is not None and \
                    (data[0], data[1]) == (self.conflict_dialog.entry_uuid, self.conflict_dialog.version):
                self.errors.takeItem(i)
        self._on_current_problem()
        self.refresh()
        self.taken.emit(taken)

    def _show_decisions_lost(self, n: int) -> None:
        """One line at the top of the problems while the central server no longer has its
        decision on `n` entries held here as accepted or rejected (its database restored from
        a backup): it decides them again; the office keeps what it had until then."""
        item = next((self.errors.item(i) for i in range(self.errors.count())
                     if self.errors.item(i).data(self.LOST_ROLE)), None)
        if not n:
            if item is not None:
                self.errors.takeItem(self.errors.row(item))
            return
        text = self.tr("The central server no longer has its decision on {n} entries (its database was restored "
                       "from a backup?): it will decide them again.").format(n=number_text(n))
        if item is None:
            item = QListWidgetItem(text)
            item.setData(self.LOST_ROLE, True)
            item.setToolTip(self.tr("This office keeps the decision it had on these entries until the central "
                                    "office decides them again. `daftar sync --status` names them."))
            self.errors.insertItem(0, item)
        else:
            item.setText(text)

    def _show_no_verifier(self, n: int) -> None:
        """One line at the top of the problems while `n` approved entries wait for a revenue
        officer's verification that nobody here can give (a new office made with supervisors and
        clerks only): what the administrator does, in the words of `daftar batch seal`."""
        from records.outbox import unverified_message

        item = next((self.errors.item(i) for i in range(self.errors.count())
                     if self.errors.item(i).data(self.NO_VERIFIER_ROLE)), None)
        if not n:
            if item is not None:
                self.errors.takeItem(self.errors.row(item))
            return
        text = message(unverified_message(n, verifier=False))
        if item is None:
            item = QListWidgetItem(text)
            item.setData(self.NO_VERIFIER_ROLE, True)
            self.errors.insertItem(0, item)
        else:
            item.setText(text)

    def _show_entries_resent(self, n: int) -> None:
        """One line at the top of the problems while `n` entries the central server had lost
        (its database restored from a backup; found by reconciliation) are being sent again."""
        item = next((self.errors.item(i) for i in range(self.errors.count())
                     if self.errors.item(i).data(self.RESENT_ROLE)), None)
        if not n:
            if item is not None:
                self.errors.takeItem(self.errors.row(item))
            return
        text = self.tr("The central server had lost {n} entries; they are being sent again.", "", n).format(
            n=number_text(n))
        if item is None:
            item = QListWidgetItem(text)
            item.setData(self.RESENT_ROLE, True)
            item.setToolTip(self.tr("The central server's database was restored from an older backup: this office "
                                    "sends again, as they were sealed, the entries it no longer holds. Nothing is "
                                    "lost."))
            self.errors.insertItem(0, item)
        else:
            item.setText(text)

    def _problem_text(self, p: Problem) -> str:
        """A problem in words: what happened, the entry as people know it (register, page,
        row, khewat), and why, once ("Rejected by the central office — Jamabandi ڈھڈیال
        2018-19, page 3, row 5 (khewat 47): رقبہ 12-5 درست نہیں")."""
        label = {"conflict": self.tr("Needs a supervisor"), "failed": self.tr("Refused by the server"),
                 "rejected": self.tr("Rejected by the central office")}.get(p.state, p.state)
        if p.state == "rejected":  # the central office's own words (Urdu or English), said once
            why = shown_value(p.reason or p.message.removeprefix(REJECTED_PREFIX))
        else:
            why = shown_message(p.message)
        return self.tr("{problem} — {entry}: {why}").format(problem=label, entry=self._entry_name(p), why=why)

    def _entry_name(self, p: Problem) -> str:
        """Register kind, mauza and year, page, row and khewat of a problem's entry; its id
        only when the workspace no longer knows where it is."""
        if p.row_no is None:
            return ltr(f"{p.entry_uuid[:8]} v{p.version}")
        kind = (template_title(p.template_id) or p.template_id).split(" (")[0]  # "Jamabandi", not "(record of rights)"
        register = " ".join(x for x in (kind, isolate(p.mauza) if p.mauza else "",
                                         ltr(number_text(p.year)) if p.year else "") if x)
        row = number_text(p.row_no)
        if p.page_no is None:
            place = self.tr("{register}, row {row}").format(register=register, row=row)
        else:
            place = self.tr("{register}, page {page}, row {row}").format(
                register=register, page=number_text(p.page_no), row=row)
        if p.khewat:
            place += " " + self.tr("(khewat {khewat})").format(khewat=ltr(number_text(p.khewat)))
        return place

    def _open_item(self, item) -> None:
        where = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if where:
            self.open_entry.emit(*where)
