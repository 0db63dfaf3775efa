"""Every window of the app in English and in Urdu: no English string left in the Urdu UI.

The walk builds each top-level window and dialog over a small demo-like workspace (a
register with pages and rows, an administrator, a supervisor and a clerk), collects every
visible string (window titles, labels, buttons, group boxes, menus and actions, tabs,
placeholders, combo items, table headers from the models, wizard pages) and fails on a
Latin word that is not user data or on the short allowlist (OCR, CSV, PDF, ...).
A second test fails when a new dialog class appears in desktop/ that the walk does not build.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import desktop
from desktop.qt import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QModelIndex,
    QProgressBar,
    Qt,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
    QWizard,
)
from tests.desktop.conftest import wait_idle

pytestmark = pytest.mark.gui

# Latin words allowed in the Urdu interface: names of formats and programs, keys, units.
ALLOWED = {
    "ocr", "csv", "pdf", "json", "excel", "xlsx", "utc", "uuid", "tiff", "tif", "png", "jpeg", "jpg",
    "dpi", "ctrl", "shift", "alt", "esc", "pgup", "pgdown", "ins", "del", "tab", "enter",  # key names,
    "space", "up", "down", "left", "right", "home", "end", "backspace", "return",  # as on the keys
    "noto", "nastaliq", "naskh", "urdu", "arabic", "english", "https", "http", "usb", "base",
    "sane", "backends", "scanimage", "wia", "twain",  # names of scanner programs and packages
    "entry",  # the audit filter example "entry.return" is an action id typed as is
    # names of the software Help › About names, and licence ids as SPDX writes them
    "python", "qt", "tesseract", "mnist", "lgpl", "apache", "ofl", "cc", "by", "sa",
}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
RECOVERY_CODE = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


# ----------------------------------------------------------------------------- collecting
def _model_headers(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None or isinstance(view, QHeaderView) or not isinstance(view, (QTableView, QTreeView)):
        return []
    out = []
    for c in range(model.columnCount(QModelIndex())):
        v = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(v, str):
            out.append(v)
    return out


def _menu_texts(menu: QMenu) -> list[str]:
    out = [menu.title()]
    for a in menu.actions():
        if a.isSeparator():
            continue
        out.append(a.text())
        if a.menu():
            out += _menu_texts(a.menu())
    return out


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    """(kind, text) of every string a user can see in `top` and its children."""
    out: list[tuple[str, str]] = [("window title", top.windowTitle())]
    for w in [top, *top.findChildren(QWidget)]:
        kind = type(w).__name__
        out.append((kind + " tooltip", w.toolTip()))
        out += [(kind + " action tooltip", a.toolTip()) for a in w.actions() if a.toolTip() != a.text().replace("&", "")]
        if isinstance(w, QLabel):
            out.append((kind, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((kind, w.text()))
        elif isinstance(w, QLineEdit):
            out.append((kind + " placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox) and not w.isEditable():
            out += [(kind + " item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QProgressBar) and w.isTextVisible():
            out.append((kind, w.format()))
        if isinstance(w, QGroupBox):
            out.append((kind, w.title()))
        if isinstance(w, QTabWidget):
            out += [(kind + " tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QDockWidget):
            out.append((kind, w.windowTitle()))
        if isinstance(w, QAbstractItemView):
            out += [(kind + " header", h) for h in _model_headers(w)]
        if isinstance(w, QMainWindow):
            for a in w.menuBar().actions():
                if a.menu():
                    out += [("menu", t) for t in _menu_texts(a.menu())]
        if isinstance(w, QWizard):
            for pid in w.pageIds():
                p = w.page(pid)
                out += [("wizard page", p.title()), ("wizard page", p.subTitle())]
            for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
                out.append(("wizard button", w.buttonText(b)))
    return [(k, t) for k, t in out if t and t.strip()]


def english_words(text: str, user_data: set[str]) -> list[str]:
    """Latin words of `text` that are neither user data nor allowlisted."""
    text = re.sub(r"<[^>]+>", " ", text).replace("&", "")
    for d in sorted(user_data, key=len, reverse=True):
        text = text.replace(d, " ")
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # file paths
    text = re.sub(r"`[^`]*`", " ", text)  # a command IT types, as it is typed
    return [w for w in LATIN_WORD.findall(text) if w.lower() not in ALLOWED]


# ----------------------------------------------------------------------------- the app
@pytest.fixture
def office(workspace, qapp):
    """A workspace like the demo: users of every role, a register with OCR rows."""
    from desktop.context import AppContext, Preferences
    from desktop.fonts import load_fonts
    from records import access
    from tests.desktop.helpers import make_register

    load_fonts()
    users = {}
    for name, role in (("admin", "admin"), ("girdawar", "supervisor"), ("clerk1", "clerk")):
        users[role] = access.create_user(workspace, actor=users.get("admin") and users["admin"].actor(),
                                         username=name, password=f"{name}-pass-1", role=role)
    ctxs = {role: AppContext.create(workspace, u.actor(), prefs=Preferences(urdu_digits=True)) for role, u in users.items()}
    rid, page_ids = make_register(ctxs["clerk"], n_pages=2)
    yield workspace, users, ctxs, rid
    for c in ctxs.values():
        c.close()


def _builders(office, tmp_path):
    """name -> function building the window (returns the widget to walk)."""
    from PySide6.QtPrintSupport import QPrinter

    from desktop.audit_viewer import AuditViewer
    from desktop.capture.import_dialog import ImportDialog
    from desktop.capture.scan_dialog import ScanDialog
    from desktop.capture.wizard import NewRegisterWizard
    from desktop.first_start import NewWorkspaceDialog, RecoveryCodeDialog
    from desktop.idle_lock import LockDialog
    from desktop.keying.copy_forward_dialog import CopyForwardDialog
    from desktop.keying.urdu_keyboard import KeyboardDock
    from desktop.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog, RecoverDialog
    from desktop.main import open_main_window
    from desktop.page_setup import PdfPageSetupDialog
    from desktop.preferences import PreferencesDialog
    from desktop.reports_dialogs import ExportDialog
    from desktop.review.page_view import ReviewPageView
    from desktop.review.panel import ReviewPanel
    from desktop.review.returned import ReturnedPanel
    from desktop.scanner import NO_DEVICES, UnavailableScanner
    from desktop.sync_panel import SyncPanel
    from desktop.users_dialog import NewUserDialog, ResetPasswordDialog, UsersDialog

    ws, users, ctxs, rid = office
    admin, sup, clerk = ctxs["admin"], ctxs["supervisor"], ctxs["clerk"]

    def main_window(ctx):
        def build():
            win = open_main_window(ws, actor=ctx.actor)
            win.show()
            return win
        return build

    from sync.engine import QueueStatus

    def _Status():  # noqa: N802 - an empty queue, as the engine reports it
        return QueueStatus({}, None, None, False, ())

    return {
        "MainWindow (clerk)": main_window(clerk),
        "MainWindow (administrator)": main_window(admin),
        "MainWindow (supervisor)": main_window(sup),
        "NewRegisterWizard": lambda: NewRegisterWizard(clerk),
        "ImportDialog": lambda: ImportDialog(clerk, rid, scanner=UnavailableScanner(NO_DEVICES)),
        "ScanDialog": lambda: ScanDialog(clerk, scanner=UnavailableScanner(NO_DEVICES)),
        "ReviewPanel": lambda: ReviewPanel(sup),
        "ReviewPageView": lambda: ReviewPageView(sup),
        "ReturnedPanel": lambda: ReturnedPanel(clerk),
        "AuditViewer": lambda: AuditViewer(admin),
        "LoginDialog": lambda: LoginDialog(ws.root),
        "RecoverDialog": lambda: RecoverDialog(ws.root, username="admin"),
        "LockDialog (left alone)": lambda: LockDialog(ws, users["clerk"].username, users["clerk"].full_name, 15),
        "LockDialog (by hand)": lambda: LockDialog(ws, users["clerk"].username, users["clerk"].full_name, None),
        "FirstAdminDialog": lambda: FirstAdminDialog(ws),
        "ChangePasswordDialog": lambda: ChangePasswordDialog(ws, users["clerk"], forced=True),
        "UsersDialog": lambda: UsersDialog(admin),
        "NewUserDialog": lambda: NewUserDialog(),
        "ResetPasswordDialog": lambda: ResetPasswordDialog(users["clerk"]),
        "SyncPanel": lambda: SyncPanel(run_pass=lambda p: None, status=lambda: _Status(), set_paused=lambda b: None),
        "ExportDialog": lambda: ExportDialog(None, ws, rid),
        "PdfPageSetupDialog": lambda: PdfPageSetupDialog(QPrinter()),
        "CopyForwardDialog": lambda: CopyForwardDialog(clerk, previous_id=rid),
        "KeyboardDock": lambda: KeyboardDock(),
        "FileDialog (Qt's own)": lambda: _qt_file_dialog(tmp_path),
        "PreferencesDialog": lambda: PreferencesDialog(admin),
        "NewWorkspaceDialog": lambda: NewWorkspaceDialog(tmp_path / "new"),
        "RecoveryCodeDialog": lambda: RecoveryCodeDialog(RECOVERY_CODE),
        "ConflictDialog": lambda: _conflict_dialog(),
    }


def _conflict_dialog():
    """An entry in conflict beside the server's copy, shown (a supervisor's: it may be taken)."""
    from desktop.conflict_dialog import ConflictDialog
    from tests.desktop.test_conflict_dialog import _comparison

    cmp = _comparison()
    from desktop.i18n import message

    dlg = ConflictDialog(entry_uuid=cmp.entry_uuid, version=1, place=message(cmp.place), compare=lambda u, v: cmp,
                         take=lambda copy: None)
    dlg._on_compared(cmp)  # (what its worker delivers)
    return dlg


def _qt_file_dialog(folder):
    """The app's save dialog as Qt draws it where the desktop has none of its own."""
    from desktop.file_dialogs import file_dialog
    from desktop.qt import QCoreApplication, QFileDialog

    dlg = file_dialog(None, QCoreApplication.translate("ExportDialog", "Save report as PDF"),
                      str(folder / "report.pdf"), "PDF (*.pdf)", save=True)
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    return dlg


# Dialogs and widgets the walk does not build on their own, with the reason.
NOT_WALKED = {
    "LanguageDialog": "bilingual on purpose (each language names itself)",
    "CommentDialog": "title and prompt come translated from the review page that opens it",
    "CorrectionView": "walked inside the main window (its Page tab)",
    "SearchPanel": "walked inside the main window (its Register rows tab)",
    "ProgressPanel": "walked inside the main window",
    "UrduKeyboard": "walked inside KeyboardDock",
    "PageImageView": "shows the page image only",
    "SuggestionPopup": "shows the clerk's own earlier values",
    "_KindPage": "page of NewRegisterWizard",
    "_HeaderPage": "page of NewRegisterWizard",
    "_Form": "base class of the sign-in dialogs",
    "ShortcutsDialog": "walked inside the main window (Help › Keyboard shortcuts)",
    "AboutDialog": "walked inside the main window (Help › About Daftar)",
    "NoticesDialog": "shows the licences' own texts, which are English (tests/desktop/test_help.py)",
}


def _walk(qtbot, builders, user_data, office) -> tuple[dict[str, list[tuple[str, str]]], dict[str, Qt.LayoutDirection]]:
    texts, directions = {}, {}
    for name, build in builders.items():
        w = build()
        qtbot.addWidget(w)
        for c in office[2].values():
            wait_idle(qtbot, c)
        if isinstance(w, QMainWindow):
            from desktop import oversight

            for fn in (oversight.show_returned, oversight.open_audit):
                fn(w)
            if w.ctx.actor.role in oversight.REVIEWERS:
                oversight.open_review(w)
            oversight.open_sync(w).widget().stop()
            from desktop import help_dialogs

            helps = [help_dialogs.show_shortcuts(w), help_dialogs.show_about(w)]
            wait_idle(qtbot, w.ctx)
        texts[name] = visible_texts(w)
        directions[name] = w.layoutDirection()
        if isinstance(w, QMainWindow):
            for h in helps:
                h.close()
            w.shutdown()
        if isinstance(w, QDialog):
            w.done(QDialog.DialogCode.Rejected)  # (the lock ignores closing: only done() ends it)
        else:
            w.close()
    return texts, directions


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_every_window_is_in_the_chosen_language(qtbot, qapp, office, tmp_path, lang):
    from desktop.i18n import apply_language

    # GIVEN the app in one language
    ws, users, _ctxs, _rid = office
    assert apply_language(qapp, lang)
    try:
        # WHEN every window is built and its visible strings collected
        user_data = {u.username for u in users.values()} | {str(ws.root), "p0.png", "p1.png", RECOVERY_CODE}
        texts, directions = _walk(qtbot, _builders(office, tmp_path), user_data, office)
    finally:
        apply_language(qapp, "en")
    # THEN there was text to check in every window
    assert all(texts.values()), [n for n, t in texts.items() if not t]
    if lang == "en":
        # ... English is the source: the menus read in English, left to right
        main = [t for k, t in texts["MainWindow (clerk)"] if k == "menu"]
        assert "&Register" in main and "Import pages…" in main
        assert set(directions.values()) == {Qt.LayoutDirection.LeftToRight}
        return
    # ... in Urdu every window is right to left and no English string is left
    assert set(directions.values()) == {Qt.LayoutDirection.RightToLeft}
    untranslated = sorted({f"{name} · {kind}: {text!r}" for name, found in texts.items() for kind, text in found
                           if english_words(text, user_data)})
    assert not untranslated, "English left in the Urdu interface:\n" + "\n".join(untranslated)


def test_the_walk_covers_every_dialog_class():
    # GIVEN every window class defined in desktop/
    classes = set()
    for mod in pkgutil.walk_packages(desktop.__path__, "desktop."):
        if mod.name.endswith(("screenshots", "__main__")):
            continue
        m = importlib.import_module(mod.name)
        for name, cls in inspect.getmembers(m, inspect.isclass):
            if cls.__module__ == m.__name__ and issubclass(cls, (QDialog, QMainWindow, QDockWidget)):
                classes.add(name)
    # WHEN compared with what the walk builds or names with a reason
    walked = {n.split(" ")[0] for n in _builders.__code__.co_consts if isinstance(n, str)}
    walked |= set(re.findall(r'"(\w+)[ "]', inspect.getsource(_builders)))
    # THEN none is forgotten
    missing = sorted(classes - walked - set(NOT_WALKED))
    assert not missing, f"add these windows to the walk in {__file__}: {missing}"


def test_english_words_finds_english_and_allows_data():
    assert english_words("صفحہ {n} Page", set()) == ["Page"]
    assert english_words("OCR نے پڑھا: admin", {"admin"}) == []
    assert english_words("فائل: /tmp/x/p0.png", set()) == []
