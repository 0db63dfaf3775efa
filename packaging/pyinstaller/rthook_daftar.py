"""PyInstaller runtime hook: the bundled Tesseract program (if carried) first on PATH; ONNX
Runtime's telemetry off.

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

# ONNX Runtime's telemetry off before anything imports it (ocr/line_onnx.py sets it too)
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
