"""Plain-text output of steps: the book's own print lines, JSON Lines, a summary.

No Rich here: `gdtui run` in these formats must start fast. Numbers are
Python's repr of float64, as the book's `str(error)` prints them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

import numpy as np

from gdtui.engine import Step, Trainer, accuracy
from gdtui.scenario import Scenario

# Networks larger than this leave the weight fields out of JSON unless --full.
MAX_LISTED_WEIGHTS = 64


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
    if step.number % trainer.settings.samples and not last:
        return []
    return [pass_line(step.number, trainer)]


def pass_line(number: int, trainer: Trainer) -> str:
    """The line of the pass that ends (or is cut short) at step `number`."""
    samples = trainer.settings.samples
    start = (number - 1) // samples * samples  # steps before this pass
    this_pass = slice(start + 1 - trainer.errors_from, number + 1 - trainer.errors_from)
    error = float(trainer.errors[this_pass].mean())
    line = f"I:{start // samples} Train-Err:{str(error)[0:5]}"
    if trainer.settings.labels is not None:
        line += f" Train-Acc:{float(trainer.corrects[this_pass].mean())}"
    return line


def _json_number(value: float) -> float | None:
    """JSON has no inf or NaN: non-finite numbers (after overflow) become null."""
    value = float(value)
    return value if math.isfinite(value) else None


def _json_array(values: np.ndarray) -> list:
    if values.ndim == 0:
        return _json_number(values)
    return [_json_array(v) if values.ndim > 1 else _json_number(v) for v in values]


def step_record(step: Step, *, full: bool = False, accuracy: float | None = None) -> dict:
    """One JSON Lines object for a step; labelled data adds label, guess,
    correct and the running accuracy."""
    record: dict = {"step": step.number}
    # Big networks keep light records: the weights of old steps are not kept.
    show_weights = step.weights is not None and (full or step.weights.size <= MAX_LISTED_WEIGHTS)
    if show_weights:
        record["weights"] = _json_array(step.weights)
    record["pred"] = _json_array(step.pred)
    record["error"] = _json_array(step.error)
    record["delta"] = _json_array(step.delta)
    if show_weights:
        record["weight_delta"] = _json_array(step.weight_delta)
        record["weights_after"] = _json_array(step.weights_after)
    if step.up_error is not None:
        record["up_error"] = _json_number(step.up_error)
        record["down_error"] = _json_number(step.down_error)
    if step.label is not None:
        record["label"] = step.label
        record["guess"] = step.guess
        record["correct"] = step.correct
        record["accuracy"] = accuracy
    return record


def json_line(record: dict) -> str:
    return json.dumps(record, allow_nan=False)


def summary(scenario: Scenario, trainer: Trainer) -> dict:
    last = trainer.last
    result = {
        "id": scenario.id,
        "steps": trainer.steps_done,
        "error": _json_number(last.total_error) if last else None,
    }
    if trainer.weights.size <= MAX_LISTED_WEIGHTS:
        result["weights"] = _json_array(trainer.weights)
    result["diverged_at"] = trainer.diverged_at
    result["alpha"] = trainer.settings.alpha
    data = scenario.dataset
    if data is not None and data.labels is not None:
        result["source"] = data.source
        result["accuracy"] = trainer.accuracy  # running, during training
        result["train_accuracy"] = accuracy(trainer.weights, data.inputs, data.labels)
        result["heldout_accuracy"] = (
            accuracy(trainer.weights, data.heldout_inputs, data.heldout_labels)
            if data.heldout_labels is not None and len(data.heldout_labels) else None
        )
    return result


def run_steps(trainer: Trainer, steps: int) -> Iterator[Step]:
    """Step the trainer up to `steps` times, yielding each step as it is taken."""
    for _ in range(steps):
        step = trainer.step()
        if step is None:
            return
        yield step
        if trainer.stopped:
            return


# -- `gdtui run`: many steps at a time ---------------------------------------

# Steps per batch: well within the UNDO_STEPS that either history keeps, so
# every step of a batch can still be read back when its lines are written.
BATCH = 1000


def run_batches(trainer: Trainer, steps: int) -> Iterator[tuple[int, int, int | None]]:
    """Run up to `steps` steps in batches; yield (first, last, final) for each
    batch: its step numbers, and the number of the run's last step if this
    batch ends the run (it overflowed, or `steps` are done), else None.

    A batch never crosses the point where the error window moves on, so
    every step in it sees the same window as a step-at-a-time run did."""
    while trainer.steps_done < steps and not trainer.stopped:
        first = trainer.steps_done + 1
        size = min(BATCH, steps - trainer.steps_done, max(trainer.steps_in_window, 1))
        if trainer.run(size) == 0:
            return
        last = trainer.steps_done
        yield first, last, last if trainer.stopped or last == steps else None


def running_accuracies(trainer: Trainer, first: int, last: int) -> list[float | None]:
    """trainer.accuracy as it was after each of steps first..last (within one
    batch from run_batches): the share of right guesses so far. Sums of
    zeros and ones are exact, so each equals the mean taken at that step."""
    if trainer.settings.labels is None:
        return [None] * (last - first + 1)
    start = trainer.errors_from
    counts = np.cumsum(trainer.corrects[: last + 1 - start])[first - start :]
    return [float(c) / n for c, n in zip(counts.tolist(), range(first - start + 1, last - start + 2))]


def write_book(scenario: Scenario, trainer: Trainer, first: int, last: int, final, out) -> None:
    if scenario.book == "passes":  # only pass ends print: no Step needed for the others
        samples = trainer.settings.samples
        ends = list(range((first + samples - 1) // samples * samples, last + 1, samples))
        if final is not None and (not ends or ends[-1] != final):
            ends.append(final)
        for number in ends:
            out.write(pass_line(number, trainer) + "\n")
        return
    for number in range(first, last + 1):
        step = trainer.history.step(number)
        lines = book_lines(scenario, step, trainer, last=number == final)
        if lines:
            out.write("\n".join(lines) + "\n")


def write_json(trainer: Trainer, first: int, last: int, out) -> None:
    """The JSON Lines of steps first..last, as step_record and json_line make
    them. A big network's light records are written straight from the ring
    arrays of its history: no Step object, no json.dumps per step."""
    history = trainer.history
    accuracies = running_accuracies(trainer, first, last)
    if not history.in_place:
        for number, accuracy in zip(range(first, last + 1), accuracies):
            out.write(json_line(step_record(history.step(number), accuracy=accuracy)) + "\n")
        return
    rows = (np.arange(first, last + 1) - 1) % history.capacity
    pred, delta = history.pred[rows], history.delta[rows]
    with np.errstate(over="ignore"):
        error = delta * delta
    if not (np.isfinite(pred).all() and np.isfinite(error).all()):  # overflow: nulls
        for number, accuracy in zip(range(first, last + 1), accuracies):
            out.write(json_line(step_record(history.step(number), accuracy=accuracy)) + "\n")
        return
    labels = trainer.settings.labels
    samples = history.sample[rows]
    lines = []
    for i, (p, e, d) in enumerate(zip(pred.tolist(), error.tolist(), delta.tolist())):
        line = (
            f'{{"step": {first + i}, "pred": [{", ".join(map(repr, p))}], '
            f'"error": [{", ".join(map(repr, e))}], "delta": [{", ".join(map(repr, d))}]'
        )
        if labels is not None:
            label = int(labels[samples[i]])
            guess = int(pred[i].argmax())
            correct = "true" if guess == label else "false"
            line += (
                f', "label": {label}, "guess": {guess}, "correct": {correct}, '
                f'"accuracy": {accuracies[i]!r}'
            )
        lines.append(line + "}\n")
    out.write("".join(lines))


def write_run(scenario: Scenario, trainer: Trainer, steps: int, fmt: str, out, *, full=False):
    """`gdtui run`'s output in format `fmt` (book, json, summary, table)."""
    if fmt == "json" and full:  # whole Steps with their weights: one at a time
        trainer.full_steps = True
        for step in run_steps(trainer, steps):
            out.write(json_line(step_record(step, full=True, accuracy=trainer.accuracy)) + "\n")
        return
    for first, last, final in run_batches(trainer, steps):
        if fmt == "book":
            write_book(scenario, trainer, first, last, final, out)
        elif fmt == "json":
            write_json(trainer, first, last, out)
    if fmt == "summary":
        out.write(json_line(summary(scenario, trainer)) + "\n")
    elif fmt == "table":
        from gdtui.viz.tables import print_run

        print_run(scenario, trainer)
