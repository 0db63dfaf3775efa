"""New register wizard: kind (template), then district, tehsil, mauza, hadbast no, year, volume."""

from __future__ import annotations

from desktop.empty_field_cursor import mark_urdu_field
from desktop.fonts import urdu_font
from desktop.i18n import bilingual, message
from desktop.labels import wrapping
from desktop.operations import error_text
from desktop.operations import register as register_ops
from desktop.qt import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    Qt,
    QVBoxLayout,
    QWizard,
    QWizardPage,
    Signal,
)
from desktop.typed_numbers import keep_numbers_in_order, set_text, text_of
from records.templates import BUILTIN, get_template
from records.validation import validate_header

STANDARD_HEADER = ("district", "tehsil", "mauza", "hadbast_no", "year")


def _urdu_edit(parent, name: str) -> QLineEdit:
    e = QLineEdit(parent)
    e.setObjectName(name)
    e.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    e.setFont(urdu_font(12))
    keep_numbers_in_order(e)  # a mauza چک 12-5 shows as typed (desktop.typed_numbers); read with text_of
    return mark_urdu_field(e)


def _number_edit(parent, name: str) -> QLineEdit:
    """A number typed left to right, in the Urdu font as the fields beside it (Urdu digits
    were drawn small in the default font)."""
    e = QLineEdit(parent)
    e.setObjectName(name)
    e.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    e.setFont(urdu_font(12))
    return e


class _KindPage(QWizardPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Kind of register"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Which register are these pages from?"), self))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for tid in BUILTIN:
            t = get_template(tid)
            self.kind.addItem(bilingual(t.title_ur, t.title_en), tid)
        lay.addWidget(self.kind)


class _HeaderPage(QWizardPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Register heading"))
        form = QFormLayout(self)
        self.district = _urdu_edit(self, "district")
        self.tehsil = _urdu_edit(self, "tehsil")
        self.mauza = _urdu_edit(self, "mauza")
        self.hadbast = _number_edit(self, "hadbast_no")
        self.year = _number_edit(self, "year")
        self.year.setPlaceholderText("2019-20")
        self.volume = _number_edit(self, "volume")
        self.volume.setText("1")
        for label, w in ((self.tr("District"), self.district), (self.tr("Tehsil"), self.tehsil),
                         (self.tr("Mauza"), self.mauza), (self.tr("Hadbast no"), self.hadbast),
                         (self.tr("Year"), self.year), (self.tr("Volume"), self.volume)):
            form.addRow(label, w)
            w.textChanged.connect(self.completeChanged)
            w.textChanged.connect(lambda t, w=w: t and self._touched.add(w.objectName()))
        self.form = form
        self.extra: dict[str, QComboBox | QLineEdit] = {}
        self._touched: set[str] = set()  # fields the clerk has typed in: only their problems show
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        wrapping(self.problem)
        self.problem.setStyleSheet("color: #a00")
        form.addRow(self.problem)

    def initializePage(self) -> None:
        """Add editors for header fields beyond the common five (e.g. girdawari's harvest)."""
        for w in self.extra.values():
            self.form.removeRow(w)
        self.extra = {}
        tpl = get_template(self.wizard().field_kind())
        for spec in tpl.header:
            if spec.name in STANDARD_HEADER:
                continue
            if spec.kind == "choice":
                w = QComboBox(self)
                for c in spec.choices:
                    w.addItem(bilingual(c.ur, c.en), c.ur)
                w.currentIndexChanged.connect(self.completeChanged)
                w.currentIndexChanged.connect(lambda _i, n=spec.name: self._touched.add(n))
            else:
                w = _urdu_edit(self, spec.name)
                w.textChanged.connect(self.completeChanged)
                w.textChanged.connect(lambda t, n=spec.name: t and self._touched.add(n))
            w.setObjectName(spec.name)
            self.extra[spec.name] = w
            self.form.insertRow(self.form.rowCount() - 1, bilingual(spec.label_ur, spec.label_en, " / "), w)

    def header_extra(self) -> dict[str, str]:
        return {k: (w.currentData() if isinstance(w, QComboBox) else text_of(w)) for k, w in self.extra.items()}

    def values(self) -> dict[str, str]:
        return {"district": text_of(self.district), "tehsil": text_of(self.tehsil), "mauza": text_of(self.mauza),
                "hadbast_no": self.hadbast.text(), "year": self.year.text(), "volume": self.volume.text() or "1"}

    def isComplete(self) -> bool:
        kind = self.wizard().field_kind() if self.wizard() else "jamabandi"
        v = self.values()
        head = {k: v[k] for k in v if k != "volume"} | self.header_extra()
        flags = [f for f in validate_header(kind, head) if f.severity == "error"]
        shown = [f for f in flags if f.field in self._touched]  # not "is required" before a key is pressed
        self.problem.setText("\n".join(message(f.message) for f in shown[:3]))
        return not flags


class NewRegisterWizard(QWizard):
    """Emits `created(register_id)` after the register is saved."""

    created = Signal(int)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("NewRegisterWizard")
        self.setWindowTitle(self.tr("New register"))
        self.kind_page = _KindPage(self)
        self.header_page = _HeaderPage(self)
        set_text(self.header_page.district, ctx.prefs.district)  # the office's own, usually right
        set_text(self.header_page.tehsil, ctx.prefs.tehsil)
        self.addPage(self.kind_page)
        self.addPage(self.header_page)

    def field_kind(self) -> str:
        return self.kind_page.kind.currentData()

    def accept(self) -> None:
        v = self.header_page.values()
        op = register_ops.create_register(actor=self.ctx.actor, template=self.field_kind(),
                                          header=self.header_page.header_extra() or None, **v)

        def ok(result) -> None:
            rid, _changes = result
            self.created.emit(rid)
            QWizard.accept(self)

        def failed(e: BaseException) -> None:
            self.header_page.problem.setText(self.tr("The register was not created: {error}").format(error=error_text(e)))

        op.success(ok).failure(failed).run_in_background(self.ctx)
