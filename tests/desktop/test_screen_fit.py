"""Daftar on other screens than 1366 x 768 at 100 %: rows as tall as their Urdu font, dialogs
no taller than the screen, page pictures drawn at the screen's own pixel density (125 % and
150 % scaling) instead of stretched."""

from __future__ import annotations

import pytest

from desktop.qt import QFontMetrics
from tests.desktop.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture(params=[True, False], ids=["nastaliq", "naskh"])
def urdu_style(request, qapp):
    """The office's Urdu font style for the test, put back after."""
    from desktop import fonts

    fonts.load_fonts()
    before = fonts._preferred["nastaliq"]
    fonts.prefer_nastaliq(request.param)
    yield request.param
    fonts.prefer_nastaliq(before)


def _row_fits_font(table, row: int = 0) -> tuple[int, int]:
    """(the row's height, the height the table's font needs: ascent and descent)."""
    return table.rowHeight(row), QFontMetrics(table.font()).height()


def test_review_rows_are_as_tall_as_their_urdu_font(qtbot, ctx, urdu_style):
    # GIVEN the review screen's rows table, in Nastaliq or Naskh 12 pt
    from desktop.review.page_view import ReviewPageView

    view = ReviewPageView(ctx)
    qtbot.addWidget(view)
    # WHEN a row is shown
    view.table.setColumnCount(1)
    view.table.setRowCount(1)
    # THEN the row holds the font's tall letters and deep descenders (30 px cut 40 px Nastaliq)
    height, needed = _row_fits_font(view.table)
    assert height >= needed, f"review row {height} px, its font needs {needed} px"


def test_returned_rows_are_as_tall_as_their_urdu_font(qtbot, ctx, urdu_style):
    # GIVEN the "Returned to me" table
    from desktop.review.returned import ReturnedPanel

    panel = ReturnedPanel(ctx)
    qtbot.addWidget(panel)
    wait_idle(qtbot, ctx)
    # WHEN a row is shown
    panel.table.setRowCount(1)
    # THEN it is as tall as its Urdu font needs
    height, needed = _row_fits_font(panel.table)
    assert height >= needed, f"returned row {height} px, its font needs {needed} px"


# Run in a process of its own: Qt's scale factor is read once, when the application starts.
# the start of each: Daftar's application and fonts, a workspace (argv[1]) with a clerk
CLERK_AT_START = """
import json, sys
from pathlib import Path
from desktop.context import AppContext, Preferences
from desktop.fonts import load_fonts
from desktop.main import _app
from records import accounts
from records.workspace import Workspace
from tests.conftest import accounts_hashed_once

app = _app()
load_fonts()
ws = Workspace.open(Path(sys.argv[1]), create=True)
with accounts_hashed_once(), ws.session() as s:
    admin = accounts.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin").actor()
    clerk = accounts.create_user(s, actor=admin, username="clerk1", password="clerk1-pass", role="clerk").actor()
"""

SHORTCUTS_AT_150 = CLERK_AT_START + """
from desktop.help_dialogs import ShortcutsDialog
from desktop.mainwindow import MainWindow
from desktop.qt import QDialogButtonBox, QGuiApplication
win = MainWindow(AppContext.create(ws, clerk, prefs=Preferences()))
win.show()
win.actions_by_name["shortcuts"].trigger()
(dlg,) = win.findChildren(ShortcutsDialog)
for _ in range(20):
    app.processEvents()
close = dlg.findChild(QDialogButtonBox)
avail = QGuiApplication.primaryScreen().availableGeometry()
print(json.dumps({"avail": [avail.top(), avail.bottom(), avail.height()], "dpr": app.devicePixelRatio(),
                  "frame": [dlg.frameGeometry().top(), dlg.frameGeometry().height()],
                  "close_bottom": close.mapToGlobal(close.rect().bottomLeft()).y(),
                  "rows": dlg.table.verticalHeader().length(), "scrolls": dlg.table.verticalScrollBar().maximum() > 0}))
dlg.close()
win.ctx.close()
win.close()
ws.close()
"""


def _scaled_run(code: str, tmp_path, scale: str, *args) -> dict:
    """Run `code` in a Python of its own under the offscreen platform at Qt scale `scale`
    (as Windows' 150 % of a 1920 x 1080 laptop); its last line of output, as JSON."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale,
               DAFTAR_UI_SETTINGS=str(tmp_path / "ui.ini"))
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=root, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_keyboard_shortcuts_dialog_is_no_taller_than_the_screen_at_150_percent(tmp_path):
    # GIVEN Daftar at 150 % (the tests' offscreen screen of 800 px tall leaves 533 px to lay
    # out; 1920 x 1080 at 150 % leaves 720 less the taskbar) and a clerk's main window
    # WHEN Help › Keyboard shortcuts opens
    got = _scaled_run(SHORTCUTS_AT_150, tmp_path, "1.5", str(tmp_path / "ws"))
    top, bottom, height = got["avail"]
    assert got["dpr"] == 1.5 and got["rows"] > height, got  # (more rows than the screen holds)
    # THEN the dialog is no taller than the screen less room for its title bar, its Close
    # button on the screen, the table scrolling (it was a fixed 680 px: Close 150 px below)
    from desktop.screen_fit import FRAME_ROOM

    frame_top, frame_height = got["frame"]
    assert frame_height <= height - FRAME_ROOM + 8, f"shortcuts dialog {frame_height} px on a screen of {height}"
    assert top <= frame_top and got["close_bottom"] <= bottom, got
    assert got["scrolls"]


CROP_AT_150 = CLERK_AT_START + """
from desktop.correction.view import CorrectionView
from desktop.shotkit import wait_until
from tests.desktop.helpers import make_register
ctx = AppContext.create(ws, clerk, prefs=Preferences())
_rid, (pid,) = make_register(ctx)
view = CorrectionView(ctx)
view.resize(1000, 600)
view.show()
view.show_page(pid)
wait_until(app, lambda: view.model.rowCount() > 0 and not view.image_view.image.isNull() and not ctx.runner.busy,
           timeout=30, runner=ctx.runner)
view.select_field(0, "area")
for _ in range(10):
    app.processEvents()
pix = view.crop.pixmap()
print(json.dumps({"dpr": app.devicePixelRatio(), "pix_dpr": pix.devicePixelRatio(),
                  "pix": [pix.width(), pix.height()], "label": [view.crop.width(), view.crop.height()]}))
view.close()
ctx.close()
ws.close()
"""


def test_cell_magnifier_is_drawn_in_the_screens_own_pixels_at_150_percent(tmp_path):
    # GIVEN Daftar at 150 % and a page in the correction view
    # WHEN a field is chosen: its part of the page shows in the magnifier above the rows
    got = _scaled_run(CROP_AT_150, tmp_path, "1.5", str(tmp_path / "ws"))
    # THEN the picture has 1.5 screen pixels a point, as the screen (it was made in points and
    # stretched by Qt: soft at 150 %)
    assert got["dpr"] == 1.5 and got["pix_dpr"] == 1.5, got
    from desktop.correction.view import CROP_HEIGHT

    _width, height = got["pix"]
    assert height > CROP_HEIGHT, f"{height} screen pixels for a picture {CROP_HEIGHT - 4} points tall: {got}"
