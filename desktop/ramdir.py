"""Private temporary folders in memory (/dev/shm) for the few files Daftar must hand to
another program (scanimage writes scans to files; the print preview reads a PDF): on an
encrypted workspace no page image or record text may lie on disk in clear. Where the
system has no memory-backed folder (Windows) the normal temporary folder is used. Every
folder made here is removed when Daftar ends, or before by `remove` when its files are done
with."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

RAM = Path("/dev/shm")
_made: list[Path] = []


def _remove_all() -> None:
    for d in _made:
        shutil.rmtree(d, ignore_errors=True)


def remove(folder: str | Path) -> None:
    """Remove a folder made here, now that its files are no longer needed (a scan imported:
    every scan of the day stayed in memory until Daftar ended). Other folders are left alone."""
    folder = Path(folder)
    if folder in _made:
        _made.remove(folder)
        shutil.rmtree(folder, ignore_errors=True)


def in_memory() -> bool:
    """Is there a memory-backed folder for private temporary files?"""
    return RAM.is_dir() and os.access(RAM, os.W_OK)


def ram_temp_dir(prefix: str = "daftar-") -> Path:
    """A new folder (mode 0700) in memory where possible; removed when Daftar ends."""
    d = Path(tempfile.mkdtemp(prefix=prefix, dir=RAM if in_memory() else None))
    if not _made:
        atexit.register(_remove_all)
    _made.append(d)
    return d
