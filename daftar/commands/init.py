"""`daftar init --admin NAME [--office NAME] [--encrypted]`: create a new workspace with its administrator.

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
    p.add_argument("--office", metavar="NAME", default="",
                   help="the office's name, printed on reports and signing its exports (default: the name "
                   "the central server gives at enrolment; Preferences changes it later)")
    p.add_argument("--district", default="", help="the office's district (the default for new registers)")
    p.add_argument("--tehsil", default="", help="the office's tehsil (the default for new registers)")
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
    office = _office_names(args)
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
            if office:
                _name_office(s, admin=accounts.user_named(s, admin), names=office)
    finally:
        ws.close()
    kind = "encrypted workspace" if code else "workspace"
    named = f" for the office '{office['name']}'" if office.get("name") else ""
    print(f"Created the {kind}{named} at {ws.root} with the administrator {admin}.")
    if code:
        print()
        print(RECOVERY_NOTICE.format(code=code))
    return 0


OFFICE_LIMITS = {"name": 200, "district": 100, "tehsil": 100}  # the office table's columns


def _office_names(args) -> dict[str, str]:
    """--office, --district and --tehsil as given (spaces around dropped), checked before
    anything is created: CommandError naming the option that is too long."""
    from daftar.cli import CommandError

    names = {}
    for key, option in (("name", "--office"), ("district", "--district"), ("tehsil", "--tehsil")):
        value = (getattr(args, "office" if key == "name" else key) or "").strip()
        if len(value) > OFFICE_LIMITS[key]:
            raise CommandError(f"{option}: {len(value)} characters, at most {OFFICE_LIMITS[key]}; nothing was created.")
        if value:
            names[key] = value
    return names


def _name_office(session, *, admin, names: dict[str, str]) -> None:
    """Give the new office its name, district and tehsil: on the office itself (its exports'
    signatures, and enrolment keeps a name of its own) and in the office settings
    Preferences shows (reports, new registers' defaults); audited as the administrator."""
    from records import office_settings
    from records.audit import Actor
    from records.outbox import office_identity

    office = office_identity(session)
    for key, value in names.items():
        setattr(office, key, value)
    office_settings.change(session, actor=Actor(admin.id, admin.username, admin.role),
                           values={f"office.{key}": value for key, value in names.items()})
