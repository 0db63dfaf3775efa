"""Render the docs screenshots: `python -m desktop.screenshots docs/screenshots [--naskh]`.

Builds a throwaway workspace with a synthetic Jamabandi page (ocr.synth), reads it with the
real OCR pipeline in a worker process, and grabs the main window and the correction view.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.shotkit import wait_until  # noqa: E402

HEADER = {"district": "لاہور", "tehsil": "رائیونڈ", "mauza": "کوٹ رادھا کشن", "hadbast_no": "42", "year": "2019-20"}
ROWS = [
    {"khewat_no": "47", "khatooni_no": "112", "patti": "پتی شرقی", "owner": "محمد اسلم ولد غلام رسول قوم اعوان",
     "share": "1/2", "cultivator": "خود کاشت", "irrigation": "چاہی", "khasra_nos": "125/5، 126", "area": "12-5",
     "land_class": "نہری", "remarks": "انتقال نمبر 1234"},
    {"khewat_no": "47", "khatooni_no": "113", "patti": "پتی شرقی", "owner": "احمد علی ولد غلام رسول قوم اعوان",
     "share": "1/2", "cultivator": "خود کاشت", "irrigation": "چاہی", "khasra_nos": "127", "area": "4-10",
     "land_class": "نہری"},
    {"khewat_no": "48", "khatooni_no": "114", "patti": "پتی غربی", "owner": "بشیر احمد ولد نور دین قوم جٹ",
     "share": "1/1", "cultivator": "خود کاشت", "irrigation": "نہری", "khasra_nos": "130/2", "area": "8-0",
     "land_class": "نہری"},
]


def synth_png(rows=ROWS, *, dpi: int = 100, seed: int = 0) -> bytes:
    """A synthetic Jamabandi page as PNG bytes."""
    import cv2

    from ocr.synth import render_page
    from records.templates import get_template

    page = render_page(get_template("jamabandi"), HEADER, rows, dpi=dpi, seed=seed)
    ok, buf = cv2.imencode(".png", page.image)
    return buf.tobytes()


def _import_shot(app, win, out: Path) -> None:
    """The import dialog after importing two pages, a duplicate and a damaged file."""
    folder = Path(tempfile.mkdtemp(prefix="daftar-import-"))
    (folder / "page-002.png").write_bytes(synth_png(ROWS[1:], seed=2))
    (folder / "page-003.png").write_bytes(synth_png(ROWS[:1], seed=3))
    (folder / "page-001-again.png").write_bytes(synth_png())
    (folder / "page-004.png").write_bytes(synth_png()[:300])
    win.tabs.setCurrentIndex(0)
    dlg = win.import_pages([str(folder)])
    dlg.run_ocr.setChecked(False)
    dlg.resize(1000, 560)
    wait_until(app, lambda: dlg._loading == 0 and len(dlg.items) == 4 and not win.ctx.runner.busy)
    dlg.list.setCurrentRow(0)
    dlg.do_import()
    wait_until(app, lambda: dlg.report is not None and not win.ctx.runner.busy)
    app.processEvents()
    dlg.grab().save(str(out / "import.png"))
    dlg.accept()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    paths = [a for a in argv if not a.startswith("--")]
    out = Path(paths[0] if paths else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from desktop.fonts import load_fonts
    from desktop.main import _app, open_main_window
    from records import services
    from records.workspace import Workspace

    app = _app()
    load_fonts()
    ws = Workspace.open(Path(tempfile.mkdtemp(prefix="daftar-shots-")), create=True)
    from desktop.context import Preferences

    nastaliq = "--naskh" not in argv
    sfx = "" if nastaliq else "-naskh"
    # an office that prefers ۱۲ digits, in Nastaliq (the settings default) or Naskh
    win = open_main_window(ws, prefs=Preferences(urdu_digits=True, nastaliq=nastaliq))
    with ws.session() as s:
        rid = services.create_register(s, actor=win.ctx.actor, template="jamabandi", **HEADER)
        pid = services.add_page(s, ws.images, actor=win.ctx.actor, register_id=rid, data=synth_png(), name="jamabandi-p1.png").page_id
    win.resize(1500, 900)
    win.show()
    win.refresh_registers(select_id=rid)
    wait_until(app, lambda: win.pages.rowCount() == 1)
    win.ocr.enqueue([pid])
    wait_until(app, lambda: not win.ocr.running and not win.ctx.runner.busy, timeout=120)
    win.correction.show_page(pid)
    wait_until(app, lambda: win.correction.model.rowCount() > 0 and not win.ctx.runner.busy)
    win.correction.next_flagged()
    app.processEvents()
    time.sleep(0.2)
    app.processEvents()
    win.grab().save(str(out / f"main-window{sfx}.png"))
    win.correction.grab().save(str(out / f"correction-view{sfx}.png"))
    win.tabs.setCurrentWidget(win.search)
    win.search.box.setText("47")
    win.search.run_search()
    wait_until(app, lambda: not win.ctx.runner.busy)
    win.search.table.viewport().update()
    app.processEvents()
    wait_until(app, lambda: not win.ctx.runner.busy)
    win.grab().save(str(out / f"register-search{sfx}.png"))
    if not sfx:
        _import_shot(app, win, out)
    win.close()
    ws.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
