"""JSON export: documented schema, round trip into an empty workspace, refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

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


def test_register_scope_export_imports_without_audit(filled, tmp_path, _template_workspace):
    # GIVEN an export of one register (no audit trail travels with it)
    ws, sample = filled
    out = tmp_path / "one.json"
    json_export.export_json(ws, out, register_ids=[sample.register_id], images="inline")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported into an empty workspace
        json_export.import_json(target, out)
        # THEN the registers, pages, entries and values are the same, the audit has only the import
        with ws.session() as a, target.session() as b:
            da, db = json_export.canonical_dump(a), json_export.canonical_dump(b)
            events = b.scalars(select(AuditEvent.action)).all()
        assert da["registers"] == db["registers"] and da["users"] == db["users"]
        assert db["audit"] == []
        assert events == [json_export.IMPORT_ACTION]
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
