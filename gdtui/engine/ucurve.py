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
class UData:
    """The U of weight [row][col] over ws, and where the weight sits on it: the
    data that gdtui.viz.ucurve.UCurve (the renderable) draws."""

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


def slope_at(weights: np.ndarray, x: np.ndarray, goal: np.ndarray, row: int, col: int) -> float:
    """d error / d weight [row][col] where the weights are: 2 × delta × input."""
    return _slope(own_delta(weights, x, goal, row), x, col)


def error_along(
    weights: np.ndarray, x: np.ndarray, goal: np.ndarray, row: int, col: int, ws: np.ndarray
) -> np.ndarray:
    """Output `row`'s own error as weight [row][col] takes each value in ws."""
    return _error_along(own_delta(weights, x, goal, row), weights, x, row, col, ws)


def bottom_of(
    weights: np.ndarray, x: np.ndarray, goal: np.ndarray, row: int, col: int
) -> float | None:
    """The weight [row][col] at which output `row`'s delta is 0 (None if input is 0)."""
    return _bottom(own_delta(weights, x, goal, row), weights, x, row, col)


# The three from output `row`'s delta where the weights are (ucurve works it out once).
def _slope(delta: float, x: np.ndarray, col: int) -> float:
    with np.errstate(all="ignore"):
        return float(2.0 * delta * x[col])


def _error_along(delta: float, weights: np.ndarray, x: np.ndarray, row: int, col: int,
                 ws: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        moved = delta + x[col] * (np.asarray(ws, dtype=np.float64) - weights[row, col])
        return moved * moved


def _bottom(delta: float, weights: np.ndarray, x: np.ndarray, row: int, col: int) -> float | None:
    if x[col] == 0:  # the error does not depend on this weight: no bottom
        return None
    with np.errstate(all="ignore"):
        bottom = float(weights[row, col] - delta / x[col])
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
) -> UData:
    """The U of weight [row][col] between lo and hi, the others held."""
    weight = float(weights[row, col])
    with np.errstate(all="ignore"):
        ws = np.linspace(lo, hi, points)
    delta = own_delta(weights, x, goal, row)
    return UData(
        ws, _error_along(delta, weights, x, row, col, ws), weight, delta * delta,
        _slope(delta, x, col), _bottom(delta, weights, x, row, col),
    )


def _follows(before, step) -> bool:
    """`step` is on the same U as the step before it (see one_path)."""
    same_data = step.sample != before.sample or (
        np.array_equal(step.input, before.input) and np.array_equal(step.goal, before.goal))
    return same_data and np.array_equal(step.weights, before.weights_after, equal_nan=True)


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
        if not _follows(kept[k - 1], kept[k]):
            start = k
    return kept[start:-1]


class PathSoFar:
    """one_path's (weight, error) points for a run that grows, worked out
    from the new steps only. A run's steps are the same Step objects from
    one frame to the next; asking one_path of all of them each frame cost
    11-18 ms at 2,000 steps (three array compares a step), every frame of
    run mode. Step back, an edit or the history's trim: the first or the
    last step seen is no longer where it was, so everything is read again.
    tests/engine/test_ucurve.py holds it to one_path."""

    def __init__(self) -> None:
        self._seen: tuple = ()
        self._kept: list = []
        self._start = 0  # where the path starts in _kept
        self._weights = np.empty((0, 0, 0))  # _kept's weights, stacked (rows grow by doubling)
        self._errors = np.empty((0, 0))

    def update(self, steps) -> None:
        steps = tuple(steps)
        n = len(self._seen)
        if n and len(steps) >= n and steps[0] is self._seen[0] and steps[n - 1] is self._seen[-1]:
            new = steps[n:]
        else:
            self._kept, self._start, new = [], 0, steps
        for step in new:
            if step.weights is None:
                continue
            kept = self._kept
            if kept and not _follows(kept[-1], step):
                self._start = len(kept)
            self._keep(len(kept), step)
            kept.append(step)
        self._seen = steps

    def _keep(self, k: int, step) -> None:
        if k >= len(self._weights) or self._weights.shape[1:] != step.weights.shape:
            grown = max(16, 2 * k)
            weights = np.empty((grown, *step.weights.shape))
            errors = np.empty((grown, len(step.error)))
            if self._weights.shape[1:] == step.weights.shape:
                weights[:k], errors[:k] = self._weights[:k], self._errors[:k]
            self._weights, self._errors = weights, errors
        self._weights[k] = step.weights
        self._errors[k] = step.error

    def steps(self) -> list:
        """one_path(steps) of the last update."""
        return self._kept[self._start:-1]

    def points(self, row: int, col: int) -> np.ndarray:
        """(weight [row][col], output row's error) at each of steps(), shape (n, 2)."""
        end = max(self._start, len(self._kept) - 1)
        return np.stack([self._weights[self._start:end, row, col],
                         self._errors[self._start:end, row]], axis=1).reshape(-1, 2)
