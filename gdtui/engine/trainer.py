"""The trainer: a network, its data and settings, and the history of steps.

It steps, steps back (bit-exact), resets, and takes changes to its settings
mid-run; a change applies from the next step. When numbers stop being finite
the run stops at that step and `diverged_at` says which one.

Small networks keep every Step whole, so stepping back is just taking the
weights the last step started from. Big ones (MNIST: 7,840 weights) keep
light records without the weight arrays plus a checkpoint of the weights
every CHECKPOINT_EVERY steps; stepping back replays from the nearest
checkpoint, which repeats the very same float operations and so lands on
exactly the same weights. Memory stays bounded however long the run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

import math

from gdtui.engine.history import LightHistory
from gdtui.engine.network import (
    BIG_NETWORK,
    Step,
    compare_step,
    descend,
    gradient_step,
    hot_cold_step,
    predict,
)

# Networks with more weights than this keep light records and checkpoints.
FULL_HISTORY_MAX_WEIGHTS = BIG_NETWORK
CHECKPOINT_EVERY = 100
# How many steps can be stepped back through (the history keeps these).
UNDO_STEPS = 2000
# The error curve keeps at least this many of the newest steps.
LOG_WINDOW = 100_000


@dataclass(frozen=True, eq=False)
class Settings:
    """What a step depends on, besides the weights.

    inputs [samples][inputs] and goals [samples][outputs]: the book's lessons
    have one sample; a data set of many is taken in order, cycling. labels,
    when given, is each sample's class (MNIST's digit), for accuracy.
    """

    rule: str
    inputs: np.ndarray
    goals: np.ndarray
    alpha: float = 1.0
    step_amount: float = 0.001
    frozen: np.ndarray | None = None  # bool [outputs][inputs], True = never moves
    labels: np.ndarray | None = None

    @property
    def samples(self) -> int:
        return self.inputs.shape[0]


class _Log:
    """One number per step (total error, or 1/0 for a right guess), for the
    newest LOG_WINDOW steps at least: a long run keeps a window, not all."""

    def __init__(self) -> None:
        self.values = np.empty(256)
        self.offset = 0  # steps before values[0]

    def set(self, number: int, value) -> None:
        """Value of step `number`; or values of the steps from `number` on."""
        end = number - self.offset + np.size(value) - 1
        if end > self.values.size:
            if end > 2 * LOG_WINDOW:  # drop all but the newest window
                drop = end - LOG_WINDOW
                kept = self.values[drop : number - 1 - self.offset].copy()
                self.offset += drop
                self.values = np.empty(2 * LOG_WINDOW)
                self.values[: kept.size] = kept
                end -= drop
            else:
                self.values = np.resize(self.values, min(2 * LOG_WINDOW, max(2 * self.values.size, end)))
        self.values[number - 1 - self.offset : end] = value

    def upto(self, steps: int) -> np.ndarray:
        return self.values[: max(steps - self.offset, 0)]


@dataclass(eq=False)
class Trainer:
    initial_weights: np.ndarray
    settings: Settings
    # Return whole Steps (with the weight arrays) even for a big network,
    # e.g. for `gdtui run --format json --full`; slower, same numbers.
    full_steps: bool = False

    def __post_init__(self) -> None:
        self.initial_weights = np.array(self.initial_weights, dtype=np.float64)
        self.weights = self.initial_weights.copy()
        self.light = self.initial_weights.size > FULL_HISTORY_MAX_WEIGHTS
        self.history: list[Step] | LightHistory = (
            LightHistory(UNDO_STEPS, self.weights.shape[0]) if self.light else []
        )
        # The fast path's scratch buffer for the weight change (big networks).
        self._buffer = np.empty_like(self.weights) if self.light else None
        self._errors = _Log()
        self._correct = _Log()
        self._checkpoints: dict[int, np.ndarray] = {}  # steps done -> weights then
        self.steps_done = 0
        self.diverged_at: int | None = None

    # -- stepping -----------------------------------------------------------
    @property
    def last(self) -> Step | None:
        return self.history[-1] if self.history else None

    @property
    def stopped(self) -> bool:
        return self.diverged_at is not None

    def _take(self, weights: np.ndarray, record: Step | None, number: int) -> Step:
        """One step from `weights`: as the settings say, or as `record` did."""
        s = self.settings
        if record is not None:  # replaying a light record
            return gradient_step(
                weights, record.input, record.goal, record.alpha, record.frozen,
                number=number, sample=record.sample, label=record.label,
            )
        sample = (number - 1) % s.samples
        x, goal = s.inputs[sample], s.goals[sample]
        label = None if s.labels is None else int(s.labels[sample])
        if s.rule == "gradient":
            return gradient_step(
                weights, x, goal, s.alpha, s.frozen, number=number, sample=sample, label=label
            )
        if s.rule == "hot-cold":
            return hot_cold_step(weights, x, goal, s.step_amount, number=number, sample=sample)
        return compare_step(weights, x, goal, number=number, sample=sample, label=label)

    def step(self) -> Step | None:
        """Take one step; None when the run has diverged and cannot go on."""
        if self.stopped:
            return None
        if self._fast:
            self._fast_run(1)
            return self.history[-1]
        number = self.steps_done + 1
        self._checkpoint(number)
        step = self._take(self.weights, None, number)
        if self.light:
            self.weights = step.weights_after.copy()  # the fast path updates in place
            self.history.append(step, self.settings)
        else:
            self.weights = step.weights_after
            self.history.append(step)
            if len(self.history) >= UNDO_STEPS + CHECKPOINT_EVERY:  # trim in batches
                del self.history[: len(self.history) - UNDO_STEPS]
        self._count(number, step.error, step.pred, step.label)
        if step.weights_after is not None and not step.finite:
            self.diverged_at = number
        return step

    def _checkpoint(self, number: int) -> None:
        """Before step `number` of a big network: keep the weights every
        CHECKPOINT_EVERY steps, and only those that kept steps can reach."""
        if self.light and (number - 1) % CHECKPOINT_EVERY == 0:
            self._checkpoints[number - 1] = self.weights.copy()
            oldest_state = self.history.first - 1 if self.history else number - 1
            for n in [n for n in self._checkpoints if n + CHECKPOINT_EVERY <= oldest_state]:
                del self._checkpoints[n]

    def _count(self, number: int, error: np.ndarray, pred: np.ndarray, label: int | None) -> None:
        """The per-step numbers kept for the whole run: total error, and
        whether the guess was right."""
        self.steps_done = number
        total = float(np.add.reduce(error))  # = error.sum(), without its wrapper
        self._errors.set(number, total)
        if label is not None:
            self._correct.set(number, float(pred.argmax() == label))
        # A finite total error means every error, delta and pred is finite.
        if not math.isfinite(total):
            self.diverged_at = number

    def _fast_run(self, steps: int) -> int:
        """gradient_step for a big network, in place: no copy of the 7,840
        weights and no Step object per step (the ring arrays of LightHistory
        take pred and delta), with the same float operations in the same
        order, so replaying a step with gradient_step lands on exactly the
        same weights. Settings are read once: they change only between calls.
        The totals are worked out for the whole batch at the end."""
        s = self.settings
        weights, buffer, history = self.weights, self._buffer, self.history
        first = self.steps_done + 1
        number = first - 1
        with np.errstate(all="ignore"):
            while number - first + 1 < steps:
                number += 1
                self._checkpoint(number)
                sample = (number - 1) % s.samples
                x = s.inputs[sample]
                row = history.claim(number, sample, s)
                pred, delta = history.pred[row], history.delta[row]
                np.matmul(weights, x, out=pred)  # predict(): weights @ x for a big network
                np.subtract(pred, s.goals[sample], out=delta)
                descend(weights, delta, x, s.alpha, s.frozen, buffer)
                if not math.isfinite(delta @ delta):  # the error overflowed
                    break
            self._count_batch(first, number)
        return number - first + 1

    def _count_batch(self, first: int, last: int) -> None:
        """_count for steps first..last of the fast path, from the ring."""
        if last < first:
            return
        history = self.history
        rows = (np.arange(first, last + 1) - 1) % history.capacity
        delta = history.delta[rows]
        totals = np.add.reduce(delta * delta, axis=1)  # each row as error.sum() adds it
        self._errors.set(first, totals)
        labels = self.settings.labels
        if labels is not None:
            right = history.pred[rows].argmax(axis=1) == labels[history.sample[rows]]
            self._correct.set(first, right)
        self.steps_done = last
        overflowed = np.flatnonzero(~np.isfinite(totals))
        if overflowed.size:
            self.diverged_at = first + int(overflowed[0])

    @property
    def _fast(self) -> bool:
        return self.light and self.settings.rule == "gradient" and not self.full_steps

    def run(self, steps: int) -> int:
        """Take up to `steps` steps; returns how many were taken."""
        if self._fast:
            return self._fast_run(steps)
        taken = 0
        while taken < steps and self.step() is not None:
            taken += 1
        return taken

    def back(self) -> bool:
        """Undo the last step: the weights return to exactly what they were.

        False when there is nothing (left) to undo."""
        if not self.history:
            return False
        step = self.history.pop()
        if self.light:
            self.weights = self._replay_to(step.number - 1).copy()
        else:
            self.weights = step.weights
        self.steps_done = step.number - 1
        self.diverged_at = None
        return True

    def _replay_to(self, steps: int) -> np.ndarray:
        """The weights after `steps` steps, from the nearest checkpoint."""
        start = max(n for n in self._checkpoints if n <= steps)
        weights = self._checkpoints[start]
        for number in range(start + 1, steps + 1):
            weights = self._take(weights, self.history.step(number), number).weights_after
        return weights

    def reset(self) -> None:
        self.history.clear()
        self._checkpoints.clear()
        self.steps_done = 0
        self.weights = self.initial_weights.copy()
        self.diverged_at = None

    # -- changes mid-run: they apply from the next step ------------------------
    def change(self, **changes) -> None:
        """Change settings (alpha, step_amount, inputs, goals, frozen)."""
        self.settings = replace(self.settings, **changes)

    def set_weights(self, weights: np.ndarray) -> None:
        self.weights = np.array(weights, dtype=np.float64)
        if self.light:
            # Replay cannot cross a hand-made change: undo stops here.
            self.history.clear(self.steps_done + 1)
            self._checkpoints = {self.steps_done: self.weights.copy()}

    def toggle_frozen(self, row: int, col: int | None = None) -> bool:
        """Freeze or unfreeze one weight, or with col None all the weights of
        output `row` (an MNIST digit); returns True if they are now frozen."""
        frozen = self.settings.frozen
        frozen = np.zeros(self.weights.shape, bool) if frozen is None else frozen.copy()
        cols = slice(None) if col is None else col
        now = not frozen[row, cols].all()
        frozen[row, cols] = now
        self.change(frozen=frozen if frozen.any() else None)
        return now

    # -- what the run looks like so far ---------------------------------------
    @property
    def errors(self) -> np.ndarray:
        """Total error (summed over outputs) of each step from `errors_from` on:
        every step, up to the newest LOG_WINDOW or more of a long run."""
        return self._errors.upto(self.steps_done)

    @property
    def errors_from(self) -> int:
        """The step number of errors[0]."""
        return self._errors.offset + 1

    @property
    def corrects(self) -> np.ndarray:
        """1.0 for each step whose guess was the label, else 0.0 (labelled
        data), from step `errors_from` on like `errors`."""
        return self._correct.upto(self.steps_done)

    @property
    def accuracy(self) -> float | None:
        """Running accuracy: the share of steps whose guess was the label."""
        if self.settings.labels is None or self.steps_done == 0:
            return None
        return float(self.corrects.mean())
