"""The Urdu line reader (ocr.text_model): its numpy network, line splitting, and reading."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import resources
from ocr.evaluate import edit_distance
from ocr.recognise import CellImage, recognise_cells
from ocr.text_model import (
    LINE_H,
    TAIL,
    TextLineModel,
    _conv_relu_pool,
    _lstm,
    default_model,
    normalise_line,
    split_lines,
)

NAMES = ["محمد یعقوب ولد ملک الطاف", "غلام رسول قوم جٹ", "سکنہ ڈھوک راجگان", "بشیراں بی بی زوجہ اللہ دتہ"]


def cell(text: str, font: str, size: int = 30, lines: int = 1) -> np.ndarray:
    """A register cell (grey paper, a rule at the top) holding `text`, one or two lines."""
    f = ImageFont.truetype(str(resources.font_path(font)), size, layout_engine=ImageFont.Layout.RAQM)
    parts = [text] if lines == 1 else [" ".join(text.split()[:2]), " ".join(text.split()[2:])]
    w = max(int(f.getlength(p, direction="rtl", language="ur")) for p in parts) + 40
    h = int(size * 2.4) * lines + 10
    img = Image.new("L", (w, h), 235)
    d = ImageDraw.Draw(img)
    for i, p in enumerate(parts):
        d.text((w - 20, 8 + i * int(size * 2.4)), p, fill=20, font=f, anchor="ra", direction="rtl",
               language="ur")
    return np.asarray(img)


def cer(a: str, b: str) -> float:
    return edit_distance(a, b) / max(1, len(b))


def naive_conv(x, w, b, pool):
    h, wd, _ = x.shape
    p = np.pad(x, ((1, 1), (1, 1), (0, 0)))
    y = np.zeros((h, wd, w.shape[0]), np.float32)
    for i in range(h):
        for j in range(wd):
            y[i, j] = np.einsum("abc,kcab->k", p[i : i + 3, j : j + 3], w) + b
    y = np.maximum(y, 0)
    ph, pw = pool
    return y[: h // ph * ph, : wd // pw * pw].reshape(h // ph, ph, wd // pw, pw, -1).max(axis=(1, 3))


def test_convolution_matches_its_definition():
    rng = np.random.default_rng(0)
    x = rng.random((8, 10, 3), dtype=np.float32)
    w = rng.normal(size=(4, 3, 3, 3)).astype(np.float32)
    b = rng.normal(size=4).astype(np.float32)
    m = np.ascontiguousarray(w.transpose(2, 3, 1, 0).reshape(27, 4))
    for pool in ((2, 2), (2, 1)):
        np.testing.assert_allclose(_conv_relu_pool(x, m, b, pool), naive_conv(x, w, b, pool), rtol=1e-4, atol=1e-5)


def test_lstm_matches_pytorch():
    torch = pytest.importorskip("torch")
    rnn = torch.nn.LSTM(6, 5, bidirectional=False)
    x = torch.rand(7, 1, 6)
    with torch.no_grad():
        want = rnn(x)[0][:, 0].numpy()
    sd = {k: v.numpy() for k, v in rnn.state_dict().items()}
    got = _lstm(x[:, 0].numpy(), sd["weight_ih_l0"], sd["weight_hh_l0"], sd["bias_ih_l0"] + sd["bias_hh_l0"])
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


def test_numpy_network_matches_the_training_network():
    torch = pytest.importorskip("torch")
    from ocr.train_text import build_net, export

    torch.manual_seed(0)
    charset = "ابپتٹ "
    net = build_net(len(charset) + 1, hidden=8, chans=(1, 4, 4, 6, 8)).eval()
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.npz"
        export(net, charset, {"test": True}, path)
        model = TextLineModel.load(path)
        # the exported weights are float16: compare against the network with those weights
        with np.load(path) as z:
            sd = net.state_dict()
            for i in range(4):
                sd[f"convs.{i}.weight"] = torch.tensor(z[f"conv{i + 1}.w"].astype(np.float32))
            for k in sd:
                if k.startswith("rnn."):
                    sd[k] = torch.tensor(z[k].astype(np.float32))
            sd["fc.weight"] = torch.tensor(z["fc.w"].astype(np.float32))
        net.load_state_dict(sd)
    x = np.random.default_rng(1).random((LINE_H, 52), dtype=np.float32)
    # as in training: the line padded on the right with blank columns, only its own steps kept
    padded = np.pad(x, ((0, 0), (0, TAIL)))
    with torch.no_grad():
        want = torch.softmax(net(torch.tensor(padded)[None, None]), 2)[0].numpy()[: x.shape[1] // 4]
    got = model.probabilities(x)
    assert got.shape == want.shape == (13, len(charset) + 1)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    assert model.info == {"test": True} and model.charset == charset


def test_decoding_merges_repeats_and_drops_blanks():
    model = TextLineModel.__new__(TextLineModel)
    model.charset = "اب "
    steps = [1, 1, 0, 1, 3, 2, 2, 0]  # ا ا (blank) ا space ب ب blank
    probs = np.full((len(steps), 4), 0.01, np.float32)
    for t, k in enumerate(steps):
        probs[t, k] = 0.95 if t != 1 else 0.99
    got = model.decode(probs)
    assert got.text == "اا ب"
    assert got.confidences == pytest.approx((0.95, 0.95, 0.95))


def test_a_blank_that_only_just_won_doubts_the_letters_beside_it():
    # GIVEN two letters read surely, with a blank step between them that barely beat a space
    model = TextLineModel.__new__(TextLineModel)
    model.charset = "اب "
    probs = np.array([
        [0.01, 0.98, 0.005, 0.005],  # ا
        [0.55, 0.01, 0.01, 0.43],    # blank, a space nearly
        [0.01, 0.005, 0.98, 0.005],  # ب
    ], np.float32)
    # WHEN decoded
    got = model.decode(probs)
    # THEN the text has no space, but neither letter is sure any more
    assert got.text == "اب"
    assert max(got.confidences) == pytest.approx(0.55)


def test_normalised_line_is_line_high_mirrored_and_ink_positive():
    gray = np.full((20, 60), 230, np.uint8)
    gray[5:15, 0:10] = 10  # ink at the left
    out = normalise_line(gray)
    assert out.shape[0] == LINE_H and out.dtype == np.float32
    assert out[:, -5:].mean() > 0.4 and out[:, :20].mean() < 0.05  # mirrored: ink now at the right
    # a low crop is padded to the page's line height, not blown up
    assert normalise_line(gray, min_height=40).shape[1] < out.shape[1]


def test_split_lines_finds_two_lines_and_keeps_one():
    mask = np.zeros((60, 80), bool)
    mask[5:20, 10:70] = True
    assert split_lines(mask) == [(5, 20)]
    mask[35:52, 5:60] = True
    mask[36, 40] = False
    assert split_lines(mask) == [(5, 20), (35, 52)]
    # dots below a line are not a line of their own
    mask2 = np.zeros((40, 80), bool)
    mask2[5:25, 10:70] = True
    mask2[30:33, 20:23] = True
    assert len(split_lines(mask2)) == 1


needs_model = pytest.mark.skipif(default_model() is None, reason="resources/models/urdu_lines.npz missing")


@needs_model
@pytest.mark.parametrize("font", [resources.URDU_NASTALIQ, resources.URDU_NASKH])
def test_names_are_read_in_nastaliq_and_naskh(font):
    # GIVEN cells of names written in the font, as a register would hold them
    cells = [CellImage(i, "text-ur", cell(t, font)) for i, t in enumerate(NAMES)]
    # WHEN the page's Urdu text is read with the line model
    got = recognise_cells(cells, text_reader="lines")
    # THEN the names come back with few character errors, each with its words' confidences
    errors = [cer(got[i].text, t) for i, t in enumerate(NAMES)]
    assert sum(errors) / len(errors) <= 0.08, [got[i].text for i in range(len(NAMES))]
    for i in range(len(NAMES)):
        assert got[i].method == "urdu-lines"
        assert len(got[i].confidences) == len(got[i].text.split())


@needs_model
def test_a_two_line_cell_is_read_line_by_line_in_order():
    text = "محمد یعقوب ولد ملک الطاف"
    got = recognise_cells([CellImage("k", "text-ur", cell(text, resources.URDU_NASTALIQ, lines=2))], text_reader="lines")
    assert cer(got["k"].text, text) <= 0.1, got["k"].text


@needs_model
def test_an_empty_cell_is_empty_not_guessed():
    blank = np.full((60, 200), 235, np.uint8)
    blank[0:2, :] = 30  # only a rule remnant
    got = recognise_cells([CellImage("e", "text-ur", blank)], text_reader="lines")
    assert got["e"].empty and got["e"].text == ""


def test_an_unknown_text_reader_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="auto, lines or tesseract"):
        recognise_cells([CellImage("k", "text-ur", np.full((30, 30), 255, np.uint8))], text_reader="nastaliq")


def test_insisting_on_a_missing_line_model_says_where_it_belongs(monkeypatch):
    import ocr.text_model as tm

    monkeypatch.setattr(tm, "default_model", lambda: None)
    with pytest.raises(ValueError, match="urdu_lines.npz"):
        recognise_cells([CellImage("k", "text-ur", np.full((30, 30), 255, np.uint8))], text_reader="lines")


def test_a_damaged_model_file_falls_back_to_tesseract_and_names_the_file(tmp_path, monkeypatch, caplog):
    import ocr.text_model as tm

    # GIVEN a line model file that is not a model (a broken copy)
    bad = tmp_path / "urdu_lines.npz"
    bad.write_bytes(b"not a zip file")
    monkeypatch.setattr(tm, "model_path", lambda: bad)
    tm._load.cache_clear()
    try:
        img = cell("محمد اسلم", resources.URDU_NASKH)
        # WHEN Urdu text is read with the default reader
        got = recognise_cells([CellImage("k", "text-ur", img)])
        # THEN Tesseract read it, and the log names the damaged file
        assert got["k"].method == "urd-stack" and got["k"].text
        assert str(bad) in caplog.text
        # AND insisting on the line model is refused with the same message
        with pytest.raises(tm.ModelError, match="urdu_lines.npz"):
            recognise_cells([CellImage("k", "text-ur", img)], text_reader="lines")
    finally:
        tm._load.cache_clear()


def test_loading_a_model_keeps_numpy_blas_on_one_thread():
    from threadpoolctl import threadpool_info

    import ocr.text_model as tm

    # WHEN a line model is set up in this process
    tm.one_blas_thread()
    # THEN numpy's BLAS runs on one thread
    blas = [p for p in threadpool_info() if p["user_api"] == "blas"]
    assert blas and all(p["num_threads"] == 1 for p in blas)


def test_trimming_a_line_drops_sparse_tips_and_tails_but_keeps_its_body():
    from ocr.recognise import _trim_line

    # GIVEN a line whose body fills rows 10-30 and a thin tail reaches down to row 48
    img = np.full((50, 100), 255, np.uint8)
    img[10:30, 5:95] = 0
    img[30:48, 50:51] = 0
    # WHEN it is cut to the rows holding 97% of its ink
    out = _trim_line(img, 0.97)
    # THEN the body stays whole and the tail goes
    assert 20 <= out.shape[0] <= 24
    assert (out == 0).sum() >= 0.97 * (img[10:30] == 0).sum()
    # AND a line with nothing to cut is left as it is
    assert _trim_line(img[10:30], 0.97).shape[0] >= 19


def test_batched_recurrences_match_one_line_at_a_time():
    from ocr.text_model import _bilstm_batch, _bilstm_weights

    rng = np.random.default_rng(0)

    def direction():
        return ((rng.standard_normal((64, 10)) * 0.3).astype(np.float32),
                (rng.standard_normal((64, 16)) * 0.3).astype(np.float32),
                rng.standard_normal(64).astype(np.float32))

    fwd, bwd = direction(), direction()
    seqs = [rng.random((n, 10), dtype=np.float32) for n in (5, 9, 3, 9, 1)]
    got = _bilstm_batch(seqs, *_bilstm_weights(fwd, bwd))
    for s, (f, b) in zip(seqs, got, strict=True):
        np.testing.assert_allclose(f, _lstm(s, *fwd), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(b, _lstm(s[::-1], *bwd)[::-1], rtol=1e-5, atol=1e-6)


def test_numbers_inside_urdu_text_come_back_in_logical_order():
    from ocr.text_model import reverse_digit_runs

    # a mirrored line shows 5082 as 2805 (numbers run left to right inside right-to-left text)
    assert reverse_digit_runs("انتقال نمبر 2805 منظور") == "انتقال نمبر 5082 منظور"
    assert reverse_digit_runs("چک ۲۱ ج ب") == "چک ۱۲ ج ب"
    model = TextLineModel.__new__(TextLineModel)
    model.charset = "ن 12"
    model.info = {"mirror": True}
    steps = [1, 0, 2, 0, 4, 0, 3]  # ن, space, 2, 1 as the mirrored line shows them
    probs = np.full((len(steps), 5), 0.01, np.float32)
    for t, k in enumerate(steps):
        probs[t, k] = 0.9 if k != 4 else 0.6  # the 2 is the doubtful one
    got = model.decode(probs)
    assert got.text == "ن 12"
    assert got.confidences[1:] == pytest.approx((0.9, 0.6))  # scores follow their digits
