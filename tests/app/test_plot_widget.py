"""PlotWidget (gdtui.ui.widgets.part_widget): the plots drawn through
Textual's line API keep no stale rows: a new slice, a new size or new
colours each draw them again."""

import pytest

from app_support import app_for
from gdtui.ui.widgets.error_plot import ErrorPlot
from gdtui.ui.widgets.weight_plots import WeightPlots


async def stepped(pilot, plot):
    """The plot after one step of learning-steps."""
    await pilot.press("space")
    await pilot.pause()
    return pilot.app.screen.query_one(plot)


def row_styles(widget) -> set:
    return {segment.style.bgcolor for segment in widget.render_line(widget.size.height - 1) if segment.style}


@pytest.mark.parametrize("plot", [ErrorPlot, WeightPlots])
async def test_a_new_theme_redraws_the_plot_in_its_colours(plot):
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        widget = await stepped(pilot, plot)
        dark = row_styles(widget)
        app.theme = "textual-light"
        await pilot.pause()
        light = row_styles(widget)
        assert dark and light and dark != light


@pytest.mark.parametrize("plot", [ErrorPlot, WeightPlots])
async def test_a_step_and_a_resize_redraw_the_plot(plot):
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        widget = await stepped(pilot, plot)
        before = [widget.render_line(y).text for y in range(widget.size.height)]
        await pilot.press("space")
        await pilot.pause()
        after = [widget.render_line(y).text for y in range(widget.size.height)]
        assert before != after
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        wide = widget.render_line(0)
        assert wide.cell_length == widget.size.width
