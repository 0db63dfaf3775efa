"""`daftar app`: open the desktop application."""

from __future__ import annotations

from daftar.cli import add_workspace_arg


def register(sub) -> None:
    p = sub.add_parser("app", help="open the desktop application")
    add_workspace_arg(p)
    p.add_argument("--user", metavar="NAME",
                   help="sign in as NAME (with the password in $DAFTAR_PASSWORD no dialog is shown)")
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.main import run_app

    return run_app(args.workspace, username=getattr(args, "user", None))
