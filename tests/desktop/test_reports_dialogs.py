"""Report and export dialogs: PDF made in the worker, preview pages, export dialog."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.reports import sampledata

pytestmark = pytest.mark.gui


@pytest.fixture
def sample(workspace):
    return sampledata.build(workspace)


def test_save_fard_pdf_runs_in_worker_and_reports_back(qtbot, workspace, sample, tmp_path):
    from desktop import reports_dialogs as rd

    # GIVEN a register with khewat 47
    out = tmp_path / "fard.pdf"
    # WHEN "Save as PDF" runs with the khewat and file chosen
    job = rd.save_fard_pdf(None, workspace, sample.register_id, khewat="47", path=out, offer_open=False)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    # THEN the PDF is written and the result names it
    assert job.error is None
    assert job.result.path == str(out) and out.read_bytes().startswith(b"%PDF")


def test_failed_report_comes_back_as_one_line(qtbot, workspace, sample, tmp_path):
    from desktop import reports_dialogs as rd

    # GIVEN a khewat that is not in the register
    # WHEN its fard is asked for
    job = rd.save_fard_pdf(None, workspace, sample.register_id, khewat="999", path=tmp_path / "x.pdf",
                           offer_open=False)
    with qtbot.waitSignal(job.failed, timeout=20000) as sig:
        pass
    # THEN the UI thread receives the message and no file was written
    assert "no rows for khewat 999" in sig.args[0]
    assert not (tmp_path / "x.pdf").exists()


def test_preview_renders_pdf_pages_and_prints_them(qtbot, workspace, sample, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from desktop import reports_dialogs as rd
    from desktop.qt import QPageLayout

    # GIVEN a fard PDF made by the preview job
    job = rd.preview_fard(None, workspace, sample.register_id, khewat="47", show=False)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    # WHEN its pages are rendered for the preview and painted onto a (PDF) printer
    pages = rd.render_pdf_pages(job.result.path, dpi=60)
    dlg = rd.pdf_preview_dialog(None, job.result.path)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    rd.paint_pages(printer, pages)
    # THEN the page images are landscape and not blank, the dialog is a preview, the print exists
    assert len(pages) == 1 and pages[0].width() > pages[0].height()
    img = pages[0]
    dark = sum(1 for x in range(0, img.width(), 4) for y in range(0, img.height(), 4)
               if img.pixelColor(x, y).lightness() < 128)
    assert dark > 50
    assert dlg._daftar_printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    dlg.deleteLater()


def test_printing_renders_the_pages_at_print_resolution(qtbot, workspace, sample, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from desktop import reports_dialogs as rd

    # GIVEN a fard's print preview (its pages shown at screen resolution)
    job = rd.preview_fard(None, workspace, sample.register_id, khewat="47", show=False)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    pdf = open(job.result.path, "rb").read()
    preview = rd.render_pdf_pages(pdf)
    # WHEN it is printed (here to a PDF printer at 1200 dpi)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    rd.paint_pages(printer, preview, pdf)
    # THEN the page sent to paper was drawn from a 300 dpi rendering, not the preview's 110
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))
    widths = [obj.get_px_size()[0] for obj in doc[0].get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    doc.close()
    assert widths and max(widths) >= 3000 > preview[0].width() * 2, (widths, preview[0].width())


def test_the_print_preview_opens_large_enough_to_read(qtbot, workspace, sample):
    from desktop import reports_dialogs as rd
    from desktop.qt import QGuiApplication

    # GIVEN a fard made for the preview
    job = rd.preview_fard(None, workspace, sample.register_id, khewat="47", show=False)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    # WHEN the preview opens
    dlg = rd.open_pdf_preview(None, job.result.path)
    avail = QGuiApplication.primaryScreen().availableGeometry()
    # THEN it takes most of the screen (it opened at Qt's small default size)
    assert dlg.width() >= avail.width() * 0.8 and dlg.height() >= avail.height() * 0.8
    dlg.close()


def test_print_to_a_pdf_that_cannot_be_written_says_so_and_where(qtbot, workspace, sample, tmp_path):
    # (found by hand: Print in the preview, Qt's print dialog's 'Output file' left as the folder
    # it offers (or a folder not there, a read-only stick, a PDF open in a reader on Windows):
    # QPainter::begin failed and paint_pages raised AttributeError, 'an unexpected error')
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from desktop import reports_dialogs as rd
    from desktop.qt import QApplication, QMessageBox

    # GIVEN a fard's print preview whose printer is to write a PDF where no file can be made
    job = rd.preview_fard(None, workspace, sample.register_id, khewat="47", show=False)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    dlg = rd.pdf_preview_dialog(None, job.result.path)
    qtbot.addWidget(dlg)
    dlg.show()
    printer = dlg._daftar_printer
    bad = tmp_path / "not-there" / "fard.pdf"
    printer.setOutputFileName(str(bad))
    # WHEN it is printed (what the print dialog's Print does)
    dlg.findChild(QPrintPreviewWidget).print()
    # THEN nothing raises, and a note says the PDF was not written, naming the file
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and str(bad) in boxes[0].text() and "not" in boxes[0].text()
    assert not bad.exists()
    boxes[0].close()


def test_a_fard_printed_on_paper_of_another_shape_is_centred_on_it(qtbot, workspace, sample, tmp_path):
    # (looked at: a fard (A4 landscape) printed on Legal landscape from the preview's Page setup
    # was drawn at the page's left edge, its right sixth blank: where an Urdu page begins)
    import pypdfium2 as pdfium
    from PySide6.QtPrintSupport import QPrinter

    from desktop import reports_dialogs as rd
    from desktop.qt import QPageLayout, QPageSize

    # GIVEN a fard's print preview, its printer set to Legal landscape (a PDF here)
    job = rd.preview_fard(None, workspace, sample.register_id, khewat="47", show=False)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    pdf = open(job.result.path, "rb").read()
    dlg = rd.pdf_preview_dialog(None, job.result.path)
    qtbot.addWidget(dlg)
    printer = dlg._daftar_printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Legal))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setOutputFileName(str(tmp_path / "legal.pdf"))
    # WHEN it is printed
    assert rd.paint_pages(printer, dlg._daftar_pages, pdf)
    # THEN the fard's ink is as far from the paper's left edge as from its right
    doc = pdfium.PdfDocument(str(tmp_path / "legal.pdf"))
    img = doc[0].render(scale=50 / 72).to_pil().convert("L")
    doc.close()
    width, height = img.size
    assert width > height  # (landscape)
    inked = [x for x in range(width) if min(img.getpixel((x, y)) for y in range(0, height, 2)) < 160]
    left, right = inked[0], width - 1 - inked[-1]
    assert abs(left - right) <= width * 0.03, (left, right, width)


def test_page_setup_with_no_printer_installed_sets_the_paper_of_the_pdf_print_makes(qtbot, qtlog, workspace, sample, tmp_path):
    # (bench/monkey.py, r3-r5 of docs/monkey.md: the preview's Page setup with no printer
    # installed logged 'QPageSetupDialog: Cannot be used on non-native printers'; on Windows
    # and macOS Qt's dialog does not open at all for a printer that makes a PDF)
    import pypdfium2 as pdfium
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    from desktop import reports_dialogs as rd
    from desktop.page_setup import PdfPageSetupDialog
    from desktop.qt import (
        QApplication,
        QCoreApplication,
        QLabel,
        QPageLayout,
        QPageSize,
        QTimer,
        QToolBar,
    )

    if QPrinterInfo.availablePrinters():
        pytest.skip("a printer is installed on this computer")
    # GIVEN a fard's print preview on a computer with no printer (Print makes a PDF)
    job = rd.preview_fard(None, workspace, sample.register_id, khewat="47", show=False)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    dlg = rd.pdf_preview_dialog(None, job.result.path)
    qtbot.addWidget(dlg)
    dlg.show()
    printer = dlg._daftar_printer
    assert printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    # WHEN the clerk presses the tool bar's Page setup
    shown = QCoreApplication.translate("QPrintPreviewDialog", "Page setup")
    button = next(a for a in dlg.findChild(QToolBar).actions() if a.text() == shown and a.isVisible())
    opened = []

    def look() -> None:  # (Qt's own dialog runs its own event loop: answered here)
        modal = QApplication.activeModalWidget()
        opened.append(modal)
        if modal is not None and not isinstance(modal, PdfPageSetupDialog):
            modal.reject()

    QTimer.singleShot(300, look)
    button.trigger()
    qtbot.waitUntil(lambda: bool(opened))
    # THEN a page setup for the PDF opens and says why, and Qt warned of nothing
    box = opened[0]
    assert isinstance(box, PdfPageSetupDialog), box
    assert "No printer is set up" in box.findChild(QLabel, "noPrinterNote").text()
    assert not [r.message for r in qtlog.records if "non-native" in r.message]
    # WHEN legal paper, portrait, is chosen
    box.paper.setCurrentIndex(box.paper.findData(QPageSize.PageSizeId.Legal))
    box.portrait.click()
    box.accept()
    # THEN the preview is drawn so, and Print makes a PDF of legal pages, portrait
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Legal
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Portrait
    portrait = QCoreApplication.translate("QPrintPreviewDialog", "Portrait")
    assert next(a for a in dlg.findChildren(type(button)) if a.text() == portrait).isChecked()
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    rd.paint_pages(printer, dlg._daftar_pages)
    doc = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))
    assert [round(v) for v in doc[0].get_size()] == [612, 1008]  # 8.5 x 14 in
    doc.close()


def test_export_dialog_writes_csv_with_raw_columns(qtbot, workspace, sample, tmp_path):
    from desktop import reports_dialogs as rd
    from records.exports.csv_export import read_csv

    # GIVEN the export dialog for the register
    dlg = rd.ExportDialog(None, workspace, sample.register_id, register_name="جمع بندی — کوٹ")
    qtbot.addWidget(dlg)
    # THEN it names the register it exports (or all of them) and offers a file in the documents
    assert [dlg.scope.itemText(i) for i in range(dlg.scope.count())] == ["جمع بندی — کوٹ", "all registers"]
    assert dlg.register_id == sample.register_id
    assert dlg.path.text().endswith(".csv") and "daftar-export-" in dlg.path.text()
    dlg.format.setCurrentIndex(1)
    assert dlg.path.text().endswith(".json")  # the suggestion follows the format
    # WHEN CSV with raw OCR columns is chosen with a file name and OK is pressed
    dlg.format.setCurrentIndex(0)
    dlg.raw.setChecked(True)
    dlg.path.setText(str(tmp_path / "e.csv"))
    dlg.format.setCurrentIndex(0)
    assert dlg.path.text() == str(tmp_path / "e.csv")  # a file chosen is kept
    # ... and the dialog says the office's signature goes beside it, in e.csv.sig (inside a JSON)
    assert dlg.signature_note.text() == ("The office's signature is written beside the file; copy the two together:"
                                         f"\n\u2066{tmp_path / 'e.csv.sig'}\u2069")
    job = dlg.start_export()
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    # THEN the file holds the entries with raw OCR text and the dialog closed
    rows = read_csv(tmp_path / "e.csv")
    assert len(rows) == 4 and rows[0]["share_ocr"] == "38"
    assert dlg.result() == dlg.DialogCode.Accepted
    # AND a note says how many entries went where, with a button that opens the file
    note = dlg.done_note
    assert "4" in note.text() and f"\u2066{tmp_path / 'e.csv'}\u2069" in note.text()
    # ... and where its signature is, which was written and checks
    assert "Its signature is in" in note.text() and f"\u2066{tmp_path / 'e.csv.sig'}\u2069" in note.text()
    assert "beside it: copy the two files together" in note.text()
    from records.exports.detached import verify_export

    assert verify_export(tmp_path / "e.csv").ok
    assert any(b.text() == "Open" for b in note.buttons())
    note.close()


def test_save_dialogs_open_where_files_were_last_saved(qtbot, workspace, sample, tmp_path, monkeypatch):
    from desktop import file_dialogs
    from desktop import reports_dialogs as rd
    from desktop.qt import QStandardPaths

    asked: list[str] = []
    answer = {"path": ""}

    def dialog(parent, title, start, pattern):
        asked.append(start)
        return answer["path"] or None

    monkeypatch.setattr(file_dialogs, "choose_save_file", dialog)
    monkeypatch.chdir(tmp_path)  # where Daftar was started from (its install folder on Windows)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    first = Path(docs) if docs and Path(docs).is_dir() else Path.home()
    # GIVEN a computer on which nothing was saved yet
    # WHEN the clerk saves a fard and cancels the dialog
    assert rd.save_fard_pdf(None, workspace, sample.register_id, khewat="47", offer_open=False) is None
    # THEN the dialog opened in the documents folder, not the folder Daftar was started from
    assert asked[-1] == str(first / "fard-47.pdf")
    # WHEN a fard is saved onto a USB stick
    usb = tmp_path / "usb"
    usb.mkdir()
    answer["path"] = str(usb / "fard-47.pdf")
    job = rd.save_fard_pdf(None, workspace, sample.register_id, khewat="47", offer_open=False)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    # THEN the next save dialog (another report, the export dialog's file) opens there
    answer["path"] = ""
    rd.save_report_pdf(None, workspace, "progress", offer_open=False)
    assert asked[-1] == str(usb / f"progress-{date.today().isoformat()}.pdf")
    dlg = rd.ExportDialog(None, workspace, sample.register_id)
    qtbot.addWidget(dlg)
    assert Path(dlg.path.text()).parent == usb
    # AND once the stick is taken out, the documents folder again
    (usb / "fard-47.pdf").unlink()
    (usb / "fard-47.pdf.sig").unlink()  # (its signature, beside it)
    usb.rmdir()
    rd.save_report_pdf(None, workspace, "progress", offer_open=False)
    assert asked[-1] == str(first / f"progress-{date.today().isoformat()}.pdf")


def test_export_dialog_asks_for_missing_file_and_khewat(qtbot, workspace, sample):
    from desktop import reports_dialogs as rd

    # GIVEN the dialog with the fard format and no file or khewat
    dlg = rd.ExportDialog(None, workspace, sample.register_id)
    qtbot.addWidget(dlg)
    dlg.format.setCurrentIndex(2)
    dlg.path.clear()
    # WHEN OK is pressed THEN nothing starts and the dialog says what is missing
    assert dlg.start_export() is None and "file" in dlg.status.text()
    dlg.path.setText("/tmp/never.pdf")
    assert dlg.start_export() is None and "khewat" in dlg.status.text()
    assert dlg.khewat.isEnabled() and not dlg.raw.isEnabled()
    # AND a fard of all registers is refused with the reason
    dlg.khewat.setText("47")
    dlg.scope.setCurrentIndex(dlg.scope.count() - 1)
    assert dlg.register_id is None
    assert dlg.start_export() is None and "choose the register" in dlg.status.text()


def test_the_progress_report_from_the_menu_covers_the_whole_office(qtbot, ctx, qapp, tmp_path, monkeypatch):
    import datetime

    from desktop import oversight
    from desktop import reports_dialogs as rd
    from desktop.mainwindow import MainWindow
    from desktop.qt import QMessageBox
    from tests.desktop.conftest import wait_idle
    from tests.reports.pdfcheck import extracted_text, loose

    # GIVEN registers of two mauzas (چک نمبر 12 and کوٹ مومن), one of them chosen in the list
    sampledata.build_progress(ctx.ws)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_idle(qtbot, ctx)
    assert win.register_id is not None
    out, asked = tmp_path / "progress.pdf", []
    monkeypatch.setattr(rd, "_ask_path", lambda _p, _t, suggested, _pat: (asked.append(suggested), str(out))[1])
    try:
        # WHEN the supervisor saves the progress report from the Reports menu
        job = oversight.save_progress_report(win)
        qtbot.waitUntil(lambda: job.done, timeout=20000)
        # THEN it covers the whole office, as its title says (it had only the register chosen)
        assert job.error is None
        text = loose(extracted_text(out))
        assert text.splitlines()[0] == "پیش رفت رپورٹ — پورا دفتر"
        assert "کوٹ مومن" in text and "چک نمبر 12" in text
        # AND the file offered is named for the day, not "progress.pdf" saved over each time
        assert asked == [f"progress-{datetime.date.today().isoformat()}.pdf"]
    finally:
        for w in qapp.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.close()
        win.shutdown()


def test_the_handover_sheet_is_offered_under_a_name_of_its_batch_and_day(qtbot, workspace, monkeypatch):
    from desktop import file_dialogs
    from desktop import reports_dialogs as rd

    # GIVEN the save dialog, answered with Cancel
    asked = []
    monkeypatch.setattr(file_dialogs, "choose_save_file", lambda _p, _t, start, _pat: asked.append(start))
    # WHEN the handover sheets of two batches are saved
    rd.save_report_pdf(None, workspace, "handover", batch_id=3, offer_open=False)
    rd.save_report_pdf(None, workspace, "handover", batch_id=4, offer_open=False)
    # THEN each is offered under its own name (it was handover.pdf, so the second went over the
    # first with one click)
    today = date.today().isoformat()
    assert [Path(a).name for a in asked] == [f"handover-batch-3-{today}.pdf", f"handover-batch-4-{today}.pdf"]


def test_a_json_export_from_the_dialog_says_the_key_fingerprint_to_read_out(qtbot, workspace, sample, tmp_path):
    from desktop import reports_dialogs as rd
    from records.exports.json_export import import_json

    # GIVEN the export dialog set to JSON and a file
    dlg = rd.ExportDialog(None, workspace, sample.register_id, register_name="جمع بندی — کوٹ")
    qtbot.addWidget(dlg)
    dlg.format.setCurrentIndex(1)
    dlg.path.setText(str(tmp_path / "e.json"))
    # WHEN it is exported
    job = dlg.start_export()
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert job.error is None
    # THEN the note names the office key's fingerprint, kept left to right, and what to do with it
    note = dlg.done_note
    text = note.text()
    fp = text.split("fingerprint ", 1)[1].split(".")[0].strip("\u2066\u2069")
    assert len(fp.replace(" ", "")) == 32 and "\u2066" + fp + "\u2069" in text
    assert "whoever imports the file" in text
    note.close()
    # AND that fingerprint is the one an import elsewhere checks the file against
    from records.workspace import Workspace

    other = Workspace.open(tmp_path / "other", create=True)
    try:
        signer = import_json(other, tmp_path / "e.json", office_key=fp).signed_by
        assert signer.key_fingerprint == fp and signer.checked_against == "the key given"
    finally:
        other.close()


def test_a_json_export_of_a_restored_workspace_from_the_dialog_says_so_where_it_is_imported(qtbot, workspace, sample,
                                                                                            tmp_path):
    from desktop import reports_dialogs as rd
    from records.backup import create_backup, restore_backup
    from records.exports.json_export import import_json
    from records.workspace import Workspace

    # GIVEN a workspace restored from a backup, and its export dialog set to JSON
    restore_backup(create_backup(workspace, tmp_path / "b.tar").path, tmp_path / "restored")
    restored = Workspace.open(tmp_path / "restored")
    try:
        dlg = rd.ExportDialog(None, restored, sample.register_id, register_name="جمع بندی — کوٹ")
        qtbot.addWidget(dlg)
        dlg.format.setCurrentIndex(1)
        dlg.path.setText(str(tmp_path / "e.json"))
        # WHEN it is exported (in the job process)
        job = dlg.start_export()
        qtbot.waitUntil(lambda: job.done, timeout=20000)
        # THEN it is written as any other, its note naming the key's fingerprint
        assert job.error is None
        assert "fingerprint" in dlg.done_note.text()
        dlg.done_note.close()
    finally:
        restored.close()
    # AND the file carries the restore, and an import elsewhere says the office was restored
    doc = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    assert doc["export_epoch"] == 1 and doc["restored"]["backup_made_at"]
    other = Workspace.open(tmp_path / "other", create=True)
    try:
        warnings = import_json(other, tmp_path / "e.json").warnings
    finally:
        other.close()
    assert len(warnings) == 1 and "says its workspace was restored on" in warnings[0]


def test_a_csv_export_is_written_in_a_process_of_its_own(qtbot, workspace, sample, tmp_path, monkeypatch):
    from desktop import reports_dialogs as rd
    from records.exports import csv_export

    calls = []
    monkeypatch.setattr(csv_export, "export_csv", lambda *a, **kw: calls.append(1))
    dlg = rd.ExportDialog(None, workspace, sample.register_id, register_name="جمع بندی — کوٹ")
    qtbot.addWidget(dlg)
    # WHEN a CSV export is started from the dialog
    dlg.path.setText(str(tmp_path / "e.csv"))
    job = dlg.start_export()
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN the file and its signature are written, and not by the app's process (over 60,000
    # entries its rows were the garbage the UI thread collected, 10-155 ms at a time)
    assert not calls
    assert job.error is None and len(csv_export.read_csv(tmp_path / "e.csv")) == 4
    from records.exports.detached import verify_export

    assert verify_export(tmp_path / "e.csv").ok
    dlg.done_note.close()


def test_a_csv_export_refused_in_its_process_says_why(qtbot, workspace, sample, tmp_path):
    from desktop import reports_dialogs as rd

    dlg = rd.ExportDialog(None, workspace, sample.register_id, register_name="جمع بندی — کوٹ")
    qtbot.addWidget(dlg)
    # WHEN the file chosen is inside the workspace folder (the core refuses it)
    dlg.path.setText(str(workspace.root / "e.csv"))
    job = dlg.start_export()
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    # THEN the refusal comes back as one line naming the file, nothing written
    assert job.error and "e.csv" in job.error and "\n" not in job.error
    assert not (workspace.root / "e.csv").exists()


def test_typing_a_path_from_its_first_slash_is_not_an_error(qtbot, workspace, sample, tmp_path):
    """Seen at 1366x768 in Urdu: clearing the file box and typing /tmp/... raised
    "PosixPath('/') has an empty name" at the first '/' (the signature note followed every
    key) and the app's error box ate the rest of the typing."""
    from desktop import reports_dialogs as rd

    # GIVEN the export dialog for a CSV
    dlg = rd.ExportDialog(None, workspace, sample.register_id)
    qtbot.addWidget(dlg)
    dlg.format.setCurrentIndex(0)
    # WHEN the box is cleared and a path typed key by key, and a folder is left in it
    dlg.path.clear()
    for part in ("/", "/t", str(tmp_path) + "/", str(tmp_path / "e.csv")):
        dlg.path.setText(part)  # THEN no exception (pytest-qt fails the test on one)
    assert dlg.signature_note.text().endswith(f"\u2066{tmp_path / 'e.csv.sig'}\u2069")
    # AND OK with only a folder says to write a file name, writing nothing
    before = sorted(tmp_path.iterdir())
    for folder in ("/", str(tmp_path) + "/", str(tmp_path)):
        dlg.path.setText(folder)
        assert dlg.start_export() is None
        assert "file name" in dlg.status.text() and str(tmp_path) not in dlg.signature_note.text()
    assert sorted(tmp_path.iterdir()) == before


def test_a_report_that_ends_while_the_window_is_locked_waits_for_the_unlock(qtbot, workspace, sample, tmp_path):
    """Seen under Xvfb: Reports › progress report, then Account › Lock the window: the
    "Report saved" note (with its Open button) opened over the lock; after a sign-out it
    opened over the next user's sign-in. A fard's preview would have shown an owner's record."""
    from desktop import reports_dialogs as rd
    from desktop.qt import QApplication, QMessageBox, QWidget

    def notes() -> list:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    def made() -> rd.JobResult:
        out = tmp_path / "r.pdf"
        out.write_bytes(b"%PDF")
        return rd.JobResult(str(out), "Report saved")

    # GIVEN a window that asked for a report, hidden by the lock before the report ended
    win = QWidget()
    qtbot.addWidget(win)
    win.show()
    job = rd.start_noted(win, made)
    win.hide()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    qtbot.wait(100)
    # THEN no note opens while it is locked
    assert notes() == []
    # WHEN it is unlocked THEN the note opens
    win.show()
    qtbot.waitUntil(lambda: len(notes()) == 1, timeout=5000)
    for n in notes():
        n.close()
    # AND one that ends after its user signed out (window hidden, then gone) never opens
    win2 = QWidget()
    win2.show()
    qtbot.waitExposed(win2)
    job2 = rd.start_noted(win2, made)
    win2.hide()
    qtbot.waitUntil(lambda: job2.done, timeout=10000)
    win2.deleteLater()
    qtbot.wait(200)
    assert notes() == []


def test_a_previewed_fard_leaves_nothing_in_memory_once_its_preview_is_open(qtbot, workspace, sample, monkeypatch):
    from desktop import ramdir
    from desktop import reports_dialogs as rd

    made, shown = [], []
    real_dir, real_preview = ramdir.ram_temp_dir, rd.open_pdf_preview
    monkeypatch.setattr(ramdir, "ram_temp_dir", lambda prefix="daftar-": made.append(real_dir(prefix)) or made[-1])

    def preview(parent, pdf):
        shown.append((pdf, Path(pdf).is_file()))
        shown.append(real_preview(parent, pdf))
        return shown[-1]

    monkeypatch.setattr(rd, "open_pdf_preview", preview)

    # GIVEN a fard made for the print preview (its PDF in a private folder in memory)
    job = rd.preview_fard(None, workspace, sample.register_id, khewat="47")
    qtbot.waitUntil(lambda: job.done and len(shown) == 2, timeout=20000)

    # THEN the preview read the PDF, and then its folder was removed (it stayed until Daftar ended):
    # the preview holds the PDF's bytes for printing
    (folder,) = made
    assert shown[0] == (str(folder / "fard.pdf"), True)
    assert not folder.exists()
    shown[1].close()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_open_on_a_computer_with_no_program_for_the_file_says_so_and_where_it_is(qtbot, qapp, tmp_path, monkeypatch,
                                                                                  lang):
    from desktop import reports_dialogs as rd
    from desktop.i18n import apply_language
    from desktop.qt import QApplication, QMessageBox, QWidget

    # GIVEN a report written, its note with the Open button, on a computer where no program
    # opens a PDF (an office PC without a PDF reader; Qt: "Unable to detect a launcher")
    out = tmp_path / "progress.pdf"
    out.write_bytes(b"%PDF-1.4\n")
    asked = []

    class NoLauncher:
        @staticmethod
        def openUrl(url) -> bool:  # noqa: N802 - Qt's name
            asked.append(url.toLocalFile())
            return False

    monkeypatch.setattr(rd, "QDesktopServices", NoLauncher)
    win = QWidget()
    qtbot.addWidget(win)
    win.show()
    apply_language(qapp, lang)
    try:
        note = rd._done_note(win, rd.JobResult(str(out), "Report saved"))
        open_btn = next(b for b in note.buttons() if note.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        # WHEN Open is pressed
        open_btn.click()
        # THEN the file was asked to open, and a box says nothing here opens it, and where it is
        assert asked == [str(out)]
        qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() and str(out) in w.text()
                                    for w in QApplication.topLevelWidgets()), timeout=3000)
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible() and str(out) in w.text())
        assert f"\u2066{out}\u2069" in box.text()  # (the path kept left to right)
        said = box.text().replace(f"\u2066{out}\u2069", "")
        if lang == "en":
            assert "No program on this computer opens this file" in said
        else:  # in Urdu words, no English left around the path
            assert not any("a" <= c.lower() <= "z" for c in said), said
        box.done(0)
        qtbot.wait(50)
    finally:
        apply_language(qapp, "en")


def test_export_dialog_names_the_file_after_the_register_it_exports(qtbot, workspace, sample):
    import datetime
    from pathlib import Path

    from desktop import reports_dialogs as rd

    # GIVEN the export dialog on a register whose title holds a dash, a slash and bidi marks
    title = "\u2066جمع بندی — کوٹ/ڈھڈیال 2019-20\u2069"
    dlg = rd.ExportDialog(None, workspace, sample.register_id, register_name=title)
    qtbot.addWidget(dlg)
    today = datetime.date.today().isoformat()
    # WHEN the whole register is to go out as a PDF
    dlg.format.setCurrentIndex(dlg.format.findData("register"))
    # THEN the file offered is named after that register and the day, in characters every
    # system takes (it was register-DATE.pdf for every register: a second one wrote over it)
    assert Path(dlg.path.text()).name == f"register-جمع-بندی-کوٹ-ڈھڈیال-2019-20-{today}.pdf"
    # ... a CSV of it too; and of every register, the general name as before
    dlg.format.setCurrentIndex(dlg.format.findData("csv"))
    assert Path(dlg.path.text()).name == f"daftar-export-جمع-بندی-کوٹ-ڈھڈیال-2019-20-{today}.csv"
    dlg.scope.setCurrentIndex(dlg.scope.findData(None))
    assert Path(dlg.path.text()).name == f"daftar-export-{today}.csv"
    # AND no title makes a name a system refuses
    assert rd.file_name_part('a<b>c:"d|e?*') == "a-b-c-d-e"
    assert rd.file_name_part("") == "register" and len(rd.file_name_part("ب" * 90)) == 60
