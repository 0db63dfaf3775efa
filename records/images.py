"""Page images stored once by content hash inside the workspace.

A file is written to images/tmp/, fsynced and renamed into place (and the folder fsynced)
before the database row that points to it commits, so a crash leaves neither a row
without its file nor a half-written image. `cipher` (optional) encrypts at rest; the hash
is always of the plaintext image.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class ImageCipher(Protocol):
    def encrypt(self, data: bytes, *, name: str) -> bytes: ...
    def decrypt(self, data: bytes, *, name: str) -> bytes: ...


class ImageStoreError(RuntimeError):
    """An image that cannot be stored or read; the message names the file."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable (a no-op where folders cannot be fsynced)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _writer_alive(name: str) -> bool:
    """Is the process that is writing tmp file `name` (sha.PID.uuid.part) still running?"""
    parts = name.split(".")
    if len(parts) != 4 or not parts[1].isdigit():
        return False  # not ours, or an old-style name: a leftover
    pid = int(parts[1])
    if pid == os.getpid() or os.name != "posix":
        return True  # another thread of ours may be writing it; on Windows age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """An image made ready to store (ImageStore.prepare): its hash and the bytes as they go to
    disk (encrypted when the store is). Hashing and encrypting take the time, not the write:
    a page is prepared off the database-writer thread, which then only writes it (put_prepared)."""

    sha256: str
    payload: bytes


class ImageStore:
    """Content-addressed files under `root` (images/ab/abcdef...)."""

    def __init__(self, root: Path, cipher: ImageCipher | None = None):
        self.root = Path(root)
        self.cipher = cipher
        self.tmp = self.root / "tmp"

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def put(self, data: bytes) -> str:
        """Store bytes durably; returns their sha256. Storing the same bytes twice is a no-op."""
        return self.put_prepared(self.prepare(data))

    def prepare(self, data: bytes, *, sha256: str | None = None) -> PreparedImage:
        """Hash (unless the caller hashed `data` already: `sha256`) and encrypt `data` for
        put_prepared; no file is touched. Any thread."""
        if not data:
            raise ImageStoreError("the image is empty (0 bytes)")
        sha = sha256 or sha256_hex(data)
        return PreparedImage(sha, self.cipher.encrypt(data, name=sha) if self.cipher else data)

    def put_prepared(self, image: PreparedImage) -> str:
        """Write a prepared image durably (tmp file, fsync, rename, fsync of the folder);
        returns its sha256. An image stored already is not written again."""
        sha, payload = image.sha256, image.payload
        final = self.path(sha)
        if final.is_file():
            return sha
        self.tmp.mkdir(parents=True, exist_ok=True)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.tmp / f"{sha}.{os.getpid()}.{uuid.uuid4().hex}.part"
        try:
            with open(tmp, "wb") as f:
                f.write(payload)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, final)
            fsync_dir(final.parent)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            if e.errno == 28:  # ENOSPC
                raise ImageStoreError(
                    f"The disk holding {self.root} is full: the page image was not saved. "
                    "Free some space and import again; nothing saved before was lost."
                ) from None
            raise ImageStoreError(f"Cannot save the page image in {self.root}: {e.strerror}") from None
        return sha

    def get(self, sha: str) -> bytes:
        """The plaintext image bytes, checked against their hash."""
        p = self.path(sha)
        try:
            payload = p.read_bytes()
        except FileNotFoundError:
            raise ImageStoreError(
                f"The page image {sha[:12]}… is missing from {self.root}. Restore the workspace from a backup."
            ) from None
        data = self.cipher.decrypt(payload, name=sha) if self.cipher else payload
        if sha256_hex(data) != sha:
            raise ImageStoreError(f"The page image {p} is damaged (its content does not match its hash).")
        return data

    def clean_partial(self, *, stale_after: float = 24 * 3600) -> int:
        """Remove half-written files left by a crash; returns how many.

        A file being written right now by another process with this workspace open (the
        app while `daftar backup` runs) is left alone: only files of processes that are
        gone, of this process, or older than `stale_after` seconds are removed.
        """
        if not self.tmp.is_dir():
            return 0
        n = 0
        now = time.time()
        for f in self.tmp.iterdir():
            try:
                old = now - f.stat().st_mtime > stale_after
            except FileNotFoundError:
                continue
            if old or not _writer_alive(f.name):
                f.unlink(missing_ok=True)
                n += 1
        return n

    def all_hashes(self) -> set[str]:
        out = set()
        if not self.root.is_dir():
            return out
        for sub in self.root.iterdir():
            if sub.is_dir() and len(sub.name) == 2:
                out.update(p.name for p in sub.iterdir() if len(p.name) == 64)
        return out
