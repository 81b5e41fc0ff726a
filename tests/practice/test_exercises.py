"""Exercises: the field is checked at load time; each chapter exercise is
done by a scripted run, and not by a near miss."""

import numpy as np
import pytest

from gdtui.practice.exercises import check_exercises, holds, run_of
from gdtui.lessons.loader import load_catalog
from gdtui.practice.predict import Score, answer
from gdtui.lessons.lesson import Lesson, LessonError, build

CATALOG = load_catalog(use_env=False)


def good(**check):
    return {"id": "x", "en": "e", "zh": "中", "hint": {"en": "h", "zh": "提示"}, "check": check}


@pytest.mark.parametrize("value, reason", [
    ("x", "must be a list"),
    ([good(error_below=1)] * 11, "at most 10"),
    ([3], "must be a dict"),
    ([{"id": "x"}], "missing en, zh, hint, check"),
    ([dict(good(error_below=1), run="rm -rf")], "unknown run"),
    ([good(error_below=1), good(error_below=2)], "different from the others"),
    ([dict(good(error_below=1), hint="h")], "['hint'] must be {'en'"),
    ([dict(good(error_below=1), zh="")], "['zh'] must be text"),
    ([good()], "must be a dict of"),
    ([good(speed=1)], "unknown check"),
    ([good(error_below=-1)], "positive number"),
    ([good(error_below=float("nan"))], "positive number"),
    ([good(within=5)], "goes with error_below"),
    ([good(error_below=1, within=0)], "whole number from 1"),
    ([good(error_below=1, within=2.5)], "whole number"),
    ([good(diverged="yes")], "True or False"),
    ([good(diverged=True, steps=3)], "goes with diverged: False"),
    ([good(alpha_between=[0.5])], "[low, high]"),
    ([good(alpha_between=[0.5, 0.1])], "is above high"),
    ([good(alpha_between=[0.1, 0.5], then="diverged")], "'converged'"),
    ([good(then="converged")], "goes with alpha_between"),
    ([good(correct_in_a_row=2, quantity="speed")], "must be one of"),
    ([good(frozen=3, error_below=1)], "weight 3 of 3"),
    ([good(frozen=0)], "goes with error_below"),
    ([good(unchanged_after_unfreeze=-1)], "whole number"),
    ([good(input_is=0.85)], "[an input's index, its value]"),
    ([good(input_is=[3, 0.85])], "input 3 of 3"),
    ([good(input_is=[0, "0.85"])], "finite number"),
    ([good(input_is=[0, float("inf")])], "finite number"),
    ([good(all_learn=0)], "positive number"),
    ([good(all_learn=1.5)], "from 0 to 1"),
])
def test_bad_exercises_are_one_line_naming_the_field(value, reason):
    lesson = Lesson(id="x", title="x", notes={"en": "x", "zh": "x"}, weights=[0.1, 0.2, 0.3],
                    input=[1, 2, 3], goal=1, exercises=value)
    with pytest.raises(LessonError) as caught:
        build(lesson)
    message = str(caught.value)
    assert "exercises" in message and reason in message and "\n" not in message


def test_quantity_must_be_the_rules():
    with pytest.raises(ValueError, match="must be one of"):
        check_exercises([good(correct_in_a_row=2, quantity="weight_delta")], 1, "hot-cold")


# -- scripted runs: (trainer, score) -> None ---------------------------------------
def steps(n):
    def script(trainer, score):
        trainer.run(n)
    return script


def predicting(n, wrong_last=False, row=0, col=0):
    """n steps, each predicted right (the last one wrong, for a near miss)."""
    def script(trainer, score, quantity):
        for k in range(n):
            step = trainer.step()
            guess = answer(step, quantity, 0, row, col).truth
            if wrong_last and k == n - 1:
                guess = guess + 1 if quantity != "direction" else -guess
            score.add(answer(step, quantity, guess, row, col))
    return script


def then(*scripts):
    def script(trainer, score):
        for s in scripts:
            s(trainer, score)
    return script


def change(**values):
    return lambda trainer, score: trainer.change(**values)


def inputs(*values):
    return lambda trainer, score: trainer.change(inputs=np.array([values]))


def weights(*values):
    return lambda trainer, score: trainer.set_weights(np.array([values]))


def toggle(row, col):
    return lambda trainer, score: trainer.toggle_frozen(row, col)


def predict_q(quantity, n, wrong_last=False, row=0, col=0):
    return lambda trainer, score: predicting(n, wrong_last, row, col)(trainer, score, quantity)


SCRIPTS = {
    ("measure-error", "edit-to-goal"): (then(weights(1.6), steps(1)), then(weights(1.5), steps(1))),
    ("measure-error", "predict-error"): (predict_q("error", 2), predict_q("error", 2, True)),
    ("hot-cold", "cost"): (steps(1100), steps(1099)),
    ("hot-cold", "direction"): (predict_q("direction", 5), predict_q("direction", 5, True)),
    ("hot-cold", "bigger-steps"): (then(change(step_amount=0.1), steps(100)),
                                   then(change(step_amount=0.01), steps(100))),
    ("direction-amount", "converge"): (steps(25), steps(22)),
    ("direction-amount", "predict-weight-delta"): (predict_q("weight_delta", 3),
                                                   predict_q("weight_delta", 3, True)),
    ("reducing-error", "predict-delta"): (predict_q("delta", 3), predict_q("delta", 3, True)),
    ("reducing-error", "converge"): (steps(30), steps(24)),
    ("learning-steps", "predict-weight"): (predict_q("weight", 3), predict_q("weight", 3, True)),
    ("learning-steps", "six-steps"): (steps(6), steps(5)),
    ("explosion", "diverge"): (steps(6), steps(1)),
    ("explosion", "largest-alpha"): (then(change(alpha=0.2), steps(30)),
                                     then(change(alpha=0.5), steps(30))),
    ("alpha-fix", "steady"): (steps(20), steps(19)),
    ("alpha-fix", "faster"): (then(change(alpha=0.25), steps(5)), steps(5)),
    ("multi-input", "predict-weight-delta"): (predict_q("weight_delta", 3, col=1),
                                             predict_q("weight_delta", 3, True, col=1)),
    ("multi-input", "converge"): (steps(5), steps(4)),
    # toes by 1/10: every weight_delta within 2x of the largest; by 1/2, %win's is 0.15 of toes'.
    ("multi-input", "normalise"): (then(steps(2), inputs(0.85, 0.65, 1.2), steps(1)),
                                   then(inputs(4.25, 0.65, 1.2), steps(3))),
    ("frozen-weight", "frozen-down"): (steps(13), steps(12)),
    # One step after unfreezing: a moves by 9e-6. (Then it explodes: alpha
    # 0.3 is too big for toes' input 8.5; the hint says so.)
    ("frozen-weight", "unfreeze"): (then(steps(13), toggle(0, 0), steps(1)),
                                    then(steps(3), toggle(0, 0), steps(1))),
    ("multi-output", "predict-delta"): (predict_q("delta", 3, row=1), predict_q("delta", 3, True, row=1)),
    ("multi-output", "faster"): (then(change(alpha=1.0), steps(100)), steps(100)),
    ("multi-io", "predict-weight"): (predict_q("weight", 3, row=1, col=1),
                                     predict_q("weight", 3, True, row=1, col=1)),
    ("multi-io", "converge"): (steps(10), steps(9)),
    ("multi-io", "frozen-centre"): (then(toggle(1, 1), steps(50)), then(steps(50))),
}


def test_every_chapter_exercise_has_a_script():
    listed = {(l.id, e.id) for l in CATALOG.lessons.values() for e in l.exercises}
    assert listed == set(SCRIPTS)
    for lesson in CATALOG.lessons.values():
        if not lesson.is_image_lesson:
            assert 2 <= len(lesson.exercises) <= 3, lesson.id


def outcome(lesson_id, exercise_id, script):
    lesson = CATALOG.lessons[lesson_id]
    exercise = next(e for e in lesson.exercises if e.id == exercise_id)
    trainer, score = lesson.trainer(), Score()
    assert not holds(exercise.check, run_of(trainer, score))  # not done at step 0
    script(trainer, score)
    return holds(exercise.check, run_of(trainer, score))


@pytest.mark.parametrize("lesson_id, exercise_id", sorted(SCRIPTS))
def test_done_by_its_run(lesson_id, exercise_id):
    assert outcome(lesson_id, exercise_id, SCRIPTS[lesson_id, exercise_id][0])


@pytest.mark.parametrize("lesson_id, exercise_id", sorted(SCRIPTS))
def test_not_done_by_a_near_miss(lesson_id, exercise_id):
    assert not outcome(lesson_id, exercise_id, SCRIPTS[lesson_id, exercise_id][1])


@pytest.mark.parametrize("script, done", [
    (then(inputs(0.85, 0.65, 1.2), steps(1)), True),
    (then(inputs(0.85, 0.65, 1.2), steps(20)), True),      # and it stays done while they learn
    (then(inputs(0.85, 0.65, 1.2)), False),                 # edited, but no step taken with it
    (then(inputs(0.85, 0.65, 1.2), steps(1), inputs(8.5, 0.65, 1.2), steps(1)), False),  # undone
    (steps(3), False),                                      # toes still dominates
])
def test_normalising_toes_is_judged_on_the_step_taken_with_it(script, done):
    assert outcome("multi-input", "normalise", script) is done


def test_alpha_that_converges_but_is_not_the_largest():
    assert not outcome("explosion", "largest-alpha", then(change(alpha=0.1), steps(60)))
