"""The steps a trainer remembers, so it can step back: one interface, two kinds.

`StepHistory` keeps whole Steps (the book's networks): stepping back is
taking the weights the last step started from. `RingHistory` is for big
networks (MNIST: 7,840 weights), where a Step object per step would cost as
much as the step: it writes pred and delta into rows of preallocated ring
arrays, makes a Step only when asked, and keeps a checkpoint of the weights
every CHECKPOINT_EVERY steps; stepping back replays from the nearest one with
the same float operations, so it lands on exactly the same weights. Either
keeps the newest UNDO_STEPS steps or a few more: memory stays bounded.

Both give (the History protocol): append(step, settings, data), pop(),
clear(next_number, weights), len(), indexing and iteration (oldest first),
`first` (number of the oldest kept step), `recent` (what a screen lists),
step(number), records(first, last) (the numbers of many steps as arrays,
for output that has no use for Step objects), checkpoint(number, weights)
before each step, weights_before(step), weights_set(next_number, weights)
after a hand-made change, and `in_place`: whether a rule's batch step
(engine/fast.py) may run on the trainer's weights in place. Only this module
knows where a ring keeps a step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from gdtui.engine.network import Step

CHECKPOINT_EVERY = 100
# How many steps can be stepped back through (the history keeps these).
UNDO_STEPS = 2000


@dataclass(frozen=True)
class Records:
    """Steps first..last as arrays, a row a step: pred, delta and error
    [steps, outputs], and the sample each step learned from [steps]."""

    pred: np.ndarray
    delta: np.ndarray
    error: np.ndarray
    sample: np.ndarray


class History(Protocol):
    in_place: bool
    first: int

    def append(self, step: Step, settings, data) -> None: ...
    def pop(self) -> Step: ...
    def step(self, number: int) -> Step: ...
    def records(self, first: int, last: int) -> Records: ...
    def checkpoint(self, number: int, weights: np.ndarray) -> None: ...
    def weights_before(self, step: Step) -> np.ndarray: ...
    def clear(self, next_number: int = 1, weights: np.ndarray | None = None) -> None: ...
    def weights_set(self, next_number: int, weights: np.ndarray) -> None: ...
    @property
    def recent(self) -> tuple[Step, ...]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Step]: ...
    def __getitem__(self, index): ...


class StepHistory:
    """Whole Steps, in a list trimmed to the newest UNDO_STEPS in batches."""

    in_place = False  # every step is a new Step with its own weights

    def __init__(self) -> None:
        self.steps: list[Step] = []

    @property
    def first(self) -> int:
        return self.steps[0].number if self.steps else 1

    def checkpoint(self, number: int, weights: np.ndarray) -> None:
        """Each Step keeps its own weights: no checkpoints needed."""

    def append(self, step: Step, settings, data) -> None:
        self.steps.append(step)
        if len(self.steps) >= UNDO_STEPS + CHECKPOINT_EVERY:  # trim in batches
            del self.steps[: len(self.steps) - UNDO_STEPS]

    def pop(self) -> Step:
        return self.steps.pop()

    def copy(self) -> StepHistory:
        """Its own list of the same Steps (they never change)."""
        history = StepHistory()
        history.steps = list(self.steps)
        return history

    def step(self, number: int) -> Step:
        return self.steps[number - self.first]

    def records(self, first: int, last: int) -> Records:
        steps = self.steps[first - self.first : last + 1 - self.first]
        return Records(
            np.array([s.pred for s in steps]), np.array([s.delta for s in steps]),
            np.array([s.error for s in steps]), np.array([s.sample for s in steps], dtype=np.int64),
        )

    def weights_before(self, step: Step) -> np.ndarray:
        return step.weights

    def clear(self, next_number: int = 1, weights: np.ndarray | None = None) -> None:
        self.steps.clear()

    def weights_set(self, next_number: int, weights: np.ndarray) -> None:
        """The weights were set by hand: kept Steps still know their own."""

    @property
    def recent(self) -> tuple[Step, ...]:
        return tuple(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __getitem__(self, index):
        return self.steps[index]


class RingHistory:
    """The newest `capacity` steps of a big network, in ring arrays."""

    # The trainer runs gradient descent on these weights in place (engine/fast.py).
    in_place = True

    def __init__(self, capacity: int, outputs: int) -> None:
        self.capacity = capacity
        self.pred = np.zeros((capacity, outputs))
        self.delta = np.zeros((capacity, outputs))
        self.sample = np.zeros(capacity, dtype=np.int64)
        self.used: list = [None] * capacity  # the (Settings, DataSet) each step used
        self.first = 1  # number of the oldest step kept
        self.count = 0
        self.checkpoints: dict[int, np.ndarray] = {}  # steps done -> weights then

    def row(self, number: int) -> int:
        return (number - 1) % self.capacity  # rows() for many

    def rows(self, first: int, last: int) -> np.ndarray:
        """The rows of steps first..last (at most `capacity` of them)."""
        return (np.arange(first, last + 1) - 1) % self.capacity

    def records(self, first: int, last: int) -> Records:
        rows = self.rows(first, last)
        delta = self.delta[rows]
        with np.errstate(over="ignore"):  # an overflowed step's error is inf
            error = delta * delta  # the same float as gradient_step's delta ** 2
        return Records(self.pred[rows], delta, error, self.sample[rows])

    def checkpoint(self, number: int, weights: np.ndarray) -> None:
        """Before step `number`: keep the weights every CHECKPOINT_EVERY
        steps, and only those that kept steps can reach."""
        if (number - 1) % CHECKPOINT_EVERY:
            return
        self.checkpoints[number - 1] = weights.copy()
        oldest_state = self.first - 1 if self.count else number - 1
        for n in [n for n in self.checkpoints if n + CHECKPOINT_EVERY <= oldest_state]:
            del self.checkpoints[n]

    def segment_end(self, number: int) -> int:
        """The last step before the next checkpoint after step `number`."""
        return (number - 1) // CHECKPOINT_EVERY * CHECKPOINT_EVERY + CHECKPOINT_EVERY

    def claim(self, number: int, sample: int, settings, data) -> int:
        """Make room for step `number` (the next one); returns its row."""
        row = int(self.claim_steps(number, number, settings, data)[0])
        self.sample[row] = sample
        return row

    def claim_steps(self, first: int, last: int, settings, data) -> np.ndarray:
        """Make room for steps first..last (the next ones, at most `capacity`);
        returns their rows."""
        count = last - first + 1
        overflow = self.count + count - self.capacity
        if overflow > 0:  # full: forget the oldest
            self.first += overflow
        self.count += count - max(overflow, 0)
        rows = self.rows(first, last)
        self.sample[rows] = (np.arange(first, last + 1) - 1) % data.samples
        used = (settings, data)
        for row in rows.tolist():
            self.used[row] = used
        return rows

    def forget_after(self, number: int) -> None:
        """Drop the claimed steps after step `number`."""
        self.count -= self.first + self.count - 1 - number

    def append(self, step: Step, settings, data) -> None:
        row = self.claim(step.number, step.sample, settings, data)
        self.pred[row] = step.pred
        self.delta[row] = step.delta

    def pop(self) -> Step:
        step = self[-1]
        self.count -= 1
        return step

    def weights_before(self, step: Step) -> np.ndarray:
        """The weights step `step.number` started from, replayed from the
        nearest checkpoint with the very steps the records say were taken."""
        steps = step.number - 1
        start = max(n for n in self.checkpoints if n <= steps)
        weights = self.checkpoints[start]
        for number in range(start + 1, steps + 1):
            weights = self._retake(weights, number).weights_after
        return weights.copy()

    def _retake(self, weights: np.ndarray, number: int) -> Step:
        row = self.row(number)
        (settings, data), sample = self.used[row], int(self.sample[row])
        label = None if data.labels is None else int(data.labels[sample])
        return settings.rule.take(weights, settings, data, sample, number, label)

    def clear(self, next_number: int = 1, weights: np.ndarray | None = None) -> None:
        """Forget every step; the next is `next_number`, from `weights`
        (replay cannot cross a hand-made change: undo stops here)."""
        self.first, self.count = next_number, 0
        self.checkpoints = {} if weights is None else {next_number - 1: weights.copy()}

    def weights_set(self, next_number: int, weights: np.ndarray) -> None:
        """The weights were set by hand: replay cannot cross that, so undo stops here."""
        self.clear(next_number, weights)

    @property
    def recent(self) -> tuple[Step, ...]:
        """Records are made on demand: a screen lists only the last."""
        return (self[-1],) if self.count else ()

    def __len__(self) -> int:
        return self.count

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
        (s, data), sample = self.used[row], int(self.sample[row])
        pred, delta = self.pred[row].copy(), self.delta[row].copy()
        with np.errstate(over="ignore"):  # an overflowed step's error is inf
            error = delta * delta
        label = None if data.labels is None else int(data.labels[sample])
        moves = s.rule.moves
        return Step(
            number, sample, data.inputs[sample], data.goals[sample], None, pred, error,
            delta, None, None, s.alpha if moves else 0.0, s.rule.name,
            frozen=s.frozen if moves else None, label=label,
        )
