"""The likeliest reading in a field's format (ocr.ctc_format), against brute force."""

import itertools

import numpy as np
import pytest

from ocr.ctc_format import best_in_format, best_path_in_template

CHARSET = "-/0123456789،"


def _collapse(path):
    out, prev = [], 0
    for k in path:
        if k and k != prev:
            out.append(k)
        prev = k
    return out


def _brute_force(probs, allowed):
    best, labels = -np.inf, None
    for path in itertools.product(range(probs.shape[1]), repeat=probs.shape[0]):
        lab = _collapse(path)
        if len(lab) == len(allowed) and all(k in a for k, a in zip(lab, allowed, strict=True)):
            score = float(np.sum(np.log(probs[np.arange(len(path)), path])))
            if score > best:
                best, labels = score, lab
    return labels


@pytest.mark.parametrize("seed", range(8))
def test_the_best_path_in_a_template_is_the_best_of_every_path(seed):
    # GIVEN random step probabilities over a blank and 5 classes (1 '-', 2..5 digits), 6 steps
    rng = np.random.default_rng(seed)
    probs = rng.random((6, 6)) ** 4
    probs /= probs.sum(axis=1, keepdims=True)
    # and a template "digit digit hyphen digit" (a repeated digit needs a blank between)
    allowed = [[2, 3, 4, 5], [2, 3, 4, 5], [1], [2, 3, 4, 5]]
    # WHEN the likeliest path in the template is searched
    got = best_path_in_template(probs, allowed)
    # THEN it is the labelling of the likeliest of all 6^6 paths that fit
    assert got == _brute_force(probs, allowed)


def test_no_path_fits_a_template_longer_than_the_steps_allow():
    probs = np.full((3, 6), 1 / 6)
    # three equal digits need five steps (blanks between them); three steps are too few
    assert best_path_in_template(probs, [[2], [2], [2]]) is None
    assert best_path_in_template(probs, [[2], [3], [2]]) is not None


def _steps(text_runs):
    """Step probabilities whose best path spells the runs: (char or '' for blank, steps, p)."""
    rows = []
    for ch, n, p, runner_up in text_runs:
        row = np.full(len(CHARSET) + 1, (1 - p - (0.3 if runner_up else 0)) / len(CHARSET))
        row[0 if not ch else CHARSET.index(ch) + 1] = p
        if runner_up:
            row[CHARSET.index(runner_up) + 1] = 0.3
        rows += [row / row.sum()] * n
    return np.array(rows)


def test_a_cnic_with_a_digit_lost_is_read_in_the_cnic_format():
    # GIVEN a line whose best path reads 3520-1234567-1 (a digit lost: not a CNIC), where
    # the steps after the 0 hold a faint second 2
    runs = [("3", 2, 0.9, None), ("5", 2, 0.9, None), ("2", 2, 0.9, None), ("0", 2, 0.9, None),
            ("", 1, 0.6, "2"), ("-", 2, 0.9, None)]
    runs += [(d, 2, 0.9, None) for d in "1234567"] + [("-", 2, 0.9, None), ("1", 2, 0.9, None)]
    probs = _steps(runs)
    best = "".join(CHARSET[k - 1] for k in _collapse(probs.argmax(axis=1)))
    assert best == "3520-1234567-1"
    # WHEN the likeliest CNIC is searched
    got = best_in_format(probs, "cnic", CHARSET)
    # THEN the hyphenated format gives the thirteen digits with the faint 2 in place
    assert "35202-1234567-1" in got


def test_a_whole_number_reads_digits_only_and_other_kinds_have_no_format():
    # GIVEN a line read 41/2 where the slash's steps hold a 1 close behind
    probs = _steps([("4", 2, 0.9, None), ("1", 2, 0.9, None), ("", 1, 0.9, None),
                    ("/", 2, 0.5, "1"), ("", 1, 0.9, None), ("2", 2, 0.9, None)])
    # THEN as a whole number it reads 4112, and a khasra has no fixed format
    assert best_in_format(probs, "integer", CHARSET) == ["4112"]
    assert best_in_format(probs, "khasra", CHARSET) == []
