"""Preferences: the user's interface language, and (administrators) the office's settings:
display (default language for new users, Urdu or Latin digits, date format, Urdu font on
screen and in printed reports) and the office itself (its name on reports, its district and
tehsil for new registers, whether a revenue officer verifies approved entries before they
are sent, how many pages OCR reads at once and the scanning resolution).

The language is the user's own (User.language) and is also remembered on this computer
for the sign-in screen. A new language or display setting applies when it is saved: the
main window is built again in it, showing the same register, page and tab.
"""

from __future__ import annotations

import shiboken6

from desktop.bidi import ltr
from desktop.labels import wrapping
from desktop.operations import error_text
from desktop.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    screen_of,
)
from records import accounts, office_settings
from records.settings import option

LANG_LABELS = {"ur": "اردو", "en": "English"}
FONT_LABELS = {"Noto Nastaliq Urdu": "نستعلیق — Noto Nastaliq Urdu", "Noto Naskh Arabic": "نسخ — Noto Naskh Arabic"}
PRINT_FONT_LABELS = {v: FONT_LABELS[v] for v in ("Noto Naskh Arabic", "Noto Nastaliq Urdu")}


class PreferencesDialog(QDialog):
    """Language for me; display settings for the office (editable by an administrator)."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("PreferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.is_admin = ctx.actor.role == "admin"
        self.needs_new_window = False
        with ctx.ws.session() as s:
            self.user = accounts.get_user(s, ctx.actor.id)
            self.settings = office_settings.read(s)

        outer = QVBoxLayout(self)
        # the settings scroll when the screen is lower than they are (a 1366 x 768 laptop with
        # a title bar and a task bar: the Save button was below the screen's edge)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("preferencesScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self.scroll)
        lay = QVBoxLayout(content)
        lay.setContentsMargins(0, 0, 0, 0)
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll)
        mine = QGroupBox(self.tr("My interface"), self)
        form = QFormLayout(mine)
        self.language = self._combo("language", LANG_LABELS, self.user.language)
        form.addRow(self.tr("Language"), self.language)
        lay.addWidget(mine)

        office = QGroupBox(self.tr("Office display settings"), self)
        oform = QFormLayout(office)
        self.office_language = self._combo("officeLanguage", LANG_LABELS, self.settings.get("ui.language"))
        oform.addRow(self.tr("Language of new users"), self.office_language)
        self.urdu_digits = QCheckBox(self.tr("Show numbers in Urdu digits (۱۲-۵ instead of 12-5)"), office)
        self.urdu_digits.setObjectName("urduDigits")
        self.urdu_digits.setChecked(self.settings.get("display.urdu_digits"))
        oform.addRow("", self.urdu_digits)
        import datetime as dt

        sample = dt.date(2026, 3, 14)
        self.date_format = self._combo("dateFormat", {f: sample.strftime(f) for f in option("date.format").choices},
                                       self.settings.get("date.format"))
        oform.addRow(self.tr("Date format"), self.date_format)
        self.urdu_font = self._combo("urduFont", FONT_LABELS, self.settings.get("display.urdu_font"))
        oform.addRow(self.tr("Urdu font of the records"), self.urdu_font)
        self.print_font = self._combo("printFont", PRINT_FONT_LABELS, self.settings.get("print.urdu_font"))
        self.print_font.setToolTip(self.tr("Nastaliq prints as the registers are written; its PDFs are larger "
                                           "and take about twice as long to make. Both copy out word by word."))
        oform.addRow(self.tr("Urdu font of printed reports"), self.print_font)
        office.setEnabled(self.is_admin)
        lay.addWidget(office)

        work = QGroupBox(self.tr("The office"), self)
        wform = QFormLayout(work)
        self.office_name = self._line("officeName", self.settings.get("office.name"))
        wform.addRow(self.tr("Office name (printed on reports)"), self.office_name)
        self.district = self._line("officeDistrict", self.settings.get("office.district"))
        wform.addRow(self.tr("District (for new registers)"), self.district)
        self.tehsil = self._line("officeTehsil", self.settings.get("office.tehsil"))
        wform.addRow(self.tr("Tehsil (for new registers)"), self.tehsil)
        self.verification = QCheckBox(self.tr("A revenue officer verifies approved entries before they are sent"),
                                      work)
        self.verification.setObjectName("requireVerification")
        self.verification.setChecked(bool(self.settings.get("workflow.require_verification")))
        wform.addRow("", self.verification)
        self.ocr_workers = self._spin("ocrWorkers", "ocr.workers", top=8)
        wform.addRow(self.tr("Pages OCR reads at the same time"), self.ocr_workers)
        dpi = option("ocr.dpi")
        self.scan_dpi = self._combo("scanDpi", {d: ltr(f"{d} dpi") for d in (200, 300, 400, 600)
                                                if dpi.min <= d <= dpi.max}, self.settings.get("ocr.dpi"))
        wform.addRow(self.tr("Scanning resolution"), self.scan_dpi)
        self.lock_after = self._spin("lockAfterMinutes", "security.lock_after_minutes", self.tr(" minutes"))
        self.lock_after.setToolTip(self.tr("After this long without use, Daftar hides its window until the "
                                           "signed-in user types the password again."))
        wform.addRow(self.tr("Lock the window after"), self.lock_after)
        self.backup_days = self._spin("backupRemindDays", "backup.remind_after_days", self.tr(" days"))
        wform.addRow(self.tr("Remind to back up after"), self.backup_days)
        work.setEnabled(self.is_admin)
        lay.addWidget(work)
        if not self.is_admin:
            lay.addWidget(QLabel(self.tr("Only an administrator changes the office settings."), self))
        self.note = QLabel(self.tr("A new language or display setting applies when you save: "
                                   "the window opens again in it, at the same page."), self)
        wrapping(self.note)
        lay.addWidget(self.note)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        wrapping(self.error)
        outer.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._fit_screen(content)

    def _fit_screen(self, content: QWidget) -> None:
        """As tall as the settings where the screen allows, else as tall as the screen's free
        part less room for a title bar; as wide as the settings and a scroll bar."""
        content.adjustSize()
        want = content.sizeHint()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        screen = screen_of(self)
        room = screen.availableGeometry().height() - 60 if screen is not None else want.height() + 200
        chrome = self.sizeHint().height() - self.scroll.sizeHint().height()
        self.scroll.setMinimumWidth(want.width() + bar)
        self.resize(want.width() + bar + 24, max(300, min(want.height() + chrome + 8, room)))

    def _spin(self, name: str, key: str, suffix: str = "", *, top: int | None = None) -> QSpinBox:
        """A number setting's box: its limits from the setting (`top` lower where a smaller
        one is sensible), its value; with a `suffix` (a unit), 0 reads "never"."""
        opt = option(key)
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(int(opt.min), min(int(opt.max), top) if top else int(opt.max))
        box.setValue(int(self.settings.get(key)))
        if suffix:
            box.setSpecialValueText(self.tr("never"))
            box.setSuffix(suffix)
        return box

    def _line(self, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text or "", self)
        edit.setObjectName(name)
        return edit

    def _combo(self, name: str, labels: dict, current) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        for value, label in labels.items():
            box.addItem(label, value)
        i = box.findData(current)
        box.setCurrentIndex(max(i, 0))
        return box

    def save(self) -> None:
        """Write the user's language and (administrators) the office settings."""
        from desktop.i18n import current_language, save_language
        from records.settings import SettingError

        lang = self.language.currentData()
        display = {  # what the open windows were built with
            "display.urdu_digits": self.urdu_digits.isChecked(),
            "date.format": self.date_format.currentData(),
            "display.urdu_font": self.urdu_font.currentData(),
            "office.district": self.district.text().strip(),
            "office.tehsil": self.tehsil.text().strip(),
            "ocr.workers": self.ocr_workers.value(),
            "ocr.dpi": self.scan_dpi.currentData(),
        }
        try:
            with self.ctx.ws.session() as s:
                accounts.set_profile(s, user_id=self.ctx.actor.id, language=lang)
                if self.is_admin:
                    office_settings.change(s, actor=self.ctx.actor, values={
                        "ui.language": self.office_language.currentData(),
                        **display,
                        "print.urdu_font": self.print_font.currentData(),
                        "office.name": self.office_name.text().strip(),
                        "workflow.require_verification": self.verification.isChecked(),
                        "security.lock_after_minutes": self.lock_after.value(),
                        "backup.remind_after_days": self.backup_days.value(),
                    })
        except (SettingError, accounts.AccountError, PermissionError) as e:
            self.error.setText(self.tr("Not saved: {reason}").format(reason=error_text(e)))
            return
        save_language(lang)
        # what the open windows were built with changed: they must be built again
        self.needs_new_window = lang != current_language() or (
            self.is_admin and any(self.settings.get(k) != v for k, v in display.items()))
        self.accept()


def open_preferences(win) -> None:
    """Menu action of the main window: a saved change of language or display settings
    asks for the window to be built again (MainWindow.rebuild_requested)."""
    dlg = PreferencesDialog(win.ctx, win)
    accepted = dlg.exec() == QDialog.DialogCode.Accepted
    new_window, lang = dlg.needs_new_window, dlg.language.currentData()
    # gone at once, before the window may be built again: nothing needs it any more (left
    # over the window it held the app's screen, which the cycle collector then deleted: the
    # crash the tests met at a new language, first blamed on the direction flip; see
    # desktop.qt.screen_of)
    shiboken6.delete(dlg)
    if not accepted:
        return
    if new_window:
        win.rebuild_requested.emit(lang)
    elif getattr(win, "backup_reminder", None) is not None:
        win.backup_reminder.refresh()  # the reminder's days may have changed
