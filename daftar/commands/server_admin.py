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
    """`fn(session, ingest)` in one transaction on --database, committed; its refusals
    (an IngestError, an operator's OperatorError) as one-line CommandErrors."""
    from daftar.cli import CommandError
    from sync.server import ingest, operators
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
            except operators.OperatorError as e:
                raise CommandError(str(e)) from None
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


def _new_password(name: str, check) -> str:
    """The operator's new password: $DAFTAR_OPERATOR_PASSWORD, else asked twice on the terminal
    (never shown); `check` refuses a weak one before it is asked again."""
    from daftar.cli import CommandError, ask_secret

    given = os.environ.get("DAFTAR_OPERATOR_PASSWORD")
    if given is not None:
        check(given)
        return given
    what = f"the password of operator {name}"
    first = ask_secret(f"Password for operator {name}: ", what=what, env="DAFTAR_OPERATOR_PASSWORD")
    check(first)
    if ask_secret("The same password again: ", what=what, env="DAFTAR_OPERATOR_PASSWORD") != first:
        raise CommandError("the two passwords are not the same: nothing was changed; run it again")
    return first


def run_operator(args) -> int:
    """`daftar server operator add|list|disable|enable|password|role|rename|remove|token`, on the server's database
    (sync.server.operators); each change is in the server's trail, by the command line."""
    from sync.server import operators

    what = args.operator_action
    was = ""  # an operator's role before `role`, name before `rename`

    def work(s, ingest):
        nonlocal was
        by = ingest.command_line_actor()
        if what == "add":
            name = operators.clean_new_name(s, args.name)
            password = _new_password(name, lambda p: operators.check_password(p, name))
            return operators.add(s, name=name, role=args.role, password=password, by=by)
        if what == "list":
            return {"operators": operators.listed(s)}
        if what in ("disable", "enable"):
            return operators.set_active(s, name=args.name, active=what == "enable", by=by)
        if what == "password":
            name = operators.existing_name(s, args.name)
            password = _new_password(name, lambda p: operators.check_password(p, name))
            return operators.set_password(s, name=name, password=password, by=by)
        if what == "role":
            before = operators.named(s, args.name)
            was = before.role if before is not None else ""
            return operators.set_role(s, name=args.name, role=args.role, by=by)
        if what == "rename":
            was = operators.existing_name(s, args.name)
            return operators.rename(s, name=args.name, new_name=args.new_name, by=by)
        if what == "remove":
            return operators.remove(s, name=args.name, by=by)
        if args.revoke_all:
            return operators.revoke_tokens(s, name=args.name, by=by)
        return operators.new_token(s, name=args.name, by=by)

    out = _on_database(args, work)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1 if what == "list" else None))
        return 0
    if what == "add":
        print(f"operator {out['name']} added ({out['role']}): signs in at https://SERVER/admin with this name and "
              "password, then chooses their own password before anything else")
    elif what == "list":
        if not out["operators"]:
            print("no operators yet: the /admin page signs in with the administrator token (daftar server operator "
                  "add NAME)")
        for o in out["operators"]:
            state = "enabled" if o["active"] else "DISABLED"
            if o["active"] and o["locked_until"]:
                state += f", locked out until {o['locked_until']}"
            if o["must_change_password"]:
                state += ", chooses their own password at the next sign-in"
            formerly = f"  (formerly {', '.join(o['former_names'])})" if o["former_names"] else ""
            print(f"{o['name']}  {o['role']}  {state}  last sign-in {o['last_sign_in'] or 'never'}  "
                  f"{o['tokens']} API token{'s' if o['tokens'] != 1 else ''}{formerly}")
    elif what == "disable":
        print(f"operator {out['name']} disabled: their sign-ins at /admin have ended and their API tokens are refused "
              f"(daftar server operator enable {out['name']} to undo)")
    elif what == "enable":
        print(f"operator {out['name']} enabled")
    elif what == "password":
        print(f"new password set for operator {out['name']}: their sign-ins made before have ended; at their next "
              "sign-in at /admin they choose their own")
    elif what == "role":
        if was == out["role"]:
            print(f"operator {out['name']} is a{'n' if was == 'admin' else ''} {was} already: nothing was changed")
        else:
            print(f"operator {out['name']} is now a{'n' if out['role'] == 'admin' else ''} {out['role']} (was "
                  f"{was}): their open sign-ins and API tokens act as such from their next request")
    elif what == "rename":
        if was == out["name"]:
            print(f"operator {out['name']} has this name already: nothing was changed")
        else:
            print(f"operator {was} is now named {out['name']}: they sign in with the new name; what they did before "
                  f"stays in the server's trail under '{was}', which stays theirs (no other operator may take it)")
    elif what == "remove":
        print(f"operator {out['name']} ({out['role']}) removed: they never acted on this server; the trail keeps "
              "their adding and removal")
    elif args.revoke_all:
        print(f"{out['revoked']} API token{'s' if out['revoked'] != 1 else ''} of operator {out['name']} revoked")
    else:
        print(f"API token of operator {out['name']} ({out['role']}): {out['token']}")
        print(f"  shown once, only its hash is kept; the trail names it by its fingerprint {out['fingerprint']}. "
              "Give it as Authorization: Bearer TOKEN on /v1/admin/..., or to daftar server ... --server URL as "
              "--admin-token")
    return 0


def run_action(args) -> int:
    from daftar.cli import CommandError

    if args.action == "check":
        return run_check(args)
    if args.action == "operator":
        return run_operator(args)
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
