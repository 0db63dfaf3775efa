"""`daftar notices`: the third-party software and data Daftar carries, and their licences."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser(
        "notices",
        help="show the third-party software and data Daftar carries, and their licences",
        description="Print (or write to a file) the notices of the components and Python packages "
        "this installation carries: versions, licences, copyright, where the source is, licence texts.",
    )
    p.add_argument("--out", metavar="FILE", help="write the notices to this file instead of printing them")
    p.set_defaults(func=run)


def run(args) -> int:
    from daftar.notices import read_notices

    text = read_notices()
    if args.out:
        from pathlib import Path

        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0
