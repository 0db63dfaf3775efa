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


def test_an_export_never_replaces_a_workspace_file_nor_an_existing_one_unasked(workspace, tmp_path, capsys):
    # GIVEN a workspace with a register and its database as it is
    import hashlib

    sample = sampledata.build(workspace, approve=True)
    root, reg = str(workspace.root), str(sample.register_id)
    db = workspace.root / "daftar.sqlite"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    # WHEN a CSV, JSON or PDF export names the workspace's own database (or a file beside it)
    for fmt, out in (("csv", db), ("json", db), ("pdf", db), ("csv", workspace.root / "rows.csv")):
        args = ["export", "--workspace", root, "--format", fmt, "--register", reg, "--force", str(out)]
        assert main(args) == 1
        # THEN it is refused, saying why, and the database is untouched
        assert "is inside the workspace folder" in capsys.readouterr().err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (workspace.root / "rows.csv").exists()
    # WHEN the file named exists already (an earlier export)
    old = tmp_path / "rows.csv"
    old.write_text("an earlier export", encoding="utf-8")
    assert main(["export", "--workspace", root, "--register", reg, str(old)]) == 1
    # THEN it is kept, and the message says how to replace it
    assert "already exists" in capsys.readouterr().err and old.read_text(encoding="utf-8") == "an earlier export"
    assert main(["export", "--workspace", root, "--register", reg, "--force", str(old)]) == 0
    assert "wrote 4 entries" in capsys.readouterr().out and csv_export.read_csv(old)
    # AND a folder (or a device) is no file to write, --force or not
    assert main(["export", "--workspace", root, "--format", "json", "--force", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def _with_file_size_limit(limit: int, fn):
    """Run fn() where no file may grow past `limit` bytes (a full disk, for one process)."""
    import resource
    import signal

    old = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        return fn()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old)


def test_a_failed_export_leaves_no_part_file_nor_images_folder(workspace, tmp_path, capsys):
    # GIVEN a workspace with pages (and its office's signing key, made on first use: a write to
    # the database the file size limit below would refuse), and a disk that fills while an
    # export is written
    from records.outbox import office_identity

    sampledata.build(workspace, approve=True)
    with workspace.session() as s:
        office_identity(s)
    root, usb = str(workspace.root), tmp_path / "usb"
    usb.mkdir()
    for name in ("all.json", "rows.csv", "progress.pdf"):
        # WHEN the export fails half-way
        args = ["export", "--workspace", root, "--report", "progress", str(usb / name)]
        rc = _with_file_size_limit(400, lambda: main(args))  # noqa: B023 (called at once)
        # THEN it says so, and nothing of it is left where it was going (no .part, no images/)
        assert rc == 1 and "File too large" in capsys.readouterr().err
        assert list(usb.iterdir()) == []
    # AND with room it is written
    assert main(["export", "--workspace", root, str(usb / "all.json")]) == 0
    assert sorted(p.name for p in usb.iterdir()) == ["all.images", "all.json"]


def test_cli_export_into_a_folder_that_is_not_there_is_refused(workspace, tmp_path, capsys):
    # GIVEN a workspace with a register
    sampledata.build(workspace, approve=True)
    # WHEN exported into a folder that does not exist (a USB stick not mounted, a typing mistake)
    rc = main(["export", "--workspace", str(workspace.root), str(tmp_path / "out" / "nodir" / "x.csv")])
    # THEN refused in one line naming the folder (it was made and the file written there); nothing made
    assert rc == 1
    assert capsys.readouterr().err == (f"daftar: The folder {tmp_path / 'out' / 'nodir'} does not exist (is the USB "
                                       "stick or disk plugged in and mounted?): nothing was written.\n")
    assert not (tmp_path / "out").exists()


def test_a_first_export_on_a_full_disk_says_so_in_one_line_and_makes_nothing(workspace, tmp_path, capsys):
    # GIVEN a workspace that has never exported (its office has no signing key yet), and a disk
    # that takes no more: the key made for the first export cannot be saved
    from records.models import Office

    sampledata.build(workspace, approve=True)
    root, usb = str(workspace.root), tmp_path / "usb"
    usb.mkdir()
    # WHEN a JSON export is asked for
    args = ["export", "--workspace", root, str(usb / "all.json")]
    rc = _with_file_size_limit(400, lambda: main(args))
    # THEN one line says the key could not be saved in that workspace, that the disk is full,
    # and what to do (no traceback of a database error)
    err = capsys.readouterr().err
    assert rc == 1 and err.count("\n") == 1, err
    assert err.startswith(f"daftar: The office's signing key, made for its first export, could not be saved in the "
                          f"workspace {root}: the disk holding it is full")
    assert "Free some space on that disk and export again; nothing was exported" in err
    # AND nothing is half-made: no file, no .part, no images folder, no key kept
    assert list(usb.iterdir()) == []
    with workspace.session() as s:
        assert not any(o.signing_key for o in s.query(Office))
    # AND with room the export is written, signed with a key made then
    assert main(args) == 0 and "signed with the key of office" in capsys.readouterr().out
    assert sorted(p.name for p in usb.iterdir()) == ["all.images", "all.json"]


def test_an_export_from_a_workspace_on_a_full_disk_says_so_when_opening_it(_template_workspace, tmp_path, capsys):
    # GIVEN a workspace not open anywhere, on a disk that takes no more (SQLite cannot even
    # make the files it reads the database through)
    root = tmp_path / "ws"
    shutil.copytree(_template_workspace, root)
    out = tmp_path / "all.json"
    # WHEN an export is asked for
    rc = _with_file_size_limit(400, lambda: main(["export", "--workspace", str(root), str(out)]))
    # THEN one line names the database, says its disk is full or failing and what to do
    err = capsys.readouterr().err
    assert rc == 1 and err.count("\n") == 1, err
    assert err.startswith(f"daftar: {root / 'daftar.sqlite'} cannot be written: the disk holding it is full or "
                          "failing (disk I/O error). Free some space on that disk and try again")
    assert not out.exists()


def test_a_fard_of_a_whole_register_names_the_options_that_choose_one(workspace, tmp_path, capsys):
    # GIVEN a workspace with one register
    sampledata.build(workspace)
    # WHEN IT asks for the register as a PDF (`--format pdf --register 1`, as a fard)
    rc = main(["export", "--workspace", str(workspace.root), "--format", "pdf", "--register", "1",
               str(tmp_path / "register.pdf")])
    # THEN one line names the options that say which fard, and how a whole register goes out
    # ("say which fard to print: a khewat number or an owner's name" before, naming no option)
    err = capsys.readouterr().err
    assert rc == 1 and "a fard is the record of one khewat or one owner: add --khewat N or --owner NAME (a whole " \
                       "register is printed with --report register --register ID)" in err
    assert not (tmp_path / "register.pdf").exists()
    # AND with a khewat it is printed
    assert main(["export", "--workspace", str(workspace.root), "--format", "pdf", "--register", "1", "--khewat",
                 "47", str(tmp_path / "fard.pdf")]) == 0
    assert (tmp_path / "fard.pdf").stat().st_size > 1000
