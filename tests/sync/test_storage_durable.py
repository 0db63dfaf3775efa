"""Server image storage: `make_durable` fsyncs the folders of a batch's images."""

from __future__ import annotations

import hashlib
import os

from sync.server.storage import LocalImageStorage


def test_make_durable_fsyncs_each_image_folder_once_and_the_root(tmp_path, monkeypatch):
    # GIVEN two stored images in different folders and one in the same folder as the first
    st = LocalImageStorage(tmp_path / "store")
    datas = [b"page-one", b"page-two", b"page-three"]
    shas = [hashlib.sha256(d).hexdigest() for d in datas]
    for sha, d in zip(shas, datas, strict=True):
        st.put(sha, d)
    synced: list[str] = []
    real_fsync = os.fsync

    def spy(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    # WHEN the batch's images are made durable
    st.make_durable(shas)
    # THEN every image folder, the partial folder and the root were fsynced, each once
    want = {str(st.path(s).parent) for s in shas} | {str(st.partial_dir), str(st.root)}
    assert sorted(synced) == sorted(want)
