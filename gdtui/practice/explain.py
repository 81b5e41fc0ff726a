"""Explain after a slip: after a wrong prediction, "which part went wrong?"
with the named slips of that quantity as choices, and "not sure".

Saying what went wrong (self-explanation after an error) is kept with the
learner's progress, one `explain` event per answer explained; the class
view shows it beside the answer. No UI here: the reveal line draws the
choices (gdtui.ui.widgets.predict_line), digit keys pick one.

The choices are the slips gdtui.practice.predict can name for the quantity
(their words are i18n's `why_*`), and "the arithmetic" (the right formula,
a wrong number), which predict cannot tell from a guess.
"""

from __future__ import annotations

from gdtui.engine import Rule, rule_of

NOT_SURE = "not_sure"
ARITHMETIC = "arithmetic"

FROZEN = "frozen"
# By quantity, the named slips offered, most likely first (at most 8, so
# the digits 1-9 cover them and "not sure"). "frozen" is offered only when
# the weight asked about was frozen in that step.
CHOICES: dict[str, tuple[str, ...]] = {
    "direction": (FROZEN, "sign", "stays"),
    "pred": ("sign", ARITHMETIC),
    "delta": ("goal_minus_pred", ARITHMETIC),
    "error": ("forgot_square", "negative_square", "squared_wrong", ARITHMETIC),
    "weight_delta": (FROZEN, "goal_minus_pred", "forgot_input", ARITHMETIC),
    "weight": (FROZEN, "unchanged", "forgot_alpha", "forgot_input", "goal_minus_pred", "sign",
               ARITHMETIC),
}
# A move not by alpha (hot-cold's step_amount): no alpha, no input, no
# weight_delta in it.
HOT_COLD_WEIGHT = ("sign", "unchanged", ARITHMETIC)


def choices(quantity: str, rule: Rule | str = "gradient", frozen: bool = False) -> tuple[str, ...]:
    """What the learner may say went wrong, in key order (1 first), "not sure" last
    (`rule`: a Rule, or the name a Step keeps)."""
    if quantity == "weight" and not rule_of(rule).by_alpha:
        named = HOT_COLD_WEIGHT
    else:
        named = CHOICES.get(quantity, (ARITHMETIC,))
    return (*(c for c in named if frozen or c != FROZEN), NOT_SURE)


def chosen(quantity: str, rule: Rule | str, key: int, frozen: bool = False) -> str | None:
    """The choice under digit `key` (1 = the first), None if there is none."""
    offered = choices(quantity, rule, frozen)
    return offered[key - 1] if 1 <= key <= len(offered) else None
