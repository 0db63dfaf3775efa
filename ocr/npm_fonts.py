"""More Arabic-script fonts for training the number readers, from the npm registry.

Debian carries about 70 font files that draw Urdu or Arabic-Indic digits, and only a dozen
families of them draw the Urdu forms of ۴ ۶ ۷, all in a Naskh or Nastaliq hand; a held-back
geometric font (Noto Kufi) showed the readers had never seen an angular Urdu ۴. The
Fontsource packages on npm carry Google Fonts' Arabic-script families (SIL Open Font
License 1.1), many of them geometric or Kufi-like and many with Urdu forms. `fetch` installs
the pinned packages below into a cache folder (each tarball's SHA-1 checked) and returns
their Arabic-subset font files, every weight. Training tools only: nothing of these fonts
ships with the app, only the weights of models trained on cells drawn with them.

Left out: families already used from Debian (Amiri, Lateef, Harmattan, Lemonada, Noto
Naskh/Nastaliq), every held-back family of `ocr.train_numbers`, Zain (draws Latin digit
shapes at the Eastern code points), Badeen Display (digits cut out of black boxes), Qahiri
(square Kufic), Handjet and Sono (no Eastern digits).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ocr.npm_package import PackageUnavailable, cache_folder, install

# package -> (version, SHA-1 of its tarball: `npm view @fontsource/<name>@<version> dist.shasum`)
PACKAGES: dict[str, tuple[str, str]] = {
    "alexandria": ("5.3.0", "1a672418af40bd4862a4ec39844cb68384ce1f57"),
    "almarai": ("5.3.0", "32c3cfeab4dfcb41d4dc1b8a1ffc89a0d93996d0"),
    "aref-ruqaa": ("5.3.0", "2c25d6566bd1d38a8351205c420c57cf19feef57"),
    "baloo-bhaijaan-2": ("5.3.0", "6c56491af59ace2254efc4f0db94be81be1c7def"),
    "beiruti": ("5.3.0", "c8028923b224b7def0b9ad88e10870aa38348342"),
    "blaka": ("4.5.3", "de893f78d2532d9e6c763609830534baa599760c"),
    "cairo": ("5.3.0", "0e47e0cfba603157a4f1159174363dc533ec29fa"),
    "cairo-play": ("5.2.9", "98861f1ca0c170809e5599c567c46273f81b90f4"),
    "changa": ("5.3.0", "f28eed0f9f3f891d82965626b0108a5d1a47073b"),
    "el-messiri": ("5.3.0", "69a89ea20cd97c48d48d8ed09b44e52f52da336d"),
    "gulzar": ("5.3.0", "55e1cbdbd9f7ebc6027c7b7a91124a5a6327f37f"),
    "ibm-plex-sans-arabic": ("5.3.0", "8a5f64a60fbd748f7f8f2e8335911c7f554e5300"),
    "jomhuria": ("5.3.0", "04c42980b6fa9875c46c0542085a3a2af0e8e91d"),
    "katibeh": ("5.3.0", "1a936a08e9040de55f939e56fe98fb8c03c98c8a"),
    "kufam": ("5.3.0", "c293dc14a2e589325b414f39ccebe7744c991dd3"),
    "lalezar": ("5.3.0", "8316c35188f4c702ffd9178c78dea9cc9d9a530c"),
    "mada": ("5.3.0", "2b01c4169146a5d07fdd83e6a719ed1c6196f631"),
    "marhey": ("5.3.0", "5b6ee16ce790c99bb0dfa3ec5cba183ec61288c2"),
    "markazi-text": ("5.3.0", "ee2c7f846c310bf68b46dd9a362e79f5db59fee8"),
    "mirza": ("5.3.0", "52da9791eba6e0b38cbd3c1bad7512c62b7942f5"),
    "playpen-sans-arabic": ("5.3.0", "718050501a2ed813018fede9e8351a9841f83493"),
    "rakkas": ("5.3.0", "dc9750257c31367576f8e493ef77a9e063f98442"),
    "readex-pro": ("5.3.0", "51f30edcd2401e0811321912623cc88a0447a3e6"),
    "reem-kufi": ("5.3.0", "be8edbb47edb0edb5cc1036dff01b112fe7c0602"),
    "reem-kufi-fun": ("5.2.11", "b7d5f026dea083f0721617d091923c0db087c456"),
    "rubik": ("5.3.0", "da9fc83b4e530bbbb7cfb375be0272d2b8926e7b"),
    "ruwudu": ("5.0.3", "ddd6eea8e31abaccfda230d52af96afde73a8f16"),
    "tajawal": ("5.3.0", "1b81e21a141265a4e4d4f6dc4167fd7fbd103ff2"),
    "vazirmatn": ("5.3.0", "d42f29907b9707130a6d500bd16b3a4896cf0831"),
}

_FILE = re.compile(r"^(?P<family>.+)-arabic-(?P<weight>\d+)-normal\.woff$")


class FontsUnavailable(RuntimeError):
    """The fonts are not installed and cannot be fetched; the message says why and what to do."""


def default_cache() -> Path:
    """Where `fetch` puts the packages: $DAFTAR_NPM_FONTS, else the user's cache folder."""
    return cache_folder("DAFTAR_NPM_FONTS", "npm-fonts")


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def check_not_held_back(packages: dict[str, tuple[str, str]] = PACKAGES) -> None:
    """Refuse a package of a family the benchmark holds back (`ocr.train_numbers`)."""
    from ocr.train_numbers import HELD_BACK_FAMILIES

    held = [_squash(f) for f in HELD_BACK_FAMILIES]
    for name in packages:
        if any(_squash(name).startswith(h) or h.startswith(_squash(name)) for h in held):
            raise FontsUnavailable(f"@fontsource/{name} belongs to a held-back family of ocr.train_numbers")


def is_npm_font(name: str) -> bool:
    """Whether a font file (or its stem) is one of these packages' Arabic-subset files."""
    stem = Path(name).name.removesuffix(".woff")
    return bool(_FILE.match(stem + ".woff")) and any(stem.startswith(p + "-arabic-") for p in PACKAGES)


def font_files(folder: Path, packages: dict[str, tuple[str, str]] = PACKAGES) -> list[str]:
    """The Arabic-subset font files (every weight) of the installed packages, sorted."""
    out = []
    for name in packages:
        files = folder / name / "package" / "files"
        found = sorted(p for p in files.glob("*-arabic-*-normal.woff") if _FILE.match(p.name))
        if not found:
            raise FontsUnavailable(
                f"{files} holds no Arabic font files: delete {folder / name} and run "
                "`python -m ocr.npm_fonts fetch` again"
            )
        out += [str(p) for p in found]
    return out


def fetch(folder: Path | None = None, packages: dict[str, tuple[str, str]] = PACKAGES) -> list[str]:
    """Install the missing packages into `folder` (default_cache()) and list their font files."""
    folder = folder or default_cache()
    check_not_held_back(packages)
    for name, (version, sha1) in packages.items():
        if (folder / name / "package" / "files").is_dir():
            continue
        try:
            install(f"@fontsource/{name}@{version}", sha1, folder / name)
        except PackageUnavailable as e:
            raise FontsUnavailable(str(e)) from e
    return font_files(folder, packages)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["fetch"])
    ap.add_argument("--to", type=Path, help="cache folder (default: $DAFTAR_NPM_FONTS or the user cache)")
    args = ap.parse_args(argv)
    try:
        files = fetch(args.to)
    except FontsUnavailable as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"{len(files)} font files of {len(PACKAGES)} families in {args.to or default_cache()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
