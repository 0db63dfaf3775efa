"""The Debian package: build it, install it with dpkg, self-test the installed copy in a clean
environment, remove it; the user's data stays.

Slow (a PyInstaller build plus packing ~500 MB: 4-6 minutes on 2 busy cores), so it runs
only with DAFTAR_TEST_DEB=1, as root, with PyInstaller installed (`make build` installs it).
See docs/install.md, "Testing the package".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1500),
    pytest.mark.skipif(os.environ.get("DAFTAR_TEST_DEB") != "1", reason="set DAFTAR_TEST_DEB=1 (builds and installs the .deb)"),
    pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="dpkg -i needs root"),
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb"),
]


def _installed() -> bool:
    r = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Status}", "daftar"], capture_output=True, text=True)
    return r.stdout.strip() == "installed"


def _clean_env(home: Path) -> dict[str, str]:
    """What a fresh login has: no venv, no PYTHONPATH, no TESSDATA_PREFIX."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
            "LANG": "C.UTF-8"}


@pytest.fixture(scope="module")
def deb(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller", reason="PyInstaller is installed by `make build` (.[build])")
    if _installed():
        pytest.skip("a daftar package is installed on this machine already; not touching it")
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(ROOT / "build" / "pyinstaller"), str(ROOT / "build.spec")],
        cwd=ROOT, check=True, capture_output=True,
    )
    env = {**os.environ, "DIST": str(dist), "DEB_COMPRESS": "gzip", "DEB_LEVEL": "1"}
    subprocess.run([str(ROOT / "packaging" / "linux" / "build-deb.sh")], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    (pkg,) = dist.glob("daftar_*_amd64.deb")
    return pkg


def test_deb_installs_self_tests_and_removes_keeping_data(deb, tmp_path):
    # GIVEN the built package and a user who already has a workspace in their data folder
    info = subprocess.run(["dpkg-deb", "--field", str(deb), "Package", "Depends"], capture_output=True,
                          text=True, check=True).stdout
    assert "libxcb-cursor0" in info and "libxkbcommon-x11-0" in info
    home = tmp_path / "home"
    data = home / ".local" / "share" / "Daftar"
    data.mkdir(parents=True)
    (data / "daftar.sqlite").write_bytes(b"user data that must survive")
    try:
        # WHEN it is installed with dpkg
        subprocess.run(["dpkg", "-i", str(deb)], check=True, capture_output=True)
        # THEN the program, its wrappers, menu entry and icon are in place
        assert Path("/opt/daftar/daftar").is_file() and Path("/opt/daftar/daftar-app").is_file()
        assert Path("/usr/share/applications/daftar.desktop").is_file()
        assert Path("/usr/share/icons/hicolor/256x256/apps/daftar.png").is_file()
        # and the installed copy passes its self-test in a clean environment (no venv)
        r = subprocess.run(["env", "-i", *[f"{k}={v}" for k, v in _clean_env(home).items()],
                            "daftar", "self-test"], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "frozen build" in r.stdout and "bundled tessdata /opt/daftar/" in r.stdout
        assert r.stdout.count("PASS") == 10
        # the job process of Verify chain, the progress report and sealing starts from the
        # installed program (multiprocessing's spawn: the program runs again as the child)
        assert "PASS  job" in r.stdout and "a spawned process verified" in r.stdout
        # and the Urdu catalogue build.spec compiled is shipped and loads
        assert "PASS  translations /opt/daftar/_internal/resources/translations/daftar_ur.qm" in r.stdout
        version = subprocess.run(["env", "-i", *[f"{k}={v}" for k, v in _clean_env(home).items()],
                                  "daftar", "--version"], capture_output=True, text=True)
        assert version.stdout.startswith("daftar ")
        # and it carries the licences of what it holds, where Debian keeps them and in the program
        doc = Path("/usr/share/doc/daftar/THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
        assert "PySide6_Essentials" in doc and "SIL OPEN FONT LICENSE" in doc and "tesserocr" in doc
        shown = subprocess.run(["env", "-i", *[f"{k}={v}" for k, v in _clean_env(home).items()],
                                "daftar", "notices"], capture_output=True, text=True, timeout=120)
        assert shown.returncode == 0 and shown.stdout == doc
    finally:
        # WHEN it is removed (and purged)
        subprocess.run(["dpkg", "-P", "daftar"], capture_output=True)
    # THEN the program is gone but the user's data is untouched
    assert not _installed()
    assert not Path("/opt/daftar").exists() and not Path("/usr/bin/daftar").exists()
    assert (data / "daftar.sqlite").read_bytes() == b"user data that must survive"
