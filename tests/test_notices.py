"""Third-party notices (daftar.notices, `daftar notices`): what the build carries, with licences."""

from __future__ import annotations

import json

import resources
from daftar import notices


def test_every_font_and_model_shipped_has_its_notice():
    # GIVEN the fonts and models under resources/ that a build carries
    shipped = {p.name for folder in ("fonts", "models") for p in (resources.root() / folder).iterdir()
               if p.is_file() and p.suffix not in (".md", ".py")}
    # WHEN compared with the components listed in resources/licences/components.json
    listed = {f for c in notices.components() for f in c.get("files", ())}
    # THEN none is shipped without a notice (a new font or model needs its licence named)
    assert shipped and shipped <= listed, f"no notice for: {sorted(shipped - listed)}"
    # AND every component names its licence text, which is there and not empty
    for c in notices.components():
        for f in (c["file"], *c.get("also", ())):
            assert (notices.licences_dir() / f).read_text(encoding="utf-8").strip(), f
        assert c["source"].startswith("http"), c["name"]


def test_the_notices_name_each_python_package_with_its_version_and_licence_texts():
    # WHEN the notices are made from the metadata of the packages installed here
    text = notices.notices_text()
    pkgs = {p.name.lower().replace("_", "-"): p for p in notices.packages()}
    # THEN every package Daftar needs is listed with its version (and the packages they need)
    for name in ("pyside6-essentials", "sqlalchemy", "tesserocr", "reportlab", "cryptography", "numpy", "shiboken6"):
        p = pkgs[name]
        assert f"{p.name} {p.version}: " in text, name
    assert "daftar" not in pkgs  # not itself
    # AND licence texts follow: the components' (each once) and the packages' own files
    assert text.count("Licence text: LGPL-3.0.txt") == 1 and "GNU LESSER GENERAL PUBLIC LICENSE" in text
    assert "SIL OPEN FONT LICENSE" in text and "Apache License" in text and "CC BY-SA 3.0" in text
    assert any(p.texts for p in pkgs.values()) and "SQLAlchemy" in text
    # AND the components come with where they are and where their source is
    assert "Noto Naskh Arabic" in text and "resources/tessdata" in text and "https://download.qt.io" in text


def test_cli_writes_the_notices(tmp_path, capsys):
    from daftar.cli import main

    out = tmp_path / "n.txt"
    assert main(["notices", "--out", str(out)]) == 0
    assert "Tesseract OCR" in out.read_text(encoding="utf-8") and str(out) in capsys.readouterr().out


def test_a_frozen_build_reads_the_file_written_into_it(tmp_path, monkeypatch):
    import sys

    # GIVEN a build folder with the notices file build.spec wrote into it
    (tmp_path / notices.NOTICES_FILE).write_text("notices of this build", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    # THEN that file is what is shown (the build has no package metadata to read)
    assert notices.read_notices() == "notices of this build"


def test_components_file_is_valid_json_with_the_fields_the_notices_use():
    data = json.loads((notices.licences_dir() / "components.json").read_text(encoding="utf-8"))
    for c in data["components"]:
        assert {"name", "use", "where", "copyright", "licence", "file", "source"} <= set(c), c.get("name")
