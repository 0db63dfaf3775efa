"""Help › Keyboard shortcuts (F1) and Help › About Daftar (version, workspace, and the
third-party software and data the program carries, with their licences)."""

from __future__ import annotations

import sys

from desktop.bidi import ltr
from desktop.labels import wrapping
from desktop.qt import (
    QT_TRANSLATE_NOOP,
    QAction,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFont,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    qVersion,
)
from desktop.screen_fit import fit_to_screen
from desktop.system_errors import reason

# Keys that are not actions of their own: moving between a page's fields
FIELD_KEYS = (
    ("Tab", QT_TRANSLATE_NOOP("HelpDialog", "Next field")),
    ("Enter", QT_TRANSLATE_NOOP("HelpDialog", "Next field")),
    ("Shift+Tab", QT_TRANSLATE_NOOP("HelpDialog", "Previous field")),
)


# the groups of the shortcuts dialog
MENUS = QT_TRANSLATE_NOOP("HelpDialog", "Menus")
PAGE = QT_TRANSLATE_NOOP("HelpDialog", "The page and its rows")
REVIEWING = QT_TRANSLATE_NOOP("HelpDialog", "Reviewing pages")


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpDialog", text)


def key_text(seq: QKeySequence | str) -> str:
    """A shortcut as printed on the keys (Ctrl+Shift+S), kept left to right in an Urdu line."""
    s = seq if isinstance(seq, QKeySequence) else QKeySequence(seq)
    return ltr(s.toString(QKeySequence.SequenceFormat.NativeText))


def shortcut_groups(win) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group title, [(what it does, keys)]) for every named action with a shortcut the
    window holds now (menus, the page's tool bar, keying aids), the keys that move between
    fields, and the review screen's keys for those who review."""
    from desktop.review.panel import ReviewPanel, review_keys

    menus: list[tuple[str, str]] = []
    page: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    correction = getattr(win, "correction", None)
    for act in win.findChildren(QAction):
        keys = act.shortcuts()
        text = act.text().replace("&", "").strip()
        owner = act.parent()
        if not keys or not text or isinstance(owner, ReviewPanel):  # (the review's keys: below)
            continue
        row = (text, "، ".join(key_text(k) for k in keys))
        if row in seen:
            continue
        seen.add(row)
        in_page = correction is not None and isinstance(owner, QWidget) and (
            owner is correction or correction.isAncestorOf(owner))
        (page if in_page else menus).append(row)
    page += [(_tr(text), key_text(key)) for key, text in FIELD_KEYS]
    groups = [(_tr(MENUS), menus), (_tr(PAGE), page)]
    if "review" in getattr(win, "actions_by_name", {}):
        groups.append((_tr(REVIEWING),
                       [(QCoreApplication.translate("ReviewPanel", text), key_text(key))
                        for key, text in review_keys(win.ctx.actor.role)]))
    return [(title, rows) for title, rows in groups if rows]


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, grouped, in the interface language."""

    def __init__(self, win) -> None:
        super().__init__(win)
        self.setObjectName("ShortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(self)
        self.table.setObjectName("shortcutsTable")
        self.table.setColumnCount(2)
        self.table.setHorizontalHeaderLabels([self.tr("What it does"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        bold = QFont(self.font())
        bold.setBold(True)
        for title, rows in shortcut_groups(win):
            r = self.table.rowCount()
            self.table.insertRow(r)
            head = QTableWidgetItem(title)
            head.setFont(bold)
            self.table.setItem(r, 0, head)
            self.table.setSpan(r, 0, 1, 2)
            for text, keys in rows:
                r = self.table.rowCount()
                self.table.insertRow(r)
                self.table.setItem(r, 0, QTableWidgetItem(text))
                self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        # as tall as every row (their height follows the font) where the screen has room, else
        # as tall as the screen allows, the table scrolling (a fixed 680 px put Close below
        # the taskbar of a 1280 x 720 laptop, or of 1920 x 1080 at 150 %)
        rows = self.table.verticalHeader().length() + self.table.horizontalHeader().sizeHint().height()
        want = self.sizeHint().height() - self.table.sizeHint().height() + rows + 2 * self.table.frameWidth() + 4
        fit_to_screen(self, 560, min(want, 900))

    def rows(self) -> list[tuple[str, str]]:
        """The table as (first column, second column) texts (tests)."""
        out = []
        for r in range(self.table.rowCount()):
            a, b = self.table.item(r, 0), self.table.item(r, 1)
            out.append((a.text() if a else "", b.text() if b else ""))
        return out


class NoticesDialog(QDialog):
    """The third-party notices (daftar.notices), read in the background, shown as plain text."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoticesDialog")
        self.setWindowTitle(self.tr("Third-party software and licences"))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("noticesText")
        self.text.setReadOnly(True)
        self.text.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # English licence texts
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(mono)
        self.text.setPlainText(self.tr("Reading…"))
        self.loaded = False
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text, 1)
        lay.addWidget(buttons)
        fit_to_screen(self, 820, 600)
        from daftar.notices import read_notices

        ctx.runner.run_read(read_notices, self._show)

    def _show(self, fut) -> None:
        import shiboken6

        if not shiboken6.isValid(self) or not shiboken6.isValid(self.text):
            return  # closed (and deleted) before the notices were read
        try:
            text = fut.result()
        except Exception as e:  # noqa: BLE001 - said in the dialog
            text = self.tr("The notices could not be read: {reason}").format(reason=reason(e))
        self.text.setPlainText(text)
        self.loaded = True


class AboutDialog(QDialog):
    """Version, workspace and the software Daftar carries (with a button to its notices)."""

    def __init__(self, win) -> None:
        super().__init__(win)
        from daftar import __version__

        self.ctx = win.ctx
        self.setObjectName("AboutDialog")
        self.setWindowTitle(self.tr("About Daftar"))
        ws = self.ctx.ws
        encrypted = self.tr("yes") if getattr(ws, "encrypted", False) else self.tr("no")
        self.label = QLabel(self)
        self.label.setObjectName("aboutText")
        wrapping(self.label)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setText("\n".join([
            self.tr("Daftar {version}: land revenue registers, digitised offline first.").format(
                version=ltr(__version__)),
            "",
            self.tr("Workspace: {path}").format(path=ltr(ws.root)),
            self.tr("Encrypted: {answer}").format(answer=encrypted),
            self.tr("Runs on: {versions}").format(
                versions=ltr(f"Python {sys.version.split()[0]}, Qt {qVersion()}")),
            "",
            self.tr("Daftar carries the work of others under their own licences: Qt (LGPL-3.0), Tesseract "
                    "and its Urdu and English data (Apache-2.0), the Noto Urdu fonts (OFL-1.1), and the "
                    "Python packages it needs. Its number models were trained in part on the MNIST "
                    "handwritten digits (CC-BY-SA-3.0)."),
        ]))
        self.notices_btn = QPushButton(self.tr("Third-party software and licences…"), self)
        self.notices_btn.setObjectName("noticesButton")
        self.notices_btn.clicked.connect(self.show_notices)
        self.notices: NoticesDialog | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.notices_btn)
        row.addStretch(1)
        row.addWidget(buttons)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label, 1)
        lay.addLayout(row)
        fit_to_screen(self, 560, 320)

    def show_notices(self) -> NoticesDialog:
        self.notices = _shown(NoticesDialog(self.ctx, self))
        return self.notices


def _shown(dlg):
    """A help window shown beside the work (not modal), gone when closed."""
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    return dlg


def show_shortcuts(win) -> ShortcutsDialog:
    return _shown(ShortcutsDialog(win))


def show_about(win) -> AboutDialog:
    return _shown(AboutDialog(win))
