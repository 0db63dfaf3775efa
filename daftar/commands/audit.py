"""`daftar audit verify`: check the workspace's audit chain; `daftar audit list`: show events."""

from __future__ import annotations

import json
import sys

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
    lst.add_argument("--since", metavar="YYYY-MM-DD", help="only events from this date")
    lst.add_argument("--until", metavar="YYYY-MM-DD", help="only events up to the end of this date")
    lst.add_argument("--limit", type=int, default=200, metavar="N",
                     help="the newest N events that match, oldest first (default 200; 0: all); how many "
                          "earlier ones were left out is said on stderr")
    lst.set_defaults(func=run_list)


def run_verify(args) -> int:
    """The chain (`records.audit.verify`), then the records against it
    (`records.audit_records`: values, entries' workflow facts, user accounts). Exit 1 when
    either is wrong; a warning (no anchor of the trail's end) is said but is not a failure."""
    from records import audit
    from records.audit_records import Findings, summary

    ws = open_workspace(args.workspace, args.user, what="the audit trail")
    try:
        with ws.session() as s:
            r = audit.verify(s)
            wrong = summary(s, keep=50) if r.ok else Findings(0, ())
    finally:
        ws.close()
    if args.json:
        print(json.dumps({"ok": r.ok and not wrong.count, "checked": r.checked, "head": r.head,
                          "first_bad_id": r.first_bad_id, "reason": r.reason, "warning": r.warning,
                          "clock_warning": r.clock, "clock_set_back": [b.line() for b in r.clock_backs],
                          "not_recorded_count": wrong.count, "not_recorded": list(wrong.lines),
                          "values_not_recorded": list(wrong.lines)}, ensure_ascii=False))
        return 0 if r.ok and not wrong.count else 1
    if not r.ok:
        print(f"audit chain BROKEN at event {r.first_bad_id}: {r.reason} ({r.checked} events verified before it)")
    elif wrong.count:
        print(f"audit chain OK: {r.checked} events, head {r.head}; but {wrong.count} fact(s) of the records are not "
              "what the trail recorded (changed outside Daftar):")
        for line in wrong.lines:
            print(f"  {line}")
        if wrong.count > len(wrong.lines):
            print(f"  ... and {wrong.count - len(wrong.lines)} more")
    else:
        print(f"audit chain OK: {r.checked} events, head {r.head}; the records (values, entries' states and "
              "approvals, user accounts) are the ones it recorded")
    if r.warning:
        print(f"WARNING: {r.warning}")
    if r.clock:  # the computer's clock was set back: said, never a failure (the chain is whole)
        print(f"WARNING: {r.clock}")
        for b in r.clock_backs[1:]:
            print(f"  {b.line()}")
    return 0 if r.ok and not wrong.count else 1


def run_list(args) -> int:
    """The newest `--limit` matching events, in the order they happened (newest last); how
    many earlier ones were left out, and how to see them, on stderr."""
    from dataclasses import replace

    from records.audit_query import AuditFilter, count_events, parse_date, query_events

    if args.limit < 0:
        print(f"daftar audit list: --limit {args.limit}: give a number of events, or 0 for all", file=sys.stderr)
        return 1
    for option, value in (("--since", args.since), ("--until", args.until)):
        try:
            parse_date(value)
        except ValueError as e:
            print(f"daftar audit list: {option} {e} (e.g. 2026-01-31)", file=sys.stderr)
            return 1
    flt = AuditFilter(username=args.by, entry_uuid=args.entry, register_id=args.register, since=args.since,
                      until=args.until, limit=args.limit or None, newest_first=True)
    ws = open_workspace(args.workspace, args.user, what="the audit trail")
    try:
        with ws.session() as s:
            events = query_events(s, flt)[::-1]
            left_out = count_events(s, replace(flt, limit=None)) - len(events) if args.limit else 0
    finally:
        ws.close()
    if not events:
        given = [f"{option} {value}" for option, value in (("--by", args.by), ("--entry", args.entry),
                                                           ("--register", args.register), ("--since", args.since),
                                                           ("--until", args.until)) if value not in (None, "")]
        print(f"daftar audit list: no events match {' '.join(given)}" if given else
              "daftar audit list: the audit trail holds no events", file=sys.stderr)
        return 0
    for e in events:
        what = f"{e.field}: {e.old!r} -> {e.new!r}" if e.field else (e.new or "")
        print(f"{e.id:>7} {e.at:%Y-%m-%d %H:%M:%S} {e.username:<12} {e.action:<20} {e.entity} {e.entity_id} {what}")
    if left_out:
        sys.stdout.flush()
        print(f"daftar audit list: {left_out} earlier event{'s' if left_out != 1 else ''} left out (shown: the "
              f"newest {len(events)}); --limit 0 shows all, --since YYYY-MM-DD those from a date", file=sys.stderr)
    return 0
