"""Page geometry shared by the page generator (ocr.synth) and the layout finder (ocr.layout).

All positions here are fractions of the page (0..1), derived from a template alone:

- the page is A3 landscape (16.54 x 11.69 in) — wide registers need the room;
- the template's `header_zone` holds the title (top 40 %) and one slot per header field
  (bottom 60 %), slots laid out right to left in template order; inside a slot the label
  takes the right 40 % and the value the left 60 % (`header_value_boxes`);
- the template's `table_zone` is the outer border of the ruled table; its first row is the
  column-heading row, `HEADING_ROWS` data-row heights tall, followed by `rows_per_page`
  data rows of equal height; columns follow `template.column_edges()` (column 1 rightmost).

The layout finder maps these fractions onto a real page through the table it detects, so
the header value zones are found on scans whose margins differ from the template's.
"""

from __future__ import annotations

from records.templates import Template

PAGE_INCHES = (16.54, 11.69)  # A3 landscape
HEADING_ROWS = 1.5  # height of the column-heading row, in data-row heights
TITLE_SHARE = 0.4  # top share of the header zone used by the title

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 as page fractions


def page_size_px(dpi: int) -> tuple[int, int]:
    """(width, height) in pixels of a generated page at `dpi`."""
    return round(PAGE_INCHES[0] * dpi), round(PAGE_INCHES[1] * dpi)


def row_edges(template: Template, n_rows: int | None = None) -> list[float]:
    """Y fractions of the horizontal rules of the table, top border first.

    The first interval is the heading row; then one interval per data row.
    """
    n = template.rows_per_page if n_rows is None else n_rows
    _, top, _, bottom = template.table_zone
    unit = (bottom - top) / (HEADING_ROWS + n)
    return [top] + [top + (HEADING_ROWS + i) * unit for i in range(n + 1)]


def column_edges(template: Template) -> list[tuple[float, float]]:
    """(x0, x1) page fractions of each column, column 1 (rightmost) first."""
    left, _, right, _ = template.table_zone
    w = right - left
    return [(left + a * w, left + b * w) for a, b in template.column_edges()]


def title_box(template: Template) -> Box:
    x0, y0, x1, y1 = template.header_zone
    return (x0, y0, x1, y0 + (y1 - y0) * TITLE_SHARE)


def header_slots(template: Template) -> dict[str, Box]:
    """Whole slot (label and value) of each header field, right to left in template order."""
    x0, y0, x1, y1 = template.header_zone
    top = y0 + (y1 - y0) * TITLE_SHARE
    n = max(1, len(template.header))
    w = (x1 - x0) / n
    out: dict[str, Box] = {}
    for i, f in enumerate(template.header):
        right = x1 - i * w
        out[f.name] = (right - w, top, right, y1)
    return out


def header_label_boxes(template: Template) -> dict[str, Box]:
    """Where the Urdu label of each header field is printed (right 40 % of its slot)."""
    out = {}
    for name, (x0, y0, x1, y1) in header_slots(template).items():
        out[name] = (x1 - 0.4 * (x1 - x0), y0, x1, y1)
    return out


def header_value_boxes(template: Template) -> dict[str, Box]:
    """Where the value of each header field is written (left 60 % of its slot)."""
    out = {}
    for name, (x0, y0, x1, y1) in header_slots(template).items():
        out[name] = (x0, y0, x1 - 0.4 * (x1 - x0), y1)
    return out
