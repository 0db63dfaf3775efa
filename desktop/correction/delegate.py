"""Cell editors: right-to-left line edits with the Urdu font; numbers typed left to right,
also inside Urdu text (desktop.typed_numbers: marks shown in the editor, never saved).

Urdu or Latin digits are both accepted (records normalises them). Enter commits and moves
to the next field, like Tab; at the page's last field (or Shift+Tab at its first) the editor
closes and the cursor stays there: Qt went round to row 1 with its editor open and the text
selected, so the next row's first value replaced row 1's. Text typed and left for a moment
is saved while the editor is still open, so even a crash in the middle of a field keeps
what was typed. The page's own keys (`view_keys`: Ctrl+Ins add row, Ctrl+Del delete row...)
reach the page from an open editor, before the line edit's own shortcuts: it took Ctrl+Ins
as Copy, no row was added, and the row the clerk went on keying was the one above.
A text field's editor is as wide as its text, as far as the table's view allows, so that a
long remark is read from its start (`_fit`, `_show_start`); so is a number's (a list of khasra
numbers) longer than its cell, still left to right.
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from desktop.correction.rows_model import CancelledEditCommand
from desktop.fonts import urdu_font
from desktop.qt import (
    QAbstractItemDelegate,
    QCompleter,
    QEvent,
    QFontMetricsF,
    QKeySequence,
    QLineEdit,
    QRect,
    QStyledItemDelegate,
    Qt,
    QTimer,
)
from desktop.typed_numbers import keep_numbers_in_order, plain, set_text

IDLE_SAVE_MS = 800
# An open text field is at least this wide (px), reaching over the cells beside it: at
# 1366 px the owner column is about 50 px and owner lines were typed blind.
TEXT_EDITOR_MIN_WIDTH = 260
_BEFORE = "daftarValueBefore"  # editor property: the field's value when the editor opened
_CELL = "daftarCellCentre"  # editor property: the centre of its cell in the view
_CELL_RECT = "daftarCellRect"  # editor property: the editor's cell in the view (`_fit`)
_LEAST = "daftarLeastWidth"  # editor property: how wide it opens at least (px), beside its cell's width
_RTL = "daftarCellRtl"  # editor property: its table is right to left (the editor grows leftwards)
_SHOWN = "daftarShown"  # editor property: it has been shown once (`_show_start`)
# what a line edit shows beside its text: its own margins (2 px a side), the cursor, and a
# little for rounding; a text this much narrower than the editor is shown whole
_TEXT_PADDING = 8
PAUSE_SAVE = "pauseSave"  # the editor's timer that saves what was typed after IDLE_SAVE_MS


class FieldDelegate(QStyledItemDelegate):
    """Editors for the fields of a PageRowsModel."""

    def __init__(self, model, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self.aids = None  # desktop.keying.aids.KeyingAids: type-ahead and fills for the editors
        # the page's keys an open editor leaves to the page's actions (set by the view)
        self.view_keys: Callable[[], list[QKeySequence]] = list
        # called when Tab/Enter at the page's last field (or Shift+Tab at its first) stops there
        self.at_page_end: Callable[[int], None] | None = None
        self._font = urdu_font(model.ctx.prefs.font_size)

    def createEditor(self, parent, option, index):
        spec = self._model.template.columns[index.column()]
        ed = QLineEdit(parent)
        ed.setObjectName(f"editor_{spec.name}")
        ed.setFont(self._font)
        ed.setFrame(False)
        if spec.numeric:
            ed.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            ed.setAlignment(Qt.AlignmentFlag.AlignCenter)
        else:
            ed.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            ed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
            keep_numbers_in_order(ed)  # `12-5` typed after Urdu letters shows as typed, not `5-12`
        if spec.kind == "choice":
            comp = QCompleter([c.ur for c in spec.choices] + [c.en for c in spec.choices], ed)
            comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            ed.setCompleter(comp)
        idle = QTimer(ed)
        idle.setObjectName(PAUSE_SAVE)
        idle.setSingleShot(True)
        idle.setInterval(IDLE_SAVE_MS)
        idle.timeout.connect(lambda: self.commitData.emit(ed))
        ed.textEdited.connect(lambda _t: idle.start())
        ed.textChanged.connect(lambda _t: self._fit(ed))  # (as wide as the text: the start in sight)
        if self.aids is not None:
            self.aids.attach(ed, index)
        return ed

    def destroyEditor(self, editor, index) -> None:  # noqa: N802 - Qt override
        """The view is done with an editor (what was typed saved, or put back with Esc): its
        pause-save stops. Qt deletes the editor later, which a menu's or a dialog's own event
        loop puts off past the pause (the tool bar's », a question): the pause-save then fired
        on an editor no view had (Qt: "commitData called with an editor that does not belong
        to this view")."""
        timer = editor.findChild(QTimer, PAUSE_SAVE)
        if timer is not None:
            timer.stop()
        super().destroyEditor(editor, index)

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: N802 - Qt override
        """A field's editor over its cell, as wide as its text needs (at least the cell and, for
        a text field, TEXT_EDITOR_MIN_WIDTH; at most the table's view), growing over the cells
        after it (to the left in Urdu) within the view. A number that fits its cell (its
        column is as wide as its values, a list of khasra numbers as two of them) stays in
        it, exactly as Qt places it. Called again when the view scrolls or resizes; `_fit`
        follows what is typed."""
        super().updateEditorGeometry(editor, option, index)
        editor.setProperty(_CELL, option.rect.center())  # (the editor may reach over others)
        spec = self._model.template.columns[index.column()]
        editor.setProperty(_LEAST, 0 if spec.numeric else TEXT_EDITOR_MIN_WIDTH)
        editor.setProperty(_CELL_RECT, editor.geometry())  # the cell, as Qt placed the editor
        editor.setProperty(_RTL, option.direction == Qt.LayoutDirection.RightToLeft)
        self._fit(editor)

    @staticmethod
    def _text_width(editor) -> int:
        """The width (px) `editor` needs to show all its text: the text, the line edit's own
        margins at both sides, the cursor."""
        return ceil(QFontMetricsF(editor.font()).horizontalAdvance(editor.text())) + _TEXT_PADDING

    def _fit(self, editor) -> None:
        """Place a field's editor for its cell and its text (see updateEditorGeometry).

        A text longer than the editor was scrolled to its end, where Qt leaves the cursor: a
        long remark at the view's edge (the Remarks column, last in the row) showed only its
        last word in a cell-wide strip, and a list of ten khasra numbers (351 px in a 148 px
        cell) only its last four. The editor now grows to the whole text as far as the view
        allows, toward the inside of the view at its edge. A number's editor keeps its own
        direction (left to right, centred): as wide as the number, it shows it whole, in order."""
        cell = editor.property(_CELL_RECT)
        view = editor.parentWidget()  # the table's viewport
        if cell is None or view is None:
            return
        least, needed = editor.property(_LEAST) or 0, self._text_width(editor)
        if not least and needed <= cell.width():  # a number that fits its cell: there, as before
            if editor.textMargins().right() or editor.geometry() != cell:
                editor.setTextMargins(0, 0, 0, 0)
                editor.setGeometry(cell)
            return
        room = view.width()
        width = min(max(cell.width(), least, needed), room)
        rtl = bool(editor.property(_RTL))
        left = cell.right() + 1 - width if rtl else cell.left()
        left = max(0, min(left, room - width))  # in the view, toward its inside at its edges
        over_before = 0
        if rtl:
            # no room after the cell (the last columns in sight: lagan, remarks): the editor
            # reaches over the cells before it too, and what is typed starts at the cell's own
            # edge, not the editor's; drawn from the editor's right edge, the words sat over the
            # khasra numbers two columns away and read as theirs. A text too long for that
            # starts as far right as it must to be seen whole.
            # (a number's editor is no wider than the number: it needs no margin)
            over_before = max(0, min(left + width - 1 - cell.right(), width - needed))
        if editor.textMargins().right() != over_before:
            editor.setTextMargins(0, 0, over_before, 0)
        if editor.geometry() != QRect(left, cell.top(), width, cell.height()):
            editor.setGeometry(left, cell.top(), width, cell.height())
        editor.raise_()
        if editor.property(_SHOWN):  # (narrower now: the view resized) its start still in sight
            self._show_start(editor)

    @staticmethod
    def _show_start(editor, *, opening: bool = False) -> None:
        """An editor on a text wider than it can be shows the text's start (its right end in
        Urdu, a number's left end) while the clerk has not touched it (the text as Qt selected
        it on opening, or on `opening` nothing typed): the cursor goes to the start, the text
        stays selected (a key typed still replaces it, End goes to its end). A text that fits
        keeps Qt's cursor at its end, for adding to it; once the clerk moves the cursor or
        types, it stays."""
        shown = editor.width() - editor.textMargins().left() - editor.textMargins().right()
        if FieldDelegate._text_width(editor) <= shown or editor.isModified():
            return
        n = len(editor.text())
        if len(editor.selectedText()) == n:
            if editor.cursorPosition() != 0:
                editor.setSelection(n, -n)  # (selected from its end back to its start)
        elif opening:
            editor.setCursorPosition(0)

    def setEditorData(self, editor, index) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if editor.property(_BEFORE) is None:  # (called again when an idle save changes the model)
            # what Escape puts back, even after an idle save: the stored value, not as shown
            spec = self._model.template.columns[index.column()]
            editor.setProperty(_BEFORE, self._model.text(index.row(), spec.name))
        if plain(editor.text()) != text and not editor.isModified():
            # (what the clerk is typing stays: a change of another field of the page, Ctrl+Shift+D
            # from this editor, refreshed every open editor and wiped what was typed here)
            set_text(editor, text)  # its numbers marked to show left to right (desktop.typed_numbers)

    def setModelData(self, editor, model, index) -> None:
        """What was typed, without the editor's marks (a value is never changed by them alone)."""
        typed, before = plain(editor.text()), index.data(Qt.ItemDataRole.EditRole) or ""
        model.setData(index, before if plain(before) == typed else typed, Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.Show and not editor.property(_SHOWN) and editor.property(_CELL_RECT) is not None:
            # an editor first shown: Qt has filled it and selected its text, the
            # cursor at its end
            editor.setProperty(_SHOWN, True)
            self._show_start(editor, opening=True)
        if event.type() == QEvent.Type.ShortcutOverride and self._page_key(event):
            event.ignore()  # not the line edit's (Ctrl+Ins: Copy): the page's action fires
            return True
        if self.aids is not None and self.aids.key_event(editor, event):
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish(editor)
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.finish(editor, QAbstractItemDelegate.EndEditHint.EditPreviousItem if back
                        else QAbstractItemDelegate.EndEditHint.EditNextItem)
            return True
        if event.type() == QEvent.Type.KeyPress and not editor.isModified():
            # Tab or Enter opens the next cell's editor: Ctrl+Z there, before anything is
            # typed in it, means the page's last change (the line edit has nothing to undo)
            stack = getattr(self._model, "undo_stack", None)
            for key, can, act in ((QKeySequence.StandardKey.Undo, "canUndo", "undo"),
                                  (QKeySequence.StandardKey.Redo, "canRedo", "redo")):
                if stack is not None and event.matches(key) and getattr(stack, can)():
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                    getattr(stack, act)()
                    return True
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self._revert(editor)
        return super().eventFilter(editor, event)

    def _page_key(self, event) -> bool:
        combo = event.keyCombination().toCombined()
        return any(k.count() == 1 and k[0].toCombined() == combo for k in self.view_keys())

    def finish(self, editor, hint=QAbstractItemDelegate.EndEditHint.EditNextItem) -> None:
        """Save the editor's text and go to the next (previous) field, as Tab does; at the
        page's last (first) field the editor closes and the cursor stays on it."""
        self.commitData.emit(editor)
        index = self._editing_index(editor)
        model = index.model() if index is not None else None
        if model is not None:
            last = (model.rowCount() - 1, model.columnCount() - 1)
            at_end = (index.row(), index.column()) == (
                last if hint == QAbstractItemDelegate.EndEditHint.EditNextItem else (0, 0))
            if at_end and hint in (QAbstractItemDelegate.EndEditHint.EditNextItem,
                                   QAbstractItemDelegate.EndEditHint.EditPreviousItem):
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                if self.at_page_end is not None:
                    self.at_page_end(1 if hint == QAbstractItemDelegate.EndEditHint.EditNextItem else -1)
                return
        self.closeEditor.emit(editor, hint)

    def _revert(self, editor) -> None:
        """Escape leaves the field as it was before the editor opened: a value saved while the
        clerk paused (IDLE_SAVE_MS) is put back too, as an undoable change. What was typed and
        not yet saved is kept for undo as well (Esc within IDLE_SAVE_MS of typing dropped it,
        and Ctrl+Z could not bring it back): one key never loses typed work."""
        before = editor.property(_BEFORE)
        index = self._editing_index(editor)
        if before is None or index is None:
            return
        spec = self._model.template.columns[index.column()]
        typed = " ".join(plain(editor.text()).split())
        unsaved = editor.isModified() and typed != " ".join((index.data(Qt.ItemDataRole.EditRole) or "").split())
        if self._model.text(index.row(), spec.name) != before:
            if unsaved:
                self.commitData.emit(editor)  # (what the pause would have saved) then put back
            self._model.setData(index, before, Qt.ItemDataRole.EditRole)
        elif unsaved and typed and self._model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            entry_id = self._model.entry_id(index.row())
            if entry_id is not None:
                self._model.undo_stack.push(CancelledEditCommand(self._model, entry_id, spec.name, typed, before))

    def _editing_index(self, editor):
        view = self.parent()
        if view is None or not hasattr(view, "indexAt"):
            return None
        cell = editor.property(_CELL)
        index = view.indexAt(cell if cell is not None else editor.geometry().center())
        return index if index.isValid() else None
