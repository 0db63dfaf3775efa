"""Which register a page belongs to, from its printed column headings.

A khasra girdawari page imported into a jamabandi register was read as jamabandi rows:
77 problems and 138 fields to check on one page, and nothing said why. The headings row
of the table (found by ocr.layout with the register's own template) is read with the Urdu
line reader and compared with the column labels of every built-in register kind; when
another kind's labels match clearly better than the register's own, the page is said to
look like that kind (`looks_like`), and the clerk is told before correcting anything.

Measured: the demo workspace's 15 pages of the three kinds, each read as each kind, and
generated girdawari and intiqal pages (clean, moderate and heavy degradation) read as each
kind, with issue 4's 15 jamabandi report pages: 0 wrong of 96 readings (every page read as
another kind said so, none read as its own kind did). A page read as its own kind scores
0.82-1.00 against its headings, the others at most 0.57; read with another kind's layout the
headings are cut badly on degraded pages and the right kind still scores 0.55-0.92 against
0.24-0.57 (`heading_score`: the headings as one string against the labels, difflib's ratio).
About 25 ms a page (the headings' 10-12 cells, read with the other cells).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from records.templates import BUILTIN, Template, get_template
from records.text import normalise

# another kind must match the headings this much better than the register's own kind, and
# at least this well (the smallest gap measured where a page was read as another kind: 0.17)
MARGIN = 0.15
AT_LEAST = 0.5


def _letters(text: str) -> str:
    return "".join(normalise(text).replace("،", "").split())


def heading_score(headings: Sequence[str], template: Template) -> float:
    """How well the headings read (in column order) match a template's column labels, 0..1."""
    read = _letters("".join(headings))
    labels = _letters("".join(c.label_ur for c in template.columns))
    if not read or not labels:
        return 0.0
    return difflib.SequenceMatcher(None, read, labels, autojunk=False).ratio()


def looks_like(headings: Sequence[str], template: Template, kinds: Iterable[str] = BUILTIN) -> str | None:
    """The built-in register kind whose column labels the headings match clearly better than
    `template`'s own (None: they fit the register, or too little was read to say)."""
    if sum(len(_letters(h)) for h in headings) < 8:  # a few letters say nothing
        return None
    own = heading_score(headings, template)
    best, best_score = None, own
    for kind in kinds:
        if kind == template.id:
            continue
        score = heading_score(headings, get_template(kind))
        if score > best_score:
            best, best_score = kind, score
    if best is not None and best_score >= max(AT_LEAST, own + MARGIN):
        return best
    return None
