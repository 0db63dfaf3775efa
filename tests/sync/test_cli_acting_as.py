"""`daftar batch export --seal NAME` and `daftar batch resend --as NAME` act and are audited in
NAME's name: NAME proves it with their own password, checked as the sign-in checks it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from daftar.cli import main
from records import access
from records.accounts import FREE_ATTEMPTS
from records.models import AuditEvent, Entry, OutboxItem, User
from records.workspace import Workspace
from tests.sync.conftest import (
    CLERK_PASS,
    SUP_PASS,
    add_approved,
    give_passwords,
    item_states,
    seal,
)

LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def _no_verification(ws) -> None:
    from records import office_settings
    from records.audit import Actor

    with ws.session() as s:
        office_settings.change(s, actor=Actor(None, "it", "admin"), values={"workflow.require_verification": False})


def _account(ws, name):
    with ws.session() as s:
        u = s.scalar(select(User).where(User.username == name))
        failed = [e.detail for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "login.failed",
                                                                       AuditEvent.username == name))]
        return u.failed_logins, u.locked_until, failed


def _no_getpass(monkeypatch):
    """Fail the test if a password is asked on the terminal."""
    def ask(prompt="", **_kw):
        raise AssertionError(f"asked on the terminal: {prompt}")

    monkeypatch.setattr("daftar.cli.ask_secret", ask)


def test_sealing_in_a_supervisors_name_needs_the_supervisors_password(office, tmp_path, capsys, monkeypatch):
    # GIVEN a plain office workspace (no verification required) with six approved entries
    give_passwords(office.ws)
    _no_verification(office.ws)
    _no_getpass(monkeypatch)
    out = tmp_path / "june.daftar-batch"
    args = ["batch", "export", "--workspace", str(office.ws.root), "--seal", "supervisor", str(out)]
    # WHEN the clerk seals in the supervisor's name with his own password
    monkeypatch.setenv("DAFTAR_PASSWORD", CLERK_PASS)
    rc = main(args)
    # THEN refused, saying why; nothing sealed or written; the failure counts against the supervisor
    assert rc == 1
    assert ("daftar batch export: cannot act as supervisor: wrong user name or password; "
            "nothing was sealed or written") in capsys.readouterr().err
    assert not out.exists() and item_states(office.ws) == {}
    with office.ws.session() as s:
        assert {e.state for e in s.scalars(select(Entry).where(Entry.id.in_(office.entry_ids)))} == {"approved"}
    failures, _locked, events = _account(office.ws, "supervisor")
    assert failures == 1 and events == [{"failures": 1, "locked_s": 0}]
    # WHEN with the supervisor's password THEN sealed and written, audited as the supervisor
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    assert main(args) == 0 and out.is_file()
    assert "6 entries" in capsys.readouterr().out
    with office.ws.session() as s:
        assert s.scalar(select(AuditEvent.username).where(AuditEvent.action == "batch.create")) == "supervisor"
    assert _account(office.ws, "supervisor")[0] == 0  # a right password clears the failures


def test_a_clerk_with_his_own_password_cannot_seal(office, tmp_path, capsys, monkeypatch):
    # GIVEN the clerk's right password
    give_passwords(office.ws)
    _no_verification(office.ws)
    monkeypatch.setenv("DAFTAR_PASSWORD", CLERK_PASS)
    out = tmp_path / "b.daftar-batch"
    # WHEN he seals in his own name THEN his role may not: refused, nothing sealed
    assert main(["batch", "export", "--workspace", str(office.ws.root), "--seal", "clerk", str(out)]) == 1
    assert "clerk is a clerk and cannot seal batches: ask a supervisor" in capsys.readouterr().err
    assert not out.exists() and item_states(office.ws) == {}


def test_resend_refuses_a_wrong_password_a_locked_out_and_a_disabled_supervisor(office, capsys, monkeypatch):
    # GIVEN a sealed batch with one entry held back by a refusal
    from records.models import OutboxItem

    seal(office.ws, office.sup)
    give_passwords(office.ws)
    with office.ws.session() as s:
        s.scalars(select(OutboxItem)).first().state = "failed"
    ws = str(office.ws.root)
    args = ["batch", "resend", "--workspace", ws, "--as", "supervisor"]
    # WHEN someone types wrong passwords for the supervisor until the lockout
    monkeypatch.setenv("DAFTAR_PASSWORD", "guess-guess-1")
    for _ in range(FREE_ATTEMPTS):
        assert main(args) == 1
        assert "cannot act as supervisor: wrong user name or password" in capsys.readouterr().err
    # THEN each one counted and the account is locked: even the right password is refused now
    failures, locked, _events = _account(office.ws, "supervisor")
    assert failures == FREE_ATTEMPTS and locked is not None
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    assert main(args) == 1
    assert "cannot act as supervisor: too many wrong passwords: try again in" in capsys.readouterr().err
    assert item_states(office.ws) == {"queued": 5, "failed": 1}  # nothing sent again
    # WHEN the lock is over but the account was disabled THEN refused, saying so
    with office.ws.session() as s:
        u = s.scalar(select(User).where(User.username == "supervisor"))
        u.locked_until, u.failed_logins, u.active = None, 0, False
    assert main(args) == 1
    assert "the account supervisor is disabled: an administrator must enable it again" in capsys.readouterr().err
    # WHEN enabled again THEN the supervisor's password does it
    with office.ws.session() as s:
        s.scalar(select(User).where(User.username == "supervisor")).active = True
    assert main(args) == 0
    assert item_states(office.ws) == {"queued": 6}


@pytest.fixture
def encrypted_office(tmp_path):
    """An encrypted workspace: admin, clerk1 (clerk-pass-1), girdawar1 (supervisor-pass-1), six
    approved entries, no verification required; closed."""
    from records.accounts import get_user

    root = tmp_path / "enc"
    ws, _code = Workspace.create_encrypted(root, admin_username="admin", admin_password="admin-pass-1", kdf=LIGHT_KDF)
    try:
        with ws.session() as s:
            admin = get_user(s, 1).actor()
        clerk = access.create_user(ws, actor=admin, username="clerk1", password=CLERK_PASS, role="clerk")
        sup = access.create_user(ws, actor=admin, username="girdawar1", password=SUP_PASS, role="supervisor")
        add_approved(ws, clerk.actor(), sup.actor())
        _no_verification(ws)
    finally:
        ws.close()
    return root


def test_a_clerk_signed_in_to_an_encrypted_workspace_cannot_seal_as_the_supervisor(encrypted_office, tmp_path,
                                                                                  capsys, monkeypatch):
    root = encrypted_office
    out = tmp_path / "b.daftar-batch"
    _no_getpass(monkeypatch)
    # WHEN the clerk signs in with his password and seals in girdawar1's name
    monkeypatch.setenv("DAFTAR_PASSWORD", CLERK_PASS)
    rc = main(["batch", "export", "--workspace", str(root), "--user", "clerk1", "--seal", "girdawar1", str(out)])
    # THEN his password is not girdawar1's: refused, counted against girdawar1, nothing sealed
    assert rc == 1
    assert "cannot act as girdawar1: wrong user name or password" in capsys.readouterr().err
    assert not out.exists()
    ws = Workspace.open(root, key=Workspace.unlock(root, "admin", "admin-pass-1"))
    try:
        assert _account(ws, "girdawar1")[0] == 1 and item_states(ws) == {}
    finally:
        ws.close()


def test_the_supervisor_signed_in_is_not_asked_twice(encrypted_office, tmp_path, capsys, monkeypatch):
    root = encrypted_office
    out = tmp_path / "b.daftar-batch"
    # GIVEN no $DAFTAR_PASSWORD: the password is typed on the terminal
    monkeypatch.delenv("DAFTAR_PASSWORD", raising=False)
    asked = []
    monkeypatch.setattr("daftar.cli.ask_secret", lambda prompt="", **_kw: asked.append(prompt) or SUP_PASS)
    # WHEN girdawar1 signs in and seals in his own name (typed in another case)
    rc = main(["batch", "export", "--workspace", str(root), "--user", "girdawar1", "--seal", "Girdawar1", str(out)])
    # THEN his password was asked once, and the batch is sealed and written in his name
    assert rc == 0, capsys.readouterr().err
    assert asked == ["Password for girdawar1: "] and out.is_file()
    ws = Workspace.open(root, key=Workspace.unlock(root, "admin", "admin-pass-1"))
    try:
        with ws.session() as s:
            assert s.scalar(select(AuditEvent.username).where(AuditEvent.action == "batch.create")) == "girdawar1"
    finally:
        ws.close()


def test_a_password_the_administrator_chose_cannot_seal_or_resend(office, tmp_path, capsys, monkeypatch):
    from records.audit import Actor

    # GIVEN a plain office (no verification required) whose administrator reset the supervisor's
    # password: the supervisor has not yet chosen their own at a sign-in in the app
    give_passwords(office.ws)
    _no_verification(office.ws)
    with office.ws.session() as s:
        sup_id = s.scalar(select(User.id).where(User.username == "supervisor"))
    access.reset_password(office.ws, actor=Actor(None, "it", "admin"), user_id=sup_id, new_password="Admin-Knows-1")
    with office.ws.session() as s:
        events_before = s.query(AuditEvent).count()
    out = tmp_path / "b.daftar-batch"
    # WHEN someone seals in the supervisor's name with the password the administrator chose
    monkeypatch.setenv("DAFTAR_PASSWORD", "Admin-Knows-1")
    rc = main(["batch", "export", "--workspace", str(office.ws.root), "--seal", "supervisor", str(out)])
    # THEN refused, saying the administrator set it and the supervisor must choose their own in the
    # app; nothing sealed, written or recorded (it sealed in the supervisor's name)
    err = capsys.readouterr().err
    assert rc == 1
    assert ("daftar batch export: cannot act as supervisor: the password of supervisor was set by the "
            "administrator: supervisor must first sign in to the app and choose their own password; "
            "nothing was sealed or written") in err
    assert not out.exists() and item_states(office.ws) == {}
    with office.ws.session() as s:
        assert s.query(AuditEvent).count() == events_before
    # AND `batch resend --as` likewise
    seal(office.ws, office.sup)
    with office.ws.session() as s:
        s.scalars(select(OutboxItem)).first().state = "failed"
    assert main(["batch", "resend", "--workspace", str(office.ws.root), "--as", "supervisor"]) == 1
    assert "cannot act as supervisor: the password of supervisor was set by the administrator" in capsys.readouterr().err
    assert item_states(office.ws) == {"queued": 5, "failed": 1}
    # WHEN the supervisor has chosen their own THEN it works
    access.change_password(office.ws, user_id=sup_id, old_password="Admin-Knows-1", new_password=SUP_PASS)
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    assert main(["batch", "resend", "--workspace", str(office.ws.root), "--as", "supervisor"]) == 0


def test_signing_in_to_an_encrypted_workspace_with_a_password_the_administrator_chose_is_refused(
        encrypted_office, tmp_path, capsys, monkeypatch):
    from records.accounts import get_user, user_named

    # GIVEN an encrypted office whose administrator reset girdawar1's password
    root = encrypted_office
    ws = Workspace.open(root, key=Workspace.unlock(root, "admin", "admin-pass-1"))
    try:
        with ws.session() as s:
            gid = user_named(s, "girdawar1").id
            admin = user_named(s, "admin")
            admin_actor = get_user(s, admin.id).actor()
        access.reset_password(ws, actor=admin_actor, user_id=gid, new_password="Admin-Knows-1")
    finally:
        ws.close()
    _no_getpass(monkeypatch)
    monkeypatch.setenv("DAFTAR_PASSWORD", "Admin-Knows-1")
    out = tmp_path / "b.daftar-batch"
    # WHEN girdawar1 is signed in with it on the command line (to seal, or just to list)
    for args in (["batch", "export", str(out), "--seal", "girdawar1"], ["audit", "list"]):
        rc = main([*args, "--workspace", str(root), "--user", "girdawar1"])
        # THEN refused, saying girdawar1 must choose their own password in the app; nothing written
        out_text, err = capsys.readouterr()
        assert rc == 1 and out_text == ""
        assert ("Cannot sign in as girdawar1: the password of girdawar1 was set by the administrator: girdawar1 "
                "must first sign in to the app and choose their own password") in err
    assert not out.exists()
    ws = Workspace.open(root, key=Workspace.unlock(root, "admin", "admin-pass-1"))
    try:
        assert item_states(ws) == {}
        with ws.session() as s:
            assert not s.query(AuditEvent).filter_by(action="login", username="girdawar1").count()
    finally:
        ws.close()
