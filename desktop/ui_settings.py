"""What this computer remembers between starts (QSettings): the language of the sign-in
screen, where the main window was, the folder files were last saved into and where the
on-screen keyboard was (per screen size class). Records and office settings live in the
workspace."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.qt import QByteArray, QSettings, QStandardPaths

# Overrides where this computer's settings are kept (tests point it at a temporary file).
SETTINGS_FILE_ENV = "DAFTAR_UI_SETTINGS"


def computer_settings() -> QSettings:
    """This computer's interface settings (an ini file where $DAFTAR_UI_SETTINGS says)."""
    path = os.environ.get(SETTINGS_FILE_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("Daftar", "Daftar")


SPLITTER_KEY = "ui/splitter"


def restore_splitter(splitter, name: str) -> None:
    """Give a splitter the sizes it had when Daftar last closed on this computer."""
    state = computer_settings().value(f"{SPLITTER_KEY}_{name}")
    if state:
        splitter.restoreState(QByteArray(bytes(state)))


def remember_splitters(splitters: dict) -> None:
    """Keep the sizes of splitters (name -> QSplitter) for the next start."""
    settings = computer_settings()
    for name, sp in splitters.items():
        settings.setValue(f"{SPLITTER_KEY}_{name}", sp.saveState())
    settings.sync()


SAVE_FOLDER_KEY = "ui/save_folder"


def remembered_folder(key: str, *locations) -> Path:
    """The folder this computer remembers under `key` while it is still there (a USB stick
    comes and goes), else the first of the standard `locations` that exists, else home;
    never the folder Daftar was started from (on Windows, where it is installed)."""
    last = computer_settings().value(key)
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    for where in locations:
        p = QStandardPaths.writableLocation(where)
        if p and Path(p).is_dir():
            return Path(p)
    return Path.home()


def remember_folder(key: str, folder: str | Path) -> None:
    """Keep a folder under `key` for the next dialog (`remembered_folder`)."""
    settings = computer_settings()
    settings.setValue(key, str(folder))
    settings.sync()


def save_folder() -> Path:
    """Where a save dialog opens: the folder a file was last saved into on this computer (a
    USB stick, a shared folder) while it is still there, else the user's documents, else home."""
    return remembered_folder(SAVE_FOLDER_KEY, QStandardPaths.StandardLocation.DocumentsLocation)


def remember_save_folder(path: str | Path) -> None:
    """Keep the folder of a file just chosen for saving, for the next save dialog."""
    remember_folder(SAVE_FOLDER_KEY, Path(path).parent)


KEYBOARD_KEY = "ui/urdu_keyboard"
SHORT_SCREEN_BELOW = 900  # px of the screen's free height: a 1366 x 768 laptop is "short"


def screen_class(screen) -> str:
    """The size class a screen's settings are kept under: "short" (a laptop's 768 px, where
    the on-screen keyboard is compact) or "tall"."""
    if screen is None:
        return "tall"
    return "short" if screen.availableGeometry().height() < SHORT_SCREEN_BELOW else "tall"


@dataclass(frozen=True)
class DockPlace:
    """Where a dock panel was: docked (its height at the window's bottom is what counts) or
    floating (a window of its own at x, y), and its size."""

    floating: bool
    width: int
    height: int
    x: int = 0
    y: int = 0

    @classmethod
    def from_text(cls, text) -> DockPlace | None:
        """The place written by `to_text`; None for anything else (an older or damaged value)."""
        try:
            d = json.loads(str(text))
            place = cls(floating=bool(d["floating"]), width=int(d["width"]), height=int(d["height"]),
                        x=int(d.get("x", 0)), y=int(d.get("y", 0)))
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        return place if place.width > 0 and place.height > 0 else None

    def to_text(self) -> str:
        return json.dumps(asdict(self))


def keyboard_place(size_class: str) -> DockPlace | None:
    """Where the on-screen keyboard was last on a screen of this size class (None: never
    moved or sized there, so it opens as it always did)."""
    value = computer_settings().value(f"{KEYBOARD_KEY}_{size_class}")
    return DockPlace.from_text(value) if value else None


def remember_keyboard_place(size_class: str, place: DockPlace) -> None:
    """Keep where the on-screen keyboard is, for the next start on a screen of this class."""
    settings = computer_settings()
    settings.setValue(f"{KEYBOARD_KEY}_{size_class}", place.to_text())
    settings.sync()


PLACE_KEY = "ui/last_place"


def _place_key(workspace_root, username: str) -> str:
    import hashlib

    where = hashlib.sha256(str(Path(workspace_root).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{PLACE_KEY}/{where}/{username}"


def remembered_place(workspace_root, username: str) -> tuple[int | None, int | None]:
    """(register id, page id) this user last had open in this workspace on this computer,
    (None, None) when none is known (or the value is damaged)."""
    value = computer_settings().value(_place_key(workspace_root, username))
    try:
        rid, pid = (int(v) if v not in ("", "None") else None for v in str(value).split(":"))
    except (ValueError, TypeError):
        return None, None
    return rid, pid


def remember_place(workspace_root, username: str, register_id: int | None, page_id: int | None) -> None:
    """Keep the register and page the user has open, for the next start (ids only: no record
    text leaves the workspace)."""
    if register_id is None:
        return
    settings = computer_settings()
    settings.setValue(_place_key(workspace_root, username), f"{register_id}:{page_id if page_id is not None else ''}")
    settings.sync()
