"""Bidi helpers for showing mixed English/Urdu text (messages quoting Urdu values)."""

from __future__ import annotations

import re


def isolate(text: str) -> str:
    """First-strong isolate: Urdu inside an English line keeps its own direction."""
    return f"\u2068{text}\u2069"


_URDU_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f][\u0600-\u06ff\u0750-\u077f\s]*[\u0600-\u06ff\u0750-\u077f]|[\u0600-\u06ff]")


def isolate_urdu(message: str) -> str:
    """An English message quoting Urdu: each Urdu run isolated so `'نہری' (23%)` stays in order."""
    return _URDU_RUN.sub(lambda m: isolate(m.group(0)), message)


_NUMBER_WITH_SEPARATORS = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669]+(?:[-/.:][0-9\u06f0-\u06f9\u0660-\u0669]+)+")


def isolate_numbers(text: str) -> str:
    """Numbers joined by - / . : (a year 2018-19, an area 12-5, a khasra 125/5) each in a
    left-to-right isolate: after an Urdu word, bidi would show them as 19-2018, 5-12."""
    return _NUMBER_WITH_SEPARATORS.sub(lambda m: f"\u2066{m.group(0)}\u2069", text)


def shown_value(text: str) -> str:
    """A value of unknown language inside a line of either direction: its numbers kept
    left to right, the whole in a first-strong isolate (an Urdu name stays right to left)."""
    return isolate(isolate_numbers(text)) if text else text
