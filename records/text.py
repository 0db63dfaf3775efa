"""Text normalisation shared by parsing, comparing, searching and hashing.

Urdu (۰-۹), Arabic-Indic (٠-٩) and Latin digits are the same digits; Arabic yeh/kaf
become their Urdu forms; text is NFC with single spaces.
"""

from __future__ import annotations

import re
import unicodedata

URDU_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(URDU_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)
_TO_URDU = str.maketrans(LATIN_DIGITS + ARABIC_INDIC_DIGITS, URDU_DIGITS * 2)

# Arabic letter forms that Urdu writes differently (Tesseract, keyboards and Qt treat
# them as different letters, so every comparison goes through this table).
_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH (Urdu choti ye)
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
        "\u0647": "\u06c1",  # ARABIC HEH -> HEH GOAL (Urdu gol he)
        "\u066b": ".",  # ARABIC DECIMAL SEPARATOR
        "\u060c": "،",  # keep Arabic comma as is (explicit for readers)
        "\u200c": None,  # ZWNJ
        "\u200d": None,  # ZWJ
        "\u200e": None,  # LRM
        "\u200f": None,  # RLM
        "\u2066": None,  # LRI
        "\u2067": None,  # RLI
        "\u2068": None,  # FSI
        "\u2069": None,  # PDI
        "\u202a": None,  # LRE
        "\u202b": None,  # RLE
        "\u202c": None,  # PDF
        "\u202d": None,  # LRO
        "\u202e": None,  # RLO
        "\u061c": None,  # ARABIC LETTER MARK
        "\ufeff": None,  # BOM / ZERO WIDTH NO-BREAK SPACE
        "\u0640": None,  # TATWEEL
    }
)

LRI, PDI = "\u2066", "\u2069"

# One table for normalise(): letter forms, controls and non-Latin digits.
_NORMALISE = {**_LETTERS, **_TO_LATIN}
_NEEDS_TRANSLATION = re.compile(
    "[" + "".join(re.escape(chr(c)) for c, v in _NORMALISE.items() if v != chr(c)) + "]"
)
# Arabic presentation forms (text copied out of PDFs and old InPage exports): NFKC turns
# each back into the plain letter(s), which the tables above then map to Urdu forms.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_NEEDS_WORK = re.compile(_NEEDS_TRANSLATION.pattern[:-1] + "\ufb50-\ufdff\ufe70-\ufefe]")


def _unpresent(m: re.Match) -> str:
    return unicodedata.normalize("NFKC", m.group())


def latin_digits(text: str) -> str:
    """Return text with Urdu and Arabic-Indic digits replaced by Latin ones."""
    return text.translate(_TO_LATIN)


def urdu_digits(text: str) -> str:
    """Return text with Latin and Arabic-Indic digits replaced by Urdu ones."""
    return text.translate(_TO_URDU)


def normalise(text: str | None) -> str:
    """Canonical form for comparing, searching and hashing.

    NFC, Urdu letter forms (also from Arabic presentation forms), Latin digits, no bidi
    controls or tatweel, single spaces.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    # str.translate with a dict costs ~2 us per Urdu line; most text needs nothing, so only
    # work when a character of the tables is present (one regex scan is ~10x cheaper).
    if _NEEDS_WORK.search(text):
        if _PRESENTATION_FORMS.search(text):
            text = _PRESENTATION_FORMS.sub(_unpresent, text)
        text = unicodedata.normalize("NFC", text.translate(_NORMALISE))
    return " ".join(text.split())


def isolate_ltr(text: str) -> str:
    """Wrap a numeric value in a left-to-right isolate so bidi keeps `12-5` as typed."""
    return f"{LRI}{text}{PDI}" if text else text


_GROUPED_NUMBER = re.compile(
    r"(?<![\u2066\d])[0-9\u06f0-\u06f9\u0660-\u0669]+(?:[-/.:][0-9\u06f0-\u06f9\u0660-\u0669]+)+(?!\d)")


def isolate_numbers(text: str) -> str:
    """Numbers joined by - / . : inside text (a date 12-05-2019, an area 12-5, a year
    2018-19) each in a left-to-right isolate: after an Urdu word, bidi shows 12-5 as 5-12."""
    return _GROUPED_NUMBER.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text) if text else text


def display_digits(text: str, *, urdu: bool) -> str:
    """Digits as the office prefers them: Urdu (۱۲) or Latin (12)."""
    return urdu_digits(text) if urdu else latin_digits(text)
