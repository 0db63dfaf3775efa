"""Ditto and fills over the rows of a PageRowsModel (records.keying does the deciding).

- `ditto_value`: the field's value in the nearest row above (Ctrl+D), on the previous page
  for the first row.
- `owner_field` / same owner line as the row above (Ctrl+Shift+D).
- `offered_value`: the next khasra number or an area/share that follows from the other
  fields, shown as the editor's placeholder and accepted with Ctrl+Space.
Every fill is written through the model's setData, i.e. the same undoable SetValueCommand
as typing, so Ctrl+Z undoes it.
"""

from __future__ import annotations

from records.keying import derived_values, ditto, next_khasra

OWNER_FIELDS = ("owner", "transferee", "cultivator")


def page_texts(model) -> list[dict[str, str]]:
    """The page's rows as plain texts (field -> text), as the model shows them."""
    if model.template is None:
        return []
    names = model.template.column_names
    return [{n: model.text(r, n) for n in names} for r in range(model.rowCount())]


def ditto_value(model, row: int, field: str) -> str | None:
    """The value of `field` in the nearest row above that has one, on this page or, above
    its first row, on the register's previous page (`model.above`)."""
    if model.template is None or row < 0:
        return None
    return ditto(page_texts(model)[: row + 1], row, field) or model.above.get(field)


def owner_field(model) -> str | None:
    """The template's owner column (the person a row belongs to)."""
    names = model.template.column_names if model.template is not None else ()
    return next((f for f in OWNER_FIELDS if f in names), None)


def offered_value(model, row: int, field: str) -> str | None:
    """A value for an empty field that follows from the row's other fields or the row above."""
    if model.template is None or not 0 <= row < model.rowCount() or model.text(row, field):
        return None
    if row == 0 and field == "khasra_no":  # the page goes on from the previous one's last khasra
        return next_khasra(model.above.get(field, ""))
    return derived_values(model.template, page_texts(model), row).get(field)
