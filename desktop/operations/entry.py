"""Entry (row) operations (keyword-only factories over records.services)."""

from __future__ import annotations

from desktop.operations import Op, read_op, write_op
from records import services
from records.audit import Actor


def set_value(*, actor: Actor, entry_id: int, field_name: str, text: str) -> Op:
    """Op -> Changes; saved at once on the writer thread."""
    return write_op(lambda s: services.set_value(s, actor=actor, entry_id=entry_id,
                                                 field_name=field_name, text=text))


def add_entry(*, actor: Actor, register_id: int, page_id: int, row_no: int | None = None) -> Op:
    """Op -> (entry id, Changes). A row_no inside the page moves the new row there."""
    def body(s):
        eid = services.add_entry(s, actor=actor, register_id=register_id, page_id=page_id)
        ch = services.Changes(entries=True, entry_ids={eid}, page_ids={page_id})
        if row_no is not None:
            ch.merge(services.move_entry(s, actor=actor, entry_id=eid, row_no=row_no))
        return eid, ch
    return write_op(body)


def delete_entry(*, actor: Actor, entry_id: int) -> Op:
    return write_op(lambda s: services.delete_entry(s, actor=actor, entry_id=entry_id))


def restore_entry(*, actor: Actor, entry_id: int) -> Op:
    """Op -> Changes; brings a deleted row back (undo of a delete)."""
    return write_op(lambda s: services.restore_entry(s, actor=actor, entry_id=entry_id))


def move_entry(*, actor: Actor, entry_id: int, row_no: int) -> Op:
    return write_op(lambda s: services.move_entry(s, actor=actor, entry_id=entry_id, row_no=row_no))


def rows_by_ids(*, entry_ids: list[int]) -> Op:
    return read_op(lambda s: services.rows_by_ids(s, entry_ids))
