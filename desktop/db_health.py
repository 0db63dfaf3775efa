"""A damaged database said at once: after sign-in the workspace's database gets SQLite's quick
check in the background (records.health.database_damage); when it finds damage, the window
says so in a box and keeps a red line in the status bar, so nobody goes on correcting pages
into a file that may lose them."""

from __future__ import annotations

from html import escape

from desktop.operations import read_op
from desktop.qt import QLabel, QMessageBox


def check_database(win) -> None:
    """Run the quick check for `win` (a MainWindow); warn there when the database is damaged."""
    from records.health import database_damage

    def done(damage: str | None) -> None:
        if damage and not getattr(win, "_closing", False):
            warn(win, damage)

    read_op(lambda _s: database_damage(win.ctx.ws)).success(done).run_in_background(win.ctx)


def warn(win, damage: str) -> QMessageBox:
    """The box and the status bar's red line (kept until the window closes)."""
    text = win.tr("The database of this workspace is damaged ({damage}). What is saved from now on may be "
                  "lost. Stop work and ask IT to run `daftar check` and restore the latest backup.").format(
        damage=damage)
    said = win.tr("Database damaged")
    line = QLabel(f'<span style="color:#b00020; font-weight:bold">{escape(said)}</span>', win)
    line.setObjectName("databaseDamaged")
    line.setToolTip(text)
    win.statusBar().addPermanentWidget(line)
    box = QMessageBox(QMessageBox.Icon.Critical, win.tr("Daftar"), text, parent=win)
    box.setObjectName("databaseDamagedBox")
    box.open()
    win.database_warning = box
    return box
