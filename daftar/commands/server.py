"""`daftar server`: run the central sync server (FastAPI on PostgreSQL or SQLite)."""

from __future__ import annotations

import json
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
    p.add_argument("--test-hooks", action="store_true", help=argparse_suppress())
    p.add_argument("--export-openapi", default=None, metavar="FILE", help="write the OpenAPI document and exit")
    p.set_defaults(func=run)


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS


def run(args) -> int:
    from sync.server.config import Settings

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
        settings = Settings(args.database, Path(args.storage), test_hooks=args.test_hooks, **kw)
    except ValueError as e:
        print(f"daftar server: {e}", file=sys.stderr)
        return 2
    cert, key = args.tls_cert, args.tls_key
    if args.dev_tls:
        from sync.devcerts import make_dev_certs

        dc = make_dev_certs(Path(args.dev_tls))
        cert, key = dc.server_cert, dc.server_key
        print(f"development CA for clients: {dc.ca_cert}", flush=True)
    if bool(cert) != bool(key):
        print("daftar server: give both --tls-cert and --tls-key", file=sys.stderr)
        return 2
    if not args.admin_token:
        print(f"admin token: {settings.admin_token}", flush=True)
    from sync.server.run import serve

    serve(settings, host=args.host, port=args.port, tls_cert=Path(cert) if cert else None,
          tls_key=Path(key) if key else None)
    return 0
