"""PyInstaller runtime hook: put the bundled Tesseract program (if carried) first on PATH.

OCR normally runs in-process (tesserocr, whose library is in the build). When the build also
carries the `tesseract` program (Windows: the UB Mannheim folder; Linux: on request, as a
small wrapper that finds its own libraries), the pytesseract fallback finds it on PATH.
Bundled tessdata is found by resources.tessdata_dir().
"""

import os
import sys

_base = getattr(sys, "_MEIPASS", None)
if _base and os.path.isdir(os.path.join(_base, "tesseract")):
    os.environ["PATH"] = os.path.join(_base, "tesseract") + os.pathsep + os.environ.get("PATH", "")
