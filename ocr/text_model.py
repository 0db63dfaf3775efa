"""A line reader for Urdu text (Naskh and Nastaliq) run in numpy: CNN + BiLSTM + CTC.

Tesseract's stock `urd` model reads Naskh well but Nastaliq badly (it was trained on
Naskh-like text and, being an integer model, cannot be fine-tuned). This model was trained
from scratch in this repository (`ocr.train_text`, PyTorch for training only) on cells of
generated pages whose text came from a general Urdu word list, not from the names the page
generator uses. At run time the app reads lines through ONNX Runtime, with the network
exported beside the weights (`ocr.line_onnx`); the numpy network below is the reference
and reads when no export is there.

A text line (ink box of a cleaned cell, or one line of a two-line cell) is scaled to
LINE_H pixels, mirrored so that reading order runs with the columns, and read by four 3x3
convolutions, a bidirectional LSTM and a softmax over the characters plus the CTC blank;
best-path decoding gives the text and each character's probability.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

from ocr.line_onnx import OnnxLines, onnx_path

log = logging.getLogger(__name__)

LINE_H = 32
MIN_W = 8
# Blank columns read after each line. Training pads a batch's lines on the right to a common
# width (a multiple of 4), so the backward LSTM always starts in blank columns and only the
# line's own steps are scored; read alone without them, a line's last glyph was often lost
# (a final ۱ or ۰ dropped at full confidence). Its steps are cut off again after the LSTM.
TAIL = 8
POOLS = ((2, 2), (2, 2), (2, 1), (2, 1))  # (height, width) pooling after each convolution
CONVS = ("conv1", "conv2", "conv3", "conv4")
MODEL_FILE = "urdu_lines.npz"


def normalise_line(gray: np.ndarray, min_height: float = 0.0, mirror: bool = True) -> np.ndarray:
    """A line crop (uint8, dark ink on light paper) as float32 ink (0 paper .. 1 ink),
    LINE_H rows high, mirrored left-right for right-to-left text (reading order = column
    order; numbers, which run left to right, are not mirrored).

    `min_height`: crops lower than this (a word without tall letters) are padded with paper
    above and below first, so that they are not blown up beyond the page's font size."""
    g = gray.astype(np.float32)
    h, w = g.shape
    if h < min_height:
        extra = int(round(min_height - h))
        top = extra // 2
        g = np.pad(g, ((top, extra - top), (0, 0)), constant_values=float(np.percentile(g, 90)))
        h = g.shape[0]
        lo, hi = (float(v) for v in np.percentile(g, (1, 90)))
    elif gray.dtype == np.uint8:
        lo, hi = _percentiles_u8(gray, (1, 90))
    else:
        lo, hi = (float(v) for v in np.percentile(g, (1, 90)))
    if hi - lo < 8:
        lo = hi - 8
    ink = np.clip((hi - g) / (hi - lo), 0.0, 1.0)
    new_w = max(MIN_W, int(round(w * LINE_H / max(1, h))))
    interp = cv2.INTER_AREA if h > LINE_H else cv2.INTER_LINEAR
    out = cv2.resize(ink, (new_w, LINE_H), interpolation=interp)
    return np.ascontiguousarray(out[:, ::-1] if mirror else out)


def _percentiles_u8(gray: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """np.percentile (linear) of a uint8 image from its histogram: no sort of the pixels."""
    cdf = np.cumsum(np.bincount(gray.ravel(), minlength=256))
    n = int(cdf[-1])
    out = []
    for q in qs:
        pos = (n - 1) * q / 100.0
        k = int(pos)
        a, b = np.searchsorted(cdf, (k, min(k + 1, n - 1)), side="right")
        out.append(float(a + (b - a) * (pos - k)))
    return out


_DIGIT_RUN = re.compile("[0-9\u06f0-\u06f9\u0660-\u0669]+")  # Latin, Urdu, Arabic-Indic


def _digit_run_order(seen: str) -> list[int]:
    """Index permutation that reverses each digit run of `seen` (as reverse_digit_runs)."""
    order = list(range(len(seen)))
    for m in _DIGIT_RUN.finditer(seen):
        order[m.start() : m.end()] = order[m.start() : m.end()][::-1]
    return order


def reverse_digit_runs(text: str) -> str:
    """Each run of digits (Latin or Urdu) reversed: between the reading order of a mirrored
    right-to-left line, where numbers still run left to right, and the logical order."""
    return _DIGIT_RUN.sub(lambda m: m.group(0)[::-1], text)


def split_lines(mask: np.ndarray) -> list[tuple[int, int]]:
    """Row spans (y0, y1) of the text lines of a cell's ink mask, top to bottom.

    Runs of inked rows at least half as tall as the tallest are lines; smaller runs (dots,
    a descender's tail, a stroke of a stamp) join the line they are closest to."""
    on = mask.sum(axis=1) > max(1, 0.01 * mask.shape[1])
    runs, start = [], None
    for i, v in enumerate(on):
        if v and start is None:
            start = i
        elif not v and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(on)))
    if not runs:
        return [(0, mask.shape[0])]
    tall = max(b - a for a, b in runs)
    big = [r for r in runs if r[1] - r[0] >= 0.5 * tall]
    if len(big) < 2:
        return [(runs[0][0], runs[-1][1])]
    spans = [list(r) for r in big]
    for a, b in runs:
        if (a, b) in big:
            continue
        gaps = [max(0, ba - b, a - bb) for ba, bb in big]
        k = int(np.argmin(gaps))
        spans[k][0], spans[k][1] = min(spans[k][0], a), max(spans[k][1], b)
    return [(a, b) for a, b in spans]


def _conv_relu_pool(x: np.ndarray, m: np.ndarray, b: np.ndarray, pool: tuple[int, int]) -> np.ndarray:
    """(H, W, C) -> (H/ph, W/pw, K): 3x3 convolution (zero padding 1), max-pool, ReLU.

    `m` is the (9*C, K) kernel matrix, rows ordered (dy, dx, channel). One input channel: one
    matrix product over the nine shifted copies of the input (2.6x faster than one OpenCV
    filter per map). Several: nine products, one per kernel position, each over a shifted
    view of the padded input taken as one long row of pixels (no copies; the two padding
    columns of each row are computed too and cut off): the second layer 20% faster than
    with the nine shifts copied side by side, the others as fast. Pooling comes before bias and ReLU (both are monotonic, so the
    result is the same) on a quarter of the values."""
    h, w, c = x.shape
    k = m.shape[1]
    if c == 1:
        p = np.zeros((h + 2, w + 2, c), np.float32)
        p[1:-1, 1:-1] = x
        cols = np.empty((h, w, 9 * c), np.float32)
        for i in range(9):
            dy, dx = divmod(i, 3)
            cols[:, :, i * c : (i + 1) * c] = p[dy : dy + h, dx : dx + w]
        y = (cols.reshape(h * w, 9 * c) @ m).reshape(h, w, k)
    else:
        wp = w + 2
        p = np.zeros((h + 3, wp, c), np.float32)  # one more row: the last shifts run past the end
        p[1 : h + 1, 1 : w + 1] = x
        flat = p.reshape(-1, c)
        n = h * wp
        y = flat[:n] @ m[:c]
        for i in range(1, 9):
            dy, dx = divmod(i, 3)
            off = dy * wp + dx
            y += flat[off : off + n] @ m[i * c : (i + 1) * c]
        y = y.reshape(h, wp, k)
    ph, pw = pool
    y = y[: h // ph * ph, : w // pw * pw]
    if pw == 2:
        y = np.maximum(y[:, 0::2], y[:, 1::2])
    if ph == 2:
        y = np.maximum(y[0::2], y[1::2])
    y = y + b
    return np.maximum(y, 0, out=y)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def _lstm(x: np.ndarray, wih: np.ndarray, whh: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One direction of a PyTorch LSTM over (T, D) -> (T, H); gates in the order i, f, g, o."""
    t_len = x.shape[0]
    hid = whh.shape[1]
    gx = x @ wih.T + b
    whh_t = np.ascontiguousarray(whh.T)
    h = np.zeros(hid, np.float32)
    c = np.zeros(hid, np.float32)
    out = np.empty((t_len, hid), np.float32)
    for t in range(t_len):
        g = gx[t] + h @ whh_t
        i, f = _sigmoid(g[:hid]), _sigmoid(g[hid : 2 * hid])
        gg, o = np.tanh(g[2 * hid : 3 * hid]), _sigmoid(g[3 * hid :])
        c = f * c + i * gg
        h = o * np.tanh(c)
        out[t] = h
    return out


def _bilstm_weights(fwd: tuple, bwd: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both directions' LSTM weights stacked for `_bilstm_batch`: input weights (D, 8H) for
    one product over all steps, recurrent weights (2, H, 4H), and the gates scaled so that one
    tanh gives all four: sigmoid(x) = (tanh(x/2) + 1) / 2 for the i, f and o gates."""
    hid = fwd[1].shape[1]
    scale = np.full(4 * hid, 0.5, np.float32)
    scale[2 * hid : 3 * hid] = 1.0
    wih = np.concatenate([fwd[0] * scale[:, None], bwd[0] * scale[:, None]]).T
    whh = np.stack([(fwd[1] * scale[:, None]).T, (bwd[1] * scale[:, None]).T])
    b = np.concatenate([fwd[2] * scale, bwd[2] * scale])
    return np.ascontiguousarray(wih, np.float32), np.ascontiguousarray(whh, np.float32), b.astype(np.float32)


def _bilstm_batch(xs: list[np.ndarray], wih: np.ndarray, whh: np.ndarray, b: np.ndarray
                  ) -> list[tuple[np.ndarray, np.ndarray]]:
    """Both directions of `_lstm` over several sequences of different lengths at once
    (weights from `_bilstm_weights`): at each step one batched product and one tanh serve
    both directions and every sequence still running. Sequences are taken longest first, so
    only those still running are computed and padding never reaches an output. Returns
    (forward, backward) outputs per sequence, each (T, H), in step order."""
    n = len(xs)
    order = sorted(range(n), key=lambda i: -len(xs[i]))
    lens = [len(xs[i]) for i in order]
    t_max, hid = lens[0], whh.shape[1]
    seq = np.zeros((n, t_max, xs[0].shape[1]), np.float32)
    rev = np.zeros_like(seq)
    for r, i in enumerate(order):
        seq[r, : lens[r]] = xs[i]
        rev[r, : lens[r]] = xs[i][::-1]
    g4 = 4 * hid
    gx = np.empty((2, t_max, n, g4), np.float32)  # step-major: one contiguous slice per step
    gx[0] = (seq @ wih[:, :g4] + b[:g4]).transpose(1, 0, 2)
    gx[1] = (rev @ wih[:, g4:] + b[g4:]).transpose(1, 0, 2)
    h = np.zeros((2, n, hid), np.float32)
    c = np.zeros((2, n, hid), np.float32)
    out = np.empty((2, t_max, n, hid), np.float32)
    active = n
    for t in range(t_max):
        while lens[active - 1] <= t:
            active -= 1
        g = np.tanh(gx[:, t, :active] + h[:, :active] @ whh)
        ifo = g[:, :, : 2 * hid] * 0.5 + 0.5
        o = g[:, :, 3 * hid :] * 0.5 + 0.5
        cc = ifo[:, :, hid:] * c[:, :active] + ifo[:, :, :hid] * g[:, :, 2 * hid : 3 * hid]
        c[:, :active] = cc
        h[:, :active] = o * np.tanh(cc)
        out[:, t, :active] = h[:, :active]
    res: list[tuple[np.ndarray, np.ndarray]] = [(np.empty(0), np.empty(0))] * n
    for r, i in enumerate(order):
        res[i] = (out[0, : lens[r], r], out[1, : lens[r], r][::-1])
    return res


@cache
def one_blas_thread() -> None:
    """Keep numpy's BLAS on one thread in this process (once). A page's lines are many small
    matrix products: OpenBLAS's worker threads spin for each and, with the other core busy
    (a second page, Tesseract), made a page's line reading 30x slower. Daftar reads pages
    in parallel with processes instead."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


@dataclass(frozen=True)
class LineText:
    """What the model read on one line: text and one probability per letter (spaces have none)."""

    text: str
    confidences: tuple[float, ...]


class TextLineModel:
    """The trained network; `read` takes normalised lines (see `normalise_line`)."""

    blank_doubt = True  # blank steps that only just won lower the letters beside them (see decode)

    def __init__(self, weights: dict[str, np.ndarray], charset: str, info: dict | None = None,
                 runtime: OnnxLines | None = None) -> None:
        one_blas_thread()
        self.charset = charset
        self.info = info or {}
        self.runtime = runtime  # the same network exported to ONNX, when shipped beside the weights
        self._convs = []
        for name, pool in zip(CONVS, POOLS, strict=True):
            w = weights[f"{name}.w"].astype(np.float32)
            k, c = w.shape[:2]
            m = np.ascontiguousarray(w.transpose(2, 3, 1, 0).reshape(9 * c, k))
            self._convs.append((m, weights[f"{name}.b"].astype(np.float32), pool))
        self._lstm = []
        for d in ("", "_reverse"):
            self._lstm.append((
                weights[f"rnn.weight_ih_l0{d}"].astype(np.float32),
                weights[f"rnn.weight_hh_l0{d}"].astype(np.float32),
                (weights[f"rnn.bias_ih_l0{d}"] + weights[f"rnn.bias_hh_l0{d}"]).astype(np.float32),
            ))
        self._bilstm = _bilstm_weights(*self._lstm)
        self._fc_w = np.ascontiguousarray(weights["fc.w"].astype(np.float32).T)
        self._fc_b = weights["fc.b"].astype(np.float32)

    @classmethod
    def load(cls, path: str | Path, runtime: bool = True) -> TextLineModel:
        """The model in an .npz file, read through ONNX Runtime when its export
        (`ocr.line_onnx`) lies beside it and `runtime`, else with numpy."""
        with np.load(path, allow_pickle=False) as z:
            weights = {k: z[k] for k in z.files if k not in ("charset", "info")}
            charset = str(z["charset"])
            info = json.loads(str(z["info"])) if "info" in z.files else {}
        exported = onnx_path(path)
        session = None
        if runtime and exported.is_file():
            try:
                session = OnnxLines(exported)
            except ImportError:
                log.warning("onnxruntime is not installed: %s is read with numpy (slower)", path)
            except Exception as e:  # noqa: BLE001 - a damaged or foreign file, whatever onnxruntime says
                raise ModelError(f"{exported}: the exported line model cannot be loaded ({e}); "
                                 "reinstall Daftar") from e
        return cls(weights, charset, info, session)

    def _features(self, line: np.ndarray) -> tuple[np.ndarray, int]:
        """(T, C*H): the convolutions' output for one line followed by TAIL blank columns, one
        row per step (as torch orders it), and the number of steps that belong to the line."""
        w = max(line.shape[1], MIN_W)
        x = np.zeros((line.shape[0], w + TAIL, 1), np.float32)
        x[:, : line.shape[1], 0] = line
        for m, b, pool in self._convs:
            x = _conv_relu_pool(x, m, b, pool)
        h, t_len, k = x.shape
        return np.ascontiguousarray(x.transpose(1, 2, 0).reshape(t_len, k * h)), w // 4

    def _softmax(self, fwd: np.ndarray, bwd: np.ndarray) -> np.ndarray:
        logits = np.concatenate([fwd, bwd], axis=1) @ self._fc_w + self._fc_b
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=1, keepdims=True)

    def probabilities(self, line: np.ndarray) -> np.ndarray:
        """(T, classes) softmax over one normalised line; class 0 is the CTC blank."""
        if self.runtime is None:
            return self.numpy_probabilities(line)
        w = max(line.shape[1], MIN_W)
        x = np.zeros((1, 1, line.shape[0], w + TAIL), np.float32)
        x[0, 0, :, : line.shape[1]] = line
        return self.runtime.run(x, (w + TAIL) // 4)[: w // 4]

    def numpy_probabilities(self, line: np.ndarray) -> np.ndarray:
        """`probabilities` computed with numpy alone (the reference for the ONNX export)."""
        seq, steps = self._features(line)
        fwd, bwd = _lstm(seq, *self._lstm[0]), _lstm(seq[::-1], *self._lstm[1])[::-1]
        return self._softmax(fwd[:steps], bwd[:steps])

    def read_many(self, lines: list[np.ndarray]) -> list[LineText]:
        """Texts of several normalised lines."""
        return [self.decode(p) for p in self.probabilities_many(lines)]

    def probabilities_many(self, lines: list[np.ndarray]) -> list[np.ndarray]:
        """`probabilities` of several normalised lines (with numpy, their recurrences run as
        one batch; ONNX Runtime reads a line in about a quarter of that time one at a time,
        and batching lines of different widths there changes the padding the convolutions
        see)."""
        if not lines:
            return []
        if self.runtime is not None:
            return [self.probabilities(x) for x in lines]
        feats = [self._features(x) for x in lines]
        outs = _bilstm_batch([f for f, _ in feats], *self._bilstm)
        return [self._softmax(f[:n], b[:n]) for (f, b), (_, n) in zip(outs, feats, strict=True)]

    def decode(self, probs: np.ndarray) -> LineText:
        """Best path: the likeliest class per step, repeats merged, blanks dropped.

        A character's confidence is the least of: its highest probability over its steps, and
        the winning probability of every blank step beside it. The second matters most: a
        missed space or letter shows as a blank step that only just won (0.6 blank against
        0.4 space), while the letters themselves were read at 0.99. With `blank_doubt` off
        only the peaks count (the number reader: there a doubtful blank is rare and the peaks
        decide better which of two readers to trust)."""
        best = probs.argmax(axis=1)
        top = probs[np.arange(len(best)), best]
        chars: list[str] = []
        peaks: list[float] = []
        gaps = [1.0]  # gaps[i]: weakest blank step before character i (gaps[-1]: after the last)
        prev = 0
        for t, k in enumerate(best):
            if k == 0:
                gaps[-1] = min(gaps[-1], float(top[t]))
            elif k != prev:
                chars.append(self.charset[k - 1])
                peaks.append(float(top[t]))
                gaps.append(1.0)
            else:
                peaks[-1] = max(peaks[-1], float(top[t]))
            prev = k
        if self.blank_doubt:
            confs = [min(peaks[i], gaps[i], gaps[i + 1]) for i in range(len(chars))]
        else:
            confs = list(peaks)
        # a doubtful space doubts the letters on both sides of it
        for i, ch in enumerate(chars):
            if ch.isspace():
                for j in (i - 1, i + 1):
                    if 0 <= j < len(chars):
                        confs[j] = min(confs[j], confs[i])
        letters = [c for ch, c in zip(chars, confs, strict=True) if not ch.isspace()]
        text = "".join(chars)
        if (getattr(self, "info", None) or {}).get("mirror", True):
            # a mirrored line shows numbers reversed: put each digit run, and its scores, back
            seen = "".join(ch for ch in chars if not ch.isspace())
            letters = [letters[i] for i in _digit_run_order(seen)]
            text = reverse_digit_runs(text)
        return LineText(" ".join(text.split()), tuple(letters))

    def read(self, line: np.ndarray) -> LineText:
        """Text of one normalised line."""
        return self.decode(self.probabilities(line))


_lock = threading.Lock()


def model_path() -> Path:
    import resources

    return Path(resources.__file__).parent / "models" / MODEL_FILE


class ModelError(RuntimeError):
    """A model file that exists but cannot be used; the message names the file."""


@cache
def _load(path: str) -> TextLineModel | None:
    p = Path(path)
    if not p.is_file():
        return None
    try:
        return TextLineModel.load(p)
    except ModelError:
        raise
    except Exception as e:  # noqa: BLE001 - a damaged or foreign file, whatever numpy says
        raise ModelError(f"{p}: the Urdu line model cannot be loaded ({e}); reinstall Daftar") from e


def default_model() -> TextLineModel | None:
    """The shipped line model, or None when it is not installed (ModelError when damaged)."""
    with _lock:
        return _load(str(model_path()))
