"""How likely a CTC line model finds a given text: the forward algorithm over its step
probabilities, many (probabilities, text) pairs at once.

A line model's best path is one reading; the forward sum scores any other text against
the same steps, so that readings from elsewhere (a second reader, the same line drawn
another way) can be compared on one scale (`ocr.number_lines.LineNumberReader.reread`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def log_likelihoods(pairs: Sequence[tuple[np.ndarray, Sequence[int]]]) -> np.ndarray:
    """log P(labels | probabilities) for each (probabilities, labels) pair: probabilities
    (T, classes) softmax rows with class 0 the blank, labels class indices (1..). -inf
    where the text cannot be aligned to the steps (too long for them).

    All pairs run in one loop over the longest T, each step on the pairs that still have
    steps, in linear space rescaled every step."""
    if not pairs:
        return np.zeros(0)
    # longest first: at step t only the first `active[t]` rows have steps left, and the loop
    # works on those alone (a finished row's sums are final)
    order = sorted(range(len(pairs)), key=lambda r: -pairs[r][0].shape[0])
    lengths = np.array([pairs[r][0].shape[0] for r in order])
    rows = len(pairs)
    t_max = int(lengths[0])
    s_max = 2 * max(len(labels) for _, labels in pairs) + 1
    emit = np.zeros((rows, t_max, s_max))
    skip = np.zeros((rows, s_max))  # 1 where a state may be entered from two states back
    ends = np.zeros((rows, 2), np.intp)
    for r, k in enumerate(order):
        probs, labels = pairs[k]
        ext = np.zeros(2 * len(labels) + 1, np.intp)
        ext[1::2] = labels
        emit[r, : probs.shape[0], : len(ext)] = probs[:, ext]
        if len(labels) > 1:
            lab = np.asarray(labels)
            skip[r, 3 : len(ext) : 2] = lab[1:] != lab[:-1]
        ends[r] = (len(ext) - 1, max(len(ext) - 2, 0))
    active = np.searchsorted(-lengths, -np.arange(t_max), side="left")  # rows with T > t
    alpha = np.zeros((rows, s_max))
    alpha[:, : min(2, s_max)] = emit[:, 0, : min(2, s_max)]
    log_scale = np.zeros(rows)
    for t in range(t_max):
        n = int(active[t])
        a = alpha[:n]
        if t:
            step = a.copy()
            step[:, 1:] += a[:, :-1]
            step[:, 2:] += a[:, :-2] * skip[:n, 2:]
            a = step * emit[:n, t]
        total = a.sum(axis=1)
        total[total == 0] = 1.0  # nothing left: stays 0, and the end below is -inf
        alpha[:n] = a / total[:, None]
        log_scale[:n] += np.log(total)
    idx = np.arange(rows)
    end = alpha[idx, ends[:, 0]] + np.where(ends[:, 1] != ends[:, 0], alpha[idx, ends[:, 1]], 0.0)
    with np.errstate(divide="ignore"):
        scores = log_scale + np.log(end)
    out = np.empty(rows)
    out[order] = scores
    return out
