"""The sync panel: queue, progress, last success, errors in clerk words, Sync now, Pause."""

from __future__ import annotations

import re
import threading
from dataclasses import replace

import pytest
from sqlalchemy import select

from sync.engine import QueueStatus, SyncReport
from tests.sync.conftest import dev_certs, pg_cluster, pg_url, server, server_db  # noqa: F401  (fixtures)

pytestmark = pytest.mark.gui


class FakeOffice:
    """Stands in for the engine: records calls, returns plain values."""

    def __init__(self, report: SyncReport | Exception):
        self.report = report
        self.paused = False
        self.passes = 0
        self.sent = False
        self.online = True
        self.release = threading.Event()
        self.release.set()

    def run_pass(self, progress):
        self.release.wait(5)
        self.passes += 1
        progress("images", 1, 2)
        progress("images", 2, 2)
        if isinstance(self.report, Exception):
            raise self.report
        self.sent = not self.report.errors
        return self.report

    def status(self) -> QueueStatus:
        counts = {"acknowledged": 6} if self.sent else {"queued": 6, "conflict": 1}
        problems = () if self.sent else (("0a1b2c3d-uuid", 1, "conflict", "sent before with different content"),)
        return QueueStatus(counts, "2026-11-25T17:40:00Z" if self.sent else None, None, self.paused, problems)

    def set_paused(self, p: bool) -> None:
        self.paused = p


def make_panel(qtbot, office):
    from desktop.sync_panel import SyncPanel

    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused,
                      reachable=lambda: office.online)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: "Waiting to send: 6" in panel.queue_label.text())
    return panel


@pytest.fixture
def pakistan_time(monkeypatch):
    """This computer's clock on Pakistan time (UTC+5, no daylight saving)."""
    import time

    monkeypatch.setenv("TZ", "Asia/Karachi")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_sync_now_shows_the_result_and_last_success(qtbot, pakistan_time):
    # GIVEN a panel with 6 waiting entries and one conflict, on an office computer in Pakistan
    office = FakeOffice(SyncReport(batches_acknowledged=1, entries_acknowledged=6))
    panel = make_panel(qtbot, office)
    assert "never" in panel.last_label.text()
    assert "Needs a supervisor" in panel.errors.item(0).text()

    # WHEN the clerk presses Sync now
    with qtbot.waitSignal(panel.finished, timeout=5000) as sig:
        qtbot.mouseClick(panel.sync_btn, qtbot_button())

    # THEN the pass ran once in the background and the panel says what happened
    assert office.passes == 1 and sig.args[0].entries_acknowledged == 6
    # (in the office date format, and local time: the server's 17:40 UTC was shown as such)
    qtbot.waitUntil(lambda: "25-11-2026 22:40" in panel.last_label.text())
    assert "UTC" not in panel.last_label.text()
    assert "6 entries sent" in panel.state_label.text()
    assert "Sent, waiting for a decision: 6" in panel.queue_label.text()
    assert panel.sync_btn.isEnabled()
    panel.stop()


def qtbot_button():
    from desktop.qt import Qt

    return Qt.MouseButton.LeftButton


def test_errors_are_listed_in_clerk_words_and_nothing_is_marked_sent(qtbot):
    # GIVEN a pass that fails because the network is down
    msg = "Cannot reach the central server: no connection. Sync will try again."
    office = FakeOffice(SyncReport(errors=[msg]))
    panel = make_panel(qtbot, office)

    # WHEN the clerk syncs
    with qtbot.waitSignal(panel.finished, timeout=5000):
        panel.sync_now()

    # THEN the error is shown as written and the queue still waits
    texts = [panel.errors.item(i).text() for i in range(panel.errors.count())]
    assert msg in texts
    assert "did not finish" in panel.state_label.text()
    assert "Waiting to send: 6" in panel.queue_label.text()
    panel.stop()


def test_unexpected_exception_in_the_worker_is_shown_not_lost(qtbot):
    # GIVEN a pass that raises
    office = FakeOffice(RuntimeError("database is locked"))
    panel = make_panel(qtbot, office)

    # WHEN it runs
    panel.sync_now()

    # THEN the panel is usable again and shows the problem
    qtbot.waitUntil(lambda: panel.sync_btn.isEnabled() and panel.errors.count() >= 2)
    assert "database is locked" in panel.errors.item(0).text()
    assert "Nothing was lost" in panel.state_label.text()
    panel.stop()


def test_pause_stops_sync_now_and_is_stored(qtbot):
    # GIVEN a panel
    office = FakeOffice(SyncReport())
    panel = make_panel(qtbot, office)

    # WHEN the clerk presses Pause
    qtbot.mouseClick(panel.pause_btn, qtbot_button())

    # THEN the flag is stored, Sync now is off and does nothing
    qtbot.waitUntil(lambda: office.paused)
    assert not panel.sync_btn.isEnabled() and panel.pause_btn.text() == "Resume"
    panel.sync_now()
    panel.stop()
    assert office.passes == 0

    # WHEN resumed THEN Sync now works again
    qtbot.mouseClick(panel.pause_btn, qtbot_button())
    qtbot.waitUntil(lambda: not office.paused)
    assert panel.sync_btn.isEnabled()
    panel.stop()


def test_connection_coming_back_starts_a_sync_by_itself(qtbot):
    # GIVEN a watched panel while offline
    office = FakeOffice(SyncReport(entries_acknowledged=6))
    office.online = False
    panel = make_panel(qtbot, office)
    panel.watch(50)
    qtbot.waitUntil(lambda: "No connection" in panel.state_label.text())
    assert office.passes == 0

    # WHEN the connection returns
    with qtbot.waitSignal(panel.finished, timeout=5000):
        office.online = True

    # THEN it synced without a click
    assert office.passes >= 1
    panel.stop()


def test_screenshot(qtbot, tmp_path):
    # GIVEN a panel with a problem listed WHEN rendered THEN it has a sensible size
    office = FakeOffice(SyncReport())
    panel = make_panel(qtbot, office)
    panel.resize(640, 380)
    panel.show()
    qtbot.waitExposed(panel)
    path = tmp_path / "sync_panel.png"
    assert panel.grab().save(str(path))
    assert path.stat().st_size > 2000
    panel.stop()
    panel.close()


def _reachable_objects(fn, depth: int = 0) -> list:
    """Everything a function's closure reaches through nested functions (not into objects)."""
    out = []
    for cell in getattr(fn, "__closure__", None) or ():
        v = cell.cell_contents
        out.append(v)
        if callable(v) and not isinstance(v, type) and depth < 5:
            out += _reachable_objects(v, depth + 1)
    return out


def test_the_worker_thread_never_holds_the_panel(qtbot):
    # GIVEN a pass that waits until released
    import weakref

    from desktop.qt import QObject

    office = FakeOffice(SyncReport(batches_acknowledged=1, entries_acknowledged=6))
    panel = make_panel(qtbot, office)
    office.release.clear()
    # WHEN a sync runs on its thread
    panel.sync_now()
    (thread,) = [t for t in panel._threads if t.is_alive()]
    held = _reachable_objects(thread._target)
    office.release.set()
    # THEN what the thread holds reaches no Qt object (a thread dropping the last reference to
    # a widget deletes it off the GUI thread, one emitting on an object being deleted races
    # with it: Qt crashes), only plain callables and a weak reference to the panel
    assert not [o for o in held if isinstance(o, QObject)]
    assert any(isinstance(o, weakref.ref) and o() is panel for o in held)
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    panel.stop()


def test_a_supervisor_sends_the_entries_a_conflict_held_back_again(qtbot):
    from desktop.sync_panel import SyncPanel

    # GIVEN a batch refused because of one conflict: 5 entries held back ("failed")
    office = FakeOffice(SyncReport(batches_acknowledged=1, entries_acknowledged=5))
    held = {"failed": 5, "conflict": 1}
    office.status = lambda: QueueStatus(dict(held), None, None, False, ())
    resent = []

    def resend() -> int:
        resent.append(held.pop("failed"))
        held["queued"] = resent[-1]
        return resent[-1]

    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused, resend=resend)
    qtbot.addWidget(panel)
    panel.show()
    # THEN the panel offers to send them again
    qtbot.waitUntil(panel.resend_btn.isEnabled)
    assert panel.resend_btn.isVisible()
    # WHEN the supervisor presses it
    with qtbot.waitSignal(panel.finished, timeout=5000):
        qtbot.mouseClick(panel.resend_btn, qtbot_button())
    # THEN they went into a new batch (once), which was sent at once, and the button is off
    assert resent == [5] and office.passes == 1
    qtbot.waitUntil(lambda: not panel.resend_btn.isEnabled())
    panel.stop()


def test_the_resend_button_is_not_offered_without_the_right_to_batch(qtbot):
    from desktop.sync_panel import SyncPanel

    # GIVEN a panel made for a clerk (no resend given) with entries held back
    office = FakeOffice(SyncReport())
    office.status = lambda: QueueStatus({"failed": 5}, None, None, False, ())
    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: "Need a supervisor: 5" in panel.queue_label.text())
    # THEN there is no button for it
    assert not panel.resend_btn.isVisible()
    panel.stop()


def test_an_office_not_enrolled_is_told_what_to_do_at_once(qtbot, workspace):
    # GIVEN an office never enrolled with a central server, and its sync panel
    from desktop import i18n
    from desktop.qt import QApplication
    from desktop.sync_panel import SyncPanel
    from sync import engine

    office = FakeOffice(SyncReport())
    reason = engine.connection_state(workspace)
    assert isinstance(reason, str) and "not enrolled" in reason
    for lang in ("en", "ur"):
        i18n.apply_language(QApplication.instance(), lang)
        try:
            panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused,
                              reachable=lambda: engine.connection_state(workspace))
            qtbot.addWidget(panel)
            # WHEN it starts watching (the first check is at once, not a minute later)
            panel.watch(60_000)
            # THEN it says the office is not enrolled and what IT must do, not "no connection"
            qtbot.waitUntil(lambda p=panel: p.state_label.text() != "", timeout=3000)
            shown = panel.state_label.text()
            assert "daftar sync --enrol" in shown and "No connection" not in shown
            assert ("not enrolled" in shown) == (lang == "en")
            assert office.passes == 0
            panel.stop()
        finally:
            i18n.apply_language(QApplication.instance(), "en")


def test_sync_now_in_an_office_not_enrolled_says_why_not_an_unexpected_problem(qtbot, workspace):
    """Seen from the installed bundle: Sync now in an office never enrolled said "Sync stopped
    because of an unexpected problem", when the engine had said what IT must do."""
    from desktop.sync_panel import SyncPanel
    from sync import engine

    # GIVEN an office never enrolled, its panel running real passes
    office = FakeOffice(SyncReport())
    panel = SyncPanel(run_pass=lambda progress: engine.run_once(workspace, progress=progress),
                      status=office.status, set_paused=office.set_paused)
    qtbot.addWidget(panel)
    # WHEN Sync now is pressed
    panel.sync_now()
    # (the pass's end, not only a problem listed: once, on CI's busy cores, the label still
    # said "Sending…" when the wait ended)
    qtbot.waitUntil(lambda: panel.errors.count() > 0 and not panel._busy, timeout=10_000)
    # THEN it says sync could not run and why (what IT must do), no "unexpected problem"
    assert "unexpected" not in panel.state_label.text().lower()
    assert "could not run" in panel.state_label.text()
    shown = panel.errors.item(0).text()
    assert "daftar sync --enrol" in shown and "Unexpected" not in shown
    assert panel.sync_btn.isEnabled()
    panel.stop()


def test_entries_waiting_a_week_since_the_last_sync_are_pointed_out(qtbot):
    # GIVEN an office whose last successful sync was ten days ago, six entries waiting
    import datetime as dt

    office = FakeOffice(SyncReport())
    ten_days = (dt.datetime.now(dt.UTC) - dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    last = {"success": ten_days}
    office.status = lambda: QueueStatus({"queued": 6}, last["success"], None, False, ())
    # WHEN the panel shows its state
    panel = make_panel(qtbot, office)
    # THEN it says how long ago, in a colour that is seen
    assert "(10 days ago)" in panel.last_label.text() and "color" in panel.last_label.styleSheet()
    # GIVEN a sync yesterday THEN it is said plainly
    last["success"] = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1, hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    panel.refresh()
    qtbot.waitUntil(lambda: "(yesterday)" in panel.last_label.text())
    assert panel.last_label.styleSheet() == ""
    panel.stop()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_a_last_sync_dated_after_this_computers_clock_is_said_not_zero_days(qtbot, qapp, monkeypatch, lang):
    """The computer's clock set back behind the last sync: the panel said nothing of its age
    (0 days ago, as if it had synced moments before), and a week of entries waiting went unsaid."""
    import datetime as dt

    from desktop import i18n, sync_panel

    # GIVEN an office that last synced on 25 November 2026, six entries waiting, on a computer
    # whose clock now says 1 January 2026 (set back)
    office = FakeOffice(SyncReport())
    office.status = lambda: QueueStatus({"queued": 6}, "2026-11-25T17:40:00Z", None, False, ())
    monkeypatch.setattr(sync_panel, "utcnow", lambda: dt.datetime(2026, 1, 1, 9, 0))
    i18n.apply_language(qapp, lang)
    try:
        # WHEN the panel shows its state
        panel = sync_panel.SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused)
        qtbot.addWidget(panel)
        qtbot.waitUntil(lambda: "2026" in panel.last_label.text() or "۲۰۲۶" in panel.last_label.text())
        text = panel.last_label.text()
        # THEN it says the last sync is dated after this computer's clock, to check it, in a colour
        # that is seen; no age
        if lang == "ur":
            assert "اس کمپیوٹر کی گھڑی" in text and "clock" not in text
        else:
            assert text.endswith("(dated after this computer's clock: check its date and time)")
        assert "days ago" not in text and "دن پہلے" not in text and "color" in panel.last_label.styleSheet()
        # AND with the clock right again (two days after the sync) its age is said as before
        monkeypatch.setattr(sync_panel, "utcnow", lambda: dt.datetime(2026, 11, 27, 18, 0))
        panel.refresh()
        qtbot.waitUntil(lambda: "(2 days ago)" in panel.last_label.text() or "دن پہلے" in panel.last_label.text())
        assert panel.last_label.styleSheet() == ""
        panel.stop()
    finally:
        i18n.apply_language(qapp, "en")

def test_the_problems_list_shows_only_when_there_are_problems(qtbot):
    # GIVEN a panel whose queue holds no problem
    office = FakeOffice(SyncReport(entries_acknowledged=6))
    office.sent = True
    from desktop.sync_panel import SyncPanel

    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: "Waiting to send: 0" in panel.queue_label.text())
    # THEN no empty list takes room from the page above it (the dock is small)
    assert not panel.errors.isVisible() and panel.minimumSizeHint().height() < 200
    # WHEN a problem comes THEN the list shows it
    panel._on_failed("disk full")
    assert panel.errors.isVisible() and panel.errors.count() == 1
    panel.stop()


def test_the_panel_says_the_office_is_connected_when_nothing_waits(qtbot):
    from desktop.sync_panel import SyncPanel

    # GIVEN an office whose entries were all sent, offline at first
    office = FakeOffice(SyncReport(entries_acknowledged=6))
    office.sent, office.online = True, False
    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused,
                      reachable=lambda: office.online)
    qtbot.addWidget(panel)
    panel.watch(50)
    qtbot.waitUntil(lambda: "No connection" in panel.state_label.text())
    # WHEN the connection comes back and nothing waits to be sent
    office.online = True
    # THEN the panel says it is connected (it went on saying "No connection", or nothing)
    qtbot.waitUntil(lambda: "Connected to the central office" in panel.state_label.text(), timeout=5000)
    panel.stop()


def test_a_supervisor_puts_the_approved_entries_in_a_batch_and_they_are_sent(qtbot):
    from desktop.sync_panel import SyncPanel

    # GIVEN an office with 4 approved entries not yet in a batch (none could reach the server
    # from the app before: only sealed batches are sent, and sealing was a command for IT)
    office = FakeOffice(SyncReport(batches_acknowledged=1, entries_acknowledged=4))
    state = {"ready": 4, "queued": 0}
    office.status = lambda: QueueStatus({"queued": state["queued"]}, None, None, False, (), state["ready"])
    sealed = []

    def seal(shown: int) -> int:
        assert shown == state["ready"]  # the number the button said
        sealed.append(state["ready"])
        state["queued"], state["ready"] = state["ready"], 0
        return sealed[-1]

    carried = []
    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused, seal=seal,
                      reachable=lambda: True, usb=lambda: carried.append(state["queued"]))
    qtbot.addWidget(panel)
    panel.show()
    # THEN the panel offers to put them in a batch, saying how many
    qtbot.waitUntil(panel.seal_btn.isEnabled)
    assert panel.seal_btn.isVisible() and "4" in panel.seal_btn.text()
    # (and, connected, it does not say that nothing waits)
    panel.watch(60_000)
    qtbot.waitUntil(lambda: "4 approved entries are not in a batch yet" in panel.state_label.text())
    # WHEN the supervisor presses it
    with qtbot.waitSignal(panel.finished, timeout=5000):
        qtbot.mouseClick(panel.seal_btn, qtbot_button())
    # THEN they were sealed once and sent at once, and nothing more is offered
    assert sealed == [4] and office.passes == 1
    qtbot.waitUntil(lambda: not panel.seal_btn.isEnabled())
    # AND while the batch waits to be sent, it can be carried on a USB stick instead
    assert panel.usb_btn.isVisible()
    qtbot.waitUntil(panel.usb_btn.isEnabled)
    qtbot.mouseClick(panel.usb_btn, qtbot_button())
    assert carried == [4]
    panel.stop()


def test_verified_entries_are_called_verified_before_and_after_they_are_sealed(qtbot):
    from desktop.sync_panel import SyncPanel

    # GIVEN an office requiring verification, with 3 entries a revenue officer verified, not
    # yet in a batch, and 2 approved entries waiting for his verification
    office = FakeOffice(SyncReport(batches_acknowledged=1, entries_acknowledged=3))
    state = {"ready": 3, "queued": 0}
    office.status = lambda: QueueStatus({"queued": state["queued"]}, None, None, office.paused, (), state["ready"],
                                        unverified=2, ready_verified=state["ready"])

    def seal(shown: int) -> int:
        state["queued"], state["ready"] = state["ready"], 0
        return state["queued"]

    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused, seal=seal,
                      reachable=lambda: True)
    qtbot.addWidget(panel)
    panel.show()
    # WHEN the panel reads the queue, connected
    qtbot.waitUntil(panel.seal_btn.isEnabled)
    panel.watch(60_000)
    # THEN the verified entries are called verified, waiting to be put in a batch (the panel
    # called them "approved", as the approved ones still waiting for the verification)
    qtbot.waitUntil(lambda: "3 verified entries are not in a batch yet" in panel.state_label.text())
    assert panel.seal_btn.text() == "Put 3 verified entries in a batch"
    # WHEN the supervisor, sync paused, puts them in a batch  THEN the panel says verified
    # entries went in
    panel.pause_btn.click()
    qtbot.waitUntil(lambda: office.paused)
    qtbot.mouseClick(panel.seal_btn, qtbot_button())
    qtbot.waitUntil(lambda: panel.state_label.text() == "3 verified entries are in a new batch.")
    assert office.passes == 0
    panel.stop()


def test_the_seal_button_is_not_offered_without_the_right_to_batch(qtbot):
    office = FakeOffice(SyncReport())
    panel = make_panel(qtbot, office)
    # (a clerk's panel: no sealing callable given)
    assert not panel.seal_btn.isVisibleTo(panel)
    panel.stop()


# ----------------------------------------------------------------------------- counts follow the review


def _plain(text: str) -> str:
    from records.text import latin_digits

    return latin_digits(text).replace("\u2066", "").replace("\u2069", "")


def test_the_counts_follow_review_actions_and_are_read_off_the_ui_thread(qtbot, workspace, qapp, actors, monkeypatch):
    from desktop import oversight
    from desktop.operations import write_op
    from records import services
    from sync import engine
    from tests.desktop.test_roles import _approved_page, _window
    # GIVEN clerk1's page approved, waiting for the verification the office requires, and ro1's
    # sync panel saying so (sync paused: no server here)
    _pid, ids = _approved_page(workspace, actors)
    engine.set_paused(workspace, True)
    win = _window(qtbot, workspace, actors["ro1"])
    ui_thread, reads = threading.current_thread(), []
    real = engine.queue_status
    monkeypatch.setattr(engine, "queue_status", lambda ws: (reads.append(threading.current_thread()), real(ws))[1])
    try:
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(lambda: f"{len(ids)} approved entries wait" in _plain(panel.seal_btn.text()), timeout=5000)
        reads.clear()
        # WHEN ro1 verifies the page (as the review does: an operation announcing its changes)
        write_op(lambda s: services.transition(s, actor=actors["ro1"], entry_ids=ids, action="verify")
                 ).run_in_background(win.ctx)
        # THEN the panel says at once (not at its next one-minute poll) that they can go in a
        # batch, named as they are now: verified
        qtbot.waitUntil(lambda: f"Put {len(ids)} verified entries in a batch" in _plain(panel.seal_btn.text()),
                        timeout=5000)
        assert panel.seal_btn.isEnabled()
        # AND the queue was read in the background, never on the window's thread
        assert reads and ui_thread not in reads
    finally:
        win.shutdown()


def test_the_seal_button_seals_exactly_what_it_says_or_says_the_real_number(qtbot, workspace, qapp, actors):
    from desktop import oversight
    from desktop.context import AppContext
    from records import services
    from sync import engine
    from tests.desktop.helpers import make_register
    from tests.desktop.test_roles import _window
    maker = AppContext.create(workspace, actors["clerk1"])
    _rid, pages = make_register(maker, n_pages=2)
    maker.close()  # (its TaskRunner's GC guard released)

    def approve_and_verify(page_id: int) -> list[int]:
        with workspace.session() as s:
            ids = [r.entry_id for r in services.page_rows(s, page_id)]
            services.transition(s, actor=actors["clerk1"], entry_ids=ids, action="submit")
            services.transition(s, actor=actors["girdawar1"], entry_ids=ids, action="approve")
            services.transition(s, actor=actors["ro1"], entry_ids=ids, action="verify")
        return ids

    # GIVEN a page approved and verified, and girdawar1's panel offering to batch its entries
    first = approve_and_verify(pages[0])
    engine.set_paused(workspace, True)
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(lambda: f"Put {len(first)} verified entries" in _plain(panel.seal_btn.text()), timeout=5000)
        # AND another page verified since, where the panel does not hear of it (another computer)
        second = approve_and_verify(pages[1])
        # WHEN girdawar1 presses the button, which still says the first number
        panel.seal_btn.click()
        # THEN nothing is sealed, the panel says how many are ready now, and the button too
        total = len(first) + len(second)
        qtbot.waitUntil(lambda: f"Put {total} verified entries" in _plain(panel.seal_btn.text()), timeout=5000)
        assert f"{total} verified entries are ready now, not {len(first)}" in _plain(panel.state_label.text())
        assert engine.queue_status(workspace).waiting == 0 and panel.last_batch is None
        # WHEN he presses it again THEN exactly that many are sealed
        panel.seal_btn.click()
        qtbot.waitUntil(lambda: panel.last_batch is not None, timeout=5000)
        assert engine.queue_status(workspace).waiting == total
        assert f"{total} verified entries are in a new batch" in _plain(panel.state_label.text())
    finally:
        win.shutdown()


def test_a_value_changed_outside_daftar_is_not_sealed_and_the_panel_says_why(qtbot, workspace, qapp, actors):
    import sqlite3

    from desktop import oversight
    from records import office_settings
    from records.models import Batch
    from sync import engine
    from tests.desktop.test_roles import _approved_page, _window

    # GIVEN clerk1's approved page (sent without verification), one of its areas changed in
    # the database file, outside Daftar, and girdawar1's sync panel offering to batch it
    _pid, ids = _approved_page(workspace, actors)
    with workspace.session() as s:
        office_settings.change(s, actor=actors["admin"], values={"workflow.require_verification": False})
    con = sqlite3.connect(workspace.db_path)
    con.execute(f"UPDATE field_value SET value='99-9' WHERE entry_id={ids[0]} AND field='area' AND current=1")
    con.commit()
    con.close()
    engine.set_paused(workspace, True)
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(lambda: f"Put {len(ids)} approved entries" in _plain(panel.seal_btn.text()), timeout=5000)
        # WHEN he presses it
        panel.seal_btn.click()
        # THEN nothing is sealed, and the panel says why among its problems: the row, the
        # field, both values and what to do (not "an unexpected problem")
        qtbot.waitUntil(lambda: panel.errors.count() > 0, timeout=5000)
        why = _plain(panel.errors.item(0).text())
        assert "Nothing was put in a batch: see why under Problems." in _plain(panel.state_label.text())
        assert why.startswith("nothing was sealed: an entry to send is not what the audit trail recorded")
        assert "row 1: area is '99-9' but the audit trail recorded" in why and "daftar audit verify" in why
        assert panel.errors.isVisibleTo(panel) and panel.last_batch is None
        with workspace.session() as s:
            assert s.scalar(select(Batch.id)) is None
        # AND the button still offers the entries (sealing them again is refused again)
        qtbot.waitUntil(panel.seal_btn.isEnabled, timeout=5000)
    finally:
        win.shutdown()


# ----------------------------------------------------------------------------- reasons keep their numbers
def area_reads_12_5(text: str, font, *, rtl: bool) -> bool:
    """Is the area `12-5` inside the one-line `text` drawn as 12-5, not 5-12? Qt lays the
    line out as a list item of that direction does; the glyphs of each of the area's
    characters (QTextLayout.glyphRuns of that character) must go left to right."""
    from desktop.qt import Qt, QTextLayout, QTextOption
    from records.text import latin_digits

    lay = QTextLayout(text, font)
    opt = QTextOption()
    opt.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    lay.setTextOption(opt)
    lay.beginLayout()
    lay.createLine().setLineWidth(10_000)
    lay.endLayout()
    start = latin_digits(text).index("12-5")
    xs = [min(p.x() for run in lay.glyphRuns(k, 1) for p in run.positions()) for k in range(start, start + 4)]
    return xs == sorted(xs)


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_a_central_office_reason_keeps_its_area_in_order(qtbot, qapp, lang):
    from desktop import i18n
    from desktop.qt import Qt

    # GIVEN an entry the central office rejected, its reason quoting an area in Urdu
    reason = "رقبہ 12-5 درست نہیں"
    office = FakeOffice(SyncReport())
    office.status = lambda: QueueStatus({"rejected": 1}, None, None, False, (
        ("fc45c1bd-0000-4000-8000-000000000001", 1, "rejected", f"Rejected by the central office: {reason}"),))
    i18n.apply_language(qapp, lang)
    try:
        from desktop.sync_panel import SyncPanel

        # WHEN the sync panel lists it among its problems
        panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused)
        qtbot.addWidget(panel)
        qtbot.waitUntil(lambda: panel.errors.count() == 1)
        shown = panel.errors.item(0).text()
        rtl = panel.errors.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert rtl == (lang == "ur")
        # THEN Qt draws the area as 12-5, in the English interface and the Urdu one
        assert area_reads_12_5(shown, panel.errors.font(), rtl=rtl), shown
        # (and the check tells the two apart: without its isolates the same line reads 5-12)
        bare = shown.replace("\u2066", "").replace("\u2069", "").replace("\u2068", "")
        assert not area_reads_12_5(bare, panel.errors.font(), rtl=rtl)
        # AND its Urdu is in Naskh in either interface (English took the Latin font's Arabic)
        assert panel.errors.font().families()[0] == "Noto Naskh Arabic"
        panel.stop()
    finally:
        i18n.apply_language(qapp, "en")


# ----------------------------------------------------------------------------- a rejection, named
def test_a_rejection_names_the_entry_says_the_reason_once_and_opens_its_row(qtbot, workspace, qapp, actors):
    from desktop import oversight
    from desktop.context import AppContext
    from desktop.qt import Qt
    from records import services
    from records.models import Entry
    from sync import engine
    from tests.desktop.helpers import make_register
    from tests.desktop.test_roles import _window
    from tests.sync.test_queue_status import sent_then_decided

    # GIVEN clerk1's two pages (register جمع بندی of mauza کوٹ, 2019-20; two rows of khewat 47
    # each) sent to the central office, which rejected the second row of the second page over
    # its area, and the second row of the first page
    maker = AppContext.create(workspace, actors["clerk1"])
    _rid, pages = make_register(maker, n_pages=2)
    maker.close()  # (its TaskRunner's GC guard released)
    with workspace.session() as s:
        ids = {pid: [r.entry_id for r in services.page_rows(s, pid)] for pid in pages}
        every = [e for pid in pages for e in ids[pid]]
        services.transition(s, actor=actors["clerk1"], entry_ids=every, action="submit")
        services.transition(s, actor=actors["girdawar1"], entry_ids=every, action="approve")
        uuid = s.get(Entry, ids[pages[1]][1]).uuid
    sent_then_decided(workspace, actors["girdawar1"], {ids[pages[1]][1]: "رقبہ 12-5 درست نہیں",
                                                       ids[pages[0]][1]: "مالک کا نام"})
    engine.set_paused(workspace, True)
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        # WHEN girdawar1 opens the sync panel (English interface)
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(lambda: panel.errors.count() == 2, timeout=5000)
        texts = [_plain(panel.errors.item(i).text()).replace("\u2068", "") for i in range(2)]
        # THEN each entry is named as the office knows it, and the reason is said once
        assert "Rejected by the central office — Jamabandi کوٹ 2019-20, page 2, row 2 (khewat 47): " \
               "رقبہ 12-5 درست نہیں" in texts
        assert "Rejected by the central office — Jamabandi کوٹ 2019-20, page 1, row 2 (khewat 47): " \
               "مالک کا نام" in texts
        assert all(t.count("Rejected") == 1 and uuid[:8] not in t for t in texts)
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(lambda: win.correction.model.page is not None, timeout=5000)
        assert win.correction.model.page.id == pages[0] and win.correction.table.currentIndex().row() == 0
        for page_id in pages:  # the page shown, then another page
            # WHEN he double-clicks a problem
            win.tabs.setCurrentIndex(win.tabs.count() - 1)
            item = next(panel.errors.item(i) for i in range(2)
                        if f"page {page_id - pages[0] + 1}," in _plain(panel.errors.item(i).text()))
            panel.errors.scrollToItem(item)
            at = panel.errors.visualItemRect(item).center()
            qtbot.mouseClick(panel.errors.viewport(), Qt.MouseButton.LeftButton, pos=at)  # (as a mouse does)
            qtbot.mouseDClick(panel.errors.viewport(), Qt.MouseButton.LeftButton, pos=at)
            # THEN its page is in the correction view with that row chosen
            qtbot.waitUntil(lambda p=page_id: win.correction.model.page is not None
                            and win.correction.model.page.id == p, timeout=5000)
            qtbot.waitUntil(lambda: win.correction.table.currentIndex().row() == 1, timeout=5000)
            assert win.tabs.currentIndex() == 0
    finally:
        win.shutdown()


# ----------------------------------------------------------------------------- a restored server
def test_decisions_the_server_no_longer_has_are_one_line_of_the_problems(qtbot):
    # GIVEN an office holding decisions on 4 entries that the central server (restored from a
    # backup) no longer has
    office = FakeOffice(SyncReport())
    lost = {"n": 4}
    office.status = lambda: QueueStatus({"accepted": 3, "rejected": 1}, None, None, False, (),
                                        decisions_lost_total=lost["n"])
    from desktop.sync_panel import SyncPanel

    # WHEN the panel shows the queue
    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.errors.count() == 1)
    # THEN the problems say so in one line, with what happens next
    assert panel.errors.item(0).text() == ("The central server no longer has its decision on 4 entries (its database "
                                           "was restored from a backup?): it will decide them again.")
    assert panel.errors.isVisibleTo(panel)
    # WHEN the central office has decided one again  THEN the line says 3, once
    lost["n"] = 3
    panel.refresh()
    qtbot.waitUntil(lambda: "on 3 entries" in panel.errors.item(0).text())
    assert panel.errors.count() == 1
    # WHEN all are decided again  THEN the line goes
    lost["n"] = 0
    panel.refresh()
    qtbot.waitUntil(lambda: panel.errors.count() == 0)
    panel.stop()


def test_the_sync_engine_is_not_imported_on_the_ui_thread_when_the_panel_opens(qtbot, workspace, qapp, actors,
                                                                               monkeypatch):
    import builtins

    from desktop import oversight
    from sync import engine
    from tests.desktop.test_roles import _window

    # GIVEN girdawar1's window, and a note of every import of the sync engine and the thread doing it
    engine.set_paused(workspace, True)
    win = _window(qtbot, workspace, actors["girdawar1"])
    imports, real = [], builtins.__import__

    def noting(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "sync.engine" or (name == "sync" and "engine" in (fromlist or ())):
            imports.append(threading.current_thread())
        return real(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", noting)
    try:
        # WHEN the sync panel is opened the first time
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(lambda: "Waiting to send: 0" in _plain(panel.queue_label.text()), timeout=5000)
        # THEN the engine (httpx and the protocol's models: 0.3 s to import on a first opening) was
        # imported by the panel's threads reading the queue, never on the window's thread
        assert imports and threading.main_thread() not in imports
    finally:
        monkeypatch.undo()
        win.shutdown()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_a_wrong_date_is_said_in_one_line_in_either_language(qtbot, qapp, lang):
    import datetime as dt

    from desktop import i18n
    from sync import engine

    here, there = dt.datetime(2010, 1, 1, 4, 30, tzinfo=dt.UTC), dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
    wrong = engine.clock_wrong(here, there)
    # GIVEN an office whose computer's clock lost its date: the connection check says so, and a
    # pass that did reach the server warns of a clock hours off
    office = FakeOffice(SyncReport(batches_acknowledged=1, entries_acknowledged=6,
                                   warnings=[engine.clock_off(there + dt.timedelta(hours=3), there)]))
    i18n.apply_language(qapp, lang)
    try:
        from desktop.sync_panel import SyncPanel

        panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused,
                          reachable=lambda: wrong)
        qtbot.addWidget(panel)
        # WHEN the panel checks the connection THEN its state line says the date is wrong, with
        # both dates, in the interface's language, on one line
        panel._poll()
        qtbot.waitUntil(lambda: "2010" in panel.state_label.text() or "۲۰۱۰" in panel.state_label.text())
        text = panel.state_label.text()
        assert "\n" not in text and "certificate" not in text
        if lang == "ur":
            assert "اس کمپیوٹر کی تاریخ غلط ہے" in text and "computer" not in text
        else:
            plain = "".join(ch for ch in text if ch not in "\u2066\u2069")  # (numbers kept left to right)
            assert plain.startswith("This computer's date is wrong: it says 2010-01-01")
        # WHEN a pass works but the clock is hours off THEN the warning is listed with the problems
        panel.sync_now()
        qtbot.waitUntil(lambda: office.passes == 1)
        qtbot.waitUntil(lambda: any("گھڑی" in panel.errors.item(i).text() or "clock is wrong" in
                                    panel.errors.item(i).text() for i in range(panel.errors.count())))
        panel.stop()
    finally:
        i18n.apply_language(qapp, "en")


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_entries_the_server_had_lost_are_said_to_be_sent_again_in_either_language(qtbot, qapp, lang):
    from desktop import i18n

    # GIVEN a pass that found the central server had lost 4 entries (reconciliation) and sent them again
    office = FakeOffice(SyncReport(batches_acknowledged=1, entries_acknowledged=4, entries_lost=4))
    i18n.apply_language(qapp, lang)
    try:
        from desktop.sync_panel import SyncPanel

        panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused)
        qtbot.addWidget(panel)
        # WHEN the pass runs
        panel.sync_now()
        qtbot.waitUntil(lambda: office.passes == 1)
        # THEN one line at the top of the problems says so, in the interface's language
        def line():
            return next((panel.errors.item(i) for i in range(panel.errors.count())
                         if panel.errors.item(i).data(panel.RESENT_ROLE)), None)

        qtbot.waitUntil(lambda: line() is not None)
        text = "".join(ch for ch in line().text() if ch not in "\u2066\u2069")
        if lang == "ur":
            assert "مرکزی سرور" in text and "4" in text and "central" not in text
        else:
            assert text == "The central server had lost 4 entries; they are being sent again."
        assert panel.errors.isVisibleTo(panel)
        # WHEN the next pass finds nothing lost  THEN the line goes
        office.report = SyncReport()
        panel.sync_now()
        qtbot.waitUntil(lambda: office.passes == 2)
        qtbot.waitUntil(lambda: line() is None)
        panel.stop()
    finally:
        i18n.apply_language(qapp, "en")


# ----------------------------------------------------------------------------- check with the server
@pytest.mark.parametrize("lang", ["en", "ur"])
def test_check_with_the_server_compares_everything_on_the_panels_thread_and_says_what_it_found(
        qtbot, qapp, workspace, actors, request, monkeypatch, lang):
    """`daftar sync --reconcile` had no button: an office that suspected the central server of
    losing entries waited for the daily comparison."""
    central = request.getfixturevalue("server")  # (the sync tests' real server: tests/sync/conftest.py)
    from desktop import i18n, oversight
    from sync import engine
    from tests.desktop.test_roles import _window
    from tests.sync.conftest import add_approved, enrol, item_states, seal
    from tests.sync.test_reconcile import _keys, _reconciled_recently, _sql

    # GIVEN six entries girdawar1 approved and the central server received, compared today
    add_approved(workspace, actors["clerk1"], actors["girdawar1"])
    seal(workspace, actors["girdawar1"])
    enrol(workspace, central)
    assert engine.run_once(workspace).ok
    _reconciled_recently(workspace)
    # (a note of the threads the comparison runs on)
    threads, real = [], engine.SyncEngine.reconcile

    def noting(self, rep, *, forced=False):
        threads.append((threading.current_thread(), forced))
        return real(self, rep, forced=forced)

    monkeypatch.setattr(engine.SyncEngine, "reconcile", noting)
    i18n.apply_language(qapp, lang)
    win = _window(qtbot, workspace, actors["girdawar1"])
    win.show()
    qtbot.waitExposed(win)
    try:
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(lambda: panel.reconcile_btn.isEnabled() and not panel.busy
                        and panel.state_label.text() != "", timeout=10_000)
        assert panel.reconcile_btn.isVisible()
        threads.clear()
        # WHEN Check with the server is pressed
        qtbot.mouseClick(panel.reconcile_btn, qtbot_button())
        qtbot.waitUntil(lambda: bool(threads) and not panel.busy, timeout=30_000)
        # THEN everything was compared (forced, as `daftar sync --reconcile`) on the panel's thread,
        # and the panel says the server holds everything sent
        assert threads == [(threads[0][0], True)] and threads[0][0] is not threading.main_thread()
        text = _plain(panel.state_label.text())
        if lang == "ur":
            assert "مرکزی سرور" in text and "central" not in text
        else:
            assert text.startswith("Compared with the central server: it holds everything this office sent.")
        said_first = text
        # GIVEN the server now holds one entry with other content (its counts the same: a pass that
        # compared today does not look)
        keys = _keys(workspace)
        _sql(central, f"UPDATE sync_entry SET sha256 = '{'0' * 64}' WHERE entry_uuid = '{keys[1]}'")
        threads.clear()
        panel.sync_now()
        qtbot.waitUntil(lambda: bool(threads) and not panel.busy, timeout=30_000)
        assert item_states(workspace) == {"acknowledged": 6}
        threads.clear()
        # WHEN Check with the server is pressed again
        qtbot.mouseClick(panel.reconcile_btn, qtbot_button())
        qtbot.waitUntil(lambda: bool(threads) and not panel.busy, timeout=30_000)
        # THEN it found that entry and sent it again: the server refuses it as a conflict for a
        # supervisor, and the panel says so, in the interface's language
        assert item_states(workspace) == {"acknowledged": 5, "conflict": 1}
        text = _plain(panel.state_label.text())
        assert text != said_first and "1" in text
        if lang == "ur":
            assert "central" not in text and "supervisor" not in text
        else:
            assert text.startswith("Compared with the central server. 1 entries it holds with other content are "
                                   "sent again: a supervisor decides them.")
        assert any("Needs a supervisor" in _plain(panel.errors.item(i).text()) or "نگران" in panel.errors.item(i).text()
                   for i in range(panel.errors.count()))
    finally:
        win.shutdown()
        i18n.apply_language(qapp, "en")


def test_pausing_does_not_keep_the_panel_alive_on_its_thread(qtbot):
    import gc
    import weakref

    from desktop.qt import QApplication, QEvent
    from desktop.sync_panel import SyncPanel

    # GIVEN a panel whose "pause" takes a while on its thread (a busy workspace)
    office = FakeOffice(SyncReport())
    entered, release = threading.Event(), threading.Event()

    def set_paused(paused: bool) -> None:
        entered.set()
        release.wait(10)

    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=set_paused)
    qtbot.waitUntil(lambda text=panel.queue_label.text: "Waiting to send" in text())
    panel.pause_btn.click()
    assert entered.wait(5)
    try:
        # WHEN the panel is closed and deleted while that thread still runs
        gone = weakref.ref(panel)
        panel.deleteLater()
        del panel
        for _ in range(3):
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QApplication.processEvents()
            gc.collect()
        # THEN nothing on the thread holds it: the last reference to a widget must never be
        # dropped on a worker thread (Qt deletes it there and crashes)
        assert gone() is None
    finally:
        release.set()


def test_the_counts_say_how_many_entries_wait_for_verification_in_the_offices_digits(qtbot):
    from desktop import i18n

    # GIVEN an office in Urdu digits with 7 verified entries ready for a batch and 19 approved
    # entries still waiting for a revenue officer's verification
    office = FakeOffice(SyncReport())
    status = office.status
    office.status = lambda: replace(status(), ready=7, ready_verified=7, unverified=19)
    i18n.configure_display(urdu_digits=True, date_format="")
    try:
        from desktop.sync_panel import SyncPanel

        panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused,
                          reachable=lambda: office.online)
        qtbot.addWidget(panel)
        # WHEN the panel reads the queue
        qtbot.waitUntil(lambda: "Waiting to send" in panel.queue_label.text())
        text = panel.queue_label.text()
        # THEN its counts say how many wait for the verification (the button named only the 7
        # ready, nothing the 19), and every count is in the office's digits
        assert "Waiting for a revenue officer's verification: ۱۹" in text, text
        assert "Waiting to send: ۶" in text and "Need a supervisor: ۱" in text, text
        # AND the button names the 7 as they are: verified (it called them approved)
        assert "Put ۷ verified entries in a batch" in panel.seal_btn.text()
    finally:
        i18n.configure_display(urdu_digits=False, date_format="")


def test_a_large_batch_shows_how_much_of_it_is_sent_after_its_page_images(qtbot):
    # GIVEN a pass that has uploaded its page images and a quarter of a large batch's entries
    office = FakeOffice(SyncReport(batches_acknowledged=1, entries_acknowledged=6))
    panel = make_panel(qtbot, office)
    go_on = threading.Event()

    def run_pass(progress):
        progress("images", 2, 2)
        progress("batch", 150_000, 600_000)
        go_on.wait(5)
        return office.report
    panel._run_pass = run_pass

    # WHEN it runs
    panel.sync_now()

    # THEN the bar says the share of the batch sent (not "Page images: 2 of 2" all along)
    qtbot.waitUntil(lambda: panel.progress.text() == "The batch's entries: 25% sent", timeout=5000)
    with qtbot.waitSignal(panel.finished, timeout=5000):
        go_on.set()
    panel.stop()


def test_the_bar_keeps_to_the_images_and_the_batch_when_the_engine_says_more(qtbot):
    # GIVEN a pass whose engine also says the batch of the pass, bytes, a resumed upload and a wait
    # (for `daftar sync`'s lines)
    office = FakeOffice(SyncReport(batches_acknowledged=1, entries_acknowledged=6))
    panel = make_panel(qtbot, office)
    go_on = threading.Event()

    def run_pass(progress):
        progress("batches", 1, 3)
        progress("images", 1, 2)
        progress("images_resumed", 150_000, 600_000)
        progress("image_bytes", 300_000, 600_000)
        progress("link_dropped", 4, 2)
        go_on.wait(5)
        return office.report
    panel._run_pass = run_pass

    # WHEN it runs  THEN the bar still counts the page images (not bytes, not batches)
    panel.sync_now()
    qtbot.waitUntil(lambda: panel.progress.text() == "Page images: 1 of 2", timeout=5000)
    with qtbot.waitSignal(panel.finished, timeout=5000):
        go_on.set()
    panel.stop()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_a_link_that_drops_mid_upload_is_said_as_a_drop_not_no_connection(qtbot, qapp, workspace, request, lang):
    from desktop import i18n
    from desktop.sync_panel import SyncPanel
    from sync import engine
    from tests.faultproxy import Fault, FaultProxy
    from tests.sync.conftest import add_approved, engine_for, enrol, make_users, seal, set_url

    central = request.getfixturevalue("server")
    # GIVEN an office sending a batch of two 200 kB page images through a link that is cut after
    # 60 kB of the first connection and refuses every connection after that
    clerk, sup = make_users(workspace)
    add_approved(workspace, clerk, sup, pages=2, rows=3, image_kb=200)
    seal(workspace, sup)
    enrol(workspace, central)
    proxy = FaultProxy(("127.0.0.1", central.port)).start()
    set_url(workspace, f"https://127.0.0.1:{proxy.port}")
    proxy.push(Fault(up_limit=60_000))
    proxy.default = Fault(refuse=True)

    def run_pass(progress):
        eng = engine_for(workspace, chunk_size=16 * 1024)
        eng.progress = progress
        return eng.run_once()

    i18n.apply_language(qapp, lang)
    try:
        panel = SyncPanel(run_pass=run_pass, status=lambda: engine.queue_status(workspace), set_paused=lambda p: None)
        qtbot.addWidget(panel)
        # WHEN Sync now is pressed
        with qtbot.waitSignal(panel.finished, timeout=60_000) as sig:
            panel.sync_now()
        # THEN the pass says the connection dropped while it sent (the server had answered and
        # kept what it received), not that there was no connection
        assert sig.args[0].link_dropped and not sig.args[0].ok
        state = panel.state_label.text()
        shown = panel.errors.item(0).text()
        if lang == "ur":
            assert "کنکشن" in state and not re.search(r"[A-Za-z]{3,}", state), state
            assert "رابطہ نہیں" not in shown and not re.search(r"[A-Za-z]{3,}", shown.replace("kB", "")), shown
        else:
            assert state == ("The connection dropped during the sync. What the central server received is kept; "
                             "the next sync goes on from there.")
            assert shown.startswith("The connection to the central server dropped while sending batch 1 of 1: "
                                    "the server keeps the "), shown
            assert "no connection" not in shown.lower()
        panel.stop()
    finally:
        i18n.apply_language(qapp, "en")
        proxy.stop()
