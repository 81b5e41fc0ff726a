"""Error against step, on an axis that stays put while the run grows into it
(10 steps, then 20, 50, 100, ...: a step adds its point at the right), with
`l` switching to a log scale. After an alpha change the run before it stays
behind as a faint ghost until reset. A ghost that overflowed (or grew a
millionfold) is drawn on a log scale, the run being watched with it: on a
linear axis it would leave by the top at its second step and nothing faint
would be seen."""

from __future__ import annotations

import numpy as np

from gdtui.ui.view import ErrorPart
from gdtui.ui.widgets.part_widget import RowsWidget
from gdtui.viz.curve import ErrorCurve, steady_span
from gdtui.viz.numbers import fmt


class ErrorPlot(RowsWidget):
    DEFAULT_CSS = """
    ErrorPlot { height: 9; padding: 0 1; }
    """
    def draw(self, view: ErrorPart) -> ErrorCurve:
        run = view.run
        log = view.log_scale
        scale = view.tr("log_on" if log else "log_off")  # its key, never cut: "error" alone first
        title, short = view.tr("error_per_step") + " " + scale, "error " + scale
        if view.ghost is not None and view.ghost_alpha is not None:
            # Short enough for 80 columns: which run the faint curve is.
            title = short = view.tr("error_ghost", alpha=fmt(view.ghost_alpha))
            if not log and exploded(view.ghost):
                log = True
                title += " " + view.tr("log_ghost")
        note = view.tr("overflowed", n=run.diverged_at) if run.diverged_at else None
        words = {"step": view.tr("x_step"), "no_steps": view.tr("no_steps"),
                 "no_finite": view.tr("no_finite")}
        steps = max(len(run.errors), 0 if view.ghost is None else len(view.ghost))
        return ErrorCurve(
            run.errors, log=log, title=title, short_title=short, note=note, first_step=run.errors_from,
            ghost=view.ghost, words=words, span=steady_span(steps),
        )


def exploded(errors: np.ndarray) -> bool:
    """The run overflowed, or its error grew a millionfold: too tall for a linear axis."""
    if errors.size == 0:
        return False
    if not np.isfinite(errors).all():
        return True
    positive = errors[errors > 0]
    return bool(positive.size > 1 and positive.max() > 1e6 * positive[0])
