"""Type-ahead from the office's own vocabulary, ranked by use in the same register and mauza.

Suggestions complete either the whole value (an owner line typed before) or the word being
typed (a name, relation, qoam, village...). Latin letters find the Urdu word by Roman Urdu
(records.romanize). The index lives in memory, is built once from the workspace and kept
up to date with `add`; a lookup is a bisect over sorted keys, so it stays fast at 100,000 rows.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Entry, FieldValue, Register
from records.romanize import is_latin_query, roman_table, skeleton_latin, skeleton_urdu
from records.text import normalise

# Fields that share one vocabulary (a name typed as owner is offered as cultivator too).
GROUPS = {
    "owner": "person", "cultivator": "person", "transferor": "person", "transferee": "person",
    "patti": "patti", "irrigation": "irrigation", "land_class": "land_class", "crop": "crop",
    "rent": "rent", "remarks": "remarks", "order": "order",
    "district": "place", "tehsil": "place", "mauza": "place",
}
WORD_GROUPS = frozenset({"person", "remarks", "order", "place", "patti"})


def group_of(field: str) -> str | None:
    return GROUPS.get(field)


@dataclass(frozen=True)
class Suggestion:
    """One offer: `text` is the field's whole new text if accepted."""

    text: str
    shown: str  # what the list shows (the word or value)
    kind: str  # "value" | "word"
    count: int  # uses in the workspace
    local: int  # uses in the same register


class _Keys:
    """Sorted unique keys with global and scoped counts."""

    def __init__(self) -> None:
        self.count: Counter[str] = Counter()
        self.by_register: dict[int, Counter[str]] = defaultdict(Counter)
        self.by_mauza: dict[str, Counter[str]] = defaultdict(Counter)
        self._sorted: list[str] | None = None
        self._skeletons: list[tuple[str, str]] | None = None

    def add(self, key: str, register_id: int | None, mauza: str | None, n: int = 1) -> None:
        if key not in self.count:
            self._sorted = None
            self._skeletons = None
        self.count[key] += n
        if register_id is not None:
            self.by_register[register_id][key] += n
        if mauza:
            self.by_mauza[mauza][key] += n

    def prefixed(self, prefix: str) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.count)
        lo = bisect.bisect_left(self._sorted, prefix)
        hi = bisect.bisect_left(self._sorted, prefix + "\U0010ffff")
        return self._sorted[lo:hi]

    def roman(self, typed: str) -> list[str]:
        sk = skeleton_latin(typed)
        if not sk:
            return []
        if self._skeletons is None:
            self._skeletons = sorted((skeleton_urdu(k), k) for k in self.count)
        lo = bisect.bisect_left(self._skeletons, (sk, ""))
        hi = bisect.bisect_left(self._skeletons, (sk + "\U0010ffff", ""))
        return [k for _, k in self._skeletons[lo:hi]]


class Vocabulary:
    """The workspace's vocabulary per field group (values and words)."""

    def __init__(self) -> None:
        self._values: dict[str, _Keys] = defaultdict(_Keys)
        self._words: dict[str, _Keys] = defaultdict(_Keys)
        self.mauza_of: dict[int, str] = {}

    @classmethod
    def from_session(cls, session: Session) -> Vocabulary:
        """Build from every current value of the latest entries (one query, streamed)."""
        v = cls()
        v.mauza_of = dict(session.execute(select(Register.id, Register.mauza)).all())
        stmt = (
            select(FieldValue.field, FieldValue.value, Entry.register_id)
            .join(Entry, Entry.id == FieldValue.entry_id)
            .where(FieldValue.current.is_(True), Entry.is_latest.is_(True), Entry.deleted.is_(False),
                   FieldValue.field.in_(tuple(GROUPS)))
            .execution_options(yield_per=5000)
        )
        for field, value, register_id in session.execute(stmt):
            v.add(field, value, register_id=register_id)
        for rid, mauza in v.mauza_of.items():
            v.add("mauza", mauza, register_id=rid)
        return v

    def add(self, field: str, text: str, *, register_id: int | None = None, n: int = 1) -> None:
        """Count one use of `text` in `field` (call after each saved edit)."""
        group = GROUPS.get(field)
        t = normalise(text)
        if group is None or not t:
            return
        mauza = self.mauza_of.get(register_id) if register_id is not None else None
        self._values[group].add(t, register_id, mauza, n)
        if group in WORD_GROUPS:
            for w in t.split():
                if not w.isdigit():
                    self._words[group].add(w, register_id, mauza, n)

    def _rank(self, keys: _Keys, candidates, register_id, limit):
        reg = keys.by_register.get(register_id, {}) if register_id is not None else {}
        mauza = self.mauza_of.get(register_id)
        mz = keys.by_mauza.get(mauza, {}) if mauza else {}
        return heapq.nlargest(limit, candidates, key=lambda k: (reg.get(k, 0), mz.get(k, 0), keys.count[k], -len(k)))

    def suggest(self, field: str, typed: str, *, register_id: int | None = None, limit: int = 8) -> list[Suggestion]:
        """Completions for what has been typed so far in `field` (whole values first, then words)."""
        group = GROUPS.get(field)
        if group is None:
            return []
        raw = typed or ""
        t = normalise(raw)
        out: list[Suggestion] = []
        seen: set[str] = set()
        values = self._values.get(group)
        reg_counts = lambda keys, k: keys.by_register.get(register_id, {}).get(k, 0) if register_id is not None else 0  # noqa: E731
        if values is not None and t and not is_latin_query(t):
            for k in self._rank(values, [k for k in values.prefixed(t) if k != t], register_id, limit):
                out.append(Suggestion(k, k, "value", values.count[k], reg_counts(values, k)))
                seen.add(k)
        words = self._words.get(group) if group in WORD_GROUPS else values
        if words is None:
            return out[:limit]
        head, _, last = t.rpartition(" ")
        if raw.endswith(" "):
            return out[:limit]
        if last and is_latin_query(last):
            cands = set(words.roman(last))
            for key, urdu in roman_table().items():
                if key.startswith(last.lower()):
                    cands.update(u for u in urdu if u in words.count or group not in WORD_GROUPS)
            ranked = self._rank(words, list(cands), register_id, limit)
        elif last:
            ranked = self._rank(words, [k for k in words.prefixed(last) if k != last], register_id, limit)
        else:
            ranked = []
        for w in ranked:
            text = (f"{head} {w}" if head else w) + (" " if group in WORD_GROUPS else "")
            if text.strip() in seen:
                continue
            out.append(Suggestion(text, w, "word", words.count[w], reg_counts(words, w)))
            if len(out) >= limit:
                break
        return out[:limit]


TRUSTED_SOURCES = ("typed", "corrected", "copied")
MIN_VALUES = 30  # a group's words are given to OCR once this many values were recorded there


def ocr_vocabulary(session: Session, template) -> dict[str, frozenset[str]]:
    """Words a person has typed or vouched for, per Urdu text field of `template`.

    OCR trusts a reading whose words are all here and flags one with a word that is not
    (ocr.confidence). Only values typed, corrected or copied by a person, or of entries a
    clerk has submitted, count: an unchecked OCR reading never vouches for itself.
    """
    from sqlalchemy import or_

    fields = text_fields(template)
    stmt = (
        select(FieldValue.field, FieldValue.value)
        .join(Entry, Entry.id == FieldValue.entry_id)
        .where(FieldValue.current.is_(True), Entry.is_latest.is_(True), Entry.deleted.is_(False),
               FieldValue.field.in_(sorted(_fields_sharing(fields))),
               or_(FieldValue.source.in_(TRUSTED_SOURCES), Entry.state != "draft"))
        .execution_options(yield_per=5000)
    )
    return vocabulary_from_values(fields, session.execute(stmt))


def text_fields(template) -> list[str]:
    """The template's Urdu text fields (where OCR uses a vocabulary)."""
    return [s.name for s in (*template.header, *template.columns) if s.kind == "text-ur"]


def _fields_sharing(fields: list[str]) -> set[str]:
    groups = {GROUPS.get(f, f) for f in fields}
    return {f for f, g in GROUPS.items() if g in groups} | set(fields)


def vocabulary_from_values(fields: list[str], values) -> dict[str, frozenset[str]]:
    """Words per field of `fields` from (field, text) pairs of any field sharing their group
    (owner and cultivator share names). A group with fewer than MIN_VALUES values is left
    out: a new office would see nearly every word flagged."""
    words: dict[str, set[str]] = defaultdict(set)
    counts: Counter = Counter()
    wanted = _fields_sharing(fields)
    for field, value in values:
        text = normalise(str(value or ""))
        if field not in wanted or not text:
            continue
        g = GROUPS.get(field, field)
        words[g].update(w for w in text.split() if not w.isdigit())
        counts[g] += 1
    out = {}
    for f in fields:
        g = GROUPS.get(f, f)
        if counts[g] >= MIN_VALUES and words[g]:
            out[f] = frozenset(words[g])
    return out


class OcrVocabularyCache:
    """`ocr_vocabulary` per template, rebuilt when older than `max_age` seconds (an OCR queue
    reads many pages in a row; corrections made meanwhile count from the next rebuild).
    Safe to call from any thread."""

    def __init__(self, max_age: float = 120.0) -> None:
        import threading

        self.max_age = max_age
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[float, dict[str, frozenset[str]]]] = {}

    def get(self, session: Session, template) -> dict[str, frozenset[str]]:
        import time

        key = f"{template.id}@{getattr(template, 'version', '')}"
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit and now - hit[0] < self.max_age:
                return hit[1]
        vocab = ocr_vocabulary(session, template)
        with self._lock:
            self._cache[key] = (now, vocab)
        return vocab
