"""`daftar demo`: build a demo workspace with rendered register pages and OCR-like values."""

from __future__ import annotations

from daftar.cli import add_workspace_arg


def register(sub) -> None:
    p = sub.add_parser(
        "demo",
        help="create a demo workspace (registers of each kind, rendered pages, demo users)",
        description="Build a demo workspace: two registers each of jamabandi, girdawari and "
        "intiqal with rendered Urdu pages, OCR-like values (some wrong and flagged), and the "
        "users admin, clerk1, girdawar1 and ro1 (password: demo).",
    )
    add_workspace_arg(p)
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing when the workspace already exists")
    p.add_argument("--seed", type=int, default=1, help="random seed of the generated content")
    p.add_argument("--encrypted", action="store_true",
                   help="encrypt the demo workspace (each demo user's password unlocks it)")
    p.set_defaults(func=run)


def run(args) -> int:
    from records.workspace import Workspace, WorkspaceError, default_workspace_dir

    root = args.workspace or default_workspace_dir()
    if Workspace.exists(root):
        if args.if_missing:
            return 0
        raise WorkspaceError(
            f"A workspace already exists at {root}; the demo is only built into a new folder. "
            "Use --workspace DIR to choose another one."
        )
    from daftar.demo import DemoError, build_demo

    try:
        res = build_demo(root, seed=args.seed, encrypted=args.encrypted)
    except DemoError as e:
        raise WorkspaceError(str(e)) from None
    print(f"Demo workspace created at {res.root}")
    print(f"  {res.registers} registers, {res.pages} pages, {res.entries} entries "
          f"in {res.seconds:.1f} s")
    print("  users: admin, clerk1, girdawar1, ro1 (password: demo)")
    if res.recovery_code:
        print(f"  encrypted; recovery code (a demo: real offices print theirs and lock it away): {res.recovery_code}")
    return 0
