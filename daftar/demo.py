"""Build a demo workspace: registers of each kind with rendered Urdu pages and OCR-like values.

Everything is generated here from the templates and the vocabulary in resources/ (through
ocr.synth), never downloaded. Per register the pages show the stages of the work:

- page 1: OCR done, a few values deliberately misread and flagged low_confidence, so the
  correction view has work to do (draft);
- page 2: OCR done, its one misread value corrected by clerk1, submitted, approved by
  girdawar1; in each kind's first register one row is returned with a comment, in the
  second half the rows are verified by ro1; in the last register it waits for girdawar1's
  review (his queue has work when he first signs in);
- page 3 (when present): scanned only, waiting for OCR.

Users admin, clerk1, girdawar1 (supervisor) and ro1 (revenue officer), password "demo".
The workspace is built in a staging folder and moved into place when complete, so an
interrupted build never leaves a half demo behind.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import cv2

from records import services as S
from records import workflow
from records.audit import Actor
from records.flags import WARNING, Flag
from records.templates import get_template
from records.text import latin_digits
from records.workspace import Workspace

KINDS = ("jamabandi", "girdawari", "intiqal")
REGISTERS_PER_KIND = 2
PASSWORD = "demo"
USERS = (  # username, role, full name
    ("admin", workflow.ADMIN, "منتظم"),
    ("clerk1", workflow.CLERK, "محمد عارف (کلرک)"),
    ("girdawar1", workflow.SUPERVISOR, "غلام حسین (گرداور)"),
    ("ro1", workflow.REVENUE_OFFICER, "احمد نواز (ریونیو آفیسر)"),
)
HEADER_COLUMNS = ("district", "tehsil", "mauza", "hadbast_no", "year")
_CONFUSE = {"ب": "پ", "ت": "ث", "ج": "چ", "ح": "خ", "د": "ڈ", "ر": "ڑ", "س": "ش", "ع": "غ", "ی": "ے", "ک": "گ"}


class DemoError(RuntimeError):
    """The demo cannot be built here; the message says why and what to do."""


@dataclass(frozen=True)
class DemoResult:
    root: Path
    registers: int
    pages: int
    entries: int
    seconds: float
    recovery_code: str | None = None  # an encrypted demo (--encrypted)


@dataclass(frozen=True)
class Reading:
    """One OCR-like reading of a field (the attributes services.save_ocr_rows needs)."""

    text: str
    raw_text: str
    confidence: float
    box: tuple[int, int, int, int] | None
    flags: tuple[Flag, ...] = ()


def _misread(value: str, rng: random.Random) -> str:
    """A plausible OCR mistake: a wrong digit, a dropped slash, a confused letter."""
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    if "/" in value and rng.random() < 0.5:
        return value.replace("/", "", 1)  # Tesseract drops slashes (ocr-facts)
    if digits:
        i = rng.choice(digits)
        d = int(value[i]) if value[i].isascii() else int(latin_digits(value[i]))
        new = str((d + rng.choice((1, 3, 5))) % 10)
        return value[:i] + new + value[i + 1:]
    letters = [i for i, c in enumerate(value) if c in _CONFUSE]
    if letters:
        i = rng.choice(letters)
        return value[:i] + _CONFUSE[value[i]] + value[i + 1:]
    return value[:-1] if len(value) > 2 else value


def _readings(template, rows, boxes, rng: random.Random, *, n_wrong: int
              ) -> tuple[list[dict[str, Reading]], set[tuple[int, str]]]:
    """Ground-truth rows turned into OCR-like readings, `n_wrong` of them misread and flagged.

    Returns the readings and the (row, field) cells that were misread.
    """
    cells = [(i, name) for i, row in enumerate(rows) for name, v in row.items() if v]
    rng.shuffle(cells)
    misread: dict[tuple[int, str], str] = {}
    for i, name in cells:
        if len(misread) >= n_wrong:
            break
        text = _misread(rows[i][name], rng)
        if text != rows[i][name]:
            misread[(i, name)] = text
    out = []
    for i, row in enumerate(rows):
        readings = {}
        for name, value in row.items():
            box = boxes.get((i, name))
            box = tuple(int(v) for v in box) if box else None
            if (i, name) in misread:
                text = misread[(i, name)]
                conf = round(rng.uniform(0.35, 0.62), 2)
                label = template.field(name).label_en
                flags = (Flag("low_confidence", WARNING,
                              f"{label}: OCR is unsure of '{text}' ({conf:.0%}); check it against the page",
                              name, i),)
            else:
                text, conf, flags = value, round(rng.uniform(0.86, 0.99), 2), ()
            readings[name] = Reading(text, text, conf, box, flags)
        out.append(readings)
    return out, set(misread)


def _split_pages(rows: list[dict], sizes: list[int]) -> list[list[dict]]:
    """Cut rows into pages of about `sizes` rows, never splitting a khewat across pages."""
    pages, start = [], 0
    for n, want in enumerate(sizes):
        if n == len(sizes) - 1:
            pages.append(rows[start:])
            break
        end = min(start + want, len(rows))
        while 0 < end < len(rows) and rows[end].get("khewat_no") == rows[end - 1].get("khewat_no"):
            end += 1
        pages.append(rows[start:end])
        start = end
    return [p for p in pages if p]


def _png(image) -> bytes:
    ok, buf = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 3])
    if not ok:  # pragma: no cover
        raise DemoError("could not encode a demo page as PNG")
    return buf.tobytes()


def _create_users(ws: Workspace) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    with ws.session() as s:
        try:
            from records.accounts import create_user
        except ImportError:  # pragma: no cover - accounts always ships with records
            create_user = None
        admin = None
        for username, role, full_name in USERS:
            if create_user is not None:
                u = create_user(s, actor=admin, username=username, password=PASSWORD, role=role,
                                full_name=full_name, check_rules=False)
                actors[username] = Actor(u.id, u.username, u.role)
            else:  # pragma: no cover
                from records.models import User

                # TODO: records.accounts.create_user sets an argon2 password hash.
                u = User(username=username, role=role, full_name=full_name, password_hash="")
                s.add(u)
                s.flush()
                actors[username] = Actor(u.id, username, role)
            if role == workflow.ADMIN:
                admin = actors[username]
    return actors


@dataclass(frozen=True)
class _PagePlan:
    kind: str
    register_no: int  # 0-based within its kind
    page_no: int
    header: dict
    rows: list
    font: str
    urdu_digits: bool
    seed: int
    skew: float


@dataclass(frozen=True)
class _Rendered:
    png: bytes
    width: int
    height: int
    boxes: dict


def _plan(rng: random.Random, seed: int) -> list[list[_PagePlan]]:
    """What to draw, register by register (all randomness here, so results do not depend
    on rendering order or worker count)."""
    from ocr.synth import random_register
    from records.text import urdu_digits

    plans, n, page_seed = [], 0, seed * 1000
    for kind in KINDS:
        template = get_template(kind)
        for r in range(REGISTERS_PER_KIND):
            n_pages_here = 2 + (r % 2)  # 2 and 3 pages
            sizes = [rng.randint(5, min(8, template.rows_per_page)) for _ in range(n_pages_here)]
            header, rows = random_register(template, sum(sizes), rng)
            reg = []
            for p_no, page_rows in enumerate(_split_pages(rows, sizes), start=1):
                page_seed += 1
                urdu = n % 2 == 1
                if urdu:
                    page_rows = [{k: urdu_digits(v) if template.field(k).kind != "text-ur" else v
                                  for k, v in row.items()} for row in page_rows]
                reg.append(_PagePlan(kind, r, p_no, header, page_rows,
                                     "nastaliq" if n % 3 == 2 else "naskh", urdu, page_seed,
                                     round(rng.uniform(-0.6, 0.6), 2)))
                n += 1
            plans.append(reg)
    return plans


def _render(plan: _PagePlan) -> _Rendered:
    """Draw one page and encode it (runs in a worker process)."""
    from ocr.synth import Degradation, render_page

    # Mild skew, shading and a stamp; no noise, which makes PNGs ten times larger.
    degrade = Degradation(skew_deg=plan.skew, uneven_light=0.1, stamp=plan.page_no == 1)
    synth = render_page(get_template(plan.kind), plan.header, plan.rows, font=plan.font,
                        urdu_digits=plan.urdu_digits, seed=plan.seed, degrade=degrade)
    h, w = synth.image.shape[:2]
    return _Rendered(_png(synth.image), w, h, dict(synth.boxes))


def _renderer(workers: int):
    """A map over pages in order: a process pool when it helps, else in this process."""
    if workers > 1 and not getattr(sys, "frozen", False):
        try:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
            return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
        except (OSError, ValueError, ImportError):  # pragma: no cover - no process support
            pass
    return None


def _fill(ws: Workspace, plans: list[list[_PagePlan]], rendered, rng: random.Random) -> tuple[int, int, int]:
    """Store the rendered pages as registers, pages, OCR-like rows and review steps."""
    users = _create_users(ws)
    clerk, girdawar = users["clerk1"], users["girdawar1"]
    first_header = plans[0][0].header
    with ws.session() as s:
        from records.outbox import office_identity

        office = office_identity(s, name=f"پٹوار سرکل {first_header.get('mauza', '')} (نمونہ)")
        office.district = first_header.get("district", "")
        office.tehsil = first_header.get("tehsil", "")
    n_regs = n_pages = n_entries = 0
    for reg in plans:
        first = reg[0]
        template = get_template(first.kind)
        header = first.header
        extra = {k: v for k, v in header.items() if k not in HEADER_COLUMNS}
        with ws.session() as s:
            rid = S.create_register(
                s, actor=clerk, template=template, district=header.get("district", ""),
                tehsil=header.get("tehsil", ""), mauza=header.get("mauza", ""),
                hadbast_no=header.get("hadbast_no", "1"), year=header.get("year", ""),
                volume=str(first.register_no + 1), header=extra)
        n_regs += 1
        for plan in reg:
            page = next(rendered)
            with ws.session() as s:
                added = S.add_page(s, ws.images, actor=clerk, register_id=rid, data=page.png,
                                   name=f"{plan.kind}-{plan.register_no + 1}-page-{plan.page_no}.png",
                                   page_no=plan.page_no, width=page.width, height=page.height)
                n_pages += 1
                if plan.page_no == 3:
                    continue  # scanned, waiting for OCR
                n_wrong = rng.randint(2, 4) if plan.page_no == 1 else 1
                readings, wrong = _readings(template, plan.rows, page.boxes, rng, n_wrong=n_wrong)
                S.save_ocr_rows(s, actor=clerk, page_id=added.page_id, rows=readings)
                n_entries += len(readings)
            if plan.page_no == 2:
                _review(ws, added.page_id, plan.rows, wrong, clerk, girdawar,
                        return_one=plan.register_no == 0,
                        verifier=users["ro1"] if plan.register_no == 1 else None,
                        waits=reg is plans[-1])
    return n_regs, n_pages, n_entries


def _review(ws: Workspace, page_id: int, truth: list[dict], wrong: set[tuple[int, str]],
            clerk: Actor, girdawar: Actor, *, return_one: bool, verifier: Actor | None = None,
            waits: bool = False) -> None:
    """Clerk corrects the misread values and submits; the girdawar approves the rows (with
    `return_one`, all but the last, which is returned with a comment); a revenue officer
    `verifier` then verifies the first half of the approved rows. `waits`: the page stays
    submitted, waiting for the girdawar's review."""
    with ws.session() as s:
        rows = S.page_rows(s, page_id)
        for i, name in sorted(wrong):
            S.set_value(s, actor=clerk, entry_id=rows[i].entry_id, field_name=name,
                        text=truth[i][name], source="corrected")
    try:
        with ws.session() as s:
            S.submit_page(s, actor=clerk, page_id=page_id)
    except workflow.WorkflowError:
        return  # a rule flags the generated page: it stays a draft for the clerk
    if waits:
        return
    with ws.session() as s:
        ids = [r.entry_id for r in S.page_rows(s, page_id)]
        if return_one and len(ids) > 1:
            S.transition(s, actor=girdawar, entry_ids=ids[-1:], action="return",
                         comment="رقبہ دوبارہ رجسٹر سے ملا کر درج کریں")
            ids = ids[:-1]
        S.transition(s, actor=girdawar, entry_ids=ids, action="approve")
        if verifier is not None:
            S.transition(s, actor=verifier, entry_ids=ids[: max(1, len(ids) // 2)], action="verify")


def _open_staging(staging: Path, encrypted: bool, kdf: dict | None) -> tuple[Workspace, object]:
    """The staging workspace: plain, or encrypted under a new key (slots added with the users)."""
    if not encrypted:
        return Workspace.open(staging, create=True), None
    from records.crypto import KeySlots, new_workspace_key
    from records.workspace import KEYS_DIR

    key = new_workspace_key()
    slots = KeySlots.create(staging / KEYS_DIR, key, kdf=kdf)
    return Workspace.open(staging, create=True, key=key), slots


def build_demo(root: str | Path, *, seed: int = 1, workers: int | None = None, encrypted: bool = False,
               kdf: dict | None = None) -> DemoResult:
    """Build the demo workspace at `root` (which must not hold a workspace yet).

    Pages are drawn by `workers` processes (default: up to 2, the CPUs there are) while
    this process stores them; the content depends only on `seed`. With `encrypted` the
    workspace is encrypted, every demo user's password unlocks it and the result holds the
    recovery code (`kdf`: argon2 cost, lighter in tests).
    """
    started = time.perf_counter()
    root = Path(root).expanduser().absolute()
    if Workspace.exists(root):
        raise DemoError(f"A workspace already exists at {root}; choose another folder for the demo.")
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise DemoError(f"{root} is not empty; the demo is only built into a new or empty folder.")
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DemoError(f"Cannot create the folder {root.parent}: {e.strerror}") from None
    rng = random.Random(seed)
    plans = _plan(rng, seed)
    flat = [p for reg in plans for p in reg]
    pool = _renderer(workers if workers is not None else min(2, os.cpu_count() or 1))
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.demo-", dir=root.parent))
    try:
        rendered = pool.map(_render, flat) if pool else map(_render, flat)
        ws, slots = _open_staging(staging, encrypted, kdf)
        code = None
        try:
            counts = _fill(ws, plans, iter(rendered), rng)
            if slots is not None:
                for username, _role, _name in USERS:
                    slots.add_user(username, PASSWORD, ws.key)
                code = slots.set_recovery(ws.key)
        finally:
            ws.close()
            if pool:
                pool.shutdown(cancel_futures=True)
        if root.is_dir():
            root.rmdir()
        os.replace(staging, root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return DemoResult(root, *counts, time.perf_counter() - started, recovery_code=code)
