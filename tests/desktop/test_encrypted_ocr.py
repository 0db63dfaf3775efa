"""Importing and reading a page of an encrypted workspace writes nothing in clear.

The import reads the clerk's file (it stays theirs), the page is stored encrypted, and OCR
gets the image bytes in memory in a spawned worker process, as desktop.ocr_queue does. A
separate Python process runs it all with TMPDIR pointed at an empty folder: afterwards
that folder is still empty, and the workspace holds only encrypted files (no PNG, no
SQLite header, no Urdu name or number read from the page).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# Installed in every Python process of the run (the spawned OCR worker too) through
# PYTHONPATH: logs each file Python opens for writing, so a temporary file made and deleted
# in between is caught as well.
SITECUSTOMIZE = textwrap.dedent(r"""
    import os, sys
    _fd = os.open(os.environ["DAFTAR_WRITE_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    _W = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND

    def _hook(event, args):
        if event == "open" and len(args) >= 3:
            path, mode, flags = args[0], args[1], args[2]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & _W)
            if writing and isinstance(path, (str, bytes, os.PathLike)):
                os.write(_fd, os.fsencode(os.fspath(path)) + b"\n")
        elif event in ("tempfile.mkstemp", "tempfile.mkdtemp"):
            os.write(_fd, os.fsencode(str(args[0])) + b"\n")

    sys.addaudithook(_hook)
""")

SCRIPT = textwrap.dedent(r"""
    import json, multiprocessing, random, sys
    from concurrent.futures import ProcessPoolExecutor
    from pathlib import Path

    import cv2

    from desktop.capture.loading import load_files
    from desktop.ocr_worker import ocr_page
    from ocr.engine import get_engine
    from ocr.synth import random_register, render_page
    from records import services as S
    from records.accounts import get_user
    from records.templates import get_template
    from records.workspace import Workspace

    ws_root, usb = Path(sys.argv[1]), Path(sys.argv[2])
    tpl = get_template("jamabandi")
    header, rows = random_register(tpl, 3, random.Random(5))
    page = render_page(tpl, header, rows, font="naskh", seed=5)
    usb.mkdir()
    cv2.imwrite(str(usb / "page-001.png"), page.image)          # the clerk's file on a USB stick

    ws, code = Workspace.create_encrypted(ws_root, admin_username="admin", admin_password="admin-pass-1",
                                          kdf={"time_cost": 1, "memory_cost": 1024, "parallelism": 1})
    with ws.session() as s:
        admin = get_user(s, 1).actor()
        rid = S.create_register(s, actor=admin, template="jamabandi", **{k: header.get(k, "x") for k in
                                ("district", "tehsil", "mauza", "hadbast_no", "year")})
    item = load_files([usb / "page-001.png"])[0]                # read and hashed in memory
    with ws.session() as s:
        pid = S.add_page(s, ws.images, actor=admin, register_id=rid, data=item.data, name=item.name,
                         width=item.width, height=item.height).page_id
        data = ws.images.get(S.get_page(s, pid).image_sha256)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        readings = pool.submit(ocr_page, data, tpl).result()
    with ws.session() as s:
        S.save_ocr_rows(s, actor=admin, page_id=pid, rows=readings)
        found = S.search(s, rows[0]["khewat_no"])
    ws.close()
    texts = [r.text for row in readings for r in row.values() if r.text]
    print(json.dumps({"engine": get_engine().name, "texts": texts, "truth": rows, "found": len(found)}))
""")


@pytest.mark.slow
def test_import_and_ocr_of_an_encrypted_workspace_leave_no_plaintext(tmp_path):
    # GIVEN an empty temporary folder as TMPDIR and a page image on the clerk's "USB stick"
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    ws_root, usb = tmp_path / "ws", tmp_path / "usb"
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "writes.log"
    env = {**os.environ, "TMPDIR": str(tmpdir), "TEMP": str(tmpdir), "TMP": str(tmpdir),
           "DAFTAR_WRITE_LOG": str(log), "PYTHONPATH": os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))}
    # WHEN a separate process creates an encrypted workspace, imports the page, reads it with
    # OCR in a spawned worker (image bytes in memory) and stores the readings
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(ws_root), str(usb)], env=env,
                       capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    # THEN Tesseract ran in-process (tesserocr: no temporary image files) and read the page
    assert out["engine"] == "tesserocr"
    assert out["found"] >= 1 and len(out["texts"]) >= 6
    # ... nothing was written to the temporary folder, not even for a moment, and Python
    # wrote files only inside the workspace (the OCR worker wrote none)
    assert list(tmpdir.iterdir()) == []
    written = sorted(set(log.read_text().split()))
    assert written, "the write log is empty: the audit hook did not run"
    outside = [w for w in written if not Path(w).resolve().is_relative_to(ws_root.resolve()) and w != "/dev/null"]
    assert not outside, outside
    # ... the clerk's file is untouched and still theirs
    assert [p.name for p in usb.iterdir()] == ["page-001.png"]
    # ... every file of the workspace is encrypted
    files = [p for p in ws_root.rglob("*") if p.is_file()]
    names = {str(p.relative_to(ws_root)).split("/")[0] for p in files}
    assert names <= {"daftar.sqlite", "daftar.sqlite-wal", "daftar.sqlite-shm", "images", "keys", "daftar.lock"}, names
    assert not (ws_root / "daftar.lock").exists() or (ws_root / "daftar.lock").stat().st_size == 0  # a lock, no data
    secrets = set(out["texts"]) | {row["owner"] for row in out["truth"]} | {row["khewat_no"] for row in out["truth"]}
    # 5 bytes or more: a shorter string (a 3-digit khewat) turns up in random ciphertext by
    # chance (1 in 2^24 per position: a few percent of megabyte files)
    secrets = {t for t in secrets if len(t.encode()) >= 5}
    assert secrets, "nothing to look for"
    for p in files:
        data = p.read_bytes()
        if p.parent.name == "keys":  # the key slots, and the newest audit event's number and hash
            assert p.name in ("slots.json", "audit-anchor.json")
        elif p.is_relative_to(ws_root / "images"):
            assert data.startswith(b"DFTRIMG1"), p
        else:
            assert not data.startswith(b"SQLite format 3"), p
        assert b"\x89PNG\r\n\x1a\n" not in data and b"\x00\x00\x00\rIHDR" not in data, p  # 8 bytes: never by chance
        for s in secrets:
            assert s.encode() not in data, (p, s)


def test_scans_and_print_previews_wait_in_memory_and_go_at_exit():
    # GIVEN the private folder for scans and the fard preview
    from desktop import ramdir

    # WHEN one is made
    d = ramdir.ram_temp_dir("daftar-test-")
    # THEN it is in memory (where the system has /dev/shm), private, and removed at exit
    try:
        if ramdir.in_memory():
            assert d.parent == ramdir.RAM
        assert d.is_dir() and (d.stat().st_mode & 0o077) == 0
        assert d in ramdir._made
    finally:
        ramdir._remove_all()
    assert not d.exists()


def test_scan_to_temp_scans_into_the_memory_folder(tmp_path):
    # GIVEN a scanner that writes one page file where it is told
    from desktop import ramdir
    from desktop.scanner import ScanSettings, scan_to_temp

    class Scanner:
        def scan(self, settings, out_dir):
            (out_dir / "scan-0001.png").write_bytes(b"page")
            return [out_dir / "scan-0001.png"]

    # WHEN a page is scanned
    files = scan_to_temp(Scanner(), ScanSettings(device="test"))
    # THEN the file waits in the private in-memory folder, removed at exit
    try:
        if ramdir.in_memory():
            assert files[0].parent.parent == ramdir.RAM
    finally:
        ramdir._remove_all()
    assert not files[0].exists()
