"""Present mode's lesson state: what the instructor's lesson is, as every
follower rebuilds it on their own screen.

The engine is deterministic, so the state is not the numbers but the keys
that made them: the lesson, the keys that changed it since it opened (each
with what it did: the new alpha, the weight frozen, the values an edit set),
and the selected weight. A follower who joins late replays the keys on a
fresh trainer and reaches the presenter's numbers bit for bit; one who
follows along applies only the keys it has not seen yet.

Keys are compacted as they come (Space Space Space is one "step 3"; b after
a step takes it back off; 0 starts the list again), so a state stays small
however long the presenter runs. No Textual here: the screens use it.

    ("step", n)            Space, or a run: n steps taken (not keys pressed: a
                           stopped run takes none)
    ("back", n)            b: n steps taken back, past the steps this list still holds
    ("restart",)           B: step 0, settings and edits kept
    ("alpha", value)       [ or ]: alpha from the next step (the run so far is the ghost)
    ("freeze", row, col)   f on the selected weight
    ("edit", {name: value})  e: alpha, step_amount, inputs, goals, weights
    ("slide", row, col, w)   , . < >: weight [row][col] slid to w, no step taken
                           (slides of one weight in a row are one: the last)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from gdtui.engine.trainer import Trainer
from gdtui.store.events import MAX_COUNT  # steps: far past any run

MAX_OPS = 1000  # keys that do not compact; a lecture's worth many times over
MAX_EDIT_VALUES = 64  # the edit form offers weights only up to 64
EDIT_NAMES = ("alpha", "step_amount", "inputs", "goals", "weights")


@dataclass(frozen=True)
class LessonState:
    lesson: str
    ops: tuple[tuple, ...] = ()
    selected: tuple[int, int] = (0, 0)

    def then(self, *op) -> LessonState:
        """This state after one more key (compacted)."""
        ops, kind = list(self.ops), op[0]
        last = ops[-1] if ops else None
        if kind == "reset":  # 0: the lesson's own values again
            return replace(self, ops=())
        if kind == "step" and last and last[0] == "step":
            ops[-1] = ("step", last[1] + op[1])
        elif kind == "back" and last and last[0] == "step":
            left = last[1] - op[1]
            if left > 0:
                ops[-1] = ("step", left)
            else:
                ops.pop()
                if left < 0:
                    return replace(self, ops=tuple(ops)).then("back", -left)
        elif kind == "back" and last and last[0] == "back":
            ops[-1] = ("back", last[1] + op[1])
        elif kind == "slide" and last and last[0] == "slide" and last[1:3] == op[1:3]:
            ops[-1] = tuple(op)  # where the weight is now is all that matters
        elif kind == "restart" and last and last[0] in ("restart", "step", "back"):
            # Steps just before B leave no trace, unless an alpha key made them a ghost.
            while ops and ops[-1][0] in ("step", "back"):
                ops.pop()
            if not ops or ops[-1][0] != "restart":
                ops.append(("restart",))
        else:
            ops.append(tuple(op))
        return replace(self, ops=tuple(ops))

    def select(self, selected: tuple[int, int]) -> LessonState:
        return replace(self, selected=(int(selected[0]), int(selected[1])))

    @property
    def full(self) -> bool:
        """No room for another key that does not compact."""
        return len(self.ops) >= MAX_OPS

    # -- over the wire ---------------------------------------------------------------
    def to_json(self) -> dict:
        ops = []
        for op in self.ops:
            if op[0] == "edit":
                op = ("edit", {k: _plain(v) for k, v in op[1].items()})
            ops.append(list(op))
        return {"lesson": self.lesson, "ops": ops, "selected": list(self.selected)}

    @classmethod
    def from_json(cls, data: object) -> LessonState:
        """A state from a channel: every field checked (ValueError says which)."""
        if not isinstance(data, dict):
            raise ValueError("a state is an object")
        lesson, ops, selected = data.get("lesson"), data.get("ops"), data.get("selected")
        if not isinstance(lesson, str) or not 0 < len(lesson) <= 100:
            raise ValueError("lesson: an id")
        if not isinstance(ops, list) or len(ops) > MAX_OPS:
            raise ValueError(f"ops: a list of at most {MAX_OPS}")
        if (not isinstance(selected, list) or len(selected) != 2
                or not all(_count(v, 0, 10**6) for v in selected)):
            raise ValueError("selected: [row, col]")
        return cls(lesson, tuple(_op(op) for op in ops), (selected[0], selected[1]))


def _plain(value):
    return value.tolist() if isinstance(value, np.ndarray) else float(value)


def _count(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _number(value: object) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _op(op: object) -> tuple:
    if not isinstance(op, list) or not op or not isinstance(op[0], str):
        raise ValueError("an op is [kind, ...]")
    kind, args = op[0], op[1:]
    if kind in ("step", "back") and len(args) == 1 and _count(args[0], 1, MAX_COUNT):
        return (kind, args[0])
    if kind == "restart" and not args:
        return (kind,)
    if kind == "alpha" and len(args) == 1 and _number(args[0]) and args[0] > 0:
        return (kind, float(args[0]))
    if kind == "freeze" and len(args) == 2 and all(_count(v, 0, 10**6) for v in args):
        return (kind, args[0], args[1])
    if (kind == "slide" and len(args) == 3 and all(_count(v, 0, 10**6) for v in args[:2])
            and _number(args[2])):
        return (kind, args[0], args[1], float(args[2]))
    if kind == "edit" and len(args) == 1 and isinstance(args[0], dict) and args[0]:
        return (kind, {name: _edit_value(name, v) for name, v in args[0].items()})
    raise ValueError(f"a bad op: {kind[:20]!r}")


def _edit_value(name: str, value: object):
    if name in ("alpha", "step_amount"):
        if not _number(value) or value <= 0:
            raise ValueError(f"edit {name}: a positive number")
        return float(value)
    if name not in EDIT_NAMES or not isinstance(value, list):
        raise ValueError(f"edit: unknown field or not rows: {name[:20]!r}")
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"edit {name}: rows of numbers") from None
    if array.ndim != 2 or array.size > MAX_EDIT_VALUES or not np.isfinite(array).all():
        raise ValueError(f"edit {name}: rows of at most {MAX_EDIT_VALUES} finite numbers")
    return array


@dataclass
class Follower:
    """A lesson rebuilt from states, each taken from where the last one left
    it when it can (a few more steps, a key more), else replayed from step 0.

    `ghost`, `ghost_alpha`: the run before the last alpha change, as the
    lesson screen keeps it (the same rule: see apply)."""

    make_trainer: object  # () -> Trainer at step 0 of the lesson (Scenario.trainer)
    trainer: Trainer = field(init=False)
    ghost: np.ndarray | None = field(init=False, default=None)
    ghost_alpha: float | None = field(init=False, default=None)
    applied: tuple[tuple, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        self.trainer = self.make_trainer()

    @property
    def slid(self) -> bool:
        """Weights set by hand since the last step: the screen shows the coming step."""
        return self.trainer.set_by_hand

    def go_to(self, state: LessonState) -> None:
        """Reach `state` (its lesson is this follower's). ValueError if one of
        its keys does not fit the lesson (a weight that is not there, wrong
        shapes): the follower is then back at step 0."""
        ops, have = state.ops, self.applied
        n = len(have)
        if ops[:n] == have:
            rest = ops[n:]
        elif (n and len(ops) == n and ops[:-1] == have[:-1]
              and have[-1][0] == ops[-1][0] == "step"):
            more = ops[-1][1] - have[-1][1]  # the last run went on, or was stepped back
            for _ in range(-more):
                self.trainer.back()
            if more > 0:
                self.trainer.run(more)
            self.applied = ops
            return
        elif (n and len(ops) >= n and ops[:n - 1] == have[:-1]
              and have[-1][0] == ops[n - 1][0] == "slide" and have[-1][1:3] == ops[n - 1][1:3]):
            self.applied = have[:-1]  # the same weight slid on: slide it there, no replay
            rest = ops[n - 1:]
        else:
            self.trainer, self.ghost, self.ghost_alpha, self.applied = (
                self.make_trainer(), None, None, ())
            rest = ops
        try:
            for op in rest:
                self.apply(op)
                self.applied += (op,)
        except (ValueError, IndexError):
            self.trainer, self.ghost, self.ghost_alpha, self.applied = (
                self.make_trainer(), None, None, ())
            raise ValueError("the presented lesson does not fit this lesson") from None

    def apply(self, op: tuple) -> None:
        """One key, as the lesson screen does it."""
        t, kind = self.trainer, op[0]
        if kind == "step":
            t.run(op[1])
        elif kind == "back":
            for _ in range(op[1]):
                t.back()
        elif kind == "restart":
            t.reset()
        elif kind == "alpha":
            # The lesson screen's rule: the run so far becomes the ghost, unless
            # it already is (several presses, no step between).
            errors = t.errors
            if t.steps_done and (self.ghost is None or not np.array_equal(self.ghost, errors)):
                self.ghost, self.ghost_alpha = errors.copy(), t.settings.alpha
            t.change(alpha=op[1])
        elif kind == "freeze":
            outputs, inputs = t.weights.shape
            if not (op[1] < outputs and op[2] < inputs):
                raise ValueError("no such weight")
            t.toggle_frozen(op[1], op[2])
        elif kind == "slide":
            outputs, inputs = t.weights.shape
            if not (op[1] < outputs and op[2] < inputs):
                raise ValueError("no such weight")
            weights = np.array(t.weights, dtype=np.float64)
            weights[op[1], op[2]] = op[3]
            t.set_weights(weights)
        elif kind == "edit":
            changes = dict(op[1])
            shapes = {"inputs": t.data.inputs.shape, "goals": t.data.goals.shape,
                      "weights": t.weights.shape}
            for name, value in changes.items():
                if name in shapes and value.shape != shapes[name]:
                    raise ValueError(f"edit {name}: the wrong shape")
            weights = changes.pop("weights", None)
            if weights is not None:
                t.set_weights(weights)
            t.change(**changes)
