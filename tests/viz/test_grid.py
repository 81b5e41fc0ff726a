"""gdtui.viz.grid.Grid draws exactly what Rich's Table.grid draws, for the
grids gdtui builds (one-line cells, no-wrap columns), at every width from
too narrow to wider than needed: same characters, same styles, cell for cell."""

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Span, Text

from gdtui.viz.grid import Grid

CONSOLE = Console(width=200, force_terminal=True, color_system="truecolor")
WIDTHS = list(range(1, 61)) + [80, 118, 200]


def cell(spec):
    """("text", style) or ("text", style, justify) -> a Text; a str stays a str."""
    if isinstance(spec, str):
        return spec
    text, style, *justify = spec
    return Text(text, style=style or "", justify=justify[0] if justify else None)


def build(kind, gap, expand, columns, rows, overflow=None):
    """The same grid as a Rich Table.grid and as a Grid."""
    if kind == "rich":
        table = Table.grid(padding=(0, gap), expand=expand)
        for justify, ratio in columns:
            table.add_column(justify=justify, ratio=ratio, no_wrap=True,
                             **({"overflow": overflow} if overflow else {}))
    else:
        table = Grid(gap=gap, expand=expand)
        for justify, ratio in columns:
            table.add_column(justify=justify, ratio=ratio)
    for row in rows:
        table.add_row(*(r(kind) if callable(r) else cell(r) for r in row))
    return table


def nested(gap, columns, rows):
    return lambda kind: build(kind, gap, False, columns, rows)


def spanned(text, style, spans):
    """A cell with spans (a chain's number in bold inside dim text, ...)."""
    return lambda kind: Text(text, style=style, spans=[Span(*span) for span in spans])


# Cells that fit and are padded, with spans touching either end or neither:
# Rich cuts a cell's segments at its spans' ends, and the padding joins an
# uncovered stretch beside it.
SPANNED = [
    [spanned("ab cd", "bold", [(0, 2, "red")]), spanned("x y", "", [(2, 3, "blue")])],
    [spanned("ef", "", [(0, 2, "green")]), spanned("zz w", "italic", [(1, 2, "red")])],
    [("a longer cell", None), ("a wider one here", None)],
]
MATRIX = [
    ["", ("delta", "dim"), ("toes×8.5", "dim"), ("%win×0.65", "dim"), ("#fans×1.2", "dim")],
    [("hurt", "reverse"), ("1.24e-11", "bold"), "1.05e-10", "8.06e-12", "1.49e-11"],
    [("win", None), ("-5.45e-13", "bold"), "-4.63e-12", "-3.54e-13", "-6.54e-13"],
]
HEAT = [
    ["", ("toes", "dim"), ("%win", "dim")],
    [("hurt", None), (" 0.0478▶", "on grey23"), (" 0.096▶", "reverse")],
    [("sad", None), ("▓1.29▶ ", "on grey46"), ("\u4e2d\u6587 0.086", None)],
]
CASES = {
    "two columns, right numbers": (1, False, [("left", None), ("right", None)],
                                   [[("pred", None), ("0.76472", "bold")],
                                    ["weight_delta", ("-0.038808", "italic")]]),
    "the multi-io outer product": (1, False, [("left", None)] + [("right", None)] * 4, MATRIX),
    "heat, wide characters": (1, False, [("left", None), ("right", None), ("right", None)], HEAT),
    "status bar": (0, True, [("left", None), ("right", 1)],
                   [[(" learning-steps   step 12  alpha 0.1  ", "bold"), ("speed 20 steps/s ", "italic")]]),
    "status bar, empty message": (0, True, [("left", None), ("right", 1)], [[(" lesson  step 3 ", None), " "]]),
    "expanded, two ratios": (1, True, [("left", 2), ("left", 1), ("right", None)],
                             [[("aaaa", None), ("bb", "red"), ("cc", None)], [("x", None), "", ("dddddd", None)]]),
    "expanded, no ratio": (2, True, [("left", None), ("right", None)], [[("one", None), ("two", "bold")]]),
    "a cell's own justify": (1, False, [("left", None), ("left", None)],
                             [[("a", None, "right"), ("bbbbbb", None)], [("cccc", None), ("d", None, "right")]]),
    "trailing spaces, right": (1, False, [("right", None), ("right", None)],
                               [[("ab  ", "reverse"), ("c", None)], [("de", None), ("fgh", None)]]),
    "cells with spans, padded": (1, False, [("left", None), ("right", None)], SPANNED),
    "grids in a grid": (3, False, [("left", None), ("left", None)],
                        [[("weight_delta = delta × input", "bold"), ("weights (shade: size)", "bold")],
                         [nested(1, [("left", None)] + [("right", None)] * 4, MATRIX),
                          nested(1, [("left", None), ("right", None), ("right", None)], HEAT)]]),
    "a grid beside a short cell": (1, False, [("left", None), ("left", None)],
                                   [[nested(0, [("left", None)], [[("top", None)], [("bottom", None)]]),
                                     ("one line", "dim")]]),
}


def lines(renderable, width):
    """What the renderable draws at `width`: per line, (text, style) runs
    with neighbours of one style merged (how segments are cut is not drawn)."""
    segments = CONSOLE.render(renderable, CONSOLE.options.update_width(width))
    return [[(s.text, s.style or Style.null()) for s in Segment.simplify(
                Segment(t, st or Style.null()) for t, st, _ in line)]
            for line in Segment.split_lines(segments)]


@pytest.mark.parametrize("case", list(CASES))
def test_grid_draws_what_rich_table_grid_draws(case):
    gap, expand, columns, rows = CASES[case]
    rich = build("rich", gap, expand, columns, rows)
    ours = build("ours", gap, expand, columns, rows)
    for width in WIDTHS:
        assert lines(ours, width) == lines(rich, width), f"width {width}"


@pytest.mark.parametrize("case", list(CASES))
def test_grid_measures_what_it_draws(case):
    gap, expand, columns, rows = CASES[case]
    grid = build("ours", gap, expand, columns, rows)
    drawn = lines(grid, 200)
    widest = max(sum(len(t) if t.isascii() else CONSOLE.measure(Text(t)).maximum for t, _ in line)
                 for line in drawn)
    assert widest == (200 if expand else grid.natural_width())


def test_a_str_cell_is_never_markup():
    grid = Grid()
    grid.add_column()
    grid.add_row("[bold]x[/bold]")
    assert lines(grid, 40)[0][0][0].startswith("[bold]x[/bold]")
