"""Words a line reader ran together are split with the lexicon, only where that can happen."""

from __future__ import annotations

from ocr.wordsplit import register_terms, split_joined, urdu_lexicon

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


def test_a_number_run_into_a_word_gets_its_space_back():
    assert split_joined("انتقال نمبر8208 منظور", LEX) == "انتقال نمبر 8208 منظور"
    assert split_joined("نمبر۸۲۰۸منظور", frozenset()) == "نمبر ۸۲۰۸ منظور"
    # numbers with their own separators are left alone
    assert split_joined("12-5 3/8", LEX) == "12-5 3/8"


def test_register_terms_are_never_split_into_general_words():
    # the general list knows بار and انی but not the irrigation term بارانی
    assert split_joined("بارانی", urdu_lexicon()) == "بار انی"
    assert "بارانی" in register_terms()
    assert split_joined("بارانی") == "بارانی"
    assert split_joined("بلالگان") == "بلا لگان"  # a rent term run together is still split


def test_a_tehsil_name_is_a_register_term_and_is_not_split():
    # جڑانوالہ is not in the general list, but جڑا and نوالہ are: it was split in names
    assert split_joined("جڑانوالہ", urdu_lexicon()) == "جڑا نوالہ"
    assert split_joined("سکنہ جڑانوالہ") == "سکنہ جڑانوالہ"
