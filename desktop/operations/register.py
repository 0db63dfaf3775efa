"""Register operations (keyword-only factories over records.services)."""

from __future__ import annotations

from desktop.operations import Op, read_op, write_op
from records import services
from records.audit import Actor


def create_register(*, actor: Actor, template: str, district: str, tehsil: str, mauza: str,
                    hadbast_no: str, year: str, volume: str = "1", header: dict | None = None) -> Op:
    """Op -> (register id, Changes)."""
    def body(s):
        rid = services.create_register(s, actor=actor, template=template, district=district,
                                       tehsil=tehsil, mauza=mauza, hadbast_no=hadbast_no,
                                       year=year, volume=volume, header=header)
        return rid, services.Changes(registers=True)
    return write_op(body)


def list_registers() -> Op:
    return read_op(lambda s: services.list_registers(s))


def register_entry_ids(*, register_id: int) -> Op:
    return read_op(lambda s: services.register_entry_ids(s, register_id))


def search(*, query: str, register_id: int | None = None, limit: int = 200) -> Op:
    return read_op(lambda s: services.search(s, query, register_id=register_id, limit=limit))
