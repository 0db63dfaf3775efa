"""`daftar export` (CSV, JSON, PDF reports) and `daftar import` (a JSON export into an empty workspace)."""

from __future__ import annotations

import sys

from daftar.cli import add_sign_in_arg, add_workspace_arg, open_workspace, refuse_damaged

EPILOG = """examples:
  daftar export --format csv --register 1 --raw jamabandi.csv
  daftar export --format json whole-workspace.json          (images go to whole-workspace.images/)
  daftar export --format pdf --register 1 --khewat 47 fard-47.pdf
  daftar export --format pdf --report handover --batch 3 handover.pdf
  daftar export --format pdf --report progress progress.pdf
  daftar export --format pdf --report register --register 1 jamabandi-register.pdf
  daftar export --report register --register 1 --state approved approved-entries.pdf
  daftar import whole-workspace.json --workspace NEW_EMPTY_FOLDER --office-key "3f2a 9c01 …"
  daftar export verify jamabandi.csv --office-key "3f2a 9c01 …"

Every export is signed with the office's key: a JSON export inside it, a CSV or PDF file in
FILE.sig beside it (copy the two together); `daftar export` prints the key's fingerprint.
Give it to whoever receives the file by another way than the file (phone, letter): with
--office-key, `daftar export verify FILE` and `daftar import` check the file was written with
that key and not changed since.
"""


def register(sub) -> None:
    import argparse

    p = sub.add_parser(
        "export", help="export records to CSV or JSON, or print a report to PDF",
        description="Export records in open formats (CSV with BOM for Excel, JSON as documented in "
        "docs/export-format.md) or print a PDF report (fard, a whole register, batch handover sheet, progress); a CSV or PDF "
        "gets its signature in FILE.sig beside it. `daftar export verify FILE` checks an export: intact, and "
        "signed by whom (in a workspace, without --office-key: whether by this office's own key or one it "
        "imported exports from).",
        usage="daftar export [options] OUT\n       daftar export verify FILE [--office-key FINGERPRINT]",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("out", metavar="OUT", help="file to write (.csv, .json or .pdf); or `verify FILE`: check an export")
    p.add_argument("verify_file", nargs="?", metavar="FILE",
                   help="with verify: the CSV, PDF (its FILE.sig beside it) or JSON export to check")
    p.add_argument("--office-key", metavar="FINGERPRINT", default=None,
                   help="verify: the fingerprint of the exporting office's key as it was read out to you: a file "
                        "signed with any other key is refused")
    p.add_argument("--format", choices=("csv", "json", "pdf"), default=None,
                   help="output format (default: from OUT's extension)")
    p.add_argument("--register", type=int, action="append", metavar="ID",
                   help="only this register (repeatable; default: all)")
    p.add_argument("--state", action="append", metavar="STATE",
                   help="csv, pdf register: only entries in this state (repeatable): " + ", ".join(_states())
                   + " (an approved entry is batched, then sent, accepted or rejected, as it is synced)")
    p.add_argument("--mauza", help="csv: only registers of this mauza")
    p.add_argument("--raw", action="store_true", help="csv: add FIELD_ocr columns with the raw OCR text")
    p.add_argument("--excel", action="store_true", help="csv: keep 3/8 and 12-5 as text in Excel (=\"3/8\")")
    p.add_argument("--images", choices=("files", "inline", "none"), default="files",
                   help="json: page images as files beside the JSON (default), inline base64, or left out")
    p.add_argument("--report", choices=REPORTS, default=None,
                   help="pdf: which report: fard (a khewat's or owner's copy; the default when --register, "
                        "--khewat or --owner say which one), register (every entry of one --register ID in the "
                        "register's own layout), handover or progress")
    p.add_argument("--khewat", help="pdf fard: khewat number")
    p.add_argument("--owner", help="pdf fard: owner's name (or part of it)")
    p.add_argument("--batch", type=int, metavar="ID", help="pdf handover: batch id")
    p.add_argument("--entries", metavar="IDS", help="pdf handover: entry ids (1,2,3) when there is no batch")
    digits = p.add_mutually_exclusive_group()
    digits.add_argument("--urdu-digits", dest="urdu_digits", action="store_true", default=None,
                        help="pdf: print Urdu digits ۰-۹ (default: the office setting display.urdu_digits)")
    digits.add_argument("--latin-digits", dest="urdu_digits", action="store_false", help="pdf: print 0-9")
    p.add_argument("--urdu-font", choices=("naskh", "nastaliq"), default=None,
                   help="pdf: the Urdu font (default: the office setting print.urdu_font, Naskh unless set)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists (never a file of the workspace)")
    add_workspace_arg(p)
    add_sign_in_arg(p)
    p.set_defaults(func=run_export)

    i = sub.add_parser("import", help="import a JSON export into an empty workspace",
                       description="Import a Daftar JSON export into an EMPTY workspace, keeping every id, "
                       "value, version and the audit chain. All or nothing. The file's signature is checked "
                       "first: a file changed after it was signed is refused, and the key that signed it is "
                       "named by its fingerprint. That key is only known to be the office's when you give it "
                       "(--office-key, the fingerprint the exporting office read out to you) or the file says it "
                       "comes from this workspace's own office: then any other key is refused.")
    i.add_argument("file", metavar="FILE", help="a .json written by `daftar export --format json`")
    i.add_argument("--without-images", action="store_true",
                   help="accept an export made with --images none (pages keep no image)")
    i.add_argument("--office-key", metavar="FINGERPRINT", default=None,
                   help="the fingerprint of the exporting office's key as `daftar export` printed it there (32 hex "
                        "digits; or its public key, base64): a file signed with any other key is refused")
    i.add_argument("--accept-unsigned", action="store_true",
                   help="import an export that carries no signature (one made by an older Daftar); nothing then "
                        "shows who wrote it or that it was not changed: only for a file you know the origin of")
    add_workspace_arg(i)
    i.set_defaults(func=run_import)


REPORTS = ("fard", "register", "handover", "progress")


def _states() -> tuple[str, ...]:
    from records.workflow import STATES

    return STATES


def _argument_problem(args, fmt: str, out) -> str | None:
    """What is wrong with the arguments, said before the workspace is opened (None: nothing).
    A PDF without --report is a fard when --register, --khewat or --owner say which."""
    bad = [s for s in args.state or () if s not in _states()]
    if bad:
        return f"--state {bad[0]}: no such state; the states are {', '.join(_states())}"
    if fmt == "pdf" and args.report is None:
        if not (args.register or args.khewat or args.owner):
            return (f"{out}: a PDF is one of the reports: say which with --report fard (with --register ID and "
                    "--khewat N or --owner NAME), register (with --register ID), handover (with --batch ID or --entries IDS) "
                    "or progress")
        args.report = "fard"
    return None


def _fail(msg: str) -> int:
    print(f"daftar: {msg}", file=sys.stderr)
    return 1


def run_export(args) -> int:
    from pathlib import Path

    from records.exports.json_export import ExportError
    from records.output_file import OutputFileError, check_output
    from records.reports.layout import ReportError

    if args.out == "verify":
        return run_verify(args)
    if args.verify_file is not None:
        return _fail(f"one file to write, not two ({args.out}, {args.verify_file}); to check an export: "
                     f"daftar export verify {args.verify_file}")
    if args.office_key:
        return _fail("--office-key is for checking a file (daftar export verify FILE --office-key FINGERPRINT); "
                     "an export is always signed with this office's key")
    out = Path(args.out)
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in ("csv", "json", "pdf"):
        return _fail(f"{out}: say --format csv, json or pdf (or name the file .csv/.json/.pdf)")
    problem = _argument_problem(args, fmt, out)
    if problem:
        return _fail(problem)
    ws = open_workspace(args.workspace, args.user, what="the export")
    try:
        refuse_damaged(ws, f"{'the report' if fmt == 'pdf' else 'the export'} {out}")
        check_output(out, workspace_root=ws.root, overwrite=args.force)
        if fmt == "pdf" and args.report == "fard" and not (args.khewat or args.owner):
            return _fail(f"{out}: a fard is the record of one khewat or one owner: add --khewat N or --owner NAME "
                         "(a whole register is printed with --report register --register ID)")
        if fmt == "csv":
            from records.exports.csv_export import CsvFilter, export_csv

            flt = CsvFilter(tuple(args.register) if args.register else None,
                            tuple(args.state) if args.state else None, args.mauza)
            n = export_csv(ws, out, flt, raw=args.raw, excel_safe=args.excel)
            print(f"wrote {n} entries to {out}")
            if not n and args.state:
                from records.exports.csv_export import nothing_in_states_note, states_there

                there = states_there(ws, flt)
                if there:
                    print(f"note: {nothing_in_states_note(args.state, there)}")
            _say_signature(out)
        elif fmt == "json":
            from records.exports.json_export import export_json

            r = export_json(ws, out, register_ids=args.register, images=args.images)
            print(f"wrote {r.registers} registers, {r.pages} pages, {r.entries} entries, {r.images} images to {out}")
            print(f"signed with the key of office '{r.office_name}' ({r.office_id}), fingerprint {r.key_fingerprint}: "
                  f"tell it to whoever imports the file (not in the file), who checks it with "
                  f"`daftar import --office-key \"{r.key_fingerprint}\"`")
        else:
            from records.reports.layout import office_options

            with ws.session() as s:
                nastaliq = None if args.urdu_font is None else args.urdu_font == "nastaliq"
                opts = office_options(s, urdu_digits=args.urdu_digits, nastaliq=nastaliq)
            _pdf(ws, args, out, opts)
            print(f"wrote {out}")
            _say_signature(out)
    except (ExportError, ReportError, OutputFileError) as e:
        return _fail(str(e))
    except OSError as e:
        name = getattr(e, "filename", None) or out
        if str(name) == f"{out}.part":  # (written beside under that name, then renamed)
            name = out
        return _fail(f"{name}: {e.strerror or e}: nothing was written. Choose a folder this user may write to, on "
                     "a disk with space free (is the USB stick write-protected?)")
    finally:
        ws.close()
    return 0


def _say_signature(out) -> None:
    """Where a CSV's or PDF's signature went, and the key's fingerprint to tell the receiver."""
    from records.exports.detached import signature_path, verify_export

    v = verify_export(out)
    fp = v.signer.key_fingerprint if v.signer else "?"
    print(f"signed with the key of office '{v.signer.office_name if v.signer else ''}', fingerprint {fp}, in "
          f"{signature_path(out)}: copy it with the file; the receiver checks both with "
          f"`daftar export verify {out.name} --office-key \"{fp}\"`")


def run_verify(args) -> int:
    """`daftar export verify FILE [--office-key FINGERPRINT]`: one line, intact and signed by whom."""
    from records.exports.detached import verify_export
    from records.exports.json_export import ExportError

    if args.verify_file is None:
        return _fail("say which file to check: daftar export verify FILE [--office-key FINGERPRINT] (to write an "
                     "export named verify, write ./verify)")
    try:
        known = None if args.office_key else _known_keys(args)
        v = verify_export(args.verify_file, office_key=args.office_key, known=known)
    except ExportError as e:
        return _fail(f"--office-key: {e}")
    if not v.ok:
        return _fail(v.line)
    print(v.line)
    return 0


def _known_keys(args):
    """The office keys of the workspace `verify` runs in (--workspace, $DAFTAR_HOME, else the
    platform's): its own office's and those it imported exports from; None when there is no
    workspace there, or an encrypted one and no --user to open it with (the check then names
    the key only by its fingerprint)."""
    import os
    from pathlib import Path

    from records.exports.detached import known_keys
    from records.workspace import Workspace, default_workspace_dir

    root = Path(args.workspace).expanduser() if args.workspace else default_workspace_dir()
    if Workspace.is_encrypted(root):
        if not (args.user or os.environ.get("DAFTAR_USER")):
            print(f"(the workspace {root} is encrypted: add --user NAME to check the key against this office's "
                  "and those it imported exports from)", file=sys.stderr)
            return None
    elif not Workspace.exists(root):
        return None
    ws = open_workspace(args.workspace, args.user, what="checking the export's key")
    try:
        return known_keys(ws)
    finally:
        ws.close()


def _one_register(args) -> int:
    from records.reports.layout import ReportError

    if not args.register or len(args.register) != 1:
        raise ReportError("say which register with --register ID")
    return args.register[0]


def _pdf(ws, args, out, opts) -> None:
    from records.reports.layout import ReportError

    if args.report == "fard":
        from records.reports.fard import fard_pdf

        fard_pdf(ws, out, register_id=_one_register(args), khewat=args.khewat, owner=args.owner, options=opts)
    elif args.report == "handover":
        from records.reports.handover import handover_pdf

        ids = None
        if args.entries:
            try:
                ids = [int(x) for x in args.entries.replace(" ", "").split(",") if x]
            except ValueError:
                raise ReportError(f"--entries '{args.entries}': write entry ids separated by commas: 1,2,3") from None
        handover_pdf(ws, out, batch_id=args.batch, entry_ids=ids, options=opts)
    elif args.report == "register":
        from records.reports.register_pdf import register_pdf

        register_pdf(ws, out, register_id=_one_register(args), states=args.state, options=opts)
    else:
        from records.reports.progress import progress_pdf

        progress_pdf(ws, out, register_ids=args.register, options=opts)


def run_import(args) -> int:
    """Import a JSON export into an empty workspace. The file is checked before anything is
    created, and a workspace this command made is removed again when the import fails."""
    from pathlib import Path

    from records.exports.json_export import ExportError, import_json
    from records.workspace import Workspace, default_workspace_dir

    src = Path(args.file)
    if src.is_dir():
        return _fail(f"{src} is a folder: give the .json file written by `daftar export --format json` "
                     "(its page images are in the FILE.images folder beside it); nothing was created")
    if not src.is_file():
        return _fail(f"{src}: file not found; give the .json file written by `daftar export --format json`; "
                     "nothing was created")
    if args.office_key:
        from records.exports.json_export import fingerprint_of

        try:
            fingerprint_of(args.office_key)
        except ExportError as e:
            return _fail(f"--office-key: {e}; nothing was created")
    root = Path(args.workspace).expanduser() if args.workspace else default_workspace_dir()
    if Workspace.is_encrypted(root):
        return _fail(f"the workspace {root} is encrypted: an export is imported only into a new workspace that "
                     "is not encrypted (an encrypted one already holds its administrator, and the imported users "
                     f"have no password to open it with). Import into a new folder: daftar import {src} "
                     "--workspace NEW_FOLDER")
    new = not Workspace.exists(root)
    before = {p.name for p in root.iterdir()} if new and root.is_dir() else None
    ws = Workspace.open(root, create=True)
    done = False
    try:
        r = import_json(ws, src, without_images=args.without_images, office_key=args.office_key,
                        accept_unsigned=args.accept_unsigned)
        done = True
    except ExportError as e:
        return _fail(f"{e}{'; nothing was created' if new else ''}")
    except OSError as e:
        return _fail(f"{getattr(e, 'filename', None) or src}: {e.strerror or e}; nothing was imported")
    finally:
        ws.close()
        if new and not done:
            _remove_made(root, before)
    print(f"imported {r.registers} registers, {r.pages} pages, {r.entries} entries, {r.values} values, "
          f"{r.audit_events} audit events, {r.images} images into {ws.root}")
    _say_signer(src, r.signed_by)
    for w in r.warnings:  # (its office's workspace was restored from a backup)
        print(f"WARNING: {w}", file=sys.stderr)
    return 0


def _say_signer(src, signer) -> None:
    """Who signed the imported file, and how far that is known."""
    if signer is None:
        print(f"WARNING: {src} was not signed (imported with --accept-unsigned): nothing shows who wrote it or that "
              "it was not changed", file=sys.stderr)
        return
    said = f"signed by office '{signer.office_name}' ({signer.office_id}) with key {signer.key_fingerprint}"
    if signer.checked_against:
        print(f"{said}: {signer.checked_against}")
    else:
        print(f"{said}. This workspace does not know that office's key: compare the fingerprint with the one "
              "`daftar export` printed at that office (ask them by phone); anyone can sign a file with a key of "
              "their own. Next time give it with --office-key")


def _remove_made(root, before: set[str] | None) -> None:
    """Remove what opening a new workspace made in `root`: the folder itself when it was not
    there (`before` None), else only the entries that were not in it before."""
    import shutil

    if before is None:
        shutil.rmtree(root, ignore_errors=True)
        return
    for p in root.iterdir():
        if p.name in before:
            continue
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
