"""CSV export: UTF-8 with BOM, one row per entry, template columns, raw OCR columns, filters."""

from __future__ import annotations

import pytest

from records import services
from records.exports import csv_export
from records.exports.csv_export import CsvFilter
from records.exports.json_export import ExportError
from tests.reports import sampledata


def test_csv_has_bom_urdu_intact_and_one_row_per_entry(workspace, tmp_path):
    # GIVEN a register with four entries (one with missing fields)
    sample = sampledata.build(workspace)
    out = tmp_path / "j.csv"
    # WHEN exported to CSV
    n = csv_export.export_csv(workspace, out, CsvFilter(register_ids=(sample.register_id,)))
    # THEN the file starts with the UTF-8 BOM and reads back with the Urdu unchanged
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = csv_export.read_csv(out)
    assert n == len(rows) == 4
    with workspace.session() as s:
        tpl = services.register_template(s, sample.register_id)
    head = ["register_id", "district", "tehsil", "mauza", "hadbast_no", "year", *csv_export.ROW_COLUMNS]
    assert list(rows[0]) == head + [c.name for c in tpl.columns]
    assert rows[0]["district"] == "سرگودھا" and rows[0]["hadbast_no"] == "112"
    assert rows[0]["owner"] == sampledata.OWNER_1
    assert rows[1]["area"] == "8-17-3" and rows[1]["share"] == "5/8"
    # AND the missing fields of the gap row are empty cells, not dropped columns
    gap = rows[3]
    assert gap["owner"] == "نامعلوم" and gap["area"] == "" and gap["share"] == ""
    assert rows[0]["mauza"] == "چک نمبر 12" and rows[0]["year"] == "2019-20"


def test_csv_raw_columns_hold_the_ocr_text(workspace, tmp_path):
    # GIVEN a row read by OCR whose share was corrected from the raw "38" to 3/8
    sample = sampledata.build(workspace)
    out = tmp_path / "raw.csv"
    # WHEN exported with raw OCR columns
    csv_export.export_csv(workspace, out, CsvFilter(register_ids=(sample.register_id,)), raw=True)
    rows = csv_export.read_csv(out)
    # THEN each field is followed by its OCR text
    assert rows[0]["share"] == "3/8" and rows[0]["share_ocr"] == "38"
    assert rows[0]["khasra_nos_ocr"] == "125 5، 126"
    assert rows[1]["share_ocr"] == ""


def test_csv_state_filter_and_excel_safe_values(workspace, tmp_path):
    # GIVEN three approved rows and a draft one
    sampledata.build(workspace, approve=True)
    out = tmp_path / "a.csv"
    # WHEN only approved rows are exported for Excel
    n = csv_export.export_csv(workspace, out, CsvFilter(states=("approved",)), excel_safe=True)
    rows = csv_export.read_csv(out)
    # THEN the draft row is left out, and shares/areas cannot become dates in Excel
    assert n == 3 and {r["state"] for r in rows} == {"approved"}
    assert rows[0]["share"] == '="3/8"' and rows[0]["area"] == '="12-5"'


def test_csv_refuses_registers_of_different_templates(workspace, tmp_path):
    # GIVEN a jamabandi and a girdawari register
    sample = sampledata.build(workspace, gap_row=False)
    with workspace.session() as s:
        services.create_register(s, actor=sample.clerk, template="girdawari", district="سرگودھا", tehsil="بھلوال",
                                 mauza="چک نمبر ۱۲", hadbast_no="112", year="2019-20", header={"harvest": "rabi"})
    # WHEN the girdawari register is exported THEN its harvest (a header field) is a column
    with workspace.session() as s:
        gid = max(r.id for r in services.list_registers(s))
    csv_export.export_csv(workspace, tmp_path / "g.csv", CsvFilter(register_ids=(gid,)))
    with open(tmp_path / "g.csv", encoding="utf-8-sig") as f:
        assert "harvest" in f.readline().split(",")
    # WHEN all registers are exported to one CSV
    # THEN the error names both templates and says to choose one register
    with pytest.raises(ExportError, match=r"different templates \(girdawari, jamabandi\).*--register"):
        csv_export.export_csv(workspace, tmp_path / "x.csv")
    with pytest.raises(ExportError, match="no register with id 99"):
        csv_export.export_csv(workspace, tmp_path / "x.csv", CsvFilter(register_ids=(99,)))


def test_a_csv_export_says_how_many_entries_it_read_of_how_many(workspace, tmp_path, monkeypatch):
    # GIVEN a register of four entries, read three at a time
    sample = sampledata.build(workspace)
    monkeypatch.setattr(csv_export, "ROWS_AT_ONCE", 3)
    seen: list[tuple[str, int, int]] = []
    # WHEN it is exported to CSV
    n = csv_export.export_csv(workspace, tmp_path / "j.csv", CsvFilter(register_ids=(sample.register_id,)),
                              progress=lambda what, done, total: seen.append((what, done, total)))
    # THEN it said the entries read of how many, then the file being written
    assert n == 4
    assert seen == [("rows", 0, 4), ("rows", 3, 4), ("rows", 4, 4), ("file", 0, 0)]
