"""`daftar eval lines|pages DIR --json` and the metrics of ocr.evaluate."""

from __future__ import annotations

import json

import pytest

from daftar.cli import main
from ocr.evaluate import Item, edit_distance, metrics
from records.templates import builtin

KEYS = {"n", "cer", "exact", "by_kind", "flagged_rate", "error_recall", "seconds_per_item"}


@pytest.fixture(scope="module")
def pages_dir(tmp_path_factory):
    from ocr.synth import write_pages

    d = tmp_path_factory.mktemp("pages")
    write_pages(d, builtin("jamabandi"), 1, seed=5, rows=3)
    return d


@pytest.fixture(scope="module")
def lines_dir(tmp_path_factory):
    from ocr.synth import write_lines

    d = tmp_path_factory.mktemp("lines")
    write_lines(d, 6, seed=3, kinds=("text-ur", "khasra", "area"), digits=("latin",))
    return d


def test_eval_pages_prints_one_json_object_with_the_metrics(pages_dir, capsys):
    # GIVEN a folder with one generated page and its truth
    # WHEN evaluated from the command line
    rc = main(["eval", "pages", str(pages_dir), "--json", "--workers", "1", "--numbers", "tesseract"])
    out = json.loads(capsys.readouterr().out)
    # THEN one JSON object carries the metrics of the shared README, per kind as well
    assert rc == 0
    assert KEYS <= set(out)
    assert {"integer", "text-ur", "area"} <= set(out["by_kind"])
    assert out["n"] > 20 and out["pages"] == 1
    assert out["exact"] > 0.8 and out["cer"] < 0.1


def test_eval_lines_reads_gt_tsv(lines_dir, capsys):
    # GIVEN a lines folder (gt.tsv with lang and kind)
    # WHEN evaluated
    rc = main(["eval", "lines", str(lines_dir), "--json", "--numbers", "tesseract"])
    out = json.loads(capsys.readouterr().out)
    # THEN every line is counted, per kind
    assert rc == 0
    assert KEYS <= set(out)
    assert out["n"] == 6
    assert set(out["by_kind"]) == {"text-ur", "khasra", "area"}
    assert out["exact"] >= 0.5


def test_eval_of_a_folder_without_data_says_what_is_missing(tmp_path, capsys):
    # GIVEN an empty folder
    # WHEN evaluated as pages and as lines
    rc_pages = main(["eval", "pages", str(tmp_path), "--json"])
    err_pages = capsys.readouterr().err
    rc_lines = main(["eval", "lines", str(tmp_path), "--json"])
    err_lines = capsys.readouterr().err
    # THEN both fail with a message naming the folder and what it needs
    assert rc_pages == 2 and str(tmp_path) in err_pages and "NAME.json" in err_pages
    assert rc_lines == 2 and "gt.tsv" in err_lines


def test_a_broken_truth_file_is_named(tmp_path, pages_dir, capsys):
    # GIVEN a page whose truth JSON is broken
    png = next(pages_dir.glob("*.png"))
    (tmp_path / png.name).write_bytes(png.read_bytes())
    (tmp_path / png.with_suffix(".json").name).write_text("{not json", encoding="utf-8")
    # WHEN evaluated
    rc = main(["eval", "pages", str(tmp_path), "--json"])
    # THEN the error names the file
    assert rc == 2 and png.with_suffix(".json").name in capsys.readouterr().err


def test_edit_distance_and_metrics_count_digits_and_forms_alike():
    # GIVEN readings that differ from the truth only in digit script or letter form
    spec = builtin("jamabandi").field("khasra_nos")
    same = Item("khasra-list", "۱۲۵/۵، ۱۲۶", "125/5, 126", False, {}, spec)
    wrong = Item("text-ur", "علی", "علي ", True, {})
    bad = Item("text-ur", "نہری", "نہر", False, {})
    # WHEN measured
    m = metrics([same, wrong, bad], seconds=1.0, n_units=3)
    # THEN digits and Arabic yeh are normalised; one real error, unflagged
    assert edit_distance("kitten", "sitting") == 3
    assert same.exact and wrong.exact and not bad.exact
    assert m["exact"] == round(2 / 3, 4)
    assert m["error_recall"] == 0.0
    assert m["flagged_rate"] == round(1 / 3, 4)
    assert m["seconds_per_item"] == round(1 / 3, 4)
