"""Register templates as data: header fields and columns (column 1 is the rightmost).

A template is a JSON file (resources/templates/NAME.json or any path an office supplies).
Loading a broken file raises TemplateError naming the file and the problem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import resources

FIELD_KINDS = (
    "integer",
    "text-ur",
    "text-en",
    "khasra",
    "khasra-list",
    "area",
    "share",
    "date",
    "cnic",
    "choice",
)
NUMERIC_KINDS = frozenset({"integer", "khasra", "khasra-list", "area", "share", "date", "cnic"})
BUILTIN = ("jamabandi", "girdawari", "intiqal")


class TemplateError(ValueError):
    """A template file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Choice:
    ur: str
    en: str
    also: tuple[str, ...] = ()  # other ways clerks write it (Punjabi, Roman Urdu, spellings)


@dataclass(frozen=True)
class FieldSpec:
    """One header field or table column of a template."""

    name: str
    kind: str
    label_ur: str
    label_en: str
    required: bool = False
    width: float = 0.0
    min: int | None = None
    max: int | None = None
    pattern: str | None = None
    choices: tuple[Choice, ...] = ()

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    title_ur: str
    title_en: str
    header: tuple[FieldSpec, ...]
    columns: tuple[FieldSpec, ...]  # in register order: columns[0] is the rightmost
    rows_per_page: int = 20
    header_zone: tuple[float, float, float, float] = (0.03, 0.02, 0.97, 0.12)
    table_zone: tuple[float, float, float, float] = (0.03, 0.13, 0.97, 0.97)
    source: str = ""
    _by_name: dict = field(default_factory=dict, compare=False, repr=False)

    def column(self, name: str) -> FieldSpec:
        return self._field(name)

    def _field(self, name: str) -> FieldSpec:
        if not self._by_name:
            for f in (*self.header, *self.columns):
                self._by_name[f.name] = f
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"template '{self.id}' has no field '{name}'") from None

    def field(self, name: str) -> FieldSpec:
        """Header field or column by name."""
        return self._field(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column_edges(self) -> list[tuple[float, float]]:
        """Relative (left, right) of each column inside the table zone, rightmost first."""
        total = sum(c.width for c in self.columns)
        edges, right = [], 1.0
        for c in self.columns:
            left = right - c.width / total
            edges.append((max(0.0, left), right))
            right = left
        return edges


def _choices_table() -> dict:
    return json.loads(resources.template_path("choices").read_text(encoding="utf-8"))


def _need(obj: dict, key: str, typ, where: str, path: str):
    if key not in obj:
        raise TemplateError(f"{path}: {where} has no '{key}'")
    value = obj[key]
    if not isinstance(value, typ):
        raise TemplateError(f"{path}: {where}: '{key}' must be {typ.__name__}, not {value!r}")
    return value


def _also(raw) -> tuple:
    """A choice's other spellings: a list of texts ("also": "کنک" would be its letters)."""
    return tuple(raw) if isinstance(raw, (list, tuple)) else (None,)


def _parse_field(raw, where: str, path: str, choices_table: dict) -> FieldSpec:
    if not isinstance(raw, dict):
        raise TemplateError(f"{path}: {where} must be an object, not {raw!r}")
    name = _need(raw, "name", str, where, path)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise TemplateError(f"{path}: {where}: field name '{name}' must be lower_case_with_underscores")
    kind = _need(raw, "kind", str, f"{where} ('{name}')", path)
    if kind not in FIELD_KINDS:
        raise TemplateError(
            f"{path}: field '{name}' has unknown kind '{kind}'; known kinds: {', '.join(FIELD_KINDS)}"
        )
    label = raw.get("label", {})
    if not isinstance(label, dict):
        raise TemplateError(f"{path}: field '{name}': label must be an object with 'ur' and 'en'")
    choices: tuple[Choice, ...] = ()
    if kind == "choice":
        spec = raw.get("choices")
        if isinstance(spec, str):
            if spec not in choices_table:
                raise TemplateError(
                    f"{path}: field '{name}' names choice list '{spec}', which does not exist; "
                    f"known: {', '.join(sorted(choices_table))}"
                )
            spec = choices_table[spec]
        if not isinstance(spec, list) or not spec:
            raise TemplateError(f"{path}: choice field '{name}' needs a non-empty 'choices' list")
        try:
            choices = tuple(Choice(ur=c["ur"], en=c.get("en", c["ur"]), also=_also(c.get("also", ()))) for c in spec)
        except (TypeError, KeyError, AttributeError):
            raise TemplateError(
                f"{path}: choice field '{name}': every choice needs an 'ur' text"
            ) from None
        if not all(isinstance(c.ur, str) and c.ur and isinstance(c.en, str)
                   and all(isinstance(a, str) and a for a in c.also) for c in choices):
            raise TemplateError(f"{path}: choice field '{name}': choices must be texts (and 'also' a list of texts)")
    width = raw.get("width", 0.0)
    if not isinstance(width, (int, float)) or width < 0:
        raise TemplateError(f"{path}: field '{name}': width must be a positive number")
    lo, hi = raw.get("min"), raw.get("max")
    for v, key in ((lo, "min"), (hi, "max")):
        if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
            raise TemplateError(f"{path}: field '{name}': {key} must be a whole number")
    pattern = raw.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            raise TemplateError(f"{path}: field '{name}': pattern must be a text (a regular expression)")
        try:
            re.compile(pattern)
        except re.error as e:
            raise TemplateError(f"{path}: field '{name}': bad pattern ({e})") from None
    return FieldSpec(
        name=name,
        kind=kind,
        label_ur=str(label.get("ur", name)),
        label_en=str(label.get("en", name)),
        required=bool(raw.get("required", False)),
        width=float(width),
        min=lo,
        max=hi,
        pattern=pattern,
        choices=choices,
    )


def _zone(raw, key: str, path: str, default):
    z = raw.get(key, default)
    if (
        not isinstance(z, (list, tuple))
        or len(z) != 4
        or not all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in z)
        or not (z[0] < z[2] and z[1] < z[3])
    ):
        raise TemplateError(
            f"{path}: zone '{key}' must be [left, top, right, bottom] fractions of the page"
        )
    return tuple(float(v) for v in z)


def parse_template(data, path: str = "<template>") -> Template:
    """Build a Template from decoded JSON, raising TemplateError on any problem."""
    if not isinstance(data, dict):
        raise TemplateError(f"{path}: a template must be a JSON object")
    tid = _need(data, "id", str, "the template", path)
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TemplateError(f"{path}: 'version' must be a whole number from 1")
    choices_table = _choices_table()
    header_raw = data.get("header", [])
    cols_raw = _need(data, "columns", list, "the template", path)
    if not cols_raw:
        raise TemplateError(f"{path}: the template has no columns")
    if not isinstance(header_raw, list):
        raise TemplateError(f"{path}: 'header' must be a list of fields")
    header = tuple(
        _parse_field(f, f"header field {i + 1}", path, choices_table) for i, f in enumerate(header_raw)
    )
    columns = tuple(
        _parse_field(f, f"column {i + 1}", path, choices_table) for i, f in enumerate(cols_raw)
    )
    seen: set[str] = set()
    for f in (*header, *columns):
        if f.name in seen:
            raise TemplateError(f"{path}: field name '{f.name}' is used twice")
        seen.add(f.name)
    if any(c.width <= 0 for c in columns):
        columns = tuple(
            FieldSpec(**{**c.__dict__, "width": 1.0 / len(columns)}) if c.width <= 0 else c
            for c in columns
        )
    rows = data.get("rows_per_page", 20)
    if not isinstance(rows, int) or isinstance(rows, bool) or not 1 <= rows <= 200:
        raise TemplateError(f"{path}: 'rows_per_page' must be a whole number from 1 to 200")
    title = data.get("title", {})
    zones = data.get("zones", {})
    if not isinstance(zones, dict):
        raise TemplateError(f"{path}: 'zones' must be an object with 'header' and 'table'")
    return Template(
        id=tid,
        version=version,
        title_ur=str(title.get("ur", tid)) if isinstance(title, dict) else tid,
        title_en=str(title.get("en", tid)) if isinstance(title, dict) else tid,
        header=header,
        columns=columns,
        rows_per_page=rows,
        header_zone=_zone(zones, "header", path, (0.03, 0.02, 0.97, 0.12)),
        table_zone=_zone(zones, "table", path, (0.03, 0.13, 0.97, 0.97)),
        source=path,
    )


def load_template_file(path: str | Path) -> Template:
    """Load a template from any JSON file (an office's own layout)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplateError(f"{p}: template file not found (the built-in templates are {', '.join(BUILTIN)})") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{p}: not UTF-8 text; save the template as UTF-8 JSON") from None
    except OSError as e:
        raise TemplateError(f"{p}: cannot read the template ({e.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise TemplateError(f"{p}: not valid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    return parse_template(data, str(p))


@cache
def builtin(name: str) -> Template:
    """One of the bundled templates by id (jamabandi, girdawari, intiqal)."""
    if name not in BUILTIN:
        raise TemplateError(f"no built-in template '{name}'; built-in: {', '.join(BUILTIN)}")
    return load_template_file(resources.template_path(name))


def get_template(name_or_path: str | Path) -> Template:
    """A built-in template by name, or a template file by path. TemplateError naming the
    built-in templates for a name that is neither."""
    s = str(name_or_path)
    if s in BUILTIN:
        return builtin(s)
    p = Path(s)
    if not p.suffix and len(p.parts) == 1 and not p.exists():  # a name, not a path
        raise TemplateError(f"no built-in template '{s}': the built-in templates are {', '.join(BUILTIN)}; "
                            "or give the path of a template JSON file")
    return load_template_file(s)
