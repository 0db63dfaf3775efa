"""`daftar server`: run the central sync server (FastAPI on PostgreSQL or SQLite)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("server", help="run the central sync server")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--database", default=None, metavar="URL",
                   help="postgresql+psycopg://user@host:port/db (or sqlite:///file for development)")
    p.add_argument("--storage", default=None, metavar="DIR", help="folder for page images")
    p.add_argument("--tls-cert", default=None, metavar="PEM")
    p.add_argument("--tls-key", default=None, metavar="PEM")
    p.add_argument("--dev-tls", default=None, metavar="DIR",
                   help="make a development CA and server certificate in DIR and use them (not for production)")
    p.add_argument("--admin-token", default=None, help="administrator token (default: $DAFTAR_ADMIN_TOKEN, else random, printed)")
    p.add_argument("--keep-refusals", type=int, default=10000, metavar="N",
                   help="refused batches kept for the operator: the newest N (default 10000; 0: no limit)")
    p.add_argument("--refusal-days", type=int, default=365, metavar="DAYS",
                   help="and none older than DAYS days (default 365; 0: no limit)")
    p.add_argument("--enrol-failures", type=int, default=10, metavar="N",
                   help="failed enrolments per client address and per office name in an hour before the next "
                        "are refused (429) until the hour is over (default 10; 0: no limit)")
    p.add_argument("--upload-days", type=float, default=30, metavar="DAYS",
                   help="an upload no received batch names (a page image, a large batch's body, whole or in "
                        "part) that nothing was written to for DAYS days is discarded, at start and every 6 hours: "
                        "its office uploads it again if it still sends the batch (default 30; 0: never)")
    p.add_argument("--test-hooks", action="store_true", help=argparse_suppress())
    p.add_argument("--export-openapi", default=None, metavar="FILE", help="write the OpenAPI document and exit")
    p.set_defaults(func=run, action=None)
    acts = p.add_subparsers(dest="action", metavar="ACTION",
                            help="the operator's work (without one: run the server)")
    acts.required = False
    code = acts.add_parser("enrol-code", help="issue a one-time enrolment code for one office (printed once)")
    code.add_argument("--office", default="", metavar="NAME", help="a new office's name")
    code.add_argument("--district", default="", help="the new office's district")
    code.add_argument("--tehsil", default="", help="the new office's tehsil")
    code.add_argument("--office-id", default=None, metavar="UUID",
                      help="an enrolled office that needs a new key (a new PC; a revoked office back in service)")
    code.add_argument("--hours", type=float, default=72, help="hours the code stays valid (default 72)")
    revoke = acts.add_parser("revoke", help="revoke an office: its device token and key are refused from now on")
    revoke.add_argument("--office-id", required=True, metavar="UUID")
    revoke.add_argument("--reason", default="", help="why (shown in the admin view)")
    offices = acts.add_parser("offices", help="list the enrolled offices (revoked ones marked), the codes not used "
                                              "yet and the latest enrolments, codes and revocations")
    check = acts.add_parser("check", help="check that the server's database and image store match (after a "
                                          "restore): every image a batch names there and whole, and images no "
                                          "batch names; exit 1 when one is missing or damaged",
                            description="Compare the server's database with its image store: every page image the "
                            "received batches name must be in the store and match its hash (FAIL, exit 1, "
                            "naming each with its batch and office); images in the store that no batch names are "
                            "a WARN. Changes nothing. Run it after restoring either (docs/install.md).")
    check.add_argument("--database", required=True, metavar="URL", help="the server's database")
    check.add_argument("--storage", required=True, metavar="DIR", help="the server's image folder (its --storage)")
    check.add_argument("--no-hash", action="store_true", help="only check that each image is there (quick), "
                       "do not read it to check its hash")
    check.add_argument("--json", action="store_true", help="print the result as JSON (every image named)")
    op = acts.add_parser("operator", help="the central office's named operators: who signs in at /admin and "
                                          "calls the admin API (docs/sync-api.md, Named operators)",
                         description="Named operators sign in at /admin with their own name and password and may "
                         "have personal API tokens, so the server's trail says who decided. Kept in the server's "
                         "database; every change is in its trail. A password is asked twice (not shown), or taken "
                         "from $DAFTAR_OPERATOR_PASSWORD for scripts.")
    op_acts = op.add_subparsers(dest="operator_action", metavar="ACTION", required=True)
    op_add = op_acts.add_parser("add", help="a new operator (a reviewer decides on entries; an admin also issues "
                                            "enrolment codes and revokes offices), who chooses their own password "
                                            "at their first sign-in at /admin")
    op_add.add_argument("name", metavar="NAME")
    op_add.add_argument("--role", choices=("reviewer", "admin"), default="reviewer",
                        help="reviewer (default) or admin")
    op_list = op_acts.add_parser("list", help="every operator: role, enabled or not, last sign-in, API tokens")
    op_disable = op_acts.add_parser("disable", help="disable an operator: their sign-ins end, their API tokens "
                                                    "are refused")
    op_disable.add_argument("name", metavar="NAME")
    op_enable = op_acts.add_parser("enable", help="enable a disabled operator again")
    op_enable.add_argument("name", metavar="NAME")
    op_password = op_acts.add_parser("password", help="set an operator's password anew (forgotten, or locked out): "
                                                      "their open sign-ins end, and they choose their own at the "
                                                      "next sign-in at /admin")
    op_password.add_argument("name", metavar="NAME")
    op_role = op_acts.add_parser("role", help="change an operator's role: their open sign-ins and API tokens act "
                                              "in the new role from their next request")
    op_role.add_argument("name", metavar="NAME")
    op_role.add_argument("role", choices=("reviewer", "admin"), metavar="ROLE", help="reviewer or admin")
    op_rename = op_acts.add_parser("rename", help="change an operator's name (they sign in with the new one): what "
                                                  "they did before stays in the trail under the old name, which "
                                                  "stays theirs (no one else may take it)")
    op_rename.add_argument("name", metavar="NAME")
    op_rename.add_argument("new_name", metavar="NEW_NAME")
    op_remove = op_acts.add_parser("remove", help="remove an operator who never acted (made by mistake); one who "
                                                  "signed in, used a token or decided can only be disabled")
    op_remove.add_argument("name", metavar="NAME")
    op_token = op_acts.add_parser("token", help="a new personal API token for an operator, printed once (only its "
                                                "hash is kept)")
    op_token.add_argument("name", metavar="NAME")
    op_token.add_argument("--revoke-all", action="store_true",
                          help="instead: revoke every API token of this operator (one was lost or leaked)")
    for a in (op_add, op_list, op_disable, op_enable, op_password, op_role, op_rename, op_remove, op_token):
        a.add_argument("--database", required=True, metavar="URL",
                       help="the server's database (on the server machine)")
        a.add_argument("--json", action="store_true", help="print the answer as JSON")
    for a in (code, revoke, offices):
        where = a.add_argument_group("which server (one of)")
        where.add_argument("--database", default=argparse_suppress(), metavar="URL",
                           help="the server's database (on the server machine)")
        where.add_argument("--server", default=None, metavar="URL", help="a running server's address (its "
                           "administrator token, or an operator's API token, from --admin-token or "
                           "$DAFTAR_ADMIN_TOKEN)")
        a.add_argument("--admin-token", default=argparse_suppress(),
                       help="the administrator token or an operator's API token (with --server)")
        a.add_argument("--ca-bundle", default=None, metavar="PEM", help="CA that signed the server's certificate")
        a.add_argument("--json", action="store_true", help="print the answer as JSON")


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS


def run(args) -> int:
    """Check everything a start needs (the port free, the certificate and its key, the
    database) before the server is made or anything printed; each failure is one line."""
    from daftar.cli import CommandError
    from sync.server.config import Settings

    if args.action:
        from daftar.commands.server_admin import run_action

        return run_action(args)
    if args.export_openapi:
        import tempfile

        from sync.server.app import create_app

        with tempfile.TemporaryDirectory() as tmp:
            app = create_app(Settings(f"sqlite:///{tmp}/openapi.sqlite", Path(tmp) / "images", admin_token="x" * 16))
            Path(args.export_openapi).write_text(json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            app.state.engine.dispose()
        print(f"wrote {args.export_openapi}")
        return 0
    if not args.database or not args.storage:
        print("daftar server: --database URL and --storage DIR are required", file=sys.stderr)
        return 2
    kw = {"admin_token": args.admin_token} if args.admin_token else {}
    try:
        settings = Settings(args.database, Path(args.storage).expanduser(), test_hooks=args.test_hooks,
                            refusals_keep=args.keep_refusals, refusals_days=args.refusal_days,
                            enrol_failures_per_hour=args.enrol_failures, upload_days=args.upload_days, **kw)
    except ValueError as e:
        print(f"daftar server: {e}", file=sys.stderr)
        return 2
    cert, key = args.tls_cert, args.tls_key
    if args.dev_tls and (cert or key):
        print("daftar server: give either --dev-tls DIR or --tls-cert and --tls-key, not both", file=sys.stderr)
        return 2
    if bool(cert) != bool(key):
        print("daftar server: give both --tls-cert and --tls-key", file=sys.stderr)
        return 2
    _check_port(args.host, args.port)
    if cert:
        _check_tls(Path(cert).expanduser(), Path(key).expanduser())
    from sync.server.app import create_app
    from sync.server.db import DatabaseUnavailable

    try:
        app = create_app(settings)
    except DatabaseUnavailable as e:
        raise CommandError(f"--database: {e}") from None
    except OSError as e:  # the image folder cannot be made or read
        raise CommandError(f"--storage {settings.storage_dir}: {e.strerror or e}") from None
    try:
        if args.dev_tls:
            cert, key = _dev_tls(Path(args.dev_tls).expanduser(), args.host)
        if not args.admin_token and not os.environ.get("DAFTAR_ADMIN_TOKEN"):  # a random one: say it, once
            print(f"admin token: {settings.admin_token}", flush=True)
        from sync.server.run import serve

        print(serving_line(args.host, args.port, tls=bool(cert)), flush=True)
        serve(settings, host=args.host, port=args.port, tls_cert=Path(cert) if cert else None,
              tls_key=Path(key) if key else None, app=app)
    finally:
        app.state.engine.dispose()
    return 0


def serving_line(host: str, port: int, *, tls: bool) -> str:
    """The line a start that works prints (uvicorn's own are off): where the server answers,
    and where the central office signs in."""
    import socket

    scheme = "https" if tls else "http"
    wildcard = host in ("0.0.0.0", "::", "")
    name = socket.gethostname() if wildcard else (f"[{host}]" if ":" in host else host)
    where = f"{scheme}://{name}:{port}"
    how = [f"every address of this computer, port {port}"] if wildcard else []
    how.append("HTTPS" if tls else "plain HTTP without TLS: for tests only, offices need --tls-cert")
    return (f"daftar server: serving {where} ({'; '.join(how)}); the central office signs in at {where}/admin; "
            "Ctrl+C stops it")


def _check_port(host: str, port: int) -> None:
    """CommandError when the address cannot be listened on (another server has it)."""
    import socket

    from daftar.cli import CommandError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as e:
        raise CommandError(f"--host {host}: not an address of this computer ({e.strerror or e})") from None
    family, kind, proto, _name, where = infos[0]
    with socket.socket(family, kind, proto) as s:
        if hasattr(socket, "SO_REUSEADDR") and sys.platform != "win32":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            s.bind(where)
        except OSError as e:
            if e.errno in (98, 48, 10048):  # EADDRINUSE (Linux, macOS, Windows)
                raise CommandError(f"{host}:{port} is in use (another daftar server, or another program): stop it, "
                                   "or choose another --port") from None
            raise CommandError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def _check_tls(cert: Path, key: Path) -> None:
    """CommandError when the certificate or key is missing, unreadable, not PEM, or the key
    is not the certificate's."""
    import ssl

    from daftar.cli import CommandError

    for option, path in (("--tls-cert", cert), ("--tls-key", key)):
        if not path.is_file():
            raise CommandError(f"{option} {path}: no such file")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        ctx.load_cert_chain(str(cert), str(key))
    except ssl.SSLError as e:
        if "KEY_VALUES_MISMATCH" in str(e):
            raise CommandError(f"the key {key} is not the key of the certificate {cert} (KEY_VALUES_MISMATCH): give "
                               "the key the certificate was made for") from None
        raise CommandError(f"{cert} and {key} must be a PEM certificate and its PEM private key (not encrypted); "
                           f"OpenSSL could not read them ({e.reason or e})") from None
    except OSError as e:
        raise CommandError(f"cannot read {cert} or {key}: {e.strerror or e}") from None


def _dev_tls(folder: Path, host: str) -> tuple[Path, Path]:
    """The development CA and certificate in `folder` (kept from the last start when sound;
    sync.devcerts.dev_certs_in), covering this computer's names and LAN addresses; says which
    and where the CA for the offices is."""
    from daftar.cli import CommandError
    from sync.devcerts import dev_certs_in, machine_names

    names, ips = machine_names(host)
    had_ca = (folder / "ca.pem").exists()
    try:
        dc, done = dev_certs_in(folder, hostnames=names, ips=ips)
    except OSError as e:
        raise CommandError(f"--dev-tls {folder}: {e.strerror or e}") from None
    print(f"development CA for clients: {dc.ca_cert}", flush=True)
    if done == "new CA" and had_ca:
        print("  (a new CA: offices enrolled with an earlier one must be given this ca.pem and enrolled again)",
              flush=True)
    print(f"  the server certificate covers {', '.join(names + ips)}", flush=True)
    return dc.server_cert, dc.server_key
