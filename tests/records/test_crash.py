"""A kill (SIGKILL) in the middle of importing pages loses nothing committed and leaves
neither a page row without its image nor a half-written image."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from records import audit
from records import services as S
from records.workspace import Workspace

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

IMPORTER = r"""
import os, sys
from records import services as S
from records.audit import Actor
from records.workspace import Workspace

ws = Workspace.open(sys.argv[1], create=True)
clerk = Actor(None, "importer", "clerk")
with ws.session() as s:
    regs = S.list_registers(s)
    rid = regs[0].id if regs else S.create_register(
        s, actor=clerk, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
        mauza="دیہہ", hadbast_no="12", year="2019-20")
print("ready", flush=True)
while True:
    data = os.urandom(int(sys.argv[2]))
    with ws.session() as s:
        page = S.add_page(s, ws.images, actor=clerk, register_id=rid, data=data, name="scan.png")
    print("committed", page.page_id, flush=True)
"""


def _check(root: Path, committed: set[int]) -> tuple[int, int]:
    """Open the workspace and check the invariants; returns (pages, partial files found)."""
    partial = len(list((root / "images" / "tmp").glob("*"))) if (root / "images" / "tmp").is_dir() else 0
    ws = Workspace.open(root)
    try:
        assert not list((root / "images" / "tmp").glob("*")), "half-written files left after open"
        with ws.session() as s:
            pages = [p for r in S.list_registers(s) for p in S.list_pages(s, r.id)]
            assert audit.verify(s).ok
        ids = {p.id for p in pages}
        assert committed <= ids, f"committed pages lost: {sorted(committed - ids)}"
        for p in pages:  # every row has its complete image
            ws.images.get(p.image_sha256)
        for sha in ws.images.all_hashes():  # and no stored image is half written
            ws.images.get(sha)
        return len(pages), partial
    finally:
        ws.close()


def test_sigkill_while_importing_pages_never_leaves_a_row_without_its_image(tmp_path):
    # GIVEN a process that imports 512 KB page images in a loop, one commit per page
    root = tmp_path / "ws"
    rng = random.Random(os.getpid())
    committed: set[int] = set()
    counts = []
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for _round in range(4):
        proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(root), str(512 * 1024)],
                                stdout=subprocess.PIPE, text=True, env=env)
        try:
            assert proc.stdout.readline().strip() == "ready"
            # WHEN it is killed with SIGKILL at a random moment while it writes
            deadline = time.monotonic() + rng.uniform(0.15, 0.6)
            while time.monotonic() < deadline:
                line = proc.stdout.readline()
                if line.startswith("committed"):
                    committed.add(int(line.split()[1]))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            # (pages it reported after our deadline were committed too)
            for line in proc.stdout:
                if line.startswith("committed"):
                    committed.add(int(line.split()[1]))
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        # THEN on reopening: no partial file, every committed page is there, every page row
        # has its image and every image matches its hash, and the audit chain holds
        counts.append(_check(root, committed)[0])
    assert counts == sorted(counts) and counts[-1] >= 4  # the imports did make progress
