"""A reviewer's approve / return / verify act on the values he was shown: an entry changed
since (returned and submitted again with other values, in another copy of Daftar on the same
workspace) is refused, and nothing of the action is done."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from records import services as S
from records.models import AuditEvent
from records.workspace import Workspace
from tests.records.helpers import ROW, make_page, make_users

ROW2 = {**ROW, "khewat_no": "48", "khatooni_no": "113", "khasra_nos": "130/2", "owner": "غلام رسول ولد اللہ دتہ", "area": "3-2"}


@pytest.fixture
def users(workspace):
    return make_users(workspace)


@pytest.fixture
def second_copy(workspace):
    """The same workspace opened a second time, as another copy of Daftar would (its own
    engine, its own connections and sessions)."""
    other = Workspace.open(workspace.root)
    yield other
    other.close()


def _submitted(workspace, clerk, rows=(ROW, ROW2), data=b"page-image") -> tuple[int, list[int]]:
    _rid, pid, ids = make_page(workspace, clerk, rows=rows, data=data)
    with workspace.session() as s:
        S.submit_page(s, actor=clerk, page_id=pid)
    return pid, ids


def _shown(ws, pid) -> list[S.Seen]:
    """What a review screen loading page `pid` now shows."""
    with ws.session() as s:
        return [S.seen_of(r) for r in S.page_rows(s, pid)]


def _events(ws, action: str) -> int:
    with ws.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action))


def test_approving_values_changed_in_another_copy_is_refused_and_changes_nothing(workspace, second_copy, users):
    # GIVEN a page of two rows submitted by the clerk, loaded in girdawar A's review screen
    pid, ids = _submitted(workspace, users["clerk"])
    shown = _shown(workspace, pid)
    # ... and meanwhile, in another copy of Daftar on the same workspace, girdawar B returns
    # row 2, the clerk corrects its area and submits the page again
    with second_copy.session() as s:
        S.transition(s, actor=users["supervisor2"], entry_ids=[ids[1]], action="return", comment="رقبہ دیکھیں")
    with second_copy.session() as s:
        S.set_value(s, actor=users["clerk"], entry_id=ids[1], field_name="area", text="3-7")
        S.submit_page(s, actor=users["clerk"], page_id=pid)
    # WHEN girdawar A presses Approve page on what he was shown
    with pytest.raises(S.ChangedSinceShown) as refused:
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve", seen=shown)
    # THEN it is refused naming the register, the page and the row, and saying to look again
    msg = str(refused.value)
    assert msg.startswith("Nothing was approved: mauza دیہہ, year")
    assert ", page 1, row 2 changed after you opened the page" in msg and "Look at the page again" in msg
    assert refused.value.page_ids == {pid} and refused.value.entry_ids == {ids[1]}
    # AND nothing was approved, not even the unchanged row 1 (the page goes whole or not at all)
    with second_copy.session() as s:
        rows = S.page_rows(s, pid)
        assert [r.state for r in rows] == ["submitted", "submitted"] and rows[1].text("area") == "3-7"
    assert _events(workspace, "entry.approve") == 0
    # WHEN he looks again (the page as it is now) and approves
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve", seen=_shown(workspace, pid))
    # THEN both rows are approved, with the values he saw the second time
    with second_copy.session() as s:
        assert [r.state for r in S.page_rows(s, pid)] == ["approved", "approved"]


def test_values_shown_are_compared_in_their_canonical_form(workspace, users):
    # GIVEN a submitted page whose rows the screen showed in Urdu digits (۱۲-۵ is 12-5)
    pid, ids = _submitted(workspace, users["clerk"])
    with workspace.session() as s:
        rows = S.page_rows(s, pid)
    urdu = {"1": "۱", "2": "۲", "3": "۳", "4": "۴", "5": "۵", "6": "۶", "7": "۷"}
    shown = [S.Seen(r.entry_id, r.version, r.state,
                    S.values_fingerprint({k: "".join(urdu.get(c, c) for c in v.value) for k, v in r.values.items()}),
                    r.page_id, r.row_no) for r in rows]
    # WHEN he approves THEN the same values in other digits are no change
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve", seen=shown)
    assert _events(workspace, "entry.approve") == 2


@pytest.mark.parametrize("change", ["returned", "withdrawn and corrected", "a value added"])
def test_returning_a_field_refuses_a_row_changed_since(workspace, second_copy, users, change):
    # GIVEN a submitted page loaded in girdawar A's review
    pid, ids = _submitted(workspace, users["clerk"])
    shown = _shown(workspace, pid)
    # ... then changed in another copy: returned by girdawar B (another state), or withdrawn
    # by the clerk, corrected and submitted again (same state and version, other values)
    with second_copy.session() as s:
        if change == "returned":
            S.transition(s, actor=users["supervisor2"], entry_ids=[ids[0]], action="return", comment="دیکھیں")
        else:
            S.transition(s, actor=users["clerk"], entry_ids=ids, action="withdraw")
            S.set_value(s, actor=users["clerk"], entry_id=ids[0], field_name="remarks" if change == "a value added" else "owner",
                        text="انتقال نمبر 1234" if change == "a value added" else "محمد اکرم")
            S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
    # WHEN girdawar A returns row 1's owner with a comment
    with pytest.raises(S.ChangedSinceShown, match=r"^Nothing was returned: .*, page 1, row 1 changed") as refused:
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=[ids[0]], action="return", comment="نام دیکھیں",
                         field_name="owner", seen=[shown[0]])
    # THEN nothing was returned by him
    assert refused.value.entry_ids == {ids[0]}
    with workspace.session() as s:
        assert S.last_return(s, S.get_row(s, ids[0]).uuid)[0] in ("", "supervisor2")


def test_an_empty_value_is_no_value(workspace, users):
    # an empty value written over nothing (a field the clerk cleared that OCR never read)
    # is the row the reviewer saw: it has no value there either way
    assert S.values_fingerprint({"owner": "x", "remarks": ""}) == S.values_fingerprint({"owner": " x "})
    assert S.values_fingerprint({"owner": "x"}) != S.values_fingerprint({"owner": "y"})
    assert S.values_fingerprint({"owner": "x"}) != S.values_fingerprint({"remarks": "x"})


def test_verifying_an_entry_edited_into_a_new_version_is_refused(workspace, second_copy, users):
    # GIVEN a page approved by girdawar A, loaded in the revenue officer's verification queue
    pid, ids = _submitted(workspace, users["clerk"])
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve")
    shown = _shown(workspace, pid)
    # ... and, in another copy, girdawar B changes row 2's area (a new version, to approve again)
    with second_copy.session() as s:
        S.set_value(s, actor=users["supervisor2"], entry_id=ids[1], field_name="area", text="3-3")
    # WHEN the revenue officer verifies the page he saw
    with pytest.raises(S.ChangedSinceShown, match=r"^Nothing was verified: .*, page 1, row 2 changed"):
        with workspace.session() as s:
            S.transition(s, actor=users["ro"], entry_ids=ids, action="verify", seen=shown)
    # THEN nothing was verified (row 1 neither)
    assert _events(workspace, "entry.verify") == 0


def test_rows_of_several_pages_name_the_first_and_count_the_others(workspace, second_copy, users):
    # GIVEN two submitted pages, both counted for a bulk approval
    p1, ids1 = _submitted(workspace, users["clerk"])
    p2, ids2 = _submitted(workspace, users["clerk"], data=b"page-2")
    shown = _shown(workspace, p1) + _shown(workspace, p2)
    # ... then rows of both returned in another copy
    with second_copy.session() as s:
        S.transition(s, actor=users["supervisor2"], entry_ids=[ids1[0], ids1[1], ids2[1]], action="return",
                     comment="دیکھیں")
    # WHEN they are approved THEN the message names the first page's rows and counts the other page
    with pytest.raises(S.ChangedSinceShown, match=r"page 1, rows 1, 2, and rows of 1 other page\(s\) changed") as e:
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=ids1 + ids2, action="approve", seen=shown)
    assert e.value.page_ids == {p1, p2}
    assert _events(workspace, "entry.approve") == 0


def test_an_action_on_what_was_shown_names_every_entry(workspace, users):
    pid, ids = _submitted(workspace, users["clerk"])
    with pytest.raises(ValueError, match="not shown"), workspace.session() as s:
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve", seen=_shown(workspace, pid)[:1])


def test_the_check_and_the_approval_hold_the_write_lock_together(workspace, users):
    # GIVEN a submitted page a reviewer approves on what he was shown
    pid, ids = _submitted(workspace, users["clerk"])
    shown = _shown(workspace, pid)
    with workspace.session() as s:
        # WHEN his check has read the entries (the approval not yet committed)
        S._hold_write_lock(s)
        S._refuse_changed(s, "approve", ids, {e.id: e for e in s.scalars(select(S.Entry))}, {x.entry_id: x for x in shown})
        # THEN another copy of Daftar cannot write until he commits (its correction would
        # otherwise slip in between his check and his approval)
        other = sqlite3.connect(workspace.root / "daftar.sqlite", timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
