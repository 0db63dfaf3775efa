"""The status bar's reminder to back up (records.backup.days_without_backup).

An office offline for weeks keeps its only copy of the records on one PC; a backup is
what survives a dead disk, a virus or a thief. Those who may write one (supervisors,
revenue officers, the administrator) see, while one is due by the office's
`backup.remind_after_days`, how long it has been and a link that writes one.
"""

from __future__ import annotations

from html import escape

from desktop.i18n import number_text
from desktop.qt import QLabel, Qt, QTimer


class BackupReminder(QLabel):
    """'Last backup 12 days ago · Back up now…' in the status bar; hidden when none is due."""

    def __init__(self, win) -> None:
        super().__init__(win)
        self.win = win
        self.setObjectName("backupReminder")
        self.setContentsMargins(8, 0, 8, 0)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(self._back_up)
        self._hourly = QTimer(self)  # a PC left on for days: the reminder comes when it falls due
        self._hourly.setInterval(3_600_000)
        self._hourly.timeout.connect(self.refresh)
        self._hourly.start()
        self.refresh()

    def due_days(self) -> int | None:
        """What records.backup.days_without_backup says for the office's setting."""
        from records import office_settings
        from records.backup import days_without_backup

        ws = self.win.ctx.ws
        with ws.session() as s:
            days = int(office_settings.read(s).get("backup.remind_after_days"))
        return days_without_backup(ws, days)

    def refresh(self) -> None:
        """Show or hide the reminder as the last backup and the setting now say."""
        days = self.due_days()
        if days is None:
            self.clear()
            self.hide()
            return
        from records.backup import DATED_AHEAD

        if days == DATED_AHEAD:  # a clock wrong now or when it was written: not silenced for years
            said = self.tr("The last backup is dated after today: check this computer's date")
        elif days < 0:
            said = self.tr("No backup of this workspace yet")
        else:
            said = self.tr("Last backup {days} days ago").format(days=number_text(days))
        link = self.tr("Back up now…")
        self.setText(f'<span style="color:#a64b00; font-weight:bold">{escape(said)}</span> · '
                     f'<a href="backup">{escape(link)}</a>')
        self.setToolTip(self.tr("A backup on a USB stick or another disk is what is left of the records when "
                                "this computer's disk fails or the computer is stolen."))
        self.show()

    def _back_up(self, _link: str = "") -> None:
        from desktop import oversight

        oversight.back_up(self.win)
