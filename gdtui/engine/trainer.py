"""The trainer: a network, its settings and data, and the history of steps.

It steps, steps back (bit-exact), resets, and takes changes to its settings
mid-run; a change applies from the next step. When numbers stop being finite
the run stops at that step and `diverged_at` says which one.

The book's networks keep whole Steps; big ones (MNIST: 7,840 weights) keep
ring records and checkpoints and run gradient descent through engine/fast.py
(see engine/history.py). The trainer itself is the same for both.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, replace

import numpy as np

from gdtui.engine.data import DataSet
from gdtui.engine.history import CHECKPOINT_EVERY, UNDO_STEPS, History, RingHistory, StepHistory
from gdtui.engine.network import BIG_NETWORK, Step
from gdtui.engine.rules import Rule, rule_of

# Networks with more weights than this keep ring records and checkpoints.
FULL_HISTORY_MAX_WEIGHTS = BIG_NETWORK
# The error curve keeps at least this many of the newest steps.
LOG_WINDOW = 100_000

__all__ = ["CHECKPOINT_EVERY", "UNDO_STEPS", "DataSet", "Settings", "Trainer"]


@dataclass(frozen=True, eq=False)
class Settings:
    """What a step depends on, besides the weights and the data: the rule
    and the setting it moves by, and the weights that never move."""

    rule: Rule = "gradient"  # a Rule, or its name (as a lesson file writes it)
    alpha: float = 1.0
    step_amount: float = 0.001
    frozen: np.ndarray | None = None  # bool [outputs][inputs], True = never moves

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule", rule_of(self.rule))


class _Log:
    """One number per step (total error, or 1/0 for a right guess), for the
    newest LOG_WINDOW steps at least: a long run keeps a window, not all."""

    def __init__(self) -> None:
        self.values = np.empty(256)
        self.offset = 0  # steps before values[0]

    def set(self, number: int, value) -> None:
        """Value of step `number`; or values of the steps from `number` on.

        A full log drops all but the newest LOG_WINDOW - 1 values just before
        step 2 * LOG_WINDOW + 1 (counting from the offset) is written,
        whether the steps come one at a time or in batches: a run's window,
        and so its running accuracy, does not depend on how it was stepped.
        """
        values = np.ravel(value)
        limit = 2 * LOG_WINDOW
        while values.size:
            start = number - 1 - self.offset
            if start == limit:  # full
                drop = limit + 1 - LOG_WINDOW
                self.values[: limit - drop] = self.values[drop:limit].copy()
                self.offset += drop
                start -= drop
            part = values[: limit - start]
            end = start + part.size
            if end > self.values.size:
                self.values = np.resize(self.values, min(limit, max(2 * self.values.size, end)))
            self.values[start:end] = part
            number += part.size
            values = values[part.size :]

    def copy(self) -> _Log:
        log = _Log()
        log.values, log.offset = self.values.copy(), self.offset
        return log

    def room(self, steps: int) -> int:
        """How many more steps fit before the window moves on."""
        return 2 * LOG_WINDOW - (steps - self.offset)

    def upto(self, steps: int) -> np.ndarray:
        return self.values[: max(steps - self.offset, 0)]


@dataclass(eq=False)
class Trainer:
    initial_weights: np.ndarray
    settings: Settings
    data: DataSet

    def __post_init__(self) -> None:
        self.initial_weights = np.array(self.initial_weights, dtype=np.float64)
        self.weights = self.initial_weights.copy()
        big = self.initial_weights.size > FULL_HISTORY_MAX_WEIGHTS
        self.history: History = (
            RingHistory(UNDO_STEPS, self.weights.shape[0]) if big else StepHistory()
        )
        self._errors = _Log()
        self._correct = _Log()
        self.steps_done = 0
        self.diverged_at: int | None = None
        # coming()'s step and what it was worked out from (the weights,
        # settings and data objects, and the step count): step() takes it.
        self._coming: tuple[np.ndarray, Settings, DataSet, int, Step] | None = None

    # -- stepping -----------------------------------------------------------
    @property
    def last(self) -> Step | None:
        return self.history[-1] if self.history else None

    @property
    def stopped(self) -> bool:
        return self.diverged_at is not None

    @property
    def rule(self) -> Rule:
        return self.settings.rule

    def step(self, whole: bool = False) -> Step | None:
        """Take one step; None when the run has diverged and cannot go on.

        `whole`: a whole Step (with its weight arrays) even for a big network,
        e.g. for `gdtui run --format json --full`; slower, the same numbers."""
        if self.stopped:
            return None
        if self._fast and not whole:
            self.run(1)
            return self.history[-1]
        number = self.steps_done + 1
        self.history.checkpoint(number, self.weights)
        s, data = self.settings, self.data
        step = self.coming()  # (the one it already worked out, if it did)
        self._coming = None
        self.weights = step.weights_after
        self.history.append(step, s, data)
        self._count(number, step.error, step.pred, step.label)
        if step.weights_after is not None and not step.finite:
            self.diverged_at = number
        return step

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

    def _count_batch(self, first: int, last: int) -> None:
        """_count for steps first..last of the fast path, from the ring."""
        if last < first:
            return
        records = self.history.records(first, last)
        totals = np.add.reduce(records.error, axis=1)  # each row as error.sum() adds it
        self._errors.set(first, totals)
        labels = self.data.labels
        if labels is not None:
            right = records.pred.argmax(axis=1) == labels[records.sample]
            self._correct.set(first, right)
        self.steps_done = last
        overflowed = np.flatnonzero(~np.isfinite(totals))
        if overflowed.size:
            self.diverged_at = first + int(overflowed[0])

    @property
    def _fast(self) -> bool:
        """Gradient descent on a big network goes through engine/fast.py."""
        return self.history.in_place and self.rule.batch is not None

    def run(self, steps: int) -> int:
        """Take up to `steps` steps; returns how many were taken."""
        if not self._fast:
            taken = 0
            while taken < steps and self.step() is not None:
                taken += 1
            return taken
        if self.stopped:
            return 0
        if not self.weights.flags.writeable:  # a Step's read-only weights: own a copy
            self.weights = self.weights.copy()
        first = self.steps_done + 1
        last = self.rule.batch(self.weights, self.settings, self.data, self.history, first, steps)
        self._count_batch(first, last)
        return last - first + 1

    def back(self) -> bool:
        """Undo the last step: the weights return to exactly what they were.

        False when there is nothing (left) to undo."""
        if not self.history:
            return False
        step = self.history.pop()
        self.weights = self.history.weights_before(step)
        self.steps_done = step.number - 1
        self.diverged_at = None
        return True

    def reset(self) -> None:
        self.history.clear()
        self.steps_done = 0
        self.weights = self.initial_weights.copy()
        self.diverged_at = None

    # -- changes mid-run: they apply from the next step ------------------------
    def change(self, **changes) -> None:
        """Change settings (alpha, step_amount, frozen) or the data (inputs,
        goals: the edit form's, for a one-sample lesson)."""
        data = {name: changes.pop(name) for name in ("inputs", "goals") if name in changes}
        if data:
            self.data = replace(self.data, **data)
        if changes:
            self.settings = replace(self.settings, **changes)

    def set_weights(self, weights: np.ndarray) -> None:
        self.weights = np.array(weights, dtype=np.float64)
        self.history.weights_set(self.steps_done + 1, self.weights)

    @property
    def set_by_hand(self) -> bool:
        """The weights are not where the last step left them (or, at step 0,
        the lesson's own): the slider or an edit set them since."""
        if self.steps_done == 0:
            ended = self.initial_weights
        else:
            last = self.last
            ended = None if last is None else last.weights_after
        return ended is not None and self.weights.tobytes() != ended.tobytes()

    def coming(self) -> Step | None:
        """The step Space would take now, without taking it (the rules are
        pure): what the slider shows before the step, and what the screen
        draws ahead. None once stopped.

        A step is a function of the weights, the settings, the data and the
        step count: the one worked out is kept until one of them is another
        object (each change makes a new one; a step never changes one in
        place but on the fast path, which does not keep it), and step()
        takes it, the same Step object."""
        if self.stopped:
            return None
        weights, settings, data, done = self.weights, self.settings, self.data, self.steps_done
        kept = self._coming
        if (kept is not None and kept[0] is weights and kept[1] is settings and kept[2] is data
                and kept[3] == done):
            return kept[4]
        number = done + 1
        sample = (number - 1) % data.samples
        label = None if data.labels is None else int(data.labels[sample])
        step = self.rule.take(weights, settings, data, sample, number, label)
        if not self.history.in_place:  # (in place, the weights change under the same object)
            self._coming = (weights, settings, data, done, step)
        return step

    def ahead(self) -> Trainer | None:
        """A copy of this trainer that has taken the coming step, this one
        untouched: what the screen draws before Space is pressed. Its history
        and logs are its own; its Steps, arrays, settings and data are this
        one's (no step changes them in place but on the fast path, which is
        why a big network gets None; so does a stopped run)."""
        if self.stopped or self.history.in_place:
            return None
        self.coming()  # worked out here, so that both take it
        twin = copy.copy(self)
        twin.history = self.history.copy()
        twin._errors, twin._correct = self._errors.copy(), self._correct.copy()
        twin.step()
        return twin

    def weights_now(self) -> np.ndarray:
        """The weights as they are now, safe to keep: a big network's change
        in place as the run goes on, so those are copied."""
        return self.weights.copy() if self.weights.flags.writeable else self.weights

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
    def steps_in_window(self) -> int:
        """Steps that can be taken before the oldest errors leave the window
        (0: the next step moves it). Batches that stay within this see the
        same `errors_from` at every step of the batch."""
        return self._errors.room(self.steps_done)

    @property
    def accuracy(self) -> float | None:
        """Running accuracy: the share of steps whose guess was the label."""
        if self.data.labels is None or self.steps_done == 0:
            return None
        return float(self.corrects.mean())
