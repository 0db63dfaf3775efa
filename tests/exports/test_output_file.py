"""Where exports and reports may be written (records.output_file), whoever asks: the app too."""

from __future__ import annotations

import hashlib

import pytest

from records.exports.csv_export import export_csv
from records.exports.json_export import export_json
from records.output_file import OutputFileError, check_output
from records.reports.progress import progress_pdf
from tests.reports import sampledata


def test_no_export_or_report_is_written_over_the_workspaces_own_files(workspace):
    # GIVEN a workspace with records
    sampledata.build(workspace, approve=True)
    db = workspace.root / "daftar.sqlite"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    # WHEN the app's save dialog (which asked about replacing) gives the database's name, or a
    # new file inside the workspace folder
    for write in (lambda out: export_csv(workspace, out), lambda out: export_json(workspace, out),
                  lambda out: progress_pdf(workspace, out)):
        for out in (db, workspace.root / "images" / "new.pdf"):
            # THEN it is refused with the reason, and nothing there changes
            with pytest.raises(OutputFileError, match="inside the workspace folder"):
                write(out)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (workspace.root / "images" / "new.pdf").exists()


def test_only_an_ordinary_file_or_a_new_name_is_written(tmp_path):
    # GIVEN a folder, a device and an existing file
    (tmp_path / "old.csv").write_text("x", encoding="utf-8")
    # THEN a new name is fine, an existing file only when replacing is wanted
    assert check_output(tmp_path / "new.csv", overwrite=False) == tmp_path / "new.csv"
    assert check_output(tmp_path / "old.csv") == tmp_path / "old.csv"
    with pytest.raises(OutputFileError, match="already exists"):
        check_output(tmp_path / "old.csv", overwrite=False)
    with pytest.raises(OutputFileError, match="is a folder"):
        check_output(tmp_path)
    with pytest.raises(OutputFileError, match="not an ordinary file"):
        check_output("/dev/null")
