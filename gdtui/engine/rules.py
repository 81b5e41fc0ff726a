"""The learning rules, in one table: each rule's step and the setting it moves by.

A lesson file names its rule; Settings holds the Rule itself (`rule_of`
turns the name into it), so the other layers ask the rule
(`settings.rule.by_alpha`, `settings.rule.take(...)`) instead of comparing
names or looking them up: a new rule is one new row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdtui.engine.fast import gradient_steps
from gdtui.engine.network import Step, compare_step, gradient_step, hot_cold_step


def _gradient(weights, settings, data, sample: int, number: int, label: int | None) -> Step:
    return gradient_step(
        weights, data.inputs[sample], data.goals[sample], settings.alpha,
        settings.frozen, number=number, sample=sample, label=label,
    )


def _hot_cold(weights, settings, data, sample: int, number: int, label: int | None) -> Step:
    return hot_cold_step(
        weights, data.inputs[sample], data.goals[sample], settings.step_amount,
        number=number, sample=sample,
    )


def _compare(weights, settings, data, sample: int, number: int, label: int | None) -> Step:
    return compare_step(
        weights, data.inputs[sample], data.goals[sample],
        number=number, sample=sample, label=label,
    )


@dataclass(frozen=True)
class Rule:
    name: str
    # The setting that sizes each move: "alpha", "step_amount", or None for
    # a rule that never moves the weights.
    setting: str | None
    # take(weights, settings, data, sample, number, label) -> Step
    take: Callable[[np.ndarray, object, object, int, int, int | None], Step]
    # Only gradient descent can overshoot and diverge, and only it can freeze
    # single weights (hot-cold moves its one weight by a fixed amount).
    can_diverge: bool = False
    can_freeze: bool = False
    one_weight: bool = False  # hot-cold probes a single weight
    probes: bool = False  # tries the weight up and down (hot-cold's two extra predictions)
    # Many steps at once, in place, for a big network's ring history
    # (engine/fast.py); None: the trainer takes one Step at a time.
    batch: Callable | None = None
    # The numbers each step has, in the book's names (what predict mode can
    # ask): hot-cold moves by step_amount (no weight_delta to work out);
    # compare never moves a weight.
    quantities: tuple[str, ...] = ("pred", "delta", "error")

    @property
    def moves(self) -> bool:
        """False for a rule that only measures the error."""
        return self.setting is not None

    @property
    def by_alpha(self) -> bool:
        """Gradient descent: each move is alpha x weight_delta ([ ] and --alpha change it)."""
        return self.setting == "alpha"

    def __str__(self) -> str:
        return self.name


RULES: dict[str, Rule] = {
    "gradient": Rule(
        "gradient", "alpha", _gradient, can_diverge=True, can_freeze=True, batch=gradient_steps,
        quantities=("direction", "pred", "delta", "error", "weight_delta", "weight"),
    ),
    "hot-cold": Rule("hot-cold", "step_amount", _hot_cold, one_weight=True, probes=True,
                     quantities=("direction", "pred", "delta", "error", "weight")),
    "compare": Rule("compare", None, _compare),
}


def rule_of(rule: Rule | str) -> Rule:
    """The Rule itself, or the one a lesson file or a Step names."""
    return RULES[rule] if isinstance(rule, str) else rule
