"""Page operations (keyword-only factories over records.services)."""

from __future__ import annotations

from desktop.operations import Op, read_op, write_op
from records import services
from records.audit import Actor


def list_pages(*, register_id: int) -> Op:
    return read_op(lambda s: services.list_pages(s, register_id))


def page_rows(*, page_id: int) -> Op:
    """Op -> (PageView, list[RowView], Template)."""
    def body(s):
        page = services.get_page(s, page_id)
        return page, services.page_rows(s, page_id), services.register_template(s, page.register_id)
    return read_op(body)


def add_page(*, ws, actor: Actor, register_id: int, data: bytes, name: str, width: int = 0,
             height: int = 0) -> Op:
    """Op -> (AddPageResult, Changes)."""
    def body(s):
        res = services.add_page(s, ws.images, actor=actor, register_id=register_id, data=data,
                                name=name, width=width, height=height)
        ch = services.Changes() if res.skipped else services.Changes(pages=True, page_ids={res.page_id})
        return res, ch
    return write_op(body)


def submit_page(*, actor: Actor, page_id: int) -> Op:
    return write_op(lambda s: services.submit_page(s, actor=actor, page_id=page_id))


def page_error_flags(*, page_id: int) -> Op:
    return read_op(lambda s: services.page_error_flags(s, page_id))


def set_ocr_status(*, page_ids: list[int], status: str, error: str | None = None) -> Op:
    def body(s):
        ch = services.Changes()
        for pid in page_ids:
            ch.merge(services.set_ocr_status(s, page_id=pid, status=status, error=error))
        return ch
    return write_op(body)


def save_ocr_rows(*, actor: Actor, page_id: int, rows: list[dict], looks_like: str | None = None) -> Op:
    return write_op(lambda s: services.save_ocr_rows(s, actor=actor, page_id=page_id, rows=rows,
                                                     looks_like=looks_like))


def pages_needing_ocr() -> Op:
    return read_op(lambda s: services.pages_needing_ocr(s))


def move_page(*, actor: Actor, page_id: int, register_id: int) -> Op:
    return write_op(lambda s: services.move_page(s, actor=actor, page_id=page_id, register_id=register_id))
