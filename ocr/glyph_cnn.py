"""A small convolutional glyph classifier run in numpy (no deep-learning runtime needed).

Input: the glyph's shape image (SHAPE_SIZE square, ink = 1) and its geometry row (size and
place in the text band). Three 3x3 convolutions (ReLU, 2x2 max-pool each), then the flattened
maps joined with the standardised geometry, one ReLU layer and a softmax over the classes.
Trained by `ocr.train_numbers --model cnn` (PyTorch, training only); the weights are stored
in the same .npz as the MLP's, under the keys listed in `CNN_KEYS`.
"""

from __future__ import annotations

import numpy as np

CONV_KEYS = ("conv1", "conv2", "conv3")
CNN_KEYS = tuple(f"{k}.{p}" for k in CONV_KEYS + ("fc1", "fc2") for p in ("w", "b")) + (
    "geo_mean",
    "geo_std",
)


def is_cnn(weights: dict[str, np.ndarray]) -> bool:
    """True when the weights are those of this network."""
    return all(k in weights for k in CNN_KEYS)


def conv_matrix(w: np.ndarray) -> np.ndarray:
    """PyTorch's (K, C, 3, 3) kernel as the (9*C, K) matrix `_conv_relu_pool` multiplies by."""
    k, c = w.shape[:2]
    return np.ascontiguousarray(w.transpose(2, 3, 1, 0).reshape(9 * c, k))


def _conv_relu_pool(x: np.ndarray, m: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(N, H, W, C) -> (N, H/2, W/2, K): 3x3 convolution with zero padding 1, ReLU, 2x2 max.
    `m` comes from `conv_matrix`. Channels last, so no transposes are needed; the nine
    shifted copies are joined along the channels (fast copies of whole rows)."""
    n, h, wd, c = x.shape
    k = m.shape[1]
    p = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    cols = np.concatenate([p[:, dy : dy + h, dx : dx + wd] for dy in range(3) for dx in range(3)], axis=3)
    y = cols.reshape(n * h * wd, 9 * c) @ m
    y = y.reshape(n, h, wd, k)[:, : h // 2 * 2, : wd // 2 * 2]
    y = np.maximum(np.maximum(y[:, 0::2, 0::2], y[:, 0::2, 1::2]), np.maximum(y[:, 1::2, 0::2], y[:, 1::2, 1::2]))
    y += b
    return np.maximum(y, 0, out=y)  # bias and ReLU after the max: the same, on a quarter of the values


class GlyphCNN:
    """Class probabilities of glyph candidates from their shape images and geometry."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self.w = {k: weights[k].astype(np.float32) for k in CNN_KEYS}
        self.geo_scale = 1.0 / self.w["geo_std"]
        # PyTorch flattens the last maps channels first (C, H, W); here they are (H, W, C)
        fc1 = self.w["fc1.w"]
        k = self.w["conv3.w"].shape[0]
        n_maps = fc1.shape[1] - len(self.geo_scale)
        side = int(round((n_maps / k) ** 0.5))
        maps = fc1[:, :n_maps].reshape(-1, k, side, side).transpose(0, 2, 3, 1).reshape(-1, n_maps)
        self.fc1 = np.ascontiguousarray(np.concatenate([maps, fc1[:, n_maps:]], axis=1).T)
        self.fc2 = np.ascontiguousarray(self.w["fc2.w"].T)
        self.convs = [(conv_matrix(self.w[f"{k}.w"]), self.w[f"{k}.b"]) for k in CONV_KEYS]

    def predict(self, shapes: np.ndarray, geometry: np.ndarray) -> np.ndarray:
        """(N, S, S) shapes and (N, G) geometry -> (N, classes) probabilities."""
        x = shapes.astype(np.float32)[..., None]
        for m, b in self.convs:
            x = _conv_relu_pool(x, m, b)
        geo = (geometry.astype(np.float32) - self.w["geo_mean"]) * self.geo_scale
        h = np.concatenate([x.reshape(len(x), -1), geo], axis=1) @ self.fc1 + self.w["fc1.b"]
        np.maximum(h, 0, out=h)
        z = h @ self.fc2 + self.w["fc2.b"]
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z
