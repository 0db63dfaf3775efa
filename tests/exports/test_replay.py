"""A genuine export offered again: the same file, or an older export of the same office than
one already imported, is refused, saying when the one here was made and imported."""

from __future__ import annotations

import json
import re
import sqlite3

from sqlalchemy import func, select

from daftar.cli import main
from records.exports import json_export
from records.models import AuditEvent, Entry, ImportedExport
from records.workspace import Workspace
from tests.reports import sampledata

WHEN = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"


def _counts(root) -> tuple[int, int, int]:
    ws = Workspace.open(root)
    try:
        with ws.session() as s:
            return (s.scalar(select(func.count()).select_from(Entry)),
                    s.scalar(select(func.count()).select_from(AuditEvent)),
                    s.scalar(select(func.count()).select_from(ImportedExport)))
    finally:
        ws.close()


def test_the_same_export_imported_twice_is_refused_saying_when_it_was_imported(workspace, tmp_path, capsys):
    # GIVEN an office's export, imported into a workspace
    sampledata.build(workspace, approve=True)
    out, target = tmp_path / "all.json", tmp_path / "central"
    assert main(["export", "--workspace", str(workspace.root), str(out)]) == 0
    assert main(["import", str(out), "--workspace", str(target)]) == 0
    capsys.readouterr()
    before = _counts(target)
    assert before[2] == 1
    # WHEN the same file is imported into it again (and a copy of it laid out otherwise)
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(json.loads(out.read_text(encoding="utf-8")), ensure_ascii=False, indent=4),
                    encoding="utf-8")
    for f in (out, copy):
        assert main(["import", str(f), "--workspace", str(target)]) == 1
        # THEN refused in one line: it was imported already, when, and from which file
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert re.fullmatch(rf"daftar: {re.escape(str(f))}: this export \(made {WHEN}\) was already imported into "
                            rf"this workspace on {WHEN} \(from all\.json\): its records are here; nothing was "
                            r"imported again\n", err), err
    # AND nothing was added (no entry, no audit event, no second record of the import)
    assert _counts(target) == before


def test_an_older_export_of_the_same_office_is_refused_with_the_dates(filled_twice, tmp_path, _template_workspace):
    # GIVEN two exports of one office, an older and a newer, and the newer imported
    old, new = filled_twice
    target = Workspace.open(tmp_path / "central", create=True)
    try:
        json_export.import_json(target, new)
        # WHEN the older one is offered
        try:
            json_export.import_json(target, old)
            raise AssertionError("an older export was imported over a newer one")
        except json_export.ExportError as e:
            said = str(e)
        # THEN refused, naming both export numbers, when the older was made and when the newer one
        # was imported
        doc_old, doc_new = (json.loads(p.read_text(encoding="utf-8")) for p in (old, new))
        made_old = doc_old["exported_at"][:16].replace("T", " ")
        n_old, n_new = doc_old["export_seq"], doc_new["export_seq"]
        assert said == (f"{old}: an older export of office 'Daftar office' (its export number {n_old}, made "
                        f"{made_old} UTC) than the one imported into this workspace on "
                        f"{said.split(' on ')[1].split(' (')[0]} (number {n_new}, from new.json): its records would "
                        "be older than the ones here; nothing was imported")
        with target.session() as s:
            assert s.scalar(select(func.count()).select_from(ImportedExport)) == 1
    finally:
        target.close()


def test_each_import_records_the_export_and_the_audit_event_names_it(filled_twice, tmp_path):
    # GIVEN an export
    _, new = filled_twice
    doc = json.loads(new.read_text(encoding="utf-8"))
    # WHEN it is imported
    target = Workspace.open(tmp_path / "central", create=True)
    try:
        res = json_export.import_json(target, new)
        with target.session() as s:
            rec = s.scalar(select(ImportedExport))
            ev = s.scalar(select(AuditEvent).where(AuditEvent.action == json_export.IMPORT_ACTION))
        # THEN the workspace keeps which export it was, whose, and when made and imported
        assert rec.export_id == doc["export_id"] and len(rec.content_sha256) == 64
        assert (rec.office_id, rec.key_fingerprint, rec.file_name) == (doc["office"]["id"],
                                                                        res.signed_by.key_fingerprint, "new.json")
        assert rec.exported_at.isoformat(timespec="microseconds") == doc["exported_at"]
        assert ev.detail["export_id"] == doc["export_id"]
    finally:
        target.close()


def test_an_import_recorded_before_export_ids_still_refuses_an_older_export(filled_twice, tmp_path):
    # GIVEN a workspace that imported an export before this version (only its audit event says so)
    from alembic import command

    import records.migrate as migrate

    old, new = filled_twice
    doc_new = json.loads(new.read_text(encoding="utf-8"))
    db = tmp_path / "central" / "daftar.sqlite"
    db.parent.mkdir()
    command.upgrade(migrate.alembic_config(f"sqlite:///{db}"), "0003")
    con = sqlite3.connect(db)
    detail = {"registers": 1, "exported_at": doc_new["exported_at"], "scope": "workspace",
              "signed_by": {"office_id": doc_new["office"]["id"], "office_name": "Daftar office",
                            "key_fingerprint": "ab", "checked_against": ""}}
    con.execute("INSERT INTO audit_event (id, at, username, action, entity, entity_id, new, detail, prev_hash, hash, "
                "mac) VALUES (1, '2026-11-20 10:00:00.000000', '', 'workspace.import', 'workspace', '', 'new.json', "
                "?, '', '', '')", (json.dumps(detail),))
    con.commit()
    con.close()
    # WHEN it is opened by this version (upgraded) and the older export is offered
    ws = Workspace.open(db.parent)
    try:
        with ws.session() as s:
            rec = s.scalar(select(ImportedExport))
            assert (rec.office_id, rec.file_name, rec.export_id) == (doc_new["office"]["id"], "new.json", "audit:1")
            doc_old = json.loads(old.read_text(encoding="utf-8"))
            try:
                json_export.refuse_replay(s, doc_old, str(old), *json_export.export_identity(doc_old))
                raise AssertionError("not refused")
            except json_export.ExportError as e:
                said = str(e)
        # THEN it is refused as older than the one imported there on 2026-11-20
        assert "an older export of office 'Daftar office'" in said and "imported into this workspace on 2026-11-20 " \
            "10:00 UTC" in said
    finally:
        ws.close()


def _two_exports_clock_ahead_then_right(workspace, tmp_path, monkeypatch):
    """Two exports of one office: the first made while the computer's clock said 2030 (set
    years ahead by hand), the second, newer, after the clock was put right."""
    import datetime as dt

    from records import services

    sample = sampledata.build(workspace, approve=True)
    folder = tmp_path / "usb"
    folder.mkdir()
    with monkeypatch.context() as m:
        m.setattr(json_export, "_now", lambda: dt.datetime(2030, 1, 1, 10, 0))
        json_export.export_json(workspace, folder / "ahead.json")
    with workspace.session() as s:
        services.set_value(s, actor=sample.clerk, entry_id=sample.entry_ids["other"], field_name="area", text="4-1")
    json_export.export_json(workspace, folder / "right.json")
    return folder / "ahead.json", folder / "right.json"


def test_an_older_export_is_known_by_its_number_not_by_the_exporting_clock(workspace, tmp_path, monkeypatch):
    # GIVEN an export made while the office's clock was years ahead, then a newer one with the
    # clock right (so the newer one says it was made earlier)
    ahead, right = _two_exports_clock_ahead_then_right(workspace, tmp_path, monkeypatch)
    doc_ahead, doc_right = (json.loads(p.read_text(encoding="utf-8")) for p in (ahead, right))
    assert doc_ahead["exported_at"] > doc_right["exported_at"]
    # THEN each carries its number (the newest event of the office's trail: it only grows), signed
    assert doc_right["export_seq"] > doc_ahead["export_seq"] > 0
    assert json_export.check_signature(doc_right, str(right)) is not None
    tampered = dict(doc_right, export_seq=99)
    try:
        json_export.check_signature(tampered, str(right))
        raise AssertionError("a changed export number was accepted")
    except json_export.ExportError as e:
        assert "does not match its content" in str(e)

    # WHEN a workspace that imported the export made with the clock ahead is offered the newer one
    target = Workspace.open(tmp_path / "central", create=True)
    try:
        json_export.import_json(target, ahead)
        with target.session() as s:
            assert s.scalar(select(ImportedExport)).export_seq == doc_ahead["export_seq"]
            # THEN it is not called older (it is newer by number), whatever its date says
            json_export.refuse_replay(s, doc_right, str(right), *json_export.export_identity(doc_right))
    finally:
        target.close()

    # WHEN a workspace that imported the newer one is offered the one made with the clock ahead
    target = Workspace.open(tmp_path / "central2", create=True)
    try:
        json_export.import_json(target, right)
        with target.session() as s:
            try:
                json_export.refuse_replay(s, doc_ahead, str(ahead), *json_export.export_identity(doc_ahead))
                raise AssertionError("an older export (by number) was not refused")
            except json_export.ExportError as e:
                said = str(e)
        # THEN it is refused as older by its number, saying both numbers
        n = doc_ahead["export_seq"]
        assert f"an older export of office 'Daftar office' (its export number {n}, made 2030-01-01 10:00 UTC)" in said
        assert f"(number {doc_right['export_seq']}, from right.json)" in said and "nothing was imported" in said
    finally:
        target.close()
