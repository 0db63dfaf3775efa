"""`daftar self-test`: prove on this computer that everything Daftar needs is here and works.

Runs in a throw-away workspace (a temporary folder, removed afterwards) and touches no real
data. Checks, in order, each isolated so one failure never hides the others:

- workspace: create and migrate a workspace (Alembic migrations carried by the build)
- tesseract: an OCR engine loads with Urdu and English data (which engine, which tessdata)
- ocr:       read the bundled sample page through ocr.pipeline; its numbers must read right
- store:     save the page and its rows (from OCR, or the truth file if OCR failed)
- qt-display: Linux: the libraries Qt's xcb plugin needs to open a window are installed
- qt-urdu:   draw Urdu with the bundled Nastaliq font offscreen; ink, real glyphs, joined forms
- translations: the Urdu interface's compiled catalogue (.qm) is there (in the frozen build:
             shipped, never compiled here), Qt loads it and it gives every translation of the .ts
- pdf:       print a fard (records.reports) and check it is a PDF with ink on its page; print it
             in Nastaliq too: glyph outlines drawn, its Urdu text copies out
- job:       a job process starts (desktop.procjob, multiprocessing's spawn context: in the
             frozen build the program itself started again as the child) and verifies the audit
             chain of this workspace, as Verify chain, the progress report and sealing do
- audit:     the audit chain of all that verifies, and a tampered copy is caught

`run_selftest()` returns the results; `main()` prints one line per check and an exit code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE = "jamabandi-sample"  # resources/samples/NAME.png + NAME.json
NUMERIC_KINDS = ("integer",)  # must read exactly; other number kinds are reported
URDU_TEXT = "دفتر مال موضع دولتالہ"
# words Qt drew wrongly in Noto Nastaliq Urdu 2.000 (desktop/text_layout_check.py)
NASTALIQ_WORDS = ("بی بی", "محمد افضل", "شفیع", "بارانی", "منتقل الیہ")


class CheckFailed(Exception):
    """A check did not pass; the message is the one-line reason shown to IT staff."""


@dataclass
class CheckResult:
    """Outcome of one check: name, pass/fail, a one-line reason, seconds taken."""

    name: str
    ok: bool
    reason: str
    seconds: float = 0.0


@dataclass
class _Context:
    """What checks hand on to later checks (plain values and the temporary workspace)."""

    tmp: Path
    ws: object | None = None
    truth: dict | None = None
    image: object | None = None
    ocr_rows: list[dict] | None = None
    register_id: int | None = None
    extras: dict = field(default_factory=dict)


# ----------------------------------------------------------------------------- helpers
def sample_paths() -> tuple[Path, Path]:
    """The bundled sample page image and its truth JSON."""
    import resources

    base = resources.root() / "samples"
    png, truth = base / f"{SAMPLE}.png", base / f"{SAMPLE}.json"
    for p in (png, truth):
        if not p.is_file():
            raise CheckFailed(f"the bundled sample {p} is missing: reinstall Daftar")
    return png, truth


def _load_sample(ctx: _Context) -> None:
    if ctx.truth is not None:
        return
    import cv2

    png, truth = sample_paths()
    ctx.truth = json.loads(truth.read_text(encoding="utf-8"))
    ctx.image = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    if ctx.image is None:
        raise CheckFailed(f"cannot decode the sample image {png}")


def _need_workspace(ctx: _Context):
    if ctx.ws is None:
        raise CheckFailed("skipped: needs the workspace check to pass")
    return ctx.ws


# ----------------------------------------------------------------------------- checks
def check_workspace(ctx: _Context) -> str:
    from records.migrate import current_revision, head_revision
    from records.workspace import Workspace

    root = ctx.tmp / "workspace"
    ws = Workspace.open(root, create=True)
    ctx.ws = ws
    head, cur = head_revision(), current_revision(ws.engine)
    if cur != head:
        raise CheckFailed(f"migrated to {cur}, expected {head}")
    return f"created and migrated to schema {head} in {root}"


def check_tesseract(ctx: _Context) -> str:
    import resources
    from ocr.engine import EngineError, get_engine

    env = os.environ.get("TESSDATA_PREFIX")
    try:
        tessdata = resources.tessdata_dir()
    except FileNotFoundError as e:
        raise CheckFailed(str(e)) from None
    missing = [f"{lang}.traineddata" for lang in ("urd", "eng") if not (tessdata / f"{lang}.traineddata").is_file()]
    if missing:
        raise CheckFailed(f"{', '.join(missing)} missing in {tessdata}" + (" (TESSDATA_PREFIX)" if env else ""))
    try:
        engine = get_engine()
    except EngineError as e:
        raise CheckFailed(str(e)) from None
    version = getattr(engine, "version", "")
    if not version and engine.name == "tesserocr":
        import tesserocr

        version = tesserocr.tesseract_version().split()[1] if tesserocr.tesseract_version() else ""
    where = "bundled" if _is_within(tessdata, resources.root()) else "system"
    return f"engine {engine.name} {version}".rstrip() + f", {where} tessdata {tessdata}"


def _is_within(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def check_ocr(ctx: _Context) -> str:
    from ocr.evaluate import edit_distance
    from ocr.pipeline import read_image
    from records.templates import get_template
    from records.text import normalise

    _load_sample(ctx)
    tpl = get_template(ctx.truth["template"])
    page = read_image(ctx.image, tpl, source=f"{SAMPLE}.png")
    if page.error:
        raise CheckFailed(page.error)
    truth_rows = ctx.truth["rows"]
    if len(page.rows) != len(truth_rows):
        raise CheckFailed(f"read {len(page.rows)} rows of the sample page, expected {len(truth_rows)}")
    wrong, exact, other_right, other_total = [], 0, 0, 0
    urdu_errors = urdu_chars = 0
    for i, (got, want) in enumerate(zip(page.rows, truth_rows, strict=True), start=1):
        for spec in tpl.columns:
            if spec.name in want and spec.kind == "text-ur":
                read = normalise(got[spec.name].text) if spec.name in got else ""
                urdu_errors += edit_distance(read, normalise(want[spec.name]))
                urdu_chars += len(normalise(want[spec.name]))
            if spec.name not in want or spec.kind == "text-ur" or spec.kind == "choice":
                continue
            text = got[spec.name].text if spec.name in got else ""
            right = normalise(text) == normalise(want[spec.name])
            if spec.kind in NUMERIC_KINDS:
                if right:
                    exact += 1
                else:
                    wrong.append(f"row {i} {spec.name} read '{text}', expected '{want[spec.name]}'")
            else:
                other_total += 1
                other_right += right
    if wrong:
        raise CheckFailed("; ".join(wrong[:3]) + (f" (+{len(wrong) - 3} more)" if len(wrong) > 3 else ""))
    if "urdu-lines" not in page.method:
        raise CheckFailed("Urdu text was not read with the line model: resources/models/urdu_lines.npz "
                          "is missing or damaged; reinstall Daftar")
    cer = urdu_errors / max(1, urdu_chars)
    if cer > URDU_CER_LIMIT:
        raise CheckFailed(f"Urdu names of the sample page read with {cer:.0%} character errors "
                          f"(at most {URDU_CER_LIMIT:.0%} expected)")
    runtime = _line_runtime()
    ctx.ocr_rows = page.rows
    return (f"{len(page.rows)} rows, {exact} khewat/khatooni numbers exact, "
            f"{other_right}/{other_total} other number fields exact, Urdu text {cer:.1%} character "
            f"errors ({page.seconds:.1f} s, {page.method}; line models on {runtime})")


def _line_runtime() -> str:
    """The runtime both line models read with; a failed check when either fell back to numpy
    (about four times slower a line: onnxruntime or an exported .onnx file is missing)."""
    from ocr import number_lines, text_model
    from ocr.line_onnx import onnx_path, runtime

    for path, model in ((text_model.model_path(), text_model.default_model()),
                        (number_lines.model_path(), number_lines.get_line_number_reader().model)):
        if model is None or model.runtime is None:
            raise CheckFailed(f"{onnx_path(path)}: the line model is not read through onnxruntime "
                              "(file missing or unreadable); reinstall Daftar")
    return f"onnxruntime {runtime().__version__}, telemetry off"


URDU_CER_LIMIT = 0.10


@dataclass(frozen=True)
class _TruthReading:
    text: str
    raw_text: str = ""
    confidence: float = 1.0
    box: tuple | None = None
    flags: tuple = ()


def check_store(ctx: _Context) -> str:
    import cv2

    from records import services
    from records.accounts import create_user
    from records.workflow import ADMIN

    ws = _need_workspace(ctx)
    _load_sample(ctx)
    truth = ctx.truth
    rows = ctx.ocr_rows
    source = "OCR"
    if rows is None:  # OCR failed: still prove that saving works, from the truth file
        rows = [{k: _TruthReading(v, v) for k, v in r.items()} for r in truth["rows"]]
        source = "truth file (OCR failed)"
    ok, png = cv2.imencode(".png", ctx.image)
    if not ok:
        raise CheckFailed("cannot encode the sample page as PNG")
    h = truth["header"]
    with ws.session() as s:
        actor = create_user(s, actor=None, username="selftest", password="self-test-only",
                            role=ADMIN, check_rules=False).actor()
        ctx.extras["actor"] = actor
        rid = services.create_register(
            s, actor=actor, template=truth["template"], district=h["district"], tehsil=h["tehsil"],
            mauza=h["mauza"], hadbast_no=h["hadbast_no"], year=h["year"],
        )
        added = services.add_page(s, ws.images, actor=actor, register_id=rid, data=png.tobytes(),
                                  name=f"{SAMPLE}.png", width=ctx.image.shape[1], height=ctx.image.shape[0])
        services.save_ocr_rows(s, actor=actor, page_id=added.page_id, rows=rows)
    with ws.session() as s:
        saved = services.page_rows(s, added.page_id)
    khewats = [r.text("khewat_no") for r in saved]
    if len(saved) != len(truth["rows"]):
        raise CheckFailed(f"saved {len(saved)} rows, expected {len(truth['rows'])}")
    ctx.register_id = rid
    ctx.extras["khewat"] = khewats[0]
    return f"register {rid}, 1 page, {len(saved)} rows from {source} (khewat {', '.join(khewats)})"


def check_qt_display(ctx: _Context) -> str:
    """Linux: every library Qt's xcb plugin (the one a desktop uses) needs is installed."""
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    if not sys.platform.startswith("linux"):
        found = sorted(p.stem for p in plugins.glob("*")) if plugins.is_dir() else []
        return f"not a Linux desktop; platform plugins: {', '.join(found) or 'none found'}"
    xcb = plugins / "libqxcb.so"
    if not xcb.is_file():
        raise CheckFailed(f"Qt's xcb platform plugin is missing ({xcb}): reinstall Daftar")
    try:
        out = subprocess.run(["ldd", str(xcb)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"{xcb.name} present; libraries not checked (ldd: {e})"
    missing = sorted({line.split()[0] for line in out.splitlines() if "not found" in line})
    if missing:
        raise CheckFailed(
            f"the desktop window cannot open: {', '.join(missing)} not installed. Install them, "
            "e.g. `sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libegl1` (see docs/install.md)"
        )
    return f"{xcb.name} and its {out.count('=>')} libraries found"


def check_qt_urdu(ctx: _Context) -> str:
    # always offscreen: no display is needed, and an xcb start without one would abort
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import numpy as np
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import (
        QColor,
        QFont,
        QFontDatabase,
        QGlyphRun,
        QGuiApplication,
        QImage,
        QPainter,
        QRawFont,
        QTextLayout,
    )

    import resources

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0], "-platform", "offscreen"])
    ctx.extras["qt_app"] = app  # keep it alive until the run ends
    path = resources.font_path(resources.URDU_NASTALIQ_SCREEN)  # what records are drawn with
    fid = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
    if not families:
        raise CheckFailed(f"Qt could not load the font {path}")
    font = QFont(families[0])
    font.setPixelSize(40)

    def canvas() -> QImage:
        img = QImage(720, 140, QImage.Format.Format_ARGB32)
        img.fill(QColor("white"))
        return img

    def ink(img: QImage) -> np.ndarray:
        gray = img.convertToFormat(QImage.Format.Format_Grayscale8)
        arr = np.frombuffer(gray.constBits(), np.uint8).reshape(gray.height(), gray.bytesPerLine())
        return arr[:, : gray.width()] < 128

    text_img = canvas()
    p = QPainter(text_img)
    p.setFont(font)
    p.setPen(QColor("black"))
    p.drawText(QRectF(0, 0, 720, 140), int(Qt.AlignmentFlag.AlignCenter), URDU_TEXT)
    p.end()
    text_ink = ink(text_img)
    if text_ink.sum() < 500:
        raise CheckFailed(f"drawing Urdu with {families[0]} left almost no ink ({int(text_ink.sum())} px)")

    raw = QRawFont.fromFont(font)
    letters = URDU_TEXT.replace(" ", "")
    nominal = raw.glyphIndexesForString(letters)
    if not raw.isValid() or any(g == 0 for g in nominal):
        raise CheckFailed(f"{families[0]} has no glyph for some letters of '{URDU_TEXT}'")
    # the same number of missing-glyph boxes (.notdef, glyph 0) must look different
    run = QGlyphRun()
    run.setRawFont(raw)
    run.setGlyphIndexes([0] * len(letters))
    run.setPositions([QPointF(20 + 30 * i, 90) for i in range(len(letters))])
    box_img = canvas()
    p = QPainter(box_img)
    p.setPen(QColor("black"))
    p.drawGlyphRun(QPointF(0, 0), run)
    p.end()
    differ = float((ink(box_img) != text_ink).mean())
    if differ < 0.01:
        raise CheckFailed("the Urdu drawing looks like missing-glyph boxes")
    # shaping: laid-out glyphs must be joined forms, not the isolated letters of the cmap
    layout = QTextLayout(URDU_TEXT, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    shaped = [g for r in layout.glyphRuns() for g in r.glyphIndexes()]
    if set(shaped) <= set(nominal):
        raise CheckFailed("Urdu letters were not joined (no contextual forms): text shaping is broken")
    # placement: Qt must put every glyph where HarfBuzz does (it drew Noto Nastaliq Urdu 2.000
    # with dots lost and letters on top of one another), with the app's own font file
    from desktop.text_layout_check import font_file_in_use, head_table, misplaced_words

    if font_file_in_use(families[0]) != head_table(path):
        raise CheckFailed(f"Qt draws {families[0]} from another file than {path} (a system font of that name?)")
    wrong = misplaced_words(families[0], path, URDU_TEXT.split() + list(NASTALIQ_WORDS))
    if wrong:
        raise CheckFailed(f"Qt lays out {families[0]} otherwise than HarfBuzz shapes it: {', '.join(wrong)}")
    if os.environ.get("DAFTAR_SELFTEST_KEEP"):
        text_img.save(str(ctx.tmp / "urdu.png"))
    return (f"{families[0]}: {int(text_ink.sum())} ink px, {len(shaped)} shaped glyphs, "
            f"{differ:.0%} different from missing-glyph boxes (platform {QGuiApplication.platformName()})")


def _compiled_as(translator, context: str, source: str, urdu) -> bool:
    """Whether the compiled catalogue gives `urdu` for (context, source): a text with plural
    forms (a tuple, read_ts(forms=True)) gives its first for one and its last for two."""
    if isinstance(urdu, str):
        return translator.translate(context, source) == urdu
    return (translator.translate(context, source, None, 1) == urdu[0]
            and translator.translate(context, source, None, 2) == urdu[-1])


def check_translations(ctx: _Context) -> str:
    from PySide6.QtCore import QTranslator

    from desktop import i18n

    ts = i18n.ts_path("ur")
    if not ts.is_file():
        raise CheckFailed(f"the Urdu interface's translations {ts} are missing: reinstall Daftar")
    qm = i18n.qm_path("ur")
    if qm is None:
        where = "shipped with this build" if getattr(sys, "frozen", False) else "compiled (pyside6-lrelease)"
        raise CheckFailed(f"no compiled Urdu catalogue {ts.with_suffix('.qm').name} {where}: the Urdu "
                          "interface would be read from the .ts at every start; reinstall Daftar")
    translator = QTranslator()
    if not translator.load(str(qm)):
        raise CheckFailed(f"Qt cannot load the Urdu catalogue {qm}: reinstall Daftar")
    table = i18n.read_ts(ts, forms=True)
    wrong = [src for (context, src), urdu in table.items() if not _compiled_as(translator, context, src, urdu)]
    if wrong:
        raise CheckFailed(f"{qm} gives {len(wrong)} of the {len(table)} Urdu translations otherwise than "
                          f"{ts.name} (first: '{wrong[0]}'): reinstall Daftar")
    return f"{qm} loads: {len(table)} Urdu translations, e.g. Verify chain = {table[('AuditViewer', 'Verify chain')]}"


def check_pdf(ctx: _Context) -> str:
    ws = _need_workspace(ctx)
    if ctx.register_id is None:
        raise CheckFailed("skipped: needs the store check to pass")
    try:
        from records.reports.fard import fard_pdf
    except ImportError as e:
        raise CheckFailed(f"records.reports is missing from this build ({e})") from None
    out = ctx.tmp / "fard.pdf"
    fard_pdf(ws, out, register_id=ctx.register_id, khewat=ctx.extras["khewat"])
    data = out.read_bytes() if out.is_file() else b""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckFailed(f"{out} is not a complete PDF ({len(data)} bytes)")
    import numpy as np
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(out))
    try:
        n = len(doc)
        bitmap = doc[0].render(scale=1).to_pil().convert("L")
    finally:
        doc.close()
    dark = int((np.asarray(bitmap) < 128).sum())
    if n < 1 or dark < 1000:
        raise CheckFailed(f"{out}: {n} page(s), {dark} dark px on page 1: the print is empty")
    shapes, letters = _nastaliq_print(ctx, ws)
    return (f"fard of khewat {ctx.extras['khewat']}: {len(data) / 1024:.0f} KB, {n} page(s), {dark} ink px on "
            f"page 1; in Nastaliq {shapes} glyph shapes, {letters} Urdu letters copy out")


def _nastaliq_print(ctx: _Context, ws) -> tuple[int, int]:
    """The same fard printed in Nastaliq (`print.urdu_font`): how many glyph outlines it
    draws and how many Urdu letters its text gives back (the invisible layer)."""
    import re

    import pypdfium2 as pdfium

    from records.reports.fard import build_fard, render_fard
    from records.reports.layout import ReportOptions

    out = ctx.tmp / "fard-nastaliq.pdf"
    with ws.session() as s:
        data = build_fard(s, register_id=ctx.register_id, khewat=ctx.extras["khewat"])
    render_fard(data, out, ReportOptions(nastaliq=True))
    shapes = len(set(re.findall(rb"FormXob\.DaftarG\d+", out.read_bytes())))
    doc = pdfium.PdfDocument(str(out))
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    letters = len(re.findall("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]", text))
    if shapes < 20 or letters < 20:
        raise CheckFailed(f"{out}: Nastaliq print has {shapes} glyph shapes and {letters} Urdu letters to copy")
    return shapes, letters


JOB_TIMEOUT = 120.0  # seconds: the job process starting and answering (a few seconds here)


def check_job(ctx: _Context) -> str:
    """The app's long work (Verify chain, the progress report, sealing) runs in a process of its
    own started as the app starts it (desktop.procjob): a build whose child process cannot start
    (no freeze_support, a module the child imports missing) or starts the whole program again
    shows here, not at the first Verify chain in an office."""
    import threading

    from desktop.job_process import workspace_args
    from desktop.procjob import JobFailed, run_in_process

    ws = _need_workspace(ctx)
    steps: list[tuple[str, int, int]] = []
    cancel = threading.Event()
    timer = threading.Timer(JOB_TIMEOUT, cancel.set)
    timer.daemon = True
    timer.start()
    t0 = time.perf_counter()
    try:
        r, findings = run_in_process("desktop.job_process:verify_audit", workspace_args(ws),
                                     progress=lambda *step: steps.append(step), cancel=cancel)
    except JobFailed as e:
        raise CheckFailed(f"the job process did not answer: {e}; the app's Verify chain, progress "
                          "report and sealing cannot run: reinstall Daftar") from None
    except Exception as e:  # noqa: BLE001 - JobCancelled (timed out) or the job's own error
        if cancel.is_set():
            raise CheckFailed(f"the job process gave no answer in {JOB_TIMEOUT:.0f} s (ended); the "
                              "app's Verify chain, progress report and sealing would hang") from None
        raise CheckFailed(f"the job process failed: {type(e).__name__}: {e}") from None
    finally:
        timer.cancel()
    took = time.perf_counter() - t0
    if not r.ok:
        raise CheckFailed(f"the job process found the chain broken at event {r.first_bad_id}: {r.reason}")
    if r.checked < 1:
        raise CheckFailed("the job process verified no audit events")
    if findings is None or findings.count:
        first = findings.lines[0] if findings and findings.lines else "not checked"
        raise CheckFailed(f"the job process found the records differ from the trail: {first}")
    return (f"a spawned process verified {r.checked} audit events and the records against them "
            f"({len(steps)} progress reports) in {took:.1f} s")


def check_audit(ctx: _Context) -> str:
    from sqlalchemy import text

    from records import audit

    ws = _need_workspace(ctx)
    with ws.session() as s:
        r = audit.verify(s)
    if not r.ok:
        raise CheckFailed(f"chain broken at event {r.first_bad_id}: {r.reason}")
    if r.checked < 1:
        raise CheckFailed("no audit events were written by the steps above")
    # the verifier must also catch a change: tamper with the throw-away workspace
    with ws.session() as s:
        s.execute(text("UPDATE audit_event SET new = coalesce(new, '') || 'x' WHERE id = 1"))
    with ws.session() as s:
        tampered = audit.verify(s)
    if tampered.ok:
        raise CheckFailed("a changed audit event was not detected")
    return f"{r.checked} events verified; a changed event was caught ({tampered.reason})"


CHECKS: list[tuple[str, Callable[[_Context], str]]] = [
    ("workspace", check_workspace),
    ("tesseract", check_tesseract),
    ("ocr", check_ocr),
    ("store", check_store),
    ("qt-display", check_qt_display),
    ("qt-urdu", check_qt_urdu),
    ("translations", check_translations),
    ("pdf", check_pdf),
    ("job", check_job),
    ("audit", check_audit),
]


# the checks a check builds on: `--only pdf` runs them first (it said "FAIL pdf skipped: needs
# the workspace check to pass" without them, whatever the PDF printing did)
NEEDS: dict[str, tuple[str, ...]] = {
    "store": ("workspace",),
    "pdf": ("workspace", "store"),
    "job": ("workspace",),
    "audit": ("workspace",),
}


def with_needs(only: list[str]) -> set[str]:
    """The checks named and those they build on (NEEDS)."""
    return set(only).union(*(NEEDS.get(name, ()) for name in only))


def _one_line(e: BaseException) -> str:
    msg = str(e).strip().splitlines()
    first = msg[0] if msg else ""
    return first if isinstance(e, CheckFailed) else f"{type(e).__name__}: {first}"


def run_selftest(
    report: Callable[[CheckResult], None] | None = None, *, only: list[str] | None = None
) -> list[CheckResult]:
    """Run every check (or those named in `only`, with the checks they build on) in a
    temporary workspace; return results."""
    only = sorted(with_needs(only)) if only else None
    tmp = Path(tempfile.mkdtemp(prefix="daftar-selftest-"))
    ctx = _Context(tmp)
    results = []
    try:
        for name, fn in CHECKS:
            if only and name not in only:
                continue
            t0 = time.perf_counter()
            try:
                res = CheckResult(name, True, fn(ctx))
            except Exception as e:  # noqa: BLE001 - a check's failure is its result
                if os.environ.get("DAFTAR_SELFTEST_DEBUG"):
                    traceback.print_exc()
                res = CheckResult(name, False, _one_line(e))
            res.seconds = time.perf_counter() - t0
            results.append(res)
            if report:
                report(res)
    finally:
        if ctx.ws is not None:
            ctx.ws.close()
        if os.environ.get("DAFTAR_SELFTEST_KEEP"):
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return results


def print_result(r: CheckResult) -> None:
    """One line per check: PASS/FAIL, name, reason."""
    print(f"{'PASS' if r.ok else 'FAIL'}  {r.name:<10} {r.reason} [{r.seconds:.1f} s]", flush=True)


def main(only: list[str] | None = None) -> int:
    """Print each check and a summary; 0 when all pass, 1 otherwise."""
    from daftar import __version__

    frozen = "frozen build" if getattr(sys, "frozen", False) else "from source"
    print(f"Daftar {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, {sys.platform})", flush=True)
    from daftar.crashlog import log_path

    print(f"The app's log on this computer (for IT when the app ends unexpectedly): {log_path()}", flush=True)
    t0 = time.perf_counter()
    results = run_selftest(print_result, only=only)
    failed = [r.name for r in results if not r.ok]
    took = time.perf_counter() - t0
    if failed:
        print(f"self-test FAILED: {len(failed)} of {len(results)} checks ({', '.join(failed)}) [{took:.1f} s]")
        return 1
    print(f"self-test passed: {len(results)} checks [{took:.1f} s]")
    return 0
