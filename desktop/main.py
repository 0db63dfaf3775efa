"""Entry point of the desktop app: `run_app(workspace_dir) -> int` (called by `daftar app`)."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.qt import QApplication, QMessageBox


def _app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Daftar")
    app.setOrganizationName("Daftar")
    return app


def run_app(workspace_dir: str | Path | None) -> int:
    """Open the workspace (creating it if needed), sign in, show the main window, run Qt."""
    from desktop.fonts import load_fonts
    from records.workspace import Workspace, WorkspaceError

    app = _app()
    load_fonts()
    try:
        ws = Workspace.open(workspace_dir, create=True)
    except WorkspaceError as e:
        QMessageBox.critical(None, app.translate("Main", "Daftar"), str(e))
        return 1
    win = open_main_window(ws)
    win.show()
    try:
        return app.exec()
    finally:
        win.shutdown()
        ws.close()


def open_main_window(ws, actor=None, prefs=None):
    """Build the main window over an open workspace (tests use this directly)."""
    from desktop.context import AppContext
    from desktop.mainwindow import MainWindow
    from desktop.signin import default_actor

    actor = actor or default_actor(ws)
    ctx = AppContext.create(ws, actor, prefs=prefs)
    return MainWindow(ctx)
