"""The demo workspace: registers of each kind, rendered pages, OCR-like values, demo users."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from sqlalchemy import func, select

from daftar.demo import KINDS, DemoError, build_demo
from records import audit
from records import services as S
from records.models import Entry, FieldValue, User
from records.workspace import Workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo") / "ws"
    res = build_demo(root, seed=3)
    ws = Workspace.open(root)
    yield res, ws
    ws.close()


def test_demo_has_registers_of_each_kind_with_pages_and_rows(demo):
    # GIVEN a freshly built demo workspace
    res, ws = demo
    # WHEN its registers are listed
    with ws.session() as s:
        regs = S.list_registers(s)
    # THEN there are two registers of each kind, 2 or 3 pages each, and rows on OCR'd pages
    assert sorted(r.template_id for r in regs) == sorted(k for k in KINDS for _ in range(2))
    assert all(r.pages in (2, 3) for r in regs)
    assert all(r.entries >= 5 for r in regs)
    assert res.registers == 6 and res.pages == sum(r.pages for r in regs)
    assert res.entries == sum(r.entries for r in regs)
    # AND headers carry Urdu place names, and the office is named after the first mauza
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in r.mauza) for r in regs)
    with ws.session() as s:
        from records.models import Office

        office = s.scalars(select(Office)).one()
    assert office.name.startswith("پٹوار سرکل") and office.district == regs[0].district


def test_every_demo_page_image_verifies_and_is_a_real_page(demo):
    # GIVEN the demo workspace
    _, ws = demo
    with ws.session() as s:
        pages = [p for r in S.list_registers(s) for p in S.list_pages(s, r.id)]
    # WHEN each page image is read back
    for p in pages:
        data = ws.images.get(p.image_sha256)  # raises if missing or not matching its hash
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
        # THEN it is a PNG of the stored size with ink on paper
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert img.shape == (p.height, p.width)
        assert 0.005 < float((img < 128).mean()) < 0.3


def test_demo_audit_chain_verifies(demo):
    # GIVEN the demo workspace  WHEN its audit chain is verified  THEN it holds
    _, ws = demo
    with ws.session() as s:
        res = audit.verify(s)
    assert res.ok, res.reason
    assert res.checked > 100


def test_demo_values_look_like_ocr_with_work_for_the_clerk_and_reviewers(demo):
    # GIVEN the demo workspace
    _, ws = demo
    with ws.session() as s:
        ocr_values = s.scalar(select(func.count()).select_from(FieldValue).where(FieldValue.source == "ocr"))
        flagged = [v for v in s.scalars(select(FieldValue).where(FieldValue.current.is_(True)))
                   if any(f.get("code") == "low_confidence" for f in v.flags or [])]
        states = dict(s.execute(select(Entry.state, func.count()).where(Entry.is_latest.is_(True))
                                .group_by(Entry.state)).all())
        corrected = s.scalars(select(FieldValue).where(FieldValue.source == "corrected")).all()
        users = {u.username: u for u in s.scalars(select(User))}
        any_page = S.list_pages(s, S.list_registers(s)[0].id)[0]
        row = S.page_rows(s, any_page.id)[0]
    # THEN OCR values carry a confidence, a box on the page and their raw text
    assert ocr_values > 300
    v = next(iter(row.values.values()))
    assert v.source == "ocr" and v.raw_text is not None and 0 < v.confidence <= 1
    assert v.box is not None and all(n >= 0 for n in v.box)
    assert v.box[0] + v.box[2] <= any_page.width and v.box[1] + v.box[3] <= any_page.height
    # AND some values are wrong and flagged low-confidence for the correction view
    assert len(flagged) >= 6 and all(f.confidence < 0.7 for f in flagged)
    # AND corrections kept the raw OCR text beside the corrected value
    assert corrected and all(c.raw_text is not None and c.raw_text != c.value for c in corrected)
    # AND entries are spread over draft, approved, verified and returned
    assert states.get("draft", 0) > 0 and states.get("approved", 0) > 0 and states.get("returned", 0) > 0
    assert states.get("verified", 0) > 0
    # ... and the supervisor's review queue is not empty: a page waits for him
    assert states.get("submitted", 0) > 0
    # AND the demo users exist with their roles and hashed passwords
    assert {n: u.role for n, u in users.items()} == {
        "admin": "admin", "clerk1": "clerk", "girdawar1": "supervisor", "ro1": "revenue_officer"}
    assert all(u.password_hash.startswith("$argon2") for u in users.values())


def test_demo_users_log_in_with_the_demo_password(demo):
    # GIVEN the demo workspace  WHEN clerk1 logs in with "demo"  THEN it works
    from records.accounts import login

    _, ws = demo
    with ws.session() as s:
        u = login(s, username="clerk1", password="demo")
    assert u.role == "clerk"


def test_demo_refuses_a_folder_that_holds_something(tmp_path):
    # GIVEN a folder with a file in it
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "notes.txt").write_text("mine")
    # WHEN the demo is built there  THEN it refuses and leaves the folder as it was
    with pytest.raises(DemoError, match="not empty"):
        build_demo(tmp_path / "ws")
    assert [p.name for p in (tmp_path / "ws").iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["ws"]  # no staging left behind
