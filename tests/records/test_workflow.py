"""Maker-checker enforced in records/, whatever the UI does."""

from __future__ import annotations

import pytest

from records import services as S
from records.workflow import WorkflowError
from tests.records.helpers import make_page, make_users


@pytest.fixture
def users(workspace):
    return make_users(workspace)


def test_nobody_approves_their_own_entry(workspace, users):
    # GIVEN a supervisor who typed an entry and submitted it
    _, _, ids = make_page(workspace, users["supervisor"])
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="submit")
    # WHEN the same supervisor approves it through the core API THEN it is refused
    with pytest.raises(WorkflowError, match="your own work"):
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve")
    # AND another supervisor may
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor2"], entry_ids=ids, action="approve")
        assert S.get_row(s, ids[0]).state == "approved"


def test_a_supervisor_who_corrected_a_value_cannot_approve(workspace, users):
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.set_value(s, actor=users["supervisor"], entry_id=ids[0], field_name="area", text="12-6")
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
    with pytest.raises(WorkflowError, match="your own work"):
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve")


def test_clerk_cannot_approve_and_return_needs_comment(workspace, users):
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
    with pytest.raises(WorkflowError, match="may not approve"):
        with workspace.session() as s:
            S.transition(s, actor=users["clerk2"], entry_ids=ids, action="approve")
    with pytest.raises(WorkflowError, match="comment"):
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=ids, action="return", comment=" ")
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="return", comment="رقبہ دوبارہ دیکھیں")
        row = S.get_row(s, ids[0])
        assert row.state == "returned" and row.comment == "رقبہ دوبارہ دیکھیں"
    # the clerk corrects and resubmits
    with workspace.session() as s:
        S.set_value(s, actor=users["clerk"], entry_id=ids[0], field_name="area", text="12-7")
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")


def test_an_approved_row_goes_back_only_with_a_comment_and_not_by_its_maker(workspace, users):
    # (the review's "Return selected rows" sends approved rows back; "Return page" leaves them)
    # GIVEN a row the clerk submitted and the supervisor approved
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve")
    # WHEN it is returned without a comment THEN it is refused
    with pytest.raises(WorkflowError, match="comment"):
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=ids, action="return", comment="")
    # AND a supervisor who made it may not return it either
    _, _, own = make_page(workspace, users["supervisor2"])
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor2"], entry_ids=own, action="submit")
        S.transition(s, actor=users["supervisor"], entry_ids=own, action="approve")
    with pytest.raises(WorkflowError, match="your own work"):
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor2"], entry_ids=own, action="return", comment="غلط")
    # WHEN the supervisor who approved it returns it with a comment THEN it goes back to the clerk
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="return", comment="رقبہ دوبارہ دیکھیں")
        row = S.get_row(s, ids[0])
        assert row.state == "returned" and row.comment == "رقبہ دوبارہ دیکھیں"


def test_submitted_entry_is_not_edited_in_place(workspace, users):
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
    with pytest.raises(WorkflowError, match="return it first"):
        with workspace.session() as s:
            S.set_value(s, actor=users["clerk"], entry_id=ids[0], field_name="area", text="1-1")


def test_editing_an_approved_entry_makes_a_new_version_needing_approval(workspace, users):
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve")
    with workspace.session() as s:
        ch = S.set_value(s, actor=users["clerk"], entry_id=ids[0], field_name="area", text="13-0")
        new_id = ch.new_entry_ids[ids[0]]
    with workspace.session() as s:
        versions = S.entry_versions(s, S.get_row(s, ids[0]).uuid)
        assert [(v.version, v.state, v.text("area")) for v in versions] == [(1, "approved", "12-5"), (2, "draft", "13-0")]
        # the old version stays readable but cannot be edited
        with pytest.raises(WorkflowError, match="old version"):
            S.set_value(s, actor=users["clerk"], entry_id=ids[0], field_name="area", text="1-1")
        assert S.get_row(s, new_id).state == "draft"


def test_verification_required_before_batch_when_office_says_so(workspace, users):
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve")
    with pytest.raises(WorkflowError, match="verify"):
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=ids, action="batch", require_verification=True)
    with workspace.session() as s:
        S.transition(s, actor=users["ro"], entry_ids=ids, action="verify")
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="batch", require_verification=True)


def test_a_revenue_officer_never_verifies_what_he_approved(workspace, users):
    # GIVEN a page a revenue officer approved himself (a revenue officer may approve)
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
        S.transition(s, actor=users["ro"], entry_ids=ids, action="approve")
    # WHEN he verifies it  THEN refused: verification is a second person's check
    with pytest.raises(WorkflowError, match="you approved this entry yourself: another revenue officer"):
        with workspace.session() as s:
            S.transition(s, actor=users["ro"], entry_ids=ids, action="verify")
    with workspace.session() as s:
        assert {S.get_row(s, i).state for i in ids} == {"approved"}
    # AND another revenue officer may
    from records import access

    ro2 = access.create_user(workspace, actor=users["admin"], username="ro2", password="ro2-pass-12",
                             role="revenue_officer").actor()
    with workspace.session() as s:
        S.transition(s, actor=ro2, entry_ids=ids, action="verify")
        assert {S.get_row(s, i).state for i in ids} == {"verified"}


def test_no_row_is_added_or_brought_back_onto_a_page_under_review(workspace, users):
    # GIVEN a page with a row the clerk deleted, then submitted for review
    rid, pid, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        extra = S.add_entry(s, actor=users["clerk"], register_id=rid, page_id=pid, values={"khewat_no": "9"})
        S.delete_entry(s, actor=users["clerk"], entry_id=extra)
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
    # WHEN the delete is undone, or a row added, while the page waits for review
    for change in (lambda s: S.restore_entry(s, actor=users["clerk"], entry_id=extra),
                   lambda s: S.add_entry(s, actor=users["clerk"], register_id=rid, page_id=pid)):
        # THEN refused, saying why, and the page stays as it was submitted
        with pytest.raises(WorkflowError, match="is submitted: rows can be added or brought back only while"):
            with workspace.session() as s:
                change(s)
    with workspace.session() as s:
        assert [r.entry_id for r in S.page_rows(s, pid)] == ids
        assert S.list_pages(s, rid)[0].state == "submitted"
    # AND once the page is returned to the clerk, both may be done again
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor"], entry_ids=ids, action="return", comment="row 9 is missing")
        S.restore_entry(s, actor=users["clerk"], entry_id=extra)
        assert extra in [r.entry_id for r in S.page_rows(s, pid)]


def test_a_rule_flag_ocr_stored_goes_once_the_value_it_names_is_corrected(workspace, users):
    # GIVEN an OCR page where khasra 597 is read under khewat 357 on row 1 and under 358 on
    # row 2 (a misread), OCR storing the rule's error with row 2's khasra
    from types import SimpleNamespace

    from records.flags import ERROR, Flag

    def read(text, flags=()):
        return SimpleNamespace(text=text, raw_text=text, confidence=0.9, box=None, flags=list(flags))

    clash = Flag("khasra_owner", ERROR, "Row 2: khasra 597 is already under khewat 357 on row 1", "khasra_nos", 1)
    rid, pid, _ids = make_page(workspace, users["clerk"], rows=())
    with workspace.session() as s:
        S.save_ocr_rows(s, actor=users["clerk"], page_id=pid, rows=[
            {"khewat_no": read("357"), "khatooni_no": read("1"), "owner": read("الف"), "share": read("1/1"),
             "khasra_nos": read("597"), "area": read("2-0")},
            {"khewat_no": read("358"), "khatooni_no": read("2"), "owner": read("ب"), "share": read("1/1"),
             "khasra_nos": read("597", [clash]), "area": read("3-0")},
        ])
        first = S.page_rows(s, pid)[0].entry_id
    with workspace.session() as s:
        assert any(f.code == "khasra_owner" for f in S.page_error_flags(s, pid))
    # WHEN the clerk corrects the khasra of the OTHER row (row 1's was the misread one)
    with workspace.session() as s:
        S.set_value(s, actor=users["clerk"], entry_id=first, field_name="khasra_nos", text="596")
    # THEN no error is left and the page can be submitted (the stored copy counted before)
    with workspace.session() as s:
        assert S.page_error_flags(s, pid) == []
        S.submit_page(s, actor=users["clerk"], page_id=pid)


def test_a_return_may_name_the_one_field_it_is_about(workspace, users):
    # GIVEN a submitted row
    _, _, ids = make_page(workspace, users["clerk"])
    with workspace.session() as s:
        S.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
    # WHEN a field that is not the register's, or a field with another action, is named
    # THEN it is refused and nothing moves
    with pytest.raises(ValueError, match="not a field"):
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=ids[:1], action="return", comment="x",
                         field_name="no_such_field")
    with pytest.raises(ValueError, match="only a return"):
        with workspace.session() as s:
            S.transition(s, actor=users["supervisor"], entry_ids=ids[:1], action="approve", field_name="area")
    with workspace.session() as s:
        assert S.get_row(s, ids[0]).state == "submitted"
        uuid = S.get_row(s, ids[0]).uuid
    # WHEN the supervisor returns the row's area alone
    with workspace.session() as s:
        S.transition(s, actor=users["supervisor"], entry_ids=ids[:1], action="return", comment="رقبہ",
                     field_name="area")
    # THEN the return is recorded with that field, and who returned it
    with workspace.session() as s:
        assert S.last_return(s, uuid) == (users["supervisor"].username, "area")
    # AND a later return of the whole row names none
    with workspace.session() as s:
        S.set_value(s, actor=users["clerk"], entry_id=ids[0], field_name="area", text="12-7")
        S.transition(s, actor=users["clerk"], entry_ids=ids[:1], action="submit")
    with workspace.session() as s:
        newest = S.page_rows(s, S.get_row(s, ids[0]).page_id)[0].entry_id
        S.transition(s, actor=users["supervisor"], entry_ids=[newest], action="return", comment="دوبارہ")
        assert S.last_return(s, uuid) == (users["supervisor"].username, None)
