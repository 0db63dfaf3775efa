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


def _rewrite(out: Path, doc: dict, key: bytes | None = None) -> None:
    """Write `doc` back to `out` as a forger rewrites a file whole: signed again with a key of
    his own (the office's key never leaves its workspace), naming the same office."""
    from records.outbox import generate_signing_key, public_key_b64

    key = key or generate_signing_key()
    doc = json_export.sign_export(doc, dict(doc["office"], public_key=public_key_b64(key)), key)
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


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
    # GIVEN an export whose audit trail was edited by hand (and signed again with another key)
    ws, _ = filled
    out = tmp_path / "e.json"
    json_export.export_json(ws, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["audit"][3]["new"] = "tampered"
    _rewrite(out, doc)
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
    # GIVEN an export of one register whose draft entry was set to approved in the file (signed again)
    ws, sample = filled
    out = tmp_path / "one.json"
    json_export.export_json(ws, out, register_ids=[sample.register_id], images="inline")
    doc = json.loads(out.read_text(encoding="utf-8"))
    entry = next(e for e in doc["registers"][0]["entries"] if e["approved_by"] is None)
    entry["state"] = "approved"
    _rewrite(out, doc)
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
    # GIVEN a whole-workspace export edited by hand (signed again): a value changed, the last 20 events of
    # its trail removed (what is left still links up), or a draft entry made verified
    ws, _ = filled
    out = tmp_path / "e.json"
    json_export.export_json(ws, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    said = tamper(doc)
    _rewrite(out, doc)
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
    _rewrite(out, doc)
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


# ----------------------------------------------------------------------------- signature
def _office_key(ws) -> tuple[bytes, str]:
    """The exporting office's signing key and its fingerprint."""
    from records.models import Office
    from records.outbox import key_fingerprint, public_key_b64

    with ws.session() as s:
        key = s.scalar(select(Office)).signing_key
    return key, key_fingerprint(public_key_b64(key))


def _rewrite_consistently(doc: dict) -> str:
    """Change a current value in the records AND its event in the trail, every hash after it
    computed again: what the import's own checks cannot tell from a true file."""
    entry = next(e for e in doc["registers"][0]["entries"] if e["is_latest"] and e["values"])
    v = next(v for v in entry["values"] if v["current"] and v["field"] == "area")
    ev = [x for x in doc["audit"] if x["action"] == "value.set" and x["entry_uuid"] == entry["uuid"]
          and x["field"] == "area"][-1]
    v["value"] = ev["new"] = "99-9"
    prev = audit.GENESIS
    for raw in doc["audit"]:
        raw["prev_hash"] = prev
        raw["hash"] = prev = audit._hash(json_export._audit_row(raw, "x"))
    return "99-9"


def test_an_export_is_signed_with_the_office_key_and_the_import_names_it(filled, tmp_path, _template_workspace):
    from records.outbox import public_key_b64, verify_signature

    # GIVEN a whole-workspace export
    ws, _ = filled
    out = tmp_path / "e.json"
    res = json_export.export_json(ws, out)
    key, fp = _office_key(ws)
    # THEN it names the office and its public key, and signs the rest with the office key
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["office"]["public_key"] == public_key_b64(key) and doc["office"]["id"] == res.office_id
    assert doc["signature"]["algorithm"] == "Ed25519" and res.key_fingerprint == fp and len(fp) == 39
    assert verify_signature(doc["office"]["public_key"], json_export.signed_bytes(doc), doc["signature"]["value"])
    # WHEN it is imported, once without a key to compare and once with the office's fingerprint
    for given, checked in ((None, ""), (fp.replace(" ", ":").upper(), "the key given")):
        target = _fresh(tmp_path, _template_workspace)
        try:
            imp = json_export.import_json(target, out, office_key=given)
            # THEN it is taken, naming the office and its key, and how far that key was checked
            assert imp.signed_by == json_export.Signer(res.office_id, "Daftar office", fp, checked)
            with target.session() as s:
                ev = s.scalar(select(AuditEvent).where(AuditEvent.action == json_export.IMPORT_ACTION))
                assert ev.detail["signed_by"]["key_fingerprint"] == fp
        finally:
            target.close()
            shutil.rmtree(target.root)


def test_a_consistently_rewritten_export_is_refused_by_its_signature(filled, tmp_path, _template_workspace):
    # GIVEN a whole-workspace export whose value and trail were rewritten consistently (all
    # hashes computed again), its signature left as it was
    ws, _ = filled
    out = tmp_path / "e.json"
    json_export.export_json(ws, out)
    _key, fp = _office_key(ws)
    doc = json.loads(out.read_text(encoding="utf-8"))
    _rewrite_consistently(doc)
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported  THEN its signature is refused, naming the file and the key, and nothing is imported
        with pytest.raises(ExportError) as err:
            json_export.import_json(target, out)
        assert str(err.value) == (f"{out}: its signature does not match its content: the file was changed after "
                                  f"office 'Daftar office' (key {fp}) signed it, or it is damaged; nothing was imported")
        with target.session() as s:
            assert json_export._is_empty(s) == []
    finally:
        target.close()


def test_a_tampered_signature_is_refused(filled, tmp_path, _template_workspace):
    import base64

    # GIVEN an export whose signature was altered, and one whose signature is not one at all
    ws, _ = filled
    out, odd = tmp_path / "e.json", tmp_path / "odd.json"
    json_export.export_json(ws, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    raw = bytearray(base64.b64decode(doc["signature"]["value"]))
    raw[5] ^= 1
    doc["signature"]["value"] = base64.b64encode(bytes(raw)).decode()
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    doc["signature"] = {"algorithm": "RSA", "value": "x"}
    odd.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN they are imported  THEN each is refused, naming the file
        with pytest.raises(ExportError, match=f"^{out}: its signature does not match its content"):
            json_export.import_json(target, out)
        with pytest.raises(ExportError, match=f"^{odd}: its signature is not in the form this Daftar reads"):
            json_export.import_json(target, odd)
    finally:
        target.close()


def test_an_export_signed_again_with_another_key_is_refused_where_the_office_key_is_known(
        filled, tmp_path, _template_workspace):
    from records.models import Office
    from records.outbox import generate_signing_key, key_fingerprint, public_key_b64

    # GIVEN an export rewritten consistently and signed again with a forger's own key (naming the same office)
    ws, _ = filled
    out = tmp_path / "e.json"
    res = json_export.export_json(ws, out)
    office_key, fp = _office_key(ws)
    doc = json.loads(out.read_text(encoding="utf-8"))
    _rewrite_consistently(doc)
    forger = generate_signing_key()
    _rewrite(out, doc, forger)
    forged_fp = key_fingerprint(public_key_b64(forger))
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported with the office's fingerprint given
        # THEN it is refused, naming the key that signed it and the one expected
        with pytest.raises(ExportError) as err:
            json_export.import_json(target, out, office_key=fp)
        assert str(err.value) == (f"{out}: signed by office 'Daftar office' ({res.office_id}) with key {forged_fp}, not "
                                  f"with the key given ({fp}): it was written or signed again elsewhere; nothing was "
                                  "imported")
        # WHEN it is imported into a workspace of that same office (which holds its key)
        with target.session() as s:
            s.add(Office(uuid=res.office_id, name="Daftar office", signing_key=office_key))
        with pytest.raises(ExportError, match=f"says it comes from this office .* with key {forged_fp}, not this "
                                              f"office's key \\({fp}\\)"):
            json_export.import_json(target, out)
        with target.session() as s:
            assert json_export._is_empty(s) == []
    finally:
        target.close()
    # AND where no key of that office is known it is taken, but named by the forger's key, not the office's
    other = _fresh(tmp_path / "other", _template_workspace)
    try:
        imp = json_export.import_json(other, out)
        assert imp.signed_by.key_fingerprint == forged_fp != fp and imp.signed_by.checked_against == ""
    finally:
        other.close()


def test_an_unsigned_export_needs_consent_and_never_passes_for_a_known_office(filled, tmp_path, _template_workspace):
    # GIVEN an export as an older Daftar wrote it: no office, no signature
    ws, _ = filled
    out = tmp_path / "old.json"
    json_export.export_json(ws, out)
    _key, fp = _office_key(ws)
    doc = json.loads(out.read_text(encoding="utf-8"))
    del doc["office"], doc["signature"]
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = _fresh(tmp_path, _template_workspace)
    try:
        # WHEN it is imported plainly  THEN refused, saying why and the way out
        with pytest.raises(ExportError, match=f"^{out}: this export is not signed .*with --accept-unsigned; nothing "
                                              "was imported"):
            json_export.import_json(target, out)
        # AND with an office key expected it is refused even with consent
        with pytest.raises(ExportError, match=f"not signed, so nothing shows that it comes from the office whose key "
                                              f"was given \\({fp}\\)"):
            json_export.import_json(target, out, office_key=fp, accept_unsigned=True)
        # WHEN imported with consent  THEN the records arrive, marked as unsigned
        imp = json_export.import_json(target, out, accept_unsigned=True)
        assert imp.entries == 5 and imp.signed_by is None
        with target.session() as s:
            ev = s.scalar(select(AuditEvent).where(AuditEvent.action == json_export.IMPORT_ACTION))
            assert ev.detail["signed_by"] is None
    finally:
        target.close()


def test_an_office_key_that_is_no_key_is_said_so():
    with pytest.raises(ExportError, match=r"\('12ab'\) is neither a key fingerprint"):
        json_export.fingerprint_of("12ab")


def test_an_export_again_under_the_same_name_counts_the_images_it_carries(filled, tmp_path):
    # (found by hand: the export dialog's note said '11 entries, 2 pages, 0 images exported to
    # FILE' for a JSON export made again under the same name, whose folder held both images)
    # GIVEN a JSON export with its images beside it
    ws, _ = filled
    out = tmp_path / "all.json"
    first = json_export.export_json(ws, out)
    assert first.images >= 1
    # WHEN the workspace is exported again under the same name (the images already there, whole)
    again = json_export.export_json(ws, out)
    # THEN it says it carries as many images as the first did: those in its folder
    assert again.images == first.images == len(list(json_export.images_dir_for(out).iterdir()))
