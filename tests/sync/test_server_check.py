"""`daftar server check`: the server's database and image store still match after a restore:
every image a received batch names is in the store and whole; images nobody names are said."""

from __future__ import annotations

import hashlib
import json

from daftar.cli import main
from tests.sync.conftest import engine_for, enrol, seal


def _synced(office, server) -> list[str]:
    """The office's batch sent; returns the images its manifest names."""
    from records.models import Batch

    enrol(office.ws, server)
    seal(office.ws, office.sup)
    assert engine_for(office.ws).run_once().ok
    with office.ws.session() as s:
        (batch,) = s.query(Batch).all()
        return list(batch.manifest["manifest"]["images"])


def _check(server, *extra) -> int:
    return main(["server", "check", "--database", server.database_url, "--storage", str(server.storage), *extra])


def test_check_names_images_missing_or_damaged_in_the_store_and_those_nobody_names(office, server, capsys):
    images = _synced(office, server)
    assert len(images) == 2
    # GIVEN a sound server THEN the check passes
    assert _check(server) == 0
    out = capsys.readouterr().out
    assert "PASS images: every one of the 2 page images the received batches name is present and matching its " \
           "hash" in out, out
    # WHEN the image store is restored from an older copy: one image gone, one damaged, one nobody names
    gone, hurt = (server.storage / images[0][:2] / images[0]), (server.storage / images[1][:2] / images[1])
    gone.unlink()
    hurt.write_bytes(hurt.read_bytes()[:-10] + b"0123456789")
    stray = b"an image of a batch the restored database never received"
    sha = hashlib.sha256(stray).hexdigest()
    (server.storage / sha[:2]).mkdir(exist_ok=True)
    (server.storage / sha[:2] / sha).write_bytes(stray)
    # THEN the check fails (exit 1), naming each with its batch and office, and what to do
    assert _check(server) == 1
    out = capsys.readouterr().out
    with office.ws.session() as s:
        from records.models import Batch

        batch_id = s.query(Batch).one().uuid
    assert "FAIL images: of the 2 page images the received batches name, 1 missing from the store and 1 damaged" in out
    assert f"missing: {images[0]} (batch {batch_id} of Patwar office)" in out, out
    assert f"damaged: {images[1]} (batch {batch_id} of Patwar office)" in out
    assert "Restore the image store from the backup" in out
    assert "WARN store: 1 image(s) in the store that no received batch names" in out and sha in out
    # AND --json says the same with named fields; --no-hash sees only what is missing
    assert _check(server, "--json") == 1
    js = json.loads(capsys.readouterr().out)
    assert (js["ok"], [m["sha256"] for m in js["missing"]], [d["sha256"] for d in js["damaged"]], js["unnamed"]) == (
        False, [images[0]], [images[1]], [sha])
    assert _check(server, "--no-hash", "--json") == 1
    js = json.loads(capsys.readouterr().out)
    assert (len(js["missing"]), len(js["damaged"]), js["hashed"]) == (1, 0, 0)


def test_check_refuses_a_folder_that_is_not_the_image_store_in_one_line(server, tmp_path, capsys):
    rc = main(["server", "check", "--database", server.database_url, "--storage", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert rc == 1 and err.count("\n") == 1 and "does not exist" in err, err
