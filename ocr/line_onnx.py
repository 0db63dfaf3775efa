"""The line models (`ocr.text_model`) run by ONNX Runtime, and their export to ONNX.

The trainers write a model's weights to an .npz file, which `ocr.text_model` can run with
numpy alone (the reference: its tests compare it with the PyTorch network it came from).
`export` turns those weights into the same network as an ONNX graph (four convolutions with
ReLU and max-pooling, a bidirectional LSTM, a linear layer and a softmax), written next to the
.npz; the app reads lines with it through ONNX Runtime on one thread, which gives the same
probabilities as the numpy network (within 2e-5) at about a quarter of the time per line.

    python -m ocr.line_onnx resources/models/number_lines.npz resources/models/urdu_lines.npz

Export needs the `onnx` package (a development dependency); reading needs only onnxruntime.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

# ONNX Runtime's official builds carry telemetry: on Linux and macOS Microsoft's 1DS SDK writes
# a device id and an event cache under ~/.cache/Microsoft and a session file into the
# temporary folder on import, and uploads when online; on Windows it reports through ETW.
# Daftar holds land records and promises nothing leaves the office but sync: it is off, set
# before onnxruntime is first imported (the runtime reads the setting once per process).
# Import onnxruntime only through this module (`runtime()`).
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

LINE_INPUT, STEPS_INPUT, OUTPUT = "line", "steps", "probs"
_TORCH_TO_ONNX_GATES = (0, 3, 1, 2)  # PyTorch orders an LSTM's gates i, f, g, o; ONNX i, o, f, c


def onnx_path(npz_path: str | Path) -> Path:
    """Where the ONNX graph of the model in `npz_path` lives: beside it, same name."""
    return Path(npz_path).with_suffix(".onnx")


def export(weights: dict[str, np.ndarray], line_h: int, pools: tuple[tuple[int, int], ...], path: Path) -> None:
    """Write the line network with these weights (names as in the trainers' .npz) to `path`.

    Inputs: `line` (N, 1, line_h, W) float32 ink and `steps` (N,) int32, the LSTM steps of
    each line (its width, blank tail included, over 4). Output: `probs` (T, N, classes)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    inits, nodes = [], []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def f32(name: str) -> np.ndarray:
        return weights[name].astype(np.float32)

    x = LINE_INPUT
    for i, pool in enumerate(pools, 1):
        w, b = const(f"conv{i}.w", f32(f"conv{i}.w")), const(f"conv{i}.b", f32(f"conv{i}.b"))
        nodes += [
            helper.make_node("Conv", [x, w, b], [f"conv{i}"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
            helper.make_node("Relu", [f"conv{i}"], [f"relu{i}"]),
            helper.make_node("MaxPool", [f"relu{i}"], [f"pool{i}"], kernel_shape=list(pool), strides=list(pool)),
        ]
        x = f"pool{i}"
    # (N, C, H, T) -> (T, N, C*H): one row per step, channel-major as the trainers flatten it
    const("keep_two", np.array([0, 0, -1], np.int64))
    nodes += [
        helper.make_node("Transpose", [x], ["steps_first"], perm=[3, 0, 1, 2]),
        helper.make_node("Reshape", ["steps_first", "keep_two"], ["seq"]),
    ]
    hid = weights["rnn.weight_hh_l0"].shape[1]

    def gates(m: np.ndarray) -> np.ndarray:
        return np.concatenate([m[k * hid : (k + 1) * hid] for k in _TORCH_TO_ONNX_GATES])

    dirs = ("", "_reverse")
    const("lstm.W", np.stack([gates(f32(f"rnn.weight_ih_l0{d}")) for d in dirs]))
    const("lstm.R", np.stack([gates(f32(f"rnn.weight_hh_l0{d}")) for d in dirs]))
    const("lstm.B", np.stack([np.concatenate([gates(f32(f"rnn.bias_ih_l0{d}")), gates(f32(f"rnn.bias_hh_l0{d}"))])
                              for d in dirs]))
    const("fc.w", f32("fc.w").T)
    const("fc.b", f32("fc.b"))
    nodes += [
        helper.make_node("LSTM", ["seq", "lstm.W", "lstm.R", "lstm.B", STEPS_INPUT], ["both"],
                         direction="bidirectional", hidden_size=hid),
        # (T, 2, N, H) -> (T, N, 2H): forward then backward, as PyTorch concatenates them
        helper.make_node("Transpose", ["both"], ["both_t"], perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["both_t", "keep_two"], ["joined"]),
        helper.make_node("MatMul", ["joined", "fc.w"], ["logits0"]),
        helper.make_node("Add", ["logits0", "fc.b"], ["logits"]),
        helper.make_node("Softmax", ["logits"], [OUTPUT], axis=-1),
    ]
    classes = weights["fc.w"].shape[0]
    graph = helper.make_graph(
        nodes, "daftar_line",
        [helper.make_tensor_value_info(LINE_INPUT, TensorProto.FLOAT, ["N", 1, line_h, "W"]),
         helper.make_tensor_value_info(STEPS_INPUT, TensorProto.INT32, ["N"])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["T", "N", classes])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="daftar ocr.line_onnx")
    model.ir_version = 8  # readable by onnxruntime 1.14 and later
    onnx.checker.check_model(model)
    tmp = path.with_name(path.name + ".part")
    onnx.save(model, str(tmp))
    tmp.replace(path)


def runtime():
    """The onnxruntime module, imported with its telemetry off (Windows' too)."""
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    return onnxruntime


class OnnxLines:
    """An exported line network in an ONNX Runtime session on one thread (Daftar reads pages
    in parallel with processes, as for numpy's BLAS). `run` is thread-safe."""

    def __init__(self, path: str | Path) -> None:
        ort = runtime()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.log_severity_level = 3  # errors only: no notes on the console of the app
        self._session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    def run(self, line: np.ndarray, lstm_steps: int) -> np.ndarray:
        """(T, classes) probabilities of one line, (1, 1, H, W) float32 with its blank tail."""
        steps = np.array([lstm_steps], np.int32)
        return self._session.run(None, {LINE_INPUT: line, STEPS_INPUT: steps})[0][:, 0]


def main(argv: list[str] | None = None) -> int:
    """Export each .npz named on the command line to the .onnx beside it."""
    from ocr.text_model import LINE_H, POOLS

    paths = (sys.argv[1:] if argv is None else argv)
    if not paths:
        print("usage: python -m ocr.line_onnx MODEL.npz [MODEL.npz ...]", file=sys.stderr)
        return 2
    for p in paths:
        try:
            with np.load(p, allow_pickle=False) as z:
                weights = {k: z[k] for k in z.files if k not in ("charset", "info")}
            export(weights, LINE_H, POOLS, onnx_path(p))
        except (OSError, KeyError, ValueError) as e:
            print(f"{p}: not the weights of a line model ({e!r}); nothing written for it", file=sys.stderr)
            return 1
        print(f"{p} -> {onnx_path(p)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
