"""A day at the office on a big workspace, with the UI thread watched for stalls.

    nice -n 10 .venv/bin/python bench/big_workspace.py /tmp/stall-ws          # once
    DISPLAY=:85 .venv/bin/python bench/stall_probe.py /tmp/stall-ws [--only clerk,girdawar1]

Signs in as clerk1, girdawar1, ro1 and admin in turn through the real sign-in dialog and
does each one's day in the real main window (desktop.main.MainWindowHost): open every
register, PgDn through pages, search khewat/khasra/owner, edit and undo, submit, Returned
to me, the review queue with approve and return, verification, the sync panel, the audit
trail (filters, Verify chain), Users, the fard and the progress report, the backup
reminder's backup, sign out. bench/stall_watch.StallWatch notes every gap of the UI thread
over 100 ms with the action and where the time went. The workspace is changed (submits,
approvals): run it on a copy. Prints one line per stall, then a table of the worst stall
per action.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from stall_watch import StallWatch  # noqa: E402


def type_text(widget, text: str) -> None:
    """Key presses with their text, one character each, as a keyboard types them (QTest's
    keyClicks takes only ASCII)."""
    from desktop.qt import QApplication, QEvent, QKeyEvent, Qt

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown if ord(ch) > 127 else ord(ch.upper()),
                                                     Qt.KeyboardModifier.NoModifier, ch))


class Day:
    def __init__(self, root: Path, watch: StallWatch, out: Path) -> None:
        from desktop.qt import QApplication

        self.app = QApplication.instance()
        self.root, self.watch, self.out = root, watch, out
        self.host = None
        self.timings: list[tuple[str, float]] = []

    # -- pumping -----------------------------------------------------------
    def pump(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.002)

    def settle(self, cond=lambda: True, timeout: float = 120.0, quiet: float = 0.3) -> float:
        """Pump events until the runner is idle and `cond()` holds, then `quiet` more
        seconds; returns the seconds until it was idle."""
        t0 = time.perf_counter()
        end = t0 + timeout
        win = self.host.window if self.host else None
        while True:
            self.app.processEvents()
            busy = win is not None and win.ctx.runner.busy
            if not busy and cond():
                break
            if time.perf_counter() > end:
                print(f"   (timeout waiting in {self.watch.action})", flush=True)
                break
            time.sleep(0.002)
        took = time.perf_counter() - t0
        self.pump(quiet)
        return took

    def step(self, label: str, fn, cond=lambda: True, timeout: float = 30.0) -> None:
        self.watch.action = label
        t0 = time.perf_counter()
        fn()
        self.settle(cond, timeout)
        self._modal_gen = getattr(self, "_modal_gen", 0) + 1  # a handler not used by now is not for later
        self.timings.append((label, time.perf_counter() - t0))
        print(f"   {label}: {self.timings[-1][1] * 1000:.0f} ms", flush=True)
        self.watch.action = "(idle)"

    def on_modal(self, handle, tries: int = 400) -> None:
        """Run `handle(dialog)` on the next modal dialog, from inside its event loop."""
        from desktop.qt import QApplication, QTimer

        left = [tries]
        self._modal_gen = gen = getattr(self, "_modal_gen", 0) + 1

        def poll() -> None:
            if gen != self._modal_gen:
                return  # a later step's handler: this one is over
            w = QApplication.activeModalWidget()
            if w is not None:
                handle(w)
                return
            left[0] -= 1
            if left[0] > 0:
                QTimer.singleShot(10, poll)

        QTimer.singleShot(10, poll)

    @property
    def win(self):
        return self.host.window

    # -- sign in / out -----------------------------------------------------
    def sign_in(self, name: str) -> None:
        from desktop.login import LoginDialog
        from desktop.main import MainWindowHost

        dlg = LoginDialog(self.root, username=name)
        dlg.show()
        self.pump(0.2)
        dlg.password.setText("demo")
        self.watch.action = f"sign in {name}: password check"
        dlg.submit()
        ws, user = dlg.workspace, dlg.user
        dlg.close()

        def open_window():
            self.host = MainWindowHost(ws, user.actor(), root=self.root)
            self.host.window.resize(1366, 740)
            self.host.window.show()

        self.step(f"sign in {name}: main window opens", open_window,
                  cond=lambda: self.win.registers.rowCount() > 0 and self.win.correction.model.page is not None)

    def sign_out(self, next_name: str | None) -> None:
        def fill(dlg) -> None:
            if next_name is None:
                dlg.reject()
                return
            dlg.username.setText(next_name)
            dlg.password.setText("demo")
            self.watch.action = f"sign out -> sign in {next_name}: password check"
            dlg.submit()

        old = self.host
        self.on_modal(fill)
        self.watch.action = "sign out (window closes)"
        signed = old.sign_out()
        if signed:
            self.watch.action = f"sign in {next_name}: main window opens"
            self.host.window.resize(1366, 740)
            self.settle(lambda: self.win.registers.rowCount() > 0 and self.win.correction.model.page is not None)
        self.watch.action = "(idle)"

    # -- registers and pages -------------------------------------------------
    def open_register(self, row: int) -> None:
        win = self.win
        name = win.registers.register_at(row).mauza if win.registers.register_at(row) else row

        def go():
            win.tabs.setCurrentIndex(0)
            win.register_view.setCurrentIndex(win.registers.index(row))

        rid = win.registers.register_at(row).id
        self.step(f"open register {row + 1} ({name})", go,
                  cond=lambda: win.correction.model.page is not None and win.correction.model.page.register_id == rid)

    def page_down(self, n: int) -> None:
        win = self.win
        for _ in range(n):
            before = win.correction.model.page.id if win.correction.model.page else None
            win.activateWindow()
            win.correction.table.setFocus()
            # (the action PgDn triggers: a key event needs the window active, which Xvfb
            # without a window manager does not always give)
            self.step("PgDn (next page)", win.correction.actions_by_name["nextPage"].trigger,
                      cond=lambda b=before: win.correction.model.page is not None and win.correction.model.page.id != b)

    def open_page_state(self, state: str) -> bool:
        """Select the first page of the current register in `state`."""
        win = self.win
        for i, p in enumerate(win.pages.all_pages()):
            if p.state == state:
                self.step(f"select a {state} page", lambda i=i: win.page_view.setCurrentIndex(win.pages.index(i, 0)),
                          cond=lambda p=p: win.correction.model.page is not None and win.correction.model.page.id == p.id)
                return True
        return False

    # -- clerk -------------------------------------------------------------
    def search(self) -> None:
        from PySide6.QtTest import QTest

        from desktop.qt import Qt

        win = self.win
        self.step("Register rows tab (all rows of the register)", lambda: win.tabs.setCurrentWidget(win.search))
        for label, q in (("khewat", "120"), ("khasra", "4512"), ("owner", "غلام رسول")):
            def go(q=q):
                win.search.box.setFocus()
                win.search.box.selectAll()
                type_text(win.search.box, q)
                QTest.keyClick(win.search.box, Qt.Key.Key_Return)

            self.step(f"search {label} '{q}'", go)
        self.step("search cleared (all rows again)", lambda: (win.search.box.clear(), win.search.run_search()))
        self.step("scroll register rows to the end", lambda: win.search.table.scrollToBottom())

    def edit_and_undo(self) -> None:
        from PySide6.QtTest import QTest

        from desktop.qt import Qt

        win = self.win
        view = win.correction
        if not self.open_page_state("draft"):
            return
        col = view.model.column_of("owner") if view.model.column_of("owner") >= 0 else 2

        def edit():
            view.table.setFocus()
            view.table.setCurrentIndex(view.model.index(1, col))
            QTest.keyClick(view.table, Qt.Key.Key_F2)
            ed = self.app.focusWidget()
            ed.selectAll()
            type_text(ed, "محمد اسلم ولد کریم بخش")
            QTest.keyClick(ed, Qt.Key.Key_Return)

        self.step("edit a cell (type, Enter, saved)", edit, cond=lambda: not view.model.saving)
        self.step("undo (Ctrl+Z)", lambda: view.undo_stack.undo(), cond=lambda: not view.model.saving)
        self.step("redo (Ctrl+Y)", lambda: view.undo_stack.redo(), cond=lambda: not view.model.saving)

    def submit(self) -> None:
        win = self.win

        def yes(dlg) -> None:
            from desktop.qt import QMessageBox

            if isinstance(dlg, QMessageBox):
                btn = dlg.defaultButton() or dlg.buttons()[0]
                # 'submit anyway' is not the default: take the button that is not the default
                others = [b for b in dlg.buttons() if b is not dlg.defaultButton()]
                (others[0] if others else btn).click()
            else:
                dlg.accept()

        self.on_modal(yes)
        self.step("submit the page (Ctrl+Shift+S)", win.correction.submit)

    def returned(self) -> None:
        from desktop import oversight

        win = self.win
        self.step("Returned to me (tab, list read)", lambda: oversight.show_returned(win),
                  cond=lambda: win.returned_panel.table.rowCount() > 0)
        panel = win.returned_panel
        if panel.table.rowCount():
            self.step("open a returned row", lambda: panel._activated(0, 0))

    # -- supervisor ----------------------------------------------------------
    def review(self, verify: bool = False) -> None:
        from desktop import oversight

        win = self.win
        self.step("open the review queue", lambda: oversight.open_review(win),
                  cond=lambda: win.review_panel.tree.topLevelItemCount() > 0)
        panel = win.review_panel
        if verify:
            idx = panel.state_box.findData("approved")
            self.step("choose the verification queue", lambda: panel.state_box.setCurrentIndex(idx),
                      cond=lambda: panel.tree.topLevelItemCount() > 0)
        items = panel.page_items()
        if not items:
            return
        self.step("open the first page in the queue", lambda: panel.tree.setCurrentItem(items[0]),
                  cond=lambda: panel.page_view.data is not None)
        for _ in range(3):
            self.step("PgDn in the review queue", lambda: panel.step_page(1),
                      cond=lambda: panel.page_view.data is not None)
        pv = panel.page_view
        if not verify:
            def bulk() -> None:
                panel.tree.clearSelection()
                for it in panel.page_items()[5:35]:
                    it.setSelected(True)
                panel.confirm_bulk = lambda *_a: True
                panel.approve_selected_pages()

            self.step("Approve selected pages… (30 pages)", bulk, timeout=120)
        if verify:
            self.step("Verify page", pv.verify_page)
        else:
            self.step("Approve page", pv.approve_page)
            self.step("PgDn in the review queue", lambda: panel.step_page(1))
            self.step("Return page (with a comment)", lambda: pv.return_page("رقبہ دوبارہ دیکھیں"))

    def sync_panel(self) -> None:
        from desktop import oversight

        win = self.win
        self.step("open the sync panel", lambda: oversight.open_sync(win))
        self.step("sync panel: refresh counts", lambda: win.sync_panel.refresh(),
                  cond=lambda: not win.sync_panel.busy)
        panel = win.sync_panel
        if getattr(panel, "_seal", None) is not None and panel.seal_btn.isVisible() and panel.seal_btn.isEnabled():
            self.step(f"sync panel: {panel.seal_btn.text()}", panel.seal_approved, timeout=300,
                      cond=lambda: not panel.busy and all(not t.is_alive() for t in panel._threads))

    def audit(self) -> None:
        from desktop import oversight
        from desktop.qt import QDate

        win = self.win
        self.step("open the audit trail", lambda: oversight.open_audit(win),
                  cond=lambda: win.audit_viewer.model.rowCount() > 0)
        av = win.audit_viewer
        self.step("audit: scroll to the end of the first fetch", lambda: av.table.scrollToBottom())
        self.step("audit: fetch more (scrolled down twice)", lambda: (av.model.fetchMore(), av.model.fetchMore()))
        ui = av.user_box.findText("clerk3", flags=__import__("desktop.qt", fromlist=["Qt"]).Qt.MatchFlag.MatchContains)
        self.step("audit: filter by user clerk3", lambda: (av.user_box.setCurrentIndex(max(0, ui)), av.apply_filter()))
        self.step("audit: filter by register 2", lambda: (av.user_box.setCurrentIndex(0),
                                                         av.register_box.setCurrentIndex(min(2, av.register_box.count() - 1)),
                                                         av.apply_filter()))
        self.step("audit: filter action 'entry.return'", lambda: (av.register_box.setCurrentIndex(0),
                                                                   av.action_edit.setText("entry.return"), av.apply_filter()))
        self.step("audit: filter dates (last 30 days)", lambda: (av.action_edit.clear(), av.since_check.setChecked(True),
                                                                 av.since_edit.setDate(QDate.currentDate().addDays(-30)),
                                                                 av.apply_filter()))
        self.step("audit: oldest first", lambda: (av.since_check.setChecked(False), av.oldest_first.setChecked(True),
                                                  av.apply_filter()))
        self.step("audit: Verify chain", av.verify_chain, timeout=900,
                  cond=lambda: av.verify_btn.isEnabled())

    def reports(self) -> None:
        from desktop import file_dialogs, oversight

        win = self.win
        out = self.out
        file_dialogs.choose_save_file = lambda _p, _t, suggested, _pat: str(out / Path(suggested).name)
        import desktop.reports_dialogs as rd

        if hasattr(rd, "_ask_path"):
            rd._ask_path = lambda _p, _t, suggested, _pat: str(out / Path(suggested).name)

        def khewat(dlg) -> None:
            from desktop.qt import QInputDialog

            if isinstance(dlg, QInputDialog):
                dlg.setTextValue("12")
            dlg.accept()

        job = {}
        self.on_modal(khewat)
        self.step("fard: save as PDF (khewat 12)", lambda: job.update(j=oversight.save_fard(win)), timeout=300,
                  cond=lambda: job.get("j") is None or job["j"].done)
        self.step("progress report: save as PDF", lambda: job.update(j=oversight.save_progress_report(win)),
                  timeout=300, cond=lambda: job.get("j") is None or job["j"].done)
        self.close_notes()

    def close_notes(self) -> None:
        from desktop.qt import QApplication, QMessageBox

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                print(f"   note: {w.text()[:160]!r}", flush=True)
                w.close()

    def backup(self) -> None:
        from desktop import file_dialogs

        win = self.win
        folder = self.out / "usb"
        folder.mkdir(exist_ok=True)
        file_dialogs.choose_folder = lambda *_a: str(folder)
        rem = getattr(win, "backup_reminder", None)
        if rem is None:
            return
        self.step("backup reminder: refresh", rem.refresh)
        self.step("backup reminder: Back up now… (writes the backup)", rem._back_up,
                  timeout=600, cond=lambda: getattr(win, "backup_job", None) is None or win.backup_job.done)
        self.close_notes()

    def users(self) -> None:
        from desktop import oversight

        win = self.win
        self.step("Users dialog", lambda: oversight.open_users(win), cond=lambda: win.users_dialog.table.rowCount() > 0)
        win.users_dialog.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", type=Path)
    ap.add_argument("--only", default="clerk1,girdawar1,ro1,admin")
    ap.add_argument("--threshold", type=float, default=0.1)
    args = ap.parse_args()

    from desktop.fonts import load_fonts
    from desktop.main import _app

    _app()
    load_fonts()
    import faulthandler

    faulthandler.enable()
    watch = StallWatch(threshold=args.threshold, live=True)
    watch.start()
    out = Path(tempfile.mkdtemp(prefix="stall-out-"))
    day = Day(args.root, watch, out)
    users = args.only.split(",")
    t0 = time.perf_counter()
    try:
        run_day(day, users)
    finally:
        summary(day, watch, args, t0)
    os._exit(0)  # (the app's threads and windows: nothing to keep)


def run_day(day: Day, users: list[str]) -> None:
    for i, name in enumerate(users):
        if day.host is None:
            day.sign_in(name)
        print(f"== {name}", flush=True)
        n_regs = day.win.registers.rowCount()
        if name.startswith("clerk"):
            for r in range(n_regs):
                day.open_register(r)
            day.open_register(0)
            day.page_down(8)
            day.search()
            day.win.tabs.setCurrentIndex(0)
            day.edit_and_undo()
            day.submit()
            day.returned()
            day.sync_panel()
            day.reports()
        elif name.startswith(("girdawar", "ro")):
            day.open_register(1)
            day.page_down(3)
            day.review(verify=name.startswith("ro"))
            day.sync_panel()
            day.audit()
            day.reports()
            day.backup()
        else:
            day.open_register(0)
            day.users()
            day.audit()
            day.backup()
        day.sign_out(users[i + 1] if i + 1 < len(users) else None)


def summary(day: Day, watch: StallWatch, args, t0: float) -> None:
    watch.stop()
    print(f"\n== stalls over {args.threshold * 1000:.0f} ms ({time.perf_counter() - t0:.0f} s of use)")
    print(watch.report())
    worst: dict[str, tuple[float, int]] = {}
    for s in watch.stalls:
        ms, n = worst.get(s.action, (0.0, 0))
        worst[s.action] = (max(ms, s.ms), n + 1)
    print("\n| action | worst stall | stalls > 100 ms |\n|---|---|---|")
    for action, (ms, n) in sorted(worst.items(), key=lambda kv: -kv[1][0]):
        print(f"| {action} | {ms:.0f} ms | {n} |")
    print("\n| action | wall time to idle |\n|---|---|")
    for label, secs in day.timings:
        print(f"| {label} | {secs * 1000:.0f} ms |")


if __name__ == "__main__":
    sys.exit(main())
