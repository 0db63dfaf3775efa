"""`transition` on rows of several pages refreshes every page's state (one query for all)."""

from __future__ import annotations

from records import services as S
from tests.records.helpers import ROW, make_page, make_users


def test_transition_over_two_pages_sets_each_page_to_its_least_advanced_row(workspace):
    # GIVEN two pages with two rows each, all submitted
    ws = workspace
    users = make_users(ws)
    clerk, sup = users["clerk"], users["supervisor"]
    _, pa, (a1, a2) = make_page(ws, clerk, rows=(ROW, {**ROW, "khewat_no": "48"}), data=b"page-a")
    _, pb, (b1, b2) = make_page(ws, clerk, rows=(ROW, {**ROW, "khewat_no": "49"}), data=b"page-b")
    with ws.session() as s:
        S.transition(s, actor=clerk, entry_ids=[a1, a2, b1, b2], action="submit")
    # WHEN the supervisor approves both rows of page A and one row of page B in one call,
    # then returns the other row of page B
    with ws.session() as s:
        S.transition(s, actor=sup, entry_ids=[a1, a2, b1], action="approve")
    with ws.session() as s:
        S.transition(s, actor=sup, entry_ids=[b2], action="return", comment="area unreadable")
    # THEN page A is approved and page B shows "returned" (it needs the clerk)
    with ws.session() as s:
        assert S.get_page(s, pa).state == "approved"
        assert S.get_page(s, pb).state == "returned"
        assert S.get_row(s, b1).state == "approved"
