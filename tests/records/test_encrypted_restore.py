"""A restored encrypted backup: a clerk signs in, reads records and page images, and the
recovery code still opens it."""

from __future__ import annotations

import pytest

from records import access
from records import services as S
from records.accounts import get_user
from records.backup import create_backup, restore_backup
from records.crypto import WrongPassword
from records.workspace import Workspace

LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
OWNER = "غلام رسول نمبردار"
IMAGE = b"\x89PNG\r\n\x1a\n" + "صفحہ ۴۷ کھیوٹ".encode() * 50


def test_restored_encrypted_backup_opens_for_a_clerk_with_records_images_and_recovery(tmp_path):
    # GIVEN an encrypted workspace with a clerk, a page image and a row, backed up, then lost
    ws, code = Workspace.create_encrypted(tmp_path / "office", admin_username="admin",
                                          admin_password="admin-pass-1", kdf=LIGHT_KDF)
    with ws.session() as s:
        admin = get_user(s, 1).actor()
        rid = S.create_register(s, actor=admin, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                mauza="دیہہ", hadbast_no="12", year="2019-20")
    clerk = access.create_user(ws, actor=admin, username="clerk1", password="clerk-pass-1", role="clerk")
    with ws.session() as s:
        page = S.add_page(s, ws.images, actor=clerk.actor(), register_id=rid, data=IMAGE, name="p1.png")
        S.add_entry(s, actor=clerk.actor(), register_id=rid, page_id=page.page_id,
                    values={"khewat_no": "47", "owner": OWNER, "area": "12-5"})
    backup = create_backup(ws, tmp_path / "backup.tar").path
    ws.close()
    # WHEN it is restored on another computer (no user given: files verified, not opened)
    restored = tmp_path / "new-pc"
    res = restore_backup(backup, restored)
    assert not res.opened
    # THEN the clerk signs in with the same password and reads the row and the page image
    ws2, user = access.sign_in(restored, username="clerk1", password="clerk-pass-1")
    try:
        assert user.role == "clerk"
        with ws2.session() as s:
            assert S.search(s, "47")[0].owner == OWNER
            sha = S.list_pages(s, rid)[0].image_sha256
        assert ws2.images.get(sha) == IMAGE
        stored = [p for p in (restored / "images").rglob("*") if p.is_file()]
        assert stored and all(IMAGE[:8] not in p.read_bytes() for p in stored)  # still encrypted
    finally:
        ws2.close()
    # ... a wrong password is refused clearly, and the recovery code still opens it
    with pytest.raises(WrongPassword, match="wrong user name or password"):
        access.sign_in(restored, username="clerk1", password="clerk-pass-2")
    key = Workspace.unlock_recovery(restored, code)
    ws3 = Workspace.open(restored, key=key)
    ws3.close()
