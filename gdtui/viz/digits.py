"""MNIST pictures as Rich renderables: digits, weight maps, dot products, outputs.

The last section of chapter 5 trains ten outputs on 784 pixels and then looks
at each output's 784 weights as a 28x28 picture: the weights "look like" the
digit they detect, and the prediction for a digit is the dot product of the
image with that picture -- "a loose measure of similarity".

Everything here is a pure function of numpy arrays (no Textual, no engine):

* ``DigitImage``    - a greyscale 28x28 image.
* ``WeightMap``     - one signed 28x28 map, as the book draws it: bright =
  high, dark = negative, mid grey = 0.
* ``WeightMaps``    - ten maps on one shared scale, as large as fit.
* ``WeightLegend``  - one line explaining the map colours / ASCII glyphs.
* ``DotProductView`` - image x weights[digit] as a map, plus the ten scores.
* ``OutputBars``    - the ten outputs against the one-hot goal.

They live in ``gdtui.viz.digit_maps`` (the maps) and ``gdtui.viz.scores`` (the
bar charts), both drawn with the primitives of ``gdtui.viz.pixels``; this
module gathers them.  ``python -m gdtui.viz.digits`` shows a demo.

How the maps are drawn (and why):

* Unicode: each character cell shows two pixel rows with the upper half block
  '▀': foreground = upper pixel, background = lower pixel, so 28x28 pixels take
  28 columns x 14 rows.
* Every colour on the wire costs bytes (~20-40 per style change), so shades are
  quantised to a few levels and each run of equal cells becomes ONE Segment
  with ONE shared Style (Rich writes an SGR code + reset per segment, it does
  not merge neighbours itself).  The palettes are xterm-256 colour numbers:
  ``38;5;N`` is half the size of ``38;2;R;G;B``, and colours 16-255 look the
  same on every terminal (themes only redefine 0-15).
* ASCII (``options.ascii_only``): one character per pixel column, two pixel
  rows averaged per text row, glyph ramps instead of colour, no colours needed.
* Smaller maps (the ten at 120x40 are 22x22 pixels) are area-averaged, then
  quantised: the shades drawn still correlate >= 0.9 with the weights.
* Narrow consoles: pixel columns are averaged down so nothing overflows.
  Rendering never raises; NaN weights are drawn in their own colour / as '?'.
"""

from __future__ import annotations

import numpy as np
from rich.console import Console

from gdtui.viz.digit_maps import DIGIT_LABELS, DigitImage, WeightLegend, WeightMap, WeightMaps
from gdtui.viz.pixels import SIDE
from gdtui.viz.scores import DotProductView, OutputBars

__all__ = [
    "DIGIT_LABELS",
    "DigitImage",
    "DotProductView",
    "OutputBars",
    "WeightLegend",
    "WeightMap",
    "WeightMaps",
    "ring_image",
    "smooth_noise",
]


# --- demo ----------------------------------------------------------------------------


def ring_image(side: int = SIDE) -> np.ndarray:
    """A hand-drawn-ish '0': an anti-aliased ring, floats 0..1."""
    y, x = np.mgrid[0:side, 0:side]
    radius = np.hypot((x - 13.5) / 0.75, y - 13.5)
    return np.clip(1.0 - np.abs(radius - 8.5) / 2.0, 0.0, 1.0)


def smooth_noise(rng: np.random.Generator, count: int = 10, passes: int = 3) -> np.ndarray:
    """``count`` smooth random 28x28 maps (box-blurred noise, a cheap gaussian)."""
    maps = rng.normal(size=(count, SIDE, SIDE))
    for _ in range(passes):
        for axis in (1, 2):
            maps = (np.roll(maps, 1, axis) + maps + np.roll(maps, -1, axis)) / 3
    return maps.reshape(count, SIDE * SIDE)


def _demo() -> None:
    console = Console()
    rng = np.random.default_rng(0)
    image = ring_image()
    weights = smooth_noise(rng)
    weights[0] += 0.3 * (image.ravel() - image.mean())  # make map 0 look like a '0'
    scores = weights @ image.ravel()
    goal = np.eye(10)[0]

    console.print(DigitImage((image * 255).astype(np.uint8), title="a drawn '0'"))
    console.print(WeightMap(weights[0], title="weights for 0", selected=True))
    console.print(WeightLegend(scale=float(np.abs(weights).max())))
    console.print(WeightMaps(weights, selected=0))
    console.print(DotProductView(image, weights, 0, scores))
    console.print(OutputBars(scores / np.abs(scores).max(), goal))


if __name__ == "__main__":
    _demo()
