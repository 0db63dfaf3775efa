"""Roman Urdu lookup: find the Urdu word a clerk means when typing Latin letters.

Urdu script omits most short vowels, so "aslam" and اسلم match by their consonant
skeleton: letters mapped to Latin, vowels and the weak letters (w, y, h-after-consonant)
dropped except at the start, doubled letters collapsed. A table in
resources/vocab/roman.tsv (`roman<TAB>urdu`) adds spellings the rule misses.
"""

from __future__ import annotations

from functools import cache

import resources
from records.text import normalise

_URDU_TO_LATIN = {
    "ا": "a", "آ": "a", "أ": "a", "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ث": "s", "ج": "j",
    "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ڈ": "d", "ذ": "z", "ر": "r", "ڑ": "r", "ز": "z",
    "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh",
    "ف": "f", "ق": "q", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ں": "n", "و": "w",
    "ہ": "h", "ھ": "h", "ۃ": "h", "ء": "", "ئ": "y", "ی": "y", "ے": "e", "ۓ": "e", "ؤ": "w",
    "ً": "", "ٌ": "", "ٍ": "", "َ": "", "ُ": "", "ِ": "", "ّ": "", "ْ": "", "ٰ": "a",
}
_VOWELS = set("aeiouwy")
# Latin spellings that stand for one Urdu letter, folded to the letter used in skeletons.
_LATIN_FOLD = (("ph", "f"), ("c", "k"), ("x", "ks"), ("v", "w"), ("ee", "i"), ("oo", "u"), ("q", "k"))


def _skeleton_of_latin(s: str) -> str:
    s = "".join(ch for ch in s.lower() if ch.isalpha())
    if not s:
        return ""
    for a, b in _LATIN_FOLD:
        s = s.replace(a, b)
    first, rest = s[0], s[1:]
    first = "a" if first in _VOWELS - {"w", "y"} else first
    # h after a consonant is part of a digraph (kh, gh, sh, ch, bh...) or aspiration: keep digraphs
    out = [first]
    i = 0
    while i < len(rest):
        ch = rest[i]
        if ch in _VOWELS:
            i += 1
            continue
        out.append(ch)
        i += 1
    collapsed = [out[0]]
    for ch in out[1:]:
        if ch != collapsed[-1]:
            collapsed.append(ch)
    return "".join(collapsed)


def skeleton_latin(text: str) -> str:
    """Consonant skeleton of a Roman Urdu spelling ("Muhammad" -> "mhmd")."""
    return _skeleton_of_latin(text)


def skeleton_urdu(word: str) -> str:
    """Consonant skeleton of an Urdu word (محمد -> "mhmd"), comparable with skeleton_latin."""
    latin = "".join(_URDU_TO_LATIN.get(ch, "") for ch in normalise(word))
    return _skeleton_of_latin(latin)


@cache
def roman_table() -> dict[str, tuple[str, ...]]:
    """Explicit Roman Urdu spellings from resources/vocab/roman.tsv (lower-case key -> Urdu)."""
    table: dict[str, list[str]] = {}
    try:
        path = resources.vocab_path("roman")
    except FileNotFoundError:
        return {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        roman, urdu = line.split("\t", 1)
        table.setdefault(roman.strip().lower(), []).append(normalise(urdu.strip()))
    return {k: tuple(v) for k, v in table.items()}


def is_latin_query(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isascii() for ch in letters)
