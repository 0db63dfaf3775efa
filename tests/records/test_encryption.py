"""Encrypted workspace: no plaintext on disk, per-user key slots, recovery code."""

from __future__ import annotations

import os

import pytest

from records import access
from records import services as S
from records.crypto import WrongPassword
from records.workspace import Workspace, WorkspaceError, WorkspaceLocked

LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
NAME = "غلام رسول نمبردار"
NUMBER = "98765"


@pytest.fixture
def enc(tmp_path):
    root = tmp_path / "enc"
    ws, code = Workspace.create_encrypted(root, admin_username="admin", admin_password="admin-pass-1", kdf=LIGHT_KDF)
    with ws.session() as s:
        from records.accounts import get_user

        a = get_user(s, 1).actor()
        rid = S.create_register(s, actor=a, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                mauza="دیہہ", hadbast_no="12", year="2019-20")
        S.add_page(s, ws.images, actor=a, register_id=rid, data=f"PNG {NAME} {NUMBER}".encode(), name="p1.png")
    clerk = access.create_user(ws, actor=a, username="clerk1", password="clerk-pass-1", role="clerk")
    with ws.session() as s:
        pid = S.list_pages(s, rid)[0].id
        S.add_entry(s, actor=clerk.actor(), register_id=rid, page_id=pid,
                    values={"khewat_no": NUMBER, "owner": NAME, "area": "12-5"})
    yield ws, code, a, root
    ws.close()


def _files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_database_images_and_wal_hold_no_plaintext(enc):
    # GIVEN an encrypted workspace holding a known Urdu name and number (still open: WAL present)
    ws, _, _, root = enc
    # THEN no file in the workspace contains them in clear (UTF-8 or ASCII digits)
    for path in _files(root):
        data = path.read_bytes()
        assert NAME.encode() not in data, path
        assert NAME.split()[0].encode() not in data, path
        assert NUMBER.encode() not in data, path


def test_opening_without_a_key_asks_to_sign_in(enc):
    _, _, _, root = enc
    with pytest.raises(WorkspaceLocked, match="sign in"):
        Workspace.open(root)


def test_wrong_password_and_wrong_key_are_clear(enc):
    _, _, _, root = enc
    with pytest.raises(WrongPassword, match="wrong user name or password"):
        access.sign_in(root, username="clerk1", password="nope-nope")
    with pytest.raises(WorkspaceError, match="cannot be decrypted"):
        Workspace.open(root, key=os.urandom(32))


def test_user_signs_in_and_reads_the_records(enc):
    ws, _, _, root = enc
    ws.close()
    ws2, user = access.sign_in(root, username="clerk1", password="clerk-pass-1")
    with ws2.session() as s:
        assert S.search(s, NUMBER)[0].owner == NAME
        page = S.list_pages(s, 1)[0]
    assert ws2.images.get(page.image_sha256).startswith(b"PNG ")
    ws2.close()


def test_password_change_rewraps_the_key(enc):
    ws, _, _, root = enc
    access.change_password(ws, user_id=2, old_password="clerk-pass-1", new_password="clerk-pass-2")
    with pytest.raises(WrongPassword):
        Workspace.unlock(root, "clerk1", "clerk-pass-1")
    assert Workspace.unlock(root, "clerk1", "clerk-pass-2") == ws.key


def test_removing_a_user_removes_their_slot(enc):
    ws, _, admin, root = enc
    access.remove_user(ws, actor=admin, user_id=2)
    assert "clerk1" not in ws.slots.users()
    with pytest.raises(WrongPassword):
        Workspace.unlock(root, "clerk1", "clerk-pass-1")


def test_a_disabled_user_is_enabled_again_with_a_new_password(enc):
    from records import accounts
    from records.accounts import AccountError

    ws, _, admin, root = enc
    # GIVEN a clerk who was disabled (his key slot deleted)
    access.remove_user(ws, actor=admin, user_id=2)
    # WHEN the administrator enables him again with a new password
    access.enable_user(ws, actor=admin, user_id=2, new_password="back-again-1")
    # THEN that password opens the workspace (a new slot), the old one does not
    assert Workspace.unlock(root, "clerk1", "back-again-1") == ws.key
    with pytest.raises(WrongPassword):
        Workspace.unlock(root, "clerk1", "clerk-pass-1")
    # AND he signs in, must choose a new password, and the audit trail says who enabled him
    ws2, user = access.sign_in(root, username="clerk1", password="back-again-1")
    ws2.close()
    assert user.active and user.must_change_password
    with ws.session() as s:
        from records.models import AuditEvent

        events = [(e.action, e.username) for e in s.query(AuditEvent).filter_by(entity="user", entity_id="2")
                  .order_by(AuditEvent.id) if e.action.startswith("user.")]
        assert events[-2:] == [("user.enable", "admin"), ("user.password_reset", "admin")]
    # AND enabling an account that is not disabled, or with a password the rules refuse, is refused
    with pytest.raises(AccountError, match="clerk1 is not disabled"):
        access.enable_user(ws, actor=admin, user_id=2, new_password="another-pass-2")
    access.remove_user(ws, actor=admin, user_id=2)
    with pytest.raises(AccountError, match="at least"):
        access.enable_user(ws, actor=admin, user_id=2, new_password="short")
    with ws.session() as s:
        assert not accounts.get_user(s, 2).active  # nothing half done
    assert "clerk1" not in ws.slots.users()


def test_recovery_code_opens_the_workspace_and_can_be_replaced(enc):
    ws, code, admin, root = enc
    assert Workspace.unlock_recovery(root, code.lower().replace("-", " ")) == ws.key
    new = access.new_recovery_code(ws, actor=admin)
    with pytest.raises(WrongPassword, match="recovery code"):
        Workspace.unlock_recovery(root, code)
    assert Workspace.unlock_recovery(root, new) == ws.key


def test_backup_of_an_encrypted_database_stays_encrypted(enc, tmp_path):
    ws, _, _, _ = enc
    dest = ws.backup_database(tmp_path / "copy.sqlite")
    data = dest.read_bytes()
    assert NAME.encode() not in data and b"SQLite format 3" not in data
    con = ws.connect_raw(dest)
    assert con.execute("select count(*) from entry").fetchone()[0] == 1
    con.close()


def test_resetting_a_disabled_users_password_gives_no_key_slot(enc):
    from records import accounts

    ws, _, admin, root = enc
    # GIVEN a clerk who was disabled (his key slot deleted)
    access.remove_user(ws, actor=admin, user_id=2)
    # WHEN the administrator resets his password while he is still disabled
    access.reset_password(ws, actor=admin, user_id=2, new_password="while-away-1")
    # THEN the new password does not open the workspace: still no key slot, still disabled
    assert "clerk1" not in ws.slots.users()
    with pytest.raises(WrongPassword):
        Workspace.unlock(root, "clerk1", "while-away-1")
    with ws.session() as s:
        assert not accounts.get_user(s, 2).active
    # AND enabling him again is what gives him a slot (with the password given then)
    access.enable_user(ws, actor=admin, user_id=2, new_password="back-again-1")
    assert Workspace.unlock(root, "clerk1", "back-again-1") == ws.key


def test_a_key_slot_left_to_a_disabled_user_goes_at_the_next_reset(enc):
    ws, _, admin, root = enc
    # GIVEN a disabled clerk who still has a key slot (as an earlier version's reset left one)
    access.remove_user(ws, actor=admin, user_id=2)
    ws.slots.add_user("clerk1", "clerk-pass-1", ws.key)
    # WHEN his password is reset  THEN the slot is removed, as disabling does
    access.reset_password(ws, actor=admin, user_id=2, new_password="while-away-1")
    assert "clerk1" not in ws.slots.users()
    with pytest.raises(WrongPassword):
        Workspace.unlock(root, "clerk1", "clerk-pass-1")
