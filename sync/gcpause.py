"""Pause Python's cyclic garbage collector around bulk work (client and server)."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def gc_paused():
    """Run a block with the cyclic collector paused.

    Acknowledging or storing a batch of 1,000 entries creates many short-lived objects (ORM
    rows, parsed JSON), and the collector's passes over them cost about 0.07-0.09 s of the
    0.2 s such a step takes (bench/sync_bench.py). Nothing is lost: whatever became garbage
    is collected as usual once the collector runs again.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
