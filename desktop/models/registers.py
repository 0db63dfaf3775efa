"""List of the workspace's registers (a few hundred at most: loaded whole, in the background)."""

from __future__ import annotations

from desktop.qt import QAbstractListModel, QCoreApplication, QModelIndex, Qt
from records.services import RegisterView
from records.templates import BUILTIN, get_template
from records.text import isolate_ltr

RegisterRole = Qt.ItemDataRole.UserRole + 1


def register_title(r: RegisterView) -> str:
    """`جمع بندی — موضع 2019-20 (vol 1)` style title of a register; a girdawari's names its
    harvest: `خسرہ گرداوری — موضع ربیع 2019-20 (vol 1)`."""
    try:
        kind = get_template(r.template_id).title_ur if r.template_id in BUILTIN else r.template_id
    except Exception:  # noqa: BLE001 - a missing template still lists the register
        kind = r.template_id
    from desktop.i18n import number_text

    vol = QCoreApplication.translate("Registers", "vol")
    # a girdawari is written each harvest: its Kharif and Rabi of one year were listed alike
    harvest = str((r.header or {}).get("harvest", "") or "").strip()
    season = f"{harvest} " if harvest else ""
    return f"{kind} — {r.mauza} {season}{isolate_ltr(number_text(r.year))} ({vol} {number_text(r.volume)})"


class RegisterListModel(QAbstractListModel):
    """Rows are RegisterView values; RegisterRole gives the view, DisplayRole a title."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[RegisterView] = []

    def set_registers(self, items: list[RegisterView]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def register_at(self, row: int) -> RegisterView | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, register_id: int) -> int:
        return next((i for i, r in enumerate(self._items) if r.id == register_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        r = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return register_title(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "Registers", "{district} / {tehsil} / {mauza}, hadbast {hadbast}: {pages} pages, {entries} rows"
            ).format(district=r.district, tehsil=r.tehsil, mauza=r.mauza, hadbast=r.hadbast_no,
                     pages=r.pages, entries=r.entries)
        if role == RegisterRole:
            return r
        return None
