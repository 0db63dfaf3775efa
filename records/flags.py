"""Flags: problems attached to a field (failed rule, low OCR confidence), never crashes."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# The flags OCR attaches to a value that no rule works out again: how sure it was, a word the
# office never typed there, a reading a letter or two from a register term. Every other flag
# (parse, required, range, the cross-row rules) is worked out again from the values whenever
# they are shown or checked; a copy stored with an OCR value goes stale once a value it
# names (on another row) is corrected, so stored flags count only with these codes.
OCR_CODES = frozenset({"low_confidence", "new_word", "near_term"})

ERROR = "error"  # blocks "submit for review" until corrected
WARNING = "warning"  # shown, does not block
INFO = "info"


@dataclass(frozen=True)
class Flag:
    """One problem with one field of one row (row None = header or whole page)."""

    code: str  # e.g. parse, required, share_sum, khasra_owner, area_total, low_confidence
    severity: str  # error | warning | info
    message: str  # for a clerk, in plain words
    field: str | None = None
    row: int | None = None
    suggestion: str | None = None  # a value the field may hold instead (a second OCR reading)

    def as_dict(self) -> dict:
        d = asdict(self)
        if d["suggestion"] is None:
            del d["suggestion"]  # flags without one are stored and exported as before
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Flag:
        return cls(**{k: d.get(k) for k in ("code", "severity", "message", "field", "row", "suggestion")})
