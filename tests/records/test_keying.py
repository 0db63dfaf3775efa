"""Keying aids: type-ahead (Urdu and Roman Urdu), ditto, next khasra, derived values, copy forward."""

from __future__ import annotations

from records import services as S
from records.copy_forward import copy_forward
from records.keying import derived_values, ditto, next_khasra
from records.romanize import skeleton_latin, skeleton_urdu
from records.suggest import Vocabulary
from records.templates import builtin
from tests.records.helpers import make_users

OWNERS = [
    "محمد اسلم ولد غلام رسول قوم اعوان سکنہ دیہہ",
    "محمد اکرم ولد محمد اسلم قوم اعوان سکنہ دیہہ",
    "غلام رسول ولد اللہ دتہ قوم جٹ سکنہ دیہہ",
]


def test_roman_urdu_skeletons_match_common_names():
    for roman, urdu in [("aslam", "اسلم"), ("Muhammad", "محمد"), ("ghulam", "غلام"), ("rasool", "رسول"),
                        ("akram", "اکرم"), ("awan", "اعوان"), ("jat", "جٹ")]:
        assert skeleton_latin(roman) == skeleton_urdu(urdu), (roman, urdu)


def test_suggestions_complete_values_and_words_ranked_by_local_use():
    # GIVEN a vocabulary where one owner line is used in register 1 and another elsewhere
    v = Vocabulary()
    v.mauza_of = {1: "دیہہ", 2: "کوٹ"}
    v.add("owner", OWNERS[0], register_id=1, n=3)
    v.add("owner", OWNERS[1], register_id=2, n=5)
    # WHEN the clerk types the start of a name in register 1
    got = v.suggest("owner", "محمد ا", register_id=1)
    # THEN the whole owner line used in this register comes first, despite fewer uses overall
    assert got[0].kind == "value" and got[0].text == OWNERS[0]
    # AND word completions follow for the word being typed
    assert any(s.kind == "word" and s.shown == "اسلم" and s.text == "محمد اسلم " for s in got)
    # AND a cultivator field offers the same person vocabulary
    assert v.suggest("cultivator", "غلا", register_id=1)


def test_roman_urdu_finds_the_urdu_word_and_keeps_what_was_typed_before():
    v = Vocabulary()
    for o in OWNERS:
        v.add("owner", o, register_id=1)
    got = v.suggest("owner", "محمد asl", register_id=1)
    assert got and got[0].text == "محمد اسلم "
    assert v.suggest("owner", "ghul", register_id=1)[0].shown == "غلام"
    # relation words from the table: "s/o" style typing is not needed, "wald" is
    assert v.suggest("owner", "محمد اسلم wal", register_id=1)[0].shown == "ولد"


def test_ditto_next_khasra_and_derived_values():
    rows = [{"khasra_no": "125/5", "owner": "احمد", "area": "4-0", "crop": "گندم"}, {"khasra_no": "", "owner": ""}]
    assert ditto(rows, 1, "owner") == "احمد" and ditto(rows, 0, "owner") is None
    assert next_khasra("125") == "126" and next_khasra("۱۲۵/۵") == "125/6" and next_khasra("125/5، 130") == "131"
    assert next_khasra("abc") is None
    g = builtin("girdawari")
    assert derived_values(g, rows, 1)["khasra_no"] == "125/6"
    assert derived_values(g, rows, 0)["crop_area"] == "4-0"
    j = builtin("jamabandi")
    jrows = [{"khewat_no": "47", "owner": "میزان", "area": "16-0"},
             {"khewat_no": "47", "owner": "احمد", "share": "1/4"},
             {"khewat_no": "47", "owner": "علی", "area": "12-0"}]
    assert derived_values(j, jrows, 1) == {"area": "4-0"}
    assert derived_values(j, jrows, 2) == {"share": "3/4"}


def test_vocabulary_builds_from_the_workspace(workspace):
    users = make_users(workspace)
    with workspace.session() as s:
        rid = S.create_register(s, actor=users["clerk"], template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                mauza="دیہہ", hadbast_no="12", year="2019-20")
        for o in OWNERS:
            S.add_entry(s, actor=users["clerk"], register_id=rid, values={"owner": o, "khewat_no": "1"})
    with workspace.session() as s:
        v = Vocabulary.from_session(s)
    assert v.suggest("owner", "غلام ر", register_id=rid)[0].text == OWNERS[2]


def test_copy_forward_copies_rows_and_proposes_sanctioned_mutations(workspace):
    # GIVEN a 2015 jamabandi and a mutation sanctioned in 2017 for one of its owners
    users = make_users(workspace)
    clerk = users["clerk"]
    with workspace.session() as s:
        old = S.create_register(s, actor=clerk, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                mauza="دیہہ", hadbast_no="12", year="2015-16")
        S.add_entry(s, actor=clerk, register_id=old, values={"khewat_no": "47", "khatooni_no": "1", "owner": OWNERS[0],
                                                             "share": "1/2", "khasra_nos": "125/5", "area": "6-0"})
        S.add_entry(s, actor=clerk, register_id=old, values={"khewat_no": "47", "khatooni_no": "1", "owner": OWNERS[2],
                                                             "share": "1/2", "khasra_nos": "125/5", "area": "6-0"})
        intiqal = S.create_register(s, actor=clerk, template="intiqal", district="لاہور", tehsil="رائیونڈ",
                                    mauza="دیہہ", hadbast_no="12", year="2017")
        S.add_entry(s, actor=clerk, register_id=intiqal, values={
            "mutation_no": "1234", "date": "14-03-2017", "mutation_type": "بیع", "khewat_no": "47",
            "khasra_nos": "125/5", "area": "3-0", "share": "1/4", "transferor": "محمد اسلم ولد غلام رسول",
            "transferee": "بشیر احمد ولد نور دین", "order": "منظور شد، تحصیلدار"})
        S.add_entry(s, actor=clerk, register_id=intiqal, values={
            "mutation_no": "1235", "date": "15-03-2017", "mutation_type": "ہبہ", "khewat_no": "47",
            "khasra_nos": "125/5", "area": "1-0", "transferor": "غلام رسول", "transferee": "x", "order": "نامنظور"})
    # WHEN the clerk starts the 2019-20 edition from it
    with workspace.session() as s:
        res = copy_forward(s, actor=clerk, previous_register_id=old, year="2019-20")
    # THEN the rows are copied as drafts, the sanctioned mutation is proposed, the rejected one is not
    assert res.rows_copied == 2 and res.mutations_applied == ["1234"] and res.proposed_rows == 1
    with workspace.session() as s:
        rows = S.rows_by_ids(s, S.register_entry_ids(s, res.register_id))
        assert [r.text("owner") for r in rows] == [OWNERS[0], OWNERS[2], "بشیر احمد ولد نور دین"]
        assert all(r.state == "draft" and r.values["owner"].source == "copied" for r in rows)
        aslam_share_flags = [f.code for f in rows[0].values["share"].flags]
        assert aslam_share_flags == ["mutation"]
        assert not rows[1].values["share"].flags
        assert rows[2].text("share") == "1/4" and rows[2].values["owner"].flags[0].code == "mutation"
        assert S.get_register(s, res.register_id).year == "2019-20"
        # confirming a copied value unchanged clears its flag
        S.set_value(s, actor=clerk, entry_id=rows[2].entry_id, field_name="owner", text=rows[2].text("owner"))
        assert not S.get_row(s, rows[2].entry_id).values["owner"].flags


def test_copy_forward_puts_rows_on_pages_numbered_as_the_previous_edition(workspace):
    # GIVEN a girdawari whose rows were read from two scanned pages, and one typed row without a page
    users = make_users(workspace)
    clerk = users["clerk"]
    with workspace.session() as s:
        old = S.create_register(s, actor=clerk, template="girdawari", district="لاہور", tehsil="رائیونڈ",
                                mauza="دیہہ", hadbast_no="12", year="2023-24", header={"harvest": "ربیع"})
        p1 = S.add_page(s, workspace.images, actor=clerk, register_id=old, data=b"page one").page_id
        p2 = S.add_page(s, workspace.images, actor=clerk, register_id=old, data=b"page two").page_id
        S.add_entry(s, actor=clerk, register_id=old, page_id=p1, values={"khasra_no": "125/4", "area": "4-0"})
        S.add_entry(s, actor=clerk, register_id=old, page_id=p1, values={"khasra_no": "125/5", "area": "6-0"})
        S.add_entry(s, actor=clerk, register_id=old, page_id=p2, values={"khasra_no": "126", "area": "8-0"})
        S.add_entry(s, actor=clerk, register_id=old, values={"khasra_no": "130", "area": "2-0"})
    # WHEN the clerk starts the next season from it
    with workspace.session() as s:
        res = copy_forward(s, actor=clerk, previous_register_id=old, year="2024-25")
    # THEN every copied row lies on a page of the new register (so it can be opened, corrected
    # and submitted), the pages numbered and ordered as the paper register's leaves
    with workspace.session() as s:
        pages = S.list_pages(s, res.register_id)
        assert [p.page_no for p in pages] == [1, 2, 3]
        assert all(p.image_sha256 is None and p.state == "draft" for p in pages)
        by_page = [[r.text("khasra_no") for r in S.page_rows(s, p.id)] for p in pages]
        assert by_page == [["125/4", "125/5"], ["126"], ["130"]]
        assert all(r.page_id is not None for r in S.rows_by_ids(s, S.register_entry_ids(s, res.register_id)))


def test_next_girdawari_season_follows_the_harvests_and_surveys_crops_anew(workspace):
    # GIVEN the Kharif 2023-24 girdawari of a mauza, one khasra under rice and one under cotton
    import pytest

    from records.copy_forward import EditionExists, next_season

    users = make_users(workspace)
    clerk = users["clerk"]
    harvests = builtin("girdawari").field("harvest").choices
    with workspace.session() as s:
        old = S.create_register(s, actor=clerk, template="girdawari", district="لاہور", tehsil="رائیونڈ",
                                mauza="دیہہ", hadbast_no="12", year="2023-24", header={"harvest": "خریف"})
        S.add_entry(s, actor=clerk, register_id=old, values={
            "khasra_no": "125/5", "khewat_no": "47", "owner": OWNERS[0], "area": "6-0", "land_class": "نہری",
            "irrigation": "نہری", "crop": "چاول", "crop_area": "6-0", "remarks": "رہن"})
        S.add_entry(s, actor=clerk, register_id=old, values={
            "khasra_no": "126", "khewat_no": "47", "owner": OWNERS[0], "area": "4-0", "crop": "کپاس", "crop_area": "3-0"})
    # WHEN the season after it is worked out and started
    assert next_season("2023-24", "خریف", harvests) == ("2023-24", "ربیع")
    assert next_season("۲۰۲۳-۲۴", "ربیع", harvests) == ("2024-25", "خریف")
    assert next_season("2023-24", "rabi", harvests) == ("2024-25", "خریف")
    assert next_season("2023-24", "", harvests) == ("", "")
    with workspace.session() as s:
        res = copy_forward(s, actor=clerk, previous_register_id=old, year="2023-24", header={"harvest": "ربیع"})
    # THEN it is the Rabi register of the same year, the khasras, owners and land carried over
    # and last season's crops left for the field visit to fill (not submitted unseen as Rabi crops)
    with workspace.session() as s:
        reg = S.get_register(s, res.register_id)
        assert (reg.year, reg.header["harvest"]) == ("2023-24", "ربیع")
        rows = S.rows_by_ids(s, S.register_entry_ids(s, res.register_id))
        assert [r.text("khasra_no") for r in rows] == ["125/5", "126"]
        assert rows[0].text("area") == "6-0" and rows[0].text("irrigation") == "نہری" and rows[0].text("remarks") == "رہن"
        assert all(r.text("crop") == "" and r.text("crop_area") == "" for r in rows)
    # AND starting the same season twice is refused, saying which register is there already
    with workspace.session() as s, pytest.raises(EditionExists, match="year .*2023-24.*harvest ربیع.*already exists"):
        copy_forward(s, actor=clerk, previous_register_id=old, year="2023-24", header={"harvest": "ربیع"})
    with workspace.session() as s:
        assert len([r for r in S.list_registers(s) if r.template_id == "girdawari"]) == 2


def test_a_mutation_flags_the_owner_of_its_khasras_in_the_next_season_once(workspace):
    # GIVEN the Kharif girdawari of a mauza and a sale of khasra 125/5 sanctioned since
    users = make_users(workspace)
    clerk = users["clerk"]
    place = dict(district="لاہور", tehsil="رائیونڈ", mauza="دیہہ", hadbast_no="12")
    with workspace.session() as s:
        kharif = S.create_register(s, actor=clerk, template="girdawari", year="2023-24", header={"harvest": "خریف"},
                                   **place)
        for khasra in ("125/5", "126"):
            S.add_entry(s, actor=clerk, register_id=kharif, values={
                "khasra_no": khasra, "khewat_no": "47", "owner": OWNERS[0], "area": "6-0"})
        intiqal = S.create_register(s, actor=clerk, template="intiqal", year="2023", **place)
        S.add_entry(s, actor=clerk, register_id=intiqal, values={
            "mutation_no": "1234", "date": "14-03-2023", "mutation_type": "بیع", "khewat_no": "47",
            "khasra_nos": "125/5", "area": "6-0", "share": "1", "transferor": "محمد اسلم ولد غلام رسول",
            "transferee": "بشیر احمد ولد نور دین", "order": "منظور شد، تحصیلدار"})
    # WHEN the Rabi season is started from it
    with workspace.session() as s:
        rabi = copy_forward(s, actor=clerk, previous_register_id=kharif, year="2023-24", header={"harvest": "ربیع"})
    # THEN the owner of khasra 125/5 is flagged with the sale (no row without a khasra is proposed)
    assert rabi.mutations_applied == ["1234"] and rabi.proposed_rows == 0
    with workspace.session() as s:
        rows = S.rows_by_ids(s, S.register_entry_ids(s, rabi.register_id))
    assert [r.text("khasra_no") for r in rows] == ["125/5", "126"]
    assert [f.code for f in rows[0].values["owner"].flags] == ["mutation"]
    assert "بشیر احمد" in rows[0].values["owner"].flags[0].message and not rows[1].values["owner"].flags
    # WHEN the next Kharif is started from that Rabi
    with workspace.session() as s:
        nxt = copy_forward(s, actor=clerk, previous_register_id=rabi.register_id, year="2024-25",
                           header={"harvest": "خریف"})
    # THEN the sale applied last season is not flagged again
    assert nxt.mutations_applied == []
    with workspace.session() as s:
        assert not any(f.code == "mutation" for r in S.rows_by_ids(s, S.register_entry_ids(s, nxt.register_id))
                       for v in r.values.values() for f in v.flags)
