"""The keying aids of one CorrectionView: type-ahead, ditto and offered values.

`KeyingAids(view)` hooks itself into the view's cell delegate (`delegate.aids`): each text
editor gets an EditorCompleter, each empty cell whose value follows from others gets it as
a placeholder. Keys, in the editor and on the table alike:
Ctrl+D ditto of the field above · Ctrl+Shift+D the same owner as the row above ·
Ctrl+Space take the offered value (next khasra number, area or share that follows).
Every fill goes through the model's setData (one undoable SetValueCommand, Ctrl+Z undoes it).

The Vocabulary (every register's values, ranked by the register open at each lookup) is
built in the read pool when the first page is shown and then kept in memory, counting each
saved edit; it is read again only for a register it does not know, or when another
register is opened once it is VOCAB_MAX_AGE_S old. Lookups never touch the database.
"""

from __future__ import annotations

import time

from desktop.bidi import key_text
from desktop.correction.rows_model import SetValueCommand
from desktop.keying.completer import EditorCompleter, SuggestionPopup
from desktop.keying.fill import ditto_value, offered_value, owner_field
from desktop.keying.urdu_keyboard import mark_urdu_editor
from desktop.operations import error_text, read_op
from desktop.qt import QAction, QEvent, QKeySequence, QObject, Qt, Signal
from records.suggest import Suggestion, Vocabulary, group_of

VOCAB_MAX_AGE_S = 600  # another register opened after this builds the vocabulary again
DITTO = "Ctrl+D"
DITTO_OWNER = "Ctrl+Shift+D"
TAKE_OFFER = "Ctrl+Space"


def _combo(event) -> str:
    mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
                                | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)
    return QKeySequence(event.key() | mods.value).toString(QKeySequence.SequenceFormat.PortableText)


class KeyingAids(QObject):
    """Type-ahead and fills for a CorrectionView (`view.keying`)."""

    vocabulary_ready = Signal()

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view, self.model, self.ctx = view, view.model, view.ctx
        self.vocab: Vocabulary | None = None
        self._vocab_register: int | None = None
        self._vocab_built = 0.0  # time.monotonic() when the vocabulary was read
        self._building = False
        self.popup = SuggestionPopup(view, font_size=self.ctx.prefs.font_size)
        self.delegate = view.table.itemDelegate()
        self.delegate.aids = self
        self._editors: dict[int, tuple[object, int, str, str | None]] = {}
        self._saves: list[tuple[str, str] | None] = []
        self._stack_index = view.undo_stack.index()
        view.undo_stack.indexChanged.connect(self._on_stack_index)
        self.model.saved.connect(self._on_saved)
        self.model.save_failed.connect(self._on_save_failed)
        view.page_loaded.connect(self._on_page_loaded)
        self._build_actions()

    # -- vocabulary -------------------------------------------------------
    @property
    def register_id(self) -> int | None:
        return self.model.page.register_id if self.model.page is not None else None

    def _on_page_loaded(self, _page_id: int) -> None:
        if self._vocabulary_stale():
            self.build_vocabulary()

    def _vocabulary_stale(self) -> bool:
        """Whether the page shown needs the vocabulary built (again): none yet, a register
        it does not know (made since), or another register opened once it is older than
        VOCAB_MAX_AGE_S (values OCR read meanwhile). It holds every register's values and
        ranks by the register at each lookup, so turning to another register needs no new
        one: it was built again on every register opened, 2-3 s of a core and the UI
        thread waiting for Python's lock meanwhile on a workspace of 100,000 entries."""
        if self.vocab is None:
            return True
        rid = self.register_id
        if rid is None or rid == self._vocab_register:
            return False
        if rid not in self.vocab.mauza_of:
            return True
        return time.monotonic() - self._vocab_built > VOCAB_MAX_AGE_S

    def build_vocabulary(self) -> None:
        """Build the workspace vocabulary in the read pool (the old one serves meanwhile)."""
        if self._building:
            return
        self._building = True
        rid = self.register_id

        def done(v: Vocabulary) -> None:
            self._building = False
            self.vocab, self._vocab_register, self._vocab_built = v, rid, time.monotonic()
            self.vocabulary_ready.emit()
            if self._vocabulary_stale():  # (a register made while it was read)
                self.build_vocabulary()

        def failed(e: BaseException) -> None:
            self._building = False
            self.view.status.setText(self.tr("Suggestions unavailable: {error}").format(error=error_text(e)))

        read_op(Vocabulary.from_session).success(done).failure(failed).run_in_background(self.ctx)

    def suggest(self, field: str, typed: str) -> list[Suggestion]:
        """Suggestions for `typed` in `field` of the open register (empty until built)."""
        if self.vocab is None:
            return []
        return self.vocab.suggest(field, typed, register_id=self.register_id, limit=8)

    def suggest_choice(self, spec, typed: str) -> list[Suggestion]:
        """The choices of a choice field that begin with what is typed (in Urdu, or the English
        name), the ones used most in this register first; none once a choice is typed whole."""
        from records.text import normalise

        t = normalise(typed)
        if not t:
            return []
        found = [c for c in spec.choices if normalise(c.ur) != t and (
            normalise(c.ur).startswith(t) or c.en.lower().startswith(t.lower()))]
        used = {s.text: s for s in self.suggest(spec.name, t)} if self.vocab is not None else {}
        out = [Suggestion(c.ur, c.ur, "value", used[c.ur].count if c.ur in used else 0,
                          used[c.ur].local if c.ur in used else 0) for c in found]
        return sorted(out, key=lambda s: (-s.local, -s.count))[:8]

    def _on_stack_index(self, index: int) -> None:
        # Each SetValueCommand pushed, undone or redone is one save on the writer thread, in order.
        prev, self._stack_index = self._stack_index, index
        try:
            self._count_save(prev, index)
        except RuntimeError:  # the view and its stack are being deleted
            pass

    def _count_save(self, prev: int, index: int) -> None:
        if index == prev + 1:
            cmd = self.view.undo_stack.command(index - 1)
            if isinstance(cmd, SetValueCommand) and not cmd.quiet:  # (a quiet one saved nothing)
                self._saves.append((cmd.field, cmd.new))
        elif index == prev - 1:
            cmd = self.view.undo_stack.command(index)
            if isinstance(cmd, SetValueCommand):
                self._saves.append(None)

    def _on_saved(self, _changes) -> None:
        item = self._saves.pop(0) if self._saves else None
        if item is not None and self.vocab is not None:
            self.vocab.add(item[0], item[1], register_id=self.register_id)

    def _on_save_failed(self, _msg: str) -> None:
        if self._saves:
            self._saves.pop(0)

    # -- the cell editor (called by FieldDelegate) ------------------------
    def attach(self, editor, index) -> None:
        """Give a new cell editor its completer and offered value."""
        spec = self.model.template.columns[index.column()]
        comp = None
        if not spec.numeric:
            mark_urdu_editor(editor)  # phonetic typing (Latin keys -> Urdu letters) applies here
        if spec.kind == "choice":
            # one list, of the field's choices only: Qt's completer and this popup both showed,
            # one over the other, Down moving one of them, Enter leaving the other in sight;
            # and words saved before (a misread نہرے) were offered as if they were choices
            editor.setCompleter(None)
            comp = EditorCompleter(editor, self.popup, lambda text, s=spec: self.suggest_choice(s, text))
            comp.accepted.connect(lambda _s, finish, ed=editor: finish and self._finish(ed))
        elif not spec.numeric and group_of(spec.name) is not None:
            comp = EditorCompleter(editor, self.popup, lambda text, f=spec.name: self.suggest(f, text))
            comp.accepted.connect(lambda _s, finish, ed=editor: finish and self._finish(ed))
        offer = offered_value(self.model, index.row(), spec.name)
        if offer:
            editor.setPlaceholderText(offer)
            editor.setToolTip(self.tr("{value} — {key} takes it").format(value=offer, key=TAKE_OFFER))
        key = id(editor)
        self._editors[key] = (comp, index.row(), spec.name, offer)
        editor.destroyed.connect(lambda *_: self._editors.pop(key, None))

    def key_event(self, editor, event) -> bool:
        """Keys of an open editor, before the delegate's own: popup keys and fills."""
        etype = event.type()
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        info = self._editors.get(id(editor))
        if info is None:
            return False
        comp, row, field, offer = info
        combo = _combo(event)
        ours = combo in (DITTO, DITTO_OWNER, TAKE_OFFER)
        if etype == QEvent.Type.ShortcutOverride:
            if ours or (comp is not None and event.key() == Qt.Key.Key_Escape
                        and (comp.popup.isVisible() or comp.esc_meant_for_list())):
                event.accept()
                return True
            return False
        if (comp is not None and event.key() == Qt.Key.Key_Escape and not comp.popup.isVisible()
                and comp.esc_meant_for_list()):
            # the list closed by itself as the word was typed whole: this Esc was meant for it
            # (in one line of the status beside the page at 1366 px, in either language)
            self.view.status.setText(self.tr("Suggestions closed: the word is whole. Esc again cancels the edit."))
        if comp is not None and comp.key_press(event):
            return True
        if combo == DITTO or (combo == DITTO_OWNER and field == owner_field(self.model)):
            value = ditto_value(self.model, row, field)
            if value is None:
                self.view.status.setText(self.tr("Nothing above to repeat"))
            else:
                editor.setText(value)
                self._finish(editor)
            return True
        if combo == DITTO_OWNER:
            self.ditto_owner(row)
            return True
        if combo == TAKE_OFFER:
            if offer:
                editor.setText(offer)
                self._finish(editor)
            return True
        return False

    def _finish(self, editor) -> None:
        """Save the editor's text (one undoable edit) and go to the next field, as Enter does
        (at the page's last field it stays there)."""
        self.delegate.finish(editor)

    # -- table actions (no editor open) ----------------------------------
    def _build_actions(self) -> None:
        specs = [
            ("ditto", self.tr("Ditto (value above)"), DITTO, self.ditto),
            ("dittoOwner", self.tr("Same owner as above"), DITTO_OWNER, lambda: self.ditto_owner()),
            ("takeOffer", self.tr("Take offered value"), TAKE_OFFER, self.take_offer),
        ]
        for name, text, key, slot in specs:
            act = QAction(text, self.view)
            act.setObjectName(name)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(f"{text} ({key_text(key)})")  # the key as printed, also in Urdu
            act.triggered.connect(slot)
            self.view.addAction(act)
            self.view.toolbar.addAction(act)
            self.view.actions_by_name[name] = act

    def _current(self):
        idx = self.view.table.currentIndex()
        if not idx.isValid() or self.model.template is None:
            return None
        return idx

    def ditto(self) -> None:
        """Ctrl+D on the table: the value of the field above, then the next field."""
        idx = self._current()
        if idx is None:
            return
        value = ditto_value(self.model, idx.row(), self.model.template.columns[idx.column()].name)
        if value is None:
            self.view.status.setText(self.tr("Nothing above to repeat"))
            return
        if self.model.setData(idx, value):
            self._next_field()

    def ditto_owner(self, row: int | None = None) -> None:
        """Ctrl+Shift+D: the owner line of the row above into this row's owner field."""
        idx = self._current()
        field = owner_field(self.model)
        if field is None or (row is None and idx is None):
            return
        row = idx.row() if row is None else row
        value = ditto_value(self.model, row, field)
        if value is None:
            self.view.status.setText(self.tr("Nothing above to repeat"))
            return
        self.model.setData(self.model.index(row, self.model.column_of(field)), value)

    def take_offer(self) -> None:
        """Ctrl+Space on the table: the offered value of an empty field, then the next field."""
        idx = self._current()
        if idx is None:
            return
        offer = offered_value(self.model, idx.row(), self.model.template.columns[idx.column()].name)
        if offer is None:
            self.view.status.setText(self.tr("No value follows for this field"))
            return
        if self.model.setData(idx, offer):
            self._next_field()

    def _next_field(self) -> None:
        idx = self.view.table.currentIndex()
        col, row = idx.column() + 1, idx.row()
        if col >= self.model.columnCount():
            col, row = 0, row + 1
        if row < self.model.rowCount():
            self.view.table.setCurrentIndex(self.model.index(row, col))
