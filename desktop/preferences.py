"""Preferences: the user's interface language, and (administrators) the office's display
settings: default language for new users, Urdu or Latin digits, date format, Urdu font on
screen and in printed reports.

The language is the user's own (User.language) and is also remembered on this computer
for the sign-in screen. A new language or display setting applies when it is saved: the
main window is built again in it, showing the same register, page and tab.
"""

from __future__ import annotations

from desktop.labels import wrapping
from desktop.operations import error_text
from desktop.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
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

        lay = QVBoxLayout(self)
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
        if not self.is_admin:
            lay.addWidget(QLabel(self.tr("Only an administrator changes the office settings."), self))
        self.note = QLabel(self.tr("A new language or display setting applies when you save: "
                                   "the window opens again in it, at the same page."), self)
        wrapping(self.note)
        lay.addWidget(self.note)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _combo(self, name: str, labels: dict[str, str], current) -> QComboBox:
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
        display = {
            "display.urdu_digits": self.urdu_digits.isChecked(),
            "date.format": self.date_format.currentData(),
            "display.urdu_font": self.urdu_font.currentData(),
        }
        try:
            with self.ctx.ws.session() as s:
                accounts.set_profile(s, user_id=self.ctx.actor.id, language=lang)
                if self.is_admin:
                    office_settings.change(s, actor=self.ctx.actor, values={
                        "ui.language": self.office_language.currentData(),
                        **display,
                        "print.urdu_font": self.print_font.currentData(),
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
    if dlg.exec() == QDialog.DialogCode.Accepted and dlg.needs_new_window:
        win.rebuild_requested.emit(dlg.language.currentData())
