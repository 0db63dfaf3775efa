"""Timing helpers the benches share."""

from __future__ import annotations

import time
from collections.abc import Callable


def best(fn: Callable[[], object], n: int = 3) -> float:
    """The shortest wall-clock time of `n` runs of `fn`, in seconds (the run least disturbed
    by other work on the machine)."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
