"""Text too long for its place, cut at its end with '…', never inside a number.

Qt elides an item's text by its visual line: in a right-to-left title holding a left-to-right
isolate (the year of `جمع بندی — موضع کوٹ ⁦2019-20⁩ (جلد ۱)`) it cut the number's own left end
and showed `019-20` or `…201`, a year that is none. `elided` cuts the text in its logical
order instead, at a space outside any isolate (a whole isolate stays or goes), and ends it
with '…'; `LogicalElideDelegate` draws item views' texts so.
"""

from __future__ import annotations

from desktop.qt import QFontMetricsF, QStyle, QStyledItemDelegate, Qt

ELLIPSIS = "…"
_OPEN, _CLOSE = "\u2066\u2067\u2068", "\u2069"


def _cut_points(text: str) -> list[int]:
    """Logical places where the text may be cut: before a space outside any isolate, and
    (for a first word too long) between letters outside any isolate."""
    depth, words, letters = 0, [], []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            if depth == 0:
                letters.append(i)
            depth += 1
        elif ch == _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            if ch.isspace():
                words.append(i)
            elif i:
                letters.append(i)
    return words or letters


def elided(text: str, metrics: QFontMetricsF, width: float) -> str:
    """`text` as it fits `width` px in `metrics`' font: whole, or its start up to a word (never
    a part of an isolated number) followed by '…'; '…' alone when not even a word fits."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    best = ELLIPSIS
    for cut in _cut_points(text):
        candidate = text[:cut].rstrip() + ELLIPSIS
        if metrics.horizontalAdvance(candidate) > width:
            break
        best = candidate
    return best


class LogicalElideDelegate(QStyledItemDelegate):
    """An item view's texts elided by `elided` (whole words, numbers never cut)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt override
        super().initStyleOption(option, index)
        if not option.text:
            return
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        option.text = elided(option.text, QFontMetricsF(option.font), rect.width() - 2 * margin)
        option.textElideMode = Qt.TextElideMode.ElideNone
