"""JSON Lines of steps and the one-object summary of a run.

Numbers are Python's repr of float64; JSON has no inf or NaN, so numbers
that overflowed are null.
"""

from __future__ import annotations

import json
import math

import numpy as np

from gdtui.engine import Step, Trainer, accuracy
from gdtui.lessons.lesson import Scenario

# Networks larger than this leave the weight fields out of JSON unless --full.
MAX_LISTED_WEIGHTS = 64


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


def running_accuracies(trainer: Trainer, first: int, last: int) -> list[float | None]:
    """trainer.accuracy as it was after each of steps first..last (within one
    batch from run_batches): the share of right guesses so far. Sums of
    zeros and ones are exact, so each equals the mean taken at that step."""
    if trainer.data.labels is None:
        return [None] * (last - first + 1)
    start = trainer.errors_from
    counts = np.cumsum(trainer.corrects[: last + 1 - start])[first - start :]
    return [float(c) / n for c, n in zip(counts.tolist(), range(first - start + 1, last - start + 2))]


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
    labels = trainer.data.labels
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
