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


def test_the_previews_page_arrows_point_where_they_go_right_to_left(qtbot, qapp, pdf):
    """Right to left, Qt mirrors the preview's tool bar (First and Previous page on the right)
    but not its arrows: looked at in Urdu, Previous page pointed left, to the pages after."""
    from desktop import reports_dialogs as rd
    from desktop.qt import QAction, QToolBar

    def arrows() -> dict[str, tuple]:
        dlg = rd.pdf_preview_dialog(None, pdf)
        qtbot.addWidget(dlg)
        dlg.show()
        out = {}
        for text in ("First page", "Previous page", "Next page", "Last page"):
            shown = QCoreApplication.translate("QPrintPreviewDialog", text)
            action = next(a for a in dlg.findChildren(QAction) if a.text() == shown)
            button = dlg.findChild(QToolBar).widgetForAction(action)
            x = button.mapTo(dlg, button.rect().center()).x()
            out[text] = (action.icon().pixmap(24, 24).toImage(), x)
        return out

    # GIVEN the preview's page arrows left to right (English)
    english = arrows()
    assert english["Previous page"][1] < english["Next page"][1]
    # WHEN the preview opens in Urdu (its tool bar mirrored: Previous page right of Next page)
    assert i18n.apply_language(qapp, "ur")
    try:
        urdu = arrows()
    finally:
        i18n.apply_language(qapp, "en")
    assert urdu["Previous page"][1] > urdu["Next page"][1]
    assert urdu["First page"][1] > urdu["Last page"][1]
    # THEN each button shows the arrow English shows on the same side: Previous page the arrow
    # pointing right, Next page the one pointing left
    for here, there in (("Previous page", "Next page"), ("First page", "Last page")):
        assert urdu[here][0] == english[there][0], here
        assert urdu[there][0] == english[here][0], there
    assert english["Previous page"][0] != english["Next page"][0]


def _ink(img) -> set[tuple[int, int]]:
    """The dark pixels of an image, from its leftmost and topmost dark pixel."""
    dots = {(x, y) for x in range(img.width()) for y in range(img.height()) if img.pixelColor(x, y).lightness() < 100}
    if not dots:
        return dots
    x0, y0 = min(x for x, _ in dots), min(y for _, y in dots)
    return {(x - x0, y - y0) for x, y in dots}


def test_the_previews_page_count_reads_right_to_left(lang, qtbot, pdf):
    """Looked at in Urdu: the page count beside the page number ("/ 2") was drawn left to
    right, so that page 1 of 2 read "1 2 /" from the right."""
    from desktop import reports_dialogs as rd
    from desktop.qt import QAction, QLabel, QToolBar

    # GIVEN the preview of a PDF of two pages
    dlg = rd.pdf_preview_dialog(None, pdf)
    qtbot.addWidget(dlg)
    dlg.show()
    count = dlg.findChild(QToolBar).findChild(QLabel)
    qtbot.waitUntil(lambda: count.text().strip("\u200f") == "/ 2")

    def drawn(visual: str) -> set[tuple[int, int]]:
        """How the count would look drawn exactly as `visual` is, left to right."""
        ref = QLabel("\u202d" + visual + "\u202c")  # (LEFT-TO-RIGHT OVERRIDE: nothing reordered)
        qtbot.addWidget(ref)
        ref.setFont(count.font())
        ref.setLayoutDirection(count.layoutDirection())
        ref.setAlignment(count.alignment())
        ref.resize(count.size())
        return _ink(ref.grab().toImage())

    def drawn_as(visual: str) -> bool:
        """Whether the count looks like `visual` rather than like its two parts swapped."""
        other = " ".join(reversed(visual.split(" ")))
        shown = _ink(count.grab().toImage())
        return len(shown ^ drawn(visual)) < len(shown ^ drawn(other))

    # WHEN it is drawn THEN it reads in the interface's direction: "2 /" left to right in Urdu
    # (from the right: 1 / 2 beside the page number), "/ 2" in English
    assert drawn_as({"ur": "2 /", "en": "/ 2"}[lang])
    # AND so it stays when the preview is drawn again (Qt writes the count anew)
    landscape = QCoreApplication.translate("QPrintPreviewDialog", "Landscape")
    next(a for a in dlg.findChildren(QAction) if a.text() == landscape).trigger()
    qtbot.wait(50)
    assert count.text().strip("\u200f") == "/ 2"
    assert drawn_as({"ur": "2 /", "en": "/ 2"}[lang])
