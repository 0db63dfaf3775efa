"""`daftar server enrol-code | revoke | offices`: the central server operator's work on
offices, on the server's database (`--database URL`, on the server machine) or through a
running server's admin routes (`--server URL`, the administrator token)."""

from __future__ import annotations

import json
import os
import sys


def _over_http(args, method: str, path: str, body: dict | None = None) -> dict:
    import httpx

    from daftar.cli import CommandError
    from sync.engine import SyncConfig, SyncError, _net_reason, _reason, make_client

    token = getattr(args, "admin_token", None) or os.environ.get("DAFTAR_ADMIN_TOKEN") or ""
    if not token:
        raise CommandError("--server needs the administrator token: --admin-token TOKEN or $DAFTAR_ADMIN_TOKEN")
    try:
        with make_client(SyncConfig(args.server, token, args.ca_bundle, timeout=60)) as c:
            r = c.request(method, path, json=body)
    except SyncError as e:
        raise CommandError(str(e)) from None
    except httpx.HTTPError as e:
        raise CommandError(f"cannot reach the central server at {args.server}: {_net_reason(e)}") from None
    if r.status_code != 200:
        raise CommandError(f"the server refused it ({r.status_code}): {_reason(r)}")
    return r.json()


def _on_database(args, fn):
    from daftar.cli import CommandError
    from sync.server import ingest
    from sync.server.db import DatabaseUnavailable, make_engine, make_sessionmaker

    try:
        engine = make_engine(args.database)
    except DatabaseUnavailable as e:
        raise CommandError(f"--database: {e}") from None
    try:
        with make_sessionmaker(engine)() as s:
            try:
                out = fn(s, ingest)
            except ingest.IngestError as e:
                raise CommandError(e.message) from None
            s.commit()
            return out
    finally:
        engine.dispose()


def run_check(args) -> int:
    """`daftar server check`: the database's batches against the image store (sync.server.check)."""
    from pathlib import Path

    from daftar.cli import CommandError
    from sync.server.check import check_store, report_json, report_lines
    from sync.server.db import _shown
    from sync.server.storage import store_problem

    root = Path(args.storage).expanduser()
    problem = store_problem(root)
    if problem:
        raise CommandError(f"--storage: {problem}")
    try:
        rep = _on_database(args, lambda s, _ingest: check_store(s, root, hash_images=not args.no_hash))
    except OSError as e:
        raise CommandError(f"--storage {root}: {e.strerror or e}") from None
    if args.json:
        print(json.dumps(report_json(rep, root, _shown(args.database)), ensure_ascii=False, indent=1))
    else:
        print("\n".join(report_lines(rep, root, _shown(args.database), hashed=not args.no_hash)))
    return 0 if rep.ok else 1


def run_action(args) -> int:
    from daftar.cli import CommandError

    if args.action == "check":
        return run_check(args)
    database = getattr(args, "database", None)
    if bool(database) == bool(args.server):
        print(f"daftar server {args.action}: give --database URL (on the server machine) or --server URL, one of "
              "them", file=sys.stderr)
        return 2
    if args.action == "enrol-code":
        if not args.office_id and not (args.office.strip() and args.district.strip()):
            raise CommandError("name the office a code is for: --office NAME --district DISTRICT [--tehsil T] for "
                               "a new office, or --office-id UUID for an enrolled office that needs a new key")
        req = {"name": args.office, "district": args.district, "tehsil": args.tehsil, "office_id": args.office_id,
               "hours": args.hours}
        if database:
            out = _on_database(args, lambda s, ingest: ingest.issue_code(
                s, name=args.office, district=args.district, tehsil=args.tehsil, office_uuid=args.office_id,
                hours=args.hours, by=ingest.command_line_actor()))
        else:
            out = _over_http(args, "POST", "/v1/admin/enrol-codes", req)
        if args.json:
            print(json.dumps(out, ensure_ascii=False))
        else:
            whom = f"{out['name']} ({out['district']}{', ' + out['tehsil'] if out['tehsil'] else ''})"
            what = "a new key for the enrolled office" if out.get("office_id") else "the new office"
            print(f"enrolment code for {what} {whom}: {out['code']}")
            print(f"  valid once, until {out['expires_at']}. Give it to the office's IT only; at the office: "
                  f"daftar sync --enrol --server URL --code {out['code']} --ca-bundle PEM")
        return 0
    if args.action == "revoke":
        if database:
            out = _on_database(args, lambda s, ingest: ingest.revoke(s, args.office_id, args.reason,
                                                                          by=ingest.command_line_actor()))
        else:
            out = _over_http(args, "POST", f"/v1/admin/offices/{args.office_id}/revoke", {"reason": args.reason})
        if args.json:
            print(json.dumps(out, ensure_ascii=False))
        else:
            print(f"revoked {out['name'] or out['office_id']} ({out['office_id']}) at {out['revoked_at']}: its device "
                  "token and key are refused from now on (a running server: within 10 seconds). To put it back in "
                  f"service: daftar server enrol-code --office-id {out['office_id']}")
        return 0
    # offices
    if database:
        out = _on_database(args, lambda s, ingest: {"offices": ingest.batches_by_office(s),
                                                    "open_codes": ingest.open_codes(s), "events": ingest.events(s, 20)})
    else:
        out = _over_http(args, "GET", "/v1/admin/batches")
        out.update(_over_http(args, "GET", "/v1/admin/events?limit=20"))
    if args.json:
        print(json.dumps({k: out[k] for k in ("offices", "open_codes", "events")}, ensure_ascii=False, indent=1))
        return 0
    for o in out["offices"]:
        state = f"REVOKED {o['revoked_at']}" + (f" ({o['revoked_reason']})" if o["revoked_reason"] else "") \
            if o.get("revoked_at") else f"enrolled {o['enrolled_at']}"
        print(f"{o['office_id']}  {o['name']} ({o['district']})  {state}  {len(o['batches'])} batches")
    for c in out["open_codes"]:
        what = f"new key for {c['office_id']}" if c["office_id"] else "new office"
        print(f"code not used yet: {c['name']} ({c['district']}), {what}, until {c['expires_at']}")
    return 0
