"""Third-party notices: the other people's work a Daftar build carries and its licences.

Two parts. The components that are not Python packages (Python itself, Qt, Tesseract and its
trained data, Leptonica, HarfBuzz, the fonts, the models and what they were trained on) are
listed in resources/licences/components.json with their licence texts beside it. The Python
packages are read from their own metadata: every distribution `daftar` needs, followed
through their requirements (no extras), with version, licence and the licence files they
ship. `build.spec` writes the text into the build (THIRD-PARTY-NOTICES.txt) while the
packages' metadata is at hand; `daftar notices` and Help › About Daftar show it.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import resources

NOTICES_FILE = "THIRD-PARTY-NOTICES.txt"
_LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT)", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Package:
    """A Python distribution the program needs."""

    name: str
    version: str
    licence: str
    texts: tuple[tuple[str, str], ...]  # (file name, text) of the licence files it ships


def licences_dir() -> Path:
    return resources.root() / "licences"


def components() -> list[dict]:
    """The bundled components that are not Python packages (resources/licences/components.json)."""
    return json.loads((licences_dir() / "components.json").read_text(encoding="utf-8"))["components"]


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licence_of(dist: md.Distribution) -> str:
    meta = dist.metadata
    expr = meta.get("License-Expression")
    if expr:
        return expr
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 80:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return ", ".join(classifiers) or (text.split("\n")[0][:80] if text else "see the package")


def packages(root: str = "daftar") -> list[Package]:
    """Every Python distribution `root` needs (its requirements followed, extras left out),
    sorted by name; `root` itself is not listed."""
    seen: dict[str, md.Distribution] = {}

    def walk(name: str) -> None:
        key = _key(name)
        if key in seen:
            return
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            return  # a platform-only requirement not installed here
        seen[key] = dist
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            m = _NAME.match(req.strip())
            if m:
                walk(m.group(0))

    walk(root)
    out = []
    for key, dist in sorted(seen.items()):
        if key == _key(root):
            continue
        texts = []
        for f in dist.files or []:
            if _LICENCE_FILE.match(f.name) and "dist-info" in str(f):
                try:
                    data = Path(str(dist.locate_file(f))).read_bytes()
                except OSError:
                    continue
                texts.append((f.name, data.decode("utf-8", errors="replace").strip()))
        licence = _licence_of(dist)
        if licence == "see the package" and texts:
            licence = "see its licence text below"
        out.append(Package(dist.metadata["Name"], dist.version, licence, tuple(texts)))
    return out


def notices_text(version: str | None = None) -> str:
    """The whole notice: components with their licence texts (each text once), then every
    Python package with its version, licence and licence files."""
    from daftar import __version__

    rule = "=" * 78
    lines = [f"Daftar {version or __version__}: third-party software and data, and their licences", "",
             "Daftar carries the work of others, each under its own licence, listed here. Where a licence",
             "asks for the source, the address is given; the Qt libraries are linked dynamically and may be",
             "replaced by another build of the same version.", "", rule, "Components", rule, ""]
    files_used: list[str] = []
    for c in components():
        lines += [c["name"], f"  for:       {c['use']}", f"  in:        {c['where']}"]
        if c.get("files"):
            lines.append(f"  files:     {', '.join(c['files'])}")
        lines += [f"  copyright: {c['copyright']}", f"  licence:   {c['licence']} (text: {c['file']}, below)",
                  f"  source:    {c['source']}", ""]
        for f in (c["file"], *c.get("also", ())):
            if f not in files_used:
                files_used.append(f)
    pkgs = packages()
    lines += [rule, f"Python packages ({len(pkgs)})", rule, ""]
    for p in pkgs:
        lines.append(f"{p.name} {p.version}: {p.licence}")
    lines.append("")
    for f in files_used:
        lines += [rule, f"Licence text: {f}", rule, "", (licences_dir() / f).read_text(encoding="utf-8").strip(), ""]
    for p in pkgs:
        for name, text in p.texts:
            lines += [rule, f"{p.name} {p.version}: {name}", rule, "", text, ""]
    return "\n".join(lines).rstrip() + "\n"


def write_notices(path: str | Path) -> Path:
    """Write the notices to a file (build.spec puts it at the top of the build)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(notices_text(), encoding="utf-8")
    return p


def bundled_notices() -> Path | None:
    """The notices file written into a frozen build, if this is one and it is there."""
    base = getattr(sys, "_MEIPASS", None)
    p = Path(base) / NOTICES_FILE if base else None
    return p if p is not None and p.is_file() else None


def read_notices() -> str:
    """The notices of this installation: the build's file, else made from the metadata here."""
    p = bundled_notices()
    return p.read_text(encoding="utf-8") if p else notices_text()
