"""Exact land arithmetic: areas in integer sarsai, shares as Fractions. Never floats.

1 acre = 8 kanal; 1 kanal = 20 marla; 1 marla = 9 sarsai.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import total_ordering

from records.text import normalise

SARSAI_PER_MARLA = 9
MARLA_PER_KANAL = 20
KANAL_PER_ACRE = 8
SARSAI_PER_KANAL = SARSAI_PER_MARLA * MARLA_PER_KANAL  # 180
SARSAI_PER_ACRE = SARSAI_PER_KANAL * KANAL_PER_ACRE  # 1440


class UnitError(ValueError):
    """A value that does not parse as an area or share; the message is for a clerk."""


_AREA_RE = re.compile(r"^([0-9]+)\s*[-–—_]\s*([0-9]+)(?:\s*[-–—_]\s*([0-9]+))?$")
# Longest run of digits a part may have: far above any real record, and it keeps int()
# away from Python's 4300-digit limit (a ValueError that is not a UnitError).
MAX_DIGITS = 9
_LONG_NUMBER = re.compile(f"[0-9]{{{MAX_DIGITS + 1},}}")


@total_ordering
@dataclass(frozen=True, slots=True)
class Area:
    """A land area kept as a whole number of sarsai."""

    sarsai: int

    def __post_init__(self) -> None:
        if not isinstance(self.sarsai, int) or isinstance(self.sarsai, bool):
            raise TypeError("Area holds an integer number of sarsai")

    @classmethod
    def of(cls, kanal: int = 0, marla: int = 0, sarsai: int = 0) -> Area:
        return cls(kanal * SARSAI_PER_KANAL + marla * SARSAI_PER_MARLA + sarsai)

    @classmethod
    def parse(cls, text: str) -> Area:
        """Parse `K-M` or `K-M-S` (any digit set); marla < 20 and sarsai < 9."""
        t = normalise(text)
        if _LONG_NUMBER.search(t):
            raise UnitError(f"'{text}': a number this long is not an area; check the digits")
        m = _AREA_RE.match(t)
        if not m:
            raise UnitError(
                f"'{text}' is not an area: write kanal-marla (12-5) or kanal-marla-sarsai (12-5-3)"
            )
        kanal, marla = int(m.group(1)), int(m.group(2))
        sarsai = int(m.group(3)) if m.group(3) is not None else 0
        if marla >= MARLA_PER_KANAL:
            raise UnitError(f"'{text}': marla must be below {MARLA_PER_KANAL}")
        if sarsai >= SARSAI_PER_MARLA:
            raise UnitError(f"'{text}': sarsai must be below {SARSAI_PER_MARLA}")
        return cls.of(kanal, marla, sarsai)

    @property
    def parts(self) -> tuple[int, int, int]:
        """(kanal, marla, sarsai); for a negative area (a difference) every part is negated."""
        sign = -1 if self.sarsai < 0 else 1
        kanal, rest = divmod(abs(self.sarsai), SARSAI_PER_KANAL)
        marla, sarsai = divmod(rest, SARSAI_PER_MARLA)
        return sign * kanal, sign * marla, sign * sarsai

    def acres(self) -> Fraction:
        return Fraction(self.sarsai, SARSAI_PER_ACRE)

    def format(self, *, with_sarsai: bool | None = None) -> str:
        """`12-5` or `12-5-3` (sarsai shown when non-zero unless forced)."""
        if self.sarsai < 0:  # a difference: "-2-5", never the garbled "-3-15-..."
            return "-" + Area(-self.sarsai).format(with_sarsai=with_sarsai)
        k, m, s = self.parts
        if with_sarsai or (with_sarsai is None and s):
            return f"{k}-{m}-{s}"
        return f"{k}-{m}"

    def __str__(self) -> str:
        return self.format()

    def __add__(self, other: Area) -> Area:
        if not isinstance(other, Area):
            return NotImplemented
        return Area(self.sarsai + other.sarsai)

    def __sub__(self, other: Area) -> Area:
        if not isinstance(other, Area):
            return NotImplemented
        return Area(self.sarsai - other.sarsai)

    def __mul__(self, share: Fraction | int) -> Fraction:
        """An area times a share is an exact Fraction of sarsai (may not be whole)."""
        return Fraction(self.sarsai) * Fraction(share)

    def __lt__(self, other: Area) -> bool:
        if not isinstance(other, Area):
            return NotImplemented
        return self.sarsai < other.sarsai


def total_area(areas) -> Area:
    """Sum of areas (0 for none)."""
    return Area(sum(a.sarsai for a in areas))


_SHARE_RE = re.compile(r"^([0-9]+)\s*/\s*([0-9]+)$")
_SLASHES = str.maketrans({"\\": "/", "\u2044": "/", "\u2215": "/"})  # \ ⁄ ∕ as OCR reads them


def parse_share(text: str) -> Fraction:
    """Parse a share `3/8` (parts/total, any digit set) into an exact Fraction in (0, 1]."""
    t = normalise(text).translate(_SLASHES)
    if _LONG_NUMBER.search(t):
        raise UnitError(f"'{text}': a number this long is not a share; check the digits")
    m = _SHARE_RE.match(t)
    if not m:
        if t.isdigit() and t == "1":
            return Fraction(1)
        raise UnitError(f"'{text}' is not a share: write parts/total, for example 3/8")
    num, den = int(m.group(1)), int(m.group(2))
    if den == 0:
        raise UnitError(f"'{text}': the total of a share cannot be 0")
    if num == 0:
        raise UnitError(f"'{text}': a share of 0 parts is not a share")
    if num > den:
        raise UnitError(f"'{text}': parts ({num}) cannot exceed the total ({den})")
    return Fraction(num, den)


def format_share(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"
