"""The U-curve of each weight (up to four), or of the selected one.

Each U shows the step on screen, before and after never mixed: the curve
as it was when the step was taken, where it was taken, where it lands. The
numbers come from the engine (gdtui.engine.ucurve); the view of each U is
steady (gdtui.viz.ucurve.steady_window): a function of the path so far.
Several inputs share one error scale and one width of view, so the steep U
of the biggest input stands out, as the chapter says it should.
"""

from __future__ import annotations

import math

import numpy as np
from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from gdtui.engine.ucurve import UData
from gdtui.engine.ucurve import PathSoFar, bottom_of, error_along, ucurve
from gdtui.ui.view import PlotPart
from gdtui.ui.widgets.part_widget import RowsWidget
from gdtui.viz.numbers import fmt
from gdtui.viz.ucurve import UCurve, nice_ceil, start_window, steady_window
from gdtui.viz.weights import weight_label

# Digits under a U, (weight, error), most first: a column shows the most that fit.
CAPTION_DIGITS = ((4, 3), (3, 3), (3, 2), (2, 2))

# Up to this many weights get a U-curve each, side by side.
MAX_CURVES = 4
CURVE_POINTS = 161


def shown_weights(view: PlotPart) -> list[tuple[int, int]]:
    outputs, inputs = view.run.weights.shape
    if outputs * inputs <= MAX_CURVES:
        return [(r, c) for r in range(outputs) for c in range(inputs)]
    return [view.selected]


class Curve:
    """One weight's U for the step on screen: the numbers, then the drawing."""

    def __init__(self, view: PlotPart, row: int, col: int, path: PathSoFar | None = None) -> None:
        """path: the run's path so far, kept by the caller from frame to frame
        (None: read from all the run's steps)."""
        self.view, self.row, self.col = view, row, col
        run = view.run
        if path is None:
            path = PathSoFar()
            path.update(run.steps)
        last = run.last
        if run.coming is not None:  # slid: where the next step starts, not yet taken
            coming = run.coming
            self.before_w, self.x, self.goal = coming.weights, coming.input, coming.goal
            self.after_w = None
            self.before_err = float(coming.error[row])
            # The last step's path, the last step too (it lands where the slide began).
            self.path = np.empty((0, 2))
            if last is not None and last.weights is not None:
                self.path = np.vstack([path.points(row, col),
                                       [(last.weights[row, col], last.error[row])]])
        elif last is None or last.weights is None:
            self.before_w, self.x, self.goal = run.weights, run.x, run.goal
            self.after_w = None
            self.before_err = float(error_along(run.weights, run.x, run.goal, row, col,
                                                [run.weights[row, col]])[0])
            self.path = np.empty((0, 2))
        else:
            self.before_w, self.x, self.goal = last.weights, last.input, last.goal
            self.after_w = last.weights_after
            self.before_err = float(last.error[row])
            # (weight, that output's error) at each step before this one, since the last edit.
            self.path = path.points(row, col)
        if run.coming is not None and last is not None and last.weights_after is not None:
            # Where the last step landed, then the slide: not a climb from where it began.
            landed = float(last.weights_after[row, col])
            err = float(error_along(last.weights_after, last.input, last.goal, row, col, [landed])[0])
            self.path = np.vstack([self.path, [(landed, err)]])
        w = float(self.before_w[row, col])
        self.after = None
        # The new weight hidden (gdtui.practice.fade): where the step lands is not drawn.
        if self.after_w is not None and run.settings.rule.moves and "weight" not in view.hidden:
            w1 = float(self.after_w[row, col])
            e1 = float(error_along(self.after_w, self.x, self.goal, row, col, [w1])[0])
            self.after = (w1, e1)
        self.before = (w, self.before_err)
        # The first view: from the lesson's start (the first kept step).
        first = run.steps[0] if run.steps and run.steps[0].weights is not None else None
        start_w = first.weights if first is not None else self.before_w
        start_x = first.input if first is not None else self.x
        start_goal = first.goal if first is not None else self.goal
        self.start = start = start_window(float(start_w[row, col]),
                                          bottom_of(start_w, start_x, start_goal, row, col))
        visited = np.concatenate((self.path[:, 0], [w], [self.after[0]] if self.after else []))
        self.lo, self.hi = steady_window(start, visited)

    def probes(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """Hot-cold's two tries from where the step is taken: (weight, error) down and up."""
        w, amount = self.before[0], self.view.run.settings.step_amount
        tries = [w - amount, w + amount]
        errors = error_along(self.before_w, self.x, self.goal, self.row, self.col, tries)
        return (tries[0], float(errors[0])), (tries[1], float(errors[1]))

    def data(self, lo: float, hi: float) -> UData:
        return ucurve(self.before_w, self.x, self.goal, self.row, self.col, lo, hi, CURVE_POINTS)

    def error_top(self, u: UData) -> float:
        """The top of the error axis: the curve's highest point in view and
        every point drawn, rounded up so it seldom moves. A frozen weight's
        U is zoomed to the errors that occur: the point, not the walls."""
        points = np.concatenate((self.path[:, 1], [self.before_err], [self.after[1]] if self.after else []))
        frozen = self.view.run.is_frozen(self.row, self.col)
        values = 1.2 * points if frozen else np.concatenate((u.errors, points))
        finite = values[np.isfinite(values)]
        return nice_ceil(float(finite.max())) if finite.size else 1.0

    def renderable(
        self, lo, hi, e_top, u: UData, height: int, wide: bool = True, error: bool = True
    ) -> UCurve:
        view, row, col = self.view, self.row, self.col
        lesson = view.lesson
        # The x axis is the weight: say so (one weight: "weight"; else its name).
        name = "weight" if lesson.weights.size == 1 else weight_label(
            row, col, lesson.input_labels, lesson.output_labels)
        frozen = self.view.run.is_frozen(row, col)
        marks = (" " + view.tr("u_frozen") if frozen else "") + (" " + view.tr("u_log") if view.log_scale else "")
        title = view.tr("u_title", name=name) + marks
        w0, e0 = self.before
        b1 = None
        if frozen and u.bottom is not None and self.after_w is not None:
            b1 = bottom_of(self.after_w, self.x, self.goal, row, col)

        def caption(wd: int, ed: int) -> list[str]:
            """The lines under the U with wd digits for weights, ed for errors."""
            lines = [caption_of(view, self.before, self.after, wd, ed)]
            if not error:  # said once under all the curves
                lines = [lines[0].split(" · ")[0]]
            if frozen and u.bottom is not None:
                d0 = abs(w0 - u.bottom)
                if self.after_w is not None:
                    d1 = abs(self.after[0] - b1) if b1 is not None else math.nan
                    lines.append(view.tr("u_bottom", d0=fmt(d0, ed), d1=fmt(d1, ed)))
                else:
                    lines.append(view.tr("u_bottom_now", d=fmt(d0, ed)))
            return lines

        # The most digits that fit the column (UCurve picks, making the
        # shorter ones only if the first does not fit): never a cut number.
        first, *fewer = CAPTION_DIGITS
        extra: list[str] = []
        mirror = None
        if not view.run.settings.rule.moves and u.mirror is not None:
            mirror = (u.mirror, e0)
            extra.append(view.tr("u_mirror"))
        rule = view.run.settings.rule
        # The slope's value beside its tangent: steeper the farther from the bottom.
        # Hot-cold never uses the slope: its two tries instead.
        slope, slope_label, probes = u.slope, "", None
        if rule.probes:
            slope, probes = math.nan, self.probes()
            extra.append(view.tr("u_probes"))
        elif rule.moves and not view.hidden & {"delta", "weight_delta"}:
            # (its value would tell delta and weight_delta: not while they are hidden, practice.fade)
            slope_label = view.tr("u_slope", slope=fmt(u.slope, 3).replace("-", "−"))
        return UCurve(
            u.ws, u.errors, self.before, after=self.after, slope=slope, path=self.path,
            window=(lo, hi, e_top), log=view.log_scale, bottom=u.bottom, mirror=mirror,
            slope_label=slope_label, probes=probes,
            title=title, short_title=name + marks, caption=caption(*first) + extra,
            shorter_captions=lambda: [caption(wd, ed) + extra for wd, ed in fewer], height=height,
            x_label="weight" if wide else "",
        )


def caption_of(view: PlotPart, before, after, wd: int = 4, ed: int = 3) -> str:
    """`w 0.6952→0.734 · error 0.00124→5.49e-05`: where the step was taken and
    where it lands."""
    (w0, e0) = before
    error = "?" if "error" in view.hidden else fmt(e0, ed)  # hidden: gdtui.practice.fade
    if after is None:
        return view.tr("u_caption_start", w=fmt(w0, wd), e=error)
    return view.tr("u_caption", w0=fmt(w0, wd), w1=fmt(after[0], wd), e0=error,
                   e1=fmt(after[1], ed))


class WeightPlots(RowsWidget):
    DEFAULT_CSS = """
    WeightPlots { height: 1fr; padding: 0 1 0 0; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._path = PathSoFar()  # the path so far, from the new steps only

    def draw(self, view: PlotPart):
        height = max(4, self.size.height)
        self._path.update(view.run.steps)
        curves = [Curve(view, r, c, self._path) for r, c in shown_weights(view)]
        outputs, inputs = view.run.weights.shape
        # Several inputs, one error: one scale, so the steepest U stands out
        # (but a frozen weight's U is zoomed to the errors that occur).
        shared = outputs == 1 and len(curves) > 1 and view.run.settings.frozen is None
        if shared:
            half = max((c.hi - c.lo) / 2 for c in curves)
            spans = [((c.lo + c.hi) / 2 - half, (c.lo + c.hi) / 2 + half) for c in curves]
        else:
            spans = [(c.lo, c.hi) for c in curves]
        datas = [c.data(lo, hi) for c, (lo, hi) in zip(curves, spans)]
        tops = [c.error_top(u) for c, u in zip(curves, datas)]
        if shared:
            tops = [max(tops)] * len(tops)
        if len(curves) == 1:
            (lo, hi), u = spans[0], datas[0]
            return curves[0].renderable(lo, hi, tops[0], u, height)
        one_error = outputs == 1  # several inputs share one output's error
        grid = Table.grid(expand=True, padding=(0, 1))
        cells = []
        for c, (lo, hi), top, u in zip(curves, spans, tops, datas):
            # A frozen weight's U gets more room: its readout is the lesson.
            grid.add_column(ratio=3 if view.run.is_frozen(c.row, c.col) else 2)
            cells.append(c.renderable(lo, hi, top, u, height - one_error, wide=False,
                                      error=not one_error))
        grid.add_row(*cells)
        if not one_error:
            return grid
        first = curves[0]
        shared = caption_of(view, first.before, first.after).split(" · ")[-1]
        said = f"{shared}  ({view.tr('one_error')})"
        if cell_len(said) > self.size.width - 1:  # the error's numbers first, the words if they fit
            said = shared
        return Group(grid, Text(said, no_wrap=True, overflow="ellipsis"))
