"""Each widget is handed a new slice only when what it draws changed: a key
that changes one thing redraws the widgets that show it and no others."""

import pytest

from app_support import app_for

EVERY = ("StatusBar", "LessonNote", "ChainView", "PromptLine", "WeightPlots", "ErrorPlot", "History",
         "KeyBar", "ExerciseLine", "PredictLine")

# (lesson, key, the widgets that get a new slice; every other one keeps its own)
CASES = [
    ("learning-steps", "space", {"StatusBar", "ChainView", "WeightPlots", "ErrorPlot"}),
    ("learning-steps", "b", {"StatusBar", "ChainView", "WeightPlots", "ErrorPlot", "PromptLine"}),
    ("learning-steps", "n", {"LessonNote"}),
    ("learning-steps", "l", {"WeightPlots", "ErrorPlot"}),
    ("learning-steps", "h", {"History"}),
    ("learning-steps", "plus", {"StatusBar"}),  # the speed, said at the line's end
    ("learning-steps", "i", {"ExerciseLine"}),
    ("learning-steps", "x", {"ExerciseLine"}),
    # the mode, its score, what it said; the reveal's row kept; the footer names w (the fade)
    ("learning-steps", "p", {"StatusBar", "PredictLine", "KeyBar"}),
    ("multi-input", "right", {"StatusBar", "ChainView", "WeightPlots"}),
    ("hot-cold", "right_square_bracket", {"StatusBar"}),  # no alpha here: only the message
]


@pytest.mark.parametrize("lesson_id, key, redrawn", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
async def test_a_key_hands_new_slices_only_to_what_it_changed(lesson_id, key, redrawn):
    app = app_for(lesson_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")  # a step on screen: everything has something to show
        await pilot.pause()
        before = {name: app.screen.query_one(name).part for name in EVERY}
        assert all(part is not None for part in before.values())
        await pilot.press(key)
        await pilot.pause()
        new = {name for name in EVERY if app.screen.query_one(name).part is not before[name]}
        assert new == redrawn
