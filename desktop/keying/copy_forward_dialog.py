"""Copy forward: start a new register edition from the previous one (records.copy_forward).

The clerk chooses the previous edition and the new year/volume; the copy runs on the
database-writer thread. The dialog then shows how many rows were copied and which
mutations (sanctioned intiqal entries) were proposed, and `opened(register_id)` lets the
main window open the new register.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.fonts import urdu_font
from desktop.labels import wrapping
from desktop.models.registers import register_title
from desktop.operations import error_text, write_op
from desktop.operations import register as register_ops
from desktop.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    Signal,
)
from records import services
from records.copy_forward import HARVEST, advance_year, copy_forward, next_season
from records.templates import get_template

EDITION_YEARS = 4  # a Jamabandi is re-written every four years


def next_edition_year(year: str) -> str:
    """The year of the next edition: "2015-16" -> "2019-20", "2015" -> "2019" ("" if unknown)."""
    return advance_year(year, EDITION_YEARS)


def harvest_choices(template_id: str):
    """The harvest choices of a register kind written once a harvest (girdawari), else ()."""
    try:
        tpl = get_template(template_id)
    except Exception:  # noqa: BLE001 - an office's own template that is gone: no harvest offered
        return ()
    spec = next((f for f in tpl.header if f.name == HARVEST), None)
    return spec.choices if spec is not None else ()


def next_of(reg) -> tuple[str, str]:
    """(year, harvest) proposed for the register after `reg` (a RegisterView): the next
    harvest of a girdawari, the next four-yearly edition of the others (harvest "")."""
    choices = harvest_choices(reg.template_id)
    if choices:
        return next_season(reg.year, (reg.header or {}).get(HARVEST, ""), choices)
    return next_edition_year(reg.year), ""


@dataclass(frozen=True)
class Proposal:
    """One mutation applied as a proposal: its number, the new owner row, the share passed."""

    mutation_no: str
    owner: str
    share: str


@dataclass
class CopyForwardSummary:
    register_id: int
    rows_copied: int
    proposals: list[Proposal] = field(default_factory=list)
    flagged_rows: int = 0  # copied rows whose share a mutation changes


def run_copy_forward(session, *, actor, previous_register_id: int, year: str, volume: str | None,
                     header: dict | None = None) -> CopyForwardSummary:
    """records.copy_forward, then what the clerk needs to see of it (plain values)."""
    res = copy_forward(session, actor=actor, previous_register_id=previous_register_id, year=year, volume=volume,
                       header=header)
    rows = services.rows_by_ids(session, services.register_entry_ids(session, res.register_id))
    copied, proposed = rows[: res.rows_copied], rows[res.rows_copied:]
    flagged = sum(1 for r in copied if any(f.code == "mutation" for v in r.values.values() for f in v.flags))
    props = [Proposal(no, r.text("owner"), r.text("share")) for no, r in zip(res.mutations_applied, proposed, strict=False)]
    return CopyForwardSummary(res.register_id, res.rows_copied, props, flagged)


class CopyForwardDialog(QDialog):
    """Choose the previous edition and the new year; copy; show what was copied and proposed."""

    opened = Signal(int)  # the new register's id

    def __init__(self, ctx, parent=None, *, previous_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("copyForwardDialog")
        self.setWindowTitle(self.tr("New edition from the previous one"))
        self.setMinimumWidth(560)
        self._previous_id = previous_id
        self._registers = []
        self.summary: CopyForwardSummary | None = None

        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Rows of the previous edition are copied as drafts: confirm or change what "
                               "differs. Mutations sanctioned since are proposed as flagged rows."), self)
        wrapping(intro)
        lay.addWidget(intro)
        form = QFormLayout()
        self.previous = QComboBox(self)
        self.previous.setObjectName("previousRegister")
        self.previous.setFont(urdu_font(11))
        self.previous.currentIndexChanged.connect(self._on_previous)
        form.addRow(self.tr("Previous edition:"), self.previous)
        self.year = QLineEdit(self)
        self.year.setObjectName("newYear")
        self.year.setPlaceholderText("2019-20")
        self.year.textEdited.connect(self._year_typed)
        self._year_own = False  # the clerk typed the year: choosing another register keeps it
        form.addRow(self.tr("New year:"), self.year)
        self.harvest = QComboBox(self)  # a girdawari's next season: Kharif or Rabi
        self.harvest.setObjectName("newHarvest")
        self.harvest.setFont(urdu_font(11))
        self.harvest_label = QLabel(self.tr("Harvest:"), self)
        form.addRow(self.harvest_label, self.harvest)
        self.volume = QLineEdit(self)
        self.volume.setObjectName("newVolume")
        self.volume.setPlaceholderText(self.tr("as the previous edition"))
        form.addRow(self.tr("Volume:"), self.volume)
        lay.addLayout(form)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("copyForwardResult")
        wrapping(self.result_label)
        self.result_label.setFont(urdu_font(11))
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.result_label, 1)
        self.buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Copy forward"), self)
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self.start)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._load()

    def _load(self) -> None:
        def done(regs) -> None:
            self._registers = [r for r in regs if r.template_id != "intiqal"]
            self.previous.clear()
            for r in self._registers:
                self.previous.addItem(register_title(r), r.id)
            row = next((i for i, r in enumerate(self._registers) if r.id == self._previous_id), 0)
            if self._registers:
                self.previous.setCurrentIndex(row)
                self._on_previous(row)
            else:
                self._show(self.tr("There is no register to copy from yet."), error=True)

        register_ops.list_registers().success(done).failure(lambda e: self._show(error_text(e), error=True)) \
            .run_in_background(self.ctx)

    def _year_typed(self, text: str) -> None:
        self._year_own = bool(text.strip())

    def _on_previous(self, row: int) -> None:
        """Propose the year (and harvest) after the chosen register's. The year proposed for
        the first register listed stayed when the clerk chose another: the next girdawari
        season of Kharif 1997-98 was offered as 2022-23, a jamabandi's year plus four."""
        if not 0 <= row < len(self._registers):
            return
        reg = self._registers[row]
        year, harvest = next_of(reg)
        if not self._year_own:
            self.year.setText(year)
        choices = harvest_choices(reg.template_id)
        self.harvest.clear()
        for c in choices:
            self.harvest.addItem(c.ur, c.ur)
        self.harvest.setCurrentIndex(max(0, self.harvest.findData(harvest)))
        self.harvest.setVisible(bool(choices))
        self.harvest_label.setVisible(bool(choices))

    def _show(self, text: str, *, error: bool = False) -> None:
        from html import escape

        colour = "#a00" if error else "#222"
        self.result_label.setText(f"<p style='color:{colour}'>{escape(text)}</p>")

    def start(self) -> None:
        """Copy the chosen edition forward on the writer thread."""
        rid = self.previous.currentData()
        year = self.year.text().strip()
        if rid is None:
            self._show(self.tr("Choose the previous edition to copy from."), error=True)
            return
        if not year:
            self._show(self.tr("Type the year of the new edition (e.g. 2019-20)."), error=True)
            self.year.setFocus()
            return
        volume = self.volume.text().strip() or None
        header = {HARVEST: self.harvest.currentData()} if self.harvest.count() else None
        actor = self.ctx.actor
        self.copy_button.setEnabled(False)
        self._show(self.tr("Copying…"))

        def body(s):
            summary = run_copy_forward(s, actor=actor, previous_register_id=rid, year=year, volume=volume, header=header)
            return summary, services.Changes(registers=True, entries=True)

        def failed(e: BaseException) -> None:
            self.copy_button.setEnabled(True)
            self._show(self.tr("Not copied: {error}").format(error=error_text(e)), error=True)

        write_op(body).success(lambda res: self._done(res[0])).failure(failed).run_in_background(self.ctx)

    def _done(self, summary: CopyForwardSummary) -> None:
        from html import escape

        self.summary = summary
        lines = [escape(self.tr("{n} row(s) copied into the new edition.", "", summary.rows_copied).format(n=summary.rows_copied))]
        if summary.proposals:
            lines.append(escape(self.tr("Mutations proposed (flagged rows to confirm or delete):")))
            items = "".join(
                f"<li dir='rtl'>{escape(self.tr('intiqal {no}').format(no=p.mutation_no))}: {escape(p.owner)}"
                f"{' — ' + escape(p.share) if p.share else ''}</li>" for p in summary.proposals)
            lines.append(f"<ul>{items}</ul>")
        if summary.flagged_rows and summary.proposals:
            lines.append(escape(self.tr("{n} copied row(s) flagged: their share passed by a mutation.", "", summary.flagged_rows)
                                .format(n=summary.flagged_rows)))
        elif summary.flagged_rows:  # a girdawari: the khasras a mutation passed, their owner flagged
            lines.append(escape(self.tr("{n} copied row(s) flagged: their khasra passed by a mutation; correct the owner.",
                                        "", summary.flagged_rows).format(n=summary.flagged_rows)))
        elif not summary.proposals:
            lines.append(escape(self.tr("No sanctioned mutation since the previous edition.")))
        self.result_label.setText("<br>".join(lines))
        self.opened.emit(summary.register_id)


def open_copy_forward(window) -> CopyForwardDialog:
    """Open the dialog over a main window; the new register is selected when it is made."""
    dlg = CopyForwardDialog(window.ctx, window, previous_id=getattr(window, "register_id", None))

    def opened(rid: int) -> None:
        window.refresh_registers(select_id=rid)  # its first page (of copied rows) opens to correct
        correction = getattr(window, "correction", None)
        if correction is not None:
            window.tabs.setCurrentWidget(correction)

    dlg.opened.connect(opened)
    dlg.open()
    window.copy_forward_dialog = dlg
    return dlg
