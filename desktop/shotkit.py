"""Helpers shared by the screenshot scripts (python -m desktop.screenshots, ...)."""

from __future__ import annotations

import time


def wait_until(app, cond, timeout: float = 60, *, runner=None) -> None:
    """Process events (and the TaskRunner's main-thread callbacks) until `cond()` holds."""
    end = time.monotonic() + timeout
    while not cond():
        app.processEvents()
        if runner is not None:
            runner.drain()
        if time.monotonic() > end:
            raise TimeoutError("the app did not finish in time")
        time.sleep(0.02)


def settle(app, ctx) -> None:
    """Wait until every background task of the app is done and the window has painted."""
    wait_until(app, lambda: (ctx.runner.drain() or True) and not ctx.runner.busy)
    app.processEvents()
    time.sleep(0.2)
    app.processEvents()
