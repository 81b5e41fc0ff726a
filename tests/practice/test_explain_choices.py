"""Explain after a slip: the choices offered per quantity, each named in
both languages, covering every slip predict can name for that quantity."""

import pytest

from gdtui.practice import explain
from gdtui.engine import RULES
from gdtui.text.i18n import TEXT

# (quantity, rule, the weight frozen, the choices in key order)
CHOICES = [
    ("direction", "gradient", False, ("sign", "stays", "not_sure")),
    ("direction", "gradient", True, ("frozen", "sign", "stays", "not_sure")),
    ("pred", "gradient", False, ("sign", "arithmetic", "not_sure")),
    ("delta", "gradient", False, ("goal_minus_pred", "arithmetic", "not_sure")),
    ("error", "gradient", False, ("forgot_square", "negative_square", "squared_wrong", "arithmetic",
                                  "not_sure")),
    ("weight_delta", "gradient", False, ("goal_minus_pred", "forgot_input", "arithmetic",
                                         "not_sure")),
    ("weight_delta", "gradient", True, ("frozen", "goal_minus_pred", "forgot_input", "arithmetic",
                                        "not_sure")),
    ("weight", "gradient", False, ("unchanged", "forgot_alpha", "forgot_input", "goal_minus_pred",
                                   "sign", "arithmetic", "not_sure")),
    ("weight", "gradient", True, ("frozen", "unchanged", "forgot_alpha", "forgot_input",
                                  "goal_minus_pred", "sign", "arithmetic", "not_sure")),
    ("weight", "hot-cold", False, ("sign", "unchanged", "arithmetic", "not_sure")),
    ("error", "compare", False, ("forgot_square", "negative_square", "squared_wrong", "arithmetic",
                                 "not_sure")),
]


@pytest.mark.parametrize("quantity, rule, frozen, expected", CHOICES,
                         ids=[f"{q}-{r}{'-frozen' * f}" for q, r, f, _ in CHOICES])
def test_the_choices_of_each_quantity(quantity, rule, frozen, expected):
    assert explain.choices(quantity, rule, frozen) == expected
    assert len(expected) <= 9  # the digits 1-9
    for key, choice in enumerate(expected, 1):
        assert explain.chosen(quantity, rule, key, frozen) == choice
    assert explain.chosen(quantity, rule, 0, frozen) is None
    assert explain.chosen(quantity, rule, len(expected) + 1, frozen) is None


@pytest.mark.parametrize("rule", list(RULES))
def test_every_quantity_of_every_rule_asks_with_words_in_both_languages(rule):
    for quantity in RULES[rule].quantities:
        offered = explain.choices(quantity, rule, frozen=True)
        assert offered[-1] == explain.NOT_SURE
        for choice in offered:
            words = TEXT[f"why_{choice}"]
            assert words["en"].strip() and words["zh"].strip()


# Every slip predict names (gdtui.practice.predict._slips and negative_square),
# by quantity: each must be a choice there, so the learner can say it.
NAMED = {
    "direction": {"sign", "stays", "frozen"},
    "pred": {"sign"},
    "delta": {"goal_minus_pred"},
    "error": {"forgot_square", "squared_wrong", "negative_square"},
    "weight_delta": {"goal_minus_pred", "forgot_input", "frozen"},
    "weight": {"unchanged", "goal_minus_pred", "forgot_input", "forgot_alpha", "sign", "frozen"},
}


@pytest.mark.parametrize("quantity", list(NAMED))
def test_each_named_slip_is_a_choice_of_a_frozen_weight_or_not(quantity):
    assert NAMED[quantity] <= set(explain.choices(quantity, "gradient", frozen=True))
    assert NAMED[quantity] - {"frozen"} <= set(explain.choices(quantity, "gradient"))
