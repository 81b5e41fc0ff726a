"""One step of learning for a single-layer linear network, in the book's names.

W has shape [outputs][inputs]; x is one input vector, goal one goal vector.
Each rule is a pure function: weights in, an immutable Step out. Nothing here
prints, and no NumPy warning escapes: overflow shows up as non-finite numbers,
which the trainer turns into a "diverged at step N" report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Above this many weights `predict` uses a matrix-vector product: MNIST's
# 7,840 weights have no printed numbers to match, and the product is 3x faster.
# The trainer keeps such networks' history in rings (engine/history.py).
BIG_NETWORK = 4096


@dataclass(frozen=True, eq=False, slots=True)
class Step:
    """Everything one step computed. Arrays are read-only; nothing is shared."""

    number: int  # 1 for the first step
    sample: int  # index of the training sample used
    input: np.ndarray  # x, shape [inputs]
    goal: np.ndarray  # shape [outputs]
    weights: np.ndarray | None  # before the update, [outputs][inputs]
    pred: np.ndarray  # [outputs]
    error: np.ndarray  # (pred - goal) ** 2, [outputs]
    delta: np.ndarray  # pred - goal, [outputs]
    weight_delta: np.ndarray | None  # before alpha; weights_after = weights - alpha * weight_delta
    weights_after: np.ndarray | None
    alpha: float
    rule: str = "gradient"
    up_error: float | None = None  # hot-cold only: error with weight + step_amount
    down_error: float | None = None  # hot-cold only: error with weight - step_amount
    frozen: np.ndarray | None = None  # the frozen mask this step used
    label: int | None = None  # the sample's class, for data sets of labelled images

    @property
    def guess(self) -> int:
        """The output with the largest pred: the network's answer for a label."""
        return int(self.pred.argmax())

    @property
    def correct(self) -> bool | None:
        return None if self.label is None else self.guess == self.label


    @property
    def total_error(self) -> float:
        return float(self.error.sum())

    @property
    def finite(self) -> bool:
        return bool(
            np.isfinite(self.error).all()
            and np.isfinite(self.pred).all()
            and (self.weights_after is None or np.isfinite(self.weights_after).all())
        )


def predict(weights: np.ndarray, x: np.ndarray) -> np.ndarray:
    """pred[i] = sum over j of x[j] * weights[i][j].

    Element-wise product, then a sum along each row: for the book's small
    networks this adds left to right exactly as its Python loops do, so the
    floats match the book's printed numbers bit for bit. Big networks use
    weights @ x instead (see BIG_NETWORK): the same sum in another order.
    """
    if weights.size > BIG_NETWORK:
        return weights @ x
    return (weights * x).sum(axis=1)


def measure(
    weights: np.ndarray, x: np.ndarray, goal: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """pred, then how far off it is: delta = pred - goal and error = delta²
    (the same float as (pred - goal) ** 2)."""
    pred = predict(weights, x)
    delta = pred - goal
    return pred, delta, delta * delta


def _frozen_step(*arrays: np.ndarray) -> None:
    for a in arrays:
        a.setflags(write=False)


def _own(weights: np.ndarray) -> np.ndarray:
    """The weights a Step keeps: a read-only array nobody else can change.

    The trainer's weights already are one (each step's weights_after), so
    they are kept as they are instead of copied on every step.
    """
    return weights.copy() if weights.flags.writeable else weights


def gradient_step(
    weights: np.ndarray,
    input: np.ndarray,
    goal: np.ndarray,
    alpha: float,
    frozen: np.ndarray | None = None,
    *,
    number: int = 1,
    sample: int = 0,
    label: int | None = None,
) -> Step:
    """Gradient descent, in the chapter's lines and names.

    The book's one-weight code is `pred = input * weight`, `delta = pred -
    goal_pred`, `error = delta ** 2`, `weight_delta = delta * input`,
    `weight -= alpha * weight_delta`; here weight is a matrix [outputs][inputs]
    and input a vector, so the products become a weighted sum and an outer
    product. Each derivative is written beside the line it comes from.
    engine/fast.py is the same step for big networks, held to this one bit
    for bit by tests/engine/test_fast.py.
    """
    with np.errstate(all="ignore"):  # overflow shows as inf/nan, see the module note
        pred = predict(weights, input)  # d pred[i] / d weight[i][j] = input[j]
        delta = pred - goal  # d delta / d pred = 1
        error = delta ** 2  # d error / d delta = 2 * delta (the same float as delta * delta)
        # The chain rule without its 2: d error / d weight = 2 * weight_delta.
        weight_delta = np.outer(delta, input)
        if frozen is not None:
            weight_delta[frozen] = 0.0  # a frozen weight never moves
        weights_after = weights - alpha * weight_delta  # weight -= alpha * weight_delta
    weights = _own(weights)
    _frozen_step(weights, pred, error, delta, weight_delta, weights_after)
    return Step(
        number, sample, input, goal, weights, pred, error, delta, weight_delta,
        weights_after, alpha, "gradient", frozen=frozen, label=label,
    )


def hot_cold_step(
    weights: np.ndarray,
    x: np.ndarray,
    goal: np.ndarray,
    step_amount: float,
    *,
    number: int = 1,
    sample: int = 0,
) -> Step:
    """Hot and cold learning for one weight: try it a little up and a little
    down, and keep whichever guess had the smaller error (no move on a tie)."""
    with np.errstate(all="ignore"):
        weight = weights[0, 0]
        pred, delta, error = measure(weights, x, goal)
        up_pred = x[0] * (weight + step_amount)
        up_error = (goal[0] - up_pred) ** 2
        down_pred = x[0] * (weight - step_amount)
        down_error = (goal[0] - down_pred) ** 2
        move = 0.0
        if down_error < up_error:
            move = step_amount  # weight = weight - step_amount
        if down_error > up_error:
            move = -step_amount  # weight = weight + step_amount
        weight_delta = np.array([[move]])
        weights_after = weights - weight_delta
    weights = _own(weights)
    _frozen_step(weights, pred, error, delta, weight_delta, weights_after)
    return Step(
        number, sample, x, goal, weights, pred, error, delta, weight_delta,
        weights_after, 1.0, "hot-cold", float(up_error), float(down_error),
    )


def compare_step(
    weights: np.ndarray,
    x: np.ndarray,
    goal: np.ndarray,
    *,
    number: int = 1,
    sample: int = 0,
    label: int | None = None,
) -> Step:
    """Only measure the error: predict and compare, learn nothing."""
    with np.errstate(all="ignore"):
        pred, delta, error = measure(weights, x, goal)
    weights = _own(weights)
    weight_delta = np.zeros_like(weights)
    _frozen_step(weights, pred, error, delta, weight_delta)
    return Step(
        number, sample, x, goal, weights, pred, error, delta, weight_delta,
        weights, 0.0, "compare", label=label,
    )


def error_along_weight(
    weights: np.ndarray, x: np.ndarray, goal: np.ndarray, row: int, col: int, ws: np.ndarray
) -> np.ndarray:
    """Total error as weight [row][col] takes each value in ws, the others held.

    Only output `row` depends on that weight, so its pred moves by
    x[col] * (w - weights[row][col]) and the other outputs' errors stay put.
    """
    with np.errstate(all="ignore"):
        delta = predict(weights, x) - goal
        others = float((delta * delta).sum() - delta[row] ** 2)
        moved = delta[row] + x[col] * (ws - weights[row, col])
        return others + moved * moved


def slope_along_weight(
    weights: np.ndarray, x: np.ndarray, goal: np.ndarray, row: int, col: int
) -> float:
    """d error / d weight[row][col] = 2 * delta[row] * x[col].

    The book's weight_delta is delta * x: the factor 2 is left out, which only
    rescales alpha.
    """
    with np.errstate(all="ignore"):
        delta = predict(weights, x)[row] - goal[row]
        return float(2.0 * delta * x[col])


def accuracy(weights: np.ndarray, inputs: np.ndarray, labels: np.ndarray) -> float:
    """Share of samples whose largest output is their label."""
    if len(labels) == 0:
        return 0.0
    return float(((inputs @ weights.T).argmax(axis=1) == labels).mean())
