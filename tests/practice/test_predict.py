"""Predict mode's logic, without an app: parsing, verdicts, slips, the score."""

import numpy as np
import pytest

from gdtui.engine.network import gradient_step, hot_cold_step
from gdtui.practice.predict import (
    STEP_CLOSE, STEP_RIGHT, Answer, Score, answer, check_quantity, judge, likely_slip,
    parse_direction, parse_number, quantities, tolerance, true_value,
)


def book_step(alpha=1.0):
    """learning-steps' second step: weight 0.88, input 1.1, goal 0.8."""
    w = np.array([[0.88]])
    return gradient_step(w, np.array([1.1]), np.array([0.8]), alpha, None, number=2)


@pytest.mark.parametrize("text, value", [
    ("-0.0388", -0.0388), ("\u2212.0388", -0.0388), ("3.9e-2", 0.039), (" 0.5 ", 0.5),
    ("+1", 1.0), ("1.", 1.0), ("\u22123.9E-2", -0.039), ("\u20130.1", -0.1), ("7", 7.0),
])
def test_numbers_people_type(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "  ", "abc", "1,5", "1.2.3", "--1", "nan", "inf", "1e999",
                                  "0x10", "e5", "."])
def test_not_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


# What a person may type into the question box, however long: one line,
# never the text itself in full (20,000 digits then Enter froze the app 13-19 s).
LONG = {
    "64 characters: the cap": ("0." + "0" * 61 + "1", None),
    "65 digits": ("1" * 65, "too long for a number: 65 characters, at most 64"),
    "20,000 digits then x": ("1" * 20_000 + "x", "too long for a number: 20,001 characters"),
    "20,000 digits": ("9" * 20_000, "too long for a number: 20,000 characters"),
    "1 MB of points": ("." * 1_000_000, "too long for a number: 1,000,000 characters"),
    "spaces do not count": (" " * 10_000 + "1.5" + " " * 10_000, None),
    "64 digits then an escape": ("1" * 63 + "\x1b", "not a number: '" + "1" * 63 + "\\x1b'"),
    "digits, an e, no exponent": ("1" * 62 + "e", "not a number"),
    "a sign run": ("-" * 64, "not a number"),
}


@pytest.mark.parametrize("text, refused", LONG.values(), ids=LONG.keys())
def test_long_texts_are_one_line(text, refused):
    if refused is None:
        assert parse_number(text) == float(text.strip())
        return
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    message = str(caught.value)
    assert refused in message and "\n" not in message and len(message) < 120, message


@pytest.mark.parametrize("text, value", [("↑", 1), ("up", 1), ("u", 1), ("↓", -1), ("d", -1),
                                         ("\u2212", -1), ("=", 0), ("0", 0), ("s", 0),
                                         ("equals_sign", 0), (" Stays ", 0)])
def test_directions(text, value):
    assert parse_direction(text) == value


@pytest.mark.parametrize("text", ["", "x", "1", "upward", "=="])
def test_not_directions(text):
    with pytest.raises(ValueError, match="stays"):
        parse_direction(text)


def test_true_values_are_the_steps():
    step = book_step()
    assert true_value(step, "pred") == pytest.approx(0.968)
    assert true_value(step, "delta") == pytest.approx(0.168)
    assert true_value(step, "error") == pytest.approx(0.168 ** 2)
    assert true_value(step, "weight_delta") == pytest.approx(0.1848)
    assert true_value(step, "weight") == pytest.approx(0.6952)
    assert true_value(step, "direction") == -1


@pytest.mark.parametrize("guess, truth, verdict", [
    (0.6952, 0.6952, "right"), (0.70, 0.6952, "right"),  # within 2 %
    (102, 100, "right"), (103, 100, "close"), (105, 100, "close"), (106, 100, "wrong"),
    (0.00009, 0.0, "right"), (0.0004, 0.0, "close"), (0.0006, 0.0, "wrong"), (-100, 100, "wrong"),
    (0.001, 0.0012446784, "close"), (0.0005, 0.0012446784, "wrong"),  # the margin was 0.005
])
def test_verdicts(guess, truth, verdict):
    assert judge(guess, truth) == verdict


@pytest.mark.parametrize("guess, truth, verdict", [
    (1, 1, "right"), (-1, 1, "wrong"), (0, 0, "right"), (1, 0, "wrong"), (0, -1, "wrong"),
])
def test_direction_is_right_or_wrong(guess, truth, verdict):
    # weight 0.5, input 1 (0 for a weight that stays), goal above or below pred
    x, goal = {1: (1.0, 1.0), -1: (1.0, 0.0), 0: (0.0, 1.0)}[truth]
    step = gradient_step(np.array([[0.5]]), np.array([x]), np.array([goal]), 0.1, None)
    assert true_value(step, "direction") == truth
    assert tolerance(step, "direction") == (0, 0)
    assert answer(step, "direction", guess).verdict == verdict


@pytest.mark.parametrize("quantity, guess, slip", [
    ("delta", -0.168, "goal_minus_pred"),            # goal - pred
    ("weight_delta", -0.1848, "goal_minus_pred"),
    ("weight_delta", 0.168, "forgot_input"),          # delta, not delta x input
    ("weight", 0.88 + 0.5 * 0.1848, "goal_minus_pred"),
    ("weight", -(0.88 - 0.5 * 0.1848), "sign"),
    ("pred", -0.968, "sign"),
    ("error", 0.968 ** 2 - 0.64, "squared_wrong"),     # pred² - goal²
    ("error", -(0.168 ** 2), "negative_square"),
    ("direction", 1, "sign"),
    ("weight", 5.0, None),                            # wrong, but no usual slip
])
def test_slips(quantity, guess, slip):
    step = book_step(alpha=0.5)
    result = answer(step, quantity, guess)
    assert result.verdict == "wrong"
    assert result.slip == slip


@pytest.mark.parametrize("guess, slip", [
    (0.2 - 0.144, "goal_minus_pred"), (0.2 + 0.5 * 0.72, "forgot_input"),
    (0.2 + 0.288, "forgot_alpha"), (-0.344, "sign"), (0.2, "unchanged"),
])
def test_weight_slips(guess, slip):
    # weight 0.2, input 0.4, goal 0.8, alpha 0.5: delta -0.72, weight_delta -0.288,
    # new weight 0.344
    step = gradient_step(np.array([[0.2]]), np.array([0.4]), np.array([0.8]), 0.5, None)
    assert true_value(step, "weight") == pytest.approx(0.344)
    assert answer(step, "weight", guess).slip == slip


def test_a_slip_that_gives_the_true_number_is_not_named():
    # alpha = 1: forgetting alpha changes nothing, so a wrong guess near
    # weight - weight_delta cannot be "forgot alpha".
    step = book_step(alpha=1.0)
    assert likely_slip(step, "weight", 0.88 - 0.1848) is None


def test_right_and_close_have_no_slip():
    step = book_step()
    assert answer(step, "weight", 0.6952).verdict == "right"
    close = answer(step, "weight", 0.67)
    assert (close.verdict, close.slip) == ("close", None)


def test_hot_cold_direction_and_weight():
    step = hot_cold_step(np.array([[0.5]]), np.array([0.5]), np.array([0.8]), 0.001)
    assert true_value(step, "direction") == 1
    assert answer(step, "weight", 0.501).verdict == "right"
    assert answer(step, "direction", -1).slip == "sign"
    assert "weight_delta" not in quantities("hot-cold")


def test_multi_weight_uses_the_selected_weight():
    w = np.array([[0.1, 0.2], [0.0, 1.3]])
    step = gradient_step(w, np.array([8.5, 0.65]), np.array([1.0, 0.1]), 0.01, None)
    assert true_value(step, "weight", 1, 0) == pytest.approx(step.weights_after[1, 0])
    assert true_value(step, "pred", 1, 0) == pytest.approx(step.pred[1])
    assert answer(step, "weight_delta", float(step.delta[1]), 1, 0).slip == "forgot_input"


def test_score_streak_and_undo():
    score = Score()
    for number, verdict in enumerate(["right", "wrong", "right", "right"], start=1):
        score.add(Answer(number, "weight", 0, 0, verdict))
    assert (score.right, score.asked, score.streak) == (3, 4, 2)
    score.undo(3)
    assert (score.right, score.asked, score.streak) == (2, 3, 1)
    score.undo(0)
    assert (score.right, score.asked, score.streak) == (0, 0, 0)


def test_in_a_row_of_one_quantity():
    score = Score([Answer(1, "delta", 0, 0, "right"), Answer(2, "pred", 0, 0, "wrong"),
                   Answer(3, "delta", 0, 0, "right")])
    assert score.in_a_row("delta") == 2
    assert score.in_a_row() == 1


@pytest.mark.parametrize("value", ["speed", 3, ["pred"]])
def test_bad_default_quantity(value):
    with pytest.raises(ValueError):
        check_quantity(value)


@pytest.mark.parametrize("fields, reason", [
    ({"predict": "speed"}, "must be one of"),
    ({"predict": "weight_delta", "rule": "hot-cold"}, "direction, pred, delta, error, weight"),
    ({"predict": "weight", "rule": "compare"}, "pred, delta, error"),
])
def test_a_bad_predict_field_is_one_line(fields, reason):
    from gdtui.lessons.lesson import Lesson, LessonError, build

    lesson = Lesson(id="x", title="x", notes={"en": "x", "zh": "x"}, weights=0.5, input=0.5,
                    goal=0.8, **fields)
    with pytest.raises(LessonError) as caught:
        build(lesson)
    assert "predict" in str(caught.value) and reason in str(caught.value)
    assert "\n" not in str(caught.value)


# -- the new weight, judged against the size of the step -----------------------------
def steps_of(weights, x, goal, alpha, frozen=None, count=1):
    """The `count`-th gradient step of a small network (the last one)."""
    w = np.array(weights, dtype=float)
    for n in range(1, count + 1):
        step = gradient_step(w, np.array(x, dtype=float), np.array(goal, dtype=float), alpha,
                             None if frozen is None else np.array(frozen), number=n)
        w = step.weights_after
    return step


# Each: a step, the weight asked about, and guesses as a fraction of the way
# from the weight before the step (0) to the true new weight (1).
MOVING = {
    # multi-io's %win→win, the case: it moves by 0.0007, under 2 % of 0.2
    "multi-io centre": (steps_of([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]],
                                 [8.5, 0.65, 1.2], [0.1, 1, 0.1], 0.01), 1, 1),
    # learning-steps near the bottom: step 6 moves 0.7273 by about 1e-4
    "learning-steps 6": (steps_of([[0.0]], [1.1], [0.8], 1.0, count=6), 0, 0),
    # the book's one step: 0.88 -> 0.6952
    "learning-steps 2": (book_step(), 0, 0),
    # a big weight, a small move: 100 -> 99.99
    "big weight": (gradient_step(np.array([[100.0]]), np.array([0.01]), np.array([0.9]), 10.0,
                                 None), 0, 0),
}


@pytest.mark.parametrize("case", MOVING)
@pytest.mark.parametrize("fraction, verdict, slip", [
    (0.0, "wrong", "unchanged"),     # the weight as it was: never right
    (1e-3, "wrong", "unchanged"),    # the old weight, rounded
    (0.5, "wrong", None),            # half a step
    (1 - STEP_CLOSE * 1.1, "wrong", None),
    (1 - STEP_CLOSE * 0.9, "close", None),
    (1 - STEP_RIGHT * 0.9, "right", None),
    (1.0, "right", None),
    (1 + STEP_RIGHT * 0.9, "right", None),
    (1 + STEP_CLOSE * 0.9, "close", None),
])
def test_the_new_weight_is_judged_against_the_step(case, fraction, verdict, slip):
    step, row, col = MOVING[case]
    before, after = float(step.weights[row, col]), float(step.weights_after[row, col])
    assert before != after
    result = answer(step, "weight", before + fraction * (after - before), row, col)
    assert (result.verdict, result.slip) == (verdict, slip)


def test_the_value_rule_would_have_passed_the_old_weight():
    """Why the step decides: under the value rule these old weights were 'right'."""
    for case in ("multi-io centre", "learning-steps 6", "big weight"):
        step, row, col = MOVING[case]
        assert judge(float(step.weights[row, col]), true_value(step, "weight", row, col)) == "right"


# -- a weight that stays: frozen, input 0, a hot-cold tie -----------------------------
FROZEN = steps_of([[0.1, 0.2, -0.1]], [8.5, 0.65, 1.2], [1.0], 0.3, frozen=[[True, False, False]])
STAYING = {
    "frozen": (FROZEN, 0, "frozen"),
    "input 0": (gradient_step(np.array([[0.5, 0.3]]), np.array([0.0, 1.0]), np.array([0.8]), 0.1,
                              None), 0, "stays"),
    "hot-cold tie": (hot_cold_step(np.array([[0.5]]), np.array([1.0]), np.array([0.5]), 0.1), 0,
                     "stays"),
}


@pytest.mark.parametrize("case", STAYING)
@pytest.mark.parametrize("guess, verdict, named", [(0, "right", False), (1, "wrong", True),
                                                   (-1, "wrong", True)])
def test_a_weight_that_stays_has_a_direction(case, guess, verdict, named):
    step, col, slip = STAYING[case]
    assert true_value(step, "direction", 0, col) == 0
    result = answer(step, "direction", guess, 0, col)
    assert (result.verdict, result.slip) == (verdict, slip if named else None)


@pytest.mark.parametrize("case", STAYING)
def test_a_weight_that_stays_is_its_own_new_weight(case):
    step, col, _ = STAYING[case]
    w = float(step.weights[0, col])
    assert answer(step, "weight", w, 0, col).verdict == "right"
    assert answer(step, "weight", round(w, 4), 0, col).verdict == "right"  # as the screen shows it


@pytest.mark.parametrize("quantity, guess", [
    # a moved as if it were not frozen: weight_delta = delta × input = -0.14 × 8.5
    ("weight_delta", -0.14 * 8.5), ("weight", 0.1 - 0.3 * -0.14 * 8.5),
])
def test_moving_a_frozen_weight_is_the_frozen_slip(quantity, guess):
    assert float(FROZEN.delta[0]) == pytest.approx(-0.14)  # pred 0.86, goal 1
    result = answer(FROZEN, quantity, guess, 0, 0)
    assert (result.verdict, result.slip) == ("wrong", "frozen")
    assert answer(FROZEN, quantity, true_value(FROZEN, quantity), 0, 0).verdict == "right"


# -- MSE: the slips of squaring ----------------------------------------------------
def measure_error_step():
    """measure-error: weight 0.5, input 0.5, goal 0.8: delta -0.55, error 0.3025."""
    return gradient_step(np.array([[0.5]]), np.array([0.5]), np.array([0.8]), 1.0, None)


@pytest.mark.parametrize("guess, verdict, slip", [
    (0.3025, "right", None),
    (0.55, "wrong", "forgot_square"),        # |delta|
    (-0.55, "wrong", "forgot_square"),       # delta itself
    (-0.3025, "wrong", "negative_square"),   # the right size, below 0
    (-0.1, "wrong", "negative_square"),      # any negative error
    (0.0625 - 0.64, "wrong", "squared_wrong"),  # pred² - goal² (negative too: the formula is named)
    (0.0625, "wrong", "squared_wrong"),      # pred²
    (0.9, "wrong", None),
])
def test_mse_slips_are_named(guess, verdict, slip):
    result = answer(measure_error_step(), "error", guess)
    assert (result.verdict, result.slip) == (verdict, slip)


def test_every_slip_has_words_in_both_languages():
    """Every slip any of these steps can name is said in English and Chinese."""
    from gdtui.practice.predict import _slips
    from gdtui.text.i18n import TEXT

    steps = [(s, r, c) for s, r, c in MOVING.values()] + [(s, 0, c) for s, c, _ in STAYING.values()]
    steps += [(measure_error_step(), 0, 0), (FROZEN, 0, 0), (book_step(0.5), 0, 0)]
    named = {"negative_square"} | {
        name for step, row, col in steps for q in quantities(step.rule)
        for name, _ in _slips(step, q, row, col)
    }
    assert {"forgot_square", "unchanged", "frozen", "stays", "forgot_alpha"} <= named
    for slip in named:
        assert TEXT[f"slip_{slip}"]["en"] and TEXT[f"slip_{slip}"]["zh"], slip


def third_step():
    """learning-steps' third step: weight 0.6952, delta -0.03528, weight_delta -0.038808."""
    return gradient_step(np.array([[0.6952]]), np.array([1.1]), np.array([0.8]), 1.0, None, number=3)


# A slip's number near the truth: the margin must not pass it as right
# (the class poll saw -0.03528, forgetting the input, judged right).
INSIDE = {
    "forgot the input": ("weight_delta", -0.03528, "wrong", "forgot_input"),
    "forgot the input, rounded": ("weight_delta", -0.0353, "wrong", "forgot_input"),
    "the truth": ("weight_delta", -0.0388, "right", None),
    "the truth, rounded": ("weight_delta", -0.039, "right", None),
    "sign": ("weight_delta", 0.0388, "wrong", "goal_minus_pred"),
    "delta right": ("delta", -0.0353, "right", None),
    "error right": ("error", 0.001245, "right", None),
    "error not squared": ("error", -0.03528, "wrong", "forgot_square"),
    "weight right": ("weight", 0.7340, "right", None),
    "weight, input forgotten": ("weight", 0.6952 + 0.03528, "wrong", "forgot_input"),
}


@pytest.mark.parametrize("quantity, guess, verdict, slip", INSIDE.values(), ids=INSIDE.keys())
def test_a_slip_is_never_right_by_the_margin(quantity, guess, verdict, slip):
    got = answer(third_step(), quantity, guess)
    assert (got.verdict, got.slip) == (verdict, slip)
