"""Field kinds: parse / validate / normalise / display of one value."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from records.fields import (
    FieldError,
    check_value,
    display_value,
    format_khasra,
    parse_khasra,
    parse_khasra_list,
    parse_value,
    stored_text,
)
from records.templates import Choice, FieldSpec, builtin
from records.text import LRI, PDI
from records.units import Area


def spec(kind: str, **kw) -> FieldSpec:
    return FieldSpec(
        name=kw.pop("name", "f"),
        kind=kind,
        label_ur="خانہ",
        label_en=kw.pop("label", "Field"),
        **kw,
    )


# ---- integer


def test_integer_in_any_digit_set():
    # GIVEN khewat numbers in Urdu, Arabic-Indic and Latin digits
    s = spec("integer", min=1, max=99999)
    # WHEN parsed  THEN the same int, stored with Latin digits
    for text in ("۴۷", "٤٧", "47", " 47 "):
        p = parse_value(s, text)
        assert (p.text, p.value) == ("47", 47)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("0", "below the smallest allowed khewat no (1)"),
        ("100000", "above the largest allowed khewat no (99999)"),
        ("4x7", "not a whole number"),
        ("-4", "not a whole number"),
        ("4.5", "not a whole number"),
        ("²", "not a whole number"),
        ("9" * 40, "too many digits"),
    ],
)
def test_integer_limits_and_garbage(text, needle):
    # GIVEN a khewat number out of the template's limits or not a number
    s = spec("integer", label="Khewat no", min=1, max=99999)
    # WHEN parsed  THEN FieldError whose message says what is wrong
    with pytest.raises(FieldError) as e:
        parse_value(s, text)
    assert needle in str(e.value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("25,000", 25000),
        ("۲۵٬۰۰۰", 25000),  # the Arabic thousands separator
        ("۲۵،۰۰۰", 25000),  # the Urdu keyboard's comma
        ("1,50,000", 150000),  # grouped as Pakistan writes lakhs
        ("25,00,000", 2500000),
        ("2,500,000", 2500000),
        ("250000/-", 250000),  # the rupees' closing mark
        ("2,50,000/-", 250000),
        ("۲۵۰۰۰۰/=", 250000),
    ],
)
def test_an_amount_as_clerks_write_it(text, value):
    # GIVEN the fee or price of a mutation written with its digits grouped, or closed by /-
    s = spec("integer", label="Fee (Rs)", min=0, max=10_000_000)
    # WHEN parsed  THEN the amount, stored as plain digits
    p = parse_value(s, text)
    assert (p.text, p.value) == (str(value), value)


@pytest.mark.parametrize("text", ["25,00", "1,5", "47,", "12, 5", ",500"])
def test_commas_that_group_no_thousands_are_refused(text):
    # GIVEN a number whose commas are not between thousands (two numbers, a slip)
    s = spec("integer", label="Khewat no", min=1, max=99999)
    # WHEN parsed  THEN refused, saying how to write it
    with pytest.raises(FieldError, match="is not a whole number: write it without commas, or grouped by thousands"):
        parse_value(s, text)


def test_a_choice_typed_by_its_english_name_is_stored_in_urdu():
    # GIVEN the kind of a mutation typed in English, and an amount typed grouped
    t = builtin("intiqal")
    # WHEN the text to store is made  THEN the register's Urdu word and plain digits; a value
    # that does not fit, or a share/date, stays as typed
    assert stored_text(t.field("mutation_type"), " sale ") == "بیع"
    assert stored_text(t.field("mutation_type"), "Inheritance") == "وراثت"
    assert stored_text(t.field("mutation_type"), "وراثت") == "وراثت"
    assert stored_text(t.field("mutation_type"), "salee") == "salee"
    assert stored_text(t.field("fee"), "2,50,000/-") == "250000"
    assert stored_text(t.field("fee"), "۵۰۰") == "500"
    assert stored_text(t.field("share"), "۳/۱۲") == "3/12"
    assert stored_text(t.field("date"), "۱۲/۳/۲۰۲۴") == "12/3/2024"
    assert stored_text(t.field("transferee"), " مسمات  زینب بی بی ") == "مسمات زینب بی بی"


# ---- khasra and khasra list


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("125", (125,)),
        ("125/5", (125, 5)),
        ("125/5/1", (125, 5, 1)),
        ("۱۲۵/۵", (125, 5)),
        ("125 / 5", (125, 5)),
        ("125\\5", (125, 5)),
    ],
)
def test_khasra_forms(text, value):
    # GIVEN a khasra number as clerks write it  WHEN parsed  THEN a tuple of ints
    assert parse_khasra(text) == value
    assert parse_value(spec("khasra"), text).text == format_khasra(value)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("125/", "empty part"),
        ("abc", "not a khasra number"),
        ("0/5", "khasra number 0"),
        ("1/2/3/4", "not a khasra number"),
    ],
)
def test_bad_khasra(text, needle):
    # GIVEN something that is not a khasra number  WHEN parsed  THEN FieldError with the reason
    with pytest.raises(FieldError) as e:
        parse_khasra(text)
    assert needle in str(e.value)


def test_khasra_list_with_urdu_and_latin_commas():
    # GIVEN khasra lists separated by the Urdu comma, Latin comma, semicolon and spaces
    # WHEN parsed  THEN the same tuple of khasras, stored with Urdu commas
    expected = ((125, 5), (126,), (130, 2))
    for text in (
        "125/5، 126، 130/2",
        "125/5,126,130/2",
        "۱۲۵/۵ ، ۱۲۶ ، ۱۳۰/۲",
        "125/5; 126 130 / 2",
    ):
        assert parse_khasra_list(text) == expected
    p = parse_value(spec("khasra-list"), "125/5,126")
    assert p.text == "125/5، 126" and p.value == ((125, 5), (126,))


def test_khasra_list_problems():
    # GIVEN a list with a repeated khasra, only commas, or a bad item
    # WHEN parsed  THEN FieldError naming the problem
    with pytest.raises(FieldError, match="listed twice"):
        parse_khasra_list("125، 126، 125")
    with pytest.raises(FieldError, match="no khasra numbers"):
        parse_khasra_list("، ،")
    with pytest.raises(FieldError, match="not a khasra number"):
        parse_khasra_list("125، x")


@given(
    st.lists(
        st.tuples(st.integers(1, 99999), st.integers(1, 99)), min_size=1, max_size=8, unique=True
    )
)
def test_khasra_list_round_trip(khasras):
    # GIVEN any list of distinct khasras  WHEN stored text is parsed again  THEN same list
    s = spec("khasra-list")
    text = "، ".join(format_khasra(k) for k in khasras)
    p = parse_value(s, text)
    assert p.value == tuple(khasras)
    assert parse_value(s, p.text).value == tuple(khasras)


# ---- area and share


def test_area_and_share_fields():
    # GIVEN an area and a share field
    # WHEN parsed  THEN exact values; the share keeps the clerk's parts/total
    a = parse_value(spec("area"), "۱۲-۵")
    assert (a.text, a.value) == ("12-5", Area.of(12, 5))
    s = parse_value(spec("share"), "3/12")
    assert (s.text, s.value) == ("3/12", Fraction(1, 4))


@pytest.mark.parametrize(
    ("kind", "text"), [("area", "12-25"), ("area", "12"), ("share", "9/8"), ("share", "3/0")]
)
def test_area_and_share_errors_are_field_errors(kind, text):
    # GIVEN a bad area or share  WHEN parsed as a field  THEN FieldError (not UnitError leaking)
    with pytest.raises(FieldError):
        parse_value(spec(kind), text)


# ---- date


@pytest.mark.parametrize(
    "text",
    [
        "14-03-2019",
        "14/3/2019",
        "14.03.2019",
        "2019-03-14",
        "14-03-19",
        "14/3/19",
        "2019/03/14",
        "14 Mar 2019",
        "14 March 2019",
        "۱۴-۰۳-۲۰۱۹",
    ],
)
def test_date_formats_clerks_write(text):
    # GIVEN the same date in the formats clerks use  WHEN parsed  THEN 14 March 2019, stored ISO
    p = parse_value(spec("date"), text)
    assert p.value == dt.date(2019, 3, 14) and p.text == "2019-03-14"


@pytest.mark.parametrize(
    ("text", "needle"),
    [("31-02-2019", "not a date"), ("14-03-1700", "not plausible"), ("yesterday", "not a date")],
)
def test_bad_dates(text, needle):
    # GIVEN an impossible, implausible or garbled date  WHEN parsed  THEN FieldError with the reason
    with pytest.raises(FieldError) as e:
        parse_value(spec("date"), text)
    assert needle in str(e.value)


# ---- CNIC


@pytest.mark.parametrize(
    "text", ["35202-1234567-1", "3520212345671", "۳۵۲۰۲-۱۲۳۴۵۶۷-۱", "35202 1234567 1"]
)
def test_cnic_forms(text):
    # GIVEN a CNIC with or without dashes, in Urdu digits or with spaces
    # WHEN parsed  THEN #####-#######-# with Latin digits
    assert parse_value(spec("cnic"), text).text == "35202-1234567-1"


@pytest.mark.parametrize(
    "text", ["35202-123456-1", "3520212345671234", "abcde-fghijkl-m", "३५२०२१२३४५६७१"]
)
def test_bad_cnic(text):
    # GIVEN a CNIC with too few/many digits, letters or Devanagari digits
    # WHEN parsed  THEN FieldError saying 13 digits
    with pytest.raises(FieldError, match="13 digits"):
        parse_value(spec("cnic"), text)


# ---- choice


def test_choice_in_urdu_and_english():
    # GIVEN the land class field of the jamabandi template
    land = builtin("jamabandi").column("land_class")
    # WHEN a class is typed in Urdu (either letter forms) or English (any case)
    # THEN the stored value is the Urdu choice
    assert parse_value(land, "نہری").text == "نہری"
    assert parse_value(land, "Canal-Irrigated").text == "نہری"
    assert parse_value(land, "بنجر  قدیم").text == "بنجر قدیم"
    assert parse_value(land, "چاهی").text == "چاہی"  # Arabic heh typed


@pytest.mark.parametrize("typed, crop", [
    ("گنّا", "گنا"), ("گندُم", "گندم"),  # with harakat
    ("کنک", "گندم"), ("کماد", "گنا"), ("دھان", "چاول"), ("مونجی", "چاول"),  # Punjabi names
    ("باجرا", "باجرہ"), ("مکی", "مکئی"), ("چنے", "چنا"), ("سبزیاں", "سبزی"),  # spellings
    ("sugar cane", "گنا"), ("Sugar-Cane", "گنا"), ("paddy", "چاول"), ("corn", "مکئی"), ("vegetable", "سبزی"),
])
def test_a_crop_written_as_clerks_write_it_is_the_crop(typed, crop):
    # GIVEN the crop column of the girdawari
    field = builtin("girdawari").column("crop")
    # WHEN the clerk types the crop with harakat, by its Punjabi name, in another spelling or in English
    # THEN it is taken as the crop of the list (it was refused: "not one of the choices")
    assert parse_value(field, typed).text == crop


def test_a_choice_list_with_a_bad_also_spelling_is_refused_naming_the_field():
    from records.templates import TemplateError, parse_template

    tpl = {"id": "x", "version": 1, "title": {"ur": "x", "en": "x"}, "header": [], "columns": [
        {"name": "crop", "kind": "choice", "label": {"ur": "جنس", "en": "Crop"},
         "choices": [{"ur": "گندم", "en": "wheat", "also": ["کنک", 5]}]}]}
    with pytest.raises(TemplateError, match="office.json.*crop.*also"):
        parse_template(tpl, "office.json")
    tpl["columns"][0]["choices"][0]["also"] = "کنک"  # a text, not a list of texts
    with pytest.raises(TemplateError, match="office.json.*crop.*also"):
        parse_template(tpl, "office.json")


def test_bad_choice_lists_the_options():
    # GIVEN a choice field  WHEN given a value not in the list  THEN FieldError listing the choices
    s = spec("choice", label="Harvest", choices=(Choice("خریف", "kharif"), Choice("ربیع", "rabi")))
    with pytest.raises(FieldError) as e:
        parse_value(s, "summer")
    assert "Harvest" in str(e.value) and "خریف" in str(e.value)


# ---- text, required, display


def test_text_normalised_and_pattern_checked():
    # GIVEN a text field and a year field with a pattern
    # WHEN parsed  THEN text is normalised; a year not of the pattern is refused
    assert parse_value(spec("text-ur"), " پتی   شرقی ").text == "پتی شرقی"
    year = builtin("jamabandi").field("year")
    assert parse_value(year, "2019-20").text == "2019-20"
    with pytest.raises(FieldError, match="form expected for Year"):
        parse_value(year, "20-2019")


def test_required_and_optional_empty_values():
    # GIVEN a required and an optional field
    # WHEN given nothing, blanks or only bidi controls
    # THEN the required one says it is required; the optional one gives None
    for empty in (None, "", "  ", "\u200f"):
        with pytest.raises(FieldError, match="Owner is required"):
            parse_value(spec("text-ur", label="Owner", required=True), empty)
        assert parse_value(spec("area"), empty) is None


def test_check_value_gives_the_message_or_none():
    # GIVEN a good and a bad area  WHEN checked  THEN None, or the clerk-facing message
    assert check_value(spec("area"), "12-5") is None
    assert "marla must be below 20" in check_value(spec("area"), "12-25")


def test_unknown_kind_is_a_field_error():
    # GIVEN a spec with a kind no parser knows  WHEN parsed  THEN FieldError naming the kind
    with pytest.raises(FieldError, match="unknown field kind 'colour'"):
        parse_value(spec("colour"), "red")


def test_display_value_digits_and_isolation():
    # GIVEN a numeric and a text field
    # WHEN displayed with Urdu digits
    # THEN numbers get Urdu digits inside a left-to-right isolate; text is not isolated
    assert display_value(spec("area"), "12-5", urdu_digits=True) == f"{LRI}۱۲-۵{PDI}"
    assert display_value(spec("area"), "12-5") == f"{LRI}12-5{PDI}"
    assert display_value(spec("text-ur"), "پتی 2", urdu_digits=True) == "پتی ۲"
    assert display_value(spec("area"), "") == ""


KINDS = ["integer", "text-ur", "text-en", "khasra", "khasra-list", "area", "share", "date", "cnic"]


@given(st.sampled_from(KINDS), st.text(max_size=30))
def test_any_text_gives_a_value_or_a_field_error(kind, text):
    # GIVEN any text for any kind  WHEN parsed  THEN a value, None or FieldError; never another error
    try:
        parse_value(spec(kind), text)
    except FieldError as e:
        assert str(e)


@pytest.mark.parametrize("text", ["14 مارچ 2019", "۱۴ مارچ ۲۰۱۹ء", "14-03-2019ء", "14 مارچ، 2019"])
def test_dates_with_urdu_month_names_and_year_mark(text):
    # GIVEN a date written the Urdu way: month name in Urdu, year followed by ء
    # WHEN parsed  THEN 14 March 2019
    assert parse_value(spec("date"), text).value == dt.date(2019, 3, 14)


def test_numbers_inside_text_fields_keep_their_order():
    # GIVEN remarks holding a date, an area and a khasra after Urdu words
    remarks = "انتقال نمبر 1234 بتاریخ 12-05-2019، رقبہ 12-5، خسرہ 125/5"
    # WHEN shown
    shown = display_value(spec("text-ur"), remarks, urdu_digits=True)
    # THEN each grouped number is in a left-to-right isolate (bidi showed 2019-05-12 and 5-12);
    # plain numbers and the words are as they were
    assert shown == (f"انتقال نمبر ۱۲۳۴ بتاریخ {LRI}۱۲-۰۵-۲۰۱۹{PDI}، رقبہ {LRI}۱۲-۵{PDI}، "
                     f"خسرہ {LRI}۱۲۵/۵{PDI}")
    assert display_value(spec("text-ur"), "پتی 2") == "پتی 2"
