"""CSV and PDF exports are signed in FILE.sig beside them; `daftar export verify FILE` checks
any export (CSV, PDF, JSON) and says in one line whether it is intact and who signed it."""

from __future__ import annotations

import errno
import json
import re

import pytest

from daftar.cli import main
from records.exports import detached
from tests.reports import sampledata

FP = r"(?:[0-9a-f]{4} ){7}[0-9a-f]{4}"


@pytest.fixture
def exported(workspace, tmp_path, capsys, monkeypatch):
    """A CSV, a fard PDF and a JSON export written on the command line into usb/; returns
    (folder, the office key's fingerprint). `verify` runs in no workspace unless told one."""
    monkeypatch.setenv("DAFTAR_HOME", str(tmp_path / "no-workspace"))
    sample = sampledata.build(workspace, approve=True)
    usb = tmp_path / "usb"
    usb.mkdir()
    root, reg = str(workspace.root), str(sample.register_id)
    assert main(["export", "--workspace", root, "--register", reg, str(usb / "r.csv")]) == 0
    assert main(["export", "--workspace", root, "--register", reg, "--khewat", "47", str(usb / "f.pdf")]) == 0
    assert main(["export", "--workspace", root, str(usb / "a.json")]) == 0
    said = capsys.readouterr().out
    fps = set(re.findall(rf"fingerprint ({FP})", said))
    assert len(fps) == 1, said  # one office key signs them all
    assert f"in {usb / 'r.csv.sig'}: copy it with the file" in said
    return usb, fps.pop()


def _verify(capsys, *args) -> tuple[int, str]:
    rc = main(["export", "verify", *map(str, args)])
    out = capsys.readouterr()
    return rc, out.out + out.err


def test_csv_and_pdf_exports_get_a_signature_that_verify_checks(exported, capsys):
    # GIVEN a CSV, a PDF and a JSON export
    usb, fp = exported
    # THEN the CSV and the PDF have a .sig beside them naming the file, its SHA-256 and the office
    assert sorted(p.name for p in usb.iterdir()) == ["a.images", "a.json", "f.pdf", "f.pdf.sig", "r.csv", "r.csv.sig"]
    sig = json.loads((usb / "r.csv.sig").read_text(encoding="utf-8"))
    assert (sig["format"], sig["file"], sig["signature"]["algorithm"]) == ("daftar-signature", "r.csv", "Ed25519")
    # WHEN each is verified, with the key read out by the office
    for name in ("r.csv", "f.pdf", "a.json"):
        rc, said = _verify(capsys, usb / name, "--office-key", fp)
        # THEN one line: intact, signed by that office with that key, the key given
        assert rc == 0 and said.count("\n") == 1, said
        assert re.fullmatch(rf"{re.escape(str(usb / name))}: intact: signed by office 'Daftar office' \([0-9a-f-]{{36}}\) "
                            rf"on \d{{4}}-\d\d-\d\d \d\d:\d\d UTC with key {fp}: the key given\n", said), said
    # AND without the key it says so and prints the fingerprint to compare
    rc, said = _verify(capsys, usb / "r.csv")
    assert rc == 0 and f"with key {fp}. No key of that office was given to check it against" in said


def test_verify_refuses_a_changed_file_a_missing_or_edited_signature_and_another_key(exported, capsys):
    usb, fp = exported
    other = "0000 1111 2222 3333 4444 5555 6666 7777"
    # WHEN a CSV is changed after it was exported  THEN "CHANGED", who signed it and what to do
    data = (usb / "r.csv").read_bytes()
    (usb / "r.csv").write_bytes(data.replace(b"12-5", b"13-5"))
    rc, said = _verify(capsys, usb / "r.csv")
    assert rc == 1 and said.startswith(f"daftar: {usb / 'r.csv'}: CHANGED since office 'Daftar office' signed it")
    assert said.endswith("do not use it, export it again\n") and said.count("\n") == 1
    (usb / "r.csv").write_bytes(data)
    # WHEN its .sig is edited (to claim another content)  THEN the signature does not match
    sig = json.loads((usb / "r.csv.sig").read_text(encoding="utf-8"))
    good_sig = (usb / "r.csv.sig").read_text(encoding="utf-8")
    (usb / "r.csv.sig").write_text(json.dumps(dict(sig, sha256="0" * 64)), encoding="utf-8")
    rc, said = _verify(capsys, usb / "r.csv")
    assert rc == 1 and "r.csv.sig: the signature does not match what it says" in said
    (usb / "r.csv.sig").write_text(good_sig, encoding="utf-8")
    # WHEN the key given is another office's  THEN refused, naming both keys
    for name in ("r.csv", "a.json"):
        rc, said = _verify(capsys, usb / name, "--office-key", other)
        assert rc == 1 and fp in said and other in said and said.count("\n") == 1, said
    # WHEN the .sig was not copied with the PDF  THEN it says so and what to do
    (usb / "f.pdf.sig").unlink()
    rc, said = _verify(capsys, usb / "f.pdf")
    assert rc == 1 and "no signature beside it (f.pdf.sig is missing)" in said
    # WHEN a JSON export is edited, or its images folder was not copied
    doc = json.loads((usb / "a.json").read_text(encoding="utf-8"))
    for img in (usb / "a.images").iterdir():
        img.unlink()
    rc, said = _verify(capsys, usb / "a.json")
    assert rc == 1 and "intact: signed by office 'Daftar office'" in said and "of its page images in" in said
    assert "1 missing: copy that folder with the file" in said
    doc["registers"][0]["entries"][0]["values"][0]["value"] = "999"
    (usb / "a.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    rc, said = _verify(capsys, usb / "a.json")
    assert rc == 1 and "its signature does not match its content" in said and "imported" not in said
    # AND a bad key or no file is said in one line
    assert _verify(capsys, usb / "r.csv", "--office-key", "abc")[0] == 1
    rc, said = _verify(capsys)
    assert rc == 1 and "say which file to check" in said


def test_an_export_whose_signature_cannot_be_written_is_not_left_unsigned(workspace, tmp_path, monkeypatch, capsys):
    # GIVEN a disk that fills as the signature is written (after the CSV itself), and an older
    # export of that name with its signature
    sample = sampledata.build(workspace, approve=True)
    out = tmp_path / "r.csv"
    args = ["export", "--workspace", str(workspace.root), "--register", str(sample.register_id), "--force", str(out)]
    assert main(args) == 0
    capsys.readouterr()

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", str(detached.signature_path(out)))

    monkeypatch.setattr(detached, "write_signature", full)
    # WHEN the export is written again
    assert main(args) == 1
    # THEN it fails saying so, and neither a file without its signature nor the old .sig is left
    assert "r.csv.sig: No space left on device" in capsys.readouterr().err
    assert list(tmp_path.glob("r.csv*")) == []


def test_verify_in_a_workspace_says_whether_the_key_is_this_offices_or_one_it_imported_from(
        exported, workspace, tmp_path, capsys, monkeypatch):
    import shutil
    import sqlite3

    usb, fp = exported
    # WHEN checked in the workspace that exported it (--workspace), without --office-key
    rc, said = _verify(capsys, usb / "r.csv", "--workspace", workspace.root)
    # THEN it names the key as this office's own
    assert rc == 0 and said.count("\n") == 1, said
    assert said.endswith(f"with key {fp}: this office's own key ('Daftar office', this workspace)\n"), said
    # AND in a workspace that imported the office's JSON export (DAFTAR_HOME), as a key it imported from
    other = tmp_path / "district"
    assert main(["import", str(usb / "a.json"), "--workspace", str(other), "--office-key", fp]) == 0
    capsys.readouterr()
    monkeypatch.setenv("DAFTAR_HOME", str(other))
    for name in ("f.pdf", "a.json"):
        rc, said = _verify(capsys, usb / name)
        assert rc == 0, said
        assert re.search(rf"with key {fp}: a key this workspace has imported exports from \(office 'Daftar office', "
                         r"1 import, the last on \d{4}-\d\d-\d\d \d\d:\d\d UTC from a\.json\)\n$", said), said
    # AND in a workspace that knows neither, it says so and what to compare
    stranger = tmp_path / "stranger"
    shutil.copytree(workspace.root, stranger)
    with sqlite3.connect(stranger / "daftar.sqlite") as db:
        db.execute("DELETE FROM office")
    rc, said = _verify(capsys, usb / "r.csv", "--workspace", stranger)
    assert rc == 0 and f"with key {fp}. Neither this workspace's office nor an export imported into it " \
                      f"({stranger}) has that key: compare the fingerprint" in said, said
    # AND a file that says it is this office's but was signed with another key (a copy of the workspace
    # given a new key) is refused in this office's workspace
    copy = tmp_path / "copy"
    shutil.copytree(workspace.root, copy)
    with sqlite3.connect(copy / "daftar.sqlite") as db:
        db.execute("UPDATE office SET signing_key = NULL")
    assert main(["export", "--workspace", str(copy), "--register", "1", str(usb / "forged.csv")]) == 0
    capsys.readouterr()
    rc, said = _verify(capsys, usb / "forged.csv", "--workspace", workspace.root)
    assert rc == 1 and "but it says it comes from this office" in said and f"not this office's key ({fp})" in said
