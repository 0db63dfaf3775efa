"""The task runner never lets a worker thread release what a task holds (a widget freed off
the GUI thread crashes Qt): tasks and callbacks are let go on the main thread."""

from __future__ import annotations

import threading
import time


class Canary:
    """Records the thread that frees it."""

    freed_on: list[str] = []

    def __del__(self) -> None:
        Canary.freed_on.append(threading.current_thread().name)


def test_a_finished_task_is_released_on_the_main_thread(qapp):
    from desktop.taskman import TaskRunner

    # GIVEN a runner and a task that holds an object nobody else holds
    runner = TaskRunner()
    Canary.freed_on.clear()
    try:
        canary, go = Canary(), threading.Event()
        fut = runner.run_read(lambda c=canary: go.wait(10) and id(c))
        del canary
        # WHEN the task has finished on its worker (callbacks not yet delivered)
        go.set()
        fut.result(timeout=10)
        time.sleep(0.2)  # the worker has let go of its work item by now
        # THEN the object is still held, and it is freed when the main thread delivers
        assert Canary.freed_on == []
        runner.drain()
        assert Canary.freed_on == [threading.main_thread().name]
    finally:
        runner.shutdown()
