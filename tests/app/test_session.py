"""LessonSession without Textual: every change bumps the revision once and
tells the screen once; refusals change nothing and say why; run mode's
steps tell nobody until the frame catches up; progress reaches the recorder."""

import subprocess
import sys

import numpy as np
import pytest

from gdtui.lessons.loader import load_catalog
from gdtui.practice.progress import memory_recorder
from gdtui.ui.session import DEFAULT_SPEED, SPEEDS, LessonSession

CATALOG = load_catalog(use_env=False)


def session_for(lesson_id, recorder=None):
    told, said = [], []
    lesson = CATALOG.lessons[lesson_id]
    if lesson.is_image_lesson:
        lesson = lesson.loaded(None)  # the MNIST images shipped with gdtui
    session = LessonSession(lesson, recorder, say=said.append, changed=told.append)
    return session, told, said


def stepped(session, n):
    for _ in range(n):
        session.step()
    return session


# (what, lesson, set-up steps, the change, does it change the trainer, the message's start)
CHANGES = [
    ("step", "learning-steps", 0, lambda s: s.step(), True, None),
    ("back", "learning-steps", 2, lambda s: s.back(), True, None),
    ("restart", "learning-steps", 2, lambda s: s.restart(), True, "back to step 0"),
    ("reset", "learning-steps", 2, lambda s: s.reset(), True, "reset to"),
    ("alpha up", "learning-steps", 1, lambda s: s.change_alpha(1), True, "alpha 1 → 2 "),
    ("alpha down", "learning-steps", 0, lambda s: s.change_alpha(-1), True, "alpha 1 → 0.5 "),
    ("freeze", "learning-steps", 1, lambda s: s.toggle_frozen(0, 0, "weight"), True, "weight frozen"),
    ("edit", "learning-steps", 1, lambda s: s.edit({"alpha": 0.5}), True, "changed"),
    ("faster", "learning-steps", 0, lambda s: s.faster(1), False, "run speed 50 steps/s"),
    ("slower", "learning-steps", 0, lambda s: s.faster(-1), False, "run speed 10 steps/s"),
    ("predict mode", "learning-steps", 0, lambda s: s.toggle_predicting(), False, "predict mode on"),
    ("predicted", "learning-steps", 0, lambda s: s.predicted("pred", 0.5, 0, 0), True, None),
    ("hint", "learning-steps", 0, lambda s: s.toggle_hint(), False, None),
    ("next exercise", "learning-steps", 0, lambda s: s.next_exercise(), False, None),
    ("exercises again", "learning-steps", 3, lambda s: s.reset_exercises(), True, "exercises start again"),
    ("run on", "learning-steps", 0, lambda s: s.start_running(), False, None),
]


@pytest.mark.parametrize("what, lesson_id, steps, change, of_trainer, says", CHANGES,
                         ids=[c[0] for c in CHANGES])
def test_each_change_bumps_the_revision_once_and_tells_once(what, lesson_id, steps, change,
                                                           of_trainer, says):
    session, told, said = session_for(lesson_id)
    stepped(session, steps)
    revision, trainer_revision = session.revision, session.trainer_revision
    told.clear(), said.clear()
    change(session)
    assert session.revision == revision + 1
    assert told == [revision + 1]
    assert session.trainer_revision == trainer_revision + of_trainer
    if says is None:
        assert said == []
    else:
        assert said == [said[0]] and said[0].startswith(says), said


# (what, lesson, the refused change, the message's start)
REFUSALS = [
    ("no alpha in hot-cold", "hot-cold", lambda s: s.change_alpha(1), "this lesson has no alpha"),
    ("no freezing in hot-cold", "hot-cold", lambda s: s.toggle_frozen(0, 0, "weight"),
     "only gradient descent has weights to freeze"),
    ("no alpha past the ladder", "learning-steps",
     lambda s: [s.change_alpha(1) for _ in range(40)], "alpha stays 50"),
]


@pytest.mark.parametrize("what, lesson_id, change, says", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_change_nothing_of_the_run_and_say_why(what, lesson_id, change, says):
    session, told, said = session_for(lesson_id)
    weights, settings = session.trainer.weights.copy(), session.trainer.settings
    change(session)
    assert session.trainer.weights.tobytes() == weights.tobytes()
    assert session.trainer.settings.rule == settings.rule
    assert not session.predicting
    assert said and said[-1].startswith(says), said


def test_the_ghost_is_the_run_before_alpha_changed_until_reset():
    session, _, _ = session_for("learning-steps")
    stepped(session, 3)
    before = session.trainer.errors.copy()
    session.change_alpha(1)
    session.change_alpha(1)  # twice, no step between: the ghost keeps the first alpha
    assert np.array_equal(session.ghost, before) and session.ghost_alpha == 1
    session.restart()
    assert session.ghost is not None
    session.reset()
    assert session.ghost is None and session.ghost_alpha is None


def test_run_mode_steps_tell_nobody_until_the_frame_catches_up():
    session, told, _ = session_for("learning-steps")
    assert session.start_running()
    told.clear()
    assert session.run(3) == 3
    assert told == [] and session.trainer.steps_done == 3
    session.caught_up()
    assert told == [session.revision]
    session.stop_running()
    assert not session.running and len(told) == 2
    session.stop_running()  # not running: no change
    assert len(told) == 2


def test_speeds_stop_at_both_ends():
    session, _, _ = session_for("learning-steps")
    assert session.speed == SPEEDS[DEFAULT_SPEED]
    for _ in range(20):
        session.faster(1)
    assert session.speed is None  # flat out
    for _ in range(20):
        session.faster(-1)
    assert session.speed == SPEEDS[0]


def test_exercises_tick_as_their_checks_hold_and_reach_the_recorder():
    recorder = memory_recorder()
    session, _, said = session_for("learning-steps", recorder)
    session.opened()
    stepped(session, 6)
    assert "six-steps" in session.exercises_done
    assert "✓ exercise 2 done" in said
    assert recorder.progress.lessons["learning-steps"].exercises == ["six-steps"]
    session.reset_exercises()
    assert session.exercises_done == set() and session.trainer.steps_done == 0


def test_predictions_are_scored_and_stepping_back_takes_them_out():
    recorder = memory_recorder()
    session, _, _ = session_for("learning-steps", recorder)
    session.opened()
    session.toggle_predicting()
    step = CATALOG.lessons["learning-steps"].trainer().step()
    given = session.predicted("pred", float(step.pred[0]), 0, 0)
    assert given.verdict == "right"
    assert (session.score.right, session.score.asked) == (1, 1)
    session.back()
    assert session.score.asked == 0
    assert recorder.progress.lessons["learning-steps"].asked == 1  # every answer given is kept


def test_progress_counts_an_opening_and_where_the_run_stopped():
    recorder = memory_recorder()
    session, _, _ = session_for("learning-steps", recorder)
    session.opened()
    stepped(session, 2)
    session.left()
    entry = recorder.progress.lessons["learning-steps"]
    assert entry.opened == 1


def test_the_session_does_not_import_textual():
    code = "import sys, gdtui.ui.session; print(sorted(m for m in sys.modules if m.startswith(('textual', 'rich'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# (lesson, exercises done at an earlier opening (by index), the one shown at the next)
REOPENED = [
    ("none done", "explosion", [], 0),
    ("the first done", "explosion", [0], 1),
    ("the second done", "explosion", [1], 0),
    ("both done: the first again", "explosion", [0, 1], 0),
    ("hot-cold: first two done", "hot-cold", [0, 1], 2),
    ("hot-cold: first and last done", "hot-cold", [0, 2], 1),
]


@pytest.mark.parametrize("what, lesson_id, done, shown", REOPENED, ids=[r[0] for r in REOPENED])
def test_a_reopened_lesson_shows_the_first_exercise_still_to_do(what, lesson_id, done, shown):
    recorder = memory_recorder()
    exercises = CATALOG.lessons[lesson_id].exercises
    recorder.opened(lesson_id, len(exercises))
    for k in done:
        recorder.ticked(lesson_id, exercises[k].id, 1)
    session, _, _ = session_for(lesson_id, recorder)
    session.opened()
    assert session.exercises_done == {exercises[k].id for k in done}
    assert session.exercise == shown


# The session keeps each change of its trainer as the key that made it (its
# LessonState: what present mode and the spotlight send): a follower that
# replays the state reaches the session's numbers bit for bit.
W3 = np.array([[0.3, -0.2, 0.05]])
KEPT = {
    "steps and steps back": ("learning-steps", lambda s: (stepped(s, 3), s.back(), s.step())),
    "back at step 0 keeps nothing": ("learning-steps", lambda s: (s.back(), s.back(), s.step())),
    "a run's steps": ("learning-steps", lambda s: (s.run(5), s.back())),
    "a run past the overflow": ("explosion", lambda s: (s.run(400), s.step(), s.back())),
    "alpha keys, B, more steps": ("alpha-fix", lambda s: (
        stepped(s, 3), s.change_alpha(1), stepped(s, 2), s.restart(), stepped(s, 2))),
    "freeze between steps": ("frozen-weight", lambda s: (
        stepped(s, 2), s.toggle_frozen(0, 1, "w"), stepped(s, 2), s.toggle_frozen(0, 1, "w"),
        s.step())),
    "an edit of weights and alpha": ("multi-input", lambda s: (
        s.step(), s.edit({"weights": W3, "alpha": 0.02}), stepped(s, 2))),
    "0 in the middle": ("multi-io", lambda s: (stepped(s, 2), s.reset(), s.step())),
    "predicted steps": ("learning-steps", lambda s: (
        s.predicted("pred", 0.5, 0, 0), s.predicted("delta", None, 0, 0))),
    "exercises again": ("learning-steps", lambda s: (stepped(s, 6), s.reset_exercises(), s.step())),
    "hot-cold's step_amount": ("hot-cold", lambda s: (s.run(20), s.edit({"step_amount": 0.01}),
                                                     s.run(3))),
}


@pytest.mark.parametrize("name", KEPT)
def test_the_state_kept_rebuilds_the_sessions_lesson(name):
    from gdtui.practice.follow_state import Follower, LessonState

    lesson_id, keys = KEPT[name]
    session, _, _ = session_for(lesson_id)
    keys(session)
    follower = Follower(session.lesson.trainer)
    follower.go_to(LessonState.from_json(session.state.to_json()))  # over the wire
    mine, theirs = session.trainer, follower.trainer
    assert theirs.steps_done == mine.steps_done
    assert theirs.weights.tobytes() == mine.weights.tobytes()
    assert theirs.errors.tobytes() == mine.errors.tobytes()
    assert theirs.settings.alpha == mine.settings.alpha
    assert theirs.settings.step_amount == mine.settings.step_amount
    assert theirs.data.inputs.tobytes() == mine.data.inputs.tobytes()
    assert (follower.ghost is None) == (session.ghost is None)


def test_a_long_run_is_kept_as_one_key():
    session, _, _ = session_for("learning-steps")
    for _ in range(50):
        session.run(20)
    session.step()
    assert session.state.ops == (("step", 1001),)
