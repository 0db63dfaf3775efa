"""Small builders for records tests: users, a register with a page and rows."""

from __future__ import annotations

from records import audit
from records import services as S
from records.audit import Actor
from records.models import User

ROW = {
    "khewat_no": "47", "khatooni_no": "112", "owner": "محمد اسلم ولد غلام رسول قوم اعوان",
    "share": "1/1", "khasra_nos": "125/5، 126", "area": "12-5",
}


def make_users(ws) -> dict[str, Actor]:
    """clerk, clerk2, supervisor, supervisor2, ro (revenue officer), admin as Actors."""
    spec = [("clerk", "clerk"), ("clerk2", "clerk"), ("supervisor", "supervisor"),
            ("supervisor2", "supervisor"), ("ro", "revenue_officer"), ("admin", "admin")]
    out = {}
    with ws.session() as s:
        for name, role in spec:
            u = User(username=name, role=role)
            s.add(u)
            s.flush()
            out[name] = Actor(u.id, name, role)
            # recorded as records.accounts.create_user records it (without its slow password hash)
            audit.record(s, actor=out[name], action="user.create", entity="user", entity_id=u.id,
                         new=f"{name} ({role})")
    return out


def make_page(ws, actor: Actor, rows=(ROW,), data: bytes = b"page-image") -> tuple[int, int, list[int]]:
    """A jamabandi register with one page and `rows`; returns (register id, page id, entry ids)."""
    with ws.session() as s:
        rid = S.create_register(s, actor=actor, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                mauza="دیہہ", hadbast_no="12", year="2019-20")
        page = S.add_page(s, ws.images, actor=actor, register_id=rid, data=data, name="p1.png")
        ids = [S.add_entry(s, actor=actor, register_id=rid, page_id=page.page_id, values=dict(r)) for r in rows]
    return rid, page.page_id, ids
