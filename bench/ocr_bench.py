"""OCR benchmark (issue 4): speed against the naive per-cell path, accuracy, flag calibration.

    nice -n 10 .venv/bin/python bench/ocr_bench.py [--pages 12] [--speed-pages 2] [--write]

1. Generates two seeded sets of jamabandi pages with ocr.synth (Naskh and Nastaliq; clean,
   light and moderate degradation; Latin digits), one to calibrate the flag thresholds on
   (seed 101) and one to report on (seed 202), plus a small Urdu-digit set.
2. Speed: the same pages through the naive path (pytesseract, one `tesseract` process per
   cell, on the generator's own cell boxes) and through ocr.pipeline.read_image, in one run.
   Wall time and CPU time (our process plus its children) are both reported: the dev
   machine is shared, so CPU time is the steadier figure.
3. Accuracy of read_image on the report set, with thresholds calibrated on the other set.
4. With --write, replaces the "OCR engine" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from ocr import confidence  # noqa: E402
from ocr.engine import PSM_LINE, PytesseractEngine  # noqa: E402
from ocr.evaluate import compare_page, evaluate_pages, page_pairs, truth_vocabulary  # noqa: E402
from ocr.pipeline import read_files, read_image  # noqa: E402
from records.templates import NUMERIC_KINDS, builtin  # noqa: E402

SECTION = "## OCR engine (ocr/pipeline.py, issue 4)"

# What was tried on the way, measured on the same generated pages (calibration seed 101,
# 6-12 pages, CPU time per page in one process; the machine's load average was 7-10, so
# wall times were 3-5x the CPU times). Kept here so a rerun rewrites the same notes.
NOTES = """### What was tried (and why the code is as it is)

- **tesserocr vs. libtesseract 5.3 (ctypes) vs. pytesseract.** On 132 stacked Urdu cells
  tesserocr's bundled Tesseract 5.5.4 returned nothing for 38 short lines (Debian's 5.3: 8).
  Cause: 5.5 rejects them as noise rows; `textord_noise_rejrows=0` brings them all back
  (both versions then read 247 of 263 cells exactly), and 5.5 is 1.4-2.7x faster than 5.3,
  so tesserocr stays the default (`ocr.engine.TUNING`). The C API engine stays as a fallback.
- **Stacking.** One `urd` recognition per page for all Urdu cells, one or two digit
  recognitions for all numbers; words are mapped back to cells by position. Per line with
  `SetRectangle` + psm 7 was slower (1.18 s vs 1.04 s CPU for 130 cells). On one stack,
  line heights of 24-48 px cost about the same (the LSTM rescales every line).
- **Parallel pages.** `read_files` with one worker process per core: 6 report pages took
  6.43 s wall per page with 1 worker and 3.24 s with 2 (load average about 10 from other
  jobs), so the 2-core machine's throughput is about 2x one process; a broken worker pool
  falls back to reading in the calling process.
- **Scale.** Scaling each cell to its own ink height gave each a different font size and
  garbled short words at the top of a stack; one factor per stack fixed it. With per-cell
  scaling, 2x upscaling of small text (the old rule) vs. 32/40/48 px lines gave 64.9% /
  65.2% / 64.1% / 64.8% of fields exact on 6 pages (noise). With one factor per stack, the
  name fields (owner, cultivator) of the 12 calibration pages at 32/44/48/56/72 px lines:
  Naskh 77.5/84.2/83.3/87.1/83.8% exact (CER 1.7/1.4/1.9/1.5/1.7%), Nastaliq CER
  25.2/22.3/23.1/21.8/22.4%, at 1.84/2.11/2.03/2.23/2.35 s CPU per page: 56 px is used
  (LINE_PX). Smaller text costs less here, unlike the 24-48 px test on one stack above.
- **Numbers.** Tesseract drops slashes (69/4 -> 694), so number cells are cut at their
  separators by glyph shape (hyphen: flat mark at mid-height; slash: tall mark leaning
  right; list: wide gap) and only digit groups are read. Reading groups as separate words
  failed (Tesseract merged them across wide gaps); reading characters and mapping each by
  its x works. A digit whitelist without a space cost the digit after a gap its confidence
  (0.0-0.3); with the space, 0.83-0.99. Separators left in the image ("natural") vs.
  replaced by gaps: 88.8% vs 94.7% of numeric fields exact. The stock `eng` model reads a
  digit differently at different scales (272 -> 242 at 40 px, right at 32 and 48), with
  confidence up to 0.96, so numbers the first pass is not near-certain of are read again at
  another height and a disagreement lowers the confidence; a lone digit is drawn twice
  (the model read a lone 1 as 4).
- **Ink masks.** Otsu lost the thin slash of Nastaliq pages and a lower threshold let a
  stamp's arc in; hysteresis (dark core, grown into the grey around it) keeps both right,
  and marks much taller than the digits are dropped.
- **Tesseract on Nastaliq.** The stock `urd` model was trained on Naskh-like text; no
  scale, psm or crop change moved its CER on names below 25% (the script/Arabic model is not
  installed and, per ../shared/notes/ocr-facts.md, was no better), and Debian's integer
  models cannot be fine-tuned. Urdu digits: `urd` with an Urdu-digit whitelist reads almost
  none; the dedicated reader of issue 11 is used for numbers whenever its model is installed
  (`number_reader="auto"`, the default).
- **The line model (the default for Urdu text since this run).** A CNN + BiLSTM + CTC line
  reader trained from scratch here (`ocr/train_text.py`; resources/models/README.md has the
  recipe) on 132,582 lines cut from 1,400 generated pages (Naskh and Nastaliq, clean to
  heavy) whose Urdu values were replaced by random words of the word list inside Debian's
  `urd.traineddata`; the pages read here hold the generator's names, which the model did not
  train on. Run in numpy (ONNX Runtime since the ninth stop, below): the page's Urdu cells
  cost about a fifth of the CPU time of the stacked `urd` recognitions. Its validation CER on held-out random-word lines (all fonts
  and degradations) fell 11.8% -> 7.7% -> 6.3% -> 5.8% -> 5.3% over the first epochs. Most
  Nastaliq errors left were missing spaces: after a letter that does not join (د ر و ا)
  Nastaliq sets the next word about as close as the next letter. A token that is not in
  that word list but splits into known words of three letters or more, only after such a
  letter, is split (`ocr/wordsplit.py`); on 4 pages of the report set that took Nastaliq
  owners from 8.5% to 7.3% CER with Naskh unchanged; splitting anywhere (also after joining
  letters) made Naskh owners 9x worse (0.2% -> 2.0%), so the rule is strict. Boosting the
  space class at decoding (x2 to x8) did not help (8.5% -> 8.2-8.3%).
- **Vocabulary.** Naskh errors are few but confident, so confidence alone must flag many
  right readings to catch them. An office's names repeat (families of one mauza), so the
  app now passes OCR the words clerks have typed or vouched for (submitted entries;
  records.suggest.ocr_vocabulary, rebuilt every 2 minutes by the OCR queue): an Urdu text
  field whose words are all known is flagged only below 0.5, one with a word never recorded
  is always flagged ("new_word", naming the word); a field group with fewer than 30
  recorded values is not used (a new office). A choice read letter for letter as one of its
  list's entries is also held to 0.5 (the list is its vocabulary). The bench builds that vocabulary from the calibration pages'
  true values and reads the report pages with it. Caveat: the generator draws names from
  one list, so nearly every right word of the report pages is known; in an office, a new
  family's name is flagged until a clerk has typed it once (an extra look, not a miss).
- **Flags.** Word confidence, the field kind's parser and records.validation's cross-row
  rules. Thresholds are the lowest that flag 95% of the wrong fields of each font on the
  calibration seed. Naskh errors are few but often confident (ہارون -> بارون at 0.88);
  Nastaliq errors are many, so with Nastaliq pages in the mix the flagged share cannot
  stay under 20%. Other confidence signals for Naskh text fields (calibration pages, 675
  fields, 95 wrong), share of fields flagged to catch 95% of the wrong ones: our word score
  64%, the weakest word 57%, the weakest character 57%, the mean character 92%. Tesseract's
  confidences do not separate its confident substitutions from right readings; the
  thresholds are set for recall (a missed error is worse than an extra look).
  With the line model (this run) Urdu text is far better (CER 2.3% against 12.1%) but its
  remaining errors are as confident as its right readings: CTC puts nearly all of a step's
  probability on one class. Counting the blank steps beside each letter (a missed space
  shows as a blank that only just won) took the calibration pages from 94% to 86% of text
  fields flagged for 95% of the wrong ones (counting only blank steps whose runner-up is
  not a neighbouring letter, i.e. not that letter's alignment, was worse: 95%; doubting
  every line whose two readings, as cut and trimmed, differ changed nothing: 92.2% against
  92.0% with the final model, whose wrong readings are stable as well as confident); still far
  too many, so without an office
  vocabulary nearly half the fields are flagged. With the office's vocabulary (the app's
  default once a field group has 30 recorded values) the target is met. Using Debian's
  general Urdu word list as the vocabulary of a new office was worse (32.5% flagged, 74% of
  wrong fields caught: many misreadings are real words, سکہ for سکنہ).
- **Reading twice.** A long Nastaliq line holding tall letters and deep tails is scaled
  smaller than most training lines; the first model (7 epochs) read such lines far worse
  (row 1 of a page, 13 errors in 56 letters; the same crop cut by 10-20% of its height: 1).
  Two fixes, both kept: the model went on training for 2 epochs with half of the lines
  zoomed in or out by up to 28%, and each line is read as cut and cut to the rows holding
  99% of its ink, the surer reading kept if it is surer by more than 0.03 (mean log
  probability per letter; with no margin the cut reading lost the madda of آ on a clean
  Naskh page). On 4 Nastaliq calibration pages (seed 101) owners went 6.2% -> 2.7% CER with
  the first model; 0.97/0.98/0.995 were worse or mixed.
- **Word splitting, measured again (2026-11-26).** With the final line model the split step
  did more harm than good: it split words the model had read right whenever the general
  list lacked them but held two parts (the irrigation term بارانی -> بار انی, 26 fields
  of the report pages at 0.92-0.996 confidence, the most confident errors of all;
  جڑانوالہ -> جڑا نوالہ). Wrong Urdu text fields of the report pages, same readings: no
  splitting 139, splitting with the general list 170, with the general list and the
  register's own terms (`ocr.wordsplit.register_terms`: the shipped irrigation, rent,
  cultivation, remark and relation entries; no names, qoams or places) 129, which is kept;
  a number run into a word (نمبر8208) also gets its space back. Joining two tokens that
  make a known word (بار انی -> بارانی) instead gained nothing and joined محمد علی.
  Without those confident errors, flagging 95% of the wrong text fields of the
  calibration pages takes a threshold of 0.82 instead of 0.97, and flags 43% of the report
  pages' text fields instead of 86% (same confidences, offline).
- **Flags for an office with no vocabulary yet (2026-11-26).** Most text fields the
  thresholds flagged were right readings of the register's own terms: irrigation (بارانی,
  نہری), rent (بٹائی نصف), cultivation (بقبضہ مالک), remarks (انتقال نمبر 5082 منظور). A field
  read as exactly one entry of the shipped term lists (resources/vocab: irrigation, rents,
  cultivators, remarks, relations, districts_tehsils; no names of people, qoams or villages)
  is now held to the lower `text_known` threshold: 793 of the report pages' 1,366 Urdu text
  fields were such entries, none of them wrong. A reading a letter or two from an entry
  (حکم مدالت for حکم عدالت, بقبرضہ مالک) is flagged `near_term`, naming the entry; one that
  differs from an entry only in its spaces (رہن باقبضہ) takes the entry's spacing. Caveat,
  said plainly: the generator draws those columns from the same lists, so on these pages
  they are nearly always exact entries; real registers use the same standard terms, but
  with variants the lists do not hold (those are then judged by confidence alone, as
  before). The thresholds are now calibrated with the app's own readers (the issue-11
  number readers, not Tesseract's digits) and for 98% of the calibration pages' wrong
  fields: with 95% the report pages came out at 93.6% (about 125 wrong text fields per
  set is a small sample); numbers are held to at least 0.9 (FLOORS). Measured the same way
  on two more seeds the thresholds never saw (404 and 505, 12 pages each): 14.9% and 15.2%
  of fields flagged, catching 97.7% and 98.5% of the wrong ones; numeric fields 99.2% and
  99.6% exact, every wrong one flagged.
- **Numbers on the page (2026-11-26).** A khasra list that wrapped onto two lines of its
  cell was read as one line, which kept one of them (2190/17، 1911/15، 2287/6/1 ->
  1911/15، 2287/6/1): list cells are now split into their lines and each read, top first.
  A stamp's arc entering a cell near a corner was read as a leading 1 (349 -> 1349): a
  thin stroke running into a corner, apart from the digits or above or below them, is not
  ink, nor a slender stroke from top to bottom near a side; this is done in number cells
  only (in Urdu cells a wider stroke took the first word of an owner with it, and a sparse
  word touching a tight cell's corner, علی of علی احمد, was taken for a stroke). Numeric
  fields wrong on the four seeds (1,212 each): calibration 6, report 7 -> 3, 404 13 -> 10,
  505 7 -> 5 (24 of 4,848: 99.50%); the rest are under stamps, all flagged.
- **Two more epochs for the Urdu line model (tried, not shipped).** Its validation CER on
  held-out random-word lines went 4.81% -> 4.65% (max learning rate 3e-4, lines zoomed as
  before, 17 min), and the calibration pages had 126 -> 119 wrong text fields, but the
  report pages got worse (all fields 95.8% -> 95.4% exact, Nastaliq owners CER 3.1% ->
  3.8%): the shipped model stays.
- **Numbers inside Urdu text** (remarks such as انتقال نمبر 5082): the model first trained
  had never seen a digit and read them as letters. One more epoch with numbers in 30% of the
  values of 300 extra pages (labels in the mirrored line's order, where a number runs left
  to right; decoding reverses each digit run) fixed it: on 6 calibration pages remarks went
  from 85.3% to 100% exact on Naskh and from 76.5% to 82.4% on Nastaliq, names unchanged
  within a letter or two.
- **The line models on ONNX Runtime (2026-11-26, ninth stop).** The Urdu and number line
  models are exported to ONNX beside their weights (`ocr/line_onnx.py`) and read through
  ONNX Runtime on one thread, one line at a time: the same probabilities as the numpy
  network (within 2e-5, tested), so the same readings on every page here, and a page in
  0.72 s instead of 1.28 s (a batch of 8 pages 0.48 s a page instead of 0.75).
"""
CACHE = Path(os.environ.get("DAFTAR_BENCH_CACHE", "/tmp/daftar-ocr-bench"))


def cpu_now() -> float:
    """CPU seconds of this process and its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + ch.ru_utime + ch.ru_stime


def make_set(name: str, n: int, seed: int, digits: str = "latin", levels=("clean", "light", "moderate")) -> Path:
    from ocr.synth import write_pages

    out = CACHE / f"{name}-{n}-{seed}-{digits}"
    if out.is_dir() and len(list(out.glob("*.json"))) >= n:
        return out
    write_pages(out, builtin("jamabandi"), n, seed=seed, levels=levels,
                fonts=("naskh", "nastaliq"), digits=(digits,))
    return out


def naive_page(engine: PytesseractEngine, image: np.ndarray, boxes: dict, template) -> dict:
    """Per-cell pytesseract: one `tesseract` process per non-empty cell, psm 7."""
    out = {}
    for (r, name), (x, y, w, h) in boxes.items():
        spec = template.field(name)
        crop = image[y : y + h, x : x + w]
        if crop.size == 0 or crop.min() > 128:
            continue  # blank cell: the naive path would skip it too
        if spec.kind in NUMERIC_KINDS:
            words = engine.words(crop, "eng", PSM_LINE, whitelist="0123456789/-")
        else:
            words = engine.words(crop, "urd", PSM_LINE)
        out[(r, name)] = " ".join(w.text for w in words)
    return out


def speed(pairs, template, n_pages: int, workers: int = 2, throughput_pages: int = 8) -> dict:
    # as the app's OCR worker processes run (desktop/ocr_worker.py): OpenCV's own thread pool
    # spread a page's small per-cell operations over both cores and cost 0.26 s of CPU per
    # page (1.58 -> 1.32 s) for no gain in wall time (1.32 s either way)
    cv2.setNumThreads(1)
    engine = PytesseractEngine()
    pages = []
    for img_path, _js in pairs[:n_pages]:
        image = cv2.imread(str(img_path), cv2.IMREAD_GRAYSCALE)
        pages.append((img_path, image, _boxes_for(img_path, template)))
    # ours first (warm the models once, as a running app has them loaded): Tesseract for
    # everything, the path the per-cell baseline is compared with
    read_image(pages[0][1], template, number_reader="tesseract", text_reader="tesseract")
    t0, c0 = time.perf_counter(), cpu_now()
    ours_cells = 0
    for _, image, _ in pages:
        r = read_image(image, template, number_reader="tesseract", text_reader="tesseract")
        ours_cells += sum(len(row) for row in r.rows) + len(r.header)
    ours_wall, ours_cpu = time.perf_counter() - t0, cpu_now() - c0
    t0, c0 = time.perf_counter(), cpu_now()
    naive_cells = 0
    for _, image, boxes in pages:
        naive_cells += len(naive_page(engine, image, boxes, template))
    naive_wall, naive_cpu = time.perf_counter() - t0, cpu_now() - c0
    n = len(pages)
    # dedicated number reader, Tesseract's urd for Urdu text (the default before the line model)
    read_image(pages[0][1], template, number_reader="auto", text_reader="tesseract")
    t0, c0 = time.perf_counter(), cpu_now()
    for _, image, _ in pages:
        read_image(image, template, number_reader="auto", text_reader="tesseract")
    urd_wall, urd_cpu = time.perf_counter() - t0, cpu_now() - c0
    # the app's default: the dedicated number reader and the Urdu line model
    read_image(pages[0][1], template, number_reader="auto")
    t0, c0 = time.perf_counter(), cpu_now()
    for _, image, _ in pages:
        read_image(image, template, number_reader="auto")
    auto_wall, auto_cpu = time.perf_counter() - t0, cpu_now() - c0
    # a batch as the app's OCR queue reads it: files from disk, one worker process per core
    # (process start and model loading included)
    paths = [p for p, _ in pairs[:throughput_pages]]
    t0 = time.perf_counter()
    done = list(read_files(paths, template, workers=workers))
    batch_wall = time.perf_counter() - t0
    assert not any(p.error for p in done), [p.error for p in done if p.error]
    return {
        "pages": n,
        "auto_s_per_page_wall": round(auto_wall / n, 3),
        "auto_s_per_page_cpu": round(auto_cpu / n, 3),
        "urd_s_per_page_wall": round(urd_wall / n, 3),
        "urd_s_per_page_cpu": round(urd_cpu / n, 3),
        "batch_pages": len(paths), "batch_workers": workers,
        "batch_s_per_page_wall": round(batch_wall / len(paths), 3),
        "ours_s_per_page_wall": round(ours_wall / n, 3),
        "ours_s_per_page_cpu": round(ours_cpu / n, 3),
        "naive_s_per_page_wall": round(naive_wall / n, 3),
        "naive_s_per_page_cpu": round(naive_cpu / n, 3),
        "naive_cells_per_page": round(naive_cells / n, 1),
        "ratio_wall": round(naive_wall / max(1e-9, ours_wall), 2),
        "ratio_cpu": round(naive_cpu / max(1e-9, ours_cpu), 2),
    }


def _boxes_for(img_path: Path, template) -> dict:
    """The generator's cell boxes for a written page (regenerated from its seed and name)."""
    import random

    from ocr.synth import Degradation, random_register, render_page

    parts = img_path.stem.split("-")  # TEMPLATE-SEED-NNNN-FONT-LEVEL-DIGITS
    seed, i, font, level, dig = int(parts[1]), int(parts[2]), parts[3], parts[4], parts[5]
    page_seed = seed * 100003 + i
    header, body = random_register(
        template, template.rows_per_page, random.Random(page_seed), urdu_digits=dig == "urdu"
    )
    page = render_page(template, header, body, font=font, urdu_digits=dig == "urdu",
                       seed=page_seed, degrade=Degradation.level(level, seed=page_seed))
    return page.boxes


# Numbers are the keys of a record, and a calibration set holds only a handful of wrong ones
# (7 of 1,212 with the issue-11 readers): too few to tell a threshold of 0.45 from 0.9. On
# other seeds, wrong readings both readers agreed on came at 0.48-0.64, so numbers are held
# to at least this (about 5% of numeric fields flagged).
FLOORS = {"number": 0.9}


def calibrate(directory: Path, template, workers: int, target: float = 0.95, text: str = "auto",
              numbers: str = "auto") -> tuple[dict, dict]:
    """Thresholds per kind group: the lowest that flags `target` of the wrong fields of every
    font (a threshold met on the mix alone would lean on Nastaliq's many easy errors)."""
    from ocr.pipeline import read_files

    pairs = page_pairs(directory)
    truths = {str(i): json.loads(j.read_text(encoding="utf-8")) for i, j in pairs}
    fields = []  # (group, font, confidence, flagged_by_parse_or_rule, wrong)
    for reading in read_files([str(i) for i, _ in pairs], template, workers=workers,
                              thresholds={"number": 0.0, "text": 0.0}, numbers=numbers, text=text):
        font = Path(reading.source).stem.split("-")[3]
        for it in compare_page(template, truths[reading.source], reading):
            fields.append((confidence.kind_group(it.kind), font, it.confidence, it.hard, not it.exact))

    def needed(fs) -> float:
        wrong = [f for f in fs if f[4]]
        soft = sorted(f[2] for f in wrong if not f[3])
        need = int(np.ceil(target * len(wrong))) - sum(1 for f in wrong if f[3])
        if need <= 0 or not soft:
            return 0.0
        return soft[min(len(soft) - 1, need - 1)] + 1e-4

    th, info = {}, {}
    for grp in ("number", "text"):
        fs = [f for f in fields if f[0] == grp]
        per_font = {font: needed([f for f in fs if f[1] == font]) for font in sorted({f[1] for f in fs})}
        t = max([*per_font.values(), FLOORS.get(grp, 0.0)])
        th[grp] = round(float(t), 4)
        flagged = sum(1 for f in fs if f[3] or f[2] < t)
        info[grp] = {"fields": len(fs), "wrong": sum(1 for f in fs if f[4]), "threshold": th[grp],
                     "per_font": {k: round(v, 4) for k, v in per_font.items()},
                     "flagged_rate": round(flagged / max(1, len(fs)), 4)}
    return th, info


def machine() -> dict:
    try:
        tv = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except OSError:
        tv = "tesseract program not found"
    import tesserocr

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load": os.getloadavg()[0],
        "python": platform.python_version(),
        "tesseract_program": tv,
        "tesserocr": f"{tesserocr.__version__} (bundles {tesserocr.tesseract_version().splitlines()[0]})",
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--speed-pages", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--write", action="store_true", help="write the section into docs/benchmarks.md")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--calibrate-target", type=float, default=0.98,
                    help="share of the calibration pages' wrong fields the thresholds must flag")
    ap.add_argument("--from-json", metavar="FILE", help="only write the section from a saved result")
    args = ap.parse_args(argv)
    if args.from_json:
        r = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        write_section(r, r["thresholds"])
        return 0
    tpl = builtin("jamabandi")
    calib = make_set("calib", args.pages, 101)
    report = make_set("report", args.pages, 202)
    urdu = make_set("urdu", max(2, args.pages // 4), 303, digits="urdu", levels=("clean",))
    result: dict = {"machine": machine()}
    if not args.skip_speed:
        result["speed"] = speed(page_pairs(report), tpl, args.speed_pages, args.workers)
        print("speed", result["speed"], flush=True)
    # 98% of the calibration pages' wrong fields: a margin, so that 95% still holds on pages
    # the thresholds were not fitted to (about 125 wrong text fields per set: at 95% the
    # report pages came out at 93.6%)
    th, info = calibrate(calib, tpl, args.workers, target=args.calibrate_target)
    result["calibration"] = info
    result["thresholds"] = th
    print("calibration", info, flush=True)
    t0 = time.perf_counter()
    # the app's default path for an office with no vocabulary yet: the issue-11 number readers
    # (when their models are installed), the Urdu line model
    m = evaluate_pages(report, workers=args.workers, thresholds=th, numbers="auto")
    result["report"] = m
    result["report_wall_s"] = round(time.perf_counter() - t0, 2)
    print("report", json.dumps({k: m[k] for k in ("n", "cer", "exact", "flagged_rate", "error_recall")}))
    mt = evaluate_pages(report, workers=args.workers, thresholds=th, numbers="tesseract", text="tesseract")
    result["tesseract_text"] = {k: mt.get(k) for k in ("n", "exact", "cer", "by_font_field", "by_font")}
    result["tesseract_numbers"] = mt.get("numeric")
    print("tesseract", json.dumps({k: mt[k] for k in ("n", "cer", "exact")}), flush=True)
    mu = evaluate_pages(urdu, workers=args.workers, thresholds=th, numbers="tesseract")
    result["urdu_digits"] = mu
    mud = evaluate_pages(urdu, workers=args.workers, thresholds=th, numbers="auto")
    result["dedicated"] = {"latin": m.get("numeric"), "urdu": mud.get("numeric"),
                           "seconds_per_page": m["seconds_per_page_one_worker"]}
    print("dedicated", result["dedicated"], flush=True)
    # with the office's vocabulary (here: the words of the calibration pages' corrected values,
    # as if the office had keyed those first)
    vocab = truth_vocabulary(calib, tpl)
    mv = evaluate_pages(report, workers=args.workers, thresholds=th, numbers="auto", vocabulary=vocab)
    result["vocabulary"] = {
        "words": {k: len(v) for k, v in vocab.items()},
        "all": {k: mv[k] for k in ("n", "exact", "flagged_rate", "error_recall")},
        "by_font": {f: {k: b.get(k) for k in ("n", "exact", "flagged_rate", "error_recall")}
                    for f, b in mv.get("by_font", {}).items()},
    }
    print("vocabulary", result["vocabulary"], flush=True)
    out = CACHE / "last-result.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print("wrote", out)
    if args.write:
        write_section(result, th)
    return 0


def _pct(v) -> str:
    return "–" if v is None else f"{100 * v:.1f}%"


def targets(r: dict) -> list[str]:
    """The issue's targets against what was measured."""
    m = r["report"]
    ff = m.get("by_font_field", {})

    def names(font, ff=ff):
        its = [ff.get(f"{font}/{f}") for f in ("owner", "cultivator")]
        its = [b for b in its if b and b.get("n")]
        if not its:
            return None
        return sum(b["cer"] * b["n"] for b in its) / sum(b["n"] for b in its)

    def ok(flag):
        return "met" if flag else "**missed**"

    num = r.get("tesseract_numbers") or {}
    ded = m.get("numeric") or {}
    nas = m.get("by_font", {}).get("naskh", {})
    sp = r.get("speed", {})
    cer_n, cer_q = names("naskh"), names("nastaliq")
    tff = (r.get("tesseract_text") or {}).get("by_font_field") or {}
    tes_n, tes_q = names("naskh", tff), names("nastaliq", tff)
    rows = [
        "### Targets of issue 4 against this run", "",
        "| target | measured | |", "|---|---|---|",
        f"| numeric fields exact >= 99.5% | Tesseract path {_pct(num.get('exact'))}; the app's number readers "
        f"(issue 11: glyph reader + line model) {_pct(ded.get('exact'))} | {ok((num.get('exact') or 0) >= 0.995)} / "
        f"{ok((ded.get('exact') or 0) >= 0.995)} |",
        f"| Urdu names CER <= 2% Naskh | line model {_pct(cer_n)} (Tesseract `urd`: {_pct(tes_n)}) | "
        f"{ok(cer_n is not None and cer_n <= 0.02)} |",
        f"| Urdu names CER <= 8% Nastaliq | line model {_pct(cer_q)} (Tesseract `urd`: {_pct(tes_q)}) | "
        f"{ok(cer_q is not None and cer_q <= 0.08)} |",
        f"| flags catch >= 95% of wrong fields (app default, an office with no vocabulary yet) | "
        f"all pages {_pct(m['error_recall'])}; Naskh pages "
        f"{_pct(nas.get('error_recall'))} | {ok(m['error_recall'] >= 0.95)} / "
        f"{ok((nas.get('error_recall') or 0) >= 0.95)} |",
        f"| ... while flagging <= 20% of fields | all pages {_pct(m['flagged_rate'])}; Naskh pages "
        f"{_pct(nas.get('flagged_rate'))} | {ok(m['flagged_rate'] <= 0.2)} / "
        f"{ok((nas.get('flagged_rate') or 1) <= 0.2)} |",
    ]
    voc = r.get("vocabulary")
    if voc:
        va, vn = voc["all"], voc["by_font"].get("naskh", {})
        rows += [
            f"| flags with the office's vocabulary (app default: dedicated numbers, words clerks typed) | "
            f"all pages {_pct(va['flagged_rate'])} flagged, {_pct(va['error_recall'])} of wrong fields; "
            f"Naskh pages {_pct(vn.get('flagged_rate'))} flagged, {_pct(vn.get('error_recall'))} of wrong fields | "
            f"{ok(va['flagged_rate'] <= 0.2 and va['error_recall'] >= 0.95)} / "
            f"{ok((vn.get('flagged_rate') or 1) <= 0.2 and (vn.get('error_recall') or 0) >= 0.95)} |",
        ]
    if sp:
        batch = sp.get("batch_s_per_page_wall")
        auto_wall = sp.get("auto_s_per_page_wall")
        rows += [
            f"| <= 1.5 s per 20-row page | one page at a time, in-process, app default (number reader, "
            f"Urdu line model): {auto_wall} s wall, {sp.get('auto_s_per_page_cpu', '–')} s CPU; "
            f"all Tesseract: {sp['ours_s_per_page_wall']} s wall, {sp['ours_s_per_page_cpu']} s CPU | "
            f"{ok(auto_wall is not None and auto_wall <= 1.5)} (wall) / "
            f"{ok((sp.get('auto_s_per_page_cpu') or 9) <= 1.5)} (CPU) |",
            f"| ... a batch of pages as the app reads it | {batch} s wall per page "
            f"({sp.get('batch_pages')} page files, {sp.get('batch_workers')} worker processes on "
            f"{r['machine']['cores']} cores, process start and model loading included) | "
            f"{ok(batch is not None and batch <= 1.5)} |",
            f"| >= 5x faster than per-cell | {sp['ratio_cpu']}x CPU, {sp['ratio_wall']}x wall | "
            f"{ok(sp['ratio_cpu'] >= 5)} / {ok(sp['ratio_wall'] >= 5)} |",
        ]
    return rows + [""]


def write_section(r: dict, th: dict) -> None:
    from ocr.recognise import LINE_PX

    m, mu = r["report"], r["urdu_digits"]
    mach = r["machine"]
    lines = [SECTION, ""]
    lines.append(
        "`nice -n 10 .venv/bin/python bench/ocr_bench.py --write`; generated jamabandi pages "
        "(ocr.synth, A3 at 200 dpi, 20 rows), Naskh and Nastaliq at clean/light/moderate "
        f"degradation, Latin digits. Machine: {mach['cpu']}, {mach['cores']} cores shared with "
        f"other jobs (load average {mach['load']:.1f} at the start), Python {mach['python']}, "
        f"{mach['tesserocr']} used in-process; `tesseract --version`: {mach['tesseract_program']} "
        f"(the naive path). Stacked lines scaled to {LINE_PX} px. Models: Debian's `urd` and "
        "`eng` (integer \"fast\" models from tesseract-ocr-urd/-eng); Urdu text by default with "
        "the line model trained here (resources/models/urdu_lines.npz, `ocr.text_model`)."
    )
    lines.append("")
    lines += targets(r)
    if "speed" in r:
        s = r["speed"]
        lines += [
            f"### Speed ({s['pages']} pages of the report set, one process)",
            "",
            "| path | s/page wall | s/page CPU |",
            "|---|---|---|",
            f"| naive: pytesseract once per cell ({s['naive_cells_per_page']} cells/page, psm 7) "
            f"| {s['naive_s_per_page_wall']} | {s['naive_s_per_page_cpu']} |",
            f"| ours, all Tesseract: `read_image` (stacked, in-process) | {s['ours_s_per_page_wall']} | {s['ours_s_per_page_cpu']} |",
            f"| ratio | {s['ratio_wall']}x | {s['ratio_cpu']}x |",
            f"| dedicated number reader, Tesseract `urd` for Urdu text (the default until this run) | "
            f"{s.get('urd_s_per_page_wall', '–')} | {s.get('urd_s_per_page_cpu', '–')} |",
            f"| dedicated number reader and the Urdu line model (the app's default) | {s.get('auto_s_per_page_wall', '–')} | "
            f"{s.get('auto_s_per_page_cpu', '–')} |",
            f"| a batch: `read_files`, {s.get('batch_pages')} page files, {s.get('batch_workers')} worker processes "
            f"| {s.get('batch_s_per_page_wall', '–')} | – |",
            "",
            "On the Tesseract path one page uses both cores: its 3-4 stacked `urd` recognitions (about "
            "60 lines at 56 px each, about 1.1 s of CPU together) run two at a time (Tesseract releases "
            "Python's lock; `ocr.recognise.set_text_threads`, 1 in each worker of a multi-process "
            "batch); Tesseract itself runs with OMP_THREAD_LIMIT=1. The line model reads the same "
            "cells through ONNX Runtime on one thread. Preprocessing, table finding, cell cleaning and the number "
            "reader share the rest of the CPU time.",
            "",
        ]
    lines += [
        f"### Accuracy (report set: {m['pages']} pages, seed 202; thresholds calibrated on seed 101; "
        "the app's default path: number readers of issue 11, Urdu line model, no office vocabulary)",
        "",
        "| set | fields | exact | CER | flagged | wrong fields flagged |",
        "|---|---|---|---|---|---|",
        f"| all | {m['n']} | {_pct(m['exact'])} | {_pct(m['cer'])} | {_pct(m['flagged_rate'])} | {_pct(m['error_recall'])} |",
    ]
    for key in ("by_font", "by_level"):
        for v, b in m.get(key, {}).items():
            lines.append(
                f"| {v} | {b['n']} | {_pct(b.get('exact'))} | {_pct(b.get('cer'))} | "
                f"{_pct(b.get('flagged_rate'))} | {_pct(b.get('error_recall'))} |"
            )
    if "numeric" in m:
        b = m["numeric"]
        lines.append(f"| numeric fields (the app's number readers, issue 11) | {b['n']} | {_pct(b['exact'])} | "
                     f"{_pct(b['cer'])} | {_pct(b['flagged_rate'])} | {_pct(b['error_recall'])} |")
    if r.get("tesseract_numbers"):
        b = r["tesseract_numbers"]
        lines.append(f"| numeric fields, Tesseract path | {b['n']} | {_pct(b['exact'])} | {_pct(b['cer'])} | "
                     f"{_pct(b['flagged_rate'])} | {_pct(b['error_recall'])} |")
    ded = r.get("dedicated")
    if ded and ded.get("urdu"):
        b = ded["urdu"]
        lines.append(f"| numeric, Urdu digits, the app's number readers | {b['n']} | {_pct(b['exact'])} | "
                     f"{_pct(b['cer'])} | {_pct(b['flagged_rate'])} | {_pct(b['error_recall'])} |")
    b = mu.get("numeric", {})
    if b:
        lines.append(f"| numeric, Urdu digits, Tesseract path ({mu['pages']} clean pages) | {b['n']} | {_pct(b['exact'])} | "
                     f"{_pct(b['cer'])} | {_pct(b['flagged_rate'])} | {_pct(b['error_recall'])} |")
    lines += ["", "Urdu name fields (owner: name, relation, qoam, residence; cultivator), the line model "
              "(app default) and Tesseract's `urd` on the same pages:", "",
              "| font | field | n | exact | CER | `urd` exact | `urd` CER |", "|---|---|---|---|---|---|---|"]
    tff = (r.get("tesseract_text") or {}).get("by_font_field") or {}
    for key, b in m.get("by_font_field", {}).items():
        font, field = key.split("/")
        if field in ("owner", "cultivator"):
            t = tff.get(key) or {}
            lines.append(f"| {font} | {field} | {b['n']} | {_pct(b.get('exact'))} | {_pct(b.get('cer'))} | "
                         f"{_pct(t.get('exact'))} | {_pct(t.get('cer'))} |")
    lines += ["", "| kind | fields | exact | CER |", "|---|---|---|---|"]
    for k, b in m["by_kind"].items():
        lines.append(f"| {k} | {b['n']} | {_pct(b.get('exact'))} | {_pct(b.get('cer'))} |")
    lines += ["", f"Flag thresholds (calibrated): {json.dumps(th)}; calibration set: "
              f"{json.dumps(r['calibration'])}.", ""]
    lines += [NOTES.strip(), ""]
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    block = "\n".join(lines).rstrip() + "\n"
    if SECTION in text:
        a = text.index(SECTION)
        b = text.find("\n## ", a + len(SECTION))
        text = text[:a] + block + ("\n" + text[b + 1 :] if b != -1 else "")
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text, encoding="utf-8")
    print("wrote", path)


if __name__ == "__main__":
    sys.exit(main())
