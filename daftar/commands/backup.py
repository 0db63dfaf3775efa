"""`daftar backup [DEST]` and `daftar restore BACKUP`: whole-workspace backups (one .tar)."""

from __future__ import annotations

import sys

from daftar.cli import add_sign_in_arg, add_workspace_arg, open_workspace, password_for


def register(sub) -> None:
    p = sub.add_parser(
        "backup",
        help="write a consistent backup of the workspace (safe while Daftar runs)",
        description="Write the database (SQLite online backup), every page image and the "
        "audit key into one .tar file with a manifest of hashes.",
    )
    p.add_argument("dest", nargs="?", default=None, metavar="DEST",
                   help="backup file or folder (default: WORKSPACE/backups/daftar-backup-TIME.tar)")
    add_workspace_arg(p)
    add_sign_in_arg(p)
    p.set_defaults(func=run_backup)

    r = sub.add_parser(
        "restore",
        help="restore a workspace from a backup file",
        description="Verify a backup completely, then restore it. A non-empty workspace is "
        "only replaced with --force, and is then moved aside (kept), never deleted.",
    )
    r.add_argument("backup", metavar="BACKUP", help="a daftar-backup-….tar file")
    r.add_argument("--force", action="store_true",
                   help="move a non-empty workspace aside and restore in its place")
    add_workspace_arg(r)
    r.add_argument("--user", metavar="NAME",
                   help="an encrypted backup: sign in as NAME to check and open it after restoring")
    r.set_defaults(func=run_restore)


def run_backup(args) -> int:
    from records.backup import back_up

    ws = open_workspace(args.workspace, args.user, what="the backup")
    try:
        res = back_up(ws, _backup_actor(ws, args.user), args.dest, via="command line")
    finally:
        ws.close()
    c = res.counts
    print(f"Backup written: {res.path} ({res.size / 1e6:.1f} MB)")
    print(f"  {c.get('register', 0)} registers, {c.get('page', 0)} pages, {c.get('entry', 0)} entries, "
          f"{res.images} images, schema {res.revision}")
    if res.missing_images:
        print(f"daftar: warning: {len(res.missing_images)} page image(s) were already missing from "
              "the workspace and are not in the backup", file=sys.stderr)
    return 0


def _backup_actor(ws, user: str | None):
    """Who the audit trail names for a backup from the command line: on an encrypted
    workspace the user whose password opened it; otherwise nobody signed in (the system),
    since a name given without a password proves nothing."""
    import os

    from records import accounts, audit

    user = user or os.environ.get("DAFTAR_USER")
    if ws.encrypted and user:
        with ws.session() as s:
            u = accounts.user_named(s, user)
            if u is not None:
                return audit.Actor(u.id, u.username, u.role)
    return audit.SYSTEM


def run_restore(args) -> int:
    from records.backup import restore_backup
    from records.workspace import default_workspace_dir

    target = args.workspace or default_workspace_dir()
    password = password_for(args.user) if args.user else None
    res = restore_backup(args.backup, target, force=args.force, username=args.user, password=password)
    c = res.counts
    print(f"Restored {args.backup} into {res.workspace}")
    print(f"  {c.get('register', 0)} registers, {c.get('page', 0)} pages, {c.get('entry', 0)} entries, "
          f"{res.images} images, schema {res.revision}")
    if res.moved_aside:
        print(f"  the previous workspace was moved to {res.moved_aside}")
    if res.upgrade_backup:
        print(f"  the schema was upgraded; the database before the upgrade is in {res.upgrade_backup}")
    if res.restore_epoch:
        print(f"  recorded in its audit trail as restore {res.restore_epoch}: its JSON exports from now on say so "
              "(signed), so a workspace that imported exports it made before this restore takes the new ones as newer")
    for w in res.warnings:
        print(f"daftar: warning: {w}", file=sys.stderr)
    if not res.audit_ok:
        print(f"daftar: warning: the audit chain does not verify: {res.audit_reason}", file=sys.stderr)
        return 1
    if res.opened:
        print("  audit chain verified")
    return 0
