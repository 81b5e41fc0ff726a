"""Present mode's state: a presenter's keys, compacted, rebuild the same
lesson bit for bit in a follower, whether it follows every key or joins at
the end; states from a channel are checked."""

import json

import numpy as np
import pytest

from gdtui.lessons.loader import load_catalog
from gdtui.practice.follow_state import MAX_OPS, Follower, LessonState

CATALOG = load_catalog(use_env=False)


class Presenter:
    """The lesson screen's keys on a trainer, done as lesson.py does them (not
    through Follower), each recorded in a LessonState as the presenting
    screen records it: steps actually taken, steps actually taken back."""

    def __init__(self, lesson_id: str) -> None:
        self.lesson = CATALOG.lessons[lesson_id]
        self.trainer = self.lesson.trainer()
        self.state = LessonState(lesson_id)
        self.ghost = self.ghost_alpha = None
        self.states = [self.state]

    def key(self, key: str, arg=None) -> None:
        t, before = self.trainer, self.trainer.steps_done
        if key == "space":
            t.step()
            op = ("step", t.steps_done - before) if t.steps_done > before else None
        elif key == "run":
            t.run(arg)
            op = ("step", t.steps_done - before) if t.steps_done > before else None
        elif key == "b":
            op = ("back", 1) if t.back() else None
        elif key == "B":
            t.reset()
            op = ("restart",)
        elif key == "0":
            self.trainer = self.lesson.trainer()
            self.ghost = self.ghost_alpha = None
            op = ("reset",)
        elif key == "alpha":
            errors = t.errors
            if t.steps_done and (self.ghost is None or not np.array_equal(self.ghost, errors)):
                self.ghost, self.ghost_alpha = errors.copy(), t.settings.alpha
            t.change(alpha=arg)
            op = ("alpha", arg)
        elif key == "f":
            t.toggle_frozen(*arg)
            op = ("freeze", *arg)
        elif key == "e":
            changes = dict(arg)
            weights = changes.pop("weights", None)
            if weights is not None:
                t.set_weights(weights)
            t.change(**changes)
            op = ("edit", dict(arg))
        elif key == "slide":  # , . < >: weight [row][col] moved, no step
            row, col, by = arg
            weights = t.weights.copy()
            weights[row, col] += by
            t.set_weights(weights)
            op = ("slide", row, col, float(weights[row, col]))
        if op is not None:
            self.state = self.state.then(*op)
        self.states.append(self.state)


def same(a: Follower | Presenter, b: Follower | Presenter) -> None:
    ta, tb = a.trainer, b.trainer
    assert ta.steps_done == tb.steps_done
    assert ta.weights.tobytes() == tb.weights.tobytes()
    assert ta.errors.tobytes() == tb.errors.tobytes()
    assert ta.diverged_at == tb.diverged_at
    assert ta.settings.alpha == tb.settings.alpha
    assert ta.settings.step_amount == tb.settings.step_amount
    fa, fb = ta.settings.frozen, tb.settings.frozen
    assert (fa is None) == (fb is None) and (fa is None or np.array_equal(fa, fb))
    assert ta.data.inputs.tobytes() == tb.data.inputs.tobytes()
    assert ta.data.goals.tobytes() == tb.data.goals.tobytes()
    assert len(ta.history) == len(tb.history)
    assert (a.ghost is None) == (b.ghost is None)
    if a.ghost is not None:
        assert a.ghost.tobytes() == b.ghost.tobytes() and a.ghost_alpha == b.ghost_alpha


W3 = np.array([[0.3, -0.2, 0.05]])
SCRIPTS = {
    "learning-steps, Space twice": ("learning-steps", [("space",), ("space",)]),
    "learning-steps, back and forth": ("learning-steps", [
        ("space",), ("space",), ("b",), ("space",), ("b",), ("b",), ("b",), ("space",)]),
    "explosion, a run past the overflow, then back": ("explosion", [
        ("run", 400), ("space",), ("b",), ("space",), ("b",), ("b",)]),
    "alpha-fix, ] [ and B keep the ghost": ("alpha-fix", [
        ("run", 5), ("alpha", 0.2), ("alpha", 0.5), ("run", 3), ("B",), ("run", 4),
        ("alpha", 0.1), ("space",)]),
    "alpha-fix, steps then B then steps": ("alpha-fix", [
        ("space",), ("space",), ("B",), ("space",), ("B",), ("B",), ("run", 2)]),
    "frozen-weight, f on and off between steps": ("frozen-weight", [
        ("run", 3), ("f", (0, 0)), ("space",), ("f", (0, 2)), ("run", 2), ("b",), ("f", (0, 0))]),
    "multi-input, edits of weights, inputs and alpha": ("multi-input", [
        ("space",), ("e", {"weights": W3, "alpha": 0.02}), ("run", 3), ("b",), ("b",),
        ("e", {"inputs": np.array([[8.0, 0.7, 1.0]]), "goals": np.array([[1.0]])}), ("space",)]),
    "multi-io, 0 in the middle": ("multi-io", [
        ("run", 4), ("alpha", 0.02), ("space",), ("0",), ("run", 2), ("f", (2, 1)), ("space",)]),
    "hot-cold, its own rule": ("hot-cold", [("run", 50), ("b",), ("e", {"step_amount": 0.01}),
                                            ("run", 10)]),
    "measure-error, nothing moves": ("measure-error", [("space",), ("space",), ("b",)]),
    "learning-steps, slid then stepped": ("learning-steps", [
        ("space",), ("slide", (0, 0, 0.05)), ("slide", (0, 0, 0.05)), ("slide", (0, 0, -0.5)),
        ("space",), ("slide", (0, 0, 0.05))]),
    "multi-io, two weights slid, a step back across": ("multi-io", [
        ("run", 2), ("slide", (1, 1, 0.5)), ("slide", (0, 2, -0.01)), ("space",), ("b",),
        ("slide", (1, 1, 0.01)), ("b",), ("space",)]),
    "measure-error, the slider is its only move": ("measure-error", [
        ("slide", (0, 0, 0.5)), ("space",), ("slide", (0, 0, 0.1))]),
}


def presented(name: str) -> Presenter:
    lesson_id, keys = SCRIPTS[name]
    presenter = Presenter(lesson_id)
    for key in keys:
        presenter.key(*key)
    return presenter


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_late_follower_reaches_the_presenters_numbers(name):
    presenter = presented(name)
    late = Follower(presenter.lesson.trainer)
    late.go_to(presenter.state)
    same(late, presenter)


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_follower_along_matches_at_every_key(name):
    lesson_id, keys = SCRIPTS[name]
    presenter = Presenter(lesson_id)
    along = Follower(presenter.lesson.trainer)
    for key in keys:
        presenter.key(*key)
        along.go_to(presenter.state)
        same(along, presenter)
        # Slid (the screen then shows the coming step), as the presenter is;
        # b after a step from a slid weight returns to it, slid again.
        assert along.slid == presenter.trainer.set_by_hand
        if key[0] in ("slide", "space", "run"):
            assert along.slid == (key[0] == "slide")


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_state_survives_the_wire(name):
    presenter = presented(name)
    wire = json.loads(json.dumps(presenter.state.to_json(), allow_nan=False))
    follower = Follower(presenter.lesson.trainer)
    follower.go_to(LessonState.from_json(wire))
    same(follower, presenter)


def test_a_follower_that_missed_states_catches_up_from_any_of_them():
    presenter = presented("multi-io, 0 in the middle")
    for start in presenter.states:
        follower = Follower(presenter.lesson.trainer)
        follower.go_to(start)
        follower.go_to(presenter.state)
        same(follower, presenter)


@pytest.mark.parametrize("keys, ops", [
    ([("step", 1)] * 3, (("step", 3),)),
    ([("step", 2), ("back", 1)], (("step", 1),)),
    ([("step", 2), ("back", 2)], ()),
    ([("step", 1), ("alpha", 0.5), ("step", 2), ("back", 3)],
     (("step", 1), ("alpha", 0.5), ("back", 1))),
    ([("alpha", 0.5), ("back", 1), ("back", 1)], (("alpha", 0.5), ("back", 2))),
    ([("step", 4), ("restart",), ("step", 2), ("restart",)], (("restart",),)),
    ([("alpha", 0.5), ("step", 4), ("restart",)], (("alpha", 0.5), ("restart",))),
    ([("step", 4), ("alpha", 0.5), ("reset",), ("step", 1)], (("step", 1),)),
    ([("freeze", 0, 1), ("freeze", 0, 1)], (("freeze", 0, 1), ("freeze", 0, 1))),
    ([("slide", 0, 0, 0.1), ("slide", 0, 0, 0.2), ("slide", 0, 0, 0.3)], (("slide", 0, 0, 0.3),)),
    ([("slide", 0, 0, 0.1), ("slide", 0, 1, 0.2)], (("slide", 0, 0, 0.1), ("slide", 0, 1, 0.2))),
    ([("slide", 0, 0, 0.1), ("step", 1), ("slide", 0, 0, 0.2)],
     (("slide", 0, 0, 0.1), ("step", 1), ("slide", 0, 0, 0.2))),
    ([("step", 2), ("slide", 0, 0, 0.1), ("reset",)], ()),
])
def test_keys_compact(keys, ops):
    state = LessonState("x")
    for op in keys:
        state = state.then(*op)
    assert state.ops == ops


def test_a_long_run_is_one_op():
    state = LessonState("x")
    for _ in range(10_000):
        state = state.then("step", 1)
    assert state.ops == (("step", 10_000),) and not state.full


GOOD = {"lesson": "learning-steps", "ops": [["step", 2]], "selected": [0, 0]}


@pytest.mark.parametrize("change, why", [
    ({"lesson": ""}, "lesson"),
    ({"lesson": 3}, "lesson"),
    ({"ops": "step"}, "ops"),
    ({"ops": [["step", 1], ["alpha", 0.1]] * (MAX_OPS // 2 + 1)}, "ops"),
    ({"selected": [0]}, "selected"),
    ({"selected": [True, 0]}, "selected"),
    ({"ops": [["step", 0]]}, "bad op"),
    ({"ops": [["step", 1.5]]}, "bad op"),
    ({"ops": [["step", 10**16]]}, "bad op"),
    ({"ops": [["alpha", -1]]}, "bad op"),
    ({"ops": [["alpha", "0.1"]]}, "bad op"),
    ({"ops": [["restart", 1]]}, "bad op"),
    ({"ops": [["rm", "-rf"]]}, "bad op"),
    ({"ops": [[]]}, "an op is"),
    ({"ops": [["freeze", 0]]}, "bad op"),
    ({"ops": [["edit", {}]]}, "bad op"),
    ({"ops": [["edit", {"alpha": 0}]]}, "positive"),
    ({"ops": [["edit", {"speed": [[1]]}]]}, "unknown field"),
    ({"ops": [["edit", {"weights": [[1, "a"]]}]]}, "rows of numbers"),
    ({"ops": [["edit", {"weights": [[1, 2], [3]]}]]}, "rows of numbers"),
    ({"ops": [["edit", {"weights": [1, 2]}]]}, "rows of at most"),
    ({"ops": [["edit", {"weights": [[0.0] * 65]}]]}, "rows of at most"),
    ({"ops": [["slide", 0, 0]]}, "bad op"),
    ({"ops": [["slide", 0, 0, "0.1"]]}, "bad op"),
    ({"ops": [["slide", -1, 0, 0.1]]}, "bad op"),
    ({"ops": [["slide", 0, 0, float("inf")]]}, "bad op"),
])
def test_bad_states_are_refused(change, why):
    with pytest.raises(ValueError, match=why):
        LessonState.from_json(dict(GOOD, **change))


@pytest.mark.parametrize("ops", [
    [["freeze", 0, 1]],  # learning-steps has one weight
    [["slide", 1, 0, 0.5]],
    [["edit", {"weights": [[0.1, 0.2]]}]],
    [["edit", {"inputs": [[1.0], [2.0]]}]],
])
def test_keys_that_do_not_fit_the_lesson_leave_the_follower_at_step_0(ops):
    follower = Follower(CATALOG.lessons["learning-steps"].trainer)
    follower.go_to(LessonState("learning-steps", (("step", 2),)))
    with pytest.raises(ValueError, match="does not fit"):
        follower.go_to(LessonState.from_json(dict(GOOD, ops=[["step", 1]] + ops)))
    assert follower.trainer.steps_done == 0 and follower.applied == ()

