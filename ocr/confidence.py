"""Field confidence 0..1 and flags: OCR word confidences, the field kind's parser, cross-field rules.

A field is flagged (a records.flags.Flag on it) when
- its confidence is below the threshold of its kind group (`low_confidence`); with the
  office's vocabulary (words of its own records, `vocabulary=`), an Urdu text field whose
  words are all known is held to the lower `text_known` threshold, and one with a word the
  office has never recorded is always flagged (`new_word`): that is where misreadings hide;
  an Urdu text field read as exactly one entry of the register's term lists (بارانی,
  بٹائی نصف, انتقال نمبر 5082 منظور: `ocr.wordsplit.is_register_term`) is held to
  `text_known` too, with or without a vocabulary (a misreading that lands exactly on
  another entry is rare: none of 793 such fields of the report pages was wrong); one that
  misses an entry by a letter or two is flagged (`near_term`, naming the entry), and one
  that differs from an entry only in its spaces takes the entry's spacing (a space after a
  letter that does not join cannot be seen),
- its text does not parse as its kind (`parse`), e.g. a khasra with an empty part,
- a cross-field rule of records/validation.py fails on it (`rule`).
Readings are never silently "fixed": a choice is matched to its list only when it is close,
and then keeps a lowered confidence; numbers are left as read.

Thresholds are calibrated by bench/ocr_bench.py on one seed set of generated pages
(see docs/benchmarks.md) and reported on another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ocr.evaluate import edit_distance
from ocr.wordsplit import is_register_term, near_register_term, register_spacing
from records.fields import FieldError, parse_value
from records.flags import WARNING, Flag
from records.templates import FieldSpec, Template
from records.text import normalise

# Below these a field is flagged low_confidence: the lowest thresholds that flag 98% of the
# wrong fields of each font on the calibration pages (bench/ocr_bench.py, seed 101, the app's
# default readers: the issue-11 number readers, whose disagreements are capped at 0.45, and
# the Urdu line model read with its blank tail; 2026-11-26); 98% rather than 95% leaves a
# margin for pages they were not fitted to; numbers are held to at least 0.9 (too few wrong
# ones to calibrate on; see FLOORS in bench/ocr_bench.py). See docs/benchmarks.md for what
# they flag on the report pages.
THRESHOLDS = {"number": 0.9, "text": 0.8364, "text_known": 0.5}

PARSE_PENALTY = 0.3  # a reading that does not parse is at most this sure
RULE_PENALTY = 0.5


def kind_group(kind: str) -> str:
    """`number` for numeric kinds, `text` for the rest."""
    from records.templates import NUMERIC_KINDS

    return "number" if kind in NUMERIC_KINDS else "text"


@dataclass
class Scored:
    """Text of a field after its parser, with a confidence and flags."""

    text: str
    confidence: float
    flags: list[Flag] = field(default_factory=list)


def word_confidence(confs: list[float], empty: bool = False) -> float:
    """Combine word/glyph confidences (0..1): the weakest word weighs most."""
    if empty:
        return 1.0
    if not confs:
        return 0.0
    lo = min(confs)
    mean = sum(confs) / len(confs)
    return max(0.0, min(1.0, 0.6 * lo + 0.4 * mean))


def _nearest_choice(spec: FieldSpec, text: str) -> tuple[str, float] | None:
    t = normalise(text)
    best = None
    for c in spec.choices:
        u = normalise(c.ur)
        d = edit_distance(t, u) / max(1, len(u))
        if best is None or d < best[1]:
            best = (u, d)
    return best


def score_field(
    spec: FieldSpec,
    text: str,
    confs: list[float],
    *,
    empty: bool = False,
    row: int | None = None,
    thresholds: dict[str, float] | None = None,
    vocabulary: frozenset[str] | set[str] | None = None,
    alternative: str = "",
) -> Scored:
    """Confidence and flags of one field from its reading and its kind's parser.

    `alternative`: a number as a second reader read it where the two disagreed; an unsure
    field then names both readings (when the second is a value of the field), so the clerk
    can tell at a glance which the page shows.

    `vocabulary`: normalised words the office has recorded in this field's group (owner and
    cultivator share names), for Urdu text; None or empty when the office has too few
    records there yet (records.suggest.ocr_vocabulary decides).
    """
    th = {**THRESHOLDS, **(thresholds or {})}
    conf = word_confidence(confs, empty)
    flags: list[Flag] = []
    where = f"row {row + 1}, " if row is not None else ""
    label = f"{where}{spec.label_en}"
    # stored form: NFC, Urdu letter forms (Tesseract gives Arabic heh and yeh), Latin digits,
    # no stray bidi marks, single spaces (records.text.normalise)
    out_text = normalise(text)
    exact_choice = False
    if spec.kind == "choice" and out_text:
        near = _nearest_choice(spec, out_text)
        if near and near[1] <= 0.34:
            if near[0] != normalise(out_text):
                conf *= 1.0 - near[1]
            else:
                exact_choice = True  # read letter for letter as one of the list's entries
            out_text = near[0]
    try:
        parsed = parse_value(spec, out_text)
        if parsed is not None and spec.numeric:
            out_text = _stored_form(spec, parsed, out_text)
    except FieldError as e:
        conf = min(conf, PARSE_PENALTY)
        code = "required" if not out_text else "parse"
        msg = (
            f"{label}: nothing was read; type it from the page"
            if not out_text
            else f"{label}: read '{out_text}', which does not fit: {e}"
        )
        flags.append(Flag(code, WARNING, msg, spec.name, row))
    threshold = th.get(kind_group(spec.kind), 0.8)
    if exact_choice:
        threshold = th["text_known"]
    near = None
    if spec.kind == "text-ur" and out_text:
        out_text = register_spacing(out_text)
        near = near_register_term(out_text)
    if not flags and out_text and spec.kind == "text-ur" and is_register_term(out_text):
        threshold = th["text_known"]
    elif not flags and near:
        flags.append(Flag(
            "near_term", WARNING,
            f"{label}: read '{out_text}', a letter or two from the register term '{near}'; check it against the page",
            spec.name, row))
    elif not flags and out_text and spec.kind == "text-ur" and vocabulary:
        new = [w for w in out_text.split() if w not in vocabulary]
        if new:
            flags.append(Flag(
                "new_word", WARNING,
                f"{label}: '{' '.join(new[:3])}' is not in this office's records yet; check it against the page",
                spec.name, row))
        else:
            threshold = th["text_known"]
    if not flags and conf < threshold:
        other = _stored_number(spec, alternative) if alternative and spec.numeric else ""
        if other and other != out_text:  # offered to the clerk: one key takes it (F7 in the correction view)
            msg = f"{label}: the number readers disagree: '{out_text}' or '{other}'; check it against the page"
            flags.append(Flag("low_confidence", WARNING, msg, spec.name, row, suggestion=other))
        else:
            msg = f"{label}: OCR is unsure of '{out_text}' ({conf:.0%}); check it against the page"
            flags.append(Flag("low_confidence", WARNING, msg, spec.name, row))
    return Scored(out_text, conf, flags)


def _stored_number(spec: FieldSpec, text: str) -> str:
    """A second reader's number in the form its field stores (as score_field writes `text`),
    or "" when it is not a value of the field at all: such a reading is not offered (on real
    handwriting most second readings are of that sort, and none of them was the right one)."""
    text = normalise(text)
    try:
        parsed = parse_value(spec, text)
    except FieldError:
        return ""
    return "" if parsed is None else _stored_form(spec, parsed, text)


def _stored_form(spec: FieldSpec, parsed, text: str) -> str:
    """How a parsed number is written back: its canonical text (a share as read, unspaced)."""
    return parsed.text if spec.kind != "share" else text.replace(" ", "")


def rule_flags(template: Template, rows: list[dict[str, str]]) -> list[Flag]:
    """Cross-field rule flags from records.validation, or [] while that module is absent."""
    try:
        from records.validation import validate_rows  # type: ignore[import-not-found]
    except ImportError:
        return []
    try:
        try:  # field-level checks (parse, required, range) are done here already
            return list(validate_rows(template, rows, cross_rows_only=True))
        except TypeError:
            return list(validate_rows(template, rows))
    except Exception:  # noqa: BLE001 - a rule that crashes must not lose the OCR result
        return []
