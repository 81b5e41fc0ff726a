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

from gdtui.engine import Rule, Step, rule_of
from gdtui.text.safe import visible

# What can be predicted, in the order the cycle key goes through them (a
# rule's steps have some of them: Rule.quantities).
QUANTITIES = ("direction", "pred", "delta", "error", "weight_delta", "weight")
# An image lesson's (MNIST's) own: 7,840 weights have no one number to ask
# for, but the step has two answers a learner can reason out: which digit it
# will guess (the largest pred), and which way the selected digit's error on
# this image goes when the step is taken (down, unless frozen or overshooting).
IMAGE_QUANTITIES = ("guess", "error_change")
# Answered with one key, not a typed number.
KEYED = ("direction", "error_change", "guess")

# Right: within RELATIVE of the true value, or within ABSOLUTE of it,
# whichever is wider (so a true value near 0 is not asked to 2 % of nothing).
RELATIVE, ABSOLUTE = 0.02, 0.0001
# Close: the same with these, wider.
CLOSE_RELATIVE, CLOSE_ABSOLUTE = 0.05, 0.0005
# The new weight is judged against the size of the step instead: a weight of
# 0.8 that moves by 0.0004 is within 2 % of itself, so the value rule would
# call the weight before the step right. Both are well under half a step, so
# neither the old weight nor half a step is ever right. A weight that does not
# move (frozen, input 0, a tie) falls back to the value rule.
STEP_RIGHT, STEP_CLOSE = 0.05, 0.2

# Minus signs people type or paste: Unicode minus, en and em dash, full-width.
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\uff0d": "-", "\ufe63": "-"})
# One way to match each text (digits, then a point and digits only after it):
# `\d+\.?\d*` could split a run of digits in n ways and made a failed match
# quadratic (20,000 typed digits then Enter froze the app for 13-19 s).
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
# No number anyone means is longer (17 significant digits, a sign, a point and
# an exponent are ~25); past it the text is refused before it is looked at.
MAX_NUMBER = 64


def quantities(rule: Rule | str) -> tuple[str, ...]:
    """What can be predicted of a step of `rule` (a Rule, or the name a Step keeps)."""
    return rule_of(rule).quantities


def check_quantity(value: object, rule: Rule | str = "gradient") -> str | None:
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


# A direction's answers, as typed or as a key's name (the question box asks
# with these): up, down, or stays (a frozen weight, input 0, a hot-cold tie).
DIRECTIONS = {
    1.0: ("↑", "up", "u", "+", "plus"),
    -1.0: ("↓", "down", "d", "-", "minus"),
    0.0: ("=", "equals_sign", "0", "s", "stays", "none"),
}


def parse_direction(text: str) -> float:
    """↑ / ↓ / = (or up/down/stays, u/d/s, +/-/0) as +1 / -1 / 0."""
    word = text.strip().translate(_MINUSES).lower()
    for sign, words in DIRECTIONS.items():
        if word in words:
            return sign
    raise ValueError("↑, ↓ or = (stays)")


def parse_digit(text: str) -> float:
    """One digit 0-9 (which digit the network will guess)."""
    word = text.strip()
    if len(word) == 1 and word in "0123456789":
        return float(word)
    raise ValueError("a digit, 0 to 9")


def parse_key(quantity: str, text: str) -> float:
    """A keyed question's answer from the key pressed (ValueError: not one)."""
    return parse_digit(text) if quantity == "guess" else parse_direction(text)


def error_with(step: Step, weights: np.ndarray, row: int) -> float:
    """Output `row`'s error on this step's own image with `weights` (the
    step's before or after: a whole Step). Both are computed this one way, so
    weights the step left as they were give the same error to the last bit."""
    pred = float(weights[row] @ step.input)
    return (pred - float(step.goal[row])) ** 2


def true_value(step: Step, quantity: str, row: int = 0, col: int = 0) -> float:
    """The step's own number for `quantity`, for weight [row][col] (pred,
    delta and error: its output row; error_change: output `row`)."""
    if quantity == "guess":
        return float(step.guess)
    if quantity == "error_change":
        change = error_with(step, step.weights_after, row) - error_with(step, step.weights, row)
        return float(np.sign(change))
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


def value_tolerance(truth: float, margin: bool = True) -> tuple[float, float]:
    """(right, close): how far from `truth` a guess may be, by the value rule
    (without the absolute margin if not `margin`)."""
    size = abs(truth)
    floor, close_floor = (ABSOLUTE, CLOSE_ABSOLUTE) if margin else (0.0, 0.0)
    return max(RELATIVE * size, floor), max(CLOSE_RELATIVE * size, close_floor)


def tolerance(step: Step, quantity: str, row: int = 0, col: int = 0,
              margin: bool = True) -> tuple[float, float]:
    """(right, close) for this step's `quantity`: a direction exactly; the
    new weight against the size of the step; the others by the value rule."""
    truth = true_value(step, quantity, row, col)
    if quantity in KEYED:  # a key's answer is exactly right or wrong
        return 0.0, 0.0
    if quantity == "weight":
        move = abs(truth - float(step.weights[row, col]))
        if move > 0:
            return STEP_RIGHT * move, STEP_CLOSE * move
    return value_tolerance(truth, margin)


def judge(guess: float, truth: float, within: tuple[float, float] | None = None) -> str:
    """right, close or wrong: `within` is (right, close), the value rule if None."""
    right, close = value_tolerance(truth) if within is None else within
    gap = abs(guess - truth)
    if gap <= right:
        return "right"
    if gap <= close:
        return "close"
    return "wrong"


def _slips(step: Step, quantity: str, row: int, col: int) -> list[tuple[str, float]]:
    """What the usual slips give for this quantity, from the step's numbers."""
    if quantity in IMAGE_QUANTITIES:
        return _image_slips(step, quantity, row)
    x, goal = float(step.input[col]), float(step.goal[row])
    pred, delta = float(step.pred[row]), float(step.delta[row])
    if quantity == "pred":
        return [("sign", -pred)]
    if quantity == "delta":
        return [("goal_minus_pred", goal - pred)]
    if quantity == "error":
        return [
            ("forgot_square", delta),
            ("forgot_square", abs(delta)),
            ("squared_wrong", pred * pred - goal * goal),
            ("squared_wrong", pred * pred),
            ("squared_wrong", (delta * x) ** 2),
        ]
    truth = true_value(step, quantity, row, col)
    frozen = step.frozen is not None and bool(step.frozen[row, col])
    if quantity == "direction":
        if truth == 0:  # it stays: either way is the same slip
            return [("frozen" if frozen else "stays", 1.0), ("frozen" if frozen else "stays", -1.0)]
        return [("sign", -truth)]
    w = float(step.weights[row, col])
    unchanged = [("unchanged", w)] if quantity == "weight" else []
    if not rule_of(step.rule).by_alpha:  # hot-cold moves by step_amount: only its sign to slip on
        return [("sign", -truth), *unchanged] if quantity == "weight" else []
    alpha, wd = step.alpha, float(step.weight_delta[row, col])
    if frozen:  # weight_delta forced to 0: the slip is the step as if it were not
        free = delta * x
        return {"weight_delta": [("frozen", free)], "weight": [("frozen", w - alpha * free)]}.get(quantity, [])
    if quantity == "weight_delta":
        return [("goal_minus_pred", -wd), ("forgot_input", delta)]
    if quantity == "weight":
        return [
            *unchanged,
            ("goal_minus_pred", w + alpha * wd),
            ("forgot_input", w - alpha * delta),
            ("forgot_alpha", w - wd),
            ("sign", -(w - alpha * wd)),
        ]
    return []


def _image_slips(step: Step, quantity: str, row: int) -> list[tuple[str, float]]:
    """An image lesson's slips: the label for the guess; for the error's way,
    what each wrong way would mean."""
    if quantity == "guess":
        return [] if step.label is None else [("label", float(step.label))]
    truth = true_value(step, quantity, row)
    frozen = step.frozen is not None and bool(step.frozen[row].all())
    if truth == 0:  # frozen, or pred already the goal: either way is the same slip
        name = "digit_frozen" if frozen else "at_goal"
        return [(name, 1.0), (name, -1.0)]
    if truth > 0:  # alpha x |input|^2 > 2: the step went past the bottom and beyond
        return [("overshoot", -1.0), ("error_stays", 0.0)]
    return [("error_up", 1.0), ("error_stays", 0.0)]


def likely_slip(step: Step, quantity: str, guess: float, row: int = 0, col: int = 0) -> str | None:
    """The usual slip a wrong guess matches (right by a slipped formula), if
    any: sign, goal_minus_pred, forgot_input, forgot_alpha, squared_wrong,
    forgot_square, negative_square, unchanged, frozen, stays; an image
    lesson's: label, error_up, error_stays, overshoot, digit_frozen, at_goal."""
    truth = true_value(step, quantity, row, col)
    within = tolerance(step, quantity, row, col)
    for name, value in _slips(step, quantity, row, col):
        if not math.isfinite(value) or judge(value, truth, within) != "wrong":
            continue  # this slip gives the right number here: it tells nothing
        if judge(guess, value, within) == "right":
            return name
    if quantity == "error" and guess < 0:
        return "negative_square"  # whatever else went wrong, a square is never negative
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


def slip_inside_the_margin(step: Step, quantity: str, guess: float, row: int = 0,
                           col: int = 0) -> str | None:
    """A slip the absolute margin would pass as right: its number differs
    from the truth by more than RELATIVE, and the guess is that number (within
    RELATIVE of it) rather than the truth. learning-steps' third step:
    weight_delta is -0.0388, forgetting the input gives -0.03528, and 0.005
    of margin called that right."""
    truth = true_value(step, quantity, row, col)
    right = tolerance(step, quantity, row, col, margin=False)[0]
    for name, value in _slips(step, quantity, row, col):
        if not math.isfinite(value) or abs(value - truth) <= right:
            continue  # the slip gives this step's number: nothing to tell apart
        if abs(guess - value) <= right and abs(guess - value) < abs(guess - truth):
            return name
    return None


def answer(step: Step, quantity: str, guess: float, row: int = 0, col: int = 0) -> Answer:
    truth = true_value(step, quantity, row, col)
    verdict = judge(guess, truth, tolerance(step, quantity, row, col))
    if verdict == "wrong":
        slip = likely_slip(step, quantity, guess, row, col)
    else:
        slip = slip_inside_the_margin(step, quantity, guess, row, col)
        verdict = "wrong" if slip else verdict
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
