"""Words a line reader ran together are split with the lexicon, only where that can happen."""

from __future__ import annotations

from ocr.wordsplit import split_joined, urdu_lexicon

LEX = frozenset({"محمد", "یعقوب", "ولد", "بشیر", "لیاقت", "شام", "لات", "سکنہ", "دیہہ"})


def test_two_and_three_known_words_run_together_are_split():
    assert split_joined("محمدیعقوب ولد", LEX) == "محمد یعقوب ولد"
    assert split_joined("بشیرولدلیاقت", LEX) == "بشیر ولد لیاقت"


def test_no_split_after_a_joining_letter():
    # شام + لات written without a space would join م to ل: the reader saw one word
    assert split_joined("شاملات", LEX) == "شاملات"
    # ہ joins the next letter too
    assert split_joined("سکنہدیہہ", LEX) == "سکنہدیہہ"


def test_known_and_unsplittable_words_are_left_as_read():
    assert split_joined("محمد یعقوب", LEX) == "محمد یعقوب"
    assert split_joined("راجگان", LEX) == "راجگان"
    assert split_joined("", LEX) == ""


def test_an_empty_lexicon_changes_nothing():
    assert split_joined("محمدیعقوب", frozenset()) == "محمدیعقوب"


def test_the_shipped_lexicon_is_a_general_urdu_word_list():
    lex = urdu_lexicon()
    assert len(lex) > 10000
    assert {"محمد", "ولد", "قوم"} <= lex
    assert split_joined("محمدیعقوب") == "محمد یعقوب"
