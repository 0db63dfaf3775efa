"""Render the review and audit screenshots of docs/desktop.md:
`python -m desktop.review_screenshots docs/screenshots`.

Builds the demo workspace in a temporary folder (daftar.demo), then grabs the login dialog
after a wrong password, the clerk's list of returned rows, the review screen of a
resubmitted page (girdawar1) and the audit viewer after "Verify chain" (admin).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.shotkit import settle  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from daftar.demo import PASSWORD, build_demo
    from desktop.context import AppContext, Preferences
    from desktop.fonts import load_fonts
    from desktop.login import LoginDialog
    from desktop.main import _app
    from records import accounts, services, workflow
    from records.workspace import Workspace

    app = _app()
    load_fonts()
    tmp = Path(tempfile.mkdtemp(prefix="daftar-review-shots-"))
    root = tmp / "demo"
    build_demo(root)
    try:
        # the login dialog after a wrong password
        dlg = LoginDialog(root, username="clerk1")
        dlg.password.setText("not-the-password")
        dlg.submit()
        dlg.show()
        app.processEvents()
        dlg.grab().save(str(out / "login.png"))
        dlg.close()

        ws = Workspace.open(root)
        with ws.session() as s:
            users = {u.username: u.actor() for u in accounts.list_users(s)}
            accounts.login(s, username="clerk1", password=PASSWORD)
        prefs = Preferences(urdu_digits=True)
        # the clerk's list of rows sent back
        from desktop.review.returned import ReturnedPanel, returned_rows

        clerk = AppContext.create(ws, users["clerk1"], prefs=prefs)
        ret = ReturnedPanel(clerk)
        ret.resize(1100, 260)
        ret.show()
        settle(app, clerk)
        ret.grab().save(str(out / "returned-rows.png"))
        ret.close()
        # the clerk resubmits the returned pages
        with ws.session() as s:
            pages = sorted({r.page_id for r in returned_rows(s)})
        for pid in pages:
            with ws.session() as s:
                services.submit_page(s, actor=users["clerk1"], page_id=pid)
        clerk.close()

        # the review screen of girdawar2, a second supervisor
        admin = AppContext.create(ws, users["admin"], prefs=prefs)
        from records import access

        access.create_user(ws, actor=users["admin"], username="girdawar2", password="girdawar2-pass",
                           role=workflow.SUPERVISOR, full_name="دوسرا گرداور")
        with ws.session() as s:
            g2 = [u for u in accounts.list_users(s) if u.username == "girdawar2"][0].actor()
        from desktop.review.panel import ReviewPanel

        sup = AppContext.create(ws, g2, prefs=prefs)
        panel = ReviewPanel(sup)
        panel.resize(1500, 860)
        panel.show()
        settle(app, sup)
        items = panel.page_items()
        if items:
            panel.tree.setCurrentItem(items[0])
            settle(app, sup)
            panel.page_view.table.setCurrentCell(0, 3)
            settle(app, sup)
        panel.grab().save(str(out / "review.png"))
        panel.close()
        sup.close()

        # the audit viewer, chain verified
        from desktop.audit_viewer import AuditViewer

        viewer = AuditViewer(admin)
        viewer.resize(1400, 700)
        viewer.show()
        settle(app, admin)
        viewer.action_edit.setText("entry.")
        viewer.apply_filter()
        settle(app, admin)
        viewer.verify_chain()
        settle(app, admin)
        viewer.grab().save(str(out / "audit-viewer.png"))
        viewer.close()
        admin.close()
        ws.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
