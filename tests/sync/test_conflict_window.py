"""The window's sync panel against the real server (TLS, PostgreSQL): an entry in conflict
compared with the server's copy and taken by the supervisor, the window's views told, and
nothing sent twice afterwards. (Here, beside the sync tests, for their server fixtures.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_the_windows_sync_panel_compares_and_takes_the_servers_copy_end_to_end(qtbot, office, server, monkeypatch):
    from sqlalchemy import select

    from desktop import conflict_dialog, oversight
    from records.models import Entry, OutboxItem
    from tests.desktop.test_conflict_dialog import _cells
    from tests.desktop.test_roles import _window
    from tests.sync.test_idempotency import (
        test_same_key_with_other_content_is_a_conflict_with_both_hashes as conflict,
    )

    # GIVEN an office whose entry is in conflict with the server's copy, and its supervisor's window
    conflict(office, server)
    entries = server.stats()["entries"]
    from sync import engine

    engine.set_paused(office.ws, True)  # (no pass by itself while the test looks)
    win = _window(qtbot, office.ws, office.sup)
    try:
        panel = oversight.open_sync(win).widget()
        qtbot.waitUntil(lambda: any(panel.errors.item(i).data(panel.CONFLICT_ROLE)
                                    for i in range(panel.errors.count())), timeout=10000)
        changed = []
        win.ctx.bus.changed.connect(lambda ch, _who: changed.append(ch))
        # WHEN the supervisor compares it
        dialog = panel.compare_selected()
        qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10000)
        # THEN the server's owner stands beside this office's, marked
        (owner,) = [r for r in _cells(dialog) if r[0].startswith("≠")]
        assert "کوئی اور" in owner[2] and "محمد اسلم" in owner[1]
        # WHEN the supervisor takes it
        monkeypatch.setattr(conflict_dialog, "confirm", lambda *a: True)
        with qtbot.waitSignal(panel.taken, timeout=10000):
            dialog.take_copy()
        # THEN the entry's new version holds the server's values, sent; the views are told
        with office.ws.session() as s:
            item = s.scalar(select(OutboxItem).where(OutboxItem.state == "acknowledged"))
            new = s.get(Entry, item.entry_id)
            assert (new.version, new.state, new.is_latest) == (2, "sent", True)
        qtbot.waitUntil(lambda: bool(changed))
        assert new.id in changed[-1].entry_ids
        dialog.close()
    finally:
        win.shutdown()
    # AND a sync afterwards sends nothing twice
    engine.set_paused(office.ws, False)
    engine.run_once(office.ws)
    assert server.stats()["entries"] == entries
