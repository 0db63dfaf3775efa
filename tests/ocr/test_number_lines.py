"""The number line model (ocr.number_lines) reads whole numeric cells without cutting them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ocr import number_lines
from ocr import numbers_synth as synth

NOTO = Path("/usr/share/fonts/truetype/noto")
HELD_BACK_URDU = NOTO / "NotoSansArabic-Regular.ttf"  # never used in training
HELD_BACK_LATIN = NOTO / "NotoSerif-Regular.ttf"



class FixedLines:
    """A stand-in line reader: subclasses say what it reads (`read_crops`); it keeps no step
    probabilities, so nothing is checked or read again."""

    def read_crops_with_steps(self, crops):
        return self.read_crops(crops), [None] * len(crops)


class SteppedLines(FixedLines):
    """A stand-in line reader that reads 125/5 at the given confidences, one per cell, and
    keeps (empty) step probabilities, so cells are checked and read again; it records which
    readings it checked and read again and changes none of them."""

    def __init__(self, confs: list[float]) -> None:
        self.confs = confs
        self.checked: list[float] = []
        self.reread_texts: list[str] = []

    def read_crops(self, crops):
        from ocr.numbers import NumberReading

        return [NumberReading("125/5", c, [c] * 5) for c in self.confs]

    def read_crops_with_steps(self, crops):
        return self.read_crops(crops), [{"line": None} for _ in crops]

    def check(self, crop, reading, steps):
        self.checked.append(reading.confidence)
        return reading

    def reread(self, items):
        self.reread_texts += [reading.text for _, _, reading, _ in items]
        return [reading for _, _, reading, _ in items]


def naskh() -> str:
    import resources

    return str(resources.font_path(resources.URDU_NASKH))


def cell(text: str, script: str, font: str, *, kind: str = "khasra", seed: int = 3, level: int = 0,
         touching: bool = False) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return synth.render_cell(text, kind, script, font, rng, level, size=40, touching=touching).image


@pytest.fixture(scope="module")
def reader():
    if not number_lines.is_available():
        pytest.skip("resources/models/number_lines.npz is not installed")
    return number_lines.get_line_number_reader()


@pytest.mark.parametrize("script", ["urdu", "arabic", "latin"])
def test_every_digit_set_reads_as_the_same_latin_value(reader, script):
    # GIVEN 125/5 in Urdu, Arabic-Indic or Latin digits
    image = cell("125/5", script, naskh())
    # WHEN it is read as a khasra number
    reading = reader.read(image, "khasra")
    # THEN each gives 125/5 in Latin digits, confidently, one confidence per character
    assert reading.text == "125/5"
    assert reading.confidence >= 0.5
    assert len(reading.glyph_confidences) == 5


@pytest.mark.parametrize("font,script", [(HELD_BACK_URDU, "urdu"), (HELD_BACK_LATIN, "latin")], ids=["urdu", "latin"])
def test_a_font_never_seen_in_training_reads_right(reader, font, script):
    assert font.is_file(), f"{font} is installed by fonts-noto-core (scripts/ensure-system-deps)"
    reading = reader.read(cell("125/5", script, str(font), seed=5), "khasra")
    assert reading.text == "125/5"


ENDING_IN_ONE_OR_ZERO = [f"{a}{b}" for a in (2, 5, 7, 12, 25, 38, 64, 93, 140, 271) for b in (0, 1)] + [
    f"{a}/{b}" for a in (12, 45, 9) for b in (1, 10, 11)]


@pytest.mark.parametrize("style", ["naskh", "nastaliq"])
@pytest.mark.parametrize("script", ["urdu", "arabic"])
def test_a_last_one_or_zero_is_not_lost(reader, style, script):
    # GIVEN clean cells whose last glyph is ۱ (a bare stroke) or ۰ (a dot), in the fonts Daftar ships
    import resources

    font = str(resources.font_path(resources.URDU_NASKH if style == "naskh" else resources.URDU_NASTALIQ))
    images = [synth.render_cell(v, "khasra", script, font, np.random.default_rng(i), 0, size=40).image
              for i, v in enumerate(ENDING_IN_ONE_OR_ZERO)]
    # WHEN they are read a page at a time
    got = [r.text for r in reader.read_many([(image, "khasra") for image in images])]
    # THEN every one is read whole (read without the blank tail the model was trained with,
    # 13 of these 104 cells lost their last glyph or misread it: 5 dropped, 8 a ۱ read as ۴)
    assert [(v, g) for v, g in zip(ENDING_IN_ONE_OR_ZERO, got, strict=True) if v != g] == []


def test_touching_digits_need_no_cutting(reader):
    image = cell("3568", "latin", naskh(), kind="integer", seed=0, touching=True)
    assert reader.read(image, "integer").text == "3568"


def test_list_commas_and_hyphens_are_kept(reader):
    assert reader.read(cell("125/5، 126", "urdu", naskh(), kind="khasra-list", seed=2), "khasra-list").text == "125/5، 126"
    assert reader.read(cell("12-5", "latin", naskh(), kind="area"), "area").text == "12-5"
    assert reader.read(cell("14-03-2019", "latin", naskh(), kind="date"), "date").text == "14-03-2019"


def test_a_share_with_zero_total_is_returned_as_read_and_flagged(reader):
    # GIVEN a share written 3/0
    reading = reader.read(cell("3/0", "latin", naskh(), kind="share"), "share")
    # THEN it is not "fixed": the text stays, the confidence is capped and the reason given
    assert reading.text == "3/0"
    assert reading.confidence <= number_lines.PROBLEM_CAP
    assert reading.problem and "0" in reading.problem


def test_a_blank_cell_reads_nothing_with_no_confidence(reader):
    blank = np.full((60, 160), 235, np.uint8)
    reading = reader.read(blank, "integer")
    assert reading.text == "" and reading.confidence == 0.0


def test_an_unknown_kind_is_refused_with_the_kinds_named(reader):
    with pytest.raises(ValueError, match="khasra"):
        reader.read(np.full((40, 80), 255, np.uint8), "owner")


class _Fixed:
    def __init__(self, text, conf):
        self.text, self.conf = text, conf

    def read(self, cell, kind):
        from ocr.numbers import NumberReading

        return NumberReading(self.text, self.conf, [self.conf] * len(self.text))

    def read_many(self, pairs):
        return [self.read(cell, kind) for cell, kind in pairs]


def test_two_readers_that_agree_keep_the_reading_with_the_surer_confidence():
    cell = np.zeros((10, 10), np.uint8)
    got = number_lines.agree(_Fixed("125/5", 0.7).read(cell, "khasra"), _Fixed("125/5", 0.99).read(cell, "khasra"))
    assert got.text == "125/5" and got.confidence == 0.99 and got.problem is None
    assert got.alternative is None


def test_two_readers_that_disagree_give_the_surer_text_flagged():
    cell = np.zeros((10, 10), np.uint8)
    got = number_lines.agree(_Fixed("1255", 0.98).read(cell, "khasra"), _Fixed("125/5", 0.9).read(cell, "khasra"))
    assert got.text == "1255"
    assert got.confidence <= number_lines.DISAGREE_CAP
    assert got.problem == "the two number readers disagree"
    assert got.alternative == "125/5"  # the other reading is kept for the clerk to see


def test_a_disagreement_is_flagged_on_the_page_not_only_in_the_reader():
    from ocr.confidence import score_field
    from ocr.recognise import CellImage, DedicatedNumberReader, recognise_cells
    from records.templates import builtin

    class Lines(FixedLines):
        def read_crops(self, cells):
            from ocr.numbers import NumberReading

            return [NumberReading("1349", 0.99, [0.99] * 4) for _ in cells]

    # GIVEN a cell the glyph reader reads 349 and the line reader 1349, both surely
    img = cell("349", "latin", naskh(), kind="integer")
    reader = DedicatedNumberReader(_Fixed("349", 0.95), Lines())
    # WHEN the page's cells are read and scored
    got = recognise_cells([CellImage("k", "integer", img)], number_reader=reader)["k"]
    spec = builtin("jamabandi").field("khatooni_no")
    scored = score_field(spec, got.text, got.confidences)
    # THEN the field is flagged for a look
    assert got.text == "1349" and max(got.confidences) <= number_lines.DISAGREE_CAP
    assert any(f.code == "low_confidence" for f in scored.flags)


def test_a_disagreement_names_both_readings_in_the_fields_flag():
    from ocr.confidence import score_field
    from ocr.recognise import CellImage, DedicatedNumberReader, recognise_cells
    from records.templates import builtin

    class Lines(FixedLines):
        def read_crops(self, cells):
            from ocr.numbers import NumberReading

            return [NumberReading("1349", 0.97, [0.97] * 4) for _ in cells]

    # GIVEN a cell the line reader reads 1349 and the glyph reader 349, and one both read 349
    reader = DedicatedNumberReader(_Fixed("349", 0.95), Lines())
    spec = builtin("jamabandi").field("khatooni_no")
    img = cell("349", "latin", naskh(), kind="integer")
    # WHEN the cells are read and scored as the page pipeline scores them
    got = recognise_cells([CellImage("k", "integer", img)], number_reader=reader)["k"]
    scored = score_field(spec, got.text, got.confidences, alternative=got.alternative)
    same = recognise_cells([CellImage("k", "integer", img)],
                           number_reader=DedicatedNumberReader(_Fixed("349", 0.95), None))["k"]
    # THEN the flag names the reading shown and the other one, in the field's stored form
    assert (got.text, got.alternative) == ("1349", "349")
    [flag] = scored.flags
    assert flag.code == "low_confidence" and "'1349' or '349'" in flag.message
    assert flag.suggestion == "349"  # what the correction view's F7 puts in the field
    # and a reading no second reader disputed has no alternative (an unsure one says so plainly)
    assert same.alternative == ""
    plain = score_field(spec, "349", [0.5], alternative="۳۴۹")  # the same number in Urdu digits
    assert "OCR is unsure of '349'" in plain.flags[0].message and plain.flags[0].suggestion is None
    # ... and a second reading that is no value of the field (a khatooni number is an integer) is not offered
    unfit = score_field(spec, "349", [0.5], alternative="3/49")
    assert "OCR is unsure of '349'" in unfit.flags[0].message and "3/49" not in unfit.flags[0].message


def kufi_cells(n: int = 8, seed: int = 20261126) -> list:
    """Degraded (level 2) Urdu-digit cells in Noto Kufi Arabic, a font no model saw, where
    the readers often differ."""
    kufi = synth.resolve_fonts(["NotoKufiArabic-Regular"])
    if not kufi:
        pytest.skip("Noto Kufi Arabic (fonts-noto-core) is not installed")
    rng = np.random.default_rng(seed)
    return [synth.render_cell(synth.random_value(k, rng), k, "urdu", kufi[0], rng, 2)
            for k in ("integer", "khasra", "area", "cnic") * n]


def test_a_real_disagreement_keeps_the_other_readers_text(monkeypatch):
    from ocr import recognise
    from ocr.numbers import get_number_reader
    from ocr.recognise import CellImage, DedicatedNumberReader, clean_cell
    from records.text import latin_digits

    # (the two readers alone: every unsure cell to the glyph reader, no wider look where they
    # agree, nothing read again)
    monkeypatch.setattr(number_lines, "GLYPHS_BELOW", number_lines.CHECK_BELOW)
    monkeypatch.setattr(number_lines, "AGREED_CHECK_BELOW", 0.0)
    monkeypatch.setattr(recognise, "REREAD_BELOW", 0.0)
    glyphs, lines = get_number_reader(), number_lines.get_line_number_reader()
    app = DedicatedNumberReader(glyphs, lines)
    # GIVEN degraded cells of a font no model saw, where the two readers sometimes differ
    cells = kufi_cells()
    disputed = 0
    for c in cells:
        gray = c.image if c.image.ndim == 2 else c.image.mean(axis=2).astype(np.uint8)
        ink = clean_cell(gray, strokes=True)
        if ink.box is None:
            continue
        # WHEN a cell is read by the app's reader and by each reader alone
        got = app.read_many([CellImage(0, c.kind, gray)])[0]
        one = glyphs.read_many([(ink.gray, c.kind)])[0].text
        other = lines.read(gray, c.kind).text
        # THEN where they differ the cell carries both: the surer as its text, the other beside it
        if number_lines._canon(one) != number_lines._canon(other) and got.confidence <= number_lines.DISAGREE_CAP:
            disputed += 1
            assert {number_lines._canon(got.text), number_lines._canon(got.alternative)} == \
                   {number_lines._canon(latin_digits(one)), number_lines._canon(latin_digits(other))}
        else:
            assert got.alternative == ""
    assert disputed >= 1, disputed


def test_the_glyph_reader_is_asked_only_where_the_line_reader_is_unsure_or_unparsed(monkeypatch):
    from ocr.numbers import NumberReading, parse_problem
    from ocr.recognise import CellImage, DedicatedNumberReader

    monkeypatch.setattr(number_lines, "GLYPHS_BELOW", 0.995)
    said = [("125/5", 0.999), ("12-5", 0.97), ("125/", 0.999)]

    class Lines(FixedLines):
        def read_crops(self, crops):
            return [NumberReading(t, c, [c] * len(t), problem=parse_problem(k, t)) for (t, c), (_, k) in
                    zip(said, crops, strict=True)]

    class Glyphs:
        asked: list[str] = []

        def read_many(self, pairs):
            self.asked += [kind for _, kind in pairs]
            return [NumberReading("12-6" if kind == "area" else "125/1", 0.98, [0.98]) for _, kind in pairs]

    # GIVEN three cells: the line reader is sure of the first, unsure of the second, and
    # sure of the third but its reading does not parse (a khasra with an empty part)
    img = cell("125/5", "latin", naskh())
    glyphs = Glyphs()
    reader = DedicatedNumberReader(glyphs, Lines())
    # WHEN the page's cells are read
    got = reader.read_many([CellImage(0, "khasra", img), CellImage(1, "area", img), CellImage(2, "khasra", img)])
    # THEN the glyph reader read only the second and third, and their disagreements are flagged
    assert glyphs.asked == ["area", "khasra"]
    assert got[0].text == "125/5" and got[0].confidence == 0.999
    assert got[1].confidence <= number_lines.DISAGREE_CAP and got[2].confidence <= number_lines.DISAGREE_CAP


def test_a_piece_of_ink_the_line_reader_passed_over_gets_the_glyph_readers_look(monkeypatch):
    from ocr.numbers import NumberReading
    from ocr.recognise import CellImage, DedicatedNumberReader

    monkeypatch.setattr(number_lines, "GLYPHS_BELOW", 0.995)

    class Lines(FixedLines):
        def read_crops(self, crops):
            return [NumberReading("99", 1.0, [1.0, 1.0]) for _ in crops]

    class Glyphs:
        asked: list[int] = []

        def read_many(self, pairs):
            self.asked += [len(pairs)]
            return [NumberReading("939", 0.97, [0.97] * 3) for _ in pairs]

    # GIVEN a cell holding 939 that the line reader reads as 99 with full confidence, and a
    # cell holding 99 with paper specks beside it, read as 99 just as surely
    dropped = cell("939", "latin", naskh(), kind="integer")
    specks = cell("99", "latin", naskh(), kind="integer")
    for y, x in ((5, 4), (30, 12), (8, specks.shape[1] - 6)):
        specks[y : y + 2, x : x + 2] = 40
    glyphs = Glyphs()
    reader = DedicatedNumberReader(glyphs, Lines())
    # WHEN the page's cells are read
    got = reader.read_many([CellImage(0, "integer", dropped), CellImage(1, "integer", specks)])
    # THEN the glyph reader looked at the first only (three pieces of ink, two digits read),
    # and the disagreement is flagged; the specks did not count as pieces
    assert glyphs.asked == [1]
    assert got[0].confidence <= number_lines.DISAGREE_CAP
    assert got[1].text == "99" and got[1].confidence == 1.0


def _all_paths_probability(probs: np.ndarray, labels: list[int]) -> float:
    """P(labels) by summing every path of classes that collapses to them (small cases only)."""
    import itertools

    total = 0.0
    for path in itertools.product(range(probs.shape[1]), repeat=probs.shape[0]):
        collapsed = [k for i, k in enumerate(path) if k and (i == 0 or path[i - 1] != k)]
        if collapsed == labels:
            total += float(np.prod(probs[np.arange(len(path)), path]))
    return total


def test_the_ctc_likelihood_is_the_sum_over_every_alignment():
    from ocr.ctc_score import log_likelihoods

    # GIVEN random step probabilities (5 steps, a blank and 3 characters) and texts with
    # repeated, alternating and single characters, one too long for the steps
    rng = np.random.default_rng(7)
    probs = rng.random((5, 4)) ** 3
    probs /= probs.sum(axis=1, keepdims=True)
    short = probs[:3]
    texts = [[1], [1, 2], [2, 2], [1, 2, 1], [3, 3, 3]]
    # WHEN they are scored together, with pairs of different lengths in one call (shorter
    # ones first and between: the loop takes the steps of each pair only)
    got = log_likelihoods([(short, [1, 2])] + [(probs, t) for t in texts] + [(short, [2]), (short, [1, 1, 1])])
    # THEN each equals the sum over every path that collapses to it, and a text that cannot
    # be aligned (three 1s need a blank between each: 5 steps, not 3) is impossible
    want = [_all_paths_probability(short, [1, 2])] + [_all_paths_probability(probs, t) for t in texts]
    want.append(_all_paths_probability(short, [2]))
    assert np.allclose(np.exp(got[:-1]), want, rtol=1e-9)
    assert got[-1] == -np.inf
    assert _all_paths_probability(short, [1, 1, 1]) == 0.0


def test_reading_again_chooses_the_reading_the_cell_shows(reader):
    from ocr.numbers import NumberReading

    # GIVEN a clear 125/5, read so far as 126/5 (unsure) with 125/8 as the other reading
    img = cell("125/5", "latin", naskh())
    crop = _ink_crop(img)
    _, steps = reader.read_crops_with_steps([(crop, "khasra")])
    so_far = NumberReading("126/5", 0.4, [0.4] * 5, alternative="125/8")
    # WHEN it is read again in the other forms
    got = reader.reread([(crop, "khasra", so_far, steps[0])])[0]
    # THEN the reading the image supports is given, still flagged, with the reading so far beside it
    assert got.text == "125/5" and got.alternative == "126/5"
    assert got.confidence <= 0.4
    # ... and a reading so far that the forms agree with stands as it was
    right = NumberReading("125/5", 0.4, [0.4] * 5, alternative="126/5")
    assert reader.reread([(crop, "khasra", right, steps[0])])[0] is right


def _ink_crop(img: np.ndarray) -> np.ndarray:
    from ocr.recognise import _crop, clean_cell

    ink = clean_cell(img if img.ndim == 2 else img.mean(axis=2).astype(np.uint8), strokes=True)
    return _crop(ink.gray, ink.box, pad=2)


class _FormModel:
    """A stand-in line model that reads `line` as the line does and `wide` in every other form."""

    charset = "-/0123456789،"

    def __init__(self, line: str, wide: str) -> None:
        self.texts = {"line": line, "form": wide}

    def probabilities_many(self, lines):
        return ["form" for _ in lines]

    def decode(self, probs):
        from ocr.text_model import LineText

        text = self.texts[probs]
        return LineText(text, tuple([0.99] * len(text)))


def test_a_nearly_sure_reading_that_reads_otherwise_wider_is_flagged():
    from ocr.numbers import NumberReading

    nearly = NumberReading("125/5", 0.997, [0.997] * 5)
    crop = np.full((30, 80), 255, np.uint8)
    # GIVEN a line reading 99.7% sure, and the cell read 1.5 times as wide gives 126/5
    reader = number_lines.LineNumberReader(_FormModel("125/5", "126/5"))
    # WHEN the line reader checks it
    got = reader.check(crop, nearly, {"line": "line"})
    # THEN it is flagged with the wider reading beside it
    assert got.text == "125/5" and got.alternative == "126/5"
    assert got.confidence <= number_lines.DISAGREE_CAP
    # ... and where the wider look agrees the reading stands
    same = number_lines.LineNumberReader(_FormModel("125/5", "125/5"))
    assert same.check(crop, nearly, {"line": "line"}) is nearly


def test_nearly_sure_cells_are_checked_by_the_line_reader_not_the_glyph_reader():
    from ocr.numbers import NumberReading
    from ocr.recognise import CellImage, DedicatedNumberReader

    class Glyphs:
        asked: list[str] = []

        def read_many(self, pairs):
            self.asked += [kind for _, kind in pairs]
            return [NumberReading("125/5", 0.98, [0.98] * 5) for _ in pairs]

    # GIVEN three cells the line reader reads fully, nearly (99.7%) and less (99%) sure
    img = cell("125/5", "latin", naskh())
    lines, glyphs = SteppedLines([1.0, 0.997, 0.99]), Glyphs()
    kinds = ["khasra", "area", "integer"]
    # WHEN the page's cells are read
    DedicatedNumberReader(glyphs, lines).read_many([CellImage(i, k, img) for i, k in enumerate(kinds)])
    # THEN the nearly sure one had the line reader's check, the less sure one the glyph reader's
    assert lines.checked == [0.997]
    assert glyphs.asked == ["integer"]


def test_a_reading_both_readers_agree_on_is_still_checked_wider_where_the_line_reader_was_unsure():
    from dataclasses import replace

    from ocr.numbers import NumberReading
    from ocr.recognise import CellImage, DedicatedNumberReader

    class Lines(SteppedLines):
        def check(self, crop, reading, steps):
            # the cell read 1.5 times as wide gives 126/5
            reading = super().check(crop, reading, steps)
            return replace(reading, confidence=min(reading.confidence, number_lines.DISAGREE_CAP),
                           alternative="126/5")

    class Glyphs:
        def read_many(self, pairs):
            return [NumberReading("125/5", 0.999, [0.999] * 5) for _ in pairs]

    # GIVEN two cells both readers read 125/5, the glyph reader 99.9% sure, the line reader
    # 95% and 98.5% sure, and the line reader reads 126/5 when the cell is stretched
    img = cell("125/5", "latin", naskh())
    lines = Lines([0.95, 0.985])
    # WHEN the page's cells are read
    got = DedicatedNumberReader(Glyphs(), lines).read_many([CellImage(i, "khasra", img) for i in range(2)])
    # THEN the one the line reader was less than 98% sure of is checked wider and flagged
    # as the readers gave it, 126/5 beside it, and not read again in other forms
    assert lines.checked == [0.999]
    assert got[0].text == "125/5" and got[0].confidence <= number_lines.DISAGREE_CAP
    assert got[0].alternative == "126/5"
    assert lines.reread_texts == []
    # ... and the one it was surer of stands as the readers agreed
    assert got[1].text == "125/5" and got[1].confidence == 0.999


def test_reading_again_reads_more_degraded_cells_right_and_flags_the_same(monkeypatch):
    from ocr import recognise
    from ocr.numbers import get_number_reader
    from ocr.recognise import CellImage, DedicatedNumberReader

    app = DedicatedNumberReader(get_number_reader(), number_lines.get_line_number_reader())
    # GIVEN 96 degraded Noto Kufi cells (a font no model saw)
    cells = kufi_cells(24, seed=5)
    units = [CellImage(i, c.kind, c.image if c.image.ndim == 2 else c.image.mean(axis=2).astype(np.uint8))
             for i, c in enumerate(cells)]
    # WHEN they are read with and without reading the unsure ones again
    again = app.read_many(units)
    monkeypatch.setattr(recognise, "REREAD_BELOW", 0.0)
    once = app.read_many(units)

    def right(got):
        return sum(number_lines._canon(got[i].text) == number_lines._canon(c.truth) for i, c in enumerate(cells))

    # THEN more are read right, the same cells are flagged, and each changed reading keeps
    # the first one beside it
    assert right(again) >= right(once) + 2, (right(again), right(once))
    assert [g.confidence < 0.9 for g in again.values()] == [g.confidence < 0.9 for g in once.values()]
    for i in again:
        if again[i].text != once[i].text:
            assert again[i].alternative == once[i].text and again[i].confidence < 0.9


@pytest.mark.parametrize("shape", [(1, 1), (2, 60), (60, 2), (40, 1500)])
def test_checking_and_reading_again_take_any_crop(reader, shape):
    from ocr.numbers import NumberReading

    rng = np.random.default_rng(3)
    # GIVEN crops a cleaned cell can leave (a speck, a sliver, a long strip): blank, all ink, noise
    for crop in (np.full(shape, 255, np.uint8), np.zeros(shape, np.uint8),
                 rng.integers(0, 256, shape).astype(np.uint8)):
        read, steps = reader.read_crops_with_steps([(crop, "khasra")])
        # WHEN the line reader checks them and reads them again
        checked = reader.check(crop, read[0], steps[0])
        so_far = NumberReading("12/3", 0.3, [0.3] * 4, alternative="1، 2")
        again = reader.reread([(crop, "khasra", so_far, steps[0])])[0]
        # THEN each gives a reading (no error), and one that is not the reading so far stays flagged
        assert isinstance(checked, NumberReading) and isinstance(again, NumberReading)
        assert again is so_far or again.confidence <= so_far.confidence


def test_when_no_reading_parses_the_likeliest_in_the_fields_format_is_given(reader):
    from ocr.numbers import NumberReading

    # GIVEN a CNIC cell whose every form reads 3520-1234567-1 (a digit lost), the steps
    # after its 0 holding a faint second 2, and the other reader's 3520-123456-1
    charset = reader.model.charset
    rows = []
    for ch, n, runner_up in [("3", 2, None), ("5", 2, None), ("2", 2, None), ("0", 2, None),
                             ("", 1, "2"), ("-", 2, None), *[(d, 2, None) for d in "1234567"],
                             ("-", 2, None), ("1", 2, None)]:
        row = np.full(len(charset) + 1, 0.01)
        row[0 if not ch else charset.index(ch) + 1] = 0.6 if runner_up else 0.9
        if runner_up:
            row[charset.index(runner_up) + 1] = 0.3
        rows += [row / row.sum()] * n
    probs = np.array(rows)
    steps = {name: probs for name in ("line", *number_lines.REREAD_FORMS)}
    so_far = NumberReading("3520-1234567-1", 0.2, [0.2] * 14, problem="not a CNIC",
                           alternative="3520-123456-1")
    # WHEN it is read again
    crop = np.zeros((20, 60), np.uint8)  # not read: every form's steps are given
    got = reader.reread([(crop, "cnic", so_far, steps)])[0]
    # THEN the thirteen digits in the CNIC format are given, flagged, the reading so far beside
    assert got.text == "35202-1234567-1"
    assert got.confidence <= 0.2 and got.alternative == "3520-1234567-1"
    # ... and where a reading parses already, no format reading is added
    parsed = NumberReading("35201-1234567-1", 0.4, [0.4] * 15, alternative="3520-1234567-1")
    assert reader.reread([(crop, "cnic", parsed, dict(steps))])[0].text != "35202-1234567-1"
    # ... nor where nothing was read in any form (no CNIC is made up out of blank steps)
    blank = np.zeros_like(probs)
    blank[:, 0] = 1.0
    nothing = NumberReading("", 0.0, [], problem="nothing was read")
    got = reader.reread([(crop, "cnic", nothing, {name: blank for name in steps})])[0]
    assert got is nothing
