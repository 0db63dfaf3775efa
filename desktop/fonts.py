"""Urdu fonts from resources/, loaded once at start (QFontDatabase.addApplicationFont)."""

from __future__ import annotations

import resources
from desktop.qt import QFont, QFontDatabase

_families: dict[str, str] = {}

NASTALIQ = resources.URDU_NASTALIQ_SCREEN  # "Daftar Nastaliq": see scripts/screen_fonts.py
NASKH = resources.URDU_NASKH


def load_fonts() -> dict[str, str]:
    """Register the bundled fonts; returns {resource name: family}. Safe to call twice."""
    if _families:
        return dict(_families)
    for name in (resources.URDU_NASTALIQ_SCREEN, resources.URDU_NASTALIQ_SCREEN_BOLD, resources.URDU_NASKH,
                 resources.URDU_NASKH_BOLD, resources.LATIN_FALLBACK):
        try:
            path = resources.font_path(name)
        except FileNotFoundError:
            continue
        fid = QFontDatabase.addApplicationFont(str(path))
        fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        if fams:
            _families[name] = fams[0]
    return dict(_families)


_preferred = {"nastaliq": False}


def prefer_nastaliq(on: bool) -> None:
    """The office's choice of Urdu script style for fonts asked without an explicit style."""
    _preferred["nastaliq"] = bool(on)


def urdu_font(point_size: float = 13, *, nastaliq: bool | None = None) -> QFont:
    """Nastaliq or Naskh (office preference unless given); DejaVu Sans as fallback for `/`."""
    if nastaliq is None:
        nastaliq = _preferred["nastaliq"]
    fams = load_fonts()
    main = fams.get(NASTALIQ if nastaliq else NASKH, "Noto Naskh Arabic")
    f = QFont()
    f.setFamilies([main, fams.get(resources.LATIN_FALLBACK, "DejaVu Sans")])
    f.setPointSizeF(point_size)
    return f
