"""Capture: importing files and folders (multi-page TIFF, PDF), duplicates, bad files; wizard."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from records import services
from tests.desktop.conftest import wait_idle
from tests.desktop.images import png_bytes

pytestmark = pytest.mark.gui


def _register(ctx):
    with ctx.ws.session() as s:
        return services.create_register(s, actor=ctx.actor, template="jamabandi", district="لاہور",
                                        tehsil="رائیونڈ", mauza="کوٹ", hadbast_no="42", year="2019-20")


def _tiff(path, n):
    frames = [Image.new("L", (100, 140), 255 - 40 * i) for i in range(n)]
    frames[0].save(path, save_all=True, append_images=frames[1:])


def _pdf(path, n):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(200, 280))
    for i in range(n):
        c.drawString(20, 200, f"page {i + 1}")
        c.showPage()
    c.save()


def _import(qtbot, ctx, dlg, paths):
    dlg.add_paths(paths)
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) > 0, timeout=10000)
    dlg.do_import()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    wait_idle(qtbot, ctx)


def test_import_folder_with_tiff_pdf_duplicate_and_bad_files(qtbot, ctx, tmp_path):
    # GIVEN a folder with a PNG, a 3-page TIFF, a 2-page PDF, a copy of the PNG,
    #       a damaged PNG and a text file pretending to be a JPEG
    from desktop.capture.import_dialog import ImportDialog

    rid = _register(ctx)
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "01-page.png").write_bytes(png_bytes(seed=1))
    _tiff(folder / "02-pages.tif", 3)
    _pdf(folder / "03-pages.pdf", 2)
    (folder / "04-copy.png").write_bytes(png_bytes(seed=1))
    (folder / "05-broken.png").write_bytes(png_bytes(seed=2)[:60])
    (folder / "06-notes.jpg").write_text("not an image")
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    # WHEN the clerk imports the folder
    _import(qtbot, ctx, dlg, [folder])
    # THEN six pages are numbered 1..6 in file order, the copy is skipped with a message,
    #      both bad files are named with what to do, and the good pages are stored
    report = dlg.report
    assert [no for _n, no, _p in report.added] == [1, 2, 3, 4, 5, 6]
    assert report.added[1][0] == "02-pages.tif [1]" and report.added[5][0] == "03-pages.pdf [2]"
    assert len(report.duplicates) == 1 and report.duplicates[0][0] == "04-copy.png"
    text = dlg.message.text()
    assert "Imported 6 page(s)" in text
    assert "04-copy.png" in text and "already page 1" in text
    assert "05-broken.png" in text and "06-notes.jpg" in text and "scan the page again" in text
    with ctx.ws.session() as s:
        pages = services.list_pages(s, rid)
    assert [p.page_no for p in pages] == [1, 2, 3, 4, 5, 6]
    assert pages[3].width > 0 and ctx.ws.images.has(pages[3].image_sha256)


def test_bad_file_alone_shows_message_and_imports_nothing(qtbot, ctx, tmp_path):
    # GIVEN only a file that is not an image
    from desktop.capture.import_dialog import ImportDialog

    rid = _register(ctx)
    bad = tmp_path / "page.png"
    bad.write_text("hello")
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    # WHEN it is added
    dlg.add_paths([bad])
    qtbot.waitUntil(lambda: dlg._loading == 0 and bool(dlg.items), timeout=10000)
    # THEN it is listed in red with the reason and Import stays disabled
    assert "page.png" in dlg.list.item(0).text() and "not an image" in dlg.list.item(0).text()
    assert "cannot be read" in dlg.message.text()
    assert dlg.message.text().startswith("No new pages to import.")  # (not '0 page(s) ready')
    assert not dlg.import_button.isEnabled()


def test_drop_files_on_main_window_opens_import(qtbot, ctx, tmp_path):
    # GIVEN the main window on a register and an image file
    from desktop.mainwindow import MainWindow
    from desktop.qt import QDropEvent, QMimeData, QPoint, QPointF, Qt, QUrl

    _register(ctx)
    f = tmp_path / "a.png"
    f.write_bytes(png_bytes(seed=7))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_idle(qtbot, ctx)
    # WHEN the file is dropped on the window
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    ev = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    win.dropEvent(ev)
    # THEN the import dialog lists it, ready to import
    dlg = win.import_dialog
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) == 1, timeout=10000)
    assert dlg.import_button.isEnabled()
    dlg.close()
    win.shutdown()


def test_the_heading_page_names_problems_of_what_was_typed_in_the_interface_language(qtbot, ctx, qapp):
    # GIVEN the Urdu interface and the wizard's heading page, nothing typed yet
    from desktop import i18n
    from desktop.capture.wizard import NewRegisterWizard

    i18n.apply_language(qapp, "ur")
    try:
        wiz = NewRegisterWizard(ctx)
        qtbot.addWidget(wiz)
        wiz.show()
        wiz.next()
        page = wiz.header_page
        # THEN it cannot finish yet, but shows no "is required" before a key is pressed
        assert not page.isComplete() and page.problem.text() == ""
        # WHEN a malformed year is typed
        page.year.setText("2019/20")
        page.isComplete()
        # THEN that problem shows, in Urdu, and not the empty fields not reached yet
        shown = page.problem.text()
        assert shown and "Page header" not in shown and "سال" in shown
        assert "ضلع" not in shown
        # WHEN the district is typed, then cleared
        page.district.setText("لاہور")
        page.district.setText("")
        page.isComplete()
        # THEN it is named as required
        assert "ضلع" in page.problem.text()
    finally:
        i18n.apply_language(qapp, "en")


def test_new_register_wizard_creates_register(qtbot, ctx):
    # GIVEN the wizard on the heading page for a girdawari register
    from desktop.capture.wizard import NewRegisterWizard

    wiz = NewRegisterWizard(ctx)
    qtbot.addWidget(wiz)
    created = []
    wiz.created.connect(created.append)
    wiz.kind_page.kind.setCurrentIndex(wiz.kind_page.kind.findData("girdawari"))
    wiz.show()
    wiz.next()
    page = wiz.header_page
    # WHEN the year is malformed, THEN the page is incomplete and says why
    for w, text in ((page.district, "لاہور"), (page.tehsil, "رائیونڈ"), (page.mauza, "کوٹ"),
                    (page.hadbast, "۴۲"), (page.year, "2019/20")):
        w.setText(text)
    assert not page.isComplete() and "Year" in page.problem.text()
    # WHEN it is corrected and the wizard finished
    page.year.setText("2019-20")
    assert page.isComplete()
    wiz.accept()
    wait_idle(qtbot, ctx)
    # THEN the register exists with its heading (harvest from the template's extra field)
    assert len(created) == 1
    with ctx.ws.session() as s:
        reg = services.get_register(s, created[0])
    assert (reg.template_id, reg.mauza, reg.hadbast_no, reg.year) == ("girdawari", "کوٹ", "42", "2019-20")
    assert reg.header.get("harvest")


def test_a_broken_pdf_is_named_once_with_what_to_do(tmp_path):
    # GIVEN a file that starts like a PDF but is not one
    from desktop.capture.loading import load_file

    bad = tmp_path / "page-07.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    # WHEN the import dialog loads it
    (item,) = load_file(bad)
    # THEN the reason names the file once, by its name, and says what to do
    assert item.data is None and item.error.startswith("page-07.pdf: not a readable PDF")
    assert str(tmp_path) not in item.error and item.error.count("page-07.pdf") == 1
    assert "export the page again" in item.error


def test_an_image_that_cannot_be_read_is_not_called_damaged(tmp_path, monkeypatch):
    # GIVEN a scanned page Daftar may not read (no permission; tests may run as root, so the
    # OS's refusal is what reading it raises) beside a truly damaged one
    import errno
    from pathlib import Path

    from desktop.capture.loading import load_file

    locked = tmp_path / "page-03.png"
    locked.write_bytes(png_bytes())
    broken = tmp_path / "page-04.png"
    broken.write_bytes(png_bytes()[:60])
    plain = Path.read_bytes

    def refused(self):
        if self.name == "page-03.png":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return plain(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    # WHEN the import dialog loads them
    (item,) = load_file(locked)
    (damaged,) = load_file(broken)
    # THEN the unreadable one says it cannot be read and what to check, not that it is damaged
    # (scanning the page again would not help)
    assert item.data is None and item.error.startswith("page-03.png: cannot be read (")
    assert "damaged" not in item.error and "scan the page again" not in item.error
    assert "may read it" in item.error
    # AND a damaged file is still called damaged
    assert "damaged" in damaged.error and "scan the page again" in damaged.error


def test_a_long_pdf_is_listed_page_by_page_as_it_is_read(qtbot, ctx, tmp_path, monkeypatch):
    from desktop.capture import import_dialog, loading
    from desktop.capture.import_dialog import ImportDialog

    # GIVEN a 6-page PDF, and a reader that holds on after its third page (a long file)
    _pdf(tmp_path / "register.pdf", 6)
    import threading

    gate = threading.Event()
    plain = loading.iter_file

    def slow(path):
        for i, item in enumerate(plain(path)):
            if i == 3:
                gate.wait(10)
            yield item

    monkeypatch.setattr(loading, "iter_file", slow)
    rid = _register(ctx)
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    # WHEN the clerk adds it
    dlg.add_paths([tmp_path / "register.pdf"])
    # THEN the pages read so far are listed while the rest is read, and the dialog says so
    # (a 30-page PDF showed nothing but 'Reading 1 file(s)…' for 9 s)
    qtbot.waitUntil(lambda: len(dlg.items) == 3, timeout=10000)
    assert dlg._loading == 1 and "Reading… 3 page(s) so far" in dlg.message.text()
    assert not dlg.import_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: dlg._loading == 0, timeout=10000)
    assert [it.name for it in dlg.items] == [f"register.pdf [{i}]" for i in range(1, 7)]
    assert "6 page(s) ready to import" in dlg.message.text() and dlg.import_button.isEnabled()
    assert import_dialog.load_files is loading.load_files


def test_the_import_dialogs_open_where_pages_were_last_imported_from(qtbot, ctx, tmp_path, monkeypatch):
    from desktop import file_dialogs
    from desktop.capture.import_dialog import ImportDialog

    rid = _register(ctx)
    scans = tmp_path / "scanner-output"
    scans.mkdir()
    (scans / "p1.png").write_bytes(png_bytes(seed=3))
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "p2.png").write_bytes(png_bytes(seed=4))
    asked = []
    files = iter([[str(scans / "p1.png")], [], []])  # the second and third time: cancelled
    monkeypatch.setattr(file_dialogs, "choose_open_files",
                        lambda parent, title, start, pattern: asked.append(start) or next(files))
    monkeypatch.setattr(file_dialogs, "choose_folder", lambda parent, title, start: asked.append(start) or str(usb))
    monkeypatch.chdir(tmp_path)  # where Daftar was started from (its install folder on Windows)
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    # GIVEN a computer that never imported pages
    # WHEN the clerk adds files THEN the dialog opens in the pictures or documents folder or
    # home, never the folder Daftar was started from
    first = file_dialogs.import_folder()
    dlg.add_files_dialog()
    assert asked[0] == str(first) and first != tmp_path
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) == 1, timeout=10000)
    # WHEN files were chosen from the scanner's folder THEN the next dialog opens there
    dlg.add_folder_dialog()
    assert asked[1] == str(scans)
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) == 2, timeout=10000)
    # WHEN a folder (the USB stick) was chosen THEN the next dialog opens in it (and a
    # cancelled one changes nothing)
    dlg.add_files_dialog()
    assert asked[2] == str(usb)
    # AND once the stick is gone, the dialog falls back to where it first opened
    (usb / "p2.png").unlink()
    usb.rmdir()
    dlg.add_files_dialog()
    assert asked[3] == asked[0]



def _png_header(w: int, h: int) -> bytes:
    """The start of a PNG of w x h pixels (its size is all a reader sees before decoding)."""
    import struct
    import zlib

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IEND", b""))


def test_a_huge_image_is_listed_as_too_large_and_the_other_files_still_import(qtbot, ctx, qapp, tmp_path):
    # GIVEN a folder with a page, a 300-megapixel PNG (Pillow's 'decompression bomb'), a
    #       110-megapixel PNG and another page
    from desktop import i18n
    from desktop.capture.import_dialog import ImportDialog

    rid = _register(ctx)
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "01-page.png").write_bytes(png_bytes(seed=1))
    (folder / "02-huge.png").write_bytes(_png_header(20000, 15000))
    (folder / "03-big.png").write_bytes(_png_header(11000, 10000))
    (folder / "04-page.png").write_bytes(png_bytes(seed=4))
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    # WHEN the clerk adds the folder
    dlg.add_paths([folder])
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) == 4, timeout=10000)
    # THEN every file is listed: the two big ones in red, each named with its size and what
    #      to do (no 'decompression bomb DOS attack'), and the import is offered
    huge, big = dlg.items[1], dlg.items[2]
    assert huge.data is None and huge.error.startswith("02-huge.png: ")
    assert "300 megapixels" in huge.error and "300 dpi" in huge.error and "bomb" not in huge.error
    assert big.data is None and "11000 x 10000" in big.error and "110 megapixels" in big.error
    assert dlg.list.item(1).foreground().color().name() == "#aa0000"
    assert "2 page(s) ready to import" in dlg.message.text() and dlg.import_button.isEnabled()
    # AND in Urdu the reason is Urdu but for the file's name and the numbers
    i18n.apply_language(qapp, "ur")
    try:
        shown = i18n.message(huge.error)
        assert "میگا پکسل" in shown and "02-huge.png" in shown
        assert not re.findall(r"[A-Za-z]{2,}", shown.replace("02-huge.png", ""))
    finally:
        i18n.apply_language(qapp, "en")
    # WHEN he imports
    dlg.do_import()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    # THEN the two pages are stored and the big files are named as not imported
    assert [name for name, _no, _pid in dlg.report.added] == ["01-page.png", "04-page.png"]
    assert "02-huge.png" in dlg.message.text() and "03-big.png" in dlg.message.text()


def test_a_600_dpi_a3_scan_still_imports(tmp_path):
    # GIVEN a 600 dpi A3 scan: 7016 x 9921 pixels, about 70 megapixels
    from desktop.capture.loading import load_file

    path = tmp_path / "a3-600dpi.png"
    Image.new("1", (7016, 9921), 1).save(path)
    # WHEN the import dialog reads it
    (item,) = load_file(path)
    # THEN it is a page to import
    assert item.error is None and (item.width, item.height) == (7016, 9921) and item.data


def test_a_600_dpi_a3_colour_scan_is_previewed(qtbot, ctx, tmp_path):
    # GIVEN a 600 dpi A3 colour scan (70 megapixels: 280 MB as a picture on screen, more
    #       than Qt's image reader takes) and a PDF page
    from desktop.capture.import_dialog import ImportDialog

    Image.new("RGB", (7016, 9921), (250, 248, 240)).save(tmp_path / "a3.jpg", quality=80)
    _pdf(tmp_path / "b.pdf", 1)
    dlg = ImportDialog(ctx, _register(ctx))
    qtbot.addWidget(dlg)
    dlg.resize(900, 600)
    # WHEN the clerk adds them and looks at each
    dlg.add_paths([tmp_path / "a3.jpg", tmp_path / "b.pdf"])
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) == 2, timeout=20000)
    for row in (1, 0):
        dlg.list.setCurrentRow(row)
        # THEN its picture is shown, in its proportions
        pix = dlg.preview.pixmap()
        assert pix is not None and not pix.isNull()
        it = dlg.items[row]
        assert abs(pix.width() / pix.height() - it.width / it.height) < 0.02
    assert dlg.items[0].error is None and (dlg.items[0].width, dlg.items[0].height) == (7016, 9921)


def _shown_numbers(dlg) -> list[int | None]:
    """The page number each line of the import list shows (None: a file that takes none)."""
    out = []
    for i in range(dlg.list.count()):
        m = re.match(r"(\d+)\. ", dlg.list.item(i).text())
        out.append(int(m.group(1)) if m else None)
    return out


def _register_with_pages(ctx, n: int) -> int:
    rid = _register(ctx)
    with ctx.ws.session() as s:
        for i in range(n):
            services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=png_bytes(seed=20 + i),
                              name=f"old{i}.png")
    return rid


def _add_and_wait(qtbot, ctx, dlg, folder, n: int) -> None:
    dlg.add_paths([folder])
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) == n, timeout=10000)
    wait_idle(qtbot, ctx)


def _import_and_wait(qtbot, ctx, dlg) -> None:
    dlg.report = None
    dlg.do_import()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    wait_idle(qtbot, ctx)


def test_pages_are_listed_with_the_numbers_they_will_get(qtbot, ctx, tmp_path):
    # GIVEN a register holding 4 pages, and a folder with a damaged file, two new pages, a
    #       copy of the register's page 2, the same new page twice and another new page
    from desktop.capture.import_dialog import ImportDialog

    rid = _register_with_pages(ctx, 4)
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "01-broken.png").write_bytes(png_bytes(seed=2)[:60])
    (folder / "02.png").write_bytes(png_bytes(seed=1))
    (folder / "03.png").write_bytes(png_bytes(seed=2))
    (folder / "04-copy.png").write_bytes(png_bytes(seed=21))
    (folder / "05.png").write_bytes(png_bytes(seed=3))
    (folder / "06-again.png").write_bytes(png_bytes(seed=3))
    (folder / "07.png").write_bytes(png_bytes(seed=4))
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    # WHEN the clerk adds the folder
    _add_and_wait(qtbot, ctx, dlg, folder, 7)
    # THEN the new pages are numbered after the register's last page; the damaged file and
    #      the copies take no number, and say why
    assert _shown_numbers(dlg) == [None, 5, 6, None, 7, None, 8]
    assert "already page 2" in dlg.list.item(3).text() and "05.png" in dlg.list.item(5).text()
    # (the file's name and size in an isolate of their own: in Urdu '1. 01-scan.png (2481×1754)'
    # was drawn as 'scan.png (2481×1754)-01 .1')
    assert dlg.list.item(1).text() == "5. \u206802.png  (120×160)\u2069"
    assert "4 page(s) ready to import as pages 5–8" in dlg.message.text()
    # WHEN he imports
    _import_and_wait(qtbot, ctx, dlg)
    # THEN each page gets the number it was shown with
    assert [(name, no) for name, no, _pid in dlg.report.added] == [
        ("02.png", 5), ("03.png", 6), ("05.png", 7), ("07.png", 8)]
    assert "as pages 5–8" in dlg.message.text()


def test_after_an_import_the_dialog_takes_the_next_batch(qtbot, ctx, tmp_path):
    # GIVEN the import dialog of a register of 4 pages, after two pages were imported
    from desktop.capture.import_dialog import ImportDialog

    rid = _register_with_pages(ctx, 4)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "01.png").write_bytes(png_bytes(seed=1))
    (first / "02.png").write_bytes(png_bytes(seed=2))
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    _add_and_wait(qtbot, ctx, dlg, first, 2)
    _import_and_wait(qtbot, ctx, dlg)
    assert [no for _name, no, _pid in dlg.report.added] == [5, 6]
    # THEN the batch imported leaves the list, its report stays in sight
    assert dlg.list.count() == 0 and not dlg.items and not dlg.import_button.isEnabled()
    assert "Imported 2 page(s)" in dlg.message.text()
    # WHEN he adds a second folder, one of its files imported just now
    (second / "a.png").write_bytes(png_bytes(seed=5))
    (second / "b.png").write_bytes(png_bytes(seed=1))
    (second / "c.png").write_bytes(png_bytes(seed=6))
    _add_and_wait(qtbot, ctx, dlg, second, 3)
    # THEN its new pages follow the register's new last page, the one imported before is
    #      named as such, and Import is offered (it stayed disabled after the first import)
    assert _shown_numbers(dlg) == [7, None, 8]
    assert "already page 5" in dlg.list.item(1).text()
    assert "2 page(s) ready to import as pages 7–8" in dlg.message.text()
    assert dlg.import_button.isEnabled()
    # WHEN he imports again THEN they get those numbers
    _import_and_wait(qtbot, ctx, dlg)
    assert [(name, no) for name, no, _pid in dlg.report.added] == [("a.png", 7), ("c.png", 8)]
    with ctx.ws.session() as s:
        assert [p.page_no for p in services.list_pages(s, rid)] == list(range(1, 9))


def test_a_copy_of_a_page_of_another_register_is_named_by_that_register(qtbot, ctx, qapp, tmp_path):
    # GIVEN a page of the register of mauza آڈٹ پور 2024-25, and the same image imported into
    #       another register
    from desktop import i18n
    from desktop.capture.import_dialog import ImportDialog, report_text
    from desktop.models.registers import register_title

    with ctx.ws.session() as s:
        other = services.create_register(s, actor=ctx.actor, template="jamabandi", district="لاہور",
                                         tehsil="رائیونڈ", mauza="آڈٹ پور", hadbast_no="7", year="2024-25")
        for i in range(4):
            services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=other,
                              data=png_bytes(seed=30 + i), name=f"p{i}.png")
        other_view = services.get_register(s, other)
    (tmp_path / "copy.png").write_bytes(png_bytes(seed=33))
    dlg = ImportDialog(ctx, _register(ctx))
    qtbot.addWidget(dlg)
    # WHEN the clerk imports it
    _add_and_wait(qtbot, ctx, dlg, tmp_path / "copy.png", 1)
    listed = dlg.list.item(0).text()
    _import_and_wait(qtbot, ctx, dlg)
    # THEN the list and the report name the register holding it as the register list does
    #      (mauza, year left to right, volume), not by its database id ('register 7')
    title = register_title(other_view)
    assert "\u20662024-25\u2069" in title
    assert f"already page 4 of {title}" in listed
    assert f"Skipped copy.png: the same image is already page 4 of {title}." in dlg.message.text()
    assert f"register {other}" not in dlg.message.text()
    # AND in Urdu too
    i18n.apply_language(qapp, "ur")
    try:
        urdu = ImportDialog(ctx, other)
        qtbot.addWidget(urdu)
        shown = report_text(dlg.report, urdu.tr)
        wait_idle(qtbot, ctx)
    finally:
        i18n.apply_language(qapp, "en")
    title_ur = title.replace("vol", "جلد")
    assert f"{title_ur} کا صفحہ \u20664\u2069" in shown and f"رجسٹر {other}" not in shown
    # (the line starts with an Urdu word: one starting with the file's name was laid out left
    # to right, the name at the left end of an Urdu sentence)
    (line,) = [x for x in shown.splitlines() if "copy.png" in x]
    assert re.match("[\u0600-\u06ff]", line)


def _slow_folder(tmp_path, monkeypatch, n: int = 60, delay: float = 0.05):
    """A folder of `n` pages whose files each take `delay` s to read (a big folder of scans);
    returns the folder and the list of files read so far."""
    import time

    from desktop.capture import loading

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:03d}.png").write_bytes(png_bytes(seed=i))
    read: list[str] = []
    plain = loading.iter_file

    def slow(path):
        time.sleep(delay)
        read.append(str(path))
        yield from plain(path)

    monkeypatch.setattr(loading, "iter_file", slow)
    return folder, read


def test_closing_the_import_dialog_stops_reading_the_folder_and_removes_the_dialog(qtbot, ctx, tmp_path, monkeypatch):
    import shiboken6

    from desktop.capture.import_dialog import ImportDialog
    from desktop.qt import QWidget

    # GIVEN the import dialog of a window reading a folder of 60 scans
    folder, read = _slow_folder(tmp_path, monkeypatch)
    window = QWidget()
    qtbot.addWidget(window)
    dlg = ImportDialog(ctx, _register(ctx), window)
    dlg.open()
    dlg.add_paths([folder])
    qtbot.waitUntil(lambda: len(dlg.items) >= 2, timeout=10000)
    # WHEN the clerk closes it before the folder is read
    dlg.reject()
    wait_idle(qtbot, ctx, timeout=20000)
    # THEN the reading stops at once (it went on to the last file, keeping a reading thread
    #      busy, and quitting or signing out waited for it), the pages read come back to
    #      nobody (no error from the closed dialog), and the dialog with its pages is gone
    #      (each Import pages… left one behind, holding the images it had listed)
    assert len(read) < 20
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=5000)


def test_closing_the_window_does_not_wait_for_a_folder_being_read(qtbot, ctx, tmp_path, monkeypatch):
    import time

    from desktop.capture.import_dialog import ImportDialog

    # GIVEN the import dialog reading a folder of 60 scans
    folder, read = _slow_folder(tmp_path, monkeypatch)
    dlg = ImportDialog(ctx, _register(ctx))
    qtbot.addWidget(dlg)
    dlg.add_paths([folder])
    qtbot.waitUntil(lambda: len(dlg.items) >= 2, timeout=10000)
    # WHEN the window shuts its background work down (quit, sign out, a change of language)
    t = time.monotonic()
    ctx.close()
    # THEN that does not wait for the rest of the folder (3 s here; minutes for a big one)
    assert len(read) < 20 and time.monotonic() - t < 2


def test_an_import_closed_before_it_ends_still_reaches_the_window(qtbot, ctx, tmp_path):
    import shiboken6

    from desktop.capture.import_dialog import ImportDialog
    from desktop.qt import QWidget

    # GIVEN a window's import dialog with three pages listed, importing
    window = QWidget()
    qtbot.addWidget(window)
    rid = _register(ctx)
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.png").write_bytes(png_bytes(seed=i))
    dlg = ImportDialog(ctx, rid, window)
    dlg.open()
    _add_and_wait(qtbot, ctx, dlg, folder, 3)
    reports = []
    dlg.imported.connect(lambda report, ocr: reports.append((len(report.added), ocr)))
    dlg.do_import()
    # WHEN the clerk closes it at once
    dlg.reject()
    wait_idle(qtbot, ctx)
    # THEN the pages are imported, the window hears of it (it reads them with OCR), and
    #      only then does the dialog go away
    assert reports == [(3, True)]
    with ctx.ws.session() as s:
        assert len(services.list_pages(s, rid)) == 3
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=5000)


def test_closing_the_import_dialog_while_its_scanner_is_sought_is_no_error(qtbot, ctx):
    import threading

    import shiboken6

    from desktop.capture.import_dialog import ImportDialog
    from desktop.qt import QWidget
    from desktop.scanner import ScanDevice

    # GIVEN a scanner that takes its time to answer (SANE can take seconds)
    answer = threading.Event()

    class SlowScanner:
        def is_available(self) -> bool:
            return True

        def unavailable_reason(self) -> str:
            return ""

        def list_devices(self):
            answer.wait(10)
            return [ScanDevice("test:0", "a test scanner")]

    window = QWidget()
    qtbot.addWidget(window)
    dlg = ImportDialog(ctx, _register(ctx), window, scanner=SlowScanner())
    dlg.open()
    dlg.scan_dialog()
    # WHEN the clerk gives up on it and closes the import dialog before the scanner answers
    dlg.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=5000)
    answer.set()
    wait_idle(qtbot, ctx)
    # THEN the late answer is dropped without an error (pytest-qt fails the test on one)


def test_the_import_list_holds_no_page_images_only_small_previews(qtbot, ctx, tmp_path):
    # GIVEN a folder with a scan of 1.6 MB, a 3-page TIFF and a 2-page PDF
    import dataclasses

    import numpy as np

    from desktop.capture.import_dialog import ImportDialog

    folder = tmp_path / "register"
    folder.mkdir()
    noise = np.random.default_rng(1).integers(0, 256, (1000, 1600), dtype=np.uint8)
    Image.fromarray(noise).save(folder / "01-scan.png")
    _tiff(folder / "02-pages.tif", 3)
    _pdf(folder / "03-pages.pdf", 2)
    dlg = ImportDialog(ctx, _register(ctx))
    qtbot.addWidget(dlg)
    # WHEN the clerk adds it
    _add_and_wait(qtbot, ctx, dlg, folder, 6)
    # THEN the list keeps what it shows and what the import needs, but no page's image (a
    #      folder of 1,000 scans held 2-5 GB until Import was pressed): only a small preview
    held = {it.name: [f.name for f in dataclasses.fields(it)
                      if isinstance(getattr(it, f.name), bytes) and f.name != "preview"] for it in dlg.items}
    assert held == {it.name: [] for it in dlg.items}
    assert all(it.data is None and it.sha256 and it.preview for it in dlg.items)
    assert len(dlg.items[0].preview) < 400_000 < (folder / "01-scan.png").stat().st_size
    dlg.list.setCurrentRow(0)
    assert not dlg.preview.pixmap().isNull()
    # AND they import as before, read again from their files
    _import_and_wait(qtbot, ctx, dlg)
    assert [(name, no) for name, no, _pid in dlg.report.added] == [
        ("01-scan.png", 1), ("02-pages.tif [1]", 2), ("02-pages.tif [2]", 3), ("02-pages.tif [3]", 4),
        ("03-pages.pdf [1]", 5), ("03-pages.pdf [2]", 6)]
    with ctx.ws.session() as s:
        pages = services.list_pages(s, dlg.register_id)
    assert ctx.ws.images.get(pages[0].image_sha256) == (folder / "01-scan.png").read_bytes()
    assert [p.page_no for p in pages] == [1, 2, 3, 4, 5, 6] and ctx.ws.images.has(pages[5].image_sha256)


def test_files_gone_or_changed_after_listing_are_named_and_the_rest_import(qtbot, ctx, qapp, tmp_path):
    # GIVEN seven files listed for import: pages, a 3-page PDF and a 2-page TIFF
    from desktop import i18n
    from desktop.capture.import_dialog import ImportDialog
    from records.images import sha256_hex

    folder = tmp_path / "scans"
    folder.mkdir()
    for i in (1, 3, 5, 7):
        (folder / f"0{i}.png").write_bytes(png_bytes(seed=i))
    (folder / "02-gone.png").write_bytes(png_bytes(seed=2))
    _pdf(folder / "04-gone.pdf", 3)
    _tiff(folder / "06-changed.tif", 2)
    rid = _register_with_pages(ctx, 2)
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    _add_and_wait(qtbot, ctx, dlg, folder, 10)
    assert _shown_numbers(dlg) == list(range(3, 13))
    # WHEN, before Import is pressed, a page and the PDF are deleted, a page is scanned again
    #      over its file and the TIFF is saved again with other pages
    (folder / "02-gone.png").unlink()
    (folder / "04-gone.pdf").unlink()
    (folder / "05.png").write_bytes(png_bytes(seed=55))
    Image.new("L", (100, 140), 90).save(folder / "06-changed.tif")
    _import_and_wait(qtbot, ctx, dlg)
    # THEN the others are imported, numbered in order after the register's pages, and each
    #      file not imported is named once, with why and what to do
    assert [(name, no) for name, no, _pid in dlg.report.added] == [("01.png", 3), ("03.png", 4), ("07.png", 5)]
    text = dlg.message.text()
    assert "Imported 3 page(s) as pages 3–5." in text
    assert ("Not imported: 02-gone.png: the file was moved, renamed or deleted after it was listed. "
            "Put it back and add it again.") in text
    assert "Not imported: 04-gone.pdf [1–3]: the file was moved, renamed or deleted" in text
    assert ("Not imported: 05.png: the file changed after it was listed, so what was shown is not what it "
            "holds now. Add it again to see it and import it as it is now.") in text
    assert "Not imported: 06-changed.tif [1–2]: the file changed after it was listed" in text
    assert len(dlg.report.bad) == 4
    # AND nothing saved is lost; the pages imported are those listed, as they were listed
    with ctx.ws.session() as s:
        pages = services.list_pages(s, rid)
    assert [p.page_no for p in pages] == [1, 2, 3, 4, 5]
    assert [p.image_sha256 for p in pages[2:]] == [sha256_hex(png_bytes(seed=i)) for i in (1, 3, 7)]
    # AND in Urdu the reasons are Urdu but for the files' names
    i18n.apply_language(qapp, "ur")
    try:
        shown = [i18n.message(m) for m in dlg.report.bad]
    finally:
        i18n.apply_language(qapp, "en")
    assert all(not re.findall(r"[A-Za-z]{2,}", re.sub(r"[\w.-]+\.(png|pdf|tif)", "", t)) for t in shown), shown


def _threads_of(monkeypatch, owner, name: str, seen: list[tuple[str, str]]) -> None:
    """Record the thread each call of `owner.name` runs on, as (name, thread name)."""
    import functools
    import threading

    plain = getattr(owner, name)

    @functools.wraps(plain)
    def recorded(*args, **kw):
        seen.append((name, threading.current_thread().name))
        return plain(*args, **kw)

    monkeypatch.setattr(owner, name, recorded)


def test_the_writer_thread_only_writes_while_pages_are_imported(qtbot, ctx, tmp_path, monkeypatch):
    # GIVEN a folder with a scan, a 3-page TIFF and a 2-page PDF, listed for import
    from desktop.capture import loading
    from desktop.capture.import_dialog import ImportDialog
    from records import images

    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "01.png").write_bytes(png_bytes(seed=1))
    _tiff(folder / "02.tif", 3)
    _pdf(folder / "03.pdf", 2)
    dlg = ImportDialog(ctx, _register(ctx))
    qtbot.addWidget(dlg)
    _add_and_wait(qtbot, ctx, dlg, folder, 6)
    seen: list[tuple[str, str]] = []
    for owner, name in ((loading.PageReader, "read"), (loading, "iter_file"), (images, "sha256_hex"),
                        (images.ImageStore, "prepare"), (images.ImageStore, "put_prepared")):
        _threads_of(monkeypatch, owner, name, seen)
    # WHEN the clerk imports them
    _import_and_wait(qtbot, ctx, dlg)
    assert len(dlg.report.added) == 6
    # THEN the files are read, the TIFF and PDF pages decoded, hashed and prepared in the
    #      background, and the database-writer thread (which saves every edit) only writes
    #      the images (it read and decoded the whole import: 11 s for 300 scans, every edit
    #      saved meanwhile waiting for it)
    on_writer = sorted({name for name, thread in seen if thread.startswith("daftar-db-writer")})
    elsewhere = sorted({name for name, thread in seen if not thread.startswith("daftar-db-writer")})
    assert on_writer == ["put_prepared"]
    assert elsewhere == ["iter_file", "prepare", "read", "sha256_hex"]


def _blocking_reader(monkeypatch, name: str):
    """PageReader.read that, the first time it reads the page `name`, says so (`reading`) and
    waits for `release`; returns (reading, release, names read)."""
    import threading

    from desktop.capture import loading

    reading, release, read = threading.Event(), threading.Event(), []
    plain = loading.PageReader.read

    def read_page(self, page):
        if page.name == name and not reading.is_set():
            reading.set()
            release.wait(30)
        read.append(page.name)
        return plain(self, page)

    monkeypatch.setattr(loading.PageReader, "read", read_page)
    return reading, release, read


def _entry(ctx, rid: int) -> int:
    with ctx.ws.session() as s:
        page = services.add_page(s, ctx.ws.images, actor=ctx.actor, register_id=rid, data=png_bytes(seed=90),
                                 name="old.png")
        return services.add_entry(s, actor=ctx.actor, register_id=rid, page_id=page.page_id)


def test_an_edit_saved_during_an_import_waits_for_a_page_not_the_import(qtbot, ctx, tmp_path, monkeypatch):
    # GIVEN a register with a row, and three scans being imported into it, the second one
    #       slow to read (a big scan on a slow disk)
    from desktop.capture.import_dialog import ImportDialog
    from desktop.operations import entry as entry_ops

    rid = _register(ctx)
    eid = _entry(ctx, rid)
    folder = tmp_path / "scans"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.png").write_bytes(png_bytes(seed=i))
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    _add_and_wait(qtbot, ctx, dlg, folder, 3)
    reading, release, _read = _blocking_reader(monkeypatch, "1.png")
    saved = []
    try:
        dlg.do_import()
        qtbot.waitUntil(reading.is_set, timeout=10000)
        # WHEN the clerk's edit elsewhere is saved meanwhile (autosave)
        (entry_ops.set_value(actor=ctx.actor, entry_id=eid, field_name="khewat_no", text="47")
         .success(saved.append).run_in_background(ctx))
        # THEN it is saved while the import is still under way (it waited for the whole import)
        qtbot.waitUntil(lambda: bool(saved), timeout=10000)
        assert dlg.report is None and dlg._importing
        with ctx.ws.session() as s:
            assert services.get_row(s, eid).text("khewat_no") == "47"
            assert [p.image_name for p in services.list_pages(s, rid)] == ["old.png", "0.png"]
        # AND the progress is shown
        qtbot.waitUntil(lambda: "Importing… 1 of 3 file(s) done." in dlg.message.text(), timeout=5000)
    finally:
        release.set()
    # AND the import goes on, the pages in the order listed
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    assert [(name, no) for name, no, _pid in dlg.report.added] == [("0.png", 2), ("1.png", 3), ("2.png", 4)]


def test_the_import_holds_a_few_pages_and_an_edit_waits_for_one_page_write(qtbot, ctx, tmp_path, monkeypatch):
    # GIVEN six scans listed for import, and the writer thread busy (a long save elsewhere)
    import threading

    from desktop.capture import importing
    from desktop.capture.import_dialog import ImportDialog

    rid = _register(ctx)
    folder = tmp_path / "scans"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.png").write_bytes(png_bytes(seed=i))
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    _add_and_wait(qtbot, ctx, dlg, folder, 6)
    _reading, _release, read = _blocking_reader(monkeypatch, "none")
    hold = threading.Event()
    ctx.runner.run_write(lambda: hold.wait(30))
    pages_before_edit = []

    def edit() -> None:  # (what autosave queues; it notes how many pages were written before it)
        with ctx.ws.session() as s:
            pages_before_edit.append(len(services.list_pages(s, rid)))

    try:
        # WHEN the clerk imports them
        dlg.do_import()
        # THEN the reader stops when WINDOW pages are ready or being written: memory holds
        #      a few pages, not the folder
        qtbot.waitUntil(lambda: dlg._import_job.waiting_for_writer, timeout=10000)
        assert len(read) == importing.WINDOW == 2
        # WHEN an edit is saved meanwhile
        ctx.runner.run_write(edit)
    finally:
        hold.set()
    # THEN it waits for one page's write at most, not for the pages read ahead or the import
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    assert pages_before_edit == [1]
    # AND all are imported in order
    assert [name for name, _no, _pid in dlg.report.added] == [f"{i}.png" for i in range(6)]


def test_an_import_can_be_stopped_and_the_pages_saved_stay(qtbot, ctx, qapp, tmp_path, monkeypatch):
    # GIVEN four scans being imported into a register, the second one slow to read
    from desktop import i18n
    from desktop.capture.import_dialog import ImportDialog, report_text

    rid = _register(ctx)
    folder = tmp_path / "scans"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.png").write_bytes(png_bytes(seed=i))
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    dlg.show()
    _add_and_wait(qtbot, ctx, dlg, folder, 4)
    assert not dlg.stop_button.isVisible()
    reading, release, _read = _blocking_reader(monkeypatch, "1.png")
    try:
        dlg.do_import()
        qtbot.waitUntil(reading.is_set, timeout=10000)
        assert dlg.stop_button.isVisible() and dlg.stop_button.isEnabled()
        # WHEN the clerk stops it
        dlg.stop_button.click()
        assert "Stopping the import" in dlg.message.text()
    finally:
        release.set()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    # THEN the page saved stays, the report says how many were not imported, and those stay
    #      listed with the numbers they will get; Import is offered again
    assert [(name, no) for name, no, _pid in dlg.report.added] == [("0.png", 1)]
    assert dlg.report.stopped == 3
    assert "Imported 1 page(s) as pages 1–1." in dlg.message.text()
    assert ("The import was stopped: 3 listed file(s) were not imported and are still in the list; "
            "press Import to import them.") in dlg.message.text()
    assert [it.name for it in dlg.items] == ["1.png", "2.png", "3.png"] and _shown_numbers(dlg) == [2, 3, 4]
    assert dlg.import_button.isEnabled() and not dlg.stop_button.isVisible()
    with ctx.ws.session() as s:
        assert [p.image_name for p in services.list_pages(s, rid)] == ["0.png"]
    # AND in Urdu the report says so too
    i18n.apply_language(qapp, "ur")
    try:
        urdu = ImportDialog(ctx, rid)
        qtbot.addWidget(urdu)
        shown = report_text(dlg.report, urdu.tr)
        wait_idle(qtbot, ctx)
    finally:
        i18n.apply_language(qapp, "en")
    assert "stopped" not in shown and re.match("[\u0600-\u06ff]", shown.splitlines()[-1])
    # WHEN he imports again THEN the rest follow
    _import_and_wait(qtbot, ctx, dlg)
    assert [(name, no) for name, no, _pid in dlg.report.added] == [("1.png", 2), ("2.png", 3), ("3.png", 4)]


def test_quitting_during_an_import_stops_it_after_the_page_under_way(qtbot, ctx, tmp_path, monkeypatch):
    # GIVEN four scans being imported, the second one being read when the clerk quits
    import threading

    from desktop.capture import loading
    from desktop.capture.import_dialog import ImportDialog

    rid = _register(ctx)
    folder = tmp_path / "scans"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.png").write_bytes(png_bytes(seed=i))
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    _add_and_wait(qtbot, ctx, dlg, folder, 4)
    reading, stopping = threading.Event(), ctx.runner.stopping
    plain = loading.PageReader.read

    def read_page(self, page):
        if page.name == "1.png":
            reading.set()
            stopping.wait(30)  # (a slow disk: the page is read until the window shuts down)
        return plain(self, page)

    monkeypatch.setattr(loading.PageReader, "read", read_page)
    dlg.do_import()
    qtbot.waitUntil(reading.is_set, timeout=10000)
    # WHEN the window shuts its background work down (quit, sign out)
    ctx.close()
    # THEN the import stops after the page under way (quitting waited for the whole import,
    #      minutes for a big folder), and the pages saved stay, in order
    with ctx.ws.session() as s:
        names = [p.image_name for p in services.list_pages(s, rid)]
    assert names in (["0.png"], ["0.png", "1.png"])


def _pages_and_ocr(ctx, rid):
    with ctx.ws.session() as s:
        return [(p.image_name, p.ocr_status) for p in services.list_pages(s, rid)]


@pytest.mark.parametrize("run_ocr", [True, False], ids=["ocr-after-import", "no-ocr"])
def test_pages_saved_by_an_import_stopped_by_quitting_are_read_at_the_next_start(qtbot, workspace, tmp_path,
                                                                                  monkeypatch, run_ocr):
    # GIVEN four scans being imported from the window, "read with OCR after import" ticked or
    #       not, the third one being read when the clerk quits (two pages saved)
    import threading
    import time

    from desktop.capture import loading
    from desktop.context import AppContext
    from desktop.mainwindow import MainWindow
    from desktop.signin import default_actor

    ctx1 = AppContext.create(workspace, default_actor(workspace))
    rid = _register(ctx1)
    folder = tmp_path / "scans"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.png").write_bytes(png_bytes(seed=i))
    win1 = MainWindow(ctx1)
    win1.ocr.reader = "tests.desktop.fake_ocr:read_image"
    wait_idle(qtbot, ctx1)
    dlg = win1.import_pages([str(folder)])
    qtbot.waitUntil(lambda: len(dlg.items) == 4 and dlg.import_button.isEnabled(), timeout=10000)
    dlg.run_ocr.setChecked(run_ocr)
    reading, runner = threading.Event(), ctx1.runner
    plain = loading.PageReader.read

    def read_page(self, page):
        if page.name == "2.png":
            reading.set()
            runner.stopping.wait(30)  # (a slow disk: the page is read until the window shuts down)
            while True:  # and handed on once the writer takes no more work: two pages saved
                try:
                    runner.run_write(lambda: None)
                except RuntimeError:
                    break
                time.sleep(0.01)
        return plain(self, page)

    monkeypatch.setattr(loading.PageReader, "read", read_page)
    dlg.do_import()
    assert not dlg.run_ocr.isEnabled()  # (the pages under way are saved with the choice made)
    qtbot.waitUntil(lambda: reading.is_set() and len(_pages_and_ocr(ctx1, rid)) == 2, timeout=10000)
    # WHEN the clerk quits or signs out (the window never hears of the import's pages)
    import shiboken6

    win1.close()
    win1.deleteLater()  # (as signing out does: the import dialog goes with it)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=5000)
    # THEN the two pages saved are queued for OCR only if he asked for it
    status = "queued" if run_ocr else "none"
    assert _pages_and_ocr(ctx1, rid) == [("0.png", status), ("1.png", status)]
    # WHEN the app starts again
    ctx2 = AppContext.create(workspace, default_actor(workspace))
    win2 = MainWindow(ctx2)
    qtbot.addWidget(win2)
    win2.ocr.reader = "tests.desktop.fake_ocr:read_image"
    wait_idle(qtbot, ctx2)
    # THEN they are read without the clerk asking (and left alone when he did not ask)
    if run_ocr:
        qtbot.waitUntil(lambda: not win2.ocr.running, timeout=60000)
        wait_idle(qtbot, ctx2)
        assert _pages_and_ocr(ctx2, rid) == [("0.png", "done"), ("1.png", "done")]
    else:
        assert not win2.ocr.running
        assert _pages_and_ocr(ctx2, rid) == [("0.png", "none"), ("1.png", "none")]
    win2.shutdown()


class _PageScanner:
    """A scanner that hands back `pages` PNG pages (as SANE's scanimage writes them)."""

    def __init__(self, pages: int = 1) -> None:
        self.pages = pages

    def is_available(self) -> bool:
        return True

    def unavailable_reason(self) -> str:
        return ""

    def list_devices(self):
        from desktop.scanner import ScanDevice

        return [ScanDevice("test:0", "a test scanner")]

    def scan(self, settings, out_dir):
        out = []
        for i in range(self.pages):
            path = out_dir / f"scan-{i + 1:04d}.png"
            path.write_bytes(png_bytes(seed=i + 1))
            out.append(path)
        return out


def _scan_into(qtbot, ctx, dlg, n: int):
    from desktop.capture.scan_dialog import ScanDialog

    dlg.scan_dialog()
    scan = dlg.findChild(ScanDialog)
    qtbot.waitUntil(lambda: scan.scan_button.isEnabled(), timeout=5000)
    scan.scan()
    qtbot.waitUntil(lambda: not dlg._loading and len(dlg.items) == n, timeout=10000)
    wait_idle(qtbot, ctx)
    from pathlib import Path

    return {Path(it.source).parent for it in dlg.items}


@pytest.mark.parametrize("imported", [True, False])
def test_scanned_pages_leave_memory_with_the_import_dialog(qtbot, ctx, imported):
    # (found by bench/monkey.py --scanner, which counts the scans kept in memory: every page
    # scanned in a session stayed in /dev/shm until Daftar ended)
    import shiboken6

    from desktop.capture.import_dialog import ImportDialog
    from desktop.qt import QWidget

    # GIVEN the import dialog of a register and two pages scanned into it
    window = QWidget()
    qtbot.addWidget(window)
    rid = _register(ctx)
    dlg = ImportDialog(ctx, rid, window, scanner=_PageScanner(pages=2))
    dlg.open()
    (folder,) = _scan_into(qtbot, ctx, dlg, 2)
    assert len(list(folder.glob("scan-*.png"))) == 2
    # WHEN the clerk imports them (or not) and closes the dialog
    if imported:
        _import_and_wait(qtbot, ctx, dlg)
        assert [name for name, _no, _pid in dlg.report.added] == ["scan-0001.png", "scan-0002.png"]
    dlg.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=5000)
    # THEN the scans' folder in memory is gone (the imported pages are in the workspace)
    assert not folder.exists()
    with ctx.ws.session() as s:
        assert len(services.list_pages(s, rid)) == (2 if imported else 0)


def test_a_scan_that_ends_after_its_dialog_closed_leaves_nothing_in_memory(qtbot, ctx):
    import threading

    import shiboken6

    from desktop.capture.import_dialog import ImportDialog
    from desktop.capture.scan_dialog import ScanDialog
    from desktop.qt import QWidget

    # GIVEN a page being scanned into the import dialog (a scanner takes seconds)
    go, made = threading.Event(), []

    class SlowPageScanner(_PageScanner):
        def scan(self, settings, out_dir):
            go.wait(10)
            made.extend(super().scan(settings, out_dir))
            return made

    window = QWidget()
    qtbot.addWidget(window)
    dlg = ImportDialog(ctx, _register(ctx), window, scanner=SlowPageScanner())
    dlg.open()
    dlg.scan_dialog()
    scan = dlg.findChild(ScanDialog)
    qtbot.waitUntil(lambda: scan.scan_button.isEnabled(), timeout=5000)
    scan.scan()
    # WHEN the clerk closes the import dialog before the page comes
    dlg.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=5000)
    go.set()
    wait_idle(qtbot, ctx)
    # THEN the page nobody takes is not kept in memory until Daftar ends
    assert made and not made[0].parent.exists()


def test_a_truncated_image_is_said_to_be_cut_off_in_the_interface_language(qapp, tmp_path):
    from desktop import i18n
    from desktop.capture.loading import load_file

    # GIVEN a page image cut off while it was copied (half of a PNG)
    whole = png_bytes(seed=7, size=(800, 400))
    cut = tmp_path / "page-05.png"
    cut.write_bytes(whole[: len(whole) // 2])
    # WHEN it is listed for import
    (item,) = load_file(cut)
    # THEN the message names the file, says it was cut off and what to do
    assert item.data is None and item.error.startswith("page-05.png: ")
    assert "cut off while copying or downloading" in item.error and "scan the page again" in item.error
    # AND in Urdu no English is left in it (Pillow's "image file is truncated" was)
    assert i18n.apply_language(qapp, "ur")
    try:
        shown = i18n.message(item.error)
    finally:
        i18n.apply_language(qapp, "en")
    assert "page-05.png" in shown and "ادھوری" in shown
    assert not re.search(r"[A-Za-z]{3,}", shown.replace("page-05.png", "")), shown
