"""`daftar audit verify`: check the workspace's audit chain; `daftar audit list`: show events."""

from __future__ import annotations

import json

from daftar.cli import add_sign_in_arg, add_workspace_arg, open_workspace


def register(sub) -> None:
    p = sub.add_parser("audit", help="verify or list the tamper-evident audit trail")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = asub.add_parser("verify", help="check the hash chain; names the first broken event")
    add_workspace_arg(v)
    add_sign_in_arg(v)
    v.add_argument("--json", action="store_true", help="print the result as JSON")
    v.set_defaults(func=run_verify)
    lst = asub.add_parser("list", help="list events (newest last)")
    add_workspace_arg(lst)
    add_sign_in_arg(lst)
    lst.add_argument("--by", metavar="NAME", help="only events by this user name")
    lst.add_argument("--entry", help="only events of this entry UUID")
    lst.add_argument("--register", type=int, help="only events of this register id")
    lst.add_argument("--since", help="only events from this date (YYYY-MM-DD)")
    lst.add_argument("--limit", type=int, default=200)
    lst.set_defaults(func=run_list)


def run_verify(args) -> int:
    from records import audit
    from records.audit_values import describe, mismatches

    ws = open_workspace(args.workspace, args.user, what="the audit trail")
    try:
        with ws.session() as s:
            r = audit.verify(s)
            wrong = [describe(m) for m in mismatches(s)] if r.ok else []
    finally:
        ws.close()
    if args.json:
        print(json.dumps({"ok": r.ok and not wrong, "checked": r.checked, "head": r.head,
                          "first_bad_id": r.first_bad_id, "reason": r.reason, "values_not_recorded": wrong}))
    elif not r.ok:
        print(f"audit chain BROKEN at event {r.first_bad_id}: {r.reason} ({r.checked} events verified before it)")
    elif wrong:
        print(f"audit chain OK: {r.checked} events, head {r.head}; but {len(wrong)} value(s) of the records are not "
              "what the trail recorded (changed outside Daftar):")
        for line in wrong[:50]:
            print(f"  {line}")
        if len(wrong) > 50:
            print(f"  ... and {len(wrong) - 50} more")
    else:
        print(f"audit chain OK: {r.checked} events, head {r.head}; the records' values are the ones it recorded")
    return 0 if r.ok and not wrong else 1


def run_list(args) -> int:
    from records.audit_query import AuditFilter, query_events

    ws = open_workspace(args.workspace, args.user, what="the audit trail")
    try:
        with ws.session() as s:
            events = query_events(s, AuditFilter(username=args.by, entry_uuid=args.entry,
                                                 register_id=args.register, since=args.since, limit=args.limit))
    finally:
        ws.close()
    for e in events:
        what = f"{e.field}: {e.old!r} -> {e.new!r}" if e.field else (e.new or "")
        print(f"{e.id:>7} {e.at:%Y-%m-%d %H:%M:%S} {e.username:<12} {e.action:<20} {e.entity} {e.entity_id} {what}")
    return 0
