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


def test_a_sender_delivers_on_the_gui_thread_and_drops_calls_to_deleted_widgets(qtbot):
    import shiboken6

    from desktop import mainthread
    from desktop.qt import QLabel

    # GIVEN two labels and senders for them, used from a worker thread
    mainthread.install()
    kept, gone = QLabel(), QLabel()
    qtbot.addWidget(kept)
    to_kept, to_gone = mainthread.sender(kept, "setText"), mainthread.sender(gone, "setText")
    shiboken6.delete(gone)  # the second label is closed and deleted meanwhile
    # WHEN the thread sends to both
    t = threading.Thread(target=lambda: (to_kept("page 3 read"), to_gone("page 4 read")))
    t.start()
    t.join(5)
    # THEN the living label shows the text (set on the GUI thread) and nothing crashes
    qtbot.waitUntil(lambda: kept.text() == "page 3 read", timeout=5000)
