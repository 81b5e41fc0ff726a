"""The U-curve's numbers and the divergence verdict, against the book's
closed forms and a finite difference."""

import numpy as np
import pytest

from gdtui.engine import gradient_step
from gdtui.engine.diagnose import verdict
from gdtui.engine.ucurve import bottom_of, error_along, ucurve


def multi_io():
    weights = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])
    return weights, np.array([8.5, 0.65, 1.2]), np.array([0.1, 1.0, 0.1])


@pytest.mark.parametrize("row, col", [(0, 0), (1, 2), (2, 1)])
def test_the_u_is_that_outputs_own_error_and_its_slope_is_twice_weight_delta(row, col):
    weights, x, goal = multi_io()
    step = gradient_step(weights, x, goal, 0.01)
    u = ucurve(weights, x, goal, row, col, -1.0, 1.0, points=201)
    assert u.error == pytest.approx(step.error[row])
    assert u.slope == pytest.approx(2 * step.weight_delta[row, col])
    # A finite difference of the curve agrees with the slope.
    h = 1e-6
    w = weights[row, col]
    up, down = error_along(weights, x, goal, row, col, [w + h, w - h])
    assert (up - down) / (2 * h) == pytest.approx(u.slope, rel=1e-5)
    # At the bottom the output's delta is 0; the mirror has the same error.
    moved = weights.copy()
    moved[row, col] = u.bottom
    assert error_along(moved, x, goal, row, col, [u.bottom])[0] == pytest.approx(0, abs=1e-20)
    assert error_along(weights, x, goal, row, col, [u.mirror])[0] == pytest.approx(u.error)


def test_no_bottom_when_the_input_is_zero():
    weights = np.array([[0.5, 0.2]])
    assert bottom_of(weights, np.array([0.0, 1.0]), np.array([0.8]), 0, 0) is None
    u = ucurve(weights, np.array([0.0, 1.0]), np.array([0.8]), 0, 0, -1, 1)
    assert u.bottom is None and u.mirror is None and u.slope == 0
    assert np.ptp(u.errors) == 0  # the U is flat: this weight cannot change the error


def test_learning_steps_lands_where_the_book_says():
    """The book: weight 0.6952 at step 3 lands on 0.734008, whose error is the
    next line's 5.489e-05."""
    weights, x, goal = np.array([[0.6952]]), np.array([1.1]), np.array([0.8])
    step = gradient_step(weights, x, goal, 1.0)
    after = error_along(step.weights_after, x, goal, 0, 0, [step.weights_after[0, 0]])[0]
    assert step.weights_after[0, 0] == pytest.approx(0.734008)
    assert after == pytest.approx(5.4890317439999896e-05)


@pytest.mark.parametrize("errors, diverged_at, gradient, expected", [
    ([], None, True, None),
    ([0.64, 0.03, 0.001], None, True, None),
    ([0.04, 0.36, 3.24, 29.16], None, True, "growing"),
    ([0.04, 0.36, 3.24, 29.16], None, False, None),
    ([0.3, 0.2, 4e-7], None, True, "converged"),
    ([0.04, np.inf], 2, True, "overflow"),
])
def test_verdict(errors, diverged_at, gradient, expected):
    assert verdict(np.array(errors, dtype=float), diverged_at, gradient) == expected


def _trainer(lesson_id):
    from gdtui.lessons.loader import load_catalog

    return load_catalog(use_env=False).lessons[lesson_id].trainer()


def _steps(trainer, n):
    for _ in range(n):
        trainer.step()


# (what, lesson, what is done, the step numbers of the path before the newest step)
PATHS = [
    ("no edit: every step before", "learning-steps", lambda t: _steps(t, 4), [1, 2, 3]),
    ("the first step: no path", "learning-steps", lambda t: _steps(t, 1), []),
    ("alpha changed: the same U", "learning-steps",
     lambda t: (_steps(t, 2), t.change(alpha=0.5), _steps(t, 2)), [1, 2, 3]),
    ("input edited: a new path", "learning-steps",
     lambda t: (_steps(t, 3), t.change(inputs=np.array([[0.5]])), _steps(t, 2)), [4]),
    ("goal edited at the last step", "learning-steps",
     lambda t: (_steps(t, 3), t.change(goals=np.array([[0.3]])), _steps(t, 1)), []),
    ("weights edited: a new path", "multi-input",
     lambda t: (_steps(t, 2), t.set_weights(np.array([[0.3, -0.2, 0.05]])), _steps(t, 3)),
     [3, 4]),
    ("the same weights typed: one path", "multi-input",
     lambda t: (_steps(t, 2), t.set_weights(t.weights.copy()), _steps(t, 2)), [1, 2, 3]),
    ("a freeze: the same U", "frozen-weight",
     lambda t: (_steps(t, 2), t.toggle_frozen(0, 1), _steps(t, 2)), [1, 2, 3]),
    ("hot-cold: one path", "hot-cold", lambda t: _steps(t, 5), [1, 2, 3, 4]),
    ("edit then back before it", "learning-steps",
     lambda t: (_steps(t, 3), t.change(inputs=np.array([[0.5]])), _steps(t, 1), t.back(),
                _steps(t, 2)), [4]),
]


@pytest.mark.parametrize("what, lesson_id, actions, numbers", PATHS, ids=[p[0] for p in PATHS])
def test_a_path_on_the_u_starts_again_after_an_edit(what, lesson_id, actions, numbers):
    from gdtui.engine.ucurve import one_path

    trainer = _trainer(lesson_id)
    actions(trainer)
    assert [s.number for s in one_path(list(trainer.history.recent))] == numbers


def _frames(actions, trainer, path):
    """Each action, then a frame: PathSoFar updated and held to one_path."""
    from gdtui.engine.ucurve import one_path

    rows, cols = trainer.weights.shape
    for action in actions:
        action(trainer)
        steps = trainer.history.recent
        path.update(steps)
        expected = one_path(list(steps))
        assert path.steps() == expected
        for row in range(rows):
            for col in range(cols):
                points = np.array([(s.weights[row, col], s.error[row]) for s in expected],
                                  dtype=np.float64).reshape(-1, 2)
                np.testing.assert_array_equal(path.points(row, col), points)


one = lambda t: _steps(t, 1)  # noqa: E731
# (what, lesson, the actions, one frame after each)
GROWING = [
    ("a step a frame", "learning-steps", [one] * 30),
    ("several steps a frame", "multi-io", [lambda t: _steps(t, 7)] * 6),
    ("an edit mid-run", "learning-steps",
     [one] * 3 + [lambda t: t.change(inputs=np.array([[0.5]]))] + [one] * 4),
    ("back, then on", "multi-input", [one] * 5 + [lambda t: t.back()] * 2 + [one] * 3),
    ("back and on between frames", "learning-steps",
     [one] * 4 + [lambda t: (t.back(), _steps(t, 1))] + [one] * 2),
    ("weights typed", "multi-input",
     [one] * 3 + [lambda t: t.set_weights(np.array([[0.3, -0.2, 0.05]]))] + [one] * 3),
    ("a freeze", "multi-input", [one] * 2 + [lambda t: t.toggle_frozen(0, 1)] + [one] * 2),
    ("past the history's trim", "learning-steps", [lambda t: _steps(t, 700)] * 4),
]


@pytest.mark.parametrize("what, lesson_id, actions", GROWING, ids=[g[0] for g in GROWING])
def test_the_path_so_far_is_one_path_frame_by_frame(what, lesson_id, actions):
    from gdtui.engine.ucurve import PathSoFar

    _frames(actions, _trainer(lesson_id), PathSoFar())


def test_a_new_run_reads_everything_again():
    from gdtui.engine.ucurve import PathSoFar

    path = PathSoFar()
    _frames([lambda t: _steps(t, 5)], _trainer("learning-steps"), path)
    _frames([lambda t: _steps(t, 2)], _trainer("learning-steps"), path)  # other Step objects
