"""Import pages into a register: files, a folder, drag and drop or the scanner; a preview;
pages numbered in order; duplicates and bad files listed while the rest import."""

from __future__ import annotations

from html import escape
from pathlib import Path

from desktop import file_dialogs
from desktop.capture.importing import ImportReport, import_items
from desktop.capture.loading import SUFFIXES, ImportItem, load_files
from desktop.i18n import message
from desktop.labels import wrapping
from desktop.operations import error_text
from desktop.qt import (
    QBrush,
    QCheckBox,
    QColor,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPixmap,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    Signal,
)


def report_text(report: ImportReport, tr=lambda s: s) -> str:
    """Summary a clerk reads after an import."""
    lines = []
    if report.added:
        first, last = report.added[0][1], report.added[-1][1]
        lines.append(tr("Imported {n} page(s) as pages {first}–{last}.").format(n=len(report.added), first=first, last=last))
    else:
        lines.append(tr("No new pages were imported."))
    for name, rid, page_no in report.duplicates:
        lines.append(tr("Skipped {name}: the same image is already page {page} of register {reg}.").format(name=name, page=page_no, reg=rid))
    for msg in report.bad:
        lines.append(tr("Not imported: {msg}").format(msg=message(msg)))
    return "\n".join(lines)


class ImportDialog(QDialog):
    """Emits `imported(ImportReport, run_ocr)` after pages were added."""

    imported = Signal(object, bool)

    def __init__(self, ctx, register_id: int, parent=None, *, scanner=None, register_title: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.register_id = register_id
        self.register_title = register_title  # named at the top: pages go into this register
        self.scanner = scanner
        self.items: list[ImportItem] = []
        self.report: ImportReport | None = None
        self._loading = 0
        self.setObjectName("ImportDialog")
        self.setWindowTitle(self.tr("Import pages into {register}").format(register=register_title)
                            if register_title else self.tr("Import pages"))
        self.setAcceptDrops(True)
        self.resize(900, 600)
        self._build()

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        buttons = QHBoxLayout()
        for name, text, slot in (("addFiles", self.tr("Add files…"), self.add_files_dialog),
                                 ("addFolder", self.tr("Add folder…"), self.add_folder_dialog),
                                 ("scan", self.tr("Scan…"), self.scan_dialog),
                                 ("remove", self.tr("Remove"), self.remove_selected)):
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        if self.register_title:
            into = QLabel(self.tr("Pages are added to the register {register}, after its last page.").format(
                register=f"<b>{escape(self.register_title)}</b>"), self)
            into.setObjectName("intoRegister")
            lay.addWidget(into)
        hint = QLabel(self.tr("Drop image, TIFF or PDF files or folders here. Pages are numbered in this order."), self)
        lay.addWidget(hint)
        split = QSplitter(self)
        self.list = QListWidget(split)
        self.list.setObjectName("importList")
        self.list.currentRowChanged.connect(self._preview)
        self.preview = QLabel(split)
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumWidth(300)
        wrapping(self.preview)  # a bad file's reason, shown in place of its picture
        split.addWidget(self.list)
        split.addWidget(self.preview)
        lay.addWidget(split, 1)
        self.message = QLabel(self)
        self.message.setObjectName("importMessage")
        wrapping(self.message)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.message)
        bottom = QHBoxLayout()
        self.run_ocr = QCheckBox(self.tr("Read the pages with OCR after import"), self)
        self.run_ocr.setObjectName("runOcr")
        self.run_ocr.setChecked(True)
        bottom.addWidget(self.run_ocr)
        bottom.addStretch(1)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.do_import)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.accept)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        lay.addLayout(bottom)
        self._update_buttons()

    # -- adding -----------------------------------------------------------
    def add_paths(self, paths: list[str | Path]) -> None:
        """Load files/folders in the background and list their pages."""
        paths = [str(p) for p in paths]
        if not paths:
            return
        self._loading += 1
        self.message.setText(self.tr("Reading {n} file(s)…").format(n=len(paths)))
        self._update_buttons()

        def done(fut) -> None:
            self._loading -= 1
            try:
                fut.result()  # its pages were listed one by one as they were read (on_item)
            except Exception as e:  # noqa: BLE001
                self.message.setText(error_text(e))
            else:
                self._add_items([])
            self._update_buttons()

        runner = self.ctx.runner

        def on_item(item: ImportItem) -> None:  # on the worker: the page goes to the list at once
            runner.run_on_main(lambda: self._add_items([item]))

        runner.run_read(lambda: load_files(paths, on_item=on_item), done)

    def _add_items(self, items: list[ImportItem]) -> None:
        for it in items:
            self.items.append(it)
            li = QListWidgetItem(self._label(len(self.items), it), self.list)
            if it.error:
                li.setForeground(QBrush(QColor("#a00")))
                li.setToolTip(message(it.error))
        bad = sum(1 for it in self.items if it.error)
        good = len(self.items) - bad
        if self._loading:  # a long PDF: say how far the reading is (it took 9 s for 30 pages)
            msg = self.tr("Reading… {n} page(s) so far.").format(n=len(self.items))
        else:
            msg = self.tr("{n} page(s) ready to import.").format(n=good)
            if bad:
                msg += " " + self.tr("{bad} file(s) cannot be read and will be left out (in red).").format(bad=bad)
        self.message.setText(msg)
        if good and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)

    def _label(self, n: int, it: ImportItem) -> str:
        if it.error:
            return f"✗ {message(it.error)}"
        return f"{n}. {it.name}  ({it.width}×{it.height})"

    def _renumber(self) -> None:
        for i, it in enumerate(self.items):
            self.list.item(i).setText(self._label(i + 1, it))

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self.list.takeItem(row)
            self._renumber()
            self._update_buttons()

    def _preview(self, row: int) -> None:
        it = self.items[row] if 0 <= row < len(self.items) else None
        if it is None or it.data is None:
            self.preview.setText(message(it.error) if it and it.error else "")
            return
        pix = QPixmap()
        pix.loadFromData(it.preview or it.data)  # (made while the file was read: see loading._preview)
        self.preview.setPixmap(pix.scaled(self.preview.width(), max(200, self.preview.height()),
                                          Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def _update_buttons(self) -> None:
        ready = any(not it.error for it in self.items)
        self.import_button.setEnabled(ready and not self._loading and self.report is None)

    # -- dialogs ----------------------------------------------------------
    def add_files_dialog(self) -> None:
        patterns = " ".join(f"*{s}" for s in sorted(SUFFIXES))
        files = file_dialogs.choose_open_files(self, self.tr("Choose page files"), str(file_dialogs.import_folder()),
                                               self.tr("Pages ({patterns})").format(patterns=patterns))
        file_dialogs.remember_import_folder(files)
        self.add_paths(files)

    def add_folder_dialog(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Choose a folder of pages"), str(file_dialogs.import_folder()))
        if folder:
            file_dialogs.remember_import_folder([folder])
            self.add_paths([folder])

    def scan_dialog(self) -> None:
        from desktop.capture.scan_dialog import ScanDialog

        dlg = ScanDialog(self.ctx, self, scanner=self.scanner)
        dlg.scanned.connect(self.add_paths)
        dlg.open()

    # -- drag and drop ------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_paths(paths)
        event.acceptProposedAction()

    # -- import -----------------------------------------------------------
    def do_import(self) -> None:
        items = list(self.items)
        if not items:
            return
        self.import_button.setEnabled(False)
        self.message.setText(self.tr("Importing…"))

        def done(res) -> None:
            report, _ch = res
            self.report = report
            self.message.setText(report_text(report, self.tr))
            self._update_buttons()
            self.imported.emit(report, self.run_ocr.isChecked())

        def failed(e: BaseException) -> None:
            self.message.setText(self.tr("Import stopped: {error}").format(error=error_text(e)))
            self.import_button.setEnabled(True)

        (import_items(ws=self.ctx.ws, actor=self.ctx.actor, register_id=self.register_id, items=items)
         .success(done).failure(failed).run_in_background(self.ctx))

