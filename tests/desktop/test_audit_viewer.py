"""Audit viewer: filters, lazy paging, and "Verify chain" naming the first broken event."""

from __future__ import annotations

import sqlite3

import pytest

from desktop import audit_viewer
from desktop.context import AppContext, Preferences
from records import accounts, audit, services
from tests.conftest import accounts_hashed_once
from tests.desktop.conftest import wait_idle
from tests.desktop.helpers import make_register

pytestmark = pytest.mark.gui


@pytest.fixture
def admin_ctx(workspace, qapp):
    """An administrator's context over a workspace where clerk1 made a register page."""
    with accounts_hashed_once(), workspace.session() as s:
        admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
        clerk = accounts.create_user(s, actor=admin, username="clerk1", password="clerk1-pass", role="clerk").actor()
    clerk_ctx = AppContext.create(workspace, clerk)
    ctx = AppContext.create(workspace, admin, prefs=Preferences())
    rid, pids = make_register(clerk_ctx)
    with workspace.session() as s:
        row = services.page_rows(s, pids[0])[0]
        services.set_value(s, actor=clerk, entry_id=row.entry_id, field_name="area", text="12-6", source="corrected")
    ctx.extra = {"register_id": rid, "entry_uuid": row.uuid}
    clerk_ctx.close()
    yield ctx
    ctx.close()


def _plain(text: str) -> str:
    """Text without its bidi isolates."""
    return "".join(ch for ch in text if ch not in "\u2066\u2067\u2068\u2069")


def _viewer(qtbot, ctx):
    v = audit_viewer.AuditViewer(ctx)
    qtbot.addWidget(v)
    v.resize(1200, 600)
    wait_idle(qtbot, ctx)
    return v


def test_filters_by_user_register_entry_and_date(qtbot, admin_ctx):
    # GIVEN the audit viewer over a workspace with admin's and clerk1's events
    v = _viewer(qtbot, admin_ctx)
    everything = len(v.model.rows)
    assert "clerk1 — Records clerk" in [_plain(audit_viewer._what(e)) for e in v.model.rows]  # roles in words
    assert everything > 5 and {"admin", "clerk1"} <= {e.username for e in v.model.rows}
    # WHEN filtered by user clerk1
    v.user_box.setCurrentIndex(v.user_box.findData("clerk1"))
    v.apply_filter()
    wait_idle(qtbot, admin_ctx)
    # THEN only his events are shown
    assert v.model.rows and {e.username for e in v.model.rows} == {"clerk1"}
    # WHEN also by the entry whose area he corrected
    v.entry_edit.setText(admin_ctx.extra["entry_uuid"])
    v.apply_filter()
    wait_idle(qtbot, admin_ctx)
    # THEN the correction is there with its old and new value
    assert any(": 12-5 → 12-6" in _plain(audit_viewer._what(e)) for e in v.model.rows)
    assert not any("area:" in audit_viewer._what(e) for e in v.model.rows)  # the field's label, not its name
    assert all(e.entry_uuid == admin_ctx.extra["entry_uuid"] for e in v.model.rows)
    # WHEN filtered to a day long past
    v.entry_edit.clear()
    v.until_check.setChecked(True)
    v.until_edit.setDate(v.until_edit.date().addYears(-5))
    v.apply_filter()
    wait_idle(qtbot, admin_ctx)
    # THEN nothing is shown and the count says so
    assert v.model.rows == [] and "0 event" in v.count_label.text()


def test_table_fetches_more_rows_as_it_scrolls(qtbot, admin_ctx, monkeypatch):
    # GIVEN pages of 3 events
    monkeypatch.setattr(audit_viewer, "PAGE_SIZE", 3)
    v = _viewer(qtbot, admin_ctx)
    # THEN only the first page is held, the newest events first (what just happened is what
    # a supervisor opens the trail for; the first page was the workspace's first events),
    # and more can be fetched
    with admin_ctx.ws.session() as s:
        last = s.query(audit.AuditEvent).count()
    assert [e.id for e in v.model.rows] == [last, last - 1, last - 2] and v.model.canFetchMore()
    # WHEN the view asks for more
    v.model.fetchMore()
    wait_idle(qtbot, admin_ctx)
    # THEN the next page follows in order
    assert [e.id for e in v.model.rows] == list(range(last, last - 6, -1))
    # WHEN "Oldest first" is ticked THEN the trail reads from its start
    v.oldest_first.setChecked(True)
    wait_idle(qtbot, admin_ctx)
    v.model.fetchMore()
    wait_idle(qtbot, admin_ctx)
    assert [e.id for e in v.model.rows] == [1, 2, 3, 4, 5, 6]


def test_verify_chain_names_the_first_broken_event(qtbot, admin_ctx):
    v = _viewer(qtbot, admin_ctx)
    # GIVEN an intact chain  WHEN verified  THEN it says so
    v.verify_chain()
    wait_idle(qtbot, admin_ctx)
    assert v.last_result.ok and "intact" in v.verify_label.text()
    # WHEN event 4 is edited directly in the database file
    con = sqlite3.connect(admin_ctx.ws.db_path)
    con.execute("UPDATE audit_event SET new='tampered' WHERE id=4")
    con.commit()
    con.close()
    v.verify_chain()
    wait_idle(qtbot, admin_ctx)
    # THEN the viewer names event 4 and selects it
    assert not v.last_result.ok and v.last_result.first_bad_id == 4
    assert "event 4" in v.verify_label.text() and "changed" in v.verify_label.text()
    assert v.table.selectionModel().selectedRows()[0].row() == v.model.row_of_event(4)
    with admin_ctx.ws.session() as s:
        assert audit.verify(s).first_bad_id == 4


def test_verify_chain_also_finds_a_value_changed_outside_daftar(qtbot, admin_ctx):
    # GIVEN a whole chain, and the corrected area changed in the database file afterwards
    v = _viewer(qtbot, admin_ctx)
    v.verify_chain()
    wait_idle(qtbot, admin_ctx)
    assert "the records are the ones it recorded" in v.verify_label.text()
    con = sqlite3.connect(admin_ctx.ws.db_path)
    con.execute("UPDATE field_value SET value='99-9' WHERE field='area' AND value='12-6' AND current=1")
    con.commit()
    con.close()
    # WHEN the administrator verifies the chain in the viewer
    v.verify_chain()
    wait_idle(qtbot, admin_ctx)
    # THEN it says the chain is whole but a fact of the records is not what it recorded, naming it
    assert v.last_result.ok
    text = v.verify_label.text()
    assert "1 fact(s) of the records are not what it recorded" in text and "99-9" in text and "12-6" in text


def test_the_trail_reads_in_urdu_with_labels_and_numbers_in_order(qtbot, admin_ctx, qapp):
    # GIVEN the Urdu interface and a trail holding a register of 2019-20 and a corrected area
    from desktop import i18n
    from desktop.qt import QCoreApplication, Qt
    from tests.desktop.test_i18n import _first_strong

    i18n.apply_language(qapp, "ur")
    try:
        v = _viewer(qtbot, admin_ctx)
        model = v.model
        shown = {e.action: [model.data(model.index(r, c)) for c in range(model.columnCount())]
                 for r, e in enumerate(model.rows)}
        # THEN actions are named in Urdu, their codes (what the filter takes) in the tooltip
        assert shown["value.set"][3] == QCoreApplication.translate("AuditModel", "Value entered") != "Value entered"
        row = next(r for r, e in enumerate(model.rows) if e.action == "value.set" and e.new == "12-6")
        assert model.data(model.index(row, 3), Qt.ItemDataRole.ToolTipRole) == "value.set"
        # ... a field by its Urdu label, the arrow from the old value to the new, numbers kept
        change = model.data(model.index(row, 7))
        assert _plain(change) == "رقبہ: 12-5 \u2190 12-6" and "\u20665-12\u2069" not in change
        assert "\u206612-5\u2069" in change and _first_strong(change) == "R"
        # ... a register's year inside Urdu text is isolated, so it is not shown as 20-2019
        created = shown["register.create"][7]
        assert "\u20662019-20\u2069" in created, created
        # ... and codes inside values are named: the register kind, a new user's role
        assert "jamabandi" not in created and "جمع بندی" in created
        users = [model.data(model.index(r, 7)) for r, e in enumerate(model.rows) if e.action == "user.create"]
        assert "clerk1 — ریکارڈ کلرک" in [_plain(u) for u in users]
        # ... the role's own brackets not nested in others beside the Latin name (drawn
        # 'admin ((منتظم (آئی ٹی)'), name and role each isolated, read right to left
        admin_row = next(u for u in users if _plain(u).startswith("admin"))
        assert _plain(admin_row) == "admin — منتظم (آئی ٹی)" and "(منتظم" not in admin_row
        assert admin_row[0] == "\u2068" and _first_strong(admin_row[1:]) == "R", admin_row
    finally:
        i18n.apply_language(qapp, "en")


def test_every_action_the_core_records_has_a_name_in_the_trail():
    import pathlib
    import re

    from desktop.audit_viewer import ACTION_NAMES

    # GIVEN every audit action code written by records/, sync/ and desktop/
    root = pathlib.Path(__file__).resolve().parents[2]
    codes = set()
    for folder in ("records", "sync", "desktop"):
        for p in (root / folder).rglob("*.py"):
            if p.relative_to(root).parts[:2] == ("sync", "server"):
                continue  # the central server's own trail, never shown in an office's viewer
            text = p.read_text(encoding="utf-8")
            for m in re.finditer(r'action\s*=\s*([^,)\n]+)', text):
                codes |= set(re.findall(r'"([a-z_]+\.[a-z_]+)"', m.group(1)))
            codes |= set(re.findall(r'"action"\s*:\s*"([a-z_]+\.[a-z_]+)"', text))
    # (a sign-in is recorded as "login", without a dot: the search above misses it)
    codes.add("login")
    # THEN the audit trail names each in the interface language (not its code)
    assert {"user.recovered", "user.enable", "workspace.backup", "page.move"} <= codes
    assert not sorted(codes - set(ACTION_NAMES))


def test_a_rows_states_and_a_sign_in_are_named_in_urdu(qtbot, admin_ctx, qapp):
    from desktop import i18n
    from desktop.qt import QCoreApplication

    # GIVEN clerk1's page submitted, and the Urdu interface
    with admin_ctx.ws.session() as s:
        clerk = accounts.get_user(s, accounts.user_named(s, "clerk1").id).actor()
        page_id = services.list_pages(s, admin_ctx.extra["register_id"])[0].id
        services.submit_page(s, actor=clerk, page_id=page_id)
    from records.access import confirm_password

    confirm_password(admin_ctx.ws, username="admin", password="admin-pass-1")  # a sign-in in the trail
    i18n.apply_language(qapp, "ur")
    try:
        v = _viewer(qtbot, admin_ctx)
        model = v.model
        submit = next(r for r, e in enumerate(model.rows) if e.action == "entry.submit")
        login = next(r for r, e in enumerate(model.rows) if e.action == "login")
        # THEN the change reads 'submitted <- draft' in Urdu words, not the state codes
        change = _plain(model.data(model.index(submit, 7)))
        submitted, draft = (QCoreApplication.translate("Daftar", w) for w in ("submitted", "draft"))
        assert submitted != "submitted" and change == f"{draft} \u2190 {submitted}"
        # AND a sign-in is named, not shown as its code
        assert model.data(model.index(login, 3)) == QCoreApplication.translate("AuditModel", "Signed in") != "login"
    finally:
        i18n.apply_language(qapp, "en")


def test_a_broken_link_far_back_is_brought_into_view(qtbot, admin_ctx, monkeypatch):
    # GIVEN the trail shown newest first, three events a page, and a filter on one user
    monkeypatch.setattr(audit_viewer, "PAGE_SIZE", 3)
    v = _viewer(qtbot, admin_ctx)
    v.user_box.setCurrentIndex(v.user_box.findData("clerk1"))
    v.apply_filter()
    wait_idle(qtbot, admin_ctx)
    assert v.model.row_of_event(2) < 0  # an early event is not among the rows shown
    # WHEN event 2 (the administrator creating clerk1) is edited in the database file and
    # the chain is verified
    con = sqlite3.connect(admin_ctx.ws.db_path)
    con.execute("UPDATE audit_event SET new='tampered' WHERE id=2")
    con.commit()
    con.close()
    v.verify_chain()
    wait_idle(qtbot, admin_ctx)
    # THEN the trail is shown from its start, oldest first and unfiltered, and event 2 is
    # selected (before, it was named and left out of sight)
    qtbot.waitUntil(lambda: bool(v.table.selectionModel().selectedRows()), timeout=5000)
    assert v.last_result.first_bad_id == 2 and v.oldest_first.isChecked()
    assert v.user_box.currentData() is None
    assert v.table.selectionModel().selectedRows()[0].row() == v.model.row_of_event(2)



def test_registers_and_pages_are_named_as_people_know_them(qtbot, admin_ctx, monkeypatch):
    from desktop.models.registers import register_title
    from records.text import latin_digits

    # GIVEN a second register, of Daulatala 2018-19, with 3 pages, the area on its page 2 corrected
    # (database ids: register 2, page 3 for page 2: the first register holds page 1)
    from tests.desktop.helpers import GOOD_ROWS, HEADER
    from tests.desktop.images import png_bytes

    with admin_ctx.ws.session() as s:
        clerk = accounts.get_user(s, accounts.user_named(s, "clerk1").id).actor()
        rid = services.create_register(s, actor=clerk, template="jamabandi",
                                       **{**HEADER, "mauza": "دولتالہ", "year": "2018-19"})
        pids = [services.add_page(s, admin_ctx.ws.images, actor=clerk, register_id=rid, data=png_bytes(seed=50 + n),
                                  name=f"d{n}.png").page_id for n in range(3)]
        entry_id = services.add_entry(s, actor=clerk, register_id=rid, page_id=pids[1], values=GOOD_ROWS[0])
    with admin_ctx.ws.session() as s:
        services.set_value(s, actor=clerk, entry_id=entry_id, field_name="area", text="12-6", source="corrected")
        reg = services.get_register(s, rid)
    assert (rid, pids[1]) != (2, 2)
    # AND the places of events looked up once for every page of events read
    looked_up = []
    real = getattr(audit_viewer, "event_places", None)
    monkeypatch.setattr(audit_viewer, "event_places",
                        lambda s, rows, **kw: looked_up.append(len(rows)) or real(s, rows, **kw), raising=False)
    monkeypatch.setattr(audit_viewer, "PAGE_SIZE", 3)
    # WHEN the audit viewer shows the trail
    v = _viewer(qtbot, admin_ctx)
    model = v.model
    event = model.rows[0]
    assert (event.action, event.field, event.page_id) == ("value.set", "area", pids[1])
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    # THEN the register is named as the register list names it, its year left to right, and
    # the page by its number in the register (before: "2" and "3", the database's ids)
    assert shown[4] == register_title(reg) and "دولتالہ" in shown[4] and "\u20662018-19\u2069" in shown[4]
    assert latin_digits(shown[5]) == "2"
    # AND the register filter names registers the same way, without their database ids
    assert v.register_box.itemText(v.register_box.findData(rid)) == register_title(reg)
    # AND scrolling on reads the names once for each page of events, not for each row
    model.fetchMore()
    wait_idle(qtbot, admin_ctx)
    assert looked_up == [3, 3] and len(model.rows) == 6


def test_the_user_filter_finds_what_the_system_did(qtbot, admin_ctx):
    # GIVEN the trail holds an event recorded by the system (sync, the command line)
    with admin_ctx.ws.session() as s:
        audit.record(s, actor=audit.SYSTEM, action="batch.acknowledged", entity="batch", entity_id="b-1")
    v = _viewer(qtbot, admin_ctx)
    # WHEN the user filter is set to the system
    i = v.user_box.findData("system")
    assert i > 0 and "system" in v.user_box.itemText(i)
    v.user_box.setCurrentIndex(i)
    v.apply_filter()
    wait_idle(qtbot, admin_ctx)
    # THEN only its events are shown
    assert [(e.username, e.action) for e in v.model.rows] == [("system", "batch.acknowledged")]


def _urdu_kept_left_to_right(text: str) -> list[str]:
    """The Urdu letters inside a left-to-right isolate (LRI ... PDI) of `text`."""
    import re

    found, stack = [], []
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            stack.append(ch)
        elif ch == "\u2069":
            if stack:
                stack.pop()
        elif stack and stack[-1] == "\u2066" and re.match(r"[\u0600-\u06ff]", ch):
            found.append(ch)
    return found


def test_what_verify_chain_finds_is_said_in_urdu(qtbot, admin_ctx, qapp):
    """Seen at 1366x768 in Urdu: a value changed outside Daftar was named in English inside
    the Urdu sentence ("mauza چک 42, year 2019-20, volume 1, page 2, row 41: area is '99-12'
    but the audit trail recorded '22-12' (entry 301)", its words out of order), and a broken
    chain's reason ("event 4 was changed after it was written") was English too."""
    import re

    from desktop import i18n

    english = re.compile(r"\b(mauza|year|volume|page|row|area|but|audit|trail|recorded|entry|event|changed|written)\b")
    i18n.apply_language(qapp, "ur")
    try:
        # GIVEN the Urdu interface and the corrected area changed in the database file
        v = _viewer(qtbot, admin_ctx)
        con = sqlite3.connect(admin_ctx.ws.db_path)
        con.execute("UPDATE field_value SET value='99-9' WHERE field='area' AND value='12-6' AND current=1")
        con.commit()
        con.close()
        # WHEN the chain is verified
        v.verify_chain()
        wait_idle(qtbot, admin_ctx)
        # THEN what was found is said in Urdu, both values kept left to right, and so is the list
        assert v.last_result.ok
        text, tip = v.verify_label.text(), v.verify_label.toolTip()
        assert not english.search(text), text
        assert "\u206699-9\u2069" in text and "\u206612-6\u2069" in text and "رقبہ" in text
        # ... and no Urdu word inside a part kept left to right ("volume {2}" took "1, page 1,
        # row 1": the page and row were drawn in the wrong order, numbers beside wrong words)
        assert not _urdu_kept_left_to_right(text), text
        assert tip and not english.search(tip), tip
        # WHEN an event is changed too THEN why the chain is broken is said in Urdu
        con = sqlite3.connect(admin_ctx.ws.db_path)
        con.execute("UPDATE audit_event SET new='tampered' WHERE id=4")
        con.commit()
        con.close()
        v.verify_chain()
        wait_idle(qtbot, admin_ctx)
        assert not v.last_result.ok
        text = v.verify_label.text()
        assert not english.search(text), text
        assert "\u20664\u2069" in text or "4" in text
    finally:
        i18n.apply_language(qapp, "en")


def test_who_did_what_and_roles_changed_outside_daftar_are_said_in_urdu(qtbot, admin_ctx, qapp):
    """Left English by the first pass at Urdu findings: who submitted an entry ("user 1
    (admin)", "nobody") and an account's role ("a clerk", 'admin') inside Urdu sentences."""
    import re

    from desktop import i18n

    english = re.compile(r"\b(user|nobody|submitted|role|clerk|administrator|recorded|account)\b")
    i18n.apply_language(qapp, "ur")
    try:
        # GIVEN the Urdu interface, an entry marked as submitted by the administrator and
        # clerk1 made an administrator, both in the database file, outside Daftar
        con = sqlite3.connect(admin_ctx.ws.db_path)
        admin_id = con.execute("SELECT id FROM user WHERE username='admin'").fetchone()[0]
        con.execute("UPDATE entry SET submitted_by=? WHERE id=(SELECT min(id) FROM entry)", (admin_id,))
        con.execute("UPDATE user SET role='admin' WHERE username='clerk1'")
        con.commit()
        con.close()
        v = _viewer(qtbot, admin_ctx)
        # WHEN the chain is verified
        v.verify_chain()
        wait_idle(qtbot, admin_ctx)
        # THEN both findings are said in Urdu: who, what role, and what the trail recorded
        text, tip = v.verify_label.text(), v.verify_label.toolTip()
        both = _plain(text + "\n" + tip)
        assert "clerk1" in both and "(admin)" in both  # user names stay as they are
        assert not english.search(both), both
    finally:
        i18n.apply_language(qapp, "en")


def test_verify_chain_warns_of_a_clock_set_back_naming_the_events(qtbot, admin_ctx, qapp, monkeypatch):
    import datetime as dt

    from desktop import i18n

    # GIVEN a whole trail whose newest event was recorded on a day the computer's clock said 2010
    with admin_ctx.ws.session() as s:
        before = s.query(audit.AuditEvent).count()
    with monkeypatch.context() as m:
        m.setattr(audit, "utcnow", lambda: dt.datetime(2010, 1, 1, 9, 0))
        with admin_ctx.ws.session() as s:
            audit.record(s, actor=audit.SYSTEM, action="test.event")
    # WHEN the chain is verified in the viewer
    v = _viewer(qtbot, admin_ctx)
    v.verify_chain()
    wait_idle(qtbot, admin_ctx)
    # THEN it is intact (no tampering), with a warning naming the event dated before the one before it
    assert v.last_result.ok
    text = v.verify_label.text()
    assert "intact" in text and f"the computer's clock was set back: event {before + 1} is dated 2010-01-01" in text
    assert f"event {before}" in v.verify_label.toolTip() and "BROKEN" not in text
    # AND in the Urdu interface, in Urdu
    i18n.apply_language(qapp, "ur")
    try:
        v.verify_chain()
        wait_idle(qtbot, admin_ctx)
        text = v.verify_label.text()
        assert "گھڑی" in text and "clock" not in text and "event" not in v.verify_label.toolTip()
    finally:
        i18n.apply_language(qapp, "en")
