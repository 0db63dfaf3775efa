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


@pytest.mark.slow
def test_a_page_of_another_register_kind_is_said_to_be_one(qtbot, ctx, tmp_path):
    import random

    import cv2

    from desktop.mainwindow import MainWindow
    from desktop.models.pages import LOOKS_LIKE_COLOUR
    from desktop.qt import Qt
    from ocr.synth import random_register, render_page
    from records.templates import builtin

    # GIVEN a jamabandi register and a khasra girdawari page imported into it by mistake
    rid = _register(ctx)
    tpl = builtin("girdawari")
    header, rows = random_register(tpl, 3, random.Random(5))
    ok, png = cv2.imencode(".png", render_page(tpl, header, rows, font="naskh", seed=5).image)
    with ctx.ws.session() as s:
        pid = services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=png.tobytes(),
                                name="girdawari.png").page_id
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_idle(qtbot, ctx)
    # WHEN it is read by OCR (the real pipeline, in a worker process)
    win.ocr.enqueue([pid])
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=90000)
    wait_idle(qtbot, ctx)
    # THEN the page list marks it and says why, and so does the page's status line: the
    # clerk learns it before correcting rows that were read as a jamabandi's
    with ctx.ws.session() as s:
        assert services.get_page(s, pid).looks_like == "girdawari"
    win.refresh_pages()
    qtbot.waitUntil(lambda: win.pages.rowCount() == 1 and win.pages.page_at(0).looks_like == "girdawari")
    ocr_cell = win.pages.index(0, 2)
    assert ocr_cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == LOOKS_LIKE_COLOUR
    assert "headings are those of a Khasra Girdawari (crop inspection) page" in ocr_cell.data(Qt.ItemDataRole.ToolTipRole)
    view = win.correction
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.page is not None and view.model.page.id == pid, timeout=10000)
    wait_idle(qtbot, ctx)
    assert "headings are those of a Khasra Girdawari (crop inspection) page" in view.status.text()
    win.shutdown()
