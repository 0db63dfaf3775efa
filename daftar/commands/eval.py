"""`daftar eval lines|pages DIR [--json]`: measure OCR against ground truth (shared README §2)."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("eval", help="measure OCR on a folder of labelled lines or pages")
    p.add_argument("what", choices=("lines", "pages"), help="lines: DIR/gt.tsv; pages: NAME.png + NAME.json")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    p.add_argument("--template", default=None, metavar="NAME|PATH",
                   help="pages: template to use instead of the one each truth file names")
    p.add_argument("--workers", type=int, default=None, help="pages: worker processes (default: cores)")
    p.add_argument("--limit", type=int, default=None, help="only the first N items")
    p.add_argument("--layout", choices=("auto", "zones"), default="auto",
                   help="pages: find the ruled table (auto) or trust the template's zones")
    p.add_argument("--numbers", choices=("auto", "tesseract"), default="auto",
                   help="number fields: dedicated reader when installed (auto) or Tesseract")
    p.add_argument("--text", choices=("auto", "lines", "tesseract"), default="auto",
                   help="Urdu text: the line model when installed (auto, lines) or Tesseract's urd")
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from ocr.engine import install_problem
    from ocr.evaluate import EvalError, evaluate_lines, evaluate_pages
    from records.templates import TemplateError

    if not Path(args.dir).is_dir():  # said before OCR's installation is looked at
        print(f"daftar eval: {args.dir}: no such folder; give a folder of "
              + ("line images with their gt.tsv (image<TAB>text)" if args.what == "lines"
                 else "NAME.png + NAME.json pairs"), file=sys.stderr)
        return 2
    problem = install_problem()
    if problem:
        print(f"daftar eval: {problem}", file=sys.stderr)
        return 3
    try:
        if args.what == "lines":
            m = evaluate_lines(args.dir, limit=args.limit, numbers=args.numbers, text_reader=args.text)
        else:
            m = evaluate_pages(
                args.dir, template=args.template, workers=args.workers, limit=args.limit,
                layout=args.layout, numbers=args.numbers, text=args.text,
            )
    except (EvalError, TemplateError) as e:
        print(f"daftar eval: {e}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(m, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(f"{args.what}: n={m['n']} cer={m['cer']} exact={m['exact']} "
              f"flagged_rate={m['flagged_rate']} error_recall={m['error_recall']} "
              f"seconds_per_item={m['seconds_per_item']}")
        for kind, b in m["by_kind"].items():
            print(f"  {kind:<12} n={b['n']:<5} exact={b.get('exact')} cer={b.get('cer')}")
    return 0
