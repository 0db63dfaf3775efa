"""Import listed pages into a register (writer thread): each page's bytes read again from its
file, one page at a time; duplicates skipped, bad items and files gone or changed since they
were listed named, one message a file, while the rest import."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.capture.loading import CHANGED, GONE, ListedPage, ListedPageError, PageReader
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


# Why a listed file was not imported after all ({0}: the file, and its pages for a TIFF or PDF).
# A file changed since it was listed is refused, not imported as it is now: the clerk checked
# the preview and the page numbers shown, and a page he did not see (the scanner program
# writing the file again, a colleague's file of the same name copied over it) would go into
# the register under a number he was not shown. Adding it again shows it as it is now.
FILE_GONE = "{0}: the file was moved, renamed or deleted after it was listed. Put it back and add it again."
FILE_CHANGED = ("{0}: the file changed after it was listed, so what was shown is not what it holds now. "
                "Add it again to see it and import it as it is now.")
FILE_UNREADABLE = "{0}: the file cannot be read now ({1}). Check the file and add it again."


def _page_numbers(indices: list[int]) -> str:
    """1-based page numbers, runs shortened: [0, 1, 2, 4] -> '1–3, 5'."""
    runs: list[list[int]] = []
    for i in sorted(set(indices)):
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return ", ".join(f"{a + 1}" if a == b else f"{a + 1}–{b + 1}" for a, b in runs)


def _not_read(page: ListedPage, indices: list[int], why: str) -> str:
    """The clerk's message for the pages of one file that could not be read again."""
    from pathlib import Path

    name = page.name if page.whole_file else f"{Path(page.source).name} [{_page_numbers(indices)}]"
    if why == GONE:
        return FILE_GONE.format(name)
    if why == CHANGED:
        return FILE_CHANGED.format(name)
    return FILE_UNREADABLE.format(name, why)


def import_items(*, ws, actor: Actor, register_id: int, items: list[ListedPage]) -> Op:
    """Op -> (ImportReport, Changes). Each page is read again from its file (one at a time)
    and commits on its own: a failure keeps the rest, and the pages saved before it."""

    def body(_session):
        report = ImportReport()
        reader = PageReader()
        not_read: dict[tuple[str, str], tuple[ListedPage, list[int], int]] = {}  # (file, why) -> (page, indices, slot in bad)
        try:
            for it in items:
                if it.error or not it.sha256:
                    report.bad.append(it.error or f"{it.name}: empty")
                    continue
                try:
                    with ws.session() as s:
                        dup = services.find_image(s, it.sha256)  # listed as a copy: skipped unread
                        if dup is None:
                            data = reader.read(it)
                            res = services.add_page(s, ws.images, actor=actor, register_id=register_id, data=data,
                                                    name=it.name, width=it.width, height=it.height)
                            del data
                            dup = res.duplicate_of if res.skipped else None
                        if dup is not None and dup[0] not in report.registers:  # named as clerks know it
                            report.registers[dup[0]] = services.get_register(s, dup[0])
                except ListedPageError as e:
                    key = (it.source, e.why)
                    if key not in not_read:
                        not_read[key] = (it, [], len(report.bad))
                        report.bad.append("")
                    not_read[key][1].append(it.index)
                    continue
                except (ImageStoreError, OSError) as e:
                    report.bad.append(f"{it.name}: {e}")
                    continue
                if dup is not None:
                    rid, page_no, _pid = dup
                    report.duplicates.append((it.name, rid, page_no))
                else:
                    report.added.append((it.name, res.page_no, res.page_id))
        finally:
            reader.close()
        for (_source, why), (page, indices, slot) in not_read.items():
            report.bad[slot] = _not_read(page, indices, why)
        ch = services.Changes(pages=True, registers=True, page_ids=set(report.page_ids))
        return report, ch

    return Op(body, write=True)
