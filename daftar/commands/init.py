"""`daftar init --admin NAME [--encrypted]`: create a new workspace with its administrator.

With --encrypted the database (SQLCipher) and page images (AES-GCM) are encrypted under a
workspace key that each user's password unlocks; the recovery code is printed once.
The password comes from $DAFTAR_PASSWORD or is asked twice on the terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path

from daftar.cli import add_workspace_arg

RECOVERY_NOTICE = """\
RECOVERY CODE (shown only this once):

    {code}

Print this page or write the code on paper now, and lock it away (the office safe).
It opens the workspace when every administrator password is lost (`daftar recover --user
NAME`, or "Forgot the password?" at the sign-in). Anyone holding it can read the records:
never keep it on this computer, in an e-mail or on a phone. A new code can be made later
(Users > New recovery code); the old one then stops working.
"""


def register(sub) -> None:
    p = sub.add_parser(
        "init",
        help="create a new workspace with its administrator (optionally encrypted)",
        description="Create a new, empty workspace and its first administrator. With "
        "--encrypted the records are encrypted on disk and a recovery code is printed once.",
    )
    add_workspace_arg(p)
    p.add_argument("--admin", metavar="NAME", required=True, help="user name of the first administrator")
    p.add_argument("--full-name", default="", help="full name of the administrator")
    p.add_argument("--encrypted", action="store_true",
                   help="encrypt the database and page images (recommended on office PCs)")
    p.add_argument("--language", choices=("ur", "en"), default="ur",
                   help="interface language of the administrator (default: ur)")
    p.set_defaults(func=run)


def ask_new_password(username: str) -> str:
    """$DAFTAR_PASSWORD, else asked twice on the terminal (never echoed). CommandError when
    there is no terminal or no password was given (the caller has changed nothing yet)."""
    import os

    from daftar.cli import CommandError, ask_secret

    env = os.environ.get("DAFTAR_PASSWORD")
    if env:
        return env
    what = f"the new password of {username}"
    for _ in range(3):
        first = ask_secret(f"New password for {username}: ", what=what)
        if first and first == ask_secret("The same password again: ", what=what):
            return first
        print("The two passwords differ (or are empty); try again.", file=sys.stderr)
    raise CommandError("no password given; nothing was changed.")


def run(args) -> int:
    from records import access, accounts
    from records.accounts import AccountError
    from records.workspace import Workspace, WorkspaceError, default_workspace_dir

    root = args.workspace or default_workspace_dir()
    if Workspace.exists(root) or Workspace.is_encrypted(root):
        raise WorkspaceError(f"A workspace already exists at {root}; nothing was changed.")
    if Path(root).expanduser().exists() and not Path(root).expanduser().is_dir():
        print(f"daftar init: {root} is a file, not a folder: give --workspace a folder (a new one, or an empty "
              "one) for the workspace; nothing was created.", file=sys.stderr)
        return 1
    try:  # everything about the administrator is checked before anything is created
        admin = accounts.new_user_name(args.admin)
    except AccountError as e:
        what = ": give the administrator's user name" if not args.admin.strip() else ""
        print(f"daftar init: --admin {args.admin!r}: {e}{what}; nothing was created.", file=sys.stderr)
        return 1
    password = ask_new_password(admin)
    try:
        accounts.check_password_rules(password, admin)
    except AccountError as e:
        print(f"daftar init: {e}; nothing was created.", file=sys.stderr)
        return 1
    if args.encrypted:
        ws, code = Workspace.create_encrypted(root, admin_username=admin, admin_password=password)
    else:
        ws, code = Workspace.open(root, create=True), None
        access.create_user(ws, actor=None, username=admin, password=password, role="admin")
    try:
        with ws.session() as s:
            user = accounts.user_named(s, admin).id
            accounts.set_profile(s, user_id=user, full_name=args.full_name, language=args.language)
    finally:
        ws.close()
    kind = "encrypted workspace" if code else "workspace"
    print(f"Created the {kind} at {ws.root} with the administrator {admin}.")
    if code:
        print()
        print(RECOVERY_NOTICE.format(code=code))
    return 0
