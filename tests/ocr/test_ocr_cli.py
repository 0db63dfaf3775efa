"""`daftar ocr FILE --template NAME|PATH --json`."""

from __future__ import annotations

import json

import cv2

from daftar.cli import main


def test_ocr_json_prints_fields_with_confidence_and_boxes(tmp_path, small_page, capsys):
    # GIVEN a generated page saved as PNG
    png = tmp_path / "page.png"
    cv2.imwrite(str(png), small_page[0].image)
    # WHEN read from the command line
    rc = main(["ocr", str(png), "--template", "jamabandi", "--json", "--numbers", "tesseract"])
    out = json.loads(capsys.readouterr().out)
    # THEN one page with header and rows, each field with text, confidence, box and flags
    assert rc == 0
    page = out["pages"][0]
    assert page["error"] is None and len(page["rows"]) == 4
    owner = page["rows"][0]["owner"]
    assert set(owner) >= {"field", "kind", "text", "raw_text", "confidence", "box", "flags"}
    assert 0 <= owner["confidence"] <= 1 and len(owner["box"]) == 4
    assert page["header"]["mauza"]["text"] == small_page[1]["mauza"]


def test_ocr_takes_a_template_file(tmp_path, small_page, capsys):
    # GIVEN the jamabandi template copied to a file, and a page
    import resources

    tpl = tmp_path / "mine.json"
    tpl.write_text(resources.template_path("jamabandi").read_text(encoding="utf-8"), encoding="utf-8")
    png = tmp_path / "page.png"
    cv2.imwrite(str(png), small_page[0].image)
    # WHEN read with --template PATH (plain text output)
    rc = main(["ocr", str(png), "--template", str(tpl)])
    # THEN it works and prints the fields
    assert rc == 0
    assert "owner" in capsys.readouterr().out


def test_unknown_template_and_bad_file_give_clear_errors(tmp_path, capsys):
    # GIVEN a corrupt image
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\ngarbage")
    # WHEN read with an unknown template, then with a real one
    rc_tpl = main(["ocr", str(bad), "--template", "nosuch"])
    err_tpl = capsys.readouterr().err
    rc_file = main(["ocr", str(bad), "--template", "jamabandi", "--json"])
    captured = capsys.readouterr()
    # THEN the template error names the template, the file error names the file
    assert rc_tpl == 2 and "nosuch" in err_tpl
    assert rc_file == 1 and "scan.png" in captured.err
    assert json.loads(captured.out)["pages"][0]["error"]


def test_a_file_that_cannot_be_read_is_named_once_and_said_once(tmp_path, capsys):
    # GIVEN a text file saved as .png, and a file that does not exist
    bad = tmp_path / "scan.png"
    bad.write_text("not an image")
    for path, why in ((bad, "unsupported file type"), (tmp_path / "gone.png", "file not found")):
        # WHEN it is read
        rc = main(["ocr", str(path), "--template", "jamabandi"])
        captured = capsys.readouterr()
        # THEN one line on stderr names the file once and says why; nothing more on stdout
        assert rc == 1
        assert captured.err.count(str(path)) == 1 and why in captured.err, captured.err
        assert str(path) not in captured.out
