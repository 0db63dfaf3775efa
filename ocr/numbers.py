"""Number recogniser: reads a numeric cell (Urdu, Arabic-Indic or Latin digits, '/', '-',
commas) into Latin-digit text with a confidence per glyph and per field.

    reader = get_number_reader()          # loads resources/models/numbers.npz once
    reading = reader.read(cell_gray, "khasra")
    reading.text, reading.confidence      # '125/5', 0.99

How it reads (see ocr/glyphs.py for segmentation): the cell is binarised, split into
connected components (stacked pieces merged, speckles dropped), and components wide
enough to be touching glyphs are cut where the classifier scores the pieces best. A
small MLP (numpy, weights trained by `python -m ocr.train_numbers`) classifies each
glyph into shape classes: Latin digits, Eastern digits (the Urdu forms of ۴ ۵ ۶ ۷, their
Persian forms and the Arabic-Indic ٤ ٥ ٦ ٧ are separate shapes of the same digits), '/',
'-', '،', ',' and a reject class for speckles and junk. Shapes that look alike across
scripts (Latin 0 and Arabic-Indic ٥, Latin 7 and ٦) are told apart by the script of the
whole cell: a cell is written in one digit set.

A reading that does not parse as its field kind (a khasra with an empty part, a share
with a zero total, ...) is returned as read with a low confidence; it is never "fixed".
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path

import numpy as np

from ocr.glyph_cnn import GlyphCNN, is_cnn
from ocr.glyphs import (
    MAX_SPAN,
    Atom,
    Band,
    build_lattice,
    features_from_shapes,
    find_atoms,
    normalise_scale_labelled,
    shapes_batch,
)

LATIN_CLASSES = [f"L{d}" for d in range(10)]
EASTERN_CLASSES = [
    "e0",
    "e1",
    "e2",
    "e3",
    "u4",
    "a4",
    "u5",
    "a5",
    "e6",
    "p6",
    "u7",
    "e7",
    "e8",
    "e9",
]
PUNCT_CLASSES = ["/", "-", "،", ","]
REJECT = "x"
CLASSES = LATIN_CLASSES + EASTERN_CLASSES + PUNCT_CLASSES + [REJECT]

# What each shape class reads as.
CLASS_TEXT = {c: c[1] for c in LATIN_CLASSES + EASTERN_CLASSES} | {p: p for p in PUNCT_CLASSES}
SCRIPT_CLASSES = {
    "latin": set(LATIN_CLASSES) | {"e1"} | set(PUNCT_CLASSES),
    "eastern": set(EASTERN_CLASSES) | set(PUNCT_CLASSES),
}
NUMERIC_KINDS = ("integer", "khasra", "khasra-list", "area", "share", "date", "cnic")
# Field confidence of a reading that does not parse as its kind.
UNPARSED_CONFIDENCE = 0.2
SEPARATOR_TEXTS = frozenset(PUNCT_CLASSES)
# Field confidence when a mark at either end, read as a separator, was dropped.
EDGE_SEPARATOR_CONFIDENCE = 0.5
MODEL_NAME = "numbers.npz"


@dataclass
class NumberReading:
    """What the recogniser read in one cell."""

    text: str  # Latin digits with '/', '-', '، ' separators as read ('' for a blank cell)
    confidence: float  # 0..1 for the field
    glyph_confidences: list[float] = field(default_factory=list)
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)  # (x, y, w, h) per glyph
    script: str = ""  # 'latin' or 'eastern' ('' when nothing was read)
    problem: str | None = None  # why the reading does not parse as its kind, if it does not
    alternative: str | None = None  # the other reader's text, where two readers disagreed


def model_path() -> Path:
    """Where the shipped model lives (override with DAFTAR_NUMBER_MODEL)."""
    env = os.environ.get("DAFTAR_NUMBER_MODEL")
    if env:
        return Path(env)
    import resources

    return resources.root() / "models" / MODEL_NAME


def is_available() -> bool:
    """True when the number model file is present."""
    return model_path().is_file()


class GlyphClassifier:
    """The glyph classifier of a model file: the small CNN (ocr.glyph_cnn) over shape images,
    or the MLP over glyph features (standardise, ReLU hidden layer, softmax)."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self.cnn = GlyphCNN(weights) if is_cnn(weights) else None
        self.layers = []
        i = 1
        if self.cnn is None:
            self.mean = weights["mean"].astype(np.float32)
            self.scale = (1.0 / weights["std"]).astype(np.float32)
        while self.cnn is None and f"W{i}" in weights:
            self.layers.append(
                (weights[f"W{i}"].astype(np.float32), weights[f"b{i}"].astype(np.float32))
            )
            i += 1
        self.classes = [str(c) for c in weights["classes"]]
        if self.classes != CLASSES:
            raise ValueError(
                f"number model classes {self.classes} do not match this version of Daftar; "
                "retrain with `python -m ocr.train_numbers --out resources/models/`"
            )

    @classmethod
    def load(cls, path: Path) -> GlyphClassifier:
        if not path.is_file():
            raise FileNotFoundError(
                f"Number model {path} is missing; train it with "
                "`python -m ocr.train_numbers --out resources/models/` or reinstall Daftar."
            )
        with np.load(path, allow_pickle=False) as data:
            return cls({k: data[k] for k in data.files})

    def predict_shapes(self, shapes: np.ndarray, geometry: np.ndarray) -> np.ndarray:
        """Class probabilities of shape images and geometry rows (`ocr.glyphs.shapes_batch`),
        of one cell or of many cells stacked: each row is classified on its own."""
        if self.cnn is not None:
            return self.cnn.predict(shapes, geometry)
        return self.predict(features_from_shapes(shapes, geometry))

    def predict(self, features: np.ndarray) -> np.ndarray:
        """MLP class probabilities, one row per feature row."""
        x = (features - self.mean) * self.scale
        for i, (w, b) in enumerate(self.layers):
            x = x @ w + b
            if i < len(self.layers) - 1:
                np.maximum(x, 0, out=x)
        x -= x.max(axis=1, keepdims=True)
        np.exp(x, out=x)
        x /= x.sum(axis=1, keepdims=True)
        return x


_LOG_FLOOR = float(np.log(1e-6))


@dataclass
class _Glyph:
    atom: Atom
    probs: np.ndarray


class NumberReader:
    """Reads numeric cells with a loaded glyph classifier (thread-safe: no mutable state)."""

    def __init__(self, classifier: GlyphClassifier) -> None:
        self.classifier = classifier
        self._reject = CLASSES.index(REJECT)
        self._texts = sorted(set(CLASS_TEXT.values()))
        # Per script: class -> text matrix (0 where the class is not of that script).
        self._to_text = {
            s: np.array(
                [
                    [float(c in allowed and CLASS_TEXT.get(c) == t) for t in self._texts]
                    for c in CLASSES
                ],
                dtype=np.float32,
            )
            for s, allowed in SCRIPT_CLASSES.items()
        }

    def read(self, cell_gray: np.ndarray, kind: str) -> NumberReading:
        """Read one cell image (grey or BGR numpy array) as a value of a numeric field kind."""
        return self.read_many([(cell_gray, kind)])[0]

    def read_many(self, cells: list[tuple[np.ndarray, str]]) -> list[NumberReading]:
        """Read several (cell image, kind) pairs: each cell is cut into glyph candidates on its
        own, and the candidates of all cells are classified together (same results as `read`
        one by one, fewer and larger array operations)."""
        for _, kind in cells:
            if kind not in NUMERIC_KINDS:
                raise ValueError(f"'{kind}' is not a numeric field kind ({', '.join(NUMERIC_KINDS)})")
        out = [NumberReading("", 0.0) for _ in cells]
        todo = []  # (cell index, kind, scale, offset, band, lattice, keys)
        shapes, geometry = [], []
        for i, (cell_gray, kind) in enumerate(cells):
            _, labelled, scale, offset = normalise_scale_labelled(cell_gray)
            if labelled is None:
                continue
            mask, labels, stats = labelled
            atoms, band = find_atoms(mask, (labels, stats))
            if not atoms or band is None:
                continue
            lattice = build_lattice(atoms, band)
            keys = list(lattice.pieces)
            s, g = shapes_batch([lattice.pieces[k] for k in keys], band)
            shapes.append(s)
            geometry.append(g)
            todo.append((i, kind, scale, offset, band, lattice, keys))
        if not todo:
            return out
        probs = self.classifier.predict_shapes(np.concatenate(shapes), np.concatenate(geometry))
        start = 0
        for i, kind, scale, (ox, oy), band, lattice, keys in todo:
            glyphs, split = self._segment(lattice, keys, probs[start : start + len(keys)])
            start += len(keys)
            reading = self._decode(glyphs, band, kind, split)
            reading.boxes = [
                (
                    int(x / scale) + ox,
                    int(y / scale) + oy,
                    max(int(round(w / scale)), 1),
                    max(int(round(h / scale)), 1),
                )
                for x, y, w, h in reading.boxes
            ]
            out[i] = reading
        return out

    # -- segmentation: cut wide atoms where the pieces look most like glyphs -------------

    def _segment(self, lattice, keys: list, probs: np.ndarray) -> tuple[list[_Glyph], bool]:
        """The best cut of a cell's lattice, given the class probabilities of its pieces
        (rows in the order of `keys`)."""
        row = {k: r for r, k in enumerate(keys)}
        n = len(lattice.units)
        # DP over unit boundaries: maximise the log-probability that every chosen piece
        # is a glyph (not the reject class). Each extra piece costs one more factor <= 1,
        # so a component is cut only when as a whole it looks like junk (touching
        # glyphs), and pieces are joined when together they look like one glyph.
        glyph_log = self._glyph_log(probs)
        best = [-np.inf] * (n + 1)
        back = [-1] * (n + 1)
        best[0] = 0.0
        for j in range(1, n + 1):
            for i in range(max(0, j - MAX_SPAN), j):
                r = row.get((i, j))
                if r is None or best[i] == -np.inf:
                    continue
                s = best[i] + glyph_log[r]
                if s > best[j]:
                    best[j], back[j] = s, i
        path = []
        j = n
        while j > 0:
            i = back[j]
            path.append((i, j))
            j = i
        path.reverse()
        starts = {i for i, _ in path}
        split = any(i in lattice.cut for i in starts)
        return [_Glyph(lattice.pieces[k], probs[row[k]]) for k in path], split

    def _glyph_log(self, probs: np.ndarray) -> list[float]:
        """Per row of `probs`: the log-probability that the piece is a glyph (not the reject
        class), floored at log(1e-6); one numpy pass with the arithmetic of the scalar
        `np.log(max(1.0 - p_reject, 1e-6))` (in the dtype of `probs` unless floored)."""
        not_reject = 1.0 - probs[:, self._reject]
        floored = not_reject < 1e-6
        logs = np.log(np.where(floored, 1, not_reject)).astype(float)
        logs[floored] = _LOG_FLOOR
        return logs.tolist()

    # -- decoding: script of the cell, text, confidences --------------------------------

    def _decode(self, glyphs: list[_Glyph], band: Band, kind: str, split: bool) -> NumberReading:
        h = band.height
        kept = []
        dropped_doubt = 1.0  # how sure we are that dropped specks were not glyphs
        for g in glyphs:
            p_reject = float(g.probs[self._reject])
            small = g.atom.height < 0.45 * h and g.atom.width < 0.45 * h
            if p_reject > 0.5 and small:
                dropped_doubt = min(dropped_doubt, p_reject)
                continue  # a speckle, not a glyph (an Urdu zero dot would be kept)
            kept.append(g)
        if not kept:
            return NumberReading("", 0.0)
        probs = np.stack([g.probs for g in kept])
        per_script = {s: probs @ m for s, m in self._to_text.items()}
        scores = {s: float(np.log(v.sum(axis=1) + 1e-6).sum()) for s, v in per_script.items()}
        script = max(scores, key=scores.get)
        per_text = per_script[script]
        best = per_text.argmax(axis=1)
        # No field kind starts or ends with a separator: a mark read as one at either end is
        # a speck or a stamp's stroke, dropped (the field then stays below the number
        # threshold), unless it is as tall as the digits and close to them: a real separator
        # whose digits are missing (125/), kept so that the reading shows it.
        edge_doubt = 1.0
        while len(kept) > 1 and self._texts[best[0]] in SEPARATOR_TEXTS or \
                len(kept) > 1 and self._texts[best[-1]] in SEPARATOR_TEXTS:
            i, j = (0, 1) if self._texts[best[0]] in SEPARATOR_TEXTS else (len(kept) - 1, len(kept) - 2)
            a, b = kept[i].atom, kept[j].atom
            if a.height >= 0.8 * h and max(b.x0 - a.x1, a.x0 - b.x1) <= 0.5 * h:
                break
            edge_doubt = EDGE_SEPARATOR_CONFIDENCE
            kept.pop(i)
            per_text = np.delete(per_text, i, axis=0)
            best = np.delete(best, i)
        parts: list[str] = []
        confs: list[float] = []
        boxes: list[tuple[int, int, int, int]] = []
        prev: _Glyph | None = None
        for n, g in enumerate(kept):
            text, conf = self._texts[best[n]], float(per_text[n, best[n]])
            # A large candidate the classifier rejects (touching glyphs it could not cut,
            # a blot) still gets its best reading; its probability stays below 0.5, so
            # the field is flagged.
            if kind == "khasra-list" and prev is not None and parts and not parts[-1].endswith(" "):
                gap = g.atom.x0 - prev.atom.x1
                if gap > 0.6 * h:
                    parts.append(" ")
            parts.append(text + " " if text in ("،", ",") else text)
            confs.append(conf)
            boxes.append(g.atom.box)
            prev = g
        out = "".join(parts).strip()
        confidence = min(min(confs), dropped_doubt, edge_doubt) if confs else 0.0
        if split:
            confidence *= 0.95
        problem = parse_problem(kind, out)
        if problem:
            confidence = min(confidence, UNPARSED_CONFIDENCE)
        return NumberReading(
            out, round(float(confidence), 4), [round(c, 4) for c in confs], boxes, script, problem
        )


_NUMBER_PARTS = re.compile(r"[^0-9]+")


def parse_problem(kind: str, text: str) -> str | None:
    """Why `text` is not a valid value of a numeric field kind, or None when it parses."""
    from records.fields import (
        FieldError,
        parse_cnic,
        parse_date,
        parse_khasra,
        parse_khasra_list,
    )
    from records.units import Area, UnitError, parse_share

    if not text:
        return "nothing was read"
    if kind not in ("date", "cnic") and any(len(p) > 1 and p[0] == "0" for p in _NUMBER_PARTS.split(text)):
        # registers write no leading zeros (a date's 07 and a CNIC's groups aside): a speck
        # before a number, read as an Eastern zero's dot, is the likelier story
        return f"'{text}' has a number starting with 0: was a speck read as a zero?"
    try:
        if kind == "integer":
            if not text.isdigit():
                return f"'{text}' is not a whole number"
        elif kind == "khasra":
            parse_khasra(text)
        elif kind == "khasra-list":
            if any(not item.strip() for item in re.split("[،,]", text)):
                # a register's list has a number between every two commas: a speck was read
                # as a comma, or a number was lost
                return f"'{text}' has a comma with no khasra number before or after it"
            parse_khasra_list(text)
        elif kind == "area":
            Area.parse(text)
        elif kind == "share":
            share = parse_share(text)
            assert isinstance(share, Fraction)
        elif kind == "date":
            parse_date(text)
        elif kind == "cnic":
            parse_cnic(text)
            if text.count("-") == 1:  # printed with both hyphens or none: one was not read
                return f"'{text}' has one of a CNIC's two hyphens: the other was not read"
    except (FieldError, UnitError) as e:
        return str(e)
    return None


_lock = threading.Lock()


@cache
def _load(path: str) -> NumberReader:
    return NumberReader(GlyphClassifier.load(Path(path)))


def get_number_reader() -> NumberReader:
    """The process-wide reader (the model is loaded once, on first use)."""
    with _lock:
        return _load(str(model_path()))


def model_info() -> dict:
    """Provenance stored with the model (fonts, sample counts, accuracy), if any."""
    path = model_path()
    with np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["meta"])) if "meta" in data.files else {}
