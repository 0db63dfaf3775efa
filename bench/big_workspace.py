"""A workspace the size a busy office reaches after a year or two, for stall hunting.

    nice -n 10 .venv/bin/python bench/big_workspace.py /tmp/stall-ws [--registers 10]
        [--pages 200] [--rows 52] [--batches 50]

Defaults: 10 registers (jamabandi, girdawari, intiqal), 2,000 pages (20 page images shared
between them), about 100,000 entries in every workflow state (draft as OCR read them,
submitted, returned, approved, verified, batched), 6 fields each with a correction on
most reviewed pages, about 750,000 audit events spread over two years, 50 batches in the
outbox, 20 users (the demo's admin, clerk1, girdawar1, ro1 and 16 more; password `demo`).

Registers, users and batches go through records' own services; pages, rows, values and
their audit events are written in bulk, exactly as `records.services.save_ocr_rows`,
`set_value` and `transition` would write them (same search keys, flags, chain, MACs), so
`daftar audit verify` and the app's Verify chain pass on the result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
import uuid as uuidlib
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from records import audit, workflow  # noqa: E402
from records import services as S  # noqa: E402
from records.audit import Actor  # noqa: E402
from records.models import AuditEvent, Entry, FieldValue, Page, SearchToken  # noqa: E402
from records.text import normalise  # noqa: E402
from records.workspace import Workspace  # noqa: E402

PASSWORD = "demo"
USERS = ([("admin", workflow.ADMIN), ("clerk1", workflow.CLERK), ("girdawar1", workflow.SUPERVISOR),
          ("ro1", workflow.REVENUE_OFFICER)]
         + [(f"clerk{i}", workflow.CLERK) for i in range(2, 11)]
         + [(f"girdawar{i}", workflow.SUPERVISOR) for i in range(2, 6)]
         + [(f"ro{i}", workflow.REVENUE_OFFICER) for i in range(2, 5)])
KINDS = ("jamabandi", "girdawari", "intiqal")
FIELDS = {
    "jamabandi": ("khewat_no", "khatooni_no", "owner", "share", "khasra_nos", "area"),
    "girdawari": ("khasra_no", "khewat_no", "owner", "cultivator", "area", "crop"),
    "intiqal": ("mutation_no", "khewat_no", "khasra_nos", "area", "transferor", "transferee"),
}
NAMES = ("محمد اسلم", "غلام رسول", "محمد اکرم", "اللہ دتہ", "کریم بخش", "علی احمد", "نور محمد",
         "شاہد حسین", "بشیر احمد", "منظور حسین", "عبدالغفور", "رحیم داد")
MAUZAS = ("کوٹ لکھپت", "دیہہ رائیونڈ", "چک 42", "موضع مانگا", "جیا بگا")


def _value(rng: random.Random, field: str, row: int) -> str:
    if field in ("khewat_no",):
        return str(row // 8 + 1)
    if field in ("khatooni_no", "mutation_no", "fee"):
        return str(rng.randint(1, 3000))
    if field in ("khasra_nos",):
        return "، ".join(str(rng.randint(1, 9000)) + (f"/{rng.randint(1, 25)}" if rng.random() < .4 else "")
                         for _ in range(rng.randint(1, 3)))
    if field == "khasra_no":
        return str(rng.randint(1, 9000))
    if field == "area":
        return f"{rng.randint(0, 40)}-{rng.randint(0, 19)}"
    if field == "share":
        return f"{rng.randint(1, 3)}/{rng.choice((4, 8, 12, 16))}"
    if field == "crop":
        return rng.choice(("گندم", "کپاس", "چاول"))
    return f"{rng.choice(NAMES)} ولد {rng.choice(NAMES)} قوم {rng.choice(('اعوان', 'جٹ', 'راجپوت'))}"


class Trail:
    """Audit events appended in bulk with the chain, hashes and MACs `audit.record` gives,
    at times of our choosing (two years of work, not all today)."""

    def __init__(self, session):
        self.session = session
        self.key = audit.audit_key(session)
        self.tail = audit._tail(session)
        self.rows: list[dict] = []

    def add(self, at: dt.datetime, actor: Actor, **ev) -> None:
        row = {"id": self.tail[0] + 1, "at": at, "user_id": actor.id, "username": actor.username,
               "action": ev["action"], "entity": ev.get("entity", ""), "entity_id": str(ev.get("entity_id", "")),
               "register_id": ev.get("register_id"), "page_id": ev.get("page_id"),
               "entry_uuid": ev.get("entry_uuid"), "field": ev.get("field"), "old": ev.get("old"),
               "new": ev.get("new"), "detail": ev.get("detail") or {}, "prev_hash": self.tail[1]}
        row["hash"] = hashlib.sha256(audit._canonical(SimpleNamespace(**row))).hexdigest()
        row["mac"] = audit._mac(self.key, row["hash"])
        self.rows.append(row)
        self.tail = (row["id"], row["hash"])

    def flush(self) -> None:
        if self.rows:
            self.session.execute(insert(AuditEvent), self.rows)
            self.rows = []
        self.session.info[audit._TAIL] = self.tail  # the anchor is written at commit


def build(root: Path, *, n_registers: int, pages_per_register: int, rows_per_page: int, n_batches: int,
          seed: int = 7) -> dict:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    ws = Workspace.open(root, create=True)
    from records.accounts import create_user
    from records.outbox import office_identity

    actors: dict[str, Actor] = {}
    with ws.session() as s:
        admin = None
        for name, role in USERS:
            u = create_user(s, actor=admin, username=name, password=PASSWORD, role=role, full_name=name,
                            check_rules=False)
            actors[name] = Actor(u.id, u.username, u.role)
            if role == workflow.ADMIN:
                admin = actors[name]
        office = office_identity(s, name="پٹوار سرکل رائیونڈ")
        office.district, office.tehsil = "لاہور", "رائیونڈ"
    clerks = [a for a in actors.values() if a.role == workflow.CLERK]
    sups = [a for a in actors.values() if a.role == workflow.SUPERVISOR]
    ros = [a for a in actors.values() if a.role == workflow.REVENUE_OFFICER]

    from desktop.screenshots import synth_png  # (imports no Qt)

    images = []
    for i in range(20):
        png = synth_png(dpi=100, seed=i)
        images.append((ws.images.put(png), png))
    import cv2
    import numpy as np

    h, w = cv2.imdecode(np.frombuffer(images[0][1], np.uint8), cv2.IMREAD_GRAYSCALE).shape[:2]

    regs = []
    with ws.session() as s:
        for r in range(n_registers):
            kind = KINDS[r % 3] if r < 9 else "jamabandi"
            rid = S.create_register(s, actor=actors["clerk1"], template=kind, district="لاہور", tehsil="رائیونڈ",
                                    mauza=MAUZAS[r % len(MAUZAS)], hadbast_no=str(r + 1),
                                    year=f"{2019 + r // 5}-{20 + r // 5}", volume=str(r // len(MAUZAS) + 1),
                                    header={"harvest": "خریف"} if kind == "girdawari" else None)
            regs.append((rid, kind, S.register_template(s, rid)))

    # pages in the order they were worked: register by register interleaved, over two years
    plan = [(ri, p) for p in range(1, pages_per_register + 1) for ri in range(n_registers)]
    start = dt.datetime(2025, 1, 1, 9, 0)
    step = dt.timedelta(days=700) / len(plan)
    counts: dict[str, int] = {}
    n_entries = n_values = 0
    with ws.session() as s:
        next_page = (s.scalar(select(Page.id).order_by(Page.id.desc()).limit(1)) or 0) + 1
        next_entry = 1
        next_value = 1
        trail = Trail(s)
        pages, entries, values, tokens = [], [], [], []
        for k, (ri, page_no) in enumerate(plan):
            rid, kind, tpl = regs[ri]
            at = start + step * k
            tick = [0]

            def t(at=at, tick=tick):
                tick[0] += 1
                return at + dt.timedelta(seconds=tick[0])

            clerk = clerks[(rid + page_no) % len(clerks)]
            sup = sups[(rid + page_no // 7) % len(sups)]
            ro = ros[page_no % len(ros)]
            frac = page_no / pages_per_register
            # 60 % approved (a third of those verified), 10 % submitted, 5 % returned,
            # 22 % drafts as OCR read them, the last 3 % not read yet
            state = ("approved" if frac <= .6 else "submitted" if frac <= .7 else "returned" if frac <= .75
                     else "draft" if frac <= .97 else None)
            verified = state == "approved" and page_no % 3 == 0
            sha, _png = images[k % len(images)]
            pid = next_page
            next_page += 1
            pages.append({"id": pid, "register_id": rid, "page_no": page_no, "image_sha256": sha,
                          "image_name": f"scan-{rid}-{page_no:04d}.png", "width": w, "height": h,
                          "ocr_status": "done" if state else "none", "state": "draft", "created_by": clerk.id,
                          "created_at": at, "updated_at": at})
            trail.add(t(), clerk, action="page.add", entity="page", entity_id=pid, register_id=rid, page_id=pid,
                      new=sha, detail={"name": f"scan-{rid}-{page_no:04d}.png", "page_no": page_no})
            if state is None:
                continue
            page_entries = []
            for row_no in range(1, rows_per_page + 1):
                eid, uid = next_entry, str(uuidlib.uuid4())
                next_entry += 1
                trail.add(t(), clerk, action="entry.add", entity="entry", entity_id=eid, register_id=rid,
                          page_id=pid, entry_uuid=uid, detail={"row_no": row_no, "source": "ocr"})
                e = {"id": eid, "uuid": uid, "version": 1, "register_id": rid, "page_id": pid, "row_no": row_no,
                     "state": "draft", "is_latest": True, "deleted": False, "created_by": clerk.id,
                     "submitted_by": None, "approved_by": None, "verified_by": None, "comment": None,
                     "created_at": at, "updated_at": at, "search_khewat": "", "search_khasra": "",
                     "search_owner": ""}
                owners = {}
                for j, name in enumerate(FIELDS[kind]):
                    spec = tpl.field(name)
                    text = _value(rng, name, (page_no - 1) * rows_per_page + row_no)
                    text = normalise(text) if spec.kind != "text-ur" else " ".join(text.split())
                    box = [40 + 150 * j, 200 + 30 * row_no % 1200, 140, 26]
                    corrected = state != "draft" and row_no == 3 and j == 0
                    shown = text + "1" if corrected else text
                    values.append({"id": next_value, "entry_id": eid, "field": name, "value": shown,
                                   "raw_text": shown, "confidence": round(rng.uniform(.55, .99), 3), "box": box,
                                   "source": "ocr", "flags": S._value_flags(spec, shown), "current": not corrected,
                                   "author_id": clerk.id, "created_at": at})
                    next_value += 1
                    trail.add(t(), clerk, action="value.set", entity="entry", entity_id=eid, register_id=rid,
                              page_id=pid, entry_uuid=uid, field=name, old=None, new=shown,
                              detail={"source": "ocr", "version": 1})
                    if corrected:
                        values.append({"id": next_value, "entry_id": eid, "field": name, "value": text,
                                       "raw_text": shown, "confidence": None, "box": box, "source": "corrected",
                                       "flags": S._value_flags(spec, text), "current": True,
                                       "author_id": clerk.id, "created_at": at})
                        next_value += 1
                        trail.add(t(), clerk, action="value.set", entity="entry", entity_id=eid, register_id=rid,
                                  page_id=pid, entry_uuid=uid, field=name, old=shown, new=text,
                                  detail={"source": "corrected", "version": 1})
                    n_values += 1
                    if name in S.KHEWAT_FIELDS:
                        e["search_khewat"] = normalise(text)
                    elif name in S.KHASRA_FIELDS:
                        e["search_khasra"] = S._search_text_for(name, text)
                    if name in S.OWNER_SEARCH_FIELDS:
                        owners[name] = normalise(text)
                e["search_owner"] = " | ".join(owners[f] for f in S.OWNER_SEARCH_FIELDS if owners.get(f))
                tokens += [{"entry_id": eid, "token": tok} for tok in sorted(S.khasra_tokens(e["search_khasra"]))]
                entries.append(e)
                page_entries.append(e)
            n_entries += len(page_entries)

            def move(action, actor, new, comment=None, field=None, only=None, page_entries=page_entries,
                     rid=rid, pid=pid, t=t):
                for e in page_entries:
                    if only is not None and e["row_no"] not in only:
                        continue
                    old, e["state"] = e["state"], new
                    if action == "submit":
                        e["submitted_by"] = actor.id
                    elif action == "approve":
                        e["approved_by"] = actor.id
                    elif action == "verify":
                        e["verified_by"] = actor.id
                    if comment is not None:
                        e["comment"] = comment
                    trail.add(t(), actor, action=f"entry.{action}", entity="entry", entity_id=e["id"],
                              register_id=rid, page_id=pid, entry_uuid=e["uuid"], field=field, old=old, new=new,
                              detail={"comment": comment} if comment else {})

            if state in ("submitted", "returned", "approved"):
                move("submit", clerk, "submitted")
            if state == "returned":
                move("return", sup, "returned", comment="رقبہ دوبارہ رجسٹر سے ملا کر درج کریں",
                     field="area", only={2, 5})
            if state == "approved":
                move("approve", sup, "approved")
                if verified:
                    move("verify", ro, "verified")
            page_state = {"draft": "draft", "submitted": "submitted", "returned": "returned",
                          "approved": "verified" if verified else "approved"}[state]
            pages[-1]["state"] = page_state
            counts[page_state] = counts.get(page_state, 0) + 1
            if len(trail.rows) > 50_000:
                _write(s, trail, pages, entries, values, tokens)
        _write(s, trail, pages, entries, values, tokens)

    # 50 batches through the outbox's own code: one approved (not verified) page each
    from records import outbox

    with ws.session() as s:
        approved_pages = s.scalars(select(Page.id).where(Page.state == "approved").order_by(Page.id)
                                   .limit(n_batches)).all()
    for pid in approved_pages:
        with ws.session() as s:
            ids = [r.entry_id for r in S.page_rows(s, pid)]
            outbox.create_batch(s, actor=actors["girdawar1"], entry_ids=ids)
    with ws.session() as s:
        n_events = s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    ws.close()
    return {"registers": n_registers, "pages": len(plan), "entries": n_entries, "values": n_values,
            "events": n_events, "batches": len(approved_pages), "users": len(USERS), "pages_by_state": counts,
            "seconds": round(time.perf_counter() - t0, 1)}


def _write(s, trail: Trail, pages: list, entries: list, values: list, tokens: list) -> None:
    """Flush what was planned so far (pages, then rows, values, tokens, events) and commit."""
    if pages:
        s.execute(insert(Page), pages)
    if entries:
        s.execute(insert(Entry), entries)
    if values:
        s.execute(insert(FieldValue), values)
    if tokens:
        s.execute(insert(SearchToken), tokens)
    trail.flush()
    s.commit()
    for lst in (pages, entries, values, tokens):
        lst.clear()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", type=Path)
    ap.add_argument("--registers", type=int, default=10)
    ap.add_argument("--pages", type=int, default=200, help="pages per register")
    ap.add_argument("--rows", type=int, default=52, help="rows per page that OCR read")
    ap.add_argument("--batches", type=int, default=50)
    args = ap.parse_args()
    if Workspace.exists(args.root):
        print(f"{args.root} already holds a workspace: give an empty folder", file=sys.stderr)
        return 2
    print(json.dumps(build(args.root, n_registers=args.registers, pages_per_register=args.pages,
                           rows_per_page=args.rows, n_batches=args.batches), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
