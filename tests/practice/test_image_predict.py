"""MNIST's own predict questions, without an app: which digit it will guess,
and which way the selected digit's error on the image goes.

Each case is a step of a 10x784 network on an image of ones (|input|² = n
lit pixels), so alpha x |input|² says beforehand whether the step undershoots
(the error falls), overshoots past 2 (it grows) or leaves a frozen digit as it
was (it stays, to the last bit).
"""

import numpy as np
import pytest

from gdtui.practice.predict import (
    IMAGE_QUANTITIES, KEYED, answer, parse_digit, parse_key, tolerance, true_value,
)
from gdtui.text.i18n import TEXT


def image_step(alpha=0.002, lit=100, frozen_digit=None, label=3, weights=None):
    """One step on an image with `lit` pixels at 1 (the rest 0), goal one-hot at `label`."""
    from gdtui.engine.network import gradient_step

    rng = np.random.default_rng(7)
    x = np.zeros(784)
    x[rng.choice(784, lit, replace=False)] = 1.0
    w = rng.normal(0, 0.01, (10, 784)) if weights is None else weights
    goal = np.eye(10)[label]
    frozen = None
    if frozen_digit is not None:
        frozen = np.zeros((10, 784), bool)
        frozen[frozen_digit] = True
    return gradient_step(w, x, goal, alpha, frozen, number=5, label=label)


# (case, step, digit asked about, the error's way)
ERROR_WAYS = {
    "a small step: the error falls": (image_step(alpha=0.002), 3, -1.0),
    "another digit falls too": (image_step(alpha=0.002), 7, -1.0),
    "alpha x |x|² = 1: straight to the goal": (image_step(alpha=0.01), 3, -1.0),
    "alpha x |x|² = 3: past the bottom, it grows": (image_step(alpha=0.03), 3, 1.0),
    "frozen: it stays, to the last bit": (image_step(frozen_digit=3), 3, 0.0),
    "frozen, overshooting alpha: still stays": (image_step(alpha=0.03, frozen_digit=3), 3, 0.0),
    "another digit frozen: this one falls": (image_step(frozen_digit=4), 3, -1.0),
    "pred already the goal: stays": (image_step(weights=np.zeros((10, 784)), label=3), 0, 0.0),
}


@pytest.mark.parametrize("step, digit, way", ERROR_WAYS.values(), ids=ERROR_WAYS.keys())
def test_which_way_the_error_goes(step, digit, way):
    assert true_value(step, "error_change", digit) == way
    assert tolerance(step, "error_change", digit) == (0.0, 0.0)
    assert answer(step, "error_change", way, digit).verdict == "right"
    for other in {-1.0, 0.0, 1.0} - {way}:
        assert answer(step, "error_change", other, digit).verdict == "wrong"


# (case, step, digit, wrong answer, the slip it is named)
ERROR_SLIPS = {
    "said up, it falls": (image_step(), 3, 1.0, "error_up"),
    "said stays, it falls": (image_step(), 3, 0.0, "error_stays"),
    "said down, it overshoots": (image_step(alpha=0.03), 3, -1.0, "overshoot"),
    "said stays, it overshoots": (image_step(alpha=0.03), 3, 0.0, "error_stays"),
    "said down, it is frozen": (image_step(frozen_digit=3), 3, -1.0, "digit_frozen"),
    "said up, it is frozen": (image_step(frozen_digit=3), 3, 1.0, "digit_frozen"),
    "said down, nothing to learn": (image_step(weights=np.zeros((10, 784))), 0, -1.0, "at_goal"),
}


@pytest.mark.parametrize("step, digit, guess, slip", ERROR_SLIPS.values(), ids=ERROR_SLIPS.keys())
def test_a_wrong_way_names_its_slip(step, digit, guess, slip):
    given = answer(step, "error_change", guess, digit)
    assert (given.verdict, given.slip) == ("wrong", slip)
    assert {"en", "zh"} <= set(TEXT[f"slip_{slip}"])


def test_which_digit_it_will_guess():
    step = image_step(label=3)
    guess = int(np.argmax(step.weights @ step.input))  # the largest pred, before the update
    assert true_value(step, "guess") == guess == step.guess
    assert answer(step, "guess", float(guess)).verdict == "right"
    for digit in set(range(10)) - {guess}:
        given = answer(step, "guess", float(digit))
        assert given.verdict == "wrong"
        # the label is the usual slip: what the image is, not what the network says
        assert given.slip == ("label" if digit == step.label else None)


def test_a_right_guess_that_is_also_the_label_has_no_slip():
    image = image_step().input
    w = np.zeros((10, 784))
    w[3] = image * 0.01  # digit 3's weights match the image: it guesses 3, the label
    step = image_step(weights=w, label=3)
    assert step.guess == 3 == step.label
    given = answer(step, "guess", 3.0)
    assert (given.verdict, given.slip) == ("right", None)


@pytest.mark.parametrize("text, digit", [(str(d), float(d)) for d in range(10)] + [(" 7 ", 7.0)])
def test_a_digit_key(text, digit):
    assert parse_digit(text) == digit
    assert parse_key("guess", text) == digit


@pytest.mark.parametrize("text", ["", "10", "-1", "a", "up", "↑", "٣", "７", "1.0", "\x1b"])
def test_not_a_digit(text):
    with pytest.raises(ValueError):
        parse_key("guess", text)


@pytest.mark.parametrize("text, sign", [("↓", -1.0), ("down", -1.0), ("↑", 1.0), ("=", 0.0),
                                        ("s", 0.0), ("0", 0.0)])
def test_the_errors_way_is_keyed_like_a_direction(text, sign):
    assert parse_key("error_change", text) == sign


def test_every_image_question_is_keyed_and_worded():
    assert set(IMAGE_QUANTITIES) <= set(KEYED)
    for quantity in IMAGE_QUANTITIES:
        assert {"en", "zh"} <= set(TEXT[f"q_{quantity}"])
