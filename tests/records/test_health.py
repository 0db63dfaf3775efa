"""`daftar check` / records.health: a workspace's database, page images and audit chain."""

from __future__ import annotations

import sqlite3

from daftar.cli import main
from records import services
from records.accounts import create_user
from records.health import check_workspace


def _office(ws):
    """Two registers' pages with their images (three distinct images)."""
    with ws.session() as s:
        admin = create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
        rid = services.create_register(s, actor=admin, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                       mauza="کوٹ", hadbast_no="12", year="2019-20")
        pages = [services.add_page(s, ws.images, actor=admin, register_id=rid, data=f"PNG page {i}".encode(),
                                   name=f"scan-{i}.png") for i in range(3)]
    return pages


def test_a_sound_workspace_passes_every_part(workspace, capsys):
    _office(workspace)
    parts = check_workspace(workspace)
    assert [(p.name, p.ok) for p in parts] == [("database", True), ("page images", True), ("audit trail", True),
                                               ("backups", True)]
    assert "all 3 page image(s)" in parts[1].summary
    # (never backed up: sound, but the operator is told to write one; the exit code stays 0)
    assert parts[3].warning and "no backup of this workspace was ever written" in parts[3].summary
    assert main(["check", "--workspace", str(workspace.root)]) == 0
    out = capsys.readouterr().out
    assert out.count("PASS") == 3 and "WARN backups" in out


def test_the_check_says_when_and_where_the_last_backup_went(workspace, tmp_path, capsys):
    import datetime as dt

    from records.backup import create_backup
    from records.health import check_backups

    # GIVEN a workspace backed up onto a stick
    _office(workspace)
    res = create_backup(workspace, tmp_path / "stick.tar")
    # THEN the check names it, without a warning, and says it is recent in words ("0 day(s) ago" before)
    part = check_backups(workspace)
    assert part.ok and not part.warning and str(res.path) in part.summary
    assert "the last backup was written less than a day ago" in part.summary
    tomorrow = check_backups(workspace, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1))
    assert "written 1 day ago" in tomorrow.summary
    # AND ten days later it warns (the office asks every 7 days) but does not fail
    later = check_backups(workspace, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=10))
    assert later.ok and later.warning and "10 days ago" in later.summary and "every 7 day(s)" in later.summary
    assert main(["check", "--workspace", str(workspace.root), "--json"]) == 0
    assert '"warning": false' in capsys.readouterr().out


def test_missing_and_damaged_images_and_a_changed_audit_event_are_named(workspace, capsys):
    # GIVEN a workspace whose disk lost one page image, garbled another, and whose audit
    # trail was edited outside Daftar
    pages = _office(workspace)
    workspace.images.path(pages[0].sha256).unlink()
    damaged = workspace.images.path(pages[2].sha256)
    damaged.write_bytes(damaged.read_bytes()[:-3] + b"xyz")
    workspace.close()
    con = sqlite3.connect(workspace.root / "daftar.sqlite")
    con.execute("UPDATE audit_event SET username = 'someone' WHERE id = 2")
    con.commit()
    con.close()
    # WHEN IT staff run the check
    rc = main(["check", "--workspace", str(workspace.root)])
    out = capsys.readouterr().out
    # THEN each broken part fails, naming the register, page and file, and what to do
    assert rc == 1
    assert "PASS database" in out and "FAIL page images: 2 of 3" in out and "FAIL audit trail" in out
    assert "page 1 (scan-0.png): its image is missing" in out and "page 3 (scan-2.png): its image is damaged" in out
    assert "کوٹ" in out and "daftar restore BACKUP" in out


def test_a_damaged_database_fails_the_check_and_the_other_parts_are_still_checked(workspace, capsys):
    # GIVEN a workspace whose database file was damaged on disk (it still opens)
    from records.workspace import Workspace
    from tests.records.test_backup import _damage_database

    _office(workspace)
    _damage_database(workspace)
    ws = Workspace.open(workspace.root)
    try:
        # WHEN it is checked
        parts = {p.name: p for p in check_workspace(ws)}
    finally:
        ws.close()
    # THEN the database fails, each part is reported, and nothing raised
    assert list(parts) == ["database", "page images", "audit trail", "backups"]
    assert not parts["database"].ok
    assert parts["page images"].ok  # (the images themselves are sound)
    # AND the command says FAIL with what to do, exit code 1, no traceback
    assert main(["check", "--workspace", str(workspace.root)]) == 1
    out, err = capsys.readouterr()
    assert "FAIL database" in out and "Traceback" not in out + err
