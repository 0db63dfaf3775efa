"""The app's file dialogs (desktop.file_dialogs): Qt's own dialog in the Urdu interface."""

from __future__ import annotations

import pytest

from desktop.qt import QComboBox, QFileDialog, QLineEdit, Qt

pytestmark = pytest.mark.gui


def _drawn(draw) -> bytes:
    """The pixels `draw(painter, rect)` leaves on a white image, its painter right to left
    (as the Urdu interface's painters are)."""
    from desktop.qt import QColor, QImage, QPainter, QRect

    img = QImage(400, 30, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    draw(p, QRect(0, 0, 400, 30))
    p.end()
    return bytes(img.constBits())


def test_qts_own_file_dialog_shows_paths_left_to_right_in_urdu(qtbot, qapp, tmp_path):
    from desktop import i18n
    from desktop.file_dialogs import file_dialog

    folder = tmp_path / "usb" / "reports"
    folder.mkdir(parents=True)
    # GIVEN the Urdu interface and Qt's own save dialog (no desktop dialog: a plain X session)
    assert i18n.apply_language(qapp, "ur")
    try:
        dlg = file_dialog(None, "save", str(folder / "fard.pdf"), "PDF (*.pdf)", save=True)
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dlg)
        # WHEN it opens
        dlg.show()
        qtbot.waitExposed(dlg)
        # THEN its folder box and file name box are left to right (they took the interface's
        # direction, and /tmp/usb read 'tmp/usb/'), the dialog itself still right to left
        look_in = dlg.findChild(QComboBox, "lookInCombo")
        name = dlg.findChild(QLineEdit, "fileNameEdit")
        assert look_in.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert name.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert dlg.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # AND the folder box draws its path as written, whatever its painter's direction (a
        # left-to-right box alone still drew it right to left: the painter's is the
        # application's): as a left-to-right painter draws it, not as a right-to-left one
        path = look_in.currentText()
        assert path == str(folder)
        style = look_in.style()
        pal, left = look_in.palette(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute

        def ours(p, r):
            style.drawItemText(p, r, left, pal, True, path)

        def ltr(p, r):
            p.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            p.drawText(r, left, path)

        def rtl(p, r):
            p.drawText(r, left, path)

        assert _drawn(ltr) != _drawn(rtl)  # (the check tells the two apart)
        assert _drawn(ours) == _drawn(ltr)
        dlg.reject()
    finally:
        i18n.apply_language(qapp, "en")


def test_the_file_dialogs_answer_what_was_chosen(qtbot, qapp, tmp_path, monkeypatch):
    from desktop import file_dialogs
    from desktop.qt import QApplication

    (tmp_path / "a.png").write_bytes(b"x")
    (tmp_path / "b.png").write_bytes(b"x")
    monkeypatch.setattr(file_dialogs.FileDialog, "exec", lambda self: _answer(self))
    answers = []

    def _answer(dlg):
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dlg.show()
        act = answers.pop(0)
        if act is None:
            dlg.reject()
            return QFileDialog.DialogCode.Rejected
        act(dlg)
        QApplication.processEvents()
        dlg.hide()
        return QFileDialog.DialogCode.Accepted

    # a file to save into, the name offered taken
    answers.append(lambda d: None)
    assert file_dialogs.choose_save_file(None, "t", str(tmp_path / "fard.pdf"), "PDF (*.pdf)") == str(tmp_path / "fard.pdf")
    # files to open
    answers.append(lambda d: d.selectFile('"a.png" "b.png"'))
    got = file_dialogs.choose_open_files(None, "t", str(tmp_path), "Pages (*.png)")
    assert sorted(got) == [str(tmp_path / "a.png"), str(tmp_path / "b.png")]
    # a folder
    answers.append(lambda d: None)
    assert file_dialogs.choose_folder(None, "t", str(tmp_path)) == str(tmp_path)
    # cancelled
    answers.append(None)
    assert file_dialogs.choose_save_file(None, "t", str(tmp_path / "x.pdf"), "PDF (*.pdf)") is None



def test_the_batch_file_dialog_names_its_files_in_urdu(qtbot, qapp, monkeypatch):
    import re
    from types import SimpleNamespace

    from desktop import i18n, oversight, reports_dialogs
    from desktop.qt import QCoreApplication

    # GIVEN the Urdu interface
    asked = []
    monkeypatch.setattr(reports_dialogs, "_ask_path", lambda _p, title, _s, pattern: asked.append((title, pattern)))
    win = SimpleNamespace(ctx=SimpleNamespace(ws=None), tr=lambda s: QCoreApplication.translate("MainWindow", s))
    assert i18n.apply_language(qapp, "ur")
    try:
        # WHEN a supervisor saves a batch file for a USB stick (and cancels the dialog)
        assert oversight.save_batch_file(win) is None
    finally:
        i18n.apply_language(qapp, "en")
    # THEN the dialog's kind of file is said in Urdu, its pattern left to right (it was
    # 'Daftar batch (*.daftar-batch)')
    title, pattern = asked[0]
    assert "*.daftar-batch" in pattern
    assert not re.findall(r"[A-Za-z]{2,}", pattern.replace("*.daftar-batch", "")), pattern
    assert "\u2066*.daftar-batch\u2069" in pattern


def test_qts_own_file_dialog_shows_sizes_and_dates_left_to_right_in_urdu(qtbot, qapp, tmp_path):
    from desktop import i18n
    from desktop.file_dialogs import file_dialog
    from desktop.qt import QTreeView

    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "page-1.png").write_bytes(b"x" * 12_800)
    # GIVEN the Urdu interface and Qt's own open dialog on a folder with a file of 12.5 KiB
    assert i18n.apply_language(qapp, "ur")
    try:
        dlg = file_dialog(None, "open", str(folder), "Images (*.png)",
                          mode=QFileDialog.FileMode.ExistingFiles)
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dlg.setViewMode(QFileDialog.ViewMode.Detail)
        qtbot.addWidget(dlg)
        # WHEN it opens and lists the folder
        dlg.show()
        qtbot.waitExposed(dlg)
        tree = dlg.findChild(QTreeView, "treeView")
        model = tree.model()

        def row():
            root = tree.rootIndex()
            for r in range(model.rowCount(root)):
                if model.index(r, 0, root).data() == "page-1.png":
                    return r, root
            return None

        qtbot.waitUntil(lambda: row() is not None)
        r, root = row()
        size, date = (model.index(r, c, root).data() for c in (1, 3))
        # THEN its size and date read left to right (an isolate: 'KiB 12.5' in a right-to-left line)
        assert size.startswith("\u2066") and size.endswith("\u2069") and "12.5" in size, repr(size)
        assert date.startswith("\u2066") and date.endswith("\u2069"), repr(date)
        # AND its name is as it was, and choosing it gives the file
        assert model.index(r, 0, root).data() == "page-1.png"
        sel = tree.selectionModel()
        sel.select(model.index(r, 0, root), sel.SelectionFlag.ClearAndSelect | sel.SelectionFlag.Rows)
        assert dlg.selectedFiles() == [str(folder / "page-1.png")]
        dlg.reject()
    finally:
        i18n.apply_language(qapp, "en")


def test_an_export_that_ends_while_its_save_dialog_is_open_raises_nothing(qtbot, qapp, workspace):
    import shiboken6

    from desktop import reports_dialogs as rd
    from desktop.file_dialogs import FileDialog
    from desktop.qt import QApplication, QTimer, QWidget
    from tests.reports import sampledata

    sample = sampledata.build(workspace)
    window = QWidget()
    qtbot.addWidget(window)
    # GIVEN the export dialog as the menu opens it (it goes when it closes), an export under way,
    # and its "…" button's save dialog open (found by the random runs: both at once)
    dlg = rd.open_export_dialog(window, workspace, sample.register_id)
    seen = []

    def export_ends() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, FileDialog):
            QTimer.singleShot(20, export_ends)
            return
        seen.append(box)
        # WHEN the export ends meanwhile: the export dialog closes (ExportDialog._finished),
        # and goes, with the save dialog still waiting in it
        dlg.accept()

    QTimer.singleShot(0, export_ends)
    dlg._browse()
    # THEN the save dialog's end is quiet (it was "RuntimeError: Internal C++ object
    # (FileDialog) already deleted", an "unexpected problem" box) and nothing is chosen
    assert seen and not shiboken6.isValid(dlg)
