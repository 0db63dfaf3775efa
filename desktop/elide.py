"""Text too long for its place, cut with '…', never inside a number.

Qt elides an item's text by its visual line: in a right-to-left title holding a left-to-right
isolate (the year of `جمع بندی — موضع کوٹ ⁦2019-20⁩ (جلد ۱)`) it cut the number's own left end
and showed `019-20` or `…201`, a year that is none. `elided` cuts the text in its logical
order instead, at a space outside any isolate (a whole isolate stays or goes), and ends it
with '…'; `LogicalElideDelegate` draws item views' texts so.

Titles listed together often share their start: two registers of one kind and mauza prefix
both cut to `جمع بندی — موضع …`, two pages to `صفحہ…`. The delegate keeps what tells a title
from its neighbours (`distinguishing_start`): the words they share give way first, cut from
the middle (`جمع بندی … کوٹ ⁦2019-20⁩ (جلد ۱)`), then the end as before.
"""

from __future__ import annotations

from desktop.i18n import ISOLATE_CLOSE, ISOLATE_OPEN
from desktop.qt import (
    QApplication,
    QFontMetricsF,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
)

ELLIPSIS = "…"


def _cut_points(text: str) -> list[int]:
    """Logical places where the text may be cut: before a space outside any isolate, and
    (for a first word too long) between letters outside any isolate."""
    depth, words, letters = 0, [], []
    for i, ch in enumerate(text):
        if ch in ISOLATE_OPEN:
            if depth == 0:
                letters.append(i)
            depth += 1
        elif ch == ISOLATE_CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            if ch.isspace():
                words.append(i)
            elif i:
                letters.append(i)
    return words or letters


def _words(text: str) -> list[tuple[int, str]]:
    """(start, word) of the words of `text`, split at spaces outside any isolate."""
    starts = [0] + [i + 1 for i in _cut_points(text) if text[i].isspace()]
    ends = [i - 1 for i in starts[1:]] + [len(text)]
    return [(a, text[a:b]) for a, b in zip(starts, ends, strict=True) if text[a:b].strip()]


def distinguishing_start(text: str, others) -> int:
    """Where the part of `text` that tells it from `others` starts (a logical index at a word):
    the first word after the longest run of leading words it shares with any of them; 0 when
    it shares none, or when it is all shared (nothing is told by its end either)."""
    words = _words(text)
    shared = 0
    for other in others:
        if other == text:
            continue
        theirs = [w for _i, w in _words(other)]
        n = 0
        while n < min(len(words), len(theirs)) and words[n][1] == theirs[n]:
            n += 1
        shared = max(shared, n)
    return words[shared][0] if 0 < shared < len(words) else 0


def elided(text: str, metrics: QFontMetricsF, width: float, keep: int = 0) -> str:
    """`text` as it fits `width` px in `metrics`' font: whole, or its start up to a word (never
    a part of an isolated number) followed by '…'; '…' alone when not even a word fits.

    `keep` (`distinguishing_start`): where the words that tell the text from its neighbours
    start; the words before them give way first, from the middle (its first words, '…', then
    all from `keep`: `جمع بندی … کوٹ ⁦2019-20⁩`), and only then the end of the rest."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    if 0 < keep < len(text):
        tail = text[keep:]
        heads = [c for c in _cut_points(text) if c < keep and text[c].isspace()]
        for cut in reversed(heads):  # as much of the start as fits
            candidate = f"{text[:cut].rstrip()} {ELLIPSIS} {tail}"
            if metrics.horizontalAdvance(candidate) <= width:
                return candidate
        lead = ELLIPSIS + " "
        rest = elided(tail, metrics, width - metrics.horizontalAdvance(lead))
        return ELLIPSIS if rest == ELLIPSIS else lead + rest
    best = ELLIPSIS
    for cut in _cut_points(text):
        candidate = text[:cut].rstrip() + ELLIPSIS
        if metrics.horizontalAdvance(candidate) > width:
            break
        best = candidate
    return best


def _neighbours(index) -> list[str]:
    """The texts of the items beside `index`: same parent and column, itself left out."""
    model, parent = index.model(), index.parent()
    if model is None:
        return []
    out = []
    for row in range(model.rowCount(parent)):
        if row != index.row():
            text = model.index(row, index.column(), parent).data()
            if isinstance(text, str):
                out.append(text)
    return out


class LogicalElideDelegate(QStyledItemDelegate):
    """An item view's texts drawn elided by `elided` (whole words, numbers never cut), keeping
    what tells an item from the items beside it (same parent, same column). Only the drawing
    is elided: the size an item asks for is its whole text's (a column sized to its contents,
    the review queue's, took the width of '…' when the size hint was elided too)."""

    def elided_option(self, option, index) -> QStyleOptionViewItem:
        """The style option an item is drawn with: its text elided to the room it has."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        if opt.text:
            rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            keep = distinguishing_start(opt.text, _neighbours(index))
            opt.text = elided(opt.text, QFontMetricsF(opt.font), rect.width() - 2 * margin, keep)
            opt.textElideMode = Qt.TextElideMode.ElideNone
        return opt

    def paint(self, painter, option, index) -> None:  # noqa: D102 - Qt override
        opt = self.elided_option(option, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
