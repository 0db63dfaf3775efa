"""More fonts for training the number readers, from the npm registry.

Debian carries about 70 font files that draw Urdu or Arabic-Indic digits, and only a dozen
families of them draw the Urdu forms of ۴ ۶ ۷, all in a Naskh or Nastaliq hand; a held-back
geometric font (Noto Kufi) showed the readers had never seen an angular Urdu ۴. The
Fontsource packages on npm carry Google Fonts' families: PACKAGES pins 29 Arabic-script ones
(many geometric or Kufi-like, many with Urdu forms; their Arabic subset is used),
HAND_PACKAGES 50 handwriting ones and OUTLINE_PACKAGES 14 outlined display ones (their Latin
subset). Licences, from each package: SIL Open
Font License 1.1, except Blaka (MIT) and Coming Soon, Crafty Girls, Homemade Apple, Just
Another Hand, Permanent Marker, Rock Salt, Schoolbell and Walter Turncoat (Apache 2.0).
`fetch` installs the pinned packages into a cache folder (each tarball's SHA-1 checked) and
returns their font files, every weight. Training tools only: nothing of these fonts ships
with the app, only the weights of models trained on cells drawn with them.

Left out: families already used from Debian (Amiri, Lateef, Harmattan, Lemonada, Noto
Naskh/Nastaliq, Comic Neue, Dancing Script, Kaushan Script, Kristi), every held-back family
of `ocr.train_numbers`, Zain (draws Latin digit shapes at the Eastern code points), Badeen
Display (digits cut out of black boxes), Qahiri (square Kufic), Handjet and Sono (no
Eastern digits).
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

# Handwriting fonts with Latin digits (Google Fonts' handwriting category), for the
# handwriting-like cells: the Latin subset (`*-latin-<weight>-normal.woff`) of each.
HAND_PACKAGES: dict[str, tuple[str, str]] = {
    "amatic-sc": ("5.3.0", "2f05d76646d76ad0f019044a58597018e6603eed"),
    "annie-use-your-telescope": ("5.3.0", "62989684f7ae30cfcc50d070c48a2d6d20c7fcc1"),
    "architects-daughter": ("5.3.0", "99c0ac93b38d98a0f816e9c332686ad43729d90f"),
    "borel": ("5.3.0", "992e38eba4b419fd564183a54b96e81322a53f1a"),
    "caveat": ("5.3.0", "b44c8fe760f6a1af6979e1b8e323d8e788253a31"),
    "caveat-brush": ("5.3.0", "99ee30f3289579961ec7242c1ff7d3fb090390de"),
    "cedarville-cursive": ("5.3.0", "bd547540a126e3730acd0ebd5b81d9693d41014a"),
    "coming-soon": ("5.3.0", "2153d906527ec77ec16e241a21974b9e60c9b2fb"),
    "covered-by-your-grace": ("5.3.0", "09feae0ffaef24f68cd313208b9c80021d17f353"),
    "crafty-girls": ("5.3.0", "69487e30487c268fa2805cb1f1442ad7b71865ac"),
    "dawning-of-a-new-day": ("5.3.0", "0cfa35f2fe53dd3227866f7d0d81d97fdad2ab8e"),
    "delius": ("5.3.0", "fad8930c470e807fa1b781b4ea95079fe079687b"),
    "edu-nsw-act-foundation": ("5.3.0", "0418a68b795f36392cfa4ec42a62a24d79277c21"),
    "edu-sa-beginner": ("5.3.0", "00d15bd2572259207325185a8fc7bede1cef2967"),
    "gaegu": ("5.3.0", "289ee4fbcfaeff9a2ac724e0a0ce515254c3cb35"),
    "give-you-glory": ("5.3.0", "b674c945f4737795b21c1b5a93e5a96b0d783d23"),
    "gloria-hallelujah": ("5.3.0", "aa600c6e452fb5bc22d5f5663447e06dc33f07da"),
    "gochi-hand": ("5.3.0", "39b6312727d712559a523d9e7cbeee07d6933dd3"),
    "grape-nuts": ("5.3.0", "eac694aff6f4eb5dd13c642975cd9e38af1d25b8"),
    "handlee": ("5.3.0", "d9564bd89c73439f43ffb9d32d823628bdf1e616"),
    "homemade-apple": ("5.3.0", "0d1d1a44bc64960562215b97d662cfbf98ee2244"),
    "indie-flower": ("5.3.0", "d4664a4ab38c53fc4f47b1b551736970edcfa78b"),
    "itim": ("5.3.0", "19d5247199fde55854fb5123da25af85a82da6b0"),
    "just-another-hand": ("5.3.0", "6ea8f0631924ad10d39ef2068023493b19534044"),
    "kalam": ("5.3.0", "bbb96db1d1dd8a505b1bde949bcfdfe842d44082"),
    "la-belle-aurore": ("5.3.0", "71727d4dc60ea1e807257612b8eb6f6e5e2226c5"),
    "loved-by-the-king": ("5.3.0", "7a4d6a8b5fd322a8e268729edf88cb37fa6f7368"),
    "mali": ("5.3.0", "63c0c068f924ca51472c8ad0a28b4f1ac6a28512"),
    "mynerve": ("5.3.0", "54fec5274e1698aec57647c5b67d0ce1fb03b3c3"),
    "nanum-pen-script": ("5.3.0", "5758ca3842943165d8190334ded17991a2f75a62"),
    "neucha": ("5.3.0", "e6fd7206de74345c59494418cfb01d010d42ecc8"),
    "nothing-you-could-do": ("5.3.0", "a7ddcf1880a319e6d2bc409305013ebdb07a93c4"),
    "over-the-rainbow": ("5.3.0", "3f4f69015a102849399a4df35fea3599ed7987d7"),
    "patrick-hand": ("5.3.0", "0dee1f2f7b07c6c13afca0573744d3d8ccc68281"),
    "patrick-hand-sc": ("5.3.0", "afdf163974dfae55e2b6b2de0c7f9d3cc7b3b748"),
    "permanent-marker": ("5.3.0", "5049adf0edf2b92ae24231f2acf3bbed12c162be"),
    "playpen-sans": ("5.3.0", "adc7236f5394b134fbe786b8e7f5ec795710724b"),
    "reenie-beanie": ("5.3.0", "5e2357ddc3be433358ffdf1694482c78dd97c7ee"),
    "rock-salt": ("5.3.0", "b844722c367fb28ebc3e96d1340d898cb5437c47"),
    "schoolbell": ("5.3.0", "4ff71d0841cf341532d2b375d8cc80971fd587cd"),
    "shadows-into-light": ("5.3.0", "b08c62d764bff431a993d5a490cf168eff057670"),
    "shadows-into-light-two": ("5.3.0", "9bb0a67c103af85f6ad1d5ed80a93be5c5f8aa72"),
    "short-stack": ("5.3.0", "d9176434116a0dada7145dcbd204576e63318fad"),
    "sriracha": ("5.3.0", "acfad75a1ec81304a69f0f4caee0012b61972f53"),
    "sue-ellen-francisco": ("5.3.0", "2cc561410167b97f5af924c46765e3d65e130055"),
    "swanky-and-moo-moo": ("5.3.0", "6a320f2ecf2040985f1da6225d3b6082059cc6cb"),
    "the-girl-next-door": ("5.3.0", "7d21a840342068b3d1d47a218026519db837bea6"),
    "waiting-for-the-sunrise": ("5.3.0", "e230366ba39375252fc76475366dafea886bc551"),
    "walter-turncoat": ("5.3.0", "8a966fe8dea4e4d34728623508a2eb402fac26be"),
    "zeyada": ("5.3.0", "c87f80debfe43f72b2ab9e92b110ec7ad943194e"),
}

# Display fonts whose digits are outlined, hollow, inline, shadowed or sketched (Google Fonts'
# display category; looked at, and the inline/shaded ones whose digits draw solid at cell
# sizes left out: Bungee Inline and Shade, Fascinate Inline, Codystar), for the outline model
# of `ocr.outline` only: the Latin subset of each.
# All SIL Open Font License 1.1. The held-back outlined handwriting font (Femke Klaver) stays
# unseen: it is no Fontsource package, and check_not_held_back refuses its family by name.
OUTLINE_PACKAGES: dict[str, tuple[str, str]] = {
    "big-shoulders-inline-display": ("5.2.5", "147f89705b03098f439f2fac1bcd58816684901e"),
    "bungee-outline": ("5.2.8", "5d6f6bde7528c2a7cf3c45416099085087dea096"),
    "cabin-sketch": ("5.3.0", "ba3a5cd3fbd569546ee66e4f72beadf0f3dc4223"),
    "fredericka-the-great": ("5.3.0", "1ff70402fa518454a214ac16a72a88b71b954a2f"),
    "kumar-one-outline": ("5.3.0", "8be56795a37376f76385e3ea9884f8417ef5ae4e"),
    "londrina-outline": ("5.2.8", "d4d0c15bb6025f4dde8dcbbd72d0b76397136f29"),
    "londrina-shadow": ("5.2.7", "3b2dd7a5a9682fb885f04a1da4c8084dab6159b4"),
    "londrina-sketch": ("5.3.0", "aea80d060c4b3d7acf946d042593d1e7060bf018"),
    "monoton": ("5.3.0", "9c6345f6a26204e0fe486dbf1dd5870e06d3cd8f"),
    "rampart-one": ("5.3.0", "93a070761df5ba1c64ac1f05bc0813651fdb9899"),
    "rubik-doodle-shadow": ("5.3.0", "9db35ea12b6f2dd442b1bb6dfaf44ef4b216a8bf"),
    "tilt-prism": ("5.2.11", "9778f646a2f8ad68bfa90d1a9f08f0f1cd966054"),
    "train-one": ("5.3.0", "3602e3bc61b0d7f3b8eb8390d540f9df4feb16a3"),
    "zen-tokyo-zoo": ("5.2.8", "34c291d77b475c69088dff0b1037285075aafae1"),
}

_FILE = re.compile(r"^(?P<family>.+)-(?P<subset>arabic|latin)-(?P<weight>\d+)-normal\.woff$")


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
    m = _FILE.match(stem + ".woff")
    if not m:
        return False
    packages = PACKAGES if m["subset"] == "arabic" else {**HAND_PACKAGES, **OUTLINE_PACKAGES}
    return any(stem.startswith(f"{p}-{m['subset']}-") for p in packages)


def font_files(folder: Path, packages: dict[str, tuple[str, str]] = PACKAGES, subset: str = "arabic") -> list[str]:
    """The font files of one subset ('arabic' or 'latin'; every weight) of the installed
    packages, sorted."""
    out = []
    for name in packages:
        files = folder / name / "package" / "files"
        found = sorted(p for p in files.glob(f"{name}-{subset}-*-normal.woff") if _FILE.match(p.name))
        if not found:
            raise FontsUnavailable(
                f"{files} holds no {subset} font files: delete {folder / name} and run "
                "`python -m ocr.npm_fonts fetch` again"
            )
        out += [str(p) for p in found]
    return out


def fetch(folder: Path | None = None, packages: dict[str, tuple[str, str]] = PACKAGES, subset: str = "arabic") -> list[str]:
    """Install the missing packages into `folder` (default_cache()) and list the font files of
    their `subset` (PACKAGES: 'arabic'; HAND_PACKAGES: 'latin')."""
    folder = folder or default_cache()
    check_not_held_back(packages)
    for name, (version, sha1) in packages.items():
        if (folder / name / "package" / "files").is_dir():
            continue
        try:
            install(f"@fontsource/{name}@{version}", sha1, folder / name)
        except PackageUnavailable as e:
            raise FontsUnavailable(str(e)) from e
    return font_files(folder, packages, subset)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["fetch"])
    ap.add_argument("--to", type=Path, help="cache folder (default: $DAFTAR_NPM_FONTS or the user cache)")
    args = ap.parse_args(argv)
    try:
        files = fetch(args.to)
        hand = fetch(args.to, HAND_PACKAGES, "latin")
        outlined = fetch(args.to, OUTLINE_PACKAGES, "latin")
    except FontsUnavailable as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"{len(files)} Arabic-script font files of {len(PACKAGES)} families, {len(hand)} handwriting "
          f"font files of {len(HAND_PACKAGES)} families and {len(outlined)} outlined font files of "
          f"{len(OUTLINE_PACKAGES)} families in {args.to or default_cache()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
