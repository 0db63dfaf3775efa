"""A large batch goes up as a resumable upload (POST /v1/images/{sha256}) and is submitted by
its hash (POST /v1/batches/uploaded): a link that drops costs only the part in flight."""

from __future__ import annotations

import gzip
import hashlib
import json

from tests.sync.conftest import engine_for, enrol, item_states, seal
from tests.sync.test_idempotency import _device, _submission


def _upload(c, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    r = c.post(f"/v1/images/{sha}", content=data, headers={"Upload-Offset": "0", "Upload-Length": str(len(data))})
    assert r.status_code == 200 and r.json()["complete"]
    return sha


def test_an_uploaded_batch_gets_the_same_receipt_as_one_sent_whole(office, server):
    # GIVEN a sealed batch, its page images and the batch uploaded as a gzip file
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    body = _submission(office.ws)
    data = gzip.compress(json.dumps(body, ensure_ascii=False).encode())
    with _device(office.ws, server) as c:
        for h in body["manifest"]["images"]:
            _upload(c, office.ws.images.get(h))
        sha = _upload(c, data)

        # WHEN it is submitted by its hash, then the same batch sent whole
        first = c.post("/v1/batches/uploaded", json={"sha256": sha})
        again = c.post("/v1/batches", json=body)

        # THEN one receipt, the entries stored once, and the uploaded file is gone
        assert first.status_code == 200, first.text
        assert again.json() == first.json()
        assert c.post("/v1/images/query", json={"hashes": [sha]}).json()[sha] == {"offset": 0, "complete": False}
    assert len(server.entry_keys()) == 6


def test_a_batch_not_uploaded_whole_or_not_a_batch_is_refused_in_words(office, server):
    # GIVEN an enrolled office
    enrol(office.ws, server)
    with _device(office.ws, server) as c:
        # WHEN it submits a hash it never uploaded THEN body_missing (the engine uploads it again)
        r = c.post("/v1/batches/uploaded", json={"sha256": "ab" * 32})
        assert r.status_code == 422 and r.json()["error"] == "body_missing"

        # WHEN the uploaded file is not a gzip-compressed batch THEN bad_gzip
        for junk in (b"not gzip at all", gzip.compress(b'{"manifest": 1}')):
            sha = _upload(c, junk)
            r = c.post("/v1/batches/uploaded", json={"sha256": sha})
            assert r.status_code == 400 and r.json()["error"] == "bad_gzip", r.text
    assert server.entry_keys() == []


def test_submitting_a_page_images_hash_as_a_batch_leaves_the_image_alone(office, server):
    # GIVEN a sealed batch whose page images are uploaded, the batch itself not yet sent
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    body = _submission(office.ws)
    with _device(office.ws, server) as c:
        images = body["manifest"]["images"]
        for h in images:
            _upload(c, office.ws.images.get(h))
        # WHEN one of its page images' hashes is submitted as an uploaded batch (a mistake)
        r = c.post("/v1/batches/uploaded", json={"sha256": images[0]})
        # THEN it is refused, and the image is still held whole (the refusal deleted it)
        assert r.status_code == 400 and r.json()["error"] == "bad_gzip", r.text
        assert c.post("/v1/images/query", json={"hashes": images}).json()[images[0]]["complete"] is True
        # AND the batch is then received with its images
        assert c.post("/v1/batches", json=body).status_code == 200


def test_a_server_without_the_route_gets_the_batch_whole(office, server):
    # GIVEN a server older than POST /v1/batches/uploaded (404 there) and a batch over the threshold
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    server.fault(path="/v1/batches/uploaded", status=404, body='{"detail": "Not Found"}')

    # WHEN the office syncs
    rep = engine_for(office.ws, resumable_body=100).run_once()

    # THEN it sent the batch whole instead, and it arrived once
    assert rep.ok, rep.errors
    assert item_states(office.ws) == {"acknowledged": 6}
    assert len(server.entry_keys()) == 6


def test_the_pass_says_how_much_of_a_large_batch_the_server_holds(office, server):
    # GIVEN a batch over the threshold, sent in parts of 1 kB
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    seen = []
    eng = engine_for(office.ws, resumable_body=100, chunk_size=1024)
    eng.progress = lambda what, done, total: seen.append((what, done, total))

    # WHEN it syncs
    assert eng.run_once().ok

    # THEN after the page images it said the batch's bytes held, from 0 up to all of them
    batch = [(d, t) for w, d, t in seen if w == "batch"]
    total = batch[-1][1]
    assert batch[0] == (0, total) and batch[-1] == (total, total) and len(batch) > 2
    assert [d for d, _ in batch] == sorted(d for d, _ in batch)
    assert seen.index(("batch", 0, total)) > max(i for i, x in enumerate(seen) if x[0] == "images")
