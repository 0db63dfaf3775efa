"""Page images on the server, by content hash, behind a small interface.

`LocalImageStorage` keeps three stages of an image:

- ``ROOT/partial/<sha>``: bytes received so far of an unfinished upload (resumable);
- ``ROOT/ready/<sha>``: the whole image, hash-verified, reported complete to the office but
  not yet made durable (no fsync per image: that is done once per batch);
- ``ROOT/ab/abcdef...``: durable. `make_durable`, called before a batch's receipt is given,
  fsyncs the batch's ready images, moves them here and fsyncs the folders (group commit).

A ready image is trusted only by the process that verified it: after a restart (perhaps a
power cut) every ready file is hashed again and dropped if damaged, so the office uploads it
again (the batch is refused with ``images_missing`` until then). An S3-compatible store can
implement the same methods later.
"""

from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol


class StorageError(RuntimeError):
    pass


class OffsetMismatch(StorageError):
    def __init__(self, have: int):
        super().__init__(f"upload resumes at byte {have}")
        self.have = have


class HashMismatch(StorageError):
    pass


class ImageStorage(Protocol):
    def has(self, sha: str) -> bool: ...
    def offset(self, sha: str) -> int: ...
    def open_append(self, sha: str, offset: int): ...
    def finish(self, sha: str, computed: str | None = None) -> bool: ...
    def make_durable(self, shas) -> list[str]: ...
    def discard(self, sha: str) -> None: ...


STAGES = ("partial", "ready")  # the folders every LocalImageStorage has: what marks a Daftar image store


def is_image_store(root: Path) -> bool:
    """Whether `root` is a Daftar image store (a server has used it: it holds partial/ and ready/)."""
    return all((Path(root) / stage).is_dir() for stage in STAGES)


def store_problem(root: Path, *, create: bool = False) -> str | None:
    """What is wrong with `root` as the image store to put a batch's images in (None: it is
    one). A folder that is not there or not a store is refused unless `create` says to make a
    new store (then only a missing or empty folder): a mistyped path must not become a new
    store beside the server's real one."""
    root = Path(root)
    if root.exists() and not root.is_dir():
        return f"{root} is a file, not the server's image folder"
    if root.is_dir() and is_image_store(root):
        return None
    if not root.exists():
        if create:
            return None
        return (f"the image folder {root} does not exist: give the folder the server keeps its page images in "
                "(its --storage; is that disk mounted?), or add --create-storage to make a new, empty one")
    if create and not any(root.iterdir()):
        return None
    return (f"{root} is not a Daftar image store (it has no {' and '.join(s + '/' for s in STAGES)} folders, which "
            "the server makes in its --storage folder): give the folder the server keeps its page images in"
            + ("" if create else ", or add --create-storage to make a new store in an empty folder"))


class LocalImageStorage:
    """Images on a local disk; partial uploads survive a server restart."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.partial_dir = self.root / "partial"
        self.ready_dir = self.root / "ready"
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        self.ready_dir.mkdir(exist_ok=True)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.recheck_ready()

    def lock(self, sha: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(sha, threading.Lock())

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def _held(self, sha: str) -> Path | None:
        """The complete file of `sha` (durable or ready), or None."""
        for p in (self.path(sha), self.ready_dir / sha):
            if p.is_file():
                return p
        return None

    def has(self, sha: str) -> bool:
        return self._held(sha) is not None

    def offset(self, sha: str) -> int:
        """Bytes already held for `sha` (its full size when complete)."""
        p = self._held(sha) or self.partial_dir / sha
        try:
            return p.stat().st_size
        except FileNotFoundError:
            return 0

    def recheck_ready(self) -> int:
        """Hash every ready (verified, not yet durable) image again and drop the damaged ones;
        returns how many were dropped. Run at start: a power cut may have left them torn."""
        dropped = 0
        for p in self.ready_dir.iterdir():
            if _file_sha256(p) != p.name:
                p.unlink(missing_ok=True)
                dropped += 1
        return dropped

    def open_append(self, sha: str, offset: int):
        """A binary file positioned at `offset`; raises OffsetMismatch if that is not where we are."""
        have = self.offset(sha)
        if offset != have:
            raise OffsetMismatch(have)
        return open(self.partial_dir / sha, "ab")

    def finish(self, sha: str, computed: str | None = None) -> bool:
        """Verify the partial file's hash (`computed` while receiving, else read back) and move
        it to ready (complete; made durable with its batch). False (and discarded) if wrong."""
        part = self.partial_dir / sha
        if computed is None:
            computed = _file_sha256(part)
        if computed != sha:
            part.unlink(missing_ok=True)
            return False
        os.replace(part, self.ready_dir / sha)
        return True

    def put(self, sha: str, data: bytes) -> None:
        """Store a whole image at once (USB import); checked against its hash."""
        if hashlib.sha256(data).hexdigest() != sha:
            raise HashMismatch(f"image {sha[:12]}… does not match its hash")
        if self.has(sha):
            return
        tmp = self.partial_dir / f"{sha}.import"
        tmp.write_bytes(data)
        os.replace(tmp, self.ready_dir / sha)  # made durable with its batch (make_durable)

    def discard(self, sha: str) -> None:
        """Forget a file that is no page image once used (a batch body uploaded in parts)."""
        for p in (self.ready_dir / sha, self.partial_dir / sha):
            p.unlink(missing_ok=True)

    def get(self, sha: str) -> bytes:
        p = self._held(sha)
        if p is None:
            raise FileNotFoundError(f"image {sha} is not held")
        return p.read_bytes()

    def make_durable(self, shas) -> list[str]:
        """Make the images `shas` survive a power cut before a batch's receipt; returns those
        not held at all (the caller refuses the batch).

        Ready images are fsynced (their bytes, several at a time: the file system commits
        them together) and moved into place; then each folder that changed is fsynced once.
        Images made durable before cost nothing more.
        """
        missing, ready = [], []
        for sha in dict.fromkeys(shas):
            if self.path(sha).is_file():
                continue
            if (self.ready_dir / sha).is_file():
                ready.append(sha)
            elif not self.path(sha).is_file():  # look again: a concurrent batch may have just moved it
                missing.append(sha)
        if not ready:
            return missing
        with ThreadPoolExecutor(min(8, len(ready)), thread_name_prefix="fsync") as pool:
            synced = list(pool.map(self._sync_ready, ready))
        for d in {self.path(sha).parent for sha in ready}:
            d.mkdir(exist_ok=True)
        moved: set[Path] = set()
        for sha, ok in zip(ready, synced, strict=True):
            final = self.path(sha)
            with self.lock(sha):
                try:
                    if not ok:
                        raise FileNotFoundError
                    os.replace(self.ready_dir / sha, final)
                    moved.add(final.parent)
                except FileNotFoundError:  # made durable by a concurrent batch, or gone
                    if not final.is_file():
                        missing.append(sha)
        if moved:
            dirs = [*sorted(moved), self.ready_dir, self.root]  # root: new ab/ folders
            with ThreadPoolExecutor(min(8, len(dirs)), thread_name_prefix="fsync") as pool:
                list(pool.map(_fsync_path, dirs))
        return missing

    def _sync_ready(self, sha: str) -> bool:
        return _fsync_path(self.ready_dir / sha)


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync_path(path: Path) -> bool:
    """fsync a file or folder; False if it is not there."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return True
