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

import numpy as np


def gradient_steps(weights: np.ndarray, settings, data, history, first: int, steps: int) -> int:
    """Take steps first, first+1, ... (up to `steps` of them) on `weights`,
    in place, recording each in `history` (a RingHistory); stop after a step
    whose error overflowed. Returns the number of the last step taken.
    Settings and data are read once: they change only between calls.

    Steps go in segments that end at the history's checkpoints; a segment
    is checked for overflow once, at its end (a check per step costs as
    much as a tenth of the step). When one overflowed, it is taken again
    from its start, up to and including the step that overflowed.
    """
    last = first + steps - 1
    number = first - 1
    with np.errstate(all="ignore"):  # overflow shows as inf/nan, as in gradient_step
        while number < last:
            start = number + 1
            end = min(last, history.segment_end(start))
            history.checkpoint(start, weights)
            before = weights.copy()
            rows = history.claim_steps(start, end, settings, data).tolist()
            _segment(weights, settings, data, history, start, rows)
            error = history.records(start, end).error
            overflowed = np.flatnonzero(~np.isfinite(np.add.reduce(error, axis=1)))
            if overflowed.size:
                stop = start + int(overflowed[0])
                weights[...] = before
                _segment(weights, settings, data, history, start, rows[: stop - start + 1])
                history.forget_after(stop)
                return stop
            number = end
    return number


def _segment(weights: np.ndarray, settings, data, history, start: int, rows: list[int]) -> None:
    """Steps start, start+1, ..., one for each of the rows the history claimed for them."""
    inputs, goals, samples = data.inputs, data.goals, data.samples
    alpha, frozen = settings.alpha, settings.frozen
    preds, deltas = history.pred, history.delta
    weight_delta = np.empty_like(weights)
    matmul, subtract, dot = np.matmul, np.subtract, np.dot
    for number, row in enumerate(rows, start):
        sample = (number - 1) % samples
        input = inputs[sample]
        pred, delta = preds[row], deltas[row]
        matmul(weights, input, out=pred)  # pred = predict(weights, input): weights @ input
        subtract(pred, goals[sample], out=delta)  # delta = pred - goal
        # weight_delta = np.outer(delta, input), written by BLAS as a product
        # with an inner size of 1: each entry is the one float delta[i] * input[j]
        # (a zero's sign may differ, which no weight can tell: w - 0 == w - -0).
        dot(delta[:, None], input[None, :], out=weight_delta)
        if frozen is not None:
            weight_delta[frozen] = 0.0  # a frozen weight never moves
        weight_delta *= alpha  # alpha * weight_delta (the same float either way round)
        weights -= weight_delta  # weights - alpha * weight_delta
