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
import numpy as np

from ocr.layout import find_table
from ocr.preprocess import prepare, to_original
from ocr.synth import Degradation, render_page
from ocr.synth_data import random_register
from records.templates import BUILTIN, builtin


def _cpu(fn, *args, **kwargs):
    t0 = time.process_time()
    out = fn(*args, **kwargs)
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
                        render_page, t, header, rows, font=font, dpi=a.dpi, seed=seed, degrade=d
                    )
                    times["render"].append(dt)
                    upright = render_page(
                        t,
                        header,
                        rows,
                        font=font,
                        dpi=a.dpi,
                        seed=seed,
                        degrade=replace(d, skew_deg=0.0),
                    )
                    png = cv2.imencode(".png", page.image)[1]
                    _, dt = _cpu(cv2.imdecode, png, cv2.IMREAD_UNCHANGED)
                    times["decode"].append(dt)
                    prepared, dt = _cpu(prepare, page.image)
                    times["prep"].append(dt)
                    layout, dt = _cpu(find_table, prepared.gray, t)
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


def _photo(image, rng):
    """The page lying in perspective on a dark, grainy desk (as a phone sees it)."""
    h, w = image.shape
    cw, ch = int(w * 1.35), int(h * 1.45)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jitter = rng.uniform(-0.05, 0.05, (4, 2))
    base = np.array([[0.1, 0.1], [0.9, 0.12], [0.88, 0.9], [0.08, 0.88]])
    dst = np.float32((base + jitter) * [cw, ch])
    desk = np.clip(rng.normal(rng.uniform(40, 110), 12, (ch, cw)), 0, 255).astype(np.uint8)
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(image, m, (cw, ch), dst=desk, borderMode=cv2.BORDER_TRANSPARENT), m


def _centre_on_photo(box, m):
    x, y, w, h = box
    return cv2.perspectiveTransform(np.float32([[[x + w / 2, y + h / 2]]]), m)[0, 0]


def skew_and_photo(n: int, dpi: int) -> None:
    """Deskew error over random angles, and phone-photo rectification."""
    t = builtin("jamabandi")
    rng = np.random.default_rng(1)
    errors, cells = [], []
    for i in range(n):
        header, rows = random_register(t, 20, random.Random(i))
        angle = float(rng.uniform(-4, 4))
        d = replace(Degradation.level("moderate"), skew_deg=round(angle, 2))
        page = render_page(t, header, rows, dpi=dpi, seed=i, degrade=d)
        p = prepare(page.image)
        errors.append(abs(p.deskew_deg + d.skew_deg))
    print(
        f"\ndeskew, {n} moderate pages, angle uniform in [-4, 4] deg: "
        f"median error {statistics.median(errors):.3f} deg, worst {max(errors):.3f} deg"
    )
    found = 0
    for i in range(n):
        header, rows = random_register(t, 20, random.Random(100 + i))
        page = render_page(t, header, rows, dpi=dpi, seed=i, degrade=Degradation.level("light"))
        photo, m = _photo(page.image, rng)
        p = prepare(photo)
        layout = find_table(p.gray, t)
        worst = 0.0
        for (r, f), box in page.boxes.items():
            got = layout.header_fields[f] if r is None else layout.cell(r, f)
            want = _centre_on_photo(box, m)
            x, y, w, h = to_original(got, p)
            worst = max(worst, float(np.hypot(x + w / 2 - want[0], y + h / 2 - want[1])))
        found += p.cropped and layout.method == "rules"
        cells.append(worst)
    print(
        f"phone-photo perspective, {n} pages: page found and rules used {found}/{n}; "
        f"worst cell-centre error on the photo: median {statistics.median(cells):.1f} px, max {max(cells):.1f} px"
    )


if __name__ == "__main__":
    main()
    skew_and_photo(10, 200)
