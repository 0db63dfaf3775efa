"""Reads for the review screen (no Qt): the queue of pages waiting for a reviewer, counts per
state and per clerk, and one page's rows with what the clerk changed from the OCR text.

Every function takes a session first and returns plain dataclasses (safe across threads).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from records import services, workflow
from records.models import Entry, FieldValue, Page, Register, User
from records.text import normalise


@dataclass(frozen=True)
class QueuePage:
    """One page waiting for a reviewer."""

    page_id: int
    register_id: int
    register_name: str
    page_no: int
    clerk: str  # user name of whoever submitted it
    clerk_ids: frozenset[int]  # everyone who made or changed a row (the makers)
    rows: int  # rows of the page in the waited-for state
    state: str


@dataclass(frozen=True)
class QueueCounts:
    """Pages per state, and per clerk and state, over the whole workspace."""

    by_state: dict[str, int]
    by_clerk: dict[str, dict[str, int]]


@dataclass(frozen=True)
class FieldChange:
    """A value that differs from what OCR read (`ocr` is None when OCR read nothing there)."""

    row_no: int
    field: str
    label: str
    ocr: str | None
    value: str


@dataclass(frozen=True)
class ReviewRow:
    entry_id: int
    row_no: int
    state: str
    comment: str | None
    values: dict[str, str]
    ocr: dict[str, str]  # first OCR reading per field
    boxes: dict[str, tuple[int, int, int, int]]
    makers: frozenset[int]
    approved_by: int | None = None  # who approved the row (verification is someone else's)
    seen: services.Seen | None = None  # what the reviewer is shown of it: an action passes it to the core


@dataclass
class ReviewPage:
    page: services.PageView
    register_name: str
    columns: list[tuple[str, str]]  # (field name, Urdu label) in template order
    rows: list[ReviewRow]
    changes: list[FieldChange] = field(default_factory=list)
    # the rows were copied from the previous edition (a girdawari's last season), not read by
    # OCR: their `ocr` values are what was copied, the changes what the clerk changed since
    copied: bool = False

    @property
    def makers(self) -> frozenset[int]:
        out: set[int] = set()
        for r in self.rows:
            out |= r.makers
        return frozenset(out)




def register_name(r: Register) -> str:
    """A register named as the register list names it (kind, mauza, year left to right,
    volume): the queue named it by its template code in English ('intiqal · 2012-13 · …')
    and without its volume, so two volumes of one mauza and year looked the same."""
    from desktop.models.registers import register_title

    return register_title(services.register_view(r))


def _users(session) -> dict[int, str]:
    return dict(session.execute(select(User.id, User.username)).all())


def review_queue(session, *, state: str = workflow.SUBMITTED) -> list[QueuePage]:
    """Pages holding latest rows in `state`, by register then page number."""
    users = _users(session)
    q = (select(Entry.id, Entry.page_id, Entry.register_id, Entry.submitted_by, Entry.created_by)
         .where(Entry.state == state, Entry.is_latest.is_(True), Entry.deleted.is_(False),
                Entry.page_id.is_not(None)))
    per_page: dict[int, list] = {}
    for eid, pid, _rid, sub, created in session.execute(q):
        per_page.setdefault(pid, []).append((eid, sub, created))
    if not per_page:
        return []
    authors: dict[int, set[int]] = {}
    entry_page = {eid: pid for pid, lst in per_page.items() for eid, _s, _c in lst}
    ids = list(entry_page)
    for i in range(0, len(ids), 500):
        for eid, aid in session.execute(select(FieldValue.entry_id, FieldValue.author_id)
                                        .where(FieldValue.entry_id.in_(ids[i:i + 500])).distinct()):
            if aid is not None:
                authors.setdefault(entry_page[eid], set()).add(aid)
    pages = session.scalars(select(Page).where(Page.id.in_(list(per_page)))).all()
    regs = {r.id: r for r in session.scalars(select(Register).where(Register.id.in_({p.register_id for p in pages})))}
    out = []
    for p in pages:
        lst = per_page[p.id]
        subs = Counter(s for _e, s, _c in lst if s is not None)
        makers = set(authors.get(p.id, set())) | {s for _e, s, _c in lst if s} | {c for _e, _s, c in lst if c}
        clerk_id = subs.most_common(1)[0][0] if subs else next(iter(makers), None)
        out.append(QueuePage(p.id, p.register_id, register_name(regs[p.register_id]), p.page_no,
                             users.get(clerk_id, "?"), frozenset(makers), len(lst), state))
    out.sort(key=lambda q: (q.register_name, q.register_id, q.page_no))
    return out


def waiting_pages(session) -> dict[str, int]:
    """How many pages wait in each queue: pages holding latest rows submitted (for review)
    or approved (for verification)."""
    from sqlalchemy import func

    q = (select(Entry.state, func.count(Entry.page_id.distinct()))
         .where(Entry.state.in_((workflow.SUBMITTED, workflow.APPROVED)), Entry.is_latest.is_(True),
                Entry.deleted.is_(False), Entry.page_id.is_not(None))
         .group_by(Entry.state))
    return {workflow.SUBMITTED: 0, workflow.APPROVED: 0} | dict(session.execute(q).all())


def queue_counts(session) -> QueueCounts:
    """Pages per state, and pages per clerk (who submitted or made them) and state."""
    users = _users(session)
    by_state = Counter(session.scalars(select(Page.state)))
    by_clerk: dict[str, Counter] = {}
    q = (select(Entry.page_id, Page.state, Entry.submitted_by, Entry.created_by)
         .join(Page, Page.id == Entry.page_id)
         .where(Entry.is_latest.is_(True), Entry.deleted.is_(False)))
    seen: set[tuple[int, str]] = set()
    for pid, page_state, sub, created in session.execute(q):
        who = users.get(sub or created or -1, "?")
        if (pid, who) not in seen:
            seen.add((pid, who))
            by_clerk.setdefault(who, Counter())[page_state] += 1
    return QueueCounts(dict(by_state), {k: dict(v) for k, v in sorted(by_clerk.items())})


def review_page(session, page_id: int) -> ReviewPage:
    """A page's rows with, per field, the first OCR reading and the value now; the changes."""
    page = services.get_page(session, page_id)
    tpl = services.register_template(session, page.register_id)
    reg = session.get(Register, page.register_id)
    rows = services.page_rows(session, page_id)
    entries = {e.id: e for e in session.scalars(select(Entry).where(Entry.id.in_([r.entry_id for r in rows])))}
    columns = [(c.name, c.label_ur) for c in tpl.columns]
    labels = dict(columns)
    out_rows: list[ReviewRow] = []
    changes: list[FieldChange] = []
    copied_rows = 0
    for r in rows:
        ocr: dict[str, str] = {}
        authors: set[int] = set()
        history = services.entry_history(session, r.entry_id)
        # a copied row's start is what was copied: every copied value was listed as a change
        # "from OCR (nothing)", and the crops the clerk typed after the field visit were lost
        # among them
        start = "copied" if any(v.source == "copied" for v in history) else "ocr"
        copied_rows += start == "copied"
        for v in history:
            if v.author_id is not None:
                authors.add(v.author_id)
            if v.source == start and v.field not in ocr:
                ocr[v.field] = v.raw_text if v.raw_text is not None and start == "ocr" else v.value
        e = entries[r.entry_id]
        authors |= {x for x in (e.created_by, e.submitted_by) if x is not None}
        values = {k: v.value for k, v in r.values.items()}
        boxes = {k: v.box for k, v in r.values.items() if v.box}
        out_rows.append(ReviewRow(r.entry_id, r.row_no, r.state, r.comment, values, ocr, boxes, frozenset(authors),
                                  e.approved_by, services.seen_of(r)))
        for name, _label in columns:
            now = values.get(name, "")
            before = ocr.get(name)
            if differs(before, now):
                changes.append(FieldChange(r.row_no, name, labels[name], before, now))
    copied = bool(rows) and page.image_sha256 is None and copied_rows == len(rows)
    return ReviewPage(page, register_name(reg), columns, out_rows, changes, copied)


def differs(ocr: str | None, now: str) -> bool:
    """Whether a value is a change from what OCR read (None: OCR read nothing there). OCR's
    text is kept as read, in the page's digits; the value is stored in Latin digits and
    canonical letter forms, so `۵۷۲۰` read and kept is no change from `5720`."""
    if ocr is None:
        return bool(now)
    return normalise(ocr) != normalise(now)
