"""gradient_step for big networks, many steps at a time, in place.

MNIST takes a step in microseconds, so what costs is around the maths: a new
7,840-weight array per step, a Step object, a Python call per step. Here the
weights change in place, pred and delta go straight into the rows of a
RingHistory, and one call takes a whole batch. The float operations are
network.gradient_step's, in its order (predict is `weights @ input` for a big
network), so both land on exactly the same weights: tests/engine/test_fast.py
holds them to it bit for bit.
"""

from __future__ import annotations

import math

import numpy as np



def gradient_steps(
    weights: np.ndarray, settings, history, first: int, steps: int
) -> int:
    """Take steps first, first+1, ... (up to `steps` of them) on `weights`,
    in place, recording each in `history` (a RingHistory); stop after a step whose error
    overflowed. Returns the number of the last step taken (first - 1: none).
    Settings are read once: they change only between calls."""
    s = settings
    weight_delta = np.empty_like(weights)
    number = first - 1
    with np.errstate(all="ignore"):  # overflow shows as inf/nan, as in gradient_step
        while number - first + 1 < steps:
            number += 1
            history.checkpoint(number, weights)
            sample = (number - 1) % s.samples
            input = s.inputs[sample]
            row = history.claim(number, sample, s)
            pred, delta = history.pred[row], history.delta[row]
            np.matmul(weights, input, out=pred)  # pred = predict(weights, input)
            np.subtract(pred, s.goals[sample], out=delta)  # delta = pred - goal
            np.outer(delta, input, out=weight_delta)  # weight_delta = np.outer(delta, input)
            if s.frozen is not None:
                weight_delta[s.frozen] = 0.0
            weight_delta *= s.alpha  # alpha * weight_delta (the same float either way round)
            weights -= weight_delta  # weights - alpha * weight_delta
            if not math.isfinite(delta @ delta):  # the error overflowed
                break
    return number
