"""A served learner's app following the instructor: the presented lesson
opens at the presented step with a banner naming the instructor, follows
each new state, refuses the keys that would change it, records nothing as
the learner's own; F works alone from there (and counts), F again follows,
and presenting's end leaves the learner where they are."""

from __future__ import annotations

import pytest

from app_support import app_for, notices, shown
from gdtui.practice.follow_state import LessonState
from gdtui.practice.progress import Recorder
from gdtui.store.progress import Progress
from gdtui.ui.screens.followed import FollowBanner, FollowedLessonScreen
from gdtui.ui.screens.lesson_list import LessonListScreen


def follow(state: LessonState | None, by="ms-lee") -> dict:
    return {"t": "follow", "state": None if state is None else state.to_json(), "by": by}


def at(steps: int, lesson="learning-steps", **kw) -> LessonState:
    return LessonState(lesson, (("step", steps),) if steps else (), **kw)


def served_app():
    events = []
    app = app_for(served=True, recorder=Recorder(Progress("ada"), events.append))
    return app, events


def banner(app) -> str:
    return " ".join(shown(app.screen.query_one(FollowBanner)).split())


async def test_a_state_sent_with_the_hello_opens_the_lesson_there():
    app, events = served_app()
    app.follow(follow(at(2)))  # before the app runs, as the hello's catch-up comes
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowedLessonScreen) and screen.session.trainer.steps_done == 2
        assert "following ms-lee — F to work on your own" in banner(app)
        # The instructor's step 2 is the book's: weight 0 → 0.88 → 0.6952.
        assert screen.session.trainer.weights[0, 0] == pytest.approx(0.6952)
    assert not [e for e in events if e.kind in ("open", "step")]


@pytest.mark.parametrize("key", ["space", "b", "r", "B", "0", "right_square_bracket", "f",
                                 "e", "greater_than_sign", "N", "comma", "full_stop", "less_than_sign"])
async def test_keys_that_change_the_lesson_are_refused_while_following(key):
    app, events = served_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.follow(follow(at(2)))
        await pilot.pause()
        screen = app.screen
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is screen and screen.session.trainer.steps_done == 2
        assert screen.session.trainer.settings.alpha == 1.0 and screen.session.trainer.settings.frozen is None
        assert "following ms-lee: F to work on your own" in screen.message


async def test_new_states_move_the_follower_and_a_new_lesson_opens():
    app, _ = served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.follow(follow(at(1)))
        await pilot.pause()
        first = app.screen
        for steps in (2, 4, 3):
            app.follow(follow(at(steps)))
            await pilot.pause()
            assert app.screen is first and first.session.trainer.steps_done == steps
        app.follow(follow(LessonState("alpha-fix", (("step", 5), ("alpha", 0.2))), by="bo"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowedLessonScreen) and screen.lesson.id == "alpha-fix"
        assert screen.session.trainer.settings.alpha == 0.2 and screen.session.ghost is not None
        assert "following bo" in banner(app)
        await pilot.press("escape")  # back to the list, on one's own
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        app.follow(follow(LessonState("alpha-fix", (("step", 6),)), by="bo"))
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        await pilot.press("F")  # follows again, where the instructor is now
        await pilot.pause()
        assert isinstance(app.screen, FollowedLessonScreen) and app.screen.session.trainer.steps_done == 6


async def test_F_works_alone_from_there_and_counts_then_follows_again():
    app, events = served_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.follow(follow(at(2)))
        await pilot.pause()
        screen = app.screen
        await pilot.press("F")
        await pilot.pause()
        assert "working on your own (ms-lee is presenting) — F to follow" in banner(app)
        await pilot.press("space")
        await pilot.pause()
        assert screen.session.trainer.steps_done == 3
        app.follow(follow(at(4)))  # the instructor goes on; this learner does not move
        await pilot.pause()
        assert app.screen is screen and screen.session.trainer.steps_done == 3
        kinds = [e.kind for e in events]
        assert "open" in kinds and "step" in kinds  # their own, from F on
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, FollowedLessonScreen)
        assert app.screen.following and app.screen.session.trainer.steps_done == 4


async def test_presenting_ends_and_the_learner_stays_there_on_their_own():
    app, events = served_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.follow(follow(at(3)))
        await pilot.pause()
        screen = app.screen
        app.follow(follow(None))
        await pilot.pause()
        assert app.screen is screen and not screen.following and screen.session.trainer.steps_done == 3
        assert "stopped presenting" in banner(app)
        await pilot.press("space")
        await pilot.pause()
        assert screen.session.trainer.steps_done == 4
        app.follow(follow(at(1)))  # presenting again: the class follows again
        await pilot.pause()
        assert app.screen is not screen and app.screen.following
        assert app.screen.session.trainer.steps_done == 1
        app.follow(follow(None))
        await pilot.press("F")
        await pilot.pause()
        assert "nothing is being presented" in " ".join(n.message for n in notices(app))


@pytest.mark.parametrize("message", [
    {"t": "follow", "state": {"lesson": "learning-steps", "ops": [["rm"]], "selected": [0, 0]}},
    {"t": "follow", "state": {"lesson": "learning-steps", "ops": [["freeze", 3, 3]],
                              "selected": [0, 0]}},
    {"t": "follow", "state": "x"},
])
async def test_a_state_that_does_not_fit_changes_nothing(message, capsys):
    app, _ = served_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.follow(message)
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)


async def test_a_lesson_this_app_does_not_have_is_said():
    app, _ = served_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.follow(follow(LessonState("[b]nope"), by="ms-lee"))
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        assert "ms-lee presents [b]nope, which is not here" in " ".join(
            n.message for n in notices(app))
