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
    p.add_argument("--status", action="store_true", help="show the queue and exit")
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
            print(json.dumps({"counts": st.counts, "waiting": st.waiting, "last_success": st.last_success,
                              "last_error": st.last_error, "paused": st.paused,
                              "problems": [list(p) for p in st.problems]}, ensure_ascii=False, indent=1))
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
               "conflicts": rep.conflicts, "batches_sent_again": rep.batches_requeued, "errors": rep.errors}
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
            for e in rep.errors:
                print(f"problem: {e}", file=sys.stderr)
        return 0 if rep.ok or rep.paused else 1
    finally:
        ws.close()
