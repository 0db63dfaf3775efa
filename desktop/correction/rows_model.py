"""The rows of one page as a table model: edits are saved at once, flags update live.

Columns follow the template (column 0 is the rightmost of the register; views show the
table right to left). Each cell knows its value, its OCR box and its flags: the stored OCR
flags (low confidence...) until the clerk corrects the value, plus the rules of
records.validation computed over the whole page after every edit (share sums, areas...).
Edits go through an undo stack whose commands call records.services.set_value on the
database-writer thread; the model shows the new text at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from desktop.bidi import shown_value
from desktop.i18n import bilingual, flag_text, is_rtl, message
from desktop.operations import entry as entry_ops
from desktop.operations import error_text
from desktop.qt import (
    QAbstractTableModel,
    QBrush,
    QColor,
    QCoreApplication,
    QModelIndex,
    Qt,
    QUndoCommand,
    QUndoStack,
    Signal,
)
from records.fields import check_value, display_value, stored_text
from records.flags import ERROR, OCR_CODES, WARNING, Flag
from records.services import Changes, PageView, RowView
from records.templates import Template
from records.text import display_digits, normalise
from records.validation import validate_rows
from records.workflow import EDITABLE, EDITORS, RETURNED

BoxRole = Qt.ItemDataRole.UserRole + 1
FlagsRole = Qt.ItemDataRole.UserRole + 2
EntryIdRole = Qt.ItemDataRole.UserRole + 3

LOCKED_COLOUR = QColor("#6b6b6b")
_COLOURS = {ERROR: QColor("#f8d0cc"), WARNING: QColor("#fff0c0")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PageRows", text)


# how an OCR flag's message names its row (ocr.confidence): "row 5, Owner: OCR is unsure of …"
_OCR_ROW = re.compile(r"row (\d+), ")


def at_row(flag: Flag, row: int) -> Flag:
    """An OCR flag as of the row (0-based) it is on now: its message was written when the page
    was read, and a row added or deleted above it since then left it naming another row (the
    sixth row's owner said "row 5")."""
    m = _OCR_ROW.match(flag.message)
    if m is None or int(m.group(1)) == row + 1:
        return flag
    return replace(flag, message=f"row {row + 1}, {flag.message[m.end():]}", row=row)


def worst(flags: list[Flag]) -> str:
    sev = {f.severity for f in flags}
    return ERROR if ERROR in sev else WARNING if WARNING in sev else ("info" if sev else "none")


def _label(model: PageRowsModel, field: str) -> str:
    spec = model.template.field(field) if model.template is not None else None
    return (spec.label_ur if is_rtl() else spec.label_en) if spec is not None else field


class SetValueCommand(QUndoCommand):
    """Undoable edit of one field: redo/undo both save through services.set_value."""

    def __init__(self, model: PageRowsModel, entry_id: int, field: str, old: str, new: str) -> None:
        super().__init__(_tr("Edit {field}").format(field=_label(model, field)))  # shown as "Undo Edit Area (K-M)"
        self.model, self.entry_id, self.field, self.old, self.new = model, entry_id, field, old, new

    quiet = False  # True while the command's push saved nothing (CancelledEditCommand)

    def redo(self) -> None:
        self.model.apply_value(self.entry_id, self.field, self.new)

    def undo(self) -> None:
        self.model.apply_value(self.entry_id, self.field, self.old)


class CancelledEditCommand(SetValueCommand):
    """What Esc cancelled before it was saved, kept for undo: pushing it saves nothing (the
    field keeps its value); undo puts the typed text in and saves it, redo takes it out again."""

    def __init__(self, model: PageRowsModel, entry_id: int, field: str, typed: str, value: str) -> None:
        super().__init__(model, entry_id, field, typed, value)
        self.setText(_tr("Cancel typing in {field}").format(field=_label(model, field)))
        self._pushed = False

    def redo(self) -> None:
        self.quiet = not self._pushed
        if self._pushed:
            super().redo()
        self._pushed = True

    def undo(self) -> None:
        self.quiet = False
        super().undo()


class PageRowsModel(QAbstractTableModel):
    """Rows of one page (RowView), editable, with flags and boxes per cell."""

    saved = Signal(object)  # Changes of a finished save
    save_failed = Signal(str)
    reloaded = Signal()

    def __init__(self, ctx, parent=None, *, undo_stack: QUndoStack | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack = undo_stack or QUndoStack(self)
        self.page: PageView | None = None
        self.template: Template | None = None
        self._rows: list[RowView] = []
        self._texts: list[dict[str, str]] = []
        self._ocr_flags: dict[tuple[int, str], list[Flag]] = {}
        self._rule_flags: dict[tuple[int, str | None], list[Flag]] = {}
        self.page_flags: list[Flag] = []
        self._id_map: dict[int, int] = {}  # entry id -> its newest version's id
        self.above: dict[str, str] = {}  # per field, its value above the first row (previous page)
        self.khewat_holdings: dict = {}  # an intiqal's khewats in the mauza's jamabandi (their areas)
        self._pending = 0
        self._reload_after_save = False
        # saves what is typed in an open cell editor and not yet saved (set by the view): a
        # page read again would close the editor and drop it
        self.commit_typed: Callable[[], None] = lambda: None

    # -- loading ----------------------------------------------------------
    def set_page(self, page: PageView, rows: list[RowView], template: Template,
                 above: dict[str, str] | None = None, khewat_holdings: dict | None = None) -> None:
        """Show a page's rows (plain values loaded in the background); `above`: what lies above
        its first row on the previous page (`services.values_above_page`), `khewat_holdings`: an
        intiqal's khewats in the mauza's jamabandi (`services.khewat_holdings`); both kept on a
        reload of the same page when not given."""
        same_page = self.page is not None and self.page.id == page.id
        if above is not None or not same_page:
            self.above = dict(above or {})
        if khewat_holdings is not None or not same_page:
            self.khewat_holdings = dict(khewat_holdings or {})
        self.beginResetModel()
        self.page, self.template = page, template
        self._rows = list(rows)
        self._texts = [{k: v.value for k, v in r.values.items()} for r in rows]
        self._ocr_flags = {}
        for i, r in enumerate(rows):
            for name, v in r.values.items():
                # (the rules' own flags are worked out again below: a stored copy goes stale)
                kept = [at_row(f, i) for f in v.flags if f.code in OCR_CODES] if v.source == "ocr" else []
                if kept:
                    self._ocr_flags[(i, name)] = kept
        self._recompute_rules()
        self.endResetModel()
        if not same_page or page.state not in EDITABLE:
            # (a page gone for review: undoing the edits or deletes made before would put a
            # draft among rows under review)
            self.undo_stack.clear()
        self.reloaded.emit()

    def clear(self) -> None:
        self.beginResetModel()
        self.page, self.template = None, None
        self._rows, self._texts, self._ocr_flags, self._rule_flags, self.page_flags = [], [], {}, {}, []
        self.endResetModel()
        self.undo_stack.clear()

    def reload(self) -> None:
        """Read the page again (after saves finish, or a change made elsewhere)."""
        if self.page is None:
            return
        if self._pending:
            self._reload_after_save = True
            return
        from desktop.operations import page as page_ops

        pid = self.page.id

        def done(res) -> None:
            if self.page is not None and self.page.id == pid and not self._pending:
                self.commit_typed()  # (typed within IDLE_SAVE_MS of the reload was lost)
                if self._pending:
                    self._reload_after_save = True  # read again after that save
                    return
                self.set_page(*res)

        page_ops.page_rows(page_id=pid).success(done).run_in_background(self.ctx)

    @property
    def saving(self) -> bool:
        return self._pending > 0

    # -- flags ------------------------------------------------------------
    def _recompute_rules(self) -> None:
        self._rule_flags = {}
        self.page_flags = []
        if self.template is None:
            return
        for f in validate_rows(self.template, self._texts, khewat_holdings=self.khewat_holdings):
            if f.row is None:
                self.page_flags.append(f)
            else:
                self._rule_flags.setdefault((f.row, f.field), []).append(f)

    def cell_flags(self, row: int, field: str) -> list[Flag]:
        return self._ocr_flags.get((row, field), []) + self._rule_flags.get((row, field), [])

    def other_reading(self, row: int, field: str) -> str | None:
        """The second OCR reading a field's flags offer (a disputed number), or None."""
        return next((f.suggestion for f in self.cell_flags(row, field) if f.suggestion), None)

    def row_flags(self, row: int) -> list[Flag]:
        return self._rule_flags.get((row, None), [])

    def error_count(self) -> int:
        n = sum(1 for fl in self._ocr_flags.values() for f in fl if f.severity == ERROR)
        n += sum(1 for fl in self._rule_flags.values() for f in fl if f.severity == ERROR)
        return n + sum(1 for f in self.page_flags if f.severity == ERROR)

    def first_error(self) -> tuple[QModelIndex, Flag] | None:
        """The page's first error in the order F8 visits fields (row by row, a row's fields
        before its own checks), then the page's own: the cell to put the cursor on (a row's
        check: its first field; the page's: invalid) and the flag; None without errors."""
        cols = {name: c for c, name in enumerate(self.template.column_names)} if self.template else {}
        found = []
        for (row, field), fl in (*self._ocr_flags.items(), *self._rule_flags.items()):
            f = next((f for f in fl if f.severity == ERROR), None)
            if f is not None and row is not None:
                found.append(((row, cols.get(field, len(cols))), f))
        if found:
            (row, col), f = min(found, key=lambda x: x[0])
            return self.index(row, col if col < len(cols) else 0), f
        f = next((f for f in self.page_flags if f.severity == ERROR), None)
        return (QModelIndex(), f) if f is not None else None

    def warning_count(self) -> int:
        """Fields with a warning only (shown, do not block submit)."""
        return len(self.warning_cells())

    def warning_cells(self, *, editable_only: bool = False) -> list[QModelIndex]:
        """The fields flagged 'to check' (a warning, no error: OCR unsure, a rule across rows),
        in the order F8 visits them; with `editable_only`, those of rows a submit sends (draft
        or sent back)."""
        out = []
        names = self.template.column_names if self.template else ()
        for r, row in enumerate(self._rows):
            if editable_only and row.state not in EDITABLE:
                continue
            out += [self.index(r, c) for c, name in enumerate(names) if worst(self.cell_flags(r, name)) == WARNING]
        return out

    def next_flagged(self, row: int, col: int) -> QModelIndex:
        """The next cell after (row, col) that has a flag, wrapping around; invalid if none."""
        n_rows, n_cols = self.rowCount(), self.columnCount()
        total = n_rows * n_cols
        start = row * n_cols + col
        for step in range(1, total + 1):
            pos = (start + step) % total
            r, c = divmod(pos, n_cols)
            if self.cell_flags(r, self.template.columns[c].name):
                return self.index(r, c)
        return QModelIndex()

    # -- access -----------------------------------------------------------
    def row_view(self, row: int) -> RowView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def returned_rows(self) -> list[int]:
        """Numbers (from 1, as shown) of the rows a reviewer sent back, to correct."""
        return [n for n, r in enumerate(self._rows, 1) if r.state == RETURNED]

    def entry_id(self, row: int) -> int | None:
        r = self.row_view(row)
        return self._id_map.get(r.entry_id, r.entry_id) if r else None

    def text(self, row: int, field: str) -> str:
        return self._texts[row].get(field, "") if 0 <= row < len(self._texts) else ""

    def box(self, row: int, field: str) -> tuple[int, int, int, int] | None:
        r = self.row_view(row)
        v = r.values.get(field) if r else None
        return v.box if v else None

    def all_boxes(self) -> dict[tuple[int, str], tuple[tuple[int, int, int, int], str]]:
        out = {}
        for i, r in enumerate(self._rows):
            for name, v in r.values.items():
                if v.box:
                    out[(i, name)] = (v.box, worst(self.cell_flags(i, name)))
        return out

    def column_of(self, field: str) -> int:
        """The column of `field`, -1 when the page's template has none (a place kept on a page
        that moved meanwhile to a register of another kind)."""
        names = self.template.column_names if self.template else ()
        return names.index(field) if field in names else -1

    def row_of_entry(self, entry_id: int) -> int:
        for i, r in enumerate(self._rows):
            if entry_id in (r.entry_id, self._id_map.get(r.entry_id)):
                return i
        return -1

    # -- editing ----------------------------------------------------------
    def apply_value(self, entry_id: int, field: str, text: str) -> None:
        """Show `text` at once and save it through the DB writer (used by undo commands)."""
        entry_id = self._id_map.get(entry_id, entry_id)
        row = self.row_of_entry(entry_id)
        if row >= 0:
            spec = self.template.field(field) if self.template is not None and field in self.template.column_names else None
            # a choice shown as it is kept: "Wheat" typed stayed on screen while گندم was saved
            shown = stored_text(spec, text) if spec is not None and spec.kind == "choice" else text
            self._texts[row][field] = " ".join((shown or "").split())
            self._ocr_flags.pop((row, field), None)  # the clerk looked at it: OCR doubt is gone
            self._recompute_rules()
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self._pending += 1

        def ok(ch: Changes) -> None:
            self._pending -= 1
            self._id_map.update(ch.new_entry_ids)
            self.saved.emit(ch)
            self._after_save()

        def failed(e: BaseException) -> None:
            self._pending -= 1
            self.save_failed.emit(_tr("Not saved: {error}").format(error=error_text(e)))
            self._reload_after_save = True
            self._after_save()

        (entry_ops.set_value(actor=self.ctx.actor, entry_id=entry_id, field_name=field, text=text)
         .with_initiator(self).success(ok).failure(failed).run_in_background(self.ctx))

    def _after_save(self) -> None:
        if not self._pending and self._reload_after_save:
            self._reload_after_save = False
            self.reload()

    # -- Qt model ---------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.template is None else len(self.template.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if self.template is None:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.template.columns):
            spec = self.template.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return spec.label_ur
            if role == Qt.ItemDataRole.ToolTipRole:  # the whole name of a column cut to '…'
                return bilingual(spec.label_ur, spec.label_en)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            if role == Qt.ItemDataRole.DisplayRole:
                return display_digits(str(section + 1), urdu=self.ctx.prefs.urdu_digits)
            if role == Qt.ItemDataRole.ToolTipRole:
                notes = [message(f.message) for f in self.row_flags(section)]
                r = self._rows[section]
                if r.state == RETURNED and r.comment:
                    notes.insert(0, self.tr("Sent back: {comment}").format(comment=shown_value(r.comment)))
                return "\n".join(notes) if notes else None
            if role == Qt.ItemDataRole.BackgroundRole and self.row_flags(section):
                return QBrush(_COLOURS.get(worst(self.row_flags(section)), QColor("#eeeeee")))
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.template is None or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.template.columns):
            return None
        spec = self.template.columns[index.column()]
        row = index.row()
        text = self._texts[row].get(spec.name, "")
        if role == Qt.ItemDataRole.DisplayRole:
            return display_value(spec, text, urdu_digits=self.ctx.prefs.urdu_digits)
        if role == Qt.ItemDataRole.EditRole:
            return display_digits(text, urdu=self.ctx.prefs.urdu_digits) if spec.numeric else text
        if role == Qt.ItemDataRole.ToolTipRole:
            fl = self.cell_flags(row, spec.name)
            return "\n".join(f"• {flag_text(f.message)}" for f in fl) if fl else bilingual(spec.label_ur, spec.label_en)
        if role == Qt.ItemDataRole.BackgroundRole:
            sev = worst(self.cell_flags(row, spec.name))
            return QBrush(_COLOURS[sev]) if sev in _COLOURS else None
        if role == Qt.ItemDataRole.ForegroundRole:
            r = self._rows[row]
            # a row that cannot change now (submitted, approved…) is greyed: typing there does nothing
            return QBrush(LOCKED_COLOUR) if r.state not in EDITABLE else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if spec.numeric:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
        if role == BoxRole:
            return self.box(row, spec.name)
        if role == FlagsRole:
            return self.cell_flags(row, spec.name)
        if role == EntryIdRole:
            return self.entry_id(row)
        return None

    def flags(self, index):
        base = super().flags(index)
        if not index.isValid():
            return base
        r = self.row_view(index.row())
        if r is not None and r.state in EDITABLE and self.ctx.actor.role in EDITORS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.template is None:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        spec = self.template.columns[index.column()]
        old = self._texts[index.row()].get(spec.name, "")
        new = " ".join(str(value or "").split())
        if spec.kind in ("choice", "integer") and stored_text(spec, new) != normalise(new):
            new = stored_text(spec, new)  # shown as it is saved: sale -> بیع, 2,50,000 -> 250000
        if new == old and not self._ocr_flags.get((index.row(), spec.name)):
            return False
        self.undo_stack.push(SetValueCommand(self, self.entry_id(index.row()), spec.name, old, new))
        return True

    def problem(self, row: int, field: str) -> str | None:
        """The parse problem of the shown value (for the editor's hint)."""
        if self.template is None:
            return None
        return check_value(self.template.field(field), self.text(row, field))
