"""Make a page image ready for layout and recognition, keeping the original untouched.

    prepared = prepare(loaded.image)
    prepared.gray          # uint8 gray page: cropped, upright, evenly lit, mildly denoised
    to_original(box, prepared)   # a box of prepared.gray back on the original image

Steps, in order:
1. grayscale (BGR photos and gray scans alike);
2. page crop with perspective correction: in a photo the page is the largest bright
   quadrilateral on a darker background; it is warped to an upright rectangle. A scan
   whose page fills the image is left as is, but dark bands along its edges (scanner lid,
   shadow) are painted as paper so they are taken neither for rules nor for the skew;
3. illumination normalisation: divide by the page background (text removed by a dilation
   on a reduced copy, then a median), then a bounded contrast stretch (helps faded ink);
4. deskew: the angle whose horizontal projection of the ink is sharpest (ruled tables and
   text lines give peaks), searched coarse to fine within +-10 degrees, then a rotation
   about the centre keeping the size;
5. mild denoise (3x3 median) only when the page is noisy.

The result is never binarised: Tesseract reads our grayscale better than Otsu output (see
../shared/notes/ocr-facts.md). All boxes from ocr.layout are in `prepared.gray`
coordinates; `warp` (3x3, original -> prepared) and `to_original` map them back.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MAX_SKEW = 10.0


@dataclass
class Prepared:
    """A page ready for layout: gray image and how it relates to the original."""

    gray: np.ndarray
    deskew_deg: float  # rotation applied (degrees, counter-clockwise positive)
    scale: float  # prepared px per original px (1.0 unless max_side shrank the page)
    warp: np.ndarray | None  # 3x3 homography original -> prepared; None = identity
    cropped: bool = False  # a page was found in a photo and rectified


def to_gray(image: np.ndarray) -> np.ndarray:
    """uint8 gray copy of a gray, BGR or BGRA image."""
    if image.ndim == 2:
        return image.astype(np.uint8, copy=True)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _order(pts: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    pts = pts.reshape(4, 2).astype(np.float32)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32
    )


def find_page_quad(gray: np.ndarray) -> np.ndarray | None:
    """Corners (4x2, TL TR BR BL, original px) of a page lying on a darker background."""
    h, w = gray.shape
    f = 800 / max(h, w)
    small = cv2.resize(
        gray, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA
    )
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, mask = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    c = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(c)
    total = small.shape[0] * small.shape[1]
    if not 0.15 * total <= area <= 0.92 * total:
        return None
    hull = cv2.convexHull(c)
    peri = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.01, 0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            quad = approx
            break
    if quad is None:
        quad = cv2.boxPoints(cv2.minAreaRect(hull))
    quad = _order(np.asarray(quad, np.float32))
    # The page must be clearly brighter than what lies around it, with a sharp edge
    # (a shadow or uneven light across a scan has soft edges and is no page border).
    inside = np.zeros_like(small)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), 255)
    if (inside == 0).sum() < 0.02 * total:
        return None
    mean_in, mean_out = float(small[inside > 0].mean()), float(small[inside == 0].mean())
    if mean_in - mean_out < 50 or mean_out > 0.6 * mean_in:
        return None
    if _edge_strength(small, quad) < 6.0:
        return None
    return _refine_corners(gray, quad / f, 1 / f)


def _refine_corners(gray: np.ndarray, quad: np.ndarray, step: float) -> np.ndarray:
    """Corners precise to a pixel on the full image (the search ran on a reduced copy).

    Along each side, the strongest edge across it is looked for within a few reduced-copy
    pixels; a robust line is fitted through those edge points and the corners are where
    adjacent lines cross.
    """
    h, w = gray.shape
    reach = max(4.0, 3.0 * step)
    blurred = cv2.GaussianBlur(gray, (0, 0), max(1.0, step / 3)).astype(np.float32)
    lines = []
    offsets = np.arange(-reach, reach + 1, 1.0)
    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        d = (b - a) / max(1e-6, float(np.linalg.norm(b - a)))
        n = np.array([-d[1], d[0]])
        pts = []
        for t in np.linspace(0.08, 0.92, 48):
            p = a + (b - a) * t
            xs = np.clip(np.round(p[0] + offsets * n[0]).astype(int), 0, w - 1)
            ys = np.clip(np.round(p[1] + offsets * n[1]).astype(int), 0, h - 1)
            grad = np.abs(np.diff(blurred[ys, xs]))
            if grad.size == 0 or grad.max() < 8:
                continue
            k = int(np.argmax(grad))
            pts.append(p + (offsets[k] + 0.5) * n)
        if len(pts) < 8:
            return quad
        vx, vy, x0, y0 = cv2.fitLine(np.float32(pts), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    corners = []
    for i in range(4):
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]
        m = np.array([d1, -d2]).T
        if abs(np.linalg.det(m)) < 1e-6:
            return quad
        s, _ = np.linalg.solve(m, p2 - p1)
        corners.append(p1 + s * d1)
    refined = np.float32(corners)
    moved = np.linalg.norm(refined - quad, axis=1)
    return np.where((moved <= 2 * reach)[:, None], refined, quad).astype(np.float32)


def _edge_strength(small: np.ndarray, quad: np.ndarray) -> float:
    """Mean gradient across the quad's sides that are not on the image border."""
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3) / 8
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3) / 8
    mag = np.hypot(gx, gy)
    h, w = small.shape
    values = []
    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        for t in np.linspace(0.1, 0.9, 25):
            x, y = a + (b - a) * t
            if 4 <= x < w - 4 and 4 <= y < h - 4:
                xi, yi = int(round(x)), int(round(y))
                values.append(float(mag[yi - 2 : yi + 3, xi - 2 : xi + 3].max()))
    return float(np.mean(values)) if len(values) >= 10 else 0.0


def _rectify(gray: np.ndarray, quad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tl, tr, br, bl = quad
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    out = cv2.warpPerspective(
        gray, m, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return out, m


def clear_dark_margins(gray: np.ndarray, max_share: float = 0.15) -> np.ndarray:
    """Paint dark bands along the image edges (scanner lid, page shadow) as paper.

    A band is the run of whole rows/columns, from an edge inward, whose median is less than
    half the page's; at most `max_share` of the size per side. Returns a new image.
    """
    h, w = gray.shape
    paper = float(np.median(gray[::4, ::4]))
    if paper < 100:
        return gray
    col_med = np.median(gray[:: max(1, h // 400), :], axis=0)
    row_med = np.median(gray[:, :: max(1, w // 400)], axis=1)
    dark_c, dark_r = col_med < paper / 2, row_med < paper / 2

    def run(flags: np.ndarray) -> int:
        n = 0
        while n < len(flags) and flags[n]:
            n += 1
        return n

    left, right = run(dark_c), run(dark_c[::-1])
    top, bottom = run(dark_r), run(dark_r[::-1])
    if not (left or right or top or bottom):
        return gray
    out = gray.copy()
    fill = int(paper)
    pad_w, pad_h = max(1, w // 300), max(1, h // 300)  # the band's soft inner edge too
    if 0 < left <= max_share * w:
        out[:, : left + pad_w] = fill
    if 0 < right <= max_share * w:
        out[:, w - right - pad_w :] = fill
    if 0 < top <= max_share * h:
        out[: top + pad_h, :] = fill
    if 0 < bottom <= max_share * h:
        out[h - bottom - pad_h :, :] = fill
    return out


def normalise_light(gray: np.ndarray) -> np.ndarray:
    """Divide by the page background and stretch contrast (at most 2x)."""
    h, w = gray.shape
    f = 4
    small = cv2.resize(gray, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    k = max(3, (min(small.shape) // 60) | 1)
    bg = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    bg = cv2.medianBlur(bg, min(k * 3 | 1, 255) if k * 3 < 256 else 255)
    bg = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)
    norm = cv2.divide(gray, np.maximum(bg, 1), scale=255)
    hist = np.bincount(norm[::4, ::4].ravel(), minlength=256)
    ink = hist[:200]
    if ink.sum() > 0.001 * hist.sum():
        lo = float(np.searchsorted(np.cumsum(ink), 0.05 * ink.sum()))
        gain = min(2.0, 255.0 / max(1.0, 255.0 - lo))
        lut = np.clip(255.0 - (255.0 - np.arange(256)) * gain, 0, 255).astype(np.uint8)
        norm = cv2.LUT(norm, lut)
    return norm


def _ink_points(gray: np.ndarray, width: int = 1600) -> tuple[np.ndarray, np.ndarray, float]:
    h, w = gray.shape
    f = min(1.0, width / w)
    small = (
        cv2.resize(gray, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)
        if f < 1
        else gray
    )
    ink = cv2.adaptiveThreshold(
        small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    ys, xs = np.nonzero(ink)
    if len(xs) > 400_000:
        sel = np.random.default_rng(0).choice(len(xs), 400_000, replace=False)
        xs, ys = xs[sel], ys[sel]
    return xs.astype(np.float32) - small.shape[1] / 2, ys.astype(np.float32) - small.shape[0] / 2, f


def _sharpness(xs: np.ndarray, ys: np.ndarray, deg: float, nbins: int, lo: float) -> float:
    a = np.deg2rad(deg)
    y = ys * np.cos(a) - xs * np.sin(a)
    hist = np.bincount(np.clip((y - lo).astype(np.int32), 0, nbins - 1), minlength=nbins).astype(
        np.float64
    )
    return float((hist * hist).sum())


def estimate_skew(gray: np.ndarray) -> float:
    """Angle (degrees, counter-clockwise positive) by which the page content is rotated."""
    xs, ys, _ = _ink_points(gray)
    if len(xs) < 200:
        return 0.0
    r = float(np.sqrt((xs**2 + ys**2).max())) + 2
    nbins, lo = int(2 * r) + 1, -r
    # Content rotated counter-clockwise by t: undoing it (rotating points by -t) sharpens.
    best, step = 0.0, 0.5
    grid = np.arange(-MAX_SKEW, MAX_SKEW + 1e-6, step)
    for _ in range(4):
        scores = [_sharpness(xs, ys, -g, nbins, lo) for g in grid]
        best = float(grid[int(np.argmax(scores))])
        step /= 5
        grid = np.arange(best - 5 * step, best + 5 * step + 1e-9, step)
    return round(float(np.clip(best, -MAX_SKEW, MAX_SKEW)), 3)


def rotate(gray: np.ndarray, deg: float) -> tuple[np.ndarray, np.ndarray]:
    """Rotate about the centre (counter-clockwise positive), same size, white fill."""
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    out = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return out, np.vstack([m, [0, 0, 1]])


def _noisy(gray: np.ndarray) -> bool:
    h, w = gray.shape
    if h < 16 or w < 16:
        return False
    sample = gray[h // 4 : 3 * h // 4 : 2, w // 4 : 3 * w // 4 : 2].astype(np.float32)
    hp = sample - cv2.blur(sample, (3, 3))
    light = sample > 200  # paper only
    if light.sum() < 100:
        return False
    return float(np.median(np.abs(hp[light]))) > 2.5


def prepare(
    image: np.ndarray, *, deskew: bool = True, crop: bool = True, max_side: int | None = None
) -> Prepared:
    """Gray, cropped, upright, evenly lit page; `image` itself is not modified."""
    if image is None or image.size == 0:
        raise ValueError("prepare: empty image")
    gray = to_gray(image)
    warp = np.eye(3)
    cropped = False
    if crop:
        quad = find_page_quad(gray)
        if quad is not None:
            gray, m = _rectify(gray, quad)
            warp = m @ warp
            cropped = True
    if not cropped:
        gray = clear_dark_margins(gray)
    scale = 1.0
    if max_side and max(gray.shape) > max_side:
        scale = max_side / max(gray.shape)
        gray = cv2.resize(
            gray,
            (round(gray.shape[1] * scale), round(gray.shape[0] * scale)),
            interpolation=cv2.INTER_AREA,
        )
        warp = np.diag([scale, scale, 1.0]) @ warp
    gray = normalise_light(gray)
    angle = 0.0
    if deskew:
        angle = estimate_skew(gray)
        if abs(angle) >= 0.05:
            gray, m = rotate(gray, -angle)
            warp = m @ warp
        else:
            angle = 0.0
    if _noisy(gray):
        gray = cv2.medianBlur(gray, 3)
    identity = np.allclose(warp, np.eye(3))
    return Prepared(
        gray=gray,
        deskew_deg=0.0 - angle,
        scale=scale,
        warp=None if identity else warp,
        cropped=cropped,
    )


def to_original(box: tuple[int, int, int, int], prepared: Prepared) -> tuple[int, int, int, int]:
    """Axis-aligned box (x, y, w, h) on the original image around a prepared-image box."""
    if prepared.warp is None:
        return box
    x, y, w, h = box
    corners = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32).reshape(
        -1, 1, 2
    )
    back = cv2.perspectiveTransform(corners, np.linalg.inv(prepared.warp)).reshape(-1, 2)
    x0, y0 = np.floor(back.min(axis=0))
    x1, y1 = np.ceil(back.max(axis=0))
    return int(x0), int(y0), int(x1 - x0), int(y1 - y0)
