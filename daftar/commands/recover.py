"""`daftar recover --user NAME`: a new password for an account when no administrator can sign
in to reset it (the only administrator's password forgotten).

An encrypted workspace needs its recovery code (from $DAFTAR_RECOVERY_CODE or asked, never
echoed); the code has then left the safe, so a new one is printed once and the old one stops
working. A workspace that is not encrypted has no code: --without-code says so on purpose.
The new password comes from $DAFTAR_PASSWORD or is asked twice; the user must change it at
the next sign-in. The audit trail records the recovery.
"""

from __future__ import annotations

import sys

from daftar.cli import add_workspace_arg, ask_secret


def register(sub) -> None:
    p = sub.add_parser(
        "recover",
        help="set a new password for a user with the recovery code (when no administrator can sign in)",
        description="Give a user (usually the administrator) a new password when nobody who could "
        "reset it can sign in. An encrypted workspace needs its recovery code and gets a new one; "
        "a workspace that is not encrypted needs --without-code. The user must change the "
        "password at the next sign-in; the audit trail records it.",
    )
    add_workspace_arg(p)
    p.add_argument("--user", metavar="NAME", required=True, help="the account to give a new password")
    p.add_argument("--without-code", action="store_true",
                   help="the workspace is not encrypted (it has no recovery code): set the password anyway")
    p.set_defaults(func=run)


def run(args) -> int:
    import os

    from daftar.commands.init import RECOVERY_NOTICE, ask_new_password
    from records import access
    from records.accounts import AccountError
    from records.crypto import WrongPassword
    from records.workspace import Workspace, WorkspaceError, default_workspace_dir

    root = args.workspace or default_workspace_dir()
    if not (Workspace.exists(root) or Workspace.is_encrypted(root)):
        raise WorkspaceError(f"No workspace at {root}; nothing was changed.")
    code = None
    encrypted = Workspace.is_encrypted(root)
    if encrypted and args.without_code:
        print("daftar recover: --without-code does not apply: this workspace is encrypted, so only its recovery "
              "code can set a new password (leave --without-code out and give the code); nothing was changed.",
              file=sys.stderr)
        return 1
    if encrypted:
        code = os.environ.get("DAFTAR_RECOVERY_CODE") or ask_secret("Recovery code: ", what="the recovery code",
                                                                    env="DAFTAR_RECOVERY_CODE")
    named = []

    def new_password(username: str) -> str:  # asked once the code and the user are known to be right
        named.append(username)
        return ask_new_password(username)

    try:
        new_code = access.recover_account(root, username=args.user, new_password=new_password, code=code,
                                          without_code=args.without_code)
    except (AccountError, WrongPassword) as e:
        print(f"daftar recover: {e}; nothing was changed.", file=sys.stderr)
        return 1
    print(f"{named[0]} has a new password and must choose their own at the next sign-in.")
    if new_code:
        print("The recovery code that was used no longer works.")
        print()
        print(RECOVERY_NOTICE.format(code=new_code))
    return 0
