"""Time and memory of printing a whole register (records.reports.register_pdf).

    nice -n 10 .venv/bin/python bench/register_pdf_bench.py [ROWS] [--baseline]

Builds a jamabandi register of ROWS entries (default 2,000; every owner, khasra and remark
different, so the shaping cache helps as little as on a real register) through
records.services, then times reading it (`build_register`) and printing it in Naskh and in
Nastaliq (shaping caches cold), each with the process's peak resident size, and the peak of
Python memory a Naskh printout allocates (tracemalloc, in a run of its own). --baseline also times the same rows printed as one reportlab table
split page by page (the way the fard's `rtl_table` prints), against which the register's
one-table-per-row layout is measured.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from records import services  # noqa: E402
from records.reports import register_pdf, urdu_text  # noqa: E402
from records.reports.layout import ReportOptions  # noqa: E402
from records.workspace import Workspace  # noqa: E402
from tests.reports import sampledata  # noqa: E402

CASTES = ("اعوان", "جٹ", "راجپوت", "آرائیں", "گوندل", "قریشی")


def _make(ws, rows: int) -> int:
    with ws.session() as s:
        clerk, _ = sampledata.make_users(s)
        reg = services.create_register(s, actor=clerk, template="jamabandi", district="سرگودھا", tehsil="بھلوال",
                                       mauza="چک نمبر ۱۲", hadbast_no="112", year="2019-20")
        page = None
        for i in range(rows):
            if i % 20 == 0:
                page = services.add_page(s, ws.images, actor=clerk, register_id=reg, data=sampledata.png_bytes(i))
            services.add_entry(s, actor=clerk, register_id=reg, page_id=page.page_id, values={
                "khewat_no": str(i // 4 + 1), "khatooni_no": str(i + 1), "patti": "پتی شرقی",
                "owner": f"محمد اسلم {i} ولد غلام رسول قوم {CASTES[i % len(CASTES)]} سکنہ دیہہ",
                "share": f"1/{i % 7 + 2}", "khasra_nos": f"{i + 1}/2، {i + 400}", "area": f"{i % 40}-{i % 20}",
                "irrigation": "چاہی", "remarks": f"انتقال نمبر {1000 + i} بحق ورثاء"})
    return reg


def _cold() -> None:
    """Empty urdu_text's caches of laid-out lines and shaped words (a printout's first run)."""
    urdu_text._layout_cached.cache_clear()
    urdu_text._shaped.cache_clear()


def _measured(fn):
    tracemalloc.start()
    t = time.perf_counter()
    r = fn()
    dt = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return r, dt, peak / 2**20


def main() -> None:
    rows = int(next((a for a in sys.argv[1:] if a.isdigit()), 2000))
    tmp = Path(tempfile.mkdtemp(prefix="daftar-bench-"))
    try:
        ws = Workspace.open(tmp / "ws", create=True)
        t0 = time.perf_counter()
        reg = _make(ws, rows)
        print(f"made {rows} entries in {time.perf_counter() - t0:.1f} s")
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with ws.session() as s:
            data, t_read, m_read = _measured(lambda: register_pdf.build_register(s, register_id=reg))
        print(f"read the register: {t_read:.2f} s, peak {m_read:.1f} MiB allocated")
        for name, opts in (("Naskh", ReportOptions(urdu_digits=True)),
                           ("Nastaliq", ReportOptions(urdu_digits=True, nastaliq=True))):
            out = tmp / f"register-{name}.pdf"
            _cold()
            t = time.perf_counter()
            register_pdf.render_register(data, out, opts)
            t = time.perf_counter() - t
            import pypdfium2 as pdfium

            doc = pdfium.PdfDocument(str(out))
            pages = len(doc)
            doc.close()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{name}: {t:.1f} s, {pages} pages, {out.stat().st_size / 2**20:.1f} MiB file, process peak resident "
                  f"{rss:.0f} MiB (before printing {rss0:.0f} MiB)")
        _cold()
        _r, t, m = _measured(lambda: register_pdf.render_register(data, tmp / "traced.pdf", ReportOptions()))
        print(f"Naskh again under tracemalloc (slower): peak {m:.0f} MiB of Python memory allocated")
        if "--baseline" in sys.argv:
            from records.reports.layout import build_pdf, rtl_table

            opts = ReportOptions(urdu_digits=True)
            widths = register_pdf._widths(data.template, register_pdf.landscape(register_pdf.A4)[0] - 24 * 2.8346)
            heads = ["نمبر شمار", *(c.label_ur for c in data.template.columns), "حالت"]
            cells = [[str(i), *x.cells, x.state] for i, x in enumerate(data.lines, start=1)]

            def one_table():
                build_pdf(tmp / "one-table.pdf", [rtl_table(heads, cells, widths, digits="urdu")], options=opts,
                          title="baseline", watermark=False)

            _cold()
            t = time.perf_counter()
            one_table()
            print(f"baseline, one table split page by page (Naskh): {time.perf_counter() - t:.1f} s")
        ws.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
