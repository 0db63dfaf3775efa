"""Who has a workspace open: a lock file that a restore can test before it replaces the folder.

Every open workspace (the app, a `daftar` command, the server's tests) holds a *shared* lock
on `<workspace>/daftar.lock` until it is closed or its process ends (the operating system
drops the lock then, also after a crash or a power cut: a stale lock file locks nothing).
Shared locks do not exclude each other, so the app and `daftar backup` or `daftar export`
still work side by side. A restore over the folder takes the *exclusive* lock, which it gets
only when nobody has the workspace open, and holds it while it moves the folder aside, so
that no program opens the old workspace meanwhile. SQLite's own lock cannot tell this: an
app that is open but idle holds none.

Locks are `flock` locks on POSIX and LockFileEx on one byte on Windows: they belong to the
open file, not the process, so two opens in one process are two holders too. (portalocker
does the same, but importing it writes a probe file into the temporary folder, and nothing
of Daftar may write outside the workspace: tests/desktop/test_encrypted_ocr.py.)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

LOCK_NAME = "daftar.lock"

if os.name == "nt":  # pragma: no cover - Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD), ("hEvent", wintypes.HANDLE)]

    _FAIL_IMMEDIATELY, _EXCLUSIVE = 0x1, 0x2

    def _lock(f: IO[bytes], exclusive: bool) -> bool:
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(f.fileno()))
        flags = _FAIL_IMMEDIATELY | (_EXCLUSIVE if exclusive else 0)
        return bool(ctypes.windll.kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped())))
else:
    import fcntl

    def _lock(f: IO[bytes], exclusive: bool) -> bool:
        try:
            fcntl.flock(f.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def try_lock(f: IO[bytes], exclusive: bool) -> bool:
    """Take a shared or exclusive lock on the open file `f` without waiting: False when
    another open file holds one that excludes it (the app's run marker uses it too:
    daftar.crashlog)."""
    return _lock(f, exclusive)


class WorkspaceInUse(Exception):
    """The workspace is open elsewhere (for a restore) or being replaced (for opening)."""


def _open(root: Path) -> IO[bytes] | None:
    try:
        return open(root / LOCK_NAME, "ab")  # noqa: SIM115 - held open as long as the lock
    except OSError:
        return None  # a read-only folder: nothing can replace it either


def hold_open(root: Path) -> IO[bytes] | None:
    """Take the shared lock that says the workspace at `root` is open; it is held until the
    returned file is closed (`release`). Raises WorkspaceInUse while a restore replaces the
    folder. None where no lock file can be written (a read-only folder)."""
    return _hold(root, exclusive=False, refused=(
        f"The workspace {root} is being restored from a backup right now. Wait until the "
        "restore has finished, then open it again."))


def hold_alone(root: Path) -> IO[bytes] | None:
    """Take the exclusive lock: nobody else has the workspace at `root` open, and nobody can
    open it until the returned file is closed (`release`). Raises WorkspaceInUse when it is
    open (the app, a `daftar` command). None where there is no lock file to take (no such
    folder, or a read-only one)."""
    if not root.is_dir():
        return None
    return _hold(root, exclusive=True, refused=(
        f"The workspace {root} is open in Daftar (the app, or a daftar command such as a "
        "backup or an export). Close it there and try again; nothing was changed."))


def _hold(root: Path, *, exclusive: bool, refused: str) -> IO[bytes] | None:
    f = _open(root)
    if f is None:
        return None
    if not _lock(f, exclusive):
        f.close()
        raise WorkspaceInUse(refused)
    return f


def release(handle: IO[bytes] | None) -> None:
    """Give up a lock taken by `hold_open` or `hold_alone` (closing the file drops it)."""
    if handle is not None and not handle.closed:
        handle.close()
