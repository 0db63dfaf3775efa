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


KILL_AT = r"""
import os, signal, sys
import records.images as images
from records import services as S
from records.audit import Actor
from records.workspace import Workspace

where = sys.argv[2]
ws = Workspace.open(sys.argv[1])
clerk = Actor(None, "importer", "clerk")
die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
real_open, real_replace = open, os.replace

class HalfFile:
    def __init__(self, f): self.f = f
    def write(self, data):
        self.f.write(data[: len(data) // 2]); self.f.flush(); os.fsync(self.f.fileno()); die()
    def __enter__(self): return self
    def __exit__(self, *exc): self.f.close()
    def __getattr__(self, name): return getattr(self.f, name)

if where == "mid-write":
    images.open = lambda p, mode="r", *a, **k: HalfFile(real_open(p, mode, *a, **k))
elif where == "before-rename":
    images.os.replace = die
with ws.session() as s:
    S.add_page(s, ws.images, actor=clerk, register_id=1, data=os.urandom(300_000), name="scan.png")
    if where == "before-commit":
        die()
"""


@pytest.mark.parametrize("where", ["mid-write", "before-rename", "before-commit"])
def test_sigkill_at_each_step_of_storing_an_image(workspace, where):
    # GIVEN a workspace with one imported page
    from tests.records.helpers import make_page, make_users

    users = make_users(workspace)
    make_page(workspace, users["clerk"], data=b"first page")
    root = workspace.root
    workspace.close()
    # WHEN a process importing a second page is killed half way through writing the image,
    # after writing but before renaming it, or after storing it but before the row commits
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run([sys.executable, "-c", KILL_AT, str(root), where], env=env, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    leftovers = list((root / "images" / "tmp").glob("*"))
    # THEN after reopening only the first page exists, its image intact, no partial file left,
    # and any image stored without its row is complete (it is simply unused)
    pages, _ = _check(root, set())
    assert pages == 1
    assert bool(leftovers) == (where in ("mid-write", "before-rename"))
