"""Text too long for its place, cut at its end with '…', never inside a number.

Qt elides an item's text by its visual line: in a right-to-left title holding a left-to-right
isolate (the year of `جمع بندی — موضع کوٹ ⁦2019-20⁩ (جلد ۱)`) it cut the number's own left end
and showed `019-20` or `…201`, a year that is none. `elided` cuts the text in its logical
order instead, at a space outside any isolate (a whole isolate stays or goes), and ends it
with '…'; `LogicalElideDelegate` draws item views' texts so.
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
    """An item view's texts drawn elided by `elided` (whole words, numbers never cut). Only the
    drawing is elided: the size an item asks for is its whole text's (a column sized to its
    contents, the review queue's, took the width of '…' when the size hint was elided too)."""

    def elided_option(self, option, index) -> QStyleOptionViewItem:
        """The style option an item is drawn with: its text elided to the room it has."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        if opt.text:
            rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            opt.text = elided(opt.text, QFontMetricsF(opt.font), rect.width() - 2 * margin)
            opt.textElideMode = Qt.TextElideMode.ElideNone
        return opt

    def paint(self, painter, option, index) -> None:  # noqa: D102 - Qt override
        opt = self.elided_option(option, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
