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
