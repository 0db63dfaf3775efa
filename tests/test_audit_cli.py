"""`daftar audit list`: the newest events (newest last), what was left out, dates as filters."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from daftar.cli import main
from records import audit
from records.models import AuditEvent


@pytest.fixture
def trail(workspace):
    """A workspace with 250 audit events: 1-240 on 2024-01-01, 241-250 on 2025-06-01; closed."""
    with workspace.session() as s:
        audit.record_many(s, actor=audit.SYSTEM, events=[{"action": "test.event", "new": f"e{i}"}
                                                          for i in range(1, 251)])
    with workspace.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.id <= 240).values(at=dt.datetime(2024, 1, 1, 10)))
        s.execute(update(AuditEvent).where(AuditEvent.id > 240).values(at=dt.datetime(2025, 6, 1, 10)))
    workspace.close()
    return str(workspace.root)


def _ids(out: str) -> list[int]:
    return [int(line.split()[0]) for line in out.splitlines()]


def test_audit_list_shows_the_newest_events_last_and_says_how_many_were_left_out(trail, capsys):
    # WHEN the trail of 250 events is listed with the default limit
    assert main(["audit", "list", "--workspace", trail]) == 0
    out, err = capsys.readouterr()
    # THEN the newest 200 are shown, in the order they happened (the newest last)
    assert _ids(out) == list(range(51, 251))
    # AND stderr says how many earlier ones were left out and how to see them
    assert "50 earlier events left out (shown: the newest 200); --limit 0 shows all" in err
    assert "--since YYYY-MM-DD" in err
    # WHEN --limit 0 THEN all of them, nothing said
    assert main(["audit", "list", "--workspace", trail, "--limit", "0"]) == 0
    out, err = capsys.readouterr()
    assert _ids(out) == list(range(1, 251)) and err == ""


def test_audit_list_dates_filter_before_the_limit(trail, capsys):
    # WHEN only the events since a date are asked THEN those, all shown, nothing left out
    assert main(["audit", "list", "--workspace", trail, "--since", "2025-01-01"]) == 0
    out, err = capsys.readouterr()
    assert _ids(out) == list(range(241, 251)) and err == ""
    # WHEN up to a date, the newest 5 THEN the last five of that day, the rest counted
    assert main(["audit", "list", "--workspace", trail, "--until", "2024-01-01", "--limit", "5"]) == 0
    out, err = capsys.readouterr()
    assert _ids(out) == [236, 237, 238, 239, 240]
    assert "235 earlier events left out (shown: the newest 5)" in err


def test_a_date_in_another_format_is_a_clear_message(trail, capsys):
    for option, value in (("--since", "27-11-2026"), ("--until", "2026-02-30"), ("--since", "yesterday")):
        # WHEN a date is not written YYYY-MM-DD
        rc = main(["audit", "list", "--workspace", trail, option, value])
        # THEN exit 1, one line naming the option, the value and the format; nothing listed
        out, err = capsys.readouterr()
        assert rc == 1 and out == ""
        assert err == f"daftar audit list: {option} '{value}' is not a date: write YYYY-MM-DD (e.g. 2026-01-31)\n"


def test_a_reader_that_stops_early_ends_the_listing_quietly(workspace):
    import os
    import subprocess
    import sys
    from pathlib import Path

    # GIVEN a trail far longer than a pipe holds
    with workspace.session() as s:
        audit.record_many(s, actor=audit.SYSTEM, events=[{"action": "test.event", "new": f"event number {i}"}
                                                          for i in range(20000)])
    root = str(workspace.root)
    workspace.close()
    # WHEN it is listed into a reader that stops after the first line (`daftar audit list | head -1`)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen([sys.executable, "-m", "daftar.cli", "audit", "list", "--workspace", root, "--limit", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    # THEN it ends as a Unix tool does (128 + SIGPIPE), with no traceback and nothing on stderr
    assert proc.wait(timeout=60) == 141
    assert first.split()[0] == b"1" and err == ""


def test_audit_list_by_a_user_in_any_case_and_says_when_nothing_matches(workspace, capsys):
    from records.audit import Actor

    # GIVEN events by girdawar1 and by the system
    with workspace.session() as s:
        audit.record_many(s, actor=Actor(None, "girdawar1", "supervisor"),
                          events=[{"action": "entry.approve", "new": f"e{i}"} for i in range(3)])
    workspace.close()
    root = str(workspace.root)
    # WHEN listed by the user name typed in capitals (as at the sign-in, where case does not matter)
    assert main(["audit", "list", "--workspace", root, "--by", "GIRDAWAR1"]) == 0
    out, err = capsys.readouterr()
    # THEN girdawar1's events are listed (nothing was, as if he had done nothing)
    assert len(out.splitlines()) == 3 and all(" girdawar1 " in line for line in out.splitlines()) and err == ""
    # WHEN the filters match nothing
    assert main(["audit", "list", "--workspace", root, "--by", "girdawar2", "--since", "2020-01-01"]) == 0
    # THEN it says so, with the filters, instead of printing nothing at all
    out, err = capsys.readouterr()
    assert out == "" and err == "daftar audit list: no events match --by girdawar2 --since 2020-01-01\n"
