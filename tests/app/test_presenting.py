"""Present mode, the instructor's side, in the class view: P lists the
lessons, Enter presents; each key that changes the lesson sends a state from
which a follower rebuilds the instructor's numbers bit for bit; Escape ends
presenting. The class socket is replaced by a list of what would be sent."""

from __future__ import annotations

import pytest

from app_support import notices
from gdtui.practice.follow_state import Follower, LessonState
from gdtui.ui.classroom.app import ClassApp
from gdtui.ui.classroom.present import PresentingScreen, PresentListScreen


def class_app(tmp_path):
    app = ClassApp(tmp_path / "no-server", presenter="ms-lee")
    sent = []
    app.present_state = sent.append  # what would go to the server
    return app, sent


async def present(pilot, lesson_id: str) -> None:
    await pilot.press("P")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PresentListScreen)
    ids = list(pilot.app.catalog.lessons)
    for _ in range(ids.index(lesson_id)):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PresentingScreen)


def rebuilt(app, message: dict) -> Follower:
    state = LessonState.from_json(message)
    follower = Follower(app.catalog.lessons[state.lesson].trainer)
    follower.go_to(state)
    return follower


KEYS = {
    "learning-steps: Space twice": ("learning-steps", ["space", "space"]),
    "learning-steps: back, B and 0": ("learning-steps", [
        "space", "space", "space", "b", "B", "space", "0", "space"]),
    "alpha-fix: ] [ between steps keep the ghost": ("alpha-fix", [
        "space", "space", "right_square_bracket", "right_square_bracket", "space",
        "left_square_bracket", "space", "B", "space"]),
    "frozen-weight: arrows and f": ("frozen-weight", [
        "space", "right", "f", "space", "space", "left", "f", "space", "b"]),
    "explosion: a run, paused, then back": ("explosion", ["r", "wait", "r", "b", "space"]),
    "multi-io: an edit of alpha": ("multi-io", ["space", "e", "edit:0.05", "space", "space"]),
    "learning-steps: the slider, then Space from there": ("learning-steps", [
        "space", "full_stop", "full_stop", "greater_than_sign", "comma", "space", "less_than_sign",
        "b", "space"]),
    "multi-io: two weights slid": ("multi-io", [
        "space", "right", "right", "full_stop", "right", "less_than_sign", "space", "b"]),
}


@pytest.mark.parametrize("name", KEYS)
async def test_each_key_sends_a_state_a_follower_rebuilds_exactly(tmp_path, name):
    lesson_id, keys = KEYS[name]
    app, sent = class_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await present(pilot, lesson_id)
        screen = app.screen
        for key in keys:
            if key == "wait":  # let the run take a few steps
                for _ in range(100):
                    await pilot.pause(0.02)
                    if screen.session.trainer.steps_done >= 3:
                        break
                continue
            if key.startswith("edit:"):
                field = app.screen.query_one("#alpha")
                field.value = key.split(":")[1]
                await pilot.press("enter")
                await pilot.pause()
                continue
            await pilot.press(key)
            await pilot.pause()
            if screen.session.running:  # the run goes on: compared once it stops
                continue
            follower = rebuilt(app, sent[-1])
            t, f = screen.session.trainer, follower.trainer
            assert (f.steps_done, f.weights.tobytes(), f.errors.tobytes(), f.settings.alpha) == (
                t.steps_done, t.weights.tobytes(), t.errors.tobytes(), t.settings.alpha), key
            assert (f.settings.frozen is None) == (t.settings.frozen is None)
            assert (follower.ghost is None) == (screen.session.ghost is None)
            if screen.session.ghost is not None:
                assert follower.ghost.tobytes() == screen.session.ghost.tobytes()
            assert tuple(sent[-1]["selected"]) == screen.selected
            assert follower.slid == screen.session.slid, key  # the coming step shown, or the last
        assert sent[-1]["lesson"] == lesson_id
        await pilot.press("escape")  # presenting ends: the class view again
        await pilot.pause()
        assert sent[-1] is None and not isinstance(app.screen, PresentingScreen)


async def test_the_next_lesson_is_presented_without_an_end_between(tmp_path):
    app, sent = class_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await present(pilot, "learning-steps")
        await pilot.press("space", "N")
        await pilot.pause()
        assert app.screen.lesson.id == "explosion"
        assert None not in sent and sent[-1]["lesson"] == "explosion"
        assert [m["ops"] for m in sent if m["lesson"] == "learning-steps"][-1] == [["step", 1]]


async def test_quitting_while_presenting_ends_it(tmp_path):
    app, sent = class_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await present(pilot, "learning-steps")
        await pilot.press("space")
        await pilot.pause()
    assert sent[-1] is None


async def test_mnist_is_not_offered_to_follow(tmp_path):
    app, sent = class_app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.open_lesson("mnist")
        await pilot.pause()
        assert not sent and "cannot be presented" in " ".join(
            n.message for n in notices(app))


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_presenting_screen_names_p_as_the_poll_and_its_help_says_so(tmp_path, size):
    """p polls the class while presenting: its footer says 'p poll' (never
    'predict', even where the lesson footer has room for p), and ? shows the
    presenting screen's keys."""
    from gdtui.ui.keys import PRESENT
    from gdtui.ui.screens.help import HelpScreen, keys_of
    from gdtui.ui.widgets.key_bar import KeyBar, shown_keys

    app, _ = class_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await present(pilot, "learning-steps")
        bar = app.screen.query_one(KeyBar)
        pairs = dict(shown_keys(bar.part, size[0]))
        assert pairs.get("p") == "poll" and "predict" not in pairs.values()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.under == PRESENT
        said = dict(keys_of(PRESENT))
        assert "poll the class" in said["p"] and "poll" in said["Tab"] and "predict mode" not in said["p"]
