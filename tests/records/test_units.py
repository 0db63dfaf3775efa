"""Exact land arithmetic: areas in integer sarsai, shares as Fractions."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from records.text import urdu_digits
from records.units import (
    SARSAI_PER_ACRE,
    Area,
    UnitError,
    format_share,
    parse_share,
    total_area,
)

areas = st.builds(Area, st.integers(min_value=0, max_value=10**8))
signed_areas = st.builds(Area, st.integers(min_value=-(10**8), max_value=10**8))


@given(areas)
def test_area_format_parse_round_trip(area):
    # GIVEN any area  WHEN formatted and parsed back  THEN it is the same area
    assert Area.parse(area.format()) == area
    assert Area.parse(area.format(with_sarsai=True)) == area


@given(areas)
def test_area_round_trip_in_urdu_digits(area):
    # GIVEN an area written in Urdu digits  WHEN parsed  THEN it is the same area
    assert Area.parse(urdu_digits(area.format())) == area


@given(signed_areas)
def test_parts_are_always_within_limits(area):
    # GIVEN any area (a difference may be negative)
    k, m, s = area.parts
    # WHEN split into kanal, marla, sarsai
    # THEN marla < 20, sarsai < 9, all parts share the sign, and they rebuild the area
    assert 0 <= abs(m) < 20 and 0 <= abs(s) < 9
    assert all(p >= 0 for p in (k, m, s)) or all(p <= 0 for p in (k, m, s))
    assert Area.of(k, m, s) == area


@given(signed_areas, signed_areas, signed_areas)
def test_addition_is_associative_and_subtraction_undoes_it(a, b, c):
    # GIVEN three areas  WHEN added in either grouping  THEN the sums are equal
    assert (a + b) + c == a + (b + c)
    # AND subtracting what was added gives the start back
    assert (a + b) - b == a
    assert total_area([a, b, c]) == a + b + c


@given(areas)
def test_acres_are_exact(area):
    # GIVEN an area  WHEN converted to acres  THEN an exact Fraction with 1440 sarsai per acre
    acres = area.acres()
    assert isinstance(acres, Fraction)
    assert acres * SARSAI_PER_ACRE == area.sarsai


def test_known_conversions():
    # GIVEN the units of the registers
    # WHEN areas are built and converted
    # THEN 8 kanal = 1 acre, 20 marla = 1 kanal, 9 sarsai = 1 marla
    assert Area.of(kanal=8).acres() == 1
    assert Area.of(marla=20) == Area.of(kanal=1)
    assert Area.of(sarsai=9) == Area.of(marla=1)
    assert Area.parse("12-5").parts == (12, 5, 0)
    assert Area.parse("12-5-3").sarsai == 12 * 180 + 5 * 9 + 3
    assert Area.parse("4-0").acres() == Fraction(1, 2)


def test_negative_difference_formats_readably():
    # GIVEN a khewat total smaller than its khasras
    diff = Area.parse("1-0") - Area.parse("2-5")
    # WHEN formatted  THEN it reads as minus 1 kanal 5 marla
    assert diff.format() == "-1-5"
    assert diff < Area(0)


def test_area_compares_and_sorts():
    # GIVEN areas  WHEN compared  THEN by size
    assert Area.parse("1-19") < Area.parse("2-0") <= Area.parse("2-0")
    assert sorted([Area(5), Area(1), Area(3)]) == [Area(1), Area(3), Area(5)]


def test_area_refuses_floats_and_other_types():
    # GIVEN a float or a number where an Area belongs
    # WHEN used  THEN TypeError: areas are never floats
    with pytest.raises(TypeError):
        Area(1.5)
    with pytest.raises(TypeError):
        Area(1) + 1


def test_area_times_share_is_exact():
    # GIVEN a 12-5 khewat and a 3/8 share
    # WHEN multiplied  THEN an exact Fraction of sarsai
    assert Area.parse("12-5") * Fraction(3, 8) == Fraction(2205 * 3, 8)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "not an area"),
        ("12", "not an area"),
        ("abc", "not an area"),
        ("12-5-3-1", "not an area"),
        ("12-20", "marla must be below 20"),
        ("12-5-9", "sarsai must be below 9"),
        ("1" * 5000 + "-5", "check the digits"),
        ("-12-5", "not an area"),
    ],
)
def test_bad_areas_give_unit_error_with_message(text, needle):
    # GIVEN text that is not an area  WHEN parsed  THEN UnitError whose message says why
    with pytest.raises(UnitError) as e:
        Area.parse(text)
    assert needle in str(e.value)


@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_share_parse_format_round_trip(a, b):
    # GIVEN any share parts/total with parts <= total
    num, den = min(a, b), max(a, b)
    # WHEN parsed and formatted
    share = parse_share(f"{num}/{den}")
    # THEN it is the exact Fraction, and its formatted text parses to it again
    assert share == Fraction(num, den)
    assert parse_share(format_share(share)) == share


@given(st.lists(st.integers(1, 64), min_size=1, max_size=30))
def test_share_sums_are_exact(denominators):
    # GIVEN a khewat split into 1/d shares, d parts each
    shares = [parse_share(f"1/{d}") for d in denominators for _ in range(d)]
    # WHEN summed  THEN exactly one whole per denominator, no rounding
    assert sum(shares, Fraction(0)) == len(denominators)


def test_share_in_other_digit_sets_and_slashes():
    # GIVEN a share in Urdu digits, with spaces, a backslash and a fraction slash
    # WHEN parsed  THEN all are 3/8
    for text in ("۳/۸", "٣ / ٨", "3\\8", "3\u20448", "3\u22158"):
        assert parse_share(text) == Fraction(3, 8)
    assert parse_share("1") == 1
    assert parse_share("8/8") == 1


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("3/0", "cannot be 0"),
        ("0/8", "0 parts"),
        ("9/8", "cannot exceed the total"),
        ("abc", "not a share"),
        ("", "not a share"),
        ("3/8/2", "not a share"),
        ("2", "not a share"),
        ("1.5", "not a share"),
        ("1/" + "9" * 5000, "check the digits"),
    ],
)
def test_bad_shares_give_unit_error_with_message(text, needle):
    # GIVEN text that is not a share  WHEN parsed  THEN UnitError whose message says why
    with pytest.raises(UnitError) as e:
        parse_share(text)
    assert needle in str(e.value)


@given(st.text(max_size=40))
def test_garbage_never_raises_anything_but_unit_error(text):
    # GIVEN any text  WHEN parsed as area and share  THEN a value or a UnitError, nothing else
    for parse in (Area.parse, parse_share):
        try:
            parse(text)
        except UnitError:
            pass
