"""hot-cold on screen: its predictions counted (3 a move) and its two tries
marked on the U beside the point (issue 20)."""

import pytest

from app_support import app_for, shown
from gdtui.text.i18n import tr


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("steps", [0, 1, 3, 12])
async def test_predictions_are_counted_three_a_move(lang, steps):
    app = app_for("hot-cold", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["space"] * steps)
        await pilot.pause()
        chain = shown(app.screen.query_one("ChainView"))
        count = tr("hot_cold_count", lang, n=f"{3 * steps:,}", steps=f"{steps:,}")
        assert count in chain and "…" not in chain, chain


@pytest.mark.parametrize("ascii_only, point", [(False, "●"), (True, "O")])
@pytest.mark.parametrize("steps", [0, 2, 40])
async def test_the_two_tries_sit_either_side_of_the_point(ascii_only, point, steps):
    app = app_for("hot-cold", ascii_only=ascii_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["space"] * steps)
        await pilot.pause()
        plots = shown(app.screen.query_one("WeightPlots")).split("\n")
        row = next(line for line in plots if f"-{point}+" in line and "tries" not in line)
        assert row.count(f"-{point}+") == 1
        caption = next(line for line in plots if "tries" in line)
        assert "step_amount" in caption and "not to scale" in caption
        # hot-cold never uses the slope: no tangent value on its U
        assert "slope" not in "\n".join(plots)


async def test_gradient_lessons_mark_no_tries():
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        plots = shown(app.screen.query_one("WeightPlots"))
        assert "-●+" not in plots and "tries" not in plots and "slope" in plots
