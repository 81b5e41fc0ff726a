"""The `prompts` field of a lesson file: checked like every other field, and
the prompt that shows at each moment."""

import pytest

from gdtui.lessons.prompts import check_prompts, choose
from gdtui.lessons.lesson import Lesson, LessonError, build

GOOD = {"after": 0, "en": "Press Space.", "zh": "按空格。"}


def lesson(**fields):
    base = dict(id="t", title="t", notes={"en": "n", "zh": "n"}, weights=0.5, input=0.5, goal=0.8)
    base.update(fields)
    return Lesson(**base)


@pytest.mark.parametrize("prompts, message", [
    ("try this", "must be a list"),
    ([["after", 0]], "prompt 1 must be a dict"),
    ([{"en": "x", "zh": "x"}], "needs 'after' (a step), 'when' (a condition), or both"),
    ([{"when": [], "en": "x", "zh": "x"}], "'when' must be one of"),
    ([{"when": ["converged", "bored"], "en": "x", "zh": "x"}], "or a list of them"),
    ([{"when": [3], "en": "x", "zh": "x"}], "'when' must be one of"),
    ([{"after": -1, "en": "x", "zh": "x"}], "'after' must be a whole number"),
    ([{"after": True, "en": "x", "zh": "x"}], "'after' must be a whole number"),
    ([{"after": 1.5, "en": "x", "zh": "x"}], "'after' must be a whole number"),
    ([{"when": "bored", "en": "x", "zh": "x"}], "'when' must be one of"),
    ([{"after": 0, "en": "x"}], "needs non-empty 'zh' text"),
    ([{"after": 0, "en": " ", "zh": "x"}], "needs non-empty 'en' text"),
    ([{"after": 0, "en": 3, "zh": "x"}], "needs non-empty 'en' text"),
    ([{"after": 0, "en": "x" * 401, "zh": "x"}], "longer than 400"),
    ([{"after": 0, "en": "x", "zh": "x", "colour": "red"}], "unknown key 'colour'"),
    ([GOOD] * 41, "at most 40"),
])
def test_bad_prompts_get_one_line_naming_the_field(prompts, message):
    with pytest.raises(LessonError) as caught:
        build(lesson(prompts=prompts))
    assert caught.value.field == "prompts" and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_good_prompts_are_kept_and_default_to_none():
    assert build(lesson()).prompts == ()
    assert build(lesson(prompts=[GOOD])).prompts == (GOOD,)
    both = {"after": 2, "when": ("converged", "frozen"), "en": "x", "zh": "x"}
    assert build(lesson(prompts=[both])).prompts == ({**both, "when": ["converged", "frozen"]},)


# A frozen weight's prompts (as the frozen-weight lesson has them): each
# names the state it is true in, so none outlives it.
FROZEN = check_prompts([
    {"after": 0, "when": "frozen", "en": "a is frozen", "zh": "冻结"},
    {"after": 2, "when": "frozen", "en": "a stays", "zh": "不动"},
    {"after": 0, "when": "unfrozen", "en": "a is free", "zh": "解冻"},
    {"when": ["converged", "frozen"], "en": "press f to unfreeze a", "zh": "按 f"},
    {"when": ["converged", "unfrozen"], "en": "a stays put", "zh": "不动了"},
    {"when": "converged", "en": "converged", "zh": "收敛"},
    {"after": 5, "en": "five", "zh": "五"},
])


@pytest.mark.parametrize("steps, conditions, expected", [
    (0, {"frozen"}, ("a is frozen", "frozen")),
    (3, {"frozen"}, ("a stays", "frozen")),
    (1, {"unfrozen"}, ("a is free", "unfrozen")),
    (9, {"converged", "frozen"}, ("press f to unfreeze a", "converged")),
    (9, {"converged", "unfrozen"}, ("a stays put", "converged")),
    (9, {"converged"}, ("converged", "converged")),  # neither: the plain one
    (9, set(), ("five", None)),  # nothing holds: the step prompt
])
def test_a_prompt_holds_only_while_its_conditions_do(steps, conditions, expected):
    assert choose(FROZEN, steps, conditions, "en") == expected


PROMPTS = check_prompts([
    {"after": 0, "en": "start", "zh": "开始"},
    {"after": 3, "en": "three", "zh": "三"},
    {"when": "converged", "en": "done", "zh": "完成"},
    {"when": "diverging", "en": "too high", "zh": "太大"},
])


@pytest.mark.parametrize("steps, conditions, lang, expected", [
    (0, set(), "en", ("start", None)),
    (2, set(), "en", ("start", None)),
    (3, set(), "zh", ("三", None)),
    (9, set(), "en", ("three", None)),
    (9, {"converged"}, "en", ("done", "converged")),
    (9, {"converged", "diverging"}, "en", ("too high", "diverging")),
    (9, {"frozen"}, "en", ("three", None)),  # no prompt for it: the step prompt
])
def test_the_prompt_shown(steps, conditions, lang, expected):
    assert choose(PROMPTS, steps, conditions, lang) == expected
    assert choose((), steps, conditions, lang) == ("", None)


def test_every_chapter_lesson_has_prompts_in_both_languages():
    from gdtui.lessons.loader import load_catalog

    lessons = [l for l in load_catalog(use_env=False).lessons.values() if not l.is_image_lesson]
    assert len(lessons) == 11
    for l in lessons:
        assert l.prompts and any(p.get("after") == 0 for p in l.prompts), l.id
