"""Server image storage: images are verified when received and made durable with their batch
(one fsync per image and per changed folder, at the batch's receipt); a torn image left by a
power cut is dropped at restart."""

from __future__ import annotations

import hashlib
import os

import pytest

from sync.server.storage import LocalImageStorage


def _sha(d: bytes) -> str:
    return hashlib.sha256(d).hexdigest()


@pytest.fixture
def fsyncs(monkeypatch) -> list[str]:
    synced: list[str] = []
    real_fsync = os.fsync

    def spy(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    return synced


def _receive(st: LocalImageStorage, data: bytes) -> str:
    """What the upload endpoint does: append from 0, hash while receiving, finish."""
    sha = _sha(data)
    with st.open_append(sha, 0) as f:
        f.write(data)
    assert st.finish(sha, _sha(data))
    return sha


def test_received_images_are_complete_but_synced_only_with_their_batch(tmp_path, fsyncs):
    # GIVEN three received images
    st = LocalImageStorage(tmp_path / "store")
    datas = [b"page-one", b"page-two", b"page-three"]
    shas = [_receive(st, d) for d in datas]
    # THEN they are complete for the office (offset = size) and nothing was fsynced yet
    assert all(st.has(s) and st.offset(s) == len(d) for s, d in zip(shas, datas, strict=True))
    assert fsyncs == []
    # WHEN a batch with them is received
    missing = st.make_durable(shas)
    # THEN each image's bytes, each changed folder, the ready folder and the root were fsynced once
    want = [str(st.ready_dir / s) for s in shas] + sorted({str(st.path(s).parent) for s in shas}) + [str(st.ready_dir), str(st.root)]
    assert missing == []
    assert sorted(fsyncs) == sorted(want)
    assert all(st.path(s).read_bytes() == d for s, d in zip(shas, datas, strict=True))
    # AND a second batch with the same images costs no fsync at all
    fsyncs.clear()
    assert st.make_durable(shas) == []
    assert fsyncs == []


def test_make_durable_names_the_images_not_held(tmp_path):
    st = LocalImageStorage(tmp_path / "store")
    held = _receive(st, b"held")
    absent = _sha(b"never sent")
    assert st.make_durable([held, absent]) == [absent]
    assert st.path(held).is_file()


def test_an_image_a_concurrent_batch_moves_into_place_between_two_looks_is_not_missing(tmp_path):
    # GIVEN a received image, and a second batch with it that makes it durable exactly between
    # this batch's look at its final place and its look at the ready folder (seen as a 422
    # "images_missing" for one of 100 identical batches sent at once)
    st = LocalImageStorage(tmp_path / "store")
    sha = _receive(st, b"page")
    real_ready = st.ready_dir

    class Racing:
        def __truediv__(self, name):
            class Look:
                def is_file(self):
                    st.path(name).parent.mkdir(exist_ok=True)
                    os.replace(real_ready / name, st.path(name))  # the other batch wins the race
                    return False

            return Look()

    st.ready_dir = Racing()
    # WHEN this batch makes its images durable
    missing = st.make_durable([sha])
    # THEN the image is held, not missing
    assert missing == []
    assert st.path(sha).read_bytes() == b"page"


def test_a_torn_ready_image_is_dropped_at_restart_and_a_good_one_kept(tmp_path):
    # GIVEN two received images not yet made durable, and a power cut that tore one of them
    st = LocalImageStorage(tmp_path / "store")
    good, torn = _receive(st, b"good page" * 100), _receive(st, b"torn page" * 100)
    (st.ready_dir / torn).write_bytes(b"\0" * 900)
    # WHEN the server starts again
    st2 = LocalImageStorage(tmp_path / "store")
    # THEN the torn one is no longer held (the office sends it again) and the good one is
    assert not st2.has(torn) and st2.offset(torn) == 0
    assert st2.has(good) and st2.get(good) == b"good page" * 100


def test_a_damaged_upload_is_not_kept(tmp_path):
    st = LocalImageStorage(tmp_path / "store")
    sha = _sha(b"the real page")
    with st.open_append(sha, 0) as f:
        f.write(b"something else")
    assert st.finish(sha) is False
    assert not st.has(sha) and st.offset(sha) == 0
