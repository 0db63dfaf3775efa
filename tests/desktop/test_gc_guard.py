"""The cycle collector never runs on a TaskRunner worker (it would free Qt objects there)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

pytestmark = pytest.mark.gui


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_garbage_is_collected_on_the_gui_thread_only_while_workers_run(qtbot, qapp):
    from desktop.qt import QObject
    from desktop.taskman import TaskRunner

    # GIVEN a TaskRunner and a Python-owned QObject kept only by a reference cycle
    runner = TaskRunner()
    threads: list[str] = []

    def spy(phase, _info) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(spy)
    try:
        holder = _Cycle()
        holder.obj = QObject()
        gone = weakref.ref(holder.obj)
        del holder
        # WHEN a worker allocates far more cyclic garbage than the collector's thresholds
        fut = runner.run_write(lambda: [_Cycle() for _ in range(20 * gc.get_threshold()[0])] and None)
        fut.result(timeout=30)
        on_workers = [t for t in threads if t != threading.main_thread().name]
        # THEN no collection ran on the worker, and the GUI thread's timer frees the garbage
        assert on_workers == []
        qtbot.waitUntil(lambda: gone() is None, timeout=5000)
        assert not gc.isenabled()
    finally:
        gc.callbacks.remove(spy)
        runner.shutdown(wait=True)
    # AND after the workers stopped, Python collects automatically again
    assert gc.isenabled()
