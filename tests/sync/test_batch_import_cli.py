"""`daftar batch import`: a batch file that is not whole, and a server database or image folder
that cannot be used, each said in one line; nothing is imported."""

from __future__ import annotations

import json
import zipfile

import pytest

from daftar.cli import main
from tests.pg import free_port
from tests.sync.conftest import enrol, seal


@pytest.fixture
def usb_file(office, server, tmp_path):
    """An enrolled office's batch file on a USB stick."""
    enrol(office.ws, server)
    seal(office.ws, office.sup)
    out = tmp_path / "june.daftar-batch"
    assert main(["batch", "export", "--workspace", str(office.ws.root), str(out)]) == 0
    return out


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith("daftar batch import: ")
    return err


def test_a_batch_file_without_its_manifest_says_what_is_missing_in_words(usb_file, server, tmp_path, capsys):
    # GIVEN a batch file whose batch.json lost its manifest
    with zipfile.ZipFile(usb_file) as z:
        body = json.loads(z.read("batch.json"))
    del body["manifest"]
    bad = tmp_path / "cut.daftar-batch"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("batch.json", json.dumps(body))
    # WHEN it is imported
    rc = main(["batch", "import", str(bad), "--database", server.database_url, "--storage", str(server.storage)])
    # THEN it says the manifest is missing, in words (pydantic's dump of the whole input and its
    # web address before), and nothing is stored
    err = _one_line(capsys)
    assert rc == 1
    assert err == (f"daftar batch import: {bad}: not a complete Daftar batch file: in its batch.json it has no "
                   "manifest\n")
    assert server.stats()["entries"] == 0


@pytest.mark.parametrize("case", ["nobody listening", "not an address", "no such database kind"])
def test_a_server_database_that_cannot_be_used_is_one_line(usb_file, server, capsys, case):
    url = {"nobody listening": f"postgresql+psycopg://daftar:s3cret@127.0.0.1:{free_port()}/daftar",
           "not an address": "daftar-db",
           "no such database kind": "oracle9://daftar@dbhost/daftar"}[case]
    # WHEN the batch file is imported straight into that database
    rc = main(["batch", "import", str(usb_file), "--database", url, "--storage", str(server.storage)])
    # THEN one line says why and what to write (a traceback of OperationalError / ArgumentError
    # before); the password is not printed; nothing is imported
    err = _one_line(capsys)
    assert rc == 1 and "s3cret" not in err and err.endswith("; nothing was imported\n")
    if case == "nobody listening":
        assert ("--database: cannot open the database postgresql+psycopg://daftar:***@127.0.0.1:" in err
                and "Connection refused" in err and "check that the database server runs" in err)
    else:
        assert f"--database: {url} is not a database address: write postgresql+psycopg://USER@HOST:PORT/DATABASE" in err
    assert server.stats()["entries"] == 0


def test_a_mistyped_image_folder_is_refused_not_made(usb_file, server, tmp_path, capsys):
    # GIVEN the server's image folder (a store it made), and a mistyped one
    mistyped = tmp_path / "server-imgaes"
    args = ["batch", "import", str(usb_file), "--database", server.database_url, "--storage"]
    # WHEN the batch is imported into the mistyped folder
    rc = main([*args, str(mistyped)])
    # THEN refused, saying the folder is not there and what to do; no new store was made beside the
    # real one (it made one and reported the batch imported, its images not where the server looks)
    assert rc == 1
    assert (f"--storage: the image folder {mistyped} does not exist: give the folder the server keeps its page "
            "images in") in _one_line(capsys)
    assert not mistyped.exists() and server.stats()["entries"] == 0
    # WHEN into a folder that is there but is no image store (another program's, or empty)
    mistyped.mkdir()
    assert main([*args, str(mistyped)]) == 1
    assert f"--storage: {mistyped} is not a Daftar image store (it has no partial/ and ready/ folders" in _one_line(capsys)
    assert list(mistyped.iterdir()) == [] and server.stats()["entries"] == 0
    # WHEN into the server's own folder THEN imported
    assert main([*args, str(server.storage)]) == 0
    assert server.stats()["entries"] == 6


def test_a_new_image_store_is_made_only_when_asked(usb_file, server, tmp_path, capsys):
    # GIVEN a central office starting a new image folder on purpose
    new = tmp_path / "new-store"
    # WHEN it says so THEN the store is made and the batch imported into it
    assert main(["batch", "import", str(usb_file), "--database", server.database_url, "--storage", str(new),
                 "--create-storage"]) == 0, capsys.readouterr().err
    assert (new / "partial").is_dir() and (new / "ready").is_dir() and server.stats()["entries"] == 6
    # AND a folder holding something else is not made a store even when asked
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"jpeg")
    assert main(["batch", "import", str(usb_file), "--database", server.database_url, "--storage", str(other),
                 "--create-storage"]) == 1
    assert f"{other} is not a Daftar image store" in _one_line(capsys)
    assert [p.name for p in other.iterdir()] == ["holiday.jpg"]
