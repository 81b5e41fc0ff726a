"""The chapter's U-curve, in numbers: one output's error as one weight varies.

Everything else (the input, the other weights, the goal) is held where it
is, so the error of output `row` is a parabola in weight [row][col]:

    error(w) = (delta + input * (w - weight)) ** 2

Its bottom is where delta would be 0, and its slope at the weight is
d error / d weight = 2 * delta * input: twice the book's weight_delta.
The screens draw these; they never work them out themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdtui.engine.network import predict


@dataclass(frozen=True, eq=False)
class UCurve:
    """The U of weight [row][col] over ws, and where the weight sits on it."""

    ws: np.ndarray  # weight values along the curve
    errors: np.ndarray  # output row's error at each of ws
    weight: float  # the weight now
    error: float  # output row's error at the weight
    slope: float  # d error / d weight there = 2 * delta * input
    bottom: float | None  # the weight where the error is 0; None when input is 0

    @property
    def mirror(self) -> float | None:
        """The weight on the other wall with the same error: a miss by +delta
        costs what a miss by -delta costs (the square)."""
        return None if self.bottom is None else 2 * self.bottom - self.weight


def own_delta(weights: np.ndarray, x: np.ndarray, goal: np.ndarray, row: int) -> float:
    """delta of output `row`: pred - goal."""
    with np.errstate(all="ignore"):
        return float(predict(weights, x)[row] - goal[row])


def error_along(
    weights: np.ndarray, x: np.ndarray, goal: np.ndarray, row: int, col: int, ws: np.ndarray
) -> np.ndarray:
    """Output `row`'s own error as weight [row][col] takes each value in ws."""
    with np.errstate(all="ignore"):
        delta = own_delta(weights, x, goal, row)
        moved = delta + x[col] * (np.asarray(ws, dtype=np.float64) - weights[row, col])
        return moved * moved


def bottom_of(
    weights: np.ndarray, x: np.ndarray, goal: np.ndarray, row: int, col: int
) -> float | None:
    """The weight [row][col] at which output `row`'s delta is 0 (None if input is 0)."""
    if x[col] == 0:
        return None
    with np.errstate(all="ignore"):
        bottom = float(weights[row, col] - own_delta(weights, x, goal, row) / x[col])
    return bottom if np.isfinite(bottom) else None


def ucurve(
    weights: np.ndarray,
    x: np.ndarray,
    goal: np.ndarray,
    row: int,
    col: int,
    lo: float,
    hi: float,
    points: int = 161,
) -> UCurve:
    """The U of weight [row][col] between lo and hi, the others held."""
    weight = float(weights[row, col])
    with np.errstate(all="ignore"):
        ws = np.linspace(lo, hi, points)
        delta = own_delta(weights, x, goal, row)
        slope = float(2.0 * delta * x[col])
    return UCurve(
        ws, error_along(weights, x, goal, row, col, ws), weight, delta * delta, slope,
        bottom_of(weights, x, goal, row, col),
    )


def one_path(steps) -> list:
    """The steps before the newest that one path on its U joins: back to the
    last edit. A step follows the one before it when it starts from that
    step's weights_after and, on the same sample, from the same input and
    goal; an edit of the weights, the input or the goal starts a new path
    (the old one was on another U: joined to the new, it drew a climb that
    never happened)."""
    kept = [s for s in steps if s.weights is not None]
    start = 0
    for k in range(1, len(kept)):
        before, step = kept[k - 1], kept[k]
        same_data = step.sample != before.sample or (
            np.array_equal(step.input, before.input) and np.array_equal(step.goal, before.goal))
        if not (same_data and np.array_equal(step.weights, before.weights_after, equal_nan=True)):
            start = k
    return kept[start:-1]
