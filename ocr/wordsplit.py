"""Put back the spaces a line reader missed between two known words.

Nastaliq sets words close together: after a letter that does not join (د ر و ...) the gap
between two words is about the gap inside a word, so a reader sometimes runs two words
into one (محمدیعقوب). A token that is not a word of the lexicon but splits into known words
(each of three letters or more) is split, into as few words as possible, and only after a
letter that does not join the next one: after a joining letter a missed space would have
changed the letter's shape, so the reader would not have run the words together there. The lexicon is the
word list of Debian's Tesseract `urd` model (resources/vocab/urdu_words.txt, Apache-2.0),
a general Urdu list, not the names the page generator uses, together with the register's
own terms (irrigation, rent, cultivation and remark entries, relations, districts and
tehsils; `register_terms`):
without them a term the general list lacks was split into two words it has (بارانی into
بار انی), which made this step do more harm than good on the benchmark's pages. A number
run into a word (نمبر8208) gets its space back.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache, lru_cache

MIN_PART = 3
# Letters that join only to the letter before them: a word ending in one looks the same with
# or without the space after it.
NON_JOINING = frozenset("اآأإدڈذرڑزژوؤےۓءۂۃة")


@cache
def urdu_lexicon() -> frozenset[str]:
    """The shipped general Urdu word list (empty if it is missing)."""
    import resources

    try:
        text = resources.vocab_path("urdu_words").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(text.split())


REGISTER_TERM_LISTS = ("irrigation", "rents", "remarks", "relations", "cultivators", "districts_tehsils")
_NUMBER = re.compile(r"[0-9]+")


@cache
def _register_entries() -> frozenset[str]:
    """Whole entries of the register's term lists in resources/vocab (irrigation, rent,
    cultivation and remark entries, relations, districts and tehsils; no names of people,
    qoams or villages), normalised; `{n}` in an entry stands for a number."""
    import resources
    from records.text import normalise

    entries: set[str] = set()
    for name in REGISTER_TERM_LISTS:
        try:
            text = resources.vocab_path(name).read_text(encoding="utf-8")
        except (FileNotFoundError, OSError):
            continue
        for line in text.splitlines():
            entries.update(e for e in (normalise(part) for part in line.split("\t")) if e)
    return frozenset(entries)


@cache
def register_terms() -> frozenset[str]:
    """Words of the register's own terms (see `_register_entries`)."""
    return frozenset(w for e in _register_entries() for w in e.split() if "{" not in w)


@cache
def _entries_without_spaces() -> dict[str, str]:
    return {e.replace(" ", ""): e for e in _register_entries()}


def _as_entry(text: str) -> str:
    return _NUMBER.sub("{n}", text)


def _with_numbers_of(text: str, entry: str, missing: str = "") -> str:
    """`entry` with each `{n}` replaced by the next number of `text` (`missing` when none)."""
    numbers = iter(_NUMBER.findall(text))
    return re.sub(r"\{n\}", lambda _m: next(numbers, missing), entry)


def is_register_term(text: str) -> bool:
    """Whether `text` (normalised) is exactly one entry of the register's term lists, such as
    بارانی, بٹائی نصف or انتقال نمبر 5082 منظور."""
    return _as_entry(text) in _register_entries()


def register_spacing(text: str) -> str:
    """`text` with the spacing of the register entry it spells when only spaces differ
    (رہن باقبضہ -> رہن با قبضہ: after a letter that does not join, a space cannot be seen);
    otherwise `text` unchanged."""
    entry = _entries_without_spaces().get(_as_entry(text).replace(" ", ""))
    if entry is None or entry == _as_entry(text):
        return text
    return _with_numbers_of(text, entry)


@lru_cache(maxsize=4096)
def near_register_term(text: str, most: float = 0.2) -> str | None:
    """The register entry `text` (normalised) misses by a letter or two (at most `most` of its
    letters, at least one), or None when it is an entry or near none: حکم مدالت -> حکم عدالت."""
    from ocr.evaluate import edit_distance

    t = _as_entry(text)
    if len(t) < 3 or t in _register_entries():
        return None
    best, best_d = None, None
    for e in _register_entries():
        if abs(len(e) - len(t)) > max(1, most * len(e)):
            continue
        d = edit_distance(t, e)
        if d <= max(1, int(most * len(e))) and (best_d is None or d < best_d):
            best, best_d = e, d
    return None if best is None else _with_numbers_of(text, best, missing="…")


@cache
def reader_lexicon() -> frozenset[str]:
    """What the readers check words against: the general list and the register's terms."""
    return urdu_lexicon() | register_terms()


# an Arabic-script letter and a digit (Latin, Urdu, Arabic-Indic) side by side, either order
_LETTER_DIGIT = re.compile(r"(?<=[\u0621-\u064a\u0671-\u06d3])(?=[0-9\u06f0-\u06f9\u0660-\u0669])"
                           r"|(?<=[0-9\u06f0-\u06f9\u0660-\u0669])(?=[\u0621-\u064a\u0671-\u06d3])")


def _segment(token: str, lexicon: Collection[str]) -> list[str] | None:
    """The split of `token` into the fewest known words (ties: the longest shortest part)."""
    n = len(token)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (words, -shortest) to reach i
    back = [0] * (n + 1)
    best[0] = (0, -n)
    for i in range(MIN_PART, n + 1):
        for j in range(0, i - MIN_PART + 1):
            if best[j] is None or token[j:i] not in lexicon:
                continue
            if j > 0 and token[j - 1] not in NON_JOINING:
                continue
            words, neg_short = best[j]
            cand = (words + 1, max(neg_short, -(i - j)))
            if best[i] is None or cand < best[i]:
                best[i], back[i] = cand, j
    if best[n] is None or best[n][0] < 2:
        return None
    parts, i = [], n
    while i > 0:
        parts.append(token[back[i] : i])
        i = back[i]
    return parts[::-1]


def split_joined(text: str, lexicon: Collection[str] | None = None) -> str:
    """`text` with missed spaces put back: a number run into a word, and an unknown token
    that is two or more known words run together (see the module's notes)."""
    text = _LETTER_DIGIT.sub(" ", text)
    lex = reader_lexicon() if lexicon is None else lexicon
    if not lex:
        return text
    out: list[str] = []
    for tok in text.split():
        if tok in lex or len(tok) < 2 * MIN_PART:
            out.append(tok)
            continue
        parts = _segment(tok, lex)
        out.extend(parts if parts else [tok])
    return " ".join(out)
