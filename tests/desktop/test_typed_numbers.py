"""A number typed into Urdu text shows as typed while it is typed, and is saved as typed.

In a right-to-left line, `12-5` typed after Urdu letters was drawn `5-12` until it was saved
(bidi rule W2): clerks "corrected" right areas and khasra numbers. desktop.typed_numbers
marks such a number in the editor only; what is saved, audited and copied has no mark.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.qt import QApplication, QContextMenuEvent, QPoint, Qt
from desktop.typed_numbers import MARK, MARKS, marked, plain, plan
from tests.desktop.conftest import wait_idle
from tests.desktop.keys import type_text
from tests.desktop.test_keying_ui import _db_text, _edit, _open

pytestmark = pytest.mark.gui

BIDI_MARKS = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def drawn_x(text: str, font, *, rtl: bool) -> list[float | None]:
    """Where each character of `text` is drawn (the left of its glyphs, px) in a line of
    `font` laid out by Qt as a line edit lays out its text (right to left when `rtl`)."""
    from desktop.qt import QTextLayout, QTextOption

    lay = QTextLayout(text, font)
    opt = QTextOption()
    opt.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    lay.setTextOption(opt)
    lay.beginLayout()
    lay.createLine()
    lay.endLayout()
    return laid_out_x(lay, len(text))


def laid_out_x(layout, n: int) -> list[float | None]:
    """The x of each of the first `n` characters in a QTextLayout (None: no glyph)."""
    xs = []
    for i in range(n):
        ps = [p.x() for run in layout.glyphRuns(i, 1) for p in run.positions()]
        xs.append(min(ps) if ps else None)
    return xs


def shown_at(text: str, number: str) -> list[int]:
    """The indices in `text` of the characters of `number`'s last occurrence, the editor's
    marks between them skipped."""
    visible = [i for i, ch in enumerate(text) if ch not in MARKS]
    start = "".join(text[i] for i in visible).rindex(number)
    return visible[start:start + len(number)]


def reads_left_to_right(edit, number: str) -> bool:
    """Whether the characters of `number` (typed in `edit`) are drawn from left to right."""
    text = edit.text() if hasattr(edit, "text") else edit.toPlainText()
    xs = drawn_x(text, edit.font(), rtl=edit.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    at = [xs[i] for i, ch in zip(shown_at(text, number), number, strict=True) if ch.isdigit()]
    return None not in at and at == sorted(at) and len(set(at)) == len(at)


def test_marks_go_only_before_a_number_that_starts_after_urdu_letters():
    # GIVEN text typed key by key WHEN each key is marked as the editor marks it (the line
    # changed where the marks it needs change: `plan`)
    def typed(text: str) -> str:
        out = ""
        for ch in text:
            a, b, repl, _cursor = plan(out, len(out), len(out), ch)
            out = out[:a] + repl + out[b:]
        return out

    # THEN a number after Urdu letters (also after a space or a comma) starts with one mark
    assert typed("رقبہ 12-5 کنال") == f"رقبہ {MARK}12-5 کنال"
    assert typed("خسرہ ۱۲۵/۵، ۱۲۶ ہے") == f"خسرہ {MARK}۱۲۵/۵، ۱۲۶ ہے"  # (the second follows the first)
    # AND Latin text, numbers alone and numbers after Latin letters get none
    for text in ("Plot 12-5", "12-5", "2019-20", "رقبہ Plot 12-5"):
        assert typed(text) == text
    # AND a whole value is marked as it would have been typed; a number typed before one
    # that is there already (at the start of an Urdu word) keeps it in order
    assert marked("انتقال نمبر 1234 مورخہ 12-05-2019") == f"انتقال نمبر {MARK}1234 مورخہ {MARK}12-05-2019"
    assert marked("ب", "رقبہ ", "12-5") == f"ب{MARK}"
    # AND a number at the start of a new line of a comment is a line of its own
    assert marked("رقبہ\n12-5") == "رقبہ\n12-5"


def test_an_area_typed_into_urdu_remarks_shows_as_typed_and_is_saved_without_marks(qtbot, ctx, view):
    from records.models import AuditEvent

    # GIVEN a page open for correction, the clerk in row 3's remarks (right to left)
    _rid, pid = _open(qtbot, ctx, view)
    # WHEN he types an Urdu word and an area in kanal-marla
    editor = _edit(qtbot, view, 2, "remarks", "رقبہ 12-5")
    # THEN while he types, the area is drawn 12-5 (the 1 left of the 5): it was drawn 5-12
    assert editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert reads_left_to_right(editor, "12-5"), editor.text()
    # AND khasra numbers typed after more Urdu, in Urdu digits, too; the list of them stays
    # in the line's order: the first one typed is the one on the right
    type_text(editor, " خسرہ ۱۲۵/۵، ۱۲۶ رقبہ ۴-۱۰")
    assert all(reads_left_to_right(editor, n) for n in ("۱۲۵/۵", "۱۲۶", "۴-۱۰")), editor.text()
    xs = drawn_x(editor.text(), editor.font(), rtl=True)
    assert xs[shown_at(editor.text(), "۱۲۵/۵")[0]] > xs[shown_at(editor.text(), "۱۲۶")[0]]
    # WHEN he goes on with Tab
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    # THEN what is saved and audited is exactly what he typed, no invisible mark added
    typed = "رقبہ 12-5 خسرہ ۱۲۵/۵، ۱۲۶ رقبہ ۴-۱۰"
    saved = _db_text(ctx, pid, 2, "remarks")
    assert saved == typed and not BIDI_MARKS & set(saved)
    with ctx.ws.session() as s:
        audited = s.scalars(select(AuditEvent.new).where(AuditEvent.action == "value.set",
                                                         AuditEvent.field == "remarks")).all()
    assert audited == [typed]
    # AND the editor opened again on the saved value shows it in order too, and closing it
    # with nothing typed changes nothing
    view.select_field(2, "remarks")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.objectName() == "editor_remarks" and reads_left_to_right(editor, "12-5")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    with ctx.ws.session() as s:
        assert s.scalars(select(AuditEvent.new).where(AuditEvent.field == "remarks")).all() == [typed]


def test_undo_backspace_and_delete_never_stop_at_an_invisible_mark(qtbot, ctx, view):
    # GIVEN the clerk typing an area after an Urdu word in the remarks
    _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 2, "remarks", "رقبہ 5")
    shown = lambda: plain(editor.text())  # noqa: E731 - what is on screen
    # WHEN he presses Backspace once THEN the 5 goes, and nothing invisible is left behind
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.text() == "رقبہ "
    # WHEN he types the area again and presses Ctrl+Z THEN one Ctrl+Z takes away what he
    # typed (Qt's step: since the cursor last moved), never a mark alone; Ctrl+Y brings it back
    type_text(editor, "12-5")
    before = editor.text()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not MARKS & set(editor.text()) and shown() != plain(before)
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == before and reads_left_to_right(editor, "12-5")
    # WHEN the cursor is put just after the space (before the mark) and Delete is pressed
    editor.setCursorPosition(len("رقبہ "))
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    # THEN the 1 goes (not the mark: a key that changed nothing on screen) and the rest of
    # the area stays in order; Ctrl+Z puts the 1 back
    assert shown() == "رقبہ 2-5" and reads_left_to_right(editor, "2-5")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown() == "رقبہ 12-5" and reads_left_to_right(editor, "12-5")
    # WHEN the cursor is just before the 1 (after the mark) and Backspace is pressed
    editor.setCursorPosition(editor.text().index("1"))
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    # THEN the space before the number goes, the area stays in order
    assert shown() == "رقبہ12-5" and reads_left_to_right(editor, "12-5")
    # WHEN he presses End and Backspace four times THEN the area is gone and nothing is left
    # that a fifth press would take
    qtbot.keyClick(editor, Qt.Key.Key_End)
    for _ in range(4):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.text() == "رقبہ"


def test_copy_and_paste_carry_no_marks_and_a_pasted_number_shows_in_order(qtbot, ctx, view):
    # GIVEN an area typed into Urdu remarks
    _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 2, "remarks", "رقبہ 12-5")
    clipboard = QApplication.clipboard()
    # WHEN the clerk selects it all and copies it (Ctrl+C), or cuts it (Ctrl+X)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    # THEN the clipboard holds what he typed, without the editor's mark
    assert clipboard.text() == "رقبہ 12-5"
    qtbot.keyClick(editor, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "رقبہ 12-5" and editor.text() == ""
    # WHEN he pastes an area after an Urdu word (Ctrl+V)
    type_text(editor, "رقبہ ")
    clipboard.setText("4-10")
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # THEN it shows 4-10, and one Ctrl+Z takes the paste away (as Qt's own paste)
    assert plain(editor.text()) == "رقبہ 4-10" and reads_left_to_right(editor, "4-10")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "رقبہ "
    # AND the editor's own menu copies without the mark too
    type_text(editor, "4-10")
    clipboard.clear()
    editor.selectAll()
    QApplication.sendEvent(editor, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), editor.mapToGlobal(QPoint(5, 5))))
    menu = QApplication.activePopupWidget()
    next(a for a in menu.actions() if a.objectName() == "edit-copy").trigger()
    menu.close()
    assert clipboard.text() == "رقبہ 4-10"


def test_latin_text_in_a_text_field_is_typed_as_before(qtbot, ctx, view):
    # GIVEN the remarks field WHEN the clerk types Latin text with a number
    _rid, pid = _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 2, "remarks", "Plot 12-5")
    # THEN the editor holds exactly the keys typed (no mark: nothing needs one)
    assert editor.text() == "Plot 12-5"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    assert _db_text(ctx, pid, 2, "remarks") == "Plot 12-5"


def test_a_mauza_with_a_number_shows_as_typed_in_the_new_register_wizard(qtbot, ctx):
    from desktop.capture.wizard import NewRegisterWizard
    from desktop.typed_numbers import text_of

    # GIVEN the new register wizard's heading page
    wiz = NewRegisterWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    page = wiz.header_page
    wiz.activateWindow()
    page.mauza.setFocus()
    qtbot.waitUntil(page.mauza.hasFocus)
    # WHEN the clerk types a chak's name with its number into the mauza field
    type_text(page.mauza, "چک 12-5")
    # THEN it shows 12-5 (not 5-12), and the register is made with what he typed
    assert reads_left_to_right(page.mauza, "12-5"), page.mauza.text()
    assert page.values()["mauza"] == text_of(page.mauza) == "چک 12-5"


def test_a_reviewers_comment_shows_an_area_as_typed_and_is_sent_as_typed(qtbot):
    from desktop.review.page_view import CommentDialog

    # GIVEN the comment dialog of a returned field (English interface: a left-to-right box)
    dlg = CommentDialog("t", "p", text="رقبہ: ")
    qtbot.addWidget(dlg)
    dlg.show()
    # WHEN the reviewer types the right area after the field's name
    type_text(dlg.edit, "12-5 ہے")
    # THEN the box draws it 12-5 (its own layout of the line: 1 left of 2 left of 5)
    block = dlg.edit.document().firstBlock()
    text = block.text()
    xs = laid_out_x(block.layout(), len(text))
    digits = [xs[text.index(d)] for d in "125"]
    assert digits == sorted(digits), text
    # AND the comment sent is what was written, without the box's mark
    assert dlg.comment() == "رقبہ: 12-5 ہے"
    # AND one Ctrl+Z takes away what was typed, not a mark
    qtbot.keyClick(dlg.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dlg.comment() == "رقبہ:"


def test_a_value_offered_while_typing_shows_its_area_in_order(qtbot, ctx, view):
    from tests.desktop.test_keying_ui import ROWS

    # GIVEN a register whose first row's remarks name an area
    rows = [dict(ROWS[0], remarks="رقبہ 12-5 بیع"), *ROWS[1:]]
    _open(qtbot, ctx, view, rows=rows)
    # WHEN the clerk starts typing the same remarks in row 3
    _edit(qtbot, view, 2, "remarks", "رقبہ")
    popup = view.keying.popup
    assert popup.isVisible() and popup.suggestions[0].text.startswith("رقبہ 12-5")
    # THEN the list offers it with its area drawn 12-5, as the page shows it (it was 5-12)
    item = popup.item(0)
    text = item.text()
    xs = drawn_x(text, popup.font(), rtl=True)
    digits = [xs[text.index(d)] for d in "125"]
    assert digits == sorted(digits), text


def test_an_area_an_input_method_commits_shows_in_order(qtbot, ctx, view):
    from desktop.qt import QInputMethodEvent

    # GIVEN the remarks editor, an Urdu word typed (ibus or a Windows IME commits the keys
    # as text, not as key presses)
    _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 2, "remarks", "رقبہ ")
    # WHEN the input method commits the area, key by key
    for ch in "12-5":
        ev = QInputMethodEvent("", [])
        ev.setCommitString(ch)
        QApplication.sendEvent(editor, ev)
    # THEN it shows 12-5, and the editor holds what was committed
    assert reads_left_to_right(editor, "12-5"), editor.text()
    assert plain(editor.text()) == "رقبہ 12-5"


def test_deleting_a_word_at_a_numbers_start_takes_its_mark_with_what_goes(qtbot, ctx, view):
    from desktop.capture.wizard import NewRegisterWizard
    from desktop.review.page_view import CommentDialog

    ctrl = Qt.KeyboardModifier.ControlModifier
    # GIVEN an area typed after an Urdu word in the remarks, the cursor at the number's start
    # (just after its mark), then just before its mark
    _open(qtbot, ctx, view)
    for before_mark in (False, True):
        editor = _edit(qtbot, view, 2, "remarks", "رقبہ 12-5")
        start = shown_at(editor.text(), "12-5")[0]
        editor.setCursorPosition(start - 1 if before_mark else start)
        assert editor.text()[start - 1] == MARK
        # WHEN the clerk presses Ctrl+Backspace
        qtbot.keyClick(editor, Qt.Key.Key_Backspace, ctrl)
        # THEN the word before the number goes with the mark (the mark went alone: nothing
        # changed on screen), and none is left before the number, now the line's start
        assert editor.text() == "12-5"
        # AND Ctrl+Z brings the word back, the area in order
        qtbot.keyClick(editor, Qt.Key.Key_Z, ctrl)
        assert plain(editor.text()) == "رقبہ 12-5" and reads_left_to_right(editor, "12-5")
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    # GIVEN a chak's name with its number in the new register wizard, the cursor at the number's start
    wiz = NewRegisterWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    mauza = wiz.header_page.mauza
    wiz.activateWindow()
    mauza.setFocus()
    qtbot.waitUntil(mauza.hasFocus)
    type_text(mauza, "چک 12 شمالی")
    mauza.setCursorPosition(shown_at(mauza.text(), "12")[0])
    # WHEN Ctrl+Delete takes the number THEN its mark goes with it, none is left alone
    qtbot.keyClick(mauza, Qt.Key.Key_Delete, ctrl)
    assert mauza.text() == "چک شمالی"
    # GIVEN a reviewer's comment with an area WHEN Ctrl+Delete is pressed at the area's start
    dlg = CommentDialog("t", "p", text="رقبہ: ")
    qtbot.addWidget(dlg)
    dlg.show()
    type_text(dlg.edit, "12 ہے")
    cursor = dlg.edit.textCursor()
    cursor.setPosition(shown_at(dlg.edit.toPlainText(), "12")[0])
    dlg.edit.setTextCursor(cursor)
    qtbot.keyClick(dlg.edit, Qt.Key.Key_Delete, ctrl)
    # THEN the area goes with its mark
    assert dlg.edit.toPlainText() == "رقبہ: ہے" and dlg.comment() == "رقبہ: ہے"


def test_a_dash_typed_after_a_number_shows_at_its_end_before_the_next_digit(qtbot, ctx, view):
    # GIVEN the remarks editor (right to left)
    _rid, pid = _open(qtbot, ctx, view)
    # WHEN the clerk has typed an area after an Urdu word up to its dash
    editor = _edit(qtbot, view, 2, "remarks", "رقبہ 12-")
    # THEN the dash is drawn where the marla will follow, right of the 12 (it was drawn left
    # of it, `-12`, until the 5 was typed)
    text = editor.text()
    xs = drawn_x(text, editor.font(), rtl=True)
    one, two, dash = (xs[i] for i in shown_at(text, "12-"))
    assert one < two < dash, text
    # AND a khasra number's slash, in Urdu digits, too
    type_text(editor, "5 خسرہ ۱۲۵/")
    text = editor.text()
    xs = drawn_x(text, editor.font(), rtl=True)
    assert [xs[i] for i in shown_at(text, "۱۲۵/")] == sorted(xs[i] for i in shown_at(text, "۱۲۵/")), text
    # WHEN he goes on typing THEN both stay in order, the list's numbers in the line's order
    type_text(editor, "۵، ۱۲۶")
    assert all(reads_left_to_right(editor, n) for n in ("12-5", "۱۲۵/۵", "۱۲۶")), editor.text()
    xs = drawn_x(editor.text(), editor.font(), rtl=True)
    assert xs[shown_at(editor.text(), "۱۲۵/۵")[0]] > xs[shown_at(editor.text(), "۱۲۶")[0]]
    # AND Backspace back to the dash leaves it at the number's end; typing on gives it again
    for _ in range(len(" خسرہ ۱۲۵/۵، ۱۲۶") + 1):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    text = editor.text()
    assert plain(text) == "رقبہ 12-"
    xs = drawn_x(text, editor.font(), rtl=True)
    assert xs[shown_at(text, "2")[0]] < xs[shown_at(text, "-")[0]]
    type_text(editor, "5")
    # AND what is saved is what he typed, no mark in it
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    saved = _db_text(ctx, pid, 2, "remarks")
    assert saved == "رقبہ 12-5" and not BIDI_MARKS & set(saved)


def test_an_area_dropped_after_urdu_words_shows_in_order_and_is_saved_without_marks(qtbot, ctx, view):
    from desktop.qt import QDragEnterEvent, QDropEvent, QMimeData
    from desktop.review.page_view import CommentDialog

    def drop(target, widget, text: str) -> None:
        """`text` dragged over `target` and dropped where `widget`'s cursor is (Qt takes a
        drop to the widget that accepted the drag's entering)."""
        data = QMimeData()
        data.setText(text)
        pos = widget.cursorRect().center()
        args = (Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, QDragEnterEvent(pos, *args))
        QApplication.sendEvent(target, QDropEvent(pos.toPointF(), *args))

    # GIVEN the remarks editor, an Urdu word typed
    _rid, pid = _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 2, "remarks", "رقبہ ")
    # WHEN an area is dragged from another window and dropped after the word
    drop(editor, editor, "4-10")
    # THEN it shows 4-10, as typed or pasted (it showed 10-4), and is saved without a mark
    assert plain(editor.text()) == "رقبہ 4-10" and reads_left_to_right(editor, "4-10"), editor.text()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    saved = _db_text(ctx, pid, 2, "remarks")
    assert saved == "رقبہ 4-10" and not BIDI_MARKS & set(saved)
    # AND dropped into a reviewer's comment (on its viewport, where Qt takes drops) too
    dlg = CommentDialog("t", "p", text="رقبہ ")
    qtbot.addWidget(dlg)
    dlg.show()
    drop(dlg.edit.viewport(), dlg.edit, "4-10")
    block = dlg.edit.document().firstBlock()
    text = block.text()
    xs = laid_out_x(block.layout(), len(text))
    digits = [xs[i] for i in shown_at(text, "4-10") if text[i].isdigit()]
    assert digits == sorted(digits), text
    assert dlg.comment() == "رقبہ 4-10"


def test_arabic_indic_digits_after_urdu_letters_keep_their_order(qtbot, ctx, view):
    # GIVEN the remarks editor WHEN an area is typed in Arabic-Indic digits after an Urdu word
    _rid, pid = _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 2, "remarks", "رقبہ ١٢-")
    text = editor.text()
    xs = drawn_x(text, editor.font(), rtl=True)
    # THEN the dash is at its end while typed, and the whole area drawn ١٢-٥ (it was ٥-١٢:
    # digits of class AN are Arabic numbers whatever mark is before them)
    assert [xs[i] for i in shown_at(text, "١٢-")] == sorted(xs[i] for i in shown_at(text, "١٢-")), text
    type_text(editor, "٥ کنال")
    assert reads_left_to_right(editor, "١٢-٥"), editor.text()
    # AND no mark is saved
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    wait_idle(qtbot, ctx)
    assert not BIDI_MARKS & set(_db_text(ctx, pid, 2, "remarks"))


def test_digits_typed_while_qts_completer_list_is_open_are_marked_and_a_completion_is_read_plain(qtbot):
    from desktop.qt import QCompleter, QEvent, QKeyEvent, QLineEdit
    from desktop.typed_numbers import keep_numbers_in_order, text_of

    def key(widget, ch: str) -> None:
        code = ord(ch) if ch.isascii() and ch.isalnum() else {" ": Qt.Key.Key_Space, "-": Qt.Key.Key_Minus}.get(ch, 0)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, ch))

    # GIVEN an Urdu line edit looked after, with Qt's completer of values that hold an area
    # (as a choice field's cell editor has one)
    edit = keep_numbers_in_order(QLineEdit())
    edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(edit)
    comp = QCompleter(["رقبہ 12-5 بیع", "رقبہ 4-10"], edit)
    comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    edit.setCompleter(comp)
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    for ch in "رقبہ":
        key(edit, ch)
    popup = comp.popup()
    assert popup.isVisible()
    # WHEN the clerk types on while its list is open (Qt gives the list the keys, and it
    # sends them to the editor's own event(), past the editor's event filters)
    for ch in " 12-5":
        key(popup, ch)
    # THEN the area shows 12-5 as typed (it showed 5-12), and the list still offers the value
    assert reads_left_to_right(edit, "12-5"), edit.text()
    assert popup.isVisible() and plain(comp.currentCompletion()) == "رقبہ 12-5 بیع"
    # WHEN he chooses it THEN the editor shows it in order, and its value holds no mark
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert text_of(edit) == "رقبہ 12-5 بیع" and not BIDI_MARKS & set(text_of(edit))
    assert reads_left_to_right(edit, "12-5"), edit.text()


def test_digits_typed_while_the_suggestion_list_is_open_are_marked_and_a_suggestion_is_saved_plain(qtbot, ctx, view):
    from tests.desktop.test_keying_ui import ROWS

    # GIVEN a register whose first row's remarks name an area, the clerk typing the same in row 3
    rows = [dict(ROWS[0], remarks="رقبہ 12-5 بیع"), *ROWS[1:]]
    _rid, pid = _open(qtbot, ctx, view, rows=rows)
    editor = _edit(qtbot, view, 2, "remarks", "رقبہ")
    popup = view.keying.popup
    assert popup.isVisible()
    # WHEN he types the area with the list open
    type_text(editor, " 12-5")
    # THEN it shows as typed, and the list still offers the value (looked up without marks)
    assert reads_left_to_right(editor, "12-5"), editor.text()
    assert popup.isVisible() and popup.suggestions[0].text == "رقبہ 12-5 بیع"
    # WHEN he takes it (Down, Enter) THEN it is saved as it was, without a mark
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    saved = _db_text(ctx, pid, 2, "remarks")
    assert saved == "رقبہ 12-5 بیع" and not BIDI_MARKS & set(saved)


def test_a_user_name_and_full_name_typed_with_a_number_show_as_typed_and_are_kept_plain(qtbot):
    from desktop.qt import QDialog
    from desktop.typed_numbers import text_of
    from desktop.users_dialog import NewUserDialog

    # GIVEN the new-user form (its name fields take Urdu: mark_urdu_field)
    form = NewUserDialog(taken=frozenset({"کلرک حلقہ 12-5"}))
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    form.username.setFocus()
    qtbot.waitUntil(form.username.hasFocus)
    # WHEN the administrator types a clerk's name with his halqa's number
    type_text(form.username, "کلرک حلقہ 12-5")
    form.full_name.setFocus()
    type_text(form.full_name, "محمد اسلم حلقہ 12-5")
    # THEN both show 12-5 as typed (they showed 5-12)
    assert reads_left_to_right(form.username, "12-5"), form.username.text()
    assert reads_left_to_right(form.full_name, "12-5"), form.full_name.text()
    # AND the form compares and gives what was typed, no mark: a name taken is found taken
    form.password.setText("clerk-pass-1")
    form.repeat.setText("clerk-pass-1")
    form.submit()
    assert form.result() != QDialog.DialogCode.Accepted and "taken" in form.error.text()
    form.taken = set()
    form.submit()
    assert form.result() == QDialog.DialogCode.Accepted
    assert (text_of(form.username), text_of(form.full_name)) == ("کلرک حلقہ 12-5", "محمد اسلم حلقہ 12-5")


def test_the_arrow_keys_never_stop_at_a_separators_invisible_marks(qtbot, ctx, view):
    # GIVEN an area and a khasra number typed after Urdu words in the remarks
    _open(qtbot, ctx, view)
    editor = _edit(qtbot, view, 2, "remarks", "رقبہ 12-5 خسرہ ۱۲۵/۵")
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
        # WHEN the clerk walks the cursor from one end of the line to the other
        editor.setCursorPosition(len(editor.text()) if key == Qt.Key.Key_Right else 0)
        at, walked = editor.cursorPosition(), []
        for _ in range(2 * len(editor.text())):
            qtbot.keyClick(editor, key)
            if editor.cursorPosition() == at:
                break
            walked.append(editor.text()[min(at, editor.cursorPosition()):max(at, editor.cursorPosition())])
            at = editor.cursorPosition()
        # THEN it gets there, and every press passes a character: none passes only a
        # left-to-right mark around a separator (a key that moved nothing on screen)
        assert at == (0 if key == Qt.Key.Key_Right else len(editor.text()))
        assert all(set(w) - {"\u200e"} for w in walked), walked
