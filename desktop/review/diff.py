"""What a clerk changed from the OCR text, as HTML: struck-through old, highlighted new.

Word-level diff (difflib over words and the spaces between them): a changed word is shown
whole, old then new, so Urdu letters stay joined (a style change inside a word would break
the joining). Every piece is HTML-escaped; the caller sets dir="rtl".
"""

from __future__ import annotations

import difflib
import html
import re

from records.text import isolate_numbers, normalise

OLD_STYLE = "color:#a00;text-decoration:line-through;background:#fde2e2"
NEW_STYLE = "color:#063;background:#d4f5d4;font-weight:bold"
_TOKENS = re.compile(r"(\s+)")


def _words(text: str) -> list[str]:
    return [t for t in _TOKENS.split(text) if t]


def _key(word: str) -> str:
    """What a word is compared by: its canonical form (Latin digits, Urdu letter forms), so
    that ۲۳۱۹ as OCR read it is the same word as 2319 kept in the value."""
    return normalise(word) or word


def _opcodes(old: str, new: str):
    a, b = _words(old), _words(new)
    sm = difflib.SequenceMatcher(None, [_key(w) for w in a], [_key(w) for w in b], autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        yield op, "".join(a[a0:a1]), "".join(b[b0:b1])


def _shown(text: str) -> str:
    # numbers joined by - / (an area 12-5, a khasra 125/5) kept left to right after an Urdu
    # word: bidi drew the old and the new area in each other's place, each reversed
    return html.escape(isolate_numbers(text))


def diff_html(old: str | None, new: str, *, rtl: bool = False) -> str:
    """HTML showing how `old` (the OCR text) became `new` (the value now): old first in the
    reading order of the line (`rtl`: a right-to-left one), the whole isolated in that
    direction so that it keeps its order beside a label (numbers alone have no direction of
    their own: in an Urdu line the new area was read before the old)."""
    old = old or ""
    start = "\u2067" if rtl else "\u2066"
    if old == new:
        return f"{start}{_shown(new)}\u2069"
    parts: list[str] = []
    for op, removed, added in _opcodes(old, new):
        if op == "equal":
            parts.append(_shown(added))  # the value as kept (its digits, not OCR's)
            continue
        if removed:
            parts.append(f"<span style='{OLD_STYLE}'>{_shown(removed)}</span>")
        if removed and added:
            parts.append(" ")
        if added:
            parts.append(f"<span style='{NEW_STYLE}'>{_shown(added)}</span>")
    return start + "".join(parts) + "\u2069"


def changed_spans(old: str | None, new: str) -> tuple[list[str], list[str]]:
    """(removed pieces, inserted pieces) as plain text, for tests and tooltips."""
    ops = [(r, a) for op, r, a in _opcodes(old or "", new) if op != "equal"]
    return [r for r, _a in ops if r], [a for _r, a in ops if a]
