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


def test_what_a_thread_builds_fast_is_not_examined_on_the_gui_thread(qapp):
    from desktop import gc_guard

    # GIVEN a guard (its beats called here) and a cycle that became garbage meanwhile
    guard = gc_guard.GuiThreadCollector(interval_ms=3_600_000)
    looked_at: list[int] = []

    def spy(phase, _info) -> None:
        if phase == "start" and threading.current_thread() is threading.main_thread():
            looked_at.append(gc.get_count()[0])

    gc.callbacks.append(spy)
    try:
        rows: list[list] = []
        step, built = threading.Event(), threading.Event()

        def worker() -> None:  # an export building its rows, 60,000 between two beats
            for _ in range(5):
                step.wait(30)
                step.clear()
                rows.extend([i] for i in range(60_000))
                built.set()

        t = threading.Thread(target=worker)
        t.start()
        cycle = _Cycle()
        gone = weakref.ref(cycle)
        del cycle
        # WHEN the GUI thread's beats come while the worker builds 300,000 live objects
        for _ in range(5):
            step.set()
            assert built.wait(30)
            built.clear()
            guard.check()
        t.join(30)
        # THEN no beat looked at them (each beat had looked at 60,000, and again in generation 1)
        assert sum(looked_at) < 60_000
        # AND once the building stopped, the next beat puts them back (nothing stays frozen), and
        # the next full collection collects the cycle left meanwhile
        rows.clear()
        guard.check()
        assert gc.get_freeze_count() == 0
        gc.collect()
        assert gone() is None
    finally:
        gc.callbacks.remove(spy)
        guard.release()
