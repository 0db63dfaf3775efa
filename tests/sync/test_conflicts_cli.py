"""`daftar sync --conflicts`, `--compare ENTRY`, `--take-server ENTRY --as NAME`: IT lists the
entries in conflict with the central server's copy, compares one, and takes the server's."""

from __future__ import annotations

import json

from daftar.cli import main
from tests.sync.conftest import CLERK_PASS, SUP_PASS, engine_for, give_passwords, item_states
from tests.sync.test_idempotency import (
    test_same_key_with_other_content_is_a_conflict_with_both_hashes as conflict,
)


def test_it_lists_compares_and_takes_the_servers_copy_on_the_command_line(office, server, capsys, monkeypatch):
    # GIVEN an office with one entry in conflict with the server's copy
    conflict(office, server)
    give_passwords(office.ws)
    root = str(office.ws.root)
    entries = server.stats()["entries"]
    capsys.readouterr()

    # WHEN IT lists the conflicts
    assert main(["sync", "--workspace", root, "--conflicts"]) == 0
    out = capsys.readouterr().out
    # THEN the entry is named where people know it, with both hashes and what to do
    assert "Entries in conflict with the central server's copy (1)" in out
    assert "page 1, row 1, khewat 40" in out and "--take-server ENTRY --as SUPERVISOR" in out
    assert main(["sync", "--workspace", root, "--conflicts", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["conflicts"]
    uuid = row["entry_uuid"]
    assert row["version"] == 1 and len(row["office_sha256"]) == len(row["server_sha256"]) == 64

    # WHEN IT compares it (by the first 8 characters of its uuid)
    assert main(["sync", "--workspace", root, "--compare", uuid[:8]]) == 0
    out = capsys.readouterr().out
    # THEN field by field, the difference marked, both values shown
    (owner,) = [line for line in out.splitlines() if " owner " in line]
    assert owner.startswith("*") and "محمد اسلم ولد غلام رسول" in owner and "کوئی اور" in owner
    assert [line for line in out.splitlines() if line.startswith("*")] == [owner]
    assert "1 field differs" in out and f"--take-server {uuid}" in out

    # WHEN it is taken without saying who, or as the clerk
    assert main(["sync", "--workspace", root, "--take-server", uuid]) == 2
    assert "needs --as USERNAME" in capsys.readouterr().err
    monkeypatch.setenv("DAFTAR_PASSWORD", CLERK_PASS)
    assert main(["sync", "--workspace", root, "--take-server", uuid, "--as", "clerk"]) == 1
    # THEN refused in one line, nothing taken
    err = capsys.readouterr().err
    assert "clerk is a clerk and cannot take the server's copy" in err and "nothing was taken" in err
    assert item_states(office.ws) == {"conflict": 1, "failed": 5}

    # WHEN the supervisor takes it
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    assert main(["sync", "--workspace", root, "--take-server", uuid, "--as", "supervisor"]) == 0
    out = capsys.readouterr().out
    # THEN it says what it made, and nothing is in conflict any more
    assert "it is version 2 here, sent; fields changed: owner" in out and "nothing is sent again" in out
    assert main(["sync", "--workspace", root, "--conflicts"]) == 0
    assert "No entry is in conflict" in capsys.readouterr().out
    # AND taking it again is refused in words
    assert main(["sync", "--workspace", root, "--take-server", uuid, "--as", "supervisor"]) == 1
    assert "no entry" in capsys.readouterr().err
    # AND a sync sends nothing twice
    assert engine_for(office.ws).run_once().ok
    assert server.stats()["entries"] == entries
