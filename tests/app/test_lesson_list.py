"""The lesson list at 80x24: a title says the lesson's point, so a long one
wraps under itself instead of losing its end to an ellipsis."""

import io

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.widgets import OptionList

from app_support import CATALOG
from gdtui.practice.predict import Answer
from gdtui.practice.progress import memory_recorder
from gdtui.text.i18n import title_of
from gdtui.ui.app import make_app
from gdtui.ui.screens.lesson_list import LessonListScreen, listed

LONG = "a title of a hundred and twenty characters, which is as long as a lesson file may make one, " \
       "all of it to be read"


def with_progress():
    """Every lesson opened, none of its exercises done, fifteen predictions
    asked: the widest progress column a learner meets."""
    recorder = memory_recorder()
    for lesson in CATALOG.lessons.values():
        recorder.opened(lesson.id, len(lesson.exercises))
        for step in range(1, 16):
            recorder.answered(lesson.id, Answer(step, "pred", 1.0, 0.0, "wrong"), 0)
    return recorder


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("progress", [False, True])
async def test_every_title_is_whole_at_80x24(lang, progress):
    app = make_app(CATALOG, None, lang=lang, recorder=with_progress() if progress else None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        options = app.screen.query_one(OptionList)
        where = app.screen.find_widget(options)
        lines = [strip.text for strip in options.render_lines(where.region.reset_offset)]
        assert all(cell_len(line) <= 80 for line in lines)
        assert not any("…" in line for line in lines), lines
        # Read with each wrapped line joined to the one before: every title is there.
        read = " ".join(line.strip() for line in lines)
        for lesson in CATALOG.lessons.values():
            assert title_of(lesson.id, lesson.title, lang) in read, lesson.id
        if progress:
            assert "p 0/15" in read


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_long_title_wraps_under_itself(width):
    console = Console(file=io.StringIO(), width=width - 2, color_system=None)
    console.print(listed("mine", 18, "[☐0/3 p 0/15]  ", 16, LONG))
    lines = console.file.getvalue().rstrip("\n").split("\n")
    assert len(lines) > 1 and lines[0].startswith("mine ")
    assert all(line.startswith(" " * 34) for line in lines[1:])  # under the title, nothing else
    assert " ".join(line[34:].strip() for line in lines) == LONG
