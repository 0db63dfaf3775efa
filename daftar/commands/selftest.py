"""`daftar self-test`: check OCR, storage, Urdu rendering, PDF and audit on this computer."""

from __future__ import annotations

from daftar.selftest import CHECKS


def register(sub) -> None:
    p = sub.add_parser(
        "self-test",
        help="check that OCR, the database, Urdu display, PDF printing and auditing work here",
        description="Run every check in a temporary workspace (no real data is touched), print "
        "PASS or FAIL with a reason for each, and exit with 1 if any check failed.",
    )
    p.add_argument("--only", action="append", choices=[name for name, _ in CHECKS], metavar="CHECK",
                   help="run only this check, and the checks it builds on (repeatable): " + ", ".join(n for n, _ in CHECKS))
    p.set_defaults(func=run)


def run(args) -> int:
    from daftar.selftest import main

    return main(only=args.only)
