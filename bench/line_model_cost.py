"""What one run of a line model costs by line width and batch size (CPU time, one thread).

    .venv/bin/python bench/line_model_cost.py [resources/models/number_lines.onnx]

Prints µs a run and a line for widths 40-320 columns and batches of 1, 2 and 4 lines of one
width: whether the number reader's ONNX runs are bound by their arithmetic or by a fixed cost a
batch would share (docs/benchmarks.md, "Number recogniser", twenty-seventh stop).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ocr.line_onnx import LINE_INPUT, STEPS_INPUT, OnnxLines  # noqa: E402

WIDTHS = (40, 80, 120, 200, 320)
BATCHES = (1, 2, 4)


def cost(session, width: int, n: int, repeats: int = 200) -> float:
    """CPU µs of one run of `n` random lines `width` columns wide (after a warm-up)."""
    x = np.random.default_rng(width).random((n, 1, 32, width), dtype=np.float32)
    steps = np.full(n, width // 4, np.int32)
    feed = {LINE_INPUT: x, STEPS_INPUT: steps}
    for _ in range(20):
        session.run(None, feed)
    t0 = time.process_time()
    for _ in range(repeats):
        session.run(None, feed)
    return (time.process_time() - t0) / repeats * 1e6


def main(argv: list[str]) -> int:
    path = argv[0] if argv else str(Path(__file__).resolve().parents[1] / "resources/models/number_lines.onnx")
    session = OnnxLines(path)._session
    print(f"{path}: CPU µs a run (a line) by width and batch")
    for width in WIDTHS:
        runs = [cost(session, width, n) for n in BATCHES]
        print(f"  {width:4d} columns: " + "   ".join(f"N={n}: {r:6.0f} ({r / n:5.0f})" for n, r in zip(BATCHES, runs, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
