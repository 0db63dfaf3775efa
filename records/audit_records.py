"""The records against the audit trail, all parts: every current value (`audit_values`),
every entry row's workflow facts (`audit_entries`) and every user account (`audit_users`)
must be what the trail recorded. What `daftar audit verify`, `daftar check` and an import
report; each part reads its side in order and merges, so memory stays small."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session


def findings(session: Session) -> Iterator[str]:
    """One line per fact of the records that the trail does not account for (where it is,
    what the database holds, what the trail recorded): values, then entries, then users."""
    from records import audit_entries, audit_users, audit_values

    for part in (audit_values, audit_entries, audit_users):
        for m in part.mismatches(session):
            yield part.describe(m)


def entry_findings(session: Session, entry_ids: list[int]) -> list[str]:
    """`findings` of these entry rows only: their current values (`audit_values.check_values`),
    then their workflow facts (`audit_entries.check_entries`), each against their own entries'
    events; nothing else is read. What sealing a batch checks of the entries it seals; each part
    in entry id order (the order the rows were made in, not their random UUIDs')."""
    from records import audit_entries, audit_values

    values = sorted(audit_values.check_values(session, entry_ids), key=lambda m: m.entry_id)
    facts = sorted(audit_entries.check_entries(session, entry_ids), key=lambda m: m.entry_id)
    return [audit_values.describe(m) for m in values] + [audit_entries.describe(m) for m in facts]


@dataclass(frozen=True)
class Findings:
    count: int
    lines: tuple[str, ...]  # the first `keep` of them


def summary(session: Session, *, keep: int = 50) -> Findings:
    """How many findings there are, and the first `keep` lines (the rest only counted)."""
    lines, n = [], 0
    for line in findings(session):
        n += 1
        if len(lines) < keep:
            lines.append(line)
    return Findings(n, tuple(lines))
