"""The plots do not jump while stepping: a line that comes and goes (the
prompt's second row, the lesson-end line, a prediction's reveal, a number
that wraps) keeps its rows once it has needed them, so the plots under it
only ever settle, never bounce back and forth."""

import pytest

from app_support import CATALOG, app_for

LESSONS = [i for i in CATALOG.lessons if i != "mnist"]
SIZES = [(80, 24), (120, 40)]
# Through each lesson's end and back over it (b), then on again.
STEPPING = ["space"] * 12 + ["b"] * 10 + ["space"] * 4


async def plot_heights(app, pilot, keys):
    lesson = app.screen
    heights = [lesson.query_one("WeightPlots").size.height]
    for key in keys:
        await pilot.press(key)
        if app.screen is lesson:
            heights.append(lesson.query_one("WeightPlots").size.height)
    return heights


def settles(heights) -> bool:
    """Only ever shrinking, never growing back."""
    return all(b <= a for a, b in zip(heights, heights[1:]))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_stepping_and_stepping_back_never_moves_the_plots_back(lesson_id, size):
    app = app_for(lesson_id)
    async with app.run_test(size=size) as pilot:
        heights = await plot_heights(app, pilot, STEPPING)
        assert settles(heights), heights


# Predict mode: answered right, wrong (a reveal, a slip, which part?), skipped, stepped back.
ANSWERS = ["p", "space", "0.88", "enter", "space", "0", "enter", "space", "escape", "b", "b",
           "space", "0.7", "enter", "space", "escape"]


@pytest.mark.parametrize("lesson_id", ["learning-steps", "multi-io"])
async def test_a_reveal_keeps_its_rows_while_predicting(lesson_id):
    app = app_for(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        heights = await plot_heights(app, pilot, ANSWERS)
        assert settles(heights), heights
        assert app.screen.query_one("PredictLine").size.height > 0
        await pilot.press("p")  # predict mode off: its rows go back to the plots
        assert app.screen.query_one("PredictLine").size.height == 0
        assert app.screen.query_one("WeightPlots").size.height >= heights[-1]
