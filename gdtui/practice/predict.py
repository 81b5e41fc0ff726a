"""Predict, then step: the learner's number, the step's true one, a verdict.

No UI here (the question box is gdtui.ui.screens.predict): what a person
may type, which quantities a step has, how close is right, which usual slip
a wrong number looks like, and the running score of one lesson. Every
number comes from the engine's Step; nothing is computed twice except the
slips, which are the step's own numbers put together the wrong way.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from gdtui.engine import RULES, Step
from gdtui.text.safe import visible

# What can be predicted, in the order the cycle key goes through them.
QUANTITIES = ("direction", "pred", "delta", "error", "weight_delta", "weight")
# Which a rule's steps have: hot-cold moves by step_amount (no weight_delta
# to work out); compare never moves a weight.
BY_RULE = {
    "gradient": QUANTITIES,
    "hot-cold": ("direction", "pred", "delta", "error", "weight"),
    "compare": ("pred", "delta", "error"),
}

# Right: within RELATIVE of the true value, or within ABSOLUTE of it,
# whichever is wider (so a true value near 0 is not asked to 2 % of nothing).
RELATIVE, ABSOLUTE = 0.02, 0.005
# Close: the same with these, wider.
CLOSE_RELATIVE, CLOSE_ABSOLUTE = 0.05, 0.01

# Minus signs people type or paste: Unicode minus, en and em dash, full-width.
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\uff0d": "-", "\ufe63": "-"})
# One way to match each text (digits, then a point and digits only after it):
# `\d+\.?\d*` could split a run of digits in n ways and made a failed match
# quadratic (20,000 typed digits then Enter froze the app for 13-19 s).
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
# No number anyone means is longer (17 significant digits, a sign, a point and
# an exponent are ~25); past it the text is refused before it is looked at.
MAX_NUMBER = 64


def quantities(rule: str) -> tuple[str, ...]:
    return BY_RULE.get(rule, BY_RULE["compare"])


def check_quantity(value: object, rule: str = "gradient") -> str | None:
    """A lesson's `predict` field: one of its rule's quantities (or None)."""
    if value is None:
        return None
    allowed = quantities(rule)
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"must be one of {', '.join(allowed)}; got {value!r}")
    return value


def parse_number(text: str) -> float:
    """What a person types: `-0.0388`, `−.0388` (Unicode minus), `3.9e-2`,
    spaces around; a decimal point, not a comma. ValueError says why not,
    in one line; linear in the length of `text`."""
    cleaned = text.strip().translate(_MINUSES).replace(" ", "").lower()
    if not cleaned:
        raise ValueError("type a number")
    if len(cleaned) > MAX_NUMBER:
        raise ValueError(f"too long for a number: {len(cleaned):,} characters, at most {MAX_NUMBER}")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"not a number: '{visible(text.strip())}'")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(f"too large: '{visible(text.strip())}'")
    return value


def parse_direction(text: str) -> float:
    """↑/↓ (or up/down, u/d, +/-) as +1 / -1."""
    word = text.strip().translate(_MINUSES).lower()
    if word in ("↑", "up", "u", "+"):
        return 1.0
    if word in ("↓", "down", "d", "-"):
        return -1.0
    raise ValueError("↑ or ↓")


def true_value(step: Step, quantity: str, row: int = 0, col: int = 0) -> float:
    """The step's own number for `quantity`, for weight [row][col] (pred,
    delta and error: its output row)."""
    if quantity == "pred":
        return float(step.pred[row])
    if quantity == "delta":
        return float(step.delta[row])
    if quantity == "error":
        return float(step.error[row])
    if quantity == "weight_delta":
        return float(step.weight_delta[row, col])
    if quantity == "weight":
        return float(step.weights_after[row, col])
    if quantity == "direction":
        moved = float(step.weights_after[row, col] - step.weights[row, col])
        return float(np.sign(moved))
    raise ValueError(f"unknown quantity {quantity!r}")


def judge(guess: float, truth: float, quantity: str = "") -> str:
    """right, close or wrong."""
    if quantity == "direction":
        return "right" if guess == truth else "wrong"
    gap = abs(guess - truth)
    if gap <= max(RELATIVE * abs(truth), ABSOLUTE):
        return "right"
    if gap <= max(CLOSE_RELATIVE * abs(truth), CLOSE_ABSOLUTE):
        return "close"
    return "wrong"


def _slips(step: Step, quantity: str, row: int, col: int) -> list[tuple[str, float]]:
    """What the usual slips give for this quantity, from the step's numbers."""
    x, goal = float(step.input[col]), float(step.goal[row])
    pred, delta = float(step.pred[row]), float(step.delta[row])
    if quantity == "pred":
        return [("sign", -pred)]
    if quantity == "delta":
        return [("goal_minus_pred", goal - pred)]
    if quantity == "error":
        return [
            ("sign", -delta * delta),
            ("squared_wrong", pred * pred - goal * goal),
            ("squared_wrong", pred * pred),
            ("squared_wrong", (delta * x) ** 2),
        ]
    if quantity == "direction":
        return [("sign", -true_value(step, quantity, row, col))]
    if RULES[step.rule].setting != "alpha":  # hot-cold moves by step_amount: only its sign to slip on
        return [("sign", -true_value(step, quantity, row, col))] if quantity == "weight" else []
    w, alpha = float(step.weights[row, col]), step.alpha
    wd = float(step.weight_delta[row, col])
    if quantity == "weight_delta":
        return [("goal_minus_pred", -wd), ("forgot_input", delta)]
    if quantity == "weight":
        return [
            ("goal_minus_pred", w + alpha * wd),
            ("forgot_input", w - alpha * delta),
            ("forgot_alpha", w - wd),
            ("sign", -(w - alpha * wd)),
        ]
    return []


def likely_slip(step: Step, quantity: str, guess: float, row: int = 0, col: int = 0) -> str | None:
    """The usual slip a wrong guess matches (right by a slipped formula), if
    any: sign, goal_minus_pred, forgot_input, forgot_alpha, squared_wrong."""
    truth = true_value(step, quantity, row, col)
    for name, value in _slips(step, quantity, row, col):
        if not math.isfinite(value) or judge(value, truth, quantity) != "wrong":
            continue  # this slip gives the right number here: it tells nothing
        if judge(guess, value, quantity) == "right":
            return name
    return None


@dataclass(frozen=True)
class Answer:
    """One prediction and how it went."""

    step: int  # the step it was for (1 = the first)
    quantity: str
    guess: float
    truth: float
    verdict: str  # right, close, wrong
    slip: str | None = None


def answer(step: Step, quantity: str, guess: float, row: int = 0, col: int = 0) -> Answer:
    truth = true_value(step, quantity, row, col)
    verdict = judge(guess, truth, quantity)
    slip = likely_slip(step, quantity, guess, row, col) if verdict == "wrong" else None
    return Answer(step.number, quantity, guess, truth, verdict, slip)


@dataclass
class Score:
    """One lesson's predictions: right / asked and the current streak.
    Stepping back past a step takes its answer out too."""

    answers: list[Answer] = field(default_factory=list)

    def add(self, item: Answer) -> None:
        self.answers.append(item)

    def undo(self, steps_done: int) -> None:
        """The run went back to `steps_done`: drop answers for later steps."""
        while self.answers and self.answers[-1].step > steps_done:
            self.answers.pop()

    @property
    def asked(self) -> int:
        return len(self.answers)

    @property
    def right(self) -> int:
        return sum(a.verdict == "right" for a in self.answers)

    @property
    def streak(self) -> int:
        return self.in_a_row()

    def in_a_row(self, quantity: str | None = None) -> int:
        """Right answers at the end, of one quantity (others skipped) or all."""
        count = 0
        for a in reversed(self.answers):
            if quantity is not None and a.quantity != quantity:
                continue
            if a.verdict != "right":
                break
            count += 1
        return count

    @property
    def last(self) -> Answer | None:
        return self.answers[-1] if self.answers else None
