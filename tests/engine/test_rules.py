"""The rule table: Settings holds a Rule, each rule says what it is, and
every built-in lesson's steps are its rule's."""

from dataclasses import replace

import numpy as np
import pytest

from gdtui.engine import RULES, Rule, Settings, rule_of
from gdtui.lessons.loader import load_catalog

CATALOG = load_catalog(use_env=False)

# name -> (setting, by_alpha, moves, can_diverge, can_freeze, probes, has weight_delta)
EXPECTED = {
    "gradient": ("alpha", True, True, True, True, False, True),
    "hot-cold": ("step_amount", False, True, False, False, True, False),
    "compare": (None, False, False, False, False, False, False),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_each_rule_says_what_it_is(name):
    rule = RULES[name]
    assert (rule.setting, rule.by_alpha, rule.moves, rule.can_diverge, rule.can_freeze, rule.probes,
            "weight_delta" in rule.quantities) == EXPECTED[name]
    assert str(rule) == rule.name == name and rule_of(name) is rule is rule_of(rule)
    assert ("direction" in rule.quantities) == rule.moves


@pytest.mark.parametrize("name", EXPECTED)
def test_settings_hold_the_rule_named_or_given(name):
    for given in (name, RULES[name]):
        settings = Settings(given, alpha=0.5)
        assert isinstance(settings.rule, Rule) and settings.rule is RULES[name]
        assert replace(settings, alpha=0.1).rule is RULES[name]


@pytest.mark.parametrize("lesson_id", [i for i in CATALOG.lessons if i != "mnist"])
def test_a_lessons_steps_are_its_rules(lesson_id):
    lesson = CATALOG.lessons[lesson_id]
    trainer = lesson.trainer()
    step = trainer.step()
    rule = lesson.settings.rule
    assert step.rule == rule.name and trainer.rule is rule
    assert (step.up_error is not None) == rule.probes
    assert np.array_equal(step.weights_after, step.weights) != rule.moves or not np.any(step.input)


def test_an_unknown_rule_name_is_a_key_error():
    with pytest.raises(KeyError):
        Settings("momentum")
