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
from dataclasses import replace
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


# The outline model: the number line model trained on from the shipped one with cells in
# outlined, hollow and shadowed display fonts too (`ocr.npm_fonts.OUTLINE_PACKAGES`); read only
# for the cells `ocr.outline` marks (`ocr.recognise.DedicatedNumberReader`).
OUTLINE_MODEL_FILE = "number_outline.npz"


def outline_model_path() -> Path:
    """Where the outline model lives (override with DAFTAR_NUMBER_OUTLINE_MODEL)."""
    import resources

    env = os.environ.get("DAFTAR_NUMBER_OUTLINE_MODEL")
    if env:
        return Path(env)
    return Path(resources.__file__).parent / "models" / OUTLINE_MODEL_FILE


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
        return self.read_crops_with_steps(crops)[0]

    def read_crops_with_steps(self, crops: list[tuple[np.ndarray | None, str]]
                              ) -> tuple[list[NumberReading], list[dict[str, np.ndarray] | None]]:
        """`read_crops`, and for each crop the model's step probabilities by form ("line":
        the crop as read; None for a blank cell), which `check` and `reread` add forms to
        and score other readings against."""
        out: list[NumberReading] = [NumberReading("", 0.0, problem="nothing was read")] * len(crops)
        steps: list[dict[str, np.ndarray] | None] = [None] * len(crops)
        lines, where = [], []
        for i, (crop, kind) in enumerate(crops):
            if kind not in NUMERIC_KINDS:
                raise ValueError(f"'{kind}' is not a numeric field kind ({', '.join(NUMERIC_KINDS)})")
            if crop is not None:
                lines.append(normalise_line(crop, mirror=False))
                where.append(i)
        for i, probs in zip(where, self.model.probabilities_many(lines), strict=True):
            got = self.model.decode(probs)
            kind = crops[i][1]
            text = _shown(got.text)
            conf = min(got.confidences, default=0.0)
            problem = parse_problem(kind, text) if text else "nothing was read"
            if problem:
                conf = min(conf, PROBLEM_CAP)
            out[i] = NumberReading(text, float(conf), list(got.confidences), problem=problem)
            steps[i] = {"line": probs}
        return out, steps

    def form_steps(self, crop: np.ndarray, steps: dict[str, np.ndarray], names: tuple[str, ...]) -> None:
        """Add to `steps` (form name -> step probabilities) those of the named forms of an
        ink crop (`form_line`) that it does not hold yet."""
        todo = [n for n in names if n not in steps]
        for name, probs in zip(todo, self.model.probabilities_many([form_line(crop, n) for n in todo]), strict=True):
            steps[name] = probs

    def check(self, crop: np.ndarray, reading: NumberReading, steps: dict[str, np.ndarray]) -> NumberReading:
        """A quick second opinion on a line reading that is nearly but not quite sure (in
        place of the glyph reader's), or that the glyph reader agreed with although the line
        model was unsure (AGREED_CHECK_BELOW): the crop read in the CHECK_FORM too; where that gives
        another text, the reading is flagged at DISAGREE_CAP at most with that text as its
        `alternative` (and `reread` then chooses between them)."""
        self.form_steps(crop, steps, (CHECK_FORM,))
        other = _shown(self.model.decode(steps[CHECK_FORM]).text)
        if _canon(other) == _canon(reading.text):
            return reading
        return replace(reading, confidence=min(reading.confidence, DISAGREE_CAP),
                       problem=reading.problem or "the cell read wider gave another reading", alternative=other)

    def reread(self, items: list[tuple[np.ndarray, str, NumberReading, dict[str, np.ndarray]]]) -> list[NumberReading]:
        """Second looks at unsure cells: (ink crop, kind, reading so far, its step
        probabilities by form, "line" the crop as first read). The model reads each crop in
        every one of REREAD_FORMS; each text read in any form, and the reading so far and
        its alternative (and when none of them is a value of the kind, the likeliest text in
        the kind's format, `ocr.ctc_format`), is scored by its CTC likelihood under each
        form (`ocr.ctc_score`), averaged over the forms, less REREAD_PARSE_PENALTY where it
        is no value of the kind.
        Where another text than the reading so far wins, it is given instead, flagged at
        DISAGREE_CAP at most, with the reading so far as its `alternative`; otherwise the
        reading stands as it was. The crops of a page are scored together (one loop over
        the steps)."""
        from ocr.ctc_format import best_in_format
        from ocr.ctc_score import log_likelihoods

        index = {ch: k + 1 for k, ch in enumerate(self.model.charset)}
        plans = []  # per item: its candidate texts and where their scores start
        pairs = []
        for crop, kind, reading, steps in items:
            self.form_steps(crop, steps, REREAD_FORMS)
            forms = [steps[n] for n in ("line", *REREAD_FORMS)]
            texts = {_canon(self.model.decode(p).text) for p in forms}
            texts |= {_canon(reading.text), _canon(reading.alternative or "")}
            problems = {t: parse_problem(kind, _shown(t)) for t in texts if t}
            if problems and all(problems.values()):
                # something was read, but no reading is a value of the kind: the likeliest
                # text in its format joins them (where nothing was read, none is made up)
                for t in map(_canon, best_in_format(steps["line"], kind, self.model.charset)):
                    problems.setdefault(t, parse_problem(kind, _shown(t)))
            cands = sorted(t for t in problems if all(ch in index for ch in t))
            plans.append((cands, [problems[t] for t in cands], len(forms), len(pairs)))
            if len(cands) > 1:
                pairs += [(p, [index[ch] for ch in t]) for p in forms for t in cands]
        scores = log_likelihoods(pairs)
        out = []
        for (_crop, _kind, reading, _steps), (cands, problems, n_forms, at) in zip(items, plans, strict=True):
            if len(cands) < 2:
                out.append(reading)
                continue
            ll = scores[at : at + n_forms * len(cands)].reshape(n_forms, len(cands)).mean(axis=0)
            ll -= [REREAD_PARSE_PENALTY if problem else 0.0 for problem in problems]
            won = int(np.argmax(ll))
            best = _shown(cands[won])
            if cands[won] == _canon(reading.text):
                out.append(reading)
                continue
            conf = min(float(reading.confidence), DISAGREE_CAP)
            problem = problems[won]
            if problem:
                conf = min(conf, PROBLEM_CAP)
            out.append(NumberReading(best, conf, [conf] * len(_canon(best)), script=reading.script,
                                     problem=problem or "read again in other forms", alternative=reading.text))
        return out


# The forms a cell's ink is read in besides the line as first read (`form_line`): name ->
# (times its width it is stretched to before it is scaled to the line height, the power
# its ink values are raised to: < 1 bolder). Stretched, narrow digits (Noto Kufi's Urdu ۴
# among them) get more of the model's steps. `reread` reads all three; `check` one.
FORMS = {"bold": (1.0, 0.6), "wide": (1.25, 1.0), "wide15": (1.5, 1.0)}
REREAD_FORMS = ("bold", "wide", "wide15")
CHECK_FORM = "wide15"
REREAD_PARSE_PENALTY = 5.0  # log-likelihood taken from a text that is no value of the kind


def form_line(crop: np.ndarray, name: str) -> np.ndarray:
    """An ink crop in one of the FORMS, as a normalised line."""
    import cv2

    stretch, power = FORMS[name]
    if stretch != 1.0:
        h, w = crop.shape
        crop = cv2.resize(crop, (max(1, int(w * stretch)), h), interpolation=cv2.INTER_LINEAR)
    line = normalise_line(crop, mirror=False)
    return line if power == 1.0 else line**power


def _shown(text: str) -> str:
    """A reading as the reader gives it: no spaces but one after each list comma."""
    return text.replace(" ", "").replace(",", "،").replace("،", "، ").strip()


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


def get_outline_reader() -> LineNumberReader:
    """The outline model's reader (raises FileNotFoundError when missing)."""
    with _lock:
        p = outline_model_path()
        if not p.is_file():
            raise FileNotFoundError(f"{p}: the outline number model is not installed")
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
# needs_glyphs): 25-70% of the cells. Between this and CHECK_BELOW the line model's own
# second look (`LineNumberReader.check`, half the glyph reader's time) takes its place: on
# the bench's sets (and a second seed of them) every set left as many wrong readings
# unflagged as with the glyph reader there, and fewer right ones were flagged (printed
# held-back 14.9 -> 13.4%, real handwriting 80.2 -> 68.3%; eleventh stop). Without the
# check, 4 more of 388 wrong readings of real handwriting went unflagged at 0.995 (ninth).
GLYPHS_BELOW = 0.995
CHECK_BELOW = 0.999
# Where the glyph reader agrees with a line reading less sure than this, the line model
# looks once more in the CHECK_FORM all the same (`LineNumberReader.check`): both readers
# wrong alike is how wrong numbers went unflagged (10 of 8,400 bench cells at levels 0-2,
# 4 with this check; twelfth stop). Such a disputed reading is flagged as the readers gave
# it, not read again in other forms (`ocr.recognise.DedicatedNumberReader`).
AGREED_CHECK_BELOW = 0.98


def needs_glyphs(line: NumberReading, pieces: int = 0) -> bool:
    """Whether a line reading needs the glyph reader's second opinion: it was not sure
    enough, or it does not parse as its kind, or the cell holds more separate `pieces` of
    ink than characters were read (a glyph the line model passed over, even surely: real
    handwriting's `939` read as `99` at 1.00). `pieces` 0: not counted."""
    return line.confidence < GLYPHS_BELOW or bool(line.problem) or pieces > len(_canon(line.text))


def _canon(text: str) -> str:
    return "".join(text.replace(",", "،").split())
