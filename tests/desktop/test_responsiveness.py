"""The UI thread's work stays bounded however big the workspace grows (bench/stall_probe.py
measured the stalls on a workspace of 100,000 entries; docs/benchmarks.md). The tests count
work, never time it."""

from __future__ import annotations

import pytest

from records import audit, services
from tests.desktop.conftest import wait_idle

pytestmark = pytest.mark.gui


class Counter:
    """Wraps a function and counts its calls."""

    def __init__(self, fn) -> None:
        self.fn, self.n = fn, 0

    def __call__(self, *a, **kw):
        self.n += 1
        return self.fn(*a, **kw)


def test_audit_columns_are_sized_from_the_rows_in_sight_not_every_row(qtbot, workspace, qapp, monkeypatch):
    # GIVEN an audit trail of 600 events shown in the viewer (a first fetch of 200 rows)
    from desktop import audit_viewer
    from desktop.context import AppContext, Preferences
    from records import accounts

    with workspace.session() as s:
        admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
        audit.record_many(s, actor=admin, events=[{"action": "login", "entity": "user", "entity_id": admin.id}] * 600)
    ctx = AppContext.create(workspace, admin, prefs=Preferences())
    try:
        v = audit_viewer.AuditViewer(ctx)
        qtbot.addWidget(v)
        v.resize(1200, 500)
        v.show()
        wait_idle(qtbot, ctx)
        assert len(v.model.rows) == audit_viewer.PAGE_SIZE == 200
        when = Counter(audit_viewer.date_text)  # the When column's text, asked once per row measured
        monkeypatch.setattr(audit_viewer, "date_text", when)
        # WHEN a new filter's first page arrives and the columns are sized to it
        v.model.fetched.emit(len(v.model.rows))
        # THEN the When column was measured on a sample of rows, not on all 200 (each row
        # measured is a call into Python and an Urdu text layout on the UI thread: 0.6-1.2 s
        # frozen on every filter of a big trail)
        assert 0 < when.n <= 80, when.n
        v.close()
    finally:
        ctx.close()


def test_the_page_list_sizes_its_columns_from_a_sample_of_pages(qtbot, ctx, monkeypatch):
    # GIVEN the main window
    from desktop.mainwindow import MainWindow
    from desktop.models import pages as pages_model

    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="jamabandi", district="لاہور",
                                       tehsil="رائیونڈ", mauza="کوٹ", hadbast_no="42", year="2019-20")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    wait_idle(qtbot, ctx)
    number = Counter(pages_model.number_text)  # the Page column's text, asked once per row measured
    monkeypatch.setattr(pages_model, "number_text", number)
    # WHEN a register of 200 pages is listed (as after opening it, or after each approval)
    views = [services.PageView(i, rid, i, None, f"scan-{i:04d}.png", 0, 0, "done", None, "approved", None)
             for i in range(1, 201)]
    win.pages.update_pages(views)
    qtbot.wait(200)  # (the header resizes its sections on the next layout)
    # THEN the columns were sized from the pages in sight and a few more: no pass of the
    # header's sizing read every page (it did, several times: 0.15-0.3 s frozen each time)
    assert win.pages.rowCount() == 200
    assert 0 < number.n < len(views), number.n
    win.shutdown()


def test_turning_to_another_register_does_not_read_the_vocabulary_again(qtbot, ctx, monkeypatch):
    # GIVEN two registers and the correction view showing a page of the first, its
    # vocabulary (every register's values) built
    from desktop.correction.view import CorrectionView
    from desktop.keying import aids
    from records.suggest import Vocabulary
    from tests.desktop.helpers import make_register

    _a, (page_a,) = make_register(ctx, seed=0)
    _b, (page_b,) = make_register(ctx, seed=10)
    reads = Counter(Vocabulary.from_session)
    monkeypatch.setattr(Vocabulary, "from_session", reads)
    view = CorrectionView(ctx)
    qtbot.addWidget(view)
    view.show_page(page_a)
    qtbot.waitUntil(lambda: view.keying.vocab is not None)
    wait_idle(qtbot, ctx)
    assert reads.n == 1
    # WHEN the clerk turns to the other register's page and back
    for pid in (page_b, page_a, page_b):
        view.show_page(pid)
        qtbot.waitUntil(lambda pid=pid: view.model.page is not None and view.model.page.id == pid)
        wait_idle(qtbot, ctx)
    # THEN the vocabulary was not read again (on 100,000 entries: 2-3 s of a core each time)
    assert reads.n == 1
    assert view.keying.suggest("owner", "محمد")  # and it still serves this register
    # WHEN a register made since is opened
    _c, (page_c,) = make_register(ctx, seed=20)
    view.show_page(page_c)
    qtbot.waitUntil(lambda: view.model.page is not None and view.model.page.id == page_c)
    wait_idle(qtbot, ctx)
    # THEN it is read again, once (it did not know that register's mauza)
    assert reads.n == 2
    # WHEN it has grown old and another register is opened
    monkeypatch.setattr(aids, "VOCAB_MAX_AGE_S", 0)
    view.show_page(page_a)
    qtbot.waitUntil(lambda: view.model.page is not None and view.model.page.id == page_a)
    wait_idle(qtbot, ctx)
    # THEN it is read again, for what OCR read meanwhile
    assert reads.n == 3
    view.close()
