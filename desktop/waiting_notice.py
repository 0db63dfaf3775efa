"""The status bar's line for reviewers: how many pages wait for them, and where.

A revenue officer signed in to the page view, the clerks' screen, and nothing said that pages
waited for his verification, nor how many, nor where they were (Review, then the queue box).
Supervisors and revenue officers now see, while pages wait for them, "5 pages wait for your
verification · 1 page waits for review · Open the review (Ctrl+Shift+R)". It is read in the
background and again whenever entries move through the workflow.
"""

from __future__ import annotations

from html import escape

from desktop.i18n import number_text
from desktop.operations import read_op
from desktop.qt import QKeySequence, QLabel, Qt
from records import workflow


class WaitingNotice(QLabel):
    """'N pages wait for your verification · Open the review (Ctrl+Shift+R)'; hidden when none waits."""

    def __init__(self, win) -> None:
        super().__init__(win)
        self.win = win
        self.setObjectName("waitingNotice")
        self.setContentsMargins(8, 0, 8, 0)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(self._open_review)
        self.hide()
        win.ctx.bus.changed.connect(self._on_changes)  # (a bound slot: dropped with the window)
        self.refresh()

    def _on_changes(self, changes, _initiator) -> None:
        if changes.workflow:
            self.refresh()

    def refresh(self) -> None:
        """Count the pages waiting for this user's step, off the window's thread."""
        from desktop.review import queries
        from records.outbox import verification_required

        read_op(lambda s: (queries.waiting_pages(s), verification_required(s))).success(
            lambda res: self.show_counts(*res)).run_in_background(self.win.ctx)

    def show_counts(self, waiting: dict[str, int], require_verification: bool) -> None:
        verifies = self.win.ctx.actor.role in workflow.TRANSITIONS["verify"].roles and require_verification
        to_verify = waiting.get(workflow.APPROVED, 0) if verifies else 0
        to_review = waiting.get(workflow.SUBMITTED, 0)
        parts = []
        if to_verify:
            parts.append(self.tr("{n} page(s) wait for your verification", "", to_verify).format(
                n=number_text(to_verify)))
        if to_review:
            parts.append(self.tr("{n} page(s) wait for review", "", to_review).format(n=number_text(to_review)))
        if not parts:
            self.clear()
            self.hide()
            return
        keys = QKeySequence("Ctrl+Shift+R").toString(QKeySequence.SequenceFormat.NativeText)
        link = self.tr("Open the review ({keys})").format(keys=f"\u2066{keys}\u2069")
        said = " · ".join(escape(p) for p in parts)
        self.setText(f'<span style="color:#1c4e8a; font-weight:bold">{said}</span> · <a href="review">{escape(link)}</a>')
        self.show()

    def _open_review(self, _link: str = "") -> None:
        from desktop import oversight

        oversight.open_review(self.win)
