"""Build the Nastaliq fonts the app draws records with on screen:
resources/fonts/DaftarNastaliq-Regular.ttf and -Bold.ttf.

They are Noto Nastaliq Urdu 3.007 (Google Fonts' build, as the npm package
@expo-google-fonts/noto-nastaliq-urdu 0.4.2 carries it; SIL Open Font License 1.1), renamed
"Daftar Nastaliq" and nothing else changed. Why:
- Qt 6 lays out Noto Nastaliq Urdu 2.000 (Debian's fonts-noto-core, and the copy in
  resources/ that reports and OCR use) wrongly: 443 of 663 register words placed otherwise
  than HarfBuzz places them (بی بی drawn without its dots, محمد افضل with its letters on
  top of one another); 3.007 it lays out as HarfBuzz does (tests/desktop/test_rendering.py).
- The family gets its own name because Qt takes a system font of the same family before an
  application font: on a PC with Debian's Noto Nastaliq Urdu 2.000 the app would draw with
  it whatever resources/ holds. "Noto" is Google's trademark and the licence lets a changed
  font be shipped under another name.

Run once (needs fontTools: `pip install fonttools`, in the dev extras) and commit the two
files: `python scripts/screen_fonts.py`.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PACKAGE = "@expo-google-fonts/noto-nastaliq-urdu@0.4.2"
PACKAGE_SHA1 = "39445eaa06e12f67746159b0f55fd330e43ae3a8"  # npm view ... dist.shasum
FAMILY = "Daftar Nastaliq"
STYLES = {"Regular": "400Regular/NotoNastaliqUrdu_400Regular.ttf", "Bold": "700Bold/NotoNastaliqUrdu_700Bold.ttf"}


def renamed(src: Path, style: str, dest: Path) -> None:
    """Write `src` with its names changed to FAMILY `style` (name IDs 1-4, 6, 16, 17, 25)."""
    from fontTools.ttLib import TTFont

    font = TTFont(src)
    version = font["name"].getDebugName(5) or ""
    ps = f"{FAMILY.replace(' ', '')}-{style}"
    names = {1: FAMILY, 2: style, 3: f"{version.replace('Version ', '')};DAFTAR;{ps}", 4: f"{FAMILY} {style}",
             6: ps, 16: FAMILY, 17: style, 25: FAMILY.replace(" ", "")}
    table = font["name"]
    for rec in list(table.names):
        if rec.nameID in (16, 17):
            table.removeNames(nameID=rec.nameID)
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        if table.getName(name_id, 1, 0, 0) is not None:
            table.setName(text, name_id, 1, 0, 0)
    table.setName(f"Noto Nastaliq Urdu {version.replace('Version ', '')} renamed {FAMILY} for Daftar; "
                  "nothing else changed.", 10, 3, 1, 0x409)
    font.save(dest)


def main() -> int:
    from ocr.npm_package import install

    out = ROOT / "resources" / "fonts"
    with tempfile.TemporaryDirectory() as tmp:
        pkg = install(PACKAGE, PACKAGE_SHA1, Path(tmp))
        for style, name in STYLES.items():
            src = pkg / name
            dest = out / f"{FAMILY.replace(' ', '')}-{style}.ttf"
            renamed(src, style, dest)
            print(f"{dest.relative_to(ROOT)}: from {name} (sha256 {hashlib.sha256(src.read_bytes()).hexdigest()[:16]}…)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
