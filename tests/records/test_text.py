"""Normalisation: every digit set, Urdu letter forms, bidi controls, display helpers."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from records.text import (
    ARABIC_INDIC_DIGITS,
    LATIN_DIGITS,
    LRI,
    PDI,
    URDU_DIGITS,
    display_digits,
    isolate_ltr,
    latin_digits,
    normalise,
    urdu_digits,
)

BIDI_CONTROLS = "\u200e\u200f\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\u061c"


@pytest.mark.parametrize("digits", [URDU_DIGITS, ARABIC_INDIC_DIGITS, LATIN_DIGITS])
def test_every_digit_set_normalises_to_latin(digits):
    # GIVEN the ten digits of one script
    # WHEN normalised
    # THEN they are the Latin digits 0-9, in order
    assert normalise(digits) == "0123456789"
    assert latin_digits(digits) == "0123456789"


@given(st.integers(min_value=0, max_value=10**12))
def test_a_number_in_any_digit_set_is_the_same_number(n):
    # GIVEN a number written in Latin, Urdu and Arabic-Indic digits
    latin = str(n)
    urdu = latin.translate(str.maketrans(LATIN_DIGITS, URDU_DIGITS))
    arabic = latin.translate(str.maketrans(LATIN_DIGITS, ARABIC_INDIC_DIGITS))
    # WHEN each is normalised
    # THEN all three are the same text and the same int
    assert normalise(urdu) == normalise(arabic) == latin
    assert int(normalise(urdu)) == n


def test_mixed_digit_sets_in_one_value():
    # GIVEN an area and a khasra typed with three digit sets mixed
    # WHEN normalised
    # THEN only Latin digits remain
    assert normalise("۱2-٥") == "12-5"
    assert normalise("۱۲۵/٥") == "125/5"


def test_urdu_digits_and_display_digits():
    # GIVEN Latin and Arabic-Indic digits
    # WHEN shown the Urdu way or the Latin way
    # THEN the digits change and everything else stays
    assert urdu_digits("12-5 و ٣") == "۱۲-۵ و ۳"
    assert display_digits("12-5", urdu=True) == "۱۲-۵"
    assert display_digits("۱۲-۵", urdu=False) == "12-5"


@pytest.mark.parametrize(
    ("arabic", "urdu"),
    [
        ("\u064a", "\u06cc"),  # Arabic yeh -> Farsi yeh
        ("\u0649", "\u06cc"),  # alef maksura -> Farsi yeh
        ("\u0643", "\u06a9"),  # Arabic kaf -> keheh
        ("\u0647", "\u06c1"),  # Arabic heh -> heh goal
    ],
)
def test_arabic_letter_forms_become_urdu(arabic, urdu):
    # GIVEN a word typed with an Arabic letter form (Tesseract, Arabic keyboard)
    word = f"ن{arabic}ر"
    # WHEN normalised
    # THEN it equals the same word typed with the Urdu letter
    assert normalise(word) == f"ن{urdu}ر"


def test_owner_name_typed_two_ways_compares_equal():
    # GIVEN the same owner line from an Arabic keyboard and from an Urdu keyboard
    arabic = "محمد اسلم ولد غلام رسول قوم اعوان سكنه ديهه"
    urdu = "محمد اسلم ولد غلام رسول قوم اعوان سکنہ دیہہ"
    # WHEN both are normalised
    # THEN they are the same text
    assert normalise(arabic) == normalise(urdu)


@pytest.mark.parametrize("control", list(BIDI_CONTROLS) + ["\u200c", "\u200d", "\u0640", "\ufeff"])
def test_bidi_and_joining_controls_are_stripped(control):
    # GIVEN an area with an invisible control character inside
    # WHEN normalised
    # THEN the control is gone
    assert normalise(f"12{control}-5") == "12-5"


def test_isolated_value_normalises_back():
    # GIVEN a value wrapped for display in a left-to-right isolate
    shown = isolate_ltr("12-5")
    # WHEN inspected and normalised again
    # THEN it is LRI + value + PDI, and normalising gives the value back
    assert shown == f"{LRI}12-5{PDI}"
    assert normalise(shown) == "12-5"


def test_isolate_ltr_leaves_empty_text_empty():
    # GIVEN empty text  WHEN isolated  THEN nothing is added
    assert isolate_ltr("") == ""


def test_whitespace_is_collapsed_and_nfc_applied():
    # GIVEN text with tabs, double spaces, a no-break space and a decomposed hamza form
    decomposed = "\u06c1\u0654"  # heh goal + hamza above = ۂ
    # WHEN normalised
    # THEN spaces are single and the letter is composed
    assert normalise("  پتی \t  شرقی\u00a0 ") == "پتی شرقی"
    assert normalise(decomposed) == unicodedata.normalize("NFC", decomposed) == "\u06c2"


def test_arabic_heh_with_hamza_becomes_the_composed_urdu_letter():
    # GIVEN Arabic heh followed by hamza above (as an Arabic keyboard writes it)
    # WHEN normalised
    # THEN it is the single Urdu letter heh goal with hamza (ۂ), as typed on an Urdu keyboard
    assert normalise("\u0647\u0654") == "\u06c2"


@pytest.mark.parametrize("empty", [None, "", "   ", "\u200f\u2066\u2069"])
def test_empty_values_normalise_to_empty(empty):
    # GIVEN nothing, blanks or only controls  WHEN normalised  THEN empty text
    assert normalise(empty) == ""


@given(st.text())
def test_normalise_is_idempotent(text):
    # GIVEN any text  WHEN normalised twice  THEN the second pass changes nothing
    once = normalise(text)
    assert normalise(once) == once


def test_arabic_presentation_forms_become_plain_urdu_letters():
    # GIVEN "محمد" and "یک" as copied out of a PDF (isolated/initial/final presentation forms)
    copied = "\ufee3\ufea4\ufee4\ufeaa \ufbfc\ufb91"
    # WHEN normalised  THEN the plain Urdu letters
    assert normalise(copied) == "محمد یک"
