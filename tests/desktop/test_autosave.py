"""Every edit is saved at once: killing the app right after typing loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from records import services
from records.audit import Actor

pytestmark = pytest.mark.gui

HERE = Path(__file__).parent


@pytest.mark.parametrize("how", ["leave", "stay"])
def test_value_typed_survives_sigkill(workspace, how):
    # GIVEN a page with one row in a workspace, and a clerk user
    from desktop.signin import default_actor
    from tests.desktop.images import png_bytes

    actor: Actor = default_actor(workspace)
    with workspace.session() as s:
        rid = services.create_register(s, actor=actor, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                       mauza="کوٹ", hadbast_no="42", year="2019-20")
        pid = services.add_page(s, workspace.images, actor=actor, register_id=rid, data=png_bytes()).page_id
        eid = services.add_entry(s, actor=actor, register_id=rid, page_id=pid, values={"khewat_no": "47"})
    root = workspace.root
    workspace.close()
    typed = "غلام رسول"
    # WHEN the app (a child process) types into the owner field (and leaves it, or stays in
    #      the open editor) and is killed with SIGKILL
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(HERE.parent.parent)}
    proc = subprocess.Popen([sys.executable, str(HERE / "edit_then_wait.py"), str(root), str(pid), typed, how],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "TYPED", proc.stderr.read() if proc.poll() is not None else line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    # THEN reopening the workspace shows exactly what was typed
    from records.workspace import Workspace

    ws = Workspace.open(root)
    try:
        with ws.session() as s:
            assert services.get_row(s, eid).text("owner") == typed
    finally:
        ws.close()
