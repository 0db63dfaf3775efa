"""The central server's named operators: the people of the central office who sign in at /admin
with their own name and password, and call the admin API with their own tokens, so that the
server's trail names the person who accepted or rejected an office's entry.

- Roles: a `reviewer` reads and decides on entries (and imports batch files brought on a USB
  stick); an `admin` may also issue enrolment codes and revoke offices (`may`).
- Passwords: argon2id, the desktop's rules and lockout (`records.credentials`): 3 wrong
  passwords free, then locked 30 s, doubling to an hour; a lock is forgiven when the clock
  was set back. A password typed by someone else (`add`, `set_password`) must be changed at
  the next sign-in at /admin, as the desktop's reset must (`must_change_password`); the
  operator changes their own at /admin/password (`change_own_password`).
- API tokens: random, shown once, kept as their SHA-256 with a 12-digit fingerprint the trail
  names them by; refused once revoked or the operator is disabled.
- Every change (made, disabled, enabled, a new password, a token given or revoked, renamed,
  removed) is written to the server's trail in its transaction, naming who made it (`by`: the
  command line and the computer's user, as `daftar server enrol-code --database` is named).
- The trail names an operator by the name they had when they acted. A rename (`rename`) keeps
  the old name as theirs (`ServerOperatorFormerName`: nobody else may take it, and the trail's
  readers are told the name they have now, `former_names`). Only an operator who never acted
  (`acts_of`) may be removed (`remove`); one who did can only be disabled. The only enabled
  admin can be neither removed nor made a reviewer.

The shared administrator token (`Settings.admin_token`) keeps working on the API (named in the
trail as "shared admin token"); on the /admin page it signs in only while the server has no
operator at all (docs/sync-api.md, "Named operators"). Functions take `session` first and
commit nothing themselves except `sign_in` (a wrong password counts whatever the caller does).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from records import credentials
from sync.server.db import (
    ServerAdminSession,
    ServerEvent,
    ServerOperator,
    ServerOperatorFormerName,
    ServerOperatorToken,
    utcnow,
)
from sync.server.ingest import SHARED_TOKEN, IngestError, record_event

REVIEWER, ADMIN = "reviewer", "admin"
ROLES = (REVIEWER, ADMIN)
SHARED = SHARED_TOKEN  # how the trail names the shared administrator token's holder
MAX_NAME = 64


class OperatorError(ValueError):
    """A change to the operators refused (a name taken or not allowed, a weak password, an
    operator that does not exist): the message says what and what to do (the command line
    prints it)."""


@dataclass(frozen=True)
class OperatorRef:
    """Who made a request: an operator (`id`, `name`, `role`, the `token` fingerprint when by a
    personal API token), or the shared administrator token (`id` None, `name` SHARED)."""

    id: int | None
    name: str
    role: str
    token: str = ""
    must_change: bool = False  # (a sign-in at /admin) their password was typed by someone else

    @property
    def shared(self) -> bool:
        return self.id is None


def shared_ref() -> OperatorRef:
    return OperatorRef(None, SHARED, ADMIN)


def may(ref: OperatorRef, action: str) -> bool:
    """Whether `ref` may do `action`: "decide" (decisions, batch files) or "offices" (enrolment
    codes, revocations: an admin's)."""
    return action == "decide" or ref.role == ADMIN


def key(name: str) -> str:
    """A name as operators are told apart: case and surrounding spaces aside."""
    return name.strip().casefold()


def _clean(name: str) -> str:
    try:
        name = credentials.check_name(name)
    except credentials.CredentialError as e:
        raise OperatorError(str(e).replace("user name", "operator name").replace("a operator", "an operator")) from None
    if len(name) > MAX_NAME:
        raise OperatorError(f"the operator name '{name[:20]}…' is longer than {MAX_NAME} characters")
    return name


def check_password(password: str, name: str) -> None:
    """OperatorError when `password` breaks the rules (the desktop's: at least 8 characters, not
    the name)."""
    try:
        credentials.check_password(password, name)
    except credentials.CredentialError as e:
        raise OperatorError(str(e).replace("the user name", "the operator's name")) from None


def any_operator(session: Session) -> bool:
    """Whether the server has any operator (enabled or not): from the first one on, the shared
    token no longer signs in at /admin."""
    return session.scalar(select(ServerOperator.id).limit(1)) is not None


def named(session: Session, name: str) -> ServerOperator | None:
    return session.scalar(select(ServerOperator).where(ServerOperator.name_key == key(name)))


def clean_new_name(session: Session, name: str, *, for_id: int | None = None) -> str:
    """A new name (of a new operator, or of operator `for_id` renamed) as it is kept (spaces
    around it dropped); OperatorError when it is not allowed, another operator has it (case
    aside), or it is another operator's former name (the trail names them by it)."""
    name = _clean(name)
    other = named(session, name)
    if other is not None and other.id != for_id:
        raise OperatorError(f"an operator named '{other.name}' exists already (names are told apart whatever their "
                            "case: daftar server operator list)")
    was = session.scalar(select(ServerOperatorFormerName).where(ServerOperatorFormerName.name_key == key(name)))
    if was is not None and was.operator_id != for_id:
        now = session.get(ServerOperator, was.operator_id)
        raise OperatorError(f"the name '{was.name}' was operator {now.name}'s until {_day(was.until)}: the server's "
                            f"trail names {now.name} by it in what they did before, so no other operator may take "
                            "it; choose another name")
    return name


def _day(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d")


def existing_name(session: Session, name: str) -> str:
    """An operator's name as kept; OperatorError naming the operators when there is none of that name."""
    return _named_or_error(session, name).name


def _named_or_error(session: Session, name: str) -> ServerOperator:
    op = named(session, name)
    if op is None:
        known = session.scalars(select(ServerOperator.name).order_by(ServerOperator.name_key)).all()
        raise OperatorError(f"no operator is named '{name.strip()}' on this server ("
                            + (f"the operators: {', '.join(known)}" if known else "it has none yet: "
                               "daftar server operator add NAME") + ")")
    return op


def _when(t) -> str | None:
    return t.isoformat(timespec="seconds") + "Z" if t else None


def _view(op: ServerOperator, tokens: int = 0, former: list[str] | None = None) -> dict:
    return {"name": op.name, "role": op.role, "active": op.active, "created_at": _when(op.created_at),
            "password_set_at": _when(op.password_set_at), "last_sign_in": _when(op.last_sign_in),
            "failed_sign_ins": op.failed_logins, "locked_until": _when(op.locked_until), "tokens": tokens,
            "must_change_password": bool(op.must_change_password), "former_names": former or []}


def _former(session: Session, operator_id: int) -> list[str]:
    return list(session.scalars(select(ServerOperatorFormerName.name)
                                .where(ServerOperatorFormerName.operator_id == operator_id)
                                .order_by(ServerOperatorFormerName.until, ServerOperatorFormerName.id)))


def former_names(session: Session) -> dict[str, str]:
    """Each former name of an operator (as the trail wrote it) -> the name they have now: what
    the trail's readers are told beside a name that is no longer anyone's."""
    return dict(session.execute(select(ServerOperatorFormerName.name, ServerOperator.name)
                                .join(ServerOperator, ServerOperator.id == ServerOperatorFormerName.operator_id)).all())


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise OperatorError(f"unknown role '{role}': an operator is a {REVIEWER} (decides on entries) or an "
                            f"{ADMIN} (also issues enrolment codes and revokes offices)")


def add(session: Session, *, name: str, role: str, password: str, by: dict) -> dict:
    """A new operator (`operator.added` in the trail, naming `by`), who chooses their own
    password at their first sign-in at /admin. The caller commits. Another `add` of the same
    name committed meanwhile (two at once: the database's unique name) is OperatorError, the
    session rolled back."""
    name = clean_new_name(session, name)
    _check_role(role)
    check_password(password, name)
    now = utcnow()
    op = ServerOperator(name=name, name_key=key(name), role=role, password_hash=credentials.hash_password(password),
                        active=True, failed_logins=0, created_at=now, password_set_at=now, must_change_password=True)
    session.add(op)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise OperatorError(f"an operator named '{name}' was added meanwhile (another daftar server operator add at "
                            "the same moment): nothing was changed; see daftar server operator list") from None
    record_event(session, "operator.added", name=name, role=role, **by)
    session.flush()
    return _view(op)


def listed(session: Session) -> list[dict]:
    """Every operator, by name, with how many API tokens each holds (not revoked)."""
    counts = dict(session.execute(select(ServerOperatorToken.operator_id, func.count())
                                  .where(ServerOperatorToken.revoked_at.is_(None))
                                  .group_by(ServerOperatorToken.operator_id)).all())
    former: dict[int, list[str]] = {}
    for op_id, name in session.execute(select(ServerOperatorFormerName.operator_id, ServerOperatorFormerName.name)
                                       .order_by(ServerOperatorFormerName.until, ServerOperatorFormerName.id)):
        former.setdefault(op_id, []).append(name)
    return [_view(op, counts.get(op.id, 0), former.get(op.id))
            for op in session.scalars(select(ServerOperator).order_by(ServerOperator.name_key))]


def set_active(session: Session, *, name: str, active: bool, by: dict) -> dict:
    """Disable an operator (their sign-ins at /admin end, their tokens are refused; kept in the
    trail's names), or enable them again: `operator.disabled` / `operator.enabled`. An operator
    already so is left as is (no event). The caller commits."""
    op = _named_or_error(session, name)
    if op.active != active:
        op.active = active
        if active:
            op.failed_logins, op.locked_until = 0, None
        record_event(session, "operator.enabled" if active else "operator.disabled", name=op.name, **by)
        session.flush()
    return _view(op)


def set_password(session: Session, *, name: str, password: str, by: dict) -> dict:
    """A new password for an operator (one forgotten, or told to someone): their sign-ins made
    before end, a lockout is forgiven, and they must choose their own at the next sign-in (the
    person who typed this one knows it). `operator.password_reset`. The caller commits."""
    op = _named_or_error(session, name)
    check_password(password, op.name)
    op.password_hash = credentials.hash_password(password)
    op.password_set_at = utcnow()
    op.must_change_password = True
    op.failed_logins, op.locked_until = 0, None
    record_event(session, "operator.password_reset", name=op.name, **by)
    session.flush()
    return _view(op)


def set_role(session: Session, *, name: str, role: str, by: dict) -> dict:
    """An operator's role changed (`operator.role_changed`, with the role it was): their open
    sign-ins at /admin and their API tokens act in the new role from their next request (the
    role is read from the operator at each request, `role_of`, `by_token`). The same role
    again: no event. The caller commits."""
    _check_role(role)
    op = _named_or_error(session, name)
    if op.role != role:
        if op.role == ADMIN:
            _not_the_last_admin(session, op, f"made a {role}")
        was, op.role = op.role, role
        record_event(session, "operator.role_changed", name=op.name, role=role, was=was, **by)
        session.flush()
    return _view(op)


def _not_the_last_admin(session: Session, op: ServerOperator, what: str) -> None:
    """OperatorError when `op` is the server's only enabled admin: nobody would be left to
    issue enrolment codes and revoke offices as a person the trail names."""
    if not (op.active and op.role == ADMIN):
        return
    others = session.scalar(select(func.count()).select_from(ServerOperator).where(
        ServerOperator.role == ADMIN, ServerOperator.active.is_(True), ServerOperator.id != op.id))
    if not others:
        raise OperatorError(f"operator {op.name} is the only enabled admin of this server: they cannot be {what}, "
                            "or nobody would be left to issue enrolment codes and revoke offices; make another "
                            f"operator an admin first (daftar server operator role NAME admin); nothing was changed")


def rename(session: Session, *, name: str, new_name: str, by: dict) -> dict:
    """An operator's name changed (they sign in with the new one from now on; their open
    sign-ins and API tokens go on, named by it): `operator.renamed` with the `name` it was and
    the `new_name`. What they did before stays in the trail under the old name, which stays
    theirs (`ServerOperatorFormerName`: no other operator may take it, and the trail's readers
    are told who it is now); taking back a former name of their own frees it again. The same
    name (case and all): no event. A change of case only is a rename too (the name is shown as
    given). The caller commits."""
    op = _named_or_error(session, name)
    new_name = clean_new_name(session, new_name, for_id=op.id)
    if new_name == op.name:
        return _view(op, former=_former(session, op.id))
    old, now = op.name, utcnow()
    session.execute(delete(ServerOperatorFormerName).where(ServerOperatorFormerName.name_key == key(new_name))
                    .execution_options(synchronize_session=False))
    if key(old) != key(new_name):  # (a change of case only: the trail's old spelling is still this name)
        session.add(ServerOperatorFormerName(operator_id=op.id, name=old, name_key=key(old), until=now))
    op.name, op.name_key = new_name, key(new_name)
    # their open sign-ins at /admin name them by the new name from their next request (the trail too)
    session.execute(update(ServerAdminSession).where(ServerAdminSession.operator_id == op.id)
                    .values(operator_name=new_name).execution_options(synchronize_session=False))
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise OperatorError(f"an operator named '{new_name}' was added meanwhile (another daftar server operator "
                            "at the same moment): nothing was changed; see daftar server operator list") from None
    record_event(session, "operator.renamed", name=old, new_name=new_name, **by)
    session.flush()
    return _view(op, former=_former(session, op.id))


def acts_of(session: Session, op: ServerOperator) -> list[str]:
    """What an operator did that the trail or the server keeps naming them for, each said after
    "they" (empty: they never acted): signed in at /admin, used an API token, or named in the
    trail as who acted (a decision, a batch file, a code, a revocation, a password of their own),
    under any of their names."""
    said = []
    if op.last_sign_in is not None:
        said.append(f"signed in at /admin (last on {_day(op.last_sign_in)})")
    used = session.scalar(select(func.max(ServerOperatorToken.last_used))
                          .where(ServerOperatorToken.operator_id == op.id))
    if used is not None:
        said.append(f"used an API token (last on {_day(used)})")
    names = {n.lower() for n in (op.name, *_former(session, op.id))}  # (as written then: case aside)
    n = session.scalar(select(func.count()).select_from(ServerEvent)
                       .where(func.lower(ServerEvent.detail["operator"].as_string()).in_(names)))
    if n:
        said.append(f"are named in {n} event{'s' if n != 1 else ''} of the server's trail as who acted")
    return said


def remove(session: Session, *, name: str, by: dict) -> dict:
    """Remove an operator who never acted (`acts_of` empty: made by mistake, or for someone who
    never came), with their API tokens and former names: `operator.removed`, naming them and
    their role. One who acted is refused (OperatorError saying what they did): the trail must
    go on naming them, so they can only be disabled; the only enabled admin too. Their name is
    free again. The caller commits."""
    op = _named_or_error(session, name)
    acted = acts_of(session, op)
    if acted:
        raise OperatorError(f"operator {op.name} cannot be removed: they {'; '.join(acted)}, and the trail must go on "
                            f"naming who did that. Disable them instead (daftar server operator disable {op.name}): "
                            "their sign-ins end and their API tokens are refused; nothing was changed")
    _not_the_last_admin(session, op, "removed")
    view = _view(op, former=_former(session, op.id))
    for table in (ServerOperatorToken, ServerOperatorFormerName, ServerAdminSession):
        session.execute(delete(table).where(table.operator_id == op.id).execution_options(synchronize_session=False))
    session.delete(op)
    record_event(session, "operator.removed", name=view["name"], role=view["role"], **by)
    session.flush()
    return view


class PasswordChangeRefused(Exception):
    """The change of one's own password at /admin/password refused: `why` is "wrong" (the
    current password; `locked` seconds when that locked the operator), "locked" (`locked`
    seconds to wait), "differ" (the new one typed twice differently), "same" (the new one is
    the current one) or "rules" (`message`: the rule it breaks, OperatorError's)."""

    def __init__(self, why: str, message: str = "", locked: int = 0):
        super().__init__(why)
        self.why, self.message, self.locked = why, message, locked


def change_own_password(session: Session, *, operator_id: int, current: str, new: str, again: str,
                        by: dict, now: dt.datetime | None = None) -> ServerOperator:
    """An operator chooses their own password (at /admin/password, signed in): the current one,
    then the new one twice, by the rules of `check_password`, not the current one. A wrong
    current password counts as a wrong sign-in (the same lockout: a sign-in left open is no way
    round it), committed here; PasswordChangeRefused. Success: the new hash, `password_set_at`
    now (every sign-in of theirs made before ends: the caller makes the browser a new one),
    no change due any more, `operator.password_changed` naming `by`. The caller commits."""
    now = now or utcnow()
    op = session.get(ServerOperator, operator_id)
    if op is None or not op.active:
        raise PasswordChangeRefused("disabled")
    lock = credentials.lock_now(op.locked_until, op.failed_logins, now)
    if lock != op.locked_until:
        op.locked_until = lock
    if op.locked_until and op.locked_until > now:
        session.commit()
        raise PasswordChangeRefused("locked", locked=int((op.locked_until - now).total_seconds()) + 1)
    if not credentials.password_matches(op.password_hash, current):
        op.failed_logins, op.locked_until, delay = credentials.after_failure(op.failed_logins, now)
        record_event(session, "operator.password_change_refused", name=op.name, reason="wrong_password",
                     failures=op.failed_logins, locked_s=delay, **by)
        session.commit()
        raise PasswordChangeRefused("wrong", locked=delay)
    op.failed_logins, op.locked_until = 0, None
    if new != again:
        raise PasswordChangeRefused("differ")
    if new == current:
        raise PasswordChangeRefused("same")
    try:
        check_password(new, op.name)
    except OperatorError as e:
        raise PasswordChangeRefused("rules", str(e)) from None
    op.password_hash = credentials.hash_password(new)
    op.password_set_at = now
    op.must_change_password = False
    record_event(session, "operator.password_changed", name=op.name, **by)
    session.flush()
    return op


def token_hash(token: str) -> str:
    return hashlib.sha256(("daftar-operator-token:" + token).encode()).hexdigest()


def fingerprint(token: str) -> str:
    """12 hex digits naming a token in the trail (as `ingest.token_fingerprint` names the
    shared one): never the token, nor its stored hash."""
    return hashlib.sha256(("daftar-operator-token-fingerprint:" + token).encode()).hexdigest()[:12]


def new_token(session: Session, *, name: str, by: dict) -> dict:
    """A new personal API token for an enabled operator, returned once (only its hash is kept):
    `operator.token_issued` with its fingerprint. The caller commits."""
    op = _named_or_error(session, name)
    if not op.active:
        raise OperatorError(f"operator {op.name} is disabled: enable them first (daftar server operator enable "
                            f"{op.name})")
    token = secrets.token_urlsafe(32)
    fp = fingerprint(token)
    session.add(ServerOperatorToken(operator_id=op.id, token_sha256=token_hash(token), fingerprint=fp,
                                    created_at=utcnow()))
    record_event(session, "operator.token_issued", name=op.name, token=fp, **by)
    session.flush()
    return {"name": op.name, "role": op.role, "token": token, "fingerprint": fp}


def revoke_tokens(session: Session, *, name: str, by: dict) -> dict:
    """Revoke every API token of an operator (one was lost or leaked): `operator.tokens_revoked`
    with how many; none to revoke, no event. The caller commits."""
    op = _named_or_error(session, name)
    now = utcnow()
    n = session.execute(update(ServerOperatorToken).where(ServerOperatorToken.operator_id == op.id,
                                                           ServerOperatorToken.revoked_at.is_(None))
                        .values(revoked_at=now).execution_options(synchronize_session=False)).rowcount or 0
    if n:
        record_event(session, "operator.tokens_revoked", name=op.name, tokens=n, **by)
        session.flush()
    return {"name": op.name, "revoked": n}


def by_token(session: Session, token: str) -> OperatorRef | None:
    """The operator of a personal API token (its last use noted at most once a minute); None
    when no such token was issued or it was revoked. IngestError 403 when its operator is
    disabled. The caller commits."""
    row = session.execute(select(ServerOperatorToken, ServerOperator)
                          .join(ServerOperator, ServerOperator.id == ServerOperatorToken.operator_id)
                          .where(ServerOperatorToken.token_sha256 == token_hash(token))).first()
    if row is None or row[0].revoked_at is not None:
        return None
    tok, op = row
    if not op.active:
        raise IngestError(403, "operator_disabled", f"operator {op.name} is disabled: this token is refused (ask an "
                                                    "administrator of the central server)")
    now = utcnow()
    if tok.last_used is None or abs((now - tok.last_used).total_seconds()) > 60:
        tok.last_used = now
    return OperatorRef(op.id, op.name, op.role, tok.fingerprint)


class SignInRefused(Exception):
    """A sign-in at /admin refused: `why` is "wrong" (name or password; `locked` seconds when
    that failure locked the operator), "locked" (`locked` seconds still to wait) or "disabled"
    (the right password of a disabled operator)."""

    def __init__(self, why: str, name: str = "", locked: int = 0):
        super().__init__(why)
        self.why, self.name, self.locked = why, name, locked


def sign_in(session: Session, *, name: str, password: str, address: str,
            now: dt.datetime | None = None) -> ServerOperator:
    """Check an operator's name and password as the desktop's sign-in does: three wrong passwords
    free, then locked for a time that doubles (to an hour). A refusal is written to the trail
    (`admin.sign_in_refused`, naming the operator when the name is one, never what was typed as
    the password) and committed here, so it counts whatever the caller does; SignInRefused. A
    right password resets the count. The caller commits a success."""
    now = now or utcnow()
    op = named(session, name) if name.strip() else None
    if op is None:
        credentials.equalise_timing()
        record_event(session, "admin.sign_in_refused", address=address, reason="unknown_name")
        session.commit()
        raise SignInRefused("wrong")
    lock = credentials.lock_now(op.locked_until, op.failed_logins, now)
    if lock != op.locked_until:  # the clock was set back since the lock began (records.credentials.lock_now)
        op.locked_until = lock
    if op.locked_until and op.locked_until > now:
        wait = int((op.locked_until - now).total_seconds()) + 1
        record_event(session, "admin.sign_in_refused", address=address, name=op.name, reason="locked")
        session.commit()
        raise SignInRefused("locked", op.name, wait)
    if not credentials.password_matches(op.password_hash, password):
        op.failed_logins, op.locked_until, delay = credentials.after_failure(op.failed_logins, now)
        record_event(session, "admin.sign_in_refused", address=address, name=op.name, reason="wrong_password",
                     failures=op.failed_logins, locked_s=delay)
        session.commit()
        raise SignInRefused("wrong", op.name, delay)
    if not op.active:
        record_event(session, "admin.sign_in_refused", address=address, name=op.name, reason="disabled")
        session.commit()
        raise SignInRefused("disabled", op.name)
    if credentials.needs_rehash(op.password_hash):
        op.password_hash = credentials.hash_password(password)
    op.failed_logins, op.locked_until, op.last_sign_in = 0, None, now
    return op


def session_ended_why(session: Session, row: ServerAdminSession) -> str:
    """Why an /admin sign-in made by an operator has ended ("" when it has not): its operator was
    disabled or removed, or given a new password since."""
    op = session.get(ServerOperator, row.operator_id)
    if op is None or not op.active:
        return "operator_disabled"
    if op.password_set_at > row.created_at:
        return "password_changed"
    return ""


def role_of(session: Session, row: ServerAdminSession) -> OperatorRef:
    """Who an open /admin sign-in is (its operator, or the shared token)."""
    if row.operator_id is None:
        return shared_ref()
    op = session.get(ServerOperator, row.operator_id)
    return OperatorRef(row.operator_id, row.operator_name, op.role if op else REVIEWER,
                       must_change=bool(op and op.must_change_password))
