"""Timings of printed reports and exports (ratios against baselines in the same process).

    nice -n 10 .venv/bin/python bench/reports_exports.py [ROWS]

Builds a jamabandi register of ROWS entries (default 300) in one khewat through
records.services, then times: the fard of all rows vs. the same table drawn by reportlab
with plain Latin Paragraphs (baseline for the Urdu layout cost); the CSV export vs. writing
the same rows with csv.writer from memory; the JSON export vs. json.dumps of the same
document; and the import of that JSON into an empty workspace.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table  # noqa: E402

from bench.timing import best  # noqa: E402
from records import services  # noqa: E402
from records.exports import csv_export, json_export  # noqa: E402
from records.reports import fard  # noqa: E402
from records.reports.layout import ReportOptions  # noqa: E402
from records.workspace import Workspace  # noqa: E402
from tests.reports import sampledata  # noqa: E402


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    tmp = Path(tempfile.mkdtemp(prefix="daftar-bench-"))
    ws = Workspace.open(tmp / "ws", create=True)
    with ws.session() as s:
        clerk, _ = sampledata.make_users(s)
        reg = services.create_register(s, actor=clerk, template="jamabandi", district="سرگودھا", tehsil="بھلوال",
                                       mauza="چک نمبر ۱۲", hadbast_no="112", year="2019-20")
        for i in range(rows):
            services.add_entry(s, actor=clerk, register_id=reg, values={
                "khewat_no": "1", "khatooni_no": str(i + 1), "owner": sampledata.OWNER_1, "share": f"1/{rows}",
                "khasra_nos": f"{i + 1}/2، {i + 400}", "area": "1-3", "remarks": f"انتقال نمبر {1000 + i}"})
    with ws.session() as s:
        data = fard.build_fard(s, register_id=reg, khewat="1")
    plain = [[Paragraph(r.text(c.name) or "-", getSampleStyleSheet()["Normal"]) for c in data.template.columns]
             for r in data.rows]

    def baseline_pdf():
        doc = SimpleDocTemplate(str(tmp / "plain.pdf"), pagesize=landscape(A4))
        doc.build([Table([[Paragraph(str(i), getSampleStyleSheet()["Normal"]) for i in range(12)]] + plain, repeatRows=1)])

    t_base_pdf = best(baseline_pdf)
    from records.reports import urdu_text

    def cold():
        urdu_text._layout_cached.cache_clear()
        fard.render_fard(data, tmp / "cold.pdf")

    t_cold = best(cold)
    t_fard = best(lambda: fard.render_fard(data, tmp / "fard.pdf"))
    nastaliq = ReportOptions(nastaliq=True)

    def cold_nastaliq():
        urdu_text._layout_cached.cache_clear()
        fard.render_fard(data, tmp / "cold-nastaliq.pdf", nastaliq)

    t_cold_nq = best(cold_nastaliq)
    t_fard_nq = best(lambda: fard.render_fard(data, tmp / "fard-nastaliq.pdf", nastaliq))
    with ws.session() as s:
        header, csv_rows = csv_export.csv_rows(s)

    def baseline_csv():
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(header)
        w.writerows(csv_rows)
        (tmp / "plain.csv").write_text(buf.getvalue(), encoding="utf-8-sig")

    t_base_csv = best(baseline_csv)
    t_csv = best(lambda: csv_export.export_csv(ws, tmp / "e.csv"))
    with ws.session() as s:
        doc = json_export.export_data(s)
    t_base_json = best(lambda: (tmp / "plain.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8"))
    t_json = best(lambda: json_export.export_json(ws, tmp / "e.json"))

    def do_import():
        target = tmp / "imported"
        shutil.rmtree(target, ignore_errors=True)
        w2 = Workspace.open(target, create=True)
        try:
            json_export.import_json(w2, tmp / "e.json")
        finally:
            w2.close()

    t_import = best(do_import, n=1)
    print(f"rows: {rows}")
    print(f"| fard PDF ({rows} rows, Urdu layout, shaping cache cold) | {t_cold:.2f} s | {t_cold / t_base_pdf:.1f}x plain Latin reportlab table ({t_base_pdf:.2f} s) |")
    print(f"| fard PDF again (shaping cache warm) | {t_fard:.2f} s | {t_fard / t_base_pdf:.1f}x |")
    print(f"| fard PDF in Nastaliq (print.urdu_font), cache cold | {t_cold_nq:.2f} s | {t_cold_nq / t_base_pdf:.1f}x |")
    print(f"| fard PDF in Nastaliq, cache warm | {t_fard_nq:.2f} s | {t_fard_nq / t_base_pdf:.1f}x |")
    print(f"| CSV export | {t_csv:.3f} s | {t_csv / t_base_csv:.1f}x csv.writer from memory ({t_base_csv:.3f} s) |")
    print(f"| JSON export (images as files) | {t_json:.3f} s | {t_json / t_base_json:.1f}x json.dumps of the document ({t_base_json:.3f} s) |")
    print(f"| JSON import into an empty workspace (incl. migration) | {t_import:.2f} s | {t_import / t_base_json:.0f}x json.dumps |")
    ws.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
