"""The trainer: a network, its data and settings, and the history of steps.

It steps, steps back (bit-exact: the weights before a step are kept in that
step's record), resets, and takes changes to its settings mid-run; a change
applies from the next step. When numbers stop being finite the run stops at
that step and `diverged_at` says which one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from gdtui.engine.network import Step, compare_step, gradient_step, hot_cold_step


@dataclass(frozen=True, eq=False)
class Settings:
    """What a step depends on, besides the weights.

    inputs [samples][inputs] and goals [samples][outputs]: the book's lessons
    have one sample; a data set of many is taken in order, cycling.
    """

    rule: str
    inputs: np.ndarray
    goals: np.ndarray
    alpha: float = 1.0
    step_amount: float = 0.001
    frozen: np.ndarray | None = None  # bool [outputs][inputs], True = never moves

    @property
    def samples(self) -> int:
        return self.inputs.shape[0]


@dataclass(eq=False)
class Trainer:
    initial_weights: np.ndarray
    settings: Settings
    weights: np.ndarray = field(init=False)
    history: list[Step] = field(init=False, default_factory=list)
    diverged_at: int | None = field(init=False, default=None)
    # Total error per step, kept alongside the history so a curve of 50,000
    # steps costs a slice, not a pass over every Step.
    _errors: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.initial_weights = np.array(self.initial_weights, dtype=np.float64)
        self.weights = self.initial_weights.copy()
        self._errors = np.empty(64)

    # -- stepping -----------------------------------------------------------
    @property
    def steps_done(self) -> int:
        return len(self.history)

    @property
    def last(self) -> Step | None:
        return self.history[-1] if self.history else None

    @property
    def stopped(self) -> bool:
        return self.diverged_at is not None

    def step(self) -> Step | None:
        """Take one step; None when the run has diverged and cannot go on."""
        if self.stopped:
            return None
        s = self.settings
        number = self.steps_done + 1
        sample = (number - 1) % s.samples
        x, goal = s.inputs[sample], s.goals[sample]
        if s.rule == "gradient":
            step = gradient_step(
                self.weights, x, goal, s.alpha, s.frozen, number=number, sample=sample
            )
        elif s.rule == "hot-cold":
            step = hot_cold_step(self.weights, x, goal, s.step_amount, number=number, sample=sample)
        else:
            step = compare_step(self.weights, x, goal, number=number, sample=sample)
        self.history.append(step)
        if number > self._errors.size:
            self._errors = np.resize(self._errors, 2 * self._errors.size)
        self._errors[number - 1] = step.total_error
        self.weights = step.weights_after
        if not step.finite:
            self.diverged_at = number
        return step

    def run(self, steps: int) -> int:
        """Take up to `steps` steps; returns how many were taken."""
        taken = 0
        while taken < steps and self.step() is not None:
            taken += 1
        return taken

    def back(self) -> bool:
        """Undo the last step: the weights return to exactly what they were."""
        if not self.history:
            return False
        step = self.history.pop()
        self.weights = step.weights
        self.diverged_at = None
        return True

    def reset(self) -> None:
        self.history.clear()
        self.weights = self.initial_weights.copy()
        self.diverged_at = None

    # -- changes mid-run: they apply from the next step ------------------------
    def change(self, **changes) -> None:
        """Change settings (alpha, step_amount, inputs, goals, frozen)."""
        self.settings = replace(self.settings, **changes)

    def set_weights(self, weights: np.ndarray) -> None:
        self.weights = np.array(weights, dtype=np.float64)

    def toggle_frozen(self, row: int, col: int) -> bool:
        """Freeze or unfreeze one weight; returns True if it is now frozen."""
        frozen = self.settings.frozen
        frozen = np.zeros(self.weights.shape, bool) if frozen is None else frozen.copy()
        frozen[row, col] = not frozen[row, col]
        self.change(frozen=frozen if frozen.any() else None)
        return bool(frozen[row, col])

    @property
    def errors(self) -> np.ndarray:
        """Total error of each step so far (summed over outputs)."""
        return self._errors[: self.steps_done]
