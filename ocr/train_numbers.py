"""Train the number recogniser's glyph classifier from scratch on generated cells.

    nice -n 10 python -m ocr.train_numbers --out resources/models/

Cells are rendered by `ocr.numbers_synth` in the TRAIN fonts below (seeded), segmented
with the same code the reader uses (`ocr.glyphs`), and every glyph candidate gets the
shape class of the character whose pixels it holds; speckles, touching pairs and
fragments of glyphs become the reject class. A one-hidden-layer MLP (numpy, Adam,
softmax) is trained on their features and saved with its provenance as numbers.npz.
The HELD_BACK fonts are never used here: the benchmark measures on them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import cv2
import numpy as np

from ocr import npm_fonts
from ocr import numbers_synth as synth
from ocr.glyphs import (
    Atom,
    build_lattice,
    features_from_shapes,
    find_atoms,
    normalise_scale,
    shapes_batch,
)
from ocr.numbers import CLASSES, REJECT

# Printed fonts with Urdu and/or Arabic-Indic digits (and Latin ones).
EASTERN_TRAIN = [
    "NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold", "NotoNaskhArabic-Medium",
    "NotoNastaliqUrdu-Regular", "NotoNastaliqUrdu-Bold", "Amiri-Regular", "Amiri-Bold",
    "Amiri-Slanted", "Lateef-Regular", "Lateef-Bold", "AwamiNastaliq-Regular", "DejaVuSans",
    "DejaVuSans-Bold", "DejaVuSansMono", "DejaVuSansCondensed", "homa", "nazli", "nazlib",
    "titr", "NafeesWeb", "FreeFarsi", "FreeFarsi-Bold", "FreeFarsi-Mono", "FreeSerif",
    "Harmattan-Regular", "Harmattan-Bold", "KacstOne", "KacstOne-Bold",
    "PakType Naskh Basic Urdu", "PakType Tehreer", "PakType Naqsh", "Lemonada-Regular",
    "Thabit", "Thabit-Bold", "KacstBook", "KacstNaskh", "KacstOffice", "KacstTitle",
    "KacstFarsi", "ae_AlArabiya", "ae_Furat", "ae_Hor", "ae_Salem", "ae_Cortoba", "ae_Nada",
    "NotoNaskhArabic-SemiBold", "Amiri-BoldSlanted", "Lateef-Light", "Lateef-Medium",
    "Lateef-ExtraBold", "Lemonada-Bold", "Lemonada-Light", "PakType Naskh Basic",
    "PakType Naskh Basic Farsi", "Thabit-Oblique", "DejaVuSans-Oblique", "FreeFarsi-Italic",
    "ae_AlBattar", "ae_AlYarmook", "ae_Arab", "ae_Dimnah", "ae_Granada", "ae_Hani",
    "ae_Kayrawan", "ae_Khalid", "ae_Petra", "ae_Rehan", "ae_Sharjah", "ae_Tarablus",
    "KacstScreen",
]  # fmt: skip
# Printed Latin fonts: sans, serif, typewriter.
LATIN_TRAIN = [
    "LiberationSans-Regular", "LiberationSans-Bold", "LiberationMono-Regular", "FreeSans",
    "FreeSansBold", "FreeMono", "FreeMonoBold", "FreeSerifBold", "DejaVuSerif",
    "DejaVuSerif-Bold", "DejaVuSansMono-Bold", "NotoSans-Regular", "NotoSans-Bold",
    "Courier Prime", "Courier Prime Sans", "GNUTypewriter",
]  # fmt: skip
# Handwriting-like fonts used in training.
HAND_TRAIN = [
    "dkg", "dkgBd", "Breip", "BecauseWeBuild-Regular", "BecauseWeConnect-Regular",
    "BecauseWeCreate-Regular", "BecauseWeLearn-Regular", "SteveHand", "Delphine",
    "ComicNeue-Regular", "ComicNeue-Bold", "Rufscript010", "DancingScript-Regular",
    "KaushanScript-Regular", "KacstLetter", "Alkalami-Regular",
]  # fmt: skip
# Never used in training: evaluation only (families are excluded as a whole).
HELD_BACK_PRINTED = [
    "NotoSansArabic-Regular", "NotoKufiArabic-Regular", "Scheherazade-Regular",
    "NotoSerif-Regular", "LiberationSerif-Regular",
]  # fmt: skip
HELD_BACK_HAND = ["Humor-Sans", "femkeklaver", "BecauseWeMentor-Regular", "KacstPen"]
HELD_BACK_FAMILIES = (
    "NotoSansArabic", "NotoKufiArabic", "Scheherazade", "NotoSerif", "LiberationSerif",
    "Humor-Sans", "femkeklaver", "BecauseWeMentor", "KacstPen",
)  # fmt: skip

LEVEL_WEIGHTS = (0.15, 0.35, 0.35, 0.15)


def pick_script(path: str, rng: np.random.Generator) -> str:
    """A digit set the font draws, favouring Urdu digits like the registers do."""
    options = [("urdu", 0.6), ("arabic", 0.15), ("latin", 0.25)]
    ok = [(s, w) for s, w in options if synth.font_supports(path, s)]
    if not ok:
        raise ValueError(f"font {path} draws no complete digit set")
    w = np.array([x[1] for x in ok])
    return ok[int(rng.choice(len(ok), p=w / w.sum()))][0]


def cell_samples(
    cell: synth.SynthCell, rng: np.random.Generator, keep_junk: float = 0.5
) -> tuple[tuple[np.ndarray, np.ndarray] | None, list[str], int]:
    """Shape images and geometry rows (ocr.glyphs.shapes_batch) and shape labels of the
    glyph candidates in a generated cell.

    The candidates are those the reader weighs (`ocr.glyphs.build_lattice`): a candidate
    holding (nearly) all the ink of one character gets that character's shape class; one
    holding speckles, a part of a character or parts of several gets the reject class
    (a share `keep_junk` of the multi-character ones is kept). Also returns how many
    drawn characters no candidate holds whole (segmentation misses).
    """
    labels: list[str] = []
    pieces: list[Atom] = []
    n_chars = sum(1 for s in cell.shapes if s)
    image, mask, scale, (ox, oy) = normalise_scale(cell.image)
    if mask is None:
        return None, labels, n_chars
    crop_h, crop_w = round(image.shape[0] / scale), round(image.shape[1] / scale)
    cell_labels = cell.labels[oy : oy + crop_h, ox : ox + crop_w]
    if scale != 1.0:
        cell_labels = cv2.resize(
            cell_labels.astype(np.float32),
            (image.shape[1], image.shape[0]),
            interpolation=cv2.INTER_NEAREST,
        ).astype(np.int32)
    # Binarisation draws a halo around the ink the labels were drawn from: let every
    # unlabelled pixel take the label of its neighbourhood so small glyphs (a zero dot)
    # are not mistaken for unlabelled speckles.
    k = 2 * max(1, int(round(scale))) + 1
    grown = cv2.dilate(cell_labels.astype(np.float32), np.ones((k, k), np.uint8)).astype(np.int32)
    cell_labels = np.where(cell_labels > 0, cell_labels, grown)
    atoms, band = find_atoms(mask)
    if band is None or not atoms:
        return None, labels, n_chars
    kept = np.zeros_like(mask)
    for a in atoms:
        kept[a.y0 : a.y1, a.x0 : a.x1] |= a.mask
    totals = np.bincount(cell_labels[kept], minlength=len(cell.chars) + 1)
    lattice = build_lattice(atoms, band)
    found: set[int] = set()
    for piece in lattice.pieces.values():
        lab = cell_labels[piece.y0 : piece.y1, piece.x0 : piece.x1][piece.mask]
        labelled = lab[lab > 0]
        if labelled.size < 0.25 * lab.size:
            pieces.append(piece)
            labels.append(REJECT)
            continue
        counts = np.bincount(labelled, minlength=len(cell.chars) + 1)
        members = [i for i in np.flatnonzero(counts) if counts[i] >= 0.1 * labelled.size]
        if len(members) == 1:
            idx = members[0]
            share = counts[idx] / max(totals[idx], 1)
            if share >= 0.9 and cell.shapes[idx - 1]:
                pieces.append(piece)
                labels.append(cell.shapes[idx - 1])
                found.add(idx)
            elif share < 0.6:
                pieces.append(piece)
                labels.append(REJECT)
            continue
        if rng.random() < keep_junk:
            pieces.append(piece)
            labels.append(REJECT)
    if not pieces:
        return None, labels, n_chars
    return shapes_batch(pieces, band), labels, n_chars - len(found)


def _usable(fonts: list[str], rng: np.random.Generator, log) -> list[str]:
    usable = []
    for f in fonts:
        try:
            pick_script(f, rng)
            usable.append(f)
        except ValueError:
            log(f"skipping {f}: no complete digit set")
    return usable


def generate(
    fonts: list[str], n_cells: int, seed: int, log=print, handwritten: int = 0,
    more_fonts: list[str] = (), more_cells: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
    """Shape images, geometry rows and integer labels of the glyphs of `n_cells` generated
    cells, of `more_cells` more drawn in `more_fonts` (e.g. `ocr.npm_fonts`), and of
    `handwritten` more cells written with the training part of the handwritten digits
    (`ocr.handwritten_digits`)."""
    rng = np.random.default_rng(seed)
    usable = _usable(fonts, rng, log)
    more = _usable(list(more_fonts), np.random.default_rng(seed + 1), log) if more_cells else []
    shapes: list[np.ndarray] = []
    geometry: list[np.ndarray] = []
    labels: list[str] = []
    missed = chars = 0
    t0 = time.time()

    def cells():
        for n in range(n_cells + (more_cells if more else 0)):
            pool = usable if n < n_cells else more
            path = pool[int(rng.integers(len(pool)))]
            script = pick_script(path, rng)
            kind = synth.KINDS[int(rng.integers(len(synth.KINDS)))]
            level = int(rng.choice(4, p=LEVEL_WEIGHTS))
            yield n, synth.render_cell(
                synth.random_value(kind, rng), kind, script, path, rng, level, dot_variety=0.35
            )
        if handwritten:
            from ocr import handwritten_digits

            digits = handwritten_digits.fetch().split("train")
            for n in range(n_cells, n_cells + handwritten):
                kind = synth.KINDS[int(rng.integers(len(synth.KINDS)))]
                level = int(rng.choice(4, p=LEVEL_WEIGHTS))
                yield n, handwritten_digits.compose_cell(synth.random_value(kind, rng), kind, digits, rng, level)

    for n, cell in cells():
        got, lab, miss = cell_samples(cell, rng)
        if got is not None:
            shapes.append(got[0])
            geometry.append(got[1])
            labels += lab
        missed += miss
        chars += sum(1 for s in cell.shapes if s)
        if n and n % 3000 == 0:
            log(f"  {n} cells, {len(labels)} glyphs, {time.time() - t0:.0f} s")
    y = np.array([CLASSES.index(c) for c in labels], dtype=np.int64)
    stats = {
        "cells": n_cells,
        "handwritten_cells": handwritten,
        "npm_font_cells": more_cells if more else 0,
        "glyphs": len(labels),
        "chars": chars,
        "segmentation_misses": missed,
        "per_class": {c: int((y == i).sum()) for i, c in enumerate(CLASSES)},
    }
    return np.concatenate(shapes).astype(np.float32), np.concatenate(geometry), y, stats


def train_mlp(
    x: np.ndarray,
    y: np.ndarray,
    *,
    hidden: int = 256,
    epochs: int = 25,
    seed: int = 0,
    lr: float = 2e-3,
    batch: int = 256,
    weight_decay: float = 1e-4,
    log=print,
) -> dict[str, np.ndarray]:
    """A softmax MLP (one ReLU hidden layer) trained with Adam; returns its weights."""
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0)
    std = x.std(axis=0) + 1e-3
    xs = (x - mean) / std
    n, d = xs.shape
    k = len(CLASSES)
    params = {
        "W1": (rng.normal(0, np.sqrt(2 / d), (d, hidden))).astype(np.float32),
        "b1": np.zeros(hidden, np.float32),
        "W2": (rng.normal(0, np.sqrt(1 / hidden), (hidden, k))).astype(np.float32),
        "b2": np.zeros(k, np.float32),
    }
    m = {p: np.zeros_like(v) for p, v in params.items()}
    v = {p: np.zeros_like(w) for p, w in params.items()}
    step = 0
    onehot = np.eye(k, dtype=np.float32)
    for epoch in range(epochs):
        order = rng.permutation(n)
        rate = lr * 0.5 * (1 + np.cos(np.pi * epoch / epochs))
        total = 0.0
        correct = 0
        for s in range(0, n, batch):
            idx = order[s : s + batch]
            xb, yb = xs[idx], y[idx]
            h = xb @ params["W1"] + params["b1"]
            a = np.maximum(h, 0)
            z = a @ params["W2"] + params["b2"]
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            total += float(-np.log(p[np.arange(len(yb)), yb] + 1e-9).sum())
            correct += int((p.argmax(axis=1) == yb).sum())
            g = (p - onehot[yb]) / len(yb)
            grads = {"W2": a.T @ g, "b2": g.sum(axis=0)}
            ga = g @ params["W2"].T
            ga[h <= 0] = 0
            grads["W1"] = xb.T @ ga
            grads["b1"] = ga.sum(axis=0)
            step += 1
            for name, grad in grads.items():
                if name.startswith("W"):
                    grad = grad + weight_decay * params[name]
                m[name] = 0.9 * m[name] + 0.1 * grad
                v[name] = 0.999 * v[name] + 0.001 * grad * grad
                mh = m[name] / (1 - 0.9**step)
                vh = v[name] / (1 - 0.999**step)
                params[name] -= (rate * mh / (np.sqrt(vh) + 1e-8)).astype(np.float32)
        log(f"  epoch {epoch + 1}/{epochs}: loss {total / n:.4f}, train acc {correct / n:.4f}")
    params["mean"] = mean.astype(np.float32)
    params["std"] = std.astype(np.float32)
    return params


def accuracy(params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> float:
    from ocr.numbers import GlyphClassifier

    clf = GlyphClassifier({**params, "classes": np.array(CLASSES)})
    return float((clf.predict(x).argmax(axis=1) == y).mean())


def training_fonts() -> list[str]:
    """Installed paths of the training fonts (held-back families are refused)."""
    names = EASTERN_TRAIN + LATIN_TRAIN + HAND_TRAIN
    for n in names:
        if any(n.startswith(f) for f in HELD_BACK_FAMILIES):
            raise AssertionError(f"{n} belongs to a held-back family")
    return synth.resolve_fonts(names)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--out", type=Path, required=True, help="folder for numbers.npz")
    ap.add_argument("--model", choices=("cnn", "mlp"), default="cnn",
                    help="cnn (needs PyTorch to train; default) or the numpy MLP")
    ap.add_argument("--cells", type=int, default=22000, help="generated cells (default 22000)")
    ap.add_argument("--epochs", type=int, default=None, help="default: 14 (cnn), 25 (mlp)")
    ap.add_argument("--hidden", type=int, default=256, help="MLP hidden units")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--fonts", nargs="*", help="font files to use instead of the training set")
    ap.add_argument("--cache", type=Path, help="keep the generated glyphs in this .npz and reuse them")
    ap.add_argument("--handwritten", type=int, default=0,
                    help="this many more cells written with real handwritten digits (ocr.handwritten_digits)")
    ap.add_argument("--npm-fonts", type=int, default=0,
                    help="this many more cells drawn in the Arabic-script fonts of ocr.npm_fonts")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    fonts = args.fonts or training_fonts()
    if not fonts:
        log("No training fonts are installed (see resources/models/README.md for the list).")
        return 2
    try:
        more = npm_fonts.fetch() if args.npm_fonts else []
    except npm_fonts.FontsUnavailable as e:
        log(f"error: {e}")
        return 2
    t0 = time.time()
    if args.cache and args.cache.is_file():
        with np.load(args.cache, allow_pickle=False) as d:
            shapes, geometry, y = d["shapes"].astype(np.float32) / 255, d["geometry"], d["y"]
            stats = json.loads(str(d["stats"]))
        log(f"{len(y)} glyphs from {args.cache}")
    else:
        log(f"{len(fonts)} fonts; generating {args.cells} cells (seed {args.seed})")
        shapes, geometry, y, stats = generate(fonts, args.cells, args.seed, log, args.handwritten,
                                              more, args.npm_fonts)
        log(f"{len(y)} glyphs in {time.time() - t0:.0f} s")
        if args.cache:
            np.savez_compressed(args.cache, shapes=np.round(shapes * 255).astype(np.uint8),
                                geometry=geometry, y=y, stats=np.array(json.dumps(stats)))
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(y))
    n_val = max(1, len(y) // 20)
    val, tr = order[:n_val], order[n_val:]
    t1 = time.time()
    if args.model == "cnn":
        from ocr.glyph_cnn import GlyphCNN
        from ocr.train_glyph_cnn import train_cnn

        epochs = args.epochs or 14
        params = train_cnn(shapes[tr], geometry[tr], y[tr], len(CLASSES), epochs=epochs,
                           seed=args.seed, log=log)
        pred = GlyphCNN(params).predict(shapes[val], geometry[val]).argmax(axis=1)
        val_acc = float((pred == y[val]).mean())
        stored = {k: v.astype(np.float16) if k.endswith(".w") else v for k, v in params.items()}
    else:
        epochs = args.epochs or 25
        x = features_from_shapes(shapes, geometry)
        params = train_mlp(x[tr], y[tr], hidden=args.hidden, epochs=epochs, seed=args.seed, log=log)
        val_acc = accuracy(params, x[val], y[val])
        stored = {k: v.astype(np.float16) if k.startswith("W") else v for k, v in params.items()}
    log(f"validation glyph accuracy {val_acc:.4f} ({time.time() - t1:.0f} s)")
    meta = {
        "format": 2,
        "model": args.model,
        "classes": CLASSES,
        "fonts": sorted(Path(f).stem for f in fonts + more),
        "held_back_printed": HELD_BACK_PRINTED,
        "held_back_handwriting_like": HELD_BACK_HAND,
        "seed": args.seed,
        "hidden": args.hidden if args.model == "mlp" else 128,
        "epochs": epochs,
        "validation_glyph_accuracy": round(val_acc, 5),
        "train_seconds": round(time.time() - t0, 1),
        **stats,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "numbers.npz"
    np.savez_compressed(
        out,
        **stored,
        classes=np.array(CLASSES),
        meta=np.array(json.dumps(meta, ensure_ascii=False)),
    )
    log(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
