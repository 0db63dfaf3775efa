"""The status bar's line for reviewers: how many pages wait for them, and where.

A revenue officer signed in to the page view, the clerks' screen, and nothing said that pages
waited for his verification, nor how many, nor where they were (Review, then the queue box).
Supervisors and revenue officers now see, while pages wait for them, "5 pages wait for your
verification · 1 page waits for review · Open the review (Ctrl+Shift+R)". It is read in the
background and again whenever entries move through the workflow.

A Girdawar was not told when rows he approved were returned after by the revenue officer (a
clerk learns of his returned rows at sign-in, in the count of "Returned to me"): the line
says "2 rows you approved were returned", a link to the list of them with the revenue
officer's comment (View › Rows returned after my approval), as long as they wait for the clerk.
"""

from __future__ import annotations

from html import escape

from desktop.i18n import number_text
from desktop.operations import read_op
from desktop.qt import QKeySequence, QLabel, Qt
from records import workflow


class WaitingNotice(QLabel):
    """'N pages wait for your verification · Open the review (Ctrl+Shift+R) · N rows you approved
    were returned'; hidden when nothing waits and nothing was returned."""

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
        from desktop.review.returned import returned_after_approval
        from records.outbox import verification_required

        me = self.win.ctx.actor.id
        approver = self.win.ctx.actor.role in workflow.TRANSITIONS["approve"].roles

        def counts(s):
            returned = len(returned_after_approval(s, approver_id=me)) if approver else 0
            return queries.waiting_pages(s), verification_required(s), returned

        read_op(counts).success(lambda res: self.show_counts(*res)).run_in_background(self.win.ctx)

    def show_counts(self, waiting: dict[str, int], require_verification: bool, returned: int = 0) -> None:
        verifies = self.win.ctx.actor.role in workflow.TRANSITIONS["verify"].roles and require_verification
        to_verify = waiting.get(workflow.APPROVED, 0) if verifies else 0
        to_review = waiting.get(workflow.SUBMITTED, 0)
        parts = []
        if to_verify:
            parts.append(self.tr("{n} page(s) wait for your verification", "", to_verify).format(
                n=number_text(to_verify)))
        if to_review:
            parts.append(self.tr("{n} page(s) wait for review", "", to_review).format(n=number_text(to_review)))
        said = []
        if parts:
            keys = QKeySequence("Ctrl+Shift+R").toString(QKeySequence.SequenceFormat.NativeText)
            link = self.tr("Open the review ({keys})").format(keys=f"\u2066{keys}\u2069")
            text = " · ".join(escape(p) for p in parts)
            said.append(f'<span style="color:#1c4e8a; font-weight:bold">{text}</span> · '
                        f'<a href="review">{escape(link)}</a>')
        if returned:  # in orange, as a return is: a link to the rows, with the comment
            text = self.tr("{n} row(s) you approved were returned", "", returned).format(n=number_text(returned))
            said.append(f'<a href="returned" style="color:#b35c00; font-weight:bold">{escape(text)}</a>')
        if not said:
            self.clear()
            self.hide()
            return
        self.setText(" · ".join(said))
        self.show()

    def _open_review(self, link: str = "") -> None:
        from desktop import oversight

        if link == "returned":
            oversight.show_approved_returned(self.win)
        else:
            oversight.open_review(self.win)
