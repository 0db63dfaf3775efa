"""Role-aware actions: each menu entry says which roles may see it (accounts come later)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from records.workflow import ADMIN, CLERK, REVENUE_OFFICER, SUPERVISOR

EVERYONE = frozenset({CLERK, SUPERVISOR, REVENUE_OFFICER, ADMIN})
EDITORS = frozenset({CLERK, SUPERVISOR, REVENUE_OFFICER})


@dataclass(frozen=True)
class ActionSpec:
    """One menu action: where it goes, what it does, who may see it."""

    name: str  # objectName, for tests and later customisation
    menu: str
    text: str  # English source text, translated through the window's tr()
    slot: Callable[[], None]
    roles: frozenset[str] = EVERYONE
    shortcut: str | None = None


def visible_for(specs: list[ActionSpec], role: str) -> list[ActionSpec]:
    """The actions a role may see, in declaration order."""
    return [s for s in specs if role in s.roles]
