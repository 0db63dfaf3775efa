"""Look at PDFs in tests: text as extractors see it, rendered pages, glyph positions."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from records.text import normalise


def extracted_text(pdf: Path) -> str:
    """pdftotext's text, NFKC (presentation forms back to letters), normalised, no bidi marks.

    Our PDFs hold glyphs in visual order (left to right on the page). pdftotext detects
    right-to-left lines and reverses their runs itself, so Urdu words come back in logical
    order; it wraps runs in bidi embedding marks (removed by normalise) and guesses where
    neutral marks (: ( ) ،) go, and orders separate numbers by its own rules. Tests therefore
    compare words (see `loose`), and check the visual order of numbers with `glyph_x`.
    """
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return "\n".join(normalise(unicodedata.normalize("NFKC", line)) for line in out.splitlines())


def rendered_pages(pdf: Path, tmp: Path) -> list[Path]:
    """Render every page at 80 dpi with pdftoppm; returns the PNG paths."""
    prefix = tmp / pdf.stem
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(prefix)], check=True)
    return sorted(tmp.glob(f"{pdf.stem}*.png"))


def ink_share(png: Path) -> float:
    """Share of pixels that are not white (a blank page is 0)."""
    import numpy as np
    from PIL import Image

    a = np.asarray(Image.open(png).convert("L"))
    return float((a < 200).mean())


def glyph_x(pdf: Path, page: int = 0) -> list[tuple[str, float]]:
    """(character, left x) of every character pdfium finds, in content order."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[page].get_textpage()
        n = tp.count_chars()
        out = []
        for i in range(n):
            ch = tp.get_text_range(i, 1)
            left, _b, _r, _t = tp.get_charbox(i)
            out.append((ch, left))
        return out
    finally:
        doc.close()


def loose(text: str) -> str:
    """Text without the neutral marks (: ( ) ،) whose place extractors guess in RTL lines."""
    for ch in ":()،":
        text = text.replace(ch, " ")
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def pdfium_text(pdf: Path) -> str:
    """All characters pdfium finds, in content order, normalised (rotated text stays whole)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(normalise(unicodedata.normalize("NFKC", p.get_textpage().get_text_range())) for p in doc)
    finally:
        doc.close()
