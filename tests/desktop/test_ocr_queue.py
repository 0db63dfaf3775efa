"""Background OCR: worker processes, statuses persisted, failures visible, retry, resume, cancel."""

from __future__ import annotations

import pytest

from records import services
from tests.desktop.conftest import wait_idle
from tests.desktop.images import png_bytes

pytestmark = pytest.mark.gui


def _pages(ctx, n):
    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="jamabandi", district="a", tehsil="b",
                                       mauza="c", hadbast_no="1", year="2019-20")
        pids = [services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=png_bytes(seed=i)).page_id
                for i in range(n)]
    return rid, pids


def _status(ctx, pid):
    with ctx.ws.session() as s:
        p = services.get_page(s, pid)
    return p.ocr_status, p.ocr_error


def test_failed_page_shows_its_error_and_retry_reads_it(qtbot, ctx, tmp_path, monkeypatch):
    # GIVEN the main window with an OCR engine that fails while a flag file exists
    from desktop.mainwindow import MainWindow
    from desktop.models.pages import PageRole
    from desktop.qt import Qt

    flag = tmp_path / "fail"
    flag.write_text("1")
    monkeypatch.setenv("DAFTAR_TEST_OCR_FAIL", str(flag))
    rid, (p1, p2) = _pages(ctx, 2)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.ocr.reader = "tests.desktop.fake_ocr:read_image_unless_flag"
    wait_idle(qtbot, ctx)
    # WHEN both pages are read
    win.ocr.enqueue([p1, p2])
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=60000)
    wait_idle(qtbot, ctx)
    # THEN both are failed with the engine's reason, shown in the page list
    assert _status(ctx, p1) == ("failed", "the page is too dark to read")
    qtbot.waitUntil(lambda: win.pages.page_at(0) is not None and win.pages.page_at(0).ocr_status == "failed")
    tip = win.pages.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "too dark" in tip and "Retry" in tip
    # WHEN the problem is fixed and the clerk retries failed pages
    flag.unlink()
    win.retry_failed()
    qtbot.waitUntil(lambda: win.ocr.running, timeout=5000)
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=60000)
    wait_idle(qtbot, ctx)
    # THEN both pages are read and have rows with boxes
    assert _status(ctx, p1) == ("done", None) and _status(ctx, p2) == ("done", None)
    with ctx.ws.session() as s:
        rows = services.page_rows(s, p2)
    assert [r.text("khewat_no") for r in rows] == ["47", "48"] and rows[0].values["owner"].box
    assert win.pages.index(0, 0).data(PageRole).ocr_status == "done"
    win.shutdown()


def test_a_worker_that_crashes_leaves_where_it_was_in_the_app_log(qtbot, ctx, tmp_path, monkeypatch, caplog):
    # GIVEN the app's log, and an OCR worker that crashes natively on the next page
    from daftar import crashlog
    from desktop.ocr_queue import OcrQueue

    log_file = tmp_path / "daftar.log"
    monkeypatch.setattr(crashlog, "current_log", lambda: log_file)
    flag = tmp_path / "die"
    flag.write_text("")
    monkeypatch.setenv("DAFTAR_TEST_OCR_DIE", str(flag))
    _rid, (pid,) = _pages(ctx, 1)
    queue = OcrQueue(ctx, reader="tests.desktop.fake_ocr:read_image_or_abort", workers=1)
    try:
        # WHEN the page is read
        queue.enqueue([pid])
        qtbot.waitUntil(lambda: not queue.running, timeout=60000)
        wait_idle(qtbot, ctx)
    finally:
        queue.shutdown()
    # THEN the page is read by a new worker, and the log has the crash with the worker's stack
    assert _status(ctx, pid) == ("done", None)
    log = log_file.read_text()
    assert "Fatal Python error: Aborted" in log and "in read_image_or_abort" in log
    assert "an OCR worker process ended while reading page id" in caplog.text


def test_a_worker_that_dies_does_not_stop_ocr_for_the_session(qtbot, ctx, tmp_path, monkeypatch):
    # GIVEN the main window, and an OCR worker that dies once (out of memory) on the next page
    from desktop.mainwindow import MainWindow

    flag = tmp_path / "die"
    flag.write_text("once")
    monkeypatch.setenv("DAFTAR_TEST_OCR_DIE", str(flag))
    _rid, (p1, p2) = _pages(ctx, 2)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.ocr.reader = "tests.desktop.fake_ocr:read_image_or_die"
    wait_idle(qtbot, ctx)
    # WHEN both pages are read
    win.ocr.enqueue([p1, p2])
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=60000)
    wait_idle(qtbot, ctx)
    # THEN both are read: a new pool took over and the page read when the worker died was read again
    assert _status(ctx, p1) == ("done", None) and _status(ctx, p2) == ("done", None)
    # WHEN a page kills its worker every time
    flag.write_text("always")
    _rid2, (p3,) = _pages_of(ctx, 1, seed=50)
    win.ocr.enqueue([p3])
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=60000)
    wait_idle(qtbot, ctx)
    # THEN after a second try it fails, saying what happened and what to do
    status, error = _status(ctx, p3)
    assert status == "failed" and "stopped while reading this page, twice" in error
    # AND once the cause is gone, reading it again works: OCR still works in this session
    flag.unlink()
    win.ocr.enqueue([p3])
    qtbot.waitUntil(lambda: win.ocr.running, timeout=5000)
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=60000)
    wait_idle(qtbot, ctx)
    assert _status(ctx, p3) == ("done", None)
    win.shutdown()


def _pages_of(ctx, n, seed):
    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="jamabandi", district="a", tehsil="b",
                                       mauza="d", hadbast_no="2", year="2019-20")
        pids = [services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid,
                                  data=png_bytes(seed=seed + i)).page_id for i in range(n)]
    return rid, pids


def test_closing_mid_ocr_resumes_on_next_start(qtbot, workspace, qapp):
    # GIVEN pages left queued and running by an app that was closed (or killed) mid-OCR
    from desktop.context import AppContext
    from desktop.mainwindow import MainWindow
    from desktop.signin import default_actor

    ctx1 = AppContext.create(workspace, default_actor(workspace))
    _rid, (p1, p2, p3) = _pages(ctx1, 3)
    win1 = MainWindow(ctx1)
    win1.ocr.reader = "tests.desktop.fake_ocr:read_image_slow"
    wait_idle(qtbot, ctx1)
    win1.ocr.enqueue([p1, p2, p3])
    qtbot.waitUntil(lambda: _status(ctx1, p1)[0] == "running", timeout=20000)
    win1.close()  # stops the workers at once
    states = {_status(ctx1, p)[0] for p in (p1, p2, p3)}
    assert states <= {"queued", "running", "done"} and "queued" in states
    # WHEN the app starts again
    ctx2 = AppContext.create(workspace, default_actor(workspace))
    win2 = MainWindow(ctx2)
    qtbot.addWidget(win2)
    win2.ocr.reader = "tests.desktop.fake_ocr:read_image"
    # THEN the unfinished pages are read without the clerk asking
    qtbot.waitUntil(lambda: win2.ocr.running, timeout=5000)
    qtbot.waitUntil(lambda: not win2.ocr.running, timeout=60000)
    wait_idle(qtbot, ctx2)
    assert [_status(ctx2, p)[0] for p in (p1, p2, p3)] == ["done"] * 3
    with ctx2.ws.session() as s:
        assert len(services.page_rows(s, p3)) == 2
    win2.shutdown()


def test_cancel_returns_waiting_pages_and_progress_appears_late(qtbot, ctx):
    # GIVEN three pages being read slowly
    from desktop.mainwindow import MainWindow

    _rid, pids = _pages(ctx, 3)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.ocr.reader = "tests.desktop.fake_ocr:read_image_slow"
    wait_idle(qtbot, ctx)
    steps = []
    win.ocr.page_progress.connect(lambda pid, done, total, msg: steps.append((pid, done, total)))
    win.ocr.enqueue(pids)
    # THEN the progress panel is not shown at once, but after about half a second
    qtbot.waitUntil(lambda: win.ocr.running and bool(win.ocr._active))
    assert not win.progress.isVisible()
    qtbot.waitUntil(win.progress.isVisible, timeout=5000)
    assert "OCR" in win.progress.label.text()
    # WHEN the clerk cancels
    win.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=30000)
    wait_idle(qtbot, ctx)
    # THEN the page being read finishes, the waiting ones are back to 'none', the panel goes
    states = [_status(ctx, p)[0] for p in pids]
    assert states[0] == "done" and states[1:] == ["none", "none"]
    # ... and the steps inside the page read were reported from the worker process
    qtbot.waitUntil(lambda: (pids[0], 2, 2) in steps or (pids[0], 1, 2) in steps, timeout=3000)
    assert win.progress.page_bar.maximum() == 2
    qtbot.waitUntil(lambda: not win.progress.isVisible(), timeout=3000)
    win.shutdown()


def test_short_work_never_shows_progress(qtbot):
    # GIVEN the progress panel
    from desktop.progress import ProgressPanel

    panel = ProgressPanel()
    qtbot.addWidget(panel)
    # WHEN work starts and ends within 100 ms
    panel.start()
    qtbot.wait(100)
    panel.finish()
    qtbot.wait(600)
    # THEN it never appeared
    assert not panel.isVisible()


def test_ocr_never_overwrites_corrections(qtbot, ctx):
    # GIVEN a page already read and then corrected by the clerk
    from desktop.mainwindow import MainWindow

    _rid, (pid,) = _pages(ctx, 1)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.ocr.reader = "tests.desktop.fake_ocr:read_image"
    wait_idle(qtbot, ctx)
    win.ocr.enqueue([pid])
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=60000)
    wait_idle(qtbot, ctx)
    with ctx.ws.session() as s:
        eid = services.page_rows(s, pid)[0].entry_id
        services.set_value(s, actor=ctx.actor, entry_id=eid, field_name="owner", text="درست نام")
    notices = []
    win.ocr.notice.connect(notices.append)
    # WHEN OCR is run on it again
    win.ocr.enqueue([pid])
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=60000)
    wait_idle(qtbot, ctx)
    # THEN the correction stays, the page is not marked failed, and the clerk is told why
    with ctx.ws.session() as s:
        assert services.page_rows(s, pid)[0].text("owner") == "درست نام"
    assert _status(ctx, pid) == ("done", None)
    assert notices and "corrected rows" in notices[0]
    win.shutdown()


def test_the_reader_gets_the_words_the_office_has_typed(qtbot, ctx):
    # GIVEN an office that has typed 30 owners (35 different words), and a new page
    from desktop.mainwindow import MainWindow

    rid, (pid,) = _pages(ctx, 1)
    with ctx.ws.session() as s:
        typed = services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=png_bytes(seed=99))
        for i in range(30):
            services.add_entry(s, actor=ctx.actor, register_id=rid, page_id=typed.page_id,
                               values={"khewat_no": str(i + 1), "owner": f"محمد اسلم ولد غلام رسول نمبر{i % 30}"})
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.ocr.reader = "tests.desktop.fake_ocr:read_image_vocabulary"
    wait_idle(qtbot, ctx)
    # WHEN the page is read
    win.ocr.enqueue([pid])
    qtbot.waitUntil(lambda: _status(ctx, pid)[0] in ("done", "failed"), timeout=60000)
    wait_idle(qtbot, ctx)
    # THEN the worker's reader was given those words (5 shared + 30 numbered ones)
    assert _status(ctx, pid) == ("done", None)
    with ctx.ws.session() as s:
        rows = services.page_rows(s, pid)
    assert rows[0].text("remarks") == "35"
    win.shutdown()
