"""The number recogniser reads generated numeric cells with the shipped model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ocr import numbers_synth as synth
from ocr.numbers import (
    UNPARSED_CONFIDENCE,
    GlyphClassifier,
    NumberReading,
    get_number_reader,
    is_available,
    parse_problem,
)

NOTO = Path("/usr/share/fonts/truetype/noto")
# Held back from training (see ocr/train_numbers.py); installed by fonts-noto-core.
HELD_BACK_URDU = NOTO / "NotoSansArabic-Regular.ttf"
HELD_BACK_LATIN = NOTO / "NotoSerif-Regular.ttf"


def naskh() -> str:
    import resources

    return str(resources.font_path(resources.URDU_NASKH))


def cell(
    text: str,
    script: str,
    font: str,
    *,
    kind: str = "khasra",
    seed: int = 3,
    level: int = 0,
    size: int = 40,
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return synth.render_cell(text, kind, script, font, rng, level, size=size, touching=False).image


@pytest.fixture(scope="module")
def reader():
    assert is_available(), "the shipped model resources/models/numbers.npz is missing"
    return get_number_reader()


def test_reader_is_loaded_once_per_process(reader):
    # GIVEN the reader obtained by the fixture
    # WHEN it is asked for again
    again = get_number_reader()
    # THEN it is the same object (the model is not loaded twice)
    assert again is reader


def test_a_page_of_cells_read_together_gives_what_each_cell_gives_alone(reader):
    # GIVEN cells of every kind and digit set, one of them blank and one BGR
    rng = np.random.default_rng(8)
    cells = []
    for i, kind in enumerate(synth.KINDS * 2):
        script = ("urdu", "arabic", "latin")[i % 3]
        value = synth.random_value(kind, rng)
        cells.append((synth.render_cell(value, kind, script, naskh(), rng, i % 3).image, kind))
    cells.insert(3, (np.full((40, 90), 250, np.uint8), "integer"))
    cells[5] = (np.dstack([cells[5][0]] * 3), cells[5][1])
    # WHEN they are read together and one by one
    together = reader.read_many(cells)
    alone = [reader.read(image, kind) for image, kind in cells]
    # THEN the readings, confidences and boxes are the same
    assert [(r.text, r.confidence, r.boxes) for r in together] == [(r.text, r.confidence, r.boxes) for r in alone]
    assert together[3].text == "" and sum(bool(r.text) for r in together) == len(cells) - 1
    with pytest.raises(ValueError, match="'text-ur' is not a numeric field kind"):
        reader.read_many([cells[0], (cells[1][0], "text-ur")])


@pytest.mark.parametrize("script", ["urdu", "arabic", "latin"])
def test_all_digit_sets_read_as_the_same_latin_value(reader, script):
    # GIVEN 125/5 written with Urdu, Arabic-Indic or Latin digits in Noto Naskh
    image = cell("125/5", script, naskh())
    # WHEN it is read as a khasra number
    reading = reader.read(image, "khasra")
    # THEN every digit set gives the same Latin-digit text with a confident reading
    assert isinstance(reading, NumberReading)
    assert reading.text == "125/5"
    assert reading.confidence >= 0.5
    assert len(reading.glyph_confidences) == len(reading.boxes) == 5


def test_urdu_forms_of_four_five_six_seven_read_as_digits(reader):
    # GIVEN a number with the Urdu forms of 4, 5, 6 and 7 (language 'ur' shaping)
    image = cell("4567", "urdu", naskh(), kind="integer", seed=11)
    # WHEN it is read
    reading = reader.read(image, "integer")
    # THEN the digits are read as 4567
    assert reading.text == "4567"


@pytest.mark.parametrize(
    "font,script", [(HELD_BACK_URDU, "urdu"), (HELD_BACK_LATIN, "latin")], ids=["urdu", "latin"]
)
def test_khasra_in_a_font_never_seen_in_training_reads_right(reader, font, script):
    # GIVEN 125/5 in a font held back from training
    assert font.is_file(), f"{font} is installed by fonts-noto-core (scripts/ensure-system-deps)"
    image = cell("125/5", script, str(font), seed=5)
    # WHEN it is read
    reading = reader.read(image, "khasra")
    # THEN it reads 125/5, confidently
    assert reading.text == "125/5"
    assert reading.confidence >= 0.5


def test_touching_digits_are_cut_apart(reader):
    # GIVEN 3568 printed with negative spacing so that neighbouring digits touch
    rng = np.random.default_rng(0)
    image = synth.render_cell(
        "3568", "integer", "latin", naskh(), rng, 0, size=40, touching=True
    ).image
    # WHEN it is read
    reading = reader.read(image, "integer")
    # THEN the touching digits are cut into four glyphs and read right
    assert reading.text == "3568"
    assert len(reading.boxes) == 4


def test_khasra_list_keeps_urdu_comma_separators(reader):
    # GIVEN a khasra list in Urdu digits with Urdu commas
    image = cell("125/5، 126", "urdu", naskh(), kind="khasra-list", seed=2)
    # WHEN it is read as a khasra list
    reading = reader.read(image, "khasra-list")
    # THEN items come back separated by '، '
    assert reading.text == "125/5، 126"


def test_area_and_date_keep_their_hyphens(reader):
    # GIVEN an area and a date in Latin digits
    area = cell("12-5", "latin", naskh(), kind="area")
    date = cell("14-03-2019", "latin", naskh(), kind="date")
    # WHEN they are read
    # THEN the hyphens are kept
    assert reader.read(area, "area").text == "12-5"
    assert reader.read(date, "date").text == "14-03-2019"


def test_share_with_zero_total_is_returned_as_read_with_low_confidence(reader):
    # GIVEN a share written as 3/0
    image = cell("3/0", "latin", naskh(), kind="share")
    # WHEN it is read as a share
    reading = reader.read(image, "share")
    # THEN it is not "fixed": the text is 3/0, with a low confidence and the reason
    assert reading.text == "3/0"
    assert reading.confidence <= UNPARSED_CONFIDENCE
    assert reading.problem and "cannot be 0" in reading.problem


def test_khasra_with_an_empty_part_is_flagged_not_fixed(reader):
    # GIVEN a khasra number with nothing after the slash
    image = cell("125/", "urdu", naskh())
    # WHEN it is read
    reading = reader.read(image, "khasra")
    # THEN it comes back as read, with a low confidence
    assert reading.text == "125/"
    assert reading.confidence <= UNPARSED_CONFIDENCE
    assert "empty part" in (reading.problem or "")


@pytest.mark.parametrize("noise", [0.0, 4.0])
def test_blank_cell_gives_empty_text_and_zero_confidence(reader, noise):
    # GIVEN an empty cell (clean paper, or paper with light grain)
    rng = np.random.default_rng(1)
    image = np.clip(235 + rng.normal(0, noise, (60, 200)), 0, 255).astype(np.uint8)
    # WHEN it is read
    reading = reader.read(image, "integer")
    # THEN nothing is read
    assert reading.text == ""
    assert reading.confidence == 0.0
    assert reading.boxes == []


def test_speckles_are_not_read_as_urdu_zero_dots(reader):
    # GIVEN Urdu 47 with pepper noise sprinkled over the cell, away from the digits
    image = cell("47", "urdu", naskh(), kind="integer", seed=8).copy()
    rng = np.random.default_rng(4)
    h, w = image.shape
    ink_cols = np.flatnonzero((image < 128).any(axis=0))
    for _ in range(25):
        y, x = int(rng.integers(0, h)), int(rng.integers(0, w))
        if ink_cols[0] - 3 <= x <= ink_cols[-1] + 3:
            continue
        image[y, x] = 40
    # WHEN it is read
    reading = reader.read(image, "integer")
    # THEN the speckles add no zeros
    assert reading.text == "47"


def test_colour_cell_is_accepted(reader):
    # GIVEN a BGR image of a cell
    grey = cell("47", "latin", naskh(), kind="integer")
    bgr = np.dstack([grey, grey, grey])
    # WHEN it is read
    # THEN it reads like the grey one
    assert reader.read(bgr, "integer").text == "47"


def test_unknown_kind_is_refused_with_the_kinds_named(reader):
    # GIVEN a cell and a text kind
    image = cell("47", "latin", naskh(), kind="integer")
    # WHEN it is read as Urdu text
    # THEN the reader refuses and names the numeric kinds
    with pytest.raises(ValueError, match="khasra"):
        reader.read(image, "text-ur")


def test_training_script_trains_a_loadable_model(tmp_path):
    # GIVEN the training script and one font
    from ocr import train_numbers

    # WHEN it trains a tiny model on a few cells
    code = train_numbers.main(
        [
            "--out",
            str(tmp_path),
            "--model",
            "mlp",
            "--cells",
            "40",
            "--epochs",
            "1",
            "--hidden",
            "16",
            "--fonts",
            naskh(),
        ]
    )
    # THEN it writes a model the reader can load, with its provenance
    assert code == 0
    model = tmp_path / "numbers.npz"
    clf = GlyphClassifier.load(model)
    probs = clf.predict(np.zeros((2, clf.mean.size), np.float32))
    assert probs.shape == (2, len(clf.classes))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)


def test_training_script_trains_a_loadable_cnn(tmp_path):
    # GIVEN PyTorch (a training tool only: the shipped model runs in numpy)
    pytest.importorskip("torch", reason="training the CNN needs PyTorch (pip install torch==2.13.0)")
    from ocr import train_numbers

    # WHEN the script trains a tiny CNN on a few cells, keeping its glyphs in a cache
    args = ["--out", str(tmp_path), "--cells", "30", "--epochs", "1", "--fonts", naskh(),
            "--cache", str(tmp_path / "glyphs.npz")]
    assert train_numbers.main(args) == 0
    assert train_numbers.main(args) == 0  # the second run reads the cache
    # THEN the reader loads it as a CNN and gets one distribution per candidate
    clf = GlyphClassifier.load(tmp_path / "numbers.npz")
    assert clf.cnn is not None
    probs = clf.cnn.predict(np.zeros((2, 24, 24), np.float32), np.zeros((2, 8), np.float32))
    assert probs.shape == (2, len(clf.classes)) and np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)


def test_missing_model_file_gives_a_clear_message(tmp_path):
    # GIVEN a path where no model is
    # WHEN it is loaded
    # THEN the message says how to make one
    with pytest.raises(FileNotFoundError, match="train_numbers"):
        GlyphClassifier.load(tmp_path / "none.npz")


# --- segmentation (ocr.glyphs) ------------------------------------------------------------


def test_stroke_broken_by_faded_ink_is_one_glyph_candidate():
    # GIVEN a vertical stroke broken in the middle and a separate stroke beside it
    from ocr.glyphs import find_atoms

    mask = np.zeros((60, 80), bool)
    mask[10:28, 20:24] = True
    mask[31:50, 20:24] = True
    mask[10:50, 50:54] = True
    # WHEN the cell is segmented
    atoms, band = find_atoms(mask)
    # THEN the two stacked pieces are one atom and the other stroke is another
    assert [a.box for a in atoms] == [(20, 10, 4, 40), (50, 10, 4, 40)]
    assert band is not None and band.height == 40


def test_rules_and_speckles_are_not_glyph_candidates():
    # GIVEN a digit-like stroke, a ruling line along the top edge and one-pixel speckles
    from ocr.glyphs import find_atoms

    mask = np.zeros((60, 120), bool)
    mask[0:2, :] = True
    mask[15:50, 40:45] = True
    mask[30, 80] = mask[45, 100] = mask[20, 10] = True
    # WHEN the cell is segmented
    atoms, _ = find_atoms(mask)
    # THEN only the stroke is left
    assert [a.box for a in atoms] == [(40, 15, 5, 35)]


def test_touching_glyphs_get_a_cut_candidate_at_the_bridge():
    # GIVEN two rings joined by a thin bridge (two touching zeros)
    import cv2

    from ocr.glyphs import build_lattice, cut_candidates, find_atoms

    img = np.zeros((60, 90), np.uint8)
    cv2.ellipse(img, (28, 30), (13, 20), 0, 0, 360, 255, 4)
    cv2.ellipse(img, (58, 30), (13, 20), 0, 0, 360, 255, 4)
    mask = img > 0
    atoms, band = find_atoms(mask)
    assert len(atoms) == 1
    # WHEN cuts are proposed
    cuts = cut_candidates(atoms[0], band)
    lattice = build_lattice(atoms, band)
    # THEN one lies at the bridge, and the lattice offers both halves and the whole
    bridge = 43 - atoms[0].x0
    assert any(abs(c - bridge) <= 3 for c in cuts)
    assert len(lattice.units) >= 2
    assert (0, len(lattice.units)) in lattice.pieces


def _box_atom(x0, y0, x1, y1):
    from ocr.glyphs import Atom

    return Atom(x0, y0, x1, y1, np.ones((y1 - y0, x1 - x0), bool))


def test_a_comma_close_to_a_digit_is_never_joined_to_it_but_a_broken_stroke_is():
    # GIVEN a 30 px text line: a digit, a comma 3 px after it hanging below the line (939، 1278
    # set tight), then a digit broken by faded ink into a tall part and a small part inside the line
    from ocr.glyphs import Band, build_lattice

    band = Band(22.0, 52.0)
    digit = _box_atom(68, 22, 88, 52)
    comma = _box_atom(91, 44, 96, 55)
    tall = _box_atom(120, 22, 128, 52)
    piece = _box_atom(130, 30, 136, 38)
    # WHEN the lattice of glyph candidates is built
    lattice = build_lattice([digit, comma, tall, piece], band)
    # THEN the comma is a candidate of its own only, while the broken digit may be rejoined
    assert (0, 2) not in lattice.pieces and (1, 3) not in lattice.pieces
    assert (1, 2) in lattice.pieces
    assert (2, 4) in lattice.pieces


def test_a_faint_slash_between_bold_digits_survives_the_enlargement():
    # GIVEN two share cells as the pipeline cut them from a generated page (seed 202, page 5,
    # moderate degradation): bold digits, a slash in much lighter ink, text small enough
    # to be enlarged before binarising
    from pathlib import Path

    import cv2

    from ocr.numbers import get_number_reader
    from ocr.recognise import clean_cell

    reader = get_number_reader()
    data = Path(__file__).parent / "data"
    for name, want in (("faint-slash-4-48.png", "4/48"), ("faint-slash-7-8.png", "7/8")):
        cell = cv2.imread(str(data / name), cv2.IMREAD_GRAYSCALE)
        # WHEN read THEN the slash is there (it was lost: 448, 78)
        assert reader.read(clean_cell(cell).gray, "share").text == want


def test_a_stamp_stroke_read_as_a_separator_before_the_number_is_dropped_and_the_field_flagged():
    # GIVEN an integer cell from a generated page (seed 202, page 2) with a stamp's arc far
    # left of the digits 351, which the classifier takes for a slash
    from pathlib import Path

    import cv2

    from ocr.numbers import EDGE_SEPARATOR_CONFIDENCE, get_number_reader
    from ocr.recognise import clean_cell

    cell = cv2.imread(str(Path(__file__).parent / "data" / "stamp-arc-351.png"), cv2.IMREAD_GRAYSCALE)
    # WHEN read without the number cell cleaning (which paints the arc out: it runs into a corner)
    r = get_number_reader().read(cell, "integer")
    # THEN no integer starts with a separator: the mark is dropped (it was read as /351),
    # and the field stays below the number threshold so the clerk looks at it
    assert r.text == "351"
    assert r.confidence <= EDGE_SEPARATOR_CONFIDENCE
    # AND the cleaned cell holds the digits only, read as surely as any
    sure = get_number_reader().read(clean_cell(cell, strokes=True).gray, "integer")
    assert sure.text == "351" and sure.confidence > EDGE_SEPARATOR_CONFIDENCE


@pytest.mark.parametrize(("text", "problem"), [
    ("35202-1234567-1", False), ("3520212345671", False),
    ("352021234567-1", True), ("35202-12345671", True),
])
def test_a_cnic_read_with_one_of_its_two_hyphens_is_flagged(text, problem):
    # GIVEN a CNIC reading (a clerk may type one hyphen; print has both or none)
    # WHEN checked as a reading of a CNIC field
    got = parse_problem("cnic", text)
    # THEN a reading with one hyphen names the hyphen that was not read; the others parse
    assert (got is not None) == problem
    if problem:
        assert "hyphen" in got


@pytest.mark.parametrize(("kind", "text", "problem"), [
    ("area", "07-10", True), ("khasra-list", "12، 05/1", True), ("integer", "0125", True),
    ("area", "0-15-5", False), ("khasra", "125/5", False), ("share", "1/10", False),
    ("date", "07-06-1960", False), ("cnic", "05123-0456789-0", False),
])
def test_a_number_read_with_a_leading_zero_is_flagged(kind, text, problem):
    # GIVEN a reading whose number starts with 0 (registers write none: a speck before the
    # number read as an Eastern zero's dot), or a reading with a lone 0 or a date's 07
    # WHEN checked as a reading of its field kind
    got = parse_problem(kind, text)
    # THEN the leading zero is named; the others parse
    assert (got is not None) == problem
    if problem:
        assert "starting with 0" in got


@pytest.mark.parametrize(("text", "problem"), [
    ("1/11، ، 4037/3", True), ("1/11،، 4037/3", True), ("125/5،", True), ("، 125", True),
    ("1/11، 4037/3", False), ("12, 13", False), ("125", False),
])
def test_a_list_read_with_a_comma_between_nothing_is_flagged(text, problem):
    # GIVEN a khasra-list reading with two commas together, or one at an end (a speck read
    # as a comma, or a number lost), and lists that are whole
    # WHEN checked as a reading of a khasra list
    got = parse_problem("khasra-list", text)
    # THEN the stray comma is named; the others parse
    assert (got is not None) == problem
    if problem:
        assert "comma with no khasra number" in got


def test_components_label_as_opencvs_default():
    # GIVEN ink masks of generated number cells and of random speckle
    import cv2

    from ocr.glyphs import binarise, components

    rng = np.random.default_rng(7)
    fonts = synth.resolve_fonts(["NotoNaskhArabic-Regular", "DejaVuSans"])
    masks = [binarise(synth.render_cell(synth.random_value(kind, rng), kind, "urdu", fonts[0], rng, 2).image)
             for kind in ("khasra", "area", "share")]
    masks += [rng.random((40 + k, 90 + 7 * k)) > 0.8 for k in range(6)]
    for mask in masks:
        # WHEN they are labelled as the readers label them (16-bit labels)
        n, labels, stats = components(mask)
        # THEN count, labels and statistics are those of OpenCV's 32-bit default, whose
        # order the readers' cutting rules were written against
        n0, labels0, stats0, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
        assert n == n0 and np.array_equal(labels, labels0) and np.array_equal(stats, stats0)


def test_glyph_features_of_a_page_at_once_equal_those_of_each_glyph_alone():
    # GIVEN more glyph shapes than one chunk of the HOG (a page's candidates)
    from ocr.glyphs import HOG_CHUNK, SHAPE_SIZE, hog_features

    rng = np.random.default_rng(11)
    shapes = (rng.random((HOG_CHUNK * 2 + 7, SHAPE_SIZE, SHAPE_SIZE)) > 0.7).astype(np.float32)
    # WHEN their features are taken together and one by one
    together = hog_features(shapes)
    alone = np.concatenate([hog_features(s[None]) for s in shapes[:: HOG_CHUNK // 2]])
    # THEN every glyph's features are the same, in order, and are not all alike
    assert together.shape[0] == len(shapes)
    np.testing.assert_array_equal(together[:: HOG_CHUNK // 2], alone)
    assert not np.allclose(together[0], together[HOG_CHUNK + 1])


def test_the_ink_masks_components_from_the_hysteresis_are_those_of_the_mask():
    # GIVEN generated number cells, some with speckle the hysteresis drops, at sizes that
    # are enlarged, reduced or kept
    import cv2

    from ocr.glyphs import components, hysteresis, normalise_scale, normalise_scale_labelled

    rng = np.random.default_rng(5)
    fonts = synth.resolve_fonts(["NotoNaskhArabic-Regular", "DejaVuSans"])
    grays = []
    for k, kind in enumerate(("khasra", "area", "share", "date", "khasra-list", "cnic")):
        image = synth.render_cell(synth.random_value(kind, rng), kind, "urdu", fonts[k % 2], rng, 2).image
        gray = np.array(image if image.ndim == 2 else image[..., 0], np.float64)
        for y, x in zip(rng.integers(0, gray.shape[0] - 3, 6), rng.integers(0, gray.shape[1] - 3, 6), strict=True):
            gray[y : y + 3, x : x + 3] = np.minimum(gray[y : y + 3, x : x + 3], 170)  # faint: never a seed
        for scale in (0.5, 1.0, 2.5):
            size = (max(int(gray.shape[1] * scale), 8), max(int(gray.shape[0] * scale), 8))
            grays.append(cv2.resize(gray.astype(np.uint8), size))
    for gray in grays:
        # WHEN a cell is normalised with the components of its mask
        worked, labelled, factor, offset = normalise_scale_labelled(gray)
        # THEN they are those of labelling the mask on its own, and the rest is normalise_scale
        plain = normalise_scale(gray)
        assert np.array_equal(plain[0], worked) and (plain[2], plain[3]) == (factor, offset)
        mask, labels, stats = labelled
        assert np.array_equal(plain[1], mask)
        _, labels0, stats0 = components(mask)
        assert np.array_equal(labels, labels0) and np.array_equal(stats, stats0[1:])
    # AND the hysteresis returns a new mask even when every weak piece holds a seed
    weak = np.zeros((9, 9), bool)
    weak[2:5, 2:5] = True
    assert hysteresis(weak, weak) is not weak and np.array_equal(hysteresis(weak, weak), weak)


def test_a_font_installed_twice_resolves_to_the_newer_packaging_whatever_else_is_installed(tmp_path):
    # GIVEN Debian's liberation2 and, pulled in later by another package (Chromium), fonts-liberation 1.x
    # with files of the same names
    from ocr.numbers_synth import resolve_fonts

    for folder in ("liberation2", "liberation", "noto"):
        (tmp_path / "truetype" / folder).mkdir(parents=True)
    (tmp_path / "truetype" / "liberation2" / "LiberationSerif-Regular.ttf").write_bytes(b"v2")
    (tmp_path / "truetype" / "noto" / "NotoSerif-Regular.ttf").write_bytes(b"noto")
    before = resolve_fonts(["LiberationSerif-Regular", "NotoSerif-Regular"], roots=(str(tmp_path),))
    (tmp_path / "truetype" / "liberation" / "LiberationSerif-Regular.ttf").write_bytes(b"v1")

    # WHEN the fonts are resolved again THEN they are the same files: the bench's cells stay as they were
    after = resolve_fonts(["LiberationSerif-Regular", "NotoSerif-Regular"], roots=(str(tmp_path),))
    assert after == before
    assert after[0].endswith("liberation2/LiberationSerif-Regular.ttf")


def _numbers_bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("numbers_bench_under_test", Path(__file__).resolve().parents[2] / "bench" / "numbers_bench.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_number_bench_refuses_to_measure_other_cells_when_a_font_of_a_set_is_missing(monkeypatch, capsys):
    # GIVEN a machine where one held-back printed font is not installed (a fresh machine without
    # fonts-sil-scheherazade drew printed held-back from the other fonts and read 836 of 840, not 833)
    bench = _numbers_bench()
    real = bench.synth.resolve_fonts
    monkeypatch.setattr(bench.synth, "resolve_fonts",
                        lambda names, *a, **k: [p for p in real(names, *a, **k) if "Scheherazade" not in p])
    monkeypatch.setattr(bench, "get_number_reader", lambda: pytest.fail("measured other cells"))

    # WHEN the bench is asked for that set THEN it measures nothing and names the font and what to install
    assert bench.main(["--sets", "printed-heldback", "--no-tesseract"]) == 2
    err = capsys.readouterr().err
    assert "printed-heldback" in err and "Scheherazade-Regular" in err
    assert "resources/models/README.md" in err and "--missing-fonts-ok" in err
    # AND a set whose fonts are all there is no reason to refuse
    assert bench.missing_fonts({"test": ["DejaVuSans"], "handwritten": None}) == ""
