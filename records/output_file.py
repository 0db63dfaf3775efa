"""Where an export, report or backup may be written, and writing it whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path


class OutputFileError(ValueError):
    """An output file that would destroy something; the message names it and what to do."""


def inside(path: Path, folder: Path) -> bool:
    """Is `path` (resolved, links followed) `folder` or somewhere inside it?"""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def missing_folder(out: Path) -> str | None:
    """Why the folder `out` is to be written in cannot take it, when it is not there or is a
    file (None when it is a folder). Such a folder is never made: a USB stick or share that is
    not mounted would otherwise get the file written onto this computer's own disk. Exports,
    reports and backups (records.backup) all say it in these words."""
    folder = out.parent
    if folder.is_dir():
        return None
    if folder.exists():
        return f"{folder} is a file, not a folder: choose a folder for {out.name}. Nothing was written."
    return (f"The folder {folder} does not exist (is the USB stick or disk plugged in and mounted?): "
            f"nothing was written.")


def check_output(out: str | Path, *, workspace_root: str | Path | None = None, overwrite: bool = True) -> Path:
    """Refuse an output path that would destroy something or go astray: a file inside the
    workspace folder (its database, keys or page images), a file in a folder that is not
    there (`missing_folder`), anything but a regular file (a folder, a device), or an existing
    file when `overwrite` is False. Returns the path."""
    out = Path(out)
    if workspace_root is not None and inside(out, Path(workspace_root)):
        raise OutputFileError(f"{out} is inside the workspace folder {workspace_root}, where Daftar keeps its "
                              "database and page images: choose a file in another folder (a USB stick, Documents)")
    try:
        st = out.stat()
    except (FileNotFoundError, NotADirectoryError):
        problem = missing_folder(out)
        if problem:
            raise OutputFileError(problem) from None
        return out
    except OSError as e:
        raise OutputFileError(f"{out}: {e.strerror or e}") from None
    if not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not an ordinary file"
        raise OutputFileError(f"{out} is {what}: give the name of a file to write")
    if not overwrite:
        raise OutputFileError(f"{out} already exists: choose another name, or add --force to replace it")
    return out


@contextlib.contextmanager
def written_whole(out: Path) -> Iterator[Path]:
    """A temporary name beside `out` to write to: on success it replaces `out` (after
    fsync), on any failure it is removed, so neither a half file nor a .part is left. The
    folder must be there (OutputFileError otherwise: `missing_folder`)."""
    problem = missing_folder(out)
    if problem:
        raise OutputFileError(problem)
    tmp = out.with_name(out.name + ".part")
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
