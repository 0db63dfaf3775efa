"""Urdu keyboard help for PCs without an Urdu layout installed.

- `UrduKeyboard`: an on-screen Urdu phonetic keyboard (the CRULP phonetic layout common in
  Pakistan: a→ا, b→ب, p→پ, t→ت, Shift+t→ٹ, c→چ ...). Its keys never take the focus; a
  click types into the focused editor (or the main window's last one), as a key press would.
- `KeyboardDock`: the keyboard as a dockable panel of the main window.
- `PhoneticTyping`: optional mode that maps Latin key presses to Urdu letters inside
  Daftar's Urdu text editors (`mark_urdu_editor`: the cell editors of text fields; number
  fields, passwords and names of accounts are left alone).

The mapping table is data: resources/keyboard/urdu_phonetic.json (`keys` Latin → Urdu,
`rows` the on-screen key order), so an office can match the layout it is used to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import resources
from desktop.fonts import urdu_font
from desktop.qt import (
    QApplication,
    QCoreApplication,
    QDockWidget,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QObject,
    QPalette,
    QPlainTextEdit,
    QRect,
    QSize,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
    screen_of,
)

LAYOUT_FILE = "urdu_phonetic.json"
# A key's Shift sign on a US keyboard, where it is not its capital letter (Shift+1 is "!").
US_SHIFT = dict(zip("1234567890-,./;", "!@#$%^&*()_<>?:", strict=True))


def shifted(key: str) -> str:
    """The character a Latin key gives with Shift on a US keyboard."""
    return US_SHIFT.get(key, key.upper())


class LayoutError(ValueError):
    """The keyboard layout file cannot be used (the message names the file and the fix)."""


@dataclass(frozen=True)
class PhoneticLayout:
    """Latin key → Urdu text, and the on-screen rows of Latin keys."""

    name: str
    keys: dict[str, str]
    rows: tuple[str, ...]

    def map_text(self, text: str) -> str:
        """Each Latin key of `text` replaced by its Urdu letter (others kept): "aslm" → اسلم."""
        return "".join(self.keys.get(ch, ch) for ch in text)


def layout_path() -> Path:
    return resources.root() / "keyboard" / LAYOUT_FILE


def load_layout(path: Path | None = None) -> PhoneticLayout:
    """Read a layout file; a bad one raises LayoutError naming the file and what is wrong."""
    path = Path(path) if path is not None else layout_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise LayoutError(f"{path}: keyboard layout file not found; reinstall Daftar or restore the file") from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise LayoutError(f"{path}: not a valid UTF-8 JSON keyboard layout ({e}); fix or restore the file") from e
    keys = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(keys, dict) or not keys:
        raise LayoutError(f"{path}: no 'keys' table (Latin key → Urdu text); fix or restore the file")
    bad = [k for k, v in keys.items() if len(k) != 1 or not isinstance(v, str) or not v]
    if bad:
        raise LayoutError(f"{path}: keys {bad[:5]} must be single Latin characters mapped to non-empty text")
    rows = data.get("rows") or []
    if not all(isinstance(r, str) for r in rows):
        raise LayoutError(f"{path}: 'rows' must be a list of strings of Latin keys")
    return PhoneticLayout(str(data.get("name") or path.stem), dict(keys), tuple(rows))


@cache
def default_layout() -> PhoneticLayout:
    return load_layout()


def send_text(target: QWidget, text: str) -> None:
    """Type `text` into `target` as key presses (so editors, completers and autosave see typing)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        target = QApplication.focusWidget() or target  # typing into a table opens its cell editor


def send_key(target: QWidget, key: Qt.Key) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


KEY_HEIGHT = 38  # px: the whole keyboard (four rows and the space bar) stays under 230 px
# On a short window (a 1366 x 768 laptop) the keys are lower and Shift, Space and Backspace
# join the rows of letters: the keyboard takes about 130 px instead of 230, and the page's
# rows keep the room (two rows of them were left in sight).
COMPACT_KEY_HEIGHT = 28
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" for a widget's size
COMPACT_BELOW = 900  # px of the main window's height


class KeyButton(QToolButton):
    """A key: its Urdu letter large in the middle, the Latin key that types it small below."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.urdu, self.latin = "", ""
        self.key_height = KEY_HEIGHT

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # compact: on a 768 px screen, keys 54 px high left the page's rows no room at all
        return QSize(44, self.key_height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(30, self.key_height)

    def set_key(self, urdu: str, latin: str) -> None:
        self.urdu, self.latin = urdu, latin
        self.setText(f"{urdu}\n{latin}")  # for tests and accessibility; painted below
        self.update()

    def paintEvent(self, _event) -> None:
        p = QStylePainter(self)
        opt = QStyleOptionToolButton()
        self.initStyleOption(opt)
        opt.text = ""
        p.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, opt)
        r = self.rect()
        p.setFont(self.font())
        compact = self.key_height < KEY_HEIGHT  # the letter in the middle, the Latin key in a corner
        p.drawText(r if compact else r.adjusted(0, 0, 0, -r.height() // 4), Qt.AlignmentFlag.AlignCenter, self.urdu)
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * (0.6 if compact else 0.5)))
        p.setFont(small)
        p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        p.drawText(r.adjusted(3, 0, -3, -1), Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft, self.latin)
        p.end()


class UrduKeyboard(QWidget):
    """On-screen Urdu phonetic keys; `typed(text)` after each click."""

    typed = Signal(str)

    def __init__(self, parent=None, *, layout: PhoneticLayout | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("urduKeyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # keys where they are on the keyboard, also in the Urdu UI
        self.layout_ = layout or default_layout()
        self.buttons: dict[str, QToolButton] = {}
        self.compact = False
        self._build()

    def _button(self, text: str, tip: str, slot, name: str, cls=QToolButton) -> QToolButton:
        b = cls(self)
        b.setObjectName(name)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(False)
        b.setMinimumSize(30, KEY_HEIGHT - 6)
        # the keys grow with the keyboard dragged taller (a band of nothing was left above them)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        b.clicked.connect(slot)
        return b

    def _build(self) -> None:
        self.outer = outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.grid = grid = QGridLayout()
        grid.setSpacing(3)
        for r, row in enumerate(self.layout_.rows):
            for c, key in enumerate(row):
                b = self._button("", "", lambda _=False, k=key: self.press(k), f"key_{ord(key):x}", KeyButton)
                self.buttons[key] = b
                grid.addWidget(b, r, c)
        outer.addLayout(grid)
        self.bottom = bottom = QHBoxLayout()
        self.shift = self._button(self.tr("Shift"), self.tr("Second letter of each key (ٹ ڈ ڑ ں ھ …)"),
                                  self._relabel, "keyShift")
        self.shift.setCheckable(True)
        self.space = space = self._button(self.tr("Space"), self.tr("Space"), lambda: self._type(" "), "keySpace")
        self.back = back = self._button("⌫", self.tr("Delete the letter before the cursor"),
                                        lambda: self._key(Qt.Key.Key_Backspace), "keyBackspace")
        self.shift.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        back.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        bottom.addWidget(self.shift)
        bottom.addWidget(space, 1)
        bottom.addWidget(back)
        outer.addLayout(bottom)
        self._place(compact=False)
        self._relabel()

    def set_compact(self, on: bool) -> None:
        """Lower keys, with Shift, Space and Backspace beside the letters instead of a row of
        their own (for a short window: the page's rows keep the room)."""
        if bool(on) != self.compact:
            self._place(compact=bool(on))

    def _place(self, *, compact: bool) -> None:
        self.compact = compact
        height = COMPACT_KEY_HEIGHT if compact else KEY_HEIGHT
        font = urdu_font(12 if compact else 15, nastaliq=False)
        for b in self.buttons.values():
            b.key_height = height
            b.setMinimumSize(30, height - 6)
            b.setFont(font)
            b.updateGeometry()
        self.outer.setContentsMargins(*((2, 2, 2, 2) if compact else (4, 4, 4, 4)))
        self.grid.setSpacing(2 if compact else 3)
        for b in (self.shift, self.space, self.back):
            b.setMinimumHeight(height - (0 if compact else 6))  # (at least: they grow with the keys)
            b.setMaximumHeight(QWIDGETSIZE_MAX)
            self.grid.removeWidget(b)
            self.bottom.removeWidget(b)
        if compact:  # beside the rows, where a Latin keyboard has them: ⌫ after the digits,
            # Space beside the letters, Shift after the last row
            cols = max((len(r) for r in self.layout_.rows), default=10)
            self.grid.addWidget(self.back, 0, cols)
            self.grid.addWidget(self.space, 1, cols - 1, 2, 2)
            self.grid.addWidget(self.shift, 3, cols - 1, 1, 2)
        else:
            self.bottom.addWidget(self.shift)
            self.bottom.addWidget(self.space, 1)
            self.bottom.addWidget(self.back)
        self.outer.invalidate()
        self.updateGeometry()

    def _relabel(self) -> None:
        is_shifted = self.shift.isChecked()
        for key, b in self.buttons.items():
            k = shifted(key) if is_shifted else key
            text = self.layout_.keys.get(k) or self.layout_.keys.get(key, key)
            b.set_key(text, k)  # the Urdu letter over the Latin key that types it
            b.setToolTip(self.tr("{urdu} (key {key})").format(urdu=text, key=k))

    def target(self) -> QWidget | None:
        """The widget typed into: the focused editor, else the one focused last in the main
        window (a floating keyboard is a window of its own, and clicking it activates it)."""
        focus = QApplication.focusWidget()
        if focus is not None and not self.isAncestorOf(focus):
            return focus
        owner = self.window().parentWidget()
        last = owner.window().focusWidget() if owner is not None else None
        return last if last is not None and not self.isAncestorOf(last) else None

    def press(self, key: str) -> None:
        """Type the Urdu text of a Latin key (Shift level when Shift is down, then released)."""
        k = shifted(key) if self.shift.isChecked() else key
        text = self.layout_.keys.get(k) or self.layout_.keys.get(key, key)
        if self.shift.isChecked():
            self.shift.setChecked(False)
            self._relabel()
        self._type(text)

    def _type(self, text: str) -> None:
        t = self.target()
        if t is None:
            return
        send_text(t, text)
        self.typed.emit(text)

    def _key(self, key: Qt.Key) -> None:
        t = self.target()
        if t is not None:
            send_key(t, key)


class KeyboardDock(QDockWidget):
    """The on-screen keyboard as a dock panel (bottom of the main window, may float); compact
    while docked in a window lower than COMPACT_BELOW (a 768 px screen). Where it was and its
    size (docked or floating) are kept on this computer per screen size class
    (desktop.ui_settings): it opens so at the next start, else docked at its own height."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("urduKeyboardDock")
        self.setWindowTitle(self.tr("Urdu keyboard"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keyboard = UrduKeyboard(self)
        self.setWidget(self.keyboard)
        self.topLevelChanged.connect(lambda _floating: self.fit())
        self._docked_height: int | None = None  # a remembered height, given once it is shown
        if parent is not None:
            parent.installEventFilter(self)  # the window's height decides (maximised, restored)

    def size_class(self) -> str:
        from desktop.ui_settings import screen_class

        return screen_class(screen_of(self))

    def place(self):
        """Where it is now (a desktop.ui_settings.DockPlace)."""
        from desktop.ui_settings import DockPlace

        g = self.geometry()
        return DockPlace(floating=self.isFloating(), width=g.width(), height=g.height(), x=g.x(), y=g.y())

    def restore_place(self) -> None:
        """Open where it was on a screen of this size class, when it was kept (else docked at
        the bottom, compact on a short window, as always)."""
        from desktop.ui_settings import keyboard_place

        place = keyboard_place(self.size_class())
        if place is None:
            return
        if place.floating:
            screen = screen_of(self)
            rect = QRect(place.x, place.y, place.width, place.height)
            if screen is not None and not screen.availableGeometry().intersects(rect):
                return  # (kept on a screen of the same class that is not this one: docked)
            self.setFloating(True)
            self.setGeometry(rect)
        else:
            self._docked_height = place.height

    def remember_place(self) -> None:
        """Keep where it is for the next start (MainWindow.shutdown)."""
        from desktop.ui_settings import remember_keyboard_place

        remember_keyboard_place(self.size_class(), self.place())

    def fit(self) -> None:
        """Compact keys in a short window; full-size ones in a tall window or floating."""
        owner = self.parentWidget()
        short = owner is not None and owner.height() < COMPACT_BELOW
        self.keyboard.set_compact(short and not self.isFloating())

    def eventFilter(self, obj, event) -> bool:
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.fit()
        super().showEvent(event)
        height, self._docked_height = self._docked_height, None
        owner = self.parentWidget()
        if height is not None and not self.isFloating() and owner is not None:
            owner.resizeDocks([self], [height], Qt.Orientation.Vertical)  # the height it was dragged to


URDU_TEXT = "urduText"  # dynamic property of editors that take Urdu text (phonetic typing applies)


def mark_urdu_editor(widget: QWidget) -> None:
    """Let phonetic typing map Latin keys in `widget` (cell editors of Urdu text fields)."""
    widget.setProperty(URDU_TEXT, True)


def is_urdu_editor(obj: QObject) -> bool:
    """An editable line/plain-text edit marked for Urdu text; never a password field.

    (In the Urdu interface every field is right to left, so direction alone would also catch
    user names, passwords and addresses.)"""
    if not isinstance(obj, (QLineEdit, QPlainTextEdit)) or obj.isReadOnly() or not obj.property(URDU_TEXT):
        return False
    return not (isinstance(obj, QLineEdit) and obj.echoMode() != QLineEdit.EchoMode.Normal)


class PhoneticTyping(QObject):
    """Application-wide filter: Latin letters typed into marked Urdu editors become Urdu letters."""

    toggled = Signal(bool)

    def __init__(self, parent=None, *, layout: PhoneticLayout | None = None) -> None:
        super().__init__(parent)
        self.layout_ = layout or default_layout()
        self.enabled = False
        self._sending = False  # the Urdu key this filter sends passes through it unmapped

    def set_enabled(self, on: bool) -> None:
        app = QApplication.instance()
        if on and not self.enabled:
            app.installEventFilter(self)
        elif not on and self.enabled:
            app.removeEventFilter(self)
        self.enabled = bool(on)
        self.toggled.emit(self.enabled)

    def eventFilter(self, obj, event) -> bool:
        if self._sending or event.type() != QEvent.Type.KeyPress or not is_urdu_editor(obj):
            # (the key sent below comes back through this filter: mapped again, '-' -> '-' sent
            # itself until Python's recursion limit, and Shift+1's Latin '1' became '۱')
            return False
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        text = event.text()
        if mods or len(text) != 1:
            return False
        urdu = self.layout_.keys.get(text) or self.layout_.keys.get(text.lower())  # Shift level, else the key's
        if not urdu:
            return False
        self._sending = True
        try:
            QApplication.sendEvent(obj, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, urdu))
        finally:
            self._sending = False
        return True


# -- main window hooks ------------------------------------------------------
def keyboard_dock(window) -> KeyboardDock:
    """The window's keyboard dock (created hidden at the bottom on first use)."""
    dock = getattr(window, "urdu_keyboard_dock", None)
    if dock is None:
        dock = KeyboardDock(window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()
        dock.restore_place()
        window.urdu_keyboard_dock = dock
    return dock


def remember_keyboard(window) -> None:
    """Keep where the window's keyboard is for the next start (when it was opened)."""
    dock = getattr(window, "urdu_keyboard_dock", None)
    if dock is not None:
        dock.remember_place()


def toggle_keyboard(window) -> KeyboardDock:
    """Show or hide the on-screen keyboard of a main window."""
    dock = keyboard_dock(window)
    dock.setVisible(not dock.isVisible())
    return dock


def phonetic_typing(window) -> PhoneticTyping:
    pt = getattr(window, "phonetic_typing", None)
    if pt is None:
        pt = PhoneticTyping(window)
        window.phonetic_typing = pt  # a child: Qt drops its event filter when it is deleted
    return pt


def toggle_phonetic(window) -> bool:
    """Switch phonetic typing on or off for a main window; returns the new state."""
    pt = phonetic_typing(window)
    pt.set_enabled(not pt.enabled)
    act = getattr(window, "actions_by_name", {}).get("phoneticTyping")
    if act is not None:
        act.setCheckable(True)
        act.setChecked(pt.enabled)
    _phonetic_sign(window).setVisible(pt.enabled)
    return pt.enabled


def _phonetic_sign(window) -> QLabel:
    """The status bar's sign that Latin keys type Urdu: nothing else showed it (a View menu
    check mark), and a clerk who pressed Shift+F9 by chance typed Urdu without knowing why."""
    sign = window.findChild(QLabel, "phoneticTypingOn")
    if sign is None:
        sign = QLabel(QCoreApplication.translate("UrduKeyboard", "Phonetic Urdu typing is on (Shift+F9 turns it off)"),
                      window)
        sign.setObjectName("phoneticTypingOn")
        sign.setStyleSheet("color: #1a5e20; font-weight: bold")
        window.statusBar().addPermanentWidget(sign)
    return sign
