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
    p.add_argument("--pause", action="store_true", help="pause automatic sync")
    p.add_argument("--resume", action="store_true", help="resume automatic sync")
    p.add_argument("--chunk-kb", type=int, default=None, help=argparse_suppress())
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=run)


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS


def run(args) -> int:
    from sync import engine

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
        try:
            eng = engine.SyncEngine(ws, engine.load_config(ws, **over))
            rep = eng.run_once(force=True)
        except engine.SyncError as e:  # (a CA bundle that is gone or not one)
            print(f"daftar sync: {e}", file=sys.stderr)
            return 1
        out = {"ok": rep.ok, "paused": rep.paused, "batches_acknowledged": rep.batches_acknowledged,
               "entries_acknowledged": rep.entries_acknowledged, "images_uploaded": rep.images_uploaded,
               "images_skipped": rep.images_skipped, "decisions_applied": rep.decisions_applied,
               "conflicts": rep.conflicts, "batches_sent_again": rep.batches_requeued,
               "decisions_lost": rep.decisions_lost, "errors": rep.errors}
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
            if rep.decisions_lost:
                print(lost_line(rep.decisions_lost) + " (`daftar sync --status` names them)")
            for e in rep.errors:
                print(f"problem: {e}", file=sys.stderr)
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
        "ready": st.ready, "unverified": st.unverified, "waiting": st.waiting,
        "counts": dict(sorted(st.counts.items())),
        "problems": [p._asdict() for p in st.problems],
        "decisions_lost": [p._asdict() for p in st.decisions_lost],
        "decisions_lost_total": st.decisions_lost_total,
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


def lost_line(n: int) -> str:
    return (f"The central server no longer has its decision on {n} entr{'y' if n == 1 else 'ies'} (its database "
            f"was restored from a backup?): it will decide {'it' if n == 1 else 'them'} again")


PROBLEM_LABEL = {"rejected": "rejected by the central office", "conflict": "needs a supervisor",
                 "failed": "held back"}


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
    rows = [("Approved, ready for a batch", st.ready,
             "a supervisor seals them: `daftar batch seal --as NAME`, or Sync in the app" if st.ready else ""),
            ("Approved, waiting for a revenue officer's verification", st.unverified, ""),
            ("Sealed in a batch, waiting to be sent", st.waiting,
             f"{sending} of them being sent by a pass now" if sending else ""),
            ("Sent, acknowledged by the server", c.get("acknowledged", 0), "waiting for the central office's decision"),
            ("Accepted by the central office", c.get("accepted", 0), ""),
            ("Rejected by the central office", c.get("rejected", 0), "listed below" if c.get("rejected") else ""),
            ("Held back, need a supervisor", c.get("conflict", 0) + c.get("failed", 0),
             "listed below; `daftar batch resend --as NAME` sends the held-back ones again" if c.get("failed") else
             "listed below" if c.get("conflict") else "")]
    known = {"queued", "uploading", "submitted", "acknowledged", "accepted", "rejected", "conflict", "failed"}
    rows += [(f"Other ({state})", n, "") for state, n in sorted(c.items()) if state not in known]
    lines.append("")
    lines.append("Entries:")
    width = max(len(label) for label, _n, _note in rows)
    for label, n, note in rows:
        lines.append(f"  {label + ':':<{width + 1}} {n:>6}" + (f"   {note}" if note and n else ""))
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
