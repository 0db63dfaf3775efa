"""The sync panel's "Compare with the server's copy" for an entry in conflict: fetched off the
UI thread, shown field by field beside this office's version with the differences marked,
Urdu values right to left; "Take the server's copy" for supervisors only."""

from __future__ import annotations

import threading

import pytest

from records.conflicts import Comparison, FieldDiff, ServerCopy, Taken
from sync.engine import QueueStatus
from sync.problem import Problem

pytestmark = pytest.mark.gui

UUID = "0a1b2c3d-0000-4000-8000-000000000001"
OURS, THEIRS = "محمد اسلم ولد غلام رسول", "کوئی اور"


def _comparison(why_not: str = "") -> Comparison:
    copy = ServerCopy(UUID, 1, "b" * 64, {"values": {"khewat_no": "40", "owner": THEIRS, "area": "1-5"}},
                      "received", "", "E7", "11111111-2222-3333-4444-555555555555", "network", "2026-11-25T12:00:00Z")
    fields = (FieldDiff("khewat_no", "40", "40"), FieldDiff("owner", OURS, THEIRS), FieldDiff("area", "1-5", "1-5"))
    facts = (FieldDiff("approved_by", "girdawar1", "girdawar1"), FieldDiff("row_no", "1", "1"))
    return Comparison(UUID, 1, 5, 1, "jamabandi", "mauza کوٹ, year 2019-20, volume 1, page 1, row 1", "a" * 64, copy, fields, facts, why_not)


class FakeOffice:
    """The engine and the core as plain callables; notes the threads they ran on."""

    def __init__(self, compared=None):
        self.compared = compared if compared is not None else _comparison()
        self.threads: list[threading.Thread] = []
        self.took: list[ServerCopy] = []
        self.in_conflict = True

    def status(self) -> QueueStatus:
        problems = (Problem(UUID, 1, "conflict", "This entry version was sent before with different content.",
                            "", 5, 1, "jamabandi", "کوٹ", "2019-20", 1, 1, "40"),) if self.in_conflict else ()
        return QueueStatus({"conflict": 1} if self.in_conflict else {"acknowledged": 1}, None, None, False, problems)

    def compare(self, entry_uuid: str, version: int):
        self.threads.append(threading.current_thread())
        assert (entry_uuid, version) == (UUID, 1)
        return self.compared

    def take(self, copy: ServerCopy):
        self.threads.append(threading.current_thread())
        self.took.append(copy)
        self.in_conflict = False
        return Taken(5, 9, 2, "sent", ("owner",), 1, frozenset({5, 9}))


def _panel(qtbot, fake: FakeOffice, *, supervisor: bool = True):
    from desktop.sync_panel import SyncPanel

    panel = SyncPanel(run_pass=lambda progress: None, status=fake.status, set_paused=lambda p: None,
                      compare=fake.compare, take=fake.take if supervisor else None)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.errors.count() == 1)
    return panel


def _cells(dialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(3)] for r in range(t.rowCount())]


def test_a_conflict_is_compared_with_the_servers_copy_and_a_supervisor_takes_it(qtbot, monkeypatch):
    from desktop import conflict_dialog
    from desktop.qt import Qt

    # GIVEN a supervisor's sync panel with an entry in conflict
    fake = FakeOffice()
    panel = _panel(qtbot, fake)
    # THEN it offers to compare it with the server's copy
    assert panel.compare_btn.isVisible() and panel.compare_btn.isEnabled()
    # WHEN the supervisor presses it
    qtbot.mouseClick(panel.compare_btn, Qt.MouseButton.LeftButton)
    dialog = panel.conflict_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 5, timeout=5000)
    # THEN the copy was fetched on a worker, never on the UI thread
    assert fake.threads and threading.main_thread() not in fake.threads
    # AND it is shown field by field beside this office's, the one difference marked
    rows = _cells(dialog)
    assert [r[0].split(" (")[0] for r in rows] == ["Khewat no", "≠ Owner", "Area", "Approved by", "Row"]
    owner = rows[1]
    assert OURS in owner[1] and THEIRS in owner[2]
    assert dialog.table.item(1, 2).background().color().name() == "#ffe2b3"
    assert dialog.table.item(0, 1).background().style() == Qt.BrushStyle.NoBrush
    assert "One field differs" in dialog.summary_label.text()
    assert "received" in dialog.server_label.text() and "11111111" in dialog.server_label.text()
    # AND an Urdu value is right to left, aligned right whatever the interface's direction
    align = dialog.table.item(1, 1).textAlignment()
    assert align & Qt.AlignmentFlag.AlignRight.value and align & Qt.AlignmentFlag.AlignAbsolute.value
    # AND the supervisor may take it
    assert dialog.take_btn.isVisible() and dialog.take_btn.isEnabled()

    # WHEN the supervisor takes it (and says yes when asked)
    asked = []
    monkeypatch.setattr(conflict_dialog, "confirm", lambda parent, title, text: asked.append(text) or True)
    with qtbot.waitSignal(panel.taken, timeout=5000) as sig:
        qtbot.mouseClick(dialog.take_btn, Qt.MouseButton.LeftButton)
    # THEN it was taken once, off the UI thread, and the dialog and the panel say so
    assert len(asked) == 1 and "version 2" in asked[0]
    assert fake.took == [fake.compared.server] and sig.args[0].version == 2
    assert threading.main_thread() not in fake.threads
    assert "version 2" in dialog.summary_label.text() and not dialog.take_btn.isVisible()
    qtbot.waitUntil(lambda: panel.errors.count() == 0)
    assert not panel.compare_btn.isEnabled()
    dialog.close()
    panel.stop()


def test_a_clerk_may_compare_but_not_take_and_a_failure_is_said(qtbot):
    from desktop.qt import Qt

    # GIVEN a clerk's panel (no take) whose fetch fails (offline)
    fake = FakeOffice("Cannot reach the central server at https://x: no connection.")
    panel = _panel(qtbot, fake, supervisor=False)
    # WHEN the clerk compares
    qtbot.mouseClick(panel.compare_btn, Qt.MouseButton.LeftButton)
    dialog = panel.conflict_dialog
    # THEN why it could not is said, and there is no button to take it
    qtbot.waitUntil(lambda: "could not be shown" in dialog.server_label.text(), timeout=5000)
    assert "no connection" in dialog.server_label.text()
    assert not dialog.take_btn.isVisible()
    dialog.close()
    # WHEN the copy cannot be taken (the core says why)  THEN the button is off and why is said
    fake.compared = _comparison("entry x was changed here since the conflict (version 3 is its newest): "
                                  "nothing was taken; settle it by that version")
    panel2 = _panel(qtbot, fake)
    dialog = panel2.compare_selected()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 5, timeout=5000)
    assert not dialog.take_btn.isEnabled() and "cannot be taken" in dialog.summary_label.text()
    dialog.close()
    panel.stop()
    panel2.stop()


def test_the_dialog_speaks_urdu_and_keeps_urdu_values_right_to_left(qtbot, qapp, tmp_path):
    from desktop import i18n

    assert i18n.apply_language(qapp, "ur")
    try:
        # GIVEN the Urdu interface  WHEN the comparison is shown
        fake = FakeOffice()
        panel = _panel(qtbot, fake)
        dialog = panel.compare_selected()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 5, timeout=5000)
        # THEN its words are Urdu (the batch id and the hashes aside), its fields named in Urdu
        import re

        texts = [dialog.windowTitle(), dialog.server_label.text(), dialog.summary_label.text(),
                 dialog.take_btn.text(), dialog.close_btn.text(), panel.compare_btn.text()] + \
            [dialog.table.horizontalHeaderItem(c).text() for c in range(3)] + [r[0] for r in _cells(dialog)]
        english = [t for t in texts if re.search("[A-Za-z]{3,}", re.sub(r"[0-9a-f]{8}", "", t))]
        assert english == []
        assert dialog.layoutDirection().name == "RightToLeft"
        dialog.resize(900, 420)
        assert dialog.grab().save(str(tmp_path / "conflict-ur.png"))
        dialog.close()
        panel.stop()
    finally:
        i18n.apply_language(qapp, "en")


def test_closing_the_dialog_while_the_copy_is_still_coming_does_not_wait_for_it(qtbot):
    import time

    # GIVEN a comparison whose fetch hangs (a slow line: up to the connection's timeout)
    fake = FakeOffice()
    slow = threading.Event()
    quick = fake.compare
    fake.compare = lambda u, v: (slow.wait(10), quick(u, v))[1]
    panel = _panel(qtbot, fake)
    dialog = panel.compare_selected()
    # WHEN the supervisor closes the dialog before it came
    t = time.monotonic()
    dialog.close()
    waited = time.monotonic() - t
    # THEN the window does not wait for it, and its late answer is dropped quietly
    assert waited < 0.5, waited
    slow.set()
    panel.stop()
