"""The class poll, judged: every learner's answer against the step's true
value, by the predict judge (gdtui.practice.predict), and what the
instructor's histogram draws (gdtui.viz.poll). No UI here.

    judged = judge_poll(step, "weight_delta", [("ada", 0.1848), ("bo", 0.168)], 0, 1)
    judged.right, judged.slips          # 1, {"forgot_input": 1}
    judged.bins()                       # [Bin(low, high, count, truth_in), ...]
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from gdtui.engine import Step
from gdtui.practice.predict import QUANTITIES, Answer, answer, true_value, value_tolerance

BINS = 8  # bars of the histogram for a number (a direction has its three)


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    truth_in: bool  # the true value falls in this bar
    right: int = 0  # of count, the answers judged right


@dataclass(frozen=True)
class PollResult:
    lesson: str
    step: int  # the step asked about (1 = the first)
    quantity: str
    of: str  # which weight or output, as the lesson names it
    truth: float
    given: tuple[tuple[str, Answer], ...]  # (learner, their answer judged), by name

    @property
    def answers(self) -> int:
        return len(self.given)

    @property
    def right(self) -> int:
        return sum(a.verdict == "right" for _, a in self.given)

    @property
    def verdicts(self) -> dict[str, int]:
        counts = Counter(a.verdict for _, a in self.given)
        return {v: counts[v] for v in ("right", "close", "wrong")}

    @property
    def slips(self) -> dict[str, int]:
        """Named slips and how many made each, the most made first."""
        counts = Counter(a.slip for _, a in self.given if a.slip is not None)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def bins(self, n: int = BINS) -> list[Bin]:
        """The histogram: for a direction, one bar per ↓ = ↑; for a number, n
        bars of one width from the lowest to the highest of the answers and the
        truth (one bar when they are all about one value)."""
        values = [a.guess for _, a in self.given]
        rights = [a.verdict == "right" for _, a in self.given]
        if self.quantity == "direction":
            return [Bin(v, v, values.count(v), v == self.truth,
                        sum(r for g, r in zip(values, rights) if g == v)) for v in (-1.0, 0.0, 1.0)]
        low, high = min(values + [self.truth]), max(values + [self.truth])
        # All within what counts as right of each other: one bar, not eight slivers.
        if not high - low > value_tolerance(self.truth)[0] or not math.isfinite(high - low):
            return [Bin(low, high, len(values), True, sum(rights))]
        width = (high - low) / n
        counts, right = [0] * n, [0] * n
        for value, ok in zip(values, rights):
            k = min(int((value - low) / width), n - 1)
            counts[k] += 1
            right[k] += ok
        at = min(int((self.truth - low) / width), n - 1)

        def edge(k: int) -> float:  # an edge a rounding away from 0 is 0 (not -4e-06)
            value = low + k * width
            return 0.0 if abs(value) < width * 1e-3 else value

        return [Bin(edge(k), edge(k + 1), counts[k], k == at, right[k]) for k in range(n)]

    def to_json(self) -> dict:
        """As kept in the class store and printed by `gdtui class --format json --poll`."""
        return {
            "lesson": self.lesson, "step": self.step, "quantity": self.quantity, "of": self.of,
            "truth": self.truth, "answers": self.answers, "right": self.right,
            **{k: v for k, v in self.verdicts.items() if k != "right"},
            "slips": self.slips,
            "by_learner": [{"user": user, "answer": a.guess, "verdict": a.verdict, "slip": a.slip}
                           for user, a in self.given],
        }


def judge_poll(step: Step, quantity: str, answers: list[tuple[str, float]], row: int = 0,
               col: int = 0, lesson: str = "", of: str = "") -> PollResult:
    """Each (learner, number) judged as predict mode judges it."""
    given = tuple((user, answer(step, quantity, guess, row, col))
                  for user, guess in sorted(answers))
    return PollResult(lesson, step.number, quantity, of, true_value(step, quantity, row, col), given)


@dataclass(frozen=True)
class PollQuestion:
    """The poll as a learner's app is sent it (gdtui/serve/channel.py `poll`)."""

    id: int
    lesson: str
    step: int  # the step to predict (the presented lesson's next)
    quantity: str
    selected: tuple[int, int]

    @classmethod
    def from_json(cls, data: object) -> PollQuestion:
        """Every field checked (ValueError says which)."""
        if not isinstance(data, dict):
            raise ValueError("a poll is an object")
        values = [data.get(k) for k in ("id", "lesson", "step", "quantity", "selected")]
        poll_id, lesson, step, quantity, selected = values
        if type(poll_id) is not int or type(step) is not int or step < 1:
            raise ValueError("poll: id and step are whole numbers")
        if not isinstance(lesson, str) or not 0 < len(lesson) <= 100:
            raise ValueError("poll: lesson, an id")
        if quantity not in QUANTITIES:
            raise ValueError("poll: quantity, one of " + ", ".join(QUANTITIES))
        if (not isinstance(selected, list) or len(selected) != 2
                or not all(type(v) is int and 0 <= v <= 10**6 for v in selected)):
            raise ValueError("poll: selected, [row, col]")
        return cls(poll_id, lesson, step, quantity, (selected[0], selected[1]))
