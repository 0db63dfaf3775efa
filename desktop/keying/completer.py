"""Type-ahead popup for the cell editor of text fields (keyboard only).

The popup lists `Suggestion.shown` right to left in the Urdu font under the open editor.
It never takes the focus: the editor keeps it, and `EditorCompleter.key_press` (called by
the cell delegate before its own key handling) moves and accepts:
Down/Up move · Enter/Tab accept · Esc dismisses (a second Esc leaves the editor as usual).
Nothing is selected until Down is pressed, so Enter on what was typed keeps its meaning.
The list closes by itself once a whole known word is typed (nothing left to offer): an Esc
pressed just after that (ESC_GRACE_S) was meant for the list, and closes nothing more; it
cancelled the field's edit, and what was typed was lost.

Lookups go to an in-memory records.suggest.Vocabulary: never a database query per key.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from desktop.fonts import urdu_font
from desktop.qt import (
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from desktop.typed_numbers import set_text
from records.suggest import Suggestion
from records.text import isolate_numbers

Lookup = Callable[[str], list[Suggestion]]
MAX_SHOWN = 8
# an Esc this soon after the list closed by itself (the typed word was whole) was meant for it
ESC_GRACE_S = 1.5


class SuggestionPopup(QListWidget):
    """The list under the editor (a child widget of the view, so it never steals focus)."""

    def __init__(self, parent=None, *, font_size: float = 13) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionPopup")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setFont(urdu_font(font_size))
        self.setFrameShape(QFrame.Shape.Box)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)  # one row height for all: no per-item text measuring
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet("QListWidget#suggestionPopup { background: #fffff4; border: 1px solid #777; }"
                           "QListWidget#suggestionPopup::item:selected { background: #2a62b8; color: white; }")
        self.suggestions: list[Suggestion] = []
        self.hide()

    def show_for(self, editor: QLineEdit, suggestions: list[Suggestion]) -> None:
        """Fill with `suggestions` and place under (or above) `editor`; hide when empty."""
        self.suggestions = list(suggestions[:MAX_SHOWN])
        if not self.suggestions:
            self.hide()
            return
        if [self.item(i).text() for i in range(self.count())] == [isolate_numbers(s.shown) for s in self.suggestions]:
            self.setCurrentRow(-1)  # the same list (typing on within a word): keep the items
            self._place(editor)
            return
        self.setUpdatesEnabled(False)
        self.clear()
        for s in self.suggestions:
            item = QListWidgetItem(isolate_numbers(s.shown))  # (an area 12-5 in a value: drawn 5-12)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                  | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(self.tr("{n} use(s)").format(n=s.count))
            self.addItem(item)
        self.setCurrentRow(-1)
        self.setUpdatesEnabled(True)
        self._place(editor)

    def _place(self, editor: QLineEdit) -> None:
        # Placed in the coordinates of its parent (the correction view), never re-parented:
        # a child of the table or its viewport would reach their event filters while they die.
        host = self.parentWidget()
        row_h = self.sizeHintForRow(0) if self.count() else 24
        height = row_h * len(self.suggestions) + 2 * self.frameWidth() + 2
        fm = self.fontMetrics()
        text_w = max(fm.horizontalAdvance(s.shown) for s in self.suggestions) + 2 * self.frameWidth() + 16
        width = min(max(editor.width(), 220, text_w), max(host.width(), 220))
        top = editor.mapTo(host, QPoint(0, 0)).y()
        right = editor.mapTo(host, QPoint(editor.width(), 0)).x()
        x = min(max(0, right - width), max(0, host.width() - width))  # right edges aligned
        below, above = host.height() - (top + editor.height()), top
        if height > below and above > below:  # the side with more room; there, no taller than it
            height = min(height, above)
            y = top - height
        else:
            height = min(height, below)
            y = top + editor.height()
        self.setGeometry(x, y, width, height)  # (a list cut short scrolls: Down still reaches every line)
        if self.currentRow() >= 0:
            self.scrollToItem(self.currentItem())
        self.show()
        self.raise_()

    def replace_later(self, editor: QLineEdit) -> None:
        """Place again once pending layout changes have moved the editor (first key of a cell)."""
        def again() -> None:
            try:
                if self.isVisible() and editor.isVisible():
                    self._place(editor)
            except RuntimeError:  # the editor or the view is gone
                pass

        QTimer.singleShot(0, self, again)

    def selected(self) -> Suggestion | None:
        row = self.currentRow()
        return self.suggestions[row] if self.isVisible() and 0 <= row < len(self.suggestions) else None

    def move_selection(self, step: int) -> None:
        n = len(self.suggestions)
        if n:
            row = self.currentRow()
            self.setCurrentRow(max(0, min(n - 1, (row + step) if row >= 0 else (0 if step > 0 else n - 1))))


def _hide_quietly(popup: SuggestionPopup) -> None:
    try:
        popup.hide()
    except RuntimeError:  # the table (and the popup in it) is gone too
        pass


class EditorCompleter(QObject):
    """Type-ahead for one open editor. `accepted(suggestion, finish)`: the editor's text was
    set to the suggestion; `finish` is True for a whole value (the cell is done)."""

    accepted = Signal(object, bool)

    def __init__(self, editor: QLineEdit, popup: SuggestionPopup, lookup: Lookup) -> None:
        super().__init__(editor)
        self.editor, self.popup, self.lookup = editor, popup, lookup
        self.closed_itself_at: float | None = None  # time.monotonic() the list closed as typed
        editor.textEdited.connect(self.refresh)
        # Not a method of this object: Qt deletes an editor's children before its destroyed().
        editor.destroyed.connect(lambda *_a, popup=popup: _hide_quietly(popup))

    def refresh(self, text: str | None = None) -> None:
        """Look up what is typed and show the popup (synchronously: a lookup takes < 1 ms)."""
        text = self.editor.text() if text is None else text
        was_visible = self.popup.isVisible()
        self.popup.show_for(self.editor, self.lookup(text) if text.strip() else [])
        if self.popup.isVisible() and not was_visible:
            self.popup.replace_later(self.editor)
        self.closed_itself_at = time.monotonic() if was_visible and not self.popup.isVisible() else None

    def esc_meant_for_list(self) -> bool:
        """Whether an Esc now is one meant for the list that has just closed by itself."""
        at = self.closed_itself_at
        return at is not None and time.monotonic() - at <= ESC_GRACE_S

    def key_press(self, event) -> bool:
        """Handle popup keys; True when the key was used."""
        if not self.popup.isVisible():
            if event.key() == Qt.Key.Key_Escape and self.esc_meant_for_list():
                self.closed_itself_at = None  # (a second Esc cancels the edit, as usual)
                return True
            self.closed_itself_at = None
            return False
        key = event.key()
        if key == Qt.Key.Key_Down:
            self.popup.move_selection(1)
            return True
        if key == Qt.Key.Key_Up:
            self.popup.move_selection(-1)
            return True
        if key == Qt.Key.Key_Escape:
            self.popup.hide()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            s = self.popup.selected()
            if s is None:
                self.popup.hide()
                return False  # Enter/Tab on what was typed: the editor's own meaning
            self.accept(s)
            return True
        return False

    def accept(self, s: Suggestion) -> None:
        """Put the suggestion into the editor; a word keeps the editor open for the next word."""
        set_text(self.editor, s.text)  # (a number in it shown left to right: desktop.typed_numbers)
        self.editor.setCursorPosition(len(self.editor.text()))
        self.popup.hide()
        finish = s.kind == "value" or not s.text.endswith(" ")
        self.accepted.emit(s, finish)
        if not finish:
            self.editor.textEdited.emit(self.editor.text())  # autosave timer and next words
