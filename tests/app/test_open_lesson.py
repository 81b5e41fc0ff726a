"""Ctrl+P opens another lesson over whatever is open on the old one: the
question box, the edit form, help. They close first, unanswered, and Escape
then goes back to the lesson list, never to the old lesson or its question."""

import pytest

from gdtui.ui.screens.edit import EditScreen
from gdtui.ui.screens.help import HelpScreen
from gdtui.ui.screens.session_screen import SessionScreen  # the lesson and MNIST screens' base
from gdtui.ui.screens.lesson_list import LessonListScreen
from gdtui.ui.screens.predict import PredictScreen
from app_support import app_for, until


async def palette_opens(pilot, lesson_id):
    """Ctrl+P, the lesson's id, Enter once the palette has found it."""
    from textual.command import CommandList, CommandPalette

    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*f"lesson {lesson_id}")

    def found():
        lists = app.screen.query(CommandList)
        return bool(lists) and lists.first().option_count > 0 and \
            f"lesson {lesson_id}" in str(lists.first().get_option_at_index(0).prompt)

    await until(pilot, found)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, SessionScreen)
                and app.screen.lesson.id == lesson_id)


# What is open over the old lesson, and the keys that open it.
OPEN = {
    "question": (["p", "space"], PredictScreen),
    "direction question": (["p", "space", "tab"], PredictScreen),
    "edit form": (["e"], EditScreen),
    "help": (["question_mark"], HelpScreen),
}


@pytest.mark.parametrize("what", OPEN)
@pytest.mark.parametrize("old, new", [("learning-steps", "hot-cold"), ("multi-io", "mnist"),
                                      ("frozen-weight", "frozen-weight")])
async def test_another_lesson_closes_what_is_open(what, old, new):
    keys, kind = OPEN[what]
    app = app_for(old)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        first = app.screen
        await pilot.press(*keys)
        await until(pilot, lambda: isinstance(app.screen, kind))
        await palette_opens(pilot, new)
        lesson = app.screen
        assert lesson is not first and lesson.session.trainer.steps_done == 0
        # Opened in a lesson, the app has built no list yet: Escape builds it.
        assert [type(s) for s in app.screen_stack[1:]] == [type(lesson)]
        assert first.session.trainer.steps_done == 0  # the question was not answered on the way
        # Keys reach the new lesson, and Escape goes to the list, then stays there.
        await pilot.press("space")
        await until(pilot, lambda: lesson.session.trainer.steps_done == 1)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LessonListScreen))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        assert not any(isinstance(s, (PredictScreen, EditScreen, HelpScreen, SessionScreen))
                       for s in app.screen_stack)
