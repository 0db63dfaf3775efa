"""The server's trail as the /admin page shows it (`sync.server.review.trail_rows`)."""

from __future__ import annotations

import datetime as dt

from sync.server.review import trail_rows
from sync.server.words import Words


def test_an_empty_value_in_an_events_detail_says_nothing_in_either_language():
    # GIVEN an accepted entry's decision, whose reason is empty, beside a rejected one's
    at = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)
    events = [{"at": at, "action": "decision.accepted", "office_id": "o-1",
               "detail": {"entry": "e-7", "reason": "", "operator": "amina"}},
              {"at": at, "action": "decision.rejected", "office_id": "o-1",
               "detail": {"entry": "e-8", "reason": "khasra 125/5 missing", "operator": "amina"}}]
    for lang in ("en", "ur"):
        # WHEN the trail is drawn
        accepted, rejected = (row[3] for row in trail_rows(Words(lang), events))
        # THEN the accepted one names no reason, the rejected one gives its reason
        assert "reason" not in accepted and "وجہ" not in accepted, (lang, accepted)
        assert "e-7" in accepted and "amina" in accepted
        assert "125/5" in rejected and ("reason" in rejected or "وجہ" in rejected), (lang, rejected)
