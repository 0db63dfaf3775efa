"""JSON export: documented schema, round trip into an empty workspace, refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from records import audit
from records.exports import json_export
from records.exports.json_export import ExportError
from records.models import AuditEvent
from records.workspace import Workspace
from tests.reports import sampledata


@pytest.fixture
def filled(workspace):
    sample = sampledata.build(workspace, approve=True)
    with workspace.session() as s:  # a second version of an approved entry, so history travels
        from records import services
        services.set_value(s, actor=sample.clerk, entry_id=sample.entry_ids["other"], field_name="area", text="4-1")
    return workspace, sample


def _fresh(tmp_path: Path, template_ws: Path) -> Workspace:
    root = tmp_path / "empty"
    shutil.copytree(template_ws, root)
    return Workspace.open(root)


@pytest.mark.parametrize("images", ["files", "inline"])
def test_json_round_trip_into_empty_workspace_is_unchanged(filled, tmp_path, _template_workspace, images):
    # GIVEN a workspace with OCR values, corrections, approvals, a second version and an image
    ws, _ = filled
    with ws.session() as s:
        before = json_export.canonical_dump(s)
    out = tmp_path / "out" / "export.json"
    out.parent.mkdir()
    # WHEN it is exported to JSON and imported into an empty workspace
    res = json_export.export_json(ws, out, images=images)
    assert res.images == 1
    target = _fresh(tmp_path, _template_workspace)
    try:
        imp = json_export.import_json(target, out)
        # THEN the canonical dump of the new workspace equals the original
        with target.session() as s:
            after = json_export.canonical_dump(s)
            chain = audit.verify(s)
        assert after == before
        assert imp.entries == 5 and imp.images == 1
        # AND the audit chain verifies under the new workspace's key, the image is there
        assert chain.ok, chain.reason
        sha = before["registers"][0]["pages"][0]["image_sha256"]
        assert target.images.get(sha) == ws.images.get(sha)
    finally:
        target.close()


def test_export_holds_raw_ocr_text_confidence_box_source_and_author(filled, tmp_path):
    # GIVEN the sample, whose first row was read by OCR and then corrected
    ws, sample = filled
    out = tmp_path / "e.json"
    # WHEN exported
    json_export.export_json(ws, out, images="none")
    doc = json.loads(out.read_text(encoding="utf-8"))
    # THEN the share of that row has its OCR value row (raw text, confidence, box) and the correction
    entry = next(e for e in doc["registers"][0]["entries"] if e["id"] == sample.entry_ids["ocr"])
    shares = [v for v in entry["values"] if v["field"] == "share"]
    assert [v["source"] for v in shares] == ["ocr", "corrected"]
    assert shares[0]["raw_text"] == "38" and shares[0]["confidence"] == 0.4 and shares[0]["box"] == [290, 10, 30, 12]
    assert shares[1]["current"] and shares[1]["author_id"] == sample.clerk.id
    assert doc["format"] == "daftar-export" and doc["version"] == 1
    assert doc["registers"][0]["pages"][0]["image_sha256"]


def test_export_matches_the_documented_json_schema(filled, tmp_path):
    # GIVEN the schema in docs/export.schema.json
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text(encoding="utf-8"))
    ws, _ = filled
    # WHEN an export is written with inline images
    out = tmp_path / "e.json"
    json_export.export_json(ws, out, images="inline")
    # THEN it validates
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), schema)


def test_import_refuses_a_workspace_that_is_not_empty(filled, tmp_path):
    # GIVEN an export and the (full) workspace it came from
    ws, _ = filled
    out = tmp_path / "e.json"
    json_export.export_json(ws, out)
    # WHEN it is imported there
    # THEN it is refused, naming the workspace and what it holds
    with pytest.raises(ExportError, match="is not empty .*registers"):
        json_export.import_json(ws, out)


def test_import_refuses_an_edited_file_and_writes_nothing(filled, tmp_path, _template_workspace):
    # GIVEN an export whose audit trail was edited by hand
    ws, _ = filled
    out = tmp_path / "e.json"
    json_export.export_json(ws, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["audit"][3]["new"] = "tampered"
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported
        with pytest.raises(ExportError, match="audit event 4 does not match"):
            json_export.import_json(target, out)
        # THEN the target stays empty
        with target.session() as s:
            assert json_export._is_empty(s) == []
    finally:
        target.close()


def test_import_of_a_missing_image_or_bad_file_says_what_to_do(filled, tmp_path, _template_workspace):
    # GIVEN an export whose images folder was not copied along, and a file that is not an export
    ws, _ = filled
    out = tmp_path / "e.json"
    json_export.export_json(ws, out)
    shutil.rmtree(json_export.images_dir_for(out))
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN they are imported THEN each error names the problem
        with pytest.raises(ExportError, match="page 1: its image .* is not in the file"):
            json_export.import_json(target, out)
        with pytest.raises(ExportError, match="not a Daftar export"):
            json_export.import_json(target, bad)
    finally:
        target.close()


def test_register_scope_import_records_what_it_took_so_later_changes_are_seen(filled, tmp_path, _template_workspace):
    # GIVEN an export of one register (no audit trail travels with it)
    from records.audit_records import summary

    ws, sample = filled
    out = tmp_path / "one.json"
    json_export.export_json(ws, out, register_ids=[sample.register_id], images="inline")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported into an empty workspace
        json_export.import_json(target, out)
        # THEN the registers, pages, entries and values are the same
        with ws.session() as a, target.session() as b:
            da, db = json_export.canonical_dump(a), json_export.canonical_dump(b)
            actions = b.scalars(select(AuditEvent.action)).all()
            # AND the trail starts with the records as the file gave them, and accounts for them
            assert audit.verify(b).ok and summary(b).count == 0
        assert da["registers"] == db["registers"] and da["users"] == db["users"]
        assert actions[-1] == json_export.IMPORT_ACTION
        assert {"user.import", "entry.import", "value.set"} == set(actions[:-1])
        # AND a state changed afterwards, outside Daftar, is seen
        approved = next(e["id"] for e in db["registers"][0]["entries"] if e["state"] == "approved")
        with target.session() as b:
            b.execute(text("UPDATE entry SET state = 'verified' WHERE id = :id"), {"id": approved})
        with target.session() as b:
            found = summary(b)
        assert found.count == 1 and "state is 'verified' but the audit trail recorded 'approved'" in found.lines[0]
    finally:
        target.close()


def test_register_scope_import_refuses_a_state_that_names_no_approver(filled, tmp_path, _template_workspace):
    # GIVEN an export of one register whose draft entry was set to approved in the file
    ws, sample = filled
    out = tmp_path / "one.json"
    json_export.export_json(ws, out, register_ids=[sample.register_id], images="inline")
    doc = json.loads(out.read_text(encoding="utf-8"))
    entry = next(e for e in doc["registers"][0]["entries"] if e["approved_by"] is None)
    entry["state"] = "approved"
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported THEN it is refused, naming the entry, and nothing is imported
        with pytest.raises(ExportError, match=f"entry {entry['id']} is approved but names nobody as approved by"):
            json_export.import_json(target, out)
        with target.session() as s:
            assert json_export._is_empty(s) == []
    finally:
        target.close()


def _tamper_value(doc):
    entry = next(e for e in doc["registers"][0]["entries"] if e["is_latest"] and e["values"])
    v = next(v for v in entry["values"] if v["current"])
    v["value"] = "999"
    return f"{v['field']} is '999' but the audit trail recorded"


def _tamper_trail_end(doc):
    doc["audit"] = doc["audit"][:-20]
    return "not what its own audit trail recorded"


def _tamper_state(doc):
    entry = next(e for e in doc["registers"][0]["entries"] if e["state"] == "draft")
    entry.update(state="verified", approved_by=2, verified_by=2)
    return "state is 'verified' but the audit trail recorded 'draft'"


@pytest.mark.parametrize("tamper", [_tamper_value, _tamper_trail_end, _tamper_state])
def test_import_refuses_records_its_own_trail_does_not_account_for(filled, tmp_path, _template_workspace, tamper):
    # GIVEN a whole-workspace export edited by hand: a value changed, the last 20 events of
    # its trail removed (what is left still links up), or a draft entry made verified
    ws, _ = filled
    out = tmp_path / "e.json"
    json_export.export_json(ws, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    said = tamper(doc)
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported
        with pytest.raises(ExportError) as err:
            json_export.import_json(target, out)
        # THEN it is refused, saying what is wrong and that nothing was imported
        assert said in str(err.value) and "nothing was imported" in str(err.value)
        # AND nothing is left behind: no rows, no events, no images, no anchor
        with target.session() as s:
            assert json_export._is_empty(s) == []
            assert s.scalar(text("SELECT count(*) FROM user")) == 0
        assert target.images.all_hashes() == set()
        assert not (target.root / "keys" / audit.ANCHOR_FILE).exists()
    finally:
        target.close()


def test_a_whole_workspace_export_without_its_trail_is_refused(filled, tmp_path, _template_workspace):
    ws, _ = filled
    out = tmp_path / "e.json"
    json_export.export_json(ws, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    del doc["audit"]
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = _fresh(tmp_path, _template_workspace)
    try:
        with pytest.raises(ExportError, match="has no audit trail"):
            json_export.import_json(target, out)
    finally:
        target.close()


def test_an_import_leaves_an_anchor_of_its_trail(filled, tmp_path, _template_workspace):
    # GIVEN a whole-workspace export
    ws, _ = filled
    out = tmp_path / "e.json"
    json_export.export_json(ws, out)
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported (its events are written directly, not one by one)
        json_export.import_json(target, out)
        # THEN the trail's newest event is noted beside the database, and verify has no warning
        anchor = audit.read_anchor(target.root / "keys" / audit.ANCHOR_FILE, target.audit_key)
        with target.session() as s:
            r = audit.verify(s)
            assert anchor == (r.checked, r.head)
        assert r.ok and r.warning == ""
    finally:
        target.close()


def test_export_without_images_needs_consent_to_import(filled, tmp_path, _template_workspace):
    # GIVEN an export made without images
    ws, _ = filled
    out = tmp_path / "noimg.json"
    json_export.export_json(ws, out, images="none")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported plainly THEN it is refused with the way out
        with pytest.raises(ExportError, match="--without-images"):
            json_export.import_json(target, out)
        # AND with consent the records arrive, pages without their image
        res = json_export.import_json(target, out, without_images=True)
        assert res.entries == 5 and res.images == 0
    finally:
        target.close()


def test_an_export_again_over_a_damaged_image_of_the_last_one_writes_it_whole(filled, tmp_path, _template_workspace):
    # GIVEN an export whose images folder holds a damaged image (a copy cut short on a stick)
    ws, _ = filled
    out = tmp_path / "all.json"
    first = json_export.export_json(ws, out)
    (image,) = [p for p in json_export.images_dir_for(out).iterdir()]
    image.write_bytes(image.read_bytes()[:50])
    # WHEN the workspace is exported again under the same name
    out.unlink()
    again = json_export.export_json(ws, out)
    # THEN the damaged image is written again, whole, and the export imports
    assert first.images == again.images == 1
    new = _fresh(tmp_path, _template_workspace)
    try:
        json_export.import_json(new, out)
    finally:
        new.close()
