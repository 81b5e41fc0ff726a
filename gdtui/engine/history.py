"""The recent steps of a big network, kept in ring arrays.

MNIST takes a step in a few microseconds; building a Step object for each
would cost as much again. So a big network's trainer writes each step's
pred and delta straight into rows of preallocated arrays, and a Step is made
only when someone asks for one. Only the newest `capacity` steps are kept:
memory stays the same however long the run.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from gdtui.engine.network import Step


class LightHistory:
    """A sequence of the newest steps, oldest first, like a list of Steps."""

    def __init__(self, capacity: int, outputs: int) -> None:
        self.capacity = capacity
        self.pred = np.zeros((capacity, outputs))
        self.delta = np.zeros((capacity, outputs))
        self.sample = np.zeros(capacity, dtype=np.int64)
        self.settings: list = [None] * capacity  # the Settings each step used
        self.first = 1  # number of the oldest step kept
        self.count = 0

    def row(self, number: int) -> int:
        return (number - 1) % self.capacity

    def claim(self, number: int, sample: int, settings) -> int:
        """Make room for step `number` (the next one); returns its row."""
        if self.count == self.capacity:  # full: forget the oldest
            self.first += 1
        else:
            self.count += 1
        row = self.row(number)
        self.sample[row] = sample
        self.settings[row] = settings
        return row

    def append(self, step: Step, settings) -> None:
        row = self.claim(step.number, step.sample, settings)
        self.pred[row] = step.pred
        self.delta[row] = step.delta

    def pop(self) -> Step:
        step = self[-1]
        self.count -= 1
        return step

    def clear(self, next_number: int = 1) -> None:
        self.first, self.count = next_number, 0

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __iter__(self) -> Iterator[Step]:
        return (self[i] for i in range(self.count))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError("step not kept")
        return self.step(self.first + index)

    def step(self, number: int) -> Step:
        """Step `number` as a light Step (no weight arrays)."""
        row = self.row(number)
        s, sample = self.settings[row], int(self.sample[row])
        pred, delta = self.pred[row].copy(), self.delta[row].copy()
        with np.errstate(over="ignore"):  # an overflowed step's error is inf
            error = delta * delta
        label = None if s.labels is None else int(s.labels[sample])
        compare = s.rule == "compare"
        return Step(
            number, sample, s.inputs[sample], s.goals[sample], None, pred, error,
            delta, None, None, 0.0 if compare else s.alpha, s.rule,
            frozen=None if compare else s.frozen, label=label,
        )
