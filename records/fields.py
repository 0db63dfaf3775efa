"""Field kinds: parse, validate, normalise and display one value of a template field.

`parse_value(spec, text)` returns a `Parsed` (stored text + exact value) or raises
`FieldError` with a message a clerk understands. Stored text uses Latin digits; display
can show Urdu digits. Numbers are never floats.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from records.templates import FieldSpec
from records.text import display_digits, isolate_ltr, isolate_numbers, normalise
from records.units import Area, UnitError, format_share, parse_share


class FieldError(ValueError):
    """A value that does not fit its field; the message says what to write instead."""


@dataclass(frozen=True)
class Parsed:
    """A value as stored (normalised text) and as computed with (int, Area, Fraction...)."""

    text: str
    value: Any


Khasra = tuple[int, ...]  # 125/5/1 -> (125, 5, 1)

_KHASRA_RE = re.compile(r"^[0-9]{1,9}(?:\s*/\s*[0-9]{1,9}){0,2}$")
_MAX_INTEGER_DIGITS = 15
# Urdu and Latin commas and semicolons: the Urdu keyboard (CRULP, as offices install it, and
# Daftar's on-screen one) types ، for "," and ؛ for ";"
_LIST_SPLIT = re.compile(r"\s*[،,;؛]\s*|\s+")
# The Urdu keyboard's "." is the Urdu full stop ۔ (and Shift+"." the decimal separator ٫):
# 14.03.2019 typed there is 14۔03۔2019, which looks the same and was refused as no date
_URDU_DOTS = str.maketrans({"\u06d4": ".", "\u066b": "."})


def parse_khasra(text: str) -> Khasra:
    """`125`, `125/5` or `125/5/1` (any digit set) into a tuple of ints."""
    t = normalise(text).replace("\\", "/")
    if not _KHASRA_RE.match(t):
        if "/" in t and any(not p.strip() for p in t.split("/")):
            raise FieldError(f"'{text}': a khasra number has an empty part; write 125/5")
        raise FieldError(f"'{text}' is not a khasra number: write 125, 125/5 or 125/5/1")
    parts = tuple(int(p) for p in t.split("/"))
    if parts[0] == 0:
        raise FieldError(f"'{text}': khasra number 0 does not exist")
    return parts


def format_khasra(k: Khasra) -> str:
    return "/".join(str(p) for p in k)


def parse_khasra_list(text: str) -> tuple[Khasra, ...]:
    """Khasra numbers separated by Urdu or Latin commas or semicolons (or spaces); a list
    may end with the Urdu full stop ۔ or a full stop, as a line of the register does."""
    t = normalise(text).replace("\\", "/").rstrip(" .\u06d4")
    t = re.sub(r"\s*/\s*", "/", t)
    items = [s for s in _LIST_SPLIT.split(t) if s]
    if not items:
        raise FieldError(f"'{text}': no khasra numbers; write them separated by commas: 125/5، 126")
    out = tuple(parse_khasra(s) for s in items)
    if len(set(out)) != len(out):
        dup = next(k for k in out if out.count(k) > 1)
        raise FieldError(f"'{text}': khasra {format_khasra(dup)} is listed twice")
    return out


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%y",
    "%d/%m/%y",
    "%d.%m.%y",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d %B %Y",
)


_URDU_MONTHS = {
    normalise(name): english
    for name, english in (
        ("جنوری", "January"),
        ("فروری", "February"),
        ("مارچ", "March"),
        ("اپریل", "April"),
        ("مئی", "May"),
        ("جون", "June"),
        ("جولائی", "July"),
        ("اگست", "August"),
        ("ستمبر", "September"),
        ("اکتوبر", "October"),
        ("نومبر", "November"),
        ("دسمبر", "December"),
    )
}
_URDU_MONTH_RE = re.compile("|".join(sorted(_URDU_MONTHS, key=len, reverse=True)))


def parse_date(text: str) -> dt.date:
    """Gregorian date in the formats clerks write (day first): 14-03-2019, 14/3/19, 2019-03-14.

    Also `14 مارچ 2019` (Urdu month names) and a year marked with ء (2019ء).
    """
    t = normalise(text).translate(_URDU_DOTS).rstrip(".")  # 14۔03۔2019 (the Urdu keyboard's "."); 2019۔
    t = t.replace("\u0621", " ").replace("،", " ")  # 2019ء ; 14 مارچ، 2019
    t = _URDU_MONTH_RE.sub(lambda m: f" {_URDU_MONTHS[m.group()]} ", t)
    t = " ".join(t.split())
    for fmt in _DATE_FORMATS:
        try:
            d = dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
        if not 1850 <= d.year <= 2100:
            raise FieldError(f"'{text}': year {d.year} is not plausible for a register")
        return d
    raise FieldError(f"'{text}' is not a date: write day-month-year, for example 14-03-2019")


_CNIC_RE = re.compile(r"^([0-9]{5})-?([0-9]{7})-?([0-9])$")


def parse_cnic(text: str) -> str:
    t = normalise(text).replace(" ", "")
    m = _CNIC_RE.match(t)
    if not m:
        raise FieldError(f"'{text}' is not a CNIC: write 13 digits as #####-#######-#")
    return "-".join(m.groups())


# An amount as clerks write it: digits grouped by thousands (250,000) or as Pakistan groups
# them (2,50,000), with the Latin comma, the Arabic thousands separator ٬ or the Urdu comma ،
# the Urdu keyboard types for ","; and the rupees' closing /- or /= (250000/-).
_GROUP_MARKS = str.maketrans({"\u066c": ",", "\u060c": ","})
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3}")
_RUPEES_END = re.compile(r"/[-=]$")


def _integer(spec: FieldSpec, text: str) -> Parsed:
    t = _RUPEES_END.sub("", normalise(text).replace(" ", "").translate(_GROUP_MARKS))
    if "," in t and t.isascii():
        if not _GROUPED.fullmatch(t):
            raise FieldError(
                f"'{text}' is not a whole number: write it without commas, or grouped by "
                "thousands (2,50,000)"
            )
        t = t.replace(",", "")
    # isdigit() is also true for '²' and other digits int() refuses: accept 0-9 only.
    if not t.isascii() or not t.isdigit():
        raise FieldError(f"'{text}' is not a whole number")
    if len(t) > _MAX_INTEGER_DIGITS:
        raise FieldError(f"'{text}' has too many digits for a {spec.label_en.lower()}")
    n = int(t)
    if spec.min is not None and n < spec.min:
        raise FieldError(f"{n} is below the smallest allowed {spec.label_en.lower()} ({spec.min})")
    if spec.max is not None and n > spec.max:
        raise FieldError(f"{n} is above the largest allowed {spec.label_en.lower()} ({spec.max})")
    return Parsed(str(n), n)


def _text(spec: FieldSpec, text: str) -> Parsed:
    t = normalise(text)
    if spec.pattern and not re.fullmatch(spec.pattern, t):
        raise FieldError(f"'{text}' does not have the form expected for {spec.label_en}")
    return Parsed(t, t)


_HARAKAT = re.compile("[\u064b-\u065f\u0670]")  # zabar, zer, pesh, shadd, jazm, khari zabar...


def _choice_key(text: str) -> str:
    """A choice as compared: no harakat (گنّا is گنا, گندُم گندم), no spaces or hyphens and
    lower case (sugar cane, Sugar-cane and sugarcane are one)."""
    return re.sub(r"[\s\-_.]", "", _HARAKAT.sub("", normalise(text))).lower()


def _choice(spec: FieldSpec, text: str) -> Parsed:
    """One of the choices by its Urdu or English name or one of its `also` spellings
    (choices.json: کنک for گندم, باجرا for باجرہ, paddy for rice), with or without harakat;
    an English name also in the singular or plural (vegetable, vegetables)."""
    t = normalise(text)
    key = _choice_key(t)
    for c in spec.choices:
        if t == normalise(c.ur) or t.lower() == c.en.lower():
            return Parsed(normalise(c.ur), normalise(c.ur))
    for c in spec.choices:
        en = _choice_key(c.en)
        names = {_choice_key(c.ur), en, *(_choice_key(a) for a in c.also)}
        if key and (key in names or (en.isascii() and key in (en + "s", en.removesuffix("s")))):
            return Parsed(normalise(c.ur), normalise(c.ur))
    options = "، ".join(c.ur for c in spec.choices)
    raise FieldError(f"'{text}' is not one of the choices for {spec.label_en}: {options}")


def _khasra(spec: FieldSpec, text: str) -> Parsed:
    k = parse_khasra(text)
    return Parsed(format_khasra(k), k)


def _khasra_list(spec: FieldSpec, text: str) -> Parsed:
    ks = parse_khasra_list(text)
    return Parsed("، ".join(format_khasra(k) for k in ks), ks)


def _area(spec: FieldSpec, text: str) -> Parsed:
    try:
        a = Area.parse(text)
    except UnitError as e:
        raise FieldError(str(e)) from None
    return Parsed(a.format(), a)


def _share(spec: FieldSpec, text: str) -> Parsed:
    try:
        s = parse_share(text)
    except UnitError as e:
        raise FieldError(str(e)) from None
    # Keep the clerk's parts/total (3/12 stays 3/12: it is how the record reads).
    t = normalise(text).replace(" ", "")
    t = t.replace("\\", "/").replace("\u2044", "/").replace("\u2215", "/")
    return Parsed(t if "/" in t else format_share(s), s)


def _date(spec: FieldSpec, text: str) -> Parsed:
    d = parse_date(text)
    return Parsed(d.isoformat(), d)


def _cnic(spec: FieldSpec, text: str) -> Parsed:
    c = parse_cnic(text)
    return Parsed(c, c)


_PARSERS = {
    "integer": _integer,
    "text-ur": _text,
    "text-en": _text,
    "choice": _choice,
    "khasra": _khasra,
    "khasra-list": _khasra_list,
    "area": _area,
    "share": _share,
    "date": _date,
    "cnic": _cnic,
}


def parse_value(spec: FieldSpec, text: str | None) -> Parsed | None:
    """Parse a field's text; None for an empty optional value; FieldError when it does not fit."""
    if text is None or not normalise(text):
        if spec.required:
            raise FieldError(f"{spec.label_en} is required")
        return None
    try:
        parser = _PARSERS[spec.kind]
    except KeyError:
        raise FieldError(f"unknown field kind '{spec.kind}'") from None
    return parser(spec, text)


def stored_text(spec: FieldSpec, text: str | None) -> str:
    """The text a typed or read value is saved as: normalised (Latin digits, single spaces),
    and where the field has one spelling of it, that one: a choice typed by its English name
    saved as the register's Urdu word (sale -> بیع, as the other rows hold it), an amount
    typed grouped or with the rupees' /- as its plain digits (2,50,000/- -> 250000). A value
    that does not fit its field is kept as typed, to be corrected; the others as typed
    (a share 3/12 stays 3/12, a date as the clerk wrote it)."""
    if spec.kind == "text-ur":
        return " ".join((text or "").split())
    t = normalise(text)
    if t and spec.kind in ("choice", "integer"):
        try:
            parsed = parse_value(spec, t)
        except FieldError:
            return t
        if parsed is not None:
            return parsed.text
    return t


def check_value(spec: FieldSpec, text: str | None) -> str | None:
    """The clerk-facing problem with a value, or None when it is fine."""
    try:
        parse_value(spec, text)
    except FieldError as e:
        return str(e)
    return None


def display_value(spec: FieldSpec, text: str | None, *, urdu_digits: bool = False) -> str:
    """Text to show: digits as the office prefers, numbers kept left to right (a number
    field whole, the dates and areas inside a text field each)."""
    if not text:
        return ""
    shown = display_digits(text, urdu=urdu_digits)
    return isolate_ltr(shown) if spec.numeric else isolate_numbers(shown)
