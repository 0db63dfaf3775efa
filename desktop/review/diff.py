"""What a clerk changed from the OCR text, as HTML: struck-through old, highlighted new.

Word-level diff (difflib over words and the spaces between them): a changed word is shown
whole, old then new, so Urdu letters stay joined (a style change inside a word would break
the joining). Every piece is HTML-escaped; the caller sets dir="rtl".
"""

from __future__ import annotations

import difflib
import html
import re

OLD_STYLE = "color:#a00;text-decoration:line-through;background:#fde2e2"
NEW_STYLE = "color:#063;background:#d4f5d4;font-weight:bold"
_TOKENS = re.compile(r"(\s+)")


def _words(text: str) -> list[str]:
    return [t for t in _TOKENS.split(text) if t]


def _opcodes(old: str, new: str):
    a, b = _words(old), _words(new)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        yield op, "".join(a[a0:a1]), "".join(b[b0:b1])


def diff_html(old: str | None, new: str) -> str:
    """HTML showing how `old` (the OCR text) became `new` (the value now)."""
    old = old or ""
    if old == new:
        return html.escape(new)
    parts: list[str] = []
    for op, removed, added in _opcodes(old, new):
        if op == "equal":
            parts.append(html.escape(removed))
            continue
        if removed:
            parts.append(f"<span style='{OLD_STYLE}'>{html.escape(removed)}</span>")
        if removed and added:
            parts.append(" ")
        if added:
            parts.append(f"<span style='{NEW_STYLE}'>{html.escape(added)}</span>")
    return "".join(parts)


def changed_spans(old: str | None, new: str) -> tuple[list[str], list[str]]:
    """(removed pieces, inserted pieces) as plain text, for tests and tooltips."""
    ops = [(r, a) for op, r, a in _opcodes(old or "", new) if op != "equal"]
    return [r for r, _a in ops if r], [a for _r, a in ops if a]
