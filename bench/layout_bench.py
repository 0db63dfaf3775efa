"""Page generator, preprocessing and table layout: time per page and cell accuracy.

    nice -n 10 .venv/bin/python bench/layout_bench.py [--pages 4] [--dpi 200]

For each built-in template, font and degradation level, pages are generated with
ocr.synth, prepared (ocr.preprocess) and laid out (ocr.layout). A cell is "found" when
all four sides of its box are within 3 px of the box the generator drew (compared with
the upright page when the page was skewed). CPU seconds per step, median over pages; the
baseline in the same process is decoding the page from PNG (what every OCR run pays).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from dataclasses import replace

import cv2

from ocr.layout import find_table
from ocr.preprocess import prepare
from ocr.synth import Degradation, render_page
from ocr.synth_data import random_register
from records.templates import BUILTIN, builtin


def _cpu(fn):
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--dpi", type=int, default=200)
    a = ap.parse_args()
    print(
        f"machine: {platform.machine()} {platform.processor() or ''}, dpi {a.dpi}, {a.pages} pages per line"
    )
    print(
        "| template | font | level | render s | decode PNG s | prepare s | layout s | method rules | cells within 3 px | worst px |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in BUILTIN:
        t = builtin(name)
        for font in ("naskh", "nastaliq"):
            for level in ("clean", "light", "moderate", "heavy"):
                times = {"render": [], "decode": [], "prep": [], "layout": []}
                within = total = rules = 0
                worst = 0
                for i in range(a.pages):
                    seed = 1000 * i + 7
                    header, rows = random_register(t, t.rows_per_page, random.Random(seed))
                    d = Degradation.level(level, seed=seed)
                    page, dt = _cpu(
                        lambda: render_page(
                            t, header, rows, font=font, dpi=a.dpi, seed=seed, degrade=d
                        )
                    )  # noqa: B023
                    upright = render_page(
                        t,
                        header,
                        rows,
                        font=font,
                        dpi=a.dpi,
                        seed=seed,
                        degrade=replace(d, skew_deg=0.0),
                    )
                    times["render"].append(dt)
                    png = cv2.imencode(".png", page.image)[1]
                    _, dt = _cpu(lambda: cv2.imdecode(png, cv2.IMREAD_UNCHANGED))  # noqa: B023
                    times["decode"].append(dt)
                    prepared, dt = _cpu(lambda: prepare(page.image))  # noqa: B023
                    times["prep"].append(dt)
                    layout, dt = _cpu(lambda: find_table(prepared.gray, t))  # noqa: B023
                    times["layout"].append(dt)
                    rules += layout.method == "rules"
                    for (r, f), box in upright.boxes.items():
                        got = layout.header_fields[f] if r is None else layout.cell(r, f)
                        err = max(abs(x - y) for x, y in zip(box, got, strict=True))
                        worst = max(worst, err)
                        within += err <= 3
                        total += 1
                med = {k: statistics.median(v) for k, v in times.items()}
                print(
                    f"| {name} | {font} | {level} | {med['render']:.2f} | {med['decode']:.3f} | "
                    f"{med['prep']:.2f} | {med['layout']:.2f} | {rules}/{a.pages} | "
                    f"{100 * within / total:.1f} % | {worst} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
