"""ocr.recognise: stacking cells into few recognitions, number separators, number readers."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import resources
from ocr import recognise as rec
from records.text import normalise


def _cell(text: str, *, urdu: bool = False, px: int = 34, size=(300, 64), border: bool = True) -> np.ndarray:
    im = Image.new("L", size, 255)
    d = ImageDraw.Draw(im)
    if border:
        d.rectangle((0, 0, size[0] - 1, size[1] - 1), outline=0, width=2)
    name = resources.URDU_NASKH if urdu else resources.LATIN_FALLBACK
    f = ImageFont.truetype(str(resources.font_path(name)), px if urdu else int(px * 0.8))
    kw = {"direction": "rtl"} if urdu else {}
    if text:
        d.text((size[0] // 2, size[1] // 2), text, font=f, fill=0, anchor="mm", **kw)
    # the inside of the cell, as the pipeline cuts it (a rule remnant may stay on one side)
    return np.array(im)[1:-3, 1:-3]


def test_urdu_cells_are_read_in_one_stack_and_mapped_back(monkeypatch):
    # GIVEN five Urdu cells of different lengths, stacked at 32 px lines (the stock model
    # misreads the short first word of these test renders at larger scales, while generated
    # pages read best at LINE_PX: docs/benchmarks.md)
    monkeypatch.setattr(rec, "LINE_PX", 32)
    texts = ["نہری", "محمد اسلم ولد غلام رسول", "چاہی", "بارانی", "پتی دوم"]
    cells = [rec.CellImage(i, "text-ur", _cell(t, urdu=True, size=(420, 64))) for i, t in enumerate(texts)]
    calls = []
    engine = rec.get_engine()

    class Counting:
        name = "counting"

        def words(self, *a, **k):
            calls.append(a[1])
            return engine.words(*a, **k)

    # WHEN they are recognised
    out = rec.recognise_cells(cells, engine=Counting(), text_reader="tesseract")
    # THEN one Tesseract call read all of them, and each cell got its own text
    assert calls == ["urd"]
    assert [normalise(out[i].text) for i in range(5)] == [normalise(t) for t in texts]
    assert all(out[i].confidences and min(out[i].confidences) > 0.5 for i in range(5))


def test_empty_cell_is_empty_and_sure_even_with_a_rule_remnant():
    # GIVEN a blank cell whose crop kept part of the ruled line
    img = _cell("")
    # WHEN read as text and as a number
    out = rec.recognise_cells([rec.CellImage("t", "text-ur", img), rec.CellImage("n", "integer", img)])
    # THEN both are empty and marked as such
    assert out["t"].text == "" and out["t"].empty
    assert out["n"].text == "" and out["n"].empty


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("2024", ["digits"]),
        ("125/5", ["digits", "/", "digits"]),
        ("12-5", ["digits", "-", "digits"]),
        ("125/5, 126", ["digits", "/", "digits", ",", "digits"]),
        ("17/7", ["digits", "/", "digits"]),
    ],
)
def test_numbers_are_cut_at_their_separators(text, kinds):
    # GIVEN a printed number
    img = _cell(text, border=False)
    ink = rec.clean_cell(img)
    crop = img[ink.box[1] - 2 : ink.box[1] + ink.box[3] + 2, ink.box[0] - 2 : ink.box[0] + ink.box[2] + 2]
    # WHEN segmented by glyph shape
    segs = rec.segment_number(crop)
    # THEN digit groups and separators come out in order (a 7 or 1 is no slash)
    assert [s.kind for s in segs] == kinds


def test_tesseract_number_reader_keeps_slashes_hyphens_and_lists():
    # GIVEN numbers Tesseract alone reads wrongly (it drops slashes: 69/4 -> 694)
    texts = {"k": ("khasra", "69/4"), "a": ("area", "12-5"), "s": ("share", "3/8"),
             "l": ("khasra-list", "125/5، 126"), "i": ("integer", "2435")}
    cells = [rec.CellImage(k, kind, _cell(t.replace("،", ","))) for k, (kind, t) in texts.items()]
    # WHEN read by the default Tesseract number reader
    out = rec.TesseractNumberReader().read_many(cells)
    # THEN every one is exact, with per-glyph confidences
    got = {k: out[k].text for k in texts}
    assert got == {k: t for k, (_, t) in texts.items()}
    assert all(out[k].glyph_confidences for k in texts)


def test_a_stamp_arc_through_a_number_cell_is_ignored():
    # GIVEN a number with a faint-but-dark tall arc across the cell
    img = _cell("271", border=False, size=(300, 90)).copy()
    yy, xx = np.mgrid[0 : img.shape[0], 0 : img.shape[1]]
    ring = np.abs(np.hypot(xx - 420, yy - 40) - 190) < 1.5
    img[ring] = 90
    # WHEN read
    out = rec.TesseractNumberReader().read_many([rec.CellImage(0, "khasra-list", img)])
    # THEN only the number is read
    assert out[0].text == "271"


def test_a_stamp_stroke_running_into_a_corner_of_the_cell_is_not_ink():
    # GIVEN a number and, in the cell's lower left corner, a thin stroke of a stamp's arc
    img = _cell("349", border=False, size=(180, 80)).copy()
    for t in range(40):
        x, y = int(t * 0.3), 40 + t  # a steep diagonal from mid-height into the corner
        img[y : y + 2, x : x + 2] = 60
    # WHEN the number cell is cleaned
    ink = rec.clean_cell(img, strokes=True)
    # THEN the ink box holds the number only, and the stroke is painted out
    x0, _y0, w, _h = ink.box
    assert x0 > 40 and x0 + w < 140
    assert ink.gray[60:78, 0:14].min() > 200


def test_a_stamp_stroke_through_a_digit_does_not_take_the_digit_away():
    # GIVEN a number cell whose last digit, near the right side, a stamp's stroke runs through
    img = _cell("2741", border=False, size=(300, 64)).copy()
    cols = np.nonzero(img.min(axis=0) < 128)[0]
    img = np.pad(img[:, : cols[-1] + 4], ((0, 0), (100, 0)), constant_values=255)  # a wide cell
    x = img.shape[1] - 10  # through the 1, outside the band where rules are looked for
    img[:, x : x + 2] = 40
    # WHEN the number cell is cleaned
    ink = rec.clean_cell(img, strokes=True)
    # THEN the digit's ink is still there
    assert ink.box is not None and ink.box[0] + ink.box[2] >= img.shape[1] - 6


@pytest.mark.parametrize("text", ["علی احمد", "محمد اسلم ولد", "کریم بخش"])
def test_an_urdu_word_touching_a_corner_of_a_tight_cell_stays(text):
    # GIVEN a tight Urdu cell whose first word (at the right) touches its top right corner
    img = _cell(text, urdu=True, size=(400, 70), border=False)
    cols = np.nonzero(img.min(axis=0) < 128)[0]
    rows = np.nonzero(img.min(axis=1) < 128)[0]
    tight = np.ascontiguousarray(img[rows[0] : rows[-1] + 6, cols[0] - 30 : cols[-1] + 1])
    # WHEN it is cleaned as text
    ink = rec.clean_cell(tight)
    # THEN the word is kept (stroke removal is for number cells only)
    assert ink.box is not None and ink.box[0] + ink.box[2] >= tight.shape[1] - 1


@pytest.mark.parametrize("text", ["17", "11", "1"])
def test_a_thin_digit_touching_a_corner_of_the_cell_stays_ink(text):
    # GIVEN a number printed so tightly that a thin digit touches the cell's corner
    img = _cell(text, border=False, size=(120, 64))
    cols = np.nonzero(img.min(axis=0) < 128)[0]
    rows = np.nonzero(img.min(axis=1) < 128)[0]
    tight = np.ascontiguousarray(img[rows[0] : rows[-1] + 6, cols[0] : cols[-1] + 8])  # top left corner
    # WHEN the number cell is cleaned
    ink = rec.clean_cell(tight, strokes=True)
    # THEN every digit is kept
    assert ink.box is not None and ink.box[0] == 0 and ink.box[0] + ink.box[2] >= tight.shape[1] - 9


def test_a_list_of_khasra_numbers_that_wrapped_is_read_line_by_line_top_first():
    # GIVEN a khasra list written on two lines of its cell (the register wraps long lists)
    from ocr import number_lines, numbers

    if not (numbers.is_available() and number_lines.is_available()):
        pytest.skip("the number models are not installed")
    top = _cell("2190/17,", border=False, size=(300, 40))
    bottom = _cell("1911/15, 2287/6/1", border=False, size=(300, 40))
    img = np.vstack([top, bottom])
    reader = rec.DedicatedNumberReader(numbers.get_number_reader(), number_lines.get_line_number_reader())
    # WHEN read
    got = reader.read_many([rec.CellImage("k", "khasra-list", img)])["k"]
    # THEN every number is there, in the order written (the whole cell read as one line
    # kept only one of the lines)
    assert got.text.replace(",", "،") == "2190/17، 1911/15، 2287/6/1"


def test_number_reader_falls_back_to_tesseract_without_the_dedicated_model(monkeypatch):
    # GIVEN ocr.numbers reports no model
    import ocr.numbers as numbers

    monkeypatch.setattr(numbers, "is_available", lambda: False, raising=False)
    # WHEN the default number reader is chosen
    reader = rec.default_number_reader()
    # THEN it is the Tesseract one
    assert isinstance(reader, rec.TesseractNumberReader)


def test_dedicated_reader_is_used_through_the_adapter():
    # GIVEN a stand-in for ocr.numbers' reader that reads Urdu digits
    class Fake:
        def read_many(self, pairs):
            class R:
                text, confidence, glyph_confidences = "۱۲۵/۵", 0.97, [0.99, 0.98, 0.97, 0.99, 0.97]

            return [R() for _ in pairs]

    reader = rec.DedicatedNumberReader(Fake())
    cells = [rec.CellImage("x", "khasra", _cell("125/5")), rec.CellImage("e", "khasra", _cell(""))]
    # WHEN cells are read through the pipeline's recogniser
    out = rec.recognise_cells(cells, number_reader=reader)
    # THEN digits come back Latin, with the reader's confidences; the blank cell is empty
    assert out["x"].text == "125/5" and out["x"].method == "numbers"
    assert out["x"].confidences == [0.99, 0.98, 0.97, 0.99, 0.97]
    assert out["e"].text == "" and out["e"].empty


def test_stack_scales_all_cells_alike_and_assigns_words_by_slot():
    # GIVEN two single-line crops 30 and 50 px tall (median 40)
    a = np.full((30, 50), 255, np.uint8)
    a[5:25, 5:45] = 0
    b = np.full((50, 80), 255, np.uint8)
    b[10:40, 10:70] = 0
    # WHEN stacked to a line height of 20 px
    canvas, slots = rec.stack([("a", a), ("b", b)], line_height=20)
    # THEN both are scaled by the same factor (one font size per page), right-aligned, and a
    # word inside a slot maps to that slot
    assert [s.key for s in slots] == ["a", "b"]
    assert slots[0].scale == slots[1].scale == pytest.approx(0.5)
    assert [s.y1 - s.y0 for s in slots] == [15, 25]
    assert all(s.x1 == canvas.shape[1] - rec.PAD for s in slots)
    w = rec.Word("x", 90.0, (slots[1].x0, slots[1].y0 + 5, 10, 10))
    assert rec.assign_words([w], slots) == {"a": [], "b": [w]}


def test_urdu_text_loses_vowel_marks_and_a_closing_full_stop():
    # GIVEN what the urd model returns for clean words: added zer, a closing full stop
    # WHEN cleaned as Urdu text
    # THEN the text reads as a clerk types it
    assert rec._clean_text(" مزارعِ  غیر ۔", urdu=True) == "مزارع غیر"
    assert rec._clean_text("Khewat 7.", urdu=False) == "Khewat 7."


def test_large_groups_are_read_in_chunks_at_one_scale(monkeypatch):
    # GIVEN five Urdu cells and stacks limited to two cells (32 px lines, as above)
    monkeypatch.setattr(rec, "STACK_CELLS", 2)
    monkeypatch.setattr(rec, "LINE_PX", 32)
    texts = ["نہری", "محمد اسلم ولد غلام رسول", "چاہی", "بارانی", "پتی دوم"]
    cells = [rec.CellImage(i, "text-ur", _cell(t, urdu=True, size=(420, 64))) for i, t in enumerate(texts)]
    calls = []
    engine = rec.get_engine()

    class Counting:
        name = "counting"

        def words(self, image, *a, **k):
            calls.append(image.shape)
            return engine.words(image, *a, **k)

    # WHEN recognised
    out = rec.recognise_cells(cells, engine=Counting(), text_reader="tesseract")
    # THEN three recognitions read every cell as one stack would
    assert len(calls) == 3
    assert [normalise(out[i].text) for i in range(5)] == [normalise(t) for t in texts]


class _SlowEngine:
    """Records which thread read each canvas; sleeps like Tesseract (outside Python's lock)."""

    def __init__(self):
        import threading

        self.threads: list[str] = []
        self._lock = threading.Lock()

    def words(self, image, lang, psm=6, whitelist=None):
        import threading
        import time

        with self._lock:
            self.threads.append(threading.current_thread().name)
        time.sleep(0.05)
        return [int(image[0, 0])]


def test_stacked_recognitions_of_a_page_run_two_at_a_time_and_keep_their_order():
    import numpy as np

    from ocr import recognise as R

    canvases = [np.full((4, 4), i, np.uint8) for i in range(4)]
    engine = _SlowEngine()
    before = R._text_threads
    try:
        # GIVEN two recognition threads WHEN four stacks are read
        R.set_text_threads(2)
        got = R._recognise_all(canvases, "urd", 6, engine)
        # THEN each stack's words come back in input order, read on the pool's threads
        assert got == [[0], [1], [2], [3]]
        assert set(engine.threads) <= {f"ocr-stack_{i}" for i in range(2)} and len(set(engine.threads)) == 2
        # AND with one thread (a worker of a multi-process batch) they are read in the caller
        engine.threads.clear()
        R.set_text_threads(1)
        assert R._recognise_all(canvases, "urd", 6, engine) == [[0], [1], [2], [3]]
        assert set(engine.threads) == {__import__("threading").current_thread().name}
    finally:
        R.set_text_threads(before)


def test_a_page_read_with_two_threads_reads_exactly_as_with_one(small_page, jamabandi, monkeypatch):
    from ocr import recognise as R
    from ocr.pipeline import read_image

    monkeypatch.setattr(R, "STACK_CELLS", 4)  # several stacks even on this small page
    texts, before = {}, R._text_threads
    try:
        for n in (1, 2):
            R.set_text_threads(n)
            page = read_image(small_page[0].image, jamabandi, layout="zones", number_reader="tesseract")
            texts[n] = [{k: (f.text, f.confidence) for k, f in row.items()} for row in page.rows]
    finally:
        R.set_text_threads(before)
    assert texts[1] == texts[2] and any(texts[1])


def _tight_cell(text: str, rule_x: int | None = None) -> np.ndarray:
    """A number filling two thirds of a 24 px high cell, 14 px from its left side (the number
    bench drew `80359-...` so in Liberation Serif), optionally with a ruled line's remnant
    running the cell's full height at `rule_x`."""
    font = ImageFont.truetype(str(resources.font_path(resources.LATIN_FALLBACK)), 22)
    im = Image.new("L", (230, 24), 235)
    d = ImageDraw.Draw(im)
    d.text((12, 21), text, font=font, fill=40, anchor="ls")
    if rule_x is not None:
        d.line((rule_x, 0, rule_x, 23), fill=30, width=2)
    return np.array(im)


def test_an_upright_stroke_of_a_digit_beside_the_edge_of_a_tight_cell_is_not_a_rule():
    # GIVEN a tight cell whose first digit, an 8, has its left bowl within the side band
    img = _tight_cell("80359-9248232-7")
    ink_cols = np.flatnonzero((img < 140).any(axis=0))
    # WHEN it is cleaned
    got = rec.clean_cell(img, strokes=True)
    # THEN the ink box starts where the 8 starts (it was cut into a 3 before)
    assert got.box is not None and got.box[0] <= ink_cols[0] + 1
    assert rec.clean_cell(img).box[0] <= ink_cols[0] + 1


def test_a_rule_remnant_beside_a_tight_number_still_goes():
    # GIVEN the same tight cell with a ruled line's remnant from top to bottom at x=4
    img = _tight_cell("80359-9248232-7", rule_x=4)
    # WHEN it is cleaned
    got = rec.clean_cell(img, strokes=True)
    # THEN the remnant is painted out and the ink box still starts at the 8
    assert got.box is not None and 12 <= got.box[0] <= 15
    assert (got.gray[:, 3:7] > 200).all()


def test_a_lone_thin_one_in_a_narrow_cell_is_not_an_empty_cell():
    # GIVEN a narrow cell holding only a ١ two pixels wide and 13 high, and one holding a
    # short mark two pixels wide and 8 high
    one = np.full((35, 12), 225, np.uint8)
    one[11:24, 5:7] = 60
    mark = np.full((35, 12), 225, np.uint8)
    mark[13:21, 5:7] = 60
    # WHEN they are cleaned
    # THEN the ١ has an ink box (it had none: the cell was read as empty, with full
    # confidence), and the short mark still has none
    assert rec.clean_cell(one, strokes=True).box == (5, 11, 2, 13)
    assert rec.clean_cell(mark, strokes=True).box is None


def test_a_faint_first_glyph_stays_in_the_number_box_but_a_far_faint_mark_does_not():
    # GIVEN a number cell whose digits are dark but whose first glyph (a ١) was printed
    # faintly, with a faint mark far to the right of the number
    img = np.full((34, 113), 205, np.uint8)
    for x in (30, 45, 60):
        img[12:26, x : x + 8] = 60
    img[12:26, 20:22] = 135  # the faint ١: no dark core
    img[14:26, 100:103] = 135  # a faint mark 30 px after the number
    # WHEN it is cleaned as a number cell
    got = rec.clean_cell(img, strokes=True)
    # THEN the ink box starts at the faint glyph (it was cut off, and 19-04-1967 read as
    # 9-04-1967, surely) and the glyph counts as a piece; the far mark stays out
    assert got.box == (20, 12, 48, 14)
    assert got.pieces == 4
    # (a text cell is boxed as before: only number cells look for faint glyphs)
    assert rec.clean_cell(img).box == (30, 12, 38, 14)


def test_a_number_cell_with_only_faded_digits_is_not_read_as_empty_and_sure():
    # GIVEN a cell whose digits faded to a grey with no dark core, and a blank cell of the
    # same paper with grain and two dark specks
    rng = np.random.default_rng(4)
    blank = np.clip(rng.normal(210, 4, (40, 120)), 0, 255).astype(np.uint8)
    for y, x in ((6, 20), (30, 100)):
        blank[y : y + 2, x : x + 2] = 60
    faded = blank.copy()
    for x in (40, 55, 70):
        faded[12:28, x : x + 3] = 160  # three upright strokes, faint beside the dark specks
    # WHEN they are read as numbers
    class Glyphs:  # never asked: neither cell has an ink box
        def read_many(self, pairs):
            assert not pairs
            return []

    out = rec.recognise_cells([rec.CellImage("b", "integer", blank), rec.CellImage("f", "integer", faded)],
                              number_reader=rec.DedicatedNumberReader(Glyphs()))
    # THEN the blank cell is empty and sure, the faded one is not marked empty and has no
    # confidence, so it is flagged for a look (it was empty and sure)
    assert out["b"].text == "" and out["b"].empty
    assert out["f"].text == "" and not out["f"].empty and max(out["f"].confidences) == 0.0
