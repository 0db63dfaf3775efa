"""What every window needs: the workspace, the signed-in actor, the task runner and the
change bus that tells views what a write changed (cf. Anki's operation_did_execute)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.qt import QObject, Signal
from desktop.taskman import TaskRunner
from records.audit import Actor
from records.workspace import Workspace


class ChangeBus(QObject):
    """`changed(changes, initiator)`: emitted on the main thread after every write."""

    changed = Signal(object, object)


@dataclass
class Preferences:
    """The office's display and OCR choices the desktop uses (from records.settings)."""

    urdu_digits: bool = False
    ocr_workers: int = 1
    scan_dpi: int = 300
    nastaliq: bool = False  # Urdu in Nastaliq (else Naskh) on screen
    font_size: int = 13
    district: str = ""  # the office's, proposed for new registers
    tehsil: str = ""

    @classmethod
    def from_workspace(cls, ws: Workspace) -> Preferences:
        """Read the office settings of the workspace (defaults when there is no office yet)."""
        from sqlalchemy import select

        from records.models import Office
        from records.settings import Settings

        with ws.session() as s:
            office = s.scalars(select(Office).order_by(Office.id).limit(1)).first()
            st = Settings.from_dict(dict(office.settings or {}) if office else None)
        return cls(urdu_digits=st.get("display.urdu_digits"), ocr_workers=st.get("ocr.workers"),
                   scan_dpi=st.get("ocr.dpi"), nastaliq=st.get("display.urdu_font") == "Noto Nastaliq Urdu",
                   font_size=st.get("display.font_size"), district=st.get("office.district"),
                   tehsil=st.get("office.tehsil"))


@dataclass
class AppContext:
    ws: Workspace
    actor: Actor
    runner: TaskRunner
    bus: ChangeBus
    prefs: Preferences = field(default_factory=Preferences)

    @classmethod
    def create(cls, ws: Workspace, actor: Actor, parent: QObject | None = None,
               prefs: Preferences | None = None) -> AppContext:
        from desktop.fonts import prefer_nastaliq

        prefs = prefs or Preferences.from_workspace(ws)
        prefer_nastaliq(prefs.nastaliq)
        return cls(ws=ws, actor=actor, runner=TaskRunner(parent), bus=ChangeBus(parent), prefs=prefs)

    def close(self) -> None:
        """Finish queued writes and stop the worker threads."""
        self.runner.shutdown(wait=True)
