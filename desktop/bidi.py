"""Bidi helpers for showing mixed English/Urdu text (messages quoting Urdu values)."""

from __future__ import annotations

import re

from records.text import isolate_numbers


def isolate(text: str) -> str:
    """First-strong isolate: Urdu inside an English line keeps its own direction."""
    return f"\u2068{text}\u2069"


_URDU_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f][\u0600-\u06ff\u0750-\u077f\s]*[\u0600-\u06ff\u0750-\u077f]|[\u0600-\u06ff]")


def ltr(text) -> str:
    """A file path (or other left-to-right text) kept in its order inside a line of either
    direction: in Urdu, `/home/x/daftar-backup.tar` was drawn from right to left in pieces."""
    return f"\u2066{text}\u2069"


def key_text(key) -> str:
    """A key's name (`Ctrl+-`, `F8`) inside a sentence of either direction, kept as printed on
    the keys: in an Urdu tooltip "(Ctrl+-)" was drawn "(-+Ctrl)", its trailing '-' or '='
    taking the sentence's direction."""
    return ltr(key) if key else key


def path_line(path) -> str:
    """A file path on a line of its own inside a message, kept left to right: inside an Urdu
    sentence a long path wrapped into pieces drawn right to left."""
    return f"\n{ltr(path)}\n"


def isolate_urdu(message: str) -> str:
    """An English message quoting Urdu: each Urdu run isolated so `'نہری' (23%)` stays in order."""
    return _URDU_RUN.sub(lambda m: isolate(m.group(0)), message)


def shown_value(text: str) -> str:
    """A value of unknown language inside a line of either direction: its numbers kept
    left to right, the whole in a first-strong isolate (an Urdu name stays right to left)."""
    return isolate(isolate_numbers(text)) if text else text
