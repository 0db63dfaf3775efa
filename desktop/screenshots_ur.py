"""Screenshots of the Urdu interface for docs/desktop.md:
`python -m desktop.screenshots_ur docs/screenshots`.

Builds an encrypted demo workspace in a temporary folder (daftar.demo), switches the
interface to Urdu (right to left, Urdu digits) and grabs: the sign-in dialog after a wrong
password, the clerk's main window with a page in the correction view, the correction view
alone, the supervisor's review screen and the preferences dialog (files *-ur.png).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from daftar.demo import PASSWORD, build_demo
    from desktop.context import Preferences
    from desktop.fonts import load_fonts
    from desktop.i18n import apply_language
    from desktop.login import LoginDialog
    from desktop.main import _app, open_main_window
    from desktop.shotkit import settle, wait_until
    from records import access

    app = _app()
    load_fonts()
    apply_language(app, "ur")
    tmp = Path(tempfile.mkdtemp(prefix="daftar-ur-shots-"))
    root = tmp / "demo"
    build_demo(root, encrypted=True, kdf=LIGHT_KDF)
    try:
        # sign-in after a wrong password (the workspace is encrypted: the dialog says so)
        dlg = LoginDialog(root, username="clerk1")
        dlg.password.setText("not-the-password")
        dlg.submit()
        dlg.show()
        app.processEvents()
        dlg.grab().save(str(out / "login-ur.png"))
        dlg.close()
        prefs = Preferences(urdu_digits=True, nastaliq=True)

        # the clerk's main window with a page in the correction view
        ws, clerk = access.sign_in(root, username="clerk1", password=PASSWORD)
        win = open_main_window(ws, actor=clerk.actor(), prefs=prefs)
        win.resize(1500, 900)
        win.show()
        settle(app, win.ctx)
        wait_until(app, lambda: win.pages.rowCount() > 0)
        win.page_view.setCurrentIndex(win.pages.index(0, 0))
        settle(app, win.ctx)
        wait_until(app, lambda: win.correction.model.rowCount() > 0)
        win.correction.next_flagged()
        settle(app, win.ctx)
        win.grab().save(str(out / "main-window-ur.png"))
        win.correction.grab().save(str(out / "correction-view-ur.png"))
        from desktop.preferences import PreferencesDialog

        pref = PreferencesDialog(win.ctx, win)
        pref.show()
        app.processEvents()
        pref.grab().save(str(out / "preferences-ur.png"))
        pref.close()
        win.close()
        win.shutdown()
        ws.close()

        # the clerk resubmits the pages returned to them; the supervisor's review screen
        from desktop.review.returned import returned_rows
        from records import services

        ws, clerk = access.sign_in(root, username="clerk1", password=PASSWORD)
        with ws.session() as s:
            pages = sorted({r.page_id for r in returned_rows(s)})
        for pid in pages:
            with ws.session() as s:
                services.submit_page(s, actor=clerk.actor(), page_id=pid)
        ws.close()
        ws, sup = access.sign_in(root, username="girdawar1", password=PASSWORD)
        win = open_main_window(ws, actor=sup.actor(), prefs=prefs)
        win.resize(1500, 900)
        win.show()
        from desktop import oversight

        panel = oversight.open_review(win)
        settle(app, win.ctx)
        items = panel.page_items()
        if items:
            panel.tree.setCurrentItem(items[0])
            settle(app, win.ctx)
            panel.page_view.table.setCurrentCell(0, 3)
            settle(app, win.ctx)
        win.grab().save(str(out / "review-ur.png"))
        win.close()
        win.shutdown()
        ws.close()
    finally:
        apply_language(app, "en")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
