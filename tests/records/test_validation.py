"""Validation rules on good and bad pages; garbage never crashes."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from records.flags import ERROR, WARNING, Flag
from records.templates import builtin
from records.units import Area
from records.validation import khewat_summary, validate_header, validate_row, validate_rows

OWNER_A = "محمد اسلم ولد غلام رسول قوم اعوان سکنہ دیہہ"
OWNER_B = "احمد علی ولد غلام رسول قوم اعوان سکنہ دیہہ"
OWNER_C = "زینب بی بی دختر غلام رسول قوم اعوان سکنہ دیہہ"


def jamabandi_page() -> list[dict[str, str]]:
    """Two khewats: 47 (two khatoonis, three owners, a total row) and 48 (one owner)."""
    return [
        {"khewat_no": "47", "khatooni_no": "112", "patti": "پتی شرقی", "owner": OWNER_A,
         "share": "3/8", "cultivator": "خود کاشت", "irrigation": "چاہی",
         "khasra_nos": "125/5، 126", "area": "12-5", "land_class": "نہری"},
        {"khewat_no": "۴۷", "khatooni_no": "۱۱۲", "owner": OWNER_B, "share": "۳/۸",
         "khasra_nos": "125/5، 126", "area": "12-5", "land_class": "canal-irrigated"},
        {"khewat_no": "47", "khatooni_no": "113", "owner": OWNER_C, "share": "2/8",
         "khasra_nos": "130/2", "area": "2-0-4", "land_class": "بارانی"},
        {"khewat_no": "47", "owner": "میزان", "area": "14-5-4"},
        {"khewat_no": "48", "khatooni_no": "114", "owner": OWNER_A, "share": "1",
         "khasra_nos": "131", "area": "3-10", "remarks": "انتقال نمبر 1234"},
    ]  # fmt: skip


def girdawari_page() -> list[dict[str, str]]:
    return [
        {"khasra_no": "125/5", "khewat_no": "47", "owner": OWNER_A, "area": "8-0",
         "crop": "گندم", "crop_area": "5-0"},
        {"khasra_no": "125/5", "khewat_no": "47", "owner": OWNER_A, "area": "8-0",
         "crop": "چارہ", "crop_area": "3-0"},
        {"khasra_no": "126", "khewat_no": "47", "owner": OWNER_B, "area": "4-5",
         "crop": "cotton", "crop_area": "4-5"},
        {"khewat_no": "47", "owner": "میزان", "area": "12-5"},
    ]  # fmt: skip


def intiqal_page() -> list[dict[str, str]]:
    return [
        {"mutation_no": "1234", "date": "14-03-2019", "mutation_type": "بیع", "khewat_no": "47",
         "khasra_nos": "125/5، 126", "area": "2-0", "share": "1/8", "transferor": OWNER_A,
         "transferee": OWNER_B, "fee": "500"},
        {"mutation_no": "1235", "date": "2019-04-01", "mutation_type": "inheritance",
         "khewat_no": "47", "khasra_nos": "125/5، 126", "area": "4-0", "share": "3/8",
         "transferor": OWNER_A, "transferee": OWNER_C},
    ]  # fmt: skip


def codes(flags: list[Flag]) -> list[tuple[str, str, str | None, int | None]]:
    return [(f.code, f.severity, f.field, f.row) for f in flags]


@pytest.mark.parametrize(
    ("name", "page"),
    [("jamabandi", jamabandi_page), ("girdawari", girdawari_page), ("intiqal", intiqal_page)],
)
def test_good_pages_give_no_flags(name, page):
    # GIVEN a correct page of each register  WHEN validated  THEN no flags at all
    assert validate_rows(builtin(name), page()) == []
    assert validate_rows(name, page()) == []  # the template may be given by name


def test_good_header_gives_no_flags():
    # GIVEN a complete girdawari header  WHEN validated  THEN no flags
    header = {"district": "قصور", "tehsil": "چونیاں", "mauza": "دیہہ", "hadbast_no": "۱۲",
              "year": "2019-20", "harvest": "ربیع"}  # fmt: skip
    assert validate_header("girdawari", header) == []


def test_header_problems_are_flagged_without_a_row():
    # GIVEN a header with a missing mauza, a hadbast number too large and a bad year
    header = {"district": "قصور", "tehsil": "چونیاں", "hadbast_no": "12345", "year": "۲۰۱۹ء"}
    # WHEN validated
    flags = validate_header("jamabandi", header)
    # THEN one flag per field, each attached to the field with no row
    assert codes(flags) == [
        ("required", ERROR, "mauza", None),
        ("range", ERROR, "hadbast_no", None),
        ("parse", ERROR, "year", None),
    ]
    assert flags[0].message == "Page header: Mauza is empty; it is required"
    assert "9999" in flags[1].message


def test_row_rules_required_parse_range():
    # GIVEN a jamabandi row with an empty owner, a khewat above the limit, a bad area
    row = jamabandi_page()[0] | {"owner": "", "khewat_no": "100000", "area": "12-25"}
    # WHEN validated as row 7 (index 6)
    flags = validate_row(builtin("jamabandi"), row, 6)
    # THEN required, range and parse flags on the right fields, messages counting from 1
    assert codes(flags) == [
        ("range", ERROR, "khewat_no", 6),
        ("required", ERROR, "owner", 6),
        ("parse", ERROR, "area", 6),
    ]
    assert flags[0].message.startswith("Row 7 (khatooni 112): Khewat no: 100000 is above")
    assert "marla must be below 20" in flags[2].message


def test_share_sum_above_one_is_an_error_at_the_row_that_passes_one():
    # GIVEN khewat 47 whose third owner has 3/8 instead of 2/8 (sum 9/8)
    page = jamabandi_page()
    page[2]["share"] = "3/8"
    # WHEN validated
    flags = validate_rows("jamabandi", page)
    # THEN one share_sum error on the share of row 3, naming the khewat and the sum
    assert codes(flags) == [("share_sum", ERROR, "share", 2)]
    assert "Khewat 47" in flags[0].message and "9/8" in flags[0].message


def test_share_sum_below_one_is_a_warning():
    # GIVEN khewat 48 with a half share only
    page = jamabandi_page()
    page[4]["share"] = "1/2"
    # WHEN validated  THEN a warning on the khewat's last share row, saying 1/2 is missing
    flags = validate_rows("jamabandi", page)
    assert codes(flags) == [("share_sum", WARNING, "share", 4)]
    assert "Khewat 48" in flags[0].message and "1/2 is missing" in flags[0].message


def test_owner_listed_under_two_khatoonis_counts_once():
    # GIVEN owner B of khewat 47 also holding khatooni 113 land with the same share
    page = jamabandi_page()
    page.insert(3, page[1] | {"khatooni_no": "113", "khasra_nos": "130/2", "area": "2-0-4"})
    # WHEN validated  THEN the shares still add up to 1: no flag
    assert validate_rows("jamabandi", page) == []


def test_same_owner_with_two_different_shares_is_a_warning():
    # GIVEN owner B listed again in khewat 47 with a different share
    page = jamabandi_page()
    page.insert(
        3, page[1] | {"khatooni_no": "113", "khasra_nos": "130/2", "area": "2-0-4", "share": "1/8"}
    )
    # WHEN validated  THEN a share_conflict warning on the later row
    flags = validate_rows("jamabandi", page)
    assert codes(flags) == [("share_conflict", WARNING, "share", 3)]
    assert "row 2" in flags[0].message


def test_khasra_under_two_khewats_is_an_error():
    # GIVEN khewat 48 listing khasra 126, which is under khewat 47 khatooni 112
    page = jamabandi_page()
    page[4]["khasra_nos"] = "131، 126"
    # WHEN validated
    flags = validate_rows("jamabandi", page)
    # THEN khasra_owner error on row 5's khasra list naming khasra, place and first row
    assert codes(flags) == [("khasra_owner", ERROR, "khasra_nos", 4)]
    msg = flags[0].message
    assert "khasra 126" in msg and "khewat 47 khatooni 112 on row 1" in msg


def test_khasra_under_two_khatoonis_of_one_khewat_is_an_error():
    # GIVEN khatooni 113 of khewat 47 listing 126 too
    page = jamabandi_page()
    page[2]["khasra_nos"] = "130/2، 126"
    # WHEN validated  THEN a khasra_owner error on row 3
    assert ("khasra_owner", ERROR, "khasra_nos", 2) in codes(validate_rows("jamabandi", page))


def test_khewat_total_disagreeing_with_its_khasra_areas_is_an_error():
    # GIVEN khewat 47's total row saying 15-0 while its lands add up to 14-5-4
    page = jamabandi_page()
    page[3]["area"] = "15-0"
    # WHEN validated
    flags = validate_rows("jamabandi", page)
    # THEN area_total error on the total row, with both figures and the difference
    assert codes(flags) == [("area_total", ERROR, "area", 3)]
    assert "15-0" in flags[0].message and "14-5-4" in flags[0].message
    assert "0-14-5 less" in flags[0].message


def test_same_land_with_two_areas_is_a_warning():
    # GIVEN owner B's line of khatooni 112 with a different area for the same khasras
    page = jamabandi_page()
    page[1]["area"] = "12-6"
    # WHEN validated  THEN area_conflict warning on row 2 (the total still checks the first)
    assert codes(validate_rows("jamabandi", page)) == [("area_conflict", WARNING, "area", 1)]


def test_total_row_needs_only_khewat_and_area():
    # GIVEN a total row without its area
    page = jamabandi_page()
    page[3] = {"khewat_no": "47", "owner": "میزان"}
    # WHEN validated  THEN only the missing area is flagged
    assert codes(validate_rows("jamabandi", page)) == [("required", ERROR, "area", 3)]


def test_cross_rules_skip_a_khewat_with_unreadable_values():
    # GIVEN khewat 47 where one share does not parse
    page = jamabandi_page()
    page[2]["share"] = "2/x"
    # WHEN validated  THEN the parse flag only, no share_sum noise about an incomplete sum
    assert codes(validate_rows("jamabandi", page)) == [("parse", ERROR, "share", 2)]


def test_girdawari_crop_area_above_area_is_an_error():
    # GIVEN a girdawari row whose crop area exceeds the khasra area
    page = girdawari_page()
    page[2]["crop_area"] = "4-6"
    # WHEN validated  THEN crop_area error on that row, naming the khasra
    flags = validate_rows("girdawari", page)
    assert codes(flags) == [("crop_area", ERROR, "crop_area", 2)]
    assert "khasra 126" in flags[0].message


def test_girdawari_crops_of_one_khasra_together_above_its_area():
    # GIVEN khasra 125/5 (8-0) with crops 5-0 and 3-5
    page = girdawari_page()
    page[1]["crop_area"] = "3-5"
    # WHEN validated  THEN crop_area error on the second crop row, listing both rows
    flags = validate_rows("girdawari", page)
    assert codes(flags) == [("crop_area", ERROR, "crop_area", 1)]
    assert "rows 1, 2" in flags[0].message and "8-5" in flags[0].message


def test_girdawari_crop_area_without_a_crop_is_an_error():
    # GIVEN a girdawari row whose crop area was typed after the field visit but not its crop,
    # and a row with neither (a khasra not sown: no crop, no crop area)
    page = girdawari_page()
    page[2]["crop"] = ""
    page.append({"khasra_no": "127", "khewat_no": "48", "owner": OWNER_B, "area": "2-0"})
    # WHEN validated
    flags = validate_rows("girdawari", page)
    # THEN the crop of the row with a crop area is asked for, naming the khasra (it was
    # submitted, approved and printed as an area under no crop); the unsown khasra is left
    assert codes(flags) == [("crop_missing", ERROR, "crop", 2)]
    assert "khasra 126" in flags[0].message and "4-5" in flags[0].message


def test_girdawari_khasra_listed_beside_its_own_sub_divisions_is_a_warning():
    # GIVEN khasra 126 split into 126/1 and 126/2 after the field visit: the new rows added,
    # the old row of 126 (4-5) kept by mistake
    page = girdawari_page()
    page[-1:-1] = [
        {"khasra_no": "126/1", "khewat_no": "47", "owner": OWNER_B, "area": "2-0"},
        {"khasra_no": "۱۲۶/۲", "khewat_no": "47", "owner": OWNER_B, "area": "2-5"},
    ]
    # WHEN validated
    flags = [f for f in validate_rows("girdawari", page) if f.code == "khasra_split"]
    # THEN each sub-division's row is warned that 126 is also listed (its land counted twice)
    assert codes(flags) == [("khasra_split", WARNING, "khasra_no", 3), ("khasra_split", WARNING, "khasra_no", 4)]
    assert "126/1" in flags[0].message and "khasra 126," in flags[0].message and "rows 3, 4" in flags[0].message
    # WHEN the old row is given the first new number (the split done right)
    page[2]["khasra_no"] = "126/3"
    # THEN no warning: 125/5's two crop rows are one khasra, 126/1, 126/2 and 126/3 siblings
    assert not [f for f in validate_rows("girdawari", page) if f.code == "khasra_split"]


def test_girdawari_khasra_under_two_khewats():
    # GIVEN khasra 126 entered again under khewat 50
    page = girdawari_page() + [
        {"khasra_no": "126", "khewat_no": "50", "owner": OWNER_C, "area": "1-0"}
    ]
    # WHEN validated  THEN khasra_owner error on the khasra_no of the new row
    assert codes(validate_rows("girdawari", page)) == [("khasra_owner", ERROR, "khasra_no", 4)]


def test_girdawari_total_counts_each_khasra_once():
    # GIVEN a total row disagreeing with khasras 125/5 (8-0, two crops) + 126 (4-5)
    page = girdawari_page()
    page[3]["area"] = "20-10"
    # WHEN validated  THEN area_total error: the khasras add up to 12-5
    flags = validate_rows("girdawari", page)
    assert codes(flags) == [("area_total", ERROR, "area", 3)]
    assert "12-5" in flags[0].message


def test_intiqal_share_above_one_and_bad_area():
    # GIVEN a mutation transferring 9/8 and one with an unreadable area
    page = intiqal_page()
    page[0]["share"] = "9/8"
    page[1]["area"] = "4-0-0-0"
    # WHEN validated
    flags = validate_rows("intiqal", page)
    # THEN parse errors on those fields, naming the mutation and khewat
    assert codes(flags) == [("parse", ERROR, "share", 0), ("parse", ERROR, "area", 1)]
    assert flags[0].message.startswith("Row 1 (mutation 1234, khewat 47): Share:")
    assert "cannot exceed the total" in flags[0].message


def test_intiqal_same_khasra_in_many_mutations_is_fine():
    # GIVEN two mutations of khasra 125/5 under different khewats (land changes hands)
    page = intiqal_page()
    page[1]["khewat_no"] = "60"
    # WHEN validated  THEN no khasra_owner flag: mutations are not holdings
    assert validate_rows("intiqal", page) == []


def test_khewat_summary_totals():
    # GIVEN the good jamabandi page
    # WHEN summarised
    summary = khewat_summary("jamabandi", jamabandi_page())
    # THEN per khewat: the area of distinct lands, the given total, share sum, owners
    k47, k48 = summary[47], summary[48]
    assert list(summary) == [47, 48]
    assert k47.area == Area.parse("14-5-4") == k47.given_total and k47.area_matches
    assert k47.share_sum == 1 and k47.owners == 3 and k47.rows == (0, 1, 2, 3)
    assert k47.khasras == ((125, 5), (126,), (130, 2))
    assert k48.area == Area.parse("3-10") and k48.given_total is None
    assert k48.area_matches is None and k48.share_sum == Fraction(1)


def test_khewat_summary_marks_incomplete_khewats():
    # GIVEN a page where one area of khewat 47 is unreadable
    page = jamabandi_page()
    page[2]["area"] = "??"
    # WHEN summarised  THEN khewat 47 is incomplete and no area check is claimed
    k47 = khewat_summary("jamabandi", page)[47]
    assert not k47.complete and k47.area_matches is None
    assert k47.area == Area.parse("12-5")


def test_bad_template_name_is_a_flag_not_a_crash():
    # GIVEN a template name that does not exist  WHEN validating  THEN one template flag
    flags = validate_rows("no_such_template", jamabandi_page())
    assert [f.code for f in flags] == ["template"]


GARBAGE = [
    None, "", " ", 0, -1, 3.5, True, b"\xff\xfe", ["12-5"], {"a": 1}, object(),
    "12-5", "3/8", "9/8", "0/0", "1" * 5000, "²", "١٢٥/٥، ١٢٦", "125//5", "،،", "میزان",
    "\u202e47\u202c", "\x00", "total", "14-03-2019", "31-02-2019", "نہری", "\ud800",
]  # fmt: skip


COLUMN_NAMES = sorted(
    {c for n in ("jamabandi", "girdawari", "intiqal") for c in builtin(n).column_names}
)


def test_twenty_thousand_garbage_rows_never_raise():
    # GIVEN 20,000 rows of random garbage for every template (plus rows that are not dicts)
    rng = random.Random(3)
    for name in ("jamabandi", "girdawari", "intiqal"):
        t = builtin(name)
        keys = [*t.column_names, "unknown", 7]
        rows = [
            {rng.choice(keys): rng.choice(GARBAGE) for _ in range(rng.randint(0, 14))}
            for _ in range(20_000 // 3)
        ]
        rows += [None, 5, "row", ["a"]]
        # WHEN validated and summarised
        flags = validate_rows(t, rows)
        summary = khewat_summary(t, rows)
        # THEN only flags come back, each with a known severity, a message and a row in range
        assert flags and all(isinstance(f, Flag) for f in flags)
        assert {f.severity for f in flags} <= {ERROR, WARNING}
        assert all(f.message and (f.row is None or 0 <= f.row < len(rows)) for f in flags)
        assert all(k.khewat_no == no for no, k in summary.items())


@st.composite
def good_registers(draw):
    """Khewats with shares that add up to 1, lands split over khatoonis, a total row each."""
    rows, khasra, khatooni = [], 1, 1
    for khewat in range(1, draw(st.integers(1, 6)) + 1):
        den = draw(st.integers(1, 24))
        cuts = sorted(draw(st.sets(st.integers(1, den - 1), max_size=4))) if den > 1 else []
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, den], strict=True)]
        lands = []
        for _ in range(draw(st.integers(1, 3))):
            lands.append((khatooni, f"{khasra}/1، {khasra + 1}", Area(draw(st.integers(1, 5000)))))
            khatooni += 1
            khasra += 2
        for o, part in enumerate(parts):
            for k_no, khasras, area in lands:  # every owner line repeats each khatooni
                rows.append(
                    {"khewat_no": str(khewat), "khatooni_no": str(k_no), "owner": f"مالک {o}",
                     "share": f"{part}/{den}", "khasra_nos": khasras, "area": area.format()}
                )  # fmt: skip
        total = Area(sum(a.sarsai for _, _, a in lands))
        rows.append({"khewat_no": str(khewat), "owner": "میزان", "area": total.format()})
    return rows


@settings(max_examples=60, deadline=None)
@given(good_registers())
def test_generated_good_registers_give_no_flags_and_whole_shares(rows):
    # GIVEN a register whose shares and areas are right by construction
    # WHEN validated and summarised
    flags = validate_rows("jamabandi", rows)
    summary = khewat_summary("jamabandi", rows)
    # THEN no flags; every khewat holds exactly 1 and its lands match its total
    assert flags == []
    assert all(k.share_sum == 1 and k.area_matches for k in summary.values())


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["jamabandi", "girdawari", "intiqal"]),
    st.lists(
        st.dictionaries(
            st.sampled_from(COLUMN_NAMES), st.text(max_size=10) | st.sampled_from(GARBAGE[11:])
        ),
        max_size=10,
    ),
)
def test_any_rows_give_only_flags(name, rows):
    # GIVEN any rows of any text  WHEN validated  THEN flags, each tied to a row of the input
    flags = validate_rows(name, rows)
    assert all(f.row is None or 0 <= f.row < len(rows) for f in flags)


def test_cross_rows_only_leaves_out_field_flags():
    # GIVEN a page with an unreadable khatooni on row 2 and a khasra under two khewats on row 5
    page = jamabandi_page()
    page[4]["khasra_nos"] = "131، 126"
    page[1]["khatooni_no"] = "x"
    # WHEN validated for cross-row rules only
    flags = validate_rows("jamabandi", page, cross_rows_only=True)
    # THEN the khasra rule fires and the parse flag of row 2 is left out
    assert ("parse", ERROR, "khatooni_no", 1) in codes(validate_rows("jamabandi", page))
    assert [f.code for f in flags] == ["khasra_owner"]


def _mutation_rows(shares: list[str], **same) -> list[dict[str, str]]:
    """One mutation keyed as a clerk does: a row per transferee, the rest copied down."""
    heirs = ["مسمات زینب بی بی زوجہ غلام رسول", "محمد اسلم ولد غلام رسول", "احمد علی ولد غلام رسول",
             "مسمات رشیدہ بی بی دختر غلام رسول"]
    base = {"mutation_no": "1201", "date": "12-3-2024", "mutation_type": "وراثت", "khewat_no": "47",
            "khasra_nos": "125/5، 126", "area": "12-5", "transferor": "غلام رسول ولد کرم دین", **same}
    return [dict(base, share=s, transferee=h) for s, h in zip(shares, heirs, strict=False)]


def test_an_inheritance_whose_heirs_shares_add_up_to_its_share_is_fine():
    # GIVEN the 1/3 of a khewat inherited by a widow (1/8 of it: 1/24) and two sons and a
    # daughter (the rest 2:2:1: 7/60, 7/60, 7/120), typed with Urdu and Latin digits
    rows = _mutation_rows(["1/24", "۷/۶۰", "7/60", "7/120"])
    rows[1]["date"] = "۱۲/۳/۲۰۲۴"  # the same date as the clerk writes it too
    # WHEN validated  THEN nothing is flagged
    assert validate_rows("intiqal", rows) == []


def test_the_shares_of_one_mutation_more_than_the_whole_khewat_are_an_error():
    # GIVEN a sale to three buyers, each keyed 1/2 of the khewat (the page says 1/2 of 1/3)
    rows = _mutation_rows(["1/2", "1/2", "1/2"], mutation_no="1204", mutation_type="بیع", khewat_no="60")
    # WHEN validated
    flags = validate_rows("intiqal", rows)
    # THEN one error on the share of the row where the sum passes 1, naming the mutation, the
    # khewat, the sum and its rows
    assert codes(flags) == [("mutation_share_sum", ERROR, "share", 2)]
    assert flags[0].message.startswith("Mutation 1204, khewat 60: the shares passed add up to 3/2, more than "
                                       "the whole khewat (1) (rows 1, 2, 3); the total passes 1 at row 3.")
    # AND two mutations of the same khewat are not added together (each passes its own share)
    other = _mutation_rows(["1/2"], mutation_no="1205", khewat_no="60")
    assert validate_rows("intiqal", [rows[0], *other]) == []


def test_the_rows_of_one_mutation_disagreeing_on_the_date_or_kind_are_flagged():
    # GIVEN a mutation of three rows, the third keyed with another date and kind (or the next
    # mutation keyed with the same number)
    rows = _mutation_rows(["1/24", "7/60", "7/60"])
    rows[2].update(date="13-3-2024", mutation_type="sale")
    # WHEN validated
    flags = validate_rows("intiqal", rows)
    # THEN a warning on each of the two fields of that row, naming the row that differs
    assert codes(flags) == [("mutation_mismatch", WARNING, "date", 2), ("mutation_mismatch", WARNING, "mutation_type", 2)]
    assert flags[0].message == (
        "Row 3 (mutation 1201, khewat 47): mutation 1201 is dated 13-03-2024 here but 12-03-2024 on row 1; "
        "the rows of one mutation have one date and one kind. Correct the one that is wrong, or the mutation number.")
    assert "is of type بیع here but وراثت on row 1" in flags[1].message
