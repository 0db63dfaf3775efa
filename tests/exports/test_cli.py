"""`daftar export` and `daftar import` from the command line."""

from __future__ import annotations

import json
import shutil

from daftar.cli import main
from records.exports import csv_export, json_export
from records.workspace import Workspace
from tests.reports import sampledata


def test_cli_exports_csv_json_pdf_and_imports(workspace, tmp_path, _template_workspace, capsys):
    # GIVEN a workspace with a register
    sample = sampledata.build(workspace, approve=True)
    root = str(workspace.root)
    reg = str(sample.register_id)
    # WHEN each format is exported through the command line
    assert main(["export", "--workspace", root, "--register", reg, "--raw", str(tmp_path / "r.csv")]) == 0
    assert main(["export", "--workspace", root, str(tmp_path / "all.json")]) == 0
    assert main(["export", "--workspace", root, "--register", reg, "--khewat", "47", str(tmp_path / "f.pdf")]) == 0
    assert main(["export", "--workspace", root, "--format", "pdf", "--report", "progress", str(tmp_path / "p.pdf")]) == 0
    assert main(["export", "--workspace", root, "--report", "handover", "--entries",
                 f"{sample.entry_ids['ocr']},{sample.entry_ids['other']}", str(tmp_path / "h.pdf")]) == 0
    # THEN the files are there and say what they hold
    assert "wrote 4 entries" in capsys.readouterr().out
    assert csv_export.read_csv(tmp_path / "r.csv")[0]["share_ocr"] == "38"
    assert json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["scope"] == "workspace"
    for name in ("f.pdf", "p.pdf", "h.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")
    # AND `daftar import` restores the JSON into a new workspace folder
    new = tmp_path / "new-ws"
    assert main(["import", "--workspace", str(new), str(tmp_path / "all.json")]) == 0
    assert "imported 1 registers" in capsys.readouterr().out
    ws2 = Workspace.open(new)
    try:
        with workspace.session() as a, ws2.session() as b:
            assert json_export.canonical_dump(a) == json_export.canonical_dump(b)
    finally:
        ws2.close()
    shutil.rmtree(new)


def test_cli_errors_are_one_clear_line(workspace, tmp_path, capsys):
    # GIVEN a workspace with one register
    sampledata.build(workspace)
    root = str(workspace.root)
    # WHEN a fard is asked for without a register, an unknown format, or an import into a full workspace
    rc1 = main(["export", "--workspace", root, "--khewat", "47", str(tmp_path / "f.pdf")])
    rc2 = main(["export", "--workspace", root, str(tmp_path / "x.txt")])
    main(["export", "--workspace", root, str(tmp_path / "e.json")])
    rc3 = main(["import", "--workspace", root, str(tmp_path / "e.json")])
    err = capsys.readouterr().err
    # THEN each fails with a message saying what to do
    assert (rc1, rc2, rc3) == (1, 1, 1)
    assert "--register ID" in err and "--format csv, json or pdf" in err and "is not empty" in err
    assert not (tmp_path / "f.pdf").exists()
