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
    ([{"en": "x", "zh": "x"}], "needs 'after' (a step) or 'when'"),
    ([{"after": 0, "when": "converged", "en": "x", "zh": "x"}], "one of them"),
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

    lessons = [l for l in load_catalog(use_env=False).lessons.values() if l.data is None]
    assert len(lessons) == 11
    for l in lessons:
        assert l.prompts and any(p.get("after") == 0 for p in l.prompts), l.id
