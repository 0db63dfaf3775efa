"""Training fonts from the npm registry (ocr.npm_fonts, ocr.npm_package).

No network here: a stand-in `npm` on the PATH writes a tarball the way `npm pack` does."""

from __future__ import annotations

import hashlib
import io
import stat
import tarfile
from pathlib import Path

import pytest

from ocr import npm_fonts
from ocr.npm_package import PackageUnavailable, install


def _tarball(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _fake_npm(bin_dir: Path, tgz: bytes, log: Path) -> None:
    """An `npm` that records its arguments and writes `tgz` into the working folder."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    (bin_dir / "pack.tgz").write_bytes(tgz)
    npm = bin_dir / "npm"
    npm.write_text(f'#!/bin/sh\necho "$@" >> {log}\ncp {bin_dir / "pack.tgz"} ./fake-1.0.0.tgz\n')
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)


def test_given_a_tarball_matching_its_checksum_when_installed_then_its_files_are_unpacked(tmp_path, monkeypatch):
    # given: npm hands out a tarball whose SHA-1 is the pinned one
    tgz = _tarball({"files/x-arabic-400-normal.woff": b"font"})
    _fake_npm(tmp_path / "bin", tgz, tmp_path / "npm.log")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    # when
    got = install("@fontsource/x@1.0.0", hashlib.sha1(tgz).hexdigest(), tmp_path / "cache" / "x")
    # then
    assert (got / "files" / "x-arabic-400-normal.woff").read_bytes() == b"font"
    assert "pack @fontsource/x@1.0.0" in (tmp_path / "npm.log").read_text()


def test_given_a_tarball_not_matching_its_checksum_when_installed_then_nothing_is_unpacked(tmp_path, monkeypatch):
    # given: the registry hands out other bytes than the pinned ones
    tgz = _tarball({"files/x-arabic-400-normal.woff": b"changed"})
    _fake_npm(tmp_path / "bin", tgz, tmp_path / "npm.log")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    # when / then
    with pytest.raises(PackageUnavailable, match=r"SHA-1 [0-9a-f]{40} is not the registry's 0{40}"):
        install("@fontsource/x@1.0.0", "0" * 40, tmp_path / "cache" / "x")
    assert not (tmp_path / "cache" / "x" / "package").exists()


def test_given_no_npm_when_fonts_are_fetched_then_the_error_names_the_package_and_the_registry(tmp_path, monkeypatch):
    # given: an empty cache and no npm on the PATH
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    # when / then
    with pytest.raises(npm_fonts.FontsUnavailable, match=r"could not fetch @fontsource/alexandria@5\.3\.0 from the npm registry"):
        npm_fonts.fetch(tmp_path / "cache")


def test_given_a_held_back_family_when_fonts_are_fetched_then_it_is_refused_before_any_download(tmp_path, monkeypatch):
    # given: a package list naming the held-back Noto Kufi Arabic, and no npm at all
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    packages = {"noto-kufi-arabic": ("5.3.0", "0" * 40)}
    # when / then: refused by name, not a failed download
    with pytest.raises(npm_fonts.FontsUnavailable, match=r"@fontsource/noto-kufi-arabic belongs to a held-back family"):
        npm_fonts.fetch(tmp_path / "cache", packages)


def test_the_pinned_packages_hold_no_held_back_family():
    npm_fonts.check_not_held_back()  # raises if one does


def test_given_installed_packages_when_listed_then_only_arabic_subset_files_of_every_weight_are_given(tmp_path):
    # given: one installed package with Arabic and Latin subsets, woff and woff2
    files = tmp_path / "kufam" / "package" / "files"
    files.mkdir(parents=True)
    for name in ("kufam-arabic-400-normal.woff", "kufam-arabic-700-normal.woff", "kufam-arabic-400-normal.woff2",
                 "kufam-latin-400-normal.woff", "kufam-arabic-400-italic.woff"):
        (files / name).write_bytes(b"")
    # when
    got = npm_fonts.font_files(tmp_path, {"kufam": ("5.3.0", "0" * 40)})
    # then
    assert [Path(p).name for p in got] == ["kufam-arabic-400-normal.woff", "kufam-arabic-700-normal.woff"]


def test_given_a_package_without_arabic_files_when_listed_then_the_error_says_what_to_run(tmp_path):
    # given: a damaged install (files folder empty)
    (tmp_path / "kufam" / "package" / "files").mkdir(parents=True)
    # when / then
    with pytest.raises(npm_fonts.FontsUnavailable, match=r"holds no arabic font files: delete .*kufam and run `python -m ocr\.npm_fonts fetch` again"):
        npm_fonts.font_files(tmp_path, {"kufam": ("5.3.0", "0" * 40)})


def test_npm_font_files_are_told_from_installed_fonts_by_name():
    # a model's info lists font stems; the npm ones are recognised so its info can name their licence
    assert npm_fonts.is_npm_font("/cache/kufam/package/files/kufam-arabic-400-normal.woff")
    assert npm_fonts.is_npm_font("vazirmatn-arabic-900-normal")
    assert not npm_fonts.is_npm_font("NotoNaskhArabic-Regular")
    assert not npm_fonts.is_npm_font("handwritten")
    assert not npm_fonts.is_npm_font("zain-arabic-400-normal")  # left out of the packages
    assert npm_fonts.is_npm_font("caveat-latin-700-normal")  # a handwriting font
    assert not npm_fonts.is_npm_font("kufam-latin-400-normal")  # only the Arabic subset of kufam is used


def test_given_a_handwriting_package_when_listed_then_its_latin_subset_is_given(tmp_path):
    # given: a handwriting font package with Latin and Latin-extended subsets
    files = tmp_path / "caveat" / "package" / "files"
    files.mkdir(parents=True)
    for name in ("caveat-latin-400-normal.woff", "caveat-latin-ext-400-normal.woff", "caveat-cyrillic-400-normal.woff"):
        (files / name).write_bytes(b"")
    # when
    got = npm_fonts.font_files(tmp_path, {"caveat": ("5.3.0", "0" * 40)}, "latin")
    # then
    assert [Path(p).name for p in got] == ["caveat-latin-400-normal.woff"]


def test_the_pinned_handwriting_packages_hold_no_held_back_family():
    npm_fonts.check_not_held_back(npm_fonts.HAND_PACKAGES)


@pytest.mark.parametrize(
    "argv",
    [
        ["numbers-data", "--npm-fonts", "--cells", "1"],
        ["numbers-data", "--npm-hand-fonts", "--cells", "1"],
        ["numbers-data", "--npm-outline-fonts", "--cells", "1"],
    ],
)
def test_given_no_npm_when_training_data_asks_for_npm_fonts_then_the_tool_says_why_and_stops(argv, tmp_path, monkeypatch, capsys):
    # given: an empty font cache and no npm on the PATH
    from ocr import train_text

    monkeypatch.setenv("DAFTAR_NPM_FONTS", str(tmp_path / "cache"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    # when
    code = train_text.main([*argv, "--out", str(tmp_path / "out")])
    # then: a plain message naming the package and the registry, no traceback, no shards
    assert code == 2
    assert "could not fetch @fontsource/" in capsys.readouterr().err
    assert not list((tmp_path / "out").glob("shard-*.npz"))


def test_given_no_npm_when_the_glyph_trainer_asks_for_npm_fonts_then_it_says_why_and_stops(tmp_path, monkeypatch, capsys):
    from ocr import train_numbers

    monkeypatch.setenv("DAFTAR_NPM_FONTS", str(tmp_path / "cache"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    code = train_numbers.main(["--model", "mlp", "--npm-fonts", "10", "--out", str(tmp_path / "out")])
    assert code == 2
    assert "could not fetch @fontsource/alexandria@5.3.0 from the npm registry" in capsys.readouterr().err
    assert not (tmp_path / "out" / "numbers.npz").exists()
