"""Read and change the office settings (records.settings) stored on the Office row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit
from records.audit import Actor
from records.models import Office
from records.settings import Settings
from records.workflow import ADMIN


class SettingsPermissionError(PermissionError):
    """Only an administrator changes office settings."""


def read(session: Session) -> Settings:
    """The office settings (defaults when the workspace has no office row yet)."""
    office = session.scalar(select(Office).order_by(Office.id).limit(1))
    return Settings.from_dict(dict(office.settings or {}) if office else None)


def change(session: Session, *, actor: Actor, values: dict[str, Any]) -> Settings:
    """Set several settings at once (administrators only), audited; SettingError on a bad value."""
    if actor.role != ADMIN:
        raise SettingsPermissionError("only an administrator can change the office settings")
    from records.outbox import office_identity

    office = office_identity(session)
    st = Settings.from_dict(dict(office.settings or {}))
    before = {k: st.get(k) for k in values}
    for key, value in values.items():
        st.set(key, value)
    changed = {k: st.get(k) for k in values if st.get(k) != before[k]}
    if changed:
        office.settings = st.to_dict()
        audit.record(session, actor=actor, action="office.settings", entity="office", entity_id=office.id,
                     detail={"changed": changed})
    return st
