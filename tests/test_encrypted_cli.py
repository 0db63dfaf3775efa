"""`daftar init --encrypted --admin NAME` and `daftar demo --encrypted`."""

from __future__ import annotations

import re

import pytest

from daftar.cli import main
from records import access
from records.crypto import WrongPassword
from records.workspace import Workspace

CODE = re.compile(r"^\s+([A-Z2-7]{4}(?:-[A-Z2-7]{1,4}){7})\s*$", re.M)


def test_init_encrypted_prints_the_recovery_code_once_and_the_admin_signs_in(tmp_path, monkeypatch, capsys):
    # GIVEN a new folder and the administrator's password in $DAFTAR_PASSWORD
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    # WHEN the workspace is created encrypted
    rc = main(["init", "--workspace", str(root), "--admin", "Boss", "--full-name", "محمد اسلم", "--encrypted"])
    out = capsys.readouterr().out
    # THEN the recovery code is printed with the instruction to print and lock it away
    assert rc == 0
    assert "lock it away" in out and "only this once" in out
    code = CODE.search(out).group(1)
    # ... the workspace is encrypted; the administrator's password and the code both open it
    assert Workspace.is_encrypted(root)
    ws, user = access.sign_in(root, username="boss", password="patwari-pass-1")
    assert user.role == "admin" and user.full_name == "محمد اسلم"
    assert Workspace.unlock_recovery(root, code) == ws.key
    ws.close()
    with pytest.raises(WrongPassword, match="wrong user name or password"):
        access.sign_in(root, username="boss", password="not-the-pass")


def test_init_refuses_a_short_password_and_an_existing_workspace(tmp_path, monkeypatch, capsys):
    # GIVEN a password that breaks the rules
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "abc")
    # WHEN init runs THEN it says why and creates nothing (no half-made key slots)
    assert main(["init", "--workspace", str(root), "--admin", "boss", "--encrypted"]) == 1
    assert "at least" in capsys.readouterr().err
    assert not root.exists() or not any(root.iterdir())
    # GIVEN a workspace that exists WHEN init runs again THEN it refuses, changing nothing
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    assert main(["init", "--workspace", str(root), "--admin", "boss"]) == 0
    assert main(["init", "--workspace", str(root), "--admin", "other", "--encrypted"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert not Workspace.is_encrypted(root)


@pytest.mark.slow
def test_encrypted_demo_opens_for_each_demo_user_and_holds_no_plaintext(tmp_path):
    from daftar.demo import build_demo
    from records import services as S

    # GIVEN an encrypted demo workspace
    root = tmp_path / "demo"
    res = build_demo(root, encrypted=True, kdf={"time_cost": 1, "memory_cost": 1024, "parallelism": 1})
    # THEN it has a recovery code, every demo user signs in and reads records and page images
    assert res.recovery_code
    for name in ("admin", "clerk1", "girdawar1", "ro1"):
        ws, _user = access.sign_in(root, username=name, password="demo")
        ws.close()
    ws, _user = access.sign_in(root, username="clerk1", password="demo")
    with ws.session() as s:
        reg = S.list_registers(s)[0]
        page = S.list_pages(s, reg.id)[0]
        assert ws.images.get(page.image_sha256).startswith(b"\x89PNG")
    ws.close()
    # ... and no file holds a mauza name, a PNG or an SQLite header in clear
    for p in root.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            assert reg.mauza.encode() not in data and b"\x89PNG\r\n\x1a\n" not in data and b"SQLite format 3" not in data, p


def test_a_forgotten_admin_password_is_recovered_with_the_recovery_code(tmp_path, monkeypatch, capsys):
    from records.accounts import AccountError

    # GIVEN an encrypted office whose only administrator has forgotten his password
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    assert main(["init", "--workspace", str(root), "--admin", "Boss", "--encrypted"]) == 0
    code = CODE.search(capsys.readouterr().out).group(1)
    # WHEN IT staff run `daftar recover` with a wrong code
    monkeypatch.setenv("DAFTAR_PASSWORD", "new-start-22")
    monkeypatch.setenv("DAFTAR_RECOVERY_CODE", code.replace(code[0], "7" if code[0] != "7" else "2", 1))
    assert main(["recover", "--workspace", str(root), "--user", "boss"]) == 1
    assert "not right for this workspace" in capsys.readouterr().err
    with pytest.raises(WrongPassword):
        access.sign_in(root, username="boss", password="new-start-22")
    # WHEN with the code from the safe
    monkeypatch.setenv("DAFTAR_RECOVERY_CODE", code)
    assert main(["recover", "--workspace", str(root), "--user", "boss"]) == 0
    out = capsys.readouterr().out
    # THEN the administrator signs in with the new password and must choose his own
    ws, user = access.sign_in(root, username="boss", password="new-start-22")
    try:
        assert user.role == "admin" and user.must_change_password
        with ws.session() as s:
            from records.models import AuditEvent

            ev = s.query(AuditEvent).filter_by(action="user.recovered").one()
            assert ev.username == "recovery" and ev.detail == {"with": "the recovery code"}
    finally:
        ws.close()
    # AND the used code no longer works: a new one is printed once, and it does
    new = CODE.search(out).group(1)
    assert new != code and "no longer works" in out
    with pytest.raises(WrongPassword):
        Workspace.unlock_recovery(root, code)
    assert Workspace.unlock_recovery(root, new)
    # AND an unknown user or a refused password changes nothing
    monkeypatch.setenv("DAFTAR_RECOVERY_CODE", new)
    assert main(["recover", "--workspace", str(root), "--user", "nobody"]) == 1
    assert "there is no user 'nobody' in this workspace" in capsys.readouterr().err
    assert Workspace.unlock_recovery(root, new)  # still the code in the safe
    with pytest.raises(AccountError, match="at least"):
        access.recover_account(root, username="boss", new_password="short", code=new)


def test_a_plain_workspace_is_recovered_only_when_asked_without_a_code(tmp_path, monkeypatch, capsys):
    # GIVEN a workspace that is not encrypted
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    assert main(["init", "--workspace", str(root), "--admin", "boss"]) == 0
    monkeypatch.setenv("DAFTAR_PASSWORD", "new-start-22")
    # WHEN recover runs without saying there is no code THEN it refuses, saying why
    assert main(["recover", "--workspace", str(root), "--user", "boss"]) == 1
    assert "--without-code" in capsys.readouterr().err
    # WHEN with --without-code THEN the new password works and nothing about a code is printed
    assert main(["recover", "--workspace", str(root), "--user", "boss", "--without-code"]) == 0
    assert "RECOVERY CODE" not in capsys.readouterr().out
    ws, user = access.sign_in(root, username="boss", password="new-start-22")
    ws.close()
    assert user.must_change_password


def test_commands_open_an_encrypted_workspace_with_a_users_password(tmp_path, monkeypatch, capsys):
    # GIVEN an encrypted office workspace
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    assert main(["init", "--workspace", str(root), "--admin", "boss", "--encrypted"]) == 0
    capsys.readouterr()
    ws = str(root)
    # WHEN IT staff verify its audit trail without saying who signs in
    # THEN it says to add --user (it failed before on every encrypted workspace)
    assert main(["audit", "verify", "--workspace", ws]) == 1
    assert "is encrypted: add --user NAME" in capsys.readouterr().err
    # WHEN with --user (the password from $DAFTAR_PASSWORD) THEN the commands work
    assert main(["audit", "verify", "--workspace", ws, "--user", "boss"]) == 0
    assert "audit chain OK" in capsys.readouterr().out
    assert main(["audit", "list", "--workspace", ws, "--user", "boss", "--by", "boss"]) == 0
    assert "boss" in capsys.readouterr().out
    out = tmp_path / "all.csv"
    assert main(["export", "--workspace", ws, "--user", "boss", str(out)]) == 0 and out.is_file()
    assert main(["sync", "--workspace", ws, "--user", "boss", "--status"]) == 0
    capsys.readouterr()
    # AND $DAFTAR_USER does for --user; a wrong password is refused naming the user
    monkeypatch.setenv("DAFTAR_USER", "boss")
    assert main(["audit", "verify", "--workspace", ws]) == 0
    monkeypatch.setenv("DAFTAR_PASSWORD", "not-the-pass")
    assert main(["audit", "verify", "--workspace", ws]) == 1
    assert "Cannot sign in as boss" in capsys.readouterr().err


LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def _office_with_a_clerk(root):
    """An encrypted workspace with admin (admin-pass-1) and clerk1 (clerk-pass-1); closed."""
    from records.accounts import get_user

    ws, _code = Workspace.create_encrypted(root, admin_username="admin", admin_password="admin-pass-1", kdf=LIGHT_KDF)
    with ws.session() as s:
        admin = get_user(s, 1).actor()
    clerk = access.create_user(ws, actor=admin, username="clerk1", password="clerk-pass-1", role="clerk")
    ws.close()
    return admin, clerk


def _user(root, user_id, password="admin-pass-1", name="admin"):
    from records.accounts import get_user

    ws = Workspace.open(root, key=Workspace.unlock(root, name, password))
    try:
        with ws.session() as s:
            return get_user(s, user_id)
    finally:
        ws.close()


def test_the_command_line_refuses_a_disabled_account_even_with_a_key_slot(tmp_path, monkeypatch, capsys):
    # GIVEN an encrypted office whose clerk was disabled but still has a key slot (as a password
    # reset of a disabled account left one before)
    root = tmp_path / "office"
    admin, clerk = _office_with_a_clerk(root)
    ws = Workspace.open(root, key=Workspace.unlock(root, "admin", "admin-pass-1"))
    access.remove_user(ws, actor=admin, user_id=clerk.id)
    ws.slots.add_user("clerk1", "clerk-pass-1", ws.key)
    ws.close()
    # WHEN the clerk opens it on the command line with his right password
    monkeypatch.setenv("DAFTAR_PASSWORD", "clerk-pass-1")
    rc = main(["audit", "list", "--workspace", str(root), "--user", "clerk1"])
    # THEN he is refused, told the account is disabled, and nothing is listed
    out, err = capsys.readouterr()
    assert rc == 1 and out == ""
    assert "Cannot sign in as clerk1: the account clerk1 is disabled: an administrator must enable it again" in err


def test_the_command_line_refuses_a_locked_out_account_and_records_the_sign_in(tmp_path, monkeypatch, capsys):
    from records.accounts import FREE_ATTEMPTS, AccountError

    # GIVEN an encrypted office whose clerk typed wrong passwords until locked out (in the app)
    root = tmp_path / "office"
    _admin, clerk = _office_with_a_clerk(root)
    ws = Workspace.open(root, key=Workspace.unlock(root, "admin", "admin-pass-1"))
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(AccountError):
            access.confirm_password(ws, username="clerk1", password="not-his-pass")
    ws.close()
    # WHEN he opens it on the command line, with the right password, while the lock lasts
    monkeypatch.setenv("DAFTAR_PASSWORD", "clerk-pass-1")
    rc = main(["audit", "verify", "--workspace", str(root), "--user", "clerk1"])
    # THEN refused with the lockout's reason; the lock stays
    assert rc == 1
    assert "Cannot sign in as clerk1: too many wrong passwords: try again in" in capsys.readouterr().err
    assert _user(root, clerk.id).locked_until is not None
    # WHEN the administrator signs in on the command line THEN it works and is recorded as a sign-in
    monkeypatch.setenv("DAFTAR_PASSWORD", "admin-pass-1")
    assert main(["audit", "list", "--workspace", str(root), "--user", " Admin ", "--by", "admin"]) == 0
    assert " login " in capsys.readouterr().out


@pytest.mark.parametrize("encrypted", [False, True])
def test_init_refuses_an_empty_admin_name_before_creating_anything(tmp_path, monkeypatch, capsys, encrypted):
    # GIVEN a new folder and a good password
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    flag = ["--encrypted"] if encrypted else []
    for name in ("", "   "):
        # WHEN init is given an empty administrator name
        rc = main(["init", "--workspace", str(root), "--admin", name, *flag])
        # THEN it says so, with exit code 1 and no traceback, and creates nothing
        assert rc == 1
        assert "the user name is empty: give the administrator's user name; nothing was created" in capsys.readouterr().err
        assert not root.exists()
    # AND init then works in that folder; spaces around the name are dropped, so the
    # administrator signs in with the name alone (also the key slot of an encrypted one)
    assert main(["init", "--workspace", str(root), "--admin", " Boss ", *flag]) == 0
    assert "with the administrator Boss." in capsys.readouterr().out
    ws, user = access.sign_in(root, username="boss", password="patwari-pass-1")
    ws.close()
    assert user.username == "Boss" and user.role == "admin"


def test_init_refuses_a_user_name_with_a_space_or_slash_before_creating_anything(tmp_path, monkeypatch, capsys):
    # GIVEN a new folder and a good password
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    for name, what in (("big boss", "a space"), ("it/admin", "'/'")):
        # WHEN init is given an administrator name with a space or a slash
        rc = main(["init", "--workspace", str(root), "--admin", name, "--encrypted"])
        # THEN it says what the name holds and what a name may hold, and creates nothing (it made them)
        assert rc == 1
        assert capsys.readouterr().err == (f"daftar init: --admin '{name}': the user name '{name}' holds {what}: a user "
                                           "name may hold only letters (Urdu or English), digits and . _ -; nothing "
                                           "was created.\n")
        assert not root.exists()


def test_init_on_a_file_says_it_is_a_file(tmp_path, monkeypatch, capsys):
    # GIVEN a file where the workspace folder is to be
    (tmp_path / "afile").write_text("notes", encoding="utf-8")
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    # WHEN init is asked to make the workspace there
    rc = main(["init", "--workspace", str(tmp_path / "afile"), "--admin", "boss"])
    # THEN it says it is a file, not a folder (it said "Cannot create the workspace folder afile: File exists")
    assert rc == 1
    assert capsys.readouterr().err == (f"daftar init: {tmp_path / 'afile'} is a file, not a folder: give --workspace a "
                                       "folder (a new one, or an empty one) for the workspace; nothing was created.\n")
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "notes"


def test_recover_checks_the_code_and_the_user_before_asking_the_new_password(tmp_path, monkeypatch, capsys):
    # GIVEN an encrypted office, and IT staff typing on the terminal (no $DAFTAR_PASSWORD)
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    assert main(["init", "--workspace", str(root), "--admin", "Boss", "--encrypted"]) == 0
    code = CODE.search(capsys.readouterr().out).group(1)
    monkeypatch.delenv("DAFTAR_PASSWORD")
    asked = []
    monkeypatch.setattr("daftar.cli.ask_secret", lambda prompt="", **_kw: asked.append(prompt) or "new-start-22")
    wrong = code.replace(code[0], "7" if code[0] != "7" else "2", 1)
    for given, user, says in ((wrong, "boss", "not right for this workspace"),
                              (code, "nobody", "there is no user 'nobody' in this workspace")):
        # WHEN the code is wrong, or the user is nobody's
        monkeypatch.setenv("DAFTAR_RECOVERY_CODE", given)
        asked.clear()
        assert main(["recover", "--workspace", str(root), "--user", user]) == 1
        # THEN it says so, naming the user, before the new password is asked (it was asked twice first)
        assert says in capsys.readouterr().err and asked == []
    # WHEN --without-code is given on this encrypted workspace
    assert main(["recover", "--workspace", str(root), "--user", "boss", "--without-code"]) == 1
    # THEN it says it does not apply, asking for nothing (it was ignored)
    assert ("daftar recover: --without-code does not apply: this workspace is encrypted, so only its recovery code "
            "can set a new password") in capsys.readouterr().err and asked == []
    # WHEN the code and the user are right THEN the new password is asked (twice) and set, for the
    # user as named in the workspace
    assert main(["recover", "--workspace", str(root), "--user", "BOSS"]) == 0
    assert asked == ["New password for Boss: ", "The same password again: "]
    assert "Boss has a new password" in capsys.readouterr().out
    ws, user = access.sign_in(root, username="boss", password="new-start-22")
    ws.close()
    assert user.must_change_password


def test_recover_of_a_plain_workspace_names_an_unknown_user_before_asking(tmp_path, monkeypatch, capsys):
    # GIVEN a workspace that is not encrypted
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    assert main(["init", "--workspace", str(root), "--admin", "boss"]) == 0
    monkeypatch.delenv("DAFTAR_PASSWORD")
    asked = []
    monkeypatch.setattr("daftar.cli.ask_secret", lambda prompt="", **_kw: asked.append(prompt) or "new-start-22")
    # WHEN recover is run for a user that is not there, or without --without-code
    assert main(["recover", "--workspace", str(root), "--user", "bos", "--without-code"]) == 1
    assert "daftar recover: there is no user 'bos' in this workspace; nothing was changed." in capsys.readouterr().err
    assert main(["recover", "--workspace", str(root), "--user", "boss"]) == 1
    assert "--without-code" in capsys.readouterr().err
    # THEN no password was asked for either
    assert asked == []


@pytest.mark.parametrize("encrypted", [False, True])
def test_init_names_the_office_for_reports_preferences_and_enrolment(tmp_path, monkeypatch, capsys, encrypted):
    from records import office_settings
    from records.models import AuditEvent, Office
    from records.reports.layout import office_options

    # GIVEN a new folder and a good password
    root = tmp_path / "office"
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    flag = ["--encrypted"] if encrypted else []
    # WHEN IT makes the workspace with the office's name, district and tehsil
    rc = main(["init", "--workspace", str(root), "--admin", "boss", "--office", " پٹوار سرکل چک ۱۲ ",
               "--district", "ساہیوال", "--tehsil", "چیچہ وطنی", *flag])
    # THEN it says which office it made
    assert rc == 0
    assert "for the office 'پٹوار سرکل چک ۱۲'" in capsys.readouterr().out
    ws, _user = access.sign_in(root, username="boss", password="patwari-pass-1")
    try:
        with ws.session() as s:
            office = s.query(Office).one()
            # ... the office is named (enrolment keeps a name of its own; exports are signed with it)
            assert (office.name, office.district, office.tehsil) == ("پٹوار سرکل چک ۱۲", "ساہیوال", "چیچہ وطنی")
            # ... Preferences shows them, and new registers and reports take them
            st = office_settings.read(s)
            assert (st.get("office.name"), st.get("office.district"), st.get("office.tehsil")) == (
                "پٹوار سرکل چک ۱۲", "ساہیوال", "چیچہ وطنی")
            assert "پٹوار سرکل چک ۱۲" in office_options(s).printed_by
            # ... and the change is in the audit trail, by the administrator
            ev = s.query(AuditEvent).filter_by(action="office.settings").one()
            assert ev.username == "boss"
    finally:
        ws.close()


def test_init_without_an_office_name_leaves_it_to_enrolment_and_refuses_a_too_long_one(tmp_path, monkeypatch, capsys):
    from records.models import Office
    from records.outbox import DEFAULT_OFFICE_NAME

    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    # GIVEN an office name longer than the office table holds WHEN init runs
    # THEN it names the option and the limit, and creates nothing
    rc = main(["init", "--workspace", str(tmp_path / "long"), "--admin", "boss", "--office", "x" * 201])
    assert rc == 1
    assert capsys.readouterr().err == "daftar init: --office: 201 characters, at most 200; nothing was created.\n"
    assert not (tmp_path / "long").exists()
    # GIVEN no --office WHEN init runs THEN the office keeps the name enrolment replaces
    assert main(["init", "--workspace", str(tmp_path / "plain"), "--admin", "boss"]) == 0
    assert "for the office" not in capsys.readouterr().out
    ws, _user = access.sign_in(tmp_path / "plain", username="boss", password="patwari-pass-1")
    try:
        with ws.session() as s:
            names = [o.name for o in s.query(Office).all()]
            assert names in ([], [DEFAULT_OFFICE_NAME])
    finally:
        ws.close()
