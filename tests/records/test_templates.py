"""Templates as data: the built-ins, an office's own file, and broken files."""

from __future__ import annotations

import json

import pytest

import resources
from records.templates import BUILTIN, TemplateError, builtin, get_template, load_template_file


def test_jamabandi_columns_right_to_left():
    # GIVEN the built-in jamabandi  WHEN loaded
    t = builtin("jamabandi")
    # THEN its columns are in register order (column 1 rightmost) with the documented kinds
    assert t.column_names == (
        "khewat_no", "khatooni_no", "patti", "owner", "share", "cultivator",
        "irrigation", "khasra_nos", "area", "land_class", "rent", "remarks",
    )  # fmt: skip
    kinds = {c.name: c.kind for c in t.columns}
    assert kinds["khewat_no"] == "integer" and kinds["share"] == "share"
    assert kinds["khasra_nos"] == "khasra-list" and kinds["area"] == "area"
    assert kinds["land_class"] == "choice" and kinds["owner"] == "text-ur"
    assert [h.name for h in t.header] == ["district", "tehsil", "mauza", "hadbast_no", "year"]
    # AND the first column is the rightmost strip of the table
    edges = t.column_edges()
    assert edges[0][1] == 1.0 and edges[0][0] > edges[1][0]
    assert abs(edges[-1][0]) < 1e-9


def test_girdawari_and_intiqal_columns():
    # GIVEN the other two built-ins  WHEN loaded  THEN the documented order and kinds
    g = builtin("girdawari")
    assert g.column_names == (
        "khasra_no", "khewat_no", "owner", "cultivator", "area",
        "land_class", "irrigation", "crop", "crop_area", "remarks",
    )  # fmt: skip
    assert g.column("khasra_no").kind == "khasra" and g.column("crop_area").kind == "area"
    assert "harvest" in [h.name for h in g.header]
    i = builtin("intiqal")
    assert i.column_names == (
        "mutation_no", "date", "mutation_type", "khewat_no", "khasra_nos", "area", "share",
        "transferor", "transferee", "fee", "order", "remarks",
    )  # fmt: skip
    assert i.column("date").kind == "date"
    assert {c.en for c in i.column("mutation_type").choices} == {
        "sale", "gift", "inheritance", "mortgage", "redemption",
        "exchange", "partition", "lease", "decree",
    }  # fmt: skip


@pytest.mark.parametrize("name", BUILTIN)
def test_builtins_load_by_name_and_by_path(name):
    # GIVEN a built-in template  WHEN loaded by name and from its file path
    # THEN the same template; widths cover the table
    by_name = get_template(name)
    by_path = get_template(resources.template_path(name))
    assert by_name.column_names == by_path.column_names
    assert by_name.id == name
    assert abs(sum(c.width for c in by_name.columns) - 1.0) < 0.02


def test_unknown_field_name_raises_keyerror_naming_template():
    # GIVEN a template  WHEN asked for a field it lacks  THEN KeyError naming both
    with pytest.raises(KeyError, match="jamabandi.*colour"):
        builtin("jamabandi").column("colour")


def test_unknown_builtin_name():
    # GIVEN a name that is no built-in  WHEN asked for  THEN TemplateError listing built-ins
    with pytest.raises(TemplateError, match="jamabandi, girdawari, intiqal"):
        builtin("register9")


def _jamabandi_data() -> dict:
    return json.loads(resources.template_path("jamabandi").read_text(encoding="utf-8"))


def test_custom_template_from_tmp_path(tmp_path):
    # GIVEN an office's own layout: jamabandi with a CNIC column, no patti, saved as a file
    data = _jamabandi_data()
    data["id"] = "jamabandi_kasur"
    data["columns"] = [c for c in data["columns"] if c["name"] != "patti"]
    data["columns"].insert(
        4, {"name": "cnic", "kind": "cnic", "label": {"ur": "شناختی کارڈ", "en": "CNIC"}}
    )
    path = tmp_path / "kasur.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # WHEN loaded through get_template with the path (str and Path)
    t = get_template(str(path))
    # THEN it has the office's columns in order, and remembers its source
    assert t.id == "jamabandi_kasur"
    assert t.column_names[:5] == ("khewat_no", "khatooni_no", "owner", "share", "cnic")
    assert t.column("cnic").width > 0  # a column without width gets a share of the table
    assert t.source == str(path)
    assert get_template(path).column_names == t.column_names


def _broken(mutate):
    data = _jamabandi_data()
    mutate(data)
    return json.dumps(data, ensure_ascii=False)


def _set(path_keys, value):
    def mutate(d):
        obj = d
        for k in path_keys[:-1]:
            obj = obj[k]
        obj[path_keys[-1]] = value

    return mutate


BROKEN = {
    "invalid_json": ('{"id": "x", "columns": [', "not valid JSON at line 1"),
    "missing_columns": (_broken(lambda d: d.pop("columns")), "has no 'columns'"),
    "empty_columns": (_broken(_set(["columns"], [])), "has no columns"),
    "unknown_kind": (
        _broken(_set(["columns", 2, "kind"], "colour")),
        "field 'patti' has unknown kind 'colour'",
    ),
    "duplicate_field": (
        _broken(_set(["columns", 2, "name"], "owner")),
        "field name 'owner' is used twice",
    ),
    "bad_zone": (_broken(_set(["zones", "table"], [0.9, 0.1, 0.2, 0.9])), "zone 'table' must be"),
    "zone_out_of_page": (
        _broken(_set(["zones", "header"], [0, 0, 1.5, 0.1])),
        "zone 'header' must be",
    ),
    "unknown_choice_list": (
        _broken(_set(["columns", 9, "choices"], "soil_colour")),
        "choice list 'soil_colour', which does not exist",
    ),
    "not_an_object": ("[1, 2, 3]", "must be a JSON object"),
    "bad_field_name": (
        _broken(_set(["columns", 0, "name"], "Khewat No")),
        "must be lower_case_with_underscores",
    ),
    "bad_min": (
        _broken(_set(["columns", 0, "min"], "one")),
        "'khewat_no': min must be a whole number",
    ),
    "bad_pattern": (_broken(_set(["header", 4, "pattern"], "(")), "'year': bad pattern"),
    "bad_rows": (_broken(_set(["rows_per_page"], 0)), "'rows_per_page' must be"),
    "pattern_not_text": (_broken(_set(["header", 4, "pattern"], [])), "pattern must be a text"),
    "choice_not_text": (
        _broken(_set(["columns", 9, "choices"], [{"ur": 5}])),
        "choices must be texts",
    ),
    "choice_without_ur": (_broken(_set(["columns", 9, "choices"], ["نہری"])), "needs an 'ur' text"),
    "missing_kind": (_broken(lambda d: d["columns"][1].pop("kind")), "has no 'kind'"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_template_names_file_and_problem(tmp_path, case):
    # GIVEN a template file broken in one way
    text, problem = BROKEN[case]
    path = tmp_path / f"{case}.json"
    path.write_text(text, encoding="utf-8")
    # WHEN loaded
    with pytest.raises(TemplateError) as e:
        get_template(path)
    # THEN the error names the file and the problem
    assert str(path) in str(e.value)
    assert problem in str(e.value)


def test_non_utf8_template(tmp_path):
    # GIVEN a template saved in a legacy Urdu code page (not UTF-8)
    path = tmp_path / "cp1256.json"
    path.write_bytes(json.dumps(_jamabandi_data(), ensure_ascii=False).encode("cp1256", "replace"))
    # WHEN loaded  THEN TemplateError naming the file and asking for UTF-8
    with pytest.raises(TemplateError) as e:
        load_template_file(path)
    assert str(path) in str(e.value) and "not UTF-8" in str(e.value)


def test_missing_template_file(tmp_path):
    # GIVEN a path with no file  WHEN loaded  THEN TemplateError saying it is not found
    path = tmp_path / "nowhere.json"
    with pytest.raises(TemplateError, match="template file not found"):
        get_template(path)
