"""Tesseract behind one small protocol: words with confidences and boxes from a gray image.

Three back ends, tried in this order by `get_engine()`:
- `TesserocrEngine` (preferred): Tesseract 5.5 in-process through tesserocr's wheel.
- `CApiEngine`: the system's libtesseract (Debian's 5.3, the same as the `tesseract` program)
  in-process through its C API with ctypes, where tesserocr is missing.
  Both keep one loaded model per (language, page segmentation mode) for the life of the
  process and pass images in memory (nothing written to disk). Both get `TUNING`: without
  `textord_noise_rejrows=0` Tesseract 5.5 returned nothing for 38 of 132 short stacked Urdu
  lines (5.3 for 8); with it, none is lost and 5.5 is about 1.5-2x faster than 5.3.
- `PytesseractEngine`: the `tesseract` program through pytesseract (one process per call, the
  image goes through a temporary file). The fallback, and the naive baseline of bench/.

`OMP_THREAD_LIMIT=1` is set before Tesseract loads: with one process per core, Tesseract's own
OpenMP threads only make it slower (see ../shared/notes/ocr-facts.md).
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from functools import cache
from typing import Protocol

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

import resources  # noqa: E402

INSTALL_HINT = (
    "Install Tesseract 5 with its Urdu and English data: on Debian/Ubuntu "
    "`sudo apt-get install tesseract-ocr tesseract-ocr-urd tesseract-ocr-eng`; on Windows "
    "reinstall Daftar (it carries Tesseract and its data)."
)

# Page segmentation modes used here (Tesseract numbering).
PSM_BLOCK = 6  # a uniform block of text: our stacked cells, one per line
PSM_LINE = 7  # one text line
PSM_WORD = 8  # one word


# Tesseract 5.5 (tesserocr's wheel) rejects many short Urdu lines as noise rows and returns
# nothing for them; 5.3 does not. Turning the noise-row rejection off brings them back.
TUNING = {"textord_noise_rejrows": "0"}


class EngineError(RuntimeError):
    """Tesseract is missing or cannot read; the message says what to install."""


@dataclass(frozen=True)
class Word:
    """One recognised word: text, Tesseract confidence 0..100, box (x, y, w, h) in the image."""

    text: str
    conf: float
    box: tuple[int, int, int, int]


class Engine(Protocol):
    """What recognise.py needs from an OCR back end."""

    name: str

    def words(
        self, image: np.ndarray, lang: str, psm: int = PSM_BLOCK, whitelist: str | None = None
    ) -> list[Word]:
        """Recognise a gray uint8 image; return its words in reading order."""
        ...


def _pil(image: np.ndarray) -> Image.Image:
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    if image.ndim == 3:
        image = image.mean(axis=2).astype(np.uint8)
    return Image.fromarray(image, mode="L")


def tessdata_dir() -> str:
    """Folder of urd/eng traineddata, or EngineError with an install hint."""
    try:
        path = resources.tessdata_dir()
    except FileNotFoundError as e:
        raise EngineError(f"{e} {INSTALL_HINT}") from None
    if not (path / "eng.traineddata").is_file():
        raise EngineError(f"English data (eng.traineddata) is missing in {path}. {INSTALL_HINT}")
    return str(path)


class TesserocrEngine:
    """Tesseract in this process; each (lang, psm) model is loaded once per process and thread."""

    name = "tesserocr"

    def __init__(self, datapath: str | None = None) -> None:
        import tesserocr  # noqa: F401  (fail here, not on first use)

        self.datapath = datapath or tessdata_dir()
        self._local = threading.local()

    def _api(self, lang: str, psm: int):
        import tesserocr

        apis = getattr(self._local, "apis", None)
        if apis is None:
            apis = self._local.apis = {}
        key = (lang, psm)
        api = apis.get(key)
        if api is None:
            try:
                api = tesserocr.PyTessBaseAPI(
                    path=self.datapath.rstrip("/") + "/", lang=lang, psm=psm,
                    oem=tesserocr.OEM.LSTM_ONLY,
                )
            except RuntimeError as e:
                raise EngineError(
                    f"Tesseract could not load language '{lang}' from {self.datapath} ({e}). "
                    f"{INSTALL_HINT}"
                ) from None
            api.SetVariable("debug_file", os.devnull)
            for name, value in TUNING.items():
                api.SetVariable(name, value)
            apis[key] = api
        return api

    def words(
        self, image: np.ndarray, lang: str, psm: int = PSM_BLOCK, whitelist: str | None = None
    ) -> list[Word]:
        api = self._api(lang, psm)
        api.SetVariable("tessedit_char_whitelist", whitelist or "")
        api.SetImage(_pil(image))
        api.SetSourceResolution(300)
        api.Recognize()
        # TSV keeps the logical (reading) order of right-to-left words; the word iterator of
        # tesserocr returns their letters in visual order.
        tsv = api.GetTSVText(0) or ""
        api.Clear()
        return parse_tsv(tsv)

    def symbols(
        self, image: np.ndarray, lang: str, psm: int = PSM_BLOCK, whitelist: str | None = None
    ) -> list[Word]:
        """Single characters with their boxes and confidences (for left-to-right digit runs)."""
        from tesserocr import RIL, iterate_level

        api = self._api(lang, psm)
        api.SetVariable("tessedit_char_whitelist", whitelist or "")
        api.SetImage(_pil(image))
        api.SetSourceResolution(300)
        api.Recognize()
        out: list[Word] = []
        it = api.GetIterator()
        if it is not None:
            for sym in iterate_level(it, RIL.SYMBOL):
                try:
                    text = sym.GetUTF8Text(RIL.SYMBOL)
                except RuntimeError:  # an empty symbol
                    continue
                bb = sym.BoundingBox(RIL.SYMBOL)
                if not text or not text.strip() or bb is None:
                    continue
                x1, y1, x2, y2 = bb
                out.append(Word(text.strip(), float(sym.Confidence(RIL.SYMBOL)), (x1, y1, x2 - x1, y2 - y1)))
        api.Clear()
        return out


def parse_tsv(tsv: str) -> list[Word]:
    """Words (level 5 rows) of Tesseract's TSV output."""
    out: list[Word] = []
    for line in tsv.splitlines():
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        if not text:
            continue
        x, y, w, h = (int(v) for v in parts[6:10])
        out.append(Word(text, float(parts[10]), (x, y, w, h)))
    return out


class CApiEngine:
    """Tesseract in-process through its C API (the system's libtesseract, via ctypes).

    On Debian this is the same Tesseract as the `tesseract` program (5.3). Measured on our
    stacked Urdu cells it read far more words than the Tesseract 5.5 bundled in the tesserocr
    wheel, which returns nothing for many short lines (see docs/benchmarks.md), so it is
    preferred when present. Models are loaded once per (lang, psm) and thread.
    """

    name = "capi"

    def __init__(self, datapath: str | None = None, library: str | None = None) -> None:
        import ctypes
        import ctypes.util

        lib_name = library or ctypes.util.find_library("tesseract") or "libtesseract.so.5"
        lib = ctypes.CDLL(lib_name)  # OSError when absent: the caller falls back
        c = ctypes
        lib.TessVersion.restype = c.c_char_p
        lib.TessBaseAPICreate.restype = c.c_void_p
        lib.TessBaseAPIInit2.argtypes = [c.c_void_p, c.c_char_p, c.c_char_p, c.c_int]
        lib.TessBaseAPIInit2.restype = c.c_int
        lib.TessBaseAPISetPageSegMode.argtypes = [c.c_void_p, c.c_int]
        lib.TessBaseAPISetVariable.argtypes = [c.c_void_p, c.c_char_p, c.c_char_p]
        lib.TessBaseAPISetVariable.restype = c.c_int
        lib.TessBaseAPISetImage.argtypes = [c.c_void_p, c.c_void_p, c.c_int, c.c_int, c.c_int, c.c_int]
        lib.TessBaseAPISetSourceResolution.argtypes = [c.c_void_p, c.c_int]
        lib.TessBaseAPIRecognize.argtypes = [c.c_void_p, c.c_void_p]
        lib.TessBaseAPIRecognize.restype = c.c_int
        lib.TessBaseAPIGetTsvText.argtypes = [c.c_void_p, c.c_int]
        lib.TessBaseAPIGetTsvText.restype = c.c_void_p
        lib.TessDeleteText.argtypes = [c.c_void_p]
        lib.TessBaseAPIClear.argtypes = [c.c_void_p]
        lib.TessBaseAPIDelete.argtypes = [c.c_void_p]
        lib.TessBaseAPIGetIterator.argtypes = [c.c_void_p]
        lib.TessBaseAPIGetIterator.restype = c.c_void_p
        lib.TessResultIteratorGetPageIterator.argtypes = [c.c_void_p]
        lib.TessResultIteratorGetPageIterator.restype = c.c_void_p
        lib.TessPageIteratorBoundingBox.argtypes = [c.c_void_p, c.c_int] + [c.POINTER(c.c_int)] * 4
        lib.TessPageIteratorBoundingBox.restype = c.c_int
        lib.TessResultIteratorGetUTF8Text.argtypes = [c.c_void_p, c.c_int]
        lib.TessResultIteratorGetUTF8Text.restype = c.c_void_p
        lib.TessResultIteratorConfidence.argtypes = [c.c_void_p, c.c_int]
        lib.TessResultIteratorConfidence.restype = c.c_float
        lib.TessResultIteratorNext.argtypes = [c.c_void_p, c.c_int]
        lib.TessResultIteratorNext.restype = c.c_int
        lib.TessResultIteratorDelete.argtypes = [c.c_void_p]
        self._lib = lib
        self.version = lib.TessVersion().decode()
        self.datapath = datapath or tessdata_dir()
        self._local = threading.local()

    def _api(self, lang: str, psm: int):
        apis = getattr(self._local, "apis", None)
        if apis is None:
            apis = self._local.apis = {}
        handle = apis.get((lang, psm))
        if handle is None:
            lib = self._lib
            handle = lib.TessBaseAPICreate()
            lib.TessBaseAPISetVariable(handle, b"debug_file", os.devnull.encode())
            if lib.TessBaseAPIInit2(handle, self.datapath.encode(), lang.encode(), 1) != 0:
                lib.TessBaseAPIDelete(handle)
                raise EngineError(
                    f"Tesseract could not load language '{lang}' from {self.datapath}. {INSTALL_HINT}"
                )
            lib.TessBaseAPISetPageSegMode(handle, psm)
            for name, value in TUNING.items():
                lib.TessBaseAPISetVariable(handle, name.encode(), value.encode())
            apis[(lang, psm)] = handle
        return handle

    def _recognise(self, image: np.ndarray, lang: str, psm: int, whitelist: str | None):
        """Hand `image` to the loaded model and recognise it; (handle, succeeded)."""
        import ctypes

        lib = self._lib
        handle = self._api(lang, psm)
        img = np.ascontiguousarray(_pil_array(image))
        h, w = img.shape
        lib.TessBaseAPISetVariable(handle, b"tessedit_char_whitelist", (whitelist or "").encode())
        lib.TessBaseAPISetImage(handle, img.ctypes.data_as(ctypes.c_void_p), w, h, 1, w)
        lib.TessBaseAPISetSourceResolution(handle, 300)
        return handle, lib.TessBaseAPIRecognize(handle, None) == 0

    def words(
        self, image: np.ndarray, lang: str, psm: int = PSM_BLOCK, whitelist: str | None = None
    ) -> list[Word]:
        import ctypes

        lib = self._lib
        handle, ok = self._recognise(image, lang, psm, whitelist)
        if not ok:
            lib.TessBaseAPIClear(handle)
            raise EngineError("Tesseract failed to recognise the image")
        ptr = lib.TessBaseAPIGetTsvText(handle, 0)
        tsv = ctypes.string_at(ptr).decode("utf-8", "replace") if ptr else ""
        if ptr:
            lib.TessDeleteText(ptr)
        lib.TessBaseAPIClear(handle)
        return parse_tsv(tsv)

    def symbols(
        self, image: np.ndarray, lang: str, psm: int = PSM_BLOCK, whitelist: str | None = None
    ) -> list[Word]:
        """Single characters with their boxes and confidences (for left-to-right digit runs)."""
        import ctypes

        lib = self._lib
        handle, ok = self._recognise(image, lang, psm, whitelist)
        out: list[Word] = []
        if ok:
            it = lib.TessBaseAPIGetIterator(handle)
            if it:
                level = 4  # RIL_SYMBOL
                page_it = lib.TessResultIteratorGetPageIterator(it)
                box = [ctypes.c_int() for _ in range(4)]
                while True:
                    ptr = lib.TessResultIteratorGetUTF8Text(it, level)
                    if ptr:
                        text = ctypes.string_at(ptr).decode("utf-8", "replace").strip()
                        lib.TessDeleteText(ptr)
                        ok = lib.TessPageIteratorBoundingBox(page_it, level, *[ctypes.byref(b) for b in box])
                        if text and ok:
                            x1, y1, x2, y2 = (b.value for b in box)
                            conf = float(lib.TessResultIteratorConfidence(it, level))
                            out.append(Word(text, conf, (x1, y1, x2 - x1, y2 - y1)))
                    if not lib.TessResultIteratorNext(it, level):
                        break
                lib.TessResultIteratorDelete(it)
        lib.TessBaseAPIClear(handle)
        return out


def _pil_array(image: np.ndarray) -> np.ndarray:
    if image.ndim == 3:
        image = image.mean(axis=2)
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    return image


class PytesseractEngine:
    """The `tesseract` program, one process per call (fallback and naive baseline)."""

    name = "pytesseract"

    def __init__(self, datapath: str | None = None) -> None:
        import pytesseract

        if not shutil.which(pytesseract.pytesseract.tesseract_cmd):
            raise EngineError(f"The `tesseract` program was not found. {INSTALL_HINT}")
        self.datapath = datapath or tessdata_dir()

    def words(
        self, image: np.ndarray, lang: str, psm: int = PSM_BLOCK, whitelist: str | None = None
    ) -> list[Word]:
        import pytesseract

        config = f'--tessdata-dir "{self.datapath}" --oem 1 --psm {psm} --dpi 300'
        if whitelist:
            config += f" -c tessedit_char_whitelist={whitelist}"
        try:
            d = pytesseract.image_to_data(
                _pil(image), lang=lang, config=config, output_type=pytesseract.Output.DICT
            )
        except pytesseract.TesseractError as e:
            raise EngineError(f"tesseract failed ({e.message.strip()}). {INSTALL_HINT}") from None
        out = []
        for i, text in enumerate(d["text"]):
            if int(d["level"][i]) != 5 or not text or not text.strip():
                continue
            out.append(
                Word(
                    text.strip(),
                    float(d["conf"][i]),
                    (int(d["left"][i]), int(d["top"][i]), int(d["width"][i]), int(d["height"][i])),
                )
            )
        return out


def is_installed() -> bool:
    """True when Tesseract (in-process or program) and its urd + eng data are usable."""
    return install_problem() is None


def install_problem() -> str | None:
    """Why OCR cannot run here (with what to install), or None when it can."""
    try:
        tessdata_dir()
    except EngineError as e:
        return str(e)
    try:
        import tesserocr  # noqa: F401

        return None
    except ImportError:
        pass
    import ctypes.util

    if ctypes.util.find_library("tesseract"):
        return None
    try:
        import pytesseract

        if shutil.which(pytesseract.pytesseract.tesseract_cmd):
            return None
    except ImportError:
        pass
    return f"Neither tesserocr nor the `tesseract` program is available. {INSTALL_HINT}"


@cache
def get_engine(prefer: str = "tesserocr") -> Engine:
    """The engine of this process (cached): tesserocr, else the system libtesseract through
    ctypes (capi), else the `tesseract` program through pytesseract.

    Raises EngineError with an install hint when neither can run.
    """
    problem = install_problem()
    if problem:
        raise EngineError(problem)
    order = {"capi": ("capi", "tesserocr"), "tesserocr": ("tesserocr", "capi")}.get(prefer, ())
    if prefer == "pytesseract":
        return PytesseractEngine()
    for name in order:
        try:
            return CApiEngine() if name == "capi" else TesserocrEngine()
        except (ImportError, OSError, AttributeError):
            continue
    return PytesseractEngine()
