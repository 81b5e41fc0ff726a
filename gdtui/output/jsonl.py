"""JSON Lines of steps and the one-object summary of a run.

Numbers are Python's repr of float64; JSON has no inf or NaN, so numbers
that overflowed are null.
"""

from __future__ import annotations

import json
import math
from itertools import chain

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


def float_rows(values: np.ndarray) -> list[str]:
    """Each row of a finite 2-D float64 array as `", ".join(map(repr, row))`,
    about 20x faster.

    orjson (Ryu) writes the same shortest digits as Python's repr, but spells
    numbers below 1e-4 and from 1e16 on its own way (1e-05 as 0.00001, 1.2e-07
    as 1.2e-7): those go to orjson as NaN, which it writes as null, and each
    null is then replaced by repr of its number.
    """
    import orjson  # only `gdtui run`'s big-network JSON needs it

    values = np.ascontiguousarray(values, dtype=np.float64)
    size = np.abs(values)
    odd = ((size < 1e-4) & (values != 0)) | (size >= 1e16)
    text = orjson.dumps(np.where(odd, np.nan, values), option=orjson.OPT_SERIALIZE_NUMPY).decode()
    if odd.any():
        parts = text.split("null")
        text = "".join(chain.from_iterable(zip(parts, map(repr, values[odd].tolist())))) + parts[-1]
    return text.replace(",", ", ")[2:-2].split("], [")


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
    them. A record without weights (a big network's) is written straight from
    the history's records: no Step object, no json.dumps per step."""
    history = trainer.history
    shares = running_accuracies(trainer, first, last)
    if trainer.weights.size > MAX_LISTED_WEIGHTS and not trainer.rule.probes:
        records = history.records(first, last)
        pred, delta, error = records.pred, records.delta, records.error
        if np.isfinite(pred).all() and np.isfinite(error).all():
            labels = trainer.data.labels
            truth = None if labels is None else labels[records.sample].tolist()
            out.write("".join(_light_lines(first, pred, error, delta, truth, shares)))
            return
    # Small networks, and overflowed numbers (written as null): a record per step.
    for number, share in zip(range(first, last + 1), shares):
        out.write(json_line(step_record(history.step(number), accuracy=share)) + "\n")


def _light_lines(first, pred, error, delta, truth, shares) -> list[str]:
    """step_record's lines for finite ring-array rows, spelled here directly."""
    rows = zip(float_rows(pred), float_rows(error), float_rows(delta))
    if truth is None:
        return [f'{{"step": {first + i}, "pred": [{p}], "error": [{e}], "delta": [{d}]}}\n'
                for i, (p, e, d) in enumerate(rows)]
    guesses = pred.argmax(axis=1).tolist()
    return [
        f'{{"step": {first + i}, "pred": [{p}], "error": [{e}], "delta": [{d}], '
        f'"label": {label}, "guess": {guess}, "correct": {"true" if guess == label else "false"}, '
        f'"accuracy": {share!r}}}\n'
        for i, ((p, e, d), label, guess, share) in enumerate(zip(rows, truth, guesses, shares))
    ]
