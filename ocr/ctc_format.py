"""The likeliest reading of a line model's steps that has a field kind's format.

A CNIC is five digits, a hyphen, seven digits, a hyphen and one digit; a date is two digits,
two digits and four, or four, two and two. When a handwritten cell is read with a digit lost
or one too many (`24022-2411271-4` read `29022-241271-`), no reading of it parses, yet the
line model's steps usually hold the right one close behind: the best CTC path whose text fits
the format (a Viterbi search over the format's positions) finds it. `LineNumberReader.reread`
adds these texts to its candidates when none of its readings parses; they are scored with
the others and a reading chosen this way is flagged like every re-read one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Formats by field kind: 'd' any digit, any other character itself. A whole number has no
# fixed length: it is the best path through digits and blanks alone (`best_in_format`).
FORMATS: dict[str, tuple[str, ...]] = {
    "cnic": ("ddddd-ddddddd-d", "ddddddddddddd"),
    "date": ("dd-dd-dddd", "dd/dd/dddd", "dddd-dd-dd"),
}
DIGITS = "0123456789"
_NEVER = -1e18  # log score of a state no path reaches


def best_in_format(probs: np.ndarray, kind: str, charset: Sequence[str]) -> list[str]:
    """The best path's text under each of the kind's FORMATS (those that fit in the steps),
    or for a whole number the best path through digits alone; [] for other kinds. `probs`
    (T, classes) softmax rows of a CTC model, class 0 the blank, class k charset[k - 1]."""
    index = {ch: k + 1 for k, ch in enumerate(charset)}
    digits = [index[d] for d in DIGITS if d in index]
    if kind == "integer":
        masked = np.zeros_like(probs)
        masked[:, [0, *digits]] = probs[:, [0, *digits]]
        return [t] if (t := _collapse(masked.argmax(axis=1), charset)) else []
    out = []
    for fmt in FORMATS.get(kind, ()):
        allowed = [digits if ch == "d" else [index[ch]] for ch in fmt]
        if all(allowed) and len(allowed) <= probs.shape[0]:
            labels = best_path_in_template(probs, allowed)
            if labels:
                out.append("".join(charset[k - 1] for k in labels))
    return out


def _collapse(path: np.ndarray, charset: Sequence[str]) -> str:
    """A CTC path's text: repeats merged, blanks dropped."""
    out, prev = [], 0
    for k in path:
        if k and k != prev:
            out.append(charset[k - 1])
        prev = k
    return "".join(out)


def best_path_in_template(probs: np.ndarray, allowed: Sequence[Sequence[int]]) -> list[int] | None:
    """The labels (class indices) of the likeliest single CTC path whose text has one
    character per template position, from that position's `allowed` classes; None when no
    path fits. Viterbi over the states "blank before position k" (k = 0..n) and "class c at
    position k"; a class may follow the same class at the position before only across a
    blank, as CTC requires."""
    log_p = np.log(np.maximum(probs, 1e-30))
    steps, classes = log_p.shape
    n = len(allowed)
    mask = np.full((n, classes), _NEVER)
    for k, ks in enumerate(allowed):
        mask[k, list(ks)] = 0.0
    blank = np.full(n + 1, _NEVER)
    char = np.full((n, classes), _NEVER)
    blank[0] = log_p[0, 0]
    char[0] = log_p[0] + mask[0]
    came_blank, came_char = [], []  # per step: where each state's best path came from
    rows = np.arange(n - 1)
    for t in range(1, steps):
        # blank before position k: stays, or follows the best class at position k - 1
        from_char = np.concatenate(([_NEVER], char.max(axis=1)))
        which = np.concatenate(([0], char.argmax(axis=1)))
        new_blank = np.maximum(blank, from_char) + log_p[t, 0]
        came_blank.append(np.where(from_char > blank, which, -1))
        # class c at position k: stays (-1), follows the blank before k (-2), or follows the
        # best other class c' at position k - 1 (c')
        new_char, src = char.copy(), np.full((n, classes), -1)
        better = blank[:n, None] > new_char
        new_char[better] = np.broadcast_to(blank[:n, None], new_char.shape)[better]
        src[better] = -2
        if n > 1:
            prev = char[:-1]
            top2 = np.argpartition(-prev, 1, axis=1)[:, :2]
            first = np.where(prev[rows, top2[:, 0]] >= prev[rows, top2[:, 1]], top2[:, 0], top2[:, 1])
            second = np.where(first == top2[:, 0], top2[:, 1], top2[:, 0])
            other = np.where(np.arange(classes)[None, :] != first[:, None], first[:, None], second[:, None])
            value = prev[rows[:, None], other]
            better = value > new_char[1:]
            new_char[1:][better] = value[better]
            src[1:][better] = other[better]
        blank, char = new_blank, new_char + log_p[t][None, :] + mask
        came_char.append(src)
    last = int(char[n - 1].argmax())
    if max(blank[n], char[n - 1, last]) <= _NEVER / 2:
        return None
    state: tuple[str, int, int] = ("blank", n, 0) if blank[n] >= char[n - 1, last] else ("char", n - 1, last)
    labels: list[int] = []
    for t in range(steps - 1, 0, -1):
        what, k, c = state
        if what == "char":
            src_c = int(came_char[t - 1][k, c])
            if src_c == -1:
                continue
            labels.append(c)
            state = ("blank", k, 0) if src_c == -2 else ("char", k - 1, src_c)
        else:
            src_b = int(came_blank[t - 1][k])
            if src_b != -1:
                state = ("char", k - 1, src_b)
    if state[0] == "char":
        labels.append(state[2])
    labels.reverse()
    return labels if len(labels) == n else None
