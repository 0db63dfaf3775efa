"""The user accounts against their audit trail: every user's name, role and whether the
account is enabled must be what the trail recorded (a clerk made an administrator, or a
disabled account enabled, in the database file, outside Daftar).

What the trail records: `user.create` (its `new` is "NAME (ROLE)"; enabled), `user.import`
(a register-scope import: the same, with `active` in `detail`), `user.disable`,
`user.enable` and `user.recovered` (enabled again). Daftar has no way to change a role:
a role is the one the account was created with. Accounts are few, so they are read whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

USER_IMPORT = "user.import"
_ACTIONS = ("user.create", USER_IMPORT, "user.disable", "user.enable", "user.recovered")
_NAME_ROLE = re.compile(r"^(.*) \(([a-z_]+)\)$", re.S)


@dataclass(frozen=True)
class UserMismatch:
    user_id: int
    username: str
    fact: str  # "account" (missing on one side), "username", "role" or "active"
    value: str
    recorded: str


def recorded_users(session: Session) -> dict[int, dict]:
    """{user id: {"username", "role", "active"}} as the trail recorded them."""
    out: dict[int, dict] = {}
    q = text("SELECT action, entity_id, new, detail FROM audit_event WHERE entity = 'user' AND action IN :a "
             "ORDER BY id").bindparams(bindparam("a", expanding=True))
    for action, entity_id, new, detail in session.execute(q, {"a": list(_ACTIONS)}):
        try:
            uid = int(entity_id)
        except (TypeError, ValueError):
            continue
        if action in ("user.create", USER_IMPORT):
            m = _NAME_ROLE.match(new or "")
            d = json.loads(detail or "{}") if isinstance(detail, str) else (detail or {})
            out[uid] = {"username": m.group(1) if m else new, "role": m.group(2) if m else None,
                        "active": bool(d.get("active", True))}
        elif uid in out:
            out[uid]["active"] = action != "user.disable"
    return out


def mismatches(session: Session) -> Iterator[UserMismatch]:
    """Accounts whose name, role or enabled flag differ from what the trail recorded,
    accounts the trail never recorded, and accounts it recorded that are gone."""
    recorded = recorded_users(session)
    for uid, username, role, active in session.execute(text("SELECT id, username, role, active FROM user ORDER BY id")):
        rec = recorded.pop(uid, None)
        if rec is None:
            yield UserMismatch(uid, username, "account", f"a {role}", "nothing")
            continue
        if rec["username"] != username:
            yield UserMismatch(uid, username, "username", username, rec["username"])
        if rec["role"] != role:
            yield UserMismatch(uid, username, "role", role, rec["role"] or "no role")
        if rec["active"] != bool(active):
            yield UserMismatch(uid, username, "active", _enabled(active), _enabled(rec["active"]))
    for uid, rec in sorted(recorded.items()):
        yield UserMismatch(uid, rec["username"], "account", "missing", f"a {rec['role']}")


def _enabled(active) -> str:
    return "enabled" if active else "disabled"


def describe(m: UserMismatch) -> str:
    who = f"user {m.username} (id {m.user_id})"
    if m.fact == "account" and m.value == "missing":
        return f"{who}: the audit trail recorded this account ({m.recorded}) but it is gone from the database"
    if m.fact == "account":
        return f"{who}: this account ({m.value}) is not in the audit trail: it was added outside Daftar"
    if m.fact == "active":
        return f"{who}: the account is {m.value} but the audit trail recorded it {m.recorded}"
    said = {"role": "role", "username": "user name"}[m.fact]
    return f"{who}: {said} is '{m.value}' but the audit trail recorded '{m.recorded}'"
