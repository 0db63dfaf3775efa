"""`daftar sync`: one sync pass (or enrol this office, show or pause the queue)."""

from __future__ import annotations

import json
import sys

from daftar.cli import add_sign_in_arg, add_workspace_arg, open_workspace


def register(sub) -> None:
    p = sub.add_parser("sync", help="send approved batches to the central server and fetch decisions")
    add_workspace_arg(p)
    add_sign_in_arg(p)
    p.add_argument("--enrol", action="store_true", help="register this office with the server (IT), with the "
                   "one-time code the server's operator issued for this office")
    p.add_argument("--server", default=None, metavar="URL", help="central server address (with --enrol)")
    p.add_argument("--code", default=None, metavar="CODE", help="one-time enrolment code from the central server's "
                   "operator (with --enrol; `daftar server enrol-code` prints it)")
    p.add_argument("--admin-token", default=None, help=argparse_suppress())  # said to be replaced by --code
    p.add_argument("--ca-bundle", default=None, metavar="PEM", help="CA bundle that signs the server's certificate "
                   "(without --enrol: kept for the next syncs once the server's certificate verifies with it; "
                   "no re-enrolment)")
    p.add_argument("--status", action="store_true", help="show what waits, what was sent and decided, the "
                   "problems (which entry, why), the last pass and the server, and exit (--json: named fields, "
                   "docs/sync-api.md)")
    p.add_argument("--conflicts", action="store_true", help="list the entries in conflict with the central "
                   "server's copy (the server holds their version with other content) and exit (--json: named "
                   "fields)")
    p.add_argument("--compare", default=None, metavar="ENTRY", help="fetch the central server's copy of an entry in "
                   "conflict (its uuid, or the first 8 characters of it) and show it field by field beside this "
                   "office's, the differences marked")
    p.add_argument("--take-server", default=None, metavar="ENTRY", help="settle a conflict by taking the central "
                   "server's copy: the entry gets its values as a new version, which is not sent again (with --as "
                   "SUPERVISOR; docs/sync-api.md#conflicts-the-servers-copy)")
    p.add_argument("--as", dest="username", default=None, metavar="USERNAME", help="with --take-server: the "
                   "supervisor, revenue officer or administrator who takes it, proving it with their password "
                   "($DAFTAR_PASSWORD, else asked)")
    p.add_argument("--reconcile", action="store_true", help="with the pass: compare everything the central server "
                   "holds of this office's entries with what it sent (done by itself once a day, and at once when "
                   "the server was restored) and send again whatever the server lost")
    p.add_argument("--pause", action="store_true", help="pause automatic sync")
    p.add_argument("--resume", action="store_true", help="resume automatic sync")
    p.add_argument("--chunk-kb", type=int, default=None, help=argparse_suppress())
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines while the pass sends (what it "
                   "sends, batch by batch, the bytes, drops and waits; at most one line every few seconds), only "
                   "the summary at the end (--json prints none either)")
    p.set_defaults(func=run)


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS


def run(args) -> int:
    from sync import engine

    if args.conflicts or args.compare or args.take_server:
        return run_conflicts(args)
    ws = open_workspace(args.workspace, args.user, what="sync")
    try:
        if args.enrol:
            if args.admin_token:
                print("daftar sync --enrol: the central administrator token no longer enrols an office (it stays "
                      "with the central server's operator): ask the operator for this office's one-time code "
                      "(`daftar server enrol-code`) and give it with --code CODE", file=sys.stderr)
                return 2
            if not args.server or not args.code:
                print("daftar sync --enrol needs --server URL and --code CODE (the one-time code the central "
                      "server's operator issued for this office)", file=sys.stderr)
                return 2
            try:
                engine.enrol(ws, server_url=args.server, code=args.code, ca_bundle=args.ca_bundle)
            except engine.SyncError as e:
                print(f"daftar sync: {str(e).rstrip('.')}; nothing was changed", file=sys.stderr)
                return 1
            print(f"enrolled with {args.server}")
            return 0
        if args.pause or args.resume:
            engine.set_paused(ws, bool(args.pause))
            print("sync paused" if args.pause else "sync resumed")
            return 0
        if args.status:
            st = engine.queue_status(ws)
            if args.json:
                print(json.dumps(status_json(st), ensure_ascii=False, indent=1))
            else:
                print(status_text(st))
            return 0
        over = {}
        if args.ca_bundle:  # a new CA of the server: checked against it, then kept (no re-enrolment)
            try:
                kept = engine.store_ca_bundle(ws, args.ca_bundle)
            except engine.SyncError as e:
                print(f"daftar sync: {str(e).rstrip('.')}; the CA bundle kept before is kept", file=sys.stderr)
                return 1
            print(f"the server's certificate verifies with {kept}: kept for the next syncs")
            over["ca_bundle"] = kept
        if args.chunk_kb:
            over["chunk_size"] = args.chunk_kb * 1024
        from daftar.sync_progress import PassLines

        lines = None if args.json or args.quiet else PassLines()  # (stdout of --json is the JSON alone)
        try:
            eng = engine.SyncEngine(ws, engine.load_config(ws, **over), progress=lines)
            rep = eng.run_once(force=True, reconcile=bool(args.reconcile))
        except engine.SyncError as e:  # (a CA bundle that is gone or not one)
            print(f"daftar sync: {e}", file=sys.stderr)
            return 1
        finally:
            if lines is not None:
                lines.end()
        out = {"ok": rep.ok, "paused": rep.paused, "batches_acknowledged": rep.batches_acknowledged,
               "entries_acknowledged": rep.entries_acknowledged, "images_uploaded": rep.images_uploaded,
               "images_skipped": rep.images_skipped, "decisions_applied": rep.decisions_applied,
               "conflicts": rep.conflicts, "batches_sent_again": rep.batches_requeued,
               "decisions_lost": rep.decisions_lost, "reconciled": rep.reconciled or None,
               "entries_lost": rep.entries_lost, "entries_other_hash": rep.entries_differ,
               "link_dropped": rep.link_dropped, "errors": rep.errors, "warnings": rep.warnings}
        if args.json:
            print(json.dumps(out, ensure_ascii=False))
        else:
            print("sync paused" if rep.paused else
                  f"sent {rep.entries_acknowledged} entries in {rep.batches_acknowledged} batches, "
                  f"{rep.images_uploaded} images uploaded ({rep.images_skipped} already there), "
                  f"{rep.decisions_applied} decisions received")
            if rep.batches_requeued:
                print(f"{rep.batches_requeued} batches the central server no longer held (its database restored "
                      "from a backup?) were queued to be sent again")
            if rep.entries_lost:
                print(resent_line(rep.entries_lost))
            if rep.entries_differ:
                print(f"{rep.entries_differ} entries the central server holds with other content were sent again: "
                      "it refuses them as conflicts for a supervisor (`daftar sync --conflicts`)")
            if rep.decisions_lost:
                print(lost_line(rep.decisions_lost) + " (`daftar sync --status` names them)")
            if args.reconcile:
                print("compared what the central server holds of this office's entries with what it sent: "
                      + ("nothing was missing" if not (rep.entries_lost or rep.entries_differ or rep.decisions_lost)
                         else "see above") if rep.reconciled else
                      "could not compare what the central server holds (see the problem below, or the server is "
                      "older than this check)")
            if not rep.paused:
                for line in waiting_here_lines(engine.queue_status(ws)):
                    print(line)
            for e in rep.errors:
                print(f"problem: {e}", file=sys.stderr)
            if rep.link_dropped:  # (the server was reached and bytes moved: no "no connection")
                print("nothing was lost: what the central server received is kept and what was not sent stays "
                      "queued. Run `daftar sync` again when the connection is back: it goes on from where this pass "
                      "stopped; the app tries again by itself while it is open", file=sys.stderr)
            elif rep.retry_later:  # (the engine's "Sync will try again" is the app's: it tries by itself)
                print("nothing was lost: what was not sent stays queued. Run `daftar sync` again later; the app "
                      "tries again by itself while it is open", file=sys.stderr)
            for w in rep.warnings:  # (this computer's clock far from the server's)
                print(f"warning: {w}", file=sys.stderr)
        return 0 if rep.ok or rep.paused else 1
    finally:
        ws.close()


# ----------------------------------------------------------------------------- --status
def status_json(st) -> dict:
    """`daftar sync --status --json`: the queue with named fields (docs/sync-api.md#the-offices-status)."""
    return {
        "server": st.server, "paused": st.paused,
        "last_pass": st.last_pass, "last_pass_ok": None if st.last_pass is None else st.last_error is None,
        "last_success": st.last_success, "last_error": st.last_error,
        "ready": st.ready, "ready_approved": st.ready_approved, "ready_verified": st.ready_verified,
        "unverified": st.unverified, "no_verifier": st.no_verifier, "waiting": st.waiting,
        "counts": dict(sorted(st.counts.items())),
        "problems": [p._asdict() for p in st.problems],
        "decisions_lost": [p._asdict() for p in st.decisions_lost],
        "decisions_lost_total": st.decisions_lost_total,
        "entries_resent": st.entries_resent,
    }


def _local(iso: str | None) -> str:
    """An ISO time of the sync state (UTC) in this computer's local time, with how long ago."""
    import datetime as dt

    if not iso:
        return "never"
    try:
        t = dt.datetime.fromisoformat(iso.rstrip("Z")).replace(tzinfo=dt.UTC)
    except ValueError:
        return iso
    days = (dt.datetime.now(dt.UTC) - t).days
    ago = "" if days <= 0 else " (yesterday)" if days == 1 else f" ({days} days ago)"
    return f"{t.astimezone():%Y-%m-%d %H:%M} (this computer's time){ago}"


def entry_place(p) -> str:
    """Where a problem's entry is, as people know it: register kind, mauza and year, page,
    row and khewat ("Jamabandi موضع 1 2019-20, page 16, row 3, khewat 88")."""
    if p.row_no is None:
        return f"entry {p.entry_uuid} version {p.version} (no longer in this workspace)"
    register = " ".join(x for x in ((p.template_id or "register").capitalize(), p.mauza, p.year) if x)
    parts = [register] + ([f"page {p.page_no}"] if p.page_no is not None else []) + [f"row {p.row_no}"]
    return ", ".join(parts) + (f", khewat {p.khewat}" if p.khewat else ", no khewat")


def resent_line(n: int) -> str:
    return (f"The central server had lost {n} entr{'y' if n == 1 else 'ies'} (its database restored from a "
            f"backup?): {'it is' if n == 1 else 'they are'} being sent again")


def lost_line(n: int) -> str:
    return (f"The central server no longer has its decision on {n} entr{'y' if n == 1 else 'ies'} (its database "
            f"was restored from a backup?): it will decide {'it' if n == 1 else 'them'} again")


PROBLEM_LABEL = {"rejected": "rejected by the central office", "conflict": "needs a supervisor",
                 "failed": "held back"}


NO_VERIFIER_NOTE = ("but this office has no revenue officer's account: the administrator adds one (Account › "
                    "Users…) or turns the verification off (Account › Preferences…, The office)")
SEAL_NOTE = "a supervisor seals them: `daftar batch seal --as NAME`, or Sync in the app"


def waiting_here_lines(st) -> list[str]:
    """After a pass: the approved or verified entries it could not send because nobody sealed
    them yet, or the approved ones waiting for a revenue officer's verification (a pass sends
    sealed batches only). Each named by its state: verified entries were called approved."""
    lines = []
    for n, state in ((st.ready_approved, "approved"), (st.ready_verified, "verified")):
        if n:
            lines.append(f"{n} {state} entries are not in a batch yet, so this pass did not send them: "
                         f"{SEAL_NOTE}; the next pass sends them")
    if st.unverified:
        lines.append(f"{st.unverified} approved entries wait for a revenue officer's verification before they can "
                     "be sealed and sent" + (f", {NO_VERIFIER_NOTE}" if st.no_verifier else ""))
    return lines


def status_text(st) -> str:
    """`daftar sync --status`: a short summary an office's IT or supervisor reads at a glance."""
    c = st.counts
    lines = []
    if st.server:
        lines.append(f"Central server: {st.server}" + ("   (sync is PAUSED: `daftar sync --resume`)" if st.paused else ""))
    else:
        lines.append("Central server: none; this office is not enrolled yet (IT: `daftar sync --enrol --server URL "
                     "--code CODE`)")
    if st.last_pass is None:
        lines.append("Last sync pass: never")
    else:
        how = "ended well" if st.last_error is None else f"ended with a problem: {st.last_error}"
        lines.append(f"Last sync pass: {_local(st.last_pass)}, {how}")
        if st.last_error is not None:
            lines.append(f"Last pass that ended well: {_local(st.last_success)}")
    sending = c.get("uploading", 0) + c.get("submitted", 0)
    # each state named as it is: entries a revenue officer verified were counted as "Approved"
    rows = [("Approved, waiting for a revenue officer's verification", st.unverified,
             NO_VERIFIER_NOTE if st.no_verifier else ""),
            ("Approved, ready for a batch", st.ready_approved, SEAL_NOTE),
            ("Verified, ready for a batch", st.ready_verified, SEAL_NOTE),
            ("Sealed in a batch, waiting to be sent", st.waiting,
             f"{sending} of them being sent by a pass now" if sending else ""),
            ("Sent, acknowledged by the server", c.get("acknowledged", 0), "waiting for the central office's decision"),
            ("Accepted by the central office", c.get("accepted", 0), ""),
            ("Rejected by the central office", c.get("rejected", 0), "listed below" if c.get("rejected") else ""),
            ("Held back, need a supervisor", c.get("conflict", 0) + c.get("failed", 0),
             "listed below; `daftar batch resend --as NAME` sends the held-back ones again" if c.get("failed") else
             "listed below; `daftar sync --conflicts` lists those in conflict with the server's copy"
             if c.get("conflict") else "")]
    known = {"queued", "uploading", "submitted", "acknowledged", "accepted", "rejected", "conflict", "failed"}
    rows += [(f"Other ({state})", n, "") for state, n in sorted(c.items()) if state not in known]
    lines.append("")
    lines.append("Entries:")
    width = max(len(label) for label, _n, _note in rows)
    for label, n, note in rows:
        lines.append(f"  {label + ':':<{width + 1}} {n:>6}" + (f"   {note}" if note and n else ""))
    if st.entries_resent:
        lines.append("")
        lines.append(resent_line(st.entries_resent) + " (counted above among those waiting to be sent)")
    if st.decisions_lost:
        lines.append("")
        lines.append(lost_line(st.decisions_lost_total) + ". Until then this office keeps the decision it had:")
        for p in st.decisions_lost:
            lines.append(f"  - {entry_place(p)}: {p.state} here, undecided at the server")
        if st.decisions_lost_total > len(st.decisions_lost):
            lines.append(f"  and {st.decisions_lost_total - len(st.decisions_lost)} more")
    if st.problems:
        lines.append("")
        lines.append(f"Problems ({len(st.problems)}):")
        for p in st.problems:
            why = p.reason if p.state == "rejected" and p.reason else p.message
            lines.append(f"  - {PROBLEM_LABEL.get(p.state, p.state)}: {entry_place(p)}: {why}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- conflicts
def _conflicts(ws) -> list[dict]:
    """The entries in conflict, where each is, and both hashes (from the outbox: no network)."""
    import re

    from sync import engine

    where = {(p.entry_uuid, p.version): p for p in engine.queue_status(ws).problems if p.state == "conflict"}
    from records.conflicts import conflict_items

    out = []
    with ws.session() as s:
        for it in conflict_items(s):
            p = where.get((it.entry_uuid, it.version))
            m = re.search(r"Server copy ([0-9a-f]{64})", it.last_error or "")
            out.append({"entry_uuid": it.entry_uuid, "version": it.version, "entry_id": it.entry_id,
                        "place": entry_place(p) if p is not None else f"entry {it.entry_uuid} version {it.version}",
                        "office_sha256": it.content_sha256, "server_sha256": m.group(1) if m else None})
    return out


def run_conflicts(args) -> int:
    """`daftar sync --conflicts`, `--compare ENTRY`, `--take-server ENTRY --as NAME`."""
    from daftar.cli import act_as, sign_in
    from records.accounts import AccountError
    from records.conflicts import compare, find_conflict, take_server_copy
    from records.outbox import OutboxError
    from records.workflow import TAKERS, WorkflowError
    from sync import engine

    which = "--take-server" if args.take_server else "--compare" if args.compare else "--conflicts"
    ws, signed_in = sign_in(args.workspace, args.user, what="sync")
    try:
        if args.conflicts:
            rows = _conflicts(ws)
            if args.json:
                print(json.dumps({"conflicts": rows}, ensure_ascii=False, indent=1))
                return 0
            if not rows:
                print("No entry is in conflict with the central server's copy.")
                return 0
            print(f"Entries in conflict with the central server's copy ({len(rows)}): the server holds their version "
                  "with other content")
            for r in rows:
                theirs = r["server_sha256"][:12] if r["server_sha256"] else "?"
                print(f"  - {r['place']}: entry {r['entry_uuid']} version {r['version']} (this office sent "
                      f"{r['office_sha256'][:12]}, the server holds {theirs})")
            print("Compare one: daftar sync --compare ENTRY. Take the server's copy: daftar sync --take-server ENTRY "
                  "--as SUPERVISOR. Keep this office's: correct the entry in the app (a new version, approved and "
                  "sent as usual).")
            return 0
        if args.take_server and not args.username:
            print("daftar sync --take-server needs --as USERNAME: the supervisor, revenue officer or administrator "
                  "who takes the server's copy", file=sys.stderr)
            return 2
        try:
            with ws.session() as s:
                uuid, version = find_conflict(s, args.take_server or args.compare)
            actor = act_as(ws, args.username, signed_in=signed_in, roles=TAKERS,
                           doing="take the server's copy of an entry") if args.take_server else None
            copy = engine.fetch_server_copy(ws, uuid, version)
            with ws.session() as s:
                cmp = compare(s, copy)
            if args.compare:
                print(comparison_text(cmp))
                return 0
            with ws.session() as s:
                taken = take_server_copy(s, actor=actor, copy=copy)
        except AccountError as e:
            print(f"daftar sync {which}: {e}; nothing was taken", file=sys.stderr)
            return 1
        except (OutboxError, WorkflowError, engine.SyncError) as e:
            print(f"daftar sync {which}: {str(e).rstrip('.')}", file=sys.stderr)
            return 1
    finally:
        ws.close()
    changed = ", ".join(taken.fields) or "none (only the content's other parts differed)"
    print(f"took the central server's copy of {cmp.place} (entry {uuid} version {version}, server {copy.server_id}, "
          f"hash {copy.sha256[:12]}): it is version {taken.version} here, {taken.state}; fields changed: {changed}. "
          f"Version {version} stays readable as an old version; nothing is sent again")
    return 0


FACT_LABEL = {"approved_by": "approved by", "verified_by": "verified by", "page_no": "page", "row_no": "row",
              "image_sha256": "page image"}


def comparison_text(cmp) -> str:
    """An entry in conflict beside the server's copy, a line a field, differences marked `*`."""
    sv = cmp.server
    lines = [f"{cmp.place}: entry {cmp.entry_uuid} version {cmp.version}",
             f"This office sent {cmp.office_sha256[:12]}; the central server holds {sv.sha256[:12]} ({sv.server_id}, "
             f"{sv.state}{': ' + sv.reason if sv.reason else ''}), received {sv.received_at} in batch {sv.batch_id} "
             f"({sv.source})", ""]
    rows = [(d.field, d) for d in cmp.fields] + [(FACT_LABEL.get(d.field, d.field), d) for d in cmp.facts]
    width = max([len(n) for n, _d in rows] + [5])
    cell = max([len(d.office or "") for _n, d in rows if d.field != "image_sha256"] + [len("this office")])
    lines.append(f"  {'field':<{width}}  {'this office':<{cell}}  the central server")
    for name, d in rows:
        said = [("(none)" if v is None else v[:12] if d.field == "image_sha256" else v) for v in (d.office, d.server)]
        lines.append(f"{'*' if d.differs else ' '} {name:<{width}}  {said[0]:<{cell}}  {said[1]}")
    n = cmp.differences
    lines.append("")
    lines.append(f"{n} field{'' if n == 1 else 's'} differ{'s' if n == 1 else ''} (marked *).")
    if cmp.why_not:
        lines.append(f"The server's copy cannot be taken: {cmp.why_not}")
    else:
        lines.append(f"Take the server's copy: daftar sync --take-server {cmp.entry_uuid} --as SUPERVISOR")
    return "\n".join(lines)
