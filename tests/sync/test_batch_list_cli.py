"""`daftar batch list`: the batches a workspace made, as the messages that point to it promise."""

from __future__ import annotations

from sqlalchemy import select

from daftar.cli import main
from records.models import Batch, OutboxItem
from tests.sync.conftest import seal


def test_batch_list_shows_each_batch_with_its_entries_by_sending_state(office, tmp_path, capsys):
    ws = str(office.ws.root)
    # GIVEN no batch yet WHEN listed THEN it says so and how one is made
    assert main(["batch", "list", "--workspace", ws]) == 0
    assert "no batches in this workspace yet: `daftar batch seal --as SUPERVISOR` seals the approved entries" \
        in capsys.readouterr().out
    # GIVEN a sealed batch of six, one of them held back by a refusal
    seal(office.ws, office.sup)
    with office.ws.session() as s:
        s.scalars(select(OutboxItem)).first().state = "failed"
        batch = s.scalar(select(Batch))
    # WHEN a handover sheet is asked for a batch that does not exist
    assert main(["export", "--workspace", ws, "--report", "handover", "--batch", "999", str(tmp_path / "h.pdf")]) == 1
    # THEN the message points to `daftar batch list` ...
    assert "`daftar batch list` shows the batches" in capsys.readouterr().err
    # ... which lists the batch: id, uuid, state, entries, when and by whom, entries by sending state
    assert main(["batch", "list", "--workspace", ws]) == 0
    header, line = capsys.readouterr().out.splitlines()
    assert header.split() == ["ID", "UUID", "STATE", "ENTRIES", "CREATED", "BY", "SENDING"]
    assert line.split()[:4] == [str(batch.id), batch.uuid, "sealed", "6"]
    assert f"{batch.created_at:%Y-%m-%d %H:%M}" in line
    assert line.endswith("supervisor    1 failed, 5 queued")
