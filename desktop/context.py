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
    """Display choices of the office (a later issue moves these to the settings registry)."""

    urdu_digits: bool = True
    ocr_workers: int = 1


@dataclass
class AppContext:
    ws: Workspace
    actor: Actor
    runner: TaskRunner
    bus: ChangeBus
    prefs: Preferences = field(default_factory=Preferences)

    @classmethod
    def create(cls, ws: Workspace, actor: Actor, parent: QObject | None = None) -> AppContext:
        return cls(ws=ws, actor=actor, runner=TaskRunner(parent), bus=ChangeBus(parent))

    def close(self) -> None:
        """Finish queued writes and stop the worker threads."""
        self.runner.shutdown(wait=True)
