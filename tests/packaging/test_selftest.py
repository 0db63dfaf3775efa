"""`daftar self-test` from source: every check passes here; a broken part fails alone, clearly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("workspace", "tesseract", "ocr", "store", "qt-display", "qt-urdu", "pdf", "audit")


def _selftest(env_extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("TESSDATA_PREFIX", "DAFTAR_HOME")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path), **env_extra})
    return subprocess.run(
        [sys.executable, "-m", "daftar.cli", "self-test"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )


def _lines(out: str) -> dict[str, str]:
    """{check name: its whole line} for the PASS/FAIL lines."""
    found = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in ("PASS", "FAIL"):
            found[parts[1]] = line
    return found


def test_selftest_passes_from_source(tmp_path):
    # GIVEN the source tree with Tesseract, its data, the fonts and Qt installed
    # WHEN the self-test runs as IT staff would run it
    r = _selftest({}, tmp_path)
    # THEN every check passes, each on its own line with a reason, and the exit code is 0
    lines = _lines(r.stdout)
    assert r.returncode == 0, r.stdout + r.stderr
    assert sorted(lines) == sorted(CHECKS)
    assert all(line.startswith("PASS") for line in lines.values()), r.stdout
    assert "khewat" in lines["ocr"] and "exact" in lines["ocr"]
    assert "in Nastaliq" in lines["pdf"] and "Urdu letters copy out" in lines["pdf"]
    assert "self-test passed: 8 checks" in r.stdout
    # and the temporary workspace is gone afterwards
    assert not list(tmp_path.glob("daftar-selftest-*"))


def test_missing_tessdata_fails_that_check_only(tmp_path):
    # GIVEN TESSDATA_PREFIX pointing at an empty folder
    empty = tmp_path / "empty-tessdata"
    empty.mkdir()
    # WHEN the self-test runs
    r = _selftest({"TESSDATA_PREFIX": str(empty)}, tmp_path)
    # THEN it exits 1; the tesseract check fails naming the folder and the missing data
    lines = _lines(r.stdout)
    assert r.returncode == 1, r.stdout + r.stderr
    assert lines["tesseract"].startswith("FAIL")
    assert str(empty) in lines["tesseract"] and "urd.traineddata" in lines["tesseract"]
    assert "TESSDATA_PREFIX" in lines["tesseract"]
    assert lines["ocr"].startswith("FAIL")
    # and the checks that do not need OCR still run and pass (one failure hides nothing)
    for name in ("workspace", "store", "qt-display", "qt-urdu", "pdf", "audit"):
        assert lines[name].startswith("PASS"), lines[name]
    assert "self-test FAILED: 2 of 8 checks (tesseract, ocr)" in r.stdout


def test_missing_display_library_is_named(monkeypatch):
    # GIVEN a Linux PC where ldd finds no libxcb-cursor for Qt's xcb plugin (as on a minimal
    # system after `dpkg -i` without the package's dependencies)
    import daftar.selftest as st

    if not sys.platform.startswith("linux"):
        import pytest

        pytest.skip("the xcb plugin exists on Linux only")
    real_run = subprocess.run

    def fake_ldd(cmd, *args, **kwargs):
        if cmd[0] == "ldd":
            out = real_run(cmd, *args, **kwargs).stdout
            out += "\tlibxcb-cursor.so.0 => not found\n"
            return subprocess.CompletedProcess(cmd, 0, out, "")
        return real_run(cmd, *args, **kwargs)

    monkeypatch.setattr(st.subprocess, "run", fake_ldd)
    # WHEN only the display check runs
    results = st.run_selftest(only=["qt-display"])
    # THEN it fails naming the library and what to install
    (r,) = results
    assert not r.ok
    assert "libxcb-cursor.so.0 not installed" in r.reason and "apt install" in r.reason


def test_a_line_model_read_without_onnxruntime_fails_the_ocr_check(tmp_path):
    # GIVEN the number line model's weights without the ONNX export beside them (an install
    # that lost the file: the app would still read numbers, four times slower a line)
    weights = tmp_path / "number_lines.npz"
    weights.write_bytes((ROOT / "resources" / "models" / "number_lines.npz").read_bytes())
    # WHEN the self-test runs
    r = _selftest({"DAFTAR_NUMBER_LINE_MODEL": str(weights)}, tmp_path)
    # THEN the ocr check fails naming the missing file and what to do; the others pass
    lines = _lines(r.stdout)
    assert r.returncode == 1, r.stdout + r.stderr
    assert lines["ocr"].startswith("FAIL") and str(tmp_path / "number_lines.onnx") in lines["ocr"]
    assert "reinstall Daftar" in lines["ocr"]
    for name in ("workspace", "tesseract", "qt-urdu", "pdf", "audit"):
        assert lines[name].startswith("PASS"), lines[name]
