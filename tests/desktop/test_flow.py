"""The clerk's day: import a page, OCR it (real pipeline), correct it, submit it."""

from __future__ import annotations

import pytest

from records import services
from tests.desktop.conftest import wait_idle

pytestmark = pytest.mark.gui


def _register(ctx):
    from desktop.screenshots import HEADER

    with ctx.ws.session() as s:
        return services.create_register(s, actor=ctx.actor, template="jamabandi", **HEADER)


@pytest.mark.slow
def test_import_ocr_correct_submit(qtbot, ctx, tmp_path):
    # GIVEN a register and a synthetic Jamabandi page as a file on disk
    from desktop.capture.import_dialog import ImportDialog
    from desktop.mainwindow import MainWindow
    from desktop.screenshots import ROWS, synth_png

    _register(ctx)
    page_file = tmp_path / "page-001.png"
    page_file.write_bytes(synth_png(ROWS[:2]))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_idle(qtbot, ctx)

    # WHEN the clerk imports it with OCR on
    steps = []
    win.ocr.page_progress.connect(lambda _pid, done, total, _msg: steps.append((done, total)))
    dlg = win.import_pages([str(page_file)])
    assert isinstance(dlg, ImportDialog)
    # (the dialog names the register the pages go into)
    into = dlg.findChild(type(dlg.message), "intoRegister")
    assert into is not None and "کوٹ" in into.text() and "کوٹ" in dlg.windowTitle()
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=10000)
    dlg.do_import()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    dlg.accept()
    # THEN the real OCR pipeline reads it in a worker process and rows appear
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=90000)
    wait_idle(qtbot, ctx)
    page_id = dlg.report.page_ids[0]
    with ctx.ws.session() as s:
        assert services.get_page(s, page_id).ocr_status == "done"
    assert (3, 3) in steps  # the pipeline's steps inside the page reached the progress panel
    view = win.correction
    view.show_page(page_id)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10000)
    assert view.model.text(0, "khewat_no") == "47"
    assert view.image_view.box_count() >= 20  # every field of both rows has its box

    # WHEN the clerk types the right value into every field that has a flag
    truth = ROWS[:2]
    model = view.model
    for _ in range(30):
        idx = model.next_flagged(0, -1)
        if not idx.isValid():
            break
        spec = model.template.columns[idx.column()]
        model.setData(idx, truth[idx.row()].get(spec.name, "") or "-" if spec.kind == "text-ur" else truth[idx.row()].get(spec.name, ""))
        wait_idle(qtbot, ctx)
    # THEN no flag is left, the corrections are stored, and the page can be submitted
    assert model.error_count() == 0, [model.cell_flags(r, c.name) for r in range(2) for c in model.template.columns]
    view.submit()
    wait_idle(qtbot, ctx)
    assert "submitted" in view.status.text()
    with ctx.ws.session() as s:
        assert {r.state for r in services.page_rows(s, page_id)} == {"submitted"}
        assert services.page_rows(s, page_id)[0].text("share") == "1/2"
    win.shutdown()


def test_submit_refused_while_errors_remain(qtbot, ctx):
    # GIVEN a page with a row whose required fields are empty
    from desktop.correction.view import CorrectionView
    from tests.desktop.images import png_bytes

    rid = _register(ctx)
    with ctx.ws.session() as s:
        pid = services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=png_bytes()).page_id
        services.add_entry(s, actor=ctx.actor, register_id=rid, page_id=pid, values={"khewat_no": "47"})
    view = CorrectionView(ctx)
    qtbot.addWidget(view)
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    # WHEN the clerk submits
    view.submit()
    wait_idle(qtbot, ctx)
    # THEN it is refused with the reason, and the rows stay draft
    assert "Not submitted" in view.status.text() and "must be corrected" in view.status.text()
    with ctx.ws.session() as s:
        assert services.page_rows(s, pid)[0].state == "draft"
