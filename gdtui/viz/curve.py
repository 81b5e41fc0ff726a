"""ErrorCurve: a Rich renderable plotting error against training step.

Pure function of its inputs (plain numbers in, text out), so the same object
renders inside a Textual widget and on a plain ``rich`` Console.

    0.64┤⢣
        │ ⠣⡀
        │  ⠘⢄⡀
       0┤    ⠈⠑⠒⠤⠤⠤⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀●
         1            step            50
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from rich.cells import cell_len
from rich.style import Style

from gdtui.viz.ascii import spelled
from gdtui.viz.plotting import (
    Canvas,
    CanvasRenderable,
    Row,
    Scale,
    dot_size,
    draw_series,
    frame_lines,
    gutter_width,
    padded_row,
    round_dots,
    spread_labels,
    y_ticks,
)

DEFAULT_STYLE = Style(color="cyan")
DEFAULT_MARKER_STYLE = Style(color="yellow", bold=True)
DEFAULT_AXIS_STYLE = Style(dim=True)
TITLE_STYLE = Style(bold=True)
GHOST_STYLE = Style(dim=True)


class ErrorCurve(CanvasRenderable):
    """Error (y) against step 1..N (x), with a marker on the latest step.

    Args:
        errors: error after each step, oldest first (list or numpy array).
        log: plot log10(error).  Zero errors are drawn on the bottom edge (at
            the smallest positive error); inf/nan are skipped on either scale.
        height: total rows (title and labels included) when the console does
            not dictate a height.
        title: optional first line; short_title replaces it where it is too wide.
        note: optional short text for the x-axis row, e.g. "overflow at step 326".
        style / marker_style / axis_style: Rich styles for the curve, the
            latest-step marker and the axis + labels.  Shapes alone carry the
            meaning, so the plot reads the same without colour.
    """

    def __init__(
        self,
        errors: Sequence[float] | np.ndarray,
        log: bool = False,
        height: int = 8,
        title: str | None = None,
        short_title: str | None = None,
        style: Style = DEFAULT_STYLE,
        marker_style: Style = DEFAULT_MARKER_STYLE,
        *,
        note: str | None = None,
        axis_style: Style = DEFAULT_AXIS_STYLE,
        first_step: int = 1,
        ghost: Sequence[float] | np.ndarray | None = None,
        words: dict[str, str] | None = None,
        span: int | None = None,
    ) -> None:
        # A private copy keeps rendering a pure function of what was passed in.
        self.errors = np.array(errors, dtype=float).ravel()
        self.log = log
        self.height = height
        self.title = title
        self.short_title = short_title  # when the title is wider than the plot
        self.note = note
        self.first_step = first_step  # the step of errors[0]: long runs keep a window
        # Steps the x axis holds (at least the run's): a run that grows into a
        # steady axis (steady_span) adds a point a step and moves no other.
        self.span = span
        self.style = style
        self.marker_style = marker_style
        self.axis_style = axis_style
        # An earlier run (before alpha changed), drawn faint behind this one.
        self.ghost = None if ghost is None else np.array(ghost, dtype=float).ravel()
        self.words = {"step": "step", "no_steps": "no steps yet", "no_finite": "no finite errors"}
        self.words.update(words or {})

    def _plotted_values(self, errors: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, bool]:
        """Step indices and y values to plot (finite only), and whether y is log10."""
        errors = self.errors if errors is None else errors
        steps = np.arange(len(errors))
        finite = np.isfinite(errors)
        positive = finite & (errors > 0)
        if self.log and positive.any():
            with np.errstate(divide="ignore", invalid="ignore"):
                values = np.log10(errors)
            # Exact zeros have no logarithm: pin them to the lowest positive error.
            values[finite & ~positive] = values[positive].min()
            return steps[finite], values[finite], True
        # Linear scale (or log scale with nothing positive to take the log of).
        return steps[finite], errors[finite], False

    def render_lines(self, width: int, height: int, ascii_only: bool) -> list[Row]:
        if width < 1 or height < 1:
            return []
        show_title = self.title is not None and height >= 3
        show_x_labels = height >= 2
        plot_rows = height - show_title - show_x_labels

        steps, values, is_log = self._plotted_values()
        ghost_steps, ghost_values = np.array([]), np.array([])
        all_values = values
        if self.ghost is not None and self.ghost.size:
            ghost_steps, ghost_values, ghost_log = self._plotted_values(self.ghost)
            if not len(values):  # back at step 0: the ghost alone sets the axis
                all_values, is_log = ghost_values, ghost_log
            elif ghost_log != is_log:
                ghost_values = ghost_values[:0]
            elif is_log:  # a log axis holds both: the ghost that exploded climbs beside this run
                all_values = np.concatenate((values, ghost_values))
            # On a linear axis the axis is this run's: a ghost that exploded
            # leaves by the top instead of flattening the run being watched.
        if len(all_values):
            lo, hi = all_values.min(), all_values.max()
            if not is_log:
                lo = min(lo, 0.0)  # linear error axis starts at 0: "how far from zero?"
        else:
            lo = hi = 0.0

        # The gutter depends on the tick labels, which depend on the row count only.
        rows, dot_h = max(1, plot_rows), dot_size(ascii_only)[1]
        y_scale = Scale(lo, hi, rows * dot_h)
        ticks = y_ticks(y_scale, rows, dot_h, log=is_log) if len(all_values) else {}
        gutter = gutter_width(ticks.values(), width)
        canvas = Canvas(width - gutter, plot_rows, ascii_only)

        span = self._span()
        if len(ghost_values):
            x_scale = Scale(0, max(span - 1, 0), canvas.x_dots)
            ys = y_scale.to_dots(ghost_values)
            inside = ys <= canvas.y_dots - 0.5
            draw_series(
                canvas, round_dots(x_scale.to_dots(ghost_steps[inside]), canvas.x_dots),
                round_dots(ys[inside], canvas.y_dots), GHOST_STYLE, ".",
            )
        if len(values):
            self._draw(canvas, steps, y_scale.to_dots(values), span)
        elif not len(ghost_values):
            message = self.words["no_steps"] if len(self.errors) == 0 else self.words["no_finite"]
            canvas.write(max(0, (canvas.cols - len(message)) // 2), plot_rows // 2, message)

        lines = []
        if show_title:
            title = self.title
            if self.short_title and cell_len(title) > width:
                title = self.short_title
            title = spelled(title) if ascii_only else title
            lines.append(padded_row(title, width, TITLE_STYLE))
        lines += frame_lines(canvas, ticks, gutter, self.axis_style)
        if show_x_labels:
            lines.append(self._x_label_row(width, gutter, ascii_only))
        return lines

    def _draw(self, canvas: Canvas, steps: np.ndarray, y_dots: np.ndarray, span: int) -> None:
        """The curve plus the latest-step marker.  Many steps share a dot column."""
        x_scale = Scale(0, max(span - 1, 0), canvas.x_dots)
        xs = round_dots(x_scale.to_dots(steps), canvas.x_dots)
        ys = round_dots(y_dots, canvas.y_dots)
        draw_series(canvas, xs, ys, self.style, ascii_char="*")
        marker = "O" if canvas.ascii_only else "●"
        canvas.markers(xs[-1:], ys[-1:], marker, self.marker_style)

    def _span(self) -> int:
        """Steps on the x axis: the longer of this run and the ghost, or `span`."""
        count = max(len(self.errors), 0 if self.ghost is None else len(self.ghost))
        return max(count, self.span or 0)

    def _x_label_row(self, width: int, gutter: int, ascii_only: bool) -> Row:
        count = len(self.errors)
        span = self._span()
        first = str(self.first_step) if count else ""
        last = str(self.first_step + span - 1) if count and span > 1 else ""
        middle = self.note if self.note else (self.words["step"] if count else "")
        row = " " * gutter + spread_labels(width - gutter, first, middle, last, ascii_only)
        return padded_row(row, width, self.axis_style)


def steady_span(steps: int) -> int:
    """An x axis that stays put while a run grows into it: 10, 20, 50, 100,
    200, 500, ... steps, the first that holds `steps`. Each step then adds a
    point at the right of the curve drawn so far instead of squeezing all of
    it (and the rows it does not reach are not drawn again)."""
    base = 10
    while True:
        for span in (base, 2 * base, 5 * base):
            if span >= steps:
                return span
        base *= 10


def _demo() -> None:
    from rich.console import Console

    console = Console()
    # The book's "explosion": alpha too large, error grows ~9x per step.
    explosion = [0.04 * 9**k for k in range(30)]
    console.print(ErrorCurve(explosion, log=True, height=10, title="Exploding error (log scale)"))
    console.print()
    decay = [0.64 * 0.9 ** (2 * k) for k in range(50)]
    console.print(ErrorCurve(decay, title="Error shrinking each step"))
    console.print()
    # Overflow: the errors become inf at some point; those steps are skipped.
    overflow = [0.04]
    for _ in range(399):
        overflow.append(overflow[-1] * 9)  # float multiplication overflows to inf
    first_inf = next(i for i, e in enumerate(overflow) if e == float("inf")) + 1
    console.print(
        ErrorCurve(overflow, log=True, title="Overflow", note=f"overflow at step {first_inf}")
    )
    console.print()
    console.print(ErrorCurve([], title="Nothing yet", height=5))


if __name__ == "__main__":
    _demo()
