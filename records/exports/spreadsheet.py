"""Values in CSV files that people open in a spreadsheet (Excel): kept as the text they are.

Excel reads a cell starting with = + - @ (or a tab or carriage return) as a formula and runs
it, so a value an office typed could compute, or reach out, on the central office's PC
(`no_formula`, always used where the values come from elsewhere). It also turns areas like
`11-4` and shares like `1/2` into dates; `excel_text` writes such values, and formulas, as
`="11-4"`, which Excel shows as the text itself.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EXCEL_RISKY = re.compile(r"^(?:[=+\-@\t\r]|[0-9]+\s*[-/]\s*[0-9]+)")


def no_formula(value: str) -> str:
    """`value` with a leading = + - @ (tab, carriage return) made harmless: an apostrophe put
    before it, so no spreadsheet runs it as a formula. Other values unchanged."""
    return "'" + value if value.startswith(FORMULA_START) else value


def excel_text(value: str) -> str:
    """`value` as `="..."` when Excel would turn it into a date (`3/8`, `12-5`) or run it as a
    formula, so that it shows the text as written; other values unchanged."""
    if value and _EXCEL_RISKY.match(value):
        return '="' + value.replace('"', '""') + '"'
    return value
