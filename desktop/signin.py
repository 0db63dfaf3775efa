"""Who is at the keyboard. Until accounts exist (records/accounts.py, a later issue adds a
login dialog), the app signs in as the first active user or creates a local clerk."""

from __future__ import annotations

from sqlalchemy import select

from records.audit import Actor
from records.models import User
from records.workflow import CLERK
from records.workspace import Workspace


def default_actor(ws: Workspace) -> Actor:
    """The first active clerk of the workspace (else its first active user), or a new local
    'clerk' user in an empty workspace."""
    with ws.session() as s:
        active = select(User).where(User.active.is_(True)).order_by(User.id).limit(1)
        user = s.scalars(active.where(User.role == CLERK)).first() or s.scalars(active).first()
        if user is None:
            user = User(username="clerk", full_name="Records clerk", role=CLERK)
            s.add(user)
            s.flush()
        return Actor(id=user.id, username=user.username, role=user.role)
