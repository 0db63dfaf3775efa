"""Delayed progress in the status bar: appears only when work lasts longer than ~500 ms,
stays up at least a moment once shown, and offers Cancel (cf. Anki's progress.py)."""

from __future__ import annotations

import time

from desktop.qt import QHBoxLayout, QLabel, QProgressBar, QPushButton, QTimer, QWidget, Signal

SHOW_AFTER_MS = 500
MIN_VISIBLE_S = 0.5


class ProgressPanel(QWidget):
    """Total progress bar, a busy bar for the page being read, a label and Cancel."""

    cancel_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.page_bar = QProgressBar(self)
        self.page_bar.setObjectName("pageProgress")
        self.page_bar.setRange(0, 0)  # busy until the reader reports its steps
        self.page_bar.setMaximumWidth(80)
        self.total_bar = QProgressBar(self)
        self.total_bar.setObjectName("totalProgress")
        self.total_bar.setMaximumWidth(220)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelOcr")
        self.cancel_button.clicked.connect(self.cancel_requested)
        for w in (self.label, self.page_bar, self.total_bar, self.cancel_button):
            lay.addWidget(w)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_now)
        self._shown_at = 0.0
        self._active = False
        self.hide()

    def start(self) -> None:
        """Work began: show the panel if it is still running after SHOW_AFTER_MS."""
        self._active = True
        if not self.isVisible():
            self._timer.start(SHOW_AFTER_MS)

    def update_page(self, _page_id: int, done: int, total: int, message: str) -> None:
        """Progress inside the page being read (the reader's steps)."""
        self.page_bar.setRange(0, max(total, 1))
        self.page_bar.setValue(done)
        self.page_bar.setToolTip(message)

    def update_progress(self, done: int, total: int, label: str) -> None:
        self.total_bar.setRange(0, max(total, 1))
        self.total_bar.setValue(done)
        if label:  # a new page started: busy until its first step is reported
            self.page_bar.setRange(0, 0)
        text = self.tr("OCR {done} of {total} pages").format(done=done, total=total)
        self.label.setText(f"{text} — {label}" if label else text)

    def finish(self) -> None:
        """Work ended: hide (after it was readable for a moment)."""
        self._active = False
        self._timer.stop()
        if self.isVisible():
            left = MIN_VISIBLE_S - (time.monotonic() - self._shown_at)
            if left > 0:
                QTimer.singleShot(int(left * 1000), self, self._hide_if_idle)
            else:
                self.hide()

    def _hide_if_idle(self) -> None:
        if not self._active:
            self.hide()

    def _show_now(self) -> None:
        if self._active:
            self._shown_at = time.monotonic()
            self.show()
