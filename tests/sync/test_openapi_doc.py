"""docs/openapi.json is the server's own OpenAPI document, as `daftar server --export-openapi` writes it."""

from __future__ import annotations

import json
from pathlib import Path

from daftar.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_published_openapi_document_is_the_servers(tmp_path, capsys):
    # WHEN the running server's document is written out
    assert main(["server", "--export-openapi", str(tmp_path / "openapi.json")]) == 0
    # THEN docs/openapi.json is that document (regenerate it with the command when the API changes)
    assert json.loads(DOC.read_text(encoding="utf-8")) == json.loads((tmp_path / "openapi.json").read_text(encoding="utf-8"))
