"""Run by test_autosave in a child process: open a page, type into a field, report, hang.

Usage: python edit_then_wait.py WORKSPACE PAGE_ID TEXT [leave|stay]
("stay": keep the editor open, as if the power went while typing)
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.context import AppContext
    from desktop.correction.view import CorrectionView
    from desktop.main import _app
    from desktop.signin import default_actor
    from records.workspace import Workspace

    ws_dir, page_id, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    app = _app()
    ws = Workspace.open(ws_dir)
    ctx = AppContext.create(ws, default_actor(ws))
    view = CorrectionView(ctx)
    view.show()
    view.show_page(page_id)

    def wait(cond, timeout=20.0):
        end = time.monotonic() + timeout
        while not cond():
            app.processEvents()
            ctx.runner.drain()
            if time.monotonic() > end:
                raise SystemExit("timeout")
            time.sleep(0.01)

    wait(lambda: view.model.rowCount() > 0)
    col = view.model.column_of("owner")
    view.table.setCurrentIndex(view.model.index(0, col))
    view.table.setFocus()
    from tests.desktop.keys import type_text

    type_text(view.table, text)  # typing opens the editor (AnyKeyPressed)
    editor = app.focusWidget()
    if (sys.argv[4:] or ["leave"])[0] == "leave":
        QTest.keyClick(editor, Qt.Key.Key_Tab)  # leaving the field saves it
    else:
        wait(lambda: view.model.text(0, "owner") == text)  # saved after a pause in typing
    wait(lambda: not ctx.runner.busy)
    print("TYPED", flush=True)
    while True:  # the parent kills us here
        time.sleep(1)


if __name__ == "__main__":
    main()
