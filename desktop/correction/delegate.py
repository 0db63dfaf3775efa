"""Cell editors: right-to-left line edits with the Urdu font; numbers typed left to right.

Urdu or Latin digits are both accepted (records normalises them). Enter commits and moves
to the next field, like Tab. Text typed and left for a moment is saved while the editor is
still open, so even a crash in the middle of a field keeps what was typed.
"""

from __future__ import annotations

from desktop.fonts import urdu_font
from desktop.qt import (
    QAbstractItemDelegate,
    QCompleter,
    QEvent,
    QKeySequence,
    QLineEdit,
    QStyledItemDelegate,
    Qt,
    QTimer,
)

IDLE_SAVE_MS = 800
_BEFORE = "daftarValueBefore"  # editor property: the field's value when the editor opened


class FieldDelegate(QStyledItemDelegate):
    """Editors for the fields of a PageRowsModel."""

    def __init__(self, model, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self.aids = None  # desktop.keying.aids.KeyingAids: type-ahead and fills for the editors
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
        if spec.kind == "choice":
            comp = QCompleter([c.ur for c in spec.choices] + [c.en for c in spec.choices], ed)
            comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            ed.setCompleter(comp)
        idle = QTimer(ed)
        idle.setSingleShot(True)
        idle.setInterval(IDLE_SAVE_MS)
        idle.timeout.connect(lambda: self.commitData.emit(ed))
        ed.textEdited.connect(lambda _t: idle.start())
        if self.aids is not None:
            self.aids.attach(ed, index)
        return ed

    def setEditorData(self, editor, index) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if editor.property(_BEFORE) is None:  # (called again when an idle save changes the model)
            # what Escape puts back, even after an idle save: the stored value, not as shown
            spec = self._model.template.columns[index.column()]
            editor.setProperty(_BEFORE, self._model.text(index.row(), spec.name))
        if editor.text() != text:
            editor.setText(text)

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor, event) -> bool:
        if self.aids is not None and self.aids.key_event(editor, event):
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
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

    def _revert(self, editor) -> None:
        """Escape leaves the field as it was before the editor opened: a value saved while the
        clerk paused (IDLE_SAVE_MS) is put back too, as an undoable change."""
        before = editor.property(_BEFORE)
        index = self._editing_index(editor)
        if before is None or index is None:
            return
        spec = self._model.template.columns[index.column()]
        if self._model.text(index.row(), spec.name) != before:
            self._model.setData(index, before, Qt.ItemDataRole.EditRole)

    def _editing_index(self, editor):
        view = self.parent()
        if view is None or not hasattr(view, "indexAt"):
            return None
        index = view.indexAt(editor.geometry().center())
        return index if index.isValid() else None
