"""Messages of the command line point to commands that exist and say what to do."""

from __future__ import annotations

import pytest

from daftar.cli import main


@pytest.mark.parametrize("args", [["audit", "verify"], ["check"], ["sync", "--status"], ["batch", "list"],
                                  ["export", "out.csv"]])
def test_a_missing_workspace_points_an_office_to_init_and_a_trial_to_demo(tmp_path, monkeypatch, capsys, args):
    # GIVEN no workspace at the default place
    monkeypatch.setenv("DAFTAR_HOME", str(tmp_path / "nowhere"))
    monkeypatch.chdir(tmp_path)
    # WHEN a command needs one
    assert main(args) == 1
    # THEN it names the folder, says an office makes its own with `daftar init`, and `daftar demo` to try it
    err = capsys.readouterr().err
    assert f"No Daftar workspace at {tmp_path / 'nowhere'}." in err
    assert "An office creates its own with `daftar init --admin NAME`" in err
    assert "to try Daftar, `daftar demo` makes one" in err
    assert not (tmp_path / "nowhere").exists()
