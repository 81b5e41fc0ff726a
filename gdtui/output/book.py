"""The book's own print lines for each step of a lesson.

No Rich here: `gdtui run` in this format must start fast. Numbers are
Python's repr of float64, as the book's `str(error)` prints them.
"""

from __future__ import annotations

import numpy as np

from gdtui.engine import Step, Trainer
from gdtui.lessons.lesson import Scenario


def num(value: float) -> str:
    """A float as the book's Python prints it (repr of float64)."""
    return repr(float(value))


def _list(values: np.ndarray, zero_mask: np.ndarray | None = None) -> str:
    """str() of a Python list of floats; masked entries print as the book's int 0."""
    if values.ndim == 2:
        rows = [_list(r, None if zero_mask is None else zero_mask[i]) for i, r in enumerate(values)]
        return "[" + ", ".join(rows) + "]"
    parts = []
    for i, v in enumerate(values):
        parts.append("0" if zero_mask is not None and zero_mask[i] else num(v))
    return "[" + ", ".join(parts) + "]"


def _as_book_shape(matrix: np.ndarray) -> np.ndarray:
    """The book keeps a one-output or one-input network's weights as a flat list."""
    outputs, inputs = matrix.shape
    if outputs == 1:
        return matrix[0]
    if inputs == 1:
        return matrix[:, 0]
    return matrix


def _vector_or_number(values: np.ndarray) -> str:
    return num(values[0]) if values.size == 1 else _list(values)


def book_lines(scenario: Scenario, step: Step, trainer: Trainer, *, last: bool = False) -> list[str]:
    """The lines the book's code prints for this step of this lesson.

    `last`: the run ends after this step (a pass cut short still gets its line).
    """
    style = scenario.book
    frozen = step.frozen
    if style == "passes":
        return _pass_line(step, trainer, last)
    if style == "error":
        return [num(step.error[0]) if step.error.size == 1 else _list(step.error)]
    error, pred = _vector_or_number(step.error), _vector_or_number(step.pred)
    if style == "error-prediction":
        return [f"Error:{error} Prediction:{pred}"]
    if style == "error-prediction-weight-delta":
        wd = _vector_or_number(_as_book_shape(step.weight_delta))
        return [f"Error:{error} Prediction:{pred} Weight_Delta:{wd}"]
    if style == "weights-after":
        return [
            "Weights:" + _list(_as_book_shape(step.weights_after)),
            "Weight Deltas:" + _list(_as_book_shape(step.weight_delta)),
        ]
    # "iterations": the multi-input block; the book zeroes a frozen delta with
    # the int 0, which prints as `0`.
    mask = None if frozen is None else _as_book_shape(frozen)
    return [
        f"Iteration:{step.number}",
        f"Pred:{pred}",
        f"Error:{error}",
        f"Delta:{_vector_or_number(step.delta)}",
        "Weights:" + _list(_as_book_shape(step.weights)),
        "Weight_Deltas:",
        _list(_as_book_shape(step.weight_delta), mask),
        "",
    ]


def _pass_line(step: Step, trainer: Trainer, last: bool) -> list[str]:
    """Chapter 6 prints a pass's mean error (cut to 5 characters) and accuracy."""
    if step.number % trainer.data.samples and not last:
        return []
    return [pass_line(step.number, trainer)]


def pass_line(number: int, trainer: Trainer) -> str:
    """The line of the pass that ends (or is cut short) at step `number`."""
    samples = trainer.data.samples
    start = (number - 1) // samples * samples  # steps before this pass
    this_pass = slice(start + 1 - trainer.errors_from, number + 1 - trainer.errors_from)
    error = float(trainer.errors[this_pass].mean())
    line = f"I:{start // samples} Train-Err:{str(error)[0:5]}"
    if trainer.data.labels is not None:
        line += f" Train-Acc:{float(trainer.corrects[this_pass].mean())}"
    return line
