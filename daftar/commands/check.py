"""`daftar check`: is this workspace sound? The database's integrity check, every page image
there and matching its hash, the audit chain whole (records.health). PASS or FAIL per part,
the damaged pages named, and what to do; exit 1 when anything failed."""

from __future__ import annotations

import json

from daftar.cli import add_sign_in_arg, add_workspace_arg, open_workspace

ADVICE = ("Restore the latest backup that checks out: daftar restore BACKUP --workspace DIR --force "
          "(the damaged folder is kept aside); a backup is verified before anything is replaced.")


def register(sub) -> None:
    p = sub.add_parser(
        "check",
        help="check a workspace: database integrity, every page image, the audit chain",
        description="Check that the workspace is sound: SQLite's integrity check of the database, every "
        "page image present and matching its hash, and the audit chain whole. Prints PASS or FAIL for "
        "each part, names damaged pages, and exits with 1 when anything failed. Changes nothing.",
    )
    add_workspace_arg(p)
    add_sign_in_arg(p)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from records.health import check_workspace

    ws = open_workspace(args.workspace, args.user, what="the check")
    try:
        parts = check_workspace(ws)
        root = ws.root
    finally:
        ws.close()
    ok = all(p.ok for p in parts)
    if args.json:
        from daftar.crashlog import ended_badly, log_path

        print(json.dumps({"ok": ok, "workspace": str(root), "app_log": str(log_path()),
                          "app_ended_unexpectedly": [r.started for r in ended_badly()], "parts": [
            {"name": p.name, "ok": p.ok, "warning": p.warning, "summary": p.summary, "problems": list(p.problems)}
            for p in parts]},
            ensure_ascii=False))
        return 0 if ok else 1
    print(f"Checking the workspace {root}")
    for p in parts:
        print(f"{'FAIL' if not p.ok else 'WARN' if p.warning else 'PASS'} {p.name}: {p.summary}")
        for problem in p.problems:
            print(f"     {problem}")
    if not ok:
        print(ADVICE)
    print(app_log_line())
    return 0 if ok else 1


def app_log_line() -> str:
    """Where the app's log is on this computer, and the runs of the app that ended badly
    since it last started (daftar.crashlog): for IT."""
    from daftar.crashlog import ended_badly, log_path

    line = f"The app's log on this computer (for IT when the app ends unexpectedly): {log_path()}"
    bad = ended_badly()
    if bad:
        line += (f"\nWARN app: {len(bad)} run(s) of the app ended unexpectedly (started "
                 f"{', '.join(r.started for r in bad)}); the log says what each was doing")
    return line
