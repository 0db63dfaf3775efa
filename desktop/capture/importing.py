"""Import loaded pages into a register (writer thread): duplicates skipped, bad items listed."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.capture.loading import ImportItem
from desktop.operations import Op
from records import services
from records.audit import Actor
from records.images import ImageStoreError


@dataclass
class ImportReport:
    """What an import did, in plain values (for the summary message)."""

    added: list[tuple[str, int, int]] = field(default_factory=list)  # (name, page no, page id)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)  # (name, register id, page no)
    bad: list[str] = field(default_factory=list)  # clerk-facing messages
    registers: dict[int, services.RegisterView] = field(default_factory=dict)  # those of the duplicates

    @property
    def page_ids(self) -> list[int]:
        return [pid for _n, _no, pid in self.added]


def next_page_no(session, register_id: int) -> int:
    """The number the register's next page gets (as services.add_page numbers it)."""
    from sqlalchemy import func, select

    from records.models import Page

    return (session.scalar(select(func.max(Page.page_no)).where(Page.register_id == register_id)) or 0) + 1


def pages_holding(session, shas: set[str]) -> dict[str, tuple[services.RegisterView, int]]:
    """Which of the images `shas` are pages of the workspace already: {sha: (register, page no)}."""
    from sqlalchemy import select

    from records.models import Page

    known: dict[str, tuple[services.RegisterView, int]] = {}
    registers: dict[int, services.RegisterView] = {}
    wanted = sorted(shas)
    for i in range(0, len(wanted), 500):
        rows = session.execute(select(Page.image_sha256, Page.register_id, Page.page_no)
                               .where(Page.image_sha256.in_(wanted[i:i + 500]))).all()
        for sha, rid, page_no in rows:
            if rid not in registers:
                registers[rid] = services.get_register(session, rid)
            known.setdefault(sha, (registers[rid], page_no))
    return known


def register_place(session, register_id: int, shas: set[str]) -> tuple[int, dict[str, tuple[services.RegisterView, int]]]:
    """next_page_no and pages_holding at once."""
    return next_page_no(session, register_id), pages_holding(session, shas)


def import_items(*, ws, actor: Actor, register_id: int, items: list[ImportItem]) -> Op:
    """Op -> (ImportReport, Changes). Each page commits on its own: a failure keeps the rest."""

    def body(_session):
        report = ImportReport()
        for it in items:
            if it.error or it.data is None:
                report.bad.append(it.error or f"{it.name}: empty")
                continue
            try:
                with ws.session() as s:
                    res = services.add_page(s, ws.images, actor=actor, register_id=register_id, data=it.data,
                                            name=it.name, width=it.width, height=it.height)
                    if res.skipped and res.duplicate_of[0] not in report.registers:  # named as clerks know it
                        report.registers[res.duplicate_of[0]] = services.get_register(s, res.duplicate_of[0])
            except (ImageStoreError, OSError) as e:
                report.bad.append(f"{it.name}: {e}")
                continue
            if res.skipped:
                rid, page_no, _pid = res.duplicate_of
                report.duplicates.append((it.name, rid, page_no))
            else:
                report.added.append((it.name, res.page_no, res.page_id))
        ch = services.Changes(pages=True, registers=True, page_ids=set(report.page_ids))
        return report, ch

    return Op(body, write=True)
