"""The print preview's Page setup on a computer with no printer: paper and orientation of
the PDF that Print then makes.

With no printer set up, the preview's printer writes a PDF file (QPrinter's PdfFormat), and
Qt's own Page setup (QPageSetupDialog) is for the system's printers only: it logged
"QPageSetupDialog: Cannot be used on non-native printers", and on Windows and macOS it does
not open at all, so the button did nothing. `use_in_preview` puts a Page setup in the
preview's tool bar that opens `PdfPageSetupDialog` while the printer makes a PDF (it says
so, and why) and Qt's own dialog when a printer is there.
"""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

from desktop.labels import wrapping
from desktop.qt import (
    QAction,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPageLayout,
    QPageSize,
    QRadioButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

# the papers offered for the PDF (an office prints registers on A4 or legal, a big fard on A3)
PAPERS = (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Legal, QPageSize.PageSizeId.Letter,
          QPageSize.PageSizeId.A3)


class PdfPageSetupDialog(QDialog):
    """Paper and orientation of a printer that makes a PDF file (no printer installed)."""

    def __init__(self, printer: QPrinter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self.setObjectName("pdfPageSetup")
        self.setWindowTitle(self.tr("Page setup"))
        note = QLabel(self.tr("No printer is set up on this computer: Print saves these pages as a PDF "
                              "file, to print on a computer that has one. Choose the PDF's paper here."), self)
        note.setObjectName("noPrinterNote")
        wrapping(note)
        self.paper = QComboBox(self)
        self.paper.setObjectName("paperSize")
        current = printer.pageLayout().pageSize().id()
        names = {QPageSize.PageSizeId.Legal: self.tr("Legal"), QPageSize.PageSizeId.Letter: self.tr("Letter")}
        for pid in PAPERS if current in PAPERS else (*PAPERS, current):
            self.paper.addItem(names.get(pid) or QPageSize(pid).name(), pid)  # (A4, A3: as written)
        self.paper.setCurrentIndex(self.paper.findData(current))
        self.portrait = QRadioButton(self.tr("Portrait"), self)
        self.portrait.setObjectName("portrait")
        self.landscape = QRadioButton(self.tr("Landscape"), self)
        self.landscape.setObjectName("landscape")
        landscape = printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
        (self.landscape if landscape else self.portrait).setChecked(True)
        turn = QHBoxLayout()
        turn.addWidget(self.portrait)
        turn.addWidget(self.landscape)
        turn.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Orientation"), turn)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def orientation(self) -> QPageLayout.Orientation:
        return QPageLayout.Orientation.Landscape if self.landscape.isChecked() else QPageLayout.Orientation.Portrait

    def accept(self) -> None:
        self.printer.setPageSize(QPageSize(self.paper.currentData()))
        self.printer.setPageOrientation(self.orientation())
        super().accept()


def _qt_action(dlg: QPrintPreviewDialog, text: str) -> QAction | None:
    """The preview's own action named `text` (in Qt's catalogue: the words it shows)."""
    shown = QCoreApplication.translate("QPrintPreviewDialog", text)
    return next((a for a in dlg.findChildren(QAction) if a.text() == shown), None)


def use_in_preview(dlg: QPrintPreviewDialog, printer: QPrinter) -> QAction | None:
    """Give the preview's tool bar a Page setup that works with no printer installed (in
    place of Qt's, which stays for a printer of the system); the action, or None when the
    preview has none (another Qt)."""
    qt_setup, toolbar = _qt_action(dlg, "Page setup"), dlg.findChild(QToolBar)
    if qt_setup is None or toolbar is None:
        return None
    action = QAction(qt_setup.icon(), qt_setup.text(), dlg)
    action.setObjectName("pageSetup")
    action.setToolTip(qt_setup.toolTip())
    toolbar.insertAction(qt_setup, action)
    qt_setup.setVisible(False)

    def setup() -> None:
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            qt_setup.trigger()  # a printer of the system: its own dialog
            return
        box = PdfPageSetupDialog(printer, dlg)
        box.accepted.connect(lambda: _show_turned(dlg, box.orientation()))
        box.finished.connect(box.deleteLater)
        box.open()

    action.triggered.connect(setup)
    return action


def _show_turned(dlg: QPrintPreviewDialog, orientation: QPageLayout.Orientation) -> None:
    """The preview drawn again on the paper chosen, its Portrait/Landscape buttons as the page."""
    turn = _qt_action(dlg, "Landscape" if orientation == QPageLayout.Orientation.Landscape else "Portrait")
    if turn is not None:
        turn.trigger()  # (checks it and draws the pages again, on the new paper too)
    else:
        preview = dlg.findChild(QPrintPreviewWidget)
        if preview is not None:
            preview.setOrientation(orientation)
