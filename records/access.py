"""Account operations that keep an encrypted workspace's key slots in step with the users.

Use these (not records.accounts directly) from the UI and command line: on an encrypted
workspace a new user gets a key slot, a password change rewraps it, removing a user
removes the slot. On a plain workspace they are the plain account operations.
"""

from __future__ import annotations

from collections.abc import Callable

from records import accounts
from records.accounts import AccountError, UserView
from records.audit import Actor


def create_user(ws, *, actor: Actor | None, username: str, password: str, role: str,
                full_name: str = "", language: str | None = None, must_change: bool = False) -> UserView:
    """Create a user (with a key slot on an encrypted workspace); the interface language
    defaults to the office's setting ui.language. `must_change`: see accounts.create_user."""
    with ws.session() as s:
        if language is None:
            from records import office_settings

            language = office_settings.read(s).get("ui.language")
        u = accounts.create_user(s, actor=actor, username=username, password=password, role=role,
                                 full_name=full_name, language=language, must_change=must_change)
        if ws.encrypted:
            ws.slots.add_user(u.username, password, ws.key)
    return u


def change_password(ws, *, user_id: int, old_password: str, new_password: str) -> None:
    """A user's own new password; on an encrypted workspace the key slot is rewrapped under
    it (a disabled account has no slot and gets none)."""
    with ws.session() as s:
        u = accounts.get_user(s, user_id)
        accounts.change_password(s, user_id=user_id, old_password=old_password, new_password=new_password)
        if ws.encrypted and u.active:
            ws.slots.add_user(u.username, new_password, ws.key)  # rewrap under the new password


def reset_password(ws, *, actor: Actor, user_id: int, new_password: str) -> None:
    """An administrator sets a new password. On an encrypted workspace it rewraps the user's
    key slot, but a disabled account gets no slot: disabling deleted it, and only enabling
    the account again (`enable_user`) makes a new one, so the new password does not open the
    workspace to someone who may not sign in."""
    with ws.session() as s:
        u = accounts.get_user(s, user_id)
        accounts.reset_password(s, actor=actor, user_id=user_id, new_password=new_password)
        if ws.encrypted and u.active:
            ws.slots.add_user(u.username, new_password, ws.key)
        elif ws.encrypted and u.username.lower() in ws.slots.users():
            ws.slots.remove_user(u.username)  # a slot an earlier version gave a disabled account


def remove_user(ws, *, actor: Actor, user_id: int) -> None:
    """Disable the account and, on an encrypted workspace, delete its key slot."""
    with ws.session() as s:
        u = accounts.get_user(s, user_id)
        accounts.set_active(s, actor=actor, user_id=user_id, active=False)
        if ws.encrypted:
            ws.slots.remove_user(u.username)


def enable_user(ws, *, actor: Actor, user_id: int, new_password: str) -> None:
    """Enable a disabled account again (a clerk back from leave, one disabled by mistake),
    with a new password the user must change at the next sign-in: on an encrypted workspace
    disabling deleted the account's key slot, and the new password makes it a new one."""
    with ws.session() as s:
        u = accounts.get_user(s, user_id)
        if u.active:
            raise AccountError(f"{u.username} is not disabled")
        accounts.set_active(s, actor=actor, user_id=user_id, active=True)
        accounts.reset_password(s, actor=actor, user_id=user_id, new_password=new_password)
        if ws.encrypted:
            ws.slots.add_user(u.username, new_password, ws.key)


def new_recovery_code(ws, *, actor: Actor) -> str:
    """Replace the recovery code (administrators only); print the result once."""
    if actor.role != "admin":
        raise AccountError("only an administrator can make a recovery code")
    if not ws.encrypted:
        raise AccountError("this workspace is not encrypted: it has no recovery code")
    from records import audit

    code = ws.slots.set_recovery(ws.key)
    with ws.session() as s:
        audit.record(s, actor=actor, action="key.recovery_reset", entity="workspace")
    return code


RECOVERY_ACTOR_NAME = "recovery"  # who the audit trail says acted when an account was recovered


def recover_account(root, *, username: str, new_password: str | Callable[[str], str], code: str | None = None,
                    without_code: bool = False) -> str | None:
    """Give an account a new password when no administrator can sign in to reset it (the only
    administrator's password forgotten). On an encrypted workspace the recovery code opens
    the workspace key; that code has now left the safe, so it is replaced by a new one, which
    is returned to be printed and locked away. A workspace that is not encrypted has no code:
    `without_code` must say so on purpose (whoever can run this on the computer can also read
    the database file), and None is returned; on an encrypted one it does not apply and is
    refused. Either way the account is enabled and unlocked, must choose its own password at
    the next sign-in, and the audit trail records it (user.recovered, by "recovery").

    The code and the user are checked before the new password is wanted: `new_password` may
    be a function given the account's user name that asks for it only then. Raises
    WrongPassword for a wrong code, AccountError for an unknown user, a refused password, a
    missing code or `without_code` on an encrypted workspace."""
    from records import audit
    from records.workspace import Workspace

    encrypted = Workspace.is_encrypted(root)
    if encrypted and without_code:
        raise AccountError("`--without-code` does not apply: this workspace is encrypted, so only its recovery code "
                           "can set a new password")
    if encrypted and not code:
        raise AccountError("this workspace is encrypted: its recovery code is needed")
    if not encrypted and not without_code:
        raise AccountError("this workspace is not encrypted and has no recovery code: "
                           "say so on purpose (`--without-code`) to set a new password")
    if isinstance(new_password, str):
        accounts.check_password_rules(new_password, username)
    key = Workspace.unlock_recovery(root, code) if encrypted else None
    ws = Workspace.open(root, key=key)
    try:
        with ws.session() as s:
            u = accounts.user_named(s, username)
            if u is None:
                raise AccountError(f"there is no user '{username.strip()}' in this workspace")
            password = new_password if isinstance(new_password, str) else new_password(u.username)
            accounts.give_new_password(u, password)
            u.active = True
            audit.record(s, actor=audit.Actor(None, RECOVERY_ACTOR_NAME, "system"), action="user.recovered",
                         entity="user", entity_id=u.id,
                         detail={"with": "the recovery code" if encrypted else "access to the workspace folder"})
            new_code = None
            if encrypted:
                ws.slots.add_user(u.username, password, ws.key)
                new_code = ws.slots.set_recovery(ws.key)
        return new_code
    finally:
        ws.close()


def confirm_password(ws, *, username: str, password: str) -> UserView:
    """The signed-in user's password typed again to unlock a window left alone: checked as a
    sign-in on the open workspace (recorded as one; failures count toward the lockout, and a
    disabled account is refused). AccountError with a message fit to show: a wrong password is
    called that (no user name was typed)."""
    wrong = "wrong user name or password"
    try:
        with ws.session() as s:
            return accounts.login(s, username=username, password=password)
    except AccountError as e:
        if str(e).startswith(wrong):
            raise AccountError("wrong password" + str(e)[len(wrong):]) from None
        raise


def check_user(ws, *, username: str, password: str) -> UserView:
    """A user's password checked on an open workspace as the sign-in checks it, for a command
    that acts in that user's name (`accounts.login`: argon2id; a wrong password is recorded
    and counts toward the lockout, a locked-out account is refused; a successful check is
    recorded as a sign-in). A disabled account is refused saying so once its password is
    right (to anyone else it is a wrong user name or password, as at the sign-in). So is an
    account whose password someone else chose (an administrator's reset, a new account, a
    recovery: `must_change_password`): only its user may act with it, after choosing their
    own at the app's sign-in; nothing of the refused sign-in is written.
    AccountError with a message fit to show."""
    with ws.session() as s:
        u = accounts.user_named(s, username)
        if u is not None and not u.active and accounts.password_matches(u, password):
            raise AccountError(f"the account {u.username} is disabled: an administrator must enable it again")
        user = accounts.login(s, username=username, password=password)
        if user.must_change_password:  # raised inside the session: the sign-in is rolled back
            raise AccountError(f"the password of {user.username} was set by the administrator: {user.username} "
                               "must first sign in to the app and choose their own password")
        return user


def sign_in(root, *, username: str, password: str):
    """Open a workspace for a user: unlocks an encrypted one, then checks the account.

    Returns (workspace, user). Raises records.crypto.WrongPassword / AccountError with a
    message fit to show.
    """
    from records.workspace import Workspace

    key = Workspace.unlock(root, username, password) if Workspace.is_encrypted(root) else None
    ws = Workspace.open(root, key=key)
    try:
        with ws.session() as s:
            user = accounts.login(s, username=username, password=password)
    except Exception:
        ws.close()
        raise
    return ws, user
