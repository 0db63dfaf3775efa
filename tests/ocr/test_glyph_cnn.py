"""The numpy forward pass of the glyph CNN (ocr.glyph_cnn) against a plain loop."""

from __future__ import annotations

import numpy as np
import pytest

from ocr.glyph_cnn import CNN_KEYS, GlyphCNN, _conv_relu_pool, conv_matrix, is_cnn


def naive_conv_relu_pool(x, w, b):
    n, c, h, wd = x.shape
    k = w.shape[0]
    p = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    y = np.zeros((n, k, h, wd), np.float32)
    for i in range(h):
        for j in range(wd):
            patch = p[:, :, i : i + 3, j : j + 3]  # n, c, 3, 3
            y[:, :, i, j] = np.einsum("ncab,kcab->nk", patch, w) + b
    y = np.maximum(y, 0)
    return y.reshape(n, k, h // 2, 2, wd // 2, 2).max(axis=(3, 5))


def test_convolution_matches_the_definition():
    rng = np.random.default_rng(0)
    x = rng.random((2, 3, 8, 8), dtype=np.float32)
    w = rng.normal(size=(4, 3, 3, 3)).astype(np.float32)
    b = rng.normal(size=4).astype(np.float32)
    got = _conv_relu_pool(x.transpose(0, 2, 3, 1), conv_matrix(w), b).transpose(0, 3, 1, 2)  # channels last
    np.testing.assert_allclose(got, naive_conv_relu_pool(x, w, b), rtol=1e-4, atol=1e-5)


def test_forward_gives_one_distribution_per_glyph():
    rng = np.random.default_rng(1)
    shapes = {"conv1.w": (16, 1, 3, 3), "conv2.w": (32, 16, 3, 3), "conv3.w": (64, 32, 3, 3),
              "fc1.w": (128, 64 * 9 + 8), "fc2.w": (29, 128)}
    weights = {}
    for k in CNN_KEYS:
        if k.endswith(".w"):
            weights[k] = rng.normal(0, 0.1, shapes[k]).astype(np.float32)
        elif k.endswith(".b"):
            weights[k] = np.zeros(shapes[k[:-2] + ".w"][0], np.float32)
    weights["geo_mean"], weights["geo_std"] = np.zeros(8, np.float32), np.ones(8, np.float32)
    assert is_cnn(weights) and not is_cnn({"W1": np.zeros(1)})
    p = GlyphCNN(weights).predict(rng.random((5, 24, 24), dtype=np.float32), rng.random((5, 8), dtype=np.float32))
    assert p.shape == (5, 29)
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-5)


def test_numpy_forward_equals_the_pytorch_network():
    # GIVEN a randomly initialised training network (PyTorch: a training tool, often absent)
    torch = pytest.importorskip("torch", reason="comparing with PyTorch needs it (pip install torch==2.13.0)")
    from ocr.train_glyph_cnn import export_weights, make_net

    torch.manual_seed(0)
    net = make_net(8, 29, 24).eval()
    rng = np.random.default_rng(2)
    shapes, geo = rng.random((6, 24, 24), dtype=np.float32), rng.normal(size=(6, 8)).astype(np.float32)
    mean, std = geo.mean(axis=0), geo.std(axis=0) + 1e-3
    # WHEN both compute the class probabilities of the same glyphs
    with torch.no_grad():
        logits = net(torch.from_numpy(shapes[:, None]), torch.from_numpy((geo - mean) / std))
    expected = torch.softmax(logits, dim=1).numpy()
    got = GlyphCNN(export_weights(net, mean, std)).predict(shapes, geo)
    # THEN they agree (channel order of the flattened maps included)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)
