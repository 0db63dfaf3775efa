"""Fixtures of the export tests."""

from __future__ import annotations

import pytest

from tests.reports import sampledata


@pytest.fixture
def filled_twice(workspace, tmp_path):
    """Two whole-workspace JSON exports of one office: `old.json`, then (a value changed since)
    `new.json`; returns their paths."""
    from records import services
    from records.exports import json_export

    sample = sampledata.build(workspace, approve=True)
    folder = tmp_path / "usb"
    folder.mkdir()
    json_export.export_json(workspace, folder / "old.json")
    with workspace.session() as s:
        services.set_value(s, actor=sample.clerk, entry_id=sample.entry_ids["other"], field_name="area", text="4-1")
    json_export.export_json(workspace, folder / "new.json")
    return folder / "old.json", folder / "new.json"
