"""Measure OCR against ground truth in the formats of ../shared/README.md section 2.

    evaluate_lines(DIR) -> dict   # DIR/gt.tsv: image<TAB>text[<TAB>lang[<TAB>kind]]
    evaluate_pages(DIR) -> dict   # NAME.png|jpg|tif + NAME.json pairs

Both return one JSON-able dict with `n`, `cer`, `exact`, `by_kind`, `flagged_rate`,
`error_recall`, `seconds_per_item` (and a few more). Truth and reading are compared after
records.text.normalise (digits, Unicode form, Urdu letter forms, whitespace); a numeric
field also counts as exact when both parse to the same value (`125/5، 126` = `125/5, 126`).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from records.fields import FieldError, parse_value
from records.templates import FieldSpec, Template, get_template
from records.text import normalise

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
# synth page names: TEMPLATE-SEED-NNNN-FONT-LEVEL-DIGITS
_SYNTH_NAME = re.compile(r"^.+-\d+-\d+-(?P<font>[a-z]+)-(?P<level>[a-z]+)-(?P<digits>[a-z]+)$")


class EvalError(ValueError):
    """An evaluation set that cannot be read; the message names the file and the problem."""


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings (by Unicode code point)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _canonical(spec: FieldSpec | None, text: str) -> str:
    t = normalise(text)
    if spec is not None and spec.numeric and t:
        try:
            p = parse_value(_optional(spec), t)
            if p is not None:
                return normalise(p.text)
        except FieldError:
            pass
    return t


def _optional(spec: FieldSpec) -> FieldSpec:
    if not spec.required:
        return spec
    return FieldSpec(**{**spec.__dict__, "required": False})


@dataclass
class Item:
    """One compared field or line."""

    kind: str
    truth: str
    read: str
    flagged: bool
    group: dict
    spec: FieldSpec | None = None
    confidence: float = 0.0
    hard: bool = False  # flagged for a reason other than low confidence (or not read at all)

    @property
    def exact(self) -> bool:
        return _canonical(self.spec, self.truth) == _canonical(self.spec, self.read)

    def edits(self) -> tuple[int, int]:
        t, r = normalise(self.truth), normalise(self.read)
        if self.exact:
            return 0, len(t)
        return edit_distance(t, r), len(t)


def metrics(items: list[Item], seconds: float, n_units: int) -> dict:
    """The metric object: n, cer, exact, by_kind, flagged_rate, error_recall, seconds_per_item."""

    def block(its: list[Item]) -> dict:
        if not its:
            return {"n": 0}
        edits = [i.edits() for i in its]
        wrong = [i for i in its if not i.exact]
        return {
            "n": len(its),
            "cer": round(sum(e for e, _ in edits) / max(1, sum(n for _, n in edits)), 4),
            "exact": round(1 - len(wrong) / len(its), 4),
            "flagged_rate": round(sum(i.flagged for i in its) / len(its), 4),
            "error_recall": round(sum(i.flagged for i in wrong) / len(wrong), 4) if wrong else 1.0,
            "wrong": len(wrong),
        }

    out = block(items)
    out["by_kind"] = {k: block([i for i in items if i.kind == k]) for k in sorted({i.kind for i in items})}
    keys = sorted({k for i in items for k in i.group})
    for key in keys:
        vals = sorted({i.group.get(key) for i in items if key in i.group})
        out[f"by_{key}"] = {v: block([i for i in items if i.group.get(key) == v]) for v in vals}
    named = [i for i in items if i.spec is not None]
    fields = sorted({i.spec.name for i in named})
    if len(fields) > 1:
        out["by_field"] = {f: block([i for i in named if i.spec.name == f]) for f in fields}
        fonts = sorted({i.group.get("font") for i in named if i.group.get("font")})
        if fonts:
            out["by_font_field"] = {
                f"{font}/{f}": block([i for i in named if i.spec.name == f and i.group.get("font") == font])
                for font in fonts
                for f in fields
            }
    numeric = [i for i in items if i.spec is not None and i.spec.numeric]
    if numeric:
        out["numeric"] = block(numeric)
    out["seconds"] = round(seconds, 3)
    out["items"] = n_units
    out["seconds_per_item"] = round(seconds / max(1, n_units), 4)
    return out


# ---------------------------------------------------------------------------- pages


def page_pairs(directory: str | Path) -> list[tuple[Path, Path]]:
    """(image, truth json) pairs of a pages directory, sorted by name."""
    d = Path(directory)
    if not d.is_dir():
        raise EvalError(f"{d}: not a folder; give a folder of NAME.png + NAME.json pairs")
    pairs = []
    for img in sorted(d.iterdir()):
        if img.suffix.lower() in IMAGE_SUFFIXES:
            js = img.with_suffix(".json")
            if js.is_file():
                pairs.append((img, js))
    if not pairs:
        raise EvalError(f"{d}: no NAME.png|jpg|tif with a NAME.json next to it")
    return pairs


def _load_truth(path: Path) -> dict:
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise EvalError(f"{path}: not a readable pages-format JSON file ({e})") from None
    if not isinstance(truth, dict) or not isinstance(truth.get("rows", []), list):
        raise EvalError(f"{path}: expected an object with 'template', 'header' and 'rows'")
    return truth


def _group_of(name: str) -> dict:
    m = _SYNTH_NAME.match(name)
    return m.groupdict() if m else {}


def compare_page(template: Template, truth: dict, reading, group: dict | None = None) -> list[Item]:
    """Items of one page: every non-empty truth field, plus fields read where truth is empty."""
    items: list[Item] = []
    group = group or {}

    def add(spec: FieldSpec, t: str, fr) -> None:
        r = fr.text if fr is not None else ""
        flagged = bool(fr.flags) if fr is not None else True
        if not normalise(t) and not normalise(r):
            return
        hard = fr is None or any(f.code != "low_confidence" for f in fr.flags)
        conf = fr.confidence if fr is not None else 0.0
        items.append(Item(spec.kind, t or "", r, flagged, group, spec, conf, hard))

    if reading.error:
        flagged_all = True
    else:
        flagged_all = False
    for spec in template.header:
        t = str((truth.get("header") or {}).get(spec.name, "") or "")
        fr = None if flagged_all else reading.header.get(spec.name)
        add(spec, t, fr)
    rows = truth.get("rows") or []
    n = max(len(rows), 0 if flagged_all else len(reading.rows))
    for r in range(n):
        trow = rows[r] if r < len(rows) else {}
        rrow = reading.rows[r] if (not flagged_all and r < len(reading.rows)) else {}
        for spec in template.columns:
            add(spec, str(trow.get(spec.name, "") or ""), rrow.get(spec.name))
    return items


def evaluate_pages(
    directory: str | Path,
    *,
    template: Template | str | None = None,
    workers: int | None = None,
    limit: int | None = None,
    read: Callable | None = None,
    thresholds: dict | None = None,
    layout: str = "auto",
    numbers: str = "auto",
    vocabulary: dict | None = None,
    text: str = "auto",
) -> dict:
    """Read every page of a pages directory and compare it with its NAME.json."""
    from ocr.pipeline import read_files

    pairs = page_pairs(directory)[:limit]
    truths = {str(img): _load_truth(js) for img, js in pairs}
    templates: dict[str, Template] = {}

    def tpl_for(truth: dict) -> Template:
        name = template if template is not None else truth.get("template")
        if name is None:
            raise EvalError(f"{directory}: a truth file names no template; pass --template")
        if isinstance(name, Template):
            return name
        if name not in templates:
            templates[name] = get_template(name)
        return templates[name]

    by_tpl: dict[str, list[str]] = {}
    for path, truth in truths.items():
        by_tpl.setdefault(tpl_for(truth).id, []).append(path)
    items: list[Item] = []
    errors: list[str] = []
    t0 = time.perf_counter()
    page_seconds = []
    for paths in by_tpl.values():
        tpl = tpl_for(truths[paths[0]])
        readings = (
            read(paths, tpl)
            if read
            else read_files(
                paths, tpl, workers=workers, thresholds=thresholds, layout=layout, numbers=numbers, text=text,
                vocabulary=vocabulary,
            )
        )
        for reading in readings:
            truth = truths[reading.source]
            if reading.error:
                errors.append(reading.error)
            page_seconds.append(reading.seconds)
            items.extend(compare_page(tpl, truth, reading, _group_of(Path(reading.source).stem)))
    seconds = time.perf_counter() - t0
    out = metrics(items, seconds, len(pairs))
    out["pages"] = len(pairs)
    out["errors"] = errors
    out["seconds_per_page_one_worker"] = round(sum(page_seconds) / max(1, len(page_seconds)), 4)
    return out


def truth_vocabulary(directory: str | Path, template: Template) -> dict[str, frozenset[str]]:
    """What `records.suggest.ocr_vocabulary` would give an office whose earlier pages are the
    pages of `directory`, corrected: the words of their true values, per Urdu text field."""
    from records.suggest import text_fields, vocabulary_from_values

    def values():
        for _img, js in page_pairs(directory):
            truth = _load_truth(js)
            yield from (truth.get("header") or {}).items()
            for row in truth.get("rows") or []:
                yield from row.items()

    return vocabulary_from_values(text_fields(template), values())


# ---------------------------------------------------------------------------- lines


def read_gt(directory: str | Path) -> list[tuple[Path, str, str | None, str | None]]:
    """Lines of DIR/gt.tsv as (image path, text, lang, kind)."""
    d = Path(directory)
    gt = d / "gt.tsv"
    if not d.is_dir():
        raise EvalError(f"{d}: not a folder; give a folder of line images with their gt.tsv (image<TAB>text)")
    try:
        raw = gt.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalError(f"{gt}: not found; a lines set needs gt.tsv (image<TAB>text)") from None
    except UnicodeDecodeError:
        raise EvalError(f"{gt}: not UTF-8 text") from None
    out = []
    for no, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise EvalError(f"{gt} line {no}: expected image<TAB>text, got {line[:60]!r}")
        lang = parts[2].strip() or None if len(parts) > 2 else None
        kind = parts[3].strip() or None if len(parts) > 3 else None
        out.append((d / parts[0], parts[1], lang, kind))
    if not out:
        raise EvalError(f"{gt}: no lines")
    return out


def _spec_for(kind: str) -> FieldSpec:
    choices = ()
    if kind == "choice":
        from records.templates import builtin

        for t in ("jamabandi", "girdawari", "intiqal"):
            for f in (*builtin(t).header, *builtin(t).columns):
                if f.kind == "choice":
                    choices += f.choices
    return FieldSpec(name="value", kind=kind, label_ur="", label_en="Value", choices=choices)


def evaluate_lines(
    directory: str | Path,
    *,
    chunk: int = 60,
    limit: int | None = None,
    thresholds: dict | None = None,
    numbers: str = "auto",
    text_reader: str = "auto",
) -> dict:
    """Read every image of DIR/gt.tsv as its kind (as page cells are read) and compare."""
    import cv2

    from ocr.confidence import score_field
    from ocr.recognise import CellImage, recognise_cells

    lines = read_gt(directory)[:limit]
    cells: list[CellImage] = []
    meta = []
    for i, (path, text, lang, kind) in enumerate(lines):
        k = kind or ("text-en" if lang == "eng" else "text-ur")
        img = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        if img is None:
            raise EvalError(f"{path}: not an image that can be read")
        cells.append(CellImage(i, k, img))
        meta.append((text, k, lang))
    reader = None
    if numbers == "tesseract":
        from ocr.recognise import TesseractNumberReader

        reader = TesseractNumberReader()
    t0 = time.perf_counter()
    read = {}
    for start in range(0, len(cells), chunk):
        read.update(recognise_cells(cells[start : start + chunk], number_reader=reader, text_reader=text_reader))
    items = []
    specs: dict[str, FieldSpec] = {}
    for i, (text, kind, lang) in enumerate(meta):
        spec = specs.setdefault(kind, _spec_for(kind))
        ct = read[i]
        sc = score_field(spec, ct.text, ct.confidences, empty=ct.empty, thresholds=thresholds)
        items.append(Item(kind, text, sc.text, bool(sc.flags), {"lang": lang or ""}, spec))
    seconds = time.perf_counter() - t0
    return metrics(items, seconds, len(items))


def summary(m: dict, keys: Iterable[str] = ("n", "cer", "exact", "flagged_rate", "error_recall")) -> str:
    """One line of the main metrics."""
    return " ".join(f"{k}={m.get(k)}" for k in keys)
