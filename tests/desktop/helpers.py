"""Builders for desktop tests: a register with pages and rows (with OCR-like boxes)."""

from __future__ import annotations

from types import SimpleNamespace

from records import services
from records.flags import WARNING, Flag
from tests.desktop.images import png_bytes

HEADER = dict(district="لاہور", tehsil="رائیونڈ", mauza="کوٹ", hadbast_no="42", year="2019-20")

GOOD_ROWS = [
    {"khewat_no": "47", "khatooni_no": "112", "owner": "محمد اسلم ولد غلام رسول", "share": "1/2",
     "khasra_nos": "125/5، 126", "area": "12-5"},
    {"khewat_no": "47", "khatooni_no": "113", "owner": "احمد علی ولد غلام رسول", "share": "1/2",
     "khasra_nos": "127", "area": "4-10"},
]


def reading(text: str, box, flags=()):
    return SimpleNamespace(text=text, raw_text=text, confidence=0.9, box=box, flags=list(flags))


def make_register(ctx, n_pages: int = 1, rows=GOOD_ROWS, *, low_conf: tuple[int, str] | None = None,
                  other_reading: str | None = None, seed: int = 0):
    """A register with `n_pages` pages, each holding `rows` as OCR rows with boxes; the field
    `low_conf` (row, name) flagged as OCR was unsure of it, with `other_reading` as a second
    reader's number when given. Page images are drawn from `seed` on (another register of
    the workspace needs other seeds: the same image is not imported twice)."""
    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="jamabandi", **HEADER)
    page_ids = []
    for p in range(n_pages):
        with ctx.ws.session() as s:
            pid = services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid,
                                    data=png_bytes(seed=seed + p, size=(800, 400)), name=f"p{p}.png").page_id
            ocr_rows = []
            for r, row in enumerate(rows):
                fields = {}
                for c, (name, text) in enumerate(row.items()):
                    flags = []
                    if low_conf == (r, name):
                        flags = [Flag("low_confidence", WARNING, f"OCR is unsure of '{text}'", name, r,
                                      suggestion=other_reading)]
                    fields[name] = reading(text, (700 - 60 * c, 40 + 40 * r, 55, 35), flags)
                ocr_rows.append(fields)
            services.save_ocr_rows(s, actor=ctx.actor, page_id=pid, rows=ocr_rows)
        page_ids.append(pid)
    return rid, page_ids
