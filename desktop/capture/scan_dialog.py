"""Scan dialog: device list (refreshed in the background), resolution, colour mode,
one page or the whole feeder. Emits `scanned(list of file paths)`."""

from __future__ import annotations

import shiboken6

from desktop.i18n import message
from desktop.labels import wrapping
from desktop.operations import error_text
from desktop.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    Signal,
)
from desktop.scanner import MODES, NO_DEVICES, Scanner, ScanSettings, default_scanner, scan_to_temp


class ScanDialog(QDialog):
    """Choose a scanner and settings, scan, hand the files to the import dialog."""

    scanned = Signal(list)

    def __init__(self, ctx, parent=None, *, scanner: Scanner | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scanner = scanner or default_scanner(stop=ctx.runner.stopping)  # (Daftar closing ends scanimage)
        self.setObjectName("ScanDialog")
        self.setWindowTitle(self.tr("Scan pages"))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.device = QComboBox(self)
        self.device.setObjectName("device")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        form.addRow(self.tr("Scanner"), self.device)
        form.addRow("", self.refresh_button)
        self.resolution = QSpinBox(self)
        self.resolution.setObjectName("resolution")
        self.resolution.setRange(75, 1200)
        self.resolution.setSingleStep(50)
        self.resolution.setValue(ctx.prefs.scan_dpi)
        self.resolution.setSuffix(" dpi")
        form.addRow(self.tr("Resolution"), self.resolution)
        self.mode = QComboBox(self)
        self.mode.setObjectName("mode")
        for m in MODES:
            self.mode.addItem(self.tr(m), m)
        form.addRow(self.tr("Colour"), self.mode)
        self.one_page = QRadioButton(self.tr("One page (glass)"), self)
        self.one_page.setChecked(True)
        self.feeder = QRadioButton(self.tr("All pages in the feeder"), self)
        self.feeder.setObjectName("feeder")
        form.addRow(self.tr("Source"), self.one_page)
        form.addRow("", self.feeder)
        lay.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("scanMessage")
        wrapping(self.message)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.scan_button = self.buttons.addButton(self.tr("Scan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.scan_button.setObjectName("scanButton")
        self.scan_button.setEnabled(False)
        self.buttons.accepted.connect(self.scan)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.busy = False
        self.refresh()

    def _say(self, text: str) -> None:
        """Show a message and grow the dialog to it (a long reason was cut off, the form
        squeezed: the size was fixed when the dialog opened with a short one)."""
        self.message.setText(text)
        self.adjustSize()

    def refresh(self) -> None:
        """Ask the back end for its devices (in the background: SANE can take seconds).
        Refresh waits while a search or a scan is under way: each search held one of the
        two reading threads for seconds, so pressing it again and again kept pages from
        opening."""
        if not self.scanner.is_available():
            self._say(message(self.scanner.unavailable_reason()))
            self.refresh_button.setEnabled(False)
            return
        if self.busy:
            return
        self._say(self.tr("Looking for scanners…"))
        self.busy = True
        self.refresh_button.setEnabled(False)
        self.scan_button.setEnabled(False)  # (again when a scanner is found)
        self.ctx.runner.run_read(self.scanner.list_devices, self._on_devices)

    def _on_devices(self, fut) -> None:
        if not shiboken6.isValid(self):  # closed with its import dialog meanwhile
            return
        self.busy = False
        self.refresh_button.setEnabled(True)
        self.device.clear()
        try:
            devices = fut.result()
        except Exception as e:  # noqa: BLE001
            self._say(error_text(e))
            return
        for d in devices:
            self.device.addItem(f"{d.name} — {d.description}", d.name)
        self.scan_button.setEnabled(bool(devices))
        self._say("" if devices else self.tr(NO_DEVICES))

    def settings(self) -> ScanSettings:
        return ScanSettings(device=self.device.currentData(), resolution=self.resolution.value(),
                            mode=self.mode.currentData(), feeder=self.feeder.isChecked())

    def scan(self) -> None:
        if self.device.currentData() is None:
            return
        settings = self.settings()
        self.scan_button.setEnabled(False)
        self.refresh_button.setEnabled(False)
        self.busy = True
        self._say(self.tr("Scanning…"))

        def done(fut) -> None:
            if not shiboken6.isValid(self):  # closed with its import dialog meanwhile: nobody takes the pages
                if fut.exception() is None and fut.result():
                    from desktop import ramdir

                    ramdir.remove(fut.result()[0].parent)
                return
            self.busy = False
            self.scan_button.setEnabled(True)
            self.refresh_button.setEnabled(True)
            try:
                files = fut.result()
            except Exception as e:  # noqa: BLE001
                self._say(error_text(e))
                return
            self.scanned.emit([str(f) for f in files])
            self.accept()

        scanner = self.scanner  # the task holds the scanner, not this dialog (see desktop.taskman)
        self.ctx.runner.run_read(lambda: scan_to_temp(scanner, settings), done)
