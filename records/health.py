"""A workspace's health, for IT staff (`daftar check`): the database's own integrity check,
every page image there and matching its hash, and the audit chain unbroken. Each part says
what it found in words an operator can act on (which register, page and file), and the
command says what to do (restore the latest backup). Read only."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from records import audit
from records.images import ImageStoreError
from records.models import Page, Register


@dataclass(frozen=True)
class Part:
    """One checked part: its name, whether it is sound, a one-line summary, and the problems."""

    name: str
    ok: bool
    summary: str
    problems: tuple[str, ...] = field(default_factory=tuple)
    warning: bool = False  # sound, but something to do (a backup overdue)


def check_database(ws) -> Part:
    """SQLite's (SQLCipher's) own `PRAGMA integrity_check` over the whole database."""
    with ws.engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check")).fetchall()]
    if rows == ["ok"]:
        return Part("database", True, "the database's integrity check found nothing wrong")
    return Part("database", False, f"the database's integrity check found {len(rows)} problem(s)", tuple(rows[:20]))


def database_damage(ws) -> str | None:
    """What SQLite's quick check finds wrong in the workspace's database (None when sound).
    Quick: 0.12 s for 100,000 rows (bench/search_bench.py); run off the interface's thread."""
    try:
        with ws.engine.connect() as conn:
            rows = [str(r[0]) for r in conn.execute(text("PRAGMA quick_check")).fetchall()]
    except DBAPIError as e:
        return str(getattr(e, "orig", None) or e).splitlines()[0]
    return quick_check_problem(rows)


def quick_check_problem(rows) -> str | None:
    """`PRAGMA quick_check`'s rows said in a line (its first two findings), None for 'ok'."""
    if [str(r) for r in rows] == ["ok"]:
        return None
    lines = [line for r in rows for line in str(r).splitlines() if line.strip() and not line.startswith("***")]
    return "; ".join(lines[:2]) or "its quick check failed"


def check_images(ws) -> Part:
    """Every page's image is in the image store and its content matches its hash (an
    encrypted workspace's images are decrypted to check them)."""
    with ws.session() as s:
        pages = s.execute(
            select(Page.image_sha256, Page.page_no, Page.image_name, Register.mauza, Register.year, Register.volume)
            .join(Register, Register.id == Page.register_id)
            .where(Page.image_sha256.is_not(None)).order_by(Register.id, Page.page_no)).all()
    problems, seen = [], set()
    for sha, page_no, name, mauza, year, volume in pages:
        if sha in seen:
            continue
        seen.add(sha)
        try:
            ws.images.get(sha)
        except ImageStoreError:
            kind = "damaged" if ws.images.path(sha).is_file() else "missing"
            problems.append(f"register {mauza} {year} (volume {volume}), page {page_no} ({name or sha[:12]}): "
                            f"its image is {kind}")
    if problems:
        return Part("page images", False, f"{len(problems)} of {len(seen)} page image(s) missing or damaged",
                    tuple(problems))
    return Part("page images", True, f"all {len(seen)} page image(s) present and matching their hashes")


def check_audit(ws) -> Part:
    """The audit trail's hash chain and MACs (`records.audit.verify`), and the records the
    ones the trail recorded (`records.audit_records`: every current value, every entry's
    state and who approved it, every user's role). WARN when the chain is whole but its end
    could not be checked (no anchor)."""
    from records.audit_records import summary

    with ws.session() as s:
        r = audit.verify(s)
        if not r.ok:
            where = f" at event {r.first_bad_id}" if r.first_bad_id else ""
            return Part("audit trail", False, f"the audit chain is broken{where}: {r.reason}")
        wrong = summary(s, keep=20)
        behind = audit.clock_behind(s)
    # the computer's clock (set back once, or behind the trail now): a warning, never tampering
    clock = tuple(x for x in (behind, r.clock) if x) + tuple(b.line() for b in r.clock_backs[1:20])
    if wrong.count:
        more = (f"... and {wrong.count - len(wrong.lines)} more (daftar audit verify lists 50)",) \
            if wrong.count > len(wrong.lines) else ()
        return Part("audit trail", False, f"the audit chain is whole ({r.checked} events), but {wrong.count} fact(s) "
                                          "of the records are not what it recorded: changed outside Daftar",
                    wrong.lines + more + ((r.warning,) if r.warning else ()) + clock)
    said = (f"the audit chain is whole: {r.checked} events, and the records (values, entries' states and "
            "approvals, user accounts) are the ones it recorded")
    if r.warning:
        return Part("audit trail", True, f"{said}; but {r.warning}", clock, warning=True)
    if clock:
        return Part("audit trail", True, f"{said}; but {clock[0]}", clock[1:], warning=True)
    return Part("audit trail", True, said)


def check_backups(ws, now=None) -> Part:
    """When the last backup was written and where (records.backup.last_backup); a warning,
    not a failure, when it is older than the office's backup.remind_after_days or none was
    ever written of a workspace with pages."""
    import datetime as dt

    from records import office_settings
    from records.backup import DATED_AHEAD, days_without_backup, last_backup

    with ws.session() as s:
        days = int(office_settings.read(s).get("backup.remind_after_days"))
    last = last_backup(ws)
    due = days_without_backup(ws, days, now=now)
    if last is None:
        if due is None:
            return Part("backups", True, "no backup written yet (nothing in the workspace to lose yet, or "
                                         "reminders are off)")
        return Part("backups", True, "no backup of this workspace was ever written: write one onto a USB stick "
                                     "or another disk (daftar backup DEST)", warning=True)
    if due == DATED_AHEAD:  # a clock wrong now or when it was written: how old it is is not known
        return Part("backups", True, f"the last backup ({last.path}) is dated {last.at:%Y-%m-%d %H:%M} UTC, after this "
                                     "computer's date: its clock is wrong now, or was when the backup was written, "
                                     "so how old the backup is is not known. Check the date and time, and write a "
                                     "backup (daftar backup DEST)", warning=True)
    ago = ((now or dt.datetime.now(dt.UTC)) - last.at).days
    when = "less than a day ago" if ago < 1 else "1 day ago" if ago == 1 else f"{ago} days ago"
    said = f"the last backup was written {when}: {last.path} ({last.size / 1e6:.1f} MB)"
    if due is not None:
        return Part("backups", True, f"{said}; the office asks for one every {days} day(s): write one "
                                     "(daftar backup DEST)", warning=True)
    return Part("backups", True, said)


_PARTS = (("database", check_database), ("page images", check_images), ("audit trail", check_audit),
          ("backups", check_backups))


def check_workspace(ws) -> list[Part]:
    """All parts, in the order an operator reads them; a part that cannot read the database
    (damaged) is a failure of that part, and the others are still checked."""
    parts = []
    for name, check in _PARTS:
        try:
            parts.append(check(ws))
        except DBAPIError as e:
            reason = str(getattr(e, "orig", None) or e).splitlines()[0]
            parts.append(Part(name, False, f"could not be checked: the database cannot be read ({reason}); "
                                           "restore the latest backup"))
    return parts
