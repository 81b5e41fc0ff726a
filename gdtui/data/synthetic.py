"""Synthetic digits for tests: small MNIST-like IDX files made on the fly.

The lessons never use them (with no MNIST anywhere they use the real test
images shipped with gdtui); tests use them to write IDX files of any size,
damaged or not, without copying MNIST into the test suite.

Each digit is a few pen strokes (polylines and arcs) in a box one unit wide
per side of the centre line: x to the right, y *down*, y = -1 at the top of
the digit and +1 at the bottom. Every sample gets its own size, slant,
position, pen width and a little per-stroke wobble, then is rasterised with
anti-aliased edges, so samples of one digit differ the way handwriting does
while staying learnable by a single linear layer.
"""

from __future__ import annotations

import numpy as np

SIZE = 28
_ARC_STEP_DEG = 30.0  # arcs become polylines with roughly this angular step


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> np.ndarray:
    """Points along an ellipse arc from angle a0 to a1 (degrees; y points down)."""
    steps = max(2, int(np.ceil(abs(a1 - a0) / _ARC_STEP_DEG)))
    t = np.radians(np.linspace(a0, a1, steps + 1))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def _line(*points: tuple[float, float]) -> np.ndarray:
    return np.array(points, dtype=float)


# Each digit has one or two styles (e.g. 7 with and without a bar); each style
# is a list of strokes, each stroke an [k, 2] array of points.
_STYLES: dict[int, list[list[np.ndarray]]] = {
    0: [[_arc(0, 0, 0.55, 0.95, 0, 360)]],
    1: [
        [_line((0.08, -1), (-0.05, 1))],
        [_line((-0.3, -0.65), (0.08, -1), (-0.05, 1))],
    ],
    2: [[np.vstack([_arc(0, -0.45, 0.5, 0.52, -190, 25), _line((-0.55, 1), (0.6, 1))])]],
    3: [[np.vstack([_arc(0, -0.5, 0.45, 0.48, -160, 90), _arc(0, 0.48, 0.52, 0.52, -90, 155)])]],
    4: [
        [_line((-0.3, -1), (-0.55, 0.25), (0.6, 0.25)), _line((0.3, -0.9), (0.3, 1))],
        [_line((0.3, -1), (-0.55, 0.3), (0.6, 0.3)), _line((0.3, -1), (0.3, 1))],
    ],
    5: [[_line((0.5, -1), (-0.35, -1), (-0.45, -0.1)), _arc(0.0, 0.42, 0.52, 0.58, -125, 150)]],
    6: [[np.vstack([_arc(0.75, 0.3, 1.2, 1.3, -100, -180)[:-1], _arc(0, 0.45, 0.48, 0.55, 180, 540)])]],
    7: [
        [_line((-0.55, -1), (0.55, -1), (-0.1, 1))],
        [_line((-0.55, -1), (0.55, -1), (-0.1, 1)), _line((-0.25, 0.0), (0.35, 0.0))],
    ],
    8: [[_arc(0, -0.5, 0.4, 0.48, 0, 360), _arc(0, 0.48, 0.5, 0.52, 0, 360)]],
    9: [[_arc(0, -0.45, 0.5, 0.55, 0, 360), _line((0.5, -0.45), (0.4, 1))]],
}


def _segments(strokes: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Segment endpoints [s, 2, 2] of a list of polylines, and each one's stroke index [s]."""
    seg = [np.stack([s[:-1], s[1:]], axis=1) for s in strokes]
    return np.concatenate(seg), np.repeat(np.arange(len(seg)), [len(s) for s in seg])


def _draw(strokes: list[np.ndarray], m: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """m random renderings of one style: segments [m, s, 2, 2] in pixels, pen half-widths [m]."""
    seg, stroke_of = _segments(strokes)
    # Move each stroke a little on its own, so joins and crossings vary.
    wobble = rng.normal(0.0, 0.06, size=(m, len(strokes), 2))
    seg = seg[None] + wobble[:, stroke_of, None, :]
    height = rng.uniform(7.5, 10.0, size=(m, 1, 1))  # half-height in pixels; MNIST digits fit ~20 px
    width = height * rng.uniform(0.75, 1.15, size=(m, 1, 1))
    slant = rng.uniform(-0.3, 0.25, size=(m, 1, 1))  # x shifts with y: handwriting leans
    centre = SIZE / 2 - 0.5 + rng.uniform(-1.5, 1.5, size=(m, 1, 1, 2))
    x = seg[..., 0] * width - slant * seg[..., 1] * height
    y = seg[..., 1] * height
    return np.stack([x, y], axis=-1) + centre, rng.uniform(0.8, 1.7, size=m)


def _rasterise(seg: np.ndarray, half_width: np.ndarray) -> np.ndarray:
    """uint8 images [m, 28, 28] of segments [m, s, 2, 2] drawn with an anti-aliased pen.

    Ink is full within the pen's half-width of a segment and fades to zero
    over the next pixel, which is what keeps the edges smooth.
    """
    # x and y are kept as separate arrays: NumPy is slow at summing tiny axes.
    px = np.tile(np.arange(SIZE, dtype=np.float32), SIZE)[None, :, None]  # [1, p, 1] pixel centres
    py = np.repeat(np.arange(SIZE, dtype=np.float32), SIZE)[None, :, None]
    ax, ay = seg[:, None, :, 0, 0], seg[:, None, :, 0, 1]  # [m, 1, s]
    dx, dy = seg[:, None, :, 1, 0] - ax, seg[:, None, :, 1, 1] - ay
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / np.maximum(dx * dx + dy * dy, 1e-6), 0.0, 1.0)
    gx, gy = px - ax - t * dx, py - ay - t * dy  # [m, p, s] from the nearest point of each segment
    dist = np.sqrt((gx * gx + gy * gy).min(axis=2))  # [m, p] distance to the nearest segment
    ink = np.clip(half_width[:, None] + 0.5 - dist, 0.0, 1.0)
    return np.round(ink * 255).astype(np.uint8).reshape(-1, SIZE, SIZE)


def synthetic_digits(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n synthetic digits: (images uint8 [n, 28, 28], labels uint8 [n]).

    Labels are balanced (each digit n//10 or n//10 + 1 times) in random order;
    the same (n, seed) always gives the same arrays.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 10).astype(np.uint8)
    style = rng.integers(0, 2, size=n)  # which style, for digits that have two
    images = np.empty((n, SIZE, SIZE), dtype=np.uint8)
    # Draw all samples of one style together: same segment count, so NumPy can batch them.
    for digit, styles in _STYLES.items():
        for k, strokes in enumerate(styles):
            rows = np.flatnonzero((labels == digit) & (style % len(styles) == k))
            for chunk in np.array_split(rows, max(1, len(rows) // 64)):
                seg, half_width = _draw(strokes, len(chunk), rng)
                images[chunk] = _rasterise(seg.astype(np.float32), half_width.astype(np.float32))
    return images, labels
