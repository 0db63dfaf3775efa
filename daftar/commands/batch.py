"""`daftar batch export|import`: signed batch files for offices without any network (USB);
`daftar batch seal`: the approved entries into a new batch for the next sync (no file);
`daftar batch resend`: the entries a refused batch held back, in a new batch."""

from __future__ import annotations

import sys
from pathlib import Path

from daftar.cli import act_as, add_sign_in_arg, add_workspace_arg, refuse_damaged, sign_in

SUFFIX = ".daftar-batch"


def register(sub) -> None:
    p = sub.add_parser("batch", help="seal approved entries into a batch for the next sync; export a signed "
                                     "batch file for a USB stick, or import one; resend held-back entries; "
                                     "list the batches")
    bs = p.add_subparsers(dest="batch_cmd", metavar="seal|export|import|resend|list")
    sl = bs.add_parser("seal", help="seal the approved entries into a new signed batch that the next sync "
                                    "(`daftar sync`, or the app) sends; no file is written. Nothing is sealed "
                                    "when an entry's values or workflow facts are not what the audit trail "
                                    "recorded (changed outside Daftar): the message names it")
    add_workspace_arg(sl)
    add_sign_in_arg(sl)
    sl.add_argument("--as", dest="username", required=True, metavar="USERNAME",
                    help="the supervisor who seals, proving it with their password ($DAFTAR_PASSWORD, else "
                         "asked; not asked again when it is the --user who opened an encrypted workspace)")
    sl.set_defaults(func=run_seal)
    ls = bs.add_parser("list", help="list the batches of this workspace: id, uuid, state, entries, when made")
    add_workspace_arg(ls)
    add_sign_in_arg(ls)
    ls.set_defaults(func=run_list)
    e = bs.add_parser("export", help="write a signed batch file (manifest, entries, page images)")
    add_workspace_arg(e)
    add_sign_in_arg(e)
    e.add_argument("out", metavar="OUT.daftar-batch")
    e.add_argument("--batch", default=None, metavar="UUID", help="which batch (default: the oldest one not yet acknowledged)")
    e.add_argument("--seal", metavar="USERNAME", default=None,
                   help="first seal all approved entries into a new batch, acting as this supervisor, "
                        "who proves it with their password ($DAFTAR_PASSWORD, else asked; not asked again "
                        "when it is the --user who opened an encrypted workspace). Nothing is sealed when an "
                        "entry's values or workflow facts are not what the audit trail recorded (changed "
                        "outside Daftar): the message names it")
    e.set_defaults(func=run_export)
    i = bs.add_parser("import", help="give a batch file to the central server")
    i.add_argument("file", metavar="FILE.daftar-batch")
    i.add_argument("--server", default=None, metavar="URL", help="central server address")
    i.add_argument("--admin-token", default=None)
    i.add_argument("--ca-bundle", default=None, metavar="PEM")
    i.add_argument("--database", default=None, metavar="URL", help="import straight into a server database instead")
    i.add_argument("--storage", default=None, metavar="DIR",
                   help="the server's image folder (with --database): one the server has used")
    i.add_argument("--create-storage", action="store_true",
                   help="with --storage: make a new image store there (the folder missing or empty)")
    i.set_defaults(func=run_import)
    r = bs.add_parser("resend", help="seal the entries refused batches held back (a conflict elsewhere in "
                                     "their batch) into a new batch for the next sync (checked against the "
                                     "audit trail first, as sealing is)")
    add_workspace_arg(r)
    add_sign_in_arg(r)
    r.add_argument("--as", dest="username", required=True, metavar="USERNAME",
                   help="the supervisor who does it, proving it with their password ($DAFTAR_PASSWORD, else "
                        "asked; not asked again when it is the --user who opened an encrypted workspace)")
    r.add_argument("--batch", default=None, metavar="UUID", help="only this refused batch (default: all)")
    r.set_defaults(func=run_resend)
    p.set_defaults(func=lambda a: (p.print_help(), 2)[1])


def _batch_roles():
    """Who may seal or resend a batch: the workflow's roles for `batch`."""
    from records.workflow import TRANSITIONS

    return TRANSITIONS["batch"].roles


def seal_as(ws, username: str, *, signed_in, command: str, nothing: str):
    """The seal step of `batch seal --as` and `batch export --seal`: `username` proves who
    they are with their password and must be a supervisor (`act_as`), then the entries ready
    to be sent are sealed (`sync.batchfile.seal_approved`). Returns the sealed batch's info,
    or None when refused, having said why on stderr as `daftar batch COMMAND: ...` (a refused
    sign-in followed by `nothing`, what was not done)."""
    from records.accounts import AccountError
    from sync.batchfile import BatchFileError, seal_approved

    try:
        actor = act_as(ws, username, signed_in=signed_in, roles=_batch_roles(), doing="seal batches")
        return seal_approved(ws, actor=actor)
    except AccountError as e:
        print(f"daftar batch {command}: {e}; {nothing}", file=sys.stderr)
    except BatchFileError as e:
        print(f"daftar batch {command}: {e}", file=sys.stderr)
    return None


def run_export(args) -> int:
    from sync.batchfile import BatchFileError, export_batch

    ws, signed_in = sign_in(args.workspace, args.user, what="the batch file")
    try:
        refuse_damaged(ws, f"the batch file {args.out}")  # before anyone signs in or anything is sealed
        if args.seal:
            info = seal_as(ws, args.seal, signed_in=signed_in, command="export", nothing="nothing was sealed or written")
            if info is None:
                return 1
            print(f"sealed batch {info.uuid} with {info.entries} entries")
        try:
            path, info = export_batch(ws, Path(args.out), batch_uuid=args.batch)
        except BatchFileError as e:
            print(f"daftar batch export: {e}", file=sys.stderr)
            return 1
        print(f"wrote {path}: batch {info.uuid}, {info.entries} entries, {len(info.images)} images")
        return 0
    finally:
        ws.close()


def run_seal(args) -> int:
    """Seal the entries ready to be sent (`sync.batchfile.seal_approved`: approved ones, or
    verified ones where the office requires it; checked against the audit trail first) in
    the name of a supervisor who proves it with their password (`act_as`), as `batch export
    --seal` does, without writing a file: the next sync pass sends the batch."""
    ws, signed_in = sign_in(args.workspace, args.user, what="sealing a batch")
    try:
        refuse_damaged(ws, "the batch")  # before anyone signs in or anything is sealed
        info = seal_as(ws, args.username, signed_in=signed_in, command="seal", nothing="nothing was sealed")
        if info is None:
            return 1
    finally:
        ws.close()
    print(f"sealed batch {info.uuid}: {info.entries} entr{'y' if info.entries == 1 else 'ies'}, "
          f"{len(info.images)} page image{'' if len(info.images) == 1 else 's'}; the next sync sends it "
          "(`daftar sync`)")
    return 0


def run_resend(args) -> int:
    from records.accounts import AccountError
    from records.outbox import OutboxError, resend_undelivered
    from records.workflow import WorkflowError

    ws, signed_in = sign_in(args.workspace, args.user, what="the batch file")
    try:
        actor = act_as(ws, args.username, signed_in=signed_in, roles=_batch_roles(),
                       doing="send batches again")
        with ws.session() as s:
            info = resend_undelivered(s, actor=actor, batch_uuid=args.batch)
    except AccountError as e:
        print(f"daftar batch resend: {e}; nothing was sent again", file=sys.stderr)
        return 1
    except (OutboxError, WorkflowError) as e:
        print(f"daftar batch resend: {e}", file=sys.stderr)
        return 1
    finally:
        ws.close()
    print(f"sealed batch {info.uuid}: {info.entries} held-back entr{'y' if info.entries == 1 else 'ies'}; "
          "the next sync sends it")
    return 0


def run_list(args) -> int:
    """The batches, oldest first: id (for `export --report handover --batch ID`), uuid (for
    `batch export --batch UUID`), state, entries by sending state, when and by whom made."""
    from records.outbox import list_batches

    ws, _signed_in = sign_in(args.workspace, args.user, what="the batch list")
    try:
        with ws.session() as s:
            rows = list_batches(s)
    finally:
        ws.close()
    if not rows:
        print("no batches in this workspace yet: `daftar batch seal --as SUPERVISOR` seals the approved "
              "entries into one for the next sync (`daftar batch export OUT --seal SUPERVISOR` also writes it "
              "to a file; or Sync in the app)")
        return 0
    print(f"{'ID':>5}  {'UUID':<36}  {'STATE':<12}  {'ENTRIES':>7}  {'CREATED':<16}  {'BY':<12}  SENDING")
    for r in rows:
        sending = ", ".join(f"{n} {state}" for state, n in r.items.items())
        print(f"{r.id:>5}  {r.uuid:<36}  {r.state:<12}  {r.entries:>7}  {r.created_at:%Y-%m-%d %H:%M}  "
              f"{r.created_by:<12}  {sending}")
    return 0


def run_import(args) -> int:
    from sync.batchfile import BatchFileError, ImportTargetError, import_direct, import_over_http

    try:
        data = Path(args.file).read_bytes()
    except OSError as e:
        print(f"daftar batch import: cannot read {args.file}: {e.strerror}", file=sys.stderr)
        return 1
    try:
        if args.database:
            if not args.storage:
                print("daftar batch import: --database needs --storage DIR", file=sys.stderr)
                return 2
            receipt = import_direct(data, args.database, Path(args.storage).expanduser(),
                                    create_storage=args.create_storage)
        else:
            if not args.server or not args.admin_token:
                print("daftar batch import: give --server URL and --admin-token (or --database/--storage)", file=sys.stderr)
                return 2
            receipt = import_over_http(data, args.server, args.admin_token, args.ca_bundle)
    except ImportTargetError as e:
        print(f"daftar batch import: {e}", file=sys.stderr)
        return 1
    except BatchFileError as e:
        print(f"daftar batch import: {args.file}: {e}", file=sys.stderr)
        return 1
    print(f"imported batch {receipt['batch_id']}: {len(receipt['entries'])} entries, receipt {receipt['receipt_id']}")
    return 0
