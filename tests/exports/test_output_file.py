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


def test_no_export_or_report_makes_a_folder_that_is_not_there(workspace, tmp_path):
    from records.output_file import written_whole

    # GIVEN a workspace with records, and a USB stick that is not mounted (its folder is not there)
    sampledata.build(workspace, approve=True)
    stick = tmp_path / "media" / "usb"
    # WHEN an export or report is written into it, by the app or the command line
    for write in (lambda out: export_csv(workspace, out), lambda out: export_json(workspace, out),
                  lambda out: progress_pdf(workspace, out), lambda out: written_whole(out).__enter__()):
        # THEN it is refused as a backup is, naming the folder (it was made, so the file went onto
        # this computer's own disk instead of the stick)
        with pytest.raises(OutputFileError, match=r"^The folder .*/media/usb does not exist \(is the USB stick or "
                                                  r"disk plugged in and mounted\?\): nothing was written\.$"):
            write(stick / "x.out")
    assert not (tmp_path / "media").exists()
    # AND a file standing where the folder should be is said as such
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(OutputFileError, match="afile is a file, not a folder: choose a folder for x.csv"):
        export_csv(workspace, tmp_path / "afile" / "x.csv")
