"""Conflicts with the central server's copy: compare an entry version in conflict with what
the server holds, field by field, and take the server's copy.

An outbox item is in `conflict` when the server already holds its (entry uuid, version)
with other content (the office restored an older backup and approved the entry again, or a
version was changed outside the normal path). Two ways settle it:

* keep this office's content: edit the entry; the new version, approved as usual, goes to
  the server beside the one it holds (records.services._settle_conflict);
* take the server's copy (`take_server_copy`, here): the entry gets the server's values as a
  new local version, the old version stays readable as old versions do.

What state the taken version is in. The server received that content already (it gave it
an id; the central office may even have decided on it), so the version is **sent**, not
approved: an approved version would be sealed into the next batch and sent as version N+1,
and the server would hold the same content twice (as the version it has and as N+1); nor
did anyone here approve it. When the central office has decided already (`accepted`,
`rejected`), the version takes that decision at once, as a decision pulled by sync would
move it (`entry.accept`/`entry.reject` by the system). Its outbox item, the server's
(uuid, version), now stands for this version: decisions the server makes later on that
version come to it through sync as to any sent entry, and the item is never sent again.
Editing it later makes a new version that is approved and sent as usual. Nobody approved or
verified the taken version here, so its row names nobody (the server's document, shown in the
comparison and kept in the audit event, names who approved it when it was sent).

The version is made by `entry.new_version` and the server's values by `value.set` events
(source `server`, stored exactly as the server holds them; a field the server's copy does not
have is emptied), then one `entry.take_server` event (draft -> sent) carries the server's
content hash, the office's, the server's id, batch and arrival time: `daftar audit verify` and
`daftar check` account for every value and fact of it, and sealing later accepts it.

Qt-free and network-free: `sync.engine.fetch_server_copy` fetches the copy, the desktop and
`daftar sync --take-server` call these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit, workflow
from records.audit import SYSTEM, Actor
from records.models import Entry, OutboxItem, Register
from records.outbox import OutboxError, content_hash, current_values

CONFLICT = "conflict"
# the outbox state an item gets from the server's state of its copy
_ITEM_STATE = {"received": "acknowledged", "accepted": "accepted", "rejected": "rejected"}


@dataclass(frozen=True)
class ServerCopy:
    """The central server's copy of one entry version this office sent (plain values:
    `sync.engine.fetch_server_copy` makes it on a worker thread)."""

    entry_uuid: str
    version: int
    sha256: str
    content: dict
    state: str  # received | accepted | rejected
    reason: str = ""  # the central office's, for a rejection
    server_id: str = ""
    batch_id: str = ""  # the batch it arrived in
    source: str = ""  # network | usb
    received_at: str = ""  # ISO 8601, UTC

    @property
    def values(self) -> dict:
        return dict(self.content.get("values") or {})


@dataclass(frozen=True)
class FieldDiff:
    """One field (or fact: who approved, page, row) of both copies; None: that copy has none."""

    field: str
    office: str | None
    server: str | None

    @property
    def differs(self) -> bool:
        return self.office != self.server


@dataclass(frozen=True)
class Comparison:
    """An entry version in conflict beside the server's copy of it."""

    entry_uuid: str
    version: int
    entry_id: int | None  # this office's row of that version
    page_id: int | None
    template_id: str
    place: str  # where the row is: "mauza کوٹ, year 2019-20, volume 1, page 2, row 3"
    office_sha256: str  # the hash of what this office sent
    server: ServerCopy
    fields: tuple[FieldDiff, ...]  # the values, in the register's column order
    facts: tuple[FieldDiff, ...] = ()  # approved_by, verified_by, page_no, row_no, image_sha256
    why_not: str = ""  # why the server's copy cannot be taken ("" when it can)

    @property
    def differences(self) -> int:
        return sum(d.differs for d in self.fields)


@dataclass(frozen=True)
class Taken:
    """What taking the server's copy made (plain values)."""

    old_entry_id: int
    entry_id: int  # the new version's row
    version: int  # its version here
    state: str  # sent, accepted or rejected
    fields: tuple[str, ...]  # the fields whose values changed
    page_id: int | None = None
    entry_ids: frozenset[int] = field(default_factory=frozenset)


# ----------------------------------------------------------------------------- finding
def conflict_items(session: Session) -> list[OutboxItem]:
    """The outbox items in conflict, oldest first."""
    return list(session.scalars(select(OutboxItem).where(OutboxItem.state == CONFLICT).order_by(OutboxItem.id)))


def find_conflict(session: Session, entry: str) -> tuple[str, int]:
    """(entry uuid, version) of the item in conflict that `entry` names: an entry uuid, the
    first 8 or more of its characters (as the sync panel shows it), optionally with the
    version after a colon (`UUID:2`). OutboxError saying why otherwise."""
    text = (entry or "").strip().lower()
    version = None
    if ":" in text:
        text, _, v = text.partition(":")
        if not v.strip().lstrip("v").isdigit():
            raise OutboxError(f"'{entry}' is not an entry: give its id (or its first 8 characters), and its "
                              "version after a colon if need be (`UUID:2`)")
        version = int(v.strip().lstrip("v"))
    if len(text) < 8:
        raise OutboxError(f"'{entry}' is not an entry: give its id (or its first 8 characters), and its version "
                          "after a colon if need be (`UUID:2`)")
    found = [(i.entry_uuid, i.version) for i in conflict_items(session)
             if i.entry_uuid.lower().startswith(text) and (version is None or i.version == version)]
    if not found:
        raise OutboxError(f"no entry {entry} is in conflict with the server's copy: `daftar sync --conflicts` lists "
                          "those that are")
    if len(found) > 1:
        raise OutboxError(f"{len(found)} entries in conflict start with {entry}: give more of its id")
    return found[0]


def _item(session: Session, entry_uuid: str, version: int) -> OutboxItem | None:
    return session.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == entry_uuid, OutboxItem.version == version,
                                                   OutboxItem.state == CONFLICT))


def _sealed_content(item: OutboxItem) -> dict | None:
    """The document this office sealed for the item (what conflicts with the server's)."""
    for d in (item.batch.manifest or {}).get("entries", []) if item.batch is not None else []:
        if d.get("entry_uuid") == item.entry_uuid and d.get("version") == item.version:
            return d.get("content")
    return None


def _place(session: Session, e: Entry) -> str:
    from records.audit_values import place
    from records.models import Page

    reg = session.get(Register, e.register_id)
    page = session.get(Page, e.page_id) if e.page_id else None
    return place(reg.mauza, reg.year, reg.volume, page.page_no if page else None, e.row_no)


def _why_not(session: Session, item: OutboxItem | None, copy: ServerCopy, entry_uuid: str, version: int) -> str:
    """Why the server's copy cannot be taken for this item ("" when it can)."""
    from records.services import register_template

    if item is None:
        return (f"entry {entry_uuid} version {version} is not in conflict with the server's copy (settled "
                "already?): nothing was taken")
    if (copy.entry_uuid, copy.version) != (entry_uuid, version) or content_hash(copy.content) != copy.sha256 \
            or copy.state not in _ITEM_STATE:
        return (f"the server's copy of entry {entry_uuid} version {version} does not match its hash: nothing was "
                "taken; ask the central server's operator")
    old = session.get(Entry, item.entry_id)
    if old is None:
        return f"entry {entry_uuid} version {version} is no longer in this workspace: nothing was taken"
    newest = session.scalar(select(Entry.version).where(Entry.uuid == old.uuid).order_by(Entry.version.desc()).limit(1))
    if not old.is_latest or newest != old.version:
        return (f"entry {entry_uuid} was changed here since the conflict (version {newest} is its newest): "
                "nothing was taken; settle it by that version")
    if old.deleted:
        return f"entry {entry_uuid} version {version} is deleted here: nothing was taken"
    reg = session.get(Register, old.register_id)
    theirs = (copy.content.get("register") or {}).get("uuid")
    if theirs != reg.uuid:
        return (f"the server's copy of entry {entry_uuid} version {version} is of another register ({theirs}): "
                "nothing was taken")
    tpl = register_template(session, old.register_id)
    for name, value in copy.values.items():
        try:
            tpl.field(name)
        except KeyError:
            return (f"the server's copy has a field {name} that the register's template {tpl.id} does not have: "
                    "nothing was taken")
        if not isinstance(value, str):
            return f"the server's copy has a value of {name} that is not text: nothing was taken"
    return ""


# ----------------------------------------------------------------------------- comparing
def compare(session: Session, copy: ServerCopy) -> Comparison:
    """This office's copy of the entry version in conflict (what it sealed and sent) beside
    the server's, field by field in the register's column order, with who approved and
    verified each, page and row; and why the server's copy cannot be taken, if it cannot."""
    from records.services import register_template

    item = session.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == copy.entry_uuid,
                                                   OutboxItem.version == copy.version))
    e = session.get(Entry, item.entry_id) if item is not None else None
    if e is None:
        raise OutboxError(f"entry {copy.entry_uuid} version {copy.version} is not in this workspace's outbox")
    ours = _sealed_content(item)
    if ours is None:  # (a batch without its sealed document: the row's values as they are)
        from records.outbox import entry_document

        ours = entry_document(session, e)
    mine, theirs = dict(ours.get("values") or {}), copy.values
    order = [c.name for c in register_template(session, e.register_id).columns]
    names = [n for n in order if n in mine or n in theirs] + sorted((set(mine) | set(theirs)) - set(order))
    fields = tuple(FieldDiff(n, mine.get(n), theirs.get(n)) for n in names)
    ours_page, theirs_page = ours.get("page") or {}, copy.content.get("page") or {}

    def text(v) -> str | None:
        return None if v is None else str(v)

    facts = tuple(FieldDiff(name, text(a), text(b)) for name, a, b in (
        ("approved_by", ours.get("approved_by"), copy.content.get("approved_by")),
        ("verified_by", ours.get("verified_by"), copy.content.get("verified_by")),
        ("page_no", ours_page.get("page_no"), theirs_page.get("page_no")),
        ("row_no", ours.get("row_no"), copy.content.get("row_no")),
        ("image_sha256", ours_page.get("image_sha256"), theirs_page.get("image_sha256"))))
    why = _why_not(session, item if item.state == CONFLICT else None, copy, copy.entry_uuid, copy.version)
    reg = session.get(Register, e.register_id)
    return Comparison(copy.entry_uuid, copy.version, e.id, e.page_id, reg.template_id, _place(session, e),
                      item.content_sha256, copy, fields, facts, why)


# ----------------------------------------------------------------------------- taking
def take_server_copy(session: Session, *, actor: Actor, copy: ServerCopy) -> Taken:
    """Settle a conflict by taking the server's copy: the entry gets the server's values as a
    new local version in the state the server's copy is in (sent; accepted or rejected when
    the central office decided already: the module's docstring says why), audited
    `entry.take_server` with the server's content hash; the outbox item stands for that
    version from now on and is not sent again. Supervisors, revenue officers and
    administrators only. One transaction (the caller's); OutboxError (or WorkflowError, for a
    role) saying why nothing was taken."""
    from records.audit_records import entry_findings
    from records.services import (
        _append_value,
        _new_version,
        _refresh_page_states,
        register_template,
        transition,
    )

    if actor.role not in workflow.TAKERS:
        raise workflow.WorkflowError(f"a {actor.role.replace('_', ' ')} may not take the server's copy of an entry: "
                                     "ask a supervisor")
    item = _item(session, copy.entry_uuid, copy.version)
    why = _why_not(session, item, copy, copy.entry_uuid, copy.version)
    if why:
        raise OutboxError(why)
    old = session.get(Entry, item.entry_id)
    findings = entry_findings(session, [old.id])
    if findings:
        raise OutboxError(f"nothing was taken: the entry is not what the audit trail recorded, so it was changed "
                          f"outside Daftar: {findings[0]}. Run `daftar audit verify` and restore the latest good "
                          "backup")
    office_sha = item.content_sha256
    new = _new_version(session, old, actor, settle=False)
    tpl = register_template(session, old.register_id)
    have, want = current_values(session, [new.id])[new.id], copy.values
    changed = []
    for name in [c.name for c in (*tpl.header, *tpl.columns) if c.name in have or c.name in want]:
        value = want.get(name, "")
        if have.get(name, "") != value or (name in want and name not in have):
            _append_value(session, new, tpl.field(name), value, actor=actor, source="server", exact=True)
            changed.append(name)
    new.state = workflow.SENT
    audit.record(session, actor=actor, action="entry.take_server", entity="entry", entity_id=new.id,  # TAKE_SERVER
                 register_id=new.register_id, page_id=new.page_id, entry_uuid=new.uuid, old=workflow.DRAFT,
                 new=workflow.SENT, detail={
                     "server_sha256": copy.sha256, "office_sha256": office_sha, "server_version": copy.version,
                     "server_id": copy.server_id, "server_batch": copy.batch_id, "received_at": copy.received_at,
                     "server_state": copy.state, "from_version": old.version, "fields": changed})
    if new.page_id:
        _refresh_page_states(session, [new.page_id])
    if copy.state in ("accepted", "rejected"):  # decided already: as a decision pulled by sync moves it
        transition(session, actor=SYSTEM, entry_ids=[new.id], action="accept" if copy.state == "accepted" else "reject",
                   comment=copy.reason or None)
    item.entry_id = new.id
    item.state = _ITEM_STATE[copy.state]
    item.content_sha256 = copy.sha256
    item.server_id = copy.server_id
    item.decision_reason = copy.reason or None if copy.state == "rejected" else None
    item.last_error = (f"Rejected by the central office: {copy.reason}" if copy.state == "rejected" else
                       f"Settled: the central server's copy was taken as version {new.version} here.")
    item.next_attempt_at = None
    item.receipt = {"taken_from_server": True, "batch_id": copy.batch_id, "received_at": copy.received_at,
                    "server_id": copy.server_id, "sha256": copy.sha256, "office_sha256": office_sha}
    session.flush()
    return Taken(old.id, new.id, new.version, new.state, tuple(changed), new.page_id, frozenset({old.id, new.id}))
