"""The start the record benches share: a new workspace with a clerk, a supervisor and one
Jamabandi register."""

from __future__ import annotations

from pathlib import Path


def clerk_supervisor_register(root: Path):
    """A new workspace at `root` with users `clerk` and `sup` and one register, committed;
    returns (workspace, clerk actor, supervisor actor, register id)."""
    from records import services
    from records.audit import Actor
    from records.models import User
    from records.workspace import Workspace

    ws = Workspace.open(root, create=True)
    with ws.session() as s:
        clerk, sup = User(username="clerk", role="clerk"), User(username="sup", role="supervisor")
        s.add_all([clerk, sup])
        s.flush()
        ca, sa = Actor(clerk.id, "clerk", "clerk"), Actor(sup.id, "sup", "supervisor")
        reg = services.create_register(s, actor=ca, template="jamabandi", district="لاہور", tehsil="لاہور",
                                       mauza="بینچ", hadbast_no="1", year="2019-20")
    return ws, ca, sa, reg
