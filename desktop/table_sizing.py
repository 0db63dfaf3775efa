"""Columns sized to their contents from a sample of rows, not from every row.

Qt sizes a column to its contents (`resizeColumnToContents`, a header section in
`ResizeToContents` mode) by asking the model for every row's text and measuring it, up to
the header's `resizeContentsPrecision` (1000 rows by default). On a table of a few hundred
rows of Urdu text that is thousands of calls into Python and of text layouts on the UI
thread, each time the rows change: the audit trail froze for 0.6-1.2 s on every new filter
and the page list for 0.15-0.3 s on every register opened or page approved
(bench/stall_probe.py on a workspace of 100,000 entries, docs/benchmarks.md). The rows in
sight, then the nearest others up to SAMPLE_ROWS, give the same widths: the texts of one
column are alike (a date, a page number, a state, a user name).
"""

from __future__ import annotations

SAMPLE_ROWS = 40  # rows measured per column beyond those in sight (Qt counts them together)


def size_from_sample(view, rows: int = SAMPLE_ROWS):
    """Make `view` (a QTableView or QTreeView) size columns to their contents from at most
    `rows` rows around those in sight. Returns the view."""
    header = view.horizontalHeader() if hasattr(view, "horizontalHeader") else view.header()
    header.setResizeContentsPrecision(rows)
    return view


HEADER_SLACK = 6  # px beyond the style's margins: a name that only just fits was still cut to '…'


def header_text_width(header, text: str) -> int:
    """The width a section of `header` (a QHeaderView) needs to show `text` whole: measured
    with the header's font, bold as Qt draws the current column's name when sections are
    highlighted, plus the style's margins at both sides. A column narrower than this shows
    the name elided ('نمبر کھیو…' for نمبر کھیوٹ)."""
    from desktop.qt import QFontMetrics, QStyle

    font = header.font()
    if header.highlightSections():
        font.setBold(True)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return QFontMetrics(font).horizontalAdvance(text) + 2 * margin + HEADER_SLACK


ROW_SLACK = 6  # px above and below a row's text beyond the font's own height


def rows_fit_font(view, slack: int = ROW_SLACK):
    """Make the rows of `view` (a QTableView) as tall as its font needs: the font's height
    (ascent and descent) plus `slack`. Qt's vertical header keeps its style's default height
    (30 px here) whatever the font: a table in Nastaliq 12 pt (40 px from the top of its tall
    letters to the foot of its deep ones) had the tops of رہن and تقسیم and the feet of
    لیے cut off at every row. Call after setting the view's font. Returns the view."""
    from desktop.qt import QFontMetrics

    view.verticalHeader().setDefaultSectionSize(QFontMetrics(view.font()).height() + slack)
    return view
