"""A damaged workspace database on the command line: one clear line saying to run `daftar check`
and restore the latest backup (never a traceback), and nothing written from it."""

from __future__ import annotations

import sqlite3

import pytest

from daftar.cli import main


def _damage(root, *names: str) -> None:
    """Overwrite every page of the named tables or indexes in the database file (a disk's bad
    sectors); the workspace still opens."""
    db = root / "daftar.sqlite"
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = con.execute("PRAGMA page_size").fetchone()[0]
        marks = ",".join("?" * len(names))
        pages = [r[0] for r in con.execute(f"SELECT pageno FROM dbstat WHERE name IN ({marks})", names)]
    finally:
        con.close()
    assert pages
    with open(db, "r+b") as f:
        for page in pages:
            f.seek((page - 1) * size)
            f.write(b"\xa5" * size)


SUP_PASS = "girdawar-pass-1"


@pytest.fixture
def office(workspace, monkeypatch):
    """A workspace with a register of approved entries that its supervisor "girdawar" (password
    in $DAFTAR_PASSWORD) may seal without a verification, closed (its root returned)."""
    from sqlalchemy import select

    from records import office_settings
    from records.accounts import hash_password
    from records.audit import Actor
    from records.models import User
    from tests.reports import sampledata

    sampledata.build(workspace, approve=True)
    with workspace.session() as s:
        s.scalar(select(User).where(User.username == "girdawar")).password_hash = hash_password(SUP_PASS)
        office_settings.change(s, actor=Actor(None, "it", "admin"), values={"workflow.require_verification": False})
    workspace.close()
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    return workspace.root


def test_the_sample_office_exports_and_seals_when_sound(office, tmp_path, capsys):
    # GIVEN the sound workspace the tests below damage WHEN exported and sealed THEN all is written
    for args in (["export", "--register", "1", str(tmp_path / "r1.csv")],
                 ["export", "--register", "1", "--khewat", "47", str(tmp_path / "fard.pdf")],
                 ["batch", "export", str(tmp_path / "b.daftar-batch"), "--seal", "girdawar"]):
        assert main([*args, "--workspace", str(office)]) == 0, capsys.readouterr().err
    assert "sealed batch" in capsys.readouterr().out


ADVICE = ("Run `daftar check` to see what is wrong, then restore the latest backup (daftar restore BACKUP "
          "--workspace DIR --force; the damaged folder is kept aside)")


@pytest.mark.parametrize("command, made", [
    (["audit", "list"], None),
    (["audit", "list", "--by", "aslam"], None),
    (["export", "OUT/all.csv"], "all.csv"),
    (["export", "--register", "1", "OUT/r1.json"], "r1.json"),
    (["batch", "export", "OUT/b.daftar-batch", "--seal", "girdawar"], "b.daftar-batch"),
])
def test_a_command_reading_a_database_that_cannot_be_read_says_it_is_damaged(office, tmp_path, capsys, monkeypatch,
                                                                              command, made):
    # GIVEN a workspace whose audit trail and values can no longer be read (SQLite: "database
    # disk image is malformed")
    _damage(office, "audit_event", "field_value")
    # WHEN a command reads it
    rc = main([*(a.replace("OUT", str(tmp_path)) for a in command), "--workspace", str(office)])
    # THEN one line: the database is damaged, run `daftar check` and restore the latest backup
    # (a traceback of sqlalchemy.exc.DatabaseError before; `batch export --seal` first tried to
    # write the supervisor's sign-in into it); nothing written
    err = capsys.readouterr().err
    assert rc == 1 and len(err.splitlines()) == 1, err
    assert err.startswith(f"daftar {command[0]}: ") and "Traceback" not in err
    assert f"the database of the workspace {office} is damaged (" in err and ADVICE in err
    assert made is None or not (tmp_path / made).exists()


@pytest.mark.parametrize("out, what", [("r1.csv", "the export"), ("r1.json", "the export"),
                                       ("fard.pdf", "the report"), ("b.daftar-batch", "the batch file")])
def test_nothing_is_exported_from_a_database_its_quick_check_calls_damaged(office, tmp_path, capsys, monkeypatch,
                                                                            out, what):
    # GIVEN a workspace whose search index is damaged: the entries still read (an export wrote them
    # all and said nothing), but SQLite's quick check, as `daftar check`, finds the damage
    _damage(office, "ix_search_token_token")
    target = tmp_path / out
    args = {"r1.csv": ["export", "--register", "1", str(target)],
            "r1.json": ["export", "--register", "1", str(target)],
            "fard.pdf": ["export", "--register", "1", "--khewat", "47", str(target)],
            "b.daftar-batch": ["batch", "export", str(target), "--seal", "girdawar"]}[out]
    # WHEN it is exported, printed or sealed into a batch file
    rc = main([*args, "--workspace", str(office)])
    # THEN refused, saying it could be incomplete and why, and what to do; nothing written
    err = capsys.readouterr().err
    assert rc == 1 and len(err.splitlines()) == 1, err
    assert f"{what} {target} could be incomplete, so nothing was written: the database of the workspace" in err
    assert "btreeInitPage" in err and ADVICE in err
    assert not target.exists() and list(tmp_path.iterdir()) == [office]
