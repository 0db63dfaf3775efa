"""Keying aids in the desktop: type-ahead by keyboard, Roman Urdu, ditto + undo, copy forward,
the on-screen Urdu keyboard and phonetic typing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.qt import QApplication, Qt
from desktop.typed_numbers import text_of
from records import services
from records.models import AuditEvent
from tests.desktop.conftest import wait_idle
from tests.desktop.helpers import make_register
from tests.desktop.keys import type_text

pytestmark = pytest.mark.gui

ASLAM = "محمد اسلم ولد غلام رسول قوم اعوان"
AHMAD = "احمد علی ولد غلام رسول قوم اعوان"
ROWS = [
    {"khewat_no": "47", "khatooni_no": "112", "owner": ASLAM, "share": "1/2", "khasra_nos": "125/5", "area": "12-5"},
    {"khewat_no": "47", "khatooni_no": "113", "owner": AHMAD, "share": "1/4", "khasra_nos": "126", "area": "4-10"},
    {"khewat_no": "47", "khatooni_no": "114", "share": "1/4", "khasra_nos": "127", "area": "4-10"},
]


def _open(qtbot, ctx, view, rows=ROWS):
    """A register page with `rows`, shown, its vocabulary built."""
    rid, (pid,) = make_register(ctx, rows=rows)
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == len(rows) and view.keying.vocab is not None)
    wait_idle(qtbot, ctx)
    return rid, pid


def _db_text(ctx, pid, row, field):
    with ctx.ws.session() as s:
        return services.page_rows(s, pid)[row].text(field)


def _edit(qtbot, view, row, field, text):
    view.select_field(row, field)
    type_text(view.table, text)  # typing opens the cell editor
    editor = QApplication.focusWidget()
    assert editor is not view.table and editor.objectName() == f"editor_{field}"
    return editor


def test_choosing_a_suggestion_by_keyboard_saves_the_whole_owner_line(qtbot, ctx, view):
    # GIVEN a page whose third row has no owner yet, in a register that already holds محمد اسلم
    _rid, pid = _open(qtbot, ctx, view)
    # WHEN the clerk types the start of the name, presses Down and Enter
    editor = _edit(qtbot, view, 2, "owner", "محمد ا")
    popup = view.keying.popup
    assert popup.isVisible() and popup.suggestions[0].text == ASLAM
    assert popup.item(0).text() == ASLAM  # the list shows the line itself
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    # THEN the whole owner line is saved, audited as the clerk's edit, and the cursor moved on
    assert not popup.isVisible()
    assert _db_text(ctx, pid, 2, "owner") == ASLAM
    with ctx.ws.session() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "value.set", AuditEvent.field == "owner",
                                                AuditEvent.new == ASLAM, AuditEvent.user_id == ctx.actor.id)).all()
    assert len(ev) == 2  # the OCR row 1 and this edit
    assert view.current_field() == (2, "share")
    # AND the saved edit is counted in the in-memory vocabulary at once
    assert view.keying.vocab.suggest("owner", "محمد ا", register_id=view.keying.register_id)[0].count == 2


def test_the_type_ahead_list_stays_inside_the_page_view(qtbot, ctx, view):
    # GIVEN an owner cell being typed in a short view (a laptop's screen) and eight offers
    from records.suggest import Suggestion

    _open(qtbot, ctx, view)
    view.resize(1200, 430)
    qapp = QApplication.instance()
    qapp.processEvents()
    editor = _edit(qtbot, view, 1, "owner", "م")
    offers = [Suggestion(f"{AHMAD} {n}", f"{AHMAD} {n}", "value", 1, 1) for n in range(8)]
    popup = view.keying.popup
    # WHEN the list is shown for it
    popup.show_for(editor, offers)
    qapp.processEvents()
    # THEN it lies inside the view (it ran past the bottom, over the Submit button, its last
    # offers out of sight), on the side with more room, and Down still reaches the last offer
    assert view.rect().contains(popup.geometry()), (popup.geometry(), view.rect())
    for _ in range(8):
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    last = popup.item(7)
    assert popup.currentRow() == 7 and popup.viewport().rect().intersects(popup.visualItemRect(last))


def test_enter_without_choosing_keeps_what_was_typed(qtbot, ctx, view):
    # GIVEN the popup showing for a typed prefix
    _rid, pid = _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 2, "owner", "محمد ا")
    assert view.keying.popup.isVisible()
    # WHEN the clerk presses Esc (popup away), then Enter
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not view.keying.popup.isVisible() and QApplication.focusWidget() is editor
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    # THEN exactly the typed text is saved
    assert _db_text(ctx, pid, 2, "owner") == "محمد ا"


def test_roman_urdu_finds_the_urdu_name(qtbot, ctx, view):
    # GIVEN a register that holds the name اسلم
    _rid, pid = _open(qtbot, ctx, view)
    # WHEN the clerk types "asl" in Latin letters
    editor = _edit(qtbot, view, 2, "owner", "asl")
    popup = view.keying.popup
    # THEN اسلم is offered, and Down + Tab takes it, leaving the editor open for the next word
    assert "اسلم" in [s.shown for s in popup.suggestions]
    pos = [s.shown for s in popup.suggestions].index("اسلم")
    for _ in range(pos + 1):
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.text() == "اسلم " and QApplication.focusWidget() is editor
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 2, "owner") == "اسلم"


def test_ditto_fills_from_the_row_above_and_undo_restores(qtbot, ctx, view):
    # GIVEN row 3 whose share differs from row 2's
    _rid, pid = _open(qtbot, ctx, view, rows=[*ROWS[:2], {**ROWS[2], "owner": "بشیر احمد", "share": "1/8"}])
    view.select_field(2, "share")
    # WHEN the clerk presses Ctrl+D on the cell
    qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    # THEN the share of the row above is saved and the cursor moved on
    assert _db_text(ctx, pid, 2, "share") == "1/4"
    assert view.current_field() == (2, "cultivator")
    # WHEN the clerk presses Ctrl+Z
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    # THEN the previous value is back, in the view and in the database
    assert view.model.text(2, "share") == "1/8"
    assert _db_text(ctx, pid, 2, "share") == "1/8"


def test_ditto_in_an_open_editor_and_same_owner(qtbot, ctx, view):
    # GIVEN row 3 being typed in its patti field, its owner empty
    _rid, pid = _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 2, "patti", "پ")
    # WHEN the clerk presses Ctrl+Shift+D inside the editor
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, ctx)
    # THEN the owner line of the row above is filled in, the editor still open
    assert _db_text(ctx, pid, 2, "owner") == AHMAD
    assert QApplication.focusWidget() is editor and editor.text() == "پ"  # (it was wiped)
    # WHEN the clerk goes to the owner... of the next row down: Ctrl+D in the khasra editor
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    editor = _edit(qtbot, view, 2, "cultivator", "خ")
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    # THEN with nothing above to repeat, nothing is saved and the clerk is told
    assert _db_text(ctx, pid, 2, "cultivator") == ""
    assert "Nothing above" in view.status.text()
    # AND Ctrl+Z after leaving the editor goes back through the page's changes: what Esc
    # cancelled first (the خ, the پ: kept for undo, test_keying_clerk2), then the owner fill
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    for field, typed in (("cultivator", "خ"), ("patti", "پ")):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        wait_idle(qtbot, ctx)
        assert _db_text(ctx, pid, 2, field) == typed
    assert _db_text(ctx, pid, 2, "owner") == AHMAD
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 2, "owner") == ""


def test_next_khasra_is_offered_and_taken_with_one_key(qtbot, ctx):
    # GIVEN a girdawari page whose second row has no khasra number yet
    from desktop.correction.view import CorrectionView

    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="girdawari", district="لاہور", tehsil="رائیونڈ",
                                       mauza="کوٹ", hadbast_no="42", year="2019-20", header={"harvest": "rabi"})
        pid = services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=b"x" * 10,
                                name="g.png").page_id
        for khasra in ("125/5", ""):
            services.add_entry(s, actor=ctx.actor, register_id=rid, page_id=pid,
                               values={k: v for k, v in {"khasra_no": khasra, "khewat_no": "47"}.items() if v})
    view = CorrectionView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    # WHEN the clerk opens the empty khasra cell (F2) and presses Ctrl+Space
    # THEN the next khasra number is offered, and saved
    _take_offered_khasra(qtbot, ctx, view, pid, 1, "125/6")


def _take_offered_khasra(qtbot, ctx, view, pid, row, offered):
    """Open a row's empty khasra cell (F2), check the number offered, take it (Ctrl+Space)."""
    view.select_field(row, "khasra_no")
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.placeholderText() == offered
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, row, "khasra_no") == offered


def test_ditto_and_the_next_khasra_reach_back_to_the_previous_page(qtbot, ctx):
    # GIVEN a girdawari register whose page 1 ends with khasra 125/6 in khewat 47, and a page 2
    # whose first row has neither yet
    from desktop.correction.view import CorrectionView

    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="girdawari", district="لاہور", tehsil="رائیونڈ",
                                       mauza="کوٹ", hadbast_no="42", year="2019-20", header={"harvest": "rabi"})
        p1, p2 = (services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=bytes([n]) * 10,
                                    name=f"g{n}.png").page_id for n in (1, 2))
        for khasra, khewat in (("125/5", "47"), ("125/6", "")):
            services.add_entry(s, actor=ctx.actor, register_id=rid, page_id=p1,
                               values={k: v for k, v in {"khasra_no": khasra, "khewat_no": khewat}.items() if v})
        services.add_entry(s, actor=ctx.actor, register_id=rid, page_id=p2, values={"crop": "گندم"})
    view = CorrectionView(ctx)
    qtbot.addWidget(view)
    view.show()
    # WHEN the clerk opens page 2 and presses Ctrl+D on the first row's khewat
    view.show_page(p2)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.page.id == p2)
    view.select_field(0, "khewat_no")
    qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    # THEN the khewat above it, on page 1's nearest row that has one, is saved
    assert _db_text(ctx, p2, 0, "khewat_no") == "47"
    # AND its empty khasra cell offers the number after page 1's last, taken with Ctrl+Space
    _take_offered_khasra(qtbot, ctx, view, p2, 0, "125/7")
    # AND on a register's first page there is nothing above the first row
    view.show_page(p1)
    qtbot.waitUntil(lambda: view.model.page.id == p1)
    assert view.model.above == {}


def test_on_screen_keyboard_types_into_the_focused_editor(qtbot, ctx, view):
    # GIVEN the owner editor open and the on-screen keyboard in the same window
    from desktop.keying.urdu_keyboard import UrduKeyboard

    _rid, pid = _open(qtbot, ctx, view)
    kb = UrduKeyboard(view)  # inside the window, as the dock is
    kb.show()
    editor = _edit(qtbot, view, 2, "owner", "ب")
    # WHEN the clerk clicks the ا key (Latin a), then Shift and the ٹ key (Shift+t)
    qtbot.mouseClick(kb.buttons["a"], Qt.MouseButton.LeftButton)
    assert kb.buttons["t"].text() == "ت\nt"  # the letter over the Latin key that types it
    qtbot.mouseClick(kb.shift, Qt.MouseButton.LeftButton)
    assert kb.buttons["t"].text() == "ٹ\nT"
    qtbot.mouseClick(kb.buttons["t"], Qt.MouseButton.LeftButton)
    # THEN the letters are typed into the editor, which keeps the focus; Shift is released
    assert editor.text() == "باٹ"
    assert QApplication.focusWidget() is editor and not kb.shift.isChecked()
    qtbot.mouseClick(kb.findChild(type(kb.shift), "keyBackspace"), Qt.MouseButton.LeftButton)
    assert editor.text() == "با"


def _latin_keys(qtbot, view, keys: str) -> None:
    """Key clicks as a Latin keyboard sends them: each to the widget with the focus."""
    for k in keys:
        qtbot.keyClick(QApplication.focusWidget() or view.table, k)


def test_phonetic_typing_maps_latin_keys_in_urdu_editors_only(qtbot, ctx, view):
    # GIVEN phonetic typing switched on
    from desktop.keying.urdu_keyboard import PhoneticTyping

    _rid, pid = _open(qtbot, ctx, view)
    pt = PhoneticTyping(view)
    pt.set_enabled(True)
    try:
        # WHEN the clerk types "aslm" on a Latin keyboard into the owner field
        view.select_field(2, "owner")
        _latin_keys(qtbot, view, "aslm")
        editor = QApplication.focusWidget()
        # THEN the editor holds اسلم (and the completer saw Urdu)
        assert editor.text() == "اسلم"
        # AND keys the layout keeps as they are, or makes Latin, are typed once, as the layout
        # says (a '-' sent itself again until the recursion limit; Shift+1's '1' became '۱')
        _latin_keys(qtbot, view, "-/:!B")
        assert text_of(editor) == "اسلم-/:1."  # (the 1 shown with a mark: desktop.typed_numbers)
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        # AND a numeric field (typed left to right) keeps Latin digits and letters
        view.select_field(2, "khatooni_no")
        _latin_keys(qtbot, view, "12a")
        assert QApplication.focusWidget().text() == "12a"
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    finally:
        pt.set_enabled(False)
    # AND a password field, even right to left as in the Urdu interface, is never mapped
    from desktop.qt import QLineEdit

    pt.set_enabled(True)
    pw = QLineEdit(view)
    pw.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    pw.setEchoMode(QLineEdit.EchoMode.Password)
    pw.setProperty("urduText", True)
    pw.show()
    qtbot.keyClicks(pw, "ab")
    pt.set_enabled(False)
    assert pw.text() == "ab"
    # AND switched off, Latin letters stay Latin
    view.select_field(2, "patti")
    _latin_keys(qtbot, view, "ab")
    assert QApplication.focusWidget().text() == "ab"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_bad_keyboard_layout_file_names_the_file(tmp_path):
    # GIVEN a layout file that is not JSON, and one without keys
    from desktop.keying.urdu_keyboard import LayoutError, load_layout

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text('{"keys": {}}', encoding="utf-8")
    # WHEN / THEN each is refused with the file named
    for path in (broken, empty, tmp_path / "missing.json"):
        with pytest.raises(LayoutError, match=str(path.name)):
            load_layout(path)
    # AND the bundled layout maps the phonetic keys
    assert load_layout().map_text("aslm Tcx") == "اسلم ٹچش"


def test_copy_forward_dialog_copies_rows_and_proposes_mutations(qtbot, ctx):
    # GIVEN a 2015-16 jamabandi and a mutation sanctioned for one of its owners in 2017
    from desktop.keying.copy_forward_dialog import CopyForwardDialog

    place = dict(district="لاہور", tehsil="رائیونڈ", mauza="کوٹ", hadbast_no="42")
    with ctx.ws.session() as s:
        old = services.create_register(s, actor=ctx.actor, template="jamabandi", year="2015-16", **place)
        for owner, share in ((ASLAM, "1/2"), (AHMAD, "1/2")):
            services.add_entry(s, actor=ctx.actor, register_id=old, values={
                "khewat_no": "47", "khatooni_no": "112", "owner": owner, "share": share, "area": "6-0"})
        intiqal = services.create_register(s, actor=ctx.actor, template="intiqal", year="2017", **place)
        services.add_entry(s, actor=ctx.actor, register_id=intiqal, values={
            "mutation_no": "1234", "date": "14-03-2017", "mutation_type": "بیع", "khewat_no": "47",
            "area": "3-0", "share": "1/4", "transferor": "محمد اسلم ولد غلام رسول",
            "transferee": "بشیر احمد ولد نور دین", "order": "منظور شد، تحصیلدار"})
    dlg = CopyForwardDialog(ctx, previous_id=old)
    qtbot.addWidget(dlg)
    dlg.show()
    wait_idle(qtbot, ctx)
    # WHEN the clerk accepts the proposed next year and presses Copy forward
    assert dlg.previous.currentData() == old and dlg.previous.count() == 1  # intiqal registers are not offered
    assert dlg.year.text() == "2019-20"
    with qtbot.waitSignal(dlg.opened, timeout=10000) as opened:
        qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    # THEN the new register holds the copied rows and the proposed row, flagged
    new_id = opened.args[0]
    with ctx.ws.session() as s:
        rows = services.rows_by_ids(s, services.register_entry_ids(s, new_id))
        assert services.get_register(s, new_id).year == "2019-20"
    assert [r.text("owner") for r in rows] == [ASLAM, AHMAD, "بشیر احمد ولد نور دین"]
    assert [f.code for f in rows[2].values["owner"].flags] == ["mutation"]
    assert [f.code for f in rows[0].values["share"].flags] == ["mutation"]
    # AND the dialog says what was copied and which mutation was proposed
    text = dlg.result_label.text()
    assert "2 row(s) copied" in text and "1234" in text and "بشیر احمد" in text


def test_copy_forward_dialog_refuses_an_empty_year(qtbot, ctx):
    # GIVEN the dialog over a register whose year cannot be continued
    from desktop.keying.copy_forward_dialog import CopyForwardDialog, next_edition_year

    with ctx.ws.session() as s:
        old = services.create_register(s, actor=ctx.actor, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                       mauza="کوٹ", hadbast_no="42", year="قدیم")
    dlg = CopyForwardDialog(ctx, previous_id=old)
    qtbot.addWidget(dlg)
    wait_idle(qtbot, ctx)
    # WHEN the clerk presses Copy forward without a year
    assert dlg.year.text() == ""
    qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    # THEN nothing is created and the clerk is told what to type
    assert "year of the new edition" in dlg.result_label.text()
    with ctx.ws.session() as s:
        assert len(services.list_registers(s)) == 1
    assert next_edition_year("2015-16") == "2019-20" and next_edition_year("۲۰۱۵") == "2019"


def test_copy_forward_dialog_proposes_the_next_girdawari_season(qtbot, ctx):
    # GIVEN a jamabandi listed first and the Kharif 1997-98 girdawari of another mauza with a crop
    from desktop.keying.copy_forward_dialog import CopyForwardDialog

    place = dict(district="لاہور", tehsil="رائیونڈ", hadbast_no="42")
    with ctx.ws.session() as s:
        services.create_register(s, actor=ctx.actor, template="jamabandi", mauza="کوٹ", year="2018-19", **place)
        old = services.create_register(s, actor=ctx.actor, template="girdawari", mauza="کھڈیاں", year="1997-98",
                                       header={"harvest": "خریف"}, **place)
        services.add_entry(s, actor=ctx.actor, register_id=old, values={
            "khasra_no": "630/4", "khewat_no": "369", "owner": ASLAM, "area": "16-19", "crop": "مکئی", "crop_area": "4-9"})
    dlg = CopyForwardDialog(ctx, previous_id=old)
    qtbot.addWidget(dlg)
    dlg.show()
    wait_idle(qtbot, ctx)
    # WHEN the dialog opens on the girdawari
    # THEN it proposes the next season, Rabi of the same agricultural year (not the jamabandi's
    # year plus four, 2022-23, nor the same Kharif again)
    assert dlg.previous.currentData() == old
    assert dlg.year.text() == "1997-98"
    assert dlg.harvest.isVisible() and dlg.harvest.currentData() == "ربیع"
    # WHEN the clerk copies forward
    with qtbot.waitSignal(dlg.opened, timeout=10000) as opened:
        qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    # THEN the Rabi register is made, its khasra on a page, last season's crop left to fill
    with ctx.ws.session() as s:
        reg = services.get_register(s, opened.args[0])
        rows = services.rows_by_ids(s, services.register_entry_ids(s, reg.id))
    assert (reg.year, reg.header["harvest"]) == ("1997-98", "ربیع")
    assert [(r.text("khasra_no"), r.text("crop")) for r in rows] == [("630/4", "")] and rows[0].page_id is not None
    # WHEN the clerk presses Copy forward again for the same season
    dlg.copy_button.setEnabled(True)
    qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    # THEN it is refused, saying the register is there already, and no second one is made
    qtbot.waitUntil(lambda: "already exists" in dlg.result_label.text(), timeout=10000)
    with ctx.ws.session() as s:
        assert len([r for r in services.list_registers(s) if r.template_id == "girdawari"]) == 2
    # AND choosing the jamabandi proposes its own next edition, without a harvest
    dlg.previous.setCurrentIndex(dlg.previous.findData(next(r.id for r in dlg._registers if r.template_id == "jamabandi")))
    assert dlg.year.text() == "2022-23" and not dlg.harvest.isVisible()


def test_copy_forward_dialog_says_which_girdawari_rows_a_mutation_flagged(qtbot, ctx):
    # GIVEN a Kharif girdawari and a sale of its khasra 630/4 sanctioned since
    from desktop.keying.copy_forward_dialog import CopyForwardDialog

    place = dict(district="لاہور", tehsil="رائیونڈ", mauza="کھڈیاں", hadbast_no="42")
    with ctx.ws.session() as s:
        old = services.create_register(s, actor=ctx.actor, template="girdawari", year="1997-98",
                                       header={"harvest": "خریف"}, **place)
        services.add_entry(s, actor=ctx.actor, register_id=old, values={
            "khasra_no": "630/4", "khewat_no": "369", "owner": ASLAM, "area": "16-19"})
        intiqal = services.create_register(s, actor=ctx.actor, template="intiqal", year="1997", **place)
        services.add_entry(s, actor=ctx.actor, register_id=intiqal, values={
            "mutation_no": "77", "date": "14-03-1997", "mutation_type": "بیع", "khewat_no": "369",
            "khasra_nos": "630/4", "area": "16-19", "transferor": ASLAM, "transferee": "بشیر احمد ولد نور دین",
            "order": "منظور شد، تحصیلدار"})
    dlg = CopyForwardDialog(ctx, previous_id=old)
    qtbot.addWidget(dlg)
    wait_idle(qtbot, ctx)
    # WHEN the clerk copies the next season forward
    with qtbot.waitSignal(dlg.opened, timeout=10000):
        qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    # THEN the dialog says one copied row was flagged for its owner (it said no mutation was found)
    text = dlg.result_label.text()
    assert "1 copied row(s) flagged" in text and "correct the owner" in text
    assert "No sanctioned mutation" not in text


def test_the_kharif_and_rabi_registers_of_a_year_are_told_apart_in_the_register_list(qtbot, ctx):
    # GIVEN the Kharif and the Rabi girdawari of one mauza and year
    from desktop.models.registers import RegisterListModel

    with ctx.ws.session() as s:
        for harvest in ("خریف", "ربیع"):
            services.create_register(s, actor=ctx.actor, template="girdawari", district="لاہور", tehsil="رائیونڈ",
                                     mauza="کھڈیاں", hadbast_no="42", year="1997-98", header={"harvest": harvest})
        regs = services.list_registers(s)
    # WHEN they are listed
    model = RegisterListModel()
    model.set_registers(regs)
    titles = [model.index(i).data() for i in range(model.rowCount())]
    # THEN each title names its harvest, and the two differ
    assert "خریف" in titles[0] and "ربیع" in titles[1] and titles[0] != titles[1]


def test_main_window_menus_open_the_keying_aids(qtbot, ctx):
    # GIVEN the main window with a register selected
    from desktop.keying.copy_forward_dialog import CopyForwardDialog
    from desktop.mainwindow import MainWindow

    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="jamabandi", district="لاہور",
                                       tehsil="رائیونڈ", mauza="کوٹ", hadbast_no="42", year="2019-20")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, ctx)
    try:
        # WHEN the clerk uses View › Urdu keyboard and View › Phonetic Urdu typing
        win.actions_by_name["urduKeyboard"].trigger()
        win.actions_by_name["phoneticTyping"].trigger()
        # THEN the keyboard is docked in the window and phonetic typing is on (and checked)
        assert win.urdu_keyboard_dock.isVisible() and win.urdu_keyboard_dock.keyboard.buttons["a"].text().startswith("ا")
        assert win.phonetic_typing.enabled and win.actions_by_name["phoneticTyping"].isChecked()
        win.actions_by_name["phoneticTyping"].trigger()
        assert not win.phonetic_typing.enabled
        # WHEN the clerk uses Register › New edition from the previous one
        win.actions_by_name["copyForward"].trigger()
        wait_idle(qtbot, ctx)
        # THEN the dialog offers the selected register
        dlg = win.findChild(CopyForwardDialog)
        assert dlg.isVisible() and dlg.previous.currentData() == rid and dlg.year.text() == "2023-24"
        dlg.close()
    finally:
        win.shutdown()


def test_area_that_follows_from_the_share_is_taken_with_one_key(qtbot, ctx, view):
    # GIVEN a khewat whose total row says 16 kanal, and an owner row with a share but no area
    rows = [{"khewat_no": "47", "owner": "میزان", "area": "16-0"},
            {"khewat_no": "47", "khatooni_no": "112", "owner": ASLAM, "share": "1/4"}]
    _rid, pid = _open(qtbot, ctx, view, rows=rows)
    view.select_field(1, "area")
    # WHEN the clerk presses Ctrl+Space on the empty area cell
    qtbot.keyClick(view.table, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    # THEN a quarter of the khewat is saved, and Ctrl+Z takes it back
    assert _db_text(ctx, pid, 1, "area") == "4-0"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 1, "area") == ""
    # AND where nothing follows, nothing is filled and the clerk is told
    view.select_field(1, "patti")
    qtbot.keyClick(view.table, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert "No value follows" in view.status.text()


XKB_PK = "/usr/share/X11/xkb/symbols/pk"  # Debian's xkb-data (scripts/ensure-system-deps)
XKB_KEYS = {**{f"AE{i:02d}": c for i, c in enumerate("1234567890-=", 1)},
            **{f"AD{i:02d}": c for i, c in enumerate("qwertyuiop[]", 1)},
            **{f"AC{i:02d}": c for i, c in enumerate("asdfghjkl;'", 1)},
            **{f"AB{i:02d}": c for i, c in enumerate("zxcvbnm,./", 1)}}


def _xkb_layout(variant: str) -> dict[str, str]:
    """Latin key (its US Shift sign for the Shift level) -> text, of an xkb symbols variant."""
    import re
    from pathlib import Path

    from desktop.keying.urdu_keyboard import shifted

    text = Path(XKB_PK).read_text()
    block = text[text.index(f'xkb_symbols "{variant}"'):]
    end = block.find("xkb_symbols", 1)  # the next variant
    block = block if end < 0 else block[:end]
    out = {}
    for code, syms in re.findall(r"key <(\w+)>\s*\{\s*\[([^\]]*)\]", block):
        if code not in XKB_KEYS:
            continue
        levels = [s.strip() for s in syms.split(",")]
        for key, sym in zip((XKB_KEYS[code], shifted(XKB_KEYS[code])), levels[:2], strict=False):
            if sym.lower().startswith("0x100"):
                out[key] = chr(int(sym, 16) - 0x1000000)
    return out


def test_the_status_bar_shows_while_latin_keys_type_urdu(qtbot, ctx):
    from desktop.mainwindow import MainWindow
    from desktop.qt import QLabel, Qt

    # GIVEN the main window in sight, phonetic typing off
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, ctx)
    try:
        def sign():
            return win.statusBar().findChild(QLabel, "phoneticTypingOn")

        assert sign() is None or not sign().isVisible()
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        # WHEN the clerk presses Shift+F9
        qtbot.keyClick(win, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
        # THEN the status bar says Latin keys now type Urdu, and how to stop it (only the View
        # menu's check mark showed it)
        assert win.phonetic_typing.enabled
        assert sign() is not None and sign().isVisible()
        assert "Phonetic Urdu typing is on" in sign().text() and "Shift+F9" in sign().text()
        # WHEN Shift+F9 again THEN it is off and the sign gone
        qtbot.keyClick(win, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
        assert not win.phonetic_typing.enabled and not sign().isVisible()
    finally:
        win.shutdown()


def test_the_phonetic_layout_is_crulps_key_for_key():
    from desktop.keying.urdu_keyboard import default_layout

    # GIVEN CRULP's Urdu Phonetic layout v1.1 as Debian's xkb transcribes it, pk(urd-crulp)
    crulp = _xkb_layout("urd-crulp")
    assert crulp["a"] == "ا" and crulp["T"] == "ٹ" and len(crulp) > 60
    ours = default_layout().keys
    # THEN every key of ours types what CRULP's does, Shift level included
    assert {k: v for k, v in ours.items() if crulp.get(k) != v} == {}
    # AND every letter and digit key of CRULP's, at both levels, is in ours
    letters = set("abcdefghijklmnopqrstuvwxyz1234567890") | {k.upper() for k in "abcdefghijklmnopqrstuvwxyz"} \
        | set("!@#$%^&*()")
    assert sorted(k for k in crulp if k in letters and k not in ours) == []


def _rows_in_sight(table) -> int:
    """How many rows of the table fit in its view (whole ones)."""
    return table.viewport().height() // table.verticalHeader().defaultSectionSize()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_on_screen_keyboard_leaves_the_page_rows_in_view_on_a_small_screen(qtbot, qapp, ctx, lang):
    from desktop import i18n
    from desktop.context import AppContext, Preferences
    from desktop.correction.view import CROP_HEIGHT
    from desktop.fonts import prefer_nastaliq
    from desktop.keying.urdu_keyboard import KEY_HEIGHT
    from desktop.mainwindow import MainWindow
    from tests.desktop.helpers import make_register

    # GIVEN the main window at 1366 x 768 (offices' laptops) on a page of rows in Nastaliq (the
    # office's default: rows 52 px high), in English or Urdu
    assert i18n.apply_language(qapp, lang)
    _rid, (pid,) = make_register(ctx)
    ctx = AppContext.create(ctx.ws, ctx.actor, prefs=Preferences(urdu_digits=True, nastaliq=True))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.setGeometry(0, 0, 1366, 768)
    win.show()
    wait_idle(qtbot, ctx)
    win.correction.show_page(pid)
    qtbot.waitUntil(lambda: win.correction.model.rowCount() == 2)
    try:
        table, image = win.correction.table, win.correction.image_view
        before = _rows_in_sight(table)
        assert before >= 6 and win.correction.cell_info_area.height() > CROP_HEIGHT
        # WHEN the clerk presses F9 (View › Urdu keyboard) in the page's rows
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: getattr(win, "urdu_keyboard_dock", None) is not None and win.urdu_keyboard_dock.isVisible())
        qtbot.wait(50)
        dock = win.urdu_keyboard_dock
        # THEN the keyboard is compact (keys lower, Shift/Space/Backspace beside the letters)
        assert dock.height() <= 160, dock.height()
        assert dock.keyboard.buttons["a"].height() < KEY_HEIGHT
        # AND five rows of the page stay in sight beside it (two did), the field's notes as
        # high as the magnified cell, the page image still 500 px high
        assert table.verticalHeader().defaultSectionSize() >= 50
        assert _rows_in_sight(table) >= 5, table.viewport().height()
        assert win.correction.cell_info_area.height() == CROP_HEIGHT
        assert image.viewport().height() >= 500, image.viewport().height()
        # AND the keyboard left the keys in the rows (it never takes the focus)
        assert QApplication.focusWidget() is table
        # WHEN the window is as tall as a 1080 px screen
        win.setGeometry(0, 0, 1920, 1080)
        qtbot.waitUntil(lambda: dock.keyboard.buttons["a"].height() >= KEY_HEIGHT - 6)
        qtbot.wait(50)
        # THEN the keys are full size again, the notes full height, and more rows in sight
        assert dock.keyboard.buttons["a"].height() >= KEY_HEIGHT - 6
        assert win.correction.cell_info_area.height() > CROP_HEIGHT
        assert _rows_in_sight(table) >= 8, table.viewport().height()
        # WHEN F9 again  THEN the keyboard goes
        qtbot.keyClick(table, Qt.Key.Key_F9)
        assert not dock.isVisible()
    finally:
        win.shutdown()
        ctx.close()
        prefer_nastaliq(False)
        i18n.apply_language(qapp, "en")


def _window_with_keyboard(qtbot, ctx):
    """A main window (a new start over ctx's workspace) with its keyboard opened by F9."""
    from desktop.context import AppContext
    from desktop.mainwindow import MainWindow

    c = AppContext.create(ctx.ws, ctx.actor, prefs=ctx.prefs)
    win = MainWindow(c)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, c)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.correction.table.setFocus()
    qtbot.keyClick(win.correction.table, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: getattr(win, "urdu_keyboard_dock", None) is not None and win.urdu_keyboard_dock.isVisible())
    qtbot.wait(50)
    return win, win.urdu_keyboard_dock


def _close(win) -> None:
    win.shutdown()  # (Daftar closing: the keyboard's place is kept then)
    win.urdu_keyboard_dock.hide()  # (floating, it is a window of its own)
    win.hide()


def test_the_keyboard_opens_at_the_size_and_place_it_was_left(qtbot, ctx):
    from desktop import ui_settings
    from desktop.keying.urdu_keyboard import KEY_HEIGHT
    from desktop.qt import QGuiApplication

    # GIVEN a short screen (a laptop's: the test screen is 600 px high), the keyboard opened
    # for the first time: docked, compact
    assert ui_settings.screen_class(QGuiApplication.primaryScreen()) == "short"
    win, dock = _window_with_keyboard(qtbot, ctx)
    first = dock.height()
    assert not dock.isFloating() and first <= 160 and dock.keyboard.compact
    # WHEN the clerk drags its edge up by 60 px, and Daftar closes
    win.resizeDocks([dock], [first + 60], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: dock.height() >= first + 40)
    dragged = dock.height()
    _close(win)
    # THEN at the next start the keyboard opens docked at that height (it was back at its
    # own), its keys still compact (the window is short)
    win, dock = _window_with_keyboard(qtbot, ctx)
    qtbot.waitUntil(lambda: abs(dock.height() - dragged) <= 2)
    assert not dock.isFloating() and dock.keyboard.compact
    # WHEN it is made a window of its own, moved and sized, and Daftar closes
    dock.setFloating(True)
    dock.setGeometry(40, 50, 640, 260)
    qtbot.waitUntil(lambda: dock.geometry().size().height() == 260)
    _close(win)
    # THEN it opens floating there at the next start, its keys full size (floating)
    win, dock = _window_with_keyboard(qtbot, ctx)
    assert dock.isFloating()
    g = dock.geometry()
    assert (g.width(), g.height()) == (640, 260) and (g.x(), g.y()) == (40, 50)
    assert dock.keyboard.buttons["a"].height() >= KEY_HEIGHT - 6
    _close(win)


def test_the_keyboard_kept_for_a_tall_screen_is_not_used_on_a_short_one(qtbot, ctx):
    from desktop import ui_settings

    # GIVEN a place kept for a tall screen only (floating, big), and nothing for a short one
    ui_settings.remember_keyboard_place("tall", ui_settings.DockPlace(floating=True, width=900, height=400, x=5, y=5))
    assert ui_settings.keyboard_place("short") is None
    # WHEN the keyboard opens on the short screen
    win, dock = _window_with_keyboard(qtbot, ctx)
    # THEN it is docked and compact, as it always opened there
    assert not dock.isFloating() and dock.keyboard.compact and dock.height() <= 160
    _close(win)
    # AND a damaged value is no place at all
    ui_settings.computer_settings().setValue(f"{ui_settings.KEYBOARD_KEY}_short", "{not json")
    assert ui_settings.keyboard_place("short") is None
    assert ui_settings.DockPlace.from_text('{"floating": false, "width": 0, "height": 3}') is None
    # AND a floating place off this screen (another screen of the class) is not used
    ui_settings.remember_keyboard_place("short", ui_settings.DockPlace(floating=True, width=300, height=200,
                                                                       x=5000, y=5000))
    win, dock = _window_with_keyboard(qtbot, ctx)
    assert not dock.isFloating()
    _close(win)


def _blank_above_and_below(dock) -> tuple[int, int]:
    """The keyboard's height above its first row of keys and below its last, in px."""
    kb = dock.keyboard
    keys = [*kb.buttons.values(), kb.shift, kb.space, kb.back]
    top = min(b.mapTo(kb, b.rect().topLeft()).y() for b in keys)
    bottom = max(b.mapTo(kb, b.rect().bottomLeft()).y() for b in keys)
    return top, kb.height() - 1 - bottom


def test_the_keys_grow_with_the_keyboard_dragged_taller_no_blank_space_above_them(qtbot, ctx):
    from desktop.keying.urdu_keyboard import KEY_HEIGHT

    # GIVEN the keyboard docked and compact on a short screen
    win, dock = _window_with_keyboard(qtbot, ctx)
    try:
        first = dock.height()
        key_before = dock.keyboard.buttons["a"].height()
        assert dock.keyboard.compact and max(_blank_above_and_below(dock)) <= 6
        # WHEN its edge is dragged up by 120 px
        win.resizeDocks([dock], [first + 120], Qt.Orientation.Vertical)
        qtbot.waitUntil(lambda: dock.height() >= first + 100)
        qtbot.wait(20)
        # THEN the keys take the height (no blank band above or below them)
        above, below = _blank_above_and_below(dock)
        assert above <= 6 and below <= 6, (above, below, dock.height())
        assert dock.keyboard.buttons["a"].height() >= key_before + 15
        # AND floating, made taller than its full-size keys, likewise
        dock.setFloating(True)
        dock.setGeometry(40, 50, 700, 2 * (5 * KEY_HEIGHT + 20))
        qtbot.waitUntil(lambda: dock.keyboard.buttons["a"].height() > KEY_HEIGHT)
        above, below = _blank_above_and_below(dock)
        assert above <= 6 and below <= 6, (above, below, dock.keyboard.height())
    finally:
        _close(win)
