"""`daftar self-test` from source: every check passes here; a broken part fails alone, clearly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("workspace", "tesseract", "ocr", "store", "qt-display", "qt-urdu", "translations", "pdf", "job",
          "audit")


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
    assert "Urdu translations" in lines["translations"]
    assert "a spawned process verified" in lines["job"] and "records against them" in lines["job"]
    assert "self-test passed: 10 checks" in r.stdout
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
    for name in ("workspace", "store", "qt-display", "qt-urdu", "translations", "pdf", "job",
          "audit"):
        assert lines[name].startswith("PASS"), lines[name]
    assert "self-test FAILED: 2 of 10 checks (tesseract, ocr)" in r.stdout


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
    for name in ("workspace", "tesseract", "qt-urdu", "pdf", "job", "audit"):
        assert lines[name].startswith("PASS"), lines[name]


def _spawn_with(monkeypatch, program: Path) -> None:
    """Job processes started as `program` (what a frozen build does: the program itself runs
    again as the child, and only multiprocessing.freeze_support makes it the job)."""
    import multiprocessing.spawn
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()  # (started as the app starts it, not as `program`)
    monkeypatch.setattr(multiprocessing.spawn, "_python_exe", os.fsencode(program))


def test_a_job_process_that_cannot_start_fails_the_job_check(monkeypatch, tmp_path):
    # GIVEN a build whose job process ends at once (a child that is not the job: a frozen
    # program without freeze_support, a module missing in the child)
    import daftar.selftest as st

    _spawn_with(monkeypatch, Path("/bin/false"))
    # WHEN the self-test runs its job check (after a workspace to verify)
    results = {r.name: r for r in st.run_selftest(only=["workspace", "store", "job", "audit"])}
    # THEN the job check fails saying what the app cannot do and what to do; the rest pass
    job = results["job"]
    assert not job.ok
    assert "job process did not answer" in job.reason and "ended unexpectedly" in job.reason
    assert "Verify chain" in job.reason and "reinstall Daftar" in job.reason
    assert results["workspace"].ok and results["store"].ok and results["audit"].ok


def test_a_job_process_that_never_answers_fails_in_time(monkeypatch, tmp_path):
    # GIVEN a job process that starts but never answers (a frozen child running the whole
    # program again: a second window waiting for someone to sign in)
    import daftar.selftest as st

    program = tmp_path / "hangs"
    program.write_text("#!/bin/sh\nexec sleep 60.25\n")
    program.chmod(0o755)
    _spawn_with(monkeypatch, program)
    monkeypatch.setattr(st, "JOB_TIMEOUT", 1.0)
    # WHEN the job check runs
    t0 = __import__("time").monotonic()
    (_ws, _store, job) = st.run_selftest(only=["workspace", "store", "job"])
    took = __import__("time").monotonic() - t0
    # THEN it fails within its time limit (plus the grace for ending it), saying the app would hang
    assert not job.ok and "no answer in 1 s" in job.reason and "would hang" in job.reason
    assert took < 30
    # and the child is not left behind
    running = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert "sleep 60.25" not in running


def test_a_frozen_build_without_its_urdu_catalogue_fails_the_translations_check(monkeypatch, tmp_path):
    # GIVEN a frozen build that shipped the .ts but no compiled .qm (built without make setup)
    import shutil

    import daftar.selftest as st
    from desktop import i18n

    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(i18n.ts_path("ur"), folder / "daftar_ur.ts")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    # WHEN the translations check runs
    (r,) = st.run_selftest(only=["translations"])
    # THEN it fails naming the catalogue and what to do
    assert not r.ok
    assert "daftar_ur.qm shipped with this build" in r.reason and "reinstall Daftar" in r.reason
    # and with the catalogue compiled in, it passes with every translation
    i18n.compile_ts(folder / "daftar_ur.ts", folder / "daftar_ur.qm")
    (r,) = st.run_selftest(only=["translations"])
    assert r.ok and "Urdu translations" in r.reason


def test_only_one_check_runs_the_checks_it_builds_on(tmp_path, capsys):
    from daftar.cli import main

    # GIVEN IT rechecking printing after a fix, as docs/install.md says (`--only CHECK`)
    # WHEN `daftar self-test --only pdf` runs
    rc = main(["self-test", "--only", "pdf"])
    # THEN the PDF is really checked: the workspace and store checks it builds on run first (it
    # said "FAIL pdf skipped: needs the workspace check to pass" and exit 1 before); no other check
    lines = _lines(capsys.readouterr().out)
    assert rc == 0, lines
    assert list(lines) == ["workspace", "store", "pdf"] and lines["pdf"].startswith("PASS  pdf        fard of khewat")
    # AND a check that builds on nothing runs alone
    assert main(["self-test", "--only", "translations"]) == 0
    assert list(_lines(capsys.readouterr().out)) == ["translations"]
