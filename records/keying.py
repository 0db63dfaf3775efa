"""Keying aids for handwritten pages: ditto, next khasra number, values that follow from others.

All pure functions over rows of plain text (dict field -> text); the UI decides when to
offer them. Arithmetic is exact (records.units); nothing is filled that does not follow.
"""

from __future__ import annotations

from fractions import Fraction

from records.fields import FieldError, format_khasra, parse_khasra, parse_khasra_list
from records.templates import Template
from records.text import normalise
from records.units import Area, UnitError, parse_share


def ditto(rows: list[dict[str, str]], row_index: int, field: str) -> str | None:
    """The value of `field` in the nearest row above that has one (None at the top)."""
    for i in range(row_index - 1, -1, -1):
        v = (rows[i].get(field) or "").strip()
        if v:
            return v
    return None


def next_khasra(previous: str) -> str | None:
    """The khasra number that usually follows: 125 -> 126, 125/5 -> 125/6, a list's last + 1."""
    t = normalise(previous)
    if not t:
        return None
    try:
        k = parse_khasra(t)
    except FieldError:
        try:
            k = parse_khasra_list(t)[-1]
        except FieldError:
            return None
    return format_khasra((*k[:-1], k[-1] + 1))


def _area(text: str | None) -> Area | None:
    try:
        return Area.parse(text) if text else None
    except UnitError:
        return None


def _share(text: str | None) -> Fraction | None:
    try:
        return parse_share(text) if text else None
    except UnitError:
        return None


def derived_values(template: Template, rows: list[dict[str, str]], row_index: int) -> dict[str, str]:
    """Empty fields of a row whose value follows from its other fields or the rows around it.

    - next khasra number after the row above (girdawari khasra_no);
    - girdawari crop_area = area when the whole khasra carries one crop;
    - jamabandi: an owner row's share from its area and the khewat's total row (میزان),
      or its area from its share, when the result is exact.
    """
    row = rows[row_index]
    names = set(template.column_names)
    out: dict[str, str] = {}
    if "khasra_no" in names and not row.get("khasra_no") and row_index > 0:
        prev = rows[row_index - 1].get("khasra_no")
        nk = next_khasra(prev or "")
        if nk:
            out["khasra_no"] = nk
    if {"crop_area", "area"} <= names and not row.get("crop_area") and row.get("crop"):
        a = _area(row.get("area"))
        if a is not None:
            out["crop_area"] = a.format()
    if {"share", "area", "khewat_no", "owner"} <= names:
        total = _khewat_total(rows, row.get("khewat_no"))
        if total is not None and total.sarsai > 0:
            share, area = _share(row.get("share")), _area(row.get("area"))
            if share is not None and area is None:
                s = total * share
                if s.denominator == 1:
                    out["area"] = Area(int(s)).format()
            elif area is not None and share is None:
                f = Fraction(area.sarsai, total.sarsai)
                if 0 < f <= 1:
                    out["share"] = f"{f.numerator}/{f.denominator}"
    return out


TOTAL_WORDS = ("میزان", "total")


def _khewat_total(rows, khewat: str | None) -> Area | None:
    if not khewat:
        return None
    k = normalise(khewat)
    for r in rows:
        if normalise(r.get("khewat_no", "")) == k and normalise(r.get("owner", "")).lower() in TOTAL_WORDS:
            return _area(r.get("area"))
    return None
