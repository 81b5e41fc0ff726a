"""The terminal slider's step: how far `,` and `.` move the selected weight.

A fortieth of the U's first view (its bottom in the middle, the lesson's
starting weight inside: gdtui.viz.ucurve.start_window), rounded to 1, 2 or 5
times a power of ten so the weights it gives read (0, 0.05, 0.1, …); Shift
(`<` and `>`) goes ten times as far. The first view is the lesson's own, so
the step stays the same however far the slider or the run has gone.
"""

from __future__ import annotations

import math

from gdtui.ui.view import PlotPart
from gdtui.ui.widgets.weight_plots import Curve

# Presses of `,` or `.` that cross the U's first view.
PRESSES_ACROSS = 40
# Shift's step, in steps.
SHIFT = 10


def nice_step(width: float) -> float:
    """The 1-2-5 number nearest (in ratio) to width / PRESSES_ACROSS."""
    raw = width / PRESSES_ACROSS
    if not math.isfinite(raw) or raw <= 0:
        return 0.01
    exponent = math.floor(math.log10(raw))
    candidates = [m * 10.0**e for e in (exponent, exponent + 1) for m in (1, 2, 5)]
    return min(candidates, key=lambda c: abs(math.log(c / raw)))


def slide_step(part: PlotPart, row: int, col: int) -> float:
    """One press of `,` or `.` for weight [row][col] of the run on screen."""
    lo, hi = Curve(part, row, col).start
    return nice_step(hi - lo)
