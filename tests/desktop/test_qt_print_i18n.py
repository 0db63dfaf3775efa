"""Qt's own print windows (the print preview, the print dialog and its Properties) in the
interface language: Qt ships no Urdu catalogue, daftar_ur.ts carries their texts under
Qt's contexts (desktop/i18n_print_strings.py)."""

from __future__ import annotations

import re

import pytest

from desktop import i18n
from desktop.qt import QCoreApplication, Qt

pytestmark = pytest.mark.gui

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
# Latin kept in the Urdu windows: file formats, paper codes (Japanese envelopes: Chou 3, Kaku 2)
# and units as printed on paper
KEPT_LATIN = re.compile(r"\b(PDF|ANSI|JIS|PRC|Chou|Kaku|mm|in|pt|DD|CC)\b")


@pytest.fixture(params=["ur", "en"])
def lang(request, qapp):
    assert i18n.apply_language(qapp, request.param)
    yield request.param
    i18n.apply_language(qapp, "en")


def _english(texts) -> list[str]:
    return [t for t in texts if ENGLISH_WORD.search(KEPT_LATIN.sub("", t))]


@pytest.fixture
def pdf(tmp_path):
    from desktop.qt import QPainter, QPdfWriter

    path = tmp_path / "fard.pdf"
    writer = QPdfWriter(str(path))
    p = QPainter(writer)
    p.drawText(200, 200, "page 1")
    writer.newPage()
    p.drawText(200, 200, "page 2")
    p.end()
    return path


def _texts(widget) -> list[str]:
    """What a window shows in words: labels, buttons, group and tab titles, list items."""
    from desktop.qt import QAbstractButton, QComboBox, QGroupBox, QLabel, QTabWidget

    shown = [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)]
    shown += [w.title() for w in widget.findChildren(QGroupBox)]
    for tabs in widget.findChildren(QTabWidget):
        shown += [tabs.tabText(i) for i in range(tabs.count())]
    for box in widget.findChildren(QComboBox):
        shown += [box.itemText(i) for i in range(box.count())]
    return [t.replace("&", "") for t in shown if t.strip()]


PREVIEW = {"ur": {"اگلا صفحہ", "پچھلا صفحہ", "پہلا صفحہ", "آخری صفحہ", "پوری چوڑائی", "پورا صفحہ",
                  "بڑا کریں", "چھوٹا کریں", "عمودی", "افقی", "ایک صفحہ دکھائیں", "پرنٹ کریں", "صفحے کی ترتیب"},
           "en": {"Next page", "Previous page", "First page", "Last page", "Fit width", "Fit page", "Zoom in",
                  "Zoom out", "Portrait", "Landscape", "Show single page", "Print", "Page setup"}}


def test_the_print_preview_speaks_the_interface_language(lang, qtbot, pdf):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from desktop import reports_dialogs as rd
    from desktop.qt import QAction

    # GIVEN a fard's print preview, as Print fard… opens it
    dlg = rd.pdf_preview_dialog(None, pdf)
    qtbot.addWidget(dlg)
    dlg.show()
    # WHEN the words of its tool bar are read (each action's text and tip)
    actions = [a for a in dlg.findChildren(QAction) if a.isVisible() and a.text()]
    shown = {a.text() for a in actions} | {a.toolTip() for a in actions}
    # THEN they are in the interface language: every one in Urdu, none English
    assert PREVIEW[lang] <= shown, PREVIEW[lang] - shown
    if lang == "ur":
        assert _english(shown) == []
        assert dlg.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # AND Daftar's own Page setup still stands in for Qt's (found by its words in this language)
    ours = dlg.findChild(QAction, "pageSetup")
    assert ours is not None and ours.text() == QCoreApplication.translate("QPrintPreviewDialog", "Page setup")
    assert [a for a in actions if a.text() == ours.text()] == [ours]
    # AND a preview with no title of Daftar's is named in the language too
    bare = QPrintPreviewDialog()
    qtbot.addWidget(bare)
    assert bare.windowTitle() == {"ur": "پرنٹ کا پیش منظر", "en": "Print Preview"}[lang]


PRINT_DIALOG = {"ur": {"پرنٹر", "نام:", "خصوصیات", "مقام:", "قسم:", "بننے والی فائل:", "فائل میں پرنٹ (PDF)",
                       "کاپیاں:", "کاپیاں ترتیب وار", "کیا پرنٹ ہو", "سب صفحات", "صفحات از", "کون سے صفحات:",
                       "پرنٹ کریں", "اختیارات <<", "رنگ", "دو طرفہ پرنٹ"},
                "en": {"Printer", "Name:", "Properties", "Location:", "Type:", "Output file:", "Print to File (PDF)",
                       "Copies:", "Collate", "Print range", "Print all", "Pages from", "Page Set:", "Print",
                       "Options <<", "Color Mode", "Double Sided Printing"}}
PROPERTIES = {"ur": {"صفحہ", "کاغذ", "کاغذ کا سائز:", "رخ", "عمودی", "افقی", "حاشیے", "ملی میٹر (mm)",
                     "لیٹر / ANSI A", "A4", "ایک کاغذ پر صفحات:", "بائیں سے دائیں، اوپر سے نیچے",
                     "کام کا انتظام", "کب پرنٹ ہو:", "فوراً پرنٹ کریں", "شروع میں:", "کوئی نہیں", "خفیہ"},
              "en": {"Page", "Paper", "Page size:", "Orientation", "Portrait", "Landscape", "Margins",
                     "Millimeters (mm)", "Letter / ANSI A", "A4", "Pages per sheet:", "Left to Right, Top to Bottom",
                     "Job Control", "Scheduled printing:", "Print Immediately", "Start:", "None", "Secret"}}


def test_the_print_dialog_and_its_properties_speak_the_interface_language(lang, qtbot, qapp, pdf):
    from PySide6.QtPrintSupport import QPrintDialog

    from desktop import reports_dialogs as rd
    from desktop.qt import QAbstractButton, QDialog, QTimer

    # GIVEN the print dialog the preview's Print opens (no printer here: it writes a PDF)
    preview = rd.pdf_preview_dialog(None, pdf)
    qtbot.addWidget(preview)
    dlg = QPrintDialog(preview._daftar_printer, None)
    qtbot.addWidget(dlg)
    dlg.show()
    # WHEN its options are shown and its words read
    more = QCoreApplication.translate("QPrintDialog", "&Options >>")
    options = next(b for b in dlg.findChildren(QAbstractButton) if b.text() == more)
    options.click()
    shown = _texts(dlg)
    # THEN its title, labels, buttons, tabs and lists are in the interface language
    assert dlg.windowTitle() == {"ur": "پرنٹ", "en": "Print"}[lang]
    assert PRINT_DIALOG[lang] <= set(shown), PRINT_DIALOG[lang] - set(shown)
    if lang == "ur":
        assert _english(shown) == []
        assert dlg.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # ... and so is its Properties dialog (paper, margins, the CUPS job options)
    seen: list[str] = []

    def read_properties():
        box = qapp.activeModalWidget()
        if not isinstance(box, QDialog) or box is dlg:
            QTimer.singleShot(20, read_properties)
            return
        seen.extend(_texts(box))
        seen.append(box.windowTitle())
        box.reject()

    QTimer.singleShot(0, read_properties)
    next(b for b in dlg.findChildren(QAbstractButton) if b.objectName() == "properties").click()
    assert PROPERTIES[lang] <= set(seen), PROPERTIES[lang] - set(seen)
    assert {"ur": "پرنٹر کی خصوصیات", "en": "Printer Properties"}[lang] in seen
    if lang == "ur":
        assert _english(seen) == []
    dlg.reject()


def test_every_text_of_qts_print_windows_has_its_urdu(qapp):
    from desktop.i18n_print_strings import QT_PRINT_STRINGS

    table = i18n.read_ts(i18n.ts_path("ur"))
    assert i18n.apply_language(qapp, "ur")
    try:
        # GIVEN every text listed of Qt's print windows, under Qt's own context
        untranslated, bad_args = [], []
        for context, sources in QT_PRINT_STRINGS.items():
            for src in sources:
                # WHEN Qt asks for it in the Urdu interface
                ur = QCoreApplication.translate(context, src)
                # THEN the catalogue holds it under that context, and Urdu comes back
                if (context, src) not in table or (ur == src and src != "%1%"):
                    untranslated.append((context, src))
                # ... its %1 %2 kept, a path or name there kept left to right
                if sorted(re.findall(r"%\d", src)) != sorted(re.findall(r"%\d", ur)) or \
                        (src != "%1%" and re.search(r"%\d", re.sub("\u2066[^\u2069]*\u2069", "", ur))):
                    bad_args.append((context, src, ur))
        assert untranslated == [] and bad_args == []
        # ... and the options of a CUPS banner page, which Qt asks for with a comment, too
        assert QCoreApplication.translate("QCupsJobWidget", "&End:", "Banner page at end") == "آخر میں:"
        assert QCoreApplication.translate("QCupsJobWidget", "Secret", "CUPS Banner page") == "خفیہ"
    finally:
        i18n.apply_language(qapp, "en")
