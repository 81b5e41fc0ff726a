"""The explosion's promise, "the faint curve is the run before", kept after
an overflow (issue 20): r until it overflows, [ [ [, B, r: the run that
overflowed is drawn faint on a log scale beside the new one."""

import io

import numpy as np
import pytest
from rich.console import Console

from app_support import app_for, shown, until
from gdtui.ui.widgets.error_plot import exploded
from gdtui.viz.curve import ErrorCurve



def render(renderable, width):
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue().rstrip("\n").split("\n")


@pytest.mark.parametrize("errors, wild", [
    ([], False),
    ([0.04, 0.0144, 0.0052], False),                 # alpha-fix: shrinking
    ([0.04, 0.36, 3.24, 29.16], False),              # the book's four explosion lines: 729x
    ([0.04 * 9.0**k for k in range(8)], True),       # 9**7 = 4.8 million times the first
    ([0.04, 0.36, float("inf")], True),              # overflowed
    ([0.04, float("nan")], True),
])
def test_a_ghost_too_tall_for_a_linear_axis(errors, wild):
    assert exploded(np.array(errors, dtype=float)) is wild


def braille_cells(lines):
    return sum(1 for line in lines for ch in line if "\u2801" <= ch <= "\u28ff")


def test_on_a_log_scale_the_ghost_shares_the_axis():
    ghost = np.array([0.04 * 9.0**k for k in range(320)] + [np.inf] * 6)
    now = [0.04 * 0.64**k for k in range(12)]
    with_ghost = render(ErrorCurve(now, ghost=ghost, log=True, height=8), width=40)
    ticks = [line.split("┤")[0].strip() for line in with_ghost if "┤" in line]
    assert "e+30" in ticks[0]  # the axis reaches the ghost's top
    # the faint climb fills the plot's top rows; this run lies along the bottom
    assert braille_cells(with_ghost[:2]) >= 5 and "●" in with_ghost[-2]
    assert with_ghost[-1].split()[-1] == "326"  # the x axis spans the ghost's steps


@pytest.mark.parametrize("lang, log_word", [("en", "(log)"), ("zh", "(对数)")])
async def test_overflow_then_lower_alpha_and_run_again_shows_the_ghost(lang, log_word):
    app = app_for("explosion", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("r", *["plus"] * 6)  # flat out
        await until(pilot, lambda: screen.session.trainer.diverged_at is not None, pauses=4000)
        await until(pilot, lambda: not screen.session.running, pauses=400)
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket", "B")
        await pilot.press(*["space"] * 8)
        await pilot.pause()
        plot = shown(screen.query_one("ErrorPlot")).split("\n")
        assert plot[0].startswith(("error, faint: alpha 1", "error,淡色:alpha 1")) and log_word in plot[0]
        assert "e+30" in plot[1]  # the ghost's overflow sets the top of the log axis
        assert screen.session.trainer.settings.alpha == 0.1
        assert braille_cells(plot) > 10  # the faint climb is drawn
