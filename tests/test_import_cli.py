"""`daftar import FILE`: a bad file or an unusable workspace is a clear message and creates nothing."""

from __future__ import annotations

import json

from daftar.cli import main
from records.workspace import Workspace


def test_import_of_a_folder_or_a_missing_file_says_so_and_creates_nothing(tmp_path, capsys):
    # GIVEN a folder (not a file) and a name of no file
    (tmp_path / "exports").mkdir()
    new = tmp_path / "new"
    for src, message in ((tmp_path / "exports", "exports is a folder: give the .json file written by "
                                                "`daftar export --format json`"),
                         (tmp_path / "gone.json", "gone.json: file not found")):
        # WHEN imported into a new workspace
        rc = main(["import", str(src), "--workspace", str(new)])
        # THEN exit 1 with the reason (no traceback), and no workspace was made
        assert rc == 1
        err = capsys.readouterr().err
        assert message in err and "nothing was created" in err
        assert not new.exists()


def test_a_bad_export_leaves_no_workspace_behind(tmp_path, monkeypatch, capsys):
    # GIVEN a CSV where a JSON export should be, and an empty folder chosen for the workspace
    bad = tmp_path / "x.csv"
    bad.write_text("khewat_no,owner\n47,someone\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("mine")
    for target in (tmp_path / "new", empty):
        # WHEN it is imported
        rc = main(["import", str(bad), "--workspace", str(target)])
        # THEN refused naming the file, and what the import made is gone again
        assert rc == 1
        err = capsys.readouterr().err
        assert "x.csv: not valid JSON" in err and "nothing was created" in err
    assert not (tmp_path / "new").exists()
    assert [p.name for p in empty.iterdir()] == ["notes.txt"]  # what was there stays
    # AND `daftar init` then makes the workspace there (it refused a half-made one before)
    monkeypatch.setenv("DAFTAR_PASSWORD", "patwari-pass-1")
    assert main(["init", "--workspace", str(tmp_path / "new"), "--admin", "boss"]) == 0


def test_a_refused_import_into_an_existing_workspace_leaves_it(workspace, tmp_path, capsys):
    # GIVEN an existing workspace and a file that is not an export
    bad = tmp_path / "other.json"
    bad.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    root = workspace.root
    workspace.close()
    # WHEN it is imported there THEN refused, and the workspace is still there
    assert main(["import", str(bad), "--workspace", str(root)]) == 1
    assert "not a Daftar export" in capsys.readouterr().err
    assert Workspace.exists(root)


def test_import_into_an_encrypted_workspace_says_what_to_do(tmp_path, capsys):
    # GIVEN an encrypted workspace and an export of a plain one
    enc, _ = Workspace.create_encrypted(tmp_path / "enc", admin_username="admin", admin_password="admin-pass-1",
                                        kdf={"time_cost": 1, "memory_cost": 1024, "parallelism": 1})
    enc.close()
    plain = Workspace.open(tmp_path / "plain", create=True)
    plain.close()
    out = tmp_path / "all.json"
    assert main(["export", "--workspace", str(tmp_path / "plain"), str(out)]) == 0
    capsys.readouterr()
    # WHEN it is imported into the encrypted one
    rc = main(["import", str(out), "--workspace", str(tmp_path / "enc")])
    # THEN it says plainly that only a new, plain workspace takes an import, and how
    assert rc == 1
    err = capsys.readouterr().err
    assert "is encrypted: an export is imported only into a new workspace that is not encrypted" in err
    assert f"daftar import {out} --workspace NEW_FOLDER" in err
    assert "sign in" not in err
    # AND into a new folder it works
    assert main(["import", str(out), "--workspace", str(tmp_path / "copy")]) == 0


def test_an_export_names_its_key_and_the_import_checks_the_key_given(workspace, tmp_path, capsys):
    import re

    from tests.reports import sampledata

    # GIVEN a whole-workspace export written on the command line
    sampledata.build(workspace, approve=True)
    out = tmp_path / "all.json"
    assert main(["export", "--workspace", str(workspace.root), str(out)]) == 0
    # THEN it says which office key signed it, by the fingerprint to give the importer
    said = capsys.readouterr().out
    fp = re.search(r"fingerprint ((?:[0-9a-f]{4} ){7}[0-9a-f]{4})", said).group(1)
    assert f'daftar import --office-key "{fp}"' in said
    # WHEN it is imported with that fingerprint  THEN taken, saying it was checked against it
    assert main(["import", str(out), "--workspace", str(tmp_path / "new"), "--office-key", fp]) == 0
    assert f"with key {fp}: the key given" in capsys.readouterr().out
    # WHEN the file is changed after it was signed (a value, in records and trail alike)
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["registers"][0]["entries"][0]["values"][0]["value"] = "999"
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    # THEN the import is refused in one line naming the file, and nothing is created
    assert main(["import", str(out), "--workspace", str(tmp_path / "new2"), "--office-key", fp]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"daftar: {out}: its signature does not match its content") and "nothing was created" in err
    assert not (tmp_path / "new2").exists()
    # AND a key that is no key is refused before anything is made
    assert main(["import", str(out), "--workspace", str(tmp_path / "new3"), "--office-key", "abc"]) == 1
    assert "--office-key: the office key given ('abc') is neither" in capsys.readouterr().err
    assert not (tmp_path / "new3").exists()


def test_an_unsigned_export_is_imported_only_when_accepted_and_with_a_warning(workspace, tmp_path, capsys):
    from records.exports.json_export import export_json
    from tests.reports import sampledata

    # GIVEN an export as an older Daftar wrote it (no signature)
    sampledata.build(workspace, approve=True)
    out = tmp_path / "old.json"
    export_json(workspace, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    del doc["office"], doc["signature"]
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    # WHEN imported plainly  THEN refused, saying how to take it anyway; nothing made
    assert main(["import", str(out), "--workspace", str(tmp_path / "new")]) == 1
    err = capsys.readouterr().err
    assert f"{out}: this export is not signed" in err and "--accept-unsigned" in err
    assert not (tmp_path / "new").exists()
    # WHEN imported with --accept-unsigned  THEN taken, with a warning that nothing vouches for it
    assert main(["import", str(out), "--workspace", str(tmp_path / "new"), "--accept-unsigned"]) == 0
    err = capsys.readouterr().err
    assert f"WARNING: {out} was not signed (imported with --accept-unsigned)" in err
