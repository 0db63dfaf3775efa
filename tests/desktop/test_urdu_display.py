"""What a clerk sees in the Urdu interface, second walk: where an empty Urdu field shows its
cursor, titles cut with '…', plural words, key names in Urdu sentences."""

from __future__ import annotations

import pytest

from desktop.qt import QImage, Qt
from tests.desktop import test_review
from tests.desktop.keys import type_text
from tests.desktop.test_review import _submitted_pages

pytestmark = pytest.mark.gui

people = test_review.people  # the review tests' users (fixture): clerk1, girdawar1, ...


@pytest.fixture
def urdu(qapp):
    from desktop import i18n

    i18n.apply_language(qapp, "ur")
    yield
    i18n.apply_language(qapp, "en")


def drawn_cursor_x(widget) -> list[int]:
    """The x of each dark column as tall as a text cursor in a grab of `widget` (empty field:
    only the cursor is drawn)."""
    img: QImage = widget.grab().toImage()
    h = img.height()
    return [x for x in range(img.width())
            if sum(img.pixelColor(x, y).value() < 100 for y in range(3, h - 3)) > h // 3]


def _focus(qtbot, widget):
    widget.window().show()
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.wait(10)


def _cursor_at_right(widget) -> bool:
    xs = drawn_cursor_x(widget)
    return bool(xs) and min(xs) > widget.width() * 0.75


def _cursor_at_left(widget) -> bool:
    xs = drawn_cursor_x(widget)
    return bool(xs) and max(xs) < widget.width() * 0.25


def test_an_empty_urdu_field_shows_its_cursor_at_the_right_in_urdu(qtbot, ctx, urdu):
    from desktop.capture.wizard import NewRegisterWizard

    # GIVEN the new register wizard's heading page in the Urdu interface, mauza still empty
    wiz = NewRegisterWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    mauza = wiz.header_page.mauza
    assert mauza.text() == ""
    # WHEN the clerk comes to it
    _focus(qtbot, mauza)
    # THEN its cursor is drawn at its right, where the first Urdu letter will appear (Qt put
    # it at the left by the keyboard's input direction, and it jumped at the first letter)
    assert _cursor_at_right(mauza), drawn_cursor_x(mauza)
    # AND after a letter it stays at the right; what is stored is what was typed
    type_text(mauza, "ب")
    assert _cursor_at_right(mauza) and mauza.text() == "ب"
    # AND a number field beside it (left to right) keeps its cursor at the left
    year = wiz.header_page.year
    _focus(qtbot, year)
    assert _cursor_at_left(year), drawn_cursor_x(year)


def test_latin_text_in_an_urdu_field_and_latin_fields_stay_as_they_were(qtbot, ctx, urdu):
    from desktop.capture.wizard import NewRegisterWizard
    from desktop.users_dialog import NewUserDialog

    # GIVEN the wizard's mauza field, emptied and given Latin text
    wiz = NewRegisterWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    mauza = wiz.header_page.mauza
    _focus(qtbot, mauza)
    type_text(mauza, "ab")
    # THEN the Latin text is laid out as Qt lays it out in any field (from the left)
    assert _cursor_at_left(mauza) or max(drawn_cursor_x(mauza)) < mauza.width() * 0.25
    # AND once emptied the cursor is back at the right
    mauza.clear()
    assert _cursor_at_right(mauza)
    # GIVEN the new-user dialog: passwords are not Urdu fields
    dlg = NewUserDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    _focus(qtbot, dlg.password)
    # THEN a password keeps its cursor at the left
    assert _cursor_at_left(dlg.password), drawn_cursor_x(dlg.password)
    # AND the full name and the user name (a name may be Urdu) start at the right
    for edit in (dlg.full_name, dlg.username):
        _focus(qtbot, edit)
        assert _cursor_at_right(edit), (edit.objectName(), drawn_cursor_x(edit))


def test_the_sign_in_user_name_starts_at_the_right_and_the_password_where_it_was(qtbot, tmp_path, urdu):
    from desktop.login import LoginDialog

    # GIVEN the sign-in in Urdu, no user name remembered
    dlg = LoginDialog(str(tmp_path))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.username.clear()
    # WHEN the clerk comes to the user name, then to the password
    _focus(qtbot, dlg.username)
    # THEN the empty user name shows its cursor at the right
    assert _cursor_at_right(dlg.username), drawn_cursor_x(dlg.username)
    # AND the password (dots) keeps Qt's own place; what is typed is kept as typed
    _focus(qtbot, dlg.password)
    assert _cursor_at_left(dlg.password), drawn_cursor_x(dlg.password)
    _focus(qtbot, dlg.username)
    type_text(dlg.username, "clerk1")
    assert dlg.username.text() == "clerk1"


def test_an_empty_urdu_field_in_the_english_interface_is_left_as_it_was(qtbot, ctx):
    from desktop.capture.wizard import NewRegisterWizard

    # GIVEN the English interface
    wiz = NewRegisterWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    # WHEN the clerk comes to the empty mauza field (an Urdu field drawn right to left)
    mauza = wiz.header_page.mauza
    _focus(qtbot, mauza)
    # THEN Qt's own alignment is kept
    assert mauza.alignment() & Qt.AlignmentFlag.AlignLeading or mauza.alignment() & Qt.AlignmentFlag.AlignLeft


def _shown_text(view, index) -> str:
    """The text an item view draws for `index`: its delegate's, elided as Qt elides it when the
    delegate leaves that to Qt."""
    from desktop.qt import QFontMetrics, QStyle, QStyleOptionViewItem

    opt = QStyleOptionViewItem()
    opt.rect = view.visualRect(index)
    opt.widget = view
    opt.font = view.font()
    delegate = view.itemDelegateForIndex(index)
    if hasattr(delegate, "elided_option"):  # desktop.elide.LogicalElideDelegate: what it draws
        opt = delegate.elided_option(opt, index)
    else:
        delegate.initStyleOption(opt, index)
    rect = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
    if opt.textElideMode == Qt.TextElideMode.ElideNone:
        return opt.text
    return QFontMetrics(opt.font).elidedText(opt.text, opt.textElideMode, rect.width())


def _year_drawn_whole(text: str, font, year: str) -> bool:
    """`year` (2019-20) drawn in full in `text`, its start (2019) left of its end (20)."""
    from desktop.qt import QTextLayout

    at = text.find(year)
    if at < 0:
        return False
    lay = QTextLayout(text, font)
    lay.beginLayout()
    lay.createLine()
    lay.endLayout()

    def xs(start, n):
        return [p.x() for run in lay.glyphRuns(at + start, n) for p in run.positions()]

    head, tail = year.split("-")
    return len(xs(0, len(year))) == len(year) and max(xs(0, len(head))) < min(xs(len(head) + 1, len(tail)))


def test_a_register_title_cut_in_the_review_queue_loses_its_end_never_a_part_of_the_year(qtbot, people, urdu):
    import re

    from desktop.review.panel import ReviewPanel

    # GIVEN a page submitted in a register of mauza کوٹ, year 2019-20, in the Urdu review queue
    _submitted_pages(people["clerk1"])
    panel = ReviewPanel(people["girdawar1"])
    qtbot.addWidget(panel)
    panel.resize(1300, 800)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)
    tree = panel.tree
    index = tree.indexFromItem(tree.topLevelItem(0), 0)
    title = index.data()
    assert "2019-20" in title
    full = tree.fontMetrics().horizontalAdvance(title)
    # (the column sized to its contents takes the whole title, as before)
    assert tree.sizeHintForColumn(0) >= full
    seen = []
    # WHEN the queue's column is narrower than the title, step by step
    for width in range(int(full) + 20, 40, -12):
        tree.setColumnWidth(0, width)
        shown = _shown_text(tree, index)
        seen.append(shown)
        if shown == title:
            continue
        # THEN the title loses its end, marked by '…', and keeps its start
        assert shown.endswith("…") and title.startswith(shown[:-1].rstrip("\u2069 ").rstrip()), shown
        # AND a number in it is the whole year, drawn left to right, or no part of it at all
        digits = re.findall(r"[0-9۰-۹][0-9۰-۹-]*", shown)
        assert digits in ([], ["2019-20"]), shown
        if digits:
            assert _year_drawn_whole(shown, tree.font(), "2019-20"), shown
    assert any(s != title and "2019-20" in s for s in seen) and any("2019-20" not in s for s in seen)


def test_register_titles_cut_in_the_narrow_review_queue_still_tell_the_registers_apart(qtbot, people, urdu,
                                                                                       monkeypatch):
    import re

    from desktop.review.panel import ReviewPanel
    from records import services
    from tests.desktop import helpers

    # GIVEN pages submitted in two Jamabandi registers of one year whose mauzas share their
    # first word (موضع کوٹ لکھپت, موضع ڈھوک راجگان), in the Urdu review queue
    ctx = people["clerk1"]
    for seed, mauza in ((0, "موضع کوٹ لکھپت"), (20, "موضع ڈھوک راجگان")):
        monkeypatch.setitem(helpers.HEADER, "mauza", mauza)
        _rid, (pid,) = helpers.make_register(ctx, seed=seed)
        with ctx.ws.session() as s:
            services.submit_page(s, actor=ctx.actor, page_id=pid)
    panel = ReviewPanel(people["girdawar1"])
    qtbot.addWidget(panel)
    panel.resize(1300, 800)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 2)
    tree = panel.tree
    items = [tree.topLevelItem(i) for i in range(2)]
    indexes = [tree.indexFromItem(it, 0) for it in items]
    titles = [ix.data() for ix in indexes]
    full = max(tree.fontMetrics().horizontalAdvance(t) for t in titles)
    cut = []
    # WHEN the queue's column is narrower than the titles, step by step (the queue at 1366 px)
    for width in range(int(full) + 20, 40, -6):
        tree.setColumnWidth(0, width)
        shown = [_shown_text(tree, ix) for ix in indexes]
        if shown == titles:
            continue
        cut.append(shown)
        # THEN the two cut titles never read alike (both were cut to 'جمع بندی — موضع…') while
        # anything of them but '…' is shown: what differs, the mauza, is kept, the words they
        # share give way first
        if shown[0] != "…" or shown[1] != "…":
            assert shown[0] != shown[1], (width, shown)
        for text, title in zip(shown, titles, strict=True):
            if text != title and text != "…":
                assert "…" in text, text
                assert any(m in text for m in ("کوٹ", "ڈھوک")), (width, text)
            # AND a number in it is the whole year (or the volume), never a part of the year
            assert set(re.findall(r"[0-9۰-۹][0-9۰-۹-]*", text)) <= {"2019-20", "1", "۱"}, text
    assert cut and any("2019-20" in s[0] for s in cut)
    # AND the whole name is on hover, as before
    assert [it.toolTip(0) for it in items] == titles


def test_one_page_and_one_error_are_said_with_the_singular_word_in_urdu(qtbot, people, urdu):
    from desktop.correction.view import CorrectionView
    from desktop.review.panel import ReviewPanel
    from tests.desktop.helpers import GOOD_ROWS, make_register
    from tests.desktop.test_correction import _open as open_page

    # GIVEN one page submitted by clerk1, in a girdawar's Urdu review queue
    _submitted_pages(people["clerk1"])
    panel = ReviewPanel(people["girdawar1"])
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)
    # THEN the clerk's line says one page with the singular (it said "(1 صفحات)")
    clerk_line = panel.tree.topLevelItem(0).child(0).text(0)
    assert "صفحہ)" in clerk_line and "صفحات" not in clerk_line, clerk_line
    # GIVEN a page with one error (25 marla) open for correction
    ctx = people["clerk1"]
    rows = [dict(r) for r in GOOD_ROWS]
    rows[1]["area"] = "4-25"
    _rid, (pid,) = make_register(ctx, rows=rows, seed=10)
    view = CorrectionView(ctx)
    qtbot.addWidget(view)
    open_page(qtbot, view, pid)
    assert view.model.error_count() == 1
    # THEN the status line says one error with the singular (it said "1 غلطیاں")
    assert "غلطی درست کرنی ہے" in view.status.text() and "غلطیاں" not in view.status.text(), view.status.text()
    # AND two errors take the plural
    rows[0]["area"] = "3-30"
    _rid, (pid2,) = make_register(ctx, rows=rows, seed=20)
    open_page(qtbot, view, pid2)
    assert view.model.error_count() == 2
    assert "غلطیاں درست کرنی ہیں" in view.status.text(), view.status.text()


def test_plural_forms_are_picked_also_when_the_catalogue_is_read_from_the_ts(qapp, monkeypatch):
    from desktop import i18n
    from desktop.qt import QCoreApplication

    # GIVEN no compiled catalogue: the .ts is read directly
    monkeypatch.setattr(i18n, "qm_path", lambda lang: None)
    try:
        assert i18n.apply_language(qapp, "ur")
        # WHEN a text with a count is translated for 1 and for 3
        one = QCoreApplication.translate("ReviewPanel", "{clerk} ({n} pages)", "", 1)
        three = QCoreApplication.translate("ReviewPanel", "{clerk} ({n} pages)", "", 3)
        # THEN each has its form, and another window's same text is found with its forms too
        assert one.endswith("صفحہ)") and three.endswith("صفحات)")
        assert QCoreApplication.translate("Elsewhere", "{n} problem(s) to correct", "", 1).endswith("غلطی درست کرنی ہے")
    finally:
        i18n.apply_language(qapp, "en")


def test_every_plural_translation_has_both_forms_with_their_placeholders():
    import re

    from desktop import i18n

    # GIVEN the Urdu catalogue's texts with a count (numerus)
    forms = {k: v for k, v in i18n.read_ts(i18n.ts_path("ur"), forms=True).items() if isinstance(v, tuple)}
    assert len(forms) >= 20
    for (_ctx, src), (one, other) in forms.items():
        # THEN each has a form for one and one for other, differing, each keeping every {name}
        want = sorted(re.findall(r"\{[^}]*\}", src))
        assert sorted(re.findall(r"\{[^}]*\}", one)) == want and sorted(re.findall(r"\{[^}]*\}", other)) == want, src
        assert one != other, src


def test_the_translations_script_keeps_fills_and_lists_plural_forms(tmp_path, translations_script):
    tr = translations_script
    src = "{clerk} ({n} pages)"
    # GIVEN a plural text whose Urdu was taken out
    tree = tr._load(tmp_path / "daftar_ur.ts")
    msg = next(m for _c, m in tr._messages(tree) if m.findtext("source") == src)
    msg.find("translation").set("type", "unfinished")
    tr._save(tree, tmp_path / "daftar_ur.ts")
    # THEN `missing` asks for its two forms
    assert tr.missing("ur") == {src: ["", ""]}
    # WHEN they are filled, and the catalogue is updated from the sources
    assert tr.fill({src: ["{clerk} ({n} صفحہ)", "{clerk} ({n} صفحات)"]}) == 1
    tr.update()
    # THEN both forms are kept, their number isolated left to right
    tree = tr._load(tmp_path / "daftar_ur.ts")
    msg = next(m for _c, m in tr._messages(tree) if m.findtext("source") == src)
    assert tr._done(msg) and tr._value(msg) == ("{clerk} (\u2066{n}\u2069 صفحہ)", "{clerk} (\u2066{n}\u2069 صفحات)")


def test_the_sync_panel_says_one_approved_entry_with_the_singular_in_urdu(qtbot, urdu):
    from desktop.sync_panel import SyncPanel
    from sync.engine import QueueStatus

    # GIVEN the sync panel in Urdu
    panel = SyncPanel(run_pass=lambda: None, status=lambda: QueueStatus({}, None, None, False, ()),
                      set_paused=lambda _p: None, reachable=lambda: False)
    qtbot.addWidget(panel)
    # WHEN one approved entry is ready for a batch, then three
    panel._show_status(QueueStatus({}, None, None, False, (), ready=1))
    one = panel.seal_btn.text()
    panel._show_status(QueueStatus({}, None, None, False, (), ready=3))
    three = panel.seal_btn.text()
    # THEN the button says one entry with the singular, three with the plural (it said
    # "1 منظور شدہ اندراجات")
    assert "اندراج بیچ" in one and "اندراجات" not in one, one
    assert "اندراجات بیچ" in three, three


def _glyph_xs(text: str, font, start: int, length: int) -> list[float]:
    """Where the glyphs of text[start:start+length] are drawn in a right-to-left line."""
    from desktop.qt import QTextLayout, QTextOption

    lay = QTextLayout(text, font)
    opt = QTextOption()
    opt.setTextDirection(Qt.LayoutDirection.RightToLeft)
    lay.setTextOption(opt)
    lay.beginLayout()
    lay.createLine()
    lay.endLayout()
    return [p.x() for run in lay.glyphRuns(start, length) for p in run.positions()]


def test_key_names_in_urdu_tooltips_are_drawn_as_printed_on_the_keys(qtbot, ctx, urdu):
    from desktop import i18n
    from desktop.correction.view import CorrectionView

    # GIVEN the correction view in Urdu, its toolbar's zoom actions named with their keys
    view = CorrectionView(ctx)
    qtbot.addWidget(view)
    font = i18n.ui_font(12)
    for name, key in (("zoomOut", "Ctrl+-"), ("zoomIn", "Ctrl+="), ("nextFlag", "F8")):
        tip = view.actions_by_name[name].toolTip()
        at = tip.index(key)
        # THEN the key reads as on the keyboard, left to right: Ctrl before its '-' (the
        # tooltip showed "(-+Ctrl)")
        first, last = _glyph_xs(tip, font, at, 1), _glyph_xs(tip, font, at + len(key) - 1, 1)
        assert max(first) < min(last), (name, tip)
        # AND it is inside its brackets, the opening one (a right-to-left line's) right of it
        opening, closing = _glyph_xs(tip, font, tip.index("("), 1), _glyph_xs(tip, font, tip.rindex(")"), 1)
        whole = _glyph_xs(tip, font, at, len(key))
        assert min(closing) < min(whole) and max(whole) < max(opening), (name, tip)


def test_bulk_approval_of_one_page_says_one_page_with_the_singular_in_urdu(qtbot, people, urdu, monkeypatch):
    from desktop.review import panel as panel_mod
    from tests.desktop.test_review import _panel, wait_idle

    # GIVEN one submitted page of clerk1, selected in girdawar1's Urdu queue
    _submitted_pages(people["clerk1"])
    panel = _panel(qtbot, people["girdawar1"])
    for it in panel.page_items():
        it.setSelected(True)
    asked = []
    monkeypatch.setattr(panel_mod.QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or panel_mod.QMessageBox.StandardButton.Yes)
    # WHEN the girdawar approves it in bulk
    panel.bulk_btn.click()
    wait_idle(qtbot, people["girdawar1"])
    # THEN the confirmation and the status line say one page with the singular (they said
    # "1 صفحات": the two counts' text had one form for both)
    assert len(asked) == 1 and "صفحے کے" in asked[0] and "صفحات" not in asked[0], asked[0]
    status = panel.status.text()
    assert "صفحے پر" in status and "صفحات" not in status and "منظور ہو گئے" in status, status
