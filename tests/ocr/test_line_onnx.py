"""The line models exported to ONNX (ocr.line_onnx) read as the numpy network does."""

from __future__ import annotations

import numpy as np
import pytest

from ocr import number_lines, text_model
from ocr.line_onnx import export, onnx_path
from ocr.text_model import LINE_H, POOLS, ModelError, TextLineModel, normalise_line

SHIPPED = [number_lines.model_path(), number_lines.outline_model_path(), text_model.model_path()]


def lines_of_several_widths(seed: int) -> list[np.ndarray]:
    """Normalised lines of ink strokes, from narrower than MIN_W to a long line."""
    rng = np.random.default_rng(seed)
    out = []
    for w in (3, 8, 13, 37, 64, 150, 403):
        gray = np.full((40, w), 230, np.uint8)
        for _ in range(max(1, w // 6)):
            x, y = int(rng.integers(w)), int(rng.integers(8, 32))
            gray[y - 6 : y + 6, x : x + 2] = 25
        out.append(normalise_line(gray, mirror=bool(rng.integers(2))))
    return out


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_shipped_export_reads_as_the_weights_beside_it(path):
    # GIVEN a shipped line model, loaded with its ONNX export and with numpy alone
    fast, reference = TextLineModel.load(path), TextLineModel.load(path, runtime=False)
    assert onnx_path(path).is_file() and fast.runtime is not None and reference.runtime is None
    for line in lines_of_several_widths(1):
        # WHEN both read the same line
        got, want = fast.probabilities(line), reference.probabilities(line)
        # THEN they give the same probabilities (an export left behind by a retrained
        # model, or one that orders the LSTM's gates wrongly, would not)
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, atol=2e-5)
    assert [r.text for r in fast.read_many(lines_of_several_widths(2))] == \
           [r.text for r in reference.read_many(lines_of_several_widths(2))]


def small_weights(seed: int, classes: int = 7, hid: int = 8, chans=(1, 4, 4, 6, 8)) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    w = {}
    for i in range(4):
        w[f"conv{i + 1}.w"] = rng.normal(0, 0.5, (chans[i + 1], chans[i], 3, 3)).astype(np.float16)
        w[f"conv{i + 1}.b"] = rng.normal(0, 0.1, chans[i + 1]).astype(np.float32)
    feat = chans[4] * LINE_H // 16
    for d in ("", "_reverse"):
        w[f"rnn.weight_ih_l0{d}"] = rng.normal(0, 0.4, (4 * hid, feat)).astype(np.float16)
        w[f"rnn.weight_hh_l0{d}"] = rng.normal(0, 0.4, (4 * hid, hid)).astype(np.float16)
        w[f"rnn.bias_ih_l0{d}"] = rng.normal(0, 0.2, 4 * hid).astype(np.float32)
        w[f"rnn.bias_hh_l0{d}"] = rng.normal(0, 0.2, 4 * hid).astype(np.float32)
    w["fc.w"] = rng.normal(0, 0.5, (classes, 2 * hid)).astype(np.float16)
    w["fc.b"] = rng.normal(0, 0.1, classes).astype(np.float32)
    return w


def test_an_exported_network_of_any_size_reads_as_numpy(tmp_path):
    pytest.importorskip("onnx")
    # GIVEN random weights of a small network saved as the trainers save them, and exported
    weights = small_weights(3)
    npz = tmp_path / "m.npz"
    np.savez_compressed(npz, charset=np.array("ab/-12"), info=np.array("{}"), **weights)
    export(weights, LINE_H, POOLS, onnx_path(npz))
    fast, reference = TextLineModel.load(npz), TextLineModel.load(npz, runtime=False)
    assert fast.runtime is not None
    # WHEN both read lines of several widths THEN every step's probabilities agree
    for line in lines_of_several_widths(4):
        np.testing.assert_allclose(fast.probabilities(line), reference.probabilities(line), atol=2e-5)


def test_a_model_without_an_export_is_read_with_numpy(tmp_path):
    npz = tmp_path / "m.npz"
    np.savez_compressed(npz, charset=np.array("ab/-12"), info=np.array("{}"), **small_weights(5))
    model = TextLineModel.load(npz)
    assert model.runtime is None
    line = lines_of_several_widths(6)[3]
    assert model.probabilities(line).shape == (line.shape[1] // 4, 7)


def test_a_damaged_export_names_its_file(tmp_path):
    # GIVEN a model whose .onnx beside it was cut short (a broken copy or install)
    npz = tmp_path / "m.npz"
    np.savez_compressed(npz, charset=np.array("ab/-12"), info=np.array("{}"), **small_weights(5))
    onnx_path(npz).write_bytes(onnx_path(SHIPPED[0]).read_bytes()[:5000])
    # WHEN it is loaded THEN the error names the file and what to do
    with pytest.raises(ModelError, match=r"m\.onnx.*reinstall Daftar"):
        TextLineModel.load(npz)


def test_reading_lines_leaves_no_telemetry_files(tmp_path):
    # GIVEN a process with its own empty home, cache and temporary folders, and no telemetry
    # setting of its own (ONNX Runtime's official builds write a device id and an event cache
    # under ~/.cache/Microsoft and a session file into the temporary folder when it is on)
    import os
    import subprocess
    import sys
    from pathlib import Path

    home, cache, tmp = tmp_path / "home", tmp_path / "cache", tmp_path / "tmp"
    for d in (home, cache, tmp):
        d.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(cache), TMPDIR=str(tmp))
    script = ("import numpy as np\n"
              "from ocr import number_lines\n"
              "m = number_lines.get_line_number_reader().model\n"
              "assert m.runtime is not None\n"
              "print(m.read(np.zeros((32, 60), np.float32)).text)\n")
    # WHEN it reads a line through ONNX Runtime
    r = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                       timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert r.returncode == 0, r.stderr
    # THEN it wrote nothing into any of them
    assert [p for d in (home, cache, tmp) for p in d.rglob("*")] == []


def test_exporting_a_file_that_is_not_a_line_model_says_so(tmp_path, capsys):
    pytest.importorskip("onnx")
    from ocr.line_onnx import main

    # GIVEN an .npz with other arrays in it, and a file that is not there
    other = tmp_path / "other.npz"
    np.savez(other, a=np.zeros(3))
    for path in (other, tmp_path / "missing.npz"):
        # WHEN it is exported THEN the command fails naming the file, and writes no .onnx
        assert main([str(path)]) == 1
        assert str(path) in capsys.readouterr().err
        assert not onnx_path(path).exists()
