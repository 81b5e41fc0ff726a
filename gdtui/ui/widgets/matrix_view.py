"""Several inputs and several outputs: weight_delta drawn as it is made,
delta (a column) × input (a row), beside the weights heat-shaded by size."""

from __future__ import annotations

import numpy as np
from rich.console import RenderableType
from rich.text import Text

from gdtui.text.safe import shown
from gdtui.ui.view import RunPart
from gdtui.ui.widgets.part_widget import RowsWidget
from gdtui.viz.glyphs import glyphs
from gdtui.viz.grid import Grid
from gdtui.viz.numbers import fmt

SHADES = {False: " ░▒▓", True: " .:#"}  # |weight| in quarters of the largest
BACKGROUNDS = ("", "on grey23", "on grey35", "on grey46")
DIGITS = 3


def outer_product(view: RunPart) -> Grid:
    """delta per output (a column), input (a row), and each weight_delta
    where they meet."""
    last, lesson = view.run.coming or view.run.last, view.lesson  # slid: the coming step
    g = glyphs(view.ascii_only)
    x = last.input if last is not None else view.run.x
    table = Grid(gap=1)
    table.add_column()
    for _ in range(1 + len(x)):
        table.add_column(justify="right")
    table.add_row("", Text("delta", style="dim"),
                  *(shown(f"{n}{g['times']}{fmt(v, DIGITS)}", "dim")
                    for n, v in zip(lesson.input_labels, x)))
    # Hidden (gdtui.practice.fade): `?` as before the first step.
    known_wd = last is not None and "weight_delta" not in view.hidden
    known_delta = last is not None and "delta" not in view.hidden
    for i, out in enumerate(lesson.output_labels):
        cells = [fmt(last.weight_delta[i, j], DIGITS) if known_wd else "?" for j in range(len(x))]
        style = "reverse" if view.selected[0] == i else None
        table.add_row(
            shown(out, style), Text(fmt(last.delta[i], DIGITS) if known_delta else "?", style="bold"),
            *cells,
        )
    return table


def heat_matrix(view: RunPart) -> Grid:
    """The weights the next step starts from, shaded by size (a glyph too, so
    it reads without colour); ▶ marks the ones the last step changed (slid:
    the one the slider moved)."""
    run, lesson = view.run, view.lesson
    last, weights = run.last, run.weights
    g = glyphs(view.ascii_only)
    shades = SHADES[view.ascii_only]
    finite = np.abs(weights[np.isfinite(weights)])
    top = float(finite.max()) if finite.size else 0.0
    table = Grid(gap=1)
    table.add_column()
    for _ in lesson.input_labels:
        table.add_column(justify="right")
    table.add_row("", *(shown(n, "dim") for n in lesson.input_labels))
    for i, out in enumerate(lesson.output_labels):
        cells = []
        for j in range(weights.shape[1]):
            w = weights[i, j]
            level = 0 if top == 0 or not np.isfinite(w) else min(3, int(4 * abs(w) / top))
            if run.coming is not None:  # slid: ▶ on what the slider moved since the last step
                changed = last is not None and not (last.weights_after[i, j] == w)
            else:
                changed = last is not None and last.weights_after is not None and \
                    not (last.weights_after[i, j] == last.weights[i, j])
            mark = "*" if run.is_frozen(i, j) else g["changed"] if changed else " "
            # The new weights hidden (gdtui.practice.fade): their shade stays, the number is ?.
            number = "?" if "weight" in view.hidden and changed else fmt(w, DIGITS)
            text = Text(f"{shades[level]}{number}{mark}", style=BACKGROUNDS[level] or None)
            if view.selected == (i, j):
                text.stylize("reverse")
            cells.append(text)
        table.add_row(shown(out), *cells)
    return table


class MatrixView(RowsWidget):
    DEFAULT_CSS = """
    MatrixView { height: auto; padding: 0 1; }
    """

    def rows(self, part: RunPart) -> int:
        return part.run.weights.shape[0] + 2

    def draw(self, view: RunPart) -> RenderableType:
        # Three cells between the two, or one when that is what fits (80
        # columns): a cut would take the last column's numbers.
        room = (self.content_size.width or 78)
        titles = Text(view.tr("outer_title"), style="bold"), Text(view.tr("heat_title"), style="bold")
        matrices = outer_product(view), heat_matrix(view)  # (the same at any gap: made once)
        for gap in (3, 2, 1):
            grid = Grid(gap=gap)
            grid.add_column()
            grid.add_column()
            grid.add_row(*titles)
            grid.add_row(*matrices)
            if grid.natural_width() <= room:
                break
        return grid
