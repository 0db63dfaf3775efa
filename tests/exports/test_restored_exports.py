"""Exports of a workspace restored from a backup: its trail goes back to the backup's, so its
export numbers start below those of exports it made before the disaster. Each export carries,
signed, its workspace's restore generation (`export_epoch`), and an importing workspace orders
an office's exports by (generation, restore time, number)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from records import services
from records.backup import create_backup, read_manifest, restore_backup
from records.exports import json_export
from records.exports.detached import verify_export
from records.models import ImportedExport
from records.workspace import Workspace
from tests.reports import sampledata

WHEN = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"


@dataclass
class Office:
    first: Path  # an export made before the backup
    before: Path  # the last export made before the disaster (after the backup)
    after: Path  # an export made after the restore: numbered lower than `before`
    backup_made: str  # the backup's date as said ("2026-11-28 10:00 UTC")
    restored: Path  # the restored workspace's folder
    backup: Path


@pytest.fixture
def restored_office(workspace, tmp_path) -> Office:
    """An office that exported, was backed up, went on working and exported again, then lost
    its disk and was restored from the backup, and exported once more."""
    sample = sampledata.build(workspace, approve=True)
    usb = tmp_path / "usb"
    usb.mkdir()
    json_export.export_json(workspace, usb / "first.json")  # (the office key is made: it is in the backup)
    backup = create_backup(workspace, tmp_path / "b.tar").path
    entry = sample.entry_ids["other"]
    for area in ("4-1", "4-2", "4-3", "4-4"):  # work after the backup
        with workspace.session() as s:
            changed = services.set_value(s, actor=sample.clerk, entry_id=entry, field_name="area", text=area)
        entry = changed.new_entry_ids.get(entry, entry)  # (the approved entry's new version)
    json_export.export_json(workspace, usb / "before.json")
    # the disaster: the workspace is restored from the backup on another disk, and work goes on
    restore_backup(backup, tmp_path / "restored")
    ws = Workspace.open(tmp_path / "restored")
    try:
        with ws.session() as s:
            services.set_value(s, actor=sample.clerk, entry_id=sample.entry_ids["other"], field_name="area",
                               text="5-0")
        json_export.export_json(ws, usb / "after.json")
    finally:
        ws.close()
    docs = {p: _doc(usb / f"{p}.json") for p in ("first", "before", "after")}
    assert docs["first"]["export_seq"] < docs["after"]["export_seq"] < docs["before"]["export_seq"]
    made = read_manifest(backup)["created_at"][:16].replace("T", " ") + " UTC"
    return Office(usb / "first.json", usb / "before.json", usb / "after.json", made, tmp_path / "restored", backup)


def _doc(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _imports(ws) -> list[tuple[str, int | None, int | None]]:
    with ws.session() as s:
        return [(r.file_name, r.export_seq, r.export_epoch) for r in s.scalars(select(ImportedExport)
                                                                                .order_by(ImportedExport.id))]


def _refusal(ws, path: Path) -> str:
    with pytest.raises(json_export.ExportError) as e:
        json_export.import_json(ws, path)
    return str(e.value)


def test_exports_of_a_restored_workspace_carry_its_restore_signed(restored_office):
    # GIVEN exports made before the backup, before the disaster, and after the restore
    first, before, after = (_doc(p) for p in (restored_office.first, restored_office.before, restored_office.after))
    # THEN the ones made before the restore are of generation 0, the one after of generation 1,
    # saying when it was restored, from a backup made when, and the backup's newest event
    assert first["export_epoch"] == before["export_epoch"] == 0 and "restored" not in before
    assert after["export_epoch"] == 1
    r = after["restored"]
    assert r["backup_made_at"][:16].replace("T", " ") + " UTC" == restored_office.backup_made
    assert first["export_seq"] <= r["backup_last_event"] < after["export_seq"] < before["export_seq"]
    assert r["at"] > before["exported_at"]
    # AND it follows the documented schema
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(after, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(dict(after, export_epoch=-1), schema)
    # AND `daftar export verify` finds the file intact and signed by the office's key (the same
    # key as before the disaster: it came back with the backup)
    v = verify_export(restored_office.after)
    assert v.ok, v.line
    assert v.signer.key_fingerprint == verify_export(restored_office.before).signer.key_fingerprint


def test_a_restored_offices_new_export_is_newer_than_one_it_made_before_the_disaster(restored_office, tmp_path):
    # GIVEN a workspace that imported the office's last export from before the disaster
    central = Workspace.open(tmp_path / "central", create=True)
    try:
        json_export.import_json(central, restored_office.before)
        with central.session() as s:
            before_dump = json_export.canonical_dump(s)
        doc = _doc(restored_office.after)
        # WHEN the restored office's new export (numbered lower) is checked against it
        with central.session() as s:
            # THEN it is not refused as older: it was made after the restore
            json_export.refuse_replay(s, doc, str(restored_office.after), *json_export.export_identity(doc))
            notices = json_export.restore_notices(s, doc, str(restored_office.after))
        # AND what the import says: that office was restored, from a backup made when, and which
        # export of it made before the restore this workspace holds
        assert re.fullmatch(
            rf"office 'Daftar office' says its workspace was restored on {WHEN} from a backup made on "
            rf"{re.escape(restored_office.backup_made)}: what it recorded after that backup and before the restore is "
            r"not in this export, so an export it made before the restore may hold records, or versions of them, "
            r"that this one lacks", notices[0]), notices
        assert re.fullmatch(rf"this workspace holds an export of that office made before that restore \(made {WHEN}, "
                            rf"imported on {WHEN} from before\.json\): compare the two before relying on either; "
                            r"nothing imported here was changed", notices[1]), notices
        # WHEN it is imported into this workspace
        said = _refusal(central, restored_office.after)
        # THEN it is refused only because an import goes into an empty workspace, saying so and
        # the restore; nothing imported here changed
        assert said.startswith(f"{central.root} is not empty (")
        assert said.endswith("; " + "; ".join(notices))
        with central.session() as s:
            assert json_export.canonical_dump(s) == before_dump
        assert _imports(central) == [("before.json", _doc(restored_office.before)["export_seq"], 0)]
    finally:
        central.close()
    # WHEN it is imported into a new, empty workspace
    fresh = Workspace.open(tmp_path / "fresh", create=True)
    try:
        res = json_export.import_json(fresh, restored_office.after)
        # THEN it is imported, saying that the office was restored and from a backup of when
        assert res.entries == sum(len(r["entries"]) for r in doc["registers"]) and res.warnings == notices[:1]
        assert _imports(fresh) == [("after.json", doc["export_seq"], 1)]
        with fresh.session() as s:
            rec = s.scalar(select(ImportedExport))
        assert rec.office_restored_at.isoformat(timespec="microseconds") == doc["restored"]["at"]
        # AND the same file again is refused as already imported
        assert re.fullmatch(rf"{re.escape(str(restored_office.after))}: this export \(made {WHEN}\) was already "
                            rf"imported into this workspace on {WHEN} \(from after\.json\): its records are here; "
                            r"nothing was imported again", _refusal(fresh, restored_office.after))
    finally:
        fresh.close()


def test_an_export_from_before_the_restore_is_older_than_one_from_after_it(restored_office, tmp_path):
    # GIVEN a workspace that imported the restored office's new export
    central = Workspace.open(tmp_path / "central", create=True)
    try:
        json_export.import_json(central, restored_office.after)
        n_after = _doc(restored_office.after)["export_seq"]
        # WHEN its export from before the disaster (numbered higher), or an earlier one, is offered
        for old in (restored_office.before, restored_office.first):
            said = _refusal(central, old)
            # THEN it is refused as older, saying it was made before the restore and the one here after
            n = _doc(old)["export_seq"]
            assert re.fullmatch(
                rf"{re.escape(str(old))}: an older export of office 'Daftar office' \(its export number {n}, made "
                rf"{WHEN}, made before its workspace was restored from a backup\) than the one imported into this "
                rf"workspace on {WHEN} \(number {n_after}, made after restore 1 of its workspace from a backup, on "
                rf"{WHEN}, from after\.json\): its records would be older than the ones here; nothing was imported",
                said), said
        assert len(_imports(central)) == 1
    finally:
        central.close()


def _as_an_older_daftar_made_it(path: Path, workspace_root: Path, out: Path) -> Path:
    """`path` without the restore generation, signed again with the office's key: as a Daftar
    from before epochs wrote it."""
    doc = _doc(path)
    doc.pop("export_epoch")
    doc.pop("restored", None)
    doc.pop(json_export.SIGNATURE)
    ws = Workspace.open(workspace_root)
    try:
        office, key = json_export.office_signing_key(ws)
    finally:
        ws.close()
    json_export.write_json(json_export.sign_export(doc, office, key), out)
    return out


def test_exports_made_before_epochs_import_as_before(restored_office, tmp_path, workspace):
    # GIVEN exports of a Daftar from before epochs (no export_epoch), signed with the office's key
    root = restored_office.restored
    usb = restored_office.before.parent  # (beside the page images of the files they were made from)
    old_first = _as_an_older_daftar_made_it(restored_office.first, root, usb / "old-first.json")
    old_before = _as_an_older_daftar_made_it(restored_office.before, root, usb / "old-before.json")
    assert "export_epoch" not in _doc(old_before)
    # THEN their signatures verify
    assert verify_export(old_before).ok
    # AND one imports into an empty workspace as before: no epoch kept, nothing said of restores
    central = Workspace.open(tmp_path / "central", create=True)
    try:
        res = json_export.import_json(central, old_before)
        assert res.warnings == () and _imports(central) == [("old-before.json", _doc(old_before)["export_seq"], None)]
        # AND an older one of them is still refused as older by its number, in the words of before
        n, n_here = _doc(old_first)["export_seq"], _doc(old_before)["export_seq"]
        assert re.fullmatch(
            rf"{re.escape(str(old_first))}: an older export of office 'Daftar office' \(its export number {n}, made "
            rf"{WHEN}\) than the one imported into this workspace on {WHEN} \(number {n_here}, from "
            r"old-before\.json\): its records would be older than the ones here; nothing was imported",
            _refusal(central, old_first))
        # AND the restored office's new export (generation 1) is newer than it
        doc = _doc(restored_office.after)
        with central.session() as s:
            json_export.refuse_replay(s, doc, "after.json", *json_export.export_identity(doc))
    finally:
        central.close()


def test_a_restore_generation_changed_in_the_file_is_refused(restored_office, tmp_path):
    # GIVEN the office's export from before the disaster, its restore generation raised by hand
    # so that it would pass for newer than the ones made after the restore
    doc = _doc(restored_office.before)
    doc["export_epoch"] = 7
    forged = tmp_path / "forged.json"
    json_export.write_json(doc, forged)
    central = Workspace.open(tmp_path / "central", create=True)
    try:
        # WHEN it is imported  THEN its signature does not match, and nothing is imported
        said = _refusal(central, forged)
        assert said.startswith(f"{forged}: its signature does not match its content: the file was changed after "
                               "office 'Daftar office'"), said
        assert not verify_export(forged).ok
        # AND signed again with another key, it is refused where the office's key is given
        from records.outbox import generate_signing_key, public_key_b64

        other = generate_signing_key()
        doc.pop(json_export.SIGNATURE)
        json_export.write_json(json_export.sign_export(doc, dict(doc["office"], public_key=public_key_b64(other)),
                                                       other), forged)
        real = verify_export(restored_office.before).signer.key_fingerprint
        with pytest.raises(json_export.ExportError, match="not with the key given"):
            json_export.import_json(central, forged, office_key=real)
        with central.session() as s:
            assert s.scalar(select(func.count()).select_from(ImportedExport)) == 0
    finally:
        central.close()


def test_a_restore_generation_that_is_no_whole_number_is_refused_naming_the_file(restored_office, tmp_path):
    # GIVEN an export signed with the office's key whose export_epoch is not a whole number
    for bad in ("1", -1, 1.5):
        doc = _doc(restored_office.after)
        doc["export_epoch"] = bad
        doc.pop(json_export.SIGNATURE)
        ws = Workspace.open(restored_office.restored)
        try:
            office, key = json_export.office_signing_key(ws)
        finally:
            ws.close()
        path = json_export.write_json(json_export.sign_export(doc, office, key),
                                      restored_office.after.parent / "bad.json")  # (beside after.images)
        central = Workspace.open(tmp_path / f"central-{bad}", create=True)
        try:
            # WHEN it is imported  THEN refused, naming the file and the member, nothing imported
            assert _refusal(central, path) == (
                f"{path}: its export_epoch {bad!r} is not a whole number of 0 or more (how many times the exporting "
                "workspace was restored from a backup): the file does not follow the export schema; nothing was "
                "imported")
            assert _imports(central) == []
        finally:
            central.close()


def test_the_import_command_says_the_office_was_restored(restored_office, tmp_path, capsys):
    from daftar.cli import main

    # WHEN the restored office's export is imported from the command line
    assert main(["import", str(restored_office.after), "--workspace", str(tmp_path / "fresh")]) == 0
    # THEN it says what it imported, and warns that the office's workspace was restored and when
    out = capsys.readouterr()
    assert out.out.startswith("imported 1 registers")
    assert re.search(rf"^WARNING: office 'Daftar office' says its workspace was restored on {WHEN} from a backup made "
                     rf"on {re.escape(restored_office.backup_made)}: what it recorded after that backup", out.err, re.M), \
        out.err


def test_of_two_restores_from_the_same_backup_the_later_ones_exports_are_newer(restored_office, tmp_path):
    # GIVEN the restored office's export (after.json, restore 1), then the same backup restored
    # again later (the restored disk failed too) and an export made from that, numbered lower
    restore_backup(restored_office.backup, tmp_path / "again")
    again = tmp_path / "again.json"
    ws = Workspace.open(tmp_path / "again")
    try:
        json_export.export_json(ws, again)
    finally:
        ws.close()
    first_try, second_try = _doc(restored_office.after), _doc(again)
    assert first_try["export_epoch"] == second_try["export_epoch"] == 1
    assert second_try["export_seq"] < first_try["export_seq"] and second_try["restored"]["at"] > first_try["restored"]["at"]
    central = Workspace.open(tmp_path / "central", create=True)
    try:
        json_export.import_json(central, restored_office.after)
        # WHEN the later restore's export is checked  THEN it is newer (by the later restore)
        with central.session() as s:
            json_export.refuse_replay(s, second_try, str(again), *json_export.export_identity(second_try))
            assert len(json_export.restore_notices(s, second_try, str(again))) == 2
    finally:
        central.close()
    central = Workspace.open(tmp_path / "central2", create=True)
    try:
        json_export.import_json(central, again)
        # WHEN the first restore's export is offered after it  THEN it is refused as older
        said = _refusal(central, restored_office.after)
        assert re.search(rf"made after restore 1 of its workspace from a backup, on {WHEN}\) than the one imported "
                         rf"into this workspace on {WHEN} \(number {second_try['export_seq']}, made after restore 1 of "
                         rf"its workspace from a backup, on {WHEN}, from again\.json\)", said), said
    finally:
        central.close()
