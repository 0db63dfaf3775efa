"""`daftar ocr FILE --template NAME|PATH [--json]`: read a page image or PDF as template fields."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser(
        "ocr",
        help="read a scanned register page (PNG, JPEG, TIFF, PDF) as fields of a template",
    )
    p.add_argument("file", metavar="FILE", help="image or PDF to read (every page)")
    p.add_argument(
        "--template", required=True, metavar="NAME|PATH",
        help="built-in template (jamabandi, girdawari, intiqal) or a template JSON file",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object per page")
    p.add_argument(
        "--layout", choices=("auto", "zones"), default="auto",
        help="find the ruled table (auto) or trust the template's zones",
    )
    p.add_argument("--numbers", choices=("auto", "tesseract"), default="auto",
                   help="number fields: dedicated reader when installed (auto) or Tesseract")
    p.add_argument("--text", choices=("auto", "lines", "tesseract"), default="auto",
                   help="Urdu text: the line model when installed (auto, lines) or Tesseract's urd")
    p.set_defaults(func=run)


def run(args) -> int:
    from ocr.engine import install_problem
    from ocr.pipeline import read_files
    from records.templates import TemplateError, get_template

    try:
        template = get_template(args.template)
    except TemplateError as e:
        print(f"daftar ocr: {e}", file=sys.stderr)
        return 2
    problem = install_problem()
    if problem:
        print(f"daftar ocr: {problem}", file=sys.stderr)
        return 3
    failed = False
    pages = []
    for page in read_files([args.file], template, workers=1, layout=args.layout, numbers=args.numbers,
                           text=args.text):
        failed |= page.error is not None
        if page.error:
            print(f"daftar ocr: {page.error}", file=sys.stderr)
        pages.append(page)
    if args.json:
        out = {"file": args.file, "template": template.id, "pages": [p.as_dict() for p in pages]}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for p in pages:
            _print_page(p)
    return 1 if failed else 0


def _print_page(page) -> None:
    if page.error:
        return  # said once, on stderr
    print(f"{page.source} page {page.index + 1}: {page.method} {page.seconds:.2f} s")

    def line(where: str, f) -> None:
        flag = f"  ! {'; '.join(x.code for x in f.flags)}" if f.flags else ""
        print(f"  {where:<6} {f.field:<14} {f.confidence:4.0%}  {f.text}{flag}")

    for f in page.header.values():
        line("header", f)
    for i, row in enumerate(page.rows):
        for f in row.values():
            if f.text or f.flags:
                line(f"row {i + 1}", f)
