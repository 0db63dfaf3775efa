"""Where an empty Urdu field shows its text cursor in the Urdu interface: at its right, where
the first letter will appear.

Qt places the cursor of an empty line edit by the keyboard's input direction
(QInputMethod.inputDirection, left to right under xcb whatever the layout), so the wizard's
mauza field showed its cursor at the left edge, and it jumped right at the first Urdu letter.
An empty field marked for Urdu (`mark_urdu_field`, and the cell editors `mark_urdu_editor`
marks) is aligned to its right while it is empty and gets its own alignment back at the first
letter; what it holds is never touched. User names are marked (they may be Urdu: a Latin
name's cursor moves left at its first letter); fields for Latin or numbers only (passwords,
codes, CNIC, paths, numbers) are not marked and stay as they are.

One place for all of them: `install(app)` (called by desktop.i18n.apply_language) follows
QApplication.focusChanged; a field is looked after from the first time it has the focus.
"""

from __future__ import annotations

from desktop.keying.urdu_keyboard import URDU_TEXT  # the cell editors' mark
from desktop.qt import QApplication, QLineEdit, QObject, Qt

URDU_FIELD = "urduField"  # dynamic property: an editor where Urdu text is typed
_OWN_ALIGNMENT = "_alignmentWhenFilled"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


def mark_urdu_field(edit: QLineEdit) -> QLineEdit:
    """`edit` takes Urdu text: empty in the Urdu interface, it shows its cursor at its right."""
    edit.setProperty(URDU_FIELD, True)
    return edit


def is_urdu_field(widget) -> bool:
    return (isinstance(widget, QLineEdit) and not widget.isReadOnly()
            and widget.echoMode() == QLineEdit.EchoMode.Normal
            and bool(widget.property(URDU_FIELD) or widget.property(URDU_TEXT)))


def _rtl_interface() -> bool:
    from desktop.i18n import is_rtl

    return is_rtl()


def _follow(edit: QLineEdit) -> None:
    """Keep `edit` right-aligned while empty (its own alignment back once it holds text)."""
    if edit.property(_OWN_ALIGNMENT) is None:
        edit.setProperty(_OWN_ALIGNMENT, int(edit.alignment().value))
        edit.textChanged.connect(lambda _t, e=edit: _align(e))
    _align(edit)


def _align(edit: QLineEdit) -> None:
    own = Qt.AlignmentFlag(edit.property(_OWN_ALIGNMENT))
    want = RIGHT if not edit.text() and _rtl_interface() else own
    if edit.alignment() != want:
        edit.setAlignment(want)


class EmptyFieldCursor(QObject):
    """Follows the focus: an Urdu field that gets it is aligned by `_align`."""

    def on_focus(self, _old, new) -> None:
        if new is not None and is_urdu_field(new) and (_rtl_interface() or new.property(_OWN_ALIGNMENT) is not None):
            _follow(new)


def install(app: QApplication) -> EmptyFieldCursor:
    """Look after the Urdu fields of `app` (once; later calls return the same helper)."""
    helper = app.findChild(EmptyFieldCursor, "emptyFieldCursor")
    if helper is None:
        helper = EmptyFieldCursor(app)
        helper.setObjectName("emptyFieldCursor")
        app.focusChanged.connect(helper.on_focus)
        # the field with the focus now (a dialog opened before the language was applied)
        helper.on_focus(None, app.focusWidget())
    return helper
