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

In a right-to-left line a `-` or `/` typed at a number's end, before its next digit, was
drawn on the number's other side (`12-` as `-12`: nothing after it joins it to the number);
it goes between two LEFT-TO-RIGHT MARKs, which stay when the digit follows (no edit before
the cursor: the digit is typed as Qt types it, in the same undo step). Between them the
separator is left to right, as the digits are in a right-to-left line, and joins them; the
next number after the words that follow gets its own RIGHT-TO-LEFT MARK, or W7 would join
it to this one. Arabic-Indic digits (٠-٩) are Arabic numbers in any context, a mark before
them changes nothing, and a `-` between them split them (`١٢-٥` drawn `٥-١٢`); between
LEFT-TO-RIGHT MARKs it joins them too. In a left-to-right line (a comment in the English
interface) the marks around a separator would split the number around the Urdu word before
it: there they are not put, and a trailing `-` is still drawn apart for one keystroke.

Every edit here is planned on the whole line (`plan`): the line's plain text after the edit,
marked as a whole value is marked, reached by the smallest change to what the editor holds.
So typing, Backspace, Delete, Ctrl+Backspace and Ctrl+Delete, a paste, a drop and an input
method's commit all leave the marks the line needs, and none it does not.

The marks are only in the editor: `plain()` takes them out of what is saved (the delegate,
the dialogs' getters) and of what is copied or cut (Ctrl+C, Ctrl+X, the editor's menu, X11's
selection: an invisible character in a number pasted into a spreadsheet or a search box
makes it another text). Text without Urdu letters is typed exactly as before.

Why marks and not isolates (U+2066…U+2069) around the number: an isolate needs a closing
PDI after the cursor, so the next word typed after the number went inside it, and every key
had to step over it; marks are stateless. Why not an editor drawing other text than it
holds: QLineEdit places its cursor, selection and clicks by the text it holds, so they would
fall in the wrong places.

Backspace and Delete never take a mark alone (a key that changes nothing on screen): they
take the visible character beside the cursor, a number's mark goes with its last digit;
Ctrl+Backspace and Ctrl+Delete take the word Qt takes, on past a mark if that was all.
The arrow keys stop on both sides of a RIGHT-TO-LEFT MARK: there the cursor is drawn at the
number's one end, then at its other, as Qt draws it where any left-to-right run meets Urdu;
they step over a LEFT-TO-RIGHT MARK, drawn where the separator beside it is.
"""

from __future__ import annotations

import unicodedata

from desktop.i18n import LRM, RLM
from desktop.qt import (
    QApplication,
    QClipboard,
    QEvent,
    QInputMethodEvent,
    QKeySequence,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    QStringListModel,
    Qt,
    QTextCursor,
)
from records.text import ARABIC_INDIC_DIGITS, LATIN_DIGITS, URDU_DIGITS

MARK = RLM  # RIGHT-TO-LEFT MARK, before a number
MARKS = frozenset((RLM, LRM))  # what an editor adds (a LEFT-TO-RIGHT MARK around a trailing separator)
DIGITS = frozenset(LATIN_DIGITS + URDU_DIGITS)  # (bidi class EN)
ARABIC_NUMBERS = frozenset(ARABIC_INDIC_DIGITS)  # (bidi class AN: Arabic numbers anywhere)
SEPARATORS = frozenset("-/")  # typed at a number's end, drawn there (`marked`)
_TYPING_MODS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
_RTL = ("R", "AL", "LRM")  # what came before a number that bidi would draw right to left


def plain(text: str) -> str:
    """`text` without the marks an editor put in (what is saved, compared and copied)."""
    return text.replace(RLM, "").replace(LRM, "") if text else text


def _strong(ch: str) -> str | None:
    if ch == LRM:
        return "LRM"  # (only ever around a number's trailing separator, in a right-to-left number)
    kind = unicodedata.bidirectional(ch)
    return kind if kind in ("L", "R", "AL") else None


def _last_strong(text: str) -> str | None:
    for ch in reversed(text):
        kind = _strong(ch)
        if kind is not None:
            return kind
    return None


def marked(typed: str, before: str = "", after: str = "", *, rtl: bool | None = False) -> str:
    """`typed` as it goes into an editor between `before` and `after`: with a mark before each
    number (Latin or Urdu digits) that starts right after Urdu letters, and one at its end
    when `after` starts such a number. In a right-to-left line (`rtl`) a `-` or `/` in such a
    number, or after Arabic-Indic digits, goes between two LEFT-TO-RIGHT MARKs: typed at its
    end (no digit after it yet) it was drawn on the number's other side, `12-` as `-12`, and
    `١٢-٥` was drawn `٥-١٢` (a mark before them does not change Arabic numbers; between the
    marks, the `-` is left to right as they are in a right-to-left line, and joins them).
    `marked(text)` marks a whole value. `rtl` None: the line's first strong letter says.
    """
    if rtl is None:
        first = next((k for k in map(_strong, before + typed + after) if k), None)
        rtl = first in ("R", "AL")
    last, prev = _last_strong(before), before[-1:]
    rtl_number = prev in DIGITS and last in _RTL
    out = []
    for ch in typed:
        if ch in "\n\u2029":  # (a new paragraph: bidi starts again)
            last = None
        if ch in DIGITS and prev not in DIGITS:
            if last in ("AL", "LRM") and prev not in SEPARATORS:
                out.append(MARK)
                last = "R"
            rtl_number = last in _RTL
        if rtl and ch in SEPARATORS and (prev in DIGITS and rtl_number or prev in ARABIC_NUMBERS):
            out.append(f"{LRM}{ch}{LRM}")
            last, prev = "LRM", ch
            continue
        out.append(ch)
        last, prev = _strong(ch) or last, ch
    if after[:1] in DIGITS and last in ("AL", "LRM") and prev not in DIGITS:
        out.append(MARK)
    return "".join(out)


def _after_visible(text: str, n: int) -> int:
    """The index in `text` after its first `n` characters that are not marks, and the marks
    that follow them."""
    i = seen = 0
    while seen < n and i < len(text):
        seen += text[i] not in MARKS
        i += 1
    while i < len(text) and text[i] in MARKS:
        i += 1
    return i


def plan(text: str, start: int, end: int, new: str, *, rtl: bool | None = False) -> tuple[int, int, str, int]:
    """`text[start:end]` replaced by `new` (plain text), the line marked as a whole value (in a
    right-to-left line: `rtl`) is:
    the smallest change to `text` that makes it, as (from, to, replacement), and where the
    cursor goes after `new` (indices in `text` and in the line after the change)."""
    head = plain(text[:start])
    target = marked(head + new + plain(text[end:]), rtl=rtl)
    p, most = 0, min(len(text), len(target))
    while p < most and text[p] == target[p]:
        p += 1
    q = 0
    while q < most - p and text[-1 - q] == target[-1 - q]:
        q += 1
    return p, len(text) - q, target[p:len(target) - q], _after_visible(target, len(head) + len(new))


class _Line:
    """The edits this module makes to a QLineEdit (one undo step each, as Qt's own keys)."""

    def __init__(self, edit: QLineEdit) -> None:
        self.edit = edit

    def state(self) -> tuple[str, int, int, int]:
        """The text, the selection (start, end; the cursor twice without one), the cursor."""
        e = self.edit
        p = e.cursorPosition()
        if e.hasSelectedText():
            start = e.selectionStart()
            return e.text(), start, start + len(e.selectedText()), p
        return e.text(), p, p, p

    def apply(self, a: int, b: int, repl: str, cursor: int, *, alone: bool = False) -> None:
        """Put `repl` in place of text[a:b] and the cursor at `cursor`, in the undo step of
        what was typed before (`alone`: a step of its own, as Qt's paste).

        QLineEdit's Ctrl+Z takes back the edits since its cursor last moved, and of them only
        insertions or only deletions of one kind: a step of its own replaces a selection
        (one step); one typed goes by Backspace and Delete from the cursor, which moves only
        when it is not in [a, b]."""
        e = self.edit
        text, s, t, c = self.state()
        if alone or t > s:
            if alone:
                self._separate()
            a2, b2 = (min(a, s), max(b, t)) if t > s else (a, b)  # (a selection goes too)
            repl = text[a2:a] + repl + text[b:b2]
            if b2 > a2:
                e.setSelection(a2, b2 - a2)  # (Qt's own step: removed and typed over)
            elif e.hasSelectedText() or c != a2:
                e.setCursorPosition(a2)
            if repl:
                e.insert(repl)
            elif b2 > a2:
                e.del_()
        else:
            if not a <= c <= b:
                c = a if c < a else b
                e.setCursorPosition(c)
            for _ in range(c - a):
                e.backspace()
            for _ in range(b - c):
                e.del_()
            if repl:
                e.insert(repl)
        if e.cursorPosition() != cursor:
            e.setCursorPosition(cursor)
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

    def word(self, forward: bool) -> tuple[int, int] | None:
        """Where Qt's Ctrl+Delete (Ctrl+Backspace) deletes to, from the cursor, over marks."""
        e = self.edit
        p = e.cursorPosition()
        q = p
        while True:
            e.setCursorPosition(q)
            e.cursorWordForward(False) if forward else e.cursorWordBackward(False)
            moved = e.cursorPosition()
            if moved == q:
                break
            q = moved
            if any(ch not in MARKS for ch in e.text()[min(p, q):max(p, q)]):
                break
        e.setCursorPosition(p)
        return min(p, q), max(p, q)

    def rtl(self) -> bool:
        return _right_to_left(self.edit)

    def at(self, pos) -> int:
        return self.edit.cursorPositionAt(pos)

    def selected(self) -> str:
        return self.edit.selectedText()

    def remove_selected(self) -> None:
        self.edit.del_()


class _Plain:
    """The same edits in a QPlainTextEdit (bidi is per paragraph: the cursor's block)."""

    def __init__(self, edit: QPlainTextEdit) -> None:
        self.edit = edit

    def state(self) -> tuple[str, int, int, int] | None:
        c = self.edit.textCursor()
        block = c.block()
        start, end = sorted((c.anchor(), c.position()))
        if not (block.position() <= start and end <= block.position() + block.length() - 1):
            return None  # a selection over lines: Qt's own
        b = block.position()
        return block.text(), start - b, end - b, c.position() - b

    def apply(self, a: int, b: int, repl: str, cursor: int, *, alone: bool = False) -> None:
        """As _Line's: the document merges what is only typed (or only deleted) into the undo
        step of the same before it, as Qt's own keys; a paste, or what both deletes and
        types, is one step of its own."""
        c = self.edit.textCursor()
        base = c.block().position()
        block = alone or (a < b and bool(repl))
        if block:
            c.beginEditBlock()
        c.setPosition(base + a)
        c.setPosition(base + b, QTextCursor.MoveMode.KeepAnchor)
        if repl:
            c.insertText(repl)
        else:
            c.removeSelectedText()
        if block:
            c.endEditBlock()
        c.setPosition(base + cursor)
        self.edit.setTextCursor(c)
        self.edit.ensureCursorVisible()

    def word(self, forward: bool) -> tuple[int, int] | None:
        c = self.edit.textCursor()
        block, p = c.block(), c.position()
        op = QTextCursor.MoveOperation.NextWord if forward else QTextCursor.MoveOperation.PreviousWord
        text = block.text()
        while True:
            q = c.position()
            c.movePosition(op)
            if c.position() == q or c.block() != block:
                if c.block() != block:
                    return None  # (to another line: Qt's own)
                break
            lo, hi = sorted((p, c.position()))
            if any(ch not in MARKS for ch in text[lo - block.position():hi - block.position()]):
                break
        lo, hi = sorted((p, c.position()))
        return lo - block.position(), hi - block.position()

    def rtl(self) -> bool | None:
        return _right_to_left(self.edit, self.edit.textCursor().block())

    def at(self, pos) -> int | None:
        c = self.edit.cursorForPosition(pos)
        return c.positionInBlock() if c.block() == self.edit.textCursor().block() else None

    def selected(self) -> str:
        return self.edit.textCursor().selectedText().replace("\u2029", "\n")

    def remove_selected(self) -> None:
        c = self.edit.textCursor()
        c.removeSelectedText()
        self.edit.setTextCursor(c)


def _right_to_left(widget, block=None) -> bool | None:
    """Whether `widget` lays its line out right to left; None: as its text's first strong
    letter says (a plain text edit's paragraph, `block`, of no set direction)."""
    if isinstance(widget, QPlainTextEdit):
        block = block or widget.document().firstBlock()
        auto = Qt.LayoutDirection.LayoutDirectionAuto
        way = block.blockFormat().layoutDirection()
        way = widget.document().defaultTextOption().textDirection() if way == auto else way
        return None if way == auto else way == Qt.LayoutDirection.RightToLeft
    return widget.layoutDirection() == Qt.LayoutDirection.RightToLeft


def _ops(widget):
    if isinstance(widget, QLineEdit) and widget.echoMode() == QLineEdit.EchoMode.Normal and not (
            widget.inputMask() or widget.validator()):
        return None if widget.isReadOnly() else _Line(widget)
    if isinstance(widget, QPlainTextEdit) and not widget.isReadOnly():
        return _Plain(widget)
    return None


def _edit(ops, start: int, end: int, new: str, *, alone: bool = False, qt: tuple[str, int] | None = None) -> bool:
    """Replace [start, end) of the editor's line by `new` with the marks the line needs;
    False when that is `qt` (what Qt's own key would make, and its cursor): Qt does it."""
    state = ops.state()
    if state is None:
        return False
    text = state[0]
    a, b, repl, cursor = plan(text, start, end, new, rtl=ops.rtl())
    if qt is not None and (text[:a] + repl + text[b:], cursor) == qt:
        return False
    ops.apply(a, b, repl, cursor, alone=alone)
    return True


_COMPLETER_KEYS = frozenset((Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Return,
                             Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape))
_EDITOR_OF = "daftarNumbersEditor"  # a completer's popup property: the looked-after editor it completes


class NumberTyping(QObject):
    """Event filter of the editors it looks after (`keep_numbers_in_order`)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._editors: dict[int, QLineEdit] = {}  # id(popup): the editor its completer completes

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ContextMenu, QEvent.Type.InputMethod, QEvent.Type.Drop,
                        QEvent.Type.FocusIn):
            return False
        if obj.property(_EDITOR_OF):  # a completer's list, open while typing: its keys are the editor's
            editor = self._editors.get(id(obj))
            if editor is None or kind != QEvent.Type.KeyPress or event.key() in _COMPLETER_KEYS:
                return False
            return self.eventFilter(editor, event)  # (True: done here; the completer forwards nothing)
        if isinstance(obj, QLineEdit) and kind in (QEvent.Type.KeyPress, QEvent.Type.FocusIn):
            self._watch_completer(obj)
        if kind == QEvent.Type.FocusIn:
            return False
        if kind in (QEvent.Type.ContextMenu, QEvent.Type.Drop) and isinstance(obj.parent(), QPlainTextEdit):
            obj = obj.parent()  # (a plain text edit's menu and drops are its viewport's)
        ops = _ops(obj)
        if ops is None:
            return False
        if kind == QEvent.Type.ContextMenu:
            return self._menu(obj, ops, event)
        if kind == QEvent.Type.InputMethod:
            return self._commit(obj, ops, event)
        if kind == QEvent.Type.Drop:
            return self._drop(obj, ops, event)
        if event.matches(QKeySequence.StandardKey.Paste):
            return self.paste(ops)
        for key, cut in ((QKeySequence.StandardKey.Copy, False), (QKeySequence.StandardKey.Cut, True)):
            if event.matches(key):
                return self.copy(ops, cut=cut)
        for key, forward in ((QKeySequence.StandardKey.DeleteStartOfWord, False),
                             (QKeySequence.StandardKey.DeleteEndOfWord, True)):
            if event.matches(key):
                return self._delete_word(ops, forward)
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if mods:
            return False
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            return self._arrow(obj, ops, event)
        if event.key() == Qt.Key.Key_Backspace:
            return self._backspace(ops)
        if event.key() == Qt.Key.Key_Delete:
            return self._delete(ops)
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & _TYPING_MODS:
            return False
        return self._type(ops, text)

    def _watch_completer(self, edit: QLineEdit) -> None:
        """Qt's completer of `edit`: keys typed while its list is open (it sends them to the
        editor's own event(), past this filter) are typed here, and its completions are
        marked as the editor's text is, for its prefix to match what is typed (a chosen
        completion goes into the editor marked; `text_of` reads it without)."""
        comp = edit.completer()
        if comp is None:
            return
        popup = comp.popup()
        if not popup.property(_EDITOR_OF):
            popup.setProperty(_EDITOR_OF, True)
            popup.installEventFilter(self)
            self._editors[id(popup)] = edit
            popup.destroyed.connect(lambda *_a, key=id(popup): self._editors.pop(key, None))
        model = comp.model()
        if isinstance(model, QStringListModel) and not comp.property(_EDITOR_OF):
            comp.setProperty(_EDITOR_OF, True)
            rtl = _right_to_left(edit)
            model.setStringList([marked(plain(t), rtl=rtl) for t in model.stringList()])

    @staticmethod
    def _type(ops, text: str, *, alone: bool = False) -> bool:
        """Type `text` with its marks; False (Qt types it) when it needs none."""
        state = ops.state()
        if state is None:
            return False
        line, start, end, _c = state
        naive = (line[:start] + text + line[end:], start + len(text))
        return _edit(ops, start, end, text, alone=alone, qt=None if alone else naive)

    @staticmethod
    def _commit(obj, ops, event) -> bool:
        """Text an input method commits (ibus or a Windows IME typing Urdu) with its marks:
        the commit replaces what around the cursor the marks change (one step, as typed)."""
        text = event.commitString()
        state = ops.state() if text and not event.replacementLength() else None
        if state is None or state[1] != state[2]:
            return False  # (over a selection, or nothing committed: Qt's own)
        line, c = state[0], state[3]
        a, b, repl, _cursor = plan(line, c, c, text, rtl=ops.rtl())
        if (a, b, repl) == (c, c, text):
            return False
        again = QInputMethodEvent(event.preeditString(), event.attributes())
        again.setCommitString(repl, a - c, b - a)
        obj.event(again)  # (to the editor itself: past this filter)
        return True

    def paste(self, ops, text: str | None = None) -> bool:
        """Paste the clipboard's text with the marks its numbers need (one undo step)."""
        text = QApplication.clipboard().text() if text is None else text
        if isinstance(ops, _Line):
            text = " ".join(text.splitlines())
        state = ops.state()
        if not text or state is None:
            return False
        line, start, end, _c = state
        naive = (line[:start] + text + line[end:], start + len(text))
        return _edit(ops, start, end, plain(text), alone=True, qt=naive)

    def _drop(self, obj, ops, event) -> bool:
        """Text dropped into the editor from another window or field, with the marks its
        numbers need, as pasted there (one undo step). A drag of the editor's own selection
        is Qt's own move: its text comes with its marks."""
        md, source = event.mimeData(), event.source()
        if not md.hasText() or source is not None and source in (obj, getattr(obj, "viewport", lambda: None)()):
            return False
        at = ops.at(event.position().toPoint())
        if at is None or ops.state() is None:
            return False
        text = plain(md.text())
        if isinstance(ops, _Line):
            text = " ".join(text.splitlines())
        self._at(ops, at)
        _edit(ops, at, at, text, alone=True)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        obj.setFocus()
        return True

    @staticmethod
    def _at(ops, pos: int) -> None:
        if isinstance(ops, _Line):
            ops.edit.deselect()
            ops.edit.setCursorPosition(pos)
        else:
            c = ops.edit.textCursor()
            c.setPosition(c.block().position() + pos)
            ops.edit.setTextCursor(c)

    @staticmethod
    def copy(ops, *, cut: bool = False) -> bool:
        """Copy (cut) the selection without its marks; False (Qt's own) when it has none."""
        text = ops.selected()
        if not MARKS & set(text):
            return False
        QApplication.clipboard().setText(plain(text))
        if cut:
            ops.remove_selected()
        return True

    @staticmethod
    def _arrow(obj, ops, event) -> bool:
        """Left and Right as Qt moves the cursor, on past a LEFT-TO-RIGHT MARK (around a
        separator it is drawn where the character beside it is: a key that moved nothing)."""
        state = ops.state()
        if state is None or LRM not in state[0]:
            return False
        line, c0 = state[0], state[3]
        for _ in range(len(line) + 1):
            obj.event(event)  # (Qt's own move, past this filter)
            c1 = ops.state()[3]
            lo, hi = sorted((c0, c1))
            if c1 == c0 or any(ch != LRM for ch in line[lo:hi]):
                break
            c0 = c1
        return True

    @staticmethod
    def _backspace(ops) -> bool:
        """Backspace takes the visible character before the cursor (never a mark alone); the
        marks around it are what the line then needs."""
        state = ops.state()
        if state is None or state[1] != state[2]:
            return False  # a selection: Qt takes it out
        line, c = state[0], state[3]
        j = c - 1
        while j >= 0 and line[j] in MARKS:
            j -= 1
        if j < 0:
            return c > 0  # (only marks before it: nothing to take)
        return _edit(ops, j, c, "", qt=(line[:c - 1] + line[c:], c - 1))

    @staticmethod
    def _delete(ops) -> bool:
        """Delete takes the visible character after the cursor, as Backspace the one before."""
        state = ops.state()
        if state is None or state[1] != state[2]:
            return False
        line, c = state[0], state[3]
        k = c
        while k < len(line) and line[k] in MARKS:
            k += 1
        if k == len(line):
            return k > c
        return _edit(ops, c, k + 1, "", qt=(line[:c] + line[c + 1:], c))

    @staticmethod
    def _delete_word(ops, forward: bool) -> bool:
        """Ctrl+Delete (Ctrl+Backspace) takes the word Qt takes, and the marks with it that it
        leaves nothing to belong to; a range of marks alone it goes on past."""
        state = ops.state()
        if state is None or state[1] != state[2]:
            return False
        line = state[0]
        span = ops.word(forward)
        if span is None or span[0] == span[1]:
            return False
        s, e = span
        at = s if forward else s
        return _edit(ops, s, e, "", alone=True, qt=(line[:s] + line[e:], at))

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
    if MARKS & set(text):
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
    text = marked(text or "", rtl=_right_to_left(widget))
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    else:
        widget.setText(text)


def text_of(widget) -> str:
    """What a looked-after editor holds, without its marks."""
    return plain(widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text())
