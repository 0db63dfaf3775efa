"""Test data for reports and exports, built through records.services into a workspace."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from records import audit, services
from records.audit import Actor
from records.models import User


@dataclass
class Sample:
    register_id: int
    page_id: int
    clerk: Actor
    supervisor: Actor
    entry_ids: dict[str, int] = field(default_factory=dict)


@dataclass
class Reading:
    """What OCR hands to services.save_ocr_rows (text, raw text, confidence, box, flags)."""

    text: str
    raw_text: str
    confidence: float
    box: tuple[int, int, int, int]
    flags: tuple = ()


def png_bytes(seed: int = 0) -> bytes:
    from PIL import Image

    img = Image.new("L", (40, 30), 255)
    img.putpixel((seed % 40, 3), 0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def make_users(session) -> tuple[Actor, Actor]:
    clerk = User(username="aslam", full_name="محمد اسلم", role="clerk")
    sup = User(username="girdawar", full_name="غلام رسول", role="supervisor")
    session.add_all([clerk, sup])
    session.flush()
    actors = Actor(clerk.id, clerk.username, clerk.role), Actor(sup.id, sup.username, sup.role)
    for a in actors:  # recorded as records.accounts.create_user records it
        audit.record(session, actor=a, action="user.create", entity="user", entity_id=a.id, new=f"{a.username} ({a.role})")
    return actors


OWNER_1 = "محمد اسلم ولد غلام رسول قوم اعوان سکنہ دیہہ"
OWNER_2 = "بشیراں بی بی دختر غلام رسول قوم اعوان"


def build(workspace, *, approve: bool = False, gap_row: bool = True) -> Sample:
    """A jamabandi register with one page: khewat 47 (two owners, one read by OCR),
    khewat 48, and (gap_row) a row of khewat 47 with missing fields."""
    with workspace.session() as s:
        clerk, sup = make_users(s)
        reg = services.create_register(s, actor=clerk, template="jamabandi", district="سرگودھا",
                                       tehsil="بھلوال", mauza="چک نمبر ۱۲", hadbast_no="112", year="2019-20")
        page = services.add_page(s, workspace.images, actor=clerk, register_id=reg, data=png_bytes(1),
                                 name="page-001.png", width=40, height=30)
        ocr_row = {
            "khewat_no": Reading("47", "4٧", 0.62, (10, 10, 30, 12)),
            "khatooni_no": Reading("112", "112", 0.91, (45, 10, 30, 12)),
            "owner": Reading(OWNER_1, "محمد اسلم ولد غلام رسول قوم اعوان سکنه دیہہ", 0.71, (80, 10, 200, 12)),
            "share": Reading("3/8", "38", 0.40, (290, 10, 30, 12)),
            "khasra_nos": Reading("125/5، 126", "125 5، 126", 0.55, (330, 10, 60, 12)),
            "area": Reading("12-5", "12-5", 0.88, (400, 10, 30, 12)),
        }
        services.save_ocr_rows(s, actor=clerk, page_id=page.page_id, rows=[ocr_row])
        ids = services.register_entry_ids(s, reg)
        e1 = ids[0]
        services.set_value(s, actor=clerk, entry_id=e1, field_name="share", text="3/8")
        services.set_value(s, actor=clerk, entry_id=e1, field_name="patti", text="پتی شرقی")
        e2 = services.add_entry(s, actor=clerk, register_id=reg, page_id=page.page_id, values={
            "khewat_no": "47", "khatooni_no": "113", "owner": OWNER_2, "share": "5/8",
            "khasra_nos": "130/2", "area": "8-17-3", "irrigation": "چاہی", "remarks": "انتقال نمبر 1234"})
        e3 = services.add_entry(s, actor=clerk, register_id=reg, page_id=page.page_id, values={
            "khewat_no": "48", "khatooni_no": "114", "owner": "اللہ دتہ ولد نور محمد", "share": "1/1",
            "khasra_nos": "131", "area": "4-0"})
        entry_ids = {"ocr": e1, "second": e2, "other": e3}
        if gap_row:
            entry_ids["gaps"] = services.add_entry(s, actor=clerk, register_id=reg, page_id=page.page_id,
                                                   values={"khewat_no": "47", "owner": "نامعلوم"})
        if approve:
            done = [e1, e2, e3]
            services.transition(s, actor=clerk, entry_ids=done, action="submit")
            services.transition(s, actor=sup, entry_ids=done, action="approve")
        return Sample(reg, page.page_id, clerk, sup, entry_ids)


def build_progress(workspace) -> Sample:
    """The sample plus a second mauza scanned by a second clerk: one page approved (read by
    OCR, one field corrected), one page scanned and not read yet."""
    sample = build(workspace, gap_row=False)
    with workspace.session() as s:
        u = User(username="bashir", full_name="بشیر احمد", role="clerk")
        s.add(u)
        s.flush()
        clerk2 = Actor(u.id, u.username, u.role)
        reg = services.create_register(s, actor=clerk2, template="jamabandi", district="سرگودھا", tehsil="بھلوال",
                                       mauza="کوٹ مومن", hadbast_no="87", year="2019-20")
        p1 = services.add_page(s, workspace.images, actor=clerk2, register_id=reg, data=png_bytes(2))
        services.add_page(s, workspace.images, actor=clerk2, register_id=reg, data=png_bytes(3))
        row = {
            "khewat_no": Reading("12", "12", 0.95, (1, 1, 5, 5)),
            "khatooni_no": Reading("20", "20", 0.95, (1, 1, 5, 5)),
            "owner": Reading("نور محمد ولد اللہ دتہ", "نور محمد ولد الله دتہ", 0.8, (1, 1, 5, 5)),
            "share": Reading("1/2", "1/2", 0.9, (1, 1, 5, 5)),
            "khasra_nos": Reading("77", "77", 0.9, (1, 1, 5, 5)),
            "area": Reading("3-4", "3-4", 0.3, (1, 1, 5, 5), flags=({"code": "low_confidence", "severity": "warning", "message": "low"},)),
        }
        services.save_ocr_rows(s, actor=clerk2, page_id=p1.page_id, rows=[row])
        eid = services.page_rows(s, p1.page_id)[0].entry_id
        services.set_value(s, actor=clerk2, entry_id=eid, field_name="area", text="3-5")
        services.submit_page(s, actor=clerk2, page_id=p1.page_id)
        services.transition(s, actor=sample.supervisor, entry_ids=[eid], action="approve")
    return sample
