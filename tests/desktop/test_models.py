"""Item models checked with QAbstractItemModelTester, and the lazy register rows model."""

from __future__ import annotations

import pytest

from records import services
from tests.desktop.conftest import wait_idle
from tests.desktop.helpers import make_register

pytestmark = pytest.mark.gui


@pytest.fixture
def tester(qtmodeltester):
    """Checks a model with Qt's QAbstractItemModelTester (through pytest-qt), failing the test
    on any inconsistency during and after the calls made while it watches."""
    return qtmodeltester


def test_register_and_page_models_pass_the_model_tester(qtbot, ctx, tester):
    # GIVEN the register and page list models under the tester
    from desktop.models.pages import CHUNK, PageListModel
    from desktop.models.registers import RegisterListModel

    regs, pages = RegisterListModel(), PageListModel()
    tester.check(regs)
    tester.check(pages)
    rid, _pids = make_register(ctx, n_pages=1)
    # WHEN they are filled, with more pages than one chunk
    with ctx.ws.session() as s:
        regs.set_registers(services.list_registers(s))
        page = services.list_pages(s, rid)[0]
    many = [page.__class__(**{**page.__dict__, "id": i, "page_no": i}) for i in range(1, CHUNK * 2 + 11)]
    pages.set_pages(many)
    # THEN rows are exposed a chunk at a time and every model call is consistent
    assert regs.rowCount() == 1 and "کوٹ" in regs.index(0).data()
    assert pages.rowCount() == CHUNK and pages.canFetchMore()
    pages.fetchMore()
    pages.fetchMore()
    assert pages.rowCount() == len(many) and not pages.canFetchMore()
    assert pages.row_of(5) == 4
    pages.update_pages(many[:3])
    assert pages.rowCount() == 3


def test_page_rows_model_passes_the_model_tester(qtbot, ctx, tester):
    # GIVEN a page rows model under the tester
    from desktop.correction.rows_model import BoxRole, PageRowsModel

    model = PageRowsModel(ctx)
    tester.check(model)
    _rid, (pid,) = make_register(ctx, low_conf=(0, "owner"))
    # WHEN a page is loaded and edited
    with ctx.ws.session() as s:
        page = services.get_page(s, pid)
        model.set_page(page, services.page_rows(s, pid), services.register_template(s, page.register_id))
    assert model.setData(model.index(0, model.column_of("owner")), "محمد اسلم")
    wait_idle(qtbot, ctx)
    # THEN numbers are shown isolated left to right with Urdu digits, boxes are exposed
    area = model.index(0, model.column_of("area")).data()
    assert area == "\u2066۱۲-۵\u2069"
    assert model.index(0, 0).data(BoxRole) is not None
    assert model.cell_flags(0, "owner") == []


def test_a_choice_typed_in_english_shows_as_the_urdu_value_it_is_saved_as(qtbot, ctx):
    # GIVEN a page whose rows have a land class (a choice) open in the correction model
    from desktop.correction.rows_model import PageRowsModel

    model = PageRowsModel(ctx)
    _rid, (pid,) = make_register(ctx)
    with ctx.ws.session() as s:
        page = services.get_page(s, pid)
        model.set_page(page, services.page_rows(s, pid), services.register_template(s, page.register_id))
    cell = model.index(0, model.column_of("land_class"))
    # WHEN the clerk types the class in English
    assert model.setData(cell, "Canal-Irrigated")
    # THEN the cell shows the Urdu class at once (it kept showing the English typed while
    # the Urdu was saved), and that is what was saved
    assert cell.data() == "نہری"
    wait_idle(qtbot, ctx)
    with ctx.ws.session() as s:
        assert services.get_row(s, model.entry_id(0)).text("land_class") == "نہری"
    assert cell.data() == "نہری"


def test_register_rows_model_is_lazy_and_bounded(qtbot, ctx, tester, monkeypatch):
    # GIVEN a register with 120 rows, and a model paging by 50 rows in chunks of 10 (3 cached)
    from desktop.models import entries
    from desktop.models.entries import PLACEHOLDER, RegisterRowsModel
    from records.templates import get_template

    monkeypatch.setattr(entries, "EXPOSE_STEP", 50)
    monkeypatch.setattr(entries, "CHUNK", 10)
    monkeypatch.setattr(entries, "MAX_CHUNKS", 3)
    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="jamabandi", district="a", tehsil="b",
                                       mauza="c", hadbast_no="1", year="2019-20")
        for i in range(120):
            services.add_entry(s, actor=ctx.actor, register_id=rid, values={"khewat_no": str(i + 1)})
        ids = services.register_entry_ids(s, rid)
    model = RegisterRowsModel(ctx)
    tester.check(model)
    # WHEN the model gets the ids
    model.set_ids(ids, get_template("jamabandi"))
    # THEN only the first step is exposed and no row values are loaded yet
    assert model.rowCount() == entries.EXPOSE_STEP and model.canFetchMore()
    assert model.cached_rows() == 0
    # WHEN a view asks for a cell: a placeholder first, then the value after its chunk loads
    assert model.index(5, 1).data() == PLACEHOLDER
    wait_idle(qtbot, ctx)
    assert model.index(5, 1).data() == "\u2066۶\u2069"
    assert model.cached_rows() < 120
    # WHEN paging through everything
    while model.canFetchMore():
        model.fetchMore()
    for row in range(0, model.rowCount(), entries.CHUNK):
        model.index(row, 1).data()
        wait_idle(qtbot, ctx)
    # THEN the cache never holds more than MAX_CHUNKS chunks
    assert model.rowCount() == 120
    assert model.cached_rows() <= entries.MAX_CHUNKS * entries.CHUNK
