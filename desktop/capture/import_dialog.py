"""Import pages into a register: files, a folder, drag and drop or the scanner; a preview;
pages numbered in order; duplicates and bad files listed while the rest import."""

from __future__ import annotations

import threading
from html import escape
from pathlib import Path

import shiboken6

from desktop import file_dialogs
from desktop.bidi import isolate
from desktop.capture.importing import (
    ImportReport,
    import_items,
    next_page_no,
    pages_holding,
    register_place,
)
from desktop.capture.loading import SUFFIXES, ListedPage, load_files
from desktop.i18n import message
from desktop.labels import wrapping
from desktop.models.registers import register_title as register_name
from desktop.operations import error_text, read_op
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
from desktop.screen_fit import fit_to_screen


def report_text(report: ImportReport, tr=lambda s, _c="", _n=-1: s) -> str:
    """Summary a clerk reads after an import."""
    lines = []
    if report.added:
        first, last = report.added[0][1], report.added[-1][1]
        lines.append(tr("Imported {n} page(s) as pages {first}–{last}.", "", len(report.added)).format(n=len(report.added), first=first, last=last))
    else:
        lines.append(tr("No new pages were imported."))
    for name, rid, page_no in report.duplicates:
        reg = report.registers.get(rid)  # named as the register list names it, not by its id
        lines.append(tr("Skipped {name}: the same image is already page {page} of {register}.").format(
            name=name, page=page_no, register=register_name(reg) if reg else rid))
    for msg in report.bad:
        lines.append(tr("Not imported: {msg}").format(msg=message(msg)))
    if report.stopped:
        lines.append(tr("The import was stopped: {n} listed file(s) were not imported and are still in the list; "
                        "press Import to import them.", "", report.stopped).format(n=report.stopped))
    return "\n".join(lines)


class ImportDialog(QDialog):
    """Emits `imported(ImportReport, run_ocr)` after pages were added.

    Closed, it stops reading the files still being listed and goes away (with the pages it
    listed) once an import under way has finished and its report has been emitted.

    The list holds no page's image, only what it shows and what the import needs (file, page,
    size, a small preview, the hash): the import reads each page again from its file (a folder
    of 1,000 scans held 2-5 GB here until Import was pressed, more than an office PC has)."""

    imported = Signal(object, bool)

    def __init__(self, ctx, register_id: int, parent=None, *, scanner=None, register_title: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.register_id = register_id
        self.register_title = register_title  # named at the top: pages go into this register
        self.scanner = scanner
        self.items: list[ListedPage] = []
        self.report: ImportReport | None = None  # of the last import
        self._loading = 0
        self._importing = False
        self._import_job = None  # the import under way (it can be stopped)
        self._stopped_report = ""  # a stopped import's report, kept in sight above what is still listed
        # The numbers the listed pages will get: the register's next page number and the
        # images that are pages already (read in the background, _check_place)
        self._next_page_no: int | None = None
        self._known: dict[str, tuple[str, int]] = {}  # sha -> (register's name, page no)
        self._checks = 0  # place checks under way (the numbers shown may change)
        self._check_generation = 0
        self._closed = threading.Event()  # read by the loading thread: stop listing files
        self._scan_dirs: set[Path] = set()  # the scanned pages' folders in memory, removed with the dialog
        self.setObjectName("ImportDialog")
        self.setWindowTitle(self.tr("Import pages into {register}").format(register=register_title)
                            if register_title else self.tr("Import pages"))
        self.setAcceptDrops(True)
        fit_to_screen(self, 900, 600)  # (1366 x 768 at 125 % leaves 614 px, less the taskbar)
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
            # Enter is Import's (the default) even when one of these has the focus: after "Add
            # files…" the focus stayed on it, and Enter opened the file picker again
            b.setAutoDefault(False)
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
        self.stop_button = QPushButton(self.tr("Stop import"), self)
        self.stop_button.setObjectName("stopImport")
        self.stop_button.setToolTip(self.tr("Stop after the page being saved; the pages saved stay in the register."))
        self.stop_button.clicked.connect(self.stop_import)
        self.stop_button.hide()
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.accept)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.stop_button)
        bottom.addWidget(self.close_button)
        lay.addLayout(bottom)
        self._update_buttons()
        self._check_place()

    # -- adding -----------------------------------------------------------
    def add_paths(self, paths: list[str | Path]) -> None:
        """Load files/folders in the background and list their pages, each with the page number
        it will get (or why it takes none) as soon as it is read."""
        paths = [str(p) for p in paths]
        if not paths:
            return
        self._stopped_report = ""
        self._loading += 1
        self.message.setText(self.tr("Reading {n} file(s)…", "", len(paths)).format(n=len(paths)))
        self._update_buttons()

        def done(fut) -> None:
            if self._gone():
                return
            self._loading -= 1
            try:
                self._next_page_no = fut.result()  # its pages were listed as they were read (on_item)
            except Exception as e:  # noqa: BLE001
                self.message.setText(error_text(e))
            else:
                self._add_items([])
            self._update_buttons()

        runner, ws, rid = self.ctx.runner, self.ctx.ws, self.register_id

        def on_item(item: ListedPage) -> None:  # on the worker: the page goes to the list at once
            known = {}
            if item.sha256:
                with ws.session() as s:  # a page of the workspace already takes no number
                    known = pages_holding(s, {item.sha256})
            runner.run_on_main(lambda: self._gone() or self._add_items([item], known))

        closed = self._closed

        def load() -> int:
            load_files(paths, on_item=on_item, stop=lambda: closed.is_set() or runner.stopping.is_set(), listing=True)
            with ws.session() as s:
                return next_page_no(s, rid)

        runner.run_read(load, done)

    def _add_items(self, items: list[ListedPage], known: dict | None = None) -> None:
        for sha, (reg, page) in (known or {}).items():
            self._known[sha] = (register_name(reg), page)
        for it in items:
            self.items.append(it)
            li = QListWidgetItem(self.list)
            if it.error:
                li.setForeground(QBrush(QColor("#a00")))
                li.setToolTip(message(it.error))
        self._renumber()
        if any(not it.error for it in items) and self.list.currentRow() < 0:
            self.list.setCurrentRow(len(self.items) - len(items))

    def _places(self) -> list[str | None]:
        """Per listed file: None for a page to import, else why it takes no page number: 'bad'
        (cannot be read), or the label of a copy of a page (in the workspace or listed above)."""
        out: list[str | None] = []
        first_of: dict[str, str] = {}
        for it in self.items:
            if it.error or not it.sha256:
                out.append("bad")
            elif it.sha256 in self._known:
                register, page = self._known[it.sha256]
                out.append(self.tr("{name}: the same image is already page {page} of {register}; it is left out.").format(
                    name=it.name, page=page, register=register))
            elif it.sha256 in first_of:
                out.append(self.tr("{name}: the same image as {other} above; it is left out.").format(
                    name=it.name, other=first_of[it.sha256]))
            else:
                out.append(None)
                if it.sha256:
                    first_of[it.sha256] = it.name
        return out

    def _renumber(self) -> None:
        """Show each file with the page number it will get: after the register's last page, in
        the order listed; a file that cannot be read or a copy of a page takes none (a red
        file used up a number: the list said pages 2-5, the import made them 5 to 7)."""
        n = self._next_page_no
        numbered = []
        for i, (it, place) in enumerate(zip(self.items, self._places(), strict=True)):
            li = self.list.item(i)
            if place is None:
                numbered.append(n)
                # the name and size isolated: in Urdu '1. 01-scan.png (2481×1754)' was drawn
                # as 'scan.png (2481×1754)-01 .1'
                name = isolate(f"{it.name}  ({it.width}×{it.height})")
                text = f"{n}. {name}" if n is not None else name
                n = n + 1 if n is not None else None
                li.setForeground(QBrush())
            elif place == "bad":
                text = f"✗ {message(it.error or it.name)}"
            else:
                text = f"= {place}"
                li.setForeground(QBrush(QColor("#777")))
                li.setToolTip(place)
            if li.text() != text:
                li.setText(text)
        self._say_what_is_listed(numbered, bad=sum(1 for it in self.items if it.error or not it.sha256))

    def _say_what_is_listed(self, numbered: list[int | None], bad: int) -> None:
        if not self.items and not self._loading:
            return  # (the last import's report stays in sight)
        if self._loading:  # a long PDF: say how far the reading is (it took 9 s for 30 pages)
            msg = self.tr("Reading… {n} page(s) so far.", "", len(self.items)).format(n=len(self.items))
        elif numbered and numbered[0] is not None:
            msg = (self.tr("1 page ready to import as page {first}.").format(first=numbered[0]) if len(numbered) == 1
                   else self.tr("{n} page(s) ready to import as pages {first}–{last}.").format(
                       n=len(numbered), first=numbered[0], last=numbered[-1]))
        elif numbered:
            msg = self.tr("{n} page(s) ready to import.", "", len(numbered)).format(n=len(numbered))
        else:  # (it said '0 page(s) ready to import')
            msg = self.tr("No new pages to import.")
        if bad and not self._loading:
            msg += " " + self.tr("{bad} file(s) cannot be read and will be left out (in red).", "", bad).format(bad=bad)
        copies = len(self.items) - len(numbered) - bad
        if copies and not self._loading:
            msg += " " + self.tr("{n} file(s) hold a page imported before or listed above and will be left out (in grey).", "", copies).format(n=copies)
        self.message.setText(f"{self._stopped_report}\n{msg}" if self._stopped_report else msg)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            self._stopped_report = ""
            del self.items[row]
            self.list.takeItem(row)
            self._renumber()
            self._update_buttons()

    def _remove(self, batch: list[ListedPage]) -> None:
        """Take the files of an import off the list (those added meanwhile stay)."""
        gone = {id(it) for it in batch}
        for row in range(len(self.items) - 1, -1, -1):
            if id(self.items[row]) in gone:
                del self.items[row]
                self.list.takeItem(row)
        self.preview.clear()
        self._renumber()
        self._preview(self.list.currentRow())  # (a stopped import: the files left, the first shown)

    def _check_place(self, *, hold: bool = False) -> None:
        """Read in the background the number the register's next page gets and which listed
        images are pages already, then number the list (again); `hold`: no import meanwhile
        (just after one, the numbers shown are those of before it)."""
        self._checks += hold
        self._check_generation += 1
        generation, rid = self._check_generation, self.register_id
        shas = {it.sha256 for it in self.items if it.sha256}
        self._update_buttons()

        def done(res) -> None:
            if self._gone():
                return
            self._checks -= hold
            if generation == self._check_generation:  # (an older answer is stale)
                next_no, known = res
                self._next_page_no = next_no
                self._known.update((sha, (register_name(reg), page)) for sha, (reg, page) in known.items())
                self._renumber()
            self._update_buttons()

        def failed(e: BaseException) -> None:
            if self._gone():
                return
            self._checks -= hold
            self.message.setText(error_text(e))
            self._update_buttons()

        read_op(lambda s: register_place(s, rid, shas)).success(done).failure(failed).run_in_background(self.ctx)

    def _preview(self, row: int) -> None:
        it = self.items[row] if 0 <= row < len(self.items) else None
        if it is None or it.error or not it.preview:
            self.preview.setText(message(it.error) if it and it.error else "")
            return
        pix = QPixmap()
        pix.loadFromData(it.preview)  # (made while the file was read: see loading._preview)
        dpr = self.preview.devicePixelRatioF()  # (in the screen's own pixels at 125 %, 150 %)
        pix = pix.scaled(round(self.preview.width() * dpr), round(max(200, self.preview.height()) * dpr),
                         Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        pix.setDevicePixelRatio(dpr)
        self.preview.setPixmap(pix)

    def _update_buttons(self) -> None:
        """Import is offered whenever new pages are listed, numbered, and nothing is being
        read or imported: after an import too (a second batch could not be imported)."""
        ready = any(place is None for place in self._places())
        self.import_button.setEnabled(ready and not self._loading and not self._importing and not self._checks)
        self.stop_button.setVisible(self._importing)
        self.run_ocr.setEnabled(not self._importing)  # (the pages under way are saved with the choice made)

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
        dlg.scanned.connect(self._add_scanned)
        dlg.open()

    def _add_scanned(self, paths: list[str]) -> None:
        """Scanned pages are listed as files are; their folder in memory (desktop.ramdir) goes
        with this dialog, once they are imported or given up (every scan of a day stayed in
        memory until Daftar ended: the demo's clean grey pages are 0.3 MB, with paper noise 4-5 MB)."""
        self._scan_dirs.update(Path(p).parent for p in paths)
        self.add_paths(paths)

    # -- drag and drop ------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_paths(paths)
        event.acceptProposedAction()

    # -- closing ----------------------------------------------------------
    def done(self, result: int) -> None:
        """Close (Close, Esc, the window's X): files still being read are left unread (a big
        folder kept a reading thread busy until its last file, and signing out or quitting
        waited for it); the dialog and the pages it listed go away, after an import under
        way has finished."""
        self._closed.set()
        super().done(result)
        if not self._importing:
            self._go_away()

    def _go_away(self) -> None:
        """Closed, no import under way: the scans it listed are removed and the dialog deleted
        (files still being listed are read from the folder no more: their thread stopped)."""
        from desktop import ramdir

        for folder in self._scan_dirs:
            ramdir.remove(folder)
        self._scan_dirs.clear()
        self.deleteLater()

    def _gone(self) -> bool:
        """Closed and deleted: what the background work brings back is dropped."""
        return not shiboken6.isValid(self)

    # -- import -----------------------------------------------------------
    def do_import(self) -> None:
        """Import the listed pages: read and prepared in the background, each written on
        its own (an edit saved elsewhere meanwhile waits for one page, not the import)."""
        items = list(self.items)  # (files that cannot be read are named in the report)
        if not items or self._importing:
            return
        # the clerk's choice as Import is pressed: the pages are saved queued for OCR with it,
        # so those of an import stopped by quitting or signing out are read at the next start
        run_ocr = self.run_ocr.isChecked()
        self._importing = True
        self._stopped_report = ""
        self._update_buttons()
        self.stop_button.setEnabled(True)
        self.message.setText(self.tr("Importing…"))

        def progress(done: int, total: int) -> None:
            if self._gone() or not self._importing or self._import_job is None or self._import_job.cancelled:
                return
            self.message.setText(self.tr("Importing… {done} of {total} file(s) done.").format(done=done, total=total))

        def finished() -> None:
            self._importing = False
            self._import_job = None

        def done(res) -> None:
            report, _ch = res
            finished()
            self.report = report
            if self._closed.is_set():  # closed while importing: the window still reads its pages
                self.imported.emit(report, run_ocr)
                self._go_away()
                return
            left = set(report.not_done)  # stopped: those not imported stay listed
            self._stopped_report = report_text(report, self.tr) if left else ""
            self._remove([it for i, it in enumerate(items) if i not in left])
            self.message.setText(report_text(report, self.tr))
            self._check_place(hold=True)  # the register's next page number now
            self.imported.emit(report, run_ocr)

        def failed(e: BaseException) -> None:
            finished()
            if self._closed.is_set():
                self._go_away()
                return
            self.message.setText(self.tr("Import stopped: {error}").format(error=error_text(e)))
            self._update_buttons()

        self._import_job = import_items(ws=self.ctx.ws, actor=self.ctx.actor, register_id=self.register_id,
                                        items=items, on_progress=progress, ocr=run_ocr)
        self._import_job.success(done).failure(failed).run_in_background(self.ctx)

    def stop_import(self) -> None:
        """Stop the import under way after the page being saved; the pages saved stay, the
        others stay listed (the report says how many)."""
        if self._import_job is None:
            return
        self._import_job.cancel()
        self.stop_button.setEnabled(False)
        self.message.setText(self.tr("Stopping the import after the page being saved…"))
