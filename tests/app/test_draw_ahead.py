"""The coming step drawn ahead (SessionScreen.draw_ahead): what the screen
shows after any keys is, strip for strip, what it shows when nothing is
drawn ahead; and a Space after a drawing ahead takes it instead of drawing.

Drawing ahead runs on a timer in the app; here it runs when the test says,
after some keys and not after others, so that a drawing made for one state
is still there when another key changes the state first."""

from __future__ import annotations

import random

import pytest
from textual.geometry import Region

from app_support import app_for
from gdtui.lessons.loader import load_catalog
from gdtui.practice.follow_state import LessonState
from gdtui.practice.progress import memory_recorder
from gdtui.ui.screens.followed import FollowedLessonScreen
from gdtui.ui.screens.session_screen import SessionScreen
from gdtui.ui.widgets.part_widget import RowsWidget

LESSONS = [lesson for lesson in load_catalog([]).lessons if lesson != "mnist"]
# The keys that change what the rows widgets draw (no box opens on them):
# steps, alpha, the selected and frozen weight, the slider, the log scale,
# the history, the note, the language, restart.
KEYS = ["space"] * 8 + ["b", "b", "bracketright", "bracketleft", "left", "right", "f", "l",
                        "comma", "full_stop", "less_than_sign", "h", "n", "L", "B", "x", "i"]
PRESSES = 40


def lines(app) -> list[list[list[tuple]]]:
    """Every rows widget's lines as the compositor gets them."""
    shown = []
    for widget in app.screen.query(RowsWidget):
        if widget.display and widget.outer_size.area:
            crop = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
            shown.append([list(strip) for strip in widget.render_lines(crop)])
    return shown


async def run(lesson: str, keys: list[str], ahead_after: list[bool], size, ahead: bool):
    """What the rows widgets show after each key; drawn ahead after the keys
    `ahead_after` says (never, with `ahead` False), and the Spaces that took
    a drawing made ahead."""
    app = app_for(lesson, recorder=memory_recorder())  # (each run from no progress)
    seen, took = [], 0
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.AHEAD_AFTER = 1e9  # (the timer never fires here: the test draws ahead)
        if not ahead:
            screen.draws_ahead = lambda: False  # (not even what the first change scheduled)
        for key, then in zip(keys, ahead_after):
            made = {w: w._ahead.rows for w in screen.query(RowsWidget) if w._ahead is not None}
            await pilot.press(key)
            await pilot.pause()
            took += key == "space" and any(w._drawn is not None and w._drawn.rows is rows
                                           for w, rows in made.items())
            if ahead and then:
                screen.draw_ahead()
            seen.append(lines(app))
    return seen, took


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("lesson", LESSONS)
async def test_drawing_ahead_shows_what_drawing_then_shows(lesson, size):
    rng = random.Random(f"{lesson} {size}")
    keys = [rng.choice(KEYS) for _ in range(PRESSES)]
    ahead_after = [rng.random() < 0.7 for _ in keys]
    drawn_ahead, took = await run(lesson, keys, ahead_after, size, ahead=True)
    drawn_then, _ = await run(lesson, keys, ahead_after, size, ahead=False)
    for n, (got, expected) in enumerate(zip(drawn_ahead, drawn_then)):
        assert got == expected, f"after {keys[:n + 1]}"
    assert took, "no Space took a drawing made ahead"  # (else this tests nothing)


async def test_a_space_takes_the_drawings_made_ahead():
    """Every rows widget a Space changes was drawn ahead and takes that
    drawing: none draws at the Space itself."""
    app = app_for("multi-io")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.AHEAD_AFTER = 1e9  # (drawn ahead here only when the test says)
        widgets = list(screen.query(RowsWidget))
        for _ in range(3):
            await pilot.press("space")
            await pilot.pause()
        screen.draw_ahead()
        made = {w: w._ahead for w in widgets if w._ahead is not None}
        assert len(made) >= 4  # the chain, the matrices, the U, the error plot, the status
        drawn = []
        draw = RowsWidget._drawing
        RowsWidget._drawing = lambda self, *a: drawn.append(self) or draw(self, *a)
        try:
            await pilot.press("space")
            await pilot.pause()
        finally:
            RowsWidget._drawing = draw
        assert drawn == []
        for widget, ahead in made.items():
            assert widget._drawn.rows is ahead.rows, type(widget).__name__


async def test_the_timer_draws_ahead_after_a_change():
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        plots = [w for w in app.screen.query(RowsWidget) if w.slice == "curves"]
        assert plots
        for _ in range(400):  # (bounded: the timer fires after AHEAD_AFTER)
            if plots[0]._ahead is not None:
                break
            await pilot.pause(0.005)
        assert plots[0]._ahead is not None


async def test_nothing_is_drawn_ahead_in_run_mode():
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("r")
        await pilot.pause()
        assert screen.session.running
        for widget in screen.query(RowsWidget):
            widget._ahead = None  # (what the timer drew before)
        screen.draw_ahead()
        assert all(w._ahead is None for w in screen.query(RowsWidget))


async def test_a_follower_draws_ahead_only_on_their_own():
    """While following, the instructor takes the steps (and may do anything
    next): nothing is drawn ahead until F, working alone, then it is."""
    app = app_for(served=True, recorder=memory_recorder())
    state = LessonState("learning-steps", (("step", 2),))
    async with app.run_test(size=(80, 24)) as pilot:
        app.follow({"t": "follow", "state": state.to_json(), "by": "ms-lee"})
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowedLessonScreen) and screen.following
        for widget in screen.query(RowsWidget):
            widget._ahead = None
        screen.draw_ahead()
        assert all(w._ahead is None for w in screen.query(RowsWidget))
        await pilot.press("F")
        await pilot.pause()
        screen.draw_ahead()
        assert any(w._ahead is not None for w in screen.query(RowsWidget))
