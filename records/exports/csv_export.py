"""CSV export: one row per entry (latest version), columns = the template's fields.

Columns: register_id, the template's header fields (district ... year), page_no, row_no,
entry_uuid, version, state, then the column fields in register order.

UTF-8 with a byte order mark, so Excel opens Urdu intact. Values are written as stored
(Latin digits, `12-5`, `3/8`); with `raw=True` each field is followed by a `FIELD_ocr`
column holding the text OCR read. `excel_safe=True` writes values Excel would turn into
dates or formulas (`3/8`, `12-5`, `=...`) as `="3/8"` so they stay text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from records import services
from records.exports.json_export import ExportError
from records.exports.spreadsheet import excel_text
from records.output_file import check_output, written_whole
from records.text import normalise

# Columns before the fields: the register, its header fields (district, tehsil, mauza,
# hadbast_no, year and any other of the template, e.g. harvest), then the row's place and state.
ROW_COLUMNS = ("page_no", "row_no", "entry_uuid", "version", "state")


@dataclass(frozen=True)
class CsvFilter:
    """Which entries: registers (None = all), states (None = all), mauza (normalised match)."""

    register_ids: tuple[int, ...] | None = None
    states: tuple[str, ...] | None = None
    mauza: str | None = None


def _header_value(reg, name: str) -> str:
    if name in ("district", "tehsil", "mauza", "hadbast_no", "year", "volume"):
        return str(getattr(reg, name))
    return str((reg.header or {}).get(name, ""))


ROWS_AT_ONCE = 1000  # entries read in one query (and told to `progress` after each)


def chosen_registers(session: Session, flt: CsvFilter) -> list:
    """The registers `flt` chooses by id and mauza (its states aside); ExportError naming an
    id no register has."""
    regs = services.list_registers(session)
    if flt.register_ids is not None:
        known = {r.id for r in regs}
        missing = [i for i in flt.register_ids if i not in known]
        if missing:
            raise ExportError(f"no register with id {', '.join(map(str, missing))} in this workspace")
        regs = [r for r in regs if r.id in flt.register_ids]
    if flt.mauza:
        regs = [r for r in regs if normalise(r.mauza) == normalise(flt.mauza)]
    return regs


def csv_rows(session: Session, flt: CsvFilter = CsvFilter(), *, raw: bool = False,
             excel_safe: bool = False, progress=None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the CSV (ExportError when the chosen registers mix templates).
    `progress("rows", done, total)` hears of the entries read, ROWS_AT_ONCE at a time; what
    it raises (a stop) ends the reading."""
    regs = chosen_registers(session, flt)
    templates = {r.template_id for r in regs}
    if len(templates) > 1:
        listing = ", ".join(f"{r.id} ({r.template_id} {r.mauza})" for r in regs)
        raise ExportError(f"the registers use different templates ({', '.join(sorted(templates))}): export "
                          f"one template at a time with --register ID; registers: {listing}")
    if not regs:
        return ["register_id", *ROW_COLUMNS], []
    tpl = services.register_template(session, regs[0].id)
    fields = [c.name for c in tpl.columns]
    head_fields = [h.name for h in tpl.header]
    header = ["register_id", *head_fields, *ROW_COLUMNS]
    for f in fields:
        header.append(f)
        if raw:
            header.append(f"{f}_ocr")
    out: list[list[str]] = []
    ids_of = [(reg, services.register_entry_ids(session, reg.id)) for reg in regs]
    total, done = sum(len(ids) for _reg, ids in ids_of), 0
    if progress is not None:
        progress("rows", 0, total)
    for reg, ids in ids_of:
        page_no = {p.id: p.page_no for p in services.list_pages(session, reg.id)}
        for start in range(0, len(ids), ROWS_AT_ONCE):
            part = ids[start:start + ROWS_AT_ONCE]
            for r in services.rows_by_ids(session, part):
                if flt.states and r.state not in flt.states:
                    continue
                line = [str(reg.id), *(_header_value(reg, h) for h in head_fields),
                        str(page_no.get(r.page_id, "")), str(r.row_no), r.uuid, str(r.version), r.state]
                for f in fields:
                    v = r.values.get(f)
                    line.append(excel_text(v.value) if excel_safe and v else (v.value if v else ""))
                    if raw:
                        line.append((v.raw_text or "") if v else "")
                out.append(line)
            done += len(part)
            if progress is not None:
                progress("rows", done, total)
    return header, out


# where an approved entry goes next: sealed, sent and decided by the central office
AFTER_APPROVAL = ("verified", "batched", "sent", "accepted", "rejected")


def states_there(ws, flt: CsvFilter) -> dict[str, int]:
    """How many entries of the registers `flt` chooses (chosen_registers) are in each state:
    what a CSV of the states asked for, holding none, left out."""
    from sqlalchemy import func, select

    from records.models import Entry

    with ws.session() as s:
        counts: dict[str, int] = {}
        for reg in chosen_registers(s, flt):
            ids = services.register_entry_ids(s, reg.id)
            for start in range(0, len(ids), 500):
                for state, n in s.execute(select(Entry.state, func.count()).where(Entry.id.in_(ids[start:start + 500]))
                                          .group_by(Entry.state)):
                    counts[state] = counts.get(state, 0) + n
        return counts


def nothing_in_states_note(states: Iterable[str], there: dict[str, int]) -> str:
    """Why a CSV of some states holds no entry, when the registers hold entries in others: an
    office exporting "the approved register" after a sync finds its entries sent, not approved."""
    states = list(states)
    said = ", ".join(f"{n} {state}" for state, n in sorted(there.items()))
    note = f"no entry there is {' or '.join(states)}; the entries there are: {said}"
    later = [st for st in AFTER_APPROVAL if there.get(st) and st not in states]
    if ("approved" in states or "verified" in states) and later:
        note += (". An approved entry stays approved only until it is sealed and synced: for every approved entry "
                 "add " + " ".join(f"--state {st}" for st in later))
    return note


def write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> Path:
    """Write UTF-8 with BOM (Excel reads Urdu correctly), CRLF line ends as Excel expects."""
    path = Path(path)
    with written_whole(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)
    return path


def export_csv(workspace, out: str | Path, flt: CsvFilter = CsvFilter(), *, raw: bool = False,
               excel_safe: bool = False, progress=None) -> int:
    """Write the CSV file, and its signature `OUT.sig` beside it (records.exports.detached);
    returns the number of entry rows written. Refuses a file inside the workspace folder
    (records.output_file.check_output). `progress(what, done, total)` hears of the entries
    read ("rows", as `csv_rows`), then of the file being written ("file")."""
    from records.exports.detached import signed_output

    check_output(out, workspace_root=workspace.root)
    with workspace.session() as s:
        header, rows = csv_rows(s, flt, raw=raw, excel_safe=excel_safe, progress=progress)
    if progress is not None:
        progress("file", 0, 0)
    with signed_output(workspace, out):
        write_csv(Path(out), header, rows)
    return len(rows)


def read_csv(path: str | Path) -> list[dict[str, str]]:
    """Read a CSV export back (BOM removed) as one dict per row."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))
