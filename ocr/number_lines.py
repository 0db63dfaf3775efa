"""Numbers read as a whole line by a sequence model (CNN + BiLSTM + CTC, `ocr.text_model`).

The glyph reader (`ocr.numbers`) cuts a cell into glyph candidates and classifies each; its
errors come mostly from cutting (two zero dots joined, a comma taken for a speck, touching
digits). This reader needs no cutting: the cell's ink is scaled to a line of LINE_H pixels
and the network reads the digits (Latin, Urdu and Arabic-Indic, all given back as Latin),
'/', '-' and the list comma in one pass, using the whole cell as context (which digit set
the cell is in, where a slash leans). Trained from scratch by
`python -m ocr.train_text numbers-data ...` and `... train --numbers` on cells of
`ocr.numbers_synth` in the training fonts of `ocr.train_numbers` (held-back fonts excluded).
"""

from __future__ import annotations

import os
import threading
from functools import cache
from pathlib import Path

import numpy as np

from ocr.numbers import NumberReading, parse_problem
from ocr.text_model import TextLineModel, normalise_line
from records.templates import NUMERIC_KINDS

MODEL_FILE = "number_lines.npz"
PROBLEM_CAP = 0.2  # a reading that does not parse as its kind is at most this sure


def model_path() -> Path:
    """Where the shipped model lives (override with DAFTAR_NUMBER_LINE_MODEL)."""
    import resources

    env = os.environ.get("DAFTAR_NUMBER_LINE_MODEL")
    if env:
        return Path(env)
    return Path(resources.__file__).parent / "models" / MODEL_FILE


def is_available() -> bool:
    return model_path().is_file()


class LineNumberReader:
    """Reads numeric cells with the number line model (thread-safe: no mutable state)."""

    name = "number-lines"

    def __init__(self, model: TextLineModel) -> None:
        self.model = model
        model.blank_doubt = False  # peaks only: they pick between the two readers better (bench)

    def read(self, cell_gray: np.ndarray, kind: str) -> NumberReading:
        """Read one cell image (grey or BGR) as a value of a numeric field kind."""
        return self.read_many([(cell_gray, kind)])[0]

    def read_many(self, cells: list[tuple[np.ndarray, str]]) -> list[NumberReading]:
        """Read several (cell image, kind) pairs; their recurrences run as one batch."""
        from ocr.recognise import _crop, clean_cell

        crops: list[tuple[np.ndarray | None, str]] = []
        for cell_gray, kind in cells:
            gray = cell_gray if cell_gray.ndim == 2 else cell_gray.mean(axis=2).astype(np.uint8)
            ink = clean_cell(gray, strokes=True)
            crops.append((None if ink.box is None else _crop(ink.gray, ink.box, pad=2), kind))
        return self.read_crops(crops)

    def read_crops(self, crops: list[tuple[np.ndarray | None, str]]) -> list[NumberReading]:
        """Read (ink crop of a cleaned cell, kind) pairs; a None crop is a blank cell."""
        out: list[NumberReading] = [NumberReading("", 0.0, problem="nothing was read")] * len(crops)
        lines, where = [], []
        for i, (crop, kind) in enumerate(crops):
            if kind not in NUMERIC_KINDS:
                raise ValueError(f"'{kind}' is not a numeric field kind ({', '.join(NUMERIC_KINDS)})")
            if crop is not None:
                lines.append(normalise_line(crop, mirror=False))
                where.append(i)
        for i, got in zip(where, self.model.read_many(lines), strict=True):
            kind = crops[i][1]
            text = got.text.replace(" ", "").replace("،", "، ").strip()
            conf = min(got.confidences, default=0.0)
            problem = parse_problem(kind, text) if text else "nothing was read"
            if problem:
                conf = min(conf, PROBLEM_CAP)
            out[i] = NumberReading(text, float(conf), list(got.confidences), problem=problem)
        return out


_lock = threading.Lock()


@cache
def _load(path: str) -> LineNumberReader:
    return LineNumberReader(TextLineModel.load(path))


def get_line_number_reader() -> LineNumberReader:
    """The shipped number line model's reader (raises FileNotFoundError when missing)."""
    with _lock:
        p = model_path()
        if not p.is_file():
            raise FileNotFoundError(f"{p}: the number line model is not installed")
        return _load(str(p))


def agree(a: NumberReading, b: NumberReading) -> NumberReading:
    """One reading from two readers that fail differently (the glyph reader, which cuts the
    cell, and the line reader, which does not): when they agree it stands with the surer
    confidence; when they differ the surer one's text is given, its confidence capped at
    DISAGREE_CAP so that the field is flagged for a look, and the other's text kept as its
    `alternative` (the clerk is shown both)."""
    if _canon(a.text) == _canon(b.text):
        return NumberReading(a.text, max(a.confidence, b.confidence), a.glyph_confidences or b.glyph_confidences,
                             a.boxes, a.script, a.problem)
    best, other = (a, b) if a.confidence >= b.confidence else (b, a)
    return NumberReading(best.text, min(best.confidence, DISAGREE_CAP), best.glyph_confidences,
                         best.boxes, best.script, best.problem or "the two number readers disagree",
                         alternative=other.text)


DISAGREE_CAP = 0.45
# The glyph reader reads a cell when the line reader is less sure than this (or see
# needs_glyphs): 60-85% of the cells. On the bench's sets of 2,100 cells this caught every
# wrong reading that reading every cell with both caught, once the line model was read with
# its blank tail and cells with a piece of ink left unread were asked too; at 0.995 (40-60%
# of cells) 4 more of 388 wrong readings of real handwriting went unflagged
# (bench/numbers_bench.py).
GLYPHS_BELOW = 0.999


def needs_glyphs(line: NumberReading, pieces: int = 0) -> bool:
    """Whether a line reading needs the glyph reader's second opinion: it was not sure
    enough, or it does not parse as its kind, or the cell holds more separate `pieces` of
    ink than characters were read (a glyph the line model passed over, even surely: real
    handwriting's `939` read as `99` at 1.00). `pieces` 0: not counted."""
    return line.confidence < GLYPHS_BELOW or bool(line.problem) or pieces > len(_canon(line.text))


def _canon(text: str) -> str:
    return "".join(text.replace(",", "،").split())
