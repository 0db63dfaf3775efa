"""Local accounts: argon2id password hashes, roles, lockout with increasing delay.

The first start creates the administrator; an administrator creates users and resets
passwords. Every change is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from records import audit
from records.audit import Actor
from records.credentials import (  # noqa: F401 - the rules (FREE_ATTEMPTS ... MIN_PASSWORD) named here too
    BASE_DELAY_S,
    FREE_ATTEMPTS,
    MAX_DELAY_S,
    MIN_PASSWORD,
    CredentialError,
    after_failure,
    check_name,
    check_password,
    equalise_timing,
    hash_password,
    lock_delay,
    lock_now,
    needs_rehash,
)
from records.credentials import password_matches as _matches
from records.models import User, utcnow
from records.workflow import ADMIN, ROLES


class AccountError(PermissionError):
    """Login or account change refused; the message is safe to show the user."""


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    role: str
    active: bool
    locked_until: dt.datetime | None
    must_change_password: bool
    language: str

    def actor(self) -> Actor:
        return Actor(self.id, self.username, self.role)


def _view(u: User) -> UserView:
    return UserView(u.id, u.username, u.full_name, u.role, u.active, u.locked_until, u.must_change_password, u.language)


def _check_password_rules(password: str, username: str) -> None:
    try:
        check_password(password, username)
    except CredentialError as e:
        raise AccountError(str(e)) from None


def new_user_name(username: str) -> str:
    """A new user's name as it is kept (the spaces around it dropped): letters of any script
    (Urdu too), digits, '.', '_' and '-' (a name is typed at every sign-in and on the command
    line, and names a key slot file). AccountError naming what is not allowed, or when
    nothing is left. Check it before making anything for the user (a workspace, a key slot)."""
    try:
        return check_name(username)
    except CredentialError as e:
        raise AccountError(str(e)) from None


def needs_first_admin(session: Session) -> bool:
    """True on first start: no administrator exists yet."""
    return not session.scalar(select(func.count()).select_from(User).where(User.role == ADMIN))


def create_user(session: Session, *, actor: Actor | None, username: str, password: str, role: str,
                full_name: str = "", language: str = "ur", check_rules: bool = True,
                must_change: bool = False) -> UserView:
    """Create a user. Only an administrator may, except the very first administrator.
    `must_change`: the password was chosen by someone else (the administrator), so the user
    sets their own at the first sign-in, as after a reset."""
    username = username.strip()
    if role not in ROLES:
        raise AccountError(f"unknown role '{role}'; roles: {', '.join(ROLES)}")
    first = needs_first_admin(session)
    if actor is None or actor.role != ADMIN:
        if not (first and role == ADMIN):
            raise AccountError("only an administrator can create users")
    username = new_user_name(username)
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise AccountError(f"the user name '{username}' is taken")
    if check_rules:
        _check_password_rules(password, username)
    u = User(username=username, full_name=full_name, role=role, password_hash=hash_password(password), language=language,
             must_change_password=must_change)
    session.add(u)
    session.flush()
    who = actor or Actor(u.id, u.username, u.role)
    audit.record(session, actor=who, action="user.create", entity="user", entity_id=u.id, new=f"{username} ({role})")
    return _view(u)


def user_named(session: Session, username: str) -> User | None:
    """The account of a user name, whatever its case and surrounding spaces (None if none)."""
    return session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def give_new_password(u: User, new_password: str) -> None:
    """Set a password someone else chose (a reset, a recovery): the user must change it at the
    next sign-in, and failed sign-ins and their lock are forgotten. Rules checked first."""
    _check_password_rules(new_password, u.username)
    u.password_hash = hash_password(new_password)
    u.must_change_password = True
    u.failed_logins = 0
    u.locked_until = None


def password_matches(u: User, password: str) -> bool:
    """Whether `password` is the account's (argon2id), counting nothing: for saying why a
    right password is still refused (a disabled account)."""
    return _matches(u.password_hash, password)


def login(session: Session, *, username: str, password: str, now: dt.datetime | None = None) -> UserView:
    """Check a password. Repeated failures lock the account for an increasing time.

    A failure is committed before AccountError is raised, so it counts whatever the caller does.
    """
    now = now or utcnow()
    u = user_named(session, username)
    if u is None or not u.active:
        equalise_timing()
        raise AccountError("wrong user name or password")
    lock = lock_now(u.locked_until, u.failed_logins, now)
    if lock != u.locked_until:
        # locked longer from now than its failures lock: the computer's clock was set back since
        # the lock began (`lock_now`); the lock is that of its failures from now, kept even
        # though we raise
        u.locked_until = lock
        session.commit()
    if u.locked_until and u.locked_until > now:
        wait = int((u.locked_until - now).total_seconds()) + 1
        raise AccountError(f"too many wrong passwords: try again in {wait} seconds or ask the administrator")
    if not _matches(u.password_hash, password):
        u.failed_logins, u.locked_until, delay = after_failure(u.failed_logins, now)
        audit.record(session, actor=Actor(u.id, u.username, u.role), action="login.failed", entity="user",
                     entity_id=u.id, detail={"failures": u.failed_logins, "locked_s": delay})
        session.commit()  # the failure must count even though we raise
        msg = "wrong user name or password"
        if delay:
            msg += f"; the account is locked for {delay} seconds"
        raise AccountError(msg)
    if needs_rehash(u.password_hash):
        u.password_hash = hash_password(password)
    u.failed_logins = 0
    u.locked_until = None
    audit.record(session, actor=Actor(u.id, u.username, u.role), action="login", entity="user", entity_id=u.id)
    return _view(u)


def change_password(session: Session, *, user_id: int, old_password: str, new_password: str) -> None:
    u = session.get(User, user_id)
    if u is None:
        raise AccountError("no such user")
    if not _matches(u.password_hash, old_password):
        raise AccountError("the current password is wrong")
    _check_password_rules(new_password, u.username)
    u.password_hash = hash_password(new_password)
    u.must_change_password = False
    audit.record(session, actor=Actor(u.id, u.username, u.role), action="user.password_change", entity="user", entity_id=u.id)


def reset_password(session: Session, *, actor: Actor, user_id: int, new_password: str) -> None:
    """An administrator sets a new password; the user must change it at next login."""
    if actor.role != ADMIN:
        raise AccountError("only an administrator can reset passwords")
    u = session.get(User, user_id)
    if u is None:
        raise AccountError("no such user")
    give_new_password(u, new_password)
    audit.record(session, actor=actor, action="user.password_reset", entity="user", entity_id=u.id)


def set_active(session: Session, *, actor: Actor, user_id: int, active: bool) -> None:
    if actor.role != ADMIN:
        raise AccountError("only an administrator can enable or disable users")
    if actor.id == user_id and not active:
        raise AccountError("you cannot disable your own account")
    u = session.get(User, user_id)
    if u is None:
        raise AccountError("no such user")
    u.active = active
    audit.record(session, actor=actor, action="user.enable" if active else "user.disable", entity="user", entity_id=u.id)


def list_users(session: Session) -> list[UserView]:
    return [_view(u) for u in session.scalars(select(User).order_by(User.id))]


def get_user(session: Session, user_id: int) -> UserView:
    u = session.get(User, user_id)
    if u is None:
        raise AccountError("no such user")
    return _view(u)


def check_password_rules(password: str, username: str) -> None:
    """Raise AccountError when `password` breaks the rules (check before making key slots)."""
    _check_password_rules(password, username)


def set_profile(session: Session, *, user_id: int, full_name: str | None = None,
                language: str | None = None) -> UserView:
    """A user's own full name and interface language ("ur" or "en")."""
    u = session.get(User, user_id)
    if u is None:
        raise AccountError("no such user")
    if language is not None:
        if language not in ("ur", "en"):
            raise AccountError(f"unknown interface language {language!r}: choose ur or en")
        u.language = language
    if full_name is not None:
        u.full_name = full_name
    return _view(u)
