"""Training of the glyph CNN (ocr.glyph_cnn) with PyTorch: used by `ocr.train_numbers
--model cnn` only. PyTorch is a training tool, not a dependency of Daftar: install it with
`pip install torch==2.13.0` (CPU). The trained weights are returned as numpy arrays under
the keys the numpy forward pass reads.

Every batch is augmented on the fly so that digit shapes of fonts never seen in training
are still read: small rotation, scale, shear and shift, thicker or thinner strokes, blur
and noise.
"""

from __future__ import annotations

import math
import os

import numpy as np


def make_net(n_geometry: int, n_classes: int, size: int):
    """The PyTorch network whose forward pass ocr.glyph_cnn.GlyphCNN repeats in numpy."""
    import torch.nn as nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
            self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
            self.conv3 = nn.Conv2d(32, 64, 3, padding=1)
            flat = 64 * (size // 8) ** 2
            self.fc1 = nn.Linear(flat + n_geometry, 128)
            self.fc2 = nn.Linear(128, n_classes)
            self.drop = nn.Dropout(0.2)

        def forward(self, x, geo):
            import torch
            import torch.nn.functional as F

            for conv in (self.conv1, self.conv2, self.conv3):
                x = F.max_pool2d(F.relu(conv(x)), 2)
            h = torch.cat([x.flatten(1), geo], dim=1)
            return self.fc2(self.drop(F.relu(self.fc1(h))))

    return Net()


def _augment(x, gen):
    """Random affine warp, stroke width, blur and noise of a batch (B, 1, S, S) in [0, 1]."""
    import torch
    import torch.nn.functional as F

    b = x.shape[0]
    ang = (torch.rand(b, generator=gen) - 0.5) * 2 * math.radians(8)
    scale = 1 + (torch.rand(b, generator=gen) - 0.5) * 0.25
    shear = (torch.rand(b, generator=gen) - 0.5) * 0.3
    tx, ty = ((torch.rand(2, b, generator=gen) - 0.5) * 0.15)
    cos, sin = torch.cos(ang) / scale, torch.sin(ang) / scale
    theta = torch.stack([torch.stack([cos, -sin + shear, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    x = F.grid_sample(x, grid, align_corners=False, padding_mode="zeros")
    r = torch.rand(b, 1, 1, 1, generator=gen)
    thick = F.max_pool2d(x, 3, 1, 1)
    thin = -F.max_pool2d(-x, 3, 1, 1)
    x = torch.where(r < 0.2, 0.5 * (x + thick), torch.where(r > 0.85, 0.5 * (x + thin), x))
    blur = torch.rand(b, 1, 1, 1, generator=gen) < 0.25
    x = torch.where(blur, F.avg_pool2d(x, 3, 1, 1), x)
    x = x + 0.05 * torch.randn(x.shape, generator=gen) * (torch.rand(b, 1, 1, 1, generator=gen) < 0.3)
    return x.clamp(0, 1)


def train_cnn(
    shapes: np.ndarray,
    geometry: np.ndarray,
    y: np.ndarray,
    n_classes: int,
    *,
    epochs: int = 14,
    seed: int = 0,
    lr: float = 3e-3,
    batch: int = 256,
    log=print,
) -> dict[str, np.ndarray]:
    """Train the CNN; returns its weights (numpy) with the geometry standardisation."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        raise SystemExit(
            "Training the CNN needs PyTorch (training only): pip install torch==2.13.0"
        ) from None
    # OpenMP refuses more threads than OMP_THREAD_LIMIT (the tests set 1): asking for more
    # makes PyTorch's thread pool spin for minutes, so never ask for more than allowed
    limit = int(os.environ.get("OMP_THREAD_LIMIT") or 0) or os.cpu_count() or 1
    torch.set_num_threads(max(1, min(torch.get_num_threads(), limit)))
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    geo_mean = geometry.mean(axis=0)
    geo_std = geometry.std(axis=0) + 1e-3
    xs = torch.from_numpy(shapes.astype(np.float32)[:, None])
    gs = torch.from_numpy(((geometry - geo_mean) / geo_std).astype(np.float32))
    ys = torch.from_numpy(y.astype(np.int64))
    net = make_net(geometry.shape[1], n_classes, shapes.shape[1])
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=1e-4)
    n = len(ys)
    steps = epochs * math.ceil(n / batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps)
    for epoch in range(epochs):
        net.train()
        order = torch.randperm(n, generator=gen)
        total, correct = 0.0, 0
        for s in range(0, n, batch):
            idx = order[s : s + batch]
            xb = _augment(xs[idx], gen)
            out = net(xb, gs[idx])
            loss = F.cross_entropy(out, ys[idx], label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
            correct += int((out.argmax(1) == ys[idx]).sum())
        log(f"  epoch {epoch + 1}/{epochs}: loss {total / n:.4f}, train acc {correct / n:.4f}")
    net.eval()
    return export_weights(net, geo_mean, geo_std)


def export_weights(net, geo_mean: np.ndarray, geo_std: np.ndarray) -> dict[str, np.ndarray]:
    """The network's parameters as numpy arrays under the keys of ocr.glyph_cnn.CNN_KEYS."""
    weights = {}
    for name in ("conv1", "conv2", "conv3", "fc1", "fc2"):
        layer = getattr(net, name)
        weights[f"{name}.w"] = layer.weight.detach().numpy().astype(np.float32)
        weights[f"{name}.b"] = layer.bias.detach().numpy().astype(np.float32)
    weights["geo_mean"] = geo_mean.astype(np.float32)
    weights["geo_std"] = geo_std.astype(np.float32)
    return weights
