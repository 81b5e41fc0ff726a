"""RowsWidget (gdtui.ui.widgets.part_widget): the plots and the chain drawn through
Textual's line API keep no stale rows: a new slice, a new size or new
colours each draw them again."""

import pytest

from app_support import app_for
from gdtui.ui.widgets.error_plot import ErrorPlot
from gdtui.ui.line_runs import runs
from gdtui.ui.widgets.part_widget import RowsWidget
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


def drawn_whole(app) -> str:
    """The screen as it would be with every plot drawn whole again."""
    for widget in app.screen.query(RowsWidget):
        widget._drawn = None
        widget.refresh()
    return app.export_screenshot()


# lesson -> keys, each followed by a look: steps, back, the slider, the log
# scale, alpha (a ghost run), and a resize in the middle.
KEYS = {
    "learning-steps": "space space space comma comma full_stop space l space b space",
    "multi-io": "space space tab space l space b",
    "multi-input": "space space space l space",
    "explosion": "space space space space bracketleft space space l",
    "hot-cold": "space space space",
    "measure-error": "space space",
    "frozen-weight": "space space space space",
}


@pytest.mark.parametrize("lesson", list(KEYS))
async def test_rows_repainted_alone_leave_no_stale_row(lesson):
    """A new part repaints only the rows that changed: what is on the screen
    after each key is what drawing every plot whole gives."""
    app = app_for(lesson)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for n, key in enumerate(KEYS[lesson].split()):
            if n == 4:
                await pilot.resize_terminal(100, 32)
            await pilot.press(key)
            await pilot.pause()
            shown = app.export_screenshot()
            assert shown == drawn_whole(app), (lesson, n, key)


async def test_a_step_repaints_only_the_rows_that_changed():
    app = app_for("learning-steps")
    async with app.run_test(size=(120, 40)) as pilot:
        u = await stepped(pilot, WeightPlots)
        await pilot.press("space")
        await pilot.pause()
        repainted = []
        whole = u.refresh
        u.refresh = lambda *regions, **kw: (repainted.append(regions), whole(*regions, **kw))[1]
        await pilot.press("space")
        await pilot.pause()
        rows = [y for regions in repainted for region in regions for y in region.line_range]
        assert repainted and all(regions for regions in repainted)  # never the whole U
        assert 0 < len(rows) < u.size.height // 2, rows


@pytest.mark.parametrize("rows, expected", [
    ([], []), ([3], [(3, 4)]), ([1, 2, 3, 7], [(1, 4), (7, 8)]), ([0, 2, 4], [(0, 1), (2, 3), (4, 5)]),
])
def test_runs(rows, expected):
    assert runs(rows) == expected


@pytest.mark.parametrize("lesson", ["learning-steps", "multi-io"])
async def test_a_step_sends_whole_rows(lesson, monkeypatch):
    """The rows a step repaints are marked side padding and all: Textual then
    sends each line as it is, where a row that stopped short of the padding
    was a crop of every line sent (ChopsUpdate.render_segments)."""
    from rich.console import Console
    from textual.strip import Strip

    from gdtui.ui.driver.compositor import LineCompositor

    updates = []
    real = LineCompositor.render_partial_update
    monkeypatch.setattr(LineCompositor, "render_partial_update",
                        lambda self: updates.append(real(self)) or updates[-1])
    app = app_for(lesson)
    console = Console(width=120, color_system="truecolor", force_terminal=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        updates.clear()
        await pilot.press("space")
        await pilot.pause()
        sent = [update for update in updates if update is not None]
        assert sent
        crops = []
        crop = Strip.crop
        monkeypatch.setattr(Strip, "crop", lambda self, *a: crops.append(a) or crop(self, *a))
        for update in sent:
            update.render_segments(console)
        assert crops == []
