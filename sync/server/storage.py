"""Page images on the server, by content hash, behind a small interface.

`LocalImageStorage` keeps ``ROOT/ab/abcdef...`` (complete, hash-verified) and
``ROOT/partial/<sha>`` (bytes received so far of an unfinished upload). Durability: an
image's bytes are fsynced before it is reported complete (one fsync per image); the folder
entries of a batch's images are fsynced by `make_durable` before the batch's receipt. An
S3-compatible store can implement the same methods later.
"""

from __future__ import annotations

import hashlib
import os
import threading
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
    def make_durable(self, shas) -> None: ...


class LocalImageStorage:
    """Images on a local disk; partial uploads survive a server restart."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.partial_dir = self.root / "partial"
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def lock(self, sha: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(sha, threading.Lock())

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def offset(self, sha: str) -> int:
        """Bytes already held for `sha` (its full size when complete)."""
        p = self.path(sha)
        if p.is_file():
            return p.stat().st_size
        part = self.partial_dir / sha
        return part.stat().st_size if part.is_file() else 0

    def open_append(self, sha: str, offset: int):
        """A binary file positioned at `offset`; raises OffsetMismatch if that is not where we are."""
        have = self.offset(sha)
        if offset != have:
            raise OffsetMismatch(have)
        return open(self.partial_dir / sha, "ab")

    def finish(self, sha: str, computed: str | None = None) -> bool:
        """Verify the partial file's hash (`computed` while receiving, else read back) and move
        it into place, fsynced. False (and discarded) if wrong."""
        part = self.partial_dir / sha
        if computed is None:
            h = hashlib.sha256()
            with open(part, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
            computed = h.hexdigest()
        if computed != sha:
            part.unlink(missing_ok=True)
            return False
        final = self.path(sha)
        final.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(part, final)
        return True

    def put(self, sha: str, data: bytes) -> None:
        """Store a whole image at once (USB import); checked against its hash."""
        if hashlib.sha256(data).hexdigest() != sha:
            raise HashMismatch(f"image {sha[:12]}… does not match its hash")
        if self.has(sha):
            return
        tmp = self.partial_dir / f"{sha}.import"
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        final = self.path(sha)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)

    def get(self, sha: str) -> bytes:
        return self.path(sha).read_bytes()

    def make_durable(self, shas) -> None:
        """fsync the folders holding `shas`, so their renames into place survive a power cut.

        Each image's bytes are fsynced when it completes (`finish`, `put`); the folder entries
        are fsynced once per batch here, before its receipt is given, instead of once per image.
        """
        dirs = {self.path(sha).parent for sha in shas}
        for d in [*sorted(dirs), self.partial_dir, self.root]:  # root: new ab/ folders
            try:
                fd = os.open(d, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
