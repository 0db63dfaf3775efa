"""Is a number cell written in an outlined (hollow, inline, shadowed) lettering?

Outlined digits are drawn as the edge of a stroke, not the stroke: nearly every glyph, a 1
or a 7 too, then holds a hole as long as the glyph, and the ink's own strokes are far
thinner than the shape they enclose. A few measures of the cell's ink mask (`features`)
and a logistic regression over them (`score`, weights in WEIGHTS) tell such a cell from an
ordinary printed or handwritten one. It costs well under a tenth of a millisecond a cell,
and `ocr.recognise.DedicatedNumberReader` reads only the cells it marks with the outline
number model (`OUTLINE_MODEL_FILE`), so that printed cells are read as before.

Trained by `python -m ocr.outline train` on cells of `ocr.numbers_synth` drawn in the
outlined display fonts of `ocr.npm_fonts.OUTLINE_PACKAGES` (marked) against cells in the
training fonts, the Arabic-script and handwriting npm fonts and the training part of the
handwritten digits (not marked); held-back fonts are never used.
"""

from __future__ import annotations

import numpy as np

FEATURES = ("ink/filled", "holes/piece", "hole share", "stroke ratio", "stroke/height", "log height",
            "long holes/piece", "ink by holes", "thin holes/piece", "thin hole share")

# logistic regression over the standardised features: (mean, scale, weights, bias); set by
# `python -m ocr.outline train` (its output pasted here)
MEAN = np.array([0.8846, 0.9144, 0.1137, 0.7626, 0.1014, 3.7299, 0.1009, 0.2188, 0.0795, 0.0763])
SCALE = np.array([0.1378, 2.042, 0.1374, 0.2211, 0.0468, 0.4223, 0.248, 0.2456, 0.2838, 0.2098])
WEIGHTS = np.array([-0.2911, 2.0622, -0.5457, 1.5618, -0.1565, 0.1737, 0.5572, 1.8706, 0.6192, 0.7845])
BIAS = -0.2701
# a cell whose score reaches this is marked outlined: in `train`'s validation part, 12 of
# 1,778 ordinary generated cells reach it (with a thin hole) and 357 of 922 outlined ones
# (the others, small or blurred, show no hollow strokes)
THRESHOLD = 0.8
# a hole is thin when its widest point is less than this share of its length (a counter's is
# 0.4 or more; 0.3 and 0.35 marked a few printed cells of the bench, 0.25 none)
THIN_HOLE = 0.25


def features(mask: np.ndarray, quick: bool = False) -> np.ndarray | None:
    """Measures of a cell's ink mask (bool or 0/1, cropped or not): see FEATURES. `quick`:
    None as soon as the ink is seen to hold no thin hole (`score` is 0 then)."""
    import cv2

    m = np.ascontiguousarray(mask.view(np.uint8) if mask.dtype == bool else (mask > 0).astype(np.uint8))
    if cv2.countNonZero(m) < 12:
        return None if quick else np.zeros(len(FEATURES))
    x0, y0, w0, h0 = cv2.boundingRect(m)
    m = cv2.copyMakeBorder(m[y0 : y0 + h0, x0 : x0 + w0], 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    height = float(h0)
    if quick and not _any_thin_hole(m, height):
        return None
    # the holes: the paper not joined to the paper around the ink (4-connected, as the
    # contours of 8-connected ink leave it)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(1 - m, connectivity=4)
    outside = labels[0, 0]
    holes = [k for k in range(1, n) if k != outside]
    hole_mask = (labels > 0) & (labels != outside)
    # thin holes: the inside of a hollow stroke is long and narrow (its widest point a small
    # part of its length), where the counter of a solid 0 4 6 8 9 is round or triangular
    thin = thin_area = 0.0
    long_enough = [k for k in holes if stats[k, cv2.CC_STAT_AREA] >= 3
                   and max(stats[k, cv2.CC_STAT_WIDTH], stats[k, cv2.CC_STAT_HEIGHT]) >= 0.3 * height]
    if long_enough:
        dist = cv2.distanceTransform(hole_mask.astype(np.uint8), cv2.DIST_L2, 3)
        for k in long_enough:
            x, y, w, h, area = stats[k]
            widest = float(dist[y : y + h, x : x + w][labels[y : y + h, x : x + w] == k].max())
            if 2 * widest < THIN_HOLE * max(w, h):
                thin += 1
                thin_area += area
    if quick and not thin:
        return None
    contours, hier = cv2.findContours(m, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    hier = hier[0] if hier is not None else np.zeros((0, 4), int)
    outer = [c for c, h in zip(contours, hier, strict=True) if h[3] < 0]
    filled = m | hole_mask
    ink = float(m.sum())
    full = float(filled.sum())
    pieces = [c for c in outer if cv2.contourArea(c) >= 0.002 * height * height + 2]
    n_pieces = max(1, len(pieces))
    real = [k for k in holes if stats[k, cv2.CC_STAT_AREA] >= 2]
    # a long hole: one at least 0.45 of the glyph's height (the inside of an outlined
    # stroke), not a round counter of 0 6 8 9
    long_holes = sum(1 for k in real if stats[k, cv2.CC_STAT_HEIGHT] >= 0.45 * height)
    # the share of the ink that borders a hole: nearly all of it in an outlined glyph, the
    # rims of the counters only in a solid one
    near = cv2.dilate(hole_mask.astype(np.uint8), np.ones((3, 3), np.uint8), iterations=2) > 0
    by_holes = float((near & (m > 0)).sum()) / max(ink, 1.0)
    perim_ink = sum(cv2.arcLength(c, True) for c in contours) or 1.0
    perim_full = sum(cv2.arcLength(c, True) for c in outer) or 1.0
    stroke_ink = 2.0 * ink / perim_ink
    stroke_full = 2.0 * full / perim_full
    return np.array([
        ink / max(full, 1.0),
        len(real) / n_pieces,
        sum(float(stats[k, cv2.CC_STAT_AREA]) for k in real) / max(full, 1.0),
        stroke_ink / max(stroke_full, 1e-6),
        stroke_ink / height,
        np.log(height),
        long_holes / n_pieces,
        by_holes,
        thin / n_pieces,
        thin_area / max(float(hole_mask.sum()), 1.0),
    ])


def _any_thin_hole(m: np.ndarray, height: float) -> bool:
    """Whether the ink (padded 0/1 mask) holds a thin hole, found from the contours alone
    (a third of the time of labelling the paper; most cells hold none)."""
    import cv2

    contours, hier = cv2.findContours(m, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hier is None:
        return False
    for c, h in zip(contours, hier[0], strict=True):
        if h[3] < 0:
            continue
        x, y, w, hh = cv2.boundingRect(c)
        # the contour runs on the ink around the hole: the hole is a pixel inside it each side
        length = max(w, hh) - 2
        if length < 0.3 * height:
            continue
        hole = np.zeros((hh, w), np.uint8)
        cv2.drawContours(hole, [c], -1, 1, thickness=cv2.FILLED, offset=(-x, -y))
        hole &= 1 - m[y : y + hh, x : x + w]
        if cv2.countNonZero(hole) >= 3:
            widest = float(cv2.distanceTransform(hole, cv2.DIST_L2, 3).max())
            if 2 * widest < THIN_HOLE * length:
                return True
    return False


def score(mask: np.ndarray) -> float:
    """How likely (0-1) the cell's lettering is outlined: 0 without a thin hole (a hollow
    stroke's inside; the round counters of a short printed 8 or 40 scored high otherwise),
    else the regression's probability."""
    f = features(mask, quick=True)
    return 0.0 if f is None else _score(f)


def _score(f: np.ndarray) -> float:
    if f[FEATURES.index("thin holes/piece")] <= 0:
        return 0.0
    z = (f - MEAN) / SCALE
    return float(1.0 / (1.0 + np.exp(-(z @ WEIGHTS + BIAS))))


def is_outlined(mask: np.ndarray) -> bool:
    return score(mask) >= THRESHOLD


# ---------------------------------------------------------------------------- training


def _cells(args) -> tuple[str, np.ndarray]:
    """Features of `n` generated cells of one source ('outline': the outlined npm fonts;
    'fonts': the training fonts and 100 more installed ones; 'npm', 'npmhand': the Arabic-script
    and handwriting npm fonts; 'hand': the training part of the handwritten digits)."""
    import re

    from ocr import handwritten_digits
    from ocr import npm_fonts as npm
    from ocr import numbers_synth as nsynth
    from ocr.recognise import clean_cell
    from ocr.train_numbers import LEVEL_WEIGHTS, pick_script, training_fonts
    from ocr.train_text import extra_number_fonts

    source, n, seed = args
    rng = np.random.default_rng(seed)
    hand, fonts = None, []
    if source == "outline":
        fonts = [f for f in npm.fetch(None, npm.OUTLINE_PACKAGES, "latin") if re.search(r"-(400|700)-normal", f)]
    elif source == "fonts":
        fonts = training_fonts() + extra_number_fonts(100, seed)
    elif source == "npm":
        fonts = npm.fetch()
    elif source == "npmhand":
        fonts = npm.fetch(None, npm.HAND_PACKAGES, "latin")
    else:
        hand = handwritten_digits.fetch().split("train")
    rows = []
    while len(rows) < n:
        kind = nsynth.KINDS[int(rng.integers(len(nsynth.KINDS)))]
        level = int(rng.choice(4, p=LEVEL_WEIGHTS))
        try:
            if hand is not None:
                cell = handwritten_digits.compose_cell(nsynth.random_value(kind, rng), kind, hand, rng, level)
            else:
                font = fonts[int(rng.integers(len(fonts)))]
                cell = nsynth.render_cell(nsynth.random_value(kind, rng), kind, pick_script(font, rng), font, rng,
                                          level, dot_variety=0.35)
        except ValueError:  # no such script in the font, or a hairline degraded to nothing
            continue
        gray = cell.image if cell.image.ndim == 2 else cell.image.mean(axis=2).astype(np.uint8)
        ink = clean_cell(gray, strokes=True)
        if ink.box is not None:
            rows.append(features(ink.mask))
    return source, np.array(rows)


def train(seed: int = 1, workers: int = 2) -> dict:
    """Fit the logistic regression on generated cells (see the module's docstring); returns
    the constants to paste into this module and the validation counts."""
    from concurrent.futures import ProcessPoolExecutor

    jobs = [("outline", 1500, seed), ("outline", 1500, seed + 1), ("fonts", 1500, seed + 2),
            ("fonts", 1500, seed + 3), ("npm", 1000, seed + 4), ("npmhand", 1000, seed + 5), ("hand", 1000, seed + 6)]
    xs, ys = [], []
    with ProcessPoolExecutor(workers) as pool:
        for source, rows in pool.map(_cells, jobs):
            xs.append(rows)
            ys += [source == "outline"] * len(rows)
    x, y = np.concatenate(xs), np.array(ys, float)
    idx = np.random.default_rng(0).permutation(len(x))
    tr, va = idx[: int(0.7 * len(x))], idx[int(0.7 * len(x)) :]
    mean, scale = x[tr].mean(axis=0), x[tr].std(axis=0) + 1e-9
    z = (x - mean) / scale
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(3000):
        g = 1.0 / (1.0 + np.exp(-(z[tr] @ w + b))) - y[tr]
        w -= 0.5 * (z[tr].T @ g / len(tr) + 1e-3 * w)
        b -= 0.5 * float(g.mean())
    p = 1.0 / (1.0 + np.exp(-(z[va] @ w + b))) * (x[va, FEATURES.index("thin holes/piece")] > 0)
    return {"MEAN": mean.round(4).tolist(), "SCALE": scale.round(4).tolist(), "WEIGHTS": w.round(4).tolist(),
            "BIAS": round(b, 4), "validation": {
                "outlined marked": f"{int((p[y[va] == 1] >= THRESHOLD).sum())}/{int((y[va] == 1).sum())}",
                "others marked": f"{int((p[y[va] == 0] >= THRESHOLD).sum())}/{int((y[va] == 0).sum())}"}}


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    ap = argparse.ArgumentParser(description="train the outline detector (prints its constants)")
    ap.add_argument("command", choices=["train"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    print(json.dumps(train(a.seed, a.workers), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
