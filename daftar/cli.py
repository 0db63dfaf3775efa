"""The `daftar` command line. Each command lives in daftar/commands/NAME.py with `register()`."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from daftar import __version__

# Add a command: create daftar/commands/NAME.py with register(subparsers) and list it here.
COMMANDS = [
    "app",
    "init",
    "demo",
    "backup",
    "audit",
    "server",
    "sync",
    "batch",
    "export",
    "ocr",
    "eval",
    "selftest",
    "notices",
    "recover",
    "check",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="daftar", description="Daftar: digitise land revenue registers (offline first)."
    )
    parser.add_argument("--version", action="version", version=f"daftar {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = f"daftar.commands.{name}"
        try:
            importlib.import_module(module).register(sub)
        except ModuleNotFoundError as e:
            if e.name != module:  # a real missing dependency: say so
                raise
            # a command not present in this build (e.g. left out of a trimmed package)
    return parser


def add_workspace_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workspace",
        metavar="DIR",
        default=None,
        help="workspace folder (default: $DAFTAR_HOME, else the platform data folder)",
    )


def add_sign_in_arg(p: argparse.ArgumentParser) -> None:
    """--user NAME: who signs in to open an encrypted workspace (see `open_workspace`)."""
    p.add_argument("--user", metavar="NAME", default=None,
                   help="an encrypted workspace: sign in as this user (password from $DAFTAR_PASSWORD, "
                        "else asked; $DAFTAR_USER when not given)")


class CommandError(RuntimeError):
    """A command cannot go on; the message says why and what to do (printed as `daftar COMMAND: ...`)."""


def _no_terminal() -> bool:
    """No terminal to ask on: no controlling terminal (/dev/tty) and stdin is not one."""
    import os

    if sys.stdin is None:
        return True
    if os.name == "nt" or sys.stdin.isatty():
        return False
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except OSError:
        return True
    return False


def ask_secret(prompt: str, *, what: str = "the password", env: str = "DAFTAR_PASSWORD") -> str:
    """Ask on the terminal, never echoed; with no terminal, one line of stdin (a pipe).
    CommandError, saying to set $`env`, when there is neither (a cron job, a service, input
    from /dev/null)."""
    import getpass

    try:
        if _no_terminal():
            line = sys.stdin.readline() if sys.stdin is not None else ""
            if not line:
                raise EOFError
            return line.rstrip("\r\n")
        return getpass.getpass(prompt)
    except EOFError:
        raise CommandError(f"there is no terminal to ask {what} on: set ${env} "
                           "(for a scheduled job, in its environment)") from None


def password_for(user: str) -> str:
    """A user's password for a command: $DAFTAR_PASSWORD, else asked on the terminal (never
    echoed; CommandError when there is no terminal)."""
    import os

    return os.environ.get("DAFTAR_PASSWORD") or ask_secret(f"Password for {user}: ", what=f"the password of {user}")


NO_WORKSPACE = ("No Daftar workspace at {root}. An office creates its own with `daftar init --admin NAME` "
                "(--workspace DIR for another folder than the default) or at the app's first start; "
                "to try Daftar, `daftar demo` makes one with sample registers.")


def sign_in(root, user: str | None = None, *, what: str = "this command"):
    """Open an existing workspace for a command: (workspace, the signed-in UserView or None).

    A plain workspace opens without signing in (None). An encrypted one needs `user` (or
    $DAFTAR_USER) and the password (`password_for`): the password unwraps the user's key slot,
    then the account is checked as the app's sign-in checks it (`records.access.check_user`):
    a disabled or locked-out account is refused, and so is a password the administrator set
    that its user has not yet replaced in the app; the sign-in is recorded. A wrong password
    cannot be recorded there: without the key the records cannot be opened (the slot's
    argon2id cost is what slows guessing). WorkspaceError, naming the workspace or the user
    and what to do, when it cannot be opened."""
    import os

    from records.workspace import Workspace, WorkspaceError, default_workspace_dir

    where = Path(root).expanduser() if root is not None else default_workspace_dir()
    if not Workspace.exists(where) and not Workspace.is_encrypted(where):
        raise WorkspaceError(NO_WORKSPACE.format(root=where))
    if not Workspace.is_encrypted(root):
        return Workspace.open(root), None
    user = (user or os.environ.get("DAFTAR_USER") or "").strip()
    if not user:
        raise WorkspaceError(f"The workspace {root or 'at the default place'} is encrypted: "
                             f"add --user NAME to sign in for {what}.")
    from records import access
    from records.accounts import AccountError
    from records.crypto import CryptoError

    password = password_for(user)
    try:
        key = Workspace.unlock(root, user, password)
    except CryptoError as e:
        raise WorkspaceError(f"Cannot sign in as {user}: {e}") from None
    ws = Workspace.open(root, key=key)
    try:
        signed_in = access.check_user(ws, username=user, password=password)
    except AccountError as e:
        ws.close()
        raise WorkspaceError(f"Cannot sign in as {user}: {e}") from None
    except BaseException:
        ws.close()
        raise
    return ws, signed_in


def open_workspace(root, user: str | None = None, *, what: str = "this command"):
    """Open an existing workspace for a command; an encrypted one signing in as `user` (or
    $DAFTAR_USER) with the password from $DAFTAR_PASSWORD or asked on the terminal (`sign_in`).
    WorkspaceError, naming the workspace and what to add, when it cannot be opened."""
    return sign_in(root, user, what=what)[0]


def act_as(ws, name: str, *, signed_in=None, roles, doing: str):
    """The account `name` for a command that acts and is audited in its name (`batch export
    --seal NAME`, `batch resend --as NAME`), proven by that user's own password
    (`password_for`) checked as the sign-in checks it (`records.access.check_user`: a wrong
    password counts toward the lockout; a locked-out or disabled account is refused, and so
    is a password the administrator set that its user has not yet replaced in the app). When
    `signed_in` (the user who signed in to an encrypted workspace) is that account, its
    password was given already and is not asked again. The account's role must be one of
    `roles` for `doing`. Returns its records.audit.Actor; AccountError with the reason."""
    from records import access, accounts
    from records.accounts import AccountError

    with ws.session() as s:
        u = accounts.user_named(s, name)
        if u is None:
            raise AccountError(f"there is no user '{name}' in this workspace")
        same = signed_in is not None and u.id == signed_in.id
    if same:
        user = signed_in
    else:
        try:
            user = access.check_user(ws, username=name, password=password_for(u.username))
        except AccountError as e:
            raise AccountError(f"cannot act as {u.username}: {e}") from None
    if user.role not in roles:
        raise AccountError(f"{user.username} is a {user.role.replace('_', ' ')} and cannot {doing}: ask a supervisor")
    return user.actor()


SIGPIPE_EXIT = 141  # 128 + SIGPIPE: how a shell reports a Unix tool whose reader went away


def _reader_gone() -> int:
    """Output piped into a reader that stopped reading (`daftar audit list | head`): end
    quietly, as Unix tools do, with no traceback. Standard output is pointed at the null
    device so that the interpreter's last flush does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):  # not a real file (a test's capture)
        pass
    return SIGPIPE_EXIT


DAMAGED = ("the database of the workspace {root} is damaged ({reason}). Run `daftar check` to see what is "
           "wrong, then restore the latest backup (daftar restore BACKUP --workspace DIR --force; the damaged "
           "folder is kept aside)")


def damaged_database(e: BaseException) -> str | None:
    """SQLite's (or SQLCipher's) reason when `e` says the database file is damaged ('database
    disk image is malformed', 'file is not a database'); None for any other error (a locked
    database, a full disk, a bug), which is not to be called damage."""
    from sqlalchemy.exc import DatabaseError

    orig = getattr(e, "orig", None) if isinstance(e, DatabaseError) else e
    if orig is None or type(orig).__name__ != "DatabaseError":  # not Operational-, Integrity-, ...
        return None
    reason = str(orig).splitlines()[0] if str(orig) else ""
    if "malformed" in reason or "not a database" in reason:
        return reason
    return None


def refuse_damaged(ws, what: str) -> None:
    """CommandError when SQLite's quick check finds the workspace's database damaged
    (`records.health.database_damage`): what is read out of it (`what`: "the export") could
    be incomplete, and nothing is to be written from it or into it. About 0.12 s for 100,000
    rows (bench/search_bench.py)."""
    from records.health import database_damage

    reason = database_damage(ws)
    if reason:
        raise CommandError(f"{what} could be incomplete, so nothing was written: "
                           + DAMAGED.format(root=ws.root, reason=reason))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from records.workspace import WorkspaceError

    try:
        rc = int(args.func(args) or 0)
        sys.stdout.flush()  # a reader gone (`| head`) shows here, not at the interpreter's exit
        return rc
    except BrokenPipeError:
        return _reader_gone()
    except WorkspaceError as e:
        print(f"daftar: {e}", file=sys.stderr)
        return 1
    except CommandError as e:
        print(f"daftar {args.command}: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        reason = damaged_database(e)
        if reason is None:
            raise
        from records.workspace import default_workspace_dir

        root = getattr(args, "workspace", None) or default_workspace_dir()
        print(f"daftar {args.command}: {DAMAGED.format(root=root, reason=reason)}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # `python -m daftar.cli`: the module's own classes, not __main__'s copies
    from daftar.cli import main as _main

    sys.exit(_main())
