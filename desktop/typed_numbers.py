"""Numbers typed into Urdu text keep their left-to-right order while they are typed.

In a line of Urdu, the Unicode bidi algorithm takes the digits after an Arabic letter as
"Arabic numbers" (rule W2), and a `-` between two of them does not join them (a `/`, `.` or
`:` does, rule W4): the area `12-5` typed after `رقبہ ` showed as `5-12` until the value was
saved and shown with isolates (desktop.bidi). Clerks "corrected" right numbers because of it.
Every number is marked all the same: while it is typed nobody knows whether a `-` follows.

An editor looked after here (`keep_numbers_in_order`) puts a RIGHT-TO-LEFT MARK (U+200F)
before each number that starts after Urdu letters, in the same `insert()` as the digit typed
(a key, the on-screen keyboard, phonetic typing, an input method's commit, Ctrl+V): one
undo step with it. W2 makes Arabic numbers only of digits after an Arabic letter (class
AL); after the mark (class R) they stay European numbers, a `-` or `/` between them joins
them into one run, drawn left to right (Latin and Urdu digits alike). A LEFT-TO-RIGHT MARK
does that too, but it made the numbers after it one left-to-right run with the words between
them: `خسرہ ۱۲۵/۵، ۱۲۶` showed 126 right of 125/5, and in a left-to-right line (a comment in
the English interface) the number went right of the Urdu word before it.

The mark is only in the editor: `plain()` takes it out of what is saved (the delegate, the
dialogs' getters) and of what is copied or cut (Ctrl+C, Ctrl+X, the editor's menu, X11's
selection: an invisible character in a number pasted into a spreadsheet or a search box
makes it another text). Text without Urdu letters is typed exactly as before.

Why a mark and not isolates (U+2066…U+2069) around the number: an isolate needs a closing
PDI after the cursor, so the next word typed after the number went inside it, and every key
had to step over it; one mark before the number is stateless. Why not an editor drawing
other text than it holds: QLineEdit places its cursor, selection and clicks by the text it
holds, so they would fall in the wrong places.

Backspace and Delete never take a mark alone (a key that changes nothing on screen): a mark
goes with the last digit of its number, and a key next to a mark takes the visible character.
The arrow keys stop on both sides of a mark: there the cursor is drawn at the number's one
end, then at its other, as Qt draws it where any left-to-right run meets Urdu.
Arabic-Indic digits (٠-٩) are Arabic numbers in any context; a mark does not change them.
"""

from __future__ import annotations

import unicodedata

from desktop.i18n import RLM
from desktop.qt import (
    QApplication,
    QClipboard,
    QEvent,
    QInputMethodEvent,
    QKeySequence,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    Qt,
    QTextCursor,
)
from records.text import LATIN_DIGITS, URDU_DIGITS

MARK = RLM  # RIGHT-TO-LEFT MARK
DIGITS = frozenset(LATIN_DIGITS + URDU_DIGITS)  # (bidi class EN)
_IN_NUMBER = DIGITS | frozenset("-/.:")
_TYPING_MODS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


def plain(text: str) -> str:
    """`text` without the marks an editor put in (what is saved, compared and copied)."""
    return text.replace(MARK, "") if text else text


def _strong(ch: str) -> str | None:
    kind = unicodedata.bidirectional(ch)
    return kind if kind in ("L", "R", "AL") else None


def _last_strong(text: str) -> str | None:
    for ch in reversed(text):
        kind = _strong(ch)
        if kind is not None:
            return kind
    return None


def marked(typed: str, before: str = "", after: str = "") -> str:
    """`typed` as it goes into an editor between `before` and `after`: with a mark before each
    number (Latin or Urdu digits) that starts right after Urdu letters, and one at its end
    when `after` starts such a number. `marked(text)` marks a whole value."""
    last, prev = _last_strong(before), before[-1:]
    out = []
    for ch in typed:
        if ch in "\n\u2029":  # (a new paragraph: bidi starts again)
            last = None
        if ch in DIGITS and last == "AL" and prev not in DIGITS:
            out.append(MARK)
            last = "R"
        out.append(ch)
        last, prev = _strong(ch) or last, ch
    if after[:1] in DIGITS and last == "AL" and prev not in DIGITS:
        out.append(MARK)
    return "".join(out)


class _Line:
    """The edits this module makes to a QLineEdit (one undo step each, as Qt's own keys)."""

    def __init__(self, edit: QLineEdit) -> None:
        self.edit = edit

    def around(self) -> tuple[str, str, bool]:
        """The text before and after the cursor (or the selection), and whether there is one."""
        e, text = self.edit, self.edit.text()
        if e.hasSelectedText():
            start = e.selectionStart()
            return text[:start], text[start + len(e.selectedText()):], True
        p = e.cursorPosition()
        return text[:p], text[p:], False

    def insert(self, text: str, *, alone: bool = False) -> None:
        """Type `text` over the selection; `alone`: an undo step of its own (as Qt's paste)."""
        if alone:
            self._separate()
        self.edit.insert(text)
        if alone:
            self._separate()

    def _separate(self) -> None:
        # QLineEdit starts a new undo step when its cursor moves: there to and back (with a
        # selection, it is set again: the insert replaces it)
        e = self.edit
        if e.hasSelectedText():
            start, n = e.selectionStart(), len(e.selectedText())
            e.setCursorPosition(start)
            e.setSelection(start, n)
        elif e.text():
            p = e.cursorPosition()
            e.setCursorPosition(p - 1 if p > 0 else p + 1)
            e.setCursorPosition(p)

    def move(self, steps: int) -> None:
        self.edit.setCursorPosition(self.edit.cursorPosition() + steps)

    def backspace(self, n: int = 1) -> None:
        for _ in range(n):
            self.edit.backspace()

    def delete(self, n: int = 1) -> None:
        for _ in range(n):
            self.edit.del_()

    def selected(self) -> str:
        return self.edit.selectedText()

    def remove_selected(self) -> None:
        self.edit.del_()


class _Plain:
    """The same edits in a QPlainTextEdit (bidi is per paragraph: the cursor's block)."""

    def __init__(self, edit: QPlainTextEdit) -> None:
        self.edit = edit

    def around(self) -> tuple[str, str, bool] | None:
        c = self.edit.textCursor()
        block = c.block()
        start, end = sorted((c.anchor(), c.position()))
        if not (block.position() <= start and end <= block.position() + block.length() - 1):
            return None  # a selection over lines: Qt's own
        text = block.text()
        return text[:start - block.position()], text[end - block.position():], c.hasSelection()

    def insert(self, text: str, *, alone: bool = False) -> None:
        c = self.edit.textCursor()
        if alone:
            c.beginEditBlock()  # (a paste: one undo step of its own)
        c.insertText(text)
        if alone:
            c.endEditBlock()
        self.edit.setTextCursor(c)
        self.edit.ensureCursorVisible()

    def move(self, steps: int) -> None:
        c = self.edit.textCursor()
        op = QTextCursor.MoveOperation.NextCharacter if steps > 0 else QTextCursor.MoveOperation.PreviousCharacter
        c.movePosition(op, QTextCursor.MoveMode.MoveAnchor, abs(steps))
        self.edit.setTextCursor(c)

    def backspace(self, n: int = 1) -> None:
        c = self.edit.textCursor()
        for _ in range(n):
            c.deletePreviousChar()
        self.edit.setTextCursor(c)

    def delete(self, n: int = 1) -> None:
        c = self.edit.textCursor()
        for _ in range(n):
            c.deleteChar()
        self.edit.setTextCursor(c)

    def selected(self) -> str:
        return self.edit.textCursor().selectedText().replace("\u2029", "\n")

    def remove_selected(self) -> None:
        c = self.edit.textCursor()
        c.removeSelectedText()
        self.edit.setTextCursor(c)


def _ops(widget):
    if isinstance(widget, QLineEdit) and widget.echoMode() == QLineEdit.EchoMode.Normal and not (
            widget.inputMask() or widget.validator()):
        return None if widget.isReadOnly() else _Line(widget)
    if isinstance(widget, QPlainTextEdit) and not widget.isReadOnly():
        return _Plain(widget)
    return None


class NumberTyping(QObject):
    """Event filter of the editors it looks after (`keep_numbers_in_order`)."""

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ContextMenu, QEvent.Type.InputMethod):
            return False
        if kind == QEvent.Type.ContextMenu and isinstance(obj.parent(), QPlainTextEdit):
            obj = obj.parent()  # (a plain text edit's menu is asked for by its viewport)
        ops = _ops(obj)
        if ops is None:
            return False
        if kind == QEvent.Type.ContextMenu:
            return self._menu(obj, ops, event)
        if kind == QEvent.Type.InputMethod:
            return self._commit(obj, ops, event)
        if event.matches(QKeySequence.StandardKey.Paste):
            return self.paste(ops)
        for key, cut in ((QKeySequence.StandardKey.Copy, False), (QKeySequence.StandardKey.Cut, True)):
            if event.matches(key):
                return self.copy(ops, cut=cut)
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if mods:
            return False
        if event.key() == Qt.Key.Key_Backspace:
            return self._backspace(ops)
        if event.key() == Qt.Key.Key_Delete:
            return self._delete(ops)
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & _TYPING_MODS:
            return False
        return self._type(ops, text)

    @staticmethod
    def _type(ops, text: str, *, alone: bool = False) -> bool:
        """Type `text` with its marks; False (Qt types it) when it needs none."""
        around = ops.around()
        if around is None:
            return False
        before, after, _sel = around
        out = marked(text, before, after)
        if out == text and not alone:
            return False
        ops.insert(out, alone=alone)
        return True

    @staticmethod
    def _commit(obj, ops, event) -> bool:
        """Text an input method commits (ibus or a Windows IME typing Urdu) with its marks."""
        text = event.commitString()
        around = ops.around() if text and not event.replacementLength() else None
        out = marked(text, *around[:2]) if around is not None else text
        if out == text:
            return False
        again = QInputMethodEvent(event.preeditString(), event.attributes())
        again.setCommitString(out)
        obj.event(again)  # (to the editor itself: past this filter)
        return True

    def paste(self, ops) -> bool:
        """Paste the clipboard's text with the marks its numbers need (one undo step)."""
        text = QApplication.clipboard().text()
        if isinstance(ops, _Line):
            text = " ".join(text.splitlines())
        around = ops.around()
        if not text or around is None or marked(plain(text), *around[:2]) == text:
            return False  # (Qt's own paste)
        return self._type(ops, plain(text), alone=True)

    @staticmethod
    def copy(ops, *, cut: bool = False) -> bool:
        """Copy (cut) the selection without its marks; False (Qt's own) when it has none."""
        text = ops.selected()
        if MARK not in text:
            return False
        QApplication.clipboard().setText(plain(text))
        if cut:
            ops.remove_selected()
        return True

    @staticmethod
    def _backspace(ops) -> bool:
        around = ops.around()
        if around is None or around[2]:
            return False  # a selection: Qt takes it out
        before, after, _ = around
        marks = len(before) - len(before.rstrip(MARK))
        if marks and len(before) > marks:
            ops.move(-marks)  # the visible character before the mark goes; the mark stays
            ops.backspace()
            return True
        if before[-1:] in DIGITS and before[-2:-1] == MARK and after[:1] not in _IN_NUMBER:
            ops.backspace(2)  # the number's last digit goes with its mark
            return True
        return False

    @staticmethod
    def _delete(ops) -> bool:
        around = ops.around()
        if around is None or around[2]:
            return False
        _before, after, _ = around
        marks = len(after) - len(after.lstrip(MARK))
        if not marks or len(after) == marks:
            return False
        if after[marks] in DIGITS and after[marks + 1:marks + 2] not in _IN_NUMBER:
            ops.delete(marks + 1)  # the number's only digit goes with its mark
        else:
            ops.move(marks)  # the visible character after the mark goes; the mark stays
            ops.delete()
        return True

    def _menu(self, obj, ops, event) -> bool:
        """The editor's own menu, its Cut, Copy and Paste as Ctrl+X, Ctrl+C and Ctrl+V here."""
        menu = obj.createStandardContextMenu()
        ours = {"edit-cut": lambda: self.copy(ops, cut=True) or obj.cut(),
                "edit-copy": lambda: self.copy(ops) or obj.copy(),
                "edit-paste": lambda: self.paste(ops) or obj.paste()}
        for action in menu.actions():
            do = ours.get(action.objectName())
            if do is not None:
                action.triggered.disconnect()
                action.triggered.connect(lambda _checked=False, do=do: do())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
        return True


def _helper() -> NumberTyping:
    app = QApplication.instance()
    helper = app.findChild(NumberTyping, "numberTyping")
    if helper is None:
        helper = NumberTyping(app)
        helper.setObjectName("numberTyping")
        if app.clipboard().supportsSelection():
            app.clipboard().selectionChanged.connect(_unmark_selection)
    return helper


def _unmark_selection() -> None:
    """Text selected in a looked-after editor goes to X11's selection (middle-click paste)
    without its marks, as Ctrl+C copies it."""
    cb = QApplication.clipboard()
    text = cb.text(QClipboard.Mode.Selection) if cb.ownsSelection() else ""
    if MARK in text:
        cb.setText(plain(text), QClipboard.Mode.Selection)


def keep_numbers_in_order(widget):
    """Look after `widget` (a QLineEdit or QPlainTextEdit of Urdu text): numbers typed or
    pasted into it stay left to right. Read its text with `text_of`, set it with `set_text`."""
    helper = _helper()
    widget.installEventFilter(helper)
    if isinstance(widget, QPlainTextEdit):
        widget.viewport().installEventFilter(helper)
    return widget


def set_text(widget, text: str) -> None:
    """Put a value into a looked-after editor, its numbers marked."""
    text = marked(text or "")
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    else:
        widget.setText(text)


def text_of(widget) -> str:
    """What a looked-after editor holds, without its marks."""
    return plain(widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text())
