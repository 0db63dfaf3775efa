"""Validation of register rows: per-field rules and rules across the rows of a page/register.

Every problem becomes a `records.flags.Flag` (severity error or warning, a message a clerk
understands, `field` and `row` set); nothing here raises on bad data, whatever the input.

Conventions
- A row is a dict of field name -> text as typed or read by OCR (any digit set).
  Values that are not text (None, numbers, ...) are turned into text first; keys that
  are not fields of the template are ignored.
- `Flag.row` is the 0-based index of the row in the list given to `validate_rows` (or the
  `row_index` given to `validate_row`); messages count rows from 1 ("Row 3").
- Rules across rows are chosen by the template's column names, so an office's own
  template gets them when it uses the same names:

  ========================  ==================================  ========  =============
  rule (Flag.code)          applies when the template has        severity  field
  ========================  ==================================  ========  =============
  required                  a required column is empty           error     that column
  parse                     a value does not fit its kind        error     that column
  range                     an integer outside template min/max  error     that column
  share_sum                 khewat_no + share + owner, no        warning   share
                            mutation_no: shares of a khewat      (< 1)
                            (each owner once) add up to 1        error (>1)
  share_conflict            same owner twice in a khewat with    warning   share
                            different shares
  khasra_owner              khewat_no + khasra_nos/khasra_no,    error     khasra column
                            no mutation_no: one khasra under
                            two khatoonis or two khewats
  area_total                khewat_no + area: a total row        error     area
                            (owner "میزان"/"total") disagrees
                            with the sum of the khewat's areas
  area_conflict             the same land (khatooni + khasras)   warning   area
                            entered twice with different areas
  crop_area                 area + crop_area: crop area above    error     crop_area
                            the khasra area (one row, or all
                            crops of one khasra together)
  mutation_share_sum        mutation_no + khewat_no + share:     error     share
                            the shares the rows of one mutation
                            pass out of one khewat add up to
                            more than 1
  mutation_mismatch         mutation_no: the rows of one         warning   date /
                            mutation differ in date or kind                mutation_type
  mutation_area             mutation_no, given the khewats'      warning   area
                            areas of the mauza's jamabandi: a
                            row's area is more than its khewat's
  mutation_share_held       the same: the shares a transferor    warning   share
                            passes out of a khewat in one
                            mutation are more than his owner
                            line holds there
  crop_missing              crop + crop_area: a crop area with   error     crop
                            no crop written beside it
  khasra_split              khasra_no: a khasra and one of its   warning   khasra_no
                            sub-divisions both listed (125/5
                            and 125/5/1: its land twice)
  ========================  ==================================  ========  =============

Khewat area rule. In a jamabandi the area column of a row is the area of the khasras
listed on that row. Owner lines of one khatooni repeat the same khasras and area, so
rows with the same khatooni and the same set of khasras count once ("one piece of land");
a khewat's area is the sum of its distinct pieces. The given total is the area on the
khewat's total row: a row whose owner column starts with "میزان" (or "کل میزان", "ٹوٹل",
"total"), as clerks write the khewat total line. When a khewat has a total row and all its
areas parse, they must be equal. Total rows need only khewat_no and area; they are left out
of the share, owner and khasra rules. In a girdawari each row is one khasra (several rows
when it carries several crops), so the pieces are the distinct khasras.

Intiqal (mutation register, has mutation_no): the transferred share must be a share of at
most 1 and the area must parse (field rules). A mutation with several transferees (three
buyers, the heirs of an inheritance) takes a row each with the same mutation number; each
row's share is the part of the khewat that transferee gets (a widow's 1/8 of a deceased's
1/3 is 1/24), so the shares of one mutation out of one khewat add up to at most 1, and its
rows carry one date and one kind of mutation. None of the holding rules (share_sum,
khasra_owner, area_total) apply: a khasra changes hands in many mutations.

`khewat_summary` gives the same arithmetic for reports (areas, share sums, owners).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from records.fields import FieldError, format_khasra, parse_value
from records.flags import ERROR, WARNING, Flag
from records.templates import FieldSpec, Template, TemplateError, get_template
from records.text import normalise
from records.units import Area, format_share

TOTAL_MARKERS = ("میزان", "کل میزان", "ٹوٹل", "total", "grand total")
_TOTAL_PREFIXES = tuple(normalise(m).lower() for m in TOTAL_MARKERS)
_TOTAL_REQUIRED = frozenset({"khewat_no", "area"})
FIELD_CODES = frozenset({"required", "parse", "range"})  # flags about one value on its own
_CACHE_LIMIT = 50_000  # distinct texts cached per column (numbers, choices, khasras repeat a lot)
_PLAIN_TEXT = frozenset({"text-ur", "text-en"})


@dataclass(frozen=True)
class KhewatTotals:
    """Totals of one khewat over the rows given (a page or a whole register)."""

    khewat_no: int
    rows: tuple[int, ...]  # indexes of the khewat's rows (total rows included)
    area: Area  # sum of the khewat's distinct pieces of land (see module docstring)
    given_total: Area | None  # area written on the khewat's total (میزان) row, if any
    share_sum: Fraction  # sum of the owners' shares, each owner once
    owners: int  # distinct owners (total rows left out)
    khasras: tuple[tuple[int, ...], ...]  # distinct khasra numbers, sorted
    complete: bool  # every area and share of the khewat parsed
    owner_shares: tuple[tuple[str, Fraction], ...] = ()  # (normalised owner line, share), first of each

    @property
    def area_matches(self) -> bool | None:
        """None when there is no total row or an area did not parse; else total == sum."""
        if self.given_total is None or not self.complete:
            return None
        return self.given_total == self.area


# ---------------------------------------------------------------------------- per field


def _as_text(value: Any) -> str:
    """Any cell value as text (garbage becomes text that then fails to parse)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    try:
        return str(value)
    except Exception:  # a value whose __str__ fails: still text, still a flag
        return "<unreadable value>"


class _Checker:
    """Parses the fields of rows for one template, caching results per column."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self._cache: dict[str, dict[str, tuple[Any, str | None, str | None]]] = {
            c.name: {} for c in (*template.header, *template.columns)
        }
        # (name, spec, cache) per column, the owner column first: it tells a total row.
        cols = sorted(enumerate(template.columns), key=lambda ic: ic[1].name != "owner")
        self.columns = [(i, c.name, c, self._cache[c.name]) for i, c in cols]
        self.owner_first = bool(cols) and cols[0][1].name == "owner"

    def check(self, spec: FieldSpec, text: str) -> tuple[Any, str | None, str | None]:
        """(value or None, flag code or None, problem text or None) for one value."""
        cache = self._cache.get(spec.name)
        if cache is not None:
            hit = cache.get(text)
            if hit is not None:
                return hit
        result = _check_value(spec, text)
        if cache is not None and len(cache) < _CACHE_LIMIT:
            cache[text] = result
        return result


def _is_total(owner: Any) -> bool:
    """An owner cell reading میزان / total marks the khewat's total row."""
    return isinstance(owner, str) and owner.lower().startswith(_TOTAL_PREFIXES)


def _check_value(spec: FieldSpec, text: str) -> tuple[Any, str | None, str | None]:
    try:
        norm = normalise(text)
    except Exception:
        norm = text or "?"
    if not norm:
        if spec.required:
            return None, "required", f"{spec.label_en} is empty; it is required"
        return None, None, None
    if spec.kind in _PLAIN_TEXT and not spec.pattern:
        return norm, None, None  # what parse_value would give, without normalising twice
    try:
        parsed = parse_value(spec, text)
    except FieldError as e:
        code = "range" if spec.kind == "integer" and _is_whole_number(text) else "parse"
        return None, code, str(e)
    except Exception as e:  # a bug in a parser must not stop validation of a register
        shown = text[:40]
        return None, "parse", f"'{shown}' could not be read as {spec.label_en} ({type(e).__name__})"
    return (parsed.value if parsed is not None else None), None, None


def _is_whole_number(text: str) -> bool:
    t = normalise(text).replace(" ", "")
    return t.isascii() and t.isdigit() and len(t) <= 15


def _first_present(template: Template, names: Iterable[str]) -> str | None:
    cols = set(template.column_names)
    return next((n for n in names if n in cols), None)


def _resolve(template: Template | str | Path) -> Template:
    if isinstance(template, Template):
        return template
    return get_template(template)


def _context(values: dict[str, Any], row_index: int) -> str:
    """'Row 3 (khewat 47, khasra 125/5)' from what parsed."""
    bits = []
    if isinstance(values.get("mutation_no"), int):
        bits.append(f"mutation {values['mutation_no']}")
    if isinstance(values.get("khewat_no"), int):
        bits.append(f"khewat {values['khewat_no']}")
    if isinstance(values.get("khatooni_no"), int):
        bits.append(f"khatooni {values['khatooni_no']}")
    if isinstance(values.get("khasra_no"), tuple):
        bits.append(f"khasra {format_khasra(values['khasra_no'])}")
    where = f"Row {row_index + 1}"
    return f"{where} ({', '.join(bits)})" if bits else where


def _check_row(
    checker: _Checker, row: Any, row_index: int
) -> tuple[dict[str, Any], list[Flag], bool]:
    """Parsed values, flags of the row's own fields, and whether it is a total row."""
    if not isinstance(row, Mapping):
        flag = Flag(
            "parse",
            ERROR,
            f"Row {row_index + 1} is not a row of fields (got {type(row).__name__}); enter it again",
            None,
            row_index,
        )
        return {}, [flag], False
    values: dict[str, Any] = {}
    problems: list[tuple[int, FieldSpec, str, str]] = []
    total = False
    get = row.get
    for i, name, spec, cache in checker.columns:  # inlined checker.check: this loop is the hot path
        raw = get(name)
        text = raw if raw.__class__ is str else _as_text(raw)
        result = cache.get(text)
        if result is None:
            result = _check_value(spec, text)
            if len(cache) < _CACHE_LIMIT:
                cache[text] = result
        value, code, problem = result
        if code is None:
            if value is not None:
                values[name] = value
                if name == "owner" and checker.owner_first:
                    total = _is_total(value)
        elif not (total and code == "required" and name not in _TOTAL_REQUIRED):
            problems.append((i, spec, code, problem))
    if not problems:
        return values, [], total
    problems.sort(key=lambda p: p[0])  # flags in column order
    where = _context(values, row_index)
    flags = [
        Flag(code, ERROR, f"{where}: {spec.label_en}: {problem}", spec.name, row_index)
        if code != "required"
        else Flag(code, ERROR, f"{where}: {problem}", spec.name, row_index)
        for _, spec, code, problem in problems
    ]
    return values, flags, total


def validate_row(
    template: Template | str, row: Mapping[str, str], row_index: int = 0
) -> list[Flag]:
    """Flags of one row on its own: required fields, values that do not parse, integer limits."""
    try:
        t = _resolve(template)
    except TemplateError as e:
        return [Flag("template", ERROR, str(e), None, row_index)]
    return _check_row(_Checker(t), row, row_index)[1]


def validate_header(template: Template | str, header: Mapping[str, str]) -> list[Flag]:
    """Flags of a page/register header (district, mauza, year...); `row` is None."""
    try:
        t = _resolve(template)
    except TemplateError as e:
        return [Flag("template", ERROR, str(e))]
    if not isinstance(header, Mapping):
        return [Flag("parse", ERROR, "The page header is not a set of fields; enter it again")]
    checker = _Checker(t)
    flags = []
    for spec in t.header:
        _, code, problem = checker.check(spec, _as_text(header.get(spec.name)))
        if code == "required":
            flags.append(Flag(code, ERROR, f"Page header: {problem}", spec.name, None))
        elif code is not None:
            flags.append(
                Flag(code, ERROR, f"Page header: {spec.label_en}: {problem}", spec.name, None)
            )
    return flags


# ----------------------------------------------------------------------- across rows


@dataclass
class _Khewat:
    """Accumulates one khewat's rows in a single pass."""

    no: int
    rows: list[int] = field(default_factory=list)
    pieces: dict[Any, tuple[Area, int]] = field(default_factory=dict)  # land key -> (area, row)
    given: tuple[Area, int] | None = None  # total row's area and row
    shares: dict[str, tuple[Fraction, int]] = field(default_factory=dict)  # owner -> (share, row)
    share_total: Fraction = Fraction(0)
    owners: set = field(default_factory=set)  # normalised owner names
    khasras: set = field(default_factory=set)
    complete: bool = True
    sum_passed_one_at: int | None = None  # row where the running share sum passed 1

    def area(self) -> Area:
        return Area(sum(a.sarsai for a, _ in self.pieces.values()))

    def share_sum(self) -> Fraction:
        return self.share_total


class _Rules:
    """Which cross-row rules a template gets, decided from its column names."""

    def __init__(self, template: Template) -> None:
        cols = set(template.column_names)
        self.khasra_col = _first_present(template, ("khasra_nos", "khasra_no"))
        mutation = "mutation_no" in cols
        self.grouped = "khewat_no" in cols
        self.shares = self.grouped and not mutation and {"share", "owner"} <= cols
        self.khasra_owner = self.grouped and not mutation and self.khasra_col is not None
        self.areas = self.grouped and not mutation and "area" in cols
        self.crops = {"area", "crop_area"} <= cols
        self.mutations = mutation
        self.crop_named = {"crop", "crop_area"} <= cols
        self.has_share = "share" in cols
        self.has_area = "area" in cols
        self.has_khatooni = "khatooni_no" in cols


def _khasras_of(values: dict[str, Any], col: str | None) -> tuple[tuple[int, ...], ...]:
    v = values.get(col) if col else None
    if isinstance(v, tuple) and v and isinstance(v[0], tuple):
        return v  # khasra list
    if isinstance(v, tuple) and v:
        return (v,)  # one khasra
    return ()


def _group(
    template: Template, rows: list, checker: _Checker, flags: list[Flag] | None
) -> tuple[dict[int, _Khewat], list[tuple[dict[str, Any], bool]]]:
    """One pass over the rows: per-row flags (when `flags` is a list) and khewat groups."""
    rules = _Rules(template)
    khewats: dict[int, _Khewat] = {}
    parsed: list[tuple[dict[str, Any], bool]] = []
    for i, row in enumerate(rows):
        values, row_flags, total = _check_row(checker, row, i)
        if flags is not None:
            flags.extend(row_flags)
        parsed.append((values, total))
        if not rules.grouped or not isinstance(values.get("khewat_no"), int):
            continue
        no = values["khewat_no"]
        k = khewats.get(no)
        if k is None:
            k = khewats[no] = _Khewat(no)
        k.rows.append(i)
        bad = {f.field for f in row_flags if f.code in ("parse", "required")} if row_flags else ()
        if rules.has_area and "area" in bad:
            k.complete = False
        if rules.has_khatooni and "khatooni_no" in bad and not total:
            k.complete = False  # which land the row's area belongs to is unknown
        if total:
            if isinstance(values.get("area"), Area):
                k.given = (values["area"], i)
            continue
        if isinstance(values.get("owner"), str):
            k.owners.add(values["owner"])
        khasras = _khasras_of(values, rules.khasra_col)
        k.khasras.update(khasras)
        if rules.areas and isinstance(values.get("area"), Area):
            if khasras:
                key: Any = (values.get("khatooni_no"), frozenset(khasras))
            else:
                key = ("row", i)
            seen = k.pieces.get(key)
            if seen is None:
                k.pieces[key] = (values["area"], i)
            elif seen[0] != values["area"] and flags is not None and rules.khasra_col:
                land = "، ".join(format_khasra(x) for x in sorted(khasras))
                flags.append(
                    Flag(
                        "area_conflict",
                        WARNING,
                        f"{_context(values, i)}: {'khasras' if len(khasras) > 1 else 'khasra'} {land} "
                        f"{'have' if len(khasras) > 1 else 'has'} area {values['area']} here "
                        f"but {seen[0]} on row {seen[1] + 1}; the first is used for the khewat "
                        "total. Correct the one that is wrong.",
                        "area",
                        i,
                    )
                )
        if rules.shares:
            if rules.has_share and "share" in bad:
                k.complete = False
            share = values.get("share")
            if isinstance(share, Fraction):
                owner = values.get("owner")
                key_o = owner if isinstance(owner, str) and owner else f"#row{i}"
                seen_s = k.shares.get(key_o)
                if seen_s is None:
                    k.shares[key_o] = (share, i)
                    k.share_total += share
                    if k.sum_passed_one_at is None and k.share_total > 1:
                        k.sum_passed_one_at = i
                elif seen_s[0] != share and flags is not None:
                    flags.append(
                        Flag(
                            "share_conflict",
                            WARNING,
                            f"{_context(values, i)}: {owner} has share {format_share(share)} "
                            f"here but {format_share(seen_s[0])} on row {seen_s[1] + 1}; an "
                            "owner has one share in a khewat.",
                            "share",
                            i,
                        )
                    )
    return khewats, parsed


def _rows_text(rows: list[int], limit: int = 8) -> str:
    """'row 5' or 'rows 1, 2, 3' (counted from 1), at most `limit` numbers shown."""
    shown = ", ".join(str(r + 1) for r in rows[:limit])
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return f"{'row' if len(rows) == 1 else 'rows'} {shown}{more}"


def _khewat_flags(rules: _Rules, khewats: dict[int, _Khewat]) -> list[Flag]:
    flags: list[Flag] = []
    for k in khewats.values():
        if rules.shares and k.shares and k.complete:
            s = k.share_sum()
            rows = sorted(r for _, r in k.shares.values())
            if s > 1:
                at = k.sum_passed_one_at if k.sum_passed_one_at is not None else rows[-1]
                flags.append(
                    Flag(
                        "share_sum",
                        ERROR,
                        f"Khewat {k.no}: the owners' shares add up to {format_share(s)}, more "
                        f"than the whole (1) ({_rows_text(rows)}); the total passes 1 at "
                        f"row {at + 1}. Check the shares.",
                        "share",
                        at,
                    )
                )
            elif s < 1:
                flags.append(
                    Flag(
                        "share_sum",
                        WARNING,
                        f"Khewat {k.no}: the owners' shares add up to {format_share(s)}, less "
                        f"than the whole (1) ({_rows_text(rows)}); {format_share(1 - s)} "
                        "is missing. Check the shares, or the khewat continues on another page.",
                        "share",
                        rows[-1],
                    )
                )
        if rules.areas and k.given is not None and k.pieces and k.complete:
            total, at = k.given
            got = k.area()
            if got != total:
                diff = total - got if total > got else got - total
                more = "less" if got < total else "more"
                flags.append(
                    Flag(
                        "area_total",
                        ERROR,
                        f"Khewat {k.no}: the total on row {at + 1} is {total} but the areas of "
                        f"its khasras add up to {got} ({diff} {more}). Check the areas and the "
                        "total.",
                        "area",
                        at,
                    )
                )
    return flags


def _khasra_flags(rules: _Rules, parsed: list[tuple[dict[str, Any], bool]]) -> list[Flag]:
    """A khasra belongs to one khatooni of one khewat; crops of a khasra fit its area."""
    flags: list[Flag] = []
    col = rules.khasra_col
    if col is None:
        return flags
    owner_of: dict[tuple[int, ...], tuple[int, Any, int]] = {}  # khasra -> (khewat, khatooni, row)
    crops: dict[tuple[int, ...], list] = {}  # khasra -> [area, crop sum, rows]
    for i, (values, total) in enumerate(parsed):
        if total:
            continue
        khasras = _khasras_of(values, col)
        if not khasras:
            continue
        placed = isinstance(values.get("khewat_no"), int) and (
            not rules.has_khatooni or isinstance(values.get("khatooni_no"), int)
        )  # a row whose khewat/khatooni did not parse has its parse flag; no guessing here
        if rules.khasra_owner and placed:
            place = (values["khewat_no"], values.get("khatooni_no"))
            for kh in khasras:
                seen = owner_of.get(kh)
                if seen is None:
                    owner_of[kh] = (*place, i)
                elif (seen[0], seen[1]) != place:
                    flags.append(
                        Flag(
                            "khasra_owner",
                            ERROR,
                            f"{_context(values, i)}: khasra {format_khasra(kh)} is already "
                            f"under {_place(seen[0], seen[1])} on row {seen[2] + 1}; a khasra "
                            "belongs to one khatooni of one khewat. Correct the khasra number "
                            "or the khewat/khatooni.",
                            col,
                            i,
                        )
                    )
        if rules.crops and len(khasras) == 1:
            area, crop = values.get("area"), values.get("crop_area")
            if isinstance(crop, Area) and isinstance(area, Area):
                if crop > area:
                    flags.append(
                        Flag(
                            "crop_area",
                            ERROR,
                            f"{_context(values, i)}: crop area {crop} is more than the "
                            f"khasra's area {area}. Check both.",
                            "crop_area",
                            i,
                        )
                    )
                    continue
                acc = crops.setdefault(khasras[0], [area, Area(0), []])
                acc[1] = acc[1] + crop
                acc[2].append(i)
                if acc[1] > acc[0] and len(acc[2]) > 1 and acc[2][-1] == i:
                    flags.append(
                        Flag(
                            "crop_area",
                            ERROR,
                            f"{_context(values, i)}: the crops of khasra "
                            f"{format_khasra(khasras[0])} ({_rows_text(acc[2])}) cover "
                            f"{acc[1]}, more than its area {acc[0]}. Check the crop areas.",
                            "crop_area",
                            i,
                        )
                    )
    return flags


@dataclass
class _Mutation:
    """One mutation's rows (a mutation with several buyers or heirs takes a row each)."""

    no: int
    first: dict[str, tuple[Any, int]] = field(default_factory=dict)  # field -> (value, row)
    shares: dict[int, list] = field(default_factory=dict)  # khewat -> [sum, rows, passed at]
    # (khewat, transferor) -> [sum, rows, passed at, share held, holding]: with the jamabandi
    passed: dict[tuple[int, str], list] = field(default_factory=dict)


_ONE_PER_MUTATION = (("date", "dated"), ("mutation_type", "of type"))


def _shown(value: Any) -> str:
    return value.strftime("%d-%m-%Y") if hasattr(value, "strftime") else str(value)


def _held(holding: Any, transferor: Any) -> Fraction | None:
    """The share a transferor holds in a khewat of the jamabandi: the owner line that is his
    name or begins with it (the jamabandi adds qoam and residence), when one share fits."""
    if not isinstance(transferor, str) or not transferor:
        return None
    found = {sh for owner, sh in holding.shares if owner == transferor or owner.startswith(transferor + " ")}
    return found.pop() if len(found) == 1 else None


def _mutation_flags(parsed: list[tuple[dict[str, Any], bool]], khewats: Mapping[int, Any]) -> list[Flag]:
    """The rows of one mutation (same mutation number): the shares they pass out of one
    khewat add up to at most the whole (1); they carry one date and one kind of mutation.
    With the khewats' areas of the mauza's jamabandi, a row's area is at most its khewat's."""
    flags: list[Flag] = []
    mutations: dict[int, _Mutation] = {}
    for i, (values, _total) in enumerate(parsed):
        area, whole = values.get("area"), khewats.get(values.get("khewat_no"))
        if isinstance(area, Area) and whole is not None and whole.area is not None and area > whole.area:
            flags.append(
                Flag(
                    "mutation_area",
                    WARNING,
                    f"{_context(values, i)}: area {area} is more than the whole khewat "
                    f"{values['khewat_no']}, {whole.area} in the jamabandi {whole.year}. Check "
                    "the area and the khewat number.",
                    "area",
                    i,
                )
            )
        no = values.get("mutation_no")
        if not isinstance(no, int):
            continue
        m = mutations.get(no)
        if m is None:
            m = mutations[no] = _Mutation(no)
        for name, verb in _ONE_PER_MUTATION:
            v = values.get(name)
            if v is None:
                continue
            seen = m.first.get(name)
            if seen is None:
                m.first[name] = (v, i)
            elif seen[0] != v:
                flags.append(
                    Flag(
                        "mutation_mismatch",
                        WARNING,
                        f"{_context(values, i)}: mutation {no} is {verb} {_shown(v)} here but "
                        f"{_shown(seen[0])} on row {seen[1] + 1}; the rows of one mutation "
                        "have one date and one kind. Correct the one that is wrong, or the "
                        "mutation number.",
                        name,
                        i,
                    )
                )
        share, khewat = values.get("share"), values.get("khewat_no")
        if isinstance(share, Fraction) and isinstance(khewat, int):
            acc = m.shares.setdefault(khewat, [Fraction(0), [], None])
            acc[0] += share
            acc[1].append(i)
            if acc[2] is None and acc[0] > 1:
                acc[2] = i
            holding = khewats.get(khewat)
            held = _held(holding, values.get("transferor")) if holding is not None else None
            if held is not None:
                by = m.passed.setdefault((khewat, values["transferor"]), [Fraction(0), [], None, held, holding])
                by[0] += share
                by[1].append(i)
                if by[2] is None and by[0] > held:
                    by[2] = i
    for m in mutations.values():
        for (khewat, who), (total, rows, at, held, holding) in m.passed.items():
            if at is None or m.shares[khewat][2] is not None:
                continue  # (more than the whole khewat: that error says it)
            flags.append(
                Flag(
                    "mutation_share_held",
                    WARNING,
                    f"Mutation {m.no}, khewat {khewat}: {who} passes {format_share(total)} of the "
                    f"khewat ({_rows_text(rows)}), more than the {format_share(held)} held in the "
                    f"jamabandi {holding.year}; the total passes it at row {at + 1}. "
                    "Each row's share is the part of the khewat its transferee gets (a widow's "
                    "1/8 of a 1/3 share is 1/24). Check the shares.",
                    "share",
                    at,
                )
            )
        for khewat, (total, rows, at) in m.shares.items():
            if at is None:
                continue
            flags.append(
                Flag(
                    "mutation_share_sum",
                    ERROR,
                    f"Mutation {m.no}, khewat {khewat}: the shares passed add up to "
                    f"{format_share(total)}, more than the whole khewat (1) ({_rows_text(rows)}); "
                    f"the total passes 1 at row {at + 1}. Each row's share is the part of the "
                    "khewat its transferee gets (a widow's 1/8 of a 1/3 share is 1/24). "
                    "Check the shares.",
                    "share",
                    at,
                )
            )
    return flags


def _split_flags(rules: _Rules, parsed: list[tuple[dict[str, Any], bool]]) -> list[Flag]:
    """A khasra split into sub-divisions (125/5 into 125/5/1 and 125/5/2) is no more: a
    register (a girdawari: one khasra a row) that lists 125/5 beside 125/5/1 counts that land
    twice, as when the new numbers were added and the old row kept. A warning on the later row."""
    flags: list[Flag] = []
    if rules.khasra_col != "khasra_no":
        return flags
    first_row: dict[tuple[int, ...], int] = {}
    for i, (values, total) in enumerate(parsed):
        k = values.get("khasra_no")
        if not total and isinstance(k, tuple) and k and isinstance(k[0], int):
            first_row.setdefault(k, i)
    for k, i in sorted(first_row.items(), key=lambda kv: kv[1]):
        parents = [(k[:n], first_row[k[:n]]) for n in range(1, len(k)) if k[:n] in first_row]
        for parent, j in parents:
            earlier, later = min(i, j), max(i, j)
            flags.append(Flag(
                "khasra_split", WARNING,
                f"{_context(parsed[later][0], later)}: khasra {format_khasra(k)} is a sub-division of khasra "
                f"{format_khasra(parent)}, which is also listed ({_rows_text(sorted((earlier, later)))}); its land is "
                f"counted twice. If {format_khasra(parent)} was split, change its row to the new number.",
                "khasra_no", later))
    return flags


def _crop_flags(rules: _Rules, rows: list, parsed: list[tuple[dict[str, Any], bool]]) -> list[Flag]:
    """A crop area says how much of the khasra a crop covers: which crop must be written.
    A row with a crop area and no crop was submitted and approved, and printed as area
    under nothing."""
    flags: list[Flag] = []
    if not rules.crop_named:
        return flags
    for i, (values, total) in enumerate(parsed):
        crop_area = values.get("crop_area")
        if total or not isinstance(crop_area, Area) or crop_area.sarsai <= 0:
            continue
        row = rows[i] if i < len(rows) else None
        if isinstance(row, Mapping) and not _as_text(row.get("crop")).strip():
            flags.append(Flag(
                "crop_missing", ERROR,
                f"{_context(values, i)}: crop area {crop_area} has no crop. Type the crop, or clear the crop area.",
                "crop", i))
    return flags


def _place(khewat: int, khatooni: Any) -> str:
    return f"khewat {khewat}" + (f" khatooni {khatooni}" if isinstance(khatooni, int) else "")


def validate_rows(
    template: Template | str,
    rows: list[Mapping[str, str]],
    *,
    cross_rows_only: bool = False,
    khewat_holdings: Mapping[int, Any] | None = None,
) -> list[Flag]:
    """Flags of a page or a whole register: every row's fields plus the rules across rows.

    Single pass with dict grouping (100,000 rows in a few seconds). Flags come sorted by
    row. With `cross_rows_only` the field flags (required, parse, range) are left out, for
    callers that already hold them per value. `khewat_holdings` (khewat no -> an object with
    `.area` and `.year`, records.services.khewat_holdings) lets a mutation register check its
    areas against the khewats of the mauza's jamabandi. See the module docstring for the rules and
    docs/validation.md for the messages.
    """
    try:
        t = _resolve(template)
    except TemplateError as e:
        return [Flag("template", ERROR, str(e))]
    if not isinstance(rows, (list, tuple)):
        rows = (
            list(rows)
            if isinstance(rows, Iterable) and not isinstance(rows, (str, bytes, Mapping))
            else [rows]
        )
    rules = _Rules(t)
    flags: list[Flag] = []
    khewats, parsed = _group(t, rows, _Checker(t), flags)
    flags.extend(_khewat_flags(rules, khewats))
    flags.extend(_khasra_flags(rules, parsed))
    if rules.mutations:
        flags.extend(_mutation_flags(parsed, khewat_holdings or {}))
    flags.extend(_crop_flags(rules, rows, parsed))
    flags.extend(_split_flags(rules, parsed))
    if cross_rows_only:
        flags = [f for f in flags if f.code not in FIELD_CODES]
    flags.sort(key=lambda f: -1 if f.row is None else f.row)
    return flags


def khewat_summary(
    template: Template | str, rows: list[Mapping[str, str]]
) -> dict[int, KhewatTotals]:
    """Totals per khewat number (area, given total, share sum, owners), in khewat order.

    The arithmetic is the one the validation rules use; values that do not parse are
    left out and mark the khewat `complete=False`.
    """
    t = _resolve(template)
    khewats, _ = _group(t, list(rows), _Checker(t), None)
    return {
        no: KhewatTotals(
            khewat_no=no,
            rows=tuple(k.rows),
            area=k.area(),
            given_total=k.given[0] if k.given else None,
            share_sum=k.share_sum(),
            owners=len(k.owners),
            khasras=tuple(sorted(k.khasras)),
            complete=k.complete,
            owner_shares=tuple((o, sh) for o, (sh, _) in k.shares.items() if not o.startswith("#row")),
        )
        for no, k in sorted(khewats.items())
    }
