"""Bundled data: templates, fonts, vocabulary, icons. One accessor per kind, by name."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


@cache
def root() -> Path:
    """Folder of the bundled resources (source tree, installed package or frozen build)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent


def _named(folder: str, name: str, suffixes: tuple[str, ...]) -> Path:
    base = root() / folder
    for suffix in ("", *suffixes):
        candidate = base / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    known = sorted(p.stem for p in base.iterdir() if p.is_file() and not p.name.startswith("_"))
    raise FileNotFoundError(f"No {folder[:-1]} named '{name}' in {base}; known: {', '.join(known)}")


def template_path(name: str) -> Path:
    return _named("templates", name, (".json",))


def font_path(name: str) -> Path:
    return _named("fonts", name, (".ttf", ".otf"))


def vocab_path(name: str) -> Path:
    return _named("vocab", name, (".txt", ".tsv", ".json"))


def icon_path(name: str) -> Path:
    return _named("icons", name, (".svg", ".png"))


URDU_NASTALIQ = "NotoNastaliqUrdu-Regular"  # reports (shaped by HarfBuzz) and OCR's generated pages
# On screen: Noto Nastaliq Urdu 3.007 renamed (scripts/screen_fonts.py says why: Qt lays out
# 2.000 wrongly, and takes a system font of the same family before the app's own)
URDU_NASTALIQ_SCREEN = "DaftarNastaliq-Regular"
URDU_NASTALIQ_SCREEN_BOLD = "DaftarNastaliq-Bold"
URDU_NASKH = "NotoNaskhArabic-Regular"
URDU_NASKH_BOLD = "NotoNaskhArabic-Bold"
LATIN_FALLBACK = "DejaVuSans"


def tessdata_dir() -> Path:
    """Folder with urd/eng traineddata: TESSDATA_PREFIX when set (as for Tesseract itself,
    it is then the only place looked at), else the bundled copy, else Debian's."""
    env = os.environ.get("TESSDATA_PREFIX")
    if env:
        candidates = [Path(env)]
    else:
        candidates = [root() / "tessdata", Path("/usr/share/tesseract-ocr/5/tessdata")]
    for c in candidates:
        if (c / "urd.traineddata").is_file():
            return c
    raise FileNotFoundError(
        "Tesseract's Urdu data (urd.traineddata) was not found in "
        + ", ".join(str(c) for c in candidates)
        + (". Unset TESSDATA_PREFIX or copy urd/eng/osd.traineddata there." if env else
           ". Install the Debian package tesseract-ocr-urd or reinstall Daftar.")
    )
