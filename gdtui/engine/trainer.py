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

from dataclasses import dataclass, field, replace

import numpy as np

from gdtui.engine.network import Step, compare_step, gradient_step, hot_cold_step

# Networks with more weights than this keep light records and checkpoints.
FULL_HISTORY_MAX_WEIGHTS = 4096
CHECKPOINT_EVERY = 100
# How many steps a big network can step back through.
UNDO_STEPS = 2000


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
    """A growing array of one number per step (error, or correct 1/0)."""

    def __init__(self) -> None:
        self.values = np.empty(256)

    def set(self, number: int, value: float) -> None:
        if number > self.values.size:
            self.values = np.resize(self.values, 2 * self.values.size)
        self.values[number - 1] = value


@dataclass(eq=False)
class Trainer:
    initial_weights: np.ndarray
    settings: Settings
    weights: np.ndarray = field(init=False)
    history: list[Step] = field(init=False, default_factory=list)
    diverged_at: int | None = field(init=False, default=None)
    steps_done: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.initial_weights = np.array(self.initial_weights, dtype=np.float64)
        self.weights = self.initial_weights.copy()
        self.light = self.initial_weights.size > FULL_HISTORY_MAX_WEIGHTS
        self._errors = _Log()
        self._correct = _Log()
        self._checkpoints: dict[int, np.ndarray] = {}  # steps done -> weights then

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
        number = self.steps_done + 1
        if self.light and (number - 1) % CHECKPOINT_EVERY == 0:
            self._checkpoints[number - 1] = self.weights
        step = self._take(self.weights, None, number)
        self.history.append(step.light() if self.light else step)
        self.steps_done = number
        self._errors.set(number, step.total_error)
        if step.label is not None:
            self._correct.set(number, float(step.correct))
        self.weights = step.weights_after
        if not step.finite:
            self.diverged_at = number
        if self.light:
            self._forget_old()
        return step

    def _forget_old(self) -> None:
        """Keep UNDO_STEPS light records and the checkpoints they need."""
        excess = len(self.history) - UNDO_STEPS
        if excess < CHECKPOINT_EVERY:  # trim in batches, not every step
            return
        del self.history[:excess]
        oldest_state = self.history[0].number - 1
        keep_from = oldest_state - oldest_state % CHECKPOINT_EVERY
        for n in [n for n in self._checkpoints if n < keep_from]:
            del self._checkpoints[n]

    def run(self, steps: int) -> int:
        """Take up to `steps` steps; returns how many were taken."""
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
            self.weights = self._replay_to(step.number - 1)
        else:
            self.weights = step.weights
        self.steps_done = step.number - 1
        self.diverged_at = None
        return True

    def _replay_to(self, steps: int) -> np.ndarray:
        """The weights after `steps` steps, from the nearest checkpoint."""
        start = max(n for n in self._checkpoints if n <= steps)
        weights = self._checkpoints[start]
        first = self.history[0].number if self.history else steps + 1
        for number in range(start + 1, steps + 1):
            record = self.history[number - first]
            weights = self._take(weights, record, number).weights_after
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
            self.history.clear()
            self._checkpoints = {self.steps_done: self.weights}

    def toggle_frozen(self, row: int, col: int) -> bool:
        """Freeze or unfreeze one weight; returns True if it is now frozen."""
        frozen = self.settings.frozen
        frozen = np.zeros(self.weights.shape, bool) if frozen is None else frozen.copy()
        frozen[row, col] = not frozen[row, col]
        self.change(frozen=frozen if frozen.any() else None)
        return bool(frozen[row, col])

    # -- what the run looks like so far ---------------------------------------
    @property
    def errors(self) -> np.ndarray:
        """Total error of each step so far (summed over outputs)."""
        return self._errors.values[: self.steps_done]

    @property
    def corrects(self) -> np.ndarray:
        """1.0 for each step whose guess was the label, else 0.0 (labelled data)."""
        return self._correct.values[: self.steps_done]

    @property
    def accuracy(self) -> float | None:
        """Running accuracy: the share of steps whose guess was the label."""
        if self.settings.labels is None or self.steps_done == 0:
            return None
        return float(self._correct.values[: self.steps_done].mean())
